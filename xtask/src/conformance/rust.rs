//! Rust conformance: models and client for both Coder specs (the client with Coder's default
//! error schema) and every corpus spec that loads, batched into one workspace
//! (`target/conformance/rust-batch`, outside ours) of `SHARDS` crates, each with one module per
//! spec that `include!`s that spec's `models.rs` and `client.rs`, type-checked in one
//! `cargo check` with `-Dwarnings`. Why shards and check: the corpus makes ~300k lines of serde
//! models; one crate is one single-threaded front-end run (5+ minutes), two crates use both
//! cores, and code generation adds nothing the check does not catch for plain data types.
//! Two small round-trip binaries are built and run, each decoding a WorkspaceBuild example,
//! encoding it back to an equal JSON value, and keeping an unknown `job.error_code`:
//! - our own spec's models (written from the seeds) with the seed's example. Not Coder's
//!   models: the seed sits between the two revisions (its `parent_id` is v1's
//!   `uuid.NullUUID` object, which v2 made a UUID string; it has fields v1 lacks);
//! - Coder v2's models with the example of the same revision: the one under "Get workspace
//!   build" in `golden/coder/builds.md`.

use super::{Loaded, all_specs, load, shared_dir, work_dir};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;

/// Crates the specs are spread over (balanced by generated size): one per core.
const SHARDS: usize = 2;
/// The spec whose models round-trip the seed example.
const OUR_SPEC: &str = "specs/workspace-builds.yaml";
/// The Coder revision `golden/coder/builds.md` was made from.
const CODER_V2: &str = "specs/coder/swagger.v2-0062275c.json";
const ROUNDTRIP: &str = include_str!("rust/roundtrip.rs");
/// The error schema Coder documents nowhere but returns everywhere.
const DEFAULT_ERROR: &str = "codersdk.Response";

/// (module, spec name, models.rs, client.rs) of one generated spec.
type Module = (String, String, String, String);

/// What happened to one spec before the compiler.
enum Outcome {
    /// The loader (or the model check) rejected it, with this message: counted, not a failure.
    Rejected(String),
    /// `models.rs` and `client.rs`.
    Generated(String, String),
    /// The emitter returned an error or something panicked: a failure.
    Broken(String),
}

