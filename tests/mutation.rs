//! Mutation test: documents and device fragments, mutated at random from the project's
//! fixtures and libvirt's test corpus, keep the invariants of `tests/invariants/`
//! (no panic; what parses writes, reads back equal and writes identically; each device
//! alone too). Stable Rust, no extra tools; the cargo-fuzz targets in `fuzz/` check
//! the same invariants with coverage guidance.
//!
//! Environment:
//! - `MUTATION_SECONDS`: how long to mutate (default 60; CI uses the default).
//! - `MUTATION_SEED`: the run's seed (default: from the clock); printed on every run.
//! - `MUTATION_CASE`: with `MUTATION_SEED`, run only this case and print its input.
//! - `MUTATION_THREADS`: worker threads (default: the cores, at most 4).
//! - `MUTATION_HANG_SECONDS`: one input still running after this long is reported as
//!   a hang (default 120; generous, as a debug build is slow: speed is the
//!   benchmarks' business, this only catches inputs that never finish).
//! - `LIBVIRT_CORPUS_DIR`, `REQUIRE_CORPUS=1`: as for `tests/corpus.rs`; without the
//!   corpus, the project's own fixtures are mutated.
//!
//! Failing inputs are written to `target/tmp/mutation/`.

mod common;
mod invariants;
#[path = "mutation/mutator.rs"]
mod mutator;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use invariants::Outcome;
use libvirt_domain::Domain;
use mutator::{Rng, CLASSES};

/// Default time spent mutating, in seconds.
const DEFAULT_SECONDS: u64 = 60;
/// Default time after which one input counts as hung, in seconds.
const DEFAULT_HANG_SECONDS: u64 = 120;
/// At most this many mutations are applied to one input.
const MAX_MUTATIONS: usize = 4;
/// Distinct failures kept in detail (by the message's first line); the rest are counted.
const MAX_DISTINCT_FAILURES: usize = 20;

/// A text to mutate.
struct Source {
    name: String,
    text: String,
}

/// The texts to mutate: whole documents and device fragments.
struct Sources {
    documents: Vec<Source>,
    fragments: Vec<Source>,
}

/// One mutated input.
struct Case {
    number: u64,
    fragment: bool,
    source: String,
    classes: Vec<&'static str>,
    text: String,
}

impl Case {
    fn describe(&self) -> String {
        format!(
            "case {} ({} from {}, mutations [{}])",
            self.number,
            if self.fragment {
                "fragment"
            } else {
                "document"
            },
            self.source,
            self.classes.join(", ")
        )
    }
}

/// A broken invariant.
struct Failure {
    case: String,
    message: String,
    saved: Option<PathBuf>,
}

#[derive(Default)]
struct Stats {
    documents: u64,
    fragments: u64,
    parsed: u64,
    devices_alone: u64,
    /// Per class: cases it was applied in, and of those, how many still parsed.
    classes: BTreeMap<&'static str, (u64, u64)>,
    slowest: Option<(Duration, String)>,
    failures: u64,
    distinct: BTreeMap<String, Failure>,
}

/// What the workers share with the main thread.
struct Shared {
    seed: u64,
    sources: Sources,
    next: AtomicU64,
    stop: AtomicBool,
    stats: Mutex<Stats>,
    /// Per worker: the case it is running and since when.
    running: Vec<Mutex<Option<(Instant, String, String)>>>,
}

