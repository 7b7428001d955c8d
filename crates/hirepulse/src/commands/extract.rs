//! `hirepulse extract`: the extractor's output for any input, one JSON object per posting.
//!
//! It needs no store: postings stream from the readers straight through the extractor, so anyone
//! can score our output against their own labels. With `--update` it instead re-extracts the
//! postings in the store whose facts an older extractor version produced.

use crate::commands::input_args::{parse_format, MappingArgs};
use anyhow::Context;
use hirepulse_extract::labels::{LabelRecord, PostingId};
use hirepulse_extract::Facts;
use hirepulse_sources::{Event, Format, Posting, ReadOptions, RecordError};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders, globs, or `-` for stdin.
    #[arg(value_name = "PATH", required_unless_present = "update")]
    pub paths: Vec<String>,
    /// Output format: `jsonl` prints exactly the label fields of GUIDELINES.md; `full` adds the
    /// technologies, pay spans and annual USD figures.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub input: InputArgs,
    /// Re-extract the postings in the store whose facts an older extractor produced.
    #[arg(long, conflicts_with = "paths")]
    pub update: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
    Full,
}

/// How to read inputs, shared by `extract` and `eval`.
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Input format, instead of detecting it from content.
    #[arg(long = "input-format", value_name = "FORMAT", value_parser = parse_format)]
    pub input_format: Option<Format>,
    #[command(flatten)]
    pub mapping: MappingArgs,
}

impl InputArgs {
    pub fn read_options(&self) -> anyhow::Result<ReadOptions> {
        Ok(ReadOptions {
            format: self.input_format,
            mapping: self.mapping.mapping()?,
        })
    }
}

/// Calls `on_posting` with each posting of `paths` and its facts; prints record errors to stderr.
/// Returns the number of record errors.
pub fn for_each_extracted(
    paths: &[String],
    options: &ReadOptions,
    mut on_posting: impl FnMut(&Posting, Facts) -> anyhow::Result<()>,
) -> anyhow::Result<u64> {
    let inputs = hirepulse_pipeline::inputs::expand(paths)?;
    let mut n_errors = 0u64;
    let mut report = |err: &RecordError| {
        n_errors += 1;
        eprintln!("hirepulse: {err}");
    };
    for spec in inputs {
        let name = spec.name();
        let reader = spec
            .open()
            .with_context(|| format!("{name}: cannot open"))?;
        // Events are gathered in bounded batches whose postings are extracted in parallel, then
        // handed on in input order: the output does not depend on the number of threads.
        let mut batch: Vec<Event> = Vec::with_capacity(EXTRACT_BATCH);
        for event in hirepulse_sources::read(&name, reader, options)? {
            batch.push(event);
            if batch.len() >= EXTRACT_BATCH {
                flush_batch(&mut batch, &mut on_posting, &mut report)?;
            }
        }
        flush_batch(&mut batch, &mut on_posting, &mut report)?;
    }
    Ok(n_errors)
}

/// Events per parallel extraction batch: enough to keep two cores busy, few enough that memory
/// stays a few megabytes whatever the input size.
const EXTRACT_BATCH: usize = 512;

/// Extracts the postings of `batch` in parallel and passes every event on in order.
fn flush_batch(
    batch: &mut Vec<Event>,
    on_posting: &mut impl FnMut(&Posting, Facts) -> anyhow::Result<()>,
    report: &mut impl FnMut(&RecordError),
) -> anyhow::Result<()> {
    let postings: Vec<&Posting> = batch
        .iter()
        .filter_map(|event| match event {
            Event::Posting(posting) => Some(&**posting),
            _ => None,
        })
        .collect();
    let mut facts = hirepulse_pipeline::extract_all(&postings).into_iter();
    for event in batch.drain(..) {
        match event {
            Event::Posting(posting) => {
                let facts = facts
                    .next()
                    .context("extraction returned fewer facts than postings")?;
                on_posting(&posting, facts)?;
            }
            Event::Error(err) => report(&err),
            Event::Skipped { .. } => {}
        }
    }
    Ok(())
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    if args.update {
        return crate::commands::update::run(cli);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let n_errors = for_each_extracted(
        &args.paths,
        &args.input.read_options()?,
        |posting, facts| {
            let id = PostingId::from_source_id(&posting.source_id);
            match args.format {
                ExtractFormat::Jsonl => {
                    let record = LabelRecord::from_facts(id, posting.month.as_deref(), &facts);
                    serde_json::to_writer(&mut out, &record)?;
                }
                ExtractFormat::Full => {
                    let full = serde_json::json!({
                        "id": id,
                        "source": posting.source,
                        "month": posting.month,
                        "facts": facts,
                        "pay_evidence": posting.pay_evidence,
                    });
                    serde_json::to_writer(&mut out, &full)?;
                }
            }
            out.write_all(b"\n")?;
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(if n_errors > 0 {
        crate::exit::RECORD_ERRORS
    } else {
        crate::exit::OK
    })
}
