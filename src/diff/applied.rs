//! The check behind [`Domain::applied_in`](crate::Domain::applied_in): everything the
//! definition sets must be in the live XML, equal or as one of the [`rules`] says
//! libvirt normalises it; the live XML may hold more.

use crate::diff::identity::{groups, keys, match_group, step};
use crate::diff::render::compact;
use crate::diff::rules::{self, Site};
use crate::diff::values::{attribute, same, show_bytes, size};
use crate::diff::Change;
use crate::xml::{Element, Name};

/// Every path of `desired` that `live` did not keep.
pub(crate) fn check(desired: &Element, live: &Element) -> Vec<Change> {
    let mut out = Vec::new();
    let path = format!("/{}", desired.name.qualified());
    if desired.name != live.name {
        out.push(Change::changed(
            path,
            desired.name.qualified().into_owned(),
            live.name.qualified().into_owned(),
        ));
        return out;
    }
    let mut checker = Checker {
        desired: Vec::new(),
        live: Vec::new(),
    };
    checker.element(desired, live, &path, &mut out);
    out
}

struct Checker<'a> {
    /// The definition's elements from the root down to the one being checked.
    desired: Vec<&'a Element>,
    /// Their live partners.
    live: Vec<&'a Element>,
}

impl<'a> Checker<'a> {
    fn site(&self) -> Site<'_, 'a> {
        Site {
            desired: &self.desired,
            live: &self.live,
        }
    }

    fn element(&mut self, d: &'a Element, l: &'a Element, path: &str, out: &mut Vec<Change>) {
        self.desired.push(d);
        self.live.push(l);
        let mut skip: Vec<&str> = Vec::new();
        let mut skip_text = false;
        let (sd, sl) = (
            size(d, attribute(l, "unit").is_some()),
            size(l, attribute(d, "unit").is_some()),
        );
        if let (Some(sd), Some(sl)) = (sd, sl) {
            if sd.attribute == sl.attribute {
                skip.push("unit");
                match sd.attribute {
                    Some(attr) => skip.push(attr),
                    None => skip_text = true,
                }
                if sd.bytes != sl.bytes
                    && rules::size_kept(&self.site(), sd.bytes, sl.bytes).is_none()
                {
                    let at = match sd.attribute {
                        Some(attr) => format!("{path}/@{attr}"),
                        None => path.to_owned(),
                    };
                    out.push(Change::changed(
                        at,
                        show_bytes(sd.bytes),
                        show_bytes(sl.bytes),
                    ));
                }
            }
        }
        for attr in &d.attributes {
            if attr.name.namespace.is_none() && skip.contains(&attr.name.local.as_str()) {
                continue;
            }
            let live = l.attributes.iter().find(|x| x.name == attr.name);
            let live_value = live.map(|x| x.value.as_str());
            if live_value.is_some_and(|v| same(&attr.value, v)) {
                continue;
            }
            let name = attr.name.local.as_str();
            if attr.name.namespace.is_none()
                && rules::attribute_kept(&self.site(), name, &attr.value, live_value).is_some()
            {
                continue;
            }
            let at = format!("{path}/@{}", attr.name.qualified());
            out.push(match live_value {
                Some(v) => Change::changed(at, attr.value.clone(), v.to_owned()),
                None => Change::removed(at, attr.value.clone()),
            });
        }
        if !skip_text && !d.has_elements() {
            let (td, tl) = (d.text(), l.text());
            if !td.is_empty() && !same(&td, &tl) {
                out.push(if tl.is_empty() {
                    Change::removed(path.to_owned(), td.into_owned())
                } else {
                    Change::changed(path.to_owned(), td.into_owned(), tl.into_owned())
                });
            }
        }
        self.children(d, l, path, out);
        self.desired.pop();
        self.live.pop();
    }

