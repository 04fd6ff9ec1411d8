//! `<memoryBacking>`: the memory source type.
//!
//! libvirt's QEMU driver refuses a memory backend QEMU lacks ("this qemu doesn't
//! support the memory-backend-memfd object"); `<domainCapabilities><memoryBacking>`
//! lists the `sourceType` values the host offers (`file`, `anonymous`, `memfd`).

use super::HostCheck;
use crate::domain::Domain;
use crate::values::YesNo;

pub(super) fn check(check: &mut HostCheck<'_>, domain: &Domain) {
    let (Some(backing), Some(caps)) = (&domain.memory_backing, check.caps.memory_backing.as_ref())
    else {
        return;
    };
    let Some(source) = &backing.source else {
        return;
    };
    if caps.supported == Some(YesNo::No) {
        check.push(
            "/domain/memoryBacking/source",
            "the host does not let the memory backing source be chosen",
        );
        return;
    }
    check.enum_value(
        Some(caps),
        "sourceType",
        source.kind.as_ref().map(|k| k.as_str()),
        "/domain/memoryBacking/source/@type".into(),
        "memory source type",
    );
}
