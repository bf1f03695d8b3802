//! The chance that one year's net outturn passes each amount in at least one of the five
//! years, with the chosen threshold, the Trust's recorded outturns and England's average
//! overspend marked; the table holds every threshold, the recorded pressures too (those
//! against the gross pressure), each in a given year and in at least one year.

use super::*;

fn threshold_style(kind: ThresholdKind) -> (RGBColor, Stroke, Shape) {
    match kind {
        ThresholdKind::Chosen => (ACCENT, Stroke::Solid, Shape::Diamond),
        ThresholdKind::Outturn => (RECORD, Stroke::Dashed, Shape::Circle),
        ThresholdKind::Pressure => (RECORD, Stroke::Dotted, Shape::Triangle),
        ThresholdKind::Reference => (DARK_GREY, Stroke::Dotted, Shape::Triangle),
    }
}

/// What a threshold is held against, for the table.
pub fn held_against(kind: ThresholdKind) -> &'static str {
    match kind {
        ThresholdKind::Pressure => "Gross pressure, at or above",
        _ => "Net outturn, above",
    }
}

/// The chance of passing each threshold with one year's figure: in a given year and in at
/// least one of the five years.
pub fn thresholds(_ds: &Dataset, s: &Summary) -> Chart {
    let years = horizon(s);
    let mut table = Table::new(
        format!(
            "Each threshold is held against one year's figure: the net outturn (after in-year \
             offsets) for your threshold, the recorded outturns and England's average, the \
             gross pressure (before offsets) for the recorded pressures. The chance it is \
             passed in a given year, and in at least one of the {years}; amounts in £m a year"
        ),
        &[
            "Threshold",
            "Amount a year",
            "Held against",
            "In a given year",
            &format!("In at least one of the {years}"),
        ],
    );
    let list: Vec<&ThresholdResult> = s
        .thresholds
        .iter()
        .filter(|t| t.value.is_finite())
        .collect();
    for t in &list {
        table.rows.push(vec![
            t.label.clone(),
            gbp_m(t.value),
            held_against(t.kind).to_string(),
            chance(t.p_year),
            chance(t.p_any_year),
        ]);
    }
    if s.trials == 0 || s.any_year_exceedance.is_empty() {
        return no_trials(
            "sim-thresholds",
            "the chance of passing each threshold",
            table,
            s,
        );
    }
    let (title, lead) = match list.first() {
        Some(t) => {
            let name = if t.kind == ThresholdKind::Chosen {
                format!("your threshold of {}", gbp_m(t.value))
            } else {
                format!("the {} of {}", t.label, gbp_m(t.value))
            };
            (
                format!(
                    "{} {} chance the net outturn passes {name} in at least one of the \
                     {years}; {} in a given year",
                    capitalise(a_or_an(&chance(t.p_any_year))),
                    chance(t.p_any_year),
                    chance(t.p_year)
                ),
                format!(
                    "There is {} {} chance that the net outturn passes {name} in at least one \
                     of the {years}, and {} {} chance in a given year.",
                    a_or_an(&chance(t.p_any_year)),
                    chance(t.p_any_year),
                    a_or_an(&chance(t.p_year)),
                    chance(t.p_year)
                ),
            )
        }
        None => (
            format!("The chance that the net outturn passes each amount in one of the {years}"),
            String::new(),
        ),
    };
    let pressures = list
        .iter()
        .filter(|t| t.kind == ThresholdKind::Pressure)
        .count();
    let pressure_words = if pressures > 0 {
        " The recorded cost pressures are held against the gross pressure (before offsets), \
         so they are in the table, not on this curve."
    } else {
        ""
    };
    let caption = format!(
        "{lead} The curve is the chance that the largest net outturn of the {years} is above \
         the amount along the bottom; the vertical lines mark your threshold (solid, diamond), \
         the Trust's recorded outturns (dashed, circle) and England's average overspend \
         (dotted, triangle).{pressure_words}",
    )
    .trim_start()
    .to_string();

    let markers: Vec<VMarker> = list
        .iter()
        .filter(|t| t.kind != ThresholdKind::Pressure)
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
    let items = [LegendItem::new(
        Swatch::Line(DARK_BLUE),
        &format!("Net outturn above this in at least one of the {years}"),
    )];
    let xs = s
        .any_year_exceedance
        .iter()
        .map(|e| e.x)
        .chain(markers.iter().map(|m| m.x));
    let x = money_scale(xs, true, 6);
    let mut frame = Frame::new(x.clone(), percent_scale(), "Chance, %");
    frame.x_desc = "Net outturn in one year, £m (above 0 = overspend)".to_string();
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
                colour: DARK_BLUE,
                width: 3,
                dashed: false,
                marker: Marker::None,
            },
        )?;
        Ok(())
    });
    Chart {
        id: "sim-thresholds",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}
