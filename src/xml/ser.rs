//! serde `Serializer` that writes libvirt-style XML (conventions in `docs/architecture.md`).

use std::borrow::Cow;
use std::fmt::{Display, Write as _};

use serde::ser::{
    self, Impossible, Serialize, SerializeSeq, SerializeStruct, SerializeStructVariant,
};

use crate::error::{Error, Result};
use crate::qemu::QEMU_NS;
use crate::xml::raw::{
    self, Extra, RawElement, SerializingGuard, Stashed, Unmodelled, EXTRA_TOKEN, RAW_TOKEN,
};
use crate::xml::tree::{first_non_xml_char, Element, Name, Node, XML_NS};

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::Serialize {
            path: String::new(),
            message: msg.to_string(),
        }
    }
}

/// Prefixes used when the model itself writes an element in a known namespace.
const PREFERRED_PREFIXES: &[(&str, &str)] = &[
    (QEMU_NS, "qemu"),
    ("http://libvirt.org/schemas/domain/lxc/1.0", "lxc"),
    ("http://libvirt.org/schemas/domain/bhyve/1.0", "bhyve"),
    ("http://libvirt.org/schemas/domain/xen/1.0", "xen"),
    ("http://libvirt.org/schemas/domain/vmware/1.0", "vmware"),
];

pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T, root: &'static str) -> Result<String> {
    let mut w = Writer::new(false);
    write_root(&mut w, value, root)?;
    Ok(w.out)
}

pub(crate) fn unmodelled<T: Serialize + ?Sized>(value: &T, root: &'static str) -> Vec<Unmodelled> {
    let mut w = Writer::new(true);
    // Errors (a forbidden character, say) stop the walk; what was found so far stands.
    let _ = write_root(&mut w, value, root);
    // Document order for what was parsed; items added in code (no position) last.
    w.found.sort_by_key(|u| {
        u.position
            .map_or((u32::MAX, u32::MAX), |p| (p.line, p.column))
    });
    w.found
}

fn write_root<T: Serialize + ?Sized>(w: &mut Writer, value: &T, root: &'static str) -> Result<()> {
    let _guard = SerializingGuard::new();
    value.serialize(FieldSer { w, key: root })?;
    if !w.out.starts_with('<') {
        return Err(Error::Serialize {
            path: format!("/{root}"),
            message: "the value wrote no root element".into(),
        });
    }
    Ok(())
}

struct Open {
    qname: Cow<'static, str>,
    tag_open: bool,
    has_elements: bool,
    has_text: bool,
    /// Byte index just before this element's `>` or `/>` once the tag is closed.
    tag_end: usize,
    /// Namespace bindings declared on this element.
    bindings: usize,
}

struct Writer {
    out: String,
    stack: Vec<Open>,
    /// (prefix, uri) bindings in scope, innermost last.
    scope: Vec<(String, String)>,
    collect: bool,
    found: Vec<Unmodelled>,
}

impl Writer {
    fn new(collect: bool) -> Self {
        Writer {
            out: String::with_capacity(if collect { 0 } else { 4096 }),
            stack: Vec::new(),
            scope: Vec::new(),
            collect,
            found: Vec::new(),
        }
    }

    fn path(&self) -> String {
        let mut p = String::new();
        for o in &self.stack {
            p.push('/');
            p.push_str(&o.qname);
        }
        p
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::Serialize {
            path: self.path(),
            message: message.into(),
        }
    }

    fn check(&self, s: &str, what: impl Display) -> Result<()> {
        match first_non_xml_char(s) {
            None => Ok(()),
            Some(c) => Err(self.error(format!(
                "{what} contains U+{:04X}, which XML 1.0 cannot carry; remove it",
                u32::from(c)
            ))),
        }
    }

