//! serde `Serializer` that builds the plain JSON value (shape in `docs/json.md`).

use serde::ser::{self, Serialize};
use serde_json::{Map, Number, Value};

use super::names::{plain_keys, plain_variant, CHILDREN_FIELD};
use super::raw::{plain_element, plain_extra};
use crate::error::Error;
use crate::xml::{with_stack, EMPTY_EXTRA_TOKEN, EXTRA_TOKEN, RAW_TOKEN};

type Result<T> = std::result::Result<T, Error>;

/// `value` as plain JSON.
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    value.serialize(PlainSer)
}

fn error(message: impl Into<String>) -> Error {
    Error::Serialize {
        path: String::new(),
        message: message.into(),
    }
}

/// Whether a struct field with this value is left out: `None`, an empty `Extra`
/// (both [`Value::Null`] here) and an empty list (what a missing key reads as).
fn is_absent(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

fn from_std(value: std::result::Result<Value, serde_json::Error>) -> Result<Value> {
    value.map_err(|e| error(e.to_string()))
}

fn single(key: &str, value: Value) -> Value {
    let mut map = Map::with_capacity(1);
    map.insert(key.to_owned(), value);
    Value::Object(map)
}

/// The serializer; its output for `None`, a unit and an empty `Extra` is `Null`,
/// which struct fields leave out.
struct PlainSer;

impl ser::Serializer for PlainSer {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = SeqSer;
    type SerializeTuple = SeqSer;
    type SerializeTupleStruct = SeqSer;
    type SerializeTupleVariant = VariantSer<SeqSer>;
    type SerializeMap = MapSer;
    type SerializeStruct = StructSer;
    type SerializeStructVariant = VariantSer<StructSer>;

    fn serialize_bool(self, v: bool) -> Result<Value> {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_i128(self, v: i128) -> Result<Value> {
        from_std(serde_json::to_value(v))
    }
    fn serialize_u128(self, v: u128) -> Result<Value> {
        from_std(serde_json::to_value(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Value> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Value> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| error(format!("{v} cannot be written as a JSON number")))
    }
    fn serialize_char(self, v: char) -> Result<Value> {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value> {
        Ok(Value::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value> {
        Ok(Value::Array(v.iter().map(|b| Value::from(*b)).collect()))
    }
    fn serialize_none(self) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value> {
        Ok(Value::String(plain_variant(variant).to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Value> {
        match name {
            EXTRA_TOKEN | EMPTY_EXTRA_TOKEN => {
                from_std(serde_json::to_value(value)).and_then(plain_extra)
            }
            RAW_TOKEN => from_std(serde_json::to_value(value)).and_then(plain_element),
            _ => value.serialize(self),
        }
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value> {
        Ok(single(plain_variant(variant), value.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSer> {
        Ok(SeqSer(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSer> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqSer> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSer<SeqSer>> {
        Ok(VariantSer {
            variant,
            inner: SeqSer(Vec::with_capacity(len)),
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapSer> {
        Ok(MapSer {
            map: Map::new(),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<StructSer> {
        Ok(StructSer {
            names: Vec::with_capacity(len),
            values: Vec::with_capacity(len),
        })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSer<StructSer>> {
        Ok(VariantSer {
            variant,
            inner: self.serialize_struct(name, len)?,
        })
    }
}

/// A list.
pub(crate) struct SeqSer(Vec<Value>);

impl ser::SerializeSeq for SeqSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.0.push(with_stack(|| value.serialize(PlainSer))?);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        Ok(Value::Array(self.0))
    }
}

impl ser::SerializeTuple for SeqSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value> {
        ser::SerializeSeq::end(self)
    }
}

/// A variant with content: `{"variant": content}`.
pub(crate) struct VariantSer<S> {
    variant: &'static str,
    inner: S,
}

impl ser::SerializeTupleVariant for VariantSer<SeqSer> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<Value> {
        let content = ser::SerializeSeq::end(self.inner)?;
        Ok(single(plain_variant(self.variant), content))
    }
}

impl ser::SerializeStructVariant for VariantSer<StructSer> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<()> {
        ser::SerializeStruct::skip_field(&mut self.inner, key)
    }
    fn end(self) -> Result<Value> {
        let content = ser::SerializeStruct::end(self.inner)?;
        Ok(single(plain_variant(self.variant), content))
    }
}

/// A map (the model has none; kept for completeness): keys must be strings or numbers.
pub(crate) struct MapSer {
    map: Map<String, Value>,
    key: Option<String>,
}

impl ser::SerializeMap for MapSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(match key.serialize(PlainSer)? {
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            other => return Err(error(format!("a map key must be a string, found {other}"))),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .key
            .take()
            .ok_or_else(|| error("internal: map value without a key"))?;
        self.map
            .insert(key, with_stack(|| value.serialize(PlainSer))?);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        Ok(Value::Object(self.map))
    }
}

/// A struct: every field name is collected (also those serde skips) so that the
/// keys follow [`plain_keys`], the same rule the reader applies to serde's field list.
pub(crate) struct StructSer {
    names: Vec<&'static str>,
    values: Vec<Value>,
}

impl ser::SerializeStruct for StructSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        let value = with_stack(|| value.serialize(PlainSer)).map_err(|e| in_field(e, key))?;
        self.names.push(key);
        self.values.push(value);
        Ok(())
    }
    fn skip_field(&mut self, key: &'static str) -> Result<()> {
        self.names.push(key);
        self.values.push(Value::Null);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        // A list of children with nothing else beside it is the list itself (an
        // empty one stays `{}`: struct fields leave empty lists out).
        let children = self.names.iter().position(|n| *n == CHILDREN_FIELD);
        if let Some(at) = children {
            let alone = self.values.iter().enumerate().all(|(i, v)| {
                if i == at {
                    !is_absent(v)
                } else {
                    is_absent(v)
                }
            });
            if alone {
                let mut values = self.values;
                return Ok(values.swap_remove(at));
            }
        }
        let keys = plain_keys(self.names.iter().copied());
        let mut map = Map::with_capacity(self.values.len());
        for (key, value) in keys.into_iter().zip(self.values) {
            if !is_absent(&value) {
                map.insert(key, value);
            }
        }
        Ok(Value::Object(map))
    }
}

/// Prefix a serialization error's path with the field it happened in.
fn in_field(err: Error, key: &str) -> Error {
    match err {
        Error::Serialize { path, message } => Error::Serialize {
            path: format!("/{}{path}", super::names::plain_key(key)),
            message,
        },
        other => other,
    }
}
