use crate::diff::ChangeKind;
use crate::Domain;

fn domain(body: &str) -> Domain {
    Domain::from_xml(&format!(
        "<domain type='kvm'><name>vm</name>{body}</domain>"
    ))
    .expect("test domain parses")
}

fn diff(a: &str, b: &str) -> String {
    domain(a).diff(&domain(b)).expect("writes").to_string()
}

fn drift(desired: &str, live: &str) -> String {
    match domain(desired).applied_in(&domain(live)) {
        Ok(()) => String::new(),
        Err(drift) => drift.to_string(),
    }
}

#[test]
fn interfaces_match_by_mac_whatever_their_order() {
    let a = "<devices><interface type='network'><mac address='52:54:00:00:00:01'/><source network='a'/></interface>\
             <interface type='network'><mac address='52:54:00:00:00:02'/><source network='b'/></interface></devices>";
    let b = "<devices><interface type='network'><mac address='52:54:00:00:00:02'/><source network='c'/></interface>\
             <interface type='network'><mac address='52:54:00:00:00:01'/><source network='a'/></interface></devices>";
    assert_eq!(
        diff(a, b),
        "~ /domain/devices/interface[mac=52:54:00:00:00:02]/source/@network: \"b\" → \"c\"\n"
    );
}

#[test]
fn controllers_match_by_type_and_index_and_numbers_by_value() {
    let a = "<devices><controller type='pci' index='0' model='pcie-root'/>\
             <controller type='usb' index='0' model='qemu-xhci'>\
             <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x0'/></controller></devices>";
    let b = "<devices><controller type='usb' index='0' model='qemu-xhci'>\
             <address type='pci' domain='0' bus='0' slot='31' function='0'/></controller>\
             <controller type='pci' index='0' model='pcie-root'/>\
             <controller type='pci' index='1' model='pcie-root-port'/></devices>";
    assert_eq!(
        diff(a, b),
        "+ /domain/devices/controller[type=pci,index=1]: <controller type='pci' index='1' model='pcie-root-port'/>\n"
    );
}

#[test]
fn unkeyed_devices_match_by_order_within_their_kind() {
    let a = "<devices><serial type='pty'/><serial type='pty'><target port='1'/></serial></devices>";
    let b = "<devices><serial type='pty'/><serial type='pty'><target port='2'/></serial></devices>";
    assert_eq!(
        diff(a, b),
        "~ /domain/devices/serial[2]/target/@port: \"1\" → \"2\"\n"
    );
}

#[test]
fn a_changed_identity_is_a_removal_and_an_addition() {
    let a = "<devices><disk type='file' device='disk'><target dev='vda'/></disk></devices>";
    let b = "<devices><disk type='file' device='disk'><target dev='vdb'/></disk></devices>";
    let d = domain(a).diff(&domain(b)).expect("writes");
    let kinds: Vec<ChangeKind> = d.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Removed, ChangeKind::Added]);
    assert_eq!(d.changes[0].path, "/domain/devices/disk[dev=vda]");
    assert_eq!(d.changes[1].path, "/domain/devices/disk[dev=vdb]");
}

#[test]
fn a_changed_key_is_not_taken_by_a_keyless_sibling() {
    // Found by tests/diff_proptest.rs: the keyless seclabel used to be paired with the
    // one whose model changed, and the diff showed every field of both as changed.
    let a = "<seclabel model='dac'/><seclabel relabel='yes'><label>l</label></seclabel>";
    let b = "<seclabel model='selinux'/><seclabel relabel='yes'><label>l</label></seclabel>";
    assert_eq!(
        diff(a, b),
        "- /domain/seclabel[model=dac]: <seclabel model='dac'/>\n\
         + /domain/seclabel[model=selinux]: <seclabel model='selinux'/>\n"
    );
}

#[test]
fn text_and_empty_values_are_changes() {
    assert_eq!(
        diff("<description>a</description>", "<description/>"),
        "- /domain/description: \"a\"\n"
    );
    assert_eq!(diff("<title>x</title>", "<title>x</title>"), "");
    assert_eq!(
        diff("<title>x</title>", "<title>y\nz</title>"),
        "~ /domain/title: \"x\" → \"y\\nz\"\n"
    );
}

