//! The tree the reader builds and the deserializer walks: the same shape as the public
//! [`Element`], but names and values borrow from the input text, and a value a
//! reference or white-space normalisation changed, the namespace URIs and every list
//! live in one arena (`bumpalo::Bump`) per parse: building the tree allocates a few
//! arena chunks, not a `Vec` per element, and dropping it frees them at once. Nodes
//! note byte offsets ([`Loc`]); line:column is worked out only when asked for. Only
//! content the model does not know becomes an owned [`Element`] (for
//! [`Extra`](crate::xml::Extra) and [`RawElement`](crate::xml::RawElement)), so a parse
//! allocates one string per value the model keeps instead of one per name and value
//! in the document.

use std::borrow::Cow;

use bumpalo::Bump;

use crate::xml::lines::{Lines, Loc};
use crate::xml::path::PathTree;
use crate::xml::tree::{Attribute, Element, Name, Node, Text};

/// An element or attribute name, borrowed: see [`Name`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct BName<'a> {
    /// Namespace URI, `None` for no namespace.
    pub(crate) namespace: Option<&'a str>,
    /// Prefix as written.
    pub(crate) prefix: Option<&'a str>,
    /// Local name.
    pub(crate) local: &'a str,
}

impl<'a> BName<'a> {
    /// A name in no namespace.
    pub(crate) fn local(local: &'a str) -> Self {
        BName {
            namespace: None,
            prefix: None,
            local,
        }
    }

    /// See [`Name::matches_key`].
    pub(crate) fn matches_key(&self, key: &str) -> bool {
        match self.namespace {
            None => key == self.local,
            Some(ns) => key
                .strip_prefix('{')
                .and_then(|k| k.strip_prefix(ns))
                .and_then(|k| k.strip_prefix('}'))
                .is_some_and(|k| k == self.local),
        }
    }

    /// The name as written: `prefix:local` or `local`.
    pub(crate) fn qualified(&self) -> Cow<'a, str> {
        match self.prefix {
            Some(p) => Cow::Owned(format!("{p}:{}", self.local)),
            None => Cow::Borrowed(self.local),
        }
    }

    fn to_owned_name(self) -> Name {
        Name {
            namespace: self.namespace.map(str::to_owned),
            prefix: self.prefix.map(str::to_owned),
            local: self.local.to_owned(),
        }
    }

    fn borrow(name: &'a Name) -> Self {
        BName {
            namespace: name.namespace.as_deref(),
            prefix: name.prefix.as_deref(),
            local: &name.local,
        }
    }
}

/// An attribute, borrowed: see [`Attribute`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct BAttribute<'a> {
    pub(crate) name: BName<'a>,
    pub(crate) value: &'a str,
    pub(crate) at: Loc,
}

impl BAttribute<'_> {
    /// The owned attribute, for unknown content kept in the model.
    pub(crate) fn owned(self, lines: &Lines<'_>) -> Attribute {
        Attribute {
            name: self.name.to_owned_name(),
            value: self.value.to_owned(),
            position: lines.position(self.at),
        }
    }
}

/// Character data, borrowed: see [`Text`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct BText<'a> {
    pub(crate) text: &'a str,
    pub(crate) at: Loc,
}

/// A child of an element, borrowed: see [`Node`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum BNode<'a> {
    Element(BElement<'a>),
    Text(BText<'a>),
}

impl BNode<'_> {
    /// The owned node, for unknown content kept in the model.
    pub(crate) fn owned(self, lines: &Lines<'_>) -> Node {
        match self {
            BNode::Element(e) => Node::Element(e.owned(lines)),
            BNode::Text(t) => Node::Text(Text {
                text: t.text.to_owned(),
                position: lines.position(t.at),
            }),
        }
    }
}

/// An element, borrowed: see [`Element`]. Its lists live in the arena the reader
/// allocated them in (one `Bump` per parse, freed at once).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BElement<'a> {
    pub(crate) name: BName<'a>,
    pub(crate) attributes: &'a [BAttribute<'a>],
    pub(crate) children: &'a [BNode<'a>],
    pub(crate) at: Loc,
}

impl<'a> BElement<'a> {
    /// A view of an owned element (for `xml::from_element`), its lists in `arena`.
    pub(crate) fn borrow(element: &'a Element, arena: &'a Bump) -> Self {
        BElement {
            name: BName::borrow(&element.name),
            attributes: arena.alloc_slice_fill_iter(element.attributes.iter().map(|a| {
                BAttribute {
                    name: BName::borrow(&a.name),
                    value: &a.value,
                    at: Loc::At(a.position),
                }
            })),
            children: arena.alloc_slice_fill_iter(element.children.iter().map(|n| match n {
                Node::Element(e) => BNode::Element(BElement::borrow(e, arena)),
                Node::Text(t) => BNode::Text(BText {
                    text: &t.text,
                    at: Loc::At(t.position),
                }),
            })),
            at: Loc::At(element.position),
        }
    }

    /// The owned element, for unknown content kept in the model.
    pub(crate) fn owned(self, lines: &Lines<'_>) -> Element {
        crate::xml::with_stack(|| {
            // Positions in document order: `lines` counts on from the last one.
            let position = lines.position(self.at);
            Element {
                name: self.name.to_owned_name(),
                attributes: self.attributes.iter().map(|a| a.owned(lines)).collect(),
                children: self.children.iter().map(|n| n.owned(lines)).collect(),
                position,
            }
        })
    }

    /// Child elements, in order.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &'a BElement<'a>> {
        self.children.iter().filter_map(|n| match n {
            BNode::Element(e) => Some(e),
            BNode::Text(_) => None,
        })
    }

    /// The concatenated text children, borrowed when there is one.
    pub(crate) fn text(&self) -> Cow<'a, str> {
        let mut texts = self.children.iter().filter_map(|n| match n {
            BNode::Text(t) => Some(t.text),
            BNode::Element(_) => None,
        });
        let Some(first) = texts.next() else {
            return Cow::Borrowed("");
        };
        match texts.next() {
            None => Cow::Borrowed(first),
            Some(second) => {
                let mut s = String::from(first);
                s.push_str(second);
                texts.for_each(|t| s.push_str(t));
                Cow::Owned(s)
            }
        }
    }
}

impl PathTree for BElement<'_> {
    type At = Loc;

    fn qualified(&self) -> Cow<'_, str> {
        self.name.qualified()
    }

    fn at(&self) -> Loc {
        self.at
    }

    fn attribute_at(&self, qualified: &str) -> Option<Loc> {
        self.attributes
            .iter()
            .find(|a| a.name.qualified() == qualified)
            .map(|a| a.at)
    }

    fn child(&self, qualified: &str, index: usize) -> Option<&Self> {
        self.elements()
            .filter(|e| e.name.qualified() == qualified)
            .nth(index)
    }
}
