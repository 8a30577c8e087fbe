//! Token emission for string and integer enums: one variant per known value plus a catch-all
//! that keeps any other value, so an older client still decodes a newer server. Serde impls
//! are written out (no derive can keep the unknown value); the wire-to-variant mapping is one
//! `From` impl (`From<String>`, `From<i64>`) that parsing and decoding both go through.
//!
//! A string enum's impls differ from another's only in names, literals and how many arms and
//! `is_*` methods they have, and they are most of a large `models.rs` (more than half of
//! GitHub's, with 3,465 enums). So they are parsed once per thread as a template with
//! placeholders, and each enum gets a copy of the syntax tree, a copy of the per-variant
//! parts for each of its variants, and its own names and literals put in: a fraction of the
//! cost of a parse.

use super::models::{doc, ident};
use super::template::{self, Cache, DOC, WIRE};
use super::types::ScalarEnum;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
use syn::visit_mut::VisitMut;

/// The enum declaration, and for an integer enum its impls too (a string enum's impls come
/// from `string_impls`).
pub fn tokens(name: &Ident, attrs: TokenStream, allow: TokenStream, scalar: &ScalarEnum) -> TokenStream {
    let unknown = ident(&scalar.unknown);
    let idents: Vec<Ident> = scalar.variants.iter().map(|v| ident(&v.ident)).collect();
    let docs = scalar.variants.iter().map(|v| doc(v.doc.as_deref()));
    let (payload, conversions) = if scalar.integer {
        let methods: Vec<Ident> = scalar.variants.iter().map(|v| ident(&v.predicate)).collect();
        let texts: Vec<String> = scalar.variants.iter().map(|v| predicate_doc(&v.value)).collect();
        let predicates = predicates(&methods, &texts, &idents);
        let values: Vec<TokenStream> = scalar.variants.iter().map(|v| integer(&v.value)).collect();
        (quote!(i64), integer_impls(name, &allow, &predicates, &idents, &values, &unknown))
    } else {
        (quote!(String), TokenStream::new())
    };
    quote! {
        #attrs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #docs #idents, )*
            /// A value this client does not know (yet), kept as received.
            #unknown(#payload),
        }
        #conversions
    }
}

