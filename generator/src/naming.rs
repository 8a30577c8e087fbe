//! The naming layer: the only place that turns spec names into identifiers.
//!
//! Rules, per target:
//! - Schema names lose a Go-style package qualifier (`codersdk.WorkspaceBuild` ->
//!   `WorkspaceBuild`). When two schemas would get the same short name, *every* schema in
//!   that clash keeps its package, PascalCased (`codersdk.Response` -> `CodersdkResponse`,
//!   `wsproxysdk.Response` -> `WsproxysdkResponse`); so a name never depends on the order of
//!   definitions. A clash left after that gets a numeric suffix in document order.
//! - Characters that cannot be in an identifier (`-`, `.`, `@`, `$`, spaces, ...) are word
//!   breaks for case conversion; a name that starts with a digit gets a prefix (`V` for types
//!   and variants, `_` for fields); reserved words are escaped per target.
//! - Within one scope (fields of a struct, variants of an enum) names that collide after
//!   conversion get numeric suffixes in document order.
//! - The wire name is never lost: emitters rename (serde) or quote (TypeScript) with it.

mod case;

use crate::model::{Api, Operation};
use heck::ToKebabCase;
use indexmap::IndexMap;
use std::collections::{HashMap, HashSet};

/// The languages names are made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Rust,
    TypeScript,
}

/// Rust keywords (strict and reserved, 2024 edition) and names that cannot be raw identifiers.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for",
    "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
];

/// Names that `r#` cannot escape.
const RUST_NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names the generated Rust code uses itself, which a schema must not shadow.
const RUST_RESERVED_TYPES: &[&str] = &[
    "Option", "Result", "Vec", "String", "Box", "Some", "None", "Ok", "Err", "Value", "Map", "BTreeMap", "HashMap",
    "Uuid", "DateTime", "Utc", "NaiveDate", "Client", "Error", "Default", "Display", "FromStr", "Serialize",
    "Deserialize",
];

/// TypeScript reserved words (cannot be type names).
const TS_RESERVED: &[&str] = &[
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
    "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
    "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as",
    "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "any",
    "boolean", "number", "string", "symbol", "type", "object", "never", "unknown", "undefined", "bigint", "Record",
    "Array", "Date", "Promise", "Partial", "Readonly",
];

/// The short name of a spec schema name: the part after the last `.` of a Go-style
/// `package.Type` name. Names whose last part is empty keep the whole name.
pub fn short_name(spec_name: &str) -> &str {
    match spec_name.rsplit_once('.') {
        Some((package, short)) if !package.is_empty() && !short.is_empty() => short,
        _ => spec_name,
    }
}

/// Type identifiers for every named schema of `api`, keyed by spec name, in document order.
pub fn type_names(api: &Api, target: Target) -> IndexMap<String, String> {
    let mut short_count: HashMap<String, usize> = HashMap::new();
    for name in api.schemas.keys() {
        *short_count.entry(type_ident(short_name(name), target)).or_default() += 1;
    }
    let mut scope = Scope::default();
    // Reserve what generated code defines itself, so no schema shadows it.
    if target == Target::Rust {
        for reserved in RUST_RESERVED_TYPES {
            scope.taken.insert((*reserved).to_owned());
        }
    }
    api.schemas
        .keys()
        .map(|name| {
            let short = type_ident(short_name(name), target);
            let base = if short_count[&short] > 1 { type_ident(name, target) } else { short };
            (name.clone(), scope.unique(base))
        })
        .collect()
}

/// A PascalCase type identifier for `name` (no uniqueness).
pub fn type_ident(name: &str, target: Target) -> String {
    let mut ident = case::pascal(&words(name));
    if ident.is_empty() {
        ident = "Empty".into();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, 'V');
    }
    match target {
        Target::Rust if RUST_KEYWORDS.contains(&ident.as_str()) => format!("{ident}_"),
        Target::TypeScript if TS_RESERVED.contains(&ident.as_str()) => format!("{ident}_"),
        _ => ident,
    }
}

/// A PascalCase enum variant identifier for a wire value (or `x-enum-varnames` entry).
/// The empty string becomes `Empty`.
pub fn variant_ident(value: &str) -> String {
    let ident = type_ident(value, Target::Rust);
    // `Self` is a keyword that even `r#` cannot escape.
    if ident == "Self_" { "Self_".into() } else { ident }
}

/// The type identifier of an inline schema found under `parent` (itself a type identifier) at
/// `part` (a property name, `Item`, `Variant 2`, ...): `WorkspaceBuild` + `status` ->
/// `WorkspaceBuildStatus`. Not unique by itself: callers put it through the global `Scope`.
pub fn nested_type_ident(parent: &str, part: &str, target: Target) -> String {
    type_ident(&format!("{parent} {part}"), target)
}

