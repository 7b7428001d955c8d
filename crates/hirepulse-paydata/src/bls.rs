//! BLS OEWS national xlsx reader. Rows are occupation aggregates, not people, so they come out
//! as [`OccupationWages`] with published annual percentiles rather than as `PayRecord`s. Cells
//! marked "#" (wage ≥ the top-coding threshold, $239,200 in 2024) are kept as
//! [`Wage::TopCoded`], "*"/"**"/blank as [`Wage::NotAvailable`]. Every row is read generically;
//! [`OccupationWages::lane`] is set only for the tech occupations listed in the mapping file,
//! so callers filter on it. The sheet is loaded whole (calamine has no row streaming); the
//! iterator then yields one row at a time.
//!
//! [`read_records`] turns the detailed occupations (`O_GROUP` = `detailed`; broad, minor and
//! major groups are sums of them and would count the same people twice) into one
//! [`PayRecord`] per occupation and year: basis `official_statistics`, amount = the median,
//! the other percentiles in [`Published`]. Row numbers are sheet rows (the header is row 1).

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use crate::{Basis, Mapping, PayKind, PayRecord, Period, Published, Records, RowError};

/// One published annual wage figure.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wage {
    Value(f64),
    /// "#": at or above the top-coding threshold.
    TopCoded,
    /// "*", "**" or blank: not published.
    NotAvailable,
}

/// One occupation's national wage distribution for one May reference year.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OccupationWages {
    pub year: Option<u16>,
    pub row: u64,
    pub occ_code: String,
    pub occ_title: String,
    /// `O_GROUP` (`detailed`, `broad`, `minor`, `major`, `total`); empty when the file has none.
    pub group: String,
    pub lane: Option<String>,
    pub employment: Option<u64>,
    pub p10: Wage,
    pub p25: Wage,
    pub median: Wage,
    pub p75: Wage,
    pub p90: Wage,
    pub mean: Wage,
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

fn wage(d: Option<&Data>) -> Result<Wage, String> {
    match d {
        None | Some(Data::Empty) => Ok(Wage::NotAvailable),
        Some(Data::Float(f)) if *f >= 0.0 => Ok(Wage::Value(*f)),
        Some(Data::Int(i)) if *i >= 0 => Ok(Wage::Value(*i as f64)),
        Some(Data::String(s)) => {
            let s = s.trim();
            match s {
                "#" => Ok(Wage::TopCoded),
                "" | "*" | "**" => Ok(Wage::NotAvailable),
                _ => s
                    .replace(',', "")
                    .parse::<f64>()
                    .ok()
                    .filter(|v| *v >= 0.0)
                    .map(Wage::Value)
                    .ok_or_else(|| format!("bad wage cell {s:?}")),
            }
        }
        Some(other) => Err(format!("bad wage cell {other:?}")),
    }
}

/// Year from a file name like `national_M2024_dl.xlsx`.
fn year_of(path: &Path) -> Option<u16> {
    let name = path.file_name()?.to_str()?;
    let i = name.find("_M")?;
    name.get(i + 2..i + 6)?.parse().ok()
}

