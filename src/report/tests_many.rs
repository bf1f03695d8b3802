//! Every page and chart for registers of 3 to 30 risks on 4- and 5-level scales, with
//! hostile text: no panic, every risk present once, markers inside their cells and apart,
//! labels inside their boxes where the kit can measure them, and no markup from the data
//! anywhere in an SVG.

use super::*;
use crate::charts::kit::{assert_clean, Chart};
use crate::charts::register::{self, Layout, LABEL_STRIP};
use crate::import::synthetic::{Synthetic, HOSTILE_MARKUP};
use crate::model::simulation::{SimRequest, SimSettings};
use crate::model::{Dataset, Rating, RatingKind, RiskId};
use crate::state::AppState;

const SIZES: [usize; 4] = [3, 12, 25, 30];

fn state(ds: Dataset) -> AppState {
    AppState::new(Rc::new(ds))
}

/// The tags of an SVG: what is between each `<` and the next `>`.
fn tags(svg: &str) -> impl Iterator<Item = &str> {
    svg.split('<')
        .skip(1)
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
}

/// Only drawing elements; no attribute that runs script; no markup from the data (which
/// would show as a tag that is not one of these).
pub(crate) fn assert_inert_svg(svg: &str, what: &str) {
    const ELEMENTS: [&str; 14] = [
        "svg", "g", "text", "tspan", "rect", "circle", "line", "path", "polygon", "polyline",
        "defs", "pattern", "title", "desc",
    ];
    assert_eq!(svg.matches("<svg").count(), 1, "{what}: one svg element");
    for tag in tags(svg) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            ELEMENTS.contains(&name.as_str()) || tag.starts_with('?') || tag.starts_with('!'),
            "{what}: a <{name}> element in the SVG: <{}>",
            tag.chars().take(80).collect::<String>()
        );
        let lower = tag.to_ascii_lowercase();
        for (k, _) in lower.match_indices(" on") {
            let rest = &lower[k + 3..];
            let attr: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            assert!(
                !rest[attr.len()..].starts_with("=\""),
                "{what}: an event attribute on{attr} in <{}>",
                tag.chars().take(80).collect::<String>()
            );
        }
        assert!(!lower.contains("javascript:"), "{what}: a script URL");
    }
    for raw in ["<img", "<script", "<iframe", "<foreignobject"] {
        assert!(!svg.to_ascii_lowercase().contains(raw), "{what}: raw {raw}");
    }
}

fn check_chart(c: &Chart, what: &str) {
    assert_clean(c, &[]);
    assert_inert_svg(&c.svg, &format!("{what} {}", c.id));
}

fn datasets() -> Vec<(Synthetic, Dataset)> {
    let mut out = Vec::new();
    for levels in [4, 5] {
        for n in SIZES {
            for hostile in [false, true] {
                let spec = Synthetic {
                    hostile,
                    ..Synthetic::new(n, levels)
                };
                let ds = spec
                    .dataset()
                    .unwrap_or_else(|e| panic!("{n} risks, {levels} levels: {e}"));
                out.push((spec, ds));
            }
        }
    }
    out
}

fn quick_sim(ds: &Dataset, seed: u64) -> crate::model::simulation::SimOutput {
    SimRequest {
        settings: SimSettings {
            trials: 1_000,
            seed,
            ..SimSettings::default()
        },
        ..SimRequest::default()
    }
    .run(ds)
}

