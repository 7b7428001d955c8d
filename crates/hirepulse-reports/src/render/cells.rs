//! The text cells table and markdown print: the same blocks (a heading line, grids of cells,
//! notes), so the two formats cannot disagree. Figures are formatted here once: shares as
//! percentages with their interval, growth signed, pay in $K; a trailing `*` marks a small
//! sample (the legend says so).

use crate::model::{
    Comparison, GrowthFigure, LanguageRow, PayFigure, PercentileFigure, ShareFigure, Snapshot,
};
use crate::pay::PayReport;
use crate::skills::{SkillRow, SkillsReport};
use crate::trend::TrendReport;

/// Lanes listed per language in the lane-mix grid (all are in json and csv).
const LANES_SHOWN: usize = 5;

/// A block of printed output.
pub enum Block {
    /// A heading line.
    Heading(String),
    /// A line of prose.
    Line(String),
    /// Lines whose spacing matters (a chart): printed as they are, fenced in markdown.
    Preformatted(Vec<String>),
    /// Rows of cells under a header.
    Grid {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

pub(super) fn grid(header: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Grid {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

pub(super) fn star(small: bool) -> &'static str {
    if small {
        "*"
    } else {
        ""
    }
}

fn pct(value: Option<f64>) -> String {
    value.map_or("-".into(), |v| format!("{:.1}%", v * 100.0))
}

fn signed_pct(value: Option<f64>) -> String {
    value.map_or("?".into(), |v| format!("{:+.0}%", v * 100.0))
}

fn bound_pct(value: Option<f64>) -> String {
    value.map_or("?".into(), |v| format!("{:.1}", v * 100.0))
}

/// `15.2% [14.4, 16.0]` (`*` for a small sample).
pub fn share(figure: &ShareFigure) -> String {
    if figure.share.is_none() {
        return "-".into();
    }
    format!(
        "{} [{}, {}]{}",
        pct(figure.share),
        bound_pct(figure.ci_low),
        bound_pct(figure.ci_high),
        star(figure.small_sample)
    )
}

/// `+12% [+3%, +22%]`.
pub fn growth(figure: &GrowthFigure) -> String {
    if figure.growth.is_none() {
        return "-".into();
    }
    format!(
        "{} [{}, {}]{}",
        signed_pct(figure.growth),
        signed_pct(figure.ci_low),
        signed_pct(figure.ci_high),
        star(figure.small_sample)
    )
}

pub(super) fn money(value: Option<f64>) -> String {
    value.map_or("?".into(), |v| format!("{:.0}K", v / 1000.0))
}

/// `$180K [170K, 195K]`.
pub fn percentile(figure: Option<&PercentileFigure>) -> String {
    match figure {
        Some(p) if p.value.is_some() => format!(
            "${} [{}, {}]{}",
            money(p.value),
            money(p.ci_low),
            money(p.ci_high),
            star(p.small_sample)
        ),
        _ => "-".into(),
    }
}

/// `$150K-$240K`: the middle half of posted pay.
fn middle_half(pay: &PayFigure) -> String {
    let value = |q| pay.percentile(q).and_then(|p| p.value);
    match (value(0.25), value(0.75)) {
        (Some(low), Some(high)) => format!(
            "${}-${}{}",
            money(Some(low)),
            money(Some(high)),
            star(pay.small_sample)
        ),
        _ => "-".into(),
    }
}

fn pay_n(pay: &PayFigure) -> String {
    format!("{}{}", pay.n, star(pay.small_sample))
}

/// The clear best lanes; when none is clear, the top one marked as not clear.
fn best_lanes(row: &LanguageRow) -> String {
    let clear: Vec<&crate::model::BestLane> = row.best_lanes.iter().filter(|l| l.clear).collect();
    if clear.is_empty() {
        return match row.best_lanes.first() {
            Some(top) => format!(
                "none clear (top {} {}x, n={})",
                top.lane,
                top.lift.map_or("?".into(), |v| format!("{v:.1}")),
                top.n
            ),
            None => "-".into(),
        };
    }
    clear
        .into_iter()
        .map(|l| {
            format!(
                "{} {}x (n={}){}",
                l.lane,
                l.lift.map_or("?".into(), |v| format!("{v:.1}")),
                l.n,
                star(l.small_sample)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn main_risk(row: &LanguageRow) -> String {
    let words: Vec<&str> = row
        .risk
        .signals
        .iter()
        .filter(|s| s.warning)
        .map(|s| s.text.split(':').next().unwrap_or(s.kind))
        .collect();
    if words.is_empty() {
        "none flagged".into()
    } else {
        words.join("; ")
    }
}

fn window_line(report: &str, windows: &crate::model::Windows, n: u64, n_previous: u64) -> String {
    format!(
        "hirepulse {report}: {}..{} ({} months, {n} postings); growth against {}..{} ({n_previous} postings)",
        windows.window.since,
        windows.window.until,
        windows.window.months,
        windows.previous.since,
        windows.previous.until,
    )
}

pub(super) fn legend(filters: &crate::config::Filters, confidence: f64) -> String {
    format!(
        "filters: {}; [low, high] = {:.0}% interval; * = small sample (figure kept, read with care)",
        filters.describe(),
        confidence * 100.0
    )
}

/// Says where the figures come from when it is not the store (the built-in baseline).
pub fn source_line(blocks: &mut Vec<Block>, data_source: Option<&str>) {
    if let Some(source) = data_source {
        blocks.push(Block::Line(format!("figures from the {source}")));
    }
}

/// The snapshot as blocks.
pub fn snapshot(s: &Snapshot) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading(window_line(
            "snapshot",
            &s.windows,
            s.n_postings,
            s.n_postings_previous,
        )),
        Block::Line(legend(&s.filters, s.confidence)),
    ];
    source_line(&mut blocks, s.data_source.as_deref());
    blocks.push(Block::Line(s.windows.duplicates.describe()));
    let rows = s
        .languages
        .iter()
        .map(|row| {
            vec![
                row.language.clone(),
                format!("{}{}", row.postings.count, star(row.postings.small_sample)),
                share(&row.postings),
                growth(&row.growth),
                best_lanes(row),
                percentile(row.pay.percentile(0.5)),
                middle_half(&row.pay),
                pay_n(&row.pay),
                pct(row.pay.disclosure.share),
                main_risk(row),
            ]
        })
        .collect();
    blocks.push(grid(
        &[
            "language",
            "postings",
            "share",
            "growth (share)",
            "best lanes (lift, n)",
            "pay p50",
            "pay p25-p75",
            "pay n",
            "disclosed",
            "main risk",
        ],
        rows,
    ));

    blocks.push(Block::Heading("posted pay, annual USD midpoints".into()));
    let mut scopes: Vec<&str> = s.languages.iter().map(|r| r.pay.scope.as_str()).collect();
    scopes.dedup();
    blocks.push(Block::Line(format!("scope: {}", scopes.join(" / "))));
    let rows = s
        .languages
        .iter()
        .map(|row| pay_row(&row.language, &row.pay))
        .collect();
    blocks.push(grid(&PAY_HEADER, rows));

    blocks.push(Block::Heading(format!(
        "lane mix (share of the language's postings, top {LANES_SHOWN})"
    )));
    let mut rows = Vec::new();
    for row in &s.languages {
        for lane in row.lane_mix.iter().take(LANES_SHOWN) {
            rows.push(vec![
                row.language.clone(),
                lane.lane.clone(),
                lane.share.count.to_string(),
                share(&lane.share),
            ]);
        }
    }
    if rows.is_empty() {
        blocks.push(Block::Line("no lanes recorded for these languages".into()));
    } else {
        blocks.push(grid(&["language", "lane", "n", "share"], rows));
    }

    blocks.push(Block::Heading("risk signals".into()));
    let mut rows = Vec::new();
    for row in &s.languages {
        for signal in &row.risk.signals {
            rows.push(vec![
                row.language.clone(),
                if signal.warning { "!" } else { "" }.to_string(),
                signal.text.clone(),
            ]);
        }
    }
    if rows.is_empty() {
        blocks.push(Block::Line("no risk figures: no postings".into()));
    } else {
        blocks.push(grid(&["language", "", "signal"], rows));
    }

    crate::render::dataset_cells::survey_blocks(s, &mut blocks);
    for note in &s.notes {
        blocks.push(Block::Line(format!("note: {note}")));
    }
    blocks
}

const PAY_HEADER: [&str; 9] = [
    "",
    "p10",
    "p25",
    "p50",
    "p75",
    "p90",
    "n",
    "postings",
    "disclosed",
];

fn pay_row(name: &str, pay: &PayFigure) -> Vec<String> {
    let mut cells = vec![name.to_string()];
    for q in [0.1, 0.25, 0.5, 0.75, 0.9] {
        cells.push(percentile(pay.percentile(q)));
    }
    cells.push(pay_n(pay));
    cells.push(pay.n_postings.to_string());
    cells.push(share(&pay.disclosure));
    cells
}

/// The comparison as blocks.
pub fn comparison(c: &Comparison) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading(window_line(
            &format!("compare by {}", c.dimension.name()),
            &c.windows,
            c.n_postings,
            c.n_postings_previous,
        )),
        Block::Line(legend(&c.filters, c.confidence)),
    ];
    source_line(&mut blocks, c.data_source.as_deref());
    blocks.push(Block::Line(c.windows.duplicates.describe()));
    let rows = c
        .rows
        .iter()
        .map(|row| {
            vec![
                row.value.clone(),
                format!("{}{}", row.postings.count, star(row.postings.small_sample)),
                share(&row.postings),
                growth(&row.growth),
                percentile(row.pay.percentile(0.5)),
                pay_n(&row.pay),
                pct(row.pay.disclosure.share),
            ]
        })
        .collect();
    blocks.push(grid(
        &[
            c.dimension.name(),
            "postings",
            "share",
            "growth (share)",
            "pay p50",
            "pay n",
            "disclosed",
        ],
        rows,
    ));
    blocks.push(Block::Heading("posted pay, annual USD midpoints".into()));
    if let Some(first) = c.rows.first() {
        blocks.push(Block::Line(format!("scope: {}", first.pay.scope)));
    }
    let rows = c
        .rows
        .iter()
        .map(|row| pay_row(&row.value, &row.pay))
        .collect();
    blocks.push(grid(&PAY_HEADER, rows));
    for note in &c.notes {
        blocks.push(Block::Line(format!("note: {note}")));
    }
    blocks
}

/// The columns of a pay-report grid after the value: postings, with pay, disclosure, p10..p90.
const PAY_REPORT_HEADER: [&str; 8] = [
    "postings",
    "with pay",
    "disclosed",
    "p10",
    "p25",
    "p50",
    "p75",
    "p90",
];

fn pay_cells(pay: &PayFigure) -> Vec<String> {
    let mut cells = vec![
        pay.n_postings.to_string(),
        pay_n(pay),
        share(&pay.disclosure),
    ];
    for q in [0.1, 0.25, 0.5, 0.75, 0.9] {
        cells.push(percentile(pay.percentile(q)));
    }
    cells
}

/// The pay report as blocks.
pub fn pay(p: &PayReport) -> Vec<Block> {
    let by = p
        .dimension
        .map_or(String::new(), |d| format!(" by {}", d.name()));
    let mut blocks = vec![
        Block::Heading(format!(
            "hirepulse pay{by}: {}..{} ({} months, {} postings); posted pay, annual USD midpoints",
            p.window.since, p.window.until, p.window.months, p.n_postings
        )),
        Block::Line(legend(&p.filters, p.confidence)),
    ];
    source_line(&mut blocks, p.data_source.as_deref());
    blocks.push(Block::Line(p.duplicates.describe()));
    if let Some(first) = p.rows.first() {
        blocks.push(Block::Line(format!("scope: {}", first.pay.scope)));
    }
    let mut header = vec![p.dimension.map_or("postings", |d| d.name())];
    header.extend(PAY_REPORT_HEADER);
    let rows = p
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.value.clone()];
            cells.extend(pay_cells(&row.pay));
            cells
        })
        .collect();
    blocks.push(grid(&header, rows));
    notes_blocks(&mut blocks, &p.notes);
    blocks
}

