//! `<backingStore>` chains and `<mirror>` of a disk (formatdomain: "Hard drives,
//! floppy disks, CDROMs").

use serde::{Deserialize, Serialize};

use super::source::{DiskFormat, DiskSource};
use super::{DiskType, StorageFormat};
use crate::error::Problem;
use crate::values::value_enum;
use crate::xml::Extra;

/// `<backingStore>`: the image the disk's source (or the backing store above) is
/// layered on, recursively; an empty `<backingStore/>` ends the chain (formatdomain:
/// "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackingStore {
    /// `type`: where the backing image lives, as `<disk type=…>`; `file` when absent.
    /// Chooses the [`DiskSource`] variant of `source`.
    #[serde(rename = "@type")]
    pub kind: Option<DiskType>,
    /// `index`: the image's index in the chain (live XML).
    #[serde(rename = "@index")]
    pub index: Option<u32>,
    /// `<format>`: the backing image's format.
    pub format: Option<DiskFormat>,
    /// `<source>`: the backing image.
    pub source: Option<DiskSource>,
    /// `<backingStore>`: the next image down the chain.
    #[serde(rename = "backingStore")]
    pub backing_store: Option<Box<BackingStore>>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl BackingStore {
    /// The chain from this image down, this one first (an empty terminating
    /// `<backingStore/>` included).
    pub fn chain(&self) -> impl Iterator<Item = &BackingStore> {
        std::iter::successors(Some(self), |b| b.backing_store.as_deref())
    }

    /// Where a `type` down the chain disagrees with its `<source>`'s variant; `path`
    /// is this element's.
    pub(crate) fn check_types(&self, path: &str, out: &mut Vec<Problem>) {
        let mut path = path.to_owned();
        for image in self.chain() {
            if let Some(source) = &image.source {
                let kind = image.kind.as_ref().map(DiskType::as_str);
                source.check_type(kind, &format!("{path}/source"), out);
            }
            path.push_str("/backingStore");
        }
    }
}

value_enum! {
    /// `<mirror job=…>`: the block job copying into the mirror (formatdomain: "Hard
    /// drives, floppy disks, CDROMs").
    pub enum MirrorJob {
        /// `copy`: block copy.
        Copy = "copy",
        /// `active-commit`: commit of the active layer.
        ActiveCommit = "active-commit",
    }
}

value_enum! {
    /// `<mirror ready=…>`: the job's phase (formatdomain: "Hard drives, floppy disks,
    /// CDROMs").
    pub enum MirrorReady {
        /// `yes`: ready to pivot.
        Yes = "yes",
        /// `abort`: being aborted.
        Abort = "abort",
        /// `pivot`: pivoting.
        Pivot = "pivot",
    }
}

/// `<mirror>`: the destination of a running block copy or active commit (live XML;
/// formatdomain: "Hard drives, floppy disks, CDROMs").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Mirror {
    /// `type`: where the destination lives, as `<disk type=…>`; `file` when absent.
    /// Chooses the [`DiskSource`] variant of `source`.
    #[serde(rename = "@type")]
    pub kind: Option<DiskType>,
    /// `file`: destination file (old format).
    #[serde(rename = "@file")]
    pub file: Option<String>,
    /// `format`: destination format (old format).
    #[serde(rename = "@format")]
    pub format_attr: Option<StorageFormat>,
    /// `job`: the block job.
    #[serde(rename = "@job")]
    pub job: Option<MirrorJob>,
    /// `ready`: the job's phase.
    #[serde(rename = "@ready")]
    pub ready: Option<MirrorReady>,
    /// `<format>`: the destination's format.
    pub format: Option<DiskFormat>,
    /// `<source>`: the destination.
    pub source: Option<DiskSource>,
    /// `<backingStore>`: the destination's backing chain.
    #[serde(rename = "backingStore")]
    pub backing_store: Option<Box<BackingStore>>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Mirror {
    /// Where the mirror's `type` disagrees with its `<source>`'s variant, or a type
    /// down its backing chain with that image's; `path` is the mirror's.
    pub(crate) fn check_types(&self, path: &str, out: &mut Vec<Problem>) {
        if let Some(source) = &self.source {
            let kind = self.kind.as_ref().map(DiskType::as_str);
            source.check_type(kind, &format!("{path}/source"), out);
        }
        if let Some(backing) = &self.backing_store {
            backing.check_types(&format!("{path}/backingStore"), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    fn file_source(path: &str) -> Option<DiskSource> {
        Some(DiskSource::file(path))
    }

    fn qcow2() -> Option<DiskFormat> {
        Some(DiskFormat {
            kind: Some(StorageFormat::Qcow2),
            ..Default::default()
        })
    }

    #[test]
    fn backing_chain_round_trips() {
        let value = BackingStore {
            kind: Some(DiskType::File),
            index: Some(1),
            format: qcow2(),
            source: file_source("/var/lib/libvirt/images/base.qcow2"),
            backing_store: Some(Box::new(BackingStore {
                kind: Some(DiskType::Block),
                index: Some(2),
                format: Some(DiskFormat {
                    kind: Some(StorageFormat::Raw),
                    ..Default::default()
                }),
                source: Some(DiskSource::block("/dev/vg0/base")),
                backing_store: Some(Box::default()),
                ..Default::default()
            })),
            ..Default::default()
        };
        let xml = "<backingStore type='file' index='1'>\n  <format type='qcow2'/>\n  <source file='/var/lib/libvirt/images/base.qcow2'/>\n  <backingStore type='block' index='2'>\n    <format type='raw'/>\n    <source dev='/dev/vg0/base'/>\n    <backingStore/>\n  </backingStore>\n</backingStore>";
        assert_xml(&value, "backingStore", xml);
        assert_eq!(assert_modelled::<BackingStore>(xml, "backingStore"), value);
        assert_eq!(value.chain().count(), 3);
    }

    #[test]
    fn mirror_round_trips() {
        let value = Mirror {
            kind: Some(DiskType::File),
            file: Some("/tmp/copy.qcow2".into()),
            format_attr: Some(StorageFormat::Qcow2),
            job: Some(MirrorJob::Copy),
            ready: Some(MirrorReady::Yes),
            format: qcow2(),
            source: file_source("/tmp/copy.qcow2"),
            ..Default::default()
        };
        assert_xml(
            &value,
            "mirror",
            "<mirror type='file' file='/tmp/copy.qcow2' format='qcow2' job='copy' ready='yes'>\n  <format type='qcow2'/>\n  <source file='/tmp/copy.qcow2'/>\n</mirror>",
        );
    }

    #[test]
    fn types_are_checked_down_the_chain_and_in_the_mirror() {
        let mirror = Mirror {
            kind: Some(DiskType::Network),
            job: Some(MirrorJob::ActiveCommit),
            source: file_source("/tmp/copy.qcow2"),
            backing_store: Some(Box::new(BackingStore {
                source: file_source("/tmp/base.qcow2"),
                backing_store: Some(Box::new(BackingStore {
                    kind: Some(DiskType::Dir),
                    source: Some(DiskSource::block("/dev/sdb")),
                    ..Default::default()
                })),
                ..Default::default()
            })),
            ..Default::default()
        };
        let mut out = Vec::new();
        mirror.check_types("/disk/mirror", &mut out);
        let paths: Vec<&str> = out.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/disk/mirror/source",
                "/disk/mirror/backingStore/backingStore/source"
            ]
        );
        assert!(out[1]
            .message
            .contains("'block' source, but the type is 'dir'"));
    }
}
