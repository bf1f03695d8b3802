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
