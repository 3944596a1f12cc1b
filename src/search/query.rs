//! Ranked hits from a built site's index: the tantivy query of a [`Plan`].
//!
//! Stages, stopping at the first that finds anything: every group required (but
//! words like "contact" or "ask" only add to the score when other words are there);
//! the same with typo corrections; any group. Ties are broken by page order,
//! as in search.js. A contact whose name, role or topics match every group (words
//! like "contact" aside) leads the hits with its card. Input: `SITE_OUT/_search`
//! (opened once, shared). Output: [`SearchResults`]. Reads only.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, IndexReader, ReloadPolicy, Term};

use super::analyze::Analyzer;
use super::plan::{Alt, Group, Lexicon, PARAMS, Plan, Synonyms, analyse_synonyms};
use super::record_file::RecordFile;
use super::schema::Fields;
use super::shards::{Meta, read_lexicon, read_meta};
use super::stats::{Provider, Stats};
use super::top::{Ranked, Top};
use super::{read_error, snippet};
use crate::content::Kind;
use crate::error::{Error, Result};

/// The longest query accepted, in characters: the same for `guidebook search`, the
/// host's search page and API, and search.js.
pub const MAX_QUERY_CHARS: usize = PARAMS.max_query_chars;
/// The most hits one search may ask for (`guidebook search --limit`, the host's
/// `limit=`).
pub const MAX_LIMIT: usize = 50;

