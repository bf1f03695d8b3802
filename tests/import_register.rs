//! The register import on good and bad files: CSV, XLSX and ODS (tests/fixtures/import/,
//! one bad file per kind of fault), the dataset built from it, the template and the export.
#![cfg(not(target_arch = "wasm32"))]

use risk_explorer::import::build::{default_event, four_level_scales, IMPORT_SOURCE};
use risk_explorer::import::register_csv::{self, export_register_csv, template};
use risk_explorer::import::register_sheet::{self, SheetKind};
use risk_explorer::import::{
    dataset_from_register, CostTiming, ImportErrors, ReadOptions, RegisterImport,
};
use risk_explorer::model::consequences::{SeverityPoint, Timing, EXTRA_COST};
use risk_explorer::model::projection::DriverEdits;
use risk_explorer::model::scenario::Inputs;
use risk_explorer::model::{sizing, Dataset, RatingKind, RegisterEdits, RiskId};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn read(name: &str) -> Result<RegisterImport, ImportErrors> {
    register_csv::read(&text(name))
}

/// The faults of a bad fixture, as a person reads them.
fn faults(name: &str) -> Vec<String> {
    read(name).expect_err(name).lines()
}

fn builtin() -> Dataset {
    Dataset::builtin().unwrap()
}

#[test]
fn the_good_register_is_read_whole() {
    let reg = read("good-register.csv").unwrap();
    assert_eq!(reg.levels, 5);
    assert_eq!(reg.risks.len(), 12);
    assert!(reg.notes.is_empty(), "{:?}", reg.notes);
    let s1 = &reg.risks[0];
    assert_eq!(s1.row, 4, "two comment rows and the header come first");
    assert_eq!(s1.id, "S1");
    assert_eq!(s1.owner.as_deref(), Some("Director of Children's Services"));
    assert_eq!(
        (s1.inherent.likelihood.get(), s1.inherent.impact.get()),
        (5, 4)
    );
    assert_eq!(
        s1.controls,
        [
            "Foster carer recruitment campaign",
            "Regional commissioning framework"
        ]
    );
    assert_eq!(s1.timing, CostTiming::Persistent);
    // An empty event definition is None (a default is written when the dataset is built).
    assert_eq!(reg.risks[2].event, None);
    assert_eq!(
        reg.risks[2].notes.as_deref(),
        Some("Includes unaccompanied children, \"UASC\".")
    );
}

#[test]
fn other_headings_a_4_level_scale_and_level_names_are_read() {
    let reg = read("good-aliases-4-level.csv").unwrap();
    assert_eq!(reg.levels, 4);
    assert_eq!(reg.risks.len(), 5);
    // "Major" is level 3 of the 4-level impact scale.
    assert_eq!(reg.risks[1].current.impact.get(), 3);
    assert_eq!(
        reg.notes,
        ["This column is not a register column Risk Explorer uses, so it is ignored: ‘RAG’ (L)."]
    );
    // The short title, not given, is the title shortened.
    assert_eq!(reg.risks[1].short_title, "Social worker recruitment and…");
}

#[test]
fn a_file_without_a_scale_is_read_on_5_levels_with_a_note() {
    let good = text("good-register.csv")
        .replace("\"# scale: 5\"\r\n", "")
        .replace("# scale: 5\r\n", "");
    let reg = register_csv::read(&good).unwrap();
    assert_eq!(reg.levels, 5);
    assert!(
        reg.notes[0].contains("does not say which scale"),
        "{:?}",
        reg.notes
    );
    // The caller can say 4; a file that says 5 then disagrees, by name.
    let e = register_csv::read_with(&text("good-register.csv"), ReadOptions { levels: Some(4) })
        .unwrap_err();
    assert!(
        e.lines()[0].contains("says its scale has 5 levels, but 4 levels were chosen"),
        "{e}"
    );
}

