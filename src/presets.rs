//! Presets: Phyllome OS's own domain definitions, selectable by guest kind
//! ([`Preset`]) and libvirt connection ([`Mode`]).
//!
//! Each preset reproduces Phyllome's files in `shared/reference/phyllome/domains/`:
//!
//! - [`Preset::Linux`] follows `session_linux515.xml` and `system_linux515.xml`
//!   (guests with Linux 5.15 or later): host-model CPU with a topology, ACPI and APIC,
//!   `kvmclock`, virtio network, console, guest agent channel, keyboard and pointer,
//!   TPM 2.0 emulator, SPICE with OpenGL, virtio video with 3D, virtio RNG, virtio
//!   sound, a read-only virtiofs share and a virtio IOMMU. Secure Boot is off.
//! - [`Preset::Windows`] follows `system_windows10.xml` and `system_windows11.xml`:
//!   the same base plus the Hyper-V enlightenments, a hidden KVM signature, a
//!   `localtime` clock with the Hyper-V clock, no balloon (`currentMemory` equals
//!   `memory`), no 3D, no sound device and no IOMMU. Secure Boot is on, as in the
//!   Windows 11 file (Windows 11 requires it, Windows 10 boots with it too); turn it
//!   off with `DomainBuilder::secure_boot(false)` to get the Windows 10 file.
//!
//! [`Mode::Session`] (rootless `qemu:///session`) and [`Mode::System`]
//! (`qemu:///system`) differ as Phyllome's two linux515 files do: a session guest has
//! user networking through passt instead of the `default` libvirt network (which a
//! session cannot use), a virtio mouse instead of a tablet, suspend to RAM allowed,
//! the non-transitional virtio models for the virtio-serial controller, the
//! balloon and the RNG, and no SPICE agent channel. Phyllome has no session Windows
//! file; the Windows session preset applies the same differences to the Windows base.
//!
//! Suspend to disk is off in every preset, although Phyllome's session files allow
//! it: with `<suspend-to-disk enabled='yes'/>` libvirt's QEMU driver looks for a
//! firmware that declares the `acpi-s4` feature, OVMF's descriptors do not, and the
//! domain is refused ("Unable to find 'efi' firmware that is compatible with the
//! current configuration").
//!
//! Two more things are left out of every preset on purpose. Phyllome's files boot a
//! netboot.xyz ISO from a SATA CD-ROM; a preset has a CD-ROM only when one is asked
//! for (`DomainBuilder::cdrom`), and its boot order is then hard disk first, CD-ROM
//! second (see `DomainBuilder::boot`). Phyllome's session file also writes
//! `<model type='virtio-non-transitional'/>` inside the virtio-serial controller, which
//! libvirt ignores and its schema rejects; the preset writes the `model` attribute
//! libvirt reads instead.

use std::fmt;
use std::str::FromStr;

use crate::clock::{Clock, ClockOffset, Timer, TimerName};
use crate::cpu::{Cpu, VcpuPlacement};
use crate::defaults::{
    DEFAULT_NETWORK, PRESET_GUEST_AGENT_CHANNEL, PRESET_RNG_SOURCE, PRESET_SPICE_CHANNEL,
    PRESET_THREADS_PER_CORE, PRESET_VCPUS,
};
use crate::devices::{
    Address, Channel, CharTarget, CharTargetType, ChardevType, Console, Controller,
    ControllerModel, ControllerType, Device, Filesystem, Graphics, GraphicsGl, GraphicsListen,
    GraphicsType, ImageCompression, Input, InputType, Iommu, IommuModel, Marker, MemBalloon,
    MemBalloonModel, Rng, Sound, SoundModel, SpiceImage, Tpm, TpmBackend, TpmBackendType, TpmModel,
    TpmVersion, Video, VideoAcceleration, VideoModel, VideoModelType, VirtioModel,
    VirtioSerialAddress,
};
use crate::domain::Domain;
use crate::error::Error;
use crate::events::{CrashAction, LifecycleAction, Pm};
use crate::features::{FeatureState, Features, Hyperv, Kvm};
use crate::values::{Uint, YesNo};

/// A Phyllome OS domain definition to start from (see the [module docs](self)).
///
/// Parses from and displays as `linux` and `windows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Preset {
    /// Linux guests with kernel 5.15 or later (Phyllome's `*_linux515.xml`).
    Linux,
    /// Windows 10 and 11 guests (Phyllome's `system_windows10.xml` and
    /// `system_windows11.xml`), Secure Boot on.
    Windows,
}

impl Preset {
    /// Every preset, in the order the documentation lists them.
    pub const ALL: &'static [Preset] = &[Preset::Linux, Preset::Windows];

