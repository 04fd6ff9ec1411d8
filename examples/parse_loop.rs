//! Parse one of the benchmark fixtures N times, with `Domain::from_xml` or with
//! quick-xml's raw event loop (the same loop as `benches/codec.rs`'s `raw_read`): a
//! steady workload for callgrind's instruction counts and for `perf`.
//!
//! ```sh
//! cargo build --release --example parse_loop
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/parse_loop rhel9 250 parse   # then 50; (Ir250 - Ir50) / 200
//! ```
//!
//! Arguments: fixture name in `benches/fixtures/` (default `rhel9`), number of parses
//! (default 2,000), `parse` (default) or `raw`. Run from the crate's root.

use std::hint::black_box;

use libvirt_domain::Domain;

#[path = "../benches/common/raw_read.rs"]
mod raw_read_loop;
use raw_read_loop::raw_read;

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "rhel9".into());
    let count: usize = args
        .next()
        .map(|s| s.parse().expect("a number of parses"))
        .unwrap_or(2000);
    let raw = args.next().is_some_and(|m| m == "raw");
    let path = format!("benches/fixtures/{name}.xml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut touched = 0;
    for _ in 0..count {
        if raw {
            touched += raw_read(black_box(&text));
        } else {
            let domain = Domain::from_xml(black_box(&text)).expect("fixture parses");
            touched += usize::from(black_box(&domain).memory.is_some());
        }
    }
    println!("{touched}");
}
