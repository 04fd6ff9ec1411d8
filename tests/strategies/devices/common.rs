//! Small elements shared by many devices (src/devices/common.rs).

use libvirt_domain::devices::{
    Acpi, Alias, BackendDomain, Boot, IothreadMapping, IothreadQueue, IothreadQueues, Marker,
    Reconnect, Rom, VirtioDriver, VirtioModel,
};
use proptest::prelude::*;

use crate::strategies::values::{on_off, text, yes_no};
use crate::strategies::xml::extra;
use crate::strategies::{list, opt};

/// `model='virtio…'`.
pub fn virtio_model() -> BoxedStrategy<VirtioModel> {
    value_enum!(VirtioModel)
}

/// `<alias>`.
pub fn alias() -> BoxedStrategy<Alias> {
    structure!(Alias {
        name: opt(text()),
        extra: extra(),
    })
}

/// `<boot>` of a device.
pub fn boot() -> BoxedStrategy<Boot> {
    structure!(Boot {
        order: opt(any::<u32>()),
        loadparm: opt(text()),
        extra: extra(),
    })
}

/// `<acpi>` of a device.
pub fn acpi() -> BoxedStrategy<Acpi> {
    structure!(Acpi {
        index: opt(any::<u32>()),
        extra: extra(),
    })
}

/// `<rom>`.
pub fn rom() -> BoxedStrategy<Rom> {
    structure!(Rom {
        enabled: opt(yes_no()),
        bar: opt(on_off()),
        file: opt(text()),
        extra: extra(),
    })
}

/// An empty marker element (`<readonly/>`, `<shareable/>`).
pub fn marker() -> BoxedStrategy<Marker> {
    structure!(Marker { extra: extra() })
}

/// `<driver>` with the virtio options only.
pub fn virtio_driver() -> BoxedStrategy<VirtioDriver> {
    structure!(VirtioDriver {
        iommu: opt(on_off()),
        ats: opt(on_off()),
        packed: opt(on_off()),
        page_per_vq: opt(on_off()),
        extra: extra(),
    })
}

/// `<reconnect>`.
pub fn reconnect() -> BoxedStrategy<Reconnect> {
    structure!(Reconnect {
        enabled: opt(yes_no()),
        timeout: opt(any::<u32>()),
        delay: opt(any::<u32>()),
        extra: extra(),
    })
}

/// `<backenddomain>`.
pub fn backend_domain() -> BoxedStrategy<BackendDomain> {
    structure!(BackendDomain {
        name: opt(text()),
        extra: extra(),
    })
}

/// `<iothreads>` of a disk or controller driver.
pub fn iothread_mapping() -> BoxedStrategy<IothreadMapping> {
    let queue = structure!(IothreadQueue {
        id: opt(any::<u32>()),
        extra: extra(),
    });
    let iothread = structure!(IothreadQueues {
        id: opt(any::<u32>()),
        queues: list(queue),
        extra: extra(),
    });
    structure!(IothreadMapping {
        iothreads: list(iothread),
        extra: extra(),
    })
}
