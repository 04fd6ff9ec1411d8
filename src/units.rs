//! Sizes with units: libvirt's `scaledInteger` (a number plus an optional `unit`
//! attribute), used by `<memory>`, `<currentMemory>`, hugepage sizes and many more
//! (formatdomain: "Memory Allocation").
//!
//! libvirt's rules (`virScaleInteger`), which [`Unit`] follows exactly:
//!
//! - the unit is case-insensitive;
//! - `b`, `byte`, `bytes` mean 1 byte;
//! - a single letter `k`, `m`, `g`, `t`, `p`, `e`, or that letter followed by `iB`,
//!   is a binary unit (1024ⁿ): `K`, `KiB`, `M`, `MiB`, … `E`, `EiB`;
//! - the letter followed by `B` is a decimal unit (1000ⁿ): `KB`, `MB`, … `EB`;
//! - anything else is an error;
//! - without a unit the element's default applies (KiB for memory).
//!
//! A [`Unit`] keeps its spelling, so `GiB` and `gib` are both written back as read.
//! Conversions to bytes are checked: a size that does not fit in a `u64` byte count is
//! an [`Error`], never a wrapped value or a panic.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use bytesize::ByteSize;
use serde_with::{DeserializeFromStr, SerializeDisplay};

use crate::error::{Error, Result};

/// A `unit` attribute value (schema `unit`), kept exactly as written, with the
/// multiplier libvirt gives it.
///
/// Equality compares the spelling too, so that a round trip is exact: `Unit::GIB`
/// (`GiB`) and `"gib".parse()` scale the same ([`Unit::same_scale`]) but are not `==`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, SerializeDisplay, DeserializeFromStr)]
pub struct Unit {
    written: Cow<'static, str>,
    multiplier: u64,
}

const KI: u64 = 1024;
const K: u64 = 1000;

impl Unit {
    /// `bytes`: one byte (libvirt writes storage sizes this way).
    pub const BYTES: Unit = Unit::known("bytes", 1);
    /// `b`: one byte.
    pub const B: Unit = Unit::known("b", 1);
    /// `KiB`: 1024 bytes (libvirt's canonical memory unit).
    pub const KIB: Unit = Unit::known("KiB", KI);
    /// `MiB`: 1024² bytes.
    pub const MIB: Unit = Unit::known("MiB", KI * KI);
    /// `GiB`: 1024³ bytes.
    pub const GIB: Unit = Unit::known("GiB", KI * KI * KI);
    /// `TiB`: 1024⁴ bytes.
    pub const TIB: Unit = Unit::known("TiB", KI * KI * KI * KI);
    /// `PiB`: 1024⁵ bytes.
    pub const PIB: Unit = Unit::known("PiB", KI * KI * KI * KI * KI);
    /// `EiB`: 1024⁶ bytes.
    pub const EIB: Unit = Unit::known("EiB", KI * KI * KI * KI * KI * KI);
    /// `k`: 1024 bytes (same as `KiB`).
    pub const K: Unit = Unit::known("k", KI);
    /// `M`: 1024² bytes (same as `MiB`).
    pub const M: Unit = Unit::known("M", KI * KI);
    /// `G`: 1024³ bytes (same as `GiB`).
    pub const G: Unit = Unit::known("G", KI * KI * KI);
    /// `T`: 1024⁴ bytes (same as `TiB`).
    pub const T: Unit = Unit::known("T", KI * KI * KI * KI);
    /// `P`: 1024⁵ bytes (same as `PiB`).
    pub const P: Unit = Unit::known("P", KI * KI * KI * KI * KI);
    /// `E`: 1024⁶ bytes (same as `EiB`).
    pub const E: Unit = Unit::known("E", KI * KI * KI * KI * KI * KI);
    /// `KB`: 1000 bytes.
    pub const KB: Unit = Unit::known("KB", K);
    /// `MB`: 1000² bytes.
    pub const MB: Unit = Unit::known("MB", K * K);
    /// `GB`: 1000³ bytes.
    pub const GB: Unit = Unit::known("GB", K * K * K);
    /// `TB`: 1000⁴ bytes.
    pub const TB: Unit = Unit::known("TB", K * K * K * K);
    /// `PB`: 1000⁵ bytes.
    pub const PB: Unit = Unit::known("PB", K * K * K * K * K);
    /// `EB`: 1000⁶ bytes.
    pub const EB: Unit = Unit::known("EB", K * K * K * K * K * K);

    /// The binary units from the largest down, as chosen by [`Size::from_bytes`].
    const BINARY_DESCENDING: [Unit; 6] = [
        Unit::EIB,
        Unit::PIB,
        Unit::TIB,
        Unit::GIB,
        Unit::MIB,
        Unit::KIB,
    ];

    const fn known(written: &'static str, multiplier: u64) -> Unit {
        Unit {
            written: Cow::Borrowed(written),
            multiplier,
        }
    }