pub struct SearchRequest<'a> {
    pub q: &'a str,
    /// Only pages of this kind (`legislation`); `None` or `""` for all.
    pub kind: Option<&'a str>,
    /// How many pages (1 to [`MAX_LIMIT`]; 0 means 10): the contact card that
    /// answers is shown besides them.
    pub limit: usize,
    /// How many matching pages to skip (`(page - 1) * limit` for a results page).
    /// The card that answers is shown only when this is 0.
    pub offset: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchResults {
    pub query: String,
    /// Pages matching the query (the stage that found them), the contact card that
    /// answers not counted.
    pub total: usize,
    /// The kind asked for, if any.
    #[serde(default)]
    pub kind: Option<String>,
    /// Matching pages skipped before the first hit listed.
    #[serde(default)]
    pub offset: usize,
    /// The most pages listed (the size of a results page).
    #[serde(default)]
    pub limit: usize,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hit {
    pub title: String,
    /// URL path without the site prefix: join with the site's prefix.
    pub url: String,
    pub kind: String,
    pub breadcrumb: Vec<String>,
    /// HTML: escaped text with the matched words in `<mark>`.
    pub snippet: String,
    pub score: f32,
    /// Set on the contact that answers the query (always the first hit).
    pub contact: Option<ContactCard>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ContactCard {
    pub name: String,
    pub role: String,
    pub team: String,
    pub email: String,
    pub phone: String,
    /// The contact's page, without the site prefix.
    pub url: String,
}

/// An opened index. `Send + Sync`: open once, share through an `Arc`.
pub struct Searcher {
    dir: PathBuf,
    reader: IndexReader,
    fields: Fields,
    lexicon: Lexicon,
    synonyms: Synonyms,
    meta: Meta,
    stats: Stats,
    /// Each page's display record.
    records: RecordFile,
}

impl Searcher {
    /// Open the index in `index_dir` (`SITE_OUT/_search`).
    pub fn open(index_dir: &Path) -> Result<Searcher> {
        let index_path = index_dir.join("index");
        if !index_path.join("meta.json").is_file() {
            return Err(Error::Usage(format!(
                "no search index in {}: build the site first with `guidebook build`",
                index_dir.display()
            )));
        }
        let static_dir = index_dir.join("static");
        let meta = read_meta(&static_dir)?;
        let lexicon = read_lexicon(&static_dir, &meta)?;
        let index = Index::open_in_dir(&index_path).map_err(|e| read_error(&index_path, e))?;
        let fields = Fields::from_schema(&index.schema()).ok_or_else(|| {
            Error::Other(format!(
                "the search index in {} was written by another version of guidebook; rebuild the site",
                index_dir.display()
            ))
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| read_error(&index_path, e))?;
        let synonyms = analyse_synonyms(&meta.synonyms, &mut Analyzer::new());
        let records = RecordFile::open(&index_dir.join(super::RECORD_FILE))?;
        Ok(Searcher {
            dir: index_dir.to_path_buf(),
            reader,
            fields,
            lexicon,
            synonyms,
            meta,
            stats: Stats::default(),
            records,
        })
    }

    /// The URL prefix of the site the index was built for (`/`).
    pub fn url_prefix(&self) -> &str {
        &self.meta.prefix
    }

    /// The kinds of page in the index, sorted.
    pub fn kinds(&self) -> &[String] {
        &self.meta.kinds
    }

    /// Plan a query as both the server and search.js do.
    pub fn plan(&self, q: &str) -> Plan {
        let q: String = q.chars().take(MAX_QUERY_CHARS).collect();
        Plan::parse(
            &q,
            &mut Analyzer::new(),
            &self.lexicon,
            &self.synonyms,
            &PARAMS,
        )
    }

    /// Run a search: `limit` pages after the first `offset`, and the contact card
    /// that answers the query on the first results page.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let limit = match req.limit {
            0 => 10,
            n => n.min(MAX_LIMIT),
        };
        let kind = req.kind.filter(|k| !k.is_empty());
        let mut out = SearchResults {
            query: req.q.to_string(),
            total: 0,
            kind: kind.map(str::to_string),
            offset: req.offset,
            limit,
            hits: Vec::new(),
        };
        let mut plan = self.plan(req.q);
        if plan.groups.is_empty() || kind.is_some_and(|k| !self.meta.kinds.iter().any(|m| m == k)) {
            return Ok(out);
        }
        // One more than shown, for the card that answers if it ranks among them.
        let n = req.offset.saturating_add(limit).saturating_add(1);
        let s = self.reader.searcher();
        let stats = self.stats.of(&s);
        let mut query = self.query(&stats, &plan, true, kind);
        let (mut total, mut top) = self.collect(&stats, &s, query.as_ref(), n)?;
        if total == 0 && plan.can_add_typos() {
            plan.add_typos(&self.lexicon, &PARAMS);
            query = self.query(&stats, &plan, true, kind);
            (total, top) = self.collect(&stats, &s, query.as_ref(), n)?;
        }
        if total == 0 && plan.groups.len() > 1 {
            query = self.query(&stats, &plan, false, kind);
            (total, top) = self.collect(&stats, &s, query.as_ref(), n)?;
        }
        let stems: HashSet<String> = plan.stems().into_iter().collect();
        let terms = snippet::Terms::with_words(&stems, |s| self.lexicon.words_with_stem(s));
        let mut scratch = snippet::Scratch::default();
        // one buffer for every hit's record
        let mut record = Vec::new();
        let answer = match kind {
            None | Some("contact") if total > 0 => self.answer(&stats, &s, &plan)?,
            _ => None,
        };
        if let Some((score, ord)) = answer {
            // Ranked among the first pages, or else asked of the index once.
            if top.iter().any(|(_, o)| *o == ord) || self.matches(&s, query.as_ref(), ord)? {
                total -= 1;
            }
            top.retain(|(_, o)| *o != ord);
            if req.offset == 0 {
                out.hits
                    .push(self.hit(ord, score, &terms, &mut scratch, &mut record)?);
            }
        }
        out.total = total;
        for (score, ord) in top.into_iter().skip(req.offset).take(limit) {
            let mut hit = self.hit(ord, score, &terms, &mut scratch, &mut record)?;
            hit.contact = None;
            out.hits.push(hit);
        }
        Ok(out)
    }

    /// Whether page `ord` is one of those `query` matches.
    fn matches(&self, s: &tantivy::Searcher, query: &dyn Query, ord: u64) -> Result<bool> {
        let page = TermQuery::new(
            Term::from_field_u64(self.fields.ord, ord),
            IndexRecordOption::Basic,
        );
        let both = BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::Must, Box::new(page) as Box<dyn Query>),
        ]);
        let n = s
            .search(&both, &Count)
            .map_err(|e| read_error(&self.dir, e))?;
        Ok(n > 0)
    }

    /// The query of the pages matching `plan`: every group (`all`) or any group.
    fn query(
        &self,
        stats: &Provider,
        plan: &Plan,
        all: bool,
        kind: Option<&str>,
    ) -> Box<dyn Query> {
        let subject = plan.groups.iter().any(|g| !g.intent);
        let groups: Vec<(Occur, Box<dyn Query>)> = plan
            .groups
            .iter()
            .map(|g| {
                let required = all && !(g.intent && subject);
                let occur = if required { Occur::Must } else { Occur::Should };
                (occur, self.group_query(stats, g, &self.fields.scored))
            })
            .collect();
        let mut clauses = vec![(
            Occur::Must,
            Box::new(BooleanQuery::new(groups)) as Box<dyn Query>,
        )];
        if let Some(k) = kind {
            clauses.push((Occur::Must, self.filter(self.fields.kind, k)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The contact answering `plan`, if any: (answer score, page).
    fn answer(
        &self,
        stats: &Provider,
        s: &tantivy::Searcher,
        plan: &Plan,
    ) -> Result<Option<Ranked>> {
        let subject: Vec<&Group> = plan.groups.iter().filter(|g| !g.intent).collect();
        if subject.is_empty() {
            return Ok(None);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = subject
            .iter()
            .map(|g| (Occur::Must, self.group_query(stats, g, &self.fields.answer)))
            .collect();
        clauses.push((
            Occur::Must,
            self.filter(self.fields.kind, Kind::Contact.name()),
        ));
        Ok(self
            .collect(stats, s, &BooleanQuery::new(clauses), 1)?
            .1
            .into_iter()
            .next())
    }

    /// How many pages `query` matches, and the best `n` (page order between equal
    /// scores), scored with the kept statistics.
    fn collect(
        &self,
        stats: &Provider,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        n: usize,
    ) -> Result<(usize, Vec<Ranked>)> {
        searcher
            .search_with_statistics_provider(query, &Top { n }, stats)
            .map_err(|e| read_error(&self.dir, e))
    }

    /// A group: the sum of its matching alternatives.
    fn group_query(&self, stats: &Provider, g: &Group, fields: &[(Field, f32)]) -> Box<dyn Query> {
        let alts: Vec<Box<dyn Query>> = g
            .alts
            .iter()
            .map(|a| self.alt_query(stats, a, fields))
            .collect();
        match <[_; 1]>::try_from(alts) {
            Ok([one]) => one,
            Err(alts) => Box::new(BooleanQuery::new(
                alts.into_iter().map(|q| (Occur::Should, q)).collect(),
            )),
        }
    }

    /// An alternative: its terms in each of `fields`, leaving out the fields in which
    /// a term occurs nowhere (they match nothing and add nothing).
    fn alt_query(&self, stats: &Provider, alt: &Alt, fields: &[(Field, f32)]) -> Box<dyn Query> {
        match alt {
            Alt::Terms(terms) => Box::new(BooleanQuery::new(
                terms
                    .iter()
                    .flat_map(|(t, w)| {
                        present(stats, fields, t)
                            .map(move |(f, fw)| (Occur::Should, term_query(*f, t, fw * w)))
                    })
                    .collect(),
            )),
            Alt::Phrase { terms, weight } => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = terms
                    .iter()
                    .map(|(_, t)| {
                        let q = present(stats, fields, t)
                            .map(|(f, fw)| (Occur::Should, term_query(*f, t, fw * weight)))
                            .collect();
                        (
                            Occur::Must,
                            Box::new(BooleanQuery::new(q)) as Box<dyn Query>,
                        )
                    })
                    .collect();
                let phrase: Vec<(usize, Term)> = terms
                    .iter()
                    .map(|(p, t)| (*p as usize, Term::from_field_text(self.fields.phrase, t)))
                    .collect();
                if phrase.len() > 1 {
                    let q = PhraseQuery::new_with_offset(phrase);
                    clauses.push((Occur::Must, Box::new(BoostQuery::new(Box::new(q), 0.0))));
                }
                Box::new(BooleanQuery::new(clauses))
            }
        }
    }

    /// A clause that matches without adding to the score.
    fn filter(&self, field: Field, value: &str) -> Box<dyn Query> {
        let q = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        Box::new(BoostQuery::new(Box::new(q), 0.0))
    }

    /// The hit for page `ord`: its display record (contact card included) with a
    /// snippet for `terms`.
    fn hit(
        &self,
        ord: u64,
        score: f32,
        terms: &snippet::Terms,
        scratch: &mut snippet::Scratch,
        buf: &mut Vec<u8>,
    ) -> Result<Hit> {
        self.records.with(ord, buf, |r| Hit {
            snippet: snippet::make(r.text, r.summary, terms, scratch, PARAMS.snippet_chars),
            title: r.title.to_string(),
            url: r.url.to_string(),
            kind: r.kind.to_string(),
            breadcrumb: r.breadcrumb.iter().map(|b| b.to_string()).collect(),
            score,
            contact: r.contact,
        })
    }
}

/// Those of `fields` in which some page holds `term` (all when the index cannot
/// say: the query then asks tantivy, as it would have).
fn present<'a>(
    stats: &'a Provider,
    fields: &'a [(Field, f32)],
    term: &'a str,
) -> impl Iterator<Item = &'a (Field, f32)> {
    fields.iter().filter(move |(f, _)| {
        stats
            .doc_freq(&Term::from_field_text(*f, term))
            .map_or(true, |n| n > 0)
    })
}

fn term_query(field: Field, term: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, term),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(q), boost))
}
