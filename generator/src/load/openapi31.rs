//! The OpenAPI 3.1 front-end: rewrites what 3.1 (JSON Schema 2020-12) says differently into
//! the 3.0 document shape `openapi3` lowers.
//!
//! - `type: [T, "null"]` becomes `type: T` + `nullable: true`; several non-null types leave
//!   the type open (any value);
//! - `const: v` becomes `enum: [v]`; `examples: [a, ...]` on a schema becomes `example: a`;
//! - numeric `exclusiveMinimum`/`exclusiveMaximum` become `minimum`/`maximum` + the boolean;
//! - `responses` may be absent on a 3.1 operation: it becomes empty;
//! - `mutualTLS` security schemes (new in 3.1) are dropped with the requirements naming
//!   them: a client certificate is set up on the HTTP client, so there is nothing for
//!   generated code to send with a request;
//! - `paths` may be absent in 3.1 (webhooks-only documents): it becomes empty. Webhooks
//!   are not operations a client calls, so they are not lowered.

use serde_json::{Map, Value, json};

/// Rewrites a 3.1 document in place into the 3.0 shape.
pub fn to_openapi30(mut doc: Value) -> Value {
    if let Some(root) = doc.as_object_mut() {
        root.insert("openapi".into(), json!("3.0.3"));
        root.entry("paths").or_insert_with(|| json!({}));
        root.remove("webhooks");
        drop_mutual_tls(root);
        // `responses` is optional on 3.1 operations.
        for item in root.get_mut("paths").and_then(Value::as_object_mut).into_iter().flat_map(|p| p.values_mut()) {
            for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
                if let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) {
                    op.entry("responses").or_insert_with(|| json!({}));
                }
            }
        }
    }
    rewrite(&mut doc, false);
    doc
}

fn drop_mutual_tls(root: &mut Map<String, Value>) {
    let Some(schemes) = root.get_mut("components").and_then(|c| c.get_mut("securitySchemes")).and_then(Value::as_object_mut) else {
        return;
    };
    let mutual: Vec<String> =
        schemes.iter().filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS")).map(|(k, _)| k.clone()).collect();
    if mutual.is_empty() {
        return;
    }
    schemes.retain(|k, _| !mutual.contains(k));
    let strip = |security: &mut Value| {
        if let Some(alternatives) = security.as_array_mut() {
            for requirement in alternatives.iter_mut().filter_map(Value::as_object_mut) {
                requirement.retain(|k, _| !mutual.contains(k));
            }
            // An alternative that named only mutual TLS becomes `{}`: the request itself
            // carries no credentials for it.
        }
    };
    if let Some(security) = root.get_mut("security") {
        strip(security);
    }
    for item in root.get_mut("paths").and_then(Value::as_object_mut).into_iter().flat_map(|p| p.values_mut()) {
        for op in item.as_object_mut().into_iter().flat_map(|i| i.values_mut()) {
            if let Some(security) = op.get_mut("security") {
                strip(security);
            }
        }
    }
}

/// Walks the document; `in_schema` says `value` is a schema object (so its keywords are
/// JSON Schema keywords, not, say, a property named `type`).
fn rewrite(value: &mut Value, in_schema: bool) {
    match value {
        Value::Object(map) => {
            if in_schema {
                rewrite_schema_keywords(map);
            }
            for (key, child) in map.iter_mut() {
                let child_is_schema = match key.as_str() {
                    "schema" | "items" | "not" | "additionalProperties" => true,
                    "allOf" | "oneOf" | "anyOf" | "properties" | "schemas" | "patternProperties" => {
                        // Lists and maps of schemas: mark their members.
                        match child {
                            Value::Array(list) => list.iter_mut().for_each(|s| rewrite(s, true)),
                            Value::Object(members) => members.values_mut().for_each(|s| rewrite(s, true)),
                            _ => {}
                        }
                        continue;
                    }
                    _ => false,
                };
                // An `example`/`default`/`enum` value is data, not document: leave it alone.
                if in_schema && matches!(key.as_str(), "example" | "default" | "enum" | "const") {
                    continue;
                }
                rewrite(child, child_is_schema);
            }
        }
        Value::Array(list) => list.iter_mut().for_each(|v| rewrite(v, false)),
        _ => {}
    }
}

fn rewrite_schema_keywords(map: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = map.get("type").cloned() {
        let non_null: Vec<&Value> = types.iter().filter(|t| t.as_str() != Some("null")).collect();
        if non_null.len() < types.len() {
            map.insert("nullable".into(), json!(true));
        }
        match non_null.as_slice() {
            [single] => {
                map.insert("type".into(), (*single).clone());
            }
            _ => {
                map.remove("type");
            }
        }
    } else if map.get("type").and_then(Value::as_str) == Some("null") {
        map.remove("type");
        map.insert("nullable".into(), json!(true));
    }
    if let Some(value) = map.remove("const") {
        map.insert("enum".into(), json!([value]));
    }
    if let Some(Value::Array(examples)) = map.remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        map.entry("example").or_insert(first);
    }
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(n) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
            map.insert(bound.into(), n);
            map.insert(exclusive.into(), json!(true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_lists_with_null_become_nullable() {
        let doc = to_openapi30(json!({
            "openapi": "3.1.0",
            "components": {"schemas": {"A": {"type": "object", "properties": {
                "a": {"type": ["string", "null"], "examples": ["x"]},
                "b": {"type": ["string", "integer"]},
                "c": {"const": "only", "exclusiveMinimum": 3},
                "type": {"type": "string"}
            }}}}
        }));
        let props = &doc["components"]["schemas"]["A"]["properties"];
        assert_eq!(props["a"], json!({"type": "string", "nullable": true, "example": "x"}));
        assert_eq!(props["b"], json!({}));
        assert_eq!(props["c"], json!({"enum": ["only"], "minimum": 3, "exclusiveMinimum": true}));
        assert_eq!(props["type"], json!({"type": "string"}), "a property named `type` is not a keyword");
        assert_eq!(doc["paths"], json!({}));
    }

    #[test]
    fn mutual_tls_schemes_and_their_requirements_are_dropped() {
        let doc = to_openapi30(json!({
            "openapi": "3.1.0",
            "components": {"securitySchemes": {"mtls": {"type": "mutualTLS"}, "key": {"type": "apiKey", "in": "header", "name": "k"}}},
            "security": [{"mtls": []}, {"key": []}],
            "paths": {"/a": {"get": {"security": [{"mtls": [], "key": []}]}}}
        }));
        assert_eq!(doc["components"]["securitySchemes"], json!({"key": {"type": "apiKey", "in": "header", "name": "k"}}));
        assert_eq!(doc["security"], json!([{}, {"key": []}]));
        assert_eq!(doc["paths"]["/a"]["get"]["security"], json!([{"key": []}]));
    }
}
