//! Loading: read every Markdown file (in parallel), parse its front matter, decide
//! its kind, title, URL and visibility, then assemble the [`Site`].

use std::path::PathBuf;

use rayon::prelude::*;

use super::addresses;
use super::fields::{self, FrontMatter};
use super::frontmatter;
use super::kind::Kind;
use super::sections::assemble;
use super::urls::{humanise, is_index_file, page_path};
use super::walk::{Refused, leads_outside, walk};
use super::{Asset, Page, Site};
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Result, did_you_mean};

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Folders to leave out of the walk (the output folder).
    pub skip: Vec<PathBuf>,
}

/// Every content file, read: the pages to build and the assets, in the order of the
/// walk, and each file's diagnostics (symbolic links refused first, then the pages').
/// The one reader of content files, for the build and the preview alike.
pub struct Files {
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// (content path, its diagnostics), for files that have some.
    pub diagnostics: Vec<(String, Vec<Diagnostic>)>,
}

/// Walk the content folder and read every file. IO failures of the walk are fatal;
/// problems in single files are diagnostics, and the file is left out.
pub fn read_files(config: &Config, opts: &LoadOptions) -> Result<Files> {
    let found = walk(&config.content_dir, config.is_bare(), &opts.skip)?;
    let results: Vec<(Option<Page>, Vec<Diagnostic>)> = found
        .pages
        .par_iter()
        .map(|rel| read_page(config, rel))
        .collect();
    let mut diagnostics: Vec<(String, Vec<Diagnostic>)> = found
        .refused
        .iter()
        .map(|r| (r.rel.clone(), vec![refused_link(config, r)]))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for (rel, (page, d)) in found.pages.iter().zip(results) {
        if !d.is_empty() {
            diagnostics.push((rel.clone(), d));
        }
        pages.extend(page.filter(|p| p.is_built(opts.drafts)));
    }
    let assets = found
        .assets
        .into_iter()
        .map(|rel| Asset {
            file: config.content_dir.join(&rel),
            rel,
        })
        .collect();
    Ok(Files {
        pages,
        assets,
        diagnostics,
    })
}

/// Read the whole site ([`read_files`]) and assemble it.
pub fn load(config: &Config, opts: &LoadOptions) -> Result<(Site, Diagnostics)> {
    let Files {
        pages,
        assets,
        diagnostics,
    } = read_files(config, opts)?;
    let mut diags = Diagnostics::new();
    diags.extend(diagnostics.into_iter().flat_map(|(_, d)| d));
    let mut site = assemble(config, pages, assets, &mut diags);
    if config.profile.is_some() {
        let (kept, dropped) = super::profile::filter(site.pages, config.profile.as_ref());
        let assets = super::profile::referenced_assets(&kept, std::mem::take(&mut site.assets));
        let mut ignore = Diagnostics::new();
        site = assemble(config, kept, assets, &mut ignore);
        site.dropped = dropped;
    }
    Ok((site, diags))
}

/// The diagnostic for a symbolic link the walk did not follow.
pub fn refused_link(config: &Config, r: &Refused) -> Diagnostic {
    let file = config.content_dir.join(&r.rel);
    let display = config.display_path(&file);
    let message = match &r.target {
        Some(t) => format!(
            "this is a symbolic link to {}, outside the content folder; guidebook does not follow it",
            t.display()
        ),
        None => "this is a symbolic link to a file that does not exist".to_string(),
    };
    Diagnostic::error("symlink", display, message)
        .hint("copy the file into the content folder instead of linking to it, or remove the link")
}

/// Read the page at content path `rel`, unless a symbolic link takes it out of the
/// content folder.
pub fn read_page(config: &Config, rel: &str) -> (Option<Page>, Vec<Diagnostic>) {
    let file = config.content_dir.join(rel);
    if let Some(real) = leads_outside(&config.content_dir, &file) {
        let r = Refused {
            rel: rel.to_string(),
            target: Some(real),
        };
        return (None, vec![refused_link(config, &r)]);
    }
    match std::fs::read(&file) {
        Ok(bytes) => page_from_bytes(config, rel, bytes),
        Err(e) => {
            let display = config.display_path(&file);
            let d = Diagnostic::error("read", &display, format!("cannot read this file: {e}"));
            (None, vec![d])
        }
    }
}

