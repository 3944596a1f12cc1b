//! Cleaning raw HTML written in Markdown (ammonia): no script, no event handlers, no
//! `javascript:` URLs. Keeps the ids, classes and ARIA attributes guidebook itself
//! writes, so a page's own markup survives.

use std::collections::HashSet;

fn cleaner() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    let generic: HashSet<&str> = [
        "id",
        "class",
        "role",
        "tabindex",
        "title",
        "lang",
        "aria-label",
        "aria-hidden",
        "aria-describedby",
        "aria-labelledby",
    ]
    .into_iter()
    .collect();
    b.add_generic_attributes(generic)
        .add_tags([
            "input",
            "label",
            "details",
            "summary",
            "section",
            "aside",
            "figure",
            "figcaption",
            "mark",
        ])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("label", ["for"])
        .add_tag_attributes("details", ["open"])
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::PassThrough);
    b
}

/// Remove everything unsafe from `html`.
pub fn clean(html: &str) -> String {
    cleaner().clean(html).to_string()
}
