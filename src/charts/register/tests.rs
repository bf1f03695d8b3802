use super::*;
use crate::charts::kit::{assert_clean, hex, rects_filled};
use crate::model::register::{RatingKind, RegisterEdits};
use crate::model::{Dataset, Rating};

/// Whether the SVG has `text` as a whole line (plotters writes text on its own line).
fn has_line(svg: &str, text: &str) -> bool {
    svg.lines().any(|l| l.trim() == text)
}

#[test]
fn the_heat_map_is_a_chart_with_a_row_per_risk() {
    let ds = Dataset::builtin().unwrap();
    let edits = RegisterEdits::default();
    let c = heat_map(&ds, &edits, RatingKind::Current);
    assert_clean(&c, &[]);
    assert_eq!(c.id, "heat-map");
    assert_eq!(c.table.rows.len(), ds.risks.len());
    assert_eq!(c.table.headers.len(), 7);
    let appetite = edits.appetite(&ds.scales);
    let mut above = 0;
    for (risk, row) in ds.risks.iter().zip(&c.table.rows) {
        let rating = edits.rating(risk, RatingKind::Current);
        let score = rating.score();
        assert_eq!(row[0], risk.id.to_string());
        assert_eq!(row[1], risk.short_title);
        assert!(
            row[2].starts_with(&rating.likelihood.to_string()),
            "{row:?}"
        );
        assert!(row[3].starts_with(&rating.impact.to_string()), "{row:?}");
        assert_eq!(row[4], score.0.to_string());
        assert_eq!(row[5], ds.scales.band_of(score).name);
        let over = score.above(appetite);
        assert_eq!(row[6], if over { "Yes" } else { "No" });
        above += usize::from(over);
        // Every risk's circle carries its id.
        assert!(has_line(&c.svg, &risk.id.to_string()), "{}", risk.id);
    }
    assert!(
        c.title
            .starts_with(&format!("{above} of {} risks", ds.risks.len()))
            || (above == 0 && c.title.starts_with("None of the")),
        "{}",
        c.title
    );
    assert!(c.title.contains("above appetite at current ratings"));
    assert!(c.caption.contains(&format!("score above {appetite}")));
}

#[test]
fn every_cell_shows_its_score_and_band() {
    let ds = Dataset::builtin().unwrap();
    let c = heat_map(&ds, &RegisterEdits::default(), RatingKind::Inherent);
    assert!(c.svg.starts_with("<svg") && c.svg.contains("viewBox=\"0 0 640 "));
    for l in 1..=5u8 {
        for i in 1..=5u8 {
            let score = Rating::new(l, i).unwrap().score();
            assert!(has_line(&c.svg, &score.0.to_string()), "{}", score.0);
        }
    }
    // 25 cells, each filled with its band's colour (the legend adds one swatch a band).
    let filled: usize = ds
        .scales
        .bands
        .iter()
        .map(|b| {
            let colour = super::heat_map::parse_hex(&b.colour);
            assert_eq!(hex(colour).to_lowercase(), b.colour.to_lowercase());
            rects_filled(&c.svg, colour) - 1
        })
        .sum();
    assert_eq!(filled, 25);
    for b in &ds.scales.bands {
        assert!(has_line(&c.svg, &b.name), "{}", b.name);
    }
}

#[test]
fn the_appetite_decides_the_hatching_the_line_and_the_title() {
    let ds = Dataset::builtin().unwrap();
    let mut edits = RegisterEdits::default();
    edits.set_appetite(&ds.scales, 25);
    let none = heat_map(&ds, &edits, RatingKind::Current);
    assert_clean(&none, &[]);
    assert!(none.title.starts_with("None of the"), "{}", none.title);
    assert!(none.table.rows.iter().all(|r| r[6] == "No"));

    edits.set_appetite(&ds.scales, 1);
    let all = heat_map(&ds, &edits, RatingKind::Current);
    assert_clean(&all, &[]);
    assert!(all.table.rows.iter().all(|r| r[6] == "Yes"));
    assert!(
        all.title.starts_with(&format!(
            "{n} of {n} risks are above appetite",
            n = ds.risks.len()
        )),
        "{}",
        all.title
    );
    assert!(all.svg.len() > none.svg.len(), "hatching adds lines");
}

#[test]
fn the_chart_uses_the_maps_geometry_at_the_chart_width() {
    let l = super::heat_map::chart_layout(40.0, 5);
    let page = Layout::default();
    assert_eq!(l.width(), 640.0);
    assert_eq!(
        (l.cell, l.right, l.bottom),
        (page.cell, page.right, page.bottom)
    );
}

#[test]
fn above_appetite_is_strictly_above_the_threshold() {
    let s = Rating::new(3, 4).unwrap().score();
    assert!(s.above(11));
    assert!(!s.above(12));
}

#[test]
fn all_lists_the_registers_charts() {
    let ds = Dataset::builtin().unwrap();
    let charts = all(&ds, &RegisterEdits::default(), RatingKind::Current);
    assert_eq!(charts.len(), 1);
    assert_eq!(charts[0].id, "heat-map");
}

/// Writes the heat map to /tmp/simcharts for a look (cargo test -- --ignored write_heat_map).
#[test]
#[ignore]
fn write_heat_map() {
    let ds = Dataset::builtin().unwrap();
    std::fs::create_dir_all("/tmp/simcharts").unwrap();
    let c = heat_map(&ds, &RegisterEdits::default(), RatingKind::Current);
    std::fs::write("/tmp/simcharts/heat-map.svg", &c.svg).unwrap();
}
