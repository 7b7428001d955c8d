//! Career lanes of the roles a posting offers, from `data/roles.toml`.
//!
//! Each lane has a list of cues (role titles such as "Backend Engineer", "SRE", "Head of Sales",
//! and unambiguous descriptions of the work such as "machine learning" or "embedded"). The data
//! file holds the words; this module holds the rules: all cues are scanned in one pass (see
//! `cues`), and the GUIDELINES conventions are applied on top — "Product Engineer" is
//! fullstack, support/solutions engineers and devrel are other_non_eng, crypto only from
//! blockchain/web3 words, and a plain "Software Engineer" adds nothing of its own. Each cue
//! found gets a strength: a *role* (in the header, a title line, or beside a role noun),
//! *prose* (work described in sentences, used only when the posting names no role lane at
//! all), or *list-only* (a bare word such as "data" that names a lane only inside a list of
//! lanes). Cues that name no role offered are dropped or weakened by their context: colleagues
//! ("work closely with designers"), skills ("experience with ... devops") and sentences about
//! what the company is or does ("Acme helps sales teams ..."). A few posting-level inferences
//! follow (full-stack from a server role over a browser stack, backend for a generic engineer
//! on described server work). The vocabulary tables are shared with `seniority` and
//! `employment` through [`Vocabulary`].

use crate::cues::CueTable;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// All lanes, in match precedence order (earlier wins when cues start at the same place).
pub const LANES: [&str; 15] = [
    "other_non_eng",
    "game",
    "security",
    "ai_ml",
    "data",
    "qa",
    "mobile",
    "infra",
    "systems",
    "fullstack",
    "frontend",
    "backend",
    "product",
    "design",
    "crypto",
];

/// The parsed `data/roles.toml`.
#[derive(Debug, Deserialize)]
pub(crate) struct Vocabulary {
    #[allow(dead_code)]
    pub version: u32,
    #[allow(dead_code)]
    pub source: String,
    pub employment: BTreeMap<String, Vec<String>>,
    pub seniority: BTreeMap<String, Vec<String>>,
    pub lanes: BTreeMap<String, Vec<String>>,
}

/// Vocabulary compiled in; a malformed file is a build-time mistake caught by the tests.
pub(crate) static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    toml::from_str(include_str!("../data/roles.toml"))
        .unwrap_or_else(|e| panic!("data/roles.toml is malformed: {e}"))
});

static LANE_CUES: LazyLock<CueTable> = LazyLock::new(|| CueTable::new(&VOCABULARY.lanes, &LANES));

/// Words after which a cue describes the company or the customer, not the role ("our sales
/// team" is still a team, so only obvious non-role contexts are skipped).
static NEGATED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)no|(?-u:\b)not|(?-u:\b)without|(?-u:\b)ex-|(?-u:\b)former|(?-u:\b)for|(?-u:\b)with\s+(?:our|the)|(?-u:\b)our|(?-u:\b)the|(?-u:\b)are\s+also|(?-u:\b)or\s+a|(?-u:\b)such\s+as|(?-u:\b)like)\s*$")
        .unwrap_or_else(|e| panic!("lanes NEGATED_BEFORE pattern: {e}"))
});

/// "join our" / "join the" before a cue: the team the hire joins.
static JOIN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)join(?:ing)?\s+(?:our|the)\s*$")
        .unwrap_or_else(|e| panic!("lanes JOIN_BEFORE pattern: {e}"))
});

/// Lanes whose role words in prose are as often about the company's users as about a role
/// offered ("gives designers super powers"): there they need a sentence that offers roles.
const PROSE_NEEDS_HIRING: [&str; 1] = ["design"];

/// Lanes whose cues describe the work itself ("machine learning", "embedded", "blockchain"),
/// so they count anywhere; other lanes' cues count only as a role title (in the header, or
/// followed by a role noun) because "sales", "APIs" or "iOS" in prose describe the company.
const DESCRIPTIVE: [&str; 5] = ["ai_ml", "systems", "crypto", "fullstack", "game"];

