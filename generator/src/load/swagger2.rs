//! The Swagger 2.0 front-end: rewrites a Swagger 2.0 document into the OpenAPI 3.0 document
//! shape, following swagger2openapi's mapping, so that `openapi3` can lower it.
//!
//! What 2.0 says and 3.0 says differently:
//! - `definitions`, `parameters`, `responses`, `securityDefinitions` move under `components`
//!   (and every `$ref` with them);
//! - `host` + `basePath` + `schemes` become `servers`;
//! - `body` parameters become a `requestBody` with one media type per `consumes` entry, the
//!   parameter's name kept as `x-codegen-request-body-name`; `formData` parameters become an
//!   object schema under a form content type;
//! - a response `schema` becomes `content` with one media type per `produces` entry;
//! - non-body parameter types move into a `schema`; `collectionFormat` becomes `style`/`explode`;
//! - in schemas: `type: file` becomes a binary string, `x-nullable` becomes `nullable`, and a
//!   string `discriminator` becomes `{propertyName}`.

use crate::error::{Error, Result, escape_pointer_segment};
use serde_json::{Map, Value, json};

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Rewrites `doc` (Swagger 2.0) into an OpenAPI 3.0.3 document.
pub fn to_openapi3(root: Value, display: &str) -> Result<Value> {
    let Value::Object(doc) = &root else { unreachable!("checked by parse_document") };
    let cx = Context { root: &root, doc, display };
    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.0.3"));
    for (key, value) in doc {
        match key.as_str() {
            "info" | "tags" | "externalDocs" | "security" => {
                out.insert(key.clone(), value.clone());
            }
            k if k.starts_with("x-") => {
                out.insert(key.clone(), value.clone());
            }
            _ => {}
        }
    }
    out.insert("servers".into(), cx.servers());

    // Definitions and paths, nearly all of a document, are rewritten side by side: the load
    // runs before any emitter, so the second core is free.
    let (schemas, paths) = rayon::join(
        || doc.get("definitions").and_then(Value::as_object).map(|defs| defs.iter().map(|(k, v)| (k.clone(), convert_schema(v))).collect()),
        || cx.paths(),
    );
    let mut components = Map::new();
    if let Some(schemas) = schemas {
        components.insert("schemas".into(), Value::Object(schemas));
    }
    if let Some(params) = doc.get("parameters").and_then(Value::as_object) {
        let mut parameters = Map::new();
        for (name, param) in params {
            // Body and form parameters have no 3.0 component of their own: they are inlined
            // into each operation's requestBody where they are used.
            if !matches!(param.get("in").and_then(Value::as_str), Some("body" | "formData")) {
                let at = format!("/parameters/{}", escape_pointer_segment(name));
                parameters.insert(name.clone(), cx.convert_parameter(param, &at)?);
            }
        }
        components.insert("parameters".into(), Value::Object(parameters));
    }
    let global_produces = media_types(doc.get("produces"));
    if let Some(responses) = doc.get("responses").and_then(Value::as_object) {
        let converted = responses
            .iter()
            .map(|(k, v)| Ok((k.clone(), cx.convert_response(v, &global_produces)?)))
            .collect::<Result<Map<_, _>>>()?;
        components.insert("responses".into(), Value::Object(converted));
    }
    if let Some(schemes) = doc.get("securityDefinitions").and_then(Value::as_object) {
        let converted = schemes.iter().map(|(k, v)| (k.clone(), convert_security_scheme(v))).collect();
        components.insert("securitySchemes".into(), Value::Object(converted));
    }
    out.insert("components".into(), Value::Object(components));
    out.insert("paths".into(), Value::Object(paths?));
    super::drop_in_background(root);
    Ok(Value::Object(out))
}

struct Context<'a> {
    /// The whole document, for `$ref` lookups.
    root: &'a Value,
    doc: &'a Map<String, Value>,
    display: &'a str,
}

