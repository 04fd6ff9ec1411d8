//! Constructors and chained setters for [`Disk`]: each constructor sets the disk's
//! `type` from the source it builds, so the two cannot disagree (formatdomain: "Hard
//! drives, floppy disks, CDROMs").

use super::{
    Disk, DiskBus, DiskDevice, DiskDriver, DiskProtocol, DiskSource, DiskTarget, StorageFormat,
};
use crate::devices::common::{Boot, Marker};

/// The `<driver name=…>` libvirt's QEMU driver writes for every disk.
const QEMU_DRIVER: &str = "qemu";

impl Disk {
    /// A hard disk (`device='disk'`) reading `source`, with the `type` that source
    /// implies.
    pub fn with_source(source: DiskSource) -> Self {
        Disk {
            kind: source.kind(),
            device: Some(DiskDevice::Disk),
            source: Some(source),
            ..Default::default()
        }
    }

    /// A hard disk backed by the image file `path` (`type='file'`).
    ///
    /// ```
    /// use libvirt_domain::devices::{DeviceXml, Disk, DiskBus, StorageFormat};
    ///
    /// let disk = Disk::file("/var/lib/libvirt/images/data.qcow2")
    ///     .format(StorageFormat::Qcow2)
    ///     .target("vdb", DiskBus::Virtio);
    /// assert_eq!(
    ///     disk.to_xml()?,
    ///     "<disk type='file' device='disk'>\n  <driver name='qemu' type='qcow2'/>\n  \
    ///      <source file='/var/lib/libvirt/images/data.qcow2'/>\n  \
    ///      <target dev='vdb' bus='virtio'/>\n</disk>"
    /// );
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn file(path: impl Into<String>) -> Self {
        Disk::with_source(DiskSource::file(path))
    }

    /// A hard disk backed by the host block device `dev` (`type='block'`).
    pub fn block(dev: impl Into<String>) -> Self {
        Disk::with_source(DiskSource::block(dev))
    }

    /// A hard disk backed by `volume` of the storage pool `pool` (`type='volume'`).
    pub fn volume(pool: impl Into<String>, volume: impl Into<String>) -> Self {
        Disk::with_source(DiskSource::volume(pool, volume))
    }

    /// A hard disk backed by the image `name` on a server (`type='network'`); add
    /// its `<host>` elements to the source.
    pub fn network(protocol: DiskProtocol, name: impl Into<String>) -> Self {
        Disk::with_source(DiskSource::network(protocol, name))
    }

    /// A read-only CD-ROM drive (`device='cdrom'`) holding the raw image `path`.
    /// Give it a [`target`](Self::target) (a SATA one on q35).
    pub fn cdrom(path: impl Into<String>) -> Self {
        Disk {
            device: Some(DiskDevice::Cdrom),
            ..Disk::file(path)
        }
        .format(StorageFormat::Raw)
        .readonly()
    }

    /// `<target dev=… bus=…>`: the guest-side device name (`vda`, `sda`, …) and bus.
    pub fn target(mut self, dev: impl Into<String>, bus: DiskBus) -> Self {
        let target = self.target.get_or_insert_with(DiskTarget::default);
        target.dev = Some(dev.into());
        target.bus = Some(bus);
        self
    }

    /// `<driver name='qemu' type=…>`: the image format.
    pub fn format(mut self, format: StorageFormat) -> Self {
        let driver = self.driver.get_or_insert_with(DiskDriver::default);
        driver.name.get_or_insert_with(|| QEMU_DRIVER.into());
        driver.kind = Some(format);
        self
    }

    /// `<readonly/>`: the guest cannot write.
    pub fn readonly(mut self) -> Self {
        self.readonly = Some(Box::new(Marker::default()));
        self
    }

    /// `<boot order=…>`: boot from this disk with priority `order` (1 first).
    pub fn boot_order(mut self, order: u32) -> Self {
        self.boot = Some(Box::new(Boot::order(order)));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::assert_xml;
    use crate::devices::DiskType;

    #[test]
    fn constructors_set_the_type_their_source_implies() {
        assert_eq!(Disk::file("/a").kind, Some(DiskType::File));
        assert_eq!(Disk::block("/dev/sdb").kind, Some(DiskType::Block));
        assert_eq!(Disk::volume("p", "v").kind, Some(DiskType::Volume));
        assert_eq!(
            Disk::network(DiskProtocol::Nbd, "x").kind,
            Some(DiskType::Network)
        );
        assert_xml(
            &Disk::block("/dev/sdb").target("vdc", DiskBus::Virtio).boot_order(2),
            "disk",
            "<disk type='block' device='disk'>\n  <source dev='/dev/sdb'/>\n  <target dev='vdc' bus='virtio'/>\n  <boot order='2'/>\n</disk>",
        );
    }

    #[test]
    fn cdrom_is_read_only_and_raw() {
        assert_xml(
            &Disk::cdrom("/isos/a.iso").target("sda", DiskBus::Sata),
            "disk",
            "<disk type='file' device='cdrom'>\n  <driver name='qemu' type='raw'/>\n  <source file='/isos/a.iso'/>\n  <target dev='sda' bus='sata'/>\n  <readonly/>\n</disk>",
        );
    }
}
