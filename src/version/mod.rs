//! Version awareness: which libvirt release a domain needs, and checking a domain
//! against the release a host runs.
//!
//! A domain written for libvirt 11.3 can be refused by an older libvirt (Debian 12
//! ships 9.0, Debian 11 7.0). [`Domain::requirements`] lists every element, attribute
//! and attribute value of a domain that needs a release newer than libvirt's first,
//! with the release and the section of libvirt's documentation ("formatdomain") that
//! describes it; [`Domain::min_libvirt_version`] is the newest of them and
//! [`Domain::check_libvirt`] lists every one newer than a target.
//!
//! # Where the versions come from
//!
//! The facts live in one table, `since_table.rs`, generated (never edited by hand)
//! by `tests/since_table.rs` from libvirt's own material, with two sources ranked:
//!
//! 1. **The schemas of older releases** (`reference/libvirt-{9.0,7.0}/schemas`) are
//!    facts about what those releases accept. The generator walks each grammar and
//!    lists, in the context of parent and grandparent element, every element and
//!    attribute it allows, the values of every closed value set, and which elements
//!    may repeat. Whatever libvirt 11.3's grammar allows and 9.0's does not needs a
//!    release after 9.0 (a second `<watchdog>`, which 9.0 allows once, included);
//!    likewise for 7.0. These are bounds, not guesses.
//! 2. **`:since:` annotations of `formatdomain.rst`** give the exact release. The
//!    generator reads each annotation with the names written just before it (or just
//!    after "Since X.Y.Z,") in the same sentence, and the element the paragraph or
//!    definition list is about, and assigns the release to the table entry with that
//!    name in that element. An annotation is used only where it agrees with the
//!    bounds of source 1 (a release after 9.0 for something 9.0's schema lacks): prose
//!    is read by heuristics, and a release the schemas contradict is the heuristic's
//!    mistake, not a fact.
//!
//! Where the documentation gives no release that agrees, the entry says so
//! ([`Since::After`]: "needs a release after 9.0; 9.0's schema refuses it") and the
//! requirement is the first monthly release after it, the lowest release that can
//! have it. No number is made up.
//!
//! Where the two sources disagree the other way, a release documented after 9.0 for
//! something 9.0's schema already accepted (an attribute value the old schema took as
//! free text before it was documented), the documented release ranks first for
//! values the documentation names explicitly: the schema accepting text says nothing
//! about the driver understanding it, and predicting a newer release than needed is the
//! lesser error (the user upgrades or checks; predicting too old a release lets a
//! domain fail on the host).
//!
//! Only what the schemas tell apart or the documentation dates after 7.0 is in the
//! table; everything else needs nothing newer than libvirt 7.0 and is not listed.
//!
//! What the table cannot see: a change of a value's form (a pattern that widened),
//! of element order, or of what one `type` allows where the element's name and
//! attributes stay the same. On libvirt's own test documents these are the rare
//! cases where the prediction is older than the schema's verdict
//! (`tests/libvirt_versions.rs` lists them).

mod number;
mod since_table;

pub use number::LibvirtVersion;

use std::collections::HashMap;
use std::fmt;

use crate::domain::Domain;
use crate::error::{Error, Problem};
use crate::xml::{Element, Name};

/// What the table knows about when something appeared in libvirt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub enum Since {
    /// `formatdomain.rst` documents it as new in this release (and the older schemas
    /// agree).
    Documented(LibvirtVersion),
    /// The documentation gives no release; the schema of this release refuses it, so
    /// it needs a later one.
    After(LibvirtVersion),
}

impl Since {
    /// The oldest release that can accept it: the documented release, or the first
    /// monthly release after the one whose schema refuses it.
    pub fn version(self) -> LibvirtVersion {
        match self {
            Since::Documented(v) => v,
            Since::After(v) => v.next_minor(),
        }
    }
}

impl fmt::Display for Since {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Since::Documented(v) => write!(f, "{v}"),
            Since::After(v) => write!(f, "{} (after {v}: its schema refuses it)", v.next_minor()),
        }
    }
}