#[test]
fn mutated_inputs_keep_the_invariants() {
    let sources = load_sources();
    assert!(!sources.documents.is_empty(), "no document to mutate");
    let seed = env_u64("MUTATION_SEED").unwrap_or_else(clock_seed);
    let rerun = format!("MUTATION_SEED={seed} cargo test --test mutation -- --nocapture");
    println!(
        "mutation test: seed {seed} ({rerun} repeats it); {} documents, {} fragments",
        sources.documents.len(),
        sources.fragments.len()
    );
    if let Some(number) = env_u64("MUTATION_CASE") {
        let case = make_case(seed, number, &sources);
        println!("{}\n--- input:\n{}\n---", case.describe(), case.text);
        let result = check(&case);
        assert!(
            result.is_ok(),
            "{}: {}",
            case.describe(),
            result.unwrap_err()
        );
        println!("{:?}", result.unwrap());
        return;
    }

    let seconds = env_u64("MUTATION_SECONDS").unwrap_or(DEFAULT_SECONDS);
    let hang =
        Duration::from_secs(env_u64("MUTATION_HANG_SECONDS").unwrap_or(DEFAULT_HANG_SECONDS));
    let threads = env_u64("MUTATION_THREADS").map_or_else(default_threads, |n| n.max(1) as usize);
    let shared = Arc::new(Shared {
        seed,
        sources,
        next: AtomicU64::new(0),
        stop: AtomicBool::new(false),
        stats: Mutex::new(Stats::default()),
        running: (0..threads).map(|_| Mutex::new(None)).collect(),
    });

    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
    }));
    // Detached threads: a worker stuck on a hung input cannot keep the test from
    // reporting it (the process ends when the test harness does).
    let workers: Vec<_> = (0..threads)
        .map(|worker| {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || work(&shared, worker))
        })
        .collect();
    let started = Instant::now();
    let budget = Duration::from_secs(seconds);
    let mut hung = None;
    while workers.iter().any(|w| !w.is_finished()) {
        std::thread::sleep(Duration::from_millis(100));
        if started.elapsed() >= budget {
            shared.stop.store(true, Ordering::Relaxed);
        }
        hung = shared.running.iter().find_map(|slot| {
            let slot = slot.lock().unwrap();
            let (since, case, text) = slot.as_ref()?;
            (since.elapsed() > hang).then(|| (case.clone(), text.clone()))
        });
        if hung.is_some() {
            shared.stop.store(true, Ordering::Relaxed);
            break;
        }
    }
    panic::set_hook(previous_hook);
    if hung.is_none() {
        for worker in workers {
            assert!(
                worker.join().is_ok(),
                "a worker panicked outside the checks"
            );
        }
    }

    let stats = shared.stats.lock().unwrap();
    println!("{}", summary(&stats, started.elapsed()));
    if let Some((case, text)) = hung {
        let saved = save(&format!("hang-{seed}"), &text);
        panic!(
            "{case} is still running after {} s (saved to {}); {rerun} and MUTATION_CASE \
             repeat it",
            hang.as_secs(),
            saved.map_or_else(|| "nowhere".into(), |p| p.display().to_string())
        );
    }
    assert!(
        stats.failures == 0,
        "{} mutated inputs broke an invariant ({} distinct); seed {seed}: \
         MUTATION_SEED={seed} MUTATION_CASE=N cargo test --test mutation -- --nocapture \
         repeats case N\n\n{}",
        stats.failures,
        stats.distinct.len(),
        failures(&stats)
    );
    assert!(stats.documents > 0, "no mutated document was checked");
    assert!(
        stats.parsed > 0,
        "no mutated input parsed: the mutator breaks everything"
    );
}

thread_local! {
    /// The last panic's message and place, recorded by the test's panic hook.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A worker: runs cases until told to stop.
fn work(shared: &Shared, worker: usize) {
    while !shared.stop.load(Ordering::Relaxed) {
        let number = shared.next.fetch_add(1, Ordering::Relaxed);
        let case = make_case(shared.seed, number, &shared.sources);
        *shared.running[worker].lock().unwrap() =
            Some((Instant::now(), case.describe(), case.text.clone()));
        let started = Instant::now();
        let result = check(&case);
        let took = started.elapsed();
        *shared.running[worker].lock().unwrap() = None;
        record(shared, &case, result, took);
    }
}

/// Runs the invariants on one case, turning a panic into a failure.
fn check(case: &Case) -> Result<Outcome, String> {
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        if case.fragment {
            invariants::check_fragment(&case.text)
        } else {
            invariants::check_document(&case.text)
        }
    }));
    result.unwrap_or_else(|_| {
        let message = LAST_PANIC.with(|last| last.borrow_mut().take());
        Err(format!("panic: {}", message.unwrap_or_default()))
    })
}

fn record(shared: &Shared, case: &Case, result: Result<Outcome, String>, took: Duration) {
    let mut stats = shared.stats.lock().unwrap();
    if case.fragment {
        stats.fragments += 1;
    } else {
        stats.documents += 1;
    }
    let parsed = matches!(result, Ok(Outcome::Parsed { .. }));
    if let Ok(Outcome::Parsed { devices }) = result {
        stats.parsed += 1;
        stats.devices_alone += devices as u64;
    }
    let distinct: BTreeSet<&'static str> = case.classes.iter().copied().collect();
    for class in distinct {
        let entry = stats.classes.entry(class).or_default();
        entry.0 += 1;
        entry.1 += u64::from(parsed);
    }
    let slower = match &stats.slowest {
        Some((slowest, _)) => took > *slowest,
        None => true,
    };
    if slower {
        stats.slowest = Some((took, case.describe()));
    }
    if let Err(message) = result {
        stats.failures += 1;
        let key = message.lines().next().unwrap_or_default().to_owned();
        if stats.distinct.len() < MAX_DISTINCT_FAILURES && !stats.distinct.contains_key(&key) {
            let saved = save(&format!("case-{}-{}", shared.seed, case.number), &case.text);
            let failure = Failure {
                case: case.describe(),
                message,
                saved,
            };
            stats.distinct.insert(key, failure);
        }
    }
}

