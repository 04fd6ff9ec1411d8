//! General rules: the domain's identity, security labels, SMBIOS data, the QEMU
//! command-line passthrough (formatdomain: "General metadata", "Security label",
//! "SMBIOS System Information").

use std::collections::HashMap;

use super::util::{child, parse_uuid};
use super::{Checker, Rule};
use crate::sysinfo::{Sysinfo, SystemEntryName};

pub(super) const RULES: &[Rule] = &[
    name,
    uuid,
    title,
    seclabel_models_unique,
    sysinfo_uuid_matches,
    qemu_env_names,
];

/// `<name>` is present, non-empty and without `/` (libvirt: "missing name
/// information", "name … cannot contain '/'").
fn name(c: &mut Checker<'_>) {
    match c.domain.name.as_deref() {
        None => c.error("/domain/name", "missing; libvirt needs a name"),
        Some("") => c.error("/domain/name", "is empty; libvirt needs a name"),
        Some(name) if name.contains('/') => c.error(
            "/domain/name",
            format!("{name:?} contains '/', which libvirt refuses"),
        ),
        Some(_) => {}
    }
}

/// `<uuid>` is a UUID (libvirt: "malformed uuid element").
fn uuid(c: &mut Checker<'_>) {
    if let Some(uuid) = &c.domain.uuid {
        if parse_uuid(uuid).is_none() {
            c.error(
                "/domain/uuid",
                format!("{uuid:?} is not a UUID (32 hex digits, optionally grouped by '-')"),
            );
        }
    }
}

/// `<title>` has no newline (libvirt: "Domain title can't contain newlines").
fn title(c: &mut Checker<'_>) {
    if c.domain.title.as_deref().is_some_and(|t| t.contains('\n')) {
        c.error("/domain/title", "contains a newline, which libvirt refuses");
    }
}

/// At most one domain `<seclabel>` per security model (libvirt: "seclabel for model
/// selinux is already provided").
fn seclabel_models_unique(c: &mut Checker<'_>) {
    let labels = &c.domain.seclabel;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, label) in labels.iter().enumerate() {
        let Some(model) = label.model.as_deref() else {
            continue;
        };
        if let Some(first) = seen.insert(model, i) {
            seen.insert(model, first);
            c.error(
                child("/domain", "seclabel", i, labels.len()),
                format!(
                    "a second <seclabel> for model '{model}' (the first is seclabel[{}]); \
                     keep one per model",
                    first + 1
                ),
            );
        }
    }
}

/// The SMBIOS system UUID equals the domain's `<uuid>` (libvirt: "UUID mismatch
/// between <uuid> and <sysinfo>").
fn sysinfo_uuid_matches(c: &mut Checker<'_>) {
    let Some(domain_uuid) = c.domain.uuid.as_deref().and_then(parse_uuid) else {
        return;
    };
    let count = c.domain.sysinfo.len();
    for (i, info) in c.domain.sysinfo.iter().enumerate() {
        let Sysinfo::Smbios(smbios) = info else {
            continue;
        };
        let Some(system) = &smbios.system else {
            continue;
        };
        let entries = &system.entries;
        for (j, entry) in entries.iter().enumerate() {
            if entry.name != Some(SystemEntryName::Uuid) {
                continue;
            }
            if parse_uuid(&entry.value).is_some_and(|u| u != domain_uuid) {
                let at = child(&child("/domain", "sysinfo", i, count), "system", 0, 1);
                c.error(
                    child(&at, "entry", j, entries.len()),
                    format!(
                        "system UUID {:?} differs from <uuid>; make them equal or drop this entry",
                        entry.value
                    ),
                );
            }
        }
    }
}

/// `<qemu:env>` names are `[A-Za-z_][A-Za-z0-9_]*` (QEMU driver: "Invalid environment
/// name").
fn qemu_env_names(c: &mut Checker<'_>) {
    let cmd = &c.domain.qemu_commandline;
    for (i, env) in cmd.env.iter().enumerate() {
        let path = format!(
            "{}/@name",
            child("/domain/qemu:commandline", "qemu:env", i, cmd.env.len())
        );
        let name = env.name.as_str();
        let starts = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        let rest = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !starts || !rest {
            c.error(
                path,
                format!(
                    "{name:?} is not a variable name (a letter or '_', then letters, \
                     digits or '_'); libvirt refuses it"
                ),
            );
        }
    }
}
