//! The `specweave` binary as a user meets it: exit codes, error messages that name the file
//! and the place, nothing written on bad input, drift detection and determinism.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn specweave(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_specweave")).args(args).current_dir(cwd).output().expect("the binary runs")
}

mod common;
use common::repo;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `generate` on a spec text and expects a clean failure: exit 2, an error naming the
/// file and `location`, and no output directory.
fn expect_rejected(file_name: &str, spec: &str, location: &str, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(file_name), spec).unwrap();
    let out = specweave(&["generate", "--spec", file_name, "--out", "out"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("{file_name}{location}")), "names the file and place {location:?}: {err}");
    assert!(err.contains(message), "says {message:?}: {err}");
    assert!(!dir.path().join("out").exists(), "nothing may be written on bad input");
}

#[test]
fn malformed_json_names_line_and_column() {
    expect_rejected("bad.json", "{\n  \"swagger\": \"2.0\",\n  \"paths\": {,}\n}", ":line 3 column", "invalid JSON");
}

#[test]
fn malformed_yaml_is_rejected() {
    expect_rejected("bad.yaml", "swagger: '2.0'\npaths: [unclosed\n", ": ", "invalid YAML");
}

#[test]
fn dangling_ref_names_its_pointer() {
    let spec = r##"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "definitions": {"A": {"type": "object", "properties": {"b": {"$ref": "#/definitions/Missing"}}}}}"##;
    expect_rejected("dangling.json", spec, "#/definitions/A/properties/b", "dangling $ref \"#/definitions/Missing\"");
}

#[test]
fn unsupported_versions_are_named() {
    expect_rejected("old.yaml", "swagger: '1.2'\ninfo: {title: t, version: '1'}\npaths: {}\n", "#/swagger", "unsupported Swagger version");
    expect_rejected("none.yaml", "info: {title: t, version: '1'}\npaths: {}\n", ": ", "neither `swagger` nor `openapi`");
}

#[test]
fn undeclared_path_parameter_cannot_be_represented() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /things/{id}:\n    get:\n      responses:\n        '200': {description: ok}\n";
    expect_rejected("undeclared.yaml", spec, "#/paths/~1things~1{id}/get", "path parameter {id} is not declared");
}

#[test]
fn invalid_structure_names_the_offending_field() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, required: maybe, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n";
    expect_rejected("typed.yaml", spec, "#/paths/~1a/get/parameters/0", "invalid document");
}

/// `paths` and `components/schemas` are parsed entry by entry, the rest of the document at
/// once: a wrong shape is named wherever it is.
#[test]
fn invalid_structure_is_named_in_schemas_in_paths_and_in_the_rest() {
    let head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";
    let schema = format!("{head}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{b: {{type: string, nullable: perhaps}}}}}}\n");
    expect_rejected("schema.yaml", &schema, "#/components/schemas/A", "expected a boolean");
    expect_rejected("paths.yaml", &format!("{head}paths: [1]\n"), "#/paths", "invalid document");
    expect_rejected("schemas.yaml", &format!("{head}paths: {{}}\ncomponents: {{schemas: 3}}\n"), "#/components/schemas", "expected a map");
    expect_rejected("info.yaml", "openapi: 3.0.3\ninfo: {title: 5, version: '1'}\npaths: {}\n", "#/info/title", "expected a string");
}

