//! Demand and finance charts: pure functions from the dataset and projection results to
//! [`Chart`]s (title with the finding, caption, SVG, table, source).
//!
//! Conventions: money in £m written by `format::gbp_m` (negatives "−£1.8m"); a gap is
//! spend − funding, so positive is an overspend and negative a surplus, and tables and
//! titles say which; years are financial years written "2025/26".

use super::kit::{
    approx_width, bar, diamond, divider, draw_line, end_labels, finite, gap_cell, gap_words, hline,
    label, label_lines, legend_column, legend_height, legend_row, percent_1dp, plot, range_bars,
    render, signed_gbp_m, text_on, text_style, wrap, Chart, DrawResult, Fill, Frame, LegendItem,
    Line, Marker, Plot, RangeBar, Root, Scale, Swatch, Table, Ticks, AREA_OPACITY, CATEGORICAL,
    DARK_BLUE, DARK_GREY, DARK_PINK, HEIGHT, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH, LEVEL,
    LIGHT_BLUE, LIGHT_PURPLE, MID_BLUE, ORANGE, TEXT, TEXT_PX, TURQUOISE, WIDTH,
};
use crate::format::{count, gbp_m};
use crate::model::drivers::{year_label, DriversData, HistoryPoint, Outturn};
use crate::model::projection::{Projection, Sensitivity};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::BTreeSet;

/// The house line: solid, 3 units wide, with a dot at each point.
fn solid(colour: RGBColor) -> Line {
    Line {
        colour,
        width: 3,
        dashed: false,
        marker: Marker::Dot,
    }
}
/// The most drivers the tornado shows.
pub const TORNADO_ROWS: usize = 10;
const PROJECTION: &str = "projection: Risk Explorer at the settings shown.";

/// An empty table cell.
fn dash() -> String {
    "–".to_string()
}

/// A number of children: "2,312".
fn children(n: f64) -> String {
    count(finite(n).round().max(0.0) as u64)
}

/// "2025/26" → 2025.
fn first_year(label: &str) -> Option<u16> {
    label.get(..4)?.parse().ok()
}

/// Where a published count sits on the year axis: each point is placed at the start of a
/// financial year, so an end-of-March count (recorded against the year it ends) moves to
/// the year that follows, and an April count stays in the year it opens.
fn published_at(p: &HistoryPoint) -> u16 {
    if p.date.to_lowercase().contains("april") {
        p.year
    } else {
        p.year + 1
    }
}

/// The frame most year charts use: years along the bottom, `y` up the side, room at the
/// top for the legend row and `right` units on the right.
fn year_frame(x: Scale, y: Scale, y_desc: &str, right: u32, legend: &[LegendItem]) -> Frame {
    let mut f = Frame::new(x, y, y_desc);
    f.margin.right = right;
    f.margin.top =
        (LEGEND_OVER_PLOT_AT.1 + legend_height(legend, LEGEND_OVER_PLOT_WIDTH) + 12) as u32;
    f
}

/// A value written at the end of a bar: above it when `above`, else below it.
fn tag(root: &Root, plot: &Plot, at: (f64, f64), text: &str, above: bool) -> DrawResult {
    let (x, y) = plot.backend_coord(&(finite(at.0), finite(at.1)));
    let (dy, v) = if above {
        (-3, VPos::Bottom)
    } else {
        (3, VPos::Top)
    };
    label(
        root,
        text,
        (x, y + dy),
        &text_style(TEXT_PX, TEXT, (HPos::Center, v)),
    )
}

/// " The vertical axis starts at £335m, not zero." when it does not start at zero.
fn axis_note(y: &Scale, money: bool) -> String {
    if y.lo <= 0.0 {
        return String::new();
    }
    let start = y.tick_label(y.lo);
    let start = if money { format!("£{start}m") } else { start };
    format!(" The vertical axis starts at {start}, not zero.")
}

/// The areas between two lines, split where they cross: (first above second, polygon).
fn gap_bands(xs: &[f64], a: &[f64], b: &[f64]) -> Vec<(bool, Vec<(f64, f64)>)> {
    let mut out = Vec::new();
    for i in 1..xs.len().min(a.len()).min(b.len()) {
        let (x0, x1) = (xs[i - 1], xs[i]);
        let (a0, a1, b0, b1) = (a[i - 1], a[i], b[i - 1], b[i]);
        let (g0, g1) = (a0 - b0, a1 - b1);
        if g0.abs() < 1e-9 && g1.abs() < 1e-9 {
            continue;
        }
        if g0.abs() >= 1e-9 && g1.abs() >= 1e-9 && (g0 > 0.0) != (g1 > 0.0) {
            let t = g0 / (g0 - g1);
            let cross = (x0 + t * (x1 - x0), a0 + t * (a1 - a0));
            out.push((g0 > 0.0, vec![(x0, a0), cross, (x0, b0)]));
            out.push((g1 > 0.0, vec![cross, (x1, a1), (x1, b1)]));
        } else {
            out.push((g0 + g1 > 0.0, vec![(x0, a0), (x1, a1), (x1, b1), (x0, b0)]));
        }
    }
    out
}