    fn children(&mut self, d: &'a Element, l: &'a Element, path: &str, out: &mut Vec<Change>) {
        let live_groups = groups(l);
        for (name, d_kids) in groups(d) {
            let l_kids = live_groups
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(&[][..], |(_, kids)| kids.as_slice());
            self.group(d, l, name, &d_kids, l_kids, path, out);
        }
    }

    /// One group of same-named children of the definition against the live ones.
    #[allow(clippy::too_many_arguments)]
    fn group(
        &mut self,
        d: &'a Element,
        l: &'a Element,
        name: &Name,
        d_kids: &[&'a Element],
        l_kids: &[&'a Element],
        path: &str,
        out: &mut Vec<Change>,
    ) {
        let d_keys = keys(d, d_kids);
        let l_keys = keys(l, l_kids);
        let many = d_kids.len() > 1 || l_kids.len() > 1;
        let mut partner: Vec<Option<usize>> = vec![None; d_kids.len()];
        let mut taken = vec![false; l_kids.len()];
        // Keyed elements: the live element with the same identity.
        for (i, j) in match_group(&d_keys, &l_keys).pairs {
            if d_keys[i].is_some() && l_keys[j].is_some() {
                partner[i] = Some(j);
                taken[j] = true;
            }
        }
        // The rest: the first live element that keeps everything the definition sets.
        for i in 0..d_kids.len() {
            if partner[i].is_some() {
                continue;
            }
            let found = (0..l_kids.len()).find(|&j| {
                !taken[j]
                    && (d_keys[i].is_none() || l_keys[j].is_none())
                    && self.keeps(d_kids[i], l_kids[j])
            });
            if let Some(j) = found {
                partner[i] = Some(j);
                taken[j] = true;
            }
        }
        // Still alone: compared with the untaken live element it differs from least
        // (even one with another identity: a changed key is drift at that key).
        for i in 0..d_kids.len() {
            let at = format!("{path}/{}", step(d_kids[i], d_keys[i].as_deref(), i, many));
            let j = match partner[i] {
                Some(j) => j,
                None => {
                    let mut best: Option<(usize, usize)> = None;
                    for j in (0..l_kids.len()).filter(|&j| !taken[j]) {
                        let n = self.drift_count(d_kids[i], l_kids[j]);
                        if best.map_or(true, |(_, m)| n < m) {
                            best = Some((j, n));
                        }
                    }
                    match best {
                        Some((j, _)) => {
                            taken[j] = true;
                            j
                        }
                        None => {
                            if !self.missing_kept(name, d_kids[i]) {
                                out.push(Change::removed(at, compact(d_kids[i])));
                            }
                            continue;
                        }
                    }
                }
            };
            self.element(d_kids[i], l_kids[j], &at, out);
        }
    }

    /// Whether a rule explains the definition's child `child` (of the element being
    /// checked) missing from the live XML. A container with neither attributes nor
    /// text (`<features>`) is explained when each of its children is: libvirt does
    /// not write an element it emptied.
    fn missing_kept(&mut self, name: &Name, child: &'a Element) -> bool {
        if rules::element_kept(&self.site(), name, child).is_some() {
            return true;
        }
        if !child.attributes.is_empty() || !child.has_elements() || !child.text().trim().is_empty()
        {
            return false;
        }
        self.desired.push(child);
        let kept = groups(child)
            .into_iter()
            .all(|(n, kids)| kids.into_iter().all(|k| self.missing_kept(n, k)));
        self.desired.pop();
        kept
    }

    /// Whether `live` keeps everything `desired` sets.
    fn keeps(&mut self, desired: &'a Element, live: &'a Element) -> bool {
        self.drift_count(desired, live) == 0
    }

    /// How many paths of `desired` `live` does not keep.
    fn drift_count(&mut self, desired: &'a Element, live: &'a Element) -> usize {
        let mut scratch = Vec::new();
        self.element(desired, live, "", &mut scratch);
        scratch.len()
    }
}