/// Builds case `number` of the run with `seed`: the same pair gives the same input.
fn make_case(seed: u64, number: u64, sources: &Sources) -> Case {
    let mut rng = Rng::new(seed ^ mutator::splitmix(number));
    let fragment = !sources.fragments.is_empty() && rng.one_in(4);
    let pool = if fragment {
        &sources.fragments
    } else {
        &sources.documents
    };
    let source = rng.pick(pool);
    let mut text = source.text.clone();
    // Now and then the unmutated input, so the invariants also hold on the sources.
    let count = if rng.one_in(50) {
        0
    } else {
        1 + rng.below(MAX_MUTATIONS)
    };
    let mut classes = Vec::new();
    for _ in 0..count {
        let class = rng.below(CLASSES.len());
        if mutator::mutate(class, &mut text, &mut rng) {
            classes.push(CLASSES[class]);
        }
    }
    Case {
        number,
        fragment,
        source: source.name.clone(),
        classes,
        text,
    }
}

/// The project's fixtures, Phyllome's reference domains and (when present) libvirt's
/// corpus; each parsed document's devices, written alone, are the fragments.
fn load_sources() -> Sources {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders: Vec<PathBuf> = [
        "tests/fixtures",
        "benches/fixtures",
        "../shared/reference/phyllome/domains",
    ]
    .iter()
    .map(|folder| root.join(folder))
    .collect();
    let corpus = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    if corpus.is_dir() {
        folders.push(corpus);
    } else {
        common::skip_absent(&corpus);
        println!("mutating the project's own fixtures only");
    }
    let mut documents = Vec::new();
    for folder in folders.iter().filter(|f| f.is_dir()) {
        for path in common::xml_files(folder).expect("read a fixture folder") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                documents.push(Source {
                    name: short_name(&path),
                    text,
                });
            }
        }
    }
    let mut seen = BTreeSet::new();
    let mut fragments = Vec::new();
    for document in &documents {
        let Ok(domain) = Domain::from_xml(&document.text) else {
            continue;
        };
        let devices = domain.devices.map(|d| d.devices).unwrap_or_default();
        for (i, device) in devices.iter().enumerate() {
            if let Ok(text) = device.to_xml() {
                if seen.insert(text.clone()) {
                    let name = format!("{} device {}", document.name, i + 1);
                    fragments.push(Source { name, text });
                }
            }
        }
    }
    Sources {
        documents,
        fragments,
    }
}

fn summary(stats: &Stats, took: Duration) -> String {
    let mut out = format!(
        "{} documents and {} fragments in {:.1} s; {} parsed, {} devices written alone; \
         {} broke an invariant",
        stats.documents,
        stats.fragments,
        took.as_secs_f64(),
        stats.parsed,
        stats.devices_alone,
        stats.failures
    );
    out.push_str("\nper mutation class (cases, still parsed):");
    for (class, (cases, parsed)) in &stats.classes {
        out.push_str(&format!("\n  {class:<20} {cases:>7} {parsed:>7}"));
    }
    if let Some((took, case)) = &stats.slowest {
        out.push_str(&format!("\nslowest input: {case}, {took:?}"));
    }
    out
}

fn failures(stats: &Stats) -> String {
    let mut out = String::new();
    for failure in stats.distinct.values() {
        let saved = failure
            .saved
            .as_ref()
            .map_or_else(String::new, |p| format!(" (input in {})", p.display()));
        out.push_str(&format!(
            "{}{saved}:\n{}\n\n",
            failure.case, failure.message
        ));
    }
    out
}

/// Writes a failing input under the test's temporary folder.
fn save(name: &str, text: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutation");
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{name}.xml"));
    std::fs::write(&path, text).ok()?;
    Some(path)
}

fn short_name(path: &Path) -> String {
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    let folder = path.parent().and_then(Path::file_name);
    match folder {
        Some(folder) => format!("{}/{file}", folder.to_string_lossy()),
        None => file.into_owned(),
    }
}

/// A number from the environment, decimal or `0x` hexadecimal.
fn env_u64(var: &str) -> Option<u64> {
    let value = std::env::var(var).ok()?;
    let value = value.trim();
    let parsed = match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => value.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{var}={value:?} is not a number")))
}

fn clock_seed() -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    mutator::splitmix(now.as_nanos() as u64 ^ u64::from(std::process::id()))
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}
