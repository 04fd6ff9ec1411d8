//! Constructors: a checkpoint of a domain's disks, checked against the domain.

use super::{CheckpointDisk, CheckpointDisks, DomainCheckpoint};
use crate::devices::Disk;
use crate::domain::Domain;
use crate::error::{Error, Problem, Result};
use crate::job_disks::domain_disks;

impl DomainCheckpoint {
    /// A checkpoint called `name` of every disk of `domain` that can take part: each
    /// writable disk with media gets `checkpoint='bitmap'`, each empty or read-only
    /// one (a CD-ROM) `checkpoint='no'`, as libvirt does when `<disks>` is omitted.
    /// The list is explicit, so the document says what it covers.
    ///
    /// Fails with [`Error::Validation`] when libvirt would refuse it (see
    /// [`DomainCheckpoint::check_against`]): most often a writable disk that is not
    /// qcow2, which QEMU cannot checkpoint; use [`DomainCheckpoint::of_disks`] to
    /// leave it out.
    ///
    /// ```
    /// use libvirt_domain::checkpoint::DomainCheckpoint;
    /// use libvirt_domain::Domain;
    ///
    /// let domain = Domain::builder("guest").disk("/var/lib/libvirt/images/guest.qcow2").build()?;
    /// let checkpoint = DomainCheckpoint::all_disks(&domain, "before-upgrade")?;
    /// assert_eq!(
    ///     checkpoint.to_xml()?,
    ///     "<domaincheckpoint>\n  <name>before-upgrade</name>\n  <disks>\n    \
    ///      <disk name='vda' checkpoint='bitmap'/>\n  </disks>\n</domaincheckpoint>"
    /// );
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn all_disks(domain: &Domain, name: impl Into<String>) -> Result<DomainCheckpoint> {
        build(
            domain,
            name.into(),
            |disk| disk.has_media() && !disk.is_read_only(),
            &[],
        )
    }

    /// A checkpoint called `name` of the disks of `domain` whose `<target dev>` is in
    /// `targets` (`checkpoint='bitmap'`); every other disk gets `checkpoint='no'`.
    ///
    /// Fails with [`Error::Validation`] when a target is not a disk of the domain, a
    /// chosen disk is empty, read-only or not qcow2, or no disk is chosen.
    ///
    /// ```
    /// use libvirt_domain::checkpoint::DomainCheckpoint;
    /// use libvirt_domain::Domain;
    ///
    /// let domain = Domain::builder("guest").disk("/var/lib/libvirt/images/guest.qcow2").build()?;
    /// let err = DomainCheckpoint::of_disks(&domain, "c1", &["vdz"]).unwrap_err();
    /// assert_eq!(err.problems()[0].path, "/domaincheckpoint/disks/disk[2]/@name");
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn of_disks(
        domain: &Domain,
        name: impl Into<String>,
        targets: &[&str],
    ) -> Result<DomainCheckpoint> {
        build(
            domain,
            name.into(),
            |disk| disk.target_dev().is_some_and(|t| targets.contains(&t)),
            targets,
        )
    }
}

/// A checkpoint of `domain`'s disks, `chosen` ones with a bitmap, plus an entry for
/// each of `requested` that names no disk (so the check reports it), checked.
fn build(
    domain: &Domain,
    name: String,
    chosen: impl Fn(&Disk) -> bool,
    requested: &[&str],
) -> Result<DomainCheckpoint> {
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for (disk, path) in domain_disks(domain) {
        match disk.target_dev() {
            Some(target) if chosen(disk) => entries.push(CheckpointDisk::bitmap(target)),
            Some(target) => entries.push(CheckpointDisk::excluded(target)),
            None => problems.push(Problem::new(
                format!("{path}/target/@dev"),
                "the disk has no target; a checkpoint names disks by their target",
            )),
        }
    }
    for target in requested {
        if !entries.iter().any(|e| e.name.as_deref() == Some(*target)) {
            entries.push(CheckpointDisk::bitmap(*target));
        }
    }
    if !entries.is_empty() && !entries.iter().any(CheckpointDisk::takes_part) {
        problems.push(Problem::new(
            "/domaincheckpoint/disks",
            "no disk takes part; choose a writable disk with media",
        ));
    }
    let checkpoint = DomainCheckpoint {
        name: Some(name),
        disks: (!entries.is_empty()).then(|| CheckpointDisks {
            disks: entries,
            ..Default::default()
        }),
        ..Default::default()
    };
    if let Err(err) = checkpoint.check_against(domain) {
        problems.extend(err.problems().iter().cloned());
    }
    if problems.is_empty() {
        Ok(checkpoint)
    } else {
        Err(Error::Validation(problems))
    }
}
