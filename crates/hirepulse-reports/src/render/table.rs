//! Aligned plain text for terminals: grids padded to their widest cell (counted in chars),
//! numbers right-aligned, blank lines between blocks.

use super::cells::{self, Block};
use super::Renderer;
use crate::datasets::DatasetPayReport;
use crate::model::{Comparison, Snapshot};
use crate::pay::PayReport;
use crate::skills::SkillsReport;
use crate::trend::TrendReport;
use std::io::{self, Write};

pub struct Table;

impl Renderer for Table {
    fn snapshot(&self, snapshot: &Snapshot, out: &mut dyn Write) -> io::Result<()> {
        write_blocks(&cells::snapshot(snapshot), out)
    }

    fn comparison(&self, comparison: &Comparison, out: &mut dyn Write) -> io::Result<()> {
        write_blocks(&cells::comparison(comparison), out)
    }

    fn trend(&self, trend: &TrendReport, out: &mut dyn Write) -> io::Result<()> {
        write_blocks(&cells::trend(trend), out)
    }

    fn pay(&self, pay: &PayReport, out: &mut dyn Write) -> io::Result<()> {
        write_blocks(&cells::pay(pay), out)
    }

    fn skills(&self, skills: &SkillsReport, out: &mut dyn Write) -> io::Result<()> {
        write_blocks(&cells::skills(skills), out)
    }

    fn dataset_pay(&self, report: &DatasetPayReport, out: &mut dyn Write) -> io::Result<()> {
        write_blocks(&super::dataset_cells::dataset_pay(report), out)
    }
}

fn numeric(cell: &str) -> bool {
    cell.starts_with(|c: char| c.is_ascii_digit() || c == '$' || c == '+' || c == '-')
}

fn write_blocks(blocks: &[Block], out: &mut dyn Write) -> io::Result<()> {
    for (index, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading(text) => {
                if index > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{text}")?;
            }
            Block::Line(text) => writeln!(out, "{text}")?,
            Block::Preformatted(lines) => {
                for line in lines {
                    writeln!(out, "{line}")?;
                }
            }
            Block::Grid { header, rows } => {
                let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
                for row in rows {
                    for (i, cell) in row.iter().enumerate() {
                        if let Some(w) = widths.get_mut(i) {
                            *w = (*w).max(cell.chars().count());
                        }
                    }
                }
                writeln!(out)?;
                write_row(out, header, &widths, false)?;
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                write_row(out, &rule, &widths, false)?;
                for row in rows {
                    write_row(out, row, &widths, true)?;
                }
            }
        }
    }
    Ok(())
}

fn write_row(
    out: &mut dyn Write,
    cells: &[String],
    widths: &[usize],
    align: bool,
) -> io::Result<()> {
    let mut line = String::new();
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        let pad = width.saturating_sub(cell.chars().count());
        if align && i > 0 && numeric(cell) {
            line.push_str(&" ".repeat(pad));
            line.push_str(cell);
        } else {
            line.push_str(cell);
            line.push_str(&" ".repeat(pad));
        }
    }
    writeln!(out, "{}", line.trim_end())
}
