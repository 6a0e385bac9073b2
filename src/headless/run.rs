//! `run STEP…`: each step's plan, its confirmation, the action's progress and the judging of
//! the states that follow, until the step is done, fails or takes too long.

use std::io::{BufRead, IsTerminal, Write};

use jiff::Timestamp;

use super::session::Session;
use super::{EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE, Runtime};
use crate::cloud::CloudError;
use crate::i18n::t;
use crate::lab::act::{self, ActionError, Outcome};
use crate::lab::observe::{Observed, PartId};
use crate::lab::plan::{Confirm, Options, Plan};
use crate::lab::steps::{self, Ctx};
use crate::lab::{StepId, StepState, Text};
use crate::msg;
use crate::protocol::Command;
use crate::ui_text;

/// How long, in cloud time, a step may have waited before the next one starts from a look at
/// every part.
const FRESH_FOR_S: i64 = 30;
/// Longest wait for one step, in cloud time.
const WAIT_LIMIT_S: i64 = 2 * 3600;

impl Runtime {
    /// Whether `step` is finished for the learner's choices: its check is done and, for the
    /// cleanup, nothing is left on the chosen path.
    fn finished(
        &self,
        step: StepId,
        check: Option<&crate::lab::Check>,
        observed: &Observed,
        options: &Options,
    ) -> bool {
        if !check.is_none_or(|c| c.state == StepState::Done) {
            return false;
        }
        let journal = self.journal();
        let ctx = Ctx {
            observed,
            journal: &journal,
            config: &self.config,
            now: self.cloud.now(),
        };
        !steps::cleanup_pending(step, &ctx, options.cleanup)
    }

    /// Whether `step` is done by the live state but its plan asks the learner to confirm
    /// what they see (`Confirm::Seen`, the verify step's moment).
    fn awaits_look(&self, step: StepId, observed: &Observed, options: &Options) -> bool {
        step.has_action()
            && self
                .plan(step, observed, options)
                .is_ok_and(|plan| plan.confirm == Confirm::Seen)
    }

    fn check_of(&self, step: StepId, observed: &Observed) -> Option<crate::lab::Check> {
        let journal = self.journal();
        steps::check(
            step,
            &Ctx {
                observed,
                journal: &journal,
                config: &self.config,
                now: self.cloud.now(),
            },
        )
    }

    /// Tells the session the journal cannot be written, if it cannot; true then.
    fn tell_journal_problem(&self, session: &mut Session) -> bool {
        let unwritable = self.journal().write_error();
        if let Some(reason) = unwritable {
            session.tell_journal(reason);
            return true;
        }
        false
    }

    fn say(&self, text: &Text) {
        note!("  {}", text.render(self.lang));
    }

    /// The plan of `step`'s action from `observed`, or what running it says without one.
    fn plan(
        &self,
        step: StepId,
        observed: &Observed,
        options: &Options,
    ) -> Result<Plan, Result<Outcome, ActionError>> {
        let journal = self.journal();
        act::settle(steps::plan(
            step,
            &Ctx {
                observed,
                journal: &journal,
                config: &self.config,
                now: self.cloud.now(),
            },
            options,
        ))
    }

    /// The plan as the confirmation shows it.
    fn show_plan(&self, plan: &Plan) {
        for (label, value) in &plan.params {
            note!(
                "    {}: {}",
                label.render(self.lang),
                value.render(self.lang)
            );
        }
        for command in &plan.commands {
            note!("    $ {command}");
        }
        for note in &plan.notes {
            note!("    ! {}", note.render(self.lang));
        }
    }

    /// Shows `plan` and asks the learner to confirm it (the worker polls on meanwhile).
    async fn confirm(&self, plan: &Plan) -> Result<bool, i32> {
        self.show_plan(plan);
        if let Confirm::Typed(word) = &plan.confirm {
            note!(
                "  {}",
                Text::new(msg::CONFIRM_TYPE)
                    .arg("word", word.clone())
                    .render(self.lang)
            );
        }
        if !std::io::stdin().is_terminal() {
            note!("✘ {}", t(self.lang, msg::RUN_NEEDS_YES));
            return Err(EXIT_USAGE);
        }
        let prompt = if plan.confirm == Confirm::Seen {
            msg::CONFIRM_SEEN
        } else {
            msg::CONFIRM_PROMPT
        };
        let _ = write!(std::io::stderr(), "  {} ", t(self.lang, prompt));
        let _ = std::io::stderr().flush();
        let line = tokio::task::spawn_blocking(|| {
            let mut line = String::new();
            let _ = std::io::stdin().lock().read_line(&mut line);
            line
        })
        .await
        .unwrap_or_default();
        let answer = line.trim();
        Ok(match &plan.confirm {
            Confirm::YesNo | Confirm::Seen => {
                matches!(answer, "y" | "Y" | "j" | "J" | "yes" | "ja")
            }
            Confirm::Typed(word) => answer == word,
        })
    }

