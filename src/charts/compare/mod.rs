//! Compare charts: two or three scenarios overlaid on one chart each — the annual net
//! outturn, the five-year figures and each risk's place on the heat map. Pure functions
//! from plain numbers to [`Chart`]s.
//!
//! Each scenario keeps one look on every compare chart, by its slot: the first (the one
//! the others are set against, usually the baseline) dashed dark grey and outlined, the
//! second the house dark blue with round markers and solid bars, the third the accent
//! purple with triangles and hatched bars. Scenarios are house colours, not money or band
//! colours, and each is also named (legend, line ends, table), so none relies on colour.

#[cfg(test)]
mod tests;

use super::kit::*;
use crate::format::gbp_m;
use crate::model::drivers::year_label;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One scenario's values in a chart: its name and a value per year or per measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub values: Vec<f64>,
}

/// How the scenario in slot `i` is drawn.
struct Look {
    colour: RGBColor,
    line: Line,
    swatch: Swatch,
    fill: Fill,
    /// The marker's shape in words, for captions.
    shape: &'static str,
}

fn look(i: usize) -> Look {
    match i {
        0 => Look {
            colour: DARK_GREY,
            line: Line {
                colour: DARK_GREY,
                width: 2,
                dashed: true,
                marker: Marker::None,
            },
            swatch: Swatch::Dashed(DARK_GREY),
            fill: Fill::Hollow(DARK_GREY),
            shape: "hollow circle",
        },
        1 => Look {
            colour: DARK_BLUE,
            line: Line {
                colour: DARK_BLUE,
                width: 3,
                dashed: false,
                marker: Marker::Dot,
            },
            swatch: Swatch::Line(DARK_BLUE),
            fill: Fill::Solid(DARK_BLUE),
            shape: "filled circle",
        },
        _ => Look {
            colour: ACCENT,
            line: Line {
                colour: ACCENT,
                width: 3,
                dashed: false,
                marker: Marker::Triangle,
            },
            swatch: Swatch::Line(ACCENT),
            fill: Fill::Hatched {
                fill: WHITE,
                lines: ACCENT,
            },
            shape: "triangle",
        },
    }
}

/// "A (dashed grey), B (dark blue) and C (purple)": how each scenario is drawn, for captions.
fn who_is_who(series: &[Series], lines: bool) -> String {
    let words: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let how = match (i, lines) {
                (0, true) => "dashed grey line",
                (1, true) => "dark blue line with dots",
                (_, true) => "purple line with triangles",
                (0, false) => "outlined grey bars",
                (1, false) => "solid dark blue bars",
                (_, false) => "hatched purple bars",
            };
            format!("{} ({how})", s.label)
        })
        .collect();
    join_and(&words)
}

