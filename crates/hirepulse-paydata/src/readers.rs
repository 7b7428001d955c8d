//! CSV readers, one function per dataset, sharing one streaming loop: each data row is turned
//! into a record or a [`RowError`] for that row alone (wrong width, bad number, unknown
//! currency, negative pay, empty title), so one bad cell never drops the file.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::{Basis, Dataset, Mapping, PayKind, PayRecord, Period, Records, RowError};

type RowFn = fn(&csv::StringRecord, &Mapping) -> Result<PayRecord, String>;

pub(crate) fn read(ds: Dataset, path: &Path, map: &'static Mapping) -> Result<Records, RowError> {
    let file = File::open(path).map_err(|e| RowError {
        file: path.to_path_buf(),
        row: 0,
        line: 0,
        reason: format!("cannot open: {e}"),
    })?;
    let (delim, width, f): (u8, usize, RowFn) = match ds {
        Dataset::AiJobs => (b',', 11, aijobs),
        Dataset::LevelsFyi => (b';', 14, levels),
        Dataset::EuItSurvey2020 => (b',', 23, eu),
        Dataset::H1b => (b',', 10, h1b),
        Dataset::BlsOews => {
            return Err(RowError {
                file: path.to_path_buf(),
                row: 0,
                line: 0,
                reason: "BLS OEWS is an xlsx file, not CSV".into(),
            })
        }
    };
    let rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .has_headers(true)
        .from_reader(file);
    let file: PathBuf = path.to_path_buf();
    let source_file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let id = ds.record_id(path);
    Ok(Box::new(rdr.into_records().enumerate().map(
        move |(i, r)| {
            let row = i as u64 + 1;
            let err = |line: u64, reason: String| RowError {
                file: file.clone(),
                row,
                line,
                reason,
            };
            let rec = match r {
                Ok(rec) => rec,
                Err(e) => {
                    let line = e.position().map_or(row + 1, |p| p.line());
                    return Err(err(line, format!("csv: {e}")));
                }
            };
            let line = rec.position().map_or(row + 1, |p| p.line());
            if rec.len() != width {
                return Err(err(
                    line,
                    format!("expected {width} fields, found {}", rec.len()),
                ));
            }
            let mut out = f(&rec, map).map_err(|reason| err(line, reason))?;
            out.dataset = id;
            out.source_file = source_file.clone();
            out.row = row;
            out.line = line;
            out.convert();
            Ok(out)
        },
    )))
}

const CURRENCIES: &[&str] = &[
    "USD", "EUR", "GBP", "INR", "CAD", "AUD", "CHF", "JPY", "PLN", "BRL", "SGD", "SEK", "NOK",
    "DKK", "CZK", "HUF", "MXN", "TRY", "ILS", "HKD", "NZD", "ZAR", "CNY", "RUB", "UAH", "PHP",
    "THB", "CLP", "COP", "ARS", "KRW", "TWD", "AED", "RON", "BGN", "PKR", "IDR", "MYR", "NGN",
    "EGP", "VND", "KES", "HRK", "ISK", "SAR", "QAR",
];

