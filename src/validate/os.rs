//! OS, firmware, boot and hypervisor-feature rules (formatdomain: "Operating system
//! booting", "Hypervisor features").

use std::collections::HashMap;

use super::util::child;
use super::{Checker, Rule};
use crate::devices::{Boot, Device};
use crate::features::Features;
use crate::os::{Arch, FirmwareFeatureName, LoaderType, OsFirmware};
use crate::values::{OnOff, YesNo};

pub(super) const RULES: &[Rule] = &[
    nvram_source_type,
    uefi_needs_acpi,
    acpi_needs_uefi_on_arm,
    no_acpi_on_s390,
    secure_boot,
    bios_has_no_nvram,
    nvram_needs_pflash,
    stateless_has_no_nvram,
    firmware_features_need_autoselection,
    enrolled_keys_need_secure_boot,
    hyperv_spinlocks,
    hyperv_dependencies,
    gic_on_arm_only,
    pseries_features,
    vmport_needs_ps2,
    boot_orders,
    loadparm,
];

/// Hyper-V's least spinlock retry count that libvirt accepts.
const MIN_SPINLOCK_RETRIES: u32 = 4095;

/// The longest s390 boot `loadparm` libvirt accepts.
const MAX_LOADPARM_LEN: usize = 8;

fn features<'a>(c: &Checker<'a>) -> Option<&'a Features> {
    c.domain.features.as_deref()
}

/// Whether the guest boots UEFI: `firmware='efi'`, or a `pflash` loader.
fn uefi(c: &Checker<'_>) -> bool {
    let Some(os) = &c.domain.os else { return false };
    os.firmware == Some(OsFirmware::Efi)
        || os
            .loader
            .as_ref()
            .is_some_and(|l| l.kind == Some(LoaderType::Pflash))
}

/// The `type` of `<os><nvram>` matches its source variant (libvirt reads `<source>` by
/// that `type`).
fn nvram_source_type(c: &mut Checker<'_>) {
    if let Some(nvram) = c.domain.os.as_ref().and_then(|os| os.nvram.as_ref()) {
        nvram.check_source_type("/domain/os/nvram", &mut c.problems);
    }
}

/// UEFI on x86 needs `<acpi/>` (QEMU driver: "UEFI requires ACPI on this
/// architecture"). Without an arch libvirt uses the host's, taken here as x86-64.
fn uefi_needs_acpi(c: &mut Checker<'_>) {
    let x86 = c.arch().is_none() || c.is_x86();
    if c.qemu() && x86 && uefi(c) && features(c).and_then(|f| f.acpi.as_ref()).is_none() {
        c.error(
            "/domain/features/acpi",
            "missing; UEFI firmware on x86 needs ACPI (libvirt refuses it otherwise)",
        );
    }
}

/// `<acpi/>` on Arm needs UEFI (QEMU driver: "ACPI requires UEFI on this
/// architecture").
fn acpi_needs_uefi_on_arm(c: &mut Checker<'_>) {
    let acpi = features(c).and_then(|f| f.acpi.as_ref()).is_some();
    if c.qemu() && c.arch() == Some(&Arch::Aarch64) && acpi && !uefi(c) {
        c.error(
            "/domain/features/acpi",
            "ACPI on aarch64 needs UEFI firmware; add <os firmware='efi'> or remove <acpi/>",
        );
    }
}

/// s390 machines have no ACPI (QEMU driver, when it updates the ABI of a new domain:
/// "machine type 's390-ccw-virtio' does not support ACPI"). libvirt drops it from a
/// domain it already has, so this is a warning.
fn no_acpi_on_s390(c: &mut Checker<'_>) {
    if c.qemu() && c.is_s390() && features(c).and_then(|f| f.acpi.as_ref()).is_some() {
        c.warning(
            "/domain/features/acpi",
            "s390 machines have no ACPI; remove it",
        );
    }
}

