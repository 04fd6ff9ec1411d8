//! Reading: quick-xml's namespace-aware reader turns text into the borrowed tree
//! (`BElement`), checking what XML 1.0 asks of names, characters and references, and
//! noting each node's line:column. `Element::parse` is the owned form of the same.

use std::borrow::Cow;
use std::collections::HashSet;

use quick_xml::events::attributes::Attribute as RawAttribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceError, QName, ResolveResult};
use quick_xml::NsReader;

use crate::xml::borrowed::{BAttribute, BElement, BName, BNode, BText};
use crate::xml::error::{Error, Position, Result};
use crate::xml::names::is_qname;
use crate::xml::tree::{first_non_xml_char, is_xml_space, Element, MAX_DEPTH};

impl Element {
    /// Parse a whole document and return its root element.
    pub fn parse(text: &str) -> Result<Element> {
        parse_borrowed(text).map(|e| e.to_owned_element())
    }
}

/// Parse a whole document into a tree that borrows from `text`.
pub(crate) fn parse_borrowed(text: &str) -> Result<BElement<'_>> {
    TreeBuilder::new(text).run()
}

/// Turns byte offsets into line:column, walking forward only (offsets arrive in order).
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: u32,
    line_start: usize,
}

impl<'a> Lines<'a> {
    fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            // Rare (errors): restart from the top.
            self.offset = 0;
            self.line = 1;
            self.line_start = 0;
        }
        let bytes = &self.text.as_bytes()[self.offset..offset];
        let mut from = 0;
        while let Some(i) = bytes[from..].iter().position(|b| *b == b'\n') {
            self.line += 1;
            self.line_start = self.offset + from + i + 1;
            from += i + 1;
        }
        self.offset = offset;
        let col_text = self.text.get(self.line_start..offset).unwrap_or("");
        let chars = if col_text.is_ascii() {
            col_text.len()
        } else {
            col_text.chars().count()
        };
        Position {
            line: self.line,
            column: u32::try_from(chars + 1).unwrap_or(u32::MAX),
        }
    }
}

struct TreeBuilder<'a> {
    text: &'a str,
    /// The attributes of the start tag being read, moved into an exactly sized `Vec`.
    attributes: Vec<BAttribute<'a>>,
    /// The children read so far of every open element, one after the other; each
    /// element's are moved into an exactly sized `Vec` at its end tag.
    open_children: Vec<BNode<'a>>,
    /// Where each open element's children start in `open_children`.
    starts: Vec<usize>,
    reader: NsReader<&'a [u8]>,
    lines: Lines<'a>,
}

impl<'a> TreeBuilder<'a> {
    fn new(text: &'a str) -> Self {
        let mut reader = NsReader::from_str(text);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        TreeBuilder {
            text,
            attributes: Vec::new(),
            open_children: Vec::new(),
            starts: Vec::new(),
            reader,
            lines: Lines {
                text,
                offset: 0,
                line: 1,
                line_start: 0,
            },
        }
    }

    fn syntax(&mut self, offset: usize, message: impl Into<String>) -> Error {
        Error::Syntax {
            position: self.lines.position(offset),
            message: message.into(),
        }
    }

