//! [`DomainBackup::validate`] and [`DomainBackup::check_against`]: what libvirt
//! checks in a backup on its own (its schema, `domainbackup.rng`, and
//! `virDomainBackupDefParse`) and against the domain (`virDomainBackupAlignDisks` and
//! the QEMU driver's backup preparation).

use std::collections::HashMap;

use super::{
    BackupDisk, BackupDiskMode, BackupDiskType, BackupServer, BackupStorage, BackupTransport,
    DomainBackup,
};
use crate::devices::{Disk, DiskSource, EncryptionEngine, EncryptionFormat, StorageFormat};
use crate::domain::Domain;
use crate::error::{errors_only, Error, Problem};
use crate::job_disks::{disk_entry_path, domain_disks, is_disk_target};

/// Path of the root element.
const ROOT_PATH: &str = "/domainbackup";

impl DomainBackup {
    /// Check what libvirt checks in the document itself (its schema and parser): a
    /// `<server>` exactly in pull mode, with the attributes of its transport; every
    /// disk named once by its target; `<target>` in push mode and `<scratch>` (qcow2)
    /// in pull mode, with an absolute path, of the disk's `type`; an incremental
    /// disk with a checkpoint to start from; no status-only content. Returns every
    /// error as [`Error::Validation`].
    ///
    /// ```
    /// use libvirt_domain::backup::DomainBackup;
    /// let backup = DomainBackup::from_xml(
    ///     "<domainbackup><server name='localhost' port='10809'/></domainbackup>",
    /// )?;
    /// let err = backup.validate().unwrap_err();
    /// assert_eq!(err.problems()[0].path, "/domainbackup/server");
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        errors_only(self.problems())
    }

    /// Check the backup against the domain it is for, as libvirt does when the job
    /// begins: every `<disk name>` is the target of a disk of the domain; a disk that
    /// takes part has media, and a file libvirt can name the backup after when no
    /// `<target>`/`<scratch>` is given; a disk backed up incrementally is qcow2 (its
    /// checkpoint bitmaps live there). Without `<disks>`, every writable disk with
    /// media takes part. Returns every problem of [`DomainBackup::validate`] and
    /// these, each with the backup's path.
    pub fn check_against(&self, domain: &Domain) -> Result<(), Error> {
        let mut problems = self.problems();
        problems.extend(self.domain_problems(domain));
        errors_only(problems)
    }

    /// The document's own problems.
    fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let pull = self.is_pull();
        match (&self.server, pull) {
            (Some(_), false) => out.push(Problem::new(
                format!("{ROOT_PATH}/server"),
                "a <server> is only for a pull backup; set mode='pull' or remove it",
            )),
            (Some(server), true) => check_server(server, &mut out),
            (None, true) => out.push(Problem::new(
                ROOT_PATH,
                "a pull backup needs a <server> for its NBD export",
            )),
            (None, false) => {}
        }
        let entries = self.disk_entries();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, disk) in entries.iter().enumerate() {
            let path = disk_entry_path(ROOT_PATH, i, entries.len());
            self.check_disk(disk, &path, &mut out);
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
        if self.private_data.is_some() {
            out.push(Problem::new(
                format!("{ROOT_PATH}/privateData"),
                "only libvirt's status XML carries <privateData>; remove it",
            ));
        }
        out
    }

    /// One `<disk>` on its own.
    fn check_disk(&self, disk: &BackupDisk, path: &str, out: &mut Vec<Problem>) {
        let pull = self.is_pull();
        match disk.name.as_deref() {
            None => out.push(Problem::new(
                path,
                "has no name; give the disk's <target dev>",
            )),
            Some(name) if !is_disk_target(name) => out.push(Problem::new(
                format!("{path}/@name"),
                format!("'{name}' is not a disk target (vda, sdb, …)"),
            )),
            Some(_) => {}
        }
        for (attr, set) in [
            ("state", disk.state.is_some()),
            ("index", disk.index.is_some()),
        ] {
            if set {
                out.push(Problem::new(
                    format!("{path}/@{attr}"),
                    "only libvirt's status XML carries it; remove it",
                ));
            }
        }
        if disk.backupmode == Some(BackupDiskMode::Full) && disk.incremental.is_some() {
            out.push(Problem::new(
                format!("{path}/@incremental"),
                "a disk with backupmode='full' has no checkpoint to start from; remove one \
                 of the two",
            ));
        }
        if disk.backupmode == Some(BackupDiskMode::Incremental)
            && disk.incremental.is_none()
            && self.incremental.is_none()
        {
            out.push(Problem::new(
                format!("{path}/@backupmode"),
                "an incremental disk needs a checkpoint: set its incremental attribute or \
                 the backup's <incremental>",
            ));
        }
        if !pull {
            for (attr, set) in [
                ("exportname", disk.exportname.is_some()),
                ("exportbitmap", disk.exportbitmap.is_some()),
            ] {
                if set {
                    out.push(Problem::new(
                        format!("{path}/@{attr}"),
                        "is only for a pull backup's NBD export; remove it",
                    ));
                }
            }
        }
        if !disk.takes_part() {
            let extra = [
                ("@type", disk.kind.is_some()),
                ("driver", disk.driver.is_some()),
                ("target", disk.target.is_some()),
                ("scratch", disk.scratch.is_some()),
            ];
            for (what, set) in extra {
                if set {
                    out.push(Problem::new(
                        format!("{path}/{what}"),
                        "a disk with backup='no' has no storage; remove it",
                    ));
                }
            }
            return;
        }
        let (used, unused) = if pull {
            (("scratch", &disk.scratch), ("target", &disk.target))
        } else {
            (("target", &disk.target), ("scratch", &disk.scratch))
        };
        if unused.1.is_some() {
            out.push(Problem::new(
                format!("{path}/{}", unused.0),
                format!(
                    "a {} backup reads <{}>, not <{}>",
                    if pull { "pull" } else { "push" },
                    used.0,
                    unused.0
                ),
            ));
        }
        if let Some(storage) = used.1 {
            check_storage(
                storage,
                disk.kind.as_ref(),
                &format!("{path}/{}", used.0),
                out,
            );
        }
        let format = disk.driver.as_ref().and_then(|d| d.kind.as_ref());
        if pull {
            if format.is_some_and(|f| *f != StorageFormat::Qcow2) {
                out.push(Problem::new(
                    format!("{path}/driver/@type"),
                    "a pull backup's scratch is always qcow2; set type='qcow2' or remove \
                     <driver>",
                ));
            }
            if disk.scratch.is_none() {
                if disk.kind == Some(BackupDiskType::Block) {
                    out.push(Problem::new(
                        path,
                        "a block scratch must be given: add <scratch dev=…>",
                    ));
                } else if disk.driver.is_some() {
                    out.push(Problem::new(
                        format!("{path}/driver"),
                        "goes with a <scratch>; add one or remove <driver>",
                    ));
                }
            }
        } else if disk.kind.is_none() && (disk.target.is_some() || disk.driver.is_some()) {
            out.push(Problem::new(
                path,
                "a push disk with a <target> or <driver> needs its type: set type='file' \
                 or type='block'",
            ));
        }
    }

    /// The problems against `domain`.
    fn domain_problems(&self, domain: &Domain) -> Vec<Problem> {
        let mut out = Vec::new();
        let disks = domain_disks(domain);
        if disks.is_empty() {
            out.push(Problem::new(
                ROOT_PATH,
                "the domain has no disk; a backup needs at least one",
            ));
            return out;
        }
        let entries = self.disk_entries();
        if entries.is_empty() {
            // Every writable disk with media takes part, named after its source.
            for (disk, disk_path) in &disks {
                if disk.has_media() && !disk.is_read_only() {
                    let incremental = self.incremental.is_some();
                    check_domain_disk(disk, disk_path, false, incremental, ROOT_PATH, &mut out);
                }
            }
            return out;
        }
        for (i, entry) in entries.iter().enumerate() {
            let path = disk_entry_path(ROOT_PATH, i, entries.len());
            let Some(name) = entry.name.as_deref() else {
                continue;
            };
            let Some((disk, disk_path)) = disks.iter().find(|(d, _)| d.target_dev() == Some(name))
            else {
                out.push(Problem::new(
                    format!("{path}/@name"),
                    format!("the domain has no disk with target '{name}'"),
                ));
                continue;
            };
            if !entry.takes_part() {
                continue;
            }
            let incremental = match entry.backupmode {
                Some(BackupDiskMode::Full) => false,
                Some(BackupDiskMode::Incremental) => true,
                _ => entry.incremental.is_some() || self.incremental.is_some(),
            };
            let has_storage = entry.storage_path().is_some();
            check_domain_disk(disk, disk_path, has_storage, incremental, &path, &mut out);
        }
        out
    }
}

