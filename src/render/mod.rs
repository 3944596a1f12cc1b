//! Render: pages to HTML. Markdown through pulldown-cmark, then through the theme's
//! templates with the context in `context/`.
//!
//! Input: the [`Site`] and [`Config`]. Output: HTML strings and, per page, what the
//! checks and the search index need ([`markdown::Rendered`]). Does no IO except
//! reading templates (in `templates.rs`).

pub mod blocks;
pub mod callouts;
pub mod context;
pub mod editions;
pub mod kinds;
pub mod layout;
pub mod markdown;
mod page_context;
pub mod print;
pub mod sanitize;
pub mod shortcodes;
pub mod site_map;
pub mod tags;
pub mod templates;
pub mod url_links;

use std::collections::HashMap;

pub use page_context::SiteView;
pub use templates::Templates;

use crate::config::Config;
use crate::content::urls::Target;
use crate::content::{Kind, Page, Site};
use crate::error::{Diagnostic, Result};
use context::{AssetUrls, SiteCtx};
use markdown::{MarkdownOptions, Rendered, Resolver};

/// Resolves links against the site: content paths to URLs, contact ids to cards.
pub struct SiteResolver<'a> {
    pub site: &'a Site,
    pub prefix: &'a str,
    pub cards: &'a HashMap<String, String>,
    /// The URL path of the page whose links are resolved.
    pub from_path: &'a str,
    /// Read links that name no Markdown file as URLs first (a bare folder).
    pub urls_first: bool,
}

impl Resolver for SiteResolver<'_> {
    fn page_url(&self, rel: &str) -> Option<String> {
        let p = self.site.page_by_rel(rel).or_else(|| {
            let alt = rel
                .strip_suffix("/_index.md")
                .map(|d| format!("{d}/index.md"))
                .or_else(|| (rel == "_index.md").then(|| "index.md".to_string()))?;
            self.site.page_by_rel(&alt)
        })?;
        Some(format!("{}{}", self.prefix, p.path))
    }

    fn asset_url(&self, rel: &str) -> Option<String> {
        self.site
            .has_asset(rel)
            .then(|| format!("{}{}", self.prefix, rel))
    }

    fn contact_card(&self, id: &str) -> Option<String> {
        self.cards.get(id).cloned()
    }

    fn url_target(&self, dest: &str) -> Option<Target> {
        url_links::target(self.site, self.prefix, self.from_path, dest)
    }

    fn urls_first(&self) -> bool {
        self.urls_first
    }
}

