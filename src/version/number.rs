//! [`LibvirtVersion`]: a libvirt release number.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// A libvirt release: `major.minor.micro` (libvirt numbers its monthly releases
/// `X.Y.0` and their maintenance releases `X.Y.Z`; see libvirt's "Release policy").
///
/// Parsed from `9.0` or `9.0.0`; displayed without a zero micro (`9.0`, `10.4`,
/// `9.0.1`), so the two spellings read back to the same value. Ordered by release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LibvirtVersion {
    /// The major number (bumped every January).
    pub major: u32,
    /// The minor number (one per monthly release).
    pub minor: u32,
    /// The micro number (maintenance releases).
    pub micro: u32,
}

impl LibvirtVersion {
    /// libvirt 7.0.0, in Debian 11.
    pub const V7_0: LibvirtVersion = LibvirtVersion::new(7, 0, 0);
    /// libvirt 8.0.0, in Ubuntu 22.04 and RHEL 8.
    pub const V8_0: LibvirtVersion = LibvirtVersion::new(8, 0, 0);
    /// libvirt 9.0.0, in Debian 12.
    pub const V9_0: LibvirtVersion = LibvirtVersion::new(9, 0, 0);
    /// libvirt 11.3.0: the schema and documentation this crate follows
    /// ([`crate::LIBVIRT_SCHEMA_VERSION`]).
    pub const V11_3: LibvirtVersion = LibvirtVersion::new(11, 3, 0);
    /// The oldest version any domain needs: libvirt's first release, 0.0.1.
    pub const OLDEST: LibvirtVersion = LibvirtVersion::new(0, 0, 1);

    /// The version `major.minor.micro`.
    pub const fn new(major: u32, minor: u32, micro: u32) -> Self {
        LibvirtVersion {
            major,
            minor,
            micro,
        }
    }

    /// The first monthly release after this one's: `9.0.x` → `9.1.0`. What a feature
    /// needs when all we know is that this version lacks it.
    pub const fn next_minor(self) -> Self {
        LibvirtVersion::new(self.major, self.minor + 1, 0)
    }
}

impl fmt::Display for LibvirtVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.micro == 0 {
            write!(f, "{}.{}", self.major, self.minor)
        } else {
            write!(f, "{}.{}.{}", self.major, self.minor, self.micro)
        }
    }
}

/// Written as its [`Display`](fmt::Display) form (`"10.4"`), as JSON shows it.
impl serde::Serialize for LibvirtVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl FromStr for LibvirtVersion {
    type Err = Error;

    /// `9.0` or `9.0.0` (two or three unsigned numbers separated by dots).
    fn from_str(text: &str) -> Result<Self, Error> {
        let bad = || {
            Error::value(format!(
                "expected a libvirt version such as 9.0 or 9.0.0, found {text:?}"
            ))
        };
        let mut numbers = text.split('.').map(|part| {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse::<u32>().map_err(|_| bad())
        });
        let major = numbers.next().ok_or_else(bad)??;
        let minor = numbers.next().ok_or_else(bad)??;
        let micro = numbers.next().transpose()?.unwrap_or(0);
        if numbers.next().is_some() {
            return Err(bad());
        }
        Ok(LibvirtVersion::new(major, minor, micro))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_two_or_three_numbers() {
        assert_eq!(
            "9.0".parse::<LibvirtVersion>().unwrap(),
            LibvirtVersion::V9_0
        );
        assert_eq!(
            "9.0.0".parse::<LibvirtVersion>().unwrap(),
            LibvirtVersion::V9_0
        );
        assert_eq!(
            "10.4.2".parse::<LibvirtVersion>().unwrap(),
            LibvirtVersion::new(10, 4, 2)
        );
        for bad in [
            "",
            "9",
            "9.",
            "9.0.0.0",
            "a.b",
            "9.-1",
            "9.0 ",
            "+9.0",
            "99999999999.0",
        ] {
            let err = bad.parse::<LibvirtVersion>().unwrap_err();
            assert!(err.to_string().contains("libvirt version"), "{bad}: {err}");
        }
    }

    #[test]
    fn displays_without_zero_micro_and_reads_back() {
        for v in [
            LibvirtVersion::V9_0,
            LibvirtVersion::new(10, 4, 0),
            LibvirtVersion::new(9, 0, 1),
        ] {
            assert_eq!(v.to_string().parse::<LibvirtVersion>().unwrap(), v);
        }
        assert_eq!(LibvirtVersion::V9_0.to_string(), "9.0");
        assert_eq!(LibvirtVersion::new(9, 0, 1).to_string(), "9.0.1");
    }

    #[test]
    fn orders_by_release() {
        assert!(LibvirtVersion::new(9, 10, 0) < LibvirtVersion::new(10, 0, 0));
        assert!(LibvirtVersion::new(9, 0, 1) < LibvirtVersion::new(9, 1, 0));
        assert!(LibvirtVersion::V7_0 < LibvirtVersion::V9_0);
        assert_eq!(
            LibvirtVersion::V9_0.next_minor(),
            LibvirtVersion::new(9, 1, 0)
        );
    }
}
