//! A dataset from an imported register. The register replaces the risks; each risk gets
//! a default financial consequence (a generic cost pressure sized by its impact band,
//! marked as an assumption); the drivers and money figures stay those of the dataset in
//! use (the Trust's, until a full dataset is imported); links and presets that name a
//! risk the register does not have are dropped, and listed in the notes.

use super::rows::{CostTiming, ImportedRisk, RegisterImport};
use super::{ImportError, ImportErrors};
use crate::model::consequences::{Consequences, RiskConsequences, Shock, Timing, EXTRA_COST};
use crate::model::dataset::{Meta, Source};
use crate::model::register::{
    Attachment, Control, DefaultRating, DefaultRatings, EventDefinition, Evidence, Owner, Trend,
    TrendDirection,
};
use crate::model::scales::{Appetite, Band, ImpactLevel, LikelihoodLevel, Scales};
use crate::model::{Citation, Dataset, Provenance, Risk, RiskId};

/// The source id an imported register's citations name: `imported-register:12` is row 12.
pub const IMPORT_SOURCE: &str = "imported-register";

/// The rationale of an event definition the register did not give.
pub const DEFAULT_EVENT_ASSUMPTION: &str = "The register does not define the event; this default reads it as the risk happening in a year, as its title says. Edit it to say what crystallising means for this risk.";

/// The rationale of a trend the register did not give.
pub const DEFAULT_TREND_ASSUMPTION: &str =
    "The register gives no trend, so the risk is shown as stable.";

/// Where in its financial-impact band each point of a default consequence lands
/// (0 the bottom of the band, 1 its top): low, most likely, high.
pub const DEFAULT_BAND_POSITIONS: [f64; 3] = [0.1, 1.0 / 3.0, 0.9];

/// A dataset built from a register, and what a person should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltDataset {
    pub dataset: Dataset,
    pub notes: Vec<String>,
}

fn cited(row: usize) -> Provenance {
    Provenance {
        cite: Some(cite(row)),
        ..Default::default()
    }
}

fn cite(row: usize) -> Citation {
    let row = u32::try_from(row).unwrap_or(u32::MAX);
    Citation {
        source: IMPORT_SOURCE.to_string(),
        first_line: row,
        last_line: row,
    }
}

fn assumed(why: &str) -> Provenance {
    Provenance {
        assumption: Some(why.to_string()),
        ..Default::default()
    }
}

/// The default event definition of a risk whose register gives none.
pub fn default_event(title: &str) -> String {
    format!("A year in which this risk happens: {title}")
}

