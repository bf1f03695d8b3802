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

/// How many decimal places a typed number keeps: enough for any driver, shock or
/// threshold, and few enough that the box can always show exactly the value in use.
pub const DECIMALS: i32 = 6;

/// What a number box holds: any decimal, or a whole number (seed, trials), where
/// thousands commas are allowed in groups of three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Decimal,
    Whole,
}

/// Reads a number typed by a person, in `min..=max`; the error names the range and unit.
/// One set of rules for every number box: `12.5`, `−3` and `-3`; a leading `£` and a
/// trailing `%` or `m` (as in £16m); in whole-number boxes thousands commas in groups of
/// three (`1,250,000`). A comma in a decimal box (`12,5`: a decimal mark in much of
/// Europe, a thousands separator here) and anything pasted over several lines are
/// refused, never guessed. The value is kept to [`DECIMALS`] places, so what the box
/// shows ([`crate::format::box_number`]) is exactly what is used.
pub fn parse_number(text: &str, min: f64, max: f64, unit: &str, kind: Kind) -> Result<f64, String> {
    let unit_words = if unit.trim().is_empty() {
        String::new()
    } else {
        format!(" ({unit})")
    };
    let whole = kind == Kind::Whole;
    let range = format!(
        "{} from {} to {}{unit_words}",
        if whole { "a whole number" } else { "a number" },
        in_words(min),
        in_words(max)
    );
    let shown: String = text.trim().chars().take(16).collect();
    if text.contains(['\n', '\r']) {
        return Err(format!(
            "Type one number on one line: what was pasted has several lines. Enter {range}."
        ));
    }
    let t = text.trim().replace(['−', '–'], "-");
    if t.is_empty() {
        return Err(format!("Enter {range}."));
    }
    let t = t.strip_prefix('£').unwrap_or(&t);
    let t = t.trim_end_matches(['%', 'm', 'M']).trim();
    let t = match t.strip_prefix('-') {
        Some(rest) => format!("-{}", rest.trim_start_matches('£')),
        None => t.to_string(),
    };
    let digits = if t.contains(',') {
        if !whole {
            return Err(format!(
                "“{shown}” has a comma: write decimals with a full stop (12.5) and no thousands separators. Enter {range}."
            ));
        }
        let body = t.strip_prefix('-').unwrap_or(&t);
        let groups: Vec<&str> = body.split(',').collect();
        let grouped = groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
        if !grouped {
            return Err(format!(
                "“{shown}” has a comma out of place: write {range}, with commas only between groups of three digits (1,250,000) or none."
            ));
        }
        t.replace(',', "")
    } else {
        t
    };
    let plain = !digits.is_empty()
        && digits
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (c == '-' && i == 0));
    let v: f64 = digits
        .parse()
        .ok()
        .filter(|v: &f64| plain && v.is_finite())
        .ok_or_else(|| format!("“{shown}” is not a number: enter {range}."))?;
    if whole && v.fract() != 0.0 {
        return Err(format!("“{shown}” is not a whole number: enter {range}."));
    }
    if v < min - 1e-9 || v > max + 1e-9 {
        return Err(format!(
            "{} is outside the range: enter {range}.",
            in_words(v)
        ));
    }
    let scale = 10f64.powi(DECIMALS);
    let kept = (v * scale).round() / scale;
    // Never −0: a box that reads "-0" means nought.
    Ok(if kept == 0.0 {
        0.0
    } else {
        kept.clamp(min, max)
    })
}

