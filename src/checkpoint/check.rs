//! [`DomainCheckpoint::validate`] and [`DomainCheckpoint::check_against`]: what
//! libvirt checks in a checkpoint on its own (its schema, `domaincheckpoint.rng`) and
//! against the domain it is for (`virDomainCheckpointAlignDisks` and the QEMU
//! driver's checkpoint preparation).

use std::collections::HashMap;

use super::{CheckpointDisk, CheckpointType, DomainCheckpoint};
use crate::devices::{Disk, StorageFormat};
use crate::domain::Domain;
use crate::error::{errors_only, Error, Problem};
use crate::job_disks::{disk_entry_path, domain_disks, is_disk_target, is_moment_name};

/// Path of the root element.
const ROOT_PATH: &str = "/domaincheckpoint";

impl DomainCheckpoint {
    /// Check what libvirt checks in the document itself (its schema): names libvirt
    /// can use as file names, every `<disk>` named once, no `bitmap` or `size` on a
    /// disk that does not take part, and no `<active>`. Returns every error as [`Error::Validation`].
    ///
    /// ```
    /// use libvirt_domain::checkpoint::DomainCheckpoint;
    /// let checkpoint = DomainCheckpoint::from_xml(
    ///     "<domaincheckpoint><name>../escape</name></domaincheckpoint>",
    /// )?;
    /// let err = checkpoint.validate().unwrap_err();
    /// assert_eq!(err.problems()[0].path, "/domaincheckpoint/name");
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        errors_only(self.problems())
    }

    /// Check the checkpoint against the domain it is for, as libvirt does when it
    /// creates it (`virDomainCheckpointAlignDisks`, QEMU's checkpoint preparation):
    /// every `<disk name>` is a disk of the domain (by target or source path), named
    /// once; a disk that takes part has media, is writable and is a qcow2 image (QEMU
    /// keeps its dirty bitmaps in qcow2). Without `<disks>`, every writable disk with
    /// media takes part. Returns every problem of [`DomainCheckpoint::validate`] and
    /// these, each with the checkpoint's path.
    pub fn check_against(&self, domain: &Domain) -> Result<(), Error> {
        let mut problems = self.problems();
        problems.extend(self.domain_problems(domain));
        errors_only(problems)
    }

    /// The document's own problems.
    fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if let Some(name) = &self.name {
            check_name(name, &format!("{ROOT_PATH}/name"), &mut out);
        }
        if let Some(name) = self.parent.as_ref().and_then(|p| p.name.as_ref()) {
            check_name(name, &format!("{ROOT_PATH}/parent/name"), &mut out);
        }
        if self.active.is_some() {
            out.push(Problem::new(
                format!("{ROOT_PATH}/active"),
                "is not part of a checkpoint (libvirt's schema refuses it); remove it",
            ));
        }
        let entries = self.disk_entries();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, disk) in entries.iter().enumerate() {
            let path = disk_entry_path(ROOT_PATH, i, entries.len());
            check_disk(disk, &path, &mut out);
            if let Some(name) = disk.name.as_deref() {
                if let Some(first) = seen.insert(name, i) {
                    out.push(Problem::new(
                        format!("{path}/@name"),
                        format!(
                            "disk '{name}' is listed twice (first as <disk> {}); list each \
                             disk once",
                            first + 1
                        ),
                    ));
                }
            }
        }
        out
    }

    /// The problems against `domain`.
    fn domain_problems(&self, domain: &Domain) -> Vec<Problem> {
        let mut out = Vec::new();
        let disks = domain_disks(domain);
        if disks.is_empty() {
            out.push(Problem::new(
                ROOT_PATH,
                "the domain has no disk; a checkpoint needs at least one",
            ));
            return out;
        }
        let entries = self.disk_entries();
        if entries.is_empty() {
            // Every writable disk with media takes part.
            for (disk, disk_path) in &disks {
                if disk.has_media() && !disk.is_read_only() {
                    check_format(disk, disk_path, ROOT_PATH, &mut out);
                }
            }
            return out;
        }
        // More entries than disks means an unknown or repeated name, reported below
        // (libvirt: "too many disk checkpoint requests").
        let mut seen: HashMap<usize, usize> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let path = disk_entry_path(ROOT_PATH, i, entries.len());
            let Some(name) = entry.name.as_deref() else {
                continue;
            };
            let Some(found) = find_disk(&disks, name) else {
                out.push(Problem::new(
                    format!("{path}/@name"),
                    format!(
                        "the domain has no disk '{name}'; name a disk by its <target dev> \
                         or its source path"
                    ),
                ));
                continue;
            };
            if let Some(first) = seen.insert(found, i) {
                out.push(Problem::new(
                    format!("{path}/@name"),
                    format!(
                        "'{name}' is the disk <disk> {} already names; list each disk once",
                        first + 1
                    ),
                ));
            }
            let (disk, disk_path) = &disks[found];
            if !entry.takes_part() {
                continue;
            }
            if !disk.has_media() || disk.is_read_only() {
                out.push(Problem::new(
                    &path,
                    format!(
                        "disk '{name}' ({disk_path}) is empty or read-only; set \
                         checkpoint='no' for it"
                    ),
                ));
                continue;
            }
            check_format(disk, disk_path, &path, &mut out);
        }
        out
    }
}

