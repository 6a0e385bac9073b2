//! Five todos in the app, so that the snapshot has something to save.

use async_trait::async_trait;

use super::{Ctx, Step, StepTexts, wrong_request, yes_no};
use crate::cloud::{self, ErrorKind};
use crate::lab::act::{ActionError, Outcome, Run, seen_todos};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, param};
use crate::lab::{Check, StepId, StepState, Text};
use crate::msg;

/// How many todos the lab asks for.
pub const TODOS_WANTED: usize = 5;

pub struct CreateTodos;

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    enter: Some(msg::STEP_CREATE_TODOS_ENTER),
    console: Some(msg::STEP_CREATE_TODOS_CONSOLE),
    console_heading: Some(msg::STEP_CREATE_TODOS_CONSOLE_HEADING),
    console_enter: Some(msg::STEP_CREATE_TODOS_CONSOLE_ENTER),
    action: Some(msg::UI_ACTION_CREATE_TODOS),
    ..StepTexts::new(
        msg::STEP_CREATE_TODOS_TITLE,
        msg::STEP_CREATE_TODOS_SHORT,
        msg::STEP_CREATE_TODOS_BODY,
        msg::STEP_CREATE_TODOS_NOW,
    )
};

#[async_trait]
impl Step for CreateTodos {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

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
                Text::new(msg::CHECK_TODOS_CREATED).arg("count", live.unwrap_or(0).max(seen)),
            ));
        }
        if ctx.observed.snapshot(&ctx.config.names.snapshot).is_some() && seen > 0 {
            return Some(Check::new(
                StepState::Done,
                Text::new(msg::CHECK_TODOS_CREATED).arg("count", seen),
            ));
        }
        Some(match (live, &ctx.observed.todos.error) {
            (Some(0), _) => Check::new(
                StepState::Todo,
                Text::new(msg::CHECK_TODOS_NONE).arg("wanted", TODOS_WANTED),
            ),
            (Some(n), _) => Check::new(
                StepState::InProgress,
                Text::new(msg::CHECK_TODOS_SOME)
                    .arg("count", n)
                    .arg("wanted", TODOS_WANTED),
            ),
            // It answers, but not in a form the lab can read: waiting does not help.
            (None, Some(e)) if e.kind == ErrorKind::TodoAnswer => {
                Check::new(StepState::Failed, crate::cloud::error_text::error_text(e))
            }
            (None, Some(e)) => Check::new(
                StepState::Todo,
                Text::new(msg::CHECK_TODOS_UNREACHABLE).arg("code", e.code.clone()),
            ),
            (None, None) => Check::new(StepState::Todo, Text::new(msg::CHECK_NOT_READ_YET)),
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let observed = ctx.observed;
        let count = observed.todo_count().unwrap_or(0);
        if ctx.is_done(self.id()) || count >= TODOS_WANTED {
            return Ready::AlreadyDone(
                Text::new(msg::ALREADY_TODOS).arg("count", count.max(ctx.journal.max_todos())),
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
                Text::new(msg::BLOCKED_APP_UNREACHABLE).arg("code", e.code.clone()),
            );
        }
        let titles: Vec<String> = crate::i18n::t(options.lang, msg::TODO_SAMPLE_TITLES)
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
            vec![param(msg::PARAM_TODOS_TO_CREATE, missing.to_string())],
            commands,
            vec![Text::new(msg::NOTE_BROWSER_ALTERNATIVE)],
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
            (run.progress)(Text::new(msg::PROGRESS_TODO_CREATED).arg("title", todo.title));
        }
        Ok(vec![Text::new(msg::DONE_TODOS).arg("count", *wanted)])
    }
}
