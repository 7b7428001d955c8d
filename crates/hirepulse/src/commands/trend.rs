//! `hirepulse trend VALUE... [--by DIM]`: the monthly series of each value — postings, the
//! share of the month's postings with a Wilson interval, n — as a sparkline chart and a monthly
//! grid (table, markdown) or tidy csv/json. The window defaults to every month with data.

use super::snapshot::{open_source, ReportArgs};
use hirepulse_reports::{Dimension, Format, TrendConfig};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The values to follow, e.g. `python go rust` or (with --by lane) `data infra`.
    #[arg(value_name = "VALUE", required = true)]
    pub values: Vec<String>,
    /// The dimension: language, lane, seniority, work_mode, employment or country.
    #[arg(long, value_name = "DIM", default_value = "language")]
    pub by: String,
    /// Window and filters; here the window defaults to every month with data.
    #[command(flatten)]
    pub report: ReportArgs,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let dimension: Dimension = args.by.parse()?;
    let (window, filters) = args.report.window_and_filters()?;
    let config = TrendConfig::new(dimension, &args.values, window, filters)?;
    let source = open_source(cli)?;
    let report = hirepulse_reports::trend(source.get(), &config)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    Format::from(args.report.format)
        .renderer()
        .trend(&report, &mut out)?;
    out.flush()?;
    Ok(crate::exit::OK)
}

#[cfg(test)]
mod tests {
    use crate::{Cli, Command};
    use clap::Parser;

    #[test]
    fn trend_defaults_to_languages_and_needs_values() {
        let cli = Cli::try_parse_from(["hirepulse", "trend", "rust", "go", "--format", "csv"])
            .unwrap_or_else(|e| panic!("{e}"));
        let Command::Trend(args) = &cli.command else {
            panic!("not a trend: {cli:?}");
        };
        assert_eq!(args.by, "language");
        assert_eq!(args.values, ["rust", "go"]);
        assert!(Cli::try_parse_from(["hirepulse", "trend"]).is_err());
    }
}
