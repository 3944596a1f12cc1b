//! URLs and link targets: slugs, the URL path of a content file, and resolving a
//! Markdown link (`../a.md`, `@/section/page.md`, `#anchor`) to a content path.
//!
//! Pure functions over strings; no IO and no knowledge of HTML.

use crate::util::paths::percent_decode_lossy;

/// A URL-safe slug: lowercase letters, digits and hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            dash = false;
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '.' || c == '/')
            && !out.is_empty()
            && !dash
        {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A heading id the way GitHub and kramdown make them, so links written for those
/// sites keep working: lowercase, punctuation dropped, spaces to hyphens. Letters,
/// digits and combining marks of every script are kept (the vowel signs of Hindi or
/// Tamil are marks: dropping them would change the word).
pub fn heading_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric()
            || unicode_normalization::char::is_combining_mark(c)
            || c == '-'
            || c == '_'
        {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

/// First parts of output paths guidebook writes itself (theme assets, the search
/// index, archived editions, the preview's own routes, site files): no page,
/// permalink or alias may take them.
pub const RESERVED: &[&str] = &[
    "assets",
    "_search",
    "editions",
    "__guidebook",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "_headers",
    "_redirects",
    "_redirects.nginx",
];

/// Pages guidebook makes unless the site has its own page there; an alias may not
/// take them (a page may, and then replaces the generated one).
pub const GENERATED_PAGES: &[&str] = &["search/", "changes/", "review/", "sitemap/", "tags/"];

/// Whether a content file is the index of its folder.
pub fn is_index_file(file_name: &str) -> bool {
    matches!(file_name, "_index.md" | "index.md")
}

/// The URL path (no leading slash, trailing slash unless empty) of a content file at
/// `rel` (`guidance/travel.md`), with an optional slug for the last part.
pub fn page_path(rel: &str, slug: Option<&str>) -> String {
    let mut parts: Vec<&str> = rel.split('/').collect();
    let file = parts.pop().unwrap_or("");
    let mut out: Vec<String> = parts.iter().map(|p| slugify(p)).collect();
    if !is_index_file(file) {
        let stem = file.strip_suffix(".md").unwrap_or(file);
        out.push(match slug {
            Some(s) => slugify(s),
            None => slugify(stem),
        });
    }
    out.retain(|p| !p.is_empty());
    if out.is_empty() {
        String::new()
    } else {
        format!("{}/", out.join("/"))
    }
}

/// Normalise a path written by a user as a URL alias: `/old/page/` → `old/page/`.
pub fn alias_path(alias: &str) -> String {
    let trimmed = alias.trim().trim_start_matches('/');
    let no_html = trimmed
        .strip_suffix("index.html")
        .or_else(|| trimmed.strip_suffix(".html"))
        .unwrap_or(trimmed);
    let base = no_html.trim_end_matches('/');
    if base.is_empty() {
        String::new()
    } else {
        format!("{base}/")
    }
}

/// What a link destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another content file: its path relative to the content folder, and an anchor.
    Page { rel: String, anchor: Option<String> },
    /// An anchor on the same page.
    Anchor(String),
    /// A local file that is not Markdown (an image, a PDF), relative to the content folder.
    File(String),
    /// A path on the web server, `/guidance/travel/`: left as written (checked
    /// against the site's own addresses).
    SiteAbsolute,
    /// A file outside the content folder: a relative or `@/` path that climbs out of
    /// it (`../../../etc/passwd`), a `file:` URL or a drive path (`C:\\x`). Never
    /// published; always a diagnostic.
    Outside,
    /// Anything else (http:, mailto:, ...): left as written.
    External,
}

/// Resolve the destination `dest` of a link written in the file at `from_rel`.
pub fn resolve(dest: &str, from_rel: &str) -> Target {
    let dest = dest.trim();
    if let Some(anchor) = dest.strip_prefix('#') {
        return Target::Anchor(percent_decode_lossy(anchor));
    }
    if is_local_file(dest) {
        return Target::Outside;
    }
    if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
        return Target::External;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(percent_decode_lossy(a))),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let path = percent_decode_lossy(path);
    let joined = if let Some(abs) = path.strip_prefix("@/") {
        normalise(abs)
    } else if path.starts_with('/') {
        return Target::SiteAbsolute;
    } else {
        let dir = from_rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        normalise(&format!("{dir}/{path}"))
    };
    let Some(joined) = joined else {
        return Target::Outside;
    };
    if joined.ends_with(".md") || joined.ends_with(".markdown") {
        Target::Page {
            rel: joined,
            anchor,
        }
    } else if path.ends_with('/') || joined.is_empty() {
        // a folder: its index page
        let base = if joined.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{joined}/_index.md")
        };
        Target::Page { rel: base, anchor }
    } else {
        Target::File(joined)
    }
}

