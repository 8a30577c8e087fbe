//! What the client does per operation, decided from the model and the lowered types: the
//! method's arguments and where each goes, how the body is sent, how each documented status is
//! decoded, and which credentials are sent. `method` and `runtime` only print this.

use super::super::lower::{self, BodyTy, OperationTys};
use super::super::types::{Item, Ty};
use crate::error::{Error, Result};
use crate::model::{Api, MediaType, Operation, ParamLocation, Response, SchemaKind, SecurityRequirement, SecuritySchemeKind};
use crate::naming::{self, Scope, Target};

pub struct Plan {
    pub title: String,
    pub default_base_url: Option<String>,
    /// Only schemes some operation accepts: a credential nothing sends would be dead code.
    pub schemes: Vec<AuthScheme>,
    pub methods: Vec<MethodPlan>,
    /// Names of deprecated items, to allow their use.
    pub deprecated: Vec<String>,
}

pub struct AuthScheme {
    /// Variant of the private `Scheme` enum and stem of the credential field.
    pub variant: String,
    pub field: String,
    /// `with_<scheme>`.
    pub method: String,
    pub spec_name: String,
    pub kind: AuthKind,
}

#[derive(Clone, PartialEq)]
pub enum AuthKind {
    /// An API key in this header, query parameter or cookie.
    Header(String),
    Query(String),
    Cookie(String),
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2.0, OpenID Connect).
    Bearer,
    Basic,
    /// `Authorization: <scheme> <credentials>` for any other HTTP scheme.
    OtherHttp(String),
}

pub struct MethodPlan {
    pub ident: String,
    /// The operation's first tag: its `impl` block.
    pub tag: Option<String>,
    pub doc: String,
    pub deprecated: bool,
    pub method: &'static str,
    pub path: Vec<PathPart>,
    pub args: Vec<Arg>,
    pub body: Option<Body>,
    pub accept: Option<String>,
    pub success: Success,
    pub error: ErrorPlan,
    /// Alternatives of scheme variants, in spec order; empty: send no credentials.
    pub security: Vec<Vec<String>>,
}

pub enum PathPart {
    Literal(String),
    /// Index into `args`.
    Param(usize),
}

