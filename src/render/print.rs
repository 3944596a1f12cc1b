//! The printable version of a section (`SECTION/print/`): every page of the section,
//! in reading order, as one document stamped with the site's title, the edition and
//! the date of the build. Sub-sections are listed with links to their own printable
//! versions, so each page is printed once, however deep the site.
//!
//! Input: the [`Renderer`] of the current site, a section and the [`Stamp`]. Output:
//! the page's HTML, or `None` for a section that has no page to print. No IO.
//! A full build makes each section's printout from its pages as it renders them
//! ([`Printout`]); the live preview renders them again ([`html`]). Each page's
//! headings are moved one level down under the page's own `<h2>`, and its element
//! ids prefixed (`p3-…`, with the `#` links, `for` and `aria-*` references that
//! point at them) so ids stay unique in the combined page.

use std::collections::HashMap;

use serde::Serialize;

use super::Renderer;
use super::markdown::Rendered;
use crate::content::{Kind, Site};
use crate::error::Result;

/// The folder, under a section's URL, of its printable version.
pub const FOLDER: &str = "print/";

/// What the printed document is stamped with.
#[derive(Debug, Clone, Serialize)]
pub struct Stamp {
    /// Which version of the site this is ("the March 2026 edition", ...).
    pub edition: String,
    pub date: String,
    pub date_iso: String,
}

#[derive(Serialize)]
struct PrintCtx {
    stamp: Stamp,
    section_url: String,
    intro: String,
    articles: Vec<serde_json::Value>,
    subsections: Vec<SubPrint>,
}

/// A sub-section named in its parent's printout, with the address to print it.
#[derive(Serialize)]
struct SubPrint {
    title: String,
    url: String,
}

/// The URL path (without the site prefix) of section `s`'s printable version, when
/// it has one: a section other than the home with at least one page, whose print
/// address no page of the site takes.
pub fn path(site: &Site, s: usize) -> Option<String> {
    let index = &site.pages[site.sections[s].index];
    let path = format!("{}{FOLDER}", index.path);
    let printable = s != 0
        && index.kind != Kind::Home
        && !printed_pages(site, s).is_empty()
        && site.page_by_path(&path).is_none();
    printable.then_some(path)
}

/// The pages a section's printout holds: the section's own, in reading order, less
/// redirects. A sub-section's pages are in its own printout.
fn printed_pages(site: &Site, s: usize) -> Vec<usize> {
    let mut pages = site.sections[s].pages.clone();
    pages.retain(|&i| site.pages[i].fm.redirect_to.is_none());
    pages
}

/// The sub-sections of `s` that have a printable version, with its address.
fn subsection_prints(renderer: &Renderer<'_>, s: usize) -> Vec<SubPrint> {
    let site = renderer.site;
    site.sections[s]
        .subsections
        .iter()
        .filter_map(|&sub| {
            let path = path(site, sub)?;
            Some(SubPrint {
                title: site.pages[site.sections[sub].index].title.clone(),
                url: format!("{}{path}", renderer.config.url_prefix),
            })
        })
        .collect()
}

/// The printable version of section `s`, or `None` when it has none ([`path`]),
/// rendering each of its pages' Markdown. A full build makes the same document from
/// the pages it renders anyway ([`Printout`]).
pub fn html(renderer: &Renderer<'_>, s: usize, stamp: &Stamp) -> Result<Option<String>> {
    let Some(printout) = Printout::new(renderer, s) else {
        return Ok(None);
    };
    let parts = printout
        .pages()
        .filter_map(|i| printout.part(renderer, i, &mut renderer.markdown(i)))
        .collect();
    printout.html(renderer, stamp, parts).map(Some)
}

/// A section's printable version in the making: which pages it prints, in which
/// order, and where their links lead within it. Each page gives its [`Part`] once
/// rendered, in any order; [`Printout::html`] puts the parts together.
pub struct Printout {
    s: usize,
    /// Its URL path ([`path`]).
    path: String,
    /// The section's index page (the printout's introduction).
    index: usize,
    /// Each printed page → its number in the document (from 1).
    numbers: HashMap<usize, usize>,
    /// The URL of each printed page → its number: links to them stay in the document.
    local: HashMap<String, usize>,
}

/// What one page gives its section's printout.
pub enum Part {
    /// The index page's HTML, rebased.
    Intro(String),
    /// A printed page's context (its HTML rebased), with its number.
    Article(usize, serde_json::Value),
}

