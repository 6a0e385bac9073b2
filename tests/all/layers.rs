//! The import graph of `src/`: imports point down the layers of docs/ARCHITECTURE.md, and no
//! modules import each other in a circle.
//!
//! The graph is read from the sources: every `crate::…`, `super::…` and `self::…` path
//! (in `use` lines and written out in code), resolved to the module it names. Comments and the
//! `#[cfg(test)] mod tests` at the end of a file are left out: a unit test may build what sits
//! above its module. `src/main.rs` is the binary on top of everything and is not checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's top-level modules, bottom layer first. A module may use its own layer and
/// the ones below it.
const LAYERS: &[(&str, &[&str])] = &[
    ("texts", &["i18n", "msg", "main_msg", "format", "text"]),
    (
        "files and inputs",
        &["state", "validate", "config", "archive"],
    ),
    ("cloud", &["cloud"]),
    ("lab", &["lab"]),
    ("worker", &["protocol", "worker", "ui_text", "action"]),
    ("keys", &["keymap"]),
    ("app", &["app"]),
    ("view", &["ui"]),
    ("front ends", &["tui", "headless", "report", "cli", "stack"]),
];

/// Inside `cloud`: the wire implementations sit on top of the layers that wrap any cloud,
/// which sit on the domain types and the trait. Bottom first; `cloud` itself (`mod.rs`, the
/// trait) is the bottom.
const CLOUD_LAYERS: &[(&str, &[&str])] = &[
    (
        "types and the trait",
        &[
            "cloud",
            "cloud::model",
            "cloud::status",
            "cloud::cli",
            "cloud::error_text",
            "cloud::todo_api",
            "cloud::credentials",
            "cloud::operation",
            "cloud::calendar",
        ],
    ),
    (
        "layers around any cloud",
        &[
            "cloud::layer",
            "cloud::faults",
            "cloud::lag",
            "cloud::consistent",
            "cloud::recorder",
            "cloud::refresh",
            "cloud::todo_client",
        ],
    ),
    ("accounts", &["cloud::sim", "cloud::aws"]),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `src/cloud/sim/mod.rs` is `cloud::sim`.
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).expect("under src");
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its trailing unit tests.
fn code(source: &str) -> String {
    let source = source
        .find("#[cfg(test)]\nmod tests")
        .map_or(source, |i| &source[..i]);
    source
        .lines()
        .map(|line| {
            let t = line.trim_start();
            if t.starts_with("//") {
                ""
            } else {
                line.find(" // ").map_or(line, |i| &line[..i])
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a piece of code names, as written: `crate::a::b`, `super::c`, and the segments
/// inside `use` groups (`use crate::{a, b::c}` names `crate::a` and `crate::b::c`).
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let rooted = ["crate::", "super::", "self::"]
            .into_iter()
            .any(|r| rest.starts_with(r));
        if rooted && starts_word {
            let (paths, end) = read_path(&bytes, i, Vec::new());
            out.extend(paths);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Reads a path (and its `{…}` group) starting at `i`; returns every full path and the end.
fn read_path(s: &[char], mut i: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut path = prefix;
    loop {
        let start = i;
        while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
            i += 1;
        }
        if i > start {
            path.push(s[start..i].iter().collect());
        }
        if i + 1 < s.len() && s[i] == ':' && s[i + 1] == ':' {
            i += 2;
            if i < s.len() && s[i] == '{' {
                i += 1;
                let mut all = Vec::new();
                loop {
                    while i < s.len() && (s[i].is_whitespace() || s[i] == ',') {
                        i += 1;
                    }
                    if i >= s.len() || s[i] == '}' {
                        break;
                    }
                    let (paths, end) = read_path(s, i, path.clone());
                    all.extend(paths);
                    i = end;
                    // Skip `as name` and anything else up to the next item.
                    while i < s.len() && s[i] != ',' && s[i] != '}' {
                        if s[i] == '{' {
                            // A nested group already read; should not happen here.
                            break;
                        }
                        i += 1;
                    }
                }
                return (all, i + 1);
            }
            continue;
        }
        return (vec![path], i);
    }
}

/// The module a path names: the longest prefix that is a module of the crate.
fn resolve(
    from: &[String],
    path: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut base: Vec<String> = Vec::new();
    let mut rest = path;
    while let Some(first) = rest.first() {
        match first.as_str() {
            "crate" => base.clear(),
            "self" => {
                if base.is_empty() {
                    base = from.to_vec();
                }
            }
            "super" => {
                if base.is_empty() {
                    base = from.to_vec();
                }
                base.pop();
            }
            _ => break,
        }
        rest = &rest[1..];
    }
    let mut best = None;
    let mut candidate = base.clone();
    if modules.contains(&candidate) {
        best = Some(candidate.clone());
    }
    for seg in rest {
        candidate.push(seg.clone());
        if modules.contains(&candidate) {
            best = Some(candidate.clone());
        } else {
            break;
        }
    }
    best
}

/// Every module of the crate and the modules each one names.
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.retain(|f| f.file_name().is_some_and(|n| n != "main.rs"));
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f)).collect();
    let mut edges = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        let source = std::fs::read_to_string(file).expect("readable");
        let names: BTreeSet<Vec<String>> = named_paths(&code(&source))
            .iter()
            .filter_map(|p| resolve(&from, p, &modules))
            .filter(|to| *to != from && !to.is_empty())
            .collect();
        edges.insert(from, names);
    }
    edges
}

