//! Reading a struct's fields from an element: attributes, text, named children,
//! the `$value` list and the `$extra` leftovers (see `docs/architecture.md`).

use std::borrow::Cow;

use serde::de::value::StrDeserializer;
use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

use crate::xml::borrowed::{BElement, BName, BNode};
use crate::xml::de::{ElementDe, TaggedEnum, ValueDe};
use crate::xml::error::{Error, Result};
use crate::xml::fields::{
    EXTRA_FIELD, EXTRA_TOKEN, RAW_TOKEN, RAW_VARIANT, TEXT_FIELD, VALUE_FIELD,
};
use crate::xml::raw::{self, Extra, Stashed, Unmodelled};
use crate::xml::tree::{is_blank, Node};

enum Entry {
    Attr(&'static str, usize),
    Text(&'static str),
    /// Children named after this field, the first at this index.
    Group(&'static str, usize),
    /// Children no named field takes, the first at this index.
    Value(&'static str, usize),
    Extra(&'static str),
}

/// Which attributes, children or fields a struct has taken; no allocation for up to
/// 128 (the model's largest struct has fewer fields).
enum Marks {
    Small(u128),
    Large(Vec<bool>),
}

impl Marks {
    fn new(n: usize) -> Self {
        if n <= 128 {
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

/// What a struct's fields are read from, in the order serde is handed them: the
/// attributes fields take, the text, each named group of children (in the order its
/// first child appears), the `$value` children, then `$extra`. Worked out one entry at
/// a time as serde asks, so reading a struct allocates nothing.
#[derive(Clone, Copy)]
enum Phase {
    /// Attributes from this index on.
    Attrs(usize),
    Text,
    /// Children from this index on.
    Children(usize),
    Value,
    Extra,
    Done,
}

pub(crate) struct StructAccess<'de> {
    de: ElementDe<'de>,
    phase: Phase,
    current: Option<Entry>,
    fields: &'static [&'static str],
    /// The element fields whose group has been handed out, by index in `fields`.
    groups_seen: Marks,
    /// The first child no named field takes, for `$value`.
    first_value: Option<usize>,
    /// The children no named field takes (kept only when the struct has `$value`).
    values: Marks,
    /// Where in `fields` the last attribute and the last child were found: the next
    /// search starts there, so a document in the model's order (libvirt's) finds
    /// each in a step or two, whatever the number of fields.
    attr_hint: usize,
    child_hint: usize,
    /// Which of the special fields the struct has.
    has_text: bool,
    has_value: bool,
    attr_used: Marks,
    child_used: Marks,
    text_used: bool,
    has_extra: bool,
}

fn attr_key_matches(field: &str, name: &BName<'_>) -> bool {
    field.strip_prefix('@').is_some_and(|k| name.matches_key(k))
}

pub(crate) fn is_element_key(field: &str) -> bool {
    !field.starts_with('@') && !field.starts_with('$')
}

impl<'de> StructAccess<'de> {
    pub(crate) fn new(de: ElementDe<'de>, fields: &'static [&'static str]) -> Self {
        let elem = de.elem;
        let (mut has_text, mut has_value, mut has_extra) = (false, false, false);
        for f in fields.iter().filter(|f| f.starts_with('$')) {
            match *f {
                TEXT_FIELD => has_text = true,
                VALUE_FIELD => has_value = true,
                EXTRA_FIELD => has_extra = true,
                _ => {}
            }
        }
        StructAccess {
            de,
            phase: Phase::Attrs(0),
            current: None,
            fields,
            groups_seen: Marks::new(fields.len()),
            first_value: None,
            values: Marks::new(if has_value { elem.children.len() } else { 0 }),
            attr_hint: 0,
            child_hint: 0,
            attr_used: Marks::new(elem.attributes.len()),
            child_used: Marks::new(elem.children.len()),
            text_used: false,
            has_text,
            has_value,
            has_extra,
        }
    }

    /// The next field to hand to serde, if any.
    fn next_entry(&mut self) -> Option<Entry> {
        let (elem, fields) = (self.de.elem, self.fields);
        loop {
            match self.phase {
                Phase::Attrs(from) => {
                    for (i, a) in elem.attributes.iter().enumerate().skip(from) {
                        if self.de.is_skipped(a) {
                            self.attr_used.set(i);
                        } else if let Some(fi) =
                            find_from(fields, self.attr_hint, |f| attr_key_matches(f, &a.name))
                        {
                            self.attr_hint = fi;
                            self.phase = Phase::Attrs(i + 1);
                            return Some(Entry::Attr(fields[fi], i));
                        }
                    }
                    self.phase = Phase::Text;
                }
                Phase::Text => {
                    self.phase = Phase::Children(0);
                    if self.has_text && elem.children.iter().any(|n| matches!(n, BNode::Text(_))) {
                        return Some(Entry::Text(TEXT_FIELD));
                    }
                }
                Phase::Children(from) => {
                    for (i, node) in elem.children.iter().enumerate().skip(from) {
                        let BNode::Element(child) = node else {
                            continue;
                        };
                        let found = find_from(fields, self.child_hint, |f| {
                            is_element_key(f) && child.name.matches_key(f)
                        });
                        match found {
                            Some(fi) => {
                                self.child_hint = fi;
                                if !self.groups_seen.get(fi) {
                                    self.groups_seen.set(fi);
                                    self.phase = Phase::Children(i + 1);
                                    return Some(Entry::Group(fields[fi], i));
                                }
                            }
                            None => {
                                self.first_value.get_or_insert(i);
                                if self.has_value {
                                    self.values.set(i);
                                }
                            }
                        }
                    }
                    self.phase = Phase::Value;
                }
                Phase::Value => {
                    self.phase = Phase::Extra;
                    if let (true, Some(first)) = (self.has_value, self.first_value) {
                        return Some(Entry::Value(VALUE_FIELD, first));
                    }
                }
                Phase::Extra => {
                    self.phase = Phase::Done;
                    if self.has_extra {
                        return Some(Entry::Extra(EXTRA_FIELD));
                    }
                }
                Phase::Done => return None,
            }
        }
    }

    fn has_leftovers(&self) -> bool {
        let elem = self.de.elem;
        (0..elem.attributes.len()).any(|i| !self.attr_used.get(i))
            || elem.children.iter().enumerate().any(|(i, n)| {
                !self.child_used.get(i)
                    && match n {
                        BNode::Element(_) => true,
                        BNode::Text(t) => !self.text_used && !is_blank(t.text),
                    }
            })
    }

    /// Attributes, elements and non-layout text no field took.
    fn leftovers(&self) -> Extra {
        let (doc, elem) = (self.de.doc, self.de.elem);
        let mut extra = Extra::default();
        for (i, a) in elem.attributes.iter().enumerate() {
            if !self.attr_used.get(i) {
                extra.origin.push(Unmodelled {
                    path: doc.attr_path(elem, a),
                    position: Some(doc.position(a.at)),
                    kind: "attribute",
                });
                extra.attributes.push(a.owned(doc.lines()));
            }
        }
        for (i, node) in elem.children.iter().enumerate() {
            if self.child_used.get(i) {
                continue;
            }
            match node {
                BNode::Element(child) => {
                    extra.origin.push(Unmodelled {
                        path: doc.element_path(child),
                        position: Some(doc.position(child.at)),
                        kind: "element",
                    });
                    extra.nodes.push(node.owned(doc.lines()));
                }
                BNode::Text(t) => {
                    if self.text_used || is_blank(t.text) {
                        continue;
                    }
                    extra.origin.push(Unmodelled {
                        path: format!("{}/text()", doc.element_path(elem)),
                        position: Some(doc.position(t.at)),
                        kind: "text",
                    });
                    // Text on both sides of a modelled child is written back as one
                    // text node after the modelled children, so it is one node here
                    // too: the value reads back as it is written.
                    match extra.nodes.last_mut() {
                        Some(Node::Text(last)) => last.text.push_str(t.text),
                        _ => extra.nodes.push(node.owned(doc.lines())),
                    }
                }
            }
        }
        extra
    }
}

impl<'de> MapAccess<'de> for StructAccess<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(entry) = self.next_entry() else {
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
                    value: Cow::Borrowed(attr.value),
                    doc: de.doc,
                    elem: de.elem,
                    attr: Some(attr),
                })
            }
            Some(Entry::Text(_)) => {
                self.text_used = true;
                for (i, n) in de.elem.children.iter().enumerate() {
                    if matches!(n, BNode::Text(_)) {
                        self.child_used.set(i);
                    }
                }
                seed.deserialize(ValueDe {
                    value: de.elem.text(),
                    doc: de.doc,
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
                // Every child has been looked at by now (this entry follows them).
                for i in first..de.elem.children.len() {
                    if self.values.get(i) {
                        self.child_used.set(i);
                    }
                }
                seed.deserialize(ChildrenDe {
                    de,
                    values: &self.values,
                    first,
                })
            }
            Some(Entry::Extra(_)) => seed.deserialize(ExtraDe(self.leftovers())),
            None => Err(Error::value("internal: value requested before key")),
        }
    }
}

/// The index of the first of `fields` from `start` on, going round to the ones before
/// it, for which `matches` holds.
fn find_from(
    fields: &'static [&'static str],
    start: usize,
    matches: impl Fn(&str) -> bool,
) -> Option<usize> {
    let start = start.min(fields.len());
    let (before, after) = fields.split_at(start);
    match after.iter().position(|f| matches(f)) {
        Some(i) => Some(start + i),
        None => before.iter().position(|f| matches(f)),
    }
}

/// Children named `key`, from index `first` on.
fn group<'e>(
    elem: &'e BElement<'e>,
    key: &'static str,
    first: usize,
) -> impl Iterator<Item = (usize, &'e BElement<'e>)> {
    elem.children[first..]
        .iter()
        .enumerate()
        .filter_map(move |(i, n)| match n {
            BNode::Element(e) if e.name.matches_key(key) => Some((first + i, e)),
            _ => None,
        })
}

/// The children marked in `values`, from index `first` on.
fn unclaimed<'e, 'm>(
    elem: &'e BElement<'e>,
    values: &'m Marks,
    first: usize,
) -> impl Iterator<Item = (usize, &'e BElement<'e>)> + use<'e, 'm> {
    elem.children[first..]
        .iter()
        .enumerate()
        .filter_map(move |(i, n)| match n {
            BNode::Element(e) if values.get(first + i) => Some((first + i, e)),
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
            BNode::Element(e) => e,
            BNode::Text(_) => unreachable!("a group starts at an element"),
        };
        self.de.child(first)
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
        let (de, elem) = (self.de, self.de.elem);
        let left = group(elem, self.key, self.first).count();
        *self.taken = left;
        let items = group(elem, self.key, self.first).map(move |(_, e)| de.child(e));
        visitor.visit_seq(Items { items, left })
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

/// A list's items, with their number (serde sizes the `Vec` from it: one allocation
/// instead of one per doubling, which copies every large item moved so far).
struct Items<I> {
    items: I,
    left: usize,
}

impl<'de, I, D> SeqAccess<'de> for Items<I>
where
    I: Iterator<Item = D>,
    D: Deserializer<'de, Error = Error>,
{
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        match self.items.next() {
            Some(de) => {
                self.left = self.left.saturating_sub(1);
                seed.deserialize(de).map(Some)
            }
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// The `$value` children: a list whose items are enums named after their element.
struct ChildrenDe<'a, 'de> {
    de: ElementDe<'de>,
    values: &'a Marks,
    first: usize,
}

impl<'de> Deserializer<'de> for ChildrenDe<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let doc = self.de.doc;
        let left = unclaimed(self.de.elem, self.values, self.first).count();
        let items = unclaimed(self.de.elem, self.values, self.first)
            .map(|(_, e)| ChildDe(ElementDe::new(e, doc)));
        visitor.visit_seq(Items { items, left })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// One `$value` child: an enum variant chosen by the element's name.
pub(crate) struct ChildDe<'de>(ElementDe<'de>);

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
