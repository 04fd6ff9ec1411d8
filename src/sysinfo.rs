//! `<sysinfo>`: system information shown to the guest — SMBIOS tables or QEMU
//! firmware configuration (fw_cfg) entries (formatdomain: "SMBIOS System Information").

use serde::{Deserialize, Serialize};

use crate::values::value_enum;
use crate::xml::Extra;

/// `<sysinfo>`: SMBIOS or fw_cfg data for the guest; the shape depends on `type`
/// (formatdomain: "SMBIOS System Information").
///
/// A domain may carry several (`Domain::sysinfo` is a list), typically one of each type.
/// A `type` this crate does not know is kept whole in [`Sysinfo::Other`].
// Variants hold their structs directly (not boxed) so they can be built and matched
// without indirection; a domain has one or two sysinfo elements.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@type")]
#[non_exhaustive]
pub enum Sysinfo {
    /// `type='smbios'`: SMBIOS blocks, used with `<os><smbios mode='sysinfo'/>`.
    #[serde(rename = "smbios")]
    Smbios(SmbiosSysinfo),
    /// `type='fwcfg'`: entries in QEMU's firmware configuration device.
    #[serde(rename = "fwcfg")]
    Fwcfg(FwcfgSysinfo),
    /// A sysinfo type this crate does not know, kept with all its content.
    #[serde(rename = "$other")]
    Other(UnknownSysinfo),
}

impl Sysinfo {
    /// The `type` as written in XML (`None` when an unknown sysinfo has no `type`).
    pub fn kind(&self) -> Option<&str> {
        match self {
            Sysinfo::Smbios(_) => Some("smbios"),
            Sysinfo::Fwcfg(_) => Some("fwcfg"),
            Sysinfo::Other(other) => other.kind.as_deref(),
        }
    }
}

value_enum! {
    /// `<bios><entry name=…>`: a field of SMBIOS block 0 (schema `sysinfo-bios-name`).
    pub enum BiosEntryName {
        /// `vendor`: the BIOS vendor's name.
        Vendor = "vendor",
        /// `version`: the BIOS version.
        Version = "version",
        /// `date`: release date, `mm/dd/yy` or `mm/dd/yyyy`.
        Date = "date",
        /// `release`: major and minor release, e.g. `10.22`.
        Release = "release",
    }
}

value_enum! {
    /// `<system><entry name=…>`: a field of SMBIOS block 1 (schema `sysinfo-system-name`).
    pub enum SystemEntryName {
        /// `manufacturer`
        Manufacturer = "manufacturer",
        /// `product`: the product name.
        Product = "product",
        /// `version`: the product version.
        Version = "version",
        /// `serial`: the serial number.
        Serial = "serial",
        /// `uuid`: must match the domain's `<uuid>` when both are given.
        Uuid = "uuid",
        /// `sku`: the SKU number.
        Sku = "sku",
        /// `family`: the family the computer belongs to.
        Family = "family",
    }
}

value_enum! {
    /// `<baseBoard><entry name=…>`: a field of SMBIOS block 2 (schema
    /// `sysinfo-baseBoard-name`).
    pub enum BaseBoardEntryName {
        /// `manufacturer`
        Manufacturer = "manufacturer",
        /// `product`: the product name.
        Product = "product",
        /// `version`: the product version.
        Version = "version",
        /// `serial`: the serial number.
        Serial = "serial",
        /// `asset`: the asset tag.
        Asset = "asset",
        /// `location`: the location in the chassis.
        Location = "location",
    }
}

value_enum! {
    /// `<chassis><entry name=…>`: a field of SMBIOS block 3 (schema
    /// `sysinfo-chassis-name`).
    pub enum ChassisEntryName {
        /// `manufacturer`
        Manufacturer = "manufacturer",
        /// `version`
        Version = "version",
        /// `serial`: the serial number.
        Serial = "serial",
        /// `asset`: the asset tag.
        Asset = "asset",
        /// `sku`: the SKU number.
        Sku = "sku",
    }
}

