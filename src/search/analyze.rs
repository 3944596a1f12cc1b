//! Text analysis: the one way text becomes index terms, for documents and queries.
//!
//! A word is a run of alphanumeric characters; it is lowercased character by
//! character, folded to plain Latin letters (`é` → `e`, `ß` → `ss`), dropped if it is
//! a stop word or longer than [`MAX_WORD_CHARS`], and stemmed with Snowball English
//! (tantivy's stemmer). Every word, kept or not, takes one position, so phrases keep
//! their gaps. `themes/default/static/search.js` mirrors this file exactly (the
//! static fallback must rank as tantivy does); `tests/testsuite/search_fallback.rs` checks it.
//! Pure: no IO.

use std::collections::HashMap;

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};

/// Words longer than this many characters are not indexed.
pub const MAX_WORD_CHARS: usize = 40;

/// Words too common to help a search; they are not indexed and are ignored in queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
    "our", "s", "she", "should", "so", "such", "t", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "to", "us", "was", "we", "were", "what", "when", "where",
    "which", "who", "whom", "why", "will", "with", "would", "you", "your",
];

/// Lowercase letters folded to one plain letter: pairs of (letter, plain letter).
/// The same string is in search.js.
pub const FOLD_PAIRS: &str = "àaáaâaãaäaåaçcèeéeêeëeìiíiîiïiñnòoóoôoõoöoùuúuûuüuýyÿyāaăaąaćcĉcċcčcďdēeĕeėeęeěeĝgğgġgģgĥhĩiīiĭiįiĵjķkĺlļlľlńnņnňnōoŏoőoŕrŗrřrśsŝsşsšsţtťtũuūuŭuůuűuųuŵwŷyźzżzžzơoưuǎaǐiǒoǔuǖuǘuǚuǜuǟaǡaǧgǩkǫoǭoǰjǵgǹnǻaȁaȃaȅeȇeȉiȋiȍoȏoȑrȓrȕuȗușsțtȟhȧaȩeȫoȭoȯoȱoȳy";

/// Letters folded to something else, or to more than one letter. Also in search.js.
pub const FOLD_OTHER: &[(char, &str)] = &[
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('þ', "th"),
    ('ð', "d"),
    ('ø', "o"),
    ('đ', "d"),
    ('ħ', "h"),
    ('ı', "i"),
    ('ł', "l"),
    ('ŀ', "l"),
    ('ŧ', "t"),
    ('ĳ', "ij"),
    ('ſ', "s"),
];

/// Derivational endings rewritten after Snowball stemming, first match only, so that
/// words derived from one another meet: (ending of the Snowball stem, replacement).
/// Snowball removes inflections (`approvals` → `approv`) but leaves agent nouns
/// (`investor` / `invest`), `-ify` verbs (`notifi` / `notif`), `Latin
/// `-uisit` participles (`acquisit` / `acquir`), `-lic` nouns (`applic` / `appli`)
/// and British/American spellings (`licenc` / `licens`, `organiz` / `organis`) apart.
/// A rule applies only when at least [`DERIVE_MIN_LEFT`] letters stay before the
/// ending. The same table is in search.js.
pub const DERIVE_RULES: &[(&str, &str)] = &[
    ("uisit", "uir"),
    ("lic", "li"),
    ("ifi", "if"),
    ("tor", "t"),
    ("sor", "s"),
    ("enc", "ens"),
    ("iz", "is"),
];

/// Letters that must stay before a [`DERIVE_RULES`] ending.
pub const DERIVE_MIN_LEFT: usize = 3;

/// A Snowball stem with its derivational endings rewritten ([`DERIVE_RULES`]).
/// Rules apply again to what a rule left until none applies; every rule shortens
/// the stem or (`-enc`, `-iz`) leaves an ending no rule matches, so this ends.
pub fn derive(stem: &str) -> String {
    let mut out = stem.to_string();
    while let Some(next) = derive_once(&out) {
        out = next;
    }
    out
}

