//! serde `Deserializer` over the element tree (conventions in `docs/architecture.md`).

use std::borrow::Cow;
use std::fmt::Display;

use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};

use crate::error::{Error, Result};
use crate::xml::raw::{
    self, Extra, RawElement, Stashed, Unmodelled, EXTRA_FIELD, EXTRA_TOKEN, RAW_TOKEN, RAW_VARIANT,
};
use crate::xml::tree::{is_xml_space, Attribute, Element, Name, Node};

/// Variant name of a tagged enum's fallback: receives unknown tag values.
const OTHER_VARIANT: &str = "$other";

impl de::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::value(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        let message = match field.strip_prefix('@') {
            Some(attr) => format!("missing required attribute '{attr}'"),
            None if field == "$text" => "missing required text content".to_owned(),
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

pub(crate) fn from_element<T: DeserializeOwned>(element: &Element, root: &str) -> Result<T> {
    if !element.name.matches_key(root) {
        return Err(Error::Parse {
            position: element.position,
            path: format!("/{}", element.name.qualified()),
            message: format!(
                "expected the root element <{}>, found <{}>",
                display_key(root),
                element.name.qualified()
            ),
        });
    }
    // Leave no stale content in the side channel, whatever happens.
    raw::take();
    let result = T::deserialize(ElementDe::new(element, element));
    raw::take();
    result
}

// ---------------------------------------------------------------------------------
// Paths

/// XPath-like path of `target` below `root`, e.g. `/domain/devices/disk[2]`.
pub(crate) fn element_path(root: &Element, target: &Element) -> String {
    fn find(cur: &Element, target: &Element, segs: &mut Vec<String>) -> bool {
        if std::ptr::eq(cur, target) {
            return true;
        }
        for child in cur.elements() {
            if find(child, target, segs) {
                segs.push(segment(cur, child));
                return true;
            }
        }
        false
    }
    let mut segs = Vec::new();
    find(root, target, &mut segs);
    let mut path = format!("/{}", root.name.qualified());
    for seg in segs.iter().rev() {
        path.push('/');
        path.push_str(seg);
    }
    path
}

/// `name` or `name[k]` when `parent` has several children of that name.
fn segment(parent: &Element, child: &Element) -> String {
    let mut total = 0;
    let mut index = 0;
    for sibling in parent.elements() {
        if sibling.name == child.name {
            total += 1;
            if std::ptr::eq(sibling, child) {
                index = total;
            }
        }
    }
    if total > 1 {
        format!("{}[{index}]", child.name.qualified())
    } else {
        child.name.qualified().into_owned()
    }
}

fn attr_path(root: &Element, elem: &Element, attr: &Attribute) -> String {
    format!("{}/@{}", element_path(root, elem), attr.name.qualified())
}

/// Give a location-less error the place it happened.
fn locate(err: Error, root: &Element, elem: &Element, attr: Option<&Attribute>) -> Error {
    match err {
        Error::Value { path, message } if path.is_empty() => {
            let (path, position) = match attr {
                Some(a) => (attr_path(root, elem, a), a.position),
                None => (element_path(root, elem), elem.position),
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
struct ValueDe<'a, 'de> {
    value: Cow<'de, str>,
    root: &'de Element,
    elem: &'de Element,
    attr: Option<&'a Attribute>,
}

impl ValueDe<'_, '_> {
    fn locate(&self, err: Error) -> Error {
        locate(err, self.root, self.elem, self.attr)
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
        let (root, elem, attr) = (self.root, self.elem, self.attr);
        match self.value {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
        .map_err(|e| locate(e, root, elem, attr))
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
        let (root, elem, attr) = (self.root, self.elem, self.attr);
        let de: StrDeserializer<'_, Error> = self.value.as_ref().into_deserializer();
        de.deserialize_enum("", &[], visitor)
            .map_err(|e| locate(e, root, elem, attr))
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
struct ElementDe<'de> {
    elem: &'de Element,
    root: &'de Element,
    /// Attribute already used as an enum tag.
    skip_attr: Option<&'static str>,
}

impl<'de> ElementDe<'de> {
    fn new(elem: &'de Element, root: &'de Element) -> Self {
        ElementDe {
            elem,
            root,
            skip_attr: None,
        }
    }

    fn locate(&self, err: Error) -> Error {
        locate(err, self.root, self.elem, None)
    }

    fn is_skipped(&self, a: &Attribute) -> bool {
        a.name.namespace.is_none() && self.skip_attr == Some(a.name.local.as_str())
    }

    /// The element's text, refusing attributes or children that a scalar would lose.
    fn text_only(&self) -> Result<Cow<'de, str>> {
        if let Some(a) = self.elem.attributes.iter().find(|a| !self.is_skipped(a)) {
            return Err(Error::Parse {
                position: a.position,
                path: attr_path(self.root, self.elem, a),
                message: format!(
                    "unexpected attribute; <{}> takes only text here",
                    self.elem.name.qualified()
                ),
            });
        }
        if let Some(child) = self.elem.elements().next() {
            return Err(Error::Parse {
                position: child.position,
                path: element_path(self.root, child),
                message: format!(
                    "unexpected element; <{}> takes only text here",
                    self.elem.name.qualified()
                ),
            });
        }
        Ok(self.elem.text())
    }

    fn value(&self) -> Result<ValueDe<'static, 'de>> {
        Ok(ValueDe {
            value: self.text_only()?,
            root: self.root,
            elem: self.elem,
            attr: None,
        })
    }

    fn stash_raw(&self, origin: bool) {
        let origin = origin.then(|| Unmodelled {
            path: element_path(self.root, self.elem),
            position: Some(self.elem.position),
            kind: "element",
        });
        raw::put(Stashed::Raw(RawElement {
            element: self.elem.clone(),
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
        if !text.trim_matches(is_xml_space).is_empty() {
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
        let access = StructAccess::new(self, fields);
        visitor.visit_map(access).map_err(|e| self.locate(e))
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
        let Some(tag) = name.strip_prefix('@') else {
            // A value enum written as the element's text.
            return self.value()?.deserialize_enum(name, variants, visitor);
        };
        let found = self
            .elem
            .attributes
            .iter()
            .find(|a| a.name.namespace.is_none() && a.name.local == tag);
        let known = found.and_then(|a| variants.iter().find(|v| **v == a.value));
        let access = match known {
            Some(variant) => TaggedEnum {
                variant,
                de: ElementDe {
                    skip_attr: Some(tag),
                    ..self
                },
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

/// An enum whose variant is already chosen; its content is read from `de`.
struct TaggedEnum<'de> {
    variant: &'static str,
    de: ElementDe<'de>,
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

// ---------------------------------------------------------------------------------
// Struct fields

enum Entry {
    Attr(&'static str, usize),
    Text(&'static str),
    /// Children named after this field, the first at this index.
    Group(&'static str, usize),
    /// Children no named field takes, the first at this index.
    Value(&'static str, usize),
    Extra(&'static str),
}

/// Which attributes or children a struct has taken; no allocation for up to 64.
enum Marks {
    Small(u64),
    Large(Vec<bool>),
}

impl Marks {
    fn new(n: usize) -> Self {
        if n <= 64 {
            Marks::Small(0)
        } else {
            Marks::Large(vec![false; n])
        }
    }

    fn set(&mut self, i: usize) {
        match self {
            Marks::Small(bits) => *bits |= 1 << i,
            Marks::Large(v) => v[i] = true,
        }
    }

    fn get(&self, i: usize) -> bool {
        match self {
            Marks::Small(bits) => bits & (1 << i) != 0,
            Marks::Large(v) => v[i],
        }
    }
}

struct StructAccess<'de> {
    de: ElementDe<'de>,
    entries: std::vec::IntoIter<Entry>,
    current: Option<Entry>,
    fields: &'static [&'static str],
    attr_used: Marks,
    child_used: Marks,
    text_used: bool,
    has_extra: bool,
}

fn attr_key_matches(field: &str, name: &Name) -> bool {
    field.strip_prefix('@').is_some_and(|k| name.matches_key(k))
}

fn is_element_key(field: &str) -> bool {
    !field.starts_with('@') && !field.starts_with('$')
}

impl<'de> StructAccess<'de> {
    fn new(de: ElementDe<'de>, fields: &'static [&'static str]) -> Self {
        let elem = de.elem;
        let mut entries = Vec::with_capacity(elem.attributes.len() + elem.children.len() + 1);
        let mut attr_used = Marks::new(elem.attributes.len());
        for (i, a) in elem.attributes.iter().enumerate() {
            if de.is_skipped(a) {
                attr_used.set(i);
            } else if let Some(f) = fields.iter().find(|f| attr_key_matches(f, &a.name)) {
                entries.push(Entry::Attr(f, i));
            }
        }
        let has_text = elem.children.iter().any(|n| matches!(n, Node::Text(_)));
        if has_text {
            if let Some(f) = fields.iter().find(|f| **f == "$text") {
                entries.push(Entry::Text(f));
            }
        }
        let value_field = fields.iter().find(|f| **f == "$value");
        let mut first_value = None;
        for (i, node) in elem.children.iter().enumerate() {
            let Node::Element(child) = node else { continue };
            match field_for(fields, child) {
                Some(f) => {
                    let seen = entries
                        .iter()
                        .any(|e| matches!(e, Entry::Group(k, _) if std::ptr::eq(*k, f)));
                    if !seen {
                        entries.push(Entry::Group(f, i));
                    }
                }
                None if value_field.is_some() && first_value.is_none() => first_value = Some(i),
                None => {}
            }
        }
        if let (Some(f), Some(first)) = (value_field, first_value) {
            entries.push(Entry::Value(f, first));
        }
        let extra_field = fields.iter().find(|f| **f == EXTRA_FIELD);
        if let Some(f) = extra_field {
            entries.push(Entry::Extra(f));
        }
        StructAccess {
            de,
            entries: entries.into_iter(),
            current: None,
            fields,
            attr_used,
            child_used: Marks::new(elem.children.len()),
            text_used: false,
            has_extra: extra_field.is_some(),
        }
    }

    fn has_leftovers(&self) -> bool {
        let elem = self.de.elem;
        (0..elem.attributes.len()).any(|i| !self.attr_used.get(i))
            || elem.children.iter().enumerate().any(|(i, n)| {
                !self.child_used.get(i)
                    && match n {
                        Node::Element(_) => true,
                        Node::Text(t) => {
                            !self.text_used && !t.text.trim_matches(is_xml_space).is_empty()
                        }
                    }
            })
    }

    /// Attributes, elements and non-layout text no field took.
    fn leftovers(&self) -> Extra {
        let (root, elem) = (self.de.root, self.de.elem);
        let mut extra = Extra::default();
        for (i, a) in elem.attributes.iter().enumerate() {
            if !self.attr_used.get(i) {
                extra.origin.push(Unmodelled {
                    path: attr_path(root, elem, a),
                    position: Some(a.position),
                    kind: "attribute",
                });
                extra.attributes.push(a.clone());
            }
        }
        for (i, node) in elem.children.iter().enumerate() {
            if self.child_used.get(i) {
                continue;
            }
            match node {
                Node::Element(child) => {
                    extra.origin.push(Unmodelled {
                        path: element_path(root, child),
                        position: Some(child.position),
                        kind: "element",
                    });
                    extra.nodes.push(node.clone());
                }
                Node::Text(t) => {
                    if self.text_used || t.text.trim_matches(is_xml_space).is_empty() {
                        continue;
                    }
                    extra.origin.push(Unmodelled {
                        path: format!("{}/text()", element_path(root, elem)),
                        position: Some(t.position),
                        kind: "text",
                    });
                    extra.nodes.push(node.clone());
                }
            }
        }
        extra
    }
}

impl<'de> MapAccess<'de> for StructAccess<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(entry) = self.entries.next() else {
            if !self.has_extra {
                if let Some(first) = self.leftovers().origin.into_iter().next() {
                    return Err(Error::Parse {
                        position: first.position.unwrap_or_default(),
                        path: first.path,
                        message: format!(
                            "unexpected {}: this element keeps no unknown content",
                            first.kind
                        ),
                    });
                }
            }
            return Ok(None);
        };
        if matches!(entry, Entry::Extra(_)) && !self.has_leftovers() {
            return Ok(None);
        }
        let key = match &entry {
            Entry::Attr(k, _)
            | Entry::Text(k)
            | Entry::Group(k, _)
            | Entry::Value(k, _)
            | Entry::Extra(k) => *k,
        };
        self.current = Some(entry);
        let de: StrDeserializer<'_, Error> = key.into_deserializer();
        seed.deserialize(de).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let de = self.de;
        match self.current.take() {
            Some(Entry::Attr(_, i)) => {
                self.attr_used.set(i);
                let attr = &de.elem.attributes[i];
                seed.deserialize(ValueDe {
                    value: Cow::Borrowed(attr.value.as_str()),
                    root: de.root,
                    elem: de.elem,
                    attr: Some(attr),
                })
            }
            Some(Entry::Text(_)) => {
                self.text_used = true;
                for (i, n) in de.elem.children.iter().enumerate() {
                    if matches!(n, Node::Text(_)) {
                        self.child_used.set(i);
                    }
                }
                seed.deserialize(ValueDe {
                    value: de.elem.text(),
                    root: de.root,
                    elem: de.elem,
                    attr: None,
                })
            }
            Some(Entry::Group(key, first)) => {
                let mut taken = 0;
                let value = seed.deserialize(GroupDe {
                    de,
                    key,
                    first,
                    taken: &mut taken,
                })?;
                for (i, _) in group(de.elem, key, first).take(taken) {
                    self.child_used.set(i);
                }
                Ok(value)
            }
            Some(Entry::Value(_, first)) => {
                let fields = self.fields;
                for (i, _) in unclaimed(de.elem, fields, first) {
                    self.child_used.set(i);
                }
                seed.deserialize(ChildrenDe { de, fields, first })
            }
            Some(Entry::Extra(_)) => seed.deserialize(ExtraDe(self.leftovers())),
            None => Err(Error::value("internal: value requested before key")),
        }
    }
}

/// The element field (`name` or `{uri}name`) that takes `child`, if any.
fn field_for(fields: &'static [&'static str], child: &Element) -> Option<&'static str> {
    fields
        .iter()
        .find(|f| is_element_key(f) && child.name.matches_key(f))
        .copied()
}

/// Children named `key`, from index `first` on.
fn group<'e>(
    elem: &'e Element,
    key: &'static str,
    first: usize,
) -> impl Iterator<Item = (usize, &'e Element)> {
    elem.children[first..]
        .iter()
        .enumerate()
        .filter_map(move |(i, n)| match n {
            Node::Element(e) if e.name.matches_key(key) => Some((first + i, e)),
            _ => None,
        })
}

/// Children no element field takes, from index `first` on.
fn unclaimed<'e>(
    elem: &'e Element,
    fields: &'static [&'static str],
    first: usize,
) -> impl Iterator<Item = (usize, &'e Element)> {
    elem.children[first..]
        .iter()
        .enumerate()
        .filter_map(move |(i, n)| match n {
            Node::Element(e) if field_for(fields, e).is_none() => Some((first + i, e)),
            _ => None,
        })
}

/// All children with one field's name: a list, or the first one for a single value.
struct GroupDe<'a, 'de> {
    de: ElementDe<'de>,
    key: &'static str,
    first: usize,
    taken: &'a mut usize,
}

impl<'de> GroupDe<'_, 'de> {
    fn first(self) -> ElementDe<'de> {
        *self.taken = 1;
        let first = match &self.de.elem.children[self.first] {
            Node::Element(e) => e,
            Node::Text(_) => unreachable!("a group starts at an element"),
        };
        ElementDe::new(first, self.de.root)
    }
}

macro_rules! group_forward {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.first().$method(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for GroupDe<'_, 'de> {
    type Error = Error;

    group_forward! {
        deserialize_any deserialize_bool deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_identifier deserialize_unit
        deserialize_map deserialize_ignored_any deserialize_bytes deserialize_byte_buf
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (elem, root) = (self.de.elem, self.de.root);
        *self.taken = group(elem, self.key, self.first).count();
        let items = group(elem, self.key, self.first).map(|(_, e)| ElementDe::new(e, root));
        visitor.visit_seq(Items(items))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.first().deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.first().deserialize_newtype_struct(name, visitor)
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

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.first().deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.first().deserialize_enum(name, variants, visitor)
    }
}

struct Items<I>(I);

impl<'de, I, D> SeqAccess<'de> for Items<I>
where
    I: Iterator<Item = D>,
    D: Deserializer<'de, Error = Error>,
{
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        match self.0.next() {
            Some(de) => seed.deserialize(de).map(Some),
            None => Ok(None),
        }
    }
}

/// The `$value` children: a list whose items are enums named after their element.
struct ChildrenDe<'de> {
    de: ElementDe<'de>,
    fields: &'static [&'static str],
    first: usize,
}

impl<'de> Deserializer<'de> for ChildrenDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let root = self.de.root;
        let items = unclaimed(self.de.elem, self.fields, self.first)
            .map(|(_, e)| ChildDe(ElementDe::new(e, root)));
        visitor.visit_seq(Items(items))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// One `$value` child: an enum variant chosen by the element's name.
struct ChildDe<'de>(ElementDe<'de>);

macro_rules! child_forward {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.0.$method(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for ChildDe<'de> {
    type Error = Error;

    child_forward! {
        deserialize_any deserialize_bool deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_identifier deserialize_unit
        deserialize_map deserialize_ignored_any deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_seq
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.0.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.0.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.0.deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.0.deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let de = self.0;
        let name = &de.elem.name;
        if let Some(variant) = variants
            .iter()
            .find(|v| is_element_key(v) && name.matches_key(v))
        {
            return visitor
                .visit_enum(TaggedEnum { variant, de })
                .map_err(|e| de.locate(e));
        }
        if variants.contains(&RAW_VARIANT) {
            return visitor.visit_enum(RawVariant(de)).map_err(|e| de.locate(e));
        }
        Err(de.locate(Error::value(format!(
            "unexpected element <{}> here",
            name.qualified()
        ))))
    }
}

/// The fallback variant of a `$value` enum: the whole element, kept raw.
struct RawVariant<'de>(ElementDe<'de>);

impl<'de> EnumAccess<'de> for RawVariant<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self)> {
        let de: StrDeserializer<'_, Error> = RAW_VARIANT.into_deserializer();
        Ok((seed.deserialize(de)?, self))
    }
}

impl<'de> VariantAccess<'de> for RawVariant<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        Err(self.0.locate(Error::value(
            "internal: the raw variant must hold a RawElement",
        )))
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value> {
        self.0.stash_raw(true);
        seed.deserialize(RawDe)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        self.unit_variant().map(|_| unreachable!())
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        self.unit_variant().map(|_| unreachable!())
    }
}

/// Hands a stashed raw element to `RawElement::deserialize`.
struct RawDe;

impl<'de> Deserializer<'de> for RawDe {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        raw::take();
        Err(Error::value(
            "internal: the raw variant must hold a RawElement",
        ))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name != RAW_TOKEN {
            return self.deserialize_any(visitor);
        }
        visitor.visit_newtype_struct(().into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Hands the leftovers of a struct to `Extra::deserialize`.
struct ExtraDe(Extra);

impl<'de> Deserializer<'de> for ExtraDe {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::value(
            "internal: the $extra field must have the type Extra",
        ))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name != EXTRA_TOKEN {
            return self.deserialize_any(visitor);
        }
        raw::put(Stashed::Extra(self.0));
        visitor.visit_newtype_struct(().into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
