//! Small terminal helpers shared by the commands: broken pipes and output formats.

/// A closed stdout (`hirepulse extract ... | head`) ends the program quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io_kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        io_kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Rust ignores SIGPIPE, so writes to a closed pipe return `BrokenPipe` errors that we handle
/// in [`is_broken_pipe`]; nothing to reset.
pub fn reset_sigpipe() {}

/// The output formats of data-printing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Csv,
}
