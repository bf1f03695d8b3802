//! The chance of passing each amount: the five-year gap, and the annual gap in at least
//! one year, with the chosen threshold, past outturns and reported pressures marked.

use super::*;

/// A curve of P(value > x) extended to the plot's edges: every trial is above anything
/// left of the lowest value, none above anything right of the highest. In percent.
pub fn exceedance_points(curve: &[Exceedance], lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = curve
        .iter()
        .filter(|e| e.x.is_finite() && e.p.is_finite())
        .map(|e| (e.x, e.p.clamp(0.0, 1.0) * 100.0))
        .collect();
    if let Some(first) = pts.first().copied() {
        if lo < first.0 {
            pts.insert(0, (first.0, 100.0));
            pts.insert(0, (lo, 100.0));
        }
    }
    if let Some(last) = pts.last().copied() {
        if hi > last.0 {
            pts.push((hi, last.1));
        }
    }
    pts
}

fn threshold_style(kind: ThresholdKind) -> (RGBColor, Stroke, Shape) {
    match kind {
        ThresholdKind::Chosen => (TEXT, Stroke::Solid, Shape::Diamond),
        ThresholdKind::Outturn => (DARK_GREY, Stroke::Dashed, Shape::Circle),
        ThresholdKind::Pressure => (DARK_PINK, Stroke::Dotted, Shape::Triangle),
        ThresholdKind::Reference => (DARK_GREY, Stroke::Dotted, Shape::Circle),
    }
}

/// The chance of passing each amount: the five-year gap, and the annual gap in at least
/// one year, with the chosen threshold, past outturns and reported pressures marked.
pub fn exceedance(_ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let mut table = Table::new(
        format!(
            "The chance that the gap passes each threshold: the annual gap in at least one year \
             of the {}, and the {five} gap, £m",
            horizon(s)
        ),
        &[
            "Threshold",
            "Amount",
            "Annual gap above it in at least one year",
            &format!("{} gap above it", capitalise(&five)),
        ],
    );
    let thresholds: Vec<&ThresholdResult> = s
        .thresholds
        .iter()
        .filter(|t| t.value.is_finite())
        .collect();
    for t in &thresholds {
        table.rows.push(vec![
            t.label.clone(),
            gbp_m(t.value),
            chance(t.p_any_year),
            chance(t.p_year),
        ]);
    }
    if s.trials == 0 || (s.exceedance.is_empty() && s.any_year_exceedance.is_empty()) {
        return no_trials(
            "sim-exceedance",
            "the chance of passing each threshold",
            table,
            s,
        );
    }
    let (title, lead) = match thresholds.first() {
        Some(t) => {
            let name = if t.kind == ThresholdKind::Chosen {
                format!("your threshold of {}", gbp_m(t.value))
            } else {
                format!("the {} of {}", t.label, gbp_m(t.value))
            };
            (
                format!(
                    "A {} chance the annual gap passes {name} in at least one year",
                    chance(t.p_any_year)
                ),
                format!(
                    "There is a {} chance that the annual gap passes {name} in at least one of \
                     the {}, and a {} chance that the {five} gap does.",
                    chance(t.p_any_year),
                    horizon(s),
                    chance(t.p_year)
                ),
            )
        }
        None => (
            "The chance that the gap passes each amount".to_string(),
            String::new(),
        ),
    };
    let caption = format!(
        "{lead} The solid curve is the chance that the {five} gap is above the amount along \
         the bottom, the dashed curve the chance that the annual gap is above it in at least \
         one year; the vertical lines mark your threshold (solid, diamond), past outturns \
         (dashed, circle) and reported cost pressures (dotted, triangle).",
    )
    .trim_start()
    .to_string();

    let markers: Vec<VMarker> = thresholds
        .iter()
        .map(|t| {
            let (colour, stroke, shape) = threshold_style(t.kind);
            VMarker {
                x: t.value,
                words: format!("{} {}", t.label, gbp_m(t.value)),
                colour,
                stroke,
                // Thin, so several close together still read as separate lines.
                width: if t.kind == ThresholdKind::Chosen {
                    2
                } else {
                    1
                },
                shape,
            }
        })
        .collect();
    let items = [
        LegendItem::new(
            Swatch::Line(DARK_BLUE),
            &format!("{} gap above this", capitalise(&five)),
        ),
        LegendItem::new(
            Swatch::Dashed(ORANGE),
            "Annual gap above this in at least one year",
        ),
    ];
    let xs = s
        .exceedance
        .iter()
        .chain(&s.any_year_exceedance)
        .map(|e| e.x)
        .chain(markers.iter().map(|m| m.x));
    let x = money_scale(xs, false, 6);
    let mut frame = Frame::new(x.clone(), percent_scale(), "Chance, %");
    frame.x_desc = "Gap, £m (above 0 = overspend)".to_string();
    frame.x_label_area = 46;
    frame.margin.right = 24;
    let legend_bottom = LEGEND_AT.1 + legend_height(&items, LEGEND_WIDTH);
    let (stacked, rows) = marker_rows(&frame, WIDTH, &markers);
    frame.margin.top = (legend_bottom + 14 + rows as i32 * LABEL_ROW + 6) as u32;
    let height = (frame.margin.top + 230 + frame.x_label_area + 6).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        draw_markers(root, &plot, &markers, &stacked, 0.0)?;
        draw_line(
            &mut plot,
            &exceedance_points(&s.any_year_exceedance, x.lo, x.hi),
            Line {
                colour: ORANGE,
                width: 3,
                dashed: true,
                marker: Marker::None,
            },
        )?;
        draw_line(
            &mut plot,
            &exceedance_points(&s.exceedance, x.lo, x.hi),
            Line {
                colour: DARK_BLUE,
                width: 3,
                dashed: false,
                marker: Marker::None,
            },
        )?;
        Ok(())
    });
    Chart {
        id: "sim-exceedance",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}
