//! `<features>` (src/features.rs).

use libvirt_domain::features::{
    Acpi, Aia, AiaValue, Apic, AsyncTeardown, Capabilities, CapabilitiesPolicy, FeatureSize,
    FeatureState, Features, Gic, GicVersion, Hpt, HptResizing, Hyperv, HypervMode, HypervSpinlocks,
    HypervStimer, HypervTlbflush, HypervVendorId, Ibs, IbsValue, Ioapic, IoapicDriver, Kvm,
    KvmDirtyRing, MitigationValue, Msrs, MsrsUnknown, Pae, Privnet, PseriesMitigation, Smm, Tcg,
    Tseg, Viridian, Xen, XenPassthrough, XenPassthroughMode,
};
use proptest::prelude::*;

use super::memory::unit;
use super::opt;
use super::values::{on_off, text, u64_value, yes_no};
use super::xml::{extra, extra_beside_text};

/// A `state='on|off'` feature.
fn state() -> BoxedStrategy<Option<FeatureState>> {
    opt(structure!(FeatureState {
        state: opt(on_off()),
        extra: extra(),
    }))
}

fn hyperv() -> BoxedStrategy<Hyperv> {
    structure!(Hyperv {
        mode: opt(value_enum!(HypervMode)),
        relaxed: state(),
        vapic: state(),
        spinlocks: opt(structure!(HypervSpinlocks {
            state: opt(on_off()),
            retries: opt(any::<u32>()),
            extra: extra(),
        })),
        vpindex: state(),
        runtime: state(),
        synic: state(),
        stimer: opt(structure!(HypervStimer {
            state: opt(on_off()),
            direct: state(),
            extra: extra(),
        })),
        reset: state(),
        vendor_id: opt(structure!(HypervVendorId {
            state: opt(on_off()),
            value: opt(text()),
            extra: extra(),
        })),
        frequencies: state(),
        reenlightenment: state(),
        tlbflush: opt(structure!(HypervTlbflush {
            state: opt(on_off()),
            direct: state(),
            extended: state(),
            extra: extra(),
        })),
        ipi: state(),
        evmcs: state(),
        avic: state(),
        emsr_bitmap: state(),
        xmm_input: state(),
        extra: extra(),
    })
}

fn kvm() -> BoxedStrategy<Kvm> {
    structure!(Kvm {
        hidden: state(),
        hint_dedicated: state(),
        poll_control: state(),
        pv_ipi: state(),
        dirty_ring: opt(structure!(KvmDirtyRing {
            state: opt(on_off()),
            size: opt(any::<u32>()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn xen() -> BoxedStrategy<Xen> {
    structure!(Xen {
        e820_host: state(),
        passthrough: opt(structure!(XenPassthrough {
            state: opt(on_off()),
            mode: opt(value_enum!(XenPassthroughMode)),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn capabilities() -> BoxedStrategy<Capabilities> {
    structure!(Capabilities {
        policy: opt(value_enum!(CapabilitiesPolicy)),
        audit_control: state(),
        audit_write: state(),
        block_suspend: state(),
        chown: state(),
        dac_override: state(),
        dac_read_search: state(),
        fowner: state(),
        fsetid: state(),
        ipc_lock: state(),
        ipc_owner: state(),
        kill: state(),
        lease: state(),
        linux_immutable: state(),
        mac_admin: state(),
        mac_override: state(),
        mknod: state(),
        net_admin: state(),
        net_bind_service: state(),
        net_broadcast: state(),
        net_raw: state(),
        setgid: state(),
        setfcap: state(),
        setpcap: state(),
        setuid: state(),
        sys_admin: state(),
        sys_boot: state(),
        sys_chroot: state(),
        sys_module: state(),
        sys_nice: state(),
        sys_pacct: state(),
        sys_ptrace: state(),
        sys_rawio: state(),
        sys_resource: state(),
        sys_time: state(),
        sys_tty_config: state(),
        syslog: state(),
        wake_alarm: state(),
        extra: extra(),
    })
}

/// `<hpt><maxpagesize>`, `<tcg><tb-cache>`.
fn feature_size() -> BoxedStrategy<FeatureSize> {
    structure!(FeatureSize {
        unit: opt(unit()),
        value: u64_value(),
        extra: extra_beside_text(),
    })
}

fn mitigation() -> BoxedStrategy<PseriesMitigation> {
    structure!(PseriesMitigation {
        value: opt(value_enum!(MitigationValue)),
        extra: extra(),
    })
}

/// `<features>`.
pub fn features() -> BoxedStrategy<Features> {
    structure!(Features {
        acpi: opt(structure!(Acpi { extra: extra() })),
        apic: opt(structure!(Apic {
            eoi: opt(on_off()),
            extra: extra(),
        })),
        pae: opt(structure!(Pae { extra: extra() })),
        hap: state(),
        viridian: opt(structure!(Viridian { extra: extra() })),
        privnet: opt(structure!(Privnet { extra: extra() })),
        hyperv: opt(hyperv()),
        kvm: opt(kvm()),
        pvspinlock: state(),
        capabilities: opt(capabilities()),
        pmu: state(),
        vmport: state(),
        gic: opt(structure!(Gic {
            version: opt(value_enum!(GicVersion)),
            extra: extra(),
        })),
        smm: opt(structure!(Smm {
            state: opt(on_off()),
            tseg: opt(structure!(Tseg {
                unit: opt(unit()),
                value: u64_value(),
                extra: extra_beside_text(),
            })),
            extra: extra(),
        })),
        ioapic: opt(structure!(Ioapic {
            driver: opt(value_enum!(IoapicDriver)),
            extra: extra(),
        })),
        hpt: opt(structure!(Hpt {
            resizing: opt(value_enum!(HptResizing)),
            maxpagesize: opt(feature_size()),
            extra: extra(),
        })),
        vmcoreinfo: state(),
        htm: state(),
        nested_hv: state(),
        msrs: opt(structure!(Msrs {
            unknown: opt(value_enum!(MsrsUnknown)),
            extra: extra(),
        })),
        ccf_assist: state(),
        xen: opt(xen()),
        cfpc: opt(mitigation()),
        sbbc: opt(mitigation()),
        ibs: opt(structure!(Ibs {
            value: opt(value_enum!(IbsValue)),
            extra: extra(),
        })),
        tcg: opt(structure!(Tcg {
            tb_cache: opt(feature_size()),
            extra: extra(),
        })),
        async_teardown: opt(structure!(AsyncTeardown {
            enabled: opt(yes_no()),
            extra: extra(),
        })),
        ras: state(),
        ps2: state(),
        aia: opt(structure!(Aia {
            value: opt(value_enum!(AiaValue)),
            extra: extra(),
        })),
        extra: extra(),
    })
}
