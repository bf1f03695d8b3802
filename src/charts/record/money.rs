//! Simulated annual gross pressure or net outturn beside the years the Trust reported:
//! each simulated year as a box from its 10th to its 90th percentile with the median
//! across it, each recorded year as a diamond, and the record's range shaded. Drawn 640
//! wide and 360 high, or taller when the key wraps.

use super::*;
use crate::model::scenario::Measure;

/// The middle value of a list (the mean of the two middle ones for an even count).
pub(super) fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// One year the Trust reported: its first calendar year, the figure, what the record
/// calls it, and where it comes from.
struct Recorded<'a> {
    year: u16,
    value: f64,
    what: String,
    provenance: &'a Provenance,
}

fn recorded(ds: &Dataset, m: Measure) -> Vec<Recorded<'_>> {
    ds.drivers
        .outturns
        .iter()
        .filter_map(|o| {
            let year = label_year(&o.year)?;
            match m {
                Measure::Gross => o.pressure.as_ref().map(|p| Recorded {
                    year,
                    value: p.gbp_m,
                    what: p.label.clone(),
                    provenance: &p.provenance,
                }),
                Measure::Net => Some(Recorded {
                    year,
                    value: o.gap_gbp_m,
                    what: if o.gap_gbp_m >= 0.05 {
                        "Outturn: overspend".to_string()
                    } else if o.gap_gbp_m <= -0.05 {
                        "Outturn: surplus".to_string()
                    } else {
                        "Outturn: balanced".to_string()
                    },
                    provenance: &o.provenance,
                }),
            }
        })
        .collect()
}

