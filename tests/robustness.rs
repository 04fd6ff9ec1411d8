//! Regression tests for what a mutation fuzzer found (issue 9): every input either
//! fails with a clear error and its line:column, or reads into a value that is written
//! and read back unchanged.

use libvirt_domain::cpu::Cpu;
use libvirt_domain::devices::Device;
use libvirt_domain::os::OsTypeKind;
use libvirt_domain::xml::MAX_DEPTH;
use libvirt_domain::{Domain, Error, Position};

/// The fuzzer's idempotence rule: `from_xml(x) = d`, `to_xml(d) = s`,
/// `from_xml(s) = d2 == d`, `to_xml(d2) == s`.
fn idempotent(xml: &str) -> Domain {
    let domain = Domain::from_xml(xml).unwrap_or_else(|e| panic!("{xml}: {e}"));
    let written = domain.to_xml().unwrap_or_else(|e| panic!("{xml}: {e}"));
    let back = Domain::from_xml(&written).unwrap_or_else(|e| panic!("{written}: {e}"));
    assert_eq!(back, domain, "{xml}\nwritten as\n{written}");
    assert_eq!(back.to_xml().unwrap(), written, "{xml}");
    domain
}

/// The same rule for a device fragment, which must also read back equal to the same
/// device inside a domain.
fn device_idempotent(xml: &str) -> Device {
    let device = Device::from_xml(xml).unwrap_or_else(|e| panic!("{xml}: {e}"));
    let written = device.to_xml().unwrap_or_else(|e| panic!("{xml}: {e}"));
    let back = Device::from_xml(&written).unwrap_or_else(|e| panic!("{written}: {e}"));
    assert_eq!(back, device, "{xml}\nwritten as\n{written}");
    assert_eq!(back.to_xml().unwrap(), written, "{xml}");
    let domain = idempotent(&format!(
        "<domain type='kvm'><devices>{xml}</devices></domain>"
    ));
    let inside = domain.devices.expect("devices").devices;
    assert_eq!(inside.len(), 1, "{xml}");
    assert_eq!(inside[0], device, "{xml}");
    device
}

/// `xml` is malformed, reported at `line:column` with a message containing `says`.
fn malformed_at(xml: &str, line: u32, column: u32, says: &str) {
    match Domain::from_xml(xml) {
        Err(Error::Syntax { position, message }) => {
            assert_eq!(position, Position { line, column }, "{xml}: {message}");
            assert!(message.contains(says), "{xml}: {message}");
        }
        other => panic!("{xml}: expected a syntax error, got {other:?}"),
    }
}

#[test]
fn namespace_uris_are_checked_like_every_value() {
    // A character written as itself is reported where it is; one a reference adds, at
    // the attribute.
    for (xml, column, says) in [
        (
            "<domain type='kvm'><q:x xmlns:q='a&#1;'/></domain>",
            25,
            "U+0001",
        ),
        (
            "<domain type='kvm'><q:x xmlns:q='a\u{0}'/></domain>",
            35,
            "U+0000",
        ),
        (
            "<domain type='kvm'><q:x xmlns:q='\u{1F}'/></domain>",
            34,
            "U+001F",
        ),
        (
            "<domain type='kvm'><q:x xmlns:q='\u{FFFE}'/></domain>",
            34,
            "U+FFFE",
        ),
        (
            "<domain type='kvm'><q:x xmlns:q='\u{FFFF}'/></domain>",
            34,
            "U+FFFF",
        ),
        (
            "<domain type='kvm'><x xmlns='a&#x1F;'/></domain>",
            23,
            "U+001F",
        ),
        ("<domain type='kvm' xmlns:a='&#xD800;'/>", 20, ""),
    ] {
        malformed_at(xml, 1, column, says);
    }
}

#[test]
fn characters_xml_forbids_are_refused_anywhere_in_the_document() {
    // In markup too, as libxml2 does: a comment, a tag's white space, after the root.
    malformed_at(
        "<domain type='kvm'><!-- \u{1} --></domain>",
        1,
        25,
        "U+0001",
    );
    malformed_at("<domain\u{8}type='kvm'/>", 1, 8, "U+0008");
    malformed_at("<domain type='kvm'/>\n\u{FFFF}", 2, 1, "U+FFFF");
    malformed_at(
        "<domain type='kvm'>\n  <name>a\u{1B}</name>\n</domain>",
        2,
        10,
        "U+001B",
    );
}

#[test]
fn namespace_uris_are_normalised_like_every_value() {
    // White space is folded and references expanded, as libxml2 does for any
    // attribute value; a character reference for a line feed stays one.
    let domain = idempotent("<domain type='kvm'><q:x xmlns:q='urn:a\tb&#10;c&amp;'/></domain>");
    let written = domain.to_xml().unwrap();
    assert!(written.contains("'urn:a b&#10;c&amp;'"), "{written}");
}

