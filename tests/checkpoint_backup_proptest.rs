//! Property tests: any `DomainCheckpoint` or `DomainBackup` built from every modelled
//! type survives `to_xml` → `from_xml` unchanged, and writing what was read gives the
//! same text; with the `json` feature, the plain JSON round trip keeps it too.

mod strategies;

use libvirt_domain::{DomainBackup, DomainCheckpoint};
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
    fn checkpoint_round_trip(checkpoint in strategies::checkpoint::checkpoint()) {
        let xml = checkpoint.to_xml().map_err(|e| TestCaseError::fail(format!("to_xml: {e}")))?;
        let back = DomainCheckpoint::from_xml(&xml)
            .map_err(|e| TestCaseError::fail(format!("written XML does not parse: {e}\n{xml}")))?;
        prop_assert_eq!(&back, &checkpoint, "XML:\n{}", xml);
        prop_assert_eq!(back.to_xml().unwrap(), xml);
        #[cfg(feature = "json")]
        {
            let json = libvirt_domain::json::to_string(&checkpoint).unwrap();
            let back: DomainCheckpoint = libvirt_domain::json::from_str(&json)
                .map_err(|e| TestCaseError::fail(format!("JSON: {e}\n{json}")))?;
            prop_assert_eq!(&back, &checkpoint, "JSON:\n{}", json);
        }
    }

    #[test]
    fn backup_round_trip(backup in strategies::backup::backup()) {
        let xml = backup.to_xml().map_err(|e| TestCaseError::fail(format!("to_xml: {e}")))?;
        let back = DomainBackup::from_xml(&xml)
            .map_err(|e| TestCaseError::fail(format!("written XML does not parse: {e}\n{xml}")))?;
        prop_assert_eq!(&back, &backup, "XML:\n{}", xml);
        prop_assert_eq!(back.to_xml().unwrap(), xml);
        #[cfg(feature = "json")]
        {
            let json = libvirt_domain::json::to_string(&backup).unwrap();
            let back: DomainBackup = libvirt_domain::json::from_str(&json)
                .map_err(|e| TestCaseError::fail(format!("JSON: {e}\n{json}")))?;
            prop_assert_eq!(&back, &backup, "JSON:\n{}", json);
        }
    }
}
