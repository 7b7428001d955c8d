//! `hirepulse advise`: what to learn or deepen next, with a 90-day plan, from the measured
//! market (see `hirepulse-advise`). Reads the store, or the built-in baseline when there is no
//! store, like the report commands.

use super::snapshot::open_source;
use hirepulse_advise::profile::parse_known;
use hirepulse_advise::render::{render, Style};
use hirepulse_advise::{Goal, Profile};
use hirepulse_reports::config::parse_month;
use std::io::Write;

/// Output format of the advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AdviseFormat {
    Table,
    Markdown,
    Json,
}

/// The goal to optimise for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GoalArg {
    /// Get hired fastest: the most postings open to you.
    Volume,
    /// The highest posted pay.
    Comp,
    /// Scarce skills: a pay premium and a skill specific to its lane.
    Differentiation,
}

impl From<GoalArg> for Goal {
    fn from(goal: GoalArg) -> Self {
        match goal {
            GoalArg::Volume => Goal::Volume,
            GoalArg::Comp => Goal::Comp,
            GoalArg::Differentiation => Goal::Differentiation,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Years of professional experience (decides the posting levels that fit you).
    #[arg(long, value_name = "N")]
    pub years: f64,
    /// Languages you know with depth basic|working|expert, e.g. java:expert,python:basic
    /// [default: none].
    #[arg(long, value_name = "LANG:DEPTH,...")]
    pub know: Option<String>,
    /// What to optimise for.
    #[arg(long, value_enum, default_value = "volume")]
    pub goal: GoalArg,
    /// `us` (a US place or US-eligible remote) or a two-letter country code.
    #[arg(long, value_name = "CODE", default_value = "us")]
    pub region: String,
    /// Only this lane (repeat for several), e.g. backend, data, infra, systems [default: all
    /// engineering lanes].
    #[arg(long = "lane", value_name = "LANE")]
    pub lanes: Vec<String>,
    /// Only remote postings count.
    #[arg(long)]
    pub remote_only: bool,
    /// Weeks until you need a job: shifts weight toward volume and languages you know.
    #[arg(long, value_name = "N")]
    pub weeks: Option<u32>,
    /// Last month of the market windows, YYYY-MM [default: the last month with data].
    #[arg(long, value_name = "YYYY-MM")]
    pub until: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: AdviseFormat,
}

impl Args {
    /// The profile the flags describe, checked by the library.
    pub fn profile(&self) -> anyhow::Result<Profile> {
        Ok(Profile {
            years: self.years,
            languages: parse_known(self.know.as_deref().unwrap_or_default())?,
            goal: self.goal.into(),
            region: self.region.clone(),
            lanes: self.lanes.clone(),
            remote_only: self.remote_only,
            urgency_weeks: self.weeks,
        })
    }
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let profile = args.profile()?;
    // Check the profile before reading the market, so a typo fails fast.
    profile.check(hirepulse_advise::Settings::embedded()?)?;
    let until = args
        .until
        .as_deref()
        .map(|m| parse_month("--until", m))
        .transpose()?;
    let source = open_source(cli)?;
    let advice = hirepulse_advise::advise(source.get(), &profile, until)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        AdviseFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &advice)?;
            writeln!(out)?;
        }
        AdviseFormat::Table => out.write_all(render(&advice, Style::Table).as_bytes())?,
        AdviseFormat::Markdown => out.write_all(render(&advice, Style::Markdown).as_bytes())?,
    }
    out.flush()?;
    Ok(crate::exit::OK)
}

#[cfg(test)]
mod tests {
    use crate::{Cli, Command};
    use clap::Parser;

    #[test]
    fn advise_flags_become_a_profile() {
        let cli = Cli::try_parse_from([
            "hirepulse",
            "advise",
            "--years",
            "4",
            "--know",
            "java:expert,python:basic",
            "--goal",
            "comp",
            "--lane",
            "backend",
            "--lane",
            "data",
            "--remote-only",
            "--weeks",
            "8",
            "--format",
            "json",
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let Command::Advise(args) = &cli.command else {
            panic!("not advise: {cli:?}");
        };
        let profile = args.profile().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(profile.years, 4.0);
        assert_eq!(profile.languages.len(), 2);
        assert_eq!(profile.goal, hirepulse_advise::Goal::Comp);
        assert_eq!(profile.lanes, ["backend", "data"]);
        assert!(profile.remote_only);
        assert_eq!(profile.urgency_weeks, Some(8));
        assert!(
            Cli::try_parse_from(["hirepulse", "advise"]).is_err(),
            "--years is required"
        );
        assert!(
            Cli::try_parse_from(["hirepulse", "advise", "--years", "2", "--goal", "fame"]).is_err()
        );
    }
}
