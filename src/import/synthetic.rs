//! Made-up registers for testing every view at any size: `n` risks (3 to 30) on a 4- or
//! 5-level scale, optionally with hostile text in every text field (markup that would
//! run if it were ever rendered as HTML or SVG, 10,000-character strings, right-to-left
//! text, emoji). Deterministic: the same [`Synthetic`] gives the same dataset.
//!
//! Built through the real import path, so the result is a dataset the app could have
//! been given by a person: the register is written as CSV in the template's format and
//! read by [`super::register_csv`], made into a dataset by
//! [`super::dataset_from_register`], and — for text longer than a register cell may hold
//! — written as the full dataset JSON and read back by [`super::dataset_json::read`],
//! which accepts longer text.

use super::csv;
use super::rows::{Column, Dim, ReadOptions};
use super::{dataset_from_register, dataset_json, register_csv, ImportErrors};
use crate::model::{Dataset, RatingKind};

/// Markup that must only ever be shown as text.
pub const HOSTILE_MARKUP: [&str; 4] = [
    "<img src=x onerror=alert(1)>",
    "</svg><script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "'><iframe srcdoc=\"<script>alert(1)</script>\">&amp;&lt;",
];

/// Right-to-left text (Arabic and Hebrew) with a right-to-left override character.
pub const RIGHT_TO_LEFT: &str = "مخاطر رعاية الأطفال סיכון \u{202E}txet desrever";

/// Emoji, including a family joined by zero-width joiners and a skin tone.
pub const EMOJI: &str = "👨‍👩‍👧‍👦 🧒🏽 💷 ⚠️ 🏠";

/// The length of the longest strings (in characters).
pub const LONG_CHARS: usize = 10_000;

/// What to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Synthetic {
    /// 3 to 30.
    pub risks: usize,
    /// 4 or 5.
    pub levels: u8,
    /// Hostile text in every text field; otherwise plain titles such as "Risk 7: …".
    pub hostile: bool,
    /// Seeds the ratings (the same seed, the same register).
    pub seed: u64,
}

impl Synthetic {
    pub fn new(risks: usize, levels: u8) -> Self {
        Synthetic {
            risks,
            levels,
            hostile: false,
            seed: 15,
        }
    }

    pub fn hostile(self) -> Self {
        Synthetic {
            hostile: true,
            ..self
        }
    }

    /// The risk ids: R1… for a plain register; 8 characters (the most an id may have)
    /// for a hostile one, so labels are as long as they can be.
    pub fn id(&self, k: usize) -> String {
        if self.hostile {
            format!("HX{k:06}")
        } else {
            format!("R{k}")
        }
    }

    /// The dataset, or why the import refused it (a bug in this generator or the
    /// importer: the tests call `expect`).
    pub fn dataset(&self) -> Result<Dataset, ImportErrors> {
        let base = Dataset::builtin().map_err(|e| {
            ImportErrors::one(super::ImportError::file(format!(
                "the built-in dataset: {e}"
            )))
        })?;
        let register = register_csv::read_with(
            &self.csv(),
            ReadOptions {
                levels: Some(self.levels),
            },
        )?;
        let built = dataset_from_register(&register, &base, &self.file_name())?;
        if !self.hostile {
            return Ok(built.dataset);
        }
        // Text longer than a register cell holds, in the dataset's own fields, read back
        // through the full-dataset import.
        let mut ds = built.dataset;
        let long = long_text(self.seed);
        ds.meta.name = format!("{} {} dataset", HOSTILE_MARKUP[1], EMOJI);
        ds.meta.organisation = format!("{} Council {}", HOSTILE_MARKUP[0], RIGHT_TO_LEFT);
        ds.meta.version = format!("2.{}", HOSTILE_MARKUP[2]);
        for (k, level) in ds.scales.likelihood.iter_mut().enumerate() {
            if k == 1 {
                level.label = format!("{} {}", level.label, HOSTILE_MARKUP[k % 4]);
            }
            level.descriptor = format!("{} {}", level.descriptor, HOSTILE_MARKUP[(k + 1) % 4]);
        }
        for (k, level) in ds.scales.impact.iter_mut().enumerate() {
            if k == 2 {
                level.label = format!("{} {}", level.label, HOSTILE_MARKUP[(k + 2) % 4]);
            }
            level.service = format!("{} {}", level.service, HOSTILE_MARKUP[k % 4]);
        }
        for band in &mut ds.scales.bands {
            band.meaning = format!("{} {}", band.meaning, HOSTILE_MARKUP[3]);
        }
        // The second risk has 10,000 characters in every field; the fifth a long title.
        if let Some(r) = ds.risks.get_mut(1) {
            r.title = long.clone();
            r.short_title = long.clone();
            r.statement = long.clone();
            r.event.definition = long.clone();
            if let Some(o) = r.owner.as_mut() {
                o.name = long.clone();
            }
            for c in &mut r.controls {
                c.name = long.clone();
            }
            for e in &mut r.evidence {
                e.summary = long.clone();
            }
        }
        if let Some(r) = ds.risks.get_mut(4) {
            r.title = long.chars().take(LONG_CHARS / 4).collect();
        }
        dataset_json::read(&dataset_json::write(&ds))
    }

