//! Flattens a schema into property-table rows the way widdershins' `schemaToArray` walks it:
//! nesting shown with `»`, additional properties as `[any property]`, an array's items as
//! their properties one level down. Two flavours:
//! - `Mode::Operation` (response schemas on tag pages): references are followed and expanded
//!   (each named schema once per table, as widdershins marks schemas seen), types link into
//!   `schemas.md` and carry their format;
//! - `Mode::Schemas` (the schemas page): references are links within the page, not expanded.

use super::links;
use crate::model::{Api, Schema, SchemaKind};
use serde_json::Value;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Operation,
    Schemas,
}

/// One table row, cells ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: String,
    pub type_: String,
    pub required: bool,
    pub restrictions: String,
    pub description: String,
}

impl Row {
    pub fn cells(&self) -> Vec<String> {
        vec![self.name.clone(), self.type_.clone(), self.required.to_string(), self.restrictions.clone(), self.description.clone()]
    }
}

/// Rows plus the enumerated values met on the way, as (property name, value) in walk order.
#[derive(Debug, Default)]
pub struct Flat {
    pub rows: Vec<Row>,
    pub enums: Vec<(String, Value)>,
}

/// Flattens `schema`, the whole body of a response (`Mode::Operation`) or a named schema
/// (`Mode::Schemas`).
pub fn flatten(api: &Api, schema: &Schema, mode: Mode) -> Flat {
    let mut walker = Walker { api, mode, seen: HashSet::new(), flat: Flat::default() };
    let top = walker.resolve(schema);
    if let Some(name) = schema.ref_name() {
        walker.seen.insert(name.to_owned());
    }
    match &top.kind {
        SchemaKind::Object(_) | SchemaKind::AllOf(_) => walker.children(top, 1),
        // An array or scalar body is a row of its own ("[array item]"), its parts below it.
        _ => {
            walker.row(RowName::Anonymous, schema, false, 0);
            walker.children(top, 1);
        }
    }
    walker.flat
}

enum RowName<'a> {
    Property(&'a str),
    Additional,
    Anonymous,
}

struct Walker<'a> {
    api: &'a Api,
    mode: Mode,
    /// Named schemas already expanded in this table.
    seen: HashSet<String>,
    flat: Flat,
}

impl<'a> Walker<'a> {
    fn resolve(&self, schema: &'a Schema) -> &'a Schema {
        let mut current = schema;
        for _ in 0..16 {
            match &current.kind {
                SchemaKind::Ref(name) => match self.api.schemas.get(name) {
                    Some(target) => current = target,
                    None => break,
                },
                _ => break,
            }
        }
        current
    }

    /// Rows for what `schema` (already resolved) contains, at `depth`.
    fn children(&mut self, schema: &'a Schema, depth: usize) {
        match &schema.kind {
            SchemaKind::Array { items } if self.enter(items) => {
                let resolved = self.resolve(items);
                self.children(resolved, depth);
            }
            SchemaKind::Object(object) => {
                if let Some(additional) = object.additional_properties.as_ref().filter(|_| !object.additional_properties_true) {
                    self.row(RowName::Additional, additional, false, depth);
                    self.nested(additional, depth + 1);
                }
                for property in &object.properties {
                    self.row(RowName::Property(&property.name), &property.schema, property.required, depth);
                    self.nested(&property.schema, depth + 1);
                }
            }
            SchemaKind::AllOf(parts) => {
                for part in parts {
                    if self.enter(part) {
                        let resolved = self.resolve(part);
                        self.children(resolved, depth);
                    }
                }
            }
            _ => {}
        }
    }

    /// Descends into a property's schema: always for inline schemas, once per named schema
    /// on tag pages, never through a reference on the schemas page.
    fn nested(&mut self, schema: &'a Schema, depth: usize) {
        if self.enter(schema) {
            let resolved = self.resolve(schema);
            self.children(resolved, depth);
        }
    }

    fn enter(&mut self, schema: &Schema) -> bool {
        match schema.ref_name() {
            None => true,
            Some(_) if self.mode == Mode::Schemas => false,
            Some(name) => self.seen.insert(name.to_owned()),
        }
    }

    fn row(&mut self, name: RowName, schema: &'a Schema, required: bool, depth: usize) {
        let resolved = self.resolve(schema);
        let raw_name = match name {
            RowName::Property(n) => n.to_owned(),
            RowName::Additional => "**additionalProperties**".to_owned(),
            RowName::Anonymous => "*anonymous*".to_owned(),
        };
        let depth = match self.mode {
            Mode::Operation => depth,
            Mode::Schemas => depth.saturating_sub(1),
        };
        let display = format!("{} {}", "»".repeat(depth), raw_name).trim().to_owned();
        let key = if let RowName::Property(n) = name { n.to_owned() } else { raw_name.clone() };
        let enum_source = if self.mode == Mode::Operation { resolved } else { schema };
        if !schema.constraints.allowed.is_empty() {
            // A use site narrowing a referenced enum lists only the values it allows.
            self.flat.enums.extend(schema.constraints.allowed.iter().map(|v| (key.clone(), v.clone())));
        } else if let SchemaKind::Enum { values, .. } = &enum_source.kind {
            self.flat.enums.extend(values.iter().map(|v| (key.clone(), v.value.clone())));
        }
        let description = self.description(schema, resolved);
        let restrictions = if schema.read_only || resolved.read_only {
            "read-only"
        } else if schema.write_only || resolved.write_only {
            "write-only"
        } else {
            ""
        };
        self.flat.rows.push(Row {
            name: self.display_name(&display),
            type_: self.type_cell(schema, resolved),
            required,
            restrictions: restrictions.into(),
            description: render_description(&description, &display),
        });
    }

    fn display_name(&self, display: &str) -> String {
        match self.mode {
            Mode::Operation => {
                let shown = if display == "*anonymous*" { "[array item]".to_owned() } else { display.replace("**additionalProperties**", "[any property]") };
                format!("`{shown}`")
            }
            // Coder's template special-cases only the first two levels of additional properties.
            Mode::Schemas => match display {
                "» **additionalProperties**" => "» `[any property]`".into(),
                "**additionalProperties**" => "`[any property]`".into(),
                other => format!("`{other}`"),
            },
        }
    }

    fn type_cell(&self, schema: &Schema, resolved: &Schema) -> String {
        match self.mode {
            Mode::Operation => {
                if let Some(name) = schema.ref_name() {
                    return link(name, "schemas.md");
                }
                let base = match &resolved.kind {
                    SchemaKind::Array { .. } => return "array".into(),
                    _ => with_format(resolved),
                };
                if resolved.nullable { format!("{base}¦null") } else { base }
            }
            Mode::Schemas => {
                if let Some(name) = schema.ref_name() {
                    return link(name, "");
                }
                match &resolved.kind {
                    SchemaKind::Array { items } => match items.ref_name() {
                        Some(name) => format!("array of {}", link(name, "")),
                        None if matches!(items.kind, SchemaKind::Any) => "array of undefined".into(),
                        None => format!("array of {}", type_name(items)),
                    },
                    _ => type_name(resolved).into(),
                }
            }
        }
    }

    /// The schema's own description, else the referenced schema's (in brackets for arrays of
    /// a referenced schema, as widdershins does).
    fn description(&self, schema: &Schema, resolved: &Schema) -> String {
        if let Some(d) = &schema.description {
            return d.trim().to_owned();
        }
        if schema.ref_name().is_some() {
            return resolved.description.as_deref().unwrap_or_default().trim().to_owned();
        }
        if let SchemaKind::Array { items } = &schema.kind
            && items.ref_name().is_some()
            && let Some(d) = &self.resolve(items).description
        {
            return format!("[{}]", d.trim());
        }
        String::new()
    }
}

fn link(name: &str, page: &str) -> String {
    format!("[{name}]({page}#{})", links::anchor(name))
}

/// The JSON Schema type name.
pub fn type_name(schema: &Schema) -> &'static str {
    match &schema.kind {
        SchemaKind::String { .. } => "string",
        SchemaKind::Integer { .. } => "integer",
        SchemaKind::Number { .. } => "number",
        SchemaKind::Boolean => "boolean",
        SchemaKind::Enum { scalar, .. } => scalar.as_str(),
        SchemaKind::Array { .. } => "array",
        SchemaKind::Object(_) | SchemaKind::AllOf(_) => "object",
        SchemaKind::Ref(_) | SchemaKind::Any | SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => "any",
    }
}

