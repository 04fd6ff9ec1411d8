//! `<devices>`: the guest's devices, kept in document order (formatdomain: "Devices").
//!
//! Every device kind libvirt 11.3 knows is a variant of [`Device`]; an element this
//! crate does not know is kept whole in [`Device::Other`] at its place. Each device
//! type also stands alone as a hotplug fragment through [`DeviceXml`], and
//! [`Device::from_xml`] reads any fragment.

mod address;
mod audio;
mod chardev;
mod chardev_source;
mod common;
mod controller;
mod crypto;
mod disk;
mod filesystem;
mod fragment;
mod graphics;
mod hostdev;
mod hostdev_source;
mod input;
mod interface;
mod interface_options;
mod interface_source;
mod iommu;
mod lease;
mod mac;
mod memballoon;
mod memorydev;
mod nvram;
mod panic;
mod pstore;
mod redirdev;
mod redirfilter;
mod rng;
mod shmem;
mod smartcard;
mod sound;
mod tpm;
mod typed_source;
mod video;
mod virtualport;
mod vsock;
mod watchdog;

use serde::{Deserialize, Serialize};

use crate::xml::{Extra, RawElement};

pub use self::address::{
    Address, BareAddress, CcidAddress, CcwAddress, DimmAddress, DriveAddress, IsaAddress,
    PciAddress, SpaprVioAddress, UnknownAddress, UsbAddress, VirtioSerialAddress, Zpci,
};
pub use self::audio::{
    AlsaAudio, AlsaAudioIo, Audio, AudioFormat, AudioIo, AudioSettings, CoreAudio, CoreAudioIo,
    DbusAudio, FileAudio, JackAudio, JackAudioIo, NoneAudio, OssAudio, OssAudioIo, PipewireAudio,
    PipewireAudioIo, PulseAudio, PulseAudioIo, SdlAudio, SdlAudioDriver, SdlAudioIo, SpiceAudio,
    UnknownAudio,
};
pub use self::chardev::{
    Channel, ChannelState, CharLog, CharProtocol, CharProtocolType, CharTarget, CharTargetModel,
    CharTargetModelName, CharTargetType, Console, Parallel, Serial,
};
pub use self::chardev_source::{
    CharSource, CharSourceChannel, CharSourceFile, CharSourceMode, CharSourceNmdm, CharSourcePath,
    CharSourceQemuVdagent, CharSourceTcp, CharSourceUdp, CharSourceUnix, ChardevType,
};
pub use self::common::{
    Acpi, Alias, Auth, AuthSecret, AuthSecretType, BackendDomain, Boot, DeviceSeclabel, Initiator,
    IothreadMapping, IothreadQueue, IothreadQueues, Iqn, Marker, OtherSource, Reconnect, Rom,
    Route, ScaledSize, SocketMode, SocketType, Teaming, TeamingType, VirtioDriver, VirtioModel,
};
pub use self::controller::{
    Controller, ControllerDriver, ControllerModel, ControllerModelName, ControllerTarget,
    ControllerType, PciControllerModelName, Pcihole64, UsbMaster,
};
pub use self::crypto::{Crypto, CryptoBackend, CryptoBackendModel, CryptoModel, CryptoType};
pub use self::disk::{
    BackingStore, DataStore, DetectZeroes, Disk, DiskBlockIo, DiskBus, DiskCache, DiskDevice,
    DiskDiscard, DiskDriver, DiskErrorPolicy, DiskFormat, DiskGeometry, DiskIo, DiskProtocol,
    DiskSgio, DiskSnapshot, DiskSource, DiskSourceBlock, DiskSourceConfig, DiskSourceCookie,
    DiskSourceCookies, DiskSourceDir, DiskSourceFile, DiskSourceHost, DiskSourceIdentity,
    DiskSourceKnownHosts, DiskSourceNetwork, DiskSourceNvme, DiskSourceReadahead, DiskSourceSlice,
    DiskSourceSlices, DiskSourceSnapshot, DiskSourceSsl, DiskSourceTimeout, DiskSourceVhostUser,
    DiskSourceVhostVdpa, DiskSourceVolume, DiskTarget, DiskTransient, DiskTray, DiskType,
    Encryption, EncryptionCipher, EncryptionEngine, EncryptionFormat, EncryptionIvgen,
    EncryptionSecret, EncryptionSecretType, GeometryTrans, HostTransport, Iotune, MetadataCache,
    Mirror, MirrorJob, MirrorReady, NvmeAddressType, Reservations, SliceType, StartupPolicy,
    StorageFormat, Throttlefilter, Throttlefilters, UnixSocketSource, VolumeMode,
};
pub use self::filesystem::{
    Filesystem, FilesystemType, FsAccessMode, FsBinary, FsBinaryCache, FsBinaryLock,
    FsBinaryOpenFiles, FsBinarySandbox, FsBinaryThreadPool, FsCacheMode, FsDriver, FsDriverType,
    FsMultidevs, FsSandboxMode, FsSource, FsSpaceLimit, FsTarget, FsWritePolicy,
};
pub(crate) use self::fragment::device_table;
pub use self::fragment::DeviceXml;
pub use self::graphics::{
    Clipboard, CompressionPolicy, Graphics, GraphicsAudio, GraphicsConnected, GraphicsGl,
    GraphicsListen, GraphicsType, ImageCompression, ListenType, MouseMode, MouseModeKind,
    SpiceChannel, SpiceChannelMode, SpiceChannelName, SpiceCompression, SpiceFileTransfer,
    SpiceImage, SpicePlayback, SpiceStreaming, StreamingMode, VncSharePolicy,
};
pub use self::hostdev::{
    Hostdev, HostdevDriver, HostdevDriverName, HostdevMode, MdevHostdev, MdevModel, MiscHostdev,
    NetHostdev, PciHostdev, ScsiHostHostdev, ScsiHostdev, StorageHostdev, UnknownHostdev,
    UsbHostdev,
};
pub use self::hostdev_source::{
    AdapterParentAddr, AdapterType, IscsiHost, IscsiHostdevSource, MdevAddress, MdevHostdevSource,
    MiscHostdevSource, NetHostdevSource, PciHostdevSource, PciOrigStates, ScsiAdapterProtocol,
    ScsiAdapterSource, ScsiHostAddress, ScsiHostHostdevSource, ScsiHostProtocol, ScsiHostdevSource,
    SourceAdapter, StorageHostdevSource, UsbGuestReset, UsbHostAddress, UsbHostdevSource, UsbId,
};
pub use self::input::{Input, InputBus, InputGrab, InputGrabToggle, InputSource, InputType};
pub use self::interface::{
    Interface, InterfaceBackend, InterfaceDriver, InterfaceDriverGuest, InterfaceDriverHost,
    InterfaceDriverName, InterfaceGuest, InterfaceLink, InterfaceMac, InterfaceModel, InterfaceMtu,
    InterfaceScript, InterfaceTarget, LinkState, MacType, NetBackendType, NetModel, TxMode,
};
pub use self::interface_options::{
    Bandwidth, BandwidthLimits, Coalesce, CoalesceFrames, CoalesceRx, FilterParameter, FilterRef,
    InterfaceIp, InterfacePort, InterfaceTune, PortForward, PortForwardProto, PortForwardRange,
    Vlan, VlanNativeMode, VlanTag,
};
pub use self::interface_source::{
    InterfaceHostdevAddress, InterfaceHostdevOtherAddress, InterfaceSource, InterfaceSourceBridge,
    InterfaceSourceDirect, InterfaceSourceEthernet, InterfaceSourceHostdev,
    InterfaceSourceInternal, InterfaceSourceLocal, InterfaceSourceNetwork, InterfaceSourceTunnel,
    InterfaceSourceUdp, InterfaceSourceUser, InterfaceSourceVdpa, InterfaceSourceVds,
    InterfaceSourceVhostuser, InterfaceType, MacTableManager, MacvtapMode,
};
pub use self::iommu::{Iommu, IommuDriver, IommuModel};
pub use self::lease::{Lease, LeaseTarget};
pub use self::mac::{MacAddress, LIBVIRT_MAC_PREFIX};
pub use self::memballoon::{MemBalloon, MemBalloonModel, MemBalloonStats};
pub use self::memorydev::{
    MemoryDevice, MemoryDeviceModel, MemoryDeviceSource, MemoryDeviceTarget, MemoryLabel,
    MemoryTargetAddress,
};
pub use self::nvram::NvramDevice;
pub use self::panic::{Panic, PanicModel};
pub use self::pstore::{Pstore, PstoreBackend};
pub use self::redirdev::{Hub, HubType, Redirdev, RedirdevBus};
pub use self::redirfilter::{Redirfilter, UsbFilterValue, UsbdevFilter};
pub use self::rng::{Rng, RngBackend, RngBackendModel, RngRate};
pub use self::shmem::{Shmem, ShmemModel, ShmemModelType, ShmemMsi, ShmemRole, ShmemServer};
pub use self::smartcard::{
    HostCertificatesSmartcard, HostSmartcard, PassthroughSmartcard, Smartcard, UnknownSmartcard,
};
pub use self::sound::{Sound, SoundAudio, SoundCodec, SoundCodecType, SoundModel};
pub use self::tpm::{
    Tpm, TpmActivePcrBanks, TpmBackend, TpmBackendType, TpmDevice, TpmEncryption, TpmModel,
    TpmProfile, TpmRemoveDisabled, TpmSource, TpmSourceMode, TpmSourceType, TpmVersion,
};
pub use self::video::{
    VgaConf, Video, VideoAcceleration, VideoDriver, VideoDriverName, VideoModel, VideoModelType,
    VideoResolution,
};
pub use self::virtualport::{
    MidonetParameters, OpenvswitchParameters, QbgParameters, QbhParameters, VirtualPort,
    VirtualPortMidonet, VirtualPortOpenvswitch, VirtualPortParameters, VirtualPortQbg,
    VirtualPortQbh, VirtualPortType, VirtualPortUntyped,
};
pub use self::vsock::{Vsock, VsockCid};
pub use self::watchdog::{Watchdog, WatchdogAction, WatchdogModel};