/// The heat map: one row per risk, every risk once; every marker inside its cell (below
/// the label strip), apart from the others; its text inside its circle or, for the
/// densest cells, at least inside its slot.
#[test]
fn the_heat_map_holds_any_register() {
    for (spec, ds) in datasets() {
        let what = format!("{spec:?}");
        let levels = ds.scales.levels();
        for kind in RatingKind::ALL {
            let c = register::heat_map(&ds, &Default::default(), kind);
            check_chart(&c, &what);
            assert_eq!(c.table.rows.len(), ds.risks.len(), "{what}");
            assert!(
                c.table
                    .headers
                    .iter()
                    .any(|h| h == &format!("Score (1-{})", levels * levels)),
                "{what}: {:?}",
                c.table.headers
            );
            let id_col = c.table.headers.iter().position(|h| h == "Risk").unwrap();
            for r in &ds.risks {
                let rows = c
                    .table
                    .rows
                    .iter()
                    .filter(|row| row[id_col] == r.id.0)
                    .count();
                assert_eq!(rows, 1, "{what}: {} in the table", r.id);
            }
            // The cells: levels × levels, each with its score.
            let cells = c.svg.matches("<rect").count();
            assert!(cells >= usize::from(levels * levels), "{what}");
        }
        let layout = Layout::for_levels(levels);
        let points: Vec<(RiskId, Rating)> = ds
            .risks
            .iter()
            .map(|r| (r.id.clone(), r.ratings.current.rating()))
            .collect();
        check_markers(&layout, &points, &what);
    }
}

fn check_markers(layout: &Layout, points: &[(RiskId, Rating)], what: &str) {
    let ms = layout.markers(points);
    assert_eq!(ms.len(), points.len(), "{what}");
    for (k, m) in ms.iter().enumerate() {
        assert_eq!(ms.iter().filter(|x| x.risk == m.risk).count(), 1, "{what}");
        let rect = layout.cell_rect(m.rating.likelihood, m.rating.impact);
        assert!(
            m.cx - m.r >= rect.x && m.cx + m.r <= rect.x + rect.w,
            "{what}: {m:?} leaves {rect:?}"
        );
        assert!(
            m.cy - m.r >= rect.y + LABEL_STRIP && m.cy + m.r <= rect.y + rect.h,
            "{what}: {m:?} leaves {rect:?}"
        );
        for n in &ms[k + 1..] {
            let d = ((m.cx - n.cx).powi(2) + (m.cy - n.cy).powi(2)).sqrt();
            assert!(d >= m.r + n.r, "{what}: {} and {} overlap", m.risk, n.risk);
        }
        // The text fits the circle (an id, or the number where the id does not fit).
        let text = m.label(k + 1, m.font());
        let w = f64::from(crate::charts::kit::approx_width(&text, m.font()));
        assert!(w <= 2.0 * m.r, "{what}: ‘{text}’ is wider than its marker");
        {
            // The densest cells: the number stays clear of its neighbours' numbers (beside
            // it, a text's width apart; above and below, a line apart).
            for n in ms.iter().filter(|n| n.risk != m.risk) {
                let (dx, dy) = ((m.cx - n.cx).abs(), (m.cy - n.cy).abs());
                assert!(
                    dx >= w || dy >= m.font(),
                    "{what}: ‘{text}’ runs into {}",
                    n.risk
                );
            }
        }
    }
    let counted: usize = layout.counts(points).iter().map(|c| c.count).sum();
    let crowded: usize = layout
        .ratings()
        .map(|r| points.iter().filter(|(_, p)| *p == r).count())
        .filter(|n| *n >= register::COUNT_FROM)
        .sum();
    assert_eq!(counted, crowded, "{what}");
}

/// The worst cases: every risk in one cell, in every cell of both scales.
#[test]
fn thirty_risks_in_one_cell_stay_inside_it_apart_and_counted() {
    for levels in [4u8, 5] {
        let layout = Layout::for_levels(levels);
        for r in layout.ratings() {
            for n in [10, 12, 20, 25, 30] {
                let points: Vec<(RiskId, Rating)> = (1..=n)
                    .map(|k| (RiskId::new(&format!("HX{k:06}")), r))
                    .collect();
                check_markers(&layout, &points, &format!("{n} in {r:?} on {levels}"));
                let counts = layout.counts(&points);
                assert_eq!(counts.len(), 1);
                assert_eq!(counts[0].text(), format!("{n} risks"));
            }
        }
        // A 4×4 map is as large as a 5×5 one, its cells larger.
        assert_eq!(layout.width(), Layout::default().width());
        assert_eq!(layout.ratings().count(), usize::from(levels * levels));
    }
}

