use super::*;

#[test]
fn scales_use_round_numbers_and_survive_flat_or_empty_input() {
    let s = Scale::nice([338.9, 359.1], false, 6);
    assert_eq!((s.lo, s.hi, s.step), (335.0, 360.0, 5.0));
    assert_eq!(s.ticks.first(), Some(&335.0));
    assert_eq!(s.ticks.last(), Some(&360.0));
    let z = Scale::nice([-3.5, 10.9], true, 6);
    assert!(z.lo <= -3.5 && z.hi >= 10.9 && z.contains(0.0));
    for flat in [
        Scale::nice([0.0, 0.0], true, 5),
        Scale::nice([340.0], false, 5),
        Scale::nice(std::iter::empty(), false, 5),
        Scale::nice([f64::NAN, f64::INFINITY], true, 5),
    ] {
        assert!(flat.lo.is_finite() && flat.hi.is_finite() && flat.hi > flat.lo);
        assert!(flat.ticks.iter().all(|t| t.is_finite()));
        assert!(!flat.ticks.is_empty());
    }
    assert_eq!(s.tick_label(340.0), "340");
    // Every tick's label reads back as the tick (no 2.5 shown as "2").
    for t in &z.ticks {
        let back: f64 = z.tick_label(*t).replace('−', "-").parse().unwrap();
        assert!((back - t).abs() < 1e-9, "{t} labelled {}", z.tick_label(*t));
    }
    assert_eq!(Scale::nice([0.0, 0.3], true, 6).tick_label(0.05), "0.05");
    assert_eq!(
        Scale::nice([0.0, 2400.0], true, 5)
            .with_labels(Ticks::Count)
            .tick_label(2400.0),
        "2,400"
    );
}

#[test]
fn year_axes_label_at_most_the_asked_number_always_the_last() {
    let y = Scale::years(2025, 2029, 6);
    assert_eq!(y.ticks, vec![2025.0, 2026.0, 2027.0, 2028.0, 2029.0]);
    assert_eq!(y.tick_label(2025.0), "2025/26");
    let long = Scale::years(2018, 2029, 6);
    assert_eq!(
        long.ticks,
        vec![2019.0, 2021.0, 2023.0, 2025.0, 2027.0, 2029.0]
    );
    let one = Scale::years(2025, 2025, 6);
    assert_eq!(one.ticks, vec![2025.0]);
    assert!(one.hi > one.lo);
}

#[test]
fn the_svg_is_responsive() {
    let svg = render((WIDTH, HEIGHT), |root| {
        let frame = Frame::new(
            Scale::years(2025, 2029, 6),
            Scale::nice([0.0, 1.0], true, 4),
            "£m",
        );
        let mut p = plot(root, &frame)?;
        bar(
            root,
            &mut p,
            [(2024.8, 0.0), (2025.2, 0.5)],
            Fill::Solid(OVERSPEND),
        )?;
        Ok(())
    });
    let open = &svg[..svg.find('>').unwrap()];
    assert!(open.starts_with("<svg"), "{open}");
    assert!(open.contains("viewBox=\"0 0 640 360\""));
    assert!(open.contains("width=\"100%\""));
    assert!(!open.contains("height="));
    assert!(!open.contains("width=\"640\""));
    assert_eq!(rects_filled(&svg, OVERSPEND), 1);
    assert!(svg.contains("2025/26") && svg.contains("font-family=\"system-ui, sans-serif\""));
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn text_is_at_least_twelve_pixels() {
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(
            root,
            &[LegendItem::new(Swatch::Line(DARK_BLUE), "Spend")],
            (10, 10),
            600,
        )
    });
    for size in svg.split("font-size=\"").skip(1) {
        let v: f64 = size[..size.find('"').unwrap()].parse().unwrap();
        assert!(v >= 12.0 - 1e-9, "font-size {v}");
    }
}

#[test]
fn words_wrap_and_numbers_read_well() {
    assert_eq!(
        wrap("Family and friends (kinship) carers", 20, 3),
        vec!["Family and friends", "(kinship) carers"]
    );
    assert_eq!(wrap("one two three four", 8, 1), vec!["one two…"]);
    assert_eq!(signed_gbp_m(17.6), "+£17.6m");
    assert_eq!(signed_gbp_m(-24.0), "−£24.0m");
    assert_eq!(percent_1dp(0.031), "3.1%");
    assert_eq!(percent_1dp(-0.006), "−0.6%");
    assert_eq!(percent_1dp(-0.0001), "0.0%");
    assert_eq!(minus("-0.0"), "0.0");
}
