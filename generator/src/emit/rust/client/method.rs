//! Tokens for one operation: its `pub async fn` on `Client` and, when it documents several error
//! body types, their enum and decoder. Request building, sending and decoding go through the
//! shared helpers of `runtime`, so each method is a short straight line of builder calls.

use super::super::models::{doc_lines, ident};
use super::super::types::{ItemKind, Ty};
use super::Uses;
use super::plan::{Arg, Body, ErrorPlan, Kind, MethodPlan, PathPart, Role, StatusPattern, SuccessTy, error_variants};
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};
use std::collections::HashMap;

/// What the emitter knows about the models: how each named item turns into text, and which
/// are deprecated.
pub struct Models<'a> {
    pub kinds: &'a HashMap<&'a str, &'a ItemKind>,
    pub deprecated: &'a [String],
}

/// One operation's tokens: its method cut into the signature and the statements of its body
/// (so `client` parses each piece by shape), and the items it needs at module level.
pub struct Method {
    /// The doc lines, kept out of `head`: a method's doc is its own text and length, and
    /// in the head it would make nearly every head a shape of its own.
    pub doc: Vec<String>,
    /// The other attributes and the signature, without the body.
    pub head: TokenStream,
    /// The body, one or a few statements per piece.
    pub body: Vec<TokenStream>,
    pub items: TokenStream,
}

