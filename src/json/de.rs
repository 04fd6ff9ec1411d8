//! serde `Deserializer` over a plain JSON value (shape in `docs/json.md`): maps the
//! plain keys back to the model's serde names with the field list serde passes.

use serde::de::value::StringDeserializer;
use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde_json::{Map, Value};

use super::names::{plain_keys, CHILDREN_FIELD};
use super::raw::{element_repr, extra_repr, kind};
use crate::error::Error;
use crate::xml::{with_stack, EXTRA_TOKEN, RAW_TOKEN};

type Result<T> = std::result::Result<T, Error>;

/// Deserializes one JSON value; `path` is its JSON Pointer (RFC 6901) for messages.
pub(crate) struct PlainDe {
    pub(crate) value: Value,
    pub(crate) path: String,
}

impl PlainDe {
    fn child(&self, key: &str) -> String {
        let key = key.replace('~', "~0").replace('/', "~1");
        format!("{}/{key}", self.path)
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::Value {
            path: self.display_path().to_owned(),
            message: message.into(),
        }
    }

    fn display_path(&self) -> &str {
        if self.path.is_empty() {
            "/"
        } else {
            &self.path
        }
    }

    /// Give a location-less error this value's path.
    fn locate(&self, err: Error) -> Error {
        match err {
            Error::Value { path, message } if path.is_empty() => self.error(message),
            other => other,
        }
    }

    fn unexpected(&self, expected: &str) -> Error {
        self.error(format!("expected {expected}, found {}", kind(&self.value)))
    }
}

/// serde_json's own errors (from the `Extra` bridge) as the crate's.
fn from_std(err: serde_json::Error) -> Error {
    Error::value(err.to_string())
}

