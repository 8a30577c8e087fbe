//! The Rust code model: what the token emitter prints. Every schema (named or inline) becomes
//! one `Item`; `lower` builds them from the API model and `recursion` boxes what must be.

use serde_json::Value;

/// A Rust type as used in a field, variant or alias.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// Also `byte` (base64 text: decoding it is the caller's choice) and `binary`.
    String,
    Uuid,
    DateTime,
    Date,
    /// Any JSON value.
    Value,
    /// Another item of the same module, by identifier.
    Named(String),
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`: sorted keys keep serialized output deterministic.
    Map(Box<Ty>),
    /// Indirection that breaks a by-value cycle.
    Boxed(Box<Ty>),
}

impl Ty {
    /// Every item name mentioned anywhere in this type.
    pub fn mentions(&self, out: &mut Vec<String>) {
        match self {
            Ty::Named(name) => out.push(name.clone()),
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Boxed(inner) => inner.mentions(out),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub name: String,
    pub doc: Option<String>,
    pub deprecated: bool,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    Struct(Vec<Field>),
    /// A string or integer enum with a catch-all variant.
    Enum(ScalarEnum),
    /// oneOf / anyOf.
    Union(Union),
    /// `pub type Name = Ty;`
    Alias(Ty),
    /// `#[serde(transparent)] pub struct Name(pub Ty);`: an alias that refers to itself,
    /// which a type alias cannot.
    Newtype(Ty),
}

impl ItemKind {
    /// The types this item stores, in order (fields, variants, aliased type).
    pub fn types_mut(&mut self) -> Vec<&mut Ty> {
        match self {
            ItemKind::Struct(fields) => fields.iter_mut().map(|f| &mut f.ty).collect(),
            ItemKind::Union(union) => union.variants.iter_mut().map(|v| &mut v.ty).collect(),
            ItemKind::Alias(ty) | ItemKind::Newtype(ty) => vec![ty],
            ItemKind::Enum(_) => Vec::new(),
        }
    }

    pub fn types(&self) -> Vec<&Ty> {
        match self {
            ItemKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
            ItemKind::Union(union) => union.variants.iter().map(|v| &v.ty).collect(),
            ItemKind::Alias(ty) | ItemKind::Newtype(ty) => vec![ty],
            ItemKind::Enum(_) => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub ident: String,
    /// The JSON key (unused for `Presence::Flatten`).
    pub wire: String,
    pub ty: Ty,
    pub presence: Presence,
    pub doc: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Always there, never null: `T`.
    Required,
    /// Always there, may be null: `Option<T>`, serialized as `null`.
    Nullable,
    /// May be absent: `Option<T>`, left out when `None`.
    Optional,
    /// The additionalProperties of an object that also has properties: `#[serde(flatten)]`.
    Flatten,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScalarEnum {
    /// `i64` values when true, strings otherwise.
    pub integer: bool,
    pub variants: Vec<EnumVariant>,
    /// The catch-all variant keeping a value this client does not know.
    pub unknown: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub ident: String,
    /// `is_*` method name.
    pub predicate: String,
    /// A JSON string or integer.
    pub value: Value,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The discriminator property for an internally tagged enum; `None`: untagged.
    pub tag: Option<String>,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub ident: String,
    /// The tag value, when tagged.
    pub rename: Option<String>,
    pub ty: Ty,
}
