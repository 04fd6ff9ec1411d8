//! `<devices>` and every device kind (src/devices/).

mod address;
mod audio;
mod chardev;
pub mod common;
mod controller;
pub mod disk;
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
use proptest::strategy::Union;

use crate::strategies::values::text;
use crate::strategies::xml::{extra_beside_values, unknown_raw_element};

/// Every variant of [`Device`], including an unknown device kept raw. (`Device` is
/// `#[non_exhaustive]`, so a new variant is not a compile error here: add it to
/// [`device_kinds`].)
pub fn device() -> BoxedStrategy<Device> {
    Union::new(device_kinds().into_iter().map(|(_, kind)| kind)).boxed()
}

/// One strategy per variant of [`Device`], named by its element.
pub fn device_kinds() -> Vec<(&'static str, BoxedStrategy<Device>)> {
    vec![
        ("emulator", text().prop_map(Device::Emulator).boxed()),
        ("disk", disk::disk().prop_map(Device::Disk).boxed()),
        (
            "controller",
            controller::controller()
                .prop_map(Device::Controller)
                .boxed(),
        ),
        (
            "filesystem",
            filesystem::filesystem()
                .prop_map(Device::Filesystem)
                .boxed(),
        ),
        (
            "interface",
            interface::interface().prop_map(Device::Interface).boxed(),
        ),
        ("input", small::input().prop_map(Device::Input).boxed()),
        ("sound", small::sound().prop_map(Device::Sound).boxed()),
        (
            "graphics",
            graphics::graphics().prop_map(Device::Graphics).boxed(),
        ),
        ("video", graphics::video().prop_map(Device::Video).boxed()),
        (
            "console",
            chardev::console().prop_map(Device::Console).boxed(),
        ),
        (
            "parallel",
            chardev::parallel().prop_map(Device::Parallel).boxed(),
        ),
        ("serial", chardev::serial().prop_map(Device::Serial).boxed()),
        (
            "channel",
            chardev::channel().prop_map(Device::Channel).boxed(),
        ),
        ("hub", chardev::hub().prop_map(Device::Hub).boxed()),
        (
            "redirdev",
            chardev::redirdev().prop_map(Device::Redirdev).boxed(),
        ),
        ("rng", chardev::rng().prop_map(Device::Rng).boxed()),
        ("tpm", small::tpm().prop_map(Device::Tpm).boxed()),
        (
            "watchdog",
            small::watchdog().prop_map(Device::Watchdog).boxed(),
        ),
        (
            "memballoon",
            small::memballoon().prop_map(Device::MemBalloon).boxed(),
        ),
        ("panic", small::panic().prop_map(Device::Panic).boxed()),
        ("iommu", small::iommu().prop_map(Device::Iommu).boxed()),
        ("lease", more::lease().prop_map(Device::Lease).boxed()),
        ("audio", audio::audio().prop_map(Device::Audio).boxed()),
        (
            "hostdev",
            hostdev::hostdev().prop_map(Device::Hostdev).boxed(),
        ),
        (
            "smartcard",
            more::smartcard().prop_map(Device::Smartcard).boxed(),
        ),
        (
            "redirfilter",
            more::redirfilter().prop_map(Device::Redirfilter).boxed(),
        ),
        ("shmem", more::shmem().prop_map(Device::Shmem).boxed()),
        (
            "memory",
            more::memory_device().prop_map(Device::Memory).boxed(),
        ),
        ("crypto", more::crypto().prop_map(Device::Crypto).boxed()),
        ("nvram", more::nvram().prop_map(Device::Nvram).boxed()),
        ("vsock", more::vsock().prop_map(Device::Vsock).boxed()),
        ("pstore", more::pstore().prop_map(Device::Pstore).boxed()),
        // An unknown element name: a known one would be read as that device.
        (
            "(unknown)",
            unknown_raw_element().prop_map(Device::Other).boxed(),
        ),
    ]
}

/// `<devices>`: up to 6 devices in any order.
pub fn devices() -> BoxedStrategy<Devices> {
    structure!(Devices {
        devices: vec(device(), 0..=6),
        extra: extra_beside_values(),
    })
}
