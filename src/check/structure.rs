//! Page structure: required fields for the page's kind, images without alt text,
//! skipped heading levels, empty pages, and unsafe raw HTML when sanitising is off.

use crate::config::Config;
use crate::content::{Kind, Page, Site};
use crate::error::Diagnostic;
use crate::render::markdown::Rendered;

pub fn check(config: &Config, site: &Site, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (page, r) in site.pages.iter().zip(rendered) {
        if page.file.is_none() {
            continue;
        }
        if config.has_config_file && !page.has_errors {
            out.extend(missing_fields(page));
        }
        out.extend(images_without_alt(page, r));
        out.extend(heading_levels(page, r));
        if let Some(d) = empty_page(page, r) {
            out.push(d);
        }
        if !config.settings.markdown.sanitize_html {
            out.extend(unsafe_html(page, r));
        }
    }
    out
}

/// Fields each kind needs, beside `summary`, which every page should have.
fn required(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Legislation => &["short_name", "department", "requires"],
        Kind::Contact => &["name", "role", "email"],
        Kind::Decision => &["start", "questions", "outcomes"],
        _ => &[],
    }
}

fn missing_fields(page: &Page) -> Vec<Diagnostic> {
    let fm = &page.fm;
    let present = |f: &str| match f {
        "summary" => fm.summary.as_deref().is_some_and(|s| !s.trim().is_empty()),
        "short_name" => fm.short_name.is_some(),
        "department" => fm.department.is_some(),
        "requires" => fm.requires.is_some(),
        "name" => fm.name.is_some() || fm.internal_fields.iter().any(|x| x == "name"),
        "role" => fm.role.is_some() || fm.internal_fields.iter().any(|x| x == "role"),
        "email" => fm.email.is_some() || fm.internal_fields.iter().any(|x| x == "email"),
        "institution" => fm.institution.is_some(),
        "year" => fm.year.is_some(),
        "start" => fm.start.is_some(),
        "questions" => !fm.questions.is_empty(),
        "outcomes" => !fm.outcomes.is_empty(),
        _ => true,
    };
    let summary = (!present("summary")).then(|| missing_summary(page));
    required(page.kind)
        .iter()
        .copied()
        .filter(|f| !present(f))
        .map(|f| {
            Diagnostic::error(
                "missing-field",
                &page.display_path,
                format!(
                    "a {} page needs `{f}`, and this one has none",
                    page.kind.name()
                ),
            )
            .at(&page.text, 1, 1, 3)
            .hint(field_hint(f))
        })
        .chain(summary)
        .collect()
}

/// A page without `summary` still builds: listings, search and the description meta
/// tag show its first paragraph instead.
fn missing_summary(page: &Page) -> Diagnostic {
    let message = if page.description.is_empty() {
        "this page has no `summary`, and no paragraph to show instead"
    } else {
        "this page has no `summary`; its first paragraph is shown instead"
    };
    Diagnostic::warning("missing-summary", &page.display_path, message)
        .at(&page.text, 1, 1, 3)
        .hint(field_hint("summary"))
}

fn field_hint(field: &str) -> String {
    match field {
        "summary" => "add `summary = \"One sentence saying what this page answers.\"`: it is shown in listings and search".into(),
        "year" => "add `year = 2026`".into(),
        "questions" | "outcomes" => format!("add at least one `[[{field}]]` table"),
        _ => format!("add `{field} = \"...\"` to the front matter"),
    }
}

fn images_without_alt(page: &Page, r: &Rendered) -> Vec<Diagnostic> {
    r.links
        .iter()
        .filter(|l| l.is_image && l.empty_alt)
        .map(|l| {
            Diagnostic::error(
                "image-alt",
                &page.display_path,
                format!("image `{}` has no alt text", l.dest),
            )
            .at(&page.text, l.line, l.column, l.dest.chars().count())
            .hint("describe the image between the brackets: ![A map of the campus](map.png); for a purely decorative image use a CSS background instead")
        })
        .collect()
}

fn heading_levels(page: &Page, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut prev = 1u8;
    for &(level, line) in &r.heading_levels {
        if level == 1 {
            out.push(
                Diagnostic::warning(
                    "heading-levels",
                    &page.display_path,
                    "a level-one heading in the page text: the page title is already the level-one heading",
                )
                .at(&page.text, line, 1, 1)
                .hint("start sections with `##`"),
            );
        } else if level > prev + 1 {
            out.push(
                Diagnostic::warning(
                    "heading-levels",
                    &page.display_path,
                    format!(
                        "heading level {level} follows level {prev}, skipping level {}",
                        prev + 1
                    ),
                )
                .at(&page.text, line, 1, level as usize)
                .hint(format!(
                    "use {} for this heading, so screen reader users can follow the outline",
                    "#".repeat(prev as usize + 1)
                )),
            );
        }
        if level > 1 {
            prev = level;
        }
    }
    out
}

fn empty_page(page: &Page, r: &Rendered) -> Option<Diagnostic> {
    let exempt = page.is_index
        || page.fm.redirect_to.is_some()
        || matches!(page.kind, Kind::Contact | Kind::Decision)
        || r.has_raw_html
        || r.links.iter().any(|l| l.is_image);
    (!exempt && !r.has_text()).then(|| {
        Diagnostic::warning("empty-page", &page.display_path, "this page has no text")
            .at(
                &page.text,
                page.body_line.min(page.text.lines().count().max(1)),
                1,
                1,
            )
            .hint("write the page, or mark it `draft = true` until it is ready")
    })
}

fn unsafe_html(page: &Page, r: &Rendered) -> Vec<Diagnostic> {
    r.raw_html
        .iter()
        .filter_map(|(line, h)| {
            let lower = h.to_ascii_lowercase();
            let what = if lower.contains("<script") {
                "a <script> element"
            } else if lower.contains("javascript:") {
                "a javascript: URL"
            } else if has_event_handler(&lower) {
                "an event handler attribute"
            } else {
                return None;
            };
            Some(
                Diagnostic::error(
                    "unsafe-html",
                    &page.display_path,
                    format!("raw HTML with {what}, and sanitising is off"),
                )
                .at(&page.text, *line, 1, 1)
                .hint(
                    "remove it, or turn sanitising back on with `[markdown] sanitize_html = true`",
                ),
            )
        })
        .collect()
}

/// ` onclick=`, ` onload =` and the like.
fn has_event_handler(lower: &str) -> bool {
    lower.match_indices("on").any(|(i, _)| {
        let before = lower[..i].chars().last();
        let rest = &lower[i + 2..];
        let name_len = rest.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        matches!(before, Some(c) if c.is_whitespace() || c == '/' || c == '"' || c == '\'')
            && name_len > 0
            && rest[name_len..].trim_start().starts_with('=')
    })
}

#[cfg(test)]
mod tests {
    use super::has_event_handler;

    #[test]
    fn event_handlers() {
        assert!(has_event_handler("<img src=x onerror=alert(1)>"));
        assert!(has_event_handler("<a onclick = \"x\">"));
        assert!(!has_event_handler("<p>only one</p>"));
        assert!(!has_event_handler("<a data-on=\"x\">"));
    }
}
