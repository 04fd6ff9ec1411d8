//! [`DomainSnapshot::validate`]: the checks libvirt applies to a snapshot definition
//! (`virDomainSnapshotDefParse`, `virDomainSnapshotAlignDisks` and the QEMU driver's
//! `qemuSnapshotPrepare`), as far as they do not need the host.
//!
//! Each rule is a small function; its doc comment names the libvirt behaviour it
//! reproduces. Rules that compare the snapshot's disks with the domain's run when a
//! whole domain is embedded, or against the domain given to
//! [`DomainSnapshot::validate_for`].

use std::collections::HashMap;
use std::path::Path;

use super::{DomainSnapshot, MemorySnapshot, SnapshotDisk, SnapshotState};
use crate::devices::{Device, Disk, DiskDevice, DiskSnapshot, DiskSource, DiskType, StorageFormat};
use crate::domain::Domain;
use crate::error::{Error, Problem};

/// The snapshot's `<disks>` path.
const DISKS: &str = "/domainsnapshot/disks";

impl DomainSnapshot {
    /// Check what libvirt checks when the snapshot is created, and return every
    /// problem found, each with its path, as [`Error::Validation`]. The disks are
    /// also checked against the embedded `<domain>` when it is a whole one (see
    /// [`DomainSnapshot::validate_for`]).
    pub fn validate(&self) -> Result<(), Error> {
        finish(self.check(self.domain()))
    }

    /// [`DomainSnapshot::validate`] against `domain`, the domain the snapshot is for:
    /// every disk the snapshot names exists in it, once; internal snapshots are of
    /// qcow2 images; no overlay is the image of a domain disk.
    pub fn validate_for(&self, domain: &Domain) -> Result<(), Error> {
        finish(self.check(Some(domain)))
    }

    fn check(&self, domain: Option<&Domain>) -> Vec<Problem> {
        let mut out = Vec::new();
        memory(self, &mut out);
        let disks = self.disks();
        for (i, disk) in disks.iter().enumerate() {
            let path = disk_path(i, disks.len());
            disk_rules(disk, &path, &mut out);
        }
        no_mixing(self, &mut out);
        if let Some(domain) = domain {
            against_domain(disks, domain, &mut out);
        }
        out
    }
}

fn finish(problems: Vec<Problem>) -> Result<(), Error> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(problems))
    }
}

/// The path of the `i`th of `count` snapshot disks.
fn disk_path(i: usize, count: usize) -> String {
    if count > 1 {
        format!("{DISKS}/disk[{}]", i + 1)
    } else {
        format!("{DISKS}/disk")
    }
}

/// `<memory>`: a `file` needs `snapshot='external'` and `external` needs a `file`
/// ("memory filename … requires external snapshot", "external memory snapshots
/// require a filename"), the file path is absolute, and an offline or disk-only
/// snapshot (state `shutoff` or `disk-snapshot`) saves no memory
/// (`virDomainSnapshotDefParse`).
fn memory(snapshot: &DomainSnapshot, out: &mut Vec<Problem>) {
    let Some(memory) = &snapshot.memory else {
        return;
    };
    const PATH: &str = "/domainsnapshot/memory";
    let mode = match (&memory.snapshot, &memory.file) {
        (Some(mode), _) => Some(mode.clone()),
        (None, Some(_)) => Some(MemorySnapshot::External),
        (None, None) => None,
    };
    match (&mode, &memory.file) {
        (Some(MemorySnapshot::External), None) => out.push(Problem::new(
            PATH,
            "an external memory snapshot needs a file; set file to an absolute path",
        )),
        (Some(mode), Some(file)) if *mode != MemorySnapshot::External => out.push(Problem::new(
            format!("{PATH}/@file"),
            format!("memory file '{file}' requires snapshot='external', but it is '{mode}'"),
        )),
        _ => {}
    }
    if let Some(file) = &memory.file {
        if !Path::new(file).is_absolute() {
            out.push(Problem::new(
                format!("{PATH}/@file"),
                format!("memory file '{file}' must be an absolute path"),
            ));
        }
    }
    let offline = matches!(
        snapshot.state,
        Some(SnapshotState::Shutoff | SnapshotState::DiskSnapshot)
    );
    if offline && matches!(mode, Some(ref m) if *m != MemorySnapshot::No) {
        out.push(Problem::new(
            format!("{PATH}/@snapshot"),
            "an offline or disk-only snapshot saves no memory state; set snapshot='no'",
        ));
    }
}

