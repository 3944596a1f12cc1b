//! The printed report of a run: every diagnostic in full, or repeated warnings grouped
//! so an imported site of a thousand pages reports in a screenful.
//!
//! Input: a run's [`Diagnostics`] (sorted). Output: the text `build`, `check` and
//! `serve` print on stderr. Errors are always printed in full; warnings are printed in
//! full while there are few of them, and otherwise one line per rule and key (the
//! field, link target or shortcode a diagnostic is about) with a count and the first
//! three places. Notes are only listed in full (`--verbose`). Pure; no IO.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::error::{Diagnostic, Diagnostics, Severity};

/// How much a report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Errors in full, warnings grouped when there are many, notes counted.
    Grouped,
    /// Every diagnostic in full, notes included (`--verbose`).
    Full,
}

/// Up to this many warnings are printed in full even in a grouped report.
pub const FULL_WARNINGS: usize = 10;
/// A grouped report shows at most this many groups of one rule, then one line for
/// the rest of that rule.
pub const GROUPS_PER_RULE: usize = 6;
/// Places named on a group's line.
const PLACES: usize = 3;

/// The report of `diags` at `detail`.
pub fn text(diags: &Diagnostics, detail: Detail) -> String {
    let mut out = String::new();
    if detail == Detail::Full {
        for d in diags.iter() {
            out.push_str(&d.render());
            out.push('\n');
        }
        return out;
    }
    for d in diags.iter().filter(|d| d.is_error()) {
        out.push_str(&d.render());
        out.push('\n');
    }
    let warnings: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    if warnings.len() <= FULL_WARNINGS {
        for d in &warnings {
            out.push_str(&d.render());
            out.push('\n');
        }
    } else {
        out.push_str(&grouped(&warnings));
        out.push_str("note: repeated warnings are grouped; --verbose prints every one in full\n");
    }
    let notes = diags.count(Severity::Note);
    if notes > 0 {
        let _ = writeln!(
            out,
            "note: {notes} {} left aside without a warning (another generator's fields, say); --verbose lists {}",
            if notes == 1 {
                "thing was"
            } else {
                "things were"
            },
            if notes == 1 { "it" } else { "them" },
        );
    }
    out
}

/// Diagnostics of one rule about one thing.
struct Group<'a> {
    code: &'static str,
    items: Vec<&'a Diagnostic>,
}

/// One line per group, rules in alphabetical order, the largest groups first.
fn grouped(diags: &[&Diagnostic]) -> String {
    let mut order: Vec<Group<'_>> = Vec::new();
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    for d in diags {
        let key = d.key.as_deref().unwrap_or(&d.message);
        let i = *index.entry((d.code, key)).or_insert_with(|| {
            order.push(Group {
                code: d.code,
                items: Vec::new(),
            });
            order.len() - 1
        });
        order[i].items.push(d);
    }
    order.sort_by(|a, b| {
        (a.code, std::cmp::Reverse(a.items.len())).cmp(&(b.code, std::cmp::Reverse(b.items.len())))
    });
    let mut out = String::new();
    for rule in order.chunk_by(|a, b| a.code == b.code) {
        for g in rule.iter().take(GROUPS_PER_RULE) {
            out.push_str(&group_line(g));
        }
        if rule.len() > GROUPS_PER_RULE {
            out.push_str(&rest_line(&rule[GROUPS_PER_RULE..]));
        }
    }
    out
}

fn group_line(g: &Group<'_>) -> String {
    let first = g.items[0];
    let places = places(g.items.iter().copied());
    if g.items.len() == 1 {
        format!(
            "{}[{}]: {} ({places})\n",
            first.severity, g.code, first.message
        )
    } else {
        format!(
            "{}[{}]: {} ({} times: {places})\n",
            first.severity,
            g.code,
            first.message,
            g.items.len()
        )
    }
}

/// The groups of one rule past the shown ones, as one line.
fn rest_line(rest: &[Group<'_>]) -> String {
    let count: usize = rest.iter().map(|g| g.items.len()).sum();
    let first = rest[0].items[0];
    let places = places(rest.iter().map(|g| g.items[0]));
    format!(
        "{}[{}]: {count} more like these about {} other targets or fields ({places})\n",
        first.severity,
        rest[0].code,
        rest.len()
    )
}

/// The first three places, then `…` when there are more.
fn places<'a>(items: impl Iterator<Item = &'a Diagnostic>) -> String {
    let all: Vec<String> = items.map(place).collect();
    let mut shown = all
        .iter()
        .take(PLACES)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if all.len() > PLACES {
        shown.push_str(", …");
    }
    shown
}

fn place(d: &Diagnostic) -> String {
    if d.line > 0 {
        format!("{}:{}", d.path, d.line)
    } else {
        d.path.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(path: &str, line: usize, key: &str) -> Diagnostic {
        let mut d = Diagnostic::warning(
            "front-matter",
            path,
            format!("unknown field `{key}` is ignored"),
        )
        .key(key);
        d.line = line;
        d
    }

    #[test]
    fn few_warnings_are_printed_in_full() {
        let d: Diagnostics = [unknown("a.md", 2, "layout")].into_iter().collect();
        assert_eq!(
            text(&d, Detail::Grouped),
            "warning[front-matter]: unknown field `layout` is ignored\n --> a.md:2:1\n\n"
        );
    }

    #[test]
    fn many_warnings_are_grouped_by_rule_and_key() {
        let mut all: Vec<Diagnostic> = (1..=8)
            .map(|i| unknown(&format!("p{i}.md"), i, "keywords"))
            .collect();
        all.extend((1..=3).map(|i| unknown(&format!("q{i}.md"), 3, "layout")));
        all.push(Diagnostic::error("broken-link", "z.md", "link to `x.md`"));
        all.push(Diagnostic::note(
            "front-matter",
            "z.md",
            "field `icon` is ignored",
        ));
        let d: Diagnostics = all.into_iter().collect();
        assert_eq!(
            text(&d, Detail::Grouped),
            "error[broken-link]: link to `x.md`\n --> z.md\n\n\
             warning[front-matter]: unknown field `keywords` is ignored (8 times: p1.md:1, p2.md:2, p3.md:3, …)\n\
             warning[front-matter]: unknown field `layout` is ignored (3 times: q1.md:3, q2.md:3, q3.md:3)\n\
             note: repeated warnings are grouped; --verbose prints every one in full\n\
             note: 1 thing was left aside without a warning (another generator's fields, say); --verbose lists it\n"
        );
        assert!(text(&d, Detail::Full).contains("note[front-matter]: field `icon` is ignored"));
    }

    #[test]
    fn a_rule_with_many_keys_shows_the_largest_then_one_line() {
        let all: Vec<Diagnostic> = (0..20)
            .map(|i| unknown(&format!("p{i:02}.md"), 1, &format!("k{}", i % 9)))
            .collect();
        let d: Diagnostics = all.into_iter().collect();
        let t = text(&d, Detail::Grouped);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), GROUPS_PER_RULE + 2, "{t}");
        assert_eq!(
            lines[0],
            "warning[front-matter]: unknown field `k0` is ignored (3 times: p00.md:1, p09.md:1, p18.md:1)"
        );
        assert_eq!(
            lines[GROUPS_PER_RULE],
            "warning[front-matter]: 6 more like these about 3 other targets or fields (p06.md:1, p07.md:1, p08.md:1)"
        );
    }
}
