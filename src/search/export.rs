//! The static export: the same index, as static files a browser can rank from.
//!
//! For every term this reads tantivy's own postings and computes, with tantivy's own
//! BM25 ([`Bm25Weight`]) and the field weights of [`super::schema`], the score one
//! exact match of the term adds to each page: summed over the scored fields (`S`) and
//! over the answer fields of contacts (`A`). search.js only adds these numbers up, so
//! it ranks as the tantivy query does. Positions come from the `phrase` field, for
//! quoted phrases. Input: a committed index. Output: files written by `shards.rs`, and
//! (through [`super::records::DocFiles`], while the index is built) one display
//! record per page.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, InvertedIndexReader, Searcher, SegmentReader, TERMINATED};

use rayon::prelude::*;

use super::index::Built;
use super::read_error;
use super::shards::{EncodedTerm, Settings, TermData, encode_term};
use crate::error::Result;
use crate::output::Staging;

/// Compute every term's data and write the export under `dir` (`_search/static/`).
/// Terms are computed and written one at a time, so memory does not grow with the
/// size of the index.
pub fn write(built: &Built, settings: &Settings<'_>, staging: &Staging, dir: &str) -> Result<()> {
    let index_dir = staging.dir().join(dir);
    let reader = built
        .index
        .reader()
        .map_err(|e| read_error(&index_dir, e))?;
    let searcher = reader.searcher();
    let terms = |emit: &mut dyn FnMut(EncodedTerm) -> Result<()>| {
        for_each_term(built, &searcher, &index_dir, emit)
    };
    super::shards::write_all(
        terms,
        &built.record_hashes,
        &built.kinds,
        &built.words,
        settings,
        staging,
        dir,
    )
}

/// One scored field, read from every segment.
struct ScoredField {
    weight: f32,
    answer: Option<f32>,
    /// tantivy's average field length, for BM25.
    avg: f32,
    inverted: Vec<Arc<InvertedIndexReader>>,
    norms: Vec<FieldNormReader>,
}

/// Terms computed in parallel at a time; bounds the memory the export holds.
const TERM_BATCH: usize = 256;

/// Call `emit` with every term, encoded for the shards, in term order. Terms are
/// computed and encoded in parallel, a batch at a time.
pub fn for_each_term(
    built: &Built,
    searcher: &Searcher,
    dir: &Path,
    emit: &mut dyn FnMut(EncodedTerm) -> Result<()>,
) -> Result<()> {
    let fail = |e: tantivy::TantivyError| read_error(dir, e);
    let segments = searcher.segment_readers();
    let ords = segments
        .iter()
        .map(ord_column)
        .collect::<tantivy::Result<Vec<_>>>()
        .map_err(fail)?;
    let fields = scored_fields(built, searcher).map_err(fail)?;
    let phrase = segments
        .iter()
        .map(|s| s.inverted_index(built.fields.phrase))
        .collect::<tantivy::Result<Vec<_>>>()
        .map_err(fail)?;
    let n = searcher.num_docs();
    let terms: Vec<String> = all_terms(&phrase)
        .map_err(|e| read_error(dir, e))?
        .into_iter()
        .collect();
    for batch in terms.chunks(TERM_BATCH) {
        let encoded = batch
            .par_iter()
            .map_init(
                || vec![HashMap::new(); fields.len()],
                |weights, term| {
                    let data = term_data(&fields, weights, &phrase, &ords, term.as_bytes(), n)?;
                    Ok(encode_term(term, &data))
                },
            )
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(|e| read_error(dir, e))?;
        for term in encoded {
            emit(term)?;
        }
    }
    Ok(())
}

