//! Rules for the other devices: filesystems, TPM, RNG, panic, IOMMU, input, memory
//! balloon (formatdomain: "Filesystems", "TPM device", "Panic device", "IOMMU
//! devices", "Input devices", "Memory balloon device").

use std::collections::HashMap;

use super::memory::shared_memory;
use super::{Checker, Rule};
use crate::devices::{
    Address, Device, FsDriverType, InputBus, InputType, Iommu, IommuModel, PanicModel, TpmModel,
    TpmVersion, VirtioModel,
};
use crate::os::Arch;
use crate::values::OnOff;

pub(super) const RULES: &[Rule] = &[
    filesystem_source_and_target,
    virtiofs_needs_shared_memory,
    virtiofs_boot_needs_pci,
    single_devices,
    tpm_count,
    tpm_version_fits_arch,
    panic_model,
    panic_address,
    iommu_driver_options,
    iommu_fits_machine,
    input_transitional,
    ps2_inputs_need_ps2,
    intel_iommu_interrupts,
    vsock_cid,
    watchdog_fits_machine,
    spapr_tpm_on_pseries,
];

/// Filesystems name a source and a target, and targets are unique (libvirt: "missing
/// source information", "filesystem target 'x' specified twice").
fn filesystem_source_and_target(c: &mut Checker<'_>) {
    let mut targets: HashMap<&str, usize> = HashMap::new();
    for (i, device) in c.each() {
        let Device::Filesystem(fs) = device else {
            continue;
        };
        let path = c.path(i);
        let source = fs.source.as_ref().filter(|s| {
            s.dir.is_some()
                || s.socket.is_some()
                || s.file.is_some()
                || s.dev.is_some()
                || s.name.is_some()
                || s.usage.is_some()
        });
        if source.is_none() {
            c.error(
                format!("{path}/source"),
                "missing; libvirt needs what to share (e.g. dir)",
            );
        }
        match fs.target.as_ref().and_then(|t| t.dir.as_deref()) {
            None | Some("") => c.error(
                format!("{path}/target/@dir"),
                "missing; libvirt needs a target (the mount tag for virtiofs)",
            ),
            Some(tag) => match targets.get(tag) {
                Some(first) => c.error(
                    format!("{path}/target/@dir"),
                    format!("target {tag:?} is already used by {}", c.path(*first)),
                ),
                None => {
                    targets.insert(tag, i);
                }
            },
        }
    }
}

fn is_virtiofs(device: &Device) -> bool {
    matches!(device, Device::Filesystem(fs)
        if fs.driver.as_ref().and_then(|d| d.kind.as_ref()) == Some(&FsDriverType::Virtiofs))
}

/// virtiofs needs shared guest memory (QEMU driver: "'virtiofs' requires shared
/// memory").
fn virtiofs_needs_shared_memory(c: &mut Checker<'_>) {
    if !c.qemu() || shared_memory(c) {
        return;
    }
    let wrong: Vec<usize> = c
        .each()
        .filter(|(_, d)| is_virtiofs(d))
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            format!("{}/driver", c.path(i)),
            "virtiofs needs shared memory (<memoryBacking><access mode='shared'/>); libvirt \
             refuses it otherwise",
        );
    }
}

/// A virtiofs device boots only from PCI (QEMU driver: "setting virtiofs boot order is
/// supported only with PCI bus"); s390 guests put it on CCW by default.
fn virtiofs_boot_needs_pci(c: &mut Checker<'_>) {
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Filesystem(fs) = device else {
            continue;
        };
        if !is_virtiofs(device) || fs.boot.is_none() {
            continue;
        }
        let pci = match &fs.address {
            Some(address) => matches!(address, Address::Pci(_)),
            None => !c.is_s390(),
        };
        if !pci {
            wrong.push(i);
        }
    }
    for i in wrong {
        c.error(
            format!("{}/boot", c.path(i)),
            "a virtiofs device boots only from a PCI address; remove <boot> or place it on PCI",
        );
    }
}

