//! The `specweave` command line.

use clap::{Parser, Subcommand};
use specweave::cli;
use specweave::generate::Job;
use specweave::write::Mode;
use std::path::PathBuf;
use std::process::ExitCode;

/// One API spec in; Rust models and client, TypeScript types and a Markdown reference out.
///
/// Exit codes: 0 fresh or written, 1 stale output (--check), 2 invalid spec or config,
/// 3 file system error.
#[derive(Parser)]
#[command(name = "specweave", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate every artifact from one spec into DIR/rust, DIR/ts and DIR/docs.
    Generate {
        /// The spec: Swagger 2.0 or OpenAPI 3.0, JSON or YAML.
        #[arg(long)]
        spec: PathBuf,
        /// The output root.
        #[arg(long)]
        out: PathBuf,
        /// Write nothing; fail (exit 1) with a diff if any file would change.
        #[arg(long)]
        check: bool,
    },
    /// Generate what a config file (codegen.toml) describes.
    Codegen {
        #[arg(long, default_value = "codegen.toml")]
        config: PathBuf,
        /// Write nothing; fail (exit 1) with a diff if any file would change.
        #[arg(long)]
        check: bool,
    },
}

/// Generation is millions of small allocations (tokens, identifiers, syntax trees) on several
/// threads; mimalloc takes a third off the wall time of Coder's spec against glibc's malloc
/// (`cargo xtask bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn mode(check: bool) -> Mode {
    if check { Mode::Check } else { Mode::Write }
}

/// mimalloc 3 gives freed memory back to the OS a second after it is freed, and a run on a
/// large spec takes about that long, so nearly all memory ever used stays resident: GitHub's
/// description peaked at 300 MB. With mimalloc 2's 10 ms it peaks at 225 MB, for 5-7%
/// more time (`cargo xtask bench`). `MIMALLOC_PURGE_DELAY`, where set, still decides.
fn give_back_freed_memory_promptly() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a global option of the allocator; mimalloc reads it on each purge.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) }
    }
}

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e`; libmimalloc-sys has no name for it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    give_back_freed_memory_promptly();
    let code = match Cli::parse().command {
        Command::Generate { spec, out, check } => {
            let fix = format!("specweave generate --spec {} --out {}", spec.display(), out.display());
            cli::run_and_report(&Job::all_artifacts(&spec, &out), mode(check), &fix)
        }
        Command::Codegen { config, check } => {
            let display = config.display().to_string();
            cli::codegen(&config, &display, mode(check), &format!("specweave codegen --config {display}"))
        }
    };
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // Option 15 is the purge delay: mimalloc 3's default for it is 1000 ms.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        give_back_freed_memory_promptly();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 10);
    }
}