#[test]
fn names_that_are_not_xml_names_are_malformed() {
    for (xml, column, says) in [
        ("<domain type='kvm'>< /></domain>", 21, "element name"),
        (
            "<domain type='kvm'><'' a='1'/></domain>",
            21,
            "element name",
        ),
        ("<domain type='kvm'><1x/></domain>", 21, "element name"),
        (
            "<domain type='kvm'><a:b:c xmlns:a='urn:a'/></domain>",
            21,
            "element name",
        ),
        (
            "<domain type='kvm'><q: xmlns:q='urn:x'/></domain>",
            21,
            "element name",
        ),
        (
            "<domain type='kvm'><a ''='1'/></domain>",
            23,
            "attribute name",
        ),
        (
            "<domain type='kvm'><a 1b='1'/></domain>",
            23,
            "attribute name",
        ),
        ("<domain type='kvm' xmlns:='urn:x'/>", 20, "attribute name"),
        ("<domain type='kvm'x='1'/>", 19, "white space"),
        (
            "<domain type='kvm'><a b=\"1\"c='2'/></domain>",
            28,
            "white space",
        ),
    ] {
        malformed_at(xml, 1, column, says);
    }
    // Names outside ASCII are names too.
    idempotent("<domain type='kvm'><é·x ѩ='1'/></domain>");
}

#[test]
fn stray_text_around_a_modelled_child_reads_back_the_same() {
    let domain = idempotent("<domain type='kvm'>x<name>n</name>y</domain>");
    assert_eq!(domain.name.as_deref(), Some("n"));
    assert_eq!(domain.extra.nodes.len(), 1, "{:?}", domain.extra);
    // Unknown elements between the text pieces keep them apart.
    let domain = idempotent("<domain type='kvm'>x<x-a/>y<name>n</name>z</domain>");
    assert_eq!(domain.extra.nodes.len(), 3, "{:?}", domain.extra);
    // The same for a device, alone and inside a domain.
    device_idempotent("<video>a<model type='vga'/>b</video>");
    device_idempotent("<video>a<model type='vga'/>b<address type='pci'/>c</video>");
}

#[test]
fn empty_cdata_is_no_text() {
    let domain = idempotent("<domain type='kvm'><os><type><![CDATA[]]></type></os></domain>");
    let os = domain.os.expect("os");
    assert_eq!(os.kind.expect("type").kind, OsTypeKind::default());

    let domain = idempotent("<domain type='kvm'><cpu><model><![CDATA[]]></model></cpu></domain>");
    let cpu: Cpu = domain.cpu.expect("cpu");
    let model = cpu.model.expect("model");
    assert_eq!(model.name, None);
}

#[test]
fn too_many_namespace_bindings_are_reported_where_they_are() {
    let decls: String = (0..129).map(|i| format!(" xmlns:p{i}='urn:{i}'")).collect();
    let line = format!("    <x{decls}/>");
    let xml = format!("<domain type='kvm'>\n  <devices>\n{line}\n  </devices>\n</domain>");
    // At the declaration over the limit.
    let column = line.rfind("xmlns:p128").expect("the 129th") as u32 + 1;
    malformed_at(&xml, 3, column, "namespace declarations");
}

#[test]
fn a_root_in_another_namespace_is_named_with_it() {
    let xml = "<domain xmlns='http://libvirt.org/schemas/domain/qemu/1.0' type='kvm'/>";
    let err = Domain::from_xml(xml).expect_err(xml);
    let message = err.to_string();
    assert!(
        message.contains("<domain> in no namespace, found <domain> in the namespace 'http://libvirt.org/schemas/domain/qemu/1.0'"),
        "{message}"
    );
    assert!(message.starts_with("line 1, column 1:"), "{message}");
}

/// Runs `f` on a thread with a 2 MiB stack, the default for spawned threads and test
/// threads: what reading, writing and checking a document must fit in.
fn on_a_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no panic");
}

/// Everything the fuzzer does with a document that reads: write it, read it back,
/// compare, validate, list its unknown content.
fn exercise(xml: &str) -> Domain {
    let domain = idempotent(xml);
    let _ = domain.validate();
    let _ = domain.unmodelled();
    let copy = domain.clone();
    assert_eq!(copy, domain);
    domain
}

/// A disk whose backing chain is `images` long, its last image's `<source/>` at depth
/// `depth_of_disk + images + 1`.
fn disk_with_chain(images: usize) -> String {
    let mut s = String::from("<disk type='file' device='disk'><source file='/top.qcow2'/>");
    for i in 0..images {
        s.push_str(&format!(
            "<backingStore type='file' index='{}'><format type='qcow2'/><source file='/{i}.qcow2'/>",
            i + 1
        ));
    }
    s.push_str(&"</backingStore>".repeat(images));
    s.push_str("<target dev='vda' bus='virtio'/></disk>");
    s
}

