//! What the syntax templates of `enums`, `structs` and `shape` share. A template is Rust written
//! by the emitter's own `quote!` functions with placeholders for names and texts, parsed once
//! per shape and thread; each item is a copy with its own names and texts put in. For `enums`
//! and `structs`, placeholder names start with `__`, which no name made by `naming` does, and
//! placeholder texts are a private-use character and an index (`shape` numbers its own).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;
use std::thread::LocalKey;

/// Placeholder texts: `WIRE` and an index for a wire text, `DOC` and an index for a doc line.
pub const WIRE: char = '\u{E000}';
pub const DOC: char = '\u{E001}';

/// The placeholder `text` is, if it is one: its kind (`WIRE` or `DOC`) and index. A doc line
/// is written after a space, which is not part of the placeholder.
pub fn placeholder(text: &str) -> Option<(char, usize)> {
    let mut chars = text.strip_prefix(' ').unwrap_or(text).chars();
    let kind = chars.next().filter(|c| *c == WIRE || *c == DOC)?;
    Some((kind, chars.as_str().parse().ok()?))
}

/// Per-thread templates by shape (syntax trees cannot cross threads).
pub type Cache<K, V> = RefCell<HashMap<K, V>>;

/// Drops this thread's templates in `cache`.
pub fn forget<K, V>(cache: &'static LocalKey<Cache<K, V>>) {
    cache.with(|cache| drop(cache.take()));
}

/// A copy of the template for `key` in `cache`, made by `make` the first time on this thread.
pub fn copy<K: Hash + Eq, V: Clone>(cache: &'static LocalKey<Cache<K, V>>, key: K, make: impl FnOnce(&K) -> V) -> V {
    cache.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(template) = cache.get(&key) {
            return template.clone();
        }
        let template = make(&key);
        cache.insert(key, template.clone());
        template
    })
}
