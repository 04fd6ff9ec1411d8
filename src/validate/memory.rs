//! Memory rules: sizes, hugepages, memory devices and shared memory (formatdomain:
//! "Memory Allocation", "Memory Backing", "Memory devices", "Shared memory device").

use std::collections::HashSet;

use super::util::{child, human, parse_bitmap};
use super::{Checker, Rule};
use crate::devices::{Device, ScaledSize};
use crate::error::{Error, Result};
use crate::memory::MemoryAccessMode;
use crate::units::Unit;

pub(super) const RULES: &[Rule] = &[
    memory_sizes,
    default_hugepage_unique,
    hugepage_nodes_exist,
    hotplug_needs_numa,
    memory_device_ranges_disjoint,
    shmem_size,
    shmem_msi_needs_server,
    numa_mem_access_known,
    memtune_limits,
    memory_devices_need_hotplug,
];

/// libvirt keeps memory sizes in KiB and refuses 2⁵³ KiB (8 EiB) or more
/// (`virDomainParseMemory`: the KiB count must stay below `LLONG_MAX / 1024`).
const MAX_MEMORY_KIB: u64 = 1 << 53;

/// The least `ivshmem` size QEMU accepts: 1 MiB.
const MIN_SHMEM_BYTES: u64 = 1 << 20;

/// Checks one size; returns its byte count when it is usable.
fn size(c: &mut Checker<'_>, path: &str, bytes: Result<u64>) -> Option<u64> {
    match bytes {
        Err(error) => {
            let message = match error {
                Error::Value { message, .. } => message,
                other => other.to_string(),
            };
            c.error(path, message);
            None
        }
        Ok(bytes) if bytes.div_ceil(1024) >= MAX_MEMORY_KIB => {
            c.error(
                path,
                format!(
                    "{} is more than libvirt accepts (below 8 EiB)",
                    human(bytes)
                ),
            );
            None
        }
        Ok(bytes) => Some(bytes),
    }
}

/// Whether the guest has NUMA cells.
fn numa_cells(c: &Checker<'_>) -> usize {
    c.domain
        .cpu
        .as_ref()
        .and_then(|cpu| cpu.numa.as_ref())
        .map_or(0, |n| n.cells.len())
}

/// `<memory>` is given (or the NUMA cells give it) and above 0 (libvirt: "Memory size
/// must be specified via <memory> or in the <numa> configuration"); sizes fit under
/// 8 EiB ("numerical overflow"); `<maxMemory>` ≥ `<memory>` ("maximum memory size
/// must be equal or greater than the actual memory size"); `<currentMemory>` ≤
/// `<memory>` (libvirt would silently lower it).
fn memory_sizes(c: &mut Checker<'_>) {
    let domain = c.domain;
    let max = domain
        .max_memory
        .as_ref()
        .and_then(|m| size(c, "/domain/maxMemory", m.bytes()));
    let memory = match &domain.memory {
        None if numa_cells(c) == 0 => {
            c.error(
                "/domain/memory",
                "missing; libvirt needs the memory size in <memory> or in the NUMA cells",
            );
            None
        }
        None => None,
        Some(m) => size(c, "/domain/memory", m.bytes()),
    };
    let current = domain
        .current_memory
        .as_ref()
        .and_then(|m| size(c, "/domain/currentMemory", m.bytes()));
    if memory == Some(0) && numa_cells(c) == 0 {
        c.error(
            "/domain/memory",
            "is 0; libvirt needs a memory size above 0",
        );
    }
    if let (Some(current), Some(memory)) = (current, memory) {
        if current > memory && numa_cells(c) == 0 {
            c.error(
                "/domain/currentMemory",
                format!(
                    "{} is more than <memory> ({})",
                    human(current),
                    human(memory)
                ),
            );
        }
    }
    if let (Some(max), Some(memory)) = (max, memory) {
        if max < memory {
            c.error(
                "/domain/maxMemory",
                format!(
                    "{} is less than <memory> ({}); libvirt refuses it",
                    human(max),
                    human(memory)
                ),
            );
        }
    }
    let pages = hugepages(c);
    for (i, page) in pages.iter().enumerate() {
        let path = child("/domain/memoryBacking/hugepages", "page", i, pages.len());
        size(c, &path, page.bytes());
    }
}

fn hugepages<'a>(c: &Checker<'a>) -> &'a [crate::memory::HugePage] {
    c.domain
        .memory_backing
        .as_ref()
        .and_then(|b| b.hugepages.as_ref())
        .map(|h| h.pages.as_slice())
        .unwrap_or_default()
}

