//! `status`, `check` and `run` without the TUI: the same lab, actions and texts, with progress
//! on stderr and the result (text or JSON) on stdout.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::Timestamp;
use serde::Serialize;

use crate::cloud::recorder::CallLog;
use crate::cloud::{Cloud, shown_value};
use crate::config::Config;
use crate::i18n::{Lang, t};
use crate::lab::actions::{self, Options};
use crate::lab::checks::{self, Ctx};
use crate::lab::journal::Journal;
use crate::lab::observe::{Observed, PartId, observe};
use crate::lab::{StepId, StepState, Text};
use crate::ui_text;

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

/// Between looks while waiting for a step (wall time; the simulation compresses it).
const WAIT_POLL: Duration = Duration::from_secs(2);
/// How long, in cloud time, a look at the parts a step does not change counts as fresh.
const FRESH_FOR_S: i64 = 30;
/// Longest wait for one step, in cloud time.
const WAIT_LIMIT_S: i64 = 2 * 3600;

#[derive(Debug, Serialize)]
pub struct StepReport {
    pub id: &'static str,
    pub state: &'static str,
    pub detail: String,
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

    /// Reads every part and lets the journal take note.
    pub async fn observe(&self, observed: &mut Observed) {
        self.observe_parts(&PartId::ALL, observed).await;
    }

    /// Reads `parts` and lets the journal take note.
    async fn observe_parts(&self, parts: &[PartId], observed: &mut Observed) {
        observe(self.cloud.as_ref(), &self.config, parts, observed).await;
        self.journal()
            .observe(observed, &self.config, self.cloud.now());
    }

