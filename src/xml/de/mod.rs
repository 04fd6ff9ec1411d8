//! serde `Deserializer` over the element tree (conventions in `docs/architecture.md`).

mod fields;

use std::borrow::Cow;
use std::fmt::Display;

use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer,
    VariantAccess, Visitor,
};

use crate::xml::borrowed::{BAttribute, BElement};
use crate::xml::de::fields::StructAccess;
use crate::xml::error::{Error, Result};
use crate::xml::fields::{NONE_VARIANT, OTHER_VARIANT, PARENT_TAG, RAW_TOKEN, TEXT_FIELD};
use crate::xml::lines::Lines;
use crate::xml::paths::Doc;
use crate::xml::raw::{self, RawElement, Stashed, Unmodelled};
use crate::xml::tree::{is_blank, is_xml_space};

impl de::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::value(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        let message = match field.strip_prefix('@') {
            Some(attr) => format!("missing required attribute '{attr}'"),
            None if field == TEXT_FIELD => "missing required text content".to_owned(),
            None => format!("missing required element <{}>", display_key(field)),
        };
        Error::value(message)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let known: Vec<_> = expected.iter().filter(|v| !v.starts_with('$')).collect();
        Error::value(format!(
            "unknown value {variant:?}, expected one of {known:?}"
        ))
    }
}

/// `{uri}local` → `local`, for messages.
fn display_key(key: &str) -> &str {
    key.rsplit_once('}').map_or(key, |(_, local)| local)
}

/// Read `T` from `element`, read from the text `lines` indexes, which must be named
/// `root`.
pub(crate) fn from_element<'de, T: DeserializeOwned>(
    element: &'de BElement<'de>,
    lines: Lines<'de>,
    root: &str,
) -> Result<T> {
    if !element.name.matches_key(root) {
        return Err(Error::Parse {
            position: lines.position(element.at),
            path: format!("/{}", element.name.qualified()),
            message: wrong_root(element, root),
        });
    }
    // Leave no stale content in the side channel, whatever happens: emptied before,
    // and after by a guard, so that the value is returned without another copy (a
    // `Domain` is kilobytes).
    raw::take();
    let _empty_after = EmptySlotOnDrop;
    let doc = Doc::new(element, lines);
    T::deserialize(ElementDe::new(element, &doc))
}

/// Empties the side channel when dropped.
struct EmptySlotOnDrop;

impl Drop for EmptySlotOnDrop {
    fn drop(&mut self) {
        raw::take();
    }
}

/// "expected the root element <root>, found <other>", naming the namespaces when
/// they differ (`<domain>` in the QEMU namespace is not `<domain>`).
fn wrong_root(element: &BElement<'_>, root: &str) -> String {
    let (root_ns, root_local) = match root.strip_prefix('{').and_then(|k| k.split_once('}')) {
        Some((ns, local)) => (Some(ns), local),
        None => (None, root),
    };
    let found_ns = element.name.namespace;
    let found = element.name.qualified();
    if root_ns == found_ns {
        return format!("expected the root element <{root_local}>, found <{found}>");
    }
    let within = |ns: Option<&str>| match ns {
        Some(ns) => format!("in the namespace '{ns}'"),
        None => "in no namespace".to_owned(),
    };
    format!(
        "expected the root element <{root_local}> {}, found <{found}> {}",
        within(root_ns),
        within(found_ns)
    )
}

// ---------------------------------------------------------------------------------
// Paths

/// Give a location-less error the place it happened.
pub(crate) fn locate<'de>(
    err: Error,
    doc: &Doc<'de>,
    elem: &BElement<'de>,
    attr: Option<&BAttribute<'_>>,
) -> Error {
    match err {
        Error::Value { path, message } if path.is_empty() => {
            let (path, position) = match attr {
                Some(a) => (doc.attr_path(elem, a), doc.position(a.at)),
                None => (doc.element_path(elem), doc.position(elem.at)),
            };
            Error::Parse {
                position,
                path,
                message,
            }
        }
        other => other,
    }
}

// ---------------------------------------------------------------------------------
// Scalars

fn parse_number<T: std::str::FromStr>(s: &str, what: &str) -> Result<T> {
    s.trim_matches(is_xml_space)
        .parse()
        .map_err(|_| Error::value(format!("expected {what}, found {s:?}")))
}

/// A string value (attribute value or element text) with the place it came from.
pub(crate) struct ValueDe<'a, 'de> {
    pub(crate) value: Cow<'de, str>,
    pub(crate) doc: &'de Doc<'de>,
    pub(crate) elem: &'de BElement<'de>,
    pub(crate) attr: Option<&'a BAttribute<'de>>,
}

impl ValueDe<'_, '_> {
    pub(crate) fn locate(&self, err: Error) -> Error {
        locate(err, self.doc, self.elem, self.attr)
    }
}

