//! Formatting Rust: a file is cut into units that print independently (a chunk of model items,
//! a block of client methods), and each unit is built, parsed and printed on its own, on
//! whichever core is free. prettyplease prints the items of a file one after another with no
//! state carried between them, so the concatenation is byte for byte what formatting the
//! whole file at once prints; and only one unit's token streams and syntax tree are alive per
//! core. Token streams and syntax trees cannot cross threads (proc-macro2 types are not
//! `Send`), which is why a unit is built where it is printed and only its text comes back.

use proc_macro2::TokenStream;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A generated file: the header comment naming `source`, then the printed units in order
/// (joined at their exact size: GitHub's `models.rs` is 11 MB).
pub fn file<'t>(source: &str, units: impl Iterator<Item = &'t str> + Clone) -> String {
    let header = format!("// {}\n\n", crate::output::header_text(source));
    let mut out = String::with_capacity(header.len() + units.clone().map(str::len).sum::<usize>());
    out.push_str(&header);
    units.for_each(|unit| out.push_str(unit));
    out
}

/// Parses `tokens` as a file and prints it; `Err` carries the parser's message.
pub fn print(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| e.to_string())?;
    Ok(prettyplease::unparse(&file))
}

/// `job(0)`, ..., `job(count - 1)` spread over the available cores, results in index order.
/// Jobs are handed out in index order from a shared counter, so callers put the largest first.
pub fn in_parallel<T: Send>(count: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(count);
    if threads <= 1 {
        return (0..count).map(job).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                return mine;
            }
            mine.push((i, job(i)));
        }
    };
    // The calling thread works too rather than wait for its helpers.
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            // Re-raise a job's panic with its own message.
            done.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}
