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

/// Where conformance builds go.
pub fn work_dir(root: &Path) -> PathBuf {
    root.join("target/conformance")
}
