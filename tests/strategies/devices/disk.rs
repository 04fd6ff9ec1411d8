//! `<disk>` (src/devices/disk.rs).

use libvirt_domain::devices::{
    DetectZeroes, Disk, DiskBlockIo, DiskBus, DiskCache, DiskDevice, DiskDiscard, DiskDriver,
    DiskErrorPolicy, DiskGeometry, DiskIo, DiskSgio, DiskSnapshot, DiskTarget, DiskTransient,
    DiskTray, GeometryTrans, StorageFormat,
};
use proptest::prelude::*;

use super::address::address;
use super::common::{acpi, alias, backend_domain, boot, iothread_mapping, marker, virtio_model};
use super::disk_parts;
use super::disk_source::kind_and_source;
use super::hostdev::auth;
use crate::strategies::values::{on_off, text, yes_no};
use crate::strategies::xml::extra;
use crate::strategies::{opt, opt_box};

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
        metadata_cache: opt_box(disk_parts::metadata_cache()),
        iothreads: opt_box(iothread_mapping()),
        extra: extra(),
    })
}

/// `<disk>`, whose `type` selects its source's variant.
pub fn disk() -> BoxedStrategy<Disk> {
    let disk = structure!(Disk {
        kind: Just(None),
        device: opt(value_enum!(DiskDevice)),
        model: opt(virtio_model()),
        rawio: opt(yes_no()),
        sgio: opt(value_enum!(DiskSgio)),
        snapshot: opt(value_enum!(DiskSnapshot)),
        driver: opt(driver()),
        source: Just(None),
        backing_store: opt(disk_parts::backing_store(2)),
        mirror: opt(disk_parts::mirror()),
        backenddomain: opt_box(backend_domain()),
        geometry: opt_box(structure!(DiskGeometry {
            cyls: opt(any::<u32>()),
            heads: opt(any::<u32>()),
            secs: opt(any::<u32>()),
            trans: opt(value_enum!(GeometryTrans)),
            extra: extra(),
        })),
        blockio: opt_box(structure!(DiskBlockIo {
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
        iotune: opt_box(disk_parts::iotune()),
        throttlefilters: opt_box(disk_parts::throttlefilters()),
        readonly: opt_box(marker()),
        shareable: opt_box(marker()),
        transient: opt_box(structure!(DiskTransient {
            share_backing: opt(yes_no()),
            extra: extra(),
        })),
        serial: opt(text()),
        wwn: opt(text()),
        vendor: opt(text()),
        product: opt(text()),
        auth: opt_box(auth()),
        encryption: opt_box(disk_parts::encryption()),
        boot: opt_box(boot()),
        alias: opt(alias()),
        acpi: opt_box(acpi()),
        address: opt(address()),
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