/// One row of the since table: a place in the grammar and when it appeared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SinceEntry {
    /// `grandparent/parent/element`, `parent/element/@attribute` or
    /// `parent/element/@attribute=value`, names in Clark notation (`{uri}local`)
    /// when namespaced; the root is `//domain`, its attributes `/domain/@name`.
    /// `grandparent/parent/element[2]` is a second element of that name.
    pub key: &'static str,
    /// When it appeared.
    pub since: Since,
    /// The section of formatdomain that documents it (empty when none was found).
    pub section: &'static str,
}

/// The table's entry for `key`, if any (the generated table is sorted by key).
fn lookup(key: &str) -> Option<&'static SinceEntry> {
    since_table::SINCE_TABLE
        .binary_search_by(|e| e.key.cmp(key))
        .ok()
        .map(|i| &since_table::SINCE_TABLE[i])
}

/// The oldest release that has what the since table's `key` names, if the table
/// lists it (see [`SinceEntry::key`] for the form).
pub(crate) fn since(key: &str) -> Option<LibvirtVersion> {
    lookup(key).map(|e| e.since.version())
}

/// Something in a domain that needs a libvirt release newer than 7.0's baseline:
/// where it is, the release, and where libvirt documents it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Requirement {
    /// Element or attribute path, as in errors: `/domain/devices/sound/@model`.
    pub path: String,
    /// The attribute's value when the value (not the attribute) is what is new.
    pub value: Option<String>,
    /// The oldest release that accepts it.
    pub version: LibvirtVersion,
    /// Where the release comes from.
    pub since: Since,
    /// The section of formatdomain that documents it (empty when unknown).
    pub section: &'static str,
    /// The since table's entry it comes from: `devices/sound/@model=virtio` (element
    /// names of the grandparent and parent, the element, `@attribute`, `=value`).
    pub key: &'static str,
}

impl fmt::Display for Requirement {
    /// `PATH: needs libvirt X.Y (section)`, with the value when the value is what is
    /// new, and the reason when the documentation gives no release:
    /// `/domain/devices/sound/@model: needs libvirt 10.4 for "virtio" (Sound devices)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.needs())
    }
}

impl Domain {
    /// Everything in the domain that needs a libvirt release after 7.0, in document
    /// order (see the [`version`](crate::version) module for where the releases come
    /// from). A domain that cannot be written as XML ([`Domain::to_xml`] fails) has
    /// none listed; [`Domain::check_libvirt`] reports that error.
    pub fn requirements(&self) -> Vec<Requirement> {
        let Ok(text) = self.to_xml() else {
            return Vec::new();
        };
        let Ok(root) = Element::parse(&text) else {
            return Vec::new();
        };
        element_requirements(&root)
    }

    /// The oldest libvirt release that accepts every element, attribute and value of
    /// the domain: the newest of [`Domain::requirements`], or libvirt 7.0 when nothing
    /// needs more (the table does not tell releases older than 7.0 apart where the
    /// documentation is silent).
    pub fn min_libvirt_version(&self) -> LibvirtVersion {
        self.requirements()
            .iter()
            .map(|r| r.version)
            .max()
            .unwrap_or(LibvirtVersion::V7_0)
            .max(LibvirtVersion::V7_0)
    }

    /// Checks that libvirt `target` accepts the domain: an [`Error::Validation`] with a
    /// problem for every path that needs a newer release, e.g.
    /// `/domain/devices/sound/@model: needs libvirt 10.4 for "virtio" (Sound devices),
    /// the target is 9.0`. Fails with the writer's error when the domain cannot be
    /// written as XML.
    pub fn check_libvirt(&self, target: LibvirtVersion) -> Result<(), Error> {
        let text = self.to_xml()?;
        let root = Element::parse(&text)?;
        let problems: Vec<Problem> = element_requirements(&root)
            .into_iter()
            .filter(|r| r.version > target)
            .map(|r| Problem::new(r.path.clone(), r.problem_message(target)))
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(problems))
        }
    }
}

