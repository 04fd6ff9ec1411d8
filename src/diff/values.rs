//! Typed equality of the strings an XML tree holds: what libvirt reads as the same
//! number, size, UUID or MAC address compares equal whatever its spelling.

use crate::units::Unit;
use crate::xml::Element;

/// An unsigned number as libvirt reads it: decimal, or hexadecimal with `0x`.
///
/// A decimal with a leading zero (`010`) is not read here: libvirt reads some such
/// numbers as octal and others as decimal, so two spellings are only equal as written.
pub(crate) fn number(text: &str) -> Option<u128> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        return u128::from_str_radix(hex, 16).ok();
    }
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || (t.len() > 1 && t.starts_with('0'))
    {
        return None;
    }
    t.parse().ok()
}

/// Whether `text` looks like a MAC address (six `:`-separated hex pairs).
fn is_mac(text: &str) -> bool {
    text.len() == 17
        && text.split(':').count() == 6
        && text
            .split(':')
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether two attribute values or texts mean the same: equal as written, equal numbers
/// (`0x1f` and `31`), the same UUID in any case or hyphenation, or the same MAC
/// address in any case.
pub(crate) fn same(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return x == y;
    }
    if is_mac(a) && is_mac(b) {
        return a.eq_ignore_ascii_case(b);
    }
    if a.len() >= 32 && b.len() >= 32 {
        if let (Ok(x), Ok(y)) = (
            uuid::Uuid::parse_str(a.trim()),
            uuid::Uuid::parse_str(b.trim()),
        ) {
            return x == y;
        }
    }
    false
}

/// The attributes that carry a size scaled by the element's `unit` attribute when the
/// size is not the element's text (`<page size=… unit=…>`, `<cell memory=… unit=…>`).
const SIZE_ATTRIBUTES: &[&str] = &["size", "memory"];

/// The unit libvirt assumes for a size written without one: KiB for memory sizes
/// (formatdomain: "Memory Allocation", "unit … defaults to KiB") and most others.
pub(crate) const DEFAULT_SIZE_UNIT: u128 = 1024;

/// Elements whose size has another default unit: `<tseg>` in MiB (formatdomain:
/// "SMM … defaults to 'MiB'") and a disk's `<metadata_cache><max_size>` in bytes
/// (libvirt reads it with a scale of 1 and writes `unit='bytes'`).
const OTHER_DEFAULT_UNITS: &[(&str, u128)] = &[("tseg", 1 << 20), ("max_size", 1)];

/// The unit libvirt assumes for `element` without a `unit` attribute.
fn default_unit(element: &Element) -> u128 {
    OTHER_DEFAULT_UNITS
        .iter()
        .find(|(name, _)| element.name.local == *name)
        .map_or(DEFAULT_SIZE_UNIT, |(_, unit)| *unit)
}

/// A size: where it sits in the element and its value in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Size {
    /// The attribute holding the number, or `None` for the element's text.
    pub attribute: Option<&'static str>,
    /// The value in bytes.
    pub bytes: u128,
}

/// The element's value as a size: its numeric text (or `size`/`memory` attribute)
/// scaled by its `unit` attribute. `None` when the element has no `unit` attribute, or
/// no number to scale, or a unit libvirt does not know. `unit_elsewhere` says the
/// other side of a comparison has a unit, so a missing unit means libvirt's default.
pub(crate) fn size(element: &Element, unit_elsewhere: bool) -> Option<Size> {
    let unit = attribute(element, "unit");
    if unit.is_none() && !unit_elsewhere {
        return None;
    }
    let multiplier = match unit {
        Some(u) => u128::from(u.parse::<Unit>().ok()?.multiplier()),
        None => default_unit(element),
    };
    let (attribute, value) = if element.has_elements() {
        SIZE_ATTRIBUTES
            .iter()
            .find_map(|a| attribute_value(element, a).map(|v| (Some(*a), v)))?
    } else {
        match number(&element.text()) {
            Some(v) => (None, v),
            None => SIZE_ATTRIBUTES
                .iter()
                .find_map(|a| attribute_value(element, a).map(|v| (Some(*a), v)))?,
        }
    };
    Some(Size {
        attribute,
        bytes: value.checked_mul(multiplier)?,
    })
}

fn attribute_value(element: &Element, name: &str) -> Option<u128> {
    number(attribute(element, name)?)
}

/// The value of the attribute `name` (no namespace).
pub(crate) fn attribute<'e>(element: &'e Element, name: &str) -> Option<&'e str> {
    element
        .attributes
        .iter()
        .find(|a| a.name.namespace.is_none() && a.name.local == name)
        .map(|a| a.value.as_str())
}

/// A size in bytes as a person reads it: the largest binary unit that divides it.
pub(crate) fn show_bytes(bytes: u128) -> String {
    const UNITS: [(&str, u32); 6] = [
        ("EiB", 60),
        ("PiB", 50),
        ("TiB", 40),
        ("GiB", 30),
        ("MiB", 20),
        ("KiB", 10),
    ];
    for (name, shift) in UNITS {
        if bytes != 0 && bytes % (1u128 << shift) == 0 {
            return format!("{} {name}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_value() {
        assert!(same("0x1f", "31"));
        assert!(same("0x0001", "1"));
        assert!(!same("010", "10"));
        assert!(!same("0x1f", "30"));
        assert!(!same("abc", "ABC"));
    }

    #[test]
    fn macs_and_uuids_ignore_case() {
        assert!(same("52:54:00:AB:cd:01", "52:54:00:ab:CD:01"));
        assert!(!same("52:54:00:ab:cd:01", "52:54:00:ab:cd:02"));
        assert!(same(
            "C7A5FDBD-EDAF-9455-926A-D65C16DB1809",
            "c7a5fdbd-edaf-9455-926a-d65c16db1809"
        ));
    }

    #[test]
    fn sizes_scale_by_unit() {
        let a = Element::parse("<memory unit='GiB'>4</memory>").unwrap();
        let b = Element::parse("<memory unit='KiB'>4194304</memory>").unwrap();
        let c = Element::parse("<memory>4194304</memory>").unwrap();
        assert_eq!(size(&a, false).unwrap().bytes, 4 << 30);
        assert_eq!(size(&b, false).unwrap().bytes, 4 << 30);
        assert_eq!(size(&c, false), None);
        assert_eq!(size(&c, true).unwrap().bytes, 4 << 30);
        let page = Element::parse("<page size='2' unit='M'/>").unwrap();
        assert_eq!(size(&page, false).unwrap().bytes, 2 << 20);
        assert_eq!(show_bytes(4 << 30), "4 GiB");
        assert_eq!(show_bytes(1536), "1536 bytes");
        assert_eq!(show_bytes(1536 << 10), "1536 KiB");
    }
}
