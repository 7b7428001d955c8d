//! One module per subcommand.

pub mod advise;
pub mod baseline;
pub mod compare;
pub mod contract_vs_fte;
pub mod dedup;
pub mod eval;
pub mod extract;
pub mod fetch;
pub mod ingest;
pub mod ingest_pay;
pub mod input_args;
pub mod pay;
pub mod serve;
pub mod skills;
pub mod snapshot;
pub mod status;
pub mod tax;
pub mod trend;
pub mod update;
