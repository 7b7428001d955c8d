//! JSON: the report value itself, pretty-printed (schema in the README). Every figure carries
//! `n`, estimates carry `ci_low`/`ci_high`, small samples carry `small_sample: true`.

use super::Renderer;
use crate::datasets::DatasetPayReport;
use crate::model::{Comparison, Snapshot};
use crate::pay::PayReport;
use crate::skills::SkillsReport;
use crate::trend::TrendReport;
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

    fn trend(&self, trend: &TrendReport, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, trend)?;
        writeln!(out)
    }

    fn pay(&self, pay: &PayReport, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, pay)?;
        writeln!(out)
    }

    fn skills(&self, skills: &SkillsReport, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, skills)?;
        writeln!(out)
    }

    fn dataset_pay(&self, report: &DatasetPayReport, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        writeln!(out)
    }
}
