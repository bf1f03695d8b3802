use super::*;
use crate::model::consequences::{SeverityPoint, StressEvent};
use crate::model::edits::{ConsequenceKey, EdgeKey, ShockKey};
use crate::model::interactions::Strength;
use crate::model::{Rating, RatingKind, RiskEdit, RiskId};

fn dataset() -> Dataset {
    Dataset::builtin().unwrap()
}

fn rating(l: u8, i: u8) -> Rating {
    Rating::new(l, i).unwrap()
}

/// A typical workshop scenario: five ratings moved, three drivers, a three-risk stress
/// scenario, two links changed.
fn workshop(ds: &Dataset) -> Shared {
    let mut ws = Workspace::default();
    for (id, r) in [
        ("R1", rating(4, 4)),
        ("R2", rating(4, 3)),
        ("R3", rating(5, 4)),
    ] {
        ws.register.risks.insert(
            RiskId::new(id),
            RiskEdit {
                current: Some(r),
                ..Default::default()
            },
        );
    }
    ws.register
        .risks
        .get_mut(&RiskId::new("R3"))
        .unwrap()
        .target = Some(rating(3, 3));
    ws.register.risks.insert(
        RiskId::new("R7"),
        RiskEdit {
            inherent: Some(rating(5, 5)),
            ..Default::default()
        },
    );
    for key in ["cic_growth", "agency_premium", "inflation"] {
        if let Some(spec) = ds.drivers.driver(key) {
            ws.drivers
                .insert(key.into(), (spec.default + spec.max) / 2.0);
        }
    }
    for (id, year) in [("R2", 1), ("R3", 1), ("R7", 2)] {
        ws.stress.push(StressEvent {
            risk: RiskId::new(id),
            year,
            point: SeverityPoint::Likely,
        });
    }
    ws.interactions.insert(
        EdgeKey {
            from: RiskId::new("R3"),
            to: RiskId::new("R7"),
        },
        Strength::Strong,
    );
    ws.interactions.insert(
        EdgeKey {
            from: RiskId::new("R6"),
            to: RiskId::new("R1"),
        },
        Strength::Weak,
    );
    Shared {
        workspace: ws.normalised(ds),
        view: ViewSettings {
            map_rating: RatingKind::Current,
            show_paths: false,
            selected: Some(RiskId::new("R3")),
        },
    }
}

/// Every setting the app has, changed.
fn everything(ds: &Dataset) -> Shared {
    let mut ws = workshop(ds).workspace;
    for (n, risk) in ds.risks.iter().enumerate() {
        let n = n as u8;
        ws.register.risks.insert(
            risk.id.clone(),
            RiskEdit {
                owner: Some(format!("Assistant Director, Service Area {}", n + 1)),
                inherent: Some(rating(5, 5 - n % 2)),
                current: Some(rating(4 - n % 2, 4)),
                target: Some(rating(2, 2 + n % 2)),
            },
        );
    }
    ws.register.appetite = Some(11);
    for spec in &ds.drivers.drivers {
        ws.drivers
            .insert(spec.key.clone(), spec.min + (spec.max - spec.min) * 0.37);
    }
    for rc in &ds.consequences.risks {
        for shock in &rc.shocks {
            for (point, v) in [
                (SeverityPoint::Low, shock.low),
                (SeverityPoint::Likely, shock.likely),
                (SeverityPoint::High, shock.high),
            ] {
                ws.consequences.insert(
                    ConsequenceKey::Shock(ShockKey {
                        risk: rc.risk.clone(),
                        driver: shock.driver.clone(),
                        point,
                    }),
                    v * 0.9 + 0.013,
                );
            }
        }
    }
    for from in &ds.risks {
        for to in &ds.risks {
            if from.id != to.id {
                ws.interactions.insert(
                    EdgeKey {
                        from: from.id.clone(),
                        to: to.id.clone(),
                    },
                    Strength::Moderate,
                );
            }
        }
    }
    ws.stress = ds
        .risks
        .iter()
        .enumerate()
        .map(|(i, r)| StressEvent {
            risk: r.id.clone(),
            year: i % 5,
            point: SeverityPoint::High,
        })
        .collect();
    ws.simulation.trials = 250_000;
    ws.simulation.seed = u64::MAX;
    ws.simulation.rating = RatingKind::Inherent;
    ws.simulation.interactions = false;
    ws.simulation.management = false;
    ws.simulation.threshold = 12.345;
    Shared {
        workspace: ws.normalised(ds),
        view: ViewSettings {
            map_rating: RatingKind::Target,
            show_paths: true,
            selected: Some(RiskId::new("R9")),
        },
    }
}

