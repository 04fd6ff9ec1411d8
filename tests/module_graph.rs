//! The crate's module structure: no cycles between modules, and a codec (`src/xml/`)
//! that uses nothing from the rest of the crate.
//!
//! Reads `src/**/*.rs` (not the CLI in `src/bin/`, not test-only modules), finds every
//! path that starts with `crate::`, `$crate::`, `super::` or `self::` (in `use` lines
//! and in code), resolves it to the module that defines the item (following `pub use`
//! re-exports), and builds the graph of those dependencies. A module may use its
//! ancestors and its descendants (a facade re-exports its children, a child uses its
//! parent's shared types); any other cycle is an error.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

/// A module path below the crate root: `[]` for `lib.rs`, `["devices", "disk"]`, …
type Module = Vec<String>;

struct Source {
    /// Code without comments and without `#[cfg(test)]` items.
    code: String,
    /// Child modules declared under `#[cfg(test)]`.
    test_children: Vec<String>,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn module_of(file: &Path, src: &Path) -> Option<Module> {
    let rel = file.strip_prefix(src).ok()?;
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.first().is_some_and(|p| p == "bin") {
        return None;
    }
    let last = parts.pop()?;
    let stem = last.strip_suffix(".rs")?;
    if !(stem == "mod" || (stem == "lib" && parts.is_empty())) {
        parts.push(stem.to_owned());
    }
    Some(parts)
}

fn read_sources() -> BTreeMap<Module, Source> {
    let src = src_dir();
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().and_then(|e| e.to_str()) == Some("rs") {
                files.push(path);
            }
        }
    }
    let mut all = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(&file, &src) else {
            continue;
        };
        let text = fs::read_to_string(&file).expect("source is UTF-8");
        all.insert(module, strip(&text));
    }
    // Drop test-only modules and everything below them.
    let test_only: Vec<Module> = all
        .iter()
        .flat_map(|(m, s)| {
            s.test_children.iter().map(move |c| {
                let mut child = m.clone();
                child.push(c.clone());
                child
            })
        })
        .collect();
    all.retain(|m, _| !test_only.iter().any(|t| m.starts_with(t)));
    all
}

/// Remove comments and `#[cfg(test)]` items (a `mod … { … }` block or one line).
fn strip(text: &str) -> Source {
    let mut code = String::new();
    let mut test_children = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let line = line.split("//").next().unwrap_or_default();
        if line.trim() != "#[cfg(test)]" {
            code.push_str(line);
            code.push('\n');
            continue;
        }
        let Some(next) = lines.next() else { break };
        let next = next.trim();
        let declared = next
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ")
            .strip_prefix("mod ");
        if let Some(name) = declared.and_then(|d| d.strip_suffix(';')) {
            test_children.push(name.trim().to_owned());
            continue;
        }
        if next.ends_with('{') {
            let mut depth = 1i32;
            for inner in lines.by_ref() {
                let inner = inner.split("//").next().unwrap_or_default();
                depth += inner.matches('{').count() as i32;
                depth -= inner.matches('}').count() as i32;
                if depth <= 0 {
                    break;
                }
            }
        }
    }
    Source {
        code,
        test_children,
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path in `code` that starts at the crate root or relative to the module:
/// (`crate` | `super`… | `self`, segments); a use group `a::{b, c::d}` gives one path
/// per item.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let starts = ["crate::", "super::", "self::"]
            .iter()
            .any(|s| rest.starts_with(s));
        let boundary = match code[..i].chars().next_back() {
            None => true,
            Some(c) => c == '$' || !(is_ident(c) || c == ':'),
        };
        if starts && boundary {
            let (paths, used) = parse_tree(rest);
            out.extend(paths);
            i += used.max(1);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Parse `seg::seg::{tree, tree}` at the start of `s`: the paths and bytes used.
fn parse_tree(s: &str) -> (Vec<Vec<String>>, usize) {
    let mut segments = Vec::new();
    let mut i = 0;
    loop {
        let ident_len: usize = s[i..]
            .chars()
            .take_while(|c| is_ident(*c))
            .map(char::len_utf8)
            .sum();
        if ident_len > 0 {
            segments.push(s[i..i + ident_len].to_owned());
            i += ident_len;
        }
        if s[i..].starts_with("::{") {
            i += 3;
            let mut paths = Vec::new();
            loop {
                let skip = s[i..].len() - s[i..].trim_start().len();
                i += skip;
                if s[i..].starts_with('}') {
                    i += 1;
                    break;
                }
                let (inner, used) = parse_tree(&s[i..]);
                for p in inner {
                    let mut full = segments.clone();
                    full.extend(p);
                    paths.push(full);
                }
                i += used.max(1);
                let skip = s[i..].len() - s[i..].trim_start().len();
                i += skip;
                if s[i..].starts_with(',') {
                    i += 1;
                }
            }
            return (paths, i);
        }
        if s[i..].starts_with("::") && ident_len > 0 {
            i += 2;
            continue;
        }
        return (vec![segments], i);
    }
}

/// Resolve a path written in `from` to the module that defines its item.
struct Resolver<'a> {
    modules: &'a BTreeMap<Module, Source>,
    /// (module, item) → the path it re-exports, written in that module.
    reexports: HashMap<(Module, String), Vec<String>>,
}

impl Resolver<'_> {
    fn absolute(&self, from: &Module, path: &[String]) -> Option<Vec<String>> {
        let mut base: Module = from.clone();
        let mut rest = path;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("self") => rest = &rest[1..],
            Some("super") => {
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            _ => return None,
        }
        let mut full = base;
        full.extend(rest.iter().cloned());
        Some(full)
    }

    /// The module defining the item at absolute path `full`.
    fn module(&self, full: &[String], depth: usize) -> Module {
        let mut current: Module = Vec::new();
        for segment in full {
            let mut child = current.clone();
            child.push(segment.clone());
            if self.modules.contains_key(&child) {
                current = child;
                continue;
            }
            if depth < 8 {
                if let Some(target) = self.reexports.get(&(current.clone(), segment.clone())) {
                    if let Some(abs) = self.absolute(&current, target) {
                        return self.module(&abs, depth + 1);
                    }
                }
            }
            break;
        }
        current
    }
}

