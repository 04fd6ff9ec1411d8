//! Disk sources on the host itself: `type='file'`, `block`, `dir` and `volume`
//! (formatdomain: "Hard drives, floppy disks, CDROMs").

use serde::{Deserialize, Serialize};

use super::{DataStore, DiskSourceSlices};
use crate::devices::common::{DeviceSeclabel, Reconnect, SocketMode, SocketType};
use crate::devices::disk::{Encryption, StartupPolicy};
use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

/// `<source>` of a `type='file'` disk (the default): an image file (schema
/// `diskSourceFile`; formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceFile {
    /// `file`: the image's path; `None` for an empty CD-ROM or floppy drive.
    #[serde(rename = "@file")]
    pub file: Option<String>,
    /// `fdgroup`: file descriptors the client passed with `virDomainFDAssociate`.
    #[serde(rename = "@fdgroup")]
    pub fdgroup: Option<String>,
    /// `startupPolicy`: what to do when the file is missing.
    #[serde(rename = "@startupPolicy")]
    pub startup_policy: Option<StartupPolicy>,
    /// `index`: position in the backing chain (live XML).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `<slices>`: the part of the file the disk uses.
    pub slices: Option<Box<DiskSourceSlices>>,
    /// `<encryption>`: how the image is encrypted.
    pub encryption: Option<Box<Encryption>>,
    /// `<dataStore>`: external data file of a qcow2 image.
    #[serde(rename = "dataStore")]
    pub data_store: Option<Box<DataStore>>,
    /// `<seclabel>`: per-source security label overrides.
    #[serde(rename = "seclabel")]
    pub seclabels: Vec<DeviceSeclabel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='block'` disk: a host block device (schema
/// `diskSourceBlock`; formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceBlock {
    /// `dev`: the host device's path.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `startupPolicy`: what to do when the device is missing.
    #[serde(rename = "@startupPolicy")]
    pub startup_policy: Option<StartupPolicy>,
    /// `index`: position in the backing chain (live XML).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `<slices>`: the part of the device the disk uses.
    pub slices: Option<Box<DiskSourceSlices>>,
    /// `<encryption>`: how the device's content is encrypted.
    pub encryption: Option<Box<Encryption>>,
    /// `<reservations>`: SCSI persistent reservations.
    pub reservations: Option<Box<Reservations>>,
    /// `<dataStore>`: external data file of a qcow2 image.
    #[serde(rename = "dataStore")]
    pub data_store: Option<Box<DataStore>>,
    /// `<seclabel>`: per-source security label overrides.
    #[serde(rename = "seclabel")]
    pub seclabels: Vec<DeviceSeclabel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='dir'` disk: a host directory shown as a virtual FAT disk
/// (schema `diskSourceDir`; formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceDir {
    /// `dir`: the host directory.
    #[serde(rename = "@dir")]
    pub dir: Option<String>,
    /// `startupPolicy`: what to do when the directory is missing.
    #[serde(rename = "@startupPolicy")]
    pub startup_policy: Option<StartupPolicy>,
    /// `index`: position in the backing chain (live XML).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `<slices>`: the part of the source the disk uses.
    pub slices: Option<Box<DiskSourceSlices>>,
    /// `<encryption>`: how the source is encrypted.
    pub encryption: Option<Box<Encryption>>,
    /// `<dataStore>`: external data file of a qcow2 image.
    #[serde(rename = "dataStore")]
    pub data_store: Option<Box<DataStore>>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<source mode=…>` of a `type='volume'` disk: how a LUN of an iSCSI pool is
    /// reached (formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum VolumeMode {
        /// `host`: through the LUN's path on the host (the default).
        Host = "host",
        /// `direct`: QEMU connects to the iSCSI target itself.
        Direct = "direct",
    }
}

/// `<source>` of a `type='volume'` disk: a volume of a libvirt storage pool (schema
/// `diskSourceVolume`; formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceVolume {
    /// `pool`: the storage pool's name.
    #[serde(rename = "@pool")]
    pub pool: Option<String>,
    /// `volume`: the volume's name in the pool.
    #[serde(rename = "@volume")]
    pub volume: Option<String>,
    /// `mode`: how an iSCSI pool's LUN is reached.
    #[serde(rename = "@mode")]
    pub mode: Option<VolumeMode>,
    /// `startupPolicy`: what to do when the volume is missing.
    #[serde(rename = "@startupPolicy")]
    pub startup_policy: Option<StartupPolicy>,
    /// `index`: position in the backing chain (live XML).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `<slices>`: the part of the volume the disk uses.
    pub slices: Option<Box<DiskSourceSlices>>,
    /// `<encryption>`: how the volume is encrypted.
    pub encryption: Option<Box<Encryption>>,
    /// `<dataStore>`: external data file of a qcow2 image.
    #[serde(rename = "dataStore")]
    pub data_store: Option<Box<DataStore>>,
    /// `<seclabel>`: per-source security label overrides (file and block volumes).
    #[serde(rename = "seclabel")]
    pub seclabels: Vec<DeviceSeclabel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<reservations>`: SCSI persistent reservations through a helper (schema
/// `reservations`; formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Reservations {
    /// `managed`: libvirt starts the `qemu-pr-helper` itself.
    #[serde(rename = "@managed")]
    pub managed: Option<YesNo>,
    /// `<source>`: the helper's socket (unmanaged).
    pub source: Option<UnixSocketSource>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source type='unix' path=… mode=…>`: a UNIX socket (schema `unixSocketSource`;
/// formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnixSocketSource {
    /// `type`: always `unix`.
    #[serde(rename = "@type")]
    pub kind: Option<SocketType>,
    /// `path`: the socket.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `mode`: `server` or `client`.
    #[serde(rename = "@mode")]
    pub mode: Option<SocketMode>,
    /// `<reconnect>`: client reconnect behaviour.
    pub reconnect: Option<Reconnect>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
