//! `<address>` (src/devices/address.rs).

use libvirt_domain::devices::{
    Address, BareAddress, CcidAddress, CcwAddress, DimmAddress, DriveAddress, IsaAddress,
    PciAddress, SpaprVioAddress, UnknownAddress, UsbAddress, VirtioSerialAddress, Zpci,
};
use proptest::prelude::*;

use crate::strategies::values::{on_off, text, uint};
use crate::strategies::xml::extra;
use crate::strategies::{opt, opt_box};

/// The `type` values with a variant of their own.
const KNOWN_TYPES: &[&str] = &[
    "pci",
    "drive",
    "virtio-serial",
    "ccid",
    "usb",
    "spapr-vio",
    "ccw",
    "isa",
    "virtio-mmio",
    "dimm",
    "unassigned",
];

/// `<address type='pci'>`, also the type-less `<address>` of an NVMe disk source.
pub fn pci_address() -> BoxedStrategy<PciAddress> {
    structure!(PciAddress {
        domain: opt(uint()),
        bus: opt(uint()),
        slot: opt(uint()),
        function: opt(uint()),
        multifunction: opt(on_off()),
        zpci: opt_box(structure!(Zpci {
            uid: opt(uint()),
            fid: opt(uint()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn unknown_address() -> BoxedStrategy<UnknownAddress> {
    structure!(UnknownAddress {
        // A known type reads back as its own variant; `$other` is unknown like any
        // other value (it once selected the fallback by its serde name).
        kind: text().prop_filter("a type with a variant of its own", |t| {
            !KNOWN_TYPES.contains(&t.as_str())
        }),
        extra: extra(),
    })
}

/// `<address>` of every type, and of a type this crate does not know.
pub fn address() -> BoxedStrategy<Address> {
    prop_oneof![
        pci_address().prop_map(Address::Pci),
        structure!(DriveAddress {
            controller: opt(uint()),
            bus: opt(uint()),
            target: opt(uint()),
            unit: opt(uint()),
            extra: extra(),
        })
        .prop_map(Address::Drive),
        structure!(VirtioSerialAddress {
            controller: opt(uint()),
            bus: opt(uint()),
            port: opt(uint()),
            extra: extra(),
        })
        .prop_map(Address::VirtioSerial),
        structure!(CcidAddress {
            controller: opt(uint()),
            slot: opt(uint()),
            extra: extra(),
        })
        .prop_map(Address::Ccid),
        structure!(UsbAddress {
            bus: opt(uint()),
            port: opt(text()),
            extra: extra(),
        })
        .prop_map(Address::Usb),
        structure!(SpaprVioAddress {
            reg: opt(text()),
            extra: extra(),
        })
        .prop_map(Address::SpaprVio),
        structure!(CcwAddress {
            cssid: opt(uint()),
            ssid: opt(uint()),
            devno: opt(uint()),
            extra: extra(),
        })
        .prop_map(Address::Ccw),
        structure!(IsaAddress {
            iobase: opt(uint()),
            irq: opt(uint()),
            extra: extra(),
        })
        .prop_map(Address::Isa),
        structure!(BareAddress { extra: extra() }).prop_map(Address::VirtioMmio),
        structure!(DimmAddress {
            slot: opt(uint()),
            base: opt(uint()),
            extra: extra(),
        })
        .prop_map(Address::Dimm),
        structure!(BareAddress { extra: extra() }).prop_map(Address::Unassigned),
        unknown_address().prop_map(Address::Other),
    ]
    .boxed()
}
