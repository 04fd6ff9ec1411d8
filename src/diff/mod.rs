#![doc = include_str!("../../docs/diff.md")]

mod applied;
mod compare;
mod identity;
mod render;
mod rules;
mod values;

use serde::Serialize;

use crate::domain::Domain;
use crate::error::Result;
use crate::xml::Element;

/// Whether a change adds, removes or changes a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ChangeKind {
    /// Only the new domain has it.
    Added,
    /// Only the old domain has it.
    Removed,
    /// Both have it, with different values.
    Changed,
}

/// One difference between two domains: where, what kind, and the values.
///
/// An attribute's value is its text, an element's text is its text, a size is shown
/// in the largest binary unit that holds it exactly (`4 GiB`), and an added or removed
/// element is written as compact XML on one line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Change {
    /// Where: `/domain/devices/disk[dev=vda]/driver/@cache`.
    pub path: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The value in the old domain (`None` when added).
    pub old: Option<String>,
    /// The value in the new domain (`None` when removed).
    pub new: Option<String>,
}

impl Change {
    pub(crate) fn added(path: String, new: String) -> Change {
        Change {
            path,
            kind: ChangeKind::Added,
            old: None,
            new: Some(new),
        }
    }

    pub(crate) fn removed(path: String, old: String) -> Change {
        Change {
            path,
            kind: ChangeKind::Removed,
            old: Some(old),
            new: None,
        }
    }

    pub(crate) fn changed(path: String, old: String, new: String) -> Change {
        Change {
            path,
            kind: ChangeKind::Changed,
            old: Some(old),
            new: Some(new),
        }
    }
}

/// What changed between two domains ([`Domain::diff`]), in document order.
///
/// `Display` writes one change per line (`+` added, `-` removed, `~` changed);
/// serde writes `{"changes": [{"path", "kind", "old", "new"}, …]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DomainDiff {
    /// The changes, in the order of the old document (added elements after their
    /// siblings).
    pub changes: Vec<Change>,
}

impl DomainDiff {
    /// Whether the two domains are the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes there are.
    pub fn len(&self) -> usize {
        self.changes.len()
    }
}

/// What libvirt did not keep of a definition ([`Domain::applied_in`]).
///
/// Each change goes from what the definition set (`old`) to what the live domain has
/// (`new`, `None` when libvirt has nothing there).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Drift {
    /// The drifted paths, in the definition's document order.
    pub changes: Vec<Change>,
}

impl Drift {
    /// The drifted paths.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.changes.iter().map(|c| c.path.as_str())
    }
}

impl std::error::Error for Drift {}

/// A domain as the element tree it writes.
fn tree(domain: &Domain) -> Result<Element> {
    Ok(Element::parse(&crate::codec::to_string(domain, "domain")?)?)
}

impl Domain {
    /// What changed from `self` to `other`: every added, removed or changed value, by
    /// path, comparing values as libvirt reads them (see [`crate::diff`]).
    ///
    /// ```
    /// use libvirt_domain::Domain;
    ///
    /// let old = Domain::from_xml("<domain type='kvm'><name>vm</name>\
    ///     <memory unit='KiB'>4194304</memory></domain>")?;
    /// let new = Domain::from_xml("<domain type='kvm'><name>vm</name>\
    ///     <memory unit='GiB'>8</memory></domain>")?;
    /// let diff = old.diff(&new)?;
    /// assert_eq!(diff.to_string(), "~ /domain/memory: \"4 GiB\" → \"8 GiB\"\n");
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When either domain cannot be written as XML (a string holding a character XML
    /// 1.0 forbids): the error names the path.
    pub fn diff(&self, other: &Domain) -> Result<DomainDiff> {
        let (a, b) = (tree(self)?, tree(other)?);
        Ok(diff_elements(&a, &b))
    }

    /// Whether libvirt applied this definition: everything it sets is in `live` (the
    /// XML libvirt gives back) as libvirt normalises it. `live` may hold more
    /// (addresses, aliases, controllers, defaults libvirt adds). The normalisations
    /// accepted are named rules, each documented in `docs/diff.md`.
    ///
    /// # Errors
    ///
    /// A [`Drift`] listing each path whose value libvirt did not keep. A domain that
    /// cannot be written as XML is a drift at the path the writer names.
    pub fn applied_in(&self, live: &Domain) -> std::result::Result<(), Drift> {
        let unwritable = |e: crate::Error| Drift {
            changes: vec![Change::changed(
                "/domain".to_owned(),
                format!("cannot be written as XML: {e}"),
                String::new(),
            )],
        };
        let desired = tree(self).map_err(unwritable)?;
        let live = tree(live).map_err(unwritable)?;
        applied_elements(&desired, &live)
    }
}

/// [`Domain::diff`] over two element trees (both `<domain>` roots).
pub fn diff_elements(a: &Element, b: &Element) -> DomainDiff {
    let mut changes = Vec::new();
    let path = format!("/{}", a.name.qualified());
    if a.name != b.name {
        changes.push(Change::changed(path, compact_name(a), compact_name(b)));
    } else {
        compare::element(a, b, &path, &mut changes);
    }
    DomainDiff { changes }
}

/// [`Domain::applied_in`] over two element trees (both `<domain>` roots).
///
/// # Errors
///
/// The [`Drift`] of each path whose value `live` did not keep.
pub fn applied_elements(desired: &Element, live: &Element) -> std::result::Result<(), Drift> {
    let changes = applied::check(desired, live);
    if changes.is_empty() {
        Ok(())
    } else {
        Err(Drift { changes })
    }
}

fn compact_name(e: &Element) -> String {
    format!("<{}>", e.name.qualified())
}

#[cfg(test)]
mod tests;
