//! Doc comment lines (`/** ... */` bodies) from descriptions and schema annotations.

use crate::model::{Schema, SchemaKind};

/// The lines of a free-text description, safe inside a block comment: `*/` cannot end it
/// early, and leading/trailing blank lines are dropped.
pub fn text_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(|l| l.trim_end().replace("*/", "*\\/")).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    lines.drain(..first);
    lines
}

/// Lines for a schema: its description, what its format means on the wire (TypeScript only
/// sees `string` / `number`), its default, and `@deprecated`.
pub fn schema_lines(schema: &Schema) -> Vec<String> {
    let mut lines = schema.description.as_deref().map(text_lines).unwrap_or_default();
    let mut notes = Vec::new();
    if let Some(format) = format_of(schema) {
        notes.push(format_note(format));
    }
    if let Some(default) = &schema.default {
        notes.push(format!("@default {}", default.to_string().replace("*/", "*\\/")));
    }
    if schema.deprecated {
        notes.push("@deprecated".to_owned());
    }
    if !lines.is_empty() && !notes.is_empty() {
        lines.push(String::new());
    }
    lines.extend(notes);
    lines
}

fn format_of(schema: &Schema) -> Option<&str> {
    match &schema.kind {
        SchemaKind::String { format }
        | SchemaKind::Integer { format }
        | SchemaKind::Number { format }
        | SchemaKind::Enum { format, .. } => format.as_deref(),
        _ => None,
    }
}

fn format_note(format: &str) -> String {
    let meaning = match format {
        "date-time" => " (an RFC 3339 date-time string)",
        "date" => " (a YYYY-MM-DD string)",
        "uuid" => " (a UUID string)",
        "byte" => " (base64-encoded bytes)",
        "int64" | "uint64" => " (a JSON number: precision is lost beyond 2^53)",
        _ => "",
    };
    format!("Format: {}{meaning}.", format.replace("*/", "*\\/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_terminators_are_escaped_and_blank_edges_dropped() {
        assert_eq!(text_lines("\nends */ here\n\nnext  \n\n"), vec!["ends *\\/ here", "", "next"]);
    }
}
