//! The crate around the models: `Cargo.toml` and `src/lib.rs`.

use crate::output::header_text;

/// A standalone manifest (no `workspace = true` keys), so the crate builds wherever it is
/// copied. Dependency choices:
/// - `uuid` (with `serde`): the de-facto standard UUID type, a string on the wire.
/// - `chrono` (with `serde`, without default features: no clock or time-zone database is
///   needed to parse and print RFC 3339): `DateTime<Utc>` normalises any offset to UTC and
///   `NaiveDate` carries `format: date`; it is what most HTTP/serde ecosystems (sqlx, reqwest
///   users, progenitor) speak.
/// - `reqwest` for the client, without default features: no TLS backend is compiled in (the
///   build stays light and needs no system libraries or crypto); an application that talks
///   HTTPS enables one for the whole build with its own `reqwest = { features = ["rustls"] }`
///   (features unify) or passes its own `reqwest::Client` to `Client::with_client`. `json`,
///   `multipart`, `form` and `query` are the request kinds specs describe. No async runtime
///   is named here: reqwest's futures run on the caller's tokio.
/// - `bytes` is reqwest's body type, which binary responses are returned as.
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
bytes = "1"
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
reqwest = {{ version = "0.13", default-features = false, features = ["form", "json", "multipart", "query"] }}
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
        "// {header}\n\n//! Models and a client for {title}: `models` has one type per schema of `{source}`, with serde\n//! impls; `client` one async method per operation.\n\npub mod client;\npub mod models;\n",
        header = header_text(source),
    )
}