impl Context<'_> {
    fn err(&self, at: &str, message: impl Into<String>) -> Error {
        Error::new(self.display, at, message)
    }

    /// The rewritten `paths` (`x-` keys kept as they are).
    fn paths(&self) -> Result<Map<String, Value>> {
        let mut paths = Map::new();
        if let Some(items) = self.doc.get("paths").and_then(Value::as_object) {
            for (path, item) in items {
                let at = format!("/paths/{}", escape_pointer_segment(path));
                if path.starts_with("x-") {
                    paths.insert(path.clone(), item.clone());
                    continue;
                }
                paths.insert(path.clone(), self.convert_path_item(item, &at)?);
            }
        }
        Ok(paths)
    }

    /// One server per scheme; a relative URL (just `basePath`) when there is no host.
    fn servers(&self) -> Value {
        let base_path = self.doc.get("basePath").and_then(Value::as_str).unwrap_or("");
        let base_path = base_path.trim_end_matches('/');
        let Some(host) = self.doc.get("host").and_then(Value::as_str) else {
            let url = if base_path.is_empty() { "/" } else { base_path };
            return json!([{ "url": url }]);
        };
        let schemes: Vec<&str> = match self.doc.get("schemes").and_then(Value::as_array) {
            Some(list) if !list.is_empty() => list.iter().filter_map(Value::as_str).collect(),
            _ => vec!["https"],
        };
        Value::Array(schemes.iter().map(|s| json!({ "url": format!("{s}://{host}{base_path}") })).collect())
    }

    /// Follows a `#/parameters/...` reference to the 2.0 parameter object it names.
    fn resolve_parameter<'v>(&'v self, param: &'v Value, at: &str) -> Result<(&'v Value, String)> {
        match param.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let pointer = reference.strip_prefix('#').unwrap_or(reference);
                let found = self.root.pointer(pointer)
                    .ok_or_else(|| self.err(at, format!("dangling $ref {reference:?}")))?;
                Ok((found, pointer.to_owned()))
            }
            None => Ok((param, at.to_owned())),
        }
    }

    fn convert_path_item(&self, item: &Value, at: &str) -> Result<Value> {
        let Some(item) = item.as_object() else {
            return Err(self.err(at, "a path item must be an object"));
        };
        let shared: Vec<Value> = item.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
        let mut out = Map::new();
        for (key, value) in item {
            if key.starts_with("x-") || key == "summary" || key == "description" {
                out.insert(key.clone(), value.clone());
            }
        }
        // Path-level non-body parameters stay on the path item; body/form ones go to each
        // operation's requestBody.
        let mut path_params = Vec::new();
        for (i, param) in shared.iter().enumerate() {
            let pat = format!("{at}/parameters/{i}");
            let (resolved, _) = self.resolve_parameter(param, &pat)?;
            if !is_body_or_form(resolved) {
                path_params.push(self.convert_parameter_or_ref(param, &pat)?);
            }
        }
        if !path_params.is_empty() {
            out.insert("parameters".into(), Value::Array(path_params));
        }
        for method in METHODS {
            if let Some(op) = item.get(method) {
                let op_at = format!("{at}/{method}");
                out.insert(method.into(), self.convert_operation(op, &shared, &format!("{at}/parameters"), &op_at)?);
            }
        }
        Ok(Value::Object(out))
    }

    fn convert_operation(&self, op: &Value, shared: &[Value], shared_at: &str, at: &str) -> Result<Value> {
        let Some(op) = op.as_object() else {
            return Err(self.err(at, "an operation must be an object"));
        };
        let consumes = op.get("consumes").map(|c| media_types(Some(c))).unwrap_or_else(|| media_types(self.doc.get("consumes")));
        let produces = op.get("produces").map(|p| media_types(Some(p))).unwrap_or_else(|| media_types(self.doc.get("produces")));
        let mut out = Map::new();
        for (key, value) in op {
            match key.as_str() {
                "tags" | "summary" | "description" | "externalDocs" | "operationId" | "deprecated" | "security" => {
                    out.insert(key.clone(), value.clone());
                }
                k if k.starts_with("x-") => {
                    out.insert(key.clone(), value.clone());
                }
                _ => {}
            }
        }
        let own: Vec<Value> = op.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
        let mut parameters = Vec::new();
        let mut body: Option<(Value, String)> = None;
        let mut form: Vec<(Value, String)> = Vec::new();
        // Body/form parameters declared on the path item apply unless the operation
        // declares one of the same name and location.
        let own_keys: Vec<(String, String)> = own
            .iter()
            .enumerate()
            .filter_map(|(i, p)| self.resolve_parameter(p, &format!("{at}/parameters/{i}")).ok())
            .map(|(p, _)| (str_of(p, "name"), str_of(p, "in")))
            .collect();
        for (i, param) in shared.iter().enumerate() {
            let pat = format!("{shared_at}/{i}");
            let (resolved, rat) = self.resolve_parameter(param, &pat)?;
            if is_body_or_form(resolved) && !own_keys.contains(&(str_of(resolved, "name"), str_of(resolved, "in"))) {
                match resolved.get("in").and_then(Value::as_str) {
                    Some("body") => body = Some((resolved.clone(), rat)),
                    _ => form.push((resolved.clone(), rat)),
                }
            }
        }
        for (i, param) in own.iter().enumerate() {
            let pat = format!("{at}/parameters/{i}");
            let (resolved, rat) = self.resolve_parameter(param, &pat)?;
            match resolved.get("in").and_then(Value::as_str) {
                Some("body") => body = Some((resolved.clone(), rat)),
                Some("formData") => form.push((resolved.clone(), rat)),
                _ => parameters.push(self.convert_parameter_or_ref(param, &pat)?),
            }
        }
        if !parameters.is_empty() {
            out.insert("parameters".into(), Value::Array(parameters));
        }
        if let Some((param, _)) = body {
            out.insert("requestBody".into(), body_request(&param, &consumes));
            if let Some(name) = param.get("name") {
                out.insert("x-codegen-request-body-name".into(), name.clone());
            }
        } else if !form.is_empty() {
            out.insert("requestBody".into(), self.form_request(&form, &consumes)?);
        }
        let mut responses = Map::new();
        match op.get("responses").and_then(Value::as_object) {
            Some(list) => {
                for (status, response) in list {
                    if status.starts_with("x-") {
                        responses.insert(status.clone(), response.clone());
                    } else {
                        responses.insert(status.clone(), self.convert_response(response, &produces)?);
                    }
                }
            }
            None => return Err(self.err(&format!("{at}/responses"), "an operation must have `responses`")),
        }
        out.insert("responses".into(), Value::Object(responses));
        Ok(Value::Object(out))
    }

    fn convert_parameter_or_ref(&self, param: &Value, at: &str) -> Result<Value> {
        match param.get("$ref").and_then(Value::as_str) {
            Some(reference) => Ok(json!({ "$ref": rewrite_ref(reference) })),
            None => self.convert_parameter(param, at),
        }
    }

    /// A non-body parameter: type keywords move into `schema`.
    fn convert_parameter(&self, param: &Value, at: &str) -> Result<Value> {
        let Some(param) = param.as_object() else {
            return Err(self.err(at, "a parameter must be an object"));
        };
        let location = param.get("in").and_then(Value::as_str).unwrap_or_default();
        let mut out = Map::new();
        let mut schema = Map::new();
        for (key, value) in param {
            match key.as_str() {
                "name" | "in" | "description" | "required" | "deprecated" => {
                    out.insert(key.clone(), value.clone());
                }
                "allowEmptyValue" if location == "query" => {
                    out.insert(key.clone(), value.clone());
                }
                "collectionFormat" => {}
                k if k.starts_with("x-") => {
                    out.insert(key.clone(), value.clone());
                }
                _ => {
                    schema.insert(key.clone(), value.clone());
                }
            }
        }
        if location == "path" {
            out.insert("required".into(), json!(true));
        }
        if schema.get("type").and_then(Value::as_str) == Some("array") {
            let format = param.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
            let (style, explode) = match (format, location) {
                ("multi", _) => ("form", true),
                ("ssv", _) => ("spaceDelimited", false),
                ("pipes", _) => ("pipeDelimited", false),
                (_, "query" | "cookie") => ("form", false),
                _ => ("simple", false),
            };
            out.insert("style".into(), json!(style));
            out.insert("explode".into(), json!(explode));
            if format == "tsv" {
                out.insert("x-collectionFormat".into(), json!("tsv"));
            }
        }
        out.insert("schema".into(), convert_schema(&Value::Object(schema)));
        Ok(Value::Object(out))
    }

    /// `formData` parameters: one object schema, sent as multipart when a file is among them
    /// (or the operation consumes multipart), url-encoded otherwise.
    fn form_request(&self, form: &[(Value, String)], consumes: &[String]) -> Result<Value> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut has_file = false;
        for (param, at) in form {
            let name = param.get("name").and_then(Value::as_str).ok_or_else(|| self.err(at, "a parameter needs a `name`"))?;
            has_file |= param.get("type").and_then(Value::as_str) == Some("file");
            let mut schema = Map::new();
            for (key, value) in param.as_object().into_iter().flatten() {
                if !matches!(key.as_str(), "name" | "in" | "required" | "collectionFormat" | "allowEmptyValue") {
                    schema.insert(key.clone(), value.clone());
                }
            }
            properties.insert(name.to_owned(), convert_schema(&Value::Object(schema)));
            if param.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(json!(name));
            }
        }
        let mut schema = json!({ "type": "object", "properties": properties });
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        let form_types: Vec<&String> = consumes
            .iter()
            .filter(|c| c.starts_with("multipart/") || c.starts_with("application/x-www-form-urlencoded"))
            .collect();
        let content_types: Vec<String> = if !form_types.is_empty() {
            form_types.into_iter().cloned().collect()
        } else if has_file {
            vec!["multipart/form-data".into()]
        } else {
            vec!["application/x-www-form-urlencoded".into()]
        };
        let content: Map<String, Value> = content_types.into_iter().map(|ct| (ct, json!({ "schema": schema }))).collect();
        Ok(json!({ "content": content }))
    }

    fn convert_response(&self, response: &Value, produces: &[String]) -> Result<Value> {
        if let Some(reference) = response.get("$ref").and_then(Value::as_str) {
            return Ok(json!({ "$ref": rewrite_ref(reference) }));
        }
        let mut out = Map::new();
        out.insert("description".into(), response.get("description").cloned().unwrap_or(json!("")));
        if let Some(schema) = response.get("schema") {
            let schema = convert_schema(schema);
            let types = if produces.is_empty() { vec!["application/json".to_owned()] } else { produces.to_vec() };
            let mut content = Map::new();
            for ct in types {
                let mut media = json!({ "schema": schema });
                if let Some(example) = response.get("examples").and_then(|e| e.get(&ct)) {
                    media["example"] = example.clone();
                }
                content.insert(ct, media);
            }
            out.insert("content".into(), Value::Object(content));
        }
        if let Some(headers) = response.get("headers").and_then(Value::as_object) {
            let converted: Map<String, Value> = headers
                .iter()
                .map(|(name, header)| {
                    let mut schema = header.as_object().cloned().unwrap_or_default();
                    let description = schema.remove("description");
                    schema.remove("collectionFormat");
                    let mut h = json!({ "schema": convert_schema(&Value::Object(schema)) });
                    if let Some(d) = description {
                        h["description"] = d;
                    }
                    (name.clone(), h)
                })
                .collect();
            out.insert("headers".into(), Value::Object(converted));
        }
        for (key, value) in response.as_object().into_iter().flatten() {
            if key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }
        Ok(Value::Object(out))
    }
}

