//! CPU, tuning and NUMA rules (formatdomain: "CPU Allocation", "CPU Tuning", "CPU
//! model and topology", "NUMA Node Tuning").

use std::collections::BTreeSet;

use super::disks::iothread_ids;
use super::util::{child, parse_bitmap};
use super::{Checker, Rule};
use crate::cpu::{CpuCacheMode, CpuMode, MaxPhysAddrMode, VcpuPlacement};
use crate::tuning::{NumaPlacement, NumaTuneMode};

pub(super) const RULES: &[Rule] = &[
    vcpu_count,
    topology,
    cache_level,
    maxphysaddr_bits,
    bitmaps,
    vcpusched_disjoint,
    iothreadsched_ids_exist,
    vcpupin_ids_exist,
    numa_cells,
    features_need_model,
    numatune_static_needs_nodeset,
    memnodes_need_cells,
    memnodes_not_auto,
    restrictive_modes_agree,
];

/// `<vcpu>` count above 0, `current` ≤ count (libvirt: "maximum vCPU count must not
/// be less than current vCPU count").
fn vcpu_count(c: &mut Checker<'_>) {
    let Some(vcpu) = &c.domain.vcpu else { return };
    if vcpu.count == 0 {
        let placement = match vcpu.placement.as_ref().map(|p| p.as_str()) {
            Some(p) => format!("placement='{p}' "),
            None => String::new(),
        };
        c.error(
            "/domain/vcpu",
            format!("{placement}needs a vCPU count above 0"),
        );
    } else if let Some(current) = vcpu.current.filter(|n| *n > vcpu.count) {
        c.error(
            "/domain/vcpu/@current",
            format!("{current} is more than the maximum of {} vCPUs", vcpu.count),
        );
    }
}

/// Topology factors above 0 ("Zero is not permitted"), and their product equals the
/// `<vcpu>` count (QEMU driver: "CPU topology doesn't match maximum vcpu count").
fn topology(c: &mut Checker<'_>) {
    let Some(topology) = c.domain.cpu.as_ref().and_then(|cpu| cpu.topology.as_ref()) else {
        return;
    };
    let factors = [
        ("sockets", "socket", topology.sockets),
        ("dies", "die", topology.dies),
        ("clusters", "cluster", topology.clusters),
        ("cores", "core", topology.cores),
        ("threads", "thread", topology.threads),
    ];
    let mut zero = false;
    for (attr, _, value) in factors {
        if value == Some(0) {
            zero = true;
            c.error(
                format!("/domain/cpu/topology/@{attr}"),
                "0 is not permitted; libvirt needs at least 1",
            );
        }
    }
    let Some(vcpu) = c.domain.vcpu.as_ref().filter(|v| v.count > 0) else {
        return;
    };
    if zero {
        return;
    }
    let terms: Vec<String> = factors
        .iter()
        .filter_map(|(plural, singular, value)| {
            let n = (*value)?;
            Some(format!("{n} {}", if n == 1 { singular } else { plural }))
        })
        .collect();
    let terms = if terms.is_empty() {
        "no factors".to_owned()
    } else {
        terms.join(" × ")
    };
    match topology.vcpus() {
        None => c.error(
            "/domain/cpu/topology",
            format!("{terms} is more vCPUs than a 32-bit count holds"),
        ),
        Some(product) if product != vcpu.count => c.error(
            "/domain/cpu/topology",
            format!("{terms} = {product}, but <vcpu> is {}", vcpu.count),
        ),
        Some(_) => {}
    }
}

/// `<cache mode='emulate'>` needs `level='3'`; `passthrough` and `disable` take no
/// level (QEMU driver: "CPU cache mode 'emulate' can only be used with level='3'",
/// "unsupported CPU cache level for mode 'passthrough'").
fn cache_level(c: &mut Checker<'_>) {
    let Some(cache) = c.domain.cpu.as_ref().and_then(|cpu| cpu.cache.as_ref()) else {
        return;
    };
    if !c.qemu() {
        return;
    }
    match (&cache.mode, cache.level) {
        (Some(CpuCacheMode::Emulate), Some(level)) if level != 3 => c.error(
            "/domain/cpu/cache/@level",
            format!(
                "is {level}, but mode='emulate' emulates the level 3 cache only; set level='3'"
            ),
        ),
        (Some(mode @ (CpuCacheMode::Passthrough | CpuCacheMode::Disable)), Some(_)) => c.error(
            "/domain/cpu/cache/@level",
            format!("mode='{mode}' takes no level; remove it"),
        ),
        _ => {}
    }
}

