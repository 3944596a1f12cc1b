//! Placeholders: `TODO` left in a page (as `guidebook new` writes wherever the author
//! must write something) is a warning, so an unfinished page is not published by
//! mistake; `--strict` makes it an error.
//!
//! Input: the site's pages. Output: one diagnostic per page that holds any, on the
//! first line that does. No IO.

use crate::content::Site;
use crate::error::Diagnostic;

/// The word `guidebook new` marks unwritten text with.
pub const WORD: &str = "TODO";

pub fn check(site: &Site) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .filter(|p| p.file.is_some())
        .filter_map(|p| {
            let lines: Vec<(usize, usize)> = p
                .text
                .lines()
                .enumerate()
                .filter_map(|(i, l)| word_at(l).map(|c| (i + 1, c)))
                .collect();
            let &(line, column) = lines.first()?;
            let count = match lines.len() {
                1 => "a `TODO` placeholder".to_string(),
                n => format!("`TODO` placeholders on {n} lines"),
            };
            Some(
                Diagnostic::warning(
                    "placeholder",
                    &p.display_path,
                    format!("this page still has {count}"),
                )
                .at(&p.text, line, column, WORD.len())
                .hint("write the text the placeholder stands for, then remove the `TODO`"),
            )
        })
        .collect()
}

/// The 1-based column of `TODO` as a word in `line`.
fn word_at(line: &str) -> Option<usize> {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    line.match_indices(WORD).find_map(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + WORD.len()..].chars().next();
        (!is_word(before) && !is_word(after)).then(|| line[..i].chars().count() + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_word_only() {
        assert_eq!(word_at("summary = \"TODO: one sentence\""), Some(12));
        assert_eq!(word_at("- [ ] TODO"), Some(7));
        assert_eq!(word_at("TODOS and MYTODO"), None);
        assert_eq!(word_at("a todo list"), None);
    }
}
