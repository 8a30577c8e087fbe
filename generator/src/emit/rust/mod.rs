//! The Rust emitter: a crate with serde models and an async client.
//!
//! `lower` turns the API model into a Rust code model (`types`), `recursion` boxes what
//! must be boxed, and `models`/`enums` print it as token streams formatted by prettyplease.

mod client;
mod enums;
mod format;
mod krate;
mod lower;
mod models;
mod recursion;
mod types;

use crate::error::{Error, Result};
use crate::model::Api;
use crate::output::{GeneratedFile, header_text};
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

/// Emits `Cargo.toml`, `src/lib.rs`, `src/models.rs` and `src/client.rs`.
/// The schemas are lowered once, for both files.
pub fn emit(api: &Api, options: &RustOptions) -> Result<Vec<GeneratedFile>> {
    let (mut items, tys) = lower::lower_with_operations(api)?;
    recursion::break_cycles(&mut items);
    Ok(vec![
        GeneratedFile::new("Cargo.toml", krate::cargo_toml(&api.source, &options.crate_name)),
        GeneratedFile::new("src/lib.rs", krate::lib_rs(&api.source, &api.info.title)),
        GeneratedFile::new("src/models.rs", format_models(api, &items)?),
        GeneratedFile::new("src/client.rs", client::client_from_lowered(api, &items, &tys, options.default_error.as_deref())?),
    ])
}

/// The `Cargo.toml` of a models crate: what a crate needs to build `src/models.rs`.
pub fn krate_manifest(source: &str, crate_name: &str) -> String {
    krate::cargo_toml(source, crate_name)
}

pub use client::client_rs;

/// `src/models.rs` alone: self-contained, so it can be `include!`d into any module.
pub fn models_rs(api: &Api) -> Result<String> {
    let mut items = lower::lower(api)?;
    recursion::break_cycles(&mut items);
    format_models(api, &items)
}

fn format_models(api: &Api, items: &[types::Item]) -> Result<String> {
    let body = format::items(items)
        .map_err(|e| Error::new(&api.source, "", format!("internal error: the Rust emitter produced invalid code: {e}")))?;
    Ok(format!("// {}\n\n{body}", header_text(&api.source)))
}
