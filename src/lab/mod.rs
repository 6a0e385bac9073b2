//! The lab as data: steps with stable ids, each with a check that reads live state and at most
//! one action. Progress is derived from what is observed in the account plus the journal's
//! memory of what happened, never from a stored "done" flag.

pub mod act;
pub mod ask;
pub mod business;
pub mod calls;
pub mod dump;
pub mod journal;
pub mod observe;
pub mod plan;
mod problem_code;
pub mod quiz;
pub mod recovery;
pub mod revisions;
pub mod runner;
pub mod steps;
pub mod support;

use serde::{Deserialize, Serialize};

use crate::i18n::{Id, Lang};
use crate::msg;

pub use crate::text::{Arg, Duration, Text};
pub use observe::Observed;
pub use problem_code::{ProblemCode, UnknownProblemCode};

/// The lab's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepId {
    Concepts,
    Protection,
    EnableBackups,
    CreateTodos,
    Snapshot,
    DeleteTodos,
    Restore,
    SwitchBackend,
    Verify,
    Pitr,
    Summary,
    Cleanup,
}

impl StepId {
    pub const ALL: [StepId; 12] = [
        Self::Concepts,
        Self::Protection,
        Self::EnableBackups,
        Self::CreateTodos,
        Self::Snapshot,
        Self::DeleteTodos,
        Self::Restore,
        Self::SwitchBackend,
        Self::Verify,
        Self::Pitr,
        Self::Summary,
        Self::Cleanup,
    ];

    /// Steps that `run --all` performs and `check` requires: everything through `verify`.
    pub const CORE: [StepId; 7] = [
        Self::EnableBackups,
        Self::CreateTodos,
        Self::Snapshot,
        Self::DeleteTodos,
        Self::Restore,
        Self::SwitchBackend,
        Self::Verify,
    ];

    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Concepts => "concepts",
            Self::Protection => "protection",
            Self::EnableBackups => "enable-backups",
            Self::CreateTodos => "create-todos",
            Self::Snapshot => "snapshot",
            Self::DeleteTodos => "delete-todos",
            Self::Restore => "restore",
            Self::SwitchBackend => "switch-backend",
            Self::Verify => "verify",
            Self::Pitr => "pitr",
            Self::Summary => "summary",
            Self::Cleanup => "cleanup",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == text)
    }

    #[must_use]
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step's module: its check, plan and action.
    #[must_use]
    pub fn step(self) -> &'static dyn steps::Step {
        steps::get(self)
    }

    /// The step's title.
    #[must_use]
    pub fn title(self) -> Text {
        Text::new(self.step().texts().title)
    }

    /// The step's short title, for the step list and the projector's banner.
    #[must_use]
    pub fn short_title(self) -> Text {
        Text::new(self.step().texts().short)
    }

    /// Whether the step reads live state.
    #[must_use]
    pub fn has_check(self) -> bool {
        self.step().has_check()
    }

    /// Whether the step can act in the account.
    #[must_use]
    pub fn has_action(self) -> bool {
        self.step().has_action()
    }

    /// Optional bonus steps do not count towards "lab complete".
    #[must_use]
    pub fn is_optional(self) -> bool {
        self.step().is_optional()
    }
}

/// A step's state as its check sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Done,
    InProgress,
    Todo,
    Failed,
}

impl StepState {
    /// Symbol shown next to a step, so state does not depend on colour.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Done => "✔",
            Self::InProgress => "◐",
            Self::Todo => "○",
            Self::Failed => "✘",
        }
    }
}

/// A diagnosis: a wrong state the check recognised, with a stable `code` (its id kebab-case,
/// part of `check --json`), what happened and why it matters (`detail`, Fluent id `problem-<code>`) and
/// what to do now (`fix`, Fluent id `problem-<code>-fix`, with the console path). Both texts get
/// the same arguments: the facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub code: ProblemCode,
    pub detail: Text,
    pub fix: Text,
    #[serde(default)]
    pub severity: Severity,
}

/// How much a diagnosis weighs, shown alike on the screen, in `check --json` and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// It breaks the lab's goal or is not what the chapter asks for: the step is failed.
    #[default]
    Failure,
    /// Worth acting on, on a step that is under way or done all the same.
    Warning,
    /// What the chapter's own console path yields: its consequence is said, and the step is
    /// done.
    Note,
}