/// Cues that are role words themselves ("Data Scientist", "SRE", "Designer", "Recruiter").
static ROLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:engineers?|developers?|scientists?|analysts?|designers?|recruiters?|sres?|devops|sdet|qa|traders?|accountants?|writers?|architects?|researchers?|executives?|managers?|owners?|advocates?|administrators?|dbas?|sysadmins?|pms?|programmers?|generalists?|devrel|engineering|development|team|testers?|evangelists?|masters?|specialists?)$")
        .unwrap_or_else(|e| panic!("lanes ROLE_WORD pattern: {e}"))
});

/// A role noun within a few words after a cue: "Backend (Go) Engineer", "iOS and Android developers".
static ROLE_FOLLOWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s/&,+.-]*(?:(?:[a-z0-9.#+/-]+|\([^)]{0,20}\))[\s/&+-]+){0,2}?(?:engineers?|developers?|devs?|programmers?|scientists?|designers?|analysts?|architects?|researchers?|swes?|roles?|positions?|leads?|managers?|reps?|representatives?|executives?|associates?|specialists?|interns?|hires?|generalists?|hackers?|folks|people|talent|candidates?)(?-u:\b)")
        .unwrap_or_else(|e| panic!("lanes ROLE_FOLLOWS pattern: {e}"))
});

/// A role noun just before a cue, set off as a qualifier: "Software Engineer - Backend",
/// "Senior Engineer, Infrastructure", "Developer (Frontend)".
static ROLE_PRECEDES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:engineers?|developers?|programmers?|swes?)\s*(?:[-,(:|/]|–|—)\s*(?:[a-z]+\s+)?$",
    )
    .unwrap_or_else(|e| panic!("lanes ROLE_PRECEDES pattern: {e}"))
});

/// An engineering role named anywhere (for the server-stack fallback).
static ENGINEERING_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:engineers?|developers?|programmers?|swes?|engineering team)(?-u:\b)",
    )
    .unwrap_or_else(|e| panic!("lanes ENGINEERING_ROLE pattern: {e}"))
});

/// Server-side languages and frameworks: a generic engineering role on them is backend.
static SERVER_STACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[Jj]ava|JAVA|[Pp]ython|[Gg]olang|Go,|[Rr]uby|[Rr]ails|[Dd]jango|[Ff]lask|PHP|[Ll]aravel|[Nn]ode(?:\.?js)?|\.NET|C#|[Ss]cala|[Ee]lixir|[Hh]askell|[Cc]lojure|[Ee]rlang|Spring|APIs?)(?-u:\b)")
        .unwrap_or_else(|e| panic!("lanes SERVER_STACK pattern: {e}"))
});

/// "full stack" with up to two stack words before a cue: "full stack Golang ", "Full Stack Ruby/".
static FULLSTACK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)full[- ]?stack[\s/-]+(?:[\w.#+]+[\s/]+){0,2}$")
        .unwrap_or_else(|e| panic!("lanes FULLSTACK_BEFORE pattern: {e}"))
});

/// Cues that describe the role's work wherever they appear: app frameworks that exist only
/// for mobile apps, both platforms named together ("iOS & Android"), and work across the
/// whole stack ("tackling every portion of the stack" is full-stack work).
static DESCRIBES_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:react native|flutter|swiftui|xamarin|capacitor(?:js)?|kotlin multiplatform|(?:across|every|each|all) .* stack|ios\s*(?:&|and|/|\+)\s*android|android\s*(?:&|and|/|\+)\s*ios)$")
        .unwrap_or_else(|e| panic!("lanes DESCRIBES_WORK pattern: {e}"))
});

/// Descriptive cues that still need a role noun ("LLMs" in prose about the product).
static ROLE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:llms?|large language models?|nlp|crypto\w*|bitcoin|ethereum|solana|on-?chain|defi|generalists?|web developers?)$")
        .unwrap_or_else(|e| panic!("lanes ROLE_ONLY pattern: {e}"))
});

