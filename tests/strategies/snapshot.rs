//! `<domainsnapshot>` (src/snapshot/).

// Only the snapshot property and coverage tests use these.
#![allow(dead_code)]

use libvirt_domain::devices::DiskSnapshot;
use libvirt_domain::snapshot::{
    DomainSnapshot, MemorySnapshot, SnapshotActive, SnapshotCookie, SnapshotDisk,
    SnapshotDiskDriver, SnapshotDisks, SnapshotDomain, SnapshotDomainUuid, SnapshotMemory,
    SnapshotParent, SnapshotState,
};
use proptest::prelude::*;

use super::devices::common::marker;
use super::devices::disk::storage_format;
use super::devices::disk_parts::metadata_cache;
use super::devices::disk_source::kind_and_source;
use super::domain::domain;
use super::values::text;
use super::xml::{extra, extra_beside_values, raw_element};
use super::{list, opt};

fn snapshot_disk() -> BoxedStrategy<SnapshotDisk> {
    let disk = structure!(SnapshotDisk {
        name: text(),
        snapshot: opt(value_enum!(DiskSnapshot)),
        kind: Just(None),
        driver: opt(structure!(SnapshotDiskDriver {
            kind: opt(storage_format()),
            metadata_cache: opt(metadata_cache()),
            extra: extra(),
        })),
        source: Just(None),
        snapshot_delete_in_progress: opt(marker()),
        extra: extra(),
    });
    (disk, kind_and_source(2))
        .prop_map(|(mut disk, (kind, source))| {
            disk.kind = kind;
            disk.source = source;
            disk
        })
        .boxed()
}

/// `<disks>` or `<revertDisks>`.
pub fn snapshot_disks() -> BoxedStrategy<SnapshotDisks> {
    structure!(SnapshotDisks {
        disks: list(snapshot_disk()),
        extra: extra(),
    })
}

/// `<domain>`: a whole domain now and then (it is large), else the UUID form.
fn snapshot_domain() -> BoxedStrategy<SnapshotDomain> {
    prop_oneof![
        3 => structure!(SnapshotDomainUuid {
            uuid: opt(text()),
            extra: extra(),
        })
        .prop_map(SnapshotDomain::Uuid),
        1 => domain().prop_map(|d| SnapshotDomain::Full(Box::new(d))),
    ]
    .boxed()
}

/// The fields of a snapshot except the embedded domains, which the domain's own
/// generators and tests cover.
pub fn snapshot_without_domains() -> BoxedStrategy<DomainSnapshot> {
    structure!(DomainSnapshot {
        name: opt(text()),
        description: opt(text()),
        state: opt(value_enum!(SnapshotState)),
        parent: opt(structure!(SnapshotParent {
            name: opt(text()),
            extra: extra(),
        })),
        creation_time: opt(any::<i64>()),
        memory: opt(structure!(SnapshotMemory {
            snapshot: opt(value_enum!(MemorySnapshot)),
            file: opt(text()),
            extra: extra(),
        })),
        disks: opt(snapshot_disks()),
        revert_disks: opt(snapshot_disks()),
        domain: opt(structure!(SnapshotDomainUuid {
            uuid: opt(text()),
            extra: extra(),
        })
        .prop_map(SnapshotDomain::Uuid)),
        inactive_domain: Just(None),
        cookie: opt(structure!(SnapshotCookie {
            items: list(raw_element()),
            extra: extra_beside_values(),
        })),
        active: opt(value_enum!(SnapshotActive)),
        extra: extra(),
    })
}

/// A whole snapshot, embedded domains included.
pub fn domain_snapshot() -> BoxedStrategy<DomainSnapshot> {
    let domains = (opt(snapshot_domain()), opt(domain().prop_map(Box::new)));
    (snapshot_without_domains(), domains)
        .prop_map(|(mut snapshot, (domain, inactive))| {
            snapshot.domain = domain;
            snapshot.inactive_domain = inactive;
            snapshot
        })
        .boxed()
}
