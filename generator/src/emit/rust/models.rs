//! Token emission for `src/models.rs`. The file is self-contained: no inner attributes, no
//! `use`s, std/serde/chrono/uuid by full path and its own types by bare name, so it can be
//! `include!`d into any module (the conformance harness batches many specs into one crate).

use super::enum_texts::EnumTexts;
use super::{enums, format, structs};
use super::types::{Field, Item, ItemKind, Presence, ScalarEnum, Ty, Union};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};
use std::collections::HashSet;

/// The names of the deprecated items: an item naming one needs `#[allow(deprecated)]`.
pub fn deprecated_names(items: &[Item]) -> HashSet<&str> {
    items.iter().filter(|i| i.deprecated).map(|i| i.name.as_str()).collect()
}

/// One item, printed; `deprecated` is `deprecated_names` of the whole file, `enum_texts` the
/// string enums printed so far. `Err` carries the parser's message (a bug of ours).
pub fn print(item: &Item, deprecated: &HashSet<&str>, enum_texts: &EnumTexts) -> Result<String, String> {
    let allow_deprecated = touches_deprecated(item, deprecated);
    let items = match &item.kind {
        ItemKind::Struct(fields) => vec![structs::item(item, fields, allow_deprecated)],
        ItemKind::Enum(scalar) if !scalar.integer => {
            return enum_texts.print(item, scalar, allow_deprecated, |item| string_enum_items(item, scalar, allow_deprecated));
        }
        _ => format::parse(item_tokens(item, allow_deprecated))?.items,
    };
    Ok(format::print_items(items))
}

/// A string enum as syntax: its declaration, then its impls.
pub fn string_enum_items(item: &Item, scalar: &ScalarEnum, allow_deprecated: bool) -> Result<Vec<syn::Item>, String> {
    let mut items = format::parse(item_tokens(item, allow_deprecated))?.items;
    items.extend(enums::string_impls(&ident(&item.name), allow_deprecated, scalar));
    Ok(items)
}

/// Whether the item's own code names something deprecated, so it needs `#[allow(deprecated)]`
/// to build warning-free (derives included).
pub fn touches_deprecated(item: &Item, deprecated: &HashSet<&str>) -> bool {
    let mut names = Vec::new();
    item.kind.types().into_iter().for_each(|ty| ty.mentions(&mut names));
    let field_deprecated = matches!(&item.kind, ItemKind::Struct(fields) if fields.iter().any(|f| f.deprecated));
    item.deprecated || field_deprecated || names.iter().any(|n| deprecated.contains(n.as_str()))
}

pub fn item_tokens(item: &Item, allow_deprecated: bool) -> TokenStream {
    let name = ident(&item.name);
    let mut attrs = doc(item.doc.as_deref());
    if item.deprecated {
        attrs.extend(quote!(#[deprecated]));
    }
    let allow = if allow_deprecated { quote!(#[allow(deprecated)]) } else { TokenStream::new() };
    attrs.extend(allow.clone());
    let derive = quote!(#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]);
    match &item.kind {
        ItemKind::Struct(fields) => {
            let fields = fields.iter().map(field);
            quote! { #attrs #derive pub struct #name { #(#fields)* } }
        }
        ItemKind::Newtype(ty) => {
            let ty = ty_tokens(ty);
            quote! { #attrs #derive #[serde(transparent)] pub struct #name(pub #ty); }
        }
        ItemKind::Alias(ty) => {
            let ty = ty_tokens(ty);
            quote! { #attrs pub type #name = #ty; }
        }
        ItemKind::Union(union) => {
            let tag = match &union.tag {
                Some(tag) => quote!(#[serde(tag = #tag)]),
                None => quote!(#[serde(untagged)]),
            };
            let variants = union_variants(union);
            quote! { #attrs #derive #tag pub enum #name { #(#variants)* } }
        }
        ItemKind::Enum(scalar) => enums::tokens(&name, attrs, allow, scalar),
    }
}

fn union_variants(union: &Union) -> impl Iterator<Item = TokenStream> + '_ {
    union.variants.iter().map(|variant| {
        let name = ident(&variant.ident);
        let ty = ty_tokens(&variant.ty);
        let rename = variant.rename.as_ref().map(|tag| quote!(#[serde(rename = #tag)]));
        quote! { #rename #name(#ty), }
    })
}

pub fn field(field: &Field) -> TokenStream {
    let mut attrs = doc(field.doc.as_deref());
    if field.deprecated {
        attrs.extend(quote!(#[deprecated]));
    }
    let raw = field.ident.strip_prefix("r#").unwrap_or(&field.ident);
    if field.presence != Presence::Flatten && raw != field.wire {
        let wire = &field.wire;
        attrs.extend(quote!(#[serde(rename = #wire)]));
    }
    let inner = ty_tokens(&field.ty);
    let ty = match field.presence {
        Presence::Required => inner,
        Presence::Nullable => quote!(Option<#inner>),
        Presence::Optional => {
            attrs.extend(quote!(#[serde(default, skip_serializing_if = "Option::is_none")]));
            quote!(Option<#inner>)
        }
        Presence::Flatten => {
            attrs.extend(quote!(#[serde(flatten)]));
            inner
        }
    };
    let name = ident(&field.ident);
    quote! { #attrs pub #name: #ty, }
}

pub fn ty_tokens(ty: &Ty) -> TokenStream {
    match ty {
        Ty::Bool => quote!(bool),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F32 => quote!(f32),
        Ty::F64 => quote!(f64),
        Ty::String => quote!(String),
        Ty::Uuid => quote!(uuid::Uuid),
        Ty::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        Ty::Date => quote!(chrono::NaiveDate),
        Ty::Value => quote!(serde_json::Value),
        Ty::Named(name) => ident(name).into_token_stream(),
        Ty::Vec(inner) => {
            let inner = ty_tokens(inner);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = ty_tokens(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::Boxed(inner) => {
            let inner = ty_tokens(inner);
            quote!(Box<#inner>)
        }
    }
}

/// One `#[doc]` per line, so the formatter prints plain `///` comments.
pub fn doc(text: Option<&str>) -> TokenStream {
    doc_lines(text).iter().map(|line| quote!(#[doc = #line])).collect()
}

/// `#[doc = line]` as syntax, as parsing its tokens gives it.
pub fn doc_attribute(line: &str) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::NameValue(syn::MetaNameValue {
            path: Ident::new("doc", Span::call_site()).into(),
            eq_token: Default::default(),
            value: syn::Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit: syn::Lit::Str(syn::LitStr::new(line, Span::call_site())) }),
        }),
    }
}

/// The text of each `#[doc]` attribute for `text`: one per line, after a space.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return Vec::new() };
    // A bare CR ends a line for some spec writers; rustc rejects it inside a doc comment.
    text.replace("\r\n", "\n").replace('\r', "\n").lines().map(|line| format!(" {}", line.trim_end())).collect()
}

/// An identifier made by `naming` (raw identifiers as `r#name`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
