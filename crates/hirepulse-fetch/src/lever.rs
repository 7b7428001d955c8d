//! Lever job sites: `GET /v0/postings/<company>?mode=json`.
//!
//! One response is a bare JSON list of the site's published postings, each with its description
//! as HTML and plain text, its `lists` (requirements, benefits...) and, where the employer states
//! it, a structured `salaryRange`. The body is cached as `lever/<company>.json` and read by the
//! `lever` reader of `hirepulse-sources`. EU-hosted sites answer on another host: pass it with
//! `--base-url`.

use crate::boards::{self, BoardKind};
use crate::{encode_component, BoardOptions, Cache, Client, Outcome};

/// The public Lever postings API (global instance).
pub const BASE: &str = "https://api.lever.co";

pub(crate) const KIND: BoardKind = BoardKind {
    kind: "lever",
    name_kind: "company",
    default_base: BASE,
    url: |base, company| format!("{base}/v0/postings/{}?mode=json", encode_component(company)),
    jobs: |value| {
        value
            .as_array()
            .map(Vec::len)
            .ok_or_else(|| "not a list of postings".to_string())
    },
};

/// Fetches the sites of `companies`.
pub fn fetch(
    client: &Client,
    cache: &Cache,
    companies: &[String],
    options: &BoardOptions,
) -> Vec<Outcome> {
    boards::fetch(client, cache, &KIND, companies, options)
}
