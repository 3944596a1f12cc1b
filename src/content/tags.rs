//! Tags and related pages: which pages carry each tag, and which pages are related.
//!
//! Input: the assembled pages (after a profile has dropped what it leaves out).
//! Output: a [`TagIndex`]: every tag with a slug (tags that slug alike, such as
//! "Export control" and "export-control", are one tag shown in its most common
//! spelling) and its pages, an inverted index from tags and topics to pages, and
//! [`TagIndex::related`], which scores the pages that share tags and topics with a
//! page. Computed once per site, when it is assembled. Pure; no IO, no HTML.
//!
//! Only *listed* pages carry tags here and are ever related: not the home page nor a
//! section page, not a redirect, not a draft, not a page marked `hidden`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use super::Page;
use super::urls::{alias_path, slugify};

/// The URL folder of the tag pages.
pub const FOLDER: &str = "tags/";

/// Points a shared tag adds to a related page's score.
pub const TAG_WEIGHT: u32 = 2;
/// Points a shared topic adds.
pub const TOPIC_WEIGHT: u32 = 1;
/// How many related pages guidebook chooses for a page.
pub const RELATED: usize = 5;

/// One tag of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub slug: String,
    /// The spelling most pages use.
    pub name: String,
    /// The listed pages with this tag, by title.
    pub pages: Vec<usize>,
}

impl Tag {
    /// The tag page's URL path without the site prefix: `tags/export-control/`.
    pub fn path(&self) -> String {
        format!("{FOLDER}{}/", self.slug)
    }
}

/// The site's tags and the inverted index related pages are chosen from.
#[derive(Debug, Clone, Default)]
pub struct TagIndex {
    /// Every tag of a listed page, sorted by name.
    pub tags: Vec<Tag>,
    by_slug: FxHashMap<String, usize>,
    /// Whether guidebook writes the tag pages: not when a page, slug, permalink or
    /// alias of the site is at `tags/` or under it (the site owns that folder).
    pub pages: bool,
    /// Term (a tag or a topic) → the ranks of the listed pages that have it,
    /// ascending.
    postings: Vec<Vec<u32>>,
    /// Page → its terms and their weights.
    terms: Vec<Vec<(u32, u32)>>,
    /// Page → its position when pages are sorted by title, then URL (the tie-break).
    rank: Vec<u32>,
    /// Position → page: the inverse of `rank`.
    order: Vec<u32>,
    /// The best pages already found for a set of terms and a count. Pages with the
    /// same tags and topics have the same candidates, so each set is scored once.
    chosen: Arc<Mutex<ChosenMap>>,
}

/// Whether a page may be listed on tag pages and chosen as a related page.
pub fn is_listed(p: &Page) -> bool {
    !p.is_index && p.fm.redirect_to.is_none() && !p.fm.draft && !p.fm.hidden
}

/// How listings order pages: by title as shown (case folded), then URL.
fn title_key(p: &Page) -> (String, &str) {
    (p.nav_title().to_lowercase(), p.path.as_str())
}

/// Whether a page or alias of the site lies at `tags/` or under it.
fn site_owns_folder(pages: &[Page]) -> bool {
    pages.iter().any(|p| {
        p.path.starts_with(FOLDER)
            || p.fm
                .aliases
                .iter()
                .any(|a| alias_path(a).starts_with(FOLDER))
    })
}

