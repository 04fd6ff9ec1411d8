//! Shared test helpers: compare two XML documents as libvirt reads them, and run a
//! document through `Domain::from_xml` → `to_xml` → comparison.
//!
//! Equivalence (see docs/architecture.md, "Equivalence"): elements match by namespace
//! URI and local name; attributes match as a set (name by namespace URI and local name,
//! value exact, order free); an element without child elements keeps its text exactly;
//! same-named children match pairwise in order, while the order between differently
//! named siblings is free. Prefixes, quoting, comments, the XML declaration and
//! indentation do not matter.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

pub mod libvirt;

use std::fmt;

use libvirt_domain::xml::{Element, Name, Node};
use libvirt_domain::Domain;

/// At most this many differences are reported per document.
pub const MAX_DIFFERENCES: usize = 20;

/// Every difference between `original` and `output` (at most [`MAX_DIFFERENCES`]),
/// each as `PATH: what`; empty when the documents are equivalent.
pub fn differences(original: &str, output: &str) -> Vec<String> {
    let original = match Element::parse(original) {
        Ok(root) => root,
        Err(e) => return vec![format!("original is not well-formed: {e}")],
    };
    let output = match Element::parse(output) {
        Ok(root) => root,
        Err(e) => return vec![format!("output is not well-formed: {e}")],
    };
    element_differences(&original, &output)
}

/// Every difference between two parsed elements (see [`differences`]).
pub fn element_differences(original: &Element, output: &Element) -> Vec<String> {
    let mut diffs = Vec::new();
    let path = format!("/{}", original.name.qualified());
    if original.name != output.name {
        diffs.push(format!(
            "{path}: element {} became {}",
            clark(&original.name),
            clark(&output.name)
        ));
        return diffs;
    }
    compare(original, output, &path, &mut diffs);
    diffs.truncate(MAX_DIFFERENCES);
    diffs
}

fn compare(a: &Element, b: &Element, path: &str, diffs: &mut Vec<String>) {
    if diffs.len() >= MAX_DIFFERENCES {
        return;
    }
    compare_attributes(a, b, path, diffs);
    compare_text(a, b, path, diffs);

    let a_groups = groups(a);
    let b_groups = groups(b);
    for (name, a_kids) in &a_groups {
        let b_kids = b_groups
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[][..], |(_, kids)| kids.as_slice());
        for (i, a_kid) in a_kids.iter().enumerate() {
            let kid_path = child_path(path, a_kid, i, a_kids.len().max(b_kids.len()));
            match b_kids.get(i) {
                Some(b_kid) => compare(a_kid, b_kid, &kid_path, diffs),
                None => diffs.push(format!("{kid_path}: missing")),
            }
        }
        for (i, b_kid) in b_kids.iter().enumerate().skip(a_kids.len()) {
            let kid_path = child_path(path, b_kid, i, b_kids.len());
            diffs.push(format!("{kid_path}: unexpected"));
        }
    }
    for (name, b_kids) in &b_groups {
        if a_groups.iter().all(|(n, _)| n != name) {
            for (i, b_kid) in b_kids.iter().enumerate() {
                let kid_path = child_path(path, b_kid, i, b_kids.len());
                diffs.push(format!("{kid_path}: unexpected"));
            }
        }
    }
}

fn compare_attributes(a: &Element, b: &Element, path: &str, diffs: &mut Vec<String>) {
    for attr in &a.attributes {
        let at = format!("{path}/@{}", attr.name.qualified());
        match b.attributes.iter().find(|o| o.name == attr.name) {
            None => diffs.push(format!("{at}: missing")),
            Some(o) if o.value != attr.value => diffs.push(format!(
                "{at}: {} became {}",
                quote(&attr.value),
                quote(&o.value)
            )),
            Some(_) => {}
        }
    }
    for attr in &b.attributes {
        if a.attributes.iter().all(|o| o.name != attr.name) {
            diffs.push(format!(
                "{path}/@{}: unexpected {}",
                attr.name.qualified(),
                quote(&attr.value)
            ));
        }
    }
}

/// Text of an element without child elements must be identical, except that
/// whitespace-only text counts as none: libvirt reads `<input …>\n  </input>` and
/// `<input …/>` alike, and the codec keeps text-valued fields (`<description>  </description>`)
/// exactly, which the property tests prove. In mixed content the whitespace around
/// text nodes is layout, so only the trimmed text nodes count.
fn compare_text(a: &Element, b: &Element, path: &str, diffs: &mut Vec<String>) {
    let (a_text, b_text) = if a.has_elements() || b.has_elements() {
        (mixed_text(a), mixed_text(b))
    } else {
        let layout = |e: &Element| {
            let t = e.text().into_owned();
            if t.trim().is_empty() {
                String::new()
            } else {
                t
            }
        };
        (vec![layout(a)], vec![layout(b)])
    };
    if a_text != b_text {
        diffs.push(format!(
            "{path}: text {} became {}",
            quote(&a_text.join("…")),
            quote(&b_text.join("…"))
        ));
    }
}

