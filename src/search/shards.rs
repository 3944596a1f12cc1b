//! The file format of the static export, written here and read back by the searcher
//! (for the word list) and by search.js (for everything).
//!
//! `meta.json` lists the first term of every term shard and the first word of every
//! word shard, so a one-word query fetches `meta.json`, one word shard, one term shard
//! and then one `d/N.json.gz` per hit shown. Every file but `meta.json` is stored
//! gzip-compressed ([`gzip`]); its name ends `.json.gz`. Term shard `t/N.json.gz`:
//! `{"term": [[score, ...], "page delta, score index, ...", [page, answer score, ...]]}`
//! (scores are f32 in shortest form; the string holds whole numbers as [`varints`]).
//! Position shard `p/N.json.gz` (same terms as `t/N.json.gz`): `{"term": "page delta,
//! count, position delta, ..."}` as varints. Word shard `w/N.json.gz`: `[[word, stem or
//! "" when the same, pages with the stem], ...]`. Every JSON file has `<`, `>` and
//! `&` escaped as `\u003c` and so on.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::analyze::STOP_WORDS;
use super::plan::{INTENT_STEMS, Lexicon, PARAMS, Params};
use super::{read_error, safe_json};
use crate::error::{Error, Result};
use crate::output::Staging;
use crate::util::gzip;

/// What the export needs beyond the index.
pub struct Settings<'a> {
    /// The site's URL prefix (`/` or `/research-security/`).
    pub prefix: &'a str,
    pub edition: &'a str,
    pub synonyms: &'a BTreeMap<String, Vec<String>>,
}

impl<'a> Settings<'a> {
    /// The settings of the site `config` describes, for edition `edition`.
    pub fn new(config: &'a crate::config::Config, edition: &'a str) -> Settings<'a> {
        Settings {
            prefix: &config.url_prefix,
            edition,
            synonyms: &config.settings.search.synonyms,
        }
    }
}

/// Everything the export knows about one term.
#[derive(Debug, Default, Clone)]
pub struct TermData {
    /// (page number, score of one exact match over all scored fields), by page.
    pub scores: Vec<(u32, f32)>,
    /// (page number, score over the answer fields), contacts only, by page.
    pub answers: Vec<(u32, f32)>,
    /// (page number, positions in the `phrase` field), by page.
    pub positions: Vec<(u32, Vec<u32>)>,
}

/// Bump when the export's format changes; search.js checks it.
pub const FORMAT: u32 = 3;
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

/// Write every file of the export under `dir`. `terms` calls its argument with every
/// term in order; each shard is written (on a second thread) as soon as it is full.
pub fn write_all(
    terms: impl FnOnce(&mut dyn FnMut(EncodedTerm) -> Result<()>) -> Result<()>,
    record_hashes: &[[u8; 32]],
    kinds: &[&str],
    words: &HashMap<String, String>,
    settings: &Settings<'_>,
    staging: &Staging,
    dir: &str,
) -> Result<()> {
    std::thread::scope(|scope| {
        let (sender, files) = std::sync::mpsc::sync_channel::<(String, String)>(64);
        let writer = scope.spawn(move || -> Result<()> {
            for (name, text) in files {
                staging.write(&format!("{dir}{name}"), &gzip::pack(text.as_bytes()))?;
            }
            Ok(())
        });
        let mut out = Output {
            sender: Some(sender),
            hash: blake3::Hasher::new(),
        };
        let written = write_shards(terms, words, &mut out);
        drop(out.sender.take());
        let wrote = writer
            .join()
            .unwrap_or_else(|_| Err(Error::Other("the search export writer failed".into())));
        let (term_firsts, word_firsts) = written?;
        wrote?;
        for record in record_hashes {
            out.hash.update(record);
        }
        let meta = meta(
            &out.hash,
            record_hashes.len(),
            kinds,
            settings,
            term_firsts,
            word_firsts,
        );
        staging.write(&format!("{dir}meta.json"), safe_json(&meta).as_bytes())
    })
}

/// Where shard files go: hashed in order, then sent to the writing thread.
struct Output {
    sender: Option<std::sync::mpsc::SyncSender<(String, String)>>,
    hash: blake3::Hasher,
}

impl Output {
    fn emit(&mut self, name: String, text: String) -> Result<()> {
        self.hash.update(name.as_bytes());
        self.hash.update(text.as_bytes());
        let sent = self.sender.as_ref().map(|s| s.send((name, text)));
        match sent {
            Some(Ok(())) => Ok(()),
            // The writer stopped at an error, which joining it reports.
            _ => Err(Error::Other("the search export writer stopped".into())),
        }
    }
}

