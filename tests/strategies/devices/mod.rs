//! `<devices>` and every device kind (src/devices/).

mod address;
mod audio;
mod chardev;
mod common;
mod controller;
mod disk;
pub mod disk_parts;
pub mod disk_source;
mod filesystem;
mod graphics;
mod hostdev;
mod interface;
mod more;
mod small;

use libvirt_domain::devices::{Device, Devices};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::strategies::values::text;
use crate::strategies::xml::{extra_beside_values, unknown_raw_element};

/// Every variant of [`Device`], including an unknown device kept raw. (`Device` is
/// `#[non_exhaustive]`, so a new variant is not a compile error here: add it.)
pub fn device() -> BoxedStrategy<Device> {
    prop_oneof![
        text().prop_map(Device::Emulator),
        disk::disk().prop_map(Device::Disk),
        controller::controller().prop_map(Device::Controller),
        filesystem::filesystem().prop_map(Device::Filesystem),
        interface::interface().prop_map(Device::Interface),
        small::input().prop_map(Device::Input),
        small::sound().prop_map(Device::Sound),
        graphics::graphics().prop_map(Device::Graphics),
        graphics::video().prop_map(Device::Video),
        chardev::console().prop_map(Device::Console),
        chardev::parallel().prop_map(Device::Parallel),
        chardev::serial().prop_map(Device::Serial),
        chardev::channel().prop_map(Device::Channel),
        chardev::hub().prop_map(Device::Hub),
        chardev::redirdev().prop_map(Device::Redirdev),
        chardev::rng().prop_map(Device::Rng),
        small::tpm().prop_map(Device::Tpm),
        small::watchdog().prop_map(Device::Watchdog),
        small::memballoon().prop_map(Device::MemBalloon),
        small::panic().prop_map(Device::Panic),
        small::iommu().prop_map(Device::Iommu),
        more::lease().prop_map(Device::Lease),
        audio::audio().prop_map(Device::Audio),
        hostdev::hostdev().prop_map(Device::Hostdev),
        more::smartcard().prop_map(Device::Smartcard),
        more::redirfilter().prop_map(Device::Redirfilter),
        more::shmem().prop_map(Device::Shmem),
        more::memory_device().prop_map(Device::Memory),
        more::crypto().prop_map(Device::Crypto),
        more::nvram().prop_map(Device::Nvram),
        more::vsock().prop_map(Device::Vsock),
        more::pstore().prop_map(Device::Pstore),
        // An unknown element name: a known one would be read as that device.
        unknown_raw_element().prop_map(Device::Other),
    ]
    .boxed()
}

/// `<devices>`: up to 6 devices in any order.
pub fn devices() -> BoxedStrategy<Devices> {
    structure!(Devices {
        devices: vec(device(), 0..=6),
        extra: extra_beside_values(),
    })
}
