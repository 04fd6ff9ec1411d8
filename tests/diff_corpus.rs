//! Semantic diff and drift over libvirt's own test documents.
//!
//! - `applied_in(input, output)` holds for every pair of `<corpus>.pairs.tsv`
//!   (`INPUT<TAB>OUTPUT`: libvirt's QEMU driver read INPUT and wrote OUTPUT);
//! - a seeded single-value change to the output of a value the input sets makes
//!   `applied_in` fail, naming that path;
//! - `diff(d, d)` is empty for every document.
//!
//! `LIBVIRT_CORPUS_DIR` names the corpus folder (default `../shared/corpus/libvirt-11.3`);
//! `REQUIRE_CORPUS=1` makes its absence a failure.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use libvirt_domain::xml::{Element, Node};
use libvirt_domain::Domain;

/// The corpus folder, or `None` (after saying so) when it is absent and not required.
fn corpus() -> Option<PathBuf> {
    let dir = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_absent(&dir);
        None
    }
}

/// The pairs listed beside the corpus folder.
fn pairs(dir: &Path) -> Vec<(String, String)> {
    let mut list = dir.as_os_str().to_owned();
    list.push(".pairs.tsv");
    let list = PathBuf::from(list);
    let text = match std::fs::read_to_string(&list) {
        Ok(text) => text,
        Err(e) => {
            assert!(
                !common::corpus_required(),
                "{}: {e} (REQUIRE_CORPUS=1)",
                list.display()
            );
            return Vec::new();
        }
    };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
        .collect()
}

fn read_domain(dir: &Path, file: &str) -> Result<(String, Domain), String> {
    let text = std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
    let domain = Domain::from_xml(&text).map_err(|e| format!("{file}: {e}"))?;
    Ok((text, domain))
}

/// A path with its identity predicates taken out: `/domain/devices/disk/source/@file`.
fn bare(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn applied_in_holds_for_every_pair() {
    let Some(dir) = corpus() else { return };
    let pairs = pairs(&dir);
    let mut failures = Vec::new();
    let mut histogram: BTreeMap<String, usize> = BTreeMap::new();
    for (input, output) in &pairs {
        let (desired, live) = match (read_domain(&dir, input), read_domain(&dir, output)) {
            (Ok((_, d)), Ok((_, l))) => (d, l),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(format!("{input}: cannot read: {e}"));
                continue;
            }
        };
        if let Err(drift) = desired.applied_in(&live) {
            for c in &drift.changes {
                *histogram.entry(bare(&c.path)).or_default() += 1;
            }
            failures.push(format!("{input} → {output}:\n{drift}"));
        }
    }
    if std::env::var_os("DIFF_HISTOGRAM").is_some() {
        let mut rows: Vec<_> = histogram.into_iter().collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.1));
        for (path, n) in rows {
            println!("{n:5} {path}");
        }
    }
    println!(
        "applied_in: {} of {} pairs hold",
        pairs.len() - failures.len(),
        pairs.len()
    );
    for f in &failures {
        println!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} pairs drift (each listed above)",
        failures.len(),
        pairs.len()
    );
}

