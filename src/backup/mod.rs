//! `<domainbackup>`: a backup job of a domain's disks, full or incremental, in push
//! mode (QEMU writes the backup) or pull mode (an NBD server exports the disks)
//! (formatbackup: "Backup XML").
//!
//! [`DomainBackup`] is typed, lossless and strict like [`Domain`](crate::Domain):
//! content the model does not know is kept in `extra` fields and listed by
//! [`DomainBackup::unmodelled`].
//!
//! Files: this one (the document and libvirt's private data), `server.rs` (the NBD
//! `<server>`), `disk.rs` (`<disks>`: per-disk `<target>`/`<scratch>` storage),
//! `build.rs` (constructors from a domain) and `check.rs`
//! ([`DomainBackup::validate`], [`DomainBackup::check_against`]).

mod build;
mod check;
mod disk;
mod server;
#[cfg(test)]
mod tests;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use self::disk::{
    BackupDisk, BackupDiskMode, BackupDiskState, BackupDiskType, BackupDisks, BackupDriver,
    BackupStorage,
};
pub use self::server::{BackupServer, BackupTransport};
use crate::error::{Error, Result};
use crate::values::value_enum;
use crate::xml::{Extra, Unmodelled};

/// The root element's name.
const ROOT: &str = "domainbackup";

value_enum! {
    /// `<domainbackup mode=…>`: who moves the data (formatbackup: "Backup XML").
    pub enum BackupMode {
        /// `push`: QEMU writes each disk to its `<target>` (the default).
        Push = "push",
        /// `pull`: an NBD `<server>` exports each disk, with changes kept in its
        /// `<scratch>` until the job ends, for a third-party client to read.
        Pull = "pull",
    }
}

/// `<domainbackup>`: a backup job (formatbackup: "Backup XML"), as given to
/// `virDomainBackupBegin` and as `virDomainBackupGetXMLDesc` reports it.
///
/// Fields are in libvirt's output order.
///
/// ```
/// use libvirt_domain::backup::{BackupMode, DomainBackup};
///
/// let backup = DomainBackup::from_xml(
///     "<domainbackup mode='pull'><incremental>c1</incremental>\
///      <server transport='unix' socket='/run/backup.sock'/>\
///      <disks><disk name='vda' type='file'><scratch file='/tmp/vda.scratch'/></disk>\
///      </disks></domainbackup>",
/// )?;
/// assert_eq!(backup.mode, Some(BackupMode::Pull));
/// assert_eq!(backup.disk_entries()[0].storage_path(), Some("/tmp/vda.scratch"));
/// assert!(backup.unmodelled().is_empty());
/// # Ok::<(), libvirt_domain::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DomainBackup {
    /// `mode`: `push` (the default) or `pull`.
    #[serde(rename = "@mode")]
    pub mode: Option<BackupMode>,
    /// `<incremental>`: the checkpoint whose changes since then are backed up; a full
    /// backup when absent.
    pub incremental: Option<String>,
    /// `<server>`: the NBD server of a pull backup.
    pub server: Option<BackupServer>,
    /// `<disks>`: which disks take part and where their data goes; absent means
    /// every disk, with file names libvirt makes up.
    pub disks: Option<BackupDisks>,
    /// `<privateData>`: libvirt's own state in its status XML (the aliases of the
    /// TLS objects); not in the schema, and refused on input.
    #[serde(rename = "privateData")]
    pub private_data: Option<BackupPrivateData>,
    /// Unknown attributes and elements of `<domainbackup>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl DomainBackup {
    /// Parse `<domainbackup>` XML, keeping content the model does not know in
    /// `extra` fields.
    pub fn from_xml(text: &str) -> Result<DomainBackup> {
        crate::codec::from_str(text, ROOT)
    }

    /// Parse `<domainbackup>` XML and fail on the first element, attribute or text
    /// the model does not know, naming its path and line:column.
    pub fn from_xml_strict(text: &str) -> Result<DomainBackup> {
        crate::codec::from_str_strict(text, ROOT)
    }

    /// Write the backup as XML in libvirt's layout.
    pub fn to_xml(&self) -> Result<String> {
        crate::codec::to_string(self, ROOT)
    }

    /// Every element, attribute and text the model does not know, in document order
    /// where it was parsed.
    pub fn unmodelled(&self) -> Vec<Unmodelled> {
        crate::codec::unmodelled(self, ROOT)
    }

    /// Whether this is a pull backup (`mode='pull'`); absent means push.
    pub fn is_pull(&self) -> bool {
        self.mode == Some(BackupMode::Pull)
    }

    /// The `<disk>` entries (none without `<disks>`).
    pub fn disk_entries(&self) -> &[BackupDisk] {
        self.disks.as_ref().map_or(&[], |d| d.disks.as_slice())
    }
}

impl FromStr for DomainBackup {
    type Err = Error;
    fn from_str(s: &str) -> Result<DomainBackup> {
        DomainBackup::from_xml(s)
    }
}

/// `<privateData>` of a backup in libvirt's status XML: the objects libvirt made for
/// the job (not in the schema; libvirt reads it only from its own status files).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupPrivateData {
    /// `<objects>`: the TLS objects of the NBD server.
    pub objects: Option<BackupPrivateObjects>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<privateData><objects>`: aliases of the QEMU objects of a TLS NBD server.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupPrivateObjects {
    /// `<secret type='tlskey' alias=…>`: the TLS key's secret object.
    pub secret: Option<PrivateSecret>,
    /// `<TLSx509 alias=…>`: the TLS credentials object.
    #[serde(rename = "TLSx509")]
    pub tls_x509: Option<PrivateAlias>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<secret type=…>` in a backup's private data: what the secret is for.
    pub enum PrivateSecretType {
        /// `tlskey`: the key of the TLS credentials.
        Tlskey = "tlskey",
    }
}

/// `<secret type=… alias=…>` in a backup's private data.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivateSecret {
    /// `type`: `tlskey`.
    #[serde(rename = "@type")]
    pub kind: Option<PrivateSecretType>,
    /// `alias`: the QEMU object's id.
    #[serde(rename = "@alias")]
    pub alias: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// An element of a backup's private data that names a QEMU object by `alias`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivateAlias {
    /// `alias`: the QEMU object's id.
    #[serde(rename = "@alias")]
    pub alias: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
