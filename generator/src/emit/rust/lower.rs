//! Lowering: API model -> Rust code model. Named schemas keep the names `naming::type_names`
//! gives them; inline objects, enums and unions become items named after where they sit
//! (`naming::nested_type_ident`), made unique in the one global scope.

use super::types::{EnumVariant, Field, Item, ItemKind, Presence, ScalarEnum, Ty, Union, Variant};
use crate::error::{Error, Result};
use crate::model::{Api, Discriminator, EnumValue, MediaType, ObjectSchema, Operation, Property, Scalar, Schema, SchemaKind};
use crate::naming::{self, Scope, Target};
use indexmap::IndexMap;
use serde_json::Value;

/// Every item of the models module, in document order (inline items come right after the
/// item that holds them, inline schemas of operations last), and the types of every
/// operation's parameters, body and responses (parallel to `api.operations`). Inline schemas
/// of an operation become items named after it (`<Operation>Body`, `<Operation>Response`,
/// `<Operation><Param>`), so the client can name them.
pub fn lower_with_operations(api: &Api) -> Result<(Vec<Item>, Vec<OperationTys>)> {
    let names = naming::type_names(api, Target::Rust);
    let mut scope = Scope::new();
    for name in names.values() {
        scope.reserve(name);
    }
    let mut lowerer = Lowerer { api, names, scope, items: Vec::new() };
    for (spec_name, schema) in &api.schemas {
        let name = lowerer.names[spec_name].clone();
        lowerer.item(name, schema, is_deprecated(schema))?;
    }
    let operations = api.operations.iter().map(|op| lowerer.operation(op)).collect::<Result<Vec<_>>>()?;
    Ok((lowerer.items, operations))
}

/// The Rust types an operation's schemas lower to.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationTys {
    /// Parallel to `Operation::parameters`.
    pub params: Vec<Ty>,
    /// The schema of `preferred_media` of the request body.
    pub body: Option<BodyTy>,
    /// Parallel to `Operation::responses`: the schema of each response's `preferred_media`.
    pub responses: Vec<Option<Ty>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BodyTy {
    /// The body is one value of this type.
    Whole(Ty),
    /// A form (multipart or url-encoded) of an object: one type per property, in order.
    Fields(Vec<Ty>),
}

/// The media type a client sends or expects of several: JSON when offered (it decodes into
/// the models), else the first.
pub fn preferred_media(content: &[MediaType]) -> Option<&MediaType> {
    content.iter().find(|m| is_json(&m.content_type)).or_else(|| content.first())
}

/// A media type without its parameters, lower-cased: `Text/Plain; charset=utf-8` -> `text/plain`.
pub fn essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// `application/json`, `*/*+json` and parameters after `;`.
pub fn is_json(content_type: &str) -> bool {
    let essence = essence(content_type);
    essence == "application/json" || essence.ends_with("+json")
}

/// A form body whose properties become separate fields (parts or pairs).
pub fn form_object(media: &MediaType) -> Option<&ObjectSchema> {
    let form = matches!(media.content_type.as_str(), "multipart/form-data" | "application/x-www-form-urlencoded");
    match media.schema.as_ref().map(|s| &s.kind) {
        Some(SchemaKind::Object(object)) if form && !object.properties.is_empty() => Some(object),
        _ => None,
    }
}

struct Lowerer<'a> {
    api: &'a Api,
    names: IndexMap<String, String>,
    scope: Scope,
    items: Vec<Item>,
}

