//! `<disks>` of a backup: which disks take part, how, and the storage their data goes
//! to (a push backup's `<target>`, a pull backup's `<scratch>`) (formatbackup:
//! "Backup XML").

use serde::{Deserialize, Serialize};

use crate::devices::{DiskSourceBlock, DiskSourceFile, OtherSource, StorageFormat};
use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

/// `<disks>`: the backup's instructions per disk (formatbackup: "Backup XML"); on
/// output, every disk of the domain.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupDisks {
    /// `<disk>`: one per disk.
    #[serde(rename = "disk")]
    pub disks: Vec<BackupDisk>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<disk type=…>` of a backup: what kind of storage the backup's `<target>` or
    /// `<scratch>` is (formatbackup: "Backup XML").
    pub enum BackupDiskType {
        /// `file`: a file (the default).
        File = "file",
        /// `block`: a host block device, which must exist.
        Block = "block",
    }
}

value_enum! {
    /// `<disk backupmode=…>`: overrides the backup's own full or incremental choice
    /// for one disk (formatbackup: "Backup XML").
    pub enum BackupDiskMode {
        /// `full`: the whole disk, even in an incremental backup.
        Full = "full",
        /// `incremental`: the changes since the checkpoint named by the disk's
        /// `incremental` (or the backup's `<incremental>`).
        Incremental = "incremental",
    }
}

value_enum! {
    /// `<disk state=…>` of a backup in libvirt's status XML: how far the disk's job
    /// got (not in the schema).
    pub enum BackupDiskState {
        /// `running`
        Running = "running",
        /// `complete`
        Complete = "complete",
        /// `failed`
        Failed = "failed",
        /// `cancelling`
        Cancelling = "cancelling",
        /// `cancelled`
        Cancelled = "cancelled",
    }
}

/// `<disk>` of a backup: one disk's part in it (formatbackup: "Backup XML").
///
/// `target` is read in a push backup and `scratch` in a pull backup; the disk's
/// `kind` (`type`) chooses the [`BackupStorage`] variant of both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupDisk {
    /// `name`: the disk's `<target dev>` in the domain, e.g. `vda`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `backup`: `yes` (the default) or `no` to leave the disk out.
    #[serde(rename = "@backup")]
    pub backup: Option<YesNo>,
    /// `state`: the disk's job state (libvirt's status XML only; refused on input).
    #[serde(rename = "@state")]
    pub state: Option<BackupDiskState>,
    /// `type`: `file` (the default) or `block`: the storage of `target`/`scratch`.
    #[serde(rename = "@type")]
    pub kind: Option<BackupDiskType>,
    /// `backupmode`: `full` or `incremental` for this disk.
    #[serde(rename = "@backupmode")]
    pub backupmode: Option<BackupDiskMode>,
    /// `incremental`: the checkpoint this disk's incremental backup starts from,
    /// instead of the backup's `<incremental>`.
    #[serde(rename = "@incremental")]
    pub incremental: Option<String>,
    /// `exportname`: the NBD export's name (pull only; the disk target by default).
    #[serde(rename = "@exportname")]
    pub exportname: Option<String>,
    /// `exportbitmap`: the name of the exported dirty bitmap of an incremental pull
    /// backup.
    #[serde(rename = "@exportbitmap")]
    pub exportbitmap: Option<String>,
    /// `index`: the index of the target or scratch image, for APIs such as
    /// `virDomainSetBlockThreshold` (libvirt's status XML only).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `<driver type=…>`: the format of the target (qcow2 by default) or scratch
    /// (always qcow2).
    pub driver: Option<BackupDriver>,
    /// `<target>`: where a push backup writes the disk.
    pub target: Option<BackupStorage>,
    /// `<scratch>`: where a pull backup keeps the disk's changed blocks while
    /// the job runs.
    pub scratch: Option<BackupStorage>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl BackupDisk {
    /// `<disk name=… backup='no'/>`: the disk does not take part.
    pub fn excluded(name: impl Into<String>) -> Self {
        BackupDisk {
            name: Some(name.into()),
            backup: Some(YesNo::No),
            ..Default::default()
        }
    }

    /// Whether the disk takes part: `backup` is not `no`.
    pub fn takes_part(&self) -> bool {
        self.backup != Some(YesNo::No)
    }

    /// The path of the storage the disk's data goes to: the `<target>`'s, else the
    /// `<scratch>`'s `file` or `dev`.
    pub fn storage_path(&self) -> Option<&str> {
        self.target
            .as_ref()
            .and_then(BackupStorage::path)
            .or_else(|| self.scratch.as_ref().and_then(BackupStorage::path))
    }
}

/// `<driver type=…>` of a backup disk: the image format of its target or scratch
/// (formatbackup: "Backup XML").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupDriver {
    /// `type`: the format; any image format for a push target, qcow2 for a scratch.
    #[serde(rename = "@type")]
    pub kind: Option<StorageFormat>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl BackupDriver {
    /// `<driver type=…/>`.
    pub fn new(format: StorageFormat) -> Self {
        BackupDriver {
            kind: Some(format),
            ..Default::default()
        }
    }
}

/// `<target>` or `<scratch>` of a backup disk: a storage source like a disk's
/// `<source>`, shaped by the backup disk's `type` (formatbackup: "Backup XML"). It
/// reuses the disk source types: `file`/`dev`, `<seclabel>` and `<encryption>` are
/// what the backup schema allows of them.
///
/// Reading picks the variant from the backup disk's `type` (`file` when it has none);
/// another `type` gives [`BackupStorage::Other`], which keeps the whole element and
/// reports it as unmodelled. Writing leaves `type` to the disk's `kind` field, so the
/// two must agree; [`DomainBackup::validate`](super::DomainBackup::validate) reports a
/// disagreement.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "^@type=file")]
#[non_exhaustive]
pub enum BackupStorage {
    /// `type='file'` (or no `type`): a file, `<target file=…>`.
    #[serde(rename = "file")]
    File(DiskSourceFile),
    /// `type='block'`: a block device, `<target dev=…>`.
    #[serde(rename = "block")]
    Block(DiskSourceBlock),
    /// A `type` libvirt does not allow for backups: the whole element, kept and
    /// reported as unmodelled.
    #[serde(rename = "$other")]
    Other(OtherSource),
}

impl Default for BackupStorage {
    /// An empty file, the default type.
    fn default() -> Self {
        BackupStorage::File(DiskSourceFile::default())
    }
}

impl BackupStorage {
    /// A file at `path` (`type='file'`).
    pub fn file(path: impl Into<String>) -> Self {
        BackupStorage::File(DiskSourceFile {
            file: Some(path.into()),
            ..Default::default()
        })
    }

    /// A block device at `dev` (`type='block'`).
    pub fn block(dev: impl Into<String>) -> Self {
        BackupStorage::Block(DiskSourceBlock {
            dev: Some(dev.into()),
            ..Default::default()
        })
    }

    /// The backup disk `type` this storage is shaped for; `None` for
    /// [`BackupStorage::Other`].
    pub fn kind(&self) -> Option<BackupDiskType> {
        match self {
            BackupStorage::File(_) => Some(BackupDiskType::File),
            BackupStorage::Block(_) => Some(BackupDiskType::Block),
            BackupStorage::Other(_) => None,
        }
    }

    /// The file's or device's path.
    pub fn path(&self) -> Option<&str> {
        match self {
            BackupStorage::File(s) => s.file.as_deref(),
            BackupStorage::Block(s) => s.dev.as_deref(),
            BackupStorage::Other(_) => None,
        }
    }

    /// The `<encryption>` of the storage, if any.
    pub fn encryption(&self) -> Option<&crate::devices::Encryption> {
        match self {
            BackupStorage::File(s) => s.encryption.as_deref(),
            BackupStorage::Block(s) => s.encryption.as_deref(),
            BackupStorage::Other(_) => None,
        }
    }
}
