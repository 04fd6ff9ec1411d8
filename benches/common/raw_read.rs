//! quick-xml's plain event loop, shared by `benches/codec.rs` (the yardstick of its
//! ratios) and `examples/parse_loop.rs` (instruction counts).

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// quick-xml's plain event loop (no namespaces), touching every name, attribute value
/// and text, each borrowed where the input allows: the yardstick.
pub fn raw_read(text: &str) -> usize {
    let mut reader = Reader::from_str(text);
    let mut n = 0;
    loop {
        match reader.read_event().expect("fixture is well formed") {
            Event::Start(e) | Event::Empty(e) => n += e.name().as_ref().len() + values(&e),
            Event::Text(t) => n += t.xml10_content().len(),
            Event::Eof => break,
            _ => n += 1,
        }
    }
    n
}

/// The attributes of `e`, each value normalised as XML asks (borrowed where the input
/// allows): their total length, so that nothing is optimised away.
pub fn values(e: &BytesStart<'_>) -> usize {
    let mut n = 0;
    for a in e.attributes() {
        let a = a.expect("fixture is well formed");
        n += a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .expect("fixture is well formed")
            .len();
    }
    n
}
