//! What `status` and `check` print: the check document (text or `check --json`), the
//! observed state without secrets, and the parts that could not be read.

use std::io::Write;

use jiff::Timestamp;
use serde::Serialize;

use super::Runtime;
use crate::cloud::{shown_value, wire};
use crate::config::Config;
use crate::i18n::{Lang, t};
use crate::lab::observe::{Observed, PartId};
use crate::lab::steps::{self, Ctx};
use crate::lab::{StepId, StepState, Text};
use crate::msg;
use crate::ui_text;

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

    /// Prints the check document; false when it could not be written.
    pub(super) fn print_document(&self, doc: &CheckDocument) -> bool {
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
                    msg::CHECK_SUMMARY_COMPLETE
                } else {
                    msg::CHECK_SUMMARY_INCOMPLETE
                }
            )
        );
        self.out(&out)
    }

    pub(super) fn report_part_errors(&self, observed: &Observed) {
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

    /// The text form of `status`: the observed state, then the problems of the steps that
    /// have any.
    pub(super) fn status_text(&self, view: &StatusView, observed: &Observed) -> String {
        let mut text = view.render(self.lang, &self.config.timezone());
        let doc = self.document(observed);
        let troubled: Vec<&StepReport> = doc
            .steps
            .iter()
            .filter(|s| !s.problems.is_empty())
            .collect();
        if !troubled.is_empty() {
            use std::fmt::Write as _;
            let _ = writeln!(text, "{}", t(self.lang, msg::STATUS_PROBLEMS));
            for s in troubled {
                let title = StepId::parse(s.id)
                    .map(|id| id.title().render(self.lang))
                    .unwrap_or_default();
                let _ = writeln!(text, "  {} {title}", s.state.symbol());
                write_problems(&mut text, s.state, &s.problems);
            }
        }
        text
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
                Text::new(msg::STATUS_UNKNOWN)
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
        let _ = writeln!(out, "{}", t(lang, msg::STATUS_INSTANCES));
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
                i.availability().text().render(lang),
                Text::new(msg::STATUS_DAYS)
                    .arg("count", i.retention_days)
                    .render(lang),
                i.endpoint.as_deref().unwrap_or("-")
            );
        }
        let _ = writeln!(out, "{}", t(lang, msg::STATUS_SNAPSHOTS));
        let kinds = [t(lang, msg::STATUS_MANUAL), t(lang, msg::STATUS_AUTOMATED)];
        let kind_width = column_width(kinds.iter().map(String::as_str), 0);
        let snapshots = self.snapshots.as_deref().unwrap_or_default();
        if let Some(line) = self.unknown_line("snapshots", lang) {
            let _ = writeln!(out, "{line}");
        }
        let id_width = column_width(snapshots.iter().map(|s| s.id.as_str()), 30);
        for s in snapshots {
            let kind = match &s.kind {
                crate::cloud::SnapshotKind::Manual => &kinds[0],
                crate::cloud::SnapshotKind::Automated => &kinds[1],
                crate::cloud::SnapshotKind::Other(name) => name,
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
        let _ = writeln!(out, "{}", t(lang, msg::STATUS_SERVICE));
        if let Some(line) = self.unknown_line("service", lang) {
            let _ = writeln!(out, "{line}");
        }
        if let Some(service) = &self.service {
            for d in &service.deployments {
                let revision = d
                    .revision()
                    .map(|r| r.number.to_string())
                    .unwrap_or_default();
                let status = wire(&d.status);
                let rollout = d.rollout.as_ref().map(wire).unwrap_or_default();
                let mut line = format!(
                    "  {status:<8} rev {revision:<4} {}/{} {rollout}",
                    d.running, d.desired
                );
                if d.failed_tasks > 0 {
                    let failed = Text::new(msg::UI_FAILED_TASKS).arg("count", d.failed_tasks);
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
                let _ = writeln!(out, "{}", t(lang, msg::STATUS_EVENTS));
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
            t(lang, msg::STATUS_TODOS),
            self.todos.map_or_else(|| "?".into(), |n| n.to_string())
        );
        out
    }
}
