//! CSV: one tidy row per figure — `row,figure,statistic,value,n,ci_low,ci_high,small_sample` —
//! so every number keeps its n and interval in a spreadsheet; empty cells where a figure has no
//! value or bound. Fields are quoted per RFC 4180 when needed. Every report over postings ends
//! with its `duplicates` rows (jobs among the filtered postings and the duplicate rate, n = the
//! postings), so the counting mode and its effect travel with the numbers.

use super::Renderer;
use crate::datasets::DatasetPayReport;
use crate::model::{Comparison, GrowthFigure, LanguageRow, PayFigure, ShareFigure, Snapshot};
use crate::pay::PayReport;
use crate::population::Duplicates;
use crate::skills::SkillsReport;
use crate::trend::TrendReport;
use std::io::{self, Write};

pub struct Csv;

const HEADER: &str = "row,figure,statistic,value,n,ci_low,ci_high,small_sample";

impl Renderer for Csv {
    fn snapshot(&self, snapshot: &Snapshot, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{HEADER}")?;
        for row in &snapshot.languages {
            language_rows(out, row)?;
        }
        duplicates_rows(out, &snapshot.windows.duplicates)
    }

    fn comparison(&self, comparison: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{HEADER}")?;
        for row in &comparison.rows {
            share_row(out, &row.value, "postings", &row.postings)?;
            growth_row(out, &row.value, &row.growth)?;
            pay_rows(out, &row.value, &row.pay)?;
        }
        duplicates_rows(out, &comparison.windows.duplicates)
    }

    /// Trend has its own tidy shape: one row per value and month, then one `duplicates` row for
    /// the whole span (count = postings that repeat a job, n = postings, share = duplicate rate).
    fn trend(&self, trend: &TrendReport, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "value,month,count,n,share,ci_low,ci_high,small_sample,coverage"
        )?;
        for series in &trend.series {
            for (point, month) in series.points.iter().zip(&trend.months) {
                let s = &point.share;
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{}",
                    field(&series.value),
                    point.month,
                    s.count,
                    s.n,
                    number(s.share),
                    number(s.ci_low),
                    number(s.ci_high),
                    s.small_sample,
                    month.coverage.map_or("", |c| c.name()),
                )?;
            }
        }
        let d = &trend.duplicates;
        writeln!(
            out,
            "duplicates,{},{},{},{},,,false,",
            count_name(d),
            d.n_postings - d.n_unique,
            d.n_postings,
            d.duplicate_rate,
        )
    }

    fn pay(&self, pay: &PayReport, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{HEADER}")?;
        for row in &pay.rows {
            line(
                out,
                &row.value,
                "pay",
                "postings",
                Some(row.pay.n_postings as f64),
                row.pay.n_postings,
                (None, None),
                row.pay.small_sample,
            )?;
            pay_rows(out, &row.value, &row.pay)?;
        }
        duplicates_rows(out, &pay.duplicates)
    }

    /// Rows are values (or `all`); figure `dataset:<id>:<kind>:<basis>`; statistics p10..p90.
    fn dataset_pay(&self, report: &DatasetPayReport, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{HEADER}")?;
        let figure = format!(
            "dataset:{}:{}:{}",
            report.dataset, report.kind, report.basis
        );
        for row in &report.rows {
            let name = match &row.occupation {
                Some(o) => format!("{} {o} {}", row.value, row.years.map_or(0, |y| y.last)),
                None => row.value.clone(),
            };
            line(
                out,
                &name,
                &figure,
                "records",
                Some(row.n as f64),
                row.n,
                (None, None),
                row.small_sample,
            )?;
            for p in &row.percentiles {
                percentile_line(out, &name, &figure, p)?;
            }
        }
        Ok(())
    }

    /// Rows are items; figures `by_lift` / `by_count` say which list, statistics `both`,
    /// `share` (of the language's postings), `with_item` and `lift`.
    fn skills(&self, skills: &SkillsReport, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{HEADER}")?;
        share_row(out, &skills.language, "language", &skills.language_postings)?;
        for (figure, rows) in [("by_lift", &skills.by_lift), ("by_count", &skills.by_count)] {
            for row in rows {
                share_row(out, &row.id, figure, &row.share)?;
                line(
                    out,
                    &row.id,
                    figure,
                    "with_item",
                    Some(row.n_item as f64),
                    skills.n_postings,
                    (None, None),
                    false,
                )?;
                line(
                    out,
                    &row.id,
                    figure,
                    "lift",
                    row.lift,
                    row.share.count,
                    (row.lift_ci_low, row.lift_ci_high),
                    row.low_support,
                )?;
            }
        }
        duplicates_rows(out, &skills.duplicates)
    }
}

/// `counting_unique` or `counting_postings`: what the report's counts are.
fn count_name(d: &Duplicates) -> &'static str {
    match d.count {
        crate::config::CountMode::Unique => "counting_unique",
        crate::config::CountMode::Postings => "counting_postings",
    }
}

/// The duplicates rows: distinct jobs among the filtered postings and the duplicate rate, both
/// with n = the postings; the statistic's figure says whether counts are jobs or postings.
fn duplicates_rows(out: &mut dyn Write, d: &Duplicates) -> io::Result<()> {
    let figure = format!("duplicates:{}", count_name(d));
    line(
        out,
        "all",
        &figure,
        "jobs",
        Some(d.n_unique as f64),
        d.n_postings,
        (None, None),
        false,
    )?;
    line(
        out,
        "all",
        &figure,
        "duplicate_rate",
        Some(d.duplicate_rate),
        d.n_postings,
        (None, None),
        false,
    )
}

fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn number(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| v.to_string())
}

#[allow(clippy::too_many_arguments)] // reason: one CSV row's eight columns, named at each call
fn line(
    out: &mut dyn Write,
    row: &str,
    figure: &str,
    statistic: &str,
    value: Option<f64>,
    n: u64,
    ci: (Option<f64>, Option<f64>),
    small_sample: bool,
) -> io::Result<()> {
    writeln!(
        out,
        "{},{},{},{},{n},{},{},{small_sample}",
        field(row),
        field(figure),
        field(statistic),
        number(value),
        number(ci.0),
        number(ci.1),
    )
}

fn share_row(out: &mut dyn Write, row: &str, figure: &str, share: &ShareFigure) -> io::Result<()> {
    line(
        out,
        row,
        figure,
        "count",
        Some(share.count as f64),
        share.n,
        (None, None),
        share.small_sample,
    )?;
    line(
        out,
        row,
        figure,
        "share",
        share.share,
        share.n,
        (share.ci_low, share.ci_high),
        share.small_sample,
    )
}

fn growth_row(out: &mut dyn Write, row: &str, growth: &GrowthFigure) -> io::Result<()> {
    line(
        out,
        row,
        "growth",
        "share_growth",
        growth.growth,
        growth.n,
        (growth.ci_low, growth.ci_high),
        growth.small_sample,
    )
}

fn pay_rows(out: &mut dyn Write, row: &str, pay: &PayFigure) -> io::Result<()> {
    for p in &pay.percentiles {
        let statistic = format!("p{:.0}", p.q * 100.0);
        line(
            out,
            row,
            "pay",
            &statistic,
            p.value,
            p.n as u64,
            (p.ci_low, p.ci_high),
            p.small_sample,
        )?;
    }
    line(
        out,
        row,
        "pay",
        "disclosure",
        pay.disclosure.share,
        pay.disclosure.n,
        (pay.disclosure.ci_low, pay.disclosure.ci_high),
        pay.disclosure.small_sample,
    )
}

fn language_rows(out: &mut dyn Write, row: &LanguageRow) -> io::Result<()> {
    let name = row.language.as_str();
    share_row(out, name, "postings", &row.postings)?;
    growth_row(out, name, &row.growth)?;
    for lane in &row.lane_mix {
        share_row(out, name, &format!("lane:{}", lane.lane), &lane.share)?;
    }
    for lane in &row.best_lanes {
        line(
            out,
            name,
            &format!("best_lane:{}", lane.lane),
            "lift",
            lane.lift,
            lane.n,
            (lane.ci_low, lane.ci_high),
            lane.small_sample,
        )?;
    }
    pay_rows(out, name, &row.pay)?;
    survey_rows(out, name, &row.survey)?;
    let risk = &row.risk;
    let c = &risk.concentration;
    line(
        out,
        name,
        "risk",
        "top10_company_share",
        c.top_share,
        c.n,
        (None, None),
        c.small_sample,
    )?;
    line(
        out,
        name,
        "risk",
        "company_hhi",
        c.hhi,
        c.n,
        (None, None),
        c.small_sample,
    )?;
    let v = &risk.volatility;
    line(
        out,
        name,
        "risk",
        "monthly_share_cv",
        v.cv,
        v.n as u64,
        (None, None),
        v.small_sample,
    )?;
    line(
        out,
        name,
        "risk",
        "monthly_share_sd_of_changes",
        v.sd_of_changes,
        v.n as u64,
        (None, None),
        v.small_sample,
    )?;
    let t = &risk.trend;
    line(
        out,
        name,
        "risk",
        "trend_share_per_year",
        t.slope_per_year,
        t.n as u64,
        (t.ci_low, t.ci_high),
        t.small_sample,
    )?;
    let m = &risk.lane_mix;
    line(
        out,
        name,
        "risk",
        "top_lane_share",
        m.top_share,
        m.n,
        (None, None),
        m.small_sample,
    )?;
    line(
        out,
        name,
        "risk",
        "effective_lanes",
        m.effective_lanes,
        m.n,
        (None, None),
        m.small_sample,
    )
}

fn percentile_line(
    out: &mut dyn Write,
    row: &str,
    figure: &str,
    p: &crate::model::PercentileFigure,
) -> io::Result<()> {
    line(
        out,
        row,
        figure,
        &format!("p{}", (p.q * 100.0).round()),
        p.value,
        p.n as u64,
        (p.ci_low, p.ci_high),
        p.small_sample,
    )
}

/// One row per pay-dataset quartile: figure `dataset:<id>:<kind>:<basis>:<lane X|language X>`.
fn survey_rows(
    out: &mut dyn Write,
    name: &str,
    survey: &crate::model::SurveySlot,
) -> io::Result<()> {
    for f in &survey.figures {
        let matched = match (&f.lane, &f.language) {
            (Some(lane), _) => format!("lane {lane}"),
            (None, Some(language)) => format!("language {language}"),
            (None, None) => String::new(),
        };
        let figure = format!("dataset:{}:{}:{}:{matched}", f.dataset, f.kind, f.basis);
        for p in [&f.p25, &f.p50, &f.p75] {
            percentile_line(out, name, &figure, p)?;
        }
    }
    Ok(())
}
