use super::*;
use crate::charts::kit::assert_clean as clean_check;
use crate::charts::kit::{hex, rects_filled};
use crate::model::simulation::{SimOutput, SimRequest};
use std::sync::OnceLock;

/// Well-formed enough for the view (the shared check, plus no "−0.0%" or "%%" and a "sim-" id).
fn assert_clean(c: &Chart) {
    clean_check(c, &["−0.0%", "%%"]);
    assert!(c.id.starts_with("sim-"));
}

/// The built-in dataset and one 2,000-trial run, shared by the tests.
fn run() -> &'static (Dataset, SimOutput) {
    static RUN: OnceLock<(Dataset, SimOutput)> = OnceLock::new();
    RUN.get_or_init(|| {
        let ds = Dataset::builtin().unwrap();
        let mut req = SimRequest::default();
        req.settings.trials = 2_000;
        let out = req.run(&ds);
        (ds, out)
    })
}

/// A summary with no trials and nothing in it.
fn empty_summary() -> Summary {
    let (_, out) = run();
    let mut s = out.summary.clone();
    s.trials = 0;
    s.annual.clear();
    s.baseline_gaps.clear();
    s.histogram = Default::default();
    s.exceedance.clear();
    s.any_year_exceedance.clear();
    s.thresholds.clear();
    s.p_at_least_once.clear();
    s.yearly_frequency.clear();
    s.base_probability.clear();
    s.same_year.clear();
    s.same_year_gap.clear();
    s.per_year_count.clear();
    s.per_year_count_independent.clear();
    s.co_occurrence.clear();
    s.effects.clear();
    s.pairs.clear();
    s.non_financial = Default::default();
    s
}

fn every_chart(ds: &Dataset, s: &Summary, d: &[RatingDigest]) -> Vec<Chart> {
    vec![
        fan(ds, s),
        thresholds(ds, s),
        histogram(ds, s),
        exceedance(ds, s),
        risk_probability(ds, s),
        same_year(ds, s),
        count_vs_independent(ds, s),
        co_occurrence(ds, s),
        tornado(ds, s),
        pairwise(ds, s),
        ratings(ds, d),
        non_financial(ds, s),
    ]
}

/// Whether the SVG has `text` as a whole line (plotters writes text on its own line).
fn has_line(svg: &str, text: &str) -> bool {
    svg.lines().any(|l| l.trim() == text)
}

#[test]
fn every_chart_is_clean_with_a_stable_id() {
    let (ds, out) = run();
    let charts = every_chart(ds, &out.summary, &out.by_rating);
    let ids: Vec<&str> = charts.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "sim-fan",
            "sim-thresholds",
            "sim-histogram",
            "sim-exceedance",
            "sim-risk-probability",
            "sim-same-year",
            "sim-count-independent",
            "sim-co-occurrence",
            "sim-tornado",
            "sim-pairwise",
            "sim-ratings",
            "sim-non-financial"
        ]
    );
    for c in &charts {
        assert_clean(c);
        assert!(!c.table.rows.is_empty(), "{}", c.id);
        assert!(c.source.contains("Risk Explorer simulation"), "{}", c.id);
    }
    assert!(charts[0].source.contains("2,000 trials of the five years"));
    assert!(charts[0].source.contains("current ratings"));
}

