//! Schema coverage of `<domainsnapshot>`: every element and attribute
//! `domainsnapshot.rng` allows (each in the context of its parent and grandparent),
//! and every value of a closed attribute set, is written by the model's generators.
//! The walk and the comparison are the shared `schema_walk`'s; the embedded
//! `<domain>` is a nested grammar, whose content the domain's own coverage test
//! (`schema_coverage.rs`) covers.
//!
//! The schema folder is `LIBVIRT_SCHEMA_DIR`, by default
//! `../shared/reference/libvirt-11.3/schemas`; without it the test says so and passes,
//! unless `REQUIRE_CORPUS` is set (as in CI).

mod schema_walk;
mod strategies;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use schema_walk::{Schema, Written};

/// How many snapshots are drawn: each `<disk>` source is one of 9 types, a network
/// source one of 17 protocols with its own children, and a snapshot holds a few disks
/// in each of `<disks>` and `<revertDisks>`, so 3,000 snapshots write each network
/// protocol's rarest triples dozens of times.
const DRAWS: usize = 3_000;

/// Triples the schema allows that the model deliberately leaves to `Extra`, each with
/// the reason. Keep this empty unless a reason is written down.
const NOT_MODELLED: &[(&str, &str)] = &[];

#[test]
fn every_name_and_value_of_domainsnapshot_rng_is_modelled() {
    let Some(dir) = schema_walk::schema_dir("domainsnapshot.rng") else {
        return;
    };
    let schema = Schema::load(&dir, "domainsnapshot.rng");
    // The nested grammars give the roots of the embedded domains, not their content.
    assert!(schema.triples.contains("/domainsnapshot/domain"));
    assert!(schema.triples.contains("/domainsnapshot/inactiveDomain"));
    assert!(!schema
        .triples
        .iter()
        .any(|t| t.starts_with("domain/devices/")));

    let mut written = Written::default();
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    let seed = [7u8; 16];
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::XorShift, &seed));
    // The domains are left out of the draws (the domain test covers them); one of
    // each form is written so their roots are recorded.
    let snapshots = strategies::snapshot::snapshot_without_domains();
    for _ in 0..DRAWS {
        let snapshot = snapshots.new_tree(&mut runner).unwrap().current();
        written.record_xml(&snapshot.to_xml().unwrap());
    }
    written.record_xml(
        "<domainsnapshot><domain type='kvm'/><inactiveDomain type='kvm'/></domainsnapshot>",
    );
    schema_walk::assert_covered(&schema, &written, NOT_MODELLED);
}
