use super::{CheckpointDisk, CheckpointDisks, CheckpointParent, CheckpointType, DomainCheckpoint};
use crate::devices::{Disk, DiskDevice, DiskDriver, DiskSource, DiskTarget, Marker};
use crate::devices::{DiskType, StorageFormat};
use crate::domain::Domain;
use crate::error::Error;

#[test]
fn checkpoint_is_written_as_libvirt_writes_it() {
    let checkpoint = DomainCheckpoint {
        name: Some("1525889631".into()),
        description: Some("Completion of updates after OS install".into()),
        parent: Some(CheckpointParent {
            name: Some("1525111885".into()),
            ..Default::default()
        }),
        creation_time: Some(1525889631),
        disks: Some(CheckpointDisks {
            disks: vec![
                CheckpointDisk {
                    bitmap: Some("1525889631".into()),
                    size: Some(1048576),
                    ..CheckpointDisk::bitmap("vda")
                },
                CheckpointDisk::excluded("vdb"),
            ],
            ..Default::default()
        }),
        ..Default::default()
    };
    let xml = "<domaincheckpoint>\n  <name>1525889631</name>\n  \
        <description>Completion of updates after OS install</description>\n  \
        <parent>\n    <name>1525111885</name>\n  </parent>\n  \
        <creationTime>1525889631</creationTime>\n  <disks>\n    \
        <disk name='vda' checkpoint='bitmap' bitmap='1525889631' size='1048576'/>\n    \
        <disk name='vdb' checkpoint='no'/>\n  </disks>\n</domaincheckpoint>";
    assert_eq!(checkpoint.to_xml().unwrap(), xml);
    assert_eq!(DomainCheckpoint::from_xml_strict(xml).unwrap(), checkpoint);
    assert!(checkpoint.validate().is_ok());
}

#[test]
fn embedded_domain_is_a_domain_and_empty_differs_from_missing() {
    let text = "<domaincheckpoint><description/><domain type='kvm'><name>g</name>\
        <memory>1048576</memory></domain></domaincheckpoint>";
    let checkpoint = DomainCheckpoint::from_xml_strict(text).unwrap();
    assert_eq!(checkpoint.description.as_deref(), Some(""));
    let domain = checkpoint.domain.as_deref().unwrap();
    assert_eq!(domain.name.as_deref(), Some("g"));
    let written = checkpoint.to_xml().unwrap();
    assert!(written.contains("<description/>"), "{written}");
    assert!(
        written.contains("  <domain type='kvm'>\n    <name>g</name>"),
        "{written}"
    );
    assert_eq!(DomainCheckpoint::from_xml(&written).unwrap(), checkpoint);
    let bare = DomainCheckpoint::from_xml("<domaincheckpoint/>").unwrap();
    assert_eq!(bare.description, None);
}

#[test]
fn unknown_content_is_kept_reported_and_refused_when_strict() {
    let text = "<domaincheckpoint>\n  <disks>\n    <disk name='vda' colour='red'/>\n  \
        </disks>\n</domaincheckpoint>";
    let checkpoint = DomainCheckpoint::from_xml(text).unwrap();
    let unmodelled = checkpoint.unmodelled();
    assert_eq!(unmodelled.len(), 1);
    assert_eq!(unmodelled[0].path, "/domaincheckpoint/disks/disk/@colour");
    assert!(checkpoint.to_xml().unwrap().contains("colour='red'"));
    match DomainCheckpoint::from_xml_strict(text).unwrap_err() {
        Error::Unmodelled { path, position, .. } => {
            assert_eq!(path, "/domaincheckpoint/disks/disk/@colour");
            assert_eq!((position.line, position.column), (3, 22));
        }
        other => panic!("{other:?}"),
    }
    let err = DomainCheckpoint::from_xml(
        "<domaincheckpoint>\n<creationTime>soon</creationTime>\n</domaincheckpoint>",
    )
    .unwrap_err();
    match err {
        Error::Parse { path, position, .. } => {
            assert_eq!(path, "/domaincheckpoint/creationTime");
            assert_eq!(position.line, 2);
        }
        other => panic!("{other:?}"),
    }
    assert!(DomainCheckpoint::from_xml("<domainbackup/>").is_err());
}

