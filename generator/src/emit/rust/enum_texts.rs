//! Printed string enums, reused across enums that differ only in their name.
//!
//! GitHub's description has 3,159 string enums, and many are one enum under many names: about
//! 750 of them have the variants `Read` and `Write`, and the `Display`, `FromStr` and serde impls
//! of every one of them differ in nothing but the name. prettyplease lays text out by the
//! width of each token, never by its letters, so an enum printed under a stand-in name of the
//! same length, with its own name then put back into the text, is byte for byte that enum
//! printed under its own name. So each part of a string enum (the declaration, the inherent
//! impl, `From<String>`, the other impls) is printed once per key: what the part is made of,
//! with the name's length in place of the name.

use super::enums::wire_text;
use super::types::{Item, ScalarEnum};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

/// The parts of a string enum: the declaration, the inherent impl, `From<String>`, and the
/// impls that depend on nothing but the name (`Display`, `FromStr`, `Serialize`,
/// `Deserialize`), as `models::string_enum_items` puts them one after another.
const PART_ENDS: [usize; 4] = [1, 2, 3, 7];

/// Printed parts by key, each under its stand-in name. Shared by the threads printing one file.
#[derive(Default)]
pub struct EnumTexts {
    printed: Mutex<HashMap<String, Arc<str>>>,
}

impl EnumTexts {
    /// The string enum `item` (its `scalar`), printed; `syntax_of` makes an enum's syntax as
    /// `models` does, `Err` carries the parser's message (a bug of ours).
    pub fn print(
        &self,
        item: &Item,
        scalar: &ScalarEnum,
        allow_deprecated: bool,
        syntax_of: impl Fn(&Item) -> Result<Vec<syn::Item>, String>,
    ) -> Result<String, String> {
        let Some(stand_in) = stand_in(&item.name) else { return Ok(super::format::print_items(syntax_of(item)?)) };
        let keys = keys(item, scalar, allow_deprecated);
        // A stand-in found in a doc or wire text would be put back as the name there too.
        if keys.iter().any(|key| key.contains(&stand_in)) {
            return Ok(super::format::print_items(syntax_of(item)?));
        }
        let mut texts: Vec<Option<Arc<str>>> = {
            let printed = self.printed.lock().expect("no thread panics holding the lock");
            keys.iter().map(|key| printed.get(key).cloned()).collect()
        };
        if texts.iter().any(Option::is_none) {
            let mut syntax = syntax_of(&Item { name: stand_in.clone(), ..item.clone() })?;
            if syntax.len() != PART_ENDS[3] {
                return Err(format!("a string enum made {} items, not {}", syntax.len(), PART_ENDS[3]));
            }
            // Drained from the back, so that each part is the items up to its end.
            for part in (0..PART_ENDS.len()).rev() {
                let start = if part == 0 { 0 } else { PART_ENDS[part - 1] };
                let part_items: Vec<syn::Item> = syntax.drain(start..).collect();
                if texts[part].is_none() {
                    texts[part] = Some(super::format::print_items(part_items).into());
                }
            }
            let mut printed = self.printed.lock().expect("no thread panics holding the lock");
            for (key, text) in keys.into_iter().zip(&texts) {
                printed.entry(key).or_insert_with(|| text.clone().expect("every part printed"));
            }
        }
        let mut out = String::with_capacity(texts.iter().flatten().map(|t| t.len()).sum());
        for text in texts.iter().flatten() {
            for (i, piece) in text.split(stand_in.as_str()).enumerate() {
                if i > 0 {
                    out.push_str(&item.name);
                }
                out.push_str(piece);
            }
        }
        Ok(out)
    }
}

/// A name no name made by `naming` is (those never start with `__`), as long as `name`; none
/// for raw identifiers and names too short to make one.
fn stand_in(name: &str) -> Option<String> {
    (name.len() >= 3 && !name.starts_with("r#")).then(|| format!("__{}", "Z".repeat(name.len() - 2)))
}

/// What each part of the enum is made of, but for the name: its length, and each text
/// prefixed with its own length, so that no two different enums share a key.
fn keys(item: &Item, scalar: &ScalarEnum, allow_deprecated: bool) -> [String; 4] {
    let head = format!("{}/{}/", item.name.len(), u8::from(allow_deprecated));
    let [mut declaration, mut inherent, mut from, rest] = [head.clone(), head.clone(), head.clone(), head];
    declaration.push_str("declaration/");
    text(&mut declaration, item.doc.as_deref());
    declaration.push(if item.deprecated { 'd' } else { '-' });
    inherent.push_str("inherent/");
    from.push_str("from/");
    for key in [&mut declaration, &mut inherent, &mut from] {
        text(key, Some(&scalar.unknown));
    }
    for variant in &scalar.variants {
        let wire = wire_text(&variant.value);
        text(&mut declaration, Some(&variant.ident));
        text(&mut declaration, variant.doc.as_deref());
        text(&mut inherent, Some(&variant.ident));
        text(&mut inherent, Some(&variant.predicate));
        text(&mut inherent, Some(&wire));
        text(&mut from, Some(&variant.ident));
        text(&mut from, Some(&wire));
    }
    [declaration, inherent, from, rest + "rest"]
}

