//! The rules a site's `[check]` table may set to `"warning"` or `"error"`, and how a
//! key of that table names one (`review_overdue` or `review-overdue`).
//!
//! Input: rule codes and table keys. Output: the code a key names, if any. No IO, and
//! no imports: `config` reads this list to refuse a key that names no rule.

/// Every rule the check stage runs whose level a site may choose. Rules that stop a
/// file from being read (`front-matter`, `encoding`, `duplicate-url`, `symlink`,
/// `read`) are not among them: the page they are about cannot be built.
pub const CONFIGURABLE: &[&str] = &[
    "broken-link",
    "outside-link",
    "missing-anchor",
    "missing-file",
    "internal-link",
    "external-url",
    "unknown-contact",
    "decision-tree",
    "missing-field",
    "missing-summary",
    "template",
    "shortcode",
    "image-alt",
    "heading-levels",
    "empty-page",
    "unsafe-html",
    "orphan",
    "placeholder",
    "no-owner",
    "review-missing",
    "review-interval",
    "review-overdue",
    "review-due-soon",
];

/// The rule code a `[check]` key names: `review_overdue` and `review-overdue` both
/// name `review-overdue`. `None` when it names no configurable rule.
pub fn code_of(key: &str) -> Option<&'static str> {
    let code = key.replace('_', "-");
    CONFIGURABLE.iter().copied().find(|c| *c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_rules_with_either_separator() {
        assert_eq!(code_of("review_overdue"), Some("review-overdue"));
        assert_eq!(code_of("review-overdue"), Some("review-overdue"));
        assert_eq!(code_of("missing_summary"), Some("missing-summary"));
        assert_eq!(code_of("front_matter"), None);
        assert_eq!(code_of("review_overdew"), None);
    }
}
