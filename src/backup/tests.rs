use super::{
    BackupDisk, BackupDiskMode, BackupDiskState, BackupDiskType, BackupDisks, BackupDriver,
    BackupMode, BackupServer, BackupStorage, BackupTransport, DomainBackup,
};
use crate::devices::{
    DeviceSeclabel, Disk, DiskDevice, DiskDriver, DiskSource, DiskSourceFile, DiskTarget, DiskType,
    Encryption, EncryptionFormat, StorageFormat,
};
use crate::domain::Domain;
use crate::error::Error;
use crate::values::YesNo;

#[test]
fn pull_backup_is_written_as_libvirt_writes_it() {
    let backup = DomainBackup {
        mode: Some(BackupMode::Pull),
        incremental: Some("c1".into()),
        server: Some(BackupServer {
            tls: Some(YesNo::Yes),
            ..BackupServer::tcp("localhost", 10809)
        }),
        disks: Some(BackupDisks {
            disks: vec![
                BackupDisk {
                    name: Some("vda".into()),
                    backup: Some(YesNo::Yes),
                    kind: Some(BackupDiskType::File),
                    backupmode: Some(BackupDiskMode::Incremental),
                    incremental: Some("c1".into()),
                    exportname: Some("export-vda".into()),
                    exportbitmap: Some("bitmap-vda".into()),
                    driver: Some(BackupDriver::new(StorageFormat::Qcow2)),
                    scratch: Some(BackupStorage::File(DiskSourceFile {
                        file: Some("/var/tmp/vda.scratch".into()),
                        seclabels: vec![DeviceSeclabel {
                            model: Some("dac".into()),
                            relabel: Some(YesNo::No),
                            ..Default::default()
                        }],
                        ..Default::default()
                    })),
                    ..Default::default()
                },
                BackupDisk {
                    kind: Some(BackupDiskType::Block),
                    scratch: Some(BackupStorage::block("/dev/vg0/scratch")),
                    ..BackupDisk {
                        name: Some("vdb".into()),
                        ..Default::default()
                    }
                },
                BackupDisk::excluded("sda"),
            ],
            ..Default::default()
        }),
        ..Default::default()
    };
    let xml = "<domainbackup mode='pull'>\n  <incremental>c1</incremental>\n  \
        <server transport='tcp' tls='yes' name='localhost' port='10809'/>\n  <disks>\n    \
        <disk name='vda' backup='yes' type='file' backupmode='incremental' incremental='c1' \
        exportname='export-vda' exportbitmap='bitmap-vda'>\n      \
        <driver type='qcow2'/>\n      <scratch file='/var/tmp/vda.scratch'>\n        \
        <seclabel model='dac' relabel='no'/>\n      </scratch>\n    </disk>\n    \
        <disk name='vdb' type='block'>\n      <scratch dev='/dev/vg0/scratch'/>\n    \
        </disk>\n    <disk name='sda' backup='no'/>\n  </disks>\n</domainbackup>";
    assert_eq!(backup.to_xml().unwrap(), xml);
    assert_eq!(DomainBackup::from_xml_strict(xml).unwrap(), backup);
    assert!(backup.validate().is_ok(), "{:?}", backup.validate());
    assert_eq!(
        backup.disk_entries()[1].storage_path(),
        Some("/dev/vg0/scratch")
    );
}

