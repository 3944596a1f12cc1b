//! The search-gap report: what staff searched for, and what found nothing.
//!
//! Owns the search log's line format ([`Entry`], one JSON object a line, written by
//! `guidebook host --search-log` and read by `guidebook searches`), the normalised
//! form of a query, and the aggregation of entries into a [`Report`]: the most
//! frequent queries that found no page, and the most frequent queries overall.
//! Pure: no IO, no clock (the caller passes the time).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One search made on the results page: a line of the search log. Nothing in it
/// says who searched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The hour of the search, UTC, RFC 3339: `2026-12-06T20:00:00Z`.
    pub time: String,
    /// The query, normalised ([`normalise_query`]).
    pub query: String,
    /// Pages that matched (the contact who answers is not counted).
    pub results: usize,
    /// The results page asked for, from 1.
    pub page: u32,
    /// The edition searched: its id, or `current`.
    pub edition: String,
    /// The kind of page the search was limited to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Entry {
    /// The entry as one line of the log, newline included.
    pub fn to_line(&self) -> String {
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }

    /// Read one line of the log: `None` unless it is a JSON entry with a valid time
    /// and a query that is not empty once normalised.
    pub fn parse(line: &str) -> Option<Entry> {
        let mut e: Entry = serde_json::from_str(line).ok()?;
        e.when()?;
        e.query = normalise_query(&e.query);
        (!e.query.is_empty()).then_some(e)
    }

    /// The entry's time, if it is RFC 3339.
    pub fn when(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.time)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

/// A query as it is logged and counted: trimmed, runs of whitespace made one space,
/// lowercased. `"  Export   LICENCE "` → `"export licence"`.
pub fn normalise_query(q: &str) -> String {
    q.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `now` truncated to the hour, as the log writes it: `2026-12-06T20:00:00Z`.
pub fn hour(now: DateTime<Utc>) -> String {
    now.format("%Y-%m-%dT%H:00:00Z").to_string()
}

/// FILE.1: where the log FILE goes when it reaches its size cap, and where
/// `guidebook searches` reads the older searches.
pub fn older_half(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".1");
    PathBuf::from(name)
}

/// How often one query was searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub query: String,
    pub count: usize,
}

/// The report `guidebook searches` prints. Its JSON form is exactly
/// `{"zero_results": [...], "top": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The queries searched for most often that found no page, most frequent first.
    pub zero_results: Vec<Count>,
    /// The queries searched for most often, most frequent first.
    pub top: Vec<Count>,
    /// Searches counted (first results pages since the date asked).
    #[serde(skip)]
    pub searches: usize,
    /// Different queries among them.
    #[serde(skip)]
    pub queries: usize,
}

/// Count `entries` by query. Only first results pages count: a later page is the
/// same search read further. With `since`, only searches from that day (UTC) on.
/// Each list keeps the `top` most frequent queries; ties go by query text.
pub fn report<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    since: Option<NaiveDate>,
    top: usize,
) -> Report {
    let from = since
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc());
    let mut by_query: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut searches = 0;
    for e in entries {
        if e.page != 1 || from.is_some_and(|f| e.when().is_none_or(|t| t < f)) {
            continue;
        }
        searches += 1;
        let c = by_query.entry(e.query.as_str()).or_default();
        c.0 += 1;
        c.1 += usize::from(e.results == 0);
    }
    Report {
        zero_results: ranked(by_query.iter().map(|(q, c)| (*q, c.1)), top),
        top: ranked(by_query.iter().map(|(q, c)| (*q, c.0)), top),
        searches,
        queries: by_query.len(),
    }
}