pub fn run(root: &Path) -> bool {
    let dir = work_dir(root).join("rust-batch");
    let _ = std::fs::remove_dir_all(&dir);
    let specs = all_specs(root);

    let (mut rejections, mut broken, mut modules) = (Vec::new(), Vec::new(), Vec::new());
    for (n, (name, path)) in specs.iter().enumerate() {
        match generate(name, path) {
            Outcome::Rejected(why) => rejections.push(why),
            Outcome::Broken(why) => broken.push(format!("{name}: {why}")),
            Outcome::Generated(models, client) => modules.push((format!("spec_{n:03}"), name.clone(), models, client)),
        }
    }
    let ours = specweave::load::load_file(&root.join(OUR_SPEC), OUR_SPEC).and_then(|api| specweave::emit::rust::models_rs(&api));
    let seed_models = match ours {
        Ok(models) => models,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    let Some(coder_models) = modules.iter().find(|(_, name, _, _)| name == CODER_V2).map(|(_, _, models, _)| models.clone()) else {
        eprintln!("error: no models were generated for {CODER_V2}");
        return false;
    };
    let round_trips = [
        RoundTrip { package: "roundtrip-seed", models: seed_models, example: seed_example(&shared_dir(root).join("seeds")), what: format!("seed example through {OUR_SPEC}'s models") },
        RoundTrip { package: "roundtrip-coder-v2", models: coder_models, example: golden_example(&shared_dir(root)), what: format!("golden example through {CODER_V2}'s models") },
    ];
    if let Err(e) = write_crate(root, &dir, &modules, &round_trips) {
        eprintln!("error: cannot write {}: {e}", dir.display());
        return false;
    }

    let build = cargo(root, &dir, &["check", "--quiet", "--workspace", "--exclude", "roundtrip-seed", "--exclude", "roundtrip-coder-v2"]);
    let compiled = match &build {
        Ok(_) => modules.len(),
        Err(stderr) => {
            for (module, name, _, _) in &modules {
                if stderr.contains(&format!("specs/{module}.rs")) || stderr.contains(&format!("specs/{module}_client.rs")) {
                    eprintln!("  does not compile: {name} ({module})");
                }
            }
            eprintln!("{}", stderr.lines().take(60).collect::<Vec<_>>().join("\n"));
            0
        }
    };
    let round_tripped: Vec<bool> = round_trips.iter().map(|r| build.is_ok() && round_trip(root, &dir, r)).collect();

    println!("rust conformance ({} specs):", specs.len());
    println!("  loaded     {:>4}", specs.len() - rejections.len());
    println!("  generated  {:>4}", modules.len());
    println!("  compiled   {:>4}  (models + client, cargo check, -Dwarnings{})", compiled, if build.is_ok() { "" } else { ": FAILED" });
    println!("  rejected   {:>4}  (by the loader)", rejections.len());
    println!("  broken     {:>4}  (emitter error or panic)", broken.len());
    for (r, ok) in round_trips.iter().zip(&round_tripped) {
        println!("  round trip of the {}: {}", r.what, if *ok { "ok" } else { "FAILED" });
    }
    for (reason, count) in top_reasons(&rejections, 5) {
        println!("    {count:>3} x {reason}");
    }
    for why in &broken {
        eprintln!("  emitter failed: {why}");
    }
    build.is_ok() && broken.is_empty() && round_tripped.iter().all(|ok| *ok)
}

/// One round-trip binary: a spec's models and the WorkspaceBuild example to put through them.
struct RoundTrip {
    package: &'static str,
    models: String,
    example: Option<String>,
    what: String,
}

fn generate(name: &str, path: &Path) -> Outcome {
    let api = match load(name, path) {
        Loaded::Api(api) => *api,
        Loaded::Rejected(why) => return Outcome::Rejected(why),
        Loaded::Panicked => return Outcome::Broken("the loader panicked".into()),
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        // Coder's specs get the default error schema codegen.toml gives ours; the corpus none.
        let default_error = name.starts_with("specs/coder/").then_some(DEFAULT_ERROR);
        match specweave::emit::rust::models_and_client(&api, default_error) {
            Ok((models, client)) => Outcome::Generated(models, client),
            Err(e) => Outcome::Broken(e.to_string()),
        }
    }));
    result.unwrap_or_else(|panic| {
        let message = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()));
        Outcome::Broken(format!("panic: {}", message.unwrap_or_default()))
    })
}

fn write_crate(root: &Path, dir: &Path, modules: &[Module], round_trips: &[RoundTrip]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("specs"))?;
    // Greedy balance: largest spec first, into the lightest shard.
    let mut order: Vec<&Module> = modules.iter().collect();
    order.sort_by_key(|(_, _, models, client)| std::cmp::Reverse(models.len() + client.len()));
    let mut shards = vec![(0usize, String::new()); SHARDS];
    for (module, name, models, client) in order {
        std::fs::write(dir.join(format!("specs/{module}.rs")), models)?;
        std::fs::write(dir.join(format!("specs/{module}_client.rs")), client)?;
        let shard = shards.iter_mut().min_by_key(|(size, _)| *size).expect("SHARDS > 0");
        shard.0 += models.len() + client.len();
        // The client reaches the models as `super::models`, as in the generated crate.
        shard.1.push_str(&format!(
            "/// {name}\npub mod {module} {{\n    pub mod models {{\n        include!(\"../../specs/{module}.rs\");\n    }}\n    pub mod client {{\n        include!(\"../../specs/{module}_client.rs\");\n    }}\n}}\n"
        ));
    }
    let mut members = Vec::new();
    for (i, (_, lib)) in shards.iter().enumerate() {
        members.push(format!("shard-{i}"));
        package(dir, &format!("shard-{i}"), lib)?;
    }
    for r in round_trips {
        members.push(r.package.into());
        std::fs::write(dir.join(format!("specs/{}.rs", r.package)), &r.models)?;
        package(dir, r.package, "")?;
        // The binary holds the models itself; the example uses only a few of the types.
        let main = format!("#[allow(dead_code)]\nmod models {{\n    include!(\"../../specs/{}.rs\");\n}}\n\n{ROUNDTRIP}", r.package);
        std::fs::write(dir.join(r.package).join("src/main.rs"), main)?;
    }
    let members = members.iter().map(|m| format!("{m:?}")).collect::<Vec<_>>().join(", ");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{members}]\n\n[profile.dev]\ndebug = false\n"),
    )?;
    // Same dependency versions as our workspace, and no registry round trip.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    Ok(())
}

