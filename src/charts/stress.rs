//! Stress-scenario charts: what each chosen risk adds to the five-year gap on its own and
//! what they add together, the gap year by year, and which assumptions the compounding
//! rests on. Pure functions from the dataset and the stress results to [`Chart`]s.
//!
//! Conventions as in [`super::drivers`]: money in £m written by `format::gbp_m`, changes
//! signed ("+£4.2m"); a gap is spend − funding, positive an overspend and negative a
//! surplus; years are financial years written "2025/26". Each chosen risk keeps one colour
//! across the charts ([`risk_colour`], in the order of the events), and is always named
//! too, so no reading relies on colour alone.

use super::kit::{
    approx_width, bar, diamond, divider, draw_line, empty_chart, end_labels, finite, gap_cell,
    gap_words, hline, label, label_lines, legend_height, legend_row, plot, range_bars, render,
    risk_name, signed_gbp_m, text_on, text_style, vline, wrap, Chart, Fill, Frame, LegendItem,
    Line, Marker, RangeBar, Scale, Swatch, Table, DARK_BLUE, DARK_GREY, DARK_PINK, GRID, HEIGHT,
    LEGEND_AT, LEGEND_WIDTH, LEVEL, LIGHT_BLUE, LIGHT_PURPLE, ORANGE, TEXT, TEXT_PX, TURQUOISE,
    WIDTH,
};
use crate::format::{driver_value, gbp_m};
use crate::model::drivers::year_label;
use crate::model::projection::Projection;
use crate::model::scenario::{ExcessSensitivity, StressEvent, StressResult};
use crate::model::Dataset;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::BTreeMap;

/// The chosen risks' colours, in event order (dark blue is "together", grey the baseline).
const RISK_COLOURS: [RGBColor; 5] = [TURQUOISE, DARK_PINK, ORANGE, LIGHT_PURPLE, LIGHT_BLUE];
const TOGETHER: RGBColor = DARK_BLUE;
/// The compounding excess: hatched, so it reads as "extra" without its colour.
const COMPOUNDING: Fill = Fill::Hatched {
    fill: WHITE,
    lines: DARK_GREY,
};
/// Half the thickness of a horizontal bar, in rows.
const HALF_BAR: f64 = 0.3;
/// Height of one bar row in the impacts chart, in user units.
const ROW_PITCH: u32 = 34;
const SOURCE: &str = "Source: Risk Explorer stress scenario at the settings shown: the \
                      projection with each chosen risk's shocks, scaled by its current impact \
                      rating, applied from the year it crystallises, alone and together.";

/// The colour of the `i`-th chosen risk (repeats after five; every use also names it).
pub fn risk_colour(i: usize) -> RGBColor {
    RISK_COLOURS[i % RISK_COLOURS.len()]
}

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

/// A label as it reads mid-sentence: "Placement price inflation" → "placement price
/// inflation"; an initialism ("UASC …") keeps its capitals.
fn mid_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

/// A money scale for horizontal bars, widened so `left_px` and `right_px` user units of
/// labels fit beside the bars on a plot `plot_px` wide (together at most 60% of it).
fn with_room(base: Scale, left_px: f64, right_px: f64, plot_px: f64) -> Scale {
    let plot_px = finite(plot_px).max(1.0);
    let (mut a, mut b) = (
        finite(left_px).max(0.0) / plot_px,
        finite(right_px).max(0.0) / plot_px,
    );
    if a + b > 0.6 {
        let k = 0.6 / (a + b);
        (a, b) = (a * k, b * k);
    }
    let total = (base.hi - base.lo) / (1.0 - a - b);
    base.padded(a * total, b * total)
}

/// `Scale::nice` with a step its tick labels write exactly: the shared labels give a step
/// of 2.5 no decimals (so 7.5 would read "8"), so this asks for fewer ticks until the step
/// is 1, 2 or 5 at the labels' precision.
fn nice_scale(values: &[f64], include_zero: bool, n: usize) -> Scale {
    let exact = |s: &Scale| {
        let scale = if s.step >= 1.0 - 1e-9 {
            1.0
        } else if s.step >= 0.1 - 1e-9 {
            10.0
        } else {
            100.0
        };
        let v = s.step * scale;
        (v - v.round()).abs() < 1e-6
    };
    (1..=n.max(1))
        .rev()
        .map(|k| Scale::nice(values.iter().copied(), include_zero, k))
        .find(exact)
        .unwrap_or_else(|| Scale::nice(values.iter().copied(), include_zero, n))
}

