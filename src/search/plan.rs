//! A query, planned: groups of alternatives, each alternative a set of weighted terms
//! or a phrase. The tantivy query (`query.rs`) and search.js both run this plan, so
//! they match and rank the same pages.
//!
//! Rules: every word is a group (all groups required; when nothing matches, any);
//! "quoted text" is a phrase; the last word, when the query does not end in a space,
//! also matches words it begins (search as you type); a run of words (or a phrase)
//! equal to a configured synonym becomes one group whose alternatives are all its
//! synonyms; [`Plan::add_typos`] adds words one or two edits away. A word that is
//! itself in the site's word list is not prefix-expanded, and an acronym typed in
//! capitals (up to five letters) is never corrected. Pure: no IO.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::analyze::{Analyzer, Token, edit_distance};

/// Tuning shared with search.js (written into `meta.json`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// The last word matches the words it begins when it has at least this many letters,
    pub prefix_min: usize,
    /// ... up to this many other terms (most common first), each weighing this much.
    pub prefix_max: usize,
    pub prefix_weight: f32,
    /// Words of this many letters tolerate one typo; of `typo_min2`, two.
    pub typo_min1: usize,
    pub typo_min2: usize,
    pub typo_weight1: f32,
    pub typo_weight2: f32,
    /// At most this many corrections per word.
    pub typo_max: usize,
    /// Weight of a synonym the reader did not type.
    pub synonym_weight: f32,
    /// Words beyond this many are ignored.
    pub max_groups: usize,
    /// Length of a snippet, in characters.
    pub snippet_chars: usize,
    /// Longer words are not indexed ([`super::analyze::MAX_WORD_CHARS`]).
    pub max_word_chars: usize,
    /// The longest query looked at, in characters.
    pub max_query_chars: usize,
}

pub const PARAMS: Params = Params {
    prefix_min: 3,
    prefix_max: 10,
    prefix_weight: 0.5,
    typo_min1: 5,
    typo_min2: 9,
    typo_weight1: 0.3,
    typo_weight2: 0.2,
    typo_max: 8,
    synonym_weight: 0.8,
    max_groups: 12,
    snippet_chars: 200,
    max_word_chars: super::analyze::MAX_WORD_CHARS,
    max_query_chars: 256,
};

/// Stems of words that ask for a person rather than name a subject; they do not have
/// to match when choosing the contact who answers a query.
pub const INTENT_STEMS: &[&str] = &[
    "advic", "ask", "call", "contact", "email", "help", "person", "phone", "question", "someon",
    "speak", "talk",
];

/// One way a group can match.
#[derive(Debug, Clone, PartialEq)]
pub enum Alt {
    /// Any of these terms; each adds its score times its weight.
    Terms(Vec<(String, f32)>),
    /// All of these terms at these relative positions; scores add up, times `weight`.
    Phrase {
        terms: Vec<(u32, String)>,
        weight: f32,
    },
}

/// One required part of the query.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub alts: Vec<Alt>,
    /// The word as typed (normalized), when the group is one unquoted word: typos
    /// are looked for only then.
    pub word: Option<String>,
    /// The group only says "a person" (`contact`, `ask`): skipped when choosing an answer.
    pub intent: bool,
}

/// The whole plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub groups: Vec<Group>,
}

/// The site's words: (word, stem, pages containing the stem), sorted by word.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: Vec<(String, String, u32)>,
    df: HashMap<String, u32>,
    /// Stem → the numbers (in `words`) of the words with that stem.
    by_stem: HashMap<String, Vec<usize>>,
}

