//! A page's description when it gives no `summary`: the words of its first paragraph,
//! as plain text, cut at a word boundary to at most [`MAX_CHARS`] characters.
//!
//! Input: the page's Markdown body. Output: a string (empty when the page has no
//! paragraph of its own). No IO. `import` uses [`first_paragraph`] too, for the
//! summary it writes into imported pages.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The longest description, in characters, with the ellipsis a cut adds.
pub const MAX_CHARS: usize = 160;

/// The first paragraph of `markdown`, at most [`MAX_CHARS`] characters: cut after the
/// last whole word that fits, with `…` added.
/// Another generator's template tags (`{{ … }}`, `{% … %}`) are not words a reader
/// sees: they are left out, and a paragraph of nothing else is passed over.
pub fn describe(markdown: &str) -> String {
    cut(&paragraph(markdown, without_tags), MAX_CHARS)
}

/// The words of the first paragraph of the page's own text (not in a list, quote,
/// table or callout), with the whitespace collapsed. (`import` calls it on text whose
/// template tags are already expanded, so what is left of them is the page's text.)
pub fn first_paragraph(markdown: &str) -> String {
    paragraph(markdown, str::to_string)
}

/// The first paragraph that still has words once `clean` has had it.
fn paragraph(markdown: &str, clean: impl Fn(&str) -> String) -> String {
    let mut depth = 0usize;
    let mut words = String::new();
    let mut inside = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => inside = true,
            Event::End(TagEnd::Paragraph) if inside => {
                let text = collapse(&clean(&words));
                if !text.is_empty() {
                    return text;
                }
                words.clear();
                inside = false;
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::Item) => {
                depth += 1
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table | TagEnd::Item) => {
                depth = depth.saturating_sub(1)
            }
            Event::Text(t) | Event::Code(t) if inside => words.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => words.push(' '),
            _ => {}
        }
    }
    String::new()
}

/// `text` cut to at most `max` characters at a word boundary, with `…` when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // one word longer than the limit: cut inside it rather than show nothing
        out = text.chars().take(max - 1).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', '.', '-', '–', '—']);
    format!("{out}…")
}

/// `text` without Hugo shortcodes and Liquid tags, which are not words a reader sees.
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(['{']) {
        let close = match rest[start..].get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                out.push_str(&rest[..=start]);
                rest = &rest[start + 1..];
                continue;
            }
        };
        out.push_str(&rest[..start]);
        match rest[start + 2..].find(close) {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_paragraph_of_the_pages_own_text() {
        let md = "# Title\n\n> A quote first.\n\n- a list\n\nYou must *check* the\n`list` first.\n\nNot this.";
        assert_eq!(first_paragraph(md), "You must check the list first.");
    }

    #[test]
    fn template_tags_are_not_words_of_a_description() {
        let md = "{{< figure src=\"a.png\" >}}\n\nSee {% link a.md %} for {{ site.title }} help.";
        assert_eq!(describe(md), "See for help.");
        assert_eq!(
            describe("{{< only-a-shortcode >}}\n\nReal words."),
            "Real words."
        );
        // import's first paragraph keeps what is left after its own expansion
        assert_eq!(
            first_paragraph("Liquid looks like {{ this }}."),
            "Liquid looks like {{ this }}."
        );
    }

    #[test]
    fn short_paragraphs_are_whole() {
        assert_eq!(describe("Short and whole."), "Short and whole.");
        assert_eq!(describe(""), "");
    }

    #[test]
    fn long_paragraphs_are_cut_at_a_word_boundary() {
        let md = "You need an export licence before you send controlled technology abroad, \
                  and that includes sharing it by email, in a video call or on a shared drive \
                  that a partner overseas can open.";
        let d = describe(md);
        assert_eq!(
            d,
            "You need an export licence before you send controlled technology abroad, and \
             that includes sharing it by email, in a video call or on a shared drive that a…"
        );
        assert!(d.chars().count() <= MAX_CHARS);
    }

    #[test]
    fn exactly_the_limit_is_not_cut() {
        let md = "a".repeat(MAX_CHARS);
        assert_eq!(describe(&md), md);
        let long = "b".repeat(MAX_CHARS + 5);
        let d = describe(&long);
        assert_eq!(d.chars().count(), MAX_CHARS);
        assert!(d.ends_with('…'));
    }
}
