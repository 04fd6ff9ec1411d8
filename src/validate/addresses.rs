//! Device address rules (formatdomain: "Device Addresses", "PCI topology").

use std::collections::HashMap;

use super::controllers::{controllers, model};
use super::util::address;
use super::{Checker, Rule};
use crate::devices::{Address, ControllerType, Device, PciAddress};

pub(super) const RULES: &[Rule] = &[
    pci_address_ranges,
    pci_addresses_unique,
    piix3_slot_reserved,
    pci_controller_parent,
    ccw_addresses_unique,
    zpci_ids,
];

/// The largest PCI domain, bus, slot and function numbers.
const PCI_LIMITS: [(&str, u64); 4] = [
    ("domain", 0xffff),
    ("bus", 0xff),
    ("slot", 0x1f),
    ("function", 7),
];

/// The largest zPCI `uid` (a zPCI `uid` is 1 to 0xffff).
const MAX_ZPCI_UID: u64 = 0xffff;

/// The devices with a PCI address, with their index.
fn pci_addresses<'a>(c: &Checker<'a>) -> Vec<(usize, &'a PciAddress)> {
    c.each()
        .filter_map(|(i, d)| match address(d) {
            Some(Address::Pci(pci)) => Some((i, pci)),
            _ => None,
        })
        .collect()
}

/// `domain:bus:slot.function` of an address, missing parts 0.
fn bdf(pci: &PciAddress) -> [u64; 4] {
    let part = |p: &Option<crate::values::Uint>| p.as_ref().map_or(0, |u| u.value);
    [
        part(&pci.domain),
        part(&pci.bus),
        part(&pci.slot),
        part(&pci.function),
    ]
}

fn show(a: [u64; 4]) -> String {
    format!("{:04x}:{:02x}:{:02x}.{:x}", a[0], a[1], a[2], a[3])
}

/// PCI address parts are in range (libvirt: "Invalid PCI address bus='0x100', must be
/// <= 0xFF", "… slot='0x20', must be <= 0x1F").
fn pci_address_ranges(c: &mut Checker<'_>) {
    for (i, pci) in pci_addresses(c) {
        let parts = [&pci.domain, &pci.bus, &pci.slot, &pci.function];
        for ((name, max), value) in PCI_LIMITS.iter().zip(parts) {
            if let Some(v) = value.as_ref().map(|u| u.value).filter(|v| v > max) {
                c.error(
                    format!("{}/address/@{name}", c.path(i)),
                    format!("{v:#x} is out of range; a PCI {name} is at most {max:#x}"),
                );
            }
        }
    }
}

/// No two devices share a PCI address (libvirt: "Attempted double use of PCI Address
/// 0000:00:01.1").
fn pci_addresses_unique(c: &mut Checker<'_>) {
    let mut seen: HashMap<[u64; 4], usize> = HashMap::new();
    for (i, pci) in pci_addresses(c) {
        // Without a slot libvirt assigns one.
        if pci.slot.is_none() {
            continue;
        }
        let at = bdf(pci);
        match seen.get(&at) {
            Some(first) => c.error(
                format!("{}/address", c.path(i)),
                format!("{} is already used by {}", show(at), c.path(*first)),
            ),
            None => {
                seen.insert(at, i);
            }
        }
    }
}

/// On i440FX, slot 1 of bus 0 holds the PIIX3 chipset: libvirt reserves its ISA bridge
/// (function 0), its IDE controller (1, always present) and, for a USB controller of
/// the default model placed by libvirt, its USB function (2) ("Attempted double use of
/// PCI Address 0000:00:01.1").
fn piix3_slot_reserved(c: &mut Checker<'_>) {
    if !c.is_i440fx() {
        return;
    }
    let usb_placed = controllers(c).any(|(_, ctl)| {
        ctl.kind == Some(ControllerType::Usb)
            && ctl.index.unwrap_or(0) == 0
            && ctl.address.is_none()
            && matches!(model(ctl), "" | "piix3-uhci")
    });
    let mut wrong = Vec::new();
    for (i, pci) in pci_addresses(c) {
        let [domain, bus, slot, function] = bdf(pci);
        if (domain, bus, slot) != (0, 0, 1) || pci.slot.is_none() {
            continue;
        }
        let owner = match &c.devices[i] {
            Device::Controller(ctl) if ctl.index.unwrap_or(0) == 0 => match &ctl.kind {
                Some(ControllerType::Ide) => Some(1),
                Some(ControllerType::Usb) => Some(2),
                _ => None,
            },
            _ => None,
        };
        let reserved = match function {
            0 | 1 => true,
            2 => usb_placed,
            _ => false,
        };
        if reserved && owner != Some(function) {
            wrong.push((i, function));
        }
    }
    for (i, function) in wrong {
        let what = ["ISA bridge", "IDE controller", "USB controller"];
        c.error(
            format!("{}/address", c.path(i)),
            format!(
                "0000:00:01.{function} belongs to the i440FX chipset's {}; use another slot",
                what[function as usize]
            ),
        );
    }
}

