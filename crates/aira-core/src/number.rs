//! Numbers as every output shows them: one rounding rule (one decimal, half away from zero on
//! the decimal value), one signed form (never `-0.0`), and one value → level band rule, so the
//! wizard, the CLI and every report print and colour a score alike (docs/scoring.md).

/// A score in tenths, rounded half away from zero on its decimal value: 2.25 → 23, 2.35 → 24,
/// -0.05 → -1. Scores are sums and quotients of small numbers, so binary noise (2.35 stored as
/// 2.350000000000000089, a mean summed to 2.2499999999999996) must not decide a tie: the
/// scaled value is snapped to six decimals first. Not a number counts as 0.
pub fn tenths(v: f64) -> i64 {
    let snapped = (v * 10.0 * 1e6).round() / 1e6;
    // `as` saturates and maps NaN to 0; scores are small and finite.
    snapped.round() as i64
}

/// The value a displayed score stands for (for cells that carry a number, e.g. XLSX).
pub fn rounded(v: f64) -> f64 {
    tenths(v) as f64 / 10.0
}

/// A whole number by the same rule (half away from zero, binary noise snapped first): a mean
/// of levels made a level, e.g. 2.5 → 3, 2.4999999999999996 → 3, -0.5 → -1.
pub fn whole(v: f64) -> i64 {
    ((v * 1e6).round() / 1e6).round() as i64
}

/// One decimal by the rule of [`tenths`], built from the integer so `-0.0` cannot appear.
pub fn one_decimal(v: f64) -> String {
    let t = tenths(v);
    let sign = if t < 0 { "-" } else { "" };
    let a = t.unsigned_abs();
    format!("{sign}{}.{}", a / 10, a % 10)
}

/// A score with one decimal, or an en dash when there is nothing to show.
pub fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), one_decimal)
}

/// A change or gap with its sign: `+0.5`, `-1.0`, and `0.0` for anything that rounds to zero
/// (no `+0.0`, no `-0.0`); an en dash when there is nothing to show.
pub fn signed(v: Option<f64>) -> String {
    match v {
        None => "–".to_owned(),
        Some(v) if tenths(v) > 0 => format!("+{}", one_decimal(v)),
        Some(v) => one_decimal(v),
    }
}

/// The change between two scores as their printed values show it, so a row reads as it adds
/// up (2.25 → 2.23 prints "2.3 → 2.2 -0.1", not "… 0.0"); the exact difference stays in JSON.
pub fn change(base: f64, current: f64) -> f64 {
    (tenths(current) - tenths(base)) as f64 / 10.0
}

/// A fraction as a whole percentage, half away from zero: 0.125 → "13%".
pub fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{}%", tenths(v * 10.0)))
}

/// The level band of a score: the level its printed value has reached (1.958 prints 2.0 and
/// is band 2; 1.94 prints 1.9 and is band 1; 2.7 is band 2), within the scale.
pub fn band(v: f64, min: u8, max: u8) -> u8 {
    let floor = tenths(v).div_euclid(10);
    floor.clamp(i64::from(min), i64::from(max.max(min))) as u8
}

/// Which of six colours (0 = lowest, 5 = highest) a score's band takes. A 0–5 scale maps one
/// to one; other scales are spread over the same six.
pub fn colour_step(v: f64, min: u8, max: u8) -> usize {
    let span = f64::from(max.saturating_sub(min)).max(1.0);
    let f = f64::from(band(v, min, max) - min) / span;
    // The epsilon keeps 3/5 in step 3 despite the division's rounding.
    ((f * 5.0 + 1e-9).floor() as usize).min(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero_on_the_decimal_value() {
        let cases = [
            (2.25, "2.3"),
            (2.35, "2.4"),
            (2.45, "2.5"),
            (0.15, "0.2"),
            (0.05, "0.1"),
            (2.2499999999999996, "2.3"),
            (2.24, "2.2"),
            (1.958, "2.0"),
            (-2.25, "-2.3"),
            (-0.04, "0.0"),
            (-0.0, "0.0"),
            (0.0, "0.0"),
            (5.0, "5.0"),
            (9.0 / 4.0, "2.3"),
            ((0.1 + 0.2 + 0.4) / 2.0 * 7.0, "2.5"),
        ];
        for (v, want) in cases {
            assert_eq!(one_decimal(v), want, "{v:?}");
        }
        assert_eq!(rounded(2.25), 2.3);
        assert_eq!(score(None), "–");
    }

    #[test]
    fn signed_never_shows_a_signed_zero() {
        for v in [0.0, -0.0, 0.04, -0.04, -0.049_999] {
            assert_eq!(signed(Some(v)), "0.0", "{v:?}");
        }
        assert_eq!(signed(Some(0.05)), "+0.1");
        assert_eq!(signed(Some(-0.05)), "-0.1");
        assert_eq!(signed(Some(1.15)), "+1.2");
        assert_eq!(signed(Some(-1.1)), "-1.1");
        assert_eq!(signed(None), "–");
    }

    #[test]
    fn a_change_is_the_difference_of_the_printed_values() {
        assert_eq!(signed(Some(change(2.25, 29.0 / 13.0))), "-0.1");
        assert_eq!(signed(Some(change(2.25, 2.26))), "0.0");
        assert_eq!(signed(Some(change(1.0, 3.5))), "+2.5");
        assert_eq!(signed(Some(change(2.0, 2.0))), "0.0");
    }

    #[test]
    fn percent_rounds_like_scores() {
        assert_eq!(percent(Some(0.125)), "13%");
        assert_eq!(percent(Some(0.025)), "3%");
        assert_eq!(percent(Some(2.0 / 3.0)), "67%");
        assert_eq!(percent(Some(0.0)), "0%");
        assert_eq!(percent(None), "–");
    }

    #[test]
    fn band_follows_the_printed_value() {
        // The examples: 1.958 prints 2.0 and is coloured as 2; 1.9 is band 1.
        assert_eq!((one_decimal(1.958), band(1.958, 0, 5)), ("2.0".to_owned(), 2));
        assert_eq!(band(2.0, 0, 5), 2);
        assert_eq!(band(1.9, 0, 5), 1);
        assert_eq!(band(1.95, 0, 5), 2);
        assert_eq!(band(2.99, 0, 5), 3);
        assert_eq!(band(2.94, 0, 5), 2);
        assert_eq!(band(-1.0, 0, 5), 0);
        assert_eq!(band(7.0, 0, 5), 5);
        assert_eq!(band(0.5, 1, 5), 1);
        for v in [0.0, 1.0, 2.0, 3.0, 4.0, 5.0] {
            assert_eq!(colour_step(v, 0, 5), v as usize);
        }
        assert_eq!(colour_step(1.958, 0, 5), colour_step(2.0, 0, 5));
        assert_ne!(colour_step(1.9, 0, 5), colour_step(2.0, 0, 5));
        assert_eq!((colour_step(1.0, 1, 5), colour_step(5.0, 1, 5)), (0, 5));
    }
}
