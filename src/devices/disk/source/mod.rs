//! `<source>` of a disk, `<backingStore>`, `<mirror>`, `<dataStore>` and `<os><nvram>`:
//! one variant per disk `type`, each with the attributes and children libvirt allows
//! for it (formatdomain: "Hard drives, floppy disks, CDROMs").
//!
//! The variant is chosen by the `type` attribute of the element holding the
//! `<source>` (the codec's `^@type` convention); that element keeps the attribute
//! in its own `kind` field, which [`Domain::validate`](crate::Domain::validate)
//! checks against the variant.

mod device;
mod local;
mod network;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use self::device::{DiskSourceNvme, DiskSourceVhostUser, DiskSourceVhostVdpa, NvmeAddressType};
pub use self::local::{
    DiskSourceBlock, DiskSourceDir, DiskSourceFile, DiskSourceVolume, Reservations,
    UnixSocketSource, VolumeMode,
};
pub use self::network::{
    DiskSourceConfig, DiskSourceCookie, DiskSourceCookies, DiskSourceHost, DiskSourceIdentity,
    DiskSourceKnownHosts, DiskSourceNetwork, DiskSourceReadahead, DiskSourceSnapshot,
    DiskSourceSsl, DiskSourceTimeout, HostTransport,
};
use super::{DiskProtocol, DiskType, StorageFormat};
use crate::devices::common::{OtherSource, ScaledSize};
use crate::error::Problem;
use crate::values::value_enum;
use crate::xml::Extra;

/// `<source>` of a disk, `<backingStore>`, `<mirror>`, `<dataStore>` or `<os><nvram>`:
/// its shape depends on the `type` of the element holding it (schema `diskSource`;
/// formatdomain: "Hard drives, floppy disks, CDROMs").
///
/// Reading picks the variant from the parent's `type` (`file` when it has none); a
/// `type` this crate does not know gives [`DiskSource::Other`], which keeps the whole
/// element. Writing leaves `type` to the parent's `kind` field, so the two must agree
/// (`kind: None` means `file`); [`Domain::validate`](crate::Domain::validate) reports
/// a disagreement.
///
/// ```
/// use libvirt_domain::devices::{DeviceXml, Disk, DiskSource, DiskType};
///
/// let disk = Disk::from_xml(
///     "<disk type='block'><source dev='/dev/vg0/guest'/><target dev='vda'/></disk>",
/// )?;
/// let Some(DiskSource::Block(block)) = &disk.source else { panic!("a block source") };
/// assert_eq!(block.dev.as_deref(), Some("/dev/vg0/guest"));
/// assert_eq!(disk.source.as_ref().and_then(DiskSource::kind), Some(DiskType::Block));
///
/// let cdrom = Disk {
///     kind: Some(DiskType::File),
///     source: Some(DiskSource::file("/var/lib/libvirt/isos/install.iso")),
///     ..Default::default()
/// };
/// assert_eq!(
///     cdrom.to_xml()?,
///     "<disk type='file'>\n  <source file='/var/lib/libvirt/isos/install.iso'/>\n</disk>"
/// );
/// # Ok::<(), libvirt_domain::Error>(())
/// ```
// The common local variants hold their structs directly; the large, rarer `network`
// and `nvme` ones are boxed (build them with `Box::new` or `.into()`), so a
// `DiskSource` costs what a file source needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "^@type=file")]
#[non_exhaustive]
pub enum DiskSource {
    /// `type='file'` (or no `type`): an image file.
    #[serde(rename = "file")]
    File(DiskSourceFile),
    /// `type='block'`: a host block device.
    #[serde(rename = "block")]
    Block(DiskSourceBlock),
    /// `type='dir'`: a host directory shown as a virtual FAT disk.
    #[serde(rename = "dir")]
    Dir(DiskSourceDir),
    /// `type='network'`: an image on a server (NBD, iSCSI, RBD, HTTP, …).
    #[serde(rename = "network")]
    Network(Box<DiskSourceNetwork>),
    /// `type='volume'`: a libvirt storage pool volume.
    #[serde(rename = "volume")]
    Volume(DiskSourceVolume),
    /// `type='nvme'`: a host NVMe controller's namespace.
    #[serde(rename = "nvme")]
    Nvme(Box<DiskSourceNvme>),
    /// `type='vhostuser'`: a vhost-user-blk backend.
    #[serde(rename = "vhostuser")]
    VhostUser(DiskSourceVhostUser),
    /// `type='vhostvdpa'`: a vhost-vDPA block device.
    #[serde(rename = "vhostvdpa")]
    VhostVdpa(DiskSourceVhostVdpa),
    /// A `type` this crate does not know: the whole element, kept and reported as
    /// unmodelled.
    #[serde(rename = "$other")]
    Other(OtherSource),
}

