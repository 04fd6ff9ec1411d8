//! `<disk>`: hard drives, floppy disks and CD-ROMs (formatdomain: "Hard drives,
//! floppy disks, CDROMs").

mod backing;
mod build;
mod encryption;
mod iotune;
mod media;
mod source;

use serde::{Deserialize, Serialize};

pub use self::backing::{BackingStore, Mirror, MirrorJob, MirrorReady};
pub use self::encryption::{
    Encryption, EncryptionCipher, EncryptionEngine, EncryptionFormat, EncryptionIvgen,
    EncryptionSecret, EncryptionSecretType,
};
pub use self::iotune::{Iotune, Throttlefilter, Throttlefilters};
pub use self::source::{
    DataStore, DiskFormat, DiskSource, DiskSourceBlock, DiskSourceConfig, DiskSourceCookie,
    DiskSourceCookies, DiskSourceDir, DiskSourceFile, DiskSourceHost, DiskSourceIdentity,
    DiskSourceKnownHosts, DiskSourceNetwork, DiskSourceNvme, DiskSourceReadahead, DiskSourceSlice,
    DiskSourceSlices, DiskSourceSnapshot, DiskSourceSsl, DiskSourceTimeout, DiskSourceVhostUser,
    DiskSourceVhostVdpa, DiskSourceVolume, HostTransport, MetadataCache, NvmeAddressType,
    Reservations, SliceType, UnixSocketSource, VolumeMode,
};
use super::address::Address;
use super::common::{Acpi, Alias, Auth, BackendDomain, Boot, IothreadMapping, Marker, VirtioModel};
use crate::error::Problem;
use crate::values::{value_enum, OnOff, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<disk type=…>`: where the disk's data comes from
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskType {
        /// `file`: an image file on the host.
        File = "file",
        /// `block`: a host block device.
        Block = "block",
        /// `dir`: a host directory exposed as a virtual FAT disk.
        Dir = "dir",
        /// `network`: a network protocol (NBD, iSCSI, RBD, HTTP, …).
        Network = "network",
        /// `volume`: a libvirt storage pool volume.
        Volume = "volume",
        /// `nvme`: a host NVMe controller namespace.
        Nvme = "nvme",
        /// `vhostuser`: a vhost-user-blk backend socket.
        Vhostuser = "vhostuser",
        /// `vhostvdpa`: a vhost-vDPA block device.
        Vhostvdpa = "vhostvdpa",
    }
}

value_enum! {
    /// `<disk device=…>`: how the disk appears to the guest
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskDevice {
        /// `disk`: a hard disk (default).
        Disk = "disk",
        /// `cdrom`: a CD-ROM drive.
        Cdrom = "cdrom",
        /// `floppy`: a floppy drive.
        Floppy = "floppy",
        /// `lun`: a SCSI LUN passed through (SCSI commands reach the host device).
        Lun = "lun",
    }
}

value_enum! {
    /// `<disk sgio=…>`: SG_IO filtering for `device='lun'`
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskSgio {
        /// `filtered`: privileged SG_IO commands are filtered (default).
        Filtered = "filtered",
        /// `unfiltered`: all SG_IO commands pass.
        Unfiltered = "unfiltered",
    }
}

value_enum! {
    /// `<disk snapshot=…>`: default snapshot behaviour for the disk
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskSnapshot {
        /// `no`: not part of snapshots.
        No = "no",
        /// `internal`: snapshot inside the image (qcow2).
        Internal = "internal",
        /// `external`: snapshot into a new overlay file.
        External = "external",
        /// `manual`: the user snapshots the disk by other means.
        Manual = "manual",
    }
}

value_enum! {
    /// `<driver type=…>` of a disk and `<format type=…>`: the image format (schema
    /// `storageFormat`) (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum StorageFormat {
        /// `raw`
        Raw = "raw",
        /// `dir`
        Dir = "dir",
        /// `bochs`
        Bochs = "bochs",
        /// `cloop`
        Cloop = "cloop",
        /// `dmg`
        Dmg = "dmg",
        /// `iso`
        Iso = "iso",
        /// `vpc`
        Vpc = "vpc",
        /// `vdi`
        Vdi = "vdi",
        /// `fat`
        Fat = "fat",
        /// `vhd`
        Vhd = "vhd",
        /// `ploop`
        Ploop = "ploop",
        /// `luks`
        Luks = "luks",
        /// `cow`
        Cow = "cow",
        /// `qcow`
        Qcow = "qcow",
        /// `qcow2`
        Qcow2 = "qcow2",
        /// `qed`
        Qed = "qed",
        /// `vmdk`
        Vmdk = "vmdk",
        /// `aio`: old spelling of `raw` (disk driver only).
        Aio = "aio",
    }
}

value_enum! {
    /// `<driver cache=…>`: host page cache mode
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskCache {
        /// `default`
        Default = "default",
        /// `none`: O_DIRECT, no host cache.
        None = "none",
        /// `writeback`
        Writeback = "writeback",
        /// `writethrough`
        Writethrough = "writethrough",
        /// `directsync`
        Directsync = "directsync",
        /// `unsafe`: ignore flushes.
        Unsafe = "unsafe",
    }
}

value_enum! {
    /// `<driver error_policy=… rerror_policy=…>`: what to do on an I/O error
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskErrorPolicy {
        /// `stop`: pause the guest.
        Stop = "stop",
        /// `report`: report the error to the guest.
        Report = "report",
        /// `ignore`: ignore the error.
        Ignore = "ignore",
        /// `enospace`: pause on ENOSPC, report other errors (`error_policy` only).
        Enospace = "enospace",
    }
}

value_enum! {
    /// `<driver io=…>`: asynchronous I/O implementation
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskIo {
        /// `threads`: a thread pool.
        Threads = "threads",
        /// `native`: Linux AIO.
        Native = "native",
        /// `io_uring`
        IoUring = "io_uring",
    }
}

value_enum! {
    /// `<driver discard=…>`: what to do with guest discard (TRIM) requests
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskDiscard {
        /// `unmap`: pass them to the image.
        Unmap = "unmap",
        /// `ignore`: drop them.
        Ignore = "ignore",
    }
}

value_enum! {
    /// `<driver detect_zeroes=…>`: turn writes of zeroes into zero-writes or discards
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DetectZeroes {
        /// `off`
        Off = "off",
        /// `on`
        On = "on",
        /// `unmap`: discard zeroed ranges when `discard='unmap'`.
        Unmap = "unmap",
    }
}

value_enum! {
    /// `<source startupPolicy=…>`: what to do when the source is missing at start
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum StartupPolicy {
        /// `mandatory`: fail.
        Mandatory = "mandatory",
        /// `requisite`: fail on boot, drop on migrate/restore.
        Requisite = "requisite",
        /// `optional`: drop the source.
        Optional = "optional",
    }
}

value_enum! {
    /// `<source protocol=…>` of a network disk
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskProtocol {
        /// `nbd`
        Nbd = "nbd",
        /// `iscsi`
        Iscsi = "iscsi",
        /// `rbd`: Ceph RBD.
        Rbd = "rbd",
        /// `sheepdog`
        Sheepdog = "sheepdog",
        /// `gluster`
        Gluster = "gluster",
        /// `vxhs`
        Vxhs = "vxhs",
        /// `nfs`
        Nfs = "nfs",
        /// `http`
        Http = "http",
        /// `https`
        Https = "https",
        /// `ftp`
        Ftp = "ftp",
        /// `ftps`
        Ftps = "ftps",
        /// `tftp`
        Tftp = "tftp",
        /// `ssh`
        Ssh = "ssh",
    }
}

value_enum! {
    /// `<target bus=…>`: the bus the guest sees the disk on
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskBus {
        /// `ide`
        Ide = "ide",
        /// `fdc`: floppy controller.
        Fdc = "fdc",
        /// `scsi`
        Scsi = "scsi",
        /// `virtio`
        Virtio = "virtio",
        /// `xen`
        Xen = "xen",
        /// `usb`
        Usb = "usb",
        /// `uml` (no longer used).
        Uml = "uml",
        /// `sata`
        Sata = "sata",
        /// `sd`: SD card.
        Sd = "sd",
    }
}

value_enum! {
    /// `<target tray=…>`: a removable drive's tray state
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum DiskTray {
        /// `open`
        Open = "open",
        /// `closed`
        Closed = "closed",
    }
}

value_enum! {
    /// `<geometry trans=…>`: BIOS translation mode
    /// (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum GeometryTrans {
        /// `auto`
        Auto = "auto",
        /// `none`
        None = "none",
        /// `lba`
        Lba = "lba",
    }
}

/// `<disk>`: a hard disk, CD-ROM, floppy or SCSI LUN (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
// `Serialize`, `Deserialize` and `PartialEq` are implemented in `typed_source.rs`:
// an unset `kind` is written from the source.
#[derive(Debug, Clone, Eq, Default, Serialize, Deserialize)]
#[serde(default, remote = "Self")]
pub struct Disk {
    /// `type`: where the data comes from; `file` when absent. Chooses the
    /// [`DiskSource`] variant of `source`, so the two must agree.
    #[serde(rename = "@type")]
    pub kind: Option<DiskType>,
    /// `device`: how the disk appears to the guest.
    #[serde(rename = "@device")]
    pub device: Option<DiskDevice>,
    /// `model`: virtio flavour for `bus='virtio'` disks.
    #[serde(rename = "@model")]
    pub model: Option<VirtioModel>,
    /// `rawio`: give the guest raw I/O capability (`device='lun'`).
    #[serde(rename = "@rawio")]
    pub rawio: Option<YesNo>,
    /// `sgio`: SG_IO filtering (`device='lun'`).
    #[serde(rename = "@sgio")]
    pub sgio: Option<DiskSgio>,
    /// `snapshot`: default snapshot mode.
    #[serde(rename = "@snapshot")]
    pub snapshot: Option<DiskSnapshot>,
    /// `<driver>`: hypervisor driver options.
    pub driver: Option<DiskDriver>,
    /// `<source>`: the image file, device, directory, volume or network image, as
    /// `type` says.
    pub source: Option<DiskSource>,
    /// `<backingStore>`: the chain of images the source is layered on.
    #[serde(rename = "backingStore")]
    pub backing_store: Option<Box<BackingStore>>,
    /// `<mirror>`: destination of a running block copy or commit (live XML).
    pub mirror: Option<Box<Mirror>>,
    /// `<backenddomain>`: Xen driver domain providing the backend.
    pub backenddomain: Option<Box<BackendDomain>>,
    /// `<geometry>`: BIOS geometry override.
    pub geometry: Option<Box<DiskGeometry>>,
    /// `<blockio>`: block sizes the guest sees.
    pub blockio: Option<Box<DiskBlockIo>>,
    /// `<target>`: the guest-side device name and bus.
    pub target: Option<DiskTarget>,
    /// `<iotune>`: I/O limits.
    pub iotune: Option<Box<Iotune>>,
    /// `<throttlefilters>`: throttle groups the disk's I/O passes through.
    pub throttlefilters: Option<Box<Throttlefilters>>,
    /// `<readonly/>`: the guest cannot write (always for CD-ROMs).
    pub readonly: Option<Box<Marker>>,
    /// `<shareable/>`: the disk may be shared between domains.
    pub shareable: Option<Box<Marker>>,
    /// `<transient/>`: changes are discarded when the guest stops.
    pub transient: Option<Box<DiskTransient>>,
    /// `<serial>`: the serial number the guest sees.
    pub serial: Option<String>,
    /// `<wwn>`: World Wide Name (IDE/SCSI).
    pub wwn: Option<String>,
    /// `<vendor>`: SCSI vendor string (up to 8 characters).
    pub vendor: Option<String>,
    /// `<product>`: SCSI product string (up to 40 characters).
    pub product: Option<String>,
    /// `<auth>`: credentials, old location (libvirt now writes it in `<source>`).
    pub auth: Option<Box<Auth>>,
    /// `<encryption>`: encryption, old location (libvirt now writes it in `<source>`).
    pub encryption: Option<Box<Encryption>>,
    /// `<boot>`: boot order.
    pub boot: Option<Box<Boot>>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Box<Acpi>>,
    /// `<address>`: where the disk sits on its controller or bus.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Disk {
    /// The host path or name of the disk's source, whatever its type: a path (see
    /// [`DiskSource::path`]), a network image's `name` or a pool volume's `volume`.
    pub fn source_path(&self) -> Option<&str> {
        match self.source.as_ref()? {
            DiskSource::Network(s) => s.name.as_deref(),
            DiskSource::Volume(s) => s.volume.as_deref(),
            source => source.path(),
        }
    }

    /// Where the disk's `type` disagrees with the variant of its `<source>`, or a
    /// `<backingStore>`'s, `<mirror>`'s or `<dataStore>`'s `type` with theirs; `path`
    /// is the disk's.
    pub(crate) fn check_source_types(&self, path: &str, out: &mut Vec<Problem>) {
        if let Some(source) = &self.source {
            let kind = self.written_kind();
            source.check_type(
                kind.as_ref().map(DiskType::as_str),
                &format!("{path}/source"),
                out,
            );
        }
        if let Some(backing) = &self.backing_store {
            backing.check_types(&format!("{path}/backingStore"), out);
        }
        if let Some(mirror) = &self.mirror {
            mirror.check_types(&format!("{path}/mirror"), out);
        }
    }

    /// The guest device name from `<target dev=…>`.
    pub fn target_dev(&self) -> Option<&str> {
        self.target.as_ref()?.dev.as_deref()
    }
}

/// `<driver>` of a disk: the hypervisor's block driver options (formatdomain: "Hard
/// drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskDriver {
    /// `name`: the driver, `qemu` for QEMU.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `type`: the image format.
    #[serde(rename = "@type")]
    pub kind: Option<StorageFormat>,
    /// `cache`: host cache mode.
    #[serde(rename = "@cache")]
    pub cache: Option<DiskCache>,
    /// `error_policy`: what to do on write errors.
    #[serde(rename = "@error_policy")]
    pub error_policy: Option<DiskErrorPolicy>,
    /// `rerror_policy`: what to do on read errors.
    #[serde(rename = "@rerror_policy")]
    pub rerror_policy: Option<DiskErrorPolicy>,
    /// `io`: AIO implementation.
    #[serde(rename = "@io")]
    pub io: Option<DiskIo>,
    /// `ioeventfd`: use ioeventfd for virtio notifications.
    #[serde(rename = "@ioeventfd")]
    pub ioeventfd: Option<OnOff>,
    /// `event_idx`: virtio event index feature.
    #[serde(rename = "@event_idx")]
    pub event_idx: Option<OnOff>,
    /// `copy_on_read`: populate the image from its backing file on read.
    #[serde(rename = "@copy_on_read")]
    pub copy_on_read: Option<OnOff>,
    /// `discard`: pass or ignore guest discards.
    #[serde(rename = "@discard")]
    pub discard: Option<DiskDiscard>,
    /// `iothread`: the IOThread serving the disk.
    #[serde(rename = "@iothread")]
    pub iothread: Option<u32>,
    /// `detect_zeroes`: optimise writes of zeroes.
    #[serde(rename = "@detect_zeroes")]
    pub detect_zeroes: Option<DetectZeroes>,
    /// `discard_no_unref`: keep qcow2 clusters allocated on discard.
    #[serde(rename = "@discard_no_unref")]
    pub discard_no_unref: Option<OnOff>,
    /// `queues`: number of virtio-blk queues.
    #[serde(rename = "@queues")]
    pub queues: Option<u32>,
    /// `queue_size`: virtqueue size.
    #[serde(rename = "@queue_size")]
    pub queue_size: Option<u32>,
    /// `iommu`: use the emulated IOMMU (virtio option).
    #[serde(rename = "@iommu")]
    pub iommu: Option<OnOff>,
    /// `ats`: PCIe Address Translation Service (virtio option).
    #[serde(rename = "@ats")]
    pub ats: Option<OnOff>,
    /// `packed`: packed virtqueues (virtio option).
    #[serde(rename = "@packed")]
    pub packed: Option<OnOff>,
    /// `page_per_vq`: one notification page per queue (virtio option).
    #[serde(rename = "@page_per_vq")]
    pub page_per_vq: Option<OnOff>,
    /// `<metadata_cache>`: qcow2 metadata cache limit.
    pub metadata_cache: Option<Box<MetadataCache>>,
    /// `<iothreads>`: per-queue IOThread mapping.
    pub iothreads: Option<Box<IothreadMapping>>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<geometry>`: BIOS geometry override (formatdomain: "Hard drives, floppy disks,
/// CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskGeometry {
    /// `cyls`: cylinders.
    #[serde(rename = "@cyls")]
    pub cyls: Option<u32>,
    /// `heads`: heads.
    #[serde(rename = "@heads")]
    pub heads: Option<u32>,
    /// `secs`: sectors per track.
    #[serde(rename = "@secs")]
    pub secs: Option<u32>,
    /// `trans`: BIOS translation mode.
    #[serde(rename = "@trans")]
    pub trans: Option<GeometryTrans>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<blockio>`: block sizes the guest sees (formatdomain: "Hard drives, floppy
/// disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskBlockIo {
    /// `logical_block_size`: bytes.
    #[serde(rename = "@logical_block_size")]
    pub logical_block_size: Option<u32>,
    /// `physical_block_size`: bytes.
    #[serde(rename = "@physical_block_size")]
    pub physical_block_size: Option<u32>,
    /// `discard_granularity`: bytes.
    #[serde(rename = "@discard_granularity")]
    pub discard_granularity: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<target>` of a disk: the guest-side name and bus (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskTarget {
    /// `dev`: device name hint, e.g. `vda`, `sda`, `hdc`.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `bus`: the bus type.
    #[serde(rename = "@bus")]
    pub bus: Option<DiskBus>,
    /// `tray`: tray state of a removable drive.
    #[serde(rename = "@tray")]
    pub tray: Option<DiskTray>,
    /// `removable`: the USB/SCSI disk's removable flag.
    #[serde(rename = "@removable")]
    pub removable: Option<OnOff>,
    /// `rotation_rate`: RPM reported to the guest (1 = SSD).
    #[serde(rename = "@rotation_rate")]
    pub rotation_rate: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<transient>`: discard changes when the guest stops (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskTransient {
    /// `shareBacking`: share the backing image between transient disks of several guests.
    #[serde(rename = "@shareBacking")]
    pub share_backing: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::values::Uint;

    fn phyllome_cdrom() -> Disk {
        Disk {
            kind: Some(DiskType::File),
            device: Some(DiskDevice::Cdrom),
            driver: Some(DiskDriver {
                name: Some("qemu".into()),
                kind: Some(StorageFormat::Raw),
                ..Default::default()
            }),
            source: Some(DiskSource::file("/var/lib/libvirt/isos/netboot.xyz.iso")),
            target: Some(DiskTarget {
                dev: Some("sda".into()),
                bus: Some(DiskBus::Sata),
                ..Default::default()
            }),
            readonly: Some(Box::new(Marker::default())),
            ..Default::default()
        }
    }

    #[test]
    fn disks_round_trip() {
        let virtio = Disk {
            kind: Some(DiskType::Block),
            device: Some(DiskDevice::Disk),
            model: Some(VirtioModel::VirtioNonTransitional),
            snapshot: Some(DiskSnapshot::No),
            driver: Some(DiskDriver {
                name: Some("qemu".into()),
                kind: Some(StorageFormat::Qcow2),
                cache: Some(DiskCache::None),
                error_policy: Some(DiskErrorPolicy::Stop),
                io: Some(DiskIo::IoUring),
                discard: Some(DiskDiscard::Unmap),
                iothread: Some(1),
                detect_zeroes: Some(DetectZeroes::Unmap),
                queues: Some(4),
                iommu: Some(OnOff::On),
                ..Default::default()
            }),
            source: Some(DiskSource::Block(DiskSourceBlock {
                dev: Some("/dev/vg0/guest".into()),
                startup_policy: Some(StartupPolicy::Optional),
                index: Some(1),
                ..Default::default()
            })),
            geometry: Some(Box::new(DiskGeometry {
                cyls: Some(16383),
                heads: Some(16),
                secs: Some(63),
                trans: Some(GeometryTrans::Lba),
                ..Default::default()
            })),
            blockio: Some(Box::new(DiskBlockIo {
                logical_block_size: Some(512),
                physical_block_size: Some(4096),
                ..Default::default()
            })),
            target: Some(DiskTarget {
                dev: Some("vda".into()),
                bus: Some(DiskBus::Virtio),
                rotation_rate: Some(1),
                ..Default::default()
            }),
            shareable: Some(Box::new(Marker::default())),
            transient: Some(Box::new(DiskTransient {
                share_backing: Some(YesNo::Yes),
                ..Default::default()
            })),
            serial: Some("WD-1234".into()),
            boot: Some(Box::new(Boot::order(1))),
            alias: Some(Alias::new("ua-root")),
            address: Some(Address::pci(0, 4, 0, 0)),
            ..Default::default()
        };
        let network = Disk {
            kind: Some(DiskType::Network),
            device: Some(DiskDevice::Lun),
            rawio: Some(YesNo::Yes),
            sgio: Some(DiskSgio::Unfiltered),
            source: Some(DiskSource::Network(Box::new(DiskSourceNetwork {
                protocol: Some(DiskProtocol::Iscsi),
                name: Some("iqn.2013-07.com.example:iscsi-pool/1".into()),
                hosts: vec![
                    DiskSourceHost {
                        name: Some("example.com".into()),
                        port: Some(3260),
                        ..Default::default()
                    },
                    DiskSourceHost {
                        transport: Some("unix".into()),
                        socket: Some("/run/iscsi.sock".into()),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            }))),
            target: Some(DiskTarget {
                dev: Some("sdb".into()),
                bus: Some(DiskBus::Scsi),
                ..Default::default()
            }),
            wwn: Some("5000c50015ea71ac".into()),
            vendor: Some("QEMU".into()),
            product: Some("Disk".into()),
            address: Some(Address::Drive(crate::devices::DriveAddress {
                controller: Some(Uint::from(0u32)),
                bus: Some(Uint::from(0u32)),
                target: Some(Uint::from(0u32)),
                unit: Some(Uint::from(1u32)),
                ..Default::default()
            })),
            ..Default::default()
        };
        let cases = [
            (
                phyllome_cdrom(),
                "<disk type='file' device='cdrom'>\n  <driver name='qemu' type='raw'/>\n  <source file='/var/lib/libvirt/isos/netboot.xyz.iso'/>\n  <target dev='sda' bus='sata'/>\n  <readonly/>\n</disk>",
            ),
            (
                virtio,
                "<disk type='block' device='disk' model='virtio-non-transitional' snapshot='no'>\n  <driver name='qemu' type='qcow2' cache='none' error_policy='stop' io='io_uring' discard='unmap' iothread='1' detect_zeroes='unmap' queues='4' iommu='on'/>\n  <source dev='/dev/vg0/guest' startupPolicy='optional' index='1'/>\n  <geometry cyls='16383' heads='16' secs='63' trans='lba'/>\n  <blockio logical_block_size='512' physical_block_size='4096'/>\n  <target dev='vda' bus='virtio' rotation_rate='1'/>\n  <shareable/>\n  <transient shareBacking='yes'/>\n  <serial>WD-1234</serial>\n  <boot order='1'/>\n  <alias name='ua-root'/>\n  <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>\n</disk>",
            ),
            (
                network,
                "<disk type='network' device='lun' rawio='yes' sgio='unfiltered'>\n  <source protocol='iscsi' name='iqn.2013-07.com.example:iscsi-pool/1'>\n    <host name='example.com' port='3260'/>\n    <host transport='unix' socket='/run/iscsi.sock'/>\n  </source>\n  <target dev='sdb' bus='scsi'/>\n  <wwn>5000c50015ea71ac</wwn>\n  <vendor>QEMU</vendor>\n  <product>Disk</product>\n  <address type='drive' controller='0' bus='0' target='0' unit='1'/>\n</disk>",
            ),
        ];
        for (value, xml) in &cases {
            assert_xml(value, "disk", xml);
        }
    }

    #[test]
    fn phyllome_cdrom_is_fully_modelled() {
        let disk: Disk = assert_modelled(
            "<disk type='file' device='cdrom'>\n  <driver name='qemu' type='raw'/>\n  <source file='/var/lib/libvirt/isos/netboot.xyz.iso'/>\n  <target dev='sda' bus='sata'/>\n  <readonly/>\n</disk>",
            "disk",
        );
        assert_eq!(disk, phyllome_cdrom());
        assert_eq!(
            disk.source_path(),
            Some("/var/lib/libvirt/isos/netboot.xyz.iso")
        );
        assert_eq!(disk.target_dev(), Some("sda"));
    }

    #[test]
    fn backing_chain_iotune_and_mirror_are_modelled() {
        let xml = "<disk type='file' device='disk'>\n  <driver name='qemu' type='qcow2'>\n    <metadata_cache>\n      <max_size unit='bytes'>1234</max_size>\n    </metadata_cache>\n  </driver>\n  <source file='/var/lib/libvirt/images/top.qcow2'/>\n  <backingStore type='file'>\n    <format type='qcow2'/>\n    <source file='/var/lib/libvirt/images/base.qcow2'/>\n    <backingStore/>\n  </backingStore>\n  <mirror type='file' job='copy' ready='yes'>\n    <format type='qcow2'/>\n    <source file='/tmp/copy.qcow2'/>\n  </mirror>\n  <target dev='vda' bus='virtio'/>\n  <iotune>\n    <total_bytes_sec>10000000</total_bytes_sec>\n  </iotune>\n  <throttlefilters>\n    <throttlefilter group='limit0'/>\n  </throttlefilters>\n  <auth username='me'>\n    <secret type='iscsi' usage='target'/>\n  </auth>\n  <encryption format='luks'>\n    <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n  </encryption>\n</disk>";
        let disk: Disk = assert_modelled(xml, "disk");
        let chain = disk.backing_store.as_ref().unwrap();
        assert_eq!(chain.chain().count(), 2);
        assert_eq!(disk.iotune.unwrap().total_bytes_sec, Some(10_000_000));
        assert_eq!(disk.mirror.unwrap().job, Some(MirrorJob::Copy));
    }

    #[test]
    fn unmodelled_children_stay_in_extra() {
        let xml = "<disk type='file' device='disk'>\n  <source file='/a.qcow2'/>\n  <target dev='vda' bus='virtio'/>\n  <gizmo>\n    <part>1</part>\n  </gizmo>\n</disk>";
        let disk: Disk = crate::codec::from_str(xml, "disk").unwrap();
        assert_eq!(disk.extra.nodes.len(), 1);
        assert_eq!(crate::codec::to_string(&disk, "disk").unwrap(), xml);
        assert_eq!(crate::codec::unmodelled(&disk, "disk").len(), 1);
    }

    #[test]
    fn unknown_values_are_kept() {
        let xml =
            "<disk type='futuristic' device='disk'>\n  <target dev='vda' bus='cxl'/>\n</disk>";
        let disk: Disk = crate::codec::from_str(xml, "disk").unwrap();
        assert_eq!(crate::codec::to_string(&disk, "disk").unwrap(), xml);
        let paths: Vec<String> = crate::codec::unmodelled(&disk, "disk")
            .into_iter()
            .map(|u| u.path)
            .collect();
        assert_eq!(paths, ["/disk/@type", "/disk/target/@bus"]);
        assert_eq!(disk.kind, Some(DiskType::Other("futuristic".into())));
        assert_eq!(disk.target.unwrap().bus, Some(DiskBus::Other("cxl".into())));
    }
}
