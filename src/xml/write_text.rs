//! The text writer behind the serializer: libvirt's layout (two-space indentation,
//! single-quoted attributes), namespace declarations, escaping, and unknown content.

use std::borrow::Cow;
use std::fmt::Display;

use crate::xml::error::{Error, Result};
use crate::xml::names::is_ncname;
use crate::xml::path::push_step;
use crate::xml::raw::Unmodelled;
use crate::xml::tree::{first_non_xml_char, Name, MAX_DEPTH, XML_NS};

/// `(uri, prefix)` pairs: the prefix to declare when a model key names a namespace
/// (`{uri}local`). The codec knows no namespace of its own; the caller hands them over.
pub type Prefixes = &'static [(&'static str, &'static str)];

pub(crate) struct Open {
    qname: Cow<'static, str>,
    tag_open: bool,
    has_elements: bool,
    has_text: bool,
    /// Byte index just before this element's `>` or `/>` once the tag is closed.
    tag_end: usize,
    /// Namespace bindings declared on this element.
    bindings: usize,
    /// 1-based place among the same-named siblings written before it (collect mode).
    index: usize,
    /// How many children of each name were written so far (collect mode).
    children: Vec<(Cow<'static, str>, usize)>,
}

pub(crate) struct Writer {
    pub(crate) out: String,
    pub(crate) stack: Vec<Open>,
    /// (prefix, uri) bindings in scope, innermost last.
    pub(crate) scope: Vec<(String, String)>,
    pub(crate) collect: bool,
    pub(crate) found: Vec<Unmodelled>,
    /// Prefixes for namespaced model keys.
    prefixes: Prefixes,
}

impl Writer {
    pub(crate) fn new(collect: bool, prefixes: Prefixes) -> Self {
        Writer {
            prefixes,
            out: String::with_capacity(if collect { 0 } else { 4096 }),
            stack: Vec::new(),
            scope: Vec::new(),
            collect,
            found: Vec::new(),
        }
    }

    pub(crate) fn path(&self) -> String {
        let mut p = String::new();
        for o in &self.stack {
            push_step(&mut p, &o.qname, None);
        }
        p
    }

    /// The path with an index on each element written after a same-named sibling
    /// (`/domain/devices/disk[2]`; the first of several has none). Collect mode only.
    pub(crate) fn indexed_path(&self) -> String {
        let mut p = String::new();
        for o in &self.stack {
            push_step(&mut p, &o.qname, (o.index > 1).then_some(o.index));
        }
        p
    }

    /// Report a value of a closed set the model does not know, at `path` below the
    /// innermost element (`@name` for an attribute, empty for its text).
    pub(crate) fn unknown_value(&mut self, below: &str) {
        if self.collect {
            let path = format!("{}{below}", self.indexed_path());
            self.found.push(Unmodelled {
                path,
                position: None,
                kind: "value",
            });
        }
    }

    pub(crate) fn error(&self, message: impl Into<String>) -> Error {
        Error::Serialize {
            path: self.path(),
            message: message.into(),
        }
    }

    pub(crate) fn check(&self, s: &str, what: impl Display) -> Result<()> {
        match first_non_xml_char(s) {
            None => Ok(()),
            Some(c) => Err(self.error(format!(
                "{what} contains U+{:04X}, which XML 1.0 cannot carry; remove it",
                u32::from(c)
            ))),
        }
    }

    pub(crate) fn indent(&mut self, depth: usize) {
        self.out.push('\n');
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    /// Close the parent's start tag if needed and place the cursor for a child element.
    pub(crate) fn before_child(&mut self) {
        let depth = self.stack.len();
        if let Some(parent) = self.stack.last_mut() {
            if parent.tag_open {
                parent.tag_open = false;
                parent.tag_end = self.out.len();
                self.out.push('>');
            }
            parent.has_elements = true;
            if !parent.has_text {
                self.indent(depth);
            }
        }
    }

    /// The prefix bound to `uri` here, unless a nearer binding shadows it.
    pub(crate) fn prefix_in_scope(&self, uri: &str) -> Option<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for (p, u) in self.scope.iter().rev() {
            if u == uri && !seen.contains(&p.as_str()) {
                return Some(p);
            }
            seen.push(p);
        }
        None
    }

    pub(crate) fn prefix_taken(&self, prefix: &str) -> bool {
        self.scope.iter().any(|(p, _)| p == prefix)
    }

    pub(crate) fn free_prefix(&self, preferred: &str) -> String {
        if !self.prefix_taken(preferred) && preferred != "ns" {
            return preferred.to_owned();
        }
        (0..)
            .map(|i| format!("{preferred}{i}"))
            .find(|p| !self.prefix_taken(p))
            .unwrap_or_default()
    }

    /// The prefix the caller asked for `uri`, if any.
    fn preferred_prefix(&self, uri: &str) -> Option<&'static str> {
        self.prefixes
            .iter()
            .find(|(u, _)| *u == uri)
            .map(|(_, p)| *p)
    }

