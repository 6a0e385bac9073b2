//! The disaster: every todo is deleted, after the snapshot is available.

use async_trait::async_trait;

use super::{Ctx, Step, wrong_request, yes_no};
use crate::cloud::{self, ErrorKind};
use crate::lab::act::{ActionError, Outcome, Run};
use crate::lab::journal::{EventKind, Kind, Witness};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, param};
use crate::lab::quiz::Question;
use crate::lab::{Check, StepId, StepState, Text};

pub struct DeleteTodos;

#[async_trait]
impl Step for DeleteTodos {
    fn id(&self) -> StepId {
        StepId::DeleteTodos
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Todos]
    }

    /// The plan also asks whether the snapshot is available: a failed read of the snapshots
    /// is looked at again, never taken for a missing snapshot.
    fn plan_parts(&self) -> &'static [PartId] {
        &[PartId::Todos, PartId::Snapshots]
    }

    fn part_order(&self) -> &'static [PartId] {
        &[
            PartId::Todos,
            PartId::Snapshots,
            PartId::Instances,
            PartId::Service,
        ]
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[Question::new(
                "delete-todos-multi-az",
                StepId::DeleteTodos,
                1,
            )]
        }
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        if ctx.journal.has(Kind::Disaster)
            || ctx.restored().is_some()
            || ctx.journal.has(Kind::RestoreRequested)
        {
            return Some(Check::new(
                StepState::Done,
                Text::new("check-disaster-done"),
            ));
        }
        let snapshot_ready = ctx
            .observed
            .snapshot(&ctx.config.names.snapshot)
            .is_some_and(crate::cloud::DbSnapshot::is_available);
        if !snapshot_ready {
            let creating = ctx
                .observed
                .snapshot(&ctx.config.names.snapshot)
                .is_some_and(|s| s.status == crate::cloud::SnapshotStatus::Creating);
            if let Some(p) = super::snapshot::deleted_while_creating(ctx).filter(|_| creating) {
                return Some(Check::diagnosis(StepState::InProgress, p));
            }
            return Some(Check::new(StepState::Todo, snapshot_first(ctx)));
        }
        Some(match ctx.observed.todo_count() {
            Some(0) => Check::new(StepState::Done, Text::new("check-disaster-done")),
            Some(n) => Check::new(
                StepState::Todo,
                Text::new("check-disaster-remaining").arg("count", n),
            ),
            None => Check::new(StepState::Todo, Text::new("check-not-read-yet")),
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let names = &ctx.config.names;
        if ctx.is_done(self.id()) {
            return Ready::AlreadyDone(Text::new("check-disaster-done"));
        }
        if !ctx
            .observed
            .snapshot(&names.snapshot)
            .is_some_and(crate::cloud::DbSnapshot::is_available)
        {
            return Ready::Blocked(snapshot_first(ctx));
        }
        // The todos to delete must have been read just now: never a "disaster" of nothing
        // because the app did not answer.
        if let Some(e) = &ctx.observed.todos.error {
            return Ready::Blocked(
                Text::new("blocked-app-unreachable").arg("code", e.code.clone()),
            );
        }
        let Some(todos) = ctx.observed.todos.value.clone() else {
            return Ready::Blocked(Text::new("check-not-read-yet"));
        };
        yes_no(
            self.id(),
            options,
            Request::DeleteTodos(todos.clone()),
            vec![param("param-todos-to-delete", todos.len().to_string())],
            std::iter::once(cloud::cli::app_url(ctx.config))
                .chain(todos.iter().map(|t| cloud::cli::delete_todo(&t.id)))
                .collect(),
            vec![Text::new("note-disaster")],
        )
    }

    /// Todos deleted meanwhile are left out of the fresh plan; a todo that is new is not.
    fn unchanged(&self, confirmed: &Request, fresh: &Request) -> bool {
        match (confirmed, fresh) {
            (Request::DeleteTodos(confirmed), Request::DeleteTodos(fresh)) => {
                fresh.iter().all(|t| confirmed.iter().any(|c| c.id == t.id))
            }
            _ => false,
        }
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::DeleteTodos(todos) = request else {
            return Err(wrong_request());
        };
        let started = run.cloud.now();
        // The todos of the full list that are gone already went in an earlier attempt this
        // action's retry finishes (or elsewhere): they are lost with the rest, and the list
        // was last whole when it was last seen, not when this attempt began.
        let (lost, full_until) = {
            let journal = run
                .journal
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            // Only the list the snapshot holds: todos gone before it was taken are no part
            // of this disaster.
            match journal.full_list_since_snapshot() {
                Some((full, until))
                    if full.len() > todos.len()
                        && todos.iter().all(|t| full.iter().any(|(id, _)| *id == t.id)) =>
                {
                    (full.iter().map(|(_, title)| title.clone()).collect(), until)
                }
                _ => (todos.iter().map(|t| t.title.clone()).collect(), started),
            }
        };
        for todo in todos {
            match run.cloud.delete_todo(&todo.id).await {
                Ok(()) => (run.progress)(
                    Text::new("progress-todo-deleted").arg("title", todo.title.clone()),
                ),
                Err(e) if e.kind == ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        // Whole until the first delete (or until last seen whole): backup-lab watched it go.
        run.record_since(
            started,
            EventKind::Disaster {
                lost,
                full_until: Some(full_until),
            },
        );
        Ok(vec![Text::new("done-disaster").arg("count", todos.len())])
    }

    fn witness(&self, look: &mut Witness<'_>) {
        witness(look);
    }
}

/// Why the disaster has to wait: the snapshot is still being created, or there is none yet
/// (then waiting would not help).
fn snapshot_first(ctx: &Ctx<'_>) -> Text {
    let name = &ctx.config.names.snapshot;
    let snapshots = &ctx.observed.snapshots;
    // A list that could not be read says nothing about the snapshot.
    if ctx.observed.snapshot(name).is_none() {
        if let Some(e) = &snapshots.error {
            return Text::new("check-snapshots-unread")
                .arg("snapshot", name)
                .arg("code", e.code.clone());
        }
        if snapshots.value.is_none() {
            return Text::new("check-not-read-yet");
        }
    }
    let id = if ctx.observed.snapshot(name).is_some() {
        "check-disaster-wait-snapshot"
    } else {
        "check-disaster-no-snapshot"
    };
    Text::new(id).arg("snapshot", name)
}

/// The disaster as the look shows it: the app, still on the original database, serves an
/// empty list where there were todos. Todos that vanish because the backend went back to the
/// original database after the recovery (cleanup, in the app or the console) are no new
/// disaster, and there is one disaster per recovery point (the action records its own).
fn witness(look: &mut Witness<'_>) {
    let Some(change) = look.list_change() else {
        return;
    };
    if !change.list.is_empty() || change.previous.is_empty() || !look.serving_source() {
        return;
    }
    let journal = look.journal();
    let recovered = journal.after_last(Kind::RolloutComplete, Kind::Snapshot)
        || journal.after_last(Kind::CleanupChosen, Kind::Snapshot)
        || journal.after_last(Kind::Disaster, Kind::Snapshot);
    if !journal.has(Kind::Snapshot) || recovered {
        return;
    }
    let began = journal.deletion_began().unwrap_or(change.at);
    let lost = change.previous.iter().map(|(_, t)| t.clone()).collect();
    let full_until = journal.full_list_seen_until();
    look.record(began, EventKind::Disaster { lost, full_until });
}
