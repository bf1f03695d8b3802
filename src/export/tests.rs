use super::*;
use crate::charts::kit::{Chart, Table};
use crate::model::simulation::{SimRequest, SimSettings};
use crate::model::Dataset;
use crate::report::{self, KeyFigure, Quantity};
use crate::share::file;
use crate::state::AppState;
use std::rc::Rc;

fn state() -> AppState {
    AppState::new(Rc::new(Dataset::builtin().expect("built-in dataset")))
}

/// Every chart the app draws at the defaults (the simulation's from a small run).
fn all_charts(s: &AppState) -> Vec<Rc<Chart>> {
    let d = &s.derived;
    let ds = &s.dataset;
    let mut charts = Vec::new();
    charts.extend(
        report::drivers::page(&ds.drivers, &d.projection, &d.baseline, &d.sensitivities).charts,
    );
    charts.extend(report::scenarios::page(ds, &d.stress, &d.excess_sensitivities(ds)).charts);
    let out = SimRequest {
        settings: SimSettings {
            trials: 2_000,
            ..SimSettings::default()
        },
        ..SimRequest::default()
    }
    .run(ds);
    charts.extend(
        report::simulation::page(ds, Some(&out.summary), None)
            .page
            .charts,
    );
    charts
}

/// The CSV's rows split on commas outside quotes (enough for these tests).
fn parse(csv: &str) -> Vec<Vec<String>> {
    let body = csv.strip_prefix(csv::BOM).expect("BOM");
    let mut rows = Vec::new();
    for line in body.split("\r\n").filter(|l| !l.is_empty()) {
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                ',' if !quoted => cells.push(std::mem::take(&mut cell)),
                c => cell.push(c),
            }
        }
        cells.push(cell);
        rows.push(cells);
    }
    rows
}

#[test]
fn file_names_say_what_and_when() {
    assert_eq!(
        file_name("simulation-fan", "2026-11-27T17:00:00.000Z", "png"),
        "risk-explorer_simulation-fan_2026-11-27.png"
    );
    assert_eq!(
        file_name("Key figures: Drivers", "2026-11-27", "csv"),
        "risk-explorer_key-figures-drivers_2026-11-27.csv"
    );
    assert_eq!(
        file_name("", "nonsense", "svg"),
        "risk-explorer_export_undated.svg"
    );
}

#[test]
fn numbers_as_a_board_reads_them_become_raw_numbers_with_units() {
    assert_eq!(csv::number_in("−£1.8m"), Some((-1.8, "£m")));
    assert_eq!(csv::number_in("£1,051.0m"), Some((1051.0, "£m")));
    assert_eq!(csv::number_in("35%"), Some((35.0, "%")));
    assert_eq!(csv::number_in("−0.6%"), Some((-0.6, "%")));
    assert_eq!(csv::number_in("2,312 children"), Some((2312.0, "children")));
    assert_eq!(csv::number_in("£1,234"), Some((1234.0, "£")));
    assert_eq!(csv::number_in("£55.0k"), Some((55.0, "£k")));
    assert_eq!(csv::number_in("1,051.0"), Some((1051.0, "")));
    assert_eq!(
        csv::number_in("£4.2m overspend"),
        Some((4.2, csv::GAP_UNIT))
    );
    assert_eq!(
        csv::number_in("−£47.1m surplus"),
        Some((-47.1, csv::GAP_UNIT))
    );
    assert_eq!(csv::number_in("£7.2m surplus"), Some((-7.2, csv::GAP_UNIT)));
    assert_eq!(csv::number_in("£0.0m (level)"), Some((0.0, csv::GAP_UNIT)));
    assert_eq!(
        csv::number_in("£3.1m less together"),
        Some((-3.1, csv::EXCESS_UNIT))
    );
    assert_eq!(csv::number_in("+£28.9m"), Some((28.9, "£m")));
    assert_eq!(csv::number_in("×1.62"), Some((1.62, "ratio")));
    for words in [
        "3 Likely",
        "2025/26",
        "£1.0m to £2.0m",
        "R3",
        "12,34",
        "1.2.3",
        "",
        "£4.2m of spend",
        "0.6 years of 5",
    ] {
        assert_eq!(csv::number_in(words), None, "{words}");
    }
    assert_eq!(csv::raw_number(-1.8), "-1.8");
    assert_eq!(csv::raw_number(-0.0), "0");
    assert_eq!(csv::raw_number(2312.0), "2312");
}

