//! Reading: quick-xml's reader turns text into the borrowed tree (`BElement`), checking
//! what XML 1.0 and Namespaces in XML 1.0 ask of names, characters, references and
//! prefixes, and noting each node's byte offset. `Element::parse` is the owned form of
//! the same.
//!
//! The reader is quick-xml's plain `Reader`: namespace declarations are read in the
//! same pass over a start tag's attributes that builds its attribute list (quick-xml's
//! `NsReader` reads every start tag's attributes twice), and names are checked for
//! repeats without the `Vec` quick-xml's check allocates per start tag.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::Hash;

use bumpalo::Bump;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::PrefixDeclaration;
use quick_xml::Reader;

use crate::xml::borrowed::{BAttribute, BElement, BName, BNode, BText};
use crate::xml::error::{Error, Position, Result};
use crate::xml::lines::{Lines, Loc};
use crate::xml::names::qname_colon;
use crate::xml::tree::{
    first_non_xml_char, first_non_xml_char_at, is_blank, Element, MAX_DEPTH, XML_NS,
};

/// The URI namespace declarations themselves are in; no prefix may be bound to it.
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// Most namespace declarations in scope at once (quick-xml's default limit): it bounds
/// the cost of resolving a prefix, which searches the declarations in scope.
const MAX_BINDINGS: usize = 128;

/// Attributes a start tag may have before repeats are found by hashing instead of
/// comparing each name with every earlier one.
const FEW_ATTRIBUTES: usize = 16;

impl Element {
    /// Parse a whole document and return its root element.
    pub fn parse(text: &str) -> Result<Element> {
        let arena = Bump::new();
        let root = parse_borrowed(text, &arena)?;
        Ok(root.owned(&Lines::new(text)))
    }
}

/// Parse a whole document into a tree that borrows from `text` and keeps its lists,
/// and the values it had to rewrite, in `arena`.
pub(crate) fn parse_borrowed<'a>(text: &'a str, arena: &'a Bump) -> Result<BElement<'a>> {
    TreeBuilder::new(text, arena).run()
}

/// The namespace declarations in scope, innermost last: `(prefix, URI)`, the prefix
/// `""` for the default namespace; an empty URI undeclares.
#[derive(Default)]
struct Scopes<'a> {
    bindings: Vec<(&'a str, &'a str)>,
    /// Where each open element's declarations start in `bindings`.
    starts: Vec<usize>,
}

impl<'a> Scopes<'a> {
    fn open(&mut self) {
        self.starts.push(self.bindings.len());
    }

    fn close(&mut self) {
        if let Some(start) = self.starts.pop() {
            self.bindings.truncate(start);
        }
    }

    /// Declare `prefix` (`""`: the default namespace) as `uri`, or say what is wrong.
    fn declare(&mut self, prefix: &'a str, uri: &'a str) -> std::result::Result<(), String> {
        match prefix {
            "xml" if uri == XML_NS => return Ok(()),
            "xml" => {
                return Err(format!(
                    "the namespace prefix 'xml' cannot be bound to '{uri}'"
                ))
            }
            "xmlns" => {
                return Err(format!(
                    "the namespace prefix 'xmlns' cannot be bound to '{uri}'"
                ))
            }
            "" => {}
            _ if uri == XML_NS || uri == XMLNS_NS => {
                return Err(format!(
                    "the namespace prefix '{prefix}' cannot be bound to '{uri}'"
                ))
            }
            _ => {}
        }
        if self.bindings.len() >= MAX_BINDINGS {
            return Err(format!(
                "more than {MAX_BINDINGS} namespace declarations in scope"
            ));
        }
        self.bindings.push((prefix, uri));
        Ok(())
    }

    /// The namespace of a name written with `prefix` (`""`: none): `Some(None)` for no
    /// namespace, `None` when the prefix is not declared.
    fn resolve(&self, prefix: &str) -> Option<Option<&'a str>> {
        if prefix == "xml" {
            return Some(Some(XML_NS));
        }
        match self.bindings.iter().rev().find(|(p, _)| *p == prefix) {
            Some((_, "")) | None if prefix.is_empty() => Some(None),
            Some((_, "")) | None => None,
            Some((_, uri)) => Some(Some(uri)),
        }
    }
}

