//! `<smartcard>`: a virtual smartcard reader (formatdomain: "Smartcard devices").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::chardev::{CharLog, CharProtocol, CharTarget};
use super::chardev_source::CharSource;
use super::chardev_source::ChardevType;
use super::common::{Acpi, Alias};
use crate::xml::Extra;

/// `<smartcard>`: a USB CCID smartcard reader; the shape depends on `mode`
/// (formatdomain: "Smartcard devices").
///
/// The variant is chosen by the element's `mode` attribute; a `mode` this crate does
/// not know is kept in [`Smartcard::Other`].
// Variants hold their structs directly (not boxed) so they can be built and matched
// without indirection, as `Device` does.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@mode")]
#[non_exhaustive]
pub enum Smartcard {
    /// `mode='host'`: relay the guest's requests to the host's smartcard via NSS.
    #[serde(rename = "host")]
    Host(HostSmartcard),
    /// `mode='host-certificates'`: emulate a card from three NSS certificates.
    #[serde(rename = "host-certificates")]
    HostCertificates(HostCertificatesSmartcard),
    /// `mode='passthrough'`: tunnel the requests through a character device.
    #[serde(rename = "passthrough")]
    Passthrough(PassthroughSmartcard),
    /// A `mode` this crate does not know, kept whole.
    #[serde(rename = "$other")]
    Other(UnknownSmartcard),
}

impl Smartcard {
    /// The `mode` as written in XML (`None` for an unknown variant without one).
    pub fn mode(&self) -> Option<&str> {
        match self {
            Smartcard::Host(_) => Some("host"),
            Smartcard::HostCertificates(_) => Some("host-certificates"),
            Smartcard::Passthrough(_) => Some("passthrough"),
            Smartcard::Other(other) => other.mode.as_deref(),
        }
    }

    /// The `<alias>` of any mode.
    pub fn alias(&self) -> Option<&Alias> {
        match self {
            Smartcard::Host(s) => s.alias.as_ref(),
            Smartcard::HostCertificates(s) => s.alias.as_ref(),
            Smartcard::Passthrough(s) => s.alias.as_ref(),
            Smartcard::Other(_) => None,
        }
    }

    /// The `<address>` of any mode.
    pub fn address(&self) -> Option<&Address> {
        match self {
            Smartcard::Host(s) => s.address.as_ref(),
            Smartcard::HostCertificates(s) => s.address.as_ref(),
            Smartcard::Passthrough(s) => s.address.as_ref(),
            Smartcard::Other(_) => None,
        }
    }
}

/// `<smartcard mode='host'>` (formatdomain: "Smartcard devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostSmartcard {
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: the CCID slot.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<smartcard mode='host-certificates'>` (formatdomain: "Smartcard devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCertificatesSmartcard {
    /// `<certificate>`: the three NSS certificate names, in order.
    #[serde(rename = "certificate")]
    pub certificates: Vec<String>,
    /// `<database>`: the NSS database directory (default `/etc/pki/nssdb`).
    pub database: Option<String>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: the CCID slot.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<smartcard mode='passthrough'>`: requests go through a character device to a
/// third-party provider (formatdomain: "Smartcard devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PassthroughSmartcard {
    /// `type`: the character device backend (`tcp`, `spicevmc`, …).
    #[serde(rename = "@type")]
    pub kind: Option<ChardevType>,
    /// `<source>`: character device details, shaped by `kind`.
    #[serde(rename = "source")]
    pub sources: Vec<CharSource>,
    /// `<protocol>`: wire protocol of a TCP backend.
    pub protocol: Option<CharProtocol>,
    /// `<log>`: copy the traffic to a file.
    pub log: Option<CharLog>,
    /// `<target>`: the guest side (not needed; the consumer is the hypervisor).
    pub target: Option<CharTarget>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: the CCID slot.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<smartcard>` with a `mode` this crate does not know (or none); everything but
/// the mode is kept in `extra` (formatdomain: "Smartcard devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnknownSmartcard {
    /// `mode`: the unknown mode, as written.
    #[serde(rename = "@mode")]
    pub mode: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::devices::{CcidAddress, CharProtocolType, CharSourceMode};

    #[test]
    fn smartcard_modes_round_trip() {
        let ccid = Address::Ccid(CcidAddress {
            controller: Some(0u32.into()),
            slot: Some(0u32.into()),
            ..Default::default()
        });
        let cases: Vec<(Smartcard, &str)> = vec![
            (
                Smartcard::Host(HostSmartcard::default()),
                "<smartcard mode='host'/>",
            ),
            (
                Smartcard::HostCertificates(HostCertificatesSmartcard {
                    certificates: vec!["cert1".into(), "cert2".into(), "cert3".into()],
                    database: Some("/etc/pki/nssdb/".into()),
                    ..Default::default()
                }),
                "<smartcard mode='host-certificates'>\n  <certificate>cert1</certificate>\n  <certificate>cert2</certificate>\n  <certificate>cert3</certificate>\n  <database>/etc/pki/nssdb/</database>\n</smartcard>",
            ),
            (
                Smartcard::Passthrough(PassthroughSmartcard {
                    kind: Some(ChardevType::Tcp),
                    sources: vec![CharSource::tcp(CharSourceMode::Bind, "127.0.0.1", "2001")],
                    protocol: Some(CharProtocol {
                        kind: Some(CharProtocolType::Raw),
                        ..Default::default()
                    }),
                    address: Some(ccid.clone()),
                    ..Default::default()
                }),
                "<smartcard mode='passthrough' type='tcp'>\n  <source mode='bind' host='127.0.0.1' service='2001'/>\n  <protocol type='raw'/>\n  <address type='ccid' controller='0' slot='0'/>\n</smartcard>",
            ),
            (
                Smartcard::Passthrough(PassthroughSmartcard {
                    kind: Some(ChardevType::Spicevmc),
                    ..Default::default()
                }),
                "<smartcard mode='passthrough' type='spicevmc'/>",
            ),
        ];
        for (value, xml) in &cases {
            assert_xml(value, "smartcard", xml);
        }
        assert_eq!(cases[2].0.mode(), Some("passthrough"));
        assert_eq!(cases[2].0.address(), Some(&ccid));
        assert_modelled::<Smartcard>(
            "<smartcard mode='host'>\n  <alias name='smartcard0'/>\n  <address type='ccid' controller='0' slot='0'/>\n</smartcard>",
            "smartcard",
        );
    }

    #[test]
    fn unknown_mode_is_kept_whole() {
        let xml = "<smartcard mode='future' flavour='x'>\n  <gadget/>\n</smartcard>";
        let read: Smartcard = crate::codec::from_str(xml, "smartcard").unwrap();
        assert_eq!(read.mode(), Some("future"));
        assert!(matches!(&read, Smartcard::Other(o) if o.extra.nodes.len() == 1));
        assert_eq!(crate::codec::to_string(&read, "smartcard").unwrap(), xml);
        assert_eq!(crate::codec::unmodelled(&read, "smartcard").len(), 2);
    }
}