    fn file_name(&self) -> String {
        if self.hostile {
            format!("{}register.csv", HOSTILE_MARKUP[0])
        } else {
            format!("synthetic-{}-risks-{}-levels.csv", self.risks, self.levels)
        }
    }

    /// The register as CSV in the template's format, as a person would import it.
    pub fn csv(&self) -> String {
        let mut rng = Lcg(self.seed ^ (self.risks as u64) << 8 ^ u64::from(self.levels));
        let mut out = csv::line(&[&format!("# scale: {}", self.levels)]);
        let headings: Vec<&str> = Column::ALL.iter().map(|c| c.heading()).collect();
        out.push_str(&csv::line(&headings));
        let top = u64::from(self.levels);
        for k in 1..=self.risks {
            // Inherent at or above current, current at or above target (on each axis).
            let cl = 1 + rng.below(top);
            let ci = 1 + rng.below(top);
            let il = (cl + rng.below(2)).min(top);
            let ii = (ci + rng.below(2)).min(top);
            let tl = cl.saturating_sub(rng.below(2)).max(1);
            let ti = ci.saturating_sub(rng.below(2)).max(1);
            let texts = self.texts(k);
            let cells: Vec<String> = Column::ALL
                .iter()
                .filter(|c| **c != Column::Scale)
                .map(|c| match c {
                    Column::Id => self.id(k),
                    Column::Title => texts.title.clone(),
                    Column::ShortTitle => texts.short.clone(),
                    Column::Statement => texts.statement.clone(),
                    Column::Owner => texts.owner.clone(),
                    Column::Event => texts.event.clone(),
                    Column::Level(kind, dim) => {
                        let (l, i) = match kind {
                            RatingKind::Inherent => (il, ii),
                            RatingKind::Current => (cl, ci),
                            RatingKind::Target => (tl, ti),
                        };
                        match dim {
                            Dim::Likelihood => l.to_string(),
                            Dim::Impact => i.to_string(),
                        }
                    }
                    Column::Controls => texts.controls.clone(),
                    Column::Notes => texts.notes.clone(),
                    Column::Trend => ["rising", "stable", "falling"][k % 3].to_string(),
                    Column::Timing => ["one-off", "persistent"][k % 2].to_string(),
                    Column::Scale => String::new(),
                })
                .collect();
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            out.push_str(&csv::line(&refs));
        }
        out
    }

