//! What a disk holds, as libvirt's checkpoint, backup and snapshot code asks it:
//! whether it has media, whether it is read-only, and its image format.

use super::{Disk, DiskDevice, DiskSource, StorageFormat};

impl Disk {
    /// Whether the disk has media: a source that names an image (libvirt's
    /// `virStorageSourceIsEmpty` is false). A local source (`file`, `block`, `dir`)
    /// without a path, such as an empty CD-ROM drive, has none; a disk without
    /// `<source>` has none.
    pub fn has_media(&self) -> bool {
        match &self.source {
            None => false,
            Some(DiskSource::File(_) | DiskSource::Block(_) | DiskSource::Dir(_)) => {
                self.source.as_ref().and_then(DiskSource::path).is_some()
            }
            Some(DiskSource::Network(network)) => network.protocol.is_some(),
            Some(_) => true,
        }
    }

    /// Whether the guest cannot write to the disk: `<readonly/>`, or a CD-ROM (which
    /// libvirt always makes read-only).
    pub fn is_read_only(&self) -> bool {
        self.readonly.is_some() || self.device == Some(DiskDevice::Cdrom)
    }

    /// The image format, `<driver type=…>`; `None` when not given.
    pub fn image_format(&self) -> Option<&StorageFormat> {
        self.driver.as_ref()?.kind.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use crate::devices::{Disk, DiskDevice, DiskSource, DiskType, StorageFormat};

    #[test]
    fn media_read_only_and_format_follow_libvirt() {
        let mut disk = Disk {
            kind: Some(DiskType::File),
            source: Some(DiskSource::file("/var/lib/libvirt/images/a.qcow2")),
            ..Default::default()
        };
        assert!(disk.has_media());
        assert!(!disk.is_read_only());
        assert_eq!(disk.image_format(), None);
        disk.driver = Some(crate::devices::DiskDriver {
            kind: Some(StorageFormat::Qcow2),
            ..Default::default()
        });
        assert_eq!(disk.image_format(), Some(&StorageFormat::Qcow2));
        disk.device = Some(DiskDevice::Cdrom);
        assert!(disk.is_read_only());
        disk.source = Some(DiskSource::File(Default::default()));
        assert!(!disk.has_media());
        disk.source = None;
        assert!(!disk.has_media());
        disk.source = Some(DiskSource::volume("pool", "vol"));
        assert!(disk.has_media());
    }
}
