//! `hirepulse pay [--by DIM VALUE...]`: the posted-pay distribution (p10..p90 with intervals,
//! postings with pay, disclosure share) for every filtered posting, or per value of a dimension.
//! With `--dataset NAME` the distribution comes from that pay dataset instead (ingested with
//! `hirepulse ingest-pay`, or the built-in baseline's copy), under the same filters; the
//! window's years (from `--since`/`--until`) choose its years, all of them by default.

use super::snapshot::{open_source, ReportArgs};
use hirepulse_reports::datasets::YearRange;
use hirepulse_reports::{DatasetPayConfig, Dimension, Format, PayConfig};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Split by this dimension: language, lane, seniority, work_mode, employment or country.
    #[arg(long, value_name = "DIM", requires = "values")]
    pub by: Option<String>,
    /// The values of --by, e.g. `senior staff` or `rust go`.
    #[arg(value_name = "VALUE")]
    pub values: Vec<String>,
    /// Take pay from this pay dataset instead of postings: levelsfyi, aijobs, infosec_jobs,
    /// devops_jobs, eu_it_survey_2020, h1b or bls_oews.
    #[arg(long, value_name = "NAME")]
    pub dataset: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    if let Some(dataset) = &args.dataset {
        return run_dataset(cli, args, dataset);
    }
    let dimension: Option<Dimension> = args.by.as_deref().map(str::parse).transpose()?;
    let (window, filters) = args.report.window_and_filters()?;
    let config = PayConfig::new(dimension, &args.values, window, filters)?;
    let source = open_source(cli)?;
    let report = hirepulse_reports::pay(source.get(), &config)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    Format::from(args.report.format)
        .renderer()
        .pay(&report, &mut out)?;
    out.flush()?;
    Ok(crate::exit::OK)
}

fn run_dataset(cli: &crate::Cli, args: &Args, dataset: &str) -> anyhow::Result<u8> {
    let dimension: Option<Dimension> = args.by.as_deref().map(str::parse).transpose()?;
    let (window, filters) = args.report.window_and_filters()?;
    let years = YearRange::of_window(&window);
    let config = DatasetPayConfig::new(dataset, dimension, &args.values, filters, years)?;
    let source = open_source(cli)?;
    let report = hirepulse_reports::dataset_pay(source.get(), &config)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    Format::from(args.report.format)
        .renderer()
        .dataset_pay(&report, &mut out)?;
    out.flush()?;
    Ok(crate::exit::OK)
}

#[cfg(test)]
mod tests {
    use crate::{Cli, Command};
    use clap::Parser;

    #[test]
    fn pay_takes_values_only_with_a_dimension() {
        let cli = Cli::try_parse_from([
            "hirepulse",
            "pay",
            "--by",
            "seniority",
            "senior",
            "staff",
            "--region",
            "us",
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let Command::Pay(args) = &cli.command else {
            panic!("not a pay: {cli:?}");
        };
        assert_eq!(args.by.as_deref(), Some("seniority"));
        assert_eq!(args.values, ["senior", "staff"]);
        assert!(Cli::try_parse_from(["hirepulse", "pay", "--by", "lane"]).is_err());
        assert!(Cli::try_parse_from(["hirepulse", "pay", "--lane", "data"]).is_ok());
        let cli = Cli::try_parse_from([
            "hirepulse",
            "pay",
            "--dataset",
            "levelsfyi",
            "--by",
            "lane",
            "backend",
            "--region",
            "us",
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let Command::Pay(args) = &cli.command else {
            panic!("not a pay: {cli:?}");
        };
        assert_eq!(args.dataset.as_deref(), Some("levelsfyi"));
    }
}
