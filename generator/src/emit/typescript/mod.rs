//! The TypeScript emitter: one types file, rendered from askama templates in `templates/`.

use crate::error::Result;
use crate::model::Api;
use crate::output::GeneratedFile;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TypeScriptOptions {
    /// Where the types go, relative to the config (ignored by the emitter itself).
    pub out: PathBuf,
}

pub fn emit(api: &Api, options: &TypeScriptOptions) -> Result<Vec<GeneratedFile>> {
    let _ = (api, options);
    Ok(Vec::new())
}
