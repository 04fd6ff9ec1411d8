//! `<devices>`: every device kind `<domainCapabilities><devices>` enumerates.
//!
//! For each kind the document says whether it is supported at all and lists the
//! values of some attributes (formatdomaincaps: "Devices"); libvirt fills those lists
//! from what QEMU reports, and the QEMU driver refuses the same things at define or
//! start time ("unsupported configuration: this QEMU does not support the 'tpm-crb'
//! model", "spice graphics are not supported with this QEMU", …). A device kind
//! marked `supported='no'` is reported at the device; a value missing from a listed
//! enum at its attribute. Attributes left out (libvirt's default applies) and
//! enums the document does not list are not judged.
//!
//! libvirt's QEMU driver lists only some values of a few enums, whatever the host
//! supports, and other values of those attributes are therefore not judged: a
//! channel's `type` lists `pty`, `unix` and `spicevmc` (the types that need a QEMU
//! feature), a host device's `subsysType` `usb`, `pci` and `scsi`, a filesystem's
//! `driverType` `path`, `handle` and `virtiofs`, and a disk's `bus` never lists `sd`.
//!
//! The TPM `backendVersion` enum is not judged: libvirt fills it from the host's
//! `swtpm`, not from QEMU, picks the version itself when the domain gives none, and
//! checks it only when starting `swtpm`.

use super::HostCheck;
use crate::caps::EnumCaps;
use crate::devices::{Device, Hostdev, HostdevMode};
use crate::domain::Domain;
use crate::validate::device_path;
use crate::values::YesNo;

/// The channel types libvirt's QEMU driver reports in the `type` enum.
const REPORTED_CHANNEL_TYPES: &[&str] = &["pty", "unix", "spicevmc"];

/// The host device types libvirt reports in the `subsysType` enum.
const REPORTED_SUBSYS_TYPES: &[&str] = &["usb", "pci", "scsi"];

/// The filesystem drivers libvirt's QEMU driver reports in the `driverType` enum.
const REPORTED_FS_DRIVERS: &[&str] = &["path", "handle", "virtiofs"];

/// Disk buses libvirt's QEMU driver never lists in the `bus` enum, though QEMU may
/// support them.
const UNREPORTED_DISK_BUSES: &[&str] = &["sd"];

pub(super) fn check(check: &mut HostCheck<'_>, domain: &Domain) {
    let (Some(devices), Some(caps)) = (&domain.devices, check.caps.devices.as_ref()) else {
        return;
    };
    let list = &devices.devices;
    for (index, device) in list.iter().enumerate() {
        let kind_caps = match device {
            Device::Disk(_) => caps.disk.as_ref(),
            Device::Graphics(_) => caps.graphics.as_ref(),
            Device::Video(_) => caps.video.as_ref(),
            Device::Hostdev(_) => caps.hostdev.as_ref(),
            Device::Rng(_) => caps.rng.as_ref(),
            Device::Filesystem(_) => caps.filesystem.as_ref(),
            Device::Tpm(_) => caps.tpm.as_ref(),
            Device::Redirdev(_) => caps.redirdev.as_ref(),
            Device::Channel(_) => caps.channel.as_ref(),
            Device::Crypto(_) => caps.crypto.as_ref(),
            Device::Interface(_) => caps.interface.as_ref(),
            Device::Panic(_) => caps.panic.as_ref(),
            _ => None,
        };
        let Some(kind_caps) = kind_caps else {
            continue;
        };
        let path = device_path(list, index);
        if kind_caps.supported == Some(YesNo::No) {
            check.push(
                path,
                format!(
                    "the host does not support <{}> devices",
                    device.element_name()
                ),
            );
            continue;
        }
        one(check, device, kind_caps, &path);
    }
}

