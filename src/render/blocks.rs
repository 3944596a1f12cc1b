//! Fenced blocks of other Markdown dialects, rewritten before parsing as callout
//! markers (see `callouts.rs`) or unwrapped:
//!
//! - `:::` fenced divs of Pandoc, Quarto, Docusaurus and the Carpentries lessons:
//!   `::: {.callout-warning title="Mind"}`, `:::tip[Title]`, `::: challenge` … `:::`;
//! - `///` blocks of pymdownx (MkDocs): `/// note | Title` … `///`, `/// details`.
//!
//! A block whose name is a callout kind (or a lesson box: challenge, solution,
//! objectives, …) becomes a callout; `details`, `solution`, `spoiler` and `hint` fold
//! away; any other block (`::: columns`, `/// tab | Python`) keeps its text without
//! the fences. An opening line with no closing one is left as it is. Fenced code is
//! left alone, and line numbers are kept. Pure.

use std::borrow::Cow;

use super::callouts::{Callout, Fold, close_marker, open_marker};

/// Rewrite the fenced blocks of `text`.
pub fn rewrite(text: &str) -> Cow<'_, str> {
    if !text.contains(":::") && !text.contains("///") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let closers = pair_fences(&lines);
    let mut out = String::with_capacity(text.len() + 64);
    let mut open: Vec<bool> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let newline = if line.ends_with('\n') { "\n" } else { "" };
        match closers[i] {
            Fence::Open(ref head) => {
                let (marker, boxed) = opening(head);
                out.push_str(&marker);
                out.push_str(newline);
                open.push(boxed);
            }
            Fence::Close => {
                if open.pop() == Some(true) {
                    out.push_str(close_marker());
                }
                out.push_str(newline);
            }
            Fence::None => out.push_str(line),
        }
    }
    Cow::Owned(out)
}

/// What a line is, once openings are paired with closings.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fence {
    None,
    /// An opening whose closing line exists: its head (`{.callout-note}`, `tip[T]`,
    /// `note | Title`) and delimiter.
    Open(Head),
    Close,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Head {
    text: String,
    pipe_title: bool,
}

/// Pair every opening fence with its closing one (nesting counted), outside code.
fn pair_fences(lines: &[&str]) -> Vec<Fence> {
    let mut kinds = vec![Fence::None; lines.len()];
    let mut stack: Vec<usize> = Vec::new();
    let mut code: Option<(char, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if let Some((ch, n)) = code {
            if t.chars().take_while(|&c| c == ch).count() >= n
                && t.trim_start_matches(ch).is_empty()
            {
                code = None;
            }
            continue;
        }
        if let Some(f) = code_fence(t) {
            code = Some(f);
            continue;
        }
        if line.len() - line.trim_start().len() > 3 {
            continue;
        }
        match fence_line(t) {
            Some((_, head)) if !head.is_empty() => stack.push(i),
            Some(_) => {
                if let Some(open) = stack.pop() {
                    let t_open = lines[open].trim();
                    let (delim, head) = fence_line(t_open).expect("an opening line");
                    kinds[open] = Fence::Open(Head {
                        text: head.to_string(),
                        pipe_title: delim == '/',
                    });
                    kinds[i] = Fence::Close;
                }
            }
            None => {}
        }
    }
    kinds
}

/// `:::` or `///` (three or more), and what follows on the line.
fn fence_line(t: &str) -> Option<(char, &str)> {
    ['/', ':'].into_iter().find_map(|ch| {
        let n = t.chars().take_while(|&c| c == ch).count();
        (n >= 3).then(|| (ch, t[n..].trim()))
    })
}

fn code_fence(t: &str) -> Option<(char, usize)> {
    ['`', '~'].into_iter().find_map(|ch| {
        let n = t.chars().take_while(|&c| c == ch).count();
        (n >= 3).then_some((ch, n))
    })
}

