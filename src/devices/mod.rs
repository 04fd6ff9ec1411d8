//! `<devices>`: the guest's devices, kept in document order (formatdomain: "Devices").
//!
//! Every device kind libvirt knows is a variant of [`Device`]; kinds this crate does
//! not model yet (`<hostdev>`, `<smartcard>`, `<shmem>`, `<memory>`, `<audio>`,
//! `<vsock>`, …) are kept whole in [`Device::Other`] at their place.

mod address;
mod chardev;
mod common;
mod controller;
mod disk;
mod filesystem;
mod graphics;
mod input;
mod interface;
mod iommu;
mod memballoon;
mod panic;
mod redirdev;
mod rng;
mod sound;
mod tpm;
mod video;
mod watchdog;

use serde::{Deserialize, Serialize};

use crate::xml::{Extra, RawElement};

pub use self::address::{
    Address, BareAddress, CcidAddress, CcwAddress, DimmAddress, DriveAddress, IsaAddress,
    PciAddress, SpaprVioAddress, UnknownAddress, UsbAddress, VirtioSerialAddress, Zpci,
};
pub use self::chardev::{
    Channel, ChannelState, CharLog, CharProtocol, CharProtocolType, CharSource, CharTarget,
    CharTargetModel, CharTargetType, ChardevType, Console, Parallel, Serial,
};
pub use self::common::{
    Acpi, Alias, BackendDomain, Boot, IothreadMapping, IothreadQueue, IothreadQueues, Marker,
    Reconnect, Rom, VirtioDriver, VirtioModel,
};
pub use self::controller::{
    Controller, ControllerDriver, ControllerModel, ControllerModelName, ControllerTarget,
    ControllerType, Pcihole64, UsbMaster,
};
pub use self::disk::{
    DetectZeroes, Disk, DiskBlockIo, DiskBus, DiskCache, DiskDevice, DiskDiscard, DiskDriver,
    DiskErrorPolicy, DiskGeometry, DiskIo, DiskProtocol, DiskSgio, DiskSnapshot, DiskSource,
    DiskSourceHost, DiskTarget, DiskTransient, DiskTray, DiskType, GeometryTrans, StartupPolicy,
    StorageFormat,
};
pub use self::filesystem::{
    Filesystem, FilesystemType, FsAccessMode, FsBinary, FsBinaryLock, FsBinaryMode,
    FsBinaryOpenFiles, FsBinaryThreadPool, FsDriver, FsDriverType, FsMultidevs, FsSource,
    FsSpaceLimit, FsTarget,
};
pub use self::graphics::{
    Clipboard, CompressionPolicy, Graphics, GraphicsAudio, GraphicsGl, GraphicsListen,
    GraphicsType, ImageCompression, ListenType, MouseMode, MouseModeKind, SpiceChannel,
    SpiceCompression, SpiceFileTransfer, SpiceImage, SpicePlayback, SpiceStreaming, StreamingMode,
};
pub use self::input::{Input, InputBus, InputSource, InputType};
pub use self::interface::{
    Interface, InterfaceBackend, InterfaceDriver, InterfaceDriverGuest, InterfaceDriverHost,
    InterfaceGuest, InterfaceIp, InterfaceLink, InterfaceMac, InterfaceModel, InterfaceMtu,
    InterfaceScript, InterfaceSource, InterfaceSourceLocal, InterfaceTarget, InterfaceType,
    LinkState, MacType, NetBackendType, NetModel,
};
pub use self::iommu::{Iommu, IommuDriver, IommuModel};
pub use self::memballoon::{MemBalloon, MemBalloonModel, MemBalloonStats};
pub use self::panic::{Panic, PanicModel};
pub use self::redirdev::{Hub, Redirdev};
pub use self::rng::{Rng, RngBackend, RngBackendModel, RngRate};
pub use self::sound::{Sound, SoundAudio, SoundCodec, SoundCodecType, SoundModel};
pub use self::tpm::{
    Tpm, TpmBackend, TpmBackendType, TpmDevice, TpmEncryption, TpmModel, TpmProfile, TpmSource,
    TpmVersion,
};
pub use self::video::{
    Video, VideoAcceleration, VideoDriver, VideoModel, VideoModelType, VideoResolution,
};
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
    /// `<hub>`: a USB hub.
    #[serde(rename = "hub")]
    Hub(Hub),
    /// `<redirdev>`: a redirected USB device.
    #[serde(rename = "redirdev")]
    Redirdev(Redirdev),
    /// `<rng>`: a random number generator.
    #[serde(rename = "rng")]
    Rng(Rng),
    /// `<tpm>`: a TPM.
    #[serde(rename = "tpm")]
    Tpm(Tpm),
    /// `<watchdog>`: a hardware watchdog.
    #[serde(rename = "watchdog")]
    Watchdog(Watchdog),
    /// `<memballoon>`: the memory balloon.
    #[serde(rename = "memballoon")]
    MemBalloon(MemBalloon),
    /// `<panic>`: a panic notifier.
    #[serde(rename = "panic")]
    Panic(Panic),
    /// `<iommu>`: the guest IOMMU.
    #[serde(rename = "iommu")]
    Iommu(Iommu),
    /// A device element this crate does not model, kept whole.
    #[serde(rename = "$raw")]
    Other(RawElement),
}