#[test]
fn the_fan_table_and_caption_match_the_summary() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = fan(ds, s);
    assert_eq!(
        c.table.headers,
        [
            "Year",
            "Recorded outturn",
            "No risk events",
            "P5",
            "P25",
            "Median (P50)",
            "P75",
            "P95",
            "Mean"
        ]
    );
    // The Trust's recorded outturns first, then the five simulated years.
    let record = &ds.drivers.outturns;
    assert_eq!(record.len(), 4);
    assert_eq!(c.table.rows.len(), record.len() + 5);
    for (row, o) in c.table.rows.iter().zip(record) {
        assert_eq!(row[0], format!("{} (recorded)", o.year));
        assert_eq!(row[1], gbp_m(o.gap_gbp_m));
        assert!(row[2..].iter().all(|v| v == "—"), "{row:?}");
    }
    assert_eq!(c.table.rows[2][..2], ["2023/24 (recorded)", "£10.0m"]);
    assert_eq!(c.table.rows[3][..2], ["2024/25 (recorded)", "−£3.5m"]);
    for (j, row) in c.table.rows[record.len()..].iter().enumerate() {
        let q = s.annual[j];
        assert_eq!(row[0], year_label(2025 + j as u16));
        assert_eq!(row[1], "—");
        assert_eq!(row[2], gbp_m(s.baseline_gaps[j]));
        assert_eq!(
            row[3..],
            [q.p5, q.p25, q.p50, q.p75, q.p95, q.mean].map(gbp_m)
        );
    }
    assert_eq!(c.table.rows[8][0], "2029/30");
    assert_eq!(c.table.rows[8][7], gbp_m(s.annual[4].p95));
    // The title holds the simulated years against the record.
    assert_eq!(
        c.title,
        format!(
            "{} of simulated years end within the Trust's recorded outturns (−£3.5m to \
             £10.0m); the median year is {}",
            chance(s.p_net_in_record_range),
            gbp_m(s.annual_net_all.p50)
        )
    );
    assert!(c.caption.contains(&format!(
        "in 9 trials out of 10 the net outturn in 2029/30 is between {} and {}, and with no \
         risk events it would be {}.",
        gbp_m(s.annual[4].p5),
        gbp_m(s.annual[4].p95),
        gbp_m(s.baseline_gaps[4])
    )));
    assert!(c.caption.contains(
        "The diamonds on the left are the Trust's recorded outturns (2019/20 £7.0m, 2021/22 \
         £1.8m, 2023/24 £10.0m, 2024/25 −£3.5m)."
    ));
    assert!(c
        .caption
        .ends_with("The dotted line is your threshold of £8.2m a year."));
    // Two bands, the legend, the end labels.
    assert_eq!(
        c.svg
            .matches(&format!("fill=\"{}\"", hex(BAND_OUTER)))
            .count(),
        2
    );
    assert_eq!(
        c.svg
            .matches(&format!("fill=\"{}\"", hex(BAND_INNER)))
            .count(),
        2
    );
    for words in [
        "Middle 90% of trials (P5 to P95)",
        "Middle half (P25 to P75)",
        "No risk events",
        "Recorded outturn",
        "Your threshold",
        "Threshold £8.2m",
        "Simulated →",
        &format!("Median {}", gbp_m(s.annual[4].p50)),
        &format!("P95 {}", gbp_m(s.annual[4].p95)),
        "2019/20",
        "2025/26",
        "2029/30",
    ] {
        assert!(has_line(&c.svg, words), "{words}");
    }
    // Each recorded outturn is a diamond with its year and amount written by it (2024/25
    // is between two axis labels, so only its marker names it): on two lines above or
    // below it, or on one line beside it where there is no room above or below.
    for o in record {
        let (year, amount) = (o.year.as_str(), gbp_m(o.gap_gbp_m));
        let stacked = (c.svg.matches(&format!(">{year}<")).count()
            + c.svg.lines().filter(|l| l.trim() == year).count()
            >= 1)
            && has_line(&c.svg, &amount);
        assert!(
            stacked || has_line(&c.svg, &format!("{year} {amount}")),
            "{year}"
        );
    }
    assert_eq!(
        c.svg
            .lines()
            .filter(
                |l| l.starts_with("<polygon") && l.contains(&format!("fill=\"{}\"", hex(RECORD)))
            )
            .count(),
        record.len() + 1,
        "a diamond per recorded year and the legend's"
    );
}

#[test]
fn the_record_is_placed_on_the_year_axis() {
    let (ds, out) = run();
    let pts = record_points(ds);
    assert_eq!(
        pts.iter().map(|p| (p.year, p.net)).collect::<Vec<_>>(),
        [(2019, 7.0), (2021, 1.8), (2023, 10.0), (2024, -3.5)]
    );
    // A year that cannot be read is left to the table; no record, no markers.
    let mut odd = ds.clone();
    odd.drivers.outturns[0].year = "Last year".into();
    assert_eq!(record_points(&odd).len(), 3);
    let c = fan(&odd, &out.summary);
    assert_clean(&c);
    assert_eq!(c.table.rows[0][0], "Last year (recorded)");
    let mut none = ds.clone();
    none.drivers.outturns.clear();
    let c = fan(&none, &out.summary);
    assert_clean(&c);
    assert_eq!(c.table.rows.len(), 5);
    assert!(
        c.title.starts_with("The median net outturn is "),
        "{}",
        c.title
    );
    assert!(!has_line(&c.svg, "Recorded outturn"));
    assert!(!c.svg.contains("Simulated →"));
}

#[test]
fn the_histogram_shows_shares_and_labels_its_markers() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = histogram(ds, s);
    let h = &s.histogram;
    assert_eq!(c.table.rows.len(), h.counts.len());
    let total: u32 = h.counts.iter().sum();
    assert_eq!(total, s.trials);
    for (i, row) in c.table.rows.iter().enumerate() {
        assert_eq!(
            row[0],
            format!("{} to {}", gbp_m(h.edges[i]), gbp_m(h.edges[i + 1]))
        );
        assert_eq!(row[1], count(u64::from(h.counts[i])));
        assert_eq!(row[2], chance(f64::from(h.counts[i]) / 2000.0));
    }
    let nonzero = h.counts.iter().filter(|c| **c > 0).count();
    assert_eq!(rects_filled(&c.svg, MID_BLUE), nonzero);
    for words in [
        format!("Median {}", gbp_m(s.five_year.p50)),
        format!("1 in 20 above {} (P95)", gbp_m(s.five_year.p95)),
        format!("No risk events {}", gbp_m(s.baseline_five_year)),
    ] {
        assert!(has_line(&c.svg, &words), "{words}");
    }
    assert_eq!(
        c.caption,
        format!(
            "Half the trials have a five-year net outturn above {} and 1 in 20 above {}; with \
             no risk events it would be {}. Each bar is the share of trials with a five-year \
             net outturn in its range.",
            gbp_m(s.five_year.p50),
            gbp_m(s.five_year.p95),
            gbp_m(s.baseline_five_year)
        )
    );
}