fn join_and(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A scale with a step its labels write exactly (1, 2 or 5 at the labels' precision).
fn money_scale(values: &[f64], n: usize) -> Scale {
    let exact = |s: &Scale| {
        let k = if s.step >= 1.0 - 1e-9 { 1.0 } else { 10.0 };
        let v = s.step * k;
        (v - v.round()).abs() < 1e-6
    };
    (1..=n.max(1))
        .rev()
        .map(|k| Scale::nice(values.iter().copied(), true, k))
        .find(exact)
        .unwrap_or_else(|| Scale::nice(values.iter().copied(), true, n))
}

const SOURCE: &str =
    "Source: Risk Explorer, each scenario worked out by the same model at its own \
                      settings: the projection with its stress scenario's risks applied from the \
                      year each crystallises, books closed as each scenario's settings say.";

/// The net outturn each year of each scenario (its stress risks together), overlaid.
pub fn net_outturn(years: &[u16], series: &[Series]) -> Chart {
    let m = series
        .iter()
        .map(|s| s.values.len())
        .chain([years.len()])
        .min()
        .unwrap_or(0);
    let mut headers = vec!["Year".to_string()];
    headers.extend(series.iter().map(|s| s.label.clone()));
    if series.len() > 1 {
        headers.extend(
            series[1..]
                .iter()
                .map(|s| format!("{} − {}", s.label, series[0].label)),
        );
    }
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut table = Table::new(
        "The net outturn each year in each scenario, stress risks together (above 0 an \
         overspend), £m, and each against the first",
        &refs,
    );
    if m == 0 || series.is_empty() {
        return empty_chart(
            "compare-net-outturn",
            "No projected years to compare",
            "There are no projected years, so there is no net outturn to compare.",
            table,
            SOURCE.to_string(),
        );
    }
    let vals: Vec<Vec<f64>> = series
        .iter()
        .map(|s| s.values[..m].iter().map(|v| finite(*v)).collect())
        .collect();
    let xs: Vec<f64> = years[..m].iter().map(|y| f64::from(*y)).collect();
    let last = m - 1;
    let totals: Vec<f64> = vals.iter().map(|v| v.iter().sum()).collect();
    let title = if series.len() == 1 {
        format!(
            "{}: net outturn over the five years {}",
            series[0].label,
            gap_words(totals[0], false)
        )
    } else {
        let (i, d) =
            (1..series.len())
                .map(|i| (i, totals[i] - totals[0]))
                .fold(
                    (1, 0.0_f64),
                    |b, x| if x.1.abs() > b.1.abs() { x } else { b },
                );
        let amount = gbp_m(d.abs());
        if amount == gbp_m(0.0) {
            format!(
                "Over the five years the net outturn of {} is the same as {}'s (to £0.1m)",
                series[i].label, series[0].label
            )
        } else {
            format!(
                "Over the five years the net outturn of {} is {} {} than {}'s",
                series[i].label,
                amount,
                if d >= 0.0 { "higher" } else { "lower" },
                series[0].label
            )
        }
    };
    let items: Vec<LegendItem> = series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem::new(look(i).swatch, &s.label))
        .collect();
    let all: Vec<f64> = vals.iter().flatten().copied().collect();
    let x = Scale::years(years[0], years[last], 6);
    let y = money_scale(&all, 5);
    let mut frame = Frame::new(x, y.clone(), "Net outturn, £m (above 0 = overspend)");
    frame.margin.top = below_legend(&items);
    // Room at the line ends for a scenario's name of up to END_NAME characters and its
    // last value, so that names such as "Working scenario" show whole.
    frame.margin.right = 205;
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        hline(&mut plot, 0.0, TEXT, 1)?;
        let mut ends = Vec::new();
        // The first scenario last, on top: its dashed line shows over a line it shares.
        for (i, v) in vals.iter().enumerate().rev() {
            let pts: Vec<(f64, f64)> = xs.iter().copied().zip(v.iter().copied()).collect();
            let l = look(i);
            draw_line(&mut plot, &pts, l.line)?;
            ends.push((
                (xs[last], v[last]),
                format!("{} {}", short(&series[i].label, END_NAME), gbp_m(v[last])),
                l.colour,
            ));
        }
        let bottom = plot.backend_coord(&(xs[last], y.lo)).1 - 8;
        end_labels(root, &plot, &ends, bottom)
    });
    table.rows = (0..m)
        .map(|j| {
            let mut row = vec![year_label(years[j])];
            row.extend(vals.iter().map(|v| gap_cell(v[j])));
            row.extend(vals[1..].iter().map(|v| signed_gbp_m(v[j] - vals[0][j])));
            row
        })
        .collect();
    let mut total = vec!["Five years".to_string()];
    total.extend(totals.iter().map(|t| gap_cell(*t)));
    total.extend(totals[1..].iter().map(|t| signed_gbp_m(t - totals[0])));
    table.rows.push(total);
    Chart {
        id: "compare-net-outturn",
        title,
        caption: format!(
            "The net outturn each year, each scenario with its own stress risks together: {}. \
             Above 0 is an overspend.",
            who_is_who(series, true)
        ),
        svg,
        table,
        source: SOURCE.to_string(),
    }
}

/// The characters of a scenario's name shown at its line's end.
const END_NAME: usize = 17;

