//! `<hostdev>` and its `<source>` per type (src/devices/hostdev.rs,
//! src/devices/hostdev_source.rs).

use libvirt_domain::devices::{
    AdapterParentAddr, AdapterType, Auth, AuthSecret, AuthSecretType, Hostdev, HostdevDriver,
    HostdevDriverName, HostdevMode, Initiator, Iqn, IscsiHost, IscsiHostdevSource, MdevAddress,
    MdevHostdev, MdevHostdevSource, MdevModel, MiscHostdev, MiscHostdevSource, NetHostdev,
    NetHostdevSource, PciHostdev, PciHostdevSource, PciOrigStates, Route, ScsiAdapterProtocol,
    ScsiAdapterSource, ScsiHostAddress, ScsiHostHostdev, ScsiHostHostdevSource, ScsiHostProtocol,
    ScsiHostdev, ScsiHostdevSource, SourceAdapter, StartupPolicy, StorageHostdev,
    StorageHostdevSource, Teaming, TeamingType, UnknownHostdev, UsbGuestReset, UsbHostAddress,
    UsbHostdev, UsbHostdevSource, UsbId,
};
use libvirt_domain::devices::{DiskSgio, InterfaceIp};
use proptest::prelude::*;

use super::address::{address, pci_address};
use super::common::{acpi, alias, boot, marker, rom, virtio_model};
use crate::strategies::values::{on_off, text, uint, yes_no};
use crate::strategies::xml::extra;
use crate::strategies::{list, opt};

/// The `type` values with a variant of their own.
const KNOWN_TYPES: &[&str] = &[
    "usb",
    "pci",
    "scsi",
    "scsi_host",
    "mdev",
    "storage",
    "misc",
    "net",
];

/// An unknown tag value for a `@…`-tagged enum's fallback variant: not a known tag
/// (`$other`, the fallback's serde name, is allowed: it is unknown like any other).
fn unknown_tag(known: &'static [&'static str]) -> BoxedStrategy<String> {
    text()
        .prop_filter("a tag with a variant of its own", move |t| {
            !known.contains(&t.as_str())
        })
        .boxed()
}

fn mode() -> BoxedStrategy<Option<HostdevMode>> {
    opt(value_enum!(HostdevMode))
}

/// `<vendor id=…>` / `<product id=…>` of a USB device.
pub fn usb_id() -> BoxedStrategy<UsbId> {
    structure!(UsbId {
        id: opt(uint()),
        extra: extra(),
    })
}

/// `<address bus=… device=…>` of a host USB device.
pub fn usb_host_address() -> BoxedStrategy<UsbHostAddress> {
    structure!(UsbHostAddress {
        bus: opt(uint()),
        device: opt(uint()),
        extra: extra(),
    })
}

