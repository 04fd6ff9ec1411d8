#![doc = include_str!("../../docs/json.md")]
//!
//! This module is compiled with the `json` feature (which `cli` turns on).

mod de;
mod names;
mod raw;
mod ser;

pub use names::{CHILDREN_KEY, ELEMENT_SUFFIX, EXTRA_KEY, TEXT_KEY};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
pub use serde_json::Value;

/// How deep JSON text may nest arrays and objects: four levels per element level the
/// XML reader accepts ([`crate::xml::MAX_DEPTH`]). A domain at the XML limit needs
/// about two per level (unknown content: an element object and its `children`
/// array; 514 levels for 256 elements), so every domain that reads from XML reads
/// back from its JSON. Deeper text is an error at the bracket that goes too deep,
/// never a stack overflow.
pub const MAX_DEPTH: usize = 4 * crate::xml::MAX_DEPTH;

use crate::error::{Error, Position, Result};

/// `value` as a plain JSON value, to embed in a larger JSON document (a web API's
/// response, say).
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    ser::to_value(value)
}

/// `value` as plain JSON text, indented by two spaces.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let value = to_value(value)?;
    serde_json::to_string_pretty(&value).map_err(|e| Error::Serialize {
        path: String::new(),
        message: e.to_string(),
    })
}

/// Read `T` from a plain JSON value; errors name the place as a JSON Pointer
/// (`/devices/0/disk/target`).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T> {
    T::deserialize(de::PlainDe {
        value,
        path: String::new(),
    })
}

/// Read `T` from plain JSON text.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    check_depth(text)?;
    // serde_json's own limit (128) is below what the model nests; the depth is checked
    // above, and `serde_stacker` grows the stack on the heap when a level finds little
    // left, so a deep document reads on any thread.
    let mut reader = serde_json::Deserializer::from_str(text);
    reader.disable_recursion_limit();
    let value = Value::deserialize(serde_stacker::Deserializer::new(&mut reader))
        .and_then(|value| reader.end().map(|()| value))
        .map_err(json_error)?;
    from_value(value)
}

/// serde_json's error as [`Error::Json`]: its message ends with the place, which
/// `Error::Json` shows first.
fn json_error(e: serde_json::Error) -> Error {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    Error::Json {
        position: position(e.line(), e.column()),
        message: message.strip_suffix(&suffix).unwrap_or(&message).to_owned(),
    }
}

fn position(line: usize, column: usize) -> Position {
    Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

/// Refuse text whose arrays and objects nest deeper than [`MAX_DEPTH`], naming the
/// bracket that goes too deep (line and byte column, as serde_json counts them).
/// Whether the rest is well-formed is serde_json's to say.
fn check_depth(text: &str) -> Result<()> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut line_start) = (1usize, 0usize);
    for (at, byte) in text.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Error::Json {
                        position: position(line, at - line_start + 1),
                        message: format!("arrays and objects nested deeper than {MAX_DEPTH}"),
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {
                line += 1;
                line_start = at + 1;
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> Option<(u32, u32)> {
        match check_depth(text) {
            Ok(()) => None,
            Err(Error::Json { position, .. }) => Some((position.line, position.column)),
            Err(other) => panic!("unexpected error {other}"),
        }
    }

    #[test]
    fn the_bracket_past_the_limit_is_named_by_line_and_byte_column() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(depth_error(&deep), Some((1, MAX_DEPTH as u32 + 1)));
        let text = format!("{{\"a\":\n  {}", "{\"b\":".repeat(MAX_DEPTH));
        // The first `{` is level 1; the 1,024th `{` of line 2 is the one too deep.
        let column = 2 + 5 * (MAX_DEPTH - 1) + 1;
        assert_eq!(depth_error(&text), Some((2, column as u32)));
        // Closing brackets give levels back.
        let wide = "[]".repeat(10 * MAX_DEPTH);
        assert_eq!(depth_error(&wide), None);
    }

    #[test]
    fn brackets_in_strings_do_not_count_and_escapes_do_not_end_strings() {
        let inside = format!("[\"{}\"]", "[{".repeat(MAX_DEPTH));
        assert_eq!(depth_error(&inside), None);
        let escaped = format!("[\"\\\"{}\"]", "[".repeat(MAX_DEPTH));
        assert_eq!(depth_error(&escaped), None);
        let backslash_then_quote = format!("[\"\\\\\"{}", "[".repeat(MAX_DEPTH));
        assert_eq!(
            depth_error(&backslash_then_quote),
            Some((1, 5 + MAX_DEPTH as u32))
        );
    }
}
