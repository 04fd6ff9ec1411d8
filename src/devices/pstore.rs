//! `<pstore>`: a persistent store for guest oops/panic logs (formatdomain: "Pstore").

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::common::{Alias, ScaledSize};
use crate::values::value_enum;
use crate::xml::Extra;

value_enum! {
    /// `<pstore backend=…>`: how the store is presented to the guest
    /// (formatdomain: "Pstore").
    pub enum PstoreBackend {
        /// `acpi-erst`: the ACPI Error Record Serialization Table.
        AcpiErst = "acpi-erst",
    }
}

/// `<pstore>`: an oops/panic log store backed by a host file (formatdomain: "Pstore").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Pstore {
    /// `backend`: how the store is presented (`acpi-erst`).
    #[serde(rename = "@backend")]
    pub backend: Option<PstoreBackend>,
    /// `<path>`: the host file backing the store.
    pub path: Option<String>,
    /// `<size>`: the store's size (KiB when there is no unit).
    pub size: Option<ScaledSize>,
    /// `<alias>`: device alias.
    pub alias: Option<Alias>,
    /// `<address>`: where the device sits (PCI).
    pub address: Option<Address>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Pstore {
    /// An ACPI ERST store of `size` backed by the file `path`.
    pub fn acpi_erst(path: impl Into<String>, size: ScaledSize) -> Self {
        Pstore {
            backend: Some(PstoreBackend::AcpiErst),
            path: Some(path.into()),
            size: Some(size),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn pstore_round_trips() {
        let mut pstore = Pstore::acpi_erst("/tmp/guest_acpi_esrt", ScaledSize::kib(8));
        pstore.address = Some(Address::pci(0, 2, 1, 0));
        assert_xml(
            &pstore,
            "pstore",
            "<pstore backend='acpi-erst'>\n  <path>/tmp/guest_acpi_esrt</path>\n  <size unit='KiB'>8</size>\n  <address type='pci' domain='0x0000' bus='0x02' slot='0x01' function='0x0'/>\n</pstore>",
        );
        let read: Pstore = assert_modelled(
            "<pstore backend='acpi-erst'>\n  <size>8192</size>\n  <alias name='pstore0'/>\n</pstore>",
            "pstore",
        );
        assert_eq!(read.size.unwrap().value, 8192);
    }
}
