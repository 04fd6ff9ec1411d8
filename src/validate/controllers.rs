//! Controller rules (formatdomain: "Controllers", "PCI topology", "USB companion
//! controllers").

use std::collections::HashMap;

use super::util::address;
use super::{Checker, Rule};
use crate::devices::{
    Address, Controller, ControllerType, Device, DiskBus, HostdevMode, InputBus, RedirdevBus,
};

pub(super) const RULES: &[Rule] = &[
    controller_indexes_unique,
    pci_root_matches_machine,
    pci_root_index_zero,
    pci_root_has_no_address,
    pci_root_has_no_numa_node,
    phb_target_index,
    iothread_on_virtio_scsi_only,
    usb_companions_have_master,
    xhci_ports,
    usb_none_is_alone,
    no_pci_on_isapc,
    controller_iothread_exists,
    pci_target_ranges,
];

/// The most ports an `nec-xhci` or `qemu-xhci` controller has.
const MAX_XHCI_PORTS: u32 = 15;

/// The highest pSeries PHB target index (`spapr-pci-host-bridge`'s `index`).
const MAX_PHB_INDEX: u64 = 30;

/// The controller's `model`, or "" without one.
pub(super) fn model(controller: &Controller) -> &str {
    controller.model.as_ref().map_or("", |m| m.as_str())
}

/// Whether `model` names the root of a PCI tree.
fn is_root(model: &str) -> bool {
    model == "pci-root" || model == "pcie-root"
}

/// The controllers with their index.
pub(super) fn controllers<'a>(
    c: &Checker<'a>,
) -> impl Iterator<Item = (usize, &'a Controller)> + 'a {
    c.each().filter_map(|(i, d)| match d {
        Device::Controller(ctl) => Some((i, &**ctl)),
        _ => None,
    })
}

fn is_pci(controller: &Controller) -> bool {
    controller.kind == Some(ControllerType::Pci)
}

fn is_usb(controller: &Controller) -> bool {
    controller.kind == Some(ControllerType::Usb)
}

/// Controllers are unique per type and index; USB companions share their EHCI
/// controller's index (libvirt: "Multiple 'virtio-serial' controllers with index
/// '0'").
fn controller_indexes_unique(c: &mut Checker<'_>) {
    let mut seen: HashMap<(String, u32), String> = HashMap::new();
    for (i, ctl) in controllers(c) {
        if is_usb(ctl) {
            continue;
        }
        let (Some(kind), Some(index)) = (&ctl.kind, ctl.index) else {
            continue;
        };
        let path = c.path(i);
        match seen.get(&(kind.to_string(), index)) {
            Some(other) => {
                let other = other.clone();
                c.error(
                    format!("{path}/@index"),
                    format!("a second {kind} controller with index {index} (first: {other})"),
                );
            }
            None => {
                seen.insert((kind.to_string(), index), path);
            }
        }
    }
}

/// The PCI controller with index 0 is the machine's root: `pcie-root` on q35,
/// `pci-root` on i440FX (libvirt: "The PCI controller with index='0' must be
/// model='pci-root' for this machine type").
fn pci_root_matches_machine(c: &mut Checker<'_>) {
    let wanted = if c.is_q35() {
        "pcie-root"
    } else if c.is_i440fx() {
        "pci-root"
    } else {
        return;
    };
    let found: Vec<(usize, String)> = controllers(c)
        .filter(|(_, ctl)| is_pci(ctl) && ctl.index == Some(0))
        .map(|(i, ctl)| (i, model(ctl).to_owned()))
        .collect();
    for (i, found) in found {
        if !found.is_empty() && found != wanted {
            c.error(
                format!("{}/@model", c.path(i)),
                format!("is '{found}', but this machine's PCI root is '{wanted}'"),
            );
        }
    }
}

/// `pci-root` and `pcie-root` have index 0 (libvirt: "pci-root and pcie-root
/// controllers should have index 0"), except pSeries' extra host bridges.
fn pci_root_index_zero(c: &mut Checker<'_>) {
    if c.is_pseries() {
        return;
    }
    let wrong: Vec<(usize, u32)> = controllers(c)
        .filter(|(_, ctl)| is_pci(ctl) && is_root(model(ctl)))
        .filter_map(|(i, ctl)| ctl.index.filter(|n| *n != 0).map(|n| (i, n)))
        .collect();
    for (i, index) in wrong {
        c.error(
            format!("{}/@index", c.path(i)),
            format!("is {index}; a PCI root controller has index 0"),
        );
    }
}

/// `pci-root` and `pcie-root` sit on no bus (libvirt: "pci-root and pcie-root
/// controllers should not have an address").
fn pci_root_has_no_address(c: &mut Checker<'_>) {
    let wrong: Vec<usize> = controllers(c)
        .filter(|(_, ctl)| is_pci(ctl) && is_root(model(ctl)) && ctl.address.is_some())
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            format!("{}/address", c.path(i)),
            "a PCI root controller sits on no bus; remove its <address>",
        );
    }
}

