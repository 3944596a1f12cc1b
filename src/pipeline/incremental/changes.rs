//! Sorting changed paths by what they can affect: a content file (page or asset), a
//! template, a static file, the configuration, or nothing guidebook reads. The rules
//! mirror `content::walk`, so the preview and a full build agree on what is content.
//!
//! Input: the site's [`Config`] and paths reported by the file watcher. Output:
//! [`Change`]s. Pure except for asking whether a path is a folder.

use std::path::{Component, Path};

use crate::config::{CONFIG_FILE, Config};

/// What a changed path is to the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// A path under the content folder (a page, an asset, or a folder of them),
    /// relative to it and `/`-separated; `""` for the content folder itself.
    Content(String),
    /// Under `templates/` or the theme's `templates/`.
    Template,
    /// Under `static/` or the theme's `static/`.
    Static,
    /// `guidebook.toml`.
    Config,
    /// Anything else (editor backups in hidden files, the output folder, `.git`).
    Ignored,
}

/// Folders never read as content, wherever they are (as in `content::walk`).
const ALWAYS_SKIP: &[&str] = &["node_modules", "target"];
/// A bare site's own folders, which are not content.
const SITE_FOLDERS: &[&str] = &["public", "templates", "static", "themes", "editions"];

/// Classify one changed path (absolute, or relative to the working folder).
pub fn classify(config: &Config, path: &Path) -> Change {
    let root = &config.root;
    if path == root.join(CONFIG_FILE) {
        return Change::Config;
    }
    let theme = &config.theme_dir;
    if under(path, &config.templates_dir) || under(path, &theme.join("templates")) {
        return visible(path, &config.root).map_or(Change::Ignored, |_| Change::Template);
    }
    if under(path, &config.static_dir) || under(path, &theme.join("static")) {
        return visible(path, &config.root).map_or(Change::Ignored, |_| Change::Static);
    }
    let Ok(rel) = path.strip_prefix(&config.content_dir) else {
        return Change::Ignored;
    };
    if rel.as_os_str().is_empty() && !config.is_bare() {
        // the content folder itself went away or came back: read all of it again
        return Change::Content(String::new());
    }
    let Some(parts) = visible(rel, Path::new("")) else {
        return Change::Ignored;
    };
    if parts.is_empty() {
        return Change::Ignored;
    }
    if config.is_bare() {
        let first = parts[0].as_str();
        if first == CONFIG_FILE && parts.len() == 1 {
            return Change::Config;
        }
        if SITE_FOLDERS.contains(&first)
            || first.starts_with("public.guidebook-")
            || crate::content::walk::is_output(&config.content_dir.join(first))
        {
            return Change::Ignored;
        }
    }
    Change::Content(parts.join("/"))
}

/// The components of `path` below `base`, unless one is hidden or always skipped.
fn visible(path: &Path, base: &Path) -> Option<Vec<String>> {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(n) => {
                let n = n.to_string_lossy();
                if n.starts_with('.') || ALWAYS_SKIP.contains(&n.as_ref()) {
                    return None;
                }
                parts.push(n.into_owned());
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts)
}

fn under(path: &Path, dir: &Path) -> bool {
    path.starts_with(dir)
}

/// Whether a content path names a page (by extension, as `content::walk` decides).
pub fn is_page(rel: &str) -> bool {
    rel.ends_with(".md") || rel.ends_with(".markdown")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn site(bare: bool) -> (tempfile::TempDir, Config) {
        let t = tempfile::tempdir().unwrap();
        if !bare {
            std::fs::create_dir(t.path().join("content")).unwrap();
        }
        let c = Config::resolve(t.path(), Settings::default(), !bare);
        (t, c)
    }

    #[test]
    fn sorts_paths_of_a_site() {
        let (t, c) = site(false);
        let r = t.path();
        assert_eq!(classify(&c, &r.join("guidebook.toml")), Change::Config);
        assert_eq!(
            classify(&c, &r.join("content/guidance/travel.md")),
            Change::Content("guidance/travel.md".into())
        );
        assert_eq!(
            classify(&c, &r.join("content/guidance/.travel.md.swp")),
            Change::Ignored
        );
        assert_eq!(
            classify(&c, &r.join("templates/page.html")),
            Change::Template
        );
        assert_eq!(
            classify(&c, &r.join("themes/default/templates/base.html")),
            Change::Template
        );
        assert_eq!(
            classify(&c, &r.join("themes/default/static/style.css")),
            Change::Static
        );
        assert_eq!(classify(&c, &r.join("static/docs/a.pdf")), Change::Static);
        assert_eq!(classify(&c, &r.join("public/index.html")), Change::Ignored);
        assert_eq!(classify(&c, &r.join(".git/index")), Change::Ignored);
        assert!(is_page("a/b.md") && !is_page("a/b.png"));
    }

    #[test]
    fn bare_sites_skip_their_own_folders() {
        let (t, c) = site(true);
        let r = t.path();
        assert_eq!(
            classify(&c, &r.join("notes.md")),
            Change::Content("notes.md".into())
        );
        assert_eq!(classify(&c, &r.join("public/index.html")), Change::Ignored);
        assert_eq!(
            classify(&c, &r.join("node_modules/x/readme.md")),
            Change::Ignored
        );
        assert_eq!(classify(&c, &r.join("guidebook.toml")), Change::Config);
    }
}