#[test]
fn storage_follows_the_disk_type_and_unknown_types_are_kept() {
    let text = "<domainbackup>\n  <disks>\n    <disk name='vda' type='block'>\n      \
        <target dev='/dev/sdz'/>\n    </disk>\n    <disk name='vdb'>\n      \
        <target file='/b/vdb.qcow2'/>\n    </disk>\n    <disk name='vdc' type='network'>\n      \
        <target protocol='nbd'/>\n    </disk>\n  </disks>\n</domainbackup>";
    let backup = DomainBackup::from_xml(text).unwrap();
    let disks = backup.disk_entries();
    assert_eq!(disks[0].target, Some(BackupStorage::block("/dev/sdz")));
    assert_eq!(disks[1].target, Some(BackupStorage::file("/b/vdb.qcow2")));
    assert!(matches!(disks[2].target, Some(BackupStorage::Other(_))));
    assert_eq!(disks[2].kind, Some(BackupDiskType::Other("network".into())));
    let mut paths: Vec<String> = backup.unmodelled().into_iter().map(|u| u.path).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/domainbackup/disks/disk[3]/@type",
            "/domainbackup/disks/disk[3]/target/@protocol"
        ]
    );
    assert_eq!(
        DomainBackup::from_xml(&backup.to_xml().unwrap()).unwrap(),
        backup
    );
    match DomainBackup::from_xml_strict(text).unwrap_err() {
        Error::Unmodelled { path, position, .. } => {
            assert_eq!(path, "/domainbackup/disks/disk[3]/@type");
            assert_eq!(position.line, 9);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn status_xml_parts_are_modelled_and_refused_by_validate() {
    let text = "<domainbackup mode='pull'>\n  \
        <server transport='unix' socket='/run/b.sock'/>\n  <disks>\n    \
        <disk name='vda' backup='yes' state='running' type='file' index='3'>\n      \
        <scratch file='/tmp/s'/>\n    </disk>\n  </disks>\n  <privateData>\n    \
        <objects>\n      <secret type='tlskey' alias='k'/>\n      <TLSx509 alias='t'/>\n    \
        </objects>\n  </privateData>\n</domainbackup>";
    let backup = DomainBackup::from_xml_strict(text).unwrap();
    assert_eq!(
        backup.disk_entries()[0].state,
        Some(BackupDiskState::Running)
    );
    assert_eq!(backup.disk_entries()[0].index, Some(3));
    let objects = backup
        .private_data
        .as_ref()
        .unwrap()
        .objects
        .as_ref()
        .unwrap();
    assert_eq!(
        objects.tls_x509.as_ref().unwrap().alias.as_deref(),
        Some("t")
    );
    assert_eq!(backup.to_xml().unwrap(), text);
    let err = backup.validate().unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/domainbackup/disks/disk/@state",
            "/domainbackup/disks/disk/@index",
            "/domainbackup/privateData"
        ]
    );
}

#[test]
fn validate_reports_mode_server_and_storage_rules() {
    let encrypted = BackupStorage::File(DiskSourceFile {
        file: Some("relative.qcow2".into()),
        encryption: Some(Box::new(Encryption {
            format: Some(EncryptionFormat::Qcow),
            ..Default::default()
        })),
        ..Default::default()
    });
    let push = DomainBackup {
        server: Some(BackupServer::unix("/run/s")),
        disks: Some(BackupDisks {
            disks: vec![
                BackupDisk {
                    name: Some("vda".into()),
                    target: Some(encrypted),
                    exportname: Some("x".into()),
                    ..Default::default()
                },
                BackupDisk {
                    backupmode: Some(BackupDiskMode::Incremental),
                    scratch: Some(BackupStorage::file("/s")),
                    ..BackupDisk::excluded("vdb")
                },
                BackupDisk {
                    kind: Some(BackupDiskType::Block),
                    target: Some(BackupStorage::file("/f")),
                    ..BackupDisk::excluded("vda")
                },
            ],
            ..Default::default()
        }),
        ..Default::default()
    };
    let err = push.validate().unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/domainbackup/server",
            "/domainbackup/disks/disk[1]/@exportname",
            "/domainbackup/disks/disk[1]/target/@file",
            "/domainbackup/disks/disk[1]/target/encryption/@format",
            "/domainbackup/disks/disk[1]/target/encryption",
            "/domainbackup/disks/disk[1]",
            "/domainbackup/disks/disk[2]/@backupmode",
            "/domainbackup/disks/disk[2]/scratch",
            "/domainbackup/disks/disk[3]/@type",
            "/domainbackup/disks/disk[3]/target",
            "/domainbackup/disks/disk[3]/@name",
        ],
        "{err}"
    );

    let pull = DomainBackup {
        mode: Some(BackupMode::Pull),
        server: Some(BackupServer {
            transport: Some(BackupTransport::Unix),
            socket: Some("relative.sock".into()),
            port: Some(1),
            ..Default::default()
        }),
        disks: Some(BackupDisks {
            disks: vec![
                BackupDisk {
                    name: Some("vda".into()),
                    driver: Some(BackupDriver::new(StorageFormat::Raw)),
                    target: Some(BackupStorage::file("/t")),
                    ..Default::default()
                },
                BackupDisk {
                    name: Some("vdb".into()),
                    kind: Some(BackupDiskType::Block),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }),
        ..Default::default()
    };
    let err = pull.validate().unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/domainbackup/server/@port",
            "/domainbackup/server/@socket",
            "/domainbackup/disks/disk[1]/target",
            "/domainbackup/disks/disk[1]/driver/@type",
            "/domainbackup/disks/disk[1]/driver",
            "/domainbackup/disks/disk[2]",
        ],
        "{err}"
    );
    let no_server = DomainBackup {
        mode: Some(BackupMode::Pull),
        ..Default::default()
    };
    assert_eq!(
        no_server.validate().unwrap_err().problems()[0].path,
        "/domainbackup"
    );
    let tcp_without_port = DomainBackup {
        server: Some(BackupServer {
            name: Some("localhost".into()),
            ..Default::default()
        }),
        ..no_server
    };
    assert!(tcp_without_port.validate().unwrap_err().problems()[0]
        .message
        .contains("port"));
}