/// One memory balloon and one IOMMU (libvirt: "only a single memory balloon device is
/// supported", "only a single IOMMU device is supported").
fn single_devices(c: &mut Checker<'_>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, device) in c.each() {
        if !matches!(device, Device::MemBalloon(_) | Device::Iommu(_)) {
            continue;
        }
        let name = device.element_name();
        match first.get(name) {
            Some(f) => c.error(
                c.path(i),
                format!(
                    "a second <{name}> (first: {}); libvirt supports one",
                    c.path(*f)
                ),
            ),
            None => {
                first.insert(name, i);
            }
        }
    }
}

/// One TPM and one TPM proxy at most (libvirt: "only a single TPM non-proxy device is
/// supported", "only a single TPM Proxy device is supported").
fn tpm_count(c: &mut Checker<'_>) {
    let mut first: [Option<usize>; 2] = [None, None];
    for (i, device) in c.each() {
        let Device::Tpm(tpm) = device else { continue };
        let proxy = usize::from(tpm.model == Some(TpmModel::SpaprTpmProxy));
        match first[proxy] {
            Some(f) => c.error(
                c.path(i),
                format!(
                    "a second {} (first: {}); libvirt supports one",
                    if proxy == 1 { "TPM proxy" } else { "TPM" },
                    c.path(f)
                ),
            ),
            None => first[proxy] = Some(i),
        }
    }
}

/// TPM 1.2 exists on x86 only (QEMU driver: "TPM 1.2 is not supported on architecture
/// 'aarch64'").
fn tpm_version_fits_arch(c: &mut Checker<'_>) {
    if !c.qemu() || c.arch().is_none() || c.is_x86() {
        return;
    }
    let wrong: Vec<usize> = c
        .each()
        .filter(|(_, d)| match d {
            Device::Tpm(tpm) => {
                tpm.backend.as_ref().and_then(|b| b.version.as_ref()) == Some(&TpmVersion::V1_2)
            }
            _ => false,
        })
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            format!("{}/backend/@version", c.path(i)),
            "TPM 1.2 exists on x86 only; use version='2.0'",
        );
    }
}

/// The panic model libvirt picks when none is given, for the architectures that have
/// one.
fn default_panic_model(c: &Checker<'_>) -> Option<PanicModel> {
    if c.is_x86() {
        Some(PanicModel::Isa)
    } else if c.is_pseries() {
        Some(PanicModel::Pseries)
    } else if c.is_s390() {
        Some(PanicModel::S390)
    } else if c.arch() == Some(&Arch::Aarch64) {
        Some(PanicModel::Pvpanic)
    } else {
        None
    }
}

/// A panic device has a model, or the architecture has a default (QEMU driver: "no
/// panic model provided, and no default for the architecture and machine type").
fn panic_model(c: &mut Checker<'_>) {
    if !c.qemu() || c.arch().is_none() || default_panic_model(c).is_some() {
        return;
    }
    let wrong: Vec<usize> = c
        .each()
        .filter(|(_, d)| matches!(d, Device::Panic(p) if p.model.is_none()))
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            format!("{}/@model", c.path(i)),
            "missing, and this architecture has no default panic device; name one",
        );
    }
}

/// pSeries and s390 panic devices take no address, and `pvpanic` outside x86 sits on
/// PCI (QEMU driver: "setting the panic device address is not supported for model
/// 'pseries'", "pvpanic is supported only with PCI address type").
fn panic_address(c: &mut Checker<'_>) {
    if !c.qemu() || c.arch().is_none() {
        return;
    }
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Panic(panic) = device else {
            continue;
        };
        let Some(address) = &panic.address else {
            continue;
        };
        let model = panic.model.clone().or_else(|| default_panic_model(c));
        let message = match model {
            Some(PanicModel::Pseries | PanicModel::S390) => {
                "this panic model takes no address; remove it"
            }
            Some(PanicModel::Pvpanic) if !c.is_x86() && !matches!(address, Address::Pci(_)) => {
                "pvpanic outside x86 is a PCI device; use a PCI address"
            }
            _ => continue,
        };
        wrong.push((i, message));
    }
    for (i, message) in wrong {
        c.error(format!("{}/address", c.path(i)), message);
    }
}

