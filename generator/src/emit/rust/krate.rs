//! The crate around the models: `Cargo.toml` and `src/lib.rs`.

use crate::output::header_text;

/// A standalone manifest (no `workspace = true` keys), so the crate builds wherever it is
/// copied. Dependency choices:
/// - `uuid` (with `serde`): the de-facto standard UUID type, a string on the wire.
/// - `chrono` (with `serde`, without default features: no clock or time-zone database is
///   needed to parse and print RFC 3339): `DateTime<Utc>` normalises any offset to UTC and
///   `NaiveDate` carries `format: date`; it is what most HTTP/serde ecosystems (sqlx, reqwest
///   users, progenitor) speak.
pub fn cargo_toml(source: &str, crate_name: &str) -> String {
    format!(
        r#"# {header}
[package]
name = "{crate_name}"
version = "0.1.0"
edition = "2024"
publish = false

[lib]
# Descriptions from the spec become doc comments; they are not Rust examples.
doctest = false

[dependencies]
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
uuid = {{ version = "1", features = ["serde"] }}
"#,
        header = header_text(source),
    )
}

pub fn lib_rs(source: &str, title: &str) -> String {
    let title = title.lines().next().unwrap_or_default();
    format!(
        "// {header}\n\n//! Models for {title}: one type per schema of `{source}`, with serde impls.\n\npub mod models;\n",
        header = header_text(source),
    )
}
