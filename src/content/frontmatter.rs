//! Front matter: split a file into front matter and body, parse TOML (`+++`) or YAML
//! (`---`) into a plain map, and find the line each top-level key is on.
//!
//! Input: the whole text of one file. Output: a [`Split`] and a JSON map, or a
//! [`Diagnostic`] naming the line. Knows nothing of which keys mean what (see
//! `fields.rs`).

use serde_json::{Map, Value};

use crate::config::line_col;
use crate::error::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A file cut into its front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Option<Format>,
    /// The front matter text, without its fences.
    pub front: &'a str,
    /// 1-based line of the first line of `front` in the file.
    pub front_line: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
    /// 1-based line of the first line of `body` in the file.
    pub body_line: usize,
}

/// Cut `text` into front matter and body. An opening fence with no closing fence is an
/// error located at the opening fence.
pub fn split<'a>(text: &'a str, path: &str) -> Result<Split<'a>, Box<Diagnostic>> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let (format, fence) = if is_fence(rest, "+++") {
        (Format::Toml, "+++")
    } else if is_fence(rest, "---") {
        (Format::Yaml, "---")
    } else {
        return Ok(Split {
            format: None,
            front: "",
            front_line: 1,
            body: rest,
            body_offset: bom,
            body_line: 1,
        });
    };
    let first_nl = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    let mut pos = first_nl;
    let mut line = 2;
    while pos <= rest.len() {
        let end = rest[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(rest.len());
        let l = rest[pos..end].trim_end_matches('\r');
        if l.trim_end() == fence {
            let after = (end + 1).min(rest.len());
            return Ok(Split {
                format: Some(format),
                front: &rest[first_nl..pos],
                front_line: 2,
                body: &rest[after..],
                body_offset: bom + after,
                body_line: line + 1,
            });
        }
        if end == rest.len() {
            break;
        }
        pos = end + 1;
        line += 1;
    }
    let which = if format == Format::Toml {
        "TOML"
    } else {
        "YAML"
    };
    Err(Box::new(
        Diagnostic::error(
            "front-matter",
            path,
            format!("{which} front matter opened with `{fence}` on line 1 is never closed"),
        )
        .at(text, 1, 1, 3)
        .hint(format!(
            "add a line with only `{fence}` after the last field, before the page text"
        )),
    ))
}

fn is_fence(text: &str, fence: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    first.trim_end() == fence
}

/// Parse front matter text into a map. Errors name the line in the file.
pub fn parse(
    split: &Split<'_>,
    file_text: &str,
    path: &str,
) -> Result<Map<String, Value>, Box<Diagnostic>> {
    let Some(format) = split.format else {
        return Ok(Map::new());
    };
    let located = |offset: usize, message: String, hint: &str| {
        let (l, c) = line_col(split.front, offset);
        Box::new(
            Diagnostic::error("front-matter", path, message)
                .at(file_text, l + split.front_line - 1, c, 1)
                .hint(hint.to_string()),
        )
    };
    match format {
        Format::Toml => match split.front.parse::<toml::Table>() {
            Ok(t) => Ok(toml_table_to_json(t)),
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                let msg = e.message().lines().next().unwrap_or("").trim().to_string();
                Err(located(
                    offset,
                    format!("invalid TOML front matter: {msg}"),
                    "TOML front matter looks like `title = \"Travel advice\"`; quote text values",
                ))
            }
        },
        Format::Yaml => {
            if split.front.trim().is_empty() {
                return Ok(Map::new());
            }
            match serde_saphyr::from_str::<Value>(split.front) {
                Ok(Value::Object(m)) => Ok(m),
                Ok(Value::Null) => Ok(Map::new()),
                Ok(_) => Err(located(
                    0,
                    "YAML front matter must be a set of `key: value` lines".into(),
                    "write each field on its own line, like `title: Travel advice`",
                )),
                Err(e) => {
                    let text = e.to_string();
                    let (line, col) = yaml_location(&text).unwrap_or((1, 1));
                    let msg = yaml_message(&text);
                    Err(Box::new(
                        Diagnostic::error(
                            "front-matter",
                            path,
                            format!("invalid YAML front matter: {msg}"),
                        )
                        .at(file_text, line + split.front_line - 1, col, 1)
                        .hint("YAML front matter looks like `title: Travel advice`"),
                    ))
                }
            }
        }
    }
}

