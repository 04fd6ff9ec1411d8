//! `<nvram>`: the pSeries NVRAM device (formatdomain: "NVRAM device").

use serde::{Deserialize, Serialize};

use super::address::Address;
use crate::xml::Extra;

/// `<nvram>` under `<devices>`: the NVRAM device libvirt always adds to pSeries
/// guests, present to set its address (formatdomain: "NVRAM device").
///
/// Not to be confused with [`crate::os::Nvram`], the firmware variable store in `<os>`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NvramDevice {
    /// `<address>`: the device's `spapr-vio` address.
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::assert_xml;
    use crate::devices::SpaprVioAddress;

    #[test]
    fn nvram_round_trips() {
        assert_xml(&NvramDevice::default(), "nvram", "<nvram/>");
        assert_xml(
            &NvramDevice {
                address: Some(Address::SpaprVio(SpaprVioAddress {
                    reg: Some("0x00003000".into()),
                    ..Default::default()
                })),
                ..Default::default()
            },
            "nvram",
            "<nvram>\n  <address type='spapr-vio' reg='0x00003000'/>\n</nvram>",
        );
    }
}
