//! What a libvirt RelaxNG grammar allows: every element in the context of its parent
//! and grandparent (`devices/sound/codec`), every attribute in the context of its
//! element and parent (`devices/sound/@model`), and the values of every closed value
//! set (`devices/sound/@model` → `sb16`, `es1370`, …).
//!
//! The same walk as `tests/schema_coverage.rs`, over a grammar given by folder, so the
//! grammars of several libvirt releases can be compared.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use libvirt_domain::xml::Element;

const RNG_NS: &str = "http://relaxng.org/ns/structure/1.0";

/// What one grammar allows.
pub struct Allowed {
    /// Element keys (`grandparent/parent/element`) and attribute keys
    /// (`parent/element/@attribute`).
    pub keys: BTreeSet<String>,
    /// Attribute keys whose value is one of a closed set wherever the grammar allows
    /// them, with the values.
    pub closed: BTreeMap<String, BTreeSet<String>>,
    /// Element keys the grammar lets repeat (reached through `<zeroOrMore>` or
    /// `<oneOrMore>` inside the parent's content).
    pub repeatable: BTreeSet<String>,
}

impl Allowed {
    /// Whether the grammar accepts `value` for the attribute `key`: it allows the
    /// attribute, and its value set is open or holds the value.
    pub fn accepts_value(&self, key: &str, value: &str) -> bool {
        self.keys.contains(key) && self.closed.get(key).map_or(true, |set| set.contains(value))
    }
}

#[derive(Clone, Copy)]
struct Pattern<'g> {
    elem: &'g Element,
    ns: &'g str,
}

/// Reads `domain.rng` in `dir` and its includes, and walks it from its start.
pub fn allowed(dir: &Path) -> Allowed {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    let mut queue = vec!["domain.rng".to_owned()];
    while let Some(name) = queue.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let path = dir.join(&name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let root = Element::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        collect_includes(&root, &mut queue);
        files.push(root);
    }
    let mut start = Vec::new();
    let mut defines: HashMap<&str, Vec<Pattern<'_>>> = HashMap::new();
    for root in &files {
        index_into(root, ns_of(root, ""), &mut start, &mut defines);
    }
    let mut walker = Walker {
        defines,
        visited: HashSet::new(),
        keys: BTreeSet::new(),
        values: BTreeMap::new(),
        open: BTreeSet::new(),
        repeatable: BTreeSet::new(),
    };
    for pattern in start {
        walker.walk(pattern, "", "", false);
    }
    let open = walker.open;
    let closed = walker
        .values
        .into_iter()
        .filter(|(key, _)| !open.contains(key))
        .collect();
    Allowed {
        keys: walker.keys,
        closed,
        repeatable: walker.repeatable,
    }
}

fn is_rng(elem: &Element, local: &str) -> bool {
    elem.name.namespace.as_deref() == Some(RNG_NS) && elem.name.local == local
}

fn attr<'e>(elem: &'e Element, name: &str) -> Option<&'e str> {
    elem.attributes
        .iter()
        .find(|a| a.name.namespace.is_none() && a.name.local == name)
        .map(|a| a.value.as_str())
}

fn ns_of<'e>(elem: &'e Element, outer: &'e str) -> &'e str {
    attr(elem, "ns").unwrap_or(outer)
}

fn collect_includes(elem: &Element, queue: &mut Vec<String>) {
    for child in elem.elements() {
        if is_rng(child, "include") {
            if let Some(href) = attr(child, "href") {
                queue.push(href.to_owned());
            }
        } else if is_rng(child, "div") {
            collect_includes(child, queue);
        }
    }
}

fn index_into<'g>(
    elem: &'g Element,
    ns: &'g str,
    start: &mut Vec<Pattern<'g>>,
    defines: &mut HashMap<&'g str, Vec<Pattern<'g>>>,
) {
    for child in elem.elements() {
        let ns = ns_of(child, ns);
        if is_rng(child, "start") {
            start.push(Pattern { elem: child, ns });
        } else if is_rng(child, "define") {
            if let Some(name) = attr(child, "name") {
                defines
                    .entry(name)
                    .or_default()
                    .push(Pattern { elem: child, ns });
            }
        } else if is_rng(child, "div") || is_rng(child, "include") {
            index_into(child, ns, start, defines);
        }
    }
}

fn key(ns: &str, local: &str) -> String {
    if ns.is_empty() {
        local.to_owned()
    } else {
        format!("{{{ns}}}{local}")
    }
}

