//! The journal: a small local history of lab events with timestamps, one file per account and
//! region (or per simulated world) in the state directory. It never replaces the live checks;
//! it remembers what they cannot see any more (the todos before the disaster, a snapshot that
//! cleanup removed) and feeds the RPO/RTO figures and the report.
//!
//! Events are appended as JSON lines, one write each, so a crash loses at most the line being
//! written; a torn line is skipped (and counted) when read, and the next append starts on a
//! line of its own. Only the owner of the state directory appends; readers keep what they
//! notice in memory. A restarted program reads the history back. Times are the cloud's (AWS timestamps where AWS
//! gives one, else the moment of observation); arithmetic on them never goes below zero, so a
//! skewed local clock cannot produce negative durations.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::plan::CleanupPath;
use super::{Observed, StepId};
use crate::cloud::TodoId;
use crate::cloud::recorder::{CallRecord, Sink};
use crate::config::Config;
use crate::state::{FileProblem, create_private_dir, private_options, read_state_file};

/// A todo list as the journal notes it: id and title of each todo.
pub type TodoList = Vec<(TodoId, String)>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EventKind {
    /// Automated backups are on (retention > 0): a recovery point every ~5 minutes.
    BackupsEnabled {
        retention_days: u32,
    },
    /// A manual snapshot became available; `at` is the moment it holds.
    Snapshot {
        id: String,
    },
    /// The lab's snapshot was requested (by the program, at the request) or first seen
    /// `creating` (made in the console). One per snapshot, however long it takes.
    SnapshotRequested {
        id: String,
    },
    /// A resource the journal followed (snapshot or instance) is no longer there; a later
    /// request for the same name is a new one.
    Gone {
        resource: String,
    },
    /// The todo list as it was seen, whenever it changed.
    Todos {
        todos: Vec<(TodoId, String)>,
    },
    /// The todos were deleted; `at` is when the deleting began (or, for a deletion made
    /// elsewhere, when backup-lab first saw fewer todos).
    Disaster {
        lost: Vec<String>,
        /// The last moment backup-lab saw the full list: the deletion began after it. Far
        /// from `at`, the deletion happened while backup-lab was not watching.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        full_until: Option<Timestamp>,
    },
    RestoreRequested {
        instance: String,
    },
    RestoreAvailable {
        instance: String,
    },
    /// The learner chose `instance`, restored under another name, as the restored database of
    /// this run: checks and actions use it from then on (until a restore under the lab's name
    /// is requested).
    RestoreAdopted {
        instance: String,
    },
    BackendSwitched {
        revision: u32,
        /// The revision the service ran before the switch, when the look saw it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<u32>,
    },
    RolloutComplete {
        revision: u32,
    },
    /// The rollout onto the restored database failed (the circuit breaker declared it FAILED,
    /// or rolled the service back); a new switch starts over.
    RolloutFailed {
        revision: u32,
        failed_tasks: u32,
    },
    TodosVerified {
        count: usize,
    },
    /// The learner looked in the browser and confirmed the todos the app served just then.
    TodosSeen {
        count: usize,
    },
    /// `restored_to` is the moment the restore holds: the one the plan aimed at, or the
    /// source's latest restorable time when a restore made elsewhere was seen.
    PitrRequested {
        instance: String,
        restored_to: Option<Timestamp>,
        /// The learner named the moment (`--restore-time`): it is neither the latest
        /// restorable time nor the moment before the deletion the lab aims at.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        chosen: bool,
    },
    PitrAvailable {
        instance: String,
    },
    /// The way cleanup goes, written as `"path": "keep-restored"` (older journals wrote two
    /// flags, `keep_restored` and `copy_back`; they still load).
    CleanupChosen {
        #[serde(flatten, with = "cleanup_path")]
        path: CleanupPath,
    },
    CleanupDone,
    /// Dump & restore: the copy task was started (RunTask); `at` is when ECS created it.
    CopyStarted {
        task: String,
        task_definition: String,
    },
    /// The copy task stopped with exit code 0: the original database holds the restored data.
    CopyDone {
        task: String,
    },
    /// The copy task stopped without success: ECS's reason and the exit code, if it had one.
    CopyFailed {
        task: String,
        reason: Option<String>,
        exit_code: Option<i32>,
    },
    /// Dump & restore: the app serves the todos from the original database again.
    ServedFromSource {
        count: usize,
    },
    /// An action the program performed and how it ended.
    Action {
        step: StepId,
        ok: bool,
    },
    /// The learner answered a self-check question with choice `choice` (0-based).
    SelfCheckAnswered {
        question: String,
        choice: u8,
        right: bool,
    },
}

/// The cleanup path of a `cleanup-chosen` line: written as `path`, read from `path` or from the
/// two flags older journals wrote (`keep_restored`, and `copy_back` only when set).
mod cleanup_path {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::lab::plan::CleanupPath;