/// The first line of a YAML error without its own `error:` and its location (which
/// counts from the front matter's first line, not the file's: the diagnostic gives
/// the file's).
fn yaml_message(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error:").unwrap_or(first).trim_start();
    match first.strip_prefix("line ") {
        Some(rest) => match rest.split_once(": ") {
            Some((at, msg))
                if at
                    .chars()
                    .all(|c| c.is_ascii_digit() || " column".contains(c)) =>
            {
                msg.to_string()
            }
            _ => first.to_string(),
        },
        None => first.to_string(),
    }
}

/// Find "line N" / "column M" in a YAML error message.
fn yaml_location(message: &str) -> Option<(usize, usize)> {
    let num_after = |word: &str| -> Option<usize> {
        let i = message.find(word)? + word.len();
        let digits: String = message[i..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse().ok()
    };
    let line = num_after("line")?;
    Some((line, num_after("column").unwrap_or(1)))
}

fn toml_table_to_json(t: toml::Table) -> Map<String, Value> {
    t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(toml_table_to_json(t)),
    }
}

/// The 1-based file line and column on which top-level `key` is written, if found.
pub fn key_position(split: &Split<'_>, key: &str) -> Option<(usize, usize)> {
    for (i, line) in split.front.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let rest = trimmed
            .strip_prefix("[[")
            .or_else(|| trimmed.strip_prefix('['))
            .unwrap_or(trimmed);
        let rest = rest
            .strip_prefix('"')
            .map(|r| r.replacen('"', "", 1))
            .unwrap_or_else(|| rest.to_string());
        if let Some(after) = rest.strip_prefix(key) {
            let after = after.trim_start();
            if after.starts_with('=')
                || after.starts_with(':')
                || after.starts_with(']')
                || after.starts_with('.')
            {
                return Some((i + split.front_line, indent + 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml() {
        let t = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(t, "a.md").unwrap();
        assert_eq!(s.format, Some(Format::Toml));
        assert_eq!(s.front, "title = \"A\"\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
        assert_eq!(&t[s.body_offset..], "Body\n");
    }

    #[test]
    fn splits_yaml_with_crlf_and_bom() {
        let t = "\u{feff}---\r\ntitle: A\r\n---\r\nBody";
        let s = split(t, "a.md").unwrap();
        assert_eq!(s.format, Some(Format::Yaml));
        assert_eq!(s.body, "Body");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter() {
        let s = split("# Title\n\ntext", "a.md").unwrap();
        assert_eq!(s.format, None);
        assert_eq!(s.body, "# Title\n\ntext");
    }

    #[test]
    fn a_thematic_break_later_is_not_front_matter() {
        let s = split("Text\n\n---\n\nMore", "a.md").unwrap();
        assert_eq!(s.format, None);
    }

    #[test]
    fn unterminated_is_an_error_on_line_one() {
        let e = split("+++\ntitle = \"A\"\nBody\n", "content/a.md").unwrap_err();
        assert_eq!(
            e.message,
            "TOML front matter opened with `+++` on line 1 is never closed"
        );
        assert_eq!(e.line, 1);
    }

    #[test]
    fn parse_errors_name_the_file_line() {
        let t = "+++\ntitle = \"A\"\nsummary = \n+++\n";
        let s = split(t, "a.md").unwrap();
        let e = parse(&s, t, "a.md").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.starts_with("invalid TOML front matter"), "{e}");
    }

    #[test]
    fn yaml_lists_and_dates() {
        let t = "---\nredirect_from:\n  - /old/\nreviewed: 2026-01-02\n---\n";
        let s = split(t, "a.md").unwrap();
        let m = parse(&s, t, "a.md").unwrap();
        assert_eq!(m["redirect_from"][0], "/old/");
        assert_eq!(m["reviewed"], "2026-01-02");
    }

    #[test]
    fn finds_key_lines() {
        let t = "+++\ntitle = \"A\"\ntittle = \"B\"\n[[changes]]\n+++\n";
        let s = split(t, "a.md").unwrap();
        assert_eq!(key_position(&s, "tittle"), Some((3, 1)));
        assert_eq!(key_position(&s, "changes"), Some((4, 1)));
        assert_eq!(key_position(&s, "title"), Some((2, 1)));
    }
}