impl Severity {
    /// The weight's word in the report (`severity-<id>`).
    #[must_use]
    pub fn text_id(self) -> Id {
        match self {
            Self::Failure => msg::SEVERITY_FAILURE,
            Self::Warning => msg::SEVERITY_WARNING,
            Self::Note => msg::SEVERITY_NOTE,
        }
    }
}

impl Severity {
    /// The mark in front of the diagnosis, so its weight does not depend on colour.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Failure => "✘",
            Self::Warning => "!",
            Self::Note => "ℹ",
        }
    }

    /// The word in `check --json` and the report (`failure`, `warning`, `note`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Failure => "failure",
            Self::Warning => "warning",
            Self::Note => "note",
        }
    }
}

impl Problem {
    /// The diagnosis `code`, its texts `problem-<code>` and `problem-<code>-fix`.
    #[must_use]
    /// The fix says what Enter does (`$Enter`/`$enter`: "Press Enter"); on the command line
    /// it names the command instead ([`Problem::fix_on_cli`]).
    pub fn new(code: ProblemCode) -> Self {
        Self {
            code,
            detail: Text::new(code.detail_id()),
            fix: Text::new(code.fix_id())
                .arg("Enter", Text::new(msg::ENTER_KEY_START))
                .arg("enter", Text::new(msg::ENTER_KEY)),
            severity: Severity::Failure,
        }
    }

    /// The diagnosis as a note: what the chapter's own path yields, said with its
    /// consequence; the step can be done.
    #[must_use]
    pub fn note(mut self) -> Self {
        self.severity = Severity::Note;
        self
    }

    /// The diagnosis as a warning: worth acting on, but the step can be done.
    #[must_use]
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The fix as the command line says it: `backup-lab run <step>` where the screen says
    /// "press Enter".
    #[must_use]
    pub fn fix_on_cli(&self, step: StepId) -> Text {
        self.fix
            .clone()
            .arg(
                "Enter",
                Text::new(msg::ENTER_CLI_START).arg("step", step.id()),
            )
            .arg("enter", Text::new(msg::ENTER_CLI).arg("step", step.id()))
    }

    /// A fact, passed to both the detail and the fix.
    #[must_use]
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Self {
        let value = value.into();
        self.detail = self.detail.arg(name, value.clone());
        self.fix = self.fix.arg(name, value);
        self
    }

    /// A few words for a list line: the attribute `.short` of `problem-<code>` (its detail
    /// when it has none).
    #[must_use]
    pub fn short(&self) -> Text {
        Text {
            id: format!("{}.short", self.detail.id),
            args: self.detail.args.clone(),
        }
    }

    /// The diagnosis of `step` in `lang`, as `check --json` and the report give it (the fix
    /// as the command line says it).
    #[must_use]
    pub fn shown(&self, lang: Lang, step: StepId) -> ShownProblem {
        ShownProblem {
            code: self.code.as_str().to_owned(),
            severity: self.severity,
            detail: self.detail.render(lang),
            fix: self.fix_on_cli(step).render(lang),
        }
    }
}

/// A diagnosis rendered in one language: `{code, severity, detail, fix}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownProblem {
    pub code: String,
    #[serde(default)]
    pub severity: Severity,
    pub detail: String,
    pub fix: String,
}

/// A check's verdict: the state, what is missing, wrong or achieved (`details`), and the
/// diagnoses of what is wrong (`problems`, first the one to mend first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub state: StepState,
    pub details: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}

impl Check {
    /// Whether the check could not judge: the account (or a list the step needs) has not been
    /// read, so "to do" only means "not known to be done".
    #[must_use]
    pub fn cannot_tell(&self) -> bool {
        self.state == StepState::Todo
            && self.details.first().is_some_and(|d| {
                d.id == crate::msg::CHECK_UNKNOWN_ERROR.as_str()
                    || d.id == crate::msg::CHECK_NOT_READ_YET.as_str()
            })
    }

    #[must_use]
    pub fn new(state: StepState, detail: Text) -> Self {
        Self {
            state,
            details: vec![detail],
            problems: Vec::new(),
        }
    }

    /// The check with a diagnosis added.
    #[must_use]
    pub fn problem(mut self, problem: Problem) -> Self {
        self.problems.push(problem);
        self
    }

    /// A verdict that is a diagnosis: `state` and the problem, without further details.
    #[must_use]
    pub fn diagnosis(state: StepState, problem: Problem) -> Self {
        Self {
            state,
            details: Vec::new(),
            problems: vec![problem],
        }
    }