    fn indent(&mut self, depth: usize) {
        self.out.push('\n');
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    /// Close the parent's start tag if needed and place the cursor for a child element.
    fn before_child(&mut self) {
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
    fn prefix_in_scope(&self, uri: &str) -> Option<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for (p, u) in self.scope.iter().rev() {
            if u == uri && !seen.contains(&p.as_str()) {
                return Some(p);
            }
            seen.push(p);
        }
        None
    }

    fn prefix_taken(&self, prefix: &str) -> bool {
        self.scope.iter().any(|(p, _)| p == prefix)
    }

    fn free_prefix(&self, preferred: &str) -> String {
        if !self.prefix_taken(preferred) && preferred != "ns" {
            return preferred.to_owned();
        }
        (0..)
            .map(|i| format!("{preferred}{i}"))
            .find(|p| !self.prefix_taken(p))
            .unwrap_or_default()
    }

    /// A prefix for `uri`, declared once on the root element (model namespaces).
    fn model_prefix(&mut self, uri: &str) -> Result<String> {
        if uri == XML_NS {
            return Ok("xml".into());
        }
        if let Some(p) = self.prefix_in_scope(uri) {
            return Ok(p.to_owned());
        }
        let preferred = PREFERRED_PREFIXES
            .iter()
            .find(|(u, _)| *u == uri)
            .map_or("ns", |(_, p)| *p);
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
    fn key_qname(&mut self, key: &'static str) -> Result<Cow<'static, str>> {
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

    fn start(&mut self, key: &'static str) -> Result<()> {
        self.before_child();
        if self.stack.is_empty() {
            // A namespaced root declares its own namespace.
            if let Some((uri, local)) = key.strip_prefix('{').and_then(|k| k.split_once('}')) {
                let name = Name {
                    namespace: Some(uri.to_owned()),
                    prefix: PREFERRED_PREFIXES
                        .iter()
                        .find(|(u, _)| *u == uri)
                        .map(|(_, p)| (*p).to_owned()),
                    local: local.to_owned(),
                };
                let mut decls = Vec::new();
                let qname = self.raw_qname(&name, &mut decls);
                self.open(Cow::Owned(qname));
                return self.declare(decls);
            }
        }
        let qname = self.key_qname(key)?;
        self.open(qname);
        Ok(())
    }

    fn open(&mut self, qname: Cow<'static, str>) {
        self.out.push('<');
        self.out.push_str(&qname);
        self.stack.push(Open {
            qname,
            tag_open: true,
            has_elements: false,
            has_text: false,
            tag_end: 0,
            bindings: 0,
        });
    }

    fn end(&mut self) {
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
    fn attribute(&mut self, qname: &str, value: &str) -> Result<()> {
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

    fn text(&mut self, text: &str) -> Result<()> {
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
    fn raw_qname(&self, name: &Name, decls: &mut Vec<(String, String)>) -> String {
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
        let wanted = name.prefix.as_deref().unwrap_or("ns");
        let mut prefix = if matches!(wanted, "ns" | "xml" | "xmlns") {
            self.free_prefix("ns")
        } else {
            wanted.to_owned()
        };
        if decls.iter().any(|(p, _)| *p == prefix) {
            prefix = (0..)
                .map(|i| format!("ns{i}"))
                .find(|p| !self.prefix_taken(p) && !decls.iter().any(|(q, _)| q == p))
                .unwrap_or_default();
        }
        decls.push((prefix.clone(), uri.clone()));
        format!("{prefix}:{}", name.local)
    }

    /// Declare `decls` on the innermost element.
    fn declare(&mut self, decls: Vec<(String, String)>) -> Result<()> {
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

    fn raw_attribute(&mut self, name: &Name, value: &str) -> Result<()> {
        let mut decls = Vec::new();
        let qname = self.raw_qname(name, &mut decls);
        self.declare(decls)?;
        self.attribute(&qname, value)
    }

    fn raw_element(&mut self, e: &Element) -> Result<()> {
        self.before_child();
        let mut decls = Vec::new();
        let qname = self.raw_qname(&e.name, &mut decls);
        self.open(Cow::Owned(qname));
        self.declare(decls)?;
        for a in &e.attributes {
            self.raw_attribute(&a.name, &a.value)?;
        }
        for node in &e.children {
            match node {
                Node::Element(child) => self.raw_element(child)?,
                Node::Text(t) => self.text(&t.text)?,
            }
        }
        self.end();
        Ok(())
    }

    fn extra(&mut self, extra: Extra) -> Result<()> {
        if self.collect {
            if extra.origin.is_empty() {
                let here = self.path();
                for a in &extra.attributes {
                    self.found.push(Unmodelled {
                        path: format!("{here}/@{}", a.name.qualified()),
                        position: None,
                        kind: "attribute",
                    });
                }
                for n in &extra.nodes {
                    let (path, kind) = match n {
                        Node::Element(e) => (format!("{here}/{}", e.name.qualified()), "element"),
                        Node::Text(_) => (format!("{here}/text()"), "text"),
                    };
                    self.found.push(Unmodelled {
                        path,
                        position: None,
                        kind,
                    });
                }
            } else {
                self.found.extend(extra.origin.iter().cloned());
            }
        }
        for a in &extra.attributes {
            self.raw_attribute(&a.name, &a.value)?;
        }
        for n in &extra.nodes {
            match n {
                Node::Element(e) => self.raw_element(e)?,
                Node::Text(t) => self.text(&t.text)?,
            }
        }
        Ok(())
    }

    fn raw(&mut self, raw: RawElement) -> Result<()> {
        if self.collect {
            if let Some(origin) = &raw.origin {
                self.found.push(origin.clone());
            }
        }
        self.raw_element(&raw.element)
    }

    fn stashed(&mut self, token: &str) -> Result<()> {
        match (raw::take(), token) {
            (Some(Stashed::Extra(e)), EXTRA_TOKEN) => self.extra(e),
            (Some(Stashed::Raw(r)), RAW_TOKEN) => self.raw(r),
            _ => Err(self.error("internal: unknown content was not handed over")),
        }
    }
}

fn escape_attr(s: &str) -> String {
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
fn needs_care(s: &str) -> bool {
    s.bytes().any(|b| CAREFUL[usize::from(b)])
}

fn push_escaped_attr(out: &mut String, s: &str) {
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

fn push_escaped_text(out: &mut String, s: &str) {
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

// ---------------------------------------------------------------------------------
// Serializers

/// A short string on the stack: numbers and enum values are formatted here instead
/// of in a fresh `String`.
struct StackStr {
    buf: [u8; 64],
    len: usize,
}

impl StackStr {
    fn new() -> Self {
        StackStr {
            buf: [0; 64],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in, so this cannot fail.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl std::fmt::Write for StackStr {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > self.buf.len() {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn unsupported(w: &Writer, what: &str) -> Error {
    w.error(format!("internal: {what} cannot be written as XML"))
}

macro_rules! scalars_as {
    ($via:ident: $($method:ident($t:ty))*) => {
        $(
            fn $method(self, v: $t) -> Result<()> {
                let mut buf = StackStr::new();
                if write!(buf, "{v}").is_ok() {
                    return self.$via(buf.as_str());
                }
                self.$via(&v.to_string())
            }
        )*
    };
}

macro_rules! all_scalars_as {
    ($via:ident) => {
        scalars_as! { $via:
            serialize_bool(bool) serialize_i8(i8) serialize_i16(i16) serialize_i32(i32)
            serialize_i64(i64) serialize_i128(i128) serialize_u8(u8) serialize_u16(u16)
            serialize_u32(u32) serialize_u64(u64) serialize_u128(u128) serialize_f32(f32)
            serialize_f64(f64) serialize_char(char)
        }
        fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<()> {
            let mut buf = StackStr::new();
            if write!(buf, "{value}").is_ok() {
                return self.$via(buf.as_str());
            }
            self.$via(&value.to_string())
        }
        fn serialize_str(self, v: &str) -> Result<()> {
            self.$via(v)
        }
    };
}

/// Methods of a serializer that accepts none of these shapes.
macro_rules! reject {
    ($what:literal: $($method:ident($($t:ty),*))*) => {
        $(
            fn $method(self, $(_: $t),*) -> Result<()> {
                Err(unsupported(self.w, $what))
            }
        )*
    };
}

macro_rules! reject_scalars {
    ($what:literal) => {
        reject! { $what:
            serialize_bool(bool) serialize_i8(i8) serialize_i16(i16) serialize_i32(i32)
            serialize_i64(i64) serialize_u8(u8) serialize_u16(u16) serialize_u32(u32)
            serialize_u64(u64) serialize_f32(f32) serialize_f64(f64) serialize_char(char)
            serialize_str(&str) serialize_bytes(&[u8]) serialize_unit()
            serialize_unit_struct(&'static str)
        }
    };
}

/// Writes zero or more elements named `key` (a field of a struct, or the root).
struct FieldSer<'w> {
    w: &'w mut Writer,
    key: &'static str,
}

impl FieldSer<'_> {
    fn text_element(self, text: &str) -> Result<()> {
        self.w.start(self.key)?;
        self.w.text(text)?;
        self.w.end();
        Ok(())
    }
}

impl<'w> ser::Serializer for FieldSer<'w> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = FieldSeq<'w>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = StructSer<'w>;
    type SerializeStructVariant = StructSer<'w>;

    all_scalars_as!(text_element);

    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        Err(unsupported(self.w, "bytes"))
    }

    fn serialize_none(self) -> Result<()> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        self.w.start(self.key)?;
        self.w.end();
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.text_element(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == RAW_TOKEN {
            return self.w.stashed(RAW_TOKEN);
        }
        if name == EXTRA_TOKEN {
            return Err(unsupported(self.w, "an Extra outside a `$extra` field"));
        }
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        let Some(tag) = name.strip_prefix('@') else {
            return Err(unsupported(self.w, "an externally tagged enum in a field"));
        };
        self.w.start(self.key)?;
        if variant != "$other" {
            self.w.attribute(tag, variant)?;
        }
        value.serialize(ContentSer { w: self.w })?;
        self.w.end();
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<FieldSeq<'w>> {
        Ok(FieldSeq {
            w: self.w,
            key: self.key,
        })
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(unsupported(self.w, "a tuple"))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unsupported(self.w, "a tuple struct"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unsupported(self.w, "a tuple variant"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unsupported(self.w, "a map"))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<StructSer<'w>> {
        self.w.start(self.key)?;
        Ok(StructSer {
            w: self.w,
            owns: true,
        })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<StructSer<'w>> {
        let Some(tag) = name.strip_prefix('@') else {
            return Err(unsupported(self.w, "an externally tagged enum in a field"));
        };
        self.w.start(self.key)?;
        if variant != "$other" {
            self.w.attribute(tag, variant)?;
        }
        Ok(StructSer {
            w: self.w,
            owns: true,
        })
    }
}

/// A list field: one element per item.
struct FieldSeq<'w> {
    w: &'w mut Writer,
    key: &'static str,
}

impl SerializeSeq for FieldSeq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(FieldSer {
            w: self.w,
            key: self.key,
        })
    }

    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// The fields of one element.
struct StructSer<'w> {
    w: &'w mut Writer,
    /// Whether this serializer opened the element (and so closes it).
    owns: bool,
}

impl StructSer<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let w = &mut *self.w;
        match key.as_bytes().first() {
            Some(b'@') => value.serialize(AttrSer { w, key: &key[1..] }),
            Some(b'$') => match key {
                "$text" => value.serialize(TextSer { w }),
                "$value" => value.serialize(ValueSer { w }),
                "$extra" => value.serialize(ExtraSer { w }),
                _ => value.serialize(FieldSer { w, key }),
            },
            _ => value.serialize(FieldSer { w, key }),
        }
    }
}

impl SerializeStruct for StructSer<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<()> {
        if self.owns {
            self.w.end();
        }
        Ok(())
    }
}

impl SerializeStructVariant for StructSer<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<()> {
        SerializeStruct::end(self)
    }
}

/// Writes a value into the element that is already open (a tagged enum's content).
struct ContentSer<'w> {
    w: &'w mut Writer,
}

impl ContentSer<'_> {
    fn text(self, s: &str) -> Result<()> {
        self.w.text(s)
    }
}

impl<'w> ser::Serializer for ContentSer<'w> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = StructSer<'w>;
    type SerializeStructVariant = Impossible<(), Error>;

    all_scalars_as!(text);

    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        Err(unsupported(self.w, "bytes"))
    }
    fn serialize_none(self) -> Result<()> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.w.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(unsupported(self.w, "a nested enum as element content"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(unsupported(self.w, "a list as element content"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(unsupported(self.w, "a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unsupported(self.w, "a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unsupported(self.w, "a tuple variant"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unsupported(self.w, "a map"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<StructSer<'w>> {
        Ok(StructSer {
            w: self.w,
            owns: false,
        })
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(unsupported(self.w, "a struct variant as element content"))
    }
}

/// Serializer for values that become a single string (attributes and text).
macro_rules! string_serializer {
    ($name:ident, $what:literal, |$w:ident, $s:ident| $write:expr) => {
        impl ser::Serializer for $name<'_> {
            type Ok = ();
            type Error = Error;
            type SerializeSeq = Impossible<(), Error>;
            type SerializeTuple = Impossible<(), Error>;
            type SerializeTupleStruct = Impossible<(), Error>;
            type SerializeTupleVariant = Impossible<(), Error>;
            type SerializeMap = Impossible<(), Error>;
            type SerializeStruct = Impossible<(), Error>;
            type SerializeStructVariant = Impossible<(), Error>;

            all_scalars_as!(write);

            fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
                Err(unsupported(self.w, concat!("bytes as ", $what)))
            }
            fn serialize_none(self) -> Result<()> {
                Ok(())
            }
            fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
                value.serialize(self)
            }
            fn serialize_unit(self) -> Result<()> {
                Ok(())
            }
            fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
                Ok(())
            }
            fn serialize_unit_variant(
                self,
                _n: &'static str,
                _i: u32,
                variant: &'static str,
            ) -> Result<()> {
                self.write(variant)
            }
            fn serialize_newtype_struct<T: Serialize + ?Sized>(
                self,
                _n: &'static str,
                value: &T,
            ) -> Result<()> {
                value.serialize(self)
            }
            fn serialize_newtype_variant<T: Serialize + ?Sized>(
                self,
                _n: &'static str,
                _i: u32,
                _v: &'static str,
                _value: &T,
            ) -> Result<()> {
                Err(unsupported(self.w, concat!("an enum with data as ", $what)))
            }
            fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
                Err(unsupported(self.w, concat!("a list as ", $what)))
            }
            fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
                Err(unsupported(self.w, concat!("a tuple as ", $what)))
            }
            fn serialize_tuple_struct(
                self,
                _n: &'static str,
                _len: usize,
            ) -> Result<Self::SerializeTupleStruct> {
                Err(unsupported(self.w, concat!("a tuple struct as ", $what)))
            }
            fn serialize_tuple_variant(
                self,
                _n: &'static str,
                _i: u32,
                _v: &'static str,
                _len: usize,
            ) -> Result<Self::SerializeTupleVariant> {
                Err(unsupported(self.w, concat!("a tuple variant as ", $what)))
            }
            fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
                Err(unsupported(self.w, concat!("a map as ", $what)))
            }
            fn serialize_struct(
                self,
                _n: &'static str,
                _len: usize,
            ) -> Result<Self::SerializeStruct> {
                Err(unsupported(self.w, concat!("a struct as ", $what)))
            }
            fn serialize_struct_variant(
                self,
                _n: &'static str,
                _i: u32,
                _v: &'static str,
                _len: usize,
            ) -> Result<Self::SerializeStructVariant> {
                Err(unsupported(self.w, concat!("a struct variant as ", $what)))
            }
        }

        impl $name<'_> {
            fn write(self, $s: &str) -> Result<()> {
                let $w = self;
                $write
            }
        }
    };
}

/// An attribute value.
struct AttrSer<'w> {
    w: &'w mut Writer,
    key: &'static str,
}

string_serializer!(AttrSer, "an attribute", |this, s| {
    let qname = this.w.key_qname(this.key)?;
    this.w.attribute(&qname, s)
});

/// Element text.
struct TextSer<'w> {
    w: &'w mut Writer,
}

