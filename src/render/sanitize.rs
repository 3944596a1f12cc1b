//! Cleaning raw HTML written in Markdown (ammonia): no script, no event handlers, no
//! `javascript:` URLs. Keeps the ids, classes and ARIA attributes guidebook itself
//! writes, so a page's own markup survives.

use std::collections::HashSet;

/// Elements removed with everything in them: a page never shows their text, so
/// neither does its search entry ([`hidden_depth`]).
pub const DROPPED_WITH_CONTENT: &[&str] = &["script", "style"];

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
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::PassThrough);
    b
}

/// Remove everything unsafe from `html`.
pub fn clean(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// How deep inside elements of [`DROPPED_WITH_CONTENT`] the text after the raw HTML
/// `html` is, given the depth before it. Text at a depth above zero is not shown.
pub fn hidden_depth(mut depth: usize, html: &str) -> usize {
    let lower = html.to_ascii_lowercase();
    for (i, _) in lower.match_indices('<') {
        let rest = &lower[i + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !DROPPED_WITH_CONTENT.contains(&name.as_str()) {
            continue;
        }
        let tag_end = rest.find('>').map(|j| &rest[..j]).unwrap_or(rest);
        if closing {
            depth = depth.saturating_sub(1);
        } else if !tag_end.ends_with('/') {
            depth += 1;
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_inside_dropped_elements() {
        assert_eq!(hidden_depth(0, "<svg><script>"), 1);
        assert_eq!(hidden_depth(1, "</script></svg>"), 0);
        assert_eq!(hidden_depth(0, "<STYLE type=x>"), 1);
        assert_eq!(hidden_depth(0, "<scripted>"), 0);
        assert_eq!(hidden_depth(0, "<script src=x />"), 0);
        assert_eq!(hidden_depth(0, "</script>"), 0);
        assert_eq!(clean("<p>a<script>alert(5)</script>b</p>"), "<p>ab</p>");
    }
}