impl Default for DiskSource {
    /// An empty file source, libvirt's default type.
    fn default() -> Self {
        DiskSource::File(DiskSourceFile::default())
    }
}

impl DiskSource {
    /// `<source file=…>`: an image file (`type='file'`).
    pub fn file(path: impl Into<String>) -> Self {
        DiskSource::File(DiskSourceFile {
            file: Some(path.into()),
            ..Default::default()
        })
    }

    /// `<source dev=…>`: a host block device (`type='block'`).
    pub fn block(dev: impl Into<String>) -> Self {
        DiskSource::Block(DiskSourceBlock {
            dev: Some(dev.into()),
            ..Default::default()
        })
    }

    /// `<source dir=…>`: a host directory (`type='dir'`).
    pub fn dir(dir: impl Into<String>) -> Self {
        DiskSource::Dir(DiskSourceDir {
            dir: Some(dir.into()),
            ..Default::default()
        })
    }

    /// `<source pool=… volume=…>`: a storage pool volume (`type='volume'`).
    pub fn volume(pool: impl Into<String>, volume: impl Into<String>) -> Self {
        DiskSource::Volume(DiskSourceVolume {
            pool: Some(pool.into()),
            volume: Some(volume.into()),
            ..Default::default()
        })
    }

    /// `<source protocol=… name=…>`: an image on a server (`type='network'`); add
    /// its `<host>` elements to the returned value.
    pub fn network(protocol: DiskProtocol, name: impl Into<String>) -> Self {
        DiskSource::Network(Box::new(DiskSourceNetwork {
            protocol: Some(protocol),
            name: Some(name.into()),
            ..Default::default()
        }))
    }

    /// The disk `type` this source is shaped for; `None` for [`DiskSource::Other`].
    pub fn kind(&self) -> Option<DiskType> {
        Some(match self {
            DiskSource::File(_) => DiskType::File,
            DiskSource::Block(_) => DiskType::Block,
            DiskSource::Dir(_) => DiskType::Dir,
            DiskSource::Network(_) => DiskType::Network,
            DiskSource::Volume(_) => DiskType::Volume,
            DiskSource::Nvme(_) => DiskType::Nvme,
            DiskSource::VhostUser(_) => DiskType::Vhostuser,
            DiskSource::VhostVdpa(_) => DiskType::Vhostvdpa,
            DiskSource::Other(_) => return None,
        })
    }

    /// The host path the source names: `file`, a block or vDPA device's `dev`, `dir`,
    /// or a vhost-user socket's `path`. `None` for other types, which name no host
    /// path (see [`Disk::source_path`](crate::devices::Disk::source_path) for names).
    pub fn path(&self) -> Option<&str> {
        match self {
            DiskSource::File(s) => s.file.as_deref(),
            DiskSource::Block(s) => s.dev.as_deref(),
            DiskSource::Dir(s) => s.dir.as_deref(),
            DiskSource::VhostUser(s) => s.path.as_deref(),
            DiskSource::VhostVdpa(s) => s.dev.as_deref(),
            _ => None,
        }
    }