impl Printout {
    /// The printout of section `s`, or `None` when it has none ([`path`]).
    pub fn new(renderer: &Renderer<'_>, s: usize) -> Option<Printout> {
        let site = renderer.site;
        let path = path(site, s)?;
        let pages = printed_pages(site, s);
        let local = pages
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                (
                    format!("{}{}", renderer.config.url_prefix, site.pages[i].path),
                    k + 1,
                )
            })
            .collect();
        let numbers = pages.iter().enumerate().map(|(k, &i)| (i, k + 1)).collect();
        Some(Printout {
            s,
            path,
            index: site.sections[s].index,
            numbers,
            local,
        })
    }

    /// Its URL path (without the site prefix).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Every page with a part in the printout: the index, then the printed pages.
    fn pages(&self) -> impl Iterator<Item = usize> + '_ {
        let mut printed: Vec<(usize, usize)> = self.numbers.iter().map(|(&i, &k)| (k, i)).collect();
        printed.sort_unstable();
        std::iter::once(self.index).chain(printed.into_iter().map(|(_, i)| i))
    }

    /// Page `i`'s part, from its rendered Markdown `md`, whose HTML is rebased in
    /// place; `None` when the printout does not hold the page.
    pub fn part(&self, renderer: &Renderer<'_>, i: usize, md: &mut Rendered) -> Option<Part> {
        if i == self.index {
            let rebase = Rebase {
                prefix: "p0-",
                down: 0,
                local: &self.local,
            };
            return Some(Part::Intro(rebase.html(&md.html)));
        }
        let k = *self.numbers.get(&i)?;
        let prefix = format!("p{k}-");
        md.html = Rebase {
            prefix: &prefix,
            down: 1,
            local: &self.local,
        }
        .html(&md.html);
        let mut page = serde_json::to_value(renderer.view.page_ctx(i, md)).unwrap_or_default();
        page["anchor"] = serde_json::Value::String(format!("p{k}"));
        Some(Part::Article(k, page))
    }

    /// The printable version's HTML, from every page's part.
    pub fn html(&self, renderer: &Renderer<'_>, stamp: &Stamp, parts: Vec<Part>) -> Result<String> {
        let site = renderer.site;
        let mut intro = String::new();
        let mut articles = Vec::with_capacity(parts.len());
        for part in parts {
            match part {
                Part::Intro(html) => intro = html,
                Part::Article(k, page) => articles.push((k, page)),
            }
        }
        articles.sort_unstable_by_key(|(k, _)| *k);
        let articles = articles.into_iter().map(|(_, page)| page).collect();
        let section = &site.pages[self.index];
        let mut ctx = tera::Context::new();
        ctx.insert("site", &renderer.view.site_ctx(Some(self.index)));
        let mut crumbs = renderer.view.breadcrumbs(self.index);
        crumbs.push(super::context::Crumb {
            title: section.nav_title().to_string(),
            url: format!("{}{}", renderer.config.url_prefix, section.path),
        });
        ctx.insert(
            "page",
            &serde_json::json!({
                "kind": "section-print",
                "title": section.title,
                "summary": section.summary(),
                "breadcrumbs": crumbs,
            }),
        );
        ctx.insert(
            "print",
            &PrintCtx {
                stamp: stamp.clone(),
                section_url: format!("{}{}", renderer.config.url_prefix, section.path),
                intro,
                articles,
                subsections: subsection_prints(renderer, self.s),
            },
        );
        renderer.templates.render("section-print.html", &ctx)
    }
}

/// How one page's HTML is fitted into the printable section.
pub struct Rebase<'a> {
    /// Put before every id of the page, and every reference to one.
    pub prefix: &'a str,
    /// How many levels its headings move down (a page's go under its own `<h2>`:
    /// `<h1>` and `<h2>` become `<h3>`; `<h6>` stays).
    pub down: u8,
    /// The URL of each page printed in the same document → its number: links to
    /// them become links within the document (`#p2`, `#p2-anchor`).
    pub local: &'a HashMap<String, usize>,
}

impl Rebase<'_> {
    /// `html` rebased.
    pub fn html(&self, html: &str) -> String {
        rebase(html, self)
    }
}

