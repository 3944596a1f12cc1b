//! Markdown → HTML with pulldown-cmark: unique heading ids with self-links, a table of
//! contents, links rewritten to page URLs, inline contact cards, raw HTML sanitised.
//!
//! Input: one page's Markdown body and a [`Resolver`] that knows the other pages'
//! URLs. Output: a [`Rendered`] with the HTML, the page's anchors, every internal link
//! it makes (for `check`), its plain text (for search) and any diagnostics. No IO.

use std::collections::HashSet;
use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use super::callouts::{self, read_marker};
use super::kinds::checklist::TaskLists;
use crate::content::urls::{Target, heading_id, resolve};
use crate::util::html::escape;

/// What the Markdown renderer needs to know about the rest of the site.
pub trait Resolver {
    /// The URL of the page at content path `rel`, if there is one.
    fn page_url(&self, rel: &str) -> Option<String>;
    /// The URL of a non-Markdown file at content path `rel`, if there is one.
    fn asset_url(&self, rel: &str) -> Option<String>;
    /// The HTML of the contact card for `id`, if that contact exists.
    fn contact_card(&self, id: &str) -> Option<String>;
    /// What a link written as a URL rather than a file path (`../other-page/`,
    /// `/docs/page/`) points at, when a page or file of the site has that URL.
    fn url_target(&self, _dest: &str) -> Option<Target> {
        None
    }
    /// Whether a link that names no Markdown file is read as a URL before it is read
    /// as a file path (in a bare folder of another generator's pages).
    fn urls_first(&self) -> bool {
        false
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownOptions {
    pub sanitize: bool,
    pub smart_punctuation: bool,
    /// Leave out the first `# Heading` (it became the page title).
    pub skip_first_h1: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link or image found in the page, for the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub line: usize,
    pub column: usize,
    /// As the author wrote it.
    pub dest: String,
    pub target: Target,
    pub is_image: bool,
    /// For images: whether the alt text is empty.
    pub empty_alt: bool,
}

/// An inline contact card and where it was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRef {
    pub line: usize,
    pub id: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every id on the page a `#anchor` may point to.
    pub anchors: HashSet<String>,
    pub links: Vec<LinkRef>,
    pub cards: Vec<CardRef>,
    /// Heading texts, for search.
    pub headings: Vec<String>,
    /// The page's words without markup, for search and summaries.
    pub text: String,
    pub has_raw_html: bool,
    /// Raw HTML written in the Markdown, with its line, for the unsafe-HTML check.
    pub raw_html: Vec<(usize, String)>,
    /// Heading levels in order, for the heading-structure check.
    pub heading_levels: Vec<(u8, usize)>,
    /// Problems found while rendering (an unknown template or shortcode), reported
    /// with the checks.
    pub diagnostics: Vec<crate::error::Diagnostic>,
    /// Whether `text` had words before [`Rendered::keep_for_checks`] dropped it.
    had_text: bool,
}

impl Rendered {
    /// Whether the page has words of its own (markup aside).
    pub fn has_text(&self) -> bool {
        self.had_text || !self.text.trim().is_empty()
    }

    /// Drop what only the page's own HTML and its search entry need (the HTML, the
    /// table of contents, the text and headings), once both are written, keeping
    /// what the checks read.
    pub fn keep_for_checks(&mut self) {
        self.had_text = self.has_text();
        self.html = String::new();
        self.toc = Vec::new();
        self.text = String::new();
        self.headings = Vec::new();
        self.links.shrink_to_fit();
        self.anchors.shrink_to_fit();
    }
}

/// Ids the theme uses; headings never take them.
const RESERVED_IDS: &[&str] = &[
    "main-content",
    "search",
    "site-search",
    "toc",
    "top",
    "contents",
];

/// Render `body` (which starts at 1-based `first_line` of its file; `rel` is the page's
/// content path, for relative links).
pub fn render(
    body: &str,
    rel: &str,
    first_line: usize,
    opts: MarkdownOptions,
    resolver: &dyn Resolver,
) -> Rendered {
    let mut r = Renderer {
        body,
        rel,
        lines: LineIndex::new(body, first_line),
        resolver,
        out: Rendered::default(),
        used_ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
        skip_h1: opts.skip_first_h1,
        tasks: TaskLists::default(),
        hidden: 0,
        callouts: callouts::Open::default(),
    };
    let events = r.transform(Parser::new_ext(body, parser_options(opts)).into_offset_iter());
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    let html_out = wrap_tables(html_out);
    r.out.html = if opts.sanitize && r.out.has_raw_html {
        super::sanitize::clean(&html_out)
    } else {
        html_out
    };
    r.out
}

fn parser_options(opts: MarkdownOptions) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    if opts.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

struct Renderer<'a> {
    body: &'a str,
    rel: &'a str,
    lines: LineIndex,
    resolver: &'a dyn Resolver,
    out: Rendered,
    used_ids: HashSet<String>,
    skip_h1: bool,
    tasks: TaskLists,
    /// Depth inside raw `<script>`/`<style>`, whose text is never shown.
    hidden: usize,
    callouts: callouts::Open,
}