impl TagIndex {
    /// Index the tags and topics of `pages`.
    pub fn build(pages: &[Page]) -> TagIndex {
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by(|&a, &b| title_key(&pages[a]).cmp(&title_key(&pages[b])));
        let mut rank = vec![0u32; pages.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r as u32;
        }
        let mut index = TagIndex {
            pages: !site_owns_folder(pages),
            rank,
            order: order.iter().map(|&i| i as u32).collect(),
            terms: vec![Vec::new(); pages.len()],
            ..TagIndex::default()
        };
        let mut term_ids: FxHashMap<(bool, String), u32> = FxHashMap::default();
        let mut spellings: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
        for &i in &order {
            let p = &pages[i];
            let listed = is_listed(p);
            let tags = p.fm.tags.iter().map(|t| (true, t));
            let topics = p.fm.topics.iter().map(|t| (false, t));
            for (is_tag, word) in tags.chain(topics) {
                let slug = slugify(word);
                if slug.is_empty() {
                    continue;
                }
                let next = term_ids.len() as u32;
                let term = *term_ids.entry((is_tag, slug.clone())).or_insert(next);
                if term as usize == index.postings.len() {
                    index.postings.push(Vec::new());
                }
                if index.terms[i].iter().any(|&(t, _)| t == term) {
                    continue;
                }
                let weight = if is_tag { TAG_WEIGHT } else { TOPIC_WEIGHT };
                index.terms[i].push((term, weight));
                if !listed {
                    continue;
                }
                index.postings[term as usize].push(index.rank[i]);
                if is_tag {
                    *spellings
                        .entry(slug)
                        .or_default()
                        .entry(word.trim())
                        .or_default() += 1;
                }
            }
        }
        // Pages were visited by rank, so each posting list is already ascending.
        index.tags = spellings
            .into_iter()
            .map(|(slug, names)| {
                let term = term_ids[&(true, slug.clone())] as usize;
                Tag {
                    name: most_common(&names),
                    slug,
                    pages: index.pages_at(&index.postings[term]),
                }
            })
            .collect();
        index.tags.sort_by(|a, b| {
            (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug))
        });
        index.by_slug = index
            .tags
            .iter()
            .enumerate()
            .map(|(k, t)| (t.slug.clone(), k))
            .collect();
        index
    }

    /// The URL paths (without the site prefix) of the tag pages guidebook writes:
    /// `tags/` and one per tag; none when no listed page has a tag or the site has
    /// pages of its own under `tags/`.
    pub fn page_paths(&self) -> Vec<String> {
        if !self.pages || self.tags.is_empty() {
            return Vec::new();
        }
        std::iter::once(FOLDER.to_string())
            .chain(self.tags.iter().map(Tag::path))
            .collect()
    }

    /// The tag `word` belongs to (by its slug), if a listed page carries it.
    pub fn tag(&self, word: &str) -> Option<&Tag> {
        self.by_slug.get(&slugify(word)).map(|&k| &self.tags[k])
    }

    /// The pages at `ranks`.
    fn pages_at(&self, ranks: &[u32]) -> Vec<usize> {
        ranks
            .iter()
            .map(|&r| self.order[r as usize] as usize)
            .collect()
    }

    /// Up to `limit` listed pages related to page `i`, best first: each shared tag
    /// scores [`TAG_WEIGHT`], each shared topic [`TOPIC_WEIGHT`]; ties go to the
    /// title that sorts first, then the URL. Never page `i` itself nor a page in
    /// `exclude`.
    pub fn related(&self, i: usize, exclude: &[usize], limit: usize) -> Vec<usize> {
        let Some(terms) = self.terms.get(i).filter(|_| limit > 0) else {
            return Vec::new();
        };
        let mut terms = terms.clone();
        terms.sort_unstable();
        // Enough to leave `limit` once page `i` and `exclude` are taken out.
        let want = limit + 1 + exclude.len();
        let key = (terms, want);
        let known = self.lock_chosen().get(&key).cloned();
        let best = known.unwrap_or_else(|| {
            let best: Arc<[u32]> = self.best(&key.0, want).into();
            self.lock_chosen().insert(key, Arc::clone(&best));
            best
        });
        let me = self.rank[i];
        let excluded: Vec<u32> = exclude.iter().map(|&p| self.rank[p]).collect();
        let ranks: Vec<u32> = best
            .iter()
            .copied()
            .filter(|&r| r != me && !excluded.contains(&r))
            .take(limit)
            .collect();
        self.pages_at(&ranks)
    }

    fn lock_chosen(&self) -> std::sync::MutexGuard<'_, ChosenMap> {
        self.chosen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The ranks of up to `limit` pages sharing the most of `terms`, best first.
    ///
    /// The pages sharing a term are visited in rank order, so a later page must score
    /// more than the last one kept to be kept. Lists whose weights add up to no more
    /// than that score cannot lift a page on their own, so candidates come only from
    /// the other lists and are looked up in these ("max-score" pruning). Once no page
    /// could score more, the search stops: when `limit` pages share every term, only
    /// the first few pages of each list are read.
    fn best(&self, terms: &[(u32, u32)], limit: usize) -> Vec<u32> {
        let mut lists: Vec<(u32, &[u32])> = terms
            .iter()
            .map(|&(term, weight)| (weight, self.postings[term as usize].as_slice()))
            .collect();
        // Light lists first; among equals, long lists first, so the lists that
        // can be looked up rather than walked are the long ones.
        lists.sort_by_key(|&(weight, list)| (weight, std::cmp::Reverse(list.len())));
        let mut best: Vec<(u32, u32)> = Vec::with_capacity(limit + 1);
        loop {
            let bar = if best.len() == limit {
                best.last().map_or(0, |b| b.0)
            } else {
                0
            };
            let lookup = lookup_lists(&lists, bar);
            let Some(next) = lists[lookup..]
                .iter()
                .filter_map(|(_, list)| list.first().copied())
                .min()
            else {
                break;
            };
            let mut score = 0;
            for (k, (weight, list)) in lists.iter_mut().enumerate() {
                if k < lookup {
                    *list = &list[gallop(list, next)..];
                }
                if list.first() == Some(&next) {
                    score += *weight;
                    *list = &list[1..];
                }
            }
            if score > bar {
                let at = best.partition_point(|b| b.0 >= score);
                best.insert(at, (score, next));
                best.truncate(limit);
            }
        }
        best.into_iter().map(|(_, r)| r).collect()
    }
}

