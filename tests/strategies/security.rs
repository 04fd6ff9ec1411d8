//! `<seclabel>`, `<keywrap>`, `<launchSecurity>` (src/security.rs) and `<perf>`
//! (src/perf.rs).

use libvirt_domain::perf::{Perf, PerfEvent, PerfEventName};
use libvirt_domain::security::{
    Cipher, CipherName, Keywrap, LaunchSecurity, QuoteGenerationService, S390Pv, Seclabel,
    SeclabelType, Sev, SevSnp, Tdx, UnknownLaunchSecurity,
};
use proptest::prelude::*;

use super::values::{hex_uint, on_off, text, yes_no};
use super::xml::extra;
use super::{list, opt};

/// `<seclabel>`.
pub fn seclabel() -> BoxedStrategy<Seclabel> {
    structure!(Seclabel {
        kind: opt(value_enum!(SeclabelType)),
        model: opt(text()),
        relabel: opt(yes_no()),
        label: opt(text()),
        imagelabel: opt(text()),
        baselabel: opt(text()),
        extra: extra(),
    })
}

/// `<keywrap>`.
pub fn keywrap() -> BoxedStrategy<Keywrap> {
    let cipher = structure!(Cipher {
        name: opt(value_enum!(CipherName)),
        state: opt(on_off()),
        extra: extra(),
    });
    structure!(Keywrap {
        ciphers: list(cipher),
        extra: extra(),
    })
}

/// `<launchSecurity>` of every type, and of a type this crate does not know.
pub fn launch_security() -> BoxedStrategy<LaunchSecurity> {
    let sev = structure!(Sev {
        kernel_hashes: opt(yes_no()),
        cbitpos: opt(any::<u32>()),
        reduced_phys_bits: opt(any::<u32>()),
        policy: opt(hex_uint()),
        handle: opt(any::<u32>()),
        dh_cert: opt(text()),
        session: opt(text()),
        extra: extra(),
    });
    let snp = structure!(SevSnp {
        kernel_hashes: opt(yes_no()),
        author_key: opt(yes_no()),
        vcek: opt(yes_no()),
        cbitpos: opt(any::<u32>()),
        reduced_phys_bits: opt(any::<u32>()),
        policy: opt(hex_uint()),
        guest_visible_workarounds: opt(text()),
        id_block: opt(text()),
        id_auth: opt(text()),
        host_data: opt(text()),
        extra: extra(),
    });
    let tdx = structure!(Tdx {
        policy: opt(hex_uint()),
        mr_config_id: opt(text()),
        mr_owner: opt(text()),
        mr_owner_config: opt(text()),
        quote_generation_service: opt(structure!(QuoteGenerationService {
            path: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    });
    let unknown = structure!(UnknownLaunchSecurity {
        // A known type reads back as its own variant; `$other` is the fallback's serde
        // name (see the address strategy).
        kind: opt(text().prop_filter("a type with a variant of its own", |t| {
            !["sev", "sev-snp", "s390-pv", "tdx"].contains(&t.as_str())
        })),
        extra: extra(),
    });
    prop_oneof![
        sev.prop_map(LaunchSecurity::Sev),
        snp.prop_map(LaunchSecurity::SevSnp),
        structure!(S390Pv { extra: extra() }).prop_map(LaunchSecurity::S390Pv),
        tdx.prop_map(LaunchSecurity::Tdx),
        unknown.prop_map(LaunchSecurity::Other),
    ]
    .boxed()
}

/// `<perf>`.
pub fn perf() -> BoxedStrategy<Perf> {
    let event = structure!(PerfEvent {
        name: opt(value_enum!(PerfEventName)),
        enabled: opt(yes_no()),
        extra: extra(),
    });
    structure!(Perf {
        events: list(event),
        extra: extra(),
    })
}
