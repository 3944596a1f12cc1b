//! The typed front matter of a page, and which keys each kind of page accepts.
//!
//! Input: the plain map from `frontmatter.rs` and the page's kind. Output: a
//! [`FrontMatter`] plus diagnostics for unknown, misspelt, misplaced or mistyped keys,
//! each located on the key's line. Keys other generators use are mapped to ours here.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::frontmatter::{Split, key_position};
use super::kind::Kind;
use crate::config::Visibility;
use crate::error::{Diagnostic, did_you_mean};

/// A calendar date written `YYYY-MM-DD` (a time after it is accepted and ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let head = s.get(..10)?;
        let tail = &s[10..];
        if !(tail.is_empty() || tail.starts_with('T') || tail.starts_with(' ')) {
            return None;
        }
        NaiveDate::parse_from_str(head, "%Y-%m-%d").ok().map(Date)
    }

    /// "3 March 2026", the form readers see.
    pub fn human(&self) -> String {
        self.0.format("%-d %B %Y").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a valid date; write dates as YYYY-MM-DD, like 2026-03-14"
            ))
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One entry of a page's history.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: Date,
    pub note: String,
}

/// One question of a triage tree.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub help: Option<String>,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub label: String,
    pub next: String,
}

/// One outcome of a triage tree.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub processes: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<String>,
}

/// Every field a page may carry; which ones a kind accepts is in [`keys_for`].
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub kind: Option<String>,
    pub tags: Vec<String>,
    pub topics: Vec<String>,
    pub audience: Vec<String>,
    pub owner: Option<String>,
    pub reviewed: Option<Date>,
    pub review_every: Option<String>,
    pub visibility: Option<Visibility>,
    pub contacts: Vec<String>,
    pub changes: Vec<Change>,
    pub draft: bool,
    /// Leave the page out of its section's listing (reach it through links).
    pub hidden: bool,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    pub date: Option<Date>,
    pub permalink: Option<String>,
    pub template: Option<String>,
    /// A shorter title for navigation and listings (Hugo's `linkTitle`).
    pub nav_title: Option<String>,
    /// When the page was last updated (Hugo's `lastmod`, MkDocs' `date.updated`).
    pub updated: Option<Date>,
    /// From this day on the page is no longer built (Hugo's `expiryDate`).
    pub expires: Option<Date>,
    /// The page is a redirect to this address (Jekyll's `redirect_to`).
    pub redirect_to: Option<String>,
    /// Show the page's contents list (`false`: MkDocs' `hide: [toc]`).
    pub toc: Option<bool>,
    // legislation
    pub short_name: Option<String>,
    pub department: Option<String>,
    pub in_force: Option<Date>,
    pub status: Option<String>,
    pub requires: Option<String>,
    pub official_url: Option<String>,
    // case study
    pub institution: Option<String>,
    pub year: Option<i64>,
    // contact
    pub name: Option<String>,
    pub role: Option<String>,
    pub team: Option<String>,
    pub faculty: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub hours: Option<String>,
    pub internal_fields: Vec<String>,
    // decision
    pub start: Option<String>,
    pub questions: Vec<Question>,
    pub outcomes: Vec<Outcome>,
    /// Site-specific data for templates.
    pub extra: Map<String, Value>,
}

pub const COMMON_KEYS: &[&str] = &[
    "title",
    "summary",
    "kind",
    "tags",
    "topics",
    "audience",
    "owner",
    "reviewed",
    "review_every",
    "visibility",
    "contacts",
    "changes",
    "draft",
    "hidden",
    "weight",
    "slug",
    "aliases",
    "date",
    "permalink",
    "template",
    "nav_title",
    "updated",
    "expires",
    "redirect_to",
    "toc",
    "extra",
];
pub const LEGISLATION_KEYS: &[&str] = &[
    "short_name",
    "department",
    "in_force",
    "status",
    "requires",
    "official_url",
];
pub const CASE_STUDY_KEYS: &[&str] = &["institution", "year"];
pub const CONTACT_KEYS: &[&str] = &[
    "name",
    "role",
    "team",
    "faculty",
    "email",
    "phone",
    "location",
    "hours",
    "internal_fields",
];
pub const DECISION_KEYS: &[&str] = &["start", "questions", "outcomes"];

/// Keys other generators use that mean something here, and what they mean.
pub const ALIASES: &[(&str, &str)] = &[
    ("description", "summary"),
    ("redirect_from", "aliases"),
    ("last_reviewed_on", "reviewed"),
    ("review_in", "review_every"),
];

/// The kind-specific keys a kind accepts, beside the common ones.
pub fn keys_for(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Legislation => LEGISLATION_KEYS,
        Kind::CaseStudy => CASE_STUDY_KEYS,
        Kind::Contact => CONTACT_KEYS,
        Kind::Decision => DECISION_KEYS,
        _ => &[],
    }
}