/// `<maxphysaddr bits>` goes with `mode='emulate'` only (QEMU driver: "CPU maximum
/// physical address bits number specification cannot be used with
/// mode='passthrough'").
fn maxphysaddr_bits(c: &mut Checker<'_>) {
    let Some(max) = c
        .domain
        .cpu
        .as_ref()
        .and_then(|cpu| cpu.maxphysaddr.as_ref())
    else {
        return;
    };
    if max.mode == Some(MaxPhysAddrMode::Passthrough) && max.bits.is_some() {
        c.error(
            "/domain/cpu/maxphysaddr/@bits",
            "mode='passthrough' takes the host's width; remove bits or use mode='emulate'",
        );
    }
}

/// CPU and node lists use libvirt's bitmap syntax and are not empty (libvirt: "Failed
/// to parse bitmap", "Invalid value of 'nodeset'").
fn bitmaps(c: &mut Checker<'_>) {
    let domain = c.domain;
    let mut lists: Vec<(String, &str)> = Vec::new();
    if let Some(cpuset) = domain.vcpu.as_ref().and_then(|v| v.cpuset.as_deref()) {
        lists.push(("/domain/vcpu/@cpuset".into(), cpuset));
    }
    if let Some(tune) = &domain.cputune {
        for (i, pin) in tune.vcpupins.iter().enumerate() {
            let at = child("/domain/cputune", "vcpupin", i, tune.vcpupins.len());
            lists.push((format!("{at}/@cpuset"), &pin.cpuset));
        }
        if let Some(pin) = &tune.emulatorpin {
            lists.push(("/domain/cputune/emulatorpin/@cpuset".into(), &pin.cpuset));
        }
        for (i, pin) in tune.iothreadpins.iter().enumerate() {
            let at = child("/domain/cputune", "iothreadpin", i, tune.iothreadpins.len());
            lists.push((format!("{at}/@cpuset"), &pin.cpuset));
        }
    }
    if let Some(numatune) = &domain.numatune {
        if let Some(nodeset) = numatune.memory.as_ref().and_then(|m| m.nodeset.as_deref()) {
            lists.push(("/domain/numatune/memory/@nodeset".into(), nodeset));
        }
        for (i, node) in numatune.memnodes.iter().enumerate() {
            if let Some(nodeset) = node.nodeset.as_deref() {
                let at = child("/domain/numatune", "memnode", i, numatune.memnodes.len());
                lists.push((format!("{at}/@nodeset"), nodeset));
            }
        }
    }
    for (path, text) in lists {
        match parse_bitmap(text) {
            None => c.error(
                path,
                format!("{text:?} is not a list of numbers and ranges (such as '0-3,^2,6')"),
            ),
            Some(set) if set.is_empty() => c.error(
                path,
                format!("{text:?} leaves no CPU or node; name at least one"),
            ),
            Some(_) => {}
        }
    }
}

/// `<vcpusched>` elements name disjoint vCPU sets (libvirt: "'vcpusched' attributes
/// 'vcpus' must not overlap").
fn vcpusched_disjoint(c: &mut Checker<'_>) {
    let Some(tune) = &c.domain.cputune else {
        return;
    };
    let mut seen = BTreeSet::new();
    for (i, sched) in tune.vcpuscheds.iter().enumerate() {
        let Some(set) = sched.vcpus.as_deref().and_then(parse_bitmap) else {
            continue;
        };
        if let Some(cpu) = set.iter().find(|v| seen.contains(*v)) {
            c.error(
                format!(
                    "{}/@vcpus",
                    child("/domain/cputune", "vcpusched", i, tune.vcpuscheds.len())
                ),
                format!("vCPU {cpu} already has a scheduler; make the sets disjoint"),
            );
        }
        seen.extend(set);
    }
}

