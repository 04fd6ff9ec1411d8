//! serde `Serializer` that writes libvirt-style XML (conventions in `docs/architecture.md`).

use std::fmt::{Display, Write as _};

use serde::ser::{
    self, Impossible, Serialize, SerializeSeq, SerializeStruct, SerializeStructVariant,
};

use crate::xml::error::{Error, Result};
use crate::xml::fields::{
    EMPTY_EXTRA_TOKEN, EXTRA_FIELD, EXTRA_TOKEN, PARENT_TAG, RAW_TOKEN, RAW_VARIANT, TEXT_FIELD,
    UNKNOWN_VALUE_TOKEN, VALUE_FIELD,
};
use crate::xml::raw::Unmodelled;
use crate::xml::write_raw::Sink;
use crate::xml::write_text::{Prefixes, Writer};

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::Serialize {
            path: String::new(),
            message: msg.to_string(),
        }
    }
}

pub(crate) fn to_string<T: Serialize + ?Sized>(
    value: &T,
    root: &'static str,
    prefixes: Prefixes,
) -> Result<String> {
    let mut w = Writer::new(false, prefixes);
    write_root(&mut w, value, root)?;
    Ok(w.out)
}

pub(crate) fn unmodelled<T: Serialize + ?Sized>(
    value: &T,
    root: &'static str,
    prefixes: Prefixes,
) -> Vec<Unmodelled> {
    let mut w = Writer::new(true, prefixes);
    // Errors (a forbidden character, say) stop the walk; what was found so far stands.
    let _ = write_root(&mut w, value, root);
    // Document order for what was parsed; items added in code (no position) last.
    w.found.sort_by_key(|u| {
        u.position
            .map_or((u32::MAX, u32::MAX), |p| (p.line, p.column))
    });
    w.found
}