pub struct Arg {
    pub ident: String,
    pub wire: String,
    pub ty: Ty,
    pub required: bool,
    pub role: Role,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Role {
    Path,
    Query { explode: bool, separator: char },
    Header,
    Cookie,
    /// The whole body, sent as `Body`.
    Body,
    /// A text part (multipart) or pair (url-encoded).
    FormField,
    /// A file part: raw bytes.
    FormFile,
}

pub enum Body {
    Json { content_type: String, arg: usize },
    /// Serialized by serde_urlencoded.
    UrlEncoded { arg: usize },
    Text { content_type: String, arg: usize },
    Bytes { content_type: String, arg: usize },
    /// Pairs from the `FormField` args.
    Form,
    /// Parts from the `FormField`/`FormFile` args.
    Multipart,
}

/// How a response body is read.
#[derive(Clone, PartialEq)]
pub enum Kind {
    Empty,
    Json(Ty),
    Text,
    Bytes,
}

pub struct Success {
    /// The method's `Ok` type.
    pub ty: SuccessTy,
    /// (status pattern, how that status is read), specific codes before ranges.
    pub arms: Vec<(StatusPattern, Kind)>,
}

#[derive(Clone, PartialEq)]
pub enum SuccessTy {
    Unit,
    One(Kind),
    /// Some documented statuses have no body.
    Optional(Kind),
}

#[derive(Clone, Copy, PartialEq)]
pub enum StatusPattern {
    Code(u16),
    /// `4XX`: `400..=499`.
    Range(u16),
}

pub struct ErrorPlan {
    /// Distinct error body types; one: that type is `E`; several: an enum `enum_name`.
    pub types: Vec<Ty>,
    pub enum_name: Option<String>,
    pub decode_fn: Option<String>,
    /// (status, index into `types`), specific before ranges; the rest use `fallback`.
    pub arms: Vec<(StatusPattern, usize)>,
    pub fallback: usize,
}

/// Method names the client defines itself; operations get another name.
const OWN_METHODS: &[&str] = &["new", "with_client", "default_base_url", "base_url", "http", "authorize", "has", "apply", "send"];
/// Locals of generated method bodies, which an argument must not shadow.
const LOCALS: &[&str] = &["request", "raw", "query", "url", "form", "pairs", "value", "values"];

pub fn plan(api: &Api, items: &[Item], tys: &[OperationTys], default_error: Option<&str>) -> Result<Plan> {
    let names = naming::type_names(api, Target::Rust);
    let default_error = match default_error {
        Some(spec_name) => match names.get(spec_name) {
            Some(name) => Ty::Named(name.clone()),
            None => return Err(Error::new(&api.source, "", format!("rust.default_error names no schema of the spec: {spec_name:?}"))),
        },
        None => Ty::Value,
    };
    let schemes = used_schemes(api);
    let mut fn_scope = Scope::new();
    OWN_METHODS.iter().for_each(|m| fn_scope.reserve(m));
    schemes.iter().for_each(|s| fn_scope.reserve(&s.method));
    // Types client.rs defines next to the operations' error enums.
    let mut type_scope = Scope::new();
    ["Client", "Error", "ApiError", "DecodeError", "Scheme", "Raw"].iter().for_each(|t| type_scope.reserve(t));
    let mut methods = Vec::new();
    for (op, op_tys) in api.operations.iter().zip(tys) {
        let ident = fn_scope.unique(naming::operation_fn_ident(op));
        methods.push(method(api, op, op_tys, ident, &schemes, &default_error, &mut type_scope));
    }
    // A scheme only alternatives with an undefined scheme name would never be sent.
    let mut schemes = schemes;
    schemes.retain(|s| methods.iter().any(|m| m.security.iter().flatten().any(|v| *v == s.variant)));
    Ok(Plan {
        title: api.info.title.lines().next().unwrap_or_default().to_owned(),
        default_base_url: api.servers.first().map(|s| s.url.clone()),
        schemes,
        methods,
        deprecated: items.iter().filter(|i| i.deprecated).map(|i| i.name.clone()).collect(),
    })
}

fn requirements<'a>(api: &'a Api, op: &'a Operation) -> &'a [SecurityRequirement] {
    op.security.as_deref().unwrap_or(&api.security)
}

fn used_schemes(api: &Api) -> Vec<AuthScheme> {
    let mut fields = Scope::new();
    let mut variants = Scope::new();
    api.security_schemes
        .iter()
        .filter(|(name, _)| api.operations.iter().any(|op| requirements(api, op).iter().any(|r| r.contains_key(*name))))
        .map(|(name, scheme)| {
            let kind = match &scheme.kind {
                SecuritySchemeKind::ApiKey { name, location: ParamLocation::Query } => AuthKind::Query(name.clone()),
                SecuritySchemeKind::ApiKey { name, location: ParamLocation::Cookie } => AuthKind::Cookie(name.clone()),
                SecuritySchemeKind::ApiKey { name, .. } => AuthKind::Header(name.clone()),
                SecuritySchemeKind::Http { scheme, .. } if scheme == "basic" => AuthKind::Basic,
                SecuritySchemeKind::Http { scheme, .. } if scheme == "bearer" => AuthKind::Bearer,
                SecuritySchemeKind::Http { scheme, .. } => AuthKind::OtherHttp(scheme.clone()),
                SecuritySchemeKind::OAuth2 { .. } | SecuritySchemeKind::OpenIdConnect { .. } => AuthKind::Bearer,
            };
            AuthScheme {
                variant: variants.unique(naming::variant_ident(name)),
                field: fields.unique(naming::rust_field_ident(name)),
                method: naming::auth_method_ident(name),
                spec_name: name.clone(),
                kind,
            }
        })
        .collect()
}

fn method(api: &Api, op: &Operation, tys: &OperationTys, ident: String, schemes: &[AuthScheme], default_error: &Ty, type_scope: &mut Scope) -> MethodPlan {
    let mut scope = Scope::new();
    LOCALS.iter().for_each(|l| scope.reserve(l));
    let mut args = Vec::new();
    for (param, ty) in op.parameters.iter().zip(&tys.params) {
        // A path parameter the template does not name has nowhere to go (Coder has two).
        if param.location == ParamLocation::Path && !op.path.contains(&format!("{{{}}}", param.name)) {
            continue;
        }
        let role = match param.location {
            ParamLocation::Path => Role::Path,
            ParamLocation::Query => Role::Query { explode: param.explode, separator: param.array_separator },
            ParamLocation::Header => Role::Header,
            ParamLocation::Cookie => Role::Cookie,
        };
        let required = param.required || param.location == ParamLocation::Path;
        args.push(Arg { ident: scope.unique(naming::rust_field_ident(&param.name)), wire: param.name.clone(), ty: ty.clone(), required, role });
    }
    let body = body(op, tys, &mut args, &mut scope);
    let path = path_parts(&op.path, &args);
    let success_responses: Vec<(&Response, Option<&Ty>)> =
        op.responses.iter().zip(&tys.responses).filter(|(r, _)| is_success(&r.status)).map(|(r, t)| (r, t.as_ref())).collect();
    let accept = success_responses.iter().find_map(|(r, _)| lower::preferred_media(&r.content)).map(|m| m.content_type.clone());
    let success = success(&success_responses);
    let base = naming::operation_type_ident(op);
    let error = errors(op, tys, default_error, &base, type_scope);
    let security = requirements(api, op)
        .iter()
        .filter_map(|requirement| {
            requirement.keys().map(|name| schemes.iter().find(|s| &s.spec_name == name).map(|s| s.variant.clone())).collect::<Option<Vec<_>>>()
        })
        .collect::<Vec<_>>();
    // An empty alternative (anonymous allowed) sends nothing; the others are tried in order.
    let security = security.into_iter().filter(|alt| !alt.is_empty()).collect();
    MethodPlan {
        ident,
        tag: op.tags.first().cloned(),
        doc: doc(op),
        deprecated: op.deprecated,
        method: op.method.as_upper(),
        path,
        args,
        body,
        accept,
        success,
        error,
        security,
    }
}

fn doc(op: &Operation) -> String {
    let mut parts = Vec::new();
    parts.extend(op.summary.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned));
    parts.extend(op.description.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned));
    parts.push(format!("`{} {}`", op.method.as_upper(), op.path));
    parts.join("\n\n")
}

