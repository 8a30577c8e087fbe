//! `cargo xtask`: the project's own tasks.

mod bench;
mod conformance;
mod hook;
mod tools;

use clap::{Parser, Subcommand, ValueEnum};
use specweave::cli;
use specweave::write::Mode;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Xtask {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate every artifact from codegen.toml (with --check: verify they are fresh).
    Codegen {
        /// Write nothing; exit 1 with a diff when a generated file is stale, missing or extra.
        #[arg(long)]
        check: bool,
    },
    /// Install the pinned test tools (npm ci), then run every test of the workspace.
    Test,
    /// Install the pinned test tools only.
    InstallTools,
    /// Time the release binary on our spec, Coder's and GitHub's, beside openapi-typescript
    /// and widdershins (installed pinned from tools/bench).
    Bench,
    /// Install a git pre-commit hook that runs `cargo xtask codegen --check`.
    InstallHook,
    /// Conformance checks over ../shared (Coder's specs, goldens, corpus).
    Conformance {
        /// Only these artifacts (default: all).
        #[arg(value_enum)]
        only: Vec<Artifact>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Artifact {
    Rust,
    Typescript,
    Markdown,
}

/// The repository root: xtask lives one level below it.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the repo").to_path_buf()
}

fn main() -> ExitCode {
    let root = repo_root();
    let code = match Xtask::parse().command {
        Command::Codegen { check } => {
            let mode = if check { Mode::Check } else { Mode::Write };
            cli::codegen(&root.join("codegen.toml"), "codegen.toml", mode, "cargo xtask codegen")
        }
        Command::Bench => u8::from(!bench::run(&root)),
        Command::InstallTools => u8::from(!tools::install(&root)),
        Command::InstallHook => match hook::install(&root) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: {e}");
                1
            }
        },
        Command::Test => {
            if !tools::install(&root) {
                return ExitCode::FAILURE;
            }
            let status = std::process::Command::new(env!("CARGO"))
                .args(["test", "--workspace", "--all-targets"])
                .current_dir(&root)
                .status()
                .expect("cargo runs");
            u8::from(!status.success())
        }
        Command::Conformance { only } => {
            let all = only.is_empty();
            let mut ok = true;
            if all || only.contains(&Artifact::Rust) {
                ok &= conformance::rust::run(&root);
            }
            if all || only.contains(&Artifact::Typescript) {
                ok &= conformance::typescript::run(&root);
            }
            if all || only.contains(&Artifact::Markdown) {
                ok &= conformance::markdown::run(&root);
            }
            u8::from(!ok)
        }
    };
    ExitCode::from(code)
}
