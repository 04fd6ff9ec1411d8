//! Property tests: any `DomainCapabilities` or `Capabilities` built from every modelled
//! type survives `to_xml` → `from_xml` unchanged, and writing what was read gives the
//! same text.

mod strategies;

use libvirt_domain::{Capabilities, DomainCapabilities};
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
    fn domain_capabilities_round_trip(caps in strategies::caps::domain_capabilities()) {
        let xml = caps.to_xml().map_err(|e| TestCaseError::fail(format!("to_xml: {e}")))?;
        let back = DomainCapabilities::from_xml(&xml)
            .map_err(|e| TestCaseError::fail(format!("written XML does not parse: {e}\n{xml}")))?;
        prop_assert_eq!(&back, &caps, "XML:\n{}", xml);
        prop_assert_eq!(back.to_xml().unwrap(), xml);
    }

    #[test]
    fn capabilities_round_trip(caps in strategies::caps::capabilities()) {
        let xml = caps.to_xml().map_err(|e| TestCaseError::fail(format!("to_xml: {e}")))?;
        let back = Capabilities::from_xml(&xml)
            .map_err(|e| TestCaseError::fail(format!("written XML does not parse: {e}\n{xml}")))?;
        prop_assert_eq!(&back, &caps, "XML:\n{}", xml);
        prop_assert_eq!(back.to_xml().unwrap(), xml);
    }
}
