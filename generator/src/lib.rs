//! specweave: one API spec in; Rust models and client, TypeScript types and a Markdown API
//! reference out. See ARCHITECTURE.md for the pipeline.

pub mod error;
pub mod load;
pub mod model;
