//! Parse and emit of three documents, each beside quick-xml's raw event loop over the
//! same bytes in the same run, so the ratio is measured, not assumed.
//!
//! `cargo bench --bench codec`; the ratios are `Domain::from_xml / raw_read` and
//! `Domain::to_xml / raw_write`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use libvirt_domain::Domain;
use quick_xml::events::Event;
use quick_xml::{NsReader, Writer};

const DOCUMENTS: &[(&str, &str)] = &[
    ("seed", include_str!("fixtures/seed.xml")),
    ("q35", include_str!("fixtures/q35.xml")),
    ("large", include_str!("fixtures/large.xml")),
];

/// quick-xml's namespace-resolving event loop, touching every name, attribute value
/// and text the way any reader must: the floor a parser built on it can reach.
fn raw_read(text: &str) -> usize {
    let mut reader = NsReader::from_str(text);
    let mut n = 0;
    loop {
        match reader
            .read_resolved_event()
            .expect("fixture is well formed")
        {
            (_, Event::Start(e)) | (_, Event::Empty(e)) => {
                n += e.local_name().as_ref().len();
                for a in e.attributes() {
                    let a = a.expect("fixture is well formed");
                    n += a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("fixture is well formed")
                        .len();
                }
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

fn parse(c: &mut Criterion) {
    for (name, text) in DOCUMENTS {
        let mut g = c.benchmark_group(format!("parse/{name}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("raw_read", |b| b.iter(|| raw_read(black_box(text))));
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

criterion_group!(benches, parse, emit);
criterion_main!(benches);
