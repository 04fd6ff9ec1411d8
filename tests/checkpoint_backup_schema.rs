//! Schema coverage of `domaincheckpoint.rng` and `domainbackup.rng`: every element and
//! attribute each allows, in the context of its parent and grandparent, and every
//! value of a closed attribute set, is written by the property-test generators (with
//! every optional field set). The walker and the comparison are `schema_walk`'s; the
//! checkpoint's embedded `<domain>` is covered by `schema_coverage.rs`.
//!
//! The schema folder is `LIBVIRT_SCHEMA_DIR`, by default
//! `../shared/reference/libvirt-11.3/schemas`; without it the test says so and passes,
//! unless `REQUIRE_CORPUS` is set (as in CI).

mod schema_walk;
mod strategies;

use libvirt_domain::Domain;
use proptest::strategy::{BoxedStrategy, Just, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use schema_walk::{Schema, Written};

/// Checkpoints drawn: the closed sets are `checkpoint` (2 values) and nothing else,
/// so a few hundred write each value many times.
const CHECKPOINT_DRAWS: usize = 300;

/// Backups drawn: the largest closed set is `<driver type>` (the 18 image formats),
/// whose rarest value was written 79 times in 1,500 draws: about 30 times in 600 (a
/// miss then has a probability near e^-30). The test prints the rarest values.
const BACKUP_DRAWS: usize = 600;

/// Triples the schemas allow that the model deliberately leaves to `Extra`, each with
/// the reason. Keep this empty unless a reason is written down.
const NOT_MODELLED: &[(&str, &str)] = &[];

/// A runner with a fixed seed per document kind, so a run is repeatable.
fn runner(label: &str) -> TestRunner {
    let mut seed = [0u8; 32];
    for (i, b) in label.bytes().enumerate() {
        seed[i % 32] ^= b;
    }
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed))
}

/// Writes `draws` documents from `strategy` with `to_xml` and records them.
fn sample<T: std::fmt::Debug>(
    label: &str,
    strategy: &BoxedStrategy<T>,
    draws: usize,
    to_xml: fn(&T) -> libvirt_domain::Result<String>,
) -> Written {
    let mut runner = runner(label);
    let mut written = Written::default();
    for _ in 0..draws {
        let value = strategy.new_tree(&mut runner).unwrap().current();
        let xml = to_xml(&value).unwrap_or_else(|e| panic!("{e}\n{value:?}"));
        written.record_xml(&xml);
    }
    written
}

#[test]
fn every_name_and_value_of_the_checkpoint_schema_is_modelled() {
    let Some(dir) = schema_walk::schema_dir("domaincheckpoint.rng") else {
        return;
    };
    let schema = Schema::load(&dir, "domaincheckpoint.rng");
    // The embedded domain only needs to be there: its content is the domain's test.
    let domain = Just(Some(Box::new(Domain::default()))).boxed();
    let strategy = strategies::with_every_field(|| strategies::checkpoint::checkpoint_with(domain));
    let written = sample(
        "checkpoint",
        &strategy,
        CHECKPOINT_DRAWS,
        libvirt_domain::DomainCheckpoint::to_xml,
    );
    schema_walk::assert_covered(&schema, &written, NOT_MODELLED);
}

#[test]
fn every_name_and_value_of_the_backup_schema_is_modelled() {
    let Some(dir) = schema_walk::schema_dir("domainbackup.rng") else {
        return;
    };
    let schema = Schema::load(&dir, "domainbackup.rng");
    let strategy = strategies::with_every_field(strategies::backup::backup);
    let written = sample(
        "backup",
        &strategy,
        BACKUP_DRAWS,
        libvirt_domain::DomainBackup::to_xml,
    );
    schema_walk::assert_covered(&schema, &written, NOT_MODELLED);
}
