//! Greenhouse job boards: `GET /v1/boards/<token>/jobs?content=true&pay_transparency=true`.
//!
//! One response holds the whole board: `{"jobs": [...], "meta": {"total": N}}`, each job with its
//! HTML content (escaped once) and, with `pay_transparency=true`, the pay ranges the employer
//! publishes (`pay_input_ranges`). The body is cached as `greenhouse/<token>.json` and read by the
//! `greenhouse` reader of `hirepulse-sources`.

use crate::boards::{self, BoardKind};
use crate::{encode_component, BoardOptions, Cache, Client, Outcome};

/// The public Greenhouse job board API.
pub const BASE: &str = "https://boards-api.greenhouse.io";

pub(crate) const KIND: BoardKind = BoardKind {
    kind: "greenhouse",
    name_kind: "board token",
    default_base: BASE,
    url: |base, token| {
        format!(
            "{base}/v1/boards/{}/jobs?content=true&pay_transparency=true",
            encode_component(token)
        )
    },
    jobs: boards::jobs_list,
};

/// Fetches the boards `tokens`.
pub fn fetch(
    client: &Client,
    cache: &Cache,
    tokens: &[String],
    options: &BoardOptions,
) -> Vec<Outcome> {
    boards::fetch(client, cache, &KIND, tokens, options)
}
