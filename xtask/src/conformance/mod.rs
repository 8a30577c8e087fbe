//! Conformance over `../shared`: Coder's specs, the goldens and the corpus. Third-party data is
//! read in place, never copied into the repo; build output goes under `target/conformance`.

pub mod markdown;
pub mod rust;
pub mod typescript;

use std::path::{Path, PathBuf};

/// `../shared`, beside the repo.
pub fn shared_dir(root: &Path) -> PathBuf {
    root.parent().expect("the repo has a parent").join("shared")
}

/// Coder's two swagger.json revisions, older first.
pub fn coder_specs(root: &Path) -> Vec<PathBuf> {
    let dir = shared_dir(root).join("specs/coder");
    vec![dir.join("swagger.v1-00072fa4.json"), dir.join("swagger.v2-0062275c.json")]
}

/// Every corpus spec, in MANIFEST.tsv order, as (path relative to the corpus, absolute path).
pub fn corpus_specs(root: &Path) -> Vec<(String, PathBuf)> {
    let corpus = shared_dir(root).join("corpus");
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("corpus/MANIFEST.tsv is readable");
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|p| !p.is_empty())
        .map(|p| (p.to_owned(), corpus.join(p)))
        .collect()
}

/// Both Coder specs, then every corpus spec, each named by its path below `../shared`.
pub fn all_specs(root: &Path) -> Vec<(String, PathBuf)> {
    let shared = shared_dir(root);
    let mut specs: Vec<(String, PathBuf)> =
        coder_specs(root).into_iter().map(|p| (p.strip_prefix(&shared).unwrap_or(&p).display().to_string(), p)).collect();
    specs.extend(corpus_specs(root).into_iter().map(|(name, path)| (format!("corpus/{name}"), path)));
    specs
}

/// What loading (and checking) one spec gave.
pub enum Loaded {
    /// Boxed: an API model is large beside the other variants.
    Api(Box<specweave::model::Api>),
    /// A clear error: counted, not a failure.
    Rejected(String),
    /// A panic: always a failure.
    Panicked,
}

/// Loads and checks one spec, catching panics.
pub fn load(name: &str, path: &Path) -> Loaded {
    let loaded = std::panic::catch_unwind(|| {
        specweave::load::load_file(path, name).and_then(|api| specweave::check::check(&api).map(|()| api))
    });
    match loaded {
        Ok(Ok(api)) => Loaded::Api(Box::new(api)),
        Ok(Err(e)) => Loaded::Rejected(e.to_string()),
        Err(_) => Loaded::Panicked,
    }
}

/// Where conformance builds go.
pub fn work_dir(root: &Path) -> PathBuf {
    root.join("target/conformance")
}
