//! Callouts: boxed notes, tips and warnings with a visible label. Written as GitHub
//! alerts (`> [!NOTE]`, read by pulldown-cmark), as MkDocs admonitions (`!!! note
//! "Title"`, `??? tip` collapsible, `???+` open) or as another generator's callout
//! shortcode; all render the same accessible markup, styled by the theme:
//!
//! ```html
//! <div class="callout callout-warning" role="note"><p class="callout-title">
//! <span class="callout-label">Warning</span> Title</p> … </div>
//! <details class="callout callout-tip"><summary class="callout-title">…</summary> … </details>
//! ```
//!
//! Admonitions are rewritten before Markdown is parsed: the `!!!` line becomes a
//! one-line HTML comment marker (a complete HTML block, so the indented body after it
//! is Markdown, not code) and a second marker closes it. `markdown.rs` turns the
//! markers into the markup above. Line numbers are kept. Pure.

use std::borrow::Cow;

use pulldown_cmark::BlockQuoteKind;

/// The five kinds of callout, each with its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callout {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl Callout {
    /// The kind another generator's type name means (`info`, `danger`, `hint`, …).
    pub fn from_name(name: &str) -> Option<Callout> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "note" | "info" | "abstract" | "summary" | "tldr" | "todo" | "example" | "quote"
            | "cite" | "question" | "help" | "faq" | "seealso" | "primary" | "secondary"
            | "light" | "dark" => Callout::Note,
            "tip" | "hint" | "success" | "check" | "done" => Callout::Tip,
            "important" => Callout::Important,
            "warning" | "attention" | "failure" | "fail" | "missing" | "bug" => Callout::Warning,
            "caution" | "danger" | "error" => Callout::Caution,
            _ => return None,
        })
    }

    pub fn from_alert(kind: BlockQuoteKind) -> Callout {
        match kind {
            BlockQuoteKind::Note => Callout::Note,
            BlockQuoteKind::Tip => Callout::Tip,
            BlockQuoteKind::Important => Callout::Important,
            BlockQuoteKind::Warning => Callout::Warning,
            BlockQuoteKind::Caution => Callout::Caution,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Callout::Note => "note",
            Callout::Tip => "tip",
            Callout::Important => "important",
            Callout::Warning => "warning",
            Callout::Caution => "caution",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Callout::Note => "Note",
            Callout::Tip => "Tip",
            Callout::Important => "Important",
            Callout::Warning => "Warning",
            Callout::Caution => "Caution",
        }
    }
}

/// Whether a callout can be folded away, and how it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Always shown.
    None,
    /// A `<details>` that starts closed (`???`).
    Closed,
    /// A `<details>` that starts open (`???+`).
    Open,
}

const OPEN: &str = "<!--guidebook:callout ";
const CLOSE: &str = "<!--guidebook:callout-end-->";

/// The marker line that opens a callout (see the module docs).
pub fn open_marker(kind: Callout, fold: Fold, title: &str) -> String {
    let fold = match fold {
        Fold::None => "box",
        Fold::Closed => "closed",
        Fold::Open => "open",
    };
    format!("{OPEN}{} {fold} {}-->", kind.name(), encode(title))
}

/// The marker line that closes the innermost open callout.
pub fn close_marker() -> &'static str {
    CLOSE
}

/// A marker as read back from an HTML block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    Open(Callout, Fold, String),
    Close,
}

/// Read a marker from the text of an HTML block, if it is one.
pub fn read_marker(html: &str) -> Option<Marker> {
    let h = html.trim();
    if h == CLOSE {
        return Some(Marker::Close);
    }
    let rest = h.strip_prefix(OPEN)?.strip_suffix("-->")?;
    let mut parts = rest.splitn(3, ' ');
    let kind = Callout::from_name(parts.next()?)?;
    let fold = match parts.next()? {
        "closed" => Fold::Closed,
        "open" => Fold::Open,
        _ => Fold::None,
    };
    Some(Marker::Open(kind, fold, decode(parts.next().unwrap_or(""))))
}

/// The opening markup of a callout, with its visible label and title.
pub fn open_html(kind: Callout, fold: Fold, title: &str) -> String {
    let label = kind.label();
    let title = title.trim();
    let heading = if title.is_empty() || title.eq_ignore_ascii_case(label) {
        format!("<span class=\"callout-label\">{label}</span>")
    } else {
        format!(
            "<span class=\"callout-label\">{label}<span class=\"visually-hidden\">:</span></span> {}",
            crate::util::html::escape(title)
        )
    };
    let class = format!("callout callout-{}", kind.name());
    match fold {
        Fold::None => format!(
            "<div class=\"{class}\" role=\"note\">\n<p class=\"callout-title\">{heading}</p>\n"
        ),
        Fold::Closed => format!(
            "<details class=\"{class}\">\n<summary class=\"callout-title\">{heading}</summary>\n"
        ),
        Fold::Open => format!(
            "<details class=\"{class}\" open>\n<summary class=\"callout-title\">{heading}</summary>\n"
        ),
    }
}