/// Simulated `m` (gross pressure or net outturn) each year beside the years the Trust
/// reported.
pub fn record_money(ds: &Dataset, s: &Summary, m: Measure) -> Chart {
    let (id, name, title_name) = match m {
        Measure::Gross => ("record-gross", "gross in-year pressure", "gross pressure"),
        Measure::Net => ("record-net", "net outturn", "net outturn"),
    };
    let rec = recorded(ds, m);
    let per_year = match m {
        Measure::Gross => &s.annual_gross,
        Measure::Net => &s.annual,
    };
    let pooled = match m {
        Measure::Gross => s.annual_gross_all,
        Measure::Net => s.annual_net_all,
    };
    let k = s.years.len().min(per_year.len());
    let mut table = Table::new(
        format!(
            "Annual {name}: each year the Trust reported, then each simulated year's 10th \
             percentile (1 simulated year in 10 is lower), median and 90th percentile (1 in \
             10 is higher), and all simulated years together, £m"
        ),
        &[
            "Year",
            "Recorded",
            "What the record says",
            "Simulated 10th percentile",
            "Simulated median",
            "Simulated 90th percentile",
        ],
    );
    let provenances: Vec<&Provenance> = rec.iter().map(|r| r.provenance).collect();
    let source = format!(
        "Sources: {} (the Trust's reported figures); Risk Explorer simulation, {}.",
        cited(ds, &provenances),
        run_words(s)
    );
    if s.trials == 0 || k == 0 {
        return empty_chart(
            id,
            &format!("No simulated years to set beside the record's {title_name}"),
            "The simulation has no trials yet, so there is nothing to compare.",
            table,
            source,
        );
    }
    let values: Vec<f64> = rec.iter().map(|r| finite(r.value)).collect();
    let (rec_lo, rec_hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let (p10, p50, p90) = middle(&pooled);
    let title = match (m, median(&values)) {
        (Measure::Gross, Some(med)) => format!(
            "Simulated gross pressure: a median of {} a year, beside the record's {} to {} \
             (median {})",
            gbp_m(p50),
            gbp_m(rec_lo),
            gbp_m(rec_hi),
            gbp_m(med)
        ),
        (Measure::Net, Some(_)) => format!(
            "Simulated net outturn: a median of {} a year, with {} of years within the \
             record's {} to {}",
            gbp_m(p50),
            crate::format::percent(finite(s.p_net_in_record_range)),
            gbp_m(s.record_range.0),
            gbp_m(s.record_range.1)
        ),
        (_, None) => format!(
            "Simulated {title_name}: a median of {} a year; the record has no years to set \
             beside it",
            gbp_m(p50)
        ),
    };

    let years = &s.years[..k];
    let boxes: Vec<(f64, (f64, f64, f64))> = years
        .iter()
        .zip(&per_year[..k])
        .map(|(y, q)| (f64::from(*y), middle(q)))
        .collect();
    for r in &rec {
        table.rows.push(vec![
            year_label(r.year),
            gbp_m(r.value),
            r.what.clone(),
            dash(),
            dash(),
            dash(),
        ]);
    }
    for (y, (lo, mid, hi)) in years.iter().zip(boxes.iter().map(|b| b.1)) {
        table.rows.push(vec![
            year_label(*y),
            dash(),
            dash(),
            gbp_m(lo),
            gbp_m(mid),
            gbp_m(hi),
        ]);
    }
    table.rows.push(vec![
        "All simulated years".to_string(),
        dash(),
        dash(),
        gbp_m(p10),
        gbp_m(p50),
        gbp_m(p90),
    ]);

    let mut items = Vec::new();
    if !rec.is_empty() {
        items.push(LegendItem::new(Swatch::Marker(RECORD), "Recorded year"));
        items.push(LegendItem::new(
            Swatch::Bar(Fill::Solid(RECORD_BAND)),
            "The record's range",
        ));
    }
    items.push(LegendItem::new(
        Swatch::Bar(Fill::Hollow(DARK_BLUE)),
        "Simulated: 10th to 90th percentile",
    ));
    items.push(LegendItem::new(Swatch::Line(DARK_BLUE), "Simulated median"));
    let first = rec.iter().map(|r| r.year).fold(years[0], u16::min);
    let last = years[k - 1];
    let x = Scale::years(first, last, 6);
    let y = Scale::nice(
        values
            .iter()
            .copied()
            .chain(boxes.iter().flat_map(|b| [b.1 .0, b.1 .2])),
        true,
        5,
    );
    let mut frame = Frame::new(x.clone(), y.clone(), "£m a year");
    frame.margin.top = below_legend(&items);
    let height = (frame.margin.top + 250 + frame.x_label_area + 6).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        if !rec.is_empty() {
            bar(
                root,
                &mut plot,
                [(x.lo, rec_lo), (x.hi, rec_hi)],
                Fill::Solid(RECORD_BAND),
            )?;
        }
        hline(&mut plot, 0.0, TEXT, 1)?;
        divider(root, &mut plot, f64::from(years[0]) - 0.5, "Simulated")?;
        for (cx, (lo, mid, hi)) in &boxes {
            bar(
                root,
                &mut plot,
                [(cx - 0.22, *lo), (cx + 0.22, *hi)],
                Fill::Hollow(DARK_BLUE),
            )?;
            plot.draw_series(std::iter::once(PathElement::new(
                vec![(cx - 0.22, *mid), (cx + 0.22, *mid)],
                DARK_BLUE.stroke_width(4),
            )))?;
        }
        let above = text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Bottom));
        for r in &rec {
            let at = plot.backend_coord(&(f64::from(r.year), finite(r.value)));
            root.draw(&diamond(at, 7, RECORD))?;
            label(root, &gbp_m(r.value), (at.0, at.1 - 9), &above)?;
        }
        Ok(())
    });
    let what = match m {
        Measure::Gross => "its gross cost pressure, before management action",
        Measure::Net => "its outturn after management action, above 0 an overspend",
    };
    let band = if rec.is_empty() {
        String::new()
    } else {
        format!(
            "; the grey band spans the record, {} to {}",
            gbp_m(rec_lo),
            gbp_m(rec_hi)
        )
    };
    Chart {
        id,
        title,
        caption: format!(
            "Each black diamond is a year the Trust reported ({what}); each box holds the \
             middle 80% of simulated years, from the 10th to the 90th percentile, with the \
             median as a line across it{band}. Over all simulated years the median is {} and \
             80% lie between {} and {}.",
            gbp_m(p50),
            gbp_m(p10),
            gbp_m(p90)
        ),
        svg,
        table,
        source,
    }
}
