//! Scalars: strings, `value_enum!` types, `YesNo`/`OnOff`, `Uint` (src/values.rs).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use libvirt_domain::xml::is_xml_char;
use libvirt_domain::{HexUint, NumberFormat, OnOff, Uint, YesNo};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;

/// XML's whitespace characters: text made only of these next to child elements is
/// layout, dropped on reading (docs/architecture.md, "Pipeline").
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Whether `s` is non-empty and all XML whitespace.
pub fn is_layout(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_xml_space)
}

/// Characters with a meaning in markup, or that XML rewrites (line ends, tabs in
/// attribute values).
const MARKUP: &[char] = &[
    '<', '>', '&', '\'', '"', ';', '#', ']', '=', '/', ' ', '\t', '\r', '\n', '\u{85}', '\u{2028}',
];

/// A `char` from `any::<char>()` that XML 1.0 can carry: a forbidden one (a C0
/// control, U+FFFE, U+FFFF) is moved to a neighbour that is allowed. (Mapped rather
/// than filtered: long runs would hit proptest's limit on rejected values.)
fn xml_char() -> impl Strategy<Value = char> {
    any::<char>().prop_map(|c| {
        if is_xml_char(c) {
            c
        } else if u32::from(c) < 0x20 {
            char::from_u32(u32::from(c) + 0x20).unwrap_or(' ')
        } else {
            '\u{FFFD}'
        }
    })
}

/// Any string: from `any::<char>()`, plus empty, whitespace-only, markup characters and
/// plain names. Characters XML 1.0 forbids only appear in strategies built inside
/// [`with_forbidden_chars`](super::with_forbidden_chars).
pub fn text() -> BoxedStrategy<String> {
    let mut options: Vec<(u32, BoxedStrategy<String>)> = vec![
        (
            60,
            vec(xml_char(), 1..10)
                .prop_map(|v| v.into_iter().collect())
                .boxed(),
        ),
        (
            20,
            vec(select(vec![' ', '\t', '\r', '\n']), 1..5)
                .prop_map(|v| v.into_iter().collect())
                .boxed(),
        ),
        (10, Just(String::new()).boxed()),
        (
            30,
            vec(select(MARKUP), 1..7)
                .prop_map(|v| v.into_iter().collect())
                .boxed(),
        ),
        (30, regex("[a-zA-Z0-9_./:-]{1,12}")),
    ];
    if super::forbidden_chars_allowed() {
        // Rare enough that about half the domains hold no forbidden character.
        options.push((
            9,
            vec(any::<char>(), 1..8)
                .prop_map(|v| v.into_iter().collect())
                .boxed(),
        ));
    }
    Union::new_weighted(options).boxed()
}

/// Strings matching `pattern`. The regex is parsed once per pattern; a `&str` used
/// as a strategy parses it again for every value (a quarter of the generation time
/// in a debug build).
pub fn regex(pattern: &'static str) -> BoxedStrategy<String> {
    thread_local! {
        /// Each pattern's strategy: strategies are built by the thousand (every
        /// `extra()` names things), and parsing a regex is not cheap in a debug build.
        static PARSED: RefCell<HashMap<&'static str, BoxedStrategy<String>>> =
            RefCell::new(HashMap::new());
    }
    PARSED.with(|parsed| {
        parsed
            .borrow_mut()
            .entry(pattern)
            .or_insert_with(|| {
                proptest::string::string_regex(pattern)
                    .unwrap_or_else(|e| panic!("{pattern}: {e}"))
                    .boxed()
            })
            .clone()
    })
}

/// Text that is neither empty nor whitespace only: survives next to child elements.
/// (An empty or whitespace-only [`text`] gets a letter appended.)
pub fn solid_text() -> BoxedStrategy<String> {
    text()
        .prop_map(|mut s| {
            if s.is_empty() || is_layout(&s) {
                s.push('t');
            }
            s
        })
        .boxed()
}