/// Turn the bytes of the content file at `rel` into a page, or diagnostics saying why
/// not. Never panics, whatever the bytes.
pub fn page_from_bytes(
    config: &Config,
    rel: &str,
    bytes: Vec<u8>,
) -> (Option<Page>, Vec<Diagnostic>) {
    let file = config.content_dir.join(rel);
    let display = config.display_path(&file);
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) if config.is_lenient() => {
            let d = Diagnostic::warning(
                "encoding",
                &display,
                "this file is not valid UTF-8 text; the bytes that are not were replaced",
            )
            .hint("save the file as UTF-8");
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let (page, mut diags) = parse_page(config, rel, file, display, text);
            diags.insert(0, d);
            return (page, diags);
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or("");
            let (line, col) = crate::config::line_col(valid, at);
            let d = Diagnostic::error(
                "encoding",
                &display,
                format!(
                    "this file is not valid UTF-8 text (invalid byte at line {line}, column {col})"
                ),
            )
            .hint(
                "save the file as UTF-8; if it is not a page, give it another extension than .md",
            );
            return (None, vec![d]);
        }
    };
    parse_page(config, rel, file, display, text)
}

/// Split and parse the front matter of `text`. When it cannot be read, a configured
/// site leaves the file out (an error); a bare folder builds the page from the whole
/// text without front matter (a warning), so every file of another generator's site
/// becomes a page.
fn front_matter<'t>(
    text: &'t str,
    display: &str,
    bare: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<(
    frontmatter::Split<'t>,
    serde_json::Map<String, serde_json::Value>,
)> {
    let no_front = |body: &'t str| frontmatter::Split {
        format: None,
        front: "",
        front_line: 1,
        body,
        body_offset: 0,
        body_line: 1,
    };
    let mut failed = |d: Box<Diagnostic>| {
        let mut d = *d;
        if bare {
            d.severity = crate::error::Severity::Warning;
            d.message
                .push_str("; the page is built without its front matter");
        }
        diags.push(d);
    };
    let split = match frontmatter::split(text, display) {
        Ok(s) => s,
        Err(d) if bare => {
            failed(d);
            return Some((no_front(text), Default::default()));
        }
        Err(d) => {
            failed(d);
            return None;
        }
    };
    match frontmatter::parse(&split, text, display) {
        Ok(m) => Some((split, m)),
        Err(d) if bare => {
            failed(d);
            let body = frontmatter::Split {
                format: None,
                front: "",
                ..split
            };
            Some((body, Default::default()))
        }
        Err(d) => {
            failed(d);
            None
        }
    }
}

/// Turn the text of one file into a page (or diagnostics saying why not).
pub(crate) fn parse_page(
    config: &Config,
    rel: &str,
    file: PathBuf,
    display: String,
    text: String,
) -> (Option<Page>, Vec<Diagnostic>) {
    let bare = config.is_lenient();
    let mut diags = Vec::new();
    let (split, mut map) = match front_matter(&text, &display, bare, &mut diags) {
        Some(found) => found,
        None => return (None, diags),
    };
    for m in super::generators::translate(&mut map, bare) {
        if m.to.is_none() {
            let d = Diagnostic::note(
                "front-matter",
                &display,
                format!("field `{}` is ignored: {}", m.from, m.why),
            );
            diags.push(d.key(m.from));
        }
    }
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    let is_index = is_index_file(file_name);
    let kind = match page_kind(rel, is_index, &map, &split, &text, &display) {
        Ok(k) => k,
        Err(d) if bare => {
            diags.push(*d);
            crate::error::soften(&mut diags);
            Kind::Guidance
        }
        Err(d) => return (None, vec![*d]),
    };
    let (fm, d) = fields::typed(map, kind, &split, &text, &display, bare);
    diags.extend(d);
    let Some(mut fm) = fm else {
        return (None, diags);
    };
    let src = addresses::Source {
        split: &split,
        text: &text,
        display: &display,
        relative_aliases: bare,
    };
    diags.extend(addresses::check_fields(&mut fm, &src));
    let body = split.body;
    let (title, from_heading) = title_of(&fm, body, rel);
    let path = match &fm.permalink {
        Some(p) => super::urls::alias_path(p),
        None => page_path(rel, fm.slug.as_deref()),
    };
    diags.extend(addresses::check_path(&path, &fm, &src));
    let description = match fm.summary.as_deref() {
        Some(s) if !s.trim().is_empty() => String::new(),
        _ => super::description::describe(body),
    };
    let page = Page {
        rel: rel.to_string(),
        file: Some(file),
        display_path: display,
        body_offset: split.body_offset,
        body_line: split.body_line,
        path,
        kind,
        title,
        title_from_heading: from_heading,
        section: 0,
        is_index,
        index_of: None,
        visibility: config.settings.default_visibility,
        has_errors: diags.iter().any(|d| d.is_error()),
        fm,
        description,
        text,
    };
    if bare {
        crate::error::soften(&mut diags);
    }
    (Some(page), diags)
}