fn kind_of_key(key: &str) -> Option<&'static str> {
    [
        (LEGISLATION_KEYS, "legislation"),
        (CASE_STUDY_KEYS, "case-study"),
        (CONTACT_KEYS, "contact"),
        (DECISION_KEYS, "decision"),
    ]
    .iter()
    .find(|(keys, _)| keys.contains(&key))
    .map(|(_, k)| *k)
}

fn all_known_keys() -> Vec<&'static str> {
    let mut v: Vec<&str> = COMMON_KEYS.to_vec();
    for keys in [
        LEGISLATION_KEYS,
        CASE_STUDY_KEYS,
        CONTACT_KEYS,
        DECISION_KEYS,
    ] {
        v.extend_from_slice(keys);
    }
    v.extend(ALIASES.iter().map(|(a, _)| *a));
    v
}

/// Check the keys of `map` for a page of `kind` and deserialise the typed front matter.
/// Returns `None` (with diagnostics) when a value has the wrong type. In a `bare`
/// folder (no guidebook.toml, no content/) keys guidebook does not know are notes,
/// not warnings or typos, and a value of the wrong type is dropped with a warning.
pub fn typed(
    map: Map<String, Value>,
    kind: Kind,
    split: &Split<'_>,
    file_text: &str,
    path: &str,
    bare: bool,
) -> (Option<FrontMatter>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut clean = Map::new();
    let at = |d: Diagnostic, key: &str| match key_position(split, key) {
        Some((l, c)) => d.at(file_text, l, c, key.chars().count()),
        None => d,
    };
    for (key, value) in map {
        let canonical = ALIASES
            .iter()
            .find(|(a, _)| *a == key)
            .map(|(_, c)| *c)
            .unwrap_or(key.as_str());
        if COMMON_KEYS.contains(&canonical) || keys_for(kind).contains(&canonical) {
            if clean.contains_key(canonical) {
                let d = Diagnostic::warning(
                    "front-matter",
                    path,
                    format!(
                        "`{key}` repeats `{canonical}`, which is already set; this one is ignored"
                    ),
                )
                .hint(format!("keep only one of `{key}` and `{canonical}`"));
                diags.push(at(d.key(key.clone()), &key));
                continue;
            }
            clean.insert(canonical.to_string(), value);
        } else {
            diags.push(at(unknown_key(&key, kind, path, bare), &key));
        }
    }
    match serde_json::from_value::<FrontMatter>(Value::Object(clean.clone())) {
        Ok(fm) => (Some(fm), diags),
        Err(_) if bare => {
            let wrong = type_errors(&clean, split, file_text, path);
            for d in &wrong {
                if let Some(k) = &d.key {
                    clean.remove(k);
                }
            }
            diags.extend(wrong.into_iter().map(|mut d| {
                d.severity = crate::error::Severity::Warning;
                d.message.push_str("; it is ignored");
                d
            }));
            let fm =
                serde_json::from_value::<FrontMatter>(Value::Object(clean)).unwrap_or_default();
            (Some(fm), diags)
        }
        Err(_) => {
            diags.extend(type_errors(&clean, split, file_text, path));
            (None, diags)
        }
    }
}

/// A key guidebook does not take on a page of `kind`: a warning naming the kind it
/// belongs to, an error with a suggestion for a near miss, else a warning; in a bare
/// folder, a note (another generator's key is not a typo of ours).
fn unknown_key(key: &str, kind: Kind, path: &str, bare: bool) -> Diagnostic {
    if bare {
        return Diagnostic::note(
            "front-matter",
            path,
            format!("field `{key}` means nothing to guidebook; it is ignored"),
        )
        .key(key);
    }
    let d = if let Some(other) = kind_of_key(key) {
        Diagnostic::warning(
            "front-matter",
            path,
            format!(
                "field `{key}` belongs to {other} pages; it is ignored on a {} page",
                kind.name()
            ),
        )
        .hint(format!(
            "set `kind = \"{other}\"` if this is a {other} page"
        ))
    } else if let Some(s) = did_you_mean(key, &all_known_keys()) {
        Diagnostic::error(
            "front-matter",
            path,
            format!("unknown field `{key}`, did you mean `{s}`?"),
        )
        .hint(format!("rename `{key}` to `{s}`"))
    } else {
        Diagnostic::warning(
            "front-matter",
            path,
            format!("unknown field `{key}` is ignored"),
        )
        .hint("put site-specific data under `[extra]`, where templates can read it")
    };
    d.key(key)
}

/// Find which keys fail to deserialise, one diagnostic each.
fn type_errors(
    clean: &Map<String, Value>,
    split: &Split<'_>,
    file_text: &str,
    path: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (key, value) in clean {
        let mut one = Map::new();
        one.insert(key.clone(), value.clone());
        if let Err(e) = serde_json::from_value::<FrontMatter>(Value::Object(one)) {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let mut d = Diagnostic::error(
                "front-matter",
                path,
                format!("field `{key}` has the wrong type: {msg}"),
            )
            .hint(type_hint(key))
            .key(key.clone());
            if let Some((l, c)) = key_position(split, key) {
                d = d.at(file_text, l, c, key.chars().count());
            }
            out.push(d);
        }
    }
    out
}

