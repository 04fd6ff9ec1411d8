//! `Domain::diff` and `Domain::applied_in` on the largest document of libvirt's test
//! corpus, beside `Domain::from_xml` of the same document in the same run.
//!
//! `cargo bench --bench diff`. Reads `LIBVIRT_CORPUS_DIR` (default
//! `../shared/corpus/libvirt-11.3`); when it is absent, measures
//! `benches/fixtures/large.xml` instead and says so.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use libvirt_domain::Domain;

/// The largest `*.xml` of the corpus that parses, as (name, text).
fn largest_corpus_document() -> Option<(String, String)> {
    let dir = std::env::var_os("LIBVIRT_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpus/libvirt-11.3"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
        .collect();
    files.sort();
    files.into_iter().rev().find_map(|(_, path)| {
        let text = std::fs::read_to_string(&path).ok()?;
        Domain::from_xml(&text).ok()?;
        let name = path.file_name()?.to_string_lossy().into_owned();
        Some((name, text))
    })
}

fn diff(c: &mut Criterion) {
    let (name, text) = largest_corpus_document().unwrap_or_else(|| {
        eprintln!("corpus absent: measuring benches/fixtures/large.xml instead");
        (
            "fixtures/large.xml".to_owned(),
            include_str!("fixtures/large.xml").to_owned(),
        )
    });
    eprintln!("diff benchmark document: {name} ({} bytes)", text.len());
    let domain = Domain::from_xml(&text).expect("parses");
    let copy = Domain::from_xml(&text).expect("parses");
    let mut g = c.benchmark_group("diff/largest");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("Domain::from_xml", |b| {
        b.iter(|| Domain::from_xml(black_box(&text)).expect("parses"))
    });
    g.bench_function("Domain::diff", |b| {
        b.iter(|| black_box(&domain).diff(black_box(&copy)).expect("writes"))
    });
    g.bench_function("Domain::applied_in", |b| {
        b.iter(|| black_box(&domain).applied_in(black_box(&copy)).is_ok())
    });
    g.finish();
}

criterion_group!(benches, diff);
criterion_main!(benches);