/// At most one `<page>` covers the whole guest: one without `nodeset`, or, for a
/// guest without NUMA cells, one whose nodeset holds its only node 0 (QEMU driver: "two
/// master hugepages detected").
fn default_hugepage_unique(c: &mut Checker<'_>) {
    let pages = hugepages(c);
    let single_node = numa_cells(c) == 0;
    let mut first = None;
    for (i, page) in pages.iter().enumerate() {
        let whole = match page.nodeset.as_deref() {
            None => true,
            Some(nodeset) => single_node && parse_bitmap(nodeset).is_some_and(|n| n.contains(&0)),
        };
        if !whole {
            continue;
        }
        match first {
            None => first = Some(i),
            Some(f) => c.error(
                child("/domain/memoryBacking/hugepages", "page", i, pages.len()),
                format!(
                    "a second page size for the whole guest (the first is page[{}]); \
                     keep one",
                    f + 1
                ),
            ),
        }
    }
}

/// A `<page nodeset>` names guest NUMA cells that exist (libvirt: "hugepages: node 1
/// not found"; a guest without NUMA cells has the one node 0).
fn hugepage_nodes_exist(c: &mut Checker<'_>) {
    let pages = hugepages(c);
    let cells: HashSet<u32> = match c.domain.cpu.as_ref().and_then(|cpu| cpu.numa.as_ref()) {
        Some(numa) if !numa.cells.is_empty() => numa
            .cells
            .iter()
            .enumerate()
            .map(|(i, cell)| cell.id.unwrap_or(i as u32))
            .collect(),
        _ => HashSet::from([0]),
    };
    for (i, page) in pages.iter().enumerate() {
        let Some(nodes) = page.nodeset.as_deref().and_then(parse_bitmap) else {
            continue;
        };
        if let Some(missing) = nodes.iter().find(|n| !cells.contains(n)) {
            c.error(
                format!(
                    "{}/@nodeset",
                    child("/domain/memoryBacking/hugepages", "page", i, pages.len())
                ),
                format!("names guest NUMA node {missing}, which the domain does not have"),
            );
        }
    }
}

/// Memory hotplug (`<maxMemory>`) needs guest NUMA cells (QEMU driver: "At least one
/// numa node has to be configured when enabling memory hotplug").
fn hotplug_needs_numa(c: &mut Checker<'_>) {
    let hotplug = c
        .domain
        .max_memory
        .as_ref()
        .is_some_and(|m| m.slots.is_some_and(|s| s > 0));
    if c.qemu() && c.is_x86() && hotplug && numa_cells(c) == 0 {
        c.error(
            "/domain/cpu/numa",
            "missing; memory hotplug (<maxMemory slots>) needs at least one guest NUMA cell",
        );
    }
}

/// Bytes of a scaled size (KiB when there is no unit).
fn scaled(size: &Option<ScaledSize>) -> Option<u64> {
    size.as_ref().and_then(|s| s.bytes(&Unit::KIB).ok())
}

/// virtio memory devices placed at an explicit guest address (`<target><address
/// base>`) do not overlap (QEMU driver: "memory device address … overlaps with other
/// memory device").
fn memory_device_ranges_disjoint(c: &mut Checker<'_>) {
    let mut ranges: Vec<(u64, u64, String)> = Vec::new();
    for (i, device) in c.each() {
        let Device::Memory(mem) = device else {
            continue;
        };
        let Some(target) = &mem.target else { continue };
        let base = target
            .address
            .as_ref()
            .and_then(|a| a.base.as_ref())
            .map(|b| b.value);
        let (Some(base), Some(len)) = (base, scaled(&target.size)) else {
            continue;
        };
        let end = base.saturating_add(len);
        let path = c.path(i);
        if let Some((_, _, other)) = ranges.iter().find(|(b, e, _)| base < *e && *b < end) {
            let other = other.clone();
            c.error(
                format!("{path}/target/address"),
                format!("[{base:#x}, {end:#x}) overlaps the memory of {other}; move one of them"),
            );
        } else {
            ranges.push((base, end, path));
        }
    }
}

/// A `<shmem>` size is a power of two and at least 1 MiB (libvirt: "shmem size must be
/// a power of 2 and at least 1 MiB (1024 KiB)").
fn shmem_size(c: &mut Checker<'_>) {
    for (i, device) in c.each() {
        let Device::Shmem(shmem) = device else {
            continue;
        };
        let Some(bytes) = shmem.size.as_ref().and_then(|s| s.bytes(&Unit::BYTES).ok()) else {
            continue;
        };
        if bytes < MIN_SHMEM_BYTES || !bytes.is_power_of_two() {
            c.error(
                format!("{}/size", c.path(i)),
                format!("{} is not a power of two of at least 1 MiB", human(bytes)),
            );
        }
    }
}

