//! Struct items as syntax, from templates. Structs are the rest of a large `models.rs`, and
//! they too come in few shapes: a struct is its attributes (how many doc lines, deprecated or
//! not) and its fields, and a field is its attributes (doc lines, deprecated, renamed, how it
//! may be absent) around a name and a type. So the tokens `models` writes for a struct or a
//! field are parsed once per shape and thread, with placeholders, and each struct is put
//! together from copies with its own names, docs and types filled in, as `enums` does for
//! enum impls. Types are parsed once per type and thread.

use super::models::{doc_lines, field as field_tokens, ident, item_tokens, ty_tokens};
use super::template::{self, Cache, DOC, WIRE};
use super::types::{Field, Item, ItemKind, Presence, Ty};
use proc_macro2::{Ident, Literal, Span, TokenTree};
use std::sync::LazyLock;
use syn::visit_mut::VisitMut;

/// What a struct's template depends on: its doc lines, whether it is deprecated and whether
/// it allows deprecated items.
type ItemShape = (usize, bool, bool);
/// What a field's template depends on: doc lines, deprecated, renamed, presence.
type FieldShape = (usize, bool, bool, Presence);

thread_local! {
    static ITEMS: Cache<ItemShape, syn::ItemStruct> = Cache::default();
    static FIELDS: Cache<FieldShape, syn::Field> = Cache::default();
    static TYPES: Cache<Ty, syn::Type> = Cache::default();
}

/// Drops this thread's struct templates.
pub fn forget() {
    template::forget(&ITEMS);
    template::forget(&FIELDS);
    template::forget(&TYPES);
}

/// Placeholder names.
const NAME: &str = "__Name";
const FIELD: &str = "__field";
const TYPE: &str = "__Type";

/// The struct `item` with `fields`, as `models::item_tokens` writes it.
pub fn item(item: &Item, fields: &[Field], allow_deprecated: bool) -> syn::Item {
    let docs = doc_lines(item.doc.as_deref());
    let shape = (docs.len(), item.deprecated, allow_deprecated);
    let mut strukt = template::copy(&ITEMS, shape, |shape| item_template(*shape));
    Fill { name: ident(&item.name), docs, wire: None, ty: None }.visit_item_struct_mut(&mut strukt);
    if let syn::Fields::Named(named) = &mut strukt.fields {
        named.named.extend(fields.iter().map(field));
    }
    syn::Item::Struct(strukt)
}

fn field(field: &Field) -> syn::Field {
    let docs = doc_lines(field.doc.as_deref());
    let raw = field.ident.strip_prefix("r#").unwrap_or(&field.ident);
    let renamed = field.presence != Presence::Flatten && raw != field.wire;
    let shape = (docs.len(), field.deprecated, renamed, field.presence);
    let mut syntax = template::copy(&FIELDS, shape, |shape| field_template(*shape));
    let ty = template::copy(&TYPES, field.ty.clone(), parse_type);
    Fill { name: ident(&field.ident), docs, wire: renamed.then(|| field.wire.clone()), ty: Some(ty) }.visit_field_mut(&mut syntax);
    syntax
}

fn parse_type(ty: &Ty) -> syn::Type {
    syn::parse2(ty_tokens(ty)).expect("a field type parses")
}

/// Doc text whose lines are the placeholders of `count` doc lines.
fn doc_placeholders(count: usize) -> Option<String> {
    (count > 0).then(|| (0..count).map(|i| format!("{DOC}{i}")).collect::<Vec<_>>().join("\n"))
}

fn item_template((docs, deprecated, allow_deprecated): ItemShape) -> syn::ItemStruct {
    let placeholder = Item { name: NAME.into(), doc: doc_placeholders(docs), deprecated, kind: ItemKind::Struct(Vec::new()) };
    match syn::parse2(item_tokens(&placeholder, allow_deprecated)).expect("the struct template parses") {
        syn::Item::Struct(strukt) => strukt,
        _ => unreachable!("a struct's tokens are a struct"),
    }
}

