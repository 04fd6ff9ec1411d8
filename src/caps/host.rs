//! `<capabilities>`: the host and the guests it can run, as `virsh capabilities`
//! reports them (formatcaps: "Element and attribute overview"), and its `<host>`
//! section (formatcaps: "Host capabilities").

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::caps::guest::Guest;
use crate::caps::host_topology::{HostCache, HostTopology, MemoryBandwidth, Pages};
use crate::cpu::{CpuFeature, CpuSignature, CpuTopology, MaxPhysAddr};
use crate::devices::Marker;
use crate::error::{Error, Result};
use crate::os::Arch;
use crate::values::{value_enum, YesNo};
use crate::xml::{Extra, Unmodelled};

/// The root element's name.
const ROOT: &str = "capabilities";

/// `<capabilities>`: the output of `virsh capabilities` (formatcaps: "Element and
/// attribute overview"): the host, then one `<guest>` per guest OS type and
/// architecture.
///
/// Content the model does not know is kept in `extra` fields and listed by
/// [`Capabilities::unmodelled`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Capabilities {
    /// `<host>`: the physical host.
    pub host: Option<Host>,
    /// `<guest>`: what guests the host can run.
    #[serde(rename = "guest")]
    pub guests: Vec<Guest>,
    /// Unknown attributes and elements of `<capabilities>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Capabilities {
    /// Parse `<capabilities>` XML, keeping content the model does not know in `extra`
    /// fields.
    pub fn from_xml(text: &str) -> Result<Capabilities> {
        crate::codec::from_str(text, ROOT)
    }

    /// Parse `<capabilities>` XML and fail on the first element, attribute or text the
    /// model does not know, naming its path and line:column.
    pub fn from_xml_strict(text: &str) -> Result<Capabilities> {
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

impl FromStr for Capabilities {
    type Err = Error;
    fn from_str(s: &str) -> Result<Capabilities> {
        Capabilities::from_xml(s)
    }
}

/// `<host>`: the physical host (formatcaps: "Host capabilities").
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Host {
    /// `<uuid>`: the host's UUID.
    pub uuid: Option<String>,
    /// `<cpu>`: the host CPU.
    pub cpu: Option<HostCpu>,
    /// `<power_management>`: the suspend modes the host supports.
    pub power_management: Option<PowerManagement>,
    /// `<iommu support>`: whether the host has an IOMMU.
    pub iommu: Option<Iommu>,
    /// `<migration_features>`: live migration and its URI transports.
    pub migration_features: Option<MigrationFeatures>,
    /// `<topology>`: the host's NUMA cells.
    pub topology: Option<HostTopology>,
    /// `<cache>`: CPU cache banks and their allocation controls.
    pub cache: Option<HostCache>,
    /// `<memory_bandwidth>`: memory bandwidth allocation per node.
    pub memory_bandwidth: Option<MemoryBandwidth>,
    /// `<secmodel>`: the security drivers and their base labels.
    pub secmodel: Vec<SecModel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<host><cpu>`: the host CPU (formatcaps: "Host capabilities").
///
/// Fields are in libvirt's output order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCpu {
    /// `<arch>`: the host architecture.
    pub arch: Option<Arch>,
    /// `<features>`: old-style CPU flags (`pae`, `vmx`, …).
    #[serde(rename = "features")]
    pub flags: Option<HostCpuFeatures>,
    /// `<model>`: the closest CPU model.
    pub model: Option<String>,
    /// `<vendor>`: the CPU vendor.
    pub vendor: Option<String>,
    /// `<microcode version>`: the microcode revision.
    pub microcode: Option<HostCpuMicrocode>,
    /// `<signature>`: family, model and stepping.
    pub signature: Option<CpuSignature>,
    /// `<counter>`: the TSC counter.
    pub counter: Option<HostCpuCounter>,
    /// `<topology>`: sockets, dies, clusters, cores and threads.
    pub topology: Option<CpuTopology>,
    /// `<maxphysaddr>`: the physical address size.
    pub maxphysaddr: Option<MaxPhysAddr>,
    /// `<feature name>`: features beyond the model's.
    #[serde(rename = "feature")]
    pub features: Vec<CpuFeature>,
    /// `<pages>`: the page sizes the host supports.
    pub pages: Vec<Pages>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<host><cpu><features>`: old-style CPU flags (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCpuFeatures {
    /// `<pae/>`: physical address extension.
    pub pae: Option<Marker>,
    /// `<nonpae/>`: runs without PAE.
    pub nonpae: Option<Marker>,
    /// `<vmx/>`: Intel VT-x.
    pub vmx: Option<Marker>,
    /// `<svm/>`: AMD-V.
    pub svm: Option<Marker>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<host><cpu><microcode version>` (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCpuMicrocode {
    /// `version`: the microcode revision.
    #[serde(rename = "@version")]
    pub version: Option<u64>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<host><cpu><counter>`: the TSC (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostCpuCounter {
    /// `name`: the counter, `tsc`.
    #[serde(rename = "@name")]
    pub name: Option<String>,
    /// `frequency`: in Hz.
    #[serde(rename = "@frequency")]
    pub frequency: Option<u64>,
    /// `scaling`: whether the frequency can be scaled for guests.
    #[serde(rename = "@scaling")]
    pub scaling: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<power_management>`: the suspend modes the host supports (formatcaps: "Host
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PowerManagement {
    /// `<suspend_mem/>`: suspend to RAM.
    pub suspend_mem: Option<Marker>,
    /// `<suspend_disk/>`: suspend to disk.
    pub suspend_disk: Option<Marker>,
    /// `<suspend_hybrid/>`: both.
    pub suspend_hybrid: Option<Marker>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<iommu support>`: whether the host has a usable IOMMU (formatcaps: "Host
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Iommu {
    /// `support`: `yes` or `no`.
    #[serde(rename = "@support")]
    pub support: Option<YesNo>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<migration_features>`: live migration and the URI transports (formatcaps: "Host
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MigrationFeatures {
    /// `<live/>`: live migration is supported.
    pub live: Option<Marker>,
    /// `<uri_transports>`: the migration URI schemes.
    pub uri_transports: Option<UriTransports>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

value_enum! {
    /// `<uri_transport>`: a migration URI scheme (formatcaps: "Host capabilities").
    pub enum UriTransport {
        /// `vpxmigr`: VMware vCenter.
        Vpxmigr = "vpxmigr",
        /// `tcp`
        Tcp = "tcp",
        /// `rdma`
        Rdma = "rdma",
        /// `vzmigr`: Virtuozzo.
        Vzmigr = "vzmigr",
    }
}

/// `<uri_transports>` (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UriTransports {
    /// `<uri_transport>`: each scheme.
    #[serde(rename = "uri_transport")]
    pub transports: Vec<UriTransport>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<secmodel>`: a security driver (formatcaps: "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SecModel {
    /// `<model>`: the driver, e.g. `selinux`, `dac`.
    pub model: Option<String>,
    /// `<doi>`: the domain of interpretation.
    pub doi: Option<String>,
    /// `<baselabel type>`: the default label per domain type.
    pub baselabel: Vec<BaseLabel>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<secmodel><baselabel type>`: the label given to domains of one `type` (formatcaps:
/// "Host capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BaseLabel {
    /// `type`: the domain type, e.g. `kvm`.
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    /// The label.
    #[serde(rename = "$text")]
    pub label: String,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
