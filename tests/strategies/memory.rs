//! Sizes and units, `<memory>`, `<maxMemory>`, `<currentMemory>`, `<memoryBacking>`
//! (src/units.rs, src/memory.rs).

use libvirt_domain::memory::{
    CurrentMemory, Discard, HugePage, Hugepages, Locked, MaxMemory, Memory, MemoryAccess,
    MemoryAccessMode, MemoryAllocation, MemoryAllocationMode, MemoryBacking, MemorySource,
    MemorySourceType, NoSharePages,
};
use libvirt_domain::units::Unit;
use proptest::prelude::*;
use proptest::sample::select;

use super::values::{on_off, text, u64_value};
use super::xml::{extra, extra_beside_text};
use super::{list, opt};

/// A unit in any spelling libvirt accepts (`b`, `bytes`, `k`, `KiB`, `kB`, `GIB`, …):
/// units keep their spelling.
pub fn unit() -> BoxedStrategy<Unit> {
    let spelling = prop_oneof![
        select(vec!["b", "byte", "bytes"]).prop_map(str::to_owned),
        (
            select(vec!['k', 'm', 'g', 't', 'p', 'e']),
            select(vec!["", "ib", "b"])
        )
            .prop_map(|(letter, suffix)| format!("{letter}{suffix}")),
    ];
    (spelling, any::<u8>())
        .prop_map(|(spelling, case)| {
            let recased: String = spelling
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if case & (1 << (i % 8)) != 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            recased.parse::<Unit>().expect("a unit libvirt accepts")
        })
        .boxed()
}

/// `value` brought down to the largest count of `unit` (KiB when absent) whose byte
/// count fits in a `u64`: reading refuses larger sizes.
fn fitting(value: u64, unit: &Option<Unit>) -> u64 {
    let multiplier = unit.as_ref().map_or(1024, Unit::multiplier);
    value.min(u64::MAX / multiplier)
}

/// `<memory>`.
pub fn memory() -> BoxedStrategy<Memory> {
    structure!(Memory {
        dump_core: opt(on_off()),
        unit: opt(unit()),
        value: u64_value(),
        extra: extra_beside_text(),
    })
    .prop_map(|mut m| {
        m.value = fitting(m.value, &m.unit);
        m
    })
    .boxed()
}

/// `<maxMemory>`.
pub fn max_memory() -> BoxedStrategy<MaxMemory> {
    structure!(MaxMemory {
        slots: opt(any::<u32>()),
        unit: opt(unit()),
        value: u64_value(),
        extra: extra_beside_text(),
    })
    .prop_map(|mut m| {
        m.value = fitting(m.value, &m.unit);
        m
    })
    .boxed()
}

/// `<currentMemory>`.
pub fn current_memory() -> BoxedStrategy<CurrentMemory> {
    structure!(CurrentMemory {
        unit: opt(unit()),
        value: u64_value(),
        extra: extra_beside_text(),
    })
    .prop_map(|mut m| {
        m.value = fitting(m.value, &m.unit);
        m
    })
    .boxed()
}

fn huge_page() -> BoxedStrategy<HugePage> {
    structure!(HugePage {
        size: u64_value(),
        unit: opt(unit()),
        nodeset: opt(text()),
        extra: extra(),
    })
    .prop_map(|mut p| {
        p.size = fitting(p.size, &p.unit);
        p
    })
    .boxed()
}

fn hugepages() -> BoxedStrategy<Hugepages> {
    structure!(Hugepages {
        pages: list(huge_page()),
        extra: extra(),
    })
}

/// `<memoryBacking>`.
pub fn memory_backing() -> BoxedStrategy<MemoryBacking> {
    structure!(MemoryBacking {
        hugepages: opt(hugepages()),
        nosharepages: opt(structure!(NoSharePages { extra: extra() })),
        locked: opt(structure!(Locked { extra: extra() })),
        source: opt(structure!(MemorySource {
            kind: opt(value_enum!(MemorySourceType)),
            extra: extra(),
        })),
        access: opt(structure!(MemoryAccess {
            mode: opt(value_enum!(MemoryAccessMode)),
            extra: extra(),
        })),
        allocation: opt(structure!(MemoryAllocation {
            mode: opt(value_enum!(MemoryAllocationMode)),
            threads: opt(any::<u32>()),
            extra: extra(),
        })),
        discard: opt(structure!(Discard { extra: extra() })),
        extra: extra(),
    })
}
