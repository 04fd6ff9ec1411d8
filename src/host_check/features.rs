//! `<features>`, `<genid>`, disk `<backingStore>` input and `<launchSecurity>`.
//!
//! libvirt's QEMU driver refuses a feature QEMU lacks: `<ps2 state>` ("ps2 feature
//! state cannot be controlled with this QEMU binary"), `<async-teardown
//! enabled='yes'>`, `<vmcoreinfo state='on'>` ("vmcoreinfo is not available with
//! this QEMU binary"), `<genid>` ("this QEMU does not support the 'genid'
//! capability"), a GIC version the host lacks, a Hyper-V enlightenment QEMU does not
//! know (libvirt never lists `evmcs`, which is not judged), a launch security type the host cannot provide ("SEV launch security is not
//! supported with this QEMU binary"), and SGX EPC memory on a host without SGX. A
//! disk's `<backingStore>` given as input is ignored where `backingStoreInput` is
//! unsupported, which loses what the domain says, so it is reported too.
//! `<domainCapabilities><features>` says which of these the host supports.

use super::{indexed, HostCheck};
use crate::caps::Supported;
use crate::devices::{Device, MemoryDeviceModel};
use crate::domain::Domain;
use crate::features::{FeatureState, Hyperv};
use crate::validate::device_path;
use crate::values::{OnOff, YesNo};

/// Hyper-V enlightenments libvirt never lists in the `features` enum.
const UNREPORTED_HYPERV: &[&str] = &["evmcs"];

pub(super) fn check(check: &mut HostCheck<'_>, domain: &Domain) {
    let Some(caps) = check.caps.features.as_ref() else {
        return;
    };
    let unsupported = |s: Option<&Supported>| s.and_then(Supported::is_supported) == Some(false);
    if let Some(features) = &domain.features {
        if let (Some(gic), Some(gic_caps)) = (&features.gic, caps.gic.as_ref()) {
            if gic_caps.supported == Some(YesNo::No) {
                check.push("/domain/features/gic", "the host does not support a GIC");
            } else {
                let version = gic.version.as_ref().map(|v| v.as_str());
                // `host` asks for the host's own version, whatever it is.
                let version = version.filter(|v| *v != "host");
                let path = "/domain/features/gic/@version".to_owned();
                check.enum_value(Some(gic_caps), "version", version, path, "GIC version");
            }
        }
        let vmcoreinfo_on = state_on(features.vmcoreinfo.as_ref());
        if vmcoreinfo_on && unsupported(caps.vmcoreinfo.as_ref()) {
            check.push(
                "/domain/features/vmcoreinfo",
                "the host does not support vmcoreinfo",
            );
        }
        let teardown = features.async_teardown.as_ref().and_then(|a| a.enabled);
        if teardown == Some(YesNo::Yes) && unsupported(caps.async_teardown.as_ref()) {
            check.push(
                "/domain/features/async-teardown/@enabled",
                "the host's QEMU does not support asynchronous teardown",
            );
        }
        let ps2 = features.ps2.as_ref().and_then(|p| p.state);
        if ps2.is_some() && unsupported(caps.ps2.as_ref()) {
            check.push(
                "/domain/features/ps2/@state",
                "the host's QEMU cannot turn the PS/2 controller on or off",
            );
        }
        if let (Some(hyperv), Some(hv_caps)) = (&features.hyperv, caps.hyperv.as_ref()) {
            let enabled = hyperv_enabled(hyperv);
            if hv_caps.supported == Some(YesNo::No) && !enabled.is_empty() {
                check.push(
                    "/domain/features/hyperv",
                    "the host does not support Hyper-V enlightenments",
                );
            } else if let Some(list) = hv_caps.get("features") {
                for name in enabled
                    .into_iter()
                    .filter(|n| !UNREPORTED_HYPERV.contains(n))
                {
                    check.listed(
                        Some(list),
                        Some(name),
                        format!("/domain/features/hyperv/{name}"),
                        "Hyper-V enlightenment",
                    );
                }
            }
        }
    }
    if domain.genid.is_some() && unsupported(caps.genid.as_ref()) {
        check.push(
            "/domain/genid",
            "the host's QEMU does not support a VM generation id",
        );
    }
    launch_security(check, domain);
    let Some(devices) = &domain.devices else {
        return;
    };
    let list = &devices.devices;
    let disks = list.iter().filter(|d| matches!(d, Device::Disk(_))).count();
    let mut disk_index = 0;
    for (index, device) in list.iter().enumerate() {
        match device {
            Device::Disk(disk) => {
                let given = disk
                    .backing_store
                    .as_ref()
                    .is_some_and(|b| b.source.is_some());
                if given && unsupported(caps.backing_store_input.as_ref()) {
                    check.push(
                        format!(
                            "/domain/devices/{}/backingStore",
                            indexed("disk", disk_index, disks)
                        ),
                        "the host ignores <backingStore> given as input; libvirt will \
                         detect the backing chain itself",
                    );
                }
                disk_index += 1;
            }
            Device::Memory(memory) if memory.model == Some(MemoryDeviceModel::SgxEpc) => {
                let sgx = caps.sgx.as_ref().and_then(|s| s.supported);
                if sgx == Some(YesNo::No) {
                    check.push(
                        format!("{}/@model", device_path(list, index)),
                        "the host does not support SGX",
                    );
                }
            }
            _ => {}
        }
    }
}

