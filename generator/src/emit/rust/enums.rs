//! Token emission for string and integer enums: one variant per known value plus a catch-all
//! that keeps any other value, so an older client still decodes a newer server. Serde impls
//! are written out (no derive can keep the unknown value); the wire-to-variant mapping is one
//! `From` impl (`From<String>`, `From<i64>`) that parsing and decoding both go through.

use super::models::{doc, ident};
use super::types::ScalarEnum;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

pub fn tokens(name: &Ident, attrs: TokenStream, allow: TokenStream, scalar: &ScalarEnum) -> TokenStream {
    let unknown = ident(&scalar.unknown);
    let idents: Vec<Ident> = scalar.variants.iter().map(|v| ident(&v.ident)).collect();
    let docs = scalar.variants.iter().map(|v| doc(v.doc.as_deref()));
    let predicates = scalar.variants.iter().zip(&idents).map(|(v, variant)| {
        let method = ident(&v.predicate);
        let text = format!(" Whether this is `{}`.", wire_text(&v.value));
        quote! { #[doc = #text] pub fn #method(&self) -> bool { *self == Self::#variant } }
    });
    let predicates: TokenStream = predicates.collect();
    let (payload, conversions) = if scalar.integer {
        let values: Vec<TokenStream> = scalar.variants.iter().map(|v| integer(&v.value)).collect();
        (quote!(i64), integer_impls(name, &allow, &predicates, &idents, &values, &unknown))
    } else {
        let values: Vec<String> = scalar.variants.iter().map(|v| wire_text(&v.value)).collect();
        (quote!(String), string_impls(name, &allow, &predicates, &idents, &values, &unknown))
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

fn string_impls(name: &Ident, allow: &TokenStream, predicates: &TokenStream, idents: &[Ident], values: &[String], unknown: &Ident) -> TokenStream {
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

fn wire_text(value: &Value) -> String {
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