/// The career lanes of the roles offered, sorted and unique. `title` (a structured job title)
/// is read before the text.
pub fn find(text: &str, title: Option<&str>) -> Vec<String> {
    let mut found = std::collections::BTreeSet::new();
    let mut in_prose = std::collections::BTreeSet::new();
    let mut server_work = false;
    let mut backend_named = false;
    for source in title.into_iter().chain(std::iter::once(text)) {
        // (start, end, lane, counted) of every cue, so that a list of lanes can lend its
        // context to its members.
        let mut cues: Vec<Cue> = Vec::new();
        for (key, whole) in LANE_CUES.find_iter(source) {
            // "careers.acme.hr", "acme.com/jobs/backend-engineer": a web address, not a role.
            if in_web_address(source, whole.start(), whole.end()) {
                continue;
            }
            // "our backend" describes the company's server work, even if it names no role.
            server_work |= key == "backend";
            let before = tail(&source[..whole.start()], 24);
            // "join our mobile team" names the team a hire joins, "looking for backend engineers"
            // the roles sought; other "our X" / "for X" is the company or its customers.
            if NEGATED_BEFORE.is_match(before)
                && !JOIN_BEFORE.is_match(before)
                && !SOUGHT_BEFORE.is_match(tail(&source[..whole.start()], 40))
            {
                continue;
            }
            // "work closely with designers and product managers", "alongside our data
            // scientists": the colleagues of the role, not roles offered.
            // ("experience working with front-end code", "work with us on embedded systems"
            // describe the role itself.)
            let clause = clause_before(source, whole.start());
            if COLLEAGUES_BEFORE.is_match(clause)
                && COLLEAGUES_BEFORE.captures_iter(clause).any(|c| {
                    c.get(0).is_some_and(|m| ends_near_cue(clause, m))
                        && c.get(1).is_none()
                        && c.get(2).is_none()
                })
            {
                continue;
            }
            // "Questions? recruiting@acme.com", "(Senior Technical Recruiter)", "please do not
            // contact if you are a recruiter": a person to write to, not a role offered.
            if key == "other_non_eng"
                && CONTACT_LINE.is_match(line_of(source, whole.start(), whole.end()))
            {
                continue;
            }
            // "Full Stack Ruby/Rails Engineer": the language names the stack of a full-stack role.
            if key == "backend"
                && !BACKEND_WORD.is_match(whole.as_str())
                && FULLSTACK_BEFORE.is_match(tail(&source[..whole.start()], 40))
            {
                continue;
            }
            let titled = ROLE_WORD.is_match(whole.as_str())
                || ROLE_FOLLOWS.is_match(head(&source[whole.end()..], 60))
                || ROLE_PRECEDES.is_match(tail(&source[..whole.start()], 40));
            // A line of its own names a role by a lane's name ("Backend", "DevOps"); a topic
            // word there heads a feature ("* Multi-region deployment: ...") unless a role
            // noun stands beside it.
            let first_line = in_header(source, whole.start());
            let header = first_line
                || (in_title_line(source, whole.start(), whole.end())
                    && (titled || !TOPIC_WORD.is_match(whole.as_str())));
            let list_only = LIST_ONLY.is_match(whole.as_str());
            let sentence = sentence_of(source, whole.start(), whole.end());
            // "experience with Docker and Linux devops": a skill asked of the role, which
            // names the work only as a description does.
            let skill = !first_line
                && SKILL_BEFORE
                    .find_iter(clause)
                    .any(|m| ends_near_cue(clause, m));
            // "Fieldbook is a tool that lets sales teams ...", "We are over 100 engineers and
            // designers": a sentence about what the company is or does names its users or its
            // staff, not roles, even as a list; only the work it describes is kept, as prose.
            let about_company = !header
                && COMPANY_SENTENCE.is_match(sentence)
                && !HIRING_SENTENCE.is_match(sentence);
            if about_company && !DESCRIPTIVE.contains(&key) {
                continue;
            }
            // A skill or a sentence about the company never names a role; what it describes
            // falls to the prose / list-only choice below.
            let strength = if (list_only && !titled) || ONLY_IN_LISTS.is_match(whole.as_str()) {
                Strength::ListOnly
            } else if !(skill || about_company)
                && (header
                    || DESCRIBES_WORK.is_match(whole.as_str())
                    || (titled
                        && (!PROSE_NEEDS_HIRING.contains(&key)
                            || HIRING_SENTENCE.is_match(sentence))))
            {
                Strength::Role
            } else if DESCRIPTIVE.contains(&key) && !ROLE_ONLY.is_match(whole.as_str()) {
                Strength::Prose
            } else {
                Strength::ListOnly
            };
            cues.push(Cue {
                start: whole.start(),
                end: whole.end(),
                lane: key,
                strength,
            });
        }
        // "front end, back end, iOS/Android; developers and managers": roles named as a list
        // of two or more lanes count together, even in prose.
        let mut run_start = 0;
        for idx in 0..=cues.len() {
            let joined = idx > 0
                && idx < cues.len()
                && LIST_JOINER.is_match(&source[cues[idx - 1].end..cues[idx].start]);
            if !joined {
                let run = &cues[run_start..idx];
                let lanes_in_run: std::collections::BTreeSet<&str> =
                    run.iter().map(|c| c.lane).collect();
                for cue in run {
                    if cue.strength == Strength::Role || lanes_in_run.len() >= 2 {
                        found.insert(cue.lane);
                        backend_named |= cue.lane == "backend"
                            && BACKEND_LANE_WORD.is_match(&source[cue.start..cue.end]);
                    } else if cue.strength == Strength::Prose {
                        in_prose.insert(cue.lane);
                    }
                }
                run_start = idx;
            }
        }
    }
    // "Senior Ruby Developer" in a full-stack posting is the full-stack role written by its
    // language; a backend role is one named as such ("Backend Engineer", "server-side").
    if found.contains("fullstack")
        && found.contains("backend")
        && !found.contains("frontend")
        && !backend_named
    {
        found.remove("backend");
    }
    // Work described only in prose ("we use machine learning to ...") names the lane of the
    // roles only when the posting names no role lane at all.
    if found.is_empty() {
        found = in_prose;
    }
    // A generic engineering role over both a web front end and a server stack is full-stack
    // (GUIDELINES: "choose from what the text describes"); so is a role titled by its server
    // language alone ("PHP Developer") when the text also names the browser side. Either way
    // no other web lane is named and no role is called backend by its lane words.
    let other_web_lane = ["frontend", "fullstack", "mobile"]
        .iter()
        .any(|l| found.contains(l));
    if !other_web_lane
        && !backend_named
        && names_stack(&FRONTEND_STACK, text)
        && names_stack(&BACKEND_STACK, text)
    {
        found.remove("backend");
        found.insert("fullstack");
    }
    // A generic software engineer offered in the header or a title line beside other lanes,
    // where the text describes server-side work ("scalable APIs", "a Java/Scala backend"), is
    // backend too: the generic role is the one doing that work.
    if !found.contains("backend")
        && !found.contains("fullstack")
        && !found.is_empty()
        && offers_generic_role(text)
        && server_work
    {
        found.insert("backend");
    }
    // An engineering role with no lane words at all, on a server stack ("Software Engineer ...
    // we write Java and Go"), is backend: what the text describes is server-side work.
    if found.is_empty() && ENGINEERING_ROLE.is_match(text) && names_stack(&SERVER_STACK, text) {
        found.insert("backend");
    }
    found.into_iter().map(str::to_string).collect()
}

