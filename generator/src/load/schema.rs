//! Schema lowering: `openapiv3::Schema` -> `model::Schema`, shared by every front-end.

use super::openapi3::Lowerer;
use crate::error::Result;
use crate::model::{
    Constraints, Discriminator, EnumValue, ObjectSchema, Property, Scalar, Schema, SchemaKind,
};
use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, SchemaData, Type, VariantOrUnknownOrEmpty,
};
use serde_json::{Number, Value};

/// Nesting deeper than this is taken as a runaway document rather than a real schema.
const MAX_DEPTH: usize = 64;

impl Lowerer<'_> {
    pub fn schema_or_ref(&mut self, schema: &ReferenceOr<openapiv3::Schema>, at: &str) -> Result<Schema> {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_reference(reference, at),
            ReferenceOr::Item(item) => self.schema(item, at),
        }
    }

    pub fn boxed_schema_or_ref(&mut self, schema: &ReferenceOr<Box<openapiv3::Schema>>, at: &str) -> Result<Schema> {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_reference(reference, at),
            ReferenceOr::Item(item) => self.schema(item, at),
        }
    }

    /// A component reference becomes `SchemaKind::Ref`; any other local pointer is inlined.
    fn schema_reference(&mut self, reference: &str, at: &str) -> Result<Schema> {
        if let Some(name) = reference.strip_prefix("#/components/schemas/") {
            let name = unescape(name);
            if self.schema_names.contains(&name) {
                return Ok(Schema::new(SchemaKind::Ref(name)));
            }
        }
        let raw = self.resolve_raw(reference, at)?;
        if self.inlining.iter().any(|r| r == reference) {
            return Err(self.err(at, format!("$ref {reference:?} refers to itself through schemas that are not components; move it under components/schemas (definitions)")));
        }
        let schema: openapiv3::Schema = self.deserialize(raw, reference.trim_start_matches('#'))?;
        self.inlining.push(reference.to_owned());
        let lowered = self.schema(&schema, reference.trim_start_matches('#'));
        self.inlining.pop();
        lowered
    }

    pub fn schema(&mut self, schema: &openapiv3::Schema, at: &str) -> Result<Schema> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(self.err(at, format!("schema nesting is deeper than {MAX_DEPTH} levels")));
        }
        let lowered = self.schema_inner(schema, at);
        self.depth -= 1;
        lowered
    }

    fn schema_inner(&mut self, schema: &openapiv3::Schema, at: &str) -> Result<Schema> {
        use openapiv3::SchemaKind as K;
        let data = &schema.schema_data;
        let mut out = annotations(data);
        out.kind = match &schema.schema_kind {
            K::Type(Type::String(t)) => {
                out.constraints.min_length = t.min_length.map(|n| n as u64);
                out.constraints.max_length = t.max_length.map(|n| n as u64);
                out.constraints.pattern = t.pattern.clone();
                let format = format_of(&t.format);
                let values: Vec<Value> = t.enumeration.iter().map(|v| v.clone().map(Value::String).unwrap_or(Value::Null)).collect();
                scalar_or_enum(&mut out, Scalar::String, format, &values, data)
            }
            K::Type(Type::Integer(t)) => {
                out.constraints.minimum = t.minimum.map(Number::from);
                out.constraints.maximum = t.maximum.map(Number::from);
                out.constraints.exclusive_minimum = t.exclusive_minimum;
                out.constraints.exclusive_maximum = t.exclusive_maximum;
                out.constraints.multiple_of = t.multiple_of.map(Number::from);
                let values: Vec<Value> = t.enumeration.iter().map(|v| v.map(Value::from).unwrap_or(Value::Null)).collect();
                scalar_or_enum(&mut out, Scalar::Integer, format_of(&t.format), &values, data)
            }
            K::Type(Type::Number(t)) => {
                out.constraints.minimum = t.minimum.and_then(Number::from_f64);
                out.constraints.maximum = t.maximum.and_then(Number::from_f64);
                out.constraints.exclusive_minimum = t.exclusive_minimum;
                out.constraints.exclusive_maximum = t.exclusive_maximum;
                out.constraints.multiple_of = t.multiple_of.and_then(Number::from_f64);
                let values: Vec<Value> = t.enumeration.iter().map(|v| v.and_then(Number::from_f64).map(Value::Number).unwrap_or(Value::Null)).collect();
                scalar_or_enum(&mut out, Scalar::Number, format_of(&t.format), &values, data)
            }
            K::Type(Type::Boolean(t)) => {
                let values: Vec<Value> = t.enumeration.iter().map(|v| v.map(Value::Bool).unwrap_or(Value::Null)).collect();
                scalar_or_enum(&mut out, Scalar::Boolean, None, &values, data)
            }
            K::Type(Type::Array(t)) => {
                out.constraints.min_items = t.min_items.map(|n| n as u64);
                out.constraints.max_items = t.max_items.map(|n| n as u64);
                out.constraints.unique_items = t.unique_items;
                let items = match &t.items {
                    Some(items) => self.boxed_schema_or_ref(items, &format!("{at}/items"))?,
                    None => Schema::default(),
                };
                SchemaKind::Array { items: Box::new(items) }
            }
            K::Type(Type::Object(t)) => {
                out.constraints.min_properties = t.min_properties.map(|n| n as u64);
                out.constraints.max_properties = t.max_properties.map(|n| n as u64);
                SchemaKind::Object(self.object(&t.properties, &t.required, t.additional_properties.as_ref(), at)?)
            }
            K::OneOf { one_of } => {
                let variants = self.list(one_of, &format!("{at}/oneOf"))?;
                SchemaKind::OneOf { discriminator: self.discriminator(data, &variants, at)?, variants }
            }
            K::AnyOf { any_of } => {
                let variants = self.list(any_of, &format!("{at}/anyOf"))?;
                SchemaKind::AnyOf { discriminator: self.discriminator(data, &variants, at)?, variants }
            }
            K::AllOf { all_of } => {
                if all_of.len() == 1 {
                    return self.wrapped(out, &all_of[0], &[], at);
                }
                SchemaKind::AllOf(self.list(all_of, &format!("{at}/allOf"))?)
            }
            // `not` cannot be represented in any target: it constrains, it does not shape.
            K::Not { .. } => SchemaKind::Any,
            K::Any(any) => return self.any_schema(out, any, data, at),
        };
        Ok(out)
    }

    /// swaggo's `allOf: [{$ref: X}]` wrapper, used to hang a description (or a narrowing
    /// `enum`) on a reference: the inner schema with the wrapper's annotations on top.
    fn wrapped(&mut self, outer: Schema, inner: &ReferenceOr<openapiv3::Schema>, narrowed: &[Value], at: &str) -> Result<Schema> {
        let mut inner = self.schema_or_ref(inner, &format!("{at}/allOf/0"))?;
        inner.title = outer.title.or(inner.title);
        inner.description = outer.description.or(inner.description);
        inner.nullable |= outer.nullable;
        inner.read_only |= outer.read_only;
        inner.write_only |= outer.write_only;
        inner.deprecated |= outer.deprecated;
        inner.default = outer.default.or(inner.default);
        inner.example = outer.example.or(inner.example);
        inner.extensions.extend(outer.extensions);
        inner.constraints.allowed = narrowed.iter().filter(|v| !v.is_null()).cloned().collect();
        Ok(inner)
    }

    /// A schema that mixes keywords openapiv3 keeps apart (`allOf` with `enum`, `properties`
    /// without `type`, ...): decided by the keywords present.
    fn any_schema(&mut self, mut out: Schema, any: &AnySchema, data: &SchemaData, at: &str) -> Result<Schema> {
        if any.all_of.len() == 1 && any.properties.is_empty() && any.one_of.is_empty() && any.any_of.is_empty() {
            return self.wrapped(out, &any.all_of[0], &any.enumeration, at);
        }
        out.constraints = Constraints {
            minimum: any.minimum.and_then(Number::from_f64),
            maximum: any.maximum.and_then(Number::from_f64),
            exclusive_minimum: any.exclusive_minimum.unwrap_or(false),
            exclusive_maximum: any.exclusive_maximum.unwrap_or(false),
            multiple_of: any.multiple_of.and_then(Number::from_f64),
            min_length: any.min_length.map(|n| n as u64),
            max_length: any.max_length.map(|n| n as u64),
            pattern: any.pattern.clone(),
            min_items: any.min_items.map(|n| n as u64),
            max_items: any.max_items.map(|n| n as u64),
            unique_items: any.unique_items.unwrap_or(false),
            min_properties: any.min_properties.map(|n| n as u64),
            max_properties: any.max_properties.map(|n| n as u64),
            allowed: Vec::new(),
        };
        let has_object_keywords = !any.properties.is_empty() || any.additional_properties.is_some();
        let object = |this: &mut Self| this.object(&any.properties, &any.required, any.additional_properties.as_ref(), at);
        out.kind = if !any.all_of.is_empty() {
            let mut parts = self.list(&any.all_of, &format!("{at}/allOf"))?;
            if has_object_keywords {
                parts.push(Schema::new(SchemaKind::Object(object(self)?)));
            }
            SchemaKind::AllOf(parts)
        } else if !any.one_of.is_empty() || !any.any_of.is_empty() {
            let (list, key) = if any.one_of.is_empty() { (&any.any_of, "anyOf") } else { (&any.one_of, "oneOf") };
            let mut variants = self.list(list, &format!("{at}/{key}"))?;
            let discriminator = self.discriminator(data, &variants, at)?;
            if has_object_keywords {
                // Shared properties beside a oneOf: each variant is "shared + variant".
                let shared = Schema::new(SchemaKind::Object(object(self)?));
                variants = variants.into_iter().map(|v| Schema::new(SchemaKind::AllOf(vec![shared.clone(), v]))).collect();
            }
            if key == "oneOf" { SchemaKind::OneOf { variants, discriminator } } else { SchemaKind::AnyOf { variants, discriminator } }
        } else if !any.enumeration.is_empty() {
            let scalar = match any.typ.as_deref() {
                Some("integer") => Scalar::Integer,
                Some("number") => Scalar::Number,
                Some("boolean") => Scalar::Boolean,
                Some("string") => Scalar::String,
                _ => infer_scalar(&any.enumeration),
            };
            scalar_or_enum(&mut out, scalar, any.format.clone(), &any.enumeration, data)
        } else {
            match any.typ.as_deref() {
                Some("object") => SchemaKind::Object(object(self)?),
                _ if has_object_keywords => SchemaKind::Object(object(self)?),
                Some("array") | None if any.items.is_some() => {
                    let items = self.boxed_schema_or_ref(any.items.as_ref().expect("checked"), &format!("{at}/items"))?;
                    SchemaKind::Array { items: Box::new(items) }
                }
                Some("array") => SchemaKind::Array { items: Box::new(Schema::default()) },
                Some("string") => SchemaKind::String { format: any.format.clone() },
                Some("integer") => SchemaKind::Integer { format: any.format.clone() },
                Some("number") => SchemaKind::Number { format: any.format.clone() },
                Some("boolean") => SchemaKind::Boolean,
                Some("null") => {
                    out.nullable = true;
                    SchemaKind::Any
                }
                Some(other) => return Err(self.err(&format!("{at}/type"), format!("unknown schema type {other:?}"))),
                None => SchemaKind::Any,
            }
        };
        Ok(out)
    }

    fn object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<openapiv3::Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        at: &str,
    ) -> Result<ObjectSchema> {
        let mut out = ObjectSchema::default();
        for (name, schema) in properties {
            let pat = format!("{at}/properties/{}", crate::error::escape_pointer_segment(name));
            out.properties.push(Property {
                name: name.clone(),
                required: required.iter().any(|r| r == name),
                schema: self.boxed_schema_or_ref(schema, &pat)?,
            });
        }
        out.additional_properties_true = matches!(additional, Some(AdditionalProperties::Any(true)));
        out.additional_properties = match additional {
            None | Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Any(true)) => Some(Box::new(Schema::default())),
            Some(AdditionalProperties::Schema(schema)) => {
                Some(Box::new(self.schema_or_ref(schema, &format!("{at}/additionalProperties"))?))
            }
        };
        Ok(out)
    }

    fn list(&mut self, list: &[ReferenceOr<openapiv3::Schema>], at: &str) -> Result<Vec<Schema>> {
        list.iter().enumerate().map(|(i, s)| self.schema_or_ref(s, &format!("{at}/{i}"))).collect()
    }

    /// The discriminator, its mapping completed with the implicit entries (a `$ref` variant
    /// `X` without a mapping entry is tagged `X`).
    fn discriminator(&self, data: &SchemaData, variants: &[Schema], at: &str) -> Result<Option<Discriminator>> {
        let Some(d) = data.discriminator.as_ref() else { return Ok(None) };
        let mut mapping = indexmap::IndexMap::new();
        for (tag, target) in &d.mapping {
            // A mapping value is a `$ref` or a bare schema name.
            let name = target.strip_prefix("#/components/schemas/").map(unescape).unwrap_or_else(|| target.clone());
            if !self.schema_names.contains(&name) {
                return Err(self.err(&format!("{at}/discriminator/mapping/{}", crate::error::escape_pointer_segment(tag)), format!("discriminator mapping names {target:?}, which is not a schema")));
            }
            mapping.insert(tag.clone(), name);
        }
        for variant in variants {
            if let Some(name) = variant.ref_name()
                && !mapping.values().any(|v| v == name)
            {
                mapping.insert(name.to_owned(), name.to_owned());
            }
        }
        Ok(Some(Discriminator { property: d.property_name.clone(), mapping }))
    }
}