fn write_root<T: Serialize + ?Sized>(w: &mut Writer, value: &T, root: &'static str) -> Result<()> {
    value.serialize(FieldSer { w, key: root })?;
    if !w.out.starts_with('<') {
        return Err(Error::Serialize {
            path: format!("/{root}"),
            message: "the value wrote no root element".into(),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// Serializers

/// A short string on the stack: numbers and enum values are formatted here instead
/// of in a fresh `String`.
struct StackStr {
    buf: [u8; 64],
    len: usize,
}

impl StackStr {
    fn new() -> Self {
        StackStr {
            buf: [0; 64],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in, so this cannot fail.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl std::fmt::Write for StackStr {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > self.buf.len() {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn unsupported(w: &Writer, what: &str) -> Error {
    w.error(format!("internal: {what} cannot be written as XML"))
}

macro_rules! scalars_as {
    ($via:ident: $($method:ident($t:ty))*) => {
        $(
            fn $method(self, v: $t) -> Result<()> {
                let mut buf = StackStr::new();
                if write!(buf, "{v}").is_ok() {
                    return self.$via(buf.as_str());
                }
                self.$via(&v.to_string())
            }
        )*
    };
}

macro_rules! all_scalars_as {
    ($via:ident) => {
        scalars_as! { $via:
            serialize_bool(bool) serialize_i8(i8) serialize_i16(i16) serialize_i32(i32)
            serialize_i64(i64) serialize_i128(i128) serialize_u8(u8) serialize_u16(u16)
            serialize_u32(u32) serialize_u64(u64) serialize_u128(u128) serialize_f32(f32)
            serialize_f64(f64) serialize_char(char)
        }
        fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<()> {
            let mut buf = StackStr::new();
            if write!(buf, "{value}").is_ok() {
                return self.$via(buf.as_str());
            }
            self.$via(&value.to_string())
        }
        fn serialize_str(self, v: &str) -> Result<()> {
            self.$via(v)
        }
    };
}

/// Methods of a serializer that accepts none of these shapes.
macro_rules! reject {
    ($what:literal: $($method:ident($($t:ty),*))*) => {
        $(
            fn $method(self, $(_: $t),*) -> Result<()> {
                Err(unsupported(self.w, $what))
            }
        )*
    };
}

macro_rules! reject_scalars {
    ($what:literal) => {
        reject! { $what:
            serialize_bool(bool) serialize_i8(i8) serialize_i16(i16) serialize_i32(i32)
            serialize_i64(i64) serialize_u8(u8) serialize_u16(u16) serialize_u32(u32)
            serialize_u64(u64) serialize_f32(f32) serialize_f64(f64) serialize_char(char)
            serialize_str(&str) serialize_bytes(&[u8]) serialize_unit()
            serialize_unit_struct(&'static str)
        }
    };
}

/// Writes zero or more elements named `key` (a field of a struct, or the root).
struct FieldSer<'w> {
    w: &'w mut Writer,
    key: &'static str,
}

impl FieldSer<'_> {
    fn text_element(self, text: &str) -> Result<()> {
        self.w.start(self.key)?;
        self.w.text(text)?;
        self.w.end();
        Ok(())
    }
}

impl<'w> ser::Serializer for FieldSer<'w> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = FieldSeq<'w>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = StructSer<'w>;
    type SerializeStructVariant = StructSer<'w>;

    all_scalars_as!(text_element);

    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        Err(unsupported(self.w, "bytes"))
    }

    fn serialize_none(self) -> Result<()> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        self.w.start(self.key)?;
        self.w.end();
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.text_element(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == RAW_TOKEN {
            // Under the key `$raw` it is a `$value` enum's fallback: unknown content.
            let unknown = self.key == RAW_VARIANT;
            return value.serialize(Sink::raw(self.w, unknown)).map(drop);
        }
        if name == EXTRA_TOKEN || name == EMPTY_EXTRA_TOKEN {
            return Err(unsupported(self.w, "an Extra outside a `$extra` field"));
        }
        if name == UNKNOWN_VALUE_TOKEN {
            self.w.start(self.key)?;
            self.w.unknown_value("");
            value.serialize(TextSer { w: self.w })?;
            self.w.end();
            return Ok(());
        }
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        let tag = enum_tag(self.w, name)?;
        self.w.start(self.key)?;
        if let (Some(tag), false) = (tag, variant.starts_with('$')) {
            self.w.attribute(tag, variant)?;
        }
        value.serialize(ContentSer { w: self.w })?;
        self.w.end();
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<FieldSeq<'w>> {
        Ok(FieldSeq {
            w: self.w,
            key: self.key,
        })
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(unsupported(self.w, "a tuple"))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unsupported(self.w, "a tuple struct"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unsupported(self.w, "a tuple variant"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unsupported(self.w, "a map"))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<StructSer<'w>> {
        self.w.start(self.key)?;
        Ok(StructSer {
            w: self.w,
            owns: true,
        })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<StructSer<'w>> {
        let tag = enum_tag(self.w, name)?;
        self.w.start(self.key)?;
        if let (Some(tag), false) = (tag, variant.starts_with('$')) {
            self.w.attribute(tag, variant)?;
        }
        Ok(StructSer {
            w: self.w,
            owns: true,
        })
    }
}

/// The attribute a tagged enum writes its variant name to: `Some("type")` for
/// `@type`; `None` for `^@type`, whose tag is the parent's attribute and is written by
/// the parent's own field.
fn enum_tag(w: &Writer, name: &'static str) -> Result<Option<&'static str>> {
    if let Some(tag) = name.strip_prefix('@') {
        return Ok(Some(tag));
    }
    if name.starts_with(PARENT_TAG) {
        return Ok(None);
    }
    Err(unsupported(w, "an externally tagged enum in a field"))
}

/// A list field: one element per item.
struct FieldSeq<'w> {
    w: &'w mut Writer,
    key: &'static str,
}

impl SerializeSeq for FieldSeq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(FieldSer {
            w: self.w,
            key: self.key,
        })
    }

    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// The fields of one element.
struct StructSer<'w> {
    w: &'w mut Writer,
    /// Whether this serializer opened the element (and so closes it).
    owns: bool,
}

impl StructSer<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let w = &mut *self.w;
        match key.as_bytes().first() {
            Some(b'@') => value.serialize(AttrSer { w, key: &key[1..] }),
            Some(b'$') => match key {
                TEXT_FIELD => value.serialize(TextSer { w }),
                VALUE_FIELD => crate::xml::with_stack(|| value.serialize(ValueSer { w })),
                EXTRA_FIELD => value.serialize(ExtraSer { w }),
                _ => value.serialize(FieldSer { w, key }),
            },
            // One level of the recursion: see `with_stack`.
            _ => crate::xml::with_stack(|| value.serialize(FieldSer { w, key })),
        }
    }
}

impl SerializeStruct for StructSer<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<()> {
        if self.owns {
            self.w.end();
        }
        Ok(())
    }
}

impl SerializeStructVariant for StructSer<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<()> {
        SerializeStruct::end(self)
    }
}

/// Writes a value into the element that is already open (a tagged enum's content).
struct ContentSer<'w> {
    w: &'w mut Writer,
}

