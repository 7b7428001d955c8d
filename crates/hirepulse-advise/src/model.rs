//! The advice as data: plain serialisable values, the JSON a web page or `--format json` gets.
//!
//! Every claim in words ([`Claim`]) carries the figures behind it ([`Cite`]): value, n, interval
//! (null where the data cannot bound it), window and a small-sample flag. The full figures of
//! each option (the reports crate's figure types) are kept beside the words, so a reader can
//! check every sentence against the number it came from.

use crate::profile::{CheckedProfile, Depth};
use crate::settings::Weights;
use hirepulse_reports::model::{
    ConcentrationFigure, GrowthFigure, LaneMixFigure, PayFigure, ShareFigure,
};
use hirepulse_reports::population::Span;
use serde::Serialize;

/// The JSON schema version of [`Advice`].
pub const SCHEMA_VERSION: u32 = 1;

/// One figure a claim rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cite {
    /// What the figure is, e.g. "postings open to your level with Go in infra".
    pub label: String,
    /// `postings`, `share`, `growth`, `usd`, `lift`, `lanes`, `depth` (0..1, what the person
    /// said), `weeks` (a settings estimate).
    pub unit: &'static str,
    pub value: Option<f64>,
    /// For a share: the postings that have it (of `n`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// The observations behind it (postings, or postings with pay for pay).
    pub n: u64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// `YYYY-MM..YYYY-MM` (growth: `now vs before`), `profile` for what the person said, or
    /// `settings` for an estimate from `data/advise.toml`.
    pub window: String,
    pub small_sample: bool,
}

/// A sentence and the figures behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// `demand`, `growth`, `pay`, `premium`, `lift`, `coskills`, `familiarity`, `remote`,
    /// `concentration`, `lane_mix`, `sample`, `disclosure`, `level`, `learning_time`.
    pub kind: &'static str,
    pub text: String,
    pub cites: Vec<Cite>,
}

/// One score component of an option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    pub name: &'static str,
    /// The measured input (e.g. postings, USD, lift); null when not measured.
    pub raw: Option<f64>,
    /// 0..1: where the option stands among the ranked candidates (1 = best); penalties are
    /// already turned (1 = least concentrated). Null when `raw` is.
    pub value: Option<f64>,
    /// The weight after urgency and renormalisation over the measured components.
    pub weight: f64,
    /// weight × value.
    pub contribution: f64,
}

/// Where an option's pay figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayBasis {
    /// Postings with the language in the lane.
    LanguageInLane,
    /// Too few in the lane: postings with the language in any lane.
    LanguageAllLanes,
    /// Too few either way: not used in the score.
    None,
}

/// A technology or language asked next to the option's language in its lane.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoSkill {
    pub id: String,
    pub name: String,
    /// Taxonomy category (`language` for languages).
    pub category: String,
    /// Postings with the skill, of the option's postings (language and lane); `count` is the
    /// support.
    pub share: ShareFigure,
    /// P(skill | language, lane) / P(skill | lane), with interval.
    pub lift: Option<f64>,
    pub lift_ci_low: Option<f64>,
    pub lift_ci_high: Option<f64>,
    /// Used to choose projects: share × lift clamped (see settings `[coskills]`).
    pub weight: f64,
}

/// One recommended option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdviceOption {
    pub rank: usize,
    /// `learn` (a language not known) or `deepen` (one already known).
    pub kind: &'static str,
    pub language: String,
    pub language_name: String,
    pub lane: String,
    /// How well the person knows the language now.
    pub depth: Option<Depth>,
    /// 0..1, the weighted mean of the components.
    pub score: f64,
    pub components: Vec<Component>,
    /// Postings with the language in the lane open to the person's level (region, remote
    /// filters applied), of all such postings in the demand window.
    pub demand: ShareFigure,
    /// Of `demand.count`, the postings that name one of the person's levels explicitly.
    pub named_level: u64,
    /// Growth of that share against the same months a year earlier.
    pub growth: GrowthFigure,
    /// Posted pay (pay window) and where it comes from.
    pub pay: PayFigure,
    pub pay_basis: PayBasis,
    /// Median posted pay of the whole lane at the person's level (pay window), for the premium.
    pub lane_pay: PayFigure,
    /// Over-representation of the lane among the language's postings (demand window).
    pub lane_lift: LiftFigure,
    pub concentration: ConcentrationFigure,
    /// The language's lane mix at the person's level (demand window).
    pub language_lane_mix: LaneMixFigure,
    /// Remote postings of the option's postings open to the level (demand window).
    pub remote: ShareFigure,
    /// Top co-skills (pay window), for the reasons and the plan.
    pub co_skills: Vec<CoSkill>,
    pub reasons: Vec<Claim>,
    pub risks: Vec<Claim>,
}

/// Lift of one item next to another, with interval and support.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiftFigure {
    /// Postings with both.
    pub n: u64,
    pub lift: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub small_sample: bool,
}

/// A candidate not ranked, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    pub language: String,
    pub lane: String,
    pub kind: &'static str,
    /// Postings open to the level (demand window).
    pub demand: u64,
    pub reason: String,
}

/// A portfolio project chosen for the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedProject {
    pub id: String,
    pub title: String,
    pub scope: String,
    pub effort_weeks: u32,
    pub technologies: Vec<String>,
    pub lanes: Vec<String>,
    /// The co-skills it covers that no earlier project covered, with their figures.
    pub why: Vec<Claim>,
    /// Sum of the weights of the co-skills it newly covers.
    pub gain: f64,
}

/// One week of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub week: u32,
    /// `fundamentals`, `project`, `polish`, `apply`.
    pub phase: &'static str,
    pub text: String,
    /// The project worked on that week.
    pub project: Option<String>,
}

/// The 90-day plan for the top option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub language: String,
    pub lane: String,
    /// The co-skills the projects were chosen by (the top option's, highest weight first).
    pub co_skills: Vec<CoSkill>,
    pub projects: Vec<PlannedProject>,
    pub weeks: Vec<Milestone>,
    pub notes: Vec<String>,
}

/// The windows the figures come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdviceWindows {
    /// Demand, concentration, lift, remote share.
    pub demand: Span,
    /// Growth compares the demand window with this one.
    pub previous: Span,
    /// Pay and co-skills.
    pub pay: Span,
}

/// How options were scored, printed with every advice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scoring {
    pub goal: &'static str,
    /// The goal's weights from the settings file.
    pub base_weights: Weights,
    /// After remote and urgency (before renormalising over an option's measured components).
    pub weights: Weights,
    /// 0 (no deadline or a distant one) .. 1 (a job needed now).
    pub urgency: f64,
    pub formula: String,
    /// Settings file version.
    pub settings_version: String,
    pub min_demand: u64,
    pub min_pay_n: usize,
}

/// `hirepulse advise`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    pub schema: u32,
    pub report: &'static str,
    pub profile: CheckedProfile,
    pub windows: AdviceWindows,
    pub confidence: f64,
    /// Postings open to the person (region, level, remote) in the demand window: the share
    /// denominator.
    pub n_postings: u64,
    pub scoring: Scoring,
    /// Candidates with enough evidence that were scored.
    pub n_candidates: usize,
    pub options: Vec<AdviceOption>,
    /// Candidates seen in the market but not ranked, with why (most postings first).
    pub dropped: Vec<Dropped>,
    pub plan: Option<Plan>,
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
}
