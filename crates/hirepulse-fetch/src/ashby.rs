//! Ashby job boards: `GET /posting-api/job-board/<org>?includeCompensation=true`.
//!
//! One response holds the whole board: `{"apiVersion": "1", "jobs": [...]}`, each job with its
//! description as HTML and plain text and, with `includeCompensation=true`, the `compensation`
//! tiers the employer publishes. The body is cached as `ashby/<org>.json` and read by the `ashby`
//! reader of `hirepulse-sources`.

use crate::boards::{self, BoardKind};
use crate::{encode_component, BoardOptions, Cache, Client, Outcome};

/// The public Ashby posting API.
pub const BASE: &str = "https://api.ashbyhq.com";

pub(crate) const KIND: BoardKind = BoardKind {
    kind: "ashby",
    name_kind: "org",
    default_base: BASE,
    url: |base, org| {
        format!(
            "{base}/posting-api/job-board/{}?includeCompensation=true",
            encode_component(org)
        )
    },
    jobs: boards::jobs_list,
};

/// Fetches the boards of `orgs`.
pub fn fetch(
    client: &Client,
    cache: &Cache,
    orgs: &[String],
    options: &BoardOptions,
) -> Vec<Outcome> {
    boards::fetch(client, cache, &KIND, orgs, options)
}
