//! Content the model does not know, kept as XML: [`Extra`] (unknown attributes and
//! children of a modelled element) and [`RawElement`] (a whole unknown element).
//!
//! Both travel through serde by a side channel: the crate's own deserializer and
//! serializer recognise their token names and hand the tree over in a thread-local
//! slot, because serde's data model cannot carry an XML tree. Other serde formats
//! (JSON) see a plain structural representation instead.

use std::cell::{Cell, RefCell};

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::error::Position;
use crate::xml::tree::{Attribute, Element, Node};

/// Field name that receives a struct's unknown attributes and children.
pub const EXTRA_FIELD: &str = "$extra";
/// Variant name that receives an unknown element in a `$value` list (e.g. `<devices>`).
pub const RAW_VARIANT: &str = "$raw";
pub(crate) const EXTRA_TOKEN: &str = "$libvirt_domain::Extra";
pub(crate) const RAW_TOKEN: &str = "$libvirt_domain::RawElement";
/// Newtype name under which a value of a closed set that the model does not know is
/// written: the crate's serializer writes the string and reports it as unmodelled;
/// other serde formats see the plain string.
pub(crate) const UNKNOWN_VALUE_TOKEN: &str = "$libvirt_domain::UnknownValue";

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
    static XML_SERIALIZING: Cell<u32> = const { Cell::new(0) };
}

pub(crate) fn put(s: Stashed) {
    SLOT.with(|slot| *slot.borrow_mut() = Some(s));
}

pub(crate) fn take() -> Option<Stashed> {
    SLOT.with(|slot| slot.borrow_mut().take())
}

/// Marks the current thread as running the crate's XML serializer while alive.
pub(crate) struct SerializingGuard;

impl SerializingGuard {
    pub(crate) fn new() -> Self {
        XML_SERIALIZING.with(|c| c.set(c.get() + 1));
        SerializingGuard
    }
}

impl Drop for SerializingGuard {
    fn drop(&mut self) {
        XML_SERIALIZING.with(|c| c.set(c.get().saturating_sub(1)));
        take();
    }
}

fn xml_serializing() -> bool {
    XML_SERIALIZING.with(|c| c.get() > 0)
}

#[derive(Serialize, Deserialize)]
struct ExtraRepr {
    attributes: Vec<Attribute>,
    nodes: Vec<Node>,
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if xml_serializing() {
            // Nothing to hand over for the common empty case: the serializer writes
            // nothing when the slot is empty.
            if !self.is_empty() {
                put(Stashed::Extra(self.clone()));
            }
            serializer.serialize_newtype_struct(EXTRA_TOKEN, &())
        } else {
            let repr = ExtraRepr {
                attributes: self.attributes.clone(),
                nodes: self.nodes.clone(),
            };
            serializer.serialize_newtype_struct(EXTRA_TOKEN, &repr)
        }
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
        if xml_serializing() {
            put(Stashed::Raw(self.clone()));
            serializer.serialize_newtype_struct(RAW_TOKEN, &())
        } else {
            serializer.serialize_newtype_struct(RAW_TOKEN, &self.element)
        }
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
