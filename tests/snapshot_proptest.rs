//! Property tests: any `DomainSnapshot` built from every modelled type (embedded
//! domains included) survives `to_xml` → `from_xml` unchanged, and writing what was
//! read gives the same text.

mod strategies;

use libvirt_domain::DomainSnapshot;
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` when set, else 256.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 4096,
        ..ProptestConfig::default()
    })]

    #[test]
    fn domain_snapshot_round_trip(snapshot in strategies::snapshot::domain_snapshot()) {
        let xml = snapshot.to_xml().map_err(|e| TestCaseError::fail(format!("to_xml: {e}")))?;
        let back = DomainSnapshot::from_xml(&xml)
            .map_err(|e| TestCaseError::fail(format!("written XML does not parse: {e}\n{xml}")))?;
        prop_assert_eq!(&back, &snapshot, "XML:\n{}", xml);
        prop_assert_eq!(back.to_xml().unwrap(), xml);
    }
}
