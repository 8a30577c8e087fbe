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

fn git(dir: &Path, args: &[&str]) -> Output {
    run(Command::new("git").args(args).current_dir(dir).env("GIT_AUTHOR_NAME", "t").env("GIT_AUTHOR_EMAIL", "t@example.com").env("GIT_COMMITTER_NAME", "t").env("GIT_COMMITTER_EMAIL", "t@example.com"))
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
    // Share a build cache between runs of this test, apart from the main one.
    let target = root().join("target/hook-test");
    let cargo = |args: &[&str]| run(Command::new(env!("CARGO")).args(args).current_dir(dir).env("CARGO_TARGET_DIR", &target));

    assert!(git(dir, &["init", "-q"]).status.success());
    let installed = cargo(&["xtask", "install-hook"]);
    assert!(installed.status.success(), "{}", String::from_utf8_lossy(&installed.stderr));
    // The hook runs `cargo xtask`, which must use the same build cache.
    let hook_env = [("CARGO_TARGET_DIR", target.to_str().unwrap())];

    git(dir, &["add", "-A"]);
    let first = run(Command::new("git").args(["commit", "-qm", "fresh"]).current_dir(dir).envs(hook_env).env("GIT_AUTHOR_NAME", "t").env("GIT_AUTHOR_EMAIL", "t@e").env("GIT_COMMITTER_NAME", "t").env("GIT_COMMITTER_EMAIL", "t@e"));
    assert!(first.status.success(), "a fresh tree commits: {}{}", String::from_utf8_lossy(&first.stdout), String::from_utf8_lossy(&first.stderr));

    let spec = dir.join("specs/workspace-builds.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, text.replacen("A build is one run of a provisioner job", "A build is one execution of a provisioner job", 1)).unwrap();
    git(dir, &["add", "-A"]);
    let commit = || run(Command::new("git").args(["commit", "-qm", "edit spec"]).current_dir(dir).envs(hook_env).env("GIT_AUTHOR_NAME", "t").env("GIT_AUTHOR_EMAIL", "t@e").env("GIT_COMMITTER_NAME", "t").env("GIT_COMMITTER_EMAIL", "t@e"));
    let refused = commit();
    let said = format!("{}{}", String::from_utf8_lossy(&refused.stdout), String::from_utf8_lossy(&refused.stderr));
    assert!(!refused.status.success(), "a stale commit is refused");
    assert!(said.contains("stale") && said.contains("execution") && said.contains("cargo xtask codegen"), "{said}");

    let regenerated = cargo(&["xtask", "codegen"]);
    assert!(regenerated.status.success(), "{}", String::from_utf8_lossy(&regenerated.stderr));
    git(dir, &["add", "-A"]);
    let accepted = commit();
    assert!(accepted.status.success(), "{}", String::from_utf8_lossy(&accepted.stderr));
}
