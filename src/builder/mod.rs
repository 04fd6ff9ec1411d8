//! [`DomainBuilder`]: build a checked [`Domain`] from Phyllome OS's defaults or one of
//! its [presets](crate::presets).
//!
//! One idiom for everything: [`Domain::builder`] takes the name, each setter takes
//! `impl Into<…>` and returns the builder, and [`DomainBuilder::build`] assembles the
//! domain and runs [`Domain::validate`], returning every problem found.
//!
//! ```
//! use bytesize::ByteSize;
//! use libvirt_domain::{Domain, NetworkSource, Preset};
//!
//! let domain = Domain::builder("fedora")
//!     .preset(Preset::Linux)
//!     .session()
//!     .memory(ByteSize::gib(8))
//!     .vcpus(8)
//!     .disk("/var/lib/libvirt/images/fedora.qcow2")
//!     .cdrom("/var/lib/libvirt/isos/Fedora-Workstation-Live.iso")
//!     .network("bridge:br0".parse::<NetworkSource>()?)
//!     .share("/home/user/Documents", "documents")
//!     .generate_uuid()
//!     .build()?;
//! let xml = domain.to_xml()?;
//! assert!(xml.contains("<target dev='vda' bus='virtio'/>"));
//! assert!(xml.contains("<target dev='sda' bus='sata'/>"));
//! assert!(xml.contains("<topology sockets='1' dies='1' cores='4' threads='2'/>"));
//! # Ok::<(), libvirt_domain::Error>(())
//! ```
//!
//! Defaults are the constants of [`crate::defaults`]; what each preset adds is
//! described in [`crate::presets`].

mod host;
mod libvirt;
mod network;
mod storage;

use bytesize::ByteSize;

pub use self::network::NetworkSource;
pub use self::storage::guess_format;
/// Re-exported on purpose: [`DomainBuilder::uuid`] takes it, and callers need not
/// depend on the `uuid` crate (and its version) themselves.
pub use uuid::Uuid;

use self::storage::{is_iso, Media, Targets, KNOWN_EXTENSIONS};
use crate::caps::DomainCapabilities;
use crate::cpu::{Cpu, CpuTopology};
use crate::defaults::{
    DEFAULT_CURRENT_MEMORY, DEFAULT_MEMORY, DEFAULT_VCPUS, PRESET_THREADS_PER_CORE, PRESET_VCPUS,
};
use crate::devices::{
    ChardevType, Console, Device, DiskBus, Filesystem, Graphics, MemBalloonModel, Serial,
    StorageFormat,
};
use crate::domain::Domain;
use crate::error::{Error, Problem};
use crate::memory::{CurrentMemory, Memory};
use crate::os::{Boot, BootDevice, Loader, Os};
use crate::presets::{Mode, Preset};
use crate::qemu::QemuCommandline;
use crate::version::LibvirtVersion;

/// Builds a [`Domain`] from Phyllome OS's defaults or a [`Preset`], then validates it
/// (see the [module docs](self) for an example).
///
/// Without a preset, [`build`](Self::build) writes the seed page's machine (the
/// constants of [`crate::defaults`]); with one, Phyllome's definition for the preset
/// and [`Mode`]. Setters override or add to that:
///
/// - memory: [`memory`](Self::memory) (4 GiB) and [`current_memory`](Self::current_memory)
///   (1 GiB, or the whole memory when the domain has no balloon, as the Windows preset);
/// - CPUs: [`vcpus`](Self::vcpus) (1, or 4 with a preset) and [`topology`](Self::topology)
///   (a preset keeps one socket and die with 2 threads per core when the count is even);
/// - storage: [`disk`](Self::disk), [`disk_with_format`](Self::disk_with_format) and
///   [`cdrom`](Self::cdrom), whose targets are assigned in order without clashes
///   (`vda`, `vdb`, … on virtio; `sda`, `sdb`, … on SATA for CD-ROMs);
/// - [`disk_with`](Self::disk_with): a disk on a bus and in a format of your choice;
/// - [`network`](Self::network) and [`share`](Self::share): a preset's own NIC and
///   virtiofs share stand until the first call, which replaces them; each further call
///   adds one more; [`no_network`](Self::no_network) and [`no_shares`](Self::no_shares)
///   remove them;
/// - devices: [`device`](Self::device) adds any device, [`graphics`](Self::graphics)
///   replaces the preset's display, [`headless`](Self::headless) removes it with the
///   video and sound, [`serial_console`](Self::serial_console) puts the console on a
///   serial port;
/// - boot: [`boot`](Self::boot) and [`boot_order`](Self::boot_order); unless set, hard
///   disk first and CD-ROM second, for the kinds the domain has;
/// - [`qemu_arg`](Self::qemu_arg), [`qemu_env`](Self::qemu_env), [`uuid`](Self::uuid),
///   [`generate_uuid`](Self::generate_uuid), [`description`](Self::description),
///   [`title`](Self::title), [`secure_boot`](Self::secure_boot); a preset's
///   description goes with [`no_description`](Self::no_description).
///
/// Paths are written as given: pass absolute paths, as libvirt does not resolve
/// relative ones against the caller's directory.
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct DomainBuilder {
    name: String,
    preset: Option<Preset>,
    mode: Mode,
    memory: Option<ByteSize>,
    current_memory: Option<ByteSize>,
    vcpus: Option<u32>,
    topology: Option<CpuTopology>,
    secure_boot: Option<bool>,
    media: Vec<Media>,
    networks: Option<Vec<NetworkSource>>,
    shares: Option<Vec<(String, String)>>,
    qemu: QemuCommandline,
    boot: Option<Vec<BootDevice>>,
    uuid: Option<Uuid>,
    description: Option<String>,
    no_description: bool,
    title: Option<String>,
    host: Option<Box<DomainCapabilities>>,
    devices: Vec<Device>,
    graphics: Option<Vec<Graphics>>,
    headless: bool,
    serial_console: bool,
    libvirt: Option<LibvirtVersion>,
}

