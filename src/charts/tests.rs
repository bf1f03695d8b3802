//! Every chart of the app at once: at the default state and at presets, the colour rule
//! (one meaning per kind of thing, see [`kit::palette`]), no text struck through, and the
//! design width and smallest text of each chart for the layout to check against.

use super::kit::*;
use super::*;
use crate::model::calibration::backtest;
use crate::model::edits::InteractionEdits;
use crate::model::projection::{project, sensitivities, DriverEdits};
use crate::model::register::{RatingKind, RegisterEdits};
use crate::model::scenario::{excess_sensitivities, run_stress, Inputs};
use crate::model::simulation::{SimOutput, SimRequest, SimSettings};
use crate::model::{Dataset, RiskId};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::builtin().expect("built-in dataset"))
}

fn sim(rating: RatingKind) -> SimOutput {
    SimRequest {
        settings: SimSettings {
            trials: 1_000,
            rating,
            ..SimSettings::default()
        },
        ..SimRequest::default()
    }
    .run(ds())
}

/// One state of the app: a name and every chart it draws, with the risks each draws.
struct State {
    name: String,
    charts: Vec<Chart>,
}

/// The app's charts at the default state and at each stress preset (and a custom scenario
/// of five risks), the simulation at current and target ratings.
fn states() -> &'static Vec<State> {
    static STATES: OnceLock<Vec<State>> = OnceLock::new();
    STATES.get_or_init(|| {
        let ds = ds();
        let d = &ds.drivers;
        let none = DriverEdits::new();
        let register = RegisterEdits::default();
        let p = project(d, &none);
        let s = sensitivities(d, &none);
        let mut states = Vec::new();
        let run = sim(RatingKind::Current);
        let inputs = Inputs::new(ds, &none, &register);
        let stress = |events: &[crate::model::consequences::StressEvent]| {
            let r = run_stress(inputs, events);
            let x = excess_sensitivities(inputs, events);
            stress::all(ds, &r, &x)
        };
        let mut first = drivers::all(d, &p, &p, &s);
        first.extend(stress(&[]));
        first.extend(simulation::all(ds, &run.summary, &run.by_rating));
        first.extend(network::all(ds, &ds.interactions, &InteractionEdits::new()));
        first.extend(register::all(ds, &register, RatingKind::Current));
        first.extend(record::all(
            ds,
            Some(&run.summary),
            backtest(inputs).as_ref(),
        ));
        states.push(State {
            name: "default".to_string(),
            charts: first,
        });
        for preset in &ds.consequences.presets {
            states.push(State {
                name: preset.name.clone(),
                charts: stress(&preset.events),
            });
        }
        let five: Vec<_> = ds.consequences.presets[..2]
            .iter()
            .flat_map(|p| p.events.clone())
            .take(5)
            .collect();
        states.push(State {
            name: "five risks".to_string(),
            charts: stress(&five),
        });
        let target = sim(RatingKind::Target);
        let mut edits = DriverEdits::new();
        edits.insert("cic_growth".to_string(), 6.0);
        let hot = project(d, &edits);
        let mut charts = simulation::all(ds, &target.summary, &target.by_rating);
        charts.extend(drivers::all(d, &hot, &p, &sensitivities(d, &edits)));
        states.push(State {
            name: "target ratings, faster growth".to_string(),
            charts,
        });
        states
    })
}

fn all_charts() -> impl Iterator<Item = (&'static str, &'static Chart)> {
    states()
        .iter()
        .flat_map(|s| s.charts.iter().map(move |c| (s.name.as_str(), c)))
}

/// The rating charts: the only ones that may paint a band colour.
const RATING_CHARTS: [&str; 1] = ["heat-map"];

/// The charts whose colours say money worse or better.
const MONEY_CHARTS: [&str; 9] = [
    "spend-funding",
    "gap-by-year",
    "driver-tornado",
    "outturns-gap",
    "stress-excess-sensitivity",
    "sim-tornado",
    "sim-pairwise",
    "stress-impacts",
    "stress-outturn-paths",
];