#[test]
fn thresholds_compare_one_year_with_one_year_and_tabulate_every_one() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = thresholds(ds, s);
    let t = &s.thresholds[0];
    assert_eq!(t.kind, ThresholdKind::Chosen);
    assert_eq!(t.value, 8.2);
    assert_eq!(
        c.table.headers,
        [
            "Threshold",
            "Amount a year",
            "Held against",
            "In a given year",
            "In at least one of the five years"
        ]
    );
    assert_eq!(c.table.rows.len(), s.thresholds.len());
    for (row, t) in c.table.rows.iter().zip(&s.thresholds) {
        let against = if t.kind == ThresholdKind::Pressure {
            "Gross pressure, at or above"
        } else {
            "Net outturn, above"
        };
        assert_eq!(
            *row,
            [
                t.label.clone(),
                gbp_m(t.value),
                against.to_string(),
                chance(t.p_year),
                chance(t.p_any_year)
            ]
        );
        // In a given year is never likelier than in at least one of five.
        assert!(t.p_year <= t.p_any_year + 1e-12, "{}", t.label);
        // Net thresholds are marked on the curve; gross pressures are not.
        let words = format!("{} {}", t.label, gbp_m(t.value)).replace('\'', "&apos;");
        let marked = has_line(&c.svg, &words);
        assert_eq!(marked, t.kind != ThresholdKind::Pressure, "{}", t.label);
    }
    assert!(c
        .table
        .rows
        .iter()
        .any(|r| r[0] == "2023/24 gross cost pressure" && r[2] == "Gross pressure, at or above"));
    assert!(c.caption.starts_with(&format!(
        "There is {} {} chance that the net outturn passes your threshold of £8.2m in at \
         least one of the five years, and {} {} chance in a given year.",
        a_or_an(&chance(t.p_any_year)),
        chance(t.p_any_year),
        a_or_an(&chance(t.p_year)),
        chance(t.p_year)
    )));
    assert!(c.caption.ends_with(
        "The recorded cost pressures are held against the gross pressure (before offsets), \
         so they are in the table, not on this curve."
    ));
    assert_eq!(
        c.title,
        format!(
            "{} {} chance the net outturn passes your threshold of £8.2m in at least one of \
             the five years; {} in a given year",
            capitalise(a_or_an(&chance(t.p_any_year))),
            chance(t.p_any_year),
            chance(t.p_year)
        )
    );
    assert!(!c.title.contains("gap") && !c.caption.contains("gap"));
}

#[test]
fn exceedance_is_of_the_five_year_net_outturn() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = exceedance(ds, s);
    assert_eq!(
        c.table.headers,
        ["Amount", "Chance the five-year net outturn is above it"]
    );
    assert!(c.table.rows.len() >= 3);
    // Each row is the curve read at a round amount: falling as the amount rises.
    let mut last = 1.0;
    for row in &c.table.rows {
        let x: f64 = row[0]
            .replace('−', "-")
            .replace(['£', 'm'], "")
            .parse()
            .unwrap();
        let p = chance_above(&s.exceedance, x).unwrap();
        assert_eq!(row[1], chance(p));
        assert!(p <= last + 1e-12);
        last = p;
    }
    let over = chance_above(&s.exceedance, 0.0).unwrap();
    assert_eq!(
        c.title,
        format!(
            "{} {} chance that the five years end in overspend overall; 1 trial in 10 is above \
             {}",
            capitalise(a_or_an(&chance(over))),
            chance(over),
            gbp_m(s.five_year.p90)
        )
    );
    for words in [
        format!("Median {}", gbp_m(s.five_year.p50)),
        format!("No risk events {}", gbp_m(s.baseline_five_year)),
    ] {
        assert!(has_line(&c.svg, &words), "{words}");
    }
    // No annual threshold on a five-year axis.
    assert!(!c.svg.contains("Your threshold") && !c.svg.contains("outturn £"));
    assert!(c
        .caption
        .contains("each year's outturn is in the fan chart"));
    // The curve read between and beyond its points.
    let curve = [
        Exceedance { x: 10.0, p: 0.9 },
        Exceedance { x: 20.0, p: 0.5 },
    ];
    assert_eq!(chance_above(&curve, 5.0), Some(1.0));
    assert!((chance_above(&curve, 15.0).unwrap() - 0.7).abs() < 1e-12);
    assert_eq!(chance_above(&curve, 30.0), Some(0.5));
    assert_eq!(chance_above(&[], 1.0), None);
}

