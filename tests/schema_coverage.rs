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
//! Where the schema's value for an attribute is a closed set of `<value>`s, each value
//! must be written too. The generators write a `value_enum!` field's known spellings
//! (and `Other` strings that are none of them), so a closed set kept in a `String`
//! shows up as "value missing". A set is closed when every pattern for that triple
//! lists values (`os/type/@machine` is `xenpv|xenfv|xenpvh` for Xen but any name for
//! `hvm`: not closed), and a set of integers held in a number field is not checked
//! (see [`is_numeric_set`]).
//!
//! So that no value is missed by bad luck, each part of the model is drawn on its own,
//! as often as its value sets need (see [`parts`] and [`DRAWS`]), from a generator
//! seeded with the part's name.
//!
//! The schema folder is `LIBVIRT_SCHEMA_DIR`, by default
//! `../shared/reference/libvirt-11.3/schemas`; without it the test says so and passes,
//! unless `REQUIRE_CORPUS` is set (as in CI).

mod strategies;

use strategies::compose;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use libvirt_domain::devices::{Device, Devices};
use libvirt_domain::os::Os;
use libvirt_domain::xml::{Element, Node};
use libvirt_domain::Domain;
use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

const RNG_NS: &str = "http://relaxng.org/ns/structure/1.0";

/// How many times each field of [`Domain`] and of [`Os`] is drawn (see [`parts`]),
/// unless [`DRAWS`] says otherwise. A `value_enum!` field writes one of its known
/// spellings three times in four, each as likely, so a set of `n` values needs about
/// `27 n` draws for each value to be written 20 times (a miss then has a probability
/// near e^-20); fields behind a variant need more. The test prints the values written
/// least often: raise a part's count when one of them comes close to missing.
const PART_DRAWS: usize = 300;

/// How many times each device kind is drawn, unless [`DRAWS`] says otherwise: more
/// than [`PART_DRAWS`] because each kind has its own `<address>` triples, and an
/// address is one of 12 types (`<kind>/address/@multifunction=on` needs a PCI address,
/// one draw in 12, and then one value of 2: 25 expected in 600 draws).
const DEVICE_DRAWS: usize = 600;

/// How many of the values written least often the test prints.
const RAREST_SHOWN: usize = 5;

/// Parts drawn more (or less) often than [`PART_DRAWS`] or [`DEVICE_DRAWS`], each
/// with the reason.
const DRAWS: &[(&str, usize)] = &[
    // `<domain type>`: 16 values.
    ("kind", 1_000),
    // `<sysinfo>`: `smbios` is one variant in 3, and its `<entry name>` has 4 to 7
    // values per parent.
    ("sysinfo", 1_000),
    // `<perf><event name>`: 22 values.
    ("perf", 1_000),
    // `<os><type arch>`: 35 values.
    ("os.kind", 2_000),
    // `<os>` as a whole: each of its fields is drawn on its own.
    ("os", 30),
    // `<devices>` as a whole: each device kind is drawn on its own.
    ("devices", 30),
    // `<controller model>`: 41 values.
    ("devices.controller", 1_500),
    // `<audio driver>`: `sdl` is one backend in 12, and has 4 drivers.
    ("devices.audio", 2_000),
    // `<hostdev>`: a variant per mode and type, each with its own source.
    ("devices.hostdev", 2_000),
    // `<smartcard>`: one variant in 4 is `passthrough`, with a character device type
    // (15 values) and a target type (17).
    ("devices.smartcard", 2_000),
    // `<disk>` and `<os><nvram>`: with every field set a disk source is large (a disk
    // takes 35 ms to draw and write in a debug build), so fewer draws: its rarest
    // values are written 5 to 10 times. (If a disk source comes to hold only its
    // type's fields, a disk gets smaller: then draw it as often as the others.)
    ("devices.disk", 300),
    ("os.nvram", 300),
];

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
    /// Attributes that some pattern lets take any text (`<data>`, `<text>`), even if
    /// another pattern at the same triple lists values (`os/type/@machine` is
    /// `xenpv|xenfv|xenpvh` for Xen and any name for `hvm`): their set is not closed.
    open: BTreeSet<String>,
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

/// What the schema allows: every triple; the attribute triples whose value is one of
/// a closed set everywhere the schema allows them, with their values; and the triples
/// that list values in one place but allow any text in another (not checked).
struct Schema {
    triples: BTreeSet<String>,
    closed: BTreeMap<String, BTreeSet<String>>,
    open_elsewhere: Vec<String>,
}

