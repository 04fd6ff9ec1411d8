//! Small elements shared by many devices: `<alias>`, `<boot>`, `<acpi>`, `<rom>`,
//! empty marker elements, the virtio-only `<driver>`, `<reconnect>`, sizes with a
//! unit, `<teaming>`, `<route>`, the iSCSI `<auth>`/`<initiator>` and per-device
//! `<seclabel>`
//! (formatdomain: "Devices", "Virtio-related options").

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::units::{Size, Unit};
use crate::values::{value_enum, OnOff, YesNo};
use crate::xml::Extra;

value_enum! {
    /// The `model` of a virtio device: which virtio flavour QEMU exposes
    /// (formatdomain: "Virtio device models").
    pub enum VirtioModel {
        /// `virtio`: let the hypervisor pick (transitional or modern, by machine type).
        Virtio = "virtio",
        /// `virtio-transitional`: usable by both legacy (virtio 0.9) and modern guests.
        VirtioTransitional = "virtio-transitional",
        /// `virtio-non-transitional`: virtio 1.0 only.
        VirtioNonTransitional = "virtio-non-transitional",
    }
}

/// `<alias>`: a user- or hypervisor-assigned name for the device (formatdomain: "Devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Alias {
    /// `name`: the identifier; user aliases start with `ua-`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Alias {
    /// An alias with this name.
    pub fn new(name: impl Into<String>) -> Self {
        Alias {
            name: Some(name.into()),
            ..Default::default()
        }
    }
}

/// `<boot>`: the device's place in the boot order (formatdomain: "Hard drives,
/// floppy disks, CDROMs", "Specifying boot order").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Boot {
    /// `order`: 1-based boot priority.
    #[serde(rename = "@order")]
    pub order: Option<u32>,
    /// `loadparm`: s390 boot selector (up to 8 characters).
    #[serde(rename = "@loadparm")]
    pub loadparm: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Boot {
    /// Boot from this device with the given priority.
    pub fn order(order: u32) -> Self {
        Boot {
            order: Some(order),
            ..Default::default()
        }
    }
}

/// `<acpi>`: the ACPI index the guest uses to name the device (formatdomain:
/// "Network interfaces").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Acpi {
    /// `index`: stable ACPI index (1..16383).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<rom>`: how a PCI device's option ROM is presented (formatdomain: "USB / PCI /
/// SCSI devices", "Interface ROM BIOS configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Rom {
    /// `enabled`: `no` disables ROM loading altogether.
    #[serde(rename = "@enabled")]
    pub enabled: Option<YesNo>,
    /// `bar`: whether the ROM BAR is visible in the guest's memory map.
    #[serde(rename = "@bar")]
    pub bar: Option<OnOff>,
    /// `file`: host path of a ROM image to present instead.
    #[serde(rename = "@file")]
    pub file: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// An element the model gives no fields of its own, only `extra`: an empty marker
/// such as `<readonly/>` or `<shareable/>`, whose presence is the setting
/// (formatdomain: "Hard drives, floppy disks, CDROMs", "Filesystems"); an address type
/// without attributes ([`BareAddress`](crate::devices::BareAddress)); a `<source>` of
/// a `type` the crate does not know ([`OtherSource`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Marker {
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `type` of a socket `<source>`: a vhost-user interface's or disk's socket, a
    /// SCSI reservations helper's (schema `unixSocketSource`; formatdomain:
    /// "vhost-user connection", "Hard drives, floppy disks, CDROMs").
    pub enum SocketType {
        /// `unix`: a UNIX socket (the only kind).
        Unix = "unix",
    }
}

value_enum! {
    /// `mode` of a UNIX socket `<source>`: which side listens (formatdomain:
    /// "vhost-user connection", "Hard drives, floppy disks, CDROMs").
    pub enum SocketMode {
        /// `server`: QEMU (or libvirt) listens.
        Server = "server",
        /// `client`: QEMU connects (libvirt's default for vhost-user since 11.1).
        Client = "client",
    }
}

/// A `<source>` whose parent's `type` this crate does not know: every attribute and
/// child is kept in `extra`, written back unchanged and reported by
/// [`Domain::unmodelled`](crate::Domain::unmodelled). The fallback variant of
/// [`DiskSource`](crate::devices::DiskSource) and the other per-`type` sources.
///
/// The same struct as [`Marker`] (a type alias, so that the name stays).
pub type OtherSource = Marker;