/// A number in a message: thousands separators and a true minus (`−1,000`, `0.25`).
fn in_words(v: f64) -> String {
    let text = crate::format::box_number(v.abs(), 0);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let int = int
        .parse::<u64>()
        .map(crate::format::count)
        .unwrap_or_else(|_| int.to_string());
    let sign = if v < 0.0 && text != "0" { "−" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// Reads a decimal typed by a person, in `min..=max` (see [`parse_number`]).
pub fn parse_in_range(text: &str, min: f64, max: f64, unit: &str) -> Result<f64, String> {
    parse_number(text, min, max, unit, Kind::Decimal)
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

#[cfg(test)]
mod number_tests {
    use super::*;
    use crate::format::box_number;
    use rand::{Rng, SeedableRng};

    fn dec(t: &str) -> Result<f64, String> {
        parse_number(t, -1000.0, 1000.0, "£m", Kind::Decimal)
    }

    fn whole(t: &str) -> Result<f64, String> {
        parse_number(t, 0.0, 1e15, "", Kind::Whole)
    }

    #[test]
    fn one_meaning_for_every_typed_number() {
        assert_eq!(dec("12.5"), Ok(12.5));
        assert_eq!(dec("−3"), Ok(-3.0));
        assert_eq!(dec("-3"), Ok(-3.0));
        assert_eq!(dec("£16.5m"), Ok(16.5));
        assert_eq!(dec("-£2"), Ok(-2.0));
        assert_eq!(dec(" 3.5 % "), Ok(3.5));
        let zero = dec("-0").unwrap();
        assert!(zero == 0.0 && zero.is_sign_positive(), "never −0");
        assert_eq!(box_number(zero, 1), "0.0");
        // A comma is ambiguous in a decimal box: refused, never read as 125.
        let e = dec("12,5").unwrap_err();
        assert!(
            e.contains("has a comma") && e.contains("full stop (12.5)"),
            "{e}"
        );
        assert!(dec("1,000").is_err());
        // Thousands commas only in whole-number boxes, and only in groups of three.
        assert_eq!(whole("1,250,000"), Ok(1_250_000.0));
        assert_eq!(whole("12345"), Ok(12_345.0));
        for bad in ["12,5", "1,25,000", ",125", "1,2345", "1,,000"] {
            let e = whole(bad).unwrap_err();
            assert!(e.contains("comma out of place"), "{bad}: {e}");
        }
        assert!(whole("2.5").unwrap_err().contains("not a whole number"));
        // A multi-line paste is refused, not joined into 34.
        let e = dec("3\n4").unwrap_err();
        assert!(e.contains("several lines"), "{e}");
        assert!(dec("3\r\n").is_err());
        // Out of range and not numbers name the range and unit; no empty "()".
        let e = dec("2000").unwrap_err();
        assert!(
            e.contains("outside the range") && e.contains("from −1,000 to 1,000 (£m)"),
            "{e}"
        );
        let e = whole("x").unwrap_err();
        assert!(
            e.contains("“x” is not a number") && !e.contains("()"),
            "{e}"
        );
        for bad in [
            "inf", "NaN", "1e5", "0x10", "1 000", "--3", "3-", "", "   ", "16k",
        ] {
            assert!(dec(bad).is_err(), "{bad:?} must be refused");
        }
        // Kept to six places, so the box shows exactly the value in use.
        let v = dec("7.25").unwrap();
        assert_eq!(box_number(v, 1), "7.25");
        let v = dec("1.23456789").unwrap();
        assert_eq!(v, 1.234568);
        assert_eq!(dec(&box_number(v, 1)), Ok(v));
    }

    /// Property: over generated strings the parser never panics, and every value it
    /// accepts is in range, finite, never −0, and reads back from what the box shows.
    #[test]
    fn never_panics_and_round_trips_what_it_shows() {
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(20_261_127);
        let alphabet: Vec<char> = "0123456789012345678901234567890.,-−£%m \n e+xk"
            .chars()
            .collect();
        let mut accepted = 0;
        for i in 0..200_000 {
            let len = rng.random_range(0..12);
            let text: String = (0..len)
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect();
            let kind = if i % 2 == 0 {
                Kind::Decimal
            } else {
                Kind::Whole
            };
            if let Ok(v) = parse_number(&text, -1000.0, 1000.0, "£m", kind) {
                accepted += 1;
                assert!(
                    v.is_finite() && (-1000.0..=1000.0).contains(&v),
                    "{text:?} → {v}"
                );
                assert!(v != 0.0 || v.is_sign_positive(), "{text:?} gave −0");
                let shown = box_number(v, 0);
                assert_eq!(
                    parse_number(&shown, -1000.0, 1000.0, "£m", kind),
                    Ok(v),
                    "{text:?} → {v} shown as {shown:?}"
                );
            }
        }
        assert!(
            accepted > 1_000,
            "the generator reaches valid numbers ({accepted})"
        );
        // Every value a box can hold reads back from how it is shown.
        for _ in 0..100_000 {
            let v = (rng.random_range(-1000.0..1000.0) * 1e6f64).round() / 1e6;
            let v = if v == 0.0 { 0.0 } else { v };
            for min_decimals in 0..3 {
                assert_eq!(dec(&box_number(v, min_decimals)), Ok(v), "{v}");
            }
        }
    }
}
