//! Example JSON built from a schema, the way widdershins' openapi-sampler builds it, so the
//! pages match Coder's byte for byte: the schema's own `example`, else the first enum value,
//! else `default`, else a value per type ("string", 0, true, fixed date-time, a uuid seeded by
//! the property name, one array item, `property1`/`property2` for maps). A schema reached
//! again through its own references is cut to `{}` / `[]` (or left out).

use crate::model::{Api, Schema, SchemaKind};
use serde_json::{Map, Value, json};

/// Which side of the wire the example is for: requests leave read-only properties out,
/// responses write-only ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
}

/// The example for `schema`; `None` when the sampler yields nothing (a cut cycle of a scalar).
/// Without a direction (the schemas page) no property is left out.
pub fn sample(api: &Api, schema: &Schema, direction: Option<Direction>) -> Option<Value> {
    // The sampled schema itself is not on the cycle stack (openapi-sampler starts without a
    // context), so a self-reference is expanded once before it is cut.
    let top = match schema.ref_name().and_then(|n| api.schemas.get(n)) {
        Some(target) if schema.example.is_none() => target,
        _ => schema,
    };
    Sampler { api, direction, stack: Vec::new() }.value(top, None)
}

/// Pretty JSON as `JSON.stringify(value, null, 2)` prints it.
pub fn to_pretty_json(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

struct Sampler<'a> {
    api: &'a Api,
    direction: Option<Direction>,
    /// Referenced schemas being sampled, to cut cycles.
    stack: Vec<&'a str>,
}

impl<'a> Sampler<'a> {
    fn value(&mut self, schema: &'a Schema, property: Option<&str>) -> Option<Value> {
        if let SchemaKind::Ref(name) = &schema.kind {
            // A use-site example (swaggo's `allOf` wrapper) wins over the target.
            if let Some(example) = &schema.example {
                return Some(example.clone());
            }
            if let Some(first) = schema.constraints.allowed.first() {
                return Some(first.clone());
            }
            let target = self.api.schemas.get(name)?;
            if self.stack.contains(&name.as_str()) {
                return circular(self.api, target);
            }
            self.stack.push(name);
            let value = self.value(target, property);
            self.stack.pop();
            return value;
        }
        if let Some(example) = &schema.example {
            return Some(example.clone());
        }
        if let SchemaKind::Enum { values, .. } = &schema.kind
            && let Some(first) = values.first()
        {
            return Some(first.value.clone());
        }
        if let Some(default) = &schema.default {
            return Some(default.clone());
        }
        Some(match &schema.kind {
            SchemaKind::Ref(_) | SchemaKind::Enum { .. } | SchemaKind::Any => Value::Null,
            SchemaKind::String { format } => json!(string_sample(schema, format.as_deref(), property)),
            SchemaKind::Integer { .. } => number_sample(schema, false),
            SchemaKind::Number { format } => number_sample(schema, matches!(format.as_deref(), Some("float" | "double"))),
            SchemaKind::Boolean => json!(true),
            SchemaKind::Array { items } => {
                let count = schema.constraints.min_items.unwrap_or(1).max(1).min(schema.constraints.max_items.unwrap_or(u64::MAX));
                let item = self.value(items, None).unwrap_or(Value::Null);
                Value::Array((0..count).map(|_| item.clone()).collect())
            }
            SchemaKind::Object(object) => {
                let mut map = Map::new();
                for property in &object.properties {
                    if self.skipped(&property.schema) {
                        continue;
                    }
                    if let Some(value) = self.value(&property.schema, Some(&property.name)) {
                        map.insert(property.name.clone(), value);
                    }
                }
                if let Some(additional) = object.additional_properties.as_ref().filter(|_| !object.additional_properties_true) {
                    for key in ["property1", "property2"] {
                        map.insert(key.into(), self.value(additional, None).unwrap_or(Value::Null));
                    }
                }
                Value::Object(map)
            }
            SchemaKind::AllOf(parts) => {
                let mut merged: Option<Value> = None;
                for part in parts {
                    let value = self.value(part, property);
                    merged = match (merged, value) {
                        (Some(Value::Object(mut a)), Some(Value::Object(b))) => {
                            a.extend(b);
                            Some(Value::Object(a))
                        }
                        (a, b) => b.or(a),
                    };
                }
                merged.unwrap_or(Value::Null)
            }
            SchemaKind::OneOf { variants, .. } | SchemaKind::AnyOf { variants, .. } => match variants.first() {
                Some(first) => self.value(first, property)?,
                None => Value::Null,
            },
        })
    }