fn reexports(modules: &BTreeMap<Module, Source>) -> HashMap<(Module, String), Vec<String>> {
    let mut map = HashMap::new();
    for (module, source) in modules {
        for statement in source.code.split(';') {
            let Some(at) = statement
                .rfind("pub use ")
                .or_else(|| statement.rfind("pub(crate) use "))
            else {
                continue;
            };
            let tree = statement[at..].split_once("use ").map_or("", |(_, t)| t);
            let relative = ["crate::", "super::", "self::"]
                .iter()
                .any(|p| tree.starts_with(p));
            let tree = if relative {
                tree.to_owned()
            } else {
                format!("self::{tree}")
            };
            for path in parse_tree(&tree).0 {
                if let Some(item) = path.last() {
                    map.insert((module.clone(), item.clone()), path.clone());
                }
            }
        }
    }
    map
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".to_owned()
    } else {
        m.join("::")
    }
}

fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let modules = read_sources();
    let resolver = Resolver {
        reexports: reexports(&modules),
        modules: &modules,
    };
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, source) in &modules {
        let targets = edges.entry(module.clone()).or_default();
        for path in paths_in(&source.code) {
            let path: Vec<String> = path
                .into_iter()
                .map(|s| if s == "$crate" { "crate".into() } else { s })
                .collect();
            let Some(full) = resolver.absolute(module, &path) else {
                continue;
            };
            let target = resolver.module(&full, 0);
            if target.starts_with(module) || module.starts_with(&target) {
                continue;
            }
            targets.insert(target);
        }
    }
    edges
}

/// A cycle in `edges`, as the modules along it, if there is one.
fn find_cycle(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Open,
        Done,
    }
    fn visit(
        m: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut HashMap<Module, State>,
        stack: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        match state.get(m) {
            Some(State::Done) => return None,
            Some(State::Open) => {
                let at = stack.iter().position(|s| s == m).unwrap_or(0);
                let mut cycle = stack[at..].to_vec();
                cycle.push(m.clone());
                return Some(cycle);
            }
            None => {}
        }
        state.insert(m.clone(), State::Open);
        stack.push(m.clone());
        for next in edges.get(m).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, state, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        state.insert(m.clone(), State::Done);
        None
    }
    let mut state = HashMap::new();
    for m in edges.keys() {
        if let Some(cycle) = visit(m, edges, &mut state, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_graph_is_read() {
    let edges = graph();
    let of = |m: &str| -> BTreeSet<String> {
        let key: Module = m.split("::").map(str::to_owned).collect();
        edges[&key].iter().map(name).collect()
    };
    // Known dependencies, so that a parser that finds nothing cannot pass.
    assert!(of("domain").contains("devices"), "{:?}", of("domain"));
    assert!(of("qemu").contains("namespaces"), "{:?}", of("qemu"));
    assert!(edges.len() > 50, "only {} modules", edges.len());
}

#[test]
fn no_module_cycles() {
    let mut edges = graph();
    let mut cycles = Vec::new();
    // Report every cycle: break each one found at its last edge and look again.
    while let Some(cycle) = find_cycle(&edges) {
        let names: Vec<String> = cycle.iter().map(name).collect();
        cycles.push(names.join(" -> "));
        let (from, to) = (&cycle[cycle.len() - 2], &cycle[cycle.len() - 1]);
        if let Some(targets) = edges.get_mut(from) {
            targets.remove(to);
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_codec_uses_nothing_from_the_model() {
    let edges = graph();
    let xml: Module = vec!["xml".to_owned()];
    for (module, targets) in &edges {
        if !module.starts_with(&xml) {
            continue;
        }
        for target in targets {
            assert!(
                target.starts_with(&xml),
                "{} uses {}: the codec must not depend on the model",
                name(module),
                name(target)
            );
        }
    }
}

#[test]
fn cycles_are_found() {
    let a: Module = vec!["a".into()];
    let b: Module = vec!["b".into()];
    let mut edges = BTreeMap::new();
    edges.insert(a.clone(), BTreeSet::from([b.clone()]));
    edges.insert(b.clone(), BTreeSet::from([a.clone()]));
    assert!(find_cycle(&edges).is_some());
    edges.insert(b, BTreeSet::new());
    assert!(find_cycle(&edges).is_none());
}
