//! Constructors: a push or pull backup of chosen disks of a domain, checked against
//! the domain.

use super::{
    BackupDisk, BackupDiskType, BackupDisks, BackupDriver, BackupMode, BackupServer, BackupStorage,
    DomainBackup,
};
use crate::devices::StorageFormat;
use crate::domain::Domain;
use crate::error::{Error, Problem, Result};
use crate::job_disks::domain_disks;
use crate::values::YesNo;

/// The file name suffix of a push backup's target: the image format it is written in.
const TARGET_SUFFIX: &str = "qcow2";

/// The file name suffix of a pull backup's scratch file, as in libvirt's examples.
const SCRATCH_SUFFIX: &str = "scratch";

impl DomainBackup {
    /// A full push backup of the disks of `domain` whose `<target dev>` is in
    /// `targets`: QEMU writes each to `DIR/TARGET.qcow2` (`<driver type='qcow2'/>`);
    /// every other disk gets `backup='no'`. Set [`DomainBackup::incremental`] to a
    /// checkpoint's name for an incremental one, then
    /// [`check_against`](DomainBackup::check_against) the domain again.
    ///
    /// Fails with [`Error::Validation`] when a target is not a disk of the domain, a
    /// chosen disk has no media, `dir` is not absolute, or no disk is chosen.
    ///
    /// ```
    /// use libvirt_domain::backup::DomainBackup;
    /// use libvirt_domain::Domain;
    ///
    /// let domain = Domain::builder("guest").disk("/var/lib/libvirt/images/guest.qcow2").build()?;
    /// let backup = DomainBackup::push(&domain, &["vda"], "/srv/backup/guest")?;
    /// assert_eq!(
    ///     backup.to_xml()?,
    ///     "<domainbackup mode='push'>\n  <disks>\n    \
    ///      <disk name='vda' backup='yes' type='file'>\n      <driver type='qcow2'/>\n      \
    ///      <target file='/srv/backup/guest/vda.qcow2'/>\n    </disk>\n  </disks>\n\
    ///      </domainbackup>"
    /// );
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn push(domain: &Domain, targets: &[&str], dir: &str) -> Result<DomainBackup> {
        build(domain, targets, BackupMode::Push, None, dir)
    }

    /// A full pull backup of the disks of `domain` whose `<target dev>` is in
    /// `targets`: `server` exports each over NBD (export name: the target) while QEMU
    /// keeps the blocks the guest changes meanwhile in `DIR/TARGET.scratch` (qcow2);
    /// every other disk gets `backup='no'`. Set [`DomainBackup::incremental`] to a
    /// checkpoint's name to also export the blocks changed since then.
    ///
    /// Fails with [`Error::Validation`] when a target is not a disk of the domain, a
    /// chosen disk has no media, the server lacks what its transport needs (a TCP
    /// port, an absolute socket path), `scratch_dir` is not absolute, or no disk is
    /// chosen.
    ///
    /// ```
    /// use libvirt_domain::backup::{BackupServer, DomainBackup};
    /// use libvirt_domain::Domain;
    ///
    /// let domain = Domain::builder("guest").disk("/var/lib/libvirt/images/guest.qcow2").build()?;
    /// let server = BackupServer::unix("/run/guest-backup.sock");
    /// let backup = DomainBackup::pull(&domain, &["vda"], server, "/var/tmp")?;
    /// assert!(backup.to_xml()?.contains("<scratch file='/var/tmp/vda.scratch'/>"));
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn pull(
        domain: &Domain,
        targets: &[&str],
        server: BackupServer,
        scratch_dir: &str,
    ) -> Result<DomainBackup> {
        build(domain, targets, BackupMode::Pull, Some(server), scratch_dir)
    }
}

/// A backup of the chosen disks of `domain`, their storage in `dir`, checked.
fn build(
    domain: &Domain,
    targets: &[&str],
    mode: BackupMode,
    server: Option<BackupServer>,
    dir: &str,
) -> Result<DomainBackup> {
    let pull = mode == BackupMode::Pull;
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let chosen = |target: &str| {
        let suffix = if pull { SCRATCH_SUFFIX } else { TARGET_SUFFIX };
        let storage =
            BackupStorage::file(format!("{}/{target}.{suffix}", dir.trim_end_matches('/')));
        BackupDisk {
            name: Some(target.to_owned()),
            backup: Some(YesNo::Yes),
            kind: Some(BackupDiskType::File),
            driver: Some(BackupDriver::new(StorageFormat::Qcow2)),
            target: (!pull).then(|| storage.clone()),
            scratch: pull.then_some(storage),
            ..Default::default()
        }
    };
    for (disk, path) in domain_disks(domain) {
        match disk.target_dev() {
            Some(target) if targets.contains(&target) => entries.push(chosen(target)),
            Some(target) => entries.push(BackupDisk::excluded(target)),
            None => problems.push(Problem::new(
                format!("{path}/target/@dev"),
                "the disk has no target; a backup names disks by their target",
            )),
        }
    }
    for target in targets {
        if !entries.iter().any(|e| e.name.as_deref() == Some(*target)) {
            entries.push(chosen(target));
        }
    }
    if !entries.iter().any(BackupDisk::takes_part) {
        problems.push(Problem::new(
            "/domainbackup/disks",
            "no disk takes part; choose at least one disk by its target",
        ));
    }
    let backup = DomainBackup {
        mode: Some(mode),
        server,
        disks: Some(BackupDisks {
            disks: entries,
            ..Default::default()
        }),
        ..Default::default()
    };
    if let Err(err) = backup.check_against(domain) {
        problems.extend(err.problems().iter().cloned());
    }
    if problems.is_empty() {
        Ok(backup)
    } else {
        Err(Error::Validation(problems))
    }
}