impl Domain {
    /// A [`DomainBuilder`] for a domain called `name`, starting from Phyllome OS's
    /// defaults.
    pub fn builder(name: impl Into<String>) -> DomainBuilder {
        DomainBuilder::new(name)
    }
}

impl DomainBuilder {
    /// A builder for a domain called `name` (same as [`Domain::builder`]).
    pub fn new(name: impl Into<String>) -> Self {
        DomainBuilder {
            name: name.into(),
            libvirt: None,
            preset: None,
            mode: Mode::default(),
            memory: None,
            current_memory: None,
            vcpus: None,
            topology: None,
            secure_boot: None,
            media: Vec::new(),
            networks: None,
            shares: None,
            qemu: QemuCommandline::default(),
            boot: None,
            uuid: None,
            description: None,
            no_description: false,
            title: None,
            host: None,
            devices: Vec::new(),
            graphics: None,
            headless: false,
            serial_console: false,
        }
    }

    /// Start from Phyllome's definition for `preset` instead of the plain defaults.
    pub fn preset(mut self, preset: impl Into<Preset>) -> Self {
        self.preset = Some(preset.into());
        self
    }

    /// The libvirt connection the domain is for (default [`Mode::System`]); only a
    /// preset uses it.
    pub fn mode(mut self, mode: impl Into<Mode>) -> Self {
        self.mode = mode.into();
        self
    }

    /// Same as `mode(Mode::Session)`: a rootless `qemu:///session` guest.
    pub fn session(self) -> Self {
        self.mode(Mode::Session)
    }

    /// Same as `mode(Mode::System)`: a `qemu:///system` guest.
    pub fn system(self) -> Self {
        self.mode(Mode::System)
    }

    /// `<memory>`: the most memory the guest can have (default
    /// [`DEFAULT_MEMORY`], 4 GiB).
    pub fn memory(mut self, size: impl Into<ByteSize>) -> Self {
        self.memory = Some(size.into());
        self
    }

    /// `<currentMemory>`: the memory the guest gets at boot (default
    /// [`DEFAULT_CURRENT_MEMORY`], 1 GiB, or less when `memory` is smaller; the whole
    /// memory when the domain has no balloon).
    pub fn current_memory(mut self, size: impl Into<ByteSize>) -> Self {
        self.current_memory = Some(size.into());
        self
    }

    /// `<vcpu>`: the number of virtual CPUs (default 1, or 4 with a preset; the
    /// product of the topology when only that is set).
    pub fn vcpus(mut self, count: u32) -> Self {
        self.vcpus = Some(count);
        self
    }

    /// `<cpu><topology>`: sockets, dies, clusters, cores and threads, whose product
    /// must be the vCPU count. A `(sockets, cores, threads)` tuple converts.
    pub fn topology(mut self, topology: impl Into<CpuTopology>) -> Self {
        self.topology = Some(topology.into());
        self
    }

