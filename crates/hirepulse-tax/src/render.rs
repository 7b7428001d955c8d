//! Plain-text and markdown renderings of the tax and contract results.
//!
//! Both formats are made from one list of [`Section`]s (a title and label/value rows, or a grid),
//! so the two cannot drift apart; JSON is the serde form of the result and lives with the caller.

use crate::engine::TaxResult;
use std::fmt::Write as _;

/// A titled block: either label/value rows or a grid with a header.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Section {
    pub fn pairs(title: impl Into<String>, rows: Vec<(String, String)>) -> Section {
        Section {
            title: title.into(),
            header: Vec::new(),
            rows: rows
                .into_iter()
                .map(|(label, value)| vec![label, value])
                .collect(),
        }
    }
}

/// Dollars with thousands separators and cents: `24,734.00`, `-1,000.50`.
pub fn money(amount: f64) -> String {
    let negative = amount < 0.0;
    let total_cents = (amount.abs() * 100.0).round() as u128;
    let whole = (total_cents / 100).to_string();
    let mut grouped = String::new();
    for (idx, digit) in whole.chars().enumerate() {
        if idx > 0 && (whole.len() - idx).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!(
        "{}{grouped}.{:02}",
        if negative { "-" } else { "" },
        total_cents % 100
    )
}

/// A fraction as a percentage with one decimal: `0.2345` → `23.5%`.
pub fn percent(fraction: f64) -> String {
    format!("{:.1}%", fraction * 100.0)
}

/// The sections of a tax result.
pub fn tax_sections(result: &TaxResult) -> Vec<Section> {
    let b = &result.breakdown;
    let mut main = vec![
        ("gross income".to_string(), money(result.gross_income)),
        ("AGI".to_string(), money(result.agi)),
        (
            "standard deduction".to_string(),
            money(b.standard_deduction),
        ),
        ("QBI deduction".to_string(), money(result.qbi_deduction)),
        ("taxable income".to_string(), money(result.taxable_income)),
        (
            "federal income tax".to_string(),
            money(result.federal_income_tax),
        ),
        (
            "self-employment tax".to_string(),
            money(result.self_employment_tax),
        ),
        ("Social Security".to_string(), money(result.social_security)),
        ("Medicare".to_string(), money(result.medicare)),
        (
            "Additional Medicare".to_string(),
            money(result.additional_medicare),
        ),
        (
            format!("{} income tax", result.state),
            money(result.state_income_tax),
        ),
    ];
    for line in &b.state_payroll {
        main.push((line.name.clone(), money(line.amount)));
    }
    if b.gross_receipts_tax > 0.0 {
        main.push((
            "gross-receipts tax".to_string(),
            money(b.gross_receipts_tax),
        ));
    }
    main.push(("total tax".to_string(), money(result.total_tax)));
    main.push(("effective rate".to_string(), percent(result.effective_rate)));
    main.push(("pre-tax savings".to_string(), money(result.pre_tax_savings)));
    main.push(("take-home".to_string(), money(result.take_home)));
    let title = format!(
        "US tax {} — {}, {}{}",
        result.year,
        result.filing.as_str(),
        result.state,
        if result.state_year != result.year {
            format!(" ({} figures)", result.state_year)
        } else {
            String::new()
        }
    );
    let mut sections = vec![Section::pairs(title, main)];
    let mut detail = vec![
        (
            "wages for income tax".to_string(),
            money(b.wages_for_income_tax),
        ),
        (
            "wages for payroll tax".to_string(),
            money(b.wages_for_payroll_tax),
        ),
        (
            "SE net earnings (92.35%)".to_string(),
            money(b.se_net_earnings),
        ),
        (
            "half SE tax deduction".to_string(),
            money(b.half_se_tax_deduction),
        ),
        (
            "owner retirement deduction".to_string(),
            money(b.retirement_deduction),
        ),
        (
            "taxable income before QBI".to_string(),
            money(b.taxable_income_before_qbi),
        ),
        (
            "qualified business income".to_string(),
            money(b.qualified_business_income),
        ),
        ("QBI cap (20% of taxable)".to_string(), money(b.qbi_cap)),
        (
            "federal marginal rate".to_string(),
            percent(b.federal_marginal_rate),
        ),
    ];
    if result.state_income_tax > 0.0 || b.state_taxable_income > 0.0 {
        detail.push(("state AGI".to_string(), money(b.state_agi)));
        detail.push((
            "state taxable income".to_string(),
            money(b.state_taxable_income),
        ));
        if b.state_recapture > 0.0 {
            detail.push(("state recapture".to_string(), money(b.state_recapture)));
        }
        if b.state_exemption_credit > 0.0 {
            detail.push((
                "state exemption credit".to_string(),
                money(b.state_exemption_credit),
            ));
        }
    }
    sections.push(Section::pairs("how it was computed", detail));
    let notes: Vec<(String, String)> = result
        .flags
        .iter()
        .map(|flag| (format!("flag: {}", flag.code), flag.message.clone()))
        .chain(
            result
                .notes
                .iter()
                .map(|note| ("note".to_string(), note.clone())),
        )
        .collect();
    sections.push(Section::pairs("flags and notes", notes));
    sections
}

fn is_numeric(cell: &str) -> bool {
    cell.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '$')
        && !cell.contains(' ')
}