/// Spend and funding by year with the gap between them shaded.
pub fn spend_vs_funding(data: &DriversData, p: &Projection) -> Chart {
    let last = p.last();
    let when = year_label(last.year);
    let title = match last.gap {
        g if g >= LEVEL => format!(
            "By {when} spend exceeds funding by {}, an overspend of {} of the contract sum",
            gbp_m(g),
            percent_1dp(last.gap_share)
        ),
        g if g <= -LEVEL => format!(
            "By {when} funding exceeds spend by {}, a surplus of {} of the contract sum",
            gbp_m(-g),
            percent_1dp(-last.gap_share)
        ),
        _ if p.years.iter().all(|y| y.gap.abs() < LEVEL) => {
            format!("Spend and funding stay level every year to {when}")
        }
        _ => format!("By {when} spend and funding are level"),
    };
    let xs: Vec<f64> = p.years.iter().map(|y| f64::from(y.year)).collect();
    let spend: Vec<f64> = p.years.iter().map(|y| finite(y.spend)).collect();
    let funding: Vec<f64> = p.years.iter().map(|y| finite(y.funding)).collect();
    let x = Scale::years(p.years[0].year, last.year, 6);
    let y = Scale::nice(spend.iter().chain(&funding).copied(), false, 5);
    let bands = gap_bands(&xs, &spend, &funding);

    let mut items = vec![
        LegendItem::new(Swatch::Line(DARK_BLUE), "Spend"),
        LegendItem::new(Swatch::Dashed(TURQUOISE), "Funding"),
    ];
    if bands.iter().any(|(over, _)| *over) {
        items.push(LegendItem::new(Swatch::Area(ORANGE), "Overspend"));
    }
    if bands.iter().any(|(over, _)| !*over) {
        items.push(LegendItem::new(Swatch::Area(LIGHT_PURPLE), "Surplus"));
    }
    let frame = year_frame(x, y.clone(), "£m", 120, &items);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        for (over, poly) in &bands {
            let colour = if *over { ORANGE } else { LIGHT_PURPLE };
            plot.draw_series(std::iter::once(Polygon::new(
                poly.clone(),
                colour.mix(AREA_OPACITY).filled(),
            )))?;
        }
        let spend_pts: Vec<(f64, f64)> = xs.iter().copied().zip(spend.iter().copied()).collect();
        let fund_pts: Vec<(f64, f64)> = xs.iter().copied().zip(funding.iter().copied()).collect();
        draw_line(&mut plot, &spend_pts, solid(DARK_BLUE))?;
        let funding_line = Line {
            dashed: true,
            marker: Marker::Triangle,
            ..solid(TURQUOISE)
        };
        draw_line(&mut plot, &fund_pts, funding_line)?;
        let (s_end, f_end) = (spend_pts[spend_pts.len() - 1], fund_pts[fund_pts.len() - 1]);
        end_labels(
            root,
            &plot,
            &[
                (s_end, format!("Spend {}", gbp_m(s_end.1)), DARK_BLUE),
                (f_end, format!("Funding {}", gbp_m(f_end.1)), TEXT),
            ],
            i32::MAX,
        )
    });

    let mut table = Table::new(
        "Spend, funding and the gap (spend − funding) by year, £m",
        &[
            "Year",
            "Spend",
            "Funding",
            "Gap (spend − funding)",
            "Gap as % of contract sum",
        ],
    );
    table.rows = p
        .years
        .iter()
        .map(|y| {
            vec![
                year_label(y.year),
                gbp_m(y.spend),
                gbp_m(y.funding),
                gap_cell(y.gap),
                percent_1dp(y.gap_share),
            ]
        })
        .collect();
    Chart {
        id: "spend-funding",
        title,
        caption: format!(
            "Spend (solid line) and funding (dashed line) each year, with the gap between them \
             shaded orange where spend is above funding (overspend) and purple where it is below \
             (surplus).{}",
            axis_note(&y, true)
        ),
        svg,
        table,
        source: format!(
            "Source: Annual Report {} ({} budget); {PROJECTION}",
            year_label(data.baseline_year.saturating_sub(1)),
            data.baseline_label()
        ),
    }
}

/// Children in care: published counts and the projection (current solid, defaults dashed).
pub fn children_in_care(data: &DriversData, p: &Projection, baseline: &Projection) -> Chart {
    let published: Vec<(u16, &HistoryPoint)> = data
        .series("children_in_care")
        .map(|s| s.points.iter().map(|pt| (published_at(pt), pt)).collect())
        .unwrap_or_default();
    let points = |q: &Projection| -> Vec<(f64, f64)> {
        q.years
            .iter()
            .map(|y| (f64::from(y.year), finite(y.children_in_care)))
            .collect()
    };
    let (now, defaults) = (points(p), points(baseline));
    let differs = now.len() != defaults.len()
        || now
            .iter()
            .zip(&defaults)
            .any(|(a, b)| (a.1 - b.1).abs() >= 0.5);
    let (first, last) = (p.years[0].year, p.last().year);
    let start = published.iter().map(|(y, _)| *y).fold(first, u16::min);
    let end = published.iter().map(|(y, _)| *y).fold(last, u16::max);

    let last_now = p.last().children_in_care;
    let mut title = format!(
        "Children in care: {} now, {} by {} at these settings",
        children(p.years[0].children_in_care),
        children(last_now),
        year_label(last)
    );
    let last_default = baseline.last().children_in_care;
    if children(last_default) != children(last_now) {
        title.push_str(&format!(
            " ({} at default settings)",
            children(last_default)
        ));
    }

    let x = Scale::years(start, end, 6);
    let values = published
        .iter()
        .map(|(_, pt)| pt.value)
        .chain(now.iter().map(|v| v.1))
        .chain(defaults.iter().map(|v| v.1));
    let y = Scale::nice(values, false, 6).with_labels(Ticks::Count);
    let mut items = vec![
        LegendItem::new(Swatch::Marker(DARK_BLUE), "Published count"),
        LegendItem::new(Swatch::Line(DARK_PINK), "Projected at these settings"),
    ];
    if differs {
        items.push(LegendItem::new(
            Swatch::Dashed(DARK_GREY),
            "Projected at default settings",
        ));
    }
    let frame = year_frame(x, y.clone(), "children", 56, &items);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        divider(root, &mut plot, f64::from(first) - 0.5, "Projection")?;
        let pub_pts: Vec<(f64, f64)> = published
            .iter()
            .map(|(y, pt)| (f64::from(*y), finite(pt.value)))
            .collect();
        let thin = Line {
            width: 1,
            marker: Marker::None,
            ..solid(DARK_BLUE)
        };
        draw_line(&mut plot, &pub_pts, thin)?;
        if differs {
            let dashed = Line {
                width: 2,
                dashed: true,
                marker: Marker::None,
                ..solid(DARK_GREY)
            };
            draw_line(&mut plot, &defaults, dashed)?;
        }
        draw_line(&mut plot, &now, solid(DARK_PINK))?;
        for pt in &pub_pts {
            root.draw(&diamond(plot.backend_coord(pt), 6, DARK_BLUE))?;
        }
        let mut ends = vec![(now[now.len() - 1], children(last_now), DARK_PINK)];
        if differs {
            ends.push((
                defaults[defaults.len() - 1],
                children(last_default),
                DARK_GREY,
            ));
        }
        end_labels(root, &plot, &ends, i32::MAX)
    });

    let mut table = Table::new(
        "Children in care: published counts and the projection, by the financial year each \
         count starts",
        &[
            "Year",
            "Published",
            "Date published",
            "Projected at these settings",
            "Projected at default settings",
        ],
    );
    let projected = |q: &Projection, year: u16| {
        q.years
            .iter()
            .find(|y| y.year == year)
            .map(|y| children(y.children_in_care))
            .unwrap_or_else(dash)
    };
    let mut years: BTreeSet<u16> = published.iter().map(|(y, _)| *y).collect();
    years.extend(p.years.iter().map(|y| y.year));
    for year in years {
        let here: Vec<&HistoryPoint> = published
            .iter()
            .filter(|(y, _)| *y == year)
            .map(|(_, pt)| *pt)
            .collect();
        let list = |f: fn(&HistoryPoint) -> String| {
            if here.is_empty() {
                dash()
            } else {
                here.iter().map(|pt| f(pt)).collect::<Vec<_>>().join("; ")
            }
        };
        table.rows.push(vec![
            year_label(year),
            list(|pt| children(pt.value)),
            list(|pt| pt.date.clone()),
            projected(p, year),
            projected(baseline, year),
        ]);
    }
    let defaults_words = if differs {
        ", and at default settings (dashed line)"
    } else {
        ""
    };
    Chart {
        id: "children-in-care",
        title,
        caption: format!(
            "Published counts of children in care (diamonds) and the projection at these settings \
             (solid line){defaults_words}; each count sits at the start of a financial year, so a \
             count at the end of March {} is shown at {}.{}",
            first,
            year_label(first),
            axis_note(&y, false)
        ),
        svg,
        table,
        source: format!(
            "Sources: Business Plan update 2020/21, Self Evaluation March 2024 and Annual Report \
             2024/25 (published counts); {PROJECTION}"
        ),
    }
}

