//! `<hub>` and `<redirdev>`: USB hubs and USB redirection (formatdomain: "Hub
//! devices", "Redirected devices").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::chardev::{CharLog, CharProtocol};
use super::chardev_source::CharSource;
use super::chardev_source::ChardevType;
use super::common::{Acpi, Alias, Boot};
use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `<hub type=…>`: the bus the hub extends (formatdomain: "Hub devices").
    pub enum HubType {
        /// `usb`
        Usb = "usb",
    }
}

/// `<hub>`: a USB hub that adds ports to a USB bus (formatdomain: "Hub devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Hub {
    /// `type`: the hub's bus, `usb`.
    #[serde(rename = "@type")]
    pub kind: Option<HubType>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: the USB port the hub is plugged into.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<redirdev bus=…>`: the bus the redirected device appears on (formatdomain:
    /// "Redirected devices").
    pub enum RedirdevBus {
        /// `usb`
        Usb = "usb",
    }
}

/// `<redirdev>`: a USB device redirected from a client through a character device
/// (formatdomain: "Redirected devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Redirdev {
    /// `bus`: `usb`.
    #[serde(rename = "@bus")]
    pub bus: Option<RedirdevBus>,
    /// `type`: the character device carrying the traffic (`spicevmc`, `tcp`, …).
    #[serde(rename = "@type")]
    pub kind: Option<ChardevType>,
    /// `<source>`: character device details, shaped by `kind`.
    #[serde(rename = "source")]
    pub sources: Vec<CharSource>,
    /// `<protocol>`: wire protocol of a TCP backend.
    pub protocol: Option<CharProtocol>,
    /// `<log>`: copy the traffic to a file.
    pub log: Option<CharLog>,
    /// `<boot>`: boot order.
    pub boot: Option<Boot>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: the USB port the device appears on.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::assert_xml;
    use crate::devices::{CharSourceMode, UsbAddress};

    #[test]
    fn hubs_and_redirdevs_round_trip() {
        assert_xml(
            &Hub {
                kind: Some("usb".into()),
                address: Some(Address::Usb(UsbAddress {
                    bus: Some(0u32.into()),
                    port: Some("1".into()),
                    ..Default::default()
                })),
                ..Default::default()
            },
            "hub",
            "<hub type='usb'>\n  <address type='usb' bus='0' port='1'/>\n</hub>",
        );
        assert_xml(
            &Redirdev {
                bus: Some("usb".into()),
                kind: Some(ChardevType::Spicevmc),
                alias: Some(Alias::new("redir0")),
                address: Some(Address::Usb(UsbAddress {
                    bus: Some(0u32.into()),
                    port: Some("2".into()),
                    ..Default::default()
                })),
                ..Default::default()
            },
            "redirdev",
            "<redirdev bus='usb' type='spicevmc'>\n  <alias name='redir0'/>\n  <address type='usb' bus='0' port='2'/>\n</redirdev>",
        );
        assert_xml(
            &Redirdev {
                bus: Some("usb".into()),
                kind: Some(ChardevType::Tcp),
                sources: vec![CharSource::tcp(CharSourceMode::Connect, "localhost", "4000")],
                protocol: Some(CharProtocol {
                    kind: Some(crate::devices::CharProtocolType::Raw),
                    ..Default::default()
                }),
                boot: Some(Boot::order(1)),
                ..Default::default()
            },
            "redirdev",
            "<redirdev bus='usb' type='tcp'>\n  <source mode='connect' host='localhost' service='4000'/>\n  <protocol type='raw'/>\n  <boot order='1'/>\n</redirdev>",
        );
    }
}
