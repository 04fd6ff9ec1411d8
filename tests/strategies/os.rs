//! `<os>` (src/os.rs).

use libvirt_domain::os::{
    AcpiTable, AcpiTableType, Arch, Bios, Boot, BootDevice, BootMenu, FirmwareFeature,
    FirmwareFeatureName, FirmwareFeatures, FirmwareFormat, IdMap, IdMapEntry, InitEnv, Loader,
    LoaderType, Nvram, NvramType, Os, OsAcpi, OsFirmware, OsType, OsTypeKind, Smbios, SmbiosMode,
};
use proptest::prelude::*;

use super::devices::disk_source::kind_and_source;
use super::values::{text, yes_no};
use super::xml::{extra, extra_beside_text, has_elements, optional_text_survives, text_survives};
use super::{compose, list, opt, Setter};

fn os_type() -> BoxedStrategy<OsType> {
    structure!(OsType {
        arch: opt(value_enum!(Arch)),
        machine: opt(text()),
        kind: value_enum!(OsTypeKind),
        extra: extra_beside_text(),
    })
    // The kind is the element's text: empty text reads back as the default kind.
    .prop_filter("kind lost as text", |t| {
        let kind = Some(t.kind.as_str().to_owned());
        optional_text_survives(&kind, has_elements(&t.extra))
    })
    .boxed()
}

fn firmware_features() -> BoxedStrategy<FirmwareFeatures> {
    let feature = structure!(FirmwareFeature {
        enabled: opt(yes_no()),
        name: opt(value_enum!(FirmwareFeatureName)),
        extra: extra(),
    });
    structure!(FirmwareFeatures {
        features: list(feature),
        extra: extra(),
    })
}

fn init_env() -> BoxedStrategy<InitEnv> {
    structure!(InitEnv {
        name: opt(text()),
        value: text(),
        extra: extra_beside_text(),
    })
    .prop_filter("value lost as text", |e| {
        text_survives(&e.value, has_elements(&e.extra))
    })
    .boxed()
}

fn loader() -> BoxedStrategy<Loader> {
    structure!(Loader {
        readonly: opt(yes_no()),
        secure: opt(yes_no()),
        kind: opt(value_enum!(LoaderType)),
        stateless: opt(yes_no()),
        format: opt(value_enum!(FirmwareFormat)),
        path: opt(text()),
        extra: extra_beside_text(),
    })
    .prop_filter("path lost as text", |l| {
        optional_text_survives(&l.path, has_elements(&l.extra))
    })
    .boxed()
}

/// `<nvram>`: its `type` selects the source's variant by the disk type of the same
/// name, so a source of a type `NvramType` does not name gets that name in `Other`.
fn nvram() -> BoxedStrategy<Nvram> {
    let nvram = structure!(Nvram {
        template: opt(text()),
        template_format: opt(value_enum!(FirmwareFormat)),
        kind: Just(None),
        format: opt(value_enum!(FirmwareFormat)),
        path: opt(text()),
        source: Just(None),
        extra: extra_beside_text(),
    });
    (nvram, kind_and_source(1))
        .prop_map(|(mut nvram, (kind, source))| {
            nvram.kind = kind.map(|k| NvramType::from(k.as_str()));
            nvram.source = source;
            nvram
        })
        .prop_filter("path lost as text", |n| {
            optional_text_survives(&n.path, has_elements(&n.extra) || n.source.is_some())
        })
        .boxed()
}

fn acpi() -> BoxedStrategy<OsAcpi> {
    let table = structure!(AcpiTable {
        kind: opt(value_enum!(AcpiTableType)),
        path: text(),
        extra: extra_beside_text(),
    })
    .prop_filter("path lost as text", |t| {
        text_survives(&t.path, has_elements(&t.extra))
    });
    structure!(OsAcpi {
        tables: list(table),
        extra: extra(),
    })
}

/// `<os>`.
pub fn os() -> BoxedStrategy<Os> {
    compose(os_fields().into_iter().map(|(_, field)| field).collect())
}

/// The strategy of each field of [`Os`], by field name.
pub fn os_fields() -> Vec<(&'static str, BoxedStrategy<Setter<Os>>)> {
    fields!(Os {
        firmware: opt(value_enum!(OsFirmware)),
        kind: opt(os_type()),
        firmware_features: opt(firmware_features()),
        init: opt(text()),
        init_args: list(text()),
        init_env: list(init_env()),
        init_dir: opt(text()),
        init_user: opt(text()),
        init_group: opt(text()),
        loader: opt(loader()),
        nvram: opt(nvram()),
        kernel: opt(text()),
        initrd: opt(text()),
        cmdline: opt(text()),
        shim: opt(text()),
        dtb: opt(text()),
        root: opt(text()),
        acpi: opt(acpi()),
        boot: list(structure!(Boot {
            dev: value_enum!(BootDevice),
            extra: extra(),
        })),
        bootmenu: opt(structure!(BootMenu {
            enable: opt(yes_no()),
            timeout: opt(any::<u16>()),
            extra: extra(),
        })),
        bios: opt(structure!(Bios {
            useserial: opt(yes_no()),
            reboot_timeout: opt(any::<i32>()),
            extra: extra(),
        })),
        smbios: opt(structure!(Smbios {
            mode: opt(value_enum!(SmbiosMode)),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<idmap>`.
pub fn idmap() -> BoxedStrategy<IdMap> {
    let entry = || {
        structure!(IdMapEntry {
            start: any::<u32>(),
            target: any::<u32>(),
            count: any::<u32>(),
            extra: extra(),
        })
    };
    structure!(IdMap {
        uids: list(entry()),
        gids: list(entry()),
        extra: extra(),
    })
}
