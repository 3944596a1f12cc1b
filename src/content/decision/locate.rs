//! Where the parts of a triage tree are written in its page's front matter, so that
//! problems (and the tree's links and contacts) are reported on their own lines.
//!
//! Input: one page's text. Output: 1-based file lines and columns. Pure.

use crate::content::{Page, frontmatter};
use crate::error::Diagnostic;

/// The front matter lines of one page, to find where a tree's parts are written.
pub struct Locator<'a> {
    text: &'a str,
    /// (1-based file line, text) of each front matter line.
    front: Vec<(usize, &'a str)>,
    first: usize,
}

impl<'a> Locator<'a> {
    pub fn of(page: &'a Page) -> Locator<'a> {
        let (front, first) = match frontmatter::split(&page.text, &page.display_path) {
            Ok(s) => (s.front, s.front_line),
            Err(_) => ("", 1),
        };
        Locator {
            text: &page.text,
            front: front
                .lines()
                .enumerate()
                .map(|(i, l)| (i + first, l))
                .collect(),
            first,
        }
    }

    pub(super) fn at(&self, d: Diagnostic, line: usize, col: usize) -> Diagnostic {
        d.at(self.text, line, col, 1)
    }

    /// Lines that set `id` to `value` (`id = "x"`, `id: x`, `- id: x`).
    fn id_lines(&self, value: &str) -> Vec<(usize, usize)> {
        self.front
            .iter()
            .filter_map(|(n, l)| {
                let (key, v, col) = key_value(l)?;
                (key == "id" && v == value).then_some((*n, col))
            })
            .collect()
    }

    /// The line and column of the node `id`'s id (the first, if repeated).
    pub fn id_line(&self, id: &str) -> (usize, usize) {
        self.id_lines(id)
            .first()
            .copied()
            .unwrap_or((self.first, 1))
    }

    pub(super) fn id_line_last(&self, id: &str) -> usize {
        self.id_lines(id).last().map(|p| p.0).unwrap_or(self.first)
    }

    pub(super) fn key_line(&self, key: &str) -> (usize, usize) {
        self.front
            .iter()
            .find_map(|(n, l)| {
                let (k, _, col) = key_value(l)?;
                (k == key).then_some((*n, col))
            })
            .unwrap_or((self.first, 1))
    }

    /// Where node `id` gives `key` the value `value` (an answer's `next`, an
    /// outcome's `processes` or `contacts` entry): the first such line after the
    /// node's id, else anywhere, else the node's id line.
    pub fn value_line(&self, id: &str, key: &str, value: &str) -> (usize, usize) {
        let (from, _) = self.id_line(id);
        let hit = |(n, l): &&(usize, &str)| -> Option<(usize, usize)> {
            let i = l.find(key)?;
            let rest = &l[i..];
            let at = [
                format!("\"{value}\""),
                format!("'{value}'"),
                value.to_string(),
            ]
            .iter()
            .find_map(|pat| rest.find(pat.as_str()))?;
            Some((*n, l[..i + at].chars().count() + 1))
        };
        self.front
            .iter()
            .filter(|(n, _)| *n >= from)
            .find_map(|x| hit(&x))
            .or_else(|| self.front.iter().find_map(|x| hit(&x)))
            .unwrap_or_else(|| self.id_line(id))
    }

    /// The file line on which text `text` of node `id` starts (a help text or an
    /// outcome's body), else the node's id line.
    pub fn text_line(&self, id: &str, text: &str) -> usize {
        let (from, _) = self.id_line(id);
        let first = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let probe: String = first.chars().take(40).collect();
        if probe.is_empty() {
            return from;
        }
        self.front
            .iter()
            .filter(|(n, _)| *n >= from)
            .find(|(_, l)| l.contains(probe.as_str()))
            .map(|(n, _)| *n)
            .unwrap_or(from)
    }
}

/// `key = "value"`, `key: value` or `- key: value` → (key, unquoted value, 1-based column of the key).
fn key_value(line: &str) -> Option<(&str, &str, usize)> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let (body, extra) = match trimmed.strip_prefix("- ") {
        Some(b) => (b.trim_start(), trimmed.len() - b.trim_start().len()),
        None => (trimmed, 0),
    };
    let sep = body.find(['=', ':'])?;
    let key = body[..sep].trim();
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let value = body[sep + 1..].trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    Some((key, value, line[..lead + extra].chars().count() + 1))
}