/// The `is_*` methods: one per variant, documented with `texts`.
fn predicates(methods: &[Ident], texts: &[String], idents: &[Ident]) -> TokenStream {
    quote! { #( #[doc = #texts] pub fn #methods(&self) -> bool { *self == Self::#idents } )* }
}

fn predicate_doc(value: &Value) -> String {
    format!(" Whether this is `{}`.", wire_text(value))
}

thread_local! {
    /// Parsed string-impl templates, by whether they allow deprecated items.
    static TEMPLATES: Cache<bool, Template> = Cache::default();
}

/// Drops this thread's enum templates.
pub fn forget() {
    template::forget(&TEMPLATES);
}

/// The impls of a string enum without variants, and what each variant adds to them: an arm
/// in `as_str`, an arm in `From<String>` and an `is_*` method. Both are cut from the impls'
/// own tokens, parsed for no variant and for one.
#[derive(Clone)]
struct Template {
    skeleton: Vec<syn::Item>,
    as_str_arm: syn::Arm,
    from_arm: syn::Arm,
    predicate: syn::ImplItem,
}

/// The impls of a string enum, as syntax: the template's skeleton with a copy of each
/// per-variant part put in, and the enum's own names and literals in place of placeholders.
pub fn string_impls(name: &Ident, allow_deprecated: bool, scalar: &ScalarEnum) -> Vec<syn::Item> {
    let Template { skeleton: mut items, as_str_arm, from_arm, predicate } =
        template::copy(&TEMPLATES, allow_deprecated, |allow| Template::new(*allow));
    let (mut as_str_arms, mut from_arms, mut predicates) = (Vec::new(), Vec::new(), Vec::new());
    for v in &scalar.variants {
        let mut fill = FillVariant {
            ident: ident(&v.ident),
            method: ident(&v.predicate),
            value: wire_text(&v.value),
            doc: predicate_doc(&v.value),
        };
        let (mut as_str_arm, mut from_arm, mut predicate) = (as_str_arm.clone(), from_arm.clone(), predicate.clone());
        fill.visit_arm_mut(&mut as_str_arm);
        fill.visit_arm_mut(&mut from_arm);
        fill.visit_impl_item_mut(&mut predicate);
        as_str_arms.push(as_str_arm);
        from_arms.push(from_arm);
        predicates.push(predicate);
    }
    // The skeleton is filled on its own, before the variants' parts go in, so nothing of a
    // variant (whose wire text may look like a placeholder) is filled twice.
    let mut fill = FillNames { name, unknown: ident(&scalar.unknown) };
    items.iter_mut().for_each(|item| fill.visit_item_mut(item));
    // Known values come before the catch-all arm of each match, predicates after `as_str`.
    let arms = first_method_match(&mut items[0]);
    arms.splice(arms.len() - 1..arms.len() - 1, as_str_arms);
    let arms = first_method_match(&mut items[1]);
    arms.splice(arms.len() - 1..arms.len() - 1, from_arms);
    let syn::Item::Impl(inherent) = &mut items[0] else { unreachable!("checked by first_method_match") };
    inherent.items.extend(predicates);
    items
}

impl Template {
    fn new(allow_deprecated: bool) -> Template {
        let skeleton = parse_template(0, allow_deprecated);
        let mut one = parse_template(1, allow_deprecated);
        let as_str_arm = first_method_match(&mut one[0]).remove(0);
        let from_arm = first_method_match(&mut one[1]).remove(0);
        let syn::Item::Impl(inherent) = &mut one[0] else { unreachable!("checked by first_method_match") };
        let predicate = inherent.items.remove(1);
        Template { skeleton, as_str_arm, from_arm, predicate }
    }
}

/// The arms of the `match` that is the body of the first method of `item`, an impl.
fn first_method_match(item: &mut syn::Item) -> &mut Vec<syn::Arm> {
    let syn::Item::Impl(imp) = item else { panic!("the string enum template changed: an impl expected") };
    let Some(syn::ImplItem::Fn(method)) = imp.items.first_mut() else { panic!("the string enum template changed: a method expected") };
    match method.block.stmts.first_mut() {
        Some(syn::Stmt::Expr(syn::Expr::Match(matched), _)) => &mut matched.arms,
        _ => panic!("the string enum template changed: a match expected"),
    }
}

fn parse_template(count: usize, allow_deprecated: bool) -> Vec<syn::Item> {
    let allow = if allow_deprecated { quote!(#[allow(deprecated)]) } else { TokenStream::new() };
    let idents: Vec<Ident> = (0..count).map(|i| format_ident!("__Variant{i}")).collect();
    let methods: Vec<Ident> = (0..count).map(|i| format_ident!("__is{i}")).collect();
    let texts: Vec<String> = (0..count).map(|i| format!("{DOC}{i}")).collect();
    let values: Vec<String> = (0..count).map(|i| format!("{WIRE}{i}")).collect();
    let tokens = string_impl_tokens(
        &format_ident!("__Name"),
        &allow,
        &predicates(&methods, &texts, &idents),
        &idents,
        &values,
        &format_ident!("__Unknown"),
    );
    syn::parse2::<syn::File>(tokens).expect("the string enum template parses").items
}

/// Puts an enum's own names in place of the skeleton's `__Name` and `__Unknown`.
struct FillNames<'a> {
    name: &'a Ident,
    unknown: Ident,
}

impl VisitMut for FillNames<'_> {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if ident == "__Name" {
            *ident = self.name.clone();
        } else if ident == "__Unknown" {
            *ident = self.unknown.clone();
        }
    }
}

/// Puts one variant in place of the placeholders of a per-variant part (variant 0 of the
/// template for one variant).
struct FillVariant {
    ident: Ident,
    method: Ident,
    value: String,
    doc: String,
}

impl VisitMut for FillVariant {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if ident == "__Variant0" {
            *ident = self.ident.clone();
        } else if ident == "__is0" {
            *ident = self.method.clone();
        }
    }

    fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
        let text = match template::placeholder(&lit.value()) {
            Some((WIRE, 0)) => &self.value,
            Some((DOC, 0)) => &self.doc,
            _ => return,
        };
        *lit = syn::LitStr::new(text, Span::call_site());
    }
}

