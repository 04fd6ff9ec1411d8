//! `<domain>`: the root element and its general metadata
//! (formatdomain: "Element and attribute overview", "General metadata").

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::bhyve::BhyveCommandline;
use crate::clock::Clock;
use crate::cpu::{Cpu, Vcpu};
use crate::devices::{device_table, Devices};
use crate::error::{Error, Result};
use crate::events::{CrashAction, LifecycleAction, LockFailureAction, Pm};
use crate::features::Features;
use crate::lxc::LxcNamespace;
use crate::memory::{CurrentMemory, MaxMemory, Memory, MemoryBacking};
use crate::os::{IdMap, Os};
use crate::perf::Perf;
use crate::qemu::{QemuCapabilities, QemuCommandline, QemuDeprecation, QemuOverride};
use crate::security::{Keywrap, LaunchSecurity, Seclabel};
use crate::sysinfo::Sysinfo;
use crate::tuning::{
    BlkioTune, CpuTune, DefaultIoThread, IoThreadIds, MemTune, NumaTune, Resource, ThrottleGroups,
    Vcpus,
};
use crate::values::value_enum;
use crate::xen::XenCommandline;
use crate::xml::{Extra, Unmodelled};

pub use crate::metadata::Metadata;

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

/// `<domain>`: a virtual machine definition (formatdomain: "Element and attribute overview").
///
/// Fields are in libvirt's canonical output order. Content the model does not know is
/// kept in `extra` fields at every level and written back; [`Domain::unmodelled`] lists it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
    /// `<hwuuid>`: a hardware UUID shown to the guest instead of `uuid` (libvirt 11.7
    /// and later; not in the 11.3 schema).
    pub hwuuid: Option<String>,
    /// `<genid>`: the VM generation id; `Some("")` (`<genid/>`) asks libvirt for one.
    pub genid: Option<String>,
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
    /// `<blkiotune>`: block I/O weights and limits.
    pub blkiotune: Option<BlkioTune>,
    /// `<memtune>`: memory limits of the domain's process.
    pub memtune: Option<MemTune>,
    /// `<memoryBacking>`: how guest memory is backed on the host.
    #[serde(rename = "memoryBacking")]
    pub memory_backing: Option<MemoryBacking>,
    /// `<vcpu>`: number of virtual CPUs.
    pub vcpu: Option<Vcpu>,
    /// `<vcpus>`: the state of individual vCPUs.
    pub vcpus: Option<Vcpus>,
    /// `<iothreads>`: the number of IOThreads.
    pub iothreads: Option<u32>,
    /// `<iothreadids>`: the IOThreads by id.
    pub iothreadids: Option<IoThreadIds>,
    /// `<defaultiothread>`: worker threads of the main event loop.
    pub defaultiothread: Option<DefaultIoThread>,
    /// `<cputune>`: CPU shares, bandwidth, pinning and scheduling.
    pub cputune: Option<CpuTune>,
    /// `<numatune>`: host NUMA memory policy.
    pub numatune: Option<NumaTune>,
    /// `<resource>`: resource partition and Fibre Channel VMID.
    pub resource: Option<Resource>,
    /// `<throttlegroups>`: named I/O limits shared by disks.
    pub throttlegroups: Option<ThrottleGroups>,
    /// `<sysinfo>`: SMBIOS and fw_cfg data for the guest, one per `type`.
    #[serde(default)]
    pub sysinfo: Vec<Sysinfo>,
    /// `<bootloader>`: host bootloader that extracts the kernel (Xen `pygrub`, bhyve
    /// `bhyveload`); `Some("")` (`<bootloader/>`) for the default one.
    pub bootloader: Option<String>,
    /// `<bootloader_args>`: the host bootloader's arguments.
    pub bootloader_args: Option<String>,
    /// `<os>`: boot configuration.
    pub os: Option<Os>,
    /// `<idmap>`: user namespace id maps of a container.
    pub idmap: Option<IdMap>,
    /// `<features>`: hypervisor features to turn on or off. Boxed: the largest part of
    /// a domain (8 KB), which every parse and move of a `Domain` would copy.
    pub features: Option<Box<Features>>,
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
    /// `<perf>`: host perf events collected for the domain.
    pub perf: Option<Perf>,
    /// `<devices>`: the guest's devices, in order.
    pub devices: Option<Devices>,
    /// `<seclabel>`: security driver labels, one per driver.
    #[serde(default)]
    pub seclabel: Vec<Seclabel>,
    /// `<keywrap>`: s390 key wrapping.
    pub keywrap: Option<Keywrap>,
    /// `<launchSecurity>`: confidential guest parameters (SEV, SEV-SNP, s390-pv, TDX).
    #[serde(rename = "launchSecurity")]
    pub launch_security: Option<LaunchSecurity>,
    /// `<qemu:commandline>`: raw QEMU arguments and environment (drvqemu:
    /// "Pass-through of arbitrary qemu commands"). An empty one is not written (nor
    /// is the `qemu` namespace declared for it), as libvirt drops it too; one with an
    /// `arg`, an `env` or unknown content is. Not an `Option`: an absent
    /// `<qemu:commandline>` and an empty one are the same empty value, so every value
    /// reads back as written.
    #[serde(
        rename = "{http://libvirt.org/schemas/domain/qemu/1.0}commandline",
        default,
        skip_serializing_if = "QemuCommandline::is_empty"
    )]
    pub qemu_commandline: QemuCommandline,
    /// `<qemu:capabilities>`: QEMU capabilities added or removed, for testing.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}capabilities")]
    pub qemu_capabilities: Option<QemuCapabilities>,
    /// `<qemu:deprecation>`: how QEMU treats deprecated features.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}deprecation")]
    pub qemu_deprecation: Option<QemuDeprecation>,
    /// `<qemu:override>`: device property overrides, for testing.
    #[serde(rename = "{http://libvirt.org/schemas/domain/qemu/1.0}override")]
    pub qemu_override: Option<QemuOverride>,
    /// `<lxc:namespace>`: host namespaces a container shares.
    #[serde(rename = "{http://libvirt.org/schemas/domain/lxc/1.0}namespace")]
    pub lxc_namespace: Option<LxcNamespace>,
    /// `<bhyve:commandline>`: raw bhyve arguments and environment.
    #[serde(rename = "{http://libvirt.org/schemas/domain/bhyve/1.0}commandline")]
    pub bhyve_commandline: Option<BhyveCommandline>,
    /// `<xen:commandline>`: raw arguments for a Xen guest's device model.
    #[serde(rename = "{http://libvirt.org/schemas/domain/xen/1.0}commandline")]
    pub xen_commandline: Option<XenCommandline>,
    /// `<vmware:datacenterpath>`: the ESX datacenter of the guest.
    #[serde(rename = "{http://libvirt.org/schemas/domain/vmware/1.0}datacenterpath")]
    pub vmware_datacenterpath: Option<String>,
    /// Unknown attributes and elements of `<domain>`.
    #[serde(rename = "$extra", default)]
    pub extra: Extra,
}

