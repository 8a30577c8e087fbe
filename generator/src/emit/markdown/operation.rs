//! The view of one operation on a tag page: every section precomputed as text, so the
//! template only lays them out.

use super::rows::{self, Mode};
use super::sample::{self, Direction};
use super::{links, status, table};
use crate::model::{Api, Operation, ParamLocation, Schema, SchemaKind, SecuritySchemeKind};

pub struct OperationView {
    pub heading: String,
    pub curl: String,
    pub method_path: String,
    pub description: Option<String>,
    pub body_example: Option<String>,
    pub parameters: Option<String>,
    pub parameter_enums: Option<String>,
    pub examples: Vec<ExampleView>,
    pub responses: String,
    pub response_schema: Option<ResponseSchemaView>,
    pub authenticated: bool,
}

pub struct ExampleView {
    pub title: String,
    pub json: Option<String>,
}

pub struct ResponseSchemaView {
    pub slug: String,
    pub sections: Vec<StatusSchemaView>,
}

pub struct StatusSchemaView {
    pub status: String,
    pub table: String,
    pub enums: Option<String>,
}

/// The heading: summary, else operationId, else `METHOD path`.
pub fn heading(op: &Operation) -> String {
    op.summary
        .clone()
        .or_else(|| op.id.clone())
        .unwrap_or_else(|| format!("{} {}", op.method.as_upper(), op.path))
        .trim()
        .to_owned()
}

pub fn build(api: &Api, op: &Operation, base_url: &str) -> OperationView {
    let heading = heading(op);
    let body = op.request_body.as_ref();
    let body_media = body.and_then(|b| b.content.first());
    let body_example = body_media.and_then(|m| {
        let value = m.example.clone().or_else(|| m.schema.as_ref().and_then(|s| sample::sample(api, s, Some(Direction::Request))))?;
        Some(sample::to_pretty_json(&value))
    });
    let mut params: Vec<Vec<String>> = op
        .parameters
        .iter()
        .map(|p| {
            vec![
                format!("`{}`", p.name),
                p.location.as_str().into(),
                parameter_type(api, &p.schema),
                p.required.to_string(),
                p.description.as_deref().unwrap_or_default().trim().to_owned(),
            ]
        })
        .collect();
    if let Some(body) = body {
        let schema = body_media.and_then(|m| m.schema.as_ref());
        params.push(vec![
            "`body`".into(),
            "body".into(),
            schema.map(|s| parameter_type(api, s)).unwrap_or_else(|| "object".into()),
            body.required.to_string(),
            body.description.as_deref().unwrap_or_default().trim().to_owned(),
        ]);
    }
    let mut enum_pairs = Vec::new();
    for p in &op.parameters {
        let mut schema = resolve(api, &p.schema);
        if let SchemaKind::Array { items } = &schema.kind {
            schema = resolve(api, items);
        }
        if let SchemaKind::Enum { values, .. } = &schema.kind {
            enum_pairs.extend(values.iter().map(|v| (p.name.clone(), v.value.clone())));
        }
    }
    OperationView {
        curl: curl(api, op, base_url),
        method_path: format!("{} {}", op.method.as_upper(), op.path),
        description: op.description.as_ref().map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()),
        body_example,
        parameters: (!params.is_empty()).then(|| trimmed(table::render(&["Name", "In", "Type", "Required", "Description"], &params))),
        parameter_enums: (!enum_pairs.is_empty()).then(|| trimmed(table::render(&["Parameter", "Value(s)"], &rows::group_enums(&enum_pairs)))),
        examples: examples(api, op),
        responses: trimmed(table::render(&["Status", "Meaning", "Description", "Schema"], &response_rows(op))),
        response_schema: response_schema(api, op, &heading),
        authenticated: op.security.as_ref().unwrap_or(&api.security).iter().any(|r| !r.is_empty()),
        heading,
    }
}

fn trimmed(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    text
}

fn resolve<'a>(api: &'a Api, schema: &'a Schema) -> &'a Schema {
    match schema.ref_name().and_then(|n| api.schemas.get(n)) {
        Some(target) => target,
        None => schema,
    }
}

/// A parameter's type: a link to a named schema, else `type(format)`, arrays as
/// `array[item type]`.
fn parameter_type(api: &Api, schema: &Schema) -> String {
    if let Some(name) = schema.ref_name() {
        return format!("[{name}](schemas.md#{})", super::links::anchor(name));
    }
    match &schema.kind {
        SchemaKind::Array { items } => format!("array[{}]", rows::type_name(resolve(api, items))),
        _ => rows::with_format(schema),
    }
}

