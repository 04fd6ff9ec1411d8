use super::{
    DomainSnapshot, MemorySnapshot, SnapshotDisk, SnapshotDomain, SnapshotMemory, SnapshotState,
};
use crate::devices::{DiskSnapshot, DiskSource, DiskType, StorageFormat};
use crate::domain::Domain;
use crate::error::Error;

/// The paths of the problems `result` reports.
fn paths(result: Result<(), Error>) -> Vec<String> {
    match result {
        Ok(()) => Vec::new(),
        Err(e) => e.problems().iter().map(|p| p.path.clone()).collect(),
    }
}

#[test]
fn a_snapshot_is_written_as_libvirt_writes_it() {
    let snapshot = DomainSnapshot {
        name: Some("snap".into()),
        state: Some(SnapshotState::DiskSnapshot),
        creation_time: Some(1_555_419_243),
        memory: Some(SnapshotMemory {
            snapshot: Some(MemorySnapshot::No),
            ..Default::default()
        }),
        disks: Some(super::SnapshotDisks {
            disks: vec![
                SnapshotDisk::external("vda", "/images/guest.snap"),
                SnapshotDisk::excluded("sda"),
            ],
            ..Default::default()
        }),
        ..Default::default()
    };
    let xml = "<domainsnapshot>\n  <name>snap</name>\n  <state>disk-snapshot</state>\n  \
        <creationTime>1555419243</creationTime>\n  <memory snapshot='no'/>\n  <disks>\n    \
        <disk name='vda' snapshot='external' type='file'>\n      <driver type='qcow2'/>\n      \
        <source file='/images/guest.snap'/>\n    </disk>\n    \
        <disk name='sda' snapshot='no'/>\n  </disks>\n</domainsnapshot>";
    assert_eq!(snapshot.to_xml().unwrap(), xml);
    assert_eq!(DomainSnapshot::from_xml(xml).unwrap(), snapshot);
}

#[test]
fn a_domain_without_type_is_its_uuid_and_one_with_a_type_is_whole() {
    let old = DomainSnapshot::from_xml_strict(
        "<domainsnapshot><domain><uuid>9d37b878-a7cc-9f9a-b78f-49b3abad25a8</uuid></domain>\
         </domainsnapshot>",
    )
    .unwrap();
    let Some(SnapshotDomain::Uuid(uuid)) = &old.domain else {
        panic!("a UUID-only domain: {old:?}")
    };
    assert_eq!(
        uuid.uuid.as_deref(),
        Some("9d37b878-a7cc-9f9a-b78f-49b3abad25a8")
    );
    assert!(old.domain().is_none());
    assert!(!old.to_xml().unwrap().contains("type="));

    let whole = DomainSnapshot::from_xml_strict(
        "<domainsnapshot><domain type='qemu'><name>g</name></domain>\
         <inactiveDomain type='kvm'><name>g</name></inactiveDomain></domainsnapshot>",
    )
    .unwrap();
    let domain = whole.domain().expect("a whole domain");
    assert_eq!(domain.kind, crate::DomainType::Qemu);
    assert_eq!(domain.name.as_deref(), Some("g"));
    assert_eq!(
        whole.inactive_domain.as_ref().unwrap().kind,
        crate::DomainType::Kvm
    );
    let xml = whole.to_xml().unwrap();
    assert!(xml.contains("<domain type='qemu'>"), "{xml}");
    assert!(xml.contains("<inactiveDomain type='kvm'>"), "{xml}");
    assert_eq!(DomainSnapshot::from_xml(&xml).unwrap(), whole);
}

#[test]
fn unknown_content_is_kept_and_reported() {
    let xml = "<domainsnapshot><name>s</name><x-new a='1'/><disks>\
               <disk name='vda' x-attr='2'/></disks></domainsnapshot>";
    let snapshot = DomainSnapshot::from_xml(xml).unwrap();
    let paths: Vec<String> = snapshot.unmodelled().into_iter().map(|u| u.path).collect();
    assert_eq!(
        paths,
        [
            "/domainsnapshot/x-new",
            "/domainsnapshot/disks/disk/@x-attr"
        ]
    );
    let err = DomainSnapshot::from_xml_strict(xml).unwrap_err();
    assert!(err.to_string().contains("/domainsnapshot/x-new"), "{err}");
    let again = DomainSnapshot::from_xml(&snapshot.to_xml().unwrap()).unwrap();
    assert_eq!(again, snapshot);
}

