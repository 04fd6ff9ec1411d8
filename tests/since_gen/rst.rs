//! What `formatdomain.rst` says about when things appeared.
//!
//! The documentation is prose, so this reads it by rules that are plain to check:
//!
//! - a **section** is a title underlined with `=`, `-`, `~`, `^`, …; the literals of
//!   its first paragraph say which element it is about ("via the ``sound``
//!   element");
//! - a **definition list term** is a line directly followed by a more indented line;
//!   its literals stay in context for the body;
//! - a **literal** is ` ``x`` ` or `"x"`: an element (`<codec>`, `<sound .../>`), an
//!   attribute with a value (`type='virtiofs'`) or a bare name;
//! - an **annotation** is `` :since:`…` ``; its release is the first `X.Y.Z` after
//!   the word "since". Its **subjects**, most likely first: a name written inside it
//!   (`"sd" since 1.1.2`), the literal just before it in the same sentence, every
//!   literal after it when it opens the sentence ("Since 9.4.0 the ``usb`` sound
//!   device … ``multichannel`` attribute"), the other literals before it, and the
//!   literal just after it, and the definition list term the paragraph belongs to.
//!
//! Every other literal is a [`Mention`] without a release, used to find the section
//! that documents a name.

use std::collections::BTreeSet;

/// A literal of the documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lit {
    /// `<name …>`
    Elem(String),
    /// `name='value'`
    AttrValue(String, String),
    /// `name`
    Name(String),
}

impl Lit {
    fn parse(text: &str) -> Option<Lit> {
        let s = text.trim();
        if let Some(rest) = s.strip_prefix('<') {
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
                .collect();
            return is_token(&name).then_some(Lit::Elem(name));
        }
        if let Some((name, value)) = s.split_once('=') {
            let value = value.trim_matches(|c| c == '\'' || c == '"');
            if is_token(name) && !value.contains(char::is_whitespace) {
                return Some(Lit::AttrValue(name.to_owned(), value.to_owned()));
            }
            return None;
        }
        is_token(s).then(|| Lit::Name(s.to_owned()))
    }

    /// The name this literal puts in context (an element's or attribute's name).
    fn context_name(&self) -> &str {
        match self {
            Lit::Elem(n) | Lit::Name(n) | Lit::AttrValue(n, _) => n,
        }
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '+'))
}

/// A release as three numbers.
pub type Release = (u32, u32, u32);

/// A literal of the documentation, with the release its annotation gives (for an
/// annotation's subjects) and what it is said about.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The release, for an annotation's subject.
    pub release: Option<Release>,
    /// How likely the literal is the annotation's subject: 0 is likeliest.
    pub rank: u8,
    /// The literal.
    pub lit: Lit,
    /// The section title.
    pub section: String,
    /// Names in context: the paragraph's literals, the enclosing definition list
    /// terms, the section's first paragraph.
    pub context: BTreeSet<String>,
}

struct Block {
    indent: usize,
    lines: Vec<String>,
}