#[test]
fn a_table_becomes_csv_with_a_bom_units_in_headers_and_guarded_text() {
    let mut t = Table::new("Test", &["Risk", "Gap", "Share of runs (%)", "Note"]);
    t.rows.push(vec![
        "R1".into(),
        "−£1.8m".into(),
        "35%".into(),
        "=HYPERLINK(\"x\")".into(),
    ]);
    t.rows.push(vec![
        "R2, \"quoted\"".into(),
        "£1,051.0m".into(),
        "—".into(),
        "-1 below, +2 above, @home".into(),
    ]);
    let text = csv::table(&t);
    assert!(text.starts_with('\u{feff}'));
    assert!(text.ends_with("\r\n"));
    let rows = parse(&text);
    assert_eq!(rows[0], ["Risk", "Gap (£m)", "Share of runs (%)", "Note"]);
    assert_eq!(rows[1], ["R1", "-1.8", "35", "'=HYPERLINK(\"x\")"]);
    assert_eq!(
        rows[2],
        ["R2, \"quoted\"", "1051", "", "'-1 below, +2 above, @home"]
    );
    for lead in ["+", "@", "\t", "\r"] {
        assert!(csv::guard(&format!("{lead}1")).starts_with('\''));
    }
    assert_eq!(csv::guard("plain"), "plain");
}