/// The curl sample: method and URL, then `Content-Type`, `Accept` and the credentials of the
/// first security requirement as headers.
fn curl(api: &Api, op: &Operation, base_url: &str) -> String {
    let mut lines = vec![format!("curl -X {} {}{}", op.method.as_upper(), base_url.trim_end_matches('/'), op.path)];
    if let Some(media) = op.request_body.as_ref().and_then(|b| b.content.first()) {
        lines.push(format!("-H 'Content-Type: {}'", media.content_type));
    }
    if let Some(media) = op.responses.iter().flat_map(|r| &r.content).next() {
        lines.push(format!("-H 'Accept: {}'", media.content_type));
    }
    let security = op.security.as_ref().unwrap_or(&api.security);
    for scheme in security.first().into_iter().flat_map(|r| r.keys()) {
        match api.security_schemes.get(scheme).map(|s| &s.kind) {
            Some(SecuritySchemeKind::ApiKey { name, location: ParamLocation::Header }) => lines.push(format!("-H '{name}: API_KEY'")),
            Some(SecuritySchemeKind::Http { scheme, .. }) if scheme == "basic" => lines.push("-u 'USERNAME:PASSWORD'".into()),
            Some(SecuritySchemeKind::Http { .. } | SecuritySchemeKind::OAuth2 { .. } | SecuritySchemeKind::OpenIdConnect { .. }) => {
                lines.push("-H 'Authorization: Bearer {access-token}'".into())
            }
            _ => {}
        }
    }
    lines.join(" \\\n  ")
}

/// One example: the first JSON response with a schema (or its own example), as widdershins
/// samples once per content kind.
fn examples(api: &Api, op: &Operation) -> Vec<ExampleView> {
    for response in &op.responses {
        for media in &response.content {
            let json = if let Some(example) = &media.example {
                Some(sample::to_pretty_json(example))
            } else if let Some(schema) = &media.schema {
                sample::sample(api, schema, Some(Direction::Response)).map(|v| sample::to_pretty_json(&v))
            } else {
                continue;
            };
            let json = json.filter(|_| media.content_type.contains("json"));
            return vec![ExampleView { title: format!("{} Response", response.status), json }];
        }
    }
    Vec::new()
}

fn response_rows(op: &Operation) -> Vec<Vec<String>> {
    op.responses
        .iter()
        .map(|r| {
            let schema = r.content.first().and_then(|m| m.schema.as_ref()).map(schema_cell).unwrap_or_default();
            vec![r.status.clone(), status::meaning(&r.status), r.description.trim().to_owned(), schema]
        })
        .collect()
}

/// The responses table's schema cell: a link, `array of` a link, or the inline type.
fn schema_cell(schema: &Schema) -> String {
    let link = |name: &str| format!("[{name}](schemas.md#{})", super::links::anchor(name));
    match &schema.kind {
        SchemaKind::Ref(name) => link(name),
        SchemaKind::Array { items } => match items.ref_name() {
            Some(name) => format!("array of {}", link(name)),
            None => format!("array of {}", rows::type_name(items)),
        },
        _ => rows::type_name(schema).into(),
    }
}

/// The flattened schemas of responses whose body is neither a reference nor a scalar.
fn response_schema(api: &Api, op: &Operation, heading: &str) -> Option<ResponseSchemaView> {
    let sections: Vec<StatusSchemaView> = op
        .responses
        .iter()
        .filter_map(|r| {
            let schema = r.content.first()?.schema.as_ref()?;
            if schema.ref_name().is_some() || !matches!(schema.kind, SchemaKind::Array { .. } | SchemaKind::Object(_) | SchemaKind::AllOf(_)) {
                return None;
            }
            let flat = rows::flatten(api, schema, Mode::Operation);
            if flat.rows.is_empty() {
                return None;
            }
            let cells: Vec<Vec<String>> = flat.rows.iter().map(rows::Row::cells).collect();
            Some(StatusSchemaView {
                status: r.status.clone(),
                table: trimmed(table::render(&["Name", "Type", "Required", "Restrictions", "Description"], &cells)),
                enums: (!flat.enums.is_empty()).then(|| trimmed(table::render(&["Property", "Value(s)"], &rows::group_enums(&flat.enums)))),
            })
        })
        .collect();
    (!sections.is_empty()).then(|| ResponseSchemaView { slug: links::widdershins_slug(heading), sections })
}
