//! The TypeScript emitter, end to end: the checked-in output is fresh and deterministic, and
//! the pinned `tsc --strict` accepts it together with the usage test (tests/ts/usage.ts), the
//! seed's WorkspaceBuild example and the OpenAPI 3.0 feature spec's output.

use serde_json::Value;
use specweave::emit::typescript::{self, TypeScriptOptions};
use specweave::generate::Job;
use specweave::model::{Api, EnumValue, SchemaKind};
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{repo as root, seed_workspace_build_example};

fn load(relative: &str) -> Api {
    specweave::load::load_file(&root().join(relative), relative).expect("the spec loads")
}

fn emit(api: &Api) -> String {
    let options = TypeScriptOptions { out: "ts".into() };
    let mut files = typescript::emit(api, &options).expect("the emitter succeeds");
    assert_eq!(files.len(), 1, "one file");
    assert_eq!(files[0].path, Path::new("api.ts"));
    files.remove(0).contents
}

/// A fresh scratch directory under target/ for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/ts-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    dir
}

/// Runs the pinned tsc on a project; returns whether it passed and what it printed.
fn tsc(project: &Path) -> (bool, String) {
    let tsc = root().join("tools/npm/node_modules/.bin/tsc");
    assert!(tsc.is_file(), "the pinned TypeScript compiler is missing at {}: run `cargo xtask install-tools`", tsc.display());
    let output = Command::new(&tsc).arg("-p").arg(project).output().expect("tsc runs (is node installed?)");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// A tsconfig that extends tests/ts/tsconfig.json with other files (and optionally another
/// generated api.ts behind `@generated/api`).
fn write_tsconfig(dir: &Path, files: &[PathBuf], api: Option<&Path>) -> PathBuf {
    let mut config = serde_json::json!({
        "extends": root().join("tests/ts/tsconfig.json"),
        "files": files,
    });
    if let Some(api) = api {
        let mut options = serde_json::Map::new();
        options.insert("paths".into(), serde_json::json!({ "@generated/api": [api] }));
        config["compilerOptions"] = Value::Object(options);
    }
    let path = dir.join("tsconfig.json");
    std::fs::write(&path, serde_json::to_string_pretty(&config).expect("json")).expect("write tsconfig");
    path
}

#[test]
fn checked_in_types_are_fresh() {
    let mut job = Job::from_config(&root().join("codegen.toml"), "codegen.toml").expect("codegen.toml is valid");
    job.rust = None;
    job.markdown = None;
    let files = job.generate().expect("the default spec generates");
    let path = job.typescript.as_ref().expect("codegen.toml configures TypeScript").out.join("api.ts");
    let generated = files.iter().find(|f| f.path == path).expect("api.ts is generated");
    let on_disk = std::fs::read_to_string(root().join(&path)).unwrap_or_default();
    if on_disk != generated.contents {
        let diff = specweave::write::unified_diff(&path.to_string_lossy(), &on_disk, &generated.contents);
        panic!("{} is stale: run `cargo xtask codegen`\n{diff}", path.display());
    }
    assert!(on_disk.starts_with(&format!("// {}\n", specweave::output::header_text("specs/workspace-builds.yaml"))));
}

#[test]
fn generating_twice_is_byte_identical() {
    for spec in ["specs/workspace-builds.yaml", "specs/features.openapi3.yaml"] {
        assert_eq!(emit(&load(spec)), emit(&load(spec)), "{spec}");
    }
}

#[test]
fn tsc_accepts_the_types_the_usage_test_and_the_seed_example() {
    let dir = scratch("accept");
    let example = serde_json::to_string_pretty(&seed_workspace_build_example()).expect("json");
    let seed_file = dir.join("seed_example.ts");
    let seed_ts = format!(
        "// The WorkspaceBuild example of ../shared/seeds/000_e5143123261f6660.txt, typed.\n\
         import type {{ WorkspaceBuild }} from \"@generated/api\";\n\n\
         export const seedExample: WorkspaceBuild = {example};\n"
    );
    std::fs::write(&seed_file, seed_ts).expect("write the seed example");
    let features = dir.join("features/api.ts");
    std::fs::create_dir_all(features.parent().expect("a parent")).expect("mkdir");
    std::fs::write(&features, emit(&load("specs/features.openapi3.yaml"))).expect("write the feature spec's types");
    // The discriminated oneOf narrows on its tag: `credits` exists only on the "fixed" variant.
    let narrowing = dir.join("narrowing.ts");
    let narrowing_ts = "import type { QuotaPolicy } from \"./features/api\";\n\n\
         export function fixedCredits(policy: QuotaPolicy): number | undefined {\n\
         \x20 return policy.kind === \"fixed\" ? policy.credits : undefined;\n}\n";
    std::fs::write(&narrowing, narrowing_ts).expect("write the narrowing check");
    let config = write_tsconfig(&dir, &[root().join("tests/ts/usage.ts"), seed_file, features, narrowing], None);
    let (ok, output) = tsc(&config);
    assert!(ok, "tsc --strict rejected the generated types or their usage:\n{output}");
}

#[test]
fn usage_test_stops_compiling_when_job_error_code_gains_a_value() {
    let mut api = load("specs/workspace-builds.yaml");
    match &mut api.schemas["codersdk.JobErrorCode"].kind {
        SchemaKind::Enum { values, .. } => {
            values.push(EnumValue { value: Value::from("PROVISIONER_LOST"), var_name: None, description: None })
        }
        other => panic!("JobErrorCode is an enum, not {other:?}"),
    }
    let dir = scratch("missing-case");
    let api_file = dir.join("api.ts");
    std::fs::write(&api_file, emit(&api)).expect("write the changed types");
    let config = write_tsconfig(&dir, &[root().join("tests/ts/usage.ts")], Some(&api_file));
    let (ok, output) = tsc(&config);
    assert!(!ok, "usage.ts must not compile when a JobErrorCode value has no case");
    assert!(
        output.contains("usage.ts") && output.contains("\"PROVISIONER_LOST\"") && output.contains("'never'"),
        "the failure must be the exhaustive switch:\n{output}"
    );
}

/// The `JobErrorCode` union and the `JobErrorCodes` list, as their literal members.
fn job_error_codes(ts: &str) -> (Vec<String>, Vec<String>) {
    let union = ts
        .lines()
        .find_map(|l| l.strip_prefix("export type JobErrorCode = "))
        .expect("the JobErrorCode type")
        .trim_end_matches(';')
        .split(" | ")
        .map(str::to_owned)
        .collect();
    let start = ts.find("export const JobErrorCodes: JobErrorCode[] = [").expect("the JobErrorCodes list");
    let list = ts[start..]
        .lines()
        .skip(1)
        .take_while(|l| *l != "];")
        .map(|l| l.trim().trim_end_matches(',').to_owned())
        .collect();
    (union, list)
}

#[test]
fn coder_v1_to_v2_changes_job_error_code_and_its_list_together() {
    let v1 = emit(&load("../shared/specs/coder/swagger.v1-00072fa4.json"));
    let v2 = emit(&load("../shared/specs/coder/swagger.v2-0062275c.json"));
    let one = vec!["\"REQUIRED_TEMPLATE_VARIABLES\"".to_owned()];
    let both = vec!["\"INSUFFICIENT_QUOTA\"".to_owned(), "\"REQUIRED_TEMPLATE_VARIABLES\"".to_owned()];
    assert_eq!(job_error_codes(&v1), (one.clone(), one));
    assert_eq!(job_error_codes(&v2), (both.clone(), both));
}
