//! The scanner behind [`super::expand`]: walks the Markdown once, copying fenced and
//! inline code as written (undoing generators' escapes there), and hands each
//! template tag elsewhere to [`Scanner::tag`].

use super::tag::{self, Style, Tag};
use super::{Context, Dropped, Expanded};
use crate::render::callouts::{self, Callout, Fold};

/// Shortcodes whose body is code, shown as a fenced block.
const CODE: &[&str] = &[
    "highlight",
    "code",
    "code-toggle",
    "codeblock",
    "code-block",
];
/// Shortcodes and Liquid tags that draw a callout box.
const CALLOUTS: &[&str] = &[
    "alert",
    "notice",
    "callout",
    "admonition",
    "note",
    "tip",
    "hint",
    "info",
    "warning",
    "caution",
    "important",
    "danger",
];
/// Liquid tags that continue or end a block; the tag that opened it is reported.
const CONTINUATIONS: &[&str] = &["else", "elsif", "when"];

pub struct Scanner<'a> {
    src: &'a str,
    pos: usize,
    out: String,
    dropped: Vec<Dropped>,
    ctx: &'a Context<'a>,
    /// The fence of the fenced code block we are in: its character and length.
    fence: Option<(char, usize)>,
    /// Callouts opened by a tag and not yet closed, by tag name.
    callouts: Vec<String>,
}

impl<'a> Scanner<'a> {
    pub fn new(src: &'a str, ctx: &'a Context<'a>) -> Self {
        Scanner {
            src,
            pos: 0,
            out: String::with_capacity(src.len()),
            dropped: Vec::new(),
            ctx,
            fence: None,
            callouts: Vec::new(),
        }
    }