/// The `n` largest counts (zeros left out), largest first, ties by query text.
fn ranked<'a>(counts: impl Iterator<Item = (&'a str, usize)>, n: usize) -> Vec<Count> {
    let mut v: Vec<Count> = counts
        .filter(|(_, c)| *c > 0)
        .map(|(q, c)| Count {
            query: q.to_string(),
            count: c,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.query.cmp(&b.query)));
    v.truncate(n);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(time: &str, query: &str, results: usize, page: u32) -> Entry {
        Entry {
            time: time.into(),
            query: query.into(),
            results,
            page,
            edition: "current".into(),
            kind: None,
        }
    }

    fn counts(v: &[Count]) -> Vec<(&str, usize)> {
        v.iter().map(|c| (c.query.as_str(), c.count)).collect()
    }

    #[test]
    fn queries_are_trimmed_collapsed_and_lowercased() {
        assert_eq!(normalise_query("  Export \t LICENCE\n "), "export licence");
        assert_eq!(normalise_query("   "), "");
        assert_eq!(normalise_query("ÉTUDE"), "étude");
    }

    #[test]
    fn the_hour_drops_minutes_seconds_and_fractions() {
        let t = DateTime::parse_from_rfc3339("2026-12-06T20:59:59.999+00:00")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(hour(t), "2026-12-06T20:00:00Z");
    }

    #[test]
    fn lines_round_trip_and_bad_lines_are_refused() {
        let mut e = entry("2026-12-06T20:00:00Z", "visa", 3, 1);
        e.kind = Some("guidance".into());
        assert_eq!(
            e.to_line(),
            "{\"time\":\"2026-12-06T20:00:00Z\",\"query\":\"visa\",\"results\":3,\"page\":1,\"edition\":\"current\",\"kind\":\"guidance\"}\n"
        );
        assert_eq!(Entry::parse(e.to_line().trim_end()), Some(e));
        let hand = r#"{"time":"2026-12-06T20:00:00Z","query":" Visa  Rules","results":0,"page":1,"edition":"2026-11"}"#;
        assert_eq!(Entry::parse(hand).unwrap().query, "visa rules");
        for bad in [
            "",
            "not json",
            r#"{"time":"yesterday","query":"visa","results":0,"page":1,"edition":"current"}"#,
            r#"{"time":"2026-12-06T20:00:00Z","query":"  ","results":0,"page":1,"edition":"current"}"#,
            r#"{"time":"2026-12-06T20:00:00Z","query":"visa","page":1,"edition":"current"}"#,
        ] {
            assert_eq!(Entry::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn counts_by_query_most_frequent_first_ties_by_text() {
        let t = "2026-12-06T20:00:00Z";
        let log = [
            entry(t, "visa", 0, 1),
            entry(t, "export", 4, 1),
            entry(t, "visa", 0, 1),
            entry(t, "atas", 0, 1),
            entry(t, "export", 4, 1),
            entry(t, "export", 4, 1),
            entry(t, "zoom", 0, 1),
            entry(t, "visa", 2, 1),
        ];
        let r = report(&log, None, 20);
        assert_eq!(
            counts(&r.zero_results),
            [("visa", 2), ("atas", 1), ("zoom", 1)]
        );
        assert_eq!(
            counts(&r.top),
            [("export", 3), ("visa", 3), ("atas", 1), ("zoom", 1)]
        );
        assert_eq!((r.searches, r.queries), (8, 4));
        let r = report(&log, None, 2);
        assert_eq!(counts(&r.zero_results), [("visa", 2), ("atas", 1)]);
        assert_eq!(counts(&r.top), [("export", 3), ("visa", 3)]);
    }

    #[test]
    fn later_pages_are_not_new_searches() {
        let t = "2026-12-06T20:00:00Z";
        let log = [entry(t, "export", 45, 1), entry(t, "export", 45, 2)];
        let r = report(&log, None, 20);
        assert_eq!(counts(&r.top), [("export", 1)]);
        assert_eq!(r.searches, 1);
    }

    #[test]
    fn since_keeps_that_day_and_after() {
        let log = [
            entry("2026-10-31T23:00:00Z", "old", 0, 1),
            entry("2026-11-01T00:00:00Z", "first day", 0, 1),
            entry("2026-11-02T09:00:00Z", "later", 1, 1),
        ];
        let since = NaiveDate::from_ymd_opt(2026, 11, 1);
        let r = report(&log, since, 20);
        assert_eq!(counts(&r.zero_results), [("first day", 1)]);
        assert_eq!(counts(&r.top), [("first day", 1), ("later", 1)]);
        assert_eq!(report(&log, None, 20).searches, 3);
    }

    #[test]
    fn the_older_half_is_file_dot_1() {
        assert_eq!(
            older_half(Path::new("/var/log/search.log")),
            Path::new("/var/log/search.log.1")
        );
    }

    #[test]
    fn an_empty_log_reports_nothing() {
        let r = report(&[], None, 20);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"zero_results":[],"top":[]}"#
        );
    }
}