/// The models of PCI controller a PCI controller of `model` can plug into, when libvirt
/// restricts them.
fn parents(model: &str) -> Option<&'static [&'static str]> {
    Some(match model {
        "pci-bridge" => &[
            "pci-root",
            "pci-bridge",
            "dmi-to-pci-bridge",
            "pci-expander-bus",
            "pcie-to-pci-bridge",
        ],
        "dmi-to-pci-bridge" | "pcie-root-port" => &["pcie-root", "pcie-expander-bus"],
        "pcie-switch-upstream-port" => &["pcie-root-port", "pcie-switch-downstream-port"],
        "pcie-switch-downstream-port" => &["pcie-switch-upstream-port"],
        "pci-expander-bus" => &["pci-root"],
        "pcie-expander-bus" => &["pcie-root"],
        _ => return None,
    })
}

/// A PCI controller with an explicit address sits on a bus that accepts it (libvirt:
/// "The device at PCI address 0000:01:01.0 cannot be plugged into the PCI controller
/// with index='1'. It requires a controller that accepts a pci-expander-bus.").
fn pci_controller_parent(c: &mut Checker<'_>) {
    let buses: HashMap<u32, String> = controllers(c)
        .filter(|(_, ctl)| ctl.kind == Some(ControllerType::Pci))
        .filter_map(|(_, ctl)| Some((ctl.index?, model(ctl).to_owned())))
        .collect();
    let mut wrong = Vec::new();
    for (i, ctl) in controllers(c) {
        let (Some(ControllerType::Pci), Some(Address::Pci(pci))) = (&ctl.kind, &ctl.address) else {
            continue;
        };
        let Some(allowed) = parents(model(ctl)) else {
            continue;
        };
        let bus = bdf(pci)[1];
        let Some(parent) = u32::try_from(bus).ok().and_then(|b| buses.get(&b)) else {
            continue;
        };
        if !parent.is_empty() && !allowed.contains(&parent.as_str()) {
            wrong.push((i, model(ctl).to_owned(), bus, parent.clone(), allowed));
        }
    }
    for (i, model, bus, parent, allowed) in wrong {
        c.error(
            format!("{}/address/@bus", c.path(i)),
            format!(
                "bus {bus} is a {parent}, which cannot take a {model}; plug it into a {}",
                allowed.join(" or ")
            ),
        );
    }
}

/// No two devices share a CCW address (libvirt: "The CCW devno 'fe.0.0001' is in use
/// already").
fn ccw_addresses_unique(c: &mut Checker<'_>) {
    let mut seen: HashMap<[u64; 3], usize> = HashMap::new();
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        let Some(Address::Ccw(ccw)) = address(device) else {
            continue;
        };
        let Some(devno) = ccw.devno.as_ref().map(|d| d.value) else {
            continue;
        };
        let part = |p: &Option<crate::values::Uint>| p.as_ref().map_or(0, |u| u.value);
        let key = [part(&ccw.cssid), part(&ccw.ssid), devno];
        match seen.get(&key) {
            Some(first) => wrong.push((i, key, *first)),
            None => {
                seen.insert(key, i);
            }
        }
    }
    for (i, key, first) in wrong {
        c.error(
            format!("{}/address", c.path(i)),
            format!(
                "CCW device number {:x}.{:x}.{:04x} is already used by {}",
                key[0],
                key[1],
                key[2],
                c.path(first)
            ),
        );
    }
}

/// zPCI `uid` is 1 to 0xffff, and `uid` and `fid` are unique (libvirt: "Invalid PCI
/// address uid='0x0000', must be > 0x0000 and <= 0xffff", "zPCI uid 11064 is already
/// reserved").
fn zpci_ids(c: &mut Checker<'_>) {
    let mut uids: HashMap<u64, usize> = HashMap::new();
    let mut fids: HashMap<u64, usize> = HashMap::new();
    for (i, pci) in pci_addresses(c) {
        let Some(zpci) = &pci.zpci else { continue };
        let path = format!("{}/address/zpci", c.path(i));
        if let Some(uid) = zpci.uid.as_ref().map(|u| u.value) {
            if uid == 0 || uid > MAX_ZPCI_UID {
                c.error(
                    format!("{path}/@uid"),
                    format!("{uid:#x} is out of range; a zPCI uid is 0x1 to {MAX_ZPCI_UID:#x}"),
                );
            } else if let Some(first) = uids.get(&uid) {
                c.error(
                    format!("{path}/@uid"),
                    format!("{uid:#x} is already used by {}", c.path(*first)),
                );
            } else {
                uids.insert(uid, i);
            }
        }
        if let Some(fid) = zpci.fid.as_ref().map(|u| u.value) {
            if let Some(first) = fids.get(&fid) {
                c.error(
                    format!("{path}/@fid"),
                    format!("{fid:#x} is already used by {}", c.path(*first)),
                );
            } else {
                fids.insert(fid, i);
            }
        }
    }
}