/// An attribute of the start tag being read, before its name is resolved.
#[derive(Clone, Copy)]
struct RawAttr<'a> {
    key: &'a str,
    value: &'a str,
    /// Byte offset of the name.
    offset: usize,
    /// Where the name's colon is, if it has a prefix.
    colon: Option<usize>,
    /// A namespace declaration (`xmlns`, `xmlns:p`), not an attribute.
    declaration: bool,
}

/// The index of the first of `keys` equal to an earlier one: comparing each with the
/// earlier ones for a few, hashing beyond (so a tag with many attributes stays linear).
fn first_repeat<K: Eq + Hash + Copy>(keys: &[K]) -> Option<usize> {
    if keys.len() <= FEW_ATTRIBUTES {
        return (1..keys.len()).find(|&i| keys[..i].contains(&keys[i]));
    }
    let mut seen = HashSet::with_capacity(keys.len());
    keys.iter().position(|k| !seen.insert(*k))
}

/// The error for a character XML 1.0 does not allow.
fn not_allowed(c: char) -> String {
    format!("character U+{:04X} is not allowed in XML 1.0", u32::from(c))
}

/// The text read since the last tag: its pieces (text, CDATA sections, references)
/// joined, and the offset of the first.
struct Run<'a> {
    text: Cow<'a, str>,
    offset: usize,
}

/// An element whose end tag has not been read yet.
struct Open<'a> {
    element: BElement<'a>,
    /// Where its children start in `TreeBuilder::children`.
    first_child: usize,
    has_elements: bool,
}

struct TreeBuilder<'a> {
    text: &'a str,
    arena: &'a Bump,
    reader: Reader<&'a [u8]>,
    lines: Lines<'a>,
    scopes: Scopes<'a>,
    open: Vec<Open<'a>>,
    /// The children read so far of every open element, one after the other; each
    /// element's are copied into the arena at its end tag.
    children: Vec<BNode<'a>>,
    run: Option<Run<'a>>,
    /// Scratch lists for one start tag, kept to reuse their memory.
    raw: Vec<RawAttr<'a>>,
    attributes: Vec<BAttribute<'a>>,
    keys: Vec<&'a str>,
    resolved: Vec<(&'a str, &'a str)>,
}