    /// A prefix for `uri`, declared once on the root element (model namespaces).
    pub(crate) fn model_prefix(&mut self, uri: &str) -> Result<String> {
        if uri == XML_NS {
            return Ok("xml".into());
        }
        if let Some(p) = self.prefix_in_scope(uri) {
            return Ok(p.to_owned());
        }
        let preferred = self.preferred_prefix(uri).unwrap_or("ns");
        let prefix = self.free_prefix(preferred);
        self.check(uri, "a namespace URI")?;
        let decl = format!(" xmlns:{prefix}='{}'", escape_attr(uri));
        let Some(root) = self.stack.first_mut() else {
            return Err(self.error("internal: a namespaced name outside the root"));
        };
        root.bindings += 1;
        if root.tag_open {
            self.out.push_str(&decl);
        } else {
            let at = root.tag_end;
            self.out.insert_str(at, &decl);
            for o in self.stack.iter_mut() {
                o.tag_end += decl.len();
            }
        }
        self.scope.insert(0, (prefix.clone(), uri.to_owned()));
        Ok(prefix)
    }

    /// Qualified name for a model key: `local` or `{uri}local`.
    pub(crate) fn key_qname(&mut self, key: &'static str) -> Result<Cow<'static, str>> {
        if !key.starts_with('{') {
            return Ok(Cow::Borrowed(key));
        }
        match key.strip_prefix('{').and_then(|k| k.split_once('}')) {
            Some((uri, local)) => {
                let prefix = self.model_prefix(uri)?;
                Ok(Cow::Owned(format!("{prefix}:{local}")))
            }
            None => Ok(Cow::Borrowed(key)),
        }
    }

    pub(crate) fn start(&mut self, key: &'static str) -> Result<()> {
        self.before_child();
        if self.stack.is_empty() {
            // A namespaced root declares its own namespace.
            if let Some((uri, local)) = key.strip_prefix('{').and_then(|k| k.split_once('}')) {
                let name = Name {
                    namespace: Some(uri.to_owned()),
                    prefix: self.preferred_prefix(uri).map(str::to_owned),
                    local: local.to_owned(),
                };
                let mut decls = Vec::new();
                let qname = self.raw_qname(&name, &mut decls);
                self.open(Cow::Owned(qname))?;
                return self.declare(decls);
            }
        }
        let qname = self.key_qname(key)?;
        self.open(qname)
    }

    /// Start an element: refused past [`MAX_DEPTH`] levels, which the reader would
    /// refuse, so that what is written always reads back.
    pub(crate) fn open(&mut self, qname: Cow<'static, str>) -> Result<()> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(format!(
                "elements nested deeper than {MAX_DEPTH}, which no reader of this crate \
                 accepts; shorten the nesting (a <backingStore> chain, say)"
            )));
        }
        let mut index = 1;
        if self.collect {
            if let Some(parent) = self.stack.last_mut() {
                match parent.children.iter_mut().find(|(n, _)| *n == qname) {
                    Some((_, count)) => {
                        *count += 1;
                        index = *count;
                    }
                    None => parent.children.push((qname.clone(), 1)),
                }
            }
        }
        self.out.push('<');
        self.out.push_str(&qname);
        self.stack.push(Open {
            index,
            children: Vec::new(),
            qname,
            tag_open: true,
            has_elements: false,
            has_text: false,
            tag_end: 0,
            bindings: 0,
        });
        Ok(())
    }

    pub(crate) fn end(&mut self) {
        let Some(o) = self.stack.pop() else { return };
        for _ in 0..o.bindings {
            self.scope.pop();
        }
        if o.tag_open {
            self.out.push_str("/>");
            return;
        }
        if o.has_elements && !o.has_text {
            self.indent(self.stack.len());
        }
        self.out.push_str("</");
        self.out.push_str(&o.qname);
        self.out.push('>');
    }

    /// Write ` name='value'` on the innermost element, even after its children.
    pub(crate) fn attribute(&mut self, qname: &str, value: &str) -> Result<()> {
        if needs_care(value) {
            self.check(value, format_args!("attribute {qname}"))?;
        }
        let Some(top) = self.stack.last() else {
            return Err(self.error("internal: attribute outside an element"));
        };
        if top.tag_open {
            self.out.push(' ');
            self.out.push_str(qname);
            self.out.push_str("='");
            push_escaped_attr(&mut self.out, value);
            self.out.push('\'');
        } else {
            let mut s = String::with_capacity(qname.len() + value.len() + 4);
            s.push(' ');
            s.push_str(qname);
            s.push_str("='");
            push_escaped_attr(&mut s, value);
            s.push('\'');
            let at = top.tag_end;
            self.out.insert_str(at, &s);
            if let Some(top) = self.stack.last_mut() {
                top.tag_end += s.len();
            }
        }
        Ok(())
    }

    pub(crate) fn text(&mut self, text: &str) -> Result<()> {
        if needs_care(text) {
            self.check(text, "text")?;
        }
        let Some(top) = self.stack.last_mut() else {
            return Err(self.error("internal: text outside an element"));
        };
        if text.is_empty() {
            return Ok(());
        }
        if top.tag_open {
            top.tag_open = false;
            top.tag_end = self.out.len();
            self.out.push('>');
        }
        top.has_text = true;
        push_escaped_text(&mut self.out, text);
        Ok(())
    }

    // ---- raw content -------------------------------------------------------------

    /// Qualified name for a raw name; namespaces not in scope go to `decls`.
    pub(crate) fn raw_qname(&self, name: &Name, decls: &mut Vec<(String, String)>) -> String {
        let Some(uri) = &name.namespace else {
            return name.local.clone();
        };
        if uri == XML_NS {
            return format!("xml:{}", name.local);
        }
        if let Some((p, _)) = decls.iter().find(|(_, u)| u == uri) {
            return format!("{p}:{}", name.local);
        }
        if let Some(p) = self.prefix_in_scope(uri) {
            return format!("{p}:{}", name.local);
        }
        // A new declaration never reuses a prefix bound anywhere in scope or on this
        // element: rebinding it could move the element's own name, or a sibling
        // attribute, into another namespace.
        let free = |p: &str| !self.prefix_taken(p) && !decls.iter().any(|(q, _)| q == p);
        let wanted = name
            .prefix
            .as_deref()
            .filter(|p| is_ncname(p))
            .unwrap_or("ns");
        let prefix = if !matches!(wanted, "ns" | "xml" | "xmlns") && free(wanted) {
            wanted.to_owned()
        } else {
            (0..)
                .map(|i| format!("ns{i}"))
                .find(|p| free(p))
                .unwrap_or_default()
        };
        decls.push((prefix.clone(), uri.clone()));
        format!("{prefix}:{}", name.local)
    }

    /// Declare `decls` on the innermost element.
    pub(crate) fn declare(&mut self, decls: Vec<(String, String)>) -> Result<()> {
        for (prefix, uri) in decls {
            self.check(&uri, "a namespace URI")?;
            self.attribute(&format!("xmlns:{prefix}"), &uri)?;
            self.scope.push((prefix, uri));
            if let Some(top) = self.stack.last_mut() {
                top.bindings += 1;
            }
        }
        Ok(())
    }

    /// Refuse a name built in code that would not read back: the local name must be an
    /// XML name without a colon, and an attribute `xmlns` would be a declaration.
    fn check_name(&self, name: &Name, attribute: bool) -> Result<()> {
        let what = if attribute {
            "an attribute"
        } else {
            "an element"
        };
        if !is_ncname(&name.local) {
            return Err(self.error(format!(
                "{what} named {:?} cannot be written: not an XML name",
                name.local
            )));
        }
        if attribute && name.namespace.is_none() && name.local == "xmlns" {
            return Err(self.error("an attribute named xmlns would be a namespace declaration"));
        }
        Ok(())
    }

    pub(crate) fn raw_attribute(&mut self, name: &Name, value: &str) -> Result<()> {
        self.check_name(name, true)?;
        let mut decls = Vec::new();
        let qname = self.raw_qname(name, &mut decls);
        self.declare(decls)?;
        self.attribute(&qname, value)
    }

    /// Start an element of content the model does not know (its name built in code
    /// or read), declaring its namespace where it is not in scope.
    pub(crate) fn open_raw(&mut self, name: &Name) -> Result<()> {
        self.check_name(name, false)?;
        self.before_child();
        let mut decls = Vec::new();
        let qname = self.raw_qname(name, &mut decls);
        self.open(Cow::Owned(qname))?;
        self.declare(decls)
    }

    /// Make the innermost start tag take attributes again after its children were
    /// written: returns what followed it, for [`Writer::close_start_tag`]. Unknown
    /// attributes come after the modelled children; moving the content out of the way
    /// once for all of them, instead of once per attribute, keeps writing linear.
    pub(crate) fn reopen_start_tag(&mut self) -> Option<String> {
        let top = self.stack.last_mut().filter(|o| !o.tag_open)?;
        let tail = self.out.split_off(top.tag_end);
        top.tag_open = true;
        Some(tail)
    }

    /// Put back what [`Writer::reopen_start_tag`] moved out of the way.
    pub(crate) fn close_start_tag(&mut self, tail: String) {
        if let Some(top) = self.stack.last_mut() {
            top.tag_open = false;
            top.tag_end = self.out.len();
        }
        self.out.push_str(&tail);
    }
}

pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped_attr(&mut out, s);
    out
}

/// Bytes after which a string needs a closer look: markup characters, C0 controls,
/// and 0xEF (the lead byte of U+FFFE/U+FFFF, which XML forbids).
const CAREFUL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'\'' as usize] = true;
    t[0xEF] = true;
    t
};

/// Whether `s` has anything to escape or check; most values do not.
pub(crate) fn needs_care(s: &str) -> bool {
    s.bytes().any(|b| CAREFUL[usize::from(b)])
}

pub(crate) fn push_escaped_attr(out: &mut String, s: &str) {
    if !needs_care(s) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

pub(crate) fn push_escaped_text(out: &mut String, s: &str) {
    if !needs_care(s) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}
