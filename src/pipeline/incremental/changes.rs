//! Sorting changed paths by what they can affect: a content file (page or asset), a
//! template, a static file, the configuration, or nothing guidebook reads. What is
//! content is decided by `content::walk`'s own rules, so the preview and a full build
//! agree.
//!
//! Input: the site's [`Config`] and paths reported by the file watcher. Output:
//! [`Change`]s. Pure except for asking whether a path is a folder.

use std::path::{Component, Path};

use crate::config::{CONFIG_FILE, Config};
use crate::content::walk;

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
        let dir = config.content_dir.join(first);
        if walk::is_site_folder(&dir, first) || walk::is_output_folder(&dir, first) {
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
                if walk::is_skipped_name(&n) {
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

    #[test]
    fn a_bare_folder_of_pages_named_like_a_site_folder_is_content_as_the_walk_says() {
        let t = tempfile::tempdir().unwrap();
        let docs = t.path().join("templates");
        std::fs::create_dir(&docs).unwrap();
        std::fs::write(docs.join("404.md"), "# Not found page docs\n").unwrap();
        let c = Config::resolve(t.path(), Settings::default(), false);
        let walked = crate::content::walk::walk(&c.content_dir, c.is_bare(), &[]).unwrap();
        assert_eq!(walked.pages, ["templates/404.md"]);
        assert_eq!(
            classify(&c, &docs.join("404.md")),
            Change::Content("templates/404.md".into())
        );
        assert_eq!(
            classify(&c, &t.path().join("editions/x.md")),
            Change::Ignored
        );
    }
}
