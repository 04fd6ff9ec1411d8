//! `<controller>` (src/devices/controller.rs).

use libvirt_domain::devices::{
    Controller, ControllerDriver, ControllerModel, ControllerModelName, ControllerTarget,
    ControllerType, PciControllerModelName, Pcihole64, UsbMaster,
};
use proptest::prelude::*;

use super::address::address;
use super::common::{acpi, alias, iothread_mapping};
use crate::strategies::opt;
use crate::strategies::values::{on_off, text, u64_value, uint};
use crate::strategies::xml::{extra, extra_beside_text};

/// `<controller>`.
pub fn controller() -> BoxedStrategy<Controller> {
    structure!(Controller {
        kind: opt(value_enum!(ControllerType)),
        index: opt(any::<u32>()),
        model: opt(value_enum!(ControllerModel)),
        ports: opt(any::<u32>()),
        vectors: opt(any::<u32>()),
        max_grant_frames: opt(any::<u32>()),
        max_event_channels: opt(any::<u32>()),
        model_name: opt(structure!(ControllerModelName {
            name: opt(value_enum!(PciControllerModelName)),
            kind: opt(text()),
            extra: extra(),
        })),
        target: opt(structure!(ControllerTarget {
            chassis_nr: opt(uint()),
            chassis: opt(uint()),
            port: opt(uint()),
            bus_nr: opt(uint()),
            index: opt(uint()),
            hotplug: opt(on_off()),
            mem_reserve: opt(any::<u64>()),
            node: opt(any::<u32>()),
            extra: extra(),
        })),
        driver: opt(structure!(ControllerDriver {
            queues: opt(any::<u32>()),
            cmd_per_lun: opt(any::<u32>()),
            max_sectors: opt(any::<u32>()),
            ioeventfd: opt(on_off()),
            iothread: opt(any::<u32>()),
            iommu: opt(on_off()),
            ats: opt(on_off()),
            packed: opt(on_off()),
            page_per_vq: opt(on_off()),
            iothreads: opt(iothread_mapping()),
            extra: extra(),
        })),
        alias: opt(alias()),
        master: opt(structure!(UsbMaster {
            startport: opt(text()),
            extra: extra(),
        })),
        acpi: opt(acpi()),
        address: opt(address()),
        pcihole64: opt(structure!(Pcihole64 {
            unit: opt(text()),
            value: opt(u64_value()),
            extra: extra_beside_text(),
        })),
        extra: extra(),
    })
}