fn derive_once(stem: &str) -> Option<String> {
    DERIVE_RULES.iter().find_map(|(ending, to)| {
        let left = stem.strip_suffix(ending)?;
        (left.chars().count() >= DERIVE_MIN_LEFT).then(|| format!("{left}{to}"))
    })
}

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word lowercased and folded, before stemming.
    pub surface: String,
    /// The index term.
    pub stem: String,
    /// Byte range of the word in the analysed text.
    pub start: usize,
    pub end: usize,
    /// Word number in the text, counting stop words.
    pub position: u32,
}

/// Analyses text; keeps a cache of stems, which is also the site's word list.
pub struct Analyzer {
    stemmer: TextAnalyzer,
    /// Normalized word → its stem, or `None` when it is not indexed. Both are kept
    /// inline when short (up to 24 bytes, nearly every word), so a lookup compares
    /// and copies bytes in the table itself instead of in two more allocations.
    cache: FxHashMap<CompactString, Option<CompactString>>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    pub fn new() -> Analyzer {
        Analyzer {
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            cache: FxHashMap::default(),
        }
    }

    /// Append the kept words of `text` to `out`.
    pub fn analyze(&mut self, text: &str, out: &mut Vec<Token>) {
        let mut stem = String::new();
        for (position, (start, end)) in words(text).enumerate() {
            let surface = normalize(&text[start..end]);
            stem.clear();
            if !self.stem_into(&surface, &mut stem) {
                continue;
            }
            out.push(Token {
                surface,
                stem: stem.clone(),
                start,
                end,
                position: position as u32,
            });
        }
    }

    /// The stems of `text`, in order.
    pub fn stems(&mut self, text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        self.analyze(text, &mut tokens);
        tokens.into_iter().map(|t| t.stem).collect()
    }

    /// The stem of one normalized word (indexed or not).
    pub fn stem(&mut self, surface: &str) -> String {
        let mut out = String::new();
        if self.stem_into(surface, &mut out) {
            out
        } else {
            self.compute_stem(surface)
        }
    }

    /// Append the stem of a normalized word to `out` and return true; return false,
    /// appending nothing, when the word is not indexed ([`is_indexable`]). One cache
    /// lookup for a word seen before.
    pub fn stem_into(&mut self, surface: &str, out: &mut String) -> bool {
        if let Some(entry) = self.cache.get(surface) {
            return match entry {
                Some(stem) => {
                    out.push_str(stem);
                    true
                }
                None => false,
            };
        }
        let entry = is_indexable(surface).then(|| CompactString::from(self.compute_stem(surface)));
        let kept = entry.is_some();
        if let Some(stem) = &entry {
            out.push_str(stem);
        }
        self.cache.insert(CompactString::from(surface), entry);
        kept
    }

    fn compute_stem(&mut self, surface: &str) -> String {
        let mut stream = self.stemmer.token_stream(surface);
        if stream.advance() {
            derive(&stream.token().text)
        } else {
            derive(surface)
        }
    }

    /// Move every indexed word analysed so far, with its stem, into `words`.
    pub fn drain_words_into(&mut self, words: &mut HashMap<String, String>) {
        words.extend(
            self.cache
                .drain()
                .filter_map(|(word, stem)| Some((word.into_string(), stem?.into_string()))),
        );
    }
}

/// Whether a normalized word is indexed at all.
pub fn is_indexable(surface: &str) -> bool {
    !surface.is_empty()
        && surface.chars().count() <= MAX_WORD_CHARS
        && STOP_WORDS.binary_search(&surface).is_err()
}

/// Byte ranges of the words of `text`: runs of alphanumeric characters.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator [`words`] returns.
pub struct Words<'a> {
    text: &'a str,
    /// The byte where the search for the next word starts.
    at: usize,
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        let start = loop {
            let (c, len) = char_at(self.text, bytes, i)?;
            if c.is_alphanumeric() {
                break i;
            }
            i += len;
        };
        let mut end = start;
        while let Some((c, len)) = char_at(self.text, bytes, end) {
            if !c.is_alphanumeric() {
                break;
            }
            end += len;
        }
        self.at = end;
        Some((start, end))
    }
}

