//! Postings for the store's unit tests (tests only): one builder, so every query test writes the
//! same shape of posting.

use hirepulse_sources::Posting;

/// An HN posting with id `id` in `month`, whose text is its id.
pub(crate) fn posting(id: &str, month: &str) -> Posting {
    Posting {
        source: "hn".into(),
        source_id: id.into(),
        month: Some(month.into()),
        posted_at: None,
        title: None,
        company: None,
        location: None,
        url: None,
        raw: id.into(),
        text: id.into(),
        pay_evidence: Vec::new(),
    }
}
