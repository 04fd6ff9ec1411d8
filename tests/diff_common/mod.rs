//! Helpers shared by the diff tests: seeded value mutation, writing a mutated tree
//! back as text, and paths without identity predicates.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use libvirt_domain::xml::{Element, Node};

/// A path with its identity predicates taken out: `/domain/devices/disk/source/@file`.
pub fn bare(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A small deterministic generator (xorshift64*), so every run makes the same changes.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// A value that differs from `value` in one place and keeps its shape: `yes`↔`no`,
/// `on`↔`off`, otherwise the last character moved to the next digit or letter (so a
/// number stays a number, a MAC address a MAC address), else `x` appended.
pub fn mutate(value: &str) -> String {
    match value {
        "yes" => return "no".into(),
        "no" => return "yes".into(),
        "on" => return "off".into(),
        "off" => return "on".into(),
        _ => {}
    }
    let mut chars: Vec<char> = value.chars().collect();
    match chars.last_mut() {
        Some(c) if c.is_ascii_digit() => {
            *c = if *c == '9' {
                '0'
            } else {
                (*c as u8 + 1) as char
            }
        }
        Some(c) if c.is_ascii_hexdigit() => {
            *c = if c.eq_ignore_ascii_case(&'f') {
                'a'
            } else {
                (*c as u8 + 1) as char
            }
        }
        Some(c) if c.is_ascii_lowercase() => {
            *c = if *c == 'z' {
                'a'
            } else {
                (*c as u8 + 1) as char
            }
        }
        Some(c) if c.is_ascii_uppercase() => {
            *c = if *c == 'Z' {
                'A'
            } else {
                (*c as u8 + 1) as char
            }
        }
        _ => chars.push('x'),
    }
    chars.into_iter().collect()
}

/// Writes an element tree as XML text (enough for a document that was just parsed).
pub fn write(element: &Element, out: &mut String) {
    fn escape(text: &str, out: &mut String) {
        for c in text.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\'' => out.push_str("&apos;"),
                '"' => out.push_str("&quot;"),
                '\t' => out.push_str("&#9;"),
                '\n' => out.push_str("&#10;"),
                '\r' => out.push_str("&#13;"),
                c => out.push(c),
            }
        }
    }
    out.push('<');
    out.push_str(&element.name.qualified());
    if let (Some(ns), Some(prefix)) = (&element.name.namespace, &element.name.prefix) {
        out.push_str(&format!(" xmlns:{prefix}='"));
        escape(ns, out);
        out.push('\'');
    } else if let Some(ns) = &element.name.namespace {
        out.push_str(" xmlns='");
        escape(ns, out);
        out.push('\'');
    }
    for a in &element.attributes {
        if let (Some(ns), Some(prefix)) = (&a.name.namespace, &a.name.prefix) {
            if prefix != "xml" {
                out.push_str(&format!(" xmlns:{prefix}='"));
                escape(ns, out);
                out.push('\'');
            }
        }
        out.push(' ');
        out.push_str(&a.name.qualified());
        out.push_str("='");
        escape(&a.value, out);
        out.push('\'');
    }
    out.push('>');
    for child in &element.children {
        match child {
            Node::Element(e) => write(e, out),
            Node::Text(t) => escape(&t.text, out),
        }
    }
    out.push_str("</");
    out.push_str(&element.name.qualified());
    out.push('>');
}

/// The element at `steps` (child indices) below `root`.
pub fn element_at<'e>(root: &'e mut Element, steps: &[usize]) -> &'e mut Element {
    steps.iter().fold(root, |e, &i| match &mut e.children[i] {
        Node::Element(kid) => kid,
        Node::Text(_) => unreachable!("steps index elements"),
    })
}

/// One value of a tree: the element (child indices from the root), the attribute
/// (`None` for the element's text), and the path without predicates.
#[derive(Debug, Clone)]
pub struct Value {
    /// Child indices (into `children`) from the root to the element.
    pub steps: Vec<usize>,
    /// The attribute's index, or `None` for the element's text.
    pub attribute: Option<usize>,
    /// `/domain/devices/disk/target/@dev`, or the element's path for its text.
    pub path: String,
}

/// Every attribute and every non-blank text of a leaf element in `root`.
pub fn values(root: &Element) -> Vec<Value> {
    fn walk(e: &Element, steps: &mut Vec<usize>, path: &str, out: &mut Vec<Value>) {
        for (i, a) in e.attributes.iter().enumerate() {
            out.push(Value {
                steps: steps.clone(),
                attribute: Some(i),
                path: format!("{path}/@{}", a.name.qualified()),
            });
        }
        if !e.has_elements() && !e.text().trim().is_empty() {
            out.push(Value {
                steps: steps.clone(),
                attribute: None,
                path: path.to_owned(),
            });
        }
        for (i, child) in e.children.iter().enumerate() {
            if let Node::Element(kid) = child {
                steps.push(i);
                walk(kid, steps, &format!("{path}/{}", kid.name.qualified()), out);
                steps.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(
        root,
        &mut Vec::new(),
        &format!("/{}", root.name.qualified()),
        &mut out,
    );
    out
}

/// Changes the value at `value` in `root` with [`mutate`]; returns (old, new).
pub fn change(root: &mut Element, value: &Value) -> (String, String) {
    let element = element_at(root, &value.steps);
    match value.attribute {
        Some(a) => {
            let old = element.attributes[a].value.clone();
            element.attributes[a].value = mutate(&old);
            (old, element.attributes[a].value.clone())
        }
        None => {
            let old = element.text().into_owned();
            let new = mutate(&old);
            element.children = vec![Node::Text(libvirt_domain::xml::Text {
                text: new.clone(),
                position: Default::default(),
            })];
            (old, new)
        }
    }
}