/// Term, position and word shards; returns the first term of each term shard and
/// the first word of each word shard.
fn write_shards(
    terms: impl FnOnce(&mut dyn FnMut(EncodedTerm) -> Result<()>) -> Result<()>,
    words: &HashMap<String, String>,
    out: &mut Output,
) -> Result<(Vec<String>, Vec<String>)> {
    let mut shards = TermShards::default();
    // Pages with each term in the `phrase` field, for the word shards.
    let mut dfs: HashMap<String, usize> = HashMap::new();
    terms(&mut |term| {
        let full = shards.add(&term);
        dfs.insert(term.term, term.df);
        match full {
            Some((t, p)) => emit_term_shard(out, shards.firsts.len() - 1, t, p),
            None => Ok(()),
        }
    })?;
    if let Some((t, p)) = shards.close() {
        emit_term_shard(out, shards.firsts.len() - 1, t, p)?;
    }
    let mut word_firsts = Vec::new();
    for (i, (first, w)) in word_shards(&dfs, words).into_iter().enumerate() {
        word_firsts.push(first);
        out.emit(format!("w/{i}.json.gz"), w)?;
    }
    Ok((shards.firsts, word_firsts))
}

fn emit_term_shard(out: &mut Output, i: usize, t: String, p: String) -> Result<()> {
    out.emit(format!("t/{i}.json.gz"), t)?;
    out.emit(format!("p/{i}.json.gz"), p)
}

/// `meta.json`'s contents.
fn meta(
    hash: &blake3::Hasher,
    docs: usize,
    kinds: &[&str],
    settings: &Settings<'_>,
    terms: Vec<String>,
    words: Vec<String>,
) -> Meta {
    let (kind_names, kind_runs) = kind_runs(kinds);
    Meta {
        format: FORMAT,
        version: hash.finalize().to_hex()[..12].to_string(),
        prefix: settings.prefix.to_string(),
        edition: settings.edition.to_string(),
        docs,
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
        terms,
        words,
        params: PARAMS,
    }
}

/// One term as the shards hold it.
pub struct EncodedTerm {
    pub term: String,
    /// `"term":[scores...]` for the term shard; empty when the term has no scores
    /// and no positions (it is then left out).
    entry: String,
    /// `"term":"positions"` for the position shard.
    positions: String,
    /// Pages with the term in the `phrase` field.
    pub df: usize,
}

/// Encode a term's data for the shards (pure, so terms can be encoded in parallel).
pub fn encode_term(term: &str, data: &TermData) -> EncodedTerm {
    let mut out = EncodedTerm {
        term: term.to_string(),
        entry: String::new(),
        positions: String::new(),
        df: data.positions.len(),
    };
    if data.scores.is_empty() && data.positions.is_empty() {
        return out;
    }
    let key = safe_json(term);
    out.entry = format!("{key}:{}", encode_scores(data));
    out.positions = format!("{key}:{}", encode_positions(&data.positions));
    out
}

/// Term shards and their position shards, filled one term at a time.
#[derive(Default)]
struct TermShards {
    t: String,
    p: String,
    first: Option<String>,
    /// The first term of every shard closed so far.
    firsts: Vec<String>,
}

impl TermShards {
    /// Add a term; returns the (term shard, position shard) JSON when they fill up.
    fn add(&mut self, term: &EncodedTerm) -> Option<(String, String)> {
        if term.entry.is_empty() {
            return None;
        }
        if self.first.is_none() {
            self.first = Some(term.term.clone());
        } else {
            self.t.push(',');
            self.p.push(',');
        }
        self.t.push_str(&term.entry);
        self.p.push_str(&term.positions);
        if self.t.len() >= TERM_SHARD_BYTES {
            self.close()
        } else {
            None
        }
    }

    /// Close the shard being filled, if it holds any term.
    fn close(&mut self) -> Option<(String, String)> {
        let first = self.first.take()?;
        self.firsts.push(first);
        let shard = (format!("{{{}}}", self.t), format!("{{{}}}", self.p));
        self.t.clear();
        self.p.clear();
        Some(shard)
    }
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
    dfs: &HashMap<String, usize>,
    words: &HashMap<String, String>,
) -> Vec<(String, String)> {
    let mut sorted: Vec<(&String, &String)> = words.iter().collect();
    sorted.sort();
    let mut out = Vec::new();
    let (mut w, mut first) = (String::new(), None::<String>);
    for (word, stem) in sorted {
        let Some(&df) = dfs.get(stem) else {
            continue;
        };
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
        let path = dir.join(format!("w/{i}.json.gz"));
        let packed = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
        let text = gzip::unpack(&packed).map_err(|e| Error::read(&path, e))?;
        let shard: Vec<(String, String, u32)> =
            serde_json::from_slice(&text).map_err(|e| read_error(&path, e))?;
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