impl Device {
    /// The device's element name, e.g. `disk`.
    pub fn element_name(&self) -> &str {
        match self {
            Device::Emulator(_) => "emulator",
            Device::Disk(_) => "disk",
            Device::Controller(_) => "controller",
            Device::Filesystem(_) => "filesystem",
            Device::Interface(_) => "interface",
            Device::Input(_) => "input",
            Device::Sound(_) => "sound",
            Device::Graphics(_) => "graphics",
            Device::Video(_) => "video",
            Device::Console(_) => "console",
            Device::Parallel(_) => "parallel",
            Device::Serial(_) => "serial",
            Device::Channel(_) => "channel",
            Device::Hub(_) => "hub",
            Device::Redirdev(_) => "redirdev",
            Device::Rng(_) => "rng",
            Device::Tpm(_) => "tpm",
            Device::Watchdog(_) => "watchdog",
            Device::MemBalloon(_) => "memballoon",
            Device::Panic(_) => "panic",
            Device::Iommu(_) => "iommu",
            Device::Other(raw) => raw.element.name.local.as_str(),
        }
    }
}

macro_rules! device_from {
    ($($variant:ident),+ $(,)?) => {
        $(
            impl From<$variant> for Device {
                fn from(d: $variant) -> Self {
                    Device::$variant(d)
                }
            }
        )+
    };
}
device_from!(
    Disk, Controller, Filesystem, Interface, Input, Sound, Graphics, Video, Console, Parallel,
    Serial, Channel, Hub, Redirdev, Rng, Tpm, Watchdog, MemBalloon, Panic, Iommu,
);

impl From<RawElement> for Device {
    fn from(raw: RawElement) -> Self {
        Device::Other(raw)
    }
}

macro_rules! device_iters {
    ($($(#[$meta:meta])* $fn:ident, $fn_mut:ident => $variant:ident;)+) => {
        $(
            $(#[$meta])*
            pub fn $fn(&self) -> impl Iterator<Item = &$variant> + '_ {
                self.devices.iter().filter_map(|d| match d {
                    Device::$variant(x) => Some(x),
                    _ => None,
                })
            }

            #[doc = concat!("Mutable access to the devices [`", stringify!($fn), "`](Self::", stringify!($fn), ") returns.")]
            pub fn $fn_mut(&mut self) -> impl Iterator<Item = &mut $variant> + '_ {
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
        disks, disks_mut => Disk;
        /// The `<controller>` devices, in order.
        controllers, controllers_mut => Controller;
        /// The `<filesystem>` devices, in order.
        filesystems, filesystems_mut => Filesystem;
        /// The `<interface>` devices, in order.
        interfaces, interfaces_mut => Interface;
        /// The `<input>` devices, in order.
        inputs, inputs_mut => Input;
        /// The `<sound>` devices, in order.
        sounds, sounds_mut => Sound;
        /// The `<graphics>` devices, in order.
        graphics, graphics_mut => Graphics;
        /// The `<video>` devices, in order.
        videos, videos_mut => Video;
        /// The `<console>` devices, in order.
        consoles, consoles_mut => Console;
        /// The `<serial>` devices, in order.
        serials, serials_mut => Serial;
        /// The `<channel>` devices, in order.
        channels, channels_mut => Channel;
        /// The `<rng>` devices, in order.
        rngs, rngs_mut => Rng;
        /// The `<tpm>` devices, in order.
        tpms, tpms_mut => Tpm;
        /// The `<memballoon>` devices, in order (libvirt allows one).
        memballoons, memballoons_mut => MemBalloon;
        /// The `<iommu>` devices, in order (libvirt allows one).
        iommus, iommus_mut => Iommu;
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
    pub(crate) fn assert_xml<T>(value: &T, root: &str, xml: &str)
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
    pub(crate) fn assert_modelled<T>(xml: &str, root: &str) -> T
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
        let xml = "<devices>\n  <emulator>/usr/bin/qemu-system-x86_64</emulator>\n  <controller type='virtio-serial' index='0'/>\n  <hostdev mode='subsystem' type='usb'>\n    <source>\n      <vendor id='0x1234'/>\n    </source>\n  </hostdev>\n  <sound model='virtio'/>\n  <memballoon model='virtio'/>\n</devices>";
        let devices: Devices = crate::xml::from_str(xml, "devices").unwrap();
        let names: Vec<&str> = devices.devices.iter().map(Device::element_name).collect();
        assert_eq!(
            names,
            ["emulator", "controller", "hostdev", "sound", "memballoon"]
        );
        assert_eq!(devices.emulator(), Some("/usr/bin/qemu-system-x86_64"));
        assert_eq!(devices.others().count(), 1);
        assert_eq!(devices.memballoons().count(), 1);
        assert_eq!(crate::xml::to_string(&devices, "devices").unwrap(), xml);
        let unmodelled = crate::xml::unmodelled(&devices, "devices");
        assert_eq!(unmodelled.len(), 1, "{unmodelled:?}");
        assert_eq!(unmodelled[0].path, "/devices/hostdev");
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
