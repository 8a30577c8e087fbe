//! The OpenAPI 3.0 front-end: a typed parse with `openapiv3`, then lowering into the model.
//! Swagger 2.0 documents arrive here already rewritten by `swagger2`.

use super::swagger2;
use crate::error::{Error, Result, escape_pointer_segment};
use crate::model::{
    Api, Extensions, Header, Info, MediaType, Method, OAuthFlow, Operation, ParamLocation,
    Parameter, RequestBody, Response, Schema, SecurityScheme, SecuritySchemeKind, Server, Tag,
};
use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr};
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashSet;

/// Lowering state: the raw document (for `$ref`s that point anywhere), and guards. Entries of
/// `paths` and `components/schemas` are lowered in parallel, each by a lowerer of its own.
pub struct Lowerer<'a> {
    raw: &'a Value,
    display: &'a str,
    /// Errors point into the document the user wrote: for a Swagger 2.0 spec, pointers into
    /// the rewritten document are mapped back.
    from_swagger2: bool,
    pub schema_names: &'a HashSet<String>,
    /// Non-component `$ref`s being inlined, to refuse cycles through them.
    pub inlining: Vec<String>,
    pub depth: usize,
}

/// Why an entry of `paths` or `components/schemas` did not lower.
enum Failure {
    /// Its typed parse failed: the error is found by `document_error`, once, for the first.
    Unparsed,
    Invalid(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Invalid(e)
    }
}

/// Lowers an OpenAPI 3.0 document into the model. `from_swagger2` says the document was
/// rewritten by `swagger2`, so error pointers are mapped back into the 2.0 document.
///
/// `paths` and `components/schemas`, nearly all of a document, are parsed one entry at a time
/// as they are lowered, and the rest (the shell) at once: a typed copy of the whole document
/// beside its JSON would be the peak of memory (about 77 MB more for GitHub's 13 MB one).
pub fn lower(mut raw: Value, display: &str, from_swagger2: bool) -> Result<Api> {
    let paths = raw.get_mut("paths").map(hollow);
    let schemas = raw.get_mut("components").and_then(|c| c.get_mut("schemas")).map(hollow);
    let shell = OpenAPI::deserialize(&raw);
    if let Some(paths) = paths {
        raw["paths"] = paths;
    }
    if let Some(schemas) = schemas {
        raw["components"]["schemas"] = schemas;
    }
    let no_names = HashSet::new();
    let cx = Lowerer { raw: &raw, display, from_swagger2, schema_names: &no_names, inlining: Vec::new(), depth: 0 };
    let Ok(shell) = shell else { return Err(cx.document_error()) };
    let names: HashSet<String> = cx.entries("/components/schemas")?.map(|(name, _)| name.clone()).collect();
    let api = Lowerer { schema_names: &names, ..cx }.api(&shell);
    super::drop_in_background(raw);
    api
}

/// Takes a map out of the document, leaving an empty one in its place.
fn hollow(value: &mut Value) -> Value {
    std::mem::replace(value, Value::Object(serde_json::Map::new()))
}

impl<'a> Lowerer<'a> {
    /// A `$ref` as the user wrote it (in 2.0 terms for a rewritten Swagger 2.0 document).
    pub fn user_ref(&self, reference: &str) -> String {
        match reference.strip_prefix('#') {
            Some(pointer) if self.from_swagger2 => format!("#{}", swagger2::original_pointer(pointer)),
            _ => reference.to_owned(),
        }
    }

    pub fn err(&self, at: &str, message: impl Into<String>) -> Error {
        let at = if self.from_swagger2 { swagger2::original_pointer(at) } else { at.to_owned() };
        Error::new(self.display, at, message)
    }

