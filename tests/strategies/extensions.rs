//! The LXC, bhyve and Xen namespaces (src/lxc.rs, src/bhyve.rs, src/xen.rs).

use libvirt_domain::bhyve::{BhyveArg, BhyveCommandline, BhyveEnv};
use libvirt_domain::lxc::{LxcNamespace, LxcShare, LxcShareType};
use libvirt_domain::xen::{XenArg, XenCommandline};
use proptest::prelude::*;

use super::values::text;
use super::xml::extra;
use super::{list, opt};

/// `<lxc:namespace>`.
pub fn lxc_namespace() -> BoxedStrategy<LxcNamespace> {
    let share = || {
        opt(structure!(LxcShare {
            kind: opt(value_enum!(LxcShareType)),
            value: opt(text()),
            extra: extra(),
        }))
    };
    structure!(LxcNamespace {
        sharenet: share(),
        shareipc: share(),
        shareuts: share(),
        extra: extra(),
    })
}

/// `<bhyve:commandline>`.
pub fn bhyve_commandline() -> BoxedStrategy<BhyveCommandline> {
    structure!(BhyveCommandline {
        args: list(structure!(BhyveArg {
            value: text(),
            extra: extra(),
        })),
        env: list(structure!(BhyveEnv {
            name: text(),
            value: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<xen:commandline>`.
pub fn xen_commandline() -> BoxedStrategy<XenCommandline> {
    structure!(XenCommandline {
        args: list(structure!(XenArg {
            value: text(),
            extra: extra(),
        })),
        extra: extra(),
    })
}
