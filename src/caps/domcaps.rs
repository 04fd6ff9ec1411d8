//! `<domainCapabilities>`: what one hypervisor binary offers for one machine type and
//! architecture (formatdomaincaps: "Overview"), its `<os>` section and the generic
//! `<enum>` lists every section uses.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::caps::domcaps_cpu::CpuCaps;
use crate::caps::domcaps_devices::DevicesCaps;
use crate::caps::domcaps_enums::{find_enum, CapsEnum, EnumCaps, Supported};
use crate::caps::domcaps_features::FeaturesCaps;
use crate::domain::DomainType;
use crate::error::{Error, Result};
use crate::os::Arch;
use crate::values::YesNo;
use crate::xml::{Extra, Unmodelled};

/// The root element's name.
const ROOT: &str = "domainCapabilities";

/// `<domainCapabilities>`: the output of `virsh domcapabilities` (formatdomaincaps:
/// "Overview"): what a domain of one `type`, `arch` and machine may use on one host.
///
/// Fields are in libvirt's output order. Content the model does not know is kept in
/// `extra` fields and listed by [`DomainCapabilities::unmodelled`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DomainCapabilities {
    /// `<path>`: the emulator binary these capabilities describe.
    pub path: Option<String>,
    /// `<domain>`: the domain `type` (virtualization type), e.g. `kvm`.
    pub domain: Option<DomainType>,
    /// `<machine>`: the canonical machine type (absent for hypervisors without them).
    pub machine: Option<String>,
    /// `<arch>`: the guest architecture.
    pub arch: Option<Arch>,
    /// `<vcpu max>`: the most vCPUs a domain may have.
    pub vcpu: Option<VcpuCaps>,
    /// `<iothreads supported>`: whether IOThreads are supported.
    pub iothreads: Option<Supported>,
    /// `<os>`: firmware and loader choices (formatdomaincaps: "BIOS bootloader").
    pub os: Option<OsCaps>,
    /// `<cpu>`: the CPU modes and models (formatdomaincaps: "CPU configuration").
    pub cpu: Option<CpuCaps>,
    /// `<memoryBacking>`: memory backing source types (formatdomaincaps: "Memory
    /// Backing"); its enum is `sourceType`.
    #[serde(rename = "memoryBacking")]
    pub memory_backing: Option<EnumCaps>,
    /// `<devices>`: what each device kind may use (formatdomaincaps: "Devices").
    pub devices: Option<DevicesCaps>,
    /// `<features>`: other features (formatdomaincaps: "Features").
    pub features: Option<FeaturesCaps>,
    /// Unknown attributes and elements of `<domainCapabilities>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl DomainCapabilities {
    /// Parse `<domainCapabilities>` XML, keeping content the model does not know in
    /// `extra` fields.
    pub fn from_xml(text: &str) -> Result<DomainCapabilities> {
        crate::codec::from_str(text, ROOT)
    }

    /// Parse `<domainCapabilities>` XML and fail on the first element, attribute or
    /// text the model does not know, naming its path and line:column.
    pub fn from_xml_strict(text: &str) -> Result<DomainCapabilities> {
        crate::codec::from_str_strict(text, ROOT)
    }

    /// Write the document as XML in libvirt's layout.
    pub fn to_xml(&self) -> Result<String> {
        crate::codec::to_string(self, ROOT)
    }

    /// Every element, attribute and text the model does not know, in document order
    /// where it was parsed.
    pub fn unmodelled(&self) -> Vec<Unmodelled> {
        crate::codec::unmodelled(self, ROOT)
    }
}

impl FromStr for DomainCapabilities {
    type Err = Error;
    fn from_str(s: &str) -> Result<DomainCapabilities> {
        DomainCapabilities::from_xml(s)
    }
}

/// `<vcpu max>`: the most vCPUs the hypervisor allows for this machine type
/// (formatdomaincaps: "Overview").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VcpuCaps {
    /// `max`: the limit.
    #[serde(rename = "@max")]
    pub max: Option<u32>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<os>`: the firmware and loader choices (formatdomaincaps: "BIOS bootloader"); its
/// enum is `firmware` (`bios`, `efi`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OsCaps {
    /// `supported`: whether `<os>` can be configured.
    #[serde(rename = "@supported")]
    pub supported: Option<YesNo>,
    /// `<enum>`: `firmware`, the values of `<os firmware>`.
    #[serde(rename = "enum")]
    pub enums: Vec<CapsEnum>,
    /// `<loader>`: the firmware images and loader attributes.
    pub loader: Option<LoaderCaps>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl OsCaps {
    /// The `<enum>` called `name`, when listed.
    pub fn get(&self, name: &str) -> Option<&CapsEnum> {
        find_enum(&self.enums, name)
    }
}

/// `<os><loader>`: the firmware images found on the host and the values of
/// `<loader>`'s attributes (formatdomaincaps: "BIOS bootloader"); its enums are `type`,
/// `readonly` and `secure`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LoaderCaps {
    /// `supported`: whether a loader can be set.
    #[serde(rename = "@supported")]
    pub supported: Option<YesNo>,
    /// `<value>`: paths of the firmware images libvirt knows.
    #[serde(rename = "value")]
    pub values: Vec<String>,
    /// `<enum>`: `type`, `readonly`, `secure`.
    #[serde(rename = "enum")]
    pub enums: Vec<CapsEnum>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl LoaderCaps {
    /// The `<enum>` called `name`, when listed.
    pub fn get(&self, name: &str) -> Option<&CapsEnum> {
        find_enum(&self.enums, name)
    }
}