/// The character at byte `i` of `text` and its length in bytes; ASCII without decoding.
fn char_at(text: &str, bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let b = *bytes.get(i)?;
    if b.is_ascii() {
        return Some((b as char, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// A word lowercased (character by character) and folded to plain letters.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// [`normalize`], appending to `out`.
pub fn normalize_into(word: &str, out: &mut String) {
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            if l.is_ascii() {
                out.push(l);
            } else {
                fold_into(l, out);
            }
        }
    }
}

fn fold_into(c: char, out: &mut String) {
    let mut chars = FOLD_PAIRS.chars();
    while let (Some(from), Some(to)) = (chars.next(), chars.next()) {
        if from == c {
            out.push(to);
            return;
        }
    }
    match FOLD_OTHER.iter().find(|(from, _)| *from == c) {
        Some((_, to)) => out.push_str(to),
        None => out.push(c),
    }
}

/// Restricted Damerau–Levenshtein distance (adjacent transpositions count one) over
/// characters, giving up early once it must exceed `max`. search.js has the same.
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let w = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in rows.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * w] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[(i - 1) * w + j] + 1)
                .min(rows[i * w + j - 1] + 1)
                .min(rows[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[(i - 2) * w + j - 2] + 1);
            }
            rows[i * w + j] = d;
            best = best.min(d);
        }
        if best > max {
            return max + 1;
        }
    }
    rows[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn analyses_with_positions_and_gaps() {
        let mut a = Analyzer::new();
        let mut t = Vec::new();
        a.analyze("Who do I contact about Export-Licences? Café ÆTHER", &mut t);
        let got: Vec<(&str, &str, u32)> = t
            .iter()
            .map(|t| (t.surface.as_str(), t.stem.as_str(), t.position))
            .collect();
        assert_eq!(
            got,
            vec![
                ("contact", "contact", 3),
                ("export", "export", 5),
                ("licences", "licens", 6),
                ("cafe", "cafe", 7),
                ("aether", "aether", 8),
            ]
        );
        assert_eq!((t[1].start, t[1].end), (23, 29));
    }

    #[test]
    fn derived_words_meet() {
        let mut a = Analyzer::new();
        let pairs = [
            ("reputational", "reputation"),
            ("approvals", "approval"),
            ("investor", "investment"),
            ("notification", "notify"),
            ("acquisition", "acquire"),
            ("visitor", "visiting"),
            ("supervisor", "supervision"),
            ("sponsors", "sponsor"),
            ("application", "apply"),
            ("licence", "licensing"),
            ("organize", "organise"),
            ("classify", "classification"),
        ];
        for (x, y) in pairs {
            assert_eq!(a.stem(x), a.stem(y), "{x} / {y}");
        }
        assert_ne!(a.stem("motor"), a.stem("mot"));
        assert_eq!(derive("investor"), "invest");
        assert_eq!(derive("actor"), "actor");
        assert_ne!(a.stem("partnership"), a.stem("partner"));
    }

    #[test]
    fn folds_letters() {
        assert_eq!(normalize("Tomás"), "tomas");
        assert_eq!(normalize("Straße"), "strasse");
        assert_eq!(normalize("ŁÓDŹ"), "lodz");
        assert_eq!(FOLD_PAIRS.chars().count() % 2, 0);
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        let d = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            edit_distance(&a, &b, 2)
        };
        assert_eq!(d("expot", "export"), 1);
        assert_eq!(d("sanctoins", "sanctions"), 1);
        assert_eq!(d("nationl", "national"), 1);
        assert_eq!(d("abc", "abc"), 0);
        assert_eq!(d("abcdef", "ab"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
    }
}
