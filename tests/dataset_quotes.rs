//! Every quote in the dataset must appear verbatim in the seed line(s) it cites, and
//! every risk's title and statement must be printed on its cited line. Runs when
//! `../shared/seeds` is present (it is on developer machines and in CI).

use risk_explorer::model::{Citation, Dataset};
use std::collections::HashMap;
use std::path::PathBuf;

fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    dir.is_dir().then_some(dir)
}

/// Collapses runs of whitespace so a quote copied across a tab still matches.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Seeds {
    dir: PathBuf,
    cache: HashMap<String, Vec<String>>,
}

impl Seeds {
    fn lines(&mut self, c: &Citation) -> Result<String, String> {
        if !self.cache.contains_key(&c.source) {
            let text = std::fs::read_to_string(self.dir.join(&c.source))
                .map_err(|e| format!("cannot read seed {}: {e}", c.source))?;
            self.cache
                .insert(c.source.clone(), text.lines().map(str::to_string).collect());
        }
        let lines = &self.cache[&c.source];
        if c.last_line as usize > lines.len() {
            return Err(format!("{c}: the seed has only {} lines", lines.len()));
        }
        Ok(lines[c.first_line as usize - 1..c.last_line as usize].join(" "))
    }
}

#[test]
fn every_quote_is_verbatim_in_its_seed() {
    let Some(dir) = seeds_dir() else {
        eprintln!("../shared/seeds not present: quote check skipped");
        return;
    };
    let dataset = Dataset::builtin().expect("built-in dataset loads");
    let mut seeds = Seeds {
        dir,
        cache: HashMap::new(),
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for (field, p) in dataset.provenances() {
        if let Some((quote, cite)) = p.quoted() {
            checked += 1;
            match seeds.lines(cite) {
                Ok(text) if squash(&text).contains(&squash(quote)) => {}
                Ok(_) => failures.push(format!("{field}: quote not found at {cite}: {quote:?}")),
                Err(e) => failures.push(format!("{field}: {e}")),
            }
        }
        for cite in p.evidence.iter().chain(p.cite.iter()) {
            if let Err(e) = seeds.lines(cite) {
                failures.push(format!("{field}: {e}"));
            }
        }
    }
    for risk in &dataset.risks {
        for cite in std::iter::once(&risk.cite).chain(risk.also_cited.iter()) {
            checked += 1;
            match seeds.lines(cite) {
                Ok(text) => {
                    for (what, s) in [("title", &risk.title), ("statement", &risk.statement)] {
                        if !squash(&text).contains(&squash(s)) {
                            failures.push(format!("{} {what} not found at {cite}: {s:?}", risk.id));
                        }
                    }
                }
                Err(e) => failures.push(format!("{}: {e}", risk.id)),
            }
        }
    }
    assert!(checked > 0, "no quotes were checked");
    assert!(
        failures.is_empty(),
        "{} quote problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A seed line as a reader sees it: markdown marks (`#`, `**`, `<b>`) and table tabs
/// dropped, whitespace squashed. The words themselves are untouched.
fn clean_line(line: &str) -> String {
    let no_marks = line
        .replace("<b>", "")
        .replace("</b>", "")
        .replace("**", "")
        .replace("\\_", "_");
    squash(no_marks.trim_start_matches('#'))
}

/// The words a citation points at, as shipped in `data/excerpts.json`: its lines cleaned
/// and joined, cut at a word before 300 characters with an ellipsis.
fn excerpt_of(lines: &[String]) -> String {
    const MAX: usize = 300;
    let text = squash(
        &lines
            .iter()
            .map(|l| clean_line(l))
            .collect::<Vec<_>>()
            .join(" "),
    );
    if text.chars().count() <= MAX {
        return text;
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(i) => &cut[..i],
        None => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

fn seed_lines(dir: &std::path::Path, source: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(source))
        .unwrap_or_else(|e| panic!("cannot read seed {source}: {e}"))
        .lines()
        .map(str::to_string)
        .collect()
}

/// Letters and digits only, lower case: how a heading is compared with the seed.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[test]
fn every_section_is_a_heading_printed_in_its_document() {
    let Some(dir) = seeds_dir() else {
        eprintln!("../shared/seeds not present: section check skipped");
        return;
    };
    let dataset = Dataset::builtin().expect("built-in dataset loads");
    let mut failures = Vec::new();
    for source in &dataset.meta.sources {
        let lines = seed_lines(&dir, &source.id);
        assert!(
            !source.sections.is_empty(),
            "{} has no sections",
            source.title
        );
        for s in &source.sections {
            let at = s.first_line as usize;
            if at > lines.len() {
                failures.push(format!("{}: {} starts past the end", source.title, s.title));
                continue;
            }
            if s.title == "Cover page" {
                if at != 1 {
                    failures.push(format!("{}: the cover starts at line {at}", source.title));
                }
                continue;
            }
            // The heading: the title less its "§N " and any "Part: " before the name.
            let heading = s
                .title
                .trim_start_matches(|c: char| c == '§' || c.is_ascii_digit());
            let heading = heading.rsplit(": ").next().unwrap_or(heading);
            let window = letters(&lines[at - 1..(at + 11).min(lines.len())].join(" "));
            if !window.contains(&letters(heading)) {
                failures.push(format!(
                    "{}: \"{heading}\" is not printed at lines {at}-{}",
                    source.title,
                    at + 11
                ));
            }
            // A numbered section's number is printed with it ("11. Managing Risk").
            if let Some(n) = s.title.strip_prefix('§').and_then(|t| t.split(' ').next()) {
                if !window.contains(&letters(n)) {
                    failures.push(format!("{}: §{n} is not printed at {at}", source.title));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_citation_has_its_words_shipped_verbatim() {
    let Some(dir) = seeds_dir() else {
        eprintln!("../shared/seeds not present: excerpt check skipped");
        return;
    };
    let dataset = Dataset::builtin().expect("built-in dataset loads");
    let mut seeds: HashMap<String, Vec<String>> = HashMap::new();
    let mut expected = std::collections::BTreeMap::new();
    for (field, c) in dataset.citations() {
        let lines = seeds
            .entry(c.source.clone())
            .or_insert_with(|| seed_lines(&dir, &c.source));
        assert!(
            c.last_line as usize <= lines.len(),
            "{field}: {c} is past the end"
        );
        let words = excerpt_of(&lines[c.first_line as usize - 1..c.last_line as usize]);
        assert!(!words.is_empty(), "{field}: {c} cites blank lines");
        expected.insert(c.to_string(), words);
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/excerpts.json");
    if std::env::var_os("UPDATE_EXCERPTS").is_some() {
        let json = serde_json::to_string_pretty(&expected).unwrap();
        std::fs::write(&path, json + "\n").unwrap();
    }
    let shipped = risk_explorer::model::excerpts::all();
    // Every citation has its words, and nothing else is shipped.
    let missing: Vec<_> = expected
        .keys()
        .filter(|k| !shipped.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "no excerpt for {missing:?} (run with UPDATE_EXCERPTS=1)"
    );
    let extra: Vec<_> = shipped
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    assert!(
        extra.is_empty(),
        "excerpts for citations no longer used: {extra:?}"
    );
    for (cite, words) in shipped {
        // The shipped words are the seed's, exactly as the extract cleans them…
        assert_eq!(
            words, &expected[cite],
            "{cite}: the excerpt differs from the seed"
        );
        // …and, independently of the cleaning, each word appears in the cited lines.
        let c: Citation = cite.parse().unwrap();
        let raw = seeds[&c.source][c.first_line as usize - 1..c.last_line as usize].join(" ");
        for word in words.trim_end_matches('…').split_whitespace() {
            assert!(raw.contains(word), "{cite}: \"{word}\" is not in the seed");
        }
        assert!(words.chars().count() <= 301, "{cite}: excerpt too long");
    }
}
