//! The codec: XML text ⇄ element tree ⇄ serde. Nothing here is libvirt-specific.
//!
//! See `docs/architecture.md` for the naming conventions (`@attr`, `$text`, `$value`,
//! `$extra`, `{uri}name`) that model types use.

mod borrowed;
mod de;
pub(crate) mod error;
mod fields;
mod lines;
mod names;
mod path;
mod paths;
mod raw;
mod read;
mod tree;
mod write;
mod write_raw;
mod write_text;

pub use error::{Error, Position, Result};
pub(crate) use fields::RAW_VARIANT;
#[cfg(feature = "json")]
pub(crate) use fields::{
    EMPTY_EXTRA_TOKEN, EXTRA_FIELD, EXTRA_TOKEN, RAW_TOKEN, TEXT_FIELD, VALUE_FIELD,
};
pub(crate) use path::step;
pub(crate) use raw::serialize_unknown_value;
pub use raw::{Extra, RawElement, Unmodelled};
pub use tree::{is_xml_char, Attribute, Element, Name, Node, Text, MAX_DEPTH, XML_NS};
pub(crate) use write_text::Prefixes;

use bumpalo::Bump;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::xml::lines::Lines;

/// Stack left below which reading or writing one more element level first moves to a
/// new stack segment on the heap (one level of a large struct takes tens of KiB in a
/// debug build).
const STACK_RED_ZONE: usize = 256 * 1024;

/// Size of each new stack segment.
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

/// Run `f`, one element level of reading or writing, on a stack with room for it.
///
/// The (de)serializer recurses once per element level, and serde's derived code for
/// the model's large structs uses a lot of stack per level, most of all in a debug
/// build: a `<backingStore>` chain within [`MAX_DEPTH`] overflowed a 2 MiB thread
/// stack (an abort, not an error). `stacker` (rust-lang's, used by rustc for the same
/// problem) grows the stack on the heap when little is left, so every depth the reader
/// accepts is read and written on any thread, at the cost of a stack-pointer check per
/// level.
pub(crate) fn with_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, f)
}

// The entry points below are the crate's own: users read and write through the
// documents (`Domain::from_xml`, `Device::to_xml`, …), which hand over the model's
// namespace prefixes (`crate::namespaces`).

/// Parse `text` whose root element must be `<root>` into `T`.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str, root: &str) -> Result<T> {
    let arena = Bump::new();
    let tree = read::parse_borrowed(text, &arena)?;
    de::from_element(&tree, Lines::new(text), root)
}

/// Parse `text` like [`from_str`], then fail on the first item of content that no
/// field of `T` models (what [`unmodelled`] lists), naming its path and line:column.
pub(crate) fn from_str_strict<T: DeserializeOwned + Serialize>(
    text: &str,
    root: &'static str,
    prefixes: Prefixes,
) -> Result<T> {
    let arena = Bump::new();
    let tree = read::parse_borrowed(text, &arena)?;
    let value: T = de::from_element(&tree, Lines::new(text), root)?;
    let lines = Lines::new(text);
    let found = with_positions(write::unmodelled(&value, root, prefixes), |path| {
        path::locate(&tree, path).map(|loc| lines.position(loc))
    });
    if let Some(first) = found.into_iter().next() {
        return Err(Error::Unmodelled {
            position: first.position.unwrap_or_default(),
            path: first.path,
            what: first.kind,
        });
    }
    Ok(value)
}

/// Read `T` from an already parsed element, which must be named `root`.
pub(crate) fn from_element<T: DeserializeOwned>(element: &Element, root: &str) -> Result<T> {
    let arena = Bump::new();
    let tree = borrowed::BElement::borrow(element, &arena);
    de::from_element(&tree, Lines::new(""), root)
}

/// Write `value` as a document whose root element is `<root>`, declaring a namespace
/// of a `{uri}local` key with its prefix in `prefixes`.
pub(crate) fn to_string<T: Serialize + ?Sized>(
    value: &T,
    root: &'static str,
    prefixes: Prefixes,
) -> Result<String> {
    write::to_string(value, root, prefixes)
}

/// Every item of unknown content inside `value` (written as `<root>`), in order.
pub(crate) fn unmodelled<T: Serialize + ?Sized>(
    value: &T,
    root: &'static str,
    prefixes: Prefixes,
) -> Vec<Unmodelled> {
    write::unmodelled(value, root, prefixes)
}

/// [`unmodelled`] for a value read from `tree`: items that carry no position of their
/// own (unknown values) get the position of the node their path names in `tree`.
pub(crate) fn unmodelled_in<T: Serialize + ?Sized>(
    value: &T,
    root: &'static str,
    tree: &Element,
    prefixes: Prefixes,
) -> Vec<Unmodelled> {
    with_positions(write::unmodelled(value, root, prefixes), |path| {
        tree.locate(path)
    })
}

/// Give the items of `found` without a position the one `locate` finds for their
/// path, and sort them by position.
fn with_positions(
    mut found: Vec<Unmodelled>,
    locate: impl Fn(&str) -> Option<Position>,
) -> Vec<Unmodelled> {
    for item in found.iter_mut().filter(|u| u.position.is_none()) {
        item.position = locate(&item.path);
    }
    found.sort_by_key(|u| {
        u.position
            .map_or((u32::MAX, u32::MAX), |p| (p.line, p.column))
    });
    found
}
