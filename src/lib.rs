//! backup-lab: a guided terminal app for the Backup & Recovery lab.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used)]

pub mod action;
pub mod app;
pub mod archive;
pub mod cli;
pub mod cloud;
pub mod config;
pub mod format;
pub mod headless;
pub mod i18n;
pub mod keymap;
pub mod lab;
pub mod protocol;
pub mod report;
pub mod stack;
pub mod state;
pub mod text;
pub mod tui;
pub mod ui;
pub mod ui_text;
pub mod validate;
pub mod worker;
