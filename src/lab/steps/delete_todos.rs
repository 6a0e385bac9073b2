//! The disaster: every todo is deleted, after the snapshot is available.

use async_trait::async_trait;

use super::{Ctx, Step, StepTexts, wrong_request, yes_no};
use crate::cloud::{self, ErrorKind};
use crate::lab::act::{ActionError, Outcome, Run};
use crate::lab::journal::{EventKind, Kind, Witness};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, param};
use crate::lab::quiz::Question;
use crate::lab::{Check, StepId, StepState, Text};
use crate::msg;

pub struct DeleteTodos;

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    enter: Some(msg::STEP_DELETE_TODOS_ENTER),
    console: Some(msg::STEP_DELETE_TODOS_CONSOLE),
    console_heading: Some(msg::STEP_DELETE_TODOS_CONSOLE_HEADING),
    console_enter: Some(msg::STEP_DELETE_TODOS_CONSOLE_ENTER),
    action: Some(msg::UI_ACTION_DELETE_TODOS),
    ..StepTexts::new(
        msg::STEP_DELETE_TODOS_TITLE,
        msg::STEP_DELETE_TODOS_SHORT,
        msg::STEP_DELETE_TODOS_BODY,
        msg::STEP_DELETE_TODOS_NOW,
    )
};

#[async_trait]
impl Step for DeleteTodos {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

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
                [
                    msg::QUIZ_DELETE_TODOS_MULTI_AZ,
                    msg::QUIZ_DELETE_TODOS_MULTI_AZ_A,
                    msg::QUIZ_DELETE_TODOS_MULTI_AZ_B,
                    msg::QUIZ_DELETE_TODOS_MULTI_AZ_C,
                    msg::QUIZ_DELETE_TODOS_MULTI_AZ_WHY,
                ],
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
                Text::new(msg::CHECK_DISASTER_DONE),
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
            Some(0) => Check::new(StepState::Done, Text::new(msg::CHECK_DISASTER_DONE)),
            Some(n) => Check::new(
                StepState::Todo,
                Text::new(msg::CHECK_DISASTER_REMAINING).arg("count", n),
            ),
            None => Check::new(StepState::Todo, Text::new(msg::CHECK_NOT_READ_YET)),
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let names = &ctx.config.names;
        if ctx.is_done(self.id()) {
            return Ready::AlreadyDone(Text::new(msg::CHECK_DISASTER_DONE));
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
                Text::new(msg::BLOCKED_APP_UNREACHABLE).arg("code", e.code.clone()),
            );
        }
        let Some(todos) = ctx.observed.todos.value.clone() else {
            return Ready::Blocked(Text::new(msg::CHECK_NOT_READ_YET));
        };
        yes_no(
            self.id(),
            options,
            Request::DeleteTodos(todos.clone()),
            vec![param(msg::PARAM_TODOS_TO_DELETE, todos.len().to_string())],
            std::iter::once(cloud::cli::app_url(ctx.config))
                .chain(todos.iter().map(|t| cloud::cli::delete_todo(&t.id)))
                .collect(),
            vec![Text::new(msg::NOTE_DISASTER)],
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
                    Text::new(msg::PROGRESS_TODO_DELETED).arg("title", todo.title.clone()),
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
        Ok(vec![
            Text::new(msg::DONE_DISASTER).arg("count", todos.len()),
        ])
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
            return Text::new(msg::CHECK_SNAPSHOTS_UNREAD)
                .arg("snapshot", name)
                .arg("code", e.code.clone());
        }
        if snapshots.value.is_none() {
            return Text::new(msg::CHECK_NOT_READ_YET);
        }
    }
    let id = if ctx.observed.snapshot(name).is_some() {
        msg::CHECK_DISASTER_WAIT_SNAPSHOT
    } else {
        msg::CHECK_DISASTER_NO_SNAPSHOT
    };
    Text::new(id)
        .arg("snapshot", name)
        .arg("snapshot_step", StepId::Snapshot.title())
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
