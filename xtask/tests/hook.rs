//! The pre-commit hook, end to end: in a scratch copy of this repository, a commit with a stale
//! generated file is refused; after `cargo xtask codegen` it goes through.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the command runs")
}

/// Builds cargo runs in the scratch repo into their own cache, shared between runs of this
/// test and kept apart from the main build; the hook's `cargo xtask` inherits it.
fn target_dir() -> PathBuf {
    root().join("target/hook-test")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    run(Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com"))
}

/// Copies the files git knows of (tracked and untracked-but-not-ignored) into `to`.
fn copy_repo(to: &Path) {
    let listed = git(&root(), &["ls-files", "--cached", "--others", "--exclude-standard", "-z"]);
    for name in listed.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        let from = root().join(&name);
        if !from.is_file() {
            continue;
        }
        let target = to.join(&name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&from, &target).unwrap();
    }
}

#[test]
fn the_hook_refuses_a_stale_commit_until_regenerated() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    copy_repo(dir);
    let cargo = |args: &[&str]| run(Command::new(env!("CARGO")).args(args).current_dir(dir).env("CARGO_TARGET_DIR", target_dir()));

    assert!(git(dir, &["init", "-q"]).status.success());
    let installed = cargo(&["xtask", "install-hook"]);
    assert!(installed.status.success(), "{}", String::from_utf8_lossy(&installed.stderr));
    git(dir, &["add", "-A"]);
    let first = git(dir, &["commit", "-qm", "fresh"]);
    assert!(first.status.success(), "a fresh tree commits: {}{}", String::from_utf8_lossy(&first.stdout), String::from_utf8_lossy(&first.stderr));

    let spec = dir.join("specs/workspace-builds.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    let edited = text.replacen("      - INSUFFICIENT_QUOTA\n    x-enum-varnames:\n", "      - INSUFFICIENT_QUOTA\n      - PROVIDER_TIMEOUT\n    x-enum-varnames:\n", 1);
    assert_ne!(text, edited, "the edit applies");
    std::fs::write(&spec, edited).unwrap();
    git(dir, &["add", "-A"]);
    let commit = || git(dir, &["commit", "-qm", "edit spec"]);
    let refused = commit();
    let said = format!("{}{}", String::from_utf8_lossy(&refused.stdout), String::from_utf8_lossy(&refused.stderr));
    assert!(!refused.status.success(), "a stale commit is refused");
    assert!(said.contains("stale") && said.contains("PROVIDER_TIMEOUT") && said.contains("cargo xtask codegen"), "{said}");

    let regenerated = cargo(&["xtask", "codegen"]);
    assert!(regenerated.status.success(), "{}", String::from_utf8_lossy(&regenerated.stderr));
    git(dir, &["add", "-A"]);
    let accepted = commit();
    assert!(accepted.status.success(), "{}", String::from_utf8_lossy(&accepted.stderr));
}