/// One snapshot disk on its own: a name (`missing name from disk snapshot element`);
/// a storage type libvirt takes for an overlay (`file`, `block` or `network`:
/// "unsupported disk snapshot type") that agrees with the source's shape; an overlay
/// or format only for `snapshot='external'` ("file … requires use of external
/// snapshot mode"); an absolute overlay path ("disk snapshot image path … must be
/// absolute"); an overlay format QEMU can write, `qcow2` or `qed` ("external snapshot
/// format for disk … is unsupported"), with a metadata cache only for qcow2
/// (`virDomainSnapshotDiskDefParseXML`, `virDomainSnapshotAlignDisks`,
/// `qemuSnapshotPrepareDiskExternal`).
fn disk_rules(disk: &SnapshotDisk, path: &str, out: &mut Vec<Problem>) {
    if disk.name.is_empty() {
        out.push(Problem::new(
            format!("{path}/@name"),
            "a snapshot disk needs a name: the disk's target (vda) or source path",
        ));
    }
    let kind = disk.kind.clone().unwrap_or(DiskType::File);
    if !matches!(kind, DiskType::File | DiskType::Block | DiskType::Network) {
        out.push(Problem::new(
            format!("{path}/@type"),
            format!("an overlay cannot be a '{kind}' disk; use file, block or network"),
        ));
    }
    if let Some(source) = &disk.source {
        source.check_type(
            disk.kind.as_ref().map(DiskType::as_str),
            &format!("{path}/source"),
            out,
        );
    }
    let mode = disk.effective_snapshot();
    let has_overlay = disk.source.is_some() || disk.driver.is_some();
    if has_overlay && matches!(mode, Some(ref m) if *m != DiskSnapshot::External) {
        let mode = mode.map(|m| m.to_string()).unwrap_or_default();
        out.push(Problem::new(
            path,
            format!(
                "a source or driver (the overlay) requires snapshot='external', but the \
                 disk's snapshot is '{mode}'"
            ),
        ));
    }
    if let Some(overlay) = local_path(disk.source.as_ref()) {
        if !Path::new(overlay).is_absolute() {
            out.push(Problem::new(
                format!("{path}/source"),
                format!("the overlay path '{overlay}' must be absolute"),
            ));
        }
    }
    if let Some(driver) = &disk.driver {
        let format = driver.kind.as_ref();
        if let Some(format) = format {
            if !matches!(format, StorageFormat::Qcow2 | StorageFormat::Qed) {
                out.push(Problem::new(
                    format!("{path}/driver/@type"),
                    format!(
                        "an external snapshot overlay cannot be '{format}'; QEMU writes \
                         qcow2 (the default) or qed"
                    ),
                ));
            }
        }
        let qcow2 = matches!(format, None | Some(StorageFormat::Qcow2));
        if driver.metadata_cache.is_some() && !qcow2 {
            out.push(Problem::new(
                format!("{path}/driver/metadata_cache"),
                "a metadata cache limit is supported only with qcow2 overlays",
            ));
        }
    }
}

/// The path of a local (file or block) source, which libvirt requires absolute.
fn local_path(source: Option<&DiskSource>) -> Option<&str> {
    match source? {
        DiskSource::File(s) => s.file.as_deref(),
        DiskSource::Block(s) => s.dev.as_deref(),
        _ => None,
    }
}