fn mixed_text(e: &Element) -> Vec<String> {
    e.children
        .iter()
        .filter_map(|n| match n {
            Node::Text(t) if !t.text.trim().is_empty() => Some(t.text.trim().to_owned()),
            _ => None,
        })
        .collect()
}

/// Child elements grouped by name (namespace URI + local name), groups in order of
/// first appearance, each group in document order.
fn groups(e: &Element) -> Vec<(&Name, Vec<&Element>)> {
    let mut groups: Vec<(&Name, Vec<&Element>)> = Vec::new();
    for kid in e.elements() {
        match groups.iter_mut().find(|(n, _)| **n == kid.name) {
            Some((_, kids)) => kids.push(kid),
            None => groups.push((&kid.name, vec![kid])),
        }
    }
    groups
}

/// `parent/name`, with a 1-based `[index]` when there is more than one such child.
fn child_path(parent: &str, kid: &Element, index: usize, count: usize) -> String {
    if count > 1 {
        format!("{parent}/{}[{}]", kid.name.qualified(), index + 1)
    } else {
        format!("{parent}/{}", kid.name.qualified())
    }
}

fn clark(name: &Name) -> String {
    match &name.namespace {
        Some(ns) => format!("{{{ns}}}{}", name.local),
        None => name.local.clone(),
    }
}

/// A value in quotes, shortened to keep one-line reports readable.
fn quote(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() > MAX {
        let short: String = s.chars().take(MAX).collect();
        format!("{:?}…", short)
    } else {
        format!("{s:?}")
    }
}

/// Why a document did not survive `from_xml` → `to_xml` unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundTripFailure {
    /// `Domain::from_xml` refused the document.
    Parse(String),
    /// `Domain::to_xml` refused the parsed value.
    Write(String),
    /// The output differs from the input; each entry is `PATH: what`.
    Mismatch(Vec<String>),
}

impl RoundTripFailure {
    /// A short label for grouping: `parse error`, `write error` or `mismatch`.
    pub fn kind(&self) -> &'static str {
        match self {
            RoundTripFailure::Parse(_) => "parse error",
            RoundTripFailure::Write(_) => "write error",
            RoundTripFailure::Mismatch(_) => "mismatch",
        }
    }
}

impl fmt::Display for RoundTripFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoundTripFailure::Parse(e) => write!(f, "parse error: {e}"),
            RoundTripFailure::Write(e) => write!(f, "write error: {e}"),
            RoundTripFailure::Mismatch(diffs) => {
                write!(f, "mismatch: {}", diffs.first().map_or("", String::as_str))?;
                if diffs.len() > 1 {
                    write!(f, " (+{} more)", diffs.len() - 1)?;
                }
                Ok(())
            }
        }
    }
}

/// Parse `text` as a domain, write it back, and compare the two documents.
/// Returns the written XML when it is equivalent to the input.
pub fn round_trip(text: &str) -> Result<String, RoundTripFailure> {
    let domain = Domain::from_xml(text).map_err(|e| RoundTripFailure::Parse(e.to_string()))?;
    let output = domain
        .to_xml()
        .map_err(|e| RoundTripFailure::Write(e.to_string()))?;
    let diffs = differences(text, &output);
    if diffs.is_empty() {
        Ok(output)
    } else {
        Err(RoundTripFailure::Mismatch(diffs))
    }
}

/// Whether the environment demands that optional test data be present
/// (`REQUIRE_CORPUS=1`, as CI sets it).
pub fn corpus_required() -> bool {
    std::env::var("REQUIRE_CORPUS").is_ok_and(|v| v == "1")
}

/// A path from the environment variable `var` (default `default`), relative paths
/// taken from the crate's root.
pub fn data_dir(var: &str, default: &str) -> std::path::PathBuf {
    let dir = std::env::var_os(var).unwrap_or_else(|| default.into());
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

/// The `*.xml` files directly in `dir`, sorted by name.
pub fn xml_files(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "xml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Handles a missing data folder: fails when [`corpus_required`], otherwise prints that
/// the test was skipped (the caller then returns).
pub fn skip_absent(dir: &std::path::Path) {
    assert!(
        !corpus_required(),
        "{} is absent and REQUIRE_CORPUS=1 demands it",
        dir.display()
    );
    println!(
        "skipped: {} is absent (REQUIRE_CORPUS=1 makes this a failure)",
        dir.display()
    );
}
