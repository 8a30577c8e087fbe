//! One error type for everything a user can get wrong: it names the file and the place in it.

use std::fmt;

/// An error in an input file (spec or config): the file, a JSON pointer into it (or a line and
/// column for syntax errors), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file as the user named it.
    pub file: String,
    /// A JSON pointer (`/definitions/Foo/properties/bar`), `line L column C`, or empty when the
    /// error is about the file as a whole.
    pub location: String,
    pub message: String,
}

impl Error {
    pub fn new(file: impl Into<String>, location: impl Into<String>, message: impl Into<String>) -> Error {
        Error { file: file.into(), location: location.into(), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else if self.location.starts_with('/') {
            write!(f, "{}#{}: {}", self.file, self.location, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.location, self.message)
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Escapes one JSON pointer segment (RFC 6901). Nearly every segment (a property name, a
/// schema name) has nothing to escape, and is then copied without a search for each pattern.
pub fn escape_pointer_segment(segment: &str) -> String {
    if !segment.contains(['~', '/']) {
        return segment.to_owned();
    }
    segment.replace('~', "~0").replace('/', "~1")
}

