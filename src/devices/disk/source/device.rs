//! Disk sources that are a host device or a backend process: `type='nvme'`,
//! `vhostuser` and `vhostvdpa` (formatdomain: "Hard drives, floppy disks, CDROMs").

use serde::{Deserialize, Serialize};

use super::{DataStore, DiskSourceSlices};
use crate::devices::address::PciAddress;
use crate::devices::common::{Reconnect, SocketType};
use crate::devices::disk::{Encryption, StartupPolicy};
use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<source type=…>` of a `type='nvme'` disk: how the controller is addressed
    /// (schema `diskSourceNvme`; formatdomain: "Hard drives, floppy disks, CDROMs").
    pub enum NvmeAddressType {
        /// `pci`: a PCI address in the source's `<address>`.
        Pci = "pci",
    }
}

/// `<source>` of a `type='nvme'` disk: a namespace of a host NVMe controller
/// (schema `diskSourceNvme`; formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceNvme {
    /// `type`: the kind of `<address>`, always `pci`.
    #[serde(rename = "@type")]
    pub kind: Option<NvmeAddressType>,
    /// `managed`: libvirt detaches the controller from the host driver itself.
    #[serde(rename = "@managed")]
    pub managed: Option<YesNo>,
    /// `namespace`: the NVMe namespace (from 1).
    #[serde(rename = "@namespace")]
    pub namespace: Option<u32>,
    /// `startupPolicy`: what to do when the controller is missing.
    #[serde(rename = "@startupPolicy")]
    pub startup_policy: Option<StartupPolicy>,
    /// `index`: position in the backing chain (live XML).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `<address>`: the controller's host PCI address (written without `type`).
    pub address: Option<PciAddress>,
    /// `<slices>`: the part of the namespace the disk uses.
    pub slices: Option<Box<DiskSourceSlices>>,
    /// `<encryption>`: how the namespace's content is encrypted.
    pub encryption: Option<Box<Encryption>>,
    /// `<dataStore>`: external data file of a qcow2 image.
    #[serde(rename = "dataStore")]
    pub data_store: Option<Box<DataStore>>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='vhostuser'` disk: the UNIX socket of a vhost-user-blk
/// backend (schema `diskSourceVhostUser`; formatdomain: "Hard drives, floppy disks,
/// CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceVhostUser {
    /// `type`: the character device type, always `unix`.
    #[serde(rename = "@type")]
    pub kind: Option<SocketType>,
    /// `path`: the backend's socket.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `<reconnect>`: reconnect to a restarted backend.
    pub reconnect: Option<Reconnect>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='vhostvdpa'` disk: a vhost-vDPA character device (schema
/// `diskSourceVhostVdpa`; formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceVhostVdpa {
    /// `dev`: the device's path, e.g. `/dev/vhost-vdpa-0`.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
