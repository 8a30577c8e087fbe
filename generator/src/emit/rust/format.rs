//! Formatting `src/models.rs`: every item is built, parsed and printed on its own (one small
//! `syn::File` per item rather than one file of the whole crate), so the token streams of one
//! item at a time are alive, and the items are spread over the available cores. prettyplease
//! prints the items of a file one after another with no state carried between them, so the
//! concatenation is byte for byte what formatting the whole file at once prints.

use super::models;
use super::types::{Item, ItemKind};
use std::fmt::Write as _;
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
            // Checked against prettyplease by the tests below and, for every spec of the
            // corpus, GitHub's and Coder's, byte for byte.
            if let Some(text) = string_enum_text(item) {
                out.push_str(&text);
                continue;
            }
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

/// Widest line the direct printing below may produce; anything wider (or any character that
/// is not printable ASCII) goes through prettyplease, whose line breaking decides it.
const DIRECT_WIDTH: usize = 85;

/// A string enum and its impls, printed directly as the text prettyplease prints for the
/// tokens `enums::tokens` builds: these are most of a large spec's code and their layout is
/// fixed as long as no line comes near the margin. `None` when the item is anything else, or
/// when something in it (width, characters, no variants) could change the layout.
fn string_enum_text(item: &Item) -> Option<String> {
    let ItemKind::Enum(scalar) = &item.kind else { return None };
    if scalar.integer || scalar.variants.is_empty() {
        return None;
    }
    let plain = |s: &str| s.bytes().all(|b| (b' '..=b'~').contains(&b));
    let name = &item.name;
    let mut out = String::with_capacity(1024 + scalar.variants.len() * 400);
    let doc = |out: &mut String, indent: &str, text: &str| -> Option<()> {
        for line in text.trim().lines() {
            let line = line.trim_end();
            if !plain(line) {
                return None;
            }
            out.push_str(indent);
            out.push_str("///");
            if !line.is_empty() {
                out.push(' ');
                out.push_str(line);
            }
            out.push('\n');
        }
        Some(())
    };
    if let Some(text) = item.doc.as_deref() {
        doc(&mut out, "", text)?;
    }
    let allow = if item.deprecated { "#[allow(deprecated)]\n" } else { "" };
    if item.deprecated {
        out.push_str("#[deprecated]\n");
    }
    out.push_str(allow);
    let values: Vec<String> = scalar
        .variants
        .iter()
        .map(|v| match &v.value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    if !values.iter().all(|v| plain(v)) {
        return None;
    }
    let literals: Vec<String> = values.iter().map(|v| proc_macro2::Literal::string(v).to_string()).collect();
    let _ = write!(out, "#[derive(Debug, Clone, PartialEq, Eq, Hash)]\npub enum {name} {{\n");
    for v in &scalar.variants {
        if let Some(text) = v.doc.as_deref() {
            doc(&mut out, "    ", text)?;
        }
        let _ = writeln!(out, "    {},", v.ident);
    }
    let unknown = &scalar.unknown;
    let _ = write!(
        out,
        "    /// A value this client does not know (yet), kept as received.\n    {unknown}(String),\n}}\n\
         {allow}impl {name} {{\n    /// The value as sent on the wire.\n    pub fn as_str(&self) -> &str {{\n        match self {{\n"
    );
    for (v, lit) in scalar.variants.iter().zip(&literals) {
        let _ = writeln!(out, "            Self::{} => {lit},", v.ident);
    }
    let _ = write!(out, "            Self::{unknown}(value) => value,\n        }}\n    }}\n");
    for (v, value) in scalar.variants.iter().zip(&values) {
        let _ = write!(
            out,
            "    /// Whether this is `{value}`.\n    pub fn {}(&self) -> bool {{\n        *self == Self::{}\n    }}\n",
            v.predicate, v.ident
        );
    }
    let _ = write!(
        out,
        "}}\n\
         {allow}impl std::fmt::Display for {name} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        f.write_str(self.as_str())\n    }}\n}}\n\
         {allow}impl std::str::FromStr for {name} {{\n    type Err = std::convert::Infallible;\n    fn from_str(value: &str) -> Result<Self, Self::Err> {{\n        Ok(\n            match value {{\n"
    );
    for (v, lit) in scalar.variants.iter().zip(&literals) {
        let _ = writeln!(out, "                {lit} => Self::{},", v.ident);
    }
    let _ = write!(
        out,
        "                other => Self::{unknown}(other.to_owned()),\n            }},\n        )\n    }}\n}}\n\
         {allow}impl serde::Serialize for {name} {{\n    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {{\n        serializer.serialize_str(self.as_str())\n    }}\n}}\n\
         {allow}impl<'de> serde::Deserialize<'de> for {name} {{\n    fn deserialize<D: serde::Deserializer<'de>>(\n        deserializer: D,\n    ) -> Result<Self, D::Error> {{\n        \
         let value = <String as serde::Deserialize>::deserialize(deserializer)?;\n        Ok(\n            match value.as_str() {{\n"
    );
    for (v, lit) in scalar.variants.iter().zip(&literals) {
        let _ = writeln!(out, "                {lit} => Self::{},", v.ident);
    }
    let _ = write!(out, "                _ => Self::{unknown}(value),\n            }},\n        )\n    }}\n}}\n");
    // The one fixed line wider than the limit is `serialize`'s signature, which never moves.
    let fixed = "    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {";
    out.lines().all(|l| l.len() <= DIRECT_WIDTH || l == fixed).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::rust::types::{EnumVariant, ScalarEnum};
    use std::collections::HashSet;

    fn pretty(item: &Item) -> String {
        prettyplease::unparse(&syn::parse2(models::item(item, &HashSet::new())).unwrap())
    }

    fn string_enum(name: &str, doc: Option<&str>, deprecated: bool, values: &[(&str, &str, Option<&str>)]) -> Item {
        let variants = values
            .iter()
            .map(|(ident, value, doc)| EnumVariant {
                ident: (*ident).into(),
                predicate: format!("is_{}", ident.to_lowercase()),
                value: serde_json::Value::String((*value).into()),
                doc: doc.map(str::to_owned),
            })
            .collect();
        Item { name: name.into(), doc: doc.map(str::to_owned), deprecated, kind: ItemKind::Enum(ScalarEnum { integer: false, variants, unknown: "Unknown".into() }) }
    }

    #[test]
    fn direct_string_enums_print_what_prettyplease_prints() {
        let cases = [
            string_enum("Plain", None, false, &[("A", "a", None), ("B", "b-b", None)]),
            string_enum("Documented", Some("  First line.\n\n  Second line, indented.  \n"), true, &[("Quoted", "say \"hi\" \\ there", Some("A variant\nover two lines"))]),
            // Header lines right at the width limit.
            string_enum(&"N".repeat(85 - "impl<'de> serde::Deserialize<'de> for  {".len()), None, false, &[("V", "v", None)]),
        ];
        for item in &cases {
            let direct = string_enum_text(item).expect("printed directly");
            assert_eq!(direct, pretty(item), "{}", item.name);
        }
    }

    #[test]
    fn wide_or_unusual_enums_go_through_prettyplease() {
        let long = string_enum(&"N".repeat(60), None, false, &[("V", "v", None)]);
        let non_ascii = string_enum("E", None, false, &[("V", "caf\u{e9}", None)]);
        let tab = string_enum("E", Some("a\tb"), false, &[("V", "v", None)]);
        let empty = string_enum("E", None, false, &[]);
        for item in [long, non_ascii, tab, empty] {
            assert!(string_enum_text(&item).is_none(), "{}", item.name);
        }
    }
}