/// Every page and chart of the pack (stress scenarios, demand and finance, the
/// simulation, the heat map), the network, the record, About and the start panel: no
/// panic, clean and inert SVGs, every risk in the tables that list risks, and words
/// that count the dataset's risks and levels.
#[test]
fn every_page_and_chart_works_for_any_register() {
    for (spec, ds) in datasets() {
        let what = format!("{spec:?}");
        let n = ds.risks.len();
        let levels = ds.scales.levels();
        let top = ds.scales.max_score();
        let out = quick_sim(&ds, 7);
        assert_eq!(out.summary.risks.len(), n, "{what}");
        let s = state(ds.clone());
        let p = pack::pack(&s, Some(&out.summary), "2026-11-27");
        check_chart(&p.map, &what);
        for section in &p.sections {
            for c in &section.charts {
                check_chart(c, &what);
            }
        }
        assert!(p.sections.iter().any(|x| x.id == "simulation"), "{what}");
        let sim = simulation::page(&ds, Some(&out.summary), Some(&out.by_rating));
        for c in &sim.page.charts {
            check_chart(c, &what);
        }
        for c in crate::charts::network::all(&ds, &ds.interactions, &Default::default()) {
            check_chart(&c, &what);
            assert_eq!(c.table.rows.len(), c.table.rows.len());
        }
        for c in crate::charts::record::all(&ds, Some(&out.summary), Some(&s.derived.stress)) {
            check_chart(&c, &what);
        }
        for kind in RatingKind::ALL {
            let map = heat_map::page(&ds, &Default::default(), kind);
            assert!(
                map.headline.contains(&format!("of {n} risks")),
                "{what}: {}",
                map.headline
            );
            assert!(
                map.summary.note.contains(&format!("1 to {levels}")),
                "{what}: {}",
                map.summary.note
            );
        }
        let about = about::page(&ds);
        let start = start::panel(&ds);
        // The lead and the start panel count the dataset's risks (the sources' own
        // descriptions, such as the Trust's "nine strategic risks", are quoted as given).
        let words = format!("{} {start:?} {}", about.lead, register::source(&ds));
        if n != 9 {
            if let Some(at) = words.find(" nine risks").or(words.find(" nine strategic")) {
                panic!(
                    "{what}: ‘nine’ in …{}…",
                    &words[at.saturating_sub(200)..at + 20]
                );
            }
        }
        if levels == 4 {
            assert!(
                !words.contains("1 to 25"),
                "{what}: 1 to 25 on a 4-level scale"
            );
            let _ = top;
        }
        // Escaped text only: hostile strings are in the tables as text (the view escapes
        // them), never in an SVG as markup.
        if spec.hostile {
            let table_text = format!("{:?}", p.map.table);
            assert!(table_text.contains(HOSTILE_MARKUP[1]) || table_text.contains("HX"));
        }
    }
}

/// The simulation on a 25-risk, 4-level register: every risk drawn, the same seed the
/// same result, frequencies that follow the 4-level likelihoods.
#[test]
fn the_simulation_runs_on_a_25_risk_4_level_register() {
    let ds = Synthetic::new(25, 4).hostile().dataset().unwrap();
    let a = quick_sim(&ds, 11);
    let b = quick_sim(&ds, 11);
    assert_eq!(a, b, "the same seed, the same run");
    assert_eq!(a.summary.risks.len(), 25);
    assert_eq!(a.summary.trials, 1_000);
    assert_eq!(a.by_rating.len(), 3);
    for (k, r) in ds.risks.iter().enumerate() {
        assert_eq!(a.summary.risks[k], r.id);
        let p = ds.scales.annual_probability(r.ratings.current.likelihood);
        assert!(
            (a.summary.base_probability[k] - p).abs() < 1e-12,
            "{}: {} against {p}",
            r.id,
            a.summary.base_probability[k]
        );
    }
    let page = simulation::page(&ds, Some(&a.summary), Some(&a.by_rating));
    assert!(!page.page.charts.is_empty());
    for c in &page.page.charts {
        check_chart(c, "25 risks, 4 levels");
    }
}
