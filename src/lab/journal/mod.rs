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
//!
//! The module follows its seams:
//! - [`events`]: the schema of a line, one list of event kinds;
//! - `store`: the files (opening, reading, appending, the reserve, the run marks);
//! - `queries`: the questions the lab asks of the history;
//! - here: the [`Journal`] itself, and [`Witness`], one look as the journal notes it. The
//!   journal notes what any look shows (the todo list, the resources it follows); what a
//!   look means for one step (a snapshot taken, a restore available, the service switched,
//!   the todos verified) the step witnesses itself (`Step::witness`). `steps::observe`
//!   drives a look through the registry: the steps read the journal, the journal never
//!   calls the steps, so the two do not import each other.

pub mod events;
mod queries;
mod store;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use jiff::Timestamp;

use super::Observed;
use crate::cloud::DbInstance;
use crate::config::Config;
pub use events::{Event, EventKind, Kind, TodoList};
use store::EndMark;
pub use store::{JournalError, append_call, key_for_aws, state_dir};

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
    /// The space kept free for the journal (owners only): a line that meets a full disk gives it up.
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

/// How long after a request a look that misses the new resource still counts as too early
/// to say it is gone (RDS answers describe calls right after a create, but not every proxy
/// or emulator does).
const GONE_GRACE_S: i64 = 120;

impl Journal {
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
}

/// The todo list changed in the look being noted: the list before, the list now and when it
/// was read.
#[derive(Debug, Clone, PartialEq)]
pub struct ListChange {
    pub previous: TodoList,
    pub list: TodoList,
    pub at: Timestamp,
}

/// One look as the journal takes note of it: what was observed, and the journal to record
/// into. A step's `witness` reads the look and records the events it means for that step;
/// every event is dated `at` (the cloud's moment it happened) and seen `now`.
pub struct Witness<'a> {
    journal: &'a mut Journal,
    pub observed: &'a Observed,
    pub config: &'a Config,
    /// The cloud's time of the look.
    pub now: Timestamp,
    /// The todo list's change noted in this look ([`Witness::note_todos`]).
    list_change: Option<ListChange>,
    /// How many events the journal held before the look.
    before: usize,
}

impl<'a> Witness<'a> {
    #[must_use]
    pub fn new(
        journal: &'a mut Journal,
        observed: &'a Observed,
        config: &'a Config,
        now: Timestamp,
    ) -> Self {
        let before = journal.events.len();
        Self {
            journal,
            observed,
            config,
            now,
            list_change: None,
            before,
        }
    }

    /// The history so far, this look's events included.
    #[must_use]
    pub fn journal(&self) -> &Journal {
        self.journal
    }

    /// Records an event that happened at `at` and is seen now.
    pub fn record(&mut self, at: Timestamp, kind: EventKind) {
        self.journal.record(at, self.now, kind);
    }

    /// Notes whether the followed `resource` is there in a look taken at `looked`: present
    /// marks it, absent (after a grace time, or after it was seen) closes its request with
    /// [`EventKind::Gone`].
    pub fn follow(&mut self, resource: &str, present: bool, looked: Timestamp) {
        self.journal.follow(resource, present, looked, self.now);
    }

    /// [`Witness::follow`] for an instance, when the look read the instances.
    pub fn follow_instance(&mut self, id: &str) {
        let instances = &self.observed.instances;
        if let (Some(list), Some(looked)) = (&instances.value, instances.updated) {
            let present = list.iter().any(|i| i.id == id);
            self.follow(id, present, looked);
        }
    }

    /// The learner's original database.
    #[must_use]
    pub fn source(&self) -> Option<&'a DbInstance> {
        self.observed.instance(&self.config.names.instance)
    }

    /// The name of this run's restored database (see [`Journal::restored_instance`]).
    #[must_use]
    pub fn restored_name(&self) -> String {
        self.journal.restored_instance(self.config).to_owned()
    }

    /// This run's restored database, as the look shows it.
    #[must_use]
    pub fn restored(&self) -> Option<&'a DbInstance> {
        self.observed.instance(&self.restored_name())
    }

    /// Whether the service's current task definition points at the restored database.
    #[must_use]
    pub fn switched(&self) -> bool {
        self.restored()
            .and_then(|r| r.endpoint.as_deref())
            .is_some_and(|ep| self.observed.db_host(&self.config.names.container) == Some(ep))
    }

    /// Whether the service's current task definition points at the original database.
    #[must_use]
    pub fn serving_source(&self) -> bool {
        self.source()
            .and_then(|s| s.endpoint.as_deref())
            .is_some_and(|ep| self.observed.db_host(&self.config.names.container) == Some(ep))
    }

    /// Notes the todo list of the look: a list that differs from the last one noted is a
    /// [`EventKind::Todos`] event (and [`Witness::list_change`]); the same list again is
    /// remembered as seen until then.
    pub fn note_todos(&mut self) {
        let todos = &self.observed.todos;
        let (Some(todos), Some(at)) = (&todos.value, todos.updated) else {
            return;
        };
        let list: TodoList = todos
            .iter()
            .map(|t| (t.id.clone(), t.title.clone()))
            .collect();
        if self.journal.last_todos() == Some(&list) {
            if let Some(i) = self.journal.last_todos_index() {
                self.journal.seen_until.insert(i, at);
            }
            return;
        }
        let previous = self.journal.last_todos().cloned().unwrap_or_default();
        self.record(
            at,
            EventKind::Todos {
                todos: list.clone(),
            },
        );
        self.list_change = Some(ListChange { previous, list, at });
    }

    /// The todo list's change in this look, once noted.
    #[must_use]
    pub fn list_change(&self) -> Option<&ListChange> {
        self.list_change.as_ref()
    }

    /// Whether the look added anything to the journal.
    #[must_use]
    pub fn noted_anything(&self) -> bool {
        self.journal.events.len() > self.before
    }
}
