//! `<filesystem>` (src/devices/filesystem.rs).

use libvirt_domain::devices::{
    Filesystem, FilesystemType, FsAccessMode, FsBinary, FsBinaryCache, FsBinaryLock,
    FsBinaryOpenFiles, FsBinarySandbox, FsBinaryThreadPool, FsCacheMode, FsDriver, FsDriverType,
    FsMultidevs, FsSandboxMode, FsSource, FsSpaceLimit, FsTarget, FsWritePolicy,
};
use proptest::prelude::*;

use super::address::address;
use super::common::{acpi, alias, boot, marker, virtio_model};
use super::disk::storage_format;
use crate::strategies::opt;
use crate::strategies::values::{on_off, text, u64_value};
use crate::strategies::xml::{extra, extra_beside_text};

fn binary() -> BoxedStrategy<FsBinary> {
    structure!(FsBinary {
        path: opt(text()),
        xattr: opt(on_off()),
        cache: opt(structure!(FsBinaryCache {
            mode: opt(value_enum!(FsCacheMode)),
            extra: extra(),
        })),
        sandbox: opt(structure!(FsBinarySandbox {
            mode: opt(value_enum!(FsSandboxMode)),
            extra: extra(),
        })),
        lock: opt(structure!(FsBinaryLock {
            posix: opt(on_off()),
            flock: opt(on_off()),
            extra: extra(),
        })),
        thread_pool: opt(structure!(FsBinaryThreadPool {
            size: opt(any::<u32>()),
            extra: extra(),
        })),
        openfiles: opt(structure!(FsBinaryOpenFiles {
            max: opt(any::<u64>()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn space_limit() -> BoxedStrategy<FsSpaceLimit> {
    structure!(FsSpaceLimit {
        unit: opt(text()),
        value: opt(u64_value()),
        extra: extra_beside_text(),
    })
}

/// `<filesystem>`.
pub fn filesystem() -> BoxedStrategy<Filesystem> {
    structure!(Filesystem {
        kind: opt(value_enum!(FilesystemType)),
        accessmode: opt(value_enum!(FsAccessMode)),
        model: opt(virtio_model()),
        multidevs: opt(value_enum!(FsMultidevs)),
        fmode: opt(text()),
        dmode: opt(text()),
        driver: opt(structure!(FsDriver {
            kind: opt(value_enum!(FsDriverType)),
            format: opt(storage_format()),
            queue: opt(any::<u32>()),
            wrpolicy: opt(value_enum!(FsWritePolicy)),
            iommu: opt(on_off()),
            ats: opt(on_off()),
            packed: opt(on_off()),
            page_per_vq: opt(on_off()),
            extra: extra(),
        })),
        binary: opt(binary()),
        source: opt(structure!(FsSource {
            dir: opt(text()),
            socket: opt(text()),
            file: opt(text()),
            dev: opt(text()),
            name: opt(text()),
            usage: opt(any::<u64>()),
            units: opt(text()),
            extra: extra(),
        })),
        target: opt(structure!(FsTarget {
            dir: opt(text()),
            extra: extra(),
        })),
        readonly: opt(marker()),
        idmap: opt(crate::strategies::os::idmap()),
        space_hard_limit: opt(space_limit()),
        space_soft_limit: opt(space_limit()),
        boot: opt(boot()),
        alias: opt(alias()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}
