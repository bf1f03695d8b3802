//! The interaction excess of each pair on the five-year net outturn: how much more (or
//! less) it is when both happen than the two alone would suggest, in a triangular grid.

use super::*;

/// Round `x` up to 1, 2 or 5 times a power of ten (at least 0.1).
pub(super) fn round_up_125(x: f64) -> f64 {
    let x = finite(x).abs().max(0.1);
    let mag = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|v| *v >= x - 1e-9)
        .unwrap_or(10.0 * mag)
}

/// The interaction excess of each pair on the five-year net outturn: how much more (or
/// less) it is when both happen than the two alone would suggest, in a triangular grid.
pub fn pairwise(ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let not_shown = format!("not shown: fewer than {MIN_CELL_TRIALS} trials in a cell");
    let mut table = Table::new(
        format!(
            "For each pair of risks, the interaction excess on the {five} net outturn (its \
             average when both happened at least once − when only the first did − when only \
             the second did + when neither did, £m), and how many trials fell in each of the \
             four cells"
        ),
        &[
            "Pair",
            "Interaction excess",
            "Trials: both happened",
            "Trials: first only",
            "Trials: second only",
            "Trials: neither",
        ],
    );
    let pairs: Vec<_> = s
        .pairs
        .iter()
        .filter(|p| p.a < p.b && p.b < s.risks.len())
        .collect();
    let excess = |p: &crate::model::simulation::PairExcess| p.excess.filter(|e| e.is_finite());
    for p in &pairs {
        let mut row = vec![
            format!("{} and {}", risk_at(ds, s, p.a), risk_at(ds, s, p.b)),
            excess(p)
                .map(signed_gbp_m)
                .unwrap_or_else(|| not_shown.clone()),
        ];
        row.extend(p.cells.iter().map(|c| count(u64::from(*c))));
        table.rows.push(row);
    }
    if s.trials == 0 || pairs.is_empty() {
        return no_trials("sim-pairwise", "which pairs of risks compound", table, s);
    }
    let shown: Vec<_> = pairs.iter().filter(|p| excess(p).is_some()).collect();
    let hidden = pairs.len() - shown.len();
    let top = shown
        .iter()
        .filter_map(|p| excess(p).map(|e| (p, e)))
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    let title = match top {
        Some((p, e)) => format!(
            "Together, {} and {} {} the {five} net outturn by {} beyond what each does alone",
            risk_at(ds, s, p.a),
            risk_at(ds, s, p.b),
            if e >= 0.0 { "raise" } else { "lower" },
            gbp_m(e.abs())
        ),
        None => format!(
            "Too few trials to show how pairs of risks compound: every pair has a combination \
             seen in fewer than {MIN_CELL_TRIALS} trials"
        ),
    };
    let thin = format!(
        "one of the four combinations was seen in fewer than {MIN_CELL_TRIALS} trials (a \
         rare risk is seldom seen with another); more trials fill them in"
    );
    let hidden_words = if hidden == 0 {
        String::new()
    } else if hidden == pairs.len() {
        format!(" No pair can be shown (hatched, n/a): for every pair {thin}.")
    } else {
        format!(
            " {} of the {} pairs are not shown (hatched, n/a) because {thin}.",
            capitalise(&number_word(hidden)),
            pairs.len()
        )
    };
    let caption = format!(
        "Each cell is how much more (or, if negative, less) the {five} net outturn is when both \
         risks happen than the two risks apart would suggest: its average when both happened, \
         minus when only one or the other did, plus when neither did.{hidden_words}"
    );
    let big = round_up_125(
        shown
            .iter()
            .filter_map(|p| excess(p))
            .map(f64::abs)
            .fold(0.0, f64::max)
            / 2.0,
    )
    .max(0.5);
    let small = big / 5.0;
    let edges = [-big, -small, small, big];
    let cells: Vec<GridCell> = pairs
        .iter()
        .map(|p| {
            GridCell::of(
                p.a,
                p.b,
                excess(p).map(|e| (MONEY_DIVERGING[bin(e, edges)], signed_gbp_m(e))),
            )
        })
        .collect();
    let mut legend = Vec::new();
    if !shown.is_empty() {
        let bands = [
            format!("Below {}", signed_gbp_m(-big)),
            format!("{} to {}", signed_gbp_m(-big), signed_gbp_m(-small)),
            format!(
                "{} to {}: little interaction",
                signed_gbp_m(-small),
                signed_gbp_m(small)
            ),
            format!("{} to {}", signed_gbp_m(small), signed_gbp_m(big)),
            format!("Above {}", signed_gbp_m(big)),
        ];
        for (colour, words) in MONEY_DIVERGING.iter().zip(&bands) {
            legend.push(LegendItem::new(Swatch::Bar(Fill::Solid(*colour)), words));
        }
    }
    if hidden > 0 {
        legend.push(LegendItem::new(
            Swatch::Bar(NOT_SHOWN),
            &format!("n/a: under {MIN_CELL_TRIALS} trials in a cell"),
        ));
    }
    Chart {
        id: "sim-pairwise",
        title,
        caption,
        svg: pair_grid_svg(s, ds, &cells, &legend),
        table,
        source: source(s),
    }
}
