//! `hirepulse extract --update`: re-extract stored postings whose facts are from an older
//! extractor version. (Wired to the pipeline's re-extraction once the store lands.)

pub fn run(_cli: &crate::Cli) -> anyhow::Result<u8> {
    anyhow::bail!("`hirepulse extract --update` needs the store, which is not built yet")
}