/// `<driver>` of devices whose driver only carries the virtio transport options
/// (memballoon, rng, input, sound, vsock; formatdomain: "Virtio-related options").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtioDriver {
    /// `iommu`: use the emulated IOMMU for the device's DMA.
    #[serde(rename = "@iommu")]
    pub iommu: Option<OnOff>,
    /// `ats`: PCIe Address Translation Service (needed for IOTLB).
    #[serde(rename = "@ats")]
    pub ats: Option<OnOff>,
    /// `packed`: try packed virtqueues.
    #[serde(rename = "@packed")]
    pub packed: Option<OnOff>,
    /// `page_per_vq`: one notification page per virtqueue.
    #[serde(rename = "@page_per_vq")]
    pub page_per_vq: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<reconnect>`: how a client socket reconnects after the server went away
/// (formatdomain: "Consoles, serial, parallel & channel devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Reconnect {
    /// `enabled`: whether to reconnect.
    #[serde(rename = "@enabled")]
    pub enabled: Option<YesNo>,
    /// `timeout`: seconds between attempts.
    #[serde(rename = "@timeout")]
    pub timeout: Option<u32>,
    /// `delay`: NBD disk sources' reconnect delay in seconds.
    #[serde(rename = "@delay")]
    pub delay: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<backenddomain>`: the driver domain that provides the device's backend (Xen;
/// formatdomain: "Hard drives, floppy disks, CDROMs", "Setting up a network backend in
/// a driver domain").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackendDomain {
    /// `name`: the backend domain's name.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<iothreads>` inside a disk or controller `<driver>`: which IOThreads serve
