//! The lab as data: steps with stable ids, each with a check that reads live state and at most
//! one action. Progress is derived from what is observed in the account plus the journal's
//! memory of what happened, never from a stored "done" flag.

pub mod actions;
pub mod checks;
pub mod journal;
pub mod observe;
pub mod recovery;

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Lang};

pub use observe::Observed;

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

    /// Whether the step reads live state.
    #[must_use]
    pub fn has_check(self) -> bool {
        !matches!(self, Self::Concepts | Self::Protection | Self::Summary)
    }

    /// Whether the step can act in the account.
    #[must_use]
    pub fn has_action(self) -> bool {
        self.has_check()
    }

    /// Optional bonus steps do not count towards "lab complete".
    #[must_use]
    pub fn is_optional(self) -> bool {
        matches!(self, Self::Pitr | Self::Cleanup)
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
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::InProgress => "in_progress",
            Self::Todo => "todo",
            Self::Failed => "failed",
        }
    }

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

/// A localizable text: a Fluent id and its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    pub id: String,
    pub args: Vec<(String, Arg)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Num(f64),
    Str(String),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Self::Str(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Self::Str(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Self::Str(v.clone())
    }
}
impl From<u32> for Arg {
    fn from(v: u32) -> Self {
        Self::Num(f64::from(v))
    }
}
impl From<usize> for Arg {
    fn from(v: usize) -> Self {
        Self::Num(f64::from(u32::try_from(v).unwrap_or(u32::MAX)))
    }
}
impl From<u8> for Arg {
    fn from(v: u8) -> Self {
        Self::Num(f64::from(v))
    }
}
impl From<i64> for Arg {
    #[allow(
        clippy::cast_precision_loss,
        reason = "counts and seconds shown to people, far below 2^52"
    )]
    fn from(v: i64) -> Self {
        Self::Num(v as f64)
    }
}

impl Text {
    #[must_use]
    pub fn new(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            args: Vec::new(),
        }
    }

    #[must_use]
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.push((name.to_owned(), value.into()));
        self
    }

    /// The text in `lang`; arguments that are themselves message ids (`@id`) are localized too.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        let mut args = i18n::Args::new();
        for (name, value) in &self.args {
            match value {
                Arg::Num(n) => args.set(name.clone(), *n),
                Arg::Str(s) => match s.strip_prefix('@') {
                    Some(id) => args.set(name.clone(), i18n::t(lang, id)),
                    None => args.set(name.clone(), escape_controls(s)),
                },
            }
        }
        i18n::tr(lang, &self.id, Some(&args))
    }
}

/// `value` with control characters written as escapes (`\n`, `\u{1b}`), so a value echoed
/// back (a name, a URL, an error message) cannot break a line or drive the terminal.
#[must_use]
pub fn escape_controls(value: &str) -> String {
    if !value.chars().any(char::is_control) {
        return value.to_owned();
    }
    value
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A check's verdict: the state and what is missing, wrong or achieved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub state: StepState,
    pub details: Vec<Text>,
}

impl Check {
    #[must_use]
    pub fn new(state: StepState, detail: Text) -> Self {
        Self {
            state,
            details: vec![detail],
        }
    }

    #[must_use]
    pub fn with(mut self, detail: Text) -> Self {
        self.details.push(detail);
        self
    }

    /// All details in one line.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        self.details
            .iter()
            .map(|d| d.render(lang))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Fluent arguments naming the lab's resources, passed to every step text.
#[must_use]
pub fn name_args(config: &crate::config::Config, window_local: &str) -> Vec<(String, Arg)> {
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
        ("window".into(), window_local.to_owned().into()),
    ]
}

/// A step's text (`title`, `body` or `console`) with the resource names filled in.
#[must_use]
pub fn step_text(
    lang: Lang,
    step: StepId,
    part: &str,
    config: &crate::config::Config,
    window_local: &str,
) -> Option<String> {
    let id = format!("step-{}-{part}", step.id());
    if !i18n::has(lang, &id) {
        return None;
    }
    Some(
        Text {
            id,
            args: name_args(config, window_local),
        }
        .render(lang),
    )
}
