//! Regression tests for what the mutation test (`tests/mutation.rs`) and the cargo-fuzz
//! targets (`fuzz/`) found beyond issue 9's list (those are in `tests/robustness.rs`).
//! Each input either fails with a clear error at its line:column, or keeps the
//! invariants every input must keep (`tests/invariants/`).

mod invariants;

use invariants::Outcome;
use libvirt_domain::devices::Device;
use libvirt_domain::{Domain, Error, Position};

/// `xml` is refused as malformed at `line:column` with a message containing `says`,
/// by the domain reader and the fragment reader alike.
fn malformed_at(xml: &str, line: u32, column: u32, says: &str) {
    for result in [
        Domain::from_xml(xml).map(drop),
        Device::from_xml(xml).map(drop),
    ] {
        match result {
            Err(Error::Syntax { position, message }) => {
                assert_eq!(position, Position { line, column }, "{xml}: {message}");
                assert!(message.contains(says), "{xml}: {message}");
            }
            other => panic!("{xml}: expected a syntax error, got {other:?}"),
        }
    }
    assert_eq!(invariants::check_document(xml), Ok(Outcome::Refused));
}

/// Found by the mutation test (a namespace re-binding that renamed `<controller>` to
/// `<xmlns:controller>`): quick-xml puts such an element in the xmlns namespace, and
/// the writer then declared a prefix for that namespace, which no reader accepts.
/// Namespaces in XML 1.0 forbids the prefix on elements.
#[test]
fn elements_cannot_take_the_xmlns_prefix() {
    malformed_at(
        "<domain type='kvm'>\n  <xmlns:controller type='ide'/>\n</domain>",
        2,
        4,
        "prefix xmlns is reserved",
    );
    malformed_at(
        "<xmlns:hostdev type='pci'/>",
        1,
        2,
        "prefix xmlns is reserved",
    );
    // The xmlns prefix still declares namespaces, and the xml prefix is bound.
    let xml = "<domain type='kvm' xmlns:a='urn:a'><a:x xml:lang='en'/><xml:y/></domain>";
    assert!(matches!(
        invariants::check_document(xml),
        Ok(Outcome::Parsed { .. })
    ));
}