#[test]
fn machine_aliases_resolve_only_to_their_own_machine() {
    let q35 = "<os><type arch='x86_64' machine='q35'>hvm</type></os>";
    assert_eq!(
        drift(
            q35,
            "<os><type arch='x86_64' machine='pc-q35-10.0'>hvm</type></os>"
        ),
        ""
    );
    assert_eq!(
        drift(
            q35,
            "<os><type arch='x86_64' machine='pc-i440fx-10.0'>hvm</type></os>"
        ),
        "~ /domain/os/type/@machine: \"q35\" → \"pc-i440fx-10.0\"\n"
    );
    let virt = "<os><type arch='aarch64' machine='virt'>hvm</type></os>";
    assert_eq!(
        drift(
            virt,
            "<os><type arch='aarch64' machine='virt-9.2'>hvm</type></os>"
        ),
        ""
    );
    assert_ne!(
        drift(
            virt,
            "<os><type arch='aarch64' machine='virtual'>hvm</type></os>"
        ),
        ""
    );
}

#[test]
fn status_values_may_be_missing_but_not_different() {
    assert_eq!(drift("", ""), "");
    let with_id = Domain::from_xml("<domain type='kvm' id='3'><name>vm</name></domain>").unwrap();
    let other_id = Domain::from_xml("<domain type='kvm' id='4'><name>vm</name></domain>").unwrap();
    assert!(with_id.applied_in(&domain("")).is_ok());
    let err = with_id.applied_in(&other_id).unwrap_err();
    assert_eq!(err.to_string(), "~ /domain/@id: \"3\" → \"4\"\n");
}

#[test]
fn live_may_add_but_not_drop() {
    let desired = "<devices><disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk></devices>";
    let live = "<devices><disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/a.img'/>\
                <target dev='vda' bus='virtio'/><address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/></disk>\
                <controller type='usb' index='0'/></devices>";
    assert_eq!(drift(desired, live), "");
    assert_eq!(
        drift(desired, "<devices/>"),
        "- /domain/devices/disk[dev=vda]: <disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>\n"
    );
}

#[test]
fn cpu_sets_compare_as_sets() {
    assert_eq!(
        drift(
            "<vcpu cpuset='0-3,^2'>2</vcpu>",
            "<vcpu cpuset='0-1,3'>2</vcpu>"
        ),
        ""
    );
    assert_eq!(
        drift("<vcpu cpuset='0-3'>2</vcpu>", "<vcpu cpuset='0-2'>2</vcpu>"),
        "~ /domain/vcpu/@cpuset: \"0-3\" → \"0-2\"\n"
    );
}

#[test]
fn sizes_without_a_unit_use_libvirts_default() {
    assert_eq!(
        drift("<memory>1048576</memory>", "<memory unit='GiB'>1</memory>"),
        ""
    );
    assert_eq!(
        drift("<memory>1048576</memory>", "<memory unit='GiB'>2</memory>"),
        "~ /domain/memory: \"1 GiB\" → \"2 GiB\"\n"
    );
}

#[test]
fn drift_and_diff_serialise_as_path_kind_old_new() {
    let d = domain("<memory unit='GiB'>1</memory>")
        .diff(&domain("<memory unit='GiB'>2</memory>"))
        .unwrap();
    assert_eq!(d.len(), 1);
    let change = &d.changes[0];
    assert_eq!(change.path, "/domain/memory");
    assert_eq!(change.kind, ChangeKind::Changed);
    assert_eq!(change.old.as_deref(), Some("1 GiB"));
    assert_eq!(change.new.as_deref(), Some("2 GiB"));
}

#[test]
fn a_running_domain_reports_the_balloon_as_current_memory() {
    let desired = "<memory unit='GiB'>4</memory><currentMemory unit='GiB'>1</currentMemory>";
    let running =
        "<memory unit='KiB'>4194304</memory><currentMemory unit='KiB'>4194304</currentMemory>";
    let live = Domain::from_xml(&format!(
        "<domain type='kvm' id='7'><name>vm</name>{running}</domain>"
    ))
    .expect("live parses");
    assert!(domain(desired).applied_in(&live).is_ok());
    // The inactive definition must keep it, and a running one cannot exceed <memory>.
    assert!(drift(desired, running).contains("/domain/currentMemory"));
    let over = "<memory unit='GiB'>4</memory><currentMemory unit='GiB'>5</currentMemory>";
    let live = Domain::from_xml(&format!(
        "<domain type='kvm' id='7'><name>vm</name>{over}</domain>"
    ))
    .expect("live parses");
    assert!(domain(desired).applied_in(&live).is_err());
}
