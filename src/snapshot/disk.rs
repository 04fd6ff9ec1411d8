//! `<disks>` of a snapshot: how each disk takes part (formatsnapshot: "disks").

use serde::{Deserialize, Serialize};

use crate::devices::{DiskSnapshot, DiskSource, DiskType, Marker, MetadataCache, StorageFormat};
use crate::xml::Extra;

/// `<disks>` (or `<revertDisks>`): one `<disk>` per disk that takes part, or is
/// left out, by name (formatsnapshot: "disks").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotDisks {
    /// `<disk>`: the entries, in order.
    #[serde(rename = "disk")]
    pub disks: Vec<SnapshotDisk>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<disk>` of a snapshot's `<disks>`: how one domain disk is snapshotted
/// (formatsnapshot: "disk").
///
/// An external snapshot may name its new overlay in `source`, whose shape `kind`
/// chooses as for a domain disk (`file` when absent); the overlay's format is
/// `driver`'s `type`.
///
/// ```
/// use libvirt_domain::snapshot::SnapshotDisk;
/// let disk = SnapshotDisk::external("vda", "/var/lib/libvirt/images/guest.snap");
/// assert_eq!(disk.overlay_path(), Some("/var/lib/libvirt/images/guest.snap"));
/// assert_eq!(SnapshotDisk::excluded("sda").overlay_path(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotDisk {
    /// `name`: the disk's target (`vda`), or its source path when unambiguous.
    #[serde(rename = "@name")]
    pub name: String,
    /// `snapshot`: how the disk is snapshotted; the domain disk's own `snapshot`
    /// (or the hypervisor's default) when absent, `external` when a source or
    /// driver is given.
    #[serde(rename = "@snapshot")]
    pub snapshot: Option<DiskSnapshot>,
    /// `type`: the overlay's storage type (`file`, `block` or `network`); `file` when
    /// absent. Chooses the [`DiskSource`] variant of `source`.
    #[serde(rename = "@type")]
    pub kind: Option<DiskType>,
    /// `<driver>`: the overlay's format.
    pub driver: Option<SnapshotDiskDriver>,
    /// `<source>`: the new overlay (external snapshots).
    pub source: Option<DiskSource>,
    /// `<snapshotDeleteInProgress/>`: a deletion of the snapshot did not finish
    /// (libvirt's metadata only).
    #[serde(rename = "snapshotDeleteInProgress")]
    pub snapshot_delete_in_progress: Option<Marker>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl SnapshotDisk {
    /// `<disk name=… snapshot='external'>` with a qcow2 overlay at the file `overlay`.
    pub fn external(name: impl Into<String>, overlay: impl Into<String>) -> SnapshotDisk {
        SnapshotDisk {
            name: name.into(),
            snapshot: Some(DiskSnapshot::External),
            kind: Some(DiskType::File),
            driver: Some(SnapshotDiskDriver {
                kind: Some(StorageFormat::Qcow2),
                ..Default::default()
            }),
            source: Some(DiskSource::file(overlay)),
            ..Default::default()
        }
    }

    /// `<disk name=… snapshot='no'/>`: the disk is left out of the snapshot.
    pub fn excluded(name: impl Into<String>) -> SnapshotDisk {
        SnapshotDisk {
            name: name.into(),
            snapshot: Some(DiskSnapshot::No),
            ..Default::default()
        }
    }

    /// The overlay's path (a file or block device path) when `source` names one.
    pub fn overlay_path(&self) -> Option<&str> {
        self.source.as_ref()?.path()
    }

    /// The snapshot mode as libvirt reads it: `snapshot` when set, else `external`
    /// when a source or driver format is given (libvirt's
    /// `virDomainSnapshotDiskDefParseXML`), else `None` (the domain's default).
    pub fn effective_snapshot(&self) -> Option<DiskSnapshot> {
        if self.snapshot.is_some() {
            return self.snapshot.clone();
        }
        let format = self.driver.as_ref().and_then(|d| d.kind.as_ref());
        (self.overlay_path().is_some() || format.is_some()).then_some(DiskSnapshot::External)
    }
}

/// `<driver>` of a snapshot disk: the overlay's format (formatsnapshot: "driver").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotDiskDriver {
    /// `type`: the overlay's format; libvirt's QEMU driver takes `qcow2` (its default)
    /// or `qed`.
    #[serde(rename = "@type")]
    pub kind: Option<StorageFormat>,
    /// `<metadata_cache>`: the overlay's qcow2 metadata cache limit.
    pub metadata_cache: Option<MetadataCache>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
