//! `<cpu>`: the CPU mode and, for `custom`, the model.
//!
//! libvirt's QEMU driver refuses a CPU mode the hypervisor cannot provide ("CPU mode
//! 'maximum' for x86_64 kvm domain on x86_64 host is not supported by hypervisor"),
//! a `migratable` value the mode does not offer, and a `custom` model the hypervisor
//! does not know. Whether the host can run a known model (`usable` in the
//! document) depends on the host CPU, and libvirt only finds out when it starts the
//! domain; [`CustomModeCaps::model`](crate::caps::CustomModeCaps::model) gives it,
//! with the features missing, but it is not reported here.

use super::HostCheck;
use crate::caps::CpuModeCaps;
use crate::cpu::CpuMode;
use crate::domain::Domain;

pub(super) fn check(check: &mut HostCheck<'_>, domain: &Domain) {
    let (Some(cpu), Some(caps)) = (&domain.cpu, check.caps.cpu.as_ref()) else {
        return;
    };
    let mode = cpu.mode.clone().unwrap_or(CpuMode::Custom);
    let model_name = cpu.model.as_ref().and_then(|m| m.name.as_deref());
    // Without `mode` or a model, `<cpu>` only sets topology, NUMA or cache.
    if cpu.mode.is_none() && model_name.is_none() {
        return;
    }
    let Some(mode_caps) = caps.mode(mode.as_str()) else {
        return;
    };
    let path = if cpu.mode.is_some() {
        "/domain/cpu/@mode"
    } else {
        "/domain/cpu/model"
    };
    if mode_caps.is_supported() == Some(false) {
        check.push(
            path,
            format!("CPU mode '{mode}' is not supported by this host's hypervisor"),
        );
        return;
    }
    match mode_caps {
        CpuModeCaps::HostPassthrough(m) | CpuModeCaps::Maximum(m) => {
            let list = match mode {
                CpuMode::Maximum => "maximumMigratable",
                _ => "hostPassthroughMigratable",
            };
            check.listed(
                m.get(list),
                cpu.migratable.map(|v| v.as_str()),
                "/domain/cpu/@migratable".into(),
                "migratable",
            );
        }
        CpuModeCaps::Custom(custom) => {
            let Some(name) = model_name else {
                return;
            };
            if custom.models.is_empty() {
                return;
            }
            if custom.model(name).is_none() {
                check.push(
                    "/domain/cpu/model",
                    format!("CPU model '{name}' is not known to this host's hypervisor"),
                );
            }
        }
        _ => {}
    }
}
