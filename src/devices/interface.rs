//! `<interface>`: network interfaces (formatdomain: "Network interfaces").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, BackendDomain, Boot, Rom, Route, Teaming};
use super::interface_options::InterfaceIp;
use super::interface_options::{
    Bandwidth, Coalesce, FilterRef, InterfacePort, InterfaceTune, PortForward, Vlan,
};
use super::interface_source::{InterfaceSource, InterfaceType};
use super::mac::MacAddress;
use super::virtualport::VirtualPort;
use crate::values::{value_enum, OnOff, YesNo};
use crate::xml::Extra;

value_enum! {
    open
    /// `<model type=…>` of an interface: the NIC model the guest sees (an open set;
    /// common QEMU values are listed) (formatdomain: "Network interfaces").
    pub enum NetModel {
        /// `virtio`
        Virtio = "virtio",
        /// `virtio-transitional`
        VirtioTransitional = "virtio-transitional",
        /// `virtio-non-transitional`
        VirtioNonTransitional = "virtio-non-transitional",
        /// `e1000`
        E1000 = "e1000",
        /// `e1000e`
        E1000e = "e1000e",
        /// `igb`
        Igb = "igb",
        /// `rtl8139`
        Rtl8139 = "rtl8139",
        /// `ne2k_pci`
        Ne2kPci = "ne2k_pci",
        /// `pcnet`
        Pcnet = "pcnet",
        /// `usb-net`
        UsbNet = "usb-net",
        /// `spapr-vlan`
        SpaprVlan = "spapr-vlan",
        /// `vmxnet3`
        Vmxnet3 = "vmxnet3",
        /// `netfront` (Xen)
        Netfront = "netfront",
    }
}

value_enum! {
    /// `<backend type=…>` of a `type='user'` (or vhost-user) interface
    /// (formatdomain: "Network interfaces").
    pub enum NetBackendType {
        /// `default`: QEMU's built-in SLIRP.
        Default = "default",
        /// `passt`: the passt userspace network stack.
        Passt = "passt",
    }
}

value_enum! {
    /// `<link state=…>`: the virtual link state (formatdomain: "Network interfaces").
    pub enum LinkState {
        /// `up`
        Up = "up",
        /// `down`
        Down = "down",
    }
}

value_enum! {
    /// `<mac type=…>`: how the MAC address was chosen (formatdomain: "Network interfaces").
    pub enum MacType {
        /// `generated`: by libvirt.
        Generated = "generated",
        /// `static`: by the user.
        Static = "static",
    }
}

