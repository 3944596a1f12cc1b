//! Snippets: a window of a page's text (or its summary) around the matched words,
//! every character HTML-escaped and each matched word in `<mark>`.
//!
//! The window holding the most different matched terms wins (then the most matches,
//! then the earliest); the summary wins when it holds as many. Lengths count
//! characters. search.js makes snippets the same way. Pure: no IO.

use std::collections::HashSet;

use super::analyze::{Analyzer, normalize_into, words};
use crate::util::html::escape;

/// Characters shown before the first matched word of a window.
const LEAD: usize = 30;

/// A matched word: character range and stem.
struct Match {
    start: usize,
    end: usize,
    stem: String,
}

/// The snippet for a page with `text` and `summary`, given the matched stems.
pub fn make(
    text: &str,
    summary: &str,
    stems: &HashSet<String>,
    a: &mut Analyzer,
    width: usize,
) -> String {
    let body: Vec<char> = text.chars().collect();
    let body_matches = matches(text, stems, a);
    let best = best_window(&body, &body_matches, width);
    let sum: Vec<char> = summary.chars().collect();
    let sum_matches = matches(summary, stems, a);
    let sum_distinct = distinct(sum_matches.iter());
    match best {
        Some((start, end, d)) if d > sum_distinct || sum.is_empty() => {
            render(&body, &body_matches, start, end)
        }
        _ if !sum.is_empty() => render(&sum, &sum_matches, 0, sum.len()),
        _ => {
            let end = snap_end(&body, width.min(body.len()), 0);
            render(&body, &[], 0, end)
        }
    }
}

/// The matched words of `text`, in character offsets.
///
/// Snowball English keeps a word's first letter (it only rewrites endings), so a
/// word can match only when its first letter, normalized, starts one of `stems`;
/// the others are skipped before they are normalized or stemmed. A page's text runs
/// to thousands of words and a query has a few stems, so this is most of the work
/// a snippet takes. `first_letter_survives_stemming` below checks the claim.
fn matches(text: &str, stems: &HashSet<String>, a: &mut Analyzer) -> Vec<Match> {
    let initials: Vec<char> = stems.iter().filter_map(|s| s.chars().next()).collect();
    let mut out = Vec::new();
    let (mut byte, mut chr) = (0usize, 0usize);
    let mut to_char = |b: usize| {
        chr += text[byte..b].chars().count();
        byte = b;
        chr
    };
    let (mut surface, mut stem) = (String::new(), String::new());
    for (start, end) in words(text) {
        let first = text.as_bytes()[start];
        if first.is_ascii() && !initials.contains(&char::from(first.to_ascii_lowercase())) {
            continue;
        }
        surface.clear();
        normalize_into(&text[start..end], &mut surface);
        if !surface
            .chars()
            .next()
            .is_some_and(|c| initials.contains(&c))
        {
            continue;
        }
        stem.clear();
        if a.stem_into(&surface, &mut stem) && stems.contains(&stem) {
            let (start, end) = (to_char(start), to_char(end));
            out.push(Match {
                start,
                end,
                stem: stem.clone(),
            });
        }
    }
    out
}

fn distinct<'a>(ms: impl Iterator<Item = &'a Match>) -> usize {
    let set: HashSet<&str> = ms.map(|m| m.stem.as_str()).collect();
    set.len()
}

/// (start, end, distinct terms) of the best window, when anything matched.
fn best_window(text: &[char], ms: &[Match], width: usize) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize, usize)> = None; // start, end, distinct, count
    for m in ms {
        let start = m
            .start
            .saturating_sub(LEAD)
            .min(text.len().saturating_sub(width));
        let end = (start + width).min(text.len());
        let inside: Vec<&Match> = ms
            .iter()
            .filter(|x| x.start >= start && x.end <= end)
            .collect();
        let (d, c) = (distinct(inside.iter().copied()), inside.len());
        if best.is_none_or(|(_, _, bd, bc)| (d, c) > (bd, bc)) {
            best = Some((start, end, d, c));
        }
    }
    best.map(|(s, e, d, _)| {
        let first = ms.iter().find(|m| m.start >= s).map_or(s, |m| m.start);
        let last = ms
            .iter()
            .rev()
            .find(|m| m.end <= e)
            .map_or(e, |m| m.end)
            .max(first);
        (snap_start(text, s, first), snap_end(text, e, last), d)
    })
}

