//! Input options shared by the commands that read postings (`ingest`, `extract`, `eval`): the
//! input format and the column mapping for generic CSV / JSON Lines.

use anyhow::Context;
use hirepulse_sources::mapped::Mapping;
use hirepulse_sources::Format;
use std::path::PathBuf;

/// The column mapping, from the command line or a TOML file.
#[derive(Debug, Clone, clap::Args)]
pub struct MappingArgs {
    /// Column mapping for generic CSV / JSON Lines: FIELD=COLUMN pairs, e.g.
    /// `id=job_id,text=body,title=role,date=posted`.
    #[arg(long, value_name = "FIELD=COLUMN,...", conflicts_with = "map_file")]
    pub map: Option<String>,
    /// Column mapping in a TOML file (`id = "job_id"`, `text = "body"`, ...).
    #[arg(long, value_name = "FILE")]
    pub map_file: Option<PathBuf>,
}

impl MappingArgs {
    /// The mapping given, if any; a bad one is an error naming the key at fault.
    pub fn mapping(&self) -> anyhow::Result<Option<Mapping>> {
        match (&self.map, &self.map_file) {
            (Some(arg), _) => Ok(Some(
                Mapping::parse_cli(arg).with_context(|| format!("--map {arg:?}"))?,
            )),
            (None, Some(path)) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("{}: cannot read the mapping file", path.display()))?;
                Ok(Some(Mapping::from_toml(&text).with_context(|| {
                    format!("{}: bad mapping", path.display())
                })?))
            }
            (None, None) => Ok(None),
        }
    }
}

/// Parses a `--format` / `--input-format` value.
pub fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format {name:?}; one of: {}", names.join(", "))
    })
}
