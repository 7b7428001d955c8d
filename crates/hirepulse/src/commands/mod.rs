//! One module per subcommand.

pub mod baseline;
pub mod compare;
pub mod dedup;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod input_args;
pub mod pay;
pub mod skills;
pub mod snapshot;
pub mod status;
pub mod trend;
pub mod update;
