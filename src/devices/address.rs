//! `<address>`: where a device sits on its bus (formatdomain: "Device Addresses").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::common::Marker;
use crate::error::Error;
use crate::values::{OnOff, Uint};
use crate::xml::Extra;

/// `<address>`: where a device sits on its bus; the shape depends on `type`
/// (formatdomain: "Device Addresses").
///
/// The variant is chosen by the element's `type` attribute; a `type` this crate does
/// not know is kept in [`Address::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@type")]
#[non_exhaustive]
pub enum Address {
    /// `type='pci'`: a PCI slot.
    #[serde(rename = "pci")]
    Pci(PciAddress),
    /// `type='drive'`: a unit on an IDE/SCSI/SATA/FDC controller.
    #[serde(rename = "drive")]
    Drive(DriveAddress),
    /// `type='virtio-serial'`: a port on a virtio-serial controller.
    #[serde(rename = "virtio-serial")]
    VirtioSerial(VirtioSerialAddress),
    /// `type='ccid'`: a smartcard slot on a CCID controller.
    #[serde(rename = "ccid")]
    Ccid(CcidAddress),
    /// `type='usb'`: a USB port.
    #[serde(rename = "usb")]
    Usb(UsbAddress),
    /// `type='spapr-vio'`: a PowerPC pseries VIO bus register.
    #[serde(rename = "spapr-vio")]
    SpaprVio(SpaprVioAddress),
    /// `type='ccw'`: an s390 channel subsystem address.
    #[serde(rename = "ccw")]
    Ccw(CcwAddress),
    /// `type='isa'`: an ISA I/O port and IRQ.
    #[serde(rename = "isa")]
    Isa(IsaAddress),
    /// `type='virtio-mmio'`: the virtio-mmio transport (no further attributes).
    #[serde(rename = "virtio-mmio")]
    VirtioMmio(BareAddress),
    /// `type='dimm'`: a memory module slot.
    #[serde(rename = "dimm")]
    Dimm(DimmAddress),
    /// `type='unassigned'`: a PCI host device managed by libvirt but not given to the guest.
    #[serde(rename = "unassigned")]
    Unassigned(BareAddress),
    /// An address type this crate does not know, kept with all its attributes.
    #[serde(rename = "$other")]
    Other(UnknownAddress),
}

impl Address {
    /// A PCI address written the way libvirt writes it
    /// (`domain='0x0000' bus='0x00' slot='0x00' function='0x0'`).
    pub fn pci(domain: u64, bus: u64, slot: u64, function: u64) -> Self {
        Address::Pci(PciAddress::new(domain, bus, slot, function))
    }

    /// The address's `type` as written in XML.
    pub fn kind(&self) -> &str {
        match self {
            Address::Pci(_) => "pci",
            Address::Drive(_) => "drive",
            Address::VirtioSerial(_) => "virtio-serial",
            Address::Ccid(_) => "ccid",
            Address::Usb(_) => "usb",
            Address::SpaprVio(_) => "spapr-vio",
            Address::Ccw(_) => "ccw",
            Address::Isa(_) => "isa",
            Address::VirtioMmio(_) => "virtio-mmio",
            Address::Dimm(_) => "dimm",
            Address::Unassigned(_) => "unassigned",
            Address::Other(other) => other.kind.as_str(),
        }
    }
}

