//! `<rng>`: the random number generator device (formatdomain: "Random number
//! generator device").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::chardev::{CharLog, CharProtocol};
use super::chardev_source::CharSource;
use super::chardev_source::ChardevType;
use super::common::{Acpi, Alias, VirtioDriver, VirtioModel};
use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `<backend model=…>` of an RNG: where the entropy comes from
    /// (formatdomain: "Random number generator device").
    pub enum RngBackendModel {
        /// `random`: a host device such as `/dev/urandom`.
        Random = "random",
        /// `egd`: an EGD daemon reached through a character device.
        Egd = "egd",
        /// `builtin`: QEMU's built-in generator.
        Builtin = "builtin",
    }
}

/// `<rng>`: a random number generator device (formatdomain: "Random number generator
/// device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Rng {
    /// `model`: virtio flavour.
    #[serde(rename = "@model")]
    pub model: Option<VirtioModel>,
    /// `<rate>`: rate limit.
    pub rate: Option<RngRate>,
    /// `<backend>`: the entropy source.
    pub backend: Option<RngBackend>,
    /// `<driver>`: virtio options.
    pub driver: Option<VirtioDriver>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the device sits.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Rng {
    /// A virtio RNG of this model fed from a host device such as `/dev/urandom`.
    pub fn random(model: VirtioModel, path: impl Into<String>) -> Self {
        Rng {
            model: Some(model),
            backend: Some(RngBackend {
                model: Some(RngBackendModel::Random),
                path: Some(path.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// `<rate>` of an RNG: at most `bytes` per `period` (formatdomain: "Random number
/// generator device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RngRate {
    /// `bytes`: bytes per period.
    #[serde(rename = "@bytes")]
    pub bytes: Option<u32>,
    /// `period`: period in milliseconds (default 1000).
    #[serde(rename = "@period")]
    pub period: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<backend>` of an RNG (formatdomain: "Random number generator device").
///
/// `random` carries the host device path as text; `egd` carries a character
/// device `type` with `<source>` and `<protocol>` children.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RngBackend {
    /// `model`: the kind of backend.
    #[serde(rename = "@model")]
    pub model: Option<RngBackendModel>,
    /// `type`: character device type of an `egd` backend.
    #[serde(rename = "@type")]
    pub kind: Option<ChardevType>,
    /// `<source>`: character device details of an `egd` backend, shaped by `kind`.
    #[serde(rename = "source")]
    pub sources: Vec<CharSource>,
    /// `<protocol>`: wire protocol of an `egd` TCP backend.
    pub protocol: Option<CharProtocol>,
    /// `<log>`: copy an `egd` backend's traffic to a file.
    pub log: Option<CharLog>,
    /// Element text: the host device of a `random` backend, e.g. `/dev/urandom`.
    #[serde(rename = "$text")]
    pub path: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::devices::CharSourceMode;

    #[test]
    fn phyllome_rngs_are_fully_modelled() {
        for (model, word) in [
            (VirtioModel::Virtio, "virtio"),
            (
                VirtioModel::VirtioNonTransitional,
                "virtio-non-transitional",
            ),
        ] {
            let xml = format!(
                "<rng model='{word}'>\n  <backend model='random'>/dev/urandom</backend>\n</rng>"
            );
            let expected = Rng::random(model, "/dev/urandom");
            assert_xml(&expected, "rng", &xml);
            assert_eq!(assert_modelled::<Rng>(&xml, "rng"), expected);
        }
    }

    #[test]
    fn egd_backend_round_trips() {
        let rng = Rng {
            model: Some(VirtioModel::Virtio),
            rate: Some(RngRate {
                bytes: Some(1234),
                period: Some(2000),
                ..Default::default()
            }),
            backend: Some(RngBackend {
                model: Some(RngBackendModel::Egd),
                kind: Some(ChardevType::Tcp),
                sources: vec![CharSource::tcp(CharSourceMode::Connect, "1.2.3.4", "1234")],
                protocol: Some(CharProtocol {
                    kind: Some(crate::devices::CharProtocolType::Raw),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            alias: Some(Alias::new("rng0")),
            ..Default::default()
        };
        assert_xml(
            &rng,
            "rng",
            "<rng model='virtio'>\n  <rate bytes='1234' period='2000'/>\n  <backend model='egd' type='tcp'>\n    <source mode='connect' host='1.2.3.4' service='1234'/>\n    <protocol type='raw'/>\n  </backend>\n  <alias name='rng0'/>\n</rng>",
        );
        assert_xml(
            &Rng {
                model: Some(VirtioModel::Virtio),
                backend: Some(RngBackend {
                    model: Some(RngBackendModel::Builtin),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "rng",
            "<rng model='virtio'>\n  <backend model='builtin'/>\n</rng>",
        );
    }
}
