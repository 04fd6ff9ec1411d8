//! Small value types shared by the whole model: libvirt's `yes`/`no` and `on`/`off`,
//! numbers that keep their written form, and the `value_enum!` pattern used for every
//! closed value set of the schema.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde_with::{DeserializeFromStr, SerializeDisplay};

use crate::error::Error;

/// Declares a closed set of XML values as an enum that keeps unknown values.
///
/// Every variant names its exact wire spelling; a value this version of the crate does
/// not know parses into `Other(String)` and is written back unchanged, so a document
/// from a newer libvirt survives a round trip. One small macro instead of four
/// hand-written impls per enum: the schema has hundreds of such sets, and a single
/// pattern keeps their behaviour identical.
macro_rules! value_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $crate::values::value_enum! {
            @closed true
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant = $wire, )+
            }
        }
    };
    // An open set: the schema allows any string (or a pattern), so a value outside
    // the known ones is not reported as unmodelled.
    (
        open
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $crate::values::value_enum! {
            @closed false
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant = $wire, )+
            }
        }
    };
    (
        @closed $closed:literal
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde_with::DeserializeFromStr)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the crate does not know, kept exactly as written.
            Other(String),
        }

        impl $name {
            /// Every known variant, in schema order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as it is written in XML.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(other) => other.as_str(),
                }
            }
        }

        impl serde::Serialize for $name {
            /// The wire spelling; in a closed set, an `Other` value is also reported
            /// by `unmodelled()` (libvirt refuses it).
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $name::Other(other) if $closed => {
                        $crate::xml::serialize_unknown_value(other, serializer)
                    }
                    known => serializer.serialize_str(known.as_str()),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                })
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s.parse() {
                    Ok(v) => v,
                    Err(never) => match never {},
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use value_enum;

/// libvirt's `yes`/`no` attribute values (schema `virYesNo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, DeserializeFromStr)]
pub enum YesNo {
    /// `yes`
    Yes,
    /// `no`
    No,
}

/// libvirt's `on`/`off` attribute values (schema `virOnOff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, DeserializeFromStr)]
pub enum OnOff {
    /// `on`
    On,
    /// `off`
    Off,
}

macro_rules! switch_impls {
    ($name:ident, $t:ident = $ts:literal, $f:ident = $fs:literal) => {
        impl $name {
            /// The value as it is written in XML.
            pub fn as_str(self) -> &'static str {
                match self {
                    $name::$t => $ts,
                    $name::$f => $fs,
                }
            }
            /// `true` for the positive value.
            pub fn is_set(self) -> bool {
                self == $name::$t
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl From<bool> for $name {
            fn from(b: bool) -> Self {
                if b {
                    $name::$t
                } else {
                    $name::$f
                }
            }
        }
        impl From<$name> for bool {
            fn from(v: $name) -> bool {
                v.is_set()
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                match s {
                    $ts => Ok($name::$t),
                    $fs => Ok($name::$f),
                    other => Err(Error::value(format!(
                        concat!("expected '", $ts, "' or '", $fs, "', found {:?}"),
                        other
                    ))),
                }
            }
        }
    };
}
switch_impls!(YesNo, Yes = "yes", No = "no");
switch_impls!(OnOff, On = "on", Off = "off");

/// How an unsigned number was written, so it is written back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum NumberFormat {
    /// Decimal, zero-padded to `width` digits (`0` for no padding).
    #[default]
    Decimal,
    /// Decimal with leading zeros, padded to this many digits.
    PaddedDecimal(u8),
    /// `0x` followed by lowercase hex digits, zero-padded to this many digits.
    Hex(u8),
    /// `0x` followed by uppercase hex digits, zero-padded to this many digits.
    UpperHex(u8),
    /// `0x` followed by up to 64 hex digits in mixed case (`0xFe`): `width` digits,
    /// and bit `i` of `upper` set when digit `i`, counted from the right starting at 0,
    /// is an uppercase letter.
    MixedHex {
        /// Number of digits.
        width: u8,
        /// Which digits are uppercase letters, from the right.
        upper: u64,
    },
}

/// An unsigned number that libvirt accepts in decimal or `0x` hex (PCI addresses,
/// ids, masks): keeps its value and its written form.
///
/// Equality compares the value and the form, so a round trip is exact.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, SerializeDisplay, DeserializeFromStr,
)]
pub struct Uint {
    /// The number.
    pub value: u64,
    /// How it is written.
    pub format: NumberFormat,
}

impl Uint {
    /// A number written in `0x` hex with `width` digits, as libvirt writes PCI addresses.
    pub fn hex(value: u64, width: u8) -> Self {
        Uint {
            value,
            format: NumberFormat::Hex(width),
        }
    }
}

impl From<u64> for Uint {
    fn from(value: u64) -> Self {
        Uint {
            value,
            format: NumberFormat::Decimal,
        }
    }
}

impl From<u32> for Uint {
    fn from(value: u32) -> Self {
        Uint::from(u64::from(value))
    }
}

impl fmt::Display for Uint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value;
        match self.format {
            NumberFormat::Decimal => write!(f, "{v}"),
            NumberFormat::PaddedDecimal(w) => write!(f, "{v:0w$}", w = usize::from(w)),
            NumberFormat::Hex(w) => write!(f, "0x{v:0w$x}", w = usize::from(w)),
            NumberFormat::UpperHex(w) => write!(f, "0x{v:0w$X}", w = usize::from(w)),
            NumberFormat::MixedHex { width, upper } => {
                let lower = format!("{v:0w$x}", w = usize::from(width));
                f.write_str("0x")?;
                for (i, c) in lower.chars().enumerate() {
                    let from_right = lower.len() - 1 - i;
                    let up = from_right < 64 && upper & (1 << from_right) != 0;
                    f.write_char(if up { c.to_ascii_uppercase() } else { c })?;
                }
                Ok(())
            }
        }
    }
}

