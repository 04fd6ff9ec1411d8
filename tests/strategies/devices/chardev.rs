//! Character devices and the devices built on their `<source>`: `<serial>`,
//! `<parallel>`, `<console>`, `<channel>`, `<redirdev>`, `<rng>`, and `<hub>`
//! (src/devices/chardev.rs, redirdev.rs, rng.rs).

use libvirt_domain::devices::{
    Channel, ChannelState, CharLog, CharProtocol, CharProtocolType, CharSource, CharTarget,
    CharTargetModel, CharTargetType, ChardevType, Console, Hub, Parallel, Redirdev, Rng,
    RngBackend, RngBackendModel, RngRate, Serial,
};
use proptest::prelude::*;

use super::address::address;
use super::common::{acpi, alias, boot, reconnect, virtio_driver, virtio_model};
use super::graphics::{clipboard, mouse_mode};
use crate::strategies::values::{on_off, text, yes_no};
use crate::strategies::xml::{extra, extra_beside_text, has_elements, optional_text_survives};
use crate::strategies::{list, opt};

fn chardev_type() -> BoxedStrategy<ChardevType> {
    value_enum!(ChardevType)
}

/// `<source>` of a character device.
pub fn source() -> BoxedStrategy<CharSource> {
    structure!(CharSource {
        mode: opt(text()),
        path: opt(text()),
        host: opt(text()),
        service: opt(text()),
        channel: opt(text()),
        master: opt(text()),
        slave: opt(text()),
        append: opt(on_off()),
        tls: opt(yes_no()),
        reconnect: opt(reconnect()),
        seclabels: list(super::disk_parts::device_seclabel()),
        clipboard: opt(clipboard()),
        mouse: opt(mouse_mode()),
        extra: extra(),
    })
}

/// `<protocol>` of a character device.
pub fn protocol() -> BoxedStrategy<CharProtocol> {
    structure!(CharProtocol {
        kind: opt(value_enum!(CharProtocolType)),
        extra: extra(),
    })
}

/// `<log>` of a character device.
pub fn log() -> BoxedStrategy<CharLog> {
    structure!(CharLog {
        file: opt(text()),
        append: opt(on_off()),
        extra: extra(),
    })
}

/// `<target>` of a character device.
pub fn target() -> BoxedStrategy<CharTarget> {
    structure!(CharTarget {
        kind: opt(value_enum!(CharTargetType)),
        name: opt(text()),
        state: opt(value_enum!(ChannelState)),
        address: opt(text()),
        port: opt(any::<u32>()),
        model: opt(structure!(CharTargetModel {
            name: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// A strategy for one of the four character device structs, which have the same fields.
macro_rules! chardev {
    ($name:ident, $ty:ident) => {
        #[doc = concat!("`<", stringify!($name), ">`.")]
        pub fn $name() -> BoxedStrategy<$ty> {
            structure!($ty {
                kind: opt(chardev_type()),
                tty: opt(text()),
                sources: list(source()),
                protocol: opt(protocol()),
                log: opt(log()),
                target: opt(target()),
                alias: opt(alias()),
                acpi: opt(acpi()),
                address: opt(address()),
                extra: extra(),
            })
        }
    };
}

chardev!(serial, Serial);
chardev!(parallel, Parallel);
chardev!(console, Console);
chardev!(channel, Channel);

/// `<hub>`.
pub fn hub() -> BoxedStrategy<Hub> {
    structure!(Hub {
        kind: opt(text()),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<redirdev>`.
pub fn redirdev() -> BoxedStrategy<Redirdev> {
    structure!(Redirdev {
        bus: opt(text()),
        kind: opt(chardev_type()),
        sources: list(source()),
        protocol: opt(protocol()),
        boot: opt(boot()),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

fn rng_backend() -> BoxedStrategy<RngBackend> {
    structure!(RngBackend {
        model: opt(value_enum!(RngBackendModel)),
        kind: opt(chardev_type()),
        sources: list(source()),
        protocol: opt(protocol()),
        path: opt(text()),
        extra: extra_beside_text(),
    })
    .prop_filter("path lost as text", |b| {
        let elements = !b.sources.is_empty() || b.protocol.is_some() || has_elements(&b.extra);
        optional_text_survives(&b.path, elements)
    })
    .boxed()
}

/// `<rng>`.
pub fn rng() -> BoxedStrategy<Rng> {
    structure!(Rng {
        model: opt(virtio_model()),
        rate: opt(structure!(RngRate {
            bytes: opt(any::<u32>()),
            period: opt(any::<u32>()),
            extra: extra(),
        })),
        backend: opt(rng_backend()),
        driver: opt(virtio_driver()),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}
