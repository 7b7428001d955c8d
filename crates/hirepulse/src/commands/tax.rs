//! `hirepulse tax --year 2026 --filing single --state NY --w2 150000 --se 0`: the taxes and
//! take-home of one income (see `hirepulse-tax`). JSON is the serde form of the result.

use hirepulse_tax::{Filing, TaxInput};
use std::io::Write;

/// Output format of `tax` and `contract-vs-fte`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TaxFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tax year (a year with a parameter file; 2026).
    #[arg(long, default_value_t = 2026)]
    pub year: u16,
    /// Filing status: single, joint (married filing jointly) or head (head of household).
    #[arg(long, default_value = "single")]
    pub filing: String,
    /// Two-letter state code (TX, FL, WA, NY, CA).
    #[arg(long, default_value = "TX")]
    pub state: String,
    /// W-2 wages in whole dollars a year (gross pay).
    #[arg(long, default_value_t = 0)]
    pub w2: u64,
    /// Self-employment (Schedule C) net profit in whole dollars a year.
    #[arg(long, default_value_t = 0)]
    pub se: u64,
    /// Gross receipts for a state gross-receipts tax (WA B&O) [default: the net profit].
    #[arg(long, value_name = "DOLLARS")]
    pub receipts: Option<u64>,
    /// Employee 401(k) deferral in dollars (employer plan first, then a Solo 401(k)).
    #[arg(long, default_value_t = 0)]
    pub k401: u64,
    /// HSA contribution in dollars, deducted above the line (Form 8889).
    #[arg(long, default_value_t = 0)]
    pub hsa: u64,
    /// The HSA contribution goes through the employer's cafeteria plan, so it is also free of
    /// Social Security and Medicare tax.
    #[arg(long)]
    pub hsa_payroll: bool,
    /// Family HSA coverage (higher limit).
    #[arg(long)]
    pub hsa_family: bool,
    /// The business is a specified service trade or business (section 199A).
    #[arg(long)]
    pub sstb: bool,
    /// Solo 401(k) employer contribution in dollars.
    #[arg(long, default_value_t = 0)]
    pub solo401k: u64,
    /// Self-employed health insurance premiums in dollars.
    #[arg(long, default_value_t = 0)]
    pub se_health: u64,
    /// Employee health premiums paid pre-tax through payroll, in dollars.
    #[arg(long, default_value_t = 0)]
    pub health_premium: u64,
    /// W-2 wages the business paid to employees (section 199A wage limit).
    #[arg(long, default_value_t = 0)]
    pub business_wages: u64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TaxFormat,
}

impl Args {
    /// The checked engine input.
    pub fn input(&self) -> anyhow::Result<TaxInput> {
        let filing: Filing = self.filing.parse()?;
        Ok(TaxInput {
            year: self.year,
            filing,
            state: self.state.clone(),
            w2_wages: self.w2 as f64,
            se_net_profit: self.se as f64,
            se_gross_receipts: self.receipts.map(|r| r as f64),
            k401_deferral: self.k401 as f64,
            hsa: self.hsa as f64,
            hsa_through_payroll: self.hsa_payroll,
            hsa_family: self.hsa_family,
            employee_health_premium: self.health_premium as f64,
            sstb: self.sstb,
            solo401k_employer: self.solo401k as f64,
            se_health_insurance: self.se_health as f64,
            business_w2_wages_paid: self.business_wages as f64,
            business_ubia: 0.0,
        })
    }
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    let result = hirepulse_tax::compute(&args.input()?)?;
    print(args.format, &result, hirepulse_tax::render::tax_sections)
}

/// Prints a tax-crate value to stdout: JSON as serialised, table and markdown from its sections.
/// Shared by `tax` and `contract-vs-fte`.
pub(crate) fn print<T: serde::Serialize>(
    format: TaxFormat,
    value: &T,
    sections: fn(&T) -> Vec<hirepulse_tax::render::Section>,
) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        TaxFormat::Json => {
            serde_json::to_writer_pretty(&mut out, value)?;
            writeln!(out)?;
        }
        TaxFormat::Table => write!(out, "{}", hirepulse_tax::render::to_table(&sections(value)))?,
        TaxFormat::Markdown => write!(
            out,
            "{}",
            hirepulse_tax::render::to_markdown(&sections(value))
        )?,
    }
    out.flush()?;
    Ok(crate::exit::OK)
}
