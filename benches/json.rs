//! Plain JSON (`json` feature) beside serde_json's own derive-shaped output of the same
//! value and beside the XML codec, in the same run.
//!
//! `cargo bench --features json --bench json`. Before measuring it prints each
//! document's size as XML, as plain JSON and as serde_json's derive shape
//! (`serde_json::to_string(&domain)`, the `@`/`$`/`null` keys that plain JSON drops).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use libvirt_domain::json::Value;
use libvirt_domain::Domain;

const DOCUMENTS: &[(&str, &str)] = &[
    ("q35", include_str!("fixtures/q35.xml")),
    ("large", include_str!("fixtures/large.xml")),
];

fn bench(c: &mut Criterion) {
    for (name, xml) in DOCUMENTS {
        let domain = Domain::from_xml(xml).expect("fixture parses");
        let plain = domain.to_json().expect("plain JSON");
        let derived = serde_json::to_string_pretty(&domain).expect("derive-shaped JSON");
        println!(
            "{name}: XML {} bytes, plain JSON {} bytes ({} nulls), derive-shaped JSON {} bytes ({} nulls)",
            xml.len(),
            plain.len(),
            plain.matches("null").count(),
            derived.len(),
            derived.matches("null").count(),
        );
        let mut group = c.benchmark_group(*name);
        group.bench_function("to_json", |b| b.iter(|| black_box(&domain).to_json()));
        group.bench_function("serde_json_derived_write", |b| {
            b.iter(|| serde_json::to_string_pretty(black_box(&domain)))
        });
        group.bench_function("to_xml", |b| b.iter(|| black_box(&domain).to_xml()));
        group.bench_function("from_json", |b| {
            b.iter(|| Domain::from_json(black_box(&plain)))
        });
        group.bench_function("serde_json_value_read", |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(&plain)))
        });
        group.bench_function("from_xml", |b| b.iter(|| Domain::from_xml(black_box(xml))));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