string_serializer!(TextSer, "text", |this, s| this.w.text(s));

/// The `$value` list: each item is an enum variant written as an element of that name.
struct ValueSer<'w> {
    w: &'w mut Writer,
}

impl<'w> ser::Serializer for ValueSer<'w> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ValueSeq<'w>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = StructSer<'w>;
    type SerializeStructVariant = StructSer<'w>;

    reject_scalars!("a scalar as a `$value` item");
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(unsupported(self.w, "a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unsupported(self.w, "a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unsupported(self.w, "a tuple variant"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unsupported(self.w, "a map"))
    }
    fn serialize_none(self) -> Result<()> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.w.start(variant)?;
        self.w.end();
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == RAW_TOKEN {
            return self.w.stashed(RAW_TOKEN);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(FieldSer {
            w: self.w,
            key: variant,
        })
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<ValueSeq<'w>> {
        Ok(ValueSeq { w: self.w })
    }
    fn serialize_struct(self, _n: &'static str, _len: usize) -> Result<StructSer<'w>> {
        Err(unsupported(
            self.w,
            "a struct as a `$value` item (use an enum)",
        ))
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<StructSer<'w>> {
        self.w.start(variant)?;
        Ok(StructSer {
            w: self.w,
            owns: true,
        })
    }
}

struct ValueSeq<'w> {
    w: &'w mut Writer,
}

impl SerializeSeq for ValueSeq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(ValueSer { w: self.w })
    }

    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// The `$extra` field.
struct ExtraSer<'w> {
    w: &'w mut Writer,
}

impl ser::Serializer for ExtraSer<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    reject_scalars!("a `$extra` field that is not an Extra");
    reject! { "a `$extra` field that is not an Extra": serialize_none() }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit_variant(self, _n: &'static str, _i: u32, _v: &'static str) -> Result<()> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(unsupported(self.w, "a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unsupported(self.w, "a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unsupported(self.w, "a tuple variant"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(unsupported(self.w, "a map"))
    }
    fn serialize_struct(self, _n: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _value: &T,
    ) -> Result<()> {
        if name == EXTRA_TOKEN {
            // An empty Extra hands nothing over.
            return match raw::take() {
                None => Ok(()),
                Some(Stashed::Extra(e)) => self.w.extra(e),
                Some(Stashed::Raw(_)) => Err(self
                    .w
                    .error("internal: raw element where extra content was expected")),
            };
        }
        Err(unsupported(self.w, "a `$extra` field that is not an Extra"))
    }
}