/// The `<driver>` options an IOMMU model does not take.
fn unsupported_iommu_options(iommu: &Iommu) -> Vec<&'static str> {
    let Some(driver) = &iommu.driver else {
        return Vec::new();
    };
    let mut options = vec![
        ("intremap", driver.intremap.is_some()),
        ("caching_mode", driver.caching_mode.is_some()),
        ("eim", driver.eim.is_some()),
        ("iotlb", driver.iotlb.is_some()),
        ("dma_translation", driver.dma_translation.is_some()),
    ];
    match iommu.model {
        Some(IommuModel::Virtio) => {}
        Some(IommuModel::Smmuv3) => options.push(("aw_bits", driver.aw_bits.is_some())),
        _ => return Vec::new(),
    }
    options
        .into_iter()
        .filter(|(_, set)| *set)
        .map(|(name, _)| name)
        .collect()
}

/// The `virtio` and `smmuv3` IOMMUs take none of the Intel driver options (QEMU
/// driver: "iommu model 'virtio' doesn't support additional attributes").
fn iommu_driver_options(c: &mut Checker<'_>) {
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Iommu(iommu) = device else {
            continue;
        };
        for option in unsupported_iommu_options(iommu) {
            wrong.push((i, option, iommu.model.clone()));
        }
    }
    for (i, option, model) in wrong {
        let model = model.map_or(String::new(), |m| m.to_string());
        c.error(
            format!("{}/driver/@{option}", c.path(i)),
            format!("the '{model}' IOMMU does not take {option}; remove it"),
        );
    }
}

/// IOMMU models fit the machine: `intel` on q35, `smmuv3` on Arm `virt`, `virtio` on
/// either (QEMU driver: "IOMMU device: 'virtio' is only supported with Q35 and ARM Virt
/// machines").
fn iommu_fits_machine(c: &mut Checker<'_>) {
    if !c.qemu() || c.arch().is_none() || c.machine().is_none() {
        return;
    }
    let (q35, virt) = (c.is_q35(), c.is_arm_virt());
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Iommu(iommu) = device else {
            continue;
        };
        let (fits, machines) = match iommu.model {
            Some(IommuModel::Intel) => (q35, "q35"),
            Some(IommuModel::Smmuv3) => (virt, "Arm virt"),
            Some(IommuModel::Virtio) => (q35 || virt, "q35 and Arm virt"),
            _ => continue,
        };
        if !fits {
            wrong.push((i, machines));
        }
    }
    for (i, machines) in wrong {
        c.error(
            format!("{}/@model", c.path(i)),
            format!("this IOMMU exists on {machines} machines only"),
        );
    }
}

/// Transitional virtio models exist for `passthrough` input only (QEMU driver:
/// "virtio (non-)transitional models are not supported for input type=keyboard").
fn input_transitional(c: &mut Checker<'_>) {
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Input(input) = device else {
            continue;
        };
        let transitional = matches!(
            input.model,
            Some(VirtioModel::VirtioTransitional | VirtioModel::VirtioNonTransitional)
        );
        if transitional && input.kind != Some(InputType::Passthrough) {
            wrong.push(i);
        }
    }
    for i in wrong {
        c.error(
            format!("{}/@model", c.path(i)),
            "(non-)transitional models are for passthrough input only; use model='virtio'",
        );
    }
}

/// PS/2 input needs the PS/2 controller (QEMU driver: "ps2 bus inputs require the ps2
/// feature not to be disabled").
fn ps2_inputs_need_ps2(c: &mut Checker<'_>) {
    let off = c
        .domain
        .features
        .as_ref()
        .and_then(|f| f.ps2.as_ref())
        .and_then(|s| s.state)
        == Some(OnOff::Off);
    if !off {
        return;
    }
    let wrong: Vec<usize> = c
        .each()
        .filter(|(_, d)| matches!(d, Device::Input(input) if input.bus == Some(InputBus::Ps2)))
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            format!("{}/@bus", c.path(i)),
            "PS/2 is off (<ps2 state='off'/>); use bus='usb' or virtio, or turn PS/2 on",
        );
    }
}