/// `Ok` when `problems` holds no error.
/// The schema's `<server>`: each transport with its own attributes, and the QEMU
/// driver's need for a TCP port.
fn check_server(server: &BackupServer, out: &mut Vec<Problem>) {
    let path = format!("{ROOT_PATH}/server");
    let transport = server.transport.clone().unwrap_or(BackupTransport::Tcp);
    let (needed, allowed): (&[(&str, bool)], &[&str]) = match transport {
        BackupTransport::Unix => (&[("socket", server.socket.is_some())], &["socket"]),
        BackupTransport::Fd => (&[("fdgroup", server.fdgroup.is_some())], &["fdgroup"]),
        BackupTransport::Tcp => (
            &[
                ("name", server.name.is_some()),
                ("port", server.port.is_some()),
            ],
            &["name", "port"],
        ),
        BackupTransport::Other(_) => return,
    };
    for (attr, set) in needed {
        if !set {
            out.push(Problem::new(
                &path,
                format!("transport '{transport}' needs the {attr} attribute"),
            ));
        }
    }
    let given = [
        ("name", server.name.is_some()),
        ("port", server.port.is_some()),
        ("socket", server.socket.is_some()),
        ("fdgroup", server.fdgroup.is_some()),
    ];
    for (attr, set) in given {
        if set && !allowed.contains(&attr) {
            out.push(Problem::new(
                format!("{path}/@{attr}"),
                format!("is not used with transport '{transport}'; remove it"),
            ));
        }
    }
    if let Some(socket) = &server.socket {
        if !socket.starts_with('/') {
            out.push(Problem::new(
                format!("{path}/@socket"),
                format!("backup socket path '{socket}' must be absolute"),
            ));
        }
    }
}

