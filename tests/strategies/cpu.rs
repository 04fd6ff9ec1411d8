//! `<vcpu>` and `<cpu>` (src/cpu.rs).

use libvirt_domain::cpu::{
    Cpu, CpuCache, CpuCacheMode, CpuCheck, CpuFeature, CpuFeaturePolicy, CpuMatch, CpuMode,
    CpuModel, CpuModelFallback, CpuSignature, CpuTopology, MaxPhysAddr, MaxPhysAddrMode, Vcpu,
    VcpuPlacement,
};
use proptest::prelude::*;

use super::values::{on_off, text};
use super::xml::{extra, extra_beside_text, has_elements, optional_text_survives};
use super::{list, opt};

/// `<vcpu>`.
pub fn vcpu() -> BoxedStrategy<Vcpu> {
    structure!(Vcpu {
        placement: opt(value_enum!(VcpuPlacement)),
        cpuset: opt(text()),
        current: opt(any::<u32>()),
        count: any::<u32>(),
        extra: extra_beside_text(),
    })
}

/// `<cpu><model>`.
pub fn model() -> BoxedStrategy<CpuModel> {
    structure!(CpuModel {
        fallback: opt(value_enum!(CpuModelFallback)),
        vendor_id: opt(text()),
        name: opt(text()),
        extra: extra_beside_text(),
    })
    .prop_filter("name lost as text", |m| {
        optional_text_survives(&m.name, has_elements(&m.extra))
    })
    .boxed()
}

/// `<cpu>`.
pub fn cpu() -> BoxedStrategy<Cpu> {
    structure!(Cpu {
        mode: opt(value_enum!(CpuMode)),
        match_: opt(value_enum!(CpuMatch)),
        check: opt(value_enum!(CpuCheck)),
        migratable: opt(on_off()),
        deprecated_features: opt(on_off()),
        model: opt(model()),
        vendor: opt(text()),
        signature: opt(signature()),
        topology: opt(topology()),
        cache: opt(structure!(CpuCache {
            level: opt(any::<u32>()),
            mode: opt(value_enum!(CpuCacheMode)),
            extra: extra(),
        })),
        maxphysaddr: opt(maxphysaddr()),
        features: list(feature()),
        numa: opt(super::numa::numa()),
        extra: extra(),
    })
}

/// `<cpu><signature>`.
pub fn signature() -> BoxedStrategy<CpuSignature> {
    structure!(CpuSignature {
        family: opt(any::<u32>()),
        model: opt(any::<u32>()),
        stepping: opt(any::<u32>()),
        extra: extra(),
    })
}

/// `<cpu><topology>`.
pub fn topology() -> BoxedStrategy<CpuTopology> {
    structure!(CpuTopology {
        sockets: opt(any::<u32>()),
        dies: opt(any::<u32>()),
        clusters: opt(any::<u32>()),
        cores: opt(any::<u32>()),
        threads: opt(any::<u32>()),
        extra: extra(),
    })
}

/// `<cpu><maxphysaddr>`.
pub fn maxphysaddr() -> BoxedStrategy<MaxPhysAddr> {
    structure!(MaxPhysAddr {
        mode: opt(value_enum!(MaxPhysAddrMode)),
        bits: opt(any::<u32>()),
        limit: opt(any::<u32>()),
        extra: extra(),
    })
}

/// `<cpu><feature>`.
pub fn feature() -> BoxedStrategy<CpuFeature> {
    structure!(CpuFeature {
        policy: opt(value_enum!(CpuFeaturePolicy)),
        name: text(),
        extra: extra(),
    })
}