/// The isolated effects stacked into the sum-of-parts bar: (event index, from, to).
/// Increases stack rightwards from zero and decreases leftwards, each in event order, so
/// the segments' lengths (to − from) add up to the sum of the parts.
fn sum_segments(effects: &[f64]) -> Vec<(usize, f64, f64)> {
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

/// The impacts title: together against the sum of the parts, in words.
fn impacts_title(names: &[String], sum: f64, together: f64, excess: f64) -> String {
    // When both take money off the gap, say so rather than "add −£8.0m".
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
            "{one} {verb}s {} {prep} the five-year gap; choose another risk to see whether \
             risks compound",
            gbp_m(t)
        );
    }
    let compared = if excess.abs() < LEVEL {
        format!("exactly what they {apart}")
    } else {
        // A positive excess is more gap: more added, or less taken off.
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
        "Together these {} risks {verb} {} {prep} the five-year gap: {compared}",
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

/// What each chosen risk adds to the five-year gap alone, their sum (stacked, with the
/// compounding excess hatched on top) and what they add together, as horizontal bars.
/// Drawn 640 wide and 360 high, or taller for more than eight risks.
pub fn impacts(ds: &Dataset, r: &StressResult) -> Chart {
    let n = r.events.len().min(r.alone.len());
    let mut table = Table::new(
        "What each chosen risk adds to the five-year gap on its own, the sum of those parts, \
         what they add together and the difference (the compounding excess), £m",
        &["Risk", "When and how badly", "Added to the five-year gap"],
    );
    if n == 0 {
        return empty_chart(
            "stress-impacts",
            "Choose risks to see what they do alone and together",
            "No risks are chosen, so there is nothing to compare yet.",
            table,
            SOURCE.to_string(),
        );
    }
    let events = &r.events[..n];
    let names: Vec<String> = events.iter().map(|e| risk_name(ds, &e.risk)).collect();
    let effects: Vec<f64> = (0..n).map(|i| finite(r.alone_effect(i))).collect();
    let sum: f64 = effects.iter().sum();
    let together = finite(r.together_effect());
    let excess = together - sum;
    let shows_excess = excess.abs() >= LEVEL;
    let title = impacts_title(&names, sum, together, excess);

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
    let name_lines: Vec<Vec<String>> = rows.iter().map(|row| wrap(&row.name, 28, 2)).collect();
    let name_px = name_lines
        .iter()
        .flatten()
        .map(|l| approx_width(l, TEXT_PX))
        .max()
        .unwrap_or(0)
        .min(200);
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
    let mut frame = Frame::new(base.clone(), Scale::slots(k), "");
    frame.margin.top = if legend.is_empty() {
        16
    } else {
        (LEGEND_AT.1 + legend_height(&legend, LEGEND_WIDTH) + 12) as u32
    };
    let plot_px = f64::from(WIDTH) - f64::from(frame.margin.left + frame.margin.right + label_area);
    frame.x = with_room(base, tag_px(false), tag_px(true), plot_px);
    frame.x_desc = "Added to the five-year gap, £m".to_string();
    frame.x_label_area = 46;
    frame.y_label_area = label_area;
    frame.vertical_grid = true;
    frame.show_y_axis = false;
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
            let fill = Fill::Solid(risk_colour(i));
            bar(
                root,
                &mut plot,
                [(0.0, c - HALF_BAR), (*e, c + HALF_BAR)],
                fill,
            )?;
        }
        for (i, from, to) in &segments {
            let colour = risk_colour(*i);
            let corners = [(*from, sum_c - HALF_BAR), (*to, sum_c + HALF_BAR)];
            bar(root, &mut plot, corners, Fill::Solid(colour))?;
            let (a, b) = (
                plot.backend_coord(&corners[0]),
                plot.backend_coord(&corners[1]),
            );
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
    Chart {
        id: "stress-impacts",
        title,
        caption: format!(
            "What each chosen risk adds to the five-year gap on its own (one bar each), those \
             effects stacked as the sum of the parts (same colours and order, labelled by risk), \
             and what they add together (dark blue); {hatch}."
        ),
        svg,
        table,
        source: SOURCE.to_string(),
    }
}

/// The annual gap by year for the baseline, each chosen risk alone and all together, with
/// a marker on the together line in the year each risk crystallises. Drawn 640 wide and
/// 360 high, or taller when the key needs more rows.
pub fn gap_paths(ds: &Dataset, r: &StressResult) -> Chart {
    let n = r.events.len().min(r.alone.len());
    let events = &r.events[..n];
    let names: Vec<String> = events.iter().map(|e| risk_name(ds, &e.risk)).collect();
    let m = r.alone[..n]
        .iter()
        .map(|p| p.years.len())
        .chain([r.baseline.years.len(), r.together.years.len()])
        .min()
        .unwrap_or(0);
    let mut headers: Vec<String> = vec!["Year".to_string(), "Baseline (no risks)".to_string()];
    headers.extend(names.iter().map(|name| format!("{name} alone")));
    headers.push("Together".to_string());
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut table = Table::new(
        "The gap (spend − funding) by year: the baseline, each chosen risk alone and all of them \
         together, £m",
        &header_refs,
    );
    if m == 0 {
        return empty_chart(
            "stress-gap-paths",
            "No projected years to show",
            "The projection has no years, so there is no gap to show.",
            table,
            SOURCE.to_string(),
        );
    }
    let gaps =
        |p: &Projection| -> Vec<f64> { p.years[..m].iter().map(|y| finite(y.gap)).collect() };
    let years: Vec<u16> = r.baseline.years[..m].iter().map(|y| y.year).collect();
    let xs: Vec<f64> = years.iter().map(|y| f64::from(*y)).collect();
    let base = gaps(&r.baseline);
    let together = gaps(&r.together);
    let alone: Vec<Vec<f64>> = r.alone[..n].iter().map(gaps).collect();
    let last = m - 1;
    let when = year_label(years[last]);
    let title = if n == 0 {
        format!(
            "Choose risks to see how they move the gap: at baseline it is {} in {when}",
            gap_words(base[last], true)
        )
    } else {
        format!(
            "Together, the gap in {when} is {} (baseline {})",
            gap_words(together[last], true),
            gap_words(base[last], false)
        )
    };

    // The risks crystallising in each projected year, by id.
    let mut crystallise: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for e in events.iter().filter(|e| e.year < m) {
        crystallise
            .entry(e.year)
            .or_default()
            .push(e.risk.to_string());
    }
    let under_axis: Vec<(f64, Vec<String>)> = crystallise
        .iter()
        .map(|(y, ids)| (xs[*y], wrap(&ids.join(", "), 12, 3)))
        .collect();
    let under_lines = under_axis.iter().map(|(_, l)| l.len()).max().unwrap_or(0);

    let mut items = vec![LegendItem::new(
        Swatch::Dashed(DARK_GREY),
        "Baseline (no risks)",
    )];
    for (i, name) in names.iter().enumerate() {
        items.push(LegendItem::new(Swatch::Line(risk_colour(i)), name));
    }
    if n > 0 {
        items.push(LegendItem::new(Swatch::Line(TOGETHER), "Together"));
    }
    if !crystallise.is_empty() {
        items.push(LegendItem::new(Swatch::Marker(TEXT), "Risk crystallises"));
    }
    let x = Scale::years(years[0], years[last], 6);
    let values: Vec<f64> = base
        .iter()
        .chain(&together)
        .chain(alone.iter().flatten())
        .copied()
        .collect();
    let y = nice_scale(&values, true, 5);
    let mut frame = Frame::new(x, y.clone(), "£m (above 0 = overspend)");
    frame.margin.right = 120;
    frame.margin.top = (LEGEND_AT.1 + legend_height(&items, LEGEND_WIDTH) + 12) as u32;
    frame.x_label_area = 28 + 15 * under_lines as u32 + if under_lines > 0 { 6 } else { 0 };
    let height = (frame.margin.top + 220 + frame.x_label_area + 6).max(HEIGHT);

    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        hline(&mut plot, 0.0, TEXT, 1)?;
        let points =
            |v: &[f64]| -> Vec<(f64, f64)> { xs.iter().copied().zip(v.iter().copied()).collect() };
        let baseline_line = Line {
            colour: DARK_GREY,
            width: 2,
            dashed: true,
            marker: Marker::None,
        };
        draw_line(&mut plot, &points(&base), baseline_line)?;
        for (i, v) in alone.iter().enumerate() {
            let thin = Line {
                colour: risk_colour(i),
                width: 2,
                dashed: false,
                marker: Marker::None,
            };
            draw_line(&mut plot, &points(v), thin)?;
        }
        let mut ends = vec![(
            (xs[last], base[last]),
            format!("Baseline {}", gbp_m(base[last])),
            DARK_GREY,
        )];
        if n > 0 {
            let thick = Line {
                colour: TOGETHER,
                width: 4,
                dashed: false,
                marker: Marker::Dot,
            };
            draw_line(&mut plot, &points(&together), thick)?;
            for y in crystallise.keys() {
                let at = plot.backend_coord(&(xs[*y], together[*y]));
                root.draw(&diamond(at, 7, TEXT))?;
            }
            for (e, v) in events.iter().zip(&alone) {
                ends.push(((xs[last], v[last]), e.risk.to_string(), TEXT));
            }
            ends.push((
                (xs[last], together[last]),
                format!("Together {}", gbp_m(together[last])),
                TOGETHER,
            ));
        }
        let bottom = plot.backend_coord(&(xs[last], y.lo)).1 - 8;
        end_labels(root, &plot, &ends, bottom)?;
        for (x, lines) in &under_axis {
            let (px, bottom) = plot.backend_coord(&(*x, y.lo));
            label_lines(root, lines, (px, bottom + 24), TEXT_PX)?;
        }
        Ok(())
    });

    table.rows = (0..m)
        .map(|j| {
            let mut row = vec![year_label(years[j]), gap_cell(base[j])];
            row.extend(alone.iter().map(|v| gap_cell(v[j])));
            row.push(gap_cell(together[j]));
            row
        })
        .collect();
    let caption = if n == 0 {
        "The gap between spend and funding each year at baseline, with no risks chosen (dashed \
         grey line); above zero is an overspend."
            .to_string()
    } else {
        "The gap between spend and funding each year, above zero an overspend: the baseline with \
         no risks (dashed grey line), each chosen risk on its own (thin lines, named at the \
         right) and all of them together (thick dark blue line); diamonds on the together line \
         mark the years the risks crystallise, named under the year."
            .to_string()
    };
    Chart {
        id: "stress-gap-paths",
        title,
        caption,
        svg,
        table,
        source: SOURCE.to_string(),
    }
}