type Spanned<'a> = (Event<'a>, std::ops::Range<usize>);

impl<'a> Renderer<'a> {
    fn transform(&mut self, iter: impl Iterator<Item = Spanned<'a>>) -> Vec<Event<'a>> {
        let mut out = Vec::new();
        let mut iter = iter.peekable();
        while let Some((event, range)) = iter.next() {
            self.tasks.see(&event, &mut out);
            match event {
                Event::TaskListMarker(checked) => self.tasks.marker(checked, &mut out),
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let inner = take_until_end(&mut iter);
                    if let Some(html) = self.heading(level, id, inner, range.start) {
                        out.push(Event::Html(html.into()));
                    }
                }
                Event::Start(Tag::Paragraph) => {
                    let src = &self.body[range.clone()];
                    if let Some(id) = shortcode_contact(src) {
                        take_until_end(&mut iter);
                        out.push(Event::Html(self.contact_card(id, range.start).into()));
                    } else {
                        out.push(Event::Start(Tag::Paragraph));
                    }
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let at = self.dest_offset(&range, &dest_url);
                    let dest_url = self.link(&dest_url, at, false, false);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let empty_alt = image_alt_is_empty(&mut iter);
                    let at = self.dest_offset(&range, &dest_url);
                    let dest_url = self.link(&dest_url, at, true, empty_alt);
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::Html(h) if read_marker(&h).is_some() => {
                    let marker = read_marker(&h).expect("checked");
                    if let callouts::Marker::Open(_, _, title) = &marker {
                        push_text(&mut self.out.text, title);
                        self.out.text.push('\n');
                    }
                    out.push(Event::Html(self.callouts.marker(marker).into()));
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    out.push(Event::Html(self.callouts.alert(kind).into()));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => {
                    out.push(Event::Html(self.callouts.alert_end().into()));
                }
                Event::Html(h) | Event::InlineHtml(h) => {
                    self.out.has_raw_html = true;
                    let line = self.lines.line(range.start);
                    self.out.raw_html.push((line, h.to_string()));
                    self.hidden = super::sanitize::hidden_depth(self.hidden, &h);
                    out.push(Event::Html(h));
                }
                Event::Text(t) => {
                    self.shown_text(&t);
                    out.push(Event::Text(t));
                }
                Event::Code(t) => {
                    self.shown_text(&t);
                    out.push(Event::Code(t));
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.out.text.push(' ');
                    out.push(event);
                }
                Event::End(TagEnd::TableCell) => {
                    self.out.text.push(' ');
                    out.push(event);
                }
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Item
                    | TagEnd::CodeBlock
                    | TagEnd::TableHead
                    | TagEnd::TableRow,
                ) => {
                    self.out.text.push('\n');
                    out.push(event);
                }
                other => out.push(other),
            }
        }
        let tasks = std::mem::take(&mut self.tasks);
        tasks.finish(&mut out, |id| self.unique_id(id));
        out.push(Event::Html(self.callouts.finish().into()));
        out
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        explicit_id: Option<CowStr<'a>>,
        inner: Vec<Event<'a>>,
        offset: usize,
    ) -> Option<String> {
        let mut text = String::new();
        for e in &inner {
            if let Event::Text(t) | Event::Code(t) = e {
                text.push_str(t);
            }
        }
        let text = text.trim().to_string();
        let lvl = level as u8;
        if lvl == 1 && self.skip_h1 {
            self.skip_h1 = false;
            return None;
        }
        let base = explicit_id
            .map(|i| i.to_string())
            .unwrap_or_else(|| heading_id(&text));
        let id = self.unique_id(base);
        let mut inner_html = String::new();
        let inner: Vec<Event<'a>> = inner
            .into_iter()
            .map(|e| match e {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => Event::Start(Tag::Link {
                    link_type,
                    dest_url: self.link(&dest_url, offset, false, false),
                    title,
                    id,
                }),
                Event::Html(h) | Event::InlineHtml(h) => {
                    self.out.has_raw_html = true;
                    Event::InlineHtml(h)
                }
                e => e,
            })
            .collect();
        html::push_html(&mut inner_html, inner.into_iter());
        self.out.heading_levels.push((lvl, self.lines.line(offset)));
        push_text(&mut self.out.text, &text);
        self.out.text.push('\n');
        self.out.headings.push(text.clone());
        if (2..=3).contains(&lvl) {
            self.out.toc.push(TocEntry {
                level: lvl,
                id: id.clone(),
                title: text.clone(),
            });
        }
        let mut h = String::new();
        let _ = writeln!(
            h,
            "<h{lvl} id=\"{id}\">{inner_html} <a class=\"heading-link\" href=\"#{id}\">\
             <span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section: {}</span></a></h{lvl}>",
            escape(&text)
        );
        Some(h)
    }

    /// Add text to the page's words, unless it is inside raw `<script>` or `<style>`
    /// (never shown on the page, so never searched for).
    fn shown_text(&mut self, t: &str) {
        if self.hidden == 0 {
            push_text(&mut self.out.text, t);
        }
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = escape_attr_id(&base);
        let mut id = base.clone();
        let mut n = 1;
        while self.used_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used_ids.insert(id.clone());
        self.out.anchors.insert(id.clone());
        id
    }

    /// Where the destination `dest` is written inside the element at `range`.
    fn dest_offset(&self, range: &std::ops::Range<usize>, dest: &str) -> usize {
        let src = self.body.get(range.clone()).unwrap_or("");
        match src.find(&format!("]({dest}")) {
            Some(i) => range.start + i + 2,
            None => src
                .rfind(dest)
                .map(|i| range.start + i)
                .unwrap_or(range.start),
        }
    }

    /// Rewrite a link destination and record it.
    fn link(&mut self, dest: &str, offset: usize, is_image: bool, empty_alt: bool) -> CowStr<'a> {
        let mut target = resolve(dest, self.rel);
        // `../legal/` in a page at /notices/ climbs out of the content folder as a
        // file path, but as a URL (how other generators mean it) it is /legal/
        if target == Target::Outside
            && let Some(t) = self.resolver.url_target(dest)
        {
            target = t;
        }
        let (line, column) = self.lines.line_col(self.body, offset);
        // a link that names no Markdown file may be a URL (other generators' links)
        let url_like = matches!(target, Target::Page { .. } | Target::File(_))
            && !dest.split(['#', '?']).next().unwrap_or("").ends_with(".md");
        let urls_first = url_like && self.resolver.urls_first();
        let mut new = if urls_first {
            None
        } else {
            self.url_of(&target)
        };
        if new.is_none()
            && (url_like || matches!(target, Target::External | Target::SiteAbsolute))
            && let Some(t) = self.resolver.url_target(dest)
        {
            new = self.url_of(&t);
            target = t;
        }
        if new.is_none() && urls_first {
            new = self.url_of(&target);
        }
        self.out.links.push(LinkRef {
            line,
            column,
            dest: dest.to_string(),
            target,
            is_image,
            empty_alt,
        });
        match new {
            Some(u) => CowStr::from(u),
            None => CowStr::from(dest.to_string()),
        }
    }

