//! The Rust models emitter: the checked-in crate is what the emitter makes of our spec, output
//! is deterministic, the generated models round-trip the seed's WorkspaceBuild example (also
//! with an error code this client does not know), and tricky names and recursion come out right.

use serde_json::Value;
use specweave::emit::rust::models_rs;
use specweave::generate::Job;
use specweave::output::GeneratedFile;
use workspace_builds_api::models::{JobErrorCode, WorkspaceBuild};

mod common;
use common::{repo, seed_workspace_build_example};

fn rust_files() -> Vec<GeneratedFile> {
    let job = Job::from_config(&repo().join("codegen.toml"), "codegen.toml").expect("codegen.toml loads");
    let out = job.rust.clone().expect("codegen.toml has [rust]").out;
    job.generate().expect("our spec generates").into_iter().filter(|f| f.path.starts_with(&out)).collect()
}

#[test]
fn checked_in_crate_is_what_the_emitter_makes() {
    let files = rust_files();
    let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(paths, ["generated/rust/Cargo.toml", "generated/rust/src/lib.rs", "generated/rust/src/models.rs", "generated/rust/src/client.rs"]);
    for file in files {
        let on_disk = std::fs::read_to_string(repo().join(&file.path)).expect("generated file exists");
        assert!(on_disk == file.contents, "{} is stale: run `cargo xtask codegen`", file.path.display());
    }
}

#[test]
fn generating_twice_is_byte_identical() {
    assert_eq!(rust_files(), rust_files());
}

/// JSON equality where numbers compare by value (`0` equals `0.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

/// Decodes as a WorkspaceBuild, re-encodes (through text, as a client would) and compares.
fn round_trip(json: &Value) -> WorkspaceBuild {
    let build: WorkspaceBuild = serde_json::from_str(&json.to_string()).expect("example decodes");
    let back: Value = serde_json::from_str(&serde_json::to_string(&build).expect("encodes")).expect("JSON");
    assert!(same(json, &back), "re-encoded JSON differs:\n{back:#}\noriginal:\n{json:#}");
    build
}

#[test]
fn seed_example_round_trips() {
    let build = round_trip(&seed_workspace_build_example());
    let code = build.job.and_then(|job| job.error_code).expect("example has an error_code");
    assert_eq!(code, JobErrorCode::RequiredTemplateVariables);
    assert!(!code.is_insufficient_quota());
}

#[test]
fn unknown_error_code_is_kept() {
    let mut json = seed_workspace_build_example();
    json["job"]["error_code"] = Value::from("SOMETHING_NEW");
    let build = round_trip(&json);
    let code = build.job.and_then(|job| job.error_code).expect("error_code decoded");
    assert_eq!(code, JobErrorCode::Unknown("SOMETHING_NEW".into()));
    assert_eq!(code.as_str(), "SOMETHING_NEW");
}

#[test]
fn insufficient_quota_has_its_predicate() {
    let mut json = seed_workspace_build_example();
    json["job"]["error_code"] = Value::from("INSUFFICIENT_QUOTA");
    let code = round_trip(&json).job.and_then(|job| job.error_code).expect("error_code decoded");
    assert!(code.is_insufficient_quota());
    assert_eq!(code.to_string(), "INSUFFICIENT_QUOTA");
    assert_eq!("INSUFFICIENT_QUOTA".parse::<JobErrorCode>(), Ok(JobErrorCode::InsufficientQuota));
}

#[test]
fn parsing_and_from_string_share_one_mapping() {
    for wire in ["INSUFFICIENT_QUOTA", "REQUIRED_TEMPLATE_VARIABLES", "SOMETHING_NEW", ""] {
        let from = JobErrorCode::from(wire.to_owned());
        assert_eq!(wire.parse::<JobErrorCode>(), Ok(from.clone()));
        assert_eq!(from.as_str(), wire);
    }
    assert_eq!(JobErrorCode::from("SOMETHING_NEW".to_owned()), JobErrorCode::Unknown("SOMETHING_NEW".into()));
}

/// The models of a small Swagger 2.0 document given as JSON.
fn models(definitions: Value) -> String {
    let doc = serde_json::json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "definitions": definitions});
    let api = specweave::load::load_value(doc, "test.json").expect("test spec loads");
    models_rs(&api).expect("models emit")
}

