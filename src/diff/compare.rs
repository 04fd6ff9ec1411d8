//! The full comparison behind [`Domain::diff`](crate::Domain::diff): every attribute,
//! text and element of either document, devices matched by identity.

use crate::diff::identity::{groups, keys, match_group, step};
use crate::diff::render::compact;
use crate::diff::values::{attribute, same, show_bytes, size};
use crate::diff::Change;
use crate::xml::Element;

/// Every difference between `a` and `b` (both at `path`), appended to `out`.
pub(crate) fn element(a: &Element, b: &Element, path: &str, out: &mut Vec<Change>) {
    let mut skip: Vec<&str> = Vec::new();
    let mut skip_text = false;
    let (sa, sb) = (
        size(a, attribute(b, "unit").is_some()),
        size(b, attribute(a, "unit").is_some()),
    );
    if let (Some(sa), Some(sb)) = (sa, sb) {
        if sa.attribute == sb.attribute {
            skip.push("unit");
            match sa.attribute {
                Some(attr) => skip.push(attr),
                None => skip_text = true,
            }
            if sa.bytes != sb.bytes {
                let at = match sa.attribute {
                    Some(attr) => format!("{path}/@{attr}"),
                    None => path.to_owned(),
                };
                out.push(Change::changed(
                    at,
                    show_bytes(sa.bytes),
                    show_bytes(sb.bytes),
                ));
            }
        }
    }
    attributes(a, b, path, &skip, out);
    if !skip_text {
        let (ta, tb) = (a.text(), b.text());
        if !same(&ta, &tb) {
            out.push(match (ta.is_empty(), tb.is_empty()) {
                (false, true) => Change::removed(path.to_owned(), ta.into_owned()),
                (true, false) => Change::added(path.to_owned(), tb.into_owned()),
                _ => Change::changed(path.to_owned(), ta.into_owned(), tb.into_owned()),
            });
        }
    }
    children(a, b, path, out);
}

fn attributes(a: &Element, b: &Element, path: &str, skip: &[&str], out: &mut Vec<Change>) {
    let skipped = |n: &crate::xml::Name| n.namespace.is_none() && skip.contains(&n.local.as_str());
    for attr in a.attributes.iter().filter(|x| !skipped(&x.name)) {
        let at = format!("{path}/@{}", attr.name.qualified());
        match b.attributes.iter().find(|x| x.name == attr.name) {
            None => out.push(Change::removed(at, attr.value.clone())),
            Some(other) if !same(&attr.value, &other.value) => {
                out.push(Change::changed(at, attr.value.clone(), other.value.clone()))
            }
            Some(_) => {}
        }
    }
    for attr in b.attributes.iter().filter(|x| !skipped(&x.name)) {
        if a.attributes.iter().all(|x| x.name != attr.name) {
            let at = format!("{path}/@{}", attr.name.qualified());
            out.push(Change::added(at, attr.value.clone()));
        }
    }
}

fn children(a: &Element, b: &Element, path: &str, out: &mut Vec<Change>) {
    let a_groups = groups(a);
    let b_groups = groups(b);
    for (name, a_kids) in &a_groups {
        let b_kids = b_groups
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[][..], |(_, kids)| kids.as_slice());
        group(a, b, a_kids, b_kids, path, out);
    }
    for (name, b_kids) in &b_groups {
        if a_groups.iter().all(|(n, _)| n != name) {
            group(a, b, &[], b_kids, path, out);
        }
    }
}

/// One group of same-named children: matched, then compared, removed or added.
fn group(
    a: &Element,
    b: &Element,
    a_kids: &[&Element],
    b_kids: &[&Element],
    path: &str,
    out: &mut Vec<Change>,
) {
    let a_keys = keys(a, a_kids);
    let b_keys = keys(b, b_kids);
    let matching = match_group(&a_keys, &b_keys);
    let many = a_kids.len() > 1 || b_kids.len() > 1;
    let mut removed = matching.only_a.iter().peekable();
    for &(i, j) in &matching.pairs {
        while let Some(&&r) = removed.peek().filter(|&&&r| r < i) {
            removed.next();
            let at = format!("{path}/{}", step(a_kids[r], a_keys[r].as_deref(), r, many));
            out.push(Change::removed(at, compact(a_kids[r])));
        }
        let at = format!("{path}/{}", step(a_kids[i], a_keys[i].as_deref(), i, many));
        element(a_kids[i], b_kids[j], &at, out);
    }
    for &r in removed {
        let at = format!("{path}/{}", step(a_kids[r], a_keys[r].as_deref(), r, many));
        out.push(Change::removed(at, compact(a_kids[r])));
    }
    for &j in &matching.only_b {
        let at = format!("{path}/{}", step(b_kids[j], b_keys[j].as_deref(), j, many));
        out.push(Change::added(at, compact(b_kids[j])));
    }
}
