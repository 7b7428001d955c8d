//! The pay-dataset part of the baseline (format 2): the usable pay records the reports read,
//! as figures only, grouped so ~180,000 records take about a megabyte.
//!
//! - `D<TAB>dataset<TAB>year<TAB>lane<TAB>level<TAB>country<TAB>language<TAB>pay_kind<TAB>kind
//!   <TAB>annual_usd,annual_usd,...`: every record sharing those fields, one amount each (the
//!   records' order inside a group is the store's; figures do not depend on order);
//! - `O<TAB>` the same nine fields, then `median<TAB>occupation<TAB>employment<TAB>p10<TAB>p25
//!   <TAB>p75<TAB>p90`: one official-statistics row with its published figures.
//!
//! Strings are string-table ids as in postings; an empty field is `None`; numbers are in Rust's
//! shortest round-trip form, so parsing gives back the same `f64`s.

use super::{number, push_field, table_string, Interner};
use hirepulse_store::pay_records::{PaySample, Published};
use std::collections::HashMap;
use std::io::{self, Write};

/// Fields of a `D` line, the tag included; an `O` line has 7 more.
pub(super) const GROUP_FIELDS: usize = 10;
pub(super) const OFFICIAL_FIELDS: usize = 16;

type Key = (
    String,
    Option<u16>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

fn key(s: &PaySample) -> Key {
    (
        s.dataset.clone(),
        s.year,
        s.lane.clone(),
        s.level.clone(),
        s.country.clone(),
        s.language.clone(),
        s.pay_kind.clone(),
        s.kind.clone(),
    )
}

fn opt_id(table: &mut Interner, value: &Option<String>, out: &mut dyn Write) -> io::Result<String> {
    match value {
        Some(v) => table.id(v, out),
        None => Ok(String::new()),
    }
}

fn key_fields(
    line: &mut String,
    s: &PaySample,
    table: &mut Interner,
    out: &mut dyn Write,
) -> io::Result<()> {
    let dataset = table.id(&s.dataset, out)?;
    push_field(line, &dataset);
    push_field(line, &s.year.map_or(String::new(), |y| y.to_string()));
    for value in [&s.lane, &s.level, &s.country, &s.language] {
        let id = opt_id(table, value, out)?;
        push_field(line, &id);
    }
    let pay_kind = table.id(&s.pay_kind, out)?;
    push_field(line, &pay_kind);
    let kind = table.id(&s.kind, out)?;
    push_field(line, &kind);
    Ok(())
}

/// Writes `samples` as `D` and `O` lines.
pub(super) fn write(
    samples: &[PaySample],
    table: &mut Interner,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut groups: Vec<(&PaySample, Vec<f64>)> = Vec::new();
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut line = String::new();
    for sample in samples {
        if let Some(published) = &sample.published {
            line.clear();
            line.push('O');
            key_fields(&mut line, sample, table, out)?;
            push_field(&mut line, &number(Some(sample.annual_usd)));
            let occupation = table.id(&published.occupation, out)?;
            push_field(&mut line, &occupation);
            push_field(
                &mut line,
                &published
                    .employment
                    .map_or(String::new(), |e| e.to_string()),
            );
            for value in [published.p10, published.p25, published.p75, published.p90] {
                push_field(&mut line, &number(value));
            }
            writeln!(out, "{line}")?;
            continue;
        }
        let k = key(sample);
        match index.get(&k) {
            Some(&i) => groups[i].1.push(sample.annual_usd),
            None => {
                index.insert(k, groups.len());
                groups.push((sample, vec![sample.annual_usd]));
            }
        }
    }
    for (sample, amounts) in groups {
        line.clear();
        line.push('D');
        key_fields(&mut line, sample, table, out)?;
        let amounts: Vec<String> = amounts.iter().map(|a| number(Some(*a))).collect();
        push_field(&mut line, &amounts.join(","));
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Parses a `D` or `O` line into samples (appended to `into`).
pub(super) fn parse(raw: &str, table: &[String], into: &mut Vec<PaySample>) -> Result<(), String> {
    let fields: Vec<&str> = raw.split('\t').collect();
    let official = fields.first() == Some(&"O");
    let want = if official {
        OFFICIAL_FIELDS
    } else {
        GROUP_FIELDS
    };
    if fields.len() != want {
        return Err(format!(
            "a pay {} line has {want} fields, this line {}",
            if official { "official" } else { "group" },
            fields.len()
        ));
    }
    let string = |id: &str| table_string(table, id);
    let opt = |id: &str| -> Result<Option<String>, String> {
        if id.is_empty() {
            Ok(None)
        } else {
            string(id).map(Some)
        }
    };
    let num = |v: &str| -> Result<f64, String> {
        v.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("pay {v:?} is not a number"))
    };
    let opt_num = |v: &str| -> Result<Option<f64>, String> {
        if v.is_empty() {
            Ok(None)
        } else {
            num(v).map(Some)
        }
    };
    let year = if fields[2].is_empty() {
        None
    } else {
        Some(
            fields[2]
                .parse::<u16>()
                .map_err(|_| format!("year {:?} is not a year", fields[2]))?,
        )
    };
    let base = PaySample {
        dataset: string(fields[1])?,
        year,
        lane: opt(fields[3])?,
        level: opt(fields[4])?,
        country: opt(fields[5])?,
        language: opt(fields[6])?,
        annual_usd: 0.0,
        pay_kind: string(fields[7])?,
        kind: string(fields[8])?,
        published: None,
    };
    if official {
        let employment = if fields[11].is_empty() {
            None
        } else {
            Some(
                fields[11]
                    .parse::<u64>()
                    .map_err(|_| format!("employment {:?} is not a count", fields[11]))?,
            )
        };
        into.push(PaySample {
            annual_usd: num(fields[9])?,
            published: Some(Published {
                occupation: string(fields[10])?,
                employment,
                p10: opt_num(fields[12])?,
                p25: opt_num(fields[13])?,
                p75: opt_num(fields[14])?,
                p90: opt_num(fields[15])?,
            }),
            ..base
        });
        return Ok(());
    }
    if fields[9].is_empty() {
        return Err("a pay group has no amounts".into());
    }
    for amount in fields[9].split(',') {
        into.push(PaySample {
            annual_usd: num(amount)?,
            ..base.clone()
        });
    }
    Ok(())
}
