//! Render: pages to HTML. Markdown through pulldown-cmark, then through the theme's
//! templates with the context in `context.rs`.
//!
//! Input: the [`Site`] and [`Config`]. Output: HTML strings and, per page, what the
//! checks and the search index need ([`markdown::Rendered`]). Does no IO except
//! reading templates (in `templates.rs`).

pub mod context;
pub mod editions;
pub mod kinds;
pub mod markdown;
mod page_context;
pub mod sanitize;
pub mod templates;

use std::collections::HashMap;

pub use page_context::SiteView;
pub use templates::Templates;

use crate::config::Config;
use crate::content::{Kind, Page, Site};
use crate::error::Result;
use context::{AssetUrls, SiteCtx};
use markdown::{MarkdownOptions, Rendered, Resolver};

/// Resolves links against the site: content paths to URLs, contact ids to cards.
pub struct SiteResolver<'a> {
    pub site: &'a Site,
    pub prefix: &'a str,
    pub cards: &'a HashMap<String, String>,
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
        };
        let opts = MarkdownOptions {
            sanitize: self.config.settings.markdown.sanitize_html,
            smart_punctuation: self.config.settings.markdown.smart_punctuation,
            skip_first_h1: skip_h1,
        };
        markdown::render(text, &page.rel, first_line, opts, &resolver)
    }

    /// The full HTML document of page `i`, given its rendered Markdown.
    pub fn page_html(&self, i: usize, md: &Rendered) -> Result<String> {
        let page = &self.site.pages[i];
        let ctx = self.view.context(i, md);
        let name = kinds::section_template(self.site, i)
            .filter(|t| page.fm.template.is_none() && self.templates.has(t))
            .map(String::from)
            .unwrap_or_else(|| self.template_for(page.kind, page.fm.template.as_deref()));
        self.templates.render(&name, &ctx)
    }

    fn template_for(&self, kind: Kind, explicit: Option<&str>) -> String {
        if let Some(t) = explicit.filter(|t| self.templates.has(t)) {
            return t.to_string();
        }
        let by_kind = format!("{}.html", kind.name());
        if self.templates.has(&by_kind) {
            return by_kind;
        }
        match kind {
            Kind::Home => "index.html".into(),
            Kind::Section => "section.html".into(),
            _ => "page.html".into(),
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
        data: &serde_json::Value,
    ) -> Result<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.view.site_ctx(None));
        ctx.insert(
            "page",
            &serde_json::json!({
                "kind": template.trim_end_matches(".html"),
                "title": title,
                "summary": summary,
                "breadcrumbs": [{"title": "Home", "url": self.config.url_prefix}],
            }),
        );
        ctx.insert(key.to_string(), data);
        self.templates.render(template, &ctx)
    }

    /// A page that sends readers from an old URL to page `i`.
    pub fn redirect_html(&self, i: usize) -> Result<String> {
        let page = &self.site.pages[i];
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.view.site_ctx(None));
        ctx.insert(
            "target",
            &serde_json::json!({"title": page.title, "url": format!("{}{}", self.config.url_prefix, page.path)}),
        );
        self.templates.render("redirect.html", &ctx)
    }
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
    }
}
