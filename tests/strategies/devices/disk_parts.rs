//! Parts of `<disk>`: source children, `<backingStore>`, `<mirror>`, `<iotune>`,
//! `<throttlefilters>`, `<encryption>` (src/devices/disk/).

use libvirt_domain::devices::{
    BackingStore, DataStore, DeviceSeclabel, DiskFormat, DiskSourceConfig, DiskSourceCookie,
    DiskSourceCookies, DiskSourceIdentity, DiskSourceKnownHosts, DiskSourceReadahead,
    DiskSourceSlice, DiskSourceSlices, DiskSourceSnapshot, DiskSourceSsl, DiskSourceTimeout,
    Encryption, EncryptionCipher, EncryptionEngine, EncryptionFormat, EncryptionIvgen,
    EncryptionSecret, EncryptionSecretType, Iotune, MetadataCache, Mirror, MirrorJob, MirrorReady,
    Reservations, ScaledSize, SliceType, SocketMode, SocketType, Throttlefilter, Throttlefilters,
    UnixSocketSource,
};
use proptest::prelude::*;

use super::common::reconnect;
use super::disk::storage_format;
use super::disk_source::kind_and_source;
use crate::strategies::memory::unit;
use crate::strategies::values::{text, u64_value, yes_no};
use crate::strategies::xml::{extra, extra_beside_text, has_elements, text_survives};
use crate::strategies::{list, opt};

/// Per-resource `<seclabel>`.
pub fn device_seclabel() -> BoxedStrategy<DeviceSeclabel> {
    structure!(DeviceSeclabel {
        model: opt(text()),
        relabel: opt(yes_no()),
        labelskip: opt(yes_no()),
        labels: list(text()),
        extra: extra(),
    })
}