/// The annotations every schema kind shares.
fn annotations(data: &SchemaData) -> Schema {
    let x_nullable = data.extensions.get("x-nullable").and_then(Value::as_bool) == Some(true);
    // Swagger 2.0 has no `deprecated` on schemas; `x-deprecated` is the usual stand-in.
    let x_deprecated = data.extensions.get("x-deprecated").and_then(Value::as_bool) == Some(true);
    Schema {
        kind: SchemaKind::Any,
        title: data.title.clone(),
        description: data.description.clone(),
        nullable: data.nullable || x_nullable,
        read_only: data.read_only,
        write_only: data.write_only,
        deprecated: data.deprecated || x_deprecated,
        default: data.default.clone(),
        example: data.example.clone(),
        constraints: Constraints::default(),
        extensions: data.extensions.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    }
}

fn format_of<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Empty => None,
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item).ok().and_then(|v| v.as_str().map(str::to_owned)),
    }
}

/// A plain scalar, or an enum of it when values are listed. `null` among the values makes
/// the schema nullable instead of being a value.
fn scalar_or_enum(out: &mut Schema, scalar: Scalar, format: Option<String>, values: &[Value], data: &SchemaData) -> SchemaKind {
    if values.is_empty() {
        return match scalar {
            Scalar::String => SchemaKind::String { format },
            Scalar::Integer => SchemaKind::Integer { format },
            Scalar::Number => SchemaKind::Number { format },
            Scalar::Boolean => SchemaKind::Boolean,
        };
    }
    let names = string_list(data.extensions.get("x-enum-varnames"));
    let descriptions = string_list(data.extensions.get("x-enum-descriptions"));
    let mut enum_values = Vec::new();
    for (i, value) in values.iter().enumerate() {
        if value.is_null() {
            out.nullable = true;
            continue;
        }
        // Duplicate values occur in real specs; the second adds nothing.
        if enum_values.iter().any(|v: &EnumValue| &v.value == value) {
            continue;
        }
        enum_values.push(EnumValue {
            value: value.clone(),
            var_name: names.get(i).cloned().flatten(),
            description: descriptions.get(i).cloned().flatten(),
        });
    }
    SchemaKind::Enum { scalar, format, values: enum_values }
}

fn string_list(value: Option<&Value>) -> Vec<Option<String>> {
    value
        .and_then(Value::as_array)
        .map(|l| l.iter().map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

fn infer_scalar(values: &[Value]) -> Scalar {
    let non_null = values.iter().filter(|v| !v.is_null());
    if non_null.clone().all(Value::is_boolean) {
        Scalar::Boolean
    } else if non_null.clone().all(|v| v.is_i64() || v.is_u64()) {
        Scalar::Integer
    } else if non_null.clone().all(Value::is_number) {
        Scalar::Number
    } else {
        Scalar::String
    }
}

pub fn unescape(segment: &str) -> String {
    if !segment.contains('~') {
        return segment.to_owned();
    }
    segment.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::unescape;
    use crate::error::escape_pointer_segment;

    #[test]
    fn pointer_segments_escape_and_unescape_per_rfc_6901() {
        for (plain, escaped) in [("name", "name"), ("a/b", "a~1b"), ("a~b", "a~0b"), ("~1", "~01"), ("/~/", "~1~0~1"), ("", "")] {
            assert_eq!(escape_pointer_segment(plain), escaped);
            assert_eq!(unescape(escaped), plain);
        }
    }
}