/// One lane cue found in a text, with how strongly it names a role offered.
struct Cue<'a> {
    start: usize,
    end: usize,
    lane: &'a str,
    strength: Strength,
}

/// How a cue names a role: as a role (header, title line, role noun beside it), as work
/// described in prose, or only as a member of a list of lanes ("DevOps, Data, Backend").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Role,
    Prose,
    ListOnly,
}

/// "Software Engineer", "Software and DevOps Engineers" without a lane before it.
static GENERIC_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)software(?:\s+(?:and|&)\s+[\w-]+)?\s+(?:engineers?|developers?|engineering)(?-u:\b)")
        .unwrap_or_else(|e| panic!("lanes GENERIC_ROLE pattern: {e}"))
});

/// Whether a generic software role is offered: in the header, a title line or a sentence that
/// offers roles ("we are seeking Front-end Developers, Software Engineers & DevOps Engineers").
fn offers_generic_role(text: &str) -> bool {
    GENERIC_ROLE.find_iter(text).any(|m| {
        in_header(text, m.start())
            || in_title_line(text, m.start(), m.end())
            || HIRING_SENTENCE.is_match(sentence_of(text, m.start(), m.end()))
    })
}

/// Whether `start..end` is part of a host name or an e-mail address ("careers.acme.hr",
/// "jobs@acme.io"). The path of a link is kept: "/jobs/backend-engineer" names a role.
fn in_web_address(source: &str, start: usize, end: usize) -> bool {
    // After the last whitespace before the match (which may be a multi-byte space).
    let token_start = source[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let before = &source[token_start..start];
    let host = before.split_once("://").map_or(before, |(_, rest)| rest);
    let after_dot = host.ends_with('.') && !host.contains('/');
    let in_email = source[end..]
        .split(char::is_whitespace)
        .next()
        .is_some_and(|rest| rest.starts_with('@'))
        || before.contains('@');
    after_dot || in_email
}

/// Whether `start` lies in the posting's header: the first line when it reads as one (fields
/// set off by `|`, or short), else its opening clause.
fn in_header(source: &str, start: usize) -> bool {
    let first_line = source.find('\n').map_or(source, |i| &source[..i]);
    if start >= first_line.len() {
        return false;
    }
    first_line.contains('|') || start < 120
}

/// The sentence holding `start..end`: from the previous full stop, `!`, `?` or line break.
fn sentence_of(source: &str, start: usize, end: usize) -> &str {
    let from = source[..start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |i| i + 1);
    let to = source[end..]
        .find(['.', '!', '?', '\n'])
        .map_or(source.len(), |i| end + i);
    &source[from..to]
}

/// A sentence that offers roles: "we're looking for", "hiring", "join us", "open positions".
static HIRING_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:looking|hiring|hire|seeking|seek|searching|recruiting|need|needs|want|wanted|join|open|opening|openings|positions?|roles?|vacanc\w+|apply|candidates?|you(?:'ll|\s+will)?|opportunit\w+|grow(?:ing)?\s+(?:our|the)\s+team)(?-u:\b)")
        .unwrap_or_else(|e| panic!("lanes HIRING_SENTENCE pattern: {e}"))
});

