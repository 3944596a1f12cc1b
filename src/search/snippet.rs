//! Snippets: a window of a page's text (or its summary) around the matched words,
//! every character HTML-escaped and each matched word in `<mark>`.
//!
//! The window holding the most different matched terms wins (then the most matches,
//! then the earliest); the summary wins when it holds as many. Lengths count
//! characters. search.js makes snippets the same way. Pure: no IO.

use std::collections::HashSet;

use memchr::memmem;

use super::analyze::{Analyzer, normalize_into, words};
use crate::util::html::escape;

/// Characters shown before the first matched word of a window.
const LEAD: usize = 30;

/// A matched word: character range, byte range and the number of its stem.
struct Match {
    start: usize,
    end: usize,
    bytes: (usize, usize),
    stem: usize,
}

/// Text addressed by character offset, as the window maths counts, without a copy
/// of it as characters: offsets become bytes only where a slice is taken.
struct Text<'a> {
    s: &'a str,
    /// Length in characters.
    len: usize,
    ascii: bool,
}

impl<'a> Text<'a> {
    fn new(s: &'a str) -> Text<'a> {
        let ascii = s.is_ascii();
        let len = if ascii { s.len() } else { s.chars().count() };
        Text { s, len, ascii }
    }

    fn is_empty(&self) -> bool {
        self.s.is_empty()
    }

    /// The byte where character `c` starts (the end of the text past its last).
    fn byte(&self, c: usize) -> usize {
        if self.ascii {
            return c.min(self.s.len());
        }
        self.s
            .char_indices()
            .nth(c)
            .map_or(self.s.len(), |(b, _)| b)
    }
}

/// The stems a query matched, and, when the site's word list is known, what finds
/// the words with those stems in a text without looking at every word.
pub struct Terms<'a> {
    stems: Vec<&'a str>,
    /// Every ASCII word of the site whose stem is one of `stems` (lowercase, as
    /// words are normalized).
    finder: Option<Finder>,
}

impl<'a> Terms<'a> {
    /// The stems alone: snippets look at every word of a text.
    pub fn new(stems: &'a HashSet<String>) -> Terms<'a> {
        Terms {
            stems: stems.iter().map(String::as_str).collect(),
            finder: None,
        }
    }

    /// The stems and `words_with_stem`, which must give every word of the site
    /// (normalized) with a given stem: every word a snippet may show, or some would
    /// not be marked. The site's word list ([`super::plan::Lexicon`]) holds every
    /// word indexed, and a page's text and summary are indexed.
    pub fn with_words<'w, I>(
        stems: &'a HashSet<String>,
        words_with_stem: impl Fn(&str) -> I,
    ) -> Terms<'a>
    where
        I: Iterator<Item = &'w str>,
    {
        let mut terms = Terms::new(stems);
        let words: Vec<Vec<&str>> = terms
            .stems
            .iter()
            .map(|s| words_with_stem(s).filter(|w| w.is_ascii()).collect())
            .collect();
        terms.finder = Finder::new(&words);
        terms
    }
}

/// Finds given words in an ASCII text: for each stem, the text is searched for
/// what all its words begin with (`memchr::memmem`, many bytes at a step), and only
/// the words that begin there are looked at.
struct Finder {
    /// What every word of a stem begins with (lowercase), for each stem that has
    /// words, without those another of them begins.
    starts: Vec<memmem::Finder<'static>>,
    /// The words (lowercase), by length.
    by_len: Vec<Vec<Box<[u8]>>>,
}

impl Finder {
    /// A finder for `words`, given stem by stem (ASCII, normalized). `None` when a
    /// word is not made only of letters and digits: a text's words are, so such a
    /// word could not be found this way, and every word must then be looked at.
    fn new(words: &[Vec<&str>]) -> Option<Finder> {
        let all = || words.iter().flatten();
        if all().any(|w| w.is_empty() || !w.bytes().all(|c| c.is_ascii_alphanumeric())) {
            return None;
        }
        let longest = all().map(|w| w.len()).max().unwrap_or(0);
        let mut by_len = vec![Vec::new(); longest + 1];
        for w in all() {
            by_len[w.len()].push(w.as_bytes().into());
        }
        let mut starts: Vec<&[u8]> = words.iter().filter_map(|ws| common_start(ws)).collect();
        // A start that another begins finds nothing more: drop it, so that no word
        // is found twice. Sorted, a start's beginnings come just before it.
        starts.sort_unstable();
        starts.dedup_by(|longer, kept| longer.starts_with(kept));
        let starts = starts
            .into_iter()
            .map(|s| memmem::Finder::new(s).into_owned())
            .collect();
        Some(Finder { starts, by_len })
    }