/// `<devices>`: the guest's devices in document order (formatdomain: "Devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Devices {
    /// Every child element, in order; unknown device kinds are kept as
    /// [`Device::Other`].
    #[serde(rename = "$value")]
    pub devices: Vec<Device>,
    /// Unknown attributes (and stray text) of `<devices>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

/// One child of `<devices>` (formatdomain: "Devices"); the element name selects the
/// variant.
//
// Every variant but `Emulator` holds its device boxed, so a `Device` is two words and
// a list of devices costs what its devices hold: a `<disk>` is 5 KiB, most devices
// about 1 KiB, an unknown device 184 bytes (unboxed, 30,000 unknown devices took a
// 160 MB vector). Build one with `Device::from(disk)` or `disk.into()`; a match
// binds a `Box<Disk>`, which derefs to the `Disk`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Device {
    /// `<emulator>`: path of the device model emulator binary.
    #[serde(rename = "emulator")]
    Emulator(String),
    /// `<disk>`: a hard disk, CD-ROM or floppy.
    #[serde(rename = "disk")]
    Disk(Box<Disk>),
    /// `<controller>`: a bus controller.
    #[serde(rename = "controller")]
    Controller(Box<Controller>),
    /// `<lease>`: a lock manager lease.
    #[serde(rename = "lease")]
    Lease(Box<Lease>),
    /// `<filesystem>`: a shared host directory.
    #[serde(rename = "filesystem")]
    Filesystem(Box<Filesystem>),
    /// `<interface>`: a network interface.
    #[serde(rename = "interface")]
    Interface(Box<Interface>),
    /// `<input>`: an input device.
    #[serde(rename = "input")]
    Input(Box<Input>),
    /// `<sound>`: a sound card.
    #[serde(rename = "sound")]
    Sound(Box<Sound>),
    /// `<audio>`: a host audio backend.
    #[serde(rename = "audio")]
    Audio(Box<Audio>),
    /// `<hostdev>`: an assigned host device.
    #[serde(rename = "hostdev")]
    Hostdev(Box<Hostdev>),
    /// `<graphics>`: a graphical framebuffer.
    #[serde(rename = "graphics")]
    Graphics(Box<Graphics>),
    /// `<video>`: a video adapter.
    #[serde(rename = "video")]
    Video(Box<Video>),
    /// `<console>`: an interactive console.
    #[serde(rename = "console")]
    Console(Box<Console>),
    /// `<parallel>`: a parallel port.
    #[serde(rename = "parallel")]
    Parallel(Box<Parallel>),
    /// `<serial>`: a serial port.
    #[serde(rename = "serial")]
    Serial(Box<Serial>),
    /// `<channel>`: a host–guest channel.
    #[serde(rename = "channel")]
    Channel(Box<Channel>),
    /// `<smartcard>`: a virtual smartcard reader.
    #[serde(rename = "smartcard")]
    Smartcard(Box<Smartcard>),
    /// `<hub>`: a USB hub.
    #[serde(rename = "hub")]
    Hub(Box<Hub>),
    /// `<redirdev>`: a redirected USB device.
    #[serde(rename = "redirdev")]
    Redirdev(Box<Redirdev>),
    /// `<redirfilter>`: USB redirection filter rules.
    #[serde(rename = "redirfilter")]
    Redirfilter(Box<Redirfilter>),
    /// `<rng>`: a random number generator.
    #[serde(rename = "rng")]
    Rng(Box<Rng>),
    /// `<tpm>`: a TPM.
    #[serde(rename = "tpm")]
    Tpm(Box<Tpm>),
    /// `<shmem>`: a shared memory device.
    #[serde(rename = "shmem")]
    Shmem(Box<Shmem>),
    /// `<memory>`: a memory module (DIMM, NVDIMM, virtio-mem, …).
    #[serde(rename = "memory")]
    Memory(Box<MemoryDevice>),
    /// `<crypto>`: a crypto accelerator.
    #[serde(rename = "crypto")]
    Crypto(Box<Crypto>),
    /// `<watchdog>`: a hardware watchdog.
    #[serde(rename = "watchdog")]
    Watchdog(Box<Watchdog>),
    /// `<memballoon>`: the memory balloon.
    #[serde(rename = "memballoon")]
    MemBalloon(Box<MemBalloon>),
    /// `<nvram>`: the pSeries NVRAM device.
    #[serde(rename = "nvram")]
    Nvram(Box<NvramDevice>),
    /// `<panic>`: a panic notifier.
    #[serde(rename = "panic")]
    Panic(Box<Panic>),
    /// `<iommu>`: the guest IOMMU.
    #[serde(rename = "iommu")]
    Iommu(Box<Iommu>),
    /// `<vsock>`: a host–guest vsock interface.
    #[serde(rename = "vsock")]
    Vsock(Box<Vsock>),
    /// `<pstore>`: a guest panic log store.
    #[serde(rename = "pstore")]
    Pstore(Box<Pstore>),
    /// A device element this crate does not model, kept whole.
    #[serde(rename = "$raw")]
    Other(Box<RawElement>),
}

