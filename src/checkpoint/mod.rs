//! `<domaincheckpoint>`: a point in time from which a disk's changes are tracked, the
//! base of an incremental backup (formatcheckpoint: "Checkpoint XML").
//!
//! [`DomainCheckpoint`] is typed, lossless and strict like [`Domain`]: content the
//! model does not know is kept in `extra` fields and listed by
//! [`DomainCheckpoint::unmodelled`]. The embedded `<domain>` is a [`Domain`].
//!
//! Files: this one (the document), `build.rs` (constructors from a domain) and
//! `check.rs` ([`DomainCheckpoint::validate`] and [`DomainCheckpoint::check_against`]).

mod build;
mod check;
#[cfg(test)]
mod tests;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::domain::Domain;
use crate::error::{Error, Result};
use crate::values::value_enum;
use crate::xml::{Extra, Unmodelled};

/// The root element's name.
const ROOT: &str = "domaincheckpoint";

/// `<domaincheckpoint>`: a checkpoint of a domain's disks (formatcheckpoint:
/// "Checkpoint XML"), as given to `virDomainCheckpointCreateXML` or
/// `virDomainBackupBegin`, and as `virDomainCheckpointGetXMLDesc` reports it.
///
/// Fields are in libvirt's output order. On creation only `name`, `description` and
/// `disks` count; the rest is what libvirt reports, and input again when a checkpoint
/// is redefined.
///
/// ```
/// use libvirt_domain::checkpoint::{CheckpointType, DomainCheckpoint};
///
/// let checkpoint = DomainCheckpoint::from_xml(
///     "<domaincheckpoint><name>c1</name><disks>\
///      <disk name='vda' checkpoint='bitmap'/><disk name='vdb' checkpoint='no'/>\
///      </disks></domaincheckpoint>",
/// )?;
/// let disks = &checkpoint.disks.as_ref().unwrap().disks;
/// assert_eq!(disks[1].checkpoint, Some(CheckpointType::No));
/// assert!(checkpoint.unmodelled().is_empty());
/// # Ok::<(), libvirt_domain::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DomainCheckpoint {
    /// `<name>`: the checkpoint's name (libvirt makes one from the creation time when
    /// absent); letters, digits, `_`, `-` and `.`, not starting with `.`.
    pub name: Option<String>,
    /// `<description>`: a human-readable description.
    pub description: Option<String>,
    /// `<parent>`: the checkpoint this one follows (output and redefinition only).
    pub parent: Option<CheckpointParent>,
    /// `<creationTime>`: when the checkpoint was made, in seconds since the Epoch
    /// (output and redefinition only).
    #[serde(rename = "creationTime")]
    pub creation_time: Option<u64>,
    /// `<disks>`: which disks take part; absent means every writable disk with media.
    pub disks: Option<CheckpointDisks>,
    /// `<domain>`: the inactive domain definition when the checkpoint was made
    /// (output and redefinition only).
    pub domain: Option<Box<Domain>>,
    /// `<active>`: a marker one of libvirt's own test documents carries; it is not in
    /// the schema, so libvirt refuses it ([`DomainCheckpoint::validate`] reports it).
    pub active: Option<u8>,
    /// Unknown attributes and elements of `<domaincheckpoint>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl DomainCheckpoint {
    /// Parse `<domaincheckpoint>` XML, keeping content the model does not know in
    /// `extra` fields.
    pub fn from_xml(text: &str) -> Result<DomainCheckpoint> {
        crate::codec::from_str(text, ROOT)
    }

    /// Parse `<domaincheckpoint>` XML and fail on the first element, attribute or text
    /// the model does not know, naming its path and line:column.
    pub fn from_xml_strict(text: &str) -> Result<DomainCheckpoint> {
        crate::codec::from_str_strict(text, ROOT)
    }

    /// Write the checkpoint as XML in libvirt's layout.
    pub fn to_xml(&self) -> Result<String> {
        crate::codec::to_string(self, ROOT)
    }

    /// Every element, attribute and text the model does not know, in document order
    /// where it was parsed.
    pub fn unmodelled(&self) -> Vec<Unmodelled> {
        crate::codec::unmodelled(self, ROOT)
    }

    /// The `<disk>` entries (none without `<disks>`).
    pub fn disk_entries(&self) -> &[CheckpointDisk] {
        self.disks.as_ref().map_or(&[], |d| d.disks.as_slice())
    }
}

impl FromStr for DomainCheckpoint {
    type Err = Error;
    fn from_str(s: &str) -> Result<DomainCheckpoint> {
        DomainCheckpoint::from_xml(s)
    }
}

/// `<parent>`: the checkpoint this one follows (formatcheckpoint: "Checkpoint XML").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckpointParent {
    /// `<name>`: the parent checkpoint's name.
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<disks>`: the checkpoint's instructions per disk (formatcheckpoint: "Checkpoint
/// XML"); on output, the state of every disk of the domain.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckpointDisks {
    /// `<disk>`: one per disk.
    #[serde(rename = "disk")]
    pub disks: Vec<CheckpointDisk>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<disk checkpoint=…>`: whether the disk takes part (formatcheckpoint:
    /// "Checkpoint XML").
    pub enum CheckpointType {
        /// `no`: the disk does not take part.
        No = "no",
        /// `bitmap`: a persistent dirty bitmap tracks the disk's changes from now on
        /// (the default).
        Bitmap = "bitmap",
    }
}

/// `<disk>` of a checkpoint: one disk's part in it (formatcheckpoint: "Checkpoint
/// XML").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckpointDisk {
    /// `name`: the disk's `<target dev>` (e.g. `vda`) or its unambiguous source path.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `checkpoint`: `bitmap` (the default) or `no`.
    #[serde(rename = "@checkpoint")]
    pub checkpoint: Option<CheckpointType>,
    /// `bitmap`: the tracking bitmap's name (the checkpoint's name by default); only
    /// with `checkpoint='bitmap'`.
    #[serde(rename = "@bitmap")]
    pub bitmap: Option<String>,
    /// `size`: the estimated size in bytes of the changes since the checkpoint
    /// (output only, with `VIR_DOMAIN_CHECKPOINT_XML_SIZE`).
    #[serde(rename = "@size")]
    pub size: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl CheckpointDisk {
    /// `<disk name=… checkpoint='bitmap'/>`: the disk takes part.
    pub fn bitmap(name: impl Into<String>) -> Self {
        CheckpointDisk {
            name: Some(name.into()),
            checkpoint: Some(CheckpointType::Bitmap),
            ..Default::default()
        }
    }

    /// `<disk name=… checkpoint='no'/>`: the disk does not take part.
    pub fn excluded(name: impl Into<String>) -> Self {
        CheckpointDisk {
            name: Some(name.into()),
            checkpoint: Some(CheckpointType::No),
            ..Default::default()
        }
    }

    /// Whether the disk takes part: `checkpoint` is not `no` (absent means `bitmap`).
    pub fn takes_part(&self) -> bool {
        self.checkpoint != Some(CheckpointType::No)
    }
}