/// Secure Boot needs a q35 machine, x86_64 and SMM (QEMU driver: "Secure boot is
/// supported with q35 machine types only", "Secure boot requires SMM feature
/// enabled"); with firmware auto-selection libvirt turns SMM on itself unless it is off.
fn secure_boot(c: &mut Checker<'_>) {
    let Some(os) = &c.domain.os else { return };
    if !c.qemu()
        || !os
            .loader
            .as_ref()
            .is_some_and(|l| l.secure == Some(YesNo::Yes))
    {
        return;
    }
    let machine = c.machine();
    if machine.is_some_and(|m| m != "q35" && !m.starts_with("pc-q35")) {
        c.error(
            "/domain/os/type/@machine",
            format!(
                "is {:?}, but Secure Boot (<loader secure='yes'>) needs a q35 machine",
                machine.unwrap_or_default()
            ),
        );
    }
    if let Some(arch) = c.arch().filter(|a| **a != Arch::X86_64) {
        c.error(
            "/domain/os/type/@arch",
            format!(
                "is {:?}, but libvirt supports Secure Boot on x86_64 only",
                arch.as_str()
            ),
        );
    }
    let smm = features(c)
        .and_then(|f| f.smm.as_ref())
        .and_then(|s| s.state);
    if os.firmware.is_some() {
        if smm == Some(OnOff::Off) {
            c.error(
                "/domain/features/smm/@state",
                "is 'off', but Secure Boot (<loader secure='yes'>) needs SMM",
            );
        }
    } else if smm != Some(OnOff::On) {
        c.error(
            "/domain/features/smm",
            "Secure Boot (<loader secure='yes'>) without firmware auto-selection needs \
             <smm state='on'/>",
        );
    }
}

/// `firmware='bios'` keeps no NVRAM (libvirt: "firmware type 'bios' does not support
/// nvram").
fn bios_has_no_nvram(c: &mut Checker<'_>) {
    let Some(os) = &c.domain.os else { return };
    if os.firmware == Some(OsFirmware::Bios) && os.nvram.is_some() {
        c.error(
            "/domain/os/nvram",
            "BIOS firmware keeps no NVRAM; remove <nvram> or use firmware='efi'",
        );
    }
}

/// Only a `pflash` loader has NVRAM (libvirt: "Only pflash loader type permits
/// NVRAM"): a `rom` loader, or a loader of no type outside auto-selection, with
/// `<nvram>` or `stateless='no'`.
fn nvram_needs_pflash(c: &mut Checker<'_>) {
    let Some(os) = &c.domain.os else { return };
    let Some(loader) = &os.loader else { return };
    let pflash = match &loader.kind {
        Some(kind) => *kind == LoaderType::Pflash,
        None => os.firmware.is_some(),
    };
    if pflash {
        return;
    }
    if os.nvram.is_some() && loader.kind == Some(LoaderType::Rom) {
        c.error(
            "/domain/os/nvram",
            "a rom loader keeps no NVRAM; use <loader type='pflash'> or remove <nvram>",
        );
    } else if loader.stateless == Some(YesNo::No) {
        c.error(
            "/domain/os/loader/@stateless",
            "only a pflash loader keeps NVRAM; set type='pflash' or remove stateless='no'",
        );
    }
}

/// A stateless loader takes no NVRAM (libvirt: "NVRAM is not permitted when loader is
/// stateless", "NVRAM template is not permitted when loader is stateless").
fn stateless_has_no_nvram(c: &mut Checker<'_>) {
    let Some(os) = &c.domain.os else { return };
    let stateless = os
        .loader
        .as_ref()
        .is_some_and(|l| l.stateless == Some(YesNo::Yes));
    let Some(nvram) = os.nvram.as_ref().filter(|_| stateless) else {
        return;
    };
    if nvram.template.is_some() {
        c.error(
            "/domain/os/nvram/@template",
            "a stateless loader (stateless='yes') takes no NVRAM template; remove one of them",
        );
    } else {
        c.error(
            "/domain/os/nvram",
            "a stateless loader (stateless='yes') takes no NVRAM; remove one of them",
        );
    }
}

