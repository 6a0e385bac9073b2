//! What a step asks before it shows its plan, as data: a choice between ways (cleanup's
//! three, the restore's adopt-or-again), a typed value (the backup window, the point-in-time
//! restore's moment), or a notice instead of the plan. The step says what to ask
//! (`Step::ask`) and checks a typed value (`Step::accept`); one generic dialog draws and
//! answers every one of them, and each answer is a [`Setting`] of the typed options
//! (`super::plan::Options::set`).

use super::plan::Setting;
use super::{Arg, Text};
use crate::i18n::Id;
use crate::validate::Invalid;

/// What a step asks before its plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// One of the step's ways ([`Step::choices`](super::steps::Step::choices)).
    Choose(Choices),
    /// A typed value, checked by [`Step::accept`](super::steps::Step::accept).
    Type(Field),
    /// No plan now, and why (a change still being applied): a notice to acknowledge.
    Notice {
        /// Message id of the title.
        title: Id,
        text: Text,
        is_error: bool,
    },
}

/// One way a step's dialog offers: static data of the step.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The key that takes this way at once in the dialog (shown as `[k]`).
    pub key: Option<char>,
    /// The `run` flag that takes this way on the command line (`--copy-back`).
    pub flag: Option<&'static str>,
    /// Message ids of its label and of the line that explains it.
    pub label: Id,
    pub detail: Id,
    /// The option it sets.
    pub sets: Setting,
}

/// A choice between the step's ways, as the dialog opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    /// Message ids of the dialog's title and intro.
    pub title: Id,
    pub intro: Id,
    /// The names the intro, labels and details fill in.
    pub args: Vec<(&'static str, Arg)>,
    pub choices: &'static [Choice],
    /// The way marked when the dialog opens; `None`: nothing is chosen in advance, and
    /// Enter chooses nothing until one is marked.
    pub chosen: Option<usize>,
    /// What the dialog says while nothing is marked (message id).
    pub none_chosen: Option<Id>,
}

/// A typed value.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Message id of the dialog's title.
    pub title: Id,
    pub intro: Text,
    /// What the field holds when the dialog opens.
    pub value: String,
    /// The characters it takes besides digits.
    pub also: &'static [char],
    /// The most characters it takes.
    pub max_len: usize,
    /// The `run` option that gives the value on the command line (`--window`).
    pub flag: Option<&'static str>,
}

/// Why a typed value is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// A value the lab's rules refuse (a window that overlaps the maintenance window).
    Invalid(Invalid),
    Text(Text),
}

impl Field {
    /// Whether the field takes `c` after `typed`.
    #[must_use]
    pub fn takes(&self, typed: &str, c: char) -> bool {
        (c.is_ascii_digit() || self.also.contains(&c)) && typed.len() < self.max_len
    }
}

impl Choices {
    /// The text `id` with the names filled in.
    #[must_use]
    pub fn text(&self, id: Id) -> Text {
        self.args.iter().fold(Text::new(id), |text, (name, value)| {
            text.arg(name, value.clone())
        })
    }

    /// The way after (`forward`) or before the marked one, wrapping around; from nothing
    /// marked, forward is the first way and back the last.
    #[must_use]
    pub fn next(&self, forward: bool) -> Option<usize> {
        let n = self.choices.len();
        if n == 0 {
            return None;
        }
        Some(match (self.chosen, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        })
    }

    /// The way `key` takes at once.
    #[must_use]
    pub fn by_key(&self, key: char) -> Option<&'static Choice> {
        self.choices.iter().find(|c| c.key == Some(key))
    }
}