    /// Read-only properties have no place in a request, write-only ones none in a response.
    fn skipped(&self, schema: &Schema) -> bool {
        match self.direction {
            Some(Direction::Request) => schema.read_only,
            Some(Direction::Response) => schema.write_only,
            None => false,
        }
    }
}

/// What openapi-sampler puts where a schema refers back to itself: an empty container of the
/// schema's type, nothing for scalars.
fn circular(api: &Api, target: &Schema) -> Option<Value> {
    match &target.kind {
        SchemaKind::Object(_) | SchemaKind::AllOf(_) => Some(json!({})),
        SchemaKind::Array { .. } => Some(json!([])),
        SchemaKind::Ref(name) => api.schemas.get(name).filter(|t| t.ref_name() != Some(name)).and_then(|t| circular(api, t)),
        _ => None,
    }
}

fn string_sample(schema: &Schema, format: Option<&str>, property: Option<&str>) -> String {
    let fixed = match format {
        Some("email") => "user@example.com",
        Some("idn-email") => "пошта@укр.нет",
        Some("password") => "pa$$word",
        Some("date-time") => "2019-08-24T14:15:22Z",
        Some("date") => "2019-08-24",
        Some("time") => "14:15:22Z",
        Some("ipv4") => "192.168.0.1",
        Some("ipv6") => "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        Some("hostname") => "example.com",
        Some("idn-hostname") => "приклад.укр",
        Some("iri") => "http://example.com/entity/1",
        Some("iri-reference") => "/entity/1",
        Some("uri") => "http://example.com",
        Some("uri-reference") => "../dictionary",
        Some("uri-template") => "http://example.com/{endpoint}",
        Some("json-pointer") => "/json/pointer",
        Some("relative-json-pointer") => "1/relative/json/pointer",
        Some("regex") => "/regex/",
        Some("uuid") => return uuid(property.unwrap_or("id")),
        _ => {
            let min = schema.constraints.min_length.unwrap_or(0) as usize;
            let mut text = "string".repeat(min.div_ceil(6).max(1));
            text.truncate(min.max(6));
            if let Some(max) = schema.constraints.max_length {
                text.truncate(max as usize);
            }
            return text;
        }
    };
    fixed.to_owned()
}

fn number_sample(schema: &Schema, fractional: bool) -> Value {
    let c = &schema.constraints;
    let as_f64 = |n: &serde_json::Number| n.as_f64().unwrap_or(0.0);
    if let Some(min) = &c.minimum {
        if !c.exclusive_minimum {
            return Value::Number(min.clone());
        }
        return json!(as_f64(min).floor() as i64 + 1);
    }
    if let Some(max) = &c.maximum {
        let max = as_f64(max);
        if max <= 0.0 {
            return if c.exclusive_maximum { json!(max.floor() as i64 - 1) } else { json!(max) };
        }
    }
    if fractional { json!(0.1) } else { json!(0) }
}

/// openapi-sampler's deterministic uuid: a Java-style string hash seeds a jsf32 generator
/// whose outputs fill the v4 template.
pub fn uuid(seed: &str) -> String {
    let hash = seed.encode_utf16().fold(0i32, |h, c| h.wrapping_shl(5).wrapping_sub(h).wrapping_add(c as i32));
    let mut state = [hash; 4];
    let mut next = move || {
        let [a, b, c, d] = state;
        let t = a.wrapping_sub(b.rotate_left(27));
        let a2 = b ^ c.rotate_left(17);
        let b2 = c.wrapping_add(d);
        let c2 = d.wrapping_add(t);
        let d2 = a2.wrapping_add(t);
        state = [a2, b2, c2, d2];
        (d2 as u32) as f64 / 4294967296.0
    };
    "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
        .chars()
        .map(|c| match c {
            'x' => char::from_digit(((next() * 16.0) % 16.0) as u32, 16).unwrap_or('0'),
            'y' => char::from_digit(((((next() * 16.0) % 16.0) as u32) & 0x3) | 0x8, 16).unwrap_or('8'),
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_match_openapi_sampler() {
        // Values seen in Coder's published pages.
        assert_eq!(uuid("id"), "497f6eca-6276-4993-bfeb-53cbbbba6f08");
        assert_eq!(uuid("initiator_id"), "06588898-9a84-4b35-ba8f-f9cbd64946f3");
        assert_eq!(uuid("file_id"), "8a0cfb4f-ddc9-436d-91bb-75133c583767");
    }
}
