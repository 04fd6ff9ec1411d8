//! `<virtualport>`: the port profile of an `<interface>`; its `<parameters>` depend
//! on the virtualport's own `type` (formatdomain: "Direct attachment to physical
//! interface", "Bridge to LAN", "Virtual network").

use serde::{Deserialize, Serialize};

use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `<virtualport type=…>`: the kind of virtual port the interface plugs into
    /// (formatdomain: "Network interfaces", "Direct attachment to physical interface").
    pub enum VirtualPortType {
        /// `802.1Qbg`: VEPA switch (VSI).
        Qbg = "802.1Qbg",
        /// `802.1Qbh`: VN-Link port profile.
        Qbh = "802.1Qbh",
        /// `openvswitch`: an Open vSwitch bridge.
        Openvswitch = "openvswitch",
        /// `midonet`: a MidoNet virtual port.
        Midonet = "midonet",
    }
}

/// `<virtualport>`: the virtual port profile of the interface; which `<parameters>`
/// it takes depends on `type` (formatdomain: "Direct attachment to physical
/// interface", "Bridge to LAN", "Virtual network").
///
/// The variant is chosen by the element's `type` attribute. A `<virtualport>`
/// without `type` (allowed in a `type='network'` interface, whose parameters of
/// every kind are merged with the network's profile) or with a type this crate does
/// not know is [`VirtualPort::Untyped`].
///
/// ```
/// use libvirt_domain::devices::{DeviceXml, Interface, VirtualPort, VirtualPortType};
/// let nic = Interface::from_xml(
///     "<interface type='bridge'><source bridge='ovsbr'/>\
///      <virtualport type='openvswitch'><parameters profileid='menial'/></virtualport>\
///      </interface>",
/// )?;
/// let port = nic.virtualport.as_deref().unwrap();
/// assert_eq!(port.kind(), Some(VirtualPortType::Openvswitch));
/// assert!(matches!(port, VirtualPort::Openvswitch(ovs)
///     if ovs.parameters.as_ref().unwrap().profileid.as_deref() == Some("menial")));
/// # Ok::<(), libvirt_domain::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@type")]
#[non_exhaustive]
pub enum VirtualPort {
    /// `type='802.1Qbg'`: a VEPA switch's VSI.
    #[serde(rename = "802.1Qbg")]
    Qbg(VirtualPortQbg),
    /// `type='802.1Qbh'`: a VN-Link port profile.
    #[serde(rename = "802.1Qbh")]
    Qbh(VirtualPortQbh),
    /// `type='openvswitch'`: an Open vSwitch port.
    #[serde(rename = "openvswitch")]
    Openvswitch(VirtualPortOpenvswitch),
    /// `type='midonet'`: a MidoNet port.
    #[serde(rename = "midonet")]
    Midonet(VirtualPortMidonet),
    /// No `type`: parameters of every kind, merged with the network's; or a type
    /// this crate does not know, kept in [`VirtualPortUntyped::kind`].
    #[serde(rename = "$other")]
    Untyped(VirtualPortUntyped),
}

impl VirtualPort {
    /// The `type` as written: `None` for a `<virtualport>` without one.
    pub fn kind(&self) -> Option<VirtualPortType> {
        match self {
            VirtualPort::Qbg(_) => Some(VirtualPortType::Qbg),
            VirtualPort::Qbh(_) => Some(VirtualPortType::Qbh),
            VirtualPort::Openvswitch(_) => Some(VirtualPortType::Openvswitch),
            VirtualPort::Midonet(_) => Some(VirtualPortType::Midonet),
            VirtualPort::Untyped(port) => port.kind.as_deref().map(VirtualPortType::from),
        }
    }
}

