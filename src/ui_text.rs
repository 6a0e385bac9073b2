//! The texts of errors, shared by the TUI and the headless commands. Each lives beside its
//! error type; this module gathers them for the front ends.

pub use crate::cloud::error_text::error_text;
pub use crate::cloud::faults::fault_spec_text;
pub use crate::lab::act::action_error_text;
pub use crate::state::file_problem_text;
pub use crate::validate::invalid_text;
