//! `status`, `check` and `run` without the TUI: the same lab, actions and texts, with progress
//! on stderr and the result (text or JSON) on stdout. This module holds the commands' entry
//! points; [`session`] is the worker's client, `run` the `run` command and [`status`] the
//! renderers of `status` and `check`.

use std::io::Write;
use std::sync::{Arc, Mutex};

use crate::cloud::Cloud;
use crate::cloud::recorder::CallLog;
use crate::config::Config;
use crate::i18n::Lang;
use crate::lab::journal::Journal;
use crate::lab::observe::{Observed, PartId};
use crate::lab::plan::Options;
use crate::lab::{StepId, Text};
use crate::msg;

/// A progress line on stderr. Unlike `eprintln!`, a closed stderr (`2>&1 | head`) does not
/// stop the command half way: the line is dropped and the work goes on.
macro_rules! note {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod run;
mod session;
mod status;

pub use status::{
    CheckDocument, StatusView, StepReport, TaskDefinitionView, UnknownPart, unknown_parts,
};

use session::Session;

/// Writes `text` to stdout and flushes it. A closed stdout (`… | head`) is not an error: the
/// reader has seen what it wanted, so writing stops quietly (`Ok(false)`). Any other failure
/// (a full disk behind `> report.md`) is the caller's to tell.
pub fn write_stdout_or_error(text: &str) -> std::io::Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}

/// Everything a headless command works with.
pub struct Runtime {
    pub cloud: Arc<dyn Cloud>,
    pub config: Config,
    pub journal: Arc<Mutex<Journal>>,
    pub log: Arc<CallLog>,
    pub lang: Lang,
    pub read_only: bool,
    pub json: bool,
}

/// Exit codes.
pub const EXIT_OK: i32 = 0;
pub const EXIT_INCOMPLETE: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

impl Runtime {
    fn journal(&self) -> std::sync::MutexGuard<'_, Journal> {
        self.journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// One look at every part, as the worker takes them (the journal takes note).
    pub async fn observe(&self, observed: &mut Observed) {
        crate::worker::look(
            self.cloud.as_ref(),
            &self.config,
            &self.journal,
            &PartId::ALL,
            observed,
        )
        .await;
    }

    /// Writes `text` to stdout; a failure other than a closed reader is said. False then.
    fn out(&self, text: &str) -> bool {
        match write_stdout_or_error(text) {
            Ok(_) => true,
            Err(e) => {
                note!(
                    "✘ {}",
                    Text::new(msg::STDOUT_NOT_WRITTEN)
                        .arg("error", e.to_string())
                        .render(self.lang)
                );
                false
            }
        }
    }

    /// The worker's first look at every part, as the TUI gets it.
    pub async fn first_look(&self) -> Observed {
        let mut session = Session::start(self);
        let observed = session.observed().await;
        session.stop();
        self.or_look(observed).await
    }

    /// `observed`, or a look of its own when the worker ended before it looked.
    async fn or_look(&self, observed: Option<Observed>) -> Observed {
        if let Some(observed) = observed {
            return observed;
        }
        let mut observed = Observed::default();
        self.observe(&mut observed).await;
        observed
    }

    /// `check`: exit 0 when every step through verify is done.
    pub async fn check(&self) -> i32 {
        let observed = self.first_look().await;
        self.report_part_errors(&observed);
        let doc = self.document(&observed);
        let written = self.print_document(&doc);
        if doc.complete && written {
            EXIT_OK
        } else {
            EXIT_INCOMPLETE
        }
    }

    /// `status`: what is observed, without secrets.
    pub async fn status(&self) -> i32 {
        let observed = self.first_look().await;
        self.report_part_errors(&observed);
        let view = StatusView::from(&observed, &self.config, self.lang);
        let written = if self.json {
            self.out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&view).unwrap_or_default()
            ))
        } else {
            self.out(&self.status_text(&view, &observed))
        };
        // A part that could not be read is not known: the status is incomplete.
        if view.unknown.is_empty() && written {
            EXIT_OK
        } else {
            EXIT_INCOMPLETE
        }
    }

    /// `run STEP…`: performs each action, waits until its check is done, prints the check
    /// document at the end. A front end of the worker like the TUI: the worker polls, runs
    /// the confirmed plans and sends what it sees; this prints it.
    pub async fn run(&self, steps: &[StepId], options: &Options, yes: bool) -> i32 {
        self.run_steps(steps, options, yes).await
    }
}
