//! How numbers, ratings and citations are written for a board: units on every number,
//! a clear word for negatives, years as 2025/26. Reading what people type is in [`parse`].

pub mod parse;

use crate::model::edits::ConsequenceKey;
use crate::model::{Citation, Dataset, Quantity, Rating, Scales};

/// Money within this of zero (£50k) rounds to £0.0m: two amounts this close are level,
/// and a difference this small is not worth a word. Every view, report and chart uses it.
pub const LEVEL_GBP_M: f64 = 0.05;

/// A risk as a board reads it: "R3 Demand pressure" (the id alone if the register does
/// not have it).
pub fn risk_name(ds: &Dataset, id: &crate::model::RiskId) -> String {
    ds.risk(&id.0)
        .map(|r| format!("{} {}", r.id, r.short_title))
        .unwrap_or_else(|| id.to_string())
}

/// A number with `decimals` places, thousands separators and a true minus sign:
/// `1,051.0`, `−1.8`. A value that rounds to zero has no sign (never `−0.0`); not a
/// number reads as zero.
pub fn number(x: f64, decimals: usize) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    // Halves round away from zero (12.45 → 12.5), as a person rounds.
    let scale = 10f64.powi(decimals.min(12) as i32);
    let text = format!("{:.*}", decimals, (x.abs() * scale).round() / scale);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let zero = text.chars().all(|c| c == '0' || c == '.');
    let mut out = String::new();
    if x < 0.0 && !zero {
        out.push('−');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// £m with one decimal place and thousands separators: `£12.3m`, `£1,051.0m`; negatives
/// with a true minus sign: `−£1.8m`; an amount that rounds to zero is `£0.0m`.
pub fn gbp_m(x: f64) -> String {
    signed_money(x, 1, "", "m")
}

/// Whole pounds with thousands separators: `£1,051`, `−£250`.
pub fn gbp(x: f64) -> String {
    signed_money(x, 0, "", "")
}

/// Thousands of pounds with `decimals` places: `£55.0k`.
pub fn gbp_k(x: f64, decimals: usize) -> String {
    signed_money(x, decimals, "", "k")
}

/// `−£1.8m`: the sign before the pound sign, the digits from [`number`].
fn signed_money(x: f64, decimals: usize, pre: &str, unit: &str) -> String {
    let n = number(x, decimals);
    match n.strip_prefix('−') {
        Some(digits) => format!("−{pre}£{digits}{unit}"),
        None => format!("{pre}£{n}{unit}"),
    }
}

/// A share 0-1 as a whole percentage: `35%`, `−4%`; a share that rounds to zero is `0%`.
pub fn percent(share: f64) -> String {
    format!("{}%", number(share * 100.0, 0))
}

/// A share 0-1 as a percentage with one decimal: `0.2%`, `32.0%`, `−0.6%` (a true minus
/// sign; a share that rounds to zero has none, `0.0%`). Not a number reads `0.0%`.
pub fn percent_1dp(share: f64) -> String {
    format!("{}%", number(share * 100.0, 1))
}

/// A hyphen-minus turned into a true minus sign; "-0" and "-0.0" lose their sign.
pub fn minus(s: &str) -> String {
    if let Some(rest) = s.strip_prefix('-') {
        if !rest.chars().any(|c| c.is_ascii_digit() && c != '0') {
            return rest.to_string();
        }
    }
    s.replace('-', "−")
}

/// A count with thousands separators: `2,312`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A key figure's number with its unit: `£12.3m`, `2,312 children`, `35%`.
pub fn quantity(q: &Quantity) -> String {
    match q {
        Quantity::GbpM(x) => gbp_m(*x),
        Quantity::Gap(x) => format!(
            "{} {}",
            gbp_m(x.abs()),
            if *x >= 0.0 { "overspend" } else { "surplus" }
        ),
        Quantity::Excess(x) if x.abs() < LEVEL_GBP_M => gbp_m(0.0),
        Quantity::Excess(x) => format!(
            "{} {}",
            gbp_m(x.abs()),
            if *x > 0.0 {
                "worse together"
            } else {
                "less together"
            }
        ),
        Quantity::Share(x) => percent(*x),
        Quantity::Share1dp(x) => percent_1dp(*x),
        Quantity::Children(x) => format!("{} children", count(x.round() as u64)),
        Quantity::Headcount(x) => count(x.round() as u64),
        Quantity::Counted { n, unit } => format!("{} {unit}", count(n.round() as u64)),
        Quantity::Per10k(x) => format!("{x} per 10,000"),
        Quantity::Gbp(x) => gbp(*x),
        Quantity::Number { value, decimals } => number(*value, *decimals),
        Quantity::PerSocialWorker(x) => format!("{} children per social worker", number(*x, 1)),
        Quantity::Risks(n) => format!("{n} risk{}", if *n == 1 { "" } else { "s" }),
        Quantity::YearsOf { years, of } => format!("{years} of {of}"),
        Quantity::Missing(why) => why.to_string(),
    }
}

/// The unrounded number for scripts and tests (a page's `data-value`): money to £1k,
/// shares to four places.
pub fn data_value(q: &Quantity) -> String {
    match q {
        Quantity::Share(x) | Quantity::Share1dp(x) => format!("{x:.4}"),
        other => format!("{:.3}", other.number().unwrap_or(f64::NAN)),
    }
}

/// A band with its score range: `Very high (20-25)`.
pub fn band_range(b: &crate::model::Band) -> String {
    format!("{} ({}-{})", b.name, b.min, b.max)
}

/// A colour swatch's inline style.
pub fn swatch_style(colour: &str) -> String {
    format!("background:{colour}")
}

/// `4 Likely × 5 Severe`.
pub fn rating_words(scales: &Scales, r: Rating) -> String {
    format!(
        "{} {} × {} {}",
        r.likelihood,
        scales.likelihood_level(r.likelihood).label,
        r.impact,
        scales.impact_level(r.impact).label
    )
}

/// `score 20, Very high`.
pub fn score_words(scales: &Scales, r: Rating) -> String {
    let s = r.score();
    format!("score {}, {}", s.0, scales.band_of(s).name)
}

/// A citation as a reader can follow it: the document's title and the section the cited
/// lines are in, `Business Plan 2024-29, §11 Managing Risk`. The line numbers refer to a
/// text extract no reader has, so they are never part of the words (a page keeps them in
/// a data attribute for checking). A source without sections gives its title alone; an
/// unlisted one "an unlisted source".
pub fn citation(dataset: &Dataset, c: &Citation) -> String {
    match dataset.source(&c.source) {
        Some(source) => match source.section_at(c.first_line) {
            Some(section) => format!("{}, {}", source.short_title, section.title),
            None => source.short_title.clone(),
        },
        None => "an unlisted source".to_string(),
    }
}

/// What a figure that the model is calibrated to reproduce says beside its value: it
/// holds by construction, so it is not an independent check.
pub const REPRODUCES_PUBLISHED: &str = "reproduces the published table (by calibration)";

/// A share of a named year's contract sum: `2.5% of the 2026/27 contract sum of £329.8m`.
pub fn of_contract_sum(share: f64, year: &str, sum: f64) -> String {
    format!(
        "{} of the {year} contract sum of {}",
        percent_1dp(share),
        gbp_m(sum)
    )
}

/// A financial impact band: `£8.2m to £16.5m a year` or `£16.5m a year or more`.
pub fn financial_band(from: f64, to: Option<f64>) -> String {
    match to {
        Some(to) if from <= 0.0 => format!("under {} a year", gbp_m(to)),
        Some(to) => format!("{} to {} a year", gbp_m(from), gbp_m(to)),
        None => format!("{} a year or more", gbp_m(from)),
    }
}

/// A driver's range in words, min then max: ("−5.0% a year", "10.0% a year").
pub fn driver_range(data: &crate::model::drivers::DriversData, key: &str) -> (String, String) {
    match data.driver(key) {
        Some(d) => (driver_value(d, d.min), driver_value(d, d.max)),
        None => ("minimum".to_string(), "maximum".to_string()),
    }
}

/// A driver value as a bare number for an input box, with the precision its step needs
/// (more where the value has more, so the box shows exactly the value in use).
pub fn driver_number(spec: &crate::model::drivers::DriverSpec, v: f64) -> String {
    let decimals = if spec.step >= 1.0 {
        0
    } else if spec.step >= 0.1 {
        1
    } else {
        2
    };
    box_number(v, decimals)
}

/// A number as a box shows it: exactly the value in use (to [`parse::DECIMALS`] places,
/// what a box keeps), at least `min_decimals` places, an ASCII minus (the box reads it
/// back), never "-0", no thousands separators.
pub fn box_number(v: f64, min_decimals: usize) -> String {
    let places = parse::DECIMALS as usize;
    let text = format!("{:.*}", places, v);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let frac = format!("{frac:0<min_decimals$}");
    let out = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    if out
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        out.trim_start_matches('-').to_string()
    } else {
        out
    }
}