impl<'a> TreeBuilder<'a> {
    fn new(text: &'a str, arena: &'a Bump) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        TreeBuilder {
            text,
            arena,
            reader,
            lines: Lines::new(text),
            scopes: Scopes::default(),
            open: Vec::new(),
            children: Vec::new(),
            run: None,
            raw: Vec::new(),
            attributes: Vec::new(),
            keys: Vec::new(),
            resolved: Vec::new(),
        }
    }

    fn syntax(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::Syntax {
            position: self.lines.at(offset),
            message: message.into(),
        }
    }

    /// An attribute value (raw, borrowed from the text) must be followed by white space
    /// or the end of the tag: `a='1'b='2'` is not well-formed.
    fn check_separated(&self, raw_value: &str) -> Result<()> {
        let Some(start) = (raw_value.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)
        else {
            return Ok(()); // Not borrowed from the text: nothing to look at.
        };
        let quote = start + raw_value.len();
        if quote >= self.text.len() {
            return Ok(());
        }
        let next = self.text.as_bytes().get(quote + 1).copied();
        if matches!(next, Some(b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>')) {
            return Ok(());
        }
        Err(self.syntax(quote + 1, "attributes must be separated by white space"))
    }

    /// Check what a reference put into a value or text.
    fn check_chars(&self, s: &str, offset: usize) -> Result<()> {
        if let Some(c) = first_non_xml_char(s) {
            return Err(self.syntax(offset, not_allowed(c)));
        }
        Ok(())
    }

    fn run(mut self) -> Result<BElement<'a>> {
        // Every character of the document, markup included, must be one XML allows;
        // checked once over the whole text here, and again only where a reference
        // adds a character.
        if let Some((at, c)) = first_non_xml_char_at(self.text) {
            return Err(self.syntax(at, not_allowed(c)));
        }
        let mut root: Option<BElement<'a>> = None;
        loop {
            let start = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = usize::try_from(self.reader.error_position()).unwrap_or(0);
                    return Err(self.syntax(at, e.to_string()));
                }
            };
            let empty = matches!(event, Event::Empty(_));
            match event {
                Event::Start(s) | Event::Empty(s) => {
                    if root.is_some() {
                        return Err(self.syntax(start, "content after the root element"));
                    }
                    if self.open.len() >= MAX_DEPTH {
                        return Err(
                            self.syntax(start, format!("elements nested deeper than {MAX_DEPTH}"))
                        );
                    }
                    self.end_run(true);
                    let element = self.start(&s, start)?;
                    if let Some(parent) = self.open.last_mut() {
                        parent.has_elements = true;
                    }
                    if empty {
                        self.scopes.close();
                        match self.open.last() {
                            Some(_) => self.children.push(BNode::Element(element)),
                            None => root = Some(element),
                        }
                    } else {
                        self.open.push(Open {
                            element,
                            first_child: self.children.len(),
                            has_elements: false,
                        });
                    }
                }
                Event::End(_) => {
                    self.end_run(false);
                    let Some(open) = self.open.pop() else {
                        return Err(self.syntax(start, "unexpected end tag"));
                    };
                    self.scopes.close();
                    let mut element = open.element;
                    element.children = self
                        .arena
                        .alloc_slice_copy(&self.children[open.first_child..]);
                    self.children.truncate(open.first_child);
                    match self.open.last() {
                        Some(_) => self.children.push(BNode::Element(element)),
                        None => root = Some(element),
                    }
                }
                Event::Text(t) => self.text_piece(t.xml10_content(), start, root.is_some())?,
                Event::CData(t) => self.text_piece(t.xml10_content(), start, root.is_some())?,
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Cow::Owned(c.to_string()),
                        Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                            Some(s) => Cow::Borrowed(s),
                            None => {
                                let name = r.to_string();
                                return Err(self.syntax(start, format!("unknown entity &{name};")));
                            }
                        },
                        Err(e) => return Err(self.syntax(start, e.to_string())),
                    };
                    self.check_chars(&resolved, start)?;
                    self.text_piece(resolved, start, root.is_some())?;
                }
                Event::DocType(_) => {
                    return Err(self.syntax(start, "a DOCTYPE is not accepted in domain XML"));
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
                Event::Eof => break,
            }
        }
        if let Some(open) = self.open.last() {
            let name = open.element.name.qualified().into_owned();
            return Err(self.syntax(
                self.text.len(),
                format!("unexpected end of input inside <{name}>"),
            ));
        }
        root.ok_or_else(|| Error::Syntax {
            position: Position { line: 1, column: 1 },
            message: "no root element".into(),
        })
    }

    /// Add a piece of text read at `offset` to the current run. Outside the root
    /// element only white space is allowed, and it is dropped.
    fn text_piece(&mut self, piece: Cow<'a, str>, offset: usize, after_root: bool) -> Result<()> {
        if self.open.is_empty() {
            if is_blank(&piece) {
                return Ok(());
            }
            let what = if after_root { "after" } else { "before" };
            return Err(self.syntax(offset, format!("text {what} the root element")));
        }
        if piece.is_empty() {
            // `<![CDATA[]]>` adds nothing: `<a><![CDATA[]]></a>` is `<a/>`.
            return Ok(());
        }
        match &mut self.run {
            Some(run) => run.text.to_mut().push_str(&piece),
            None => {
                self.run = Some(Run {
                    text: piece,
                    offset,
                })
            }
        }
        Ok(())
    }

    /// A tag ends the current run of text: it becomes a text child of the open element,
    /// unless it is only white space beside child elements (layout: before a start
    /// tag, or before the end tag of an element with children).
    fn end_run(&mut self, at_start_tag: bool) {
        let Some(run) = self.run.take() else {
            return;
        };
        let beside_elements = at_start_tag || self.open.last().is_some_and(|o| o.has_elements);
        if beside_elements && is_blank(&run.text) {
            return;
        }
        let text = match run.text {
            Cow::Borrowed(b) => b,
            Cow::Owned(o) => self.arena.alloc_str(&o),
        };
        self.children.push(BNode::Text(BText {
            text,
            at: Loc::Offset(run.offset),
        }));
    }

    /// `s`, a slice of the input, with the input's lifetime (`None` if it is not
    /// part of the input).
    fn in_text(&self, s: &str) -> Option<&'a str> {
        let start = (s.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        self.text.get(start..start.checked_add(s.len())?)
    }

    /// A value borrowed from the input where it can be, else copied to the arena.
    fn value_of(&self, v: Cow<'_, str>) -> &'a str {
        match v {
            Cow::Borrowed(b) => match self.in_text(b) {
                Some(b) => b,
                None => self.arena.alloc_str(b),
            },
            Cow::Owned(o) => self.arena.alloc_str(&o),
        }
    }

    /// A name as a slice of the input (names are never rewritten).
    fn name_of(&self, name: &str, offset: usize) -> Result<&'a str> {
        match self.in_text(name) {
            Some(n) => Ok(n),
            None => Err(self.syntax(offset, "internal: a name that is not part of the input")),
        }
    }

    /// Read a start tag at `offset`: its name, declarations and attributes. Opens the
    /// element's namespace scope (the caller closes it at its end).
    fn start(&mut self, s: &BytesStart<'_>, offset: usize) -> Result<BElement<'a>> {
        let qname = self.name_of(s.name().as_ref(), offset)?;
        let Some(colon) = qname_colon(qname) else {
            return Err(self.syntax(offset + 1, format!("{qname:?} is not an XML element name")));
        };
        let (prefix, local) = match colon {
            Some(i) => (Some(&qname[..i]), &qname[i + 1..]),
            None => (None, qname),
        };
        if prefix == Some("xmlns") {
            // Namespaces in XML 1.0, "Reserved Prefixes": element names must not
            // have the prefix xmlns.
            return Err(self.syntax(
                offset + 1,
                "the prefix xmlns is reserved for namespace declarations, not elements",
            ));
        }
        self.scopes.open();
        self.read_attributes(s, offset)?;
        let Some(namespace) = self.scopes.resolve(prefix.unwrap_or("")) else {
            let prefix = prefix.unwrap_or("");
            return Err(self.syntax(offset, format!("unknown namespace prefix {prefix:?}")));
        };
        let name = BName {
            namespace,
            prefix,
            local,
        };
        let attributes = self.resolve_attributes(offset)?;
        Ok(BElement {
            name,
            attributes,
            children: &[],
            at: Loc::Offset(offset),
        })
    }

    /// Read the attributes of `s` into `self.raw`, declaring its namespaces.
    fn read_attributes(&mut self, s: &BytesStart<'_>, offset: usize) -> Result<()> {
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        let base = self.text.as_ptr() as usize;
        for attr in s.attributes().with_checks(false) {
            let attr = match attr {
                Ok(a) => a,
                Err(e) => return Err(self.syntax(offset, e.to_string())),
            };
            let key_offset = (attr.key.as_ref().as_ptr() as usize).saturating_sub(base);
            let key = self.name_of(attr.key.as_ref(), key_offset)?;
            let Some(colon) = qname_colon(key) else {
                return Err(
                    self.syntax(key_offset, format!("{key:?} is not an XML attribute name"))
                );
            };
            self.check_separated(&attr.value)?;
            let value = match attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v,
                Err(e) => return Err(self.syntax(key_offset, e.to_string())),
            };
            if let Cow::Owned(rewritten) = &value {
                // References may have added characters. (A namespace URI is a value
                // like any other: the same characters are refused.)
                self.check_chars(rewritten, key_offset)?;
            }
            let value = self.value_of(value);
            let declaration = match attr.key.as_namespace_binding() {
                Some(PrefixDeclaration::Default) => Some(""),
                Some(PrefixDeclaration::Named(p)) => Some(self.name_of(p, key_offset)?),
                None => None,
            };
            if let Some(prefix) = declaration {
                if let Err(message) = self.scopes.declare(prefix, value) {
                    return Err(self.syntax(key_offset, message));
                }
            }
            raw.push(RawAttr {
                key,
                value,
                offset: key_offset,
                colon,
                declaration: declaration.is_some(),
            });
        }
        self.keys.clear();
        self.keys.extend(raw.iter().map(|a| a.key));
        let repeat = first_repeat(&self.keys);
        self.raw = raw;
        if let Some(i) = repeat {
            let a = self.raw[i];
            return Err(self.syntax(a.offset, format!("duplicate attribute {}", a.key)));
        }
        Ok(())
    }

    /// The attributes read into `self.raw`, names resolved, in the arena.
    fn resolve_attributes(&mut self, offset: usize) -> Result<&'a [BAttribute<'a>]> {
        self.attributes.clear();
        self.resolved.clear();
        for i in 0..self.raw.len() {
            let a = self.raw[i];
            if a.declaration {
                continue;
            }
            let at = Loc::Offset(a.offset.max(offset));
            let Some((prefix, local)) = a.colon.map(|i| (&a.key[..i], &a.key[i + 1..])) else {
                // Unprefixed attributes are in no namespace.
                self.attributes.push(BAttribute {
                    name: BName::local(a.key),
                    value: a.value,
                    at,
                });
                continue;
            };
            let Some(Some(namespace)) = self.scopes.resolve(prefix) else {
                return Err(self.syntax(a.offset, format!("unknown namespace prefix {prefix:?}")));
            };
            self.resolved.push((namespace, local));
            self.attributes.push(BAttribute {
                name: BName {
                    namespace: Some(namespace),
                    prefix: Some(prefix),
                    local,
                },
                value: a.value,
                at,
            });
        }
        // Prefixed names are always in a namespace, so they can only repeat each other
        // (`a:x` and `b:x` with `a` and `b` bound to one URI).
        if let Some(i) = first_repeat(&self.resolved) {
            let (namespace, local) = self.resolved[i];
            let a = self
                .attributes
                .iter()
                .filter(|a| a.name.namespace == Some(namespace) && a.name.local == local)
                .nth(1)
                .copied();
            if let Some(a) = a {
                let at = match a.at {
                    Loc::Offset(o) => o,
                    Loc::At(_) => offset,
                };
                return Err(self.syntax(at, format!("duplicate attribute {}", a.name.qualified())));
            }
        }
        Ok(self.arena.alloc_slice_copy(&self.attributes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_namespaces() {
        let doc = "<domain type='kvm' xmlns:q='urn:q'>\n  <name>x</name>\n  <q:commandline q:a='1'/>\n</domain>";
        let root = Element::parse(doc).unwrap();
        assert_eq!(root.name.local, "domain");
        assert_eq!(root.attributes.len(), 1);
        assert_eq!(root.attributes[0].position, Position { line: 1, column: 9 });
        let kids: Vec<_> = root.elements().collect();
        assert_eq!(kids.len(), 2);
        assert_eq!(kids[0].position, Position { line: 2, column: 3 });
        assert_eq!(kids[1].name.namespace.as_deref(), Some("urn:q"));
        assert_eq!(kids[1].name.prefix.as_deref(), Some("q"));
        assert_eq!(
            kids[1].attributes[0].name.namespace.as_deref(),
            Some("urn:q")
        );
        assert!(kids[1].name.matches_key("{urn:q}commandline"));
        assert!(!kids[1].name.matches_key("commandline"));
    }

    #[test]
    fn text_is_unescaped_and_kept_exactly() {
        let root = Element::parse("<a>  x &amp; &#65;&lt;\r\n</a>").unwrap();
        assert_eq!(root.text(), "  x & A<\n");
        let root = Element::parse("<a b='1&#10;2&#9;\n'>   </a>").unwrap();
        assert_eq!(root.attributes[0].value, "1\n2\t ");
        assert_eq!(root.text(), "   ");
    }

    #[test]
    fn whitespace_is_layout_between_elements_and_content_otherwise() {
        assert_eq!(Element::parse("<a> &amp; </a>").unwrap().text(), " & ");
        assert_eq!(
            Element::parse("<a>  <!-- c -->  </a>").unwrap().text(),
            "    "
        );
        assert_eq!(Element::parse("<a>&#32;</a>").unwrap().text(), " ");
        let root = Element::parse("<a>\n  <b/>\n  <c> </c>\n</a>").unwrap();
        assert_eq!(root.children.len(), 2, "{root:?}");
        assert_eq!(root.elements().nth(1).unwrap().text(), " ");
        let mixed = Element::parse("<a>x <b/> y</a>").unwrap();
        assert_eq!(mixed.children.len(), 3);
    }

    #[test]
    fn malformed_inputs_are_errors() {
        for bad in [
            "",
            "<a>",
            "<a></b>",
            "<a x='1' x='2'/>",
            "<a xmlns:p='urn:x' xmlns:q='urn:x' p:b='1' q:b='2'/>",
            "<a>&foo;</a>",
            "<a>&#1;</a>",
            "<a/><b/>",
            "text<a/>",
            "<!DOCTYPE a [<!ENTITY x 'y'>]><a/>",
            "<a b='\u{1}'/>",
        ] {
            let err = Element::parse(bad).expect_err(bad);
            assert!(matches!(err, Error::Syntax { .. }), "{bad}: {err}");
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let doc = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(Element::parse(&doc).is_err());
        // The limit counts every element, an empty one included.
        let doc = "<a>".repeat(MAX_DEPTH) + "<b/>" + &"</a>".repeat(MAX_DEPTH);
        assert!(Element::parse(&doc).is_err());
        let doc = "<a>".repeat(MAX_DEPTH - 1) + "<b/>" + &"</a>".repeat(MAX_DEPTH - 1);
        assert!(Element::parse(&doc).is_ok());
    }

    #[test]
    fn namespace_scopes_follow_the_elements() {
        let doc = "<a xmlns='urn:d' xmlns:p='urn:p'><p:b xmlns:p='urn:q'><p:c/></p:b>\
                   <p:d/><e xmlns=''/><xml:f/></a>";
        let root = Element::parse(doc).unwrap();
        assert_eq!(root.name.namespace.as_deref(), Some("urn:d"));
        let kids: Vec<_> = root.elements().collect();
        assert_eq!(kids[0].name.namespace.as_deref(), Some("urn:q"));
        let c = kids[0].elements().next().unwrap();
        assert_eq!(c.name.namespace.as_deref(), Some("urn:q"));
        // The inner declaration ended with <p:b>.
        assert_eq!(kids[1].name.namespace.as_deref(), Some("urn:p"));
        assert_eq!(kids[2].name.namespace, None);
        assert_eq!(kids[3].name.namespace.as_deref(), Some(XML_NS));
        // A prefix declared on an empty element ends with it.
        let err = Element::parse("<a><p:b xmlns:p='urn:p'/><p:c/></a>").unwrap_err();
        assert!(
            err.to_string().contains("unknown namespace prefix \"p\""),
            "{err}"
        );
        // Attributes take no default namespace.
        let root = Element::parse("<a xmlns='urn:d' x='1' xml:lang='en'/>").unwrap();
        assert_eq!(root.attributes[0].name.namespace, None);
        assert_eq!(root.attributes[1].name.namespace.as_deref(), Some(XML_NS));
    }

    #[test]
    fn reserved_prefixes_and_repeated_names_are_refused_where_they_are() {
        for (bad, column, says) in [
            ("<a xmlns:xml='urn:x'/>", 4, "'xml' cannot be bound"),
            ("<a xmlns:xmlns='urn:x'/>", 4, "'xmlns' cannot be bound"),
            (
                "<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>",
                4,
                "'p' cannot be bound",
            ),
            (
                "<a xmlns:p='http://www.w3.org/2000/xmlns/'/>",
                4,
                "'p' cannot be bound",
            ),
            ("<a p:x='1'/>", 4, "unknown namespace prefix"),
            ("<a x='1' y='2' x='3'/>", 16, "duplicate attribute x"),
            (
                "<a xmlns:p='urn:x' xmlns:q='urn:x' p:b='1' q:b='2'/>",
                44,
                "duplicate attribute q:b",
            ),
        ] {
            match Element::parse(bad) {
                Err(Error::Syntax { position, message }) => {
                    assert_eq!(position, Position { line: 1, column }, "{bad}: {message}");
                    assert!(message.contains(says), "{bad}: {message}");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        // Many attributes: repeats are found by hashing, in time linear in their number.
        let many: String = (0..5000).map(|i| format!(" a{i}='{i}'")).collect();
        assert_eq!(
            Element::parse(&format!("<a{many}/>"))
                .unwrap()
                .attributes
                .len(),
            5000
        );
        let err = Element::parse(&format!("<a{many} a4999='x'/>")).unwrap_err();
        assert!(
            err.to_string().contains("duplicate attribute a4999"),
            "{err}"
        );
    }

    #[test]
    fn text_joins_across_comments_references_and_cdata() {
        let root = Element::parse("<a>x<!-- c --> &amp;<![CDATA[<y>]]>&#33;</a>").unwrap();
        assert_eq!(root.children.len(), 1);
        assert_eq!(root.text(), "x &<y>!");
        let crate::xml::Node::Text(t) = &root.children[0] else {
            panic!("{root:?}");
        };
        assert_eq!(t.position, Position { line: 1, column: 4 });
        let root = Element::parse("<a>\n <!-- c -->\n <b/> </a>").unwrap();
        assert_eq!(root.children.len(), 1, "{root:?}");
    }
}
