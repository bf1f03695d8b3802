//! What each chosen risk adds to the five-year net outturn alone, their sum (stacked,
//! with the compounding excess hatched on top) and what they add together, as horizontal
//! bars. Drawn 640 wide and 360 high, or taller for more than eight risks.

use super::*;

/// The compounding excess: hatched, so it reads as "extra" without its colour.
const COMPOUNDING: Fill = Fill::Hatched {
    fill: WHITE,
    lines: DARK_GREY,
};

/// Half the thickness of a horizontal bar, in rows.
const HALF_BAR: f64 = 0.3;

/// Height of one bar row in the impacts chart, in user units.
const ROW_PITCH: u32 = 34;

/// The financial year of a year index (0 = the baseline year), kept in range.
fn year_of(ds: &Dataset, index: usize) -> u16 {
    let offset = u16::try_from(index).unwrap_or(u16::MAX);
    ds.drivers
        .baseline_year
        .saturating_add(offset)
        .min(u16::MAX - 1)
}

/// "2026/27, most likely".
fn when_words(ds: &Dataset, e: &StressEvent) -> String {
    format!(
        "{}, {}",
        year_label(year_of(ds, e.year)),
        e.point.label().to_lowercase()
    )
}

/// The isolated effects stacked into the sum-of-parts bar: (event index, from, to).
/// Increases stack rightwards from zero and decreases leftwards, each in event order, so
/// the segments' lengths (to − from) add up to the sum of the parts.
pub(super) fn sum_segments(effects: &[f64]) -> Vec<(usize, f64, f64)> {
    let (mut up, mut down) = (0.0, 0.0);
    effects
        .iter()
        .map(|v| finite(*v))
        .enumerate()
        .map(|(i, v)| {
            let run = if v >= 0.0 { &mut up } else { &mut down };
            let from = *run;
            *run += v;
            (i, from, *run)
        })
        .collect()
}

/// The impacts title: together against the sum of the parts, in words; `what` is the
/// measure ("the five-year net outturn").
fn impacts_title(names: &[String], what: &str, sum: f64, together: f64, excess: f64) -> String {
    // When both take money off, say so rather than "add −£8.0m".
    let takes = together <= -LEVEL && sum <= -LEVEL;
    let (verb, prep, apart) = if takes {
        ("take", "off", "take off apart")
    } else {
        ("add", "to", "add apart")
    };
    let (t, s) = if takes {
        (-together, -sum)
    } else {
        (together, sum)
    };
    if let [one] = names {
        return format!(
            "{one} {verb}s {} {prep} {what}; choose another risk to see whether risks \
             compound",
            gbp_m(t)
        );
    }
    let compared = if excess.abs() < LEVEL {
        format!("exactly what they {apart}")
    } else {
        // A positive excess is more overspend: more added, or less taken off.
        let word = if (excess > 0.0) != takes {
            "more"
        } else {
            "less"
        };
        format!(
            "{} {word} than the {} they {apart}",
            gbp_m(excess.abs()),
            gbp_m(s)
        )
    };
    format!(
        "Together these {} risks {verb} {} {prep} {what}: {compared}",
        names.len(),
        gbp_m(t)
    )
}

/// One row of the impacts chart: its name, the words at its end, and its extent in £m.
struct ImpactRow {
    name: String,
    tag: Vec<String>,
    lo: f64,
    hi: f64,
}