#[test]
fn exceedance_curves_reach_the_plot_edges() {
    let curve = [
        Exceedance { x: 10.0, p: 0.9 },
        Exceedance { x: 20.0, p: 0.5 },
        Exceedance { x: 30.0, p: 0.0 },
    ];
    assert_eq!(
        exceedance_points(&curve, 0.0, 40.0),
        vec![
            (0.0, 100.0),
            (10.0, 100.0),
            (10.0, 90.0),
            (20.0, 50.0),
            (30.0, 0.0),
            (40.0, 0.0)
        ]
    );
    assert_eq!(exceedance_points(&curve, 10.0, 30.0).len(), 3);
    assert!(exceedance_points(&[], 0.0, 1.0).is_empty());
    let bad = [Exceedance {
        x: f64::NAN,
        p: 0.5,
    }];
    assert!(exceedance_points(&bad, 0.0, 1.0).is_empty());
}

#[test]
fn stacked_labels_never_overlap_or_cross_a_line() {
    // Nine labels 120 wide at nearly the same place: each takes its own row.
    let items: Vec<(i32, i32)> = (0..9).map(|i| (100 + i, 120)).collect();
    let st = stack_labels(&items, (4, 620));
    let mut rows: Vec<usize> = st.iter().map(|s| s.row).collect();
    rows.sort();
    assert_eq!(rows, (0..9).collect::<Vec<_>>());
    // The rightmost line takes the lowest row, so no line runs through words.
    assert_eq!(st[8].row, 0);
    assert_eq!(st[0].row, 8);
    // Far apart: one row.
    let st = stack_labels(&[(50, 100), (300, 100), (500, 60)], (4, 620));
    assert!(st.iter().all(|s| s.row == 0), "{st:?}");
    // Near the right edge the words run leftwards.
    let st = stack_labels(&[(600, 100)], (4, 620));
    assert!(st[0].leftwards);
    // A line under leftward words stops below them.
    let st = stack_labels(&[(600, 100), (520, 60)], (4, 620));
    assert!(st[0].leftwards && !st[1].leftwards);
    assert!(st[1].row < st[0].row, "{st:?}");
    // Facing labels: the right-facing one turns round if it fits on the left.
    let st = stack_labels(&[(440, 100), (530, 200)], (4, 620));
    assert!(st[0].leftwards && st[1].leftwards, "{st:?}");
    assert!(st[0].row < st[1].row, "{st:?}");
    let st = stack_labels(&[(60, 100), (200, 200)], (4, 220));
    assert!(
        !st[0].leftwards && st[1].leftwards,
        "no room on the left: {st:?}"
    );
    // Random-looking sets: no two labels in a row overlap; with every label's words
    // to the right, no line runs through words either.
    for right_edge in [620, 2000] {
        let items: Vec<(i32, i32)> = (0..20)
            .map(|i| ((i * 137) % 560 + 40, 40 + (i * 53) % 120))
            .collect();
        let st = stack_labels(&items, (4, right_edge));
        let span = |i: usize| words_span(items[i].0, items[i].1, st[i].leftwards);
        for i in 0..items.len() {
            for j in 0..items.len() {
                let (a, b) = (span(i), span(j));
                if i != j && st[i].row == st[j].row {
                    assert!(a.1 < b.0 || b.1 < a.0, "{i} and {j} overlap");
                }
                if right_edge == 2000 && st[j].row > st[i].row {
                    let x = items[j].0;
                    assert!(x < a.0 - 2 || x > a.1 + 2, "line {j} crosses words {i}");
                }
            }
        }
    }
}

#[test]
fn risk_probability_shows_each_risk_and_its_yearly_chance() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = risk_probability(ds, s);
    assert_eq!(c.table.rows.len(), 9);
    assert_eq!(c.table.rows[0][0], "R1 Council relationship");
    for (i, row) in c.table.rows.iter().enumerate() {
        assert_eq!(row[1], chance(s.base_probability[i]));
        assert_eq!(row[2], chance(s.yearly_frequency[i]));
        assert_eq!(row[3], chance(s.p_at_least_once[i]));
        assert!(has_line(
            &c.svg,
            &format!(
                "{} ({} a year)",
                chance(s.p_at_least_once[i]),
                chance(s.base_probability[i])
            )
        ));
    }
    assert_eq!(rects_filled(&c.svg, MID_BLUE), 9 + 1, "bars and the key");
    assert!(c.caption.contains("a year and"));
    let likely = s.p_at_least_once.iter().filter(|p| **p > 0.5).count();
    let most = (0..9)
        .max_by(|a, b| s.p_at_least_once[*a].total_cmp(&s.p_at_least_once[*b]))
        .unwrap();
    assert_eq!(s.risks[most].to_string(), "R3", "demand is the likeliest");
    assert_eq!(
        c.title,
        format!(
            "{} of the nine risks {} more likely than not to happen at least once in five \
             years; R3 Demand pressure is the likeliest, at {}",
            capitalise(&number_word(likely)),
            if likely == 1 { "is" } else { "are" },
            chance(s.p_at_least_once[most])
        )
    );
}

