//! The house's doors, checked on the source: no circle of module imports in any crate.
//!
//! Every `crate::`, `super::` and `self::` path in a crate's source is an edge from the file's
//! module to the module the path names. An edge is lifted to the level where the two modules
//! part (`tui::view::lists` → `tui::update::plans` is `view` → `update` inside `tui`), and a
//! module using its own ancestors or descendants is not an edge (a room may use its door, and
//! the door its rooms). A cycle among siblings at any level is a circle the compiler would not
//! catch, because Rust allows them inside a crate.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

/// Every module of a crate, from its file layout: `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`.
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap();
            let mut parts: Module = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            let last = parts.pop().unwrap();
            let stem = last.trim_end_matches(".rs");
            if !matches!(stem, "mod" | "lib" | "main") {
                parts.push(stem.to_string());
            }
            out.insert(parts, path);
        }
    }
    out
}

/// Modules declared under `#[cfg(test)]` (and everything inside them): test support may use
/// whatever it tests, so their imports are not the house's doors.
fn test_only(known: &BTreeMap<Module, PathBuf>) -> BTreeSet<Module> {
    let mut out = BTreeSet::new();
    for (here, file) in known {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            if pair[0] != "#[cfg(test)]" {
                continue;
            }
            let decl = pair[1].trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            if let Some(name) = decl.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
                let mut m = here.clone();
                m.push(name.to_string());
                out.insert(m);
            }
        }
    }
    out
}

/// The source with comments and string literals blanked, so a path in a doc comment or a
/// message is not read as an import.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '\'' if chars.peek() == Some(&'"') => {
                chars.next();
                out.push_str("''");
            }
            '"' if out.ends_with("r#") => {
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '"' && c == '#' {
                        break;
                    }
                    prev = c;
                }
                out.push_str("\"\"");
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path that starts at `crate`, `super` or `self`, with `use` braces expanded.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|b| b.is_alphanumeric() || b == '_' || b == ':') {
                continue;
            }
            expand(&squeezed_path(&code[at..]), Vec::new(), &mut found);
        }
    }
    found
}

/// The path at the start of `s` up to where it ends (braces balanced), without whitespace.
fn squeezed_path(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            c if c.is_whitespace() => {
                if depth == 0 {
                    break;
                }
                continue;
            }
            c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => break,
            _ => {}
        }
        out.push(c);
        if c == '}' && depth == 0 {
            break;
        }
    }
    out
}

/// Reads one path at the start of `s` (braces expanded) and pushes each full path.
fn expand(s: &str, prefix: Vec<String>, found: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    let mut rest = s;
    loop {
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if end > 0 {
            path.push(rest[..end].to_string());
        }
        rest = &rest[end..];
        if let Some(r) = rest.strip_prefix("::{") {
            let mut depth = 1;
            let mut item = String::new();
            for c in r.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 || (depth == 1 && c == ',') {
                    expand(&item, path.clone(), found);
                    item.clear();
                    if depth == 0 {
                        break;
                    }
                } else {
                    item.push(c);
                }
            }
            return;
        }
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    found.push(path);
}

/// The module a path names, from the module it is written in: the longest known prefix.
fn resolve(here: &Module, path: &[String], known: &BTreeMap<Module, PathBuf>) -> Option<Module> {
    let mut base: Module = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        Some("self") | Some("super") => {
            base = here.clone();
            while let Some(first) = rest.first() {
                match first.as_str() {
                    "self" => {}
                    "super" => {
                        base.pop()?;
                    }
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    let mut best = base.clone();
    let mut probe = base;
    for part in rest {
        probe.push(part.clone());
        if known.contains_key(&probe) {
            best = probe.clone();
        }
    }
    Some(best)
}

/// Sibling-level edges: (parent, from child, to child).
fn edges(src: &Path) -> BTreeMap<Module, BTreeSet<(String, String)>> {
    let known = modules(src);
    let tests = test_only(&known);
    let mut out: BTreeMap<Module, BTreeSet<(String, String)>> = BTreeMap::new();
    for (here, file) in &known {
        if tests.iter().any(|t| here.starts_with(t)) {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(file).unwrap());
        for path in paths(&code) {
            let Some(there) = resolve(here, &path, &known) else { continue };
            let common = here.iter().zip(&there).take_while(|(a, b)| a == b).count();
            if common == here.len() || common == there.len() {
                continue; // an ancestor or a descendant
            }
            let parent = here[..common].to_vec();
            out.entry(parent).or_default().insert((here[common].clone(), there[common].clone()));
        }
    }
    out
}

/// One circle among the siblings, if there is one (depth-first search for a back edge).
fn circle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeSet<(String, String)>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| *n == node) {
            let mut c: Vec<String> = path[i..].iter().map(|s| (*s).to_string()).collect();
            c.push(node.to_string());
            return Some(c);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for (_, to) in edges.iter().filter(|(from, _)| from == node) {
            if let Some(c) = visit(to, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges.iter().find_map(|(from, _)| visit(from, edges, &mut Vec::new(), &mut done))
}

fn circles() -> Vec<String> {
    let crates = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let mut found = Vec::new();
    for entry in std::fs::read_dir(crates).unwrap() {
        let src = entry.unwrap().path().join("src");
        if !src.is_dir() {
            continue;
        }
        let name = src.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        for (parent, e) in edges(&src) {
            if let Some(c) = circle(&e) {
                found.push(format!("{name}: in `{}`: {}", parent.join("::"), c.join(" → ")));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn no_crate_has_a_circle_of_module_imports() {
    let found = circles();
    assert!(found.is_empty(), "module import circles:\n{}", found.join("\n"));
}

#[test]
fn the_checker_sees_a_circle_and_reads_braced_imports() {
    let code = code_only("use super::{fields::{Fields, Span}, load}; // crate::nope\nlet s = \"crate::x\";");
    let found = paths(&code);
    assert!(found.contains(&vec!["super".into(), "fields".into(), "Fields".into()]), "{found:?}");
    assert!(found.contains(&vec!["super".into(), "load".into()]), "{found:?}");
    assert!(!found.iter().any(|p| p.contains(&"nope".to_string()) || p.contains(&"x".to_string())));
    let e: BTreeSet<(String, String)> =
        [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")].iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(circle(&e).unwrap().len(), 4);
    let acyclic: BTreeSet<(String, String)> =
        [("a", "b"), ("b", "c")].iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert!(circle(&acyclic).is_none());
}
