//! backup-lab: a guided terminal app for the Backup & Recovery lab.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used)]

pub mod cloud;
pub mod validate;
pub mod config;
pub mod i18n;
pub mod lab;
pub mod app;
pub mod ui_text;
pub mod worker;
pub mod cli;
pub mod headless;
pub mod report;
pub mod tui;
pub mod ui;
