//! What the `specweave` binary and `cargo xtask codegen` share: running a job and reporting
//! it in cargo's style, with documented exit codes.

use crate::generate::{Job, RunError};
use crate::write::{Mode, Report, Status};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Exit codes, the same for every command.
pub mod exit {
    /// Everything is fresh (or was written).
    pub const OK: u8 = 0;
    /// `--check`: some generated file is stale, missing or extra.
    pub const STALE: u8 = 1;
    /// The spec or the config is invalid (or missing).
    pub const INVALID_INPUT: u8 = 2;
    /// Reading or writing files failed.
    pub const IO: u8 = 3;
}

/// Runs `job` in `mode`, prints the report to stdout (errors to stderr) and returns the exit
/// code. `fix` is the command that regenerates, named when the check fails.
pub fn run_and_report(job: &Job, mode: Mode, fix: &str) -> u8 {
    let report = match job.run(mode) {
        Ok(report) => report,
        Err(RunError::Input(e)) => {
            eprintln!("error: {e}");
            return exit::INVALID_INPUT;
        }
        Err(RunError::Io(e)) => {
            eprintln!("error: {e}");
            return exit::IO;
        }
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not worth a panic: ignore write errors.
    let _ = print_report(&mut out, &report, color);
    if report.has_drift() {
        let drift = report.files.iter().filter(|f| f.status.is_drift()).count();
        eprintln!("error: {drift} generated file(s) differ from what {} gives; run `{fix}` to update them", job.spec_display);
        exit::STALE
    } else {
        exit::OK
    }
}

fn print_report(out: &mut impl Write, report: &Report, color: bool) -> std::io::Result<()> {
    for file in &report.files {
        let word = file.status.as_str();
        let painted = match (color, file.status) {
            (false, _) => word.to_owned(),
            (true, Status::Fresh) => format!("\x1b[1;32m{word}\x1b[0m"),
            (true, Status::Written | Status::Removed) => format!("\x1b[1;36m{word}\x1b[0m"),
            (true, _) => format!("\x1b[1;31m{word}\x1b[0m"),
        };
        // Right-align the status word in 12 columns, as cargo does.
        let pad = 12usize.saturating_sub(word.len());
        writeln!(out, "{:pad$}{painted} {}", "", file.path)?;
    }
    for diff in report.files.iter().filter_map(|f| f.diff.as_deref()) {
        for line in diff.lines() {
            match (color, line.chars().next()) {
                (true, Some('+')) if !line.starts_with("+++") => writeln!(out, "\x1b[32m{line}\x1b[0m")?,
                (true, Some('-')) if !line.starts_with("---") => writeln!(out, "\x1b[31m{line}\x1b[0m")?,
                (true, Some('@')) => writeln!(out, "\x1b[36m{line}\x1b[0m")?,
                _ => writeln!(out, "{line}")?,
            }
        }
    }
    let counts: Vec<String> = [Status::Fresh, Status::Written, Status::Removed, Status::Stale, Status::Missing, Status::Extra]
        .iter()
        .filter(|s| report.count(**s) > 0)
        .map(|s| format!("{} {}", report.count(*s), s.as_str()))
        .collect();
    let summary = if counts.is_empty() { "no files".to_owned() } else { counts.join(", ") };
    writeln!(out, "{:>12} {} file(s): {summary}", "Finished", report.files.len())
}

/// `codegen` from a config file.
pub fn codegen(config: &Path, config_display: &str, mode: Mode, fix: &str) -> u8 {
    match job_from_config(config, config_display) {
        Ok(job) => run_and_report(&job, mode, fix),
        Err(code) => code,
    }
}

/// The job a config describes, or, its error reported, the exit code.
pub fn job_from_config(config: &Path, config_display: &str) -> Result<Job, u8> {
    Job::from_config(config, config_display).map_err(|e| {
        eprintln!("error: {e}");
        exit::INVALID_INPUT
    })
}