impl Method {
    /// The method as one token stream.
    #[cfg(test)]
    pub fn whole(&self) -> TokenStream {
        let (head, body) = (&self.head, &self.body);
        let doc = &self.doc;
        quote!(#(#[doc = #doc])* #head { #(#body)* })
    }
}

/// The tokens of one operation's method (for the `impl Client` block), in pieces, and the
/// items it needs at module level.
pub fn tokens(plan: &MethodPlan, models: &Models, uses: &mut Uses) -> Method {
    let name = ident(&plan.ident);
    let mut attrs = TokenStream::new();
    if plan.deprecated {
        attrs.extend(quote!(#[deprecated]));
    }
    if mentions_deprecated(plan, models) {
        attrs.extend(quote!(#[allow(deprecated)]));
    }
    // Seven parameters including `self` is clippy's limit; a spec's operation has what it has.
    if plan.args.len() >= 7 {
        attrs.extend(quote!(#[allow(clippy::too_many_arguments)]));
    }
    let params = plan.args.iter().map(|arg| {
        let name = ident(&arg.ident);
        let ty = arg_ty(arg, plan.body.as_ref());
        quote!(#name: #ty)
    });
    let ok = ok_ty(&plan.success.ty);
    let (error_ty, decode, items) = error_tokens(plan, &plan.error, models, uses);
    let head = quote! {
        #attrs
        pub async fn #name(&self, #(#params),*) -> Result<#ok, Error<#error_ty>>
    };
    let mut body = url_tokens(plan, models, uses);
    let method = ident(plan.method);
    body.push(quote!(let request = self.http.request(reqwest::Method::#method, url);));
    if let Some(accept) = &plan.accept {
        body.push(quote!(let request = request.header(reqwest::header::ACCEPT, #accept);));
    }
    query_tokens(plan, models, uses, &mut body);
    header_tokens(plan, models, uses, &mut body);
    body_tokens(plan, models, uses, &mut body);
    if !plan.security.is_empty() {
        uses.auth = true;
        let alternatives = plan.security.iter().map(|alt| {
            let variants = alt.iter().map(|v| ident(v));
            quote!(&[#(Scheme::#variants),*])
        });
        body.push(quote!(let request = self.authorize(request, &[#(#alternatives),*]);));
    }
    let arms = plan.success.arms.iter().map(|(pattern, kind)| {
        let pattern = pattern_tokens(*pattern);
        let value = success_value(&plan.success.ty, kind, uses);
        quote!(#pattern => #value,)
    });
    body.push(quote!(let raw = send(request).await.map_err(Error::Transport)?;));
    body.push(quote! {
        match raw.status.as_u16() {
            #(#arms)*
            _ => Err(api_error(raw, #decode)),
        }
    });
    Method { doc: doc_lines(Some(&plan.doc)), head, body, items }
}

fn mentions_deprecated(plan: &MethodPlan, models: &Models) -> bool {
    let mut names = Vec::new();
    plan.args.iter().for_each(|a| a.ty.mentions(&mut names));
    plan.error.types.iter().for_each(|t| t.mentions(&mut names));
    if let SuccessTy::One(Kind::Json(ty)) | SuccessTy::Optional(Kind::Json(ty)) = &plan.success.ty {
        ty.mentions(&mut names);
    }
    names.iter().any(|n| models.deprecated.contains(n))
}

/// A model type as client.rs names it: through `super::models`, so the file works both as the
/// crate's `client` module and `include!`d beside a `models` module.
pub fn ty(ty: &Ty) -> TokenStream {
    match ty {
        Ty::Named(name) => {
            let name = ident(name);
            quote!(super::models::#name)
        }
        Ty::Vec(inner) => {
            let inner = self::ty(inner);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = self::ty(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::Boxed(inner) => {
            let inner = self::ty(inner);
            quote!(Box<#inner>)
        }
        other => super::super::models::ty_tokens(other),
    }
}

/// Arguments borrow what is not cheap to copy.
fn arg_ty(arg: &Arg, body: Option<&Body>) -> TokenStream {
    let base = match (arg.role, body) {
        (Role::FormFile, _) | (Role::Body, Some(Body::Bytes { .. })) => quote!(Vec<u8>),
        (Role::Body, Some(Body::Text { .. })) => quote!(String),
        _ => match &arg.ty {
            Ty::String => quote!(&str),
            Ty::Vec(inner) => {
                let inner = ty(inner);
                quote!(&[#inner])
            }
            Ty::Named(_) | Ty::Value | Ty::Map(_) | Ty::Boxed(_) => {
                let t = ty(&arg.ty);
                quote!(&#t)
            }
            scalar => ty(scalar),
        },
    };
    if arg.required { base } else { quote!(Option<#base>) }
}

fn ok_ty(success: &SuccessTy) -> TokenStream {
    let kind_ty = |kind: &Kind| match kind {
        Kind::Empty => quote!(()),
        Kind::Json(t) => ty(t),
        Kind::Text => quote!(String),
        Kind::Bytes => quote!(bytes::Bytes),
    };
    match success {
        SuccessTy::Unit => quote!(()),
        SuccessTy::One(kind) => kind_ty(kind),
        SuccessTy::Optional(kind) => {
            let inner = kind_ty(kind);
            quote!(Option<#inner>)
        }
    }
}

fn success_value(success: &SuccessTy, kind: &Kind, uses: &mut Uses) -> TokenStream {
    let read = match kind {
        Kind::Empty => quote!(Ok(())),
        Kind::Json(_) => {
            uses.json = true;
            quote!(json(raw))
        }
        Kind::Text => {
            uses.text = true;
            quote!(text(raw))
        }
        Kind::Bytes => quote!(Ok(raw.body)),
    };
    match (success, kind) {
        (SuccessTy::Optional(_), Kind::Empty) => quote!(Ok(None)),
        (SuccessTy::Optional(_), Kind::Bytes) => quote!(Ok(Some(raw.body))),
        (SuccessTy::Optional(_), _) => quote!(#read.map(Some)),
        (SuccessTy::Unit, _) => quote!(Ok(())),
        _ => read,
    }
}

fn pattern_tokens(pattern: StatusPattern) -> TokenStream {
    match pattern {
        StatusPattern::Code(code) => Literal::u16_unsuffixed(code).into_token_stream(),
        StatusPattern::Range(start) => {
            let (start, end) = (Literal::u16_unsuffixed(start), Literal::u16_unsuffixed(start + 99));
            quote!(#start..=#end)
        }
    }
}

/// The error type `E`, the decoder passed to `api_error`, and the enum + decoder fn when the
/// operation documents several error body types.
fn error_tokens(plan: &MethodPlan, error: &ErrorPlan, models: &Models, uses: &mut Uses) -> (TokenStream, TokenStream, TokenStream) {
    let (Some(enum_name), Some(decode_fn)) = (&error.enum_name, &error.decode_fn) else {
        uses.json_error = true;
        return (ty(&error.types[0]), quote!(json_error), TokenStream::new());
    };
    let name = ident(enum_name);
    let decode = ident(decode_fn);
    let variants: Vec<_> = error_variants(&error.types).iter().map(|v| ident(v)).collect();
    let tys = error.types.iter().map(ty);
    let arms = error.arms.iter().map(|(pattern, i)| {
        let pattern = pattern_tokens(*pattern);
        let variant = &variants[*i];
        quote!(#pattern => serde_json::from_slice(body).ok().map(#name::#variant),)
    });
    let fallback = &variants[error.fallback];
    let text = format!(" The error bodies `{}` documents, by status.", plan.ident.trim_start_matches("r#"));
    let mut names = Vec::new();
    error.types.iter().for_each(|t| t.mentions(&mut names));
    let allow = names.iter().any(|n| models.deprecated.contains(n)).then(|| quote!(#[allow(deprecated)]));
    let items = quote! {
        #[doc = #text]
        #allow
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #( #variants(#tys), )* }

        #allow
        fn #decode(status: u16, body: &[u8]) -> Option<#name> {
            match status {
                #(#arms)*
                _ => serde_json::from_slice(body).ok().map(#name::#fallback),
            }
        }
    };
    (quote!(#name), quote!(#decode), items)
}

/// `url`: the base URL and the path, parameters percent-encoded.
fn url_tokens(plan: &MethodPlan, models: &Models, uses: &mut Uses) -> Vec<TokenStream> {
    let pushes = plan.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(url.push_str(#text);),
        PathPart::Param(i) => {
            uses.encode_path = true;
            let arg = &plan.args[*i];
            let name = ident(&arg.ident);
            match &arg.ty {
                Ty::Vec(_) => {
                    let text = joined(&arg.ty, ',', models, uses);
                    quote!({ let values = #name; url.push_str(&encode_path(&#text)); })
                }
                Ty::String => quote!(url.push_str(&encode_path(#name));),
                scalar => {
                    let text = scalar_text(scalar, quote!(#name), models, uses);
                    quote!(url.push_str(&encode_path(&#text));)
                }
            }
        }
    });
    std::iter::once(quote!(let mut url = self.base_url.clone();)).chain(pushes).collect()
}

fn query_tokens(plan: &MethodPlan, models: &Models, uses: &mut Uses, body: &mut Vec<TokenStream>) {
    let pushes: Vec<TokenStream> = plan
        .args
        .iter()
        .filter_map(|arg| match arg.role {
            Role::Query { explode, separator } => Some((arg, explode, separator)),
            _ => None,
        })
        .map(|(arg, explode, separator)| {
            let wire = &arg.wire;
            let push = match &arg.ty {
                Ty::Vec(inner) if explode => {
                    let text = scalar_text(inner, quote!(value), models, uses);
                    quote!(for value in values { query.push((#wire, #text)); })
                }
                Ty::Vec(_) => {
                    let text = joined(&arg.ty, separator, models, uses);
                    quote!(query.push((#wire, #text));)
                }
                scalar => {
                    let text = scalar_text(scalar, quote!(value), models, uses);
                    quote!(query.push((#wire, #text));)
                }
            };
            bind(arg, push)
        })
        .collect();
    if !pushes.is_empty() {
        body.push(quote!(let mut query: Vec<(&str, String)> = Vec::new();));
        body.extend(pushes);
        body.push(quote!(let request = request.query(&query);));
    }
}

/// `push` with the argument bound as `value` (scalars) or `values` (arrays), skipped when an
/// optional argument is `None`.
fn bind(arg: &Arg, push: TokenStream) -> TokenStream {
    let name = ident(&arg.ident);
    let binding = if matches!(arg.ty, Ty::Vec(_)) { quote!(values) } else { quote!(value) };
    if arg.required {
        quote! { { let #binding = #name; #push } }
    } else {
        quote! { if let Some(#binding) = #name { #push } }
    }
}

/// An array joined into one value (`values` bound), as `explode: false` asks.
fn joined(ty: &Ty, separator: char, models: &Models, uses: &mut Uses) -> TokenStream {
    let Ty::Vec(inner) = ty else { return scalar_text(ty, quote!(values), models, uses) };
    let text = scalar_text(inner, quote!(value), models, uses);
    let separator = separator.to_string();
    quote!(values.iter().map(|value| #text).collect::<Vec<_>>().join(#separator))
}

fn header_tokens(plan: &MethodPlan, models: &Models, uses: &mut Uses, body: &mut Vec<TokenStream>) {
    let mut cookies = Vec::new();
    for arg in plan.args.iter().filter(|a| matches!(a.role, Role::Header | Role::Cookie)) {
        let text = match &arg.ty {
            Ty::Vec(_) => joined(&arg.ty, ',', models, uses),
            scalar => scalar_text(scalar, quote!(value), models, uses),
        };
        let wire = &arg.wire;
        let name = ident(&arg.ident);
        let binding = if matches!(arg.ty, Ty::Vec(_)) { quote!(values) } else { quote!(value) };
        match arg.role {
            Role::Header if arg.required => body.push(quote! {
                let #binding = #name;
                let request = request.header(#wire, #text);
            }),
            Role::Header => body.push(quote! {
                let request = match #name { Some(#binding) => request.header(#wire, #text), None => request };
            }),
            Role::Cookie => cookies.push(bind(arg, quote!(cookies.push(format!("{}={}", #wire, #text));))),
            _ => {}
        }
    }
    if !cookies.is_empty() {
        body.push(quote!(let mut cookies: Vec<String> = Vec::new();));
        body.extend(cookies);
        body.push(quote! {
            let request = if cookies.is_empty() { request } else { request.header(reqwest::header::COOKIE, cookies.join("; ")) };
        });
    }
}

fn body_tokens(plan: &MethodPlan, models: &Models, uses: &mut Uses, out: &mut Vec<TokenStream>) {
    let Some(body) = plan.body.as_ref() else { return };
    // `call` sends `body`: the argument itself, or what an optional one holds.
    let send = |arg: usize, call: TokenStream| {
        let arg = &plan.args[arg];
        let name = ident(&arg.ident);
        if arg.required && arg.ident == "body" {
            quote!(let request = #call;)
        } else if arg.required {
            quote!(let request = { let body = #name; #call };)
        } else {
            quote!(let request = match #name { Some(body) => #call, None => request };)
        }
    };
    // serde's entry points take a reference; arguments of scalar types come by value.
    let borrow = |arg: usize| match plan.args[arg].ty {
        Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Uuid | Ty::DateTime | Ty::Date => quote!(&body),
        _ => quote!(body),
    };
    match body {
        Body::Json { content_type, arg } if content_type == "application/json" => {
            let body = borrow(*arg);
            out.push(send(*arg, quote!(request.json(#body))));
        }
        Body::Json { content_type, arg } => {
            let body = borrow(*arg);
            out.push(send(*arg, quote!(request.header(reqwest::header::CONTENT_TYPE, #content_type).json(#body))));
        }
        Body::UrlEncoded { arg } => {
            let body = borrow(*arg);
            out.push(send(*arg, quote!(request.form(#body))));
        }
        Body::Text { content_type, arg } | Body::Bytes { content_type, arg } => {
            out.push(send(*arg, quote!(request.header(reqwest::header::CONTENT_TYPE, #content_type).body(body))));
        }
        Body::Form => {
            out.push(quote!(let mut pairs: Vec<(&str, String)> = Vec::new();));
            for arg in plan.args.iter().filter(|a| a.role == Role::FormField) {
                let wire = &arg.wire;
                let push = field_value(arg, models, uses, |text| quote!(pairs.push((#wire, #text));));
                out.push(bind(arg, push));
            }
            out.push(quote!(let request = request.form(&pairs);));
        }
        Body::Multipart => {
            out.push(quote!(let mut form = reqwest::multipart::Form::new();));
            for arg in plan.args.iter().filter(|a| matches!(a.role, Role::FormField | Role::FormFile)) {
                let wire = &arg.wire;
                let add = if arg.role == Role::FormFile {
                    uses.file_part = true;
                    quote!(form = form.part(#wire, file_part(#wire, value));)
                } else {
                    field_value(arg, models, uses, |text| quote!(form = form.text(#wire, #text);))
                };
                out.push(bind(arg, add));
            }
            out.push(quote!(let request = request.multipart(form);));
        }
    }
}

/// A form field: arrays repeat the field, like an exploded query parameter.
fn field_value(arg: &Arg, models: &Models, uses: &mut Uses, add: impl Fn(TokenStream) -> TokenStream) -> TokenStream {
    match &arg.ty {
        Ty::Vec(inner) => {
            let add = add(scalar_text(inner, quote!(value), models, uses));
            quote!(for value in values { #add })
        }
        scalar => add(scalar_text(scalar, quote!(value), models, uses)),
    }
}

/// `value` (an argument or element, borrowed or not) as the text a URL, header or form carries:
/// `Display` for scalars and enums, RFC 3339 for instants, JSON for anything structured.
fn scalar_text(ty: &Ty, value: TokenStream, models: &Models, uses: &mut Uses) -> TokenStream {
    match ty {
        Ty::DateTime => quote!(#value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
        Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::String | Ty::Uuid | Ty::Date => quote!(#value.to_string()),
        Ty::Named(name) => match models.kinds.get(name.as_str()) {
            Some(ItemKind::Enum(_)) => quote!(#value.to_string()),
            Some(ItemKind::Alias(inner)) if !matches!(inner, Ty::Named(_)) => scalar_text(inner, value, models, uses),
            _ => {
                uses.json_text = true;
                quote!(json_text(&#value))
            }
        },
        Ty::Boxed(inner) => scalar_text(inner, value, models, uses),
        Ty::Value | Ty::Map(_) | Ty::Vec(_) => {
            uses.json_text = true;
            quote!(json_text(&#value))
        }
    }
}