    fn check_of(&self, step: StepId, observed: &Observed) -> Option<crate::lab::Check> {
        let journal = self.journal();
        checks::check(
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
                checks::check(s, &ctx).map(|c| StepReport {
                    id: s.id(),
                    state: c.state.id(),
                    detail: c.render(self.lang),
                })
            })
            .collect();
        CheckDocument {
            steps,
            complete: checks::lab_complete(&ctx),
            lang: self.lang.code(),
            at: self.cloud.now(),
        }
    }

    fn print_document(&self, doc: &CheckDocument) {
        if self.json {
            println!("{}", serde_json::to_string_pretty(doc).unwrap_or_default());
            return;
        }
        for s in &doc.steps {
            let state = StepId::parse(s.id).map(|_| s.state).unwrap_or_default();
            let symbol = match state {
                "done" => StepState::Done.symbol(),
                "in_progress" => StepState::InProgress.symbol(),
                "failed" => StepState::Failed.symbol(),
                _ => StepState::Todo.symbol(),
            };
            let title = StepId::parse(s.id)
                .map(|id| t(self.lang, &format!("step-{}-title", id.id())))
                .unwrap_or_default();
            println!("{symbol} {:<15} {:<30} {}", s.id, title, s.detail);
        }
        println!();
        println!(
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
    }

    /// `check`: exit 0 when every step through verify is done.
    pub async fn check(&self) -> i32 {
        let mut observed = Observed::default();
        self.observe(&mut observed).await;
        self.report_part_errors(&observed);
        let doc = self.document(&observed);
        self.print_document(&doc);
        if doc.complete {
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
        for e in errors.into_iter().flatten() {
            eprintln!("✘ {}", ui_text::error_text(e).render(self.lang));
        }
    }

    /// `status`: what is observed, without secrets.
    pub async fn status(&self) -> i32 {
        let mut observed = Observed::default();
        self.observe(&mut observed).await;
        self.report_part_errors(&observed);
        let view = StatusView::from(&observed, &self.config);
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&view).unwrap_or_default()
            );
        } else {
            print!("{}", view.render(self.lang));
        }
        EXIT_OK
    }

    fn say(&self, text: &Text) {
        eprintln!("  {}", text.render(self.lang));
    }

    fn confirm(&self, step: StepId, observed: &Observed, options: &Options) -> Result<bool, i32> {
        let ready = {
            let journal = self.journal();
            actions::plan(
                step,
                &Ctx {
                    observed,
                    journal: &journal,
                    config: &self.config,
                    now: self.cloud.now(),
                },
                options,
            )
        };
        let actions::Ready::Plan(plan) = ready else {
            return Ok(true);
        };
        for (label, value) in &plan.params {
            let value = value
                .strip_prefix('@')
                .map_or_else(|| value.clone(), |id| t(self.lang, id));
            eprintln!("    {}: {}", label.render(self.lang), value);
        }
        for command in &plan.commands {
            eprintln!("    $ {command}");
        }
        for note in &plan.notes {
            eprintln!("    ! {}", note.render(self.lang));
        }
        if let actions::Confirm::Typed(word) = &plan.confirm {
            eprintln!(
                "  {}",
                Text::new("confirm-type")
                    .arg("word", word.clone())
                    .render(self.lang)
            );
        }
        if !std::io::stdin().is_terminal() {
            eprintln!("✘ {}", t(self.lang, "run-needs-yes"));
            return Err(EXIT_USAGE);
        }
        eprint!("  {} ", t(self.lang, "confirm-prompt"));
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        let _ = std::io::stdin().lock().read_line(&mut line);
        let answer = line.trim();
        Ok(match &plan.confirm {
            actions::Confirm::YesNo => matches!(answer, "y" | "Y" | "j" | "J" | "yes" | "ja"),
            actions::Confirm::Typed(word) => answer == word,
        })
    }

    /// `run STEP…`: performs each action, waits until its check is done, prints the check
    /// document at the end.
    pub async fn run(&self, steps: &[StepId], options: &Options, yes: bool) -> i32 {
        if self.read_only {
            eprintln!("✘ {}", t(self.lang, "read-only-refused"));
            return EXIT_USAGE;
        }
        let mut observed = Observed::default();
        // Whether `observed` is as fresh as a new look: nothing has changed since it was
        // taken. Each step's wait ends with a look, which the next step starts from.
        let mut fresh = false;
        let mut code = EXIT_OK;
        for &step in steps {
            let title = t(self.lang, &format!("step-{}-title", step.id()));
            eprintln!("▶ {} ({})", title, step.id());
            // A part whose last read failed is read again, fresh or not.
            let stale: Vec<PartId> = PartId::ALL
                .into_iter()
                .filter(|part| !fresh || observed.error(*part).is_some())
                .collect();
            if !stale.is_empty() {
                self.observe_parts(&stale, &mut observed).await;
            }
            fresh = false;
            if let Some(e) = observed
                .instances
                .error
                .as_ref()
                .filter(|e| !e.kind.is_transient())
            {
                eprintln!("✘ {}", ui_text::error_text(e).render(self.lang));
                code = EXIT_INCOMPLETE;
                break;
            }
            let before = self.check_of(step, &observed);
            let cleanup_pending = step == StepId::Cleanup
                && !checks::leftovers(&observed, &self.config, options.keep_restored).is_empty();
            if before.as_ref().is_some_and(|c| c.state == StepState::Done) && !cleanup_pending {
                self.say(&Text::new("run-already-done").arg(
                    "detail",
                    before.map(|c| c.render(self.lang)).unwrap_or_default(),
                ));
                fresh = true;
                continue;
            }
            if !yes {
                match self.confirm(step, &observed, options) {
                    Ok(true) => {}
                    Ok(false) => {
                        self.say(&Text::new("run-skipped"));
                        code = EXIT_INCOMPLETE;
                        break;
                    }
                    Err(exit) => return exit,
                }
            }
            let lang = self.lang;
            let progress = move |text: Text| eprintln!("  … {}", text.render(lang));
            match actions::execute_with_retry(
                step,
                self.cloud.as_ref(),
                &self.config,
                &self.journal,
                options,
                &progress,
                Some(&observed),
            )
            .await
            {
                Ok(lines) => lines.iter().for_each(|l| self.say(l)),
                Err(e) => {
                    eprintln!("✘ {}", ui_text::action_error_text(&e).render(self.lang));
                    code = EXIT_INCOMPLETE;
                    break;
                }
            }
            if !self.wait_for(step, &mut observed, options).await {
                code = EXIT_INCOMPLETE;
                break;
            }
            fresh = true;
        }
        if !fresh {
            self.observe(&mut observed).await;
        }
        let doc = self.document(&observed);
        self.print_document(&doc);
        code
    }

    /// Waits until `step` is done; false when it failed or took too long. Looks only at the
    /// parts the step's action changes (and the instances every check starts from): the rest
    /// is as the look before the action left it. After a long wait, one look at everything,
    /// so the next step starts from fresh state.
    async fn wait_for(&self, step: StepId, observed: &mut Observed, options: &Options) -> bool {
        let started = self.cloud.now();
        let mut parts = step.parts().to_vec();
        if !parts.contains(&PartId::Instances) {
            parts.push(PartId::Instances);
        }
        let mut last_detail = String::new();
        loop {
            self.observe_parts(&parts, observed).await;
            let check = self.check_of(step, observed);
            let state = check.as_ref().map_or(StepState::Done, |c| c.state);
            let detail = check
                .as_ref()
                .map(|c| c.render(self.lang))
                .unwrap_or_default();
            let cleanup_left = step == StepId::Cleanup
                && !checks::leftovers(observed, &self.config, options.keep_restored).is_empty();
            if state == StepState::Done && !cleanup_left {
                eprintln!("  {} {}", StepState::Done.symbol(), detail);
                if self.cloud.now().as_second() - started.as_second() > FRESH_FOR_S {
                    self.observe(observed).await;
                }
                return true;
            }
            if state == StepState::Failed {
                eprintln!("  {} {}", StepState::Failed.symbol(), detail);
                return false;
            }
            if detail != last_detail {
                let elapsed =
                    crate::lab::recovery::human(self.cloud.now().as_second() - started.as_second());
                eprintln!("  {} {} [{}]", state.symbol(), detail, elapsed);
                last_detail = detail;
            }
            if self.cloud.now().as_second() - started.as_second() > WAIT_LIMIT_S {
                eprintln!("✘ {}", t(self.lang, "run-timeout"));
                return false;
            }
            self.cloud.pause(WAIT_POLL).await;
        }
    }
}