/// Bare words that name a lane only inside a list of lanes or before a role noun: "data",
/// "security" or "hardware" in prose are everywhere, in "Backend, Frontend, Data" or "Embedded
/// Software, Embedded Security, Android" they are roles.
static LIST_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:big\s+)?data|security|testing|hardware)$")
        .unwrap_or_else(|e| panic!("lanes LIST_ONLY pattern: {e}"))
});

/// Words that name a lane only in a list of lanes, even before a role noun: "developer
/// operations engineers" is DevOps, "Frontend, Backend, Operations" lists a team.
static ONLY_IN_LISTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^operations$").unwrap_or_else(|e| panic!("lanes ONLY_IN_LISTS pattern: {e}"))
});

/// Cues that name a topic of the work rather than a lane's roles: on a line of their own
/// ("* Multi-cloud, multi-region deployment: ...") they head a feature, not a role.
static TOPIC_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:deployment|infrastructure|infra|ops|networking|kubernetes|terraform|apis?|microservices|integrations?|mobile|ios|android|sales|marketing|finance|legal|operations|customer (?:success|support|service)|business development|hr|big data|data|security|testing|hardware|spark|airflow|dbt|snowflake|etl|pytorch|tensorflow|llms?|nlp)$")
        .unwrap_or_else(|e| panic!("lanes TOPIC_WORD pattern: {e}"))
});

