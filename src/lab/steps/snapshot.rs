//! A manual snapshot of the learner's database, taken before the disaster.

use async_trait::async_trait;

use super::{Ctx, Step, StepTexts, instance_busy, source_missing, wrong_request, yes_no};
use crate::cloud::{self, DbSnapshot, ErrorKind, SnapshotKind, SnapshotRequest, SnapshotStatus};
use crate::lab::act::{ActionError, Outcome, Run, untagged_if_denied};
use crate::lab::journal::{EventKind, Kind, Witness};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, param};
use crate::lab::quiz::Question;
use crate::lab::{Check, Problem, ProblemCode, StepId, StepState, Text};
use crate::msg;

pub struct Snapshot;

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    now_wait: Some(msg::STEP_SNAPSHOT_NOW_WAIT),
    enter: Some(msg::STEP_SNAPSHOT_ENTER),
    console: Some(msg::STEP_SNAPSHOT_CONSOLE),
    action: Some(msg::UI_ACTION_SNAPSHOT),
    ..StepTexts::new(
        msg::STEP_SNAPSHOT_TITLE,
        msg::STEP_SNAPSHOT_SHORT,
        msg::STEP_SNAPSHOT_BODY,
        msg::STEP_SNAPSHOT_NOW,
    )
};

#[async_trait]
impl Step for Snapshot {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::Snapshot
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Instances, PartId::Snapshots]
    }

    fn needs_read(&self) -> &'static [PartId] {
        &[PartId::Snapshots]
    }

    fn part_order(&self) -> &'static [PartId] {
        &[PartId::Snapshots]
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[
                Question::new(
                    "snapshot-later-todos",
                    StepId::Snapshot,
                    1,
                    [
                        msg::QUIZ_SNAPSHOT_LATER_TODOS,
                        msg::QUIZ_SNAPSHOT_LATER_TODOS_A,
                        msg::QUIZ_SNAPSHOT_LATER_TODOS_B,
                        msg::QUIZ_SNAPSHOT_LATER_TODOS_C,
                        msg::QUIZ_SNAPSHOT_LATER_TODOS_WHY,
                    ],
                ),
                Question::new(
                    "snapshot-kept",
                    StepId::Snapshot,
                    0,
                    [
                        msg::QUIZ_SNAPSHOT_KEPT,
                        msg::QUIZ_SNAPSHOT_KEPT_A,
                        msg::QUIZ_SNAPSHOT_KEPT_B,
                        msg::QUIZ_SNAPSHOT_KEPT_C,
                        msg::QUIZ_SNAPSHOT_KEPT_WHY,
                    ],
                ),
            ]
        }
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        let names = &ctx.config.names;
        Some(match ctx.observed.snapshot(&names.snapshot) {
            Some(s) if s.is_available() => match taken_after_deletion(ctx, s)
                .map(|p| (StepState::Failed, p))
                .or_else(|| taken_too_early(ctx, s))
            {
                Some((state, problem)) => Check::diagnosis(state, problem),
                None => Check::new(
                    StepState::Done,
                    Text::new(msg::CHECK_SNAPSHOT_AVAILABLE)
                        .arg("snapshot", &s.id)
                        .arg("age", ctx.ago(s.created)),
                ),
            },
            Some(s) if s.status == SnapshotStatus::Creating => {
                let check = Check::new(
                    StepState::InProgress,
                    Text::new(msg::CHECK_SNAPSHOT_CREATING)
                        .arg("percent", s.percent)
                        .arg("elapsed", ctx.running_for(&s.id, s.created)),
                );
                match deleted_while_creating(ctx) {
                    Some(p) => check.problem(p),
                    None => check,
                }
            }
            Some(s) if s.status == SnapshotStatus::Deleting => Check::new(
                StepState::Done,
                Text::new(msg::CHECK_SNAPSHOT_DELETING).arg("snapshot", &s.id),
            ),
            // `failed` stays so; any other status (`copying`, or one RDS adds later) is work
            // under way as far as this program can tell, shown as RDS wrote it.
            Some(s) => Check::new(
                if s.status == SnapshotStatus::Failed {
                    StepState::Failed
                } else {
                    StepState::InProgress
                },
                Text::new(msg::CHECK_SNAPSHOT_STATUS)
                    .arg("snapshot", &s.id)
                    .arg("status", &s.status),
            ),
            None if ctx.journal.has(Kind::Snapshot) => Check::new(
                StepState::Done,
                Text::new(msg::CHECK_SNAPSHOT_GONE).arg("snapshot", &names.snapshot),
            ),
            None => {
                ctx.with_source_trouble(match other_instance(ctx).or_else(|| other_name(ctx)) {
                    Some(problem) => Check::diagnosis(StepState::Failed, problem),
                    None if ctx.source().is_none() => ctx.missing_source(),
                    None => Check::new(
                        StepState::Todo,
                        Text::new(msg::CHECK_SNAPSHOT_MISSING).arg("snapshot", &names.snapshot),
                    ),
                })
            }
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let names = &ctx.config.names;
        if let Some(s) = ctx.observed.snapshot(&names.snapshot) {
            return Ready::AlreadyDone(
                Text::new(msg::ALREADY_SNAPSHOT)
                    .arg("snapshot", &s.id)
                    .arg("status", &s.status),
            );
        }
        if ctx.is_done(self.id()) {
            return Ready::AlreadyDone(
                Text::new(msg::CHECK_SNAPSHOT_GONE).arg("snapshot", &names.snapshot),
            );
        }
        // The name is taken by another instance's snapshot: RDS would refuse it.
        if let Some(problem) = other_instance(ctx) {
            return Ready::Blocked(problem.fix);
        }
        let Some(src) = ctx.source() else {
            return source_missing(ctx);
        };
        if !src.is_available() {
            return instance_busy(src);
        }
        // A snapshot is taken to hold the todos: once they are deleted it would hold none.
        // (Taken before any todo, it is named when they come: `taken_too_early`.)
        if ctx.observed.todo_count() == Some(0) && ctx.journal.max_todos() > 0 {
            return Ready::Blocked(
                Text::new(msg::BLOCKED_SNAPSHOT_NO_TODOS)
                    .arg("todos_step", StepId::CreateTodos.title()),
            );
        }
        let request = SnapshotRequest {
            instance_id: names.instance.clone(),
            snapshot_id: names.snapshot.clone(),
            tags: cloud::tool_tags(),
        };
        yes_no(
            self.id(),
            options,
            Request::Snapshot(request.clone()),
            vec![
                param(msg::PARAM_INSTANCE, &src.id),
                param(msg::PARAM_SNAPSHOT, &names.snapshot),
            ],
            vec![cloud::cli::create_snapshot(&request)],
            vec![Text::new(msg::NOTE_SNAPSHOT_COST)],
        )
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::Snapshot(request) = request else {
            return Err(wrong_request());
        };
        let cloud = run.cloud;
        match untagged_if_denied(
            request.clone(),
            |r| &mut r.tags,
            |r| async move { cloud.create_snapshot(&r).await },
            run.progress,
        )
        .await
        {
            Ok(s) => {
                run.record(EventKind::SnapshotRequested { id: s.id.clone() });
                Ok(vec![Text::new(msg::DONE_SNAPSHOT).arg("snapshot", s.id)])
            }
            Err(e) if e.kind == ErrorKind::AlreadyExists => Ok(vec![
                Text::new(msg::ALREADY_SNAPSHOT)
                    .arg("snapshot", &request.snapshot_id)
                    .arg("status", "?"),
            ]),
            Err(e) => Err(e.into()),
        }
    }

    fn witness(&self, look: &mut Witness<'_>) {
        witness(look);
    }
}

