//! `<domainbackup>` (src/backup/).

// Only the checkpoint and backup tests use these.
#![allow(dead_code)]

use libvirt_domain::backup::{
    BackupDisk, BackupDiskMode, BackupDiskState, BackupDiskType, BackupDisks, BackupDriver,
    BackupMode, BackupPrivateData, BackupPrivateObjects, BackupServer, BackupStorage,
    BackupTransport, DomainBackup, PrivateAlias, PrivateSecret, PrivateSecretType,
};
use libvirt_domain::devices::{OtherSource, StorageFormat};
use proptest::prelude::*;

use super::devices::disk_source::{block, file};
use super::values::{text, yes_no};
use super::xml::extra;
use super::{list, opt};

fn server() -> BoxedStrategy<BackupServer> {
    structure!(BackupServer {
        transport: opt(value_enum!(BackupTransport)),
        tls: opt(yes_no()),
        name: opt(text()),
        port: opt(any::<u32>()),
        socket: opt(text()),
        fdgroup: opt(text()),
        extra: extra(),
    })
}

/// A `type` that is neither `file` nor `block` (so it selects the fallback).
fn unknown_type() -> BoxedStrategy<String> {
    text()
        .prop_filter("a backup disk type", |s| {
            matches!(BackupDiskType::from(s.as_str()), BackupDiskType::Other(_))
        })
        .boxed()
}

/// A backup disk's `type` and its storage, in agreement (the `type` chooses the
/// variant when reading): a file storage with or without `type='file'`, a block one
/// with `type='block'`, the fallback with an unknown `type`, or no storage with any.
fn kind_and_storage() -> BoxedStrategy<(Option<BackupDiskType>, Option<BackupStorage>)> {
    let storage = prop_oneof![
        file(1).prop_map(BackupStorage::File),
        block(1).prop_map(BackupStorage::Block),
        structure!(OtherSource { extra: extra() }).prop_map(BackupStorage::Other),
    ];
    let stored = (storage, any::<bool>(), unknown_type()).prop_map(|(storage, omit, unknown)| {
        let kind = match storage.kind() {
            Some(BackupDiskType::File) if omit => None,
            Some(kind) => Some(kind),
            None => Some(BackupDiskType::Other(unknown)),
        };
        (kind, Some(storage))
    });
    prop_oneof![
        1 => opt(value_enum!(BackupDiskType)).prop_map(|kind| (kind, None)),
        3 => stored,
    ]
    .boxed()
}

fn disk() -> BoxedStrategy<BackupDisk> {
    // `target` and `scratch` share the disk's `type`: each holds the drawn storage or
    // nothing.
    let storage = (kind_and_storage(), any::<bool>(), any::<bool>()).prop_map(
        |((kind, storage), in_target, in_scratch)| {
            let target = storage.clone().filter(|_| in_target);
            let scratch = storage.filter(|_| in_scratch || !in_target);
            (kind, target, scratch)
        },
    );
    let attributes = structure!(BackupDisk {
        name: opt(text()),
        backup: opt(yes_no()),
        state: opt(value_enum!(BackupDiskState)),
        kind: Just(None),
        backupmode: opt(value_enum!(BackupDiskMode)),
        incremental: opt(text()),
        exportname: opt(text()),
        exportbitmap: opt(text()),
        index: opt(any::<u32>()),
        driver: opt(structure!(BackupDriver {
            kind: opt(value_enum!(StorageFormat)),
            extra: extra(),
        })),
        target: Just(None),
        scratch: Just(None),
        extra: extra(),
    });
    (attributes, storage)
        .prop_map(|(disk, (kind, target, scratch))| BackupDisk {
            kind,
            target,
            scratch,
            ..disk
        })
        .boxed()
}

fn private_data() -> BoxedStrategy<BackupPrivateData> {
    structure!(BackupPrivateData {
        objects: opt(structure!(BackupPrivateObjects {
            secret: opt(structure!(PrivateSecret {
                kind: opt(value_enum!(PrivateSecretType)),
                alias: opt(text()),
                extra: extra(),
            })),
            tls_x509: opt(structure!(PrivateAlias {
                alias: opt(text()),
                extra: extra(),
            })),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// A backup built from every modelled type.
pub fn backup() -> BoxedStrategy<DomainBackup> {
    structure!(DomainBackup {
        mode: opt(value_enum!(BackupMode)),
        incremental: opt(text()),
        server: opt(server()),
        disks: opt(structure!(BackupDisks {
            disks: list(disk()),
            extra: extra(),
        })),
        private_data: opt(private_data()),
        extra: extra(),
    })
}
