//! `hirepulse ingest`. (To come.)

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_cli: &crate::Cli, _args: &Args) -> anyhow::Result<u8> {
    anyhow::bail!("`hirepulse ingest` is not built yet")
}
