//! Anchors and the link check: every page computes anchors the way GitHub-flavoured
//! renderers do, and `check` proves every relative link of a set of pages lands on a page
//! and an anchor that exists.

use crate::output::GeneratedFile;
use std::collections::{HashMap, HashSet};

/// The anchor of a heading: lower-cased, punctuation other than `-` and `_` dropped, spaces
/// turned into `-` (`codersdk.WorkspaceBuild` -> `codersdkworkspacebuild`).
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The `id` widdershins gives the "Response Schema" heading of an operation: the summary
/// lower-cased with spaces as `-`, punctuation kept (`removed:-get-…`), unlike `anchor`.
pub fn widdershins_slug(heading: &str) -> String {
    heading.to_lowercase().replace(' ', "-")
}

/// What a link check found.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LinkReport {
    pub links: usize,
    /// (page, target) for every link that does not resolve.
    pub broken: Vec<(String, String)>,
}

/// Checks every relative link (`[text](page.md#anchor)`, `[text](#anchor)`) of `pages`
/// against the pages themselves. Absolute URLs are not followed.
pub fn check(pages: &[GeneratedFile]) -> LinkReport {
    let anchors: HashMap<String, HashSet<String>> = pages.iter().map(|p| (slash(p), page_anchors(&p.contents))).collect();
    let mut report = LinkReport::default();
    for page in pages {
        let from = slash(page);
        for target in link_targets(&page.contents) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            report.links += 1;
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let file = if file.is_empty() { from.clone() } else { resolve(&from, file) };
            let ok = match anchors.get(&file) {
                Some(set) => fragment.is_empty() || set.contains(fragment),
                None => false,
            };
            if !ok {
                report.broken.push((from.clone(), target));
            }
        }
    }
    report
}

fn slash(page: &GeneratedFile) -> String {
    page.path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// `target` relative to the directory of `from`.
fn resolve(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in target.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Heading anchors (with GitHub's `-1`, `-2` for repeats) and explicit `id="..."` anchors,
/// outside code blocks.
fn page_anchors(text: &str) -> HashSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut anchors = HashSet::new();
    for line in prose_lines(text) {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            let base = anchor(&line[hashes..]);
            let n = seen.entry(base.clone()).or_default();
            anchors.insert(if *n == 0 { base.clone() } else { format!("{base}-{n}") });
            *n += 1;
        }
        let mut rest = line;
        while let Some(at) = rest.find("id=\"") {
            rest = &rest[at + 4..];
            if let Some(end) = rest.find('"') {
                anchors.insert(rest[..end].to_owned());
            }
        }
    }
    anchors
}

/// Targets of inline links `[text](target)` outside code blocks.
pub fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in prose_lines(text) {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            if let Some(end) = rest.find(')') {
                targets.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
        }
    }
    targets
}

fn prose_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut fenced = false;
    text.lines().filter(move |line| {
        if line.starts_with("```") {
            fenced = !fenced;
            return false;
        }
        !fenced
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github() {
        assert_eq!(anchor("codersdk.WorkspaceBuild"), "codersdkworkspacebuild");
        assert_eq!(anchor("Get workspace build"), "get-workspace-build");
    }

    #[test]
    fn broken_links_are_reported() {
        let pages = vec![
            GeneratedFile::new("a.md", "# Top\n\n[ok](b.md#there) [bad](b.md#nowhere) [self](#top)\n```\n[skip](x.md)\n```\n"),
            GeneratedFile::new("b.md", "## There\n"),
        ];
        let report = check(&pages);
        assert_eq!(report.links, 3);
        assert_eq!(report.broken, vec![("a.md".to_owned(), "b.md#nowhere".to_owned())]);
    }
}