/// Everything needed to render any page of one site, prepared once per build.
pub struct Renderer<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub view: SiteView<'a>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        config: &'a Config,
        site: &'a Site,
        templates: &'a Templates,
        assets: AssetUrls,
    ) -> Result<Renderer<'a>> {
        let view = SiteView::new(config, site, templates, assets)?;
        Ok(Renderer {
            config,
            site,
            templates,
            view,
        })
    }

    /// Show the edition switcher (and, on an archived edition, the banner): this
    /// renderer draws site number `reading` of `nav`.
    pub fn with_editions(mut self, nav: &'a editions::EditionsNav, reading: usize) -> Self {
        self.view.editions = Some((nav, reading));
        self
    }

    /// The Markdown of page `i`, rendered (with, on a triage page, what its tree
    /// links to, for the checks).
    pub fn markdown(&self, i: usize) -> Rendered {
        let page = &self.site.pages[i];
        let mut md = self.markdown_text(page, page.body(), page.body_line, page.title_from_heading);
        if page.kind == Kind::Decision {
            kinds::triage::add_tree_refs(self, page, &mut md);
        }
        let (_, problem) = layout::page_template(self.templates, page, self.config.is_lenient());
        md.diagnostics.extend(problem);
        md
    }

    /// Markdown `text` written in `page`'s file from line `first_line`, rendered.
    pub fn markdown_text(
        &self,
        page: &Page,
        text: &str,
        first_line: usize,
        skip_h1: bool,
    ) -> Rendered {
        let resolver = SiteResolver {
            site: self.site,
            prefix: &self.config.url_prefix,
            cards: &self.view.cards,
            from_path: &page.path,
            urls_first: self.config.is_lenient(),
        };
        let opts = MarkdownOptions {
            sanitize: self.config.settings.markdown.sanitize_html,
            smart_punctuation: self.config.settings.markdown.smart_punctuation,
            skip_first_h1: skip_h1,
        };
        if !has_markup_of_other_dialects(text) {
            return markdown::render(text, &page.rel, first_line, opts, &resolver);
        }
        let blocks = blocks::rewrite(text);
        let text = callouts::admonitions(&blocks);
        let ctx = shortcodes::Context {
            site: self.site,
            from_rel: &page.rel,
            keep_raw: false,
        };
        let expanded = shortcodes::expand(&text, &ctx);
        let mut md = markdown::render(&expanded.text, &page.rel, first_line, opts, &resolver);
        md.diagnostics.extend(
            expanded
                .dropped
                .iter()
                .map(|d| dropped_tag(page, &text, first_line, d)),
        );
        md
    }

    /// The full HTML document of page `i`, given its rendered Markdown: a redirect
    /// page when it has `redirect_to`.
    pub fn page_html(&self, i: usize, md: &Rendered) -> Result<String> {
        let page = &self.site.pages[i];
        if let Some(to) = &page.fm.redirect_to {
            return self.redirect_to_html(&page.title, &self.site_url(to));
        }
        let ctx = self.view.context(i, md);
        let name = kinds::section_template(self.site, i)
            .filter(|t| page.fm.template.is_none() && self.templates.has(t))
            .map(String::from)
            .unwrap_or_else(|| {
                layout::page_template(self.templates, page, self.config.is_lenient()).0
            });
        self.templates.render(&name, &ctx)
    }

    /// An address as a link on this site: a path from the site's root gets the
    /// site's URL prefix; anything else is left as written.
    fn site_url(&self, to: &str) -> String {
        match to.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') => format!("{}{rest}", self.config.url_prefix),
            _ => to.to_string(),
        }
    }

    /// The 404 page.
    pub fn not_found_html(&self) -> Result<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.view.site_ctx(None));
        ctx.insert("page", &serde_json::json!({"kind": "not-found", "title": "Page not found", "summary": "", "breadcrumbs": []}));
        self.templates.render("404.html", &ctx)
    }

    /// A page made by guidebook rather than written (the review dashboard, say):
    /// `template` gets `site`, a `page` with `title` and `summary`, and `key` = `data`.
    pub fn generated_html(
        &self,
        template: &str,
        title: &str,
        summary: &str,
        key: &str,
        data: &(impl serde::Serialize + ?Sized),
    ) -> Result<String> {
        let home = context::Crumb {
            title: "Home".into(),
            url: self.config.url_prefix.clone(),
        };
        self.generated_html_in(template, title, summary, &[home], key, data)
    }

    /// [`Renderer::generated_html`] with the page's breadcrumbs.
    pub fn generated_html_in(
        &self,
        template: &str,
        title: &str,
        summary: &str,
        breadcrumbs: &[context::Crumb],
        key: &str,
        data: &(impl serde::Serialize + ?Sized),
    ) -> Result<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.view.site_ctx(None));
        ctx.insert(
            "page",
            &serde_json::json!({
                "kind": template.trim_end_matches(".html"),
                "title": title,
                "summary": summary,
                "breadcrumbs": breadcrumbs,
            }),
        );
        ctx.insert(key.to_string(), data);
        self.templates.render(template, &ctx)
    }

    /// A page that sends readers from an old URL to page `i`.
    pub fn redirect_html(&self, i: usize) -> Result<String> {
        let page = &self.site.pages[i];
        let url = format!("{}{}", self.config.url_prefix, page.path);
        self.redirect_to_html(&page.title, &url)
    }

    /// A page that sends readers on to `url`.
    fn redirect_to_html(&self, title: &str, url: &str) -> Result<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.view.site_ctx(None));
        ctx.insert("target", &serde_json::json!({"title": title, "url": url}));
        self.templates.render("redirect.html", &ctx)
    }
}

/// Whether `text` may hold fenced blocks, admonitions or template tags (one pass over
/// its bytes; most pages have none, and skip those stages).
fn has_markup_of_other_dialects(text: &str) -> bool {
    const NEEDLES: &[&[u8]] = &[b"{", b"!!!", b"???", b":::", b"///", b"--8<--", b"-8<-"];
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        matches!(b, b'{' | b'!' | b'?' | b':' | b'/' | b'-')
            && NEEDLES.iter().any(|n| bytes[i..].starts_with(n))
    })
}

/// A template tag left out of `page` (written in `text`, which starts at `first_line`).
fn dropped_tag(page: &Page, text: &str, first_line: usize, d: &shortcodes::Dropped) -> Diagnostic {
    let before = &text[..d.offset.min(text.len())];
    let line = first_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Diagnostic::warning(
        "shortcode",
        &page.display_path,
        format!(
            "`{}` is another generator's template tag; it is left out of the page",
            d.shown
        ),
    )
    .hint("write what it showed as Markdown, or leave it out")
    .key(d.shown.clone())
    .at(&page.text, line, column, d.len.min(80))
}

/// The site-wide part of every template context.
pub fn site_ctx(config: &Config, nav: Vec<context::NavItem>, assets: AssetUrls) -> SiteCtx {
    SiteCtx {
        title: config.title(),
        description: config.settings.description.clone(),
        language: config.settings.language.clone(),
        root: config.url_prefix.clone(),
        base_url: config.settings.base_url.clone(),
        nav,
        assets,
        extra: serde_json::to_value(&config.settings.extra).unwrap_or_default(),
        editions: Vec::new(),
        edition: None,
        feed: String::new(),
    }
}
