//! Schema coverage: the model is built from libvirt's schema, not from the corpus.
//!
//! This walks libvirt 11.3's RelaxNG grammar (`domain.rng` and its includes) from its
//! start and lists every element and attribute it allows, each in the context of its
//! parent and grandparent element (`disk/source/@file`, `interface/source/@bridge`).
//! It then writes domains from the property-test generators (which set every field of
//! every modelled type) and lists the same triples in what they write. Every triple
//! the schema allows must be one the model writes, so a document nobody has shown us
//! still parses with nothing unmodelled, and a field a generator forgets shows up too.
//!
//! The schema folder is `LIBVIRT_SCHEMA_DIR`, by default
//! `../shared/reference/libvirt-11.3/schemas`; without it the test says so and passes,
//! unless `REQUIRE_CORPUS` is set (as in CI).

mod strategies;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use libvirt_domain::xml::{Element, Node};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, TestRng, TestRunner};

const RNG_NS: &str = "http://relaxng.org/ns/structure/1.0";

/// How many generated domains to write: enough for every part outside `<devices>`.
const DOMAINS: usize = 60;

/// How many generated devices to write on their own: a device kind is one of about
/// 30, its address one of about 12 types, so this takes more draws.
const DEVICES: usize = 4_000;

/// Triples the schema allows that the model deliberately leaves to `Extra`, each with
/// the reason. Keep this empty unless a reason is written down.
const NOT_MODELLED: &[(&str, &str)] = &[];

fn schema_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("LIBVIRT_SCHEMA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/reference/libvirt-11.3/schemas"));
    if dir.join("domain.rng").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("REQUIRE_CORPUS").is_none(),
        "REQUIRE_CORPUS is set but {} has no domain.rng",
        dir.display()
    );
    eprintln!("note: no schema at {}; skipping", dir.display());
    None
}

// ---------------------------------------------------------------------------------
// The grammar

/// A pattern of the grammar with the `ns` it inherits lexically.
#[derive(Clone, Copy)]
struct Pattern<'g> {
    elem: &'g Element,
    ns: &'g str,
}

struct Grammar {
    /// Every file's root element, kept alive for the patterns that point into it.
    files: Vec<Element>,
}

impl Grammar {
    fn load(dir: &Path) -> Grammar {
        let mut files = Vec::new();
        let mut seen = HashSet::new();
        let mut queue = vec!["domain.rng".to_owned()];
        while let Some(name) = queue.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let root = Element::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            collect_includes(&root, &mut queue);
            files.push(root);
        }
        Grammar { files }
    }

    /// `<start>` patterns and every `<define>` by name (several for `combine`).
    fn index(&self) -> (Vec<Pattern<'_>>, HashMap<&str, Vec<Pattern<'_>>>) {
        let mut start = Vec::new();
        let mut defines: HashMap<&str, Vec<Pattern<'_>>> = HashMap::new();
        for root in &self.files {
            index_into(root, ns_of(root, ""), &mut start, &mut defines);
        }
        (start, defines)
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

/// The `ns` in effect on `elem`, given the one around it.
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

/// A name in the form the model's output is listed in: `local` or `{uri}local`.
fn key(ns: &str, local: &str) -> String {
    if ns.is_empty() {
        local.to_owned()
    } else {
        format!("{{{ns}}}{local}")
    }
}

/// The names an `<element>` or `<attribute>` pattern allows (none for wildcards).
fn names(pattern: Pattern<'_>, default_ns: &str) -> Vec<String> {
    if let Some(name) = attr(pattern.elem, "name") {
        return vec![key(default_ns, name)];
    }
    let mut out = Vec::new();
    // The name class is the first child.
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
    // anyName / nsName: a wildcard; such content is raw XML in the model.
}

/// Walks the grammar and records `grandparent/parent/child` and
/// `grandparent/parent/@attribute` for everything it allows.
struct Walker<'g> {
    defines: HashMap<&'g str, Vec<Pattern<'g>>>,
    visited: HashSet<(*const Element, String, String)>,
    found: BTreeSet<String>,
    /// Attributes whose value is one of a closed set: triple → the values.
    values: BTreeMap<String, BTreeSet<String>>,
}

impl<'g> Walker<'g> {
    fn walk(&mut self, pattern: Pattern<'g>, gp: &str, p: &str) {
        let elem = pattern.elem;
        if !self
            .visited
            .insert((elem as *const Element, gp.to_owned(), p.to_owned()))
        {
            return;
        }
        if is_rng(elem, "element") {
            // `<element><notAllowed/></element>` can never be valid (libvirt's
            // `privateData` outside status XML).
            if elem.elements().any(|c| is_rng(c, "notAllowed")) {
                return;
            }
            for name in names(pattern, pattern.ns) {
                self.found.insert(format!("{gp}/{p}/{name}"));
                for child in elem
                    .elements()
                    .skip(usize::from(attr(elem, "name").is_none()))
                {
                    let child = Pattern {
                        elem: child,
                        ns: ns_of(child, pattern.ns),
                    };
                    self.walk(child, p, &name);
                }
            }
            return;
        }
        if is_rng(elem, "attribute") {
            // Attributes are in no namespace unless the pattern says otherwise.
            let ns = attr(elem, "ns").unwrap_or("");
            let content = elem
                .elements()
                .skip(usize::from(attr(elem, "name").is_none()));
            let mut values = BTreeSet::new();
            let closed = content
                .filter(|c| c.name.namespace.as_deref() == Some(RNG_NS))
                .all(|c| self.closed_values(c, &mut values, 0));
            for name in names(pattern, ns) {
                let triple = format!("{gp}/{p}/@{name}");
                if closed && !values.is_empty() {
                    self.values
                        .entry(triple.clone())
                        .or_default()
                        .extend(values.iter().cloned());
                }
                self.found.insert(triple);
            }
            return;
        }
        if is_rng(elem, "ref") {
            let name = attr(elem, "name").unwrap_or_default();
            let bodies = self.defines.get(name).cloned().unwrap_or_default();
            assert!(!bodies.is_empty(), "undefined ref {name}");
            for body in bodies {
                self.walk(body, gp, p);
            }
            return;
        }
        // define, start, choice, group, interleave, optional, zeroOrMore, oneOrMore,
        // mixed, list: their children. data, value, text, empty, notAllowed: nothing.
        for child in elem.elements() {
            if child.name.namespace.as_deref() != Some(RNG_NS) {
                continue; // annotations
            }
            let child = Pattern {
                elem: child,
                ns: ns_of(child, pattern.ns),
            };
            self.walk(child, gp, p);
        }
    }
}

