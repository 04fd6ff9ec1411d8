//! Disk `<source>`: one strategy per `type` plus the fallback, and the parent's
//! `type` that selects it (src/devices/disk/source/).
//!
//! The parent's `type` chooses the variant when reading, so a `type` and a source of
//! another variant cannot survive a round trip: [`kind_and_source`] draws them
//! together (`Some(kind)`, or `None` for a file source, or an unknown `type` for
//! [`DiskSource::Other`]).

use libvirt_domain::devices::{
    DiskProtocol, DiskSource, DiskSourceBlock, DiskSourceDir, DiskSourceFile, DiskSourceHost,
    DiskSourceNetwork, DiskSourceNvme, DiskSourceVhostUser, DiskSourceVhostVdpa, DiskSourceVolume,
    DiskType, HostTransport, NvmeAddressType, OtherSource, SocketType, StartupPolicy, VolumeMode,
};
use proptest::prelude::*;

use super::address::pci_address;
use super::common::reconnect;
use super::disk_parts;
use super::hostdev::{auth, initiator};
use crate::strategies::values::{text, yes_no};
use crate::strategies::xml::extra;
use crate::strategies::{list, opt, opt_box};

/// `<dataStore>` inside a source, nesting at most `depth` more sources.
fn data_store(depth: u32) -> BoxedStrategy<Option<Box<libvirt_domain::devices::DataStore>>> {
    if depth == 0 {
        Just(None).boxed()
    } else {
        opt(disk_parts::data_store(depth - 1))
    }
}

/// A `type='file'` source, nesting at most `depth` `<dataStore>` sources.
pub fn file(depth: u32) -> BoxedStrategy<DiskSourceFile> {
    structure!(DiskSourceFile {
        file: opt(text()),
        fdgroup: opt(text()),
        startup_policy: opt(value_enum!(StartupPolicy)),
        index: opt(any::<u32>()),
        slices: opt_box(disk_parts::slices()),
        encryption: opt_box(disk_parts::encryption()),
        data_store: data_store(depth),
        seclabels: list(disk_parts::device_seclabel()),
        extra: extra(),
    })
}

/// A `type='block'` source, nesting at most `depth` `<dataStore>` sources.
pub fn block(depth: u32) -> BoxedStrategy<DiskSourceBlock> {
    structure!(DiskSourceBlock {
        dev: opt(text()),
        startup_policy: opt(value_enum!(StartupPolicy)),
        index: opt(any::<u32>()),
        slices: opt_box(disk_parts::slices()),
        encryption: opt_box(disk_parts::encryption()),
        reservations: opt_box(disk_parts::reservations()),
        data_store: data_store(depth),
        seclabels: list(disk_parts::device_seclabel()),
        extra: extra(),
    })
}

fn dir(depth: u32) -> BoxedStrategy<DiskSourceDir> {
    structure!(DiskSourceDir {
        dir: opt(text()),
        startup_policy: opt(value_enum!(StartupPolicy)),
        index: opt(any::<u32>()),
        slices: opt_box(disk_parts::slices()),
        encryption: opt_box(disk_parts::encryption()),
        data_store: data_store(depth),
        extra: extra(),
    })
}

fn network(depth: u32) -> BoxedStrategy<DiskSourceNetwork> {
    let host = structure!(DiskSourceHost {
        name: opt(text()),
        port: opt(any::<u32>()),
        transport: opt(value_enum!(HostTransport)),
        socket: opt(text()),
        extra: extra(),
    });
    structure!(DiskSourceNetwork {
        protocol: opt(value_enum!(DiskProtocol)),
        name: opt(text()),
        query: opt(text()),
        tls: opt(yes_no()),
        tls_hostname: opt(text()),
        index: opt(any::<u32>()),
        hosts: list(host),
        snapshot: opt(disk_parts::snapshot()),
        config: opt(disk_parts::config()),
        auth: opt(auth()),
        encryption: opt_box(disk_parts::encryption()),
        initiator: opt(initiator()),
        reconnect: opt(reconnect()),
        ssl: opt(disk_parts::ssl()),
        cookies: opt(disk_parts::cookies()),
        readahead: opt(disk_parts::readahead()),
        timeout: opt(disk_parts::timeout()),
        identity: opt(disk_parts::identity()),
        known_hosts: opt(disk_parts::known_hosts()),
        slices: opt_box(disk_parts::slices()),
        data_store: data_store(depth),
        seclabels: list(disk_parts::device_seclabel()),
        extra: extra(),
    })
}

