//! `hirepulse eval`: scores extraction against a label file (GUIDELINES.md shape).
//!
//! Only the labelled postings are extracted; labelled ids missing from the inputs are reported,
//! never silently dropped from the denominator of anything but the per-field scores.

use crate::commands::extract::{for_each_extracted, InputArgs};
use anyhow::Context;
use hirepulse_extract::eval;
use hirepulse_extract::labels::{parse_label_file, LabelRecord, PostingId};
use std::collections::HashSet;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The label file (JSON Lines, one labelled posting per line).
    #[arg(long, value_name = "FILE")]
    pub labels: PathBuf,
    /// Files, folders or globs holding the labelled postings.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Also list every disagreement (id, field, expected, got).
    #[arg(long)]
    pub misses: bool,
    /// Only list misses of this field.
    #[arg(long, value_name = "FIELD")]
    pub field: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: EvalFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    let text = std::fs::read_to_string(&args.labels)
        .with_context(|| format!("{}: cannot read", args.labels.display()))?;
    let labels = parse_label_file(&text)
        .map_err(|err| anyhow::anyhow!("{}: {err}", args.labels.display()))?;
    let wanted: HashSet<&PostingId> = labels.iter().map(|l| &l.id).collect();
    let mut predicted = Vec::new();
    let n_errors = for_each_extracted(
        &args.paths,
        &args.input.read_options()?,
        |posting, facts| {
            let id = PostingId::from_source_id(&posting.source_id);
            if wanted.contains(&id) {
                predicted.push(LabelRecord::from_facts(
                    id,
                    posting.month.as_deref(),
                    &facts,
                ));
            }
            Ok(())
        },
    )?;
    let mut report = eval::score(&labels, &predicted);
    if let Some(field) = &args.field {
        report.misses.retain(|m| &m.field == field);
    }
    if !args.misses {
        report.misses.clear();
    }
    match args.format {
        EvalFormat::Table => print!("{}", report.to_table(args.misses)),
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
    }
    Ok(if n_errors > 0 {
        crate::exit::RECORD_ERRORS
    } else {
        crate::exit::OK
    })
}