/// `<interface>`: a network interface (formatdomain: "Network interfaces").
// `Serialize`, `Deserialize` and `PartialEq` are implemented in `typed_source.rs`:
// an unset `kind` is written from the source.
#[derive(Debug, Clone, Eq, Default, Serialize, Deserialize)]
#[serde(default, remote = "Self")]
pub struct Interface {
    /// `type`: how the interface connects to the host.
    #[serde(rename = "@type")]
    pub kind: Option<InterfaceType>,
    /// `managed`: libvirt detaches the VF from the host (`type='hostdev'`).
    #[serde(rename = "@managed")]
    pub managed: Option<YesNo>,
    /// `trustGuestRxFilters`: trust MAC/multicast changes made by the guest.
    #[serde(rename = "@trustGuestRxFilters")]
    pub trust_guest_rx_filters: Option<YesNo>,
    /// `<mac>`: the guest MAC address.
    pub mac: Option<InterfaceMac>,
    /// `<source>`: what the interface connects to; its variant follows `kind`.
    pub source: Option<InterfaceSource>,
    /// `<virtualport>`: the virtual port profile.
    pub virtualport: Option<Box<VirtualPort>>,
    /// `<ip>`: addresses for the guest side (user, passt) or host side (ethernet).
    #[serde(rename = "ip")]
    pub ips: Vec<InterfaceIp>,
    /// `<route>`: routes for the guest side (user, passt) or host side (ethernet).
    #[serde(rename = "route")]
    pub routes: Vec<Route>,
    /// `<portForward>`: ports passt forwards to the guest.
    #[serde(rename = "portForward")]
    pub port_forwards: Vec<PortForward>,
    /// `<script>`: script run to set up the tap device.
    pub script: Option<Box<InterfaceScript>>,
    /// `<downscript>`: script run when the tap device goes away.
    pub downscript: Option<Box<InterfaceScript>>,
    /// `<backenddomain>`: Xen driver domain providing the backend.
    pub backenddomain: Option<Box<BackendDomain>>,
    /// `<target>`: the host-side device name.
    pub target: Option<InterfaceTarget>,
    /// `<guest>`: the interface name in a container guest.
    pub guest: Option<Box<InterfaceGuest>>,
    /// `<model>`: the NIC model the guest sees.
    pub model: Option<InterfaceModel>,
    /// `<driver>`: backend driver options.
    pub driver: Option<Box<InterfaceDriver>>,
    /// `<backend>`: backend options (passt, tap and vhost paths).
    pub backend: Option<Box<InterfaceBackend>>,
    /// `<filterref>`: the nwfilter applied to the traffic.
    pub filterref: Option<Box<FilterRef>>,
    /// `<tune>`: tap device tuning.
    pub tune: Option<Box<InterfaceTune>>,
    /// `<teaming>`: virtio/hostdev failover pairing.
    pub teaming: Option<Box<Teaming>>,
    /// `<link>`: the virtual link state.
    pub link: Option<InterfaceLink>,
    /// `<mtu>`: the MTU.
    pub mtu: Option<Box<InterfaceMtu>>,
    /// `<coalesce>`: interrupt coalescing.
    pub coalesce: Option<Box<Coalesce>>,
    /// `<boot>`: boot order.
    pub boot: Option<Box<Boot>>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<rom>`: option ROM settings.
    pub rom: Option<Box<Rom>>,
    /// `<bandwidth>`: quality of service limits.
    pub bandwidth: Option<Box<Bandwidth>>,
    /// `<vlan>`: VLAN tags.
    pub vlan: Option<Box<Vlan>>,
    /// `<port>`: port isolation.
    pub port: Option<Box<InterfacePort>>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Box<Acpi>>,
    /// `<address>`: where the NIC sits.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Interface {
    /// An interface connected to `source`, with the `type` that source belongs to.
    ///
    /// ```
    /// use libvirt_domain::devices::{DeviceXml, Interface, InterfaceSource};
    /// let nic = Interface::with_source(InterfaceSource::network("default"));
    /// assert_eq!(
    ///     nic.to_xml()?,
    ///     "<interface type='network'>\n  <source network='default'/>\n</interface>"
    /// );
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn with_source(source: InterfaceSource) -> Self {
        Interface {
            kind: source.kind(),
            source: Some(source),
            ..Default::default()
        }
    }

    /// A NIC on the libvirt virtual network `name` (`type='network'`).
    ///
    /// ```
    /// use libvirt_domain::devices::{DeviceXml, Interface, NetModel};
    /// use libvirt_domain::MacAddress;
    ///
    /// let nic = Interface::bridge("br0")
    ///     .mac("52:54:00:12:34:56".parse::<MacAddress>()?)
    ///     .model(NetModel::Virtio);
    /// assert_eq!(
    ///     nic.to_xml()?,
    ///     "<interface type='bridge'>\n  <mac address='52:54:00:12:34:56'/>\n  \
    ///      <source bridge='br0'/>\n  <model type='virtio'/>\n</interface>"
    /// );
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn network(name: impl Into<String>) -> Self {
        Interface::with_source(InterfaceSource::network(name))
    }

    /// A NIC on the host bridge `name` (`type='bridge'`).
    pub fn bridge(name: impl Into<String>) -> Self {
        Interface::with_source(InterfaceSource::bridge(name))
    }

    /// A NIC on user-mode networking (`type='user'`: SLIRP or passt, no host
    /// setup; what `qemu:///session` guests use).
    pub fn user() -> Self {
        Interface {
            kind: Some(InterfaceType::User),
            ..Default::default()
        }
    }