/// Internal and external targets do not mix, among the disks or between the disks
/// and the memory ("mixing internal and external targets for a snapshot is not yet
/// supported", `qemuSnapshotPrepare`).
fn no_mixing(snapshot: &DomainSnapshot, out: &mut Vec<Problem>) {
    let modes: Vec<Option<DiskSnapshot>> = snapshot
        .disks()
        .iter()
        .map(SnapshotDisk::effective_snapshot)
        .collect();
    let memory = snapshot.memory.as_ref().and_then(|m| m.snapshot.clone());
    let internal = modes.contains(&Some(DiskSnapshot::Internal));
    let external = modes.contains(&Some(DiskSnapshot::External));
    let internal_memory = memory == Some(MemorySnapshot::Internal);
    let external_memory = memory == Some(MemorySnapshot::External);
    if ((internal || internal_memory) && external) || (external_memory && internal) {
        out.push(Problem::new(
            "/domainsnapshot",
            "mixes internal and external snapshots, which libvirt does not support; make \
             every disk (and the memory) internal, or every one external",
        ));
    }
}

/// The snapshot's disks against the domain's: every name is a disk's target or its
/// source path ("no disk named …"), each disk once ("disk … specified twice")
/// (`virDomainSnapshotAlignDisks`); an internal snapshot of a writable disk only of a
/// qcow2 image ("internal snapshot for disk … unsupported for storage type",
/// `qemuSnapshotPrepare`; read-only disks and CD-ROMs are not written);
/// no overlay is the image of a domain disk or another disk's overlay ("collision
/// with disk", `virDomainSnapshotDefAssignExternalNames`).
fn against_domain(disks: &[SnapshotDisk], domain: &Domain, out: &mut Vec<Problem>) {
    let domain_disks: Vec<&Disk> = domain
        .devices
        .iter()
        .flat_map(|d| &d.devices)
        .filter_map(|d| match d {
            Device::Disk(disk) => Some(&**disk),
            _ => None,
        })
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut overlays: HashMap<&str, usize> = HashMap::new();
    for (i, snap) in disks.iter().enumerate() {
        let path = disk_path(i, disks.len());
        let found = domain_disks
            .iter()
            .find(|d| d.target_dev() == Some(snap.name.as_str()))
            .or_else(|| {
                let mut by_source = domain_disks
                    .iter()
                    .filter(|d| d.source_path() == Some(snap.name.as_str()));
                let first = by_source.next();
                by_source.next().is_none().then_some(first).flatten()
            });
        let Some(disk) = found else {
            if !snap.name.is_empty() {
                out.push(Problem::new(
                    format!("{path}/@name"),
                    format!(
                        "the domain has no disk named '{}'; name a disk by its target \
                         (vda) or its source path",
                        snap.name
                    ),
                ));
            }
            continue;
        };
        let target = disk.target_dev().unwrap_or(snap.name.as_str());
        if let Some(first) = seen.insert(target, i) {
            out.push(Problem::new(
                format!("{path}/@name"),
                format!(
                    "disk '{target}' is already listed as {}; list each disk once",
                    disk_path(first, disks.len())
                ),
            ));
        }
        let writable = disk.readonly.is_none() && disk.device != Some(DiskDevice::Cdrom);
        if writable && snap.effective_snapshot() == Some(DiskSnapshot::Internal) {
            let format = disk.driver.as_ref().and_then(|d| d.kind.as_ref());
            if let Some(format) = format.filter(|f| **f != StorageFormat::Qcow2) {
                out.push(Problem::new(
                    format!("{path}/@snapshot"),
                    format!(
                        "disk '{target}' is a '{format}' image; only qcow2 images take an \
                         internal snapshot, so make it external"
                    ),
                ));
            }
        }
        if let Some(overlay) = snap.overlay_path() {
            if domain_disks
                .iter()
                .any(|d| d.source_path() == Some(overlay))
            {
                out.push(Problem::new(
                    format!("{path}/source"),
                    format!("the overlay '{overlay}' is the image of a domain disk"),
                ));
            }
            if let Some(first) = overlays.insert(overlay, i) {
                out.push(Problem::new(
                    format!("{path}/source"),
                    format!(
                        "the overlay '{overlay}' is also {}'s; give each disk its own",
                        disk_path(first, disks.len())
                    ),
                ));
            }
        }
    }
}
