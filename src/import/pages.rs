//! One imported page: where it goes in `content/`, its front matter in guidebook's
//! keys (TOML), and its Markdown with other generators' tags expanded and every link
//! that resolved rewritten as a relative link to the page or file it reaches.
//!
//! Input: the source site read as a bare folder (so every convention of `content::bare`
//! and `generators.rs` has applied) and the new place of each page. Output: the file's
//! text and what could not be carried over. Pure.

use std::collections::HashMap;

use crate::content::description::first_paragraph;
use crate::content::urls::{Target, page_path};
use crate::content::{Page, Site};
use crate::render::markdown::{self, MarkdownOptions};
use crate::render::{SiteResolver, callouts, shortcodes};

/// What could not be carried over from one page: (what, the thing), e.g.
/// (`shortcode`, `{{< youtube >}}`).
pub type Left = (&'static str, String);

/// Where each page of the source goes: old content path → new content path.
pub fn new_places(site: &Site) -> HashMap<String, String> {
    site.pages
        .iter()
        .filter(|p| p.file.is_some())
        .map(|p| {
            let new = match &p.index_of {
                Some(d) if d.is_empty() => "_index.md".to_string(),
                Some(d) => format!("{d}/_index.md"),
                None => p.rel.clone(),
            };
            (p.rel.clone(), new)
        })
        .collect()
}

/// The text of page `i` as a guidebook page, and what was left out.
pub fn convert(
    site: &Site,
    i: usize,
    places: &HashMap<String, String>,
    nav: Option<&(i64, Option<String>)>,
) -> (String, Vec<Left>) {
    let page = &site.pages[i];
    let mut left = Vec::new();
    let ctx = shortcodes::Context {
        site,
        from_rel: &page.rel,
        keep_raw: true,
    };
    let expanded = shortcodes::expand(page.body(), &ctx);
    left.extend(
        expanded
            .dropped
            .iter()
            .map(|d| ("template tag", d.shown.clone())),
    );
    let links = links_of(site, page, &expanded.text);
    let plain = shortcodes::Context {
        keep_raw: false,
        ..ctx
    };
    let text = first_paragraph(&shortcodes::expand(page.body(), &plain).text);
    let here = &places[&page.rel];
    let mut body = expanded.text.to_string();
    for (dest, target) in links {
        if let Some(new) = relative_link(site, places, here, &target) {
            body = replace_destination(&body, &dest, &new);
        }
    }
    let body = callouts::markers_to_admonitions(&body);
    let summary_derived = page.fm.summary.is_none();
    let front = front_matter(page, here, nav, &text);
    if summary_derived {
        left.push((
            "summary taken from the page's first sentence",
            String::new(),
        ));
    }
    if let Some(t) = &page.fm.template {
        left.push(("layout", t.clone()));
    }
    (format!("+++\n{front}+++\n{body}"), left)
}

/// Every link of `text` that reached a page or file.
fn links_of(site: &Site, page: &Page, text: &str) -> Vec<(String, Target)> {
    let cards = HashMap::new();
    let resolver = SiteResolver {
        site,
        prefix: "/",
        cards: &cards,
        from_path: &page.path,
        urls_first: true,
    };
    let md = markdown::render(
        &callouts::admonitions(&crate::render::blocks::rewrite(text)),
        &page.rel,
        1,
        MarkdownOptions::default(),
        &resolver,
    );
    md.links
        .into_iter()
        .filter(|l| match &l.target {
            Target::Page { rel, .. } => site.by_rel.contains_key(rel),
            Target::File(rel) => site.has_asset(rel),
            _ => false,
        })
        .map(|l| (l.dest, l.target))
        .collect()
}

/// The link from the page at `here` to `target`, relative (`../guides/a.md#part`).
fn relative_link(
    site: &Site,
    places: &HashMap<String, String>,
    here: &str,
    target: &Target,
) -> Option<String> {
    let (to, anchor) = match target {
        Target::Page { rel, anchor } => {
            let p = &site.pages[*site.by_rel.get(rel)?];
            // a folder without a page of its own keeps its made-up listing: link the folder
            let to = match places.get(&p.rel) {
                Some(to) => to.clone(),
                None => format!(
                    "{}/",
                    p.rel.trim_end_matches("_index.md").trim_end_matches('/')
                ),
            };
            (to, anchor.clone())
        }
        Target::File(rel) => (rel.clone(), None),
        _ => return None,
    };
    let from_dir: Vec<&str> = here
        .split('/')
        .rev()
        .skip(1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dir.len() - common];
    parts.extend(&to_parts[common..]);
    let mut link = parts.join("/");
    if let Some(a) = anchor.filter(|a| !a.is_empty()) {
        link = format!("{link}#{a}");
    }
    Some(link)
}

/// `text` with link destination `dest` replaced by `new` wherever it is written as
/// one: `](dest)`, `](dest "title")`, `](<dest>)`, `[ref]: dest`, `href="dest"`.
pub fn replace_destination(text: &str, dest: &str, new: &str) -> String {
    if dest == new {
        return text.to_string();
    }
    let mut out = text.to_string();
    for (open, close) in [
        ("](", ")"),
        ("](", " "),
        ("](<", ">"),
        ("href=\"", "\""),
        ("src=\"", "\""),
    ] {
        out = out.replace(
            &format!("{open}{dest}{close}"),
            &format!("{open}{new}{close}"),
        );
    }
    out.lines()
        .map(|l| {
            let t = l.trim_start();
            match t.split_once("]:") {
                Some((label, rest))
                    if t.starts_with('[') && !label.contains(']') && rest.trim() == dest =>
                {
                    l.replacen(dest, new, 1)
                }
                _ => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if out.ends_with('\n') { "\n" } else { "" }
}

/// The page's front matter in guidebook's keys, as TOML.
fn front_matter(
    page: &Page,
    here: &str,
    nav: Option<&(i64, Option<String>)>,
    text: &str,
) -> String {
    let fm = &page.fm;
    let mut t = toml::Table::new();
    let mut put = |k: &str, v: toml::Value| {
        t.insert(k.to_string(), v);
    };
    if !page.title_from_heading {
        put("title", page.title.clone().into());
    }
    let summary = fm
        .summary
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| first_sentence(text));
    let summary = if summary.is_empty() {
        page.title.clone()
    } else {
        summary
    };
    put("summary", summary.into());
    let nav_title = fm
        .nav_title
        .clone()
        .or_else(|| nav.and_then(|n| n.1.clone()));
    if let Some(n) = nav_title.filter(|n| *n != page.title) {
        put("nav_title", n.into());
    }
    if let Some(w) = fm.weight.or_else(|| nav.map(|n| n.0)) {
        put("weight", w.into());
    }
    if page.path != page_path(here, fm.slug.as_deref()) && fm.permalink.is_none() {
        // a URL of its own (another page has the one its file name gives)
        let last = page
            .path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        put("slug", last.into());
    } else if let Some(s) = &fm.slug {
        put("slug", s.clone().into());
    }
    if let Some(p) = fm.permalink.as_ref().filter(|_| page.index_of.is_none()) {
        put("permalink", p.clone().into());
    }
    let list = |v: &[String]| toml::Value::Array(v.iter().cloned().map(Into::into).collect());
    for (k, v) in [
        ("tags", &fm.tags),
        ("topics", &fm.topics),
        ("audience", &fm.audience),
        ("aliases", &fm.aliases),
    ] {
        if !v.is_empty() {
            put(k, list(v));
        }
    }
    for (k, d) in [
        ("date", fm.date),
        ("updated", fm.updated),
        ("expires", fm.expires),
        ("reviewed", fm.reviewed),
    ] {
        if let Some(d) = d.and_then(|d| d.to_string().parse::<toml::value::Datetime>().ok()) {
            put(k, toml::Value::Datetime(d));
        }
    }
    for (k, on) in [("draft", fm.draft), ("hidden", fm.hidden)] {
        if on {
            put(k, true.into());
        }
    }
    if fm.toc == Some(false) {
        put("toc", false.into());
    }
    if let Some(r) = &fm.redirect_to {
        put("redirect_to", r.clone().into());
    }
    if !fm.extra.is_empty()
        && let Ok(toml::Value::Table(extra)) = toml::Value::try_from(&fm.extra)
    {
        put("extra", toml::Value::Table(extra));
    }
    toml::to_string(&t).unwrap_or_default()
}

/// The first sentence of a page's text, for a summary it does not give.
fn first_sentence(text: &str) -> String {
    let para = text
        .lines()
        .map(str::trim)
        .find(|l| l.split_whitespace().count() >= 3)
        .unwrap_or("");
    let end = para
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && para[i + c.len_utf8()..].starts_with(' '))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(para.len());
    let s = para[..end].trim();
    if s.chars().count() > 200 {
        let cut: String = s.chars().take(197).collect();
        format!("{}…", cut.trim_end())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_replaced_where_they_are_links() {
        let text = "See [a](../a/) and [b](../a/ \"B\").\n\n[ref]: ../a/\n\nNot a link: ../a/\n";
        assert_eq!(
            replace_destination(text, "../a/", "a.md"),
            "See [a](a.md) and [b](a.md \"B\").\n\n[ref]: a.md\n\nNot a link: ../a/\n"
        );
    }

    #[test]
    fn summaries_are_the_first_sentence() {
        assert_eq!(
            first_sentence("Keep data safe. Always.\n"),
            "Keep data safe."
        );
        assert_eq!(
            first_sentence(&first_paragraph(
                "# Title\n\n```\ncode\n```\n\n- a list\n\nKeep `data` [safe](x.md). Always.\n"
            )),
            "Keep data safe."
        );
        assert_eq!(
            first_sentence("No stop here at all\n"),
            "No stop here at all"
        );
    }
}
