//! Sections: group pages by folder, make up index pages for folders without one,
//! order listings, inherit visibility, and catch two pages claiming one URL.

use std::collections::{BTreeSet, HashMap};

use super::urls::humanise;
use super::{Asset, FrontMatter, Kind, Page, Section, Site};
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics};

pub(crate) fn assemble(
    config: &Config,
    mut pages: Vec<Page>,
    assets: Vec<Asset>,
    diags: &mut Diagnostics,
) -> Site {
    let dirs = section_dirs(&pages);
    if config.is_lenient() {
        super::bare::adopt(config, &mut pages, &dirs, diags);
    }
    let mut sections: Vec<Section> = Vec::with_capacity(dirs.len());
    let mut dir_index: HashMap<String, usize> = HashMap::new();
    for dir in &dirs {
        let parent = parent_dir(dir).map(|p| dir_index[p]);
        dir_index.insert(dir.clone(), sections.len());
        sections.push(Section {
            dir: dir.clone(),
            index: usize::MAX,
            parent,
            pages: Vec::new(),
            subsections: Vec::new(),
        });
    }
    // index pages first, so each section knows its index
    for (i, p) in pages.iter_mut().enumerate() {
        let s = dir_index[p.index_of.as_deref().unwrap_or(dir_of(&p.rel))];
        p.section = s;
        if p.is_index {
            if sections[s].index == usize::MAX {
                sections[s].index = i;
            } else {
                p.is_index = false;
            }
        }
    }
    for (s, sec) in sections.iter_mut().enumerate() {
        if sec.index == usize::MAX {
            sec.index = pages.len();
            pages.push(made_up_index(config, &sec.dir, s));
        }
    }
    for (i, p) in pages.iter().enumerate() {
        if !p.is_index && !p.fm.hidden {
            sections[p.section].pages.push(i);
        }
    }
    for s in 1..sections.len() {
        if let Some(parent) = sections[s].parent {
            sections[parent].subsections.push(s);
        }
    }
    if config.is_lenient() {
        super::bare::aliases(config, &mut pages, diags);
    }
    inherit_visibility(config, &mut pages, &sections);
    for s in &mut sections {
        s.pages
            .sort_by(|&a, &b| order_key(&pages[a]).cmp(&order_key(&pages[b])));
    }
    let index_of: Vec<usize> = sections.iter().map(|s| s.index).collect();
    for s in &mut sections {
        s.subsections
            .sort_by(|&a, &b| order_key(&pages[index_of[a]]).cmp(&order_key(&pages[index_of[b]])));
    }
    check_duplicate_urls(config, &pages, diags);
    if config.is_lenient() {
        diags.soften();
    }
    let mut by_rel: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel.clone(), i))
        .collect();
    for (i, p) in pages.iter().enumerate() {
        if let Some(dir) = &p.index_of {
            let index = match dir.as_str() {
                "" => "_index.md".to_string(),
                d => format!("{d}/_index.md"),
            };
            by_rel.entry(index).or_insert(i);
        }
    }
    let by_path = pages
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| (p.path.clone(), i))
        .collect();
    let assets = if config.is_lenient() {
        super::bare::assets(assets, &pages, diags)
    } else {
        assets
    };
    let contacts = contact_map(&pages);
    let asset_rels = assets.iter().map(|a: &Asset| a.rel.clone()).collect();
    let tags = super::tags::TagIndex::build(&pages);
    Site {
        pages,
        sections,
        assets,
        by_rel,
        by_path,
        vars: super::bare::site_vars(config),
        contacts,
        asset_rels,
        dropped: Default::default(),
        tags,
    }
}

/// Every folder that holds a page, with all its ancestors, parents before children.
fn section_dirs(pages: &[Page]) -> Vec<String> {
    let mut dirs = BTreeSet::new();
    dirs.insert(String::new());
    for p in pages {
        let mut d = dir_of(&p.rel);
        while !d.is_empty() {
            dirs.insert(d.to_string());
            d = parent_dir(d).unwrap_or("");
        }
    }
    let mut v: Vec<String> = dirs.into_iter().collect();
    v.sort_by_key(|d| {
        (
            d.matches('/').count() + usize::from(!d.is_empty()),
            d.clone(),
        )
    });
    v
}

fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

fn parent_dir(dir: &str) -> Option<&str> {
    if dir.is_empty() {
        None
    } else {
        Some(dir_of(dir))
    }
}

fn made_up_index(config: &Config, dir: &str, section: usize) -> Page {
    let shown = config.display_path(&config.content_dir.join(dir));
    let shown = if shown.is_empty() { "./".into() } else { shown };
    let (rel, title, kind) = if dir.is_empty() {
        ("_index.md".to_string(), config.title(), Kind::Home)
    } else {
        let last = dir.rsplit('/').next().unwrap_or(dir);
        (format!("{dir}/_index.md"), humanise(last), Kind::Section)
    };
    Page {
        path: super::urls::page_path(&rel, None),
        display_path: shown,
        rel,
        file: None,
        text: String::new(),
        body_offset: 0,
        body_line: 1,
        kind,
        title,
        title_from_heading: false,
        fm: FrontMatter::default(),
        description: String::new(),
        section,
        is_index: true,
        index_of: None,
        visibility: config.settings.default_visibility,
        has_errors: false,
    }
}

/// A page's visibility is its own, else its section's (inherited down the folders),
/// else the site default.
fn inherit_visibility(config: &Config, pages: &mut [Page], sections: &[Section]) {
    let mut section_vis = vec![config.settings.default_visibility; sections.len()];
    for (s, sec) in sections.iter().enumerate() {
        let inherited = sec
            .parent
            .map(|p| section_vis[p])
            .unwrap_or(config.settings.default_visibility);
        section_vis[s] = pages[sec.index].fm.visibility.unwrap_or(inherited);
    }
    for p in pages.iter_mut() {
        p.visibility = if p.is_index {
            section_vis[p.section]
        } else {
            p.fm.visibility.unwrap_or(section_vis[p.section])
        };
    }
}

fn order_key(p: &Page) -> (i64, String) {
    (p.fm.weight.unwrap_or(i64::MAX / 2), p.title.to_lowercase())
}

fn check_duplicate_urls(config: &Config, pages: &[Page], diags: &mut Diagnostics) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        if let Some(&first) = seen.get(&p.path) {
            let other = &pages[first];
            diags.push(
                Diagnostic::error(
                    "duplicate-url",
                    &p.display_path,
                    format!(
                        "this page's URL {}{} is also the URL of {}",
                        config.url_prefix, p.path, other.display_path
                    ),
                )
                .hint("rename one of the files, or give one a different `slug`")
                .at(&p.text, url_line(p).0, url_line(p).1, 1),
            );
        } else {
            seen.insert(p.path.clone(), i);
        }
    }
    for p in pages {
        for alias in &p.fm.aliases {
            let a = super::urls::alias_path(alias);
            if let Some(&owner) = seen.get(&a) {
                let target = &pages[owner];
                let mut d = Diagnostic::error(
                    "duplicate-url",
                    &p.display_path,
                    format!(
                        "alias `{alias}` is the URL of {}, so it cannot redirect",
                        target.display_path
                    ),
                )
                .hint("remove the alias, or move the other page");
                if let Some((l, c)) = find_line(&p.text, alias) {
                    d = d.at(&p.text, l, c, alias.chars().count());
                }
                diags.push(d);
            }
        }
    }
}

/// Where a page's address is decided: its `permalink` or `slug` line, else line 1.
fn url_line(p: &Page) -> (usize, usize) {
    ["permalink", "slug"]
        .iter()
        .find_map(|k| {
            find_line(&p.text, &format!("{k} ")).or_else(|| find_line(&p.text, &format!("{k}:")))
        })
        .unwrap_or((1, 1))
}

fn find_line(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .find_map(|(i, l)| l.find(needle).map(|c| (i + 1, l[..c].chars().count() + 1)))
}

/// Build a contact id → page index map, diagnosing none (unknown ids are checked later).
pub(crate) fn contact_map(pages: &[Page]) -> HashMap<String, usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == Kind::Contact)
        .map(|(i, p)| (p.contact_id().to_string(), i))
        .collect()
}
