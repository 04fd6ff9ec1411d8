//! `<vcpus>`, `<iothreadids>`, `<defaultiothread>`, `<cputune>`, `<memtune>`,
//! `<blkiotune>`, `<numatune>`, `<resource>`, `<throttlegroups>` (src/tuning/).

use libvirt_domain::memory::MemoryLimit;
use libvirt_domain::tuning::{
    BlkioDevice, BlkioTune, CacheTune, CacheTuneCache, CacheTuneMonitor, CacheType, CpuTune,
    DefaultIoThread, EmulatorPin, EmulatorSched, FibreChannel, IoThread, IoThreadIds, IoThreadPin,
    IoThreadPoll, IoThreadSched, MemNode, MemTune, MemoryTune, MemoryTuneMonitor, MemoryTuneNode,
    NumaPlacement, NumaTune, NumaTuneMemory, NumaTuneMode, Resource, Scheduler, ThrottleGroups,
    VcpuPin, VcpuSched, VcpuState, Vcpus,
};
use libvirt_domain::units::Unit;
use proptest::prelude::*;

use super::memory::unit;
use super::values::{text, u64_value, yes_no};
use super::xml::{extra, extra_beside_text};
use super::{list, opt};

/// `<vcpus>`.
pub fn vcpus() -> BoxedStrategy<Vcpus> {
    structure!(Vcpus {
        vcpus: list(structure!(VcpuState {
            id: any::<u32>(),
            enabled: opt(yes_no()),
            hotpluggable: opt(yes_no()),
            order: opt(any::<u32>()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<iothreadids>`.
pub fn iothreadids() -> BoxedStrategy<IoThreadIds> {
    structure!(IoThreadIds {
        iothreads: list(structure!(IoThread {
            id: any::<u32>(),
            thread_pool_min: opt(any::<u32>()),
            thread_pool_max: opt(any::<u32>()),
            poll: opt(structure!(IoThreadPoll {
                max: opt(u64_value()),
                grow: opt(u64_value()),
                shrink: opt(u64_value()),
                extra: extra(),
            })),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<defaultiothread>`.
pub fn defaultiothread() -> BoxedStrategy<DefaultIoThread> {
    structure!(DefaultIoThread {
        thread_pool_min: opt(any::<u32>()),
        thread_pool_max: opt(any::<u32>()),
        extra: extra(),
    })
}

fn cachetune() -> BoxedStrategy<CacheTune> {
    structure!(CacheTune {
        vcpus: text(),
        id: opt(text()),
        caches: list(structure!(CacheTuneCache {
            id: any::<u32>(),
            level: any::<u32>(),
            kind: opt(value_enum!(CacheType)),
            size: u64_value(),
            unit: opt(unit()),
            extra: extra(),
        })),
        monitors: list(structure!(CacheTuneMonitor {
            level: any::<u32>(),
            vcpus: text(),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn memorytune() -> BoxedStrategy<MemoryTune> {
    structure!(MemoryTune {
        vcpus: text(),
        nodes: list(structure!(MemoryTuneNode {
            id: any::<u32>(),
            bandwidth: any::<u32>(),
            extra: extra(),
        })),
        monitors: list(structure!(MemoryTuneMonitor {
            vcpus: text(),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<cputune>`.
pub fn cputune() -> BoxedStrategy<CpuTune> {
    let scheduler = || opt(value_enum!(Scheduler));
    structure!(CpuTune {
        shares: opt(u64_value()),
        period: opt(u64_value()),
        quota: opt(any::<i64>()),
        global_period: opt(u64_value()),
        global_quota: opt(any::<i64>()),
        emulator_period: opt(u64_value()),
        emulator_quota: opt(any::<i64>()),
        iothread_period: opt(u64_value()),
        iothread_quota: opt(any::<i64>()),
        vcpupins: list(structure!(VcpuPin {
            vcpu: any::<u32>(),
            cpuset: text(),
            extra: extra(),
        })),
        emulatorpin: opt(structure!(EmulatorPin {
            cpuset: text(),
            extra: extra(),
        })),
        iothreadpins: list(structure!(IoThreadPin {
            iothread: any::<u32>(),
            cpuset: text(),
            extra: extra(),
        })),
        emulatorsched: opt(structure!(EmulatorSched {
            scheduler: scheduler(),
            priority: opt(any::<u16>()),
            extra: extra(),
        })),
        vcpuscheds: list(structure!(VcpuSched {
            vcpus: opt(text()),
            scheduler: scheduler(),
            priority: opt(any::<u16>()),
            extra: extra(),
        })),
        iothreadscheds: list(structure!(IoThreadSched {
            iothreads: opt(text()),
            scheduler: scheduler(),
            priority: opt(any::<u16>()),
            extra: extra(),
        })),
        cachetunes: list(cachetune()),
        memorytunes: list(memorytune()),
        extra: extra(),
    })
}

/// A `<memtune>` limit whose byte count fits in a `u64` (reading refuses larger).
fn limit() -> BoxedStrategy<MemoryLimit> {
    structure!(MemoryLimit {
        unit: opt(unit()),
        value: u64_value(),
        extra: extra_beside_text(),
    })
    .prop_map(|mut m| {
        let multiplier = m.unit.as_ref().map_or(1024, Unit::multiplier);
        m.value = m.value.min(u64::MAX / multiplier);
        m
    })
    .boxed()
}

/// `<memtune>`.
pub fn memtune() -> BoxedStrategy<MemTune> {
    structure!(MemTune {
        hard_limit: opt(limit()),
        soft_limit: opt(limit()),
        min_guarantee: opt(limit()),
        swap_hard_limit: opt(limit()),
        extra: extra(),
    })
}

/// `<blkiotune>`.
pub fn blkiotune() -> BoxedStrategy<BlkioTune> {
    structure!(BlkioTune {
        weight: opt(any::<u32>()),
        devices: list(structure!(BlkioDevice {
            path: opt(text()),
            weight: opt(any::<u32>()),
            read_bytes_sec: opt(u64_value()),
            write_bytes_sec: opt(u64_value()),
            read_iops_sec: opt(any::<u32>()),
            write_iops_sec: opt(any::<u32>()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<numatune>`.
pub fn numatune() -> BoxedStrategy<NumaTune> {
    structure!(NumaTune {
        memory: opt(structure!(NumaTuneMemory {
            mode: opt(value_enum!(NumaTuneMode)),
            placement: opt(value_enum!(NumaPlacement)),
            nodeset: opt(text()),
            extra: extra(),
        })),
        memnodes: list(structure!(MemNode {
            cellid: any::<u32>(),
            mode: opt(value_enum!(NumaTuneMode)),
            nodeset: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<resource>`.
pub fn resource() -> BoxedStrategy<Resource> {
    structure!(Resource {
        partition: opt(text()),
        fibrechannel: opt(structure!(FibreChannel {
            appid: text(),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<throttlegroups>`.
pub fn throttlegroups() -> BoxedStrategy<ThrottleGroups> {
    // `<throttlegroup>` has exactly a disk `<iotune>`'s children: same type, same
    // generator.
    let group = super::devices::disk_parts::iotune();
    structure!(ThrottleGroups {
        groups: list(group),
        extra: extra(),
    })
}