/// `<address type='pci'>`: a PCI slot (formatdomain: "Device Addresses").
///
/// Numbers keep their written form (libvirt writes `0x0000`, `0x00`, `0x02`, `0x0`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PciAddress {
    /// `domain`: PCI domain (segment).
    #[serde(rename = "@domain")]
    pub domain: Option<Uint>,
    /// `bus`: bus number, 0..0xff.
    #[serde(rename = "@bus")]
    pub bus: Option<Uint>,
    /// `slot`: slot number, 0..0x1f.
    #[serde(rename = "@slot")]
    pub slot: Option<Uint>,
    /// `function`: function number, 0..7.
    #[serde(rename = "@function")]
    pub function: Option<Uint>,
    /// `multifunction`: set the multifunction bit (on function 0 of a shared slot).
    #[serde(rename = "@multifunction")]
    pub multifunction: Option<OnOff>,
    /// `<zpci>`: s390 PCI extension.
    pub zpci: Option<Box<Zpci>>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl PciAddress {
    /// `domain:bus:slot.function`, written the way libvirt writes it
    /// (`domain='0x0000' bus='0x3b' slot='0x00' function='0x1'`).
    pub fn new(domain: u64, bus: u64, slot: u64, function: u64) -> Self {
        PciAddress {
            domain: Some(Uint::hex(domain, 4)),
            bus: Some(Uint::hex(bus, 2)),
            slot: Some(Uint::hex(slot, 2)),
            function: Some(Uint::hex(function, 1)),
            ..Default::default()
        }
    }
}

impl FromStr for PciAddress {
    type Err = Error;

    /// Read `DDDD:BB:SS.F` or `BB:SS.F` (domain 0), as `lspci -D` and `lspci` print
    /// them; the numbers are hex.
    ///
    /// ```
    /// use libvirt_domain::PciAddress;
    ///
    /// let addr: PciAddress = "0000:3b:00.1".parse()?;
    /// assert_eq!(addr, "3b:00.1".parse()?);
    /// assert_eq!(addr.to_string(), "0000:3b:00.1");
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        let invalid = || Error::Value {
            path: String::new(),
            message: format!(
                "invalid PCI address {s:?}: expected DDDD:BB:SS.F or BB:SS.F in hex \
                 (domain up to ffff, bus up to ff, slot up to 1f, function up to 7)"
            ),
        };
        let (rest, function) = s.rsplit_once('.').ok_or_else(invalid)?;
        let mut parts: Vec<&str> = rest.split(':').collect();
        if parts.len() == 2 {
            parts.insert(0, "0");
        }
        let [domain, bus, slot] = parts[..] else {
            return Err(invalid());
        };
        let number = |text: &str, max: u64| {
            let ok =
                !text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_hexdigit());
            ok.then(|| u64::from_str_radix(text, 16).ok())
                .flatten()
                .filter(|n| *n <= max)
                .ok_or_else(invalid)
        };
        Ok(PciAddress::new(
            number(domain, 0xffff)?,
            number(bus, 0xff)?,
            number(slot, 0x1f)?,
            number(function, 7)?,
        ))
    }
}

impl fmt::Display for PciAddress {
    /// `DDDD:BB:SS.F` in lower-case hex, as `lspci -D` prints it; an absent part
    /// is 0 (libvirt's default).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |u: &Option<Uint>| u.as_ref().map_or(0, |u| u.value);
        write!(
            f,
            "{:04x}:{:02x}:{:02x}.{:x}",
            n(&self.domain),
            n(&self.bus),
            n(&self.slot),
            n(&self.function)
        )
    }
}

/// `<zpci>`: s390 zPCI identifiers of a PCI address (formatdomain: "Device Addresses").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Zpci {
    /// `uid`: user-defined identifier, 0x0001..0xffff.
    #[serde(rename = "@uid")]
    pub uid: Option<Uint>,
    /// `fid`: function identifier.
    #[serde(rename = "@fid")]
    pub fid: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address type='drive'>`: a unit on a disk controller (formatdomain: "Device Addresses").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DriveAddress {
    /// `controller`: the controller's index.
    #[serde(rename = "@controller")]
    pub controller: Option<Uint>,
    /// `bus`: bus number on the controller.
    #[serde(rename = "@bus")]
    pub bus: Option<Uint>,
    /// `target`: target number on the bus.
    #[serde(rename = "@target")]
    pub target: Option<Uint>,
    /// `unit`: unit number on the target.
    #[serde(rename = "@unit")]
    pub unit: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address type='virtio-serial'>`: a port on a virtio-serial controller
