//! The devices added with the second model round: `<lease>`, `<smartcard>`,
//! `<redirfilter>`, `<shmem>`, `<memory>`, `<crypto>`, `<nvram>`, `<vsock>` and
//! `<pstore>` (src/devices/lease.rs, smartcard.rs, redirfilter.rs, shmem.rs,
//! memorydev.rs, crypto.rs, nvram.rs, vsock.rs, pstore.rs).

use libvirt_domain::devices::{
    Crypto, CryptoBackend, CryptoBackendModel, CryptoModel, CryptoType, HostCertificatesSmartcard,
    HostSmartcard, Lease, LeaseTarget, MemoryDevice, MemoryDeviceModel, MemoryDeviceSource,
    MemoryDeviceTarget, MemoryLabel, MemoryTargetAddress, NvramDevice, PassthroughSmartcard,
    Pstore, PstoreBackend, Redirfilter, ScaledSize, Shmem, ShmemModel, ShmemModelType, ShmemMsi,
    ShmemRole, ShmemServer, Smartcard, UnknownSmartcard, UsbFilterValue, UsbdevFilter, Vsock,
    VsockCid,
};
use libvirt_domain::memory::MemoryAccessMode;
use proptest::prelude::*;

use super::address::address;
use super::chardev::{
    log as char_log, protocol as char_protocol, target as char_target, with_backend,
};
use super::common::{acpi, alias, marker, virtio_driver, virtio_model};
use crate::strategies::memory::unit;
use crate::strategies::values::{on_off, text, u64_value, uint, yes_no};
use crate::strategies::xml::{extra, extra_beside_text};
use crate::strategies::{list, opt};

/// A size with an optional unit, as `<size unit=…>`.
fn scaled_size() -> BoxedStrategy<ScaledSize> {
    structure!(ScaledSize {
        unit: opt(unit()),
        value: u64_value(),
        extra: extra_beside_text(),
    })
}

/// `<lease>`.
pub fn lease() -> BoxedStrategy<Lease> {
    structure!(Lease {
        lockspace: opt(text()),
        key: opt(text()),
        target: opt(structure!(LeaseTarget {
            path: opt(text()),
            offset: opt(any::<u64>()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<smartcard>` of every `mode`, and of a mode this crate does not know.
pub fn smartcard() -> BoxedStrategy<Smartcard> {
    const KNOWN_MODES: &[&str] = &["host", "host-certificates", "passthrough"];
    prop_oneof![
        structure!(HostSmartcard {
            alias: opt(alias()),
            acpi: opt(acpi()),
            address: opt(address()),
            extra: extra(),
        })
        .prop_map(Smartcard::Host),
        structure!(HostCertificatesSmartcard {
            certificates: list(text()),
            database: opt(text()),
            alias: opt(alias()),
            acpi: opt(acpi()),
            address: opt(address()),
            extra: extra(),
        })
        .prop_map(Smartcard::HostCertificates),
        with_backend(
            structure!(PassthroughSmartcard {
                // `kind` and `sources` come from `with_backend`.
                kind: Just(None),
                sources: Just(Vec::new()),
                protocol: opt(char_protocol()),
                log: opt(char_log()),
                target: opt(char_target()),
                alias: opt(alias()),
                acpi: opt(acpi()),
                address: opt(address()),
                extra: extra(),
            }),
            |card, kind, sources| {
                card.kind = kind;
                card.sources = sources;
            },
        )
        .prop_map(Smartcard::Passthrough),
        structure!(UnknownSmartcard {
            // A known mode reads back as its variant.
            mode: opt(text().prop_filter("a mode with a variant of its own", |m| {
                !KNOWN_MODES.contains(&m.as_str())
            })),
            extra: extra(),
        })
        .prop_map(Smartcard::Other),
    ]
    .boxed()
}

fn usb_filter_value() -> BoxedStrategy<UsbFilterValue> {
    prop_oneof![
        Just(UsbFilterValue::Any),
        uint().prop_map(UsbFilterValue::Id)
    ]
    .boxed()
}

/// `<redirfilter>`.
pub fn redirfilter() -> BoxedStrategy<Redirfilter> {
    structure!(Redirfilter {
        usbdevs: list(structure!(UsbdevFilter {
            class: opt(usb_filter_value()),
            vendor: opt(usb_filter_value()),
            product: opt(usb_filter_value()),
            version: opt(text()),
            allow: opt(yes_no()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<shmem>`.
pub fn shmem() -> BoxedStrategy<Shmem> {
    structure!(Shmem {
        name: opt(text()),
        role: opt(value_enum!(ShmemRole)),
        model: opt(structure!(ShmemModel {
            kind: opt(value_enum!(ShmemModelType)),
            extra: extra(),
        })),
        size: opt(scaled_size()),
        server: opt(structure!(ShmemServer {
            path: opt(text()),
            extra: extra(),
        })),
        msi: opt(structure!(ShmemMsi {
            vectors: opt(any::<u32>()),
            ioeventfd: opt(on_off()),
            extra: extra(),
        })),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<memory>` (a memory device).
pub fn memory_device() -> BoxedStrategy<MemoryDevice> {
    let source = structure!(MemoryDeviceSource {
        nodemask: opt(text()),
        pagesize: opt(scaled_size()),
        path: opt(text()),
        alignsize: opt(scaled_size()),
        pmem: opt(marker()),
        extra: extra(),
    });
    let target = structure!(MemoryDeviceTarget {
        dynamic_memslots: opt(yes_no()),
        size: opt(scaled_size()),
        node: opt(any::<u32>()),
        label: opt(structure!(MemoryLabel {
            size: opt(scaled_size()),
            extra: extra(),
        })),
        readonly: opt(marker()),
        block: opt(scaled_size()),
        requested: opt(scaled_size()),
        current: opt(scaled_size()),
        address: opt(structure!(MemoryTargetAddress {
            base: opt(uint()),
            extra: extra(),
        })),
        extra: extra(),
    });
    structure!(MemoryDevice {
        model: opt(value_enum!(MemoryDeviceModel)),
        access: opt(value_enum!(MemoryAccessMode)),
        discard: opt(yes_no()),
        uuid: opt(text()),
        source: opt(source),
        target: opt(target),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<crypto>`.
pub fn crypto() -> BoxedStrategy<Crypto> {
    structure!(Crypto {
        model: opt(value_enum!(CryptoModel)),
        kind: opt(value_enum!(CryptoType)),
        backend: opt(structure!(CryptoBackend {
            model: opt(value_enum!(CryptoBackendModel)),
            queues: opt(any::<u32>()),
            extra: extra(),
        })),
        driver: opt(virtio_driver()),
        alias: opt(alias()),
        address: opt(address()),
        extra: extra(),
    })
}

/// `<nvram>` (the device).
pub fn nvram() -> BoxedStrategy<NvramDevice> {
    structure!(NvramDevice {
        address: opt(address()),
        extra: extra(),
    })
}

/// `<vsock>`.
pub fn vsock() -> BoxedStrategy<Vsock> {
    structure!(Vsock {
        model: opt(virtio_model()),
        cid: opt(structure!(VsockCid {
            auto: opt(yes_no()),
            address: opt(any::<u32>()),
            extra: extra(),
        })),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        driver: opt(virtio_driver()),
        extra: extra(),
    })
}

/// `<pstore>`.
pub fn pstore() -> BoxedStrategy<Pstore> {
    structure!(Pstore {
        backend: opt(value_enum!(PstoreBackend)),
        path: opt(text()),
        size: opt(scaled_size()),
        alias: opt(alias()),
        address: opt(address()),
        extra: extra(),
    })
}