/// Intel IOMMU interrupt remapping needs the split I/O APIC, and EIM needs interrupt
/// remapping (QEMU driver: "IOMMU interrupt remapping requires split I/O APIC (ioapic
/// driver='qemu')", "IOMMU eim requires interrupt remapping to be enabled").
fn intel_iommu_interrupts(c: &mut Checker<'_>) {
    let split = c
        .domain
        .features
        .as_ref()
        .and_then(|f| f.ioapic.as_ref())
        .and_then(|i| i.driver.as_ref())
        .is_some_and(|d| d.as_str() == "qemu");
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Iommu(iommu) = device else {
            continue;
        };
        if iommu.model != Some(IommuModel::Intel) {
            continue;
        }
        let Some(driver) = &iommu.driver else {
            continue;
        };
        if driver.intremap == Some(OnOff::On) && !split {
            wrong.push((
                i,
                "intremap",
                "interrupt remapping needs <ioapic driver='qemu'/>",
            ));
        }
        if driver.eim == Some(OnOff::On) && driver.intremap != Some(OnOff::On) {
            wrong.push((i, "eim", "EIM needs intremap='on'"));
        }
    }
    for (i, attr, message) in wrong {
        c.error(format!("{}/driver/@{attr}", c.path(i)), message);
    }
}

/// The lowest guest CID: 0 to 2 are the hypervisor's and the host's.
const MIN_GUEST_CID: u32 = 3;

/// A vsock guest CID set by hand is at least 3 (libvirt: "guest CID must be greater
/// than 2").
fn vsock_cid(c: &mut Checker<'_>) {
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Vsock(vsock) = device else {
            continue;
        };
        let Some(cid) = &vsock.cid else { continue };
        let auto = cid.auto.as_ref().is_some_and(|a| a.as_str() == "yes");
        if let Some(address) = cid.address.filter(|a| !auto && *a < MIN_GUEST_CID) {
            wrong.push((i, address));
        }
    }
    for (i, address) in wrong {
        c.error(
            format!("{}/cid/@address", c.path(i)),
            format!("{address} is reserved; a guest CID is {MIN_GUEST_CID} or more"),
        );
    }
}

/// Watchdog models fit the machine: `diag288` is s390's, `itco` q35's, `ib700` and
/// `i6300esb` x86's (QEMU driver: "Watchdog model '…' is not supported …").
fn watchdog_fits_machine(c: &mut Checker<'_>) {
    if !c.qemu() || c.arch().is_none() {
        return;
    }
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Device::Watchdog(dog) = device else {
            continue;
        };
        let Some(model) = &dog.model else { continue };
        let (fits, machines) = match model.as_str() {
            "diag288" => (c.is_s390(), "s390"),
            "itco" => (c.is_q35(), "q35"),
            "ib700" => (c.is_x86(), "x86"),
            "i6300esb" => (!c.is_s390(), "PCI"),
            _ => continue,
        };
        if !fits {
            wrong.push((i, model.to_string(), machines));
        }
    }
    for (i, model, machines) in wrong {
        c.error(
            format!("{}/@model", c.path(i)),
            format!("'{model}' exists on {machines} machines only"),
        );
    }
}

/// The `tpm-spapr` and `spapr-tpm-proxy` models are pSeries devices (QEMU driver:
/// "TPM model 'tpm-spapr' is only available for … pSeries").
fn spapr_tpm_on_pseries(c: &mut Checker<'_>) {
    if !c.qemu() || c.arch().is_none() || c.is_pseries() {
        return;
    }
    let wrong: Vec<usize> = c
        .each()
        .filter(|(_, d)| {
            matches!(d, Device::Tpm(t)
                if matches!(t.model, Some(TpmModel::TpmSpapr | TpmModel::SpaprTpmProxy)))
        })
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            format!("{}/@model", c.path(i)),
            "is a pSeries TPM; use tpm-crb or tpm-tis on this machine",
        );
    }
}
