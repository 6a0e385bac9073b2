//! Five todos in the app, so that the snapshot has something to save.

use async_trait::async_trait;

use super::{Ctx, Step, wrong_request, yes_no};
use crate::cloud::{self, ErrorKind};
use crate::lab::act::{ActionError, Outcome, Run, seen_todos};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, param};
use crate::lab::{Check, StepId, StepState, Text};

/// How many todos the lab asks for.
pub const TODOS_WANTED: usize = 5;

pub struct CreateTodos;

#[async_trait]
impl Step for CreateTodos {
    fn id(&self) -> StepId {
        StepId::CreateTodos
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Todos]
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
        let seen = ctx.journal.max_todos();
        let live = ctx.observed.todo_count();
        if live.is_some_and(|n| n >= TODOS_WANTED) || seen >= TODOS_WANTED {
            return Some(Check::new(
                StepState::Done,
                Text::new("check-todos-created").arg("count", live.unwrap_or(0).max(seen)),
            ));
        }
        if ctx.observed.snapshot(&ctx.config.names.snapshot).is_some() && seen > 0 {
            return Some(Check::new(
                StepState::Done,
                Text::new("check-todos-created").arg("count", seen),
            ));
        }
        Some(match (live, &ctx.observed.todos.error) {
            (Some(0), _) => Check::new(
                StepState::Todo,
                Text::new("check-todos-none").arg("wanted", TODOS_WANTED),
            ),
            (Some(n), _) => Check::new(
                StepState::InProgress,
                Text::new("check-todos-some")
                    .arg("count", n)
                    .arg("wanted", TODOS_WANTED),
            ),
            // It answers, but not in a form the lab can read: waiting does not help.
            (None, Some(e)) if e.kind == ErrorKind::TodoAnswer => {
                Check::new(StepState::Failed, crate::cloud::error_text::error_text(e))
            }
            (None, Some(e)) => Check::new(
                StepState::Todo,
                Text::new("check-todos-unreachable").arg("code", e.code.clone()),
            ),
            (None, None) => Check::new(StepState::Todo, Text::new("check-not-read-yet")),
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let observed = ctx.observed;
        let count = observed.todo_count().unwrap_or(0);
        if ctx.is_done(self.id()) || count >= TODOS_WANTED {
            return Ready::AlreadyDone(
                Text::new("already-todos").arg("count", count.max(ctx.journal.max_todos())),
            );
        }
        if let Some(e) = observed
            .todos
            .error
            .as_ref()
            .filter(|e| e.kind == ErrorKind::TodoAnswer)
        {
            return Ready::Blocked(crate::cloud::error_text::error_text(e));
        }
        if let Some(e) = &observed.todos.error {
            return Ready::Blocked(
                Text::new("blocked-app-unreachable").arg("code", e.code.clone()),
            );
        }
        let titles: Vec<String> = crate::i18n::t(options.lang, "todo-sample-titles")
            .split('|')
            .map(str::to_owned)
            .collect();
        let missing = TODOS_WANTED - count;
        // The lines the action sends: one per todo it creates, as `execute` names them.
        let commands = std::iter::once(cloud::cli::app_url(ctx.config))
            .chain(
                (count..TODOS_WANTED)
                    .map(|n| cloud::cli::create_todo(titles.get(n).map_or("Todo", String::as_str))),
            )
            .collect();
        yes_no(
            self.id(),
            options,
            Request::CreateTodos {
                wanted: TODOS_WANTED,
                titles,
            },
            vec![param("param-todos-to-create", missing.to_string())],
            commands,
            vec![Text::new("note-browser-alternative")],
        )
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::CreateTodos { wanted, titles } = request else {
            return Err(wrong_request());
        };
        let existing = seen_todos(run.observed)?.len();
        for n in existing..*wanted {
            let title = titles.get(n).map_or("Todo", String::as_str);
            let todo = run.cloud.create_todo(title).await?;
            (run.progress)(Text::new("progress-todo-created").arg("title", todo.title));
        }
        Ok(vec![Text::new("done-todos").arg("count", *wanted)])
    }
}