/// A label cut to `n` characters with an ellipsis (line ends have little room; the
/// legend and the table carry the whole name).
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// One five-year measure and each scenario's value (None: not yet worked out).
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// The five-year money figures of each scenario as grouped bars, one group per measure.
pub fn five_year(labels: &[String], measures: &[Measure]) -> Chart {
    let n = labels.len();
    let mut headers = vec!["Measure".to_string()];
    headers.extend(labels.iter().cloned());
    if n > 1 {
        headers.extend(labels[1..].iter().map(|l| format!("{l} − {}", labels[0])));
    }
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut table = Table::new(
        "The five-year figures of each scenario, £m (above 0 an overspend), and each against \
         the first",
        &refs,
    );
    let cell = |v: Option<f64>| {
        v.map(gap_cell)
            .unwrap_or_else(|| "not yet worked out".into())
    };
    table.rows = measures
        .iter()
        .map(|m| {
            let mut row = vec![m.label.clone()];
            row.extend((0..n).map(|i| cell(m.values.get(i).copied().flatten())));
            row.extend((1..n).map(|i| {
                match (
                    m.values.first().copied().flatten(),
                    m.values.get(i).copied().flatten(),
                ) {
                    (Some(a), Some(b)) => signed_gbp_m(b - a),
                    _ => dash(),
                }
            }));
            row
        })
        .collect();
    let series: Vec<Series> = labels
        .iter()
        .map(|l| Series {
            label: l.clone(),
            values: Vec::new(),
        })
        .collect();
    let title = match measures.first() {
        Some(m) if n > 1 => match (m.values[0], m.values.get(1).copied().flatten()) {
            (Some(a), Some(b)) => format!(
                "{}: {} in {}, {} in {}",
                m.label,
                gap_words(b, false),
                labels[1],
                gap_words(a, false),
                labels[0]
            ),
            _ => format!("{} in each scenario", m.label),
        },
        _ => "The five-year figures of each scenario".to_string(),
    };
    let rows = measures.len() * (n + 1);
    let all: Vec<f64> = measures
        .iter()
        .flat_map(|m| m.values.iter().flatten().copied())
        .collect();
    let x = Scale::bars(all.iter().copied(), 5, 0.28);
    let items: Vec<LegendItem> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| LegendItem::new(Swatch::Bar(look(i).fill), l))
        .collect();
    let mut frame = Frame::across(
        x.clone(),
        rows,
        "£m over the five years (above 0 = overspend)",
    );
    frame.margin.top = below_legend(&items);
    frame.margin.left = 20;
    frame.margin.right = 30;
    let row_px = 26u32;
    let height = (frame.margin.top + row_px * rows as u32 + frame.x_label_area + 10).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        let left = plot.backend_coord(&(x.lo, 0.0)).0;
        for (g, m) in measures.iter().enumerate() {
            // Slots from the top: the measure's name, then one bar per scenario.
            let slot = |k: usize| (rows - 1 - (g * (n + 1) + k)) as f64;
            let name_at = plot.backend_coord(&(0.0, slot(0))).1;
            label(
                root,
                &m.label,
                (left + 4, name_at + 4),
                &text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Center)),
            )?;
            for (i, name) in labels.iter().enumerate() {
                let c = slot(i + 1);
                match m.values.get(i).copied().flatten() {
                    Some(v) => {
                        let v = finite(v);
                        bar(
                            root,
                            &mut plot,
                            [(0.0, c - 0.36), (v, c + 0.36)],
                            look(i).fill,
                        )?;
                        let (px, py) = plot.backend_coord(&(v, c));
                        let zero = plot.backend_coord(&(0.0, c)).0;
                        let words = format!("{} {}", short(name, 14), gbp_m(v));
                        let w = approx_width(&words, TEXT_PX);
                        // Beside the bar's end; inside it when there is no room beside.
                        let (x, h, colour) = if v >= 0.0 && px.max(zero) + 6 + w > WIDTH as i32 - 4
                        {
                            (px - 6, HPos::Right, if i == 1 { WHITE } else { TEXT })
                        } else if v >= 0.0 {
                            (px.max(zero) + 6, HPos::Left, TEXT)
                        } else if px.min(zero) - 6 - w < 4 {
                            (px + 6, HPos::Left, if i == 1 { WHITE } else { TEXT })
                        } else {
                            (px.min(zero) - 6, HPos::Right, TEXT)
                        };
                        label(
                            root,
                            &words,
                            (x, py),
                            &text_style(TEXT_PX, colour, (h, VPos::Center)),
                        )?;
                    }
                    None => {
                        let (zero, py) = plot.backend_coord(&(0.0, c));
                        label(
                            root,
                            &format!("{}: not yet worked out", short(name, 14)),
                            (zero + 6, py),
                            &text_style(TEXT_PX, DARK_GREY, (HPos::Left, VPos::Center)),
                        )?;
                    }
                }
            }
        }
        vline(&mut plot, 0.0, TEXT, 1)
    });
    Chart {
        id: "compare-five-year",
        title,
        caption: format!(
            "Each five-year figure, one group of bars per figure: {}. Above 0 is an overspend.",
            who_is_who(&series, false)
        ),
        svg,
        table,
        source: SOURCE.to_string(),
    }
}

/// One risk's place in each scenario: its label and name, and its score (likelihood ×
/// impact) with the rating in words, per scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub risk: String,
    pub name: String,
    /// Per scenario: (likelihood, impact).
    pub ratings: Vec<(u8, u8)>,
}

