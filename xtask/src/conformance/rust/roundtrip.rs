// The round-trip check the Rust conformance harness builds beside its batch. The harness puts
// a `mod models` (one spec's generated models) above this text. Usage: roundtrip EXAMPLE.json

use models::{JobErrorCode, WorkspaceBuild};
use serde_json::Value;

fn main() -> std::process::ExitCode {
    let path = std::env::args().nth(1).unwrap_or_default();
    match check(&path) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("round trip of {path}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn check(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let original: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    round_trip(&original)?;

    let mut newer = original.clone();
    newer["job"]["error_code"] = Value::from("SOMETHING_NEW");
    let build = round_trip(&newer)?;
    let code = build.job.and_then(|job| job.error_code);
    if code != Some(JobErrorCode::Unknown("SOMETHING_NEW".into())) {
        return Err(format!("unknown error_code decoded as {code:?}"));
    }
    Ok(())
}

/// Decodes `json` as a WorkspaceBuild and checks that encoding it gives the same JSON.
fn round_trip(json: &Value) -> Result<WorkspaceBuild, String> {
    let build: WorkspaceBuild = serde_json::from_str(&json.to_string()).map_err(|e| format!("decode: {e}"))?;
    let encoded = serde_json::to_string(&build).map_err(|e| format!("encode: {e}"))?;
    let back: Value = serde_json::from_str(&encoded).map_err(|e| e.to_string())?;
    if !same(json, &back) {
        return Err(format!("re-encoded JSON differs:\n{back:#}"));
    }
    Ok(build)
}

/// JSON equality where numbers compare by value (`0` equals `0.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
