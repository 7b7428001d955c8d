//! Seniority levels named for the roles a posting offers.
//!
//! Level words (`data/roles.toml`, `[seniority]`) are matched in one pass; the rules here keep
//! only those written as part of a role title. Adjectives ("Senior", "Staff", "Junior", "Lead"
//! as in "Lead Engineer") count only when a role noun follows within a few words, so "our senior
//! team", "senior leadership", "you will lead", "graduate degree" and "Principal" in a company
//! name add nothing; title words that are nouns themselves ("Tech Lead", "Intern", "CTO",
//! "Head of Engineering") count unless they refer to someone else ("report to our CTO").
//! Years of experience are never read.

use crate::cues::CueTable;
use crate::lanes::{head, tail, VOCABULARY};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Every level, in match precedence order (longer phrases are sorted first within a level).
pub const LEVELS: [&str; 7] = [
    "manager", "lead", "intern", "junior", "mid", "senior", "staff",
];

static CUES: LazyLock<CueTable> = LazyLock::new(|| CueTable::new(&VOCABULARY.seniority, &LEVELS));

/// A role noun shortly after an adjective level: "Senior (Backend) Engineer", "Staff SWE".
static ROLE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s/&,+.-]*(?:(?:[a-z0-9.#+/-]+|\([^)]{0,20}\))[\s/&,+-]+){0,3}?(?:engineers?|engineering\s+(?:roles?|positions?|manager)|developers?|devs?|programmers?|scientists?|designers?|analysts?|architects?|researchers?|swes?|sdes?|sres?|consultants?|administrators?|admins?|specialists?|technicians?|roles?|positions?|hires?|candidates?|levels?|associates?|directors?|product\s+managers?|managers?|writers?|accountants?|counsel|recruiters?|marketers?|(?:account\s+)?executives?|representatives?|reps?|generalists?|hackers?|coders?|artists?|animators?|leads?|members?|folks|people|talent|teachers?|mentors?|(?:and|or|to|&|/)\s*(?:senior|junior|mid[- ]level|staff|principal|lead|sr|jr)(?-u:\b))(?-u:\b)",
    )
    .unwrap_or_else(|e| panic!("seniority ROLE_AFTER pattern: {e}"))
});

/// Words before a title noun that make it someone else ("our CTO", "report to the Head of").
static OTHER_PERSON_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)our|(?-u:\b)the|(?-u:\b)by|(?-u:\b)to|(?-u:\b)with|(?-u:\b)from|(?-u:\b)former(?:\s+\w+){0,2}|(?-u:\b)ex-?(?:\s+\w+){0,2}|(?-u:\b)my|(?-u:\b)i'm|(?-u:\b)i\s+am|'s|(?-u:\b)founder\s+and|(?-u:\b)co-?founder\s*(?:/|and|&)?|(?-u:\b)(?:mentor(?:ed|ing|s)?|manag(?:ed|ing|e)|develop(?:ing)?|grow(?:ing)?|coach(?:ed|ing)?|support(?:ing)?)(?:\s*/\s*\w+)?)\s*$")
        .unwrap_or_else(|e| panic!("seniority OTHER_PERSON_BEFORE pattern: {e}"))
});

/// A lead that follows a discipline ("Engineering Lead", "Frontend Lead").
static LEAD_AFTER_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:engineering|engineer|tech|technical|team|dev|development|frontend|front-end|backend|back-end|platform|product|design|data|ml|ai|infrastructure|devops|qa|assurance|mobile|ios|android|web|software|stack|project|squad|security|research|designer|ux|ui)\s*$")
        .unwrap_or_else(|e| panic!("seniority LEAD_AFTER_ROLE pattern: {e}"))
});

/// "Engineering Manager", "Software Development Manager": the only bare managers that count.
static DISCIPLINE_BEFORE_MANAGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:engineering|development|dev|software)\s*$")
        .unwrap_or_else(|e| panic!("seniority DISCIPLINE_BEFORE_MANAGER pattern: {e}"))
});

/// Inside a URL (the match's left context has a URL start with no space since).
static IN_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:https?://|www\.|(?-u:\b)[\w-]+\.(?:com|io|ly|co|se)/)\S*$")
        .unwrap_or_else(|e| panic!("seniority IN_URL pattern: {e}"))
});

/// A level in parentheses after a role noun: "Engineers (Senior/Staff)", "(Jr., Mid, Sr.)".
static ROLE_BEFORE_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:engineers?|developers?|designers?|scientists?|programmers?|roles?|positions?)\s*(?:\([^)|]{0,30}|,\s*(?:(?:senior|junior|mid-level|staff|principal)\s*[-/]\s*)?)$")
        .unwrap_or_else(|e| panic!("seniority ROLE_BEFORE_PAREN pattern: {e}"))
});

/// A person's name before a title: "Jane Doe, VP Engineering", "Chris - CTO", "Ben (CTO)".
static SIGNATURE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s*)?(?:[-–,(]|and)|(?-u:\b)I'm\s+\w+\s*[-–,])\s*$")
        .unwrap_or_else(|e| panic!("seniority SIGNATURE_BEFORE pattern: {e}"))
});