    /// An attribute value (raw, borrowed from the text) must be followed by white space
    /// or the end of the tag: `a='1'b='2'` is not well-formed.
    fn check_separated(&mut self, raw_value: &str, base: usize) -> Result<()> {
        let Some(start) = (raw_value.as_ptr() as usize).checked_sub(base) else {
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

    fn check_chars(&mut self, s: &str, offset: usize) -> Result<()> {
        if let Some(c) = first_non_xml_char(s) {
            return Err(self.syntax(
                offset,
                format!("character U+{:04X} is not allowed in XML 1.0", u32::from(c)),
            ));
        }
        Ok(())
    }

    fn run(mut self) -> Result<BElement<'a>> {
        let mut stack: Vec<BElement<'a>> = Vec::new();
        let mut root: Option<BElement<'a>> = None;
        // Whitespace-only text is held back until we know whether it is layout
        // (followed by a child element: dropped) or content (it is not): most of it
        // is indentation and never needs a `String`.
        let mut pending: Option<(Cow<'a, str>, usize)> = None;
        loop {
            let start = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
            let event = match self.reader.read_resolved_event() {
                Ok((ResolveResult::Unknown(prefix), Event::Start(_) | Event::Empty(_))) => {
                    return Err(self.syntax(start, format!("unknown namespace prefix {prefix:?}")));
                }
                Ok((ResolveResult::Bound(ns), ev)) => {
                    (Some(Cow::Owned(namespace_uri(ns.as_ref()))), ev)
                }
                Ok((_, ev)) => (None, ev),
                Err(quick_xml::Error::Namespace(e)) => {
                    // Raised while binding the namespaces of the start tag at `start`.
                    let message = match e {
                        NamespaceError::TooManyBindings(n) => {
                            format!("more than {n} namespace declarations in scope")
                        }
                        other => other.to_string(),
                    };
                    return Err(self.syntax(start, message));
                }
                Err(e) => {
                    let at = usize::try_from(self.reader.error_position()).unwrap_or(0);
                    return Err(self.syntax(at, e.to_string()));
                }
            };
            match event {
                (ns, Event::Start(s)) => {
                    pending = None;
                    if root.is_some() {
                        return Err(self.syntax(start, "content after the root element"));
                    }
                    if stack.len() >= MAX_DEPTH {
                        return Err(
                            self.syntax(start, format!("elements nested deeper than {MAX_DEPTH}"))
                        );
                    }
                    let el = self.start(ns, &s, start)?;
                    stack.push(el);
                    self.starts.push(self.open_children.len());
                }
                (ns, Event::Empty(s)) => {
                    pending = None;
                    if root.is_some() {
                        return Err(self.syntax(start, "content after the root element"));
                    }
                    if stack.len() >= MAX_DEPTH {
                        return Err(
                            self.syntax(start, format!("elements nested deeper than {MAX_DEPTH}"))
                        );
                    }
                    let el = self.start(ns, &s, start)?;
                    match stack.last() {
                        Some(_) => self.open_children.push(BNode::Element(el)),
                        None => root = Some(el),
                    }
                }
                (_, Event::End(_)) => {
                    if let Some((text, at)) = pending.take() {
                        if !stack.is_empty() && !self.open_has_elements() {
                            self.text_node(&mut stack, false, text, at)?;
                        }
                    }
                    let (Some(mut el), Some(first)) = (stack.pop(), self.starts.pop()) else {
                        return Err(self.syntax(start, "unexpected end tag"));
                    };
                    el.children = self.close_children(first);
                    match stack.last() {
                        Some(_) => self.open_children.push(BNode::Element(el)),
                        None => root = Some(el),
                    }
                }
                (_, Event::Text(t)) => {
                    let content = t.xml10_content();
                    self.text_or_pending(&mut stack, &mut pending, root.is_some(), content, start)?;
                }
                (_, Event::CData(t)) => {
                    let content = t.xml10_content();
                    self.text_or_pending(&mut stack, &mut pending, root.is_some(), content, start)?;
                }
                (_, Event::GeneralRef(r)) => {
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
                    if let Some((text, at)) = pending.take() {
                        self.text_node(&mut stack, false, text, at)?;
                    }
                    self.text_node(&mut stack, root.is_some(), resolved, start)?;
                }
                (_, Event::DocType(_)) => {
                    return Err(self.syntax(start, "a DOCTYPE is not accepted in domain XML"));
                }
                (_, Event::Comment(_) | Event::Decl(_) | Event::PI(_)) => {}
                (_, Event::Eof) => break,
            }
        }
        if let Some(open) = stack.last() {
            let name = open.name.qualified().into_owned();
            let at = self.text.len();
            return Err(self.syntax(at, format!("unexpected end of input inside <{name}>")));
        }
        root.ok_or_else(|| Error::Syntax {
            position: Position { line: 1, column: 1 },
            message: "no root element".into(),
        })
    }

    /// Whether the innermost open element has a child element so far.
    fn open_has_elements(&self) -> bool {
        let first = self.starts.last().copied().unwrap_or(0);
        self.open_children[first..]
            .iter()
            .any(|n| matches!(n, BNode::Element(_)))
    }

    /// The children of the element whose end tag was just read (they start at
    /// `first`), in a `Vec` of their size. When it has child elements, white-space-only
    /// text between them is layout and is dropped.
    fn close_children(&mut self, first: usize) -> Vec<BNode<'a>> {
        let keep = |n: &BNode<'_>| match n {
            BNode::Text(t) => !t.text.trim_matches(is_xml_space).is_empty(),
            BNode::Element(_) => true,
        };
        let children = &self.open_children[first..];
        if !children.iter().any(|n| matches!(n, BNode::Element(_))) {
            return self.open_children.drain(first..).collect();
        }
        let mut kept = Vec::with_capacity(children.iter().filter(|n| keep(n)).count());
        kept.extend(self.open_children.drain(first..).filter(keep));
        kept
    }

