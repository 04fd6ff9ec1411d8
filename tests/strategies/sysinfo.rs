//! `<sysinfo>` (src/sysinfo.rs).

use std::fmt::Debug;

use libvirt_domain::sysinfo::{
    BaseBoardEntryName, BiosEntryName, ChassisEntryName, FwcfgEntry, FwcfgSysinfo, OemString,
    OemStrings, SmbiosSysinfo, Sysinfo, SysinfoBlock, SysinfoEntry, SystemEntryName,
    UnknownSysinfo,
};
use proptest::prelude::*;

use super::values::text;
use super::xml::{extra, extra_beside_text, has_elements, optional_text_survives, text_survives};
use super::{list, opt};

/// A block's entry; a struct literal (not `structure!`, which takes no generics) lists
/// every field, so a new one is a compile error here too.
fn entry<N: Clone + Debug + 'static>(name: BoxedStrategy<N>) -> BoxedStrategy<SysinfoEntry<N>> {
    (opt(name), text(), extra_beside_text())
        .prop_map(|(name, value, extra)| SysinfoEntry { name, value, extra })
        .prop_filter("value lost as text", |e| {
            text_survives(&e.value, has_elements(&e.extra))
        })
        .boxed()
}

fn block<N: Clone + Debug + 'static>(name: BoxedStrategy<N>) -> BoxedStrategy<SysinfoBlock<N>> {
    (list(entry(name)), extra())
        .prop_map(|(entries, extra)| SysinfoBlock { entries, extra })
        .boxed()
}

fn smbios() -> BoxedStrategy<SmbiosSysinfo> {
    let oem = structure!(OemString {
        value: text(),
        extra: extra_beside_text(),
    })
    .prop_filter("value lost as text", |e| {
        text_survives(&e.value, has_elements(&e.extra))
    });
    structure!(SmbiosSysinfo {
        bios: opt(block(value_enum!(BiosEntryName))),
        system: opt(block(value_enum!(SystemEntryName))),
        base_boards: list(block(value_enum!(BaseBoardEntryName))),
        chassis: opt(block(value_enum!(ChassisEntryName))),
        processors: list(block(text())),
        memory_devices: list(block(text())),
        oem_strings: opt(structure!(OemStrings {
            entries: list(oem),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn fwcfg() -> BoxedStrategy<FwcfgSysinfo> {
    let entry = structure!(FwcfgEntry {
        name: opt(text()),
        file: opt(text()),
        value: opt(text()),
        extra: extra_beside_text(),
    })
    .prop_filter("value lost as text", |e| {
        optional_text_survives(&e.value, has_elements(&e.extra))
    });
    structure!(FwcfgSysinfo {
        entries: list(entry),
        extra: extra(),
    })
}

/// `<sysinfo>` of every type, and of a type this crate does not know.
pub fn sysinfo() -> BoxedStrategy<Sysinfo> {
    let unknown = structure!(UnknownSysinfo {
        // A known type reads back as its own variant; `$other` is the fallback's serde
        // name (see the address strategy).
        kind: opt(text().prop_filter("a type with a variant of its own", |t| {
            !["smbios", "fwcfg"].contains(&t.as_str())
        })),
        extra: extra(),
    });
    prop_oneof![
        smbios().prop_map(Sysinfo::Smbios),
        fwcfg().prop_map(Sysinfo::Fwcfg),
        unknown.prop_map(Sysinfo::Other),
    ]
    .boxed()
}
