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
        ("disk", disk::disk().prop_map(Device::from).boxed()),
        (
            "controller",
            controller::controller().prop_map(Device::from).boxed(),
        ),
        (
            "filesystem",
            filesystem::filesystem().prop_map(Device::from).boxed(),
        ),
        (
            "interface",
            interface::interface().prop_map(Device::from).boxed(),
        ),
        ("input", small::input().prop_map(Device::from).boxed()),
        ("sound", small::sound().prop_map(Device::from).boxed()),
        (
            "graphics",
            graphics::graphics().prop_map(Device::from).boxed(),
        ),
        ("video", graphics::video().prop_map(Device::from).boxed()),
        ("console", chardev::console().prop_map(Device::from).boxed()),
        (
            "parallel",
            chardev::parallel().prop_map(Device::from).boxed(),
        ),
        ("serial", chardev::serial().prop_map(Device::from).boxed()),
        ("channel", chardev::channel().prop_map(Device::from).boxed()),
        ("hub", chardev::hub().prop_map(Device::from).boxed()),
        (
            "redirdev",
            chardev::redirdev().prop_map(Device::from).boxed(),
        ),
        ("rng", chardev::rng().prop_map(Device::from).boxed()),
        ("tpm", small::tpm().prop_map(Device::from).boxed()),
        ("watchdog", small::watchdog().prop_map(Device::from).boxed()),
        (
            "memballoon",
            small::memballoon().prop_map(Device::from).boxed(),
        ),
        ("panic", small::panic().prop_map(Device::from).boxed()),
        ("iommu", small::iommu().prop_map(Device::from).boxed()),
        ("lease", more::lease().prop_map(Device::from).boxed()),
        ("audio", audio::audio().prop_map(Device::from).boxed()),
        ("hostdev", hostdev::hostdev().prop_map(Device::from).boxed()),
        (
            "smartcard",
            more::smartcard().prop_map(Device::from).boxed(),
        ),
        (
            "redirfilter",
            more::redirfilter().prop_map(Device::from).boxed(),
        ),
        ("shmem", more::shmem().prop_map(Device::from).boxed()),
        (
            "memory",
            more::memory_device().prop_map(Device::from).boxed(),
        ),
        ("crypto", more::crypto().prop_map(Device::from).boxed()),
        ("nvram", more::nvram().prop_map(Device::from).boxed()),
        ("vsock", more::vsock().prop_map(Device::from).boxed()),
        ("pstore", more::pstore().prop_map(Device::from).boxed()),
        // An unknown element name: a known one would be read as that device.
        (
            "(unknown)",
            unknown_raw_element().prop_map(Device::from).boxed(),
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
