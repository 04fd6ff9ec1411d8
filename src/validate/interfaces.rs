//! Network interface rules (formatdomain: "Network interfaces").

use std::collections::HashMap;

use super::memory::shared_memory;
use super::util::parse_mac;
use super::{Checker, Rule};
use crate::devices::{Device, Interface, InterfaceSource, InterfaceType, NetBackendType};

pub(super) const RULES: &[Rule] = &[
    mac_addresses,
    mac_addresses_unique,
    source_matches_type,
    source_names_network,
    port_forward_needs_passt,
    vhostuser_has_no_tap,
    vhostuser_passt_needs_shared_memory,
    queue_sizes,
];

fn interfaces<'a>(c: &Checker<'a>) -> Vec<(usize, &'a Interface)> {
    c.each()
        .filter_map(|(i, d)| match d {
            Device::Interface(nic) => Some((i, &**nic)),
            _ => None,
        })
        .collect()
}

fn backend_is_passt(nic: &Interface) -> bool {
    nic.backend
        .as_ref()
        .is_some_and(|b| b.kind == Some(NetBackendType::Passt))
}

/// MAC addresses are six hex bytes and unicast (libvirt: "unable to parse mac
/// address", "expected unicast mac address").
fn mac_addresses(c: &mut Checker<'_>) {
    for (i, nic) in interfaces(c) {
        let Some(mac) = nic.mac_address() else {
            continue;
        };
        let path = format!("{}/mac/@address", c.path(i));
        match parse_mac(mac) {
            None => c.error(
                path,
                format!("{mac:?} is not a MAC address (six hex bytes, ':'-separated)"),
            ),
            Some(bytes) if bytes[0] & 1 == 1 => c.error(
                path,
                format!("{mac:?} is a multicast address; libvirt needs unicast"),
            ),
            Some(_) => {}
        }
    }
}

/// Two interfaces with one MAC address: libvirt accepts it, but the guest's network
/// breaks (a warning).
fn mac_addresses_unique(c: &mut Checker<'_>) {
    let mut seen: HashMap<[u8; 6], usize> = HashMap::new();
    for (i, nic) in interfaces(c) {
        let Some(mac) = nic.mac_address() else {
            continue;
        };
        let Some(bytes) = parse_mac(mac) else {
            continue;
        };
        match seen.get(&bytes) {
            Some(first) => c.warning(
                format!("{}/mac/@address", c.path(i)),
                format!(
                    "{mac:?} is already used by {}; give each interface its own MAC",
                    c.path(*first)
                ),
            ),
            None => {
                seen.insert(bytes, i);
            }
        }
    }
}

/// The interface's `type` agrees with its `<source>` variant: libvirt reads the source
/// by `type`, so a mismatched one is lost.
fn source_matches_type(c: &mut Checker<'_>) {
    for (i, nic) in interfaces(c) {
        let path = c.path(i);
        let found = nic.source.as_ref().map(InterfaceSource::kind);
        match (&nic.kind, found) {
            (Some(kind), Some(Some(found))) if *kind != found => c.error(
                format!("{path}/@type"),
                format!(
                    "type='{kind}', but the <source> is a {found} source; \
                     set type='{found}' or give a {kind} source"
                ),
            ),
            (Some(kind), Some(None)) if InterfaceSource::has_variant(kind) => c.error(
                format!("{path}/source"),
                format!(
                    "InterfaceSource::Other under type='{kind}' reads back as a {kind} \
                     source; use the {kind} variant"
                ),
            ),
            (Some(InterfaceType::Null), Some(None)) => c.error(
                format!("{path}/source"),
                "type='null' takes no <source>; remove it",
            ),
            _ => {}
        }
    }
}

/// Network and bridge interfaces name what they connect to (libvirt: "No <source>
/// 'network' attribute specified with <interface type='network'/>").
fn source_names_network(c: &mut Checker<'_>) {
    let named = |name: &Option<String>| name.as_deref().is_some_and(|n| !n.is_empty());
    for (i, nic) in interfaces(c) {
        let missing = match (&nic.written_kind(), &nic.source) {
            (Some(InterfaceType::Network), Some(InterfaceSource::Network(s))) => {
                (!named(&s.network)).then_some("network")
            }
            (Some(InterfaceType::Bridge), Some(InterfaceSource::Bridge(s))) => {
                (!named(&s.bridge)).then_some("bridge")
            }
            (Some(InterfaceType::Network), None) => Some("network"),
            (Some(InterfaceType::Bridge), None) => Some("bridge"),
            _ => None,
        };
        if let Some(attr) = missing {
            c.error(
                format!("{}/source/@{attr}", c.path(i)),
                format!(
                    "missing; libvirt needs the {attr} an interface of type='{attr}' connects to"
                ),
            );
        }
    }
}

/// `<portForward>` is for the passt backend (QEMU driver: "The <portForward> element
/// can only be used with the 'passt' backend of interface type='user' or
/// type='vhostuser'").
fn port_forward_needs_passt(c: &mut Checker<'_>) {
    for (i, nic) in interfaces(c) {
        if !nic.port_forwards.is_empty() && !backend_is_passt(nic) {
            let count = nic.port_forwards.len();
            c.error(
                super::util::child(&c.path(i), "portForward", 0, count),
                "needs <backend type='passt'/>; add it or remove <portForward>",
            );
        }
    }
}

/// A vhost-user interface has no tap device (QEMU driver, when the domain starts:
/// "custom tap device path is not supported for network interfaces of type
/// vhostuser"). libvirt defines such a domain, so this is a warning.
fn vhostuser_has_no_tap(c: &mut Checker<'_>) {
    for (i, nic) in interfaces(c) {
        let tap = nic.backend.as_ref().is_some_and(|b| b.tap.is_some());
        if nic.kind == Some(InterfaceType::Vhostuser) && tap {
            c.warning(
                format!("{}/backend/@tap", c.path(i)),
                "a vhost-user interface has no tap device; remove it",
            );
        }
    }
}

/// A vhost-user interface with the passt backend needs shared guest memory (QEMU
/// driver: "'interface' requires shared memory").
fn vhostuser_passt_needs_shared_memory(c: &mut Checker<'_>) {
    if !c.qemu() || shared_memory(c) {
        return;
    }
    for (i, nic) in interfaces(c) {
        if nic.kind == Some(InterfaceType::Vhostuser) && backend_is_passt(nic) {
            c.error(
                c.path(i),
                "vhost-user with passt needs shared memory (<memoryBacking><access \
                 mode='shared'/>)",
            );
        }
    }
}

/// virtio queue sizes are powers of two (QEMU driver: "rx_queue_size has to be a power
/// of two").
fn queue_sizes(c: &mut Checker<'_>) {
    for (i, nic) in interfaces(c) {
        let Some(driver) = &nic.driver else { continue };
        for (name, size) in [
            ("rx_queue_size", driver.rx_queue_size),
            ("tx_queue_size", driver.tx_queue_size),
        ] {
            if let Some(size) = size.filter(|s| !s.is_power_of_two()) {
                c.error(
                    format!("{}/driver/@{name}", c.path(i)),
                    format!("{size} is not a power of two"),
                );
            }
        }
    }
}