#[test]
fn diff_of_every_document_with_itself_is_empty() {
    let Some(dir) = corpus() else { return };
    let files = common::xml_files(&dir).expect("read the corpus folder");
    let mut compared = 0;
    let mut failures = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        // Schema-invalid documents may not parse; those are the corpus test's business.
        let Ok(domain) = Domain::from_xml(&text) else {
            continue;
        };
        let again = Domain::from_xml(&text).expect("parsed once, parses twice");
        compared += 1;
        match domain.diff(&again) {
            Ok(diff) if diff.is_empty() => {}
            Ok(diff) => failures.push(format!("{}:\n{diff}", path.display())),
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
        if let Err(drift) = domain.applied_in(&again) {
            failures.push(format!("{}: applied_in itself:\n{drift}", path.display()));
        }
    }
    println!("diff(d, d): {compared} documents compared");
    assert!(
        !common::corpus_required() || compared > 1000,
        "only {compared} documents"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How many seeded mutations the mutation test makes (at least 1,000).
const MUTATIONS: usize = 1500;

/// A small deterministic generator (xorshift64*), so every run makes the same changes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// A value that differs from `value` in one place and keeps its shape: `yes`↔`no`,
/// `on`↔`off`, otherwise the last character moved to the next digit or letter (so a
/// number stays a number, a MAC address a MAC address), else `x` appended.
fn mutate(value: &str) -> String {
    match value {
        "yes" => return "no".into(),
        "no" => return "yes".into(),
        "on" => return "off".into(),
        "off" => return "on".into(),
        _ => {}
    }
    let mut chars: Vec<char> = value.chars().collect();
    match chars.last_mut() {
        Some(c) if c.is_ascii_digit() => {
            *c = if *c == '9' {
                '0'
            } else {
                (*c as u8 + 1) as char
            }
        }
        Some(c) if c.is_ascii_hexdigit() => {
            *c = if c.eq_ignore_ascii_case(&'f') {
                'a'
            } else {
                (*c as u8 + 1) as char
            }
        }
        Some(c) if c.is_ascii_lowercase() => {
            *c = if *c == 'z' {
                'a'
            } else {
                (*c as u8 + 1) as char
            }
        }
        Some(c) if c.is_ascii_uppercase() => {
            *c = if *c == 'Z' {
                'A'
            } else {
                (*c as u8 + 1) as char
            }
        }
        _ => chars.push('x'),
    }
    chars.into_iter().collect()
}

/// Where one value sits: the element (child indices from the root) and the attribute,
/// or `None` for the element's text.
#[derive(Clone)]
struct Site {
    steps: Vec<usize>,
    attribute: Option<usize>,
    /// The positional path shown in a failure and compared with the drift's path.
    path: String,
}

/// Every value the input sets that the output holds unchanged at the same place: an
/// attribute (other than `unit`) or the text of a leaf element, in elements whose
/// every attribute the output keeps as written (so both are the same element).
fn candidates(
    input: &Element,
    output: &Element,
    steps: &mut Vec<usize>,
    path: &str,
    out: &mut Vec<Site>,
) {
    for a in &input.attributes {
        if a.name.namespace.is_none() && a.name.local == "unit" {
            continue;
        }
        if let Some(j) = output
            .attributes
            .iter()
            .position(|b| b.name == a.name && b.value == a.value)
        {
            out.push(Site {
                steps: steps.clone(),
                attribute: Some(j),
                path: format!("{path}/@{}", a.name.qualified()),
            });
        }
    }
    if !input.has_elements() && !output.has_elements() {
        let text = input.text();
        if !text.trim().is_empty() && text == output.text() {
            out.push(Site {
                steps: steps.clone(),
                attribute: None,
                path: path.to_owned(),
            });
        }
    }
    let out_kids: Vec<(usize, &Element)> = output
        .children
        .iter()
        .enumerate()
        .filter_map(|(i, n)| match n {
            Node::Element(e) => Some((i, e)),
            Node::Text(_) => None,
        })
        .collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for kid in input.elements() {
        let key = format!("{:?}{}", kid.name.namespace, kid.name.local);
        let n = seen.entry(key).or_default();
        let nth = *n;
        *n += 1;
        let Some((index, partner)) = out_kids.iter().filter(|(_, e)| e.name == kid.name).nth(nth)
        else {
            continue;
        };
        let same_element = kid.attributes.iter().all(|a| {
            partner
                .attributes
                .iter()
                .any(|b| b.name == a.name && b.value == a.value)
        });
        if !same_element {
            continue;
        }
        steps.push(*index);
        let kid_path = format!("{path}/{}", kid.name.qualified());
        candidates(kid, partner, steps, &kid_path, out);
        steps.pop();
    }
}

/// Writes an element tree as XML text (enough for a document that was just parsed).
fn write(element: &Element, out: &mut String) {
    fn escape(text: &str, out: &mut String) {
        for c in text.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\'' => out.push_str("&apos;"),
                '"' => out.push_str("&quot;"),
                '\t' => out.push_str("&#9;"),
                '\n' => out.push_str("&#10;"),
                '\r' => out.push_str("&#13;"),
                c => out.push(c),
            }
        }
    }
    out.push('<');
    out.push_str(&element.name.qualified());
    if let (Some(ns), Some(prefix)) = (&element.name.namespace, &element.name.prefix) {
        out.push_str(&format!(" xmlns:{prefix}='"));
        escape(ns, out);
        out.push('\'');
    } else if let Some(ns) = &element.name.namespace {
        out.push_str(" xmlns='");
        escape(ns, out);
        out.push('\'');
    }
    for a in &element.attributes {
        if let (Some(ns), Some(prefix)) = (&a.name.namespace, &a.name.prefix) {
            if prefix != "xml" {
                out.push_str(&format!(" xmlns:{prefix}='"));
                escape(ns, out);
                out.push('\'');
            }
        }
        out.push(' ');
        out.push_str(&a.name.qualified());
        out.push_str("='");
        escape(&a.value, out);
        out.push('\'');
    }
    out.push('>');
    for child in &element.children {
        match child {
            Node::Element(e) => write(e, out),
            Node::Text(t) => escape(&t.text, out),
        }
    }
    out.push_str("</");
    out.push_str(&element.name.qualified());
    out.push('>');
}

