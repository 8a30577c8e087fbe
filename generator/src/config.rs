//! `codegen.toml`: which spec, which artifacts, where they go.
//!
//! ```toml
//! spec = "specs/workspace-builds.yaml"
//!
//! [rust]                              # omit a table to skip that artifact
//! out = "generated/rust"
//! crate_name = "workspace-builds-api"
//! default_error = "codersdk.Response" # error body schema for statuses the spec leaves out
//!
//! [typescript]
//! out = "generated/ts"
//!
//! [markdown]
//! out = "generated/docs"
//! base_url = "http://coder-server:8080"  # for curl samples; default: the spec's first server
//! ```
//! Paths are relative to the directory holding the config.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The spec, relative to the config's directory.
    pub spec: PathBuf,
    pub rust: Option<crate::emit::rust::RustOptions>,
    pub typescript: Option<crate::emit::typescript::TypeScriptOptions>,
    pub markdown: Option<crate::emit::markdown::MarkdownOptions>,
}

impl Config {
    /// Reads and checks the config at `path`; errors name it as `display`.
    pub fn load(path: &Path, display: &str) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::new(display, "", format!("cannot read the config: {e}")))?;
        Config::parse(&text, display)
    }

    pub fn parse(text: &str, display: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e| {
            let location = match e.span() {
                Some(span) => {
                    let line = text[..span.start].matches('\n').count() + 1;
                    format!("line {line}")
                }
                None => String::new(),
            };
            Error::new(display, location, format!("invalid config: {}", e.message()))
        })
    }
}