fn schema_triples(dir: &Path) -> Schema {
    let grammar = Grammar::load(dir);
    let (start, defines) = grammar.index();
    let mut walker = Walker {
        defines,
        visited: HashSet::new(),
        found: BTreeSet::new(),
        values: BTreeMap::new(),
        open: BTreeSet::new(),
    };
    for pattern in start {
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

/// What the model writes: triples, and how often each value was written at each
/// attribute triple.
#[derive(Default)]
struct Written {
    triples: BTreeSet<String>,
    values: HashMap<String, HashMap<String, usize>>,
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
            *out.values
                .entry(triple.clone())
                .or_default()
                .entry(a.value.clone())
                .or_default() += 1;
            out.triples.insert(triple);
        }
    }
    for child in &elem.children {
        if let Node::Element(child) = child {
            record(child, p, &name, out);
        }
    }
}

fn draws(part: &str) -> usize {
    if let Some((_, n)) = DRAWS.iter().find(|(name, _)| *name == part) {
        *n
    } else if part.starts_with("devices.") {
        DEVICE_DRAWS
    } else {
        PART_DRAWS
    }
}

/// A random generator seeded from the part's name: each part draws the same values
/// whatever the other parts do, so changing one generator does not reshuffle the
/// draws (and the rare values) of all the others. FNV-1a, twice for 16 bytes.
fn rng_for(part: &str) -> TestRng {
    let mut seed = Vec::with_capacity(16);
    for offset in [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142] {
        let hash = part.bytes().fold(offset, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        seed.extend_from_slice(&hash.to_le_bytes());
    }
    // XorShift: ChaCha took a third of the time in a debug build.
    TestRng::from_seed(RngAlgorithm::XorShift, &seed)
}

/// A domain holding only `os`.
fn with_os(os: Os) -> Domain {
    Domain {
        os: Some(os),
        ..Domain::default()
    }
}

/// A domain holding only `device`.
fn with_device(device: Device) -> Domain {
    let mut devices = Devices::default();
    devices.devices.push(device);
    Domain {
        devices: Some(devices),
        ..Domain::default()
    }
}

/// Every part of the model sampled on its own, by name, as a strategy for a domain
/// that holds only that part: each field of [`Domain`] (`os`); each field of [`Os`]
/// (`os.kind`), whose `<type arch>` would otherwise be drawn as rarely as `<os>`
/// draws its costly `<nvram><source>`; each device kind (`devices.disk`).
fn parts() -> Vec<(String, BoxedStrategy<Domain>)> {
    let mut parts = Vec::new();
    for (name, field) in strategies::with_every_field(strategies::domain::domain_fields) {
        parts.push((name.to_owned(), compose(vec![field])));
    }
    for (name, field) in strategies::with_every_field(strategies::os::os_fields) {
        let domains = compose(vec![field]).prop_map(with_os).boxed();
        parts.push((format!("os.{name}"), domains));
    }
    for (name, kind) in strategies::with_every_field(strategies::devices::device_kinds) {
        parts.push((
            format!("devices.{name}"),
            kind.prop_map(with_device).boxed(),
        ));
    }
    parts
}

/// Writes `draws` domains from `domains` and records what they hold.
fn sample(
    domains: &BoxedStrategy<Domain>,
    draws: usize,
    runner: &mut TestRunner,
    out: &mut Written,
) {
    for _ in 0..draws {
        let domain = domains.new_tree(runner).unwrap().current();
        let xml = domain
            .to_xml()
            .unwrap_or_else(|e| panic!("{e}\n{domain:?}"));
        let root = Element::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        record(&root, "", "", out);
    }
}

/// Samples every part of the model on its own (see [`parts`]), so each is drawn often
/// enough whatever its share of a whole domain. Everything is written as a whole
/// domain, so each name is recorded in its real context (`/domain/os`,
/// `domain/devices/disk`).
fn written_by_model() -> Written {
    let start = Instant::now();
    let mut out = Written::default();
    let mut total = 0;
    for (name, domains) in parts() {
        // No failure persistence: nothing fails here, and every value tree proptest
        // forks clones the configuration.
        let config = Config {
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(config, rng_for(&name));
        sample(&domains, draws(&name), &mut runner, &mut out);
        total += draws(&name);
    }
    eprintln!(
        "model sampling: {total} domains in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    out
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

/// One test for names and values: both need the same (slow) sampling of the model.
#[test]
fn every_name_and_value_the_schema_allows_is_modelled() {
    let Some(dir) = schema_dir() else { return };
    let schema = schema_triples(&dir);
    let model = written_by_model();
    let allowed: HashMap<&str, &str> = NOT_MODELLED.iter().copied().collect();
    let missing: Vec<&String> = schema
        .triples
        .iter()
        .filter(|t| !model.triples.contains(*t) && !allowed.contains_key(t.as_str()))
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
        let Some(written) = model.values.get(triple) else {
            continue; // the triple itself is reported above
        };
        if is_numeric_set(values, written) {
            numeric.push(triple.as_str());
            continue;
        }
        for value in values {
            checked += 1;
            match written.get(value) {
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
    assert!(missing.is_empty(), "{} triples missing", missing.len());
    assert!(
        values_missing.is_empty(),
        "{} values missing",
        values_missing.len()
    );
}
