//! One module per subcommand.

pub mod eval;
pub mod extract;
pub mod ingest;
pub mod input_args;
pub mod status;
pub mod update;
