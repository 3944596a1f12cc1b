//! One template tag as written in Markdown: a Hugo shortcode (`{{< name args >}}`,
//! `{{% name args %}}`), a Liquid tag (`{% name args %}`) or a Liquid output
//! (`{{ expression }}`), parsed into its name and arguments. Pure.

/// Which kind of tag, by its delimiters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `{{< … >}}`
    HugoAngle,
    /// `{{% … %}}`
    HugoPercent,
    /// `{% … %}`
    Liquid,
    /// `{{ … }}`
    Output,
}

impl Style {
    pub fn delimiters(self) -> (&'static str, &'static str) {
        match self {
            Style::HugoAngle => ("{{<", ">}}"),
            Style::HugoPercent => ("{{%", "%}}"),
            Style::Liquid => ("{%", "%}"),
            Style::Output => ("{{", "}}"),
        }
    }

    pub fn is_hugo(self) -> bool {
        matches!(self, Style::HugoAngle | Style::HugoPercent)
    }
}

/// A parsed tag and where it ends in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub style: Style,
    /// The tag's name (`ref`, `/alert`, `endraw`) or, for an output, its expression.
    pub name: String,
    /// Positional arguments, unquoted.
    pub args: Vec<String>,
    /// `key=value` arguments, unquoted.
    pub named: Vec<(String, String)>,
    /// A Hugo shortcode written `{{< name />}}`.
    pub self_closing: bool,
    /// A Hugo shortcode commented out to be shown as written: `{{</* name */>}}`.
    pub commented: bool,
    /// Byte length of the whole tag in the source.
    pub len: usize,
}

impl Tag {
    /// The named argument `key`, or else positional argument `n`.
    pub fn arg(&self, key: &str, n: usize) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .or_else(|| self.args.get(n).map(String::as_str))
    }

    /// How the tag is named in reports: `{{< name >}}`, `{% name %}`, `{{ name }}`.
    pub fn shown(&self) -> String {
        let (open, close) = self.style.delimiters();
        let name = self.name.trim_start_matches('/');
        format!("{open} {name} {close}")
    }
}

/// Tags never run past this many bytes or a blank line: an unclosed `{{` is text.
const MAX_TAG: usize = 2000;

/// Parse the tag that starts at the beginning of `s`, if one does.
pub fn parse(s: &str) -> Option<Tag> {
    let style = if s.starts_with("{{<") {
        Style::HugoAngle
    } else if s.starts_with("{{%") {
        Style::HugoPercent
    } else if s.starts_with("{%") {
        Style::Liquid
    } else if s.starts_with("{{") {
        Style::Output
    } else {
        return None;
    };
    let (open, close) = style.delimiters();
    let window = &s[..floor(s, MAX_TAG)];
    let end = window.get(open.len()..)?.find(close)? + open.len();
    let inner = &window[open.len()..end];
    if inner.contains("\n\n") || inner.trim().is_empty() {
        return None;
    }
    let len = end + close.len();
    let mut inner = inner.trim();
    let commented =
        style.is_hugo() && inner.len() >= 4 && inner.starts_with("/*") && inner.ends_with("*/");
    if commented {
        inner = inner[2..inner.len() - 2].trim();
    }
    let inner = inner.trim_matches('-').trim();
    let self_closing = style.is_hugo() && inner.ends_with('/') && !inner.ends_with("//");
    let inner = if self_closing {
        inner[..inner.len() - 1].trim_end()
    } else {
        inner
    };
    if style == Style::Output {
        // a template expression (`site.x`, `.Title`, `$v`, `"x" | f`), not TeX's `{{1}}`
        let first = inner.chars().next().unwrap_or(' ');
        if !(first.is_ascii_alphabetic() || matches!(first, '_' | '.' | '$' | '"' | '\''))
            || inner.contains(['{', '}'])
        {
            return None;
        }
        return Some(Tag {
            style,
            name: inner.to_string(),
            args: Vec::new(),
            named: Vec::new(),
            self_closing,
            commented,
            len,
        });
    }
    let mut words = split_words(inner).into_iter();
    let name = words.next()?;
    let (mut args, mut named) = (Vec::new(), Vec::new());
    for w in words {
        match w.split_once('=') {
            Some((k, v)) if !k.is_empty() && !k.contains(['"', '\'']) => {
                named.push((k.to_string(), unquote(v)));
            }
            _ => args.push(unquote(&w)),
        }
    }
    Some(Tag {
        style,
        name,
        args,
        named,
        self_closing,
        commented,
        len,
    })
}

/// Words separated by spaces, keeping quoted strings (with their quotes) whole.
fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                cur.push(c);
                quote = None;
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'' | '`') => {
                cur.push(c);
                quote = Some(c);
            }
            (None, c) if c.is_whitespace() || c == ',' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ['"', '\'', '`'] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            return t[1..t.len() - 1].to_string();
        }
    }
    t.to_string()
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_style() {
        let t = parse(r#"{{< ref "docs/a.md#x" >}} rest"#).unwrap();
        assert_eq!((t.style, t.name.as_str()), (Style::HugoAngle, "ref"));
        assert_eq!(t.args, ["docs/a.md#x"]);
        assert_eq!(t.len, 25);
        let t = parse(r#"{{% alert title="Be careful" color="warning" %}}"#).unwrap();
        assert_eq!(t.arg("title", 9), Some("Be careful"));
        assert_eq!(t.arg("color", 9), Some("warning"));
        let t = parse("{%- link _docs/x.md -%}").unwrap();
        assert_eq!(
            (t.name.as_str(), t.args[0].as_str()),
            ("link", "_docs/x.md")
        );
        let t = parse("{{ site.baseurl }}/x").unwrap();
        assert_eq!((t.style, t.name.as_str()), (Style::Output, "site.baseurl"));
        let t = parse("{{< youtube id />}}").unwrap();
        assert!(t.self_closing);
        let t = parse("{{</* note */>}}").unwrap();
        assert!(t.commented);
        assert_eq!(t.name, "note");
    }

    #[test]
    fn text_that_only_looks_like_a_tag() {
        assert_eq!(parse("{{ unclosed"), None);
        assert_eq!(parse("{{\n\n}}"), None);
        assert_eq!(parse("{% %}"), None);
        assert_eq!(parse("{a}"), None);
        assert_eq!(parse("{{1}}"), None, "TeX, not a template");
        assert_eq!(parse("{{ {x} }}"), None);
    }
}
