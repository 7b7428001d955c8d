//! The one error type of the server: what went wrong, which request parameter caused it (when
//! one did) and the HTTP status. The API renders it as `{"error": ..., "parameter": ...}`; the
//! pages render the same message in HTML. Errors from the report, advice and tax libraries are
//! mapped here so every handler answers a bad value with a 400 that names the parameter.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why a request could not be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// A parameter is missing, unknown, too long or not a valid value.
    #[error("{why}")]
    BadParameter { parameter: String, why: String },
    /// The request is well-formed but the figures cannot be computed (e.g. no postings match).
    #[error("{0}")]
    Unprocessable(String),
    /// The page or resource needs something this server does not have (e.g. a store).
    #[error("{0}")]
    NotFound(String),
    /// A fault on the server's side.
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad(parameter: impl Into<String>, why: impl Into<String>) -> ApiError {
        ApiError::BadParameter {
            parameter: parameter.into(),
            why: why.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The parameter named in the error, if any.
    pub fn parameter(&self) -> Option<&str> {
        match self {
            ApiError::BadParameter { parameter, .. } => Some(parameter),
            _ => None,
        }
    }

    /// The JSON body: `{"error": message, "parameter": name-or-null}`.
    pub fn json(&self) -> String {
        serde_json::json!({ "error": self.to_string(), "parameter": self.parameter() }).to_string()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status(),
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            self.json(),
        )
            .into_response()
    }
}

/// The request parameter a CLI flag or argument name stands for (`--min-support` →
/// `min_support`, `VALUE` → `values`, `LANG` → `lang`).
pub fn parameter_of_flag(flag: &str) -> String {
    match flag {
        "VALUE" => "values".into(),
        "LANG" => "lang".into(),
        other => other
            .trim_start_matches('-')
            .replace('-', "_")
            .to_ascii_lowercase(),
    }
}

impl From<hirepulse_reports::ReportError> for ApiError {
    fn from(err: hirepulse_reports::ReportError) -> Self {
        use hirepulse_reports::ReportError as E;
        match &err {
            E::BadMonth { flag, .. } | E::BadValue { flag, .. } => {
                ApiError::bad(parameter_of_flag(flag), err.to_string())
            }
            E::EmptyWindow { .. } => ApiError::bad("since", err.to_string()),
            E::Stats { .. } | E::NoData => ApiError::Unprocessable(err.to_string()),
            E::Store(_) | E::Baseline(_) => ApiError::Internal(err.to_string()),
        }
    }
}

impl From<hirepulse_advise::AdviseError> for ApiError {
    fn from(err: hirepulse_advise::AdviseError) -> Self {
        use hirepulse_advise::AdviseError as E;
        match &err {
            E::Profile { field, .. } => {
                let parameter = match *field {
                    "languages" => "know",
                    "lanes" => "lane",
                    "urgency_weeks" => "weeks",
                    other => other,
                };
                ApiError::bad(parameter, err.to_string())
            }
            E::Report(_) | E::Stats { .. } => ApiError::Unprocessable(err.to_string()),
            E::Settings { .. } | E::Catalogue { .. } => ApiError::Internal(err.to_string()),
        }
    }
}

impl From<hirepulse_tax::TaxError> for ApiError {
    fn from(err: hirepulse_tax::TaxError) -> Self {
        use hirepulse_tax::TaxError as E;
        match &err {
            E::UnknownYear { .. } => ApiError::bad("year", err.to_string()),
            E::UnknownState { .. } => ApiError::bad("state", err.to_string()),
            E::InvalidInput { field, .. } | E::AboveLimit { field, .. } => {
                ApiError::bad(tax_parameter(field), err.to_string())
            }
            E::NoSolution { .. } => ApiError::Unprocessable(err.to_string()),
            E::Data { .. } => ApiError::Internal(err.to_string()),
        }
    }
}

/// The request parameter of a `TaxInput` / contract input field.
fn tax_parameter(field: &str) -> String {
    match field {
        "w2_wages" => "w2",
        "se_net_profit" => "se",
        "se_gross_receipts" => "receipts",
        "k401_deferral" => "k401",
        "employee_health_premium" => "health_premium",
        "solo401k_employer" => "solo401k",
        "se_health_insurance" => "se_health",
        "business_w2_wages_paid" => "business_wages",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_become_parameter_names() {
        assert_eq!(parameter_of_flag("--min-support"), "min_support");
        assert_eq!(parameter_of_flag("VALUE"), "values");
        assert_eq!(parameter_of_flag("--since"), "since");
    }

    #[test]
    fn the_json_body_names_the_parameter() {
        let body: serde_json::Value =
            serde_json::from_str(&ApiError::bad("since", "not a month").json())
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(body["parameter"], "since");
        assert_eq!(body["error"], "not a month");
        assert_eq!(ApiError::bad("x", "y").status(), StatusCode::BAD_REQUEST);
    }
}
