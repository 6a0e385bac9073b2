//! What an action will do, as the learner confirms it: the typed [`Request`] that is sent,
//! and what the confirmation shows of it (parameters, the AWS CLI equivalent, notes).

use super::{Arg, StepId, Text};
use crate::cloud::{BackupSettings, PitrRequest, RestoreRequest, SnapshotRequest, Todo};
use crate::config::Config;
use crate::validate::Invalid;

/// Choices the learner makes for an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The backup window in local time.
    pub window_local: String,
    /// Cleanup path: keep the restored database (true) or go back (false).
    pub keep_restored: bool,
    /// Language of the sample todos the lab creates.
    pub lang: crate::i18n::Lang,
}

impl Options {
    #[must_use]
    pub fn from_config(config: &Config) -> Self {
        Self {
            window_local: config.backup.window_local.clone(),
            keep_restored: false,
            lang: crate::i18n::Lang::En,
        }
    }
}

/// How the learner confirms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    YesNo,
    /// The learner must type this word.
    Typed(String),
}

/// The switch of the service onto another database: a revision of `base` (the one the
/// service runs) with `DB_HOST` set to `endpoint`, reused when one is registered already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Switch {
    pub cluster: String,
    pub service: String,
    pub container: String,
    /// ARN of the task definition the service runs when the plan is made.
    pub base: String,
    pub endpoint: String,
}

/// The service onto a revision that is registered already (the learner made it in the
/// console and did not deploy it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deploy {
    pub cluster: String,
    pub service: String,
    /// ARN of the revision to run.
    pub task_definition: String,
    pub revision: u32,
}

/// What cleanup removes, on the chosen path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub keep_restored: bool,
    /// The service goes back onto this endpoint (the learner's original database).
    pub switch_back: Option<Switch>,
    /// Instances the lab made, deleted without a final snapshot.
    pub instances: Vec<String>,
    pub snapshot: Option<String>,
}

impl Removal {
    /// Whether `self` asks for nothing that `other` did not ask for: what is left of `other`
    /// after part of it was done.
    #[must_use]
    pub fn within(&self, other: &Self) -> bool {
        self.keep_restored == other.keep_restored
            && (self.switch_back.is_none() || self.switch_back == other.switch_back)
            && self.instances.iter().all(|i| other.instances.contains(i))
            && (self.snapshot.is_none() || self.snapshot == other.snapshot)
    }
}

/// The typed request an action carries out, exactly as confirmed.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    EnableBackups(BackupSettings),
    /// Creates sample todos until there are `wanted`, the n-th with `titles[n]`.
    CreateTodos {
        wanted: usize,
        titles: Vec<String>,
    },
    Snapshot(SnapshotRequest),
    /// Deletes these todos (the ones the app served when the plan was made).
    DeleteTodos(Vec<Todo>),
    Restore(Box<RestoreRequest>),
    SwitchBackend(Switch),
    /// Updates the service to a registered revision, nothing else.
    Deploy(Deploy),
    /// Reads the todos the app serves.
    Verify,
    Pitr(Box<PitrRequest>),
    Cleanup(Removal),
}

/// What an action will do, shown before it runs and carried out as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub step: StepId,
    /// The choices the plan was made with (window, cleanup path, language of the todos).
    pub options: Options,
    pub request: Request,
    pub params: Vec<(Text, Arg)>,
    pub commands: Vec<String>,
    pub notes: Vec<Text>,
    pub confirm: Confirm,
}

/// Whether an action can run now.
#[allow(
    clippy::large_enum_variant,
    reason = "one at a time, made and taken apart right away"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum Ready {
    Plan(Plan),
    AlreadyDone(Text),
    Blocked(Text),
    Invalid(Invalid),
}

/// A parameter line of a plan: its label and its value.
pub fn param(id: &str, value: impl Into<Arg>) -> (Text, Arg) {
    (Text::new(id), value.into())
}
