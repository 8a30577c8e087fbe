//! The Rust emitter: a crate with serde models (and, later, a client).

use crate::error::Result;
use crate::model::Api;
use crate::output::GeneratedFile;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RustOptions {
    /// Where the crate goes, relative to the config (ignored by the emitter itself).
    pub out: PathBuf,
    /// The package name in the generated `Cargo.toml`.
    pub crate_name: String,
    /// The schema (spec name) API errors decode into when an operation documents no error
    /// response for a status.
    #[serde(default)]
    pub default_error: Option<String>,
}

/// Emits `Cargo.toml` and `src/*.rs`.
pub fn emit(api: &Api, options: &RustOptions) -> Result<Vec<GeneratedFile>> {
    let _ = (api, options);
    Ok(Vec::new())
}