/// Appends `text` to `key`, unambiguously: none as `-`, a text as its length, `:` and itself.
fn text(key: &mut String, text: Option<&str>) {
    match text {
        None => key.push('-'),
        Some(text) => {
            let _ = write!(key, "{}:{text}", text.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::format;
    use super::super::models::{deprecated_names, print, string_enum_items, touches_deprecated};
    use super::super::types::{EnumVariant, ItemKind};
    use super::*;
    use serde_json::Value;
    use std::path::Path;

    fn string_enum(name: &str, doc: Option<&str>, variants: &[(&str, &str, Option<&str>)]) -> Item {
        let variants = variants
            .iter()
            .map(|(ident, wire, doc)| EnumVariant {
                ident: (*ident).into(),
                predicate: format!("is_{}", ident.to_lowercase()),
                value: Value::from(*wire),
                doc: doc.map(str::to_owned),
            })
            .collect();
        Item { name: name.into(), doc: doc.map(str::to_owned), deprecated: false, kind: ItemKind::Enum(ScalarEnum { integer: false, variants, unknown: "Unknown".into() }) }
    }

    /// The enum printed from its own syntax, as before there were stand-ins.
    fn direct(item: &Item, allow_deprecated: bool) -> String {
        let ItemKind::Enum(scalar) = &item.kind else { panic!("a string enum") };
        format::print_items(string_enum_items(item, scalar, allow_deprecated).expect("the enum parses"))
    }

    #[test]
    fn enums_printed_under_a_stand_in_print_as_under_their_own_names() {
        let texts = EnumTexts::default();
        let read_write = [("Read", "read", None), ("Write", "write", None)];
        let mut items = Vec::new();
        // Names from 1 to 70 bytes: the impl headers of the long ones reach prettyplease's
        // margin, where one byte more breaks a line.
        for len in 1..=70 {
            let name: String = "Permission".chars().cycle().take(len).collect();
            items.push(string_enum(&name[..1].to_uppercase().chars().chain(name[1..].chars()).collect::<String>(), None, &read_write));
        }
        // The same length and variants, other wire texts, docs or variant docs.
        items.push(string_enum("Contents", None, &[("Read", "READ", None), ("Write", "write", None)]));
        items.push(string_enum("Contents", Some("Access to contents."), &read_write));
        items.push(string_enum("Contents", None, &[("Read", "read", Some("Reads.")), ("Write", "write", None)]));
        items.push(Item { deprecated: true, ..string_enum("Contents", None, &read_write) });
        let mut other_unknown = string_enum("Contents", None, &read_write);
        if let ItemKind::Enum(scalar) = &mut other_unknown.kind {
            scalar.unknown = "Unknown2".into();
        }
        items.push(other_unknown);
        // Texts holding the stand-in for an eight-byte name, or a placeholder of the templates.
        items.push(string_enum("Metadata", Some("See __ZZZZZZ."), &read_write));
        items.push(string_enum("Metadata", None, &[("Read", "__ZZZZZZ", None), ("Write", "__Name", None)]));
        // No variants; a variant whose wire text needs escaping.
        items.push(string_enum("Nothing", None, &[]));
        items.push(string_enum("Escaped", None, &[("Quote", "say \"hi\"\\", None)]));
        for allow_deprecated in [false, true] {
            for item in &items {
                let ItemKind::Enum(scalar) = &item.kind else { unreachable!() };
                let printed = texts.print(item, scalar, allow_deprecated, |item| string_enum_items(item, scalar, allow_deprecated)).unwrap();
                assert_eq!(printed, direct(item, allow_deprecated), "{}", item.name);
            }
        }
        // An enum like one printed before, under another name of the same length, is all
        // reused; one with another wire text is not.
        let kept = || texts.printed.lock().unwrap().len();
        let before = kept();
        let teams = string_enum("Teams", None, &read_write);
        let ItemKind::Enum(scalar) = &teams.kind else { unreachable!() };
        assert_eq!(texts.print(&teams, scalar, false, |item| string_enum_items(item, scalar, false)).unwrap(), direct(&teams, false));
        assert_eq!(kept(), before);
        let other = string_enum("Teams", None, &[("Read", "pull", None), ("Write", "write", None)]);
        let ItemKind::Enum(scalar) = &other.kind else { unreachable!() };
        assert_eq!(texts.print(&other, scalar, false, |item| string_enum_items(item, scalar, false)).unwrap(), direct(&other, false));
        assert_eq!(kept(), before + 2, "a new inherent impl and From<String>");
    }

    /// Every string enum of our specs and of Coder's (read in place from ../shared), printed
    /// through one `EnumTexts` as `models` prints them, against its own syntax printed.
    #[test]
    fn every_string_enum_of_our_specs_and_coders_prints_as_its_own_syntax_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let specs = ["specs/features.openapi3.yaml", "specs/workspace-builds.yaml", "../shared/specs/coder/swagger.v2-0062275c.json"];
        for spec in specs {
            let api = crate::load::load_file(&root.join(spec), spec).expect("the spec loads");
            let (items, _) = super::super::lower::lower_with_operations(&api).expect("the spec lowers");
            let deprecated = deprecated_names(&items);
            let texts = EnumTexts::default();
            let mut enums = 0;
            for item in items.iter().filter(|i| matches!(&i.kind, ItemKind::Enum(s) if !s.integer)) {
                enums += 1;
                let printed = print(item, &deprecated, &texts).expect("the enum prints");
                assert_eq!(printed, direct(item, touches_deprecated(item, &deprecated)), "{spec}: {}", item.name);
            }
            assert!(enums > 0, "{spec} has string enums");
        }
    }
}
