//! The file format of the static export, written here and read back by the searcher
//! (for the word list) and by search.js (for everything).
//!
//! `meta.json` lists the first term of every term shard and the first word of every
//! word shard, so a one-word query fetches `meta.json`, one word shard, one term shard
//! and then one `d/N.json` per hit shown. Term shard `t/N.json`:
//! `{"term": [[score, ...], "page delta, score index, ...", [page, answer score, ...]]}`
//! (scores are f32 in shortest form; the string holds whole numbers as [`varints`]).
//! Position shard `p/N.json` (same terms as `t/N.json`): `{"term": "page delta,
//! count, position delta, ..."}` as varints. Word shard `w/N.json`: `[[word, stem or
//! "" when the same, pages with the stem], ...]`. Every JSON file has `<`, `>` and
//! `&` escaped as `\u003c` and so on.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::analyze::STOP_WORDS;
use super::export::{Settings, TermData};
use super::plan::{INTENT_STEMS, Lexicon, PARAMS, Params};
use super::{escape_json_text, read_error, safe_json};
use crate::error::{Error, Result};
use crate::output::Staging;

/// Bump when the export's format changes; search.js checks it.
pub const FORMAT: u32 = 2;
/// A term shard is closed once it holds this many bytes.
const TERM_SHARD_BYTES: usize = 24 * 1024;
/// A word shard is closed once it holds this many bytes.
const WORD_SHARD_BYTES: usize = 12 * 1024;

/// `meta.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub format: u32,
    /// A hash of the export, used to make shard URLs unique per build.
    pub version: String,
    pub prefix: String,
    pub edition: String,
    pub docs: usize,
    pub kinds: Vec<String>,
    /// (index into `kinds`, number of pages), in page order.
    pub kind_runs: Vec<(usize, usize)>,
    pub stop: Vec<String>,
    /// Stems that ask for a person ([`super::plan::INTENT_STEMS`]).
    pub intent: Vec<String>,
    /// Each entry: the texts that mean the same (`["ATAS", "Academic Technology ..."]`).
    pub synonyms: Vec<Vec<String>>,
    /// The first term of each term shard.
    pub terms: Vec<String>,
    /// The first word of each word shard.
    pub words: Vec<String>,
    pub params: Params,
}

/// Write every file of the export under `dir`.
pub fn write_all(
    terms: &BTreeMap<String, TermData>,
    docs: &[String],
    kinds: &[&str],
    words: &HashMap<String, String>,
    settings: &Settings<'_>,
    staging: &Staging,
    dir: &str,
) -> Result<()> {
    let mut hash = blake3::Hasher::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut term_firsts = Vec::new();
    for (i, (first, t, p)) in term_shards(terms).into_iter().enumerate() {
        term_firsts.push(first);
        files.push((format!("t/{i}.json"), t));
        files.push((format!("p/{i}.json"), p));
    }
    let mut word_firsts = Vec::new();
    for (i, (first, w)) in word_shards(terms, words).into_iter().enumerate() {
        word_firsts.push(first);
        files.push((format!("w/{i}.json"), w));
    }
    for (ord, doc) in docs.iter().enumerate() {
        files.push((format!("d/{ord}.json"), escape_json_text(doc)));
    }
    for (name, text) in &files {
        hash.update(name.as_bytes());
        hash.update(text.as_bytes());
        staging.write(&format!("{dir}{name}"), text.as_bytes())?;
    }
    let (kind_names, kind_runs) = kind_runs(kinds);
    let meta = Meta {
        format: FORMAT,
        version: hash.finalize().to_hex()[..12].to_string(),
        prefix: settings.prefix.to_string(),
        edition: settings.edition.to_string(),
        docs: docs.len(),
        kinds: kind_names,
        kind_runs,
        stop: STOP_WORDS.iter().map(|s| s.to_string()).collect(),
        intent: INTENT_STEMS.iter().map(|s| s.to_string()).collect(),
        synonyms: settings
            .synonyms
            .iter()
            .map(|(k, v)| {
                std::iter::once(k.clone())
                    .chain(v.iter().cloned())
                    .collect()
            })
            .collect(),
        terms: term_firsts,
        words: word_firsts,
        params: PARAMS,
    };
    staging.write(&format!("{dir}meta.json"), safe_json(&meta).as_bytes())
}

/// Term shards: (first term, term shard JSON, position shard JSON).
fn term_shards(terms: &BTreeMap<String, TermData>) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let (mut t, mut p, mut first) = (String::new(), String::new(), None::<String>);
    for (term, data) in terms {
        if data.scores.is_empty() && data.positions.is_empty() {
            continue;
        }
        let key = safe_json(term);
        if first.is_none() {
            first = Some(term.clone());
        } else {
            t.push(',');
            p.push(',');
        }
        let _ = write!(t, "{key}:{}", encode_scores(data));
        let _ = write!(p, "{key}:{}", encode_positions(&data.positions));
        if t.len() >= TERM_SHARD_BYTES {
            out.push((
                first.take().unwrap_or_default(),
                format!("{{{t}}}"),
                format!("{{{p}}}"),
            ));
            t.clear();
            p.clear();
        }
    }
    if let Some(f) = first {
        out.push((f, format!("{{{t}}}"), format!("{{{p}}}")));
    }
    out
}