fn disk(target: &str, format: StorageFormat) -> Disk {
    Disk {
        kind: Some(DiskType::File),
        device: Some(DiskDevice::Disk),
        driver: Some(DiskDriver {
            kind: Some(format),
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
fn push_and_pull_choose_disks_and_exclude_the_rest() {
    let domain = domain_with(vec![
        disk("vda", StorageFormat::Qcow2),
        disk("vdb", StorageFormat::Raw),
    ]);
    let push = DomainBackup::push(&domain, &["vdb"], "/srv/backup/").unwrap();
    let disks = push.disk_entries();
    assert_eq!(disks[0], BackupDisk::excluded("vda"));
    assert_eq!(disks[1].storage_path(), Some("/srv/backup/vdb.qcow2"));
    assert!(disks[1].scratch.is_none());
    assert!(push.validate().is_ok());

    let pull = DomainBackup::pull(
        &domain,
        &["vda", "vdb"],
        BackupServer::fd("nbd"),
        "/var/tmp",
    )
    .unwrap();
    assert!(pull.is_pull());
    assert_eq!(
        pull.disk_entries()[0].storage_path(),
        Some("/var/tmp/vda.scratch")
    );
    assert!(pull.disk_entries()[0].target.is_none());

    // An incremental backup needs qcow2 disks.
    let mut incremental = push.clone();
    incremental.incremental = Some("c1".into());
    let err = incremental.check_against(&domain).unwrap_err();
    assert_eq!(err.problems()[0].path, "/domainbackup/disks/disk[2]");
    assert!(err.problems()[0].message.contains("qcow2"));
}

#[test]
fn constructors_refuse_unknown_disks_bad_dirs_servers_and_empty_choices() {
    let domain = domain_with(vec![disk("vda", StorageFormat::Qcow2)]);
    let err = DomainBackup::push(&domain, &["vdz"], "/b").unwrap_err();
    assert_eq!(err.problems()[0].path, "/domainbackup/disks/disk[2]/@name");
    let err = DomainBackup::push(&domain, &["vda"], "relative").unwrap_err();
    assert_eq!(
        err.problems()[0].path,
        "/domainbackup/disks/disk/target/@file"
    );
    let err = DomainBackup::push(&domain, &[], "/b").unwrap_err();
    assert_eq!(err.problems()[0].path, "/domainbackup/disks");
    let server = BackupServer {
        port: None,
        ..BackupServer::tcp("localhost", 1)
    };
    let err = DomainBackup::pull(&domain, &["vda"], server, "/tmp").unwrap_err();
    assert_eq!(err.problems()[0].path, "/domainbackup/server");
    let empty = Disk {
        source: None,
        ..disk("vdb", StorageFormat::Qcow2)
    };
    let err = DomainBackup::push(&domain_with(vec![empty]), &["vdb"], "/b").unwrap_err();
    assert!(err.problems()[0].message.contains("no media"));
}

#[test]
fn omitted_disks_mean_every_writable_disk_named_after_its_source() {
    let block = Disk {
        kind: Some(DiskType::Block),
        source: Some(DiskSource::block("/dev/vg0/data")),
        ..disk("vdb", StorageFormat::Raw)
    };
    let domain = domain_with(vec![disk("vda", StorageFormat::Qcow2), block]);
    let err = DomainBackup::default().check_against(&domain).unwrap_err();
    assert_eq!(err.problems().len(), 1);
    assert!(err.problems()[0].message.contains("'vdb'"), "{err}");
}
