//! Disk images and CD-ROMs added by the builder: format guessing and target names.

use std::collections::HashSet;
use std::path::Path;

use crate::defaults::{DEFAULT_CDROM_BUS, DEFAULT_DISK_BUS};
use crate::devices::{
    Disk, DiskBus, DiskDevice, DiskDriver, DiskSource, DiskTarget, DiskType, StorageFormat,
};

/// The image format a file name's extension implies, as QEMU names it, or `None` for
/// an extension this table does not know (matching is case-insensitive):
///
/// | extension | format |
/// | --- | --- |
/// | `.qcow2` | `qcow2` |
/// | `.raw`, `.img`, `.iso` | `raw` (an `.iso` becomes a CD-ROM) |
/// | `.vmdk` | `vmdk` |
/// | `.vdi` | `vdi` |
/// | `.vhd`, `.vpc` | `vpc` (QEMU's name for VHD; libvirt's `vhd` is not usable with QEMU) |
/// | `.qed` | `qed` |
///
/// ```
/// use libvirt_domain::builder::guess_format;
/// use libvirt_domain::devices::StorageFormat;
/// assert_eq!(guess_format("/var/lib/libvirt/images/guest.QCOW2"), Some(StorageFormat::Qcow2));
/// assert_eq!(guess_format("disk.vhd"), Some(StorageFormat::Vpc));
/// assert_eq!(guess_format("notes.txt"), None);
/// ```
pub fn guess_format(path: &str) -> Option<StorageFormat> {
    Some(match extension(path)?.as_str() {
        "qcow2" => StorageFormat::Qcow2,
        "raw" | "img" | "iso" => StorageFormat::Raw,
        "vmdk" => StorageFormat::Vmdk,
        "vdi" => StorageFormat::Vdi,
        "vhd" | "vpc" => StorageFormat::Vpc,
        "qed" => StorageFormat::Qed,
        _ => return None,
    })
}

/// The extensions [`guess_format`] knows, for error messages.
pub(crate) const KNOWN_EXTENSIONS: &str = ".qcow2, .raw, .img, .iso, .vmdk, .vdi, .vhd, .vpc, .qed";

/// Whether `path` names an ISO image (which `disk` adds as a CD-ROM).
pub(crate) fn is_iso(path: &str) -> bool {
    extension(path).is_some_and(|e| e == "iso")
}

fn extension(path: &str) -> Option<String> {
    let ext = Path::new(path).extension()?.to_str()?;
    Some(ext.to_ascii_lowercase())
}

/// An image the builder adds: a disk or a CD-ROM, with its format when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Media {
    /// The host path, written as given.
    pub path: String,
    /// The image format; `None` when it could not be guessed (a build problem).
    pub format: Option<StorageFormat>,
    /// A CD-ROM (SATA, read-only) rather than a hard disk (virtio).
    pub cdrom: bool,
    /// The bus asked for; `None` for the default (virtio disks, SATA CD-ROMs).
    pub bus: Option<DiskBus>,
}

impl Media {
    /// The `<disk>` for this image on target `dev`.
    pub fn disk(&self, dev: String) -> Disk {
        let device = if self.cdrom {
            DiskDevice::Cdrom
        } else {
            DiskDevice::Disk
        };
        let bus = self.bus();
        Disk {
            kind: Some(DiskType::File),
            device: Some(device),
            driver: Some(DiskDriver {
                name: Some("qemu".into()),
                kind: self.format.clone(),
                ..Default::default()
            }),
            source: Some(DiskSource::file(self.path.clone())),
            target: Some(DiskTarget {
                dev: Some(dev),
                bus: Some(bus),
                ..Default::default()
            }),
            readonly: self.cdrom.then(Box::default),
            ..Default::default()
        }
    }

    /// The target name prefix: `sd` for CD-ROMs on SATA, `vd` for virtio disks.
    /// The bus the disk sits on.
    pub fn bus(&self) -> DiskBus {
        match (&self.bus, self.cdrom) {
            (Some(bus), _) => bus.clone(),
            (None, true) => DEFAULT_CDROM_BUS,
            (None, false) => DEFAULT_DISK_BUS,
        }
    }

    /// The target name prefix libvirt uses for the bus (`vd`, `sd`, `hd`, …).
    pub fn prefix(&self) -> &'static str {
        match self.bus() {
            DiskBus::Virtio => "vd",
            DiskBus::Ide => "hd",
            DiskBus::Fdc => "fd",
            DiskBus::Xen => "xvd",
            DiskBus::Uml => "ubd",
            DiskBus::Sd => "mmcblk",
            _ => "sd",
        }
    }
}

/// libvirt's disk name for a 0-based index (`virIndexToDiskName`): `vda` … `vdz`,
/// `vdaa` … `vdzz`, `vdaaa` …
pub(crate) fn disk_name(prefix: &str, index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index;
    loop {
        letters.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    format!("{prefix}{}", String::from_utf8_lossy(&letters))
}

/// Hands out target names per prefix, skipping the names already taken.
#[derive(Debug, Default)]
pub(crate) struct Targets {
    used: HashSet<String>,
}

impl Targets {
    /// Names already used by the domain's disks.
    pub fn new<'a>(used: impl IntoIterator<Item = &'a str>) -> Self {
        Targets {
            used: used.into_iter().map(str::to_owned).collect(),
        }
    }

    /// The first free name with `prefix`, now taken.
    pub fn next(&mut self, prefix: &str) -> String {
        let name = (0..)
            .map(|i| disk_name(prefix, i))
            .find(|name| !self.used.contains(name))
            .expect("an unbounded range has a free name");
        self.used.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension() {
        let table = [
            ("a.qcow2", Some(StorageFormat::Qcow2)),
            ("/x/a.RAW", Some(StorageFormat::Raw)),
            ("a.img", Some(StorageFormat::Raw)),
            ("a.iso", Some(StorageFormat::Raw)),
            ("a.vmdk", Some(StorageFormat::Vmdk)),
            ("a.vdi", Some(StorageFormat::Vdi)),
            ("a.vhd", Some(StorageFormat::Vpc)),
            ("a.vpc", Some(StorageFormat::Vpc)),
            ("a.qed", Some(StorageFormat::Qed)),
            ("a.qcow", None),
            ("qcow2", None),
            ("", None),
            ("dir.qcow2/disk", None),
        ];
        for (path, format) in table {
            assert_eq!(guess_format(path), format, "{path}");
        }
        assert!(is_iso("/isos/Fedora.ISO"));
        assert!(!is_iso("/isos/iso"));
    }

    #[test]
    fn names_follow_libvirt() {
        let table = [
            (0, "vda"),
            (1, "vdb"),
            (25, "vdz"),
            (26, "vdaa"),
            (27, "vdab"),
            (51, "vdaz"),
            (52, "vdba"),
            (701, "vdzz"),
            (702, "vdaaa"),
        ];
        for (index, name) in table {
            assert_eq!(disk_name("vd", index), name);
        }
    }

    #[test]
    fn targets_skip_used_names() {
        let mut targets = Targets::new(["vda", "vdc", "sda"]);
        assert_eq!(targets.next("vd"), "vdb");
        assert_eq!(targets.next("vd"), "vdd");
        assert_eq!(targets.next("sd"), "sdb");
        assert_eq!(targets.next("sd"), "sdc");
    }
}