impl Lowerer<'_> {
    fn operation(&mut self, op: &Operation) -> Result<OperationTys> {
        let base = naming::operation_type_ident(op);
        let base = Hint::Root(&base);
        let params = op.parameters.iter().map(|p| self.ty(&p.schema, &base.part(&p.name))).collect::<Result<_>>()?;
        let body = match op.request_body.as_ref().and_then(|b| preferred_media(&b.content)) {
            Some(media) => match (form_object(media), &media.schema) {
                (Some(object), _) => Some(BodyTy::Fields(
                    object.properties.iter().map(|p| self.ty(&p.schema, &base.part(&p.name))).collect::<Result<_>>()?,
                )),
                (None, Some(schema)) => Some(BodyTy::Whole(self.ty(schema, &base.part("Body"))?)),
                (None, None) => None,
            },
            None => None,
        };
        let mut responses = Vec::new();
        for (i, response) in op.responses.iter().enumerate() {
            let part = if i == 0 { "Response".to_owned() } else { format!("Response {}", response.status) };
            let schema = preferred_media(&response.content).and_then(|m| m.schema.as_ref());
            responses.push(schema.map(|s| self.ty(s, &base.part(&part))).transpose()?);
        }
        Ok(OperationTys { params, body, responses })
    }

    /// Adds the item `name` for `schema` (and, after it, the inline items it needs). Only
    /// named schemas are deprecated as types; an inline one is deprecated as a field.
    fn item(&mut self, name: String, schema: &Schema, deprecated: bool) -> Result<()> {
        let at = self.items.len();
        let kind = self.kind(&name, schema)?;
        let mut doc = schema.description.clone().or_else(|| schema.title.clone());
        if matches!(schema.kind, SchemaKind::AllOf(_)) && kind == ItemKind::Alias(Ty::Value) {
            let note = "allOf of parts that are not all objects: kept as any JSON value.";
            doc = Some(doc.map_or(note.to_owned(), |d| format!("{d}\n\n{note}")));
        }
        self.items.insert(at, Item { name, doc, deprecated, kind });
        Ok(())
    }

    fn kind(&mut self, name: &str, schema: &Schema) -> Result<ItemKind> {
        Ok(match &schema.kind {
            SchemaKind::Object(object) if !object.properties.is_empty() => ItemKind::Struct(self.fields(&Hint::Root(name), object)?),
            SchemaKind::Enum { scalar: scalar @ (Scalar::String | Scalar::Integer), values, .. } => {
                ItemKind::Enum(scalar_enum(name, *scalar == Scalar::Integer, values))
            }
            SchemaKind::OneOf { variants, discriminator } | SchemaKind::AnyOf { variants, discriminator } => {
                ItemKind::Union(self.union(name, variants, discriminator.as_ref())?)
            }
            SchemaKind::AllOf(parts) => match self.merged(parts, &mut Vec::new()) {
                Some(object) if !object.properties.is_empty() => ItemKind::Struct(self.fields(&Hint::Root(name), &object)?),
                Some(object) => ItemKind::Alias(self.map(&Hint::Root(name), &object)?),
                None => ItemKind::Alias(Ty::Value),
            },
            _ => ItemKind::Alias(self.ty(schema, &Hint::Root(name).part("Item"))?),
        })
    }

    /// The type of a use of `schema`; an inline schema that needs its own item gets one named `hint`.
    fn ty(&mut self, schema: &Schema, hint: &Hint) -> Result<Ty> {
        Ok(match &schema.kind {
            SchemaKind::Ref(target) => match self.names.get(target) {
                Some(name) => Ty::Named(name.clone()),
                None => return Err(Error::new(&self.api.source, "", format!("reference to unknown schema {target:?}"))),
            },
            SchemaKind::Any => Ty::Value,
            SchemaKind::String { format } => string_ty(format.as_deref()),
            SchemaKind::Integer { format } => integer_ty(format.as_deref()),
            SchemaKind::Number { format } => number_ty(format.as_deref()),
            SchemaKind::Boolean | SchemaKind::Enum { scalar: Scalar::Boolean, .. } => Ty::Bool,
            SchemaKind::Enum { scalar: Scalar::Number, format, .. } => number_ty(format.as_deref()),
            SchemaKind::Array { items } => Ty::Vec(Box::new(self.ty(items, &hint.part("Item"))?)),
            SchemaKind::Object(object) if object.properties.is_empty() => self.map(hint, object)?,
            SchemaKind::AllOf(parts) if self.merged(parts, &mut Vec::new()).is_none() => Ty::Value,
            SchemaKind::Enum { .. } | SchemaKind::Object(_) | SchemaKind::AllOf(_) | SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => {
                let name = self.scope.unique(hint.name());
                self.item(name.clone(), schema, false)?;
                Ty::Named(name)
            }
        })
    }

    /// An object without properties: a map of its additionalProperties (of anything when
    /// there are none, so no data is lost).
    fn map(&mut self, hint: &Hint, object: &ObjectSchema) -> Result<Ty> {
        let value = match &object.additional_properties {
            Some(schema) => self.ty(schema, &hint.part("Value"))?,
            None => Ty::Value,
        };
        Ok(Ty::Map(Box::new(value)))
    }

    fn fields(&mut self, parent: &Hint, object: &ObjectSchema) -> Result<Vec<Field>> {
        let mut scope = Scope::new();
        let mut fields = Vec::new();
        for property in &object.properties {
            let ident = scope.unique(naming::rust_field_ident(&property.name));
            let ty = self.ty(&property.schema, &parent.part(&property.name))?;
            let presence = match (property.required, property.schema.nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::Nullable,
                (false, _) => Presence::Optional,
            };
            let schema = &property.schema;
            let doc = schema.description.clone().or_else(|| schema.title.clone());
            fields.push(Field { ident, wire: property.name.clone(), ty, presence, doc, deprecated: is_deprecated(schema) });
        }
        if let Some(extra) = &object.additional_properties {
            let ty = self.ty(extra, &parent.part("ExtraValue"))?;
            fields.push(Field {
                ident: scope.unique("extra".into()),
                wire: String::new(),
                ty: Ty::Map(Box::new(ty)),
                presence: Presence::Flatten,
                doc: Some("Properties not listed above (additionalProperties).".into()),
                deprecated: false,
            });
        }
        Ok(fields)
    }

    /// The object an allOf amounts to when every part is an object or a reference to one
    /// (properties in part order, a later part's property replacing an earlier one's);
    /// `None` when a part is anything else or the references loop.
    fn merged(&self, parts: &[Schema], seen: &mut Vec<String>) -> Option<ObjectSchema> {
        let mut out = ObjectSchema::default();
        for part in parts {
            let object = self.as_object(part, seen)?;
            for property in object.properties {
                merge_property(&mut out.properties, property);
            }
            out.additional_properties = object.additional_properties.or(out.additional_properties);
        }
        Some(out)
    }

    fn as_object(&self, schema: &Schema, seen: &mut Vec<String>) -> Option<ObjectSchema> {
        match &schema.kind {
            SchemaKind::Object(object) => Some(object.clone()),
            SchemaKind::AllOf(parts) => self.merged(parts, seen),
            SchemaKind::Ref(name) if !seen.contains(name) => {
                seen.push(name.clone());
                let object = self.as_object(self.api.schemas.get(name)?, seen);
                seen.pop();
                object
            }
            _ => None,
        }
    }

    fn union(&mut self, name: &str, variants: &[Schema], discriminator: Option<&Discriminator>) -> Result<Union> {
        let mut scope = Scope::new();
        if let Some(d) = discriminator.filter(|d| self.can_tag(d)) {
            let variants = d
                .mapping
                .iter()
                .map(|(tag, target)| Variant {
                    ident: scope.unique(naming::variant_ident(tag)),
                    rename: Some(tag.clone()),
                    ty: Ty::Named(self.names[target].clone()),
                })
                .collect();
            return Ok(Union { tag: Some(d.property.clone()), variants });
        }
        let mut out = Vec::new();
        for (i, schema) in variants.iter().enumerate() {
            let ty = self.ty(schema, &Hint::Root(name).part(&format!("Variant {}", i + 1)))?;
            out.push((ty_word(&ty), ty));
        }
        // Untagged variants are tried in order: anything-goes last, or it takes every value.
        out.sort_by_key(|(_, ty)| *ty == Ty::Value);
        let variants = out
            .into_iter()
            .map(|(word, ty)| Variant { ident: scope.unique(naming::variant_ident(&word)), rename: None, ty })
            .collect();
        Ok(Union { tag: None, variants })
    }

    /// Serde's internally tagged enums consume the tag, so they fit only when every target
    /// is an object that does not itself declare the tag property.
    fn can_tag(&self, d: &Discriminator) -> bool {
        !d.mapping.is_empty()
            && d.mapping.values().all(|target| {
                let schema = Schema::new(SchemaKind::Ref(target.clone()));
                self.as_object(&schema, &mut Vec::new())
                    .is_some_and(|o| !o.properties.is_empty() && o.properties.iter().all(|p| p.name != d.property))
            })
    }
}

