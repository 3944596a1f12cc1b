//! Triage trees (kind `decision`): the questions, answers and outcomes written in a
//! page's front matter, checked and unrolled into the paths a reader can take.
//!
//! Input: one page's [`FrontMatter`] (and its text, to locate problems). Output:
//! [`validate`] returns diagnostics with file and line (an answer that leads nowhere,
//! names the question; unreachable nodes; cycles; a missing or unknown `start`);
//! [`unroll`] returns one [`Step`] per path from the start, so each rendered page can
//! show the answers given so far even where two paths meet. Pure; no HTML.

use std::collections::{HashMap, HashSet};

use super::fields::FrontMatter;
use super::{Kind, Page, Site};
use crate::error::{Diagnostic, did_you_mean};

mod locate;

pub use locate::Locator;

/// At most this many steps are unrolled from one tree (paths multiply where they meet).
pub const MAX_STEPS: usize = 2000;

/// A node of the tree: an index into `questions` or `outcomes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    Question(usize),
    Outcome(usize),
}

/// One place a reader can be: the answers given so far, as (question, answer)
/// indices, and the node they lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub answers: Vec<(usize, usize)>,
    pub node: Node,
}

/// Id → node, for one page's tree (the first of a repeated id wins).
pub fn index(fm: &FrontMatter) -> HashMap<&str, Node> {
    let mut ids = HashMap::new();
    for (i, q) in fm.questions.iter().enumerate() {
        ids.entry(q.id.as_str()).or_insert(Node::Question(i));
    }
    for (i, o) in fm.outcomes.iter().enumerate() {
        ids.entry(o.id.as_str()).or_insert(Node::Outcome(i));
    }
    ids
}

/// The question the tree starts at, if `start` names one.
pub fn start(fm: &FrontMatter) -> Option<usize> {
    match index(fm).get(fm.start.as_deref()?)? {
        Node::Question(q) => Some(*q),
        Node::Outcome(_) => None,
    }
}

/// Every path from the start question, depth first in answer order: the start
/// itself, then each answer's step. Answers to unknown ids and answers that would
/// return to a question already on the path are skipped; at most [`MAX_STEPS`].
pub fn unroll(fm: &FrontMatter) -> Vec<Step> {
    let Some(first) = start(fm) else {
        return Vec::new();
    };
    let ids = index(fm);
    let mut out = Vec::new();
    let mut stack = vec![Step {
        answers: Vec::new(),
        node: Node::Question(first),
    }];
    while let Some(step) = stack.pop() {
        if out.len() >= MAX_STEPS {
            break;
        }
        stack.extend(next_of(fm, &ids, &step).into_iter().rev().map(|(_, s)| s));
        out.push(step);
    }
    out
}

/// The steps the answers of `step`'s question lead to, each with its answer's label,
/// skipping the answers [`unroll`] skips. Empty for an outcome.
pub fn next_steps<'a>(fm: &'a FrontMatter, step: &Step) -> Vec<(&'a str, Step)> {
    next_of(fm, &index(fm), step)
}

fn next_of<'a>(
    fm: &'a FrontMatter,
    ids: &HashMap<&str, Node>,
    step: &Step,
) -> Vec<(&'a str, Step)> {
    let Node::Question(q) = step.node else {
        return Vec::new();
    };
    let on_path: HashSet<usize> = step.answers.iter().map(|(q, _)| *q).collect();
    let mut out = Vec::new();
    for (a, answer) in fm.questions[q].answers.iter().enumerate() {
        let Some(&next) = ids.get(answer.next.as_str()) else {
            continue;
        };
        if matches!(next, Node::Question(n) if n == q || on_path.contains(&n)) {
            continue;
        }
        let mut answers = step.answers.clone();
        answers.push((q, a));
        out.push((
            answer.label.as_str(),
            Step {
                answers,
                node: next,
            },
        ));
    }
    out
}