    /// `<dataStore>`: the qcow2 image's external data file, for the types that
    /// allow one.
    pub fn data_store(&self) -> Option<&DataStore> {
        match self {
            DiskSource::File(s) => s.data_store.as_deref(),
            DiskSource::Block(s) => s.data_store.as_deref(),
            DiskSource::Dir(s) => s.data_store.as_deref(),
            DiskSource::Network(s) => s.data_store.as_deref(),
            DiskSource::Volume(s) => s.data_store.as_deref(),
            DiskSource::Nvme(s) => s.data_store.as_deref(),
            _ => None,
        }
    }

    /// Report at `path` when this source's variant is not the one the parent's
    /// `type` (`parent_type`, `None` when absent, which means `file`) selects, then
    /// check the `<dataStore>` inside. Such a pair writes XML that reads back as
    /// another variant.
    pub(crate) fn check_type(&self, parent_type: Option<&str>, path: &str, out: &mut Vec<Problem>) {
        let written = parent_type.unwrap_or("file");
        let default = if parent_type.is_none() {
            " (the default)"
        } else {
            ""
        };
        match self.kind() {
            Some(kind) if kind.as_str() != written => out.push(Problem::new(
                path,
                format!(
                    "is a '{kind}' source, but the type is '{written}'{default}; set \
                     type='{kind}' or give a '{written}' source"
                ),
            )),
            None if !matches!(DiskType::from(written), DiskType::Other(_)) => {
                out.push(Problem::new(
                    path,
                    format!(
                        "holds a source of a type this crate does not know, but the type \
                         is '{written}'{default}; set type to the source's own type or \
                         give a '{written}' source"
                    ),
                ))
            }
            _ => {}
        }
        if let Some(data_store) = self.data_store() {
            data_store.check_type(&format!("{path}/dataStore"), out);
        }
    }
}

/// `<slices>`: the parts of the source the disk uses (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceSlices {
    /// `<slice>`: one slice.
    #[serde(rename = "slice")]
    pub slices: Vec<DiskSourceSlice>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<slice type=…>`: what the slice is of (formatdomain: "Hard drives, floppy
    /// disks, CDROMs").
    pub enum SliceType {
        /// `storage`: the storage source itself.
        Storage = "storage",
    }
}

/// `<slice type='storage' offset=… size=…>` (formatdomain: "Hard drives, floppy
/// disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskSourceSlice {
    /// `type`: always `storage`.
    #[serde(rename = "@type")]
    pub kind: Option<SliceType>,
    /// `offset`: start of the slice in bytes.
    #[serde(rename = "@offset")]
    pub offset: Option<u64>,
    /// `size`: length of the slice in bytes.
    #[serde(rename = "@size")]
    pub size: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<dataStore type=…>`: the external data file of a qcow2 image (formatdomain:
/// "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DataStore {
    /// `type`: where the data file lives, as `<disk type=…>`; `file` when absent.
    /// Chooses the [`DiskSource`] variant of `source`.
    #[serde(rename = "@type")]
    pub kind: Option<DiskType>,
    /// `<format>`: the data file's format.
    pub format: Option<DiskFormat>,
    /// `<source>`: the data file.
    pub source: Option<DiskSource>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl DataStore {
    /// [`DiskSource::check_type`] for the data store's own `type` and `<source>`.
    pub(crate) fn check_type(&self, path: &str, out: &mut Vec<Problem>) {
        if let Some(source) = &self.source {
            let kind = self.kind.as_ref().map(DiskType::as_str);
            source.check_type(kind, &format!("{path}/source"), out);
        }
    }
}

/// `<format type=…>` of a backing store, mirror or data store (schema `diskFormat`;
/// formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DiskFormat {
    /// `type`: the image format.
    #[serde(rename = "@type")]
    pub kind: Option<StorageFormat>,
    /// `<metadata_cache>`: qcow2 metadata cache limit.
    pub metadata_cache: Option<MetadataCache>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<metadata_cache>` of a disk `<driver>` or `<format>` (formatdomain: "Hard drives,
/// floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MetadataCache {
    /// `<max_size>`: the cache's maximum size (bytes when no unit).
    pub max_size: Option<ScaledSize>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