impl Requirement {
    /// `needs libvirt X.Y[ for "value"] (section[; reason])`.
    fn needs(&self) -> String {
        let what = match &self.value {
            Some(v) => format!(" for {v:?}"),
            None => String::new(),
        };
        let section = if self.section.is_empty() {
            "formatdomain"
        } else {
            self.section
        };
        let why = match self.since {
            Since::Documented(_) => String::new(),
            Since::After(v) => {
                format!("; {v}'s schema refuses it, the documentation gives no release")
            }
        };
        format!("needs libvirt {}{what} ({section}{why})", self.version)
    }

    fn problem_message(&self, target: LibvirtVersion) -> String {
        format!("{}, the target is {target}", self.needs())
    }
}

/// A name as the table writes it: `local`, or `{uri}local` when namespaced.
fn name_key(name: &Name) -> String {
    match &name.namespace {
        Some(ns) => format!("{{{ns}}}{}", name.local),
        None => name.local.clone(),
    }
}

/// The requirements of a document's root element and everything below it.
pub(crate) fn element_requirements(root: &Element) -> Vec<Requirement> {
    let mut out = Vec::new();
    let path = format!("/{}", root.name.qualified());
    walk(root, "", "", &path, 1, LibvirtVersion::OLDEST, &mut out);
    out
}

/// Lists the requirements of `elem` (at `path`, below `p` below `gp`, the `index`-th
/// of its name there) and its content. A second or later element of a name looks
/// up `gp/p/name[2]` too (an element older releases allow only once). What an element's own requirement already implies (an attribute of an
/// element new in 9.1 that is no newer) is not listed again: `implied` is the newest
/// requirement of the element's ancestors.
fn walk(
    elem: &Element,
    gp: &str,
    p: &str,
    path: &str,
    index: usize,
    implied: LibvirtVersion,
    out: &mut Vec<Requirement>,
) {
    let name = name_key(&elem.name);
    let mut implied = implied;
    let key = format!("{gp}/{p}/{name}");
    let repeated = (index > 1).then(|| lookup(&format!("{key}[2]"))).flatten();
    for entry in lookup(&key).into_iter().chain(repeated) {
        if entry.since.version() > implied {
            out.push(requirement(entry, path.to_owned(), None));
            implied = entry.since.version();
        }
    }
    for attr in &elem.attributes {
        let attr_key = format!("{p}/{name}/@{}", name_key(&attr.name));
        let attr_path = format!("{path}/@{}", attr.name.qualified());
        let mut attr_implied = implied;
        if let Some(entry) = lookup(&attr_key) {
            if entry.since.version() > attr_implied {
                out.push(requirement(entry, attr_path.clone(), None));
                attr_implied = entry.since.version();
            }
        }
        if let Some(entry) = lookup(&format!("{attr_key}={}", attr.value)) {
            if entry.since.version() > attr_implied {
                out.push(requirement(entry, attr_path, Some(attr.value.clone())));
            }
        }
    }
    // Sibling counts first, so a path gets an index only where its name repeats
    // (linear in the number of children).
    let id = |e: &'_ Element| (e.name.namespace.clone(), e.name.local.clone());
    let mut counts: HashMap<(Option<String>, String), usize> = HashMap::new();
    for child in elem.elements() {
        *counts.entry(id(child)).or_default() += 1;
    }
    let mut seen: HashMap<(Option<String>, String), usize> = HashMap::new();
    for child in elem.elements() {
        let index = seen.entry(id(child)).or_default();
        *index += 1;
        let child_path = if counts[&id(child)] > 1 {
            format!("{path}/{}[{index}]", child.name.qualified())
        } else {
            format!("{path}/{}", child.name.qualified())
        };
        let index = *index;
        crate::xml::with_stack(|| walk(child, p, &name, &child_path, index, implied, out));
    }
}

fn requirement(entry: &SinceEntry, path: String, value: Option<String>) -> Requirement {
    Requirement {
        path,
        value,
        version: entry.since.version(),
        since: entry.since,
        section: entry.section,
        key: entry.key,
    }
}

#[cfg(test)]
mod tests;