impl<'de> Deserializer<'de> for PlainDe {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let path = self.path;
        let result = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visitor.visit_seq(SeqDe::new(items, path.clone())),
            Value::Object(map) => visitor.visit_map(MapDe::plain(map, path.clone())),
        };
        let here = PlainDe {
            value: Value::Null,
            path,
        };
        result.map_err(|e| here.locate(e))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.value {
            Value::Null => visitor.visit_unit(),
            Value::Object(map) if map.is_empty() => visitor.visit_unit(),
            _ => Err(self.unexpected("null")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        let path = self.display_path().to_owned();
        let repr = match name {
            EXTRA_TOKEN => extra_repr(self.value, &path)?,
            RAW_TOKEN => element_repr(self.value, &path)?,
            _ => return visitor.visit_newtype_struct(self),
        };
        visitor
            .visit_newtype_struct(repr)
            .map_err(|e| Error::Value {
                path,
                message: from_std(e).to_string(),
            })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value {
            Value::Array(items) => {
                let access = SeqDe::new(items, self.path.clone());
                let here = PlainDe {
                    value: Value::Null,
                    path: self.path,
                };
                visitor.visit_seq(access).map_err(|e| here.locate(e))
            }
            _ => Err(self.unexpected("an array")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value {
            Value::Object(map) => {
                let access = MapDe::plain(map, self.path.clone());
                let here = PlainDe {
                    value: Value::Null,
                    path: self.path,
                };
                visitor.visit_map(access).map_err(|e| here.locate(e))
            }
            _ => Err(self.unexpected("an object")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let here = PlainDe {
            value: Value::Null,
            path: self.path.clone(),
        };
        let entries = match self.value {
            // A list of children written as the list itself.
            Value::Array(items) if fields.contains(&CHILDREN_FIELD) => {
                vec![(CHILDREN_FIELD, here.path.clone(), Value::Array(items))]
            }
            Value::Object(map) => struct_entries(&here, map, fields)?,
            _ => return Err(self.unexpected("an object")),
        };
        let access = MapDe {
            entries: entries.into_iter(),
            pending: None,
        };
        visitor.visit_map(access).map_err(|e| here.locate(e))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let here = PlainDe {
            value: Value::Null,
            path: self.path,
        };
        let (variant, content) = match self.value {
            Value::String(s) => (s, None),
            Value::Object(map) if map.len() == 1 => {
                let Some((key, content)) = map.into_iter().next() else {
                    unreachable!("a map of length 1 has an entry")
                };
                (key, Some(content))
            }
            other => {
                let found = PlainDe {
                    value: other,
                    path: here.path,
                };
                return Err(found.unexpected("a string or an object with exactly one key"));
            }
        };
        let path = match &content {
            Some(_) => here.child(&variant),
            None => here.path.clone(),
        };
        let variant = model_variant(variant, variants);
        let here = PlainDe {
            value: Value::Null,
            path: path.clone(),
        };
        visitor
            .visit_enum(EnumDe {
                variant,
                content: PlainDe {
                    value: content.unwrap_or(Value::Null),
                    path,
                },
            })
            .map_err(|e| here.locate(e))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf identifier
    }
}

/// A plain variant name back in the model's spelling: `other` is `$other` unless
/// the enum has a variant of that very name.
fn model_variant(plain: String, variants: &'static [&'static str]) -> String {
    if variants.contains(&plain.as_str()) {
        return plain;
    }
    match variants
        .iter()
        .find(|v| v.strip_prefix('$') == Some(plain.as_str()))
    {
        Some(v) => (*v).to_owned(),
        None => plain,
    }
}

/// A JSON object's entries under the model's field names.
fn struct_entries(
    here: &PlainDe,
    map: Map<String, Value>,
    fields: &'static [&'static str],
) -> Result<Vec<(&'static str, String, Value)>> {
    let keys = plain_keys(fields.iter().copied());
    let mut entries = Vec::with_capacity(map.len());
    for (key, value) in map {
        let Some(at) = keys.iter().position(|k| *k == key) else {
            let known: Vec<&str> = keys.iter().map(String::as_str).collect();
            return Err(Error::Value {
                path: here.child(&key),
                message: format!("unknown key, expected one of {known:?}"),
            });
        };
        entries.push((fields[at], here.child(&key), value));
    }
    Ok(entries)
}

/// A struct's or map's entries: (serde key, path, value).
struct MapDe<K> {
    entries: std::vec::IntoIter<(K, String, Value)>,
    pending: Option<(String, Value)>,
}

impl MapDe<String> {
    /// A map read as it is (no key mapping).
    fn plain(map: Map<String, Value>, path: String) -> Self {
        let entries: Vec<(String, String, Value)> = map
            .into_iter()
            .map(|(k, v)| {
                let here = PlainDe {
                    value: Value::Null,
                    path: path.clone(),
                };
                let child = here.child(&k);
                (k, child, v)
            })
            .collect();
        MapDe {
            entries: entries.into_iter(),
            pending: None,
        }
    }
}

impl<'de, K: Into<String>> MapAccess<'de> for MapDe<K> {
    type Error = Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        let Some((key, path, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.pending = Some((path, value));
        let key: StringDeserializer<Error> = key.into().into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value> {
        let (path, value) = self
            .pending
            .take()
            .ok_or_else(|| Error::value("internal: a value without a key"))?;
        let de = PlainDe { value, path };
        let here = PlainDe {
            value: Value::Null,
            path: de.path.clone(),
        };
        with_stack(|| seed.deserialize(de)).map_err(|e| here.locate(e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An array's items.
struct SeqDe {
    items: std::iter::Enumerate<std::vec::IntoIter<Value>>,
    path: String,
}

impl SeqDe {
    fn new(items: Vec<Value>, path: String) -> Self {
        SeqDe {
            items: items.into_iter().enumerate(),
            path,
        }
    }
}

impl<'de> SeqAccess<'de> for SeqDe {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        let Some((i, value)) = self.items.next() else {
            return Ok(None);
        };
        let de = PlainDe {
            value,
            path: format!("{}/{i}", self.path),
        };
        let here = PlainDe {
            value: Value::Null,
            path: de.path.clone(),
        };
        with_stack(|| seed.deserialize(de))
            .map(Some)
            .map_err(|e| here.locate(e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An enum: the variant's name and its content.
struct EnumDe {
    variant: String,
    content: PlainDe,
}

impl<'de> EnumAccess<'de> for EnumDe {
    type Error = Error;
    type Variant = PlainDe;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, PlainDe)> {
        let name: StringDeserializer<Error> = self.variant.into_deserializer();
        Ok((seed.deserialize(name)?, self.content))
    }
}

impl<'de> VariantAccess<'de> for PlainDe {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        match &self.value {
            Value::Null => Ok(()),
            _ => Err(self.unexpected("no content for this variant")),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value> {
        with_stack(|| seed.deserialize(self))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_struct("", fields, visitor)
    }
}
