//! `<hostdev>`: host devices assigned to the guest (formatdomain: "Host device
//! assignment").
//!
//! [`Hostdev`] has one variant per `type`: `usb`, `pci`, `scsi`, `scsi_host` and
//! `mdev` (`mode='subsystem'`), `storage`, `misc` and `net` (`mode='capabilities'`).
//! The types of the two modes never overlap, so `type` alone selects the variant and
//! each variant keeps its `mode` as a field. Their sources are in
//! [`hostdev_source`](super::hostdev_source).

use serde::{Deserialize, Serialize};

use super::address::{Address, PciAddress};
use super::common::{Acpi, Alias, Boot, Marker, Rom, Route, Teaming, VirtioModel};
use super::disk::DiskSgio;
use super::hostdev_source::{
    MdevHostdevSource, MiscHostdevSource, NetHostdevSource, PciHostdevSource,
    ScsiHostHostdevSource, ScsiHostdevSource, StorageHostdevSource, UsbHostdevSource, UsbId,
};
use super::interface_options::InterfaceIp;
use crate::values::{value_enum, OnOff, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<hostdev mode=…>`: how the device is assigned (formatdomain: "Host device
    /// assignment").
    pub enum HostdevMode {
        /// `subsystem`: a USB/PCI/SCSI/mediated device (the default).
        Subsystem = "subsystem",
        /// `capabilities`: a block/character device or interface (containers).
        Capabilities = "capabilities",
    }
}

value_enum! {
    /// `<hostdev><driver name=…>`: the assignment backend; kept for old XML, the
    /// hypervisor decides in practice (formatdomain: "USB / PCI / SCSI devices").
    pub enum HostdevDriverName {
        /// `kvm`: legacy KVM device assignment.
        Kvm = "kvm",
        /// `vfio`: VFIO.
        Vfio = "vfio",
        /// `xen`: Xen PCI passthrough.
        Xen = "xen",
    }
}

value_enum! {
    /// `<hostdev type='mdev' model=…>`: the device API of a mediated device
    /// (formatdomain: "USB / PCI / SCSI devices").
    pub enum MdevModel {
        /// `vfio-pci`: a PCI device (vGPU).
        VfioPci = "vfio-pci",
        /// `vfio-ccw`: an s390 channel I/O device.
        VfioCcw = "vfio-ccw",
        /// `vfio-ap`: an s390 crypto adapter.
        VfioAp = "vfio-ap",
    }
}

/// `<hostdev>`: a host device assigned to the guest; the shape depends on `type`
/// (formatdomain: "Host device assignment").
///
/// The variant is chosen by the element's `type` attribute; a `type` this crate does
/// not know is kept in [`Hostdev::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@type")]
#[non_exhaustive]
pub enum Hostdev {
    /// `type='usb'`: a host USB device.
    #[serde(rename = "usb")]
    Usb(UsbHostdev),
    /// `type='pci'`: a host PCI device (VFIO).
    #[serde(rename = "pci")]
    Pci(PciHostdev),
    /// `type='scsi'`: a host SCSI LUN, local or iSCSI.
    #[serde(rename = "scsi")]
    Scsi(ScsiHostdev),
    /// `type='scsi_host'`: every LUN of a vhost-scsi target.
    #[serde(rename = "scsi_host")]
    ScsiHost(ScsiHostHostdev),
    /// `type='mdev'`: a mediated device (vGPU, s390 CCW/AP).
    #[serde(rename = "mdev")]
    Mdev(MdevHostdev),
    /// `type='storage'`: a host block device (containers).
    #[serde(rename = "storage")]
    Storage(StorageHostdev),
    /// `type='misc'`: a host character device (containers).
    #[serde(rename = "misc")]
    Misc(MiscHostdev),
    /// `type='net'`: a host network interface (containers).
    #[serde(rename = "net")]
    Net(NetHostdev),
    /// A `type` this crate does not know, kept whole.
    #[serde(rename = "$other")]
    Other(UnknownHostdev),
}

/// Runs `$body` with `$h` bound to the struct of every known variant.
macro_rules! each_hostdev {
    ($hostdev:expr, $h:ident => $body:expr, $other:ident => $other_body:expr) => {
        match $hostdev {
            Hostdev::Usb($h) => $body,
            Hostdev::Pci($h) => $body,
            Hostdev::Scsi($h) => $body,
            Hostdev::ScsiHost($h) => $body,
            Hostdev::Mdev($h) => $body,
            Hostdev::Storage($h) => $body,
            Hostdev::Misc($h) => $body,
            Hostdev::Net($h) => $body,
            Hostdev::Other($other) => $other_body,
        }
    };
}

impl Hostdev {
    /// A managed PCI device at host address `address`, e.g.
    /// `Hostdev::pci("0000:3b:00.1".parse()?)` or
    /// `Hostdev::pci(PciAddress::new(0, 0x3b, 0, 1))`.
    pub fn pci(address: PciAddress) -> Self {
        Hostdev::Pci(PciHostdev {
            mode: Some(HostdevMode::Subsystem),
            managed: Some(YesNo::Yes),
            source: Some(PciHostdevSource {
                address: Some(address),
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    /// A USB device chosen by vendor and product id.
    pub fn usb(vendor: u16, product: u16) -> Self {
        Hostdev::Usb(UsbHostdev {
            mode: Some(HostdevMode::Subsystem),
            source: Some(UsbHostdevSource {
                vendor: Some(UsbId::hex(vendor)),
                product: Some(UsbId::hex(product)),
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    /// The `type` as written in XML (`None` for an unknown variant without one).
    pub fn kind(&self) -> Option<&str> {
        Some(match self {
            Hostdev::Usb(_) => "usb",
            Hostdev::Pci(_) => "pci",
            Hostdev::Scsi(_) => "scsi",
            Hostdev::ScsiHost(_) => "scsi_host",
            Hostdev::Mdev(_) => "mdev",
            Hostdev::Storage(_) => "storage",
            Hostdev::Misc(_) => "misc",
            Hostdev::Net(_) => "net",
            Hostdev::Other(other) => return other.kind.as_deref(),
        })
    }

    /// The `mode` as written (libvirt reads a missing mode as `subsystem`).
    pub fn mode(&self) -> Option<&HostdevMode> {
        each_hostdev!(self, h => h.mode.as_ref(), o => o.mode.as_ref())
    }

    /// The device's `<alias>`.
    pub fn alias(&self) -> Option<&Alias> {
        each_hostdev!(self, h => h.alias.as_ref(), _o => None)
    }

    /// The device's `<boot>` order.
    pub fn boot(&self) -> Option<&Boot> {
        each_hostdev!(self, h => h.boot.as_ref(), _o => None)
    }

    /// The device's guest `<address>`.
    pub fn address(&self) -> Option<&Address> {
        each_hostdev!(self, h => h.address.as_ref(), _o => None)
    }
}

/// Declares a host device struct: `mode`, the listed fields (type-specific attributes
/// and children), then the children every host device may have, in libvirt's order.
macro_rules! hostdev_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[serde(default)]
        pub struct $name {
            /// `mode`: `subsystem` or `capabilities`.
            #[serde(rename = "@mode")]
            pub mode: Option<HostdevMode>,
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
            /// `<readonly/>`: the device is read-only (SCSI).
            pub readonly: Option<Marker>,
            /// `<shareable/>`: the device may be shared with other domains (SCSI).
            pub shareable: Option<Marker>,
            /// `<boot>`: boot order.
            pub boot: Option<Boot>,
            /// `<alias>`: device alias.
            pub alias: Option<Alias>,
            /// `<rom>`: PCI option ROM settings.
            pub rom: Option<Rom>,
            /// `<acpi>`: ACPI index.
            pub acpi: Option<Acpi>,
            /// `<address>`: where the device sits in the guest.
            pub address: Option<Address>,
            /// Unknown attributes and elements, kept and written back.
            #[serde(rename = "$extra")]
            pub extra: Extra,
        }
    };
}

hostdev_struct! {
    /// `<hostdev type='usb'>`: a host USB device (formatdomain: "USB / PCI / SCSI
    /// devices").
    pub struct UsbHostdev {
        /// `managed`: ignored for USB devices.
        #[serde(rename = "@managed")]
        pub managed: Option<YesNo>,
        /// `<source>`: which host device.
        pub source: Option<UsbHostdevSource>,
    }
}

hostdev_struct! {
    /// `<hostdev type='pci'>`: a host PCI device (formatdomain: "USB / PCI / SCSI
    /// devices").
    pub struct PciHostdev {
        /// `managed`: libvirt detaches the device from the host and reattaches it.
        #[serde(rename = "@managed")]
        pub managed: Option<YesNo>,
        /// `display`: use the vGPU as a display.
        #[serde(rename = "@display")]
        pub display: Option<OnOff>,
        /// `ramfb`: give the guest a boot framebuffer (needs `display='on'`).
        #[serde(rename = "@ramfb")]
        pub ramfb: Option<OnOff>,
        /// `<driver>`: the host driver to bind.
        pub driver: Option<HostdevDriver>,
        /// `<source>`: which host device.
        pub source: Option<PciHostdevSource>,
        /// `<teaming>`: the hostdev half of a virtio failover pair.
        pub teaming: Option<Teaming>,
    }
}

hostdev_struct! {
    /// `<hostdev type='scsi'>`: a host SCSI LUN (formatdomain: "USB / PCI / SCSI
    /// devices").
    pub struct ScsiHostdev {
        /// `managed`: ignored for SCSI devices.
        #[serde(rename = "@managed")]
        pub managed: Option<YesNo>,
        /// `sgio`: whether unprivileged SG_IO commands are filtered.
        #[serde(rename = "@sgio")]
        pub sgio: Option<DiskSgio>,
        /// `rawio`: the LUN needs the rawio capability.
        #[serde(rename = "@rawio")]
        pub rawio: Option<YesNo>,
        /// `<source>`: a host adapter LUN or an iSCSI LUN.
        pub source: Option<ScsiHostdevSource>,
    }
}

hostdev_struct! {
    /// `<hostdev type='scsi_host'>`: a vhost-scsi target (formatdomain: "USB / PCI /
    /// SCSI devices").
    pub struct ScsiHostHostdev {
        /// `managed`: ignored for `scsi_host` devices.
        #[serde(rename = "@managed")]
        pub managed: Option<YesNo>,
        /// `model`: virtio flavour.
        #[serde(rename = "@model")]
        pub model: Option<VirtioModel>,
        /// `<source>`: the vhost-scsi target.
        pub source: Option<ScsiHostHostdevSource>,
    }
}

hostdev_struct! {
    /// `<hostdev type='mdev'>`: a mediated device (formatdomain: "USB / PCI / SCSI
    /// devices").
    pub struct MdevHostdev {
        /// `managed`: ignored for mediated devices.
        #[serde(rename = "@managed")]
        pub managed: Option<YesNo>,
        /// `model`: the device API.
        #[serde(rename = "@model")]
        pub model: Option<MdevModel>,
        /// `display`: use the vGPU as a display (`vfio-pci`).
        #[serde(rename = "@display")]
        pub display: Option<OnOff>,
        /// `ramfb`: give the guest a boot framebuffer (`vfio-pci`).
        #[serde(rename = "@ramfb")]
        pub ramfb: Option<OnOff>,
        /// `<source>`: the mediated device's UUID.
        pub source: Option<MdevHostdevSource>,
    }
}

hostdev_struct! {
    /// `<hostdev mode='capabilities' type='storage'>`: a host block device
    /// (formatdomain: "Block / character devices").
    pub struct StorageHostdev {
        /// `<source>`: the block device.
        pub source: Option<StorageHostdevSource>,
    }
}

hostdev_struct! {
    /// `<hostdev mode='capabilities' type='misc'>`: a host character device
    /// (formatdomain: "Block / character devices").
    pub struct MiscHostdev {
        /// `<source>`: the character device.
        pub source: Option<MiscHostdevSource>,
    }
}

hostdev_struct! {
    /// `<hostdev mode='capabilities' type='net'>`: a host network interface
    /// (formatdomain: "Block / character devices").
    pub struct NetHostdev {
        /// `<source>`: the interface.
        pub source: Option<NetHostdevSource>,
        /// `<ip>`: addresses to give the interface.
        #[serde(rename = "ip")]
        pub ips: Vec<InterfaceIp>,
        /// `<route>`: routes to add.
        #[serde(rename = "route")]
        pub routes: Vec<Route>,
    }
}

/// `<driver>` of a PCI host device: the host driver to bind (formatdomain: "USB /
/// PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostdevDriver {
    /// `name`: the legacy assignment backend.
    #[serde(rename = "@name")]
    pub name: Option<HostdevDriverName>,
    /// `model`: the VFIO variant driver to bind, e.g. `vfio-pci-igb`.
    #[serde(rename = "@model")]
    pub model: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<hostdev>` with a `type` this crate does not know (or none): everything but
/// `type` and `mode` is kept in `extra` (formatdomain: "Host device assignment").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnknownHostdev {
    /// `mode`: `subsystem` or `capabilities`.
    #[serde(rename = "@mode")]
    pub mode: Option<HostdevMode>,
    /// `type`: the unknown type, as written.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::hostdev_source::{
        IscsiHost, IscsiHostdevSource, MdevAddress, ScsiAdapterSource, ScsiHostAddress,
        ScsiHostProtocol, SourceAdapter,
    };
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::devices::{CcwAddress, DriveAddress, TeamingType};
    use crate::values::Uint;

    #[test]
    fn usb_and_pci_round_trip() {
        let mut usb = Hostdev::usb(0x1234, 0xbeef);
        if let Hostdev::Usb(u) = &mut usb {
            u.boot = Some(Boot::order(2));
        }
        assert_xml(
            &usb,
            "hostdev",
            "<hostdev type='usb' mode='subsystem'>\n  <source>\n    <vendor id='0x1234'/>\n    <product id='0xbeef'/>\n  </source>\n  <boot order='2'/>\n</hostdev>",
        );
        let mut pci = Hostdev::pci(PciAddress::new(0, 6, 2, 0));
        if let Hostdev::Pci(p) = &mut pci {
            p.driver = Some(HostdevDriver {
                model: Some("vfio-pci-igb".into()),
                ..Default::default()
            });
            p.boot = Some(Boot::order(1));
            p.rom = Some(Rom {
                bar: Some(OnOff::On),
                file: Some("/etc/fake/boot.bin".into()),
                ..Default::default()
            });
            p.address = Some(Address::pci(0, 0, 5, 0));
        }
        assert_xml(
            &pci,
            "hostdev",
            "<hostdev type='pci' mode='subsystem' managed='yes'>\n  <driver model='vfio-pci-igb'/>\n  <source>\n    <address domain='0x0000' bus='0x06' slot='0x02' function='0x0'/>\n  </source>\n  <boot order='1'/>\n  <rom bar='on' file='/etc/fake/boot.bin'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>\n</hostdev>",
        );
        assert_eq!(pci.kind(), Some("pci"));
        assert_eq!(pci.mode(), Some(&HostdevMode::Subsystem));
        assert_eq!(pci.boot(), Some(&Boot::order(1)));
        assert_eq!(pci.address(), Some(&Address::pci(0, 0, 5, 0)));
        assert_eq!(pci.alias(), None);
    }

    #[test]
    fn pci_with_teaming_and_display_round_trips() {
        let mut pci = Hostdev::pci("0000:03:07.1".parse().unwrap());
        if let Hostdev::Pci(p) = &mut pci {
            p.display = Some(OnOff::On);
            p.ramfb = Some(OnOff::Off);
            p.teaming = Some(Teaming {
                kind: Some(TeamingType::Transient),
                persistent: Some("ua-backup0".into()),
                ..Default::default()
            });
        }
        assert_xml(
            &pci,
            "hostdev",
            "<hostdev type='pci' mode='subsystem' managed='yes' display='on' ramfb='off'>\n  <source>\n    <address domain='0x0000' bus='0x03' slot='0x07' function='0x1'/>\n  </source>\n  <teaming type='transient' persistent='ua-backup0'/>\n</hostdev>",
        );
    }

    #[test]
    fn scsi_kinds_round_trip() {
        let drive = Address::Drive(DriveAddress {
            controller: Some(0u32.into()),
            bus: Some(0u32.into()),
            target: Some(0u32.into()),
            unit: Some(0u32.into()),
            ..Default::default()
        });
        let local = Hostdev::Scsi(ScsiHostdev {
            mode: Some(HostdevMode::Subsystem),
            rawio: Some(YesNo::Yes),
            source: Some(ScsiHostdevSource::Adapter(ScsiAdapterSource {
                adapter: Some(SourceAdapter {
                    name: Some("scsi_host0".into()),
                    ..Default::default()
                }),
                address: Some(ScsiHostAddress {
                    bus: Some(0u32.into()),
                    target: Some(0u32.into()),
                    unit: Some(0u32.into()),
                    ..Default::default()
                }),
                ..Default::default()
            })),
            readonly: Some(Marker::default()),
            address: Some(drive.clone()),
            ..Default::default()
        });
        assert_xml(
            &local,
            "hostdev",
            "<hostdev type='scsi' mode='subsystem' rawio='yes'>\n  <source>\n    <adapter name='scsi_host0'/>\n    <address bus='0' target='0' unit='0'/>\n  </source>\n  <readonly/>\n  <address type='drive' controller='0' bus='0' target='0' unit='0'/>\n</hostdev>",
        );
        let iscsi = Hostdev::Scsi(ScsiHostdev {
            mode: Some(HostdevMode::Subsystem),
            sgio: Some(DiskSgio::Unfiltered),
            source: Some(ScsiHostdevSource::Iscsi(IscsiHostdevSource {
                name: Some("iqn.1992-01.com.example:storage/1".into()),
                hosts: vec![IscsiHost {
                    name: Some("example.org".into()),
                    port: Some(3260),
                    ..Default::default()
                }],
                ..Default::default()
            })),
            shareable: Some(Marker::default()),
            ..Default::default()
        });
        assert_xml(
            &iscsi,
            "hostdev",
            "<hostdev type='scsi' mode='subsystem' sgio='unfiltered'>\n  <source protocol='iscsi' name='iqn.1992-01.com.example:storage/1'>\n    <host name='example.org' port='3260'/>\n  </source>\n  <shareable/>\n</hostdev>",
        );
        let vhost = Hostdev::ScsiHost(ScsiHostHostdev {
            mode: Some(HostdevMode::Subsystem),
            managed: Some(YesNo::No),
            model: Some(VirtioModel::VirtioNonTransitional),
            source: Some(ScsiHostHostdevSource {
                protocol: Some(ScsiHostProtocol::Vhost),
                wwpn: Some("naa.5123456789abcde0".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        assert_xml(
            &vhost,
            "hostdev",
            "<hostdev type='scsi_host' mode='subsystem' managed='no' model='virtio-non-transitional'>\n  <source protocol='vhost' wwpn='naa.5123456789abcde0'/>\n</hostdev>",
        );
    }

    #[test]
    fn mdev_round_trips() {
        let mdev = Hostdev::Mdev(MdevHostdev {
            mode: Some(HostdevMode::Subsystem),
            model: Some(MdevModel::VfioCcw),
            source: Some(MdevHostdevSource {
                address: Some(MdevAddress {
                    uuid: Some("9063cba3-ecef-47b6-abcf-3fef4fdcad85".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            boot: Some(Boot {
                order: Some(1),
                loadparm: Some("2".into()),
                ..Default::default()
            }),
            address: Some(Address::Ccw(CcwAddress {
                cssid: Some(Uint::hex(0xfe, 2)),
                ssid: Some(Uint::hex(0, 1)),
                devno: Some(Uint::hex(1, 4)),
                ..Default::default()
            })),
            ..Default::default()
        });
        assert_xml(
            &mdev,
            "hostdev",
            "<hostdev type='mdev' mode='subsystem' model='vfio-ccw'>\n  <source>\n    <address uuid='9063cba3-ecef-47b6-abcf-3fef4fdcad85'/>\n  </source>\n  <boot order='1' loadparm='2'/>\n  <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/>\n</hostdev>",
        );
        assert_modelled::<Hostdev>(
            "<hostdev type='mdev' mode='subsystem' managed='no' model='vfio-pci' display='on' ramfb='on'>\n  <source>\n    <address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/>\n  </source>\n  <alias name='hostdev0'/>\n  <acpi index='7'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n</hostdev>",
            "hostdev",
        );
    }

    #[test]
    fn capabilities_round_trip() {
        let storage = Hostdev::Storage(StorageHostdev {
            mode: Some(HostdevMode::Capabilities),
            source: Some(StorageHostdevSource {
                block: Some("/dev/sdf1".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        assert_xml(
            &storage,
            "hostdev",
            "<hostdev type='storage' mode='capabilities'>\n  <source>\n    <block>/dev/sdf1</block>\n  </source>\n</hostdev>",
        );
        let misc = Hostdev::Misc(MiscHostdev {
            mode: Some(HostdevMode::Capabilities),
            source: Some(MiscHostdevSource {
                char: Some("/dev/input/event3".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        assert_xml(
            &misc,
            "hostdev",
            "<hostdev type='misc' mode='capabilities'>\n  <source>\n    <char>/dev/input/event3</char>\n  </source>\n</hostdev>",
        );
        let net = Hostdev::Net(NetHostdev {
            mode: Some(HostdevMode::Capabilities),
            source: Some(NetHostdevSource {
                interface: Some("eth0".into()),
                ..Default::default()
            }),
            ips: vec![InterfaceIp {
                address: Some("192.168.122.2".into()),
                family: Some("ipv4".into()),
                prefix: Some(24),
                ..Default::default()
            }],
            routes: vec![Route {
                family: Some("ipv4".into()),
                address: Some("0.0.0.0".into()),
                gateway: Some("192.168.122.1".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        assert_xml(
            &net,
            "hostdev",
            "<hostdev type='net' mode='capabilities'>\n  <source>\n    <interface>eth0</interface>\n  </source>\n  <ip address='192.168.122.2' family='ipv4' prefix='24'/>\n  <route family='ipv4' address='0.0.0.0' gateway='192.168.122.1'/>\n</hostdev>",
        );
    }

    #[test]
    fn libvirt_attribute_order_reads_the_same() {
        let libvirt = "<hostdev mode='subsystem' type='pci' managed='yes'>\n  <source>\n    <address domain='0x0000' bus='0x06' slot='0x02' function='0x0'/>\n  </source>\n</hostdev>";
        let read: Hostdev = crate::codec::from_str(libvirt, "hostdev").unwrap();
        assert_eq!(read, Hostdev::pci(PciAddress::new(0, 6, 2, 0)));
        assert!(crate::codec::unmodelled(&read, "hostdev").is_empty());
    }

    #[test]
    fn unknown_type_is_kept_whole() {
        let xml = "<hostdev mode='subsystem' type='ccw' managed='no'>\n  <source/>\n</hostdev>";
        let read: Hostdev = crate::codec::from_str(xml, "hostdev").unwrap();
        assert_eq!(read.kind(), Some("ccw"));
        assert_eq!(read.mode(), Some(&HostdevMode::Subsystem));
        assert_eq!(crate::codec::to_string(&read, "hostdev").unwrap(), xml);
        assert_eq!(crate::codec::unmodelled(&read, "hostdev").len(), 2);
    }
}
