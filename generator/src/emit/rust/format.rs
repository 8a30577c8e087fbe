//! Formatting Rust: a file is cut into units that print independently (a chunk of model items,
//! a block of client methods), and each unit is built, parsed and printed on its own, as a
//! task of rayon's pool. prettyplease prints the items of a file one after another with no
//! state carried between them, so the concatenation is byte for byte what formatting the
//! whole file at once prints; and only one unit's token streams and syntax tree are alive per
//! core. Token streams and syntax trees cannot cross threads (proc-macro2 types are not
//! `Send`), which is why a unit is built where it is printed and only its text comes back.

use proc_macro2::TokenStream;

/// A generated file: the header comment naming `source`, then the printed units in order
/// (joined at their exact size: GitHub's `models.rs` is 11 MB).
pub fn file<'t>(source: &str, units: impl Iterator<Item = &'t str> + Clone) -> String {
    let header = format!("// {}\n\n", crate::output::header_text(source));
    let mut out = String::with_capacity(header.len() + units.clone().map(str::len).sum::<usize>());
    out.push_str(&header);
    units.for_each(|unit| out.push_str(unit));
    out
}

/// The error for tokens that do not parse: a bug of ours, reported against the spec.
pub fn internal_error(source: &str, message: String) -> crate::error::Error {
    crate::error::Error::new(source, "", format!("internal error: the Rust emitter produced invalid code: {message}"))
}

/// Parses `tokens` as a file and prints it; `Err` carries the parser's message.
pub fn print(tokens: TokenStream) -> Result<String, String> {
    Ok(prettyplease::unparse(&parse(tokens)?))
}

/// Parses `tokens` as a file; `Err` carries the parser's message.
pub fn parse(tokens: TokenStream) -> Result<syn::File, String> {
    syn::parse2(tokens).map_err(|e| e.to_string())
}

/// Prints `items` as a file.
pub fn print_items(items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items })
}

/// Drops the templates of every thread of the pool. They serve the units of one run, and kept
/// to its end they would add to its peak of memory, which comes at the end, when the files
/// are put together (about 10 MB for GitHub's description).
pub fn forget_templates() {
    rayon::broadcast(|_| {
        super::enums::forget();
        super::structs::forget();
        super::shape::forget();
    });
}

/// `job(0)`, ..., `job(count - 1)` spread over rayon's pool, results in index order.
pub fn in_parallel<T: Send>(count: usize, job: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    use rayon::prelude::*;
    // One unit per task: a unit is already a chunk of work, and rayon steals the rest.
    (0..count).into_par_iter().with_max_len(1).map(job).collect()
}
