//! `hirepulse extract`. (To come.)

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args) -> anyhow::Result<u8> {
    anyhow::bail!("`hirepulse extract` is not built yet")
}