fn rebase(html: &str, r: &Rebase<'_>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if let Some(body) = rest.strip_prefix("<!--") {
            let end = body.find("-->").map_or(rest.len(), |e| e + 7);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = tag_end(rest);
        rewrite_tag(&rest[..end], r, &mut out);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `s` (to its `>`, quotes respected).
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.bytes().enumerate().skip(1) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// One tag (`<h2 id="a">`, `</h2>`, `<a href="#a">`) rewritten, onto `out`.
fn rewrite_tag(tag: &str, r: &Rebase<'_>, out: &mut String) {
    let down = r.down;
    let name_start = if tag.starts_with("</") { 2 } else { 1 };
    let name_len = tag[name_start..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len() - name_start);
    if name_len == 0 {
        out.push_str(tag);
        return;
    }
    out.push_str(&tag[..name_start]);
    let name = &tag[name_start..name_start + name_len];
    match name.as_bytes() {
        [b'h' | b'H', d @ b'1'..=b'6'] if down > 0 => {
            out.push('h');
            out.push(char::from(b'0' + (d - b'0' + down).clamp(2 + down, 6)));
        }
        _ => out.push_str(name),
    }
    rewrite_attrs(&tag[name_start + name_len..], r, out);
}

/// A tag's attributes (and its closing `>`), with id references prefixed, onto `out`.
fn rewrite_attrs(attrs: &str, r: &Rebase<'_>, out: &mut String) {
    let mut rest = attrs;
    while let Some(eq) = rest.find("=\"") {
        let before = &rest[..eq];
        let name = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        out.push_str(&rest[..value_start]);
        rewrite_value(&name.to_ascii_lowercase(), value, r, out);
        out.push('"');
        rest = &rest[value_start + len + 1..];
    }
    out.push_str(rest);
}

/// An attribute's value, with the ids it names prefixed, onto `out`.
fn rewrite_value(name: &str, value: &str, r: &Rebase<'_>, out: &mut String) {
    let prefix = r.prefix;
    match name {
        "id" | "for" if !value.is_empty() => {
            out.push_str(prefix);
            out.push_str(value);
        }
        "aria-labelledby" | "aria-describedby" | "aria-controls" => {
            for (k, v) in value.split_whitespace().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(prefix);
                out.push_str(v);
            }
        }
        "href" => match value.strip_prefix('#') {
            Some(anchor) if !anchor.is_empty() => {
                out.push('#');
                out.push_str(prefix);
                out.push_str(anchor);
            }
            Some(_) => out.push_str(value),
            None => match local_link(value, r.local) {
                Some(link) => out.push_str(&link),
                None => out.push_str(value),
            },
        },
        _ => out.push_str(value),
    }
}

/// A link to a page printed in the same document, as a link within it.
fn local_link(href: &str, local: &HashMap<String, usize>) -> Option<String> {
    let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
    let k = local.get(path)?;
    Some(if anchor.is_empty() {
        format!("#p{k}")
    } else {
        format!("#p{k}-{anchor}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_move_down_and_ids_are_prefixed() {
        let html = "<h2 id=\"kit\">Kit <a class=\"heading-link\" href=\"#kit\">#</a></h2>\n\
                    <p>See <a href=\"/a/#b\">a</a>, <a href=\"/a/\">a</a>, <a href=\"/b/\">b</a> and <a href=\"#kit\">kit</a>; 1 &lt;h2 id=&quot;x&quot;&gt;.</p>\n\
                    <h6 id=\"deep\">Deep</h6>\n\
                    <ul class=\"task-list\"><li><input type=\"checkbox\" id=\"task-a\"><label for=\"task-a\">A</label></li></ul>\n\
                    <div aria-labelledby=\"kit deep\" title='x>y'></div><!-- <h2 id=\"c\"> -->";
        assert_eq!(
            Rebase {
                prefix: "p3-",
                down: 1,
                local: &[("/a/".to_string(), 1)].into_iter().collect()
            }
            .html(html),
            "<h3 id=\"p3-kit\">Kit <a class=\"heading-link\" href=\"#p3-kit\">#</a></h3>\n\
             <p>See <a href=\"#p1-b\">a</a>, <a href=\"#p1\">a</a>, <a href=\"/b/\">b</a> and <a href=\"#p3-kit\">kit</a>; 1 &lt;h2 id=&quot;x&quot;&gt;.</p>\n\
             <h6 id=\"p3-deep\">Deep</h6>\n\
             <ul class=\"task-list\"><li><input type=\"checkbox\" id=\"p3-task-a\"><label for=\"p3-task-a\">A</label></li></ul>\n\
             <div aria-labelledby=\"p3-kit p3-deep\" title='x>y'></div><!-- <h2 id=\"c\"> -->"
        );
        assert_eq!(
            Rebase {
                prefix: "p0-",
                down: 0,
                local: &HashMap::new()
            }
            .html("<h1 id=\"a\">A</h1><h2>B</h2><a href=\"/a/\">"),
            "<h1 id=\"p0-a\">A</h1><h2>B</h2><a href=\"/a/\">"
        );
    }
}
