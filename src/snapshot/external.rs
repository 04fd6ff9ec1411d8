//! [`DomainSnapshot::external_disks`]: an external, disk-only snapshot of a domain's
//! disks (formatsnapshot: "disks", "source").

use super::{DomainSnapshot, MemorySnapshot, SnapshotDisk, SnapshotDisks, SnapshotMemory};
use crate::devices::{Device, Disk, DiskDevice, DiskSnapshot, DiskSource};
use crate::domain::Domain;
use crate::error::{Error, Problem, Result};
use crate::validate::device_path;

impl DomainSnapshot {
    /// An external, disk-only snapshot called `name` of `domain`'s disks, checked
    /// with [`DomainSnapshot::validate_for`].
    ///
    /// Each writable disk backed by an image file gets a qcow2 overlay next to its
    /// image, named as libvirt names one itself: the image's path without its
    /// extension, then `.` and the snapshot name (`/images/guest.qcow2` →
    /// `/images/guest.before-upgrade`). CD-ROMs, read-only disks, empty drives and
    /// disks marked `snapshot='no'` are left out (`snapshot='no'`). The memory state
    /// is not saved (`<memory snapshot='no'/>`).
    ///
    /// Fails when `name` is empty or holds a `/` or a line break (it becomes part of
    /// a file name), when a disk has no target, or when a writable disk is not an
    /// image file (a block device, a network or pool volume, …): libvirt refuses to
    /// name an overlay for those too, and an overlay file beside a block device would
    /// land in `/dev`. Build such a snapshot from [`SnapshotDisk::external`] with an
    /// overlay path of your choice.
    ///
    /// ```
    /// use libvirt_domain::snapshot::DomainSnapshot;
    /// use libvirt_domain::Domain;
    ///
    /// let domain = Domain::builder("guest")
    ///     .disk("/var/lib/libvirt/images/guest.qcow2")
    ///     .cdrom("/var/lib/libvirt/isos/install.iso")
    ///     .build()?;
    /// let snapshot = DomainSnapshot::external_disks(&domain, "before-upgrade")?;
    /// let disks = snapshot.disks();
    /// assert_eq!(disks[0].name, "vda");
    /// assert_eq!(
    ///     disks[0].overlay_path(),
    ///     Some("/var/lib/libvirt/images/guest.before-upgrade")
    /// );
    /// assert_eq!(disks[1].name, "sda");
    /// assert_eq!(disks[1].overlay_path(), None);
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn external_disks(domain: &Domain, name: impl Into<String>) -> Result<DomainSnapshot> {
        let name = name.into();
        let mut problems = Vec::new();
        if name.is_empty() || name.contains(['/', '\n', '\r']) {
            problems.push(Problem::new(
                "/domainsnapshot/name",
                format!(
                    "{name:?} cannot name an overlay file: give a name that is not empty \
                     and holds no '/' or line break"
                ),
            ));
        }
        let devices: &[Device] = domain.devices.as_ref().map_or(&[], |d| &d.devices);
        let mut disks = Vec::new();
        for (i, device) in devices.iter().enumerate() {
            let Device::Disk(disk) = device else {
                continue;
            };
            let path = device_path(devices, i);
            let Some(target) = disk.target_dev() else {
                problems.push(Problem::new(
                    format!("{path}/target"),
                    "has no dev: a snapshot names each disk by its target",
                ));
                continue;
            };
            if is_left_out(disk) {
                disks.push(SnapshotDisk::excluded(target));
                continue;
            }
            match &disk.source {
                Some(DiskSource::File(file)) => {
                    let image = file.file.as_deref().unwrap_or_default();
                    disks.push(SnapshotDisk::external(target, overlay_path(image, &name)));
                }
                _ => {
                    let kind = disk
                        .written_kind()
                        .map(|k| k.to_string())
                        .unwrap_or_default();
                    problems.push(Problem::new(
                        format!("{path}/source"),
                        format!(
                            "disk '{target}' is a writable '{kind}' disk, and libvirt names \
                             an overlay only for an image file: give its overlay with \
                             SnapshotDisk::external, or leave it out with \
                             SnapshotDisk::excluded"
                        ),
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Error::Validation(problems));
        }
        let snapshot = DomainSnapshot {
            name: Some(name),
            memory: Some(SnapshotMemory {
                snapshot: Some(MemorySnapshot::No),
                ..Default::default()
            }),
            disks: Some(SnapshotDisks {
                disks,
                ..Default::default()
            }),
            ..Default::default()
        };
        snapshot.validate_for(domain)?;
        Ok(snapshot)
    }
}

/// Whether a disk stays out of the snapshot: a CD-ROM, a read-only disk, an empty
/// drive (libvirt does not snapshot those) or one marked `snapshot='no'`.
fn is_left_out(disk: &Disk) -> bool {
    disk.device == Some(DiskDevice::Cdrom)
        || disk.readonly.is_some()
        || disk.snapshot == Some(DiskSnapshot::No)
        || disk.source_path().is_none()
}

/// libvirt's name for an external overlay (`virDomainSnapshotDefAssignExternalNames`):
/// the image's path without its extension, then `.` and the snapshot name.
fn overlay_path(image: &str, name: &str) -> String {
    let base = match image.rfind('.') {
        Some(dot) if !image[dot..].contains('/') => &image[..dot],
        _ => image,
    };
    format!("{base}.{name}")
}
