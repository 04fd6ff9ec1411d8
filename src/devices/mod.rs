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
    CharTargetModelName, CharTargetType, ChardevType, Console, Parallel, Serial,
};
pub use self::chardev_source::{
    CharSource, CharSourceChannel, CharSourceFile, CharSourceMode, CharSourceNmdm, CharSourcePath,
    CharSourceQemuVdagent, CharSourceTcp, CharSourceUdp, CharSourceUnix,
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
    InterfaceDriverName, InterfaceGuest, InterfaceIp, InterfaceLink, InterfaceMac, InterfaceModel,
    InterfaceMtu, InterfaceScript, InterfaceTarget, InterfaceType, LinkState, MacType,
    NetBackendType, NetModel, TxMode,
};
pub use self::interface_options::{
    Bandwidth, BandwidthLimits, Coalesce, CoalesceFrames, CoalesceRx, FilterParameter, FilterRef,
    InterfacePort, InterfaceTune, PortForward, PortForwardProto, PortForwardRange, Vlan,
    VlanNativeMode, VlanTag,
};
pub use self::interface_source::{
    InterfaceHostdevAddress, InterfaceHostdevOtherAddress, InterfaceSource, InterfaceSourceBridge,
    InterfaceSourceDirect, InterfaceSourceEthernet, InterfaceSourceHostdev,
    InterfaceSourceInternal, InterfaceSourceLocal, InterfaceSourceNetwork, InterfaceSourceTunnel,
    InterfaceSourceUdp, InterfaceSourceUser, InterfaceSourceVdpa, InterfaceSourceVds,
    InterfaceSourceVhostuser, MacTableManager, MacvtapMode,
};
pub use self::iommu::{Iommu, IommuDriver, IommuModel};
pub use self::lease::{Lease, LeaseTarget};
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
// Variants hold the device structs directly (not boxed) so they can be built and
// matched without indirection; a domain has a few dozen devices at most.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Device {
    /// `<emulator>`: path of the device model emulator binary.
    #[serde(rename = "emulator")]
    Emulator(String),
    /// `<disk>`: a hard disk, CD-ROM or floppy.
    #[serde(rename = "disk")]
    Disk(Disk),
    /// `<controller>`: a bus controller.
    #[serde(rename = "controller")]
    Controller(Controller),
    /// `<lease>`: a lock manager lease.
    #[serde(rename = "lease")]
    Lease(Lease),
    /// `<filesystem>`: a shared host directory.
    #[serde(rename = "filesystem")]
    Filesystem(Filesystem),
    /// `<interface>`: a network interface.
    #[serde(rename = "interface")]
    Interface(Interface),
    /// `<input>`: an input device.
    #[serde(rename = "input")]
    Input(Input),
    /// `<sound>`: a sound card.
    #[serde(rename = "sound")]
    Sound(Sound),
    /// `<audio>`: a host audio backend.
    #[serde(rename = "audio")]
    Audio(Audio),
    /// `<hostdev>`: an assigned host device.
    #[serde(rename = "hostdev")]
    Hostdev(Hostdev),
    /// `<graphics>`: a graphical framebuffer.
    #[serde(rename = "graphics")]
    Graphics(Graphics),
    /// `<video>`: a video adapter.
    #[serde(rename = "video")]
    Video(Video),
    /// `<console>`: an interactive console.
    #[serde(rename = "console")]
    Console(Console),
    /// `<parallel>`: a parallel port.
    #[serde(rename = "parallel")]
    Parallel(Parallel),
    /// `<serial>`: a serial port.
    #[serde(rename = "serial")]
    Serial(Serial),
    /// `<channel>`: a host–guest channel.
    #[serde(rename = "channel")]
    Channel(Channel),
    /// `<smartcard>`: a virtual smartcard reader.
    #[serde(rename = "smartcard")]
    Smartcard(Smartcard),
    /// `<hub>`: a USB hub.
    #[serde(rename = "hub")]
    Hub(Hub),
    /// `<redirdev>`: a redirected USB device.
    #[serde(rename = "redirdev")]
    Redirdev(Redirdev),
    /// `<redirfilter>`: USB redirection filter rules.
    #[serde(rename = "redirfilter")]
    Redirfilter(Redirfilter),
    /// `<rng>`: a random number generator.
    #[serde(rename = "rng")]
    Rng(Rng),
    /// `<tpm>`: a TPM.
    #[serde(rename = "tpm")]
    Tpm(Tpm),
    /// `<shmem>`: a shared memory device.
    #[serde(rename = "shmem")]
    Shmem(Shmem),
    /// `<memory>`: a memory module (DIMM, NVDIMM, virtio-mem, …).
    #[serde(rename = "memory")]
    Memory(MemoryDevice),
    /// `<crypto>`: a crypto accelerator.
    #[serde(rename = "crypto")]
    Crypto(Crypto),
    /// `<watchdog>`: a hardware watchdog.
    #[serde(rename = "watchdog")]
    Watchdog(Watchdog),
    /// `<memballoon>`: the memory balloon.
    #[serde(rename = "memballoon")]
    MemBalloon(MemBalloon),
    /// `<nvram>`: the pSeries NVRAM device.
    #[serde(rename = "nvram")]
    Nvram(NvramDevice),
    /// `<panic>`: a panic notifier.
    #[serde(rename = "panic")]
    Panic(Panic),
    /// `<iommu>`: the guest IOMMU.
    #[serde(rename = "iommu")]
    Iommu(Iommu),
    /// `<vsock>`: a host–guest vsock interface.
    #[serde(rename = "vsock")]
    Vsock(Vsock),
    /// `<pstore>`: a guest panic log store.
    #[serde(rename = "pstore")]
    Pstore(Pstore),
    /// A device element this crate does not model, kept whole.
    #[serde(rename = "$raw")]
    Other(RawElement),
}