    #[derive(Serialize)]
    struct Written {
        path: CleanupPath,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Read {
        Path {
            path: CleanupPath,
        },
        Flags {
            keep_restored: bool,
            #[serde(default)]
            copy_back: bool,
        },
    }

    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` hands over a reference
    pub(super) fn serialize<S: Serializer>(path: &CleanupPath, s: S) -> Result<S::Ok, S::Error> {
        Written { path: *path }.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<CleanupPath, D::Error> {
        Ok(match Read::deserialize(d)? {
            Read::Path { path } => path,
            Read::Flags {
                keep_restored: true,
                ..
            } => CleanupPath::KeepRestored,
            Read::Flags {
                copy_back: true, ..
            } => CleanupPath::CopyBack,
            Read::Flags { .. } => CleanupPath::GoBack,
        })
    }
}

impl EventKind {
    /// Which kind of event this is, for lookups.
    #[must_use]
    pub fn kind(&self) -> Kind {
        match self {
            Self::BackupsEnabled { .. } => Kind::BackupsEnabled,
            Self::Snapshot { .. } => Kind::Snapshot,
            Self::SnapshotRequested { .. } => Kind::SnapshotRequested,
            Self::Gone { .. } => Kind::Gone,
            Self::Todos { .. } => Kind::Todos,
            Self::Disaster { .. } => Kind::Disaster,
            Self::RestoreRequested { .. } => Kind::RestoreRequested,
            Self::RestoreAvailable { .. } => Kind::RestoreAvailable,
            Self::RestoreAdopted { .. } => Kind::RestoreAdopted,
            Self::BackendSwitched { .. } => Kind::BackendSwitched,
            Self::RolloutComplete { .. } => Kind::RolloutComplete,
            Self::RolloutFailed { .. } => Kind::RolloutFailed,
            Self::TodosVerified { .. } => Kind::TodosVerified,
            Self::TodosSeen { .. } => Kind::TodosSeen,
            Self::PitrRequested { .. } => Kind::PitrRequested,
            Self::PitrAvailable { .. } => Kind::PitrAvailable,
            Self::CleanupChosen { .. } => Kind::CleanupChosen,
            Self::CleanupDone => Kind::CleanupDone,
            Self::CopyStarted { .. } => Kind::CopyStarted,
            Self::CopyDone { .. } => Kind::CopyDone,
            Self::CopyFailed { .. } => Kind::CopyFailed,
            Self::ServedFromSource { .. } => Kind::ServedFromSource,
            Self::Action { .. } => Kind::Action,
            Self::SelfCheckAnswered { .. } => Kind::SelfCheckAnswered,
        }
    }

    /// The kind's name as the journal file writes it.
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }
}

/// The kinds of event, without their data: what the journal is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    BackupsEnabled,
    Snapshot,
    SnapshotRequested,
    Gone,
    Todos,
    Disaster,
    RestoreRequested,
    RestoreAvailable,
    RestoreAdopted,
    BackendSwitched,
    RolloutComplete,
    RolloutFailed,
    TodosVerified,
    TodosSeen,
    PitrRequested,
    PitrAvailable,
    CleanupChosen,
    CleanupDone,
    CopyStarted,
    CopyDone,
    CopyFailed,
    ServedFromSource,
    Action,
    SelfCheckAnswered,
}

impl Kind {
    /// The name the journal file writes (`kind` of each line).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::BackupsEnabled => "backups-enabled",
            Self::Snapshot => "snapshot",
            Self::SnapshotRequested => "snapshot-requested",
            Self::Gone => "gone",
            Self::Todos => "todos",
            Self::Disaster => "disaster",
            Self::RestoreRequested => "restore-requested",
            Self::RestoreAvailable => "restore-available",
            Self::RestoreAdopted => "restore-adopted",
            Self::BackendSwitched => "backend-switched",
            Self::RolloutComplete => "rollout-complete",
            Self::RolloutFailed => "rollout-failed",
            Self::TodosVerified => "todos-verified",
            Self::TodosSeen => "todos-seen",
            Self::PitrRequested => "pitr-requested",
            Self::PitrAvailable => "pitr-available",
            Self::CleanupChosen => "cleanup-chosen",
            Self::CleanupDone => "cleanup-done",
            Self::CopyStarted => "copy-started",
            Self::CopyDone => "copy-done",
            Self::CopyFailed => "copy-failed",
            Self::ServedFromSource => "served-from-source",
            Self::Action => "action",
            Self::SelfCheckAnswered => "self-check-answered",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When it happened, by the cloud's clock.
    pub at: Timestamp,
    /// When the program noticed it.
    pub seen: Timestamp,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// The journal of one account+region or simulated world.
#[derive(Debug, Default)]
pub struct Journal {
    path: Option<PathBuf>,
    calls_path: Option<PathBuf>,
    events: Vec<Event>,
    /// Whether events are appended to the file (the owner) or kept in memory (readers).
    writable: bool,
    /// The files with lines that could not be read when the journal was opened, and how many.
    skipped: Vec<(PathBuf, usize)>,
    /// Where events are missing: for each unreadable line of the events file, how many events
    /// came before it. What happened there (a crash tore the line) is not known.
    gaps: Vec<usize>,
    /// The latest failed write (events or calls), shared with the call sink.
    write_error: Arc<Mutex<Option<String>>>,
    /// The space kept free for the journal (owners only): see [`append_reserved`].
    reserve: Option<PathBuf>,
    /// A reader's look at the events file: its length when last loaded.
    loaded_len: u64,
    /// Resources seen present since their request (this process only): their absence in a
    /// later look means they are gone.
    present: std::collections::BTreeSet<String>,
    /// The owner's end mark, written when the journal is dropped.
    end_mark: Option<EndMark>,
    /// The last look (this process only) that still showed the todo list of the `Todos`
    /// event at this index: the list was there at least until then.
    seen_until: std::collections::BTreeMap<usize, Timestamp>,
}

/// How many calls are appended between two looks at the calls file's size.
const CALLS_PER_SIZE_CHECK: u32 = 200;

/// The largest journal file read (a long lab writes about a megabyte of calls per hour).
const JOURNAL_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// A journal file that cannot be read at all. It is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: {problem}")]
    Unreadable { path: PathBuf, problem: FileProblem },
    #[error("{path}: {reason}")]
    Unwritable { path: PathBuf, reason: String },
}

/// How long after a request a look that misses the new resource still counts as too early
/// to say it is gone (RDS answers describe calls right after a create, but not every proxy
/// or emulator does).
const GONE_GRACE_S: i64 = 120;

/// Where state lives: `--state-dir`, else `$BACKUP_LAB_STATE_DIR`, else the XDG state dir.
#[must_use]
pub fn state_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os("BACKUP_LAB_STATE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::state_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/state")))
        .unwrap_or_else(std::env::temp_dir)
        .join("backup-lab")
}

/// The journal key of an account: `aws-<account>-<region>` or `sim-<world>`.
#[must_use]
pub fn key_for_aws(account: &str, region: &str) -> String {
    format!("aws-{account}-{region}")
}

impl Journal {
    /// A journal kept only in memory (tests, read-only runs without a state dir).
    #[must_use]
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// A read-only copy made of events (what the TUI holds).
    #[must_use]
    pub fn from_events(events: Vec<Event>) -> Self {
        Self {
            events,
            ..Self::default()
        }
    }

    fn files(dir: &Path, key: &str) -> (PathBuf, PathBuf) {
        let journal_dir = dir.join("journal");
        (
            journal_dir.join(format!("{key}.jsonl")),
            journal_dir.join(format!("{key}.calls.jsonl")),
        )
    }

    /// Opens (or starts) the journal `key` under `dir` for its owner, who appends to it. Lines that cannot be read are skipped and counted
    /// ([`Journal::skipped`]); a file that cannot be read at all is an error and stays as it is.
    pub fn open(dir: &Path, key: &str) -> Result<Self, JournalError> {
        let mut journal = Self::read(dir, key)?;
        let unwritable = |path: &Path, e: std::io::Error| JournalError::Unwritable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let journal_dir = dir.join("journal");
        create_private_dir(&journal_dir).map_err(|e| unwritable(&journal_dir, e))?;
        // Both files are opened for appending now, so that a journal that cannot be written
        // stops the program before it does anything, not after.
        for path in [&journal.path, &journal.calls_path].into_iter().flatten() {
            private_options()
                .append(true)
                .create(true)
                .open(path)
                .map_err(|e| unwritable(path, e))?;
        }
        let reserve = journal_dir.join(RESERVE_FILE);
        keep_reserve(&reserve).map_err(|e| unwritable(&reserve, e))?;
        journal.reserve = Some(reserve);
        journal.writable = true;
        if let Some(calls) = journal.calls_path.clone() {
            // What the report does not need goes before this run adds to it.
            if let Err(problem) = super::calls::compact_if_large(&calls) {
                tracing::warn!("calls not compacted: {problem}");
            }
            journal.mark_calls(&super::calls::CallLine::Opened {
                opened: Timestamp::now(),
                pid: std::process::id(),
            });
            journal.end_mark = Some(EndMark { path: calls });
        }
        Ok(journal)
    }

    /// Reads the journal `key` under `dir` without ever writing to it (`status`, `check`,
    /// `report`, the read-only TUI): what they notice is kept in memory only.
    pub fn read(dir: &Path, key: &str) -> Result<Self, JournalError> {
        let (path, calls_path) = Self::files(dir, key);
        let (events, gaps) = read_lines_with_gaps::<Event>(&path)?;
        let skipped_events = gaps.len();
        // Read line by line: the calls file may be large until its owner compacts it.
        let skipped_calls = super::calls::summarize(&calls_path)
            .map_err(|problem| JournalError::Unreadable {
                path: calls_path.clone(),
                problem,
            })?
            .skipped;
        let skipped = [(&path, skipped_events), (&calls_path, skipped_calls)]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(p, n)| (p.clone(), n))
            .collect();
        Ok(Self {
            loaded_len: std::fs::metadata(&path).map_or(0, |m| m.len()),
            path: Some(path),
            calls_path: Some(calls_path),
            events,
            writable: false,
            skipped,
            gaps,
            write_error: Arc::default(),
            reserve: None,
            present: std::collections::BTreeSet::new(),
            end_mark: None,
            seen_until: std::collections::BTreeMap::new(),
        })
    }

    /// The journal's files, events first.
    #[must_use]
    pub fn paths(dir: &Path, key: &str) -> [PathBuf; 2] {
        let (events, calls) = Self::files(dir, key);
        [events, calls]
    }

    /// How many lines could not be read when the journal was opened.
    #[must_use]
    pub fn skipped(&self) -> usize {
        self.skipped.iter().map(|(_, n)| n).sum()
    }

    /// Each file with lines that could not be read, and how many.
    #[must_use]
    pub fn skipped_files(&self) -> &[(PathBuf, usize)] {
        &self.skipped
    }

    /// The events file, when there is one.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The latest write that failed, if any: shown to the learner, not only logged.
    #[must_use]
    pub fn write_error(&self) -> Option<String> {
        self.write_error
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// A reader loads the events again when the owner appended to the file since the last
    /// look; what the reader noticed on its own is dropped and noticed again. True when the
    /// events changed.
    pub fn refresh(&mut self) -> bool {
        if self.writable {
            return false;
        }
        let Some(path) = &self.path else { return false };
        let len = std::fs::metadata(path).map_or(0, |m| m.len());
        if len == self.loaded_len {
            return false;
        }
        match read_lines_with_gaps::<Event>(path) {
            Ok((events, gaps)) => {
                self.events = events;
                self.gaps = gaps;
                self.loaded_len = len;
                true
            }
            Err(e) => {
                tracing::warn!("journal not reloaded: {e}");
                false
            }
        }
    }

    /// Appends a run mark to the calls file (owners only).
    fn mark_calls(&self, mark: &super::calls::CallLine) {
        if let Some(path) = self.calls_path.as_ref().filter(|_| self.writable)
            && let Err(e) = append_line(path, mark, false)
        {
            tracing::warn!("run mark not written: {e}");
            *self
                .write_error
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) =
                Some(format!("{}: {e}", path.display()));
        }
    }

    /// The calls as the report counts them. A run without an end mark that no longer holds
    /// the state directory ended abruptly (killed or crashed), like the earlier ones.
    #[must_use]
    pub fn call_summary(&self) -> super::calls::CallSummary {
        let Some(path) = self.calls_path.as_deref() else {
            return super::calls::CallSummary::default();
        };
        let mut summary = super::calls::summarize(path).unwrap_or_default();
        if let Some((start, pid)) = summary.open_run {
            let running = pid == std::process::id()
                || path.parent().and_then(Path::parent).is_some_and(|dir| {
                    matches!(crate::state::holding(dir), crate::state::Holding::Running(o) if o.pid == pid)
                });
            if !running {
                summary.ended_abruptly.push(start);
                summary.open_run = None;
            }
        }
        summary
    }

    /// The sink that appends each call to the calls file (owners only). The file is
    /// compacted whenever it has grown past [`super::calls::COMPACT_AT`].
    #[must_use]
    pub fn call_sink(&self) -> Option<Sink> {
        let path = self.calls_path.clone().filter(|_| self.writable)?;
        let problem = self.write_error.clone();
        // One append or compaction at a time; how many appends since the size was looked at.
        let appends = Arc::new(Mutex::new(0u32));
        let reserve = self.reserve.clone();
        Some(Arc::new(move |call| {
            let mut appended = appends
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *appended += 1;
            if *appended >= CALLS_PER_SIZE_CHECK {
                *appended = 0;
                if let Err(e) = super::calls::compact_if_large(&path) {
                    tracing::warn!("calls not compacted: {e}");
                }
            }
            if let Err(e) = append_reserved(&path, reserve.as_deref(), call, false) {
                tracing::warn!("call not journaled: {e}");
                *problem
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) =
                    Some(format!("{}: {e}", path.display()));
            }
        }))
    }

    #[must_use]
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The calls recorded for this journal.
    #[must_use]
    pub fn calls(&self) -> Vec<CallRecord> {
        self.calls_path
            .as_deref()
            .and_then(|path| read_lines(path).ok())
            .map(|(calls, _)| calls)
            .unwrap_or_default()
    }

    #[must_use]
    pub fn calls_path(&self) -> Option<PathBuf> {
        self.calls_path.clone()
    }

    pub fn record(&mut self, at: Timestamp, seen: Timestamp, kind: EventKind) {
        let event = Event { at, seen, kind };
        if let Some(path) = self.path.as_ref().filter(|_| self.writable)
            && let Err(e) = append_reserved(path, self.reserve.as_deref(), &event, true)
        {
            tracing::warn!("journal not written: {e}");
            *self
                .write_error
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) =
                Some(format!("{}: {e}", path.display()));
        }
        self.events.push(event);
    }

    /// The open request for `resource`: its latest request event not followed by its
    /// [`EventKind::Gone`]. Its `at` is when the learner (or the program) asked for it.
    #[must_use]
    pub fn open_request(&self, resource: &str) -> Option<&Event> {
        for e in self.events.iter().rev() {
            match &e.kind {
                EventKind::Gone { resource: r } if r == resource => return None,
                EventKind::RestoreRequested { instance: r }
                | EventKind::PitrRequested { instance: r, .. }
                | EventKind::SnapshotRequested { id: r }
                    if r == resource =>
                {
                    return Some(e);
                }
                _ => {}
            }
        }
        None
    }

    /// The instance this run treats as the restored database: the one the learner adopted,
    /// unless a restore under the lab's own name was requested since; else the lab's name.
    #[must_use]
    pub fn restored_instance<'a>(&'a self, config: &'a Config) -> &'a str {
        let lab_name = &config.names.restored_instance;
        for e in self.events.iter().rev() {
            match &e.kind {
                EventKind::RestoreAdopted { instance } => return instance,
                EventKind::RestoreRequested { instance } if instance == lab_name => {
                    return lab_name;
                }
                _ => {}
            }
        }
        lab_name
    }

    /// When the resource's current request was made, if the journal knows it.
    #[must_use]
    pub fn requested_at(&self, resource: &str) -> Option<Timestamp> {
        self.open_request(resource).map(|e| e.at)
    }

    /// Notes whether a followed resource is there in a look taken at `looked`: present marks
    /// it, absent (after the grace time, or after it was seen) closes its request.
    fn follow(&mut self, resource: &str, present: bool, looked: Timestamp, now: Timestamp) {
        let Some(request) = self.open_request(resource) else {
            self.present.remove(resource);
            return;
        };
        if present {
            self.present.insert(resource.to_owned());
            return;
        }
        let late = looked.as_second() - request.seen.as_second() >= GONE_GRACE_S;
        if late || self.present.contains(resource) {
            self.present.remove(resource);
            self.record(
                now,
                now,
                EventKind::Gone {
                    resource: resource.to_owned(),
                },
            );
        }
    }

    /// The latest event of the given kind name.
    #[must_use]
    pub fn last(&self, kind: Kind) -> Option<&Event> {
        self.events.iter().rev().find(|e| e.kind.kind() == kind)
    }

    #[must_use]
    pub fn has(&self, kind: Kind) -> bool {
        self.last(kind).is_some()
    }

    /// The cleanup path chosen last, if cleanup ever ran.
    #[must_use]
    pub fn cleanup_path(&self) -> Option<CleanupPath> {
        match self.last(Kind::CleanupChosen)?.kind {
            EventKind::CleanupChosen { path } => Some(path),
            _ => None,
        }
    }

    /// The copy task started last and not followed by its end: one that may still run.
    #[must_use]
    pub fn open_copy(&self) -> Option<&str> {
        if !self.after_last(Kind::CopyStarted, Kind::CopyDone)
            || !self.after_last(Kind::CopyStarted, Kind::CopyFailed)
        {
            return None;
        }
        match &self.last(Kind::CopyStarted)?.kind {
            EventKind::CopyStarted { task, .. } => Some(task),
            _ => None,
        }
    }

    /// The revision the service ran before the latest switch onto the restored database, if
    /// a look saw it.
    #[must_use]
    pub fn revision_before_switch(&self) -> Option<u32> {
        self.events.iter().rev().find_map(|e| match e.kind {
            EventKind::BackendSwitched { from, .. } => from,
            _ => None,
        })
    }

    /// The most todos ever seen at once.
    #[must_use]
    pub fn max_todos(&self) -> usize {
        self.events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Todos { todos } => Some(todos.len()),
                _ => None,
            })
            .max()
            .unwrap_or(0)
    }

    /// Whether events may be missing anywhere from `from` to `to`: an unreadable line (a
    /// crash tore it) lies between events that do not both come before `from` or after `to`.
    /// A judgement over that time cannot be made from the journal.
    #[must_use]
    pub fn gap_between(&self, from: Timestamp, to: Timestamp) -> bool {
        self.gaps.iter().any(|&i| {
            let before = i
                .checked_sub(1)
                .and_then(|b| self.events.get(b))
                .map_or(Timestamp::MIN, |e| e.at);
            let after = self.events.get(i).map_or(Timestamp::MAX, |e| e.at);
            before <= to && after >= from
        })
    }

    /// The todo list as last seen at or before `t`.
    #[must_use]
    pub fn todos_at(&self, t: Timestamp) -> Option<&Vec<(TodoId, String)>> {
        self.events
            .iter()
            .rev()
            .filter(|e| e.at <= t)
            .find_map(|e| match &e.kind {
                EventKind::Todos { todos } => Some(todos),
                _ => None,
            })
    }

    fn last_todos_index(&self) -> Option<usize> {
        self.events
            .iter()
            .rposition(|e| matches!(e.kind, EventKind::Todos { .. }))
    }

    /// The last moment the list before the current run of shrinking lists (the full one)
    /// was seen: the last look showing it in this process, else when it was first seen.
    fn full_list_seen_until(&self) -> Option<Timestamp> {
        self.full_list().map(|(_, _, until)| until)
    }

    /// The list before the current run of shrinking lists (the full one), and the last
    /// moment it was seen (see [`Journal::full_list_seen_until`]), when it was still the list
    /// after the snapshot was last requested: what the snapshot holds and a deletion since loses.
    #[must_use]
    pub fn full_list_since_snapshot(&self) -> Option<(&TodoList, Timestamp)> {
        let snapshot = self
            .events
            .iter()
            .rposition(|e| e.kind.kind() == Kind::SnapshotRequested)?;
        let (index, list, until) = self.full_list()?;
        let shrank_before = self.events[index + 1..snapshot.max(index + 1)]
            .iter()
            .any(|e| e.kind.kind() == Kind::Todos);
        (!shrank_before).then_some((list, until))
    }

    /// The full list's event index, the list and the last moment it was seen.
    fn full_list(&self) -> Option<(usize, &TodoList, Timestamp)> {
        let lists: Vec<(usize, &Vec<(TodoId, String)>)> = self
            .events
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match &e.kind {
                EventKind::Todos { todos } => Some((i, todos)),
                _ => None,
            })
            .collect();
        let mut full = lists.len().checked_sub(1)?;
        while full > 0 {
            let (prev, cur) = (lists[full - 1].1, lists[full].1);
            if cur.len() < prev.len() && cur.iter().all(|t| prev.contains(t)) {
                full -= 1;
            } else {
                break;
            }
        }
        let (index, list) = lists[full];
        let until = self
            .seen_until
            .get(&index)
            .copied()
            .unwrap_or(self.events[index].at);
        Some((index, list, until))
    }

    fn last_todos(&self) -> Option<&Vec<(TodoId, String)>> {
        self.events.iter().rev().find_map(|e| match &e.kind {
            EventKind::Todos { todos } => Some(todos),
            _ => None,
        })
    }

    /// Records what the observation shows for the first time. Returns whether anything was new.
    pub fn observe(&mut self, observed: &Observed, config: &Config, now: Timestamp) -> bool {
        let before = self.events.len();
        let names = &config.names;
        let source = observed.instance(&names.instance);
        // A restore under the lab's own name made after an adoption (again, in the console)
        // takes the adopted one's place.
        if let Some(own) = observed.instance(&names.restored_instance)
            && self.restored_instance(config) != names.restored_instance
            && self.open_request(&own.id).is_none()
        {
            self.record(
                own.created.unwrap_or(now).min(now),
                now,
                EventKind::RestoreRequested {
                    instance: own.id.clone(),
                },
            );
        }
        let restored_name = self.restored_instance(config).to_owned();
        let restored = observed.instance(&restored_name);

        if let Some(src) =
            source.filter(|s| s.retention_days > 0 && !self.has(Kind::BackupsEnabled))
        {
            self.record(
                now,
                now,
                EventKind::BackupsEnabled {
                    retention_days: src.retention_days,
                },
            );
        }
        if let (Some(snaps), Some(looked)) = (&observed.snapshots.value, observed.snapshots.updated)
        {
            let snap = snaps.iter().find(|s| s.id == names.snapshot);
            if let Some(s) = snap.filter(|_| self.open_request(&names.snapshot).is_none()) {
                // Made in the console: its request time is its create time, else first sight.
                self.record(
                    s.created.unwrap_or(now).min(now),
                    now,
                    EventKind::SnapshotRequested { id: s.id.clone() },
                );
            }
            self.follow(&names.snapshot, snap.is_some(), looked, now);
        }
        if let Some(snap) = observed
            .snapshot(&names.snapshot)
            .filter(|s| s.is_available())
        {
            let at = snap.created.unwrap_or(now);
            let known = self.events.iter().any(|e| {
                matches!(&e.kind, EventKind::Snapshot { id } if *id == snap.id) && e.at == at
            });
            if !known {
                self.record(
                    at,
                    now,
                    EventKind::Snapshot {
                        id: snap.id.clone(),
                    },
                );
            }
        }
        let switched = restored
            .and_then(|r| r.endpoint.as_deref())
            .is_some_and(|ep| observed.db_host(&names.container) == Some(ep));
        if let (Some(todos), Some(at)) = (&observed.todos.value, observed.todos.updated) {
            let list: Vec<(TodoId, String)> = todos
                .iter()
                .map(|t| (t.id.clone(), t.title.clone()))
                .collect();
            if self.last_todos() == Some(&list) {
                if let Some(i) = self.last_todos_index() {
                    self.seen_until.insert(i, at);
                }
            } else {
                let previous = self.last_todos().cloned().unwrap_or_default();
                self.record(
                    at,
                    now,
                    EventKind::Todos {
                        todos: list.clone(),
                    },
                );
                let serving_source = source
                    .and_then(|s| s.endpoint.as_deref())
                    .is_some_and(|ep| observed.db_host(&names.container) == Some(ep));
                // Todos that vanish because the backend went back to workshop-db after the
                // recovery (cleanup, in the app or the console) are no new disaster, and
                // there is one disaster per recovery point (the action records its own).
                let recovered = self.after_last(Kind::RolloutComplete, Kind::Snapshot)
                    || self.after_last(Kind::CleanupChosen, Kind::Snapshot)
                    || self.after_last(Kind::Disaster, Kind::Snapshot);
                if list.is_empty()
                    && !previous.is_empty()
                    && serving_source
                    && self.has(Kind::Snapshot)
                    && !recovered
                {
                    let began = self.deletion_began().unwrap_or(at);
                    let lost = previous.iter().map(|(_, t)| t.clone()).collect();
                    let full_until = self.full_list_seen_until();
                    self.record(began, now, EventKind::Disaster { lost, full_until });
                }
                if !list.is_empty()
                    && switched
                    && self.has(Kind::RolloutComplete)
                    && !self.verified_after_rollout()
                {
                    self.record(at, now, EventKind::TodosVerified { count: list.len() });
                }
            }
        }
        if let Some(r) = restored {
            // One restore is one event, however long it takes: a restore made in the console
            // is dated by its create time, or by first sight while RDS still omits it.
            if self.open_request(&r.id).is_none() {
                self.record(
                    r.created.unwrap_or(now).min(now),
                    now,
                    EventKind::RestoreRequested {
                        instance: r.id.clone(),
                    },
                );
            }
            if r.is_available() && !self.after_last(Kind::RestoreAvailable, Kind::RestoreRequested)
            {
                self.record(
                    now,
                    now,
                    EventKind::RestoreAvailable {
                        instance: r.id.clone(),
                    },
                );
            }
        }
        if let (Some(service), Some(endpoint)) = (
            observed.service.value.as_ref(),
            restored.and_then(|r| r.endpoint.as_deref()),
        ) {
            self.observe_rollout_failure(service, observed, &names.container, endpoint, now);
        }
        if let Some(service) = observed.service.value.as_ref().filter(|_| switched) {
            let revision = observed
                .current_task_definition()
                .map_or(0, |td| td.revision);
            // A new switch after a failed one counts again, but not the failed deployment
            // itself still standing as PRIMARY (circuit breaker without rollback).
            let primary_failed = service
                .primary()
                .is_some_and(|d| d.rollout == Some(crate::cloud::RolloutState::Failed));
            if !self.after_last(Kind::BackendSwitched, Kind::RestoreRequested)
                || (self.after_last(Kind::RolloutFailed, Kind::BackendSwitched) && !primary_failed)
            {
                let at = service.primary().and_then(|d| d.created).unwrap_or(now);
                // The deployment still draining is the one the service ran before.
                let from = service
                    .deployments
                    .iter()
                    .filter(|d| d.status != crate::cloud::DeploymentStatus::Primary)
                    .find(|d| {
                        observed
                            .task_definitions
                            .get(&d.task_definition)
                            .and_then(|td| td.env(&names.container, crate::cloud::DB_HOST))
                            .is_some_and(|host| {
                                Some(host) != restored.and_then(|r| r.endpoint.as_deref())
                            })
                    })
                    .and_then(|d| crate::cloud::revision_of(&d.task_definition));
                self.record(at, now, EventKind::BackendSwitched { revision, from });
            }
            if service.is_stable() && !self.after_last(Kind::RolloutComplete, Kind::BackendSwitched)
            {
                let at = service
                    .primary()
                    .and_then(|d| d.updated)
                    .unwrap_or(now)
                    .min(now);
                self.record(at, now, EventKind::RolloutComplete { revision });
                if observed.todo_count().is_some_and(|n| n > 0) {
                    self.record(
                        now,
                        now,
                        EventKind::TodosVerified {
                            count: observed.todo_count().unwrap_or(0),
                        },
                    );
                }
            }
        }
        if let Some(p) = observed.instance(&names.pitr_instance) {
            if self.open_request(&p.id).is_none() {
                // Made in the console: the restore point is unknown; the source's latest
                // restorable time at its creation is the closest the journal can tell.
                let at = p.created.unwrap_or(now).min(now);
                let restored_to = source
                    .and_then(|s| s.latest_restorable)
                    .map(|lrt| lrt.min(at));
                self.record(
                    at,
                    now,
                    EventKind::PitrRequested {
                        instance: p.id.clone(),
                        restored_to,
                        chosen: false,
                    },
                );
            }
            if p.is_available() && !self.after_last(Kind::PitrAvailable, Kind::PitrRequested) {
                self.record(
                    now,
                    now,
                    EventKind::PitrAvailable {
                        instance: p.id.clone(),
                    },
                );
            }
        }
        if let (Some(instances), Some(looked)) =
            (&observed.instances.value, observed.instances.updated)
        {
            for id in [&restored_name, &names.pitr_instance] {
                let present = instances.iter().any(|i| &i.id == id);
                self.follow(id, present, looked, now);
            }
        }
        self.events.len() > before
    }

    /// Records a failed rollout onto the restored database once per switch: a FAILED
    /// deployment whose DB_HOST is `endpoint`, or the circuit breaker's rollback event since
    /// the switch.
    fn observe_rollout_failure(
        &mut self,
        service: &crate::cloud::Service,
        observed: &Observed,
        container: &str,
        endpoint: &str,
        now: Timestamp,
    ) {
        let Some(switched) = self.last(Kind::BackendSwitched).map(|e| e.at) else {
            return;
        };
        if self.after_last(Kind::RolloutFailed, Kind::BackendSwitched) {
            return;
        }
        let failed = service.deployments.iter().find(|d| {
            d.rollout == Some(crate::cloud::RolloutState::Failed)
                && observed
                    .task_definitions
                    .get(&d.task_definition)
                    .and_then(|td| td.env(container, crate::cloud::DB_HOST))
                    == Some(endpoint)
        });
        let rolled_back =
            observed.db_host(container) != Some(endpoint) && service.rolled_back_since(switched);
        if failed.is_none() && !rolled_back {
            return;
        }
        let revision = failed
            .and_then(|d| crate::cloud::revision_of(&d.task_definition))
            .or_else(|| match self.last(Kind::BackendSwitched).map(|e| &e.kind) {
                Some(EventKind::BackendSwitched { revision, .. }) => Some(*revision),
                _ => None,
            })
            .unwrap_or(0);
        let at = failed.and_then(|d| d.updated).unwrap_or(now).min(now);
        self.record(
            at,
            now,
            EventKind::RolloutFailed {
                revision,
                failed_tasks: failed.map_or(0, |d| d.failed_tasks),
            },
        );
    }

    /// Whether an event `name` was recorded after the latest `anchor` event (or at all, when
    /// there is no anchor).
    #[must_use]
    pub fn after_last(&self, kind: Kind, anchor: Kind) -> bool {
        let anchor_pos = self.events.iter().rposition(|e| e.kind.kind() == anchor);
        let pos = self.events.iter().rposition(|e| e.kind.kind() == kind);
        match (pos, anchor_pos) {
            (Some(p), Some(a)) => p > a,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// Whether the todos were seen served after the last completed rollout (the RTO's end).
    #[must_use]
    pub fn verified_after_rollout(&self) -> bool {
        self.after_last(Kind::TodosVerified, Kind::RolloutComplete)
    }

    /// When the current run of shrinking todo lists began.
    fn deletion_began(&self) -> Option<Timestamp> {
        let lists: Vec<(&Event, &Vec<(TodoId, String)>)> = self
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Todos { todos } => Some((e, todos)),
                _ => None,
            })
            .collect();
        let mut start = lists.last()?.0.at;
        for pair in lists.windows(2).rev() {
            let (prev, cur) = (pair[0].1, pair[1].1);
            if cur.len() < prev.len() && cur.iter().all(|t| prev.contains(t)) {
                start = pair[1].0.at;
            } else {
                break;
            }
        }
        Some(start)
    }
}

/// The lines of a JSON-lines file that can be read, and how many could not (a line torn by
/// a crash, garbage, another program's text). No file is no lines.
fn read_lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<(Vec<T>, usize), JournalError> {
    read_lines_with_gaps(path).map(|(values, gaps)| (values, gaps.len()))
}

/// [`read_lines`], with where each unreadable line was: how many values came before it.
fn read_lines_with_gaps<T: for<'de> Deserialize<'de>>(
    path: &Path,
) -> Result<(Vec<T>, Vec<usize>), JournalError> {
    let bytes = read_state_file(path, JOURNAL_MAX_BYTES)
        .map_err(|problem| JournalError::Unreadable {
            path: path.to_path_buf(),
            problem,
        })?
        .unwrap_or_default();
    let mut values = Vec::new();
    let mut gaps = Vec::new();
    for line in bytes.split(|b| *b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice(line) {
            Ok(value) => values.push(value),
            Err(_) => gaps.push(values.len()),
        }
    }
    if !gaps.is_empty() {
        let skipped = gaps.len();
        tracing::warn!("{}: {skipped} line(s) could not be read", path.display());
    }
    Ok((values, gaps))
}

/// Appends `value` as one line, in one write. A file whose last line was torn (a crash mid
/// write) gets a line break first, so the new line stands on its own. `durable` also waits
/// until the line is on disk.
fn append_line<T: Serialize>(path: &Path, value: &T, durable: bool) -> std::io::Result<()> {
    let mut file = private_options()
        .read(true)
        .append(true)
        .create(true)
        .open(path)?;
    let mut line = Vec::new();
    if file.metadata()?.len() > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::End(-1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            line.push(b'\n');
        }
    }
    serde_json::to_writer(&mut line, value).map_err(std::io::Error::other)?;
    line.push(b'\n');
    file.write_all(&line)?;
    file.flush()?;
    if durable {
        file.sync_data()?;
    }
    Ok(())
}

/// The file beside the journal that keeps space free for it, and its size: enough for a few
/// lines (a line is well under a kilobyte).
const RESERVE_FILE: &str = ".reserve";
const RESERVE_BYTES: usize = 8 * 1024;

/// Makes sure the reserve is there, full size. Its bytes are random, so that a file system
/// that compresses cannot keep it smaller than it looks.
fn keep_reserve(path: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path)
        .is_ok_and(|m| m.is_file() && m.len() >= u64::try_from(RESERVE_BYTES).unwrap_or(u64::MAX))
    {
        return Ok(());
    }
    let bytes: Vec<u8> = std::iter::repeat_with(|| fastrand::u8(..))
        .take(RESERVE_BYTES)
        .collect();
    crate::state::write_atomic(path, &bytes)
}

/// Appends `value`; when that fails (a full disk), the reserve is given up and the append
/// tried once more, so the line that could not be written still is. The failure is returned
/// either way: the command stops, and nothing it did afterwards is missing from the journal.
fn append_reserved<T: Serialize>(
    path: &Path,
    reserve: Option<&Path>,
    value: &T,
    durable: bool,
) -> std::io::Result<()> {
    let Err(e) = append_line(path, value, durable) else {
        return Ok(());
    };
    if let Some(reserve) = reserve
        && std::fs::remove_file(reserve).is_ok()
        && append_line(path, value, durable).is_ok()
    {
        tracing::warn!("{}: written from the reserve after: {e}", path.display());
    }
    Err(e)
}

/// Appends a call to the calls file.
pub fn append_call(path: &Path, call: &CallRecord) {
    if let Err(e) = append_line(path, call, false) {
        tracing::warn!("call not journaled: {e}");
    }
}

/// Written when the owner's journal is dropped, that is when its run ends normally: the end
/// mark says that no call record of the run is missing.
#[derive(Debug)]
struct EndMark {
    path: PathBuf,
}

impl Drop for EndMark {
    fn drop(&mut self) {
        let mark = super::calls::CallLine::Closed {
            closed: Timestamp::now(),
            pid: std::process::id(),
        };
        if let Err(e) = append_line(&self.path, &mark, false) {
            tracing::warn!("run end not marked: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Timestamp {
        "2026-11-25T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn the_cleanup_path_is_written_as_one_name_and_old_journals_with_two_flags_still_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(dir.path(), "sim-new").unwrap();
        journal.record(
            at(),
            at(),
            EventKind::CleanupChosen {
                path: CleanupPath::CopyBack,
            },
        );
        let written = std::fs::read_to_string(journal.path().unwrap()).unwrap();
        assert!(
            written.contains(r#""kind":"cleanup-chosen","path":"copy-back""#),
            "{written}"
        );
        assert!(!written.contains("keep_restored"), "{written}");
        drop(journal);
        let reader = Journal::read(dir.path(), "sim-new").unwrap();
        assert_eq!(reader.cleanup_path(), Some(CleanupPath::CopyBack));

        let old = [
            (
                r#""kind":"cleanup-chosen","keep_restored":true"#,
                CleanupPath::KeepRestored,
            ),
            (
                r#""kind":"cleanup-chosen","keep_restored":false,"copy_back":true"#,
                CleanupPath::CopyBack,
            ),
            (
                r#""kind":"cleanup-chosen","keep_restored":false"#,
                CleanupPath::GoBack,
            ),
        ];
        for (i, (line, path)) in old.into_iter().enumerate() {
            let key = format!("sim-old-{i}");
            let file = &Journal::paths(dir.path(), &key)[0];
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(
                file,
                format!(
                    "{{\"at\":\"2026-11-25T09:00:00Z\",\"seen\":\"2026-11-25T09:00:00Z\",{line}}}\n"
                ),
            )
            .unwrap();
            let reader = Journal::read(dir.path(), &key).unwrap();
            assert_eq!(reader.skipped(), 0, "{line}");
            assert_eq!(reader.cleanup_path(), Some(path), "{line}");
        }
    }

    #[test]
    fn a_torn_line_is_skipped_and_the_next_append_starts_a_line_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(dir.path(), "sim-x").unwrap();
        journal.record(at(), at(), EventKind::CleanupDone);
        let path = journal.path().unwrap().to_path_buf();
        drop(journal);
        // A crash in the middle of the second line.
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        file.write_all(b"{\"at\":\"2026-11-25T09:01:00Z\",\"se")
            .unwrap();
        drop(file);

        let mut journal = Journal::open(dir.path(), "sim-x").unwrap();
        assert_eq!(journal.events().len(), 1);
        assert_eq!(journal.skipped(), 1);
        journal.record(
            at(),
            at(),
            EventKind::CleanupChosen {
                path: CleanupPath::KeepRestored,
            },
        );

        let reader = Journal::read(dir.path(), "sim-x").unwrap();
        assert_eq!(reader.skipped(), 1, "only the torn line is lost");
        assert_eq!(
            reader
                .events()
                .iter()
                .map(|e| e.kind.name())
                .collect::<Vec<_>>(),
            ["cleanup-done", "cleanup-chosen"]
        );
    }

    #[test]
    fn a_reader_never_writes_and_takes_in_what_the_owner_appends() {
        let dir = tempfile::tempdir().unwrap();
        let mut owner = Journal::open(dir.path(), "sim-y").unwrap();
        let mut reader = Journal::read(dir.path(), "sim-y").unwrap();
        assert!(reader.call_sink().is_none(), "a reader records no calls");
        reader.record(at(), at(), EventKind::CleanupDone);
        assert!(
            std::fs::read_to_string(owner.path().unwrap())
                .unwrap_or_default()
                .is_empty(),
            "what a reader notices stays in memory"
        );
        owner.record(at(), at(), EventKind::TodosVerified { count: 5 });
        assert!(reader.refresh());
        assert_eq!(
            reader
                .events()
                .iter()
                .map(|e| e.kind.name())
                .collect::<Vec<_>>(),
            ["todos-verified"]
        );
        assert!(!reader.refresh(), "nothing new");
    }
}