/// Validate every triage page of the site.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .filter(|p| p.kind == Kind::Decision)
        .flat_map(validate)
        .collect()
}

/// Every problem with one page's tree, located on its line.
pub fn validate(page: &Page) -> Vec<Diagnostic> {
    let fm = &page.fm;
    let lines = Locator::of(page);
    let err = |msg: String| Diagnostic::error("decision-tree", &page.display_path, msg);
    if fm.questions.is_empty() {
        let d = err("this triage page has no questions".into())
            .hint("add a `[[questions]]` entry with an `id`, a `text` and `answers`");
        return vec![lines.at(d, 1, 1)];
    }
    let mut out = Vec::new();
    out.extend(id_problems(page, &lines));
    let ids = index(fm);
    let mut known: Vec<&str> = ids.keys().copied().collect();
    known.sort();
    out.extend(start_problems(page, &lines, &ids, &known));
    out.extend(answer_problems(page, &lines, &ids, &known));
    if let Some(first) = start(fm) {
        out.extend(reach_problems(page, &lines, &ids, first));
        out.extend(cycle_problems(page, &lines, &ids, first));
        if unroll(fm).len() >= MAX_STEPS {
            let d = Diagnostic::error(
                "decision-tree",
                &page.display_path,
                format!(
                    "the tree has {MAX_STEPS} or more steps once every route through it is counted"
                ),
            )
            .hint("each route gets its own pages; split the tree, or let fewer answers lead to the same question");
            out.push(lines.at(d, 1, 1));
        }
    }
    out
}

fn id_problems(page: &Page, lines: &Locator) -> Vec<Diagnostic> {
    let fm = &page.fm;
    let all = fm
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .chain(fm.outcomes.iter().map(|o| o.id.as_str()));
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for id in all {
        let (line, col) = lines.id_line(id);
        if !is_slug(id) {
            let d = Diagnostic::error(
                "decision-tree",
                &page.display_path,
                format!("id `{id}` must use only lowercase letters, digits and hyphens"),
            )
            .hint("ids become part of the web address of each step");
            out.push(lines.at(d, line, col));
        } else if !seen.insert(id) {
            let d = Diagnostic::error(
                "decision-tree",
                &page.display_path,
                format!("id `{id}` is used twice"),
            )
            .hint("give each question and outcome its own id");
            out.push(lines.at(d, lines.id_line_last(id), col));
        }
    }
    out
}

fn start_problems(
    page: &Page,
    lines: &Locator,
    ids: &HashMap<&str, Node>,
    known: &[&str],
) -> Vec<Diagnostic> {
    let path = &page.display_path;
    let first = &page.fm.questions[0].id;
    let Some(start) = page.fm.start.as_deref() else {
        let d = Diagnostic::error("decision-tree", path, "this triage page has no `start`")
            .hint(format!("name the first question: `start = \"{first}\"`"));
        return vec![lines.at(d, 1, 1)];
    };
    let (line, col) = lines.key_line("start");
    let msg = match ids.get(start) {
        Some(Node::Question(_)) => return Vec::new(),
        Some(Node::Outcome(_)) => format!("`start` names `{start}`, an outcome, not a question"),
        None => format!("`start` names `{start}`, but there is no question with that id"),
    };
    let hint = match did_you_mean(start, known) {
        Some(s) if s != start => format!("did you mean `{s}`?"),
        _ => format!("the first question is `{first}`"),
    };
    vec![lines.at(
        Diagnostic::error("decision-tree", path, msg).hint(hint),
        line,
        col,
    )]
}

