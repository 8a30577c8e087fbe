//! Formatting `src/models.rs`: every item is built, parsed and printed on its own (one small
//! `syn::File` per item rather than one file of the whole crate), so the token streams of one
//! item at a time are alive, and the items are spread over the available cores. prettyplease
//! prints the items of a file one after another with no state carried between them, so the
//! concatenation is byte for byte what formatting the whole file at once prints.

use super::models;
use super::types::Item;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Items per unit of work handed to a thread.
const CHUNK: usize = 64;

/// The formatted items, in order; `Err` carries the parser's message for invalid code.
pub fn items(items: &[Item]) -> Result<String, String> {
    let deprecated = models::deprecated_names(items);
    let chunks = items.len().div_ceil(CHUNK);
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(chunks);
    let format_chunk = |i: usize| -> Result<String, String> {
        let mut out = String::new();
        for item in &items[i * CHUNK..((i + 1) * CHUNK).min(items.len())] {
            let file: syn::File = syn::parse2(models::item(item, &deprecated)).map_err(|e| e.to_string())?;
            out.push_str(&prettyplease::unparse(&file));
        }
        Ok(out)
    };
    if threads <= 1 {
        return (0..chunks).map(format_chunk).collect();
    }
    // Chunks are taken in turn from a shared counter and put back in order at the end.
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<String, String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= chunks {
                            return mine;
                        }
                        mine.push((i, format_chunk(i)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a formatting thread panicked")).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, text)| text).collect()
}