    /// The diagnosis with `code`, if the check found it.
    #[must_use]
    pub fn find(&self, code: ProblemCode) -> Option<&Problem> {
        self.problems.iter().find(|p| p.code == code)
    }

    /// What a one-line place shows: the first diagnosis in a few words, else the first detail.
    #[must_use]
    pub fn short(&self, lang: Lang) -> String {
        self.problems.first().map_or_else(
            || {
                self.details
                    .first()
                    .map(|d| d.render(lang))
                    .unwrap_or_default()
            },
            |p| p.short().render(lang),
        )
    }

    #[must_use]
    pub fn with(mut self, detail: Text) -> Self {
        self.details.push(detail);
        self
    }

    /// All in one line: the failures and warnings in a few words, then the details, then
    /// the notes.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        let (notes, weighty): (Vec<&Problem>, Vec<&Problem>) = self
            .problems
            .iter()
            .partition(|p| p.severity == Severity::Note);
        weighty
            .iter()
            .map(|p| p.short().render(lang))
            .chain(self.details.iter().map(|d| d.render(lang)))
            .chain(notes.iter().map(|p| p.short().render(lang)))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The check with severities that fit its state: on a step that is not failed, a
    /// failure is a warning (nothing can fail a step that is done or under way).
    #[must_use]
    pub fn with_consistent_severity(mut self) -> Self {
        if self.state != StepState::Failed {
            for p in &mut self.problems {
                if p.severity == Severity::Failure {
                    p.severity = Severity::Warning;
                }
            }
        }
        self
    }

    /// The diagnoses of `step` in `lang`.
    #[must_use]
    pub fn shown_problems(&self, lang: Lang, step: StepId) -> Vec<ShownProblem> {
        self.problems.iter().map(|p| p.shown(lang, step)).collect()
    }
}

/// Fluent arguments naming the lab's resources, passed to every step text.
#[must_use]
pub fn name_args(
    config: &crate::config::Config,
    window_local: crate::validate::BackupWindow,
) -> Vec<(String, Arg)> {
    let n = &config.names;
    vec![
        ("instance".into(), n.instance.clone().into()),
        ("snapshot".into(), n.snapshot.clone().into()),
        ("restored".into(), n.restored_instance.clone().into()),
        ("pitr".into(), n.pitr_instance.clone().into()),
        ("cluster".into(), n.cluster.clone().into()),
        ("service".into(), n.service.clone().into()),
        ("family".into(), n.task_family.clone().into()),
        ("container".into(), n.container.clone().into()),
        ("lb".into(), n.load_balancer.clone().into()),
        ("retention".into(), config.backup.retention_days.into()),
        ("window".into(), window_local.into()),
    ]
}

/// A step's text (one of its [`steps::StepTexts`]) with the resource names filled in.
#[must_use]
pub fn step_text(
    lang: Lang,
    id: Id,
    config: &crate::config::Config,
    window_local: crate::validate::BackupWindow,
) -> String {
    step_text_with(lang, id, name_args(config, window_local))
}

/// A step's text with the names in `args` ([`name_args`], maybe with this run's restored
/// database in place of the lab's name).
#[must_use]
pub fn step_text_with(lang: Lang, id: Id, args: Vec<(String, Arg)>) -> String {
    Text {
        id: id.into(),
        args,
    }
    .render(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_that_tell_a_duration_say_so_and_render_it_as_people_read_it() {
        let creating = Text::new(msg::CHECK_RESTORE_CREATING)
            .arg("status", "creating")
            .arg("elapsed", Duration::seconds(245));
        assert!(creating.tells_duration());
        assert!(creating.render(Lang::En).contains("4 min 05 s"));
        let pending = Text::new(msg::CHECK_BACKUPS_PENDING)
            .arg("retention", 1u32)
            .arg("status", "modifying");
        assert!(!pending.tells_duration());
    }

    #[test]
    fn a_text_as_argument_is_rendered_in_the_same_language() {
        let busy = Text::new(msg::BUSY_RUNNING).arg("step", StepId::Restore.title());
        assert!(
            busy.render(Lang::En)
                .contains(&StepId::Restore.title().render(Lang::En))
        );
        assert!(
            busy.render(Lang::De)
                .contains(&StepId::Restore.title().render(Lang::De))
        );
    }
}
