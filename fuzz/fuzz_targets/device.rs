//! Device fragments: `Device::from_xml` and `from_xml_strict` never panic, and a
//! parsed device keeps the invariants of `tests/invariants/mod.rs` (written, read
//! back equal, written again identically).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    // The API reads `&str`: bytes that are not UTF-8 cannot reach it.
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(broken) = invariants::check_fragment(text) {
            panic!("{broken}");
        }
    }
});