/// What each chosen risk adds to the five-year net outturn alone, their sum (stacked,
/// with the compounding excess hatched on top) and what they add together, as horizontal
/// bars. Drawn 640 wide and 360 high, or taller for more than eight risks.
pub fn impacts(ds: &Dataset, r: &StressResult) -> Chart {
    let m = Measure::Net;
    let n = r.events.len().min(r.alone_money.len());
    let what = format!("the five-year {}{}", m.label(), unmanaged(r));
    let mut table = Table::new(
        format!(
            "What each chosen risk adds to {what} on its own, the sum of those parts, what \
             they add together and the difference (the compounding excess), £m"
        ),
        &[
            "Risk",
            "When and how badly",
            "Added to the five-year net outturn",
        ],
    );
    if n == 0 {
        return empty_chart(
            "stress-impacts",
            "Choose risks to see what they do alone and together",
            "No risks are chosen, so there is nothing to compare yet.",
            table,
            source(r),
        );
    }
    let events = &r.events[..n];
    let names: Vec<String> = events.iter().map(|e| risk_name(ds, &e.risk)).collect();
    let effects: Vec<f64> = (0..n).map(|i| finite(r.alone_effect(m, i))).collect();
    let sum: f64 = effects.iter().sum();
    let together = finite(r.together_effect(m));
    let excess = together - sum;
    let shows_excess = excess.abs() >= LEVEL;
    let title = impacts_title(&names, &what, sum, together, excess);

    for ((name, e), effect) in names.iter().zip(events).zip(&effects) {
        table
            .rows
            .push(vec![name.clone(), when_words(ds, e), signed_gbp_m(*effect)]);
    }
    let (all, compared) = match n {
        1 => ("The one chosen risk", "Together equals the sum: one risk"),
        _ if excess >= LEVEL => ("All the chosen risks at once", "Together more than the sum"),
        _ if excess <= -LEVEL => ("All the chosen risks at once", "Together less than the sum"),
        _ => ("All the chosen risks at once", "Together equals the sum"),
    };
    table.rows.push(vec![
        "Sum of the parts".to_string(),
        "Each risk on its own, added up".to_string(),
        signed_gbp_m(sum),
    ]);
    table.rows.push(vec![
        "Together".to_string(),
        all.to_string(),
        signed_gbp_m(together),
    ]);
    table.rows.push(vec![
        "Compounding excess".to_string(),
        compared.to_string(),
        signed_gbp_m(excess),
    ]);

    // Rows top to bottom: each risk alone, the sum of the parts, together.
    let segments = sum_segments(&effects);
    let colours = event_colours(events);
    let up: f64 = effects.iter().filter(|v| **v > 0.0).sum();
    let down: f64 = effects.iter().filter(|v| **v < 0.0).sum();
    let (hatch_lo, hatch_hi) = if shows_excess {
        (sum.min(together), sum.max(together))
    } else {
        (sum, sum)
    };
    let mut rows: Vec<ImpactRow> = names
        .iter()
        .zip(&effects)
        .map(|(name, e)| ImpactRow {
            name: name.clone(),
            tag: vec![signed_gbp_m(*e)],
            lo: e.min(0.0),
            hi: e.max(0.0),
        })
        .collect();
    let mut sum_tag = vec![signed_gbp_m(sum)];
    if shows_excess {
        sum_tag.push(format!("{} compounding", signed_gbp_m(excess)));
    }
    rows.push(ImpactRow {
        name: "Sum of the parts".to_string(),
        tag: sum_tag,
        lo: down.min(hatch_lo),
        hi: up.max(hatch_hi),
    });
    rows.push(ImpactRow {
        name: "Together".to_string(),
        tag: vec![signed_gbp_m(together)],
        lo: together.min(0.0),
        hi: together.max(0.0),
    });
    let k = rows.len();
    let on_right = |row: &ImpactRow| row.hi > 0.0 || row.lo >= 0.0;

    // Row names in the space left of the plot, wrapped if very long.
    let (name_lines, name_px) = name_column(rows.iter().map(|row| row.name.as_str()), 28, 200);
    let label_area = (name_px + 16) as u32;
    let tag_px = |right: bool| {
        rows.iter()
            .filter(|row| on_right(row) == right)
            .flat_map(|row| row.tag.iter())
            .map(|t| f64::from(approx_width(t, TEXT_PX) + 10))
            .fold(0.0, f64::max)
    };
    let values: Vec<f64> = rows.iter().flat_map(|row| [row.lo, row.hi]).collect();
    let base = nice_scale(&values, true, 5);
    let legend = if shows_excess {
        let words = if excess > 0.0 {
            "Compounding excess: together more than the sum"
        } else {
            "Compounding excess: together less than the sum"
        };
        vec![LegendItem::new(Swatch::Bar(COMPOUNDING), words)]
    } else {
        Vec::new()
    };
    let mut frame = Frame::across(base.clone(), k, "Added to the five-year net outturn, £m");
    frame.margin.top = if legend.is_empty() {
        16
    } else {
        below_legend(&legend)
    };
    let plot_px = f64::from(WIDTH) - f64::from(frame.margin.left + frame.margin.right + label_area);
    frame.x = with_room(base, tag_px(false), tag_px(true), plot_px);
    frame.y_label_area = label_area;
    let height = (frame.margin.top + ROW_PITCH * k as u32 + frame.x_label_area + 6).max(HEIGHT);

    let svg = render((WIDTH, height), |root| {
        legend_row(root, &legend, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        let slot = |j: usize| (k - 1 - j) as f64;
        let (sum_c, together_c) = (slot(n), slot(n + 1));
        // A rule between the risks and the two totals.
        plot.draw_series(std::iter::once(PathElement::new(
            vec![(frame.x.lo, sum_c + 0.5), (frame.x.hi, sum_c + 0.5)],
            GRID.stroke_width(1),
        )))?;
        for (i, e) in effects.iter().enumerate() {
            let c = slot(i);
            let fill = Fill::Solid(colours[i]);
            bar(
                root,
                &mut plot,
                [(0.0, c - HALF_BAR), (*e, c + HALF_BAR)],
                fill,
            )?;
        }
        for (i, from, to) in &segments {
            let colour = colours[*i];
            let corners = [(*from, sum_c - HALF_BAR), (*to, sum_c + HALF_BAR)];
            bar(root, &mut plot, corners, Fill::Solid(colour))?;
            let (a, b) = (
                plot.backend_coord(&corners[0]),
                plot.backend_coord(&corners[1]),
            );
            // A white seam at the segment's outer end, so neighbours in one colour part.
            let seam = if to >= from { b.0 } else { a.0 };
            root.draw(&PathElement::new(
                vec![(seam, a.1.min(b.1)), (seam, a.1.max(b.1))],
                WHITE.stroke_width(2),
            ))?;
            let id = events[*i].risk.to_string();
            if approx_width(&id, TEXT_PX) + 6 <= (b.0 - a.0).abs() {
                let style = text_style(TEXT_PX, text_on(colour), (HPos::Center, VPos::Center));
                label(root, &id, ((a.0 + b.0) / 2, (a.1 + b.1) / 2), &style)?;
            }
        }
        if up > 0.0 && down < 0.0 {
            // Increases and decreases: mark where the sum of the parts nets out.
            plot.draw_series(std::iter::once(PathElement::new(
                vec![(sum, sum_c - 0.42), (sum, sum_c + 0.42)],
                TEXT.stroke_width(3),
            )))?;
        }
        if shows_excess {
            let corners = [(sum, sum_c - HALF_BAR), (together, sum_c + HALF_BAR)];
            bar(root, &mut plot, corners, COMPOUNDING)?;
        }
        let corners = [
            (0.0, together_c - HALF_BAR),
            (together, together_c + HALF_BAR),
        ];
        bar(root, &mut plot, corners, Fill::Solid(TOGETHER))?;
        vline(&mut plot, 0.0, TEXT, 2)?;

        let left = plot.backend_coord(&(frame.x.lo, 0.0)).0;
        let name_style = text_style(TEXT_PX, TEXT, (HPos::Right, VPos::Center));
        for (j, (row, lines)) in rows.iter().zip(&name_lines).enumerate() {
            let c = slot(j);
            let (lo_px, cy) = plot.backend_coord(&(row.lo, c));
            let hi_px = plot.backend_coord(&(row.hi, c)).0;
            let centred =
                |count: usize, at: usize| cy + (at as i32 * 2 - (count as i32 - 1)) * 15 / 2;
            for (li, line) in lines.iter().enumerate() {
                label(
                    root,
                    line,
                    (left - 8, centred(lines.len(), li)),
                    &name_style,
                )?;
            }
            let (x, h) = if on_right(row) {
                (hi_px + 6, HPos::Left)
            } else {
                (lo_px - 6, HPos::Right)
            };
            let style = text_style(TEXT_PX, TEXT, (h, VPos::Center));
            for (li, line) in row.tag.iter().enumerate() {
                label(root, line, (x, centred(row.tag.len(), li)), &style)?;
            }
        }
        Ok(())
    });

    let hatch = if !shows_excess {
        "together they add the same as the sum of the parts, so there is no compounding to \
         show"
    } else if excess > 0.0 {
        "the hatched piece on the end of the sum is the compounding excess, how much more they \
         add together than apart"
    } else {
        "the hatched piece over the end of the sum is the compounding excess, how much less \
         they add together than apart (together less than the sum)"
    };
    // A risk whose pressure, alone, fits within the offset capacity adds nothing to the net
    // outturn: say so, rather than leave a zero bar as a puzzle.
    let absorbed: Vec<&str> = (0..n)
        .filter(|&i| {
            r.managed && effects[i].abs() < LEVEL && r.alone_effect(Measure::Gross, i) >= LEVEL
        })
        .map(|i| names[i].as_str())
        .collect();
    let absorbed = match absorbed.as_slice() {
        [] => String::new(),
        [one] => format!(
            " {one} adds nothing to the net outturn on its own: its pressure fits within the \
             offset capacity, so management action absorbs it."
        ),
        many => format!(
            " {} add nothing to the net outturn on their own: their pressures fit within the \
             offset capacity, so management action absorbs them.",
            many.join(", ")
        ),
    };
    Chart {
        id: "stress-impacts",
        title,
        caption: format!(
            "What each chosen risk adds to {what} on its own (one bar each), those effects \
             stacked as the sum of the parts (same colours and order, labelled by risk), and \
             what they add together (black); {hatch}. {}{absorbed}",
            net_note(r)
        ),
        svg,
        table,
        source: source(r),
    }
}
