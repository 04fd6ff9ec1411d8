//! How changes read: one line per change, elements written on one line.

use std::fmt;

use crate::diff::{Change, ChangeKind, DomainDiff, Drift};
use crate::xml::{Element, Node};

/// An element written as compact XML on one line, for an added or removed element.
pub(crate) fn compact(element: &Element) -> String {
    let mut out = String::new();
    write_element(&mut out, element);
    out
}

fn write_element(out: &mut String, element: &Element) {
    out.push('<');
    out.push_str(&element.name.qualified());
    for a in &element.attributes {
        out.push(' ');
        out.push_str(&a.name.qualified());
        out.push_str("='");
        escape(out, &a.value, true);
        out.push('\'');
    }
    if element.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for child in &element.children {
        match child {
            Node::Element(e) => write_element(out, e),
            Node::Text(t) => escape(out, &t.text, false),
        }
    }
    out.push_str("</");
    out.push_str(&element.name.qualified());
    out.push('>');
}

/// Escapes markup, and line ends so that one change stays on one line.
fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '>' => out.push_str("&gt;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        })
    }
}

impl fmt::Display for Change {
    /// `+ PATH: NEW`, `- PATH: OLD` or `~ PATH: OLD → NEW`, with values shown in
    /// double quotes and `\n` escapes so that every change is one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<String>| v.as_deref().map(one_line).unwrap_or_default();
        match self.kind {
            ChangeKind::Added => write!(f, "+ {}: {}", self.path, show(&self.new)),
            ChangeKind::Removed => write!(f, "- {}: {}", self.path, show(&self.old)),
            ChangeKind::Changed => write!(
                f,
                "~ {}: {} → {}",
                self.path,
                show(&self.old),
                show(&self.new)
            ),
        }
    }
}

/// A value on one line: elements as they are (already one line), text quoted.
fn one_line(value: &str) -> String {
    if value.starts_with('<') {
        value.to_owned()
    } else {
        format!("{value:?}")
    }
}

impl fmt::Display for DomainDiff {
    /// One change per line, in document order; nothing for equal domains.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Drift {
    /// One drifted path per line: what the definition set and what libvirt has.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}
