//! Character devices and the devices built on their `<source>`: `<serial>`,
//! `<parallel>`, `<console>`, `<channel>`, `<redirdev>`, `<rng>`, and `<hub>`
//! (src/devices/chardev.rs, redirdev.rs, rng.rs).

use std::fmt;

use libvirt_domain::devices::{
    Channel, ChannelState, CharLog, CharProtocol, CharProtocolType, CharSource, CharSourceChannel,
    CharSourceFile, CharSourceMode, CharSourceNmdm, CharSourcePath, CharSourceQemuVdagent,
    CharSourceTcp, CharSourceUdp, CharSourceUnix, CharTarget, CharTargetModel, CharTargetModelName,
    CharTargetType, ChardevType, Console, Hub, HubType, OtherSource, Parallel, Redirdev,
    RedirdevBus, Rng, RngBackend, RngBackendModel, RngRate, Serial,
};
use proptest::prelude::*;

use super::address::address;
use super::common::{acpi, alias, boot, reconnect, virtio_driver, virtio_model};
use super::graphics::{clipboard, mouse_mode};
use crate::strategies::values::{on_off, text, yes_no};
use crate::strategies::xml::{extra, extra_beside_text, has_elements, optional_text_survives};
use crate::strategies::{list, opt};

/// `<source>` of a `pty`, `dev` or `pipe` device.
fn path_source() -> BoxedStrategy<CharSourcePath> {
    structure!(CharSourcePath {
        path: opt(text()),
        seclabels: list(super::disk_parts::device_seclabel()),
        extra: extra(),
    })
}

/// `<source>` of a `spiceport` or `dbus` device.
fn channel_source() -> BoxedStrategy<CharSourceChannel> {
    structure!(CharSourceChannel {
        channel: opt(text()),
        extra: extra(),
    })
}

fn source_mode() -> BoxedStrategy<CharSourceMode> {
    value_enum!(CharSourceMode)
}

/// The `type` of a device and its `<source>` list, in agreement: sources of one
/// variant under its own type (`pty` also under no type, libvirt's default), or
/// fallback sources under a type without a variant (`null`, …, or unknown).
pub fn backend() -> BoxedStrategy<(Option<ChardevType>, Vec<CharSource>)> {
    fn under<S>(
        kind: ChardevType,
        source: S,
    ) -> BoxedStrategy<(Option<ChardevType>, Vec<CharSource>)>
    where
        S: Strategy<Value = CharSource> + 'static,
    {
        (Just(Some(kind)), list(source)).boxed()
    }
    prop_oneof![
        (
            opt(Just(ChardevType::Pty)),
            list(path_source().prop_map(CharSource::Pty))
        )
            .boxed(),
        under(ChardevType::Dev, path_source().prop_map(CharSource::Dev)),
        under(
            ChardevType::File,
            structure!(CharSourceFile {
                path: opt(text()),
                append: opt(on_off()),
                seclabels: list(super::disk_parts::device_seclabel()),
                extra: extra(),
            })
            .prop_map(CharSource::File),
        ),
        under(ChardevType::Pipe, path_source().prop_map(CharSource::Pipe)),
        under(
            ChardevType::Unix,
            structure!(CharSourceUnix {
                mode: opt(source_mode()),
                path: opt(text()),
                host: opt(text()),
                service: opt(text()),
                seclabels: list(super::disk_parts::device_seclabel()),
                reconnect: opt(reconnect()),
                extra: extra(),
            })
            .prop_map(CharSource::Unix),
        ),
        under(
            ChardevType::Tcp,
            structure!(CharSourceTcp {
                mode: opt(source_mode()),
                host: opt(text()),
                service: opt(text()),
                tls: opt(yes_no()),
                reconnect: opt(reconnect()),
                extra: extra(),
            })
            .prop_map(CharSource::Tcp),
        ),
        under(
            ChardevType::Udp,
            structure!(CharSourceUdp {
                mode: opt(source_mode()),
                host: opt(text()),
                service: opt(text()),
                extra: extra(),
            })
            .prop_map(CharSource::Udp),
        ),
        under(
            ChardevType::Spiceport,
            channel_source().prop_map(CharSource::Spiceport)
        ),
        under(
            ChardevType::Nmdm,
            structure!(CharSourceNmdm {
                master: opt(text()),
                slave: opt(text()),
                extra: extra(),
            })
            .prop_map(CharSource::Nmdm),
        ),
        under(
            ChardevType::QemuVdagent,
            structure!(CharSourceQemuVdagent {
                clipboard: opt(clipboard()),
                mouse: opt(mouse_mode()),
                extra: extra(),
            })
            .prop_map(CharSource::QemuVdagent),
        ),
        under(
            ChardevType::Dbus,
            channel_source().prop_map(CharSource::Dbus)
        ),
        (
            value_enum!(ChardevType)
                .prop_filter("a type with a source variant", |k| {
                    !CharSource::has_variant(k)
                })
                .prop_map(Some),
            list(structure!(OtherSource { extra: extra() }).prop_map(CharSource::Other)),
        )
            .boxed(),
    ]
    .boxed()
}

/// `strategy` with its `type` and `<source>` list replaced by an agreeing pair from
/// [`backend`] (written through `set`).
pub fn with_backend<T>(
    strategy: BoxedStrategy<T>,
    set: fn(&mut T, Option<ChardevType>, Vec<CharSource>),
) -> BoxedStrategy<T>
where
    T: fmt::Debug + 'static,
{
    (strategy, backend())
        .prop_map(move |(mut value, (kind, sources))| {
            set(&mut value, kind, sources);
            value
        })
        .boxed()
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
            name: opt(value_enum!(CharTargetModelName)),
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
            let device = structure!($ty {
                // `kind` and `sources` come from `backend()`, below.
                kind: Just(None),
                tty: opt(text()),
                sources: Just(Vec::new()),
                protocol: opt(protocol()),
                log: opt(log()),
                target: opt(target()),
                alias: opt(alias()),
                acpi: opt(acpi()),
                address: opt(address()),
                extra: extra(),
            });
            with_backend(device, |d, kind, sources| {
                d.kind = kind;
                d.sources = sources;
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
        kind: opt(value_enum!(HubType)),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<redirdev>`.
pub fn redirdev() -> BoxedStrategy<Redirdev> {
    let redirdev = structure!(Redirdev {
        bus: opt(value_enum!(RedirdevBus)),
        // `kind` and `sources` come from `backend()`, below.
        kind: Just(None),
        sources: Just(Vec::new()),
        protocol: opt(protocol()),
        log: opt(log()),
        boot: opt(boot()),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    });
    with_backend(redirdev, |r, kind, sources| {
        r.kind = kind;
        r.sources = sources;
    })
}

fn rng_backend() -> BoxedStrategy<RngBackend> {
    let backend = structure!(RngBackend {
        model: opt(value_enum!(RngBackendModel)),
        // `kind` and `sources` come from `backend()`, below.
        kind: Just(None),
        sources: Just(Vec::new()),
        protocol: opt(protocol()),
        log: opt(log()),
        path: opt(text()),
        extra: extra_beside_text(),
    });
    with_backend(backend, |b, kind, sources| {
        b.kind = kind;
        b.sources = sources;
    })
    .prop_filter("path lost as text", |b| {
        let elements = !b.sources.is_empty()
            || b.protocol.is_some()
            || b.log.is_some()
            || has_elements(&b.extra);
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
