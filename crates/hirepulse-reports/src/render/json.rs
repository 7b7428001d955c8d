//! JSON: the report value itself, pretty-printed (schema in the README). Every figure carries
//! `n`, estimates carry `ci_low`/`ci_high`, small samples carry `small_sample: true`.

use super::Renderer;
use crate::model::{Comparison, Snapshot};
use std::io::{self, Write};

pub struct Json;

impl Renderer for Json {
    fn snapshot(&self, snapshot: &Snapshot, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, snapshot)?;
        writeln!(out)
    }

    fn comparison(&self, comparison: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, comparison)?;
        writeln!(out)
    }
}
