//! `<domainCapabilities>` and `<capabilities>` (src/caps/).

// Only the capabilities property tests use these.
#![allow(dead_code)]

use libvirt_domain::caps::{
    BaseLabel, CacheBank, CacheControl, CacheMonitor, CacheType, Capabilities, CapsEnum,
    CpuBlockers, CpuCaps, CpuModeCaps, CpuModelCaps, CpuModelUsable, CustomModeCaps, DevicesCaps,
    DomainCapabilities, EnumCaps, FeatureToggle, FeaturesCaps, Guest, GuestArch, GuestDomain,
    GuestFeatures, GuestMachine, Host, HostCache, HostCell, HostCellCpu, HostCellCpus,
    HostCellMemory, HostCells, HostCpu, HostCpuCounter, HostCpuFeatures, HostCpuMicrocode,
    HostModelCaps, HostTopology, Iommu, LoaderCaps, MemoryBandwidth, MemoryBandwidthControl,
    MemoryBandwidthNode, MigratableModeCaps, MigrationFeatures, MonitorFeature, OsCaps, OsType,
    Pages, PowerManagement, SecModel, SevCaps, SgxCaps, SgxSection, SgxSectionSize, SgxSections,
    Supported, UnknownCpuModeCaps, UriTransport, UriTransports, VcpuCaps,
};
use libvirt_domain::devices::Marker;
use libvirt_domain::os::Arch;
use libvirt_domain::DomainType;
use proptest::prelude::*;

use super::cpu::{feature, maxphysaddr, model, signature, topology};
use super::memory::unit;
use super::numa::{cache, distances, interconnects};
use super::values::{on_off, text, u64_value, yes_no};
use super::xml::{extra, extra_beside_text, has_elements, text_survives};
use super::{list, opt};

fn supported() -> BoxedStrategy<Supported> {
    structure!(Supported {
        supported: opt(yes_no()),
        extra: extra(),
    })
}

fn caps_enum() -> BoxedStrategy<CapsEnum> {
    structure!(CapsEnum {
        name: text(),
        values: list(text()),
        extra: extra(),
    })
}

fn enum_caps() -> BoxedStrategy<EnumCaps> {
    structure!(EnumCaps {
        supported: opt(yes_no()),
        enums: list(caps_enum()),
        extra: extra(),
    })
}

fn cpu_caps() -> BoxedStrategy<CpuCaps> {
    let migratable = || {
        structure!(MigratableModeCaps {
            supported: opt(yes_no()),
            enums: list(caps_enum()),
            extra: extra(),
        })
    };
    let host_model = structure!(HostModelCaps {
        supported: opt(yes_no()),
        model: opt(model()),
        vendor: opt(text()),
        maxphysaddr: opt(maxphysaddr()),
        features: list(feature()),
        extra: extra(),
    });
    let model_caps = structure!(CpuModelCaps {
        usable: opt(value_enum!(CpuModelUsable)),
        deprecated: opt(yes_no()),
        vendor: opt(text()),
        canonical: opt(text()),
        name: text(),
        extra: extra_beside_text(),
    })
    .prop_filter("name lost as text", |m| {
        text_survives(&m.name, has_elements(&m.extra))
    });
    let custom = structure!(CustomModeCaps {
        supported: opt(yes_no()),
        models: list(model_caps),
        blockers: list(structure!(CpuBlockers {
            model: text(),
            features: list(feature()),
            extra: extra(),
        })),
        extra: extra(),
    });
    let unknown = structure!(UnknownCpuModeCaps {
        // A known name reads back as its own variant.
        name: opt(text().prop_filter("a mode with a variant of its own", |t| {
            !["host-passthrough", "maximum", "host-model", "custom"].contains(&t.as_str())
        })),
        extra: extra(),
    });
    let mode = prop_oneof![
        migratable().prop_map(CpuModeCaps::HostPassthrough),
        migratable().prop_map(CpuModeCaps::Maximum),
        host_model.prop_map(CpuModeCaps::HostModel),
        custom.prop_map(CpuModeCaps::Custom),
        unknown.prop_map(CpuModeCaps::Other),
    ];
    structure!(CpuCaps {
        modes: list(mode),
        extra: extra(),
    })
}