    /// Deserializes a typed value from `value`, found at pointer `at`; errors carry the
    /// pointer of the offending field.
    pub fn deserialize<T: serde::de::DeserializeOwned>(&self, value: &Value, at: &str) -> Result<T> {
        // Tracking the path costs on every field; a valid document (the usual case) is read
        // without it, and only a failing one is read again to say where it fails.
        if let Ok(typed) = T::deserialize(value) {
            return Ok(typed);
        }
        serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
            let mut pointer = at.to_owned();
            for segment in e.path().iter() {
                use serde_path_to_error::Segment;
                match segment {
                    Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
                    Segment::Map { key } => pointer.push_str(&format!("/{}", escape_pointer_segment(key))),
                    Segment::Enum { .. } | Segment::Unknown => {}
                }
            }
            self.err(&pointer, format!("invalid document: {}", e.inner()))
        })
    }

    /// The raw value a local `$ref` points at.
    pub fn resolve_raw(&self, reference: &str, at: &str) -> Result<&'a Value> {
        let Some(pointer) = reference.strip_prefix('#') else {
            return Err(self.err(at, format!("external $ref {reference:?} is not supported: bundle the spec into one file first")));
        };
        self.raw
            .pointer(pointer)
            .ok_or_else(|| self.err(at, format!("dangling $ref {:?}: nothing is there", self.user_ref(reference))))
    }

    /// Follows a component `$ref` (parameter, response, request body, header) to its typed
    /// value, parsed from the raw document; an inline value is lent as it is.
    fn component<'x, T: serde::de::DeserializeOwned + Clone>(&self, item: &'x ReferenceOr<T>, at: &str) -> Result<(Cow<'x, T>, String)> {
        match item {
            ReferenceOr::Item(t) => Ok((Cow::Borrowed(t), at.to_owned())),
            ReferenceOr::Reference { reference } => {
                let mut seen = vec![reference.clone()];
                let mut reference = reference.clone();
                loop {
                    let raw = self.resolve_raw(&reference, at)?;
                    let target_at = reference.trim_start_matches('#').to_owned();
                    match raw.get("$ref").and_then(Value::as_str) {
                        Some(next) if seen.iter().any(|s| s == next) => {
                            return Err(self.err(at, format!("$ref cycle through {reference:?}")));
                        }
                        Some(next) => {
                            seen.push(next.to_owned());
                            reference = next.to_owned();
                        }
                        None => return Ok((Cow::Owned(self.deserialize(raw, &target_at)?), target_at)),
                    }
                }
            }
        }
    }

    /// The error of a document that does not parse: serde loses the path inside untagged
    /// enums (every `$ref`-or-object), so the innermost piece that fails on its own is found,
    /// for an error that points at it.
    fn document_error(&self) -> Error {
        match self.deserialize::<OpenAPI>(self.raw, "") {
            Err(e) => super::locate::innermost_error(self, self.raw).unwrap_or(e),
            Ok(_) => self.err("", "invalid document"),
        }
    }

    /// The entries of the map at `pointer` (none where there is nothing).
    fn entries(&self, pointer: &str) -> Result<impl Iterator<Item = (&'a String, &'a Value)> + use<'a>> {
        match self.raw.pointer(pointer) {
            None => Ok(None.into_iter().flatten()),
            Some(Value::Object(map)) => Ok(Some(map.iter()).into_iter().flatten()),
            Some(_) => Err(self.document_error()),
        }
    }

    /// A lowerer for one entry: the same document, guards of its own.
    fn fork(&self) -> Lowerer<'a> {
        Lowerer { inlining: Vec::new(), depth: 0, ..*self }
    }

    fn failure(&self, failure: Failure) -> Error {
        match failure {
            Failure::Unparsed => self.document_error(),
            Failure::Invalid(e) => e,
        }
    }

    /// The entries of `paths` and `components/schemas` are parsed and lowered on rayon's pool,
    /// each on its own (they share only the document, read-only), and put back in document
    /// order; the first error in that order is the one reported, as in a sequential run.
    fn api(&self, doc: &OpenAPI) -> Result<Api> {
        use rayon::prelude::*;
        let schema_entries: Vec<(&'a String, &'a Value)> = self.entries("/components/schemas")?.collect();
        // As openapiv3 reads `paths`: keys that start with `/` (`x-` ones are extensions).
        let path_entries: Vec<(&'a String, &'a Value)> = self.entries("/paths")?.filter(|(path, _)| path.starts_with('/')).collect();
        let (lowered_schemas, lowered_paths) = rayon::join(
            || schema_entries.par_iter().map(|(name, raw)| self.fork().component_schema(name, raw)).collect::<Vec<_>>(),
            || path_entries.par_iter().map(|(path, raw)| self.fork().path_item(path, raw)).collect::<Vec<_>>(),
        );
        let mut schemas = IndexMap::with_capacity(schema_entries.len());
        for ((name, _), lowered) in schema_entries.iter().zip(lowered_schemas) {
            schemas.insert((*name).clone(), lowered.map_err(|f| self.failure(f))?);
        }
        let mut security_schemes = IndexMap::new();
        if let Some(components) = &doc.components {
            for (name, scheme) in &components.security_schemes {
                let at = format!("/components/securitySchemes/{}", escape_pointer_segment(name));
                let (scheme, _) = self.component(scheme, &at)?;
                security_schemes.insert(name.clone(), security_scheme(scheme.into_owned()));
            }
        }
        let mut operations = Vec::new();
        for lowered in lowered_paths {
            operations.extend(lowered.map_err(|f| self.failure(f))?);
        }
        Ok(Api {
            source: self.display.to_owned(),
            info: Info {
                title: doc.info.title.clone(),
                version: doc.info.version.clone(),
                description: doc.info.description.clone(),
            },
            servers: doc.servers.iter().map(|s| Server { url: s.url.clone(), description: s.description.clone() }).collect(),
            tags: doc.tags.iter().map(|t| Tag { name: t.name.clone(), description: t.description.clone() }).collect(),
            schemas,
            operations,
            security_schemes,
            security: doc.security.clone().unwrap_or_default(),
            extensions: extensions(&doc.extensions),
        })
    }

    /// One entry of `components/schemas`, parsed and lowered.
    fn component_schema(&mut self, name: &str, raw: &Value) -> std::result::Result<Schema, Failure> {
        let at = format!("/components/schemas/{}", escape_pointer_segment(name));
        let schema = reference_or::<openapiv3::Schema>(raw).ok_or(Failure::Unparsed)?;
        Ok(self.schema_or_ref(&schema, &at)?)
    }

    /// The operations of one entry of `paths`, parsed and lowered.
    fn path_item(&mut self, path: &str, raw: &Value) -> std::result::Result<Vec<Operation>, Failure> {
        let at = format!("/paths/{}", escape_pointer_segment(path));
        let parsed = reference_or::<openapiv3::PathItem>(raw).ok_or(Failure::Unparsed)?;
        let (item, item_at) = self.component(&parsed, &at)?;
        let mut operations = Vec::new();
        for method in Method::ALL {
            let op = match method {
                Method::Get => &item.get,
                Method::Put => &item.put,
                Method::Post => &item.post,
                Method::Delete => &item.delete,
                Method::Options => &item.options,
                Method::Head => &item.head,
                Method::Patch => &item.patch,
                Method::Trace => &item.trace,
            };
            if let Some(op) = op {
                let op_at = format!("{item_at}/{}", method.as_str());
                operations.push(self.operation(path, method, op, &item.parameters, &item_at, &op_at)?);
            }
        }
        Ok(operations)
    }

    fn operation(
        &mut self,
        path: &str,
        method: Method,
        op: &openapiv3::Operation,
        shared: &[ReferenceOr<openapiv3::Parameter>],
        item_at: &str,
        at: &str,
    ) -> Result<Operation> {
        let mut parameters: Vec<Parameter> = Vec::new();
        let own_at = format!("{at}/parameters");
        let shared_at = format!("{item_at}/parameters");
        let own: Vec<Parameter> = op.parameters.iter().enumerate().map(|(i, p)| self.parameter(p, &format!("{own_at}/{i}"))).collect::<Result<_>>()?;
        for (i, p) in shared.iter().enumerate() {
            let p = self.parameter(p, &format!("{shared_at}/{i}"))?;
            if !own.iter().any(|o| o.name == p.name && o.location == p.location) {
                parameters.push(p);
            }
        }
        parameters.extend(own);
        let request_body = match &op.request_body {
            Some(body) => {
                let (body, body_at) = self.component(body, &format!("{at}/requestBody"))?;
                let content = self.content(&body.content, &format!("{body_at}/content"))?;
                Some(RequestBody {
                    description: body.description.clone(),
                    required: body.required,
                    name: op.extensions.get("x-codegen-request-body-name").and_then(Value::as_str).map(str::to_owned),
                    content,
                    extensions: extensions(&body.extensions),
                })
            }
            None => None,
        };
        let mut responses = Vec::new();
        let responses_at = format!("{at}/responses");
        for (status, response) in &op.responses.responses {
            let status = status.to_string();
            let rat = format!("{responses_at}/{status}");
            responses.push(self.response(status, response, &rat)?);
        }
        if let Some(default) = &op.responses.default {
            responses.push(self.response("default".into(), default, &format!("{responses_at}/default"))?);
        }
        let mut extensions = extensions(&op.extensions);
        extensions.remove("x-codegen-request-body-name");
        Ok(Operation {
            id: op.operation_id.clone(),
            method,
            path: path.to_owned(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            tags: op.tags.clone(),
            deprecated: op.deprecated,
            parameters,
            request_body,
            responses,
            security: op.security.clone(),
            extensions,
        })
    }

    fn parameter(&mut self, param: &ReferenceOr<openapiv3::Parameter>, at: &str) -> Result<Parameter> {
        use openapiv3::Parameter as P;
        let (param, at) = self.component(param, at)?;
        let (location, explode_default, separator) = match &*param {
            P::Query { style, .. } => {
                let sep = match style {
                    openapiv3::QueryStyle::SpaceDelimited => ' ',
                    openapiv3::QueryStyle::PipeDelimited => '|',
                    _ => ',',
                };
                (ParamLocation::Query, matches!(style, openapiv3::QueryStyle::Form), sep)
            }
            P::Header { .. } => (ParamLocation::Header, false, ','),
            P::Path { .. } => (ParamLocation::Path, false, ','),
            P::Cookie { .. } => (ParamLocation::Cookie, true, ','),
        };
        let data = param.parameter_data_ref();
        let schema = match &data.format {
            openapiv3::ParameterSchemaOrContent::Schema(schema) => self.schema_or_ref(schema, &format!("{at}/schema"))?,
            openapiv3::ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                Some((ct, media)) => match &media.schema {
                    Some(s) => self.schema_or_ref(s, &format!("{at}/content/{}/schema", escape_pointer_segment(ct)))?,
                    None => Schema::default(),
                },
                None => Schema::default(),
            },
        };
        let separator = if data.extensions.get("x-collectionFormat").and_then(Value::as_str) == Some("tsv") { '\t' } else { separator };
        Ok(Parameter {
            name: data.name.clone(),
            location,
            description: data.description.clone(),
            required: data.required || location == ParamLocation::Path,
            deprecated: data.deprecated.unwrap_or(false),
            schema,
            explode: data.explode.unwrap_or(explode_default),
            array_separator: separator,
            extensions: extensions(&data.extensions),
        })
    }

    fn response(&mut self, status: String, response: &ReferenceOr<openapiv3::Response>, at: &str) -> Result<Response> {
        let (response, at) = self.component(response, at)?;
        let content = self.content(&response.content, &format!("{at}/content"))?;
        let mut headers = Vec::new();
        for (name, header) in &response.headers {
            let hat = format!("{at}/headers/{}", escape_pointer_segment(name));
            let (header, hat) = self.component(header, &hat)?;
            let schema = match &header.format {
                openapiv3::ParameterSchemaOrContent::Schema(s) => self.schema_or_ref(s, &format!("{hat}/schema"))?,
                openapiv3::ParameterSchemaOrContent::Content(_) => Schema::default(),
            };
            headers.push(Header { name: name.clone(), description: header.description.clone(), schema });
        }
        Ok(Response { status, description: response.description.clone(), content, headers, extensions: extensions(&response.extensions) })
    }

    fn content(&mut self, content: &IndexMap<String, openapiv3::MediaType>, at: &str) -> Result<Vec<MediaType>> {
        content
            .iter()
            .map(|(ct, media)| {
                let mat = format!("{at}/{}", escape_pointer_segment(ct));
                let schema = match &media.schema {
                    Some(s) => Some(self.schema_or_ref(s, &format!("{mat}/schema"))?),
                    None => None,
                };
                Ok(MediaType { content_type: ct.clone(), schema, example: media.example.clone() })
            })
            .collect()
    }
}