#[test]
fn a_config_naming_a_missing_spec_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("codegen.toml"), "spec = \"specs/nope.yaml\"\n[rust]\nout = \"gen\"\ncrate_name = \"x\"\n").unwrap();
    let out = specweave(&["codegen", "--config", "codegen.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("codegen.toml") && stderr(&out).contains("specs/nope.yaml"), "{}", stderr(&out));
    std::fs::write(dir.path().join("codegen.toml"), "spec = \"x.yaml\"\n[rust]\nout = \"gen\"\ncrate_nam = \"x\"\n").unwrap();
    let out = specweave(&["codegen", "--config", "codegen.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("codegen.toml:line 4"), "{}", stderr(&out));
}

/// A copy of the repo's codegen inputs and outputs, to edit without touching the repo.
fn copy_of_repo_codegen() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = repo();
    std::fs::copy(root.join("codegen.toml"), dir.path().join("codegen.toml")).unwrap();
    for sub in ["specs", "generated"] {
        copy_tree(&root.join(sub), &dir.path().join(sub));
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == "node_modules" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

/// The spec with a third `codersdk.JobErrorCode` value.
fn add_job_error_code(spec: &str) -> String {
    let edited = spec.replacen(
        "      - INSUFFICIENT_QUOTA\n    x-enum-varnames:\n      - RequiredTemplateVariables\n      - InsufficientQuota\n",
        "      - INSUFFICIENT_QUOTA\n      - PROVIDER_TIMEOUT\n    x-enum-varnames:\n      - RequiredTemplateVariables\n      - InsufficientQuota\n      - ProviderTimeout\n",
        1,
    );
    assert_ne!(spec, edited, "the edit applies");
    edited
}

#[test]
fn editing_the_spec_without_regenerating_fails_the_check_until_regenerated() {
    let dir = copy_of_repo_codegen();
    let check = || specweave(&["codegen", "--check"], dir.path());
    let fresh = check();
    assert_eq!(fresh.status.code(), Some(0), "the checked-in output is fresh: {}{}", String::from_utf8_lossy(&fresh.stdout), stderr(&fresh));

    let spec_path = dir.path().join("specs/workspace-builds.yaml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let edited = add_job_error_code(&spec);
    std::fs::write(&spec_path, edited).unwrap();

    let stale = check();
    let stdout = String::from_utf8_lossy(&stale.stdout);
    assert_eq!(stale.status.code(), Some(1), "{stdout}");
    // A new error code reaches every artifact at once, as INSUFFICIENT_QUOTA did in Coder.
    for artifact in ["generated/rust/src/models.rs", "generated/ts/api.ts", "generated/docs/schemas.md"] {
        assert!(stdout.contains(&format!("stale {artifact}")), "{artifact} is stale: {stdout}");
    }
    assert!(stdout.lines().any(|l| l.starts_with('+') && l.contains("PROVIDER_TIMEOUT")), "prints a diff: {stdout}");
    assert!(stderr(&stale).contains("cargo xtask codegen") || stderr(&stale).contains("specweave codegen"), "names the fix: {}", stderr(&stale));

    let regenerate = specweave(&["codegen"], dir.path());
    assert_eq!(regenerate.status.code(), Some(0), "{}", stderr(&regenerate));
    assert_eq!(check().status.code(), Some(0));
}

#[test]
fn an_extra_file_in_an_output_directory_is_drift() {
    let dir = copy_of_repo_codegen();
    std::fs::write(dir.path().join("generated/rust/src/left_over.rs"), "// from a renamed schema\n").unwrap();
    let out = specweave(&["codegen", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("extra generated/rust/src/left_over.rs"));
}

#[test]
fn generating_twice_gives_byte_identical_trees() {
    let dir = tempfile::tempdir().unwrap();
    let spec = repo().join("specs/workspace-builds.yaml");
    let spec = spec.to_str().unwrap();
    for out in ["one", "two"] {
        let run = specweave(&["generate", "--spec", spec, "--out", out], dir.path());
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let one = read_tree(&dir.path().join("one"));
    let two = read_tree(&dir.path().join("two"));
    assert!(!one.is_empty());
    assert_eq!(one, two);
    let again = specweave(&["generate", "--spec", spec, "--out", "one", "--check"], dir.path());
    assert_eq!(again.status.code(), Some(0));
}

/// The Rust units are printed on as many threads as there are cores, and put back in order:
/// one thread or several, the files are the same. Coder's spec has units enough (hundreds of
/// model items, dozens of tags) for the threads to interleave.
#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let spec = repo().join("../shared/specs/coder/swagger.v2-0062275c.json");
    let spec = spec.to_str().unwrap();
    for (out, threads) in [("one", "1"), ("three", "3")] {
        let run = Command::new(env!("CARGO_BIN_EXE_specweave"))
            .args(["generate", "--spec", spec, "--out", out])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .output()
            .expect("the binary runs");
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let one = read_tree(&dir.path().join("one"));
    assert!(one.len() > 10, "Coder's spec gives many files");
    assert_eq!(one, read_tree(&dir.path().join("three")));
}

fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}
