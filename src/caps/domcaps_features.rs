//! `<domainCapabilities><features>`: other features and their limits
//! (formatdomaincaps: "Features").

use serde::{Deserialize, Serialize};

use crate::caps::domcaps_enums::{EnumCaps, Supported};
use crate::units::Unit;
use crate::values::YesNo;
use crate::xml::Extra;

/// `<features>`: whether each feature is supported, with its values or limits
/// (formatdomaincaps: "Features").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FeaturesCaps {
    /// `<gic>`: Arm's interrupt controller; enum `version`.
    pub gic: Option<EnumCaps>,
    /// `<vmcoreinfo>`: the guest's crash dump information device.
    pub vmcoreinfo: Option<Supported>,
    /// `<genid>`: the VM generation id.
    pub genid: Option<Supported>,
    /// `<backingStoreInput>`: whether disk `<backingStore>` given as input is honoured.
    #[serde(rename = "backingStoreInput")]
    pub backing_store_input: Option<Supported>,
    /// `<backup>`: incremental backup.
    pub backup: Option<Supported>,
    /// `<async-teardown>`: asynchronous teardown of the QEMU process.
    #[serde(rename = "async-teardown")]
    pub async_teardown: Option<Supported>,
    /// `<s390-pv>`: IBM Secure Execution (protected virtualization).
    #[serde(rename = "s390-pv")]
    pub s390_pv: Option<Supported>,
    /// `<ps2>`: whether the machine has a PS/2 controller.
    pub ps2: Option<Supported>,
    /// `<sev>`: AMD SEV and its limits.
    pub sev: Option<SevCaps>,
    /// `<sgx>`: Intel SGX and its EPC sections.
    pub sgx: Option<SgxCaps>,
    /// `<hyperv>`: Hyper-V enlightenments; enum `features`.
    pub hyperv: Option<EnumCaps>,
    /// `<launchSecurity>`: confidential guest types; enum `sectype`.
    #[serde(rename = "launchSecurity")]
    pub launch_security: Option<EnumCaps>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<features><sev>`: AMD SEV support and the platform's parameters
/// (formatdomaincaps: "SEV capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SevCaps {
    /// `supported`: whether SEV is available.
    #[serde(rename = "@supported")]
    pub supported: Option<YesNo>,
    /// `<cbitpos>`: the C-bit position in page table entries.
    pub cbitpos: Option<u32>,
    /// `<reducedPhysBits>`: the physical address bit reduction.
    #[serde(rename = "reducedPhysBits")]
    pub reduced_phys_bits: Option<u32>,
    /// `<maxGuests>`: how many SEV guests may run at once.
    #[serde(rename = "maxGuests")]
    pub max_guests: Option<u32>,
    /// `<maxESGuests>`: how many SEV-ES guests may run at once.
    #[serde(rename = "maxESGuests")]
    pub max_es_guests: Option<u32>,
    /// `<cpu0Id>`: the platform's CPU 0 identifier (base64).
    #[serde(rename = "cpu0Id")]
    pub cpu0_id: Option<String>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<features><sgx>`: Intel SGX support and its EPC (formatdomaincaps: "SGX
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SgxCaps {
    /// `supported`: whether SGX is available.
    #[serde(rename = "@supported")]
    pub supported: Option<YesNo>,
    /// `<flc>`: Flexible Launch Control.
    pub flc: Option<YesNo>,
    /// `<sgx1>`: SGX version 1.
    pub sgx1: Option<YesNo>,
    /// `<sgx2>`: SGX version 2.
    pub sgx2: Option<YesNo>,
    /// `<section_size>`: the total EPC size.
    pub section_size: Option<SgxSectionSize>,
    /// `<sections>`: the EPC sections per NUMA node.
    pub sections: Option<SgxSections>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<sgx><section_size unit>`: the total EPC size (formatdomaincaps: "SGX
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SgxSectionSize {
    /// `unit`: always `KiB` in libvirt's output.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// The size, in `unit`.
    #[serde(rename = "$text")]
    pub value: u64,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<sgx><sections>`: the EPC sections (formatdomaincaps: "SGX capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SgxSections {
    /// `<section>`: one per NUMA node.
    #[serde(rename = "section")]
    pub sections: Vec<SgxSection>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<sections><section node size unit>`: one EPC section (formatdomaincaps: "SGX
/// capabilities").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SgxSection {
    /// `node`: the host NUMA node.
    #[serde(rename = "@node")]
    pub node: Option<u32>,
    /// `size`: the section's size, in `unit`.
    #[serde(rename = "@size")]
    pub size: Option<u64>,
    /// `unit`: always `KiB` in libvirt's output.
    #[serde(rename = "@unit")]
    pub unit: Option<Unit>,
    /// Unknown attributes and elements, kept and written back.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}