fn body(op: &Operation, tys: &OperationTys, args: &mut Vec<Arg>, scope: &mut Scope) -> Option<Body> {
    let request = op.request_body.as_ref()?;
    let media = lower::preferred_media(&request.content)?;
    let content_type = media.content_type.clone();
    let essence = lower::essence(&content_type);
    match (tys.body.as_ref(), lower::form_object(media)) {
        (Some(BodyTy::Fields(field_tys)), Some(object)) => {
            let multipart = essence == "multipart/form-data";
            for (property, ty) in object.properties.iter().zip(field_tys) {
                let file = multipart && is_binary(&property.schema.kind);
                args.push(Arg {
                    ident: scope.unique(naming::rust_field_ident(&property.name)),
                    wire: property.name.clone(),
                    ty: ty.clone(),
                    required: property.required,
                    role: if file { Role::FormFile } else { Role::FormField },
                });
            }
            Some(if multipart { Body::Multipart } else { Body::Form })
        }
        (Some(BodyTy::Whole(ty)), _) => {
            let arg = args.len();
            let binary = media.schema.as_ref().is_some_and(|s| is_binary(&s.kind));
            let kind = if lower::is_json(&content_type) && !binary {
                Body::Json { content_type, arg }
            } else if essence == "application/x-www-form-urlencoded" {
                Body::UrlEncoded { arg }
            } else if essence.starts_with("text/") && matches!(media.schema.as_ref().map(|s| &s.kind), Some(SchemaKind::String { .. })) {
                Body::Text { content_type, arg }
            } else {
                Body::Bytes { content_type, arg }
            };
            let ty = match kind {
                Body::Json { .. } | Body::UrlEncoded { .. } => ty.clone(),
                _ => Ty::String,
            };
            let role = Role::Body;
            args.push(Arg { ident: scope.unique("body".into()), wire: String::new(), ty, required: request.required, role });
            Some(kind)
        }
        _ => None,
    }
}

fn is_binary(kind: &SchemaKind) -> bool {
    matches!(kind, SchemaKind::String { format: Some(f) } if f == "binary")
}

/// The template split at `{name}`s; a name no path argument has stays literal (`check`
/// rejects such specs, so this is only defensive).
fn path_parts(template: &str, args: &[Arg]) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + len];
        match args.iter().position(|a| a.role == Role::Path && a.wire == name) {
            Some(index) => {
                parts.push(PathPart::Literal(rest[..start].to_owned()));
                parts.push(PathPart::Param(index));
            }
            None => parts.push(PathPart::Literal(rest[..start + len + 1].to_owned())),
        }
        rest = &rest[start + len + 1..];
    }
    parts.push(PathPart::Literal(rest.to_owned()));
    parts.retain(|p| !matches!(p, PathPart::Literal(l) if l.is_empty()));
    parts
}

/// 1xx to 3xx: what a client receives when the request did what it asked.
fn is_success(status: &str) -> bool {
    matches!(pattern(status), Some(StatusPattern::Code(100..=399)) | Some(StatusPattern::Range(100..=300)))
}