/// The closing markup that matches [`open_html`].
pub fn close_html(fold: Fold) -> &'static str {
    match fold {
        Fold::None => "</div>\n",
        Fold::Closed | Fold::Open => "</details>\n",
    }
}

/// The callouts open at a point of the page, innermost last, so each closing marker
/// or alert end closes the right element.
#[derive(Debug, Default)]
pub struct Open(Vec<Fold>);

impl Open {
    /// The markup for a marker read from an HTML block (a stray closing marker is
    /// nothing).
    pub fn marker(&mut self, m: Marker) -> String {
        match m {
            Marker::Open(kind, fold, title) => {
                self.0.push(fold);
                open_html(kind, fold, &title)
            }
            Marker::Close => self.0.pop().map(close_html).unwrap_or("").to_string(),
        }
    }

    /// A GitHub alert (`> [!WARNING]`) starts.
    pub fn alert(&mut self, kind: BlockQuoteKind) -> String {
        self.0.push(Fold::None);
        open_html(Callout::from_alert(kind), Fold::None, "")
    }

    /// A GitHub alert ends.
    pub fn alert_end(&mut self) -> String {
        self.marker(Marker::Close)
    }

    /// Close whatever is still open at the end of the page.
    pub fn finish(&mut self) -> String {
        self.0.drain(..).rev().map(close_html).collect()
    }
}

/// Marker lines (left by callout shortcodes) written back as MkDocs admonitions, the
/// form an author writes: for pages guidebook writes itself (`import`).
pub fn markers_to_admonitions(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let pad = "    ".repeat(depth);
        match read_marker(line) {
            Some(Marker::Open(kind, fold, title)) => {
                let opener = match fold {
                    Fold::None => "!!!",
                    Fold::Closed => "???",
                    Fold::Open => "???+",
                };
                let title = if title.trim().is_empty() {
                    String::new()
                } else {
                    format!(" \"{}\"", title.replace('"', "'"))
                };
                out.push_str(&format!("{pad}{opener} {}{title}\n", kind.name()));
                depth += 1;
            }
            Some(Marker::Close) if depth > 0 => {
                depth -= 1;
                out.push('\n');
            }
            _ if line.trim().is_empty() => out.push_str(line),
            _ => {
                out.push_str(&pad);
                out.push_str(line);
            }
        }
    }
    out
}

/// A title inside an HTML comment: no `-`, `>`, `%` or line breaks as written.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' | '-' | '>' | '\n' | '\r' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let hex: String = chars.by_ref().take(2).collect();
            if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                out.push(ch);
                continue;
            }
            out.push('%');
            out.push_str(&hex);
        } else {
            out.push(c);
        }
    }
    out
}

/// Rewrite MkDocs admonitions in `text` (outside fenced code) as marker lines around
/// their dedented bodies. Lines keep their numbers unless a body runs straight into
/// the next paragraph (then one line is added for the closing marker).
pub fn admonitions(text: &str) -> Cow<'_, str> {
    if !text.contains("!!!") && !text.contains("???") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len() + 64);
    rewrite(&lines, &mut out);
    Cow::Owned(out)
}

fn rewrite(lines: &[&str], out: &mut String) {
    let mut fence: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(f) = &fence {
            if line.trim_start().starts_with(f.as_str()) {
                fence = None;
            }
            out.push_str(line);
            i += 1;
            continue;
        }
        if let Some(f) = fence_of(line) {
            fence = Some(f);
            out.push_str(line);
            i += 1;
            continue;
        }
        let Some((indent, kind, fold, title)) = admonition_start(line) else {
            out.push_str(line);
            i += 1;
            continue;
        };
        let (end, blank_after) = body_end(lines, i + 1, indent);
        let pad = " ".repeat(indent);
        out.push_str(&format!("{pad}{}\n", open_marker(kind, fold, &title)));
        let body: Vec<String> = lines[i + 1..end]
            .iter()
            .map(|l| match l.trim().is_empty() {
                true => "\n".to_string(),
                false => format!("{pad}{}", dedent(l, indent + 4)),
            })
            .collect();
        let body: Vec<&str> = body.iter().map(String::as_str).collect();
        rewrite(&body, out);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        // the closing marker takes the place of the blank line after the body
        out.push_str(&format!("{pad}{CLOSE}\n"));
        i = if blank_after { end + 1 } else { end };
    }
}

