//! The template contract, in one place: the structs templates see (the kind-specific
//! ones in [`kinds`]). Every field here is documented in the README's "Templates"
//! section; renaming one breaks users' templates.
//!
//! Built from borrowed site data, one page at a time; no IO.

use serde::Serialize;

use super::markdown::TocEntry;

pub mod kinds;

#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub description: String,
    pub language: String,
    /// URL prefix every link starts with (`/` unless `base_url` has a path).
    pub root: String,
    pub base_url: String,
    pub nav: Vec<NavItem>,
    pub assets: AssetUrls,
    pub extra: serde_json::Value,
    /// The edition switcher: the current site, then each archived edition, newest
    /// first; empty when the site has no editions.
    pub editions: Vec<EditionLink>,
    /// The archived edition being read; `None` on the current site.
    pub edition: Option<EditionBanner>,
    /// The site's Atom feed of new and changed pages (`/atom.xml`); empty on an
    /// archived edition, which has none.
    pub feed: String,
}

/// One entry of the edition switcher.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EditionLink {
    /// The edition's id; empty for the current site.
    pub id: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    /// The same page in that edition when it has it, else that edition's home page.
    pub url: String,
    /// That edition's home page.
    pub home: String,
    /// This is the edition being read.
    pub current: bool,
    /// `url` is the same page (not the home page).
    pub same_page: bool,
    /// This is the current site.
    pub latest: bool,
}

/// The banner on archived pages.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EditionBanner {
    pub id: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    /// The same page in the current site, or its home page when the page is gone.
    pub current_url: String,
    /// The current site still has this page.
    pub same_page: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct AssetUrls {
    pub css: String,
    pub js: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ContactCtx {
    pub id: String,
    pub url: String,
    /// The contact's vCard (`.vcf`), to add it to an address book.
    pub vcard: String,
    pub name: String,
    pub role: String,
    pub team: String,
    pub faculty: String,
    pub email: String,
    pub phone: String,
    /// The phone number with only `+` and digits, for `tel:` links.
    pub phone_link: String,
    pub location: String,
    pub hours: String,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeCtx {
    pub date: String,
    pub date_iso: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LegislationCtx {
    pub short_name: String,
    pub department: String,
    pub in_force: String,
    pub in_force_iso: String,
    pub status: String,
    pub requires: String,
    pub official_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseStudyCtx {
    pub institution: String,
    pub year: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageCtx<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub breadcrumbs: Vec<Crumb>,
    pub owner: Option<ContactCtx>,
    pub reviewed: String,
    pub reviewed_iso: String,
    pub review_due: String,
    /// When the page was last updated (`updated`), as readers see it; empty if unknown.
    pub updated: String,
    pub updated_iso: String,
    pub tags: &'a [String],
    /// The page's tags as links to their tag pages (one per tag, in the spelling
    /// the tag page uses; `url` is empty where there is no tag page).
    pub tag_links: Vec<TagLink>,
    pub topics: &'a [String],
    pub audience: &'a [String],
    pub contacts: Vec<ContactCtx>,
    pub changes: Vec<ChangeCtx>,
    pub legislation: Option<LegislationCtx>,
    pub case_study: Option<CaseStudyCtx>,
    pub contact: Option<ContactCtx>,
    /// On a triage (decision) page: where its questions start.
    pub triage: Option<kinds::TriageCtx>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    /// Up to five pages chosen by shared tags and topics, best first; never the
    /// page itself nor one its own "Related pages" section links to.
    pub related: Vec<ListItem>,
    /// The page's text has a "Related pages" (or "Related", "See also") section of
    /// its own, so the chosen ones are "More related pages".
    pub related_written: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub kind: &'static str,
    /// The kind as readers see it: "Case study".
    pub kind_label: &'static str,
}

/// A tag as a page shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TagLink {
    pub name: String,
    /// The tag page (`/tags/export-control/`); empty when the site has none.
    pub url: String,
}

/// One tag on the `/tags/` page (`tags.html` sees `tags`, a list of these), or the
/// tag of a tag page (`tag.html` sees `tag`, with `pages`).
#[derive(Debug, Clone, Serialize)]
pub struct TagCtx {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// How many pages have the tag.
    pub count: usize,
    /// The pages with the tag, by title (empty on the `/tags/` page).
    pub pages: Vec<ListItem>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct SectionCtx {
    pub pages: Vec<ListItem>,
    pub subsections: Vec<ListItem>,
    /// This section's Atom feed (`SECTION/atom.xml`); empty for the home page, whose
    /// feed is the site's, and on an archived edition.
    pub feed: String,
    /// This section's printable version (`SECTION/print/`); empty when it has none.
    pub print: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LatestChange {
    pub date: String,
    pub date_iso: String,
    pub note: String,
    pub title: String,
    pub url: String,
}
