//! The listings a section page shows when its pages are all of one kind: the contacts
//! directory, the legislation register and the case-study index.
//!
//! Input: the site, the section's pages (in reading order) and the contacts' cards.
//! Output: the contexts in `render/context/kinds.rs`. Pure.

use std::collections::{BTreeMap, HashMap};

use crate::config::Config;
use crate::content::urls::slugify;
use crate::content::{Page, Site};
use crate::render::context::ContactCtx;
use crate::render::context::kinds::*;

/// The faculty group of contacts that name none.
pub const CENTRAL: &str = "Central services";

fn url(config: &Config, p: &Page) -> String {
    format!("{}{}", config.url_prefix, p.path)
}

/// Groups in first-seen order, each keyed case-insensitively.
struct Groups {
    order: Vec<String>,
    by_key: HashMap<String, (String, Vec<LinkCtx>)>,
}

impl Groups {
    fn new() -> Groups {
        Groups {
            order: Vec::new(),
            by_key: HashMap::new(),
        }
    }

    fn add(&mut self, name: &str, link: LinkCtx) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let key = name.to_lowercase();
        let slot = self.by_key.entry(key.clone()).or_insert_with(|| {
            self.order.push(key);
            (name.to_string(), Vec::new())
        });
        if !slot.1.contains(&link) {
            slot.1.push(link);
        }
    }

    /// The groups, in first-seen order, or sorted by name when `sorted`.
    fn finish(mut self, id_prefix: &str, sorted: bool) -> Vec<GroupCtx> {
        if sorted {
            self.order.sort();
        }
        self.order
            .iter()
            .filter_map(|k| self.by_key.remove(k))
            .map(|(name, links)| GroupCtx {
                id: format!("{id_prefix}-{}", slugify(&name)),
                name,
                links,
            })
            .collect()
    }
}

/// The directory of the contacts among `pages`.
pub fn directory(
    site: &Site,
    pages: &[usize],
    cards: &HashMap<String, ContactCtx>,
) -> DirectoryCtx {
    let contacts: Vec<&ContactCtx> = pages
        .iter()
        .filter_map(|&i| cards.get(site.pages[i].contact_id()))
        .collect();
    let mut teams: Vec<TeamCtx> = Vec::new();
    let mut faculties = Groups::new();
    let mut topics = Groups::new();
    for c in &contacts {
        let link = LinkCtx {
            title: c.name.clone(),
            url: c.url.clone(),
        };
        let faculty = if c.faculty.trim().is_empty() {
            CENTRAL.to_string()
        } else {
            c.faculty.trim().to_string()
        };
        faculties.add(&faculty, link.clone());
        for t in &c.topics {
            topics.add(t, link.clone());
        }
        let entry = DirectoryEntry {
            contact: (*c).clone(),
            faculty,
            topics: c
                .topics
                .iter()
                .map(|t| t.trim().to_lowercase())
                .collect::<Vec<_>>()
                .join("|"),
        };
        let team = if c.team.trim().is_empty() {
            "Other contacts"
        } else {
            c.team.trim()
        };
        match teams.iter_mut().find(|t| t.name == team) {
            Some(t) => t.entries.push(entry),
            None => teams.push(TeamCtx {
                id: format!("team-{}", slugify(team)),
                name: team.to_string(),
                entries: vec![entry],
            }),
        }
    }
    let mut faculties = faculties.finish("faculty", true);
    // Central services last: readers look for their own faculty first.
    faculties.sort_by_key(|g| g.name == CENTRAL);
    DirectoryCtx {
        count: contacts.len(),
        teams,
        faculties,
        topics: topics.finish("topic", true),
    }
}

/// The legislation register: one row per legislation page among `pages`.
pub fn register(config: &Config, site: &Site, pages: &[usize]) -> Vec<RegisterRow> {
    pages
        .iter()
        .map(|&i| &site.pages[i])
        .map(|p| {
            let fm = &p.fm;
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            RegisterRow {
                title: p.title.clone(),
                url: url(config, p),
                short_name: fm.short_name.clone().unwrap_or_else(|| p.title.clone()),
                department: text(&fm.department),
                requires: text(&fm.requires),
                status: text(&fm.status),
                in_force: fm.in_force.map(|d| d.human()).unwrap_or_default(),
                in_force_iso: fm.in_force.map(|d| d.to_string()).unwrap_or_default(),
                reviewed: fm.reviewed.map(|d| d.human()).unwrap_or_default(),
                reviewed_iso: fm.reviewed.map(|d| d.to_string()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The case-study index: a table and the same pages by institution, year and topic.
pub fn case_studies(config: &Config, site: &Site, pages: &[usize]) -> CaseStudiesCtx {
    let mut by_institution = Groups::new();
    let mut by_topic = Groups::new();
    let mut by_year: BTreeMap<i64, Vec<LinkCtx>> = BTreeMap::new();
    let mut rows = Vec::new();
    for &i in pages {
        let p = &site.pages[i];
        let link = LinkCtx {
            title: p.title.clone(),
            url: url(config, p),
        };
        let institution = p.fm.institution.clone().unwrap_or_default();
        by_institution.add(&institution, link.clone());
        for t in &p.fm.topics {
            by_topic.add(t, link.clone());
        }
        if let Some(y) = p.fm.year {
            by_year.entry(y).or_default().push(link.clone());
        }
        rows.push(CaseStudyRow {
            title: link.title,
            url: link.url,
            summary: p.summary().to_string(),
            institution,
            year: p.fm.year,
            topics: p.fm.topics.clone(),
        });
    }
    rows.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.title.cmp(&b.title)));
    CaseStudiesCtx {
        rows,
        by_institution: by_institution.finish("institution", true),
        by_year: by_year
            .into_iter()
            .rev()
            .map(|(y, links)| GroupCtx {
                name: y.to_string(),
                id: format!("year-{y}"),
                links,
            })
            .collect(),
        by_topic: by_topic.finish("topic", true),
    }
}
