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

/// Specs from this size up get the memory settings of `fit_memory_to_a_large_spec`.
const LARGE_SPEC_BYTES: u64 = 4 << 20;

/// How long freed memory stays with mimalloc before it goes back to the OS, for large specs.
const LARGE_SPEC_PURGE_DELAY_MS: std::ffi::c_long = 50;

/// On a large spec the peak of memory, not only the time, is a target (GitHub's 13 MB
/// description: at most 250 MB), and two allocator settings decide both. Measured on GitHub's
/// description, medians of 11 runs, peak as median / highest:
/// - Transparent huge pages, which mimalloc asks for its arena: a 2 MB page is resident as
///   soon as any byte of it is used, and one fault maps it. They make the load faster (it
///   allocates the most), and the emitters' memory less predictable: with them throughout,
///   the peak was 224 / 246 MB (281 MB in one benchmark run); without them throughout,
///   207 / 219 MB but 12% slower (4 KB pages fault more often). With them for the load
///   only, 217 / 226 MB, and as fast as with them throughout (585 against 579 ms).
/// - How long freed memory stays with mimalloc: its default (a second) is about a whole run,
///   so nearly all the memory a run ever used stays resident (250 MB and more). 50 ms gives
///   most of it back and keeps what is soon reused (at 10 ms, runs took 3-5% longer).
///
/// So a large spec is loaded with huge pages and emitted without them (`job.before_emitting`).
/// Small specs keep mimalloc's defaults: Coder's, well under a MB and run at every commit,
/// take about 15% longer without huge pages (Coder v2: 92 -> 107 ms).
/// `MIMALLOC_ALLOW_THP` and `MIMALLOC_PURGE_DELAY`, where set, decide instead.
fn fit_memory_to_a_large_spec(job: &mut Job) {
    if !std::fs::metadata(job.root.join(&job.spec)).is_ok_and(|m| m.len() >= LARGE_SPEC_BYTES) {
        return;
    }
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a global option of the allocator; mimalloc reads it on each purge.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, LARGE_SPEC_PURGE_DELAY_MS) }
    }
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        job.before_emitting = Some(no_huge_pages_from_now_on);
    }
}

/// Turns transparent huge pages off for this process, as `MIMALLOC_ALLOW_THP=0` does at
/// startup: the kernel checks it at each page fault, so it holds for memory mimalloc has
/// already reserved. A failure leaves huge pages on, which costs memory, not correctness.
fn no_huge_pages_from_now_on() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong)
    };
}

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e`; libmimalloc-sys has no name for it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Makes the main thread one of rayon's workers (the pool keeps one thread per core), so it
/// works through the load's and the emitters' tasks instead of waiting for them, and what it
/// allocates reuses the memory it allocated before: a pool of threads of its own would each
/// take fresh pages. GitHub's description peaked about 20 MB lower (231 -> 212 MB, median of
/// 9).
fn work_on_the_main_thread_too() {
    // An error means a pool exists already; it is then used as it is.
    let _ = rayon::ThreadPoolBuilder::new().use_current_thread().build_global();
}

fn main() -> ExitCode {
    let (mut job, check, fix) = match Cli::parse().command {
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
    fit_memory_to_a_large_spec(&mut job);
    work_on_the_main_thread_too();
    ExitCode::from(cli::run_and_report(&job, mode(check), &fix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_specs_only_get_a_short_purge_delay_and_no_huge_pages_for_emitting() {
        let dir = tempfile::tempdir().unwrap();
        let (small, large) = (dir.path().join("small.json"), dir.path().join("large.json"));
        std::fs::write(&small, "{}").unwrap();
        std::fs::write(&large, vec![b' '; LARGE_SPEC_BYTES as usize]).unwrap();
        let mut small = Job::all_artifacts(&small, dir.path());
        let mut large = Job::all_artifacts(&large, dir.path());
        // Option 15 is the purge delay: mimalloc 3's default for it is 1000 ms.
        fit_memory_to_a_large_spec(&mut small);
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        assert!(small.before_emitting.is_none());
        fit_memory_to_a_large_spec(&mut large);
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, LARGE_SPEC_PURGE_DELAY_MS);
        #[cfg(target_os = "linux")]
        {
            let huge_pages_disabled = || unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong) } == 1;
            assert!(!huge_pages_disabled(), "huge pages stay on for the load");
            large.before_emitting.expect("a hook for emitting")();
            assert!(huge_pages_disabled());
        }
    }
}