#[test]
fn validate_reports_schema_rules_with_paths() {
    let checkpoint = DomainCheckpoint {
        name: Some(".hidden".into()),
        disks: Some(CheckpointDisks {
            disks: vec![
                CheckpointDisk {
                    bitmap: Some("b".into()),
                    ..CheckpointDisk::excluded("vda")
                },
                CheckpointDisk::bitmap("vda"),
                CheckpointDisk::bitmap("nvme0"),
                CheckpointDisk::default(),
            ],
            ..Default::default()
        }),
        ..Default::default()
    };
    let err = checkpoint.validate().unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/domaincheckpoint/name",
            "/domaincheckpoint/disks/disk[1]/@bitmap",
            "/domaincheckpoint/disks/disk[2]/@name",
            "/domaincheckpoint/disks/disk[3]/@name",
            "/domaincheckpoint/disks/disk[4]",
        ]
    );
}

fn disk(target: &str, format: Option<StorageFormat>) -> Disk {
    Disk {
        kind: Some(DiskType::File),
        device: Some(DiskDevice::Disk),
        driver: Some(DiskDriver {
            kind: format,
            ..Default::default()
        }),
        source: Some(DiskSource::file(format!(
            "/var/lib/libvirt/images/{target}.img"
        ))),
        target: Some(DiskTarget {
            dev: Some(target.into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn domain_with(disks: Vec<Disk>) -> Domain {
    let mut domain = Domain::default();
    for disk in disks {
        domain.devices_mut().devices.push(disk.into());
    }
    domain
}

#[test]
fn all_disks_leaves_out_read_only_and_empty_disks_and_refuses_raw_ones() {
    let cdrom = Disk {
        device: Some(DiskDevice::Cdrom),
        readonly: Some(Box::new(Marker::default())),
        ..disk("sda", Some(StorageFormat::Raw))
    };
    let empty = Disk {
        source: None,
        ..disk("vdc", None)
    };
    let domain = domain_with(vec![disk("vda", Some(StorageFormat::Qcow2)), cdrom, empty]);
    let checkpoint = DomainCheckpoint::all_disks(&domain, "c1").unwrap();
    let parts: Vec<(Option<&str>, bool)> = checkpoint
        .disk_entries()
        .iter()
        .map(|d| (d.name.as_deref(), d.takes_part()))
        .collect();
    assert_eq!(
        parts,
        [
            (Some("vda"), true),
            (Some("sda"), false),
            (Some("vdc"), false)
        ]
    );

    let raw = domain_with(vec![
        disk("vda", Some(StorageFormat::Qcow2)),
        disk("vdb", Some(StorageFormat::Raw)),
    ]);
    let err = DomainCheckpoint::all_disks(&raw, "c1").unwrap_err();
    assert_eq!(err.problems().len(), 1);
    assert_eq!(err.problems()[0].path, "/domaincheckpoint/disks/disk[2]");
    assert!(err.problems()[0]
        .message
        .contains("/domain/devices/disk[2]"));
    assert!(err.problems()[0].message.contains("raw"));
    // Leaving the raw disk out works.
    let checkpoint = DomainCheckpoint::of_disks(&raw, "c1", &["vda"]).unwrap();
    assert_eq!(
        checkpoint.disk_entries()[1].checkpoint,
        Some(CheckpointType::No)
    );
    assert!(checkpoint.check_against(&raw).is_ok());
}

#[test]
fn constructors_refuse_bad_names_unknown_disks_and_empty_choices() {
    let domain = domain_with(vec![disk("vda", Some(StorageFormat::Qcow2))]);
    let err = DomainCheckpoint::all_disks(&domain, "a/b").unwrap_err();
    assert_eq!(err.problems()[0].path, "/domaincheckpoint/name");
    let err = DomainCheckpoint::of_disks(&domain, "c1", &[]).unwrap_err();
    assert_eq!(err.problems()[0].path, "/domaincheckpoint/disks");
    let err = DomainCheckpoint::all_disks(&Domain::default(), "c1").unwrap_err();
    assert_eq!(err.problems()[0].path, "/domaincheckpoint");
}

#[test]
fn check_against_finds_disks_by_source_path_and_checks_implied_disks() {
    let domain = domain_with(vec![
        disk("vda", Some(StorageFormat::Qcow2)),
        disk("vdb", None),
    ]);
    let by_path = DomainCheckpoint {
        disks: Some(CheckpointDisks {
            disks: vec![
                CheckpointDisk::bitmap("/var/lib/libvirt/images/vda.img"),
                CheckpointDisk::excluded("vdb"),
            ],
            ..Default::default()
        }),
        ..Default::default()
    };
    assert!(by_path.check_against(&domain).is_ok());
    // Without <disks> every writable disk with media takes part: vdb has no format.
    let err = DomainCheckpoint::default()
        .check_against(&domain)
        .unwrap_err();
    assert_eq!(err.problems()[0].path, "/domaincheckpoint");
    assert!(err.problems()[0].message.contains("'vdb'"));
}
