//! Building the tantivy index from the site model, the same model pages render from.
//!
//! Input: the [`Site`] (already filtered for the build's profile) and each page's
//! [`Rendered`] Markdown (text and headings). Output: a committed index in a folder,
//! each page's display record written through [`DocFiles`] (`d/N.json.gz` of the static
//! export) and [`RecordWriter`] (the host's `_search/records`), and the site's word
//! list (word → stem). An [`Indexer`] takes pages one at
//! a time from any thread (a full build gives it each page as soon as the page is
//! rendered) and passes them straight to one `IndexWriter`, whose threads analyse the
//! text with [`super::tokenizer`]. At most [`IN_FLIGHT`] documents wait for the writer
//! at once, so memory stays bounded however many pages the site has.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use tantivy::indexer::NoMergePolicy;
use tantivy::schema::document::Document;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexWriter, TantivyDocument};

use super::record_file::RecordWriter;
use super::records::DocFiles;
use super::schema::Fields;
use super::tokenizer::{self, PageTokenizer, WordList};
use super::{ContactCard, DocRecord, index_error, snippet_text};
use crate::content::{Kind, Page, Site};
use crate::error::{Error, Result};
use crate::render::markdown::Rendered;

/// Memory each indexing thread may use before it writes a segment.
const MEMORY_PER_THREAD: usize = 64 << 20;

/// The most documents made but not yet indexed at any moment.
pub const IN_FLIGHT: usize = 128;

/// The index and what was learnt while building it.
pub struct Built {
    pub index: Index,
    pub fields: Fields,
    /// Every indexed word (lowercased, folded) → its stem.
    pub words: HashMap<String, String>,
    pub docs: usize,
    /// Each page's kind, by page number.
    pub kinds: Vec<&'static str>,
    /// The hash of each page's display record file, by page number.
    pub record_hashes: Vec<[u8; 32]>,
}

/// An index being built, one page at a time, from any number of threads: a full
/// build adds each page as soon as it is rendered, so no page's text waits in memory
/// for the others.
pub struct Indexer<'a> {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    writer: IndexWriter<Paced>,
    words: WordList,
    gate: Gate,
    edition: String,
    records: DocFiles<'a>,
    /// The host's copy of the records.
    store: RecordWriter,
    /// The hash of each page's display record, by page number, once written.
    hashes: Mutex<Vec<Option<[u8; 32]>>>,
}

impl<'a> Indexer<'a> {
    /// Start an index of `pages` pages in the (new, empty) folder `dir`.
    pub fn new(
        dir: &Path,
        edition: &str,
        records: DocFiles<'a>,
        store: RecordWriter,
        pages: usize,
    ) -> Result<Indexer<'a>> {
        std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
        let fields = Fields::new();
        let index =
            Index::create_in_dir(dir, fields.schema.clone()).map_err(|e| index_error(dir, e))?;
        let words = WordList::default();
        index.tokenizers().register(
            tokenizer::NAME,
            TextAnalyzer::from(PageTokenizer::new(Arc::clone(&words))),
        );
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 4);
        let writer = index
            .writer_with_num_threads::<Paced>(threads, threads * MEMORY_PER_THREAD)
            .map_err(|e| index_error(dir, e))?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        Ok(Indexer {
            dir: dir.to_path_buf(),
            index,
            fields,
            writer,
            words,
            gate: Gate::new(IN_FLIGHT),
            edition: edition.to_string(),
            records,
            store,
            hashes: Mutex::new(vec![None; pages]),
        })
    }

    /// Index page `i` of `site` from its rendered Markdown `md`, and write its display
    /// record. Waits while [`IN_FLIGHT`] documents are waiting for the writer.
    pub fn add(&self, site: &Site, i: usize, md: &Rendered) -> Result<()> {
        let (doc, record) = page_document(&self.fields, site, i, md, &self.edition);
        let json = serde_json::to_string(&record).unwrap_or_default();
        let hash = self.records.write(i, &json)?;
        self.store.add(i, &record)?;
        if let Some(slot) = self.lock_hashes().get_mut(i) {
            *slot = Some(hash);
        }
        let permit = self.gate.enter();
        self.writer
            .add_document(Paced {
                doc,
                _permit: permit,
            })
            .map_err(|e| index_error(&self.dir, e))?;
        Ok(())
    }

    fn lock_hashes(&self) -> std::sync::MutexGuard<'_, Vec<Option<[u8; 32]>>> {
        self.hashes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Commit the index. Every page it was started for must have been added. The
    /// writer's threads and their memory are gone when this returns, so a full build
    /// commits as soon as the last page is rendered, before the site-wide files.
    pub fn commit(mut self, site: &Site) -> Result<Built> {
        let dir = &self.dir;
        self.writer.commit().map_err(|e| index_error(dir, e))?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| index_error(dir, e))?;
        self.store.finish()?;
        let words = std::mem::take(&mut *self.words.lock().unwrap_or_else(|e| e.into_inner()));
        let hashes = self.hashes.into_inner().unwrap_or_else(|e| e.into_inner());
        let record_hashes: Vec<[u8; 32]> = hashes
            .into_iter()
            .collect::<Option<_>>()
            .ok_or_else(|| Error::write(dir, std::io::Error::other("a page was not indexed")))?;
        let docs = record_hashes.len();
        Ok(Built {
            index: self.index,
            fields: self.fields,
            words,
            docs,
            kinds: site.pages[..docs].iter().map(|p| p.kind.name()).collect(),
            record_hashes,
        })
    }
}

/// A document on its way to the writer, holding a place at the [`Gate`] until the
/// writer has indexed (and dropped) it.
struct Paced {
    doc: TantivyDocument,
    _permit: Permit,
}

impl Document for Paced {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

/// Lets at most `limit` holders of a [`Permit`] exist at once.
struct Gate {
    state: Arc<(Mutex<usize>, Condvar)>,
    limit: usize,
}

impl Gate {
    fn new(limit: usize) -> Gate {
        Gate {
            state: Arc::new((Mutex::new(0), Condvar::new())),
            limit: limit.max(1),
        }
    }

    /// Wait for a free place and take it.
    fn enter(&self) -> Permit {
        let (count, freed) = &*self.state;
        let mut n = count.lock().unwrap_or_else(|e| e.into_inner());
        while *n >= self.limit {
            n = freed.wait(n).unwrap_or_else(|e| e.into_inner());
        }
        *n += 1;
        Permit(Arc::clone(&self.state))
    }
}

/// A place at a [`Gate`], given back when dropped.
struct Permit(Arc<(Mutex<usize>, Condvar)>);

impl Drop for Permit {
    fn drop(&mut self) {
        let (count, freed) = &*self.0;
        let mut n = count.lock().unwrap_or_else(|e| e.into_inner());
        *n = n.saturating_sub(1);
        freed.notify_one();
    }
}

/// The tantivy document of page `i`, and its display record.
fn page_document(
    fields: &Fields,
    site: &Site,
    i: usize,
    md: &Rendered,
    edition: &str,
) -> (TantivyDocument, DocRecord) {
    let page = &site.pages[i];
    let fm = &page.fm;
    let mut doc = TantivyDocument::default();
    let add = |doc: &mut TantivyDocument, name: &str, text: &str| {
        if let Some(f) = fields.scored_field(name)
            && !text.trim().is_empty()
        {
            doc.add_text(fields.phrase, text);
            doc.add_text(f, text);
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
    (doc, record)
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