fn answer_problems(
    page: &Page,
    lines: &Locator,
    ids: &HashMap<&str, Node>,
    known: &[&str],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for q in &page.fm.questions {
        if q.answers.is_empty() {
            let (l, c) = lines.id_line(&q.id);
            let d = Diagnostic::error(
                "decision-tree",
                &page.display_path,
                format!("question `{}` has no answers", q.id),
            )
            .hint("add `answers = [{ label = \"Yes\", next = \"...\" }, ...]`");
            out.push(lines.at(d, l, c));
        }
        for a in q
            .answers
            .iter()
            .filter(|a| !ids.contains_key(a.next.as_str()))
        {
            let (l, c) = lines.value_line(&q.id, "next", &a.next);
            let hint = match did_you_mean(&a.next, known) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the ids in this tree are: {}", known.join(", ")),
            };
            let d = Diagnostic::error(
                "decision-tree",
                &page.display_path,
                format!(
                    "question `{}`: the answer \"{}\" leads to `{}`, but there is no question or outcome with that id",
                    q.id, a.label, a.next
                ),
            )
            .hint(hint);
            out.push(lines.at(d, l, c));
        }
    }
    out
}

fn reach_problems(
    page: &Page,
    lines: &Locator,
    ids: &HashMap<&str, Node>,
    first: usize,
) -> Vec<Diagnostic> {
    let fm = &page.fm;
    let mut seen = HashSet::from([Node::Question(first)]);
    let mut todo = vec![first];
    while let Some(q) = todo.pop() {
        for a in &fm.questions[q].answers {
            if let Some(&n) = ids.get(a.next.as_str())
                && seen.insert(n)
                && let Node::Question(nq) = n
            {
                todo.push(nq);
            }
        }
    }
    let start_id = &fm.questions[first].id;
    let mut out = Vec::new();
    let nodes = fm
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (Node::Question(i), "question", q.id.as_str()))
        .chain(
            fm.outcomes
                .iter()
                .enumerate()
                .map(|(i, o)| (Node::Outcome(i), "outcome", o.id.as_str())),
        );
    for (node, what, id) in nodes {
        if seen.contains(&node) || ids.get(id) != Some(&node) {
            continue;
        }
        let (l, c) = lines.id_line(id);
        let d = Diagnostic::error(
            "decision-tree",
            &page.display_path,
            format!("{what} `{id}` cannot be reached from the start question `{start_id}`"),
        )
        .hint(format!(
            "make an answer lead to it with `next = \"{id}\"`, or remove it"
        ));
        out.push(lines.at(d, l, c));
    }
    out
}

/// Each answer that leads back to a question already on its path, once.
fn cycle_problems(
    page: &Page,
    lines: &Locator,
    ids: &HashMap<&str, Node>,
    first: usize,
) -> Vec<Diagnostic> {
    let fm = &page.fm;
    let mut out = Vec::new();
    let mut done = vec![false; fm.questions.len()];
    // (question, next answer to look at); the path is the stack itself.
    let mut stack: Vec<(usize, usize)> = vec![(first, 0)];
    while let Some(top) = stack.last_mut() {
        let (q, a) = *top;
        top.1 += 1;
        let Some(answer) = fm.questions[q].answers.get(a) else {
            done[q] = true;
            stack.pop();
            continue;
        };
        let Some(&Node::Question(n)) = ids.get(answer.next.as_str()) else {
            continue;
        };
        if let Some(pos) = stack.iter().position(|(s, _)| *s == n) {
            let mut names: Vec<&str> = stack[pos..]
                .iter()
                .map(|(s, _)| fm.questions[*s].id.as_str())
                .collect();
            names.push(&fm.questions[n].id);
            let (l, c) = lines.value_line(&fm.questions[q].id, "next", &answer.next);
            let d = Diagnostic::error(
                "decision-tree",
                &page.display_path,
                format!(
                    "question `{}` can lead back to itself: {}",
                    fm.questions[n].id,
                    names.join(" → ")
                ),
            )
            .hint("every answer must lead on to a new question or to an outcome");
            out.push(lines.at(d, l, c));
        } else if !done[n] {
            stack.push((n, 0));
        }
    }
    out
}

/// Lowercase ASCII letters, digits and single inner hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

#[cfg(test)]
mod tests;
