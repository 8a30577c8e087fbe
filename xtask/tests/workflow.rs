//! The CI workflow is valid YAML and runs the same `cargo xtask` commands as `.ci/run`.

use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// `cargo xtask ...` invocations in a piece of shell.
fn xtask_commands(shell: &str) -> BTreeSet<String> {
    shell
        .split(['\n', ';'])
        .flat_map(|line| line.split("then").map(str::to_owned).collect::<Vec<_>>())
        // A message that names a command (`echo "run cargo xtask codegen"`) does not run it.
        .filter(|part| !part.contains("echo"))
        .filter_map(|part| part.find("cargo xtask").map(|i| part[i..].trim().to_owned()))
        .map(|cmd| cmd.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn workflow_parses_and_runs_the_commands_of_ci_run() {
    let text = std::fs::read_to_string(root().join(".github/workflows/codegen.yml")).unwrap();
    let workflow: serde_json::Value = serde_saphyr::from_str(&text).expect("the workflow is valid YAML");
    let steps = workflow["jobs"]["check"]["steps"].as_array().expect("jobs.check.steps");
    let runs: String = steps.iter().filter_map(|s| s["run"].as_str()).collect::<Vec<_>>().join("\n");
    let in_workflow = xtask_commands(&runs);
    let ci_run = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    let in_ci: BTreeSet<String> = ci_run.lines().filter(|l| !l.trim_start().starts_with('#')).flat_map(xtask_commands).collect();
    assert!(in_ci.contains("cargo xtask test") && in_ci.contains("cargo xtask codegen --check"), "{in_ci:?}");
    assert_eq!(in_workflow, in_ci);
    assert!(steps.iter().any(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/cache"))), "caches cargo");
    assert!(runs.contains("cargo xtask codegen'"), "names the fix on failure");
}
