//! The client emitter: `src/client.rs`, one `pub async fn` per operation on `Client`, built
//! from the model and the same lowered types as the models (`lower::lower_with_operations`).
//!
//! `plan` decides (arguments, body, statuses, credentials), `method` prints one operation,
//! `runtime` prints what they share. Like `models.rs`, the file has no inner attributes and
//! reaches the models as `super::models`, so conformance can `include!` it beside them.

mod method;
mod plan;
mod runtime;

use super::lower::{self, OperationTys};
use super::types::Item;
use crate::error::{Error, Result};
use crate::model::Api;
use crate::output::header_text;
use proc_macro2::TokenStream;

/// Helpers the printed methods call, so `runtime` emits exactly those.
#[derive(Debug, Default)]
pub struct Uses {
    pub json: bool,
    pub text: bool,
    pub json_error: bool,
    pub encode_path: bool,
    pub json_text: bool,
    pub file_part: bool,
    pub auth: bool,
}

/// `src/client.rs`: `default_error` is the spec name of the schema API errors decode into when
/// an operation documents none for a status.
pub fn client_rs(api: &Api, default_error: Option<&str>) -> Result<String> {
    let (items, tys) = lower::lower_with_operations(api)?;
    client_from_lowered(api, &items, &tys, default_error)
}

/// `src/client.rs` from items and operation types the caller already lowered (the crate
/// emitter lowers once for the models and the client).
pub fn client_from_lowered(api: &Api, items: &[Item], tys: &[OperationTys], default_error: Option<&str>) -> Result<String> {
    let plan = plan::plan(api, items, tys, default_error)?;
    let models = method::Models { kinds: items.iter().map(|i| (i.name.as_str(), &i.kind)).collect(), deprecated: &plan.deprecated };
    let mut uses = Uses::default();
    let (mut methods, mut module_items) = (TokenStream::new(), TokenStream::new());
    for method in &plan.methods {
        let (tokens, items) = method::tokens(method, &models, &mut uses);
        methods.extend(tokens);
        module_items.extend(items);
    }
    let mut tokens = runtime::client(&plan, methods);
    tokens.extend(runtime::support(&uses, !plan.methods.is_empty()));
    tokens.extend(module_items);
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::new(&api.source, "", format!("internal error: the Rust client emitter produced invalid code: {e}")))?;
    Ok(format!("// {}\n\n{}", header_text(&api.source), prettyplease::unparse(&file)))
}