/// `!!! note "Title"`, `??? tip`, `???+ warning ""` at any indentation.
fn admonition_start(line: &str) -> Option<(usize, Callout, Fold, String)> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let (fold, rest) = if let Some(r) = trimmed.strip_prefix("!!!") {
        (Fold::None, r)
    } else if let Some(r) = trimmed.strip_prefix("???+") {
        (Fold::Open, r)
    } else if let Some(r) = trimmed.strip_prefix("???") {
        (Fold::Closed, r)
    } else {
        return None;
    };
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    let (type_and_classes, title) = match rest.find('"') {
        Some(q) => (&rest[..q], Some(rest[q..].trim().trim_matches('"'))),
        None => (rest, None),
    };
    let name = type_and_classes.split_whitespace().next()?;
    let kind = Callout::from_name(name).unwrap_or(Callout::Note);
    let title = match title {
        Some(t) => t.to_string(),
        None => capitalise(name),
    };
    Some((indent, kind, fold, title))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Where the body that starts at `from` ends (after its last indented line: body
/// lines are blank or indented by at least `indent + 4`), and whether a blank line
/// follows it there.
fn body_end(lines: &[&str], from: usize, indent: usize) -> (usize, bool) {
    let mut last_content = from;
    for (n, l) in lines.iter().enumerate().skip(from) {
        if l.trim().is_empty() {
            continue;
        }
        if width(l) >= indent + 4 {
            last_content = n + 1;
        } else {
            break;
        }
    }
    let blank_after = lines.get(last_content).is_some_and(|l| l.trim().is_empty());
    (last_content, blank_after)
}

fn width(line: &str) -> usize {
    let mut w = 0;
    for c in line.chars() {
        match c {
            ' ' => w += 1,
            '\t' => w += 4 - w % 4,
            _ => break,
        }
    }
    w
}

/// `line` without up to `n` columns of leading indentation.
fn dedent(line: &str, n: usize) -> String {
    let mut w = 0;
    let mut cut = 0;
    for (i, c) in line.char_indices() {
        if w >= n {
            cut = i;
            break;
        }
        match c {
            ' ' => w += 1,
            '\t' => w += 4 - w % 4,
            _ => {
                cut = i;
                break;
            }
        }
        cut = i + c.len_utf8();
    }
    line[cut..].to_string()
}

/// The fence a line opens (three or more backticks or tildes), if it does.
fn fence_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    for ch in ['`', '~'] {
        let n = t.chars().take_while(|&c| c == ch).count();
        if n >= 3 {
            return Some(ch.to_string().repeat(n));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admonitions_become_markers_around_dedented_bodies() {
        let text = "Intro\n\n!!! note \"Before you go\"\n    Pack the *loan* laptop.\n\n    Second.\n\nAfter\n";
        assert_eq!(
            admonitions(text),
            "Intro\n\n<!--guidebook:callout note box Before you go-->\nPack the *loan* laptop.\n\nSecond.\n<!--guidebook:callout-end-->\nAfter\n"
        );
    }

    #[test]
    fn collapsible_nested_and_in_code() {
        let text = "???+ tip\n    Outer\n\n    !!! warning \"Careful - now\"\n        Inner\n\n```\n!!! note\n    code\n```\n";
        assert_eq!(
            admonitions(text),
            "<!--guidebook:callout tip open Tip-->\nOuter\n\n<!--guidebook:callout warning box Careful %2D now-->\nInner\n<!--guidebook:callout-end-->\n<!--guidebook:callout-end-->\n```\n!!! note\n    code\n```\n"
        );
    }

    #[test]
    fn markers_become_admonitions_again() {
        let text = format!(
            "Intro\n{}\nBe careful.\n\nTwice.\n{}\nAfter\n",
            open_marker(Callout::Warning, Fold::None, "Heads up"),
            CLOSE
        );
        assert_eq!(
            markers_to_admonitions(&text),
            "Intro\n!!! warning \"Heads up\"\n    Be careful.\n\n    Twice.\n\nAfter\n"
        );
        // and read back, they are the same markers
        assert_eq!(admonitions(&markers_to_admonitions(&text)), text);
    }

    #[test]
    fn markers_read_back() {
        let m = open_marker(Callout::Caution, Fold::Closed, "A -> B 100%");
        assert_eq!(
            read_marker(&m),
            Some(Marker::Open(
                Callout::Caution,
                Fold::Closed,
                "A -> B 100%".into()
            ))
        );
        assert_eq!(read_marker(CLOSE), Some(Marker::Close));
        assert_eq!(read_marker("<!-- other -->"), None);
    }

    #[test]
    fn markup_has_a_visible_label() {
        assert_eq!(
            open_html(Callout::Warning, Fold::None, "Mind <this>"),
            "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\"><span class=\"callout-label\">Warning<span class=\"visually-hidden\">:</span></span> Mind &lt;this&gt;</p>\n"
        );
        assert_eq!(
            open_html(Callout::Tip, Fold::Open, "tip"),
            "<details class=\"callout callout-tip\" open>\n<summary class=\"callout-title\"><span class=\"callout-label\">Tip</span></summary>\n"
        );
    }

    proptest::proptest! {
        /// Whatever the text, rewriting admonitions never panics, and text without
        /// any is left as it is.
        #[test]
        fn never_panics(text in "([!?+ \t\n\"a-z`~>-]|!!! |\\?\\?\\? |    |```){0,60}") {
            let out = admonitions(&text);
            if !text.contains("!!!") && !text.contains("???") {
                proptest::prop_assert_eq!(out, text.as_str());
            }
        }
    }
}