impl Devices {
    /// Devices built from a list, in order.
    pub fn new(devices: impl IntoIterator<Item = Device>) -> Self {
        Devices {
            devices: devices.into_iter().collect(),
            ..Default::default()
        }
    }

    /// The `<emulator>` path, if any.
    pub fn emulator(&self) -> Option<&str> {
        self.devices.iter().find_map(|d| match d {
            Device::Emulator(path) => Some(path.as_str()),
            _ => None,
        })
    }

    /// Append a device at the end, whatever its kind (see [`add`](Self::add) to
    /// insert it where libvirt would).
    pub fn push(&mut self, device: impl Into<Device>) {
        self.devices.push(device.into());
    }

    /// Insert a device where libvirt itself would put it: after the last device
    /// of the same kind, or, when there is none, after the devices that come before
    /// its kind in libvirt's canonical order ([`Device::rank`]). Returns its index.
    ///
    /// ```
    /// use libvirt_domain::devices::{Devices, Disk, DiskBus, Interface};
    ///
    /// let mut devices = Devices::default();
    /// devices.add(Interface::network("default"));
    /// devices.add(Disk::file("/var/lib/libvirt/images/a.qcow2").target("vda", DiskBus::Virtio));
    /// let names: Vec<_> = devices.devices.iter().map(|d| d.element_name()).collect();
    /// assert_eq!(names, ["disk", "interface"]);
    /// ```
    pub fn add(&mut self, device: impl Into<Device>) -> usize {
        let device = device.into();
        let same_kind = self
            .devices
            .iter()
            .rposition(|d| d.element_name() == device.element_name());
        let rank = device.rank();
        let index = match same_kind {
            Some(last) => last + 1,
            None => self
                .devices
                .iter()
                .rposition(|d| d.rank() < rank)
                .map_or(0, |i| i + 1),
        };
        self.devices.insert(index, device);
        index
    }