impl Domain {
    /// Parse domain XML, keeping content the model does not know in `extra` fields.
    pub fn from_xml(text: &str) -> Result<Domain> {
        crate::codec::from_str(text, "domain")
    }

    /// Parse domain XML and fail on the first element, attribute or text the model
    /// does not know, naming its path and line:column.
    pub fn from_xml_strict(text: &str) -> Result<Domain> {
        crate::codec::from_str_strict(text, "domain")
    }

    /// Write the domain as XML in libvirt's layout (two-space indentation).
    pub fn to_xml(&self) -> Result<String> {
        crate::codec::to_string(self, "domain")
    }

    /// Every element, attribute and text the model does not know, in document order
    /// where it was parsed.
    pub fn unmodelled(&self) -> Vec<Unmodelled> {
        crate::codec::unmodelled(self, "domain")
    }
}

/// The per-kind device iterators of [`Devices`] on [`Domain`] too, from the one
/// device table (`device_table!`); empty when the domain has no `<devices>`.
macro_rules! domain_device_iters {
    ($($variant:ident($ty:ident) = $element:literal, $iter:ident, $iter_mut:ident;)+) => {
        impl Domain {
            $(
                #[doc = concat!("The `<", $element, ">` devices, in order (none without `<devices>`).")]
                pub fn $iter(&self) -> impl Iterator<Item = &crate::devices::$ty> + '_ {
                    self.devices.iter().flat_map(Devices::$iter)
                }

                #[doc = concat!("Mutable access to the `<", $element, ">` devices, in order.")]
                pub fn $iter_mut(&mut self) -> impl Iterator<Item = &mut crate::devices::$ty> + '_ {
                    self.devices.iter_mut().flat_map(Devices::$iter_mut)
                }
            )+
        }
    };
}