/// `<encryption>`.
pub fn encryption() -> BoxedStrategy<Encryption> {
    structure!(Encryption {
        format: opt(value_enum!(EncryptionFormat)),
        engine: opt(value_enum!(EncryptionEngine)),
        secrets: list(structure!(EncryptionSecret {
            kind: opt(value_enum!(EncryptionSecretType)),
            uuid: opt(text()),
            usage: opt(text()),
            extra: extra(),
        })),
        cipher: opt(structure!(EncryptionCipher {
            name: opt(text()),
            size: opt(any::<u32>()),
            mode: opt(text()),
            hash: opt(text()),
            extra: extra(),
        })),
        ivgen: opt(structure!(EncryptionIvgen {
            name: opt(text()),
            hash: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<metadata_cache>`.
pub fn metadata_cache() -> BoxedStrategy<MetadataCache> {
    structure!(MetadataCache {
        max_size: opt(structure!(ScaledSize {
            unit: opt(unit()),
            value: u64_value(),
            extra: extra_beside_text(),
        })),
        extra: extra(),
    })
}

/// `<format>` of a backing store, mirror or data store.
pub fn disk_format() -> BoxedStrategy<DiskFormat> {
    structure!(DiskFormat {
        kind: opt(storage_format()),
        metadata_cache: opt(metadata_cache()),
        extra: extra(),
    })
}

pub fn snapshot() -> BoxedStrategy<DiskSourceSnapshot> {
    structure!(DiskSourceSnapshot {
        name: opt(text()),
        extra: extra(),
    })
}

pub fn config() -> BoxedStrategy<DiskSourceConfig> {
    structure!(DiskSourceConfig {
        file: opt(text()),
        extra: extra(),
    })
}

pub fn ssl() -> BoxedStrategy<DiskSourceSsl> {
    structure!(DiskSourceSsl {
        verify: opt(yes_no()),
        extra: extra(),
    })
}

pub fn cookies() -> BoxedStrategy<DiskSourceCookies> {
    let cookie = structure!(DiskSourceCookie {
        name: opt(text()),
        value: text(),
        extra: extra_beside_text(),
    })
    .prop_filter("value lost as layout", |c| {
        text_survives(&c.value, has_elements(&c.extra))
    });
    structure!(DiskSourceCookies {
        cookies: list(cookie),
        extra: extra(),
    })
}

pub fn readahead() -> BoxedStrategy<DiskSourceReadahead> {
    structure!(DiskSourceReadahead {
        size: opt(any::<u64>()),
        extra: extra(),
    })
}

pub fn timeout() -> BoxedStrategy<DiskSourceTimeout> {
    structure!(DiskSourceTimeout {
        seconds: opt(any::<u64>()),
        extra: extra(),
    })
}

pub fn identity() -> BoxedStrategy<DiskSourceIdentity> {
    structure!(DiskSourceIdentity {
        user: opt(text()),
        group: opt(text()),
        username: opt(text()),
        keyfile: opt(text()),
        agentsock: opt(text()),
        extra: extra(),
    })
}

pub fn known_hosts() -> BoxedStrategy<DiskSourceKnownHosts> {
    structure!(DiskSourceKnownHosts {
        path: opt(text()),
        extra: extra(),
    })
}

pub fn reservations() -> BoxedStrategy<Reservations> {
    structure!(Reservations {
        managed: opt(yes_no()),
        source: opt(structure!(UnixSocketSource {
            kind: opt(value_enum!(SocketType)),
            path: opt(text()),
            mode: opt(value_enum!(SocketMode)),
            reconnect: opt(reconnect()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

pub fn slices() -> BoxedStrategy<DiskSourceSlices> {
    structure!(DiskSourceSlices {
        slices: list(structure!(DiskSourceSlice {
            kind: opt(value_enum!(SliceType)),
            offset: opt(any::<u64>()),
            size: opt(any::<u64>()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<dataStore>`, whose `<source>` nests `depth` more levels.
pub fn data_store(depth: u32) -> BoxedStrategy<Box<DataStore>> {
    let store = structure!(DataStore {
        kind: Just(None),
        format: opt(disk_format()),
        source: Just(None),
        extra: extra(),
    });
    (store, kind_and_source(depth))
        .prop_map(|(mut store, (kind, source))| {
            store.kind = kind;
            store.source = source;
            Box::new(store)
        })
        .boxed()
}

/// A `<backingStore>` chain at most `depth` images deep.
pub fn backing_store(depth: u32) -> BoxedStrategy<Box<BackingStore>> {
    let next = if depth == 0 {
        Just(None).boxed()
    } else {
        opt(backing_store(depth - 1))
    };
    let image = structure!(BackingStore {
        kind: Just(None),
        index: opt(any::<u32>()),
        format: opt(disk_format()),
        source: Just(None),
        backing_store: next,
        extra: extra(),
    });
    (image, kind_and_source(1))
        .prop_map(|(mut image, (kind, source))| {
            image.kind = kind;
            image.source = source;
            Box::new(image)
        })
        .boxed()
}

/// `<mirror>`.
pub fn mirror() -> BoxedStrategy<Box<Mirror>> {
    let mirror = structure!(Mirror {
        kind: Just(None),
        file: opt(text()),
        format_attr: opt(storage_format()),
        job: opt(value_enum!(MirrorJob)),
        ready: opt(value_enum!(MirrorReady)),
        format: opt(disk_format()),
        source: Just(None),
        backing_store: opt(backing_store(1)),
        extra: extra(),
    });
    (mirror, kind_and_source(1))
        .prop_map(|(mut mirror, (kind, source))| {
            mirror.kind = kind;
            mirror.source = source;
            Box::new(mirror)
        })
        .boxed()
}

/// `<iotune>`.
pub fn iotune() -> BoxedStrategy<Iotune> {
    let n = || opt(any::<u64>());
    structure!(Iotune {
        total_bytes_sec: n(),
        read_bytes_sec: n(),
        write_bytes_sec: n(),
        total_iops_sec: n(),
        read_iops_sec: n(),
        write_iops_sec: n(),
        total_bytes_sec_max: n(),
        read_bytes_sec_max: n(),
        write_bytes_sec_max: n(),
        total_iops_sec_max: n(),
        read_iops_sec_max: n(),
        write_iops_sec_max: n(),
        size_iops_sec: n(),
        group_name: opt(text()),
        total_bytes_sec_max_length: n(),
        read_bytes_sec_max_length: n(),
        write_bytes_sec_max_length: n(),
        total_iops_sec_max_length: n(),
        read_iops_sec_max_length: n(),
        write_iops_sec_max_length: n(),
        extra: extra(),
    })
}

/// `<throttlefilters>`.
pub fn throttlefilters() -> BoxedStrategy<Throttlefilters> {
    structure!(Throttlefilters {
        filters: list(structure!(Throttlefilter {
            group: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    })
}