#[test]
fn same_year_caption_sums_three_or_more() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = same_year(ds, s);
    let y: f64 = s.same_year[3..].iter().sum();
    let z = s.same_year_gap[3].unwrap();
    assert!(c.caption.starts_with(&format!(
        "There is {} {} chance that three or more risks hit in the same year at least once \
         in five years; when they do, the five-year net outturn averages {}.",
        a_or_an(&chance(y)),
        chance(y),
        gbp_m(z)
    )));
    let last = s.same_year.iter().rposition(|p| *p > 0.0).unwrap();
    assert_eq!(c.table.rows.len(), last + 1);
    for (k, row) in c.table.rows.iter().enumerate() {
        assert_eq!(row[0], k.to_string());
        assert_eq!(row[1], chance(s.same_year[k]));
        assert_eq!(row[3], gbp_m(s.same_year_gap[k].unwrap()));
    }
    assert_eq!(c.table.rows[3][2], chance(y));
    assert!(c
        .svg
        .contains(&format!("Three or more in one year: {}", chance(y))));

    // A summary where three in a year never happens.
    let mut t = s.clone();
    t.same_year = vec![0.2, 0.5, 0.3, 0.0, 0.0];
    t.same_year_gap = vec![Some(1.0), Some(2.0), Some(3.0), None, None];
    let c = same_year(ds, &t);
    assert_clean(&c);
    assert_eq!(c.table.rows.len(), 3, "the empty tail is dropped");
    assert!(c.caption.contains("a 0.0% chance") && c.caption.contains("never happened"));
    assert_eq!(a_or_an("83.3%"), "an");
    assert_eq!(a_or_an("8.0%"), "an");
    assert_eq!(a_or_an("11.0%"), "an");
    assert_eq!(a_or_an("18%"), "an");
    assert_eq!(a_or_an("110.0%"), "a");
    assert_eq!(a_or_an("66.0%"), "a");
    assert_eq!(a_or_an("1.8%"), "a");
}

#[test]
fn count_against_independent_pairs_the_distributions() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = count_vs_independent(ds, s);
    // Every count up to the last that shows as at least 0.1% either way.
    let shows = |k: usize| {
        s.per_year_count.get(k).copied().unwrap_or(0.0) >= 0.0005
            || s.per_year_count_independent.get(k).copied().unwrap_or(0.0) >= 0.0005
    };
    let n = c.table.rows.len();
    assert!(n >= 4 && shows(n - 1) && !shows(n) && !shows(n + 1), "{n}");
    for (k, row) in c.table.rows.iter().enumerate() {
        assert_eq!(row[0], k.to_string());
        assert_eq!(row[1], chance(s.per_year_count[k]));
        assert_eq!(row[2], chance(s.per_year_count_independent[k]));
    }
    // The links keep the chances: the average year has as many risks either way (to a
    // tenth), and the title is about busy years.
    let mean = |v: &[f64]| -> f64 { v.iter().enumerate().map(|(k, p)| k as f64 * p).sum() };
    let (m, mi) = (mean(&s.per_year_count), mean(&s.per_year_count_independent));
    assert!((m - mi).abs() < 0.1, "{m} against {mi}");
    assert!(c
        .caption
        .contains(&format!("An average year has {m:.1} risks happening")));
    let busy: f64 = s.per_year_count[3..].iter().sum();
    let busy_ind: f64 = s.per_year_count_independent[3..].iter().sum();
    assert!(busy > busy_ind, "links make busy years more common");
    assert_eq!(
        c.title,
        format!(
            "With the links, {} of years have three or more risks happening, against {} if \
             the risks were independent at the same chances",
            chance(busy),
            chance(busy_ind)
        )
    );
    // Hatched bars have a dark grey outline; solid ones are dark blue.
    assert!(rects_filled(&c.svg, DARK_BLUE) >= c.table.rows.len() - 1);
}