    /// The unit as written in XML.
    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// How many bytes one of this unit is.
    pub fn multiplier(&self) -> u64 {
        self.multiplier
    }

    /// Whether two units scale the same, whatever their spelling (`GiB`, `G`, `gib`).
    pub fn same_scale(&self, other: &Unit) -> bool {
        self.multiplier == other.multiplier
    }

    /// `value` of this unit in bytes; an error when it does not fit in a `u64`.
    pub fn to_bytes(&self, value: u64) -> Result<u64> {
        value.checked_mul(self.multiplier).ok_or_else(|| {
            Error::value(format!(
                "{value} {} is more bytes than a 64-bit count holds (at most {} bytes)",
                self.written,
                u64::MAX
            ))
        })
    }
}

/// The multiplier libvirt gives a unit, or `None` for a unit it rejects.
fn multiplier_of(unit: &str) -> Option<u64> {
    let lower = unit.to_ascii_lowercase();
    if matches!(lower.as_str(), "b" | "byte" | "bytes") {
        return Some(1);
    }
    let mut chars = lower.chars();
    let exponent = match chars.next()? {
        'k' => 1,
        'm' => 2,
        'g' => 3,
        't' => 4,
        'p' => 5,
        'e' => 6,
        _ => return None,
    };
    let base: u64 = match chars.as_str() {
        "" | "ib" => KI,
        "b" => K,
        _ => return None,
    };
    Some(base.pow(exponent))
}