impl Walker<'_> {
    /// Adds the values `pattern` allows to `out`; false if it allows more than a
    /// closed set (`<data>`, `<text>`, …).
    fn closed_values(&self, pattern: &Element, out: &mut BTreeSet<String>, depth: u32) -> bool {
        if depth > 20 {
            return false;
        }
        match pattern.name.local.as_str() {
            "value" => {
                out.insert(pattern.text().into_owned());
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

fn schema_triples(dir: &Path) -> (BTreeSet<String>, BTreeMap<String, BTreeSet<String>>) {
    let grammar = Grammar::load(dir);
    let (start, defines) = grammar.index();
    let mut walker = Walker {
        defines,
        visited: HashSet::new(),
        found: BTreeSet::new(),
        values: BTreeMap::new(),
    };
    for pattern in start {
        walker.walk(pattern, "", "");
    }
    (walker.found, walker.values)
}

// ---------------------------------------------------------------------------------
// The model

/// Names the generators use for unknown content, which says nothing of the model.
fn is_test_name(name: &libvirt_domain::xml::Name) -> bool {
    name.local.starts_with("x-")
        || name
            .namespace
            .as_deref()
            .is_some_and(|ns| ns.starts_with("urn:test") || ns.starts_with("http://example.com"))
}

fn name_key(name: &libvirt_domain::xml::Name) -> String {
    key(name.namespace.as_deref().unwrap_or(""), &name.local)
}

/// What the model writes: triples, and the values written at each attribute triple.
#[derive(Default)]
struct Written {
    triples: BTreeSet<String>,
    values: HashMap<String, HashSet<String>>,
}

fn record(elem: &Element, gp: &str, p: &str, out: &mut Written) {
    if is_test_name(&elem.name) {
        return;
    }
    let name = name_key(&elem.name);
    out.triples.insert(format!("{gp}/{p}/{name}"));
    for a in &elem.attributes {
        if !is_test_name(&a.name) {
            let triple = format!("{p}/{name}/@{}", name_key(&a.name));
            out.values
                .entry(triple.clone())
                .or_default()
                .insert(a.value.clone());
            out.triples.insert(triple);
        }
    }
    for child in &elem.children {
        if let Node::Element(child) = child {
            record(child, p, &name, out);
        }
    }
}

fn written_by_model() -> Written {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let mut out = Written::default();
    let domains = strategies::with_every_field(strategies::domain);
    for _ in 0..DOMAINS {
        let domain = domains.new_tree(&mut runner).unwrap().current();
        // Strings with characters XML cannot carry make `to_xml` refuse the domain.
        let Ok(xml) = domain.to_xml() else { continue };
        let root = Element::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        record(&root, "", "", &mut out);
    }
    let devices = strategies::with_every_field(strategies::devices::device);
    for _ in 0..DEVICES {
        let device = devices.new_tree(&mut runner).unwrap().current();
        let Ok(xml) = device.to_xml() else { continue };
        let root = Element::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        record(&root, "domain", "devices", &mut out);
    }
    out
}

/// One test for names and values: both need the same (slow) sampling of the model.
#[test]
fn every_name_and_value_the_schema_allows_is_modelled() {
    let Some(dir) = schema_dir() else { return };
    let (schema, closed) = schema_triples(&dir);
    let model = written_by_model();
    let allowed: HashMap<&str, &str> = NOT_MODELLED.iter().copied().collect();
    let missing: Vec<&String> = schema
        .iter()
        .filter(|t| !model.triples.contains(*t) && !allowed.contains_key(t.as_str()))
        .collect();
    eprintln!(
        "schema coverage: {} triples in the schema, {} written by the model, {} missing",
        schema.len(),
        schema.len() - missing.len(),
        missing.len()
    );
    for t in &missing {
        eprintln!("  missing: {t}");
    }

    // Closed value sets: every value the schema lists is one the model writes, which
    // the generators only do for a known enum variant (their `Other` strings are never
    // a known spelling) or by chance for a free-text field.
    let mut values_missing = Vec::new();
    let mut value_count = 0;
    for (triple, values) in &closed {
        let Some(written) = model.values.get(triple) else {
            continue; // the triple itself is reported above
        };
        for value in values {
            value_count += 1;
            if !written.contains(value)
                && !allowed.contains_key(format!("{triple}={value}").as_str())
            {
                values_missing.push(format!("{triple}={value}"));
            }
        }
    }
    eprintln!(
        "schema values: {value_count} values of {} closed attribute sets, {} not written",
        closed.len(),
        values_missing.len()
    );
    for v in &values_missing {
        eprintln!("  value missing: {v}");
    }
    assert!(missing.is_empty(), "{} triples missing", missing.len());
    assert!(
        values_missing.is_empty(),
        "{} values missing",
        values_missing.len()
    );
}