device_table!(domain_device_iters);

impl Domain {
    /// The `<devices>` element, created empty when the domain has none.
    pub fn devices_mut(&mut self) -> &mut Devices {
        self.devices.get_or_insert_with(Devices::default)
    }

    /// `<uuid>` as a [`Uuid`], if present and well formed (the field keeps the
    /// text as written).
    pub fn uuid(&self) -> Option<Uuid> {
        parse_uuid(self.uuid.as_deref()?)
    }

    /// Set `<uuid>`, written in libvirt's hyphenated lower-case form.
    pub fn set_uuid(&mut self, uuid: Uuid) {
        self.uuid = Some(uuid.hyphenated().to_string());
    }

    /// `<hwuuid>` as a [`Uuid`], if present and well formed.
    pub fn hwuuid(&self) -> Option<Uuid> {
        parse_uuid(self.hwuuid.as_deref()?)
    }

    /// Set `<hwuuid>`, written in hyphenated lower-case form.
    pub fn set_hwuuid(&mut self, uuid: Uuid) {
        self.hwuuid = Some(uuid.hyphenated().to_string());
    }

    /// `<genid>` as a [`Uuid`], if present and well formed (`None` for `<genid/>`,
    /// which asks libvirt to generate one).
    pub fn genid(&self) -> Option<Uuid> {
        parse_uuid(self.genid.as_deref()?)
    }

    /// Set `<genid>`, written in hyphenated lower-case form.
    pub fn set_genid(&mut self, uuid: Uuid) {
        self.genid = Some(uuid.hyphenated().to_string());
    }
}

/// A UUID as libvirt reads it (`virUUIDParse`): 32 hex digits, with `-` between
/// any of them and surrounding spaces allowed.
fn parse_uuid(text: &str) -> Option<Uuid> {
    let digits: String = text
        .trim_matches(' ')
        .chars()
        .filter(|c| *c != '-')
        .collect();
    if digits.len() != 32 {
        return None;
    }
    Uuid::try_parse(&digits).ok()
}

impl FromStr for Domain {
    type Err = Error;
    fn from_str(s: &str) -> Result<Domain> {
        Domain::from_xml(s)
    }
}
/// Shortcuts to the libosinfo id in `<metadata>` (see [`Metadata`]).
impl Domain {
    /// The libosinfo id of the guest OS recorded in `<metadata>`, if any
    /// (see [`Metadata::libosinfo_os_id`]).
    pub fn libosinfo_os_id(&self) -> Option<&str> {
        self.metadata.as_ref()?.libosinfo_os_id()
    }

    /// Record the libosinfo id of the guest OS in `<metadata>`, creating it when
    /// missing (see [`Metadata::set_libosinfo_os_id`]).
    pub fn set_libosinfo_os_id(&mut self, id: impl Into<String>) {
        self.metadata
            .get_or_insert_with(Metadata::default)
            .set_libosinfo_os_id(id);
    }
}

#[cfg(feature = "json")]
impl Domain {
    /// The domain as plain JSON (shape in `docs/json.md`): plain keys, no `null`s,
    /// unknown content kept; [`Domain::from_json`] reads it back unchanged.
    pub fn to_json(&self) -> Result<String> {
        crate::json::to_string(self)
    }

    /// Read a domain written by [`Domain::to_json`] (or by hand in the same shape).
    pub fn from_json(text: &str) -> Result<Domain> {
        crate::json::from_str(text)
    }
}
