//! Tests of the codec's conventions with small test-only types (and the model's
//! `value_enum!`, which is why they live outside `src/xml/`).

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, YesNo};
use crate::xml::{self, Extra, RawElement, Unmodelled};
use crate::xml::{Error, Position};

/// The codec's writer with no namespace prefixes of the caller's.
fn to_string<T: Serialize + ?Sized>(value: &T, root: &'static str) -> xml::Result<String> {
    xml::to_string(value, root, &[])
}

/// The codec's unknown-content walk with no namespace prefixes of the caller's.
fn unmodelled<T: Serialize + ?Sized>(value: &T, root: &'static str) -> Vec<Unmodelled> {
    xml::unmodelled(value, root, &[])
}

value_enum! {
    /// A test enum.
    pub enum Bus {
        /// virtio
        Virtio = "virtio",
        /// usb
        Usb = "usb",
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct Root {
    #[serde(rename = "@type")]
    kind: Option<String>,
    #[serde(rename = "@count")]
    count: Option<u32>,
    name: Option<String>,
    description: Option<String>,
    size: Option<Size>,
    item: Vec<Item>,
    flag: Option<Flag>,
    address: Option<Address>,
    list: Option<List>,
    #[serde(rename = "{urn:test}cmd")]
    cmd: Option<Cmd>,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct Size {
    #[serde(rename = "@unit")]
    unit: Option<String>,
    #[serde(rename = "$text")]
    value: u64,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct Item {
    #[serde(rename = "@bus")]
    bus: Option<Bus>,
    #[serde(rename = "@on")]
    on: Option<YesNo>,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct Flag {
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "@type")]
enum Address {
    #[serde(rename = "pci")]
    Pci(Pci),
    #[serde(rename = "drive")]
    Drive(Drive),
    #[serde(rename = "$other")]
    Other(OtherAddress),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct Pci {
    #[serde(rename = "@slot")]
    slot: Option<crate::values::Uint>,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct Drive {
    #[serde(rename = "@unit")]
    unit: Option<u32>,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct OtherAddress {
    #[serde(rename = "@type")]
    kind: Option<String>,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct List {
    #[serde(rename = "$value")]
    entries: Vec<Entry>,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Entry {
    #[serde(rename = "a")]
    A(Item),
    #[serde(rename = "b")]
    B(String),
    #[serde(rename = "$raw")]
    Other(RawElement),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct Cmd {
    #[serde(rename = "{urn:test}arg")]
    args: Vec<Arg>,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct Arg {
    #[serde(rename = "@value")]
    value: String,
    #[serde(rename = "$extra")]
    extra: Extra,
}

fn parse(s: &str) -> Root {
    xml::from_str(s, "root").unwrap_or_else(|e| panic!("{e}\n{s}"))
}

fn write(r: &Root) -> String {
    to_string(r, "root").unwrap()
}

#[test]
fn table_value_to_exact_xml_and_back() {
    let root = Root {
        kind: Some("kvm".into()),
        count: Some(2),
        name: Some("a<b&'c'".into()),
        size: Some(Size {
            unit: Some("GiB".into()),
            value: 4,
            ..Default::default()
        }),
        item: vec![
            Item {
                bus: Some(Bus::Virtio),
                on: Some(YesNo::Yes),
                ..Default::default()
            },
            Item {
                bus: Some(Bus::Other("new-bus".into())),
                ..Default::default()
            },
        ],
        flag: Some(Flag::default()),
        address: Some(Address::Pci(Pci {
            slot: Some("0x02".parse().unwrap()),
            ..Default::default()
        })),
        list: Some(List {
            entries: vec![Entry::B("x".into()), Entry::A(Item::default())],
            ..Default::default()
        }),
        cmd: Some(Cmd {
            args: vec![Arg {
                value: "-device".into(),
                ..Default::default()
            }],
            ..Default::default()
        }),
        ..Default::default()
    };
    let expected = "<root type='kvm' count='2' xmlns:ns0='urn:test'>
  <name>a&lt;b&amp;'c'</name>
  <size unit='GiB'>4</size>
  <item bus='virtio' on='yes'/>
  <item bus='new-bus'/>
  <flag/>
  <address type='pci' slot='0x02'/>
  <list>
    <b>x</b>
    <a/>
  </list>
  <ns0:cmd>
    <ns0:arg value='-device'/>
  </ns0:cmd>
</root>";
    assert_eq!(write(&root), expected);
    assert_eq!(parse(expected), root);
}

#[test]
fn unknown_content_is_kept_in_place_and_reported() {
    let doc = "<root type='kvm' new='1'>
  <name>n</name>
  <future a='b'><deep>t</deep></future>
  <item bus='usb' extra='x'/>
  <name>second</name>
  <list><a/><zzz k='v'/><b>y</b></list>
  <address type='weird' foo='bar'/>
</root>";
    let root = parse(doc);
    assert_eq!(root.name.as_deref(), Some("n"));
    assert_eq!(root.extra.attributes.len(), 1);
    assert_eq!(root.extra.nodes.len(), 2, "future and the second name");
    assert_eq!(root.item[0].extra.attributes[0].value, "x");
    let list = root.list.as_ref().unwrap();
    assert!(matches!(&list.entries[1], Entry::Other(r) if r.element.name.local == "zzz"));
    assert!(matches!(&root.address, Some(Address::Other(o)) if o.kind.as_deref() == Some("weird")));
    let paths: Vec<_> = unmodelled(&root, "root")
        .into_iter()
        .map(|u| u.path)
        .collect();
    assert_eq!(
        paths,
        [
            "/root/@new",
            "/root/future",
            "/root/item/@extra",
            "/root/name[2]",
            "/root/list/zzz",
            "/root/address/@foo"
        ]
    );
    let again = parse(&write(&root));
    assert_eq!(again, root);
    let out = write(&root);
    assert!(
        out.contains("<future a='b'>\n    <deep>t</deep>\n  </future>"),
        "{out}"
    );
    assert!(out.contains("<address type='weird' foo='bar'/>"), "{out}");
}

#[test]
fn namespaces_match_by_uri_not_prefix() {
    let doc = "<root xmlns:q='urn:test'><q:cmd><q:arg value='1'/></q:cmd></root>";
    assert_eq!(parse(doc).cmd.unwrap().args[0].value, "1");
    let doc = "<root><cmd><arg value='1'/></cmd></root>";
    let root = parse(doc);
    assert!(root.cmd.is_none());
    assert_eq!(root.extra.nodes.len(), 1);
    let doc = "<root><x:meta xmlns:x='urn:other' x:a='1'><x:in/></x:meta></root>";
    let root = parse(doc);
    let out = write(&root);
    assert_eq!(
        out,
        "<root>\n  <x:meta xmlns:x='urn:other' x:a='1'>\n    <x:in/>\n  </x:meta>\n</root>"
    );
}

#[test]
fn empty_versus_missing() {
    let with_empty = parse("<root><description/></root>");
    assert_eq!(with_empty.description.as_deref(), Some(""));
    let missing = parse("<root/>");
    assert_eq!(missing.description, None);
    assert!(write(&with_empty).contains("<description/>"));
    assert!(!write(&missing).contains("description"));
    let spaces = parse("<root><description>  </description></root>");
    assert_eq!(spaces.description.as_deref(), Some("  "));
    assert_eq!(parse(&write(&spaces)), spaces);
}

#[test]
fn control_characters_round_trip_or_are_refused() {
    let root = Root {
        name: Some("tab\tnl\ncr\r end".into()),
        kind: Some("a\tb\nc\rd 'e' \"f\"".into()),
        ..Default::default()
    };
    assert_eq!(parse(&write(&root)), root);
    let bad = Root {
        name: Some("bell\u{7}".into()),
        ..Default::default()
    };
    let err = to_string(&bad, "root").unwrap_err().to_string();
    assert!(
        err.contains("/root/name") && err.contains("U+0007"),
        "{err}"
    );
}

#[test]
fn errors_name_path_and_position() {
    let err = xml::from_str::<Root>("<root>\n  <size>abc</size>\n</root>", "root").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2, column 3: /root/size: expected an unsigned integer, found \"abc\""
    );
    let err = xml::from_str::<Root>("<root count='-1'/>", "root").unwrap_err();
    assert_eq!(err.position(), Some(Position { line: 1, column: 7 }));
    assert!(err.to_string().contains("/root/@count"), "{err}");
    let err = xml::from_str::<Root>("<other/>", "root").unwrap_err();
    assert!(
        err.to_string().contains("expected the root element <root>"),
        "{err}"
    );
    let err = xml::from_str::<Root>("<root><item on='true'/></root>", "root").unwrap_err();
    assert!(
        err.to_string()
            .contains("/root/item/@on: expected 'yes' or 'no'"),
        "{err}"
    );
    let err = xml::from_str::<Root>("<root><name a='1'>x</name></root>", "root").unwrap_err();
    assert!(matches!(err, Error::Parse { .. }), "{err}");
}

#[test]
fn interleaved_lists_keep_order() {
    let root = parse("<root><item bus='usb'/><name>n</name><item bus='virtio'/></root>");
    assert_eq!(root.item.len(), 2);
    assert_eq!(root.item[0].bus, Some(Bus::Usb));
    assert_eq!(root.item[1].bus, Some(Bus::Virtio));
}

#[test]
fn value_enums_keep_unknown_values() {
    assert_eq!(Bus::KNOWN, [Bus::Virtio, Bus::Usb]);
    assert_eq!(Bus::from("virtio"), Bus::Virtio);
    assert_eq!(Bus::from("ps9"), Bus::Other("ps9".into()));
    assert_eq!(Bus::Other("ps9".into()).to_string(), "ps9");
}

#[test]
fn namespaced_root_declares_its_namespace() {
    let cmd = Cmd {
        args: vec![Arg {
            value: "x".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let out = to_string(&cmd, "{urn:test}cmd").unwrap();
    assert_eq!(
        out,
        "<ns0:cmd xmlns:ns0='urn:test'>\n  <ns0:arg value='x'/>\n</ns0:cmd>"
    );
    assert_eq!(xml::from_str::<Cmd>(&out, "{urn:test}cmd").unwrap(), cmd);
}

fn raw(ns: Option<&str>, prefix: Option<&str>, local: &str) -> crate::xml::Element {
    crate::xml::Element {
        name: crate::xml::Name {
            namespace: ns.map(str::to_owned),
            prefix: prefix.map(str::to_owned),
            local: local.to_owned(),
        },
        ..Default::default()
    }
}

#[test]
fn prefixes_never_rebind_a_namespace_in_scope() {
    let mut outer = raw(Some("urn:a"), Some("p"), "x");
    outer.attributes.push(crate::xml::Attribute {
        name: crate::xml::Name {
            namespace: Some("urn:b".into()),
            prefix: Some("p".into()),
            local: "y".into(),
        },
        value: "v".into(),
        position: Position::default(),
    });
    let mut inner = raw(Some("urn:a"), Some("p"), "c");
    inner.attributes.push(crate::xml::Attribute {
        name: crate::xml::Name {
            namespace: Some("urn:qemu-like".into()),
            prefix: Some("qemu".into()),
            local: "z".into(),
        },
        value: "w".into(),
        position: Position::default(),
    });
    outer.children.push(crate::xml::Node::Element(inner));
    let root = Root {
        list: Some(List {
            entries: vec![Entry::Other(RawElement::new(outer))],
            ..Default::default()
        }),
        cmd: Some(Cmd {
            args: vec![Arg::default()],
            ..Default::default()
        }),
        ..Default::default()
    };
    let out = write(&root);
    assert_eq!(parse(&out), root, "{out}");
}

#[test]
fn names_built_in_code_that_would_not_read_back_are_refused() {
    let with_raw = |element| Root {
        list: Some(List {
            entries: vec![Entry::Other(RawElement::new(element))],
            ..Default::default()
        }),
        ..Default::default()
    };
    for local in ["", " ", "1x", "a:b", "''"] {
        let err = to_string(&with_raw(raw(None, None, local)), "root").unwrap_err();
        assert!(
            err.to_string().contains("not an XML name"),
            "{local:?}: {err}"
        );
    }
    let mut element = raw(None, None, "x");
    element.attributes.push(crate::xml::Attribute {
        name: crate::xml::Name::local("xmlns"),
        value: "urn:a".into(),
        position: Position::default(),
    });
    let err = to_string(&with_raw(element), "root").unwrap_err();
    assert!(err.to_string().contains("namespace declaration"), "{err}");
    // A prefix that is not a name is replaced, not written.
    let root = with_raw(raw(Some("urn:a"), Some("a b"), "x"));
    let out = write(&root);
    assert!(out.contains("<ns0:x xmlns:ns0='urn:a'/>"), "{out}");
    assert_eq!(parse(&out), root);
}

#[test]
fn unknown_attributes_after_children_are_written_in_the_start_tag() {
    let root = parse(
        "<root x-a='1' m:b='2' xmlns:m='urn:m'><name>n</name><x-c/><cmd xmlns='urn:test'/></root>",
    );
    let out = write(&root);
    assert!(
        out.starts_with("<root xmlns:ns0='urn:test' x-a='1' xmlns:m='urn:m' m:b='2'>"),
        "{out}"
    );
    assert_eq!(parse(&out), root);
}

#[test]
fn namespace_declarations_are_unescaped() {
    let root = parse("<root><m:app xmlns:m='urn:a&amp;b'/></root>");
    let crate::xml::Node::Element(e) = &root.extra.nodes[0] else {
        panic!("{root:?}")
    };
    assert_eq!(e.name.namespace.as_deref(), Some("urn:a&b"));
    assert_eq!(parse(&write(&root)), root);
    let err = xml::from_str::<Root>("<root><m:app/></root>", "root").unwrap_err();
    assert!(
        err.to_string().contains("unknown namespace prefix"),
        "{err}"
    );
}

#[test]
fn a_tag_spelled_like_the_fallback_is_just_unknown() {
    let root = parse("<root><address type='$other'/></root>");
    assert!(
        matches!(&root.address, Some(Address::Other(o)) if o.kind.as_deref() == Some("$other")),
        "{root:?}"
    );
    assert_eq!(parse(&write(&root)), root);
}

#[test]
fn raw_content_built_in_code_is_reported_too() {
    let root = Root {
        list: Some(List {
            entries: vec![Entry::Other(RawElement::new(raw(None, None, "gizmo")))],
            ..Default::default()
        }),
        ..Default::default()
    };
    let found = unmodelled(&root, "root");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "/root/list/gizmo");
    assert_eq!(found[0].position, None);
    let again = parse(&write(&root));
    assert_eq!(unmodelled(&again, "root").len(), 1);
}

// ---------------------------------------------------------------------------------
// Enums tagged by an attribute of the parent element (`^@type`).

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct Holder {
    #[serde(rename = "@type")]
    kind: Option<String>,
    source: Option<Shape>,
    #[serde(rename = "peer")]
    peers: Vec<Shape>,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "^@type=file")]
enum Shape {
    #[serde(rename = "file")]
    File(FileShape),
    #[serde(rename = "block")]
    Block(BlockShape),
    #[serde(rename = "$other")]
    Other(OtherShape),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct FileShape {
    #[serde(rename = "@file")]
    file: Option<String>,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct BlockShape {
    #[serde(rename = "@dev")]
    dev: Option<String>,
    #[serde(rename = "@type")]
    kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct OtherShape {
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "^@type")]
enum Strict {
    #[serde(rename = "file")]
    File(FileShape),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
struct StrictHolder {
    #[serde(rename = "@type")]
    kind: Option<String>,
    source: Option<Strict>,
}

#[test]
fn parent_attribute_chooses_the_variant() {
    let text = "<h type='block'>\n  <source dev='/dev/sda' type='pci'/>\n  <peer dev='/dev/sdb'/>\n  <peer dev='/dev/sdc'/>\n</h>";
    let h: Holder = xml::from_str(text, "h").unwrap();
    assert_eq!(h.kind.as_deref(), Some("block"));
    // The child's own `type` is content, not the tag.
    assert_eq!(
        h.source,
        Some(Shape::Block(BlockShape {
            dev: Some("/dev/sda".into()),
            kind: Some("pci".into()),
        }))
    );
    assert_eq!(h.peers.len(), 2);
    assert!(matches!(&h.peers[1], Shape::Block(b) if b.dev.as_deref() == Some("/dev/sdc")));
    // The tag is written once, by the parent's field.
    assert_eq!(to_string(&h, "h").unwrap(), text);
    assert!(unmodelled(&h, "h").is_empty());
}

#[test]
fn parent_tag_default_unknown_and_missing() {
    // No attribute on the parent: the named default.
    let h: Holder = xml::from_str("<h><source file='/a'/></h>", "h").unwrap();
    assert!(matches!(&h.source, Some(Shape::File(f)) if f.file.as_deref() == Some("/a")));
    assert_eq!(
        to_string(&h, "h").unwrap(),
        "<h>\n  <source file='/a'/>\n</h>"
    );

    // A value no variant knows: the fallback keeps the content and reports it.
    let text = "<h type='nbd'>\n  <source export='x'/>\n</h>";
    let h: Holder = xml::from_str(text, "h").unwrap();
    assert!(matches!(&h.source, Some(Shape::Other(_))));
    assert_eq!(to_string(&h, "h").unwrap(), text);
    let reports = unmodelled(&h, "h");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].path, "/h/source/@export");

    // A known shape whose content does not fit is kept in that variant's extra.
    let text = "<h type='file'>\n  <source dev='/dev/sda'/>\n</h>";
    let h: Holder = xml::from_str(text, "h").unwrap();
    assert_eq!(to_string(&h, "h").unwrap(), text);
    assert_eq!(unmodelled(&h, "h")[0].path, "/h/source/@dev");

    // No default and no fallback: an error naming the element and the position.
    let err = xml::from_str::<StrictHolder>("<h>\n <source file='/a'/>\n</h>", "h").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("/h/source"), "{message}");
    assert!(message.contains("line 2, column 2"), "{message}");
    assert!(message.contains("no 'type' attribute"), "{message}");
    let err = xml::from_str::<StrictHolder>("<h type='dir'><source/></h>", "h").unwrap_err();
    assert!(err.to_string().contains("\"dir\""), "{err}");
}

/// A field whose `Serialize` writes an `Extra` to another format (JSON) before it
/// writes itself, in the middle of an XML write.
#[cfg(feature = "json")]
struct WritesJsonFirst {
    extra: Extra,
    json: std::cell::RefCell<String>,
}

#[cfg(feature = "json")]
impl Serialize for WritesJsonFirst {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let json = serde_json::to_string(&self.extra).map_err(serde::ser::Error::custom)?;
        *self.json.borrow_mut() = json;
        serializer.serialize_unit()
    }
}

#[cfg(feature = "json")]
#[derive(Serialize)]
struct WithSideWriter {
    side: WritesJsonFirst,
    flag: Flag,
    #[serde(rename = "$extra")]
    extra: Extra,
}

#[cfg(feature = "json")]
#[test]
fn an_extra_written_elsewhere_leaves_nothing_for_the_next_element() {
    let unknown = parse("<root a='1'><other/></root>").extra;
    assert!(!unknown.is_empty());
    let value = WithSideWriter {
        side: WritesJsonFirst {
            extra: unknown,
            json: std::cell::RefCell::new(String::new()),
        },
        flag: Flag::default(),
        extra: Extra::default(),
    };
    let out = to_string(&value, "root").unwrap();
    assert_eq!(out, "<root>\n  <side/>\n  <flag/>\n</root>");
    // The other format got the plain shape.
    let json = value.side.json.borrow().clone();
    assert!(json.contains("\"attributes\""), "{json}");
    assert!(json.contains("\"other\""), "{json}");
    assert!(unmodelled(&value, "root").is_empty());
}
