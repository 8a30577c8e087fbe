//! The TypeScript emitter: one types file, `api.ts`, in the style of Coder's
//! `site/src/api/typesGenerated.ts`, rendered by the askama template
//! `templates/typescript/api.ts` from the view structs built here.
//!
//! - `types`: schema -> type expression (unions, intersections, arrays, inline objects).
//! - `decls`: one declaration per named schema (interface, enum union + value list, alias).
//! - `operations`: the openapi-typescript style `paths` / `operations` interfaces.
//! - `doc`: doc comment lines.

mod decls;
mod doc;
mod operations;
mod types;

use crate::error::{Error, Result};
use crate::model::Api;
use crate::naming::{self, Target};
use crate::output::{self, GeneratedFile};
use askama::Template;
use decls::Decl;
use operations::{OperationView, PathView};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TypeScriptOptions {
    /// Where the types go, relative to the config (ignored by the emitter itself).
    pub out: PathBuf,
}

/// The generated file's name, relative to the TypeScript output directory.
pub const FILE_NAME: &str = "api.ts";

#[derive(Template)]
#[template(path = "typescript/api.ts", escape = "none")]
struct ApiTemplate {
    header: String,
    decls: Vec<Decl>,
    paths: Vec<PathView>,
    operations: Vec<OperationView>,
}

pub fn emit(api: &Api, options: &TypeScriptOptions) -> Result<Vec<GeneratedFile>> {
    let _ = options;
    let names = naming::type_names(api, Target::TypeScript);
    let types = types::Types::new(api, &names);
    let decls = decls::build(api, &types)?;
    let (paths, operations) = operations::build(api, &types)?;
    let template = ApiTemplate { header: output::header_text(&api.source), decls, paths, operations };
    let contents =
        template.render().map_err(|e| Error::new(&api.source, "", format!("cannot render the TypeScript types: {e}")))?;
    Ok(vec![GeneratedFile::new(FILE_NAME, contents)])
}
