//! The model's way into the codec (`crate::xml`): its entry points with the model's
//! namespace prefixes ([`crate::namespaces`]) handed over, and the codec's error
//! turned into the crate's [`Error`](crate::Error).
//!
//! Users do not call these: every document has its own (`Domain::from_xml`,
//! `Device::to_xml`, `DomainCapabilities::from_xml`, …).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;
use crate::namespaces::PREFIXES;
use crate::xml::{self, Element, Unmodelled};

/// Parse `text` whose root element must be `<root>` into `T`.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str, root: &str) -> Result<T> {
    xml::from_str(text, root).map_err(Into::into)
}

/// Parse `text` like [`from_str`], then fail on the first item of content that no
/// field of `T` models, naming its path and line:column.
pub(crate) fn from_str_strict<T: DeserializeOwned + Serialize>(
    text: &str,
    root: &'static str,
) -> Result<T> {
    Ok(xml::from_str_strict(text, root, PREFIXES)?)
}

/// Read `T` from an already parsed element, which must be named `root`.
pub(crate) fn from_element<T: DeserializeOwned>(element: &Element, root: &str) -> Result<T> {
    Ok(xml::from_element(element, root)?)
}

/// Write `value` as a document whose root element is `<root>`.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T, root: &'static str) -> Result<String> {
    Ok(xml::to_string(value, root, PREFIXES)?)
}

/// Every item of unknown content inside `value` (written as `<root>`), in order.
pub(crate) fn unmodelled<T: Serialize + ?Sized>(value: &T, root: &'static str) -> Vec<Unmodelled> {
    xml::unmodelled(value, root, PREFIXES)
}

/// [`unmodelled`] for a value read from `tree`, with positions looked up in `tree`.
pub(crate) fn unmodelled_in<T: Serialize + ?Sized>(
    value: &T,
    root: &'static str,
    tree: &Element,
) -> Vec<Unmodelled> {
    xml::unmodelled_in(value, root, tree, PREFIXES)
}
