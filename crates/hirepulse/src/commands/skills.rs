//! `hirepulse skills LANG`: the technologies and other languages asked next to a language, by
//! lift (support ≥ 10) and by count, each with its n, share and interval.

use super::snapshot::{open_source, ReportArgs};
use hirepulse_reports::{Format, SkillsConfig};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The language, e.g. rust.
    #[arg(value_name = "LANG")]
    pub language: String,
    /// Items listed per ranking.
    #[arg(long, value_name = "N", default_value_t = hirepulse_reports::skills::TOP)]
    pub top: usize,
    /// Postings with both an item needs to be ranked by lift.
    #[arg(long, value_name = "N", default_value_t = hirepulse_reports::skills::MIN_SUPPORT)]
    pub min_support: u64,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let (window, filters) = args.report.window_and_filters()?;
    let config = SkillsConfig {
        top: args.top,
        min_support: args.min_support,
        ..SkillsConfig::new(&args.language, window, filters)?
    };
    let source = open_source(cli)?;
    let report = hirepulse_reports::skills(source.get(), &config)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    Format::from(args.report.format)
        .renderer()
        .skills(&report, &mut out)?;
    out.flush()?;
    Ok(crate::exit::OK)
}

#[cfg(test)]
mod tests {
    use crate::{Cli, Command};
    use clap::Parser;

    #[test]
    fn skills_needs_one_language() {
        let cli = Cli::try_parse_from(["hirepulse", "skills", "Rust", "--top", "5"])
            .unwrap_or_else(|e| panic!("{e}"));
        let Command::Skills(args) = &cli.command else {
            panic!("not a skills: {cli:?}");
        };
        assert_eq!(
            (args.language.as_str(), args.top, args.min_support),
            ("Rust", 5, 10)
        );
        assert!(Cli::try_parse_from(["hirepulse", "skills"]).is_err());
        assert!(Cli::try_parse_from(["hirepulse", "skills", "rust", "go"]).is_err());
    }
}
