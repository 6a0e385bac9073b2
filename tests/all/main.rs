//! The integration tests, as modules of one test binary: linking a binary against the whole
//! application takes longer than most of its tests run, so there is one link instead of one per
//! file (BENCHMARKS.md has the figures). `cargo test --locked` runs them all;
//! `cargo test --test all aws_moto::` runs one module, `cargo test --test all NAME` one test.
//!
//! Helpers shared by the modules are in `tests/support/`, Python harness scripts in
//! `tests/harness/`, screen snapshots in `tests/all/snapshots/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails at the first broken assumption, helpers included"
)]
#![allow(
    clippy::format_push_string,
    clippy::case_sensitive_file_extension_comparisons,
    clippy::used_underscore_binding,
    clippy::unused_self,
    clippy::assigning_clones,
    reason = "test code keeps the plainest form; these style rules guard the product code"
)]

#[path = "../support/mod.rs"]
mod support;

mod aws_moto;
mod classroom;
mod cli;
mod consistency;
mod credentials;
mod diagnoses;
mod dump;
mod dump_task;
mod expiry;
mod faults;
#[cfg(unix)]
mod files;
mod inputs;
mod lab_moto;
mod lab_sim;
mod layers;
mod locales;
mod recovery;
mod restore_diag;
mod restore_ends;
mod stack;
mod state;
mod state_limits;
mod tty;
mod ui_snapshots;
mod waiting;
