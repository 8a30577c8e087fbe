//! The one write-or-check helper, after rust-analyzer's `ensure_file_contents`, for a whole
//! set of files at once.
//!
//! Every output directory is owned by the generator: a file there that the generator did not
//! produce is *extra* (left behind by a renamed schema or tag), removed on write and reported
//! on check. Writes are atomic (a temporary file in the same directory, then a rename), and a
//! file whose contents are already right is not touched, so its mtime does not change.

use crate::output::GeneratedFile;
use std::collections::BTreeSet;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bring the files on disk up to date.
    Write,
    /// Compare only; write nothing.
    Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Already up to date.
    Fresh,
    /// Written (mode `Write`): it was missing or stale.
    Written,
    /// Removed (mode `Write`): an extra file in an output directory.
    Removed,
    /// Differs from what would be generated (mode `Check`).
    Stale,
    /// Not on disk (mode `Check`).
    Missing,
    /// On disk in an output directory but not generated (mode `Check`).
    Extra,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fresh => "fresh",
            Status::Written => "written",
            Status::Removed => "removed",
            Status::Stale => "stale",
            Status::Missing => "missing",
            Status::Extra => "extra",
        }
    }

    /// Whether `--check` fails on this file.
    pub fn is_drift(self) -> bool {
        matches!(self, Status::Stale | Status::Missing | Status::Extra)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// Relative to the root, with `/`.
    pub path: String,
    pub status: Status,
    /// A unified diff (from disk to generated) for stale, missing and extra files in check mode.
    pub diff: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub files: Vec<FileReport>,
}

impl Report {
    pub fn has_drift(&self) -> bool {
        self.files.iter().any(|f| f.status.is_drift())
    }

    pub fn count(&self, status: Status) -> usize {
        self.files.iter().filter(|f| f.status == status).count()
    }
}

/// Writes or checks `files` (paths relative to `root`) and the contents of `owned_dirs`
/// (relative to `root`). The report lists files in path order, so it is deterministic.
///
/// The generated files are compared (and written) on rayon's pool: one after another, GitHub's
/// 48 MB of output took 20-30 ms. An I/O error is returned for the first failing file in path
/// order; other files may have been written by then, each of them whole.
pub fn sync(root: &Path, owned_dirs: &[PathBuf], files: &[GeneratedFile], mode: Mode) -> io::Result<Report> {
    use rayon::prelude::*;
    let mut report = Report::default();
    let mut generated: Vec<&GeneratedFile> = files.iter().collect();
    generated.sort_by(|a, b| a.path.cmp(&b.path));
    let wanted: BTreeSet<PathBuf> = generated.iter().map(|f| f.path.clone()).collect();
    let outcomes: Vec<io::Result<FileReport>> = generated.par_iter().map(|file| sync_file(root, file, mode)).collect();
    for outcome in outcomes {
        report.files.push(outcome?);
    }

    let mut extras = Vec::new();
    for dir in owned_dirs {
        list_files(root, &root.join(dir), &mut extras)?;
    }
    extras.retain(|p| !wanted.contains(p));
    extras.sort();
    for path in extras {
        let display = display_path(&path);
        let target = root.join(&path);
        let (status, diff) = match mode {
            Mode::Write => {
                std::fs::remove_file(&target).map_err(|e| with_path(e, &target))?;
                (Status::Removed, None)
            }
            Mode::Check => {
                let old = std::fs::read(&target).map_err(|e| with_path(e, &target))?;
                (Status::Extra, Some(unified_diff(&display, &String::from_utf8_lossy(&old), "")))
            }
        };
        report.files.push(FileReport { path: display, status, diff });
    }
    Ok(report)
}

/// Writes or checks one generated file.
fn sync_file(root: &Path, file: &GeneratedFile, mode: Mode) -> io::Result<FileReport> {
    let target = root.join(&file.path);
    let on_disk = match std::fs::read(&target) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(with_path(e, &target)),
    };
    let display = display_path(&file.path);
    let status = match (&on_disk, mode) {
        (Some(bytes), _) if bytes == file.contents.as_bytes() => Status::Fresh,
        (_, Mode::Write) => {
            write_atomic(&target, file.contents.as_bytes())?;
            Status::Written
        }
        (Some(_), Mode::Check) => Status::Stale,
        (None, Mode::Check) => Status::Missing,
    };
    let diff = (mode == Mode::Check && status.is_drift()).then(|| {
        let old = on_disk.as_deref().map(String::from_utf8_lossy).unwrap_or_default();
        unified_diff(&display, &old, &file.contents)
    });
    Ok(FileReport { path: display, status, diff })
}

/// A unified diff from `old` (on disk) to `new` (generated), git-style headers.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Writes through a temporary file in the target's directory and renames it into place, so a
/// reader never sees half a file and a failure leaves the old file as it was.
///
/// A temporary file is private (mode 0600), and renaming keeps that; the file gets the mode
/// `fs::write` would give it instead: a replaced file keeps its own, a new one gets 0666 less
/// the umask.
fn write_atomic(target: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
    let existing = std::fs::metadata(target).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // The mode of a file being created is masked by the umask, as for `fs::write`.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| with_path(e, dir))?;
    if let Some(permissions) = existing {
        temp.as_file().set_permissions(permissions).map_err(|e| with_path(e, target))?;
    }
    temp.write_all(contents).map_err(|e| with_path(e, target))?;
    temp.persist(target).map_err(|e| with_path(e.error, target))?;
    Ok(())
}

/// Every file below `dir`, as paths relative to `root`; build output (`target/`) and
/// dot-directories are skipped.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(with_path(e, dir)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| with_path(e, dir))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if entry.file_type()?.is_dir() {
            if name != "target" && !name.starts_with('.') && name != "node_modules" {
                list_files(root, &path, out)?;
            }
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push(relative.to_path_buf());
        }
    }
    Ok(())
}