macro_rules! value_number {
    ($method:ident, $visit:ident, $t:ty, $what:literal) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let n: $t = parse_number(&self.value, $what).map_err(|e| self.locate(e))?;
            visitor.$visit(n).map_err(|e| self.locate(e))
        }
    };
}

impl<'de> Deserializer<'de> for ValueDe<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (doc, elem, attr) = (self.doc, self.elem, self.attr);
        match self.value {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
        .map_err(|e| locate(e, doc, elem, attr))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let b = match self.value.as_ref() {
            "true" | "1" => true,
            "false" | "0" => false,
            other => {
                let e = Error::value(format!("expected 'true' or 'false', found {other:?}"));
                return Err(self.locate(e));
            }
        };
        visitor.visit_bool(b).map_err(|e| self.locate(e))
    }

    value_number!(deserialize_u8, visit_u8, u8, "an unsigned integer (0-255)");
    value_number!(
        deserialize_u16,
        visit_u16,
        u16,
        "an unsigned integer (0-65535)"
    );
    value_number!(deserialize_u32, visit_u32, u32, "an unsigned integer");
    value_number!(deserialize_u64, visit_u64, u64, "an unsigned integer");
    value_number!(deserialize_u128, visit_u128, u128, "an unsigned integer");
    value_number!(deserialize_i8, visit_i8, i8, "an integer (-128-127)");
    value_number!(deserialize_i16, visit_i16, i16, "an integer");
    value_number!(deserialize_i32, visit_i32, i32, "an integer");
    value_number!(deserialize_i64, visit_i64, i64, "an integer");
    value_number!(deserialize_i128, visit_i128, i128, "an integer");
    value_number!(deserialize_f32, visit_f32, f32, "a number");
    value_number!(deserialize_f64, visit_f64, f64, "a number");

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let (doc, elem, attr) = (self.doc, self.elem, self.attr);
        let de: StrDeserializer<'_, Error> = self.value.as_ref().into_deserializer();
        de.deserialize_enum("", &[], visitor)
            .map_err(|e| locate(e, doc, elem, attr))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bytes byte_buf unit_struct seq tuple tuple_struct map struct
    }
}

// ---------------------------------------------------------------------------------
// One element

/// Deserializes one element: as a struct (attributes, children, text), as text for
/// scalars, or as a tagged enum.
#[derive(Clone, Copy)]
pub(crate) struct ElementDe<'de> {
    pub(crate) elem: &'de BElement<'de>,
    /// The document: its root and the paths of its elements.
    pub(crate) doc: &'de Doc<'de>,
    /// Attribute already used as an enum tag.
    pub(crate) skip_attr: Option<&'static str>,
    /// The element holding this one, when read as a named field: the place a
    /// parent-tagged enum (`^@type`) finds its tag.
    pub(crate) parent: Option<&'de BElement<'de>>,
}

impl<'de> ElementDe<'de> {
    pub(crate) fn new(elem: &'de BElement<'de>, doc: &'de Doc<'de>) -> Self {
        ElementDe {
            elem,
            doc,
            skip_attr: None,
            parent: None,
        }
    }

    /// `child`, read as a field of this element.
    pub(crate) fn child(&self, child: &'de BElement<'de>) -> Self {
        ElementDe {
            elem: child,
            doc: self.doc,
            skip_attr: None,
            parent: Some(self.elem),
        }
    }

    pub(crate) fn locate(&self, err: Error) -> Error {
        locate(err, self.doc, self.elem, None)
    }

    pub(crate) fn is_skipped(&self, a: &BAttribute<'_>) -> bool {
        a.name.namespace.is_none() && self.skip_attr == Some(a.name.local)
    }

    /// The element's text, refusing attributes or children that a scalar would lose.
    pub(crate) fn text_only(&self) -> Result<Cow<'de, str>> {
        if let Some(a) = self.elem.attributes.iter().find(|a| !self.is_skipped(a)) {
            return Err(Error::Parse {
                position: self.doc.position(a.at),
                path: self.doc.attr_path(self.elem, a),
                message: format!(
                    "unexpected attribute; <{}> takes only text here",
                    self.elem.name.qualified()
                ),
            });
        }
        if let Some(child) = self.elem.elements().next() {
            return Err(Error::Parse {
                position: self.doc.position(child.at),
                path: self.doc.element_path(child),
                message: format!(
                    "unexpected element; <{}> takes only text here",
                    self.elem.name.qualified()
                ),
            });
        }
        Ok(self.elem.text())
    }

    pub(crate) fn value(&self) -> Result<ValueDe<'de, 'de>> {
        Ok(ValueDe {
            value: self.text_only()?,
            doc: self.doc,
            elem: self.elem,
            attr: None,
        })
    }

    pub(crate) fn stash_raw(&self, origin: bool) {
        let origin = origin.then(|| Unmodelled {
            path: self.doc.element_path(self.elem),
            position: Some(self.doc.position(self.elem.at)),
            kind: "element",
        });
        raw::put(Stashed::Raw(RawElement {
            element: self.elem.owned(self.doc.lines()),
            origin,
        }));
    }
}