/// "looking for", "hiring for", "positions for" before a cue: the roles sought.
static SOUGHT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:looking|hiring|searching|seeking|openings?|positions?|roles?|opportunit\w*|needs?|search)\s+for\s*$")
        .unwrap_or_else(|e| panic!("lanes SOUGHT_BEFORE pattern: {e}"))
});

/// A sentence about the company: its name or "we" and a verb saying what it is or does.
static COMPANY_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3}(?:\s*\([^)]{0,40}\))?(?:,[^,]{1,60},)?\s+(?:is|are|provides?|helps?|lets|enables|empowers|builds|makes|offers|develops|gives)|[Ww]e(?:'re|’re|\s+are)\s+(?:a|an|the|over|building|making|developing|creating))(?-u:\b)")
        .unwrap_or_else(|e| panic!("lanes COMPANY_SENTENCE pattern: {e}"))
});

/// A cue in the same clause after "experience with", "knowledge of": a skill, not a role.
static SKILL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:experience|familiarity|knowledge|proficiency|expertise|exposure)\s+(?:with|in|of)(?-u:\b)")
        .unwrap_or_else(|e| panic!("lanes SKILL_BEFORE pattern: {e}"))
});

/// A cue in the same clause after "alongside" or "work(ing) closely with": a colleague. The
/// groups catch "experience working with" (a skill) and "with us" (the work itself), which
/// name no colleagues.
static COLLEAGUES_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(experience\s+|familiar\w*\s+)?(?:alongside|(?:work|works|working|collaborat\w*|partner\w*|interact\w*)\s+(?:closely\s+|directly\s+|hand\s+in\s+hand\s+)?with)(?-u:\b)(\s+(?:us|me)(?-u:\b))?")
        .unwrap_or_else(|e| panic!("lanes COLLEAGUES_BEFORE pattern: {e}"))
});

/// The clause before a cue: back to the last sentence or clause break (not a colon, which
/// introduces a list: "experience with: Docker, Linux"), at most 80 bytes.
fn clause_before(source: &str, start: usize) -> &str {
    after_last(tail(&source[..start], 80), &['.', ';', '!', '?', '\n'])
}

/// Whether `phrase` ends within 60 bytes before the end of `clause` (the cue follows it).
fn ends_near_cue(clause: &str, phrase: regex::Match) -> bool {
    clause.len() - phrase.end() <= 60
}

/// Backend named by its lane words rather than by a server language ("Rails Developer").
static BACKEND_LANE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:back[- ]?end|server[- ]side|microservices|integrations?[- ]\w+)$")
        .unwrap_or_else(|e| panic!("lanes BACKEND_LANE_WORD pattern: {e}"))
});

/// The lane word itself ("back end"), as opposed to a language-titled backend role.
static BACKEND_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^back[- ]?end$").unwrap_or_else(|e| panic!("lanes BACKEND_WORD pattern: {e}"))
});

/// What may stand between two lanes of one list: "front end, back end, mobile", "iOS/Android".
static LIST_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:\([^)]{0,60}\))?\s*(?:(?:,|/|&|\+|;)\s*(?:and|or|to)?|and|or|to)\s*|\s+(?:web|apps?)?\s*(?:,|/|&|and|or)\s*)$")
        .unwrap_or_else(|e| panic!("lanes LIST_JOINER pattern: {e}"))
});

/// Whether `stack` names a technology outside a URL or file name ("web.php", "/react/").
fn names_stack(stack: &Regex, text: &str) -> bool {
    stack.find_iter(text).any(|m| {
        !matches!(
            text[..m.start()].bytes().last(),
            Some(b'.' | b'/' | b'-' | b'_')
        )
    })
}

/// The line holding `start..end`.
fn line_of(source: &str, start: usize, end: usize) -> &str {
    let (line_start, line_end) = line_bounds(source, start, end);
    &source[line_start..line_end]
}

