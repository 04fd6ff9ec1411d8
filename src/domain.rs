//! `<domain>`: the root element and its general metadata
//! (formatdomain: "Element and attribute overview", "General metadata").

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::cpu::{Cpu, Vcpu};
use crate::devices::Devices;
use crate::error::{Error, Result};
use crate::events::{CrashAction, LifecycleAction, LockFailureAction, Pm};
use crate::features::Features;
use crate::memory::{CurrentMemory, MaxMemory, Memory, MemoryBacking};
use crate::os::Os;
use crate::qemu::QemuCommandline;
use crate::values::value_enum;
use crate::xml::{self, Extra, RawElement, Unmodelled};

/// The libvirt release whose schema (`domain.rng`) this model follows.
pub const LIBVIRT_SCHEMA_VERSION: &str = "11.3.0";

value_enum! {
    /// `<domain type=…>`: the hypervisor driver (schema `hvs`).
    pub enum DomainType {
        /// `qemu`: QEMU with TCG emulation.
        Qemu = "qemu",
        /// `kqemu` (obsolete).
        Kqemu = "kqemu",
        /// `kvm`: QEMU with KVM acceleration (Phyllome's default).
        Kvm = "kvm",
        /// `xen`
        Xen = "xen",
        /// `lxc`
        Lxc = "lxc",
        /// `uml`
        Uml = "uml",
        /// `openvz`
        Openvz = "openvz",
        /// `test`: libvirt's test driver.
        Test = "test",
        /// `vmware`
        Vmware = "vmware",
        /// `hyperv`
        Hyperv = "hyperv",
        /// `vbox`
        Vbox = "vbox",
        /// `phyp`
        Phyp = "phyp",
        /// `vz`
        Vz = "vz",
        /// `bhyve`
        Bhyve = "bhyve",
        /// `ch`: Cloud Hypervisor.
        Ch = "ch",
        /// `hvf`: macOS Hypervisor.framework.
        Hvf = "hvf",
    }
}

impl Default for DomainType {
    /// Phyllome OS runs guests with hardware-assisted virtualization only.
    fn default() -> Self {
        DomainType::Kvm
    }
}

/// `<metadata>`: application data in other namespaces, kept as raw XML
/// (formatdomain: "General metadata").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Metadata {
    /// The child elements, each in its application's namespace.
    #[serde(rename = "$value")]
    pub items: Vec<RawElement>,
    /// Unknown attributes (and text) of `<metadata>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// `<domain>`: a virtual machine definition (formatdomain: "Element and attribute overview").
///
/// Fields are in libvirt's canonical output order. Content the model does not know is
/// kept in `extra` fields at every level and written back; [`Domain::unmodelled`] lists it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Domain {
    /// `type`: the hypervisor driver.
    #[serde(rename = "@type")]
    pub kind: DomainType,
    /// `id`: the running domain's id (only in live XML).
    #[serde(rename = "@id")]
    pub id: Option<u32>,
    /// `<name>`: short name, unique per host.
    pub name: Option<String>,
    /// `<uuid>`: globally unique identifier.
    pub uuid: Option<String>,
    /// `<title>`: short description, no newlines.
    pub title: Option<String>,
    /// `<description>`: human-readable description.
    pub description: Option<String>,
    /// `<metadata>`: application data in other namespaces.
    pub metadata: Option<Metadata>,
    /// `<maxMemory>`: run-time maximum for memory hotplug.
    #[serde(rename = "maxMemory")]
    pub max_memory: Option<MaxMemory>,
    /// `<memory>`: maximum memory at boot.
    pub memory: Option<Memory>,
    /// `<currentMemory>`: actual allocation (below `memory` with a balloon).
    #[serde(rename = "currentMemory")]
    pub current_memory: Option<CurrentMemory>,
    /// `<memoryBacking>`: how guest memory is backed on the host.
    #[serde(rename = "memoryBacking")]
    pub memory_backing: Option<MemoryBacking>,
    /// `<vcpu>`: number of virtual CPUs.
    pub vcpu: Option<Vcpu>,
    /// `<os>`: boot configuration.
    pub os: Option<Os>,
    /// `<features>`: hypervisor features to turn on or off.
    pub features: Option<Features>,
    /// `<cpu>`: guest CPU model and topology.
    pub cpu: Option<Cpu>,
    /// `<clock>`: guest clock offset and timers.
    pub clock: Option<Clock>,
    /// `<on_poweroff>`: what to do when the guest powers off.
    pub on_poweroff: Option<LifecycleAction>,
    /// `<on_reboot>`: what to do when the guest reboots.
    pub on_reboot: Option<LifecycleAction>,
    /// `<on_crash>`: what to do when the guest crashes.
    pub on_crash: Option<CrashAction>,
    /// `<on_lockfailure>`: what to do when a lock manager loses the domain's locks.
    pub on_lockfailure: Option<LockFailureAction>,
    /// `<pm>`: guest power management (suspend to RAM / disk).
    pub pm: Option<Pm>,
    /// `<devices>`: the guest's devices, in order.
    pub devices: Option<Devices>,
    /// `<qemu:commandline>`: raw QEMU arguments and environment (drvqemu:
    /// "Pass-through of arbitrary qemu commands"). Written only when it has an
    /// `arg` or an `env`.
    #[serde(
        rename = "{http://libvirt.org/schemas/domain/qemu/1.0}commandline",
        skip_serializing_if = "QemuCommandline::is_none_or_empty"
    )]
    pub qemu_commandline: Option<QemuCommandline>,
    /// Unknown attributes and elements of `<domain>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

impl Domain {
    /// Parse domain XML, keeping content the model does not know in `extra` fields.
    pub fn from_xml(text: &str) -> Result<Domain> {
        xml::from_str(text, "domain")
    }

    /// Parse domain XML and fail on the first element, attribute or text the model
    /// does not know, naming its path and line:column.
    pub fn from_xml_strict(text: &str) -> Result<Domain> {
        let domain = Domain::from_xml(text)?;
        if let Some(first) = domain.unmodelled().into_iter().next() {
            return Err(Error::Unmodelled {
                position: first.position.unwrap_or_default(),
                path: first.path,
                what: first.kind,
            });
        }
        Ok(domain)
    }

    /// Write the domain as XML in libvirt's layout (two-space indentation).
    pub fn to_xml(&self) -> Result<String> {
        xml::to_string(self, "domain")
    }

    /// Every element, attribute and text the model does not know, in document order
    /// where it was parsed.
    pub fn unmodelled(&self) -> Vec<Unmodelled> {
        xml::unmodelled(self, "domain")
    }
}

impl FromStr for Domain {
    type Err = Error;
    fn from_str(s: &str) -> Result<Domain> {
        Domain::from_xml(s)
    }
}
