//! The static export: the same index, as static files a browser can rank from.
//!
//! For every term this reads tantivy's own postings and computes, with tantivy's own
//! BM25 ([`Bm25Weight`]) and the field weights of [`super::schema`], the score one
//! exact match of the term adds to each page: summed over the scored fields (`S`) and
//! over the answer fields of contacts (`A`). search.js only adds these numbers up, so
//! it ranks as the tantivy query does. Positions come from the `phrase` field, for
//! quoted phrases. Input: a committed index. Output: files written by `shards.rs`.

use std::collections::{BTreeMap, HashMap};

use tantivy::postings::Postings;
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TERMINATED, Term};

use super::index::Built;
use super::read_error;
use crate::error::Result;
use crate::output::Staging;

/// What the export needs beyond the index.
pub struct Settings<'a> {
    /// The site's URL prefix (`/` or `/research-security/`).
    pub prefix: &'a str,
    pub edition: &'a str,
    pub synonyms: &'a BTreeMap<String, Vec<String>>,
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

/// Compute every term's data and write the export under `dir` (`_search/static/`).
pub fn write(built: &Built, settings: &Settings<'_>, staging: &Staging, dir: &str) -> Result<()> {
    let index_dir = staging.dir().join(dir);
    let reader = built
        .index
        .reader()
        .map_err(|e| read_error(&index_dir, e))?;
    let searcher = reader.searcher();
    let terms = collect(built, &searcher).map_err(|e| read_error(&index_dir, e))?;
    let docs = read_docs(built, &searcher).map_err(|e| read_error(&index_dir, e))?;
    super::shards::write_all(
        &terms,
        &docs,
        &built.kinds,
        &built.words,
        settings,
        staging,
        dir,
    )
}

/// Every term's scores, answers and positions, keyed by term.
pub fn collect(built: &Built, searcher: &Searcher) -> tantivy::Result<BTreeMap<String, TermData>> {
    let mut out: BTreeMap<String, TermData> = BTreeMap::new();
    let n = searcher.num_docs();
    let f = &built.fields;
    for (field, weight) in &f.scored {
        let answer_weight = f.answer.iter().find(|(a, _)| a == field).map(|(_, w)| *w);
        let avg = average_fieldnorm(searcher, *field, n)?;
        let mut weights: HashMap<u64, Bm25Weight> = HashMap::new();
        for seg in searcher.segment_readers() {
            let ords = ord_column(seg)?;
            let norms = seg.get_fieldnorms_reader(*field)?;
            let inv = seg.inverted_index(*field)?;
            let mut stream = inv.terms().stream()?;
            while stream.advance() {
                let Ok(text) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let df = searcher.doc_freq(&Term::from_field_text(*field, text))?;
                let w = weights
                    .entry(df)
                    .or_insert_with(|| Bm25Weight::for_one_term(df, n, avg));
                let scored = w.boost_by(*weight);
                let answered = answer_weight.map(|aw| w.boost_by(aw));
                let entry = out.entry(text.to_string()).or_default();
                let mut postings =
                    inv.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let (id, tf) = (norms.fieldnorm_id(doc), postings.term_freq());
                    let ord = ords(doc);
                    entry.scores.push((ord, scored.score(id, tf)));
                    if let Some(a) = &answered {
                        entry.answers.push((ord, a.score(id, tf)));
                    }
                    doc = postings.advance();
                }
            }
        }
    }
    for data in out.values_mut() {
        data.scores = sum_by_page(std::mem::take(&mut data.scores));
        data.answers = sum_by_page(std::mem::take(&mut data.answers));
    }
    collect_positions(searcher, f.phrase, &mut out)?;
    Ok(out)
}

/// Positions of every term in the `phrase` field.
fn collect_positions(
    searcher: &Searcher,
    phrase: Field,
    out: &mut BTreeMap<String, TermData>,
) -> tantivy::Result<()> {
    for seg in searcher.segment_readers() {
        let ords = ord_column(seg)?;
        let inv = seg.inverted_index(phrase)?;
        let mut stream = inv.terms().stream()?;
        while stream.advance() {
            let Ok(text) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let entry = out.entry(text.to_string()).or_default();
            let mut postings = inv.read_postings_from_terminfo(
                stream.value(),
                IndexRecordOption::WithFreqsAndPositions,
            )?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let mut pos = Vec::new();
                postings.positions(&mut pos);
                entry.positions.push((ords(doc), pos));
                doc = postings.advance();
            }
        }
    }
    for data in out.values_mut() {
        data.positions.sort_by_key(|(ord, _)| *ord);
    }
    Ok(())
}

/// Sort by page and add up the scores of one page (in field order, as given).
fn sum_by_page(mut v: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    v.sort_by_key(|(ord, _)| *ord);
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(v.len());
    for (ord, s) in v {
        match out.last_mut() {
            Some((o, acc)) if *o == ord => *acc += s,
            _ => out.push((ord, s)),
        }
    }
    out
}

/// tantivy's average field length, computed as its BM25 does.
fn average_fieldnorm(searcher: &Searcher, field: Field, n: u64) -> tantivy::Result<f32> {
    let mut total = 0u64;
    for seg in searcher.segment_readers() {
        total += seg.inverted_index(field)?.total_num_tokens();
    }
    Ok(total as f32 / n.max(1) as f32)
}

/// Page number of each document of a segment.
fn ord_column(seg: &SegmentReader) -> tantivy::Result<impl Fn(DocId) -> u32 + use<>> {
    let col = seg.fast_fields().u64("ord")?.first_or_default_col(0);
    Ok(move |doc: DocId| col.get_val(doc) as u32)
}

/// Every page's display record, by page number.
fn read_docs(built: &Built, searcher: &Searcher) -> tantivy::Result<Vec<String>> {
    let mut docs = vec![String::new(); built.docs];
    for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
        let ords = ord_column(seg)?;
        for doc in 0..seg.max_doc() {
            let stored: tantivy::TantivyDocument =
                searcher.doc(tantivy::DocAddress::new(seg_ord as u32, doc))?;
            let ord = ords(doc) as usize;
            if let Some(slot) = docs.get_mut(ord) {
                *slot = super::query::stored_text(&stored, built.fields.doc);
            }
        }
    }
    Ok(docs)
}