/// The enum checks of one device.
fn one(check: &mut HostCheck<'_>, device: &Device, caps: &EnumCaps, path: &str) {
    let caps = Some(caps);
    let at = |suffix: &str| format!("{path}/{suffix}");
    match device {
        Device::Disk(disk) => {
            let device = disk.device.as_ref().map(|d| d.as_str());
            check.enum_value(caps, "diskDevice", device, at("@device"), "disk device");
            let bus = disk.target.as_ref().and_then(|t| t.bus.as_ref());
            let bus = bus.map(|b| b.as_str());
            let bus = bus.filter(|b| !UNREPORTED_DISK_BUSES.contains(b));
            check.enum_value(caps, "bus", bus, at("target/@bus"), "disk bus");
            let model = disk.model.as_ref().map(|m| m.as_str());
            check.enum_value(caps, "model", model, at("@model"), "disk model");
        }
        Device::Graphics(graphics) => {
            let kind = graphics.kind.as_ref().map(|k| k.as_str());
            check.enum_value(caps, "type", kind, at("@type"), "graphics type");
        }
        Device::Video(video) => {
            let model = video.model.as_ref().and_then(|m| m.kind.as_ref());
            let model = model.map(|m| m.as_str());
            check.enum_value(caps, "modelType", model, at("model/@type"), "video model");
        }
        Device::Hostdev(hostdev) => {
            let mode = hostdev.mode().map(|m| m.as_str());
            check.enum_value(caps, "mode", mode, at("@mode"), "host device mode");
            let kind = hostdev.kind();
            let capabilities = hostdev.mode() == Some(&HostdevMode::Capabilities);
            if capabilities {
                check.enum_value(caps, "capsType", kind, at("@type"), "host device type");
            } else if kind.is_some_and(|k| REPORTED_SUBSYS_TYPES.contains(&k)) {
                check.enum_value(caps, "subsysType", kind, at("@type"), "host device type");
            }
            let policy = match &**hostdev {
                Hostdev::Usb(usb) => usb.source.as_ref().and_then(|s| s.startup_policy.as_ref()),
                Hostdev::Pci(pci) => pci.source.as_ref().and_then(|s| s.startup_policy.as_ref()),
                _ => None,
            };
            let policy = policy.map(|p| p.as_str());
            let path = at("source/@startupPolicy");
            check.enum_value(caps, "startupPolicy", policy, path, "startup policy");
            if let Hostdev::Pci(pci) = &**hostdev {
                let driver = pci.driver.as_ref().and_then(|d| d.name.as_ref());
                let driver = driver.map(|d| d.as_str());
                let path = at("driver/@name");
                check.enum_value(caps, "pciBackend", driver, path, "PCI host device backend");
            }
        }
        Device::Rng(rng) => {
            let model = rng.model.as_ref().map(|m| m.as_str());
            check.enum_value(caps, "model", model, at("@model"), "RNG model");
            let backend = rng.backend.as_ref().and_then(|b| b.model.as_ref());
            let backend = backend.map(|b| b.as_str());
            let path = at("backend/@model");
            check.enum_value(caps, "backendModel", backend, path, "RNG backend");
        }
        Device::Filesystem(fs) => {
            let driver = fs.driver.as_ref().and_then(|d| d.kind.as_ref());
            let driver = driver.map(|d| d.as_str());
            let driver = driver.filter(|d| REPORTED_FS_DRIVERS.contains(d));
            let path = at("driver/@type");
            check.enum_value(caps, "driverType", driver, path, "filesystem driver");
        }
        Device::Tpm(tpm) => {
            let model = tpm.model.as_ref().map(|m| m.as_str());
            check.enum_value(caps, "model", model, at("@model"), "TPM model");
            if let Some(backend) = &tpm.backend {
                let kind = backend.kind.as_ref().map(|k| k.as_str());
                let path = at("backend/@type");
                check.enum_value(caps, "backendModel", kind, path, "TPM backend");
            }
        }
        Device::Redirdev(redirdev) => {
            let bus = redirdev.bus.as_ref().map(|b| b.as_str());
            check.enum_value(caps, "bus", bus, at("@bus"), "redirected device bus");
        }
        Device::Channel(channel) => {
            let kind = channel.kind.as_ref().map(|k| k.as_str());
            if kind.is_some_and(|k| REPORTED_CHANNEL_TYPES.contains(&k)) {
                check.enum_value(caps, "type", kind, at("@type"), "channel type");
            }
        }
        Device::Crypto(crypto) => {
            let model = crypto.model.as_ref().map(|m| m.as_str());
            check.enum_value(caps, "model", model, at("@model"), "crypto model");
            let kind = crypto.kind.as_ref().map(|k| k.as_str());
            check.enum_value(caps, "type", kind, at("@type"), "crypto type");
            let backend = crypto.backend.as_ref().and_then(|b| b.model.as_ref());
            let backend = backend.map(|b| b.as_str());
            let path = at("backend/@model");
            check.enum_value(caps, "backendModel", backend, path, "crypto backend");
        }
        Device::Interface(interface) => {
            let backend = interface.backend.as_ref().and_then(|b| b.kind.as_ref());
            let backend = backend.map(|b| b.as_str());
            let path = at("backend/@type");
            check.enum_value(caps, "backendType", backend, path, "interface backend");
        }
        Device::Panic(panic) => {
            let model = panic.model.as_ref().map(|m| m.as_str());
            check.enum_value(caps, "model", model, at("@model"), "panic model");
        }
        _ => {}
    }
}
