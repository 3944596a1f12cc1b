//! Finding the page a cross-reference names: Hugo's `ref`/`relref` (a logical path,
//! with or without `.md`, from the page's folder, then from the content root, then a
//! unique match anywhere), Jekyll's `{% link path %}` (from the site root) and
//! `{% post_url name %}` (a post's file name without its extension). Pure.

use crate::content::Site;

/// The content path of the page `path` (without anchor) names, seen from `from_rel`.
pub fn find_ref(site: &Site, from_rel: &str, path: &str) -> Option<String> {
    let path = path.trim();
    let dir = from_rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let starts: Vec<String> = if let Some(abs) = path.strip_prefix('/') {
        vec![abs.to_string()]
    } else {
        vec![join(dir, path), path.to_string()]
    };
    for start in &starts {
        if let Some(rel) = exact(site, start) {
            return Some(rel);
        }
    }
    unique_suffix(site, path.trim_start_matches('/'))
}

/// The post of `_posts/` whose file is `name` (plus `.md` or `.markdown`).
pub fn find_post(site: &Site, name: &str) -> Option<String> {
    let name = name.trim();
    site.by_rel
        .keys()
        .map(String::as_str)
        .filter(|rel| {
            let (dir, file) = rel.rsplit_once('/').unwrap_or(("", rel));
            let stem = file
                .strip_suffix(".md")
                .or_else(|| file.strip_suffix(".markdown"))
                .unwrap_or(file);
            stem == name
                && (dir == "_posts" || dir.starts_with("_posts/") || dir.ends_with("/_posts"))
        })
        .min()
        .map(str::to_string)
}

/// The page at `path` read as a file, a file without `.md`, or a folder.
fn exact(site: &Site, path: &str) -> Option<String> {
    let p = normalise(path)?;
    candidates(&p)
        .into_iter()
        .find(|c| site.by_rel.contains_key(c))
}

/// `a/b` → `a/b`, `a/b.md`, `a/b/_index.md`, `a/b/index.md` (and the home page for `""`).
fn candidates(p: &str) -> Vec<String> {
    if p.is_empty() {
        return vec!["_index.md".into(), "index.md".into()];
    }
    let base = p
        .strip_suffix(".html")
        .unwrap_or(p)
        .trim_end_matches('/')
        .to_string();
    vec![
        base.clone(),
        format!("{base}.md"),
        format!("{base}.markdown"),
        format!("{base}/_index.md"),
        format!("{base}/index.md"),
    ]
}

/// The one page whose path ends with `path`, if exactly one does.
fn unique_suffix(site: &Site, path: &str) -> Option<String> {
    let p = normalise(path)?;
    if p.is_empty() {
        return None;
    }
    let ends: Vec<String> = candidates(&p)
        .into_iter()
        .map(|c| format!("/{c}"))
        .collect();
    let mut found = site
        .by_rel
        .keys()
        .filter(|rel| ends.iter().any(|e| format!("/{rel}").ends_with(e.as_str())));
    let first = found.next()?.clone();
    found.next().is_none().then_some(first)
}

fn join(dir: &str, path: &str) -> String {
    if dir.is_empty() {
        path.to_string()
    } else {
        format!("{dir}/{path}")
    }
}

/// Collapse `.` and `..`; `None` when the path climbs out of the content folder.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}
