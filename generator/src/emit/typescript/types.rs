//! Schema -> TypeScript type expression. Expressions are single-line strings tagged with
//! their precedence, so composing them adds parentheses exactly where TypeScript needs them.

use crate::error::{Error, Result};
use crate::model::{Api, Discriminator, ObjectSchema, Schema, SchemaKind};
use crate::naming;
use indexmap::IndexMap;
use serde_json::Value;

/// How tightly an expression binds, loosest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Union,
    Intersection,
    /// `readonly T[]`: fine in a union or intersection, needs parentheses as an array element.
    Prefix,
    Atom,
}

#[derive(Debug, Clone)]
struct Expr {
    text: String,
    prec: Prec,
}

impl Expr {
    fn atom(text: impl Into<String>) -> Expr {
        Expr { text: text.into(), prec: Prec::Atom }
    }

    fn at_least(self, prec: Prec) -> String {
        if self.prec >= prec { self.text } else { format!("({})", self.text) }
    }
}

/// Turns model schemas into TypeScript types, naming referenced schemas with `names`.
pub struct Types<'a> {
    api: &'a Api,
    names: &'a IndexMap<String, String>,
}

impl<'a> Types<'a> {
    pub fn new(api: &'a Api, names: &'a IndexMap<String, String>) -> Types<'a> {
        Types { api, names }
    }

    /// The type name of a named schema.
    pub fn name(&self, spec_name: &str) -> &str {
        &self.names[spec_name]
    }

    /// The type of `schema`; `at` is the JSON pointer used if the schema is broken.
    pub fn expr(&self, schema: &Schema, at: &str) -> Result<String> {
        Ok(self.full(schema, at)?.text)
    }

    /// The literal union of enum values: strings sorted (as Coder's typesGenerated.ts does,
    /// so reordering the spec does not churn the output), other values in spec order.
    pub fn literals<'v>(values: impl IntoIterator<Item = &'v Value>) -> Vec<String> {
        let values: Vec<&Value> = values.into_iter().collect();
        let mut literals: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        if values.iter().all(|v| v.is_string()) {
            let mut strings: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
            strings.sort_unstable();
            literals = strings.into_iter().map(|s| Value::from(s).to_string()).collect();
        }
        let mut seen = std::collections::HashSet::new();
        literals.retain(|l| seen.insert(l.clone()));
        literals
    }

    fn full(&self, schema: &Schema, at: &str) -> Result<Expr> {
        let base = self.kind(schema, at)?;
        if schema.nullable && base.text != "unknown" {
            return Ok(union(vec![base, Expr::atom("null")]));
        }
        Ok(base)
    }

    fn kind(&self, schema: &Schema, at: &str) -> Result<Expr> {
        // A use site narrowed to some values of an enum: the literals say more than the name.
        if !schema.constraints.allowed.is_empty() {
            return Ok(literal_union(Self::literals(&schema.constraints.allowed)));
        }
        Ok(match &schema.kind {
            SchemaKind::Ref(name) => Expr::atom(self.ref_name(name, at)?),
            SchemaKind::Any => Expr::atom("unknown"),
            SchemaKind::String { .. } => Expr::atom("string"),
            SchemaKind::Integer { .. } | SchemaKind::Number { .. } => Expr::atom("number"),
            SchemaKind::Boolean => Expr::atom("boolean"),
            SchemaKind::Enum { values, .. } => literal_union(Self::literals(values.iter().map(|v| &v.value))),
            SchemaKind::Array { items } => {
                let item = self.full(items, &format!("{at}/items"))?;
                Expr { text: format!("readonly {}[]", item.at_least(Prec::Atom)), prec: Prec::Prefix }
            }
            SchemaKind::Object(object) => self.inline_object(object, at)?,
            SchemaKind::AllOf(parts) => {
                let parts = self.each(parts, &format!("{at}/allOf"))?;
                intersection(parts)
            }
            SchemaKind::OneOf { variants, discriminator } => {
                self.variants(variants, discriminator.as_ref(), &format!("{at}/oneOf"))?
            }
            SchemaKind::AnyOf { variants, discriminator } => {
                self.variants(variants, discriminator.as_ref(), &format!("{at}/anyOf"))?
            }
        })
    }

    fn ref_name(&self, name: &str, at: &str) -> Result<String> {
        self.names
            .get(name)
            .cloned()
            .ok_or_else(|| Error::new(&self.api.source, at, format!("reference to an unknown schema {name:?}")))
    }

    fn each(&self, schemas: &[Schema], at: &str) -> Result<Vec<Expr>> {
        schemas.iter().enumerate().map(|(i, s)| self.full(s, &format!("{at}/{i}"))).collect()
    }

    /// A union; with a discriminator, each referenced variant is intersected with its tag so
    /// that checking the tag property narrows the union.
    fn variants(&self, variants: &[Schema], discriminator: Option<&Discriminator>, at: &str) -> Result<Expr> {
        let mut members = Vec::new();
        for (i, variant) in variants.iter().enumerate() {
            let expr = self.full(variant, &format!("{at}/{i}"))?;
            let tags: Vec<&String> = match (discriminator, variant.ref_name()) {
                (Some(d), Some(name)) => d.mapping.iter().filter(|(_, target)| *target == name).map(|(tag, _)| tag).collect(),
                _ => Vec::new(),
            };
            if tags.is_empty() {
                members.push(expr);
                continue;
            }
            let d = discriminator.expect("tags come from a discriminator");
            let tag_values: Vec<Value> = tags.into_iter().map(|t| Value::from(t.as_str())).collect();
            let tag_type = Self::literals(&tag_values).join(" | ");
            let tag = Expr::atom(format!("{{ readonly {}: {} }}", naming::ts_property_key(&d.property), tag_type));
            members.push(intersection(vec![expr, tag]));
        }
        Ok(union(members))
    }

    /// An object type written inline: `{ readonly a?: T }`, `Record<string, T>`, or both
    /// (an index signature beside the properties).
    fn inline_object(&self, object: &ObjectSchema, at: &str) -> Result<Expr> {
        let members = self.object_members(object, at)?;
        if object.properties.is_empty() {
            return Ok(Expr::atom(format!("Record<string, {}>", members.index.unwrap_or_else(|| "unknown".into()))));
        }
        let mut parts: Vec<String> = members
            .fields
            .iter()
            .map(|f| format!("readonly {}{}: {}", f.key, if f.optional { "?" } else { "" }, f.ty))
            .collect();
        if let Some(index) = members.index {
            parts.push(format!("readonly [key: string]: {index}"));
        }
        Ok(Expr::atom(format!("{{ {} }}", parts.join("; "))))
    }

    /// The fields of an object schema and the type of its index signature, if any. The index
    /// type also admits every property's type, because TypeScript requires properties to be
    /// assignable to it.
    pub fn object_members(&self, object: &ObjectSchema, at: &str) -> Result<ObjectMembers> {
        let mut fields = Vec::new();
        for property in &object.properties {
            let pointer = format!("{at}/properties/{}", crate::error::escape_pointer_segment(&property.name));
            fields.push(Field {
                key: naming::ts_property_key(&property.name),
                optional: !property.required,
                ty: self.full(&property.schema, &pointer)?,
                schema: property.schema.clone(),
            });
        }
        let index = match &object.additional_properties {
            None => None,
            Some(extra) => {
                let extra = self.full(extra, &format!("{at}/additionalProperties"))?;
                let mut members = vec![extra];
                if !members[0].text.eq("unknown") {
                    members.extend(fields.iter().map(|f| f.ty.clone()));
                    if fields.iter().any(|f| f.optional) {
                        members.push(Expr::atom("undefined"));
                    }
                }
                Some(union(members).text)
            }
        };
        let fields = fields
            .into_iter()
            .map(|f| FieldType { key: f.key, optional: f.optional, ty: f.ty.text, schema: f.schema })
            .collect();
        Ok(ObjectMembers { fields, index })
    }
}