/// `Ok` when `problems` holds no error.
/// The schema's `checkpointName`: no leading `.`, no `/` or newline, so that libvirt
/// can use it as a file name.
fn check_name(name: &str, path: &str, out: &mut Vec<Problem>) {
    if !is_moment_name(name) {
        out.push(Problem::new(
            path,
            format!(
                "'{name}' is not a checkpoint name: use letters, digits, '_', '-' and '.', \
                 not starting with '.'"
            ),
        ));
    }
}

/// One `<disk>` on its own (schema `diskcheckpoint`).
fn check_disk(disk: &CheckpointDisk, path: &str, out: &mut Vec<Problem>) {
    match disk.name.as_deref() {
        None => out.push(Problem::new(
            path,
            "has no name; give the disk's <target dev> or its source path",
        )),
        Some(name) if !is_disk_target(name) && !name.starts_with('/') => out.push(Problem::new(
            format!("{path}/@name"),
            format!("'{name}' is neither a disk target (vda, sdb, …) nor an absolute path"),
        )),
        Some(_) => {}
    }
    if disk.checkpoint == Some(CheckpointType::No) {
        for (attr, set) in [
            ("bitmap", disk.bitmap.is_some()),
            ("size", disk.size.is_some()),
        ] {
            if set {
                out.push(Problem::new(
                    format!("{path}/@{attr}"),
                    "is only allowed with checkpoint='bitmap'; remove it or the 'no'",
                ));
            }
        }
    }
}

/// The index in `disks` of the disk `name` names: by target, else by a source path
/// only one disk has (libvirt's `virDomainDiskByName`).
fn find_disk(disks: &[(&Disk, String)], name: &str) -> Option<usize> {
    if let Some(i) = disks.iter().position(|(d, _)| d.target_dev() == Some(name)) {
        return Some(i);
    }
    let mut by_path = disks
        .iter()
        .enumerate()
        .filter(|(_, (d, _))| d.source_path() == Some(name))
        .map(|(i, _)| i);
    let first = by_path.next()?;
    by_path.next().is_none().then_some(first)
}

/// QEMU keeps a checkpoint's bitmap in the qcow2 image: a disk that takes part must
/// be one (QEMU driver: "checkpoint for disk … unsupported for storage type …").
fn check_format(disk: &Disk, disk_path: &str, path: &str, out: &mut Vec<Problem>) {
    if disk.image_format() == Some(&StorageFormat::Qcow2) {
        return;
    }
    let name = disk.target_dev().unwrap_or("?");
    let format = disk
        .image_format()
        .map_or("of no given format".to_owned(), |f| format!("a {f} image"));
    out.push(Problem::new(
        path,
        format!(
            "disk '{name}' ({disk_path}) is {format}, but QEMU checkpoints need \
             <driver type='qcow2'>; convert it or exclude it with checkpoint='no'"
        ),
    ));
}
