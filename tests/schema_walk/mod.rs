//! Schema coverage, shared by every document's coverage test: walk a libvirt RelaxNG
//! grammar from its start, list what it allows, and compare with what the model writes.
//!
//! Use:
//!
//! ```ignore
//! mod schema_walk;
//! let Some(dir) = schema_walk::schema_dir("domainsnapshot.rng") else { return };
//! let schema = schema_walk::Schema::load(&dir, "domainsnapshot.rng");
//! let mut written = schema_walk::Written::default();
//! for xml in documents_the_generators_wrote {
//!     written.record_xml(&xml);
//! }
//! schema_walk::assert_covered(&schema, &written, &[]);
//! ```
//!
//! [`Schema::load`] reads the start file and its `<include>`s and lists every element
//! and attribute the grammar allows, each in the context of its parent and grandparent
//! element (`disk/source/@file`, `interface/source/@bridge`), as a *triple*
//! `grandparent/parent/name` (`grandparent/parent/@name` for an attribute; a name in a
//! namespace is `{uri}local`; the root is `//root`). Where the schema's value for an
//! attribute is a closed set of `<value>`s, it keeps the set: a set is closed when every
//! pattern for that triple lists values (`os/type/@machine` is `xenpv|xenfv|xenpvh` for
//! Xen but any name for `hvm`: not closed).
//!
//! A nested `<grammar>` (how `domainsnapshot.rng` embeds `domain.rng`) is another
//! document's grammar: the walk records the root elements it allows
//! (`/domainsnapshot/domain`) but not their content, which that document's own coverage
//! test covers.
//!
//! [`Written`] lists the same triples, and how often each attribute value was written,
//! in documents the model wrote; [`check`] compares the two and [`assert_covered`] fails
//! on any triple or closed value the model does not write.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use libvirt_domain::xml::{Element, Name, Node};

const RNG_NS: &str = "http://relaxng.org/ns/structure/1.0";

/// The schema folder when `LIBVIRT_SCHEMA_DIR` is not set.
pub const DEFAULT_SCHEMA_DIR: &str = "../shared/reference/libvirt-11.3/schemas";

/// How many of the values written least often [`check`] prints.
const RAREST_SHOWN: usize = 5;

