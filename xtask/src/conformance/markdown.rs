//! Markdown conformance: the reference for both Coder specs and every corpus spec that loads
//! is generated (panics caught) and link-checked: every relative link and anchor must resolve.
//! Specs the loader rejects are counted, not failed. Links the spec's authors wrote into
//! descriptions (to their own sites, or to anchors of their own renderer) are copied verbatim
//! and are not ours to resolve: they are counted apart, not checked.

use super::{Loaded, all_specs, load};
use specweave::emit::markdown::{self, MarkdownOptions, links};
use specweave::model::{Api, Schema, SchemaKind};
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Runs the checks; returns whether all passed.
pub fn run(root: &Path) -> bool {
    let specs = all_specs(root);

    let (mut rejected, mut generated, mut pages, mut link_count, mut authored) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for (name, path) in &specs {
        let api = match load(name, path) {
            Loaded::Api(api) => *api,
            Loaded::Rejected(_) => {
                rejected += 1;
                continue;
            }
            Loaded::Panicked => {
                failures.push(format!("{name}: the loader panicked"));
                continue;
            }
        };
        let options = MarkdownOptions::new("docs");
        match catch_unwind(AssertUnwindSafe(|| markdown::emit(&api, &options))) {
            Ok(Ok(files)) => {
                generated += 1;
                pages += files.len();
                let report = links::check(&files);
                let prose = authored_targets(&api);
                let (from_prose, ours): (Vec<_>, Vec<_>) = report.broken.into_iter().partition(|(_, t)| prose.contains(t));
                authored += from_prose.len();
                link_count += report.links - from_prose.len();
                failures.extend(ours.iter().take(5).map(|(page, target)| format!("{name}: broken link in {page}: {target}")));
            }
            Ok(Err(e)) => failures.push(format!("{name}: {e}")),
            Err(_) => failures.push(format!("{name}: the emitter panicked")),
        }
    }
    println!(
        "markdown conformance: {} specs, {} loaded ({rejected} rejected by the loader), {generated} generated, \
         {pages} pages, {link_count} links checked ({authored} unresolved links from spec descriptions left out), {} failures",
        specs.len(),
        specs.len() - rejected,
        failures.len()
    );
    for failure in failures.iter().take(40) {
        eprintln!("  {failure}");
    }
    failures.is_empty()
}

/// Link targets written in the spec's own descriptions (of the API, tags, operations,
/// parameters, responses and every schema reachable from them).
fn authored_targets(api: &Api) -> HashSet<String> {
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(api.info.description.as_deref());
    texts.extend(api.tags.iter().filter_map(|t| t.description.as_deref()));
    let mut schemas: Vec<&Schema> = api.schemas.values().collect();
    for op in &api.operations {
        texts.extend([op.description.as_deref(), op.summary.as_deref()].into_iter().flatten());
        texts.extend(op.parameters.iter().filter_map(|p| p.description.as_deref()));
        texts.extend(op.request_body.as_ref().and_then(|b| b.description.as_deref()));
        texts.extend(op.responses.iter().map(|r| r.description.as_str()));
        schemas.extend(op.parameters.iter().map(|p| &p.schema));
        let media = op.request_body.iter().flat_map(|b| &b.content).chain(op.responses.iter().flat_map(|r| &r.content));
        schemas.extend(media.filter_map(|m| m.schema.as_ref()));
    }
    while let Some(schema) = schemas.pop() {
        texts.extend(schema.description.as_deref());
        match &schema.kind {
            SchemaKind::Array { items } => schemas.push(items),
            SchemaKind::Object(o) => {
                schemas.extend(o.properties.iter().map(|p| &p.schema));
                schemas.extend(o.additional_properties.as_deref());
            }
            SchemaKind::AllOf(parts) => schemas.extend(parts),
            SchemaKind::OneOf { variants, .. } | SchemaKind::AnyOf { variants, .. } => schemas.extend(variants),
            _ => {}
        }
    }
    texts.iter().flat_map(|t| links::link_targets(t)).collect()
}