    /// Hold whitespace-only text back (see `run`), or add text to the open element.
    fn text_or_pending(
        &mut self,
        stack: &mut [BElement<'a>],
        pending: &mut Option<(Cow<'a, str>, usize)>,
        after_root: bool,
        text: Cow<'a, str>,
        offset: usize,
    ) -> Result<()> {
        if let Some((held, at)) = pending.take() {
            self.text_node(stack, after_root, held, at)?;
        }
        let first = self.starts.last().copied().unwrap_or(0);
        let follows_text =
            !stack.is_empty() && matches!(self.open_children[first..].last(), Some(BNode::Text(_)));
        if !stack.is_empty() && !follows_text && text.chars().all(is_xml_space) {
            *pending = Some((text, offset));
            return Ok(());
        }
        self.text_node(stack, after_root, text, offset)
    }

    fn text_node(
        &mut self,
        stack: &mut [BElement<'a>],
        after_root: bool,
        text: Cow<'a, str>,
        offset: usize,
    ) -> Result<()> {
        if text.is_empty() {
            // `<![CDATA[]]>` adds nothing: `<a><![CDATA[]]></a>` is `<a/>`.
            return Ok(());
        }
        self.check_chars(&text, offset)?;
        if stack.is_empty() {
            if text.trim_matches(is_xml_space).is_empty() {
                return Ok(());
            }
            let what = if after_root { "after" } else { "before" };
            return Err(self.syntax(offset, format!("text {what} the root element")));
        }
        let first = self.starts.last().copied().unwrap_or(0);
        if let Some(BNode::Text(last)) = self.open_children[first..].last_mut() {
            last.text.to_mut().push_str(&text);
            return Ok(());
        }
        let position = self.lines.position(offset);
        self.open_children
            .push(BNode::Text(BText { text, position }));
        Ok(())
    }

    /// `s`, a slice of the input, with the input's lifetime (`None` if it is not
    /// part of the input).
    fn in_text(&self, s: &str) -> Option<&'a str> {
        let start = (s.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        self.text.get(start..start.checked_add(s.len())?)
    }

    /// A value borrowed from the input where it can be.
    fn value_of(&self, v: Cow<'_, str>) -> Cow<'a, str> {
        match v {
            Cow::Borrowed(b) => match self.in_text(b) {
                Some(b) => Cow::Borrowed(b),
                None => Cow::Owned(b.to_owned()),
            },
            Cow::Owned(o) => Cow::Owned(o),
        }
    }

    /// A name as a slice of the input (names are never rewritten).
    fn name_of(&mut self, name: &str, offset: usize) -> Result<&'a str> {
        match self.in_text(name) {
            Some(n) => Ok(n),
            None => Err(self.syntax(offset, "internal: a name that is not part of the input")),
        }
    }

    fn start(
        &mut self,
        ns: Option<Cow<'a, str>>,
        s: &BytesStart<'_>,
        offset: usize,
    ) -> Result<BElement<'a>> {
        let position = self.lines.position(offset);
        let qname = s.name();
        if !is_qname(qname.as_ref()) {
            let name = qname.as_ref();
            return Err(self.syntax(offset + 1, format!("{name:?} is not an XML element name")));
        }
        let (local, prefix) = qname.decompose();
        if prefix.is_some_and(|p| p.as_ref() == "xmlns") {
            // Namespaces in XML 1.0, "Reserved Prefixes": element names must not
            // have the prefix xmlns (quick-xml would put them in its namespace).
            return Err(self.syntax(
                offset + 1,
                "the prefix xmlns is reserved for namespace declarations, not elements",
            ));
        }
        let prefix = match prefix {
            Some(p) => Some(self.name_of(p.as_ref(), offset)?),
            None => None,
        };
        let name = BName {
            namespace: ns,
            prefix,
            local: self.name_of(local.as_ref(), offset)?,
        };
        let mut attributes = std::mem::take(&mut self.attributes);
        attributes.clear();
        let mut prefixed: HashSet<(Option<Cow<'a, str>>, &'a str)> = HashSet::new();
        let base = self.text.as_ptr() as usize;
        for attr in s.attributes() {
            let attr = match attr {
                Ok(a) => a,
                Err(e) => return Err(self.syntax(offset, e.to_string())),
            };
            let key_offset = (attr.key.as_ref().as_ptr() as usize).saturating_sub(base);
            if !is_qname(attr.key.as_ref()) {
                let key = attr.key.as_ref();
                return Err(
                    self.syntax(key_offset, format!("{key:?} is not an XML attribute name"))
                );
            }
            self.check_separated(&attr.value, base)?;
            let value = match attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v,
                Err(e) => return Err(self.syntax(key_offset, e.to_string())),
            };
            // A namespace URI is a value like any other: the same characters are refused.
            self.check_chars(&value, key_offset)?;
            if attr.key.as_namespace_binding().is_some() {
                continue;
            }
            let attr_position = self.lines.position(key_offset.max(offset));
            if attr.key.prefix().is_none() {
                // Unprefixed attributes are in no namespace; quick-xml has already
                // refused a repeated name.
                let local = self.name_of(attr.key.as_ref(), key_offset)?;
                let value = self.value_of(value);
                attributes.push(BAttribute {
                    name: BName::local(local),
                    value,
                    position: attr_position,
                });
                continue;
            }
            let (res, local) = self.reader.resolver().resolve_attribute(attr.key);
            let namespace = match res {
                ResolveResult::Unbound => None,
                ResolveResult::Bound(ns) => Some(Cow::Owned(namespace_uri(ns.as_ref()))),
                ResolveResult::Unknown(p) => {
                    return Err(self.syntax(key_offset, format!("unknown namespace prefix {p:?}")))
                }
            };
            let prefix = match attr.key.prefix() {
                Some(p) => Some(self.name_of(p.as_ref(), key_offset)?),
                None => None,
            };
            let name = BName {
                namespace,
                prefix,
                local: self.name_of(local.as_ref(), key_offset)?,
            };
            // Prefixed names are always in a namespace, so they can only repeat each
            // other (`a:x` and `b:x` with `a` and `b` bound to one URI).
            if !prefixed.insert((name.namespace.clone(), name.local)) {
                return Err(self.syntax(
                    key_offset,
                    format!("duplicate attribute {}", name.qualified()),
                ));
            }
            let value = self.value_of(value);
            attributes.push(BAttribute {
                name,
                value,
                position: attr_position,
            });
        }
        let mut exact = Vec::with_capacity(attributes.len());
        exact.append(&mut attributes);
        self.attributes = attributes;
        Ok(BElement {
            name,
            attributes: exact,
            children: Vec::new(),
            position,
        })
    }
}

/// A namespace URI as declared: quick-xml hands over the raw attribute text, so it is
/// normalised here as every attribute value is (references expanded, white space
/// folded). A declaration whose value does not normalise, or holds a character XML
/// forbids, has already been refused by `TreeBuilder::start`.
fn namespace_uri(raw: &str) -> String {
    let attr = RawAttribute {
        key: QName("xmlns"),
        value: Cow::Borrowed(raw),
    };
    match attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
        Ok(uri) => uri.into_owned(),
        Err(_) => raw.to_owned(),
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
}