/// The schema folder (`LIBVIRT_SCHEMA_DIR`, by default [`DEFAULT_SCHEMA_DIR`]) when it
/// holds `start`; otherwise `None` after saying so, or a panic when `REQUIRE_CORPUS` is
/// set (as in CI).
pub fn schema_dir(start: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("LIBVIRT_SCHEMA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_SCHEMA_DIR));
    if dir.join(start).is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("REQUIRE_CORPUS").is_none(),
        "REQUIRE_CORPUS is set but {} has no {start}",
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

/// `<start>` patterns and every `<define>` by name (several for `combine`).
type Index<'g> = (Vec<Pattern<'g>>, HashMap<&'g str, Vec<Pattern<'g>>>);

struct Grammar {
    /// Every file's root element, kept alive for the patterns that point into it.
    files: Vec<Element>,
}

impl Grammar {
    /// Reads `start` in `dir` and every file it includes (not those of nested
    /// grammars, which are other documents).
    fn load(dir: &Path, start: &str) -> Grammar {
        let mut files = Vec::new();
        let mut seen = HashSet::new();
        let mut queue = vec![start.to_owned()];
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

    fn index(&self) -> Index<'_> {
        let mut start = Vec::new();
        let mut defines: HashMap<&str, Vec<Pattern<'_>>> = HashMap::new();
        for root in &self.files {
            index_into(root, ns_of(root, ""), &mut start, &mut defines);
        }
        (start, defines)
    }

    /// The names of the root elements the grammar allows.
    fn root_names(&self) -> Vec<String> {
        let (start, defines) = self.index();
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for pattern in start {
            root_names_into(pattern, &defines, &mut seen, &mut out);
        }
        out
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

/// The element names `pattern` can start with, following `ref`s and combinators but
/// not entering elements.
fn root_names_into<'g>(
    pattern: Pattern<'g>,
    defines: &HashMap<&'g str, Vec<Pattern<'g>>>,
    seen: &mut HashSet<*const Element>,
    out: &mut Vec<String>,
) {
    let elem = pattern.elem;
    if !seen.insert(elem as *const Element) {
        return;
    }
    if is_rng(elem, "element") {
        out.extend(names(pattern, pattern.ns));
        return;
    }
    if is_rng(elem, "ref") {
        let name = attr(elem, "name").unwrap_or_default();
        for body in defines.get(name).into_iter().flatten() {
            root_names_into(*body, defines, seen, out);
        }
        return;
    }
    for child in elem
        .elements()
        .filter(|c| c.name.namespace.as_deref() == Some(RNG_NS))
    {
        let child = Pattern {
            elem: child,
            ns: ns_of(child, pattern.ns),
        };
        root_names_into(child, defines, seen, out);
    }
}

/// A name in the form triples use: `local` or `{uri}local`.
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
    dir: &'g Path,
    defines: HashMap<&'g str, Vec<Pattern<'g>>>,
    visited: HashSet<(*const Element, String, String)>,
    found: BTreeSet<String>,
    /// Attributes whose value is one of a closed set: triple → the values.
    values: BTreeMap<String, BTreeSet<String>>,
    /// Attributes that some pattern lets take any text (`<data>`, `<text>`), even if
    /// another pattern at the same triple lists values (`os/type/@machine` is
    /// `xenpv|xenfv|xenpvh` for Xen and any name for `hvm`): their set is not closed.
    open: BTreeSet<String>,
    /// Root element names of nested grammars, by the files they include.
    nested: HashMap<Vec<String>, Vec<String>>,
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
                } else {
                    self.open.insert(triple.clone());
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
        if is_rng(elem, "grammar") {
            for name in self.nested_roots(elem) {
                self.found.insert(format!("{gp}/{p}/{name}"));
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

    /// The root element names of a nested `<grammar>` made of `<include>`s (read
    /// once per set of files).
    fn nested_roots(&mut self, grammar: &Element) -> Vec<String> {
        let mut hrefs = Vec::new();
        collect_includes(grammar, &mut hrefs);
        assert!(
            grammar
                .elements()
                .all(|c| is_rng(c, "include") || c.name.namespace.as_deref() != Some(RNG_NS)),
            "a nested grammar with more than <include>s is not supported"
        );
        let dir = self.dir;
        self.nested
            .entry(hrefs.clone())
            .or_insert_with(|| {
                let mut names = Vec::new();
                for href in &hrefs {
                    names.extend(Grammar::load(dir, href).root_names());
                }
                names
            })
            .clone()
    }

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

/// What a schema allows: every triple; the attribute triples whose value is one of a
/// closed set everywhere the schema allows them, with their values; and the triples
/// that list values in one place but allow any text in another (not checked).
pub struct Schema {
    /// Every element and attribute triple the grammar allows.
    pub triples: BTreeSet<String>,
    /// Attribute triples with a closed set of values, and the values.
    pub closed: BTreeMap<String, BTreeSet<String>>,
    /// Attribute triples that list values in one place and allow any text in another.
    pub open_elsewhere: Vec<String>,
}

impl Schema {
    /// Walks the grammar of `start` (a file in `dir`, with its includes) from its
    /// `<start>`.
    pub fn load(dir: &Path, start: &str) -> Schema {
        let grammar = Grammar::load(dir, start);
        let (starts, defines) = grammar.index();
        let mut walker = Walker {
            dir,
            defines,
            visited: HashSet::new(),
            found: BTreeSet::new(),
            values: BTreeMap::new(),
            open: BTreeSet::new(),
            nested: HashMap::new(),
        };
        for pattern in starts {
            walker.walk(pattern, "", "");
        }
        let (open_elsewhere, closed): (BTreeMap<_, _>, BTreeMap<_, _>) = walker
            .values
            .into_iter()
            .partition(|(triple, _)| walker.open.contains(triple));
        Schema {
            triples: walker.found,
            closed,
            open_elsewhere: open_elsewhere.into_keys().collect(),
        }
    }
}

// ---------------------------------------------------------------------------------
// The model

/// Names the generators use for unknown content, which says nothing of the model:
/// local names starting with `x-`, namespaces starting with `urn:test` or
/// `http://example.com`.
pub fn is_test_name(name: &Name) -> bool {
    name.local.starts_with("x-")
        || name
            .namespace
            .as_deref()
            .is_some_and(|ns| ns.starts_with("urn:test") || ns.starts_with("http://example.com"))
}

fn name_key(name: &Name) -> String {
    key(name.namespace.as_deref().unwrap_or(""), &name.local)
}

/// What the model writes: triples, and how often each value was written at each
/// attribute triple.
#[derive(Default)]
pub struct Written {
    /// Every element and attribute triple written.
    pub triples: BTreeSet<String>,
    /// Attribute triple → value → how many times it was written.
    pub values: HashMap<String, HashMap<String, usize>>,
}

impl Written {
    /// Records a whole document the model wrote (panics if it is not well-formed).
    pub fn record_xml(&mut self, xml: &str) {
        let root = Element::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        self.record(&root);
    }

    /// Records a document's root element and everything in it.
    pub fn record(&mut self, root: &Element) {
        self.record_in(root, "", "");
    }

    fn record_in(&mut self, elem: &Element, gp: &str, p: &str) {
        if is_test_name(&elem.name) {
            return;
        }
        let name = name_key(&elem.name);
        self.triples.insert(format!("{gp}/{p}/{name}"));
        for a in &elem.attributes {
            if !is_test_name(&a.name) {
                let triple = format!("{p}/{name}/@{}", name_key(&a.name));
                *self
                    .values
                    .entry(triple.clone())
                    .or_default()
                    .entry(a.value.clone())
                    .or_default() += 1;
                self.triples.insert(triple);
            }
        }
        for child in &elem.children {
            if let Node::Element(child) = child {
                self.record_in(child, p, &name);
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// The comparison

/// What the schema allows and the model does not write.
pub struct Coverage {
    /// Triples the schema allows that no document written holds.
    pub missing: Vec<String>,
    /// `triple=value` for closed values never written.
    pub values_missing: Vec<String>,
}

/// Whether `value` is an unsigned integer as the model writes numbers: decimal, or
/// `0x` hex for the fields that keep their written form.
fn is_number(value: &str) -> bool {
    let (digits, radix) = match value.strip_prefix("0x") {
        Some(hex) => (hex, 16),
        None => (value, 10),
    };
    !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
}

/// Numeric closed sets (`cpu/cache/@level` is `1|2|3`) are left out of the value
/// check when the model's field is a number: then every value the generators wrote
/// at the triple is a number, and a number field can hold each listed value (drawing
/// exactly `2` from `u32` is luck). The rule needs both: a schema set that is all
/// integers, and a field that only ever wrote integers (a `value_enum!` also writes
/// `Other` strings, a `String` field writes text).
fn is_numeric_set(values: &BTreeSet<String>, written: &HashMap<String, usize>) -> bool {
    values.iter().all(|v| is_number(v)) && written.keys().all(|v| is_number(v))
}

/// Compares `schema` with `written`, printing a summary, and returns what is missing.
/// `not_modelled` lists triples (or `triple=value`) the model deliberately leaves to
/// `Extra`, each with the reason.
pub fn check(schema: &Schema, written: &Written, not_modelled: &[(&str, &str)]) -> Coverage {
    let allowed: HashMap<&str, &str> = not_modelled.iter().copied().collect();
    let missing: Vec<String> = schema
        .triples
        .iter()
        .filter(|t| !written.triples.contains(*t) && !allowed.contains_key(t.as_str()))
        .cloned()
        .collect();
    eprintln!(
        "schema coverage: {} triples in the schema, {} written by the model, {} missing",
        schema.triples.len(),
        schema.triples.len() - missing.len(),
        missing.len()
    );
    for t in &missing {
        eprintln!("  missing: {t}");
    }

    // Closed value sets: every value the schema lists is one the model writes, which
    // the generators only do for a known enum variant (their `Other` strings are never
    // a known spelling) or by chance for a free-text field.
    let mut values_missing = Vec::new();
    let mut checked = 0;
    let mut numeric = Vec::new();
    // The values written least often: how far the sampling is from missing one.
    let mut rarest: Vec<(usize, String)> = Vec::new();
    for (triple, values) in &schema.closed {
        let Some(counts) = written.values.get(triple) else {
            continue; // the triple itself is reported above
        };
        if is_numeric_set(values, counts) {
            numeric.push(triple.as_str());
            continue;
        }
        for value in values {
            checked += 1;
            match counts.get(value) {
                Some(&count) => rarest.push((count, format!("{triple}={value}"))),
                None if allowed.contains_key(format!("{triple}={value}").as_str()) => {}
                None => values_missing.push(format!("{triple}={value}")),
            }
        }
    }
    rarest.sort();
    eprintln!(
        "schema values: {checked} values of {} closed attribute sets checked, {} not written",
        schema.closed.len() - numeric.len(),
        values_missing.len(),
    );
    eprintln!("  not checked, held in a number: {}", numeric.join(", "));
    eprintln!(
        "  not checked, open elsewhere in the schema: {}",
        schema.open_elsewhere.join(", ")
    );
    for (count, value) in rarest.iter().take(RAREST_SHOWN) {
        eprintln!("  rarely written ({count} times): {value}");
    }
    for v in &values_missing {
        eprintln!("  value missing: {v}");
    }
    Coverage {
        missing,
        values_missing,
    }
}

/// [`check`], failing when a triple or a closed value is missing.
pub fn assert_covered(schema: &Schema, written: &Written, not_modelled: &[(&str, &str)]) {
    let coverage = check(schema, written, not_modelled);
    assert!(
        coverage.missing.is_empty(),
        "{} triples missing",
        coverage.missing.len()
    );
    assert!(
        coverage.values_missing.is_empty(),
        "{} values missing",
        coverage.values_missing.len()
    );
}