/// A models crate `name` under `dir` with this `lib.rs`, its manifest the emitter's own.
fn package(dir: &Path, name: &str, lib: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join(name).join("src"))?;
    std::fs::write(dir.join(name).join("Cargo.toml"), specweave::emit::rust::krate_manifest("conformance batch", name))?;
    std::fs::write(dir.join(name).join("src/lib.rs"), lib)
}

/// Runs cargo on the batch crate; `Err(stderr)` when it fails.
fn cargo(root: &Path, dir: &Path, args: &[&str]) -> Result<(), String> {
    let output = Command::new(env!("CARGO"))
        .arg(args[0])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(&args[1..])
        .env("CARGO_TARGET_DIR", work_dir(root).join("target"))
        .env("RUSTFLAGS", "-Dwarnings")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&output.stderr).into_owned()) }
}

/// Runs one round-trip binary on its example.
fn round_trip(root: &Path, dir: &Path, r: &RoundTrip) -> bool {
    let Some(example) = &r.example else {
        eprintln!("error: no WorkspaceBuild example under \"Get workspace build\" for the {}", r.what);
        return false;
    };
    let path = dir.join(format!("{}.json", r.package));
    if std::fs::write(&path, example).is_err() {
        return false;
    }
    let path = path.display().to_string();
    match cargo(root, dir, &["run", "--quiet", "-p", r.package, "--", &path]) {
        Ok(()) => true,
        Err(stderr) => {
            eprintln!("{stderr}");
            false
        }
    }
}

/// The WorkspaceBuild example of the seed `000_*` (rendered text).
pub fn seed_example(seeds: &Path) -> Option<String> {
    let seed = std::fs::read_dir(seeds).ok()?.filter_map(|e| e.ok()).map(|e| e.path()).find(|p| {
        p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("000_"))
    })?;
    workspace_build_example(&std::fs::read_to_string(seed).ok()?)
}

/// The WorkspaceBuild example of Coder's `builds.md` for v2 (Markdown).
fn golden_example(shared: &Path) -> Option<String> {
    workspace_build_example(&std::fs::read_to_string(shared.join("golden/coder/builds.md")).ok()?)
}

/// The first JSON block (a `{` line to the next `}` line) after the "Get workspace build"
/// operation's "200 Response", in rendered text or Markdown alike.
fn workspace_build_example(text: &str) -> Option<String> {
    let rest = &text[text.find("GET /api/v2/workspacebuilds/{workspacebuild}")?..];
    let rest = &rest[rest.find("200 Response")?..];
    let start = rest.find("\n{\n")? + 1;
    let end = start + rest[start..].find("\n}\n")? + 2;
    Some(rest[start..end].to_owned())
}

/// The most frequent rejection messages, quoted names blanked so that like groups with like.
fn top_reasons(messages: &[String], n: usize) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for message in messages {
        let generic: String = message.split('"').enumerate().map(|(i, part)| if i % 2 == 1 { "…" } else { part }).collect::<Vec<_>>().join("\"");
        *counts.entry(generic).or_default() += 1;
    }
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.truncate(n);
    counts
}