/// Builds the dataset. `base` gives the drivers, money figures, links and presets (the
/// built-in dataset, or one imported before); `file_name` names the register in the
/// sources.
pub fn dataset_from_register(
    import: &RegisterImport,
    base: &Dataset,
    file_name: &str,
) -> Result<BuiltDataset, ImportErrors> {
    let mut notes = import.notes.clone();
    let scales = scales_for(import.levels, &base.scales).map_err(ImportErrors::one)?;
    let ids: Vec<RiskId> = import.risks.iter().map(|r| RiskId::new(&r.id)).collect();
    let known = |id: &RiskId| ids.contains(id);

    let risks: Vec<Risk> = import.risks.iter().map(risk_from).collect();
    let consequences = Consequences {
        risks: import
            .risks
            .iter()
            .map(|r| RiskConsequences {
                risk: RiskId::new(&r.id),
                shocks: vec![default_shock(r, &scales)],
            })
            .collect(),
        presets: base
            .consequences
            .presets
            .iter()
            .filter(|p| p.events.iter().all(|e| known(&e.risk)))
            .cloned()
            .collect(),
    };
    let dropped_presets: Vec<String> = base
        .consequences
        .presets
        .iter()
        .filter(|p| !p.events.iter().all(|e| known(&e.risk)))
        .map(|p| {
            let missing: Vec<String> = p
                .events
                .iter()
                .filter(|e| !known(&e.risk))
                .map(|e| e.risk.to_string())
                .collect();
            format!("‘{}’ (needs {})", p.name, missing.join(", "))
        })
        .collect();
    let mut interactions = base.interactions.clone();
    let (kept, dropped): (Vec<_>, Vec<_>) = interactions
        .edges
        .into_iter()
        .partition(|e| known(&e.from) && known(&e.to));
    interactions.edges = kept;
    notes.push(
        "Each risk's money consequence is a default: a generic cost pressure sized by its current impact level (the band's lower part most likely), marked as an assumption. Replace it with the risk's real consequences where they are known."
            .to_string(),
    );
    if !dropped.is_empty() {
        notes.push(format!(
            "{} {} between risks of {} name a risk this register does not have, so {} not used: {}.",
            dropped.len(),
            if dropped.len() == 1 { "link" } else { "links" },
            base.meta.organisation,
            if dropped.len() == 1 { "it is" } else { "they are" },
            dropped
                .iter()
                .map(|e| format!("{} → {}", e.from, e.to))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !interactions.edges.is_empty() {
        notes.push(format!(
            "{} {} between risks with the same ids are kept from {}'s dataset; check that they still hold for these risks.",
            interactions.edges.len(),
            if interactions.edges.len() == 1 { "link" } else { "links" },
            base.meta.organisation
        ));
    }
    if !dropped_presets.is_empty() {
        notes.push(format!(
            "Stress scenarios that name a risk this register does not have are not offered: {}.",
            dropped_presets.join("; ")
        ));
    }
    notes.push(format!(
        "The money figures (budgets, drivers, history) are still {}'s until a full dataset is imported.",
        base.meta.organisation
    ));

    let title: String = file_name.trim().chars().take(200).collect();
    let source = Source {
        id: IMPORT_SOURCE.to_string(),
        title: if title.is_empty() {
            "Imported risk register".to_string()
        } else {
            title
        },
        short_title: "Imported register".to_string(),
        date: "as imported".to_string(),
        publisher: "The organisation that imported it".to_string(),
        used_for: format!(
            "The risks, their ratings, owners, events, controls and notes (each cited by its row). The money figures are still {}'s until a full dataset is imported.",
            base.meta.organisation
        ),
        sections: Vec::new(),
    };
    let mut sources: Vec<Source> = base
        .meta
        .sources
        .iter()
        .filter(|s| s.id != IMPORT_SOURCE)
        .cloned()
        .collect();
    sources.push(source);
    let meta = Meta {
        format: base.meta.format,
        name: format!(
            "Imported risk register, with {}'s money figures",
            base.meta.organisation
        ),
        organisation: "Your organisation".to_string(),
        version: "imported".to_string(),
        as_at: "As in the imported register".to_string(),
        compounding_statement: assumed(
            "The imported register does not say how its risks combine; the links kept, if any, are assumptions carried over from the dataset in use.",
        ),
        sources,
    };
    let dataset = Dataset {
        meta,
        scales,
        risks,
        drivers: base.drivers.clone(),
        consequences,
        interactions,
    };
    dataset.validate().map_err(|e| {
        ImportErrors::one(ImportError::file(format!(
            "the register could not be made into a dataset ({e})"
        )))
    })?;
    Ok(BuiltDataset { dataset, notes })
}

fn risk_from(r: &ImportedRisk) -> Risk {
    let rating = |kind| {
        let rating = r.rating(kind);
        DefaultRating {
            likelihood: rating.likelihood,
            impact: rating.impact,
            rationale: format!("As the imported register rates it (row {}).", r.row),
        }
    };
    use crate::model::RatingKind::*;
    Risk {
        id: RiskId::new(&r.id),
        title: r.title.clone(),
        short_title: r.short_title.clone(),
        statement: r.statement.clone(),
        cite: cite(r.row),
        also_cited: Vec::new(),
        event: match &r.event {
            Some(e) => EventDefinition {
                definition: e.clone(),
                provenance: cited(r.row),
            },
            None => EventDefinition {
                definition: default_event(&r.title),
                provenance: assumed(DEFAULT_EVENT_ASSUMPTION),
            },
        },
        owner: r.owner.as_ref().map(|name| Owner {
            name: name.clone(),
            provenance: cited(r.row),
        }),
        ratings: DefaultRatings {
            inherent: rating(Inherent),
            current: rating(Current),
            target: rating(Target),
            provenance: cited(r.row),
        },
        financial_impact: None,
        trend: match r.trend {
            Some(direction) => Trend {
                direction,
                provenance: cited(r.row),
            },
            None => Trend {
                direction: TrendDirection::Stable,
                provenance: assumed(DEFAULT_TREND_ASSUMPTION),
            },
        },
        controls: r
            .controls
            .iter()
            .map(|name| Control {
                name: name.clone(),
                attachment: Attachment::Stated,
                provenance: cited(r.row),
            })
            .collect(),
        evidence: r
            .notes
            .iter()
            .map(|n| Evidence {
                summary: n.clone(),
                provenance: cited(r.row),
            })
            .collect(),
    }
}

/// A risk's default consequence: extra spend of low / most likely / high at
/// [`DEFAULT_BAND_POSITIONS`] of its current impact's £ band, once or from that year on.
pub fn default_shock(r: &ImportedRisk, scales: &Scales) -> Shock {
    let impact = r.current.impact;
    let (lo, hi) = scales.financial_band_capped(impact);
    let at = |p: f64| ((lo + p * (hi - lo)) * 100.0).round() / 100.0;
    let [low, likely, high] = DEFAULT_BAND_POSITIONS.map(at);
    let label = &scales.impact_level(impact).label;
    let money = |x: f64| format!("£{x:.1}m");
    Shock {
        driver: EXTRA_COST.to_string(),
        low,
        likely,
        high,
        timing: match r.timing {
            CostTiming::OneOff => Timing::OneOff,
            CostTiming::Persistent => Timing::Persistent,
        },
        explain: match r.timing {
            CostTiming::OneOff => "A generic cost pressure in the year the risk happens.".to_string(),
            CostTiming::Persistent => {
                "A generic cost pressure from the year the risk happens on.".to_string()
            }
        },
        provenance: assumed(&format!(
            "The register gives no consequences, so this default is a cost sized by the risk's current impact, {} ({label}: {} to {} a year): {} low, {} most likely, {} high. Replace it with the risk's real consequences where they are known.",
            impact.get(),
            money(lo),
            money(hi),
            money(low),
            money(likely),
            money(high),
        )),
    }
}

/// The scales of an imported register: the dataset's own when the level counts agree;
/// a 4-level version of its 5-level scales otherwise.
pub fn scales_for(levels: u8, base: &Scales) -> Result<Scales, ImportError> {
    if levels == base.levels() {
        return Ok(base.clone());
    }
    if levels == 4 && base.levels() == 5 {
        return Ok(four_level_scales(base));
    }
    Err(ImportError::file(format!(
        "the register uses a {levels}-level scale and the dataset in use a {}-level one; import a full dataset with a {levels}-level scale first",
        base.levels()
    )))
}

/// A 4-level version of the 5-level scales (the common 4 × 4 UK register): the same
/// period and contract sum; likelihood Unlikely, Possible, Likely, Almost certain;
/// impact Minor, Moderate, Major, Severe on the 5-level £ bands without Significant;
/// bands over scores 1-16; appetite 6 (so Possible × Severe and Likely × Major are
/// outside it, as on the 5-level scale). Every choice is marked as an assumption.
pub fn four_level_scales(five: &Scales) -> Scales {
    let l = |k: usize| &five.likelihood[k];
    let likelihood = vec![
        LikelihoodLevel {
            level: 1,
            label: "Unlikely".into(),
            descriptor: "Not expected during the period; it could happen, but would take unusual circumstances.".into(),
            chance_in_period: 0.10,
        },
        LikelihoodLevel {
            level: 2,
            chance_in_period: 0.35,
            ..l(2).clone()
        },
        LikelihoodLevel {
            level: 3,
            chance_in_period: 0.65,
            ..l(3).clone()
        },
        LikelihoodLevel {
            level: 4,
            chance_in_period: 0.90,
            ..l(4).clone()
        },
    ];
    let impact: Vec<ImpactLevel> = [0, 1, 3, 4]
        .iter()
        .enumerate()
        .map(|(k, &from)| ImpactLevel {
            level: k as u8 + 1,
            ..five.impact[from].clone()
        })
        .collect();
    let ranges = [(1, 3), (4, 7), (8, 11), (12, 16)];
    let bands: Vec<Band> = ranges
        .iter()
        .enumerate()
        .map(|(k, &(min, max))| {
            let from = &five.bands[(k * five.bands.len()) / ranges.len()];
            Band {
                min,
                max,
                ..from.clone()
            }
        })
        .collect();
    let why = |what: &str| {
        assumed(&format!(
            "The register uses a 4-level scale; {what} are a 4-level reading of the built-in 5-level scale, for the register's own definitions to replace."
        ))
    };
    Scales {
        likelihood_period_years: five.likelihood_period_years,
        likelihood,
        likelihood_probability_provenance: why("the chances of each likelihood level (10%, 35%, 65% and 90% over the period)"),
        impact,
        impact_provenance: why("the impact levels (the 5-level bands without Significant)"),
        contract_sum: five.contract_sum.clone(),
        bands,
        bands_provenance: why("the score bands (Low 1-3, Medium 4-7, High 8-11, Very high 12-16)"),
        appetite: Appetite {
            threshold: 6,
            provenance: why("the appetite (scores above 6, such as Possible × Severe or Likely × Major, are outside it)"),
        },
    }
}
