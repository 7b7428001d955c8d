//! `hirepulse extract --update`: re-extract stored postings whose facts an older extractor
//! version produced (or that have none), through `hirepulse_pipeline::reextract`.

use hirepulse_pipeline::{reextract, Progress, ReextractOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Instant;

pub fn run(cli: &crate::Cli) -> anyhow::Result<u8> {
    let started = Instant::now();
    let db = cli.db_path()?;
    if !db.exists() {
        anyhow::bail!(
            "{}: no store here yet; run `hirepulse ingest PATH...` first",
            db.display()
        );
    }
    let mut store = hirepulse_store::Store::open(&db)?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} postings re-extracted eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut on_progress = |event: Progress| match event {
        Progress::Reextracted { done, total } => {
            bar.set_length(total);
            bar.set_position(done);
        }
        Progress::RecordError(err) => bar.suspend(|| eprintln!("{err}")),
        _ => {}
    };
    let result = reextract(&mut store, &ReextractOptions::default(), &mut on_progress);
    bar.finish_and_clear();
    let summary = result?;
    println!(
        "re-extracted {} / errors {} in {:.2}s (extractor version {})",
        summary.reextracted,
        summary.errors.len(),
        started.elapsed().as_secs_f64(),
        hirepulse_extract::EXTRACTOR_VERSION
    );
    Ok(if summary.errors.is_empty() {
        crate::exit::OK
    } else {
        crate::exit::RECORD_ERRORS
    })
}