/// Move `start` forward to the beginning of a word, not past `limit`.
fn snap_start(text: &[char], mut start: usize, limit: usize) -> usize {
    while start > 0 && start < limit && !text[start - 1].is_whitespace() {
        start += 1;
    }
    start
}

/// Move `end` back to the end of a word, not before `limit`.
fn snap_end(text: &[char], mut end: usize, limit: usize) -> usize {
    while end < text.len() && end > limit && !text[end].is_whitespace() {
        end -= 1;
    }
    end
}

/// Escape `text[start..end]`, marking the matches inside it.
fn render(text: &[char], ms: &[Match], start: usize, end: usize) -> String {
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for m in ms.iter().filter(|m| m.start >= start && m.end <= end) {
        out.push_str(&escape(&text[at..m.start].iter().collect::<String>()));
        out.push_str("<mark>");
        out.push_str(&escape(&text[m.start..m.end].iter().collect::<String>()));
        out.push_str("</mark>");
        at = m.end;
    }
    out.push_str(escape(&text[at..end].iter().collect::<String>()).trim_end_matches(' '));
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(s: &[&str]) -> HashSet<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn marks_and_escapes() {
        let mut a = Analyzer::new();
        let s = make(
            "Use <script>alert(1)</script> to export controlled goods & more",
            "",
            &set(&["export", "control"]),
            &mut a,
            200,
        );
        assert_eq!(
            s,
            "Use &lt;script&gt;alert(1)&lt;/script&gt; to <mark>export</mark> <mark>controlled</mark> goods &amp; more"
        );
    }

    #[test]
    fn windows_around_the_best_matches() {
        let mut a = Analyzer::new();
        let text = format!(
            "{}export licence here {}",
            "filler ".repeat(40),
            "tail ".repeat(40)
        );
        let s = make(&text, "A summary.", &set(&["export", "licens"]), &mut a, 60);
        assert_eq!(
            s,
            "…filler filler filler filler <mark>export</mark> <mark>licence</mark> here tail tail…"
        );
    }

    /// The claim `matches` rests on, over every word of the knowledge base and the
    /// seed texts: a word's stem starts with the word's first letter.
    #[test]
    fn first_letter_survives_stemming() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut a = Analyzer::new();
        let mut checked = 0;
        for dir in ["content", "tests/fixtures/seeds"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                for (start, end) in words(&text) {
                    let surface = crate::search::analyze::normalize(&text[start..end]);
                    let stem = a.stem(&surface);
                    assert_eq!(
                        stem.chars().next(),
                        surface.chars().next(),
                        "{surface} → {stem}"
                    );
                    checked += 1;
                }
            }
        }
        for word in [
            "dying",
            "skies",
            "ugly",
            "generously",
            "possibility",
            "yelling",
            "éclair",
        ] {
            let stem = a.stem(&crate::search::analyze::normalize(word));
            assert_eq!(
                stem.chars().next(),
                crate::search::analyze::normalize(word).chars().next()
            );
        }
        assert!(checked > 20_000, "only {checked} words checked");
    }

    #[test]
    fn summary_when_it_matches_as_well() {
        let mut a = Analyzer::new();
        let s = make(
            "Body about export.",
            "Export summary",
            &set(&["export"]),
            &mut a,
            60,
        );
        assert_eq!(s, "<mark>Export</mark> summary");
        let s = make("Body text only.", "", &set(&["export"]), &mut a, 9);
        assert_eq!(s, "Body text…");
    }
}