/// `<sysinfo type='smbios'>`: SMBIOS blocks (formatdomain: "SMBIOS System Information").
///
/// Fields are in libvirt's output order. `<processor>` and `<memory_device>` appear in
/// the host's sysinfo (`virsh sysinfo`), which uses the same element; libvirt ignores
/// them in a domain but they are modelled so such documents read without loss.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SmbiosSysinfo {
    /// `<bios>`: block 0, the BIOS.
    pub bios: Option<SysinfoBlock<BiosEntryName>>,
    /// `<system>`: block 1, the system.
    pub system: Option<SysinfoBlock<SystemEntryName>>,
    /// `<baseBoard>`: block 2, one per base board.
    #[serde(rename = "baseBoard")]
    pub base_boards: Vec<SysinfoBlock<BaseBoardEntryName>>,
    /// `<chassis>`: block 3, the chassis.
    pub chassis: Option<SysinfoBlock<ChassisEntryName>>,
    /// `<processor>`: block 4, host sysinfo only.
    #[serde(rename = "processor")]
    pub processors: Vec<SysinfoBlock<String>>,
    /// `<memory_device>`: block 17, host sysinfo only.
    #[serde(rename = "memory_device")]
    pub memory_devices: Vec<SysinfoBlock<String>>,
    /// `<oemStrings>`: block 11, free-form strings for applications in the guest.
    #[serde(rename = "oemStrings")]
    pub oem_strings: Option<OemStrings>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<bios>`, `<system>`, `<baseBoard>`, `<chassis>`: one SMBIOS block as a list of
/// named entries; `N` is the block's set of entry names (formatdomain: "SMBIOS System
/// Information").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SysinfoBlock<N> {
    /// `<entry>` elements, in order.
    #[serde(rename = "entry")]
    pub entries: Vec<SysinfoEntry<N>>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl<N> Default for SysinfoBlock<N> {
    fn default() -> Self {
        SysinfoBlock {
            entries: Vec::new(),
            extra: Extra::default(),
        }
    }
}

impl<N: PartialEq> SysinfoBlock<N> {
    /// A block with these `(name, value)` entries, in order.
    pub fn new<V: Into<String>>(entries: impl IntoIterator<Item = (N, V)>) -> Self {
        SysinfoBlock {
            entries: entries
                .into_iter()
                .map(|(name, value)| SysinfoEntry::new(name, value))
                .collect(),
            extra: Extra::default(),
        }
    }

    /// The value of the first entry called `name`.
    pub fn get(&self, name: &N) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.name.as_ref() == Some(name))
            .map(|e| e.value.as_str())
    }
}

/// `<entry name=…>value</entry>`: one field of an SMBIOS block (formatdomain: "SMBIOS
/// System Information").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SysinfoEntry<N> {
    /// `name`: which field.
    #[serde(rename = "@name")]
    pub name: Option<N>,
    /// The field's value.
    #[serde(rename = "$text")]
    pub value: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl<N> Default for SysinfoEntry<N> {
    fn default() -> Self {
        SysinfoEntry {
            name: None,
            value: String::new(),
            extra: Extra::default(),
        }
    }
}

impl<N> SysinfoEntry<N> {
    /// `<entry name=…>value</entry>`.
    pub fn new(name: N, value: impl Into<String>) -> Self {
        SysinfoEntry {
            name: Some(name),
            value: value.into(),
            extra: Extra::default(),
        }
    }
}

/// `<oemStrings>`: SMBIOS OEM strings (formatdomain: "SMBIOS System Information").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OemStrings {
    /// `<entry>` elements, in order.
    #[serde(rename = "entry")]
    pub entries: Vec<OemString>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl OemStrings {
    /// `<oemStrings>` with these strings, in order.
    pub fn new<S: Into<String>>(strings: impl IntoIterator<Item = S>) -> Self {
        OemStrings {
            entries: strings
                .into_iter()
                .map(|s| OemString {
                    value: s.into(),
                    extra: Extra::default(),
                })
                .collect(),
            extra: Extra::default(),
        }
    }
}

/// `<oemStrings><entry>`: one OEM string (formatdomain: "SMBIOS System Information").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OemString {
    /// The string.
    #[serde(rename = "$text")]
    pub value: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<sysinfo type='fwcfg'>`: firmware configuration entries (formatdomain: "SMBIOS
/// System Information").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FwcfgSysinfo {
    /// `<entry>` elements, in order.
    #[serde(rename = "entry")]
    pub entries: Vec<FwcfgEntry>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<sysinfo type='fwcfg'><entry>`: one fw_cfg blob, given inline or by a host file
/// (formatdomain: "SMBIOS System Information").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FwcfgEntry {
    /// `name`: the fw_cfg key, e.g. `opt/com.example/name`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `file`: a host file whose content is the value.
    #[serde(rename = "@file")]
    pub file: Option<String>,
    /// The value, when given inline.
    #[serde(rename = "$text")]
    pub value: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl FwcfgEntry {
    /// `<entry name=…>value</entry>`.
    pub fn value(name: impl Into<String>, value: impl Into<String>) -> Self {
        FwcfgEntry {
            name: Some(name.into()),
            value: Some(value.into()),
            ..Default::default()
        }
    }

    /// `<entry name=… file=…/>`.
    pub fn file(name: impl Into<String>, file: impl Into<String>) -> Self {
        FwcfgEntry {
            name: Some(name.into()),
            file: Some(file.into()),
            ..Default::default()
        }
    }
}

/// `<sysinfo type='…'>` with a `type` this crate does not know (formatdomain: "SMBIOS
/// System Information"); its content is kept in `extra`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnknownSysinfo {
    /// `type`: as written; `None` when absent.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(value: &Sysinfo, text: &str) {
        assert_eq!(crate::codec::to_string(value, "sysinfo").unwrap(), text);
        assert_eq!(
            &crate::codec::from_str::<Sysinfo>(text, "sysinfo").unwrap(),
            value,
            "{text}"
        );
        assert!(
            crate::codec::unmodelled(value, "sysinfo").is_empty(),
            "{text}"
        );
    }

    #[test]
    fn smbios_round_trips() {
        let table: Vec<(Sysinfo, &str)> = vec![
            (
                Sysinfo::Smbios(SmbiosSysinfo {
                    bios: Some(SysinfoBlock::new([
                        (BiosEntryName::Vendor, "Acme Firmware"),
                        (BiosEntryName::Date, "01/02/2024"),
                    ])),
                    system: Some(SysinfoBlock::new([
                        (SystemEntryName::Manufacturer, "Phyllome"),
                        (SystemEntryName::Uuid, "c7a5fdbd-edaf-9455-926a-d65c16db1809"),
                        (SystemEntryName::Family, "Desktops"),
                    ])),
                    base_boards: vec![
                        SysinfoBlock::new([(BaseBoardEntryName::Product, "Board A")]),
                        SysinfoBlock::new([(BaseBoardEntryName::Location, "Slot 2")]),
                    ],
                    chassis: Some(SysinfoBlock::new([(ChassisEntryName::Asset, "42")])),
                    oem_strings: Some(OemStrings::new(["app:one", "app:two"])),
                    ..Default::default()
                }),
                "<sysinfo type='smbios'>\n  <bios>\n    <entry name='vendor'>Acme Firmware</entry>\n    \
                 <entry name='date'>01/02/2024</entry>\n  </bios>\n  <system>\n    \
                 <entry name='manufacturer'>Phyllome</entry>\n    \
                 <entry name='uuid'>c7a5fdbd-edaf-9455-926a-d65c16db1809</entry>\n    \
                 <entry name='family'>Desktops</entry>\n  </system>\n  <baseBoard>\n    \
                 <entry name='product'>Board A</entry>\n  </baseBoard>\n  <baseBoard>\n    \
                 <entry name='location'>Slot 2</entry>\n  </baseBoard>\n  <chassis>\n    \
                 <entry name='asset'>42</entry>\n  </chassis>\n  <oemStrings>\n    \
                 <entry>app:one</entry>\n    <entry>app:two</entry>\n  </oemStrings>\n</sysinfo>",
            ),
            (
                Sysinfo::Smbios(SmbiosSysinfo::default()),
                "<sysinfo type='smbios'/>",
            ),
            (
                Sysinfo::Smbios(SmbiosSysinfo {
                    processors: vec![SysinfoBlock::new([(
                        "socket_destination".to_owned(),
                        "CPU0",
                    )])],
                    memory_devices: vec![SysinfoBlock::new([("size".to_owned(), "8 GB")])],
                    ..Default::default()
                }),
                "<sysinfo type='smbios'>\n  <processor>\n    \
                 <entry name='socket_destination'>CPU0</entry>\n  </processor>\n  \
                 <memory_device>\n    <entry name='size'>8 GB</entry>\n  </memory_device>\n\
                 </sysinfo>",
            ),
        ];
        for (value, text) in &table {
            round_trip(value, text);
        }
    }

    #[test]
    fn fwcfg_round_trips() {
        round_trip(
            &Sysinfo::Fwcfg(FwcfgSysinfo {
                entries: vec![
                    FwcfgEntry::value("opt/org.example/name", "some value"),
                    FwcfgEntry::file("opt/org.example/config", "/etc/guest/config.ign"),
                ],
                ..Default::default()
            }),
            "<sysinfo type='fwcfg'>\n  <entry name='opt/org.example/name'>some value</entry>\n  \
             <entry name='opt/org.example/config' file='/etc/guest/config.ign'/>\n</sysinfo>",
        );
    }

    #[test]
    fn lookups_and_unknown_values() {
        let text =
            "<sysinfo type='smbios'>\n  <system>\n    <entry name='colour'>green</entry>\n    \
                    <entry name='serial'></entry>\n  </system>\n</sysinfo>";
        let Sysinfo::Smbios(smbios) = crate::codec::from_str::<Sysinfo>(text, "sysinfo").unwrap()
        else {
            panic!("expected smbios");
        };
        let system = smbios.system.as_ref().unwrap();
        assert_eq!(
            system.entries[0].name,
            Some(SystemEntryName::Other("colour".into()))
        );
        assert_eq!(system.get(&SystemEntryName::Serial), Some(""));
        assert_eq!(system.get(&SystemEntryName::Sku), None);
        let back = crate::codec::to_string(&Sysinfo::Smbios(smbios.clone()), "sysinfo").unwrap();
        assert_eq!(
            crate::codec::from_str::<Sysinfo>(&back, "sysinfo").unwrap(),
            Sysinfo::Smbios(smbios)
        );
    }

    #[test]
    fn unknown_type_is_kept_whole() {
        for text in [
            "<sysinfo type='acpi'>\n  <table name='x'/>\n</sysinfo>",
            "<sysinfo>\n  <bios/>\n</sysinfo>",
        ] {
            let value = crate::codec::from_str::<Sysinfo>(text, "sysinfo").unwrap();
            let Sysinfo::Other(other) = &value else {
                panic!("expected Other for {text}");
            };
            assert_eq!(value.kind(), other.kind.as_deref());
            assert_eq!(crate::codec::to_string(&value, "sysinfo").unwrap(), text);
        }
    }
}
