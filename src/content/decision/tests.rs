use std::path::Path;

use super::*;
use crate::config::{Config, Settings};
use crate::content::page_from_bytes;

fn page(front: &str) -> Page {
    let config = Config::resolve(Path::new("/no/such/site"), Settings::default(), true);
    let text = format!("+++\ntitle = \"T\"\nkind = \"decision\"\n{front}+++\n\nBody\n");
    let (p, d) = page_from_bytes(&config, "triage/t.md", text.into_bytes());
    assert!(d.iter().all(|d| !d.is_error()), "{d:?}");
    p.expect("page")
}

const TREE: &str = r#"start = "a"
[[questions]]
id = "a"
text = "A?"
answers = [
  { label = "Yes", next = "b" },
  { label = "No", next = "c" },
]
[[questions]]
id = "b"
text = "B?"
answers = [{ label = "Yes", next = "c" }, { label = "No", next = "done" }]
[[questions]]
id = "c"
text = "C?"
answers = [{ label = "Yes", next = "done" }]
[[outcomes]]
id = "done"
title = "Done"
"#;

fn messages(p: &Page) -> Vec<String> {
    validate(p)
        .iter()
        .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
        .collect()
}

#[test]
fn a_valid_tree_has_no_problems_and_unrolls_every_path() {
    let p = page(TREE);
    assert_eq!(messages(&p), Vec::<String>::new());
    let steps = unroll(&p.fm);
    let shown: Vec<String> = steps
        .iter()
        .map(|s| {
            let path: Vec<String> = s.answers.iter().map(|(q, a)| format!("{q}{a}")).collect();
            format!("{}>{:?}", path.join(","), s.node)
        })
        .collect();
    // c is reached two ways, so it is unrolled twice, each with its own answers.
    assert_eq!(
        shown,
        vec![
            ">Question(0)",
            "00>Question(1)",
            "00,10>Question(2)",
            "00,10,20>Outcome(0)",
            "00,11>Outcome(0)",
            "01>Question(2)",
            "01,20>Outcome(0)",
        ]
    );
}

#[test]
fn an_answer_to_a_missing_node_names_the_question_and_its_line() {
    let p = page(&TREE.replace(
        "next = \"done\" }]\n[[questions]]\nid = \"c\"",
        "next = \"dnoe\" }]\n[[questions]]\nid = \"c\"",
    ));
    let d = validate(&p);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        d[0].message,
        "question `b`: the answer \"No\" leads to `dnoe`, but there is no question or outcome with that id"
    );
    assert_eq!((d[0].line, d[0].column), (15, 66));
    assert_eq!(d[0].hint.as_deref(), Some("did you mean `done`?"));
    assert_eq!(d[0].path, "triage/t.md");
}

#[test]
fn unreachable_nodes_and_cycles_are_errors() {
    let text = TREE.replace(
        "answers = [{ label = \"Yes\", next = \"done\" }]\n[[outcomes]]",
        "answers = [{ label = \"Yes\", next = \"a\" }]\n[[outcomes]]\nid = \"spare\"\ntitle = \"S\"\n[[outcomes]]",
    );
    assert_eq!(
        messages(&page(&text)),
        vec![
            "21:1: outcome `spare` cannot be reached from the start question `a`",
            "19:36: question `a` can lead back to itself: a → b → c → a",
        ]
    );
    // The unroller stops at the cycle instead of looping.
    assert_eq!(unroll(&page(&text).fm).len(), 5);
}

#[test]
fn missing_or_unknown_start() {
    let no_start = TREE.replace("start = \"a\"\n", "");
    assert_eq!(
        messages(&page(&no_start)),
        vec!["1:1: this triage page has no `start`"]
    );
    let d = validate(&page(&TREE.replace("start = \"a\"", "start = \"done\"")));
    assert_eq!(
        d[0].message,
        "`start` names `done`, an outcome, not a question"
    );
    assert_eq!(d[0].line, 4);
    let d = validate(&page(&TREE.replace("start = \"a\"", "start = \"x\"")));
    assert_eq!(
        d[0].message,
        "`start` names `x`, but there is no question with that id"
    );
}

#[test]
fn bad_and_repeated_ids() {
    let text = TREE
        .replace("id = \"done\"", "id = \"Done!\"")
        .replace("next = \"done\"", "next = \"Done!\"");
    assert_eq!(
        messages(&page(&text)),
        vec!["21:1: id `Done!` must use only lowercase letters, digits and hyphens"]
    );
    let text = format!("{TREE}[[outcomes]]\nid = \"b\"\ntitle = \"Again\"\n");
    assert_eq!(messages(&page(&text)), vec!["24:1: id `b` is used twice"]);
}

#[test]
fn yaml_trees_are_located_too() {
    let config = Config::resolve(Path::new("/no/such/site"), Settings::default(), true);
    let text = "---\ntitle: T\nkind: decision\nstart: a\nquestions:\n  - id: a\n    text: A?\n    answers:\n      - label: \"Yes\"\n        next: nowhere\noutcomes: []\n---\nBody\n";
    let (p, _) = page_from_bytes(&config, "t.md", text.as_bytes().to_vec());
    let d = validate(&p.unwrap());
    assert_eq!((d[0].line, d[0].column), (10, 15), "{d:?}");
}

#[test]
fn no_questions() {
    assert_eq!(
        messages(&page("")),
        vec!["1:1: this triage page has no questions"]
    );
}

#[test]
fn a_tree_with_too_many_routes_is_an_error_not_a_hang() {
    // 12 questions, each with two answers leading to the next: 2^12 routes.
    let mut text = String::from("start = \"q0\"\n");
    for i in 0..12 {
        let next = if i == 11 {
            "end".to_string()
        } else {
            format!("q{}", i + 1)
        };
        text.push_str(&format!(
            "[[questions]]\nid = \"q{i}\"\ntext = \"Q{i}?\"\nanswers = [{{ label = \"A\", next = \"{next}\" }}, {{ label = \"B\", next = \"{next}\" }}]\n"
        ));
    }
    text.push_str("[[outcomes]]\nid = \"end\"\ntitle = \"End\"\n");
    let p = page(&text);
    assert_eq!(unroll(&p.fm).len(), MAX_STEPS);
    assert_eq!(
        messages(&p),
        vec!["1:1: the tree has 2000 or more steps once every route through it is counted"]
    );
}
