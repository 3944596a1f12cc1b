//! Text analysis: the one way text becomes index terms, for documents and queries.
//!
//! A word is a run of alphanumeric characters; it is lowercased character by
//! character, folded to plain Latin letters (`é` → `e`, `ß` → `ss`), dropped if it is
//! a stop word or longer than [`MAX_WORD_CHARS`], and stemmed with Snowball English
//! (tantivy's stemmer). Every word, kept or not, takes one position, so phrases keep
//! their gaps. `themes/default/static/search.js` mirrors this file exactly (the
//! static fallback must rank as tantivy does); `tests/search_fallback.rs` checks it.
//! Pure: no IO.

use std::collections::HashMap;

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
    cache: HashMap<String, String>,
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
            cache: HashMap::new(),
        }
    }

    /// Append the kept words of `text` to `out`.
    pub fn analyze(&mut self, text: &str, out: &mut Vec<Token>) {
        for (position, (start, end)) in words(text).enumerate() {
            let surface = normalize(&text[start..end]);
            if !is_indexable(&surface) {
                continue;
            }
            let stem = self.stem(&surface);
            out.push(Token {
                surface,
                stem,
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

    /// The stem of one normalized word.
    pub fn stem(&mut self, surface: &str) -> String {
        if let Some(s) = self.cache.get(surface) {
            return s.clone();
        }
        let mut stream = self.stemmer.token_stream(surface);
        let stem = if stream.advance() {
            stream.token().text.clone()
        } else {
            surface.to_string()
        };
        self.cache.insert(surface.to_string(), stem.clone());
        stem
    }

    /// Every word analysed so far, with its stem.
    pub fn into_words(self) -> HashMap<String, String> {
        self.cache
    }
}

/// Whether a normalized word is indexed at all.
pub fn is_indexable(surface: &str) -> bool {
    !surface.is_empty()
        && surface.chars().count() <= MAX_WORD_CHARS
        && STOP_WORDS.binary_search(&surface).is_err()
}

/// Byte ranges of the words of `text`: runs of alphanumeric characters.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = iter.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = iter.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            iter.next();
        }
        Some((start, end))
    })
}

/// A word lowercased (character by character) and folded to plain letters.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        for l in c.to_lowercase() {
            if l.is_ascii() {
                out.push(l);
            } else {
                fold_into(l, &mut out);
            }
        }
    }
    out
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
                ("licences", "licenc", 6),
                ("cafe", "cafe", 7),
                ("aether", "aether", 8),
            ]
        );
        assert_eq!((t[1].start, t[1].end), (23, 29));
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