    fn texts(&self, k: usize) -> Texts {
        if !self.hostile {
            let topic = TOPICS[(k - 1) % TOPICS.len()];
            return Texts {
                title: format!("{topic} (risk {k})"),
                short: format!("{topic} {k}"),
                statement: format!("There is a risk that {} worsens over the plan period, affecting outcomes for children and the budget.", topic.to_lowercase()),
                owner: ["Director of Children's Services", "Director of Finance", "Chief Operating Officer"][k % 3].to_string(),
                event: format!("A year in which {} crosses its tolerance.", topic.to_lowercase()),
                controls: "Monthly review at the executive board\nQuarterly report to the finance committee".to_string(),
                notes: String::new(),
            };
        }
        let h = |j: usize| HOSTILE_MARKUP[(k + j) % HOSTILE_MARKUP.len()];
        let cap = |s: String, n: usize| -> String { s.chars().take(n).collect() };
        Texts {
            title: cap(
                format!("{} {k} {} {}", h(0), RIGHT_TO_LEFT, EMOJI),
                super::MAX_TITLE_CHARS,
            ),
            short: cap(format!("{} {k}", h(1)), super::MAX_SHORT_TITLE_CHARS),
            statement: cap(
                format!("{} statement {k} {} {}", h(2), RIGHT_TO_LEFT, h(3)),
                super::MAX_STATEMENT_CHARS,
            ),
            owner: cap(format!("{} owner {EMOJI}", h(3)), super::MAX_OWNER_CHARS),
            event: cap(format!("{} event {k}", h(0)), super::MAX_EVENT_CHARS),
            controls: format!("{} control\n{}", h(1), RIGHT_TO_LEFT),
            notes: format!("{} {EMOJI}", h(2)),
        }
    }
}

struct Texts {
    title: String,
    short: String,
    statement: String,
    owner: String,
    event: String,
    controls: String,
    notes: String,
}

/// Plain topics for a register of made-up risks.
const TOPICS: [&str; 12] = [
    "Placement sufficiency",
    "Workforce stability",
    "Demand for care",
    "Funding settlement",
    "Regulatory judgement",
    "Data protection",
    "Partnership working",
    "Cyber security",
    "Care leavers' housing",
    "Court delays",
    "Unaccompanied children",
    "Market prices",
];

/// 10,000 characters: words, markup, right-to-left text and emoji, and one unbroken run
/// of 2,000 letters (the worst case for wrapping).
pub fn long_text(seed: u64) -> String {
    let mut out = String::new();
    let mut k = seed as usize;
    let run: String = "W".repeat(2_000);
    out.push_str(&run);
    out.push(' ');
    while out.chars().count() < LONG_CHARS {
        let piece = match k % 4 {
            0 => HOSTILE_MARKUP[(k / 4) % HOSTILE_MARKUP.len()],
            1 => RIGHT_TO_LEFT,
            2 => EMOJI,
            _ => "a long sentence of plain words about the risk",
        };
        out.push_str(piece);
        out.push(' ');
        k += 1;
    }
    out.chars().take(LONG_CHARS).collect()
}

/// A small deterministic generator (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_and_scale_imports_as_a_valid_dataset() {
        for levels in [4, 5] {
            for n in [3, 12, 25, 30] {
                for hostile in [false, true] {
                    let spec = Synthetic {
                        hostile,
                        ..Synthetic::new(n, levels)
                    };
                    let ds = spec
                        .dataset()
                        .unwrap_or_else(|e| panic!("{n} risks, {levels} levels: {e}"));
                    assert_eq!(ds.risks.len(), n);
                    assert_eq!(ds.scales.levels(), levels);
                    assert_eq!(ds.consequences.risks.len(), n);
                    assert_eq!(spec.dataset().unwrap(), ds, "deterministic");
                }
            }
        }
    }

    #[test]
    fn hostile_text_is_kept_verbatim() {
        let ds = Synthetic::new(25, 4).hostile().dataset().unwrap();
        assert_eq!(ds.risks[1].title.chars().count(), LONG_CHARS);
        assert!(ds.risks[0].title.contains(HOSTILE_MARKUP[1]));
        assert!(ds.risks[0].title.contains(RIGHT_TO_LEFT));
        assert!(ds.risks[0].title.contains(EMOJI));
        assert!(ds.risks.iter().all(|r| r.id.0.len() == 8));
        assert!(ds.meta.organisation.contains("<img"));
    }
}
