use super::*;
use crate::charts::kit::assert_clean as clean_check;
use crate::model::calibration::backtest;
use crate::model::scenario::{Inputs, Measure, StressResult};
use crate::model::simulation::{SimOutput, SimRequest, SimSettings};
use std::sync::OnceLock;

fn assert_clean(c: &Chart) {
    clean_check(c, &[]);
}

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::builtin().expect("dataset"))
}

/// A small run at the defaults (current ratings, links and management on).
fn run() -> &'static SimOutput {
    static RUN: OnceLock<SimOutput> = OnceLock::new();
    RUN.get_or_init(|| {
        SimRequest {
            settings: SimSettings {
                trials: 2_000,
                ..SimSettings::default()
            },
            ..SimRequest::default()
        }
        .run(ds())
    })
}

fn back() -> StressResult {
    let req = SimRequest::default();
    backtest(Inputs::new(ds(), &req.drivers, &req.register)).expect("the preset")
}

fn polygons_filled(svg: &str, colour: RGBColor) -> usize {
    let fill = format!("fill=\"{}\"", crate::charts::kit::hex(colour));
    svg.lines()
        .filter(|l| l.starts_with("<polygon") && l.contains(&fill))
        .count()
}

#[test]
fn gross_pressure_sits_beside_the_recorded_pressures() {
    let (ds, s) = (ds(), &run().summary);
    let c = record_money(ds, s, Measure::Gross);
    assert_clean(&c);
    assert_eq!(c.id, "record-gross");
    let rec: Vec<(u16, f64)> = ds
        .drivers
        .outturns
        .iter()
        .filter_map(|o| Some((label_year(&o.year)?, o.pressure.as_ref()?.gbp_m)))
        .collect();
    assert_eq!(rec.len(), 4, "the record's four pressures");
    assert_eq!(c.table.rows.len(), rec.len() + s.years.len() + 1);
    for (row, (y, v)) in c.table.rows.iter().zip(&rec) {
        assert_eq!(row[0], year_label(*y));
        assert_eq!(row[1], gbp_m(*v));
        assert_eq!(row[3..], [dash(), dash(), dash()]);
    }
    assert_eq!(
        c.table.rows[2][2], "Gross cost pressure",
        "2023/24 as recorded"
    );
    for (j, q) in s.annual_gross.iter().enumerate() {
        let row = &c.table.rows[rec.len() + j];
        assert_eq!(row[0], year_label(s.years[j]));
        assert_eq!(row[1..3], [dash(), dash()]);
        assert_eq!(row[3..], [gbp_m(q.p10), gbp_m(q.p50), gbp_m(q.p90)]);
    }
    let pooled = c.table.rows.last().unwrap();
    assert_eq!(pooled[0], "All simulated years");
    assert_eq!(
        pooled[3..],
        [
            gbp_m(s.annual_gross_all.p10),
            gbp_m(s.annual_gross_all.p50),
            gbp_m(s.annual_gross_all.p90)
        ]
    );
    // The record's median of £13.2m, £9.7m, £18.0m and £9.3m is £11.45m.
    assert!((money::median(&[13.2, 9.7, 18.0, 9.3]).unwrap() - 11.45).abs() < 1e-12);
    assert_eq!(
        c.title,
        format!(
            "Simulated gross pressure: a median of {} a year, beside the record's £9.3m to \
             £18.0m (median £11.5m)",
            gbp_m(s.annual_gross_all.p50)
        )
    );
    // One diamond per recorded year, and one in the key.
    assert_eq!(polygons_filled(&c.svg, RECORD), rec.len() + 1);
    assert!(c.svg.contains("£18.0m") && c.svg.contains("Simulated"));
    assert!(c
        .source
        .contains("Risk Explorer simulation, 2,000 trials at current ratings"));
}

#[test]
fn net_outturn_sits_beside_the_recorded_outturns() {
    let (ds, s) = (ds(), &run().summary);
    let c = record_money(ds, s, Measure::Net);
    assert_clean(&c);
    assert_eq!(c.id, "record-net");
    let n = ds.drivers.outturns.len();
    assert_eq!(c.table.rows.len(), n + s.years.len() + 1);
    for (row, o) in c.table.rows.iter().zip(&ds.drivers.outturns) {
        assert_eq!(row[0], o.year);
        assert_eq!(row[1], gbp_m(o.gap_gbp_m));
    }
    assert!(c
        .table
        .rows
        .iter()
        .any(|r| r[1] == "−£3.5m" && r[2] == "Outturn: surplus"));
    for (j, q) in s.annual.iter().enumerate() {
        assert_eq!(c.table.rows[n + j][4], gbp_m(q.p50));
    }
    assert_eq!(
        c.title,
        format!(
            "Simulated net outturn: a median of {} a year, with {} of years within the \
             record's −£3.5m to £10.0m",
            gbp_m(s.annual_net_all.p50),
            crate::format::percent(s.p_net_in_record_range)
        )
    );
    assert!(c
        .caption
        .contains("the grey band spans the record, −£3.5m to £10.0m"));
}

