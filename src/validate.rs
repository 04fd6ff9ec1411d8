//! [`Domain::validate`]: the semantic checks libvirt applies when a domain is defined,
//! as far as the model can see them.
//!
//! See [`Domain::validate`] for the list of checks.

use std::collections::HashMap;

use crate::devices::{
    Boot, CharSource, ChardevType, ControllerType, Device, FsDriverType, Interface,
    InterfaceSource, InterfaceType, Smartcard, VideoModel,
};
use crate::domain::{Domain, DomainType};
use crate::error::{Error, Problem};
use crate::features::Features;
use crate::memory::MemoryAccessMode;
use crate::os::{Arch, LoaderType, OsFirmware};
use crate::units::Size;
use crate::values::{OnOff, YesNo};

/// libvirt keeps memory sizes in KiB and refuses 2⁵³ KiB (8 EiB) or more
/// (`virDomainParseMemory`: the KiB count must stay below `LLONG_MAX / 1024`).
const MAX_MEMORY_KIB: u64 = 1 << 53;

/// Hyper-V's least spinlock retry count that libvirt accepts.
const MIN_SPINLOCK_RETRIES: u32 = 4095;

impl Domain {
    /// Check what libvirt checks when the domain is defined, and return every problem
    /// found, each with its path, as [`Error::Validation`].
    ///
    /// Parsing never validates (people inspect broken XML too); [`DomainBuilder::build`]
    /// always does. Every check names the element or attribute to fix and what libvirt
    /// expects. The checks and the libvirt refusal each mirrors ("QEMU driver" checks
    /// apply to `type='kvm'` and `type='qemu'` domains only):
    ///
    /// | check | libvirt |
    /// | --- | --- |
    /// | `<name>` present, non-empty, without `/` | "missing name information", "name … cannot contain '/'" |
    /// | `<uuid>` is a UUID | "malformed uuid element" |
    /// | `<title>` has no newline | "Domain title can't contain newlines" |
    /// | `<memory>` present and above 0 | "Memory size must be specified" |
    /// | sizes fit in bytes and under 8 EiB | "numerical overflow: size value too large" |
    /// | `<currentMemory>` ≤ `<memory>` | libvirt silently lowers `currentMemory` to `memory` |
    /// | `<memory>` ≤ `<maxMemory>` | "maximum memory size must be equal or greater than the actual memory size" |
    /// | `<vcpu>` count above 0, `current` ≤ count | "maximum vCPU count must not be less than current vCPU count" |
    /// | topology factors above 0 | "Zero is not permitted" |
    /// | topology product = `<vcpu>` count | QEMU driver: "CPU topology doesn't match maximum vcpu count" |
    /// | UEFI on x86 needs `<acpi/>` | QEMU driver: "UEFI requires ACPI on this architecture" |
    /// | Secure Boot: q35, x86_64, SMM on (set, or not off with `firmware='efi'`) | QEMU driver: "Secure boot is supported with q35 machine types only", "Secure boot requires SMM feature enabled" |
    /// | Hyper-V spinlock retries ≥ 4095 | "HyperV spinlock retry count must be at least 4095" |
    /// | `<os><boot>` xor per-device `<boot order>` | "per-device boot elements cannot be used together with os/boot elements" |
    /// | boot orders above 0 and unique | "Zero is not permitted", "boot order '1' used for more than one device" |
    /// | disk targets present and unique | "missing target information", "target 'vda' duplicated for disk sources" |
    /// | the `type` of a disk, `<backingStore>`, `<mirror>`, `<dataStore>` or `<os><nvram>` (`file` when absent) matches its [`DiskSource`](crate::devices::DiskSource) variant | libvirt reads `<source>` by that `type`: another type's attributes are ignored, and this crate writes XML that reads back differently |
    /// | filesystem source and target present, targets unique | "missing source information", "filesystem target 'x' specified twice" |
    /// | virtiofs needs shared memory | QEMU driver: "'virtiofs' requires shared memory" |
    /// | MAC addresses valid and unicast | "unable to parse mac address", "expected unicast mac address" |
    /// | MAC addresses unique | accepted at define time, but two NICs with one MAC break networking |
    /// | network/bridge interfaces name their source | "interface type='network' requires a 'source' element" |
    /// | an interface's `type` matches its `<source>` variant | libvirt reads the source by `type`; a mismatched one is lost |
    /// | one memballoon, one IOMMU, one primary video | "only a single memory balloon device is supported", … |
    /// | controllers unique per type and index (USB companions excepted) | "Multiple 'virtio-serial' controllers with index '0'" |
    /// | character device `<source>` variant matches the device's `type` (`pty` without one) | libvirt reads `<source>` by the `type`, so a mismatch does not survive writing |
    /// | one `<source>` per character device, two for `udp` | "only one source element is allowed for character device" |
    /// | `<qemu:env>` names are `[A-Za-z_][A-Za-z0-9_]*` | QEMU driver: "Invalid environment name" |
    ///
    /// [`DomainBuilder::build`]: crate::builder::DomainBuilder::build
    ///
    /// ```
    /// use libvirt_domain::Domain;
    /// let mut domain = Domain::builder("guest").vcpus(2).build()?;
    /// domain.name = Some("a/b".into());
    /// domain.vcpu.as_mut().unwrap().count = 0;
    /// let err = domain.validate().unwrap_err();
    /// assert_eq!(err.problems().len(), 2);
    /// assert_eq!(err.problems()[0].path, "/domain/name");
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        let mut problems = Problems::default();
        problems.general(self);
        problems.memory(self);
        problems.cpus(self);
        problems.firmware(self);
        if let Some(nvram) = self.os.as_ref().and_then(|os| os.nvram.as_ref()) {
            nvram.check_source_type("/domain/os/nvram", &mut problems.0);
        }
        problems.hyperv(self);
        if let Some(devices) = &self.devices {
            problems.boot(self, &devices.devices);
            problems.devices(self, &devices.devices);
        }
        problems.qemu(self);
        if problems.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(problems.0))
        }
    }
}

