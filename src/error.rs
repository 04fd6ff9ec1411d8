//! The crate's one error type.

use std::fmt;

use crate::xml;
use crate::xml::error::join_path;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub use crate::xml::Position;

/// Everything that can go wrong in this crate.
///
/// Messages name the place (element path and, when the input had one, line and column)
/// and say what was expected, e.g.
/// `line 5, column 8: /domain/vcpu: expected an unsigned integer, found "abc"`.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The text is not well-formed XML (or uses a feature this crate refuses, such as a DTD).
    #[error("{position}: malformed XML: {message}")]
    Syntax {
        /// Where the reader stopped.
        position: Position,
        /// What the XML reader reported.
        message: String,
    },
    /// The text is not well-formed JSON (`json` feature).
    #[error("{position}: malformed JSON: {message}")]
    Json {
        /// Where the JSON reader stopped.
        position: Position,
        /// What the JSON reader reported.
        message: String,
    },
    /// The XML is well formed but a value or element does not fit the model.
    #[error("{position}: {path}: {message}")]
    Parse {
        /// Where the offending element or attribute starts.
        position: Position,
        /// Element path, e.g. `/domain/devices/disk[2]/target/@dev`.
        path: String,
        /// What was expected and what was found.
        message: String,
    },
    /// Strict parsing found content the model does not know.
    #[error(
        "{position}: {path}: unmodelled {what}; parse without strict mode to keep it as raw XML"
    )]
    Unmodelled {
        /// Where the content starts.
        position: Position,
        /// Path of the content, e.g. `/domain/devices/disk[2]/driver/@discard`.
        path: String,
        /// `element`, `attribute`, `text`, or `value` (a value of a closed set the
        /// model does not know).
        what: &'static str,
    },
    /// A value cannot be written as XML (for example a character XML 1.0 forbids).
    #[error("{path}: {message}")]
    Serialize {
        /// Element path of the value being written.
        path: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A value is outside what libvirt accepts (a size that overflows, an unknown unit, ...).
    #[error("{}", join_path(path, message))]
    Value {
        /// Where the value sits, or empty when unknown.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// `Domain::validate` (or `DomainBuilder::build`) found problems that libvirt would
    /// refuse; every problem found is listed, one per line when displayed.
    #[error("{}", list_problems(.0))]
    Validation(Vec<Problem>),
}

/// How serious a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// libvirt refuses the domain: `Domain::validate` fails.
    #[default]
    Error,
    /// libvirt accepts the domain, but it is almost certainly a mistake (two NICs with
    /// one MAC address): reported by `Domain::lint`.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One semantic problem found by `Domain::validate` or `Domain::lint`: where it is and
/// what is wrong, displayed as `path: message`, e.g.
/// `/domain/cpu/topology: 1 socket × 2 cores × 2 threads = 4, but <vcpu> is 2`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Problem {
    /// Element or attribute path, e.g. `/domain/devices/disk[2]/target/@dev`.
    pub path: String,
    /// What is wrong and what libvirt expects.
    pub message: String,
    /// Whether libvirt refuses it ([`Severity::Error`]) or it is only suspicious.
    pub severity: Severity,
}

impl Problem {
    /// An error at `path`: something libvirt refuses.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
            severity: Severity::Error,
        }
    }

    /// A warning at `path`: legal for libvirt, but almost certainly a mistake.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
            severity: Severity::Warning,
        }
    }

    /// Whether libvirt refuses this problem.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `Ok` when no problem is an error, else [`Error::Validation`] with the errors alone
/// (warnings are dropped: they do not stop libvirt).
pub(crate) fn errors_only(problems: Vec<Problem>) -> Result<(), Error> {
    let errors: Vec<Problem> = problems.into_iter().filter(Problem::is_error).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

fn list_problems(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    lines.join("\n")
}

/// The codec's error as the crate's: variant for variant, same names and fields.
impl From<xml::Error> for Error {
    fn from(e: xml::Error) -> Self {
        match e {
            xml::Error::Syntax { position, message } => Error::Syntax { position, message },
            xml::Error::Parse {
                position,
                path,
                message,
            } => Error::Parse {
                position,
                path,
                message,
            },
            xml::Error::Unmodelled {
                position,
                path,
                what,
            } => Error::Unmodelled {
                position,
                path,
                what,
            },
            xml::Error::Serialize { path, message } => Error::Serialize { path, message },
            xml::Error::Value { path, message } => Error::Value { path, message },
        }
    }
}

/// The crate's error is also the error of the plain JSON format (`src/json/`): its
/// messages are the codec's.
impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        <xml::Error as serde::de::Error>::custom(msg).into()
    }

    fn missing_field(field: &'static str) -> Self {
        <xml::Error as serde::de::Error>::missing_field(field).into()
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        <xml::Error as serde::de::Error>::unknown_variant(variant, expected).into()
    }
}

impl serde::ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        <xml::Error as serde::ser::Error>::custom(msg).into()
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
            | Error::Json { position, .. }
            | Error::Parse { position, .. }
            | Error::Unmodelled { position, .. } => Some(*position),
            _ => None,
        }
    }

    /// The problems of an [`Error::Validation`]; empty for every other error.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Validation(problems) => problems,
            _ => &[],
        }
    }
}