/// A `file:` URL, or a path that starts with a drive letter (`C:\\`, `c:/`).
fn is_local_file(dest: &str) -> bool {
    let lower = dest.get(..5).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("file:") {
        return true;
    }
    let b = dest.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/')
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => dest[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.'),
        None => false,
    }
}

/// Collapse `.` and `..`; `None` when the path climbs out of the content folder.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// `export-control_guide` → `Export control guide`.
pub fn humanise(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut c = words.trim().chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => "Untitled".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Export Control Order"), "export-control-order");
        assert_eq!(slugify("  A -- B  "), "a-b");
        assert_eq!(slugify("SOURCE"), "source");
        assert_eq!(humanise("web-check"), "Web check");
        assert_eq!(humanise("export-control_guide"), "Export control guide");
        assert_eq!(humanise("--"), "Untitled");
        assert_eq!(heading_id("Part two: the rules!"), "part-two-the-rules");
        assert_eq!(heading_id("What's new?"), "whats-new");
        // vowel signs are combining marks: GitHub and kramdown keep them
        assert_eq!(
            heading_id("योगदान देने का क्या मतलब है?"),
            "योगदान-देने-का-क्या-मतलब-है"
        );
        assert_eq!(heading_id("பங்களிப்பதின் அர்த்தம்"), "பங்களிப்பதின்-அர்த்தம்");
    }

    #[test]
    fn page_paths() {
        assert_eq!(page_path("guidance/travel.md", None), "guidance/travel/");
        assert_eq!(page_path("guidance/_index.md", None), "guidance/");
        assert_eq!(page_path("_index.md", None), "");
        assert_eq!(page_path("docs/index.md", None), "docs/");
        assert_eq!(page_path("a/Travel Advice.md", Some("go")), "a/go/");
    }

    #[test]
    fn aliases() {
        assert_eq!(
            alias_path("/policies/access-control-guide/"),
            "policies/access-control-guide/"
        );
        assert_eq!(alias_path("/lost-laptophardware"), "lost-laptophardware/");
        assert_eq!(alias_path("/old.html"), "old/");
    }

    #[test]
    fn resolves_links() {
        assert_eq!(
            resolve("../legislation/eco.md#licences", "guidance/travel.md"),
            Target::Page {
                rel: "legislation/eco.md".into(),
                anchor: Some("licences".into())
            }
        );
        assert_eq!(
            resolve("@/legislation/eco.md", "guidance/travel.md"),
            Target::Page {
                rel: "legislation/eco.md".into(),
                anchor: None
            }
        );
        assert_eq!(
            resolve("#part-two", "a.md"),
            Target::Anchor("part-two".into())
        );
        assert_eq!(resolve("https://gov.uk", "a.md"), Target::External);
        assert_eq!(resolve("mailto:a@b", "a.md"), Target::External);
        assert_eq!(resolve("/abs/path/", "a.md"), Target::SiteAbsolute);
        for outside in [
            "../../../../etc/passwd",
            "@/../../etc/hostname",
            "../../x.md",
            "file:///etc/passwd",
            "C:\\Users\\me\\notes.docx",
            "d:/notes.pdf",
        ] {
            assert_eq!(resolve(outside, "a/b.md"), Target::Outside, "{outside}");
        }
        assert_eq!(
            resolve("img/a.png", "g/a.md"),
            Target::File("g/img/a.png".into())
        );
        assert_eq!(resolve("../../x.md", "a.md"), Target::Outside);
        assert_eq!(
            resolve("b%20c.md", "a.md"),
            Target::Page {
                rel: "b c.md".into(),
                anchor: None
            }
        );
    }
}