/// Lesson boxes of the Carpentries and similar, with the callout each is drawn as.
const BOXES: &[(&str, Callout, Fold)] = &[
    ("callout", Callout::Note, Fold::None),
    ("challenge", Callout::Tip, Fold::None),
    ("exercise", Callout::Tip, Fold::None),
    ("discussion", Callout::Note, Fold::None),
    ("prereq", Callout::Important, Fold::None),
    ("checklist", Callout::Note, Fold::None),
    ("objectives", Callout::Note, Fold::None),
    ("questions", Callout::Note, Fold::None),
    ("keypoints", Callout::Important, Fold::None),
    ("testimonial", Callout::Note, Fold::None),
    ("instructor", Callout::Note, Fold::Closed),
    ("solution", Callout::Tip, Fold::Closed),
    ("spoiler", Callout::Note, Fold::Closed),
    ("details", Callout::Note, Fold::Closed),
];

/// The marker an opening line becomes, and whether it opened a callout (else the
/// block is unwrapped and the line is left empty).
fn opening(head: &Head) -> (String, bool) {
    let (name, title) = name_and_title(head);
    let lower = name.to_ascii_lowercase();
    let plain = lower.strip_prefix("callout-").unwrap_or(&lower);
    let found = BOXES
        .iter()
        .find(|(n, _, _)| *n == plain)
        .map(|&(_, k, f)| (k, f))
        .or_else(|| Callout::from_name(plain).map(|k| (k, Fold::None)));
    match found {
        Some((kind, fold)) => {
            let title = if title.is_empty() {
                capitalise(plain)
            } else {
                title
            };
            (open_marker(kind, fold, &title), true)
        }
        None => (String::new(), false),
    }
}

/// `{.callout-note title="T"}` → (`callout-note`, `T`); `tip[T]` and `note T` →
/// (`tip`, `T`); `note | T` → (`note`, `T`).
fn name_and_title(head: &Head) -> (String, String) {
    let h = head.text.trim();
    if head.pipe_title {
        let (name, title) = h.split_once('|').unwrap_or((h, ""));
        return (name.trim().to_string(), title.trim().to_string());
    }
    if let Some(inner) = h.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        let name = inner
            .split_whitespace()
            .find(|w| w.starts_with('.'))
            .map(|w| w.trim_start_matches('.'))
            .unwrap_or("");
        let title = inner
            .split_once("title=")
            .map(|(_, t)| {
                t.trim_start_matches(['"', '\''])
                    .split(['"', '\''])
                    .next()
                    .unwrap_or("")
            })
            .unwrap_or("");
        return (name.to_string(), title.to_string());
    }
    let name_end = h
        .find(|c: char| c.is_whitespace() || c == '[' || c == '{')
        .unwrap_or(h.len());
    let (name, rest) = h.split_at(name_end);
    let title = rest
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    (name.trim_start_matches('.').to_string(), title.to_string())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fenced_divs_of_each_dialect() {
        let text = "::: {.callout-warning title=\"Mind the gap\"}\nA.\n:::\n\n:::tip[Quick]\nB.\n:::\n\n:::::: challenge\nC.\n\n::: solution\nD.\n:::\n::::::\n";
        assert_eq!(
            rewrite(text),
            "<!--guidebook:callout warning box Mind the gap-->\nA.\n<!--guidebook:callout-end-->\n\n\
             <!--guidebook:callout tip box Quick-->\nB.\n<!--guidebook:callout-end-->\n\n\
             <!--guidebook:callout tip box Challenge-->\nC.\n\n<!--guidebook:callout tip closed Solution-->\nD.\n<!--guidebook:callout-end-->\n<!--guidebook:callout-end-->\n"
        );
    }

    #[test]
    fn pymdownx_blocks_unwrapped_blocks_and_code() {
        let text = "/// note | Technical details\nE.\n///\n\n/// tab | Python\nF.\n///\n\n::: typer.Context\n\n```\n:::\n```\n";
        assert_eq!(
            rewrite(text),
            "<!--guidebook:callout note box Technical details-->\nE.\n<!--guidebook:callout-end-->\n\n\nF.\n\n\n::: typer.Context\n\n```\n:::\n```\n"
        );
    }

    proptest::proptest! {
        /// Whatever the text, rewriting never panics and keeps the number of lines.
        #[test]
        fn never_panics(text in "([:/ \n{}.a-z|\"`\\[\\]=-]|:::|///|```){0,60}") {
            let out = rewrite(&text);
            proptest::prop_assert_eq!(out.matches('\n').count(), text.matches('\n').count());
        }
    }
}
