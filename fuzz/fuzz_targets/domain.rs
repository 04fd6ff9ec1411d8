//! Whole documents: `Domain::from_xml`, `from_xml_strict` and `validate()` never
//! panic, and a parsed domain keeps the invariants of `tests/invariants/mod.rs`
//! (written, read back equal, written again identically; each device alone too).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    // The API reads `&str`: bytes that are not UTF-8 cannot reach it.
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(broken) = invariants::check_document(text) {
            panic!("{broken}");
        }
    }
});