    /// The words of the lowercased ASCII text `b` (runs of letters and digits, as
    /// [`words`] splits them) that are among the words, in text order.
    fn find(&self, b: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for start in &self.starts {
            // Matches of `start` do not overlap; one at a word's start is never
            // inside another, since `start` is made of letters and digits.
            for at in start.find_iter(b) {
                if at > 0 && b[at - 1].is_ascii_alphanumeric() {
                    continue;
                }
                let end = b[at..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(b.len(), |n| at + n);
                let word = &b[at..end];
                if self
                    .by_len
                    .get(word.len())
                    .is_some_and(|ws| ws.iter().any(|w| **w == *word))
                {
                    out.push((at, end));
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// The longest beginning all of `words` share, when they have one.
fn common_start<'w>(words: &[&'w str]) -> Option<&'w [u8]> {
    let (first, rest) = words.split_first()?;
    let mut len = first.len();
    for w in rest {
        len = first
            .bytes()
            .zip(w.bytes())
            .take(len)
            .take_while(|(a, b)| a == b)
            .count();
    }
    (len > 0).then(|| &first.as_bytes()[..len])
}

/// What making a snippet reuses from one page to the next: the analyser and its
/// stems, and a buffer for a text lowercased.
#[derive(Default)]
pub struct Scratch {
    analyzer: Analyzer,
    lower: Vec<u8>,
}

/// The snippet for a page with `text` and `summary`, given the matched terms.
pub fn make(text: &str, summary: &str, terms: &Terms, s: &mut Scratch, width: usize) -> String {
    let body = Text::new(text);
    let body_matches = matches(&body, terms, s);
    let mut seen = Distinct::new(terms.stems.len());
    let best = best_window(&body, &body_matches, width, &mut seen);
    let sum = Text::new(summary);
    let sum_matches = matches(&sum, terms, s);
    let sum_distinct = seen.count(&sum_matches);
    match best {
        Some((start, end, d)) if d > sum_distinct || sum.is_empty() => {
            render(&body, &body_matches, start, end)
        }
        _ if !sum.is_empty() => render(&sum, &sum_matches, 0, sum.len),
        _ => {
            let end = snap_end(&body, width.min(body.len), 0);
            render(&body, &[], 0, end)
        }
    }
}

/// The matched words of `text`, in character and byte offsets, with the number of
/// their stem in `terms`: from the words the finder finds in the text lowercased
/// when it is ASCII (its words then normalize to lowercase), else from all its words.
fn matches(text: &Text, terms: &Terms, s: &mut Scratch) -> Vec<Match> {
    let a = &mut s.analyzer;
    match &terms.finder {
        Some(finder) if text.ascii => {
            let found = found(text.s, finder, &mut s.lower);
            check(text.s, found.into_iter(), terms, a)
        }
        _ => check(text.s, words(text.s), terms, a),
    }
}

/// The words of an ASCII `text` that `finder` finds in it lowercased (into
/// `lower`): whole words only.
fn found(text: &str, finder: &Finder, lower: &mut Vec<u8>) -> Vec<(usize, usize)> {
    lower.clear();
    lower.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
    finder.find(lower)
}

/// Of the words `candidates` (byte ranges, in text order), those whose stem is one
/// of `terms`'.
///
/// Snowball English keeps a word's first letter (it only rewrites endings), so a
/// word can match only when its first letter, normalized, starts one of the stems;
/// the others are skipped before they are normalized or stemmed. A page's text runs
/// to thousands of words and a query has a few stems, so this is most of the work
/// a snippet takes. `first_letter_survives_stemming` below checks the claim.
fn check(
    text: &str,
    candidates: impl Iterator<Item = (usize, usize)>,
    terms: &Terms,
    a: &mut Analyzer,
) -> Vec<Match> {
    let stems = &terms.stems;
    let initials: Vec<char> = stems.iter().filter_map(|s| s.chars().next()).collect();
    let mut out = Vec::new();
    let (mut byte, mut chr) = (0usize, 0usize);
    let mut to_char = |b: usize| {
        chr += text[byte..b].chars().count();
        byte = b;
        chr
    };
    let (mut surface, mut stem) = (String::new(), String::new());
    for (start, end) in candidates {
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
        if !a.stem_into(&surface, &mut stem) {
            continue;
        }
        if let Some(id) = stems.iter().position(|s| *s == stem) {
            out.push(Match {
                start: to_char(start),
                end: to_char(end),
                bytes: (start, end),
                stem: id,
            });
        }
    }
    out
}

/// Counts the different stems among matches, with no allocation after the first.
struct Distinct {
    /// The round in which each stem was last counted.
    seen: Vec<usize>,
    round: usize,
}

impl Distinct {
    fn new(stems: usize) -> Distinct {
        Distinct {
            seen: vec![0; stems],
            round: 0,
        }
    }

    fn count(&mut self, ms: &[Match]) -> usize {
        self.round += 1;
        let mut n = 0;
        for m in ms {
            if self.seen[m.stem] != self.round {
                self.seen[m.stem] = self.round;
                n += 1;
            }
        }
        n
    }
}

/// The matches wholly inside characters `start..end` (matches are in text order and
/// do not overlap, so they are a run of `ms`).
fn inside(ms: &[Match], start: usize, end: usize) -> &[Match] {
    let lo = ms.partition_point(|x| x.start < start);
    let hi = ms.partition_point(|x| x.end <= end).max(lo);
    &ms[lo..hi]
}

/// (start, end, distinct terms) of the best window, when anything matched.
fn best_window(
    text: &Text,
    ms: &[Match],
    width: usize,
    seen: &mut Distinct,
) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize, usize)> = None; // start, end, distinct, count
    for m in ms {
        let start = m
            .start
            .saturating_sub(LEAD)
            .min(text.len.saturating_sub(width));
        let end = (start + width).min(text.len);
        let inside = inside(ms, start, end);
        let (d, c) = (seen.count(inside), inside.len());
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
fn snap_start(text: &Text, mut start: usize, limit: usize) -> usize {
    if start == 0 || start >= limit {
        return start;
    }
    let mut b = text.byte(start);
    while start < limit {
        let before = text.s[..b].chars().next_back();
        let Some(at) = text.s[b..].chars().next() else {
            break;
        };
        if before.is_none_or(char::is_whitespace) {
            break;
        }
        start += 1;
        b += at.len_utf8();
    }
    start
}

/// Move `end` back to the end of a word, not before `limit`.
fn snap_end(text: &Text, mut end: usize, limit: usize) -> usize {
    if end >= text.len || end <= limit {
        return end;
    }
    let mut b = text.byte(end);
    while end > limit {
        let Some(at) = text.s[b..].chars().next() else {
            break;
        };
        if at.is_whitespace() {
            break;
        }
        end -= 1;
        b -= text.s[..b].chars().next_back().map_or(0, char::len_utf8);
    }
    end
}

/// Escape characters `start..end` of `text`, marking the matches inside it.
fn render(text: &Text, ms: &[Match], start: usize, end: usize) -> String {
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = text.byte(start);
    for m in ms.iter().filter(|m| m.start >= start && m.end <= end) {
        let (from, to) = m.bytes;
        out.push_str(&escape(&text.s[at..from]));
        out.push_str("<mark>");
        out.push_str(&escape(&text.s[from..to]));
        out.push_str("</mark>");
        at = to;
    }
    let end_byte = text.byte(end).max(at);
    out.push_str(escape(&text.s[at..end_byte]).trim_end_matches(' '));
    if end < text.len {
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
        let mut a = Scratch::default();
        let s = make(
            "Use <script>alert(1)</script> to export controlled goods & more",
            "",
            &Terms::new(&set(&["export", "control"])),
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
        let mut a = Scratch::default();
        let text = format!(
            "{}export licence here {}",
            "filler ".repeat(40),
            "tail ".repeat(40)
        );
        let stems = set(&["export", "licens"]);
        let s = make(&text, "A summary.", &Terms::new(&stems), &mut a, 60);
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
        let mut a = Scratch::default();
        let s = make(
            "Body about export.",
            "Export summary",
            &Terms::new(&set(&["export"])),
            &mut a,
            60,
        );
        assert_eq!(s, "<mark>Export</mark> summary");
        let s = make(
            "Body text only.",
            "",
            &Terms::new(&set(&["export"])),
            &mut a,
            9,
        );
        assert_eq!(s, "Body text…");
    }

    /// The finder gives the same snippets as looking at every word, for texts made
    /// of words of the vocabulary in any case, words that hold them, other words,
    /// digits and punctuation; and a word list holding something other than letters
    /// and digits makes no finder.
    #[test]
    fn found_words_are_the_words_every_word_would_give() {
        let vocabulary = [
            "export", "exports", "exported", "control", "controls", "licence", "licences", "a1",
            "study", "studies",
        ];
        let mut a = Analyzer::new();
        let stems: HashSet<String> = vocabulary.iter().map(|w| a.stem(w)).collect();
        let with = Terms::with_words(&stems, |s| {
            let s = s.to_string();
            let mut a = Analyzer::new();
            vocabulary
                .iter()
                .copied()
                .filter(move |w| a.stem(w) == s)
                .collect::<Vec<_>>()
                .into_iter()
        });
        assert!(with.finder.is_some());
        let without = Terms::new(&stems);
        proptest::proptest!(|(parts in proptest::collection::vec(proptest::sample::select(vec![
            "export", "EXPORT", "Exports", "exported", "re", "control", "controls", "licence",
            "LICENCES", "a1", "A1", "1", "x", "stud", "Studies", "study", " ", "-", ".", "'",
            "\n", "tail",
        ]), 0..30), width in 5usize..60)| {
            let body = parts.concat();
            let mut a = Scratch::default();
            proptest::prop_assert_eq!(
                make(&body, "", &with, &mut a, width),
                make(&body, "", &without, &mut a, width)
            );
        });
        // one stem's start begins another's: each word is still found once
        let nested = Finder::new(&[vec!["exportable"], vec!["export", "exports"], vec!["ex"]]);
        assert_eq!(
            nested.unwrap().find(b"export exportable ex exports expo"),
            [(0, 6), (7, 17), (18, 20), (21, 28)]
        );
        assert!(Finder::new(&[vec!["dual-use"]]).is_none());
        assert!(Finder::new(&[vec![""]]).is_none());
        assert_eq!(
            common_start(&["studi", "study", "studies"]),
            Some(&b"stud"[..])
        );
        assert_eq!(common_start(&["ab", "cd"]), None);
        assert_eq!(common_start(&[]), None);
    }

    /// With the words of each stem known, snippets are the same as when every word
    /// is looked at: words inside other words, cases, punctuation, text that is not
    /// ASCII (looked at word by word), windows and the summary.
    #[test]
    fn found_words_give_the_same_snippets() {
        let texts = [
            "Export controls: re-export, REEXPORT and reexport; exports exported. Export-licence licences licensing",
            "Control café controls ÉXPORT export 'exports' (licence) naïve controlled",
            "licence",
            "",
        ];
        let long = format!(
            "{} Exporting {} controls",
            "filler ".repeat(30),
            "tail x ".repeat(30)
        );
        let mut a = Analyzer::new();
        let mut vocabulary: Vec<(String, String)> = Vec::new();
        for t in texts.iter().copied().chain([long.as_str()]) {
            for (start, end) in words(t) {
                let surface = crate::search::analyze::normalize(&t[start..end]);
                let stem = a.stem(&surface);
                vocabulary.push((surface, stem));
            }
        }
        let stems = set(&["export", "control", "licens"]);
        let with = Terms::with_words(&stems, |s| {
            let s = s.to_string();
            vocabulary
                .iter()
                .filter(move |(_, st)| *st == s)
                .map(|(w, _)| w.as_str())
        });
        assert!(with.finder.is_some());
        let without = Terms::new(&stems);
        let mut compared = 0;
        let mut scratch = Scratch::default();
        for body in texts.iter().copied().chain([long.as_str()]) {
            for summary in ["", "Export summary", "A summary."] {
                for width in [9, 40, 200] {
                    let expected = make(body, summary, &without, &mut scratch, width);
                    assert_eq!(make(body, summary, &with, &mut scratch, width), expected);
                    compared += usize::from(expected.contains("<mark>"));
                }
            }
        }
        assert!(compared > 20, "only {compared} snippets with marks");
    }
}