/// How long todos may exist before backup-lab sees them (its polls of the app).
const UNSEEN_S: i64 = 120;

/// How far back a manual snapshot under another name counts as this lab's: a snapshot from
/// an earlier course day is not a slip of this run.
const OTHER_NAME_WINDOW_S: i64 = 24 * 3600;

/// A manual snapshot of the learner's database under another name, taken during this run
/// (or in the last day when the journal does not know when the run began).
fn other_name(ctx: &Ctx<'_>) -> Option<Problem> {
    let names = &ctx.config.names;
    let began = ctx
        .journal
        .events()
        .first()
        .map(|e| e.at)
        .filter(|at| ctx.now.as_second() - at.as_second() < OTHER_NAME_WINDOW_S)
        .unwrap_or_else(|| {
            jiff::Timestamp::from_second(ctx.now.as_second() - OTHER_NAME_WINDOW_S)
                .unwrap_or(ctx.now)
        });
    let found = ctx
        .observed
        .snapshots
        .value
        .iter()
        .flatten()
        .filter(|s| {
            s.kind == SnapshotKind::Manual
                && s.id != names.snapshot
                && s.instance_id == names.instance
                && s.status != SnapshotStatus::Deleting
                // RDS omits the create time while a snapshot is being made: it is new.
                && s.created.is_none_or(|at| at >= began)
        })
        .max_by_key(|s| s.created.map_or(i64::MAX, jiff::Timestamp::as_second))?;
    Some(
        Problem::new(ProblemCode::SnapshotOtherName)
            .arg("found", &found.id)
            .arg("snapshot", &names.snapshot)
            .arg("instance", &names.instance),
    )
}

