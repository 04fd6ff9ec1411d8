//! [`MacAddress`]: a network interface's MAC address (formatdomain: "Network
//! interfaces", `<mac address=…>`).

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// libvirt's prefix for the MAC addresses it generates for KVM/QEMU guests
/// (`VIR_MAC_PREFIX_BUF` in libvirt's `qemu_conf`: the locally administered
/// `52:54:00` block QEMU uses).
pub const LIBVIRT_MAC_PREFIX: [u8; 3] = [0x52, 0x54, 0x00];

/// A MAC address, as `<interface><mac address=…>` holds it (formatdomain: "Network
/// interfaces").
///
/// Parsing follows libvirt's `virMacAddrParse`: six groups of one or two hex digits,
/// separated by `:` or `-`, in either case. [`Display`](fmt::Display) writes the
/// canonical form libvirt writes (`52:54:00:ab:cd:ef`). The model keeps the
/// attribute as written (`InterfaceMac::address`), so a document's own spelling
/// survives a round trip; this type is the typed view of it.
///
/// ```
/// use libvirt_domain::MacAddress;
///
/// let mac: MacAddress = "52:54:00:AB:cd:0f".parse()?;
/// assert_eq!(mac.to_string(), "52:54:00:ab:cd:0f");
/// assert_eq!(mac, "52-54-0-ab-cd-f".parse()?);
/// assert!(MacAddress::random().to_string().starts_with("52:54:00:"));
/// # Ok::<(), libvirt_domain::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MacAddress(pub [u8; 6]);

impl MacAddress {
    /// A MAC address from its six bytes.
    pub const fn new(bytes: [u8; 6]) -> Self {
        MacAddress(bytes)
    }

    /// A random address in libvirt's [`LIBVIRT_MAC_PREFIX`] block, as libvirt
    /// generates for a NIC defined without `<mac>` (`virMacAddrGenerate`).
    pub fn random() -> Self {
        // uuid's v4 generator draws from the OS random source (getrandom); its bytes
        // serve here without a further dependency.
        let random = uuid::Uuid::new_v4();
        let r = random.as_bytes();
        let [a, b, c] = LIBVIRT_MAC_PREFIX;
        MacAddress([a, b, c, r[0], r[1], r[2]])
    }

    /// The six bytes.
    pub const fn octets(&self) -> [u8; 6] {
        self.0
    }
}

impl From<[u8; 6]> for MacAddress {
    fn from(bytes: [u8; 6]) -> Self {
        MacAddress(bytes)
    }
}

impl FromStr for MacAddress {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let invalid = || Error::Value {
            path: String::new(),
            message: format!(
                "invalid MAC address {s:?}: expected six groups of one or two hex \
                 digits separated by ':' or '-'"
            ),
        };
        let mut bytes = [0u8; 6];
        let mut groups = s.split([':', '-']);
        for byte in &mut bytes {
            let group = groups.next().ok_or_else(invalid)?;
            if group.is_empty() || group.len() > 2 {
                return Err(invalid());
            }
            *byte = u8::from_str_radix(group, 16).map_err(|_| invalid())?;
            if !group.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(invalid());
            }
        }
        if groups.next().is_some() {
            return Err(invalid());
        }
        Ok(MacAddress(bytes))
    }
}

impl fmt::Display for MacAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d, e, g] = self.0;
        write!(f, "{a:02x}:{b:02x}:{c:02x}:{d:02x}:{e:02x}:{g:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_libvirt_accepts() {
        let mac = MacAddress([0x52, 0x54, 0x00, 0xab, 0xcd, 0x0f]);
        for text in [
            "52:54:00:ab:cd:0f",
            "52:54:00:AB:CD:0F",
            "52-54-00-ab-cd-0f",
            "52:54:0:ab:cd:f",
        ] {
            assert_eq!(text.parse::<MacAddress>().unwrap(), mac, "{text}");
        }
        assert_eq!(mac.to_string(), "52:54:00:ab:cd:0f");
    }

    #[test]
    fn refuses_malformed_addresses() {
        for text in [
            "",
            "52:54:00:ab:cd",
            "52:54:00:ab:cd:0f:01",
            "52:54:00:ab:cd:100",
            "52:54:00:ab:cd:+f",
            "52:54::ab:cd:0f",
            "zz:54:00:ab:cd:0f",
        ] {
            let err = text.parse::<MacAddress>().unwrap_err().to_string();
            assert!(err.contains("MAC address"), "{text}: {err}");
        }
    }

    #[test]
    fn random_addresses_use_libvirts_prefix() {
        let a = MacAddress::random();
        assert_eq!(a.octets()[..3], LIBVIRT_MAC_PREFIX);
        let b = MacAddress::random();
        // 24 random bits: two draws agree once in 16 million.
        assert_ne!(a, b);
    }
}
