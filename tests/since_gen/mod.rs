//! The generator of `src/version/since_table.rs` (see `tests/since_table.rs`).

pub mod rng;
pub mod rst;