/// The colour of each placement type, in dataset order (stacked bottom to top).
fn placement_colours(n: usize) -> Vec<RGBColor> {
    let all: Vec<RGBColor> = CATEGORICAL
        .iter()
        .copied()
        .chain([LIGHT_BLUE, MID_BLUE])
        .collect();
    (0..n).map(|i| all[i % all.len()]).collect()
}

/// Placement spend by type each year, as stacked bars.
pub fn placement_spend_by_type(data: &DriversData, p: &Projection) -> Chart {
    let types: Vec<&str> = data.placements.iter().map(|t| t.label.as_str()).collect();
    let colours = placement_colours(types.len());
    let last = p.last();
    let biggest = last
        .placement_spend
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, v)| (i, *v));
    let title = match biggest {
        Some((i, v)) if last.placement_total >= LEVEL => format!(
            "{} cost the most: {} of {} placement spend in {}",
            types.get(i).copied().unwrap_or("One type"),
            gbp_m(v),
            gbp_m(last.placement_total),
            year_label(last.year)
        ),
        _ => format!("No placement spend in {}", year_label(last.year)),
    };
    let x = Scale::years(p.years[0].year, last.year, 6);
    let top = p
        .years
        .iter()
        .map(|y| finite(y.placement_total))
        .fold(0.0, f64::max);
    let y = Scale::nice([0.0, top * 1.08], true, 5);
    // Legend top to bottom in the order the stack reads top to bottom.
    let items: Vec<LegendItem> = types
        .iter()
        .zip(&colours)
        .rev()
        .map(|(t, c)| LegendItem::wrapped(Swatch::Bar(Fill::Solid(*c)), t, 26))
        .collect();
    let frame = year_frame(x, y, "£m", 232, &[]);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_column(root, &items, (WIDTH as i32 - 222, 24))?;
        let mut plot = plot(root, &frame)?;
        let style = |c: RGBColor| text_style(TEXT_PX, text_on(c), (HPos::Center, VPos::Center));
        for yr in &p.years {
            let xc = f64::from(yr.year);
            let mut base = 0.0;
            for (v, c) in yr.placement_spend.iter().zip(&colours) {
                let v = finite(*v).max(0.0);
                if v <= 0.0 {
                    continue;
                }
                let corners = [(xc - 0.38, base), (xc + 0.38, base + v)];
                bar(root, &mut plot, corners, Fill::Solid(*c))?;
                let (a, b) = (
                    plot.backend_coord(&corners[0]),
                    plot.backend_coord(&corners[1]),
                );
                let text = gbp_m(v);
                if (a.1 - b.1).abs() >= 18 && approx_width(&text, TEXT_PX) <= (b.0 - a.0) - 8 {
                    label(root, &text, ((a.0 + b.0) / 2, (a.1 + b.1) / 2), &style(*c))?;
                }
                base += v;
            }
            tag(root, &plot, (xc, base), &gbp_m(yr.placement_total), true)?;
        }
        Ok(())
    });

    let mut headers = vec!["Year"];
    headers.extend(types.iter().copied());
    headers.push("Total");
    let mut table = Table::new(
        "Placement spend by type of placement and year, £m",
        &headers,
    );
    table.rows = p
        .years
        .iter()
        .map(|y| {
            let mut row = vec![year_label(y.year)];
            row.extend(y.placement_spend.iter().map(|v| gbp_m(*v)));
            row.push(gbp_m(y.placement_total));
            row
        })
        .collect();
    let (bottom, top_type) = (
        types.first().copied().unwrap_or(""),
        types.last().copied().unwrap_or(""),
    );
    Chart {
        id: "placement-spend",
        title,
        caption: format!(
            "Placement spend each year split by type of placement, stacked from “{}” at the \
             bottom to “{}” at the top in the order of the key, with the total above each bar.",
            bottom, top_type
        ),
        svg,
        table,
        source: format!(
            "Source: Risk Explorer projection at the settings shown, calibrated to the {} budget \
             (Annual Report {}); placement mix and relative prices as set in the drivers.",
            data.baseline_label(),
            year_label(data.baseline_year.saturating_sub(1))
        ),
    }
}

/// The gap each year at these settings against the default settings.
pub fn gap_by_year(p: &Projection, baseline: &Projection) -> Chart {
    let (five, five_default) = (p.five_year_gap(), baseline.five_year_gap());
    let title = format!(
        "Five-year gap {} at these settings (default {})",
        gap_words(five, false),
        gap_words(five_default, false)
    );
    let rows: Vec<(u16, f64, f64)> = p
        .years
        .iter()
        .zip(&baseline.years)
        .map(|(a, b)| (a.year, finite(a.gap), finite(b.gap)))
        .collect();
    let x = Scale::years(p.years[0].year, p.last().year, 6);
    let y = headroom_scale(rows.iter().flat_map(|r| [r.1, r.2]));
    let items = [
        LegendItem::new(Swatch::Bar(Fill::Solid(DARK_BLUE)), "At these settings"),
        LegendItem::new(Swatch::Bar(Fill::Hollow(DARK_GREY)), "At default settings"),
    ];
    let frame = year_frame(x, y, "£m (above 0 = overspend)", 20, &items);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        for (year, now, default) in &rows {
            let xc = f64::from(*year);
            bar(
                root,
                &mut plot,
                [(xc - 0.38, 0.0), (xc - 0.02, *now)],
                Fill::Solid(DARK_BLUE),
            )?;
            bar(
                root,
                &mut plot,
                [(xc + 0.02, 0.0), (xc + 0.38, *default)],
                Fill::Hollow(DARK_GREY),
            )?;
            tag(root, &plot, (xc - 0.2, *now), &gbp_m(*now), *now > -LEVEL)?;
        }
        hline(&mut plot, 0.0, TEXT, 2)
    });
    let mut table = Table::new(
        "The gap (spend − funding) by year at these settings and at default settings, £m",
        &[
            "Year",
            "Gap at these settings",
            "Gap at default settings",
            "Difference (these − default)",
        ],
    );
    table.rows = rows
        .iter()
        .map(|(year, now, default)| {
            vec![
                year_label(*year),
                gap_cell(*now),
                gap_cell(*default),
                signed_gbp_m(now - default),
            ]
        })
        .collect();
    Chart {
        id: "gap-by-year",
        title,
        caption: "The gap between spend and funding each year, above zero an overspend and below \
                  it a surplus, at these settings (solid bars, labelled) and at default settings \
                  (outlined bars)."
            .to_string(),
        svg,
        table,
        source: "Source: Risk Explorer projection at the settings shown and at default settings."
            .to_string(),
    }
}