    /// The body of [`Runtime::run`].
    pub(super) async fn run_steps(&self, steps: &[StepId], options: &Options, yes: bool) -> i32 {
        if self.read_only {
            note!("✘ {}", t(self.lang, msg::READ_ONLY_REFUSED));
            return EXIT_USAGE;
        }
        let mut session = Session::start(self);
        let mut code = EXIT_OK;
        for &step in steps {
            if self.tell_journal_problem(&mut session) {
                code = EXIT_INCOMPLETE;
                break;
            }
            let title = step.title().render(self.lang);
            note!("▶ {} ({})", title, step.id());
            session.handle.send(Command::Focus(step));
            let Some(mut observed) = session.observed().await else {
                code = EXIT_INCOMPLETE;
                break;
            };
            // A part whose last read failed is read again (with the instances every check
            // starts from) before the step is judged and planned.
            let mut failed: Vec<PartId> = PartId::ALL
                .into_iter()
                .filter(|part| observed.error(*part).is_some())
                .collect();
            if !failed.is_empty() {
                if !failed.contains(&PartId::Instances) {
                    failed.push(PartId::Instances);
                }
                if let Some(fresh) = session.look(failed).await {
                    observed = fresh;
                } else {
                    code = EXIT_INCOMPLETE;
                    break;
                }
            }
            if let Some(e) = observed
                .instances
                .error
                .clone()
                .filter(|e| !e.kind.is_transient())
            {
                let Some(fresh) = self.credentials_renewed(&mut session, &e).await else {
                    code = EXIT_INCOMPLETE;
                    break;
                };
                observed = fresh;
            }
            let before = self.check_of(step, &observed);
            // A step done by the live state that waits for the learner to look (verify: the
            // todos are back; do they see them in the browser?) asks, as the TUI does.
            if before.is_some()
                && self.finished(step, before.as_ref(), &observed, options)
                && !self.awaits_look(step, &observed, options)
            {
                self.say(&Text::new(msg::RUN_ALREADY_DONE).arg(
                    "detail",
                    before.map(|c| c.render(self.lang)).unwrap_or_default(),
                ));
                continue;
            }
            let mut result = match self.act(&mut session, step, &observed, options, yes).await {
                Ok(result) => result,
                Err(exit) => return exit,
            };
            // Credentials that expired while the action ran: once fresh ones work, the step
            // runs again from a fresh look, which finds what went through and does the rest.
            while let Some(Err(ActionError::Cloud(e))) = &result
                && awaits_credentials(e)
            {
                let e = e.clone();
                let Some(fresh) = self.credentials_renewed(&mut session, &e).await else {
                    return self.finish(session, EXIT_INCOMPLETE).await;
                };
                result = match self.act(&mut session, step, &fresh, options, yes).await {
                    Ok(result) => result,
                    Err(exit) => return exit,
                };
            }
            match result {
                // Not seen in the browser yet: what to look at, rather than a bare "skipped".
                None if self.awaits_look(step, &observed, options) => {
                    self.say(&Text::new(msg::RUN_NOT_SEEN_YET).arg("step", step.id()));
                    code = EXIT_INCOMPLETE;
                    break;
                }
                None => {
                    self.say(&Text::new(msg::RUN_SKIPPED));
                    code = EXIT_INCOMPLETE;
                    break;
                }
                Some(Ok(lines)) => lines.iter().for_each(|l| self.say(l)),
                Some(Err(_)) if session.journal_broken => {
                    code = EXIT_INCOMPLETE;
                    break;
                }
                Some(Err(e)) => {
                    note!("✘ {}", ui_text::action_error_text(&e).render(self.lang));
                    code = EXIT_INCOMPLETE;
                    break;
                }
            }
            if !self.wait_for(&mut session, step, options).await {
                code = EXIT_INCOMPLETE;
                break;
            }
        }
        self.finish(session, code).await
    }

    /// The end of `run`: the check document from a last look, and `code`.
    async fn finish(&self, mut session: Session, mut code: i32) -> i32 {
        let observed = self.or_look(session.observed().await).await;
        if self.tell_journal_problem(&mut session) {
            code = EXIT_INCOMPLETE;
        }
        session.stop();
        let doc = self.document(&observed);
        if !self.print_document(&doc) && code == EXIT_OK {
            code = EXIT_INCOMPLETE;
        }
        code
    }