fn encode_scores(data: &TermData) -> String {
    let mut distinct: Vec<f32> = data.scores.iter().map(|(_, s)| *s).collect();
    distinct.sort_by(|a, b| b.total_cmp(a));
    distinct.dedup();
    let index: HashMap<u32, usize> = distinct
        .iter()
        .enumerate()
        .map(|(i, d)| (d.to_bits(), i))
        .collect();
    let mut s = String::from("[[");
    push_list(&mut s, distinct.iter().map(|x| format!("{x}")));
    s.push_str("],\"");
    let mut prev = 0u32;
    let pairs = data.scores.iter().flat_map(|(ord, score)| {
        let idx = index.get(&score.to_bits()).copied().unwrap_or(0) as u32;
        let delta = ord - prev;
        prev = *ord;
        [delta, idx]
    });
    s.push_str(&varints(pairs));
    s.push('"');
    if !data.answers.is_empty() {
        s.push_str(",[");
        let answers = data
            .answers
            .iter()
            .flat_map(|(ord, a)| [ord.to_string(), format!("{a}")]);
        push_list(&mut s, answers);
        s.push(']');
    }
    s.push(']');
    s
}

fn encode_positions(positions: &[(u32, Vec<u32>)]) -> String {
    let mut prev_ord = 0u32;
    let items = positions.iter().flat_map(|(ord, pos)| {
        let delta = ord - prev_ord;
        prev_ord = *ord;
        let mut v = vec![delta, pos.len() as u32];
        let mut prev = 0u32;
        for p in pos {
            v.push(p - prev);
            prev = *p;
        }
        v
    });
    format!("\"{}\"", varints(items))
}

/// Digits of [`varints`]: URL-safe base64, safe in JSON strings.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Whole numbers as text, five bits a character, low bits first; a character with
/// the sixth bit set says another follows. Numbers below 32 take one character.
pub fn varints(nums: impl IntoIterator<Item = u32>) -> String {
    let mut out = String::new();
    for mut n in nums {
        loop {
            let low = (n & 31) as usize;
            n >>= 5;
            if n == 0 {
                out.push(DIGITS[low] as char);
                break;
            }
            out.push(DIGITS[low | 32] as char);
        }
    }
    out
}

fn push_list(s: &mut String, items: impl Iterator<Item = String>) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&item);
    }
}

/// Word shards: (first word, shard JSON). Only words whose stem is indexed.
fn word_shards(
    terms: &BTreeMap<String, TermData>,
    words: &HashMap<String, String>,
) -> Vec<(String, String)> {
    let mut sorted: Vec<(&String, &String)> = words.iter().collect();
    sorted.sort();
    let mut out = Vec::new();
    let (mut w, mut first) = (String::new(), None::<String>);
    for (word, stem) in sorted {
        let Some(data) = terms.get(stem) else {
            continue;
        };
        let df = data.positions.len();
        if first.is_none() {
            first = Some(word.clone());
        } else {
            w.push(',');
        }
        let stem_out = if stem == word { "" } else { stem.as_str() };
        let _ = write!(w, "[{},{},{df}]", safe_json(word), safe_json(stem_out));
        if w.len() >= WORD_SHARD_BYTES {
            out.push((first.take().unwrap_or_default(), format!("[{w}]")));
            w.clear();
        }
    }
    if let Some(f) = first {
        out.push((f, format!("[{w}]")));
    }
    out
}

/// Kind names (sorted) and runs of page kinds in page order.
fn kind_runs(kinds: &[&str]) -> (Vec<String>, Vec<(usize, usize)>) {
    let mut names: Vec<String> = kinds.iter().map(|k| k.to_string()).collect();
    names.sort();
    names.dedup();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for k in kinds {
        let idx = names.iter().position(|n| n == k).unwrap_or(0);
        match runs.last_mut() {
            Some((i, n)) if *i == idx => *n += 1,
            _ => runs.push((idx, 1)),
        }
    }
    (names, runs)
}

/// Read `meta.json` from an export folder.
pub fn read_meta(dir: &Path) -> Result<Meta> {
    let path = dir.join("meta.json");
    let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
    let meta: Meta = serde_json::from_str(&text).map_err(|e| read_error(&path, e))?;
    if meta.format != FORMAT {
        return Err(Error::Other(format!(
            "the search index in {} was written by another version of guidebook; rebuild the site",
            dir.display()
        )));
    }
    Ok(meta)
}

/// Read every word shard into a [`Lexicon`].
pub fn read_lexicon(dir: &Path, meta: &Meta) -> Result<Lexicon> {
    let mut entries = Vec::new();
    for i in 0..meta.words.len() {
        let path = dir.join(format!("w/{i}.json"));
        let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
        let shard: Vec<(String, String, u32)> =
            serde_json::from_str(&text).map_err(|e| read_error(&path, e))?;
        for (word, stem, df) in shard {
            let stem = if stem.is_empty() { word.clone() } else { stem };
            entries.push((word, stem, df));
        }
    }
    Ok(Lexicon::new(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_short_for_small_numbers() {
        assert_eq!(varints([0, 1, 31]), "ABf");
        assert_eq!(varints([32]), "gB");
        assert_eq!(varints([1000, 5]), "ofF");
        assert_eq!(varints([u32::MAX]).len(), 7);
    }
}
