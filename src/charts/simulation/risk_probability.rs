//! Each risk's chance of happening at least once in the horizon (bars), with its chance in
//! any one year from its rating (a diamond, and in the words).

use super::*;

/// Each risk's chance of happening at least once in the horizon (bars), with its chance in
/// any one year from its rating (a diamond, and in the words).
pub fn risk_probability(ds: &Dataset, s: &Summary) -> Chart {
    let rating = s.rating.label().to_lowercase();
    let mut table = Table::new(
        format!(
            "Each risk's chance: in any one year from its {rating} likelihood rating, the share \
             of years it happened in the simulation (links between risks included), and at \
             least once in the {}",
            horizon(s)
        ),
        &[
            "Risk",
            "Chance in a year (rating)",
            "Share of years it happened (simulated)",
            &format!("At least once in {}", horizon(s)),
        ],
    );
    let n = s
        .risks
        .len()
        .min(s.p_at_least_once.len())
        .min(s.base_probability.len())
        .min(s.yearly_frequency.len());
    for i in 0..n {
        table.rows.push(vec![
            risk_at(ds, s, i),
            chance(s.base_probability[i]),
            chance(s.yearly_frequency[i]),
            chance(s.p_at_least_once[i]),
        ]);
    }
    if s.trials == 0 || n == 0 {
        return no_trials("sim-risk-probability", "how likely each risk is", table, s);
    }
    let likely = (0..n).filter(|i| s.p_at_least_once[*i] > 0.5).count();
    let (most, _) =
        (0..n)
            .map(|i| (i, finite(s.p_at_least_once[i])))
            .fold(
                (0, f64::NEG_INFINITY),
                |acc, v| if v.1 > acc.1 { v } else { acc },
            );
    let title = format!(
        "{} of the {} risks {} more likely than not to happen at least once in {}; {} is the \
         likeliest, at {}",
        if likely == 0 {
            "None".to_string()
        } else {
            capitalise(&number_word(likely))
        },
        number_word(n),
        if likely == 1 { "is" } else { "are" },
        horizon(s),
        risk_at(ds, s, most),
        chance(s.p_at_least_once[most])
    );
    let caption = format!(
        "How likely each risk is to happen at least once in the {} (bars), against its chance \
         in any one year from its {rating} rating (diamonds, and in brackets); {} is the most \
         likely, at {} a year and {} at least once.",
        horizon(s),
        risk_at(ds, s, most),
        chance(s.base_probability[most]),
        chance(s.p_at_least_once[most]),
    );
    let rows: Vec<ChanceRow> = (0..n)
        .map(|i| ChanceRow {
            name: risk_at(ds, s, i),
            p: s.p_at_least_once[i],
            tag: format!(
                "{} ({} a year)",
                chance(s.p_at_least_once[i]),
                chance(s.base_probability[i])
            ),
            marker: Some(s.base_probability[i]),
        })
        .collect();
    let items = [
        LegendItem::new(
            Swatch::Bar(Fill::Solid(MID_BLUE)),
            &format!("At least once in {}", horizon(s)),
        ),
        LegendItem::new(
            Swatch::Marker(TEXT),
            &format!("Chance in any one year ({rating} rating)"),
        ),
    ];
    Chart {
        id: "sim-risk-probability",
        title,
        caption,
        svg: chance_bars(&rows, &items, "Chance, %"),
        table,
        source: source(s),
    }
}
