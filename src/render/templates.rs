//! Templates with tera 2: the site's `templates/` override the theme's
//! `themes/<theme>/templates/`, which override the default theme built into the binary,
//! so guidebook works from any folder. Compiled once per build.
//!
//! Input: the configured folders. Output: a [`Templates`] that renders by name, or an
//! [`Error::Template`] naming the template file and line. Reads template files; writes
//! nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Error, Result};

/// The default theme, built in. The same files live in `themes/default/templates/`.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "section.html",
        include_str!("../../themes/default/templates/section.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "review.html",
        include_str!("../../themes/default/templates/review.html"),
    ),
    (
        "sitemap.html",
        include_str!("../../themes/default/templates/sitemap.html"),
    ),
    (
        "tags.html",
        include_str!("../../themes/default/templates/tags.html"),
    ),
    (
        "tag.html",
        include_str!("../../themes/default/templates/tag.html"),
    ),
    (
        "redirect.html",
        include_str!("../../themes/default/templates/redirect.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "contacts.html",
        include_str!("../../themes/default/templates/contacts.html"),
    ),
    (
        "legislation-register.html",
        include_str!("../../themes/default/templates/legislation-register.html"),
    ),
    (
        "case-studies.html",
        include_str!("../../themes/default/templates/case-studies.html"),
    ),
    (
        "triage-question.html",
        include_str!("../../themes/default/templates/triage-question.html"),
    ),
    (
        "triage-outcome.html",
        include_str!("../../themes/default/templates/triage-outcome.html"),
    ),
    (
        "partials/link-groups.html",
        include_str!("../../themes/default/templates/partials/link-groups.html"),
    ),
    (
        "partials/triage-so-far.html",
        include_str!("../../themes/default/templates/partials/triage-so-far.html"),
    ),
    (
        "partials/triage-start.html",
        include_str!("../../themes/default/templates/partials/triage-start.html"),
    ),
    (
        "partials/contact-card.html",
        include_str!("../../themes/default/templates/partials/contact-card.html"),
    ),
    (
        "partials/page-list.html",
        include_str!("../../themes/default/templates/partials/page-list.html"),
    ),
    (
        "section-print.html",
        include_str!("../../themes/default/templates/section-print.html"),
    ),
    (
        "partials/section-links.html",
        include_str!("../../themes/default/templates/partials/section-links.html"),
    ),
    (
        "changes.html",
        include_str!("../../themes/default/templates/changes.html"),
    ),
    (
        "partials/change-set.html",
        include_str!("../../themes/default/templates/partials/change-set.html"),
    ),
    (
        "partials/edition-banner.html",
        include_str!("../../themes/default/templates/partials/edition-banner.html"),
    ),
    (
        "partials/edition-switcher.html",
        include_str!("../../themes/default/templates/partials/edition-switcher.html"),
    ),
];

/// Where a template came from, for error messages.
#[derive(Debug, Clone)]
struct Origin {
    shown_as: String,
}

pub struct Templates {
    tera: tera::Tera,
    origins: BTreeMap<String, Origin>,
    /// A hash of every template's name and text (keys caches of rendered output).
    fingerprint: String,
}

impl Templates {
    /// Load the three layers and compile them together.
    pub fn load(config: &Config) -> Result<Templates> {
        let mut sources: BTreeMap<String, (String, Origin)> = EMBEDDED
            .iter()
            .map(|(name, src)| {
                let origin = Origin {
                    shown_as: format!("themes/default/templates/{name} (built in)"),
                };
                (name.to_string(), (src.to_string(), origin))
            })
            .collect();
        for dir in [
            config.theme_dir.join("templates"),
            config.templates_dir.clone(),
        ] {
            for (name, path) in template_files(&dir)? {
                let src = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
                let origin = Origin {
                    shown_as: config.display_path(&path),
                };
                sources.insert(name, (src, origin));
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let origins: BTreeMap<String, Origin> = sources
            .iter()
            .map(|(n, (_, o))| (n.clone(), o.clone()))
            .collect();
        let result =
            tera.add_raw_templates(sources.iter().map(|(n, (s, _))| (n.as_str(), s.as_str())));
        let mut hasher = blake3::Hasher::new();
        for (name, (src, _)) in &sources {
            for part in [name.as_str(), src.as_str()] {
                hasher.update(&(part.len() as u64).to_le_bytes());
                hasher.update(part.as_bytes());
            }
        }
        let fingerprint = hasher.finalize().to_hex().to_string();
        let templates = Templates {
            tera,
            origins,
            fingerprint,
        };
        result.map_err(|e| templates.error(&e))?;
        Ok(templates)
    }

    /// A hash of every template's name and text.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Render template `name` with `context`.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera.render(name, context).map_err(|e| self.error(&e))
    }

    /// Turn a tera error into one that names the template file and line.
    fn error(&self, e: &tera::Error) -> Error {
        use tera::ErrorKind;
        let (name, line, column, message) = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let span = r.span();
                (
                    r.filename().to_string(),
                    span.start_line,
                    span.start_col + 1,
                    r.message().to_string(),
                )
            }
            other => report_location(&other.to_string())
                .unwrap_or_else(|| (String::new(), 0, 0, other.to_string())),
        };
        let path = self
            .origins
            .get(&name)
            .map(|o| o.shown_as.clone())
            .unwrap_or(if name.is_empty() {
                "templates".into()
            } else {
                name
            });
        Error::Template {
            path,
            line,
            column,
            message,
        }
    }
}

/// The template, line, column and message of a report tera gives as plain text (its
/// checks of unknown filters, tests, functions and includes):
/// `error: Unknown filter `x`\n --> page.html:1:17\n...`. The first problem only.
fn report_location(text: &str) -> Option<(String, usize, usize, String)> {
    let mut lines = text.lines();
    let message = lines.next()?.trim();
    let message = message.strip_prefix("error:").unwrap_or(message).trim();
    let at = lines.next()?.trim().strip_prefix("-->")?.trim();
    let mut parts = at.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let name = parts.next()?.to_string();
    Some((name, line, column, message.to_string()))
}

/// Every file under `dir`, named by its path relative to `dir`.
fn template_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::read(dir, e.into()))?;
        if entry.file_type().is_file() && !entry.file_name().to_string_lossy().starts_with('.') {
            let name = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            out.push((name, entry.path().to_path_buf()));
        }
    }
    Ok(out)
}