fn notes_blocks(blocks: &mut Vec<Block>, notes: &[String]) {
    for note in notes {
        blocks.push(Block::Line(format!("note: {note}")));
    }
}

/// `2.35 [1.90, 2.80]`, `-` without a value, `(low support)` appended when flagged.
fn lift_cell(row: &SkillRow) -> String {
    let Some(lift) = row.lift else {
        return "-".into();
    };
    let bound = |b: Option<f64>| b.map_or("?".into(), |b| format!("{b:.2}"));
    format!(
        "{lift:.2} [{}, {}]{}",
        bound(row.lift_ci_low),
        bound(row.lift_ci_high),
        if row.low_support { " low support" } else { "" }
    )
}

fn skill_rows(rows: &[SkillRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| {
            vec![
                row.name.clone().unwrap_or_else(|| row.id.clone()),
                row.category.clone().unwrap_or_else(|| row.kind.to_string()),
                format!("{}{}", row.share.count, star(row.share.small_sample)),
                share(&row.share),
                row.n_item.to_string(),
                lift_cell(row),
            ]
        })
        .collect()
}

/// The skills report as blocks.
pub fn skills(s: &SkillsReport) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading(format!(
            "hirepulse skills {}: {}..{} ({} months, {} postings; {} with {}: {})",
            s.language,
            s.window.since,
            s.window.until,
            s.window.months,
            s.n_postings,
            s.language_postings.count,
            s.language,
            share(&s.language_postings),
        )),
        Block::Line(legend(&s.filters, s.confidence)),
    ];
    source_line(&mut blocks, s.data_source.as_deref());
    blocks.push(Block::Line(s.duplicates.describe()));
    blocks.push(Block::Line(format!(
        "both = postings with {} and the item; share = of the {} postings; lift = P(item | {}) / P(item), 1 = no association",
        s.language, s.language, s.language
    )));
    let header = [
        "item",
        "category",
        "both",
        "share [CI]",
        "with item",
        "lift [CI]",
    ];
    blocks.push(Block::Heading(format!(
        "top {} by lift (support >= {})",
        s.by_lift.len(),
        s.min_support
    )));
    blocks.push(grid(&header, skill_rows(&s.by_lift)));
    blocks.push(Block::Heading(format!(
        "top {} by postings with both",
        s.by_count.len()
    )));
    blocks.push(grid(&header, skill_rows(&s.by_count)));
    blocks.push(Block::Line(format!(
        "{} distinct items asked with {} in the window",
        s.n_items, s.language
    )));
    notes_blocks(&mut blocks, &s.notes);
    blocks
}

