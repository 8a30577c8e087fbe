//! Emitters: one module per artifact. Each reads only the model (never the spec) and returns
//! files in memory; `crate::write` puts them on disk or compares them.

pub mod markdown;
pub mod rust;
pub mod typescript;