fn field(r: &csv::StringRecord, i: usize) -> &str {
    r.get(i).unwrap_or("").trim()
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Parse a pay amount: digits with optional thousands separators, non-negative.
fn amount(s: &str, what: &str) -> Result<f64, String> {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    // Survey answers like "55k" mean thousands.
    let lower = cleaned.to_lowercase();
    let (digits, scale) = match lower.strip_suffix('k') {
        Some(d) => (d, 1000.0),
        None => (lower.as_str(), 1.0),
    };
    let v: f64 = digits
        .parse::<f64>()
        .map(|v| v * scale)
        .map_err(|_| format!("{what} is not a number: {s:?}"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!("{what} is negative or not finite: {s:?}"));
    }
    Ok(v)
}

fn title(s: &str) -> Result<String, String> {
    if s.is_empty() {
        Err("empty title".into())
    } else {
        Ok(s.to_string())
    }
}

fn base(title: String, map: &Mapping, code: Option<&str>) -> PayRecord {
    PayRecord {
        dataset: "",
        source_file: String::new(),
        row: 0,
        line: 0,
        year: None,
        lane: map.lane(&title),
        seniority: map.seniority(&title, code),
        title,
        code: None,
        country: None,
        currency: "USD".into(),
        amount: 0.0,
        base: None,
        total_comp: None,
        amount_usd: None,
        annual_usd: None,
        period: Period::Year,
        pay_kind: PayKind::Base,
        basis: Basis::Survey,
        employment_type: None,
        remote_ratio: None,
        company_size: None,
        main_language: None,
        published: None,
        flag: None,
    }
}

fn aijobs(r: &csv::StringRecord, map: &Mapping) -> Result<PayRecord, String> {
    let t = title(field(r, 3))?;
    let currency = field(r, 5).to_uppercase();
    if !CURRENCIES.contains(&currency.as_str()) {
        return Err(format!("unknown currency {currency:?}"));
    }
    let mut p = base(t, map, Some(field(r, 1)));
    p.year = Some(
        field(r, 0)
            .parse()
            .map_err(|_| format!("bad work_year {:?}", field(r, 0)))?,
    );
    p.amount = amount(field(r, 4), "salary")?;
    p.base = Some(p.amount);
    p.amount_usd = Some(amount(field(r, 6), "salary_in_usd")?);
    p.currency = currency;
    p.employment_type = opt(field(r, 2));
    p.country = opt(field(r, 7));
    p.remote_ratio = field(r, 8).parse().ok();
    p.company_size = opt(field(r, 10));
    Ok(p)
}

fn levels(r: &csv::StringRecord, map: &Mapping) -> Result<PayRecord, String> {
    let t = title(field(r, 1))?;
    let tag = field(r, 6);
    let mut p = base(t, map, None);
    if p.lane.is_none() {
        p.lane = map.lane(tag);
    }
    p.amount = amount(field(r, 2), "totalyearlycompensation")?;
    p.total_comp = Some(p.amount);
    p.pay_kind = PayKind::TotalComp;
    p.country = country_of_location(field(r, 3));
    // The sample has no level column: the title's level, else one from years of experience.
    if p.seniority.is_none() {
        let years = field(r, 4);
        if !years.is_empty() {
            let years: f64 = years
                .parse()
                .map_err(|_| format!("yearsofexperience is not a number: {years:?}"))?;
            p.seniority = map.years_level(years);
        }
    }
    Ok(p)
}

fn eu(r: &csv::StringRecord, map: &Mapping) -> Result<PayRecord, String> {
    let t = title(field(r, 4))?;
    let mut p = base(t, map, None);
    // The survey's own level answer first; the position title only when it gives none.
    if let Some(level) = map.eu_level(field(r, 7)) {
        p.seniority = Some(level);
    }
    p.amount = amount(field(r, 10), "yearly brutto salary")?;
    p.base = Some(p.amount);
    // Total comp where the optional bonus answer is a figure ("depends", "Na", "-" are not:
    // the base salary stands, total comp stays unknown).
    p.total_comp = amount(field(r, 11), "yearly bonus + stocks")
        .ok()
        .map(|bonus| p.amount + bonus);
    p.currency = "EUR".into();
    p.country = map.city_country(field(r, 3));
    p.year = Some(2020);
    p.main_language = map.language(field(r, 8));
    p.employment_type = opt(field(r, 15));
    p.company_size = opt(field(r, 18));
    Ok(p)
}

fn h1b(r: &csv::StringRecord, map: &Mapping) -> Result<PayRecord, String> {
    let t = title(field(r, 1))?;
    let mut p = base(t, map, None);
    p.amount = amount(field(r, 2), "base salary")?;
    p.base = Some(p.amount);
    p.country = Some("US".into());
    p.basis = Basis::Filing;
    p.year = field(r, 6).rsplit('/').next().and_then(|y| y.parse().ok());
    Ok(p)
}

const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
];

const COUNTRIES: &[(&str, &str)] = &[
    ("united states", "US"),
    ("united kingdom", "GB"),
    ("india", "IN"),
    ("canada", "CA"),
    ("germany", "DE"),
    ("netherlands", "NL"),
    ("ireland", "IE"),
    ("israel", "IL"),
    ("switzerland", "CH"),
    ("singapore", "SG"),
    ("australia", "AU"),
    ("france", "FR"),
    ("spain", "ES"),
    ("poland", "PL"),
    ("china", "CN"),
    ("japan", "JP"),
    ("brazil", "BR"),
    ("sweden", "SE"),
    ("russia", "RU"),
    ("taiwan", "TW"),
    ("hong kong (sar)", "HK"),
    ("mexico", "MX"),
    ("romania", "RO"),
    ("ukraine", "UA"),
];

/// "Seattle, WA" → US; "London, EN, United Kingdom" → GB; unknown → None.
pub(crate) fn country_of_location(loc: &str) -> Option<String> {
    let parts: Vec<&str> = loc.split(',').map(str::trim).collect();
    match parts.as_slice() {
        [_, st] if US_STATES.contains(st) => Some("US".into()),
        [.., c] if parts.len() >= 3 => {
            let c = c.to_lowercase();
            COUNTRIES
                .iter()
                .find(|(n, _)| *n == c)
                .map(|(_, code)| code.to_string())
        }
        _ => None,
    }
}
