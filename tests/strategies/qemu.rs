//! `<qemu:commandline>`, `<qemu:capabilities>`, `<qemu:deprecation>`,
//! `<qemu:override>` (src/qemu.rs).

use libvirt_domain::qemu::{
    DeprecationBehavior, QemuArg, QemuCapabilities, QemuCapability, QemuCommandline,
    QemuDeprecation, QemuEnv, QemuFrontend, QemuOverride, QemuOverrideDevice, QemuProperty,
    QemuPropertyType,
};
use proptest::prelude::*;

use super::values::text;
use super::xml::extra;
use super::{list, opt};

fn arg() -> BoxedStrategy<QemuArg> {
    structure!(QemuArg {
        value: text(),
        extra: extra(),
    })
}

fn env() -> BoxedStrategy<QemuEnv> {
    structure!(QemuEnv {
        name: text(),
        value: opt(text()),
        extra: extra(),
    })
}

/// `Domain::qemu_commandline`: any commandline, the empty one (not written) included.
pub fn commandline() -> BoxedStrategy<QemuCommandline> {
    structure!(QemuCommandline {
        args: list(arg()),
        env: list(env()),
        extra: extra(),
    })
}

/// `<qemu:capabilities>` (written even when empty).
pub fn capabilities() -> BoxedStrategy<QemuCapabilities> {
    let capability = || {
        structure!(QemuCapability {
            capability: text(),
            extra: extra(),
        })
    };
    structure!(QemuCapabilities {
        add: list(capability()),
        del: list(capability()),
        extra: extra(),
    })
}

/// `<qemu:deprecation>`.
pub fn deprecation() -> BoxedStrategy<QemuDeprecation> {
    structure!(QemuDeprecation {
        behavior: opt(value_enum!(DeprecationBehavior)),
        extra: extra(),
    })
}

/// `<qemu:override>`.
pub fn overrides() -> BoxedStrategy<QemuOverride> {
    let property = structure!(QemuProperty {
        name: text(),
        kind: opt(value_enum!(QemuPropertyType)),
        value: opt(text()),
        extra: extra(),
    });
    let device = structure!(QemuOverrideDevice {
        alias: text(),
        frontend: opt(structure!(QemuFrontend {
            properties: list(property),
            extra: extra(),
        })),
        extra: extra(),
    });
    structure!(QemuOverride {
        devices: list(device),
        extra: extra(),
    })
}