    /// The URL a link target has on this site, if it is a page or file that exists.
    fn url_of(&self, target: &Target) -> Option<String> {
        match target {
            Target::Page { rel, anchor } => self.resolver.page_url(rel).map(|u| match anchor {
                Some(a) if !a.is_empty() => format!("{u}#{a}"),
                _ => u,
            }),
            Target::File(rel) => self.resolver.asset_url(rel),
            // never publish a path of the author's machine: the check reports it
            Target::Outside => Some("#".to_string()),
            Target::Anchor(_) | Target::SiteAbsolute | Target::External => None,
        }
    }

    fn contact_card(&mut self, id: &str, offset: usize) -> String {
        self.out.cards.push(CardRef {
            line: self.lines.line(offset),
            id: id.to_string(),
        });
        self.resolver.contact_card(id).unwrap_or_else(|| {
            format!(
                "<p class=\"missing-contact\">Contact “{}” not found.</p>\n",
                escape(id)
            )
        })
    }
}

/// Collect events up to the end of the element just started (nesting-aware).
fn take_until_end<'a>(iter: &mut impl Iterator<Item = Spanned<'a>>) -> Vec<Event<'a>> {
    let mut depth = 0usize;
    let mut inner = Vec::new();
    for (e, _) in iter.by_ref() {
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        inner.push(e);
    }
    inner
}