    /// `<loader secure=…>`: ask for UEFI Secure Boot firmware (on with the Windows
    /// preset, off with the Linux one, unset in a plain build).
    pub fn secure_boot(mut self, enabled: bool) -> Self {
        self.secure_boot = Some(enabled);
        self
    }

    /// Fit the domain to a host's `<domainCapabilities>` (`virsh domcapabilities`):
    /// where the host lacks what Phyllome asks for and offers an alternative (BIOS
    /// for UEFI, no Secure Boot, the other TPM model, a file memory source, fewer
    /// Hyper-V enlightenments), use it; [`build`](Self::build) then also runs
    /// [`Domain::check_host`] and reports what is left.
    pub fn host(mut self, caps: &DomainCapabilities) -> Self {
        self.host = Some(Box::new(caps.clone()));
        self
    }

    /// Add a disk image, its format guessed from the extension (see [`guess_format`]);
    /// an `.iso` is added as a CD-ROM. An unknown extension is a build problem: use
    /// [`disk_with_format`](Self::disk_with_format) then.
    pub fn disk(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        let cdrom = is_iso(&path);
        let format = guess_format(&path);
        self.media.push(Media {
            path,
            format,
            cdrom,
            bus: None,
        });
        self
    }

    /// Add a hard disk image in `format`, whatever its extension.
    pub fn disk_with_format(
        mut self,
        path: impl Into<String>,
        format: impl Into<StorageFormat>,
    ) -> Self {
        self.media.push(Media {
            path: path.into(),
            format: Some(format.into()),
            cdrom: false,
            bus: None,
        });
        self
    }

    /// Add a disk image on `bus` (default: virtio, or SATA for an `.iso`, which is
    /// added as a CD-ROM) in `format` (default: guessed from the extension). Its
    /// target is the next free name of the bus (`vdb`, `sdc`, `hda`, …).
    pub fn disk_with(
        mut self,
        path: impl Into<String>,
        bus: Option<DiskBus>,
        format: Option<StorageFormat>,
    ) -> Self {
        let path = path.into();
        self.media.push(Media {
            cdrom: is_iso(&path),
            format: format.or_else(|| guess_format(&path)),
            path,
            bus,
        });
        self
    }

    /// Add a CD-ROM drive (SATA, read-only) holding the raw image `iso`.
    pub fn cdrom(mut self, iso: impl Into<String>) -> Self {
        self.media.push(Media {
            path: iso.into(),
            format: Some(StorageFormat::Raw),
            cdrom: true,
            bus: None,
        });
        self
    }

    /// Add a virtio NIC connected to `source`. The first call replaces a preset's
    /// own NIC.
    pub fn network(mut self, source: impl Into<NetworkSource>) -> Self {
        self.networks
            .get_or_insert_with(Vec::new)
            .push(source.into());
        self
    }

    /// Remove every NIC, the preset's included: the guest has no network.
    pub fn no_network(mut self) -> Self {
        self.networks = Some(Vec::new());
        self
    }

    /// Remove every virtiofs share, the preset's included (Phyllome's presets share
    /// the host's `/mnt`: read-only under tag `mnt` for Linux, read-write under tag
    /// `share` for Windows).
    pub fn no_shares(mut self) -> Self {
        self.shares = Some(Vec::new());
        self
    }

    /// Add a device as it is (a [`Disk`](crate::devices::Disk), an
    /// [`Interface`](crate::devices::Interface), a
    /// [`Hostdev`](crate::devices::Hostdev), …), placed where libvirt would put it.
    /// Nothing is derived from it: give a disk its own target.
    pub fn device(mut self, device: impl Into<Device>) -> Self {
        self.devices.push(device.into());
        self
    }

    /// `<graphics>`: the first call replaces a preset's display (SPICE with OpenGL);
    /// each further call adds one more.
    pub fn graphics(mut self, graphics: Graphics) -> Self {
        self.graphics.get_or_insert_with(Vec::new).push(graphics);
        self
    }

    /// No display: remove the graphics, video, sound and audio devices, and the
    /// SPICE channels and USB redirections that only a display uses. Pair it with
    /// [`serial_console`](Self::serial_console) to reach the guest with `virsh console`.
    pub fn headless(mut self) -> Self {
        self.headless = true;
        self
    }

    /// A serial port on a pseudo-terminal with the console on it
    /// (`<serial type='pty'>` and `<console type='pty'><target type='serial'/>`),
    /// replacing a preset's virtio console; `virsh console` attaches to it.
    pub fn serial_console(mut self) -> Self {
        self.serial_console = true;
        self
    }

