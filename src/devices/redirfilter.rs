//! `<redirfilter>`: which USB devices may be redirected (formatdomain: "Redirected
//! devices").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_with::{DeserializeFromStr, SerializeDisplay};

use crate::error::Error;
use crate::values::{Uint, YesNo};
use crate::xml::Extra;

/// `<redirfilter>`: filter rules for USB redirection, tried in order
/// (formatdomain: "Redirected devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Redirfilter {
    /// `<usbdev>`: the rules, in order.
    #[serde(rename = "usbdev")]
    pub usbdevs: Vec<UsbdevFilter>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<usbdev>` of a redirection filter: one rule (formatdomain: "Redirected devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UsbdevFilter {
    /// `class`: USB class code, e.g. `0x08` for mass storage.
    #[serde(rename = "@class")]
    pub class: Option<UsbFilterValue>,
    /// `vendor`: USB vendor id.
    #[serde(rename = "@vendor")]
    pub vendor: Option<UsbFilterValue>,
    /// `product`: USB product id.
    #[serde(rename = "@product")]
    pub product: Option<UsbFilterValue>,
    /// `version`: device revision (bcdDevice) such as `1.09`, or `-1` for any.
    #[serde(rename = "@version")]
    pub version: Option<String>,
    /// `allow`: whether matching devices may be redirected.
    #[serde(rename = "@allow")]
    pub allow: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl UsbdevFilter {
    /// A rule matching every device.
    pub fn any(allow: bool) -> Self {
        UsbdevFilter {
            allow: Some(allow.into()),
            ..Default::default()
        }
    }
}

/// A `class`, `vendor` or `product` value of a USB redirection rule: a number
/// (decimal or `0x` hex, kept as written) or `-1` for any value
/// (formatdomain: "Redirected devices").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, SerializeDisplay, DeserializeFromStr)]
#[non_exhaustive]
pub enum UsbFilterValue {
    /// `-1`: any value.
    Any,
    /// A specific value, e.g. `0x08`.
    Id(Uint),
}

impl From<Uint> for UsbFilterValue {
    fn from(id: Uint) -> Self {
        UsbFilterValue::Id(id)
    }
}

impl fmt::Display for UsbFilterValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsbFilterValue::Any => f.write_str("-1"),
            UsbFilterValue::Id(id) => write!(f, "{id}"),
        }
    }
}

impl FromStr for UsbFilterValue {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        if s == "-1" {
            return Ok(UsbFilterValue::Any);
        }
        s.parse().map(UsbFilterValue::Id).map_err(|_| {
            Error::value(format!(
                "expected -1 or an unsigned integer (decimal or 0x hex), found {s:?}"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::test_util::assert_xml;

    #[test]
    fn redirfilter_round_trips() {
        let rule = UsbdevFilter {
            class: Some(Uint::hex(8, 2).into()),
            vendor: Some("0x15E1".parse().unwrap()),
            product: Some(Uint::hex(0x2007, 4).into()),
            version: Some("1.09".into()),
            allow: Some(YesNo::Yes),
            ..Default::default()
        };
        assert_xml(
            &Redirfilter {
                usbdevs: vec![rule, UsbdevFilter::any(false)],
                ..Default::default()
            },
            "redirfilter",
            "<redirfilter>\n  <usbdev class='0x08' vendor='0x15E1' product='0x2007' version='1.09' allow='yes'/>\n  <usbdev allow='no'/>\n</redirfilter>",
        );
        assert_xml(&Redirfilter::default(), "redirfilter", "<redirfilter/>");
    }

    #[test]
    fn minus_one_means_any() {
        let rule: UsbdevFilter = crate::codec::from_str(
            "<usbdev class='-1' vendor='-1' product='1234' version='-1' allow='yes'/>",
            "usbdev",
        )
        .unwrap();
        assert_eq!(rule.class, Some(UsbFilterValue::Any));
        assert_eq!(rule.product, Some(UsbFilterValue::Id(1234u32.into())));
        assert!("x".parse::<UsbFilterValue>().is_err());
    }
}