/// Every mention in the documentation.
pub fn read(text: &str) -> Vec<Mention> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut section = String::new();
    let mut section_context: BTreeSet<String> = BTreeSet::new();
    let mut section_fresh = false;
    let mut terms: Vec<(usize, Vec<Lit>)> = Vec::new();
    let mut code_indent: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        if is_underline(lines[i]) {
            i += 1;
            continue;
        }
        if i + 1 < lines.len() && is_underline(lines[i + 1]) && !lines[i].starts_with(' ') {
            section = lines[i].trim().to_owned();
            section_context.clear();
            section_fresh = true;
            terms.clear();
            code_indent = None;
            i += 2;
            continue;
        }
        let mut block = Block {
            indent: indent_of(lines[i]),
            lines: Vec::new(),
        };
        while i < lines.len() && !lines[i].trim().is_empty() {
            block.lines.push(lines[i].to_owned());
            i += 1;
        }
        if let Some(ci) = code_indent {
            if block.indent > ci {
                continue; // a literal block (XML example)
            }
            code_indent = None;
        }
        if block
            .lines
            .last()
            .is_some_and(|l| l.trim_end().ends_with("::"))
        {
            code_indent = Some(block.indent);
        }
        while terms.last().is_some_and(|(ti, _)| *ti >= block.indent) {
            terms.pop();
        }
        if is_table_border(&block.lines[0]) {
            let mut context = section_context.clone();
            for (_, term) in &terms {
                context.extend(term.iter().map(|l| l.context_name().to_owned()));
            }
            read_table(&block, &section, &context, &mut out);
            continue;
        }
        // A block may hold several definition list items without blank lines
        // between them: a line at the block's indent followed by a more indented one
        // is a term, and the lines after it up to the next such line its body.
        let mut segments: Vec<(Option<&String>, Vec<&String>)> = vec![(None, Vec::new())];
        for (n, line) in block.lines.iter().enumerate() {
            let is_term = block
                .lines
                .get(n + 1)
                .is_some_and(|next| indent_of(next) > indent_of(line))
                && !line.contains(":since:")
                && !literals(line).is_empty()
                && line.trim().starts_with("``");
            let bullet = line.trim_start().starts_with("- ") || line.trim_start().starts_with("* ");
            if is_term {
                segments.push((Some(line), Vec::new()));
            } else if bullet {
                // A list item is a paragraph of its own.
                segments.push((None, vec![line]));
            } else if let Some(last) = segments.last_mut() {
                last.1.push(line);
            }
        }
        for (term, body) in segments {
            if let Some(term) = term {
                let indent = indent_of(term);
                while terms.last().is_some_and(|(ti, _)| *ti >= indent) {
                    terms.pop();
                }
                let term_lits = literals(term).into_iter().map(|(_, l)| l).collect();
                terms.push((indent, term_lits));
            }
            if body.is_empty() {
                continue;
            }
            let paragraph = body.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            let lits = literals(&paragraph);
            if section_fresh {
                section_context.extend(lits.iter().map(|(_, l)| l.context_name().to_owned()));
                section_fresh = false;
            }
            let mut context = section_context.clone();
            context.extend(lits.iter().map(|(_, l)| l.context_name().to_owned()));
            for (_, term) in &terms {
                context.extend(term.iter().map(|l| l.context_name().to_owned()));
            }
            let term_lits: Vec<Lit> = terms.last().map(|(_, t)| t.clone()).unwrap_or_default();
            read_paragraph(&paragraph, &lits, &term_lits, &section, &context, &mut out);
            for (_, term) in &terms {
                for lit in term {
                    out.push(Mention {
                        release: None,
                        rank: 1,
                        lit: lit.clone(),
                        section: section.clone(),
                        context: context.clone(),
                    });
                }
            }
        }
    }
    out
}

/// `=====  =====`: the border of a simple table.
fn is_table_border(line: &str) -> bool {
    let t = line.trim();
    t.contains(' ') && t.starts_with('=') && t.chars().all(|c| c == '=' || c == ' ')
}

/// A simple table: each row's first cell names its subject (a feature element, an
/// event name); an annotation in the row is about it.
fn read_table(block: &Block, section: &str, context: &BTreeSet<String>, out: &mut Vec<Mention>) {
    let mut rows: Vec<String> = Vec::new();
    for line in &block.lines {
        if is_table_border(line) {
            continue;
        }
        if indent_of(line) <= block.indent || rows.is_empty() {
            rows.push(line.trim().to_owned());
        } else if let Some(last) = rows.last_mut() {
            last.push(' ');
            last.push_str(line.trim());
        }
    }
    for row in rows {
        let first = row
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches('`');
        let Some(subject) = Lit::parse(first) else {
            continue;
        };
        let mut context = context.clone();
        context.insert(subject.context_name().to_owned());
        let lits = literals(&row);
        context.extend(lits.iter().map(|(_, l)| l.context_name().to_owned()));
        out.push(Mention {
            release: None,
            rank: 1,
            lit: subject.clone(),
            section: section.to_owned(),
            context: context.clone(),
        });
        for (_, _, content) in annotations_in(&row) {
            for (release, words) in clauses(content) {
                let mut push = |rank, lit: Lit| {
                    out.push(Mention {
                        release: Some(release),
                        rank,
                        lit,
                        section: section.to_owned(),
                        context: context.clone(),
                    })
                };
                push(0, subject.clone());
                for word in words {
                    push(0, word);
                }
            }
        }
    }
}