/// `<msi>` on a `<shmem>` needs a `<server>` (libvirt: "msi option is only supported
/// with a server").
fn shmem_msi_needs_server(c: &mut Checker<'_>) {
    for (i, device) in c.each() {
        if let Device::Shmem(shmem) = device {
            if shmem.msi.is_some() && shmem.server.is_none() {
                c.error(
                    format!("{}/msi", c.path(i)),
                    "needs a <server>; add one or remove <msi>",
                );
            }
        }
    }
}

/// Whether guest memory is shared, as vhost-user devices need
/// (`qemuValidateDomainDefVhostUserRequireSharedMemory`): every guest NUMA cell is
/// `memAccess='shared'` or inherits a shared `<memoryBacking><access>`; without cells,
/// the latter alone decides.
pub(super) fn shared_memory(c: &Checker<'_>) -> bool {
    let backing = c
        .domain
        .memory_backing
        .as_ref()
        .and_then(|b| b.access.as_ref())
        .and_then(|a| a.mode.as_ref());
    let cells = c
        .domain
        .cpu
        .as_ref()
        .and_then(|cpu| cpu.numa.as_ref())
        .map(|n| n.cells.as_slice())
        .unwrap_or_default();
    if cells.is_empty() {
        return backing == Some(&MemoryAccessMode::Shared);
    }
    cells
        .iter()
        .all(|cell| cell.mem_access.as_ref().or(backing) == Some(&MemoryAccessMode::Shared))
}

/// A NUMA cell's `memAccess` is `shared` or `private` (libvirt: "Invalid value for
/// attribute 'memAccess' in element 'cell'").
fn numa_mem_access_known(c: &mut Checker<'_>) {
    let Some(numa) = c.domain.cpu.as_ref().and_then(|cpu| cpu.numa.as_ref()) else {
        return;
    };
    for (i, cell) in numa.cells.iter().enumerate() {
        if let Some(MemoryAccessMode::Other(value)) = &cell.mem_access {
            c.error(
                format!(
                    "{}/@memAccess",
                    child("/domain/cpu/numa", "cell", i, numa.cells.len())
                ),
                format!("{value:?} is not 'shared' or 'private'"),
            );
        }
    }
}

/// `<hard_limit>` ≥ `<soft_limit>` (libvirt: "memory hard_limit tunable value must be
/// larger than or equal to soft_limit"), and no `<min_guarantee>` for QEMU (QEMU driver:
/// "Parameter 'min_guarantee' not supported by QEMU.").
fn memtune_limits(c: &mut Checker<'_>) {
    let Some(tune) = &c.domain.memtune else {
        return;
    };
    let bytes = |l: &Option<crate::memory::MemoryLimit>| l.as_ref().and_then(|l| l.bytes().ok());
    if let (Some(hard), Some(soft)) = (bytes(&tune.hard_limit), bytes(&tune.soft_limit)) {
        if hard < soft {
            c.error(
                "/domain/memtune/hard_limit",
                format!(
                    "{} is below <soft_limit> ({}); raise it",
                    human(hard),
                    human(soft)
                ),
            );
        }
    }
    if c.qemu() && tune.min_guarantee.is_some() {
        c.error(
            "/domain/memtune/min_guarantee",
            "QEMU cannot guarantee memory; remove it",
        );
    }
}

/// Memory devices need memory hotplug (`<maxMemory>`), DIMMs fit its slots, and each
/// device's guest node exists (QEMU driver: "cannot use/hotplug a memory device when
/// domain 'maxMemory' is not defined", "memory device count '3' exceeds slots count
/// '2'", "can't add memory backend for guest node '1' as the guest has only '1' NUMA
/// nodes configured").
fn memory_devices_need_hotplug(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    let slots = c.domain.max_memory.as_ref().map(|m| m.slots.unwrap_or(0));
    let cells = numa_cells(c);
    let mut dimms = 0;
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Memory(mem) = device else {
            continue;
        };
        let model = mem.model.as_ref().map_or("", |m| m.as_str());
        if model == "sgx-epc" {
            continue;
        }
        let path = c.path(i);
        if slots.is_none() {
            wrong.push((
                path.clone(),
                "needs memory hotplug; add <maxMemory slots=…>".to_owned(),
            ));
        }
        if matches!(model, "dimm" | "nvdimm") {
            dimms += 1;
            if let Some(slots) = slots.filter(|s| dimms > *s) {
                wrong.push((
                    path.clone(),
                    format!("DIMM {dimms} does not fit the {slots} slots of <maxMemory>"),
                ));
            }
        }
        let node = mem.target.as_ref().and_then(|t| t.node);
        if let Some(node) = node.filter(|n| cells > 0 && *n as usize >= cells) {
            wrong.push((
                format!("{path}/target/node"),
                format!("{node} is not a guest NUMA node (the guest has {cells})"),
            ));
        }
    }
    for (path, message) in wrong {
        c.error(path, message);
    }
}
