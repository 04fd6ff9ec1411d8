//! The tree the reader builds and the deserializer walks: the same shape as the public
//! [`Element`], but names and values borrow from the input text (`Cow`, owned only
//! where a reference or white-space normalisation changed a value). Only content the
//! model does not know becomes an owned [`Element`] (for [`Extra`](crate::xml::Extra)
//! and [`RawElement`](crate::xml::RawElement)), so a parse allocates one string per
//! value the model keeps instead of one per name and value in the document.

use std::borrow::Cow;

use crate::xml::error::Position;
use crate::xml::tree::{Attribute, Element, Name, Node, Text};

/// An element or attribute name, borrowed: see [`Name`].
#[derive(Debug, Clone)]
pub(crate) struct BName<'a> {
    /// Namespace URI, `None` for no namespace.
    pub(crate) namespace: Option<Cow<'a, str>>,
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
        match &self.namespace {
            None => key == self.local,
            Some(ns) => key
                .strip_prefix('{')
                .and_then(|k| k.strip_prefix(ns.as_ref()))
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

    fn to_owned_name(&self) -> Name {
        Name {
            namespace: self.namespace.as_deref().map(str::to_owned),
            prefix: self.prefix.map(str::to_owned),
            local: self.local.to_owned(),
        }
    }

    fn borrow(name: &'a Name) -> Self {
        BName {
            namespace: name.namespace.as_deref().map(Cow::Borrowed),
            prefix: name.prefix.as_deref(),
            local: &name.local,
        }
    }
}

/// An attribute, borrowed: see [`Attribute`].
#[derive(Debug, Clone)]
pub(crate) struct BAttribute<'a> {
    pub(crate) name: BName<'a>,
    pub(crate) value: Cow<'a, str>,
    pub(crate) position: Position,
}

impl BAttribute<'_> {
    /// The owned attribute, for unknown content kept in the model.
    pub(crate) fn to_owned_attribute(&self) -> Attribute {
        Attribute {
            name: self.name.to_owned_name(),
            value: self.value.as_ref().to_owned(),
            position: self.position,
        }
    }
}

/// Character data, borrowed: see [`Text`].
#[derive(Debug, Clone)]
pub(crate) struct BText<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) position: Position,
}

/// A child of an element, borrowed: see [`Node`].
#[derive(Debug, Clone)]
pub(crate) enum BNode<'a> {
    Element(BElement<'a>),
    Text(BText<'a>),
}

impl BNode<'_> {
    /// The owned node, for unknown content kept in the model.
    pub(crate) fn to_owned_node(&self) -> Node {
        match self {
            BNode::Element(e) => Node::Element(e.to_owned_element()),
            BNode::Text(t) => Node::Text(Text {
                text: t.text.as_ref().to_owned(),
                position: t.position,
            }),
        }
    }
}

/// An element, borrowed: see [`Element`].
#[derive(Debug, Clone)]
pub(crate) struct BElement<'a> {
    pub(crate) name: BName<'a>,
    pub(crate) attributes: Vec<BAttribute<'a>>,
    pub(crate) children: Vec<BNode<'a>>,
    pub(crate) position: Position,
}

impl<'a> BElement<'a> {
    /// A view of an owned element (for `xml::from_element`).
    pub(crate) fn borrow(element: &'a Element) -> Self {
        BElement {
            name: BName::borrow(&element.name),
            attributes: element
                .attributes
                .iter()
                .map(|a| BAttribute {
                    name: BName::borrow(&a.name),
                    value: Cow::Borrowed(&a.value),
                    position: a.position,
                })
                .collect(),
            children: element
                .children
                .iter()
                .map(|n| match n {
                    Node::Element(e) => BNode::Element(BElement::borrow(e)),
                    Node::Text(t) => BNode::Text(BText {
                        text: Cow::Borrowed(&t.text),
                        position: t.position,
                    }),
                })
                .collect(),
            position: element.position,
        }
    }

    /// The owned element, for unknown content kept in the model.
    pub(crate) fn to_owned_element(&self) -> Element {
        crate::xml::with_stack(|| Element {
            name: self.name.to_owned_name(),
            attributes: self
                .attributes
                .iter()
                .map(BAttribute::to_owned_attribute)
                .collect(),
            children: self.children.iter().map(BNode::to_owned_node).collect(),
            position: self.position,
        })
    }

    /// Child elements, in order.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &BElement<'a>> {
        self.children.iter().filter_map(|n| match n {
            BNode::Element(e) => Some(e),
            BNode::Text(_) => None,
        })
    }

    /// The concatenated text children, borrowed when there is one.
    pub(crate) fn text<'s>(&'s self) -> Cow<'s, str> {
        let mut texts = self.children.iter().filter_map(|n| match n {
            BNode::Text(t) => Some(t.text.as_ref()),
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

    /// See [`Element::locate`].
    pub(crate) fn locate(&self, path: &str) -> Option<Position> {
        let mut segments = path.strip_prefix('/')?.split('/');
        if segments.next()? != self.name.qualified() {
            return None;
        }
        let mut here = self;
        for segment in segments {
            if let Some(attr) = segment.strip_prefix('@') {
                return here
                    .attributes
                    .iter()
                    .find(|a| a.name.qualified() == attr)
                    .map(|a| a.position);
            }
            let (name, index) = match segment.split_once('[') {
                Some((name, rest)) => (name, rest.strip_suffix(']')?.parse::<usize>().ok()?),
                None => (segment, 1),
            };
            here = here
                .elements()
                .filter(|e| e.name.qualified() == name)
                .nth(index.checked_sub(1)?)?;
        }
        Some(here.position)
    }
}