/// A driver value with its unit: `3.5% a year`, `£16.0m a year`, `£55k a year`.
pub fn driver_value(spec: &crate::model::drivers::DriverSpec, v: f64) -> String {
    use crate::model::drivers::DriverUnit as U;
    let decimals = if spec.step >= 1.0 {
        0
    } else if spec.step >= 0.1 {
        1
    } else {
        2
    };
    let n = number(v, decimals);
    match spec.unit {
        U::Percent => format!("{n}%"),
        U::PercentAYear => format!("{n}% a year"),
        U::GbpM => gbp_m(v),
        U::GbpMAYear => format!("{} a year", gbp_m(v)),
        U::GbpKAYear => format!("£{n}k a year"),
        U::ChildrenPerWorker => format!("{n} children per social worker"),
        U::Years => format!("{n} year{}", if (v - 1.0).abs() < 1e-9 { "" } else { "s" }),
        U::Ratio => format!("{n} × agency fostering"),
    }
}

/// One difference from the defaults, in words: `R3 Demand pressure: current rating 5 × 4 (default 4 × 4)`.
pub fn difference(dataset: &Dataset, d: &crate::model::edits::Difference) -> String {
    use crate::model::edits::Difference;
    let name = |id: &crate::model::RiskId| risk_name(dataset, id);
    match d {
        Difference::Rating {
            risk,
            kind,
            now,
            default,
        } => format!(
            "{}: {} rating {} × {} = {} (default {} × {} = {})",
            name(risk),
            kind.label().to_lowercase(),
            now.likelihood,
            now.impact,
            now.score().0,
            default.likelihood,
            default.impact,
            default.score().0
        ),
        Difference::Owner { risk, now, default } => {
            let shown = |o: &str| {
                if o.is_empty() {
                    "not published".to_string()
                } else {
                    format!("“{o}”")
                }
            };
            format!(
                "{}: owner {} (default {})",
                name(risk),
                shown(now),
                shown(default)
            )
        }
        Difference::Appetite { now, default } => {
            format!("Risk appetite threshold {now} (default {default})")
        }
        Difference::Interaction {
            from,
            to,
            now,
            default,
        } => format!(
            "Link {} → {}: {} (default {})",
            name(from),
            name(to),
            now.label().to_lowercase(),
            default.label().to_lowercase()
        ),
        Difference::Simulation { what, now, default } => {
            format!("Simulation {what}: {now} (default {default})")
        }
        Difference::Stress(e) => format!(
            "Stress scenario: {} crystallises in {} ({})",
            name(&e.risk),
            crate::model::drivers::year_label(dataset.drivers.baseline_year + e.year as u16),
            e.point.label().to_lowercase()
        ),
        Difference::Consequence { key, now, default } => {
            let what = match key {
                ConsequenceKey::Severity(i) => format!("Severity factor for impact {i}"),
                ConsequenceKey::Shock(k) => {
                    let label =
                        crate::model::consequences::target_label(&dataset.drivers, &k.driver);
                    format!(
                        "{}: shock to {} ({})",
                        name(&k.risk),
                        label.to_lowercase(),
                        k.point.label().to_lowercase()
                    )
                }
            };
            format!("{what}: {now} (default {default})")
        }
        Difference::Driver { key, now, default } => match dataset.drivers.driver(key) {
            Some(spec) => format!(
                "{}: {} (default {})",
                spec.label,
                driver_value(spec, *now),
                driver_value(spec, *default)
            ),
            None => format!("{key}: {now}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money() {
        assert_eq!(gbp_m(12.34), "£12.3m");
        assert_eq!(gbp_m(-1.8), "−£1.8m");
        assert_eq!(gbp_m(-0.01), "£0.0m");
        assert_eq!(gbp_m(329.8), "£329.8m");
    }

    #[test]
    fn money_has_thousands_a_true_minus_and_no_negative_zero() {
        assert_eq!(gbp_m(1051.0), "£1,051.0m");
        assert_eq!(gbp_m(-1234.56), "−£1,234.6m");
        assert_eq!(gbp_m(-0.04), "£0.0m");
        assert_eq!(gbp_m(0.04), "£0.0m");
        assert_eq!(gbp_m(-0.05), "−£0.1m");
        assert_eq!(gbp_m(f64::NAN), "£0.0m");
        assert_eq!(gbp(1051.4), "£1,051");
        assert_eq!(gbp(-250.0), "−£250");
        assert_eq!(gbp(-0.4), "£0");
        assert_eq!(gbp_k(55.0, 1), "£55.0k");
        assert_eq!(number(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(number(-999.96, 1), "−1,000.0");
        assert_eq!(number(-0.0, 1), "0.0");
        for text in [gbp_m(-1.8), gbp(-3.0), number(-2.0, 0)] {
            assert!(!text.contains('-'), "{text} has a hyphen for a minus");
        }
    }

    #[test]
    fn a_share_names_the_contract_sum_it_divides_by() {
        assert_eq!(
            of_contract_sum(0.025, "2026/27", 329.8),
            "2.5% of the 2026/27 contract sum of £329.8m"
        );
        assert_eq!(
            of_contract_sum(-0.0001, "2029/30", 1051.0),
            "0.0% of the 2029/30 contract sum of £1,051.0m"
        );
    }

    #[test]
    fn percentages_never_read_minus_zero() {
        assert_eq!(percent_1dp(-0.0004), "0.0%");
        assert_eq!(percent_1dp(-0.006), "−0.6%");
        assert_eq!(percent_1dp(0.025), "2.5%");
        assert_eq!(percent_1dp(12.345), "1,234.5%");
        assert_eq!(percent(-0.004), "0%");
        assert_eq!(percent(-0.04), "−4%");
        assert_eq!(percent(f64::INFINITY), "0%");
    }

    #[test]
    fn counts_and_shares() {
        assert_eq!(count(2312), "2,312");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(percent(0.35), "35%");
    }

    #[test]
    fn citations_name_the_document() {
        let ds = Dataset::builtin().unwrap();
        let c: Citation = "002_8eb6123608c5196b.txt:529".parse().unwrap();
        assert_eq!(
            citation(&ds, &c),
            "Annual Report 2024/25, §14 Matters relating to the risk register"
        );
        let r: Citation = "002_8eb6123608c5196b.txt:328-330".parse().unwrap();
        assert_eq!(
            citation(&ds, &r),
            "Annual Report 2024/25, §10 Results of any audits or surveys carried out"
        );
        let risk: Citation = "000_3d2268fd3fca9b2e.txt:535".parse().unwrap();
        assert_eq!(
            citation(&ds, &risk),
            "Business Plan 2024-29, §11 Managing Risk"
        );
        let se: Citation = "004_2b60321885ad1c41.txt:1379".parse().unwrap();
        assert_eq!(
            citation(&ds, &se),
            "Self Evaluation, March 2024, Children in our care: Stability and permanence"
        );
        // The first line of a section is in it; the line before is in the one before.
        let first: Citation = "000_3d2268fd3fca9b2e.txt:511".parse().unwrap();
        assert!(citation(&ds, &first).ends_with("§11 Managing Risk"));
        let before: Citation = "000_3d2268fd3fca9b2e.txt:510".parse().unwrap();
        assert!(citation(&ds, &before).ends_with("§10 The Children's Trust and the Council"));
        // No line numbers and no file names in the words of any citation in the dataset.
        for (field, c) in ds.citations() {
            let words = citation(&ds, c);
            assert!(!words.contains(".txt"), "{field}: {words}");
            assert!(!words.contains("line"), "{field}: {words}");
            assert!(words.contains(", "), "{field}: {words} has no section");
        }
        let unlisted: Citation = "999_unknown.txt:3".parse().unwrap();
        assert_eq!(citation(&ds, &unlisted), "an unlisted source");
    }

    #[test]
    fn impact_bands_in_money() {
        let ds = Dataset::builtin().unwrap();
        let s = &ds.scales;
        use crate::model::Impact;
        let band = |i| {
            let (f, t) = s.financial_band_gbp_m(Impact::new(i).unwrap());
            financial_band(f, t)
        };
        assert_eq!(band(1), "under £1.6m a year");
        assert_eq!(band(4), "£8.2m to £16.5m a year");
        assert_eq!(band(5), "£16.5m a year or more");
    }
}