impl ContentSer<'_> {
    fn text(self, s: &str) -> Result<()> {
        self.w.text(s)
    }
}

impl<'w> ser::Serializer for ContentSer<'w> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = StructSer<'w>;
    type SerializeStructVariant = Impossible<(), Error>;

    all_scalars_as!(text);

    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        Err(unsupported(self.w, "bytes"))
    }
    fn serialize_none(self) -> Result<()> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.w.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(unsupported(self.w, "a nested enum as element content"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(unsupported(self.w, "a list as element content"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(unsupported(self.w, "a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unsupported(self.w, "a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unsupported(self.w, "a tuple variant"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unsupported(self.w, "a map"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<StructSer<'w>> {
        Ok(StructSer {
            w: self.w,
            owns: false,
        })
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(unsupported(self.w, "a struct variant as element content"))
    }
}

/// Serializer for values that become a single string (attributes and text).
macro_rules! string_serializer {
    ($name:ident, $what:literal, |$w:ident, $s:ident| $write:expr) => {
        impl ser::Serializer for $name<'_> {
            type Ok = ();
            type Error = Error;
            type SerializeSeq = Impossible<(), Error>;
            type SerializeTuple = Impossible<(), Error>;
            type SerializeTupleStruct = Impossible<(), Error>;
            type SerializeTupleVariant = Impossible<(), Error>;
            type SerializeMap = Impossible<(), Error>;
            type SerializeStruct = Impossible<(), Error>;
            type SerializeStructVariant = Impossible<(), Error>;

            all_scalars_as!(write);

            fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
                Err(unsupported(self.w, concat!("bytes as ", $what)))
            }
            fn serialize_none(self) -> Result<()> {
                Ok(())
            }
            fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
                value.serialize(self)
            }
            fn serialize_unit(self) -> Result<()> {
                Ok(())
            }
            fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
                Ok(())
            }
            fn serialize_unit_variant(
                self,
                _n: &'static str,
                _i: u32,
                variant: &'static str,
            ) -> Result<()> {
                self.write(variant)
            }
            fn serialize_newtype_struct<T: Serialize + ?Sized>(
                mut self,
                name: &'static str,
                value: &T,
            ) -> Result<()> {
                if name == UNKNOWN_VALUE_TOKEN {
                    self.note_unknown();
                }
                value.serialize(self)
            }
            fn serialize_newtype_variant<T: Serialize + ?Sized>(
                self,
                _n: &'static str,
                _i: u32,
                _v: &'static str,
                _value: &T,
            ) -> Result<()> {
                Err(unsupported(self.w, concat!("an enum with data as ", $what)))
            }
            fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
                Err(unsupported(self.w, concat!("a list as ", $what)))
            }
            fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
                Err(unsupported(self.w, concat!("a tuple as ", $what)))
            }
            fn serialize_tuple_struct(
                self,
                _n: &'static str,
                _len: usize,
            ) -> Result<Self::SerializeTupleStruct> {
                Err(unsupported(self.w, concat!("a tuple struct as ", $what)))
            }
            fn serialize_tuple_variant(
                self,
                _n: &'static str,
                _i: u32,
                _v: &'static str,
                _len: usize,
            ) -> Result<Self::SerializeTupleVariant> {
                Err(unsupported(self.w, concat!("a tuple variant as ", $what)))
            }
            fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
                Err(unsupported(self.w, concat!("a map as ", $what)))
            }
            fn serialize_struct(
                self,
                _n: &'static str,
                _len: usize,
            ) -> Result<Self::SerializeStruct> {
                Err(unsupported(self.w, concat!("a struct as ", $what)))
            }
            fn serialize_struct_variant(
                self,
                _n: &'static str,
                _i: u32,
                _v: &'static str,
                _len: usize,
            ) -> Result<Self::SerializeStructVariant> {
                Err(unsupported(self.w, concat!("a struct variant as ", $what)))
            }
        }

        impl $name<'_> {
            fn write(self, $s: &str) -> Result<()> {
                let $w = self;
                $write
            }
        }
    };
}