/// `<virtualport type='802.1Qbg'>` (formatdomain: "Direct attachment to physical
/// interface").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualPortQbg {
    /// `<parameters>`: the VSI's identifiers.
    pub parameters: Option<QbgParameters>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<parameters>` of an 802.1Qbg virtualport (formatdomain: "Direct attachment to
/// physical interface").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QbgParameters {
    /// `managerid`: VSI manager id (0..255, 0 reserved).
    #[serde(rename = "@managerid")]
    pub managerid: Option<u8>,
    /// `typeid`: VSI type id (24 bits).
    #[serde(rename = "@typeid")]
    pub typeid: Option<u32>,
    /// `typeidversion`: VSI type version (0..255).
    #[serde(rename = "@typeidversion")]
    pub typeidversion: Option<u8>,
    /// `instanceid`: VSI instance UUID.
    #[serde(rename = "@instanceid")]
    pub instanceid: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<virtualport type='802.1Qbh'>` (formatdomain: "Direct attachment to physical
/// interface").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualPortQbh {
    /// `<parameters>`: the port profile.
    pub parameters: Option<QbhParameters>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<parameters>` of an 802.1Qbh virtualport (formatdomain: "Direct attachment to
/// physical interface").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QbhParameters {
    /// `profileid`: the port profile's name.
    #[serde(rename = "@profileid")]
    pub profileid: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<virtualport type='openvswitch'>` (formatdomain: "Bridge to LAN").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualPortOpenvswitch {
    /// `<parameters>`: the Open vSwitch port's identity.
    pub parameters: Option<OpenvswitchParameters>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<parameters>` of an Open vSwitch virtualport (formatdomain: "Bridge to LAN").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenvswitchParameters {
    /// `profileid`: the port profile sent to Open vSwitch.
    #[serde(rename = "@profileid")]
    pub profileid: Option<String>,
    /// `interfaceid`: the interface's UUID (libvirt generates one when absent).
    #[serde(rename = "@interfaceid")]
    pub interfaceid: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<virtualport type='midonet'>` (formatdomain: "Bridge to LAN").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualPortMidonet {
    /// `<parameters>`: the MidoNet port (required by the schema).
    pub parameters: Option<MidonetParameters>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<parameters>` of a MidoNet virtualport (formatdomain: "Bridge to LAN").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MidonetParameters {
    /// `interfaceid`: UUID of the port in the virtual topology.
    #[serde(rename = "@interfaceid")]
    pub interfaceid: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<virtualport>` without `type`, or with a type this crate does not know
/// (formatdomain: "Virtual network").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualPortUntyped {
    /// `type`: a type this crate does not know, as written; `None` for the type-less
    /// form. A known type reads back as its own variant.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// `<parameters>`: any of every kind's parameters.
    pub parameters: Option<VirtualPortParameters>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<parameters>` of a `<virtualport>` without `type`: every kind's parameters,
/// merged with the network's port profile (formatdomain: "Virtual network").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualPortParameters {
    /// `managerid`: VSI manager id (802.1Qbg, 0..255).
    #[serde(rename = "@managerid")]
    pub managerid: Option<u8>,
    /// `typeid`: VSI type id (802.1Qbg, 24 bits).
    #[serde(rename = "@typeid")]
    pub typeid: Option<u32>,
    /// `typeidversion`: VSI type version (802.1Qbg, 0..255).
    #[serde(rename = "@typeidversion")]
    pub typeidversion: Option<u8>,
    /// `instanceid`: VSI instance UUID (802.1Qbg).
    #[serde(rename = "@instanceid")]
    pub instanceid: Option<String>,
    /// `profileid`: port profile name (802.1Qbh, openvswitch).
    #[serde(rename = "@profileid")]
    pub profileid: Option<String>,
    /// `interfaceid`: interface UUID (openvswitch, midonet).
    #[serde(rename = "@interfaceid")]
    pub interfaceid: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    const UUID: &str = "6f2b0d4e-93a1-4c57-b8e2-1d0c7a9e3f64";

    #[test]
    fn every_variant_round_trips() {
        let cases = [
            (
                VirtualPort::Qbg(VirtualPortQbg {
                    parameters: Some(QbgParameters {
                        managerid: Some(12),
                        typeid: Some(0x00ab_cdef),
                        typeidversion: Some(1),
                        instanceid: Some(UUID.into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<virtualport type='802.1Qbg'>\n  <parameters managerid='12' typeid='11259375' typeidversion='1' instanceid='6f2b0d4e-93a1-4c57-b8e2-1d0c7a9e3f64'/>\n</virtualport>",
            ),
            (
                VirtualPort::Qbh(VirtualPortQbh {
                    parameters: Some(QbhParameters {
                        profileid: Some("accounting".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<virtualport type='802.1Qbh'>\n  <parameters profileid='accounting'/>\n</virtualport>",
            ),
            (
                VirtualPort::Openvswitch(VirtualPortOpenvswitch::default()),
                "<virtualport type='openvswitch'/>",
            ),
            (
                VirtualPort::Openvswitch(VirtualPortOpenvswitch {
                    parameters: Some(OpenvswitchParameters {
                        profileid: Some("bulk".into()),
                        interfaceid: Some(UUID.into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<virtualport type='openvswitch'>\n  <parameters profileid='bulk' interfaceid='6f2b0d4e-93a1-4c57-b8e2-1d0c7a9e3f64'/>\n</virtualport>",
            ),
            (
                VirtualPort::Midonet(VirtualPortMidonet {
                    parameters: Some(MidonetParameters {
                        interfaceid: Some(UUID.into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<virtualport type='midonet'>\n  <parameters interfaceid='6f2b0d4e-93a1-4c57-b8e2-1d0c7a9e3f64'/>\n</virtualport>",
            ),
            (
                VirtualPort::Untyped(VirtualPortUntyped {
                    kind: None,
                    parameters: Some(VirtualPortParameters {
                        typeid: Some(7),
                        profileid: Some("accounting".into()),
                        interfaceid: Some(UUID.into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                "<virtualport>\n  <parameters typeid='7' profileid='accounting' interfaceid='6f2b0d4e-93a1-4c57-b8e2-1d0c7a9e3f64'/>\n</virtualport>",
            ),
        ];
        for (port, xml) in cases {
            assert_xml(&port, "virtualport", xml);
            let read: VirtualPort = assert_modelled(xml, "virtualport");
            assert_eq!(read, port);
        }
    }

    #[test]
    fn kind_names_the_type_as_written() {
        let kind = |xml: &str| {
            crate::codec::from_str::<VirtualPort>(xml, "virtualport")
                .unwrap()
                .kind()
        };
        assert_eq!(
            kind("<virtualport type='802.1Qbh'/>"),
            Some(VirtualPortType::Qbh)
        );
        assert_eq!(
            kind("<virtualport type='midonet'/>"),
            Some(VirtualPortType::Midonet)
        );
        assert_eq!(kind("<virtualport/>"), None);
        assert_eq!(
            kind("<virtualport type='vxlan-ish'/>"),
            Some(VirtualPortType::Other("vxlan-ish".into()))
        );
    }

    #[test]
    fn parameters_another_type_uses_are_kept_and_reported() {
        // `profileid` belongs to 802.1Qbh and openvswitch, not 802.1Qbg.
        let xml = "<virtualport type='802.1Qbg'>\n  <parameters managerid='3' profileid='finance'/>\n</virtualport>";
        let port: VirtualPort = crate::codec::from_str(xml, "virtualport").unwrap();
        let VirtualPort::Qbg(qbg) = &port else {
            panic!("{port:?}");
        };
        assert_eq!(qbg.parameters.as_ref().unwrap().managerid, Some(3));
        assert_eq!(crate::codec::to_string(&port, "virtualport").unwrap(), xml);
        let reports = crate::codec::unmodelled(&port, "virtualport");
        assert_eq!(reports.len(), 1, "{reports:?}");
        assert_eq!(reports[0].path, "/virtualport/parameters/@profileid");
    }

    #[test]
    fn an_unknown_type_keeps_its_name_and_parameters() {
        let xml = "<virtualport type='vxlan-ish'>\n  <parameters interfaceid='6f2b0d4e-93a1-4c57-b8e2-1d0c7a9e3f64' vni='5001'/>\n</virtualport>";
        let port: VirtualPort = crate::codec::from_str(xml, "virtualport").unwrap();
        let VirtualPort::Untyped(untyped) = &port else {
            panic!("{port:?}");
        };
        assert_eq!(untyped.kind.as_deref(), Some("vxlan-ish"));
        assert_eq!(crate::codec::to_string(&port, "virtualport").unwrap(), xml);
        let reports = crate::codec::unmodelled(&port, "virtualport");
        assert_eq!(reports.len(), 1, "{reports:?}");
        assert_eq!(reports[0].path, "/virtualport/parameters/@vni");
    }

    #[test]
    fn out_of_range_parameters_are_errors() {
        let xml = "<virtualport type='802.1Qbg'>\n  <parameters managerid='256'/>\n</virtualport>";
        let err = crate::codec::from_str::<VirtualPort>(xml, "virtualport").unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("/virtualport/parameters/@managerid"),
            "{message}"
        );
    }
}
