//! Content the model does not know, kept as XML: [`Extra`] (unknown attributes and
//! children of a modelled element) and [`RawElement`] (a whole unknown element).
//!
//! Both travel through serde under reserved newtype names. Writing, they serialize
//! their plain structural shape inside the newtype: the crate's serializer recognises
//! the name and writes that shape as it comes (`write_raw.rs`), any other format (JSON)
//! sees the shape. Reading, the crate's deserializer hands the tree over in a
//! thread-local slot filled and emptied within one call, because serde's data model
//! cannot carry an XML tree into a `Deserialize` impl.

use std::cell::RefCell;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::xml::error::Position;
use crate::xml::fields::{EMPTY_EXTRA_TOKEN, EXTRA_TOKEN, RAW_TOKEN, UNKNOWN_VALUE_TOKEN};
use crate::xml::tree::{Attribute, Element, Node};

/// Serialize `value`, a value of a closed set that the model does not know (the
/// `Other` variant of a closed value enum): written as given, and listed by
/// `unmodelled()` with kind `value`.
pub fn serialize_unknown_value<S: Serializer>(
    value: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_newtype_struct(UNKNOWN_VALUE_TOKEN, value)
}

/// One item of content the model does not know, as reported by `unmodelled()` and
/// `check --strict`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Unmodelled {
    /// XPath-like location, e.g. `/domain/devices/disk[2]/driver/@discard`.
    pub path: String,
    /// Where it was read from; `None` when it was added in code.
    pub position: Option<Position>,
    /// `element`, `attribute`, `text`, or `value` (a value of a closed set the
    /// model does not know).
    pub kind: &'static str,
}

/// Unknown attributes and child nodes of a modelled element, kept for writing back.
///
/// Every modelled struct has a field `extra: Extra` (wire name `$extra`). Attributes are
/// written back on the same element, children after the modelled children (libvirt
/// does not give meaning to the order of differently named siblings; same-named
/// siblings keep their order). Unknown text that modelled children split (`x<name/>y`)
/// is one text node (`xy`), as it is written back.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    /// Attributes the model does not know.
    pub attributes: Vec<Attribute>,
    /// Child elements (and non-layout text) the model does not know.
    pub nodes: Vec<Node>,
    /// Where each item came from, recorded when parsed.
    pub(crate) origin: Vec<Unmodelled>,
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.attributes == other.attributes && self.nodes == other.nodes
    }
}
impl Eq for Extra {}

impl Extra {
    /// Whether nothing unknown was kept.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.nodes.is_empty()
    }

    /// Where the kept items came from (empty for items added in code).
    pub fn origin(&self) -> &[Unmodelled] {
        &self.origin
    }
}

/// A whole element the model does not know (an unknown device, say), kept as XML.
#[derive(Debug, Clone, Default)]
pub struct RawElement {
    /// The element.
    pub element: Element,
    pub(crate) origin: Option<Unmodelled>,
}

impl PartialEq for RawElement {
    fn eq(&self, other: &Self) -> bool {
        self.element == other.element
    }
}
impl Eq for RawElement {}

impl RawElement {
    /// Wrap an element built in code.
    pub fn new(element: Element) -> Self {
        RawElement {
            element,
            origin: None,
        }
    }
}

impl RawElement {
    /// Wrap an element read as the root of a document: reported as unknown content
    /// at `/name`, where the element was read.
    pub(crate) fn read(element: Element) -> Self {
        let origin = Unmodelled {
            path: format!("/{}", element.name.qualified()),
            position: Some(element.position),
            kind: "element",
        };
        RawElement {
            element,
            origin: Some(origin),
        }
    }
}

impl From<Element> for RawElement {
    fn from(element: Element) -> Self {
        RawElement::new(element)
    }
}

pub(crate) enum Stashed {
    Extra(Extra),
    Raw(RawElement),
}

thread_local! {
    static SLOT: RefCell<Option<Stashed>> = const { RefCell::new(None) };
}

pub(crate) fn put(s: Stashed) {
    SLOT.with(|slot| *slot.borrow_mut() = Some(s));
}

pub(crate) fn take() -> Option<Stashed> {
    SLOT.with(|slot| slot.borrow_mut().take())
}

/// `Extra`'s serde shape, borrowed: `attributes` and `nodes`, and `origin` when the
/// content was read from a document (other formats may ignore it, as the crate's JSON
/// does).
struct ExtraShape<'a>(&'a Extra);

impl Serialize for ExtraShape<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let extra = self.0;
        let with_origin = !extra.origin.is_empty();
        let mut s = serializer.serialize_struct("Extra", 2 + usize::from(with_origin))?;
        s.serialize_field("attributes", &extra.attributes)?;
        s.serialize_field("nodes", &extra.nodes)?;
        if with_origin {
            s.serialize_field("origin", &extra.origin)?;
        } else {
            s.skip_field("origin")?;
        }
        s.end()
    }
}

/// `RawElement`'s serde shape, borrowed: the element's fields, and `origin` when it
/// was read from a document.
struct RawShape<'a>(&'a RawElement);

impl Serialize for RawShape<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let RawElement { element, origin } = self.0;
        let mut s = serializer.serialize_struct("Element", 3 + usize::from(origin.is_some()))?;
        s.serialize_field("name", &element.name)?;
        s.serialize_field("attributes", &element.attributes)?;
        s.serialize_field("children", &element.children)?;
        match origin {
            Some(origin) => s.serialize_field("origin", origin)?,
            None => s.skip_field("origin")?,
        }
        s.end()
    }
}

/// What `Extra` reads from a format other than the crate's XML.
#[derive(Deserialize)]
struct ExtraRepr {
    attributes: Vec<Attribute>,
    nodes: Vec<Node>,
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let token = if self.is_empty() {
            EMPTY_EXTRA_TOKEN
        } else {
            EXTRA_TOKEN
        };
        serializer.serialize_newtype_struct(token, &ExtraShape(self))
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Extra;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("unknown XML content")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Extra, D::Error> {
                match take() {
                    Some(Stashed::Extra(e)) => Ok(e),
                    Some(Stashed::Raw(_)) => Err(de::Error::custom(
                        "internal: raw element where extra content was expected",
                    )),
                    None => {
                        let repr = ExtraRepr::deserialize(d)?;
                        Ok(Extra {
                            attributes: repr.attributes,
                            nodes: repr.nodes,
                            origin: Vec::new(),
                        })
                    }
                }
            }
        }
        deserializer.deserialize_newtype_struct(EXTRA_TOKEN, V)
    }
}

impl Serialize for RawElement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(RAW_TOKEN, &RawShape(self))
    }
}

impl<'de> Deserialize<'de> for RawElement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawElement;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an XML element")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<RawElement, D::Error> {
                match take() {
                    Some(Stashed::Raw(r)) => Ok(r),
                    Some(Stashed::Extra(_)) => Err(de::Error::custom(
                        "internal: extra content where a raw element was expected",
                    )),
                    None => Ok(RawElement::new(Element::deserialize(d)?)),
                }
            }
        }
        deserializer.deserialize_newtype_struct(RAW_TOKEN, V)
    }
}
