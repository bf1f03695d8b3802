//! Reading what people type: levels, driver values and other numbers, each refused with
//! a message in plain words that says what to type instead.

use crate::model::drivers::DriverSpec;

/// Reads a 1-5 level typed by a person; the error says what to type instead.
pub fn parse_level(text: &str, what: &str) -> Result<u8, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("Enter {what} as a whole number from 1 to 5."));
    }
    match t.parse::<u8>() {
        Ok(v) if (1..=5).contains(&v) => Ok(v),
        _ => Err(format!(
            "“{}” is not a level: enter {what} as a whole number from 1 to 5.",
            t.chars().take(12).collect::<String>()
        )),
    }
}

/// Reads a driver value typed by a person ("3.5", "3.5%", "−2", "£16m", "1,000"); the
/// error says what to type instead, with the range and unit.
pub fn parse_driver_value(text: &str, spec: &DriverSpec) -> Result<f64, String> {
    parse_in_range(text, spec.min, spec.max, spec.unit.suffix())
}

/// Reads a number typed by a person, in `min..=max`; the error names the range and unit.
pub fn parse_in_range(text: &str, min: f64, max: f64, unit: &str) -> Result<f64, String> {
    let cleaned: String = text
        .trim()
        .replace(['−', '–'], "-")
        .chars()
        .filter(|c| !matches!(c, '%' | '£' | ',' | ' '))
        .collect();
    let cleaned = cleaned.trim_end_matches(['m', 'k', 'M', 'K']);
    let range = format!(
        "a number from {} to {} ({unit})",
        trim_number(min),
        trim_number(max)
    );
    let v: f64 = cleaned
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| {
            if text.trim().is_empty() {
                format!("Enter {range}.")
            } else {
                format!(
                    "“{}” is not a number: enter {range}.",
                    text.trim().chars().take(16).collect::<String>()
                )
            }
        })?;
    if v < min - 1e-9 || v > max + 1e-9 {
        return Err(format!(
            "{} is outside the range: enter {range}.",
            trim_number(v)
        ));
    }
    Ok(v)
}

/// 3.0 → "3", 0.25 → "0.25", −5 → "−5".
fn trim_number(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('-', "−")
}

#[cfg(test)]
mod level_tests {
    use super::parse_level;

    #[test]
    fn parses_levels_and_explains_bad_ones() {
        assert_eq!(parse_level(" 4 ", "likelihood"), Ok(4));
        assert!(parse_level("0", "likelihood")
            .unwrap_err()
            .contains("1 to 5"));
        assert!(parse_level("six", "impact").unwrap_err().contains("“six”"));
        assert!(parse_level("2.5", "impact").is_err());
        assert!(parse_level("", "impact")
            .unwrap_err()
            .starts_with("Enter impact"));
    }
}

#[cfg(test)]
mod driver_tests {
    use super::*;
    use crate::model::Dataset;

    #[test]
    fn typed_values_are_read_generously_and_refused_plainly() {
        let ds = Dataset::builtin().unwrap();
        let g = ds.drivers.driver("cic_growth").unwrap();
        assert_eq!(parse_driver_value("3.5", g), Ok(3.5));
        assert_eq!(parse_driver_value(" 3.5 % ", g), Ok(3.5));
        assert_eq!(parse_driver_value("−2", g), Ok(-2.0));
        let e = parse_driver_value("lots", g).unwrap_err();
        assert!(
            e.contains("“lots” is not a number") && e.contains("from −5 to 10 (% a year)"),
            "{e}"
        );
        let e = parse_driver_value("11", g).unwrap_err();
        assert!(e.starts_with("11 is outside the range"), "{e}");
        assert!(parse_driver_value("", g)
            .unwrap_err()
            .starts_with("Enter a number"));
        assert!(parse_driver_value("NaN", g).is_err());
        let r = ds.drivers.driver("non_placement_third_party").unwrap();
        assert_eq!(parse_driver_value("£16.5m", r), Ok(16.5));
    }
}