    /// The disk whose `<target dev=…>` is `target` (e.g. `vda`).
    pub fn disk(&self, target: &str) -> Option<&Disk> {
        self.disks().find(|d| d.target_dev() == Some(target))
    }

    /// Mutable access to the disk whose `<target dev=…>` is `target`.
    pub fn disk_mut(&mut self, target: &str) -> Option<&mut Disk> {
        self.disks_mut().find(|d| d.target_dev() == Some(target))
    }

    /// Remove and return the disk whose `<target dev=…>` is `target`.
    pub fn remove_disk(&mut self, target: &str) -> Option<Disk> {
        let index = self
            .devices
            .iter()
            .position(|d| matches!(d, Device::Disk(disk) if disk.target_dev() == Some(target)))?;
        match self.devices.remove(index) {
            Device::Disk(disk) => Some(*disk),
            _ => unreachable!("the position found is a disk"),
        }
    }

    /// The interface whose `<mac address=…>` is `mac` (compared as addresses, so
    /// `52:54:00:AB:…` matches `52:54:00:ab:…`).
    pub fn interface_by_mac(&self, mac: &MacAddress) -> Option<&Interface> {
        self.interfaces()
            .find(|i| i.parsed_mac().as_ref() == Some(mac))
    }

    /// Mutable access to the interface whose `<mac address=…>` is `mac`.
    pub fn interface_by_mac_mut(&mut self, mac: &MacAddress) -> Option<&mut Interface> {
        self.interfaces_mut()
            .find(|i| i.parsed_mac().as_ref() == Some(mac))
    }