/// Whether the image about to be rendered has no alt text (peeks at its first event).
fn image_alt_is_empty<'a>(
    iter: &mut std::iter::Peekable<impl Iterator<Item = Spanned<'a>>>,
) -> bool {
    match iter.peek() {
        Some((Event::End(TagEnd::Image), _)) => true,
        Some((Event::Text(t), _)) => t.trim().is_empty(),
        _ => false,
    }
}

/// `{{< contact "id" >}}` on a paragraph of its own.
pub fn shortcode_contact(src: &str) -> Option<&str> {
    let inner = src.trim().strip_prefix("{{<")?.strip_suffix(">}}")?.trim();
    let arg = inner.strip_prefix("contact")?.trim();
    let id = arg
        .strip_prefix('"')
        .and_then(|a| a.strip_suffix('"'))
        .unwrap_or(arg);
    (!id.is_empty() && !id.contains(char::is_whitespace)).then_some(id)
}

fn push_text(buf: &mut String, t: &str) {
    buf.push_str(t);
}

/// Wrap tables so a narrow screen scrolls the table, not the page.
fn wrap_tables(html: String) -> String {
    if !html.contains("<table>") {
        return html;
    }
    // one pass for all five (no replacement holds another's pattern, so this is what
    // replacing each in turn would give)
    const FROM: [&str; 5] = [
        "<table>",
        "</table>",
        " style=\"text-align: left\"",
        " style=\"text-align: center\"",
        " style=\"text-align: right\"",
    ];
    const TO: [&str; 5] = [
        "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\"><table>",
        "</table></div>",
        " class=\"align-left\"",
        " class=\"align-center\"",
        " class=\"align-right\"",
    ];
    // a DFA takes longer to build than this one pass takes to run
    let patterns = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .build(FROM);
    match patterns {
        Ok(patterns) => patterns.replace_all(&html, &TO),
        Err(_) => html,
    }
}

fn escape_attr_id(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '<' | '>' | '&'))
        .collect()
}