    /// `<mac address=…>`: the guest MAC address.
    pub fn mac(mut self, mac: MacAddress) -> Self {
        self.mac.get_or_insert_with(InterfaceMac::default).address = Some(mac.to_string());
        self
    }

    /// `<model type=…>`: the NIC model the guest sees (`virtio`, `e1000e`, …).
    pub fn model(mut self, model: impl Into<NetModel>) -> Self {
        self.model = Some(InterfaceModel::new(model.into()));
        self
    }

    /// The MAC address, if set.
    pub fn mac_address(&self) -> Option<&str> {
        self.mac.as_ref()?.address.as_deref()
    }

    /// The MAC address as a [`MacAddress`], if set and well formed.
    pub fn parsed_mac(&self) -> Option<MacAddress> {
        self.mac_address()?.parse().ok()
    }

    /// The NIC model, if set.
    pub fn model_type(&self) -> Option<&NetModel> {
        self.model.as_ref()?.kind.as_ref()
    }
}

/// `<mac>`: the guest MAC address (formatdomain: "Network interfaces").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceMac {
    /// `address`: e.g. `52:54:00:12:34:56`.
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `type`: generated or static.
    #[serde(rename = "@type")]
    pub kind: Option<MacType>,
    /// `check`: whether libvirt checks the address is not reserved (VMware).
    #[serde(rename = "@check")]
    pub check: Option<YesNo>,
    /// `currentAddress`: the address the guest currently uses (live XML).
    #[serde(rename = "@currentAddress")]
    pub current_address: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<script>` or `<downscript>`: a host script for the tap device (formatdomain:
/// "Generic ethernet connection").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceScript {
    /// `path`: the script.
    #[serde(rename = "@path")]
    pub path: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<target>` of an interface: the host-side device (formatdomain: "Overriding the
/// target element").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceTarget {
    /// `dev`: tap/macvtap device name.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `managed`: whether libvirt creates and deletes the device.
    #[serde(rename = "@managed")]
    pub managed: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<guest>` of an interface: the name inside a container (formatdomain: "Network
/// interfaces").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceGuest {
    /// `dev`: requested name.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `actual`: actual name (live XML).
    #[serde(rename = "@actual")]
    pub actual: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<model>` of an interface: the NIC model (formatdomain: "Setting the NIC model").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceModel {
    /// `type`: the model, e.g. `virtio`.
    #[serde(rename = "@type")]
    pub kind: Option<NetModel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl InterfaceModel {
    /// A `<model type=…/>` with this model.
    pub fn new(kind: NetModel) -> Self {
        InterfaceModel {
            kind: Some(kind),
            ..Default::default()
        }
    }
}

value_enum! {
    /// `<driver name=…>` of an interface: the backend that drives it (formatdomain:
    /// "Setting NIC driver specific options", "PCI Passthrough").
    pub enum InterfaceDriverName {
        /// `qemu`: QEMU's userspace virtio-net backend.
        Qemu = "qemu",
        /// `vhost`: the in-kernel vhost-net backend.
        Vhost = "vhost",
        /// `vfio`: VFIO device assignment (`type='hostdev'`).
        Vfio = "vfio",
        /// `kvm`: legacy KVM device assignment (`type='hostdev'`).
        Kvm = "kvm",
        /// `xen`: Xen device assignment (`type='hostdev'`).
        Xen = "xen",
    }
}

value_enum! {
    /// `<driver txmode=…>` of an interface: how QEMU's userspace backend transmits
    /// (formatdomain: "Setting NIC driver specific options").
    pub enum TxMode {
        /// `iothread`: a bottom-half in the I/O thread.
        Iothread = "iothread",
        /// `timer`: a timer.
        Timer = "timer",
    }
}

/// `<driver>` of an interface (formatdomain: "Setting NIC driver specific options").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceDriver {
    /// `name`: `qemu` or `vhost` (virtio), `vfio`, `kvm` or `xen` (hostdev).
    #[serde(rename = "@name")]
    pub name: Option<InterfaceDriverName>,
    /// `model`: the VFIO variant driver of a `type='hostdev'` interface.
    #[serde(rename = "@model")]
    pub model: Option<String>,
    /// `txmode`: `iothread` or `timer`.
    #[serde(rename = "@txmode")]
    pub txmode: Option<TxMode>,
    /// `ioeventfd`: use ioeventfd.
    #[serde(rename = "@ioeventfd")]
    pub ioeventfd: Option<OnOff>,
    /// `event_idx`: virtio event index feature.
    #[serde(rename = "@event_idx")]
    pub event_idx: Option<OnOff>,
    /// `queues`: multiqueue count.
    #[serde(rename = "@queues")]
    pub queues: Option<u32>,
    /// `rx_queue_size`: RX virtqueue size.
    #[serde(rename = "@rx_queue_size")]
    pub rx_queue_size: Option<u32>,
    /// `tx_queue_size`: TX virtqueue size.
    #[serde(rename = "@tx_queue_size")]
    pub tx_queue_size: Option<u32>,
    /// `iommu`: use the emulated IOMMU (virtio option).
    #[serde(rename = "@iommu")]
    pub iommu: Option<OnOff>,
    /// `ats`: PCIe Address Translation Service (virtio option).
    #[serde(rename = "@ats")]
    pub ats: Option<OnOff>,
    /// `packed`: packed virtqueues (virtio option).
    #[serde(rename = "@packed")]
    pub packed: Option<OnOff>,
    /// `page_per_vq`: one notification page per queue (virtio option).
    #[serde(rename = "@page_per_vq")]
    pub page_per_vq: Option<OnOff>,
    /// `rss`: receive side scaling.
    #[serde(rename = "@rss")]
    pub rss: Option<OnOff>,
    /// `rss_hash_report`: report RSS hashes to the guest.
    #[serde(rename = "@rss_hash_report")]
    pub rss_hash_report: Option<OnOff>,
    /// `<host>`: host-side offloads.
    pub host: Option<InterfaceDriverHost>,
    /// `<guest>`: guest-side offloads.
    pub guest: Option<InterfaceDriverGuest>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<host>` of an interface driver: host offloads (formatdomain: "Setting NIC driver
/// specific options").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceDriverHost {
    /// `csum`
    #[serde(rename = "@csum")]
    pub csum: Option<OnOff>,
    /// `gso`
    #[serde(rename = "@gso")]
    pub gso: Option<OnOff>,
    /// `tso4`
    #[serde(rename = "@tso4")]
    pub tso4: Option<OnOff>,
    /// `tso6`
    #[serde(rename = "@tso6")]
    pub tso6: Option<OnOff>,
    /// `ecn`
    #[serde(rename = "@ecn")]
    pub ecn: Option<OnOff>,
    /// `ufo`
    #[serde(rename = "@ufo")]
    pub ufo: Option<OnOff>,
    /// `mrg_rxbuf`: mergeable RX buffers.
    #[serde(rename = "@mrg_rxbuf")]
    pub mrg_rxbuf: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<guest>` of an interface driver: guest offloads (formatdomain: "Setting NIC
/// driver specific options").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceDriverGuest {
    /// `csum`
    #[serde(rename = "@csum")]
    pub csum: Option<OnOff>,
    /// `tso4`
    #[serde(rename = "@tso4")]
    pub tso4: Option<OnOff>,
    /// `tso6`
    #[serde(rename = "@tso6")]
    pub tso6: Option<OnOff>,
    /// `ecn`
    #[serde(rename = "@ecn")]
    pub ecn: Option<OnOff>,
    /// `ufo`
    #[serde(rename = "@ufo")]
    pub ufo: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<backend>` of an interface (formatdomain: "Setting network backend specific
/// options", "Userspace connection using passt").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceBackend {
    /// `type`: `default` (SLIRP) or `passt`.
    #[serde(rename = "@type")]
    pub kind: Option<NetBackendType>,
    /// `tap`: tun/tap device path.
    #[serde(rename = "@tap")]
    pub tap: Option<String>,
    /// `vhost`: vhost-net device path.
    #[serde(rename = "@vhost")]
    pub vhost: Option<String>,
    /// `logFile`: passt's log file.
    #[serde(rename = "@logFile")]
    pub log_file: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<link>`: the virtual link state (formatdomain: "Modifying virtual link state").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceLink {
    /// `state`: `up` or `down`.
    #[serde(rename = "@state")]
    pub state: Option<LinkState>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<mtu>`: the interface MTU (formatdomain: "MTU configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceMtu {
    /// `size`: bytes.
    #[serde(rename = "@size")]
    pub size: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::interface_source::{InterfaceSourceLocal, InterfaceSourceUdp};
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn interfaces_round_trip() {
        let network = Interface {
            kind: Some(InterfaceType::Network),
            source: Some(InterfaceSource::network("default")),
            model: Some(InterfaceModel::new(NetModel::Virtio)),
            ..Default::default()
        };
        let passt = Interface {
            kind: Some(InterfaceType::User),
            ips: vec![InterfaceIp {
                address: Some("172.17.2.0".into()),
                family: Some("ipv4".into()),
                prefix: Some(24),
                ..Default::default()
            }],
            model: Some(InterfaceModel::new(NetModel::Virtio)),
            backend: Some(Box::new(InterfaceBackend {
                kind: Some(NetBackendType::Passt),
                log_file: Some("/var/log/passt.log".into()),
                ..Default::default()
            })),
            ..Default::default()
        };
        let bridge = Interface {
            kind: Some(InterfaceType::Bridge),
            trust_guest_rx_filters: Some(YesNo::No),
            mac: Some(InterfaceMac {
                address: Some("52:54:00:12:34:56".into()),
                ..Default::default()
            }),
            source: Some(InterfaceSource::bridge("br0")),
            target: Some(InterfaceTarget {
                dev: Some("vnet0".into()),
                ..Default::default()
            }),
            model: Some(InterfaceModel::new(NetModel::Virtio)),
            driver: Some(Box::new(InterfaceDriver {
                name: Some("vhost".into()),
                queues: Some(4),
                rx_queue_size: Some(256),
                host: Some(InterfaceDriverHost {
                    csum: Some(OnOff::Off),
                    ..Default::default()
                }),
                guest: Some(InterfaceDriverGuest {
                    tso4: Some(OnOff::Off),
                    ..Default::default()
                }),
                ..Default::default()
            })),
            link: Some(InterfaceLink {
                state: Some(LinkState::Up),
                ..Default::default()
            }),
            mtu: Some(Box::new(InterfaceMtu {
                size: Some(9000),
                ..Default::default()
            })),
            boot: Some(Box::new(Boot::order(2))),
            alias: Some(Alias::new("net0")),
            rom: Some(Box::new(Rom {
                bar: Some(OnOff::Off),
                ..Default::default()
            })),
            acpi: Some(Box::new(Acpi {
                index: Some(4),
                ..Default::default()
            })),
            address: Some(Address::pci(0, 1, 0, 0)),
            ..Default::default()
        };
        let udp = Interface {
            kind: Some(InterfaceType::Udp),
            source: Some(InterfaceSource::Udp(InterfaceSourceUdp {
                address: Some("192.168.0.1".into()),
                port: Some(5555),
                local: Some(InterfaceSourceLocal {
                    address: Some("127.0.0.1".into()),
                    port: Some(5556),
                    ..Default::default()
                }),
                ..Default::default()
            })),
            ..Default::default()
        };
        let cases = [
            (
                network,
                "<interface type='network'>\n  <source network='default'/>\n  <model type='virtio'/>\n</interface>",
            ),
            (
                passt,
                "<interface type='user'>\n  <ip address='172.17.2.0' family='ipv4' prefix='24'/>\n  <model type='virtio'/>\n  <backend type='passt' logFile='/var/log/passt.log'/>\n</interface>",
            ),
            (
                bridge,
                "<interface type='bridge' trustGuestRxFilters='no'>\n  <mac address='52:54:00:12:34:56'/>\n  <source bridge='br0'/>\n  <target dev='vnet0'/>\n  <model type='virtio'/>\n  <driver name='vhost' queues='4' rx_queue_size='256'>\n    <host csum='off'/>\n    <guest tso4='off'/>\n  </driver>\n  <link state='up'/>\n  <mtu size='9000'/>\n  <boot order='2'/>\n  <alias name='net0'/>\n  <rom bar='off'/>\n  <acpi index='4'/>\n  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n</interface>",
            ),
            (
                udp,
                "<interface type='udp'>\n  <source address='192.168.0.1' port='5555'>\n    <local address='127.0.0.1' port='5556'/>\n  </source>\n</interface>",
            ),
        ];
        for (value, xml) in &cases {
            assert_xml(value, "interface", xml);
        }
    }

    #[test]
    fn phyllome_interfaces_are_fully_modelled() {
        // Phyllome writes <model> before <source>; order among different children is free.
        let nic: Interface = assert_modelled(
            "<interface type='network'>\n  <source network='default'/>\n  <model type='virtio'/>\n</interface>",
            "interface",
        );
        assert_eq!(nic.model_type(), Some(&NetModel::Virtio));
        let passt: Interface = assert_modelled(
            "<interface type='user'>\n  <model type='virtio'/>\n  <backend type='passt'/>\n</interface>",
            "interface",
        );
        assert_eq!(
            passt.backend.and_then(|b| b.kind),
            Some(NetBackendType::Passt)
        );
    }

    #[test]
    fn network_options_are_modelled() {
        let xml = "<interface type='user'>\n  <ip address='172.17.2.4' family='ipv4' prefix='24'/>\n  <route family='ipv4' address='0.0.0.0' gateway='172.17.2.1'/>\n  <portForward proto='tcp'>\n    <range start='2022' to='22'/>\n  </portForward>\n  <model type='virtio'/>\n  <backend type='passt'/>\n</interface>";
        let nic: Interface = assert_modelled(xml, "interface");
        assert_eq!(nic.port_forwards[0].ranges[0].to, Some(22));
        assert_eq!(nic.routes[0].gateway.as_deref(), Some("172.17.2.1"));

        let xml = "<interface type='direct'>\n  <source dev='eth0' mode='vepa'/>\n  <virtualport type='802.1Qbh'>\n    <parameters profileid='finance'/>\n  </virtualport>\n  <model type='virtio'/>\n  <filterref filter='clean-traffic'>\n    <parameter name='IP' value='10.0.0.1'/>\n  </filterref>\n  <tune>\n    <sndbuf>1600</sndbuf>\n  </tune>\n  <teaming type='persistent'/>\n  <coalesce>\n    <rx>\n      <frames max='7'/>\n    </rx>\n  </coalesce>\n  <bandwidth>\n    <inbound average='1000'/>\n  </bandwidth>\n  <vlan>\n    <tag id='42'/>\n  </vlan>\n  <port isolated='yes'/>\n</interface>";
        let nic: Interface = assert_modelled(xml, "interface");
        assert_eq!(nic.vlan.unwrap().tags[0].id, Some(42));
        assert_eq!(nic.tune.unwrap().sndbuf, Some(1600));

        let xml = "<interface type='ethernet'>\n  <source>\n    <ip address='192.168.123.1' prefix='24'/>\n    <route family='ipv4' address='192.168.42.0' prefix='24' gateway='192.168.123.4'/>\n  </source>\n</interface>";
        let nic: Interface = assert_modelled(xml, "interface");
        assert!(
            matches!(&nic.source, Some(InterfaceSource::Ethernet(s)) if s.ips.len() == 1 && s.routes.len() == 1)
        );
    }

    #[test]
    fn unknown_children_stay_in_extra() {
        let xml = "<interface type='user'>\n  <model type='virtio'/>\n  <gizmo/>\n</interface>";
        let nic: Interface = crate::codec::from_str(xml, "interface").unwrap();
        assert_eq!(nic.extra.nodes.len(), 1);
        assert_eq!(crate::codec::to_string(&nic, "interface").unwrap(), xml);
    }
}
