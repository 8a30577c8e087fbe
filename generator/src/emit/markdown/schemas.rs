//! The view of the schemas page: per named schema, its example, properties and enumerated
//! values.

use super::rows::{self, Mode};
use super::sample;
use super::table;
use crate::model::{Api, Schema};

/// One section of the page (`templates/markdown/schema.md`).
#[derive(askama::Template)]
#[template(path = "markdown/schema.md", escape = "none")]
pub struct SchemaView {
    pub name: String,
    pub example: String,
    pub properties: Option<String>,
    pub enums: Option<String>,
}

pub fn build(api: &Api, name: &str, schema: &Schema) -> SchemaView {
    let example = sample::sample(api, schema, None);
    let flat = rows::flatten(api, schema, Mode::Schemas);
    // A schema that is itself a scalar (an enum) shows only its values, in one column.
    let anonymous = flat.rows.first().is_some_and(|r| r.name == "`*anonymous*`");
    let properties = (!flat.rows.is_empty() && !anonymous).then(|| {
        let cells: Vec<Vec<String>> = flat.rows.iter().map(rows::Row::cells).collect();
        trimmed(table::render(&["Name", "Type", "Required", "Restrictions", "Description"], &cells))
    });
    let enums = (!flat.enums.is_empty()).then(|| {
        let grouped = rows::group_enums(&flat.enums);
        if anonymous {
            let values: Vec<Vec<String>> = grouped.into_iter().map(|mut row| vec![row.remove(1)]).collect();
            trimmed(table::render(&["Value(s)"], &values))
        } else {
            trimmed(table::render(&["Property", "Value(s)"], &grouped))
        }
    });
    SchemaView {
        name: name.to_owned(),
        example: example.map(|v| sample::to_pretty_json(&v)).unwrap_or_else(|| "null".into()),
        properties,
        enums,
    }
}

fn trimmed(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    text
}