/// The PCI controller with index 0 has no NUMA node (QEMU driver: "The PCI controller
/// with index=0 can't be associated with a NUMA node").
fn pci_root_has_no_numa_node(c: &mut Checker<'_>) {
    let wrong: Vec<usize> = controllers(c)
        .filter(|(_, ctl)| is_pci(ctl) && ctl.index == Some(0))
        .filter(|(_, ctl)| ctl.target.as_ref().is_some_and(|t| t.node.is_some()))
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            format!("{}/target/node", c.path(i)),
            "the PCI root cannot be bound to a NUMA node; remove <node>",
        );
    }
}

/// pSeries host bridges: only index 0 has target index 0, and target indexes go up to
/// 30 (QEMU driver: "Only the PCI controller with index 0 can have target index 0, and
/// vice versa", "PCI controller target index '31' out of range - must be 0-30").
fn phb_target_index(c: &mut Checker<'_>) {
    let found: Vec<(usize, Option<u32>, u64)> = controllers(c)
        .filter(|(_, ctl)| is_pci(ctl) && model(ctl) == "pci-root")
        .filter_map(|(i, ctl)| {
            let target = ctl.target.as_ref()?.index.as_ref()?.value;
            Some((i, ctl.index, target))
        })
        .collect();
    for (i, index, target) in found {
        let path = format!("{}/target/@index", c.path(i));
        if target > MAX_PHB_INDEX {
            c.error(
                path,
                format!(
                    "{target} is out of range; host bridge target indexes are 0 to {MAX_PHB_INDEX}"
                ),
            );
        } else if let Some(index) = index.filter(|index| (*index == 0) != (target == 0)) {
            c.error(
                path,
                format!(
                    "is {target} on the controller with index {index}; target index 0 belongs to \
                     the controller with index 0, and only to it"
                ),
            );
        }
    }
}

/// `<driver iothread>` is for virtio SCSI controllers only (libvirt: "'iothread'
/// attribute only supported for virtio scsi controllers").
fn iothread_on_virtio_scsi_only(c: &mut Checker<'_>) {
    let wrong: Vec<usize> = controllers(c)
        .filter(|(_, ctl)| ctl.driver.as_ref().is_some_and(|d| d.iothread.is_some()))
        .filter(|(_, ctl)| {
            let scsi = ctl.kind == Some(ControllerType::Scsi);
            let virtio = matches!(
                model(ctl),
                "" | "virtio-scsi" | "virtio-transitional" | "virtio-non-transitional"
            );
            !(scsi && virtio)
        })
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            format!("{}/driver/@iothread", c.path(i)),
            "only a virtio SCSI controller takes an I/O thread; remove it",
        );
    }
}

/// An ICH9 UHCI companion has its EHCI master with the same index (libvirt: "No
/// master USB controller specified").
fn usb_companions_have_master(c: &mut Checker<'_>) {
    let masters: Vec<u32> = controllers(c)
        .filter(|(_, ctl)| is_usb(ctl) && model(ctl) == "ich9-ehci1")
        .filter_map(|(_, ctl)| ctl.index)
        .collect();
    let wrong: Vec<usize> = controllers(c)
        .filter(|(_, ctl)| is_usb(ctl) && model(ctl).starts_with("ich9-uhci"))
        .filter(|(_, ctl)| !masters.contains(&ctl.index.unwrap_or(0)))
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            c.path(i),
            "a UHCI companion needs an ich9-ehci1 controller with the same index",
        );
    }
}

/// XHCI controllers have at most 15 ports (QEMU driver: "'nec-xhci' controller only
/// supports up to '15' ports").
fn xhci_ports(c: &mut Checker<'_>) {
    let wrong: Vec<(usize, String, u32)> = controllers(c)
        .filter(|(_, ctl)| is_usb(ctl) && matches!(model(ctl), "nec-xhci" | "qemu-xhci"))
        .filter_map(|(i, ctl)| {
            let ports = ctl.ports.filter(|p| *p > MAX_XHCI_PORTS)?;
            Some((i, model(ctl).to_owned(), ports))
        })
        .collect();
    for (i, model, ports) in wrong {
        c.error(
            format!("{}/@ports", c.path(i)),
            format!("is {ports}, but '{model}' has at most {MAX_XHCI_PORTS} ports"),
        );
    }
}

