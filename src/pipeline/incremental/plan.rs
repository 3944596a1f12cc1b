//! Which pages a change touches. A page's output depends on its own file, and on
//! other pages through: links (the target's URL), listings (the pages of a section,
//! their titles, summaries and order), breadcrumbs and navigation (the titles and
//! URLs of section index pages), contact boxes and cards (a contact's fields), the
//! home page's latest changes, and related pages (pages sharing a tag or topic). An
//! edit of a page's body alone changes none of these, so only that page is rendered
//! again; an edit of its front matter also renders the pages that show it. When a template starts showing data of other
//! pages, add the dependency here.
//!
//! Input: what the touched pages looked like before ([`Before`]), the site after, each
//! page's rendered Markdown (its links and cards) and the changed content paths.
//! Output: a [`Plan`]. Pure.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::read::Edits;
use crate::content::urls::{Target, slugify};
use crate::content::{Kind, Page, Site};
use crate::render::markdown::Rendered;

/// Everything about a page that other pages can show.
#[derive(Debug, Clone, PartialEq)]
struct Face {
    path: String,
    title: String,
    kind: Kind,
    is_index: bool,
    /// The index page of a top-level section (named in every page's navigation).
    top: bool,
    /// Folder of the section the page is listed in.
    section: String,
    /// The front matter, serialised: summaries, contact fields, change notes.
    fm: String,
    /// Its tags and topics (pages sharing one list each other as related pages).
    terms: BTreeSet<String>,
}

impl Face {
    fn of(site: &Site, p: &Page) -> Face {
        Face {
            path: p.path.clone(),
            title: p.title.clone(),
            kind: p.kind,
            is_index: p.is_index,
            top: p.is_index && site.sections[p.section].parent == Some(0),
            section: site.sections[p.section].dir.clone(),
            fm: serde_json::to_string(&p.fm).unwrap_or_default(),
            terms: terms(p),
        }
    }
}

/// A page's tags and topics, by slug.
fn terms(p: &Page) -> BTreeSet<String> {
    let tags = p.fm.tags.iter().map(|t| format!("tag:{}", slugify(t)));
    let topics = p.fm.topics.iter().map(|t| format!("topic:{}", slugify(t)));
    tags.chain(topics).collect()
}

/// Whether `new` (just read, not yet placed in the site) looks to other pages exactly
/// as `old` did: same URL, title, kind and front matter, and the same index role.
pub fn same_face(old: &Page, new: &Page) -> bool {
    let name = new.rel.rsplit('/').next().unwrap_or(&new.rel);
    old.path == new.path
        && old.title == new.title
        && old.kind == new.kind
        && old.has_errors == new.has_errors
        && old.is_index == crate::content::urls::is_index_file(name)
        && serde_json::to_string(&old.fm).ok() == serde_json::to_string(&new.fm).ok()
}

/// The site as it was, as far as a plan needs it.
pub struct Before {
    /// Content paths of the pages, in page order.
    pub rels: Vec<String>,
    sections: Vec<String>,
    faces: HashMap<String, (Face, String, bool)>,
}

impl Before {
    /// Remember `site` and the faces of the pages at `touched`.
    pub fn capture(site: &Site, touched: &BTreeSet<String>) -> Before {
        let faces = touched
            .iter()
            .filter_map(|rel| {
                let p = site.page_by_rel(rel)?;
                let extra = (p.contact_id().to_string(), !p.fm.changes.is_empty());
                Some((rel.clone(), (Face::of(site, p), extra.0, extra.1)))
            })
            .collect();
        Before {
            rels: site.pages.iter().map(|p| p.rel.clone()).collect(),
            sections: section_dirs(site),
            faces,
        }
    }
}

/// What to do after a change.
#[derive(Debug, Default)]
pub struct Plan {
    /// Pages of the new site to render again.
    pub dirty: BTreeSet<usize>,
    /// URLs, sections, aliases or files changed: site-wide files need writing again.
    pub structural: bool,
}

/// Plan the work for `edits`. `rendered[i]` belongs to `new.pages[i]`.
pub fn plan(before: &Before, new: &Site, rendered: &[Rendered], edits: &Edits) -> Plan {
    let all = || (0..new.pages.len()).collect();
    if before.sections != section_dirs(new) {
        return Plan {
            dirty: all(),
            structural: true,
        };
    }
    let mut plan = Plan {
        structural: !edits.assets.is_empty(),
        ..Plan::default()
    };
    for rel in &edits.pages {
        let n = new.by_rel.get(rel).copied();
        plan.dirty.extend(n);
        let o = before.faces.get(rel);
        let nf = n.map(|j| Face::of(new, &new.pages[j]));
        if o.map(|(f, _, _)| f) == nf.as_ref() {
            continue;
        }
        plan.structural = true;
        if o.is_some_and(|(f, _, _)| f.top) || nf.as_ref().is_some_and(|f| f.top) {
            plan.dirty = all();
            return plan;
        }
        let n = n.map(|j| &new.pages[j]);
        shown_elsewhere(new, rendered, rel, o, n, &mut plan.dirty);
    }
    for rel in &edits.assets {
        let target = Target::File(rel.clone());
        for (k, r) in rendered.iter().enumerate() {
            if r.links.iter().any(|l| l.target == target) {
                plan.dirty.insert(k);
            }
        }
    }
    plan
}

