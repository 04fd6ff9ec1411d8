//! [`DomainBuilder::host`](super::DomainBuilder::host): fit a built domain to what a
//! host's `<domainCapabilities>` offers, choosing among the alternatives Phyllome
//! accepts instead of failing.
//!
//! Each choice is one libvirt would otherwise refuse on that host: UEFI where only
//! BIOS is offered, Secure Boot without a secure loader, a TPM model the host lacks
//! when it offers the other, a memory source type the host lacks, and Hyper-V
//! enlightenments QEMU does not know. What has no alternative (a device kind the host
//! lacks) is left for [`Domain::check_host`] to report when building.

use crate::caps::DomainCapabilities;
use crate::devices::{Device, TpmModel};
use crate::domain::Domain;
use crate::features::FeatureState;
use crate::memory::MemorySourceType;
use crate::os::{FirmwareFeatureName, OsFirmware};
use crate::values::{OnOff, YesNo};

/// TPM models Phyllome uses, in order of preference.
const TPM_MODELS: &[TpmModel] = &[TpmModel::TpmCrb, TpmModel::TpmTis];

/// Memory source types that keep memory shareable (virtiofs needs it), in order of
/// preference.
const SHARED_SOURCES: &[MemorySourceType] = &[MemorySourceType::Memfd, MemorySourceType::File];

/// Change `domain` where `caps` offers an alternative to what it asks for.
pub(super) fn fit(domain: &mut Domain, caps: &DomainCapabilities) {
    firmware(domain, caps);
    tpm(domain, caps);
    memory_source(domain, caps);
    hyperv(domain, caps);
}

/// BIOS where UEFI is not offered; no Secure Boot where the loader cannot be secure.
fn firmware(domain: &mut Domain, caps: &DomainCapabilities) {
    let (Some(os), Some(os_caps)) = (domain.os.as_mut(), caps.os.as_ref()) else {
        return;
    };
    let offers = |name: &str, value: &str| os_caps.get(name).map(|e| e.contains(value));
    let mut secure_ok = os_caps
        .loader
        .as_ref()
        .and_then(|l| l.get("secure"))
        .map(|e| e.contains("yes"));
    if os.firmware == Some(OsFirmware::Efi)
        && offers("firmware", "efi") == Some(false)
        && offers("firmware", "bios") == Some(true)
    {
        os.firmware = Some(OsFirmware::Bios);
        secure_ok = Some(false);
    }
    if secure_ok != Some(false) {
        return;
    }
    if let Some(loader) = os.loader.as_mut() {
        if loader.secure == Some(YesNo::Yes) {
            loader.secure = Some(YesNo::No);
        }
    }
    if let Some(features) = os.firmware_features.as_mut() {
        for feature in &mut features.features {
            let secure_boot = matches!(
                feature.name,
                Some(FirmwareFeatureName::SecureBoot | FirmwareFeatureName::EnrolledKeys)
            );
            if secure_boot && feature.enabled == Some(YesNo::Yes) {
                feature.enabled = Some(YesNo::No);
            }
        }
    }
}

/// The first TPM model of [`TPM_MODELS`] the host offers, when it lacks the one asked.
fn tpm(domain: &mut Domain, caps: &DomainCapabilities) {
    let models = caps.devices.as_ref().and_then(|d| d.tpm.as_ref());
    let Some(models) = models.and_then(|t| t.get("model")) else {
        return;
    };
    let Some(choice) = TPM_MODELS.iter().find(|m| models.contains(m.as_str())) else {
        return;
    };
    for device in domain.devices.iter_mut().flat_map(|d| d.devices.iter_mut()) {
        if let Device::Tpm(tpm) = device {
            let listed = tpm
                .model
                .as_ref()
                .is_some_and(|m| models.contains(m.as_str()));
            if tpm.model.is_some() && !listed {
                tpm.model = Some(choice.clone());
            }
        }
    }
}

/// Another shareable memory source when the host lacks the one asked.
fn memory_source(domain: &mut Domain, caps: &DomainCapabilities) {
    let types = caps
        .memory_backing
        .as_ref()
        .and_then(|m| m.get("sourceType"));
    let source = domain
        .memory_backing
        .as_mut()
        .and_then(|m| m.source.as_mut());
    let (Some(types), Some(source)) = (types, source) else {
        return;
    };
    let Some(kind) = &source.kind else {
        return;
    };
    if types.contains(kind.as_str()) || !SHARED_SOURCES.contains(kind) {
        return;
    }
    if let Some(choice) = SHARED_SOURCES.iter().find(|s| types.contains(s.as_str())) {
        source.kind = Some(choice.clone());
    }
}

/// Hyper-V enlightenments QEMU does not list are left out.
fn hyperv(domain: &mut Domain, caps: &DomainCapabilities) {
    let listed = caps.features.as_ref().and_then(|f| f.hyperv.as_ref());
    let Some(listed) = listed.and_then(|h| h.get("features")) else {
        return;
    };
    let Some(hyperv) = domain.features.as_mut().and_then(|f| f.hyperv.as_mut()) else {
        return;
    };
    let drop_unlisted = |name: &str, state: &mut Option<FeatureState>| {
        let on = state.as_ref().is_some_and(|s| s.state == Some(OnOff::On));
        if on && !listed.contains(name) {
            *state = None;
        }
    };
    drop_unlisted("relaxed", &mut hyperv.relaxed);
    drop_unlisted("vapic", &mut hyperv.vapic);
    drop_unlisted("vpindex", &mut hyperv.vpindex);
    drop_unlisted("runtime", &mut hyperv.runtime);
    drop_unlisted("synic", &mut hyperv.synic);
    drop_unlisted("reset", &mut hyperv.reset);
    drop_unlisted("frequencies", &mut hyperv.frequencies);
    drop_unlisted("reenlightenment", &mut hyperv.reenlightenment);
    drop_unlisted("ipi", &mut hyperv.ipi);
    drop_unlisted("avic", &mut hyperv.avic);
    drop_unlisted("emsr_bitmap", &mut hyperv.emsr_bitmap);
    drop_unlisted("xmm_input", &mut hyperv.xmm_input);
    let stimer_on = hyperv.stimer.as_ref().and_then(|s| s.state) == Some(OnOff::On);
    if stimer_on && !listed.contains("stimer") {
        hyperv.stimer = None;
    }
    let tlbflush_on = hyperv.tlbflush.as_ref().and_then(|s| s.state) == Some(OnOff::On);
    if tlbflush_on && !listed.contains("tlbflush") {
        hyperv.tlbflush = None;
    }
}
