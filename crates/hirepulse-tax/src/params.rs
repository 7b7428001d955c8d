//! The year-keyed tax parameters: one embedded TOML file per tax year (`data/us-YYYY.toml`),
//! parsed into typed tables.
//!
//! Rules live in code ([`crate::engine`]) and numbers live here, each table naming its source,
//! so that a new year is a new data file. Parsing is checked once per call of [`Parameters::for_year`]
//! (the files are small); shape errors name the file and the field.

use crate::{Filing, TaxError};
use serde::Deserialize;
use std::collections::BTreeMap;

include!(concat!(env!("OUT_DIR"), "/years.rs"));

/// The tax years that have a parameter file.
pub fn available_years() -> Vec<u16> {
    YEAR_FILES.iter().map(|(year, _, _)| *year).collect()
}

/// A value per filing status.
#[derive(Debug, Clone, Deserialize)]
pub struct ByFiling<T> {
    pub single: T,
    pub joint: T,
    pub head: T,
}

impl<T> ByFiling<T> {
    pub fn get(&self, filing: Filing) -> &T {
        match filing {
            Filing::Single => &self.single,
            Filing::Joint => &self.joint,
            Filing::Head => &self.head,
        }
    }
}

/// A marginal-rate schedule: `rates[i]` applies to income over `thresholds[i]`.
#[derive(Debug, Clone, Deserialize)]
pub struct Schedule {
    pub source: String,
    pub rates: Vec<f64>,
    pub thresholds: ByFiling<Vec<f64>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Federal {
    pub source: String,
    pub rates: Vec<f64>,
    pub thresholds: ByFiling<Vec<f64>>,
    pub standard_deduction: ByFiling<f64>,
}

impl Federal {
    pub fn schedule(&self) -> Schedule {
        Schedule {
            source: self.source.clone(),
            rates: self.rates.clone(),
            thresholds: self.thresholds.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct AdditionalMedicare {
    pub source: String,
    pub rate: f64,
    pub threshold: ByFiling<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Payroll {
    pub source: String,
    pub social_security_rate: f64,
    pub social_security_wage_base: f64,
    pub medicare_rate: f64,
    pub additional_medicare: AdditionalMedicare,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SelfEmployment {
    pub source: String,
    pub net_earnings_factor: f64,
    pub social_security_rate: f64,
    pub medicare_rate: f64,
    pub minimum_net_earnings: f64,
    pub deductible_share: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Qbi {
    pub source: String,
    pub rate: f64,
    pub taxable_income_cap_rate: f64,
    pub wage_limit_rate: f64,
    pub alt_wage_limit_rate: f64,
    pub alt_ubia_rate: f64,
    pub minimum_deduction: f64,
    pub minimum_qbi_for_minimum: f64,
    pub threshold: ByFiling<f64>,
    pub phase_in_range: ByFiling<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Retirement {
    pub source: String,
    pub elective_deferral_limit: f64,
    pub total_additions_limit: f64,
    pub solo_employer_rate: f64,
    pub solo_employer_source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Hsa {
    pub source: String,
    pub self_only_limit: f64,
    pub family_limit: f64,
}

/// A state payroll contribution withheld from wages (e.g. CA SDI, WA PFML).
#[derive(Debug, Clone, Deserialize)]
pub struct StatePayroll {
    pub name: String,
    pub rate: f64,
    #[serde(default)]
    pub wage_base: Option<f64>,
    pub employee_share: f64,
    pub source: String,
}

/// A tax on a contractor's gross receipts (e.g. WA B&O), a business expense.
#[derive(Debug, Clone, Deserialize)]
pub struct GrossReceiptsTax {
    pub name: String,
    pub rate: f64,
    #[serde(default)]
    pub high_rate: Option<f64>,
    #[serde(default)]
    pub high_from: Option<f64>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StandardDeduction {
    pub source: String,
    pub single: f64,
    pub joint: f64,
    pub head: f64,
}

impl StandardDeduction {
    pub fn get(&self, filing: Filing) -> f64 {
        match filing {
            Filing::Single => self.single,
            Filing::Joint => self.joint,
            Filing::Head => self.head,
        }
    }
}

/// New York's supplemental tax (tax benefit recapture), Tax Law 601(d-1).
#[derive(Debug, Clone, Deserialize)]
pub struct Recapture {
    pub source: String,
    pub min_agi: f64,
    pub phase_in: f64,
    /// Per filing status, bands by taxable income: `[from, recapture base, incremental benefit]`.
    pub bands: ByFiling<Vec<[f64; 3]>>,
}

/// A personal exemption credit that phases out by steps of AGI (California).
#[derive(Debug, Clone, Deserialize)]
pub struct ExemptionCredit {
    pub source: String,
    pub phase_out_source: String,
    pub amount: ByFiling<f64>,
    pub phase_out_from: ByFiling<f64>,
    pub step: f64,
    pub reduction_per_step: ByFiling<f64>,
}

/// A flat surcharge on taxable income above a level (California's Mental Health Services Tax).
#[derive(Debug, Clone, Deserialize)]
pub struct Surcharge {
    pub name: String,
    pub rate: f64,
    pub over: f64,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct State {
    pub name: String,
    pub verified_year: u16,
    pub source: String,
    #[serde(default)]
    pub qbi_allowed: bool,
    #[serde(default = "yes")]
    pub hsa_conforms: bool,
    #[serde(default)]
    pub brackets: Option<Schedule>,
    #[serde(default)]
    pub standard_deduction: Option<StandardDeduction>,
    #[serde(default)]
    pub recapture: Option<Recapture>,
    #[serde(default)]
    pub exemption_credit: Option<ExemptionCredit>,
    #[serde(default)]
    pub surcharges: Vec<Surcharge>,
    #[serde(default)]
    pub payroll: Vec<StatePayroll>,
    #[serde(default)]
    pub gross_receipts: Option<GrossReceiptsTax>,
}

fn yes() -> bool {
    true
}

/// All parameters of one tax year.
#[derive(Debug, Clone, Deserialize)]
pub struct Parameters {
    pub year: u16,
    pub sources: BTreeMap<String, String>,
    pub federal: Federal,
    pub payroll: Payroll,
    pub self_employment: SelfEmployment,
    pub qbi: Qbi,
    pub retirement: Retirement,
    pub hsa: Hsa,
    pub states: BTreeMap<String, State>,
}

impl Parameters {
    /// The parameters of `year`, or an error listing the years that exist.
    pub fn for_year(year: u16) -> Result<Parameters, TaxError> {
        let Some((_, file, text)) = YEAR_FILES
            .iter()
            .find(|(file_year, _, _)| *file_year == year)
        else {
            return Err(TaxError::UnknownYear {
                year,
                available: available_years(),
            });
        };
        let parameters: Parameters = toml::from_str(text).map_err(|err| TaxError::Data {
            file: (*file).to_string(),
            reason: err.to_string(),
        })?;
        parameters.check(file)?;
        Ok(parameters)
    }

    /// The state's parameters by its two-letter code (any case), or an error listing the states.
    pub fn state(&self, code: &str) -> Result<(&str, &State), TaxError> {
        let wanted = code.trim().to_ascii_uppercase();
        self.states
            .get_key_value(&wanted)
            .map(|(code, state)| (code.as_str(), state))
            .ok_or_else(|| TaxError::UnknownState {
                state: code.to_string(),
                year: self.year,
                available: self.states.keys().cloned().collect(),
            })
    }

    /// The text of a source key, or the key itself when the file does not define it.
    pub fn source_text(&self, key: &str) -> String {
        self.sources
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// Shape checks the types cannot express: schedules ascending from zero with one rate per
    /// threshold, and every named source defined.
    fn check(&self, file: &str) -> Result<(), TaxError> {
        let bad = |reason: String| TaxError::Data {
            file: file.to_string(),
            reason,
        };
        let mut schedules: Vec<(String, Schedule)> =
            vec![("federal".into(), self.federal.schedule())];
        for (code, state) in &self.states {
            if let Some(schedule) = &state.brackets {
                schedules.push((format!("states.{code}.brackets"), schedule.clone()));
            }
            if state.brackets.is_some() && state.standard_deduction.is_none() {
                return Err(bad(format!(
                    "states.{code} has brackets but no standard_deduction"
                )));
            }
        }
        for (name, schedule) in &schedules {
            for (filing, thresholds) in [
                ("single", &schedule.thresholds.single),
                ("joint", &schedule.thresholds.joint),
                ("head", &schedule.thresholds.head),
            ] {
                if thresholds.len() != schedule.rates.len() {
                    return Err(bad(format!(
                        "{name}.thresholds.{filing} has {} thresholds for {} rates",
                        thresholds.len(),
                        schedule.rates.len()
                    )));
                }
                if thresholds.first() != Some(&0.0) {
                    return Err(bad(format!("{name}.thresholds.{filing} must start at 0")));
                }
                if thresholds.windows(2).any(|pair| pair[0] >= pair[1]) {
                    return Err(bad(format!("{name}.thresholds.{filing} must ascend")));
                }
            }
            if !self.sources.contains_key(&schedule.source) {
                return Err(bad(format!(
                    "{name}: source {:?} is not in [sources]",
                    schedule.source
                )));
            }
        }
        for (code, state) in &self.states {
            let Some(recapture) = &state.recapture else {
                continue;
            };
            if state.brackets.is_none() {
                return Err(bad(format!("states.{code}.recapture needs brackets")));
            }
            for filing in Filing::ALL {
                let bands = recapture.bands.get(filing);
                if bands.first().map(|band| band[0]) != Some(0.0)
                    || bands.windows(2).any(|pair| pair[0][0] >= pair[1][0])
                {
                    return Err(bad(format!(
                        "states.{code}.recapture.bands.{} must start at 0 and ascend",
                        filing.as_str()
                    )));
                }
            }
        }
        let mut keys = vec![
            &self.federal.source,
            &self.payroll.source,
            &self.payroll.additional_medicare.source,
            &self.self_employment.source,
            &self.qbi.source,
            &self.retirement.source,
            &self.retirement.solo_employer_source,
            &self.hsa.source,
        ];
        for state in self.states.values() {
            keys.push(&state.source);
            keys.extend(state.payroll.iter().map(|p| &p.source));
            keys.extend(state.surcharges.iter().map(|s| &s.source));
            keys.extend(state.gross_receipts.iter().map(|g| &g.source));
            keys.extend(state.standard_deduction.iter().map(|d| &d.source));
            keys.extend(state.recapture.iter().map(|r| &r.source));
            if let Some(credit) = &state.exemption_credit {
                keys.push(&credit.source);
                keys.push(&credit.phase_out_source);
            }
        }
        if let Some(missing) = keys
            .into_iter()
            .find(|key| !self.sources.contains_key(*key))
        {
            return Err(bad(format!("source {missing:?} is not in [sources]")));
        }
        Ok(())
    }
}