/// A variant identifier from an `x-enum-varnames` entry. swaggo repeats the enum's own name
/// (`LogLevelTrace` in `LogLevel`), which the Rust path already says (`LogLevel::Trace`), so
/// that prefix is dropped when a PascalCase word remains.
pub fn enum_var_ident(enum_ident: &str, var_name: &str) -> String {
    let ident = variant_ident(var_name);
    match ident.strip_prefix(enum_ident) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_owned(),
        _ => ident,
    }
}

/// The `is_*` predicate method for an enum variant identifier: `InsufficientQuota` ->
/// `is_insufficient_quota`.
pub fn predicate_ident(variant: &str) -> String {
    rust_field_ident(&format!("is {variant}"))
}

/// A snake_case Rust field / function identifier, keywords escaped as raw identifiers
/// (`r#type`) or, where `r#` is not allowed, suffixed (`self_`).
pub fn rust_field_ident(name: &str) -> String {
    let mut ident = case::snake(&words(name));
    if ident.is_empty() {
        ident = "field".into();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if RUST_NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RUST_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// The words an operation is named by: its `operationId`, or its method and path when it has
/// none (`get /users/{user}` -> `get users user`).
fn operation_words(op: &Operation) -> String {
    match op.id.as_deref().filter(|id| !words(id).trim().is_empty()) {
        Some(id) => id.to_owned(),
        None => format!("{} {}", op.method.as_str(), op.path),
    }
}

/// The Rust method name of an operation: `get-workspace-build` -> `get_workspace_build`. Not
/// unique by itself: the client puts it through its `Scope`.
pub fn operation_fn_ident(op: &Operation) -> String {
    rust_field_ident(&operation_words(op))
}

/// The stem of the types named after an operation (`GetWorkspaceBuild` + `Response`).
pub fn operation_type_ident(op: &Operation) -> String {
    type_ident(&operation_words(op), Target::Rust)
}

/// The builder method that sets the credentials of a security scheme:
/// `CoderSessionToken` -> `with_coder_session_token`.
pub fn auth_method_ident(scheme: &str) -> String {
    rust_field_ident(&format!("with {scheme}"))
}

/// Whether `key` can be written unquoted as a TypeScript property name.
pub fn is_ts_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A TypeScript property key: the wire name, quoted (as a JSON string) when it is not an
/// identifier.
pub fn ts_property_key(name: &str) -> String {
    if is_ts_identifier(name) { name.to_owned() } else { serde_json::to_string(name).expect("strings serialize") }
}

/// The name of the exported list of an enum's values: the type name in the plural, as in
/// Coder's typesGenerated.ts (`JobErrorCode` -> `JobErrorCodes`, `WorkspaceStatus` ->
/// `WorkspaceStatuses`, `Policy` -> `Policies`). Uniqueness is the caller's (a `Scope`).
pub fn ts_enum_list_name(type_name: &str) -> String {
    let sibilant = ["s", "x", "z", "ch", "sh"].iter().any(|end| type_name.ends_with(end));
    let consonant_y = type_name
        .strip_suffix('y')
        .is_some_and(|stem| stem.ends_with(|c: char| c.is_ascii_alphabetic() && !"aeiouAEIOU".contains(c)));
    if sibilant {
        format!("{type_name}es")
    } else if consonant_y {
        format!("{}ies", &type_name[..type_name.len() - 1])
    } else {
        format!("{type_name}s")
    }
}

/// Splits a name into words for heck: separators heck does not know become spaces, and
/// characters that can never be in an identifier are dropped.
fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
}

/// A set of names in one scope: `unique` hands out a name not yet taken, adding `2`, `3`,
/// ... to the base in the order of asking.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    pub fn new() -> Scope {
        Scope::default()
    }

    /// Marks `name` as taken without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    pub fn unique(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        // Keep raw identifiers valid: `r#type2` is not a keyword, so drop the `r#`.
        let stem = base.strip_prefix("r#").unwrap_or(&base).to_owned();
        (2..)
            .map(|n| format!("{stem}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unused suffix exists")
    }
}

/// The package name of the crate generated from a spec file without a config:
/// `workspace_builds.yaml` -> `workspace-builds-api` (a name must start with a letter:
/// `2024.json` -> `api-2024`).
pub fn crate_name(spec_stem: &str) -> String {
    let stem = spec_stem.to_kebab_case();
    if stem.starts_with(|c: char| c.is_ascii_alphabetic()) { format!("{stem}-api") } else { format!("api-{stem}") }
}

