//! Cost per element of documents with many unknown or repeated elements, at two sizes:
//! reading must be linear, so the time per element at 30,000 should stay within 2× of
//! the time at 1,000 (it was quadratic: each left-over element's path was searched
//! from the root).
//!
//! `cargo bench --bench robustness`; criterion reports `elements/s`, whose inverse is
//! the time per element.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use libvirt_domain::Domain;

const SIZES: [usize; 2] = [1_000, 30_000];

/// `n` devices the model does not know, each kept whole as raw XML.
fn unknown_devices(n: usize) -> String {
    let mut s = String::from("<domain type='kvm'>\n  <name>many</name>\n  <devices>\n");
    for i in 0..n {
        s.push_str(&format!("    <x-gizmo id='{i}'><x-part/></x-gizmo>\n"));
    }
    s.push_str("  </devices>\n</domain>\n");
    s
}

/// `n` `<vcpu>` elements: the model takes the first, the rest go to `Extra`.
fn repeated_vcpu(n: usize) -> String {
    let mut s = String::from("<domain type='kvm'>\n  <name>many</name>\n");
    for i in 0..n {
        s.push_str(&format!(
            "  <vcpu placement='static'>{}</vcpu>\n",
            i % 64 + 1
        ));
    }
    s.push_str("</domain>\n");
    s
}

/// `n` `<devices>` blocks of one disk each: the model takes the first block.
fn repeated_devices(n: usize) -> String {
    let mut s = String::from("<domain type='kvm'>\n  <name>many</name>\n");
    for i in 0..n {
        s.push_str(&format!(
            "  <devices><disk type='file' device='disk'><source file='/d/{i}.qcow2'/>\
             <target dev='vda' bus='virtio'/></disk></devices>\n"
        ));
    }
    s.push_str("</domain>\n");
    s
}

/// A family of documents: its name and how to make one with `n` elements.
type Family = (&'static str, fn(usize) -> String);

fn read(c: &mut Criterion) {
    let families: [Family; 3] = [
        ("unknown_devices", unknown_devices),
        ("repeated_vcpu", repeated_vcpu),
        ("repeated_devices", repeated_devices),
    ];
    for (family, make) in families {
        let mut g = c.benchmark_group(format!("from_xml/{family}"));
        g.sample_size(10);
        for n in SIZES {
            let text = make(n);
            g.throughput(Throughput::Elements(n as u64));
            g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
                b.iter(|| Domain::from_xml(black_box(text)).expect("document parses"))
            });
        }
        g.finish();
    }
}

fn write(c: &mut Criterion) {
    let mut g = c.benchmark_group("to_xml/unknown_devices");
    g.sample_size(10);
    for n in SIZES {
        let domain = Domain::from_xml(&unknown_devices(n)).expect("document parses");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &domain, |b, domain| {
            b.iter(|| black_box(domain).to_xml().expect("document writes"))
        });
    }
    g.finish();
}

criterion_group!(benches, read, write);
criterion_main!(benches);
