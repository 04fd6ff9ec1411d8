//! The codec's own error: what can go wrong reading or writing XML, whatever the model.
//!
//! Its variants have the names and fields of the codec-level variants of
//! the crate's `Error`, which converts from it variant for variant, so a caller of the
//! model sees one error type and the codec needs nothing from the rest of the crate.

use std::fmt;

/// Result alias of the codec.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A place in an XML document: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// What can go wrong in the codec. Each variant is the same-named variant of
/// the crate's `Error`, where it is documented for users.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// The text is not well-formed XML (or uses a feature the codec refuses).
    #[error("{position}: malformed XML: {message}")]
    Syntax {
        /// Where the reader stopped.
        position: Position,
        /// What the XML reader reported.
        message: String,
    },
    /// The XML is well formed but a value or element does not fit the type read.
    #[error("{position}: {path}: {message}")]
    Parse {
        /// Where the offending element or attribute starts.
        position: Position,
        /// Element path, e.g. `/domain/devices/disk[2]/target/@dev`.
        path: String,
        /// What was expected and what was found.
        message: String,
    },
    /// Strict parsing found content no field models.
    #[error(
        "{position}: {path}: unmodelled {what}; parse without strict mode to keep it as raw XML"
    )]
    Unmodelled {
        /// Where the content starts.
        position: Position,
        /// Path of the content.
        path: String,
        /// `element`, `attribute`, `text`, or `value`.
        what: &'static str,
    },
    /// A value cannot be written as XML.
    #[error("{path}: {message}")]
    Serialize {
        /// Element path of the value being written.
        path: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A value does not fit (raised by a type's own serde code); the codec adds the
    /// path when it knows it.
    #[error("{}", join_path(path, message))]
    Value {
        /// Where the value sits, or empty when unknown.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// `path: message`, or `message` alone when the path is empty.
pub(crate) fn join_path(path: &str, message: &str) -> String {
    if path.is_empty() {
        message.to_owned()
    } else {
        format!("{path}: {message}")
    }
}

impl Error {
    /// A value error without a known path (the codec adds one when it can).
    pub(crate) fn value(message: impl Into<String>) -> Self {
        Error::Value {
            path: String::new(),
            message: message.into(),
        }
    }

    /// The position this error refers to, when it has one.
    pub fn position(&self) -> Option<Position> {
        match self {
            Error::Syntax { position, .. }
            | Error::Parse { position, .. }
            | Error::Unmodelled { position, .. } => Some(*position),
            Error::Serialize { .. } | Error::Value { .. } => None,
        }
    }
}
