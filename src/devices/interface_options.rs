//! Network-side options of an `<interface>`: `<bandwidth>`, `<vlan>`, `<port>`,
//! `<filterref>`, `<tune>`, `<coalesce>`, `<portForward>` and `<ip>` (formatdomain:
//! "Network interfaces"); `<virtualport>` is in `virtualport.rs`.

use serde::{Deserialize, Serialize};

use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

/// `<bandwidth>`: quality of service limits of the interface (formatdomain: "Quality
/// of service").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Bandwidth {
    /// `classID`: the traffic class libvirt assigned (live XML).
    #[serde(rename = "@classID")]
    pub class_id: Option<u32>,
    /// `<inbound>`: traffic to the guest.
    pub inbound: Option<BandwidthLimits>,
    /// `<outbound>`: traffic from the guest.
    pub outbound: Option<BandwidthLimits>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<inbound>` or `<outbound>` of `<bandwidth>`: rates in KiB/s, burst in KiB
/// (formatdomain: "Quality of service").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BandwidthLimits {
    /// `average`: average rate, KiB/s.
    #[serde(rename = "@average")]
    pub average: Option<u64>,
    /// `peak`: peak rate, KiB/s.
    #[serde(rename = "@peak")]
    pub peak: Option<u64>,
    /// `floor`: guaranteed minimum rate, KiB/s (inbound, `type='network'`).
    #[serde(rename = "@floor")]
    pub floor: Option<u64>,
    /// `burst`: KiB that may be sent at peak rate.
    #[serde(rename = "@burst")]
    pub burst: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<tag nativeMode=…>`: how the native VLAN is carried on a trunk (formatdomain:
    /// "Setting VLAN tag").
    pub enum VlanNativeMode {
        /// `tagged`
        Tagged = "tagged",
        /// `untagged`
        Untagged = "untagged",
    }
}

