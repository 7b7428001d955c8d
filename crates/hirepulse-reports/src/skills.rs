//! `skills LANG`: what is asked next to a language — each technology and other language that
//! co-occurs with it in the window, with the postings having both, its share of the language's
//! postings (Wilson interval) and its lift (P(item | language) / P(item)) with an interval and
//! a low-support flag, from `hirepulse-stats`.
//!
//! Two lists, because they answer different questions: by lift (what is characteristic of the
//! language; only items with support ≥ [`MIN_SUPPORT`], since lift on a handful of postings is
//! noise) and by count (what is most often asked with it, lift or not). Categories and display
//! names come from the extractor's taxonomy, so the report and the extractor cannot disagree on
//! what an id is; an id the taxonomy does not know keeps a null category.

use crate::config::{Dimension, Filters, MonthWindow};
use crate::model::{ShareFigure, SCHEMA_VERSION, SMALL_COUNT};
use crate::population::{load_with, Duplicates, PostingSource, Span};
use crate::{stats_error, ReportError};
use hirepulse_stats::{lift, wilson, Confidence, LiftConfig};
use serde::Serialize;
use std::collections::BTreeMap;

/// Items need at least this many postings with both to be ranked by lift.
pub const MIN_SUPPORT: u64 = 10;
/// Items listed per ranking.
pub const TOP: usize = 20;

/// Settings of `skills`.
#[derive(Debug, Clone)]
pub struct SkillsConfig {
    pub language: String,
    pub window: MonthWindow,
    pub filters: Filters,
    pub confidence: Confidence,
    pub min_support: u64,
    pub top: usize,
}

impl SkillsConfig {
    /// Checked settings for `language` (normalised like the extractor writes it).
    pub fn new(language: &str, window: MonthWindow, filters: Filters) -> Result<Self, ReportError> {
        let language = Dimension::Language.normalise(language);
        if language.is_empty() {
            return Err(ReportError::BadValue {
                flag: "LANG",
                value: String::new(),
                why: "name a language, e.g. rust".into(),
            });
        }
        Ok(SkillsConfig {
            language,
            window,
            filters,
            confidence: Confidence::DEFAULT,
            min_support: MIN_SUPPORT,
            top: TOP,
        })
    }
}

/// One technology or language asked with the language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillRow {
    pub id: String,
    /// The taxonomy's display name, when it knows the id.
    pub name: Option<String>,
    /// `technology` or `language`.
    pub kind: &'static str,
    /// The taxonomy category (`database`, `cloud`, `language` ...), when it knows the id.
    pub category: Option<String>,
    /// Postings with the item among all postings in the window.
    pub n_item: u64,
    /// Postings with both, of the language's postings (`count` is the support).
    pub share: ShareFigure,
    pub lift: Option<f64>,
    pub lift_ci_low: Option<f64>,
    pub lift_ci_high: Option<f64>,
    /// Support below `min_support`: the lift is shown but not ranked.
    pub low_support: bool,
}

/// `hirepulse skills`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillsReport {
    pub schema: u32,
    pub report: &'static str,
    pub language: String,
    pub window: Span,
    pub filters: Filters,
    pub confidence: f64,
    /// Postings in the window after filters.
    pub n_postings: u64,
    /// Postings, jobs and the duplicate rate in the window, and what the counts count.
    pub duplicates: Duplicates,
    /// Of those, with the language (as a share of all).
    pub language_postings: ShareFigure,
    pub min_support: u64,
    /// Top items by lift among those with support ≥ `min_support`.
    pub by_lift: Vec<SkillRow>,
    /// Top items by postings with both.
    pub by_count: Vec<SkillRow>,
    /// Distinct items asked with the language at least once.
    pub n_items: usize,
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
}

/// What is asked with `config.language`.
pub fn skills<S: PostingSource + ?Sized>(
    source: &S,
    config: &SkillsConfig,
) -> Result<SkillsReport, ReportError> {
    let population = load_with(source, config.window, &config.filters, true)?;
    let language = config.language.as_str();
    let n_total = population.current.len() as u64;
    // (kind, id) -> (postings with the item, postings with both)
    let mut items: BTreeMap<(&'static str, &str), (u64, u64)> = BTreeMap::new();
    let mut n_language = 0;
    let mut any_technology = false;
    for (_, posting) in &population.current {
        let mine = posting.languages.iter().any(|l| l == language);
        n_language += u64::from(mine);
        any_technology |= !posting.technologies.is_empty();
        let technologies = posting.technologies.iter().map(|t| ("technology", t));
        let languages = posting
            .languages
            .iter()
            .filter(|l| *l != language)
            .map(|l| ("language", l));
        for (kind, id) in technologies.chain(languages) {
            let entry = items.entry((kind, id.as_str())).or_default();
            entry.0 += 1;
            entry.1 += u64::from(mine);
        }
    }
    let language_postings = wilson(n_language, n_total, config.confidence)
        .map_err(stats_error(format!("share of {language}")))?;

    let mut rows = Vec::new();
    for (&(kind, id), &(n_item, n_both)) in &items {
        if n_both == 0 {
            continue;
        }
        let share = wilson(n_both, n_language, config.confidence)
            .map_err(stats_error(format!("share of {id} in {language} postings")))?;
        let lifted = lift(
            n_total,
            n_language,
            n_item,
            n_both,
            LiftConfig {
                confidence: config.confidence,
                min_support: config.min_support,
            },
        )
        .map_err(stats_error(format!("lift of {id} with {language}")))?;
        rows.push(SkillRow {
            id: id.to_string(),
            name: hirepulse_extract::taxonomy::display_name(id).map(str::to_string),
            kind,
            category: hirepulse_extract::taxonomy::category_of(id).map(str::to_string),
            n_item,
            share: share.into(),
            lift: lifted.lift,
            lift_ci_low: lifted.ci_low,
            lift_ci_high: lifted.ci_high,
            low_support: lifted.low_support,
        });
    }
    let n_items = rows.len();
    let mut by_lift: Vec<SkillRow> = rows
        .iter()
        .filter(|r| !r.low_support && r.lift.is_some())
        .cloned()
        .collect();
    by_lift.sort_by(|a, b| {
        b.lift
            .unwrap_or(0.0)
            .total_cmp(&a.lift.unwrap_or(0.0))
            .then(b.share.count.cmp(&a.share.count))
            .then(a.id.cmp(&b.id))
    });
    by_lift.truncate(config.top);
    let mut by_count = rows;
    by_count.sort_by(|a, b| {
        b.share
            .count
            .cmp(&a.share.count)
            .then(a.kind.cmp(b.kind))
            .then(a.id.cmp(&b.id))
    });
    by_count.truncate(config.top);

    let mut notes = Vec::new();
    if population.current.is_empty() {
        notes.push(format!(
            "no postings in {}..{} pass the filters",
            population.window.since, population.window.until
        ));
    } else if !any_technology {
        notes.push(
            "no posting in the window has a technology fact: only languages are listed (is extraction finished?)"
                .into(),
        );
    }
    if n_language < SMALL_COUNT {
        notes.push(format!(
            "small sample: {n_language} postings with {language} in the window"
        ));
    }
    Ok(SkillsReport {
        schema: SCHEMA_VERSION,
        report: "skills",
        language: language.to_string(),
        window: population.window,
        filters: config.filters.clone(),
        confidence: config.confidence.level(),
        n_postings: n_total,
        duplicates: population.duplicates,
        language_postings: language_postings.into(),
        min_support: config.min_support,
        by_lift,
        by_count,
        n_items,
        notes,
        data_source: source.describe(),
    })
}
