//! `salary_position`: where a salary sits among posted pay — the share of the filtered
//! postings' annual-USD pay midpoints below it, with a Wilson interval and its n, and p25, p50,
//! p75 with order-statistic intervals, small samples flagged.
//!
//! It reads the same population as `pay` (store or built-in baseline, the report window, the
//! region/lane/seniority filters, plus a language) and the same midpoint per posting
//! ([`crate::population::pay_midpoint`]), so the percentiles agree with `hirepulse pay` for the
//! same filters. A midpoint equal to the salary is not counted as below it.

use crate::config::{Dimension, Filters, MonthWindow};
use crate::model::{ShareFigure, SCHEMA_VERSION, SMALL_N};
use crate::population::{load, pay_midpoint, PostingSource, Span};
use crate::{stats_error, ReportError};
use hirepulse_stats::{percentiles, wilson, Confidence, Percentile, PercentileConfig};
use serde::Serialize;

/// Settings of a salary position.
#[derive(Debug, Clone)]
pub struct SalaryPositionConfig {
    /// Annual salary in US dollars.
    pub salary: f64,
    /// Only postings naming this language.
    pub language: Option<String>,
    pub window: MonthWindow,
    pub filters: Filters,
    pub confidence: Confidence,
}

impl SalaryPositionConfig {
    /// Checked settings: a positive, finite salary; the language normalised as the extractor
    /// writes it.
    pub fn new(
        salary: f64,
        language: Option<&str>,
        window: MonthWindow,
        filters: Filters,
    ) -> Result<Self, ReportError> {
        if !salary.is_finite() || salary <= 0.0 {
            return Err(ReportError::BadValue {
                flag: "--salary",
                value: salary.to_string(),
                why: "a salary is a positive number of US dollars a year".into(),
            });
        }
        Ok(SalaryPositionConfig {
            salary,
            language: language
                .map(|l| Dimension::Language.normalise(l))
                .filter(|l| !l.is_empty()),
            window,
            filters,
            confidence: Confidence::DEFAULT,
        })
    }
}

/// The salary's position in the posted-pay distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SalaryPosition {
    pub schema: u32,
    pub report: &'static str,
    pub salary: f64,
    pub language: Option<String>,
    pub window: Span,
    pub filters: Filters,
    /// Postings passing the filters (with or without pay).
    pub n_postings: u64,
    /// Postings with an annual-USD midpoint below the salary, of those with one (`n`).
    pub below: ShareFigure,
    pub p25: Percentile,
    pub p50: Percentile,
    pub p75: Percentile,
    /// Fewer than 30 pay figures, or a percentile the data cannot bound.
    pub small_sample: bool,
    /// The scope in words, e.g. "rust postings, lane backend, 2024-01..2024-12".
    pub description: String,
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
}

