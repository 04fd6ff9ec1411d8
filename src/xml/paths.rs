//! XPath-like paths of elements in the document being read
//! (`/domain/devices/disk[2]`), for errors and for where unknown content came from.
//!
//! Most documents need no path at all, so the index is built on first use, in one
//! walk over the tree; a path then costs one step per level, whatever the number of
//! siblings. (Searching the tree from the root for every path made reading a document
//! with many unknown or repeated elements quadratic.)

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::xml::borrowed::{BAttribute, BElement};
use crate::xml::error::Position;
use crate::xml::lines::{Lines, Loc};

/// Where an element sits: its parent and its place among same-named siblings.
struct Place<'de> {
    parent: &'de BElement<'de>,
    /// 1-based index among the parent's children of the same name.
    index: usize,
    /// Whether the parent has more than one child of that name (then the index is shown).
    repeated: bool,
}

/// The document being read: its root element, the line:column of its byte offsets
/// and, once a path is asked for, the place of every element in it.
pub(crate) struct Doc<'de> {
    root: &'de BElement<'de>,
    lines: Lines<'de>,
    places: OnceCell<HashMap<*const BElement<'de>, Place<'de>>>,
}

impl<'de> Doc<'de> {
    /// `root`, read from the text `lines` indexes.
    pub(crate) fn new(root: &'de BElement<'de>, lines: Lines<'de>) -> Self {
        Doc {
            root,
            lines,
            places: OnceCell::new(),
        }
    }

    /// The line:column of a node of this document.
    pub(crate) fn position(&self, loc: Loc) -> Position {
        self.lines.position(loc)
    }

    /// The line:column index of this document's text.
    pub(crate) fn lines(&self) -> &Lines<'de> {
        &self.lines
    }

    /// The place of every element below the root, in one walk.
    fn index(&self) -> &HashMap<*const BElement<'de>, Place<'de>> {
        self.places.get_or_init(|| {
            let mut places = HashMap::new();
            let mut todo = vec![self.root];
            while let Some(parent) = todo.pop() {
                // Names are equal by namespace URI and local name, not prefix.
                let key = |e: &'de BElement<'de>| (e.name.namespace, e.name.local);
                let mut counts: HashMap<(Option<&str>, &str), usize> = HashMap::new();
                for child in parent.elements() {
                    *counts.entry(key(child)).or_default() += 1;
                }
                let mut seen: HashMap<(Option<&str>, &str), usize> = HashMap::new();
                for child in parent.elements() {
                    let index = seen.entry(key(child)).or_default();
                    *index += 1;
                    let place = Place {
                        parent,
                        index: *index,
                        repeated: counts.get(&key(child)).is_some_and(|n| *n > 1),
                    };
                    places.insert(std::ptr::from_ref(child), place);
                    todo.push(child);
                }
            }
            places
        })
    }

    /// XPath-like path of `target`, an element of this document, e.g.
    /// `/domain/devices/disk[2]`.
    pub(crate) fn element_path(&self, target: &BElement<'de>) -> String {
        let mut steps: Vec<(&BElement<'de>, &Place<'de>)> = Vec::new();
        if !std::ptr::eq(target, self.root) {
            let index = self.index();
            let mut current = target;
            while let Some(place) = index.get(&std::ptr::from_ref(current)) {
                steps.push((current, place));
                current = place.parent;
            }
        }
        let mut path = format!("/{}", self.root.name.qualified());
        for (element, place) in steps.iter().rev() {
            path.push('/');
            path.push_str(&element.name.qualified());
            if place.repeated {
                path.push_str(&format!("[{}]", place.index));
            }
        }
        path
    }

    /// Path of the attribute `attr` of `elem`, e.g. `/domain/vcpu/@placement`.
    pub(crate) fn attr_path(&self, elem: &BElement<'de>, attr: &BAttribute<'_>) -> String {
        format!("{}/@{}", self.element_path(elem), attr.name.qualified())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_index_repeated_names_only() {
        let text = "<domain><devices><disk/><x:disk xmlns:x='urn:x'/><disk><target/></disk>\
                    <interface/></devices><vcpu/></domain>";
        let arena = bumpalo::Bump::new();
        let root = crate::xml::read::parse_borrowed(text, &arena).unwrap();
        let doc = Doc::new(&root, Lines::new(text));
        assert_eq!(doc.element_path(&root), "/domain");
        let devices = root.elements().next().unwrap();
        let kids: Vec<&BElement<'_>> = devices.elements().collect();
        assert_eq!(doc.element_path(kids[0]), "/domain/devices/disk[1]");
        assert_eq!(doc.element_path(kids[1]), "/domain/devices/x:disk");
        let target = kids[2].elements().next().unwrap();
        assert_eq!(doc.element_path(target), "/domain/devices/disk[2]/target");
        assert_eq!(doc.element_path(kids[3]), "/domain/devices/interface");
        let vcpu = root.elements().nth(1).unwrap();
        assert_eq!(doc.element_path(vcpu), "/domain/vcpu");
    }
}
