//! Unknown content: names, raw elements ([`RawElement`]) and [`Extra`] (src/xml/raw.rs,
//! src/xml/tree.rs).
//!
//! What the codec gives a meaning to, and so is not generated:
//!
//! - Whitespace-only text next to child elements is layout and is dropped; an
//!   [`Extra`] keeps no whitespace-only text at all. Text nodes here are therefore
//!   never whitespace-only when they stand next to elements, never empty (an empty
//!   text node writes nothing), and never adjacent (two adjacent text nodes read back
//!   as one).
//! - An `Extra` attribute or element whose name a field of the struct claims would be
//!   read into that field: `Extra` names are `x-…` in no namespace, or in a test
//!   namespace. Structs with a `$value` list (`<devices>`, `<metadata>`) take every
//!   child element, so their `Extra` holds no element; structs with `$text` take every
//!   text node, so their `Extra` holds no text.
//! - Attribute names are unique on an element (a duplicate is malformed XML), and no
//!   local name starts with `xml` (`xmlns` would be a namespace declaration).
//!
//! Namespaces deliberately collide: two URIs share the prefix `ext`, one uses the
//! model's own prefix `qemu` for another URI, one uses the writer's `ns0`, and one
//! URI holds characters that must be escaped in a declaration. The writer must pick
//! fresh prefixes rather than rebind one in scope, and the reader must expand
//! references in declarations (both were bugs this generator found).

use libvirt_domain::xml::{Attribute, Element, Name, Node, Text, XML_NS};
use libvirt_domain::{Extra, RawElement};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::values::{regex, solid_text, text};

/// Test namespaces with the prefix each is written with (prefixes collide on purpose).
const NAMESPACES: &[(&str, &str)] = &[
    ("urn:test:extra", "ext"),
    ("urn:test:other", "oth"),
    ("http://example.com/ns/meta?a=1;b=\"2\"#é", "m"),
    ("urn:test:shares-ext", "ext"),
    ("urn:test:not-qemu", "qemu"),
    ("urn:test:writer-like", "ns0"),
    ("urn:test:a&b<c>'d\te", "esc"),
];

/// A local name: a valid XML NCName, not starting with `xml`.
fn local_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => regex("[a-wyzA-Z_][a-zA-Z0-9._-]{0,7}"),
        1 => regex("[éѨ_][a-zé0-9·.-]{0,4}"),
        1 => regex("x-[a-z0-9]{0,5}"),
    ]
    .boxed()
}

/// A name in one of the test namespaces, with its prefix or (sometimes) no preferred
/// prefix at all (the writer then makes one up).
fn namespaced(local: BoxedStrategy<String>) -> BoxedStrategy<Name> {
    (select(NAMESPACES), any::<bool>(), local)
        .prop_map(|((uri, prefix), keep_prefix, local)| Name {
            namespace: Some(uri.to_owned()),
            prefix: keep_prefix.then(|| prefix.to_owned()),
            local,
        })
        .boxed()
}

/// Any element or attribute name: no namespace, or a test namespace.
pub fn any_name() -> BoxedStrategy<Name> {
    prop_oneof![local_name().prop_map(Name::local), namespaced(local_name()),].boxed()
}

/// A name no model field claims: `x-…` in no namespace, or a test namespace.
pub fn unknown_name() -> BoxedStrategy<Name> {
    prop_oneof![
        regex("x-[a-zA-Z0-9._-]{1,8}").prop_map(Name::local),
        namespaced(local_name()),
    ]
    .boxed()
}

/// An attribute name no model field claims: [`unknown_name`], or `xml:lang`.
fn unknown_attribute_name() -> BoxedStrategy<Name> {
    prop_oneof![
        6 => unknown_name(),
        1 => Just(Name {
            namespace: Some(XML_NS.to_owned()),
            prefix: Some("xml".to_owned()),
            local: "lang".to_owned(),
        }),
    ]
    .boxed()
}

fn attribute(name: Name, value: String) -> Attribute {
    Attribute {
        name,
        value,
        position: Default::default(),
    }
}

fn text_node(text: String) -> Node {
    Node::Text(Text {
        text,
        position: Default::default(),
    })
}

/// 0 to 3 attributes with distinct names.
fn attributes(name: BoxedStrategy<Name>) -> BoxedStrategy<Vec<Attribute>> {
    vec((name, text()), 0..=3)
        .prop_map(|pairs| {
            let mut attributes: Vec<Attribute> = Vec::new();
            for (name, value) in pairs {
                if !attributes.iter().any(|a| a.name == name) {
                    attributes.push(attribute(name, value));
                }
            }
            attributes
        })
        .boxed()
}