#[test]
fn the_deepest_backing_chain_accepted_fits_a_small_stack() {
    on_a_small_stack(|| {
        // <domain>, <devices>, <disk>, the chain, and the last image's <source/>.
        let images = MAX_DEPTH - 4;
        let deepest = format!(
            "<domain type='kvm'><devices>{}</devices></domain>",
            disk_with_chain(images)
        );
        let domain = exercise(&deepest);
        let disk = domain
            .devices
            .as_ref()
            .unwrap()
            .disks()
            .next()
            .expect("disk");
        let chain = disk.backing_store.as_ref().expect("chain").chain().count();
        assert_eq!(chain, images);

        let too_deep = format!(
            "<domain type='kvm'><devices>{}</devices></domain>",
            disk_with_chain(images + 1)
        );
        let err = Domain::from_xml(&too_deep).expect_err("too deep");
        assert!(err.to_string().contains("nested deeper than 256"), "{err}");

        // A device fragment alone: the disk is the root.
        let fragment = disk_with_chain(MAX_DEPTH - 2);
        let device = Device::from_xml(&fragment).unwrap();
        let written = device.to_xml().unwrap();
        assert_eq!(Device::from_xml(&written).unwrap(), device);

        // That disk put in a domain is two levels deeper than the reader accepts:
        // writing it is refused, naming where, rather than writing what cannot be
        // read back.
        let mut domain = Domain::from_xml("<domain type='kvm'><devices/></domain>").unwrap();
        domain.devices_mut().push(device);
        let err = domain.to_xml().expect_err("too deep to read back");
        let message = err.to_string();
        assert!(message.contains("nested deeper than 256"), "{message}");
        assert!(
            message.contains("/domain/devices/disk/backingStore"),
            "{message}"
        );
    });
}

#[test]
fn the_deepest_unknown_content_accepted_fits_a_small_stack() {
    on_a_small_stack(|| {
        let nest = |depth: usize| {
            let inner = depth - 1;
            format!(
                "<domain type='kvm'>{}<x-leaf a='1'/>{}</domain>",
                "<x-a>".repeat(inner - 1),
                "</x-a>".repeat(inner - 1)
            )
        };
        exercise(&nest(MAX_DEPTH));
        let metadata = format!(
            "<domain type='kvm' xmlns:m='urn:m'><metadata>{}<m:leaf/>{}</metadata></domain>",
            "<m:a>".repeat(MAX_DEPTH - 3),
            "</m:a>".repeat(MAX_DEPTH - 3)
        );
        exercise(&metadata);
    });
}

/// Plain JSON carries every domain the XML reader accepts, however deep, and reads it
/// back on a small stack: a backing chain, unknown elements and metadata, each at the
/// deepest level the XML reader accepts (258, 514 and 509 JSON levels).
#[cfg(feature = "json")]
#[test]
fn the_deepest_documents_read_back_from_json_on_a_small_stack() {
    on_a_small_stack(|| {
        let chain = format!(
            "<domain type='kvm'><devices>{}</devices></domain>",
            disk_with_chain(MAX_DEPTH - 4)
        );
        let unknown = format!(
            "<domain type='kvm'>{}<x-leaf a='1'/>{}</domain>",
            "<x-a>".repeat(MAX_DEPTH - 2),
            "</x-a>".repeat(MAX_DEPTH - 2)
        );
        let metadata = format!(
            "<domain type='kvm' xmlns:m='urn:m'><metadata>{}<m:leaf/>{}</metadata></domain>",
            "<m:a>".repeat(MAX_DEPTH - 3),
            "</m:a>".repeat(MAX_DEPTH - 3)
        );
        for xml in [chain, unknown, metadata] {
            let domain = Domain::from_xml(&xml).expect("reads");
            let json = domain.to_json().expect("writes JSON");
            let back = Domain::from_json(&json).expect("reads JSON back");
            assert_eq!(back, domain);
        }
    });
}

/// JSON nested deeper than the limit is a clear error at the bracket that goes too
/// deep, never a stack overflow (an abort), and the limit itself still reads.
#[cfg(feature = "json")]
#[test]
fn json_nested_too_deep_is_an_error_not_an_abort() {
    use libvirt_domain::json::MAX_DEPTH as JSON_DEPTH;
    on_a_small_stack(|| {
        for depth in [JSON_DEPTH + 1, 100_000] {
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let err = Domain::from_json(&text).expect_err("too deep");
            let message = err.to_string();
            let place = format!("line 1, column {}:", JSON_DEPTH + 1);
            assert!(message.starts_with(&place), "{message}");
            let what = format!("arrays and objects nested deeper than {JSON_DEPTH}");
            assert!(message.ends_with(&what), "{message}");
        }
        // Brackets inside strings do not count; at the limit serde_json reads the
        // text (and the model then refuses an array where a domain belongs).
        let text = format!("{{\"name\": \"{}\"}}", "[{\\\"".repeat(JSON_DEPTH));
        let err = Domain::from_json(&text).expect_err("no type");
        assert!(!err.to_string().contains("nested deeper"), "{err}");
        let text = format!("{}{}", "[".repeat(JSON_DEPTH), "]".repeat(JSON_DEPTH));
        let err = Domain::from_json(&text).expect_err("an array is no domain");
        assert!(!err.to_string().contains("nested deeper"), "{err}");
    });
}
