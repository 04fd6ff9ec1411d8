#![doc = include_str!("../../docs/json.md")]
//!
//! This module is compiled with the `json` feature (which `cli` turns on).

mod de;
mod names;
mod raw;
mod ser;

pub use names::{CHILDREN_KEY, ELEMENT_SUFFIX, EXTRA_KEY, TEXT_KEY};

use serde::de::DeserializeOwned;
use serde::Serialize;
pub use serde_json::Value;

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
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json's message ends with the place, which `Error::Json` shows first.
        let message = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        Error::Json {
            position: Position {
                line: u32::try_from(e.line()).unwrap_or(u32::MAX),
                column: u32::try_from(e.column()).unwrap_or(u32::MAX),
            },
            message: message.strip_suffix(&suffix).unwrap_or(&message).to_owned(),
        }
    })?;
    from_value(value)
}
