//! Byte offsets into the text being read, turned into line:column only when a position
//! is asked for (an error, or unknown content kept with the place it came from).
//!
//! The reader notes each node's byte offset ([`Loc`]), which costs nothing. Positions
//! asked for in document order are counted on from the last one; the first asked for
//! before the last builds an index of the text in one pass (a mark at every line start
//! and every [`SPAN`] bytes within a long line), and each position after that is a
//! binary search plus a count of at most [`SPAN`] bytes. So a document whose every
//! node is asked for costs linear time, even when it is all on one line.

use std::cell::{Cell, OnceCell};

use crate::xml::error::Position;

/// Longest stretch of a line between two marks, in bytes.
const SPAN: usize = 1024;

/// Where a node starts: a byte offset into the text being read, or a position already
/// known (a tree viewed from an owned [`Element`](crate::xml::Element)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Loc {
    /// Byte offset into the text.
    Offset(usize),
    /// Already a line:column.
    At(Position),
}

/// A place in the text whose line and column are known.
#[derive(Debug, Clone, Copy)]
struct Mark {
    offset: usize,
    line: u32,
    column: u32,
}

/// The line:column of byte offsets into one text.
pub(crate) struct Lines<'t> {
    text: &'t str,
    marks: OnceCell<Vec<Mark>>,
    /// The last position worked out before the index was built: positions asked in
    /// document order (unknown content kept as it is read, most often near the top,
    /// like `<metadata>`) are counted on from it, and the index is built only when a
    /// position before it is asked for.
    cursor: Cell<Mark>,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Lines {
            text,
            marks: OnceCell::new(),
            cursor: Cell::new(Mark {
                offset: 0,
                line: 1,
                column: 1,
            }),
        }
    }

    /// The position of `loc`.
    pub(crate) fn position(&self, loc: Loc) -> Position {
        match loc {
            Loc::At(p) => p,
            Loc::Offset(offset) => self.at(offset),
        }
    }

    /// The line:column of byte `offset` (the end of the text if it is past it).
    pub(crate) fn at(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let cursor = self.cursor.get();
        if offset >= cursor.offset && self.marks.get().is_none() {
            let mark = forward(self.text, cursor, offset);
            self.cursor.set(mark);
            return Position {
                line: mark.line,
                column: mark.column,
            };
        }
        let marks = self.marks.get_or_init(|| index(self.text));
        let i = marks.partition_point(|m| m.offset <= offset);
        let mark = marks[i.saturating_sub(1)];
        let chars = self.text[mark.offset..offset].chars().count();
        Position {
            line: mark.line,
            column: mark
                .column
                .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX)),
        }
    }
}

/// The place of byte `offset` (a character boundary at or after `from`), counted on
/// from `from`: linear in the bytes between.
fn forward(text: &str, from: Mark, offset: usize) -> Mark {
    let between = &text.as_bytes()[from.offset..offset];
    let count = |start: usize| {
        let chars = text[start..offset].chars().count();
        u32::try_from(chars).unwrap_or(u32::MAX)
    };
    match memchr::memrchr(b'\n', between) {
        None => Mark {
            offset,
            line: from.line,
            column: from.column.saturating_add(count(from.offset)),
        },
        Some(last) => {
            let lines = memchr::memchr_iter(b'\n', between).count();
            Mark {
                offset,
                line: from
                    .line
                    .saturating_add(u32::try_from(lines).unwrap_or(u32::MAX)),
                column: 1u32.saturating_add(count(from.offset + last + 1)),
            }
        }
    }
}

/// The marks of `text`, in order of offset.
fn index(text: &str) -> Vec<Mark> {
    let mut marks = Vec::with_capacity(text.len() / 32 + 1);
    let mut line: u32 = 1;
    let mut start = 0;
    let bytes = text.as_bytes();
    loop {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
        // Marks within the line every SPAN bytes, on character boundaries.
        let mut offset = start;
        let mut column: u32 = 1;
        loop {
            marks.push(Mark {
                offset,
                line,
                column,
            });
            let mut next = offset + SPAN;
            if next >= end {
                break;
            }
            while !text.is_char_boundary(next) {
                next += 1;
            }
            let chars = text[offset..next].chars().count();
            column = column.saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
            offset = next;
        }
        if end >= text.len() {
            break;
        }
        line = line.saturating_add(1);
        start = end + 1;
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line:column of `offset` by walking the text from the start.
    fn walk(text: &str, offset: usize) -> Position {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: line as u32,
            column: text[line_start..offset].chars().count() as u32 + 1,
        }
    }

    #[test]
    fn positions_match_a_walk_from_the_start() {
        let long: String = "aé€😀".repeat(700);
        for text in [
            "",
            "a",
            "\n",
            "ab\ncd\n\nef",
            &format!("x\n{long}\ny{long}z\n"),
        ] {
            let lines = Lines::new(text);
            for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
                assert_eq!(lines.at(offset), walk(text, offset), "{offset} in {text:?}");
            }
        }
    }

    #[test]
    fn positions_asked_in_any_order_match_a_walk() {
        let long: String = "aé\n€😀".repeat(300);
        let text = format!("x\n{long}\ny{long}z\n");
        let offsets: Vec<_> = (0..=text.len())
            .filter(|o| text.is_char_boundary(*o))
            .collect();
        // Forward (counted on from the last), then backward (the index).
        let lines = Lines::new(&text);
        for &offset in offsets.iter().step_by(7) {
            assert_eq!(lines.at(offset), walk(&text, offset), "{offset}");
        }
        assert!(lines.marks.get().is_none(), "forward needs no index");
        for &offset in offsets.iter().rev().step_by(5) {
            assert_eq!(lines.at(offset), walk(&text, offset), "{offset}");
        }
        assert!(lines.marks.get().is_some());
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let lines = Lines::new("é\n");
        assert_eq!(lines.at(1), Position { line: 1, column: 1 });
        assert_eq!(lines.at(99), Position { line: 2, column: 1 });
        let known = Position { line: 7, column: 3 };
        assert_eq!(lines.position(Loc::At(known)), known);
    }
}