/// The lab's snapshot name on a snapshot of another instance: the wrong database was chosen
/// in the console, and the name is taken.
fn other_instance(ctx: &Ctx<'_>) -> Option<Problem> {
    let names = &ctx.config.names;
    let found = ctx.observed.lab_snapshot_elsewhere.as_ref()?;
    Some(
        Problem::new(ProblemCode::SnapshotOtherInstance)
            .arg("snapshot", &found.id)
            .arg("other", &found.instance_id)
            .arg("instance", &names.instance),
    )
}

/// The todos were deleted while the snapshot was still being made: harmless, since a
/// snapshot holds the data as it was when it began. Said so, so nobody starts over.
pub(super) fn deleted_while_creating(ctx: &Ctx<'_>) -> Option<Problem> {
    let names = &ctx.config.names;
    // The snapshot began while there were todos (else it holds none, and that is no comfort).
    let events = ctx.journal.events();
    let began = events.iter().rposition(|e| {
        matches!(&e.kind, crate::lab::journal::EventKind::SnapshotRequested { id } if *id == names.snapshot)
    })?;
    // The todo list as last seen before the request (in journal order: times may be equal).
    let held = events[..began]
        .iter()
        .rev()
        .find_map(|e| match &e.kind {
            crate::lab::journal::EventKind::Todos { todos } => Some(todos.len()),
            _ => None,
        })
        .unwrap_or(0);
    (ctx.observed.todo_count() == Some(0) && held > 0).then(|| {
        Problem::new(ProblemCode::SnapshotCreatingTodosDeleted)
            .arg("snapshot", &names.snapshot)
            .arg("count", held)
            .note()
    })
}

/// The snapshot began after backup-lab had seen the todos gone: the app showed some before
/// and none at a look before the snapshot began, so it holds none.
pub(super) fn taken_after_deletion(ctx: &Ctx<'_>, snapshot: &DbSnapshot) -> Option<Problem> {
    let names = &ctx.config.names;
    let at = snapshot.created?;
    let todos = |e: &crate::lab::journal::Event| match &e.kind {
        crate::lab::journal::EventKind::Todos { todos } => Some(todos.len()),
        _ => None,
    };
    let events = ctx.journal.events();
    // The last list seen before the snapshot began: empty, and seen before it began; the
    // todos of a run before a fresh world (`--reset` starts a new journal) are not in it.
    let last = events
        .iter()
        .rposition(|e| e.at < at && todos(e).is_some())?;
    if todos(&events[last]) != Some(0) {
        return None;
    }
    let before = events[..last].iter().filter_map(todos).max().unwrap_or(0);
    (before > 0).then(|| {
        Problem::new(ProblemCode::SnapshotAfterDeletion)
            .arg("snapshot", &snapshot.id)
            .arg(
                "taken",
                crate::format::clock_minutes(at, &ctx.config.timezone()),
            )
            .arg("count", before)
            .arg("instance", &names.instance)
            .arg("todos_step", StepId::CreateTodos.title())
    })
}

