//! `<capabilities><guest>`: a guest OS type and architecture the host can run, with
//! its emulators, machine types and domain types (formatcaps: "Guest capabilities").

use serde::{Deserialize, Serialize};

use crate::devices::Marker;
use crate::domain::DomainType;
use crate::os::Arch;
use crate::values::{value_enum, OnOff, YesNo};
use crate::xml::Extra;

value_enum! {
    /// `<guest><os_type>`: the kind of guest (formatcaps: "Guest capabilities").
    pub enum OsType {
        /// `xen`: a Xen paravirtualized guest.
        Xen = "xen",
        /// `linux`: the old name of `xen`.
        Linux = "linux",
        /// `hvm`: a fully virtualized guest.
        Hvm = "hvm",
        /// `exe`: a container.
        Exe = "exe",
        /// `uml`: User Mode Linux (no longer used).
        Uml = "uml",
    }
}

/// `<guest>`: one guest OS type and architecture (formatcaps: "Guest capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Guest {
    /// `<os_type>`: the kind of guest.
    pub os_type: Option<OsType>,
    /// `<arch>`: the architecture, its emulator, machines and domain types.
    pub arch: Option<GuestArch>,
    /// `<features>`: guest features and whether they can be toggled.
    pub features: Option<GuestFeatures>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<guest><arch name>` (formatcaps: "Guest capabilities").
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GuestArch {
    /// `name`: the architecture.
    #[serde(rename = "@name")]
    pub name: Option<Arch>,
    /// `<wordsize>`: 31, 32 or 64.
    pub wordsize: Option<u32>,
    /// `<emulator>`: the default emulator binary.
    pub emulator: Option<String>,
    /// `<loader>`: the default loader (Xen).
    pub loader: Option<String>,
    /// `<machine>`: the machine types the default emulator offers.
    #[serde(rename = "machine")]
    pub machines: Vec<GuestMachine>,
    /// `<domain type>`: the domain types, each with its own emulator and machines when
    /// they differ.
    #[serde(rename = "domain")]
    pub domains: Vec<GuestDomain>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<machine>`: a machine type (formatcaps: "Guest capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GuestMachine {
    /// `canonical`: the versioned machine this alias stands for (`pc` → `pc-i440fx-10.0`).
    #[serde(rename = "@canonical")]
    pub canonical: Option<String>,
    /// `maxCpus`: the most vCPUs the machine allows.
    #[serde(rename = "@maxCpus")]
    pub max_cpus: Option<u32>,
    /// `deprecated`: whether the emulator deprecates the machine.
    #[serde(rename = "@deprecated")]
    pub deprecated: Option<YesNo>,
    /// The machine's name.
    #[serde(rename = "$text")]
    pub name: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<arch><domain type>`: a domain type the architecture supports (formatcaps: "Guest
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GuestDomain {
    /// `type`: the domain type.
    #[serde(rename = "@type")]
    pub kind: Option<DomainType>,
    /// `<emulator>`: the emulator for this type, when not the architecture's default.
    pub emulator: Option<String>,
    /// `<machine>`: the machine types for this type, when not the default emulator's.
    #[serde(rename = "machine")]
    pub machines: Vec<GuestMachine>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<guest><features>`: guest features (formatcaps: "Guest capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GuestFeatures {
    /// `<pae/>`: physical address extension.
    pub pae: Option<Marker>,
    /// `<nonpae/>`: runs without PAE.
    pub nonpae: Option<Marker>,
    /// `<ia64_be/>`: big-endian Itanium.
    pub ia64_be: Option<Marker>,
    /// `<acpi>`: ACPI.
    pub acpi: Option<FeatureToggle>,
    /// `<apic>`: the APIC.
    pub apic: Option<FeatureToggle>,
    /// `<cpuselection/>`: the guest CPU can be chosen.
    pub cpuselection: Option<Marker>,
    /// `<deviceboot/>`: per-device boot order.
    pub deviceboot: Option<Marker>,
    /// `<disksnapshot>`: disk snapshots.
    pub disksnapshot: Option<FeatureToggle>,
    /// `<hap>`: hardware assisted paging (Xen).
    pub hap: Option<FeatureToggle>,
    /// `<externalSnapshot/>`: external snapshots.
    #[serde(rename = "externalSnapshot")]
    pub external_snapshot: Option<Marker>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// A guest feature with `toggle` and `default` (formatcaps: "Guest capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FeatureToggle {
    /// `default`: whether the feature is on when the domain does not say.
    #[serde(rename = "@default")]
    pub default: Option<OnOff>,
    /// `toggle`: whether the domain may change it.
    #[serde(rename = "@toggle")]
    pub toggle: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
