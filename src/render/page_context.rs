//! Building the template context of one page from borrowed site data.
//!
//! [`SiteView`] holds what every page shares (navigation, contact cards, listings,
//! latest changes), prepared once; [`SiteView::context`] adds one page on top.

use std::collections::HashMap;

use super::context::*;
use super::kinds::{self, contact::contact_ctx};
use super::markdown::Rendered;
use super::templates::Templates;
use crate::config::Config;
use crate::content::fields::Interval;
use crate::content::{Date, Kind, Page, Site};
use crate::error::Result;
use crate::util::atom;

pub struct SiteView<'a> {
    pub(super) config: &'a Config,
    pub(super) site: &'a Site,
    assets: AssetUrls,
    contacts: HashMap<String, ContactCtx>,
    /// Contact id → the rendered contact card partial (for inline cards).
    pub cards: HashMap<String, String>,
    latest: Vec<LatestChange>,
    /// The edition switcher's data and which of its sites this is.
    pub editions: Option<(&'a super::editions::EditionsNav, usize)>,
}

impl<'a> SiteView<'a> {
    pub fn new(
        config: &'a Config,
        site: &'a Site,
        templates: &Templates,
        assets: AssetUrls,
    ) -> Result<SiteView<'a>> {
        let contacts: HashMap<String, ContactCtx> = site
            .contacts
            .iter()
            .map(|(id, &i)| (id.clone(), contact_ctx(config, &site.pages[i])))
            .collect();
        let mut cards = HashMap::new();
        for (id, c) in &contacts {
            let mut ctx = tera::Context::new();
            ctx.insert("card", c);
            cards.insert(
                id.clone(),
                templates.render("partials/contact-card.html", &ctx)?,
            );
        }
        let latest = latest_changes(config, site, 6);
        Ok(SiteView {
            config,
            site,
            assets,
            contacts,
            cards,
            latest,
            editions: None,
        })
    }

    /// Every contact as readers see it, by id (built by `kinds::contact::contact_ctx`).
    pub fn contacts(&self) -> &HashMap<String, ContactCtx> {
        &self.contacts
    }

    pub fn contact(&self, id: &str) -> Option<&ContactCtx> {
        self.contacts.get(id)
    }

    fn url(&self, page: &Page) -> String {
        format!("{}{}", self.config.url_prefix, page.path)
    }

    /// The site part of the context; `current` is the page being rendered.
    pub fn site_ctx(&self, current: Option<usize>) -> SiteCtx {
        let home = &self.site.sections[0];
        let current_top = current.and_then(|i| self.site.ancestry(i).get(1).copied());
        let nav = home
            .subsections
            .iter()
            .map(|&s| {
                let p = &self.site.pages[self.site.sections[s].index];
                NavItem {
                    title: p.nav_title().to_string(),
                    url: self.url(p),
                    current: current_top == Some(s),
                }
            })
            .collect();
        let mut ctx = super::site_ctx(self.config, nav, self.assets.clone());
        if self.is_current() {
            ctx.feed = format!("{}{}", self.config.url_prefix, atom::feed_path(""));
        }
        if let Some((editions, reading)) = self.editions {
            let path = current.map_or("", |i| self.site.pages[i].path.as_str());
            ctx.editions = editions.links(reading, path);
            ctx.edition = editions.banner(reading, path);
        }
        ctx
    }

    /// The whole context for page `i`.
    pub fn context(&self, i: usize, md: &'a Rendered) -> tera::Context {
        let page = &self.site.pages[i];
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site_ctx(Some(i)));
        ctx.insert("page", &self.page_ctx(i, md));
        if page.is_index {
            ctx.insert("section", &self.section_ctx(page.section));
            kinds::insert_listing(self, i, &mut ctx);
        }
        if page.kind == Kind::Home {
            ctx.insert("latest_changes", &self.latest);
        }
        ctx
    }

    pub(super) fn page_ctx<'p>(&self, i: usize, md: &'p Rendered) -> PageCtx<'p>
    where
        'a: 'p,
    {
        let page: &'p Page = &self.site.pages[i];
        let fm = &page.fm;
        let every = fm
            .review_every
            .as_deref()
            .unwrap_or(&self.config.settings.review.every);
        let due = fm
            .reviewed
            .zip(Interval::parse(every))
            .map(|(d, iv)| iv.after(d));
        let mut changes: Vec<ChangeCtx> = fm
            .changes
            .iter()
            .map(|c| ChangeCtx {
                date: c.date.human(),
                date_iso: c.date.to_string(),
                note: c.note.clone(),
            })
            .collect();
        changes.sort_by(|a, b| b.date_iso.cmp(&a.date_iso));
        let (related, related_written) =
            super::tags::related(self.site, &self.config.url_prefix, i, md);
        PageCtx {
            title: &page.title,
            summary: page.summary(),
            url: self.url(page),
            kind: page.kind.name(),
            kind_label: page.kind.label(),
            content: &md.html,
            toc: if fm.toc == Some(false) { &[] } else { &md.toc },
            breadcrumbs: self.breadcrumbs(i),
            owner: fm
                .owner
                .as_ref()
                .and_then(|o| self.contacts.get(o).cloned()),
            reviewed: fm.reviewed.map(|d| d.human()).unwrap_or_default(),
            reviewed_iso: fm.reviewed.map(|d| d.to_string()).unwrap_or_default(),
            review_due: due.map(|d| d.human()).unwrap_or_default(),
            updated: fm.updated.map(|d| d.human()).unwrap_or_default(),
            updated_iso: fm.updated.map(|d| d.to_string()).unwrap_or_default(),
            tags: &fm.tags,
            tag_links: super::tags::tag_links(self.site, &self.config.url_prefix, page),
            topics: &fm.topics,
            audience: &fm.audience,
            contacts: fm
                .contacts
                .iter()
                .filter_map(|c| self.contacts.get(c).cloned())
                .collect(),
            changes,
            legislation: (page.kind == Kind::Legislation).then(|| LegislationCtx {
                short_name: fm.short_name.clone().unwrap_or_default(),
                department: fm.department.clone().unwrap_or_default(),
                in_force: fm.in_force.map(|d| d.human()).unwrap_or_default(),
                in_force_iso: fm.in_force.map(|d| d.to_string()).unwrap_or_default(),
                status: fm.status.clone().unwrap_or_default(),
                requires: fm.requires.clone().unwrap_or_default(),
                official_url: fm.official_url.clone().unwrap_or_default(),
            }),
            case_study: (page.kind == Kind::CaseStudy).then(|| CaseStudyCtx {
                institution: fm.institution.clone().unwrap_or_default(),
                year: fm.year,
            }),
            triage: (page.kind == Kind::Decision)
                .then(|| kinds::triage::triage_ctx(&self.config.url_prefix, page)),
            contact: (page.kind == Kind::Contact)
                .then(|| self.contacts.get(page.contact_id()).cloned())
                .flatten(),
            extra: &fm.extra,
            related,
            related_written,
        }
    }

    pub(crate) fn breadcrumbs(&self, i: usize) -> Vec<Crumb> {
        let page = &self.site.pages[i];
        let mut chain = self.site.ancestry(i);
        if page.is_index {
            chain.pop();
        }
        chain
            .into_iter()
            .map(|s| {
                let p = &self.site.pages[self.site.sections[s].index];
                Crumb {
                    title: if p.kind == Kind::Home {
                        "Home".into()
                    } else {
                        p.nav_title().to_string()
                    },
                    url: self.url(p),
                }
            })
            .collect()
    }

    /// Whether this is the current site (not an archived edition): only it has feeds
    /// and printable sections.
    fn is_current(&self) -> bool {
        self.editions.is_none_or(|(_, reading)| reading == 0)
    }

    fn section_ctx(&self, s: usize) -> SectionCtx {
        let sec = &self.site.sections[s];
        let own = |path: Option<String>| match path {
            Some(p) if self.is_current() => format!("{}{p}", self.config.url_prefix),
            _ => String::new(),
        };
        let index_path = &self.site.pages[sec.index].path;
        let item = |p: &Page| super::tags::list_item(&self.config.url_prefix, p);
        SectionCtx {
            pages: sec
                .pages
                .iter()
                .map(|&i| item(&self.site.pages[i]))
                .collect(),
            subsections: sec
                .subsections
                .iter()
                .map(|&c| item(&self.site.pages[self.site.sections[c].index]))
                .collect(),
            feed: own((s != 0).then(|| atom::feed_path(index_path))),
            print: own(super::print::path(self.site, s)),
        }
    }
}

/// The most recent change notes across the site, newest first.
fn latest_changes(config: &Config, site: &Site, n: usize) -> Vec<LatestChange> {
    let mut all: Vec<(Date, &str, &Page)> = site
        .pages
        .iter()
        .flat_map(|p| {
            p.fm.changes
                .iter()
                .map(move |c| (c.date, c.note.as_str(), p))
        })
        .collect();
    all.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.title.cmp(&b.2.title)));
    all.into_iter()
        .take(n)
        .map(|(d, note, p)| LatestChange {
            date: d.human(),
            date_iso: d.to_string(),
            note: note.to_string(),
            title: p.title.clone(),
            url: format!("{}{}", config.url_prefix, p.path),
        })
        .collect()
}
