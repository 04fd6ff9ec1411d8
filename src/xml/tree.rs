//! A small namespace-resolved element tree with positions (read by `read.rs`).
//!
//! The same [`Element`] type carries content the model does not know (see
//! [`Extra`](crate::xml::Extra)), so unknown XML is kept with its namespace URIs and
//! the place it was read from.

use std::borrow::Cow;

use crate::xml::error::Position;
use crate::xml::path::PathTree;

/// The URI of the reserved `xml:` prefix.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Deepest element nesting accepted; deeper input is refused instead of exhausting the stack.
pub const MAX_DEPTH: usize = 256;

/// An element or attribute name: namespace URI, local name, and the prefix it was written with.
///
/// Two names are equal when their namespace URI and local name are; the prefix is only
/// a spelling.
#[derive(Debug, Clone, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Name {
    /// Namespace URI, `None` for no namespace.
    pub namespace: Option<String>,
    /// Prefix as written in the input, used again when writing.
    pub prefix: Option<String>,
    /// Local name.
    pub local: String,
}

impl Name {
    /// A name in no namespace.
    pub fn local(local: impl Into<String>) -> Self {
        Name {
            namespace: None,
            prefix: None,
            local: local.into(),
        }
    }

    /// Whether this name matches a model key: `local` for no namespace, or
    /// `{uri}local` (Clark notation) for a namespaced name.
    pub fn matches_key(&self, key: &str) -> bool {
        match &self.namespace {
            None => key == self.local,
            Some(ns) => key
                .strip_prefix('{')
                .and_then(|k| k.strip_prefix(ns.as_str()))
                .and_then(|k| k.strip_prefix('}'))
                .is_some_and(|k| k == self.local),
        }
    }

    /// The name as written: `prefix:local` or `local`.
    pub fn qualified(&self) -> Cow<'_, str> {
        match &self.prefix {
            Some(p) => Cow::Owned(format!("{p}:{}", self.local)),
            None => Cow::Borrowed(&self.local),
        }
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        self.namespace == other.namespace && self.local == other.local
    }
}

/// An attribute with its value after entity expansion and XML normalisation.
#[derive(Debug, Clone, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attribute {
    /// The attribute's name.
    pub name: Name,
    /// The value, unescaped.
    pub value: String,
    /// Where the attribute was read from (zero when built in code).
    #[serde(skip)]
    pub position: Position,
}

impl PartialEq for Attribute {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.value == other.value
    }
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Node {
    /// A child element.
    Element(Element),
    /// Character data (text and CDATA, unescaped).
    Text(Text),
}

/// Character data with its position.
#[derive(Debug, Clone, Eq, serde::Serialize, serde::Deserialize)]
pub struct Text {
    /// The text, unescaped.
    pub text: String,
    /// Where it was read from (zero when built in code).
    #[serde(skip)]
    pub position: Position,
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// An XML element: name, attributes, children, and where it started.
///
/// Whitespace-only text between child elements is layout and is not kept; whitespace
/// in an element without child elements is content and is kept exactly.
#[derive(Debug, Clone, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Element {
    /// The element's name.
    pub name: Name,
    /// Attributes in document order (namespace declarations excluded).
    pub attributes: Vec<Attribute>,
    /// Child elements and text in document order.
    #[serde(serialize_with = "children_ser", deserialize_with = "children_de")]
    pub children: Vec<Node>,
    /// Where the start tag begins (zero when built in code).
    #[serde(skip)]
    pub position: Position,
}

/// Any serde format walks an element tree one nested call per level: each level checks
/// the stack (see `with_stack`), so a tree as deep as the reader accepts is written and
/// read on a small thread stack whatever the format (JSON goes through here).
fn children_ser<S: serde::Serializer>(children: &[Node], s: S) -> Result<S::Ok, S::Error> {
    crate::xml::with_stack(|| serde::Serialize::serialize(children, s))
}

fn children_de<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Node>, D::Error> {
    crate::xml::with_stack(|| serde::Deserialize::deserialize(d))
}

impl PartialEq for Element {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.attributes == other.attributes
            && self.children == other.children
    }
}