    /// Share the host directory `host_dir` with the guest over virtiofs under mount
    /// tag `tag` (`mount -t virtiofs TAG /mnt` in the guest). Needs shared memory,
    /// which every Phyllome default has. The first call replaces a preset's own share.
    pub fn share(mut self, host_dir: impl Into<String>, tag: impl Into<String>) -> Self {
        self.shares
            .get_or_insert_with(Vec::new)
            .push((host_dir.into(), tag.into()));
        self
    }

    /// Append an argument to QEMU's command line (`<qemu:arg>`).
    pub fn qemu_arg(mut self, arg: impl Into<String>) -> Self {
        self.qemu = std::mem::take(&mut self.qemu).arg(arg);
        self
    }

    /// Set a variable in QEMU's environment (`<qemu:env>`).
    pub fn qemu_env(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.qemu = std::mem::take(&mut self.qemu).env(name, value);
        self
    }

    /// Append a device class to `<os><boot>`; the first call replaces the automatic
    /// order (hard disk, then CD-ROM).
    pub fn boot(mut self, dev: impl Into<BootDevice>) -> Self {
        self.boot.get_or_insert_with(Vec::new).push(dev.into());
        self
    }

    /// Set the whole `<os><boot>` list, first choice first; an empty list writes no
    /// `<boot>` (libvirt then boots from the hard disk).
    pub fn boot_order<I>(mut self, devs: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<BootDevice>,
    {
        self.boot = Some(devs.into_iter().map(Into::into).collect());
        self
    }

    /// `<uuid>`: the domain's UUID (libvirt generates one at define time when unset).
    pub fn uuid(mut self, uuid: impl Into<Uuid>) -> Self {
        self.uuid = Some(uuid.into());
        self
    }

    /// `<uuid>`: a new random (version 4) UUID.
    pub fn generate_uuid(self) -> Self {
        self.uuid(Uuid::new_v4())
    }

    /// `<description>`: a human-readable description (a preset writes Phyllome's).
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Write no `<description>` (a preset writes Phyllome's otherwise).
    pub fn no_description(mut self) -> Self {
        self.no_description = true;
        self.description = None;
        self
    }

    /// `<title>`: a short description without newlines.
    pub fn title(mut self, text: impl Into<String>) -> Self {
        self.title = Some(text.into());
        self
    }

    /// Build for libvirt `version`: what that release lacks is replaced by what it
    /// has to the same effect where such a thing exists (the virtio sound model by
    /// ICH9 HD Audio, the passt user backend by libvirt's built-in user networking,
    /// Hyper-V refinements it does not know left out), and [`build`](Self::build)
    /// fails naming everything else it lacks (see [`Domain::check_libvirt`]).
    ///
    /// ```
    /// use libvirt_domain::{Domain, LibvirtVersion, Preset};
    ///
    /// let domain = Domain::builder("debian12-guest")
    ///     .preset(Preset::Linux)
    ///     .libvirt(LibvirtVersion::V9_0)
    ///     .build()?;
    /// assert!(domain.min_libvirt_version() <= LibvirtVersion::V9_0);
    /// assert!(domain.to_xml()?.contains("<sound model='ich9'"));
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn libvirt(mut self, version: impl Into<LibvirtVersion>) -> Self {
        self.libvirt = Some(version.into());
        self
    }

    /// Assemble the domain and validate it; an [`Error::Validation`] lists every
    /// problem found (an image whose format cannot be guessed, and whatever
    /// [`Domain::validate`] finds).
    pub fn build(mut self) -> Result<Domain, Error> {
        let host = self.host.take();
        let target = self.libvirt.take();
        let (mut domain, mut problems) = self.assemble();
        if let Some(caps) = &host {
            host::fit(&mut domain, caps);
        }
        if let Some(target) = target {
            libvirt::fit(&mut domain, target);
            if let Err(error) = domain.check_libvirt(target) {
                problems.extend(error.problems().iter().cloned());
            }
        }
        if let Err(error) = domain.validate() {
            problems.extend(error.problems().iter().cloned());
        }
        if let Some(Err(error)) = host.map(|caps| domain.check_host(&caps)) {
            problems.extend(error.problems().iter().cloned());
        }
        if problems.is_empty() {
            Ok(domain)
        } else {
            Err(Error::Validation(problems))
        }
    }

    /// The domain and the problems only the builder can see.
    fn assemble(self) -> (Domain, Vec<Problem>) {
        let mut domain = match self.preset {
            Some(preset) => preset.domain(self.mode),
            None => crate::defaults::plain_domain(),
        };
        domain.name = Some(self.name);
        domain.uuid = self.uuid.map(|u| u.hyphenated().to_string());
        domain.title = self.title;
        let secure_boot = self
            .secure_boot
            .or_else(|| self.preset.map(Preset::secure_boot));
        domain.description = self.description.or_else(|| {
            if self.no_description {
                return None;
            }
            let preset = self.preset?;
            Some(preset.description(self.mode, secure_boot.unwrap_or(false)))
        });

        let memory = self.memory.unwrap_or(DEFAULT_MEMORY);
        let ballooned = domain
            .devices
            .as_ref()
            .and_then(|d| d.memballoons().next())
            .is_some_and(|b| b.model != Some(MemBalloonModel::None));
        let current = self.current_memory.unwrap_or(if ballooned {
            DEFAULT_CURRENT_MEMORY.min(memory)
        } else {
            memory
        });
        domain.memory = Some(Memory::from(memory));
        domain.current_memory = Some(CurrentMemory::from(current));

        let from_topology = self.topology.as_ref().and_then(CpuTopology::vcpus);
        let default_count = if self.preset.is_some() {
            PRESET_VCPUS
        } else {
            DEFAULT_VCPUS
        };
        let count = self.vcpus.or(from_topology).unwrap_or(default_count);
        if let Some(vcpu) = domain.vcpu.as_mut() {
            vcpu.count = count;
        }
        match (self.topology, domain.cpu.as_mut()) {
            (Some(topology), Some(cpu)) => cpu.topology = Some(topology),
            (Some(topology), None) => {
                domain.cpu = Some(Cpu {
                    topology: Some(topology),
                    ..Default::default()
                })
            }
            (None, Some(cpu)) if self.vcpus.is_some() => {
                let threads = if count % PRESET_THREADS_PER_CORE == 0 {
                    PRESET_THREADS_PER_CORE
                } else {
                    1
                };
                cpu.topology = Cpu::host_model(count / threads, threads).topology;
            }
            (None, _) => {}
        }

        let os = domain.os.get_or_insert_with(Os::default);
        if let Some(secure) = secure_boot {
            os.loader.get_or_insert_with(Loader::default).secure = Some(secure.into());
        }
        let has = |cdrom: bool| self.media.iter().any(|m| m.cdrom == cdrom);
        let boot = self.boot.unwrap_or_else(|| {
            let mut auto = Vec::new();
            if has(false) {
                auto.push(BootDevice::Hd);
            }
            if has(true) {
                auto.push(BootDevice::Cdrom);
            }
            auto
        });
        os.boot = boot.into_iter().map(Boot::new).collect();

        let devices = domain.devices.get_or_insert_with(Default::default);
        if let Some(networks) = self.networks {
            devices
                .devices
                .retain(|d| !matches!(d, Device::Interface(_)));
            for source in networks {
                devices.push(source.interface());
            }
        }
        if let Some(shares) = self.shares {
            devices
                .devices
                .retain(|d| !matches!(d, Device::Filesystem(_)));
            for (dir, tag) in shares {
                devices.push(Filesystem::virtiofs(dir, tag));
            }
        }
        if let Some(graphics) = self.graphics {
            devices.remove_where(|d| matches!(d, Device::Graphics(_)));
            for g in graphics {
                devices.push(g);
            }
        }
        if self.headless {
            devices.remove_where(|d| match d {
                Device::Graphics(_)
                | Device::Video(_)
                | Device::Sound(_)
                | Device::Audio(_)
                | Device::Redirdev(_) => true,
                Device::Channel(c) => c.written_kind() == Some(ChardevType::Spicevmc),
                _ => false,
            });
        }
        if self.serial_console {
            devices.remove_where(|d| matches!(d, Device::Console(_) | Device::Serial(_)));
            devices.push(Serial::pty());
            devices.push(Console::pty());
        }
        for device in self.devices {
            devices.push(device);
        }
        let mut targets = Targets::new(devices.disks().filter_map(|d| d.target_dev()));
        for media in &self.media {
            let dev = targets.next(media.prefix());
            devices.push(media.disk(dev));
        }
        devices.devices.sort_by_key(Device::rank);

        let mut problems = Vec::new();
        for media in self.media.iter().filter(|m| m.format.is_none()) {
            let index = devices
                .devices
                .iter()
                .position(|d| match d {
                    Device::Disk(disk) => disk.source_path() == Some(media.path.as_str()),
                    _ => false,
                })
                .expect("every added image is a disk of the domain");
            problems.push(Problem::new(
                format!(
                    "{}/driver/@type",
                    crate::validate::device_path(&devices.devices, index)
                ),
                format!(
                    "cannot guess the image format of {:?} from its extension (known: \
                     {KNOWN_EXTENSIONS}); give it with disk_with_format",
                    media.path
                ),
            ));
        }

        domain.qemu_commandline = self.qemu;
        (domain, problems)
    }
}

impl From<(u32, u32, u32)> for CpuTopology {
    /// `(sockets, cores, threads)`, with one die per socket, as Phyllome writes it.
    fn from((sockets, cores, threads): (u32, u32, u32)) -> Self {
        CpuTopology {
            sockets: Some(sockets),
            dies: Some(1),
            cores: Some(cores),
            threads: Some(threads),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::devices::DiskDevice;

    #[test]
    fn devices_are_sorted_like_libvirt() {
        let domain = Domain::builder("t")
            .preset(Preset::Linux)
            .cdrom("/a.iso")
            .disk("/b.qcow2")
            .build()
            .unwrap();
        let names: Vec<&str> = domain
            .devices
            .as_ref()
            .unwrap()
            .devices
            .iter()
            .map(Device::element_name)
            .collect();
        let ranks: Vec<usize> = domain
            .devices
            .as_ref()
            .unwrap()
            .devices
            .iter()
            .map(Device::rank)
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
        assert_eq!(&names[..3], ["emulator", "disk", "disk"]);
        let disks: Vec<_> = domain.devices.as_ref().unwrap().disks().collect();
        assert_eq!(disks[0].device, Some(DiskDevice::Cdrom));
        assert_eq!(disks[0].target_dev(), Some("sda"));
        assert_eq!(disks[1].target_dev(), Some("vda"));
    }

    #[test]
    fn presets_give_way_to_explicit_choices() {
        use crate::devices::{DiskBus, Graphics, Hostdev, Tpm};
        let domain = Domain::builder("srv")
            .preset(Preset::Linux)
            .headless()
            .serial_console()
            .no_shares()
            .no_description()
            .disk_with("/img/a.raw", Some(DiskBus::Scsi), None)
            .disk_with("/img/b.img", None, Some(StorageFormat::Qcow2))
            .device(Hostdev::pci("3b:00.1".parse().unwrap()))
            .build()
            .unwrap();
        assert_eq!(domain.graphics().count(), 0);
        assert_eq!(domain.videos().count(), 0);
        assert_eq!(domain.sounds().count(), 0);
        assert_eq!(domain.filesystems().count(), 0);
        assert_eq!(domain.description, None);
        assert_eq!(domain.serials().count(), 1);
        assert_eq!(domain.consoles().count(), 1);
        assert_eq!(domain.hostdevs().count(), 1);
        let devices = domain.devices.as_ref().unwrap();
        let a = devices.disk("sda").expect("the SCSI disk is sda");
        assert_eq!(a.target.as_ref().unwrap().bus, Some(DiskBus::Scsi));
        let b = devices.disk("vda").expect("the virtio disk is vda");
        assert_eq!(b.driver.as_ref().unwrap().kind, Some(StorageFormat::Qcow2));
        let ranks: Vec<usize> = devices.devices.iter().map(Device::rank).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]));

        let vnc = Domain::builder("v")
            .preset(Preset::Windows)
            .graphics(Graphics::vnc())
            .device(Hostdev::usb(0x1234, 0x5678))
            .build()
            .unwrap();
        let graphics: Vec<_> = vnc.graphics().collect();
        assert_eq!(graphics, [&Graphics::vnc()]);
        assert_eq!(vnc.hostdevs().count(), 1);
        assert_eq!(vnc.tpms().collect::<Vec<_>>(), [&Tpm::emulator()]);
    }

    #[test]
    fn unknown_formats_are_build_problems_with_a_path() {
        let err = Domain::builder("t")
            .disk("/a.qcow2")
            .disk("/b.unknown")
            .build()
            .unwrap_err();
        let problems = err.problems();
        assert_eq!(problems.len(), 1, "{err}");
        assert_eq!(problems[0].path, "/domain/devices/disk[2]/driver/@type");
        assert!(problems[0].message.contains("disk_with_format"), "{err}");
    }
}