/// The path of `devices[index]`: `/domain/devices/NAME`, with `[n]` (1-based) when
/// several devices share the element name.
pub(crate) fn device_path(devices: &[Device], index: usize) -> String {
    let name = devices[index].element_name();
    let same = |d: &&Device| d.element_name() == name;
    let position = devices[..index].iter().filter(same).count() + 1;
    if devices.iter().filter(same).count() > 1 {
        format!("/domain/devices/{name}[{position}]")
    } else {
        format!("/domain/devices/{name}")
    }
}

/// A byte count in the largest binary unit that holds it exactly (`4 GiB`).
fn human(bytes: u64) -> String {
    Size::from_bytes(bytes).to_string()
}

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem::new(path, message));
    }

    fn general(&mut self, domain: &Domain) {
        match domain.name.as_deref() {
            None => self.push("/domain/name", "missing; libvirt needs a name"),
            Some("") => self.push("/domain/name", "is empty; libvirt needs a name"),
            Some(name) if name.contains('/') => self.push(
                "/domain/name",
                format!("{name:?} contains '/', which libvirt refuses"),
            ),
            Some(_) => {}
        }
        if let Some(uuid) = &domain.uuid {
            if !is_uuid(uuid) {
                self.push(
                    "/domain/uuid",
                    format!("{uuid:?} is not a UUID (32 hex digits, optionally grouped by '-')"),
                );
            }
        }
        if domain.title.as_deref().is_some_and(|t| t.contains('\n')) {
            self.push("/domain/title", "contains a newline, which libvirt refuses");
        }
    }

    /// Checks one size element; returns its byte count when it is usable.
    fn size(&mut self, path: &str, bytes: crate::error::Result<u64>) -> Option<u64> {
        match bytes {
            Err(error) => {
                let message = match error {
                    Error::Value { message, .. } => message,
                    other => other.to_string(),
                };
                self.push(path, message);
                None
            }
            Ok(bytes) if bytes.div_ceil(1024) >= MAX_MEMORY_KIB => {
                self.push(
                    path,
                    format!(
                        "{} is more than libvirt accepts (below 8 EiB)",
                        human(bytes)
                    ),
                );
                None
            }
            Ok(bytes) => Some(bytes),
        }
    }

    fn memory(&mut self, domain: &Domain) {
        let max = domain
            .max_memory
            .as_ref()
            .and_then(|m| self.size("/domain/maxMemory", m.bytes()));
        let memory = match &domain.memory {
            None => {
                self.push("/domain/memory", "missing; libvirt needs the memory size");
                None
            }
            Some(m) => self.size("/domain/memory", m.bytes()),
        };
        let current = domain
            .current_memory
            .as_ref()
            .and_then(|m| self.size("/domain/currentMemory", m.bytes()));
        if memory == Some(0) {
            self.push(
                "/domain/memory",
                "is 0; libvirt needs a memory size above 0",
            );
        }
        if let (Some(current), Some(memory)) = (current, memory) {
            if current > memory {
                self.push(
                    "/domain/currentMemory",
                    format!(
                        "{} is more than <memory> ({})",
                        human(current),
                        human(memory)
                    ),
                );
            }
        }
        if let (Some(max), Some(memory)) = (max, memory) {
            if max < memory {
                self.push(
                    "/domain/maxMemory",
                    format!(
                        "{} is less than <memory> ({}); libvirt refuses it",
                        human(max),
                        human(memory)
                    ),
                );
            }
        }
        let pages = domain
            .memory_backing
            .as_ref()
            .and_then(|b| b.hugepages.as_ref())
            .map(|h| h.pages.as_slice())
            .unwrap_or_default();
        for (i, page) in pages.iter().enumerate() {
            let path = if pages.len() > 1 {
                format!("/domain/memoryBacking/hugepages/page[{}]", i + 1)
            } else {
                "/domain/memoryBacking/hugepages/page".to_owned()
            };
            self.size(&path, page.bytes());
        }
    }

    fn cpus(&mut self, domain: &Domain) {
        if let Some(vcpu) = &domain.vcpu {
            if vcpu.count == 0 {
                let placement = match vcpu.placement.as_ref().map(|p| p.as_str()) {
                    Some(p) => format!("placement='{p}' "),
                    None => String::new(),
                };
                self.push(
                    "/domain/vcpu",
                    format!("{placement}needs a vCPU count above 0"),
                );
            } else if let Some(current) = vcpu.current.filter(|c| *c > vcpu.count) {
                self.push(
                    "/domain/vcpu/@current",
                    format!("{current} is more than the maximum of {} vCPUs", vcpu.count),
                );
            }
        }
        let Some(topology) = domain.cpu.as_ref().and_then(|c| c.topology.as_ref()) else {
            return;
        };
        let factors = [
            ("sockets", "socket", topology.sockets),
            ("dies", "die", topology.dies),
            ("clusters", "cluster", topology.clusters),
            ("cores", "core", topology.cores),
            ("threads", "thread", topology.threads),
        ];
        let mut zero = false;
        for (attr, _, value) in factors {
            if value == Some(0) {
                zero = true;
                self.push(
                    format!("/domain/cpu/topology/@{attr}"),
                    "0 is not permitted; libvirt needs at least 1",
                );
            }
        }
        let Some(vcpu) = domain.vcpu.as_ref().filter(|v| v.count > 0) else {
            return;
        };
        if zero {
            return;
        }
        let terms: Vec<String> = factors
            .iter()
            .filter_map(|(plural, singular, value)| {
                let n = (*value)?;
                Some(format!("{n} {}", if n == 1 { singular } else { plural }))
            })
            .collect();
        let terms = if terms.is_empty() {
            "no factors".to_owned()
        } else {
            terms.join(" × ")
        };
        match topology.vcpus() {
            None => self.push(
                "/domain/cpu/topology",
                format!("{terms} is more vCPUs than a 32-bit count holds"),
            ),
            Some(product) if product != vcpu.count => self.push(
                "/domain/cpu/topology",
                format!("{terms} = {product}, but <vcpu> is {}", vcpu.count),
            ),
            Some(_) => {}
        }
    }

    fn firmware(&mut self, domain: &Domain) {
        let Some(os) = &domain.os else { return };
        let features = domain.features.as_ref();
        let loader = os.loader.as_ref();
        if !qemu_driver(domain) {
            return;
        }
        let uefi = os.firmware == Some(OsFirmware::Efi)
            || loader.is_some_and(|l| l.kind == Some(LoaderType::Pflash));
        let arch = os.kind.as_ref().and_then(|t| t.arch.as_ref());
        // Without an arch libvirt uses the host's; Phyllome's hosts are x86-64.
        let x86 = matches!(arch, None | Some(Arch::X86_64 | Arch::I686));
        if uefi && x86 && features.and_then(|f| f.acpi.as_ref()).is_none() {
            self.push(
                "/domain/features/acpi",
                "missing; UEFI firmware on x86 needs ACPI (libvirt refuses it otherwise)",
            );
        }
        // qemuValidateDomainDefBoot's Secure Boot limits.
        if !loader.is_some_and(|l| l.secure == Some(YesNo::Yes)) {
            return;
        }
        let machine = os.kind.as_ref().and_then(|t| t.machine.as_deref());
        if machine.is_some_and(|m| m != "q35" && !m.starts_with("pc-q35")) {
            self.push(
                "/domain/os/type/@machine",
                format!(
                    "is {:?}, but Secure Boot (<loader secure='yes'>) needs a q35 machine",
                    machine.unwrap_or_default()
                ),
            );
        }
        if let Some(arch) = arch.filter(|a| **a != Arch::X86_64) {
            self.push(
                "/domain/os/type/@arch",
                format!(
                    "is {:?}, but libvirt supports Secure Boot on x86_64 only",
                    arch.as_str()
                ),
            );
        }
        let smm = features.and_then(|f| f.smm.as_ref()).and_then(|s| s.state);
        if os.firmware.is_some() {
            // With firmware auto-selection libvirt turns SMM on itself, unless it is off.
            if smm == Some(OnOff::Off) {
                self.push(
                    "/domain/features/smm/@state",
                    "is 'off', but Secure Boot (<loader secure='yes'>) needs SMM",
                );
            }
        } else if smm != Some(OnOff::On) {
            self.push(
                "/domain/features/smm",
                "Secure Boot (<loader secure='yes'>) without firmware auto-selection needs \
                 <smm state='on'/>",
            );
        }
    }

    fn hyperv(&mut self, domain: &Domain) {
        let features = domain.features.as_ref();
        if let Some(spinlocks) = features
            .and_then(|f: &Features| f.hyperv.as_ref())
            .and_then(|h| h.spinlocks.as_ref())
            .filter(|s| s.state == Some(OnOff::On))
        {
            let path = "/domain/features/hyperv/spinlocks/@retries";
            match spinlocks.retries {
                None => self.push(path, "missing; libvirt needs a retry count with state='on'"),
                Some(n) if n < MIN_SPINLOCK_RETRIES => self.push(
                    path,
                    format!("{n} is below {MIN_SPINLOCK_RETRIES}, the least libvirt accepts"),
                ),
                Some(_) => {}
            }
        }
    }

    fn boot(&mut self, domain: &Domain, devices: &[Device]) {
        let mut first: HashMap<u32, String> = HashMap::new();
        let mut any = None;
        for (index, device) in devices.iter().enumerate() {
            let boot: Option<&Boot> = match device {
                Device::Disk(d) => d.boot.as_ref(),
                Device::Interface(i) => i.boot.as_ref(),
                Device::Filesystem(f) => f.boot.as_ref(),
                Device::Redirdev(r) => r.boot.as_ref(),
                _ => None,
            };
            let Some(order) = boot.and_then(|b| b.order) else {
                continue;
            };
            let path = format!("{}/boot", device_path(devices, index));
            any.get_or_insert_with(|| path.clone());
            if order == 0 {
                self.push(
                    format!("{path}/@order"),
                    "0 is not permitted; boot orders start at 1",
                );
            } else if let Some(other) = first.get(&order) {
                self.push(
                    format!("{path}/@order"),
                    format!("boot order {order} is already used by {other}"),
                );
            } else {
                first.insert(order, path);
            }
        }
        let os_boot = domain.os.as_ref().is_some_and(|os| !os.boot.is_empty());
        if let (true, Some(device)) = (os_boot, any) {
            self.push(
                "/domain/os/boot",
                format!(
                    "cannot be combined with per-device <boot order> (as in {device}); \
                     libvirt refuses both"
                ),
            );
        }
    }

    fn devices(&mut self, domain: &Domain, devices: &[Device]) {
        let mut disk_targets: HashMap<&str, String> = HashMap::new();
        let mut fs_targets: HashMap<&str, String> = HashMap::new();
        let mut macs: HashMap<[u8; 6], String> = HashMap::new();
        let mut controllers: HashMap<(String, u32), String> = HashMap::new();
        let mut singletons: HashMap<&str, String> = HashMap::new();
        let shared = !qemu_driver(domain) || shared_memory(domain);
        for (index, device) in devices.iter().enumerate() {
            let path = device_path(devices, index);
            match device {
                Device::Disk(disk) => {
                    disk.check_source_types(&path, &mut self.0);
                    match disk.target_dev().filter(|d| !d.is_empty()) {
                        None => self.push(
                            format!("{path}/target/@dev"),
                            "missing; libvirt needs a target device name",
                        ),
                        Some(dev) => {
                            if let Some(other) = disk_targets.get(dev) {
                                self.push(
                                    format!("{path}/target/@dev"),
                                    format!("target {dev:?} is already used by {other}"),
                                );
                            } else {
                                disk_targets.insert(dev, path);
                            }
                        }
                    }
                }
                Device::Filesystem(fs) => {
                    let source = fs.source.as_ref().filter(|s| {
                        s.dir.is_some()
                            || s.socket.is_some()
                            || s.file.is_some()
                            || s.dev.is_some()
                            || s.name.is_some()
                            || s.usage.is_some()
                    });
                    if source.is_none() {
                        self.push(
                            format!("{path}/source"),
                            "missing; libvirt needs what to share (e.g. dir)",
                        );
                    }
                    let virtiofs = fs.driver.as_ref().and_then(|d| d.kind.as_ref())
                        == Some(&FsDriverType::Virtiofs);
                    if virtiofs && !shared {
                        self.push(
                            format!("{path}/driver"),
                            "virtiofs needs shared memory (<memoryBacking><access \
                             mode='shared'/>); libvirt refuses it otherwise",
                        );
                    }
                    match fs.target.as_ref().and_then(|t| t.dir.as_deref()) {
                        None | Some("") => self.push(
                            format!("{path}/target/@dir"),
                            "missing; libvirt needs a target (the mount tag for virtiofs)",
                        ),
                        Some(tag) => {
                            if let Some(other) = fs_targets.get(tag) {
                                self.push(
                                    format!("{path}/target/@dir"),
                                    format!("target {tag:?} is already used by {other}"),
                                );
                            } else {
                                fs_targets.insert(tag, path);
                            }
                        }
                    }
                }
                Device::Interface(nic) => {
                    if let Some(mac) = nic.mac_address() {
                        let mac_path = format!("{path}/mac/@address");
                        match parse_mac(mac) {
                            None => self.push(
                                mac_path,
                                format!(
                                    "{mac:?} is not a MAC address (six hex bytes, ':'-separated)"
                                ),
                            ),
                            Some(bytes) if bytes[0] & 1 == 1 => self.push(
                                mac_path,
                                format!("{mac:?} is a multicast address; libvirt needs unicast"),
                            ),
                            Some(bytes) => {
                                if let Some(other) = macs.get(&bytes) {
                                    self.push(
                                        mac_path,
                                        format!("{mac:?} is already used by {other}"),
                                    );
                                } else {
                                    macs.insert(bytes, path.clone());
                                }
                            }
                        }
                    }
                    self.interface_source(&path, nic);
                }
                // USB companion controllers share their EHCI controller's index.
                Device::Controller(c) if c.kind != Some(ControllerType::Usb) => {
                    if let (Some(kind), Some(index)) = (&c.kind, c.index) {
                        let key = (kind.to_string(), index);
                        if let Some(other) = controllers.get(&key) {
                            self.push(
                                format!("{path}/@index"),
                                format!(
                                    "a second {kind} controller with index {index} (first: {other})"
                                ),
                            );
                        } else {
                            controllers.insert(key, path);
                        }
                    }
                }
                Device::MemBalloon(_) | Device::Iommu(_) => {
                    let name = device.element_name();
                    if let Some(first) = singletons.get(name) {
                        self.push(
                            path,
                            format!("a second <{name}> (first: {first}); libvirt supports one"),
                        );
                    } else {
                        singletons.insert(name, path);
                    }
                }
                Device::Video(video) => {
                    let primary = video
                        .model
                        .as_ref()
                        .is_some_and(|m: &VideoModel| m.primary == Some(YesNo::Yes));
                    if primary {
                        if let Some(first) = singletons.get("primary video") {
                            self.push(
                                format!("{path}/model/@primary"),
                                format!(
                                    "a second primary video (first: {first}); libvirt supports one"
                                ),
                            );
                        } else {
                            singletons.insert("primary video", path);
                        }
                    }
                }
                Device::Serial(d) => self.chardev(&path, d.written_kind().as_ref(), &d.sources),
                Device::Parallel(d) => self.chardev(&path, d.written_kind().as_ref(), &d.sources),
                Device::Console(d) => self.chardev(&path, d.written_kind().as_ref(), &d.sources),
                Device::Channel(d) => self.chardev(&path, d.written_kind().as_ref(), &d.sources),
                Device::Redirdev(d) => self.chardev(&path, d.kind.as_ref(), &d.sources),
                Device::Smartcard(Smartcard::Passthrough(d)) => {
                    self.chardev(&path, d.kind.as_ref(), &d.sources)
                }
                Device::Rng(rng) => {
                    if let Some(b) = &rng.backend {
                        self.chardev(&format!("{path}/backend"), b.kind.as_ref(), &b.sources);
                    }
                }
                _ => {}
            }
        }
    }

    /// The `<source>` variants of a character device agree with its `type` (`pty`
    /// when absent), and only `udp` has two.
    fn chardev(&mut self, path: &str, kind: Option<&ChardevType>, sources: &[CharSource]) {
        let kind = kind.cloned().unwrap_or(ChardevType::Pty);
        let most = if kind == ChardevType::Udp { 2 } else { 1 };
        if sources.len() > most {
            self.push(
                format!("{path}/source[{}]", most + 1),
                format!("a type='{kind}' device takes at most {most} <source>; remove the rest"),
            );
        }
        for (index, source) in sources.iter().enumerate() {
            let at = match sources.len() {
                1 => format!("{path}/source"),
                _ => format!("{path}/source[{}]", index + 1),
            };
            match source.kind() {
                Some(found) if found == kind => {}
                Some(found) => self.push(
                    at,
                    format!("a {found} source under type='{kind}'; set type='{found}' or use a {kind} source"),
                ),
                None if CharSource::has_variant(&kind) => self.push(
                    at,
                    format!("not a {kind} source; type='{kind}' needs CharSource::{kind:?}"),
                ),
                None => {}
            }
        }
    }

    /// The interface's `type` agrees with its `<source>` variant, and a network or
    /// bridge interface names what it connects to.
    fn interface_source(&mut self, path: &str, nic: &Interface) {
        let found = nic.source.as_ref().map(InterfaceSource::kind);
        match (&nic.kind, found) {
            (Some(kind), Some(Some(found))) if *kind != found => self.push(
                format!("{path}/@type"),
                format!(
                    "type='{kind}', but the <source> is a {found} source; \
                     set type='{found}' or give a {kind} source"
                ),
            ),
            (Some(kind), Some(None)) if InterfaceSource::has_variant(kind) => self.push(
                format!("{path}/source"),
                format!(
                    "InterfaceSource::Other under type='{kind}' reads back as a {kind} \
                     source; use the {kind} variant"
                ),
            ),
            (Some(InterfaceType::Null), Some(None)) => self.push(
                format!("{path}/source"),
                "type='null' takes no <source>; remove it",
            ),
            _ => {}
        }
        let named = |name: &Option<String>| name.as_deref().is_some_and(|n| !n.is_empty());
        let missing = match (&nic.written_kind(), &nic.source) {
            (Some(InterfaceType::Network), Some(InterfaceSource::Network(s))) => {
                (!named(&s.network)).then_some("network")
            }
            (Some(InterfaceType::Bridge), Some(InterfaceSource::Bridge(s))) => {
                (!named(&s.bridge)).then_some("bridge")
            }
            (Some(InterfaceType::Network), None) => Some("network"),
            (Some(InterfaceType::Bridge), None) => Some("bridge"),
            _ => None,
        };
        if let Some(attr) = missing {
            self.push(
                format!("{path}/source/@{attr}"),
                format!(
                    "missing; libvirt needs the {attr} an interface of type='{attr}' connects to"
                ),
            );
        }
    }

    fn qemu(&mut self, domain: &Domain) {
        let Some(cmd) = &domain.qemu_commandline else {
            return;
        };
        for (i, env) in cmd.env.iter().enumerate() {
            let path = if cmd.env.len() > 1 {
                format!("/domain/qemu:commandline/qemu:env[{}]/@name", i + 1)
            } else {
                "/domain/qemu:commandline/qemu:env/@name".to_owned()
            };
            let name = env.name.as_str();
            let starts = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
            let rest = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !starts || !rest {
                self.push(
                    path,
                    format!(
                        "{name:?} is not a variable name (a letter or '_', then letters, \
                         digits or '_'); libvirt refuses it"
                    ),
                );
            }
        }
    }
}