/// Block characters of the sparkline, lowest first.
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per month: blank without postings, else a block scaled to `max`.
fn sparkline(shares: impl Iterator<Item = Option<f64>>, max: f64) -> String {
    shares
        .map(|share| match share {
            None => ' ',
            Some(_) if max <= 0.0 => SPARKS[0],
            Some(share) => {
                let level = (share / max * SPARKS.len() as f64).ceil() as usize;
                SPARKS[level.clamp(1, SPARKS.len()) - 1]
            }
        })
        .collect()
}

/// The trend report as blocks: a sparkline chart, then the monthly grid.
pub fn trend(t: &TrendReport) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading(format!(
            "hirepulse trend by {}: {}..{} ({} months, {} postings)",
            t.dimension.name(),
            t.since,
            t.until,
            t.months.len(),
            t.n_postings
        )),
        Block::Line(legend(&t.filters, t.confidence)),
    ];
    source_line(&mut blocks, t.data_source.as_deref());
    blocks.push(Block::Line(t.duplicates.describe()));
    let max = t
        .series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|p| p.share.share))
        .fold(0.0_f64, f64::max);
    let label_width = t
        .series
        .iter()
        .map(|s| s.value.chars().count())
        .chain(["coverage".len(), "year".len()])
        .max()
        .unwrap_or(0);
    blocks.push(Block::Heading(format!(
        "monthly share, one column per month, full height = {}",
        pct(Some(max))
    )));
    let pad = |label: &str| format!("{label:<label_width$}");
    let mut chart = Vec::new();
    for series in &t.series {
        let line = sparkline(series.points.iter().map(|p| p.share.share), max);
        chart.push(format!(
            "{}  {line}  {} overall",
            pad(&series.value),
            share(&series.total)
        ));
    }
    let marks: String = t
        .months
        .iter()
        .map(|m| m.coverage.map_or(' ', |c| c.mark()))
        .collect();
    let marks = if marks.trim().is_empty() {
        "complete".to_string()
    } else {
        marks.trim_end().to_string()
    };
    chart.push(format!("{}  {marks}", pad("coverage")));
    let mut years = String::new();
    let mut skip = 0;
    for month in &t.months {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if month.month.month() == 1 || years.is_empty() {
            let label = format!("{:02}", month.month.year().rem_euclid(100));
            years.push('\'');
            years.push_str(&label);
            skip = label.chars().count();
        } else {
            years.push(' ');
        }
    }
    chart.push(format!("{}  {}", pad("year"), years.trim_end()));
    blocks.push(Block::Preformatted(chart));
    blocks.push(Block::Line(
        "coverage: x = month missing, e = captured early in the month (late posts missing), p = partial capture"
            .into(),
    ));

    let trend_rows = t
        .series
        .iter()
        .map(|s| {
            let points = |v: Option<f64>| v.map_or("?".into(), |v| format!("{:+.2}", v * 100.0));
            vec![
                s.value.clone(),
                format!("{}{}", s.total.count, star(s.total.small_sample)),
                share(&s.total),
                if s.trend.slope_per_year.is_none() {
                    "-".into()
                } else {
                    format!(
                        "{} [{}, {}]{}",
                        points(s.trend.slope_per_year),
                        points(s.trend.ci_low),
                        points(s.trend.ci_high),
                        star(s.trend.small_sample)
                    )
                },
                s.trend.n.to_string(),
            ]
        })
        .collect();
    blocks.push(Block::Heading("over the window".into()));
    blocks.push(grid(
        &["value", "postings", "share", "trend, pts/year", "months"],
        trend_rows,
    ));

    blocks.push(Block::Heading("by month".into()));
    let mut header = vec!["month".to_string(), "n".to_string()];
    for series in &t.series {
        header.push(series.value.clone());
        header.push(format!("{} share", series.value));
    }
    header.push("coverage".into());
    let rows = t
        .months
        .iter()
        .enumerate()
        .map(|(index, month)| {
            let mut cells = vec![month.month.to_string(), month.n.to_string()];
            for series in &t.series {
                match series.points.get(index) {
                    Some(point) => {
                        cells.push(point.share.count.to_string());
                        cells.push(share(&point.share));
                    }
                    None => cells.extend(["-".to_string(), "-".to_string()]),
                }
            }
            cells.push(
                month
                    .coverage
                    .map_or(String::new(), |c| c.name().to_string()),
            );
            cells
        })
        .collect();
    blocks.push(Block::Grid { header, rows });
    notes_blocks(&mut blocks, &t.notes);
    blocks
}