fn pattern(status: &str) -> Option<StatusPattern> {
    if let Ok(code) = status.parse::<u16>() {
        return Some(StatusPattern::Code(code));
    }
    let bytes = status.as_bytes();
    match bytes {
        [d @ b'1'..=b'5', x, y] if x.eq_ignore_ascii_case(&b'x') && y.eq_ignore_ascii_case(&b'x') => Some(StatusPattern::Range(u16::from(d - b'0') * 100)),
        _ => None,
    }
}

fn kind(response: &Response, ty: Option<&Ty>) -> Kind {
    let Some(media) = lower::preferred_media(&response.content) else { return Kind::Empty };
    let Some(schema) = &media.schema else { return Kind::Empty };
    match ty {
        _ if is_binary(&schema.kind) => Kind::Bytes,
        Some(ty) if lower::is_json(&media.content_type) => Kind::Json(ty.clone()),
        _ if is_text(media) => Kind::Text,
        _ => Kind::Bytes,
    }
}

fn is_text(media: &MediaType) -> bool {
    media.content_type.to_ascii_lowercase().starts_with("text/")
}

/// Specific codes before ranges, so a match tries them first.
fn ordered<T>(mut arms: Vec<(StatusPattern, T)>) -> Vec<(StatusPattern, T)> {
    arms.sort_by_key(|(p, _)| matches!(p, StatusPattern::Range(_)));
    arms
}

fn success(responses: &[(&Response, Option<&Ty>)]) -> Success {
    let arms: Vec<(StatusPattern, Kind)> =
        responses.iter().filter_map(|(r, ty)| Some((pattern(&r.status)?, kind(r, *ty)))).collect();
    let mut bodies: Vec<Kind> = Vec::new();
    for (_, kind) in &arms {
        if *kind != Kind::Empty && !bodies.contains(kind) {
            bodies.push(kind.clone());
        }
    }
    let has_empty = arms.iter().any(|(_, k)| *k == Kind::Empty);
    // Several body types: one type that holds them all (any JSON value, or the raw bytes).
    let body = match bodies.len() {
        0 => None,
        1 => bodies.pop(),
        _ if bodies.iter().all(|k| matches!(k, Kind::Json(_))) => Some(Kind::Json(Ty::Value)),
        _ => Some(Kind::Bytes),
    };
    let ty = match body {
        None => SuccessTy::Unit,
        Some(Kind::Bytes) => SuccessTy::One(Kind::Bytes),
        Some(kind) if has_empty => SuccessTy::Optional(kind),
        Some(kind) => SuccessTy::One(kind),
    };
    let arms = arms
        .into_iter()
        .map(|(p, k)| match (&ty, k) {
            (SuccessTy::One(Kind::Bytes), _) => (p, Kind::Bytes),
            (SuccessTy::One(one) | SuccessTy::Optional(one), Kind::Json(_)) => (p, one.clone()),
            (_, k) => (p, k),
        })
        .collect();
    Success { ty, arms: ordered(arms) }
}

fn errors(op: &Operation, tys: &OperationTys, default_error: &Ty, base: &str, type_scope: &mut Scope) -> ErrorPlan {
    let mut types: Vec<Ty> = Vec::new();
    let index = |ty: Ty, types: &mut Vec<Ty>| match types.iter().position(|t| *t == ty) {
        Some(i) => i,
        None => {
            types.push(ty);
            types.len() - 1
        }
    };
    let mut arms = Vec::new();
    let mut fallback = None;
    for (response, ty) in op.responses.iter().zip(&tys.responses) {
        let json = lower::preferred_media(&response.content).is_some_and(|m| lower::is_json(&m.content_type));
        let Some(ty) = ty.clone().filter(|_| json) else { continue };
        if response.status == "default" {
            fallback = Some(index(ty, &mut types));
        } else if let Some(p) = pattern(&response.status).filter(|_| !is_success(&response.status)) {
            let i = index(ty, &mut types);
            arms.push((p, i));
        }
    }
    let fallback = fallback.unwrap_or_else(|| index(default_error.clone(), &mut types));
    let (enum_name, decode_fn) = if types.len() > 1 {
        let name = type_scope.unique(naming::nested_type_ident(base, "Error", Target::Rust));
        let decode = naming::rust_field_ident(&format!("decode {name}"));
        (Some(name), Some(decode))
    } else {
        (None, None)
    };
    ErrorPlan { types, enum_name, decode_fn, arms: ordered(arms), fallback }
}

/// Variant names of an error enum: the type each holds.
pub fn error_variants(types: &[Ty]) -> Vec<String> {
    let mut scope = Scope::new();
    types
        .iter()
        .map(|ty| {
            let word = match ty {
                Ty::Named(name) => name.clone(),
                _ => "Value".into(),
            };
            scope.unique(naming::variant_ident(&word))
        })
        .collect()
}
