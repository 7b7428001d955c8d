//! `hirepulse eval`. (To come.)

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args) -> anyhow::Result<u8> {
    anyhow::bail!("`hirepulse eval` is not built yet")
}
