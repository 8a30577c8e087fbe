//! View structs for the named schemas: one declaration each, in document order.

use super::doc;
use super::types::{FieldType, Types};
use crate::error::{Result, escape_pointer_segment};
use crate::model::{Api, Schema, SchemaKind};
use crate::naming::{self, Scope};

/// One exported declaration.
pub enum Decl {
    /// An object with properties: `export interface Name { readonly a?: T; }`.
    Interface(InterfaceView),
    /// An enum: the literal union plus the list of its values.
    Enum(EnumView),
    /// Anything else: `export type Name = T;`.
    Alias(AliasView),
}

pub struct InterfaceView {
    pub doc: Vec<String>,
    pub name: String,
    pub fields: Vec<FieldView>,
    /// The index signature's value type, for `additionalProperties` beside properties.
    pub index: Option<String>,
}

pub struct FieldView {
    pub doc: Vec<String>,
    pub key: String,
    pub optional: bool,
    pub ty: String,
}

impl FieldView {
    pub fn new(field: FieldType) -> FieldView {
        FieldView { doc: doc::schema_lines(&field.schema), key: field.key, optional: field.optional, ty: field.ty }
    }
}

pub struct EnumView {
    pub doc: Vec<String>,
    pub name: String,
    /// The value list's name: the type name in the plural, as in Coder's typesGenerated.ts.
    pub list_name: String,
    pub ty: String,
    pub values: Vec<String>,
}

pub struct AliasView {
    pub doc: Vec<String>,
    pub name: String,
    pub ty: String,
}

pub fn build(api: &Api, types: &Types) -> Result<Vec<Decl>> {
    // Value lists are the only values declared: they need names unique among themselves.
    let mut lists = Scope::new();
    api.schemas.iter().map(|(spec_name, schema)| decl(spec_name, schema, types, &mut lists)).collect()
}

fn decl(spec_name: &str, schema: &Schema, types: &Types, lists: &mut Scope) -> Result<Decl> {
    let at = format!("/components/schemas/{}", escape_pointer_segment(spec_name));
    let name = types.name(spec_name).to_owned();
    let doc = doc::schema_lines(schema);
    Ok(match &schema.kind {
        SchemaKind::Object(object) if !object.properties.is_empty() && !schema.nullable => {
            let members = types.object_members(object, &at)?;
            let fields = members.fields.into_iter().map(FieldView::new).collect();
            Decl::Interface(InterfaceView { doc, name, fields, index: members.index })
        }
        SchemaKind::Enum { values, .. } if schema.constraints.allowed.is_empty() => Decl::Enum(EnumView {
            doc,
            list_name: lists.unique(naming::ts_enum_list_name(&name)),
            ty: types.expr(schema, &at)?,
            values: Types::literals(values.iter().map(|v| &v.value)),
            name,
        }),
        _ => Decl::Alias(AliasView { doc, ty: types.expr(schema, &at)?, name }),
    })
}