/// The observed state for `status`, with secret values hidden.
#[derive(Debug, Serialize)]
pub struct StatusView {
    pub instances: Vec<crate::cloud::DbInstance>,
    pub snapshots: Vec<crate::cloud::DbSnapshot>,
    pub service: Option<crate::cloud::Service>,
    pub task_definition: Option<TaskDefinitionView>,
    pub todos: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct TaskDefinitionView {
    pub arn: String,
    pub revision: u32,
    pub environment: Vec<(String, String)>,
}

impl StatusView {
    #[must_use]
    pub fn from(observed: &Observed, config: &Config) -> Self {
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
            instances: observed.instances.value.clone().unwrap_or_default(),
            snapshots: observed.snapshots.value.clone().unwrap_or_default(),
            service: observed.service.value.clone(),
            task_definition,
            todos: observed.todo_count(),
        }
    }

    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(out, "{}", t(lang, "status-instances"));
        for i in &self.instances {
            let _ = writeln!(
                out,
                "  {:<22} {:<12} {:<12} {:<9} {} {}  {}",
                i.id,
                i.status,
                i.class,
                if i.multi_az { "Multi-AZ" } else { "Single-AZ" },
                i.retention_days,
                t(lang, "status-days"),
                i.endpoint.as_deref().unwrap_or("-")
            );
        }
        let _ = writeln!(out, "{}", t(lang, "status-snapshots"));
        for s in &self.snapshots {
            let kind = if s.kind == crate::cloud::SnapshotKind::Manual {
                "manual"
            } else {
                "automated"
            };
            let _ = writeln!(
                out,
                "  {:<30} {:<10} {:>3}% {:<9} {}",
                s.id,
                s.status,
                s.percent,
                kind,
                s.created.map(|t| t.to_string()).unwrap_or_default()
            );
        }
        let _ = writeln!(out, "{}", t(lang, "status-service"));
        if let Some(service) = &self.service {
            for d in &service.deployments {
                let revision = d.task_definition.rsplit(':').next().unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  {:<8} rev {:<4} {}/{} {:?}",
                    format!("{:?}", d.status).to_uppercase(),
                    revision,
                    d.running,
                    d.desired,
                    d.rollout
                );
            }
        }
        if let Some(td) = &self.task_definition {
            let _ = writeln!(out, "  {} ", td.arn);
            for (k, v) in &td.environment {
                let _ = writeln!(out, "    {k}={v}");
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
