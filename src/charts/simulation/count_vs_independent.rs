//! How many risks happen in a year: the simulated share of trial-years against the share
//! if the risks were independent at their ratings' chances, as paired bars.

use super::*;

/// The mean of a distribution over 0, 1, 2, …
fn mean_count(dist: &[f64]) -> f64 {
    dist.iter()
        .enumerate()
        .map(|(k, p)| k as f64 * finite(*p))
        .sum()
}

/// How many risks happen in a year: the simulated share of trial-years against the share
/// if the risks were independent at their ratings' chances, as paired bars.
pub fn count_vs_independent(_ds: &Dataset, s: &Summary) -> Chart {
    let mut table = Table::new(
        "How many risks happen in a year: the share of simulated years (links between risks \
         included) and the share if the risks were independent at their ratings' chances",
        &[
            "Risks happening in a year",
            "Share of years (simulated)",
            "Share of years if independent",
        ],
    );
    let obs = &s.per_year_count;
    let ind = &s.per_year_count_independent;
    let len = obs.len().max(ind.len());
    let get = |v: &Vec<f64>, k: usize| finite(v.get(k).copied().unwrap_or(0.0)).clamp(0.0, 1.0);
    // Drop the tail where both round to 0.0%.
    let shown = (0..len)
        .rposition(|k| get(obs, k) >= 0.0005 || get(ind, k) >= 0.0005)
        .map(|l| l + 1)
        .unwrap_or(0);
    for k in 0..shown {
        table.rows.push(vec![
            count(k as u64),
            chance(get(obs, k)),
            chance(get(ind, k)),
        ]);
    }
    if s.trials == 0 || shown == 0 {
        return no_trials(
            "sim-count-independent",
            "how many risks happen in a year",
            table,
            s,
        );
    }
    let (m_obs, m_ind) = (mean_count(obs), mean_count(ind));
    let busy = (0..len).skip(3).map(|k| get(obs, k)).sum::<f64>();
    let busy_ind = (0..len).skip(3).map(|k| get(ind, k)).sum::<f64>();
    let title = if s.interactions {
        format!(
            "With the links, {} of years have three or more risks happening, against {} if the \
             risks were independent at the same chances",
            chance(busy),
            chance(busy_ind)
        )
    } else {
        format!(
            "With the links switched off, {} of years have three or more risks happening, as \
             independent risks would ({})",
            chance(busy),
            chance(busy_ind)
        )
    };
    let why = if !s.interactions {
        "the links are switched off, so the risks happen independently"
    } else if get(obs, 0) > get(ind, 0) {
        "the links keep each risk's chance and change which risks happen together, so busy \
         years and quiet years are both more common"
    } else {
        "the links keep each risk's chance and change which risks happen together"
    };
    let caption = format!(
        "For each number of risks, the share of simulated years with exactly that many \
         happening (solid bars) against the share if the risks were independent at their \
         ratings' chances (hatched bars). An average year has {m_obs:.1} risks happening, \
         against {m_ind:.1} if independent: {why}."
    );
    let independent = Fill::Hatched {
        fill: WHITE,
        lines: DARK_GREY,
    };
    let items = [
        LegendItem::new(
            Swatch::Bar(Fill::Solid(DARK_BLUE)),
            "Simulated, with the links",
        ),
        LegendItem::new(
            Swatch::Bar(independent),
            "If independent at each rating's chance",
        ),
    ];
    let y = Scale::nice(
        (0..shown).flat_map(|k| [get(obs, k) * 100.0, get(ind, k) * 100.0]),
        true,
        5,
    );
    let mut frame = Frame::new(Scale::slots(shown), y.clone(), "% of years");
    frame.x_desc = "Risks happening in the same year".to_string();
    frame.x_label_area = 48;
    frame.margin.top = below_legend(&items);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        let under = text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Top));
        for k in 0..shown {
            let c = k as f64;
            let (o, i) = (get(obs, k) * 100.0, get(ind, k) * 100.0);
            if o > 0.0 {
                bar(
                    root,
                    &mut plot,
                    [(c - 0.4, 0.0), (c - 0.02, o)],
                    Fill::Solid(DARK_BLUE),
                )?;
            }
            if i > 0.0 {
                bar(
                    root,
                    &mut plot,
                    [(c + 0.02, 0.0), (c + 0.4, i)],
                    independent,
                )?;
            }
            let (px, bottom) = plot.backend_coord(&(c, y.lo));
            label(root, &count(k as u64), (px, bottom + 6), &under)?;
        }
        Ok(())
    });
    Chart {
        id: "sim-count-independent",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}
