//! `<domainsnapshot>`: a snapshot of a domain's disks and, for a full system snapshot,
//! its memory (formatsnapshot: "Snapshot XML").
//!
//! Typed, lossless and strict like [`Domain`]: content the model does not know is kept
//! in `extra` fields and listed by [`DomainSnapshot::unmodelled`]. The embedded
//! `<domain>` (and `<inactiveDomain>`) is a whole [`Domain`].
//!
//! Files follow the document's parts: this file holds the root and its small
//! elements, `disk.rs` the `<disks>` entries, `external.rs` the
//! [`DomainSnapshot::external_disks`] constructor and `validate.rs` the checks.

mod disk;
mod external;
#[cfg(test)]
mod tests;
mod validate;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use self::disk::{SnapshotDisk, SnapshotDiskDriver, SnapshotDisks};
use crate::domain::Domain;
use crate::error::{Error, Result};
use crate::values::value_enum;
use crate::xml::{Extra, RawElement, Unmodelled};

/// The root element's name.
const ROOT: &str = "domainsnapshot";

/// `<domainsnapshot>`: a snapshot's definition, as given to `virsh snapshot-create`
/// and written by `virsh snapshot-dumpxml` (formatsnapshot: "Snapshot XML").
///
/// On creation only `name`, `description`, `memory` and `disks` count; libvirt fills
/// in the rest. Fields are in libvirt's output order.
///
/// ```
/// use libvirt_domain::snapshot::{DomainSnapshot, SnapshotState};
/// let snapshot = DomainSnapshot::from_xml(
///     "<domainsnapshot><name>before-upgrade</name><state>shutoff</state></domainsnapshot>",
/// )?;
/// assert_eq!(snapshot.name.as_deref(), Some("before-upgrade"));
/// assert_eq!(snapshot.state, Some(SnapshotState::Shutoff));
/// # Ok::<(), libvirt_domain::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DomainSnapshot {
    /// `<name>`: the snapshot's name; libvirt uses the creation time when absent.
    pub name: Option<String>,
    /// `<description>`: a human-readable description.
    pub description: Option<String>,
    /// `<state>`: the domain's state when the snapshot was taken (read-only).
    pub state: Option<SnapshotState>,
    /// `<parent>`: the snapshot this one descends from (read-only).
    pub parent: Option<SnapshotParent>,
    /// `<creationTime>`: when the snapshot was taken, in seconds since the Epoch
    /// (read-only).
    #[serde(rename = "creationTime")]
    pub creation_time: Option<i64>,
    /// `<memory>`: how the memory state is saved.
    pub memory: Option<SnapshotMemory>,
    /// `<disks>`: how each disk is snapshotted.
    pub disks: Option<SnapshotDisks>,
    /// `<revertDisks>`: disk overrides for reverting to the snapshot.
    #[serde(rename = "revertDisks")]
    pub revert_disks: Option<SnapshotDisks>,
    /// `<domain>`: the domain the snapshot was taken of (read-only): a whole
    /// [`Domain`], or only its UUID in snapshots of old libvirt releases.
    pub domain: Option<SnapshotDomain>,
    /// `<inactiveDomain>`: the inactive definition of a domain that was running when
    /// the snapshot was taken (read-only).
    #[serde(rename = "inactiveDomain")]
    pub inactive_domain: Option<Box<Domain>>,
    /// `<cookie>`: hypervisor data needed to restore the snapshot (read-only).
    pub cookie: Option<SnapshotCookie>,
    /// `<active>`: whether this is the domain's current snapshot (libvirt's own
    /// metadata files only).
    pub active: Option<SnapshotActive>,
    /// Unknown attributes and elements of `<domainsnapshot>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl DomainSnapshot {
    /// Parse `<domainsnapshot>` XML, keeping content the model does not know in
    /// `extra` fields.
    pub fn from_xml(text: &str) -> Result<DomainSnapshot> {
        crate::codec::from_str(text, ROOT)
    }

    /// Parse `<domainsnapshot>` XML and fail on the first element, attribute or text
    /// the model does not know, naming its path and line:column.
    pub fn from_xml_strict(text: &str) -> Result<DomainSnapshot> {
        crate::codec::from_str_strict(text, ROOT)
    }

    /// Write the snapshot as XML in libvirt's layout.
    pub fn to_xml(&self) -> Result<String> {
        crate::codec::to_string(self, ROOT)
    }

    /// Every element, attribute and text the model does not know, in document order
    /// where it was parsed.
    pub fn unmodelled(&self) -> Vec<Unmodelled> {
        crate::codec::unmodelled(self, ROOT)
    }

    /// The embedded domain, when the snapshot holds a whole one.
    pub fn domain(&self) -> Option<&Domain> {
        match self.domain.as_ref()? {
            SnapshotDomain::Full(domain) => Some(domain),
            SnapshotDomain::Uuid(_) => None,
        }
    }

    /// The `<disk>` entries of `<disks>`, in order; empty without `<disks>`.
    pub fn disks(&self) -> &[SnapshotDisk] {
        self.disks.as_ref().map_or(&[], |d| &d.disks)
    }
}