/// An attribute value.
struct AttrSer<'w> {
    w: &'w mut Writer,
    key: &'static str,
}

impl AttrSer<'_> {
    /// Report the attribute's value as one the model does not know.
    fn note_unknown(&mut self) {
        let below = format!("/@{}", self.key);
        self.w.unknown_value(&below);
    }
}

string_serializer!(AttrSer, "an attribute", |this, s| {
    let qname = this.w.key_qname(this.key)?;
    this.w.attribute(&qname, s)
});

/// Element text.
struct TextSer<'w> {
    w: &'w mut Writer,
}

impl TextSer<'_> {
    /// Report the element's text as a value the model does not know.
    fn note_unknown(&mut self) {
        self.w.unknown_value("");
    }
}

string_serializer!(TextSer, "text", |this, s| this.w.text(s));

/// The `$value` list: each item is an enum variant written as an element of that name.
struct ValueSer<'w> {
    w: &'w mut Writer,
}

impl<'w> ser::Serializer for ValueSer<'w> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ValueSeq<'w>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = StructSer<'w>;
    type SerializeStructVariant = StructSer<'w>;

    reject_scalars!("a scalar as a `$value` item");
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(unsupported(self.w, "a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unsupported(self.w, "a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unsupported(self.w, "a tuple variant"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unsupported(self.w, "a map"))
    }
    fn serialize_none(self) -> Result<()> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.w.start(variant)?;
        self.w.end();
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == RAW_TOKEN {
            return value.serialize(Sink::raw(self.w, false)).map(drop);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(FieldSer {
            w: self.w,
            key: variant,
        })
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<ValueSeq<'w>> {
        Ok(ValueSeq { w: self.w })
    }
    fn serialize_struct(self, _n: &'static str, _len: usize) -> Result<StructSer<'w>> {
        Err(unsupported(
            self.w,
            "a struct as a `$value` item (use an enum)",
        ))
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<StructSer<'w>> {
        self.w.start(variant)?;
        Ok(StructSer {
            w: self.w,
            owns: true,
        })
    }
}

struct ValueSeq<'w> {
    w: &'w mut Writer,
}

impl SerializeSeq for ValueSeq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(ValueSer { w: self.w })
    }

    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// The `$extra` field.
struct ExtraSer<'w> {
    w: &'w mut Writer,
}

impl ser::Serializer for ExtraSer<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    reject_scalars!("a `$extra` field that is not an Extra");
    reject! { "a `$extra` field that is not an Extra": serialize_none() }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit_variant(self, _n: &'static str, _i: u32, _v: &'static str) -> Result<()> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(unsupported(self.w, "a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unsupported(self.w, "a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unsupported(self.w, "a tuple variant"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unsupported(self.w, "a map"))
    }
    fn serialize_struct(self, _n: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == EMPTY_EXTRA_TOKEN {
            return Ok(());
        }
        if name == EXTRA_TOKEN {
            return value.serialize(Sink::extra(self.w)).map(drop);
        }
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
}