fn string_impl_tokens(name: &Ident, allow: &TokenStream, predicates: &TokenStream, idents: &[Ident], values: &[String], unknown: &Ident) -> TokenStream {
    quote! {
        #allow
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #values, )*
                    Self::#unknown(value) => value,
                }
            }
            #predicates
        }
        #allow
        impl std::convert::From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #( #values => Self::#idents, )*
                    _ => Self::#unknown(value),
                }
            }
        }
        #allow
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        #allow
        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value.to_owned()))
            }
        }
        #allow
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        #allow
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

fn integer_impls(name: &Ident, allow: &TokenStream, predicates: &TokenStream, idents: &[Ident], values: &[TokenStream], unknown: &Ident) -> TokenStream {
    quote! {
        #allow
        impl #name {
            /// The value as sent on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    #( Self::#idents => #values, )*
                    Self::#unknown(value) => *value,
                }
            }
            #predicates
        }
        #allow
        impl std::convert::From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #( #values => Self::#idents, )*
                    other => Self::#unknown(other),
                }
            }
        }
        #allow
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.value(), f)
            }
        }
        #allow
        impl std::str::FromStr for #name {
            type Err = std::num::ParseIntError;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                value.parse::<i64>().map(Self::from)
            }
        }
        #allow
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }
        #allow
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

/// A value as its wire text: a string as itself, anything else as JSON.
pub fn wire_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An integer literal; negative values as `-` and the magnitude, which is how Rust spells them.
fn integer(value: &Value) -> TokenStream {
    let n = value.as_i64().unwrap_or_default();
    let magnitude = Literal::u64_unsuffixed(n.unsigned_abs());
    if n < 0 { quote!(-#magnitude) } else { quote!(#magnitude) }
}

#[cfg(test)]
mod tests {
    use super::super::format;
    use super::super::types::EnumVariant;
    use super::*;

    /// What the impls print as when their own tokens are parsed, the path the template saves.
    fn parsed_impls(name: &Ident, allow_deprecated: bool, scalar: &ScalarEnum) -> String {
        let idents: Vec<Ident> = scalar.variants.iter().map(|v| ident(&v.ident)).collect();
        let methods: Vec<Ident> = scalar.variants.iter().map(|v| ident(&v.predicate)).collect();
        let texts: Vec<String> = scalar.variants.iter().map(|v| predicate_doc(&v.value)).collect();
        let values: Vec<String> = scalar.variants.iter().map(|v| wire_text(&v.value)).collect();
        let allow = if allow_deprecated { quote!(#[allow(deprecated)]) } else { TokenStream::new() };
        let tokens = string_impl_tokens(name, &allow, &predicates(&methods, &texts, &idents), &idents, &values, &ident(&scalar.unknown));
        format::print(tokens).expect("impls parse")
    }

    #[test]
    fn impls_from_the_template_print_as_their_parsed_tokens_do() {
        // Wire texts that need escaping, and ones that look like the template's placeholders.
        let wire = ["ok", "", "say \"hi\" \\ bye", "ünïcode\ttab", "\u{E000}0", "\u{E001}1", "__Name", "__Variant0"];
        let name = ident("AVeryLongEnumNameThatMakesPrettypleaseBreakTheImplHeaderLines");
        for count in [0, 1, wire.len()] {
            let scalar = ScalarEnum {
                integer: false,
                unknown: "Unknown2".into(),
                variants: wire[..count]
                    .iter()
                    .enumerate()
                    .map(|(i, w)| EnumVariant { ident: format!("Value{i}"), predicate: format!("is_value{i}"), value: Value::from(*w), doc: None })
                    .collect(),
            };
            for allow_deprecated in [false, true] {
                let printed = format::print_items(string_impls(&name, allow_deprecated, &scalar));
                assert_eq!(printed, parsed_impls(&name, allow_deprecated, &scalar), "{count} variants");
            }
        }
    }
}