/// Each risk's score in each scenario on one line per risk, with the risk appetite.
pub fn positions(labels: &[String], risks: &[Placed], appetite: u8, rating_word: &str) -> Chart {
    let n = labels.len();
    let k = risks.len();
    let mut headers = vec!["Risk".to_string()];
    headers.extend(
        labels
            .iter()
            .map(|l| format!("{l}, likelihood × impact = score")),
    );
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut table = Table::new(
        format!("Each risk's {rating_word} rating in each scenario"),
        &refs,
    );
    table.rows = risks
        .iter()
        .map(|r| {
            let mut row = vec![format!("{} {}", r.risk, r.name)];
            row.extend(
                r.ratings
                    .iter()
                    .map(|(l, i)| format!("{l} × {i} = {}", u16::from(*l) * u16::from(*i))),
            );
            row
        })
        .collect();
    let moved: Vec<&Placed> = risks
        .iter()
        .filter(|r| r.ratings.iter().any(|x| *x != r.ratings[0]))
        .collect();
    let title = match moved.len() {
        0 => format!("Every risk has the same {rating_word} rating in each scenario"),
        1 => format!(
            "One risk sits differently on the heat map: {} {}",
            moved[0].risk, moved[0].name
        ),
        m => format!(
            "{} risks sit differently on the heat map: {}",
            number_word(m),
            join_and(&moved.iter().map(|r| r.risk.clone()).collect::<Vec<_>>())
        ),
    };
    let items: Vec<LegendItem> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| LegendItem::new(Swatch::Bar(look(i).fill), l))
        .chain([LegendItem::new(Swatch::Dashed(TEXT), "Risk appetite")])
        .collect();
    let x = Scale {
        lo: 0.0,
        hi: 26.0,
        ticks: vec![1.0, 5.0, 10.0, 15.0, 20.0, 25.0],
        step: 5.0,
        labels: Ticks::Number,
    };
    let mut frame = Frame::across(
        x,
        k.max(1),
        &format!("Score at {rating_word} rating (likelihood × impact)"),
    );
    frame.margin.top = below_legend(&items);
    frame.margin.left = 8;
    frame.y_label_area = 44;
    frame.margin.right = 20;
    let row_px = 30u32;
    let height = (frame.margin.top + row_px * k as u32 + frame.x_label_area + 10).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let plot = plot(root, &frame)?;
        let a = f64::from(appetite) + 0.5;
        let (top, bottom) = (
            plot.backend_coord(&(a, k as f64 - 0.5)),
            plot.backend_coord(&(a, -0.5)),
        );
        root.draw(&plotters::element::DashedPathElement::new(
            vec![top, bottom],
            6,
            4,
            TEXT.stroke_width(2),
        ))?;
        for (j, r) in risks.iter().enumerate() {
            let c = (k - 1 - j) as f64;
            let (lx, ly) = plot.backend_coord(&(0.0, c));
            label(
                root,
                &r.risk,
                (lx - 8, ly),
                &text_style(TEXT_PX, TEXT, (HPos::Right, VPos::Center)),
            )?;
            for (i, (l, imp)) in r.ratings.iter().enumerate().take(n) {
                let score = f64::from(u16::from(*l) * u16::from(*imp));
                // Each scenario a little apart in its row, so equal scores never hide.
                let dy = (i as f64 - (n as f64 - 1.0) / 2.0) * 0.26;
                let (px, py) = plot.backend_coord(&(score, c + dy));
                match i {
                    0 => {
                        root.draw(&Circle::new((px, py), 6, WHITE.filled()))?;
                        root.draw(&Circle::new((px, py), 6, DARK_GREY.stroke_width(2)))?;
                    }
                    1 => root.draw(&Circle::new((px, py), 6, DARK_BLUE.filled()))?,
                    _ => root.draw(&TriangleMarker::new((px, py), 7, ACCENT.filled()))?,
                }
            }
        }
        Ok(())
    });
    let series: Vec<Series> = labels
        .iter()
        .map(|l| Series {
            label: l.clone(),
            values: Vec::new(),
        })
        .collect();
    let shapes: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{} ({})", s.label, look(i).shape))
        .collect();
    Chart {
        id: "compare-positions",
        title,
        caption: format!(
            "Each risk's score at its {rating_word} rating, one row per risk, a mark per \
             scenario: {}. The dashed line is the first scenario's risk appetite ({appetite}); \
             marks to its right are above appetite.",
            join_and(&shapes)
        ),
        svg,
        table,
        source: "Source: the register's ratings as each scenario sets them (the Trust's \
                 published ratings where not changed)."
            .to_string(),
    }
}