/// which queues (formatdomain: "Hard drives, floppy disks, CDROMs", "Controllers").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IothreadMapping {
    /// `<iothread>`: one IOThread and the queues it serves.
    #[serde(rename = "iothread")]
    pub iothreads: Vec<IothreadQueues>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<iothread id=…>` inside `<iothreads>`: an IOThread and its queues
/// (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IothreadQueues {
    /// `id`: the IOThread's id (see `<iothreads>` of the domain).
    #[serde(rename = "@id")]
    pub id: Option<u32>,
    /// `<queue id=…>`: queues mapped to this IOThread.
    #[serde(rename = "queue")]
    pub queues: Vec<IothreadQueue>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<queue id=…>` inside `<iothread>`: one virtqueue (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IothreadQueue {
    /// `id`: the queue number.
    #[serde(rename = "@id")]
    pub id: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// An element whose text is a size with an optional `unit` attribute (schema
/// `scaledInteger`): `<size unit='KiB'>524288</size>`, `<pagesize>`, `<block>`, …
/// (formatdomain: "Memory Allocation", "Memory devices").
///
/// The number and unit are kept as written; the default unit when `unit` is absent
/// depends on the element (KiB for memory devices, bytes for `<shmem><size>`), so
/// [`ScaledSize::bytes`] takes it as an argument.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScaledSize {
    /// `unit`: the unit of `value`; the element's default when absent.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// The number, in `unit`.
    #[serde(rename = "$text")]
    pub value: u64,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl ScaledSize {
    /// `value` of `unit`.
    pub fn new(value: u64, unit: Unit) -> Self {
        ScaledSize {
            unit: Some(unit),
            value,
            ..Default::default()
        }
    }

    /// `value` KiB, written with `unit='KiB'` as libvirt does.
    pub fn kib(value: u64) -> Self {
        Self::new(value, Unit::KIB)
    }

    /// `value` MiB.
    pub fn mib(value: u64) -> Self {
        Self::new(value, Unit::MIB)
    }

    /// The number and unit as a [`Size`].
    pub fn size(&self) -> Size {
        Size {
            value: self.value,
            unit: self.unit.clone(),
        }
    }

    /// The size in bytes, reading a missing unit as `default_unit`; an error when it
    /// does not fit in a `u64`.
    pub fn bytes(&self, default_unit: &Unit) -> Result<u64> {
        self.size().to_bytes(default_unit)
    }
}

impl From<Size> for ScaledSize {
    /// Keeps the number and unit; a missing unit stays missing.
    fn from(size: Size) -> Self {
        ScaledSize {
            unit: size.unit,
            value: size.value,
            ..Default::default()
        }
    }
}

value_enum! {
    /// `<teaming type=…>`: the device's role in a virtio failover pair
    /// (formatdomain: "Teaming a virtio/hostdev NIC pair").
    pub enum TeamingType {
        /// `persistent`: the virtio NIC that stays when the hostdev is unplugged.
        Persistent = "persistent",
        /// `transient`: the hostdev NIC, unplugged on migration.
        Transient = "transient",
    }
}

/// `<teaming>`: pairs a virtio NIC with a hostdev NIC for failover (formatdomain:
/// "Teaming a virtio/hostdev NIC pair").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Teaming {
    /// `type`: `persistent` or `transient`.
    #[serde(rename = "@type")]
    pub kind: Option<TeamingType>,
    /// `persistent`: alias of the persistent device (only with `type='transient'`).
    #[serde(rename = "@persistent")]
    pub persistent: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<route>`: a static IP route (schema `route`; formatdomain: "Generic ethernet
/// connection", "Block / character devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Route {
    /// `family`: `ipv4` or `ipv6`.
    #[serde(rename = "@family")]
    pub family: Option<String>,
    /// `address`: the destination network.
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `netmask`: IPv4 netmask of the destination.
    #[serde(rename = "@netmask")]
    pub netmask: Option<String>,
    /// `prefix`: prefix length of the destination.
    #[serde(rename = "@prefix")]
    pub prefix: Option<u32>,
    /// `gateway`: the next hop.
    #[serde(rename = "@gateway")]
    pub gateway: Option<String>,
    /// `metric`: the route's metric.
    #[serde(rename = "@metric")]
    pub metric: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<auth>`: credentials for a network storage source (schema `diskAuth`;
/// formatdomain: "Hard drives, floppy disks, CDROMs", "USB / PCI / SCSI devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Auth {
    /// `username`: the user to authenticate as.
    #[serde(rename = "@username")]
    pub username: Option<String>,
    /// `<secret>`: the libvirt secret holding the password or key.
    pub secret: Option<AuthSecret>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<auth><secret type=…>`: the kind of libvirt secret (formatdomain: "Hard
    /// drives, floppy disks, CDROMs").
    pub enum AuthSecretType {
        /// `ceph`: a Ceph/RBD key.
        Ceph = "ceph",
        /// `iscsi`: an iSCSI CHAP password.
        Iscsi = "iscsi",
    }
}

/// `<secret>` inside `<auth>`: which libvirt secret to use, by `uuid` or `usage`
/// (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthSecret {
    /// `type`: `ceph` or `iscsi`.
    #[serde(rename = "@type")]
    pub kind: Option<AuthSecretType>,
    /// `uuid`: the secret's UUID.
    #[serde(rename = "@uuid")]
    pub uuid: Option<String>,
    /// `usage`: the secret's usage name.
    #[serde(rename = "@usage")]
    pub usage: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<initiator>`: the iSCSI initiator the hypervisor presents (schema
/// `initiatorinfo`; formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Initiator {
    /// `<iqn>`: the initiator's IQN.
    pub iqn: Option<Iqn>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<iqn>` inside `<initiator>` (formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Iqn {
    /// `name`: the iSCSI qualified name, e.g. `iqn.2020-07.com.example:test`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<seclabel>` of a device or storage source: a per-resource override of the
/// domain's security label (schema `devSeclabel`; formatdomain: "Security label").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DeviceSeclabel {
    /// `model`: the security driver the override is for (`selinux`, `dac`, …).
    #[serde(rename = "@model")]
    pub model: Option<String>,
    /// `relabel`: `no` leaves the resource's label alone.
    #[serde(rename = "@relabel")]
    pub relabel: Option<YesNo>,
    /// `labelskip`: `yes` when libvirt skipped relabelling (live XML).
    #[serde(rename = "@labelskip")]
    pub labelskip: Option<YesNo>,
    /// `<label>`: the label to use.
    #[serde(rename = "label")]
    pub labels: Vec<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::assert_xml;

    #[test]
    fn small_shared_elements_round_trip() {
        assert_xml(&Alias::new("ua-disk0"), "alias", "<alias name='ua-disk0'/>");
        assert_xml(&Boot::order(1), "boot", "<boot order='1'/>");
        assert_xml(
            &Boot {
                order: Some(2),
                loadparm: Some("SYSTEM1".into()),
                ..Default::default()
            },
            "boot",
            "<boot order='2' loadparm='SYSTEM1'/>",
        );
        assert_xml(
            &Acpi {
                index: Some(4),
                ..Default::default()
            },
            "acpi",
            "<acpi index='4'/>",
        );
        assert_xml(
            &Rom {
                enabled: Some(YesNo::Yes),
                bar: Some(OnOff::Off),
                file: Some("/usr/share/ipxe/1af41000.rom".into()),
                ..Default::default()
            },
            "rom",
            "<rom enabled='yes' bar='off' file='/usr/share/ipxe/1af41000.rom'/>",
        );
        assert_xml(&Marker::default(), "readonly", "<readonly/>");
        assert_xml(
            &VirtioDriver {
                iommu: Some(OnOff::On),
                ats: Some(OnOff::On),
                packed: Some(OnOff::Off),
                page_per_vq: Some(OnOff::On),
                ..Default::default()
            },
            "driver",
            "<driver iommu='on' ats='on' packed='off' page_per_vq='on'/>",
        );
        assert_xml(
            &Reconnect {
                enabled: Some(YesNo::Yes),
                timeout: Some(10),
                ..Default::default()
            },
            "reconnect",
            "<reconnect enabled='yes' timeout='10'/>",
        );
    }

    #[test]
    fn iothread_mapping_round_trips() {
        let value = IothreadMapping {
            iothreads: vec![
                IothreadQueues {
                    id: Some(1),
                    queues: vec![
                        IothreadQueue {
                            id: Some(0),
                            ..Default::default()
                        },
                        IothreadQueue {
                            id: Some(2),
                            ..Default::default()
                        },
                    ],
                    ..Default::default()
                },
                IothreadQueues {
                    id: Some(2),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        assert_xml(
            &value,
            "iothreads",
            "<iothreads>\n  <iothread id='1'>\n    <queue id='0'/>\n    <queue id='2'/>\n  </iothread>\n  <iothread id='2'/>\n</iothreads>",
        );
    }

    #[test]
    fn scaled_size_keeps_number_and_unit() {
        let size = ScaledSize::kib(524288);
        assert_xml(&size, "size", "<size unit='KiB'>524288</size>");
        assert_eq!(size.bytes(&Unit::BYTES).unwrap(), 512 << 20);
        let bare = ScaledSize {
            value: 4,
            ..Default::default()
        };
        assert_xml(&bare, "size", "<size>4</size>");
        assert_eq!(bare.bytes(&Unit::BYTES).unwrap(), 4);
        assert_eq!(bare.bytes(&Unit::KIB).unwrap(), 4096);
        assert_xml(&ScaledSize::mib(4), "size", "<size unit='MiB'>4</size>");
        assert_eq!(
            ScaledSize::from(Size::new(2, Unit::G)),
            ScaledSize::new(2, Unit::G)
        );
        let err = crate::codec::from_str::<ScaledSize>("<size unit='KX'>1</size>", "size")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown unit"), "{err}");
    }

    #[test]
    fn teaming_route_auth_initiator_round_trip() {
        assert_xml(
            &Teaming {
                kind: Some(TeamingType::Transient),
                persistent: Some("ua-backup0".into()),
                ..Default::default()
            },
            "teaming",
            "<teaming type='transient' persistent='ua-backup0'/>",
        );
        assert_xml(
            &Route {
                family: Some("ipv4".into()),
                address: Some("0.0.0.0".into()),
                prefix: Some(0),
                gateway: Some("192.168.122.1".into()),
                metric: Some(10),
                ..Default::default()
            },
            "route",
            "<route family='ipv4' address='0.0.0.0' prefix='0' gateway='192.168.122.1' metric='10'/>",
        );
        assert_xml(
            &Auth {
                username: Some("myuser".into()),
                secret: Some(AuthSecret {
                    kind: Some(AuthSecretType::Iscsi),
                    usage: Some("libvirtiscsi".into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "auth",
            "<auth username='myuser'>\n  <secret type='iscsi' usage='libvirtiscsi'/>\n</auth>",
        );
        assert_xml(
            &Initiator {
                iqn: Some(Iqn {
                    name: Some("iqn.2020-07.com.example:test".into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "initiator",
            "<initiator>\n  <iqn name='iqn.2020-07.com.example:test'/>\n</initiator>",
        );
        assert_xml(
            &DeviceSeclabel {
                model: Some("selinux".into()),
                relabel: Some(YesNo::Yes),
                labels: vec!["system_u:object_r:svirt_image_t:s0:c10,c20".into()],
                ..Default::default()
            },
            "seclabel",
            "<seclabel model='selinux' relabel='yes'>\n  <label>system_u:object_r:svirt_image_t:s0:c10,c20</label>\n</seclabel>",
        );
        assert_xml(
            &DeviceSeclabel {
                model: Some("dac".into()),
                relabel: Some(YesNo::No),
                ..Default::default()
            },
            "seclabel",
            "<seclabel model='dac' relabel='no'/>",
        );
    }

    #[test]
    fn marker_keeps_attributes_of_newer_libvirt() {
        let read: Marker = crate::codec::from_str("<readonly future='x'/>", "readonly").unwrap();
        assert_eq!(read.extra.attributes.len(), 1);
        assert_eq!(
            crate::codec::to_string(&read, "readonly").unwrap(),
            "<readonly future='x'/>"
        );
    }
}
