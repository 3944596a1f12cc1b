//! Which template draws a page: the page's own `template` (or another generator's
//! `layout`) when it names a page template, else the kind's.
//!
//! Input: the compiled [`Templates`], the page's kind and the template it asks for.
//! Output: the template's name and, when the one asked for cannot draw a page, a
//! [`Diagnostic`]. A name that does not exist falls back with a warning (`post`,
//! `docs`: the layouts of other generators); one that is not a page template
//! (`redirect.html`, `partials/…`) is an error in a configured site and a warning in a
//! bare folder. No IO.

use super::templates::Templates;
use crate::content::{Kind, Page};
use crate::error::Diagnostic;

/// Templates that draw something other than a written page.
const NOT_PAGES: &[&str] = &[
    "base.html",
    "404.html",
    "redirect.html",
    "search.html",
    "review.html",
    "changes.html",
    "triage-question.html",
    "triage-outcome.html",
];

/// The template of a page of `kind` that asks for `explicit`, and what is wrong with
/// that request, if anything.
pub fn page_template(
    templates: &Templates,
    page: &Page,
    bare: bool,
) -> (String, Option<Diagnostic>) {
    let by_kind = kind_template(templates, page.kind);
    let Some(asked) = page.fm.template.as_deref().map(str::trim) else {
        return (by_kind, None);
    };
    let found = [asked.to_string(), format!("{asked}.html")]
        .into_iter()
        .find(|t| templates.has(t));
    let problem = match found {
        Some(t) if is_page_template(&t) => return (t, None),
        Some(t) => Diagnostic::error(
            "template",
            &page.display_path,
            format!("template `{t}` draws guidebook's own pages, not a written page; this page uses {by_kind}"),
        )
        .hint("remove `template`, or name a page template such as `page.html`"),
        None => Diagnostic::warning(
            "template",
            &page.display_path,
            format!("template `{asked}` does not exist; the page uses {by_kind}"),
        )
        .hint("add the template to templates/, or remove `template` (or `layout`)"),
    };
    let mut problem = problem.key(asked.to_string());
    if bare {
        problem.severity = crate::error::Severity::Warning;
    }
    (by_kind, Some(locate(problem, page, asked)))
}

/// The template every page of `kind` uses unless it asks for another.
pub fn kind_template(templates: &Templates, kind: Kind) -> String {
    let by_kind = format!("{}.html", kind.name());
    if templates.has(&by_kind) {
        return by_kind;
    }
    match kind {
        Kind::Home => "index.html".into(),
        Kind::Section => "section.html".into(),
        _ => "page.html".into(),
    }
}

fn is_page_template(name: &str) -> bool {
    !NOT_PAGES.contains(&name) && !name.starts_with("partials/")
}

/// Point at the line of the front matter that names the template.
fn locate(d: Diagnostic, page: &Page, asked: &str) -> Diagnostic {
    let front = &page.text[..page.body_offset.min(page.text.len())];
    match front
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(asked) && (l.contains("template") || l.contains("layout")))
    {
        Some((i, l)) => {
            let col = l
                .find(asked)
                .map(|c| l[..c].chars().count() + 1)
                .unwrap_or(1);
            d.at(&page.text, i + 1, col, asked.chars().count())
        }
        None => d,
    }
}