fn field_template((docs, deprecated, renamed, presence): FieldShape) -> syn::Field {
    let wire = if renamed { format!("{WIRE}0") } else { FIELD.into() };
    let placeholder = Field { ident: FIELD.into(), wire, ty: Ty::Named(TYPE.into()), presence, doc: doc_placeholders(docs), deprecated };
    let tokens = field_tokens(&placeholder);
    let strukt: syn::ItemStruct = syn::parse2(quote::quote!(struct S { #tokens })).expect("the field template parses");
    strukt.fields.into_iter().next().expect("the template has its field")
}

/// Puts one struct's or field's name, docs, wire name and type in place of the placeholders.
struct Fill {
    name: Ident,
    docs: Vec<String>,
    /// A renamed field's wire name.
    wire: Option<String>,
    ty: Option<syn::Type>,
}

impl VisitMut for Fill {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if ident == NAME || ident == FIELD {
            *ident = self.name.clone();
        }
    }

    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        match ty {
            syn::Type::Path(path) if path.qself.is_none() && path.path.is_ident(TYPE) => {
                *ty = self.ty.take().expect("a field has one type");
            }
            _ => syn::visit_mut::visit_type_mut(self, ty),
        }
    }

    fn visit_meta_list_mut(&mut self, list: &mut syn::MetaList) {
        // `#[serde(rename = "...")]`: syn keeps an attribute's arguments as tokens. Only a
        // renamed field's attributes hold the wire name (a struct's are `derive` and `allow`).
        let Some(wire) = &self.wire else { return };
        if !list.path.is_ident("serde") {
            return;
        }
        static PLACEHOLDER: LazyLock<String> = LazyLock::new(|| Literal::string(&format!("{WIRE}0")).to_string());
        let placeholder = PLACEHOLDER.as_str();
        list.tokens = std::mem::take(&mut list.tokens)
            .into_iter()
            .map(|token| match token {
                TokenTree::Literal(lit) if lit.to_string() == placeholder => TokenTree::Literal(Literal::string(wire)),
                other => other,
            })
            .collect();
    }

    fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
        if let Some((DOC, i)) = template::placeholder(&lit.value()) {
            *lit = syn::LitStr::new(&self.docs[i], Span::call_site());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::format;
    use super::*;

    #[test]
    fn structs_from_templates_print_as_their_parsed_tokens_do() {
        let presences = [Presence::Required, Presence::Nullable, Presence::Optional, Presence::Flatten];
        let types = [Ty::String, Ty::Vec(Box::new(Ty::Named("Thing".into()))), Ty::Map(Box::new(Ty::Boxed(Box::new(Ty::DateTime))))];
        // Wire names that need escaping or look like the templates' placeholders.
        let wires = ["plain", "say \"hi\"", "\u{E000}0", "__field", "+1"];
        let docs = [None, Some("one line"), Some("two\r\nlines with \\ and \"quotes\""), Some(" \u{E001}0 ")];
        let fields: Vec<Field> = (0..40)
            .map(|i| Field {
                ident: if i % 7 == 0 { "r#type".into() } else { format!("field_{i}") },
                wire: wires[i % wires.len()].into(),
                ty: types[i % types.len()].clone(),
                presence: presences[i % presences.len()],
                doc: docs[i % docs.len()].map(str::to_owned),
                deprecated: i % 3 == 0,
            })
            .collect();
        for (i, doc) in docs.iter().enumerate() {
            for allow_deprecated in [false, true] {
                let item = Item {
                    name: "AStructWithAVeryLongNameForPrettypleaseToBreakLines".into(),
                    doc: doc.map(str::to_owned),
                    deprecated: i % 2 == 1,
                    kind: ItemKind::Struct(fields[i * 5..].to_vec()),
                };
                let ItemKind::Struct(own) = &item.kind else { unreachable!() };
                let printed = format::print_items(vec![super::item(&item, own, allow_deprecated)]);
                let parsed = format::print(item_tokens(&item, allow_deprecated)).expect("tokens parse");
                assert_eq!(printed, parsed, "doc {doc:?}, allow {allow_deprecated}");
            }
        }
    }
}