#[test]
fn each_bad_file_names_its_faults_by_row_and_column() {
    let cases: &[(&str, &[&str])] = &[
        (
            "bad-missing-columns.csv",
            &["Row 2: the header row has no columns ‘statement’, ‘target impact’; every register needs them"],
        ),
        (
            "bad-level-not-on-scale.csv",
            &["Row 5, column ‘current likelihood’: ‘very high’ is not a level on this scale; use 1 to 5 (1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost certain)"],
        ),
        (
            "bad-level-out-of-range.csv",
            &[
                "Row 3, column ‘inherent impact’: ‘6’ is not a level on this scale; use 1 to 5",
                "Row 8, column ‘target likelihood’: ‘0’ is not a level on this scale; use 1 to 5",
            ],
        ),
        (
            "bad-scale-3-levels.csv",
            &["Row 1: the register uses a 3-level scale; Risk Explorer reads registers on a 4- or 5-level scale"],
        ),
        (
            "bad-scale-4-with-level-5.csv",
            &["Row 3, column ‘inherent likelihood’: ‘5’ is not a level on this scale; use 1 to 4 (1 Unlikely, 2 Possible, 3 Likely, 4 Almost certain)"],
        ),
        (
            "bad-too-few-risks.csv",
            &["the register has 2 risks; Risk Explorer reads registers of 3 to 30 risks"],
        ),
        (
            "bad-too-many-risks.csv",
            &["the register has 31 risks; Risk Explorer reads registers of 3 to 30 risks"],
        ),
        (
            "bad-duplicate-id.csv",
            &["Row 9, column ‘id’: ‘S3’ is already the id of the risk on row 5; each risk needs its own id"],
        ),
        (
            "bad-id-not-a-code.csv",
            &["Row 4, column ‘id’: ‘S 2’ is not an id; use a short code of up to 8 letters and digits, such as R3"],
        ),
        (
            "bad-empty-required-cells.csv",
            &[
                "Row 6, column ‘title’: is empty; every risk needs its title",
                "Row 6, column ‘current impact’: is empty; give the impact as a level from 1 to 5",
            ],
        ),
        (
            "bad-text-too-long.csv",
            &["Row 7, column ‘statement’: the text is 10,000 characters long; a statement may hold at most 2,000. Shorten it and import again"],
        ),
        (
            "bad-control-character.csv",
            &["Row 5, column ‘title’: holds a control character (code 7) that cannot be shown; remove it"],
        ),
        (
            "bad-duplicate-column.csv",
            &["Row 2, column ‘Residual likelihood’: this column and column I (‘current likelihood’) both give the current likelihood; keep one of them"],
        ),
        (
            "bad-trend-and-timing.csv",
            &[
                "Row 3, column ‘trend’: ‘sideways’ is not a trend; write rising, stable or falling",
                "Row 4, column ‘cost timing’: ‘sometimes’ is not a cost timing; write one-off",
            ],
        ),
        (
            "bad-too-many-controls.csv",
            &["Row 3, column ‘controls’: lists 21 controls; a risk may list at most 20 (one a line)"],
        ),
        (
            "bad-text-beyond-last-heading.csv",
            &["Row 10: has text in column Q, beyond the last heading; give it a heading or remove it"],
        ),
        (
            "bad-scale-column-disagrees.csv",
            &["Row 7, column ‘scale’: says 4 levels, but row 3 says 5; a register uses one scale"],
        ),
        (
            "bad-no-header.csv",
            &["the file has no header row and no risks"],
        ),
        (
            "bad-unclosed-quote.csv",
            &["Row 15: a cell opens a quotation mark (\") that is never closed"],
        ),
    ];
    for (name, expected) in cases {
        let got = faults(name);
        for want in *expected {
            assert!(
                got.iter().any(|g| g.starts_with(want)),
                "{name}: no fault starting {want:?} in {got:#?}"
            );
        }
        // A level 5 on every 5-level row of a 4-level register is a fault in each cell.
        if *name != "bad-scale-4-with-level-5.csv" {
            assert_eq!(got.len(), expected.len(), "{name}: {got:#?}");
        }
    }
}

