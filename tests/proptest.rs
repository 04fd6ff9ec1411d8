//! Property tests: any `Domain` built from every modelled type survives
//! `to_xml` → `from_xml` unchanged, or `to_xml` refuses it because a string holds a
//! character XML 1.0 cannot carry.
//!
//! The strategies live in `tests/strategies/` (one file per model family); see
//! `tests/strategies/mod.rs` for how to add a type.

mod strategies;

use libvirt_domain::qemu::QEMU_NS;
use libvirt_domain::xml::is_xml_char;
use libvirt_domain::Domain;
use proptest::prelude::*;

/// Whether the domain has a `<qemu:commandline>` to write: `Domain` skips an empty one.
fn writes_commandline(domain: &Domain) -> bool {
    !domain.qemu_commandline.is_empty()
}

/// Whether the domain writes an element in the QEMU namespace.
fn writes_qemu_namespace(domain: &Domain) -> bool {
    writes_commandline(domain)
        || domain.qemu_capabilities.is_some()
        || domain.qemu_deprecation.is_some()
        || domain.qemu_override.is_some()
}

/// Whether some string in the domain holds a character XML 1.0 forbids.
fn has_forbidden_char(domain: &Domain) -> bool {
    strategies::collect::strings(domain)
        .iter()
        .any(|s| s.chars().any(|c| !is_xml_char(c)))
}

/// The round trip of a domain that `to_xml` accepted, and the QEMU namespace check.
fn check_written(domain: &Domain, xml: &str) -> Result<(), TestCaseError> {
    let back = Domain::from_xml(xml)
        .map_err(|e| TestCaseError::fail(format!("written XML does not parse: {e}\n{xml}")))?;
    prop_assert_eq!(
        &back,
        domain,
        "round trip changed the domain; XML:\n{}",
        xml
    );
    // Writing is stable: what was read back is written the same way.
    let again = back
        .to_xml()
        .map_err(|e| TestCaseError::fail(format!("second write failed: {e}")))?;
    prop_assert_eq!(&again, xml, "second write differs");
    // The QEMU namespace is declared exactly when an element in it is written:
    // `<qemu:commandline>` with an argument or a variable (or unknown content, kept
    // rather than dropped; an empty one is not written), or another `qemu:` element.
    let declared = xml.contains(QEMU_NS);
    prop_assert_eq!(
        declared,
        writes_qemu_namespace(domain),
        "QEMU namespace; XML:\n{}",
        xml
    );
    let commandline = &domain.qemu_commandline;
    let has_args = !commandline.args.is_empty() || !commandline.env.is_empty();
    if has_args {
        prop_assert!(declared, "arguments without the QEMU namespace:\n{}", xml);
    }
    Ok(())
}

/// Cases per property: `PROPTEST_CASES` when set, else 256.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

proptest! {
    // 256 cases of each property: 10 to 20 s for this file in a debug build on two
    // cores. `PROPTEST_CASES=5000 cargo test --release --test proptest` searches
    // longer.
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 4096,
        ..ProptestConfig::default()
    })]

    /// Strings XML can carry: writing never fails and reading gives the value back.
    #[test]
    fn domain_round_trips(domain in strategies::domain()) {
        let xml = domain
            .to_xml()
            .map_err(|e| TestCaseError::fail(format!("to_xml refused a valid domain: {e}")))?;
        check_written(&domain, &xml)?;
    }

    /// Any `char`: writing refuses exactly the domains holding a character XML 1.0
    /// forbids; what it writes reads back unchanged.
    #[test]
    fn domain_round_trips_or_is_refused(
        domain in strategies::with_forbidden_chars(strategies::domain)
    ) {
        let forbidden = has_forbidden_char(&domain);
        match domain.to_xml() {
            Ok(xml) => {
                prop_assert!(!forbidden, "a forbidden character was written:\n{}", xml);
                check_written(&domain, &xml)?;
            }
            Err(e) => {
                prop_assert!(forbidden, "to_xml refused a domain XML can carry: {}", e);
            }
        }
    }
}