#[test]
fn a_disk_snapshot_source_follows_the_disk_type() {
    let snapshot = DomainSnapshot::from_xml(
        "<domainsnapshot><disks><disk name='vdb' snapshot='external' type='block'>\
         <source dev='/dev/vg/new'/></disk></disks></domainsnapshot>",
    )
    .unwrap();
    let disk = &snapshot.disks()[0];
    assert_eq!(disk.kind, Some(DiskType::Block));
    assert!(matches!(disk.source, Some(DiskSource::Block(_))));
    assert_eq!(disk.overlay_path(), Some("/dev/vg/new"));
}

fn two_disk_domain() -> Domain {
    Domain::builder("guest")
        .disk("/images/guest.qcow2")
        .disk("/images/data.raw")
        .cdrom("/isos/install.iso")
        .build()
        .unwrap()
}

#[test]
fn external_disks_overlays_writable_images_and_leaves_out_cdroms() {
    let domain = two_disk_domain();
    let snapshot = DomainSnapshot::external_disks(&domain, "pre").unwrap();
    let disks = snapshot.disks();
    assert_eq!(disks.len(), 3);
    assert_eq!(disks[0].name, "vda");
    assert_eq!(disks[0].overlay_path(), Some("/images/guest.pre"));
    assert_eq!(disks[1].overlay_path(), Some("/images/data.pre"));
    assert_eq!(disks[2].snapshot, Some(DiskSnapshot::No));
    assert_eq!(
        disks[0].driver.as_ref().unwrap().kind,
        Some(StorageFormat::Qcow2)
    );
    assert_eq!(
        snapshot.memory.as_ref().unwrap().snapshot,
        Some(MemorySnapshot::No)
    );
    assert!(snapshot.validate_for(&domain).is_ok());
}

#[test]
fn external_disks_refuses_bad_names_and_block_disks() {
    let domain = two_disk_domain();
    for name in ["", "a/b", "a\nb"] {
        let err = DomainSnapshot::external_disks(&domain, name).unwrap_err();
        assert_eq!(paths(Err(err)), ["/domainsnapshot/name"], "{name:?}");
    }
    let mut domain = domain;
    let disk = domain.disks_mut().next().unwrap();
    disk.kind = Some(DiskType::Block);
    disk.source = Some(DiskSource::block("/dev/vg/guest"));
    let err = DomainSnapshot::external_disks(&domain, "pre").unwrap_err();
    assert_eq!(paths(Err(err)), ["/domain/devices/disk[1]/source"]);
}

#[test]
fn an_overlay_named_like_the_image_collides() {
    // `guest.qcow2` with the snapshot name `qcow2` would overlay the image itself.
    let domain = two_disk_domain();
    let err = DomainSnapshot::external_disks(&domain, "qcow2").unwrap_err();
    assert_eq!(paths(Err(err)), ["/domainsnapshot/disks/disk[1]/source"]);
}

#[test]
fn validation_follows_libvirts_rules() {
    let domain = two_disk_domain();
    let mut snapshot = DomainSnapshot::external_disks(&domain, "pre").unwrap();
    let disks = &mut snapshot.disks.as_mut().unwrap().disks;
    disks[0].driver.as_mut().unwrap().kind = Some(StorageFormat::Raw);
    disks[1].name = "vdz".into();
    disks[2].source = Some(DiskSource::file("relative.qcow2"));
    assert_eq!(
        paths(snapshot.validate_for(&domain)),
        [
            "/domainsnapshot/disks/disk[1]/driver/@type",
            "/domainsnapshot/disks/disk[3]",
            "/domainsnapshot/disks/disk[3]/source",
            "/domainsnapshot/disks/disk[2]/@name",
        ]
    );
    // Without a domain only the disk's own rules apply.
    assert_eq!(paths(snapshot.validate()).len(), 3);

    let memory = DomainSnapshot::from_xml(
        "<domainsnapshot><state>shutoff</state><memory snapshot='internal' file='m'/>\
         <disks><disk name='vda' snapshot='external'/><disk name='vdb' snapshot='internal'/>\
         </disks></domainsnapshot>",
    )
    .unwrap();
    assert_eq!(
        paths(memory.validate()),
        [
            "/domainsnapshot/memory/@file",
            "/domainsnapshot/memory/@file",
            "/domainsnapshot/memory/@snapshot",
            "/domainsnapshot",
        ]
    );
}

#[test]
fn an_embedded_domain_is_checked_too() {
    let domain = two_disk_domain();
    let mut snapshot = DomainSnapshot::external_disks(&domain, "pre").unwrap();
    snapshot.disks.as_mut().unwrap().disks[1].name = "vda".into();
    assert!(snapshot.validate().is_ok(), "no domain: nothing to compare");
    snapshot.domain = Some(SnapshotDomain::Full(Box::new(domain)));
    assert_eq!(
        paths(snapshot.validate()),
        ["/domainsnapshot/disks/disk[2]/@name"]
    );
}
