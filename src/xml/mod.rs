//! The codec: XML text ⇄ element tree ⇄ serde. Nothing here is libvirt-specific.
//!
//! See `docs/architecture.md` for the naming conventions (`@attr`, `$text`, `$value`,
//! `$extra`, `{uri}name`) that model types use.

mod de;
mod de_fields;
mod raw;
mod ser;
mod tree;
mod writer;

pub use raw::{serialize_unknown_value, Extra, RawElement, Unmodelled, EXTRA_FIELD, RAW_VARIANT};
pub use tree::{is_xml_char, Attribute, Element, Name, Node, Text, MAX_DEPTH, XML_NS};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;

/// Parse `text` whose root element must be `<root>` into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str, root: &str) -> Result<T> {
    let tree = Element::parse(text)?;
    from_element(&tree, root)
}

/// Read `T` from an already parsed element, which must be named `root`.
pub fn from_element<T: DeserializeOwned>(element: &Element, root: &str) -> Result<T> {
    de::from_element(element, root)
}

/// Write `value` as a document whose root element is `<root>`.
pub fn to_string<T: Serialize + ?Sized>(value: &T, root: &'static str) -> Result<String> {
    ser::to_string(value, root)
}

/// Every item of unknown content inside `value` (written as `<root>`), in order.
pub fn unmodelled<T: Serialize + ?Sized>(value: &T, root: &'static str) -> Vec<Unmodelled> {
    ser::unmodelled(value, root)
}

/// [`unmodelled`] for a value read from `tree`: items that carry no position of their
/// own (unknown values) get the position of the node their path names in `tree`.
pub fn unmodelled_in<T: Serialize + ?Sized>(
    value: &T,
    root: &'static str,
    tree: &Element,
) -> Vec<Unmodelled> {
    let mut found = ser::unmodelled(value, root);
    for item in found.iter_mut().filter(|u| u.position.is_none()) {
        item.position = tree.locate(&item.path);
    }
    found.sort_by_key(|u| {
        u.position
            .map_or((u32::MAX, u32::MAX), |p| (p.line, p.column))
    });
    found
}
#[cfg(test)]
mod tests;