/// An element tree up to three levels deep. An element without child elements has
/// at most one text node, which may be whitespace only; next to child elements, text
/// nodes are solid and never adjacent.
pub fn element() -> BoxedStrategy<Element> {
    let leaf = (
        any_name(),
        attributes(any_name()),
        proptest::option::of(text().prop_filter("empty text", |s| !s.is_empty())),
    )
        .prop_map(|(name, attributes, text)| Element {
            name,
            attributes,
            children: text.map(text_node).into_iter().collect(),
            position: Default::default(),
        });
    // proptest calls the closure below again for every value drawn, so the strategies
    // it uses are built here, once (rebuilding them took about 40% of the time).
    let name = any_name();
    let attributes = attributes(any_name());
    let text = proptest::option::of(solid_text());
    leaf.prop_recursive(3, 10, 3, move |inner| {
        (
            name.clone(),
            attributes.clone(),
            text.clone(),
            vec((inner, text.clone()), 1..=3),
        )
            .prop_map(|(name, attributes, lead, items)| {
                let mut children: Vec<Node> = lead.map(text_node).into_iter().collect();
                for (child, after) in items {
                    children.push(Node::Element(child));
                    children.extend(after.map(text_node));
                }
                Element {
                    name,
                    attributes,
                    children,
                    position: Default::default(),
                }
            })
    })
    .boxed()
}

/// An element named by `name`, with any attributes and content.
pub fn element_named(name: BoxedStrategy<Name>) -> BoxedStrategy<Element> {
    (name, element())
        .prop_map(|(name, mut element)| {
            element.name = name;
            element
        })
        .boxed()
}

/// A whole element in any namespace with any name (a `<metadata>` item).
pub fn raw_element() -> BoxedStrategy<RawElement> {
    element().prop_map(RawElement::new).boxed()
}

/// A whole element whose name no model field claims (an unknown device).
pub fn unknown_raw_element() -> BoxedStrategy<RawElement> {
    element_named(unknown_name())
        .prop_map(RawElement::new)
        .boxed()
}

/// What an [`Extra`] may hold where it is generated.
#[derive(Clone, Copy)]
enum Nodes {
    /// Elements and text (a struct with neither `$text` nor `$value`).
    All,
    /// Elements only (a struct with `$text`).
    Elements,
    /// At most one text node (a struct with a `$value` list).
    Text,
}

fn make_extra(attributes: Vec<Attribute>, nodes: Vec<Node>) -> Extra {
    let mut extra = Extra::default();
    extra.attributes = attributes;
    extra.nodes = nodes;
    extra
}

fn extra_of(nodes: Nodes) -> BoxedStrategy<Extra> {
    let element = element_named(unknown_name()).prop_map(Node::Element);
    let nodes: BoxedStrategy<Vec<Node>> = match nodes {
        Nodes::All => (
            proptest::option::of(solid_text()),
            vec((element, proptest::option::of(solid_text())), 0..=2),
        )
            .prop_map(|(lead, items)| {
                let mut nodes: Vec<Node> = lead.map(text_node).into_iter().collect();
                for (child, after) in items {
                    nodes.push(child);
                    nodes.extend(after.map(text_node));
                }
                nodes
            })
            .boxed(),
        Nodes::Elements => vec(element, 0..=2).boxed(),
        Nodes::Text => proptest::option::of(solid_text())
            .prop_map(|t| t.map(text_node).into_iter().collect())
            .boxed(),
    };
    let filled = (attributes(unknown_attribute_name()), nodes)
        .prop_map(|(attributes, nodes)| make_extra(attributes, nodes));
    // Mostly empty, as in real documents (and generating unknown content is what
    // costs most time here); a domain has a few hundred `Extra`s, so every kind of
    // content still turns up in every few domains.
    prop_oneof![15 => Just(Extra::default()), 1 => filled].boxed()
}

/// Unknown attributes, elements and text of a struct without `$text` or `$value`.
pub fn extra() -> BoxedStrategy<Extra> {
    extra_of(Nodes::All)
}

/// Unknown content of a struct with a `$text` field: attributes and elements (the
/// field takes every text node).
pub fn extra_beside_text() -> BoxedStrategy<Extra> {
    extra_of(Nodes::Elements)
}

/// Unknown content of a struct with a `$value` list: attributes and text (the list
/// takes every child element).
pub fn extra_beside_values() -> BoxedStrategy<Extra> {
    extra_of(Nodes::Text)
}

/// Whether `extra` writes child elements.
pub fn has_elements(extra: &Extra) -> bool {
    extra.nodes.iter().any(|n| matches!(n, Node::Element(_)))
}

/// Whether `text`, written as the `$text` of an `Option<String>` field, reads back as
/// `Some(text)`: empty text writes nothing (`None`), and whitespace-only text next to
/// child elements is layout.
pub fn optional_text_survives(text: &Option<String>, beside_elements: bool) -> bool {
    match text {
        None => true,
        Some(t) => !t.is_empty() && text_survives(t, beside_elements),
    }
}

/// Whether `text`, written as the `$text` of a `String` field, reads back the same
/// (empty text is the default).
pub fn text_survives(text: &str, beside_elements: bool) -> bool {
    !beside_elements || !super::values::is_layout(text)
}