fn features_caps() -> BoxedStrategy<FeaturesCaps> {
    structure!(FeaturesCaps {
        gic: opt(enum_caps()),
        vmcoreinfo: opt(supported()),
        genid: opt(supported()),
        backing_store_input: opt(supported()),
        backup: opt(supported()),
        async_teardown: opt(supported()),
        s390_pv: opt(supported()),
        ps2: opt(supported()),
        sev: opt(structure!(SevCaps {
            supported: opt(yes_no()),
            cbitpos: opt(any::<u32>()),
            reduced_phys_bits: opt(any::<u32>()),
            max_guests: opt(any::<u32>()),
            max_es_guests: opt(any::<u32>()),
            cpu0_id: opt(text()),
            extra: extra(),
        })),
        sgx: opt(structure!(SgxCaps {
            supported: opt(yes_no()),
            flc: opt(yes_no()),
            sgx1: opt(yes_no()),
            sgx2: opt(yes_no()),
            section_size: opt(structure!(SgxSectionSize {
                unit: opt(unit()),
                value: u64_value(),
                extra: extra_beside_text(),
            })),
            sections: opt(structure!(SgxSections {
                sections: list(structure!(SgxSection {
                    node: opt(any::<u32>()),
                    size: opt(u64_value()),
                    unit: opt(unit()),
                    extra: extra(),
                })),
                extra: extra(),
            })),
            extra: extra(),
        })),
        hyperv: opt(enum_caps()),
        launch_security: opt(enum_caps()),
        extra: extra(),
    })
}

/// `<domainCapabilities>`.
pub fn domain_capabilities() -> BoxedStrategy<DomainCapabilities> {
    structure!(DomainCapabilities {
        path: opt(text()),
        domain: opt(value_enum!(DomainType)),
        machine: opt(text()),
        arch: opt(value_enum!(Arch)),
        vcpu: opt(structure!(VcpuCaps {
            max: opt(any::<u32>()),
            extra: extra(),
        })),
        iothreads: opt(supported()),
        os: opt(structure!(OsCaps {
            supported: opt(yes_no()),
            enums: list(caps_enum()),
            loader: opt(structure!(LoaderCaps {
                supported: opt(yes_no()),
                values: list(text()),
                enums: list(caps_enum()),
                extra: extra(),
            })),
            extra: extra(),
        })),
        cpu: opt(cpu_caps()),
        memory_backing: opt(enum_caps()),
        devices: opt(structure!(DevicesCaps {
            disk: opt(enum_caps()),
            graphics: opt(enum_caps()),
            video: opt(enum_caps()),
            hostdev: opt(enum_caps()),
            rng: opt(enum_caps()),
            filesystem: opt(enum_caps()),
            tpm: opt(enum_caps()),
            redirdev: opt(enum_caps()),
            channel: opt(enum_caps()),
            crypto: opt(enum_caps()),
            interface: opt(enum_caps()),
            panic: opt(enum_caps()),
            extra: extra(),
        })),
        features: opt(features_caps()),
        extra: extra(),
    })
}

fn marker() -> BoxedStrategy<Marker> {
    structure!(Marker { extra: extra() })
}

fn pages() -> BoxedStrategy<Pages> {
    structure!(Pages {
        unit: opt(unit()),
        size: opt(u64_value()),
        count: opt(u64_value()),
        extra: extra_beside_text(),
    })
}