#[test]
fn a_bad_file_changes_nothing_and_lists_every_fault() {
    // All faults of a file come together, not one at a time.
    let e = read("bad-empty-required-cells.csv").unwrap_err();
    assert_eq!(e.errors.len(), 2);
    let shown = e.to_string();
    assert!(shown.starts_with("The file was not imported (2 faults); nothing has changed."));
}

#[test]
fn a_built_dataset_replaces_the_risks_and_keeps_the_figures() {
    let base = builtin();
    let reg = read("good-register.csv").unwrap();
    let built = dataset_from_register(&reg, &base, "Our register.csv").unwrap();
    let ds = &built.dataset;
    assert_eq!(ds.risks.len(), 12);
    assert_eq!(
        ds.drivers, base.drivers,
        "the money figures are the Trust's"
    );
    assert!(built
        .notes
        .iter()
        .any(|n| n.contains("still Birmingham Children's Trust's")));
    // None of the Trust's links or presets name S-risks: all dropped, and listed.
    assert!(ds.interactions.edges.is_empty());
    assert!(ds.consequences.presets.is_empty());
    let links = built
        .notes
        .iter()
        .find(|n| n.contains("name a risk this register does not have"))
        .unwrap();
    assert!(links.contains("R3 → R4"), "{links}");
    assert!(built
        .notes
        .iter()
        .any(|n| n.starts_with("Stress scenarios that name a risk")));
    // Every imported value cites its row in the imported register, a listed source.
    let s3 = ds.risk("S3").unwrap();
    assert_eq!(s3.cite.to_string(), format!("{IMPORT_SOURCE}:6"));
    assert_eq!(ds.source(IMPORT_SOURCE).unwrap().title, "Our register.csv");
    // The missing event definition is a default marked as an assumption.
    assert_eq!(s3.event.definition, default_event("Rising demand"));
    assert!(s3.event.provenance.is_assumption());
    assert!(!ds.risk("S1").unwrap().event.provenance.is_assumption());
    // It reads back as the same dataset (the full-dataset format).
    assert_eq!(&Dataset::from_json(&ds.to_json()).unwrap(), ds);
}

#[test]
fn each_imported_risk_has_a_default_cost_sized_by_its_impact_band() {
    let base = builtin();
    let reg = read("good-register.csv").unwrap();
    let ds = dataset_from_register(&reg, &base, "r.csv").unwrap().dataset;
    let (edits, register) = (DriverEdits::default(), RegisterEdits::default());
    let inp = Inputs::new(&ds, &edits, &register);
    for r in &reg.risks {
        let shocks = ds.consequences.shocks(&RiskId::new(&r.id));
        assert_eq!(shocks.len(), 1);
        let s = &shocks[0];
        assert_eq!(s.driver, EXTRA_COST);
        assert!(s.provenance.is_assumption());
        assert!(s
            .provenance
            .assumption
            .as_ref()
            .unwrap()
            .contains("no consequences"));
        let want = match r.timing {
            CostTiming::OneOff => Timing::OneOff,
            CostTiming::Persistent => Timing::Persistent,
        };
        assert_eq!(s.timing, want);
        // The simulated money means something: one most likely event alone costs a
        // pressure a third of the way up its impact's £ band.
        let risk = ds.risk(&r.id).unwrap();
        let sz = sizing::sizing(inp, risk, RatingKind::Current);
        let (lo, hi) = sz.band;
        assert!(
            lo <= sz.pressure && sz.pressure <= hi,
            "{}: {} not in {lo}-{hi}",
            r.id,
            sz.pressure
        );
        assert!(
            (sz.position - 1.0 / 3.0).abs() < 0.05,
            "{}: position {}",
            r.id,
            sz.position
        );
        // Lower impact (the target), lower money.
        let target = sizing::sizing(inp, risk, RatingKind::Target);
        assert!(target.factor <= 1.0 + 1e-9, "{}", r.id);
        let high = sizing::event_pressure(inp, &risk.id, SeverityPoint::High, 1.0);
        assert!(high > sz.pressure);
    }
}