    /// Remove and return the interface whose `<mac address=…>` is `mac`.
    pub fn remove_interface(&mut self, mac: &MacAddress) -> Option<Interface> {
        let index = self.devices.iter().position(
            |d| matches!(d, Device::Interface(nic) if nic.parsed_mac().as_ref() == Some(mac)),
        )?;
        match self.devices.remove(index) {
            Device::Interface(nic) => Some(*nic),
            _ => unreachable!("the position found is an interface"),
        }
    }

    /// The device whose `<alias name=…>` is `name` (e.g. `net0`, or a user alias
    /// `ua-disk1`).
    pub fn device_by_alias(&self, name: &str) -> Option<&Device> {
        self.devices
            .iter()
            .find(|d| d.alias().and_then(|a| a.name.as_deref()) == Some(name))
    }

    /// Mutable access to the device whose `<alias name=…>` is `name`.
    pub fn device_by_alias_mut(&mut self, name: &str) -> Option<&mut Device> {
        self.devices
            .iter_mut()
            .find(|d| d.alias().and_then(|a| a.name.as_deref()) == Some(name))
    }

    /// Remove every device for which `matches` is true and return them, in order.
    ///
    /// ```
    /// use libvirt_domain::devices::{Device, DiskBus, DiskDevice, Devices, Disk};
    ///
    /// let mut devices = Devices::default();
    /// devices.add(Disk::file("/a.qcow2").target("vda", DiskBus::Virtio));
    /// devices.add(Disk::cdrom("/b.iso"));
    /// let removed = devices.remove_where(
    ///     |d| matches!(d, Device::Disk(disk) if disk.device == Some(DiskDevice::Cdrom)),
    /// );
    /// assert_eq!(removed.len(), 1);
    /// assert_eq!(devices.disks().count(), 1);
    /// ```
    pub fn remove_where(&mut self, mut matches: impl FnMut(&Device) -> bool) -> Vec<Device> {
        let mut removed = Vec::new();
        let mut kept = Vec::with_capacity(self.devices.len());
        for device in self.devices.drain(..) {
            if matches(&device) {
                removed.push(device);
            } else {
                kept.push(device);
            }
        }
        self.devices = kept;
        removed
    }

