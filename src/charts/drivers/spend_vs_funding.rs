//! Spend and funding by year with the gap between them shaded.

use super::*;

/// The areas between two lines, split where they cross: (first above second, polygon).
pub(super) fn gap_bands(xs: &[f64], a: &[f64], b: &[f64]) -> Vec<(bool, Vec<(f64, f64)>)> {
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
            "By {when} spend exceeds funding by {}, an overspend of {}",
            gbp_m(g),
            crate::format::of_contract_sum(last.gap_share, &when, last.contract_sum)
        ),
        g if g <= -LEVEL => format!(
            "By {when} funding exceeds spend by {}, a surplus of {}",
            gbp_m(-g),
            crate::format::of_contract_sum(-last.gap_share, &when, last.contract_sum)
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
        LegendItem::new(Swatch::Dashed(DARK_GREY), "Funding"),
    ];
    if bands.iter().any(|(over, _)| *over) {
        items.push(LegendItem::new(Swatch::Area(OVERSPEND), "Overspend"));
    }
    if bands.iter().any(|(over, _)| !*over) {
        items.push(LegendItem::new(Swatch::Area(SURPLUS), "Surplus"));
    }
    let frame = year_frame(x, y.clone(), "£m", 120, &items);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        for (over, poly) in &bands {
            let colour = if *over { OVERSPEND } else { SURPLUS };
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
            ..solid(DARK_GREY)
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
            "Gap as % of that year's contract sum",
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
             shaded red where spend is above funding (overspend) and turquoise where it is \
             below (surplus).{}",
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