struct Field {
    key: String,
    optional: bool,
    ty: Expr,
    schema: Schema,
}

/// One property of an object, typed.
pub struct FieldType {
    /// The property key, quoted when it is not an identifier.
    pub key: String,
    pub optional: bool,
    pub ty: String,
    /// The property's schema, for its doc comment.
    pub schema: Schema,
}

pub struct ObjectMembers {
    pub fields: Vec<FieldType>,
    pub index: Option<String>,
}

fn literal_union(literals: Vec<String>) -> Expr {
    union(literals.into_iter().map(Expr::atom).collect())
}

/// `A | B`, dropping repeats; no members is `never`. Any expression can be a union member
/// unparenthesised (there are no function types here).
fn union(members: Vec<Expr>) -> Expr {
    let mut kept: Vec<Expr> = Vec::new();
    for member in members {
        if !kept.iter().any(|k| k.text == member.text) {
            kept.push(member);
        }
    }
    match kept.len() {
        0 => Expr::atom("never"),
        1 => kept.pop().expect("one member"),
        _ => Expr { text: kept.iter().map(|k| k.text.as_str()).collect::<Vec<_>>().join(" | "), prec: Prec::Union },
    }
}

/// `A & B`; no members is `unknown` (no constraint at all).
fn intersection(members: Vec<Expr>) -> Expr {
    match members.len() {
        0 => Expr::atom("unknown"),
        1 => members.into_iter().next().expect("one member"),
        _ => Expr {
            text: members.into_iter().map(|m| if m.prec == Prec::Intersection { m.text } else { m.at_least(Prec::Atom) }).collect::<Vec<_>>().join(" & "),
            prec: Prec::Intersection,
        },
    }
}
