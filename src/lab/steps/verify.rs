//! The todos are back: the app serves them from the restored database.

use async_trait::async_trait;

use super::{Ctx, Step, StepTexts, wrong_request};
use crate::cloud;
use crate::lab::act::{ActionError, Outcome, Run, seen_todos};
use crate::lab::journal::{EventKind, Kind, Witness};
use crate::lab::observe::PartId;
use crate::lab::plan::{Confirm, Options, Plan, Ready, Request, param};
use crate::lab::{Check, StepId, StepState, Text};
use crate::msg;

pub struct Verify;

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    now_look: Some(msg::STEP_VERIFY_NOW_LOOK),
    enter: Some(msg::STEP_VERIFY_ENTER),
    console: Some(msg::STEP_VERIFY_CONSOLE),
    console_heading: Some(msg::STEP_VERIFY_CONSOLE_HEADING),
    console_enter: Some(msg::STEP_VERIFY_CONSOLE_ENTER),
    action: Some(msg::UI_ACTION_VERIFY),
    ..StepTexts::new(
        msg::STEP_VERIFY_TITLE,
        msg::STEP_VERIFY_SHORT,
        msg::STEP_VERIFY_BODY,
        msg::STEP_VERIFY_NOW,
    )
};

#[async_trait]
impl Step for Verify {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::Verify
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Service, PartId::Todos]
    }

    fn part_order(&self) -> &'static [PartId] {
        &[
            PartId::Todos,
            PartId::Snapshots,
            PartId::Instances,
            PartId::Service,
        ]
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        if let Some(count) = seen(ctx) {
            let mut check = Check::new(
                StepState::Done,
                Text::new(msg::CHECK_VERIFY_SEEN).arg("count", count),
            );
            if let Some(titles) = served_titles(ctx) {
                check = check.with(titles);
            }
            return Some(check);
        }
        let switched = ctx.backend_on_restored()
            && ctx
                .observed
                .service
                .value
                .as_ref()
                .is_some_and(cloud::Service::is_stable);
        // The app served the todos once (the RTO ends there) and the backend has gone back
        // since (cleanup): what the learner confirmed then, or that the moment passed.
        if let Some(event) = ctx.journal.last(Kind::TodosVerified)
            && !switched
        {
            let confirmed = ctx
                .journal
                .last(Kind::TodosSeen)
                .filter(|seen| seen.at >= event.at)
                .and_then(|seen| match seen.kind {
                    EventKind::TodosSeen { count } => Some(count),
                    _ => None,
                });
            return Some(match (confirmed, &event.kind) {
                (Some(count), _) => Check::new(
                    StepState::Done,
                    Text::new(msg::CHECK_VERIFY_SEEN).arg("count", count),
                ),
                (None, EventKind::TodosVerified { count }) => Check::new(
                    StepState::Done,
                    Text::new(msg::CHECK_VERIFY_VERIFIED).arg("count", *count),
                ),
                (None, _) => Check::new(
                    StepState::Done,
                    Text::new(msg::CHECK_VERIFY_VERIFIED).arg("count", 0_usize),
                ),
            });
        }
        if !switched {
            return Some(Check::new(
                StepState::Todo,
                Text::new(msg::CHECK_VERIFY_WAIT),
            ));
        }
        Some(match ctx.observed.todo_count() {
            Some(0) => {
                let check = Check::new(StepState::Failed, Text::new(msg::CHECK_VERIFY_EMPTY));
                // The restore brought back what the snapshot held: nothing, if it was taken
                // after the deletion.
                let empty_snapshot = ctx
                    .observed
                    .snapshot(&ctx.config.names.snapshot)
                    .and_then(|s| super::snapshot::taken_after_deletion(ctx, s));
                match empty_snapshot {
                    Some(p) => check.problem(p),
                    None => check,
                }
            }
            // Served again: what is left to do is the learner's look, confirmed (Enter,
            // `run verify`); nothing runs meanwhile.
            Some(n) => {
                let check = Check::new(
                    StepState::Todo,
                    Text::new(msg::CHECK_VERIFY_DONE).arg("count", n),
                );
                let check = match served_titles(ctx) {
                    Some(titles) => check.with(titles),
                    None => check,
                };
                check.with(Text::new(msg::CHECK_VERIFY_CONFIRM))
            }
            None => Check::new(StepState::Todo, Text::new(msg::CHECK_NOT_READ_YET)),
        })
    }

    /// The moment the todos are back: the list the app serves right now, and the question
    /// whether the learner sees the same in the browser. Confirmed, the action reads the app
    /// once more and records what the learner saw.
    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        if let Some(count) = seen(ctx) {
            return Ready::AlreadyDone(Text::new(msg::CHECK_VERIFY_SEEN).arg("count", count));
        }
        let settled = ctx
            .observed
            .service
            .value
            .as_ref()
            .is_some_and(crate::cloud::Service::is_stable);
        if !(ctx.backend_on_restored() && settled) {
            return Ready::Blocked(Text::new(msg::CHECK_VERIFY_WAIT));
        }
        if let Some(e) = &ctx.observed.todos.error {
            return Ready::Blocked(
                Text::new(msg::BLOCKED_APP_UNREACHABLE).arg("code", e.code.clone()),
            );
        }
        let Some(todos) = &ctx.observed.todos.value else {
            return Ready::Blocked(Text::new(msg::CHECK_NOT_READ_YET));
        };
        if todos.is_empty() {
            return Ready::Blocked(Text::new(msg::CHECK_VERIFY_EMPTY));
        }
        let mut params = vec![param(
            msg::PARAM_TODOS_SERVED,
            Text::new(msg::PARAM_TODOS_COUNT).arg("count", todos.len()),
        )];
        params.extend(todos.iter().enumerate().map(|(i, t)| {
            (
                Text::new(msg::PARAM_TODO_N).arg("n", i + 1),
                t.title.as_str().into(),
            )
        }));
        Ready::Plan(Plan {
            step: self.id(),
            options: options.clone(),
            request: Request::Verify,
            params,
            commands: vec![cloud::cli::app_url(ctx.config), cloud::cli::list_todos()],
            notes: vec![
                Text::new(msg::NOTE_VERIFY_BROWSER)
                    .arg("lb", &ctx.config.names.load_balancer)
                    .arg(
                        "url",
                        ctx.config
                            .app_url
                            .as_deref()
                            .map_or_else(|| "none".to_owned(), cloud::todo_api::normalize_base_url),
                    ),
            ],
            confirm: Confirm::Seen,
        })
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::Verify = request else {
            return Err(wrong_request());
        };
        // Read again right before: what the learner confirms is what the app serves now.
        let todos = seen_todos(run.observed)?;
        if todos.is_empty() {
            return Err(ActionError::Blocked(Text::new(msg::CHECK_VERIFY_EMPTY)));
        }
        // The RTO ends when the app first served the todos, not when the learner looked.
        let verified = run
            .journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .verified_after_rollout();
        if !verified {
            run.record(EventKind::TodosVerified { count: todos.len() });
        }
        run.record(EventKind::TodosSeen { count: todos.len() });
        Ok(vec![
            Text::new(msg::DONE_VERIFY_SEEN).arg("count", todos.len()),
        ])
    }

    fn witness(&self, look: &mut Witness<'_>) {
        witness(look);
    }
}

