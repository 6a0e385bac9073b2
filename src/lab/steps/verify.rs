//! The todos are back: the app serves them from the restored database.

use async_trait::async_trait;

use super::{Ctx, Step, wrong_request, yes_no};
use crate::cloud;
use crate::lab::act::{ActionError, Outcome, Run, seen_todos};
use crate::lab::journal::{EventKind, Kind};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request};
use crate::lab::{Check, StepId, StepState, Text};

pub struct Verify;

#[async_trait]
impl Step for Verify {
    fn id(&self) -> StepId {
        StepId::Verify
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Service, PartId::Todos]
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        if let Some(event) = ctx.journal.last(Kind::TodosVerified) {
            let count = match event.kind {
                EventKind::TodosVerified { count } => count,
                _ => 0,
            };
            let mut check = Check::new(
                StepState::Done,
                Text::new("check-verify-verified").arg("count", count),
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
        if !switched {
            return Some(Check::new(StepState::Todo, Text::new("check-verify-wait")));
        }
        Some(match ctx.observed.todo_count() {
            Some(0) => Check::new(StepState::Failed, Text::new("check-verify-empty")),
            Some(n) => {
                let check = Check::new(
                    StepState::Done,
                    Text::new("check-verify-done").arg("count", n),
                );
                match served_titles(ctx) {
                    Some(titles) => check.with(titles),
                    None => check,
                }
            }
            None => Check::new(StepState::Todo, Text::new("check-not-read-yet")),
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        if ctx.is_done(self.id()) {
            return Ready::AlreadyDone(
                Text::new("check-verify-done").arg("count", ctx.observed.todo_count().unwrap_or(0)),
            );
        }
        // Only todos served from the restored database prove the recovery.
        let settled = ctx
            .observed
            .service
            .value
            .as_ref()
            .is_some_and(crate::cloud::Service::is_stable);
        if !(ctx.backend_on_restored() && settled) {
            return Ready::Blocked(Text::new("check-verify-wait"));
        }
        yes_no(
            self.id(),
            options,
            Request::Verify,
            vec![],
            vec![cloud::cli::list_todos()],
            vec![],
        )
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::Verify = request else {
            return Err(wrong_request());
        };
        let todos = seen_todos(run.observed)?;
        if todos.is_empty() {
            return Err(ActionError::Blocked(Text::new("check-verify-empty")));
        }
        run.record(EventKind::TodosVerified { count: todos.len() });
        Ok(vec![
            Text::new("check-verify-done").arg("count", todos.len()),
        ])
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
    Some(Text::new("check-verify-titles").arg("titles", titles.join(", ")))
}