/// (formatdomain: "Device Addresses").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtioSerialAddress {
    /// `controller`: the virtio-serial controller's index.
    #[serde(rename = "@controller")]
    pub controller: Option<Uint>,
    /// `bus`: bus number (always 0 with QEMU).
    #[serde(rename = "@bus")]
    pub bus: Option<Uint>,
    /// `port`: port number on the bus.
    #[serde(rename = "@port")]
    pub port: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address type='ccid'>`: a slot on a CCID (smartcard) controller
/// (formatdomain: "Device Addresses").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CcidAddress {
    /// `controller`: the CCID controller's index.
    #[serde(rename = "@controller")]
    pub controller: Option<Uint>,
    /// `slot`: slot number.
    #[serde(rename = "@slot")]
    pub slot: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address type='usb'>`: a port on a USB bus (formatdomain: "Device Addresses").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UsbAddress {
    /// `bus`: USB bus (controller index).
    #[serde(rename = "@bus")]
    pub bus: Option<Uint>,
    /// `port`: dotted port path through hubs, e.g. `1` or `2.1.3`.
    #[serde(rename = "@port")]
    pub port: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address type='spapr-vio'>`: a register on the PowerPC VIO bus
/// (formatdomain: "Device Addresses").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SpaprVioAddress {
    /// `reg`: starting register; libvirt reads it as hex even without `0x`, so it is
    /// kept as text.
    #[serde(rename = "@reg")]
    pub reg: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address type='ccw'>`: an s390 CCW bus address (formatdomain: "Device Addresses").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CcwAddress {
    /// `cssid`: channel subsystem id, 0..0xfe.
    #[serde(rename = "@cssid")]
    pub cssid: Option<Uint>,
    /// `ssid`: subchannel set id, 0..3.
    #[serde(rename = "@ssid")]
    pub ssid: Option<Uint>,
    /// `devno`: device number, 0..0xffff.
    #[serde(rename = "@devno")]
    pub devno: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address type='isa'>`: an ISA I/O base and IRQ (formatdomain: "Device Addresses").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IsaAddress {
    /// `iobase`: I/O port base, e.g. `0x505`.
    #[serde(rename = "@iobase")]
    pub iobase: Option<Uint>,
    /// `irq`: interrupt line.
    #[serde(rename = "@irq")]
    pub irq: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address type='dimm'>`: a memory module slot (formatdomain: "Memory devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DimmAddress {
    /// `slot`: DIMM slot number.
    #[serde(rename = "@slot")]
    pub slot: Option<Uint>,
    /// `base`: guest physical base address (hex).
    #[serde(rename = "@base")]
    pub base: Option<Uint>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<address type='virtio-mmio'/>` or `<address type='unassigned'/>`: address types
/// without further attributes (formatdomain: "Device Addresses"). The same struct as
/// [`Marker`] (a type alias, so that the name stays).
pub type BareAddress = Marker;

/// `<address type='…'>` with a `type` this crate does not know (formatdomain:
/// "Device Addresses"); all its other attributes are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnknownAddress {
    /// `type`: the unknown address type, as written.
    #[serde(rename = "@type")]
    pub kind: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::{assert_modelled, assert_xml};

    #[test]
    fn address_variants_round_trip() {
        let cases: Vec<(Address, &str)> = vec![
            (
                Address::pci(0, 2, 0x1f, 0),
                "<address type='pci' domain='0x0000' bus='0x02' slot='0x1f' function='0x0'/>",
            ),
            (
                Address::Pci(PciAddress {
                    bus: Some("0x00".parse().unwrap()),
                    slot: Some("0x01".parse().unwrap()),
                    function: Some("0x0".parse().unwrap()),
                    multifunction: Some(OnOff::On),
                    zpci: Some(Box::new(Zpci {
                        uid: Some("0x0001".parse().unwrap()),
                        fid: Some("0x00000000".parse().unwrap()),
                        ..Default::default()
                    })),
                    ..Default::default()
                }),
                "<address type='pci' bus='0x00' slot='0x01' function='0x0' multifunction='on'>\n  <zpci uid='0x0001' fid='0x00000000'/>\n</address>",
            ),
            (
                Address::Drive(DriveAddress {
                    controller: Some(0u32.into()),
                    bus: Some(0u32.into()),
                    target: Some(0u32.into()),
                    unit: Some(1u32.into()),
                    ..Default::default()
                }),
                "<address type='drive' controller='0' bus='0' target='0' unit='1'/>",
            ),
            (
                Address::VirtioSerial(VirtioSerialAddress {
                    controller: Some(0u32.into()),
                    bus: Some(0u32.into()),
                    port: Some(2u32.into()),
                    ..Default::default()
                }),
                "<address type='virtio-serial' controller='0' bus='0' port='2'/>",
            ),
            (
                Address::Usb(UsbAddress {
                    bus: Some(0u32.into()),
                    port: Some("1.2".into()),
                    ..Default::default()
                }),
                "<address type='usb' bus='0' port='1.2'/>",
            ),
            (
                Address::Isa(IsaAddress {
                    iobase: Some("0x505".parse().unwrap()),
                    ..Default::default()
                }),
                "<address type='isa' iobase='0x505'/>",
            ),
            (
                Address::Ccw(CcwAddress {
                    cssid: Some("0xfe".parse().unwrap()),
                    ssid: Some("0x0".parse().unwrap()),
                    devno: Some("0x0001".parse().unwrap()),
                    ..Default::default()
                }),
                "<address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/>",
            ),
            (
                Address::SpaprVio(SpaprVioAddress {
                    reg: Some("0x30000000".into()),
                    ..Default::default()
                }),
                "<address type='spapr-vio' reg='0x30000000'/>",
            ),
            (
                Address::Ccid(CcidAddress {
                    controller: Some(0u32.into()),
                    slot: Some(0u32.into()),
                    ..Default::default()
                }),
                "<address type='ccid' controller='0' slot='0'/>",
            ),
            (
                Address::Dimm(DimmAddress {
                    slot: Some(0u32.into()),
                    base: Some("0x100000000".parse().unwrap()),
                    ..Default::default()
                }),
                "<address type='dimm' slot='0' base='0x100000000'/>",
            ),
            (
                Address::VirtioMmio(BareAddress::default()),
                "<address type='virtio-mmio'/>",
            ),
            (
                Address::Unassigned(BareAddress::default()),
                "<address type='unassigned'/>",
            ),
        ];
        for (value, xml) in &cases {
            assert_xml(value, "address", xml);
        }
    }

    #[test]
    fn unknown_address_type_is_kept_whole() {
        let xml = "<address type='virtio-s390' bus='7'/>";
        let read: Address = crate::codec::from_str(xml, "address").unwrap();
        let Address::Other(other) = &read else {
            panic!("expected Address::Other, got {read:?}");
        };
        assert_eq!(other.kind, "virtio-s390");
        assert_eq!(read.kind(), "virtio-s390");
        assert_eq!(other.extra.attributes.len(), 1);
        assert_eq!(crate::codec::to_string(&read, "address").unwrap(), xml);
    }

    #[test]
    fn known_address_keeps_unknown_attributes() {
        let xml = "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0' future='1'/>";
        let read: Address = crate::codec::from_str(xml, "address").unwrap();
        let Address::Pci(pci) = &read else {
            panic!("expected a PCI address, got {read:?}");
        };
        assert_eq!(pci.slot.map(|s| s.value), Some(5));
        assert_eq!(pci.extra.attributes.len(), 1);
        assert_eq!(crate::codec::to_string(&read, "address").unwrap(), xml);
    }

    #[test]
    fn phyllome_channel_address_is_modelled() {
        let read: Address = assert_modelled(
            "<address type='virtio-serial' controller='0' bus='0' port='1'/>",
            "address",
        );
        assert_eq!(read.kind(), "virtio-serial");
    }
}