/// Whether libvirt's QEMU driver defines the domain (`type='kvm'` or `'qemu'`): some
/// checks are that driver's, not every hypervisor's.
fn qemu_driver(domain: &Domain) -> bool {
    matches!(domain.kind, DomainType::Kvm | DomainType::Qemu)
}

/// Whether guest memory is shared, as vhost-user devices (virtiofs) need
/// (`qemuValidateDomainDefVhostUserRequireSharedMemory`): every guest NUMA cell is
/// `memAccess='shared'` or inherits a shared `<memoryBacking><access>`; without cells,
/// the latter alone decides.
fn shared_memory(domain: &Domain) -> bool {
    let backing = domain
        .memory_backing
        .as_ref()
        .and_then(|b| b.access.as_ref())
        .and_then(|a| a.mode.as_ref());
    let cells = domain
        .cpu
        .as_ref()
        .and_then(|c| c.numa.as_ref())
        .map(|n| n.cells.as_slice())
        .unwrap_or_default();
    if cells.is_empty() {
        return backing == Some(&MemoryAccessMode::Shared);
    }
    cells
        .iter()
        .all(|cell| cell.mem_access.as_ref().or(backing) == Some(&MemoryAccessMode::Shared))
}

/// libvirt's UUID syntax (`virUUIDParse`): optional surrounding whitespace, 16 pairs of
/// hex digits, with `-` or spaces allowed between pairs.
fn is_uuid(text: &str) -> bool {
    let mut chars = text.trim_matches(|c: char| c.is_ascii_whitespace()).chars();
    let mut pairs = 0;
    while pairs < 16 {
        match chars.next() {
            Some('-' | ' ') => continue,
            Some(c) if c.is_ascii_hexdigit() => {}
            _ => return false,
        }
        if !chars.next().is_some_and(|c| c.is_ascii_hexdigit()) {
            return false;
        }
        pairs += 1;
    }
    chars.next().is_none()
}