/// Byte bounds of the line holding `start..end`, without its line breaks.
fn line_bounds(source: &str, start: usize, end: usize) -> (usize, usize) {
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
    (line_start, line_end)
}

/// A line that gives a contact rather than a role: an e-mail address or a contact verb.
static CONTACT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)@[a-z0-9-]+\.|\[at\]|\(at\)|(?-u:\b)(?:contact|e-?mail|reach out|ping|send|interview process|questions)(?-u:\b)")
        .unwrap_or_else(|e| panic!("lanes CONTACT_LINE pattern: {e}"))
});

/// Whether the match sits in a short line that is not a sentence (a list of roles, a title
/// line such as "Software Developers — Full Stack/Backend/Deployment").
fn in_title_line(source: &str, start: usize, end: usize) -> bool {
    let (line_start, line_end) = line_bounds(source, start, end);
    let line = source[line_start..line_end].trim();
    if REQUIREMENT_LINE.is_match(line) {
        return false;
    }
    let short_title = line.len() <= 70
        && !line.ends_with('.')
        && !line.ends_with(':')
        && line.split_whitespace().count() <= 9;
    // "- IoT/Embedded Software: delivering a reliable ...": a bulleted role named before its
    // description.
    let bullet_title = || {
        let bulleted = line.starts_with(['-', '*', '•', '★', '–']);
        let named = source[line_start..end].trim_start();
        let rest = &source[end..line_end];
        bulleted
            && named.len() <= 60
            && rest
                .find([':', '(', '–', '—'])
                .is_some_and(|i| i <= 30 && !rest[..i].contains(['.', ',']))
    };
    short_title || bullet_title()
}

/// A line that states a requirement or the stack rather than a role: "Experience with REST
/// APIs", "+ Developed scalable APIs", "Tech stack: React, Node, Backend in Go".
static REQUIREMENT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s\-*•+·]*(?:experience|knowledge|familiar\w*|proficien\w*|understanding|strong|solid|comfortable|ability|developed|built|designed|worked|you|we|our|(?:tech(?:nology)?\s*)?stack\s*:|tech\s*:|technologies\s*:|tools\s*:)")
        .unwrap_or_else(|e| panic!("lanes REQUIREMENT_LINE pattern: {e}"))
});

/// Front-end stack words for the full-stack inference.
static FRONTEND_STACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:react|vue(?:\.js)?|angular(?:js)?|ember|backbone|svelte|typescript|javascript|coffeescript|html5?|front[- ]?end)(?-u:\b)")
        .unwrap_or_else(|e| panic!("lanes FRONTEND_STACK pattern: {e}"))
});

/// Server stack words for the full-stack inference.
static BACKEND_STACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:ruby|rails|django|flask|node(?:\.js)?|laravel|php|elixir|phoenix|spring|asp\.net|\.net|express|back[- ]?end|server[- ]side)(?-u:\b)")
        .unwrap_or_else(|e| panic!("lanes BACKEND_STACK pattern: {e}"))
});

/// The last `n` bytes of `s`, moved forward to a char boundary.
pub(crate) fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The first `n` bytes of `s`, moved back to a char boundary.
pub(crate) fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The part of `text` after the last of `breaks`, or all of it.
pub(crate) fn after_last<'t>(text: &'t str, breaks: &[char]) -> &'t str {
    text.rfind(breaks).map_or(text, |i| &text[i + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cases() {
        crate::case_files::check("lanes", include_str!("../testdata/lanes.toml"), find);
    }

    #[test]
    fn vocabulary_parses_and_has_every_lane() {
        for lane in LANES {
            assert!(VOCABULARY.lanes.contains_key(lane), "{lane} missing");
        }
    }

    proptest! {
        #[test]
        fn sorted_unique_allowed(s in "\\PC{0,300}") {
            let got = find(&s, None);
            let mut sorted = got.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(&got, &sorted);
            prop_assert!(got.iter().all(|l| LANES.contains(&l.as_str())));
        }
    }
}
