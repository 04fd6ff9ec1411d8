//! Schema coverage: the model is built from libvirt's schema, not from the corpus.
//!
//! This walks libvirt 11.3's RelaxNG grammar (`domain.rng` and its includes) from its
//! start with the shared walker (`schema_walk`) and lists every element and attribute it allows, each in the context of its
//! parent and grandparent element (`disk/source/@file`, `interface/source/@bridge`).
//! It then writes domains from the property-test generators (which set every field of
//! every modelled type) and lists the same triples in what they write. Every triple
//! the schema allows must be one the model writes, so a document nobody has shown us
//! still parses with nothing unmodelled, and a field a generator forgets shows up too.
//!
//! Where the schema's value for an attribute is a closed set of `<value>`s, each value
//! must be written too. The generators write a `value_enum!` field's known spellings
//! (and `Other` strings that are none of them), so a closed set kept in a `String`
//! shows up as "value missing". A set is closed when every pattern for that triple
//! lists values (`os/type/@machine` is `xenpv|xenfv|xenpvh` for Xen but any name for
//! `hvm`: not closed), and a set of integers held in a number field is not checked
//! (see `schema_walk::check`).
//!
//! So that no value is missed by bad luck, each part of the model is drawn on its own,
//! as often as its value sets need (see [`parts`] and [`DRAWS`]), from a generator
//! seeded with the part's name.
//!
//! The schema folder is `LIBVIRT_SCHEMA_DIR`, by default
//! `../shared/reference/libvirt-11.3/schemas`; without it the test says so and passes,
//! unless `REQUIRE_CORPUS` is set (as in CI).

mod schema_walk;
mod strategies;

use schema_walk::{Schema, Written};
use strategies::compose;

use std::time::Instant;

use libvirt_domain::devices::{Device, Devices};
use libvirt_domain::os::Os;
use libvirt_domain::Domain;
use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// How many times each field of [`Domain`] and of [`Os`] is drawn (see [`parts`]),
/// unless [`DRAWS`] says otherwise. A `value_enum!` field writes one of its known
/// spellings three times in four, each as likely, so a set of `n` values needs about
/// `27 n` draws for each value to be written 20 times (a miss then has a probability
/// near e^-20); fields behind a variant need more. The test prints the values written
/// least often: raise a part's count when one of them comes close to missing.
const PART_DRAWS: usize = 300;

/// How many times each device kind is drawn, unless [`DRAWS`] says otherwise: more
/// than [`PART_DRAWS`] because each kind has its own `<address>` triples, and an
/// address is one of 12 types (`<kind>/address/@multifunction=on` needs a PCI address,
/// one draw in 12, and then one value of 2: 25 expected in 600 draws).
const DEVICE_DRAWS: usize = 600;

/// Parts drawn more (or less) often than [`PART_DRAWS`] or [`DEVICE_DRAWS`], each
/// with the reason.
const DRAWS: &[(&str, usize)] = &[
    // `<domain type>`: 16 values.
    ("kind", 1_000),
    // `<sysinfo>`: `smbios` is one variant in 3, and its `<entry name>` has 4 to 7
    // values per parent.
    ("sysinfo", 1_000),
    // `<perf><event name>`: 22 values.
    ("perf", 1_000),
    // `<os><type arch>`: 35 values.
    ("os.kind", 2_000),
    // `<os>` as a whole: each of its fields is drawn on its own.
    ("os", 30),
    // `<devices>` as a whole: each device kind is drawn on its own.
    ("devices", 30),
    // `<controller model>`: 41 values.
    ("devices.controller", 1_500),
    // `<audio driver>`: `sdl` is one backend in 12, and has 4 drivers.
    ("devices.audio", 2_000),
    // `<hostdev>`: a variant per mode and type, each with its own source.
    ("devices.hostdev", 2_000),
    // `<smartcard>`: one variant in 4 is `passthrough`, with a character device type
    // (15 values) and a target type (17).
    ("devices.smartcard", 2_000),
    // `<disk>` and `<os><nvram>`: with every field set a disk source is large (a disk
    // takes 35 ms to draw and write in a debug build), so fewer draws: its rarest
    // values are written 5 to 10 times. (If a disk source comes to hold only its
    // type's fields, a disk gets smaller: then draw it as often as the others.)
    ("devices.disk", 300),
    ("os.nvram", 300),
];