#[test]
fn every_chart_table_exports_with_its_rows_and_columns() {
    let s = state();
    let charts = all_charts(&s);
    assert!(charts.len() >= 10, "{} charts", charts.len());
    let mut numeric_columns = 0;
    for c in &charts {
        let text = csv::table(&c.table);
        let rows = parse(&text);
        assert_eq!(rows.len(), c.table.rows.len() + 1, "{}", c.id);
        assert_eq!(rows[0].len(), c.table.headers.len(), "{}", c.id);
        for (row, shown) in rows[1..].iter().zip(&c.table.rows) {
            for (cell, shown) in row.iter().zip(shown) {
                // A number column's cell is the shown number, raw; a text cell is the
                // shown text (guarded).
                match csv::number_in(shown) {
                    Some((x, _)) if cell.parse::<f64>().is_ok() => {
                        assert_eq!(cell.parse::<f64>().unwrap(), x, "{}: {shown}", c.id);
                        numeric_columns += 1;
                    }
                    _ if cell.is_empty() => {}
                    _ => assert_eq!(cell, &csv::guard(shown), "{}", c.id),
                }
            }
        }
    }
    assert!(numeric_columns > 50, "{numeric_columns} numeric cells");
    if std::env::var("DUMP_CSV").is_ok() {
        for c in &charts {
            println!(
                "== {}\n{}",
                c.id,
                csv::table(&c.table)
                    .lines()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

#[test]
fn key_figures_export_their_unrounded_numbers() {
    let figures = vec![
        KeyFigure::new("gap", "Five-year gap", Quantity::Gap(-12.345678)),
        KeyFigure::new("share", "Chance of any year over", Quantity::Share(0.3512)),
        KeyFigure::new("none", "=cmd", Quantity::Missing("no such trials")),
    ];
    let rows = parse(&csv::key_figures("Drivers", &figures));
    assert_eq!(rows[0].len(), 6);
    assert_eq!(rows[1][2], "-12.345678");
    assert!(rows[1][3].starts_with("£m"));
    assert_eq!(rows[1][4], "£12.3m surplus");
    assert_eq!(rows[2][2], "35.12");
    assert_eq!(rows[2][3], "%");
    assert_eq!(rows[3][1], "'=cmd");
    assert_eq!(rows[3][2], "");
}

/// A 1×1 PNG as a canvas writes one.
fn tiny_png() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut h = crc32fast::Hasher::new();
        h.update(kind);
        h.update(data);
        out.extend_from_slice(&h.finalize().to_be_bytes());
    }
    let mut png = png::SIGNATURE.to_vec();
    chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    let idat = miniz_oxide::deflate::compress_to_vec_zlib(&[0, 255, 0, 0, 255], 6);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

fn scenario_file(s: &AppState, name: &str) -> String {
    let (mut named, _) = file::work_in_progress(&s.workspace, &s.view, "2026-11-27T17:00:00Z");
    named.name = name.to_string();
    file::encode(&[named], &s.dataset, "2026-11-27T17:00:00Z")
}

#[test]
fn a_png_carries_the_scenario_and_gives_it_back() {
    let s = state();
    let text = scenario_file(&s, "Board <test> ]]> & \"quotes\"");
    let png = tiny_png();
    let with = png::with_scenario(&png, &text).unwrap();
    assert!(with.len() > png.len());
    // The picture's own chunks are unchanged and in order; ours sits before IDAT.
    let idat = with.windows(4).position(|w| w == b"IDAT").unwrap();
    let itxt = with.windows(4).position(|w| w == b"iTXt").unwrap();
    assert!(itxt < idat);
    assert_eq!(png::read_scenario(&with).unwrap(), text);
    assert_eq!(scenario_text(&with).unwrap(), text);
    let opened = file::decode(&scenario_text(&with).unwrap(), &s.dataset).unwrap();
    assert_eq!(
        opened.scenarios[0].scenario.name,
        "Board <test> ]]> & \"quotes\""
    );
    // Adding again replaces, never doubles.
    let again = png::with_scenario(&with, "{}").unwrap();
    assert_eq!(again.windows(4).filter(|w| w == b"iTXt").count(), 1);
    assert_eq!(png::read_scenario(&again).unwrap(), "{}");
}

#[test]
fn a_damaged_or_plain_png_gets_a_plain_message() {
    let png = tiny_png();
    let none = png::read_scenario(&png).unwrap_err();
    assert!(none.contains("holds no scenario"), "{none}");
    let with = png::with_scenario(&png, "{\"a\":1}").unwrap();
    // Cut short.
    let cut = png::read_scenario(&with[..with.len() - 10]).unwrap_err();
    assert!(cut.contains("damaged"), "{cut}");
    // A flipped byte fails the CRC.
    let mut flipped = with.clone();
    let at = flipped.windows(4).position(|w| w == b"iTXt").unwrap() + 30;
    flipped[at] ^= 0xff;
    assert!(png::read_scenario(&flipped)
        .unwrap_err()
        .contains("damaged"));
    assert!(png::with_scenario(b"not a png", "{}").is_err());
    // A huge declared length does not overflow or panic.
    let mut huge = png.clone();
    huge[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
    assert!(png::read_scenario(&huge).is_err());
}

#[test]
fn an_svg_is_standalone_and_carries_the_scenario() {
    let s = state();
    let charts = all_charts(&s);
    let chart = &charts[0];
    let text = scenario_file(&s, "A </metadata> <script>alert(1)</script> ]]> name");
    let out = svg::standalone(&chart.svg, &chart.title, &chart.caption, &text, 1.0);
    assert!(out.starts_with("<?xml"));
    assert!(out.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(
        out.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        1
    );
    assert!(
        out.contains(" width=\"640\" height=\"360\""),
        "{}",
        &out[..300]
    );
    assert!(!out.contains("width=\"100%\""));
    assert!(!out.contains("<script>"));
    assert_eq!(out.matches("</metadata>").count(), 1);
    assert_eq!(svg::read_scenario(&out).unwrap(), text);
    assert_eq!(scenario_text(out.as_bytes()).unwrap(), text);
    assert!(out.trim_end().ends_with("</svg>"));
    // Twice the size for a slide.
    let big = svg::standalone(&chart.svg, "t", "c", "{}", 2.0);
    assert!(big.contains(" width=\"1280\" height=\"720\""));
    // A plain SVG holds none.
    assert!(scenario_text(chart.svg.as_bytes())
        .unwrap_err()
        .contains("no scenario"));
}

#[test]
fn dropped_files_are_told_apart() {
    assert_eq!(Dropped::sniff(&tiny_png()), Dropped::Png);
    assert_eq!(Dropped::sniff(b"\xef\xbb\xbf<?xml version"), Dropped::Svg);
    assert_eq!(Dropped::sniff(b"  <svg xmlns"), Dropped::Svg);
    assert_eq!(Dropped::sniff(b"{\"app\":"), Dropped::Text);
    assert_eq!(scenario_text(b"{}").unwrap(), "{}");
    assert!(scenario_text(&[0xff, 0xfe, 0x00]).is_err());
}

#[test]
fn the_carried_scenario_opens_as_the_work_that_made_it() {
    let mut s = state();
    s.apply(crate::state::Action::ResetAll);
    let text = scenario_for(
        &s.dataset,
        &s.workspace,
        &s.view,
        "A <chart>",
        "2026-11-27T17:00:00Z",
    );
    let opened = file::decode(&text, &s.dataset).unwrap();
    let o = &opened.scenarios[0].scenario;
    assert_eq!(o.workspace, s.workspace);
    assert!(o.note.contains("A <chart>") && o.note.contains("2026-11-27"));
}
