//! What an action will do, as the learner confirms it: the typed [`Request`] that is sent,
//! and what the confirmation shows of it (parameters, the AWS CLI equivalent, notes).

use super::dump::DumpTaskRequest;
use super::{Arg, StepId, Text};
use crate::cloud::{
    BackupSettings, InstanceChange, NetworkConfig, PitrRequest, RestoreRequest, SnapshotRequest,
    Todo,
};
use crate::config::Config;
use crate::i18n::Id;
use crate::validate::{BackupWindow, Invalid};

/// Choices the learner makes for an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The backup window in local time.
    pub window_local: BackupWindow,
    /// Which way cleanup goes.
    pub cleanup: CleanupPath,
    /// Language of the sample todos the lab creates.
    pub lang: crate::i18n::Lang,
    /// Restore step, when an instance restored under another name is there: restore again
    /// under the lab's name (true) instead of adopting that instance (false).
    pub restore_again: bool,
    /// Point-in-time restore: the moment the learner chose instead of the one the journal
    /// calls for, as typed (`14:03:05` in the learner's zone, or RFC 3339).
    pub restore_time: Option<String>,
}

impl Options {
    #[must_use]
    pub fn from_config(config: &Config) -> Self {
        Self {
            window_local: config.backup.window_local,
            cleanup: CleanupPath::default(),
            lang: crate::i18n::Lang::En,
            restore_again: false,
            restore_time: None,
        }
    }
}

/// One choice the learner makes in a step's dialog before its plan is shown: the typed
/// option it sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// The backup window in local time (`HH:MM-HH:MM`).
    Window(crate::validate::BackupWindow),
    /// The point-in-time restore's moment as typed; `None` keeps the journal's.
    RestoreTime(Option<String>),
    /// Which way cleanup goes.
    Cleanup(CleanupPath),
    /// Restore again under the lab's name (true) or adopt the instance restored under
    /// another name (false).
    RestoreAgain(bool),
}

impl Options {
    /// Takes `setting` into the options.
    pub fn set(&mut self, setting: Setting) {
        match setting {
            Setting::Window(window) => self.window_local = window,
            Setting::RestoreTime(time) => self.restore_time = time,
            Setting::Cleanup(path) => self.cleanup = path,
            Setting::RestoreAgain(again) => self.restore_again = again,
        }
    }
}

/// The ways cleanup can go after the restore. The chapter names two ways on from a restore:
/// use the restored database, or copy its data back into the original one (dump & restore).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CleanupPath {
    /// The service stays on the restored database; only the snapshot (and the point-in-time
    /// copy) goes.
    KeepRestored,
    /// The service goes back to the original database as it is; the restored data goes with
    /// the restored instance.
    #[default]
    GoBack,
    /// The restored data is copied into the original database by a one-off task (dump &
    /// restore), the service goes back to it, then the restored instance and the snapshot go.
    CopyBack,
}

impl CleanupPath {
    /// Every path, in the order the cleanup dialog lists them (the one that loses nothing
    /// first, the one that gives up the restored data last).
    pub const ALL: [CleanupPath; 3] = [Self::KeepRestored, Self::CopyBack, Self::GoBack];

    /// Whether the service stays on the restored database.
    #[must_use]
    pub fn keeps_restored(self) -> bool {
        self == Self::KeepRestored
    }
}

/// How the learner confirms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    YesNo,
    /// Yes or no to "do you see them in your browser too?" (the verify step).
    Seen,
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

/// Dump & restore: a one-off Fargate task next to the service copies the restored database's
/// data into the original one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyBack {
    pub cluster: String,
    /// The task definition to register (or find again by its fingerprint).
    pub dump: DumpTaskRequest,
    /// The service's own network: the way to both databases.
    pub network: NetworkConfig,
}

/// What cleanup removes, on the chosen path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub path: CleanupPath,
    /// Dump & restore: the copy into the original database, before the service goes back.
    pub copy: Option<CopyBack>,
    /// The service goes back onto this endpoint (the learner's original database).
    pub switch_back: Option<Switch>,
    /// Dump & restore: the todo titles (sorted) the app must serve from the original database
    /// before anything is deleted: those of the restored one. Empty when they are not known
    /// (the app never served them from the restored database): then any todos will do.
    pub verify: Option<Vec<String>>,
    /// Instances the lab made, deleted without a final snapshot.
    pub instances: Vec<String>,
    /// Those of `instances` with deletion protection on: it is turned off first.
    pub unprotect: Vec<String>,
    pub snapshot: Option<String>,
    /// Dump & restore: the family whose ACTIVE revisions (the dump task definitions) are
    /// deregistered at the end.
    pub dump_family: Option<String>,
}

impl Removal {
    /// Whether `self` asks for nothing that `other` did not ask for: what is left of `other`
    /// after part of it was done.
    #[must_use]
    pub fn within(&self, other: &Self) -> bool {
        self.path == other.path
            && (self.copy.is_none() || self.copy == other.copy)
            && (self.switch_back.is_none() || self.switch_back == other.switch_back)
            && (self.verify.is_none() || self.verify == other.verify)
            && self.instances.iter().all(|i| other.instances.contains(i))
            && self.unprotect.iter().all(|i| other.unprotect.contains(i))
            && (self.snapshot.is_none() || self.snapshot == other.snapshot)
            && (self.dump_family.is_none() || self.dump_family == other.dump_family)
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
    /// Takes this instance, restored under another name, as the run's restored database (no
    /// call; the journal remembers it).
    AdoptRestored(String),
    /// Mends the restored database at once (its security groups, Multi-AZ).
    MendRestored(InstanceChange),
    SwitchBackend(Switch),
    /// Updates the service to a registered revision, nothing else.
    Deploy(Deploy),
    /// Reads the todos the app serves.
    Verify,
    Pitr(Box<PitrRequest>),
    Cleanup(Box<Removal>),
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
pub fn param(id: Id, value: impl Into<Arg>) -> (Text, Arg) {
    (Text::new(id), value.into())
}