/// `<iothreadpin iothread>` and `<iothreadsched iothreads>` name I/O threads the
/// domain has (libvirt: "Cannot find 'iothread'"): the ids of `<iothreadids>`, else 1
/// to `<iothreads>`.
fn iothreadsched_ids_exist(c: &mut Checker<'_>) {
    let Some(tune) = &c.domain.cputune else {
        return;
    };
    let ids = iothread_ids(c);
    for (i, pin) in tune.iothreadpins.iter().enumerate() {
        if !ids.contains(&pin.iothread) {
            c.error(
                format!(
                    "{}/@iothread",
                    child("/domain/cputune", "iothreadpin", i, tune.iothreadpins.len())
                ),
                format!(
                    "names I/O thread {}, which the domain does not have",
                    pin.iothread
                ),
            );
        }
    }
    for (i, sched) in tune.iothreadscheds.iter().enumerate() {
        let Some(set) = sched.iothreads.as_deref().and_then(parse_bitmap) else {
            continue;
        };
        if let Some(missing) = set.iter().find(|id| !ids.contains(id)) {
            c.error(
                format!(
                    "{}/@iothreads",
                    child(
                        "/domain/cputune",
                        "iothreadsched",
                        i,
                        tune.iothreadscheds.len()
                    )
                ),
                format!("names I/O thread {missing}, which the domain does not have"),
            );
        }
    }
}

/// `<numatune><memory placement='static'>` needs a `nodeset` (libvirt: "nodeset for
/// NUMA memory tuning must be set if 'placement' is 'static'").
fn numatune_static_needs_nodeset(c: &mut Checker<'_>) {
    let Some(memory) = c.domain.numatune.as_ref().and_then(|n| n.memory.as_ref()) else {
        return;
    };
    if memory.placement == Some(NumaPlacement::Static) && memory.nodeset.is_none() {
        c.error(
            "/domain/numatune/memory/@nodeset",
            "missing; placement='static' needs the host nodes (or use placement='auto')",
        );
    }
}

/// `<memnode>` needs guest NUMA cells, and its `cellid` names one (libvirt: "Element
/// 'memnode' is invalid without any guest NUMA cells", "Invalid 'cellid' attribute in
/// memnode element").
fn memnodes_need_cells(c: &mut Checker<'_>) {
    let Some(numatune) = &c.domain.numatune else {
        return;
    };
    let cells = c
        .domain
        .cpu
        .as_ref()
        .and_then(|cpu| cpu.numa.as_ref())
        .map_or(0, |n| n.cells.len());
    let count = numatune.memnodes.len();
    for (i, node) in numatune.memnodes.iter().enumerate() {
        let path = child("/domain/numatune", "memnode", i, count);
        if cells == 0 {
            c.error(
                path,
                "needs guest NUMA cells (<cpu><numa>); add them or remove <memnode>",
            );
        } else if node.cellid as usize >= cells {
            c.error(
                format!("{path}/@cellid"),
                format!(
                    "{} is not a guest NUMA cell (the domain has {cells})",
                    node.cellid
                ),
            );
        }
    }
}

/// `<memnode>` does not go with automatic placement (libvirt: "Per-node binding is not
/// compatible with automatic NUMA placement."), which `placement='auto'` asks for, or
/// `<vcpu placement='auto'>` when `<memory>` has no nodeset.
fn memnodes_not_auto(c: &mut Checker<'_>) {
    let Some(numatune) = &c.domain.numatune else {
        return;
    };
    if numatune.memnodes.is_empty() {
        return;
    }
    let memory = numatune.memory.as_ref();
    let auto = match memory.and_then(|m| m.placement.as_ref()) {
        Some(placement) => *placement == NumaPlacement::Auto,
        None => {
            memory.and_then(|m| m.nodeset.as_ref()).is_none()
                && c.domain.vcpu.as_ref().and_then(|v| v.placement.as_ref())
                    == Some(&VcpuPlacement::Auto)
        }
    };
    if auto {
        let count = numatune.memnodes.len();
        c.error(
            child("/domain/numatune", "memnode", 0, count),
            "per-node binding does not go with automatic placement; use placement='static' \
             with a nodeset, or remove <memnode>",
        );
    }
}

