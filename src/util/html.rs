//! HTML text and attribute escaping, and the `tel:` form of a UK telephone number,
//! shared by the renderer, search results, feeds and generated pages. Pure.

/// Escape `s` for HTML text or a quoted attribute value (`& < > " '`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `01632 960412` → `+441632960412`; other forms keep their digits and `+`.
pub fn tel_link(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    match digits.strip_prefix('0') {
        Some(rest) if !digits.starts_with("00") => format!("+44{rest}"),
        _ => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn telephone_links() {
        assert_eq!(tel_link("01632 960412"), "+441632960412");
        assert_eq!(tel_link("+44 1632 960412"), "+441632960412");
        assert_eq!(tel_link("0044 1632 960412"), "00441632960412");
        assert_eq!(tel_link("ext. 4412"), "4412");
    }
}
