//! A small, explicit XML mutator for the mutation test: a seeded xorshift PRNG, a
//! scanner that finds elements, attributes and text in (mostly) well-formed XML, and
//! one function per mutation class. Every mutation works on `String`s at character
//! boundaries, so its result is always a `&str` the API can take.

use std::ops::Range;

/// xorshift64* seeded through splitmix64: tiny, fast and reproducible.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value, zero included).
    pub fn new(seed: u64) -> Rng {
        Rng(splitmix(seed) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items` (not empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of the strings `items` (not empty).
    pub fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// splitmix64's finaliser: spreads consecutive seeds over the whole range.
pub fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One element found by [`scan`].
struct ElementSpan {
    /// From `<` of the start tag to `>` of the end tag (or of `/>`), inclusive.
    whole: Range<usize>,
    /// The name in the start tag.
    name: Range<usize>,
    /// The name in the end tag (`None` for `<a/>`).
    end_name: Option<Range<usize>>,
    /// Where an attribute can be inserted: just after the start tag's name.
    after_name: usize,
    /// Between the start tag and the end tag (`None` for `<a/>`).
    content: Option<Range<usize>>,
}

/// An element still open while scanning: where its start tag begins, its name, and
/// where its content begins.
struct Open {
    start: usize,
    name: Range<usize>,
    content: usize,
}

/// One attribute found by [`scan`]: ` name='value'`, leading whitespace included.
struct AttributeSpan {
    whole: Range<usize>,
    name: Range<usize>,
    value: Range<usize>,
}

/// What [`scan`] finds in a text.
#[derive(Default)]
struct Markup {
    elements: Vec<ElementSpan>,
    attributes: Vec<AttributeSpan>,
    /// Non-whitespace text between tags.
    texts: Vec<Range<usize>>,
    /// Offsets just before a `<` or just after a `>`: places between markup.
    gaps: Vec<usize>,
}

/// Finds elements, attributes and text. Comments, CDATA, processing instructions and
/// declarations are skipped; an end tag that does not match the open element is
/// ignored, so a text already broken by earlier mutations still yields spans.
fn scan(text: &str) -> Markup {
    let b = text.as_bytes();
    let mut m = Markup::default();
    let mut open: Vec<Open> = Vec::new();
    let mut i = 0;
    while let Some(lt) = find(b, i, b"<") {
        if lt > i && !text[i..lt].trim().is_empty() {
            m.texts.push(i..lt);
        }
        m.gaps.push(lt);
        let rest = &b[lt..];
        let skip_to = |end: &[u8]| find(b, lt + 1, end).map(|at| at + end.len());
        let next = if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_to(b"]]>")
        } else if rest.starts_with(b"<?") {
            skip_to(b"?>")
        } else if rest.starts_with(b"<!") {
            skip_to(b">")
        } else if rest.starts_with(b"</") {
            let name = lt + 2..name_end(b, lt + 2);
            let gt = find(b, name.end, b">");
            if let (Some(gt), Some(top)) = (gt, open.last()) {
                if b[top.name.clone()] == b[name.clone()] {
                    let top = open.pop().expect("an open element");
                    m.elements.push(ElementSpan {
                        whole: top.start..gt + 1,
                        after_name: top.name.end,
                        name: top.name,
                        end_name: Some(name),
                        content: Some(top.content..lt),
                    });
                }
            }
            gt.map(|gt| gt + 1)
        } else {
            start_tag(b, lt, &mut m, &mut open)
        };
        match next {
            Some(next) => {
                m.gaps.push(next);
                i = next;
            }
            None => break,
        }
    }
    m
}

/// Scans the start tag at `lt`, recording its attributes; returns the offset after
/// its `>`.
fn start_tag(b: &[u8], lt: usize, m: &mut Markup, open: &mut Vec<Open>) -> Option<usize> {
    let name = lt + 1..name_end(b, lt + 1);
    let mut i = name.end;
    loop {
        let ws = i;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            None => return None,
            Some(b'>') => {
                open.push(Open {
                    start: lt,
                    name: name.clone(),
                    content: i + 1,
                });
                return Some(i + 1);
            }
            Some(b'/') if b.get(i + 1) == Some(&b'>') => {
                m.elements.push(ElementSpan {
                    whole: lt..i + 2,
                    name: name.clone(),
                    end_name: None,
                    after_name: name.end,
                    content: None,
                });
                return Some(i + 2);
            }
            Some(_) => {}
        }
        let attr_name = i..name_end(b, i);
        i = attr_name.end;
        if attr_name.is_empty() || b.get(i) != Some(&b'=') {
            // Not an attribute we understand: skip the rest of the tag.
            return find(b, i, b">").map(|gt| gt + 1);
        }
        let quote = *b.get(i + 1)?;
        if quote != b'\'' && quote != b'"' {
            return find(b, i, b">").map(|gt| gt + 1);
        }
        let close = find(b, i + 2, &[quote])?;
        m.attributes.push(AttributeSpan {
            whole: ws..close + 1,
            name: attr_name,
            value: i + 2..close,
        });
        i = close + 1;
    }
}

/// The end of a name starting at `from`: the first whitespace, `=`, `/` or `>`.
fn name_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() && !b[i].is_ascii_whitespace() && !b"=/>".contains(&b[i]) {
        i += 1;
    }
    i
}

/// The first offset at or after `from` where `needle` starts.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| from + at)
}

/// Characters that break or bend XML, and odd Unicode.
const CHARS: &[&str] = &[
    "<",
    ">",
    "&",
    "'",
    "\"",
    "/",
    "=",
    ":",
    ";",
    "#",
    "x",
    "0",
    "9",
    "-",
    " ",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\0",
    "\u{1}",
    "\u{1f}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{ad}",
    "é",
    "\u{300}",
    "\u{200b}",
    "\u{200e}",
    "\u{202e}",
    "\u{2028}",
    "\u{feff}",
    "\u{fdd0}",
    "\u{fffd}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{e000}",
    "\u{1f600}",
    "\u{10ffff}",
    "ß",
    "İ",
    "\u{fb01}",
];

/// Character and entity references, good and bad.
const REFERENCES: &[&str] = &[
    "&amp;",
    "&lt;",
    "&gt;",
    "&apos;",
    "&quot;",
    "&#65;",
    "&#x41;",
    "&#x0;",
    "&#0;",
    "&#1;",
    "&#x1F;",
    "&#9;",
    "&#xA;",
    "&#xD;",
    "&#x85;",
    "&#xD800;",
    "&#xDFFF;",
    "&#xFFFE;",
    "&#xFFFF;",
    "&#x10FFFF;",
    "&#x110000;",
    "&#99999999999999999999;",
    "&#;",
    "&#x;",
    "&#-1;",
    "&unknown;",
    "&amp",
    "&",
    "&#x1F600;",
    "&#0000000065;",
];

/// Replacement values: huge and odd numbers, sizes with unknown units, odd text.
const VALUES: &[&str] = &[
    "",
    " ",
    "0",
    "-0",
    "-1",
    "+1",
    " 1 ",
    "01",
    "0x",
    "0x0",
    "0X1f",
    "0xFFFFFFFFFFFFFFFFF",
    "255",
    "256",
    "65535",
    "65536",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "99999999999999999999999999999999999999",
    "1e309",
    "1.5",
    "NaN",
    "inf",
    "1 GiB",
    "4GiB",
    "1 XB",
    "yes",
    "no",
    "on",
    "off",
    "true",
    "default",
    "none",
    "auto",
    "kvm",
    "virtio",
    "\u{1f600}",
    "x\u{0}y",
    "a&#1;b",
    "&#xD800;",
    "]]>",
    "<![CDATA[x]]>",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-fffffffffffffffff",
    "/dev/null",
];

/// Units, known and unknown.
const UNITS: &[&str] = &[
    "b",
    "bytes",
    "B",
    "k",
    "KB",
    "KiB",
    "kib",
    "M",
    "MB",
    "MiB",
    "G",
    "GB",
    "GiB",
    "T",
    "TiB",
    "P",
    "PiB",
    "E",
    "EiB",
    "Z",
    "ZiB",
    "Y",
    "XB",
    "",
    " KiB",
    "KiB ",
    "kilobytes",
    "\u{b5}B",
];

/// Things to drop between markup, before the root and after it.
const MARKUP: &[&str] = &[
    "<!---->",
    "<!-- comment -->",
    "<!-- a -- b -->",
    "<?pi?>",
    "<?pi data?>",
    "<?xml version='1.0'?>",
    "<?xml-stylesheet href='x'?>",
    "<![CDATA[]]>",
    "<![CDATA[text]]>",
    "<![CDATA[<a/>]]>",
    "<!DOCTYPE domain>",
    "<!ENTITY x 'y'>",
    "text",
    "\u{feff}",
    "&amp;",
    "&#32;",
    "<x/>",
    "<unknown a='1'><b/></unknown>",
    "</x>",
    "<",
    "]]>",
];

/// Namespace declarations to add, good and bad.
const NAMESPACES: &[&str] = &[
    " xmlns='urn:other'",
    " xmlns=''",
    " xmlns='http://libvirt.org/schemas/domain/qemu/1.0'",
    " xmlns:qemu='urn:other'",
    " xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'",
    " xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'",
    " xmlns:lxc='http://libvirt.org/schemas/domain/qemu/1.0'",
    " xmlns:x='urn:x'",
    " xmlns:x=''",
    " xmlns:xml='urn:x'",
    " xmlns:xmlns='urn:x'",
    " xmlns:x='a&#1;b'",
    " xmlns:x='&#xD800;'",
    " xmlns:x='\u{1f600}'",
    " xml:lang='en'",
    " x:a='1'",
];

/// Prefixes to put on an element's name.
const PREFIXES: &[&str] = &[
    "qemu:",
    "q:",
    "x:",
    "xml:",
    "xmlns:",
    "undeclared:",
    ":",
    "a:b:",
];

/// The mutation classes, by name (the report counts cases per class).
pub const CLASSES: &[&str] = &[
    "byte",
    "truncate",
    "delete",
    "element-duplicate",
    "element-drop",
    "element-swap",
    "element-copy-into",
    "element-rename",
    "element-empty",
    "attribute-duplicate",
    "attribute-drop",
    "attribute-swap",
    "attribute-copy",
    "value",
    "unit",
    "reference",
    "unicode",
    "namespace",
    "markup",
    "cdata",
];

/// Applies the mutation class `class` (an index into [`CLASSES`]) to `text`.
/// Returns false when the text offered nothing for it (no attribute to drop, say).
pub fn mutate(class: usize, text: &mut String, rng: &mut Rng) -> bool {
    let m = scan(text);
    match CLASSES[class] {
        "byte" => byte(text, rng),
        "truncate" => {
            let at = boundary(text, rng.below(text.len() + 1));
            text.truncate(at);
            true
        }
        "delete" => {
            let from = boundary(text, rng.below(text.len() + 1));
            let to = boundary(text, (from + 1 + rng.below(16)).min(text.len()));
            text.replace_range(from..to, "");
            true
        }
        "element-duplicate" => pick(&m.elements, rng).is_some_and(|e| {
            let copy = text[e.whole.clone()].to_owned();
            text.insert_str(e.whole.end, &copy);
            true
        }),
        "element-drop" => pick(&m.elements, rng).is_some_and(|e| {
            text.replace_range(e.whole.clone(), "");
            true
        }),
        "element-swap" => {
            let (Some(a), Some(b)) = (pick(&m.elements, rng), pick(&m.elements, rng)) else {
                return false;
            };
            swap(text, a.whole.clone(), b.whole.clone())
        }
        "element-copy-into" => {
            let (Some(e), Some(&at)) = (pick(&m.elements, rng), pick(&m.gaps, rng)) else {
                return false;
            };
            let copy = text[e.whole.clone()].to_owned();
            text.insert_str(at, &copy);
            true
        }
        "element-rename" => {
            let (Some(e), Some(other)) = (pick(&m.elements, rng), pick(&m.elements, rng)) else {
                return false;
            };
            let mut name = text[other.name.clone()].to_owned();
            if rng.one_in(3) {
                name = format!("{}{}", rng.pick(PREFIXES), local(&name));
            } else if rng.one_in(4) {
                name.push_str(rng.pick_str(CHARS));
            }
            if let Some(end) = &e.end_name {
                text.replace_range(end.clone(), &name);
            }
            text.replace_range(e.name.clone(), &name);
            true
        }
        "element-empty" => pick(&m.elements, rng).is_some_and(|e| {
            // Empty versus missing: `<a>…</a>` loses its content (or keeps only
            // white space), `<a/>` becomes `<a></a>`.
            match &e.content {
                Some(content) => {
                    let filler = rng.pick_str(&["", " ", "\n  ", "<![CDATA[]]>", "<!---->"]);
                    text.replace_range(content.clone(), filler);
                }
                None => {
                    let name = text[e.name.clone()].to_owned();
                    text.replace_range(e.whole.end - 2..e.whole.end, &format!("></{name}>"));
                }
            }
            true
        }),
        "attribute-duplicate" => pick(&m.attributes, rng).is_some_and(|a| {
            let copy = text[a.whole.clone()].to_owned();
            text.insert_str(a.whole.end, &copy);
            true
        }),
        "attribute-drop" => pick(&m.attributes, rng).is_some_and(|a| {
            text.replace_range(a.whole.clone(), "");
            true
        }),
        "attribute-swap" => {
            let (Some(a), Some(b)) = (pick(&m.attributes, rng), pick(&m.attributes, rng)) else {
                return false;
            };
            if rng.one_in(2) {
                swap(text, a.value.clone(), b.value.clone())
            } else {
                swap(text, a.whole.clone(), b.whole.clone())
            }
        }
        "attribute-copy" => {
            let (Some(a), Some(e)) = (pick(&m.attributes, rng), pick(&m.elements, rng)) else {
                return false;
            };
            let copy = text[a.whole.clone()].to_owned();
            text.insert_str(e.after_name, &copy);
            true
        }
        "value" => {
            let Some(range) = value_or_text(&m, rng) else {
                return false;
            };
            text.replace_range(range, rng.pick_str(VALUES));
            true
        }
        "unit" => {
            let units: Vec<&AttributeSpan> = m
                .attributes
                .iter()
                .filter(|a| text[a.name.clone()].ends_with("unit"))
                .collect();
            pick(&units, rng).is_some_and(|a| {
                text.replace_range(a.value.clone(), rng.pick_str(UNITS));
                true
            })
        }
        "reference" => {
            let Some(range) = value_or_text(&m, rng) else {
                return false;
            };
            reference(text, range, rng);
            true
        }
        "unicode" => {
            let at = match (rng.below(3), value_or_text(&m, rng), pick(&m.elements, rng)) {
                (0, Some(range), _) => range.start + rng.below(range.len() + 1),
                (1, _, Some(e)) => e.name.start + rng.below(e.name.len() + 1),
                _ => rng.below(text.len() + 1),
            };
            let at = boundary(text, at);
            text.insert_str(at, rng.pick_str(CHARS));
            true
        }
        "namespace" => pick(&m.elements, rng).is_some_and(|e| {
            let declaration = rng.pick(NAMESPACES);
            if rng.one_in(3) {
                let prefix = rng.pick(PREFIXES);
                if let Some(end) = &e.end_name {
                    text.insert_str(end.start, prefix);
                }
                text.insert_str(e.after_name, declaration);
                text.insert_str(e.name.start, prefix);
            } else {
                text.insert_str(e.after_name, declaration);
            }
            true
        }),
        "markup" => {
            let at = match pick(&m.gaps, rng) {
                Some(&at) if !rng.one_in(8) => at,
                _ => boundary(text, rng.below(text.len() + 1)),
            };
            text.insert_str(at, rng.pick_str(MARKUP));
            true
        }
        "cdata" => {
            let Some(range) = pick(&m.texts, rng).cloned() else {
                return false;
            };
            let inner = text[range.clone()].to_owned();
            let replacement = match rng.below(3) {
                0 => format!("<![CDATA[{inner}]]>"),
                1 => format!("<![CDATA[]]>{inner}<![CDATA[]]>"),
                _ => {
                    let cut = boundary(&inner, rng.below(inner.len() + 1));
                    format!("{}<!-- -->{}", &inner[..cut], &inner[cut..])
                }
            };
            text.replace_range(range, &replacement);
            true
        }
        other => unreachable!("unknown class {other}"),
    }
}

/// Replaces or flips one character: an ASCII byte has one of its low seven bits
/// flipped (staying ASCII, so the text stays UTF-8), any character may become one of
/// [`CHARS`].
fn byte(text: &mut String, rng: &mut Rng) -> bool {
    if text.is_empty() {
        text.push_str(rng.pick_str(CHARS));
        return true;
    }
    let at = boundary(text, rng.below(text.len()));
    let width = text[at..].chars().next().map_or(1, char::len_utf8);
    let byte = text.as_bytes()[at];
    let replacement = if byte.is_ascii() && rng.one_in(2) {
        char::from(byte ^ (1 << rng.below(7))).to_string()
    } else {
        rng.pick_str(CHARS).to_owned()
    };
    text.replace_range(at..at + width, &replacement);
    true
}

/// Rewrites part of `range` with references: one character as a numeric reference
/// (the same text, as XML reads it), or one of [`REFERENCES`] inserted.
fn reference(text: &mut String, range: Range<usize>, rng: &mut Rng) {
    let at = boundary(text, range.start + rng.below(range.len() + 1));
    match text[at..range.end].chars().next() {
        Some(c) if rng.one_in(2) => {
            let written = if rng.one_in(2) {
                format!("&#{};", u32::from(c))
            } else {
                format!("&#x{:X};", u32::from(c))
            };
            text.replace_range(at..at + c.len_utf8(), &written);
        }
        _ => text.insert_str(at, rng.pick_str(REFERENCES)),
    }
}

/// An attribute value or a text, at random.
fn value_or_text(m: &Markup, rng: &mut Rng) -> Option<Range<usize>> {
    let values = m.attributes.iter().map(|a| a.value.clone());
    let all: Vec<Range<usize>> = values.chain(m.texts.iter().cloned()).collect();
    pick(&all, rng).cloned()
}

/// Swaps two ranges when they do not overlap.
fn swap(text: &mut String, a: Range<usize>, b: Range<usize>) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    if first.end > second.start {
        return false;
    }
    let one = text[first.clone()].to_owned();
    let two = text[second.clone()].to_owned();
    text.replace_range(second, &one);
    text.replace_range(first, &two);
    true
}

/// One of `items`, or `None` when there is none.
fn pick<'a, T>(items: &'a [T], rng: &mut Rng) -> Option<&'a T> {
    (!items.is_empty()).then(|| rng.pick(items))
}

/// The local part of a qualified name.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// `at`, moved back to the nearest character boundary.
fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_elements_attributes_and_text() {
        let text = "<?xml version='1.0'?><a x='1' y=\"2\"><!-- <c/> --><b/>t<![CDATA[<d/>]]></a>";
        let m = scan(text);
        let names: Vec<&str> = m.elements.iter().map(|e| &text[e.name.clone()]).collect();
        assert_eq!(names, ["b", "a"]);
        assert_eq!(&text[m.elements[1].whole.clone()], &text[21..]);
        let content = m.elements[1].content.clone().expect("<a> has content");
        assert_eq!(&text[content], "<!-- <c/> --><b/>t<![CDATA[<d/>]]>");
        assert_eq!(m.elements[0].content, None);
        let values: Vec<&str> = m
            .attributes
            .iter()
            .map(|a| &text[a.value.clone()])
            .collect();
        assert_eq!(values, ["1", "2"]);
        assert_eq!(&text[m.attributes[0].whole.clone()], " x='1'");
        let texts: Vec<&str> = m.texts.iter().map(|t| &text[t.clone()]).collect();
        assert_eq!(texts, ["t"]);
    }
}