fn volume(depth: u32) -> BoxedStrategy<DiskSourceVolume> {
    structure!(DiskSourceVolume {
        pool: opt(text()),
        volume: opt(text()),
        mode: opt(value_enum!(VolumeMode)),
        startup_policy: opt(value_enum!(StartupPolicy)),
        index: opt(any::<u32>()),
        slices: opt_box(disk_parts::slices()),
        encryption: opt_box(disk_parts::encryption()),
        data_store: data_store(depth),
        seclabels: list(disk_parts::device_seclabel()),
        extra: extra(),
    })
}

fn nvme(depth: u32) -> BoxedStrategy<DiskSourceNvme> {
    structure!(DiskSourceNvme {
        kind: opt(value_enum!(NvmeAddressType)),
        managed: opt(yes_no()),
        namespace: opt(any::<u32>()),
        startup_policy: opt(value_enum!(StartupPolicy)),
        index: opt(any::<u32>()),
        address: opt(pci_address()),
        slices: opt_box(disk_parts::slices()),
        encryption: opt_box(disk_parts::encryption()),
        data_store: data_store(depth),
        extra: extra(),
    })
}

fn vhost_user() -> BoxedStrategy<DiskSourceVhostUser> {
    structure!(DiskSourceVhostUser {
        kind: opt(value_enum!(SocketType)),
        path: opt(text()),
        reconnect: opt(reconnect()),
        extra: extra(),
    })
}

fn vhost_vdpa() -> BoxedStrategy<DiskSourceVhostVdpa> {
    structure!(DiskSourceVhostVdpa {
        dev: opt(text()),
        extra: extra(),
    })
}

/// A disk `<source>` of any variant, the fallback included, whose `<dataStore>`
/// nests at most `depth` more sources. (`DiskSource` is `#[non_exhaustive]`, so a
/// new variant is not a compile error here: add it.)
pub fn source_at(depth: u32) -> BoxedStrategy<DiskSource> {
    prop_oneof![
        1 => file(depth).prop_map(DiskSource::File),
        1 => block(depth).prop_map(DiskSource::Block),
        1 => dir(depth).prop_map(DiskSource::Dir),
        // Network sources have the most shapes (a protocol of 17, each with its own
        // children), so they are drawn as often as the other types together.
        8 => network(depth).prop_map(|s| DiskSource::Network(Box::new(s))),
        1 => volume(depth).prop_map(DiskSource::Volume),
        1 => nvme(depth).prop_map(|s| DiskSource::Nvme(Box::new(s))),
        1 => vhost_user().prop_map(DiskSource::VhostUser),
        1 => vhost_vdpa().prop_map(DiskSource::VhostVdpa),
        1 => structure!(OtherSource { extra: extra() }).prop_map(DiskSource::Other),
    ]
    .boxed()
}

/// A `type` no [`DiskSource`] variant is named after (so it selects the fallback).
fn unknown_type() -> BoxedStrategy<String> {
    text()
        .prop_filter("a known disk type", |s| {
            matches!(DiskType::from(s.as_str()), DiskType::Other(_))
        })
        .boxed()
}

/// A parent's `type` and its `<source>`, in agreement: no source with any `type`,
/// or a source with its own type (`None` allowed for a file source, an unknown
/// `type` for the fallback). `depth` bounds nested `<dataStore>` sources.
pub fn kind_and_source(depth: u32) -> BoxedStrategy<(Option<DiskType>, Option<DiskSource>)> {
    let sourced = (source_at(depth), any::<bool>(), unknown_type()).prop_map(
        |(source, omit_file, unknown)| {
            let kind = match source.kind() {
                Some(DiskType::File) if omit_file => None,
                Some(kind) => Some(kind),
                None => Some(DiskType::Other(unknown)),
            };
            (kind, Some(source))
        },
    );
    prop_oneof![
        1 => opt(value_enum!(DiskType)).prop_map(|kind| (kind, None)),
        4 => sourced,
    ]
    .boxed()
}