/// A scale that includes zero with room beyond the bars for their value labels.
fn headroom_scale(values: impl IntoIterator<Item = f64>) -> Scale {
    let values: Vec<f64> = values.into_iter().map(finite).collect();
    let (lo, hi) = values
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let room = ((hi - lo) * 0.1).max(0.5);
    let lo = if lo < 0.0 { lo - room } else { lo };
    Scale::nice([lo, hi + room], true, 5)
}

/// One bar of the waterfall.
struct Step {
    label: String,
    short: Vec<String>,
    value: f64,
    from: f64,
    to: f64,
    fill: Fill,
}

const TOTAL_FILL: Fill = Fill::Solid(DARK_BLUE);
const ADD_FILL: Fill = Fill::Solid(TURQUOISE);
const DEDUCT_FILL: Fill = Fill::Hatched {
    fill: WHITE,
    lines: DARK_PINK,
};

/// A short name for a bridge line, for under its bar.
fn short_step(key: &str, label: &str) -> Vec<String> {
    let short = match key {
        "carried_forward" => "Carried forward",
        "inflation" => "Inflation",
        "demography" => "Demography",
        "savings" => "Savings target",
        _ => label.split(" (").next().unwrap_or(label),
    };
    wrap(short, 13, 3)
}

/// The baseline year's published bridge to the contract sum, as a waterfall.
pub fn budget_bridge(data: &DriversData) -> Chart {
    let year = data.baseline_label();
    let Some(budget) = data.budget(&year) else {
        return Chart {
            id: "budget-bridge",
            title: format!("No published {year} budget bridge"),
            caption: "There is no published bridge to show.".to_string(),
            svg: render((WIDTH, HEIGHT), |_| Ok(())),
            table: Table::new("No published bridge", &["Step", "£m", "Running total"]),
            source: String::new(),
        };
    };
    let mut steps: Vec<Step> = Vec::new();
    let mut running = 0.0;
    for (i, line) in budget.bridge.iter().enumerate() {
        let v = finite(line.gbp_m);
        let from = if i == 0 { 0.0 } else { running };
        running = from + v;
        steps.push(Step {
            label: line.label.clone(),
            short: short_step(&line.key, &line.label),
            value: v,
            from,
            to: running,
            fill: match (i, v >= 0.0) {
                (0, _) => TOTAL_FILL,
                (_, true) => ADD_FILL,
                _ => DEDUCT_FILL,
            },
        });
    }
    let contract = finite(budget.contract_sum.gbp_m);
    steps.push(Step {
        label: format!("Contract sum {year} (published)"),
        short: wrap(&format!("Contract sum {year}"), 13, 3),
        value: contract,
        from: 0.0,
        to: contract,
        fill: TOTAL_FILL,
    });

    let moves = &steps[1..steps.len() - 1];
    let added: f64 = moves.iter().map(|s| s.value).filter(|v| *v > 0.0).sum();
    let taken: f64 = moves.iter().map(|s| s.value).filter(|v| *v < 0.0).sum();
    let all_savings = budget
        .bridge
        .iter()
        .skip(1)
        .filter(|l| l.gbp_m < 0.0)
        .all(|l| l.key == "savings");
    let mut title = format!(
        "{year} contract sum: {} carried forward",
        gbp_m(steps[0].value)
    );
    if added > 0.0 {
        title.push_str(&format!(" + {} added", gbp_m(added)));
    }
    if taken < 0.0 {
        let word = if all_savings { "savings" } else { "deducted" };
        title.push_str(&format!(" − {} {word}", gbp_m(-taken)));
    }
    title.push_str(&format!(" = {}", gbp_m(contract)));

    // Start the axis below the lowest level reached, so the steps are not squashed.
    let levels: Vec<f64> = steps
        .iter()
        .flat_map(|s| [s.to, if s.from > 0.0 { s.from } else { s.to }])
        .collect();
    let (lo, hi) = levels
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    let span = (hi - lo).max(hi.abs() * 0.05).max(1.0);
    let y = if lo - 0.8 * span > 0.0 {
        Scale::nice([lo - 0.8 * span, hi + 0.15 * span], false, 5)
    } else {
        Scale::nice([lo.min(0.0), hi + 0.15 * span], true, 5)
    };
    let items = [
        LegendItem::new(Swatch::Bar(TOTAL_FILL), "Total"),
        LegendItem::new(Swatch::Bar(ADD_FILL), "Addition"),
        LegendItem::new(Swatch::Bar(DEDUCT_FILL), "Deduction"),
    ];
    let mut frame = Frame::new(Scale::slots(steps.len()), y.clone(), "£m");
    frame.x_label_area = 56;
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        for (i, s) in steps.iter().enumerate() {
            let xc = i as f64;
            bar(
                root,
                &mut plot,
                [(xc - 0.3, s.from), (xc + 0.3, s.to)],
                s.fill,
            )?;
            let text = if i == 0 || i == steps.len() - 1 {
                gbp_m(s.value)
            } else {
                signed_gbp_m(s.value)
            };
            tag(root, &plot, (xc, s.from.max(s.to)), &text, true)?;
            if i + 1 < steps.len() {
                plot.draw_series(std::iter::once(PathElement::new(
                    vec![(xc + 0.3, s.to), (xc + 0.7, s.to)],
                    DARK_GREY.stroke_width(1),
                )))?;
            }
            let (px, bottom) = plot.backend_coord(&(xc, y.lo));
            label_lines(root, &s.short, (px, bottom + 8), TEXT_PX)?;
        }
        Ok(())
    });

    let mut table = Table::new(
        format!("The published {year} bridge from the sum carried forward to the contract sum, £m"),
        &["Step", "£m", "Running total"],
    );
    let n = steps.len();
    table.rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let v = if i == 0 || i == n - 1 {
                gbp_m(s.value)
            } else {
                signed_gbp_m(s.value)
            };
            vec![s.label.clone(), v, gbp_m(s.to)]
        })
        .collect();
    let mismatch = if (running - contract).abs() >= LEVEL {
        format!(
            " The published steps add up to {}, not the published {}.",
            gbp_m(running),
            gbp_m(contract)
        )
    } else {
        String::new()
    };
    let mut cut = axis_note(&y, true);
    if !cut.is_empty() {
        cut.push_str(" The first and last bars are cut short there.");
    }
    Chart {
        id: "budget-bridge",
        title,
        caption: format!(
            "The published {year} bridge: the sum carried forward, each addition (solid) and \
             deduction (hatched), and the contract sum they lead to.{cut}{mismatch}"
        ),
        svg,
        table,
        source: format!(
            "Source: Annual Report {} ({year} budget).",
            year_label(data.baseline_year.saturating_sub(1))
        ),
    }
}

