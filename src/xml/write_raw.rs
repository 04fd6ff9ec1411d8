//! Writing unknown content: what [`Extra`](crate::xml::Extra) and
//! [`RawElement`](crate::xml::RawElement) hand the serializer under their reserved
//! newtype names (as serde_json's `RawValue` does).
//!
//! Both serialize their plain serde shape (attributes, nodes, elements as structs;
//! see `raw.rs`) inside the reserved newtype; the XML serializer recognises the name
//! and runs that shape through [`Sink`], which writes it as it comes: no copy of the
//! content, no state outside the serializer. Any other serde format sees the plain
//! shape. Only names (three short strings each) are gathered before their element
//! or attribute is written, and, in collect mode, the items' recorded origins.

use serde::ser::{self, Impossible, Serialize, SerializeSeq, SerializeStruct};

use crate::xml::error::{Error, Position, Result};
use crate::xml::raw::Unmodelled;
use crate::xml::tree::Name;
use crate::xml::write_text::Writer;

/// What the value being serialized is expected to be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// An `Extra`'s content: `attributes`, `nodes`, `origin`.
    Extra,
    /// A `RawElement`'s content: an element's fields and `origin`; `unknown` when it
    /// stands for content the model does not know (reported in collect mode).
    Raw { unknown: bool },
    /// A list of attributes; `report` at an `Extra`'s top level.
    Attributes { report: bool },
    /// One attribute.
    Attribute { report: bool },
    /// An attribute's value, written under the name gathered before it.
    AttributeValue,
    /// A list of nodes; `report` at an `Extra`'s top level.
    Nodes { report: bool },
    /// One node (an enum: `Element` or `Text`).
    Node { report: bool },
    /// An element.
    Element { report: bool },
    /// A text node's struct.
    Text,
    /// A text node's string, written as text.
    TextValue,
    /// A name's struct.
    Name,
    /// An optional string.
    OptionalString,
    /// A string.
    String,
    /// A list of origins (`Unmodelled`).
    Origins,
    /// One origin.
    Origin,
    /// An optional position.
    OptionalPosition,
    /// A position.
    Position,
    /// A line or column.
    Number,
}

/// What a [`Sink`] gathered, for the struct or list it is part of.
pub(crate) enum Got {
    Nothing,
    String(Option<String>),
    Name(Name),
    Origin(Unmodelled),
    Origins(Vec<Unmodelled>),
    Position(Option<Position>),
    Number(u32),
}

/// The serializer that writes (or, for names and origins, gathers) unknown content.
pub(crate) struct Sink<'w, 'n> {
    w: &'w mut Writer,
    at: At,
    /// The attribute whose value comes next (`At::AttributeValue`).
    name: Option<&'n Name>,
}

impl<'w> Sink<'w, 'static> {
    /// The sink for an `Extra`'s content.
    pub(crate) fn extra(w: &'w mut Writer) -> Self {
        Sink {
            w,
            at: At::Extra,
            name: None,
        }
    }

    /// The sink for a `RawElement`'s content; `unknown` as for [`At::Raw`].
    pub(crate) fn raw(w: &'w mut Writer, unknown: bool) -> Self {
        Sink {
            w,
            at: At::Raw { unknown },
            name: None,
        }
    }
}

fn sink<'w>(w: &'w mut Writer, at: At) -> Sink<'w, 'static> {
    Sink { w, at, name: None }
}

fn unexpected(w: &Writer, what: &str) -> Error {
    w.error(format!("internal: unknown content handed over as {what}"))
}

/// `what` for the kinds `Unmodelled` names; anything else is an element.
fn kind_of(what: &str) -> &'static str {
    match what {
        "attribute" => "attribute",
        "text" => "text",
        "value" => "value",
        _ => "element",
    }
}

macro_rules! reject {
    ($($method:ident($($t:ty),*))*) => {
        $(
            fn $method(self, $(_: $t),*) -> Result<Got> {
                Err(unexpected(self.w, stringify!($method)))
            }
        )*
    };
}

impl<'w, 'n> ser::Serializer for Sink<'w, 'n> {
    type Ok = Got;
    type Error = Error;
    type SerializeSeq = SinkSeq<'w>;
    type SerializeTuple = Impossible<Got, Error>;
    type SerializeTupleStruct = Impossible<Got, Error>;
    type SerializeTupleVariant = Impossible<Got, Error>;
    type SerializeMap = Impossible<Got, Error>;
    type SerializeStruct = SinkStruct<'w>;
    type SerializeStructVariant = Impossible<Got, Error>;