macro_rules! device_iters {
    ($($(#[$meta:meta])* $fn:ident, $fn_mut:ident => $variant:ident($ty:ty);)+) => {
        $(
            $(#[$meta])*
            pub fn $fn(&self) -> impl Iterator<Item = &$ty> + '_ {
                self.devices.iter().filter_map(|d| match d {
                    Device::$variant(x) => Some(x),
                    _ => None,
                })
            }

            #[doc = concat!("Mutable access to the devices [`", stringify!($fn), "`](Self::", stringify!($fn), ") returns.")]
            pub fn $fn_mut(&mut self) -> impl Iterator<Item = &mut $ty> + '_ {
                self.devices.iter_mut().filter_map(|d| match d {
                    Device::$variant(x) => Some(x),
                    _ => None,
                })
            }
        )+
    };
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

    /// Append a device.
    pub fn push(&mut self, device: impl Into<Device>) {
        self.devices.push(device.into());
    }

    device_iters! {
        /// The `<disk>` devices, in order.
        disks, disks_mut => Disk(Disk);
        /// The `<controller>` devices, in order.
        controllers, controllers_mut => Controller(Controller);
        /// The `<filesystem>` devices, in order.
        filesystems, filesystems_mut => Filesystem(Filesystem);
        /// The `<interface>` devices, in order.
        interfaces, interfaces_mut => Interface(Interface);
        /// The `<input>` devices, in order.
        inputs, inputs_mut => Input(Input);
        /// The `<sound>` devices, in order.
        sounds, sounds_mut => Sound(Sound);
        /// The `<graphics>` devices, in order.
        graphics, graphics_mut => Graphics(Graphics);
        /// The `<video>` devices, in order.
        videos, videos_mut => Video(Video);
        /// The `<console>` devices, in order.
        consoles, consoles_mut => Console(Console);
        /// The `<serial>` devices, in order.
        serials, serials_mut => Serial(Serial);
        /// The `<channel>` devices, in order.
        channels, channels_mut => Channel(Channel);
        /// The `<rng>` devices, in order.
        rngs, rngs_mut => Rng(Rng);
        /// The `<tpm>` devices, in order.
        tpms, tpms_mut => Tpm(Tpm);
        /// The `<memballoon>` devices, in order (libvirt allows one).
        memballoons, memballoons_mut => MemBalloon(MemBalloon);
        /// The `<iommu>` devices, in order (libvirt allows one).
        iommus, iommus_mut => Iommu(Iommu);
        /// The `<audio>` backends, in order.
        audios, audios_mut => Audio(Audio);
        /// The `<hostdev>` devices, in order.
        hostdevs, hostdevs_mut => Hostdev(Hostdev);
        /// The `<memory>` devices (DIMMs, NVDIMMs, virtio-mem, …), in order.
        memory_devices, memory_devices_mut => Memory(MemoryDevice);
        /// The `<shmem>` devices, in order.
        shmems, shmems_mut => Shmem(Shmem);
        /// The `<smartcard>` devices, in order.
        smartcards, smartcards_mut => Smartcard(Smartcard);
        /// The `<watchdog>` devices, in order.
        watchdogs, watchdogs_mut => Watchdog(Watchdog);
        /// The `<panic>` devices, in order.
        panics, panics_mut => Panic(Panic);
        /// The `<redirdev>` devices, in order.
        redirdevs, redirdevs_mut => Redirdev(Redirdev);
        /// The `<vsock>` devices, in order (libvirt allows one).
        vsocks, vsocks_mut => Vsock(Vsock);
    }

    /// Device elements this crate does not model, in order.
    pub fn others(&self) -> impl Iterator<Item = &RawElement> + '_ {
        self.devices.iter().filter_map(|d| match d {
            Device::Other(raw) => Some(raw),
            _ => None,
        })
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
        let written = crate::xml::to_string(value, root).expect("serialize");
        assert_eq!(written, xml, "writing {value:?}");
        let read: T = crate::xml::from_str(xml, root).expect("deserialize");
        assert_eq!(&read, value, "reading {xml}");
    }

    /// `xml` reads into a value that writes `xml` back unchanged, with nothing left
    /// unmodelled; returns the value.
    pub(crate) fn assert_modelled<T>(xml: &str, root: &'static str) -> T
    where
        T: Serialize + DeserializeOwned,
    {
        let read: T = crate::xml::from_str(xml, root).expect("deserialize");
        let unmodelled = crate::xml::unmodelled(&read, root);
        assert!(unmodelled.is_empty(), "unmodelled in {xml}: {unmodelled:?}");
        assert_eq!(crate::xml::to_string(&read, root).expect("serialize"), xml);
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
        let devices: Devices = crate::xml::from_str(xml, "devices").unwrap();
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
        assert_eq!(crate::xml::to_string(&devices, "devices").unwrap(), xml);
        let unmodelled = crate::xml::unmodelled(&devices, "devices");
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
            let written = crate::xml::to_string(devices, "devices").unwrap();
            let again: Devices = crate::xml::from_str(&written, "devices").unwrap();
            assert_eq!(&again, devices, "{}", path.display());
        }
    }
}