impl FromStr for DomainSnapshot {
    type Err = Error;
    fn from_str(s: &str) -> Result<DomainSnapshot> {
        DomainSnapshot::from_xml(s)
    }
}

value_enum! {
    /// `<state>`: the domain's state when the snapshot was taken (formatsnapshot:
    /// "state").
    pub enum SnapshotState {
        /// `running`
        Running = "running",
        /// `blocked`
        Blocked = "blocked",
        /// `paused`
        Paused = "paused",
        /// `shutdown`: shutting down.
        Shutdown = "shutdown",
        /// `shutoff`: not running.
        Shutoff = "shutoff",
        /// `crashed`
        Crashed = "crashed",
        /// `pmsuspended`: suspended by guest power management (libvirt writes it,
        /// its schema does not list it).
        Pmsuspended = "pmsuspended",
        /// `disk-snapshot`: a disk-only snapshot (no memory state).
        DiskSnapshot = "disk-snapshot",
    }
}

value_enum! {
    /// `<memory snapshot=…>`: where the memory state goes (formatsnapshot: "memory").
    pub enum MemorySnapshot {
        /// `no`: no memory state (offline and disk-only snapshots).
        No = "no",
        /// `internal`: inside the disks' qcow2 images.
        Internal = "internal",
        /// `external`: into the file `file` names.
        External = "external",
    }
}

value_enum! {
    /// `<active>`: whether the snapshot is the domain's current one (libvirt's
    /// metadata files; formatsnapshot does not document it).
    pub enum SnapshotActive {
        /// `0`: not the current snapshot.
        No = "0",
        /// `1`: the current snapshot.
        Yes = "1",
    }
}

/// `<parent>`: the snapshot this one descends from (formatsnapshot: "parent").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotParent {
    /// `<name>`: the parent snapshot's name.
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<memory>`: how the memory state is saved (formatsnapshot: "memory").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotMemory {
    /// `snapshot`: where the memory state goes; `external` when only `file` is given.
    #[serde(rename = "@snapshot")]
    pub snapshot: Option<MemorySnapshot>,
    /// `file`: the absolute path of the memory state file (external snapshots).
    #[serde(rename = "@file")]
    pub file: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<domain>` of a snapshot (formatsnapshot: "domain"): the whole domain definition,
/// or, in snapshots written by libvirt before 0.9.5, only its UUID.
///
/// Reading chooses by the element's `type`, which every whole domain has.
// A whole domain is large; it is boxed, the UUID form is small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "@type")]
#[non_exhaustive]
pub enum SnapshotDomain {
    /// `<domain type=…>`: the whole domain.
    #[serde(rename = "$other")]
    Full(Box<Domain>),
    /// `<domain>` without `type`: only its `<uuid>`.
    #[serde(rename = "$none")]
    Uuid(SnapshotDomainUuid),
}

/// `<domain>` without `type` in a snapshot: the domain's UUID only (formatsnapshot:
/// "domain": "Older versions of libvirt stored only a single child element, uuid").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotDomainUuid {
    /// `<uuid>`: the domain's UUID.
    pub uuid: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<cookie>`: hypervisor data saved with an active snapshot, such as QEMU's guest
/// CPU (formatsnapshot: "cookie"); kept as raw XML.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotCookie {
    /// The child elements, whatever their names.
    #[serde(rename = "$value")]
    pub items: Vec<RawElement>,
    /// Unknown attributes (and text) of `<cookie>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
