//! The generic parts of `<domainCapabilities>` every section uses: `supported`
//! flags and `<enum>` value lists (formatdomaincaps: "Overview").

use serde::{Deserialize, Serialize};

use crate::values::YesNo;
use crate::xml::Extra;

/// An element that only says whether something is supported, such as
/// `<iothreads supported='yes'/>` or `<features><genid supported='no'/>`
/// (formatdomaincaps: "Overview", "Features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Supported {
    /// `supported`: whether the host supports it.
    #[serde(rename = "@supported")]
    pub supported: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Supported {
    /// `Some(true)` for `supported='yes'`, `Some(false)` for `no`, `None` when absent.
    pub fn is_supported(&self) -> Option<bool> {
        self.supported.map(YesNo::is_set)
    }
}

/// `<enum name=…>`: the values an attribute may take (formatdomaincaps: "Overview":
/// "each enum … lists the values the corresponding attribute can have").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CapsEnum {
    /// `name`: the attribute (or concept) the values are for, e.g. `bus`.
    #[serde(rename = "@name")]
    pub name: String,
    /// `<value>`: the values, in libvirt's order; empty for `<enum name='x'/>`, which
    /// says no value is available.
    #[serde(rename = "value")]
    pub values: Vec<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl CapsEnum {
    /// Whether `value` is listed.
    pub fn contains(&self, value: &str) -> bool {
        self.values.iter().any(|v| v == value)
    }
}

/// The enum called `name` among `enums`.
pub(crate) fn find_enum<'a>(enums: &'a [CapsEnum], name: &str) -> Option<&'a CapsEnum> {
    enums.iter().find(|e| e.name == name)
}

/// An element with `supported` and `<enum>` lists, the shape of every device kind
/// in `<devices>`, of `<memoryBacking>`, and of several `<features>`
/// (formatdomaincaps: "Devices", "Features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EnumCaps {
    /// `supported`: whether the host supports the element at all.
    #[serde(rename = "@supported")]
    pub supported: Option<YesNo>,
    /// `<enum>`: the values each attribute may take.
    #[serde(rename = "enum")]
    pub enums: Vec<CapsEnum>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl EnumCaps {
    /// `Some(true)` for `supported='yes'`, `Some(false)` for `no`, `None` when absent.
    pub fn is_supported(&self) -> Option<bool> {
        self.supported.map(YesNo::is_set)
    }

    /// The `<enum name=…>` called `name`, when listed.
    pub fn get(&self, name: &str) -> Option<&CapsEnum> {
        find_enum(&self.enums, name)
    }

    /// The values of the enum called `name`, typed; `None` when the enum is absent
    /// (which says nothing about the values).
    pub fn values<T: for<'a> From<&'a str>>(&self, name: &str) -> Option<Vec<T>> {
        self.get(name)
            .map(|e| e.values.iter().map(|v| T::from(v.as_str())).collect())
    }
}