    /// Device elements this crate does not model, in order.
    pub fn others(&self) -> impl Iterator<Item = &RawElement> + '_ {
        self.devices.iter().filter_map(|d| match d {
            Device::Other(raw) => Some(&**raw),
            _ => None,
        })
    }
}

impl Device {
    /// The device's `<alias>`, for the kinds that have one.
    pub fn alias(&self) -> Option<&Alias> {
        match self {
            Device::Disk(d) => d.alias.as_ref(),
            Device::Controller(d) => d.alias.as_ref(),
            Device::Filesystem(d) => d.alias.as_ref(),
            Device::Interface(d) => d.alias.as_ref(),
            Device::Input(d) => d.alias.as_ref(),
            Device::Sound(d) => d.alias.as_ref(),
            Device::Hostdev(d) => d.alias(),
            Device::Video(d) => d.alias.as_ref(),
            Device::Console(d) => d.alias.as_ref(),
            Device::Parallel(d) => d.alias.as_ref(),
            Device::Serial(d) => d.alias.as_ref(),
            Device::Channel(d) => d.alias.as_ref(),
            Device::Smartcard(d) => d.alias(),
            Device::Hub(d) => d.alias.as_ref(),
            Device::Redirdev(d) => d.alias.as_ref(),
            Device::Rng(d) => d.alias.as_ref(),
            Device::Tpm(d) => d.alias.as_ref(),
            Device::Shmem(d) => d.alias.as_ref(),
            Device::Memory(d) => d.alias.as_ref(),
            Device::Crypto(d) => d.alias.as_ref(),
            Device::Watchdog(d) => d.alias.as_ref(),
            Device::MemBalloon(d) => d.alias.as_ref(),
            Device::Panic(d) => d.alias.as_ref(),
            Device::Iommu(d) => d.alias.as_ref(),
            Device::Vsock(d) => d.alias.as_ref(),
            Device::Pstore(d) => d.alias.as_ref(),
            Device::Emulator(_)
            | Device::Lease(_)
            | Device::Audio(_)
            | Device::Graphics(_)
            | Device::Redirfilter(_)
            | Device::Nvram(_)
            | Device::Other(_) => None,
        }
    }
}

/// Shared helpers for the device tests.
#[cfg(test)]
pub(crate) mod test_util {
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    /// `value` writes exactly `xml` as `<root>`, and `xml` reads back into `value`.
    pub(crate) fn assert_xml<T>(value: &T, root: &'static str, xml: &str)
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let written = crate::codec::to_string(value, root).expect("serialize");
        assert_eq!(written, xml, "writing {value:?}");
        let read: T = crate::codec::from_str(xml, root).expect("deserialize");
        assert_eq!(&read, value, "reading {xml}");
    }

    /// `xml` reads into a value that writes `xml` back unchanged, with nothing left
    /// unmodelled; returns the value.
    pub(crate) fn assert_modelled<T>(xml: &str, root: &'static str) -> T
    where
        T: Serialize + DeserializeOwned,
    {
        let read: T = crate::codec::from_str(xml, root).expect("deserialize");
        let unmodelled = crate::codec::unmodelled(&read, root);
        assert!(unmodelled.is_empty(), "unmodelled in {xml}: {unmodelled:?}");
        assert_eq!(
            crate::codec::to_string(&read, root).expect("serialize"),
            xml
        );
        read
    }
}

#[cfg(test)]
mod tests {
    use super::test_util::assert_xml;
    use super::*;
    use crate::Domain;

