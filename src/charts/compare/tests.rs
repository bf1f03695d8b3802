use super::*;

fn labels(n: usize) -> Vec<String> {
    ["Baseline", "Working scenario", "Hard winter 2026/27"][..n]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn no_overlaps(c: &Chart) {
    let boxes = text_boxes(&c.svg);
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let overlap =
                a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
            assert!(!overlap, "{}: “{}” overlaps “{}”", c.id, a.text, b.text);
        }
        assert!(
            a.x0 >= -0.5 && a.x1 <= 640.5,
            "{}: “{}” is cut off",
            c.id,
            a.text
        );
    }
}

#[test]
fn net_outturn_overlays_each_scenario_with_its_table_and_differences() {
    let years = [2025, 2026, 2027, 2028, 2029];
    for n in 1..=3 {
        let series: Vec<Series> = labels(n)
            .into_iter()
            .enumerate()
            .map(|(i, label)| Series {
                label,
                values: (0..5).map(|y| 2.0 * i as f64 + y as f64 - 1.0).collect(),
            })
            .collect();
        let c = net_outturn(&years, &series);
        assert_clean(&c, &[]);
        no_overlaps(&c);
        assert_eq!(c.table.rows.len(), 6, "five years and the total");
        assert_eq!(c.table.headers.len(), 1 + n + (n - 1));
        if n >= 2 {
            // Working scenario is 2.0 a year above the baseline: +£10.0m over five years.
            assert_eq!(c.table.rows[5][n + 1], "+£10.0m");
            assert!(c.title.contains("higher"), "{}", c.title);
        }
        // The line ends name each scenario in full where the name fits ("Working
        // scenario" once showed as "Working sc…").
        for (l, end) in labels(n)
            .iter()
            .zip(["Baseline", "Working scenario", "Hard winter 2026…"])
        {
            let at_end = [format!("{end} £"), format!("{end} −£")];
            assert!(at_end.iter().any(|e| c.svg.contains(e)), "{l}: {}", c.svg);
        }
        // Distinguished by more than colour: dashed first line, markers on the others.
        assert!(c.caption.contains("dashed grey line"));
    }
}

/// Two scenarios with the same outturn are called the same, not "£0.0m higher"; a long
/// name is cut at the line's end (the legend and the table have it whole).
#[test]
fn equal_outturns_are_the_same_and_long_names_are_cut_at_the_line_end() {
    let years = [2025, 2026, 2027, 2028, 2029];
    let long = "Workforce, demand and placements all at once".to_string();
    let series: Vec<Series> = ["Baseline".to_string(), long.clone()]
        .into_iter()
        .map(|label| Series {
            label,
            values: vec![-3.5; 5],
        })
        .collect();
    let c = net_outturn(&years, &series);
    assert_eq!(
        c.title,
        format!(
            "Over the five years the net outturn of {long} is the same as Baseline's (to £0.1m)"
        )
    );
    no_overlaps(&c);
    assert!(c.svg.contains("Workforce, deman… −£3.5m"), "{}", c.svg);
    assert!(c.table.headers.contains(&long));
}

#[test]
fn five_year_bars_say_what_is_not_yet_worked_out() {
    let m = vec![
        Measure {
            label: "Five-year gap".into(),
            values: vec![Some(10.0), Some(25.5), Some(-4.0)],
        },
        Measure {
            label: "Simulated five-year net outturn, median".into(),
            values: vec![Some(3.0), None, Some(1.0)],
        },
    ];
    let c = five_year(&labels(3), &m);
    assert_clean(&c, &[]);
    no_overlaps(&c);
    assert_eq!(c.table.rows[0][4], "+£15.5m");
    assert_eq!(c.table.rows[1][2], "not yet worked out");
    assert!(c.svg.contains("not yet worked out"));
}

#[test]
fn positions_name_the_risks_that_moved() {
    let risks: Vec<Placed> = (1..=9)
        .map(|i| Placed {
            risk: format!("R{i}"),
            name: format!("Risk {i}"),
            ratings: vec![(3, 4), if i == 3 { (5, 5) } else { (3, 4) }],
        })
        .collect();
    let c = positions(&labels(2), &risks, 12, "current");
    assert_clean(&c, &[]);
    no_overlaps(&c);
    assert!(c.title.contains("R3"), "{}", c.title);
    assert_eq!(c.table.rows[2][2], "5 × 5 = 25");
}

#[test]
fn five_year_bar_labels_stay_on_the_chart() {
    // As seen on the page: a long bar to the right and one to the left.
    let m = vec![
        Measure {
            label: "Five-year gap (spend − funding)".into(),
            values: vec![Some(24.5), Some(25.1)],
        },
        Measure {
            label: "Five-year net outturn, stress risks together".into(),
            values: vec![Some(-17.5), Some(11.0)],
        },
        Measure {
            label: "Added by the stress risks, together".into(),
            values: vec![Some(0.0), Some(28.5)],
        },
    ];
    let c = five_year(&labels(2), &m);
    no_overlaps(&c);
}
