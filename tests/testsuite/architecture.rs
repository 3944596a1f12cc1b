//! The shape of the code: no import circles between the files of `src/`, and
//! `src/util/` a leaf that imports nothing else of guidebook.
//!
//! Each file is a module (`a/b.rs` and `a/b/mod.rs` are `a::b`). A file depends on the
//! modules its `use` items and `crate::`/`super::`/`self::` paths name, resolved to
//! the longest module path that is a file. A file's dependency on one of its own
//! ancestors (`super::Thing` from a child) is the ordinary shape of a Rust folder and
//! does not count; comments and `#[cfg(test)]` code do not count either.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::root;

type Module = Vec<String>;
type Graph = BTreeMap<Module, BTreeSet<Module>>;

/// Every `.rs` file under `src`, as (module path, text), test-only files left out.
fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir(src) {
        let rel = entry.strip_prefix(src).unwrap().with_extension("");
        if rel == Path::new("main") {
            continue; // the binary: another crate, whose `crate::` is itself
        }
        let mut module: Module = rel.iter().map(|s| s.to_string_lossy().into()).collect();
        if matches!(
            module.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            module.pop();
        }
        if module.last().is_some_and(|m| m == "tests") {
            continue;
        }
        out.insert(module, std::fs::read_to_string(&entry).unwrap());
    }
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The code of a file without comments and without its `#[cfg(test)]` part.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| l.split(" // ").next().unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a piece of code names that starts at `crate`, `super` or `self`: the
/// paths of its `use` trees (braces expanded) and those written inline.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        let tail = &rest[i + 4..];
        let Some(end) = tail.find(';') else { break };
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') {
            expand(&without_renames(&tail[..end]), &mut Vec::new(), &mut paths);
        }
        rest = &tail[end..];
    }
    for (i, _) in code.match_indices("::") {
        let start = code[..i]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(0, |s| s + 1);
        let path: Vec<String> = code[start..]
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .next()
            .unwrap_or_default()
            .split("::")
            .map(str::to_string)
            .collect();
        if start < i && matches!(path[0].as_str(), "crate" | "super" | "self") {
            paths.push(path);
        }
    }
    paths
}