    reject! {
        serialize_bool(bool) serialize_i8(i8) serialize_i16(i16) serialize_i32(i32)
        serialize_i64(i64) serialize_u8(u8) serialize_u16(u16) serialize_u64(u64)
        serialize_f32(f32) serialize_f64(f64) serialize_char(char) serialize_bytes(&[u8])
        serialize_unit() serialize_unit_struct(&'static str)
        serialize_unit_variant(&'static str, u32, &'static str)
    }

    fn serialize_u32(self, v: u32) -> Result<Got> {
        match self.at {
            At::Number => Ok(Got::Number(v)),
            _ => Err(unexpected(self.w, "a number")),
        }
    }

    fn serialize_str(self, v: &str) -> Result<Got> {
        match self.at {
            At::String | At::OptionalString => Ok(Got::String(Some(v.to_owned()))),
            At::AttributeValue => match self.name {
                Some(name) => {
                    self.w.raw_attribute(name, v)?;
                    Ok(Got::Nothing)
                }
                None => Err(unexpected(self.w, "a value before its name")),
            },
            At::TextValue => {
                self.w.text(v)?;
                Ok(Got::Nothing)
            }
            _ => Err(unexpected(self.w, "a string")),
        }
    }

    fn serialize_none(self) -> Result<Got> {
        match self.at {
            At::OptionalString => Ok(Got::String(None)),
            At::OptionalPosition => Ok(Got::Position(None)),
            _ => Err(unexpected(self.w, "none")),
        }
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Got> {
        match self.at {
            At::OptionalString => value.serialize(sink(self.w, At::String)),
            At::OptionalPosition => value.serialize(sink(self.w, At::Position)),
            _ => Err(unexpected(self.w, "an option")),
        }
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Got> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Got> {
        let At::Node { report } = self.at else {
            return Err(unexpected(self.w, "an enum"));
        };
        match variant {
            "Element" => value.serialize(sink(self.w, At::Element { report })),
            "Text" => {
                if report && self.w.collect {
                    let path = format!("{}/text()", self.w.path());
                    self.w.found.push(Unmodelled {
                        path,
                        position: None,
                        kind: "text",
                    });
                }
                value.serialize(sink(self.w, At::Text))
            }
            _ => Err(unexpected(self.w, "an unknown kind of node")),
        }
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<SinkSeq<'w>> {
        let item = match self.at {
            At::Attributes { report } => At::Attribute { report },
            At::Nodes { report } => At::Node { report },
            At::Origins => At::Origin,
            _ => return Err(unexpected(self.w, "a list")),
        };
        // Unknown attributes of an `Extra` come after the modelled children: reopen
        // the start tag once for all of them, and only when there are any.
        let tail = match (self.at, len) {
            (At::Attributes { report: true }, Some(0)) => None,
            (At::Attributes { report: true }, _) => self.w.reopen_start_tag(),
            _ => None,
        };
        Ok(SinkSeq {
            w: self.w,
            item,
            tail,
            origins: Vec::new(),
        })
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(unexpected(self.w, "a tuple"))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unexpected(self.w, "a tuple struct"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unexpected(self.w, "a tuple variant"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unexpected(self.w, "a map"))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<SinkStruct<'w>> {
        match self.at {
            At::Extra
            | At::Raw { .. }
            | At::Attribute { .. }
            | At::Element { .. }
            | At::Text
            | At::Name
            | At::Origin
            | At::Position => {}
            _ => return Err(unexpected(self.w, "a struct")),
        }
        let mark = self.w.found.len();
        Ok(SinkStruct {
            w: self.w,
            at: self.at,
            name: None,
            opened: false,
            mark,
            reported: false,
            strings: [None, None, None],
            position: None,
            numbers: [0, 0],
        })
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(unexpected(self.w, "a struct variant"))
    }
}

/// A list of attributes, nodes or origins.
pub(crate) struct SinkSeq<'w> {
    w: &'w mut Writer,
    item: At,
    /// What followed the start tag, put back after an `Extra`'s attributes.
    tail: Option<String>,
    origins: Vec<Unmodelled>,
}

impl SerializeSeq for SinkSeq<'_> {
    type Ok = Got;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        // The stack is checked once per level of an unknown element's nesting by
        // `Element`'s own serde impl (`children_ser`), which this recursion goes through.
        if let Got::Origin(origin) = value.serialize(sink(self.w, self.item))? {
            self.origins.push(origin);
        }
        Ok(())
    }

    fn end(self) -> Result<Got> {
        if let Some(tail) = self.tail {
            self.w.close_start_tag(tail);
        }
        if self.item == At::Origin {
            return Ok(Got::Origins(self.origins));
        }
        Ok(Got::Nothing)
    }
}

/// The fields of an `Extra`, an element, an attribute, a name, an origin or a
/// position.
pub(crate) struct SinkStruct<'w> {
    w: &'w mut Writer,
    at: At,
    /// The element's or attribute's name, once read.
    name: Option<Name>,
    /// Whether the element's start tag is written.
    opened: bool,
    /// `w.found.len()` when the struct began: where its reports start.
    mark: usize,
    /// Whether this struct reported itself (collect mode).
    reported: bool,
    /// A name's `namespace`, `prefix`, `local`; an origin's `path` and `kind`.
    strings: [Option<String>; 3],
    position: Option<Position>,
    /// A position's line and column.
    numbers: [u32; 2],
}