    /// The preset's name, as parsed and displayed.
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Linux => "linux",
            Preset::Windows => "windows",
        }
    }

    /// Whether the preset turns UEFI Secure Boot on unless told otherwise.
    pub fn secure_boot(self) -> bool {
        matches!(self, Preset::Windows)
    }

    /// Phyllome's `<description>` for this preset, mode and Secure Boot state.
    pub(crate) fn description(self, mode: Mode, secure_boot: bool) -> String {
        let host = match mode {
            Mode::Session => "Rootless QEMU",
            Mode::System => "QEMU",
        };
        let guests = match self {
            Preset::Linux => "Linux guests running at least kernel 5.15",
            Preset::Windows => "Windows NT 10 guests such as Windows 10 and Windows 11",
        };
        let state = if secure_boot { "enabled" } else { "disabled" };
        format!("{host} virtual machine model optimized for {guests}. Secure boot is {state}")
    }

    /// The preset's domain for `mode`, without name, memory sizes, disks or boot order
    /// (the builder adds those). Devices are in libvirt's canonical order.
    pub(crate) fn domain(self, mode: Mode) -> Domain {
        let windows = self == Preset::Windows;
        let session = mode == Mode::Session;
        let mut domain = crate::defaults::plain_domain();
        domain.vcpu = Some(crate::cpu::Vcpu {
            placement: Some(VcpuPlacement::Static),
            count: PRESET_VCPUS,
            ..Default::default()
        });
        domain.features = Some(Box::new(if windows {
            Features {
                hyperv: Some(Hyperv::phyllome_windows()),
                kvm: Some(Kvm {
                    hidden: Some(FeatureState::on()),
                    ..Default::default()
                }),
                ..Features::acpi_apic()
            }
        } else {
            Features::acpi_apic()
        }));
        domain.cpu = Some(Cpu::host_model(
            PRESET_VCPUS / PRESET_THREADS_PER_CORE,
            PRESET_THREADS_PER_CORE,
        ));
        domain.clock = Some(if windows {
            Clock::with_timer(
                ClockOffset::Localtime,
                Timer {
                    present: Some(YesNo::Yes),
                    ..Timer::new(TimerName::Hypervclock)
                },
            )
        } else {
            Clock::with_timer(ClockOffset::Utc, Timer::new(TimerName::Kvmclock))
        });
        domain.on_poweroff = Some(LifecycleAction::Destroy);
        domain.on_reboot = Some(LifecycleAction::Restart);
        domain.on_crash = Some(CrashAction::Destroy);
        // Suspend to RAM as Phyllome's files have it; suspend to disk always off:
        // with it on, libvirt's QEMU driver wants a firmware that declares `acpi-s4`,
        // which OVMF's descriptors do not, and refuses the domain (docs/presets.md).
        domain.pm = Some(Pm::new(session, false));
        domain.devices = Some(crate::devices::Devices::new(self.devices(mode)));
        domain
    }

    /// The preset's devices for `mode`, in libvirt's canonical order.
    fn devices(self, mode: Mode) -> Vec<Device> {
        let windows = self == Preset::Windows;
        let session = mode == Mode::Session;
        let virtio = if session {
            VirtioModel::VirtioNonTransitional
        } else {
            VirtioModel::Virtio
        };
        let mut devices = vec![Device::Emulator(crate::defaults::DEFAULT_EMULATOR.into())];

        let mut serial = Controller::new(ControllerType::VirtioSerial, 0);
        if session {
            serial.model = Some(ControllerModel::VirtioNonTransitional);
        }
        devices.push(serial.into());

        let (dir, tag, readonly) = self.share(mode);
        let mut share = Filesystem::virtiofs(dir, tag);
        if readonly {
            share.readonly = Some(Marker::default());
        }
        devices.push(share.into());

        devices.push(self.nic(mode).interface().into());

        let mut console = Console::new(ChardevType::Pty);
        console.target = Some(CharTarget {
            kind: Some(CharTargetType::Virtio),
            port: Some(0),
            ..Default::default()
        });
        devices.push(console.into());
        if !session {
            devices.push(virtio_channel(ChardevType::Spicevmc, PRESET_SPICE_CHANNEL, 1).into());
        }
        devices.push(virtio_channel(ChardevType::Unix, PRESET_GUEST_AGENT_CHANNEL, 2).into());

        devices.push(crate::defaults::keyboard().into());
        let pointer = if session {
            InputType::Mouse
        } else {
            InputType::Tablet
        };
        devices.push(Input::new(pointer, crate::devices::InputBus::Virtio).into());

        devices.push(
            Tpm {
                model: Some(TpmModel::TpmCrb),
                backend: Some(TpmBackend {
                    kind: Some(TpmBackendType::Emulator),
                    version: Some(TpmVersion::V2_0),
                    ..Default::default()
                }),
                ..Default::default()
            }
            .into(),
        );
        // OpenGL and 3D are on for Linux (virgl), off for Windows, which has no virgl
        // driver.
        let accel = YesNo::from(!windows);
        devices.push(
            Graphics {
                listens: vec![GraphicsListen::new(crate::devices::ListenType::None)],
                image: Some(SpiceImage {
                    compression: Some(ImageCompression::Off),
                    ..Default::default()
                }),
                gl: Some(GraphicsGl {
                    enable: Some(accel),
                    ..Default::default()
                }),
                ..Graphics::new(GraphicsType::Spice)
            }
            .into(),
        );
        if !windows {
            devices.push(Sound::new(SoundModel::Virtio).into());
        }
        devices.push(
            Video {
                model: Some(VideoModel {
                    kind: Some(VideoModelType::Virtio),
                    heads: Some(1),
                    primary: Some(YesNo::Yes),
                    acceleration: Some(VideoAcceleration {
                        accel3d: Some(accel),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }
            .into(),
        );
        let balloon = match (windows, session) {
            // Phyllome's Windows guests run without a balloon (no virtio-win balloon
            // driver is assumed), so they get all their memory at boot.
            (true, _) => MemBalloonModel::None,
            (false, true) => MemBalloonModel::VirtioNonTransitional,
            (false, false) => MemBalloonModel::Virtio,
        };
        devices.push(MemBalloon::new(balloon).into());
        devices.push(Rng::random(virtio, PRESET_RNG_SOURCE).into());
        if !windows {
            devices.push(Iommu::new(IommuModel::Virtio).into());
        }
        devices
    }

    /// The preset's virtiofs share: host directory, mount tag, read-only.
    fn share(self, mode: Mode) -> (&'static str, &'static str, bool) {
        match (self, mode) {
            (Preset::Linux, Mode::Session) => ("/mnt", "mnt", true),
            (Preset::Linux, Mode::System) => ("/var/lib/libvirt/isos/", "isos", true),
            (Preset::Windows, _) => ("/mnt/", "share", false),
        }
    }

    /// The preset's network: user networking with passt in a session (which cannot
    /// use libvirt's networks), libvirt's `default` NAT network on the system.
    pub(crate) fn nic(self, mode: Mode) -> crate::builder::NetworkSource {
        match mode {
            Mode::Session => crate::builder::NetworkSource::User,
            Mode::System => crate::builder::NetworkSource::Network(DEFAULT_NETWORK.into()),
        }
    }
}

/// A `<channel>` on virtio-serial controller 0, bus 0, `port`, named `name`.
fn virtio_channel(kind: ChardevType, name: &str, port: u32) -> Channel {
    let mut channel = Channel::new(kind);
    channel.target = Some(CharTarget {
        kind: Some(CharTargetType::Virtio),
        name: Some(name.into()),
        ..Default::default()
    });
    channel.address = Some(Address::VirtioSerial(VirtioSerialAddress {
        controller: Some(Uint::from(0u32)),
        bus: Some(Uint::from(0u32)),
        port: Some(Uint::from(port)),
        ..Default::default()
    }));
    channel
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Preset {
    type Err = Error;
    fn from_str(s: &str) -> Result<Preset, Error> {
        Preset::ALL
            .iter()
            .copied()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                Error::value(format!(
                    "unknown preset {s:?}; expected \"linux\" or \"windows\""
                ))
            })
    }
}

/// Which libvirt connection the domain is for: Phyllome's session and system files
/// differ (see the [module docs](self)). Only presets use it.
///
/// Parses from and displays as `session` and `system`; the default is
/// [`Mode::System`], as five of Phyllome's six files are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// `qemu:///session`: a rootless libvirt run by the user.
    Session,
    /// `qemu:///system`: the system-wide libvirt daemon.
    #[default]
    System,
}

impl Mode {
    /// The mode's name, as parsed and displayed.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Session => "session",
            Mode::System => "system",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Mode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Mode, Error> {
        match s {
            "session" => Ok(Mode::Session),
            "system" => Ok(Mode::System),
            _ => Err(Error::value(format!(
                "unknown mode {s:?}; expected \"session\" or \"system\""
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_display() {
        for preset in Preset::ALL {
            assert_eq!(preset.to_string().parse::<Preset>().unwrap(), *preset);
        }
        for mode in [Mode::Session, Mode::System] {
            assert_eq!(mode.to_string().parse::<Mode>().unwrap(), mode);
        }
        let err = "Linux".parse::<Preset>().unwrap_err().to_string();
        assert!(err.contains("expected \"linux\" or \"windows\""), "{err}");
        assert!("root".parse::<Mode>().is_err());
        assert_eq!(Mode::default(), Mode::System);
    }

    #[test]
    fn descriptions_follow_phyllome() {
        assert_eq!(
            Preset::Linux.description(Mode::Session, false),
            "Rootless QEMU virtual machine model optimized for Linux guests running at \
             least kernel 5.15. Secure boot is disabled"
        );
        assert!(Preset::Windows
            .description(Mode::System, true)
            .ends_with("Secure boot is enabled"));
    }

    #[test]
    fn session_and_system_differ_where_phyllome_does() {
        let session = Preset::Linux.domain(Mode::Session);
        let system = Preset::Linux.domain(Mode::System);
        let (s, y) = (session.devices.unwrap(), system.devices.unwrap());
        assert_eq!(s.channels().count(), 1);
        assert_eq!(y.channels().count(), 2);
        assert_eq!(s.inputs().nth(1).unwrap().kind, Some(InputType::Mouse));
        assert_eq!(y.inputs().nth(1).unwrap().kind, Some(InputType::Tablet));
        assert_eq!(session.pm, Some(Pm::new(true, false)));
        assert_eq!(system.pm, Some(Pm::both(false)));
    }
}
