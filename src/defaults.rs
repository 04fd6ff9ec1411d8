//! Phyllome OS's defaults, each a named constant with the reason it was chosen.
//!
//! A plain [`DomainBuilder`](crate::builder::DomainBuilder) build (no preset) writes
//! the defaults of Phyllome's machine definition page: a KVM domain with 4 GiB of
//! memory of which 1 GiB is given at boot and the rest through a virtio balloon,
//! shared `memfd` memory, one statically placed vCPU, UEFI firmware on an `x86_64`
//! `q35` machine, the `x86_64` QEMU emulator and a virtio keyboard. It also writes
//! `<features><acpi/><apic/></features>`, which the seed page's "Hypervisor features"
//! section lists for every guest: libvirt's QEMU driver refuses UEFI on x86 without
//! ACPI ("UEFI requires ACPI on this architecture"), so the seed's `<os firmware='efi'>`
//! needs it.
//!
//! The presets ([`Preset`](crate::presets::Preset)) start from Phyllome's complete
//! domain files instead; the constants below that begin with `PRESET_` are theirs.
//! `docs/presets.md` explains every default at more length.

use bytesize::ByteSize;

use crate::cpu::Vcpu;
use crate::cpu::VcpuPlacement;
use crate::devices::{Device, Devices, Input, InputType, MemBalloon};
use crate::devices::{DiskBus, InputBus, MemBalloonModel, NetModel};
use crate::domain::Domain;
use crate::domain::DomainType;
use crate::features::Features;
use crate::memory::{CurrentMemory, Memory, MemoryAccess, MemoryBacking, MemorySource};
use crate::memory::{MemoryAccessMode, MemorySourceType};
use crate::os::OsFirmware;
use crate::os::{Os, OsType};

/// `<domain type='kvm'>`: Phyllome OS runs guests with hardware-assisted
/// virtualization (KVM) only; TCG emulation is far slower.
pub const DEFAULT_DOMAIN_TYPE: DomainType = DomainType::Kvm;

/// `<memory>` 4 GiB: enough for a desktop guest to grow into, while the balloon
/// returns to the host what the guest does not use.
pub const DEFAULT_MEMORY: ByteSize = ByteSize::gib(4);

/// `<currentMemory>` 1 GiB: what the guest gets at boot, the rest of
/// [`DEFAULT_MEMORY`] comes through the balloon when needed. When a smaller
/// `<memory>` is asked for, the current memory follows it down.
pub const DEFAULT_CURRENT_MEMORY: ByteSize = ByteSize::gib(1);

/// `<memballoon model='virtio-non-transitional'/>`: the balloon that lets the guest
/// give memory back; non-transitional (virtio 1.0 only) because every guest Phyllome
/// targets has modern virtio drivers, and it needs no legacy I/O ports on PCIe.
pub const DEFAULT_MEMBALLOON_MODEL: MemBalloonModel = MemBalloonModel::VirtioNonTransitional;

/// `<memoryBacking><source type='memfd'/>`: anonymous file-backed memory, which can
/// be shared with other processes without huge pages.
pub const DEFAULT_MEMORY_SOURCE: MemorySourceType = MemorySourceType::Memfd;

/// `<memoryBacking><access mode='shared'/>`: shared guest memory, which virtiofs
/// (the `virtiofsd` process maps guest memory) requires.
pub const DEFAULT_MEMORY_ACCESS: MemoryAccessMode = MemoryAccessMode::Shared;

/// `<vcpu placement='static'>`: vCPUs may run on any host CPU, without numad.
pub const DEFAULT_VCPU_PLACEMENT: VcpuPlacement = VcpuPlacement::Static;

/// One vCPU unless set: the seed page's minimal machine; the presets use
/// [`PRESET_VCPUS`].
pub const DEFAULT_VCPUS: u32 = 1;

/// `<os firmware='efi'>`: modern guests expect UEFI (and Secure Boot, PCI Express);
/// libvirt picks the firmware image and NVRAM template itself.
pub const DEFAULT_FIRMWARE: OsFirmware = OsFirmware::Efi;

/// `<type arch='x86_64'>`: Phyllome OS runs on and for x86-64 hosts.
pub const DEFAULT_ARCH: &str = "x86_64";

/// `<type machine='q35'>`: the modern Intel chipset with PCI Express, which UEFI and
/// Secure Boot need; libvirt expands it to the newest versioned `pc-q35-*`.
pub const DEFAULT_MACHINE: &str = "q35";

