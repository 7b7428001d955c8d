//! `hirepulse compare --by DIM VALUE...`: n, share, growth and posted pay per value of any
//! dimension (language, lane, seniority, work_mode, employment, country).

use super::snapshot::{open_source, ReportArgs};
use hirepulse_reports::{CompareConfig, Dimension, Format};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dimension: language, lane, seniority, work_mode, employment or country.
    #[arg(long, value_name = "DIM")]
    pub by: String,
    /// The values to compare, e.g. `data backend infra` or `contract full_time`.
    #[arg(value_name = "VALUE", required = true)]
    pub values: Vec<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let dimension: Dimension = args.by.parse()?;
    let (window, filters) = args.report.window_and_filters()?;
    let config = CompareConfig::new(dimension, &args.values, window, filters)?;
    let source = open_source(cli)?;
    let comparison = hirepulse_reports::compare(source.get(), &config)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    Format::from(args.report.format)
        .renderer()
        .comparison(&comparison, &mut out)?;
    out.flush()?;
    Ok(crate::exit::OK)
}
