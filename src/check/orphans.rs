//! Orphans: a page no reader can reach from the home page by following links,
//! section listings, contact cards or triage outcomes.

use std::collections::VecDeque;

use crate::content::urls::{Target, resolve};
use crate::content::{Page, Site};
use crate::error::Diagnostic;
use crate::render::markdown::Rendered;

pub fn check(site: &Site, rendered: &[Rendered]) -> Vec<Diagnostic> {
    if site.pages.is_empty() {
        return Vec::new();
    }
    let reached = reachable(site, rendered);
    site.pages
        .iter()
        .enumerate()
        .filter(|(i, p)| !reached[*i] && p.file.is_some())
        .map(|(_, p)| {
            Diagnostic::warning(
                "orphan",
                &p.display_path,
                "no page links to this one and it is in no listing, so readers cannot find it",
            )
            .hint(format!(
                "link to it from a related page with `[{}](@/{})`",
                p.title, p.rel
            ))
        })
        .collect()
}

/// Which pages can be reached from the home page.
fn reachable(site: &Site, rendered: &[Rendered]) -> Vec<bool> {
    let mut seen = vec![false; site.pages.len()];
    let home = site.sections[0].index;
    let mut queue = VecDeque::from([home]);
    seen[home] = true;
    while let Some(i) = queue.pop_front() {
        for next in edges(site, rendered, i) {
            if !seen[next] {
                seen[next] = true;
                queue.push_back(next);
            }
        }
    }
    seen
}

fn edges(site: &Site, rendered: &[Rendered], i: usize) -> Vec<usize> {
    let page = &site.pages[i];
    let mut out: Vec<usize> = Vec::new();
    for link in &rendered[i].links {
        if let Target::Page { rel, .. } = &link.target
            && let Some(t) = find(site, rel)
        {
            out.push(t);
        }
    }
    if page.is_index {
        let sec = &site.sections[page.section];
        out.extend(sec.pages.iter().copied());
        out.extend(sec.subsections.iter().map(|&s| site.sections[s].index));
    }
    out.extend(named_contacts(site, page, &rendered[i]));
    for outcome in &page.fm.outcomes {
        for p in &outcome.processes {
            if let Target::Page { rel, .. } = resolve(p, &page.rel)
                && let Some(t) = find(site, &rel)
            {
                out.push(t);
            }
        }
        out.extend(
            outcome
                .contacts
                .iter()
                .filter_map(|c| site.contacts.get(c).copied()),
        );
    }
    out
}

fn named_contacts<'a>(
    site: &'a Site,
    page: &'a Page,
    r: &'a Rendered,
) -> impl Iterator<Item = usize> + 'a {
    page.fm
        .owner
        .iter()
        .chain(page.fm.contacts.iter())
        .chain(r.cards.iter().map(|c| &c.id))
        .filter_map(|id| site.contacts.get(id).copied())
}

fn find(site: &Site, rel: &str) -> Option<usize> {
    site.by_rel.get(rel).copied().or_else(|| {
        let alt = rel
            .strip_suffix("_index.md")
            .map(|d| format!("{d}index.md"))?;
        site.by_rel.get(&alt).copied()
    })
}