/// A role noun where a signature would have a name: "Site Reliability Engineer, Engineering
/// Manager" is a list of roles, not "Jane Doe, VP".
static ROLE_NOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:engineers?|developers?|designers?|architects?|managers?|scientists?|analysts?|engineering|leads?|directors?|design|product|sres?|devops)\s*[-–,(]\s*$")
        .unwrap_or_else(|e| panic!("seniority ROLE_NOUN_BEFORE pattern: {e}"))
});

/// A negation earlier in the sentence, for entry levels: "we're not yet at the stage where we
/// can take on new grads".
static NEGATED_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:not|no|don't|do not|cannot|can't|won't|unable)(?-u:\b)[^.!?\n]*$")
        .unwrap_or_else(|e| panic!("seniority NEGATED_SENTENCE pattern: {e}"))
});

/// A level offered only in the future: "Junior positions will be opened later".
static LATER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.!?\n]{0,40}(?-u:\b)(?:later|in the future|next year)(?-u:\b)")
        .unwrap_or_else(|e| panic!("seniority LATER_AFTER pattern: {e}"))
});

/// A title followed by "here", "@ Company" or "of <Company>" after a name: the writer's own title.
static TITLE_OF_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:here(?-u:\b)|@|(?:of|at)\s+[A-Z][\w-]*\s*[.,]\s)")
        .unwrap_or_else(|e| panic!("seniority TITLE_OF_SPEAKER pattern: {e}"))
});

/// "lead" followed by an object or "role": a verb or a figure of speech, not a title.
static LEAD_NOT_A_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:the|a|an|our|their|your|role|management|generation|gen|times?)(?-u:\b)")
        .unwrap_or_else(|e| panic!("seniority LEAD_NOT_A_TITLE pattern: {e}"))
});

/// The levels named for the roles offered, sorted and unique.
pub fn find(text: &str, title: Option<&str>) -> Vec<String> {
    let mut found = BTreeSet::new();
    for source in title.into_iter().chain(std::iter::once(text)) {
        for (key, whole) in CUES.find_iter(source) {
            if counts(source, key, whole.start(), whole.end()) {
                found.insert(key);
            }
        }
    }
    let mut out: Vec<String> = found.into_iter().map(str::to_string).collect();
    out.sort();
    out
}

/// Whether the level word at `start..end` names a level of an offered role.
fn counts(source: &str, key: &str, start: usize, end: usize) -> bool {
    let word = source[start..end].to_lowercase();
    if IN_URL.is_match(tail(&source[..start], 200)) {
        return false;
    }
    let before = tail(&source[..start], 30);
    let after = head(&source[end..], 80);
    // Asked only by the branches that need them: ROLE_AFTER is a large pattern, and "intern",
    // "-level" and most "manager" cues never look at it.
    let role_follows = || ROLE_AFTER.is_match(after) || ROLE_BEFORE_PAREN.is_match(before);
    let someone_else = || OTHER_PERSON_BEFORE.is_match(before) || TITLE_OF_SPEAKER.is_match(after);
    if matches!(key, "junior" | "intern")
        && (NEGATED_SENTENCE.is_match(tail(&source[..start], 80)) || LATER_AFTER.is_match(after))
    {
        return false;
    }
    if word.ends_with("-level") || word.ends_with(" level") {
        return !someone_else();
    }
    match key {
        "intern" => true,
        "manager" => {
            if word.starts_with("manager") {
                // Bare "manager" only as "Engineering/Development Manager".
                return DISCIPLINE_BEFORE_MANAGER.is_match(before)
                    && !OTHER_PERSON_BEFORE.is_match(tail(before, 0));
            }
            if word == "em" || word == "ems" {
                return source[start..end].starts_with('E') && source[start..end].len() <= 3;
            }
            if word.starts_with("head") {
                return !OTHER_PERSON_BEFORE.is_match(before)
                    && !after.trim_start().to_lowercase().starts_with("count");
            }
            let upper_ok = !(word == "vp" || word == "vps" || word == "cto" || word == "cpo")
                || source[start..end].chars().all(|c| c.is_uppercase());
            upper_ok
                && !someone_else()
                && (!SIGNATURE_BEFORE.is_match(before) || ROLE_NOUN_BEFORE.is_match(before))
        }
        "lead" => {
            if word.contains("tech") || word.contains("team") || word.contains("technical") {
                return !OTHER_PERSON_BEFORE.is_match(before);
            }
            // "Lead Engineer" or "Engineering Lead"; not "you will lead", "lead the team".
            (role_follows() && !someone_else() && !LEAD_NOT_A_TITLE.is_match(after))
                || (LEAD_AFTER_ROLE.is_match(before)
                    && !OTHER_PERSON_BEFORE.is_match(tail(before, 0)))
        }
        "junior" if word.starts_with("grad") => {
            // "graduate degree" is not a level; "Graduate Engineer", "new grad" are.
            role_follows()
        }
        "junior" if word.starts_with("new") || word.starts_with("entry") => true,
        _ => role_follows() && !someone_else(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cases() {
        crate::case_files::check(
            "seniority",
            include_str!("../testdata/seniority.toml"),
            find,
        );
    }

    proptest! {
        #[test]
        fn sorted_unique_allowed(s in "\\PC{0,300}") {
            let got = find(&s, None);
            let mut sorted = got.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(&got, &sorted);
            prop_assert!(got.iter().all(|l| LEVELS.contains(&l.as_str())));
        }
    }
}