impl Element {
    /// The position of the node `path` names below and including this element:
    /// `/root/child[2]/leaf/@attr` (an element without an index is the first of
    /// its name; names are qualified as written). `None` when there is no such node.
    pub fn locate(&self, path: &str) -> Option<Position> {
        crate::xml::path::locate(self, path)
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Whether the element has any child element.
    pub fn has_elements(&self) -> bool {
        self.children.iter().any(|n| matches!(n, Node::Element(_)))
    }

    /// The concatenated text children.
    pub fn text(&self) -> Cow<'_, str> {
        let mut texts = self.children.iter().filter_map(|n| match n {
            Node::Text(t) => Some(t.text.as_str()),
            Node::Element(_) => None,
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

impl PathTree for Element {
    type At = Position;

    fn qualified(&self) -> Cow<'_, str> {
        self.name.qualified()
    }

    fn at(&self) -> Position {
        self.position
    }

    fn attribute_at(&self, qualified: &str) -> Option<Position> {
        self.attributes
            .iter()
            .find(|a| a.name.qualified() == qualified)
            .map(|a| a.position)
    }

    fn child(&self, qualified: &str, index: usize) -> Option<&Element> {
        self.elements()
            .filter(|e| e.name.qualified() == qualified)
            .nth(index)
    }
}

/// The first character of `s` that XML 1.0 forbids: C0 controls other than tab, LF
/// and CR, and U+FFFE/U+FFFF (a Rust string holds no surrogates). Scans bytes.
pub(crate) fn first_non_xml_char(s: &str) -> Option<char> {
    first_non_xml_char_at(s).map(|(_, c)| c)
}

/// [`first_non_xml_char`] and its byte offset. Eight bytes at a time, branch-free:
/// each byte of a word is flagged exactly when it is a control character other than
/// tab, LF and CR, or 0xEF (which starts U+F000 to U+FFFF); only a flagged byte's
/// character is decoded.
pub(crate) fn first_non_xml_char_at(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for (w, word) in words.enumerate() {
        let mut flags = suspicious_bytes(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        while flags != 0 {
            let j = w * 8 + (flags.trailing_zeros() / 8) as usize;
            if let Some(found) = not_xml_at(s, j) {
                return Some(found);
            }
            flags &= flags - 1;
        }
    }
    let start = bytes.len() - tail.len();
    tail.iter()
        .enumerate()
        .filter(|(_, &b)| suspicious(b))
        .find_map(|(i, _)| not_xml_at(s, start + i))
}

/// The character at byte `j` of `s` (a control character or a lead byte, so a
/// character boundary) with `j`, if XML does not allow it.
fn not_xml_at(s: &str, j: usize) -> Option<(usize, char)> {
    let c = s.get(j..)?.chars().next()?;
    (!is_xml_char(c)).then_some((j, c))
}

/// The high bit of each byte of `w` that [`suspicious`] flags, computed per byte
/// without carries between bytes.
fn suspicious_bytes(w: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const LOW7: u64 = ONES * 0x7F;
    const HIGHS: u64 = ONES * 0x80;
    // High bit set where the byte is below 0x20.
    let below_space = !(((w & LOW7) + ONES * 0x60) | w) & HIGHS;
    // High bit set where the byte equals `b`.
    let equals = |b: u8| {
        let x = w ^ (ONES * u64::from(b));
        !(((x & LOW7) + LOW7) | x) & HIGHS
    };
    (below_space & !(equals(b'\t') | equals(b'\n') | equals(b'\r'))) | equals(0xEF)
}

/// A control character XML refuses, or 0xEF (the lead byte of U+FFFE and U+FFFF, and
/// of characters XML allows): where [`first_non_xml_char`] must look closer.
fn suspicious(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0xEF)
}

/// Whether `s` is empty or only XML white space.
pub(crate) fn is_blank(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Whether `c` may appear in an XML 1.0 document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// XML's whitespace characters (space, tab, CR, LF).
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_character_xml_refuses_is_found_wherever_it_is() {
        assert_eq!(first_non_xml_char("plain text\twith\r\nlayout"), None);
        assert_eq!(first_non_xml_char("\u{FFFD}\u{E000}\u{EFFF}"), None);
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 100] {
            let base = "a\n".repeat(len);
            for (bad, at) in [('\u{1}', len), ('\u{FFFE}', len / 2), ('\u{FFFF}', 0)] {
                let mut s = base.clone();
                s.insert(at, bad);
                assert_eq!(first_non_xml_char(&s), Some(bad), "{len} {at}");
            }
            // A later bad character after an allowed one starting with 0xEF.
            let s = format!("{base}\u{F000}{base}\u{B}");
            assert_eq!(first_non_xml_char(&s), Some('\u{B}'), "{len}");
            assert_eq!(
                first_non_xml_char_at(&s).map(|(i, _)| i),
                Some(s.len() - 1),
                "{len}"
            );
        }
        assert!(is_blank(" \t\r\n") && is_blank("") && !is_blank(" x "));
        // The word test flags exactly the bytes the byte test does, for every byte
        // in every position beside every other.
        for b in 0..=255u8 {
            for other in [0u8, b'\t', b'\n', 0x1F, 0x20, 0x7F, 0x80, 0xEF, 0xFF] {
                for at in 0..8 {
                    let mut word = [other; 8];
                    word[at] = b;
                    let flags = suspicious_bytes(u64::from_le_bytes(word));
                    for (i, &x) in word.iter().enumerate() {
                        assert_eq!(flags >> (i * 8 + 7) & 1 == 1, suspicious(x), "{word:?}");
                    }
                }
            }
        }
    }
}