type ChosenMap = FxHashMap<(Vec<(u32, u32)>, usize), Arc<[u32]>>;

/// The number of items of the ascending `list` below `target`, found by doubling
/// steps from the start: cheap when the answer is near the start, as it is when
/// several lists are walked side by side.
fn gallop(list: &[u32], target: u32) -> usize {
    let mut step = 1;
    let mut low = 0;
    while low + step <= list.len() && list[low + step - 1] < target {
        low += step;
        step *= 2;
    }
    let high = (low + step).min(list.len());
    low + list[low..high].partition_point(|&r| r < target)
}

/// How many of `lists` (ordered by weight) are looked up rather than walked: the
/// longest run from the start whose weights add up to no more than `bar`. A page in
/// none of the others scores at most `bar`.
fn lookup_lists(lists: &[(u32, &[u32])], bar: u32) -> usize {
    let mut sum = 0;
    lists
        .iter()
        .take_while(|(weight, _)| {
            sum += weight;
            sum <= bar
        })
        .count()
}

/// The spelling used most; on a tie, the one that sorts first.
fn most_common(names: &BTreeMap<&str, usize>) -> String {
    let mut best: Option<(&str, usize)> = None;
    for (&name, &n) in names {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((name, n));
        }
    }
    best.map(|(n, _)| n.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{FrontMatter, Kind};

    fn page(path: &str, title: &str, tags: &[&str], topics: &[&str]) -> Page {
        Page {
            rel: format!("{}.md", path.trim_end_matches('/')),
            file: None,
            display_path: String::new(),
            text: String::new(),
            body_offset: 0,
            body_line: 1,
            path: path.into(),
            kind: Kind::Guidance,
            title: title.into(),
            title_from_heading: false,
            fm: FrontMatter {
                tags: tags.iter().map(|s| s.to_string()).collect(),
                topics: topics.iter().map(|s| s.to_string()).collect(),
                ..FrontMatter::default()
            },
            description: String::new(),
            section: 0,
            is_index: false,
            index_of: None,
            visibility: crate::config::Visibility::Public,
            has_errors: false,
        }
    }

    fn titles(pages: &[Page], list: &[usize]) -> Vec<String> {
        list.iter().map(|&i| pages[i].title.clone()).collect()
    }

    #[test]
    fn tags_that_slug_alike_are_one_tag_in_the_most_common_spelling() {
        let pages = vec![
            page("a/", "A", &["Export control", "travel"], &[]),
            page("b/", "B", &["export-control"], &[]),
            page("c/", "C", &["export control"], &[]),
            page("d/", "D", &["export control", "Export Control"], &[]),
        ];
        let index = TagIndex::build(&pages);
        let summary: Vec<(String, String, Vec<String>)> = index
            .tags
            .iter()
            .map(|t| (t.slug.clone(), t.name.clone(), titles(&pages, &t.pages)))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "export-control".to_string(),
                    "export control".to_string(),
                    vec!["A".to_string(), "B".into(), "C".into(), "D".into()]
                ),
                ("travel".into(), "travel".into(), vec!["A".into()]),
            ]
        );
        assert_eq!(
            index.tag("Export-Control").unwrap().path(),
            "tags/export-control/"
        );
        assert!(index.pages);
    }

    #[test]
    fn related_pages_score_tags_twice_topics_once_and_tie_by_title() {
        let pages = vec![
            page("me/", "Me", &["visas", "travel"], &["people"]),
            page("zed/", "Zed", &["visas", "travel"], &[]),
            page("both/", "Both", &["travel"], &["people"]),
            page("alpha/", "alpha", &["travel"], &[]),
            page("topic/", "Topic only", &[], &["people"]),
            page("none/", "Nothing shared", &["money"], &["campuses"]),
            page("beta/", "Beta", &["visas"], &[]),
            page("gamma/", "Gamma", &["visas"], &[]),
        ];
        let index = TagIndex::build(&pages);
        assert_eq!(
            titles(&pages, &index.related(0, &[], 5)),
            ["Zed", "Both", "alpha", "Beta", "Gamma"]
        );
        assert_eq!(
            titles(&pages, &index.related(0, &[1, 3], 5)),
            ["Both", "Beta", "Gamma", "Topic only"]
        );
        assert_eq!(
            titles(&pages, &index.related(5, &[], 5)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unlisted_pages_have_no_tag_and_are_never_related() {
        let mut pages = vec![
            page("a/", "A", &["travel"], &[]),
            page("hidden/", "Hidden", &["travel", "secret"], &[]),
            page("draft/", "Draft", &["travel"], &[]),
            page("moved/", "Moved", &["travel"], &[]),
            page("section/", "Section", &["travel"], &[]),
        ];
        pages[1].fm.hidden = true;
        pages[2].fm.draft = true;
        pages[3].fm.redirect_to = Some("/a/".into());
        pages[4].is_index = true;
        let index = TagIndex::build(&pages);
        assert_eq!(index.tags.len(), 1);
        assert_eq!(titles(&pages, &index.tags[0].pages), ["A"]);
        assert_eq!(titles(&pages, &index.related(1, &[], 5)), ["A"]);
        assert!(index.related(0, &[], 5).is_empty());
    }

    #[test]
    fn a_page_or_alias_under_tags_keeps_guidebook_from_writing_tag_pages() {
        let mut pages = vec![page("a/", "A", &["travel"], &[])];
        pages[0].fm.aliases = vec!["/tags/travel/".into()];
        assert!(!TagIndex::build(&pages).pages);
        let pages = vec![
            page("tags/", "Our tags", &[], &[]),
            page("a/", "A", &["x"], &[]),
        ];
        assert!(!TagIndex::build(&pages).pages);
    }

    /// Every listed page scored against page `i`, the plain way.
    fn related_by_brute_force(
        pages: &[Page],
        i: usize,
        exclude: &[usize],
        limit: usize,
    ) -> Vec<usize> {
        let weights = |p: &Page| -> Vec<(bool, String, u32)> {
            let tags = p.fm.tags.iter().map(|t| (true, slugify(t), TAG_WEIGHT));
            let topics =
                p.fm.topics
                    .iter()
                    .map(|t| (false, slugify(t), TOPIC_WEIGHT));
            let mut terms: Vec<(bool, String, u32)> = tags.chain(topics).collect();
            terms.sort();
            terms.dedup();
            terms
        };
        let mine = weights(&pages[i]);
        let mut scored: Vec<(u32, (String, &str), usize)> = (0..pages.len())
            .filter(|&p| p != i && !exclude.contains(&p) && is_listed(&pages[p]))
            .map(|p| {
                let theirs = weights(&pages[p]);
                let score = mine
                    .iter()
                    .filter(|t| theirs.contains(t))
                    .map(|t| t.2)
                    .sum();
                (score, title_key(&pages[p]), p)
            })
            .filter(|s| s.0 > 0)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        scored.into_iter().take(limit).map(|s| s.2).collect()
    }

    proptest::proptest! {
        #[test]
        fn related_pages_match_scoring_every_page(
            spec in proptest::collection::vec(
                (0u8..6, proptest::collection::vec(0u8..5, 0..4),
                 proptest::collection::vec(0u8..3, 0..3), proptest::bool::ANY),
                1..40,
            ),
            exclude in proptest::collection::vec(0usize..40, 0..3),
            limit in 0usize..7,
        ) {
            let words = ["travel", "visas", "money", "Export control", "export-control"];
            let pages: Vec<Page> = spec
                .iter()
                .enumerate()
                .map(|(k, (title, tags, topics, hidden))| {
                    let tags: Vec<&str> = tags.iter().map(|&t| words[t as usize]).collect();
                    let topics: Vec<&str> = topics.iter().map(|&t| words[t as usize]).collect();
                    let mut p = page(&format!("p{k}/"), &format!("T{title}"), &tags, &topics);
                    p.fm.hidden = *hidden;
                    p
                })
                .collect();
            let index = TagIndex::build(&pages);
            let exclude: Vec<usize> = exclude.into_iter().filter(|&e| e < pages.len()).collect();
            for i in 0..pages.len() {
                proptest::prop_assert_eq!(
                    index.related(i, &exclude, limit),
                    related_by_brute_force(&pages, i, &exclude, limit)
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn gallop_finds_what_a_binary_search_finds(
            mut list in proptest::collection::vec(0u32..200, 0..120),
            target in 0u32..210,
        ) {
            list.sort_unstable();
            proptest::prop_assert_eq!(gallop(&list, target), list.partition_point(|&r| r < target));
        }
    }
}
