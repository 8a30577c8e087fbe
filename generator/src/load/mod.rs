//! Loading: bytes -> JSON value -> one OpenAPI 3.0 document shape -> the model.
//!
//! Each spec version has its own front-end module. Swagger 2.0 (`swagger2`) is rewritten into
//! the OpenAPI 3.0 document shape the way swagger2openapi does (which is also what Coder's
//! widdershins pipeline renders from), OpenAPI 3.1 (`openapi31`) has its JSON Schema 2020-12
//! spellings rewritten into 3.0's, so that one typed lowering (`openapi3`, with `schema` for
//! schemas) serves every version and nothing downstream knows which version the spec was.

mod locate;
mod openapi3;
mod openapi31;
mod schema;
mod swagger2;

use crate::error::{Error, Result};
use crate::model::Api;
use serde_json::Value;
use std::path::Path;

/// Which front-end a document needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecVersion {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

/// Reads and loads the spec at `path`; errors name it as `display`.
pub fn load_file(path: &Path, display: &str) -> Result<Api> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::new(display, "", format!("cannot read the spec: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::new(display, "", format!("the spec is not UTF-8: {e}")))?;
    let document = parse_document(&text, display)?;
    // The text is not needed past parsing: free it before lowering, the peak of memory.
    drop(text);
    load_value(document, display)
}

/// Loads a spec from its text; errors name it as `display`.
pub fn load_str(text: &str, display: &str) -> Result<Api> {
    let document = parse_document(text, display)?;
    load_value(document, display)
}

/// Loads a spec that is already a JSON value.
pub fn load_value(document: Value, display: &str) -> Result<Api> {
    match detect_version(&document, display)? {
        SpecVersion::Swagger2 => openapi3::lower(swagger2::to_openapi3(document, display)?, display, true),
        SpecVersion::OpenApi30 => openapi3::lower(document, display, false),
        SpecVersion::OpenApi31 => openapi3::lower(openapi31::to_openapi30(document), display, false),
    }
}

/// Parses JSON or YAML, decided by content: a document whose first non-blank character is `{`
/// is JSON (YAML would accept most of it too, but JSON's errors are the useful ones there).
pub fn parse_document(text: &str, display: &str) -> Result<Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = if text.trim_start().starts_with('{') {
        serde_json::from_str::<Value>(text).map_err(|e| {
            Error::new(display, format!("line {} column {}", e.line(), e.column()), format!("invalid JSON: {e}"))
        })?
    } else {
        serde_saphyr::from_str::<Value>(text)
            .map_err(|e| Error::new(display, "", format!("invalid YAML: {e}")))?
    };
    if !value.is_object() {
        return Err(Error::new(display, "", "the spec is not a JSON/YAML object"));
    }
    Ok(value)
}

/// Reads `swagger` / `openapi` and picks the front-end.
pub fn detect_version(document: &Value, display: &str) -> Result<SpecVersion> {
    let version_of = |key: &str| document.get(key).map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()));
    if let Some(v) = version_of("swagger") {
        return match v.as_str() {
            "2.0" => Ok(SpecVersion::Swagger2),
            _ => Err(Error::new(display, "/swagger", format!("unsupported Swagger version {v:?}: only \"2.0\" is supported"))),
        };
    }
    if let Some(v) = version_of("openapi") {
        if v.starts_with("3.0.") {
            return Ok(SpecVersion::OpenApi30);
        }
        if v.starts_with("3.1.") {
            return Ok(SpecVersion::OpenApi31);
        }
        return Err(Error::new(
            display,
            "/openapi",
            format!("unsupported OpenAPI version {v:?}: supported are Swagger 2.0, OpenAPI 3.0.x and 3.1.x"),
        ));
    }
    Err(Error::new(display, "", "not an OpenAPI document: neither `swagger` nor `openapi` is set"))
}

/// Frees a tree of many small allocations (a parsed document, the model) on rayon's pool.
/// Freeing GitHub's document takes about 15 ms and its model about 8: done in line, that is
/// time on the one thread the stage around it waits for.
pub(crate) fn drop_in_background<T: Send + 'static>(tree: T) {
    rayon::spawn(move || drop(tree));
}