/// `type(format)`, as widdershins' `safeType`.
pub fn with_format(schema: &Schema) -> String {
    let format = match &schema.kind {
        SchemaKind::String { format } | SchemaKind::Integer { format } | SchemaKind::Number { format } => format.as_deref(),
        SchemaKind::Enum { format, .. } => format.as_deref(),
        _ => None,
    };
    match format {
        Some(f) => format!("{}({f})", type_name(schema)),
        None => type_name(schema).to_owned(),
    }
}

/// Coder's `renderDescription`: a first word with more than one capital (a Go field name,
/// `WorkspaceOwnerName is ...`) is replaced by the property name in words; `id` and `url`
/// words are upper-cased.
pub fn render_description(description: &str, display: &str) -> String {
    if description.is_empty() {
        return String::new();
    }
    let description = description.replace("\r", "").replace("\n\n", "\n").replace('\n', " ");
    let words: Vec<&str> = description.split(' ').collect();
    let capitals = words[0].chars().filter(char::is_ascii_uppercase).count();
    let text = if capitals > 1 {
        let name = display.replacen("» **additionalProperties**", "It", 1).replacen("» ", "", 1).replace('»', "");
        let mut chars = name.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
        let rest: String = chars.as_str().replace('_', " ").to_lowercase();
        std::iter::once(format!("{first}{rest}")).chain(words[1..].iter().map(|w| w.to_string())).collect::<Vec<_>>().join(" ")
    } else {
        description
    };
    text.split(' ')
        .map(|w| if matches!(w.to_lowercase().as_str(), "id" | "url") { w.to_uppercase() } else { w.to_owned() })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Groups (name, value) pairs by name, in order of first appearance; each name's values
/// deduplicated and sorted, joined as the post-processed pages show them.
pub fn group_enums(pairs: &[(String, Value)]) -> Vec<Vec<String>> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in pairs {
        let shown = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match groups.iter_mut().find(|(n, _)| n == name) {
            Some((_, values)) => values.push(shown),
            None => groups.push((name.clone(), vec![shown])),
        }
    }
    groups
        .into_iter()
        .map(|(name, mut values)| {
            values.sort();
            values.dedup();
            let joined = values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
            vec![format!("`{name}`"), joined]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_field_names_become_words() {
        assert_eq!(
            render_description("WorkspaceOwnerName is the username.", "» workspace_owner_name"),
            "Workspace owner name is the username."
        );
        assert_eq!(render_description("URL specifies the endpoint", "»»»» url"), "URL specifies the endpoint");
        assert_eq!(render_description("Workspace build id", "x"), "Workspace build ID");
    }

    #[test]
    fn enum_values_are_grouped_and_sorted() {
        let pairs = vec![("s".to_owned(), Value::from("b")), ("t".into(), Value::from("x")), ("s".into(), Value::from("a"))];
        assert_eq!(group_enums(&pairs), vec![vec!["`s`".to_owned(), "`a`, `b`".into()], vec!["`t`".into(), "`x`".into()]]);
    }
}