#[test]
fn co_occurrence_writes_each_ratio() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = co_occurrence(ds, s);
    assert_eq!(c.table.rows.len(), 36);
    let p = &s.co_occurrence[0];
    assert_eq!(
        c.table.rows[0],
        [
            "R1 Council relationship and R2 Workforce".to_string(),
            chance(p.observed),
            chance(p.independent),
            format!("×{:.2}", p.ratio().unwrap())
        ]
    );
    for p in &s.co_occurrence {
        assert!(has_line(&c.svg, &times(p.ratio().unwrap())));
    }
    // The ids on the axes and the key.
    assert!(has_line(&c.svg, "R9") && has_line(&c.svg, "R1"));
    assert!(has_line(&c.svg, "R7 Placement sufficiency"));
    assert_eq!(bin(1.0, RATIO_EDGES), 2);
    assert_eq!(bin(0.5, RATIO_EDGES), 0);
    assert_eq!(bin(2.0, RATIO_EDGES), 4);
}

#[test]
fn the_tornado_puts_the_largest_difference_first() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = tornado(ds, s);
    assert_eq!(c.table.rows.len(), 9);
    let best = s
        .effects
        .iter()
        .filter_map(|e| e.difference().map(|d| (e, d)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    let name = risk_name(ds, &best.0.risk);
    assert_eq!(c.table.rows[0][0], name);
    assert_eq!(c.table.rows[0][1], gbp_m(best.0.with.unwrap()));
    assert_eq!(c.table.rows[0][2], gbp_m(best.0.without.unwrap()));
    assert_eq!(c.table.rows[0][3], signed_gbp_m(best.1));
    assert!(c.caption.starts_with(&name));
    assert!(c.title.contains(&name));
    // Risks that happened in every trial come last and say so.
    for e in s.effects.iter().filter(|e| e.without.is_none()) {
        let row = c
            .table
            .rows
            .iter()
            .position(|r| r[0] == risk_name(ds, &e.risk))
            .unwrap();
        assert_eq!(c.table.rows[row][2], "happened in every trial");
        assert!(c.table.rows[row][3].contains("nothing to compare"));
        assert!(row >= c.table.rows.len() - 3);
    }
    let diffs: Vec<f64> = s.effects.iter().filter_map(|e| e.difference()).collect();
    assert_eq!(
        rects_filled(&c.svg, OVERSPEND) + rects_filled(&c.svg, SURPLUS),
        diffs.len()
    );
}

#[test]
fn pairwise_hides_thin_cells_and_shows_the_rest() {
    let (ds, out) = run();
    let s = &out.summary;
    let c = pairwise(ds, s);
    assert_eq!(c.table.rows.len(), 36);
    for (row, p) in c.table.rows.iter().zip(&s.pairs) {
        match p.excess {
            Some(e) => assert_eq!(row[1], signed_gbp_m(e)),
            None => assert_eq!(row[1], "not shown: fewer than 100 trials in a cell"),
        }
        assert_eq!(row[2..], p.cells.map(|c| count(u64::from(c))));
    }
    let hidden = s.pairs.iter().filter(|p| p.excess.is_none()).count();
    assert_eq!(c.svg.lines().filter(|l| l.trim() == "n/a").count(), hidden);

    // All hidden: the title says why.
    let mut t = s.clone();
    for p in &mut t.pairs {
        p.excess = None;
    }
    let c = pairwise(ds, &t);
    assert_clean(&c);
    assert!(c.title.starts_with("Too few trials"));
    assert!(c.svg.contains("n/a: under 100 trials in a cell"));
    assert!(
        !c.svg.contains("little interaction"),
        "no colour key without colours"
    );
    assert!(c.caption.starts_with("Each cell"));
    assert!(c
        .caption
        .contains(" No pair can be shown (hatched, n/a): for every pair one"));

    // Some shown: values written in the cells, the largest named.
    let mut t = s.clone();
    t.pairs[0].excess = Some(12.3);
    t.pairs[1].excess = Some(-4.0);
    t.pairs[2].excess = Some(f64::NAN);
    let c = pairwise(ds, &t);
    assert_clean(&c);
    assert!(has_line(&c.svg, "+£12.3m") && has_line(&c.svg, "−£4.0m"));
    // Colour bands at ±£10.0m and ±£2.0m (half the largest, rounded up to 1, 2 or 5).
    assert!(has_line(&c.svg, "−£2.0m to +£2.0m: little interaction"));
    assert!(has_line(&c.svg, "Above +£10.0m"));
    assert_eq!(
        c.title,
        "Together, R1 Council relationship and R2 Workforce raise the five-year net outturn \
         by £12.3m beyond what each does alone"
    );
    assert_eq!(
        c.table.rows[2][1],
        "not shown: fewer than 100 trials in a cell"
    );
    let hidden = t
        .pairs
        .iter()
        .filter(|p| !p.excess.is_some_and(f64::is_finite))
        .count();
    assert!(c.caption.contains(&format!(
        " {} of the 36 pairs are not shown (hatched, n/a) because one",
        capitalise(&number_word(hidden))
    )));
    assert_eq!(round_up_125(6.15), 10.0);
    assert_eq!(round_up_125(0.0), 0.1);
    assert_eq!(round_up_125(2.0), 2.0);
}

#[test]
fn the_pair_grid_is_a_lower_triangle() {
    let g = PairGrid {
        left: 60,
        top: 50,
        cell_w: 64,
        cell_h: 40,
        n: 9,
    };
    assert_eq!(g.cell(0, 1), Some(((60, 50), (124, 90))));
    assert_eq!(
        g.cell(7, 8),
        Some(((60 + 7 * 64, 50 + 7 * 40), (60 + 8 * 64, 50 + 8 * 40)))
    );
    assert_eq!(g.cell(1, 1), None);
    assert_eq!(g.cell(2, 1), None);
    assert_eq!(g.cell(0, 9), None);
    assert_eq!(g.bottom(), 50 + 8 * 40);
    // The key sits right of every cell in the rows it spans.
    let (kx, ky) = g.key_at(9);
    let key_bottom = ky + 9 * 16;
    for b in 1..9 {
        for a in 0..b {
            let (p, q) = g.cell(a, b).unwrap();
            if p.1 < key_bottom {
                assert!(q.0 < kx, "cell {a},{b} under the key");
            }
        }
    }
    assert!(kx + 170 < 640, "the longest name fits");
}

#[test]
fn ratings_say_what_the_controls_are_worth() {
    let (ds, out) = run();
    let d = &out.by_rating;
    let c = ratings(ds, d);
    assert_eq!(c.table.rows.len(), 3);
    let m = |i: usize| gbp_m(d[i].five_year.p50);
    assert_eq!(
        c.caption.split(". ").next().unwrap(),
        format!(
            "Controls as they work today bring the median five-year net outturn from {} \
             (inherent) to {} (current); reaching the target ratings would bring it to {}",
            m(0),
            m(1),
            m(2)
        )
    );
    for (row, d) in c.table.rows.iter().zip(d) {
        assert_eq!(row[0], d.rating.label());
        assert_eq!(row[3], gbp_m(d.five_year.p50));
        assert_eq!(row[7], chance(d.p_year_over));
        assert_eq!(row[8], chance(d.p_any_year_over));
        assert_eq!(row[9], chance(d.p_three_same_year));
        assert!(has_line(
            &c.svg,
            &format!(
                "Over your threshold in at least one year: {}; three or more risks in one year: {}",
                chance(d.p_any_year_over),
                chance(d.p_three_same_year)
            )
        ));
        assert!(has_line(
            &c.svg,
            &format!("Median {}", gbp_m(d.five_year.p50))
        ));
    }
    assert!(has_line(&c.svg, "Inherent: before any controls"));
    assert_eq!(
        c.table.headers[7..9],
        [
            "Net outturn over your threshold in a given year",
            "Net outturn over your threshold in at least one of the five years"
        ]
    );
}

#[test]
fn non_financial_outcomes_are_tabulated_with_the_baseline() {
    let (ds, out) = run();
    let s = &out.summary;
    let nf = &s.non_financial;
    let c = non_financial(ds, s);
    assert_eq!(c.table.rows.len(), 2 + nf.harms.len() + 2);
    assert_eq!(
        c.table.rows[0][0],
        "Extra agency cover needed to keep caseloads safe, in at least one year"
    );
    assert_eq!(c.table.rows[0][1], chance(nf.p_any_year_over_safe_caseload));
    assert_eq!(
        c.table.rows[1][0],
        "Years needing extra agency cover to keep caseloads safe (average)"
    );
    assert_eq!(
        c.table.rows[1][1],
        format!("{:.1} years of 5", nf.mean_years_over_safe_caseload)
    );
    assert_eq!(c.table.rows[2][0], "R4 Safeguarding incident at least once");
    assert_eq!(c.table.rows[2][1], chance(nf.harms[0].1));
    assert_eq!(c.table.rows[3][0], "R5 Regulatory at least once");
    let u = nf.unregistered_peak;
    assert_eq!(
        c.table.rows[4][1],
        format!("{} children", count(u.p50.round() as u64))
    );
    assert_eq!(
        c.table.rows[5][2],
        format!(
            "{} children",
            count(nf.baseline_unregistered_peak.round() as u64)
        )
    );
    assert!(has_line(&c.svg, &chance(nf.harms[1].1)));
    assert!(c.title.contains("R4 Safeguarding incident"));
    assert!(c.title.starts_with(&format!(
        "Extra agency cover is needed to keep caseloads safe in at least one year in {} of \
         trials",
        chance(nf.p_any_year_over_safe_caseload)
    )));
    // Caseload is counted once: years of cover, never also "unsafe".
    let words = format!("{} {} {:?}", c.title, c.caption, c.table);
    assert!(!words.to_lowercase().contains("unsafe years"));
    assert!(!words.contains("over the safe level"));
    assert!(c.caption.contains("Caseload is counted once"));
}

#[test]
fn no_trials_and_odd_numbers_never_panic() {
    let (ds, out) = run();
    let e = empty_summary();
    for c in every_chart(ds, &e, &[]) {
        assert_clean(&c);
        assert!(
            c.title.starts_with("No trials yet"),
            "{}: {}",
            c.id,
            c.title
        );
    }
    // NaN and infinities in every field reach no chart.
    let mut s = out.summary.clone();
    s.annual[2].p95 = f64::NAN;
    s.baseline_gaps[1] = f64::INFINITY;
    s.five_year.p50 = f64::NEG_INFINITY;
    s.baseline_five_year = f64::NAN;
    s.exceedance[3].x = f64::NAN;
    s.thresholds[1].value = f64::INFINITY;
    s.thresholds[2].p_any_year = f64::NAN;
    s.same_year[4] = f64::NAN;
    s.same_year_gap[3] = Some(f64::NAN);
    s.per_year_count[2] = f64::INFINITY;
    s.co_occurrence[0].independent = 0.0;
    s.co_occurrence[1].observed = f64::NAN;
    s.effects[0].with = Some(f64::NAN);
    s.pairs[0].excess = Some(f64::INFINITY);
    s.non_financial.mean_years_over_safe_caseload = f64::NAN;
    s.p_at_least_once[0] = f64::NAN;
    let mut d = out.by_rating.clone();
    d[0].five_year.p50 = f64::NAN;
    d.truncate(2);
    for c in every_chart(ds, &s, &d) {
        assert_clean(&c);
    }
    // Mismatched lengths are cut to the shortest.
    let mut s = out.summary.clone();
    s.annual.truncate(3);
    s.p_at_least_once.truncate(4);
    s.histogram.edges.truncate(5);
    s.risks.truncate(5);
    for c in every_chart(ds, &s, &out.by_rating) {
        assert_clean(&c);
    }
    assert_eq!(fan(ds, &s).table.rows.len(), 4 + 3);
    assert_eq!(risk_probability(ds, &s).table.rows.len(), 4);
    assert_eq!(histogram(ds, &s).table.rows.len(), 4);
    assert_eq!(co_occurrence(ds, &s).table.rows.len(), 10);
}

/// Writes the charts to /tmp/simcharts for a look (run with --ignored).
#[test]
#[ignore]
fn write_svgs() {
    let (ds, out) = run();
    let dir = std::path::Path::new("/tmp/simcharts");
    std::fs::create_dir_all(dir).unwrap();
    let mut words = String::new();
    for c in every_chart(ds, &out.summary, &out.by_rating) {
        std::fs::write(dir.join(format!("{}.svg", c.id)), &c.svg).unwrap();
        words.push_str(&format!(
            "## {}\n{}\n{}\n{}\n{:?}\n{:?}\n\n",
            c.id,
            c.title,
            c.caption,
            c.source,
            c.table.headers,
            c.table.rows.first()
        ));
    }
    std::fs::write(dir.join("words.md"), words).unwrap();
    let mut t = out.summary.clone();
    for (i, p) in t.pairs.iter_mut().enumerate() {
        if i % 3 != 0 {
            p.excess = Some((i as f64 - 15.0) * 0.9);
        }
    }
    let c = pairwise(ds, &t);
    std::fs::write(dir.join("sim-pairwise-some.svg"), &c.svg).unwrap();
    let c = fan(ds, &empty_summary());
    std::fs::write(dir.join("sim-empty.svg"), &c.svg).unwrap();
}

#[test]
fn all_lists_the_charts_in_display_order() {
    let (ds, out) = run();
    let s = &out.summary;
    let ids: Vec<&str> = all(ds, s, &out.by_rating).iter().map(|c| c.id).collect();
    let one_by_one = [
        fan(ds, s).id,
        thresholds(ds, s).id,
        histogram(ds, s).id,
        exceedance(ds, s).id,
        risk_probability(ds, s).id,
        tornado(ds, s).id,
        same_year(ds, s).id,
        count_vs_independent(ds, s).id,
        co_occurrence(ds, s).id,
        pairwise(ds, s).id,
        non_financial(ds, s).id,
        ratings(ds, &out.by_rating).id,
    ];
    assert_eq!(ids, one_by_one);
    let mut sorted = ids.clone();
    sorted.sort();
    let mut tested: Vec<&str> = every_chart(ds, s, &out.by_rating)
        .iter()
        .map(|c| c.id)
        .collect();
    tested.sort();
    assert_eq!(sorted, tested, "the tests cover every chart all() lists");
}