/// Read an OEWS national xlsx (first sheet) into occupation rows.
pub fn read_oews(
    path: &Path,
) -> Result<impl Iterator<Item = Result<OccupationWages, RowError>>, RowError> {
    let file = path.to_path_buf();
    let open_err = |reason: String| RowError {
        file: file.clone(),
        row: 0,
        line: 0,
        reason,
    };
    let mut wb = open_workbook_auto(path).map_err(|e| open_err(format!("cannot open: {e}")))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| open_err("no sheet".into()))?
        .map_err(|e| open_err(format!("cannot read sheet: {e}")))?;
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .ok_or_else(|| open_err("empty sheet".into()))?
        .iter()
        .map(|d| text(d).to_uppercase())
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| open_err(format!("missing column {name}")))
    };
    let c = [
        col("OCC_CODE")?,
        col("OCC_TITLE")?,
        col("TOT_EMP")?,
        col("A_PCT10")?,
        col("A_PCT25")?,
        col("A_MEDIAN")?,
        col("A_PCT75")?,
        col("A_PCT90")?,
        col("A_MEAN")?,
    ];
    let group_col = header
        .iter()
        .position(|h| h == "O_GROUP" || h == "OCC_GROUP");
    let year = year_of(path);
    let map = Mapping::builtin();
    let data: Vec<Vec<Data>> = rows.map(|r| r.to_vec()).collect();
    Ok(data.into_iter().enumerate().map(move |(i, r)| {
        let row = i as u64 + 1;
        let err = |reason: String| RowError {
            file: file.clone(),
            row,
            line: row + 1,
            reason,
        };
        let occ_code = r.get(c[0]).map(text).unwrap_or_default();
        if occ_code.is_empty() {
            return Err(err("empty OCC_CODE".into()));
        }
        let w = |k: usize| wage(r.get(c[k])).map_err(&err);
        let employment = match wage(r.get(c[2])).map_err(&err)? {
            Wage::Value(v) => Some(v as u64),
            _ => None,
        };
        Ok(OccupationWages {
            year,
            row,
            lane: map.bls_lane(&occ_code),
            occ_title: r.get(c[1]).map(text).unwrap_or_default(),
            group: group_col
                .and_then(|g| r.get(g))
                .map(text)
                .unwrap_or_default()
                .to_lowercase(),
            occ_code,
            employment,
            p10: w(3)?,
            p25: w(4)?,
            median: w(5)?,
            p75: w(6)?,
            p90: w(7)?,
            mean: w(8)?,
        })
    }))
}

fn value(w: Wage) -> Option<f64> {
    match w {
        Wage::Value(v) => Some(v),
        _ => None,
    }
}

impl OccupationWages {
    /// This occupation as a pay record (amount = the median), or `None` when the median is
    /// not published as a figure.
    pub fn to_record(&self, source_file: &str) -> Option<PayRecord> {
        let median = value(self.median)?;
        let mut top_coded = Vec::new();
        for (name, w) in [
            ("p10", self.p10),
            ("p25", self.p25),
            ("p50", self.median),
            ("p75", self.p75),
            ("p90", self.p90),
        ] {
            if w == Wage::TopCoded {
                top_coded.push(name);
            }
        }
        let mut record = PayRecord {
            dataset: "bls_oews",
            source_file: source_file.to_string(),
            row: self.row,
            line: self.row + 1,
            year: self.year,
            title: self.occ_title.clone(),
            code: Some(self.occ_code.clone()),
            lane: self.lane.clone(),
            seniority: None,
            country: Some("US".into()),
            currency: "USD".into(),
            amount: median,
            base: Some(median),
            total_comp: None,
            amount_usd: Some(median),
            annual_usd: None,
            period: Period::Year,
            pay_kind: PayKind::Base,
            basis: Basis::OfficialStatistics,
            employment_type: None,
            remote_ratio: None,
            company_size: None,
            main_language: None,
            published: Some(Published {
                employment: self.employment,
                p10: value(self.p10),
                p25: value(self.p25),
                p75: value(self.p75),
                p90: value(self.p90),
                top_coded,
            }),
            flag: None,
        };
        record.convert();
        Some(record)
    }
}

/// The detailed occupations of an OEWS national file as pay records (see the module doc).
/// Aggregate rows and rows without a published median are left out silently: they are not
/// malformed, just not per-occupation figures.
pub fn read_records(path: &Path) -> Result<Records, RowError> {
    let rows = read_oews(path)?;
    let source_file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Box::new(rows.filter_map(move |r| match r {
        Err(e) => Some(Err(e)),
        Ok(o) if o.group.is_empty() || o.group == "detailed" => o.to_record(&source_file).map(Ok),
        Ok(_) => None,
    })))
}