#[test]
fn a_workshop_scenario_fits_in_under_1000_characters_and_comes_back_exactly() {
    let ds = dataset();
    let shared = workshop(&ds);
    assert!(
        shared.workspace.differences(&ds).len() >= 10,
        "{}",
        shared.workspace.differences(&ds).len()
    );
    let link = encode(&shared, &ds);
    assert!(link.len() < 1_000, "{} characters", link.len());
    let opened = decode(&link, &ds).unwrap();
    assert_eq!(opened.shared, shared);
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
    // Only characters that need no escaping in an address.
    assert!(link
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
}

#[test]
fn every_setting_changed_fits_in_under_4000_characters() {
    let ds = dataset();
    let shared = everything(&ds);
    let diffs = shared.workspace.differences(&ds).len();
    assert!(diffs > 150, "{diffs} settings differ");
    let link = encode(&shared, &ds);
    assert!(link.len() < 4_000, "{} characters", link.len());
    let opened = decode(&link, &ds).unwrap();
    assert_eq!(opened.shared, shared);
    assert_eq!(opened.shared.workspace.simulation.seed, u64::MAX);
}

#[test]
fn damaged_cut_short_or_newer_links_are_refused_with_a_reason() {
    let ds = dataset();
    let link = encode(&workshop(&ds), &ds);
    // Cut short anywhere: refused, never half-read.
    for cut in [1, 2, 5, link.len() / 2, link.len() - 1] {
        assert_eq!(
            decode(&link[..cut], &ds),
            Err(LinkError::Damaged),
            "cut at {cut}"
        );
    }
    // One character changed in the middle: the checksum catches it.
    let mid = link.len() / 2;
    let swapped = if &link[mid..mid + 1] == "A" { "B" } else { "A" };
    let changed = format!("{}{swapped}{}", &link[..mid], &link[mid + 1..]);
    assert!(decode(&changed, &ds).is_err());
    assert_eq!(decode("", &ds), Err(LinkError::Damaged));
    assert_eq!(decode("hello", &ds), Err(LinkError::Damaged));
    assert_eq!(decode("0.abc", &ds), Err(LinkError::Damaged));
    assert_eq!(
        decode(&format!("2{}", &link[1..]), &ds),
        Err(LinkError::FromNewerVersion(2))
    );
    assert_eq!(
        decode("4294967297.abc", &ds),
        Err(LinkError::FromNewerVersion(4_294_967_297)),
        "checked, not wrapped"
    );
    assert_eq!(decode(&"A".repeat(40_000), &ds), Err(LinkError::TooLong));
    for e in [
        LinkError::Damaged,
        LinkError::TooLong,
        LinkError::FromNewerVersion(2),
    ] {
        assert!(e.to_string().ends_with("Your own work is shown."), "{e}");
    }
}

#[test]
fn arbitrary_text_never_panics() {
    let ds = dataset();
    let link = encode(&workshop(&ds), &ds);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let start = (x % link.len() as u64) as usize;
        let len = ((x >> 20) % 64) as usize;
        let mut bytes: Vec<u8> = link.as_bytes().to_vec();
        for k in 0..len.min(bytes.len() - start) {
            bytes[start + k] = b"AZaz09-_.!%"[((x >> (k % 50)) % 11) as usize];
        }
        let text = String::from_utf8(bytes).unwrap();
        let _ = decode(&text, &ds);
    }
}

#[test]
fn a_link_from_another_dataset_version_opens_with_a_note() {
    let ds = dataset();
    let mut other = ds.clone();
    other.meta.version = "2.9.0".into();
    let link = encode(&workshop(&ds), &other);
    let opened = decode(&link, &ds).unwrap();
    assert_eq!(opened.notes.len(), 1, "{:?}", opened.notes);
    assert!(opened.notes[0].contains("version 2.9.0 of the dataset"));
}

/// Links made by earlier versions, kept in the tests: each must open in every later
/// version (with notes saying what changed), or this test says exactly why not.
#[test]
fn golden_links_open() {
    let ds = dataset();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/links/format-1.txt"
    );
    if std::env::var_os("WRITE_FIXTURES").is_some() {
        let text = format!(
            "# Share links made by link format 1 (one per line): a workshop scenario, then every setting changed.\n{}\n{}\n",
            encode(&workshop(&ds), &ds),
            encode(&everything(&ds), &ds)
        );
        std::fs::write(path, text).unwrap();
    }
    let kept = std::fs::read_to_string(path).unwrap();
    let links: Vec<&str> = kept.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(links.len(), 2);
    for (i, link) in links.iter().enumerate() {
        let opened = decode(link, &ds)
            .unwrap_or_else(|e| panic!("golden link {} no longer opens: {e}", i + 1));
        let expected = if i == 0 {
            workshop(&ds)
        } else {
            everything(&ds)
        };
        assert_eq!(
            opened.shared.workspace.simulation,
            expected.workspace.simulation
        );
        assert_eq!(opened.shared.workspace.stress, expected.workspace.stress);
    }
}