#[test]
fn tricky_field_names_are_escaped_and_renamed() {
    let out = models(serde_json::json!({"Thing": {"type": "object", "properties": {
        "type": {"type": "string"}, "2fa_enabled": {"type": "boolean"}, "@timestamp": {"type": "string"},
        "fooBar": {"type": "integer"}, "foo_bar": {"type": "integer"}, "self": {"type": "string"}
    }}}));
    assert!(out.contains("pub r#type: Option<String>"), "{out}");
    assert!(out.contains("#[serde(rename = \"2fa_enabled\"")
        && out.contains("pub _2fa_enabled: Option<bool>"), "{out}");
    assert!(out.contains("#[serde(rename = \"@timestamp\")]") && out.contains("pub timestamp:"), "{out}");
    assert!(out.contains("#[serde(rename = \"fooBar\")]") && out.contains("pub foo_bar: Option<i64>"), "{out}");
    assert!(out.contains("#[serde(rename = \"foo_bar\")]") && out.contains("pub foo_bar2: Option<i64>"), "{out}");
    assert!(out.contains("#[serde(rename = \"self\")]") && out.contains("pub self_: Option<String>"), "{out}");
    // A raw identifier's wire name is the identifier itself: no rename needed.
    assert!(!out.contains("rename = \"type\""), "{out}");
}

#[test]
fn package_clashes_keep_the_package() {
    let out = models(serde_json::json!({
        "codersdk.Response": {"type": "object", "properties": {"message": {"type": "string"}}},
        "wsproxysdk.Response": {"type": "object", "properties": {"err": {"type": "string"}}},
        "codersdk.Uses": {"type": "object", "properties": {"r": {"$ref": "#/definitions/wsproxysdk.Response"}}}
    }));
    assert!(out.contains("pub struct CodersdkResponse {"), "{out}");
    assert!(out.contains("pub struct WsproxysdkResponse {"), "{out}");
    assert!(out.contains("pub r: Option<WsproxysdkResponse>"), "{out}");
}

#[test]
fn recursion_is_boxed_only_where_needed() {
    let out = models(serde_json::json!({
        "Node": {"type": "object", "required": ["next"], "properties": {
            "next": {"$ref": "#/definitions/Node"},
            "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
            "owner": {"$ref": "#/definitions/Owner"}
        }},
        "Owner": {"type": "object", "properties": {"home": {"$ref": "#/definitions/Node"}}},
        "Leaf": {"type": "object", "properties": {"owner": {"$ref": "#/definitions/Owner"}}}
    }));
    assert!(out.contains("pub next: Box<Node>"), "{out}");
    assert!(out.contains("pub children: Option<Vec<Node>>"), "{out}");
    assert!(out.contains("pub owner: Option<Box<Owner>>"), "{out}");
    assert!(out.contains("pub home: Option<Box<Node>>"), "{out}");
    // Leaf is not on the cycle: it holds Owner by value.
    assert!(out.contains("pub struct Leaf {\n    #[serde(default, skip_serializing_if = \"Option::is_none\")]\n    pub owner: Option<Owner>"), "{out}");
}

#[test]
fn inline_schemas_become_named_types() {
    let out = models(serde_json::json!({
        "Build": {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["", "ok"]},
            "meta": {"type": "object", "properties": {"k": {"type": "string"}}, "additionalProperties": {"type": "integer"}},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}}
        }},
        "BuildStatus": {"type": "string"}
    }));
    // The name the inline enum would get is taken by a schema: it gets a suffix.
    assert!(out.contains("pub status: Option<BuildStatus2>") && out.contains("pub enum BuildStatus2 {"), "{out}");
    assert!(out.contains("Self::Empty => \"\""), "{out}");
    assert!(out.contains("pub meta: Option<BuildMeta>") && out.contains("#[serde(flatten)]\n    pub extra: std::collections::BTreeMap<String, i64>"), "{out}");
    assert!(out.contains("pub labels: Option<std::collections::BTreeMap<String, String>>"), "{out}");
}

#[test]
fn unions_are_tagged_only_when_serde_can_keep_the_tag() {
    let doc = serde_json::json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": {
        "Cat": {"type": "object", "properties": {"lives": {"type": "integer", "format": "int32"}}},
        "Dog": {"type": "object", "properties": {"kind": {"type": "string"}, "bark": {"type": "boolean"}}},
        "Tagged": {"oneOf": [{"$ref": "#/components/schemas/Cat"}], "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat"}}},
        // Dog declares the tag itself, which serde's tagged enums would swallow: untagged.
        "Loose": {"oneOf": [{"$ref": "#/components/schemas/Dog"}, {"type": "string"}, {}], "discriminator": {"propertyName": "kind"}}
    }}});
    let out = models_rs(&specweave::load::load_value(doc, "test.json").expect("loads")).expect("emits");
    assert!(out.contains("#[serde(tag = \"kind\")]\npub enum Tagged {\n    #[serde(rename = \"cat\")]\n    Cat(Cat),"), "{out}");
    assert!(out.contains("#[serde(untagged)]\npub enum Loose {\n    Dog(Dog),\n    String(String),\n    Value(serde_json::Value),"), "{out}");
}
