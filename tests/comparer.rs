//! The corpus comparer itself: what it must catch and what it must let pass.

mod common;

use common::differences;

const BASE: &str = "<domain type='kvm' xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>guest</name>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' cache='none'/>
      <target dev='vda'/>
    </disk>
    <interface type='network'/>
    <disk type='file' device='cdrom'>
      <target dev='sda'/>
    </disk>
  </devices>
  <q:commandline>
    <q:arg value='-S'/>
  </q:commandline>
</domain>";

/// `BASE` with one substitution, which must be present.
fn edited(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from:?} is not in BASE");
    BASE.replacen(from, to, 1)
}

fn assert_differs(changed: &str, expected: &str) {
    let diffs = differences(BASE, changed);
    assert!(
        diffs.iter().any(|d| d == expected),
        "expected {expected:?} among {diffs:?}"
    );
}

fn assert_equivalent(changed: &str) {
    let diffs = differences(BASE, changed);
    assert!(diffs.is_empty(), "{diffs:?}");
}

#[test]
fn identical_documents_are_equivalent() {
    assert_equivalent(BASE);
}

#[test]
fn detects_a_missing_attribute() {
    assert_differs(
        &edited(" cache='none'", ""),
        "/domain/devices/disk[1]/driver/@cache: missing",
    );
}

#[test]
fn detects_an_added_attribute() {
    assert_differs(
        &edited("<target dev='vda'/>", "<target dev='vda' bus='virtio'/>"),
        "/domain/devices/disk[1]/target/@bus: unexpected \"virtio\"",
    );
}

#[test]
fn detects_a_changed_attribute_value() {
    assert_differs(
        &edited("cache='none'", "cache='writeback'"),
        "/domain/devices/disk[1]/driver/@cache: \"none\" became \"writeback\"",
    );
}

#[test]
fn detects_changed_text() {
    assert_differs(
        &edited("<name>guest</name>", "<name>guest </name>"),
        "/domain/name: text \"guest\" became \"guest \"",
    );
    assert_differs(
        &edited("<name>guest</name>", "<name/>"),
        "/domain/name: text \"guest\" became \"\"",
    );
}

#[test]
fn detects_a_dropped_element() {
    assert_differs(
        &edited("<interface type='network'/>", ""),
        "/domain/devices/interface: missing",
    );
    assert_differs(
        &edited(
            "<disk type='file' device='cdrom'>\n      <target dev='sda'/>\n    </disk>",
            "",
        ),
        "/domain/devices/disk[2]: missing",
    );
}

#[test]
fn detects_an_added_element() {
    assert_differs(
        &edited("<name>guest</name>", "<name>guest</name><title>t</title>"),
        "/domain/title: unexpected",
    );
}

#[test]
fn detects_swapped_same_named_siblings() {
    let swapped = "<domain type='kvm' xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>guest</name>
  <devices>
    <disk type='file' device='cdrom'>
      <target dev='sda'/>
    </disk>
    <interface type='network'/>
    <disk type='file' device='disk'>
      <driver name='qemu' cache='none'/>
      <target dev='vda'/>
    </disk>
  </devices>
  <q:commandline>
    <q:arg value='-S'/>
  </q:commandline>
</domain>";
    assert_differs(
        swapped,
        "/domain/devices/disk[1]/@device: \"disk\" became \"cdrom\"",
    );
}

#[test]
fn detects_a_changed_namespace_uri() {
    let changed = edited(
        "xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'",
        "xmlns:q='http://example.org/other'",
    );
    assert_differs(&changed, "/domain/q:commandline: missing");
    assert_differs(&changed, "/domain/q:commandline: unexpected");
}

#[test]
fn detects_a_namespaced_attribute_losing_its_namespace() {
    let original = "<a xmlns:x='urn:x' x:b='1'/>";
    let diffs = differences(original, "<a b='1'/>");
    assert!(diffs.contains(&"/a/@x:b: missing".to_owned()), "{diffs:?}");
    assert!(
        diffs.contains(&"/a/@b: unexpected \"1\"".to_owned()),
        "{diffs:?}"
    );
}

#[test]
fn detects_a_renamed_root() {
    let diffs = differences("<domain/>", "<network/>");
    assert_eq!(diffs, ["/domain: element domain became network"]);
}

#[test]
fn reports_malformed_output() {
    let diffs = differences(BASE, "<domain>");
    assert_eq!(diffs.len(), 1);
    assert!(
        diffs[0].starts_with("output is not well-formed"),
        "{diffs:?}"
    );
}

#[test]
fn accepts_reordered_attributes() {
    assert_equivalent(&edited(
        "<driver name='qemu' cache='none'/>",
        "<driver cache=\"none\" name=\"qemu\"/>",
    ));
}

#[test]
fn accepts_a_different_prefix_for_the_same_uri() {
    let original = BASE;
    let renamed = BASE
        .replace("xmlns:q=", "xmlns:qemu=")
        .replace("q:", "qemu:");
    assert!(differences(original, &renamed).is_empty());
    // A default namespace declaration is one more spelling of the same names.
    let defaulted = "<domain type='kvm'>
  <name>guest</name>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' cache='none'/>
      <target dev='vda'/>
    </disk>
    <interface type='network'/>
    <disk type='file' device='cdrom'>
      <target dev='sda'/>
    </disk>
  </devices>
  <commandline xmlns='http://libvirt.org/schemas/domain/qemu/1.0'>
    <arg value='-S'/>
  </commandline>
</domain>";
    assert!(differences(original, defaulted).is_empty());
}

#[test]
fn accepts_reordered_differently_named_siblings() {
    let reordered = "<domain type='kvm' xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'>
  <q:commandline>
    <q:arg value='-S'/>
  </q:commandline>
  <devices>
    <interface type='network'/>
    <disk type='file' device='disk'>
      <target dev='vda'/>
      <driver name='qemu' cache='none'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='sda'/>
    </disk>
  </devices>
  <name>guest</name>
</domain>";
    assert_equivalent(reordered);
}

#[test]
fn accepts_changed_indentation_comments_and_declaration() {
    let compact: String = BASE.lines().map(str::trim).collect();
    assert_equivalent(&compact);
    let spaced = format!(
        "<?xml version='1.0'?>\n<!-- written by hand -->\n{}",
        BASE.replace("\n", "\n\t\t")
    );
    assert_equivalent(&spaced);
}

#[test]
fn whitespace_only_text_is_layout_but_other_text_is_exact() {
    let original = "<domain><controller type='pci'>\n    </controller></domain>";
    assert!(differences(original, original).is_empty());
    assert!(differences(original, "<domain><controller type='pci'/></domain>").is_empty());
    let diffs = differences(
        "<domain><name> a </name></domain>",
        "<domain><name>a</name></domain>",
    );
    assert_eq!(diffs, ["/domain/name: text \" a \" became \"a\""]);
}