impl FromStr for Unit {
    type Err = Error;
    fn from_str(s: &str) -> Result<Unit> {
        match multiplier_of(s) {
            Some(multiplier) => Ok(Unit {
                written: Cow::Owned(s.to_owned()),
                multiplier,
            }),
            None => Err(Error::value(format!(
                "unknown unit {s:?}; expected b, bytes, k, KiB, KB, M, MiB, MB, G, GiB, GB, \
                 T, TiB, TB, P, PiB, PB, E, EiB or EB (case-insensitive)"
            ))),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

/// A number with an optional unit, as libvirt's `scaledInteger`: keeps both as written.
///
/// Without a unit, the element's default applies; libvirt's default differs between
/// elements (KiB for memory, bytes for most storage sizes), so conversions take it as
/// an argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Size {
    /// The number as written.
    pub value: u64,
    /// The unit, `None` when the element's default applies.
    pub unit: Option<Unit>,
}

impl Size {
    /// `value` of `unit`.
    pub fn new(value: u64, unit: Unit) -> Size {
        Size {
            value,
            unit: Some(unit),
        }
    }

    /// The size in bytes, reading a missing unit as `default_unit`; an error when it
    /// does not fit in a `u64`.
    pub fn to_bytes(&self, default_unit: &Unit) -> Result<u64> {
        self.unit
            .as_ref()
            .unwrap_or(default_unit)
            .to_bytes(self.value)
    }

    /// The size as a [`ByteSize`], reading a missing unit as `default_unit`.
    pub fn to_bytesize(&self, default_unit: &Unit) -> Result<ByteSize> {
        self.to_bytes(default_unit).map(ByteSize::b)
    }

    /// `bytes` in the largest binary unit that holds it exactly (4 GiB is `4 GiB`,
    /// 1536 MiB is `1536 MiB`); zero is `0 KiB`, and a count that is not a whole
    /// number of KiB is written in `bytes`.
    pub fn from_bytes(bytes: u64) -> Size {
        if bytes == 0 {
            return Size::new(0, Unit::KIB);
        }
        for unit in Unit::BINARY_DESCENDING {
            if bytes % unit.multiplier == 0 {
                return Size::new(bytes / unit.multiplier, unit);
            }
        }
        Size::new(bytes, Unit::BYTES)
    }
}

impl From<ByteSize> for Size {
    fn from(size: ByteSize) -> Size {
        Size::from_bytes(size.as_u64())
    }
}

impl fmt::Display for Size {
    /// `4 GiB`, or the bare number when there is no unit.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.unit {
            Some(unit) => write!(f, "{} {unit}", self.value),
            None => write!(f, "{}", self.value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_has_libvirts_multiplier() {
        let ki = 1024u64;
        let table: &[(&str, u64)] = &[
            ("b", 1),
            ("B", 1),
            ("byte", 1),
            ("bytes", 1),
            ("Bytes", 1),
            ("BYTES", 1),
            ("k", ki),
            ("K", ki),
            ("KiB", ki),
            ("kib", ki),
            ("KIB", ki),
            ("KB", 1000),
            ("kb", 1000),
            ("Kb", 1000),
            ("M", ki.pow(2)),
            ("m", ki.pow(2)),
            ("MiB", ki.pow(2)),
            ("MB", 1000u64.pow(2)),
            ("G", ki.pow(3)),
            ("GiB", ki.pow(3)),
            ("gib", ki.pow(3)),
            ("GB", 1000u64.pow(3)),
            ("gb", 1000u64.pow(3)),
            ("T", ki.pow(4)),
            ("TiB", ki.pow(4)),
            ("TB", 1000u64.pow(4)),
            ("P", ki.pow(5)),
            ("PiB", ki.pow(5)),
            ("PB", 1000u64.pow(5)),
            ("E", ki.pow(6)),
            ("EiB", ki.pow(6)),
            ("EB", 1000u64.pow(6)),
        ];
        for &(text, multiplier) in table {
            let unit: Unit = text.parse().unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(unit.multiplier(), multiplier, "{text:?}");
            assert_eq!(unit.to_string(), text, "spelling of {text:?} not kept");
            assert_eq!(unit.to_bytes(3).unwrap(), 3 * multiplier, "{text:?}");
        }
    }

    #[test]
    fn constants_match_parsing() {
        let constants = [
            Unit::BYTES,
            Unit::B,
            Unit::KIB,
            Unit::MIB,
            Unit::GIB,
            Unit::TIB,
            Unit::PIB,
            Unit::EIB,
            Unit::K,
            Unit::M,
            Unit::G,
            Unit::T,
            Unit::P,
            Unit::E,
            Unit::KB,
            Unit::MB,
            Unit::GB,
            Unit::TB,
            Unit::PB,
            Unit::EB,
        ];
        for constant in constants {
            let parsed: Unit = constant.as_str().parse().unwrap();
            assert_eq!(parsed, constant);
        }
    }

    #[test]
    fn spelling_is_part_of_equality() {
        let lower: Unit = "gib".parse().unwrap();
        assert_ne!(lower, Unit::GIB);
        assert!(lower.same_scale(&Unit::GIB));
        assert!(Unit::G.same_scale(&Unit::GIB));
        assert!(!Unit::GB.same_scale(&Unit::GIB));
    }

    #[test]
    fn unknown_units_are_errors() {
        for bad in [
            "",
            " KiB",
            "KiB ",
            "KIBB",
            "Ki",
            "iB",
            "kB2",
            "x",
            "ZiB",
            "YB",
            "bit",
            "kibibytes",
        ] {
            let err = bad.parse::<Unit>().unwrap_err().to_string();
            assert!(err.contains("unknown unit"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        assert_eq!(Unit::BYTES.to_bytes(u64::MAX).unwrap(), u64::MAX);
        assert_eq!(Unit::EIB.to_bytes(15).unwrap(), 15 << 60);
        assert!(Unit::EIB.to_bytes(16).is_err());
        assert!(Unit::EB.to_bytes(19).is_err());
        assert_eq!(Unit::EB.to_bytes(18).unwrap(), 18 * 10u64.pow(18));
        assert!(Unit::KIB.to_bytes(u64::MAX / 1024 + 1).is_err());
        assert_eq!(
            Unit::KIB.to_bytes(u64::MAX / 1024).unwrap(),
            u64::MAX / 1024 * 1024
        );
        let err = Unit::GIB.to_bytes(u64::MAX).unwrap_err().to_string();
        assert!(err.contains("GiB") && err.contains("64-bit"), "{err}");
        let size = Size::new(u64::MAX, Unit::TIB);
        assert!(size.to_bytes(&Unit::KIB).is_err());
        assert!(size.to_bytesize(&Unit::KIB).is_err());
    }

    #[test]
    fn missing_unit_uses_the_default() {
        let size = Size {
            value: 4,
            unit: None,
        };
        assert_eq!(size.to_bytes(&Unit::KIB).unwrap(), 4096);
        assert_eq!(size.to_bytes(&Unit::BYTES).unwrap(), 4);
        assert_eq!(size.to_bytesize(&Unit::MIB).unwrap(), ByteSize::mib(4));
        assert_eq!(size.to_string(), "4");
    }

    #[test]
    fn from_bytes_picks_the_largest_exact_binary_unit() {
        let table: &[(ByteSize, u64, Unit)] = &[
            (ByteSize::gib(4), 4, Unit::GIB),
            (ByteSize::mib(1536), 1536, Unit::MIB),
            (ByteSize::kib(4), 4, Unit::KIB),
            (ByteSize::tib(2), 2, Unit::TIB),
            (ByteSize::pib(3), 3, Unit::PIB),
            (ByteSize::eib(1), 1, Unit::EIB),
            (ByteSize::b(1000), 1000, Unit::BYTES),
            (ByteSize::b(0), 0, Unit::KIB),
            (ByteSize::gb(1), 1_000_000_000, Unit::BYTES),
            (ByteSize::kb(1024), 1000, Unit::KIB),
            (ByteSize::b(u64::MAX), u64::MAX, Unit::BYTES),
        ];
        for (bytes, value, unit) in table {
            let size = Size::from(*bytes);
            assert_eq!(size, Size::new(*value, unit.clone()), "{bytes:?}");
            assert_eq!(size.to_bytesize(&Unit::KIB).unwrap(), *bytes);
        }
        assert_eq!(Size::from(ByteSize::gib(4)).to_string(), "4 GiB");
    }
}
