//! `<crypto>`: a virtio crypto accelerator (formatdomain: "Crypto").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Alias, VirtioDriver};
use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `<crypto model=…>`: the guest device (formatdomain: "Crypto").
    pub enum CryptoModel {
        /// `virtio`: virtio-crypto.
        Virtio = "virtio",
    }
}

value_enum! {
    /// `<crypto type=…>`: who implements the device (formatdomain: "Crypto").
    pub enum CryptoType {
        /// `qemu`: QEMU.
        Qemu = "qemu",
    }
}

value_enum! {
    /// `<backend model=…>` of a crypto device: where the work is done
    /// (formatdomain: "Crypto").
    pub enum CryptoBackendModel {
        /// `builtin`: QEMU's own implementation.
        Builtin = "builtin",
        /// `lkcf`: the Linux kernel crypto framework.
        Lkcf = "lkcf",
    }
}

/// `<crypto>`: a crypto accelerator device (formatdomain: "Crypto").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Crypto {
    /// `model`: the guest device (`virtio`).
    #[serde(rename = "@model")]
    pub model: Option<CryptoModel>,
    /// `type`: the implementation (`qemu`).
    #[serde(rename = "@type")]
    pub kind: Option<CryptoType>,
    /// `<backend>`: where the work is done.
    pub backend: Option<CryptoBackend>,
    /// `<driver>`: virtio options.
    pub driver: Option<VirtioDriver>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<address>`: where the device sits.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Crypto {
    /// A virtio crypto device run by QEMU with this backend.
    pub fn virtio(backend: CryptoBackendModel) -> Self {
        Crypto {
            model: Some(CryptoModel::Virtio),
            kind: Some(CryptoType::Qemu),
            backend: Some(CryptoBackend {
                model: Some(backend),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// `<backend>` of a crypto device (formatdomain: "Crypto").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CryptoBackend {
    /// `model`: `builtin` or `lkcf`.
    #[serde(rename = "@model")]
    pub model: Option<CryptoBackendModel>,
    /// `queues`: number of virtqueues.
    #[serde(rename = "@queues")]
    pub queues: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn crypto_round_trips() {
        let mut crypto = Crypto::virtio(CryptoBackendModel::Builtin);
        if let Some(backend) = crypto.backend.as_mut() {
            backend.queues = Some(1);
        }
        assert_xml(
            &crypto,
            "crypto",
            "<crypto model='virtio' type='qemu'>\n  <backend model='builtin' queues='1'/>\n</crypto>",
        );
        assert_modelled::<Crypto>(
            "<crypto model='virtio' type='qemu'>\n  <backend model='lkcf'/>\n  <driver iommu='on'/>\n  <alias name='crypto0'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>\n</crypto>",
            "crypto",
        );
    }
}