/// Everything the export knows about one term: scores summed per page in field
/// order, answers, and positions by page.
fn term_data(
    fields: &[ScoredField],
    weights: &mut [HashMap<u64, Bm25Weight>],
    phrase: &[Arc<InvertedIndexReader>],
    ords: &[impl Fn(DocId) -> u32],
    term: &[u8],
    n: u64,
) -> std::io::Result<TermData> {
    let mut data = TermData::default();
    for (f, w) in fields.iter().zip(weights.iter_mut()) {
        add_scores(f, w, term, n, ords, &mut data)?;
    }
    data.scores = sum_by_page(std::mem::take(&mut data.scores));
    data.answers = sum_by_page(std::mem::take(&mut data.answers));
    add_positions(phrase, term, ords, &mut data)?;
    Ok(data)
}

/// The scored fields with what scoring them needs, in [`Fields::scored`] order.
fn scored_fields(built: &Built, searcher: &Searcher) -> tantivy::Result<Vec<ScoredField>> {
    let f = &built.fields;
    let n = searcher.num_docs();
    let segments = searcher.segment_readers();
    let mut out = Vec::new();
    for (field, weight) in &f.scored {
        out.push(ScoredField {
            weight: *weight,
            answer: f.answer.iter().find(|(a, _)| a == field).map(|(_, w)| *w),
            avg: average_fieldnorm(searcher, *field, n)?,
            inverted: segments
                .iter()
                .map(|s| s.inverted_index(*field))
                .collect::<tantivy::Result<_>>()?,
            norms: segments
                .iter()
                .map(|s| s.get_fieldnorms_reader(*field))
                .collect::<tantivy::Result<_>>()?,
        });
    }
    Ok(out)
}

/// Every term of the `phrase` field (which holds every text), in order.
fn all_terms(phrase: &[Arc<InvertedIndexReader>]) -> std::io::Result<BTreeSet<String>> {
    let mut terms = BTreeSet::new();
    for inv in phrase {
        let mut stream = inv.terms().stream()?;
        while stream.advance() {
            if let Ok(text) = std::str::from_utf8(stream.key()) {
                terms.insert(text.to_string());
            }
        }
    }
    Ok(terms)
}

/// Add the score one exact match of `term` in field `f` gives each page (segment by
/// segment, in page order within each).
fn add_scores(
    f: &ScoredField,
    weights: &mut HashMap<u64, Bm25Weight>,
    term: &[u8],
    n: u64,
    ords: &[impl Fn(DocId) -> u32],
    data: &mut TermData,
) -> std::io::Result<()> {
    let mut infos = Vec::new();
    for (s, inv) in f.inverted.iter().enumerate() {
        if let Some(info) = inv.terms().get(term)? {
            infos.push((s, info));
        }
    }
    let df: u64 = infos.iter().map(|(_, i)| u64::from(i.doc_freq)).sum();
    if df == 0 {
        return Ok(());
    }
    let w = weights
        .entry(df)
        .or_insert_with(|| Bm25Weight::for_one_term(df, n, f.avg));
    let scored = w.boost_by(f.weight);
    let answered = f.answer.map(|aw| w.boost_by(aw));
    for (s, info) in infos {
        let mut postings =
            f.inverted[s].read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            let (id, tf) = (f.norms[s].fieldnorm_id(doc), postings.term_freq());
            let ord = ords[s](doc);
            data.scores.push((ord, scored.score(id, tf)));
            if let Some(a) = &answered {
                data.answers.push((ord, a.score(id, tf)));
            }
            doc = postings.advance();
        }
    }
    Ok(())
}

/// Add the positions of `term` in the `phrase` field, by page.
fn add_positions(
    phrase: &[Arc<InvertedIndexReader>],
    term: &[u8],
    ords: &[impl Fn(DocId) -> u32],
    data: &mut TermData,
) -> std::io::Result<()> {
    for (s, inv) in phrase.iter().enumerate() {
        let Some(info) = inv.terms().get(term)? else {
            continue;
        };
        let mut postings =
            inv.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqsAndPositions)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            let mut pos = Vec::new();
            postings.positions(&mut pos);
            data.positions.push((ords[s](doc), pos));
            doc = postings.advance();
        }
    }
    data.positions.sort_by_key(|(ord, _)| *ord);
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
