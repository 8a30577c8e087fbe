//! The pipeline, end to end: load -> check -> emit -> place under output directories.
//! `write::sync` then writes or checks the result; nothing touches the disk before every
//! emitter has succeeded, so bad input never leaves a half-written tree.

use crate::config::Config;
use crate::emit::{self, markdown::MarkdownOptions, rust::RustOptions, typescript::TypeScriptOptions};
use crate::error::{Error, Result};
use crate::output::GeneratedFile;
use crate::write::{self, Mode, Report};
use std::path::{Path, PathBuf};

/// What to generate, resolved: paths are relative to `root` unless absolute.
#[derive(Debug, Clone)]
pub struct Job {
    pub root: PathBuf,
    pub spec: PathBuf,
    /// How the spec is named in headers and errors (a path relative to `root`, `/`-separated).
    pub spec_display: String,
    pub rust: Option<RustOptions>,
    pub typescript: Option<TypeScriptOptions>,
    pub markdown: Option<MarkdownOptions>,
    /// Called once the spec is loaded and checked, before the emitters run (the binary sets
    /// its allocator for them here).
    pub before_emitting: Option<fn()>,
}

impl Job {
    /// The job a config file describes; its paths are relative to the config's directory.
    pub fn from_config(config_path: &Path, config_display: &str) -> Result<Job> {
        let config = Config::load(config_path, config_display)?;
        let root = config_path.parent().map(Path::to_path_buf).unwrap_or_default();
        if !root.join(&config.spec).is_file() {
            return Err(Error::new(config_display, "spec", format!("the spec {} does not exist", config.spec.display())));
        }
        Ok(Job {
            spec_display: write::display_path(&config.spec),
            spec: config.spec,
            root,
            rust: config.rust,
            typescript: config.typescript,
            markdown: config.markdown,
            before_emitting: None,
        })
    }

    /// Every artifact with default options, under `out/rust`, `out/ts` and `out/docs`.
    pub fn all_artifacts(spec: &Path, out: &Path) -> Job {
        let crate_name = crate::naming::crate_name(&spec.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default());
        Job {
            root: PathBuf::new(),
            spec: spec.to_path_buf(),
            spec_display: spec.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            rust: Some(RustOptions { out: out.join("rust"), crate_name, default_error: None }),
            typescript: Some(TypeScriptOptions { out: out.join("ts") }),
            markdown: Some(MarkdownOptions::new(out.join("docs"))),
            before_emitting: None,
        }
    }

    /// The directories this job owns, relative to `root`.
    pub fn output_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        dirs.extend(self.rust.as_ref().map(|o| o.out.clone()));
        dirs.extend(self.typescript.as_ref().map(|o| o.out.clone()));
        dirs.extend(self.markdown.as_ref().map(|o| o.out.clone()));
        dirs
    }

    /// Loads, checks and emits: every file, paths relative to `root`.
    pub fn generate(&self) -> Result<Vec<GeneratedFile>> {
        let model = crate::load::load_file(&self.root.join(&self.spec), &self.spec_display)?;
        crate::check::check(&model)?;
        if let Some(hook) = self.before_emitting {
            hook();
        }
        // The emitters only read the model, so they run as tasks of rayon's pool (Rust itself
        // cut into many); the files are joined in the fixed order Rust, TypeScript, Markdown,
        // the first error in that order wins, and an emitter's panic is re-raised as it was.
        let api = &model;
        let (rust, (typescript, markdown)) = rayon::join(
            || self.rust.as_ref().map(|o| emit::rust::emit(api, o)).transpose(),
            || {
                rayon::join(
                    || self.typescript.as_ref().map(|o| emit::typescript::emit(api, o)).transpose(),
                    || self.markdown.as_ref().map(|o| emit::markdown::emit(api, o)).transpose(),
                )
            },
        );
        // The model is not needed past emitting: freed while the files are placed and written.
        crate::load::drop_in_background(model);
        let mut files = Vec::new();
        if let (Some(options), Some(emitted)) = (&self.rust, rust?) {
            files.extend(place(&options.out, emitted));
        }
        if let (Some(options), Some(emitted)) = (&self.typescript, typescript?) {
            files.extend(place(&options.out, emitted));
        }
        if let (Some(options), Some(emitted)) = (&self.markdown, markdown?) {
            files.extend(place(&options.out, emitted));
        }
        Ok(files)
    }

    /// Generates, then writes or checks.
    pub fn run(&self, mode: Mode) -> std::result::Result<Report, RunError> {
        let files = self.generate().map_err(RunError::Input)?;
        write::sync(&self.root, &self.output_dirs(), &files, mode).map_err(RunError::Io)
    }
}

/// Why a run produced no report.
#[derive(Debug)]
pub enum RunError {
    /// The spec or config is wrong.
    Input(Error),
    /// The disk failed us.
    Io(std::io::Error),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Input(e) => write!(f, "{e}"),
            RunError::Io(e) => write!(f, "{e}"),
        }
    }
}

fn place(dir: &Path, files: Vec<GeneratedFile>) -> impl Iterator<Item = GeneratedFile> + '_ {
    files.into_iter().map(move |f| GeneratedFile { path: dir.join(&f.path), contents: f.contents })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CALLS: AtomicUsize = AtomicUsize::new(0);

    fn count_call() {
        CALLS.fetch_add(1, Ordering::SeqCst);
    }

    /// The hook runs once per generation, and only for a spec that loaded.
    #[test]
    fn the_hook_runs_once_between_loading_and_emitting() {
        let dir = tempfile::tempdir().unwrap();
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/workspace-builds.yaml");
        let job = Job { before_emitting: Some(count_call), ..Job::all_artifacts(&spec, dir.path()) };
        assert!(!job.generate().unwrap().is_empty());
        assert_eq!(CALLS.load(Ordering::SeqCst), 1);
        let broken = dir.path().join("broken.json");
        std::fs::write(&broken, "{\"openapi\": \"3.0.3\"").unwrap();
        let job = Job { before_emitting: Some(count_call), ..Job::all_artifacts(&broken, dir.path()) };
        assert!(job.generate().is_err());
        assert_eq!(CALLS.load(Ordering::SeqCst), 1);
    }
}
