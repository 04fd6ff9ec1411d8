//! Host device rules (formatdomain: "Host device assignment").

use std::collections::HashMap;

use super::util::extra_attribute;
use super::{Checker, Rule};
use crate::devices::{Address, Device, Hostdev, MdevModel, ScsiHostdevSource};

pub(super) const RULES: &[Rule] = &[
    hostdevs_unique,
    scsi_drive_addresses_unique,
    mdev_address_fits_model,
    mdev_source_uuid,
    rawio_sgio_scsi_only,
    boot_from_assigned_devices,
];

fn hostdevs<'a>(c: &Checker<'a>) -> Vec<(usize, &'a Hostdev)> {
    c.each()
        .filter_map(|(i, d)| match d {
            Device::Hostdev(h) => Some((i, &**h)),
            _ => None,
        })
        .collect()
}

fn value(v: &Option<crate::values::Uint>) -> u64 {
    v.as_ref().map_or(0, |u| u.value)
}

/// What identifies the host device a hostdev assigns, when the model can tell.
fn identity(hostdev: &Hostdev) -> Option<String> {
    match hostdev {
        Hostdev::Pci(h) => {
            let a = h.source.as_ref()?.address.as_ref()?;
            Some(format!(
                "PCI {:04x}:{:02x}:{:02x}.{:x}",
                value(&a.domain),
                value(&a.bus),
                value(&a.slot),
                value(&a.function)
            ))
        }
        Hostdev::Usb(h) => {
            let s = h.source.as_ref()?;
            let id = |v: &Option<crate::devices::UsbId>| {
                v.as_ref().and_then(|u| u.id.as_ref()).map(|u| u.value)
            };
            let (bus, device) = match &s.address {
                Some(a) => (
                    a.bus.as_ref().map(|u| u.value),
                    a.device.as_ref().map(|u| u.value),
                ),
                None => (None, None),
            };
            Some(format!(
                "USB vendor {:?} product {:?} bus {bus:?} device {device:?}",
                id(&s.vendor),
                id(&s.product)
            ))
        }
        Hostdev::Mdev(h) => {
            let uuid = h.source.as_ref()?.address.as_ref()?.uuid.as_ref()?;
            Some(format!("mediated device {}", uuid.to_ascii_lowercase()))
        }
        Hostdev::Scsi(h) => match h.source.as_ref()? {
            ScsiHostdevSource::Adapter(s) => {
                let adapter = s.adapter.as_ref()?.name.as_ref()?;
                let a = s.address.as_ref()?;
                Some(format!(
                    "SCSI {adapter} {}:{}:{}",
                    value(&a.bus),
                    value(&a.target),
                    value(&a.unit)
                ))
            }
            _ => None,
        },
        Hostdev::ScsiHost(h) => Some(format!("vhost-scsi {}", h.source.as_ref()?.wwpn.as_ref()?)),
        _ => None,
    }
}

/// A host device is assigned once (libvirt: "Hostdev already exists in the domain
/// configuration").
fn hostdevs_unique(c: &mut Checker<'_>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, hostdev) in hostdevs(c) {
        let Some(id) = identity(hostdev) else {
            continue;
        };
        match seen.get(&id) {
            Some(first) => c.error(
                format!("{}/source", c.path(i)),
                format!("{id} is already assigned by {}", c.path(*first)),
            ),
            None => {
                seen.insert(id, i);
            }
        }
    }
}

/// SCSI host devices sit at distinct guest drive addresses (libvirt: "SCSI host address
/// controller='0' bus='0' target='0' unit='0' in use by another SCSI host device").
fn scsi_drive_addresses_unique(c: &mut Checker<'_>) {
    let mut seen: HashMap<[u64; 4], usize> = HashMap::new();
    for (i, hostdev) in hostdevs(c) {
        let (Hostdev::Scsi(_), Some(Address::Drive(d))) = (hostdev, hostdev.address()) else {
            continue;
        };
        let key = [
            value(&d.controller),
            value(&d.bus),
            value(&d.target),
            value(&d.unit),
        ];
        match seen.get(&key) {
            Some(first) => c.error(
                format!("{}/address", c.path(i)),
                format!(
                    "controller {} bus {} target {} unit {} is already used by {}",
                    key[0],
                    key[1],
                    key[2],
                    key[3],
                    c.path(*first)
                ),
            ),
            None => {
                seen.insert(key, i);
            }
        }
    }
}

