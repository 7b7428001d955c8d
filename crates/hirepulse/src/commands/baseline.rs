//! `hirepulse baseline build --out PATH [--corpus DIR]` writes the compact baseline (the
//! extracted postings' report fields, no text) from the `--db` store, with its provenance;
//! `hirepulse baseline info` prints the provenance of the baseline built into this binary.
//!
//! The provenance records what a reader needs to rebuild and check the file: the command, the
//! corpus directory and its file count (when `--corpus` names it), the posting count, the
//! extractor version of the binary and of the stored facts, and the store's content digest
//! (`hirepulse status --digest`). No time is written, so rebuilding from the same store gives
//! the same bytes.

use super::snapshot::open_store;
use hirepulse_reports::Baseline;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// Write the baseline of the `--db` store to a file.
    Build(BuildArgs),
    /// Print the provenance and size of the built-in baseline.
    Info,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The file to write (e.g. data/baseline/hn-baseline.tsv).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// The corpus directory the store was ingested from, recorded in the provenance with its
    /// count of files.
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    match &args.command {
        Sub::Build(build) => run_build(cli, build),
        Sub::Info => run_info(),
    }
}

fn run_build(cli: &crate::Cli, args: &BuildArgs) -> anyhow::Result<u8> {
    let store = open_store(cli)?;
    let status = store.status()?;
    let digest = store.digest()?;
    let corpus = match &args.corpus {
        Some(dir) => format!("{} ({} files)", dir.display(), count_files(dir)?),
        None => "(not named: pass --corpus DIR)".into(),
    };
    let stored_versions: Vec<String> = status
        .facts_by_extractor_version
        .iter()
        .map(|v| format!("version {}: {} postings", v.extractor_version, v.postings))
        .collect();
    let mut command = String::from("hirepulse --db STORE baseline build --out ");
    command.push_str(&args.out.display().to_string());
    if let Some(dir) = &args.corpus {
        command.push_str(&format!(" --corpus {}", dir.display()));
    }
    let mut provenance = vec![
        ("built_by".to_string(), command),
        ("corpus".to_string(), corpus),
        (
            "extractor_version".to_string(),
            hirepulse_extract::EXTRACTOR_VERSION.to_string(),
        ),
        ("stored_facts".to_string(), stored_versions.join("; ")),
        ("store_postings".to_string(), status.postings.to_string()),
        ("store_digest".to_string(), digest),
    ];
    let baseline = Baseline::from_source(&store, Vec::new())?;
    provenance.push(("postings".to_string(), baseline.postings.len().to_string()));
    let baseline = Baseline {
        provenance,
        ..baseline
    };
    let file = std::fs::File::create(&args.out)
        .map_err(|err| anyhow::anyhow!("cannot create {}: {err}", args.out.display()))?;
    let mut out = std::io::BufWriter::new(file);
    baseline
        .write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|err| anyhow::anyhow!("cannot write {}: {err}", args.out.display()))?;
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "hirepulse: wrote {} postings to {} ({size} bytes)",
        baseline.postings.len(),
        args.out.display()
    );
    Ok(crate::exit::OK)
}

fn run_info() -> anyhow::Result<u8> {
    let baseline = Baseline::embedded()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{}", baseline.provenance_line())?;
    for (key, value) in &baseline.provenance {
        writeln!(out, "{key}: {value}")?;
    }
    writeln!(
        out,
        "size: {} bytes, {} postings",
        hirepulse_reports::baseline::EMBEDDED.len(),
        baseline.postings.len()
    )?;
    Ok(crate::exit::OK)
}

/// Files directly in `dir` (the corpus is one file per month).
fn count_files(dir: &Path) -> anyhow::Result<usize> {
    let entries = std::fs::read_dir(dir).map_err(|err| {
        anyhow::anyhow!("cannot read the corpus directory {}: {err}", dir.display())
    })?;
    let mut count = 0;
    for entry in entries {
        let entry = entry.map_err(|err| anyhow::anyhow!("{}: {err}", dir.display()))?;
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            count += 1;
        }
    }
    Ok(count)
}