/// `<vlan>`: VLAN tags of the interface (formatdomain: "Setting VLAN tag").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Vlan {
    /// `trunk`: `yes` for a trunk of several tags.
    #[serde(rename = "@trunk")]
    pub trunk: Option<YesNo>,
    /// `<tag>`: one VLAN.
    #[serde(rename = "tag")]
    pub tags: Vec<VlanTag>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<tag>` of a `<vlan>` (formatdomain: "Setting VLAN tag").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VlanTag {
    /// `id`: the VLAN id (0..4095).
    #[serde(rename = "@id")]
    pub id: Option<u32>,
    /// `nativeMode`: this tag is the trunk's native VLAN.
    #[serde(rename = "@nativeMode")]
    pub native_mode: Option<VlanNativeMode>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<port>`: port options of the interface (formatdomain: "Isolating guests's network
/// traffic from each other").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfacePort {
    /// `isolated`: isolated ports cannot talk to each other.
    #[serde(rename = "@isolated")]
    pub isolated: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<filterref>`: the nwfilter applied to the interface's traffic (formatdomain:
/// "Traffic filtering with NWFilter").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FilterRef {
    /// `filter`: the filter's name.
    #[serde(rename = "@filter")]
    pub filter: Option<String>,
    /// `<parameter>`: values for the filter's variables, in order.
    #[serde(rename = "parameter")]
    pub parameters: Vec<FilterParameter>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<parameter name=… value=…>` of a `<filterref>` (formatdomain: "Traffic filtering
/// with NWFilter").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FilterParameter {
    /// `name`: the variable, e.g. `IP`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `value`: its value.
    #[serde(rename = "@value")]
    pub value: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<tune>`: tap device tuning (formatdomain: "Setting NIC driver specific options").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceTune {
    /// `<sndbuf>`: the tap device's send buffer size in bytes.
    pub sndbuf: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<coalesce>`: interrupt coalescing (formatdomain: "Coalesce settings").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Coalesce {
    /// `<rx>`: receive side settings.
    pub rx: Option<CoalesceRx>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<rx>` of `<coalesce>` (formatdomain: "Coalesce settings").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CoalesceRx {
    /// `<frames>`: frame count settings.
    pub frames: Option<CoalesceFrames>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<frames>` of `<coalesce><rx>` (formatdomain: "Coalesce settings").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CoalesceFrames {
    /// `max`: frames to collect before an interrupt.
    #[serde(rename = "@max")]
    pub max: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<portForward proto=…>`: the forwarded protocol (formatdomain: "Userspace
    /// connection using passt").
    pub enum PortForwardProto {
        /// `tcp`
        Tcp = "tcp",
        /// `udp`
        Udp = "udp",
    }
}

/// `<portForward>`: ports passt forwards to the guest (formatdomain: "Userspace
/// connection using passt").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PortForward {
    /// `proto`: `tcp` or `udp`.
    #[serde(rename = "@proto")]
    pub proto: Option<PortForwardProto>,
    /// `address`: the host address to listen on.
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `dev`: the host interface to listen on.
    #[serde(rename = "@dev")]
    pub dev: Option<String>,
    /// `<range>`: the forwarded ports, in order.
    #[serde(rename = "range")]
    pub ranges: Vec<PortForwardRange>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<range>` of a `<portForward>` (formatdomain: "Userspace connection using passt").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PortForwardRange {
    /// `start`: first host port.
    #[serde(rename = "@start")]
    pub start: Option<u16>,
    /// `end`: last host port.
    #[serde(rename = "@end")]
    pub end: Option<u16>,
    /// `to`: guest port the range starts at.
    #[serde(rename = "@to")]
    pub to: Option<u16>,
    /// `exclude`: `yes` to exclude the range from forwarding.
    #[serde(rename = "@exclude")]
    pub exclude: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<ip>` of an interface: an address for the guest or host side (formatdomain: "IP
/// configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceIp {
    /// `address`: IPv4 or IPv6 address.
    #[serde(rename = "@address")]
    pub address: Option<String>,
    /// `family`: `ipv4` or `ipv6`.
    #[serde(rename = "@family")]
    pub family: Option<String>,
    /// `prefix`: network prefix length.
    #[serde(rename = "@prefix")]
    pub prefix: Option<u32>,
    /// `peer`: peer address of a point-to-point link.
    #[serde(rename = "@peer")]
    pub peer: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::assert_xml;

    #[test]
    fn bandwidth_vlan_port_round_trip() {
        assert_xml(
            &Bandwidth {
                inbound: Some(BandwidthLimits {
                    average: Some(1000),
                    peak: Some(5000),
                    floor: Some(200),
                    burst: Some(1024),
                    ..Default::default()
                }),
                outbound: Some(BandwidthLimits {
                    average: Some(128),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "bandwidth",
            "<bandwidth>\n  <inbound average='1000' peak='5000' floor='200' burst='1024'/>\n  <outbound average='128'/>\n</bandwidth>",
        );
        assert_xml(
            &Vlan {
                trunk: Some(YesNo::Yes),
                tags: vec![
                    VlanTag {
                        id: Some(42),
                        ..Default::default()
                    },
                    VlanTag {
                        id: Some(47),
                        native_mode: Some(VlanNativeMode::Untagged),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            },
            "vlan",
            "<vlan trunk='yes'>\n  <tag id='42'/>\n  <tag id='47' nativeMode='untagged'/>\n</vlan>",
        );
        assert_xml(
            &InterfacePort {
                isolated: Some(YesNo::Yes),
                ..Default::default()
            },
            "port",
            "<port isolated='yes'/>",
        );
    }

    #[test]
    fn filterref_tune_coalesce_round_trip() {
        assert_xml(
            &FilterRef {
                filter: Some("clean-traffic".into()),
                parameters: vec![FilterParameter {
                    name: Some("IP".into()),
                    value: Some("10.0.0.1".into()),
                    ..Default::default()
                }],
                ..Default::default()
            },
            "filterref",
            "<filterref filter='clean-traffic'>\n  <parameter name='IP' value='10.0.0.1'/>\n</filterref>",
        );
        assert_xml(
            &InterfaceTune {
                sndbuf: Some(1600),
                ..Default::default()
            },
            "tune",
            "<tune>\n  <sndbuf>1600</sndbuf>\n</tune>",
        );
        assert_xml(
            &Coalesce {
                rx: Some(CoalesceRx {
                    frames: Some(CoalesceFrames {
                        max: Some(7),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "coalesce",
            "<coalesce>\n  <rx>\n    <frames max='7'/>\n  </rx>\n</coalesce>",
        );
    }

    #[test]
    fn port_forward_round_trips() {
        assert_xml(
            &PortForward {
                proto: Some(PortForwardProto::Tcp),
                address: Some("2001:db8:ac10:fd01::1:10".into()),
                ranges: vec![
                    PortForwardRange {
                        start: Some(2022),
                        to: Some(22),
                        ..Default::default()
                    },
                    PortForwardRange {
                        start: Some(5000),
                        end: Some(5020),
                        exclude: Some(YesNo::Yes),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            },
            "portForward",
            "<portForward proto='tcp' address='2001:db8:ac10:fd01::1:10'>\n  <range start='2022' to='22'/>\n  <range start='5000' end='5020' exclude='yes'/>\n</portForward>",
        );
    }
}
