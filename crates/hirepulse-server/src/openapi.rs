//! `/api/openapi.json`: the OpenAPI 3.1 document, built from the route table so it lists
//! exactly the endpoints and parameters the server accepts. Parameter types and descriptions
//! are kept here, one entry per parameter name; a test fails when a route takes a parameter
//! this table does not describe.

use crate::routes::API;
use serde_json::{json, Map, Value};

/// The schema type and description of a parameter, by name.
pub fn describe(name: &str) -> Option<(Value, &'static str)> {
    let string = json!({"type": "string"});
    let month = json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"});
    let dollars = json!({"type": "integer", "minimum": 0});
    let number = json!({"type": "number"});
    let boolean = json!({"type": "boolean"});
    let list =
        json!({"type": "array", "items": {"type": "string"}, "maxItems": crate::params::MAX_LIST});
    Some(match name {
        "since" => (month, "First month of the window, YYYY-MM."),
        "until" => (month, "Last month of the window, YYYY-MM."),
        "region" => (string, "Two-letter country code, or `us`."),
        "dataset" => (
            json!({"type": "string", "enum": hirepulse_reports::datasets::DATASET_ORDER}),
            "Pay dataset instead of postings (years from since/until), as `pay --dataset`.",
        ),
        "seniority" => (string, "Only postings for this level."),
        "lane" => (
            list,
            "Career lane (e.g. backend, data, infra, ai_ml); repeatable for advise.",
        ),
        "lang" => (list, "Language(s); repeated or comma-separated."),
        "by" => (
            string,
            "Dimension: language, lane, seniority, work_mode, employment, country.",
        ),
        "values" => (
            list,
            "Values of the dimension; repeated or comma-separated.",
        ),
        "top" => (
            json!({"type": "integer", "minimum": 0, "maximum": 200}),
            "Rows per table.",
        ),
        "min_support" => (
            json!({"type": "integer", "minimum": 0}),
            "Least co-occurrences for a lift row.",
        ),
        "years" => (number, "Years of professional experience (0 to 60)."),
        "know" => (
            string,
            "Known languages with depth, LANG:DEPTH,... (e.g. python:deep,go:some).",
        ),
        "goal" => (
            json!({"type": "string", "enum": ["volume", "comp", "differentiation"]}),
            "What to optimise for.",
        ),
        "remote_only" => (boolean, "Only remote postings."),
        "weeks" => (
            json!({"type": "integer", "minimum": 0}),
            "Weeks until a new job is needed.",
        ),
        "year" => (json!({"type": "integer"}), "Tax year."),
        "filing" => (
            json!({"type": "string", "enum": ["single", "joint", "head"]}),
            "Filing status.",
        ),
        "state" => (string, "US state code."),
        "w2" => (dollars, "W-2 wages, dollars."),
        "se" => (dollars, "Self-employment net profit, dollars."),
        "receipts" => (dollars, "Self-employment gross receipts, dollars."),
        "k401" => (dollars, "401(k) deferral, dollars."),
        "hsa" => (dollars, "HSA contribution, dollars."),
        "hsa_payroll" => (boolean, "HSA contribution made through payroll."),
        "hsa_family" => (boolean, "Family HSA coverage."),
        "sstb" => (
            boolean,
            "A specified service trade or business (QBI limits).",
        ),
        "solo401k" => (dollars, "Solo 401(k) employer contribution, dollars."),
        "se_health" => (dollars, "Self-employed health insurance, dollars."),
        "health_premium" => (dollars, "Employee health premium through payroll, dollars."),
        "business_wages" => (dollars, "W-2 wages the business paid, dollars."),
        "salary" => (dollars, "Full-time base salary, dollars."),
        "bonus" => (dollars, "Annual bonus, dollars."),
        "equity" => (dollars, "Annual equity, dollars."),
        "match_percent" => (number, "401(k) match, percent of salary."),
        "employee_premium" => (dollars, "Employee health premium, dollars."),
        "employer_premium" => (dollars, "Employer health premium, dollars."),
        "pto_days" => (number, "Paid time off, days."),
        "holidays" => (number, "Paid holidays, days."),
        "hours_per_week" => (number, "Contract hours per week."),
        "bench_weeks" => (number, "Unbilled weeks between contracts."),
        "business_costs" => (dollars, "Contractor business costs, dollars a year."),
        "health_insurance" => (dollars, "Contractor health insurance, dollars a year."),
        "no_solo401k" => (boolean, "The contractor makes no solo 401(k) contribution."),
        "rate" => (number, "Offered contract rate, dollars an hour."),
        "language" => (string, "Language for the market position of the salary."),
        "no_market" => (boolean, "Skip the market position."),
        _ => return None,
    })
}

/// The document.
pub fn document() -> Value {
    let mut paths = Map::new();
    for route in API {
        let parameters: Vec<Value> = route
            .params
            .iter()
            .map(|name| {
                let (schema, description) =
                    describe(name).unwrap_or((json!({"type": "string"}), ""));
                let explode = schema["type"] == "array";
                json!({
                    "name": name,
                    "in": "query",
                    "required": route.required.contains(name),
                    "description": description,
                    "schema": schema,
                    "style": "form",
                    "explode": explode,
                })
            })
            .collect();
        paths.insert(
            route.path.to_string(),
            json!({"get": {
                "summary": route.summary,
                "parameters": parameters,
                "responses": {
                    "200": {"description": "The report, exactly as the CLI's `--format json`.",
                            "content": {"application/json": {"schema": {"type": "object"}}}},
                    "400": {"description": "A bad parameter, named.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    "422": {"description": "The figures cannot be computed for this selection.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }
            }}),
        );
    }
    paths.insert(
        "/api/openapi.json".into(),
        json!({"get": {"summary": "This document.", "responses": {"200": {"description": "OpenAPI 3.1",
            "content": {"application/json": {"schema": {"type": "object"}}}}}}}),
    );
    json!({
        "openapi": "3.1.0",
        "info": {"title": "hirepulse", "version": env!("CARGO_PKG_VERSION"),
                 "description": "The hirepulse reports as JSON: the same parameters and output as the CLI's `--format json`."},
        "paths": paths,
        "components": {"schemas": {"Error": {
            "type": "object",
            "required": ["error", "parameter"],
            "properties": {"error": {"type": "string"}, "parameter": {"type": ["string", "null"]}}
        }}}
    })
}