/// The drivers that move the five-year gap most, each across its range (a tornado).
/// Drawn 640 wide and 100 + 36 units a row high (460 for ten drivers).
pub fn tornado(data: &DriversData, s: &[Sensitivity]) -> Chart {
    let mut rows: Vec<&Sensitivity> = s.iter().collect();
    rows.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    rows.truncate(TORNADO_ROWS);
    let current = finite(s.first().map(|x| x.current).unwrap_or(0.0));
    let name = |key: &str| data.label(key);
    let ends = |key: &str| crate::format::driver_range(data, key);
    let title = match rows.first() {
        Some(top) if top.swing() >= LEVEL => format!(
            "{} matters most: across its range the five-year gap moves by {}",
            name(&top.key),
            gbp_m(top.swing())
        ),
        Some(_) => "No driver moves the five-year gap across its range".to_string(),
        None => "No drivers to compare".to_string(),
    };

    let n = rows.len().max(1);
    let height = 100 + 36 * n as u32;
    let values = rows
        .iter()
        .flat_map(|r| [finite(r.at_min), finite(r.at_max)])
        .chain([current]);
    let base = Scale::nice(values, false, 6);
    // Room at both ends for the driver values written beside the bars.
    let plot_px = f64::from(WIDTH) - 40.0;
    let pad = (base.hi - base.lo) * 96.0 / (plot_px - 192.0);
    let x = base.padded(pad, pad);
    let mut frame = Frame::new(x, Scale::slots(n), "");
    frame.x_desc = "Five-year gap, £m (above 0 = overspend)".to_string();
    frame.x_label_area = 46;
    frame.y_label_area = 8;
    frame.vertical_grid = true;
    frame.show_y_axis = false;
    let items = [
        LegendItem::new(Swatch::Bar(Fill::Solid(ORANGE)), "Raises the gap"),
        LegendItem::new(Swatch::Bar(Fill::Solid(TURQUOISE)), "Lowers the gap"),
    ];
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, (16, 10), LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        // Each end names the driver value that puts the gap there.
        let bars: Vec<RangeBar> = rows
            .iter()
            .map(|r| {
                let (min_text, max_text) = ends(&r.key);
                RangeBar {
                    name: name(&r.key),
                    ends: [(r.at_min, min_text), (r.at_max, max_text)],
                    show_ends: true,
                }
            })
            .collect();
        range_bars(root, &mut plot, &bars, current, (TURQUOISE, ORANGE))?;
        divider(
            root,
            &mut plot,
            current,
            &format!("These settings: {}", gbp_m(current)),
        )
    });

    let mut table = Table::new(
        "The five-year gap with each driver at the ends of its range and the others at these \
         settings, biggest swing first, £m",
        &[
            "Driver",
            "Range",
            "Five-year gap at minimum",
            "Five-year gap at maximum",
            "Swing",
        ],
    );
    table.rows = rows
        .iter()
        .map(|r| {
            let (lo, hi) = ends(&r.key);
            vec![
                name(&r.key),
                format!("{lo} to {hi}"),
                gap_cell(r.at_min),
                gap_cell(r.at_max),
                gbp_m(r.swing()),
            ]
        })
        .collect();
    Chart {
        id: "driver-tornado",
        title,
        caption: format!(
            "For the {} drivers that move it most, the five-year gap with that driver at each end \
             of its range (the value at each end of the bar) and the others at these settings; the \
             dashed line is the five-year gap at these settings ({}).",
            rows.len(),
            gap_words(current, false)
        ),
        svg,
        table,
        source: "Source: Risk Explorer projection, each driver moved across its range with the \
                 others at the settings shown."
            .to_string(),
    }
}