    #[test]
    fn devices_keep_order_and_unknown_kinds() {
        let xml = "<devices>\n  <emulator>/usr/bin/qemu-system-x86_64</emulator>\n  <controller type='virtio-serial' index='0'/>\n  <gizmo model='x'>\n    <part/>\n  </gizmo>\n  <hostdev type='usb' mode='subsystem'>\n    <source>\n      <vendor id='0x1234'/>\n    </source>\n  </hostdev>\n  <sound model='virtio'/>\n  <memballoon model='virtio'/>\n</devices>";
        let devices: Devices = crate::codec::from_str(xml, "devices").unwrap();
        let names: Vec<&str> = devices.devices.iter().map(Device::element_name).collect();
        assert_eq!(
            names,
            [
                "emulator",
                "controller",
                "gizmo",
                "hostdev",
                "sound",
                "memballoon"
            ]
        );
        assert_eq!(devices.emulator(), Some("/usr/bin/qemu-system-x86_64"));
        assert_eq!(devices.others().count(), 1);
        assert_eq!(devices.memballoons().count(), 1);
        assert_eq!(crate::codec::to_string(&devices, "devices").unwrap(), xml);
        let unmodelled = crate::codec::unmodelled(&devices, "devices");
        assert_eq!(unmodelled.len(), 1, "{unmodelled:?}");
        assert_eq!(unmodelled[0].path, "/devices/gizmo");
        assert_eq!(devices.hostdevs().count(), 1);
    }

    #[test]
    fn devices_built_in_code() {
        let mut devices = Devices::new([
            Device::Emulator("/usr/bin/qemu-system-x86_64".into()),
            Iommu::new(IommuModel::Virtio).into(),
        ]);
        devices.push(MemBalloon::new(MemBalloonModel::None));
        devices.push(Rng::random(VirtioModel::Virtio, "/dev/urandom"));
        assert_xml(
            &devices,
            "devices",
            "<devices>\n  <emulator>/usr/bin/qemu-system-x86_64</emulator>\n  <iommu model='virtio'/>\n  <memballoon model='none'/>\n  <rng model='virtio'>\n    <backend model='random'>/dev/urandom</backend>\n  </rng>\n</devices>",
        );
        for rng in devices.rngs_mut() {
            rng.model = Some(VirtioModel::VirtioNonTransitional);
        }
        assert_eq!(
            devices.rngs().next().and_then(|r| r.model.clone()),
            Some(VirtioModel::VirtioNonTransitional)
        );
        assert!(devices.disks().next().is_none());
    }

    #[test]
    fn add_inserts_where_libvirt_would() {
        let mut devices = Devices::new([
            Device::Emulator("/usr/bin/qemu-system-x86_64".into()),
            Disk::file("/a.qcow2").target("vda", DiskBus::Virtio).into(),
            Interface::network("default").into(),
            MemBalloon::new(MemBalloonModel::Virtio).into(),
        ]);
        // After the last device of the same kind.
        assert_eq!(
            devices.add(Disk::cdrom("/b.iso").target("sda", DiskBus::Sata)),
            2
        );
        // No TPM yet: after the kinds libvirt writes before it.
        assert_eq!(devices.add(Tpm::emulator()), 4);
        assert_eq!(devices.add(Serial::pty()), 4);
        // An unknown element goes last.
        let raw = Device::from_xml("<gizmo/>").unwrap();
        assert_eq!(devices.add(raw), 7);
        let names: Vec<&str> = devices.devices.iter().map(Device::element_name).collect();
        assert_eq!(
            names,
            [
                "emulator",
                "disk",
                "disk",
                "interface",
                "serial",
                "tpm",
                "memballoon",
                "gizmo"
            ]
        );
        // `push` still appends.
        devices.push(Disk::file("/c.raw"));
        assert_eq!(devices.devices.last().unwrap().element_name(), "disk");
        // Into an empty list.
        let mut empty = Devices::default();
        assert_eq!(empty.add(Video::virtio()), 0);
    }

