//! The test tools the project pins (tools/npm/package.json + package-lock.json), installed
//! with `npm ci` into tools/npm/node_modules. Tests that need a tool find it there and fail
//! when it is missing.

use std::path::Path;
use std::process::Command;

/// Installs the test tools (tools/npm).
pub fn install(root: &Path) -> bool {
    install_in(&root.join("tools/npm"))
}

/// Runs `npm ci` in `dir` unless its node_modules is already in step with the lockfile.
pub fn install_in(dir: &Path) -> bool {
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    // npm writes node_modules/.package-lock.json on install: same contents = same tree.
    let in_step = match (std::fs::read(&lock), std::fs::read(&installed)) {
        (Ok(a), Ok(b)) => same_packages(&a, &b),
        _ => false,
    };
    if in_step {
        return true;
    }
    eprintln!("installing pinned tools: npm ci in {}", dir.display());
    match Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(dir).status() {
        Ok(status) if status.success() => true,
        Ok(status) => {
            eprintln!("error: npm ci failed ({status})");
            false
        }
        Err(e) => {
            eprintln!("error: cannot run npm (needed for the TypeScript compiler and the mock server): {e}");
            false
        }
    }
}

/// Compares the `packages` of two lockfiles, ignoring the root entry npm leaves out of the
/// hidden one.
fn same_packages(lock: &[u8], installed: &[u8]) -> bool {
    let parse = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).ok();
    match (parse(lock), parse(installed)) {
        (Some(mut a), Some(b)) => {
            if let Some(p) = a.get_mut("packages").and_then(|p| p.as_object_mut()) {
                p.remove("");
            }
            a.get("packages") == b.get("packages")
        }
        _ => false,
    }
}