/// A `value_enum!` type: a known variant, or `Other` with a string that does not
/// parse back as a known variant (`Other("kvm")` reads back as `Kvm`, by design).
pub fn value_enum<E>(known: &'static [E], other: fn(String) -> E) -> BoxedStrategy<E>
where
    E: Clone + fmt::Debug + PartialEq + for<'a> From<&'a str> + 'static,
{
    let unknown = text().prop_filter_map("a known spelling", move |s| {
        let parsed = E::from(s.as_str());
        let value = other(s);
        (parsed == value).then_some(value)
    });
    prop_oneof![3 => select(known), 1 => unknown].boxed()
}

/// `yes` or `no`.
pub fn yes_no() -> BoxedStrategy<YesNo> {
    prop_oneof![Just(YesNo::Yes), Just(YesNo::No)].boxed()
}

/// `on` or `off`.
pub fn on_off() -> BoxedStrategy<OnOff> {
    prop_oneof![Just(OnOff::On), Just(OnOff::Off)].boxed()
}

/// Small numbers most of the time, any number sometimes, and the extremes.
pub fn u64_value() -> BoxedStrategy<u64> {
    prop_oneof![4 => 0u64..=300, 4 => any::<u64>(), 1 => Just(u64::MAX)].boxed()
}

fn decimal_digits(v: u64) -> u8 {
    // At most 20 digits.
    v.to_string().len() as u8
}

fn hex_digits(v: u64) -> u8 {
    // At most 16 digits.
    format!("{v:x}").len() as u8
}

/// Positions (from the right, 0-based) of the letter digits of `v` written in
/// `width` lowercase hex digits.
fn hex_letters(v: u64, width: u8) -> u64 {
    let digits = format!("{v:0w$x}", w = usize::from(width));
    digits
        .bytes()
        .rev()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_alphabetic())
        .fold(0u64, |mask, (i, _)| mask | (1 << i))
}

/// Extra zero padding: usually a little, sometimes up to the 255 digits a `u8` width
/// allows.
fn padding(max: u8) -> BoxedStrategy<u8> {
    prop_oneof![4 => 0u8..=3, 1 => 0..=max].boxed()
}

/// A `Uint` written in hex: `Hex`, `UpperHex` or `MixedHex`, in the forms that read
/// back the same (see [`uint`]).
fn hex_form() -> BoxedStrategy<Uint> {
    let hex = (u64_value(), padding(239)).prop_map(|(value, pad)| Uint {
        value,
        format: NumberFormat::Hex(hex_digits(value) + pad),
    });
    // At least one letter digit: the last digit is `a`..=`f`.
    let upper = (u64_value(), padding(239)).prop_map(|(value, pad)| {
        let value = value | 0xa;
        Uint {
            value,
            format: NumberFormat::UpperHex(hex_digits(value) + pad),
        }
    });
    // At least two letter digits (the last two are letters), some of them uppercase.
    let mixed = (u64_value(), 0u8..=63, any::<u64>()).prop_map(|(value, pad, choice)| {
        let value = value | 0xaa;
        let digits = hex_digits(value);
        let width = digits + pad % (65 - digits);
        let letters = hex_letters(value, width);
        let lowest = letters & letters.wrapping_neg();
        let mut upper = letters & choice;
        if upper == 0 {
            upper = lowest;
        } else if upper == letters {
            upper &= !lowest;
        }
        Uint {
            value,
            format: NumberFormat::MixedHex { width, upper },
        }
    });
    prop_oneof![2 => hex, 1 => upper, 1 => mixed].boxed()
}

/// A `Uint` in every `NumberFormat` whose written form reads back as the same form:
///
/// - `Decimal`: any value;
/// - `PaddedDecimal(w)`: `w` above the digit count (one leading zero at least, or it
///   reads back as `Decimal`);
/// - `Hex(w)`: `w` at least the digit count (and at least 1), since the width read
///   back is the number of digits written;
/// - `UpperHex(w)`: as `Hex`, with at least one letter digit (or it reads back as
///   `Hex`);
/// - `MixedHex`: at most 16 digits, `upper` marking a part of the letter digits, at
///   least one uppercase and one lowercase (or it reads back as `UpperHex`/`Hex`).
pub fn uint() -> BoxedStrategy<Uint> {
    let decimal = u64_value().prop_map(Uint::from);
    let padded = (u64_value(), padding(234)).prop_map(|(value, pad)| Uint {
        value,
        format: NumberFormat::PaddedDecimal(decimal_digits(value) + 1 + pad),
    });
    prop_oneof![2 => decimal, 1 => padded, 4 => hex_form()].boxed()
}

/// A `HexUint`: with or without `0x`, its digits in a hex form of [`uint`] (a decimal
/// form is written as hex, so it reads back as `Hex`).
pub fn hex_uint() -> BoxedStrategy<HexUint> {
    (hex_form(), any::<bool>())
        .prop_map(|(u, prefixed)| HexUint {
            value: u.value,
            prefixed,
            format: u.format,
        })
        .boxed()
}
