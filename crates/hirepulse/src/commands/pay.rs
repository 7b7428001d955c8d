//! `hirepulse pay [--by DIM VALUE...]`: the posted-pay distribution (p10..p90 with intervals,
//! postings with pay, disclosure share) for every filtered posting, or per value of a dimension.
//! Posting pay only: pay datasets (surveys) are not wired in yet.

use super::snapshot::{open_source, ReportArgs};
use hirepulse_reports::{Dimension, Format, PayConfig};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Split by this dimension: language, lane, seniority, work_mode, employment or country.
    #[arg(long, value_name = "DIM", requires = "values")]
    pub by: Option<String>,
    /// The values of --by, e.g. `senior staff` or `rust go`.
    #[arg(value_name = "VALUE")]
    pub values: Vec<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
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
    }
}
