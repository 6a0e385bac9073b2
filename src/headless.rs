//! `status`, `check` and `run` without the TUI: the same lab, actions and texts, with progress
//! on stderr and the result (text or JSON) on stdout.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use serde::Serialize;

use crate::app::{Command, Msg, Snapshot};
use crate::cloud::recorder::CallLog;
use crate::cloud::{Cloud, CloudError, shown_value, wire};
use crate::config::Config;
use crate::i18n::{Lang, t};
use crate::lab::act::{self, ActionError, Outcome};
use crate::lab::journal::Journal;
use crate::lab::observe::{Observed, PartId};
use crate::lab::plan::{Confirm, Options, Plan};
use crate::lab::steps::{self, Ctx};
use crate::lab::{StepId, StepState, Text};
use crate::ui_text;

/// A progress line on stderr. Unlike `eprintln!`, a closed stderr (`2>&1 | head`) does not
/// stop the command half way: the line is dropped and the work goes on.
macro_rules! note {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Writes `text` to stdout and flushes it. A closed stdout (`… | head`) is not an error: the
/// reader has seen what it wanted, so writing stops quietly (`Ok(false)`). Any other failure
/// (a full disk behind `> report.md`) is the caller's to tell.
pub fn write_stdout_or_error(text: &str) -> std::io::Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}

/// Everything a headless command works with.
pub struct Runtime {
    pub cloud: Arc<dyn Cloud>,
    pub config: Config,
    pub journal: Arc<Mutex<Journal>>,
    pub log: Arc<CallLog>,
    pub lang: Lang,
    pub read_only: bool,
    pub json: bool,
}

/// Exit codes.
pub const EXIT_OK: i32 = 0;
pub const EXIT_INCOMPLETE: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// How long, in cloud time, a step may have waited before the next one starts from a look at
/// every part.
const FRESH_FOR_S: i64 = 30;
/// Longest wait for one step, in cloud time.
const WAIT_LIMIT_S: i64 = 2 * 3600;

#[derive(Debug, Serialize)]
pub struct StepReport {
    pub id: &'static str,
    pub state: StepState,
    pub detail: String,
    /// The diagnoses of what is wrong, in the chosen language (empty when none).
    pub problems: Vec<crate::lab::ShownProblem>,
}

#[derive(Debug, Serialize)]
pub struct CheckDocument {
    pub steps: Vec<StepReport>,
    pub complete: bool,
    pub lang: &'static str,
    pub at: Timestamp,
}

impl Runtime {
    fn journal(&self) -> std::sync::MutexGuard<'_, Journal> {
        self.journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// One look at every part, as the worker takes them (the journal takes note).
    pub async fn observe(&self, observed: &mut Observed) {
        crate::worker::look(
            self.cloud.as_ref(),
            &self.config,
            &self.journal,
            &PartId::ALL,
            observed,
        )
        .await;
    }

