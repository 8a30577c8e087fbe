//! TypeScript conformance: types for both Coder specs and every corpus spec that loads, all
//! type-checked by ONE `tsc --strict --noEmit` run (one process start, one lib check), each file
//! its own module so equal type names in different specs do not clash.

use super::{Loaded, all_specs, load, work_dir};
use specweave::emit::typescript::{self, TypeScriptOptions};
use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What happened to one spec before tsc.
enum Outcome {
    /// The loader (or the model check) rejected it: counted, not a failure.
    Rejected(String),
    Generated(PathBuf),
    /// The emitter returned an error or something panicked: a failure.
    Broken(String),
}

/// Runs the checks; returns whether all passed.
pub fn run(root: &Path) -> bool {
    let dir = work_dir(root).join("ts");
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return false;
    }
    let specs = all_specs(root);

    let (mut rejected, mut broken) = (Vec::new(), Vec::new());
    let mut generated: Vec<(String, PathBuf)> = Vec::new();
    let mut index = String::from("n\tspec\n");
    for (n, (name, path)) in specs.iter().enumerate() {
        index.push_str(&format!("{n}\t{name}\n"));
        match generate(name, path, &dir.join(n.to_string())) {
            Outcome::Rejected(why) => rejected.push(why),
            Outcome::Generated(file) => generated.push((name.clone(), file)),
            Outcome::Broken(why) => broken.push(format!("{name}: {why}")),
        }
    }
    let _ = std::fs::write(dir.join("INDEX.tsv"), index);
    let loaded = specs.len() - rejected.len();

    let failed_files = match type_check(root, &dir, &generated) {
        Ok(failed) => failed,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    let failed: Vec<&String> =
        generated.iter().filter(|(_, file)| failed_files.contains(file)).map(|(name, _)| name).collect();
    println!(
        "typescript conformance: {} specs, {loaded} loaded ({} rejected by the loader), {} generated, \
         {} type-checked OK, {} failed tsc, {} emitter failures",
        specs.len(),
        rejected.len(),
        generated.len(),
        generated.len() - failed.len(),
        failed.len(),
        broken.len()
    );
    for why in &rejected {
        println!("  rejected: {why}");
    }
    for name in &failed {
        eprintln!("  tsc failed: {name}");
    }
    for why in &broken {
        eprintln!("  emitter failed: {why}");
    }
    failed.is_empty() && broken.is_empty()
}

/// Loads, checks and emits one spec into `out/api.ts`.
fn generate(name: &str, path: &Path, out: &Path) -> Outcome {
    let api = match load(name, path) {
        Loaded::Api(api) => api,
        Loaded::Rejected(why) => return Outcome::Rejected(why),
        Loaded::Panicked => return Outcome::Broken("the loader panicked".into()),
    };
    let options = TypeScriptOptions { out: out.to_path_buf() };
    let files = match catch_unwind(AssertUnwindSafe(|| typescript::emit(&api, &options))) {
        Ok(Ok(files)) => files,
        Ok(Err(e)) => return Outcome::Broken(e.to_string()),
        Err(_) => return Outcome::Broken("the emitter panicked".into()),
    };
    let Some(file) = files.into_iter().find(|f| f.path == Path::new(typescript::FILE_NAME)) else {
        return Outcome::Broken("no api.ts".into());
    };
    let target = out.join(&file.path);
    match std::fs::create_dir_all(out).and_then(|()| std::fs::write(&target, file.contents)) {
        Ok(()) => Outcome::Generated(target),
        Err(e) => Outcome::Broken(format!("cannot write {}: {e}", target.display())),
    }
}

/// One tsc run over every generated file; returns the files it reported errors in.
fn type_check(root: &Path, dir: &Path, generated: &[(String, PathBuf)]) -> Result<BTreeSet<PathBuf>, String> {
    let tsc = root.join("tools/npm/node_modules/.bin/tsc");
    if !tsc.is_file() {
        return Err(format!("the pinned TypeScript compiler is missing at {}: run `cargo xtask install-tools`", tsc.display()));
    }
    let files: Vec<&PathBuf> = generated.iter().map(|(_, file)| file).collect();
    let config = serde_json::json!({
        "compilerOptions": {
            "strict": true, "noEmit": true, "target": "es2022", "module": "esnext",
            "moduleResolution": "bundler", "lib": ["es2022"], "types": [], "skipLibCheck": true
        },
        "files": files,
    });
    let config_path = dir.join("tsconfig.json");
    std::fs::write(&config_path, serde_json::to_string_pretty(&config).expect("json"))
        .map_err(|e| format!("cannot write {}: {e}", config_path.display()))?;
    let output = Command::new(&tsc)
        .args(["-p", "tsconfig.json", "--pretty", "false"])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run tsc (is node installed?): {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    // Diagnostics read `path(line,col): error TSnnnn: ...`, paths relative to `dir`.
    let failed: BTreeSet<PathBuf> = text
        .lines()
        .filter_map(|line| line.split_once('(').map(|(path, _)| path))
        .map(|path| if Path::new(path).is_absolute() { PathBuf::from(path) } else { dir.join(path) })
        .filter(|path| files.contains(&path))
        .collect();
    if !output.status.success() {
        let shown: Vec<&str> = text.lines().take(40).collect();
        eprintln!("tsc reported errors (first 40 lines; all of them: tsc -p {}):\n{}", config_path.display(), shown.join("\n"));
        if failed.is_empty() {
            return Err("tsc failed without naming a generated file".into());
        }
    }
    Ok(failed)
}
