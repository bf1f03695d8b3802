//! The heat map as a chart: the 5×5 (or 4×4) grid of scores and bands, every risk placed by one of
//! its ratings, the appetite boundary dashed and the cells above it hatched — drawn from
//! the same [`Layout`] as the interactive map, so print, export and the page agree.

use super::layout::{Layout, Rect};
use crate::charts::kit::{
    approx_width, below_legend, hatch, label, legend_row, render, text_style, Chart, DrawResult,
    Fill, LegendItem, Root, Swatch, Table, LEGEND_AT, LEGEND_WIDTH, TEXT, WIDTH,
};
use crate::import::build::IMPORT_SOURCE;
use crate::model::register::{RatingKind, RegisterEdits};
use crate::model::{Dataset, Impact, Likelihood, Rating, RiskId};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::FontTransform;

/// The risks' circles: the house dark blue (the view's `--blue`), white rim and words.
const MARKER: RGBColor = RGBColor(0x12, 0x43, 0x6D);
const SOURCE: &str = "Source: risk titles from the Business Plan 2024-29 and Annual Report \
                      2024/25; ratings, bands and appetite are illustrative assumptions (see \
                      the register and About).";

/// The map's geometry at the chart width: the interactive map's cells and margins, with
/// its left margin trimmed by 4 so the drawing is exactly [`WIDTH`] wide, and room at the
/// top for the legend.
pub fn chart_layout(top: f64, levels: u8) -> Layout {
    let base = Layout::for_levels(levels);
    Layout {
        left: f64::from(WIDTH) - base.grid() - base.right,
        top,
        ..base
    }
}

/// The chart's source line: the built-in register's publications, or the imported
/// register's file.
pub fn source(ds: &Dataset) -> String {
    match ds.meta.sources.iter().find(|s| s.id == IMPORT_SOURCE) {
        Some(s) => format!(
            "Source: risks and ratings from the imported register ({}); appetite as the dataset sets it.",
            s.title
        ),
        None => SOURCE.to_string(),
    }
}

/// A colour written "#RRGGBB" in the dataset; black if it is not one.
pub(super) fn parse_hex(s: &str) -> RGBColor {
    let h = s.trim().trim_start_matches('#');
    let byte = |i: usize| {
        h.get(i..i + 2)
            .and_then(|b| u8::from_str_radix(b, 16).ok())
            .unwrap_or(0)
    };
    if h.len() == 6 {
        RGBColor(byte(0), byte(2), byte(4))
    } else {
        TEXT
    }
}

