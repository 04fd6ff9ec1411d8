//! `<vsock>`: the host–guest vsock interface (formatdomain: "Vsock").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, VirtioDriver, VirtioModel};
use crate::values::YesNo;
use crate::xml::Extra;

/// `<vsock>`: a virtio vsock device for host–guest sockets (formatdomain: "Vsock").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Vsock {
    /// `model`: virtio flavour (default `virtio`).
    #[serde(rename = "@model")]
    pub model: Option<VirtioModel>,
    /// `<cid>`: the guest's context id.
    pub cid: Option<VsockCid>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the device sits.
    pub address: Option<Address>,
    /// `<driver>`: virtio options.
    pub driver: Option<VirtioDriver>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Vsock {
    /// A virtio vsock whose CID libvirt picks at start-up.
    pub fn auto() -> Self {
        Vsock {
            model: Some(VirtioModel::Virtio),
            cid: Some(VsockCid {
                auto: Some(YesNo::Yes),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// `<cid>` of a vsock: the guest's context id, fixed or assigned (formatdomain: "Vsock").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VsockCid {
    /// `auto`: let libvirt assign a free CID when the domain starts.
    #[serde(rename = "@auto")]
    pub auto: Option<YesNo>,
    /// `address`: the CID (3 or more).
    #[serde(rename = "@address")]
    pub address: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};
    use crate::values::OnOff;

    #[test]
    fn vsock_round_trips() {
        assert_xml(
            &Vsock::auto(),
            "vsock",
            "<vsock model='virtio'>\n  <cid auto='yes'/>\n</vsock>",
        );
        assert_xml(
            &Vsock {
                model: Some(VirtioModel::Virtio),
                cid: Some(VsockCid {
                    auto: Some(YesNo::No),
                    address: Some(4),
                    ..Default::default()
                }),
                driver: Some(VirtioDriver {
                    iommu: Some(OnOff::On),
                    ..Default::default()
                }),
                ..Default::default()
            },
            "vsock",
            "<vsock model='virtio'>\n  <cid auto='no' address='4'/>\n  <driver iommu='on'/>\n</vsock>",
        );
        assert_modelled::<Vsock>(
            "<vsock model='virtio-non-transitional'>\n  <cid auto='no' address='4'/>\n  <alias name='vsock0'/>\n  <acpi index='3'/>\n  <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0003'/>\n</vsock>",
            "vsock",
        );
    }
}
