//! Export → import is the identity: for registers (generated, 3 to 30 risks, 4 or 5
//! levels, hostile text) through CSV, and for whole datasets (the built-in one, mutated)
//! through JSON.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use risk_explorer::import::register_csv::{self, export_register_csv};
use risk_explorer::import::{
    dataset_from_register, dataset_json, CostTiming, ImportedRisk, RegisterImport,
    MAX_STATEMENT_CHARS,
};
use risk_explorer::model::register::TrendDirection;
use risk_explorer::model::scales::Rating;
use risk_explorer::model::Dataset;

/// Text a register might hold, or that someone might put in one to break it.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.'()-]{1,40}",
        Just("<script>alert('x')</script>".to_string()),
        Just("<b>bold</b> & <i>it</i>".to_string()),
        Just("\"quoted\", with commas, and \"\"doubled\"\" quotes".to_string()),
        Just("=HYPERLINK(\"http://example.com\",\"x\")".to_string()),
        Just("+44 121 000 0000".to_string()),
        Just("-5% below plan".to_string()),
        Just("@risk".to_string()),
        Just("'quoted start".to_string()),
        Just("# not a comment here".to_string()),
        Just("مخاطر التمويل".to_string()),
        Just("\u{202e}reversed\u{202c} text".to_string()),
        Just("Funding 📉 risk 🚸 ✔".to_string()),
        Just("tab\there".to_string()),
        Just("naïve café – “curly” ‘quotes’ … £5m".to_string()),
        "\\PC{1,30}",
    ]
    .prop_map(|s| s.trim().to_string())
    .prop_filter("not empty", |s| {
        !s.is_empty() && !s.chars().any(|c| c.is_control() && c != '\t')
    })
}

/// Multi-line text (a statement, notes), each line hostile.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile(), 1..4).prop_map(|lines| lines.join("\n"))
}

fn capped(max: usize) -> impl Strategy<Value = String> {
    hostile()
        .prop_map(move |s| s.chars().take(max).collect::<String>().trim().to_string())
        .prop_filter("not empty", |s| !s.is_empty())
}

fn rating(levels: u8) -> impl Strategy<Value = Rating> {
    (1..=levels, 1..=levels).prop_map(|(l, i)| Rating::new(l, i).unwrap())
}

fn risk(levels: u8) -> impl Strategy<Value = ImportedRisk> {
    (
        (
            capped(200),
            capped(60),
            paragraph(),
            prop::option::of(capped(120)),
            prop::option::of(paragraph()),
        ),
        (rating(levels), rating(levels), rating(levels)),
        (
            prop::collection::vec(capped(300), 0..5),
            prop::option::of(paragraph()),
            prop::option::of(prop_oneof![
                Just(TrendDirection::Rising),
                Just(TrendDirection::Stable),
                Just(TrendDirection::Falling)
            ]),
            prop_oneof![Just(CostTiming::OneOff), Just(CostTiming::Persistent)],
        ),
    )
        .prop_map(
            |(
                (title, short_title, statement, owner, event),
                (inherent, current, target),
                (controls, notes, trend, timing),
            )| {
                ImportedRisk {
                    row: 0,
                    id: String::new(),
                    title,
                    short_title,
                    statement,
                    owner,
                    event,
                    inherent,
                    current,
                    target,
                    controls,
                    notes,
                    trend,
                    timing,
                }
            },
        )
}

fn register() -> impl Strategy<Value = RegisterImport> {
    prop_oneof![Just(4u8), Just(5u8)].prop_flat_map(|levels| {
        (prop::collection::vec(risk(levels), 3..=30), "[A-Z]{1,3}").prop_map(
            move |(mut risks, prefix)| {
                for (k, r) in risks.iter_mut().enumerate() {
                    r.id = format!("{prefix}{}", k + 1);
                }
                RegisterImport {
                    levels,
                    risks,
                    notes: Vec::new(),
                }
            },
        )
    })
}

