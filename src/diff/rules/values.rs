//! Values libvirt rewrites in another spelling or a fuller form.

use crate::diff::rules::{descend, Site};
use crate::diff::values::{attribute, number};
use crate::xml::Element;

/// The machine types whose versioned name is not the alias plus a version:
/// `pc` is `pc-i440fx-X.Y` and `q35` is `pc-q35-X.Y` (QEMU's aliases).
const MACHINE_ALIASES: &[(&str, &str)] = &[("pc", "pc-i440fx"), ("q35", "pc-q35")];

/// **Machine alias**: QEMU's machine aliases (`q35`, `pc`, `virt`, `pseries`,
/// `s390-ccw-virtio`, …) name the newest versioned machine; libvirt writes the
/// versioned name it resolved (`pc-q35-10.0`, `virt-9.2`), so a guest keeps its
/// machine when QEMU is upgraded. `X.Y` is the QEMU version.
pub(crate) fn machine_alias(site: &Site, name: &str, desired: &str, live: Option<&str>) -> bool {
    let Some(live) = live else { return false };
    if name != "machine" || !site.at(&["os", "type"]) {
        return false;
    }
    let base = MACHINE_ALIASES
        .iter()
        .find(|(alias, _)| *alias == desired)
        .map_or(desired, |(_, base)| base);
    live.strip_prefix(base)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(is_version)
}

