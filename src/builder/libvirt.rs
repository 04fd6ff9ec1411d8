//! `DomainBuilder::libvirt`: fitting a built domain to an older libvirt release.
//!
//! Each rule replaces something the target release lacks by what that release has
//! to the same effect, and only when the since table says the target lacks it and
//! has the replacement; whatever no rule replaces is left for
//! [`Domain::check_libvirt`] to report, so `build()` fails naming it.

use crate::devices::{Device, SoundModel};
use crate::domain::Domain;
use crate::features::HypervMode;
use crate::version::{since, LibvirtVersion};

/// Applies every rule to `domain` for libvirt `target`.
pub(super) fn fit(domain: &mut Domain, target: LibvirtVersion) {
    sound_model(domain, target);
    passt_backend(domain, target);
    hyperv(domain, target);
}

/// Whether the target lacks what the table's `key` names.
fn lacks(key: &str, target: LibvirtVersion) -> bool {
    since(key).is_some_and(|v| v > target)
}

/// `<sound model='virtio'>` (libvirt 10.4) becomes the ICH9 HD Audio controller,
/// `model='ich9'` (libvirt 1.1.3), the sound card of the q35 chipset: both give the
/// guest a sound card with playback and capture. The virtio-only `streams` and
/// virtio `<driver>` options go with the model.
fn sound_model(domain: &mut Domain, target: LibvirtVersion) {
    if !lacks("devices/sound/@model=virtio", target) || lacks("devices/sound/@model=ich9", target) {
        return;
    }
    let Some(devices) = domain.devices.as_mut() else {
        return;
    };
    for device in &mut devices.devices {
        if let Device::Sound(sound) = device {
            if sound.model == Some(SoundModel::Virtio) {
                sound.model = Some(SoundModel::Ich9);
                sound.streams = None;
                sound.driver = None;
            }
        }
    }
}

/// `<backend type='passt'/>` on user networking (libvirt 9.0) is left out: a user
/// interface without a backend uses libvirt's built-in user networking (SLIRP), the
/// same unprivileged NAT to the guest. Port forwarding (`<portForward>`), which only
/// passt has, is left for the check to report.
fn passt_backend(domain: &mut Domain, target: LibvirtVersion) {
    if !lacks("interface/backend/@type", target) && !lacks("interface/backend/@type=passt", target)
    {
        return;
    }
    let Some(devices) = domain.devices.as_mut() else {
        return;
    };
    for device in &mut devices.devices {
        if let Device::Interface(interface) = device {
            let passt = interface.backend.as_ref().is_some_and(|b| {
                b.kind == Some(crate::devices::NetBackendType::Passt)
                    && b.tap.is_none()
                    && b.vhost.is_none()
            });
            if passt {
                interface.backend = None;
            }
        }
    }
}

/// Hyper-V: `mode='custom'` (libvirt 8.0) is what a `<hyperv>` without `mode` means,
/// so it is left out; `<tlbflush>`'s `<direct>` and `<extended>` (libvirt 11.0) refine
/// an enlightenment the target still enables with `<tlbflush state='on'/>`, so they
/// are left out.
fn hyperv(domain: &mut Domain, target: LibvirtVersion) {
    let Some(hyperv) = domain.features.as_mut().and_then(|f| f.hyperv.as_mut()) else {
        return;
    };
    if hyperv.mode == Some(HypervMode::Custom) && lacks("features/hyperv/@mode", target) {
        hyperv.mode = None;
    }
    if let Some(tlbflush) = hyperv.tlbflush.as_mut() {
        if lacks("hyperv/tlbflush/direct", target) {
            tlbflush.direct = None;
        }
        if lacks("hyperv/tlbflush/extended", target) {
            tlbflush.extended = None;
        }
    }
}