/// Where `config.salary` sits among the posted pay of the filtered postings.
pub fn salary_position<S: PostingSource + ?Sized>(
    source: &S,
    config: &SalaryPositionConfig,
) -> Result<SalaryPosition, ReportError> {
    let population = load(source, config.window, &config.filters)?;
    let postings: Vec<_> = population
        .current
        .iter()
        .map(|(_, posting)| posting)
        .filter(|posting| {
            config
                .language
                .as_ref()
                .is_none_or(|language| posting.languages.contains(language))
        })
        .collect();
    let midpoints: Vec<f64> = postings.iter().filter_map(|p| pay_midpoint(p)).collect();
    let n = midpoints.len() as u64;
    let below = midpoints.iter().filter(|&&pay| pay < config.salary).count() as u64;
    let share =
        wilson(below, n, config.confidence).map_err(stats_error("salary position share"))?;
    let quantiles = percentiles(
        &midpoints,
        &[0.25, 0.5, 0.75],
        PercentileConfig {
            confidence: config.confidence,
            ..PercentileConfig::default()
        },
    )
    .map_err(stats_error("salary position percentiles"))?;
    let mut quantiles = quantiles.into_iter();
    let (Some(p25), Some(p50), Some(p75)) = (quantiles.next(), quantiles.next(), quantiles.next())
    else {
        return Err(ReportError::BadValue {
            flag: "--salary",
            value: config.salary.to_string(),
            why: "the percentile helper returned fewer than three percentiles".into(),
        });
    };
    let below = ShareFigure::from(share);
    let small_sample = n < SMALL_N || p25.small_sample || p50.small_sample || p75.small_sample;
    let mut scope = vec![match &config.language {
        Some(language) => format!("{language} postings"),
        None => "all postings".to_string(),
    }];
    let filters = config.filters.describe();
    if filters != "none" {
        scope.push(filters);
    }
    scope.push(format!(
        "{}..{}",
        population.window.since, population.window.until
    ));
    let mut notes = Vec::new();
    if n == 0 {
        notes.push("no posting in scope states pay: the position cannot be measured".into());
    } else if small_sample {
        notes.push(format!(
            "small sample: {n} postings with pay (fewer than {SMALL_N} or a percentile unbounded)"
        ));
    }
    Ok(SalaryPosition {
        schema: SCHEMA_VERSION,
        report: "salary_position",
        salary: config.salary,
        language: config.language.clone(),
        window: population.window,
        filters: config.filters.clone(),
        n_postings: postings.len() as u64,
        below,
        p25,
        p50,
        p75,
        small_sample,
        description: scope.join(", "),
        notes,
        data_source: source.describe(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Region;
    use crate::Baseline;
    use hirepulse_store::report_queries::{ReportPay, ReportPosting};

    /// A fixed list of postings as a source.
    struct Postings(Vec<ReportPosting>);

    impl PostingSource for Postings {
        fn month_range(&self) -> Result<Option<(String, String)>, ReportError> {
            let months = self.0.iter().map(|p| p.month.clone());
            Ok(months.clone().min().zip(months.max()))
        }
        fn postings(
            &self,
            from: &str,
            to: &str,
            _technologies: bool,
        ) -> Result<Vec<ReportPosting>, ReportError> {
            Ok(self
                .0
                .iter()
                .filter(|p| p.month.as_str() >= from && p.month.as_str() <= to)
                .cloned()
                .collect())
        }
    }

    fn posting(id: i64, language: &str, lane: &str, pay: Option<f64>) -> ReportPosting {
        ReportPosting {
            posting_id: id,
            month: "2024-06".into(),
            countries: vec!["US".into()],
            languages: vec![language.into()],
            lanes: vec![lane.into()],
            seniority: vec!["senior".into()],
            pay: pay
                .map(|annual| {
                    vec![ReportPay {
                        annual_usd_min: Some(annual - 10_000.0),
                        annual_usd_max: Some(annual + 10_000.0),
                        flag: None,
                    }]
                })
                .unwrap_or_default(),
            ..ReportPosting::default()
        }
    }

    /// 40 rust/backend postings with midpoints 100k, 105k, ... 295k, 10 without pay, and 20 go
    /// postings at 500k that the language filter must drop.
    fn source() -> Postings {
        let mut postings: Vec<ReportPosting> = (0..40)
            .map(|i| posting(i, "rust", "backend", Some(100_000.0 + 5_000.0 * i as f64)))
            .collect();
        postings.extend((40..50).map(|i| posting(i, "rust", "backend", None)));
        postings.extend((50..70).map(|i| posting(i, "go", "backend", Some(500_000.0))));
        Postings(postings)
    }

    fn config(salary: f64, language: Option<&str>, lane: Option<&str>) -> SalaryPositionConfig {
        let filters = Filters {
            region: Some(Region::Us),
            lane: lane.map(str::to_string),
            ..Filters::default()
        };
        SalaryPositionConfig::new(salary, language, MonthWindow::default(), filters)
            .expect("valid config")
    }

    #[test]
    fn counts_midpoints_below_the_salary_with_an_interval() {
        // 150,000: midpoints 100k..145k are below (10 of 40); 150k itself is not.
        let position =
            salary_position(&source(), &config(150_000.0, Some("Rust"), None)).expect("position");
        assert_eq!(position.n_postings, 50);
        assert_eq!(position.below.n, 40);
        assert_eq!(position.below.count, 10);
        assert_eq!(position.below.share, Some(0.25));
        let (low, high) = (
            position.below.ci_low.expect("low"),
            position.below.ci_high.expect("high"),
        );
        assert!(
            low < 0.25 && 0.25 < high && low > 0.1 && high < 0.45,
            "{low} {high}"
        );
        // Type-7 quartiles of 100k + 5k x (0..40): p50 = 197.5k.
        assert_eq!(position.p50.value, Some(197_500.0));
        assert_eq!(position.p25.value, Some(148_750.0));
        assert_eq!(position.p75.value, Some(246_250.0));
        assert!(!position.small_sample);
        assert!(position.description.starts_with("rust postings"));
    }

    #[test]
    fn without_a_language_every_posting_counts_and_small_samples_are_flagged() {
        let all = salary_position(&source(), &config(150_000.0, None, Some("backend")))
            .expect("position");
        assert_eq!(all.below.n, 60);
        assert_eq!(all.below.count, 10);
        let few = Postings(
            (0..5)
                .map(|i| posting(i, "rust", "backend", Some(100_000.0)))
                .collect(),
        );
        let position = salary_position(&few, &config(150_000.0, None, None)).expect("position");
        assert_eq!(position.below.count, 5);
        assert!(position.small_sample && position.below.small_sample);
        assert!(position
            .notes
            .iter()
            .any(|note| note.contains("small sample")));
        let none =
            salary_position(&few, &config(150_000.0, Some("cobol"), None)).expect("position");
        assert_eq!(none.below.n, 0);
        assert_eq!(none.below.share, None);
        assert!(none.small_sample);
    }

    #[test]
    fn a_store_and_its_baseline_give_the_same_position() {
        let source = source();
        let baseline = Baseline::from_source(&source, vec![("corpus".into(), "synthetic".into())])
            .expect("baseline");
        let mut text = Vec::new();
        baseline.write(&mut text).expect("write");
        let baseline = Baseline::parse(&String::from_utf8(text).expect("utf-8")).expect("parse");
        let config = config(180_000.0, Some("rust"), Some("backend"));
        let direct = salary_position(&source, &config).expect("direct");
        let via_baseline = salary_position(&baseline, &config).expect("baseline");
        assert_eq!(direct.below, via_baseline.below);
        assert_eq!(direct.p50, via_baseline.p50);
    }

    #[test]
    fn rejects_a_salary_that_is_not_positive() {
        for salary in [0.0, -1.0, f64::NAN] {
            assert!(SalaryPositionConfig::new(
                salary,
                None,
                MonthWindow::default(),
                Filters::default()
            )
            .is_err());
        }
    }
}
