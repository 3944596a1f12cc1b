//! Links: a link to a page that does not exist, to a `#heading` that is not on its
//! target page, or to a local file that is not there.

use crate::config::{Config, Level};
use crate::content::Site;
use crate::content::urls::Target;
use crate::error::{Diagnostic, Severity};
use crate::render::markdown::{LinkRef, Rendered};

pub fn check(config: &Config, site: &Site, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, r) in rendered.iter().enumerate() {
        let page = &site.pages[i];
        for link in &r.links {
            if let Some(d) = check_link(config, site, rendered, i, link) {
                out.push(d.at(
                    &page.text,
                    link.line,
                    link.column,
                    link.dest.chars().count(),
                ));
            }
        }
    }
    out
}

fn level_severity(level: Level) -> Option<Severity> {
    match level {
        Level::Error => Some(Severity::Error),
        Level::Warning => Some(Severity::Warning),
        Level::Ignore => None,
    }
}

fn check_link(
    config: &Config,
    site: &Site,
    rendered: &[Rendered],
    from: usize,
    link: &LinkRef,
) -> Option<Diagnostic> {
    let path = &site.pages[from].display_path;
    match &link.target {
        Target::Page { rel, anchor } => {
            let Some(target) = find_page(site, rel) else {
                let sev = level_severity(config.broken_link_level())?;
                let shown = config.display_path(&config.content_dir.join(rel));
                return Some(
                    Diagnostic::new(sev, "broken-link", path)
                        .message(format!(
                            "link to `{}`, but there is no page {shown}",
                            link.dest
                        ))
                        .hint(broken_hint(site, rel)),
                );
            };
            let anchor = anchor.as_deref().filter(|a| !a.is_empty())?;
            missing_anchor(config, site, rendered, target, anchor, path, &link.dest)
        }
        Target::Anchor(a) if !a.is_empty() => {
            missing_anchor(config, site, rendered, from, a, path, &link.dest)
        }
        Target::File(rel) if !site.has_asset(rel) => {
            let what = if link.is_image {
                "image"
            } else {
                "linked file"
            };
            let sev = level_severity(config.broken_link_level())?;
            Some(
                Diagnostic::new(sev, "missing-file", path)
                    .message(format!("{what} `{}` does not exist", link.dest))
                    .hint(format!(
                        "put the file at {} or correct the path",
                        config.display_path(&config.content_dir.join(rel))
                    )),
            )
        }
        _ => None,
    }
}

fn find_page(site: &Site, rel: &str) -> Option<usize> {
    site.by_rel.get(rel).copied().or_else(|| {
        let alt = rel
            .strip_suffix("_index.md")
            .map(|d| format!("{d}index.md"))?;
        site.by_rel.get(&alt).copied()
    })
}

fn missing_anchor(
    config: &Config,
    site: &Site,
    rendered: &[Rendered],
    target: usize,
    anchor: &str,
    path: &str,
    dest: &str,
) -> Option<Diagnostic> {
    if rendered[target].anchors.contains(anchor) {
        return None;
    }
    let sev = level_severity(config.settings.links.missing_anchor)?;
    let page = &site.pages[target];
    let mut ids: Vec<&String> = rendered[target].anchors.iter().collect();
    ids.sort();
    let candidates: Vec<&str> = ids.iter().map(|s| s.as_str()).collect();
    let hint = match crate::error::did_you_mean(anchor, &candidates) {
        Some(s) => format!("did you mean `#{s}`?"),
        None if candidates.is_empty() => {
            format!("{} has no headings to link to", page.display_path)
        }
        None => format!(
            "headings on that page: {}",
            candidates
                .iter()
                .take(8)
                .map(|c| format!("#{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Some(
        Diagnostic::new(sev, "missing-anchor", path)
            .message(format!(
                "link to `{dest}`, but {} has no heading with id `{anchor}`",
                page.display_path
            ))
            .hint(hint),
    )
}

fn broken_hint(site: &Site, rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let same_name: Vec<&str> = site
        .pages
        .iter()
        .filter(|p| p.file.is_some() && p.rel.rsplit('/').next() == Some(name))
        .map(|p| p.rel.as_str())
        .collect();
    match same_name.first() {
        Some(r) => format!("did you mean `@/{r}`?"),
        None => "check the path: links are relative to this file, or start with `@/` for the content folder".into(),
    }
}
