//! `hirepulse contract-vs-fte --salary 150000 --state TX --filing single`: the full-time
//! package and a contract side by side, the break-even contract rate and its sensitivity
//! (see `hirepulse_tax::contract`), and where the salary sits in the measured posted pay
//! (`hirepulse_reports::salary_position`, store or built-in baseline).

use super::snapshot::open_source;
use super::tax::TaxFormat;
use hirepulse_reports::Filters;
use hirepulse_tax::contract::{compare, ContractDefaults, MarketPosition};
use hirepulse_tax::Filing;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The full-time base salary in dollars a year.
    #[arg(long)]
    pub salary: u64,
    /// Tax year.
    #[arg(long, default_value_t = 2026)]
    pub year: u16,
    /// Filing status: single, joint or head.
    #[arg(long, default_value = "single")]
    pub filing: String,
    /// Two-letter state code (TX, FL, WA, NY, CA).
    #[arg(long, default_value = "TX")]
    pub state: String,
    /// Annual bonus in dollars [default: 0].
    #[arg(long)]
    pub bonus: Option<u64>,
    /// Equity vesting a year in dollars, taxed as wages [default: 0].
    #[arg(long)]
    pub equity: Option<u64>,
    /// Employer 401(k) contribution, percent of salary [default: 4.7, Vanguard/Fidelity].
    #[arg(long, value_name = "PERCENT")]
    pub match_percent: Option<f64>,
    /// The employee's own 401(k) deferral in dollars; the contractor defers the same [default: 0].
    #[arg(long)]
    pub k401: Option<u64>,
    /// HSA contribution in dollars, on both sides [default: 0].
    #[arg(long)]
    pub hsa: Option<u64>,
    /// Employee share of the health premium [default: 1,440, KFF 2025 single].
    #[arg(long)]
    pub employee_premium: Option<u64>,
    /// Employer share of the health premium [default: 7,885, KFF 2025 single].
    #[arg(long)]
    pub employer_premium: Option<u64>,
    /// Paid vacation days of the job; the contractor takes them unpaid [default: 15].
    #[arg(long)]
    pub pto_days: Option<f64>,
    /// Paid holidays of the job; the contractor takes them unpaid [default: 10].
    #[arg(long)]
    pub holidays: Option<f64>,
    /// Contractor billable hours a week [default: 40].
    #[arg(long)]
    pub hours_per_week: Option<f64>,
    /// Contractor unpaid weeks between contracts a year [default: 4].
    #[arg(long)]
    pub bench_weeks: Option<f64>,
    /// Contractor business costs a year in dollars [default: 5,000].
    #[arg(long)]
    pub business_costs: Option<u64>,
    /// Health insurance the contractor buys, dollars a year [default: 9,325, KFF 2025 single].
    #[arg(long)]
    pub health_insurance: Option<u64>,
    /// No Solo 401(k): the contractor saves nothing for retirement pre-tax.
    #[arg(long)]
    pub no_solo401k: bool,
    /// Treat the contracting business as a specified service (section 199A).
    #[arg(long)]
    pub sstb: bool,
    /// An offered hourly rate to show beside the break-even.
    #[arg(long, value_name = "DOLLARS")]
    pub rate: Option<f64>,
    /// Market position: postings naming this language.
    #[arg(long)]
    pub language: Option<String>,
    /// Market position: postings in this lane (backend, data, infra, ...).
    #[arg(long)]
    pub lane: Option<String>,
    /// Market position: postings at this level (junior, mid, senior, staff, ...).
    #[arg(long)]
    pub seniority: Option<String>,
    /// Market position: region, `us` or a country code [default: us].
    #[arg(long, default_value = "us")]
    pub region: String,
    /// Leave out the market position (no store or baseline read).
    #[arg(long)]
    pub no_market: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TaxFormat,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let filing: Filing = args.filing.parse()?;
    let defaults = ContractDefaults::load()?;
    let mut input = defaults.input(args.year, filing, &args.state, args.salary as f64);
    let fte = &mut input.fte;
    let dollars = |value: Option<u64>, default: f64| value.map_or(default, |v| v as f64);
    fte.bonus = dollars(args.bonus, fte.bonus);
    fte.equity = dollars(args.equity, fte.equity);
    fte.match_rate = args.match_percent.map_or(fte.match_rate, |p| p / 100.0);
    fte.k401_deferral = dollars(args.k401, fte.k401_deferral);
    fte.hsa = dollars(args.hsa, fte.hsa);
    fte.employee_health_premium = dollars(args.employee_premium, fte.employee_health_premium);
    fte.employer_health_premium = dollars(args.employer_premium, fte.employer_health_premium);
    fte.pto_days = args.pto_days.unwrap_or(fte.pto_days);
    fte.holidays = args.holidays.unwrap_or(fte.holidays);
    let contractor = &mut input.contractor;
    contractor.vacation_days = input.fte.pto_days;
    contractor.holidays = input.fte.holidays;
    contractor.hours_per_week = args.hours_per_week.unwrap_or(contractor.hours_per_week);
    contractor.bench_weeks = args.bench_weeks.unwrap_or(contractor.bench_weeks);
    contractor.business_costs = dollars(args.business_costs, contractor.business_costs);
    contractor.health_insurance = dollars(args.health_insurance, contractor.health_insurance);
    contractor.solo401k = contractor.solo401k && !args.no_solo401k;
    contractor.sstb = args.sstb || contractor.sstb;
    contractor.offered_rate = args.rate;

    let mut comparison = compare(&input)?;
    if !args.no_market {
        match market_position(cli, args) {
            Ok(position) => comparison.market_position = Some(position),
            Err(err) => comparison
                .notes
                .push(format!("market position not measured: {err:#}")),
        }
    }

    super::tax::print(
        args.format,
        &comparison,
        hirepulse_tax::render::contract_sections,
    )
}

fn market_position(cli: &crate::Cli, args: &Args) -> anyhow::Result<MarketPosition> {
    let filters = Filters::parse(
        Some(args.region.as_str()),
        args.seniority.as_deref(),
        args.lane.as_deref(),
    )?;
    let source = open_source(cli)?;
    Ok(hirepulse_advise::market_position::market_position(
        source.get(),
        args.salary as f64,
        args.language.as_deref(),
        filters,
    )?)
}