/// A mediated device's guest address fits its model: PCI for `vfio-pci`, CCW for
/// `vfio-ccw`, none for `vfio-ap` (libvirt: "Unsupported address type 'drive' with
/// mediated device model 'vfio-pci'").
fn mdev_address_fits_model(c: &mut Checker<'_>) {
    for (i, hostdev) in hostdevs(c) {
        let Hostdev::Mdev(mdev) = hostdev else {
            continue;
        };
        let (Some(model), Some(address)) = (&mdev.model, &mdev.address) else {
            continue;
        };
        let wanted = match model {
            MdevModel::VfioPci => "pci",
            MdevModel::VfioCcw => "ccw",
            MdevModel::VfioAp => "none",
            _ => continue,
        };
        if address.kind() != wanted {
            c.error(
                format!("{}/address/@type", c.path(i)),
                format!(
                    "is '{}', but a '{model}' mediated device takes {}",
                    address.kind(),
                    if wanted == "none" {
                        "no address".to_owned()
                    } else {
                        format!("a '{wanted}' address")
                    }
                ),
            );
        }
    }
}

/// A mediated device is named by its UUID (libvirt: "Missing 'uuid' attribute for
/// element <address>").
fn mdev_source_uuid(c: &mut Checker<'_>) {
    for (i, hostdev) in hostdevs(c) {
        let Hostdev::Mdev(mdev) = hostdev else {
            continue;
        };
        let uuid = mdev
            .source
            .as_ref()
            .and_then(|s| s.address.as_ref())
            .and_then(|a| a.uuid.as_ref());
        if uuid.is_none() {
            c.error(
                format!("{}/source/address/@uuid", c.path(i)),
                "missing; a mediated device is named by its UUID",
            );
        }
    }
}

/// `rawio` and `sgio` are for `type='scsi'` host devices (libvirt: "rawio is only
/// supported for scsi host device", "sgio is only supported for scsi host device").
fn rawio_sgio_scsi_only(c: &mut Checker<'_>) {
    for (i, hostdev) in hostdevs(c) {
        let extra = match hostdev {
            Hostdev::Usb(h) => &h.extra,
            Hostdev::Pci(h) => &h.extra,
            Hostdev::ScsiHost(h) => &h.extra,
            Hostdev::Mdev(h) => &h.extra,
            Hostdev::Storage(h) => &h.extra,
            Hostdev::Misc(h) => &h.extra,
            Hostdev::Net(h) => &h.extra,
            _ => continue,
        };
        for name in ["rawio", "sgio"] {
            if extra_attribute(extra, name).is_some() {
                c.error(
                    format!("{}/@{name}", c.path(i)),
                    format!("only a type='scsi' host device takes {name}; remove it"),
                );
            }
        }
    }
}

/// vhost-scsi and `vfio-ap` devices cannot boot the guest (QEMU driver: "booting from
/// assigned devices is not supported by vhost SCSI devices", "… by mediated devices of
/// model vfio-ap").
fn boot_from_assigned_devices(c: &mut Checker<'_>) {
    for (i, hostdev) in hostdevs(c) {
        let what = match hostdev {
            Hostdev::ScsiHost(_) => "a vhost-scsi device",
            Hostdev::Mdev(m) if m.model == Some(MdevModel::VfioAp) => "a vfio-ap device",
            _ => continue,
        };
        if hostdev.boot().is_some() {
            c.error(
                format!("{}/boot", c.path(i)),
                format!("{what} cannot boot the guest; remove <boot>"),
            );
        }
    }
}
