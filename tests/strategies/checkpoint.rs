//! `<domaincheckpoint>` (src/checkpoint/).

// Only the checkpoint and backup tests use these.
#![allow(dead_code)]

use libvirt_domain::checkpoint::{
    CheckpointDisk, CheckpointDisks, CheckpointParent, CheckpointType, DomainCheckpoint,
};
use libvirt_domain::Domain;
use proptest::prelude::*;

use super::values::{text, u64_value};
use super::xml::extra;
use super::{list, opt};

fn disk() -> BoxedStrategy<CheckpointDisk> {
    structure!(CheckpointDisk {
        name: opt(text()),
        checkpoint: opt(value_enum!(CheckpointType)),
        bitmap: opt(text()),
        size: opt(u64_value()),
        extra: extra(),
    })
}

/// A checkpoint whose embedded `<domain>` comes from `domain`.
pub fn checkpoint_with(
    domain: BoxedStrategy<Option<Box<Domain>>>,
) -> BoxedStrategy<DomainCheckpoint> {
    structure!(DomainCheckpoint {
        name: opt(text()),
        description: opt(text()),
        parent: opt(structure!(CheckpointParent {
            name: opt(text()),
            extra: extra(),
        })),
        creation_time: opt(u64_value()),
        disks: opt(structure!(CheckpointDisks {
            disks: list(disk()),
            extra: extra(),
        })),
        domain: domain,
        active: opt(any::<u8>()),
        extra: extra(),
    })
}

/// A checkpoint, one in four with a whole generated domain inside.
pub fn checkpoint() -> BoxedStrategy<DomainCheckpoint> {
    let domain = prop_oneof![
        3 => Just(None),
        1 => super::domain().prop_map(|d| Some(Box::new(d))),
    ]
    .boxed();
    checkpoint_with(domain)
}
