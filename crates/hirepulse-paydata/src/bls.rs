//! BLS OEWS national xlsx reader. Rows are occupation aggregates, not people, so they come out
//! as [`OccupationWages`] with published annual percentiles rather than as `PayRecord`s. Cells
//! marked "#" (wage ≥ the top-coding threshold, $239,200 in 2024) are kept as
//! [`Wage::TopCoded`], "*"/"**"/blank as [`Wage::NotAvailable`]. Every row is read generically;
//! [`OccupationWages::lane`] is set only for the tech occupations listed in the mapping file,
//! so callers filter on it. The sheet is loaded whole (calamine has no row streaming); the
//! iterator then yields one row at a time.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use crate::{Mapping, RowError};

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
    let year = year_of(path);
    let map = Mapping::builtin();
    let data: Vec<Vec<Data>> = rows.map(|r| r.to_vec()).collect();
    Ok(data.into_iter().enumerate().map(move |(i, r)| {
        let row = i as u64 + 1;
        let err = |reason: String| RowError {
            file: file.clone(),
            row,
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