    /// After `e`, a failure waiting does not cure: when fresh credentials can appear where
    /// they came from (the credentials file, an SSO or console login, a credential process,
    /// the container endpoint), says so and what to do, as the TUI does, then waits, saying
    /// that it waits, until the account answers again, and returns a fresh look at every
    /// part. `None` (the run ends) for any other failure, for credentials from environment
    /// variables (a running program cannot read new ones; the text says to restart), when
    /// the worker ended, or after [`CREDENTIALS_WAIT_LIMIT`].
    async fn credentials_renewed(&self, session: &mut Session, e: &CloudError) -> Option<Observed> {
        note!("✘ {}", ui_text::error_text(e).render(self.lang));
        if !awaits_credentials(e) {
            return None;
        }
        note!("  … {}", t(self.lang, msg::RUN_CREDENTIALS_WAITING));
        // Waited in real time: the learner gets fresh keys at the speed of people, whatever
        // the simulated clock does.
        let started = tokio::time::Instant::now();
        let mut told = started;
        loop {
            tokio::time::sleep(CREDENTIALS_POLL).await;
            let observed = session.look(vec![PartId::Instances]).await?;
            let waited = started.elapsed();
            match &observed.instances.error {
                None => {
                    note!("  ✔ {}", t(self.lang, msg::RUN_CREDENTIALS_BACK));
                    return session.look(PartId::ALL.to_vec()).await;
                }
                Some(e) if e.kind.is_transient() || awaits_credentials(e) => {}
                Some(e) => {
                    note!("✘ {}", ui_text::error_text(e).render(self.lang));
                    return None;
                }
            }
            if waited > CREDENTIALS_WAIT_LIMIT {
                note!("✘ {}", t(self.lang, msg::RUN_CREDENTIALS_GAVE_UP));
                return None;
            }
            if told.elapsed() >= CREDENTIALS_TELL {
                told = tokio::time::Instant::now();
                note!(
                    "  … {}",
                    Text::new(msg::RUN_CREDENTIALS_STILL_WAITING)
                        .arg(
                            "elapsed",
                            crate::lab::Duration::seconds(
                                i64::try_from(waited.as_secs()).unwrap_or(i64::MAX)
                            )
                        )
                        .render(self.lang)
                );
            }
        }
    }

    /// Has the worker carry out `step`'s action and waits for its answer. `--yes` confirms
    /// every plan in advance: the one the state right before the action gives runs.
    /// Otherwise the plan shown is the plan that runs; when the account moves before it runs,
    /// the new plan is shown to confirm again. `Ok(None)`: the learner said no.
    async fn act(
        &self,
        session: &mut Session,
        step: StepId,
        observed: &Observed,
        options: &Options,
        yes: bool,
    ) -> Result<Option<Result<Outcome, ActionError>>, i32> {
        if yes {
            // The look in the browser cannot be confirmed in advance: the list is shown and
            // the confirmation is said to be assumed.
            if let Ok(plan) = self.plan(step, observed, options)
                && plan.confirm == Confirm::Seen
            {
                self.show_plan(&plan);
                note!("  {}", t(self.lang, msg::RUN_SEEN_ASSUMED));
            }
            session
                .handle
                .send(Command::RunUnseen(step, Box::new(options.clone())));
            return Ok(Some(session.answer().await));
        }
        // Without --yes nothing runs that was not shown and confirmed: a step that has no
        // plan now (done, or blocked, also by a passing read error) says so and acts not.
        let mut plan = match self.plan(step, observed, options) {
            Ok(plan) => plan,
            Err(answer) => return Ok(Some(answer)),
        };
        let mut plan_changes = 0;
        loop {
            if !self.confirm(&plan).await? {
                return Ok(None);
            }
            session.handle.send(Command::RunAction(Box::new(plan)));
            match session.answer().await {
                Err(ActionError::PlanChanged(changed)) if plan_changes < PLAN_CHANGES => {
                    note!("! {}", t(self.lang, msg::PLAN_CHANGED));
                    plan_changes += 1;
                    plan = *changed;
                }
                other => return Ok(Some(other)),
            }
        }
    }