/// Published results and projected gaps by year, with the reported gross pressures.
pub fn outturns_and_gap(data: &DriversData, p: &Projection) -> Chart {
    let past: Vec<(u16, &Outturn)> = data
        .outturns
        .iter()
        .filter_map(|o| first_year(&o.year).map(|y| (y, o)))
        .collect();
    let ahead: Vec<(u16, f64)> = p.years.iter().map(|y| (y.year, finite(y.gap))).collect();
    let past_gaps: Vec<(u16, f64)> = past
        .iter()
        .map(|(y, o)| (*y, finite(o.gap_gbp_m)))
        .collect();
    let worst = |v: &[(u16, f64)]| v.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
    let (w_ahead, w_past) = (worst(&ahead), worst(&past_gaps));
    let title = match (w_ahead, w_past) {
        (Some((y, g)), past) if g >= LEVEL => {
            let mut t = format!(
                "Worst projected year {}: {}",
                year_label(y),
                gap_words(g, false)
            );
            if let Some((py, pg)) = past {
                let cmp = match g - pg {
                    d if d >= LEVEL => "above",
                    d if d <= -LEVEL => "below",
                    _ => "level with",
                };
                t.push_str(&format!(
                    ", {cmp} the worst published result ({} in {})",
                    gap_words(pg, false),
                    year_label(py)
                ));
            }
            t
        }
        (_, Some((py, pg))) => format!(
            "No projected year overspends; the worst published result was a {} in {}",
            gap_words(pg, false),
            year_label(py)
        ),
        _ => "No projected year overspends".to_string(),
    };

    let first = past.iter().map(|(y, _)| *y).fold(p.years[0].year, u16::min);
    let x = Scale::years(first, p.last().year, 6);
    let y = headroom_scale(
        past.iter()
            .filter_map(|(_, o)| o.pressure.as_ref().map(|pr| finite(pr.gbp_m)))
            .chain(past_gaps.iter().chain(&ahead).map(|a| a.1)),
    );
    let projected = Fill::Hatched {
        fill: LIGHT_BLUE,
        lines: DARK_BLUE,
    };
    let mut items = vec![
        LegendItem::new(Swatch::Bar(Fill::Solid(DARK_BLUE)), "Published result"),
        LegendItem::new(Swatch::Bar(projected), "Projected at these settings"),
    ];
    if past.iter().any(|(_, o)| o.pressure.is_some()) {
        items.push(LegendItem::new(
            Swatch::Marker(ORANGE),
            "Reported gross pressure",
        ));
    }
    let frame = year_frame(x, y, "£m (above 0 = overspend)", 20, &items);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        divider(
            root,
            &mut plot,
            f64::from(p.years[0].year) - 0.5,
            "Projection",
        )?;
        let bars = past_gaps
            .iter()
            .map(|(y, g)| (*y, *g, Fill::Solid(DARK_BLUE)))
            .chain(ahead.iter().map(|(y, g)| (*y, *g, projected)));
        for (year, g, fill) in bars {
            let xc = f64::from(year);
            bar(root, &mut plot, [(xc - 0.32, 0.0), (xc + 0.32, g)], fill)?;
            tag(root, &plot, (xc, g), &gbp_m(g), g > -LEVEL)?;
        }
        for (year, o) in &past {
            if let Some(pr) = &o.pressure {
                let at = plot.backend_coord(&(f64::from(*year), finite(pr.gbp_m)));
                root.draw(&diamond(at, 7, ORANGE))?;
            }
        }
        hline(&mut plot, 0.0, TEXT, 2)
    });

    let mut table = Table::new(
        "Published results and projected gaps (spend − funding) by year, with the gross \
         pressure reported behind each published result, £m",
        &["Year", "Result", "Reported gross pressure", "Kind"],
    );
    for (year, o) in &past {
        table.rows.push(vec![
            year_label(*year),
            gap_cell(finite(o.gap_gbp_m)),
            o.pressure
                .as_ref()
                .map(|pr| format!("{} ({})", gbp_m(pr.gbp_m), pr.label))
                .unwrap_or_else(dash),
            "Published".to_string(),
        ]);
    }
    for (year, g) in &ahead {
        table.rows.push(vec![
            year_label(*year),
            gap_cell(*g),
            dash(),
            "Projected at these settings".to_string(),
        ]);
    }
    Chart {
        id: "outturns-gap",
        title,
        caption: "Each year's result, above zero an overspend and below it a surplus: published \
                  results (solid bars) and the projected gap at these settings (hatched bars); \
                  diamonds mark the gross pressure reported behind a published result."
            .to_string(),
        svg,
        table,
        source: format!(
            "Sources: Business Plan update 2020/21, Governance update June 2022, Business Plan \
             2024-29 and Annual Report 2024/25 (published results); {PROJECTION}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::kit::assert_clean as clean_check;
    use crate::charts::kit::{percent_1dp, rects_filled, HEIGHT};
    use crate::model::projection::{project, sensitivities, DriverEdits};
    use crate::model::Dataset;

    /// Well-formed enough for the view (the shared check).
    fn assert_clean(c: &Chart) {
        clean_check(c, &[]);
    }

    fn data() -> DriversData {
        Dataset::builtin().expect("built-in dataset").drivers
    }

    fn edits(pairs: &[(&str, f64)]) -> DriverEdits {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    fn defaults(d: &DriversData) -> Projection {
        project(d, &DriverEdits::new())
    }

    /// Spend equals funding every year, and neither moves: a degenerate world.
    fn flat(d: &DriversData) -> Projection {
        let mut p = defaults(d);
        for y in &mut p.years {
            y.spend = 340.0;
            y.funding = 340.0;
            y.gap = 0.0;
            y.gap_share = 0.0;
            y.cumulative_gap = 0.0;
            y.children_in_care = 2312.0;
        }
        p
    }

    fn polygons_filled(svg: &str, colour: RGBColor) -> usize {
        let fill = format!("fill=\"{}\"", crate::charts::kit::hex(colour));
        svg.lines()
            .filter(|l| l.starts_with("<polygon") && l.contains(&fill))
            .count()
    }

    fn all(d: &DriversData, p: &Projection, base: &Projection, s: &[Sensitivity]) -> Vec<Chart> {
        vec![
            spend_vs_funding(d, p),
            children_in_care(d, p, base),
            placement_spend_by_type(d, p),
            gap_by_year(p, base),
            budget_bridge(d),
            tornado(d, s),
            outturns_and_gap(d, p),
        ]
    }

    #[test]
    fn every_chart_is_clean_with_a_unique_kebab_case_id() {
        let d = data();
        let p = defaults(&d);
        let s = sensitivities(&d, &DriverEdits::new());
        let charts = all(&d, &p, &p, &s);
        let mut ids: Vec<&str> = charts.iter().map(|c| c.id).collect();
        for c in &charts {
            assert_clean(c);
            assert!(c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'));
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 7);
        let heights: Vec<bool> = charts
            .iter()
            .map(|c| c.svg.contains(&format!("viewBox=\"0 0 {WIDTH} {HEIGHT}\"")))
            .collect();
        assert_eq!(
            heights.iter().filter(|h| **h).count(),
            6,
            "all but the tornado are 640×360"
        );
    }

    #[test]
    fn spend_and_funding_table_title_and_shading_at_defaults() {
        let d = data();
        let p = defaults(&d);
        let c = spend_vs_funding(&d, &p);
        assert_eq!(c.id, "spend-funding");
        let last = p.last();
        assert_eq!(gbp_m(last.gap), "£10.9m");
        assert_eq!(
            c.title,
            format!(
                "By 2029/30 spend exceeds funding by £10.9m, an overspend of {} of the contract sum",
                percent_1dp(last.gap_share)
            )
        );
        assert_eq!(c.table.rows.len(), p.years.len());
        for (row, y) in c.table.rows.iter().zip(&p.years) {
            assert_eq!(row[0], year_label(y.year));
            assert_eq!(row[1], gbp_m(y.spend));
            assert_eq!(row[2], gbp_m(y.funding));
            assert_eq!(row[4], percent_1dp(y.gap_share));
        }
        assert_eq!(c.table.rows[0][1], "£338.9m");
        assert_eq!(c.table.rows[0][3], "£0.0m (level)");
        assert_eq!(c.table.rows[4][3], "£10.9m overspend");
        // One overspend band between each pair of years; no surplus.
        assert_eq!(polygons_filled(&c.svg, ORANGE), 4);
        assert_eq!(polygons_filled(&c.svg, LIGHT_PURPLE), 0);
        assert!(c.svg.contains("2025/26") && c.svg.contains("2029/30"));
        assert!(c.caption.contains("starts at £335m"), "{}", c.caption);
    }

    #[test]
    fn a_surplus_is_worded_as_one() {
        let d = data();
        let p = project(&d, &edits(&[("contract_uplift", 10.0)]));
        let c = spend_vs_funding(&d, &p);
        let g = -p.last().gap;
        assert!(g > 0.05);
        assert!(
            c.title.starts_with(&format!(
                "By 2029/30 funding exceeds spend by {}, a surplus",
                gbp_m(g)
            )),
            "{}",
            c.title
        );
        assert_eq!(c.table.rows[4][3], format!("{} surplus", gbp_m(-g)));
        assert!(c.table.rows[4][3].starts_with('−'));
        assert!(polygons_filled(&c.svg, LIGHT_PURPLE) >= 4);
        assert_eq!(polygons_filled(&c.svg, ORANGE), 0);

        let base = defaults(&d);
        let g = gap_by_year(&p, &base);
        assert!(g.title.starts_with("Five-year gap £"), "{}", g.title);
        assert!(g
            .title
            .contains(" surplus at these settings (default £24.5m overspend)"));
    }

    #[test]
    fn crossing_lines_split_the_shading_where_they_cross() {
        let bands = gap_bands(&[0.0, 1.0], &[10.0, 8.0], &[8.0, 10.0]);
        assert_eq!(bands.len(), 2);
        assert!(bands[0].0 && !bands[1].0);
        assert_eq!(bands[0].1[1], (0.5, 9.0));
        assert!(gap_bands(&[0.0, 1.0], &[5.0, 5.0], &[5.0, 5.0]).is_empty());
    }

    #[test]
    fn a_degenerate_projection_still_draws_without_nan() {
        let d = data();
        let p = flat(&d);
        let zero: Vec<Sensitivity> = d
            .drivers
            .iter()
            .map(|x| Sensitivity {
                key: x.key.clone(),
                at_min: 0.0,
                at_max: 0.0,
                current: 0.0,
            })
            .collect();
        for c in all(&d, &p, &p, &zero) {
            assert_clean(&c);
        }
        let c = spend_vs_funding(&d, &p);
        assert_eq!(
            c.title,
            "Spend and funding stay level every year to 2029/30"
        );
        assert!(
            c.svg.contains("<polyline") || c.svg.contains("<path"),
            "the flat lines still draw"
        );
        assert_eq!(
            polygons_filled(&c.svg, ORANGE) + polygons_filled(&c.svg, LIGHT_PURPLE),
            0
        );
        assert_eq!(
            gap_by_year(&p, &p).title,
            "Five-year gap £0.0m (level) at these settings (default £0.0m (level))"
        );
        assert_eq!(
            tornado(&d, &zero).title,
            "No driver moves the five-year gap across its range"
        );
        let none = tornado(&d, &[]);
        assert_clean(&none);
        assert!(none.table.rows.is_empty());
        assert!(outturns_and_gap(&d, &p)
            .title
            .starts_with("No projected year overspends; the worst published result was a £10.0m overspend in 2023/24"));
        // Non-finite numbers never reach the drawing.
        let mut wild = defaults(&d);
        wild.years[2].spend = f64::NAN;
        wild.years[3].gap = f64::INFINITY;
        wild.years[1].placement_spend[0] = f64::NEG_INFINITY;
        for c in [
            spend_vs_funding(&d, &wild),
            gap_by_year(&wild, &p),
            placement_spend_by_type(&d, &wild),
            outturns_and_gap(&d, &wild),
        ] {
            assert!(!c.svg.contains("NaN"), "{}", c.id);
            assert!(c.svg.starts_with("<svg"));
        }
    }

    #[test]
    fn children_in_care_history_and_projection() {
        let d = data();
        let p = defaults(&d);
        let c = children_in_care(&d, &p, &p);
        assert_eq!(
            c.title,
            "Children in care: 2,312 now, 2,399 by 2029/30 at these settings"
        );
        // Published 1 April 2018 and April 2020 stay in their year; end-of-March counts move
        // to the year that follows; then the five projected years.
        let years: Vec<&str> = c.table.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            years,
            [
                "2018/19", "2020/21", "2024/25", "2025/26", "2026/27", "2027/28", "2028/29",
                "2029/30"
            ]
        );
        assert_eq!(c.table.rows[2][1], "2,289");
        assert_eq!(
            c.table.rows[3][1..],
            ["2,312", "end of March 2025", "2,312", "2,312"]
        );
        for (row, y) in c.table.rows[3..].iter().zip(&p.years) {
            assert_eq!(row[3], children(y.children_in_care));
        }
        assert!(c.caption.contains("end of March 2025 is shown at 2025/26"));
        assert!(
            !c.caption.contains("dashed"),
            "no default line when nothing differs"
        );
        // Dash segments of the grey default line (merged into one path by `compact`).
        let dashed_grey = |svg: &str| {
            svg.lines()
                .filter(|l| {
                    (l.starts_with("<polyline") || l.starts_with("<path"))
                        && l.contains("stroke=\"#3D3D3D\" stroke-width=\"2\"")
                })
                .map(|l| l.matches('M').count().max(1))
                .sum::<usize>()
        };
        assert_eq!(dashed_grey(&c.svg), 0);

        let faster = project(&d, &edits(&[("cic_growth", 3.0)]));
        let c = children_in_care(&d, &faster, &p);
        assert!(
            c.title
                .ends_with("at these settings (2,399 at default settings)"),
            "{}",
            c.title
        );
        assert_eq!(c.table.rows[7][4], "2,399");
        assert_ne!(c.table.rows[7][3], "2,399");
        assert!(dashed_grey(&c.svg) > 3, "default projection drawn dashed");
        assert!(c.caption.contains("dashed"));
    }

    #[test]
    fn stacked_placement_bars_add_up_to_the_placement_total() {
        let d = data();
        let p = defaults(&d);
        let c = placement_spend_by_type(&d, &p);
        let n = d.placements.len();
        assert_eq!(c.table.headers.len(), n + 2);
        assert_eq!(c.table.headers[n + 1], "Total");
        assert_eq!(c.table.rows.len(), p.years.len());
        for (row, y) in c.table.rows.iter().zip(&p.years) {
            let stacked: f64 = y.placement_spend.iter().sum();
            assert!((stacked - y.placement_total).abs() < 1e-9);
            assert_eq!(row[n + 1], gbp_m(y.placement_total));
            for (cell, v) in row[1..=n].iter().zip(&y.placement_spend) {
                assert_eq!(*cell, gbp_m(*v));
            }
        }
        // One segment per type per year, plus its key swatch.
        for colour in placement_colours(n) {
            assert_eq!(
                rects_filled(&c.svg, colour),
                p.years.len() + 1,
                "{colour:?}"
            );
        }
        let last = p.last();
        let homes = d
            .placements
            .iter()
            .position(|t| t.key == "childrens_homes")
            .unwrap();
        assert_eq!(
            c.title,
            format!(
                "Children's homes cost the most: {} of {} placement spend in 2029/30",
                gbp_m(last.placement_spend[homes]),
                gbp_m(last.placement_total)
            )
        );
    }

    #[test]
    fn gap_by_year_compares_with_the_defaults() {
        let d = data();
        let p = defaults(&d);
        let c = gap_by_year(&p, &p);
        assert_eq!(
            c.title,
            "Five-year gap £24.5m overspend at these settings (default £24.5m overspend)"
        );
        assert_eq!(c.table.rows.len(), 5);
        assert_eq!(
            c.table.rows[4],
            ["2029/30", "£10.9m overspend", "£10.9m overspend", "£0.0m"]
        );
        assert_eq!(rects_filled(&c.svg, DARK_BLUE), 5 + 1);

        let cheaper = project(&d, &edits(&[("placement_inflation", 3.0)]));
        let c = gap_by_year(&cheaper, &p);
        for (row, (a, b)) in c.table.rows.iter().zip(cheaper.years.iter().zip(&p.years)) {
            assert_eq!(row[1], gap_cell(a.gap));
            assert_eq!(row[2], gap_cell(b.gap));
            assert_eq!(row[3], signed_gbp_m(a.gap - b.gap));
        }
        assert!(c.table.rows[4][3].starts_with('−'));
    }

    #[test]
    fn the_bridge_steps_add_up_to_the_published_contract_sum() {
        let d = data();
        let c = budget_bridge(&d);
        assert_eq!(
            c.title,
            "2025/26 contract sum: £307.1m carried forward + £46.7m added − £24.0m savings = £329.8m"
        );
        let budget = d.budget("2025/26").unwrap();
        assert_eq!(c.table.rows.len(), budget.bridge.len() + 1);
        let mut running = 0.0;
        for (row, line) in c.table.rows.iter().zip(&budget.bridge) {
            running += line.gbp_m;
            assert_eq!(row[0], line.label);
            assert_eq!(row[2], gbp_m(running));
        }
        assert!((running - budget.contract_sum.gbp_m).abs() < 0.05);
        let last = c.table.rows.last().unwrap();
        assert_eq!(last[1..], ["£329.8m", "£329.8m"]);
        assert_eq!(c.table.rows[1][1], "+£17.6m");
        assert_eq!(c.table.rows[4][1], "−£24.0m");
        assert!(
            c.caption.contains("starts at £260m, not zero"),
            "{}",
            c.caption
        );
        assert!(!c.caption.contains("add up to"), "no mismatch note");
        // Two totals and three additions, each with a key swatch.
        assert_eq!(rects_filled(&c.svg, DARK_BLUE), 2 + 1);
        assert_eq!(rects_filled(&c.svg, TURQUOISE), 3 + 1);
        assert!(c.svg.contains("Carried") && c.svg.contains("+£27.5m"));
    }

    #[test]
    fn a_bridge_that_does_not_add_up_says_so() {
        let mut d = data();
        d.budgets[0].contract_sum.gbp_m = 330.8;
        let c = budget_bridge(&d);
        assert!(c.title.ends_with("= £330.8m"));
        assert!(c
            .caption
            .contains("add up to £329.8m, not the published £330.8m"));
    }

    #[test]
    fn the_tornado_shows_the_ten_biggest_swings_biggest_first() {
        let d = data();
        let mut s = sensitivities(&d, &DriverEdits::new());
        assert!(s.len() > TORNADO_ROWS);
        let top = s[0].clone();
        s.reverse();
        let c = tornado(&d, &s);
        assert_eq!(c.table.rows.len(), TORNADO_ROWS);
        let spec = d.driver(&top.key).unwrap();
        assert_eq!(
            c.title,
            format!(
                "{} matters most: across its range the five-year gap moves by {}",
                spec.label,
                gbp_m(top.swing())
            )
        );
        assert_eq!(c.table.rows[0][0], spec.label);
        assert_eq!(
            c.table.rows[0][1],
            format!(
                "{} to {}",
                crate::format::driver_value(spec, spec.min),
                crate::format::driver_value(spec, spec.max)
            )
        );
        assert_eq!(c.table.rows[0][2], gap_cell(top.at_min));
        assert_eq!(c.table.rows[0][3], gap_cell(top.at_max));
        let swings: Vec<f64> = c
            .table
            .rows
            .iter()
            .map(|r| {
                s.iter()
                    .find(|x| d.driver(&x.key).unwrap().label == r[0])
                    .unwrap()
                    .swing()
            })
            .collect();
        assert!(swings.windows(2).all(|w| w[0] >= w[1]));
        // Each row is one or two bars (split at the current gap), plus the two key swatches.
        let bars = rects_filled(&c.svg, ORANGE) + rects_filled(&c.svg, TURQUOISE) - 2;
        assert!((TORNADO_ROWS..=2 * TORNADO_ROWS).contains(&bars), "{bars}");
        assert!(c.svg.contains(&spec.label.replace('\'', "&apos;")));
        assert!(c.svg.contains("These settings: £24.5m"));
    }

    #[test]
    fn outturns_and_projected_gaps_side_by_side() {
        let d = data();
        let p = defaults(&d);
        let c = outturns_and_gap(&d, &p);
        assert_eq!(
            c.title,
            "Worst projected year 2029/30: £10.9m overspend, above the worst published result \
             (£10.0m overspend in 2023/24)"
        );
        assert_eq!(c.table.rows.len(), d.outturns.len() + p.years.len());
        assert_eq!(
            c.table.rows[0],
            [
                "2019/20",
                "£7.0m overspend",
                "£13.2m (Placement overspend)",
                "Published"
            ]
        );
        assert_eq!(c.table.rows[3][1], "−£3.5m surplus");
        assert_eq!(c.table.rows[8][..2], ["2029/30", "£10.9m overspend"]);
        assert_eq!(c.table.rows[8][3], "Projected at these settings");
        // Solid published bars, light hatched projected bars, one diamond per pressure.
        assert_eq!(rects_filled(&c.svg, DARK_BLUE), d.outturns.len() + 1);
        assert_eq!(rects_filled(&c.svg, LIGHT_BLUE), p.years.len() + 1);
        let pressures = d.outturns.iter().filter(|o| o.pressure.is_some()).count();
        assert_eq!(polygons_filled(&c.svg, ORANGE), pressures + 1);

        let worse = project(&d, &edits(&[("placement_inflation", 8.0)]));
        let w = outturns_and_gap(&d, &worse);
        assert!(
            w.title.contains(", above the worst published result"),
            "{}",
            w.title
        );
        let better = project(&d, &edits(&[("placement_inflation", 4.5)]));
        let b = outturns_and_gap(&d, &better);
        assert!(
            b.title.contains(", below the worst published result"),
            "{}",
            b.title
        );
    }
}