/// Whether a device needs a USB bus.
fn needs_usb(device: &Device) -> Option<&'static str> {
    let on_usb = matches!(address(device), Some(Address::Usb(_)));
    let needs = match device {
        Device::Hub(_) => true,
        Device::Input(input) => input.bus == Some(InputBus::Usb),
        Device::Disk(disk) => {
            disk.target.as_ref().and_then(|t| t.bus.as_ref()) == Some(&DiskBus::Usb)
        }
        Device::Redirdev(r) => r.bus == Some(RedirdevBus::Usb),
        Device::Hostdev(h) => {
            h.kind() == Some("usb") && h.mode() != Some(&HostdevMode::Capabilities)
        }
        _ => on_usb,
    };
    let what = match device {
        Device::Hub(_) => "a USB hub",
        Device::Input(_) => "a USB input device",
        _ => "a USB device",
    };
    needs.then_some(what)
}

/// `<controller type='usb' model='none'>` turns USB off: no other USB controller and
/// no USB device (libvirt: "Can't add another USB controller: USB is disabled for this
/// domain", "Can't add USB hub", "Can't add USB input device. USB bus is disabled").
fn usb_none_is_alone(c: &mut Checker<'_>) {
    let none = controllers(c).any(|(_, ctl)| is_usb(ctl) && model(ctl) == "none");
    if !none {
        return;
    }
    let mut wrong = Vec::new();
    for (i, device) in c.each() {
        match device {
            Device::Controller(ctl) if is_usb(ctl) && model(ctl) != "none" => {
                wrong.push((i, "another USB controller"));
            }
            Device::Controller(_) => {}
            other => {
                if let Some(what) = needs_usb(other) {
                    wrong.push((i, what));
                }
            }
        }
    }
    for (i, what) in wrong {
        c.error(
            c.path(i),
            format!("{what}, but <controller type='usb' model='none'> turns USB off"),
        );
    }
}

/// The `isapc` machine has no PCI bus, so no USB controller (libvirt: "No PCI buses
/// available").
fn no_pci_on_isapc(c: &mut Checker<'_>) {
    if !c.is_x86() || c.machine() != Some("isapc") {
        return;
    }
    let wrong: Vec<usize> = controllers(c)
        .filter(|(_, ctl)| is_usb(ctl) && model(ctl) != "none")
        .map(|(i, _)| i)
        .collect();
    for i in wrong {
        c.error(
            c.path(i),
            "the isapc machine has no PCI bus for a USB controller; use model='none'",
        );
    }
}

/// A controller's `<driver iothread>` names an I/O thread the domain has (libvirt:
/// "Invalid iothread id '2' for controller").
fn controller_iothread_exists(c: &mut Checker<'_>) {
    let ids = super::disks::iothread_ids(c);
    let wrong: Vec<(usize, u32)> = controllers(c)
        .filter_map(|(i, ctl)| Some((i, ctl.driver.as_ref()?.iothread?)))
        .filter(|(_, id)| !ids.contains(id))
        .collect();
    for (i, id) in wrong {
        c.error(
            format!("{}/driver/@iothread", c.path(i)),
            format!("names I/O thread {id}, which the domain does not have"),
        );
    }
}

/// PCI controller target numbers are in range: `chassisNr` 1–255, `chassis` and
/// `port` 0–255, `busNr` 1–254 (libvirt: "PCI controller chassisNr '256' out of range -
/// must be 1-255").
fn pci_target_ranges(c: &mut Checker<'_>) {
    let mut wrong = Vec::new();
    for (i, ctl) in controllers(c) {
        let Some(target) = ctl.target.as_ref().filter(|_| is_pci(ctl)) else {
            continue;
        };
        let checks = [
            ("chassisNr", &target.chassis_nr, 1, 255),
            ("chassis", &target.chassis, 0, 255),
            ("port", &target.port, 0, 255),
            ("busNr", &target.bus_nr, 1, 254),
        ];
        for (name, value, min, max) in checks {
            if let Some(v) = value
                .as_ref()
                .map(|u| u.value)
                .filter(|v| *v < min || *v > max)
            {
                wrong.push((i, name, v, min, max));
            }
        }
    }
    for (i, name, v, min, max) in wrong {
        c.error(
            format!("{}/target/@{name}", c.path(i)),
            format!("{v} is out of range; {name} is {min} to {max}"),
        );
    }
}