/// Each `:since:` annotation of `text`: (start, end, content).
fn annotations_in(text: &str) -> Vec<(usize, usize, &str)> {
    let mut annotations = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(":since:`") {
        let start = from + at;
        let content_start = start + ":since:`".len();
        let Some(len) = text[content_start..].find('`') else {
            break;
        };
        annotations.push((
            start,
            content_start + len + 1,
            &text[content_start..content_start + len],
        ));
        from = content_start + len + 1;
    }
    annotations
}

/// The clauses of an annotation (split at `,` and `;`) that give a release, each with
/// the names written in it: `direct and extended modes 11.0.0 (QEMU 7.1.0)` gives
/// 11.0.0 with `direct`, `and`, `extended`, `modes` (names that match nothing in the
/// grammar do no harm).
fn clauses(content: &str) -> Vec<(Release, Vec<Lit>)> {
    let mut out = Vec::new();
    for clause in content.split([',', ';']) {
        let Some(release) = release_in(clause) else {
            continue;
        };
        let words = clause
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
            .map(|w| w.trim_matches(|c| c == '"' || c == '\'' || c == '`'))
            .filter(|w| !w.is_empty() && !w.starts_with(|c: char| c.is_ascii_digit()))
            .filter(|w| !w.eq_ignore_ascii_case("since"))
            .filter_map(Lit::parse)
            .collect();
        out.push((release, words));
    }
    out
}

