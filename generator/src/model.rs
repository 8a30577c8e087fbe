//! The intermediate model: what every emitter reads.
//!
//! Both front-ends (`load::swagger2`, `load::openapi3`) lower their documents into these types
//! and nothing downstream knows which spec version it came from. The model keeps spec names
//! (e.g. `codersdk.WorkspaceBuild`) and wire names verbatim; turning them into identifiers is
//! the job of `naming`, and nothing else.
//!
//! Order is part of the model: maps are `IndexMap`s in document order, so output is a pure
//! function of the input document.

use indexmap::IndexMap;
use serde_json::Value;
use std::collections::BTreeMap;

/// Vendor extensions (`x-*`) as written in the spec, sorted by key.
pub type Extensions = BTreeMap<String, Value>;

/// A whole API description.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The spec file name as shown in generated-file headers (a path relative to the repo
    /// root, or the file name): never an absolute path, so output does not depend on checkout.
    pub source: String,
    pub info: Info,
    /// Base URLs, first is the default. Swagger 2.0 `schemes`/`host`/`basePath` become one
    /// server per scheme.
    pub servers: Vec<Server>,
    pub tags: Vec<Tag>,
    /// Named schemas (`definitions` / `components.schemas`) in document order, keyed by spec name.
    pub schemas: IndexMap<String, Schema>,
    /// Every operation, in document order of paths, then methods in `Method::ALL` order.
    pub operations: Vec<Operation>,
    pub security_schemes: IndexMap<String, SecurityScheme>,
    /// Document-level security requirements (alternatives).
    pub security: Vec<SecurityRequirement>,
    pub extensions: Extensions,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Info {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

/// Groups `(key, item)` pairs by key: groups in order of their key's first appearance, items
/// in the order given (how operations gather under their first tag, on pages and in the client).
pub fn group_in_order<K: PartialEq, T>(pairs: impl IntoIterator<Item = (K, T)>) -> Vec<(K, Vec<T>)> {
    let mut groups: Vec<(K, Vec<T>)> = Vec::new();
    for (key, item) in pairs {
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, items)) => items.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    groups
}

impl Method {
    /// The order in which methods of one path item are listed (the order of the spec's
    /// Path Item Object fields).
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// Lower-case, as the key in a path item.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }

    /// Upper-case, as on the wire.
    pub fn as_upper(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operationId`, verbatim.
    pub id: Option<String>,
    pub method: Method,
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub deprecated: bool,
    /// Path-level parameters merged with the operation's own (the operation's win on
    /// name + location), path-level first, in document order. Body and form parameters of
    /// Swagger 2.0 are not here: they are the `request_body`.
    pub parameters: Vec<Parameter>,
    pub request_body: Option<RequestBody>,
    /// In document order.
    pub responses: Vec<Response>,
    /// `None` means the document-level `Api::security` applies; `Some(vec![])` means none.
    pub security: Option<Vec<SecurityRequirement>>,
    pub extensions: Extensions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamLocation {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Wire name.
    pub name: String,
    pub location: ParamLocation,
    pub description: Option<String>,
    pub required: bool,
    pub deprecated: bool,
    pub schema: Schema,
    /// Arrays: `true` repeats the key (`a=1&a=2`, Swagger `multi`, OpenAPI form+explode);
    /// `false` joins values with `array_separator`.
    pub explode: bool,
    /// Separator for non-exploded arrays: `,` (csv/form), ` ` (ssv), `|` (pipes), `\t` (tsv).
    pub array_separator: char,
    pub extensions: Extensions,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub description: Option<String>,
    pub required: bool,
    /// Swagger 2.0 body parameter name (`body`, `request`, ...), kept for documentation.
    pub name: Option<String>,
    /// One entry per content type, in document order. Swagger 2.0 gets one per `consumes`
    /// type (form parameters become an object schema with one property per parameter).
    pub content: Vec<MediaType>,
    pub extensions: Extensions,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MediaType {
    pub content_type: String,
    pub schema: Option<Schema>,
    pub example: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// `"200"`, `"4XX"` or `"default"`, as written.
    pub status: String,
    pub description: String,
    /// Empty for a response without a body.
    pub content: Vec<MediaType>,
    pub headers: Vec<Header>,
    pub extensions: Extensions,
}

impl Response {
    /// The numeric status, for `"200"`-style codes.
    pub fn status_code(&self) -> Option<u16> {
        self.status.parse().ok()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub name: String,
    pub description: Option<String>,
    pub schema: Schema,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    pub kind: SecuritySchemeKind,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SecuritySchemeKind {
    /// An API key sent in a header, query parameter or cookie.
    ApiKey { name: String, location: ParamLocation },
    /// HTTP authentication: `scheme` is `basic`, `bearer`, ... (lower-cased).
    Http { scheme: String, bearer_format: Option<String> },
    /// OAuth 2.0: the token is sent as a bearer token.
    OAuth2 { flows: Vec<OAuthFlow> },
    OpenIdConnect { url: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct OAuthFlow {
    /// `implicit`, `password`, `clientCredentials` or `authorizationCode`.
    pub kind: String,
    pub authorization_url: Option<String>,
    pub token_url: Option<String>,
    /// Scope name to description.
    pub scopes: IndexMap<String, String>,
}

/// Scheme name to required scopes; all must be satisfied together.
pub type SecurityRequirement = IndexMap<String, Vec<String>>;

/// A schema: what it is (`kind`) plus annotations that apply to any kind.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    pub kind: SchemaKind,
    pub title: Option<String>,
    pub description: Option<String>,
    /// `nullable: true` (3.0) or `x-nullable: true` (swaggo and friends).
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    pub default: Option<Value>,
    pub example: Option<Value>,
    pub constraints: Constraints,
    pub extensions: Extensions,
}

impl Schema {
    pub fn new(kind: SchemaKind) -> Schema {
        Schema { kind, ..Schema::default() }
    }

    /// The referenced schema name when this schema is a bare `$ref`.
    pub fn ref_name(&self) -> Option<&str> {
        match &self.kind {
            SchemaKind::Ref(name) => Some(name),
            _ => None,
        }
    }
}

/// Validation keywords kept for documentation (the Markdown "Restrictions" column) and
/// for emitters that want them. Numbers are kept as JSON numbers to print them as written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Constraints {
    pub minimum: Option<serde_json::Number>,
    pub maximum: Option<serde_json::Number>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<serde_json::Number>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    /// Values a use site narrows its type to without changing the type: swaggo's
    /// `allOf: [{$ref: Enum}]` with a sibling `enum`. Empty when not narrowed.
    pub allowed: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum SchemaKind {
    /// A reference to `Api::schemas[name]`.
    Ref(String),
    /// No type: any JSON value.
    #[default]
    Any,
    /// `format` verbatim: `date-time`, `uuid`, `byte`, `binary`, ... (Swagger 2.0 `type: file`
    /// becomes a string with format `binary`).
    String { format: Option<String> },
    /// `format` verbatim: `int32`, `int64`, ...
    Integer { format: Option<String> },
    /// `format` verbatim: `float`, `double`, ...
    Number { format: Option<String> },
    Boolean,
    /// A closed set of scalar values. `null` is never a value here: it sets `Schema::nullable`.
    Enum { scalar: Scalar, format: Option<String>, values: Vec<EnumValue> },
    Array { items: Box<Schema> },
    Object(ObjectSchema),
    /// All of these at once.
    AllOf(Vec<Schema>),
    /// Exactly one of these.
    OneOf { variants: Vec<Schema>, discriminator: Option<Discriminator> },
    /// At least one of these.
    AnyOf { variants: Vec<Schema>, discriminator: Option<Discriminator> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Integer,
    Number,
    Boolean,
}

impl Scalar {
    pub fn as_str(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Number => "number",
            Scalar::Boolean => "boolean",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The wire value (a JSON string, number or boolean).
    pub value: Value,
    /// `x-enum-varnames` entry for this value, when the spec gives one.
    pub var_name: Option<String>,
    /// `x-enum-descriptions` entry for this value, when the spec gives one.
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ObjectSchema {
    /// In document order.
    pub properties: Vec<Property>,
    /// `additionalProperties`: `None` when absent or `false`, `Some(Any)` for `true`.
    pub additional_properties: Option<Box<Schema>>,
    /// `additionalProperties` was written as `true` rather than as a schema (`{}`): the same
    /// type, but documentation samples and lists only the schema form (as widdershins does).
    pub additional_properties_true: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// Wire name, verbatim.
    pub name: String,
    pub required: bool,
    pub schema: Schema,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    /// The tag property's wire name.
    pub property: String,
    /// Tag value to schema name. Completed by the loader with implicit entries: a variant
    /// `$ref` to `X` without an explicit mapping is tagged `X`.
    pub mapping: IndexMap<String, String>,
}
