//! The `specweave` command line.

use clap::{Parser, Subcommand};
use specweave::cli;
use specweave::generate::Job;
use specweave::write::Mode;
use std::path::{Path, PathBuf};
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

/// Specs from this size up have their freed memory given back to the OS promptly.
const LARGE_SPEC_BYTES: u64 = 4 << 20;

/// mimalloc 3 gives freed memory back to the OS a second after it is freed. A run on a large
/// spec takes about that long, so nearly all the memory it ever used stays resident: GitHub's
/// 13 MB description peaked at 300 MB; with 10 ms (mimalloc 2's default) it peaks at 230 MB,
/// for 6% more time. On Coder's specs, well under a MB and run at every commit, 10 ms would
/// cost 7-10% of a run to save some 20 MB, so small specs keep the default (measured with
/// `cargo xtask bench`). `MIMALLOC_PURGE_DELAY`, where set, decides instead.
fn give_back_freed_memory_promptly(spec: &Path) {
    let large = std::fs::metadata(spec).is_ok_and(|m| m.len() >= LARGE_SPEC_BYTES);
    if large && std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a global option of the allocator; mimalloc reads it on each purge.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) }
    }
}

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e`; libmimalloc-sys has no name for it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Makes the main thread one of rayon's workers (the pool keeps one thread per core). The load
/// runs on the main thread and frees the parsed document there; as a worker, the main thread
/// then emits into the memory the load gave back, where a pool of its own threads would each
/// take fresh pages. GitHub's description peaks about 20 MB lower (231 -> 212 MB, median of 9).
fn work_on_the_main_thread_too() {
    // An error means a pool exists already; it is then used as it is.
    let _ = rayon::ThreadPoolBuilder::new().use_current_thread().build_global();
}

fn main() -> ExitCode {
    let (job, check, fix) = match Cli::parse().command {
        Command::Generate { spec, out, check } => {
            let fix = format!("specweave generate --spec {} --out {}", spec.display(), out.display());
            (Job::all_artifacts(&spec, &out), check, fix)
        }
        Command::Codegen { config, check } => {
            let display = config.display().to_string();
            match cli::job_from_config(&config, &display) {
                Ok(job) => (job, check, format!("specweave codegen --config {display}")),
                Err(code) => return ExitCode::from(code),
            }
        }
    };
    give_back_freed_memory_promptly(&job.root.join(&job.spec));
    work_on_the_main_thread_too();
    ExitCode::from(cli::run_and_report(&job, mode(check), &fix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_memory_is_given_back_promptly_for_large_specs_only() {
        let dir = tempfile::tempdir().unwrap();
        let (small, large) = (dir.path().join("small.json"), dir.path().join("large.json"));
        std::fs::write(&small, "{}").unwrap();
        std::fs::write(&large, vec![b' '; LARGE_SPEC_BYTES as usize]).unwrap();
        // Option 15 is the purge delay: mimalloc 3's default for it is 1000 ms.
        give_back_freed_memory_promptly(&small);
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        give_back_freed_memory_promptly(&large);
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 10);
    }
}