    pub fn run(mut self) -> Expanded<'static> {
        while self.pos < self.src.len() {
            let at_line_start = self.pos == 0 || self.src.as_bytes()[self.pos - 1] == b'\n';
            if at_line_start && self.whole_line() {
                continue;
            }
            match self.src.as_bytes()[self.pos] {
                b'`' => self.code_span(),
                b'{' => self.brace(),
                _ => {
                    let rest = &self.src[self.pos..];
                    let first = rest.chars().next().map(char::len_utf8).unwrap_or(1);
                    let n = if rest.starts_with('\n') {
                        1
                    } else {
                        rest[first..]
                            .find(['`', '{', '\n'])
                            .map(|i| i + first)
                            .unwrap_or(rest.len())
                    };
                    self.copy(n);
                }
            }
        }
        Expanded {
            text: self.out.into(),
            dropped: self.dropped,
        }
    }

    fn copy(&mut self, n: usize) {
        self.out.push_str(&self.src[self.pos..self.pos + n]);
        self.pos += n;
    }

    /// The line starting here, when it is handled whole (code fences, snippets,
    /// attribute lists). Returns whether it was.
    fn whole_line(&mut self) -> bool {
        let rest = &self.src[self.pos..];
        let line = &rest[..rest.find('\n').map(|i| i + 1).unwrap_or(rest.len())];
        let t = line.trim();
        if let Some((ch, n)) = self.fence {
            if t.chars().take_while(|&c| c == ch).count() >= n
                && t.trim_start_matches(ch).is_empty()
            {
                self.fence = None;
            }
            self.out.push_str(&unescape_code(line));
        } else if let Some(f) = fence_open(t) {
            self.fence = Some(f);
            self.out.push_str(line);
        } else if t.starts_with("--8<--") || t.starts_with("-8<-") {
            self.drop_at(self.pos, line.trim_end().len(), "--8<--".into());
            self.out.push_str(&newlines(line));
        } else if is_autodoc(t) {
            // mkdocstrings' `::: package.module`: API reference generated from code
            self.drop_at(
                self.pos,
                line.trim_end().len(),
                "::: (API reference)".into(),
            );
            self.out.push_str(&newlines(line));
        } else if t.starts_with("{:") && t.ends_with('}') {
            // a kramdown attribute list on a line of its own (`{: .no_toc }`)
            self.out.push_str(&newlines(line));
        } else {
            return false;
        }
        self.pos += line.len();
        true
    }

    /// An inline code span: copied as written, escapes undone.
    fn code_span(&mut self) {
        let rest = &self.src[self.pos..];
        let n = rest.bytes().take_while(|&b| b == b'`').count();
        let ticks = &rest[..n];
        let limit = rest.find("\n\n").unwrap_or(rest.len());
        let mut from = n;
        while let Some(i) = rest[from..limit].find(ticks) {
            let at = from + i;
            let run = rest[at..].bytes().take_while(|&b| b == b'`').count();
            if run == n {
                self.out.push_str(&unescape_code(&rest[..at + n]));
                self.pos += at + n;
                return;
            }
            from = at + run;
        }
        self.copy(n);
    }

    fn brace(&mut self) {
        let rest = &self.src[self.pos..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        if let Some(end) = self.attribute_list(&rest[..line_end]) {
            self.pos += end;
            return;
        }
        match tag::parse(rest) {
            Some(t) if t.commented => {
                let written = &rest[..t.len];
                self.out
                    .push_str(&written.replacen("/*", "", 1).replacen("*/", "", 1));
                self.pos += t.len;
            }
            Some(t) => self.tag(t),
            None => self.copy(1),
        }
    }

    /// A kramdown or Pandoc attribute list here (`{: .note}`, or `{ .button }`,
    /// `{#id}`, `{alt='A map' width=50%}` right after a link or image): its length.
    /// An `alt` given there becomes the image's alt text.
    fn attribute_list(&mut self, line: &str) -> Option<usize> {
        let end = line.find('}')? + 1;
        let inner = line[1..end - 1].trim();
        let after_link = self.out.ends_with(')')
            && !inner.contains('{')
            && (inner.starts_with(['.', '#']) || inner.contains('='));
        if !(line.starts_with("{:") || after_link) {
            return None;
        }
        if let Some(alt) = attribute(inner, "alt") {
            self.give_alt(&alt);
        }
        Some(end)
    }

    /// Put `alt` into the image just written, when it has no alt text of its own.
    fn give_alt(&mut self, alt: &str) {
        if let Some(i) = self.out.rfind("![](")
            && !self.out[i + 4..].contains("](")
        {
            let alt = alt.replace(['[', ']'], "");
            self.out.insert_str(i + 2, &alt);
        }
    }

    fn tag(&mut self, t: Tag) {
        let start = self.pos;
        self.pos += t.len;
        let name = t.name.as_str();
        let lower = name.trim_start_matches('/').to_ascii_lowercase();
        let liquid_end = t.style == Style::Liquid && lower.starts_with("end");
        let base = if liquid_end {
            lower[3..].to_string()
        } else {
            lower
        };
        let closing = name.starts_with('/') || liquid_end;
        match (t.style, name) {
            (Style::Output, _) => self.output(&t, start),
            (s, "ref" | "relref") if s.is_hugo() => {
                let link = self.ctx.hugo_ref(t.arg("path", 0).unwrap_or(""));
                self.out.push_str(&link);
            }
            (s, "contact") if s.is_hugo() => self.out.push_str(&self.src[start..self.pos]),
            (Style::Liquid, "link") => {
                let link = self.ctx.jekyll_link(t.arg("path", 0).unwrap_or(""));
                self.out.push_str(&link);
            }
            (Style::Liquid, "post_url") => {
                let link = self.ctx.post_url(t.arg("name", 0).unwrap_or(""));
                self.out.push_str(&link);
            }
            (Style::Liquid, "raw") => self.block_body(&t, "raw", Body::Keep),
            (Style::Liquid, "comment" | "capture") => self.block_body(&t, name, Body::Skip),
            _ if !closing && self.is_code(&t, &base) && self.alone(start) => {
                let lang = t
                    .arg("language", usize::MAX)
                    .or_else(|| t.arg("lang", 0))
                    .unwrap_or(if base == "code-toggle" { "toml" } else { "" });
                let lang = lang.split(['=', ' ']).next().unwrap_or("").to_string();
                self.out.push_str(&format!("```{lang}"));
                self.block_body(&t, &base, Body::Fenced);
            }
            _ if !closing
                && !t.self_closing
                && CALLOUTS.contains(&base.as_str())
                && self.alone(start) =>
            {
                self.open_callout(&t, &base);
            }
            _ if closing => {
                if self.callouts.last() == Some(&base) && self.alone(start) {
                    self.callouts.pop();
                    self.out.push_str(callouts::close_marker());
                }
            }
            _ if self.in_link_address() && t.args.first().is_some_and(|a| looks_like_path(a)) => {
                let path = t.args[0].clone();
                self.out.push_str(&path);
            }
            _ if CONTINUATIONS.contains(&name) => {}
            _ => self.drop_at(start, t.len, t.shown()),
        }
    }

    /// `{{ … }}`: the site's base URL is empty; a quoted path piped through a URL
    /// filter is that path; anything else is left out.
    fn output(&mut self, t: &Tag, start: usize) {
        let expr = t.name.trim();
        if expr.contains("baseurl") || expr == "site.url" || expr.starts_with("site.github.url") {
            return;
        }
        let head = expr
            .split(|c: char| c.is_whitespace() || c == '|')
            .next()
            .unwrap_or(expr);
        if let Some(value) = self.ctx.site.vars.get(head) {
            self.out.push_str(value);
            return;
        }
        if let Some(q) = expr.chars().next().filter(|c| *c == '"' || *c == '\'')
            && let Some(end) = expr[1..].find(q)
        {
            self.out.push_str(&expr[1..1 + end]);
            return;
        }
        let head = expr
            .split(|c: char| c.is_whitespace() || c == '|')
            .next()
            .unwrap_or(expr);
        self.drop_at(start, t.len, format!("{{{{ {head} }}}}"));
    }

    fn open_callout(&mut self, t: &Tag, base: &str) {
        let typed = t
            .named
            .iter()
            .find(|(k, _)| k == "color" || k == "type" || k == "kind")
            .map(|(_, v)| v.as_str())
            .or_else(|| {
                t.args
                    .first()
                    .map(String::as_str)
                    .filter(|a| Callout::from_name(a).is_some())
            });
        let kind = Callout::from_name(base)
            .filter(|_| !matches!(base, "alert" | "notice" | "callout" | "admonition"))
            .or_else(|| typed.and_then(Callout::from_name))
            .unwrap_or(Callout::Note);
        let title = t
            .named
            .iter()
            .find(|(k, _)| k == "title")
            .map(|(_, v)| v.clone())
            .or_else(|| {
                t.args
                    .iter()
                    .find(|a| Callout::from_name(a).is_none())
                    .cloned()
            })
            .unwrap_or_default();
        self.out
            .push_str(&callouts::open_marker(kind, Fold::None, &title));
        self.callouts.push(base.to_string());
    }

    /// The body of a paired tag up to its closing tag: kept as written, left out
    /// (its line breaks kept), or kept as a fenced block that the closing tag ends.
    fn block_body(&mut self, t: &Tag, base: &str, body: Body) {
        let Some((end_start, end_end)) = find_end(self.src, self.pos, t.style, base) else {
            if body == Body::Fenced {
                self.out.push_str("\n```");
            }
            return;
        };
        let inner = &self.src[self.pos..end_start];
        match body {
            Body::Keep if self.ctx.keep_raw => {
                self.out.push_str(&self.src[self.pos - t.len..end_end]);
            }
            Body::Keep => self.out.push_str(inner),
            Body::Skip => self.out.push_str(&newlines(inner)),
            Body::Fenced => {
                self.out.push_str(&unescape_code(inner));
                if !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                self.out.push_str("```");
            }
        }
        self.pos = end_end;
    }

    /// Whether the tag opens a block of code: one of the known code shortcodes, or any
    /// other paired one whose name says code or that names a language
    /// (`{{< codeFromInline lang="bash" >}}` … `{{< /codeFromInline >}}`), whose body
    /// would otherwise be read as Markdown (a shell comment becoming a heading).
    fn is_code(&self, t: &Tag, base: &str) -> bool {
        if CODE.contains(&base) {
            return true;
        }
        let named_language = t
            .named
            .iter()
            .any(|(k, _)| matches!(k.as_str(), "lang" | "language"));
        !t.self_closing
            && (base.contains("code") || named_language)
            && find_end(self.src, self.pos, t.style, base).is_some()
    }

    /// Whether the tag that started at `start` and ends at `self.pos` is alone on its line.
    fn alone(&self, start: usize) -> bool {
        let before = &self.src[..start];
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let after = &self.src[self.pos..];
        let line_end = after.find('\n').unwrap_or(after.len());
        before[line_start..].trim().is_empty() && after[..line_end].trim().is_empty()
    }

    /// Whether what comes next is a link's address: `[text](`, `[ref]: `, or an HTML
    /// `href="` or `src="`.
    fn in_link_address(&self) -> bool {
        let line = self.out.rsplit('\n').next().unwrap_or("");
        let reference = line.trim_start().starts_with('[') && line.trim_end().ends_with("]:");
        reference
            || ["](", "](<", "href=\"", "src=\"", "href='", "src='"]
                .iter()
                .any(|end| self.out.ends_with(end))
    }

    fn drop_at(&mut self, offset: usize, len: usize, shown: String) {
        self.dropped.push(Dropped { shown, offset, len });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Keep,
    Skip,
    Fenced,
}

fn looks_like_path(a: &str) -> bool {
    a.starts_with('/')
        || a.ends_with(".md")
        || a.ends_with(".html")
        || a.starts_with("./")
        || a.starts_with("../")
}

/// `alt='A map'` (or `alt="A map"`) in an attribute list.
fn attribute(list: &str, key: &str) -> Option<String> {
    let rest = list.split_once(&format!("{key}="))?.1;
    let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    rest[1..].split(quote).next().map(str::to_string)
}

/// `::: package.module` alone on its line (mkdocstrings).
fn is_autodoc(t: &str) -> bool {
    let Some(rest) = t.strip_prefix(":::") else {
        return false;
    };
    let name = rest.trim();
    !name.is_empty()
        && rest.starts_with(' ')
        && name.contains('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

/// The fence a line opens: three or more backticks or tildes.
fn fence_open(t: &str) -> Option<(char, usize)> {
    ['`', '~'].into_iter().find_map(|ch| {
        let n = t.chars().take_while(|&c| c == ch).count();
        (n >= 3).then_some((ch, n))
    })
}

/// The closing tag of a paired tag named `base`: its start and end offsets.
fn find_end(src: &str, from: usize, style: Style, base: &str) -> Option<(usize, usize)> {
    let open = if style.is_hugo() { "{{" } else { "{%" };
    let mut at = from;
    while let Some(i) = src[at..].find(open) {
        let start = at + i;
        if let Some(t) = tag::parse(&src[start..]) {
            let n = t.name.to_ascii_lowercase();
            let closes = if style.is_hugo() {
                t.style.is_hugo() && n.strip_prefix('/') == Some(base)
            } else {
                t.style == Style::Liquid && n.strip_prefix("end") == Some(base)
            };
            if closes {
                return Some((start, start + t.len));
            }
        }
        at = start + open.len();
    }
    None
}

/// Only the line breaks of `s`.
fn newlines(s: &str) -> String {
    "\n".repeat(s.matches('\n').count())
}

/// Code as the author meant it to be shown: Hugo's `{{</* x */>}}` is `{{< x >}}`, and
/// Liquid's `{% raw %}` and `{% endraw %}` markers are left out.
fn unescape_code(s: &str) -> String {
    if !s.contains('{') {
        return s.to_string();
    }
    let s = s
        .replace("{{</*", "{{<")
        .replace("*/>}}", ">}}")
        .replace("{{%/*", "{{%")
        .replace("*/%}}", "%}}");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find("{%") {
        out.push_str(&rest[..i]);
        match tag::parse(&rest[i..]) {
            Some(t) if t.style == Style::Liquid && matches!(t.name.as_str(), "raw" | "endraw") => {
                rest = &rest[i + t.len..];
            }
            _ => {
                out.push_str("{%");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}