/// A `<target>` or `<scratch>`: of the disk's `type`, with an absolute path and, if
/// encrypted, LUKS by QEMU with one secret (schema `backupEncryption`).
fn check_storage(
    storage: &BackupStorage,
    kind: Option<&BackupDiskType>,
    path: &str,
    out: &mut Vec<Problem>,
) {
    let written = kind.cloned().unwrap_or(BackupDiskType::File);
    match storage.kind() {
        Some(shape) if shape != written => out.push(Problem::new(
            path,
            format!(
                "is a '{shape}' storage, but the disk's type is '{written}'; set \
                 type='{shape}' or give a '{written}' one"
            ),
        )),
        _ => {}
    }
    let attr = if written == BackupDiskType::Block {
        "dev"
    } else {
        "file"
    };
    match storage.path() {
        None if storage.kind().is_some() => {
            out.push(Problem::new(path, format!("needs the {attr} attribute")))
        }
        Some(p) if !p.starts_with('/') => out.push(Problem::new(
            format!("{path}/@{attr}"),
            format!("'{p}' must be an absolute path"),
        )),
        _ => {}
    }
    if let Some(encryption) = storage.encryption() {
        let enc_path = format!("{path}/encryption");
        if encryption.format != Some(EncryptionFormat::Luks) {
            out.push(Problem::new(
                format!("{enc_path}/@format"),
                "a backup's storage is encrypted with format='luks' only",
            ));
        }
        if encryption
            .engine
            .as_ref()
            .is_some_and(|e| *e != EncryptionEngine::Qemu)
        {
            out.push(Problem::new(
                format!("{enc_path}/@engine"),
                "a backup's storage is encrypted by engine='qemu' only",
            ));
        }
        if encryption.secrets.len() != 1 {
            out.push(Problem::new(
                enc_path,
                "needs exactly one <secret type='passphrase'>",
            ));
        }
    }
}

/// A domain disk that takes part: it has media; without given storage, libvirt names
/// the backup `SOURCE.TIMESTAMP`, which needs a file source; an incremental backup
/// reads the checkpoint's bitmap from the qcow2 image.
fn check_domain_disk(
    disk: &Disk,
    disk_path: &str,
    has_storage: bool,
    incremental: bool,
    path: &str,
    out: &mut Vec<Problem>,
) {
    let name = disk.target_dev().unwrap_or("?");
    if !disk.has_media() {
        out.push(Problem::new(
            path,
            format!("disk '{name}' ({disk_path}) has no media; set backup='no' for it"),
        ));
        return;
    }
    if !has_storage && !matches!(disk.source, Some(DiskSource::File(_))) {
        out.push(Problem::new(
            path,
            format!(
                "disk '{name}' ({disk_path}) is not a file, so libvirt cannot name its \
                 backup after it; give the storage explicitly"
            ),
        ));
    }
    if incremental && disk.image_format() != Some(&StorageFormat::Qcow2) {
        out.push(Problem::new(
            path,
            format!(
                "disk '{name}' ({disk_path}) is not qcow2, so it has no checkpoint bitmap \
                 for an incremental backup; use backupmode='full' for it"
            ),
        ));
    }
}