/// The snapshot was taken, while backup-lab was watching the app, before the todos the lab
/// asks for existed: a restore brings back fewer than there were (failed). When the journal
/// lost lines in that time (a crash), it cannot tell, and says so (done, with the doubt).
fn taken_too_early(ctx: &Ctx<'_>, snapshot: &DbSnapshot) -> Option<(StepState, Problem)> {
    let names = &ctx.config.names;
    let at = snapshot.created?;
    let held = ctx.journal.todos_at(at)?.len();
    let held_since = ctx
        .journal
        .events()
        .iter()
        .rev()
        .filter(|e| e.at <= at)
        .find(|e| matches!(e.kind, crate::lab::journal::EventKind::Todos { .. }))
        .map(|e| e.at)?;
    let later = ctx
        .journal
        .events()
        .iter()
        .filter(|e| e.at > at)
        .filter_map(|e| match &e.kind {
            crate::lab::journal::EventKind::Todos { todos } => Some(todos.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    // The todos seen first after the snapshot: when they came within a poll or two of it,
    // they may have been there already and were only not seen yet.
    let grown_at = ctx
        .journal
        .events()
        .iter()
        .find(|e| {
            e.at > at
                && matches!(&e.kind, crate::lab::journal::EventKind::Todos { todos } if todos.len() > held)
        })
        .map(|e| e.at)?;
    let wanted = super::TODOS_WANTED;
    let watched = grown_at.as_second() - at.as_second() > UNSEEN_S;
    if !(held < wanted && later > held && watched) {
        return None;
    }
    if ctx.journal.gap_between(held_since, grown_at) {
        return Some((
            StepState::Done,
            Problem::new(ProblemCode::SnapshotTodosUntold)
                .arg("snapshot", &snapshot.id)
                .arg(
                    "taken",
                    crate::format::clock_minutes(at, &ctx.config.timezone()),
                ),
        ));
    }
    Some((StepState::Failed, {
        Problem::new(ProblemCode::SnapshotBeforeTodos)
            .arg("snapshot", &snapshot.id)
            .arg("held", held)
            .arg("later", later)
            .arg(
                "taken",
                crate::format::clock_minutes(at, &ctx.config.timezone()),
            )
            .arg("instance", &names.instance)
    }))
}

/// The lab's snapshot: requested (a snapshot made in the console is first seen here), gone,
/// and available with the moment it holds.
fn witness(look: &mut Witness<'_>) {
    let (observed, now) = (look.observed, look.now);
    let name = &look.config.names.snapshot;
    if let (Some(snaps), Some(looked)) = (&observed.snapshots.value, observed.snapshots.updated) {
        let snap = snaps.iter().find(|s| s.id == *name);
        if let Some(s) = snap.filter(|_| look.journal().open_request(name).is_none()) {
            // Made in the console: its request time is its create time, else first sight.
            look.record(
                s.created.unwrap_or(now).min(now),
                EventKind::SnapshotRequested { id: s.id.clone() },
            );
        }
        look.follow(name, snap.is_some(), looked);
    }
    if let Some(snap) = observed.snapshot(name).filter(|s| s.is_available()) {
        let at = snap.created.unwrap_or(now);
        let known =
            look.journal().events().iter().any(|e| {
                matches!(&e.kind, EventKind::Snapshot { id } if *id == snap.id) && e.at == at
            });
        if !known {
            look.record(
                at,
                EventKind::Snapshot {
                    id: snap.id.clone(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::{SignedDuration, Timestamp};

    use super::*;
    use crate::cloud::{SnapshotStatus, Todo, TodoId};
    use crate::config::Config;
    use crate::lab::Observed;
    use crate::lab::journal::Journal;

    fn todos(n: usize) -> Vec<Todo> {
        (1..=n)
            .map(|i| Todo {
                id: TodoId(i.to_string()),
                user_id: None,
                title: format!("Todo {i}"),
                completed: false,
            })
            .collect()
    }

    #[test]
    fn a_console_snapshot_first_seen_with_the_todos_gone_still_began_while_they_were_there() {
        let config = Config::default();
        let t0: Timestamp = "2026-11-25T09:00:00Z".parse().unwrap();
        let t1 = t0.checked_add(SignedDuration::from_secs(60)).unwrap();
        let mut journal = Journal::in_memory();
        let mut observed = Observed::default();
        observed.todos.take(Ok(todos(5)), t0);
        crate::lab::steps::observe(&mut journal, &observed, &config, t0);

        // The next look shows the snapshot, made in the console and still being made, and
        // the todos deleted in the meantime.
        let snapshot = DbSnapshot {
            id: config.names.snapshot.clone(),
            instance_id: config.names.instance.clone(),
            status: SnapshotStatus::Creating,
            percent: 20,
            kind: SnapshotKind::Manual,
            created: Some(t0.checked_add(SignedDuration::from_secs(20)).unwrap()),
            created_by_tool: false,
            arn: String::new(),
        };
        observed.snapshots.take(Ok(vec![snapshot]), t1);
        observed.todos.take(Ok(Vec::new()), t1);
        assert!(crate::lab::steps::observe(
            &mut journal,
            &observed,
            &config,
            t1
        ));

        let names: Vec<&str> = journal.events().iter().map(|e| e.kind.name()).collect();
        assert_eq!(names, ["todos", "snapshot-requested", "todos"]);
        let ctx = Ctx {
            observed: &observed,
            journal: &journal,
            config: &config,
            now: t1,
        };
        let note = deleted_while_creating(&ctx).expect("the snapshot holds the five todos");
        assert_eq!(note.code, ProblemCode::SnapshotCreatingTodosDeleted);
    }
}