/// `X.Y` or `X.Y.Z` with decimal parts.
fn is_version(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The largest set of CPUs or nodes read as a set; longer lists compare as written.
const MAX_SET: u32 = 1 << 16;

/// A libvirt bitmap (`0-3,^2,8`) as the sorted numbers it holds.
pub(crate) fn bitmap(text: &str) -> Option<Vec<u32>> {
    let mut set = std::collections::BTreeSet::new();
    let mut excluded = Vec::new();
    for part in text.split(',').map(str::trim) {
        if let Some(n) = part.strip_prefix('^') {
            excluded.push(n.trim().parse::<u32>().ok()?);
            continue;
        }
        let (lo, hi) = match part.split_once('-') {
            Some((lo, hi)) => (
                lo.trim().parse::<u32>().ok()?,
                hi.trim().parse::<u32>().ok()?,
            ),
            None => {
                let n = part.parse::<u32>().ok()?;
                (n, n)
            }
        };
        if lo > hi || hi >= MAX_SET {
            return None;
        }
        set.extend(lo..=hi);
    }
    for n in excluded {
        set.remove(&n);
    }
    Some(set.into_iter().collect())
}

/// Attributes that hold a set of CPUs, vCPUs, I/O threads or NUMA nodes.
const SET_ATTRIBUTES: &[&str] = &["cpuset", "nodeset", "cpus", "vcpus", "iothreads"];

/// **CPU set**: libvirt reads CPU and node lists (`cpuset`, `nodeset`, `cpus`, …) as
/// bitmaps and writes them in its shortest form: `0-2,^1` comes back as `0,2`.
pub(crate) fn cpu_set(_: &Site, name: &str, desired: &str, live: Option<&str>) -> bool {
    let Some(live) = live else { return false };
    SET_ATTRIBUTES.contains(&name)
        && bitmap(desired).is_some_and(|d| bitmap(live).is_some_and(|l| d == l))
}

/// **Scheduler split**: libvirt stores `<vcpusched>` and `<iothreadsched>` per vCPU
/// or thread and writes one element per run of equal settings, so
/// `<vcpusched vcpus='2-3' scheduler='rr'>` may come back as one element per vCPU.
/// Holds when every vCPU (thread) of the definition is in a live sibling with the
/// same scheduler and priority.
pub(crate) fn scheduler_split(site: &Site, name: &str, desired: &str, _: Option<&str>) -> bool {
    let sibling_kind = site.d().name.local.as_str();
    if !matches!(
        (sibling_kind, name),
        ("vcpusched", "vcpus") | ("iothreadsched", "iothreads")
    ) {
        return false;
    }
    let (Some(wanted), Some(parent)) = (bitmap(desired), site.live_up(1)) else {
        return false;
    };
    let same_setting = |e: &&Element| {
        e.name.local == sibling_kind
            && attribute(e, "scheduler") == attribute(site.d(), "scheduler")
            && attribute(e, "priority") == attribute(site.d(), "priority")
    };
    let mut covered = Vec::new();
    for e in parent.elements().filter(same_setting) {
        covered.extend(attribute(e, name).and_then(bitmap).unwrap_or_default());
    }
    wanted.iter().all(|n| covered.contains(n))
}

/// **Case folded**: libvirt reads some values without regard to case and writes its
/// own spelling: a network interface's `<model type>` when it is a model libvirt
/// knows (`ViRtIo` is `virtio`), and s390 boot `loadparm`, which it upper-cases.
pub(crate) fn case_folded(site: &Site, name: &str, desired: &str, live: Option<&str>) -> bool {
    let Some(live) = live else { return false };
    let folded = (name == "type" && site.at(&["interface", "model"]))
        || (name == "loadparm" && (site.at(&["boot"]) || site.at(&["os", "type"])));
    folded && desired.eq_ignore_ascii_case(live) && desired != live
}

/// **USB version**: a USB redirection filter's `version` is a BCD `major.minor`
/// with a two-digit minor; libvirt writes the minor with two digits (`9.4` is
/// `9.40`, as USB writes `0x0940`).
pub(crate) fn usb_version(site: &Site, name: &str, desired: &str, live: Option<&str>) -> bool {
    let Some(live) = live else { return false };
    name == "version"
        && site.at(&["redirfilter", "usbdev"])
        && bcd(desired).is_some()
        && bcd(desired) == bcd(live)
}

fn bcd(text: &str) -> Option<(u32, u32)> {
    let (major, minor) = text.split_once('.')?;
    let major = u32::from_str_radix(major, 16).ok()?;
    let minor = match minor.len() {
        1 => u32::from_str_radix(minor, 16).ok()? * 0x10,
        2 => u32::from_str_radix(minor, 16).ok()?,
        _ => return None,
    };
    Some((major, minor))
}

/// **iSCSI LUN**: an iSCSI source `name` without a LUN means LUN 0, which libvirt
/// appends: `iqn.1992-01.com.example` comes back as `iqn.1992-01.com.example/0`.
pub(crate) fn iscsi_lun(site: &Site, name: &str, desired: &str, live: Option<&str>) -> bool {
    let Some(live) = live else { return false };
    name == "name"
        && site.at(&["source"])
        && attribute(site.d(), "protocol") == Some("iscsi")
        && !desired.contains('/')
        && live.strip_prefix(desired) == Some("/0")
}

/// **numad vCPU placement**: with `<numatune><memory placement='auto'>` and no
/// `cpuset`, libvirt places the vCPUs with numad too, so `<vcpu placement>` becomes
/// `auto`.
pub(crate) fn numad_vcpu_placement(site: &Site, name: &str, _: &str, live: Option<&str>) -> bool {
    name == "placement"
        && site.at(&["domain", "vcpu"])
        && live == Some("auto")
        && attribute(site.d(), "cpuset").is_none()
        && descend(site.desired_root(), &["numatune", "memory"])
            .is_some_and(|m| attribute(m, "placement") == Some("auto"))
}

/// **NUMA cell CPUs**: vCPUs that no `<cell cpus>` names are added to the first cell,
/// so every vCPU has a node. Holds when the live cell holds the definition's CPUs
/// plus only vCPUs no cell of the definition names.
pub(crate) fn numa_cell_cpus(site: &Site, name: &str, desired: &str, live: Option<&str>) -> bool {
    let Some(live) = live else { return false };
    if name != "cpus" || !site.at(&["cpu", "numa", "cell"]) {
        return false;
    }
    let (Some(wanted), Some(have)) = (bitmap(desired), bitmap(live)) else {
        return false;
    };
    let Some(numa) = site.desired_up(1) else {
        return false;
    };
    let named: Vec<u32> = numa
        .elements()
        .filter_map(|c| attribute(c, "cpus").and_then(bitmap))
        .flatten()
        .collect();
    wanted.iter().all(|n| have.contains(n))
        && have
            .iter()
            .all(|n| wanted.contains(n) || !named.contains(n))
        && number_of_vcpus(site.desired_root())
            .map_or(true, |v| have.iter().all(|&n| u128::from(n) < v))
}

fn number_of_vcpus(root: &Element) -> Option<u128> {
    number(&descend(root, &["vcpu"])?.text())
}
