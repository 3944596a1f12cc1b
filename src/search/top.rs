//! The first pages a query matches, best score first and page order between equal
//! scores (as search.js ranks), and how many pages match: one tantivy collector for
//! both. A page's order (`ord`, a fast field) is read only when its score could
//! place it among those kept, not for every page that matches.
//!
//! Input: the scored documents of each segment. Output: (count, ranked pages).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// One ranked page: (score, page number). The page number is all a hit needs: the
/// record file is read by it.
pub type Ranked = (f32, u64);

/// Count the matching pages and keep the best `n`.
pub struct Top {
    pub n: usize,
}

/// A kept page, ordered so that the heap's greatest is the worst kept: lower score,
/// then later page.
struct Kept(Ranked);

impl Kept {
    fn rank(&self, other: &Kept) -> Ordering {
        let ((s1, o1), (s2, o2)) = (self.0, other.0);
        s2.total_cmp(&s1).then(o1.cmp(&o2))
    }
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.rank(other) == Ordering::Equal
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank(other)
    }
}

pub struct SegmentTop {
    n: usize,
    ords: Option<Column<u64>>,
    count: usize,
    kept: BinaryHeap<Kept>,
}

impl SegmentTop {
    fn ord(&self, doc: DocId) -> u64 {
        // as tantivy's `first_or_default_col(0)`: 0 for a page without one
        self.ords
            .as_ref()
            .map_or(u64::from(doc), |c| c.first(doc).unwrap_or(0))
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = (usize, Vec<Ranked>);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        if self.kept.len() == self.n {
            // a lower score never enters; an equal one may, by its page order
            match self.kept.peek() {
                Some(worst) if score < worst.0.0 => return,
                _ => {}
            }
        }
        let page = Kept((score, self.ord(doc)));
        if self.kept.len() < self.n {
            self.kept.push(page);
        } else if let Some(mut worst) = self.kept.peek_mut()
            && page < *worst
        {
            *worst = page;
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.count, self.kept.into_iter().map(|k| k.0).collect())
    }
}

impl Collector for Top {
    type Fruit = (usize, Vec<Ranked>);
    type Child = SegmentTop;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        Ok(SegmentTop {
            n: self.n.max(1),
            ords: reader.fast_fields().u64("ord").ok(),
            count: 0,
            kept: BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<(usize, Vec<Ranked>)>) -> tantivy::Result<Self::Fruit> {
        let count = fruits.iter().map(|(c, _)| c).sum();
        let mut all: Vec<Kept> = fruits.into_iter().flat_map(|(_, k)| k).map(Kept).collect();
        all.sort();
        all.truncate(self.n.max(1));
        Ok((count, all.into_iter().map(|k| k.0).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Reverse;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::TermQuery;
    use tantivy::schema::{FAST, INDEXED, IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, TantivyDocument, Term};

    /// tantivy's own top collector with the page order as tie-break: what [`Top`]
    /// replaced, and must agree with.
    fn reference(s: &tantivy::Searcher, q: &TermQuery, n: usize) -> (usize, Vec<Ranked>) {
        let top = TopDocs::with_limit(n).tweak_score(|seg: &SegmentReader| {
            let col = seg
                .fast_fields()
                .u64("ord")
                .unwrap()
                .first_or_default_col(0);
            move |doc, score| (score, Reverse(col.get_val(doc)))
        });
        let (count, top) = s.search(q, &(Count, top)).unwrap();
        let top = top.into_iter().map(|((s, Reverse(o)), _)| (s, o)).collect();
        (count, top)
    }

    proptest! {
        /// Pages with few distinct word counts (so many equal scores), numbered in a
        /// shuffled order, over one to three segments.
        #[test]
        fn top_agrees_with_tantivys_collector(
            (pages, ords) in proptest::collection::vec((0usize..4, 1usize..4), 1..40)
                .prop_flat_map(|pages| {
                    let n = pages.len() as u64;
                    (Just(pages), Just((0..n).collect::<Vec<u64>>()).prop_shuffle())
                }),
            cuts in 1usize..4,
        ) {
            let mut b = Schema::builder();
            let body = b.add_text_field("body", TEXT);
            let ord = b.add_u64_field("ord", FAST | INDEXED);
            let index = Index::create_in_ram(b.build());
            let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
            let per = pages.len().div_ceil(cuts);
            for (i, (hits, other)) in pages.iter().enumerate() {
                let text = format!("{}{}", "export ".repeat(*hits), "visa ".repeat(*other));
                let mut doc = TantivyDocument::default();
                doc.add_text(body, &text);
                doc.add_u64(ord, ords[i]);
                w.add_document(doc).unwrap();
                if (i + 1) % per == 0 {
                    w.commit().unwrap();
                }
            }
            w.commit().unwrap();
            let s = index.reader().unwrap().searcher();
            let q = TermQuery::new(Term::from_field_text(body, "export"), IndexRecordOption::WithFreqs);
            for n in 1..=pages.len() + 1 {
                let ours = s.search(&q, &Top { n }).unwrap();
                prop_assert_eq!(ours, reference(&s, &q, n));
            }
        }
    }
}