/// `mode='restrictive'` is used on `<memory>` and every `<memnode>`, or on none
/// (libvirt: "'restrictive' mode is required in memnode element when mode is
/// 'restrictive' in memory element").
fn restrictive_modes_agree(c: &mut Checker<'_>) {
    let Some(numatune) = &c.domain.numatune else {
        return;
    };
    let memory_mode = numatune.memory.as_ref().and_then(|m| m.mode.as_ref());
    let restrictive = memory_mode == Some(&NumaTuneMode::Restrictive);
    let count = numatune.memnodes.len();
    for (i, node) in numatune.memnodes.iter().enumerate() {
        let node_restrictive = node.mode.as_ref() == Some(&NumaTuneMode::Restrictive);
        if restrictive != node_restrictive {
            let path = format!("{}/@mode", child("/domain/numatune", "memnode", i, count));
            if restrictive {
                c.error(
                    path,
                    "must be 'restrictive' like <memory mode='restrictive'>",
                );
            } else {
                c.error(path, "'restrictive' needs <memory mode='restrictive'> too");
            }
        }
    }
}

/// `<vcpupin vcpu>` names a vCPU the domain has (libvirt: "invalid vcpu '4' in
/// vcpupin").
fn vcpupin_ids_exist(c: &mut Checker<'_>) {
    let (Some(tune), Some(vcpu)) = (&c.domain.cputune, &c.domain.vcpu) else {
        return;
    };
    for (i, pin) in tune.vcpupins.iter().enumerate() {
        if pin.vcpu >= vcpu.count {
            c.error(
                format!(
                    "{}/@vcpu",
                    child("/domain/cputune", "vcpupin", i, tune.vcpupins.len())
                ),
                format!(
                    "{} is not a vCPU of this {}-vCPU domain",
                    pin.vcpu, vcpu.count
                ),
            );
        }
    }
}

/// Guest NUMA cells are numbered 0, 1, … (in any order), have disjoint vCPU sets, and name
/// vCPUs the domain has (libvirt: "Exactly one 'cell' element per guest NUMA cell
/// allowed, non-contiguous ranges or ranges not starting from 0 are not allowed",
/// "NUMA cells 1 and 0 have overlapping vCPU ids", "Number of CPUs in <numa> exceeds
/// the <vcpu> count").
fn numa_cells(c: &mut Checker<'_>) {
    let Some(numa) = c.domain.cpu.as_ref().and_then(|cpu| cpu.numa.as_ref()) else {
        return;
    };
    let count = numa.cells.len();
    let vcpus = c.domain.vcpu.as_ref().map(|v| v.count);
    let mut seen: Vec<BTreeSet<u32>> = Vec::new();
    for (i, cell) in numa.cells.iter().enumerate() {
        let path = child("/domain/cpu/numa", "cell", i, count);
        let id = cell.id.unwrap_or(i as u32);
        if id as usize >= count || numa.cells[..i].iter().any(|o| o.id == Some(id)) {
            c.error(
                format!("{path}/@id"),
                format!(
                    "{id} is out of place; the {count} cells are numbered 0 to {}, once each",
                    count - 1
                ),
            );
        }
        let Some(cpus) = cell
            .cpus
            .as_deref()
            .filter(|s| !s.is_empty())
            .and_then(parse_bitmap)
        else {
            continue;
        };
        if let Some(other) = seen.iter().position(|s| !s.is_disjoint(&cpus)) {
            c.error(
                format!("{path}/@cpus"),
                format!("shares vCPUs with cell {other}; give each vCPU to one cell"),
            );
        }
        if let (Some(max), Some(vcpus)) = (cpus.last(), vcpus) {
            if *max >= vcpus {
                c.error(
                    format!("{path}/@cpus"),
                    format!("names vCPU {max}, but the domain has {vcpus}"),
                );
            }
        }
        seen.push(cpus);
    }
}

/// CPU features refine a named model (libvirt: "Non-empty feature list specified
/// without CPU model"), except in the host-based modes.
fn features_need_model(c: &mut Checker<'_>) {
    let Some(cpu) = &c.domain.cpu else { return };
    let custom = matches!(cpu.mode, None | Some(CpuMode::Custom));
    let named = cpu.model.as_ref().and_then(|m| m.name.as_ref()).is_some();
    if custom && !named && !cpu.features.is_empty() {
        c.error(
            "/domain/cpu/model",
            "missing; CPU features refine a model, so name one or use mode='host-model'",
        );
    }
}
