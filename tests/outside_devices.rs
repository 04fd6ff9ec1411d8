//! Every family outside `<devices>` through `Domain`: strict parsing, typed access, and
//! libvirt's element order and layout on output (tests/fixtures/outside-devices.xml).

use libvirt_domain::devices::DiskSource;
use libvirt_domain::security::{LaunchSecurity, SeclabelType};
use libvirt_domain::sysinfo::{BiosEntryName, Sysinfo};
use libvirt_domain::Domain;

const FIXTURE: &str = include_str!("fixtures/outside-devices.xml");

#[test]
fn fixture_is_modelled_and_written_back_byte_for_byte() {
    let domain = Domain::from_xml_strict(FIXTURE).expect("strict parse");
    assert_eq!(domain.to_xml().unwrap() + "\n", FIXTURE);
}

#[test]
fn fixture_reads_into_typed_values() {
    let domain = Domain::from_xml(FIXTURE).unwrap();
    assert_eq!(domain.genid.as_deref(), Some(""));
    assert_eq!(
        domain.hwuuid.as_deref(),
        Some("5e3c1d2a-0f1b-4c3d-8e9f-a0b1c2d3e4f5")
    );
    assert_eq!(
        domain.libosinfo_os_id(),
        Some("http://fedoraproject.org/fedora/41")
    );
    assert_eq!(domain.bootloader.as_deref(), Some("/usr/bin/pygrub"));
    let Sysinfo::Smbios(smbios) = &domain.sysinfo[0] else {
        panic!("first sysinfo is smbios");
    };
    assert_eq!(
        smbios.bios.as_ref().unwrap().get(&BiosEntryName::Release),
        Some("1.2")
    );
    assert_eq!(domain.sysinfo[1].kind(), Some("fwcfg"));
    let nvram = domain.os.as_ref().unwrap().nvram.as_ref().unwrap();
    let Some(DiskSource::Block(vars)) = &nvram.source else {
        panic!("<nvram type='block'> has a block source");
    };
    assert_eq!(vars.dev.as_deref(), Some("/dev/mapper/fixture-vars"));
    assert_eq!(domain.idmap.as_ref().unwrap().uids[0].target, 1000);
    assert_eq!(domain.seclabel.len(), 2);
    assert_eq!(domain.seclabel[1].kind, Some(SeclabelType::Static));
    let Some(LaunchSecurity::SevSnp(snp)) = &domain.launch_security else {
        panic!("sev-snp launch security");
    };
    assert_eq!(snp.policy.unwrap().value, 0x30000);
    assert_eq!(domain.vmware_datacenterpath.as_deref(), Some("folder/dc"));
    assert_eq!(
        domain
            .lxc_namespace
            .as_ref()
            .unwrap()
            .sharenet
            .as_ref()
            .unwrap()
            .value
            .as_deref(),
        Some("other")
    );
}

#[test]
fn empty_genid_and_bootloader_differ_from_missing() {
    let empty = Domain::from_xml("<domain type='xen'><name>a</name><genid/><bootloader/></domain>")
        .unwrap();
    assert_eq!(empty.genid.as_deref(), Some(""));
    assert_eq!(empty.bootloader.as_deref(), Some(""));
    let back = Domain::from_xml(&empty.to_xml().unwrap()).unwrap();
    assert_eq!(back, empty);
    let missing = Domain::from_xml("<domain type='xen'><name>a</name></domain>").unwrap();
    assert_eq!(missing.genid, None);
    assert_eq!(missing.bootloader, None);
}

#[test]
fn namespaces_are_declared_only_when_used() {
    let domain = Domain::from_xml(
        "<domain type='lxc'><name>c</name>\
         <l:namespace xmlns:l='http://libvirt.org/schemas/domain/lxc/1.0'>\
         <l:shareuts type='pid' value='1'/></l:namespace></domain>",
    )
    .unwrap();
    let text = domain.to_xml().unwrap();
    assert!(
        text.starts_with(
            "<domain type='lxc' xmlns:lxc='http://libvirt.org/schemas/domain/lxc/1.0'>"
        ),
        "{text}"
    );
    assert!(!text.contains("qemu"), "{text}");
    assert!(
        text.contains("<lxc:shareuts type='pid' value='1'/>"),
        "{text}"
    );
}