fn section_dirs(site: &Site) -> Vec<String> {
    site.sections.iter().map(|s| s.dir.clone()).collect()
}

/// Mark the pages of `new` that show the page at `rel` (before: `o`, after: `n`).
fn shown_elsewhere(
    new: &Site,
    rendered: &[Rendered],
    rel: &str,
    o: Option<&(Face, String, bool)>,
    n: Option<&Page>,
    dirty: &mut BTreeSet<usize>,
) {
    if o.map(|(f, _, _)| &f.path) != n.map(|p| &p.path) {
        mark_linkers(rendered, rel, dirty);
    }
    let mut sections: HashSet<String> = HashSet::new();
    sections.extend(o.map(|(f, _, _)| f.section.clone()));
    sections.extend(n.map(|p| new.sections[p.section].dir.clone()));
    let was_index = o.is_some_and(|(f, _, _)| f.is_index);
    if was_index || n.is_some_and(|p| p.is_index) {
        let own = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        sections.insert(
            own.rsplit_once('/')
                .map(|(d, _)| d)
                .unwrap_or("")
                .to_string(),
        );
        mark_subtree(new, own, dirty);
    }
    for s in &new.sections {
        if sections.contains(&s.dir) {
            dirty.insert(s.index);
        }
    }
    let contact = o.is_some_and(|(f, _, _)| f.kind == Kind::Contact)
        || n.is_some_and(|p| p.kind == Kind::Contact);
    if contact {
        let id = n
            .map(|p| p.contact_id().to_string())
            .or_else(|| o.map(|(_, id, _)| id.clone()))
            .unwrap_or_default();
        mark_contact_users(new, rendered, &id, dirty);
    }
    if o.is_some_and(|(_, _, changes)| *changes) || n.is_some_and(|p| !p.fm.changes.is_empty()) {
        dirty.insert(new.sections[0].index);
    }
    let mut shared: BTreeSet<String> = o.map(|(f, _, _)| f.terms.clone()).unwrap_or_default();
    shared.extend(n.map(terms).unwrap_or_default());
    mark_related(new, &shared, dirty);
}

/// Pages with a tag or topic in `shared`: the changed page may enter or leave their
/// related pages, or show there with a new title or summary.
fn mark_related(site: &Site, shared: &BTreeSet<String>, dirty: &mut BTreeSet<usize>) {
    if shared.is_empty() {
        return;
    }
    for (k, p) in site.pages.iter().enumerate() {
        if terms(p).iter().any(|t| shared.contains(t)) {
            dirty.insert(k);
        }
    }
}

/// Pages with a link to the page at `rel` (`a/_index.md` and `a/index.md` alike).
fn mark_linkers(rendered: &[Rendered], rel: &str, dirty: &mut BTreeSet<usize>) {
    let target = canonical(rel);
    for (k, r) in rendered.iter().enumerate() {
        let links_here = r.links.iter().any(|l| match &l.target {
            Target::Page { rel, .. } => canonical(rel) == target,
            _ => false,
        });
        if links_here {
            dirty.insert(k);
        }
    }
}

fn canonical(rel: &str) -> String {
    match rel.strip_suffix("_index.md") {
        Some(d) => format!("{d}index.md"),
        None => rel.to_string(),
    }
}

/// Every page in the section at `dir` and below (their breadcrumbs name it).
fn mark_subtree(site: &Site, dir: &str, dirty: &mut BTreeSet<usize>) {
    let prefix = format!("{dir}/");
    for (k, p) in site.pages.iter().enumerate() {
        let sdir = &site.sections[p.section].dir;
        if sdir == dir || sdir.starts_with(&prefix) {
            dirty.insert(k);
        }
    }
}

/// Pages that name contact `id` as owner, in `contacts`, or in an inline card.
fn mark_contact_users(site: &Site, rendered: &[Rendered], id: &str, dirty: &mut BTreeSet<usize>) {
    for (k, p) in site.pages.iter().enumerate() {
        let names = p.fm.owner.as_deref() == Some(id)
            || p.fm.contacts.iter().any(|c| c == id)
            || rendered
                .get(k)
                .is_some_and(|r| r.cards.iter().any(|c| c.id == id));
        if names {
            dirty.insert(k);
        }
    }
}