    #[test]
    fn lookups_by_target_mac_and_alias() {
        let mac: MacAddress = "52:54:00:aa:bb:cc".parse().unwrap();
        let mut nic = Interface::network("default").mac(mac);
        nic.alias = Some(Alias::new("net0"));
        let mut devices = Devices::new([
            Disk::file("/a.qcow2").target("vda", DiskBus::Virtio).into(),
            Disk::cdrom("/b.iso").target("sda", DiskBus::Sata).into(),
            nic.into(),
        ]);
        assert_eq!(devices.disk("sda").unwrap().device, Some(DiskDevice::Cdrom));
        assert!(devices.disk("vdz").is_none());
        devices.disk_mut("vda").unwrap().serial = Some("S1".into());
        assert_eq!(devices.disk("vda").unwrap().serial.as_deref(), Some("S1"));
        // The MAC matches whatever its spelling.
        let upper: MacAddress = "52-54-00-AA-BB-CC".parse().unwrap();
        assert!(devices.interface_by_mac(&upper).is_some());
        assert!(devices.interface_by_mac(&MacAddress::random()).is_none());
        assert!(matches!(
            devices.device_by_alias("net0"),
            Some(Device::Interface(_))
        ));
        assert!(devices.device_by_alias("net1").is_none());
        let removed = devices.remove_interface(&mac).unwrap();
        assert_eq!(removed.parsed_mac(), Some(mac));
        assert!(devices.remove_interface(&mac).is_none());
        let cdrom = devices.remove_disk("sda").unwrap();
        assert_eq!(cdrom.source_path(), Some("/b.iso"));
        assert_eq!(devices.devices.len(), 1);
        devices.add(Serial::pty());
        devices.add(Console::pty());
        let chardevs =
            devices.remove_where(|d| matches!(d, Device::Serial(_) | Device::Console(_)));
        assert_eq!(chardevs.len(), 2);
        assert_eq!(devices.devices.len(), 1);
    }

    #[test]
    fn domain_reaches_its_devices() {
        let mut domain = Domain::default();
        assert_eq!(domain.disks().count(), 0);
        assert_eq!(domain.interfaces_mut().count(), 0);
        domain
            .devices_mut()
            .add(Disk::file("/a.qcow2").target("vda", DiskBus::Virtio));
        domain
            .devices_mut()
            .add(Hostdev::pci("3b:00.1".parse().unwrap()));
        assert_eq!(domain.disks().count(), 1);
        assert_eq!(domain.hostdevs().count(), 1);
        for disk in domain.disks_mut() {
            disk.serial = Some("x".into());
        }
        assert_eq!(domain.disks().next().unwrap().serial.as_deref(), Some("x"));
    }

    /// Phyllome OS's six domain definitions: every device is modelled, nothing under
    /// `<devices>` is left to `extra`, and the devices survive a round trip.
    #[test]
    fn phyllome_devices_are_fully_modelled() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/reference/phyllome/domains");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            println!("skipped: {} is absent", dir.display());
            return;
        };
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .collect();
        files.sort();
        assert_eq!(files.len(), 6, "Phyllome's domains in {}", dir.display());
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let domain =
                Domain::from_xml(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let devices = domain.devices.as_ref().expect("<devices>");
            assert_eq!(devices.others().count(), 0, "{}", path.display());
            let left: Vec<_> = domain
                .unmodelled()
                .into_iter()
                .filter(|u| u.path.starts_with("/domain/devices"))
                .collect();
            assert!(left.is_empty(), "{}: {left:?}", path.display());
            let written = crate::codec::to_string(devices, "devices").unwrap();
            let again: Devices = crate::codec::from_str(&written, "devices").unwrap();
            assert_eq!(&again, devices, "{}", path.display());
        }
    }
}
