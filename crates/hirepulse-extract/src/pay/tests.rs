//! Case tests for pay and equity (data: `testdata/pay.toml`), focused unit tests, and property
//! tests for the parser (never panics, spans valid, min ≤ max, formatted ranges read back).

use super::*;
use proptest::prelude::*;

#[derive(Debug, serde::Deserialize)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Debug, serde::Deserialize)]
struct Case {
    text: String,
    pay: Vec<ExpectedPay>,
    equity: Option<bool>,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct ExpectedPay {
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<String>,
    period: Option<String>,
}

/// Checks one case: the pay list (as labels write it) and, when given, equity.
fn check(case: &Case) -> Result<(), String> {
    let got: Vec<ExpectedPay> = find(&case.text)
        .into_iter()
        .map(|r| ExpectedPay {
            min: r.min,
            max: r.max,
            currency: r.currency,
            period: r.period,
        })
        .collect();
    if got != case.pay {
        return Err(format!(
            "{:?}\n  expected {:?}\n  got      {:?}",
            case.text, case.pay, got
        ));
    }
    if let Some(equity) = case.equity {
        if offers_equity(&case.text) != equity {
            return Err(format!("{:?}\n  equity expected {equity}", case.text));
        }
    }
    Ok(())
}

#[test]
fn cases() {
    let file: CaseFile = toml::from_str(include_str!("../../testdata/pay.toml")).unwrap();
    let failures: Vec<String> = file.case.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} pay cases failed:\n{}",
        failures.len(),
        file.case.len(),
        failures.join("\n")
    );
}

#[test]
fn spans_cover_the_range_as_written() {
    let text = "Acme | Remote | $120k - $150k | Full-time";
    let found = find(text);
    assert_eq!(found.len(), 1);
    let (start, end) = found[0].span;
    assert_eq!(&text[start..end], "$120k - $150k");
}

#[test]
fn annual_usd_uses_period_and_year() {
    let hourly = find_dated("Contract rate: $50/hr", Some("2020-05"));
    assert_eq!(hourly[0].annual_usd_min, Some(104_000.0));
    let euros = find_dated("Salary: €100k-€120k", Some("2015-03"));
    let expected = (100_000.0_f64 / 0.902).round();
    assert_eq!(euros[0].annual_usd_min, Some(expected));
    assert!(euros[0].flag.is_none());
    let bare = find("Acme | NYC | 120-150k");
    assert_eq!(bare[0].currency, None);
    assert_eq!(bare[0].annual_usd_min, None);
}

#[test]
fn implausible_figures_are_flagged_not_dropped() {
    let tiny = find("Salary: $3k/yr");
    assert_eq!(tiny.len(), 1);
    assert!(tiny[0].flag.as_deref().unwrap_or("").contains("below"));
    let swapped = find("Salary: $150k - $120k");
    assert_eq!(swapped[0].min, Some(120_000.0));
    assert!(swapped[0].flag.as_deref().unwrap_or("").contains("swapped"));
}

fn assert_well_formed(text: &str, found: &[PayRange]) {
    for range in found {
        let (start, end) = range.span;
        assert!(
            start <= end && end <= text.len(),
            "span {start}..{end} outside text"
        );
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        if let (Some(min), Some(max)) = (range.min, range.max) {
            assert!(min <= max, "min {min} > max {max}");
        }
        if let (Some(min), Some(max)) = (range.annual_usd_min, range.annual_usd_max) {
            assert!(min <= max);
        }
    }
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(text in "\\PC{0,200}") {
        let found = find(&text);
        assert_well_formed(&text, &found);
        let _ = offers_equity(&text);
    }

    #[test]
    fn money_shaped_noise_is_well_formed(
        text in "[$€£0-9kKmM,. \\-–+/|a-z%()]{0,80}",
    ) {
        let found = find(&text);
        assert_well_formed(&text, &found);
    }

    #[test]
    fn formatted_ranges_read_back(
        low in 20u32..400,
        width in 1u32..200,
        symbol in prop::sample::select(vec![("$", "USD"), ("€", "EUR"), ("£", "GBP")]),
        separator in prop::sample::select(vec!["-", " - ", "–", " to "]),
        commas in any::<bool>(),
    ) {
        let high = low + width;
        let (sym, code) = symbol;
        let text = if commas {
            format!("Acme | Remote | Salary: {sym}{},000{separator}{sym}{},000 | Full-time", low, high)
        } else {
            format!("Acme | Remote | {sym}{low}k{separator}{sym}{high}k | Full-time")
        };
        let found = find(&text);
        prop_assert_eq!(found.len(), 1, "{}", text);
        prop_assert_eq!(found[0].min, Some(f64::from(low) * 1000.0));
        prop_assert_eq!(found[0].max, Some(f64::from(high) * 1000.0));
        prop_assert_eq!(found[0].currency.as_deref(), Some(code));
        prop_assert_eq!(found[0].period.as_deref(), Some("year"));
        assert_well_formed(&text, &found);
    }
}