/// A use tree without whitespace and without its renames (`a as b` → `a`).
fn without_renames(tree: &str) -> String {
    let mut out = String::new();
    let mut words = tree.split_whitespace();
    while let Some(word) = words.next() {
        if word == "as" {
            let alias = words.next().unwrap_or_default();
            out.extend(
                alias
                    .chars()
                    .filter(|c| !(c.is_alphanumeric() || *c == '_')),
            );
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Expand a use tree such as `super::{a::B, c::{self, D}}` into whole paths.
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let (head, group) = match tree.find('{') {
        Some(b) if tree.ends_with('}') => (&tree[..b], Some(&tree[b + 1..tree.len() - 1])),
        _ => (tree, None),
    };
    let depth = prefix.len();
    prefix.extend(head.split("::").filter(|s| !s.is_empty()).map(String::from));
    match group {
        Some(group) => {
            for part in split_top(group) {
                expand(&part, prefix, out);
            }
        }
        None => out.push(prefix.clone()),
    }
    prefix.truncate(depth);
}

/// Split `a, b::{c, d}, e` at its top-level commas.
fn split_top(group: &str) -> Vec<String> {
    let (mut parts, mut depth, mut cur) = (Vec::new(), 0, String::new());
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    parts.push(cur);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// The module a path names, seen from `from`: the longest prefix that is a file.
fn resolve(from: &Module, path: &[String], files: &BTreeSet<Module>) -> Option<Module> {
    let mut abs: Module = match path[0].as_str() {
        "crate" => Vec::new(),
        "self" => from.clone(),
        "super" => from[..from.len().saturating_sub(1)].to_vec(),
        // A path that starts at a child module (`use markdown::X;` in render/mod.rs);
        // anything else is another crate's.
        child if files.contains(&[from.as_slice(), &[child.to_string()]].concat()) => {
            let mut child_path = from.clone();
            child_path.push(child.to_string());
            return Some(child_path).filter(|_| path.len() > 1);
        }
        _ => return None,
    };
    let mut segments = &path[1..];
    if path[0] == "super" {
        while segments.first().is_some_and(|s| s == "super") {
            abs.pop();
            segments = &segments[1..];
        }
    }
    abs.extend(segments.iter().filter(|s| *s != "self").cloned());
    (0..=abs.len())
        .rev()
        .map(|n| abs[..n].to_vec())
        .find(|m| files.contains(m))
}

/// Which module depends on which, ancestors left out.
fn graph(modules: &BTreeMap<Module, String>) -> Graph {
    let files: BTreeSet<Module> = modules.keys().cloned().collect();
    let mut graph = Graph::new();
    for (module, text) in modules {
        let deps = named_paths(&code(text))
            .iter()
            .filter_map(|p| resolve(module, p, &files))
            .filter(|d| d != module && !module.starts_with(d))
            .collect();
        graph.insert(module.clone(), deps);
    }
    graph
}

/// The circles: strongly connected sets of two or more modules (Tarjan's algorithm),
/// each as its sorted `a/b` names.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g Module, (usize, usize)>,
        stack: Vec<&'g Module>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g Module) {
            let n = self.index.len();
            self.index.insert(v, (n, n));
            self.stack.push(v);
            for w in &self.graph[v] {
                let Some(w) = self.graph.get_key_value(w).map(|(k, _)| k) else {
                    continue;
                };
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.index[v].1.min(self.index[w].1);
                    self.index.get_mut(v).unwrap().1 = low;
                } else if self.stack.contains(&w) {
                    let low = self.index[v].1.min(self.index[w].0);
                    self.index.get_mut(v).unwrap().1 = low;
                }
            }
            if self.index[v].0 == self.index[v].1 {
                let mut set = Vec::new();
                while let Some(w) = self.stack.pop() {
                    set.push(w.join("/"));
                    if w == v {
                        break;
                    }
                }
                if set.len() > 1 {
                    set.sort();
                    self.found.push(set);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph,
        index: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    t.found.sort();
    t.found
}

fn fake(files: &[(&str, &str)]) -> BTreeMap<Module, String> {
    files
        .iter()
        .map(|(m, text)| {
            let module = m.split('/').filter(|s| !s.is_empty()).map(String::from);
            (module.collect(), text.to_string())
        })
        .collect()
}

#[test]
fn src_has_no_import_circles() {
    let graph = graph(&modules(&root().join("src")));
    assert!(graph.len() > 100, "read {} modules", graph.len());
    let circles = circles(&graph);
    assert!(circles.is_empty(), "import circles in src/: {circles:?}");
}

#[test]
fn util_is_a_leaf() {
    let graph = graph(&modules(&root().join("src")));
    let util = vec!["util".to_string()];
    let outside: Vec<_> = graph
        .iter()
        .filter(|(m, _)| m.starts_with(&util))
        .flat_map(|(m, deps)| deps.iter().map(move |d| (m.join("/"), d.join("/"))))
        .filter(|(_, d)| !d.starts_with("util"))
        .collect();
    assert_eq!(outside, Vec::<(String, String)>::new());
}

#[test]
fn the_check_finds_circles_through_use_trees_super_and_inline_paths() {
    let files = fake(&[
        ("", "pub mod a; pub mod b;"),
        (
            "a",
            "mod x; mod y; use super::b::Thing; use x::X; use serde::y::Y;",
        ),
        (
            "a/x",
            "use super::{y::{self, Y}, Other};\n// use crate::b; (a comment)",
        ),
        ("a/y", "fn f() { crate::a::x::g(); super::helper(); }"),
        ("b", "use crate::c as d;\nuse crate::{c as e, util::{Z}};"),
        ("c", "#[cfg(test)]\nmod tests { use crate::b; }"),
        ("util", ""),
    ]);
    let graph = graph(&files);
    let names = |m: &str| -> Vec<String> {
        let key: Module = m
            .split('/')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        graph[&key].iter().map(|d| d.join("/")).collect()
    };
    assert_eq!(names("a/x"), ["a/y"]);
    assert_eq!(names("a/y"), ["a/x"]);
    assert_eq!(names("a"), ["a/x", "b"]);
    assert_eq!(names("b"), ["c", "util"]);
    assert_eq!(names("c"), Vec::<String>::new());
    assert_eq!(circles(&graph), [["a/x", "a/y"]]);
}
