//! `<panic>`: guest panic notification devices (formatdomain: "panic device").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Acpi, Alias};
use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `<panic model=…>`: how the guest reports a panic (formatdomain: "panic device").
    pub enum PanicModel {
        /// `isa`: the pvpanic ISA device.
        Isa = "isa",
        /// `pseries`: PowerPC firmware call.
        Pseries = "pseries",
        /// `hyperv`: Hyper-V crash MSRs.
        Hyperv = "hyperv",
        /// `s390`: s390 diagnose.
        S390 = "s390",
        /// `pvpanic`: the pvpanic PCI device.
        Pvpanic = "pvpanic",
    }
}

/// `<panic>`: a guest panic notification device (formatdomain: "panic device").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Panic {
    /// `model`: how the guest reports a panic.
    #[serde(rename = "@model")]
    pub model: Option<PanicModel>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<acpi>`: ACPI index.
    pub acpi: Option<Acpi>,
    /// `<address>`: where the device sits (ISA I/O port for `isa`).
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::assert_xml;
    use crate::devices::IsaAddress;

    #[test]
    fn panics_round_trip() {
        assert_xml(
            &Panic {
                model: Some(PanicModel::Hyperv),
                ..Default::default()
            },
            "panic",
            "<panic model='hyperv'/>",
        );
        assert_xml(
            &Panic {
                model: Some(PanicModel::Isa),
                address: Some(Address::Isa(IsaAddress {
                    iobase: Some("0x505".parse().unwrap()),
                    ..Default::default()
                })),
                ..Default::default()
            },
            "panic",
            "<panic model='isa'>\n  <address type='isa' iobase='0x505'/>\n</panic>",
        );
    }
}