/// The Markdown page of a tag, as Coder's docs post-processor names it: lower-cased, every
/// run of characters other than `a-z`, `0-9` and space replaced by `-`, then each space
/// replaced by `-` too (`Builds` -> `builds.md`, `Git` -> `git.md`, `Port Sharing` ->
/// `port-sharing.md`).
pub fn markdown_page_file(tag: &str) -> String {
    let lower = tag.to_lowercase();
    let mut file = String::new();
    let mut in_run = false;
    for c in lower.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' ' {
            file.push(c);
            in_run = false;
        } else if !in_run {
            file.push('-');
            in_run = true;
        }
    }
    // Spaces would make awkward file names and links: they become `-` as well.
    format!("{}.md", file.replace(' ', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_qualifiers_are_dropped() {
        assert_eq!(short_name("codersdk.WorkspaceBuild"), "WorkspaceBuild");
        assert_eq!(short_name("Plain"), "Plain");
        assert_eq!(short_name("trailing."), "trailing.");
    }

    #[test]
    fn rust_fields_escape_keywords_and_odd_characters() {
        assert_eq!(rust_field_ident("type"), "r#type");
        assert_eq!(rust_field_ident("ref"), "r#ref");
        assert_eq!(rust_field_ident("self"), "self_");
        assert_eq!(rust_field_ident("match"), "r#match");
        assert_eq!(rust_field_ident("last-seen"), "last_seen");
        assert_eq!(rust_field_ident("@timestamp"), "timestamp");
        assert_eq!(rust_field_ident("$count"), "count");
        assert_eq!(rust_field_ident("2fa_enabled"), "_2fa_enabled");
        assert_eq!(rust_field_ident("fooBar"), "foo_bar");
        assert_eq!(rust_field_ident("with space"), "with_space");
        assert_eq!(rust_field_ident(""), "field");
    }

    #[test]
    fn type_and_variant_names() {
        assert_eq!(type_ident("codersdk.Response", Target::Rust), "CodersdkResponse");
        assert_eq!(type_ident("2fa", Target::Rust), "V2fa");
        assert_eq!(variant_ident(""), "Empty");
        assert_eq!(variant_ident("INSUFFICIENT_QUOTA"), "InsufficientQuota");
        assert_eq!(variant_ident("application/json"), "ApplicationJson");
        assert_eq!(type_ident("type", Target::TypeScript), "Type");
        assert_eq!(type_ident("string", Target::TypeScript), "String");
    }

    #[test]
    fn nested_and_enum_variant_names() {
        assert_eq!(nested_type_ident("WorkspaceBuild", "status", Target::Rust), "WorkspaceBuildStatus");
        assert_eq!(nested_type_ident("Foo", "last-seen", Target::Rust), "FooLastSeen");
        assert_eq!(enum_var_ident("LogLevel", "LogLevelTrace"), "Trace");
        assert_eq!(enum_var_ident("BuildReason", "BuildReasonCLI"), "Cli");
        assert_eq!(enum_var_ident("JobErrorCode", "InsufficientQuota"), "InsufficientQuota");
        // Nothing PascalCase would remain: keep the whole name.
        assert_eq!(enum_var_ident("Level", "Levels"), "Levels");
        assert_eq!(predicate_ident("InsufficientQuota"), "is_insufficient_quota");
        assert_eq!(predicate_ident("Type"), "is_type");
    }

    #[test]
    fn scope_suffixes_collisions_in_order() {
        let mut scope = Scope::new();
        assert_eq!(scope.unique("foo_bar".into()), "foo_bar");
        assert_eq!(scope.unique("foo_bar".into()), "foo_bar2");
        assert_eq!(scope.unique("r#type".into()), "r#type");
        assert_eq!(scope.unique("r#type".into()), "type2");
    }

    #[test]
    fn operation_names() {
        use crate::model::Method;
        let mut op = crate::model::Operation {
            id: Some("get-workspace-build".into()),
            method: Method::Get,
            path: "/users/{user}/keys".into(),
            summary: None,
            description: None,
            tags: Vec::new(),
            deprecated: false,
            parameters: Vec::new(),
            request_body: None,
            responses: Vec::new(),
            security: None,
            extensions: Default::default(),
        };
        assert_eq!(operation_fn_ident(&op), "get_workspace_build");
        assert_eq!(operation_type_ident(&op), "GetWorkspaceBuild");
        op.id = None;
        assert_eq!(operation_fn_ident(&op), "get_users_user_keys");
        op.id = Some("type".into());
        assert_eq!(operation_fn_ident(&op), "r#type");
        assert_eq!(auth_method_ident("CoderSessionToken"), "with_coder_session_token");
    }

    #[test]
    fn ts_enum_lists_are_plural() {
        assert_eq!(ts_enum_list_name("JobErrorCode"), "JobErrorCodes");
        assert_eq!(ts_enum_list_name("WorkspaceStatus"), "WorkspaceStatuses");
        assert_eq!(ts_enum_list_name("QuotaPolicy"), "QuotaPolicies");
        assert_eq!(ts_enum_list_name("Day"), "Days");
        assert_eq!(ts_enum_list_name("Match"), "Matches");
    }

    #[test]
    fn ts_keys_are_quoted_only_when_needed() {
        assert_eq!(ts_property_key("build_number"), "build_number");
        assert_eq!(ts_property_key("last-seen"), "\"last-seen\"");
        assert_eq!(ts_property_key("2fa"), "\"2fa\"");
        assert_eq!(ts_property_key("@timestamp"), "\"@timestamp\"");
    }
}
