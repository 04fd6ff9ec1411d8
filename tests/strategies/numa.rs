//! `<cpu><numa>` (src/numa.rs).

use libvirt_domain::memory::MemoryAccessMode;
use libvirt_domain::numa::{
    CacheAssociativity, CachePolicy, InterconnectType, Interconnects, Numa, NumaBandwidth,
    NumaCache, NumaCacheSize, NumaCell, NumaDistances, NumaLatency, NumaSibling,
};
use proptest::prelude::*;

use super::memory::unit;
use super::values::{text, u64_value, yes_no};
use super::xml::extra;
use super::{list, opt};

fn cache_size() -> BoxedStrategy<NumaCacheSize> {
    structure!(NumaCacheSize {
        value: u64_value(),
        unit: opt(unit()),
        extra: extra(),
    })
}

fn cell() -> BoxedStrategy<NumaCell> {
    structure!(NumaCell {
        id: opt(any::<u32>()),
        cpus: opt(text()),
        memory: u64_value(),
        unit: opt(unit()),
        mem_access: opt(value_enum!(MemoryAccessMode)),
        discard: opt(yes_no()),
        distances: opt(distances()),
        caches: list(cache()),
        extra: extra(),
    })
}

/// `<interconnects>`.
pub fn interconnects() -> BoxedStrategy<Interconnects> {
    structure!(Interconnects {
        latencies: list(structure!(NumaLatency {
            initiator: any::<u32>(),
            target: any::<u32>(),
            cache: opt(any::<u32>()),
            kind: opt(value_enum!(InterconnectType)),
            value: u64_value(),
            extra: extra(),
        })),
        bandwidths: list(structure!(NumaBandwidth {
            initiator: any::<u32>(),
            target: any::<u32>(),
            cache: opt(any::<u32>()),
            kind: opt(value_enum!(InterconnectType)),
            value: u64_value(),
            unit: opt(unit()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<numa>`.
pub fn numa() -> BoxedStrategy<Numa> {
    structure!(Numa {
        cells: list(cell()),
        interconnects: opt(interconnects()),
        extra: extra(),
    })
}

/// `<cell><distances>`.
pub fn distances() -> BoxedStrategy<NumaDistances> {
    structure!(NumaDistances {
        siblings: list(structure!(NumaSibling {
            id: any::<u32>(),
            value: any::<u32>(),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<cell><cache>`.
pub fn cache() -> BoxedStrategy<NumaCache> {
    structure!(NumaCache {
        level: any::<u32>(),
        associativity: opt(value_enum!(CacheAssociativity)),
        policy: opt(value_enum!(CachePolicy)),
        size: opt(cache_size()),
        line: opt(cache_size()),
        extra: extra(),
    })
}
