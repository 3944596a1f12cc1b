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
            if site.dropped.contains(rel) {
                let profile = config.profile_name.as_deref().unwrap_or("this");
                return Some(
                    Diagnostic::error(
                        "internal-link",
                        path,
                        format!(
                            "link to `{}`, an internal page that the {profile} profile leaves out",
                            link.dest
                        ),
                    )
                    .hint("remove the link, or make the target page public if it may be published"),
                );
            }
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
        Target::Outside => {
            let sev = level_severity(config.broken_link_level())?;
            Some(
                Diagnostic::new(sev, "outside-link", path)
                    .message(format!(
                        "link to `{}`, a file outside the content folder: guidebook never publishes it",
                        link.dest
                    ))
                    .hint("link to a page or file inside the content folder (`@/` starts from it), or to a web address"),
            )
        }
        Target::SiteAbsolute => site_absolute(config, site, link, path),
        Target::External => external(link, path),
        _ => None,
    }
}

/// A link to a path on this web server (`/guidance/travel/`): when it is under the
/// site's address, something the build writes must be there.
fn site_absolute(config: &Config, site: &Site, link: &LinkRef, path: &str) -> Option<Diagnostic> {
    let dest = link.dest.trim();
    let url_path = dest.split(['?', '#']).next().unwrap_or(dest);
    let rest = url_path
        .strip_prefix(config.url_prefix.as_str())
        .or_else(|| {
            (url_path.trim_end_matches('/') == config.url_prefix.trim_end_matches('/'))
                .then_some("")
        })?;
    if super::site_paths::published(config, site, rest) {
        return None;
    }
    let sev = level_severity(config.broken_link_level())?;
    Some(
        Diagnostic::new(sev, "broken-link", path)
            .message(format!(
                "link to `{dest}`, but the site has no page or file at that address"
            ))
            .hint("link to pages by their file (`@/guidance/travel.md`), so the link follows the page if its address changes"),
    )
}

/// A malformed web or mail address.
fn external(link: &LinkRef, path: &str) -> Option<Diagnostic> {
    let dest = link.dest.trim();
    if dest.starts_with('/') || dest.is_empty() {
        return None;
    }
    let scheme = dest.split(':').next().unwrap_or("").to_ascii_lowercase();
    let problem = match scheme.as_str() {
        "http" | "https" => match url::Url::parse(dest) {
            Ok(u)
                if u.host_str()
                    .is_some_and(|h| h.contains('.') || h == "localhost") =>
            {
                None
            }
            Ok(_) => Some("has no valid host name".to_string()),
            Err(e) => Some(format!("is not a valid address ({e})")),
        },
        "mailto" => (!dest.contains('@')).then(|| "has no @ in the email address".to_string()),
        "tel" | "ftp" | "sftp" | "data" | "urn" | "news" => None,
        other => crate::error::did_you_mean(other, &["https", "http", "mailto", "tel"])
            .map(|s| format!("starts with `{other}:`; did you mean `{s}:`?")),
    }?;
    Some(
        Diagnostic::warning(
            "external-url",
            path,
            format!("link to `{dest}`, which {problem}"),
        )
        .hint("check the address: open it in a browser and copy it from the address bar"),
    )
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