/// `path` with `/` between its components on every platform, so reports read the same.
pub fn display_path(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        // The root is itself a separator: `/tmp`, not `//tmp` (and `C:/`, not `C://`).
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        if component != std::path::Component::RootDir {
            out.push_str(&component.as_os_str().to_string_lossy());
        } else if out.is_empty() {
            out.push('/');
        }
    }
    out
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<GeneratedFile> {
        vec![GeneratedFile::new("out/a.txt", "one\n"), GeneratedFile::new("out/sub/b.txt", "two\n")]
    }

    #[test]
    fn write_then_check_is_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let owned = [PathBuf::from("out")];
        let written = sync(dir.path(), &owned, &files(), Mode::Write).unwrap();
        assert_eq!(written.count(Status::Written), 2);
        let checked = sync(dir.path(), &owned, &files(), Mode::Check).unwrap();
        assert_eq!(checked.count(Status::Fresh), 2);
        assert!(!checked.has_drift());
    }

    #[test]
    fn check_reports_stale_missing_and_extra_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let owned = [PathBuf::from("out")];
        std::fs::create_dir_all(dir.path().join("out")).unwrap();
        std::fs::write(dir.path().join("out/a.txt"), "old\n").unwrap();
        std::fs::write(dir.path().join("out/left-over.txt"), "x\n").unwrap();
        let report = sync(dir.path(), &owned, &files(), Mode::Check).unwrap();
        let statuses: Vec<_> = report.files.iter().map(|f| (f.path.as_str(), f.status)).collect();
        assert_eq!(
            statuses,
            [("out/a.txt", Status::Stale), ("out/sub/b.txt", Status::Missing), ("out/left-over.txt", Status::Extra)]
        );
        let diff = report.files[0].diff.as_deref().unwrap();
        assert!(diff.contains("-old\n") && diff.contains("+one\n"), "{diff}");
        assert_eq!(std::fs::read_to_string(dir.path().join("out/a.txt")).unwrap(), "old\n");
        assert!(!dir.path().join("out/sub/b.txt").exists());
    }

    #[test]
    fn paths_are_shown_with_one_slash_between_components() {
        assert_eq!(display_path(Path::new("generated/docs/builds.md")), "generated/docs/builds.md");
        assert_eq!(display_path(Path::new("/tmp/out/api.ts")), "/tmp/out/api.ts");
        assert_eq!(display_path(Path::new("./a//b")), "./a/b");
    }

    #[cfg(unix)]
    #[test]
    fn written_files_get_the_mode_fs_write_gives() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let owned = [PathBuf::from("out")];
        let mode = |path: &str| std::fs::metadata(dir.path().join(path)).unwrap().permissions().mode() & 0o777;
        // A new file: as `fs::write` makes one, under this process's umask.
        std::fs::create_dir_all(dir.path().join("out/sub")).unwrap();
        std::fs::write(dir.path().join("reference.txt"), "").unwrap();
        sync(dir.path(), &owned, &files(), Mode::Write).unwrap();
        assert_eq!(mode("out/a.txt"), mode("reference.txt"));
        assert_eq!(mode("out/sub/b.txt"), mode("reference.txt"));
        // A replaced file keeps the mode it had.
        std::fs::write(dir.path().join("out/a.txt"), "stale\n").unwrap();
        std::fs::set_permissions(dir.path().join("out/a.txt"), std::fs::Permissions::from_mode(0o640)).unwrap();
        let report = sync(dir.path(), &owned, &files(), Mode::Write).unwrap();
        assert_eq!(report.count(Status::Written), 1);
        assert_eq!(mode("out/a.txt"), 0o640);
    }

    #[test]
    fn write_removes_extra_files_and_leaves_fresh_ones_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let owned = [PathBuf::from("out")];
        sync(dir.path(), &owned, &files(), Mode::Write).unwrap();
        std::fs::write(dir.path().join("out/left-over.txt"), "x\n").unwrap();
        let before = std::fs::metadata(dir.path().join("out/a.txt")).unwrap().modified().unwrap();
        let report = sync(dir.path(), &owned, &files(), Mode::Write).unwrap();
        assert_eq!(report.count(Status::Removed), 1);
        assert_eq!(report.count(Status::Fresh), 2);
        assert!(!dir.path().join("out/left-over.txt").exists());
        let after = std::fs::metadata(dir.path().join("out/a.txt")).unwrap().modified().unwrap();
        assert_eq!(before, after);
    }

    #[test]
    fn many_files_are_reported_in_path_order_and_the_first_error_in_that_order_wins() {
        let dir = tempfile::tempdir().unwrap();
        let owned = [PathBuf::from("out")];
        // Given out of order, and more of them than the pool has threads.
        let many: Vec<GeneratedFile> = (0..64).rev().map(|i| GeneratedFile::new(format!("out/f{i:02}.txt"), format!("{i}\n"))).collect();
        let report = sync(dir.path(), &owned, &many, Mode::Write).unwrap();
        let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
        let sorted: Vec<String> = (0..64).map(|i| format!("out/f{i:02}.txt")).collect();
        assert_eq!(paths, sorted);
        assert_eq!(std::fs::read_to_string(dir.path().join("out/f07.txt")).unwrap(), "7\n");
        // Two files that cannot be read (directories stand where they should be): the error
        // names the first of them in path order.
        for name in ["out/f40.txt", "out/f20.txt"] {
            std::fs::remove_file(dir.path().join(name)).unwrap();
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        let error = sync(dir.path(), &owned, &many, Mode::Check).unwrap_err();
        assert!(error.to_string().contains("f20.txt"), "{error}");
    }
}