/// `<firmware><feature>` asks auto-selection to choose, so it needs `<os
/// firmware=…>` (libvirt, when it updates the ABI of a new domain: "cannot use
/// feature-based firmware autoselection when firmware autoselection is disabled").
/// libvirt keeps such a domain it already has, so this is a warning.
fn firmware_features_need_autoselection(c: &mut Checker<'_>) {
    let Some(os) = &c.domain.os else { return };
    let features = os.firmware_features.as_ref();
    if os.firmware.is_none() && features.is_some_and(|f| !f.features.is_empty()) {
        c.warning(
            "/domain/os/firmware",
            "firmware features select firmware automatically; add <os firmware='efi'> or \
             remove <firmware>",
        );
    }
}

/// `enrolled-keys` needs `secure-boot` (libvirt: "firmware feature 'enrolled-keys'
/// cannot be enabled when firmware feature 'secure-boot' is disabled").
fn enrolled_keys_need_secure_boot(c: &mut Checker<'_>) {
    let Some(features) = c
        .domain
        .os
        .as_ref()
        .and_then(|os| os.firmware_features.as_ref())
    else {
        return;
    };
    let state = |name: FirmwareFeatureName| {
        features
            .features
            .iter()
            .position(|f| f.name.as_ref() == Some(&name))
            .map(|i| (i, features.features[i].enabled))
    };
    if let (Some((i, Some(YesNo::Yes))), Some((_, Some(YesNo::No)))) = (
        state(FirmwareFeatureName::EnrolledKeys),
        state(FirmwareFeatureName::SecureBoot),
    ) {
        c.error(
            format!(
                "{}/@enabled",
                child("/domain/os/firmware", "feature", i, features.features.len())
            ),
            "enrolled keys need secure-boot; enable secure-boot or disable enrolled-keys",
        );
    }
}

/// Hyper-V spinlock retries ≥ 4095 (libvirt: "HyperV spinlock retry count must be at
/// least 4095").
fn hyperv_spinlocks(c: &mut Checker<'_>) {
    let Some(spinlocks) = features(c)
        .and_then(|f| f.hyperv.as_ref())
        .and_then(|h| h.spinlocks.as_ref())
        .filter(|s| s.state == Some(OnOff::On))
    else {
        return;
    };
    let path = "/domain/features/hyperv/spinlocks/@retries";
    match spinlocks.retries {
        None => c.error(path, "missing; libvirt needs a retry count with state='on'"),
        Some(n) if n < MIN_SPINLOCK_RETRIES => c.error(
            path,
            format!("{n} is below {MIN_SPINLOCK_RETRIES}, the least libvirt accepts"),
        ),
        Some(_) => {}
    }
}

/// Hyper-V enlightenments that build on others have them on (QEMU driver: "'synic'
/// hyperv feature requires 'vpindex' feature", "'stimer' hyperv feature requires
/// 'synic' feature").
fn hyperv_dependencies(c: &mut Checker<'_>) {
    let Some(hyperv) = features(c).and_then(|f| f.hyperv.as_ref()) else {
        return;
    };
    if !c.qemu() {
        return;
    }
    let on = |s: Option<OnOff>| s == Some(OnOff::On);
    let vpindex = on(hyperv.vpindex.as_ref().and_then(|s| s.state));
    let synic = on(hyperv.synic.as_ref().and_then(|s| s.state));
    let stimer = on(hyperv.stimer.as_ref().and_then(|s| s.state));
    if synic && !vpindex {
        c.error(
            "/domain/features/hyperv/synic",
            "SynIC needs <vpindex state='on'/>; add it",
        );
    }
    if stimer && !synic {
        c.error(
            "/domain/features/hyperv/stimer",
            "synthetic timers need <synic state='on'/>; add it",
        );
    }
}

/// `<gic>` is an Arm interrupt controller (QEMU driver: "The 'gic' feature is not
/// supported for architecture …").
fn gic_on_arm_only(c: &mut Checker<'_>) {
    if c.qemu()
        && c.arch().is_some()
        && !c.is_arm()
        && features(c).and_then(|f| f.gic.as_ref()).is_some()
    {
        c.error(
            "/domain/features/gic",
            "GIC is an Arm interrupt controller; remove it on this architecture",
        );
    }
}

