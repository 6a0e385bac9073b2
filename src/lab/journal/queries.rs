//! The questions the lab asks of the history: what was requested and is still open, what
//! happened after what, the todo lists as they were seen (the RPO's and the disaster's
//! moments), the cleanup path and the copy task. Pure reads of the events; nothing here
//! writes.

use jiff::Timestamp;

use super::{Event, EventKind, Journal, Kind, TodoList};
use crate::cloud::TodoId;
use crate::config::Config;
use crate::lab::plan::CleanupPath;

impl Journal {
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

    /// The latest event of the given kind name.
    #[must_use]
    pub fn last(&self, kind: Kind) -> Option<&Event> {
        self.events.iter().rev().find(|e| e.kind.kind() == kind)
    }

    #[must_use]
    pub fn has(&self, kind: Kind) -> bool {
        self.last(kind).is_some()
    }

    /// Whether the journal saw `instance` become available as a restore of this lab (a
    /// restore under another name, from a run that named the restored database otherwise, is
    /// none of this one).
    #[must_use]
    pub fn restore_seen_available(&self, instance: &str) -> bool {
        self.events().iter().any(
            |e| matches!(&e.kind, EventKind::RestoreAvailable { instance: seen } if seen == instance),
        )
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

    pub(crate) fn last_todos_index(&self) -> Option<usize> {
        self.events
            .iter()
            .rposition(|e| matches!(e.kind, EventKind::Todos { .. }))
    }

    /// The last moment the list before the current run of shrinking lists (the full one)
    /// was seen: the last look showing it in this process, else when it was first seen.
    pub(crate) fn full_list_seen_until(&self) -> Option<Timestamp> {
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

    pub(crate) fn last_todos(&self) -> Option<&Vec<(TodoId, String)>> {
        self.events.iter().rev().find_map(|e| match &e.kind {
            EventKind::Todos { todos } => Some(todos),
            _ => None,
        })
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
    pub(crate) fn deletion_began(&self) -> Option<Timestamp> {
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
