//! `<iommu>`: the guest IOMMU (formatdomain: "IOMMU devices").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias};
use crate::values::{value_enum, OnOff, Uint};
use crate::xml::Extra;

value_enum! {
    /// `<iommu model=…>`: the emulated IOMMU (formatdomain: "IOMMU devices").
    pub enum IommuModel {
        /// `intel`: Intel VT-d.
        Intel = "intel",
        /// `smmuv3`: Arm SMMUv3.
        Smmuv3 = "smmuv3",
        /// `virtio`: virtio-iommu.
        Virtio = "virtio",
    }
}

/// `<iommu>`: the guest IOMMU (formatdomain: "IOMMU devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Iommu {
    /// `model`: the emulated IOMMU.
    #[serde(rename = "@model")]
    pub model: Option<IommuModel>,
    /// `<driver>`: IOMMU features.
    pub driver: Option<IommuDriver>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the device sits (virtio-iommu).
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Iommu {
    /// An IOMMU of this model.
    pub fn new(model: IommuModel) -> Self {
        Iommu {
            model: Some(model),
            ..Default::default()
        }
    }
}

/// `<driver>` of an IOMMU (formatdomain: "IOMMU devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IommuDriver {
    /// `intremap`: interrupt remapping.
    #[serde(rename = "@intremap")]
    pub intremap: Option<OnOff>,
    /// `caching_mode`: VT-d caching mode (needed for device assignment).
    #[serde(rename = "@caching_mode")]
    pub caching_mode: Option<OnOff>,
    /// `eim`: extended interrupt mode.
    #[serde(rename = "@eim")]
    pub eim: Option<OnOff>,
    /// `iotlb`: device IOTLB.
    #[serde(rename = "@iotlb")]
    pub iotlb: Option<OnOff>,
    /// `aw_bits`: address width in bits.
    #[serde(rename = "@aw_bits")]
    pub aw_bits: Option<Uint>,
    /// `dma_translation`: DMA translation (off for interrupt remapping only).
    #[serde(rename = "@dma_translation")]
    pub dma_translation: Option<OnOff>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn iommus_round_trip() {
        let xml = "<iommu model='virtio'/>";
        assert_xml(&Iommu::new(IommuModel::Virtio), "iommu", xml);
        assert_eq!(
            assert_modelled::<Iommu>(xml, "iommu"),
            Iommu::new(IommuModel::Virtio)
        );
        assert_xml(
            &Iommu {
                driver: Some(IommuDriver {
                    intremap: Some(OnOff::On),
                    caching_mode: Some(OnOff::On),
                    eim: Some(OnOff::On),
                    iotlb: Some(OnOff::On),
                    aw_bits: Some(48u32.into()),
                    dma_translation: Some(OnOff::Off),
                    ..Default::default()
                }),
                alias: Some(Alias::new("iommu0")),
                ..Iommu::new(IommuModel::Intel)
            },
            "iommu",
            "<iommu model='intel'>\n  <driver intremap='on' caching_mode='on' eim='on' iotlb='on' aw_bits='48' dma_translation='off'/>\n  <alias name='iommu0'/>\n</iommu>",
        );
    }
}