#[test]
fn a_4_level_register_gets_a_4_level_scale() {
    let base = builtin();
    let reg = read("good-aliases-4-level.csv").unwrap();
    let ds = dataset_from_register(&reg, &base, "four.csv")
        .unwrap()
        .dataset;
    assert_eq!(ds.scales.levels(), 4);
    assert_eq!(ds.scales.max_score(), 16);
    assert_eq!(ds.scales, four_level_scales(&base.scales));
    assert_eq!(ds.scales.bands.last().unwrap().max, 16);
    assert!(ds.scales.appetite.provenance.is_assumption());
    // A level 5 on a 4-level dataset is refused with its field.
    let mut bad = ds.clone();
    bad.risks[0].ratings.current.impact = risk_explorer::model::Impact::new(5).unwrap();
    let e = Dataset::from_json(&bad.to_json()).unwrap_err();
    assert_eq!(e.field, "risks[0].ratings.current.impact");
    assert!(e.message.contains("4-level scale"), "{e}");
    // The register exported from it declares its scale and reads back as the same.
    let csv = export_register_csv(&ds);
    assert!(csv.contains("# scale: 4"));
    assert_eq!(register_csv::read(&csv).unwrap().levels, 4);
}

#[test]
fn the_template_reads_as_one_example_risk_with_every_column_explained() {
    let t = template();
    // One risk is below the minimum of three: the only fault is the count.
    let e = register_csv::read(&t).unwrap_err();
    assert_eq!(
        e.lines(),
        ["the register has 1 risk; Risk Explorer reads registers of 3 to 30 risks"]
    );
    // Its example row, tripled with new ids, reads.
    let example = &t[t.find("\r\nR1,").unwrap() + 2..];
    let mut three = t.clone();
    for id in ["R2", "R3"] {
        three.push_str(&example.replacen("R1", id, 1));
    }
    let reg = register_csv::read(&three).unwrap();
    assert_eq!(reg.risks.len(), 3);
    assert_eq!(reg.risks[0].controls.len(), 2);
    for heading in [
        "‘id’ (required)",
        "‘title’",
        "‘statement’",
        "‘owner’",
        "‘event definition’",
        "‘inherent likelihood’",
        "‘current impact’",
        "‘controls’",
        "‘notes’",
        "‘trend’",
        "‘cost timing’",
        "# scale: 5",
    ] {
        assert!(t.contains(heading), "{heading}");
    }
}

#[test]
fn the_trusts_register_exports_and_reads_back() {
    let ds = builtin();
    let csv = export_register_csv(&ds);
    let reg = register_csv::read(&csv).unwrap();
    assert_eq!(reg.levels, 5);
    assert_eq!(reg.risks.len(), ds.risks.len());
    for (r, got) in ds.risks.iter().zip(&reg.risks) {
        assert_eq!(got.id, r.id.0);
        assert_eq!(got.title, r.title);
        assert_eq!(got.statement, r.statement);
        assert_eq!(got.event.as_deref(), Some(r.event.definition.as_str()));
        for kind in RatingKind::ALL {
            assert_eq!(
                got.rating(kind),
                r.ratings.get(kind).rating(),
                "{} {kind:?}",
                r.id
            );
        }
        let names: Vec<&str> = r.controls.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(got.controls, names);
    }
    assert!(csv.starts_with("\"# Birmingham Children's Trust: the risk register"));
}

