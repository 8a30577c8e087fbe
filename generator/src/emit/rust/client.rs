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
        let (mut fns, mut module_items) = (proc_macro2::TokenStream::new(), proc_macro2::TokenStream::new());
        for &m in methods {
            let (tokens, items) = method::tokens(&self.plan.methods[m], &models, &mut uses);
            fns.extend(tokens);
            module_items.extend(items);
        }
        let doc = match tag {
            Some(tag) => format!("Operations tagged `{tag}`."),
            None => "Operations without a tag.".to_owned(),
        };
        let doc = super::models::doc(Some(&doc));
        let tokens = quote! {
            #doc
            impl Client {
                #fns
            }
            #module_items
        };
        Ok(Printed { text: super::format::print(tokens)?, uses })
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
