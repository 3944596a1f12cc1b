//! Tags and related pages as readers see them: a page's tags as links, its related
//! pages (chosen by `content::tags`, leaving out those its own "Related pages"
//! section already links to), and the tag pages, `/tags/` and `/tags/<slug>/`.
//!
//! Input: the site's [`TagIndex`](crate::content::tags::TagIndex), a page's rendered
//! Markdown (its headings and links). Output: template data and the tag pages' HTML,
//! each with the path to write it at. No IO.

use rayon::prelude::*;

use super::Renderer;
use super::context::{Crumb, ListItem, TagCtx, TagLink};
use super::markdown::Rendered;
use crate::content::tags::{FOLDER, RELATED, Tag};
use crate::content::urls::Target;
use crate::content::{Page, Site};
use crate::error::Result;

/// Headings (case aside) that start a related-pages section written by hand.
const WRITTEN_HEADINGS: &[&str] = &["related pages", "related", "see also"];

/// A page as a listing shows it.
pub fn list_item(prefix: &str, p: &Page) -> ListItem {
    ListItem {
        title: p.nav_title().to_string(),
        url: format!("{prefix}{}", p.path),
        summary: p.summary().to_string(),
        kind: p.kind.name(),
        kind_label: p.kind.label(),
    }
}

/// Page `page`'s tags, one per tag, each with its tag page when there is one.
pub fn tag_links(site: &Site, prefix: &str, page: &Page) -> Vec<TagLink> {
    let mut out: Vec<TagLink> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for word in &page.fm.tags {
        let link = match site.tags.tag(word) {
            Some(tag) => TagLink {
                name: tag.name.clone(),
                url: if site.tags.pages {
                    format!("{prefix}{}", tag.path())
                } else {
                    String::new()
                },
            },
            None => TagLink {
                name: word.trim().to_string(),
                url: String::new(),
            },
        };
        if !link.name.is_empty() && !seen.contains(&link.name) {
            seen.push(link.name.clone());
            out.push(link);
        }
    }
    out
}

/// The related pages of page `i` (with its rendered Markdown `md`), and whether its
/// text has a related-pages section of its own.
pub fn related(site: &Site, prefix: &str, i: usize, md: &Rendered) -> (Vec<ListItem>, bool) {
    if site.pages[i].is_index {
        return (Vec::new(), false);
    }
    let written = written_related(site, md);
    let exclude = written.as_deref().unwrap_or_default();
    let items = site
        .tags
        .related(i, exclude, RELATED)
        .into_iter()
        .map(|p| list_item(prefix, &site.pages[p]))
        .collect();
    (items, written.is_some())
}

/// The pages the section under the first "Related pages" (or "Related", "See also")
/// heading links to, up to the next heading of its level or above; `None` when the
/// page has no such heading.
fn written_related(site: &Site, md: &Rendered) -> Option<Vec<usize>> {
    let k = md
        .headings
        .iter()
        .position(|h| WRITTEN_HEADINGS.contains(&h.trim().to_lowercase().as_str()))?;
    let (level, start) = md.heading_levels[k];
    let end = md.heading_levels[k + 1..]
        .iter()
        .find(|(l, _)| *l <= level)
        .map_or(usize::MAX, |&(_, line)| line);
    let pages = md
        .links
        .iter()
        .filter(|l| !l.is_image && (start..end).contains(&l.line))
        .filter_map(|l| match &l.target {
            Target::Page { rel, .. } => page_index(site, rel),
            _ => None,
        })
        .collect();
    Some(pages)
}

/// The page at content path `rel` (`a/_index.md` and `a/index.md` alike).
fn page_index(site: &Site, rel: &str) -> Option<usize> {
    site.by_rel.get(rel).copied().or_else(|| {
        let alt = match rel.strip_suffix("_index.md") {
            Some(dir) => format!("{dir}index.md"),
            None => rel
                .strip_suffix("index.md")
                .map(|d| format!("{d}_index.md"))?,
        };
        site.by_rel.get(&alt).copied()
    })
}

/// Render every tag page and give each to `write` with the file it goes to
/// (`tags/index.html`, ...): those of
/// [`TagIndex::page_paths`](crate::content::tags::TagIndex::page_paths). The tags'
/// pages are rendered in parallel and each is written as soon as it is done, so a
/// large site never holds them all.
pub fn pages(
    renderer: &Renderer<'_>,
    write: &(dyn Fn(&str, &str) -> Result<()> + Sync),
) -> Result<()> {
    let site = renderer.site;
    if site.tags.page_paths().is_empty() {
        return Ok(());
    }
    let prefix = &renderer.config.url_prefix;
    let home = Crumb {
        title: "Home".into(),
        url: prefix.clone(),
    };
    let tags: Vec<TagCtx> = site
        .tags
        .tags
        .iter()
        .map(|t| tag_ctx(site, prefix, t, false))
        .collect();
    let index = renderer.generated_html_in(
        "tags.html",
        "Tags",
        "Every tag used on this site, with the number of pages that have it.",
        std::slice::from_ref(&home),
        "tags",
        &serde_json::to_value(&tags).unwrap_or_default(),
    )?;
    write(&format!("{FOLDER}index.html"), &index)?;
    let crumbs = [
        home,
        Crumb {
            title: "Tags".into(),
            url: format!("{prefix}{FOLDER}"),
        },
    ];
    site.tags.tags.par_iter().try_for_each(|t| {
        let ctx = tag_ctx(site, prefix, t, true);
        let count = match ctx.count {
            1 => "1 page has".to_string(),
            n => format!("{n} pages have"),
        };
        let html = renderer.generated_html_in(
            "tag.html",
            &format!("Pages tagged “{}”", t.name),
            &format!("{count} the tag “{}”.", t.name),
            &crumbs,
            "tag",
            &serde_json::to_value(&ctx).unwrap_or_default(),
        )?;
        write(&format!("{}index.html", t.path()), &html)
    })
}

fn tag_ctx(site: &Site, prefix: &str, t: &Tag, with_pages: bool) -> TagCtx {
    TagCtx {
        name: t.name.clone(),
        slug: t.slug.clone(),
        url: format!("{prefix}{}", t.path()),
        count: t.pages.len(),
        pages: if with_pages {
            t.pages
                .iter()
                .map(|&i| list_item(prefix, &site.pages[i]))
                .collect()
        } else {
            Vec::new()
        },
    }
}