/// The element at `steps` (child indices) below `root`.
fn element_at<'e>(root: &'e mut Element, steps: &[usize]) -> &'e mut Element {
    steps.iter().fold(root, |e, &i| match &mut e.children[i] {
        Node::Element(kid) => kid,
        Node::Text(_) => unreachable!("steps index elements"),
    })
}

#[test]
fn a_changed_value_is_drift_at_its_path() {
    let Some(dir) = corpus() else { return };
    let pairs = pairs(&dir);
    let mut sites: Vec<(usize, Site)> = Vec::new();
    let mut documents = Vec::new();
    for (input, output) in &pairs {
        let (Ok((_, desired)), Ok((_, live))) =
            (read_domain(&dir, input), read_domain(&dir, output))
        else {
            continue;
        };
        // The trees the model writes, so positions agree with what is compared.
        let input_tree = Element::parse(&desired.to_xml().expect("writes")).expect("parses");
        let output_tree = Element::parse(&live.to_xml().expect("writes")).expect("parses");
        let mut found = Vec::new();
        candidates(
            &input_tree,
            &output_tree,
            &mut Vec::new(),
            "/domain",
            &mut found,
        );
        sites.extend(found.into_iter().map(|s| (documents.len(), s)));
        documents.push((input.clone(), desired, output_tree));
    }
    assert!(
        !common::corpus_required() || sites.len() >= MUTATIONS,
        "only {} values to change",
        sites.len()
    );
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut made = 0;
    let mut unreadable = 0;
    let mut failures = Vec::new();
    let mut attempts = 0;
    while made < MUTATIONS && !sites.is_empty() && attempts < MUTATIONS * 4 {
        attempts += 1;
        let (doc, site) = sites.swap_remove((rng.next() % sites.len() as u64) as usize);
        let (name, desired, output_tree) = &documents[doc];
        let mut mutated = output_tree.clone();
        let element = element_at(&mut mutated, &site.steps);
        let (old, new) = match site.attribute {
            Some(a) => {
                let old = element.attributes[a].value.clone();
                element.attributes[a].value = mutate(&old);
                (old, element.attributes[a].value.clone())
            }
            None => {
                let old = element.text().into_owned();
                let new = mutate(&old);
                element.children = vec![Node::Text(libvirt_domain::xml::Text {
                    text: new.clone(),
                    position: Default::default(),
                })];
                (old, new)
            }
        };
        let mut text = String::new();
        write(&mutated, &mut text);
        // A change the model refuses to read (a number out of range, say) is no test.
        let Ok(live) = Domain::from_xml(&text) else {
            unreadable += 1;
            continue;
        };
        made += 1;
        match desired.applied_in(&live) {
            Ok(()) => failures.push(format!(
                "{name}: {} {old:?} → {new:?}: applied_in holds",
                site.path
            )),
            Err(drift) => {
                if !drift.paths().any(|p| bare(p) == site.path) {
                    failures.push(format!(
                        "{name}: {} {old:?} → {new:?}: drift names other paths:\n{drift}",
                        site.path
                    ));
                }
            }
        }
    }
    println!(
        "mutations: {made} made ({unreadable} unreadable skipped), {} not detected",
        failures.len()
    );
    for f in &failures {
        println!("{f}");
    }
    assert!(
        !common::corpus_required() || made >= 1000,
        "only {made} mutations made"
    );
    assert!(
        failures.is_empty(),
        "{} mutations not detected (listed above)",
        failures.len()
    );
}