/// libvirt's MAC syntax (`virMacAddrParse`): six groups of 1 or 2 hex digits separated
/// by `:`, optionally followed by whitespace.
fn parse_mac(text: &str) -> Option<[u8; 6]> {
    let text = text.trim_end_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    let mut bytes = [0u8; 6];
    let mut groups = text.split(':');
    for byte in &mut bytes {
        let group = groups.next()?;
        if group.is_empty() || group.len() > 2 || !group.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        *byte = u8::from_str_radix(group, 16).ok()?;
    }
    groups.next().is_none().then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_follow_libvirts_parser() {
        for good in [
            "c7a5fdbd-edaf-9455-926a-d65c16db1809",
            "c7a5fdbdedaf9455926ad65c16db1809",
            " C7A5FDBD-EDAF-9455-926A-D65C16DB1809 ",
            "c7-a5-fd-bd-ed-af-94-55-92-6a-d6-5c-16-db-18-09",
        ] {
            assert!(is_uuid(good), "{good:?}");
        }
        for bad in [
            "",
            "nope",
            "c7a5fdbd-edaf-9455-926a-d65c16db180",
            "c7a5fdbd-edaf-9455-926a-d65c16db18099",
            "c-7a5fdbd-edaf-9455-926a-d65c16db1809",
            "g7a5fdbd-edaf-9455-926a-d65c16db1809",
        ] {
            assert!(!is_uuid(bad), "{bad:?}");
        }
    }

    #[test]
    fn macs_follow_libvirts_parser() {
        assert_eq!(
            parse_mac("52:54:00:AB:cd:01"),
            Some([0x52, 0x54, 0, 0xab, 0xcd, 1])
        );
        assert_eq!(parse_mac("2:4:0:a:b:1"), Some([2, 4, 0, 10, 11, 1]));
        for bad in [
            "",
            "52:54:00:ab:cd",
            "52:54:00:ab:cd:01:02",
            "zz:54:00:00:00:01",
            "525:4:0:0:0:1",
            "52-54-00-ab-cd-01",
        ] {
            assert_eq!(parse_mac(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn device_paths_index_only_repeated_names() {
        let devices = vec![
            Device::Emulator("/usr/bin/qemu-system-x86_64".into()),
            Device::Disk(Default::default()),
            Device::Disk(Default::default()),
            Device::Interface(Default::default()),
        ];
        assert_eq!(device_path(&devices, 1), "/domain/devices/disk[1]");
        assert_eq!(device_path(&devices, 2), "/domain/devices/disk[2]");
        assert_eq!(device_path(&devices, 3), "/domain/devices/interface");
    }
}