/// `<launchSecurity type>` against the `sectype` enum, `<sev>` and `<s390-pv>`.
fn launch_security(check: &mut HostCheck<'_>, domain: &Domain) {
    let (Some(security), Some(caps)) = (&domain.launch_security, check.caps.features.as_ref())
    else {
        return;
    };
    let kind = security.kind();
    let path = "/domain/launchSecurity/@type";
    let flag = match kind {
        Some("sev") | Some("sev-snp") => caps.sev.as_ref().and_then(|s| s.supported),
        Some("s390-pv") => caps.s390_pv.as_ref().and_then(|s| s.supported),
        _ => None,
    };
    if flag == Some(YesNo::No) {
        check.push(
            path,
            format!(
                "the host does not support '{}' launch security",
                kind.unwrap_or("")
            ),
        );
        return;
    }
    if let Some(ls) = &caps.launch_security {
        if ls.supported == Some(YesNo::No) && flag.is_none() {
            check.push(path, "the host does not support launch security");
            return;
        }
        check.enum_value(
            Some(ls),
            "sectype",
            kind,
            path.into(),
            "launch security type",
        );
    }
}

fn state_on(state: Option<&FeatureState>) -> bool {
    // `<vmcoreinfo/>` without `state` means on.
    state.is_some_and(|s| s.state != Some(OnOff::Off))
}

/// The Hyper-V enlightenments turned on, by their element names.
fn hyperv_enabled(hyperv: &Hyperv) -> Vec<&'static str> {
    let on = |s: Option<OnOff>| s == Some(OnOff::On);
    let simple = |s: &Option<FeatureState>| on(s.as_ref().and_then(|f| f.state));
    let mut names = Vec::new();
    let flags = [
        ("relaxed", simple(&hyperv.relaxed)),
        ("vapic", simple(&hyperv.vapic)),
        (
            "spinlocks",
            on(hyperv.spinlocks.as_ref().and_then(|s| s.state)),
        ),
        ("vpindex", simple(&hyperv.vpindex)),
        ("runtime", simple(&hyperv.runtime)),
        ("synic", simple(&hyperv.synic)),
        ("stimer", on(hyperv.stimer.as_ref().and_then(|s| s.state))),
        ("reset", simple(&hyperv.reset)),
        (
            "vendor_id",
            on(hyperv.vendor_id.as_ref().and_then(|s| s.state)),
        ),
        ("frequencies", simple(&hyperv.frequencies)),
        ("reenlightenment", simple(&hyperv.reenlightenment)),
        (
            "tlbflush",
            on(hyperv.tlbflush.as_ref().and_then(|s| s.state)),
        ),
        ("ipi", simple(&hyperv.ipi)),
        ("evmcs", simple(&hyperv.evmcs)),
        ("avic", simple(&hyperv.avic)),
        ("emsr_bitmap", simple(&hyperv.emsr_bitmap)),
        ("xmm_input", simple(&hyperv.xmm_input)),
    ];
    for (name, enabled) in flags {
        if enabled {
            names.push(name);
        }
    }
    names
}
