//! View structs for the `paths` / `operations` interfaces (openapi-typescript's shape), so a
//! fetch client can be typed from them: `operations["get-workspace-build"]["responses"][200]`.

use super::decls::FieldView;
use super::doc;
use super::types::{FieldType, Types};
use crate::error::{Result, escape_pointer_segment};
use crate::model::{Api, MediaType, Operation, ParamLocation};
use crate::naming::{self, Scope};

pub struct PathView {
    /// The path template, quoted.
    pub key: String,
    pub methods: Vec<MethodView>,
}

pub struct MethodView {
    pub method: &'static str,
    /// The operation's key in `operations` as a string literal (an indexed access type needs
    /// one even where the property key is an identifier).
    pub operation: String,
}

pub struct OperationView {
    pub doc: Vec<String>,
    pub key: String,
    pub parameters: Vec<ParamGroupView>,
    pub request_body: Option<BodyView>,
    pub responses: Vec<ResponseView>,
}

/// The parameters in one location; none is written `path?: never`.
pub struct ParamGroupView {
    pub location: &'static str,
    pub optional: bool,
    pub fields: Vec<FieldView>,
}

pub struct BodyView {
    pub optional: bool,
    pub content: Vec<ContentView>,
}

pub struct ContentView {
    /// The media type, quoted.
    pub key: String,
    pub ty: String,
}

pub struct ResponseView {
    pub doc: Vec<String>,
    /// The status: a number literal for `200`, a quoted key for `4XX` / `default`.
    pub key: String,
    pub headers: Vec<FieldView>,
    pub content: Vec<ContentView>,
}

const LOCATIONS: [ParamLocation; 4] = [ParamLocation::Path, ParamLocation::Query, ParamLocation::Header, ParamLocation::Cookie];

pub fn build(api: &Api, types: &Types) -> Result<(Vec<PathView>, Vec<OperationView>)> {
    let mut scope = Scope::new();
    let mut paths: Vec<PathView> = Vec::new();
    let mut operations = Vec::new();
    for operation in &api.operations {
        // Operation ids are meant to be unique but specs repeat them; keys must not.
        let base = operation.id.clone().unwrap_or_else(|| format!("{} {}", operation.method.as_upper(), operation.path));
        let unique = scope.unique(base);
        let key = naming::ts_property_key(&unique);
        let path_key = naming::ts_property_key(&operation.path);
        let literal = serde_json::Value::from(unique).to_string();
        let method = MethodView { method: operation.method.as_str(), operation: literal };
        match paths.iter_mut().find(|p| p.key == path_key) {
            Some(path) => path.methods.push(method),
            None => paths.push(PathView { key: path_key, methods: vec![method] }),
        }
        operations.push(operation_view(operation, key, types)?);
    }
    Ok((paths, operations))
}

fn operation_view(operation: &Operation, key: String, types: &Types) -> Result<OperationView> {
    let at = format!("/paths/{}/{}", escape_pointer_segment(&operation.path), operation.method.as_str());
    let mut doc = operation.summary.as_deref().map(doc::text_lines).unwrap_or_default();
    if let Some(description) = operation.description.as_deref() {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.extend(doc::text_lines(description));
    }
    if operation.deprecated {
        doc.push("@deprecated".to_owned());
    }
    let mut parameters = Vec::new();
    for location in LOCATIONS {
        let mut fields = Vec::new();
        for (i, parameter) in operation.parameters.iter().enumerate().filter(|(_, p)| p.location == location) {
            let mut schema = parameter.schema.clone();
            schema.description = parameter.description.clone().or(schema.description);
            schema.deprecated |= parameter.deprecated;
            let field = FieldType {
                key: naming::ts_property_key(&parameter.name),
                optional: !parameter.required,
                ty: types.expr(&parameter.schema, &format!("{at}/parameters/{i}"))?,
                schema,
            };
            fields.push(FieldView::new(field));
        }
        let optional = fields.iter().all(|f| f.optional);
        parameters.push(ParamGroupView { location: location.as_str(), optional, fields });
    }
    let request_body = match &operation.request_body {
        None => None,
        Some(body) => Some(BodyView {
            optional: !body.required,
            content: content_views(&body.content, types, &format!("{at}/requestBody/content"))?,
        }),
    };
    let mut responses = Vec::new();
    for response in &operation.responses {
        let at = format!("{at}/responses/{}", escape_pointer_segment(&response.status));
        let mut headers = Vec::new();
        for header in &response.headers {
            let mut schema = header.schema.clone();
            schema.description = header.description.clone().or(schema.description);
            let pointer = format!("{at}/headers/{}", escape_pointer_segment(&header.name));
            let ty = types.expr(&header.schema, &pointer)?;
            headers.push(FieldView::new(FieldType { key: naming::ts_property_key(&header.name), optional: true, ty, schema }));
        }
        responses.push(ResponseView {
            doc: doc::text_lines(&response.description),
            key: match response.status_code() {
                Some(code) => code.to_string(),
                None => naming::ts_property_key(&response.status),
            },
            headers,
            content: content_views(&response.content, types, &format!("{at}/content"))?,
        });
    }
    Ok(OperationView { doc, key, parameters, request_body, responses })
}

fn content_views(content: &[MediaType], types: &Types, at: &str) -> Result<Vec<ContentView>> {
    content
        .iter()
        .map(|media| {
            let pointer = format!("{at}/{}/schema", escape_pointer_segment(&media.content_type));
            let ty = match &media.schema {
                Some(schema) => types.expr(schema, &pointer)?,
                None => "unknown".to_owned(),
            };
            Ok(ContentView { key: naming::ts_property_key(&media.content_type), ty })
        })
        .collect()
}