impl Lexicon {
    pub fn new(mut words: Vec<(String, String, u32)>) -> Lexicon {
        words.sort();
        words.dedup_by(|a, b| a.0 == b.0);
        let df = words.iter().map(|(_, s, d)| (s.clone(), *d)).collect();
        let mut by_stem: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (_, stem, _)) in words.iter().enumerate() {
            by_stem.entry(stem.clone()).or_default().push(i);
        }
        Lexicon { words, df, by_stem }
    }

    /// The words whose stem is `stem`.
    pub fn words_with_stem<'a>(&'a self, stem: &str) -> impl Iterator<Item = &'a str> + use<'a> {
        let numbers = self.by_stem.get(stem).map_or(&[][..], Vec::as_slice);
        numbers.iter().map(|&i| self.words[i].0.as_str())
    }

    /// Entries whose word starts with `prefix`.
    pub fn starting_with(&self, prefix: &str) -> &[(String, String, u32)] {
        let start = self.words.partition_point(|(w, _, _)| w.as_str() < prefix);
        let len = self.words[start..].partition_point(|(w, _, _)| w.starts_with(prefix));
        &self.words[start..start + len]
    }

    /// Pages containing `stem` (0 when unknown).
    pub fn df(&self, stem: &str) -> u32 {
        self.df.get(stem).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Synonym entries, analysed: each entry's texts as (position, stem) sequences.
pub type Synonyms = Vec<Vec<Vec<(u32, String)>>>;

/// Analyse configured synonym texts.
pub fn analyse_synonyms(entries: &[Vec<String>], a: &mut Analyzer) -> Synonyms {
    entries
        .iter()
        .map(|texts| {
            texts
                .iter()
                .map(|t| relative(&tokens(a, t)))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|e| e.len() > 1)
        .collect()
}

/// A piece of the query before grouping.
#[derive(Debug, Clone)]
enum Unit {
    /// `acronym`: typed in capitals, at most [`ACRONYM_MAX`] letters (never fuzzed).
    Word {
        token: Token,
        quoted: bool,
        acronym: bool,
    },
    Phrase(Vec<(u32, String)>),
}

impl Plan {
    /// Plan `q`. `lex` gives the words the last word may begin.
    pub fn parse(q: &str, a: &mut Analyzer, lex: &Lexicon, syn: &Synonyms, p: &Params) -> Plan {
        let mut units = units(q, a);
        units.truncate(p.max_groups);
        let prefix_last = q.chars().last().is_some_and(char::is_alphanumeric);
        let mut groups = Vec::new();
        let mut i = 0;
        while i < units.len() {
            if let Some((len, group)) = synonym_group(&units[i..], syn, p) {
                groups.push(group);
                i += len;
                continue;
            }
            let last = i + 1 == units.len();
            groups.push(plain_group(&units[i], last && prefix_last, lex, p));
            i += 1;
        }
        Plan { groups }
    }

    /// Add typo corrections to every one-word group.
    pub fn add_typos(&mut self, lex: &Lexicon, p: &Params) {
        for g in &mut self.groups {
            let (Some(word), Some(Alt::Terms(terms))) = (&g.word, g.alts.first_mut()) else {
                continue;
            };
            for (stem, w) in typos(word, lex, p) {
                if !terms.iter().any(|(t, _)| *t == stem) {
                    terms.push((stem, w));
                }
            }
        }
    }

    /// Whether any group has typo candidates to add.
    pub fn can_add_typos(&self) -> bool {
        self.groups.iter().any(|g| g.word.is_some())
    }

    /// Every stem of the plan, for highlighting.
    pub fn stems(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for g in &self.groups {
            for alt in &g.alts {
                match alt {
                    Alt::Terms(t) => out.extend(t.iter().map(|(s, _)| s.clone())),
                    Alt::Phrase { terms, .. } => out.extend(terms.iter().map(|(_, s)| s.clone())),
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

fn tokens(a: &mut Analyzer, text: &str) -> Vec<Token> {
    let mut t = Vec::new();
    a.analyze(text, &mut t);
    t
}

/// (position relative to the first, stem) of each token.
fn relative(tokens: &[Token]) -> Vec<(u32, String)> {
    let first = tokens.first().map(|t| t.position).unwrap_or(0);
    tokens
        .iter()
        .map(|t| (t.position - first, t.stem.clone()))
        .collect()
}

/// Split the query into words and quoted phrases.
fn units(q: &str, a: &mut Analyzer) -> Vec<Unit> {
    let mut out = Vec::new();
    for (i, part) in q.split('"').enumerate() {
        let quoted = i % 2 == 1;
        let toks = tokens(a, part);
        if quoted && toks.len() > 1 {
            out.push(Unit::Phrase(relative(&toks)));
        } else {
            out.extend(toks.into_iter().map(|token| Unit::Word {
                acronym: is_acronym(&part[token.start..token.end]),
                token,
                quoted,
            }));
        }
    }
    out
}

/// An acronym has two to [`ACRONYM_MAX`] characters, all capital letters.
const ACRONYM_MAX: usize = 5;

/// Whether a word as typed is an acronym (`FIRS`, `HEECA`): typos are not looked for.
fn is_acronym(typed: &str) -> bool {
    let n = typed.chars().count();
    (2..=ACRONYM_MAX).contains(&n) && typed.chars().all(char::is_uppercase)
}

/// A group for one word or phrase.
fn plain_group(unit: &Unit, prefix: bool, lex: &Lexicon, p: &Params) -> Group {
    match unit {
        Unit::Phrase(terms) => Group {
            alts: vec![Alt::Phrase {
                terms: terms.clone(),
                weight: 1.0,
            }],
            word: None,
            intent: false,
        },
        Unit::Word {
            token,
            quoted,
            acronym,
        } => {
            let mut terms = vec![(token.stem.clone(), 1.0)];
            if prefix && !quoted {
                terms.extend(prefix_terms(&token.surface, &token.stem, lex, p));
            }
            Group {
                alts: vec![Alt::Terms(terms)],
                word: (!quoted && !acronym).then(|| token.surface.clone()),
                intent: INTENT_STEMS.binary_search(&token.stem.as_str()).is_ok(),
            }
        }
    }
}

/// Other terms whose words begin with `surface`, most common first; none when
/// `surface` is itself a word of the site (an exact word is not expanded).
fn prefix_terms(surface: &str, stem: &str, lex: &Lexicon, p: &Params) -> Vec<(String, f32)> {
    let entries = lex.starting_with(surface);
    if surface.chars().count() < p.prefix_min || entries.iter().any(|(w, _, _)| w == surface) {
        return Vec::new();
    }
    let mut stems: Vec<(u32, &str)> = entries
        .iter()
        .filter(|(_, s, _)| s != stem)
        .map(|(_, s, df)| (*df, s.as_str()))
        .collect();
    stems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    stems.dedup_by(|a, b| a.1 == b.1);
    stems
        .into_iter()
        .take(p.prefix_max)
        .map(|(_, s)| (s.to_string(), p.prefix_weight))
        .collect()
}

/// Terms of words one or two edits from `word` (same first letter), closest first.
pub fn typos(word: &str, lex: &Lexicon, p: &Params) -> Vec<(String, f32)> {
    let chars: Vec<char> = word.chars().collect();
    let max = if chars.len() >= p.typo_min2 {
        2
    } else if chars.len() >= p.typo_min1 {
        1
    } else {
        return Vec::new();
    };
    let Some(first) = chars.first() else {
        return Vec::new();
    };
    let mut found: HashMap<&str, usize> = HashMap::new();
    for (w, stem, _) in lex.starting_with(first.encode_utf8(&mut [0; 4])) {
        let wc: Vec<char> = w.chars().collect();
        let d = edit_distance(&chars, &wc, max);
        if (1..=max).contains(&d) {
            let e = found.entry(stem.as_str()).or_insert(d);
            *e = (*e).min(d);
        }
    }
    let mut list: Vec<(usize, u32, &str)> =
        found.into_iter().map(|(s, d)| (d, lex.df(s), s)).collect();
    list.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    list.into_iter()
        .take(p.typo_max)
        .map(|(d, _, s)| {
            (
                s.to_string(),
                if d == 1 {
                    p.typo_weight1
                } else {
                    p.typo_weight2
                },
            )
        })
        .collect()
}

/// The longest synonym entry text matching the start of `units`, as one group.
fn synonym_group(units: &[Unit], syn: &Synonyms, p: &Params) -> Option<(usize, Group)> {
    let mut best: Option<(usize, usize, usize)> = None; // (units used, entry, text)
    for (e, entry) in syn.iter().enumerate() {
        for (t, text) in entry.iter().enumerate() {
            let used = match_units(units, text);
            if used > 0 && best.is_none_or(|(u, _, _)| used > u) {
                best = Some((used, e, t));
            }
        }
    }
    let (used, e, t) = best?;
    let typed = match &units[0] {
        Unit::Phrase(terms) => terms.clone(),
        Unit::Word { .. } => relative(
            &units[..used]
                .iter()
                .filter_map(|u| match u {
                    Unit::Word { token, .. } => Some(token.clone()),
                    Unit::Phrase(_) => None,
                })
                .collect::<Vec<_>>(),
        ),
    };
    let alts = syn[e]
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let (terms, weight) = if i == t {
                (&typed, 1.0)
            } else {
                (text, p.synonym_weight)
            };
            match terms.as_slice() {
                [(_, one)] => Alt::Terms(vec![(one.clone(), weight)]),
                _ => Alt::Phrase {
                    terms: terms.clone(),
                    weight,
                },
            }
        })
        .collect();
    Some((
        used,
        Group {
            alts,
            word: None,
            intent: false,
        },
    ))
}

/// How many units `text` matches at the start of `units` (0 if it does not).
fn match_units(units: &[Unit], text: &[(u32, String)]) -> usize {
    if let Some(Unit::Phrase(terms)) = units.first() {
        let same = terms.len() == text.len() && terms.iter().zip(text).all(|(a, b)| a.1 == b.1);
        return usize::from(same);
    }
    if units.len() < text.len() {
        return 0;
    }
    let all = units.iter().zip(text).all(|(u, (_, stem))| match u {
        Unit::Word { token, .. } => token.stem == *stem,
        Unit::Phrase(_) => false,
    });
    if all { text.len() } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(vec![
            ("export".into(), "export".into(), 9),
            ("exporter".into(), "export".into(), 9),
            ("exposure".into(), "exposur".into(), 2),
            ("national".into(), "nation".into(), 7),
            ("nationality".into(), "nation".into(), 7),
            ("control".into(), "control".into(), 8),
        ])
    }

    fn syn(a: &mut Analyzer) -> Synonyms {
        analyse_synonyms(
            &[vec![
                "ECO".into(),
                "Export Control Order".into(),
                "export control".into(),
            ]],
            a,
        )
    }

    #[test]
    fn words_prefix_and_phrases() {
        let mut a = Analyzer::new();
        let s = syn(&mut a);
        let plan = Plan::parse("\"national security\" expo", &mut a, &lex(), &s, &PARAMS);
        assert_eq!(plan.groups.len(), 2);
        assert_eq!(
            plan.groups[0].alts,
            vec![Alt::Phrase {
                terms: vec![(0, "nation".into()), (1, "secur".into())],
                weight: 1.0
            }]
        );
        assert_eq!(
            plan.groups[1].alts,
            vec![Alt::Terms(vec![
                ("expo".into(), 1.0),
                ("export".into(), 0.5),
                ("exposur".into(), 0.5)
            ])]
        );
        let plan = Plan::parse("expo ", &mut a, &lex(), &s, &PARAMS);
        assert_eq!(
            plan.groups[0].alts,
            vec![Alt::Terms(vec![("expo".into(), 1.0)])]
        );
    }

    #[test]
    fn synonyms_make_one_group() {
        let mut a = Analyzer::new();
        let s = syn(&mut a);
        let plan = Plan::parse("who handles export control", &mut a, &lex(), &s, &PARAMS);
        assert_eq!(plan.groups.len(), 2);
        let alts = &plan.groups[1].alts;
        assert_eq!(alts[0], Alt::Terms(vec![("eco".into(), 0.8)]));
        assert_eq!(
            alts[2],
            Alt::Phrase {
                terms: vec![(0, "export".into()), (1, "control".into())],
                weight: 1.0
            }
        );
    }

    #[test]
    fn an_exact_word_is_not_prefix_expanded() {
        let mut a = Analyzer::new();
        let lex = Lexicon::new(vec![
            ("firs".into(), "fir".into(), 3),
            ("first".into(), "first".into(), 28),
        ]);
        let plan = Plan::parse("FIRS", &mut a, &lex, &Vec::new(), &PARAMS);
        assert_eq!(
            plan.groups[0].alts,
            vec![Alt::Terms(vec![("fir".into(), 1.0)])]
        );
        let plan = Plan::parse("fir", &mut a, &lex, &Vec::new(), &PARAMS);
        assert_eq!(
            plan.groups[0].alts,
            vec![Alt::Terms(vec![("fir".into(), 1.0), ("first".into(), 0.5)])]
        );
    }

    #[test]
    fn acronyms_are_never_fuzzed() {
        let mut a = Analyzer::new();
        let lex = Lexicon::new(vec![("heeca".into(), "heeca".into(), 2)]);
        let mut plan = Plan::parse("HEECB heecb", &mut a, &lex, &Vec::new(), &PARAMS);
        plan.add_typos(&lex, &PARAMS);
        assert_eq!(
            plan.groups[0].alts,
            vec![Alt::Terms(vec![("heecb".into(), 1.0)])]
        );
        assert_eq!(
            plan.groups[1].alts,
            vec![Alt::Terms(vec![
                ("heecb".into(), 1.0),
                ("heeca".into(), 0.3)
            ])]
        );
        assert!(is_acronym("FIRS") && is_acronym("HEECA"));
        assert!(!is_acronym("NATURE") && !is_acronym("Firs") && !is_acronym("A"));
    }

    #[test]
    fn typos_by_length() {
        let mut a = Analyzer::new();
        let mut plan = Plan::parse("expot controll", &mut a, &lex(), &Vec::new(), &PARAMS);
        plan.add_typos(&lex(), &PARAMS);
        assert_eq!(
            plan.groups[0].alts,
            vec![Alt::Terms(vec![
                ("expot".into(), 1.0),
                ("export".into(), 0.3)
            ])]
        );
        assert_eq!(
            plan.groups[1].alts,
            vec![Alt::Terms(vec![("control".into(), 1.0)])]
        );
        assert!(typos("expo", &lex(), &PARAMS).is_empty());
    }
}
