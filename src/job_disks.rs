//! What the checkpoint and backup documents share: a domain's disks with their paths,
//! the paths of `<disks><disk>` entries, and the names their schemas allow.

use crate::devices::{Device, Disk};
use crate::domain::Domain;
use crate::validate::device_path;

/// The domain's `<disk>` devices, each with its path (`/domain/devices/disk[2]`).
pub(crate) fn domain_disks(domain: &Domain) -> Vec<(&Disk, String)> {
    let devices = domain
        .devices
        .as_ref()
        .map(|d| d.devices.as_slice())
        .unwrap_or_default();
    devices
        .iter()
        .enumerate()
        .filter_map(|(i, device)| match device {
            Device::Disk(disk) => Some((&**disk, device_path(devices, i))),
            _ => None,
        })
        .collect()
}

/// The path of entry `index` of `count` in `<disks>` under `root`:
/// `/domainbackup/disks/disk[2]`, or `…/disks/disk` when there is one.
pub(crate) fn disk_entry_path(root: &str, index: usize, count: usize) -> String {
    if count > 1 {
        format!("{root}/disks/disk[{}]", index + 1)
    } else {
        format!("{root}/disks/disk")
    }
}

/// The schema's `diskTargetDev`: `(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+`.
pub(crate) fn is_disk_target(name: &str) -> bool {
    let name = name.strip_prefix("ioemu:").unwrap_or(name);
    ["fd", "hd", "sd", "vd", "xvd", "ubd"].iter().any(|prefix| {
        name.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    })
}

/// The checkpoint schema's `checkpointName`: `[a-zA-Z0-9_\-][a-zA-Z0-9_\-.]*`, a name
/// libvirt can use as a file name (no leading `.`, no `/`).
pub(crate) fn is_moment_name(name: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let mut chars = name.chars();
    chars.next().is_some_and(allowed) && chars.all(|c| allowed(c) || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_schema_patterns() {
        for good in ["vda", "sdb", "hda", "xvda1", "ioemu:hdc", "vd_x"] {
            assert!(is_disk_target(good), "{good}");
        }
        for bad in ["vd", "nvme0n1", "/var/a.img", "vda-1", ""] {
            assert!(!is_disk_target(bad), "{bad}");
        }
        for good in ["c1", "1525889631", "before-upgrade.2", "_x"] {
            assert!(is_moment_name(good), "{good}");
        }
        for bad in ["", ".hidden", "../escape", "a/b", "a b", "a\nb"] {
            assert!(!is_moment_name(bad), "{bad}");
        }
    }
}