/// Aligned plain text.
pub fn to_table(sections: &[Section]) -> String {
    let mut out = String::new();
    for (idx, section) in sections.iter().enumerate() {
        if idx > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", section.title);
        let mut rows: Vec<&Vec<String>> = Vec::new();
        if !section.header.is_empty() {
            rows.push(&section.header);
        }
        rows.extend(section.rows.iter());
        let columns = rows.iter().map(|row| row.len()).max().unwrap_or(0);
        let has_header = !section.header.is_empty();
        // Width of a column: its widest cell, except that a last column is padded only to its
        // widest number (long words there are left as they are).
        let widths: Vec<usize> = (0..columns)
            .map(|col| {
                rows.iter()
                    .filter_map(|row| row.get(col).map(|cell| (row.len() == col + 1, cell)))
                    .filter(|(last, cell)| has_header || !last || is_numeric(cell))
                    .map(|(_, cell)| cell.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (row_idx, row) in rows.iter().enumerate() {
            let is_header = has_header && row_idx == 0;
            let mut line = String::from("  ");
            for (col, cell) in row.iter().enumerate() {
                let width = widths[col];
                let last = col + 1 == row.len();
                if col > 0
                    && (is_numeric(cell) || (has_header && (is_header || !cell.contains(' '))))
                {
                    let _ = write!(line, "{cell:>width$}");
                } else if last {
                    line.push_str(cell);
                } else {
                    let _ = write!(line, "{cell:<width$}");
                }
                if !last {
                    line.push_str("  ");
                }
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out
}

/// Markdown: a heading and a table per section.
pub fn to_markdown(sections: &[Section]) -> String {
    let mut out = String::new();
    for (idx, section) in sections.iter().enumerate() {
        if idx > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "### {}\n", section.title);
        let header = if section.header.is_empty() {
            vec![String::new(), String::new()]
        } else {
            section.header.clone()
        };
        let escape = |cell: &str| cell.replace('|', "\\|");
        let _ = writeln!(
            out,
            "| {} |",
            header
                .iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(
            out,
            "|{}|",
            header
                .iter()
                .enumerate()
                .map(|(col, _)| if col == 0 { "---" } else { "---:" })
                .collect::<Vec<_>>()
                .join("|")
        );
        for row in &section.rows {
            let _ = writeln!(
                out,
                "| {} |",
                row.iter()
                    .map(|c| escape(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
        }
    }
    out
}

/// The sections of a contract-vs-full-time comparison.
pub fn contract_sections(comparison: &crate::contract::Comparison) -> Vec<Section> {
    let input = &comparison.input;
    let fte = &comparison.fte;
    let contractor = &comparison.contractor;
    let at = if input.contractor.offered_rate.is_some() {
        "at the offered rate"
    } else {
        "at break-even"
    };
    let side_by_side = Section {
        title: format!(
            "Contract vs full-time {} — {}, {}",
            input.year,
            input.filing.as_str(),
            fte.tax.state
        ),
        header: vec![String::new(), "full-time".into(), format!("contract {at}")],
        rows: vec![
            vec![
                "hourly rate".into(),
                money(fte.w2_wages / fte.paid_hours),
                money(contractor.hourly_rate),
            ],
            vec![
                "hours paid / billed".into(),
                format!("{:.0}", fte.paid_hours),
                format!("{:.0}", contractor.billable_hours),
            ],
            vec![
                "gross pay / receipts".into(),
                money(fte.w2_wages),
                money(contractor.receipts),
            ],
            vec![
                "employer 401(k) / Solo 401(k) employer".into(),
                money(fte.employer_match),
                money(contractor.solo401k_employer),
            ],
            vec![
                "employer health premium / own premium".into(),
                money(fte.employer_health_premium),
                money(contractor.health_insurance),
            ],
            vec![
                "employer payroll tax / business costs".into(),
                money(fte.employer_payroll_tax),
                money(contractor.business_costs),
            ],
            vec![
                "total package (employer cost)".into(),
                money(fte.total_package),
                money(contractor.receipts),
            ],
            vec![
                "federal income tax".into(),
                money(fte.tax.federal_income_tax),
                money(contractor.tax.federal_income_tax),
            ],
            vec![
                "QBI deduction".into(),
                money(fte.tax.qbi_deduction),
                money(contractor.tax.qbi_deduction),
            ],
            vec![
                "Social Security + Medicare / SE tax".into(),
                money(fte.tax.social_security + fte.tax.medicare + fte.tax.additional_medicare),
                money(contractor.tax.self_employment_tax + contractor.tax.additional_medicare),
            ],
            vec![
                "state income and other tax".into(),
                money(fte.tax.state_income_tax + fte.tax.state_other_tax),
                money(contractor.tax.state_income_tax + contractor.tax.state_other_tax),
            ],
            vec![
                "take-home".into(),
                money(fte.take_home),
                money(contractor.take_home),
            ],
            vec![
                "retirement and HSA savings".into(),
                money(fte.savings),
                money(contractor.savings),
            ],
            vec![
                "take-home + savings".into(),
                money(fte.comparable),
                money(contractor.comparable),
            ],
        ],
    };
    let break_even = Section::pairs(
        "Break-even contract rate (take-home + savings equal)",
        vec![
            ("hourly".into(), money(comparison.break_even_hourly)),
            (
                "annual receipts".into(),
                money(comparison.break_even_annual),
            ),
            (
                "ratio to the W-2 hourly".into(),
                format!(
                    "{:.2}x",
                    comparison.break_even_hourly / (fte.w2_wages / fte.paid_hours).max(0.01)
                ),
            ),
        ],
    );
    let sensitivity = &comparison.sensitivity;
    let mut header = vec!["bench weeks \\ hours/week".to_string()];
    header.extend(
        sensitivity
            .hours_per_week
            .iter()
            .map(|h| format!("{h:.0} h")),
    );
    let rows = sensitivity
        .bench_weeks
        .iter()
        .zip(&sensitivity.hourly)
        .map(|(bench, row)| {
            let mut cells = vec![format!("{bench:.0}")];
            cells.extend(row.iter().map(|rate| money(*rate)));
            cells
        })
        .collect();
    let sensitivity = Section {
        title: "Break-even hourly rate by bench weeks and billable hours a week".into(),
        header,
        rows,
    };
    let thumbs = Section::pairs(
        "Rules of thumb (a sanity check beside the computed break-even, not a result)",
        comparison
            .rules_of_thumb
            .iter()
            .map(|rule| {
                let value = if (rule.hourly_low - rule.hourly_high).abs() < 0.005 {
                    money(rule.hourly_low)
                } else {
                    format!("{} - {}", money(rule.hourly_low), money(rule.hourly_high))
                };
                (rule.rule.clone(), value)
            })
            .collect(),
    );
    let mut sections = vec![side_by_side, break_even, sensitivity, thumbs];
    if let Some(position) = &comparison.market_position {
        let quartile = |value: Option<f64>| value.map(money).unwrap_or_else(|| "n/a".into());
        sections.push(Section::pairs(
            "Salary in the posted-pay distribution",
            vec![
                ("scope".into(), position.description.clone()),
                ("postings with pay (n)".into(), position.n.to_string()),
                (
                    "share of posted pay below the salary".into(),
                    format!(
                        "{} (95% CI {} - {}){}",
                        percent(position.share_below),
                        percent(position.share_below_low),
                        percent(position.share_below_high),
                        if position.small_sample {
                            ", small sample"
                        } else {
                            ""
                        }
                    ),
                ),
                (
                    "p25 / p50 / p75".into(),
                    format!(
                        "{} / {} / {}",
                        quartile(position.p25),
                        quartile(position.p50),
                        quartile(position.p75)
                    ),
                ),
            ],
        ));
    }
    let notes: Vec<(String, String)> = comparison
        .flags
        .iter()
        .map(|flag| (format!("flag: {}", flag.code), flag.message.clone()))
        .chain(
            comparison
                .notes
                .iter()
                .map(|note| ("note".to_string(), note.clone())),
        )
        .chain(
            comparison
                .sources
                .iter()
                .map(|line| ("source".to_string(), line.clone())),
        )
        .collect();
    sections.push(Section::pairs("flags, notes and sources", notes));
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands_and_keeps_cents() {
        assert_eq!(money(24_734.0), "24,734.00");
        assert_eq!(money(1_000_000.5), "1,000,000.50");
        assert_eq!(money(-999.999), "-1,000.00");
        assert_eq!(money(0.0), "0.00");
    }
}
