//! How often each pair of risks happens in the same year against how often it would if
//! they were independent: a triangular grid, the ratio written in each cell.

use super::*;

/// The edges between the co-occurrence ratio's colour bands.
pub(super) const RATIO_EDGES: [f64; 4] = [0.8, 0.95, 1.05, 1.25];

/// How often each pair of risks happens in the same year against how often it would if
/// they were independent: a triangular grid, the ratio written in each cell.
pub fn co_occurrence(ds: &Dataset, s: &Summary) -> Chart {
    let mut table = Table::new(
        "For each pair of risks, the share of simulated years in which both happened, the \
         share if they were independent (each year's simulated chances multiplied), and the \
         ratio of the two",
        &[
            "Pair",
            "Both in the same year (simulated)",
            "If independent",
            "Ratio",
        ],
    );
    let pairs: Vec<_> = s
        .co_occurrence
        .iter()
        .filter(|c| c.a < c.b && c.b < s.risks.len())
        .collect();
    for c in &pairs {
        table.rows.push(vec![
            format!("{} and {}", risk_at(ds, s, c.a), risk_at(ds, s, c.b)),
            chance(c.observed),
            chance(c.independent),
            c.ratio()
                .filter(|r| r.is_finite())
                .map(times)
                .unwrap_or_else(|| "n/a: neither happens".to_string()),
        ]);
    }
    if s.trials == 0 || pairs.is_empty() {
        return no_trials(
            "sim-co-occurrence",
            "which risks happen in the same year",
            table,
            s,
        );
    }
    let ratio = |c: &&crate::model::simulation::CoOccurrence| c.ratio().filter(|r| r.is_finite());
    let top = pairs
        .iter()
        .filter_map(|c| ratio(c).map(|r| (c, r)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let title = match top {
        Some((c, r)) if r >= 1.05 => format!(
            "{} and {} happen in the same year {:.1} times as often as if they were independent",
            risk_at(ds, s, c.a),
            risk_at(ds, s, c.b),
            r
        ),
        _ => "No two risks happen in the same year much more often than if they were independent"
            .to_string(),
    };
    let clustered = pairs
        .iter()
        .filter(|c| ratio(c).is_some_and(|r| r >= 1.05))
        .count();
    let caption = format!(
        "Each cell compares how often two risks happen in the same year with how often they \
         would if they were independent: ×1.0 is as if independent, above it they happen \
         together more often. {} of the {} pairs happen together at least 5% more often than \
         chance; the colour bands repeat the number written in each cell.",
        capitalise(&number_word(clustered)),
        pairs.len()
    );
    let cells: Vec<GridCell> = pairs
        .iter()
        .map(|c| {
            GridCell::of(
                c.a,
                c.b,
                ratio(c).map(|r| (DIVERGING[bin(r, RATIO_EDGES)], times(r))),
            )
        })
        .collect();
    let legend = [
        LegendItem::new(Swatch::Bar(Fill::Solid(DIVERGING[0])), "Under ×0.8"),
        LegendItem::new(Swatch::Bar(Fill::Solid(DIVERGING[1])), "×0.8 to ×0.95"),
        LegendItem::new(
            Swatch::Bar(Fill::Solid(DIVERGING[2])),
            "×0.95 to ×1.05: as if independent",
        ),
        LegendItem::new(Swatch::Bar(Fill::Solid(DIVERGING[3])), "×1.05 to ×1.25"),
        LegendItem::new(Swatch::Bar(Fill::Solid(DIVERGING[4])), "×1.25 or more"),
    ];
    Chart {
        id: "sim-co-occurrence",
        title,
        caption,
        svg: pair_grid_svg(s, ds, &cells, &legend),
        table,
        source: source(s),
    }
}
