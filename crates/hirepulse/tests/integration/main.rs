//! The one integration-test binary: each module runs the real `hirepulse` binary against a store
//! in a temporary folder.

mod common;
mod dedup;
mod ingest;
mod kill;
mod malformed;