/// Triples the schema allows that the model deliberately leaves to `Extra`, each with
/// the reason. Keep this empty unless a reason is written down.
const NOT_MODELLED: &[(&str, &str)] = &[];

fn draws(part: &str) -> usize {
    if let Some((_, n)) = DRAWS.iter().find(|(name, _)| *name == part) {
        *n
    } else if part.starts_with("devices.") {
        DEVICE_DRAWS
    } else {
        PART_DRAWS
    }
}

/// A random generator seeded from the part's name: each part draws the same values
/// whatever the other parts do, so changing one generator does not reshuffle the
/// draws (and the rare values) of all the others. FNV-1a, twice for 16 bytes.
fn rng_for(part: &str) -> TestRng {
    let mut seed = Vec::with_capacity(16);
    for offset in [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142] {
        let hash = part.bytes().fold(offset, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        seed.extend_from_slice(&hash.to_le_bytes());
    }
    // XorShift: ChaCha took a third of the time in a debug build.
    TestRng::from_seed(RngAlgorithm::XorShift, &seed)
}

/// A domain holding only `os`.
fn with_os(os: Os) -> Domain {
    Domain {
        os: Some(os),
        ..Domain::default()
    }
}

/// A domain holding only `device`.
fn with_device(device: Device) -> Domain {
    let mut devices = Devices::default();
    devices.devices.push(device);
    Domain {
        devices: Some(devices),
        ..Domain::default()
    }
}

/// Every part of the model sampled on its own, by name, as a strategy for a domain
/// that holds only that part: each field of [`Domain`] (`os`); each field of [`Os`]
/// (`os.kind`), whose `<type arch>` would otherwise be drawn as rarely as `<os>`
/// draws its costly `<nvram><source>`; each device kind (`devices.disk`).
fn parts() -> Vec<(String, BoxedStrategy<Domain>)> {
    let mut parts = Vec::new();
    for (name, field) in strategies::with_every_field(strategies::domain::domain_fields) {
        parts.push((name.to_owned(), compose(vec![field])));
    }
    for (name, field) in strategies::with_every_field(strategies::os::os_fields) {
        let domains = compose(vec![field]).prop_map(with_os).boxed();
        parts.push((format!("os.{name}"), domains));
    }
    for (name, kind) in strategies::with_every_field(strategies::devices::device_kinds) {
        parts.push((
            format!("devices.{name}"),
            kind.prop_map(with_device).boxed(),
        ));
    }
    parts
}

/// Writes `draws` domains from `domains` and records what they hold.
fn sample(
    domains: &BoxedStrategy<Domain>,
    draws: usize,
    runner: &mut TestRunner,
    out: &mut Written,
) {
    for _ in 0..draws {
        let domain = domains.new_tree(runner).unwrap().current();
        let xml = domain
            .to_xml()
            .unwrap_or_else(|e| panic!("{e}\n{domain:?}"));
        out.record_xml(&xml);
    }
}

/// Samples every part of the model on its own (see [`parts`]), so each is drawn often
/// enough whatever its share of a whole domain. Everything is written as a whole
/// domain, so each name is recorded in its real context (`/domain/os`,
/// `domain/devices/disk`).
fn written_by_model() -> Written {
    let start = Instant::now();
    let mut out = Written::default();
    let mut total = 0;
    for (name, domains) in parts() {
        // No failure persistence: nothing fails here, and every value tree proptest
        // forks clones the configuration.
        let config = Config {
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(config, rng_for(&name));
        sample(&domains, draws(&name), &mut runner, &mut out);
        total += draws(&name);
    }
    eprintln!(
        "model sampling: {total} domains in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    out
}

/// One test for names and values: both need the same (slow) sampling of the model.
#[test]
fn every_name_and_value_the_schema_allows_is_modelled() {
    let Some(dir) = schema_walk::schema_dir("domain.rng") else {
        return;
    };
    let schema = Schema::load(&dir, "domain.rng");
    let model = written_by_model();
    schema_walk::assert_covered(&schema, &model, NOT_MODELLED);
}
