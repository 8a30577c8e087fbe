//! The Markdown emitter: the API reference, one page per tag plus schemas and an index,
//! rendered from askama templates in `templates/`.

use crate::error::Result;
use crate::model::Api;
use crate::output::GeneratedFile;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MarkdownOptions {
    /// Where the pages go, relative to the config (ignored by the emitter itself).
    pub out: PathBuf,
    /// Base URL for curl samples; default: the spec's first server.
    #[serde(default)]
    pub base_url: Option<String>,
}

pub fn emit(api: &Api, options: &MarkdownOptions) -> Result<Vec<GeneratedFile>> {
    let _ = (api, options);
    Ok(Vec::new())
}
