//! `<domainCapabilities><cpu>`: the CPU modes a domain may use and, for `custom`, the
//! models and whether the host can run them (formatdomaincaps: "CPU configuration").

use serde::{Deserialize, Serialize};

use crate::caps::domcaps_enums::{find_enum, CapsEnum};
use crate::cpu::{CpuFeature, CpuModel, MaxPhysAddr};
use crate::values::{value_enum, YesNo};
use crate::xml::Extra;

/// `<cpu>`: one `<mode>` per CPU mode (formatdomaincaps: "CPU configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CpuCaps {
    /// `<mode>`: `host-passthrough`, `maximum`, `host-model` and `custom`, in order.
    #[serde(rename = "mode")]
    pub modes: Vec<CpuModeCaps>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl CpuCaps {
    /// The `<mode>` whose `name` is `name` (`host-passthrough`, `custom`, …).
    pub fn mode(&self, name: &str) -> Option<&CpuModeCaps> {
        self.modes.iter().find(|m| m.name() == Some(name))
    }
}

/// `<cpu><mode name=…>`: one CPU mode; its content depends on `name`
/// (formatdomaincaps: "CPU configuration"). An unknown mode is kept whole in
/// [`CpuModeCaps::Other`].
// One `<cpu>` holds four modes: boxing `host-model` would save little.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "@name")]
#[non_exhaustive]
pub enum CpuModeCaps {
    /// `host-passthrough`: its enum `hostPassthroughMigratable` lists `migratable`'s
    /// values.
    #[serde(rename = "host-passthrough")]
    HostPassthrough(MigratableModeCaps),
    /// `maximum`: its enum `maximumMigratable` lists `migratable`'s values.
    #[serde(rename = "maximum")]
    Maximum(MigratableModeCaps),
    /// `host-model`: the model libvirt would pick for the host.
    #[serde(rename = "host-model")]
    HostModel(HostModelCaps),
    /// `custom`: the named models and whether each is usable.
    #[serde(rename = "custom")]
    Custom(CustomModeCaps),
    /// A mode this crate does not know, kept with all its content.
    #[serde(rename = "$other")]
    Other(UnknownCpuModeCaps),
}

impl CpuModeCaps {
    /// The `name` as written (`None` when an unknown mode has none).
    pub fn name(&self) -> Option<&str> {
        match self {
            CpuModeCaps::HostPassthrough(_) => Some("host-passthrough"),
            CpuModeCaps::Maximum(_) => Some("maximum"),
            CpuModeCaps::HostModel(_) => Some("host-model"),
            CpuModeCaps::Custom(_) => Some("custom"),
            CpuModeCaps::Other(other) => other.name.as_deref(),
        }
    }

    /// The mode's `supported`, as a boolean (`None` when absent or unknown).
    pub fn is_supported(&self) -> Option<bool> {
        let supported = match self {
            CpuModeCaps::HostPassthrough(m) | CpuModeCaps::Maximum(m) => m.supported,
            CpuModeCaps::HostModel(m) => m.supported,
            CpuModeCaps::Custom(m) => m.supported,
            CpuModeCaps::Other(_) => None,
        };
        supported.map(YesNo::is_set)
    }
}

/// `<mode name='host-passthrough'>` and `<mode name='maximum'>` (formatdomaincaps: "CPU
/// configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MigratableModeCaps {
    /// `supported`: whether the mode is supported.
    #[serde(rename = "@supported")]
    pub supported: Option<YesNo>,
    /// `<enum>`: `hostPassthroughMigratable` or `maximumMigratable` (`on`, `off`).
    #[serde(rename = "enum")]
    pub enums: Vec<CapsEnum>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl MigratableModeCaps {
    /// The `<enum>` called `name`, when listed.
    pub fn get(&self, name: &str) -> Option<&CapsEnum> {
        find_enum(&self.enums, name)
    }
}

/// `<mode name='host-model'>`: the CPU definition `host-model` expands to
/// (formatdomaincaps: "CPU configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostModelCaps {
    /// `supported`: whether the mode is supported.
    #[serde(rename = "@supported")]
    pub supported: Option<YesNo>,
    /// `<model>`: the base model, e.g. `<model fallback='forbid'>EPYC-Rome</model>`.
    pub model: Option<CpuModel>,
    /// `<vendor>`: the CPU vendor.
    pub vendor: Option<String>,
    /// `<maxphysaddr>`: the physical address size.
    pub maxphysaddr: Option<MaxPhysAddr>,
    /// `<feature>`: features added to or removed from the model.
    #[serde(rename = "feature")]
    pub features: Vec<CpuFeature>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<mode name='custom'>`: the models a `custom` CPU may name (formatdomaincaps: "CPU
/// configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomModeCaps {
    /// `supported`: whether the mode is supported.
    #[serde(rename = "@supported")]
    pub supported: Option<YesNo>,
    /// `<model>`: every model, with whether the host can run it.
    #[serde(rename = "model")]
    pub models: Vec<CpuModelCaps>,
    /// `<blockers>`: for each unusable model, the features the host lacks.
    pub blockers: Vec<CpuBlockers>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl CustomModeCaps {
    /// The `<model>` named `name`, when listed.
    pub fn model(&self, name: &str) -> Option<&CpuModelCaps> {
        self.models.iter().find(|m| m.name == name)
    }

    /// The `<blockers>` of the model named `name`, when listed.
    pub fn blockers_of(&self, name: &str) -> Option<&CpuBlockers> {
        self.blockers.iter().find(|b| b.model == name)
    }
}

value_enum! {
    /// `<model usable=…>`: whether the host can run a CPU model (formatdomaincaps:
    /// "CPU configuration").
    pub enum CpuModelUsable {
        /// `yes`: the host can run the model as is.
        Yes = "yes",
        /// `no`: the host lacks some of the model's features.
        No = "no",
        /// `unknown`: libvirt could not tell.
        Unknown = "unknown",
    }
}

/// `<mode name='custom'><model>`: one CPU model (formatdomaincaps: "CPU configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CpuModelCaps {
    /// `usable`: whether the host can run it.
    #[serde(rename = "@usable")]
    pub usable: Option<CpuModelUsable>,
    /// `deprecated`: whether the hypervisor deprecates the model.
    #[serde(rename = "@deprecated")]
    pub deprecated: Option<YesNo>,
    /// `vendor`: the model's CPU vendor (`unknown` when none).
    #[serde(rename = "@vendor")]
    pub vendor: Option<String>,
    /// `canonical`: the versioned model this alias stands for, e.g. `Broadwell-v1`.
    #[serde(rename = "@canonical")]
    pub canonical: Option<String>,
    /// The model's name.
    #[serde(rename = "$text")]
    pub name: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<blockers model=…>`: the host features a CPU model needs and lacks
/// (formatdomaincaps: "CPU configuration").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CpuBlockers {
    /// `model`: the model's name.
    #[serde(rename = "@model")]
    pub model: String,
    /// `<feature name>`: the missing features (without `policy`).
    #[serde(rename = "feature")]
    pub features: Vec<CpuFeature>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// A `<cpu><mode>` whose `name` this crate does not know, kept whole.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnknownCpuModeCaps {
    /// `name`: as written; `None` when absent.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