fn cache_monitor() -> BoxedStrategy<CacheMonitor> {
    structure!(CacheMonitor {
        level: opt(any::<u32>()),
        reuse_threshold: opt(u64_value()),
        max_monitors: opt(any::<u32>()),
        features: list(structure!(MonitorFeature {
            name: text(),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn host_cpu() -> BoxedStrategy<HostCpu> {
    structure!(HostCpu {
        arch: opt(value_enum!(Arch)),
        flags: opt(structure!(HostCpuFeatures {
            pae: opt(marker()),
            nonpae: opt(marker()),
            vmx: opt(marker()),
            svm: opt(marker()),
            extra: extra(),
        })),
        model: opt(text()),
        vendor: opt(text()),
        microcode: opt(structure!(HostCpuMicrocode {
            version: opt(u64_value()),
            extra: extra(),
        })),
        signature: opt(signature()),
        counter: opt(structure!(HostCpuCounter {
            name: opt(text()),
            frequency: opt(u64_value()),
            scaling: opt(yes_no()),
            extra: extra(),
        })),
        topology: opt(topology()),
        maxphysaddr: opt(maxphysaddr()),
        features: list(feature()),
        pages: list(pages()),
        extra: extra(),
    })
}

fn host_topology() -> BoxedStrategy<HostTopology> {
    let cell = structure!(HostCell {
        id: opt(any::<u32>()),
        memory: opt(structure!(HostCellMemory {
            unit: opt(unit()),
            value: u64_value(),
            extra: extra_beside_text(),
        })),
        pages: list(pages()),
        distances: opt(distances()),
        cache: list(cache()),
        cpus: opt(structure!(HostCellCpus {
            num: opt(any::<u32>()),
            cpus: list(structure!(HostCellCpu {
                id: opt(any::<u32>()),
                socket_id: opt(any::<u32>()),
                die_id: opt(any::<u32>()),
                cluster_id: opt(any::<u32>()),
                core_id: opt(any::<u32>()),
                siblings: opt(text()),
                extra: extra(),
            })),
            extra: extra(),
        })),
        extra: extra(),
    });
    structure!(HostTopology {
        cells: opt(structure!(HostCells {
            num: opt(any::<u32>()),
            cells: list(cell),
            extra: extra(),
        })),
        interconnects: opt(interconnects()),
        extra: extra(),
    })
}

fn host() -> BoxedStrategy<Host> {
    structure!(Host {
        uuid: opt(text()),
        cpu: opt(host_cpu()),
        power_management: opt(structure!(PowerManagement {
            suspend_mem: opt(marker()),
            suspend_disk: opt(marker()),
            suspend_hybrid: opt(marker()),
            extra: extra(),
        })),
        iommu: opt(structure!(Iommu {
            support: opt(yes_no()),
            extra: extra(),
        })),
        migration_features: opt(structure!(MigrationFeatures {
            live: opt(marker()),
            uri_transports: opt(structure!(UriTransports {
                transports: list(value_enum!(UriTransport)),
                extra: extra(),
            })),
            extra: extra(),
        })),
        topology: opt(host_topology()),
        cache: opt(structure!(HostCache {
            banks: list(structure!(CacheBank {
                id: opt(any::<u32>()),
                level: opt(any::<u32>()),
                kind: opt(value_enum!(CacheType)),
                size: opt(u64_value()),
                unit: opt(unit()),
                cpus: opt(text()),
                controls: list(structure!(CacheControl {
                    granularity: opt(u64_value()),
                    min: opt(u64_value()),
                    unit: opt(unit()),
                    kind: opt(value_enum!(CacheType)),
                    max_allocs: opt(any::<u32>()),
                    extra: extra(),
                })),
                extra: extra(),
            })),
            monitor: opt(cache_monitor()),
            extra: extra(),
        })),
        memory_bandwidth: opt(structure!(MemoryBandwidth {
            nodes: list(structure!(MemoryBandwidthNode {
                id: opt(any::<u32>()),
                cpus: opt(text()),
                controls: list(structure!(MemoryBandwidthControl {
                    granularity: opt(any::<u32>()),
                    min: opt(any::<u32>()),
                    max_allocs: opt(any::<u32>()),
                    extra: extra(),
                })),
                extra: extra(),
            })),
            monitor: opt(cache_monitor()),
            extra: extra(),
        })),
        secmodel: list(structure!(SecModel {
            model: opt(text()),
            doi: opt(text()),
            baselabel: list(
                structure!(BaseLabel {
                    kind: opt(text()),
                    label: text(),
                    extra: extra_beside_text(),
                })
                .prop_filter("label lost as text", |b| {
                    text_survives(&b.label, has_elements(&b.extra))
                })
            ),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn guest() -> BoxedStrategy<Guest> {
    let machine = || {
        structure!(GuestMachine {
            canonical: opt(text()),
            max_cpus: opt(any::<u32>()),
            deprecated: opt(yes_no()),
            name: text(),
            extra: extra_beside_text(),
        })
        .prop_filter("name lost as text", |m| {
            text_survives(&m.name, has_elements(&m.extra))
        })
    };
    let toggle = || {
        structure!(FeatureToggle {
            default: opt(on_off()),
            toggle: opt(yes_no()),
            extra: extra(),
        })
    };
    structure!(Guest {
        os_type: opt(value_enum!(OsType)),
        arch: opt(structure!(GuestArch {
            name: opt(value_enum!(Arch)),
            wordsize: opt(any::<u32>()),
            emulator: opt(text()),
            loader: opt(text()),
            machines: list(machine()),
            domains: list(structure!(GuestDomain {
                kind: opt(value_enum!(DomainType)),
                emulator: opt(text()),
                machines: list(machine()),
                extra: extra(),
            })),
            extra: extra(),
        })),
        features: opt(structure!(GuestFeatures {
            pae: opt(marker()),
            nonpae: opt(marker()),
            ia64_be: opt(marker()),
            acpi: opt(toggle()),
            apic: opt(toggle()),
            cpuselection: opt(marker()),
            deviceboot: opt(marker()),
            disksnapshot: opt(toggle()),
            hap: opt(toggle()),
            external_snapshot: opt(marker()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<capabilities>`.
pub fn capabilities() -> BoxedStrategy<Capabilities> {
    structure!(Capabilities {
        host: opt(host()),
        guests: list(guest()),
        extra: extra(),
    })
}
