//! Which element of one document is which element of the other: devices by identity
//! (disks by target, interfaces by MAC address, controllers by type and index, other
//! devices by alias), a few keyed lists elsewhere, the rest by order within their name.

use crate::diff::values::{attribute, same};
use crate::xml::{Element, Name};

/// The children of an element grouped by name, in order of first appearance.
pub(crate) fn groups(element: &Element) -> Vec<(&Name, Vec<&Element>)> {
    let mut out: Vec<(&Name, Vec<&Element>)> = Vec::new();
    for child in element.elements() {
        match out.iter_mut().find(|(n, _)| **n == child.name) {
            Some((_, kids)) => kids.push(child),
            None => out.push((&child.name, vec![child])),
        }
    }
    out
}

/// The attribute `attr` of the first child element named `child`.
fn child_attribute<'e>(element: &'e Element, child: &str, attr: &str) -> Option<&'e str> {
    element
        .elements()
        .find(|e| e.name.namespace.is_none() && e.name.local == child)
        .and_then(|e| attribute(e, attr))
}

/// The identity of `element` among its same-named siblings under `parent`, as the
/// `key=value` text shown in a path, or `None` when it is matched by order.
///
/// - under `<devices>`: a `<disk>` by `<target dev>`; an `<interface>` by
///   `<mac address>` (any case), else by `<alias name>`; a `<controller>` by `type`
///   and `index`; any other device by `<alias name>`;
/// - `<cpu><feature name>`, `<numa><cell id>`, `<vcpus><vcpu id>`,
///   `<iothreadids><iothread id>`, `<cputune><vcpupin vcpu>` and
///   `<cputune><iothreadpin iothread>`, and `<seclabel model>`: by that attribute,
///   as libvirt looks them up.
pub(crate) fn key(parent: &Element, element: &Element) -> Option<String> {
    if element.name.namespace.is_some() || parent.name.namespace.is_some() {
        return None;
    }
    let by = |attr: &str| attribute(element, attr).map(|v| format!("{attr}={v}"));
    let name = element.name.local.as_str();
    match parent.name.local.as_str() {
        "devices" => match name {
            "disk" => child_attribute(element, "target", "dev").map(|v| format!("dev={v}")),
            "interface" => child_attribute(element, "mac", "address")
                .map(|v| format!("mac={}", v.to_ascii_lowercase()))
                .or_else(|| alias(element)),
            "controller" => match (attribute(element, "type"), attribute(element, "index")) {
                (Some(t), Some(i)) => Some(format!("type={t},index={}", canonical_number(i))),
                _ => alias(element),
            },
            _ => alias(element),
        },
        "cpu" if name == "feature" => by("name"),
        "numa" if name == "cell" => by("id"),
        "vcpus" if name == "vcpu" => by("id"),
        "iothreadids" if name == "iothread" => by("id"),
        "cputune" if name == "vcpupin" => by("vcpu"),
        "cputune" if name == "iothreadpin" => by("iothread"),
        "domain" if name == "seclabel" => by("model"),
        _ => None,
    }
}

/// A number in decimal, so `index='0x1'` and `index='1'` have one key.
fn canonical_number(text: &str) -> String {
    match crate::diff::values::number(text) {
        Some(n) => n.to_string(),
        None => text.to_owned(),
    }
}

fn alias(element: &Element) -> Option<String> {
    child_attribute(element, "alias", "name").map(|v| format!("alias={v}"))
}

/// Elements of one group matched across two documents.
pub(crate) struct Matching {
    /// Pairs of indices `(a, b)` that are the same element.
    pub pairs: Vec<(usize, usize)>,
    /// Indices in `a` with no partner, in order.
    pub only_a: Vec<usize>,
    /// Indices in `b` with no partner, in order.
    pub only_b: Vec<usize>,
}

/// Keys of a group's elements, with duplicates (which cannot identify) turned to `None`.
pub(crate) fn keys(parent: &Element, kids: &[&Element]) -> Vec<Option<String>> {
    let mut keys: Vec<Option<String>> = kids.iter().map(|k| key(parent, k)).collect();
    for i in 0..keys.len() {
        if let Some(k) = keys[i].clone() {
            if keys[i + 1..]
                .iter()
                .any(|o| o.as_deref() == Some(k.as_str()))
            {
                for slot in keys.iter_mut().filter(|o| o.as_deref() == Some(k.as_str())) {
                    *slot = None;
                }
            }
        }
    }
    keys
}

/// Whether two keys name the same element (MAC addresses and numbers in any spelling).
fn same_key(a: &str, b: &str) -> bool {
    match (a.split_once('='), b.split_once('=')) {
        (Some((ka, va)), Some((kb, vb))) => ka == kb && same(va, vb),
        _ => a == b,
    }
}

/// Match `a` against `b` by key; what has no keyed partner is paired by order.
pub(crate) fn match_group(a_keys: &[Option<String>], b_keys: &[Option<String>]) -> Matching {
    let mut pairs = Vec::new();
    let mut b_taken = vec![false; b_keys.len()];
    let mut a_left = Vec::new();
    for (i, ka) in a_keys.iter().enumerate() {
        let found = ka.as_deref().and_then(|ka| {
            b_keys
                .iter()
                .enumerate()
                .position(|(j, kb)| !b_taken[j] && kb.as_deref().is_some_and(|kb| same_key(ka, kb)))
        });
        match found {
            Some(j) => {
                b_taken[j] = true;
                pairs.push((i, j));
            }
            None => a_left.push(i),
        }
    }
    // What is left pairs by order: first elements without a key with each other (so a
    // keyless sibling does not take the place of an element whose key changed), then
    // the rest, except two elements that both have a key (and so are known to be
    // different elements): an element libvirt gave a key (a live alias) still meets
    // the keyless one it was written as.
    let mut only_a = Vec::new();
    let mut next_b = 0;
    let mut keyed_left = Vec::new();
    for i in a_left {
        if a_keys[i].is_some() {
            keyed_left.push(i);
            continue;
        }
        let found = (next_b..b_keys.len()).find(|&j| !b_taken[j] && b_keys[j].is_none());
        match found {
            Some(j) => {
                b_taken[j] = true;
                next_b = j + 1;
                pairs.push((i, j));
            }
            None => keyed_left.push(i),
        }
    }
    keyed_left.sort_unstable();
    let mut next_b = 0;
    for i in keyed_left {
        let found = (next_b..b_keys.len())
            .find(|&j| !b_taken[j] && (a_keys[i].is_none() || b_keys[j].is_none()));
        match found {
            Some(j) => {
                b_taken[j] = true;
                next_b = j + 1;
                pairs.push((i, j));
            }
            None => only_a.push(i),
        }
    }
    let only_b: Vec<usize> = (0..b_keys.len()).filter(|&j| !b_taken[j]).collect();
    pairs.sort_unstable();
    Matching {
        pairs,
        only_a,
        only_b,
    }
}

/// The path step for one element: `name[key]`, `name[n]` (1-based) when its group
/// has more than one element on either side, else `name`. Brackets and `%` in a key
/// are percent-encoded so that a path's predicates always end where they seem to.
pub(crate) fn step(element: &Element, key: Option<&str>, index: usize, many: bool) -> String {
    let name = element.name.qualified();
    match key {
        Some(k) if k.contains(['[', ']', '%']) => {
            let k = k
                .replace('%', "%25")
                .replace('[', "%5B")
                .replace(']', "%5D");
            format!("{name}[{k}]")
        }
        Some(k) => format!("{name}[{k}]"),
        None if many => format!("{name}[{}]", index + 1),
        None => name.into_owned(),
    }
}