/// Byte offset → line number, for a body that starts at `first_line` of its file.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(body: &str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first_line }
    }

    fn line(&self, offset: usize) -> usize {
        let i = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        i + self.first_line
    }

    fn line_col(&self, body: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - self.first_line];
        let col = body
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pass gives what the five replacements, one after another, gave.
    #[test]
    fn tables_are_wrapped_as_replacing_in_turn_would() {
        let in_turn = |html: &str| {
            if !html.contains("<table>") {
                return html.to_string();
            }
            html.replace(
                "<table>",
                "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\"><table>",
            )
            .replace("</table>", "</table></div>")
            .replace(" style=\"text-align: left\"", " class=\"align-left\"")
            .replace(" style=\"text-align: center\"", " class=\"align-center\"")
            .replace(" style=\"text-align: right\"", " class=\"align-right\"")
        };
        proptest::proptest!(|(parts in proptest::collection::vec(proptest::sample::select(vec![
            "<table>", "</table>", " style=\"text-align: left\"", " style=\"text-align: center\"",
            " style=\"text-align: right\"", "<th", ">", "x", " style=\"text-align: ", "<table", "é",
        ]), 0..40))| {
            let html = parts.concat();
            proptest::prop_assert_eq!(wrap_tables(html.clone()), in_turn(&html));
        });
        assert_eq!(
            wrap_tables("<table><tr><th style=\"text-align: right\">A</th></tr></table>".into()),
            "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">\
             <table><tr><th class=\"align-right\">A</th></tr></table></div>"
        );
    }

    struct Fake;
    impl Resolver for Fake {
        fn page_url(&self, rel: &str) -> Option<String> {
            (rel == "legislation/eco.md").then(|| "/legislation/eco/".to_string())
        }
        fn asset_url(&self, rel: &str) -> Option<String> {
            Some(format!("/{rel}"))
        }
        fn contact_card(&self, id: &str) -> Option<String> {
            (id == "eco-manager").then(|| "<div class=\"card\">ECO</div>".to_string())
        }
    }

    fn md(body: &str) -> Rendered {
        render(
            body,
            "guidance/travel.md",
            1,
            MarkdownOptions {
                sanitize: true,
                ..Default::default()
            },
            &Fake,
        )
    }

    #[test]
    fn headings_get_unique_ids_and_self_links() {
        let r = md("## Before you go\n\n## Before you go\n\n### Devices {#kit}\n");
        assert!(r.html.contains("<h2 id=\"before-you-go\">Before you go <a class=\"heading-link\" href=\"#before-you-go\">"));
        assert!(r.html.contains("<h2 id=\"before-you-go-1\">"));
        assert!(r.html.contains("<h3 id=\"kit\">"));
        assert_eq!(r.toc.len(), 3);
        assert!(r.anchors.contains("kit"));
    }

    /// Table cells stay separate words in the page text that search indexes.
    #[test]
    fn table_cells_are_separate_words_in_the_text() {
        let r =
            md("| Scheme | Body |\n| --- | --- |\n| ATAS | FCDO |\n| Export control | ECJU |\n");
        let words: Vec<&str> = r.text.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "Scheme", "Body", "ATAS", "FCDO", "Export", "control", "ECJU"
            ]
        );
        assert!(r.text.contains("ATAS FCDO \n"), "{:?}", r.text);
    }

    #[test]
    fn links_are_rewritten_and_recorded() {
        let r = md(
            "See [ECO](../legislation/eco.md#licences) and [x](@/legislation/eco.md).\n\n[gone](missing.md)",
        );
        assert!(
            r.html.contains("href=\"/legislation/eco/#licences\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"/legislation/eco/\""));
        assert!(r.html.contains("href=\"missing.md\""));
        assert_eq!(r.links.len(), 3);
        assert!(md("[a](https://gov.uk)").links[0].target == Target::External);
        assert_eq!((r.links[2].line, r.links[2].column), (3, 8));
    }

    #[test]
    fn scripts_are_removed() {
        let r = md(
            "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("javascript:"));
        assert!(!r.html.contains("onclick"));
    }

    #[test]
    fn contact_shortcode() {
        let r = md("Intro\n\n{{< contact \"eco-manager\" >}}\n\nMore");
        assert!(r.html.contains("<div class=\"card\">ECO</div>"));
        assert_eq!(
            r.cards,
            vec![CardRef {
                line: 3,
                id: "eco-manager".into()
            }]
        );
    }

    #[test]
    fn first_h1_skipped_when_it_is_the_title() {
        let r = render(
            "# Title\n\nText\n",
            "a.md",
            1,
            MarkdownOptions {
                skip_first_h1: true,
                ..Default::default()
            },
            &Fake,
        );
        assert_eq!(r.html, "<p>Text</p>\n");
    }

    #[test]
    fn deep_nesting_does_not_crash() {
        let deep = "> ".repeat(10_000) + "x\n";
        let r = md(&deep);
        assert!(r.html.contains("x"));
        let list: String = (0..10_000)
            .map(|i| format!("{}- a\n", "  ".repeat(i)))
            .collect();
        md(&list);
    }
}
