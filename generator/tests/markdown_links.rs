//! Every relative link of the generated reference resolves, and generation is deterministic.

use specweave::emit::markdown::{self, MarkdownOptions, links};
use std::path::Path;

fn pages(spec: &str) -> Vec<specweave::output::GeneratedFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let api = specweave::load::load_file(&root.join(spec), spec).expect("own spec loads");
    markdown::emit(&api, &MarkdownOptions::new("docs")).expect("pages render")
}

#[test]
fn own_specs_have_no_broken_links() {
    for spec in ["specs/workspace-builds.yaml", "specs/features.openapi3.yaml"] {
        let pages = pages(spec);
        let report = links::check(&pages);
        assert!(report.links > 0, "{spec}: no links checked");
        assert!(report.broken.is_empty(), "{spec}: broken links: {:#?}", report.broken);
        for index_entry in ["schemas.md", "authentication.md"] {
            assert!(pages.iter().any(|p| p.path == Path::new(index_entry)), "{spec}: no {index_entry}");
        }
    }
}

#[test]
fn a_dangling_schema_link_is_caught() {
    let mut pages = pages("specs/workspace-builds.yaml");
    let schemas = pages.iter_mut().find(|p| p.path == Path::new("schemas.md")).expect("schemas page");
    // Drop one schema heading: links to it must now be reported.
    let heading = schemas.contents.lines().find(|l| l.starts_with("## ")).expect("a schema").to_owned();
    schemas.contents = schemas.contents.replacen(&heading, "## renamed", 1);
    assert!(!links::check(&pages).broken.is_empty());
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(pages("specs/workspace-builds.yaml"), pages("specs/workspace-builds.yaml"));
    assert_eq!(pages("specs/features.openapi3.yaml"), pages("specs/features.openapi3.yaml"));
}
