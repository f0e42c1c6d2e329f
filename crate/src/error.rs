//! Errors about what the shell or a saved page handed to the engine.

use std::fmt;

/// Why a page snapshot was refused. Each message is meant for a log line a
/// developer can act on, so it names the field and the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The input was not the expected shape (bad JSON, wrong field type…).
    Malformed(String),
    /// A list in the input is longer than the documented cap.
    TooMany {
        /// The field that was too long.
        field: &'static str,
        /// How many entries it had.
        got: usize,
        /// The documented cap.
        max: usize,
    },
    /// The page URL is not an absolute http(s) URL.
    BadPageUrl(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Malformed(why) => write!(f, "malformed page snapshot: {why}"),
            InputError::TooMany { field, got, max } => {
                write!(f, "page snapshot has {got} {field}, more than the cap of {max}")
            }
            InputError::BadPageUrl(url) => {
                write!(f, "page URL {url:?} is not an absolute http(s) URL")
            }
        }
    }
}

impl std::error::Error for InputError {}
