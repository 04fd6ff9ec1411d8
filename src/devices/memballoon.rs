//! `<memballoon>`: the memory balloon device (formatdomain: "Memory balloon device").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias, VirtioDriver};
use crate::values::{value_enum, OnOff};
use crate::xml::Extra;

value_enum! {
    /// `<memballoon model=…>`: the balloon implementation
    /// (formatdomain: "Memory balloon device").
    pub enum MemBalloonModel {
        /// `virtio`
        Virtio = "virtio",
        /// `virtio-transitional`
        VirtioTransitional = "virtio-transitional",
        /// `virtio-non-transitional`
        VirtioNonTransitional = "virtio-non-transitional",
        /// `xen`
        Xen = "xen",
        /// `none`: no balloon (libvirt otherwise adds one).
        None = "none",
    }
}

/// `<memballoon>`: the memory balloon device (formatdomain: "Memory balloon device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemBalloon {
    /// `model`: the balloon's device model.
    #[serde(rename = "@model")]
    pub model: Option<MemBalloonModel>,
    /// `autodeflate`: deflate the balloon when the guest runs out of memory.
    #[serde(rename = "@autodeflate")]
    pub autodeflate: Option<OnOff>,
    /// `freePageReporting`: the guest reports free pages to the host.
    #[serde(rename = "@freePageReporting")]
    pub free_page_reporting: Option<OnOff>,
    /// `<stats>`: statistics collection.
    pub stats: Option<MemBalloonStats>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the balloon sits on its bus.
    pub address: Option<Address>,
    /// `<driver>`: virtio options.
    pub driver: Option<VirtioDriver>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl MemBalloon {
    /// A balloon of this model.
    pub fn new(model: MemBalloonModel) -> Self {
        MemBalloon {
            model: Some(model),
            ..Default::default()
        }
    }
}

/// `<stats>` of a memory balloon (formatdomain: "Memory balloon device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemBalloonStats {
    /// `period`: seconds between statistics updates (0 disables).
    #[serde(rename = "@period")]
    pub period: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn memballoons_round_trip() {
        for (model, xml) in [
            (MemBalloonModel::Virtio, "<memballoon model='virtio'/>"),
            (
                MemBalloonModel::VirtioNonTransitional,
                "<memballoon model='virtio-non-transitional'/>",
            ),
            (MemBalloonModel::None, "<memballoon model='none'/>"),
        ] {
            assert_xml(&MemBalloon::new(model.clone()), "memballoon", xml);
            assert_eq!(
                assert_modelled::<MemBalloon>(xml, "memballoon"),
                MemBalloon::new(model)
            );
        }
        assert_xml(
            &MemBalloon {
                autodeflate: Some(OnOff::On),
                free_page_reporting: Some(OnOff::On),
                stats: Some(MemBalloonStats {
                    period: Some(5),
                    ..Default::default()
                }),
                alias: Some(Alias::new("balloon0")),
                address: Some(Address::pci(0, 5, 0, 0)),
                driver: Some(VirtioDriver {
                    iommu: Some(OnOff::On),
                    ..Default::default()
                }),
                ..MemBalloon::new(MemBalloonModel::Virtio)
            },
            "memballoon",
            "<memballoon model='virtio' autodeflate='on' freePageReporting='on'>\n  <stats period='5'/>\n  <alias name='balloon0'/>\n  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>\n  <driver iommu='on'/>\n</memballoon>",
        );
    }
}
