//! Markdown: headings as `###`, prose lines as paragraphs, grids as pipe tables (pipes in cells
//! escaped), ready to paste into an issue or a README.

use super::cells::{self, Block};
use super::Renderer;
use crate::datasets::DatasetPayReport;
use crate::model::{Comparison, Snapshot};
use crate::pay::PayReport;
use crate::skills::SkillsReport;
use crate::trend::TrendReport;
use std::io::{self, Write};

pub struct Markdown;

impl Renderer for Markdown {
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

fn escape(cell: &str) -> String {
    cell.replace('|', "\\|")
}

fn write_blocks(blocks: &[Block], out: &mut dyn Write) -> io::Result<()> {
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        match block {
            Block::Heading(text) => writeln!(out, "### {}", escape(text))?,
            Block::Line(text) => writeln!(out, "{}", escape(text))?,
            Block::Preformatted(lines) => {
                writeln!(out, "```text")?;
                for line in lines {
                    writeln!(out, "{line}")?;
                }
                writeln!(out, "```")?;
            }
            Block::Grid { header, rows } => {
                let header: Vec<String> = header.iter().map(|h| escape(h)).collect();
                writeln!(out, "| {} |", header.join(" | "))?;
                let rule: Vec<&str> = header
                    .iter()
                    .enumerate()
                    .map(|(i, _)| if i == 0 { "---" } else { "--:" })
                    .collect();
                writeln!(out, "|{}|", rule.join("|"))?;
                for row in rows {
                    let row: Vec<String> = row.iter().map(|c| escape(c)).collect();
                    writeln!(out, "| {} |", row.join(" | "))?;
                }
            }
        }
    }
    Ok(())
}