impl FromStr for Uint {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || {
            Error::value(format!(
                "expected an unsigned integer (decimal or 0x hex), found {s:?}"
            ))
        };
        let width = |digits: &str| u8::try_from(digits.len()).map_err(|_| bad());
        if let Some(digits) = s.strip_prefix("0x") {
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad());
            }
            let value = u64::from_str_radix(digits, 16).map_err(|_| bad())?;
            let upper = digits.bytes().any(|b| b.is_ascii_uppercase());
            let lower = digits.bytes().any(|b| b.is_ascii_lowercase());
            let format = match (upper, lower) {
                (true, true) if digits.len() <= 64 => {
                    let mask = digits
                        .bytes()
                        .rev()
                        .enumerate()
                        .filter(|(_, b)| b.is_ascii_uppercase())
                        .fold(0u64, |m, (i, _)| m | (1 << i));
                    NumberFormat::MixedHex {
                        width: width(digits)?,
                        upper: mask,
                    }
                }
                (true, true) => return Err(bad()),
                (true, false) => NumberFormat::UpperHex(width(digits)?),
                _ => NumberFormat::Hex(width(digits)?),
            };
            return Ok(Uint { value, format });
        }
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let value: u64 = s.parse().map_err(|_| bad())?;
        let format = if s.len() > 1 && s.starts_with('0') {
            NumberFormat::PaddedDecimal(width(s)?)
        } else {
            NumberFormat::Decimal
        };
        Ok(Uint { value, format })
    }
}

/// An unsigned number libvirt always reads as hexadecimal, with or without a `0x`
/// prefix (schema `hexuint`: SEV and TDX `<policy>`): keeps its value and written form.
///
/// Unlike [`Uint`], `10` means sixteen here. Equality compares the value and the form.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, SerializeDisplay, DeserializeFromStr,
)]
pub struct HexUint {
    /// The number.
    pub value: u64,
    /// Whether it is written with a `0x` prefix.
    pub prefixed: bool,
    /// How its digits are written: `Hex`, `UpperHex` or `MixedHex` (a decimal format is
    /// written as lowercase hex of the same width).
    pub format: NumberFormat,
}

impl HexUint {
    /// `0x` followed by `width` lowercase hex digits, as libvirt writes a policy
    /// (`HexUint::new(1, 4)` is `0x0001`).
    pub fn new(value: u64, width: u8) -> Self {
        HexUint {
            value,
            prefixed: true,
            format: NumberFormat::Hex(width),
        }
    }
}

impl fmt::Display for HexUint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = match self.format {
            NumberFormat::Decimal => NumberFormat::Hex(0),
            NumberFormat::PaddedDecimal(w) => NumberFormat::Hex(w),
            other => other,
        };
        let text = Uint {
            value: self.value,
            format,
        }
        .to_string();
        let digits = &text[2..];
        if self.prefixed {
            write!(f, "0x{digits}")
        } else {
            f.write_str(digits)
        }
    }
}

impl FromStr for HexUint {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let (prefixed, digits) = match s.strip_prefix("0x") {
            Some(digits) => (true, digits),
            None => (false, s),
        };
        let parsed: Uint = format!("0x{digits}").parse().map_err(|_| {
            Error::value(format!(
                "expected a hexadecimal unsigned integer, found {s:?}"
            ))
        })?;
        Ok(HexUint {
            value: parsed.value,
            prefixed,
            format: parsed.format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_uint_is_always_hex_and_keeps_its_form() {
        for (s, value) in [
            ("0x0001", 1),
            ("0x00030000", 0x30000),
            ("10", 16),
            ("00ff", 255),
            ("0xAbC", 0xabc),
        ] {
            let h: HexUint = s.parse().unwrap();
            assert_eq!(h.value, value, "{s}");
            assert_eq!(h.to_string(), s);
        }
        assert_eq!(HexUint::new(1, 4).to_string(), "0x0001");
        let decimal = HexUint {
            value: 255,
            prefixed: true,
            format: NumberFormat::Decimal,
        };
        assert_eq!(decimal.to_string(), "0xff");
        for bad in ["", "0x", "xyz", "-1", "0x0x1"] {
            assert!(bad.parse::<HexUint>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn yes_no_round_trip_and_error() {
        assert_eq!("yes".parse::<YesNo>().unwrap(), YesNo::Yes);
        assert_eq!(YesNo::No.to_string(), "no");
        let err = "true".parse::<YesNo>().unwrap_err().to_string();
        assert!(
            err.contains("expected 'yes' or 'no', found \"true\""),
            "{err}"
        );
        assert_eq!(OnOff::from(true), OnOff::On);
        assert!("On".parse::<OnOff>().is_err());
    }

    #[test]
    fn uint_keeps_its_written_form() {
        for s in [
            "0",
            "7",
            "0x0",
            "0x02",
            "0x0000",
            "0x1F",
            "007",
            "18446744073709551615",
        ] {
            let u: Uint = s.parse().unwrap();
            assert_eq!(u.to_string(), s);
        }
        assert_eq!("0x1f".parse::<Uint>().unwrap().value, 31);
        for bad in [
            "",
            "0x",
            "-1",
            "1.5",
            "0x11111111111111111aB",
            "abc",
            "18446744073709551616",
            " 1",
        ] {
            assert!(bad.parse::<Uint>().is_err(), "{bad:?} accepted");
        }
    }
}