fn names(pattern: Pattern<'_>, default_ns: &str) -> Vec<String> {
    if let Some(name) = attr(pattern.elem, "name") {
        return vec![key(default_ns, name.trim())];
    }
    let mut out = Vec::new();
    if let Some(child) = pattern.elem.elements().next() {
        name_class(child, ns_of(child, default_ns), &mut out);
    }
    out
}

fn name_class(elem: &Element, ns: &str, out: &mut Vec<String>) {
    if is_rng(elem, "name") {
        out.push(key(ns, elem.text().trim()));
    } else if is_rng(elem, "choice") {
        for child in elem.elements() {
            name_class(child, ns_of(child, ns), out);
        }
    }
}

struct Walker<'g> {
    defines: HashMap<&'g str, Vec<Pattern<'g>>>,
    visited: HashSet<(*const Element, String, String, bool)>,
    keys: BTreeSet<String>,
    values: BTreeMap<String, BTreeSet<String>>,
    open: BTreeSet<String>,
    repeatable: BTreeSet<String>,
}

impl<'g> Walker<'g> {
    /// Walks `pattern` found in the content of element `e` whose parent is `p`;
    /// `repeat` when a `<zeroOrMore>` or `<oneOrMore>` of that content encloses it.
    fn walk(&mut self, pattern: Pattern<'g>, p: &str, e: &str, repeat: bool) {
        let elem = pattern.elem;
        if !self
            .visited
            .insert((elem as *const Element, p.to_owned(), e.to_owned(), repeat))
        {
            return;
        }
        if is_rng(elem, "element") {
            if elem.elements().any(|c| is_rng(c, "notAllowed")) {
                return;
            }
            for name in names(pattern, pattern.ns) {
                self.keys.insert(format!("{p}/{e}/{name}"));
                if repeat {
                    self.repeatable.insert(format!("{p}/{e}/{name}"));
                }
                for child in elem
                    .elements()
                    .skip(usize::from(attr(elem, "name").is_none()))
                {
                    let child = Pattern {
                        elem: child,
                        ns: ns_of(child, pattern.ns),
                    };
                    self.walk(child, e, &name, false);
                }
            }
            return;
        }
        if is_rng(elem, "attribute") {
            let ns = attr(elem, "ns").unwrap_or("");
            let content = elem
                .elements()
                .skip(usize::from(attr(elem, "name").is_none()));
            let mut values = BTreeSet::new();
            let mut any = false;
            let mut closed = true;
            for c in content.filter(|c| c.name.namespace.as_deref() == Some(RNG_NS)) {
                any = true;
                closed &= self.closed_values(c, &mut values, 0);
            }
            for name in names(pattern, ns) {
                let key = format!("{p}/{e}/@{name}");
                if any && closed && !values.is_empty() {
                    self.values
                        .entry(key.clone())
                        .or_default()
                        .extend(values.iter().cloned());
                } else {
                    self.open.insert(key.clone());
                }
                self.keys.insert(key);
            }
            return;
        }
        if is_rng(elem, "ref") {
            let name = attr(elem, "name").unwrap_or_default();
            let bodies = self.defines.get(name).cloned().unwrap_or_default();
            for body in bodies {
                self.walk(body, p, e, repeat);
            }
            return;
        }
        let repeat = repeat || is_rng(elem, "zeroOrMore") || is_rng(elem, "oneOrMore");
        for child in elem.elements() {
            if child.name.namespace.as_deref() != Some(RNG_NS) {
                continue;
            }
            let child = Pattern {
                elem: child,
                ns: ns_of(child, pattern.ns),
            };
            self.walk(child, p, e, repeat);
        }
    }

    fn closed_values(&self, pattern: &Element, out: &mut BTreeSet<String>, depth: u32) -> bool {
        if depth > 20 {
            return false;
        }
        match pattern.name.local.as_str() {
            "value" => {
                out.insert(pattern.text().trim().to_owned());
                true
            }
            "choice" => pattern
                .elements()
                .all(|c| self.closed_values(c, out, depth + 1)),
            "ref" => {
                let name = attr(pattern, "name").unwrap_or_default();
                self.defines.get(name).is_some_and(|bodies| {
                    bodies.iter().all(|b| {
                        b.elem
                            .elements()
                            .all(|c| self.closed_values(c, out, depth + 1))
                    })
                })
            }
            _ => false,
        }
    }
}