    /// Whether `step` is finished for the learner's choices: its check is done and, for the
    /// cleanup, nothing is left on the chosen path.
    fn finished(
        &self,
        step: StepId,
        check: Option<&crate::lab::Check>,
        observed: &Observed,
        options: &Options,
    ) -> bool {
        check.is_none_or(|c| c.state == StepState::Done)
            && !steps::cleanup_pending(
                step,
                observed,
                &self.config,
                self.journal().restored_instance(&self.config),
                options.cleanup,
            )
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

    #[must_use]
    pub fn document(&self, observed: &Observed) -> CheckDocument {
        let journal = self.journal();
        let ctx = Ctx {
            observed,
            journal: &journal,
            config: &self.config,
            now: self.cloud.now(),
        };
        let steps = StepId::ALL
            .into_iter()
            .filter_map(|s| {
                steps::check(s, &ctx).map(|c| StepReport {
                    id: s.id(),
                    state: c.state,
                    detail: c.render(self.lang),
                    problems: c.shown_problems(self.lang, s),
                })
            })
            .collect();
        CheckDocument {
            steps,
            complete: steps::lab_complete(&ctx),
            lang: self.lang.code(),
            at: self.cloud.now(),
        }
    }

    /// Writes `text` to stdout; a failure other than a closed reader is said. False then.
    fn out(&self, text: &str) -> bool {
        match write_stdout_or_error(text) {
            Ok(_) => true,
            Err(e) => {
                note!(
                    "✘ {}",
                    Text::new("stdout-not-written")
                        .arg("error", e.to_string())
                        .render(self.lang)
                );
                false
            }
        }
    }

    /// Prints the check document; false when it could not be written.
    fn print_document(&self, doc: &CheckDocument) -> bool {
        use std::fmt::Write as _;
        if self.json {
            return self.out(&format!(
                "{}\n",
                serde_json::to_string_pretty(doc).unwrap_or_default()
            ));
        }
        let mut out = String::new();
        for s in &doc.steps {
            let symbol = s.state.symbol();
            let title = StepId::parse(s.id)
                .map(|id| id.title().render(self.lang))
                .unwrap_or_default();
            let _ = writeln!(out, "{symbol} {:<15} {:<30} {}", s.id, title, s.detail);
            write_problems(&mut out, s.state, &s.problems);
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            t(
                self.lang,
                if doc.complete {
                    "check-summary-complete"
                } else {
                    "check-summary-incomplete"
                }
            )
        );
        self.out(&out)
    }

    /// The worker's first look at every part, as the TUI gets it.
    pub async fn first_look(&self) -> Observed {
        let mut session = Session::start(self);
        let observed = session.observed().await;
        session.stop();
        self.or_look(observed).await
    }

    /// `observed`, or a look of its own when the worker ended before it looked.
    async fn or_look(&self, observed: Option<Observed>) -> Observed {
        if let Some(observed) = observed {
            return observed;
        }
        let mut observed = Observed::default();
        self.observe(&mut observed).await;
        observed
    }

    /// `check`: exit 0 when every step through verify is done.
    pub async fn check(&self) -> i32 {
        let observed = self.first_look().await;
        self.report_part_errors(&observed);
        let doc = self.document(&observed);
        let written = self.print_document(&doc);
        if doc.complete && written {
            EXIT_OK
        } else {
            EXIT_INCOMPLETE
        }
    }

    fn report_part_errors(&self, observed: &Observed) {
        let errors = [
            &observed.instances.error,
            &observed.snapshots.error,
            &observed.service.error,
            &observed.todos.error,
        ];
        // The same failure on every part is said once.
        let mut said: Vec<String> = Vec::new();
        for e in errors.into_iter().flatten() {
            let text = ui_text::error_text(e).render(self.lang);
            if !said.contains(&text) {
                note!("✘ {text}");
                said.push(text);
            }
        }
    }

    /// `status`: what is observed, without secrets.
    pub async fn status(&self) -> i32 {
        let observed = self.first_look().await;
        self.report_part_errors(&observed);
        let view = StatusView::from(&observed, &self.config, self.lang);
        let written = if self.json {
            self.out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&view).unwrap_or_default()
            ))
        } else {
            let mut text = view.render(self.lang, &self.config.timezone());
            let doc = self.document(&observed);
            let troubled: Vec<&StepReport> = doc
                .steps
                .iter()
                .filter(|s| !s.problems.is_empty())
                .collect();
            if !troubled.is_empty() {
                use std::fmt::Write as _;
                let _ = writeln!(text, "{}", t(self.lang, "status-problems"));
                for s in troubled {
                    let title = StepId::parse(s.id)
                        .map(|id| id.title().render(self.lang))
                        .unwrap_or_default();
                    let _ = writeln!(text, "  {} {title}", s.state.symbol());
                    write_problems(&mut text, s.state, &s.problems);
                }
            }
            self.out(&text)
        };
        // A part that could not be read is not known: the status is incomplete.
        if view.unknown.is_empty() && written {
            EXIT_OK
        } else {
            EXIT_INCOMPLETE
        }
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
                Text::new("confirm-type")
                    .arg("word", word.clone())
                    .render(self.lang)
            );
        }
        if !std::io::stdin().is_terminal() {
            note!("✘ {}", t(self.lang, "run-needs-yes"));
            return Err(EXIT_USAGE);
        }
        let prompt = if plan.confirm == Confirm::Seen {
            "confirm-seen"
        } else {
            "confirm-prompt"
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

    /// `run STEP…`: performs each action, waits until its check is done, prints the check
    /// document at the end. A front end of the worker like the TUI: the worker polls, runs
    /// the confirmed plans and sends what it sees; this prints it.
    pub async fn run(&self, steps: &[StepId], options: &Options, yes: bool) -> i32 {
        if self.read_only {
            note!("✘ {}", t(self.lang, "read-only-refused"));
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
            if before.is_some() && self.finished(step, before.as_ref(), &observed, options) {
                self.say(&Text::new("run-already-done").arg(
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
                None => {
                    self.say(&Text::new("run-skipped"));
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
        note!("  … {}", t(self.lang, "run-credentials-waiting"));
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
                    note!("  ✔ {}", t(self.lang, "run-credentials-back"));
                    return session.look(PartId::ALL.to_vec()).await;
                }
                Some(e) if e.kind.is_transient() || awaits_credentials(e) => {}
                Some(e) => {
                    note!("✘ {}", ui_text::error_text(e).render(self.lang));
                    return None;
                }
            }
            if waited > CREDENTIALS_WAIT_LIMIT {
                note!("✘ {}", t(self.lang, "run-credentials-gave-up"));
                return None;
            }
            if told.elapsed() >= CREDENTIALS_TELL {
                told = tokio::time::Instant::now();
                note!(
                    "  … {}",
                    Text::new("run-credentials-still-waiting")
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
                    note!("! {}", t(self.lang, "plan-changed"));
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
                note!("✘ {}", t(self.lang, "run-timeout"));
                return false;
            }
            if !session.next_state().await {
                return false;
            }
        }
    }
}

/// A headless command's side of the worker: it reads what the worker sends, as the TUI does,
/// and writes the progress of actions and journal problems to stderr on the way.
struct Session {
    handle: crate::worker::Handle,
    feed: crate::worker::Feed,
    lang: Lang,
    /// The newest state the worker sent.
    state: Option<Box<Snapshot>>,
    /// How many actions have answered.
    answered: u64,
    /// How many looks this session asked for.
    asked: u64,
    /// Whether the worker's end was told.
    gone_told: bool,
    /// The journal problem already told (each reason once).
    told: Option<String>,
    /// The journal cannot be written: the command stops, the worker is heard no more.
    journal_broken: bool,
}

/// What the worker said that a headless command waits for.
enum Heard {
    State,
    Answer(Result<Outcome, ActionError>),
    /// The worker has ended.
    Gone,
}

impl Session {
    /// Starts the worker on `rt`'s cloud and journal.
    fn start(rt: &Runtime) -> Self {
        let (handle, feed) = crate::worker::spawn(
            rt.cloud.clone(),
            rt.config.clone(),
            rt.journal.clone(),
            rt.log.clone(),
            crate::worker::Greeting::Silent,
        );
        Self {
            handle,
            feed,
            lang: rt.lang,
            state: None,
            answered: 0,
            asked: 0,
            told: None,
            gone_told: false,
            journal_broken: false,
        }
    }

    /// The next state or answer; progress and journal problems are written as they come.
    async fn hear(&mut self) -> Heard {
        if self.journal_broken {
            return Heard::Gone;
        }
        loop {
            match self.feed.recv().await {
                None => {
                    if !self.gone_told {
                        note!("✘ {}", t(self.lang, "worker-ended"));
                        self.gone_told = true;
                    }
                    return Heard::Gone;
                }
                Some(Msg::State(state)) => {
                    self.state = Some(state);
                    return Heard::State;
                }
                Some(Msg::ActionDone(_, result)) => {
                    self.answered += 1;
                    return Heard::Answer(result);
                }
                Some(Msg::Progress(_, text)) => note!("  … {}", text.render(self.lang)),
                Some(Msg::JournalUnwritable(reason)) => {
                    // The command stops: nothing more is done that the journal could not
                    // remember.
                    self.tell_journal(reason);
                    self.gone_told = true;
                    return Heard::Gone;
                }
                Some(_) => {}
            }
        }
    }

    /// Says on stderr (once per reason) that the journal cannot be written; the command
    /// then stops.
    fn tell_journal(&mut self, reason: String) {
        self.journal_broken = true;
        if self.told.as_ref() != Some(&reason) {
            note!(
                "✘ {}",
                Text::new("journal-unwritable")
                    .arg("reason", reason.clone())
                    .render(self.lang)
            );
            self.told = Some(reason);
        }
    }

    /// What the newest state shows, once its look began after every answered action had
    /// ended and every look asked for: an action's own changes are never judged from a look
    /// taken before it ended. `None` once the worker has ended.
    async fn observed(&mut self) -> Option<Observed> {
        loop {
            if let Some(state) = self
                .state
                .as_ref()
                .filter(|s| s.actions_ended >= self.answered && s.looks_asked >= self.asked)
            {
                return Some(state.observed.clone());
            }
            if matches!(self.hear().await, Heard::Gone) {
                return None;
            }
        }
    }

    /// Waits for the next state; false once the worker has ended.
    async fn next_state(&mut self) -> bool {
        loop {
            match self.hear().await {
                Heard::State => return true,
                Heard::Gone => return false,
                Heard::Answer(_) => {}
            }
        }
    }

    /// A state from a look at `parts` (and whatever else is due) that began after this call.
    async fn look(&mut self, parts: Vec<PartId>) -> Option<Observed> {
        self.asked += 1;
        self.handle.send(Command::Look(parts));
        self.observed().await
    }

    /// The answer of the action sent last.
    async fn answer(&mut self) -> Result<Outcome, ActionError> {
        loop {
            match self.hear().await {
                Heard::Answer(result) => return result,
                Heard::State => {}
                Heard::Gone => {
                    return Err(ActionError::Blocked(Text::new("action-ended-unexpectedly")));
                }
            }
        }
    }

    fn stop(self) {
        self.handle.send(Command::Quit);
    }
}

/// The diagnoses under a step's line: what happened, then what to do now.
fn write_problems(out: &mut String, _state: StepState, problems: &[crate::lab::ShownProblem]) {
    use std::fmt::Write as _;
    for p in problems {
        let _ = writeln!(out, "    {} {}", p.severity.symbol(), p.detail);
        let _ = writeln!(out, "      → {}", p.fix);
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

/// Service events `status` lists.
const STATUS_EVENTS: usize = 3;

/// Width of a text column: the longest entry, at least `min`.
fn column_width<'a>(entries: impl Iterator<Item = &'a str>, min: usize) -> usize {
    entries.map(|e| e.chars().count()).fold(min, usize::max)
}

/// A part of the account that could not be read: what it holds is not known.
#[derive(Debug, Clone, Serialize)]
pub struct UnknownPart {
    /// `instances`, `snapshots`, `service` or `todos`.
    pub part: &'static str,
    /// The provider's error code and message.
    pub code: String,
    pub message: String,
    /// What went wrong and what to do, in the chosen language.
    pub text: String,
}

/// The parts whose last read failed: an unreadable account is not an empty one.
#[must_use]
pub fn unknown_parts(observed: &Observed, lang: Lang) -> Vec<UnknownPart> {
    PartId::ALL
        .into_iter()
        .filter_map(|part| {
            let e = observed.error(part)?;
            Some(UnknownPart {
                part: part.name(),
                code: e.code.clone(),
                message: e.message.clone(),
                text: ui_text::error_text(e).render(lang),
            })
        })
        .collect()
}

/// The observed state for `status`, with secret values hidden. A part that could not be
/// read is `null` (`todos` too) and listed in `unknown` with its error.
#[derive(Debug, Serialize)]
pub struct StatusView {
    pub instances: Option<Vec<crate::cloud::DbInstance>>,
    pub snapshots: Option<Vec<crate::cloud::DbSnapshot>>,
    pub service: Option<crate::cloud::Service>,
    pub task_definition: Option<TaskDefinitionView>,
    pub todos: Option<usize>,
    pub unknown: Vec<UnknownPart>,
}

#[derive(Debug, Serialize)]
pub struct TaskDefinitionView {
    pub arn: String,
    pub revision: u32,
    pub environment: Vec<(String, String)>,
}

impl StatusView {
    #[must_use]
    pub fn from(observed: &Observed, config: &Config, lang: Lang) -> Self {
        let known = |part: PartId| observed.error(part).is_none();
        let task_definition = observed
            .current_task_definition()
            .map(|td| TaskDefinitionView {
                arn: td.arn.clone(),
                revision: td.revision,
                environment: td
                    .containers
                    .iter()
                    .filter(|c| c.name == config.names.container)
                    .flat_map(|c| {
                        c.environment
                            .iter()
                            .map(|(k, v)| (k.clone(), shown_value(k, v).to_owned()))
                    })
                    .collect(),
            });
        Self {
            instances: known(PartId::Instances)
                .then(|| observed.instances.value.clone().unwrap_or_default()),
            snapshots: known(PartId::Snapshots)
                .then(|| observed.snapshots.value.clone().unwrap_or_default()),
            service: known(PartId::Service)
                .then(|| observed.service.value.clone())
                .flatten(),
            task_definition: task_definition.filter(|_| known(PartId::Service)),
            todos: known(PartId::Todos)
                .then(|| observed.todo_count())
                .flatten(),
            unknown: unknown_parts(observed, lang),
        }
    }

    /// The line that says `part` could not be read, if it could not.
    fn unknown_line(&self, part: &str, lang: Lang) -> Option<String> {
        self.unknown.iter().find(|u| u.part == part).map(|u| {
            format!(
                "  ? {}",
                Text::new("status-unknown")
                    .arg("reason", u.text.clone())
                    .render(lang)
            )
        })
    }

    /// The text form: one line per instance, snapshot and deployment, times local in `tz`.
    #[must_use]
    pub fn render(&self, lang: Lang, tz: &jiff::tz::TimeZone) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(out, "{}", t(lang, "status-instances"));
        let instances = self.instances.as_deref().unwrap_or_default();
        if let Some(line) = self.unknown_line("instances", lang) {
            let _ = writeln!(out, "{line}");
        }
        let id_width = column_width(instances.iter().map(|i| i.id.as_str()), 22);
        for i in instances {
            let _ = writeln!(
                out,
                "  {:<id_width$} {:<12} {:<12} {:<9} {:<7}  {}",
                i.id,
                i.status,
                i.class,
                if i.multi_az { "Multi-AZ" } else { "Single-AZ" },
                Text::new("status-days")
                    .arg("count", i.retention_days)
                    .render(lang),
                i.endpoint.as_deref().unwrap_or("-")
            );
        }
        let _ = writeln!(out, "{}", t(lang, "status-snapshots"));
        let kinds = [t(lang, "status-manual"), t(lang, "status-automated")];
        let kind_width = column_width(kinds.iter().map(String::as_str), 0);
        let snapshots = self.snapshots.as_deref().unwrap_or_default();
        if let Some(line) = self.unknown_line("snapshots", lang) {
            let _ = writeln!(out, "{line}");
        }
        let id_width = column_width(snapshots.iter().map(|s| s.id.as_str()), 30);
        for s in snapshots {
            let kind = if s.kind == crate::cloud::SnapshotKind::Manual {
                &kinds[0]
            } else {
                &kinds[1]
            };
            let _ = writeln!(
                out,
                "  {:<id_width$} {:<10} {:>3}% {:<kind_width$} {}",
                s.id,
                s.status,
                s.percent,
                kind,
                s.created
                    .map(|at| crate::format::stamp(at, tz))
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(out, "{}", t(lang, "status-service"));
        if let Some(line) = self.unknown_line("service", lang) {
            let _ = writeln!(out, "{line}");
        }
        if let Some(service) = &self.service {
            for d in &service.deployments {
                let revision = d.task_definition.rsplit(':').next().unwrap_or_default();
                let status = wire(&d.status);
                let rollout = d.rollout.as_ref().map(wire).unwrap_or_default();
                let mut line = format!(
                    "  {status:<8} rev {revision:<4} {}/{} {rollout}",
                    d.running, d.desired
                );
                if d.failed_tasks > 0 {
                    let failed = Text::new("ui-failed-tasks").arg("count", d.failed_tasks);
                    line = format!("{line} · {}", failed.render(lang));
                }
                let _ = writeln!(out, "{}", line.trim_end());
                if let Some(reason) = d.rollout_reason.as_deref().filter(|_| {
                    d.failed_tasks > 0 || d.rollout == Some(crate::cloud::RolloutState::Failed)
                }) {
                    let _ = writeln!(out, "    {reason}");
                }
            }
        }
        if let Some(td) = &self.task_definition {
            let _ = writeln!(out, "  {}", td.arn);
            for (k, v) in &td.environment {
                let _ = writeln!(out, "    {k}={v}");
            }
        }
        if let Some(service) = &self.service {
            // The newest events, or those that tell why a rollout goes wrong.
            let troubled = service.troubled().is_some();
            let events: Vec<&crate::cloud::ServiceEvent> = if troubled {
                service.telling_events(None, STATUS_EVENTS)
            } else {
                service.events.iter().take(STATUS_EVENTS).collect()
            };
            if !events.is_empty() {
                let _ = writeln!(out, "{}", t(lang, "status-events"));
            }
            for e in events {
                let at =
                    e.at.map(|at| crate::format::clock(at, tz))
                        .unwrap_or_default();
                let _ = writeln!(out, "  {at} {}", e.message);
            }
        }
        let _ = writeln!(
            out,
            "{}: {}",
            t(lang, "status-todos"),
            self.todos.map_or_else(|| "?".into(), |n| n.to_string())
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::DbInstance;

    fn session() -> (crate::worker::Outlet, Session) {
        let (outlet, feed) = crate::worker::channel();
        let (handle, _commands) = crate::worker::Handle::detached();
        let session = Session {
            handle,
            feed,
            lang: Lang::En,
            state: None,
            answered: 0,
            asked: 0,
            told: None,
            gone_told: false,
            journal_broken: false,
        };
        (outlet, session)
    }

    fn state(status: &str, actions_ended: u64) -> Snapshot {
        let mut observed = Observed::default();
        observed.instances.value = Some(vec![DbInstance {
            id: "workshop-db".into(),
            status: status.into(),
            ..DbInstance::default()
        }]);
        Snapshot {
            observed,
            journal: Vec::new(),
            calls: Vec::new(),
            call_count: 0,
            app_call_count: 0,
            now: Timestamp::from_second(1_800_000_000).expect("time"),
            actions_ended,
            looks_asked: 0,
        }
    }

    /// A look that began before the action ended may arrive after its answer: the step is
    /// judged from the first look after it, never from that older one.
    #[tokio::test]
    async fn after_an_answer_a_look_from_before_it_is_skipped() {
        let (outlet, mut session) = session();
        outlet.send(Msg::ActionDone(StepId::Restore, Ok(Vec::new())));
        assert!(session.answer().await.is_ok());
        assert!(outlet.publish(state("modifying", 0)));
        let waiting = tokio::spawn(async move {
            let observed = session.observed().await;
            (session, observed)
        });
        tokio::task::yield_now().await;
        assert!(
            !waiting.is_finished(),
            "the look from before the answer is not used"
        );
        assert!(outlet.publish(state("available", 1)));
        let (_, observed) = waiting.await.expect("task");
        let observed = observed.expect("a state");
        assert_eq!(
            observed.instance("workshop-db").expect("db").status,
            crate::cloud::InstanceStatus::Available
        );
    }

    /// A look asked for after a failed read is waited for: the state from before it, with
    /// the failure, is not planned from again.
    #[tokio::test]
    async fn a_look_asked_for_is_waited_for() {
        let (outlet, mut session) = session();
        assert!(outlet.publish(state("modifying", 0)));
        let waiting = tokio::spawn(async move {
            let observed = session.look(vec![PartId::Instances]).await;
            (session, observed)
        });
        tokio::task::yield_now().await;
        assert!(
            !waiting.is_finished(),
            "the state from before the look is not used"
        );
        let mut asked = state("available", 0);
        asked.looks_asked = 1;
        assert!(outlet.publish(asked));
        let (_, observed) = waiting.await.expect("task");
        assert_eq!(
            observed
                .expect("a state")
                .instance("workshop-db")
                .expect("db")
                .status,
            crate::cloud::InstanceStatus::Available
        );
    }
}