macro_rules! element_scalar {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.value()?.$method(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for ElementDe<'de> {
    type Error = Error;

    element_scalar! {
        deserialize_bool deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_identifier
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.value()?.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let text = self.text_only()?;
        if !is_blank(&text) {
            let e = Error::value(format!("expected an empty element, found text {text:?}"));
            return Err(self.locate(e));
        }
        visitor.visit_unit().map_err(|e| self.locate(e))
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
        if name == RAW_TOKEN {
            self.stash_raw(false);
            return visitor.visit_newtype_struct(().into_deserializer());
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // One level of the recursion: see `with_stack`.
        crate::xml::with_stack(|| {
            let access = StructAccess::new(self, fields);
            visitor.visit_map(access).map_err(|e| self.locate(e))
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if let Some(spec) = name.strip_prefix(PARENT_TAG) {
            return self.deserialize_parent_tagged(spec, variants, visitor);
        }
        let Some(tag) = name.strip_prefix('@') else {
            // A value enum written as the element's text.
            return self.value()?.deserialize_enum(name, variants, visitor);
        };
        let found = find_attr(self.elem, tag);
        // `$…` names are the codec's own; a document's `type='$other'` is just unknown.
        let known = found.and_then(|a| {
            variants
                .iter()
                .find(|v| !v.starts_with('$') && **v == a.value)
        });
        let access = match known {
            Some(variant) => TaggedEnum {
                variant,
                de: ElementDe {
                    skip_attr: Some(tag),
                    ..self
                },
            },
            None if found.is_none() && variants.contains(&NONE_VARIANT) => TaggedEnum {
                variant: NONE_VARIANT,
                de: self,
            },
            None if variants.contains(&OTHER_VARIANT) => TaggedEnum {
                variant: OTHER_VARIANT,
                de: self,
            },
            None => {
                let message = match found {
                    Some(a) => format!(
                        "unknown {tag} {:?}, expected one of {:?}",
                        a.value,
                        variants
                            .iter()
                            .filter(|v| !v.starts_with('$'))
                            .collect::<Vec<_>>()
                    ),
                    None => format!("missing required attribute '{tag}'"),
                };
                return Err(self.locate(Error::value(message)));
            }
        };
        visitor.visit_enum(access).map_err(|e| self.locate(e))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(self.locate(Error::value(
            "internal: a single element cannot be read as a list",
        )))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bytes byte_buf tuple tuple_struct
    }
}

/// The unprefixed attribute `name` of `elem`.
fn find_attr<'e>(elem: &'e BElement<'e>, name: &str) -> Option<&'e BAttribute<'e>> {
    elem.attributes
        .iter()
        .find(|a| a.name.namespace.is_none() && a.name.local == name)
}

impl<'de> ElementDe<'de> {
    /// An enum named `^@tag[=default]`: the variant is the parent's attribute `tag`
    /// (or `default` when the parent has none); an unknown value selects `$other`.
    /// The tag stays the parent's: this element's attributes are all content.
    fn deserialize_parent_tagged<V: Visitor<'de>>(
        self,
        spec: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let (tag, default) = match spec.split_once('=') {
            Some((tag, default)) => (tag, Some(default)),
            None => (spec, None),
        };
        let value = match self.parent.and_then(|p| find_attr(p, tag)) {
            Some(a) => Some(a.value),
            None => default,
        };
        let known = value.and_then(|v| {
            variants
                .iter()
                .find(|known| !known.starts_with('$') && **known == v)
        });
        let variant = match known {
            Some(variant) => variant,
            None if variants.contains(&OTHER_VARIANT) => OTHER_VARIANT,
            None => {
                let message = match value {
                    Some(v) => format!(
                        "the parent's {tag} {v:?} has no known <{}> shape",
                        self.elem.name.qualified()
                    ),
                    None => format!("the parent element has no '{tag}' attribute"),
                };
                return Err(self.locate(Error::value(message)));
            }
        };
        visitor
            .visit_enum(TaggedEnum { variant, de: self })
            .map_err(|e| self.locate(e))
    }
}

/// An enum whose variant is already chosen; its content is read from `de`.
pub(crate) struct TaggedEnum<'de> {
    pub(crate) variant: &'static str,
    pub(crate) de: ElementDe<'de>,
}

impl<'de> EnumAccess<'de> for TaggedEnum<'de> {
    type Error = Error;
    type Variant = ElementDe<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self::Variant)> {
        let de: StrDeserializer<'_, Error> = self.variant.into_deserializer();
        Ok((seed.deserialize(de)?, self.de))
    }
}

impl<'de> VariantAccess<'de> for ElementDe<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        let ignored = serde::de::IgnoredAny;
        Deserializer::deserialize_unit(self, ignored).map(|_| ())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(self.locate(Error::value("internal: tuple variants are not supported")))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_struct("", fields, visitor)
    }
}