impl SinkStruct<'_> {
    /// Report the element (collect mode) and write its start tag, once.
    fn open(&mut self) -> Result<()> {
        if self.opened {
            return Ok(());
        }
        self.opened = true;
        let Some(name) = self.name.take() else {
            return Err(unexpected(self.w, "an element without a name"));
        };
        let report = match self.at {
            At::Raw { unknown } => unknown,
            At::Element { report } => report,
            _ => false,
        };
        if report && self.w.collect {
            let path = format!("{}/{}", self.w.path(), name.qualified());
            self.w.found.push(Unmodelled {
                path,
                position: None,
                kind: "element",
            });
            self.reported = true;
        }
        self.w.open_raw(&name)
    }

    /// Gather a string field into `strings[slot]`.
    fn string<T: Serialize + ?Sized>(&mut self, slot: usize, value: &T, at: At) -> Result<()> {
        if let Got::String(s) = value.serialize(sink(self.w, at))? {
            self.strings[slot] = s;
        }
        Ok(())
    }

    /// Replace what this struct reported with the origins recorded when it was read.
    fn origins(&mut self, got: Got) {
        let found = match got {
            Got::Origins(found) => found,
            Got::Origin(one) => vec![one],
            _ => Vec::new(),
        };
        if found.is_empty() || !self.w.collect {
            return;
        }
        match self.at {
            At::Extra => self.w.found.truncate(self.mark),
            // Only an unknown element reported itself; its children did not.
            _ if self.reported => {
                self.w.found.remove(self.mark);
            }
            _ => return,
        }
        self.w.found.extend(found);
    }
}

impl SerializeStruct for SinkStruct<'_> {
    type Ok = Got;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        match (self.at, key) {
            (At::Extra, "attributes") => {
                value.serialize(sink(self.w, At::Attributes { report: true }))?;
            }
            (At::Extra, "nodes") => {
                value.serialize(sink(self.w, At::Nodes { report: true }))?;
            }
            (At::Extra, "origin") => {
                if self.w.collect {
                    let got = value.serialize(sink(self.w, At::Origins))?;
                    self.origins(got);
                }
            }
            (At::Raw { .. }, "origin") => {
                if self.w.collect {
                    let got = value.serialize(sink(self.w, At::Origin))?;
                    self.origins(got);
                }
            }
            (At::Raw { .. } | At::Element { .. } | At::Attribute { .. }, "name") => {
                if let Got::Name(name) = value.serialize(sink(self.w, At::Name))? {
                    self.name = Some(name);
                }
            }
            (At::Raw { .. } | At::Element { .. }, "attributes") => {
                self.open()?;
                value.serialize(sink(self.w, At::Attributes { report: false }))?;
            }
            (At::Raw { .. } | At::Element { .. }, "children") => {
                self.open()?;
                value.serialize(sink(self.w, At::Nodes { report: false }))?;
            }
            (At::Attribute { report }, "value") => {
                let Some(name) = &self.name else {
                    return Err(unexpected(self.w, "an attribute without a name"));
                };
                if report && self.w.collect {
                    let path = format!("{}/@{}", self.w.path(), name.qualified());
                    self.w.found.push(Unmodelled {
                        path,
                        position: None,
                        kind: "attribute",
                    });
                }
                value.serialize(Sink {
                    w: self.w,
                    at: At::AttributeValue,
                    name: Some(name),
                })?;
            }
            (At::Text, "text") => {
                value.serialize(sink(self.w, At::TextValue))?;
            }
            (At::Name, "namespace") => self.string(0, value, At::OptionalString)?,
            (At::Name, "prefix") => self.string(1, value, At::OptionalString)?,
            (At::Name, "local") => self.string(2, value, At::String)?,
            (At::Origin, "path") => self.string(0, value, At::String)?,
            (At::Origin, "kind") => self.string(1, value, At::String)?,
            (At::Origin, "position") => {
                if let Got::Position(p) = value.serialize(sink(self.w, At::OptionalPosition))? {
                    self.position = p;
                }
            }
            (At::Position, "line") | (At::Position, "column") => {
                if let Got::Number(n) = value.serialize(sink(self.w, At::Number))? {
                    self.numbers[usize::from(key == "column")] = n;
                }
            }
            _ => return Err(unexpected(self.w, key)),
        }
        Ok(())
    }

    fn end(mut self) -> Result<Got> {
        match self.at {
            At::Raw { .. } | At::Element { .. } => {
                self.open()?;
                self.w.end();
                Ok(Got::Nothing)
            }
            At::Name => {
                let [namespace, prefix, local] = self.strings;
                Ok(Got::Name(Name {
                    namespace,
                    prefix,
                    local: local.unwrap_or_default(),
                }))
            }
            At::Origin => {
                let [path, kind, _] = self.strings;
                Ok(Got::Origin(Unmodelled {
                    path: path.unwrap_or_default(),
                    position: self.position,
                    kind: kind_of(kind.as_deref().unwrap_or_default()),
                }))
            }
            At::Position => Ok(Got::Position(Some(Position {
                line: self.numbers[0],
                column: self.numbers[1],
            }))),
            _ => Ok(Got::Nothing),
        }
    }
}