/// How many todos the learner confirmed in the browser after the last rollout, if they did.
fn seen(ctx: &Ctx<'_>) -> Option<usize> {
    let rollout = ctx.journal.last(Kind::RolloutComplete)?.at;
    match ctx.journal.last(Kind::TodosSeen)? {
        e if e.at >= rollout => match e.kind {
            EventKind::TodosSeen { count } => Some(count),
            _ => None,
        },
        _ => None,
    }
}

/// The titles the app serves from the restored database, as the learner sees them in the
/// browser.
fn served_titles(ctx: &Ctx<'_>) -> Option<Text> {
    let todos = ctx.observed.todos.value.as_ref()?;
    if todos.is_empty() || !ctx.backend_on_restored() {
        return None;
    }
    let titles: Vec<&str> = todos.iter().map(|t| t.title.as_str()).collect();
    Some(Text::new(msg::CHECK_VERIFY_TITLES).arg("titles", titles.join(", ")))
}

/// The todos are back: a changed list served from the restored database after the rollout
/// completed (the switch records the list it finds when the rollout completes).
fn witness(look: &mut Witness<'_>) {
    let Some(change) = look.list_change() else {
        return;
    };
    let (at, count) = (change.at, change.list.len());
    let journal = look.journal();
    if count > 0
        && look.switched()
        && journal.has(Kind::RolloutComplete)
        && !journal.verified_after_rollout()
    {
        look.record(at, EventKind::TodosVerified { count });
    }
}