/// `<emulator>`: the QEMU binary for [`DEFAULT_ARCH`] guests at its usual path.
pub const DEFAULT_EMULATOR: &str = "/usr/bin/qemu-system-x86_64";

/// `<input type='keyboard' bus='virtio'>`: a paravirtualized keyboard, cheaper than
/// an emulated PS/2 or USB one.
pub const DEFAULT_KEYBOARD_BUS: InputBus = InputBus::Virtio;

/// Bus of disks added with `disk`: virtio-blk, the fastest for guests with virtio
/// drivers; targets are named `vda`, `vdb`, …
pub const DEFAULT_DISK_BUS: DiskBus = DiskBus::Virtio;

/// Bus of CD-ROMs added with `cdrom`: SATA, as in Phyllome's files, since virtio-blk
/// cannot be a CD-ROM and every firmware and installer can boot from SATA; targets
/// are named `sda`, `sdb`, …
pub const DEFAULT_CDROM_BUS: DiskBus = DiskBus::Sata;

/// NIC model of interfaces added with `network`: virtio-net, as in Phyllome's files.
pub const DEFAULT_NIC_MODEL: NetModel = NetModel::Virtio;

/// The libvirt network that `"default"` names: the NAT network libvirt creates on
/// installation, which Phyllome's system files use.
pub const DEFAULT_NETWORK: &str = "default";

/// vCPUs of a preset: Phyllome's files give 4 (`<vcpu placement='static'>4`).
pub const PRESET_VCPUS: u32 = 4;

/// Threads per core in a preset's topology: Phyllome's files use one socket, one die,
/// 2 cores of 2 threads; a different even vCPU count keeps 2 threads per core, an odd
/// one uses 1.
pub const PRESET_THREADS_PER_CORE: u32 = 2;

/// `<rng>` backend of the presets: the host's non-blocking random source.
pub const PRESET_RNG_SOURCE: &str = "/dev/urandom";

/// Name of the guest agent channel in the presets, where `qemu-guest-agent` listens.
pub const PRESET_GUEST_AGENT_CHANNEL: &str = "org.qemu.guest_agent.0";

/// Name of the SPICE agent channel in the system presets (clipboard, resolution).
pub const PRESET_SPICE_CHANNEL: &str = "com.redhat.spice.0";

/// The plain build's domain, without a name: the seed page's defaults (see
/// this module).
pub(crate) fn plain_domain() -> Domain {
    Domain {
        kind: DEFAULT_DOMAIN_TYPE,
        memory: Some(Memory::from(DEFAULT_MEMORY)),
        current_memory: Some(CurrentMemory::from(DEFAULT_CURRENT_MEMORY)),
        memory_backing: Some(MemoryBacking {
            source: Some(MemorySource {
                kind: Some(DEFAULT_MEMORY_SOURCE),
                ..Default::default()
            }),
            access: Some(MemoryAccess {
                mode: Some(DEFAULT_MEMORY_ACCESS),
                ..Default::default()
            }),
            ..Default::default()
        }),
        vcpu: Some(Vcpu {
            placement: Some(DEFAULT_VCPU_PLACEMENT),
            count: DEFAULT_VCPUS,
            ..Default::default()
        }),
        os: Some(Os {
            firmware: Some(DEFAULT_FIRMWARE),
            kind: Some(OsType::hvm(DEFAULT_ARCH, DEFAULT_MACHINE)),
            ..Default::default()
        }),
        features: Some(Box::new(Features::acpi_apic())),
        devices: Some(Devices::new([
            Device::Emulator(DEFAULT_EMULATOR.into()),
            keyboard().into(),
            MemBalloon::new(DEFAULT_MEMBALLOON_MODEL).into(),
        ])),
        ..Default::default()
    }
}

/// Phyllome's keyboard: `<input type='keyboard' bus='virtio'/>`.
pub(crate) fn keyboard() -> Input {
    Input::new(InputType::Keyboard, DEFAULT_KEYBOARD_BUS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_the_seed_pages() {
        assert_eq!(DEFAULT_MEMORY.as_u64(), 4 << 30);
        assert_eq!(DEFAULT_CURRENT_MEMORY.as_u64(), 1 << 30);
        assert!(DEFAULT_CURRENT_MEMORY <= DEFAULT_MEMORY);
        assert_eq!(DEFAULT_MEMBALLOON_MODEL.as_str(), "virtio-non-transitional");
        assert_eq!(DEFAULT_FIRMWARE.as_str(), "efi");
    }
}
