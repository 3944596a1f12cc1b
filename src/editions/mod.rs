//! Editions: frozen snapshots of `content/` under `editions/<id>/`, the registry that
//! lists them (`editions/editions.toml`), and what changed between them.
//!
//! Inputs: the site [`Config`], the snapshot folders and the registry. Outputs: plain
//! values — the list of editions ([`registry`]), checksum manifests and the
//! diagnostics of [`verify`] ([`manifest`]), page-by-page comparisons with text diffs
//! ([`diff`]), the change log of `/changes/` and its Atom feed ([`changelog`],
//! [`feed`], [`page`]), the site's and each section's feed of new and changed
//! pages ([`feeds`]), loaded snapshots for the build ([`snapshot`]) and the key of
//! the rendered-output cache ([`cache`]). Everything here only reads, except
//! [`cut`], the one writer of `editions/`, which creates a new edition folder and
//! appends to the registry but never changes an existing edition. Rendering an
//! edition is the pipeline's job; this module never writes the output folder.

pub mod cache;
pub mod changelog;
pub mod cut;
pub mod diff;
pub mod feed;
pub mod feeds;
pub mod manifest;
pub mod page;
pub mod registry;
pub mod snapshot;
pub mod summary;

use std::path::PathBuf;

use crate::config::Config;
use crate::content::Date;

pub use manifest::verify;
pub use registry::{Edition, Registry};

/// The registry file, inside the editions folder.
pub const REGISTRY_FILE: &str = "editions.toml";

/// Where the snapshot of edition `id` lives.
pub fn edition_dir(config: &Config, id: &str) -> PathBuf {
    config.editions_dir.join(id)
}

/// The checksum manifest of edition `id` (b3sum format, beside its folder).
pub fn manifest_path(config: &Config, id: &str) -> PathBuf {
    config.editions_dir.join(format!("{id}.b3"))
}

/// The URL prefix of edition `id` in a site whose prefix is `prefix`.
pub fn url_prefix(prefix: &str, id: &str) -> String {
    format!("{prefix}editions/{id}/")
}

/// The configuration an edition is built with: the site's, reading pages from the
/// snapshot and publishing them under `/editions/<id>/`.
pub fn edition_config(config: &Config, id: &str) -> Config {
    let mut c = config.clone();
    c.content_dir = edition_dir(config, id);
    c.url_prefix = url_prefix(&config.url_prefix, id);
    c
}

/// Why an edition id cannot be used, if it cannot: ids are folder names and URL parts.
pub fn invalid_id(id: &str) -> Option<String> {
    let ok_chars = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if id.is_empty() || id.len() > 64 {
        Some("an edition id has 1 to 64 characters".into())
    } else if !ok_chars || !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        Some(
            "an edition id starts with a letter or digit and holds only letters, digits, \
             `-`, `_` and `.` (for example `2026-03`)"
                .into(),
        )
    } else if id == "current" {
        Some("`current` names the live content in `edition diff`; choose another id".into())
    } else if id.ends_with(".b3") {
        Some("an edition id cannot end in `.b3`".into())
    } else {
        None
    }
}

/// The title an edition gets when none is given: `2026-03` → "March 2026".
pub fn default_title(id: &str) -> String {
    if let Some(d) = Date::parse(&format!("{id}-01")).filter(|_| id.len() == 7) {
        return d.0.format("%B %Y").to_string();
    }
    if let Some(d) = Date::parse(id).filter(|_| id.len() == 10) {
        return d.human();
    }
    id.to_string()
}

/// "1 page" / "3 pages".
pub fn pages(n: usize) -> String {
    format!("{n} {}", if n == 1 { "page" } else { "pages" })
}

/// The summary recorded for a new edition, from its comparison with the one before.
pub fn summary(previous: Option<&str>, d: &diff::Comparison) -> String {
    let Some(prev) = previous else {
        return format!("First edition: {}.", pages(d.new_pages));
    };
    if d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty() {
        return format!("No page changed since the {prev} edition.");
    }
    format!(
        "{} added, {} removed, {} changed since the {prev} edition.",
        pages(d.added.len()),
        d.removed.len(),
        d.changed.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_titles() {
        assert_eq!(invalid_id("2026-03"), None);
        assert!(invalid_id("../x").is_some());
        assert!(invalid_id("").is_some());
        assert!(invalid_id("current").is_some());
        assert!(invalid_id(".hidden").is_some());
        assert_eq!(default_title("2026-03"), "March 2026");
        assert_eq!(default_title("2026-03-02"), "2 March 2026");
        assert_eq!(default_title("spring"), "spring");
    }
}
