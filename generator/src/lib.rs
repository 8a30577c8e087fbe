//! specweave: one API spec in; Rust models and client, TypeScript types and a Markdown API
//! reference out. See ARCHITECTURE.md for the pipeline:
//! `load` -> `model` -> `check` -> `emit::*` -> `write`.

pub mod check;
pub mod cli;
pub mod config;
pub mod emit;
pub mod error;
pub mod generate;
pub mod load;
pub mod model;
pub mod naming;
pub mod output;
pub mod write;
