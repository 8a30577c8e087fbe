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

fn main() -> ExitCode {
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
