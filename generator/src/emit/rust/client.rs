//! The client emitter: `src/client.rs`, one `pub async fn` per operation on `Client`, built
//! from the model and the same lowered types as the models (`lower::lower_with_operations`).
//!
//! `plan` decides (arguments, body, statuses, credentials), `method` prints one operation,
//! `runtime` prints what they share. Like `models.rs`, the file has no inner attributes and
//! reaches the models as `super::models`, so conformance can `include!` it beside them.
//!
//! The operations sit in one `impl Client` block per tag (the first tag of each, as the
//! Markdown reference groups them; untagged ones together), in order of first appearance:
//! rustdoc shows each block under its tag, and each block is a unit `format` prints on its own.

mod method;
mod plan;
mod runtime;

use super::lower::OperationTys;
use super::shape;
use super::types::{Item, ItemKind};
use crate::error::Result;
use crate::model::Api;
use quote::quote;
use std::collections::HashMap;

/// Helpers the printed methods call, so `runtime` emits exactly those.
#[derive(Debug, Default, Clone, Copy)]
pub struct Uses {
    pub json: bool,
    pub text: bool,
    pub json_error: bool,
    pub encode_path: bool,
    pub json_text: bool,
    pub file_part: bool,
    pub auth: bool,
}

impl Uses {
    fn merge(&mut self, other: Uses) {
        self.json |= other.json;
        self.text |= other.text;
        self.json_error |= other.json_error;
        self.encode_path |= other.encode_path;
        self.json_text |= other.json_text;
        self.file_part |= other.file_part;
        self.auth |= other.auth;
    }
}

/// A method from its signature and its body's statements, each parsed by shape, with its doc
/// lines in front of its other attributes.
fn parse_method(method: method::Method) -> std::result::Result<syn::ImplItemFn, String> {
    let head = method.head;
    let mut syntax: syn::ImplItemFn = shape::parse(quote!(#head {})).map_err(|e| e.to_string())?;
    syntax.attrs.splice(0..0, method.doc.iter().map(|line| super::models::doc_attribute(line)));
    for statements in method.body {
        syntax.block.stmts.extend(shape::parse::<shape::Stmts>(statements).map_err(|e| e.to_string())?.0);
    }
    Ok(syntax)
}

/// `src/client.rs`, planned and cut into units that print independently: unit 0 is `Client`
/// with its own methods, unit `i` the operations of the `i`-th tag with the items they need.
pub struct Units<'a> {
    source: &'a str,
    plan: plan::Plan,
    kinds: HashMap<&'a str, &'a ItemKind>,
    /// Per tag (or none), the indices of its methods in `plan.methods`.
    tags: Vec<(Option<String>, Vec<usize>)>,
}

/// One printed unit and the helpers its code calls.
pub struct Printed {
    pub text: String,
    pub uses: Uses,
}

impl<'a> Units<'a> {
    /// `default_error` is the spec name of the schema API errors decode into when an
    /// operation documents none for a status.
    pub fn plan(api: &'a Api, items: &'a [Item], tys: &[OperationTys], default_error: Option<&str>) -> Result<Units<'a>> {
        let plan = plan::plan(api, items, tys, default_error)?;
        let tags = crate::model::group_in_order(plan.methods.iter().enumerate().map(|(i, m)| (m.tag.clone(), i)));
        let kinds = items.iter().map(|i| (i.name.as_str(), &i.kind)).collect();
        Ok(Units { source: &api.source, plan, kinds, tags })
    }

    pub fn len(&self) -> usize {
        1 + self.tags.len()
    }

    /// Prints unit `i`; `Err` carries the parser's message for invalid code.
    pub fn print(&self, i: usize) -> std::result::Result<Printed, String> {
        if i == 0 {
            return Ok(Printed { text: super::format::print(runtime::client(&self.plan))?, uses: Uses::default() });
        }
        let (tag, methods) = &self.tags[i - 1];
        let models = method::Models { kinds: &self.kinds, deprecated: &self.plan.deprecated };
        let mut uses = Uses::default();
        let doc = match tag {
            Some(tag) => format!("Operations tagged `{tag}`."),
            None => "Operations without a tag.".to_owned(),
        };
        let doc = super::models::doc(Some(&doc));
        let mut block: syn::ItemImpl = syn::parse2(quote!(#doc impl Client {})).map_err(|e| e.to_string())?;
        let mut module_items = proc_macro2::TokenStream::new();
        for &m in methods {
            let mut method = method::tokens(&self.plan.methods[m], &models, &mut uses);
            module_items.extend(std::mem::take(&mut method.items));
            block.items.push(syn::ImplItem::Fn(parse_method(method)?));
        }
        let mut items = vec![syn::Item::Impl(block)];
        items.extend(super::format::parse(module_items)?.items);
        Ok(Printed { text: super::format::print_items(items), uses })
    }

    /// The file from its printed units (in order), with the helpers they call after them.
    pub fn finish(&self, printed: Vec<Printed>) -> Result<String> {
        let mut uses = Uses::default();
        printed.iter().for_each(|p| uses.merge(p.uses));
        let support = super::format::print(runtime::support(&uses, !self.plan.methods.is_empty()))
            .map_err(|e| super::format::internal_error(self.source, e))?;
        Ok(super::format::file(self.source, printed.iter().map(|p| p.text.as_str()).chain([support.as_str()])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every operation of our specs and of Coder's (read in place from ../shared): its method
    /// parsed piece by piece, by shape, prints as its whole token stream parsed by syn does.
    #[test]
    fn methods_parsed_by_shape_print_as_syn_parses_them() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let specs = ["specs/features.openapi3.yaml", "specs/workspace-builds.yaml", "../shared/specs/coder/swagger.v2-0062275c.json"];
        let print = |method: syn::ImplItemFn| {
            let mut block: syn::ItemImpl = syn::parse2(quote!(impl Client {})).expect("a block parses");
            block.items.push(syn::ImplItem::Fn(method));
            super::super::format::print_items(vec![syn::Item::Impl(block)])
        };
        for spec in specs {
            let api = crate::load::load_file(&root.join(spec), spec).expect("the spec loads");
            let (mut items, tys) = super::super::lower::lower_with_operations(&api).expect("the spec lowers");
            super::super::recursion::break_cycles(&mut items);
            let units = Units::plan(&api, &items, &tys, None).expect("the client plans");
            let models = method::Models { kinds: &units.kinds, deprecated: &units.plan.deprecated };
            assert!(units.plan.methods.len() > 5, "{spec} has operations");
            for plan in &units.plan.methods {
                let method = method::tokens(plan, &models, &mut Uses::default());
                let whole = syn::parse2(method.whole()).expect("the method parses");
                let by_shape = parse_method(method).expect("the method parses by shape");
                assert_eq!(print(by_shape), print(whole), "{spec}: {}", plan.ident);
            }
        }
    }
}
