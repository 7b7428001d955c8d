//! Table and markdown cells of the pay-dataset figures: the snapshot's "pay datasets" grid and
//! the `pay --dataset` report. Every row names its dataset, kind (survey, official statistics,
//! filing), basis (base or total comp) and years, so a dataset figure is never read as a
//! posting figure. Published percentiles (official statistics) print without an interval.

use super::cells::{grid, legend, money, percentile, source_line, star, Block};
use crate::datasets::{DatasetPayReport, YearRange};
use crate::model::{PercentileFigure, Snapshot, SurveyFigure};

fn years(range: Option<YearRange>, in_window: bool) -> String {
    let text = match range {
        None => return "undated".into(),
        Some(r) if r.first == r.last => r.first.to_string(),
        Some(r) if r.last == u16::MAX => format!("{} on", r.first),
        Some(r) if r.first == 0 => format!("to {}", r.last),
        Some(r) => format!("{}-{}", r.first, r.last),
    };
    if in_window {
        text
    } else {
        format!("{text} (nearest year outside the window)")
    }
}

fn kind_basis(kind: &str, basis: &str) -> String {
    let basis = if basis == "total_comp" {
        "total comp"
    } else {
        "base"
    };
    format!("{}, {basis}", kind.replace('_', " "))
}

/// A percentile cell: with its interval, or marked as published.
fn cell(p: &PercentileFigure, published: bool) -> String {
    if published {
        return match p.value {
            Some(v) => format!("${} (published)", money(Some(v))),
            None => "- (top-coded or unpublished)".into(),
        };
    }
    percentile(Some(p))
}

fn figure_row(language: &str, f: &SurveyFigure) -> Vec<String> {
    let matched = match (f.matched_by, &f.lane, &f.language) {
        ("language", _, Some(l)) => format!("language {l}"),
        (_, Some(lane), _) => format!("lane {lane}"),
        _ => "-".into(),
    };
    let dataset = match &f.occupation {
        Some(o) => format!("{} [{o}]", f.dataset),
        None => f.dataset.clone(),
    };
    vec![
        language.to_string(),
        matched,
        dataset,
        kind_basis(&f.kind, &f.basis),
        years(f.years, f.years_in_window),
        f.scope.clone(),
        format!("{}{}", f.n, star(f.small_sample)),
        cell(&f.p25, f.published),
        cell(&f.p50, f.published),
        cell(&f.p75, f.published),
    ]
}

/// The snapshot's pay-dataset block: one grid row per figure, the notes, the dataset labels.
pub(super) fn survey_blocks(s: &Snapshot, blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading(
        "pay datasets beside the postings (not postings; annual USD)".into(),
    ));
    let mut rows = Vec::new();
    let mut labels: Vec<(String, String)> = Vec::new();
    for row in &s.languages {
        for f in &row.survey.figures {
            rows.push(figure_row(&row.language, f));
            if !labels.iter().any(|(d, _)| *d == f.dataset) {
                labels.push((f.dataset.clone(), f.source.clone()));
            }
        }
    }
    if !rows.is_empty() {
        blocks.push(grid(
            &[
                "language",
                "matched by",
                "dataset",
                "kind, basis",
                "years",
                "scope",
                "n",
                "p25",
                "p50",
                "p75",
            ],
            rows,
        ));
    }
    let mut notes: Vec<&str> = s.languages.iter().map(|r| r.survey.note.as_str()).collect();
    notes.sort_unstable();
    notes.dedup();
    for note in notes {
        blocks.push(Block::Line(note.to_string()));
    }
    for (dataset, label) in labels {
        blocks.push(Block::Line(format!("{dataset}: {label}")));
    }
}

/// The `pay --dataset` report as blocks.
pub fn dataset_pay(r: &DatasetPayReport) -> Vec<Block> {
    let by = r
        .dimension
        .map_or(String::new(), |d| format!(" by {}", d.name()));
    let mut blocks = vec![
        Block::Heading(format!(
            "hirepulse pay --dataset {}{by}: {} ({}), {} records in scope, annual USD",
            r.dataset,
            r.source,
            kind_basis(&r.kind, &r.basis),
            r.n_records
        )),
        Block::Line(legend(&r.filters, r.confidence)),
    ];
    if let Some(range) = r.years {
        blocks.push(Block::Line(format!("years: {}", years(Some(range), true))));
    }
    source_line(&mut blocks, r.data_source.as_deref());
    let published = r.kind == "official_statistics";
    let mut header = vec![r.dimension.map_or("records", |d| d.name())];
    if published {
        header.push("occupation");
    }
    header.extend(["years", "n", "p10", "p25", "p50", "p75", "p90"]);
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.value.clone()];
            if published {
                cells.push(row.occupation.clone().unwrap_or_default());
            }
            cells.push(years(row.years, true));
            cells.push(format!("{}{}", row.n, star(row.small_sample)));
            for p in &row.percentiles {
                cells.push(cell(p, published));
            }
            cells
        })
        .collect();
    blocks.push(grid(&header, rows));
    for note in &r.notes {
        blocks.push(Block::Line(format!("note: {note}")));
    }
    blocks
}