fn merge_property(properties: &mut Vec<Property>, property: Property) {
    match properties.iter_mut().find(|p| p.name == property.name) {
        Some(existing) => {
            existing.required |= property.required;
            existing.schema = property.schema;
        }
        None => properties.push(property),
    }
}

/// One variant per distinct value (a repeated value would be an unreachable match arm);
/// values of the wrong JSON type for the enum are skipped.
fn scalar_enum(name: &str, integer: bool, values: &[EnumValue]) -> ScalarEnum {
    let mut scope = Scope::new();
    let mut predicates = Scope::new();
    // The catch-all is always `Unknown`, so callers can rely on it; a listed value
    // "unknown" gets a suffix instead.
    let unknown = scope.unique("Unknown".into());
    let mut variants: Vec<EnumVariant> = Vec::new();
    for value in values {
        let wire = match (&value.value, integer) {
            (Value::String(_), false) => value.value.clone(),
            (Value::Number(n), true) if n.is_i64() => value.value.clone(),
            _ => continue,
        };
        if variants.iter().any(|v| v.value == wire) {
            continue;
        }
        let base = match &value.var_name {
            Some(var) => naming::enum_var_ident(name, var),
            None => naming::variant_ident(&wire_text(&wire)),
        };
        let ident = scope.unique(base);
        let predicate = predicates.unique(naming::predicate_ident(&ident));
        variants.push(EnumVariant { ident, predicate, value: wire, doc: value.description.clone() });
    }
    ScalarEnum { integer, variants, unknown }
}

