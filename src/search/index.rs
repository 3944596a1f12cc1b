//! Building the tantivy index from the site model, the same model pages render from.
//!
//! Input: the [`Site`] (already filtered for the build's profile) and each page's
//! [`Rendered`] Markdown (text and headings). Output: a committed index in a folder
//! and the site's word list (word → stem). Pages are analysed in parallel (rayon);
//! one `IndexWriter` with a bounded memory budget indexes them and commits once.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Field;
use tantivy::tokenizer::{PreTokenizedString, Token as TantivyToken};
use tantivy::{Index, TantivyDocument};

use super::analyze::{Analyzer, Token};
use super::schema::Fields;
use super::{ContactCard, DocRecord, index_error, snippet_text};
use crate::content::{Kind, Page, Site};
use crate::error::{Error, Result};
use crate::render::markdown::Rendered;

/// Memory each indexing thread may use before it writes a segment.
const MEMORY_PER_THREAD: usize = 64 << 20;

/// The index and what was learnt while building it.
pub struct Built {
    pub index: Index,
    pub fields: Fields,
    /// Every indexed word (lowercased, folded) → its stem.
    pub words: HashMap<String, String>,
    pub docs: usize,
    /// Each page's kind, by page number.
    pub kinds: Vec<&'static str>,
}

/// Index every page of `site` into the (new, empty) folder `dir`.
pub fn build(site: &Site, rendered: &[Rendered], edition: &str, dir: &Path) -> Result<Built> {
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    let fields = Fields::new();
    let index =
        Index::create_in_dir(dir, fields.schema.clone()).map_err(|e| index_error(dir, e))?;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, threads * MEMORY_PER_THREAD)
        .map_err(|e| index_error(dir, e))?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let n = site.pages.len().min(rendered.len());
    let (docs, words) = (0..n)
        .into_par_iter()
        .fold(
            || (Vec::new(), Analyzer::new()),
            |(mut docs, mut analyzer), i| {
                docs.push(page_document(
                    &fields,
                    site,
                    i,
                    &rendered[i],
                    edition,
                    &mut analyzer,
                ));
                (docs, analyzer)
            },
        )
        .map(|(docs, analyzer)| (docs, analyzer.into_words()))
        .reduce(
            || (Vec::new(), HashMap::new()),
            |(mut d1, mut w1), (d2, w2)| {
                d1.extend(d2);
                w1.extend(w2);
                (d1, w1)
            },
        );
    for doc in docs {
        writer.add_document(doc).map_err(|e| index_error(dir, e))?;
    }
    let mut writer = writer;
    writer.commit().map_err(|e| index_error(dir, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| index_error(dir, e))?;
    Ok(Built {
        index,
        fields,
        words,
        docs: n,
        kinds: site.pages[..n].iter().map(|p| p.kind.name()).collect(),
    })
}

/// The tantivy document of page `i`.
fn page_document(
    fields: &Fields,
    site: &Site,
    i: usize,
    md: &Rendered,
    edition: &str,
    analyzer: &mut Analyzer,
) -> TantivyDocument {
    let page = &site.pages[i];
    let fm = &page.fm;
    let mut doc = TantivyDocument::default();
    let mut add = |doc: &mut TantivyDocument, name: &str, text: &str| {
        if let Some(f) = fields.scored_field(name) {
            add_text(doc, f, fields.phrase, text, analyzer);
        }
    };
    add(&mut doc, "title", &page.title);
    add(&mut doc, "summary", page.summary());
    for h in &md.headings {
        add(&mut doc, "headings", h);
    }
    add(&mut doc, "body", &md.text);
    let contact = page.kind == Kind::Contact;
    for t in &fm.tags {
        add(&mut doc, "tags", t);
    }
    if !contact {
        for t in &fm.topics {
            add(&mut doc, "tags", t);
        }
    }
    if let Some(s) = &fm.short_name {
        add(&mut doc, "tags", s);
    }
    let card = contact.then(|| contact_card(page));
    if let Some(c) = &card {
        add(&mut doc, "contact_name", &c.name);
        add(&mut doc, "contact_role", &c.role);
        add(&mut doc, "contact_team", &c.team);
        add(&mut doc, "contact_email", &c.email);
        add(&mut doc, "contact_phone", &c.phone);
        for t in &fm.topics {
            add(&mut doc, "contact_topics", t);
        }
    }
    doc.add_text(fields.kind, page.kind.name());
    doc.add_text(
        fields.section,
        page.rel
            .split('/')
            .next()
            .filter(|_| page.rel.contains('/'))
            .unwrap_or(""),
    );
    doc.add_text(fields.url, &page.path);
    doc.add_text(fields.edition, edition);
    doc.add_u64(fields.ord, i as u64);
    let record = DocRecord {
        title: page.title.clone(),
        url: page.path.clone(),
        kind: page.kind.name().to_string(),
        breadcrumb: breadcrumb(site, i),
        summary: page.summary().to_string(),
        text: snippet_text(&md.text),
        contact: card,
    };
    doc.add_text(
        fields.doc,
        serde_json::to_string(&record).unwrap_or_default(),
    );
    doc
}

/// Analyse `text` into `field` (scored) and into `phrase` (positions).
fn add_text(doc: &mut TantivyDocument, field: Field, phrase: Field, text: &str, a: &mut Analyzer) {
    if text.trim().is_empty() {
        return;
    }
    let mut tokens: Vec<Token> = Vec::new();
    a.analyze(text, &mut tokens);
    if tokens.is_empty() {
        return;
    }
    let tokens: Vec<TantivyToken> = tokens
        .into_iter()
        .map(|t| TantivyToken {
            offset_from: t.start,
            offset_to: t.end,
            position: t.position as usize,
            text: t.stem,
            position_length: 1,
        })
        .collect();
    let pre = PreTokenizedString {
        text: String::new(),
        tokens,
    };
    doc.add_pre_tokenized_text(phrase, pre.clone());
    doc.add_pre_tokenized_text(field, pre);
}

/// The titles of the sections above page `i`, from the home page down.
fn breadcrumb(site: &Site, i: usize) -> Vec<String> {
    let page = &site.pages[i];
    let mut chain = site.ancestry(i);
    if page.is_index {
        chain.pop();
    }
    chain
        .into_iter()
        .map(|s| {
            let p = &site.pages[site.sections[s].index];
            if p.kind == Kind::Home {
                "Home".to_string()
            } else {
                p.title.clone()
            }
        })
        .collect()
}

/// The card shown when a contact answers a query.
fn contact_card(page: &Page) -> ContactCard {
    let fm = &page.fm;
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    ContactCard {
        name: fm.name.clone().unwrap_or_else(|| page.title.clone()),
        role: s(&fm.role),
        team: s(&fm.team),
        email: s(&fm.email),
        phone: s(&fm.phone),
        url: page.path.clone(),
    }
}