/// `module` cut to `depth` segments.
fn at(module: &[String], depth: usize) -> String {
    module[..module.len().min(depth)].join("::")
}

fn layer_of(module: &str, table: &[(&str, &[&str])]) -> Option<usize> {
    table.iter().position(|(_, ms)| ms.contains(&module))
}

/// The edges between modules cut to `depth` (inside `within`, when given).
fn edges_at(depth: usize, within: Option<&str>) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in graph() {
        if from.is_empty() {
            continue;
        }
        if within.is_some_and(|w| from[0] != w) {
            continue;
        }
        let a = at(&from, depth);
        out.entry(a.clone()).or_default();
        for to in tos {
            if within.is_some_and(|w| to[0] != w) {
                continue;
            }
            let b = at(&to, depth);
            if a != b {
                out.entry(a.clone()).or_default().insert(b);
            }
        }
    }
    out
}

/// The circles in a graph: each strongly connected set of more than one module.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let nodes: Vec<&String> = edges.keys().collect();
    let reach = |start: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(n) = todo.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for n in &nodes {
        if out.iter().any(|c| c.contains(n)) {
            continue;
        }
        let circle: Vec<String> = nodes
            .iter()
            .filter(|m| reachable[*n].contains(**m) && reachable[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if circle.len() > 1 {
            out.push(circle);
        }
    }
    out
}

fn upward(
    edges: &BTreeMap<String, BTreeSet<String>>,
    table: &[(&str, &[&str])],
) -> (Vec<String>, Vec<String>) {
    let mut up = Vec::new();
    let mut unplaced = BTreeSet::new();
    for (from, tos) in edges {
        for to in tos {
            match (layer_of(from, table), layer_of(to, table)) {
                (Some(a), Some(b)) if b > a => up.push(format!(
                    "{from} ({}) uses {to} ({})",
                    table[a].0, table[b].0
                )),
                (Some(_), Some(_)) => {}
                (a, b) => {
                    if a.is_none() {
                        unplaced.insert(from.clone());
                    }
                    if b.is_none() {
                        unplaced.insert(to.clone());
                    }
                }
            }
        }
    }
    (up, unplaced.into_iter().collect())
}

#[test]
fn imports_point_down_the_layers() {
    let edges = edges_at(1, None);
    let (up, unplaced) = upward(&edges, LAYERS);
    assert!(
        unplaced.is_empty(),
        "modules without a layer (add them to LAYERS and docs/ARCHITECTURE.md): {unplaced:?}"
    );
    assert!(
        up.is_empty(),
        "imports that run up a layer:\n{}",
        up.join("\n")
    );
}

#[test]
fn inside_the_cloud_the_layers_know_no_account() {
    let edges = edges_at(2, Some("cloud"));
    let (up, unplaced) = upward(&edges, CLOUD_LAYERS);
    assert!(
        unplaced.is_empty(),
        "cloud modules without a layer (add them to CLOUD_LAYERS): {unplaced:?}"
    );
    assert!(
        up.is_empty(),
        "imports that run up a layer:\n{}",
        up.join("\n")
    );
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let mut found = Vec::new();
    for (depth, within) in [(1, None), (2, Some("cloud")), (2, Some("lab"))] {
        for circle in circles(&edges_at(depth, within)) {
            found.push(circle.join(" ↔ "));
        }
    }
    assert!(found.is_empty(), "circles:\n{}", found.join("\n"));
}

#[test]
fn the_check_sees_the_imports_it_is_to_judge() {
    // If the reader missed paths, every test above would pass on nothing.
    let edges = edges_at(1, None);
    assert!(edges["lab"].contains("cloud"), "{edges:?}");
    assert!(edges["tui"].contains("ui"), "{edges:?}");
    let cloud = edges_at(2, Some("cloud"));
    assert!(cloud["cloud::sim"].contains("cloud::faults"), "{cloud:?}");
    let paths = named_paths("use crate::{a::b, c::{d, e as f}};\nlet x = super::g::h(1);");
    assert_eq!(
        paths,
        vec![
            vec!["crate", "a", "b"],
            vec!["crate", "c", "d"],
            vec!["crate", "c", "e"],
            vec!["super", "g", "h"],
        ]
        .into_iter()
        .map(|p| p.into_iter().map(String::from).collect::<Vec<_>>())
        .collect::<Vec<_>>()
    );
}
