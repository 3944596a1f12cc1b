//! The BM25 statistics of an opened index (tokens per field, documents per term),
//! looked up once and kept for as long as the index is open. An opened index never
//! changes, so the figures stay true; tantivy would otherwise read the term
//! dictionary of every segment for every term of every query. The number of
//! documents is a sum over the segments' headers, and is not kept. The figures are
//! the ones tantivy's own `Searcher` gives, so scores are the same to the bit.
//!
//! Input: a tantivy searcher of the opened index. Output: counts. Reads only.

use std::collections::HashMap;
use std::sync::RwLock;

use tantivy::Term;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;

/// Terms whose document counts are kept; past this many the memo starts again
/// (a bound on memory whatever the queries asked).
const MAX_TERMS: usize = 100_000;

/// What is kept: filled as queries ask.
#[derive(Default)]
pub struct Stats {
    tokens: RwLock<HashMap<Field, u64>>,
    doc_freq: RwLock<HashMap<Term, u64>>,
}

impl Stats {
    /// The statistics of the index `searcher` reads, looked up in this memo first.
    pub fn of<'a>(&'a self, searcher: &'a tantivy::Searcher) -> Provider<'a> {
        Provider {
            stats: self,
            searcher,
        }
    }
}

/// [`Stats`] for one tantivy searcher of the index they were kept for.
pub struct Provider<'a> {
    stats: &'a Stats,
    searcher: &'a tantivy::Searcher,
}

impl Provider<'_> {
    /// How many documents hold `term` (0 when none does).
    pub fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::doc_freq(self, term)
    }
}

/// The value kept under `key`, or else `look_up`'s, kept unless `full` holds.
fn memo<K, V>(
    map: &RwLock<HashMap<K, V>>,
    key: &K,
    full: impl Fn(usize) -> bool,
    look_up: impl FnOnce() -> tantivy::Result<V>,
) -> tantivy::Result<V>
where
    K: std::hash::Hash + Eq + Clone,
    V: Copy,
{
    if let Some(v) = map.read().ok().and_then(|m| m.get(key).copied()) {
        return Ok(v);
    }
    let v = look_up()?;
    if let Ok(mut m) = map.write() {
        if full(m.len()) {
            m.clear();
        }
        m.insert(key.clone(), v);
    }
    Ok(v)
}

impl Bm25StatisticsProvider for Provider<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        memo(
            &self.stats.tokens,
            &field,
            |_| false,
            || self.searcher.total_num_tokens(field),
        )
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        memo(
            &self.stats.doc_freq,
            term,
            |n| n >= MAX_TERMS,
            || self.searcher.doc_freq(term),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{STRING, Schema, TEXT};
    use tantivy::{Index, TantivyDocument};

    /// Two segments, so each figure is a sum over segments.
    fn index() -> (Index, Field, Field) {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let kind = b.add_text_field("kind", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for batch in [&["export control", "export"][..], &["sanctions list"][..]] {
            for text in batch {
                let mut doc = TantivyDocument::default();
                doc.add_text(body, text);
                doc.add_text(kind, "guidance");
                w.add_document(doc).unwrap();
            }
            w.commit().unwrap();
        }
        (index, body, kind)
    }

    #[test]
    fn the_figures_are_tantivys_and_are_kept() {
        let (index, body, kind) = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let stats = Stats::default();
        let p = stats.of(&searcher);
        let export = Term::from_field_text(body, "export");
        let absent = Term::from_field_text(body, "visa");
        for _ in 0..2 {
            assert_eq!(p.doc_freq(&export).unwrap(), 2);
            assert_eq!(p.doc_freq(&absent).unwrap(), 0);
            assert_eq!(p.total_num_docs().unwrap(), 3);
            assert_eq!(p.total_num_tokens(body).unwrap(), 5);
            assert_eq!(
                p.total_num_tokens(kind).unwrap(),
                searcher.total_num_tokens(kind).unwrap()
            );
        }
        assert_eq!(stats.doc_freq.read().unwrap().len(), 2);
        assert_eq!(stats.tokens.read().unwrap().len(), 2);
    }

    #[test]
    fn the_memo_starts_again_when_full() {
        let map = RwLock::new(HashMap::new());
        for k in 0..5u32 {
            assert_eq!(memo(&map, &k, |n| n >= 3, || Ok(k * 10)).unwrap(), k * 10);
        }
        // 0, 1, 2 kept; 3 cleared them; 4 joined 3
        assert_eq!(map.read().unwrap().len(), 2);
        assert_eq!(memo(&map, &4, |_| false, || Ok(99)).unwrap(), 40);
    }
}