/// The risk labels a chart writes ("R3" on its own or at the start of a name).
fn risks_named(c: &Chart) -> Vec<String> {
    let mut out: Vec<String> = text_boxes(&c.svg)
        .iter()
        .flat_map(|t| {
            t.text
                .split(|ch: char| !ch.is_ascii_alphanumeric())
                .filter(|w| {
                    w.len() >= 2
                        && w.starts_with('R')
                        && w[1..].chars().all(|ch| ch.is_ascii_digit())
                })
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_palette_bands_are_the_datasets_bands() {
    let bands: Vec<String> = ds()
        .scales
        .bands
        .iter()
        .map(|b| b.colour.to_uppercase())
        .collect();
    let ours: Vec<String> = BANDS.iter().map(|c| hex(*c)).collect();
    assert_eq!(bands, ours);
    // The stylesheet's accents are not band colours (bands mean ratings only).
    let css = include_str!("../../styles/main.css").to_uppercase();
    for var in ["--PLUM:", "--ORANGE:"] {
        let line = css.lines().find(|l| l.trim().starts_with(var)).unwrap();
        for b in &ours {
            assert!(!line.contains(b.as_str()), "{line} is a band colour");
        }
    }
    assert!(css.contains(&format!("--PLUM: {};", hex(ACCENT))));
}

#[test]
fn the_colour_families_never_share_a_colour() {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let families: [(&str, Vec<RGBColor>); 4] = [
        ("band", BANDS.to_vec()),
        ("money", MONEY.to_vec()),
        ("risk", RISK_COLOURS.to_vec()),
        (
            "house",
            vec![
                DARK_BLUE, MID_BLUE, LIGHT_BLUE, DARK_GREY, MID_GREY, LIGHT_GREY, TEXT, GRID,
                ACCENT,
            ],
        ),
    ];
    for (name, colours) in &families {
        for c in colours {
            if let Some(other) = seen.insert(hex(*c), name) {
                assert!(
                    other == *name && other == "house",
                    "{} is both {other} and {name}",
                    hex(*c)
                );
            }
        }
    }
    assert_eq!(risk_colour(&RiskId::new("R1")), Some(RISK_COLOURS[0]));
    assert_eq!(risk_colour(&RiskId::new("R9")), Some(RISK_COLOURS[8]));
    assert_eq!(risk_colour(&RiskId::new("R10")), None);
    let five: Vec<RiskId> = (1..=5).map(|i| RiskId::new(&format!("R{i}"))).collect();
    assert_eq!(risk_colours(&five), vec![RISK_NEUTRAL; 5]);
    assert_eq!(risk_colours(&five[..4]), RISK_COLOURS[..4].to_vec());
}

#[test]
fn band_colours_only_in_rating_charts() {
    let bands: Vec<String> = BANDS.iter().map(|c| hex(*c)).collect();
    let mut rating_seen = false;
    for (state, c) in all_charts() {
        let used = colours(&c.svg);
        let found: Vec<&String> = bands.iter().filter(|b| used.contains(*b)).collect();
        if RATING_CHARTS.contains(&c.id) {
            rating_seen |= found.len() == bands.len();
        } else {
            assert!(
                found.is_empty(),
                "{state}: {} paints band colours {found:?}",
                c.id
            );
        }
    }
    assert!(rating_seen, "the heat map paints every band");
}

#[test]
fn money_colours_only_for_money() {
    let money: Vec<String> = MONEY.iter().map(|c| hex(*c)).collect();
    let mut painted: Vec<&str> = Vec::new();
    for (state, c) in all_charts() {
        let used = colours(&c.svg);
        if money.iter().any(|m| used.contains(m)) {
            assert!(
                MONEY_CHARTS.contains(&c.id),
                "{state}: {} is not a money chart but paints a money colour",
                c.id
            );
            painted.push(c.id);
        }
    }
    for id in [
        "spend-funding",
        "gap-by-year",
        "driver-tornado",
        "sim-tornado",
    ] {
        assert!(painted.contains(&id), "{id} shows worse or better money");
    }
}

#[test]
fn a_risk_has_one_colour_everywhere_and_only_when_four_or_fewer_are_drawn() {
    let risk_hex: Vec<String> = RISK_COLOURS.iter().map(|c| hex(*c)).collect();
    let mut coloured = 0;
    for (state, c) in all_charts() {
        let used = colours(&c.svg);
        let present: Vec<usize> = (0..RISK_COLOURS.len())
            .filter(|i| used.contains(&risk_hex[*i]))
            .collect();
        if present.is_empty() {
            continue;
        }
        coloured += 1;
        let named = risks_named(c);
        assert!(
            present.len() <= MAX_COLOURED_RISKS && named.len() <= MAX_COLOURED_RISKS,
            "{state}: {} colours {} risks ({named:?})",
            c.id,
            present.len()
        );
        for i in present {
            let id = format!("R{}", i + 1);
            assert!(
                named.contains(&id),
                "{state}: {} paints {id}'s colour but draws {named:?}",
                c.id
            );
        }
        // A legend swatch in a risk's colour is followed by that risk's name.
        let tags: Vec<&str> = c.svg.split('<').skip(1).collect();
        for (k, tag) in tags.iter().enumerate() {
            let Some(i) = risk_hex.iter().position(|h| tag.contains(h.as_str())) else {
                continue;
            };
            if tag.starts_with("text") {
                continue;
            }
            if let Some(next) = tags.get(k + 1).filter(|t| t.starts_with("text")) {
                let words = &next[next.find('>').unwrap_or(0) + 1..];
                let first = words.split_whitespace().next().unwrap_or("");
                if first.starts_with('R') && first[1..].chars().all(|ch| ch.is_ascii_digit()) {
                    assert_eq!(
                        first,
                        format!("R{}", i + 1),
                        "{state}: {} swatch colour",
                        c.id
                    );
                }
            }
        }
    }
    assert!(coloured >= 4, "the stress presets colour their risks");
}

#[test]
fn a_preset_colours_its_risks_with_their_own_colours() {
    let ds = ds();
    let none = DriverEdits::new();
    let register = RegisterEdits::default();
    let inputs = Inputs::new(ds, &none, &register);
    for preset in &ds.consequences.presets {
        let r = run_stress(inputs, &preset.events);
        let x = excess_sensitivities(inputs, &preset.events);
        for c in stress::all(ds, &r, &x).iter().take(2) {
            let used = colours(&c.svg);
            for e in &preset.events {
                let own = hex(risk_colour(&e.risk).unwrap());
                assert!(used.contains(&own), "{}: {} not in {own}", c.id, e.risk);
            }
        }
    }
}

#[test]
fn no_text_is_struck_through() {
    let mut all = Vec::new();
    for (state, c) in all_charts() {
        for (text, s) in struck_through(&c.svg) {
            all.push(format!(
                "{state}: {}: {text:?} by {} {:?}-{:?}",
                c.id, s.stroke, s.a, s.b
            ));
        }
    }
    all.dedup();
    assert!(all.is_empty(), "{} struck:\n{}", all.len(), all.join("\n"));
}

/// Design width and smallest text of every chart. At 1366×768 a chart about 850 wide
/// shows 12 units as 16 px; at 1920 one 960 wide or more shows them as 18 px.
#[test]
fn every_chart_is_640_wide_with_text_of_12_or_more() {
    let mut table: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for (_, c) in all_charts() {
        let (w, f) = (design_width(&c.svg), min_font(&c.svg));
        let e = table.entry(c.id).or_insert((w, f));
        e.1 = e.1.min(f);
        assert_eq!(w, f64::from(WIDTH), "{}", c.id);
        assert!(f >= 12.0 - 1e-9, "{}: text at {f}", c.id);
        let open = &c.svg[..c.svg.find('>').unwrap()];
        assert!(open.contains("width=\"100%\"") && !open.contains("height="));
    }
    println!("chart id | design width | smallest text (units) | at 850 px | at 960 px");
    for (id, (w, f)) in &table {
        println!(
            "{id} | {w} | {f} | {:.1} px | {:.1} px",
            f * 850.0 / w,
            f * 960.0 / w
        );
    }
    assert!(table.len() >= 25, "{}", table.len());
}

/// Writes every chart's SVG to $CHART_DUMP (for looking at), when it is set.
#[test]
fn dump_charts_when_asked() {
    let Ok(dir) = std::env::var("CHART_DUMP") else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    for (n, s) in states().iter().enumerate() {
        for c in &s.charts {
            std::fs::write(format!("{dir}/{n}-{}.svg", c.id), &c.svg).unwrap();
        }
    }
}

#[test]
fn the_struck_text_check_finds_a_line_through_words() {
    let svg = render((WIDTH, HEIGHT), |root| {
        label(
            root,
            "Council uplift to the core contract sum",
            (40, 100),
            &text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Center)),
        )?;
        root.draw(&PathElement::new(
            vec![(120, 40), (120, 300)],
            DARK_GREY.stroke_width(1),
        ))?;
        // Beside the words, and a grid line through them: neither counts.
        root.draw(&PathElement::new(
            vec![(400, 40), (400, 300)],
            DARK_GREY.stroke_width(1),
        ))?;
        root.draw(&PathElement::new(
            vec![(60, 40), (60, 300)],
            GRID.stroke_width(1),
        ))
    });
    let hits = struck_through(&svg);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].0, "Council uplift to the core contract sum");
    assert_eq!(hits[0].1.a.0, 120.0);
}
