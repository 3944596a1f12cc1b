//! Kind-specific pages: what contacts, legislation, case studies, checklists and
//! triage trees add to the plain page. The contacts directory, legislation register
//! and case-study index (on the section page whose pages are all of that kind), a
//! vCard per contact, checkbox task lists, and one page per step of a triage tree.
//!
//! Input: the site and what `SiteView` prepared (contact cards). Output: template
//! contexts (`render/context/kinds.rs`) and, from [`extra_files`], the files beside the pages as (output
//! path, bytes) for the pipeline to write. No IO.

pub mod checklist;
pub mod contact;
mod listings;
pub mod triage;

use crate::content::{Kind, Site};
use crate::error::Result;
use crate::render::Renderer;
use crate::render::SiteView;

/// The kind every page under section `s` shares, if it is one with its own listing.
pub fn section_kind(site: &Site, s: usize) -> Option<Kind> {
    let pages = pages_under(site, s);
    let first = site.pages.get(*pages.first()?)?.kind;
    let listed = matches!(first, Kind::Contact | Kind::Legislation | Kind::CaseStudy);
    (listed && pages.iter().all(|&i| site.pages[i].kind == first)).then_some(first)
}

/// The template of a section page whose pages are all of one listed kind.
pub fn section_template(site: &Site, page: usize) -> Option<&'static str> {
    let p = &site.pages[page];
    if !p.is_index || p.kind == Kind::Home {
        return None;
    }
    match section_kind(site, p.section)? {
        Kind::Contact => Some("contacts.html"),
        Kind::Legislation => Some("legislation-register.html"),
        Kind::CaseStudy => Some("case-studies.html"),
        _ => None,
    }
}

/// The pages (not section indexes) of section `s` and its subsections, in reading order.
pub fn pages_under(site: &Site, s: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut todo = vec![s];
    let mut seen = vec![false; site.sections.len()];
    while let Some(s) = todo.pop() {
        if std::mem::replace(&mut seen[s], true) {
            continue;
        }
        let sec = &site.sections[s];
        out.extend(sec.pages.iter().copied());
        todo.extend(sec.subsections.iter().rev());
    }
    out
}

/// Add the kind-specific listing of a section page to its context.
pub fn insert_listing(view: &SiteView<'_>, i: usize, ctx: &mut tera::Context) {
    let (site, config) = (view.site, view.config);
    let page = &site.pages[i];
    if !page.is_index || page.kind == Kind::Home {
        return;
    }
    let Some(kind) = section_kind(site, page.section) else {
        return;
    };
    let pages = pages_under(site, page.section);
    match kind {
        Kind::Contact => ctx.insert(
            "directory",
            &listings::directory(site, &pages, view.contacts()),
        ),
        Kind::Legislation => ctx.insert("register", &listings::register(config, site, &pages)),
        Kind::CaseStudy => ctx.insert(
            "case_studies",
            &listings::case_studies(config, site, &pages),
        ),
        _ => {}
    }
}

/// Every file a build writes beside the pages for their kinds: a vCard per contact
/// and a page per step of each triage tree, as (output path, bytes).
pub fn extra_files(r: &Renderer<'_>) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = vcards(r);
    out.extend(triage::pages(r)?);
    Ok(out)
}

fn vcards(r: &Renderer<'_>) -> Vec<(String, Vec<u8>)> {
    let organisation = r
        .config
        .settings
        .extra
        .get("organisation")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let mut ids: Vec<(&String, &usize)> = r.site.contacts.iter().collect();
    ids.sort();
    ids.into_iter()
        .filter_map(|(id, &i)| {
            let page = &r.site.pages[i];
            let card = r.view.contact(id)?;
            let text = contact::vcard(card, &r.config.settings.base_url, organisation);
            let path = format!("{}{}", page.path, contact::vcard_file_name(page));
            Some((path, text.into_bytes()))
        })
        .collect()
}