fn body_request(param: &Value, consumes: &[String]) -> Value {
    let schema = param.get("schema").map(convert_schema).unwrap_or(json!({}));
    let types = if consumes.is_empty() { vec!["application/json".to_owned()] } else { consumes.to_vec() };
    let content: Map<String, Value> = types.into_iter().map(|ct| (ct, json!({ "schema": schema }))).collect();
    let mut out = json!({ "content": content });
    if let Some(d) = param.get("description") {
        out["description"] = d.clone();
    }
    if param.get("required").and_then(Value::as_bool) == Some(true) {
        out["required"] = json!(true);
    }
    for (key, value) in param.as_object().into_iter().flatten() {
        if key.starts_with("x-") {
            out[key] = value.clone();
        }
    }
    out
}

fn is_body_or_form(param: &Value) -> bool {
    matches!(param.get("in").and_then(Value::as_str), Some("body" | "formData"))
}

fn str_of(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn media_types(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .map(|l| l.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Rewrites a 2.0 local reference into its 3.0 place.
fn rewrite_ref(reference: &str) -> String {
    for (from, to) in [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ] {
        if let Some(rest) = reference.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    reference.to_owned()
}

/// Maps a pointer into the rewritten document back to the 2.0 document, for error messages.
pub fn original_pointer(pointer: &str) -> String {
    for (from, to) in [
        ("/components/schemas/", "/definitions/"),
        ("/components/parameters/", "/parameters/"),
        ("/components/responses/", "/responses/"),
        ("/components/securitySchemes/", "/securityDefinitions/"),
    ] {
        if let Some(rest) = pointer.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    pointer.to_owned()
}

/// Rewrites one 2.0 schema (recursively) into its 3.0 form.
fn convert_schema(schema: &Value) -> Value {
    let Some(object) = schema.as_object() else { return schema.clone() };
    let mut out = Map::new();
    for (key, value) in object {
        let converted = match key.as_str() {
            "$ref" => value.as_str().map(|r| json!(rewrite_ref(r))).unwrap_or_else(|| value.clone()),
            "type" if value == "file" => {
                out.insert("format".into(), json!("binary"));
                json!("string")
            }
            "x-nullable" => {
                if value.as_bool() == Some(true) {
                    out.insert("nullable".into(), json!(true));
                }
                value.clone()
            }
            "discriminator" => match value.as_str() {
                Some(name) => json!({ "propertyName": name }),
                None => value.clone(),
            },
            "properties" | "patternProperties" => match value.as_object() {
                Some(props) => Value::Object(props.iter().map(|(k, v)| (k.clone(), convert_schema(v))).collect()),
                None => value.clone(),
            },
            "items" | "additionalProperties" | "not" => convert_schema(value),
            "allOf" | "oneOf" | "anyOf" => match value.as_array() {
                Some(list) => Value::Array(list.iter().map(convert_schema).collect()),
                None => value.clone(),
            },
            _ => value.clone(),
        };
        // `format: binary` set by `type: file` must not be overwritten by a later `format`.
        if key == "format" && out.contains_key("format") {
            continue;
        }
        out.insert(key.clone(), converted);
    }
    Value::Object(out)
}

/// `securityDefinitions` entry -> `securitySchemes` entry.
fn convert_security_scheme(scheme: &Value) -> Value {
    let description = scheme.get("description").cloned();
    let mut out = match scheme.get("type").and_then(Value::as_str) {
        Some("basic") => json!({ "type": "http", "scheme": "basic" }),
        Some("oauth2") => {
            let flow = scheme.get("flow").and_then(Value::as_str).unwrap_or("implicit");
            let name = match flow {
                "application" => "clientCredentials",
                "accessCode" => "authorizationCode",
                other => other,
            };
            let mut f = json!({ "scopes": scheme.get("scopes").cloned().unwrap_or(json!({})) });
            if let Some(url) = scheme.get("authorizationUrl") {
                f["authorizationUrl"] = url.clone();
            }
            if let Some(url) = scheme.get("tokenUrl") {
                f["tokenUrl"] = url.clone();
            }
            json!({ "type": "oauth2", "flows": { name: f } })
        }
        _ => {
            let mut s = scheme.clone();
            if let Some(o) = s.as_object_mut() {
                o.remove("description");
            }
            s
        }
    };
    if let Some(d) = description {
        out["description"] = d;
    }
    out
}
