//! Precise locations for structural errors. A typed parse of the whole document reports a
//! failure inside a `$ref`-or-object (an untagged enum) at the enclosing map, e.g. `/paths`.
//! Here each piece is parsed on its own, innermost first, to name the piece that is wrong.

use super::openapi3::Lowerer;
use crate::error::{Error, escape_pointer_segment};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The error of the innermost failing piece, searched in document order.
pub fn innermost_error(cx: &Lowerer<'_>, raw: &Value) -> Option<Error> {
    let seg = |s: &str| escape_pointer_segment(s);
    if let Some(components) = raw.get("components").and_then(Value::as_object) {
        for (kind, items) in components {
            let Some(items) = items.as_object() else { continue };
            for (name, item) in items {
                let at = format!("/components/{}/{}", seg(kind), seg(name));
                let found = match kind.as_str() {
                    "schemas" => first_failure::<openapiv3::Schema>(cx, item, &at),
                    "parameters" => first_failure::<openapiv3::Parameter>(cx, item, &at),
                    "responses" => response(cx, item, &at),
                    "requestBodies" => first_failure::<openapiv3::RequestBody>(cx, item, &at),
                    "securitySchemes" => first_failure::<openapiv3::SecurityScheme>(cx, item, &at),
                    _ => None,
                };
                if found.is_some() {
                    return found;
                }
            }
        }
    }
    let paths = raw.get("paths")?.as_object()?;
    for (path, item) in paths {
        let at = format!("/paths/{}", seg(path));
        let Some(item) = item.as_object() else { continue };
        for (key, value) in item {
            let kat = format!("{at}/{}", seg(key));
            let found = match key.as_str() {
                "parameters" => each(value, &kat, |p, pat| first_failure::<openapiv3::Parameter>(cx, p, pat)),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => operation(cx, value, &kat),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        if let Some(e) = first_failure::<openapiv3::PathItem>(cx, &Value::Object(item.clone()), &at) {
            return Some(e);
        }
    }
    None
}

fn operation(cx: &Lowerer<'_>, op: &Value, at: &str) -> Option<Error> {
    let map = op.as_object()?;
    let found = map.iter().find_map(|(key, value)| {
        let kat = format!("{at}/{}", escape_pointer_segment(key));
        match key.as_str() {
            "parameters" => each(value, &kat, |p, pat| first_failure::<openapiv3::Parameter>(cx, p, pat)),
            "requestBody" => first_failure::<openapiv3::RequestBody>(cx, value, &kat),
            "responses" => value.as_object()?.iter().find_map(|(status, r)| {
                response(cx, r, &format!("{kat}/{}", escape_pointer_segment(status)))
            }),
            _ => None,
        }
    });
    found.or_else(|| first_failure::<openapiv3::Operation>(cx, op, at))
}

fn response(cx: &Lowerer<'_>, response: &Value, at: &str) -> Option<Error> {
    let content = response.get("content").and_then(Value::as_object);
    let in_content = content.into_iter().flatten().find_map(|(ct, media)| {
        let schema = media.get("schema")?;
        first_failure::<openapiv3::Schema>(cx, schema, &format!("{at}/content/{}/schema", escape_pointer_segment(ct)))
    });
    in_content.or_else(|| first_failure::<openapiv3::Response>(cx, response, at))
}

fn each(list: &Value, at: &str, check: impl Fn(&Value, &str) -> Option<Error>) -> Option<Error> {
    list.as_array()?.iter().enumerate().find_map(|(i, item)| check(item, &format!("{at}/{i}")))
}

/// The error of parsing `value` as `T`, unless it is a `$ref` (checked where it points).
fn first_failure<T: DeserializeOwned>(cx: &Lowerer<'_>, value: &Value, at: &str) -> Option<Error> {
    if value.get("$ref").is_some() {
        return None;
    }
    cx.deserialize::<T>(value, at).err()
}
