//! The `<source>` of each `<hostdev>` type: which host device is assigned
//! (formatdomain: "USB / PCI / SCSI devices", "Block / character devices").

use serde::{Deserialize, Serialize};

use super::address::PciAddress;
use super::common::{Auth, Initiator, Marker};
use super::disk::StartupPolicy;
use crate::values::{value_enum, Uint, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<source guestReset=…>` of a USB host device: which guest-initiated resets
    /// reach the device (formatdomain: "USB / PCI / SCSI devices").
    pub enum UsbGuestReset {
        /// `off`: ignore every reset request.
        Off = "off",
        /// `uninitialized`: reset only a device that is not initialized.
        Uninitialized = "uninitialized",
        /// `on`: reset on every request.
        On = "on",
    }
}

value_enum! {
    /// `<source protocol=…>` of a SCSI host device that names a host adapter
    /// (formatdomain: "USB / PCI / SCSI devices"); `iscsi` sources are
    /// [`ScsiHostdevSource::Iscsi`].
    pub enum ScsiAdapterProtocol {
        /// `adapter`: a host SCSI adapter (the default when absent).
        Adapter = "adapter",
    }
}

value_enum! {
    /// `<source protocol=…>` of a `scsi_host` host device (formatdomain: "USB / PCI /
    /// SCSI devices").
    pub enum ScsiHostProtocol {
        /// `vhost`: a vhost-scsi target.
        Vhost = "vhost",
    }
}

value_enum! {
    /// `<adapter type=…>`: the kind of host SCSI adapter (schema `sourceinfoadapter`;
    /// formatdomain: "USB / PCI / SCSI devices").
    pub enum AdapterType {
        /// `scsi_host`: a SCSI host adapter (the default).
        ScsiHost = "scsi_host",
        /// `fc_host`: a Fibre Channel (NPIV) adapter.
        FcHost = "fc_host",
    }
}

/// `<source>` of a USB host device: by vendor/product id, by host bus/device, or
/// both (formatdomain: "USB / PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UsbHostdevSource {
    /// `startupPolicy`: what to do when the device is missing.
    #[serde(rename = "@startupPolicy")]
    pub startup_policy: Option<StartupPolicy>,
    /// `guestReset`: which guest-initiated resets reach the device.
    #[serde(rename = "@guestReset")]
    pub guest_reset: Option<UsbGuestReset>,
    /// `<vendor id=…>`: USB vendor id.
    pub vendor: Option<UsbId>,
    /// `<product id=…>`: USB product id.
    pub product: Option<UsbId>,
    /// `<address bus=… device=…>`: the device's place on the host.
    pub address: Option<UsbHostAddress>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<vendor id=…>` or `<product id=…>` of a USB host device (formatdomain: "USB /
/// PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UsbId {
    /// `id`: the id, usually `0x` hex (kept as written).
    #[serde(rename = "@id")]
    pub id: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl UsbId {
    /// An id written as four hex digits, e.g. `0x1234`.
    pub fn hex(id: u16) -> Self {
        UsbId {
            id: Some(Uint::hex(id.into(), 4)),
            ..Default::default()
        }
    }
}

/// `<address bus=… device=…>` in a USB host device's `<source>`: the device's bus
/// and device number on the host (formatdomain: "USB / PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UsbHostAddress {
    /// `bus`: host USB bus number.
    #[serde(rename = "@bus")]
    pub bus: Option<Uint>,
    /// `device`: host USB device number.
    #[serde(rename = "@device")]
    pub device: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a PCI host device (formatdomain: "USB / PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PciHostdevSource {
    /// `startupPolicy`: what to do when the device is missing.
    #[serde(rename = "@startupPolicy")]
    pub startup_policy: Option<StartupPolicy>,
    /// `writeFiltering`: `no` allows every write to the PCI config space (Xen).
    #[serde(rename = "@writeFiltering")]
    pub write_filtering: Option<YesNo>,
    /// `<address>`: the host PCI address (no `type` attribute).
    pub address: Option<PciAddress>,
    /// `<origstates>`: the device's host state before assignment (status XML).
    pub origstates: Option<PciOrigStates>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<origstates>` of a PCI host device: what libvirt must undo when the guest lets
/// the device go (live status XML only).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PciOrigStates {
    /// `<unbind/>`: the device was bound to a host driver.
    pub unbind: Option<Marker>,
    /// `<removeslot/>`: the PCI slot was removed.
    pub removeslot: Option<Marker>,
    /// `<reprobe/>`: the device must be reprobed by host drivers.
    pub reprobe: Option<Marker>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a SCSI host device; the shape depends on `protocol`
/// (formatdomain: "USB / PCI / SCSI devices").
///
/// A source without `protocol`, with `protocol='adapter'` or with a protocol this
/// crate does not know is [`ScsiHostdevSource::Adapter`] (the protocol is kept in
/// its `protocol` field).
// Variants hold their structs directly (not boxed) so they can be built and matched
// without indirection, as `Device` does.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@protocol")]
#[non_exhaustive]
pub enum ScsiHostdevSource {
    /// `protocol='iscsi'`: a LUN on an iSCSI server.
    #[serde(rename = "iscsi")]
    Iscsi(IscsiHostdevSource),
    /// No `protocol` or `protocol='adapter'`: a LUN behind a host SCSI adapter.
    #[serde(rename = "$other")]
    Adapter(ScsiAdapterSource),
}

impl Default for ScsiHostdevSource {
    fn default() -> Self {
        ScsiHostdevSource::Adapter(ScsiAdapterSource::default())
    }
}

/// `<source>` of a SCSI host device behind a host adapter (formatdomain: "USB /
/// PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScsiAdapterSource {
    /// `protocol`: `adapter`, usually omitted.
    #[serde(rename = "@protocol")]
    pub protocol: Option<ScsiAdapterProtocol>,
    /// `<adapter>`: the host adapter.
    pub adapter: Option<SourceAdapter>,
    /// `<address>`: the LUN behind the adapter.
    pub address: Option<ScsiHostAddress>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<adapter>`: a host SCSI adapter (schema `sourceinfoadapter`; formatdomain:
/// "USB / PCI / SCSI devices").
///
/// Host devices name the adapter (`name='scsi_host0'`); the schema also allows a
/// `scsi_host` adapter by `<parentaddr>` and an `fc_host` adapter by WWNs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceAdapter {
    /// `type`: `scsi_host` (default) or `fc_host`.
    #[serde(rename = "@type")]
    pub kind: Option<AdapterType>,
    /// `name`: the adapter's name, e.g. `scsi_host0`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `parent`: parent adapter of an `fc_host`.
    #[serde(rename = "@parent")]
    pub parent: Option<String>,
    /// `managed`: libvirt manages the vHBA's lifetime (`fc_host`).
    #[serde(rename = "@managed")]
    pub managed: Option<YesNo>,
    /// `parent_wwnn`: WWNN of the parent adapter (`fc_host`).
    #[serde(rename = "@parent_wwnn")]
    pub parent_wwnn: Option<String>,
    /// `parent_wwpn`: WWPN of the parent adapter (`fc_host`).
    #[serde(rename = "@parent_wwpn")]
    pub parent_wwpn: Option<String>,
    /// `parent_fabric_wwn`: fabric WWN of the parent adapter (`fc_host`).
    #[serde(rename = "@parent_fabric_wwn")]
    pub parent_fabric_wwn: Option<String>,
    /// `wwnn`: the vHBA's WWNN (`fc_host`).
    #[serde(rename = "@wwnn")]
    pub wwnn: Option<String>,
    /// `wwpn`: the vHBA's WWPN (`fc_host`).
    #[serde(rename = "@wwpn")]
    pub wwpn: Option<String>,
    /// `<parentaddr>`: the `scsi_host` adapter by its PCI address.
    pub parentaddr: Option<AdapterParentAddr>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<parentaddr>` of an adapter: the adapter's PCI address (formatdomain: "USB / PCI
/// / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AdapterParentAddr {
    /// `unique_id`: the adapter's unique id among those at that address.
    #[serde(rename = "@unique_id")]
    pub unique_id: Option<u32>,
    /// `<address>`: the PCI address.
    pub address: Option<PciAddress>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address bus=… target=… unit=…>` in a SCSI host device's `<source>`: the LUN
/// behind the host adapter (formatdomain: "USB / PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScsiHostAddress {
    /// `bus`: bus number.
    #[serde(rename = "@bus")]
    pub bus: Option<Uint>,
    /// `target`: target number.
    #[serde(rename = "@target")]
    pub target: Option<Uint>,
    /// `unit`: unit (LUN) number.
    #[serde(rename = "@unit")]
    pub unit: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source protocol='iscsi'>` of a SCSI host device: a LUN on an iSCSI server
/// (formatdomain: "USB / PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IscsiHostdevSource {
    /// `name`: target IQN and LUN, e.g. `iqn.2014-08.com.example:iscsi-nopool/1`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `<host>`: the iSCSI servers.
    #[serde(rename = "host")]
    pub hosts: Vec<IscsiHost>,
    /// `<auth>`: CHAP credentials.
    pub auth: Option<Auth>,
    /// `<initiator>`: the initiator IQN the hypervisor uses.
    pub initiator: Option<Initiator>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<host>` of an iSCSI host device source (formatdomain: "USB / PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IscsiHost {
    /// `name`: server name or address.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `port`: TCP port (default 3260).
    #[serde(rename = "@port")]
    pub port: Option<u16>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `scsi_host` host device: a vhost-scsi target (formatdomain: "USB
/// / PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScsiHostHostdevSource {
    /// `protocol`: `vhost`.
    #[serde(rename = "@protocol")]
    pub protocol: Option<ScsiHostProtocol>,
    /// `wwpn`: the vhost-scsi target's WWPN, e.g. `naa.50014057667280d8`.
    #[serde(rename = "@wwpn")]
    pub wwpn: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a mediated host device (formatdomain: "USB / PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MdevHostdevSource {
    /// `<address uuid=…>`: the mediated device.
    pub address: Option<MdevAddress>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address uuid=…>` in a mediated host device's `<source>` (formatdomain: "USB /
/// PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MdevAddress {
    /// `uuid`: the mediated device's UUID.
    #[serde(rename = "@uuid")]
    pub uuid: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `storage` capabilities host device (formatdomain: "Block /
/// character devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StorageHostdevSource {
    /// `<block>`: the host block device, e.g. `/dev/sdf1`.
    pub block: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `misc` capabilities host device (formatdomain: "Block /
/// character devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MiscHostdevSource {
    /// `<char>`: the host character device, e.g. `/dev/input/event3`.
    pub char: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `net` capabilities host device (formatdomain: "Block / character
/// devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NetHostdevSource {
    /// `<interface>`: the host network interface, e.g. `eth0`.
    pub interface: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::common::{AuthSecret, AuthSecretType, Iqn};
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn usb_and_pci_sources_round_trip() {
        assert_xml(
            &UsbHostdevSource {
                startup_policy: Some(StartupPolicy::Optional),
                guest_reset: Some(UsbGuestReset::Off),
                vendor: Some(UsbId::hex(0x1234)),
                product: Some(UsbId::hex(0xbeef)),
                ..Default::default()
            },
            "source",
            "<source startupPolicy='optional' guestReset='off'>\n  <vendor id='0x1234'/>\n  <product id='0xbeef'/>\n</source>",
        );
        assert_xml(
            &UsbHostdevSource {
                address: Some(UsbHostAddress {
                    bus: Some(14u32.into()),
                    device: Some(6u32.into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "source",
            "<source>\n  <address bus='14' device='6'/>\n</source>",
        );
        assert_xml(
            &PciHostdevSource {
                write_filtering: Some(YesNo::No),
                address: Some(PciAddress {
                    domain: Some(Uint::hex(0, 4)),
                    bus: Some(Uint::hex(6, 2)),
                    slot: Some(Uint::hex(2, 2)),
                    function: Some(Uint::hex(0, 1)),
                    ..Default::default()
                }),
                origstates: Some(PciOrigStates {
                    unbind: Some(Marker::default()),
                    removeslot: Some(Marker::default()),
                    reprobe: Some(Marker::default()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "source",
            "<source writeFiltering='no'>\n  <address domain='0x0000' bus='0x06' slot='0x02' function='0x0'/>\n  <origstates>\n    <unbind/>\n    <removeslot/>\n    <reprobe/>\n  </origstates>\n</source>",
        );
    }

    #[test]
    fn scsi_sources_round_trip() {
        let adapter = ScsiHostdevSource::Adapter(ScsiAdapterSource {
            adapter: Some(SourceAdapter {
                name: Some("scsi_host0".into()),
                ..Default::default()
            }),
            address: Some(ScsiHostAddress {
                bus: Some(0u32.into()),
                target: Some(0u32.into()),
                unit: Some(1u32.into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        assert_xml(
            &adapter,
            "source",
            "<source>\n  <adapter name='scsi_host0'/>\n  <address bus='0' target='0' unit='1'/>\n</source>",
        );
        let explicit: ScsiHostdevSource = assert_modelled(
            "<source protocol='adapter'>\n  <adapter type='scsi_host' name='scsi_host0'/>\n  <address bus='0' target='0' unit='1'/>\n</source>",
            "source",
        );
        assert!(matches!(
            explicit,
            ScsiHostdevSource::Adapter(ScsiAdapterSource {
                protocol: Some(ScsiAdapterProtocol::Adapter),
                ..
            })
        ));
        let iscsi = ScsiHostdevSource::Iscsi(IscsiHostdevSource {
            name: Some("iqn.2014-08.com.example:iscsi-nopool/1".into()),
            hosts: vec![IscsiHost {
                name: Some("example.com".into()),
                port: Some(3260),
                ..Default::default()
            }],
            auth: Some(Auth {
                username: Some("myuser".into()),
                secret: Some(AuthSecret {
                    kind: Some(AuthSecretType::Iscsi),
                    usage: Some("libvirtiscsi".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            initiator: Some(Initiator {
                iqn: Some(Iqn {
                    name: Some("iqn.2020-07.com.example:test".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        });
        assert_xml(
            &iscsi,
            "source",
            "<source protocol='iscsi' name='iqn.2014-08.com.example:iscsi-nopool/1'>\n  <host name='example.com' port='3260'/>\n  <auth username='myuser'>\n    <secret type='iscsi' usage='libvirtiscsi'/>\n  </auth>\n  <initiator>\n    <iqn name='iqn.2020-07.com.example:test'/>\n  </initiator>\n</source>",
        );
        assert_modelled::<SourceAdapter>(
            "<adapter type='fc_host' parent='scsi_host5' managed='yes' wwnn='20000000c9831b4b' wwpn='10000000c9831b4b'/>",
            "adapter",
        );
        assert_modelled::<SourceAdapter>(
            "<adapter type='scsi_host'>\n  <parentaddr unique_id='1'>\n    <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>\n  </parentaddr>\n</adapter>",
            "adapter",
        );
    }

    #[test]
    fn other_sources_round_trip() {
        assert_xml(
            &ScsiHostHostdevSource {
                protocol: Some(ScsiHostProtocol::Vhost),
                wwpn: Some("naa.50014057667280d8".into()),
                ..Default::default()
            },
            "source",
            "<source protocol='vhost' wwpn='naa.50014057667280d8'/>",
        );
        assert_xml(
            &MdevHostdevSource {
                address: Some(MdevAddress {
                    uuid: Some("c2177883-f1bb-47f0-914d-32a22e3a8804".into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "source",
            "<source>\n  <address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/>\n</source>",
        );
        assert_xml(
            &StorageHostdevSource {
                block: Some("/dev/sdf1".into()),
                ..Default::default()
            },
            "source",
            "<source>\n  <block>/dev/sdf1</block>\n</source>",
        );
        assert_xml(
            &MiscHostdevSource {
                char: Some("/dev/input/event3".into()),
                ..Default::default()
            },
            "source",
            "<source>\n  <char>/dev/input/event3</char>\n</source>",
        );
        assert_xml(
            &NetHostdevSource {
                interface: Some("eth0".into()),
                ..Default::default()
            },
            "source",
            "<source>\n  <interface>eth0</interface>\n</source>",
        );
    }
}