fn type_hint(key: &str) -> String {
    match key {
        "reviewed" | "date" | "in_force" => format!("write `{key}` as a date: 2026-03-14"),
        "tags" | "topics" | "audience" | "contacts" | "aliases" | "internal_fields" => {
            format!("write `{key}` as a list: [\"one\", \"two\"]")
        }
        "changes" => "write each change as `{ date = 2026-03-14, note = \"What changed\" }`".into(),
        "weight" | "year" => format!("write `{key}` as a whole number"),
        "draft" | "hidden" => format!("write `{key} = true` or `{key} = false`"),
        "visibility" => "write `visibility = \"public\"` or `visibility = \"internal\"`".into(),
        _ => format!("write `{key}` as text in quotes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::{parse, split};

    fn run(text: &str, kind: Kind) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let s = split(text, "p.md").unwrap();
        let map = parse(&s, text, "p.md").unwrap();
        typed(map, kind, &s, text, "p.md", false)
    }

    #[test]
    fn near_miss_is_an_error_on_its_line() {
        let (_, d) = run(
            "+++\nsummary = \"s\"\ntittle = \"T\"\n+++\n",
            Kind::Guidance,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "unknown field `tittle`, did you mean `title`?"
        );
        assert_eq!((d[0].line, d[0].column), (3, 1));
        assert!(d[0].is_error());
    }

    #[test]
    fn other_generators_keys_are_understood() {
        let (fm, d) = run(
            "---\ndescription: About\nredirect_from:\n  - /old/\nlayout: post\n---\n",
            Kind::Guidance,
        );
        let fm = fm.unwrap();
        assert_eq!(fm.summary.as_deref(), Some("About"));
        assert_eq!(fm.aliases, vec!["/old/"]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "unknown field `layout` is ignored");
        assert!(!d[0].is_error());
    }

    #[test]
    fn bad_date_names_the_field() {
        let (fm, d) = run("+++\nreviewed = \"2026-13-01\"\n+++\n", Kind::Guidance);
        assert!(fm.is_none());
        assert_eq!(
            d[0].message,
            "field `reviewed` has the wrong type: `2026-13-01` is not a valid date; write dates as YYYY-MM-DD, like 2026-03-14"
        );
        assert_eq!(d[0].line, 2);
    }

    #[test]
    fn legislation_fields_warn_elsewhere() {
        let (_, d) = run("+++\ndepartment = \"DBT\"\n+++\n", Kind::Guidance);
        assert_eq!(
            d[0].message,
            "field `department` belongs to legislation pages; it is ignored on a guidance page"
        );
    }

    #[test]
    fn toml_dates_and_changes() {
        let (fm, d) = run(
            "+++\nreviewed = 2026-03-03\n[[changes]]\ndate = 2026-03-03\nnote = \"New\"\n+++\n",
            Kind::Guidance,
        );
        assert!(d.is_empty(), "{d:?}");
        let fm = fm.unwrap();
        assert_eq!(fm.reviewed.unwrap().human(), "3 March 2026");
        assert_eq!(fm.changes[0].note, "New");
    }
}

/// A review interval such as `12 months`, `2 years`, `90 days` or `6 weeks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Days(u32),
    Months(u32),
}

impl Interval {
    pub fn parse(s: &str) -> Option<Interval> {
        let s = s.trim().to_ascii_lowercase();
        let (n, unit) = s.split_once(char::is_whitespace)?;
        let n: u32 = n.trim().parse().ok()?;
        match unit.trim().trim_end_matches('s') {
            "day" => Some(Interval::Days(n)),
            "week" => Some(Interval::Days(n * 7)),
            "month" => Some(Interval::Months(n)),
            "year" => Some(Interval::Months(n * 12)),
            _ => None,
        }
    }

    /// The date this interval after `from`.
    pub fn after(self, from: Date) -> Date {
        let d = match self {
            Interval::Days(n) => from.0.checked_add_days(chrono::Days::new(n.into())),
            Interval::Months(n) => from.0.checked_add_months(chrono::Months::new(n)),
        };
        Date(d.unwrap_or(NaiveDate::MAX))
    }
}

#[cfg(test)]
mod interval_tests {
    use super::*;

    #[test]
    fn intervals() {
        let d = Date::parse("2026-01-31").unwrap();
        assert_eq!(
            Interval::parse("12 months").unwrap().after(d).to_string(),
            "2027-01-31"
        );
        assert_eq!(
            Interval::parse("1 month").unwrap().after(d).to_string(),
            "2026-02-28"
        );
        assert_eq!(
            Interval::parse("2 weeks").unwrap().after(d).to_string(),
            "2026-02-14"
        );
        assert_eq!(
            Interval::parse("1 year").unwrap().after(d).to_string(),
            "2027-01-31"
        );
        assert_eq!(Interval::parse("soon"), None);
    }
}
