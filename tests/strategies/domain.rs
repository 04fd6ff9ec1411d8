//! `<domain>` and `<metadata>` (src/domain.rs).

use libvirt_domain::{Domain, DomainType, Metadata};
use proptest::prelude::*;

use super::values::text;
use super::xml::{extra, extra_beside_values, raw_element};
use super::{
    clock, compose, cpu, devices, events, extensions, features, list, memory, opt, os, qemu,
    security, sysinfo, tuning, Setter,
};

/// `<metadata>`: raw elements in any namespace.
pub fn metadata() -> BoxedStrategy<Metadata> {
    structure!(Metadata {
        items: list(raw_element()),
        extra: extra_beside_values(),
    })
}

/// A whole domain, built from every modelled type.
#[allow(dead_code)] // not every test binary that includes this module calls it
pub fn domain() -> BoxedStrategy<Domain> {
    compose(
        domain_fields()
            .into_iter()
            .map(|(_, field)| field)
            .collect(),
    )
}

/// The strategy of each field of [`Domain`], by field name.
pub fn domain_fields() -> Vec<(&'static str, BoxedStrategy<Setter<Domain>>)> {
    fields!(Domain {
        kind: value_enum!(DomainType),
        id: opt(any::<u32>()),
        name: opt(text()),
        uuid: opt(text()),
        hwuuid: opt(text()),
        genid: opt(text()),
        title: opt(text()),
        description: opt(text()),
        metadata: opt(metadata()),
        max_memory: opt(memory::max_memory()),
        memory: opt(memory::memory()),
        current_memory: opt(memory::current_memory()),
        blkiotune: opt(tuning::blkiotune()),
        memtune: opt(tuning::memtune()),
        memory_backing: opt(memory::memory_backing()),
        vcpu: opt(cpu::vcpu()),
        vcpus: opt(tuning::vcpus()),
        iothreads: opt(any::<u32>()),
        iothreadids: opt(tuning::iothreadids()),
        defaultiothread: opt(tuning::defaultiothread()),
        cputune: opt(tuning::cputune()),
        numatune: opt(tuning::numatune()),
        resource: opt(tuning::resource()),
        throttlegroups: opt(tuning::throttlegroups()),
        sysinfo: list(sysinfo::sysinfo()),
        bootloader: opt(text()),
        bootloader_args: opt(text()),
        os: opt(os::os()),
        idmap: opt(os::idmap()),
        features: opt(features::features().prop_map(Box::new)),
        cpu: opt(cpu::cpu()),
        clock: opt(clock::clock()),
        on_poweroff: opt(events::lifecycle_action()),
        on_reboot: opt(events::lifecycle_action()),
        on_crash: opt(events::crash_action()),
        on_lockfailure: opt(events::lock_failure_action()),
        pm: opt(events::pm()),
        perf: opt(security::perf()),
        devices: opt(devices::devices()),
        seclabel: list(security::seclabel()),
        keywrap: opt(security::keywrap()),
        launch_security: opt(security::launch_security()),
        qemu_commandline: qemu::commandline(),
        qemu_capabilities: opt(qemu::capabilities()),
        qemu_deprecation: opt(qemu::deprecation()),
        qemu_override: opt(qemu::overrides()),
        lxc_namespace: opt(extensions::lxc_namespace()),
        bhyve_commandline: opt(extensions::bhyve_commandline()),
        xen_commandline: opt(extensions::xen_commandline()),
        vmware_datacenterpath: opt(text()),
        extra: extra(),
    })
}