/// `a` moved a share `t` of the way to `b` (the hatching's tint of a cell's fill).
fn blend(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

fn px(x: f64) -> i32 {
    x.round() as i32
}

fn corners(r: &Rect) -> ((i32, i32), (i32, i32)) {
    ((px(r.x), px(r.y)), (px(r.x + r.w), px(r.y + r.h)))
}

/// The 5×5 heat map at `kind` ratings (the register's edits applied), with the appetite
/// threshold the edits hold; one table row per risk in register order.
pub fn heat_map(ds: &Dataset, edits: &RegisterEdits, kind: RatingKind) -> Chart {
    let scales = &ds.scales;
    let appetite = edits.appetite(scales);
    let kind_words = kind.label().to_lowercase();
    let points: Vec<(RiskId, Rating)> = ds
        .risks
        .iter()
        .map(|r| (r.id.clone(), edits.rating(r, kind)))
        .collect();

    let (levels, top) = (scales.levels(), scales.max_score());
    let layout = chart_layout(0.0, levels);
    // Markers too small for their ids show their number in the register; the table then
    // gives it.
    let numbered = layout
        .markers(&points)
        .iter()
        .any(|m| !m.shows_id(m.font()));
    let l_head = format!("Likelihood (1-{levels})");
    let i_head = format!("Impact (1-{levels})");
    let s_head = format!("Score (1-{top})");
    let mut headers = vec![
        "Risk",
        "Title",
        l_head.as_str(),
        i_head.as_str(),
        s_head.as_str(),
        "Band",
        "Above appetite?",
    ];
    if numbered {
        headers.insert(0, "Number on the map");
    }
    let mut table = Table::new(
        format!(
            "Strategic risks at {kind_words} ratings: likelihood and impact (1-{levels}), score \
             (likelihood × impact, 1-{top}), band, and whether the score is above the appetite \
             threshold of {appetite}"
        ),
        &headers,
    );
    let mut above = Vec::new();
    for (k, (risk, (_, rating))) in ds.risks.iter().zip(&points).enumerate() {
        let score = rating.score();
        let over = score.above(appetite);
        if over {
            above.push((risk.id.to_string(), score.0));
        }
        let mut row = Vec::with_capacity(8);
        if numbered {
            row.push((k + 1).to_string());
        }
        row.extend([
            risk.id.to_string(),
            risk.short_title.clone(),
            format!(
                "{} {}",
                rating.likelihood,
                scales.likelihood_level(rating.likelihood).label
            ),
            format!(
                "{} {}",
                rating.impact,
                scales.impact_level(rating.impact).label
            ),
            score.0.to_string(),
            scales.band_of(score).name.clone(),
            if over { "Yes" } else { "No" }.to_string(),
        ]);
        table.rows.push(row);
    }
    let n = ds.risks.len();
    above.sort_by_key(|a| std::cmp::Reverse(a.1));
    let title = match above.as_slice() {
        [] => format!("None of the {n} risks is above appetite at {kind_words} ratings"),
        [(id, _)] => format!("1 of {n} risks is above appetite at {kind_words} ratings: {id}"),
        many => format!(
            "{} of {n} risks are above appetite at {kind_words} ratings: {}",
            many.len(),
            many.iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let caption = format!(
        "Each circle is one of the {n} strategic risks, placed by the likelihood (across) and \
         impact (up) of its {kind_words} rating{}. Cells show the score (likelihood × impact) \
         and its band; hatched cells, behind the dashed line, lie above the risk appetite \
         (score above {appetite}).",
        if numbered {
            "; a circle too small for its risk's id shows the risk's number in the register \
             (the table gives both)"
        } else {
            ""
        }
    );

    let mut legend: Vec<LegendItem> = scales
        .bands
        .iter()
        .map(|b| {
            LegendItem::new(
                Swatch::Bar(Fill::Solid(parse_hex(&b.colour))),
                &format!("{} ({}-{})", b.name, b.min, b.max),
            )
        })
        .collect();
    legend.push(LegendItem::new(
        Swatch::Bar(Fill::Hatched {
            fill: WHITE,
            lines: TEXT,
        }),
        &format!("Above appetite (score above {appetite})"),
    ));
    let layout = Layout {
        top: f64::from(below_legend(&legend)),
        ..layout
    };
    let size = (WIDTH, layout.height().ceil() as u32);
    let svg = render(size, |root| {
        legend_row(root, &legend, LEGEND_AT, LEGEND_WIDTH)?;
        cells(root, ds, &layout, appetite, &points)?;
        boundary(root, &layout, appetite)?;
        axes(root, ds, &layout)?;
        markers(root, &layout, &points)?;
        counts(root, ds, &layout, &points)
    });
    Chart {
        id: "heat-map",
        title,
        caption,
        svg,
        table,
        source: source(ds),
    }
}

/// The 25 (or 16) cells: band colour, hatching above appetite, and the score and band
/// name.
fn cells(
    root: &Root,
    ds: &Dataset,
    layout: &Layout,
    appetite: u8,
    points: &[(RiskId, Rating)],
) -> DrawResult {
    let crowded = layout.counts(points);
    for r in layout.ratings() {
        {
            let (l, i) = (r.likelihood, r.impact);
            let band = ds.scales.band_of(r.score());
            let (fill, ink) = (parse_hex(&band.colour), parse_hex(&band.text_colour));
            // Inset by a unit each side: a white gap of two between cells, as on the page.
            let ((x0, y0), (x1, y1)) = corners(&layout.cell_rect(l, i));
            let (a, b) = ((x0 + 1, y0 + 1), (x1 - 1, y1 - 1));
            root.draw(&Rectangle::new([a, b], fill.filled()))?;
            if r.score().above(appetite) {
                // Light lines on a dark fill, dark on a light one, as on the page.
                let lines = if ink == WHITE {
                    blend(fill, WHITE, 0.3)
                } else {
                    blend(fill, TEXT, 0.22)
                };
                hatch(root, (a, b), lines, 9)?;
            }
            let score = r.score().0.to_string();
            let (x, y) = (x0 + 6, y0 + 17);
            label(
                root,
                &score,
                (x, y),
                &text_style(13.0, ink, (HPos::Left, VPos::Bottom)),
            )?;
            // A crowded cell says how many risks it holds where it would name its band.
            if crowded.iter().all(|c| c.rating != r) {
                label(
                    root,
                    &band.name,
                    (x + approx_width(&score, 13.0) + 5, y),
                    &text_style(12.0, ink, (HPos::Left, VPos::Bottom)),
                )?;
            }
        }
    }
    Ok(())
}

/// The appetite line along the staircase between cells inside and above appetite.
fn boundary(root: &Root, layout: &Layout, appetite: u8) -> DrawResult {
    for s in layout.appetite_boundary(appetite) {
        root.draw(&DashedPathElement::new(
            vec![(px(s.x1), px(s.y1)), (px(s.x2), px(s.y2))],
            10,
            5,
            TEXT.stroke_width(4),
        ))?;
    }
    Ok(())
}

/// Level numbers and names along both axes, and the axis titles.
fn axes(root: &Root, ds: &Dataset, layout: &Layout) -> DrawResult {
    let scales = &ds.scales;
    let (Ok(low_i), Ok(low_l)) = (Impact::new(1), Likelihood::new(1)) else {
        return Ok(());
    };
    let under = |px_: f64| text_style(px_, TEXT, (HPos::Center, VPos::Top));
    for l in Likelihood::up_to(layout.levels) {
        let rect = layout.cell_rect(l, low_i);
        let x = px(rect.x + rect.w / 2.0);
        let y = px(rect.y + rect.h) + 8;
        label(root, &l.to_string(), (x, y), &under(14.0))?;
        label(
            root,
            &scales.likelihood_level(l).label,
            (x, y + 17),
            &under(14.0),
        )?;
    }
    let side = |px_: f64| text_style(px_, TEXT, (HPos::Right, VPos::Center));
    for i in Impact::up_to(layout.levels) {
        let rect = layout.cell_rect(low_l, i);
        let (x, y) = (px(layout.left - 10.0), px(rect.y + rect.h / 2.0));
        label(root, &i.to_string(), (x, y - 8), &side(14.0))?;
        label(root, &scales.impact_level(i).label, (x, y + 9), &side(14.0))?;
    }
    let grid_bottom = layout.top + layout.grid();
    label(
        root,
        "Likelihood →",
        (
            px(layout.left + layout.grid() / 2.0),
            px(grid_bottom + 56.0),
        ),
        &text_style(15.0, TEXT, (HPos::Center, VPos::Top)),
    )?;
    label(
        root,
        "Impact →",
        (16, px(layout.top + layout.grid() / 2.0)),
        &text_style(15.0, TEXT, (HPos::Center, VPos::Center)).transform(FontTransform::Rotate270),
    )
}

/// Each risk's circle with its id (or its number, where the id does not fit), several in
/// one cell laid out as the page lays them.
fn markers(root: &Root, layout: &Layout, points: &[(RiskId, Rating)]) -> DrawResult {
    for (k, m) in layout.markers(points).iter().enumerate() {
        let c = (px(m.cx), px(m.cy));
        let r = px(m.r);
        root.draw(&Circle::new(c, r, MARKER.filled()))?;
        root.draw(&Circle::new(c, r, WHITE.stroke_width(2)))?;
        let size = m.font();
        label(
            root,
            &m.label(k + 1, size),
            c,
            &text_style(size, WHITE, (HPos::Center, VPos::Center)),
        )?;
    }
    Ok(())
}

/// "12 risks" in a crowded cell's label strip, where its band's name would be.
fn counts(root: &Root, ds: &Dataset, layout: &Layout, points: &[(RiskId, Rating)]) -> DrawResult {
    for c in layout.counts(points) {
        let band = ds.scales.band_of(c.rating.score());
        label(
            root,
            &c.text(),
            (px(c.x), px(c.y)),
            &text_style(
                12.0,
                parse_hex(&band.text_colour),
                (HPos::Left, VPos::Bottom),
            ),
        )?;
    }
    Ok(())
}