fn without_rows(reg: &RegisterImport) -> Vec<ImportedRisk> {
    reg.risks
        .iter()
        .map(|r| ImportedRisk {
            row: 0,
            ..r.clone()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A register made into a dataset, exported as CSV and read again is the same
    /// register (row numbers aside: the export has its own notes above the header).
    #[test]
    fn register_export_then_import_is_the_identity(reg in register()) {
        let base = Dataset::builtin().unwrap();
        let built = dataset_from_register(&reg, &base, "generated.csv").unwrap();
        let csv = export_register_csv(&built.dataset);
        let back = register_csv::read(&csv).unwrap_or_else(|e| panic!("{e}\n{csv}"));
        prop_assert_eq!(back.levels, reg.levels);
        prop_assert_eq!(without_rows(&back), without_rows(&reg));
        prop_assert!(back.notes.is_empty(), "{:?}", back.notes);
        // And the dataset built from it again is the same, but for the rows cited.
        let again = dataset_from_register(&back, &base, "generated.csv").unwrap();
        prop_assert_eq!(export_register_csv(&again.dataset), csv);
    }

    /// Text over its cap is refused with a message naming the row and column, never cut.
    #[test]
    fn text_over_the_cap_is_refused_not_cut(reg in register(), which in 0usize..30, extra in 1usize..9_000) {
        let mut reg = reg;
        let k = which % reg.risks.len();
        reg.risks[k].statement = "x".repeat(MAX_STATEMENT_CHARS + extra);
        let mut big = reg.clone();
        big.risks[k].statement = "ok".into();
        let built = dataset_from_register(&big, &Dataset::builtin().unwrap(), "g.csv").unwrap();
        let mut ds = built.dataset;
        ds.risks[k].statement = reg.risks[k].statement.clone();
        let e = register_csv::read(&export_register_csv(&ds)).unwrap_err();
        prop_assert_eq!(e.errors.len(), 1);
        let line = &e.lines()[0];
        prop_assert!(line.contains("column ‘statement’: the text is"), "{}", line);
        prop_assert!(line.contains("at most 2,000"), "{}", line);
    }
}

/// A mutation of the built-in dataset that keeps it valid.
#[derive(Debug, Clone)]
enum Mutation {
    Title(usize, String),
    Statement(usize, String),
    Rating(usize, u8, u8),
    Shock(usize, f64),
    DropLastRisks(usize),
    ContractSum(f64),
    Appetite(u8),
    Owner(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0usize..9, paragraph()).prop_map(|(i, s)| Mutation::Title(i, s)),
        (0usize..9, paragraph()).prop_map(|(i, s)| Mutation::Statement(i, s)),
        (0usize..9, 1u8..=5, 1u8..=5).prop_map(|(i, l, m)| Mutation::Rating(i, l, m)),
        (0usize..9, -1.0e3f64..1.0e3).prop_map(|(i, x)| Mutation::Shock(i, x)),
        (1usize..=6).prop_map(Mutation::DropLastRisks),
        (1.0f64..1.0e4).prop_map(Mutation::ContractSum),
        (1u8..=25).prop_map(Mutation::Appetite),
        (0usize..9, capped(120)).prop_map(|(i, s)| Mutation::Owner(i, s)),
    ]
}

fn apply(ds: &mut Dataset, m: &Mutation) {
    let n = ds.risks.len();
    match m {
        Mutation::Title(i, s) => ds.risks[i % n].title = s.clone(),
        Mutation::Statement(i, s) => ds.risks[i % n].statement = s.clone(),
        Mutation::Rating(i, l, m) => {
            let r = &mut ds.risks[i % n].ratings.current;
            r.likelihood = risk_explorer::model::Likelihood::new(*l).unwrap();
            r.impact = risk_explorer::model::Impact::new(*m).unwrap();
        }
        Mutation::Shock(i, x) => {
            let k = i % ds.consequences.risks.len();
            if let Some(s) = ds.consequences.risks[k].shocks.first_mut() {
                (s.low, s.likely, s.high) = (*x, *x, *x);
            }
        }
        Mutation::DropLastRisks(d) => {
            // Keep at least three; drop what names a dropped risk, as an editor would.
            let keep = n.saturating_sub(*d).max(3);
            ds.risks.truncate(keep);
            let ids: Vec<_> = ds.risks.iter().map(|r| r.id.clone()).collect();
            ds.consequences.risks.retain(|c| ids.contains(&c.risk));
            ds.consequences
                .presets
                .retain(|p| p.events.iter().all(|e| ids.contains(&e.risk)));
            ds.interactions
                .edges
                .retain(|e| ids.contains(&e.from) && ids.contains(&e.to));
        }
        Mutation::ContractSum(x) => ds.scales.contract_sum.gbp_m = *x,
        Mutation::Appetite(t) => ds.scales.appetite.threshold = *t,
        Mutation::Owner(i, s) => {
            ds.risks[i % n].owner = Some(risk_explorer::model::register::Owner {
                name: s.clone(),
                provenance: risk_explorer::model::Provenance {
                    assumption: Some("Named by the user.".into()),
                    ..Default::default()
                },
            })
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The full dataset written as JSON and read again is the same dataset.
    #[test]
    fn dataset_export_then_import_is_the_identity(ms in prop::collection::vec(mutation(), 0..6)) {
        let mut ds = Dataset::builtin().unwrap();
        for m in &ms {
            apply(&mut ds, m);
        }
        ds.validate().unwrap_or_else(|e| panic!("{ms:?}: {e}"));
        let text = dataset_json::write(&ds);
        let back = dataset_json::read(&text).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(back, ds);
    }
}