#[test]
fn children_in_care_sit_beside_the_published_counts() {
    let (ds, s) = (ds(), &run().summary);
    let c = record_children(ds, s);
    assert_clean(&c);
    assert_eq!(c.id, "record-children");
    let published = ds.drivers.series("children_in_care").unwrap();
    let k = published.points.len();
    assert_eq!(c.table.rows.len(), k + s.years.len());
    // Each count at the start of a financial year: 1 April 2018 in 2018/19, the end of
    // March 2025 (2,312) in 2025/26.
    assert_eq!(c.table.rows[0][..3], ["2018/19", "1,805", "1 April 2018"]);
    assert_eq!(c.table.rows[k - 1][..2], ["2025/26", "2,312"]);
    for (j, q) in s.children.iter().enumerate() {
        let row = &c.table.rows[k + j];
        assert_eq!(row[0], year_label(s.years[j]));
        assert_eq!(
            row[3..],
            [
                count(q.p5.round() as u64),
                count(q.p50.round() as u64),
                count(q.p95.round() as u64),
                count(s.baseline_children[j].round() as u64)
            ]
        );
    }
    let g = children::growth_a_year(1805.0, 2312.0, 7.0).unwrap();
    assert!((g - 0.036).abs() < 0.001, "{g}");
    let last = s.children.len() - 1;
    let sim =
        children::growth_a_year(s.children[0].p50, s.children[last].p50, last as f64).unwrap();
    assert_eq!(
        c.title,
        format!(
            "Children in care: a simulated median of {} by 2029/30, {} a year, against 3.6% \
             a year in the published counts from 2018 to 2025",
            count(s.children[last].p50.round() as u64),
            percent_1dp(sim)
        )
    );
    assert_eq!(
        polygons_filled(&c.svg, RECORD),
        k + 1,
        "diamonds and the key's"
    );
    assert!(c
        .caption
        .contains("continues the published growth of 3.6% a year"));
}

#[test]
fn the_backtest_sits_beside_2023_24() {
    let ds = ds();
    let r = back();
    let c = record_backtest(ds, Some(&r));
    assert_clean(&c);
    assert_eq!(c.id, "record-backtest");
    let (gross, net) = crate::model::calibration::backtest_year(&r).unwrap();
    let offsets = r.together_money[1].offsets;
    assert_eq!(
        c.table.rows,
        [
            [
                "Gross pressure".to_string(),
                "£18.0m".to_string(),
                gbp_m(gross),
                crate::charts::kit::signed_gbp_m(gross - 18.0)
            ],
            [
                "Offsets".to_string(),
                "£8.0m".to_string(),
                gbp_m(offsets),
                crate::charts::kit::signed_gbp_m(offsets - 8.0)
            ],
            [
                "Net outturn".to_string(),
                "£10.0m".to_string(),
                gbp_m(net),
                crate::charts::kit::signed_gbp_m(net - 10.0)
            ],
        ]
    );
    assert!((gross - offsets - net).abs() < 1e-9);
    assert_eq!(
        c.title,
        format!(
            "“2023/24 again” in 2026/27: {} gross pressure and {} net outturn, against £18.0m \
             and £10.0m recorded in 2023/24",
            gbp_m(gross),
            gbp_m(net)
        )
    );
    // Three record bars in near-black (and the key's), three hatched model bars.
    assert_eq!(
        crate::charts::kit::rects_filled(&c.svg, RECORD),
        3 + 1,
        "{}",
        c.svg
    );
    assert!(c.svg.contains("Net outturn, model"));
    // Without the preset there is nothing to run: an empty chart that says why.
    let e = record_backtest(ds, None);
    assert_clean(&e);
    assert!(e.table.rows.is_empty());
    assert!(e.title.contains("cannot be run"));
}

#[test]
fn all_lists_the_record_charts_and_only_the_backtest_before_a_run() {
    let (ds, s) = (ds(), &run().summary);
    let r = back();
    let ids: Vec<&str> = all(ds, Some(s), Some(&r)).iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "record-gross",
            "record-net",
            "record-children",
            "record-backtest"
        ]
    );
    let ids: Vec<&str> = all(ds, None, Some(&r)).iter().map(|c| c.id).collect();
    assert_eq!(ids, ["record-backtest"]);
}

#[test]
fn a_run_with_no_trials_draws_empty_charts() {
    let ds = ds();
    let mut s = run().summary.clone();
    s.trials = 0;
    for c in [
        record_money(ds, &s, Measure::Gross),
        record_money(ds, &s, Measure::Net),
        record_children(ds, &s),
    ] {
        assert_clean(&c);
        assert!(c.table.rows.is_empty(), "{}", c.id);
    }
    // Non-finite quantiles never reach the page.
    let mut s = run().summary.clone();
    s.annual[0].p90 = f64::NAN;
    s.children[1].p50 = f64::INFINITY;
    s.annual_gross_all.p50 = f64::NEG_INFINITY;
    for c in [
        record_money(ds, &s, Measure::Gross),
        record_money(ds, &s, Measure::Net),
        record_children(ds, &s),
    ] {
        assert_clean(&c);
    }
}
