//! The `<source>` of each `<interface>` type: what the interface connects to
//! (formatdomain: "Network interfaces" and its subsections).
//!
//! [`InterfaceSource`] has one variant per interface `type` whose `<source>` has a
//! shape in the schema (`type='null'` has none); the variant is chosen by the
//! `type` attribute of the enclosing `<interface>`, which the interface's own `kind`
//! field writes.

use serde::{Deserialize, Serialize};

use super::address::PciAddress;
use super::common::{OtherSource, Reconnect, Route, SocketMode, SocketType};
use super::hostdev_source::{UsbHostAddress, UsbId};
use super::interface_options::InterfaceIp;
use crate::values::{value_enum, Uint, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<interface type=…>`: how the interface connects to the host
    /// (formatdomain: "Network interfaces").
    pub enum InterfaceType {
        /// `network`: a libvirt virtual network.
        Network = "network",
        /// `bridge`: a host bridge.
        Bridge = "bridge",
        /// `direct`: macvtap on a physical interface.
        Direct = "direct",
        /// `user`: userspace networking (SLIRP or passt).
        User = "user",
        /// `ethernet`: a tap device set up by a script or by hand.
        Ethernet = "ethernet",
        /// `hostdev`: PCI passthrough of an SR-IOV virtual function.
        Hostdev = "hostdev",
        /// `vhostuser`: a vhost-user socket.
        Vhostuser = "vhostuser",
        /// `vdpa`: a vhost-vDPA device.
        Vdpa = "vdpa",
        /// `server`: TCP tunnel, listening side.
        Server = "server",
        /// `client`: TCP tunnel, connecting side.
        Client = "client",
        /// `mcast`: multicast tunnel.
        Mcast = "mcast",
        /// `udp`: UDP unicast tunnel.
        Udp = "udp",
        /// `null`: no backend.
        Null = "null",
        /// `vds`: VMware Distributed Switch.
        Vds = "vds",
        /// `internal`: VirtualBox internal network.
        Internal = "internal",
    }
}

value_enum! {
    /// `<source macTableManager=…>`: who manages the bridge's forwarding table
    /// (formatdomain: "Bridge to LAN"; network XML "Connectivity").
    pub enum MacTableManager {
        /// `kernel`: the bridge learns addresses itself.
        Kernel = "kernel",
        /// `libvirt`: libvirt adds the guests' addresses and turns learning off.
        Libvirt = "libvirt",
    }
}

value_enum! {
    /// `<source mode=…>` of a `type='direct'` interface: the macvtap mode
    /// (formatdomain: "Direct attachment to physical interface").
    pub enum MacvtapMode {
        /// `vepa`: every packet goes to the external switch (libvirt's default).
        Vepa = "vepa",
        /// `bridge`: guests on the same device talk directly.
        Bridge = "bridge",
        /// `private`: guests never talk to each other except through the network.
        Private = "private",
        /// `passthrough`: the device (an SR-IOV VF) is given to one guest.
        Passthrough = "passthrough",
    }
}

/// `<source>` of an `<interface>`; the shape depends on the interface's `type`
/// (formatdomain: "Network interfaces").
///
/// The variant is chosen by the `type` attribute of the enclosing `<interface>`; the
/// interface's [`kind`](super::Interface::kind) field writes that attribute, so the
/// two must agree ([`Domain::validate`](crate::Domain::validate) checks they do). An
/// interface whose `type` this crate does not know, lacks, or gives no source shape
/// (`null`) keeps its `<source>` whole in [`InterfaceSource::Other`].
///
/// ```
/// use libvirt_domain::devices::{DeviceXml, Interface, InterfaceSource, InterfaceType};
/// let nic = Interface::from_xml("<interface type='bridge'><source bridge='br0'/></interface>")?;
/// assert_eq!(nic.source, Some(InterfaceSource::bridge("br0")));
/// assert_eq!(nic.source.as_ref().and_then(InterfaceSource::kind), Some(InterfaceType::Bridge));
/// # Ok::<(), libvirt_domain::Error>(())
/// ```
// The common variants hold their structs directly; the large, rarer `hostdev` and
// `vhostuser` ones are boxed (build them with `Box::new` or `.into()`), so an
// `InterfaceSource` costs what a network or bridge source needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "^@type")]
#[non_exhaustive]
pub enum InterfaceSource {
    /// `type='network'`: a libvirt virtual network.
    #[serde(rename = "network")]
    Network(InterfaceSourceNetwork),
    /// `type='bridge'`: a host bridge.
    #[serde(rename = "bridge")]
    Bridge(InterfaceSourceBridge),
    /// `type='direct'`: macvtap on a host interface.
    #[serde(rename = "direct")]
    Direct(InterfaceSourceDirect),
    /// `type='user'`: the host interface passt derives routes from.
    #[serde(rename = "user")]
    User(InterfaceSourceUser),
    /// `type='ethernet'`: host-side addresses and routes of the tap device.
    #[serde(rename = "ethernet")]
    Ethernet(InterfaceSourceEthernet),
    /// `type='hostdev'`: the SR-IOV virtual function passed through.
    #[serde(rename = "hostdev")]
    Hostdev(Box<InterfaceSourceHostdev>),
    /// `type='vhostuser'`: the vhost-user socket (or passt's host interface).
    #[serde(rename = "vhostuser")]
    Vhostuser(Box<InterfaceSourceVhostuser>),
    /// `type='vdpa'`: the vhost-vDPA character device.
    #[serde(rename = "vdpa")]
    Vdpa(InterfaceSourceVdpa),
    /// `type='server'`: the listening end of a TCP tunnel.
    #[serde(rename = "server")]
    Server(InterfaceSourceTunnel),
    /// `type='client'`: the connecting end of a TCP tunnel.
    #[serde(rename = "client")]
    Client(InterfaceSourceTunnel),
    /// `type='mcast'`: a multicast group.
    #[serde(rename = "mcast")]
    Mcast(InterfaceSourceTunnel),
    /// `type='udp'`: a UDP unicast tunnel.
    #[serde(rename = "udp")]
    Udp(InterfaceSourceUdp),
    /// `type='vds'`: a VMware distributed switch port.
    #[serde(rename = "vds")]
    Vds(InterfaceSourceVds),
    /// `type='internal'`: a VirtualBox internal network.
    #[serde(rename = "internal")]
    Internal(InterfaceSourceInternal),
    /// The `<source>` of an interface whose `type` is unknown, missing or `null`,
    /// kept whole.
    #[serde(rename = "$other")]
    Other(OtherSource),
}

impl InterfaceSource {
    /// `<source network=…/>`: the libvirt network `name`.
    pub fn network(name: impl Into<String>) -> Self {
        InterfaceSource::Network(InterfaceSourceNetwork {
            network: Some(name.into()),
            ..Default::default()
        })
    }

    /// `<source bridge=…/>`: the host bridge `name`.
    pub fn bridge(name: impl Into<String>) -> Self {
        InterfaceSource::Bridge(InterfaceSourceBridge {
            bridge: Some(name.into()),
            ..Default::default()
        })
    }

    /// `<source dev=… mode=…/>`: macvtap on the host interface `dev`.
    pub fn direct(dev: impl Into<String>, mode: MacvtapMode) -> Self {
        InterfaceSource::Direct(InterfaceSourceDirect {
            dev: Some(dev.into()),
            mode: Some(mode),
            ..Default::default()
        })
    }

    /// The interface `type` this source belongs to; `None` for
    /// [`InterfaceSource::Other`].
    pub fn kind(&self) -> Option<InterfaceType> {
        Some(match self {
            InterfaceSource::Network(_) => InterfaceType::Network,
            InterfaceSource::Bridge(_) => InterfaceType::Bridge,
            InterfaceSource::Direct(_) => InterfaceType::Direct,
            InterfaceSource::User(_) => InterfaceType::User,
            InterfaceSource::Ethernet(_) => InterfaceType::Ethernet,
            InterfaceSource::Hostdev(_) => InterfaceType::Hostdev,
            InterfaceSource::Vhostuser(_) => InterfaceType::Vhostuser,
            InterfaceSource::Vdpa(_) => InterfaceType::Vdpa,
            InterfaceSource::Server(_) => InterfaceType::Server,
            InterfaceSource::Client(_) => InterfaceType::Client,
            InterfaceSource::Mcast(_) => InterfaceType::Mcast,
            InterfaceSource::Udp(_) => InterfaceType::Udp,
            InterfaceSource::Vds(_) => InterfaceType::Vds,
            InterfaceSource::Internal(_) => InterfaceType::Internal,
            InterfaceSource::Other(_) => return None,
        })
    }

    /// Whether an interface of type `kind` has a `<source>` variant of its own
    /// (every known type except `null`); a `<source>` under any other type reads as
    /// [`InterfaceSource::Other`].
    pub(crate) fn has_variant(kind: &InterfaceType) -> bool {
        !matches!(kind, InterfaceType::Null | InterfaceType::Other(_))
    }
}

/// `<source>` of a `type='network'` interface (formatdomain: "Virtual network").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceNetwork {
    /// `network`: the libvirt network's name.
    #[serde(rename = "@network")]
    pub network: Option<String>,
    /// `portgroup`: the network's port group.
    #[serde(rename = "@portgroup")]
    pub portgroup: Option<String>,
    /// `portid`: UUID of the network port (live XML).
    #[serde(rename = "@portid")]
    pub portid: Option<String>,
    /// `bridge`: the bridge the network uses (live XML).
    #[serde(rename = "@bridge")]
    pub bridge: Option<String>,
    /// `macTableManager`: who manages that bridge's forwarding table (live XML).
    #[serde(rename = "@macTableManager")]
    pub mac_table_manager: Option<MacTableManager>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='bridge'` interface (formatdomain: "Bridge to LAN").
///
/// The network attributes appear when libvirt writes the actual connection of a
/// `type='network'` interface whose network is a bridge.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceBridge {
    /// `bridge`: the host bridge's name.
    #[serde(rename = "@bridge")]
    pub bridge: Option<String>,
    /// `macTableManager`: who manages the bridge's forwarding table.
    #[serde(rename = "@macTableManager")]
    pub mac_table_manager: Option<MacTableManager>,
    /// `network`: the libvirt network the bridge belongs to.
    #[serde(rename = "@network")]
    pub network: Option<String>,
    /// `portgroup`: that network's port group.
    #[serde(rename = "@portgroup")]
    pub portgroup: Option<String>,
    /// `portid`: UUID of the network port.
    #[serde(rename = "@portid")]
    pub portid: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='direct'` interface (formatdomain: "Direct attachment to
/// physical interface").
///
/// The network attributes appear when libvirt writes the actual connection of a
/// `type='network'` interface whose network is a macvtap pool.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceDirect {
    /// `dev`: the host interface macvtap sits on.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `mode`: the macvtap mode (`vepa` when absent).
    #[serde(rename = "@mode")]
    pub mode: Option<MacvtapMode>,
    /// `network`: the libvirt network the device belongs to.
    #[serde(rename = "@network")]
    pub network: Option<String>,
    /// `portgroup`: that network's port group.
    #[serde(rename = "@portgroup")]
    pub portgroup: Option<String>,
    /// `portid`: UUID of the network port.
    #[serde(rename = "@portid")]
    pub portid: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='user'` interface: the host interface passt derives the
/// guest's routes from (formatdomain: "Userspace connection using passt").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceUser {
    /// `dev`: the host interface.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='ethernet'` interface: addresses and routes for the host
/// side of the tap device (formatdomain: "IP configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceEthernet {
    /// `<ip>`: host-side addresses.
    #[serde(rename = "ip")]
    pub ips: Vec<InterfaceIp>,
    /// `<route>`: host-side routes.
    #[serde(rename = "route")]
    pub routes: Vec<Route>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='hostdev'` interface: the host device passed through, by
/// address (PCI or USB) or by USB vendor and product (formatdomain: "PCI
/// Passthrough").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceHostdev {
    /// `missing`: the device may be absent when the guest starts.
    #[serde(rename = "@missing")]
    pub missing: Option<YesNo>,
    /// `<vendor id=…>`: USB vendor id.
    pub vendor: Option<UsbId>,
    /// `<product id=…>`: USB product id.
    pub product: Option<UsbId>,
    /// `<address>`: the device's address on the host.
    pub address: Option<InterfaceHostdevAddress>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address>` in the `<source>` of a `type='hostdev'` interface: the host device's
/// address; the shape depends on its own `type` (formatdomain: "PCI Passthrough").
///
/// The schema allows a typed address alone, or `<vendor>`/`<product>` followed by an
/// address without `type`, which libvirt reads as a USB address; such an address, or
/// one of a type this crate does not know, is [`InterfaceHostdevAddress::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@type")]
#[non_exhaustive]
pub enum InterfaceHostdevAddress {
    /// `type='pci'`: the virtual function's PCI address.
    #[serde(rename = "pci")]
    Pci(PciAddress),
    /// `type='usb'`: the USB device's bus and device number.
    #[serde(rename = "usb")]
    Usb(UsbHostAddress),
    /// An address without `type` (USB) or with a type this crate does not know.
    #[serde(rename = "$other")]
    Other(InterfaceHostdevOtherAddress),
}

/// `<address>` in a hostdev interface's `<source>` without `type` (the USB form
/// libvirt reads after `<vendor>`/`<product>`), or with a `type` this crate does not
/// know (formatdomain: "PCI Passthrough").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceHostdevOtherAddress {
    /// `type`: an unknown type as written; `None` for the USB form. A known type
    /// (`pci`, `usb`) reads back as its own variant.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// `bus`: host USB bus number (USB form).
    #[serde(rename = "@bus")]
    pub bus: Option<Uint>,
    /// `device`: host USB device number (USB form).
    #[serde(rename = "@device")]
    pub device: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='vhostuser'` interface: the vhost-user socket, or with the
/// passt backend the host interface passt uses (formatdomain: "vhost-user
/// connection", "vhost-user connection with passt backend").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceVhostuser {
    /// `type`: the socket kind, `unix`.
    #[serde(rename = "@type")]
    pub kind: Option<SocketType>,
    /// `path`: the socket's path.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// `mode`: whether QEMU listens or connects.
    #[serde(rename = "@mode")]
    pub mode: Option<SocketMode>,
    /// `dev`: the host interface passt uses (passt backend).
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `<reconnect>`: how a client reconnects.
    pub reconnect: Option<Reconnect>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='vdpa'` interface (formatdomain: "vDPA devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceVdpa {
    /// `dev`: the vhost-vDPA character device, e.g. `/dev/vhost-vdpa-0`.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='server'`, `type='client'` or `type='mcast'` interface
/// (formatdomain: "TCP tunnel", "Multicast tunnel").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceTunnel {
    /// `address`: IPv4 address to listen on, connect to, or the multicast group.
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `port`: the port (the schema allows -1 to 65535).
    #[serde(rename = "@port")]
    pub port: Option<i32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='udp'` interface: the remote end (formatdomain: "UDP
/// unicast tunnel").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceUdp {
    /// `address`: the remote IPv4 address packets are sent to.
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `port`: the remote port.
    #[serde(rename = "@port")]
    pub port: Option<i32>,
    /// `<local>`: the local end.
    pub local: Option<InterfaceSourceLocal>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<local>` of a UDP tunnel source (formatdomain: "UDP unicast tunnel").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceLocal {
    /// `address`: local IPv4 address.
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `port`: local port.
    #[serde(rename = "@port")]
    pub port: Option<i32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='vds'` interface (formatdomain: "VMWare Distributed
/// Switch").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceVds {
    /// `switchid`: the switch's UUID.
    #[serde(rename = "@switchid")]
    pub switchid: Option<String>,
    /// `portid`: the port number.
    #[serde(rename = "@portid")]
    pub portid: Option<i64>,
    /// `portgroupid`: the port group's id.
    #[serde(rename = "@portgroupid")]
    pub portgroupid: Option<String>,
    /// `connectionid`: the connection's id.
    #[serde(rename = "@connectionid")]
    pub connectionid: Option<i64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<source>` of a `type='internal'` interface: a VirtualBox internal network
/// (formatdomain: "Network interfaces"; schema only).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceSourceInternal {
    /// `name`: the internal network's name.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::devices::Interface;

    /// One interface of every type whose `<source>` has a variant: built in Rust, it
    /// writes exactly this XML, reads back equal, and nothing is left unmodelled.
    #[test]
    fn every_variant_round_trips() {
        let tunnel = |address: Option<&str>, port| InterfaceSourceTunnel {
            address: address.map(Into::into),
            port: Some(port),
            ..Default::default()
        };
        let cases = [
            (
                InterfaceSource::Network(InterfaceSourceNetwork {
                    network: Some("lan".into()),
                    portgroup: Some("engineering".into()),
                    portid: Some("5f4a7b3e-0c2d-4b9a-8e61-2d7c9f0a1b23".into()),
                    bridge: Some("virbr1".into()),
                    mac_table_manager: Some(MacTableManager::Libvirt),
                    ..Default::default()
                }),
                "<interface type='network'>\n  <source network='lan' portgroup='engineering' portid='5f4a7b3e-0c2d-4b9a-8e61-2d7c9f0a1b23' bridge='virbr1' macTableManager='libvirt'/>\n</interface>",
            ),
            (
                InterfaceSource::Bridge(InterfaceSourceBridge {
                    bridge: Some("br0".into()),
                    mac_table_manager: Some(MacTableManager::Kernel),
                    network: Some("host-bridge".into()),
                    ..Default::default()
                }),
                "<interface type='bridge'>\n  <source bridge='br0' macTableManager='kernel' network='host-bridge'/>\n</interface>",
            ),
            (
                InterfaceSource::direct("enp3s0", MacvtapMode::Passthrough),
                "<interface type='direct'>\n  <source dev='enp3s0' mode='passthrough'/>\n</interface>",
            ),
            (
                InterfaceSource::User(InterfaceSourceUser {
                    dev: Some("wlan0".into()),
                    ..Default::default()
                }),
                "<interface type='user'>\n  <source dev='wlan0'/>\n</interface>",
            ),
            (
                InterfaceSource::Ethernet(InterfaceSourceEthernet {
                    ips: vec![InterfaceIp {
                        address: Some("10.9.8.1".into()),
                        prefix: Some(30),
                        peer: Some("10.9.8.2".into()),
                        ..Default::default()
                    }],
                    routes: vec![Route {
                        family: Some("ipv4".into()),
                        address: Some("10.77.0.0".into()),
                        prefix: Some(16),
                        gateway: Some("10.9.8.2".into()),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
                "<interface type='ethernet'>\n  <source>\n    <ip address='10.9.8.1' prefix='30' peer='10.9.8.2'/>\n    <route family='ipv4' address='10.77.0.0' prefix='16' gateway='10.9.8.2'/>\n  </source>\n</interface>",
            ),
            (
                InterfaceSource::Hostdev(Box::new(InterfaceSourceHostdev {
                    missing: Some(YesNo::No),
                    address: Some(InterfaceHostdevAddress::Pci(PciAddress {
                        domain: Some(Uint::hex(0, 4)),
                        bus: Some(Uint::hex(0x3b, 2)),
                        slot: Some(Uint::hex(0x10, 2)),
                        function: Some(Uint::hex(2, 1)),
                        ..Default::default()
                    })),
                    ..Default::default()
                })),
                "<interface type='hostdev'>\n  <source missing='no'>\n    <address type='pci' domain='0x0000' bus='0x3b' slot='0x10' function='0x2'/>\n  </source>\n</interface>",
            ),
            (
                InterfaceSource::Hostdev(Box::new(InterfaceSourceHostdev {
                    address: Some(InterfaceHostdevAddress::Usb(UsbHostAddress {
                        bus: Some(Uint::from(2u32)),
                        device: Some(Uint::from(5u32)),
                        ..Default::default()
                    })),
                    ..Default::default()
                })),
                "<interface type='hostdev'>\n  <source>\n    <address type='usb' bus='2' device='5'/>\n  </source>\n</interface>",
            ),
            (
                InterfaceSource::Vhostuser(Box::new(InterfaceSourceVhostuser {
                    kind: Some(SocketType::Unix),
                    path: Some("/run/vhost/port7.sock".into()),
                    mode: Some(SocketMode::Client),
                    reconnect: Some(Reconnect {
                        enabled: Some(YesNo::Yes),
                        timeout: Some(3),
                        ..Default::default()
                    }),
                    ..Default::default()
                })),
                "<interface type='vhostuser'>\n  <source type='unix' path='/run/vhost/port7.sock' mode='client'>\n    <reconnect enabled='yes' timeout='3'/>\n  </source>\n</interface>",
            ),
            (
                InterfaceSource::Vhostuser(Box::new(InterfaceSourceVhostuser {
                    dev: Some("eno1".into()),
                    ..Default::default()
                })),
                "<interface type='vhostuser'>\n  <source dev='eno1'/>\n</interface>",
            ),
            (
                InterfaceSource::Vdpa(InterfaceSourceVdpa {
                    dev: Some("/dev/vhost-vdpa-3".into()),
                    ..Default::default()
                }),
                "<interface type='vdpa'>\n  <source dev='/dev/vhost-vdpa-3'/>\n</interface>",
            ),
            (
                InterfaceSource::Server(tunnel(None, 6000)),
                "<interface type='server'>\n  <source port='6000'/>\n</interface>",
            ),
            (
                InterfaceSource::Client(tunnel(Some("10.1.1.1"), 6000)),
                "<interface type='client'>\n  <source address='10.1.1.1' port='6000'/>\n</interface>",
            ),
            (
                InterfaceSource::Mcast(tunnel(Some("239.1.2.3"), -1)),
                "<interface type='mcast'>\n  <source address='239.1.2.3' port='-1'/>\n</interface>",
            ),
            (
                InterfaceSource::Udp(InterfaceSourceUdp {
                    address: Some("10.1.1.2".into()),
                    port: Some(7001),
                    local: Some(InterfaceSourceLocal {
                        address: Some("10.1.1.1".into()),
                        port: Some(7002),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<interface type='udp'>\n  <source address='10.1.1.2' port='7001'>\n    <local address='10.1.1.1' port='7002'/>\n  </source>\n</interface>",
            ),
            (
                InterfaceSource::Vds(InterfaceSourceVds {
                    switchid: Some("00112233-4455-6677-8899-aabbccddeeff".into()),
                    portid: Some(17),
                    portgroupid: Some("dvportgroup-9".into()),
                    connectionid: Some(-4),
                    ..Default::default()
                }),
                "<interface type='vds'>\n  <source switchid='00112233-4455-6677-8899-aabbccddeeff' portid='17' portgroupid='dvportgroup-9' connectionid='-4'/>\n</interface>",
            ),
            (
                InterfaceSource::Internal(InterfaceSourceInternal {
                    name: Some("intnet".into()),
                    ..Default::default()
                }),
                "<interface type='internal'>\n  <source name='intnet'/>\n</interface>",
            ),
        ];
        let mut kinds = Vec::new();
        for (source, xml) in cases {
            let kind = source.kind().expect("a known variant");
            let nic = Interface::with_source(source);
            assert_eq!(nic.kind.as_ref(), Some(&kind));
            assert_xml(&nic, "interface", xml);
            let read: Interface = assert_modelled(xml, "interface");
            assert_eq!(read, nic);
            kinds.push(kind);
        }
        // Every type with a <source> shape is covered.
        for kind in InterfaceType::KNOWN {
            assert_eq!(
                kinds.contains(kind),
                InterfaceSource::has_variant(kind),
                "{kind}"
            );
        }
    }

    #[test]
    fn unknown_missing_and_null_types_keep_the_source_whole() {
        for xml in [
            "<interface type='wormhole'>\n  <source tunnel='ab' depth='3'>\n    <anchor/>\n  </source>\n</interface>",
            "<interface>\n  <source bridge='br0'/>\n</interface>",
            "<interface type='null'>\n  <source dev='x'/>\n</interface>",
        ] {
            let nic: Interface = crate::codec::from_str(xml, "interface").unwrap();
            let Some(InterfaceSource::Other(other)) = &nic.source else {
                panic!("{xml}: {:?}", nic.source);
            };
            assert!(!other.extra.is_empty(), "{xml}");
            assert_eq!(nic.source.as_ref().and_then(InterfaceSource::kind), None);
            assert_eq!(crate::codec::to_string(&nic, "interface").unwrap(), xml);
            let reports = crate::codec::unmodelled(&nic, "interface");
            assert!(
                !reports.is_empty()
                    && reports.iter().all(|r| r.path.starts_with("/interface/source/")
                        || (r.path == "/interface/@type" && r.kind == "value")),
                "{xml}: {reports:?}"
            );
        }
        let nic: Interface = crate::codec::from_str(
            "<interface type='wormhole'>\n  <source tunnel='ab' depth='3'>\n    <anchor/>\n  </source>\n</interface>",
            "interface",
        )
        .unwrap();
        let paths: Vec<String> = crate::codec::unmodelled(&nic, "interface")
            .into_iter()
            .map(|r| r.path)
            .collect();
        assert_eq!(
            paths,
            [
                "/interface/source/@tunnel",
                "/interface/source/@depth",
                "/interface/source/anchor",
                "/interface/@type"
            ]
        );
        assert_eq!(nic.kind, Some(InterfaceType::Other("wormhole".into())));
    }

    #[test]
    fn attributes_another_type_allows_are_kept_and_reported() {
        // `dev` belongs to direct sources, not bridge sources; `bridge` to bridge sources.
        let xml = "<interface type='bridge'>\n  <source bridge='br0' dev='eth0'/>\n</interface>";
        let nic: Interface = crate::codec::from_str(xml, "interface").unwrap();
        let Some(InterfaceSource::Bridge(bridge)) = &nic.source else {
            panic!("{:?}", nic.source);
        };
        assert_eq!(bridge.bridge.as_deref(), Some("br0"));
        assert_eq!(crate::codec::to_string(&nic, "interface").unwrap(), xml);
        let reports = crate::codec::unmodelled(&nic, "interface");
        assert_eq!(reports.len(), 1, "{reports:?}");
        assert_eq!(reports[0].path, "/interface/source/@dev");

        let xml = "<interface type='direct'>\n  <source dev='eth0' bridge='br0'>\n    <local port='1'/>\n  </source>\n</interface>";
        let nic: Interface = crate::codec::from_str(xml, "interface").unwrap();
        assert!(
            matches!(&nic.source, Some(InterfaceSource::Direct(d)) if d.dev.as_deref() == Some("eth0"))
        );
        assert_eq!(crate::codec::to_string(&nic, "interface").unwrap(), xml);
        let paths: Vec<String> = crate::codec::unmodelled(&nic, "interface")
            .into_iter()
            .map(|r| r.path)
            .collect();
        assert_eq!(
            paths,
            ["/interface/source/@bridge", "/interface/source/local"]
        );
    }

    #[test]
    fn a_typeless_hostdev_address_survives() {
        // libvirt reads an address without `type` after <vendor>/<product> as USB.
        let xml = "<interface type='hostdev' managed='yes'>\n  <source>\n    <vendor id='0x0b95'/>\n    <product id='0x1790'/>\n    <address bus='1' device='4'/>\n  </source>\n</interface>";
        let nic: Interface = assert_modelled(xml, "interface");
        let Some(InterfaceSource::Hostdev(source)) = &nic.source else {
            panic!("{:?}", nic.source);
        };
        let Some(InterfaceHostdevAddress::Other(address)) = &source.address else {
            panic!("{:?}", source.address);
        };
        assert_eq!(address.kind, None);
        assert_eq!(address.device, Some(Uint::from(4u32)));
        assert_eq!(source.vendor, Some(UsbId::hex(0x0b95)));

        // An unknown type is kept with everything it holds, and reported.
        let xml = "<interface type='hostdev'>\n  <source>\n    <address type='cxl' bus='1' port='2'/>\n  </source>\n</interface>";
        let nic: Interface = crate::codec::from_str(xml, "interface").unwrap();
        assert_eq!(crate::codec::to_string(&nic, "interface").unwrap(), xml);
        let reports = crate::codec::unmodelled(&nic, "interface");
        assert_eq!(reports.len(), 1, "{reports:?}");
        assert_eq!(reports[0].path, "/interface/source/address/@port");
    }

    #[test]
    fn a_bad_port_is_an_error_naming_the_place() {
        let xml =
            "<interface type='udp'>\n  <source address='10.0.0.1' port='http'/>\n</interface>";
        let err = crate::codec::from_str::<Interface>(xml, "interface").unwrap_err();
        let message = err.to_string();
        assert!(message.contains("/interface/source/@port"), "{message}");
        assert!(message.contains("line 2"), "{message}");
    }
}
