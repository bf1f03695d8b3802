//! The drivers that move the five-year gap most, each across its plausible range (a
//! tornado).
//! Drawn 640 wide and 118 + 36 units a row high (478 for ten drivers).

use super::*;

/// The most drivers the tornado shows.
pub const TORNADO_ROWS: usize = 10;

/// The drivers that move the five-year gap most, each across its plausible range (a
/// tornado). Drawn 640 wide and 118 + 36 units a row high (478 for ten drivers).
pub fn tornado(data: &DriversData, s: &[Sensitivity]) -> Chart {
    let mut rows: Vec<&Sensitivity> = s.iter().collect();
    rows.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    rows.truncate(TORNADO_ROWS);
    let current = finite(s.first().map(|x| x.current).unwrap_or(0.0));
    let name = |key: &str| data.label(key);
    let ends = |r: &Sensitivity| match data.driver(&r.key) {
        Some(spec) => (
            crate::format::driver_value(spec, r.low),
            crate::format::driver_value(spec, r.high),
        ),
        None => (r.low.to_string(), r.high.to_string()),
    };
    let why = |key: &str| {
        data.driver(key)
            .and_then(|d| d.plausible.as_ref())
            .map_or_else(|| "The slider's full range.".to_string(), |p| p.why.clone())
    };
    let title = match rows.first() {
        Some(top) if top.swing() >= LEVEL => {
            let (lo, hi) = ends(top);
            format!(
                "{} matters most: from {lo} to {hi}, a plausible range, the five-year gap moves by {}",
                name(&top.key),
                gbp_m(top.swing())
            )
        }
        Some(_) => "No driver moves the five-year gap across its plausible range".to_string(),
        None => "No drivers to compare".to_string(),
    };

    let n = rows.len().max(1);
    let height = 118 + 36 * n as u32;
    let values = rows
        .iter()
        .flat_map(|r| [finite(r.at_min), finite(r.at_max)])
        .chain([current]);
    let base = Scale::nice(values, false, 6);
    // Room at both ends for the driver values written beside the bars.
    let plot_px = f64::from(WIDTH) - 40.0;
    let pad = (base.hi - base.lo) * 96.0 / (plot_px - 192.0);
    let x = base.padded(pad, pad);
    let mut frame = Frame::across(x, n, "Five-year gap, £m (above 0 = overspend)");
    let items = tornado_legend("Raises the gap", "Lowers the gap");
    // Room between the key and the plot for the words over the dashed line.
    frame.margin.top = below_legend(&items) + 18;
    let now = format!("These settings: {}", gbp_m(current));
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        // Each end names the driver value that puts the gap there.
        let bars: Vec<RangeBar> = rows
            .iter()
            .map(|r| {
                let (min_text, max_text) = ends(r);
                RangeBar {
                    name: name(&r.key),
                    ends: [(r.at_min, min_text), (r.at_max, max_text)],
                    show_ends: true,
                }
            })
            .collect();
        tornado_bars(root, &mut plot, &bars, current, &now, false)
    });

    let mut table = Table::new(
        "The five-year gap with each driver at the ends of its plausible range and the others \
         at these settings, biggest swing first, £m",
        &[
            "Driver",
            "Plausible range",
            "Five-year gap at the low end",
            "Five-year gap at the high end",
            "Swing",
            "Why this range",
        ],
    );
    table.rows = rows
        .iter()
        .map(|r| {
            let (lo, hi) = ends(r);
            vec![
                name(&r.key),
                format!("{lo} to {hi}"),
                gap_cell(r.at_min),
                gap_cell(r.at_max),
                gbp_m(r.swing()),
                why(&r.key),
            ]
        })
        .collect();
    Chart {
        id: "driver-tornado",
        title,
        caption: format!(
            "For the {} drivers that move it most, the five-year gap with that driver at each end \
             of a plausible range (the value at each end of the bar; the table says why each range) \
             and the others at these settings; the dashed line is the five-year gap at these \
             settings ({}).",
            rows.len(),
            gap_words(current, false)
        ),
        svg,
        table,
        source: "Source: Risk Explorer projection, each driver moved across its plausible range \
                 with the others at the settings shown."
            .to_string(),
    }
}