    /// Waits until `step` is done; false when it failed or took too long. Reads each state
    /// the worker sends once the action has ended; the worker looks at what the action
    /// changes often and at the step on screen while it is not done.
    async fn wait_for(&self, session: &mut Session, step: StepId, options: &Options) -> bool {
        let started = self.cloud.now();
        let done = self.wait_until_done(session, step, options).await;
        // After a long wait the parts the step does not change may be a slow look old: the
        // next step, and the document at the end, start from a look at everything.
        if done && self.cloud.now().as_second() - started.as_second() > FRESH_FOR_S {
            return session.look(PartId::ALL.to_vec()).await.is_some();
        }
        done
    }

    /// The wait itself: each state the worker sends, judged for `step`.
    async fn wait_until_done(
        &self,
        session: &mut Session,
        step: StepId,
        options: &Options,
    ) -> bool {
        let started = self.cloud.now();
        let mut last_detail = String::new();
        // When the step's parts were last read: a state from a look at other parts only
        // says nothing new about the step, and prints no line of progress.
        let mut last_read = Vec::new();
        loop {
            let Some(observed) = session.observed().await else {
                return false;
            };
            let read: Vec<Option<Timestamp>> =
                step.parts().iter().map(|p| observed.updated(*p)).collect();
            let news = read != last_read;
            last_read = read;
            let check = self.check_of(step, &observed);
            let state = check.as_ref().map_or(StepState::Done, |c| c.state);
            let detail = check
                .as_ref()
                .map(|c| c.render(self.lang))
                .unwrap_or_default();
            let tells_duration = check
                .as_ref()
                .is_some_and(|c| c.details.iter().any(Text::tells_duration));
            if self.finished(step, check.as_ref(), &observed, options) {
                note!("  {} {}", StepState::Done.symbol(), detail);
                return true;
            }
            if state == StepState::Failed {
                // One detail a line: what failed, why, the events, what to try.
                let details = check
                    .as_ref()
                    .map(|c| c.details.as_slice())
                    .unwrap_or_default();
                for (n, text) in details.iter().enumerate() {
                    let lead = if n == 0 {
                        StepState::Failed.symbol()
                    } else {
                        " "
                    };
                    note!("  {lead} {}", text.render(self.lang));
                }
                for problem in check.iter().flat_map(|c| &c.problems) {
                    note!(
                        "  {} {}",
                        problem.severity.symbol(),
                        problem.detail.render(self.lang)
                    );
                    note!("    → {}", problem.fix_on_cli(step).render(self.lang));
                }
                return false;
            }
            // A failure that waiting does not cure (an answer the lab cannot read, denied
            // access, an expired session) ends the wait with its advice.
            if let Some(e) = step
                .parts()
                .iter()
                .filter_map(|part| observed.error(*part))
                .find(|e| !e.kind.is_transient())
                .cloned()
            {
                // Expired credentials that can be renewed: waited for, then the wait goes on.
                if self.credentials_renewed(session, &e).await.is_none() {
                    return false;
                }
                continue;
            }
            if news && detail != last_detail {
                // Details that tell how long something has taken need no time of their own.
                if tells_duration {
                    note!("  {} {}", state.symbol(), detail);
                } else {
                    let elapsed =
                        crate::format::duration(crate::format::since(self.cloud.now(), started));
                    note!("  {} {} [{}]", state.symbol(), detail, elapsed);
                }
                last_detail = detail;
            }
            if self.cloud.now().as_second() - started.as_second() > WAIT_LIMIT_S {
                note!("✘ {}", t(self.lang, msg::RUN_TIMEOUT));
                return false;
            }
            if !session.next_state().await {
                return false;
            }
        }
    }
}

/// Whether `e` is about credentials that fresh ones cure without a restart: expired or
/// refused, from a source that is read again when backup-lab connects anew (everything but
/// environment variables). An error that names no source is not waited for.
fn awaits_credentials(e: &CloudError) -> bool {
    e.is_credentials_problem()
        && e.credentials
            .as_deref()
            .is_some_and(crate::cloud::credentials::CredentialSource::renews_on_reconnect)
}

/// While `run` waits for fresh credentials (real time): how often it looks (the connection is
/// made anew at most every `refresh::RECONNECT_EVERY`), how often it says it still waits and
/// how long it waits at most.
const CREDENTIALS_POLL: std::time::Duration = std::time::Duration::from_secs(5);
const CREDENTIALS_TELL: std::time::Duration = std::time::Duration::from_secs(60);
const CREDENTIALS_WAIT_LIMIT: std::time::Duration = std::time::Duration::from_secs(2 * 3600);

/// How often `run` shows a plan again because the account moved before it ran.
const PLAN_CHANGES: u32 = 3;