/// How the compounding excess moves with each assumption it rests on across its range,
/// biggest swing first, around the excess now (a tornado). Drawn 640 wide and 360 high, or
/// 100 + 36 units a row for more than seven rows.
pub fn excess_sensitivity(ds: &Dataset, r: &StressResult, s: &[ExcessSensitivity]) -> Chart {
    let data = &ds.drivers;
    let mut table = Table::new(
        "The compounding excess (together − sum of the parts, on the five-year gap) as each \
         assumption it rests on moves across its range, the others at these settings: the \
         lowest and highest found and where, biggest swing first, £m",
        &[
            "Assumption",
            "Range",
            "Lowest compounding",
            "Highest compounding",
        ],
    );
    let swing = |x: &ExcessSensitivity| (finite(x.highest) - finite(x.lowest)).abs();
    let mut rows: Vec<&ExcessSensitivity> = s.iter().collect();
    rows.sort_by(|a, b| swing(b).total_cmp(&swing(a)));
    if r.events.len() < 2 {
        return empty_chart(
            "stress-excess-sensitivity",
            "Choose two or more risks to see what their compounding rests on",
            "Compounding needs at least two risks, so there is nothing to test yet.",
            table,
            SOURCE.to_string(),
        );
    }
    let Some(top) = rows.first() else {
        return empty_chart(
            "stress-excess-sensitivity",
            "No assumptions to test the compounding against",
            "There are no assumptions to move, so there is nothing to test.",
            table,
            SOURCE.to_string(),
        );
    };
    let name = |key: &str| data.label(key);
    let ends = |key: &str| crate::format::driver_range(data, key);
    let current = finite(r.compounding_excess());
    let title = if swing(top) >= LEVEL {
        format!(
            "The compounding rests most on {}: from {} to {} across its range",
            mid_sentence(&name(&top.key)),
            gbp_m(finite(top.lowest)),
            gbp_m(finite(top.highest))
        )
    } else {
        "No assumption moves the compounding across its range".to_string()
    };

    let n = rows.len();
    let height = (100 + 36 * n as u32).max(HEIGHT);
    let values: Vec<f64> = rows
        .iter()
        .flat_map(|x| [finite(x.lowest), finite(x.highest)])
        .chain([current])
        .collect();
    let base = nice_scale(&values, true, 6);
    // The assumption's value at each end of its bar: (left, right) words.
    let end_words = |x: &ExcessSensitivity| match data.driver(&x.key) {
        Some(d) => {
            let at = |v: f64| {
                if v.is_finite() {
                    v.clamp(d.min, d.max)
                } else {
                    d.min
                }
            };
            (
                driver_value(d, at(x.lowest_at)),
                driver_value(d, at(x.highest_at)),
            )
        }
        None => (String::new(), String::new()),
    };
    let moving: Vec<(String, String)> = rows
        .iter()
        .filter(|x| swing(x) >= LEVEL)
        .map(|x| end_words(x))
        .collect();
    let room = |side: fn(&(String, String)) -> &String| {
        moving
            .iter()
            .map(|w| f64::from(approx_width(side(w), TEXT_PX) + 10))
            .fold(0.0, f64::max)
    };
    let mut frame = Frame::new(base.clone(), Scale::slots(n), "");
    frame.margin.left = 20;
    let plot_px = f64::from(WIDTH - frame.margin.left - frame.margin.right - 8);
    frame.x = with_room(base, room(|w| &w.0), room(|w| &w.1), plot_px);
    frame.x_desc = "Compounding excess on the five-year gap, £m".to_string();
    frame.x_label_area = 46;
    frame.y_label_area = 8;
    frame.vertical_grid = true;
    frame.show_y_axis = false;
    let items = [
        LegendItem::new(
            Swatch::Bar(Fill::Solid(ORANGE)),
            "More compounding than now",
        ),
        LegendItem::new(
            Swatch::Bar(Fill::Solid(TURQUOISE)),
            "Less compounding than now",
        ),
    ];
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        vline(&mut plot, 0.0, TEXT, 1)?;
        // Each end names the assumption's value that puts the excess there.
        let bars: Vec<RangeBar> = rows
            .iter()
            .map(|x| {
                let moves = swing(x) >= LEVEL;
                let (lo_text, hi_text) = end_words(x);
                RangeBar {
                    name: if moves {
                        name(&x.key)
                    } else {
                        format!("{}: no change across its range", name(&x.key))
                    },
                    ends: [(x.lowest, lo_text), (x.highest, hi_text)],
                    show_ends: moves,
                }
            })
            .collect();
        range_bars(root, &mut plot, &bars, current, (TURQUOISE, ORANGE))?;
        divider(
            root,
            &mut plot,
            current,
            &format!("Now: {}", signed_gbp_m(current)),
        )
    });

    table.rows = rows
        .iter()
        .map(|x| {
            let (lo, hi) = ends(&x.key);
            let (at_lo, at_hi) = end_words(x);
            vec![
                name(&x.key),
                format!("{lo} to {hi}"),
                format!("{} at {at_lo}", signed_gbp_m(finite(x.lowest))),
                format!("{} at {at_hi}", signed_gbp_m(finite(x.highest))),
            ]
        })
        .collect();
    Chart {
        id: "stress-excess-sensitivity",
        title,
        caption: format!(
            "For each assumption the compounding rests on, the compounding excess (how much more \
             the chosen risks add to the five-year gap together than apart) with that assumption \
             moved across its range (the bar runs from the lowest to the highest excess found, with the assumption's value written at each end) and the others \
             at these settings; the dashed line is the excess now ({}).",
            signed_gbp_m(current)
        ),
        svg,
        table,
        source: "Source: Risk Explorer stress scenario, rerun with each assumption at 13 points \
                 across its range and the others at the settings shown."
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::kit::assert_clean as clean_check;
    use crate::charts::kit::{hex, rects_filled};
    use crate::model::consequences::{SeverityPoint, Timing, EXTRA_COST};
    use crate::model::projection::DriverEdits;
    use crate::model::register::RiskId;
    use crate::model::scenario::{excess_sensitivities, run_stress};
    use crate::model::RegisterEdits;

    /// Well-formed enough for the view (the shared check).
    fn assert_clean(c: &Chart) {
        clean_check(c, &[]);
    }

    fn with(shocks: &[(&str, &str, f64, Timing)]) -> Dataset {
        crate::model::scenario::dataset_with_shocks(shocks)
    }

    fn ev(risk: &str, year: usize) -> StressEvent {
        StressEvent {
            risk: RiskId::new(risk),
            year,
            point: SeverityPoint::Likely,
        }
    }

    fn run(ds: &Dataset, events: &[StressEvent]) -> StressResult {
        run_stress(
            crate::model::scenario::Inputs::new(ds, &DriverEdits::new(), &RegisterEdits::default()),
            events,
        )
    }

    fn sensitivities(ds: &Dataset, r: &StressResult) -> Vec<ExcessSensitivity> {
        excess_sensitivities(
            crate::model::scenario::Inputs::new(ds, &DriverEdits::new(), &RegisterEdits::default()),
            &r.events,
        )
    }

    /// More children in care × higher prices, both from 2026/27: they compound.
    fn compounding() -> (Dataset, StressResult) {
        let ds = with(&[
            ("R3", "cic_growth", 3.0, Timing::Persistent),
            ("R7", "placement_inflation", 3.0, Timing::Persistent),
        ]);
        let r = run(&ds, &[ev("R3", 1), ev("R7", 1)]);
        (ds, r)
    }

    /// Two extra costs: £2.0m once in 2026/27 and £3.0m a year from 2027/28. No compounding.
    fn additive() -> (Dataset, StressResult) {
        let ds = with(&[
            ("R8", EXTRA_COST, 2.0, Timing::OneOff),
            ("R6", EXTRA_COST, 3.0, Timing::Persistent),
        ]);
        let r = run(&ds, &[ev("R8", 1), ev("R6", 2)]);
        (ds, r)
    }

    fn name(ds: &Dataset, id: &str) -> String {
        format!("{id} {}", ds.risk(id).unwrap().short_title)
    }

    /// Moves the together projection's five-year gap by `by` £m (in its last year).
    fn shift_together(r: &mut StressResult, by: f64) {
        let last = r.together.years.len() - 1;
        r.together.years[last].gap += by;
    }

    /// Whether the SVG has `text` as a whole line (plotters writes text on its own line).
    fn has_line(svg: &str, text: &str) -> bool {
        svg.lines().any(|l| l.trim() == text)
    }

    fn polygons_filled(svg: &str, colour: RGBColor) -> usize {
        let fill = format!("fill=\"{}\"", hex(colour));
        svg.lines()
            .filter(|l| l.starts_with("<polygon") && l.contains(&fill))
            .count()
    }

    #[test]
    fn impacts_show_each_risk_the_sum_and_together_when_they_compound() {
        let (ds, r) = compounding();
        let excess = r.compounding_excess();
        assert!(excess > 0.5, "{excess}");
        let c = impacts(&ds, &r);
        assert_clean(&c);
        assert_eq!(c.id, "stress-impacts");
        assert_eq!(
            c.title,
            format!(
                "Together these 2 risks add {} to the five-year gap: {} more than the {} they \
                 add apart",
                gbp_m(r.together_effect()),
                gbp_m(excess),
                gbp_m(r.sum_of_parts())
            )
        );
        assert!(c.title.starts_with("Together these 2 risks add £"));
        assert_eq!(c.table.headers.len(), 3);
        assert_eq!(c.table.rows.len(), 2 + 3);
        assert_eq!(
            c.table.rows[0],
            [
                name(&ds, "R3"),
                "2026/27, most likely".to_string(),
                signed_gbp_m(r.alone_effect(0))
            ]
        );
        assert_eq!(c.table.rows[0][0], "R3 Demand pressure");
        assert_eq!(c.table.rows[1][0], name(&ds, "R7"));
        assert_eq!(c.table.rows[1][2], signed_gbp_m(r.alone_effect(1)));
        assert_eq!(
            c.table.rows[2],
            [
                "Sum of the parts",
                "Each risk on its own, added up",
                &signed_gbp_m(r.sum_of_parts())
            ]
        );
        assert_eq!(c.table.rows[3][0], "Together");
        assert_eq!(c.table.rows[3][2], signed_gbp_m(r.together_effect()));
        assert_eq!(
            c.table.rows[4],
            [
                "Compounding excess",
                "Together more than the sum",
                &signed_gbp_m(excess)
            ]
        );
        assert!(c.table.rows[4][2].starts_with("+£"));
        // Each risk: its own bar and its segment of the sum; one together bar.
        assert_eq!(rects_filled(&c.svg, risk_colour(0)), 2);
        assert_eq!(rects_filled(&c.svg, risk_colour(1)), 2);
        assert_eq!(rects_filled(&c.svg, TOGETHER), 1);
        // The compounding is hatched, labelled and in the key.
        assert!(c
            .svg
            .contains(&format!("{} compounding", signed_gbp_m(excess))));
        assert!(c.svg.contains("together more than the sum"));
        assert!(c.svg.contains("Sum of the parts") && c.svg.contains("R7 Placement"));
        assert!(c
            .caption
            .contains("how much more they add together than apart"));
        assert!(c.svg.contains("viewBox=\"0 0 640 360\""));
    }

    #[test]
    fn the_sum_of_parts_segments_add_up_to_the_sum() {
        let (_, r) = compounding();
        let effects: Vec<f64> = (0..r.alone.len()).map(|i| r.alone_effect(i)).collect();
        let segments = sum_segments(&effects);
        assert_eq!(segments.len(), 2);
        let total: f64 = segments.iter().map(|(_, from, to)| to - from).sum();
        assert!((total - r.sum_of_parts()).abs() < 1e-9);
        // Same order as the risks, end to end from zero.
        assert_eq!(segments[0].0, 0);
        assert_eq!(segments[0].1, 0.0);
        assert_eq!(segments[1].1, segments[0].2);
        assert!((segments[1].2 - r.sum_of_parts()).abs() < 1e-9);
        // Increases right of zero, decreases left, each in order; NaN counts as nothing.
        let mixed = sum_segments(&[3.0, -1.0, 2.0, f64::NAN, -0.5]);
        assert_eq!(
            mixed,
            vec![
                (0, 0.0, 3.0),
                (1, 0.0, -1.0),
                (2, 3.0, 5.0),
                (3, 5.0, 5.0),
                (4, -1.0, -1.5)
            ]
        );
        let total: f64 = mixed.iter().map(|(_, from, to)| to - from).sum();
        assert!((total - 3.5).abs() < 1e-12);
    }

    #[test]
    fn unrelated_extra_costs_add_exactly_what_they_add_apart() {
        let (ds, r) = additive();
        assert!(r.compounding_excess().abs() < 1e-9);
        let c = impacts(&ds, &r);
        assert_clean(&c);
        assert_eq!(
            c.title,
            "Together these 2 risks add £11.0m to the five-year gap: exactly what they add apart"
        );
        assert_eq!(c.table.rows[0][1], "2026/27, most likely");
        assert_eq!(c.table.rows[0][2], "+£2.0m");
        assert_eq!(c.table.rows[1][1], "2027/28, most likely");
        assert_eq!(c.table.rows[1][2], "+£9.0m");
        assert_eq!(c.table.rows[2][2], "+£11.0m");
        assert_eq!(c.table.rows[3][2], "+£11.0m");
        assert_eq!(
            c.table.rows[4],
            ["Compounding excess", "Together equals the sum", "£0.0m"]
        );
        assert!(!c.svg.contains("compounding"), "nothing to hatch");
        assert!(c.caption.contains("no compounding to show"));
    }

    #[test]
    fn together_less_than_the_sum_says_less() {
        let (ds, mut r) = compounding();
        let excess = r.compounding_excess();
        shift_together(&mut r, -(excess + 1.1));
        assert!((r.compounding_excess() + 1.1).abs() < 1e-9);
        let c = impacts(&ds, &r);
        assert_clean(&c);
        assert_eq!(
            c.title,
            format!(
                "Together these 2 risks add {} to the five-year gap: £1.1m less than the {} they \
                 add apart",
                gbp_m(r.together_effect()),
                gbp_m(r.sum_of_parts())
            )
        );
        assert_eq!(
            c.table.rows[4][1..],
            ["Together less than the sum", "−£1.1m"]
        );
        assert!(c.svg.contains("−£1.1m compounding"));
        assert!(c.svg.contains("together less than the sum"));
        assert!(c.caption.contains("(together less than the sum)"));

        // Risks that take money off the gap are worded that way.
        let (ds, mut r) = additive();
        for p in &mut r.alone {
            *p = r.baseline.clone();
            shift_last(p, -5.0);
        }
        r.together = r.baseline.clone();
        shift_last(&mut r.together, -12.0);
        let c = impacts(&ds, &r);
        assert_clean(&c);
        assert_eq!(
            c.title,
            "Together these 2 risks take £12.0m off the five-year gap: £2.0m more than the \
             £10.0m they take off apart"
        );
        assert_eq!(c.table.rows[0][2], "−£5.0m");
        assert_eq!(c.table.rows[4][2], "−£2.0m");
    }

    fn shift_last(p: &mut Projection, by: f64) {
        let last = p.years.len() - 1;
        p.years[last].gap += by;
    }

    #[test]
    fn one_risk_is_named_on_its_own() {
        let (ds, _) = additive();
        let r = run(&ds, &[ev("R6", 2)]);
        let c = impacts(&ds, &r);
        assert_clean(&c);
        assert_eq!(
            c.title,
            format!(
                "{} adds £9.0m to the five-year gap; choose another risk to see whether risks \
                 compound",
                name(&ds, "R6")
            )
        );
        assert_eq!(c.table.rows.len(), 4);
        assert_eq!(c.table.rows[3][2], "£0.0m");
        let e = excess_sensitivity(&ds, &r, &sensitivities(&ds, &r));
        assert_eq!(
            e.title,
            "Choose two or more risks to see what their compounding rests on"
        );
        assert!(e.table.rows.is_empty());
    }

    #[test]
    fn no_risks_chosen_shows_an_empty_state() {
        let (ds, _) = compounding();
        let r = run(&ds, &[]);
        let c = impacts(&ds, &r);
        assert_clean(&c);
        assert_eq!(
            c.title,
            "Choose risks to see what they do alone and together"
        );
        assert!(c
            .svg
            .contains("Choose risks to see what they do alone and together"));
        assert!(c.table.rows.is_empty());
        assert_eq!(c.table.headers.len(), 3);
        assert_eq!(rects_filled(&c.svg, TOGETHER), 0);

        let g = gap_paths(&ds, &r);
        assert_clean(&g);
        assert_eq!(
            g.title,
            format!(
                "Choose risks to see how they move the gap: at baseline it is {} in 2029/30",
                gap_words(r.baseline.last().gap, true)
            )
        );
        assert_eq!(g.table.headers, ["Year", "Baseline (no risks)", "Together"]);
        assert_eq!(g.table.rows.len(), 5);
        assert_eq!(polygons_filled(&g.svg, TEXT), 0, "nothing crystallises");

        let e = excess_sensitivity(&ds, &r, &[]);
        assert_clean(&e);
        assert!(e.svg.contains("Choose two or more risks"));
        assert!(e.table.rows.is_empty());
        assert_eq!(e.table.headers.len(), 4);
    }

    #[test]
    fn gap_paths_show_the_baseline_each_risk_and_together_by_year() {
        let (ds, r) = compounding();
        let c = gap_paths(&ds, &r);
        assert_clean(&c);
        assert_eq!(c.id, "stress-gap-paths");
        let (t, b) = (r.together.last().gap, r.baseline.last().gap);
        assert!(t > b && b > 0.05);
        assert_eq!(
            c.title,
            format!(
                "Together, the gap in 2029/30 is a {} overspend (baseline {} overspend)",
                gbp_m(t),
                gbp_m(b)
            )
        );
        assert_eq!(
            c.table.headers,
            [
                "Year",
                "Baseline (no risks)",
                "R3 Demand pressure alone",
                &format!("{} alone", name(&ds, "R7")),
                "Together"
            ]
        );
        assert_eq!(c.table.rows.len(), 5);
        for (j, row) in c.table.rows.iter().enumerate() {
            assert_eq!(row[0], year_label(2025 + j as u16));
            assert_eq!(row[1], gap_cell(r.baseline.years[j].gap));
            assert_eq!(row[2], gap_cell(r.alone[0].years[j].gap));
            assert_eq!(row[3], gap_cell(r.alone[1].years[j].gap));
            assert_eq!(row[4], gap_cell(r.together.years[j].gap));
        }
        assert_eq!(c.table.rows[4][4], format!("{} overspend", gbp_m(t)));
        // Both crystallise in 2026/27: one diamond on the together line (and one in the key),
        // named under the year.
        assert_eq!(polygons_filled(&c.svg, TEXT), 1 + 1);
        assert!(has_line(&c.svg, "R3, R7"), "ids under the axis");
        assert!(c.svg.contains(&format!("Together {}", gbp_m(t))));
        assert!(c.svg.contains("2025/26") && c.svg.contains("2029/30"));

        // A surplus is worded as one.
        let mut s = r.clone();
        s.together.years[4].gap = -2.0;
        s.baseline.years[4].gap = -3.0;
        assert_eq!(
            gap_paths(&ds, &s).title,
            "Together, the gap in 2029/30 is a £2.0m surplus (baseline £3.0m surplus)"
        );
        assert_eq!(gap_paths(&ds, &s).table.rows[4][1], "−£3.0m surplus");
    }

    #[test]
    fn the_excess_sensitivity_ranks_the_assumptions_by_swing() {
        let (ds, r) = compounding();
        let s = sensitivities(&ds, &r);
        assert!(!s.is_empty());
        let c = excess_sensitivity(&ds, &r, &s);
        assert_clean(&c);
        assert_eq!(c.id, "stress-excess-sensitivity");
        assert_eq!(c.table.rows.len(), s.len());
        let swing = |x: &ExcessSensitivity| (x.highest - x.lowest).abs();
        let top = s
            .iter()
            .max_by(|a, b| swing(a).total_cmp(&swing(b)))
            .unwrap();
        assert!(swing(top) >= LEVEL, "{s:?}");
        let spec = ds.drivers.driver(&top.key).unwrap();
        assert_eq!(
            c.title,
            format!(
                "The compounding rests most on {}: from {} to {} across its range",
                mid_sentence(&spec.label),
                gbp_m(top.lowest),
                gbp_m(top.highest)
            )
        );
        assert_eq!(
            c.table.rows[0],
            [
                spec.label.clone(),
                format!(
                    "{} to {}",
                    driver_value(spec, spec.min),
                    driver_value(spec, spec.max)
                ),
                format!(
                    "{} at {}",
                    signed_gbp_m(top.lowest),
                    driver_value(spec, top.lowest_at)
                ),
                format!(
                    "{} at {}",
                    signed_gbp_m(top.highest),
                    driver_value(spec, top.highest_at)
                )
            ]
        );
        let swings: Vec<f64> = c
            .table
            .rows
            .iter()
            .map(|row| {
                swing(
                    s.iter()
                        .find(|x| ds.drivers.driver(&x.key).unwrap().label == row[0])
                        .unwrap(),
                )
            })
            .collect();
        assert!(swings.windows(2).all(|w| w[0] >= w[1]));
        assert!(c
            .svg
            .contains(&format!("Now: {}", signed_gbp_m(r.compounding_excess()))));
        assert!(c.svg.contains("viewBox=\"0 0 640 360\""));
        // Each row is one or two bars (split at the excess now), plus the two key swatches.
        let bars = rects_filled(&c.svg, ORANGE) + rects_filled(&c.svg, TURQUOISE) - 2;
        assert!((s.len()..=2 * s.len()).contains(&bars), "{bars}");

        for x in s.iter().filter(|x| swing(x) < LEVEL) {
            let label = &ds.drivers.driver(&x.key).unwrap().label;
            let words = format!("{label}: no change across its range");
            assert!(has_line(&c.svg, &words.replace('\'', "&apos;")), "{words}");
        }
        assert_eq!(
            mid_sentence("Placement price inflation"),
            "placement price inflation"
        );
        assert_eq!(mid_sentence("UASC growth"), "UASC growth");
        let flat: Vec<ExcessSensitivity> = s
            .iter()
            .map(|x| ExcessSensitivity {
                lowest: 1.0,
                highest: 1.0,
                ..x.clone()
            })
            .collect();
        assert_eq!(
            excess_sensitivity(&ds, &r, &flat).title,
            "No assumption moves the compounding across its range"
        );
    }

    #[test]
    fn axes_tick_at_steps_their_labels_write_exactly() {
        for values in [
            [0.0, 14.2],
            [0.0, 7.4],
            [-2.4, 82.3],
            [0.0, 0.7],
            [0.0, 0.06],
        ] {
            let s = nice_scale(&values, true, 6);
            assert!(s.lo <= values[0] && s.hi >= values[1], "{s:?}");
            for t in &s.ticks {
                let written: f64 = s.tick_label(*t).replace('−', "-").parse().unwrap();
                assert!(
                    (written - t).abs() < 1e-9,
                    "{t} written {}",
                    s.tick_label(*t)
                );
            }
        }
        assert_eq!(
            nice_scale(&[], true, 5),
            Scale::nice(std::iter::empty(), true, 5)
        );
    }

    #[test]
    fn non_finite_numbers_never_reach_the_page() {
        let (ds, mut r) = compounding();
        r.together.years[2].gap = f64::NAN;
        r.alone[0].years[1].gap = f64::INFINITY;
        r.baseline.years[3].gap = f64::NEG_INFINITY;
        let s = vec![ExcessSensitivity {
            key: "safe_caseload".to_string(),
            lowest: f64::NAN,
            lowest_at: f64::NAN,
            highest: f64::INFINITY,
            highest_at: 20.0,
        }];
        for c in [
            impacts(&ds, &r),
            gap_paths(&ds, &r),
            excess_sensitivity(&ds, &r, &s),
        ] {
            assert_clean(&c);
        }
        // Fewer projections than events, or a projection with no years: still no panic.
        let (ds, mut r) = compounding();
        r.alone.truncate(1);
        assert_eq!(impacts(&ds, &r).table.rows.len(), 1 + 3);
        assert_eq!(gap_paths(&ds, &r).table.headers.len(), 4);
        r.baseline.years.clear();
        let g = gap_paths(&ds, &r);
        assert_clean(&g);
        assert_eq!(g.title, "No projected years to show");
        // An unknown risk and a far-off year are still written.
        let (ds, mut r) = additive();
        r.events[0].risk = RiskId::new("R99");
        r.events[1].year = usize::MAX;
        let c = impacts(&ds, &r);
        assert_clean(&c);
        assert_eq!(c.table.rows[0][0], "R99");
        assert!(c.table.rows[1][1].ends_with(", most likely"));
        assert_clean(&gap_paths(&ds, &r));
    }

    #[test]
    fn many_risks_make_the_charts_taller_not_cramped() {
        let ids = ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"];
        let shocks: Vec<(&str, &str, f64, Timing)> = ids
            .iter()
            .map(|id| (*id, EXTRA_COST, 1.0, Timing::Persistent))
            .collect();
        let ds = with(&shocks);
        let events: Vec<StressEvent> = ids.iter().map(|id| ev(id, 1)).collect();
        let r = run(&ds, &events);
        let c = impacts(&ds, &r);
        assert_clean(&c);
        assert_eq!(c.table.rows.len(), 9 + 3);
        assert!(
            !c.svg.contains("viewBox=\"0 0 640 360\""),
            "taller for 11 rows"
        );
        assert!(c.title.starts_with("Together these 9 risks add £"));
        let g = gap_paths(&ds, &r);
        assert_clean(&g);
        assert_eq!(g.table.headers.len(), 9 + 3);
        assert_eq!(polygons_filled(&g.svg, TEXT), 1 + 1);
        // Colours repeat after five, so every risk is named as well.
        assert_eq!(risk_colour(5), risk_colour(0));
        for id in ids {
            assert!(has_line(&g.svg, id), "{id} named at the line end");
        }
    }
}
