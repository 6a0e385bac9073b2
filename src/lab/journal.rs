//! The journal: a small local history of lab events with timestamps, one file per account and
//! region (or per simulated world) in the state directory. It never replaces the live checks;
//! it remembers what they cannot see any more (the todos before the disaster, a snapshot that
//! cleanup removed) and feeds the RPO/RTO figures and the report.
//!
//! Events are appended as JSON lines, so a crash loses at most the line being written, and a
//! restarted program reads the history back. Times are the cloud's (AWS timestamps where AWS
//! gives one, else the moment of observation); arithmetic on them never goes below zero, so a
//! skewed local clock cannot produce negative durations.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Observed, StepId};
use crate::cloud::TodoId;
use crate::cloud::recorder::CallRecord;
use crate::config::Config;

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
    /// The todos were deleted; `at` is when the deleting began.
    Disaster {
        lost: Vec<String>,
    },
    RestoreRequested {
        instance: String,
    },
    RestoreAvailable {
        instance: String,
    },
    BackendSwitched {
        revision: u32,
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
    /// `restored_to` is the source's latest restorable time when the restore was seen.
    PitrRequested {
        instance: String,
        restored_to: Option<Timestamp>,
    },
    PitrAvailable {
        instance: String,
    },
    CleanupChosen {
        keep_restored: bool,
    },
    CleanupDone,
    /// An action the program performed and how it ended.
    Action {
        step: StepId,
        ok: bool,
    },
}

impl EventKind {
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::BackupsEnabled { .. } => "backups-enabled",
            Self::Snapshot { .. } => "snapshot",
            Self::SnapshotRequested { .. } => "snapshot-requested",
            Self::Gone { .. } => "gone",
            Self::Todos { .. } => "todos",
            Self::Disaster { .. } => "disaster",
            Self::RestoreRequested { .. } => "restore-requested",
            Self::RestoreAvailable { .. } => "restore-available",
            Self::BackendSwitched { .. } => "backend-switched",
            Self::RolloutComplete { .. } => "rollout-complete",
            Self::RolloutFailed { .. } => "rollout-failed",
            Self::TodosVerified { .. } => "todos-verified",
            Self::PitrRequested { .. } => "pitr-requested",
            Self::PitrAvailable { .. } => "pitr-available",
            Self::CleanupChosen { .. } => "cleanup-chosen",
            Self::CleanupDone => "cleanup-done",
            Self::Action { .. } => "action",
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
    /// Resources seen present since their request (this process only): their absence in a
    /// later look means they are gone.
    present: std::collections::BTreeSet<String>,
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

    /// Opens (or starts) the journal `key` under `dir`, and marks it as the latest run.
    pub fn open(dir: &Path, key: &str) -> std::io::Result<Self> {
        let journal_dir = dir.join("journal");
        std::fs::create_dir_all(&journal_dir)?;
        let path = journal_dir.join(format!("{key}.jsonl"));
        let calls_path = journal_dir.join(format!("{key}.calls.jsonl"));
        let events = read_lines(&path);
        std::fs::write(dir.join("latest"), key)?;
        Ok(Self {
            path: Some(path),
            calls_path: Some(calls_path),
            events,
            present: std::collections::BTreeSet::new(),
        })
    }

    /// The key of the most recently opened journal, for `report`.
    #[must_use]
    pub fn latest_key(dir: &Path) -> Option<String> {
        std::fs::read_to_string(dir.join("latest"))
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
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
            .map(read_lines)
            .unwrap_or_default()
    }

    #[must_use]
    pub fn calls_path(&self) -> Option<PathBuf> {
        self.calls_path.clone()
    }

    pub fn record(&mut self, at: Timestamp, seen: Timestamp, kind: EventKind) {
        let event = Event { at, seen, kind };
        if let Some(Err(e)) = self.path.as_ref().map(|path| append_line(path, &event)) {
            tracing::warn!("journal not written: {e}");
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
    pub fn last(&self, name: &str) -> Option<&Event> {
        self.events.iter().rev().find(|e| e.kind.name() == name)
    }

    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.last(name).is_some()
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
        let restored = observed.instance(&names.restored_instance);

        if let Some(src) = source.filter(|s| s.retention_days > 0 && !self.has("backups-enabled")) {
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
            if self.last_todos() != Some(&list) {
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
                let recovered = self.after_last("rollout-complete", "snapshot")
                    || self.after_last("cleanup-chosen", "snapshot")
                    || self.after_last("disaster", "snapshot");
                if list.is_empty()
                    && !previous.is_empty()
                    && serving_source
                    && self.has("snapshot")
                    && !recovered
                {
                    let began = self.deletion_began().unwrap_or(at);
                    let lost = previous.iter().map(|(_, t)| t.clone()).collect();
                    self.record(began, now, EventKind::Disaster { lost });
                }
                if !list.is_empty()
                    && switched
                    && self.has("rollout-complete")
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
            if r.is_available() && !self.after_last("restore-available", "restore-requested") {
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
            if !self.after_last("backend-switched", "restore-requested")
                || self.after_last("rollout-failed", "backend-switched")
            {
                let at = service.primary().and_then(|d| d.created).unwrap_or(now);
                self.record(at, now, EventKind::BackendSwitched { revision });
            }
            if service.is_stable() && !self.after_last("rollout-complete", "backend-switched") {
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
                    },
                );
            }
            if p.is_available() && !self.after_last("pitr-available", "pitr-requested") {
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
            for id in [&names.restored_instance, &names.pitr_instance] {
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
        let Some(switched) = self.last("backend-switched").map(|e| e.at) else {
            return;
        };
        if self.after_last("rollout-failed", "backend-switched") {
            return;
        }
        let failed = service.deployments.iter().find(|d| {
            d.rollout == Some(crate::cloud::RolloutState::Failed)
                && observed
                    .task_definitions
                    .get(&d.task_definition)
                    .and_then(|td| td.env(container, "DB_HOST"))
                    == Some(endpoint)
        });
        let rolled_back =
            observed.db_host(container) != Some(endpoint) && service.rolled_back_since(switched);
        if failed.is_none() && !rolled_back {
            return;
        }
        let revision = failed
            .and_then(|d| crate::cloud::revision_of(&d.task_definition))
            .or_else(|| match self.last("backend-switched").map(|e| &e.kind) {
                Some(EventKind::BackendSwitched { revision }) => Some(*revision),
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
    pub fn after_last(&self, name: &str, anchor: &str) -> bool {
        let anchor_pos = self.events.iter().rposition(|e| e.kind.name() == anchor);
        let pos = self.events.iter().rposition(|e| e.kind.name() == name);
        match (pos, anchor_pos) {
            (Some(p), Some(a)) => p > a,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    fn verified_after_rollout(&self) -> bool {
        self.after_last("todos-verified", "rollout-complete")
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

fn read_lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Vec<T> {
    std::fs::read_to_string(path)
        .map(|text| {
            text.lines()
                .filter_map(|line| serde_json::from_str(line).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn append_line<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let mut line = serde_json::to_string(value).map_err(std::io::Error::other)?;
    line.push('\n');
    file.write_all(line.as_bytes())
}

/// Appends a call to the calls file (used as the recorder's sink).
pub fn append_call(path: &Path, call: &CallRecord) {
    if let Err(e) = append_line(path, call) {
        tracing::warn!("call not journaled: {e}");
    }
}
