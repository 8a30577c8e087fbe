//! The Markdown emitter: the API reference in the layout of Coder's `docs/reference/api/`
//! pages (widdershins with Coder's templates, then their post-processing): one page per
//! tag, `schemas.md`, `authentication.md` and a `README.md` index, rendered from askama
//! templates in `templates/markdown/`. Views precompute every table and sample; templates
//! only lay them out.

pub mod links;
mod operation;
mod rows;
pub mod sample;
mod schemas;
mod status;
mod table;

use crate::error::Result;
use crate::model::{Api, Operation, SecuritySchemeKind};
use crate::naming;
use crate::output::{self, GeneratedFile};
use askama::Template;
use operation::OperationView;
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
    /// The comment line in each tag page's front matter; default: `output::header_text`.
    #[serde(default)]
    pub header: Option<String>,
}

impl MarkdownOptions {
    pub fn new(out: impl Into<PathBuf>) -> MarkdownOptions {
        MarkdownOptions { out: out.into(), base_url: None, header: None }
    }
}

#[derive(Template)]
#[template(path = "markdown/tag.md", escape = "none")]
struct TagPage<'a> {
    header: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    operations: Vec<OperationView>,
}

#[derive(Template)]
#[template(path = "markdown/schemas.md", escape = "none")]
struct SchemasHeading;

#[derive(Template)]
#[template(path = "markdown/index.md", escape = "none")]
struct IndexPage<'a> {
    header: &'a str,
    title: &'a str,
    pages: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "markdown/authentication.md", escape = "none")]
struct AuthenticationPage<'a> {
    header: &'a str,
    /// The schemes table; `None` when the API declares none.
    schemes: Option<String>,
}

/// Every page: tag pages in order of first use, then `schemas.md`, `authentication.md` and
/// `README.md`.
pub fn emit(api: &Api, options: &MarkdownOptions) -> Result<Vec<GeneratedFile>> {
    let header = options.header.clone().unwrap_or_else(|| format!("# {}", output::header_text(&api.source)));
    let base_url = options.base_url.clone().or_else(|| api.servers.first().map(|s| s.url.clone())).unwrap_or_default();
    let mut files = Vec::new();
    let mut index = Vec::new();
    for (tag, ops) in tag_groups(api) {
        let description = api.tags.iter().find(|t| t.name == tag).and_then(|t| t.description.as_deref());
        let page = TagPage {
            header: &header,
            title: &tag,
            description,
            operations: ops.iter().map(|op| operation::build(api, op, &base_url)).collect(),
        };
        let mut file = naming::markdown_page_file(&tag);
        // A tag must not take the name of a page every reference has.
        if ["schemas.md", "authentication.md", "readme.md"].contains(&file.as_str()) {
            file = format!("tag-{file}");
        }
        files.push(GeneratedFile::new(&file, render(&page)));
        index.push((tag, file));
    }
    // Section by section: the views of all of a large API's schemas at once would be a second
    // copy of its largest page.
    let mut schemas_page = String::new();
    render_into(&SchemasHeading, &mut schemas_page);
    for (name, schema) in &api.schemas {
        render_into(&schemas::build(api, name, schema), &mut schemas_page);
    }
    files.push(GeneratedFile::new("schemas.md", finish(schemas_page)));
    index.push(("Schemas".into(), "schemas.md".into()));
    let rows: Vec<Vec<String>> = api.security_schemes.iter().map(|(name, s)| vec![format!("`{name}`"), scheme_text(&s.kind)]).collect();
    let schemes = (!rows.is_empty()).then(|| table::render(&["Scheme", "How to send credentials"], &rows));
    files.push(GeneratedFile::new("authentication.md", render(&AuthenticationPage { header: &header, schemes })));
    index.push(("Authentication".into(), "authentication.md".into()));
    files.push(GeneratedFile::new("README.md", render(&IndexPage { header: &header, title: &api.info.title, pages: index })));
    Ok(files)
}

/// Renders a page; every page ends with exactly one newline.
fn render(page: &impl Template) -> String {
    let mut text = String::new();
    render_into(page, &mut text);
    finish(text)
}

fn render_into(part: &impl Template, text: &mut String) {
    // Rendering plain strings into a String cannot fail.
    let _ = part.render_into(text);
}

/// Ends a page with exactly one newline.
fn finish(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    text.push('\n');
    text
}

/// Operations grouped under their first tag (`Default` when untagged), tags in order of
/// first use; operations marked `x-apidocgen: {skip: true}` left out.
fn tag_groups(api: &Api) -> Vec<(String, Vec<&Operation>)> {
    let tagged = api.operations.iter().filter(|op| !skipped(op));
    crate::model::group_in_order(tagged.map(|op| (op.tags.first().cloned().unwrap_or_else(|| "Default".into()), op)))
}

fn skipped(op: &Operation) -> bool {
    op.extensions.get("x-apidocgen").and_then(|v| v.get("skip")).and_then(|v| v.as_bool()) == Some(true)
}

fn scheme_text(kind: &SecuritySchemeKind) -> String {
    match kind {
        SecuritySchemeKind::ApiKey { name, location } => format!("API key in {} `{name}`", location.as_str()),
        SecuritySchemeKind::Http { scheme, .. } => format!("HTTP `{scheme}` authentication"),
        SecuritySchemeKind::OAuth2 { .. } => "OAuth 2.0 bearer token".into(),
        SecuritySchemeKind::OpenIdConnect { url } => format!("OpenID Connect ({url})"),
    }
}
