//! The one integration-test binary: each module runs the real `hirepulse` binary against a store
//! in a temporary folder.

mod advise;
mod common;
mod dedup;
mod fetch;
mod ingest;
mod kill;
mod malformed;
mod pay;
mod serve;
mod tax;
