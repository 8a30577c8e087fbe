//! The Rust emitter: a crate with serde models and an async client.
//!
//! `lower` turns the API model into a Rust code model (`types`), `recursion` boxes what
//! must be boxed, and `models`/`enums` print it as token streams formatted by prettyplease.

mod client;
mod enum_texts;
mod enums;
mod format;
mod krate;
mod lower;
mod models;
mod recursion;
mod shape;
mod structs;
mod template;
mod types;

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

/// Model items per formatting unit.
const MODEL_CHUNK: usize = 64;

/// Emits `Cargo.toml`, `src/lib.rs`, `src/models.rs` and `src/client.rs`.
pub fn emit(api: &Api, options: &RustOptions) -> Result<Vec<GeneratedFile>> {
    let (models, client) = models_and_client(api, options.default_error.as_deref())?;
    Ok(vec![
        GeneratedFile::new("Cargo.toml", krate::cargo_toml(&api.source, &options.crate_name)),
        GeneratedFile::new("src/lib.rs", krate::lib_rs(&api.source, &api.info.title)),
        GeneratedFile::new("src/models.rs", models),
        GeneratedFile::new("src/client.rs", client),
    ])
}

/// The `Cargo.toml` of a models crate: what a crate needs to build `src/models.rs`.
pub fn krate_manifest(source: &str, crate_name: &str) -> String {
    krate::cargo_toml(source, crate_name)
}

/// `src/models.rs` and `src/client.rs`. The schemas are lowered once, for both files, and
/// the units of both files (the client's, then chunks of model items) are printed as one
/// parallel batch. `default_error` is the spec name of the schema API
/// errors decode into when an operation documents none for a status.
pub fn models_and_client(api: &Api, default_error: Option<&str>) -> Result<(String, String)> {
    let (mut items, tys) = lower::lower_with_operations(api)?;
    recursion::break_cycles(&mut items);
    let client = client::Units::plan(api, &items, &tys, default_error)?;
    let deprecated = models::deprecated_names(&items);
    let chunks: Vec<&[types::Item]> = items.chunks(MODEL_CHUNK).collect();
    let enum_texts = enum_texts::EnumTexts::default();
    let mut printed = format::in_parallel(client.len() + chunks.len(), |i| match i.checked_sub(client.len()) {
        None => client.print(i),
        Some(chunk) => print_models(chunks[chunk], &deprecated, &enum_texts).map(|text| client::Printed { text, uses: Default::default() }),
    })
    .into_iter()
    .collect::<std::result::Result<Vec<_>, String>>()
    .map_err(|e| format::internal_error(&api.source, e))?;
    format::forget_templates();
    let models = printed.split_off(client.len());
    Ok((format::file(&api.source, models.iter().map(|p| p.text.as_str())), client.finish(printed)?))
}

/// `src/models.rs` alone: self-contained, so it can be `include!`d into any module. (Made by
/// the one path that makes both files, so what tests see is what the crate gets.)
pub fn models_rs(api: &Api) -> Result<String> {
    Ok(models_and_client(api, None)?.0)
}

fn print_models(
    items: &[types::Item],
    deprecated: &std::collections::HashSet<&str>,
    enum_texts: &enum_texts::EnumTexts,
) -> std::result::Result<String, String> {
    let mut out = String::new();
    for item in items {
        out.push_str(&models::print(item, deprecated, enum_texts)?);
    }
    Ok(out)
}