fn wire_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The word an untagged variant is named by: the type it holds.
fn ty_word(ty: &Ty) -> String {
    match ty {
        Ty::Named(name) => name.clone(),
        Ty::Bool => "Boolean".into(),
        Ty::I32 | Ty::I64 => "Integer".into(),
        Ty::F32 | Ty::F64 => "Number".into(),
        Ty::String | Ty::Uuid | Ty::DateTime | Ty::Date => "String".into(),
        Ty::Vec(_) => "Array".into(),
        Ty::Map(_) => "Object".into(),
        Ty::Value => "Value".into(),
        Ty::Boxed(inner) => ty_word(inner),
    }
}

/// The name an inline schema gets if it needs an item of its own: its parent's name and its
/// part (`WorkspaceBuild` + `status`). Put together only when asked: most uses are references
/// or scalars, and naming (heck's case conversion) is a measurable part of lowering.
#[derive(Clone, Copy)]
enum Hint<'h> {
    Root(&'h str),
    Part(&'h Hint<'h>, &'h str),
}

impl<'h> Hint<'h> {
    fn part(&'h self, part: &'h str) -> Hint<'h> {
        Hint::Part(self, part)
    }

    fn name(&self) -> String {
        match self {
            Hint::Root(name) => (*name).to_owned(),
            Hint::Part(parent, part) => naming::nested_type_ident(&parent.name(), part, Target::Rust),
        }
    }
}

/// `deprecated: true`, or swaggo's `x-deprecated: true` (Swagger 2.0 has no schema-level
/// `deprecated`).
fn is_deprecated(schema: &Schema) -> bool {
    schema.deprecated || schema.extensions.get("x-deprecated").and_then(Value::as_bool) == Some(true)
}

/// Format choices: `uuid` and `date-time`/`date` get real types (uuid, chrono); `byte` is
/// base64 text and `binary` raw text in JSON, both kept as `String`; unknown formats too.
fn string_ty(format: Option<&str>) -> Ty {
    match format {
        Some("uuid") => Ty::Uuid,
        Some("date-time") => Ty::DateTime,
        Some("date") => Ty::Date,
        _ => Ty::String,
    }
}

/// `int32` is `i32`; everything else (`int64`, no format, unknown formats) `i64`, the widest
/// JSON integer most servers emit.
fn integer_ty(format: Option<&str>) -> Ty {
    if format == Some("int32") { Ty::I32 } else { Ty::I64 }
}

/// `float` is `f32`; `double`, no format and unknown formats are `f64`.
fn number_ty(format: Option<&str>) -> Ty {
    if format == Some("float") { Ty::F32 } else { Ty::F64 }
}