fn page_kind(
    rel: &str,
    is_index: bool,
    map: &serde_json::Map<String, serde_json::Value>,
    split: &frontmatter::Split<'_>,
    text: &str,
    display: &str,
) -> Result<Kind, Box<Diagnostic>> {
    if is_index {
        return Ok(if rel.contains('/') {
            Kind::Section
        } else {
            Kind::Home
        });
    }
    if let Some(v) = map.get("kind") {
        let name = v.as_str().unwrap_or("");
        return match Kind::from_name(name) {
            Some(k) if !matches!(k, Kind::Home | Kind::Section) => Ok(k),
            _ => {
                let names: Vec<&str> = super::kind::PAGE_KINDS.iter().map(|k| k.name()).collect();
                let mut d =
                    Diagnostic::error("front-matter", display, format!("unknown kind `{name}`"));
                d = match did_you_mean(name, &names) {
                    Some(s) => d.hint(format!(
                        "did you mean `{s}`? kinds are: {}",
                        names.join(", ")
                    )),
                    None => d.hint(format!("kinds are: {}", names.join(", "))),
                };
                if let Some((l, c)) = frontmatter::key_position(split, "kind") {
                    d = d.at(text, l, c, 4);
                }
                Err(Box::new(d))
            }
        };
    }
    let top = rel.split('/').next().unwrap_or("");
    Ok(if rel.contains('/') {
        Kind::from_section(top)
    } else {
        Kind::Guidance
    })
}

/// The title from front matter, else the first `# Heading`, else the file name.
fn title_of(fm: &FrontMatter, body: &str, rel: &str) -> (String, bool) {
    if let Some(t) = fm.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return (t.trim().to_string(), false);
    }
    if let Some(h) = first_h1(body) {
        return (h, true);
    }
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let stem = if is_index_file(file) {
        rel.rsplit('/').nth(1).unwrap_or("Home")
    } else {
        stem
    };
    (humanise(stem), false)
}

/// The text of the first level-one ATX heading outside code fences.
pub fn first_h1(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_start();
        if line.len() - t.len() > 3 {
            continue;
        }
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if t.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        if let Some(rest) = t.strip_prefix("# ") {
            let rest = strip_heading_attrs(rest.trim().trim_end_matches('#').trim());
            if !rest.is_empty() {
                return Some(strip_inline_markup(rest));
            }
        }
    }
    None
}

fn strip_heading_attrs(s: &str) -> &str {
    match s.rfind(" {") {
        Some(i) if s.ends_with('}') => s[..i].trim_end(),
        _ => s,
    }
}

fn strip_inline_markup(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '*' | '`' | '_'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_from_first_heading_outside_code() {
        let body = "```\n# not this\n```\n\n# Lost devices {#lost}\n\ntext";
        assert_eq!(first_h1(body).as_deref(), Some("Lost devices"));
        assert_eq!(first_h1("## Only h2"), None);
    }
}