fn usb() -> BoxedStrategy<UsbHostdev> {
    let source = structure!(UsbHostdevSource {
        startup_policy: opt(value_enum!(StartupPolicy)),
        guest_reset: opt(value_enum!(UsbGuestReset)),
        vendor: opt(usb_id()),
        product: opt(usb_id()),
        address: opt(usb_host_address()),
        extra: extra(),
    });
    structure!(UsbHostdev {
        mode: mode(),
        managed: opt(yes_no()),
        source: opt(source),
        readonly: opt(marker()),
        shareable: opt(marker()),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

fn pci() -> BoxedStrategy<PciHostdev> {
    let source = structure!(PciHostdevSource {
        startup_policy: opt(value_enum!(StartupPolicy)),
        write_filtering: opt(yes_no()),
        address: opt(pci_address()),
        origstates: opt(structure!(PciOrigStates {
            unbind: opt(marker()),
            removeslot: opt(marker()),
            reprobe: opt(marker()),
            extra: extra(),
        })),
        extra: extra(),
    });
    structure!(PciHostdev {
        mode: mode(),
        managed: opt(yes_no()),
        display: opt(on_off()),
        ramfb: opt(on_off()),
        driver: opt(structure!(HostdevDriver {
            name: opt(value_enum!(HostdevDriverName)),
            model: opt(text()),
            extra: extra(),
        })),
        source: opt(source),
        teaming: opt(structure!(Teaming {
            kind: opt(value_enum!(TeamingType)),
            persistent: opt(text()),
            extra: extra(),
        })),
        readonly: opt(marker()),
        shareable: opt(marker()),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<auth>` of an iSCSI source.
pub fn auth() -> BoxedStrategy<Auth> {
    structure!(Auth {
        username: opt(text()),
        secret: opt(structure!(AuthSecret {
            kind: opt(value_enum!(AuthSecretType)),
            uuid: opt(text()),
            usage: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<initiator>` of an iSCSI source.
pub fn initiator() -> BoxedStrategy<Initiator> {
    structure!(Initiator {
        iqn: opt(structure!(Iqn {
            name: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn scsi_source() -> BoxedStrategy<ScsiHostdevSource> {
    let iscsi = structure!(IscsiHostdevSource {
        name: opt(text()),
        hosts: list(structure!(IscsiHost {
            name: opt(text()),
            port: opt(any::<u16>()),
            extra: extra(),
        })),
        auth: opt(auth()),
        initiator: opt(initiator()),
        extra: extra(),
    });
    let adapter = structure!(SourceAdapter {
        kind: opt(value_enum!(AdapterType)),
        name: opt(text()),
        parent: opt(text()),
        managed: opt(yes_no()),
        parent_wwnn: opt(text()),
        parent_wwpn: opt(text()),
        parent_fabric_wwn: opt(text()),
        wwnn: opt(text()),
        wwpn: opt(text()),
        parentaddr: opt(structure!(AdapterParentAddr {
            unique_id: opt(any::<u32>()),
            address: opt(pci_address()),
            extra: extra(),
        })),
        extra: extra(),
    });
    let host_adapter = structure!(ScsiAdapterSource {
        // `iscsi` selects the other variant.
        protocol: opt(value_enum!(ScsiAdapterProtocol)
            .prop_filter("a protocol with a variant of its own", |p| p.as_str()
                != "iscsi",)),
        adapter: opt(adapter),
        address: opt(structure!(ScsiHostAddress {
            bus: opt(uint()),
            target: opt(uint()),
            unit: opt(uint()),
            extra: extra(),
        })),
        extra: extra(),
    });
    prop_oneof![
        iscsi.prop_map(ScsiHostdevSource::Iscsi),
        host_adapter.prop_map(ScsiHostdevSource::Adapter),
    ]
    .boxed()
}

fn scsi() -> BoxedStrategy<ScsiHostdev> {
    structure!(ScsiHostdev {
        mode: mode(),
        managed: opt(yes_no()),
        sgio: opt(value_enum!(DiskSgio)),
        rawio: opt(yes_no()),
        source: opt(scsi_source()),
        readonly: opt(marker()),
        shareable: opt(marker()),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

fn scsi_host() -> BoxedStrategy<ScsiHostHostdev> {
    structure!(ScsiHostHostdev {
        mode: mode(),
        managed: opt(yes_no()),
        model: opt(virtio_model()),
        source: opt(structure!(ScsiHostHostdevSource {
            protocol: opt(value_enum!(ScsiHostProtocol)),
            wwpn: opt(text()),
            extra: extra(),
        })),
        readonly: opt(marker()),
        shareable: opt(marker()),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

fn mdev() -> BoxedStrategy<MdevHostdev> {
    structure!(MdevHostdev {
        mode: mode(),
        managed: opt(yes_no()),
        model: opt(value_enum!(MdevModel)),
        display: opt(on_off()),
        ramfb: opt(on_off()),
        source: opt(structure!(MdevHostdevSource {
            address: opt(structure!(MdevAddress {
                uuid: opt(text()),
                extra: extra(),
            })),
            extra: extra(),
        })),
        readonly: opt(marker()),
        shareable: opt(marker()),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

fn storage() -> BoxedStrategy<StorageHostdev> {
    structure!(StorageHostdev {
        mode: mode(),
        source: opt(structure!(StorageHostdevSource {
            block: opt(text()),
            extra: extra(),
        })),
        readonly: opt(marker()),
        shareable: opt(marker()),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

fn misc() -> BoxedStrategy<MiscHostdev> {
    structure!(MiscHostdev {
        mode: mode(),
        source: opt(structure!(MiscHostdevSource {
            char: opt(text()),
            extra: extra(),
        })),
        readonly: opt(marker()),
        shareable: opt(marker()),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

fn net() -> BoxedStrategy<NetHostdev> {
    structure!(NetHostdev {
        mode: mode(),
        source: opt(structure!(NetHostdevSource {
            interface: opt(text()),
            extra: extra(),
        })),
        ips: list(structure!(InterfaceIp {
            address: opt(text()),
            family: opt(text()),
            prefix: opt(any::<u32>()),
            peer: opt(text()),
            extra: extra(),
        })),
        routes: list(structure!(Route {
            family: opt(text()),
            address: opt(text()),
            netmask: opt(text()),
            prefix: opt(any::<u32>()),
            gateway: opt(text()),
            metric: opt(any::<u32>()),
            extra: extra(),
        })),
        readonly: opt(marker()),
        shareable: opt(marker()),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<hostdev>` of every `type`, and of a type this crate does not know.
pub fn hostdev() -> BoxedStrategy<Hostdev> {
    prop_oneof![
        usb().prop_map(Hostdev::Usb),
        pci().prop_map(Hostdev::Pci),
        scsi().prop_map(Hostdev::Scsi),
        scsi_host().prop_map(Hostdev::ScsiHost),
        mdev().prop_map(Hostdev::Mdev),
        storage().prop_map(Hostdev::Storage),
        misc().prop_map(Hostdev::Misc),
        net().prop_map(Hostdev::Net),
        structure!(UnknownHostdev {
            mode: mode(),
            kind: opt(unknown_tag(KNOWN_TYPES)),
            extra: extra(),
        })
        .prop_map(Hostdev::Other),
    ]
    .boxed()
}