/// The XLSX fixture: the good CSV's cells, levels as numbers. Written (not compared)
/// when WRITE_FIXTURES=1.
fn write_xlsx(records: &[(usize, Vec<String>)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("Register").unwrap();
    for (r, (_, cells)) in records.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) if (1..=5).contains(&(r as usize)) || r > 2 => {
                    sheet.write_number(r, c, n).unwrap()
                }
                _ => sheet.write_string(r, c, cell).unwrap(),
            };
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Not the register").unwrap();
    wb.save_to_buffer().unwrap()
}

/// The ODS fixture, built by hand (no Rust crate writes ODS): the mimetype, a manifest
/// and content.xml with one table, in a zip.
fn write_ods(records: &[(usize, Vec<String>)]) -> Vec<u8> {
    use std::io::Write;
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut rows = String::new();
    for (_, cells) in records {
        rows.push_str("<table:table-row>");
        for cell in cells {
            match cell.parse::<f64>() {
                Ok(n) => rows.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                )),
                Err(_) if cell.is_empty() => rows.push_str("<table:table-cell/>"),
                Err(_) => {
                    rows.push_str("<table:table-cell office:value-type=\"string\">");
                    for line in cell.split('\n') {
                        rows.push_str(&format!("<text:p>{}</text:p>", esc(line)));
                    }
                    rows.push_str("</table:table-cell>");
                }
            }
        }
        rows.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Risks">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", deflated).unwrap();
        zip.write_all(manifest.as_bytes()).unwrap();
        zip.start_file("content.xml", deflated).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

fn good_records() -> Vec<(usize, Vec<String>)> {
    risk_explorer::import::csv::parse(&text("good-register.csv")).unwrap()
}

#[test]
fn write_the_workbook_fixtures_when_asked() {
    if std::env::var_os("WRITE_FIXTURES").is_none() {
        return;
    }
    let records = good_records();
    std::fs::write(fixture("good-register.xlsx"), write_xlsx(&records)).unwrap();
    std::fs::write(fixture("good-register.ods"), write_ods(&records)).unwrap();
}

#[test]
fn the_workbooks_read_as_the_csv_does() {
    let from_csv = read("good-register.csv").unwrap();
    for (name, kind) in [
        ("good-register.xlsx", SheetKind::Xlsx),
        ("good-register.ods", SheetKind::Ods),
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let reg = register_sheet::read(&bytes, kind).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(reg.risks, from_csv.risks, "{name}");
        assert_eq!(reg.levels, 5);
        assert_eq!(SheetKind::from_file_name(&name.to_uppercase()), Some(kind));
    }
    // The XLSX has a second sheet; the one named "Register" is read, and the note says so.
    let xlsx = register_sheet::read(
        &std::fs::read(fixture("good-register.xlsx")).unwrap(),
        SheetKind::Xlsx,
    )
    .unwrap();
    assert!(
        xlsx.notes[0].contains("read from the sheet ‘Register’"),
        "{:?}",
        xlsx.notes
    );
}

#[test]
fn a_workbook_with_a_bad_cell_names_it_by_row_and_column() {
    let mut records = good_records();
    records[4].1[8] = "very high".into(); // row 5, current likelihood
    for (bytes, kind) in [
        (write_xlsx(&records), SheetKind::Xlsx),
        (write_ods(&records), SheetKind::Ods),
    ] {
        let e = register_sheet::read(&bytes, kind).unwrap_err();
        assert_eq!(e.lines().len(), 1, "{e}");
        assert!(
            e.lines()[0]
                .starts_with("Row 5, column ‘current likelihood’: ‘very high’ is not a level"),
            "{e}"
        );
    }
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_in_plain_words() {
    let bytes = std::fs::read(fixture("bad-not-a-workbook.xlsx")).unwrap();
    for kind in [SheetKind::Xlsx, SheetKind::Ods] {
        let e = register_sheet::read(&bytes, kind).unwrap_err();
        let line = &e.lines()[0];
        assert!(line.starts_with("the file could not be read as"), "{line}");
        assert!(
            line.ends_with("save it again from your spreadsheet program, or as CSV"),
            "{line}"
        );
    }
}