/// `raw` as openapiv3 reads a `$ref` or an item, `None` where that fails. openapiv3 buffers
/// the whole value to try a `$ref` first (serde's untagged enums do); an object is told apart
/// here by its `$ref` instead, as that first try would, and an item read from it directly:
/// that buffered copy was about a fifth of the typed parse.
fn reference_or<T: serde::de::DeserializeOwned>(raw: &Value) -> Option<ReferenceOr<T>> {
    match raw {
        Value::Object(object) => match object.get("$ref") {
            Some(Value::String(reference)) => Some(ReferenceOr::Reference { reference: reference.clone() }),
            _ => T::deserialize(raw).ok().map(ReferenceOr::Item),
        },
        other => ReferenceOr::<T>::deserialize(other).ok(),
    }
}

fn security_scheme(scheme: openapiv3::SecurityScheme) -> SecurityScheme {
    use openapiv3::SecurityScheme as S;
    match scheme {
        S::APIKey { location, name, description, .. } => SecurityScheme {
            kind: SecuritySchemeKind::ApiKey {
                name,
                location: match location {
                    openapiv3::APIKeyLocation::Query => ParamLocation::Query,
                    openapiv3::APIKeyLocation::Header => ParamLocation::Header,
                    openapiv3::APIKeyLocation::Cookie => ParamLocation::Cookie,
                },
            },
            description,
        },
        S::HTTP { scheme, bearer_format, description, .. } => SecurityScheme {
            kind: SecuritySchemeKind::Http { scheme: scheme.to_ascii_lowercase(), bearer_format },
            description,
        },
        S::OAuth2 { flows, description, .. } => {
            let mut list = Vec::new();
            if let Some(f) = flows.implicit {
                list.push(OAuthFlow { kind: "implicit".into(), authorization_url: Some(f.authorization_url), token_url: None, scopes: f.scopes });
            }
            if let Some(f) = flows.password {
                list.push(OAuthFlow { kind: "password".into(), authorization_url: None, token_url: Some(f.token_url), scopes: f.scopes });
            }
            if let Some(f) = flows.client_credentials {
                list.push(OAuthFlow { kind: "clientCredentials".into(), authorization_url: None, token_url: Some(f.token_url), scopes: f.scopes });
            }
            if let Some(f) = flows.authorization_code {
                list.push(OAuthFlow { kind: "authorizationCode".into(), authorization_url: Some(f.authorization_url), token_url: Some(f.token_url), scopes: f.scopes });
            }
            SecurityScheme { kind: SecuritySchemeKind::OAuth2 { flows: list }, description }
        }
        S::OpenIDConnect { open_id_connect_url, description, .. } => {
            SecurityScheme { kind: SecuritySchemeKind::OpenIdConnect { url: open_id_connect_url }, description }
        }
    }
}

fn extensions(map: &IndexMap<String, Value>) -> Extensions {
    map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `reference_or` reads every kind of value as openapiv3 does, failures included.
    #[test]
    fn reference_or_reads_values_as_openapiv3_does() {
        let values = [
            json!({"$ref": "#/components/schemas/A"}),
            json!({"$ref": "#/components/schemas/A", "description": "ignored beside a $ref"}),
            json!({"$ref": 5, "type": "string"}),
            json!({"$ref": 5, "type": 5}),
            json!({"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}, "b": {"type": "integer", "format": "int64"}}}),
            json!({"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/A"}], "nullable": true}),
            json!({"type": "strange"}),
            json!({}),
            json!(["#/components/schemas/A"]),
            json!("#/components/schemas/A"),
            json!(null),
        ];
        for value in &values {
            let ours = reference_or::<openapiv3::Schema>(value);
            let theirs = ReferenceOr::<openapiv3::Schema>::deserialize(value).ok();
            assert_eq!(ours, theirs, "{value}");
            let ours = reference_or::<openapiv3::PathItem>(value);
            let theirs = ReferenceOr::<openapiv3::PathItem>::deserialize(value).ok();
            assert_eq!(ours, theirs, "{value}");
        }
    }
}