/// `<hpt>`, `<htm>`, `<nested-hv>`, `<ccf-assist>`, `<cfpc>`, `<sbbc>`, `<ibs>` are
/// pSeries features (QEMU driver: "The 'hpt' feature is not supported for architecture
/// … or machine type …").
fn pseries_features(c: &mut Checker<'_>) {
    let Some(f) = features(c) else { return };
    if !c.qemu() || c.arch().is_none() || c.is_pseries() {
        return;
    }
    let present = [
        ("hpt", f.hpt.is_some()),
        ("htm", f.htm.is_some()),
        ("nested-hv", f.nested_hv.is_some()),
        ("ccf-assist", f.ccf_assist.is_some()),
        ("cfpc", f.cfpc.is_some()),
        ("sbbc", f.sbbc.is_some()),
        ("ibs", f.ibs.is_some()),
    ];
    for (name, _) in present.iter().filter(|(_, set)| *set) {
        c.error(
            format!("/domain/features/{name}"),
            "is a pSeries feature; remove it on this architecture or machine",
        );
    }
}

/// `<vmport state='on'>` needs the PS/2 controller (QEMU driver: "vmport feature
/// requires the ps2 feature not to be disabled").
fn vmport_needs_ps2(c: &mut Checker<'_>) {
    let Some(f) = features(c) else { return };
    let on = |s: &Option<crate::features::FeatureState>| s.as_ref().and_then(|s| s.state);
    if on(&f.vmport) == Some(OnOff::On) && on(&f.ps2) == Some(OnOff::Off) {
        c.error(
            "/domain/features/vmport/@state",
            "vmport needs PS/2; remove <ps2 state='off'/> or turn vmport off",
        );
    }
}

/// The `<boot>` of a device, if it has one.
fn device_boot(device: &Device) -> Option<&Boot> {
    match device {
        Device::Disk(d) => d.boot.as_deref(),
        Device::Interface(i) => i.boot.as_deref(),
        Device::Filesystem(f) => f.boot.as_ref(),
        Device::Redirdev(r) => r.boot.as_ref(),
        Device::Hostdev(h) => h.boot(),
        _ => None,
    }
}

/// Per-device boot orders are above 0 and unique, and are not mixed with `<os><boot>`
/// (libvirt: "Zero is not permitted", "boot order '1' used for more than one device",
/// "per-device boot elements cannot be used together with os/boot elements").
fn boot_orders(c: &mut Checker<'_>) {
    let mut first: HashMap<u32, String> = HashMap::new();
    let mut any = None;
    for (index, device) in c.each() {
        let Some(order) = device_boot(device).and_then(|b| b.order) else {
            continue;
        };
        let path = format!("{}/boot", c.path(index));
        any.get_or_insert_with(|| path.clone());
        if order == 0 {
            c.error(
                format!("{path}/@order"),
                "0 is not permitted; boot orders start at 1",
            );
        } else if let Some(other) = first.get(&order) {
            let other = other.clone();
            c.error(
                format!("{path}/@order"),
                format!("boot order {order} is already used by {other}"),
            );
        } else {
            first.insert(order, path);
        }
    }
    let os_boot = c.domain.os.as_ref().is_some_and(|os| !os.boot.is_empty());
    if let (true, Some(device)) = (os_boot, any) {
        c.error(
            "/domain/os/boot",
            format!(
                "cannot be combined with per-device <boot order> (as in {device}); \
                 libvirt refuses both"
            ),
        );
    }
}

/// An s390 `loadparm` has 1 to 8 characters among `A-Z`, `a-z`, `0-9`, `.` and space
/// (libvirt: "loadparm value '…' must be between 1 and 8 characters").
fn loadparm(c: &mut Checker<'_>) {
    for (index, device) in c.each() {
        let Some(value) = device_boot(device).and_then(|b| b.loadparm.as_deref()) else {
            continue;
        };
        let valid = (1..=MAX_LOADPARM_LEN).contains(&value.chars().count())
            && value
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '.' || ch == ' ');
        if !valid {
            c.error(
                format!("{}/boot/@loadparm", c.path(index)),
                format!("{value:?} is not 1 to 8 characters among letters, digits, '.' and space"),
            );
        }
    }
}
