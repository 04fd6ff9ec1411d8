//! Sizes libvirt aligns or recomputes.

use crate::diff::rules::{arch, child, descend, Site};
use crate::diff::values::{attribute, size};
use crate::xml::Element;

/// Memory modules of ppc64 guests are aligned to 256 MiB (the pSeries LMB size).
const PPC64_MEMORY_ALIGNMENT: u128 = 256 << 20;

/// The bytes of a size element (`<size unit='KiB'>…</size>`, KiB without a unit).
fn bytes(element: &Element) -> Option<u128> {
    size(element, true).map(|s| s.bytes)
}

/// The sum of the `<devices><memory><target><size>` of a domain.
fn memory_devices(root: &Element) -> u128 {
    descend(root, &["devices"]).map_or(0, |devices| {
        devices
            .elements()
            .filter(|e| e.name.namespace.is_none() && e.name.local == "memory")
            .filter_map(|m| descend(m, &["target", "size"]).and_then(bytes))
            .sum()
    })
}

/// The sum of the `<cpu><numa><cell memory>` of a domain, `None` without cells.
fn numa_cells(root: &Element) -> Option<u128> {
    let numa = descend(root, &["cpu", "numa"])?;
    let cells: Vec<&Element> = numa.elements().filter(|e| e.name.local == "cell").collect();
    if cells.is_empty() {
        return None;
    }
    cells.iter().map(|c| bytes(c)).sum()
}

/// **Total memory**: with NUMA cells or memory devices, libvirt computes `<memory>`
/// itself: the sum of the cells (or, without cells, the definition's memory less its
/// memory devices) plus the memory devices as libvirt aligned them.
pub(crate) fn total_memory(site: &Site, desired: u128, live: u128) -> bool {
    if !site.at(&["domain", "memory"]) {
        return false;
    }
    let live_devices = memory_devices(site.live_root());
    let desired_devices = memory_devices(site.desired_root());
    let initial = match numa_cells(site.live_root()) {
        Some(cells) => cells,
        None if desired_devices > 0 => match desired.checked_sub(desired_devices) {
            Some(initial) => initial,
            None => return false,
        },
        None => return false,
    };
    live == initial + live_devices
}

/// **Balloon's current memory**: while a domain runs (its XML has `<domain id>`),
/// libvirt writes the balloon's present size as `<currentMemory>`, which starts at
/// `<memory>` and moves as the guest's balloon driver inflates it; any size up to
/// the live `<memory>` is the running guest's state, not a changed definition.
pub(crate) fn balloon_current_memory(site: &Site, _desired: u128, live: u128) -> bool {
    let root = site.live_root();
    site.at(&["domain", "currentMemory"])
        && attribute(root, "id").is_some()
        && child(root, "memory")
            .and_then(bytes)
            .is_some_and(|memory| live <= memory)
}

/// **Memory device alignment**: on ppc64 libvirt rounds a DIMM's size up to 256 MiB,
/// and an NVDIMM's size less its label down to 256 MiB (the label is kept).
pub(crate) fn memory_device_alignment(site: &Site, desired: u128, live: u128) -> bool {
    if !site.at(&["devices", "memory", "target", "size"])
        || !arch(site.desired_root()).is_some_and(|a| a.starts_with("ppc64"))
    {
        return false;
    }
    let align = PPC64_MEMORY_ALIGNMENT;
    let Some(device) = site.desired_up(2) else {
        return false;
    };
    if attribute(device, "model") == Some("nvdimm") {
        let label = site
            .desired_up(1)
            .and_then(|t| child(t, "label"))
            .and_then(|l| child(l, "size"))
            .and_then(bytes)
            .unwrap_or(0);
        desired
            .checked_sub(label)
            .is_some_and(|d| live == d / align * align + label)
    } else {
        live == desired.div_ceil(align) * align
    }
}
