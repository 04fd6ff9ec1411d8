//! Parse and emit of four documents, each beside quick-xml's raw event loops over the
//! same bytes in the same run, so the ratio is measured, not assumed; and the heap
//! allocations one parse and one emit make (count and bytes), from a counting
//! allocator around the system one; and the two ratios timed in alternating rounds
//! (`ratios`), which a machine whose speed drifts during the run disturbs far less.
//!
//! `cargo bench --bench codec`; the ratios are `Domain::from_xml / raw_read` (plain
//! `Reader`, the yardstick), `Domain::from_xml / raw_read_ns` (`NsReader`) and
//! `Domain::to_xml / raw_write`. The allocation counts are printed before the timings.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use libvirt_domain::Domain;
use quick_xml::events::Event;
use quick_xml::{NsReader, Writer};

#[path = "common/raw_read.rs"]
mod raw_read_loop;
use raw_read_loop::raw_read;

const DOCUMENTS: &[(&str, &str)] = &[
    ("seed", include_str!("fixtures/seed.xml")),
    ("q35", include_str!("fixtures/q35.xml")),
    ("rhel9", include_str!("fixtures/rhel9.xml")),
    ("large", include_str!("fixtures/large.xml")),
];

/// The system allocator, counting allocations (and reallocations) and their bytes.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to `System`; the counters are atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size.saturating_sub(layout.size()), Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes `f` makes (single-threaded: nothing else runs meanwhile).
fn count_allocations<R>(f: impl FnOnce() -> R) -> (usize, usize, R) {
    let (a0, b0) = (
        ALLOCATIONS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    let r = f();
    let (a1, b1) = (
        ALLOCATIONS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    (a1 - a0, b1 - b0, r)
}

/// quick-xml's namespace-resolving event loop, touching every name, attribute value
/// and text the way any reader must.
fn raw_read_ns(text: &str) -> usize {
    let mut reader = NsReader::from_str(text);
    let mut n = 0;
    loop {
        match reader
            .read_resolved_event()
            .expect("fixture is well formed")
        {
            (_, Event::Start(e)) | (_, Event::Empty(e)) => {
                n += e.local_name().as_ref().len() + raw_read_loop::values(&e);
            }
            (_, Event::Text(t)) => n += t.xml10_content().len(),
            (_, Event::Eof) => break,
            _ => n += 1,
        }
    }
    n
}

/// The document's events, owned, for the raw writer.
fn events(text: &str) -> Vec<Event<'static>> {
    let mut reader = NsReader::from_str(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("fixture is well formed") {
            Event::Eof => break,
            e => out.push(e.into_owned()),
        }
    }
    out
}

/// quick-xml's writer emitting the same events: the floor for writing.
fn raw_write(events: &[Event<'static>], capacity: usize) -> usize {
    let mut w = Writer::new(Vec::with_capacity(capacity));
    for e in events {
        w.write_event(e.borrow()).expect("writing to a Vec");
    }
    w.into_inner().len()
}

/// Print the allocations of one parse and one emit of each document.
fn allocations(_: &mut Criterion) {
    println!("allocations per call (count / bytes):");
    for (name, text) in DOCUMENTS {
        let (raw_n, raw_b, _) = count_allocations(|| raw_read(text));
        let (parse_n, parse_b, domain) =
            count_allocations(|| Domain::from_xml(text).expect("fixture parses"));
        let (emit_n, emit_b, _) = count_allocations(|| domain.to_xml().expect("fixture writes"));
        let elements = text.matches('<').count() - text.matches("</").count();
        println!(
            "  {name:6} {:6} B, {elements:4} elements: raw_read {raw_n} / {raw_b} B; \
             from_xml {parse_n} / {parse_b} B; to_xml {emit_n} / {emit_b} B",
            text.len()
        );
    }
}

/// Rounds of [`ratios`].
const ROUNDS: usize = 41;

/// Seconds one side of a round takes, about.
const ROUND_SECONDS: f64 = 0.002;

/// Time `f` over `n` calls, in seconds.
fn time_batch(n: usize, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_secs_f64()
}

/// The median of `v` (sorted here).
fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Print `Domain::from_xml / raw_read` and `Domain::to_xml / raw_write` timed in
/// alternating rounds (a batch of one, then a batch of the other, [`ROUNDS`] times)
/// and the median of the per-round ratios: the machine's speed drifting during a run
/// (a shared VM) moves both sides of a round alike, where criterion's groups, timed
/// one after the other, can be seconds apart.
fn ratios(_: &mut Criterion) {
    println!("ratios, median of {ROUNDS} alternating rounds:");
    for (name, text) in DOCUMENTS {
        let domain = Domain::from_xml(text).expect("fixture parses");
        let evs = events(text);
        let once = time_batch(3, || {
            black_box(Domain::from_xml(black_box(text)).expect("fixture parses"));
        }) / 3.0;
        let n = ((ROUND_SECONDS / once) as usize).max(1);
        let (mut parse, mut emit) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            let raw = time_batch(n * 4, || {
                black_box(raw_read(black_box(text)));
            });
            let ours = time_batch(n, || {
                black_box(Domain::from_xml(black_box(text)).expect("fixture parses"));
            });
            parse.push(ours * 4.0 / raw);
            let raw = time_batch(n * 4, || {
                black_box(raw_write(black_box(&evs), text.len()));
            });
            let ours = time_batch(n, || {
                black_box(black_box(&domain).to_xml().expect("fixture writes"));
            });
            emit.push(ours * 4.0 / raw);
        }
        println!(
            "  {name:6} from_xml / raw_read {:.2}x; to_xml / raw_write {:.2}x",
            median(&mut parse),
            median(&mut emit)
        );
    }
}

fn parse(c: &mut Criterion) {
    for (name, text) in DOCUMENTS {
        let mut g = c.benchmark_group(format!("parse/{name}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("raw_read", |b| b.iter(|| raw_read(black_box(text))));
        g.bench_function("raw_read_ns", |b| b.iter(|| raw_read_ns(black_box(text))));
        g.bench_function("Domain::from_xml", |b| {
            b.iter(|| Domain::from_xml(black_box(text)).expect("fixture parses"))
        });
        g.finish();
    }
}

fn emit(c: &mut Criterion) {
    for (name, text) in DOCUMENTS {
        let domain = Domain::from_xml(text).expect("fixture parses");
        let evs = events(text);
        let mut g = c.benchmark_group(format!("emit/{name}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("raw_write", |b| {
            b.iter(|| raw_write(black_box(&evs), text.len()))
        });
        g.bench_function("Domain::to_xml", |b| {
            b.iter(|| black_box(&domain).to_xml().expect("fixture writes"))
        });
        g.finish();
    }
}

criterion_group!(benches, allocations, ratios, parse, emit);
criterion_main!(benches);
