//! What several integration tests share: where the repo is, and the seed's example.
// Each test crate uses its own subset.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The repository root (the generator crate is one level below it).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the generator is inside the repo").to_path_buf()
}

/// The WorkspaceBuild JSON example under "Get workspace build" -> "200 Response" in the seed
/// `../shared/seeds/000_*`.
pub fn seed_workspace_build_example() -> Value {
    let seeds = repo().join("../shared/seeds");
    let seed = std::fs::read_dir(&seeds)
        .expect("../shared/seeds exists")
        .map(|e| e.expect("readable dir").path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("000_")))
        .expect("seed 000_* exists");
    let text = std::fs::read_to_string(seed).expect("seed is text");
    let rest = &text[text.find("GET /api/v2/workspacebuilds/{workspacebuild}\n").expect("operation in seed")..];
    let rest = &rest[rest.find("200 Response").expect("example response")..];
    let json = &rest[rest.find('{').expect("the 200 response has a JSON example")..];
    // The example is followed by more prose: read exactly one JSON value.
    serde_json::Deserializer::from_str(json).into_iter::<Value>().next().expect("one value").expect("valid JSON")
}