fn is_underline(line: &str) -> bool {
    let t = line.trim_end();
    t.len() >= 3
        && !line.starts_with(' ')
        && t.chars().all(|c| c == t.chars().next().unwrap_or(' '))
        && t.starts_with(['=', '-', '~', '^', '*', '+', '#', '"'])
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The literals of `text` with their byte offsets (start, end).
fn spans(text: &str) -> Vec<(usize, usize, Lit)> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        if text[i..].starts_with("``") {
            if let Some(end) = text[i + 2..].find("``") {
                if let Some(lit) = Lit::parse(&text[i + 2..i + 2 + end]) {
                    out.push((i, i + end + 4, lit));
                }
                i += end + 4;
                continue;
            }
        } else if bytes[i] == b'"' {
            if let Some(end) = text[i + 1..].find('"') {
                if let Some(lit) = Lit::parse(&text[i + 1..i + 1 + end]) {
                    out.push((i, i + end + 2, lit));
                }
                i += end + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The literals of `text` with their start offsets.
fn literals(text: &str) -> Vec<(usize, Lit)> {
    spans(text).into_iter().map(|(s, _, l)| (s, l)).collect()
}

/// The first `X.Y.Z` (or `X.Y`) in `text`.
fn release_in(text: &str) -> Option<Release> {
    let bytes = text.as_bytes();
    for start in 0..bytes.len() {
        if !bytes[start].is_ascii_digit() || (start > 0 && bytes[start - 1].is_ascii_digit()) {
            continue;
        }
        // `QEMU 8.2.0`: the hypervisor's release, not libvirt's.
        if text[..start]
            .trim_end()
            .to_ascii_lowercase()
            .ends_with("qemu")
        {
            continue;
        }
        let end = text[start..]
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .map_or(text.len(), |e| start + e);
        let parts: Vec<&str> = text[start..end].trim_end_matches('.').split('.').collect();
        if parts.len() >= 2 && parts.len() <= 3 && parts.iter().all(|p| !p.is_empty()) {
            let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
            if n.len() == parts.len() {
                return Some((n[0], n[1], n.get(2).copied().unwrap_or(0)));
            }
        }
    }
    None
}

fn read_paragraph(
    text: &str,
    lits: &[(usize, Lit)],
    term: &[Lit],
    section: &str,
    context: &BTreeSet<String>,
    out: &mut Vec<Mention>,
) {
    let push = |out: &mut Vec<Mention>, release, rank, lit: &Lit| {
        out.push(Mention {
            release,
            rank,
            lit: lit.clone(),
            section: section.to_owned(),
            context: context.clone(),
        })
    };
    let annotations = annotations_in(text);
    let in_annotation = |pos: usize| annotations.iter().any(|(s, e, _)| pos >= *s && pos < *e);
    // Sentence ends: ". " outside literals and annotations.
    let lit_spans = spans(text);
    let in_literal = |pos: usize| lit_spans.iter().any(|(s, e, _)| pos >= *s && pos < *e);
    let ends: Vec<usize> = text
        .match_indices(". ")
        .map(|(i, _)| i)
        .filter(|&i| !in_annotation(i) && !in_literal(i))
        .collect();
    for (start, end, content) in &annotations {
        let lower = content.to_ascii_lowercase();
        let since_at = lower.find("since").unwrap_or(0);
        let Some(release) = release_in(&content[since_at..]) else {
            continue;
        };
        let release = Some(release);
        // A name inside the annotation, before "since".
        let inside = &content[..since_at];
        for (_, lit) in literals(inside) {
            push(out, release, 0, &lit);
        }
        let word = inside.trim().trim_matches(|c| c == '"' || c == '\'');
        if !word.is_empty() {
            if let Some(lit) = Lit::parse(word) {
                push(out, release, 0, &lit);
            }
        }
        // Later clauses naming their own subjects (`…, per-device boot since 0.8.8`).
        for (clause_release, words) in clauses(content).into_iter().skip(1) {
            for word in words {
                push(out, Some(clause_release), 0, &word);
            }
        }
        let mut sentence_start = ends
            .iter()
            .rev()
            .find(|&&e| e < *start)
            .map_or(0, |e| e + 2);
        let sentence_end = ends
            .iter()
            .find(|&&e| e >= *end)
            .copied()
            .unwrap_or(text.len());
        let lead = &text[sentence_start..*start];
        let mut opens = lead
            .chars()
            .all(|c| c.is_whitespace() || c == '(' || c == ',');
        let names_after = lits
            .iter()
            .any(|(p, _)| *p >= *end && *p < sentence_end && !in_annotation(*p));
        if opens && !names_after && sentence_start > 0 {
            // `… the size of each queue. ( :since:`Since 7.8.0` )`: it closes the
            // sentence before.
            opens = false;
            sentence_start = ends
                .iter()
                .rev()
                .find(|&&e| e + 2 < sentence_start)
                .map_or(0, |e| e + 2);
        }
        let before: Vec<&Lit> = lits
            .iter()
            .filter(|(p, _)| *p >= sentence_start && *p < *start && !in_annotation(*p))
            .map(|(_, l)| l)
            .collect();
        let after: Vec<&Lit> = lits
            .iter()
            .filter(|(p, _)| *p >= *end && *p < sentence_end && !in_annotation(*p))
            .map(|(_, l)| l)
            .collect();
        if opens {
            for lit in &after {
                push(out, release, 2, lit);
            }
        } else {
            if let Some(last) = before.last() {
                push(out, release, 1, last);
            }
            for lit in before.iter().rev().skip(1) {
                push(out, release, 3, lit);
            }
            if let Some(first) = after.first() {
                push(out, release, 4, first);
            }
        }
        // The definition list term the paragraph is about, least likely.
        for lit in term {
            push(out, release, 5, lit);
        }
    }
    for (p, lit) in lits {
        if !in_annotation(*p) {
            push(out, None, 1, lit);
        }
    }
}
