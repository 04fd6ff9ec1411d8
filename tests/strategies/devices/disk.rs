//! `<disk>` (src/devices/disk.rs).

use libvirt_domain::devices::{
    DetectZeroes, Disk, DiskBlockIo, DiskBus, DiskCache, DiskDevice, DiskDiscard, DiskDriver,
    DiskErrorPolicy, DiskGeometry, DiskIo, DiskProtocol, DiskSgio, DiskSnapshot, DiskSource,
    DiskSourceHost, DiskTarget, DiskTransient, DiskTray, DiskType, GeometryTrans, StartupPolicy,
    StorageFormat,
};
use proptest::prelude::*;

use super::address::{address, pci_address};
use super::common::{
    acpi, alias, backend_domain, boot, iothread_mapping, marker, reconnect, virtio_model,
};
use super::disk_parts;
use super::hostdev::{auth, initiator};
use crate::strategies::values::{on_off, text, yes_no};
use crate::strategies::xml::extra;
use crate::strategies::{list, opt};

/// An image format (`<driver type=…>`, `<format type=…>`).
pub fn storage_format() -> BoxedStrategy<StorageFormat> {
    value_enum!(StorageFormat)
}

fn driver() -> BoxedStrategy<DiskDriver> {
    structure!(DiskDriver {
        name: opt(text()),
        kind: opt(storage_format()),
        cache: opt(value_enum!(DiskCache)),
        error_policy: opt(value_enum!(DiskErrorPolicy)),
        rerror_policy: opt(value_enum!(DiskErrorPolicy)),
        io: opt(value_enum!(DiskIo)),
        ioeventfd: opt(on_off()),
        event_idx: opt(on_off()),
        copy_on_read: opt(on_off()),
        discard: opt(value_enum!(DiskDiscard)),
        iothread: opt(any::<u32>()),
        detect_zeroes: opt(value_enum!(DetectZeroes)),
        discard_no_unref: opt(on_off()),
        queues: opt(any::<u32>()),
        queue_size: opt(any::<u32>()),
        iommu: opt(on_off()),
        ats: opt(on_off()),
        packed: opt(on_off()),
        page_per_vq: opt(on_off()),
        metadata_cache: opt(disk_parts::metadata_cache()),
        iothreads: opt(iothread_mapping()),
        extra: extra(),
    })
}

/// A disk `<source>` whose `<dataStore>` nests at most one more source.
pub fn source() -> BoxedStrategy<DiskSource> {
    source_at(1)
}

/// A disk `<source>` with `<dataStore>` nesting at most `depth` more sources.
pub fn source_at(depth: u32) -> BoxedStrategy<DiskSource> {
    let data_store = if depth == 0 {
        Just(None).boxed()
    } else {
        opt(disk_parts::data_store(depth - 1))
    };
    let host = structure!(DiskSourceHost {
        name: opt(text()),
        port: opt(any::<u32>()),
        transport: opt(text()),
        socket: opt(text()),
        extra: extra(),
    });
    structure!(DiskSource {
        file: opt(text()),
        fdgroup: opt(text()),
        dev: opt(text()),
        dir: opt(text()),
        protocol: opt(value_enum!(DiskProtocol)),
        name: opt(text()),
        query: opt(text()),
        tls: opt(yes_no()),
        tls_hostname: opt(text()),
        pool: opt(text()),
        volume: opt(text()),
        mode: opt(text()),
        kind: opt(text()),
        managed: opt(yes_no()),
        namespace: opt(any::<u32>()),
        path: opt(text()),
        index: opt(any::<u32>()),
        startup_policy: opt(value_enum!(StartupPolicy)),
        address: opt(pci_address()),
        hosts: list(host),
        snapshot: opt(disk_parts::snapshot()),
        config: opt(disk_parts::config()),
        auth: opt(auth()),
        encryption: opt(disk_parts::encryption()),
        initiator: opt(initiator()),
        reconnect: opt(reconnect()),
        ssl: opt(disk_parts::ssl()),
        cookies: opt(disk_parts::cookies()),
        readahead: opt(disk_parts::readahead()),
        timeout: opt(disk_parts::timeout()),
        identity: opt(disk_parts::identity()),
        known_hosts: opt(disk_parts::known_hosts()),
        reservations: opt(disk_parts::reservations()),
        slices: opt(disk_parts::slices()),
        data_store: data_store,
        seclabels: list(disk_parts::device_seclabel()),
        extra: extra(),
    })
}

/// `<disk>`.
pub fn disk() -> BoxedStrategy<Disk> {
    structure!(Disk {
        kind: opt(value_enum!(DiskType)),
        device: opt(value_enum!(DiskDevice)),
        model: opt(virtio_model()),
        rawio: opt(yes_no()),
        sgio: opt(value_enum!(DiskSgio)),
        snapshot: opt(value_enum!(DiskSnapshot)),
        driver: opt(driver()),
        source: opt(source()),
        backing_store: opt(disk_parts::backing_store(2)),
        mirror: opt(disk_parts::mirror()),
        backenddomain: opt(backend_domain()),
        geometry: opt(structure!(DiskGeometry {
            cyls: opt(any::<u32>()),
            heads: opt(any::<u32>()),
            secs: opt(any::<u32>()),
            trans: opt(value_enum!(GeometryTrans)),
            extra: extra(),
        })),
        blockio: opt(structure!(DiskBlockIo {
            logical_block_size: opt(any::<u32>()),
            physical_block_size: opt(any::<u32>()),
            discard_granularity: opt(any::<u32>()),
            extra: extra(),
        })),
        target: opt(structure!(DiskTarget {
            dev: opt(text()),
            bus: opt(value_enum!(DiskBus)),
            tray: opt(value_enum!(DiskTray)),
            removable: opt(on_off()),
            rotation_rate: opt(any::<u32>()),
            extra: extra(),
        })),
        iotune: opt(disk_parts::iotune()),
        throttlefilters: opt(disk_parts::throttlefilters()),
        readonly: opt(marker()),
        shareable: opt(marker()),
        transient: opt(structure!(DiskTransient {
            share_backing: opt(yes_no()),
            extra: extra(),
        })),
        serial: opt(text()),
        wwn: opt(text()),
        vendor: opt(text()),
        product: opt(text()),
        auth: opt(auth()),
        encryption: opt(disk_parts::encryption()),
        boot: opt(boot()),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}
