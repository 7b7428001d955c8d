//! The route table: every API endpoint and page with the parameters it accepts and the function
//! that answers it. The router, the parameter checks and the OpenAPI test all read this table,
//! so what is documented is what is accepted.

use crate::error::ApiError;
use crate::params::Params;
use crate::resources;
use crate::state::AppState;

/// Answers a checked request with a body (JSON for the API, HTML for pages).
pub type Answer = fn(&AppState, &Params) -> Result<String, ApiError>;

/// One JSON endpoint.
pub struct ApiRoute {
    pub path: &'static str,
    pub params: &'static [&'static str],
    /// Parameters without which the request is a 400.
    pub required: &'static [&'static str],
    pub summary: &'static str,
    pub answer: Answer,
}

/// The JSON endpoints (besides `/api/openapi.json`).
pub const API: &[ApiRoute] = &[
    ApiRoute {
        path: "/api/snapshot",
        params: resources::snapshot::PARAMS,
        required: &[],
        summary: "The language career table, as `hirepulse snapshot --format json`.",
        answer: resources::snapshot::json,
    },
    ApiRoute {
        path: "/api/compare",
        params: resources::compare::PARAMS,
        required: &["by", "values"],
        summary: "Per-value figures of a dimension, as `hirepulse compare --format json`.",
        answer: resources::compare::json,
    },
    ApiRoute {
        path: "/api/trend",
        params: resources::trend::PARAMS,
        required: &["values"],
        summary: "Monthly series with Wilson intervals, as `hirepulse trend --format json`.",
        answer: resources::trend::json,
    },
    ApiRoute {
        path: "/api/pay",
        params: resources::pay::PARAMS,
        required: &[],
        summary: "Posted-pay percentiles with intervals, as `hirepulse pay --format json`.",
        answer: resources::pay::json,
    },
    ApiRoute {
        path: "/api/skills",
        params: resources::skills::PARAMS,
        required: &["lang"],
        summary: "What is asked next to a language, as `hirepulse skills --format json`.",
        answer: resources::skills::json,
    },
    ApiRoute {
        path: "/api/advise",
        params: resources::advise::PARAMS,
        required: &["years"],
        summary: "What to learn next with a 90-day plan, as `hirepulse advise --format json`.",
        answer: resources::advise::json,
    },
    ApiRoute {
        path: "/api/tax",
        params: resources::tax::PARAMS,
        required: &[],
        summary: "Taxes and take-home of one income, as `hirepulse tax --format json`.",
        answer: resources::tax::json,
    },
    ApiRoute {
        path: "/api/contract-vs-fte",
        params: resources::contract::PARAMS,
        required: &["salary"],
        summary: "Full-time vs contract, as `hirepulse contract-vs-fte --format json`.",
        answer: resources::contract::json,
    },
];
