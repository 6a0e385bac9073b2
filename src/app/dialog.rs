//! The dialog in front of the lab: a plan waiting for yes/no or a typed word, one of a
//! step's ways or a typed value its action needs first (what the step asks, `lab::ask`), a fresh simulated world, a notice. The dialog
//! owns its keys ([`Dialog::on`]); what it decides leaves as an [`Outcome`] the app carries
//! out. It is drawn by `ui::dialogs::draw` from the dialog alone.

use super::Outcome;
use crate::action::Action;
use crate::i18n::Id;
use crate::lab::ask::{Choices, Field, Refusal};
use crate::lab::plan::{Confirm, Plan};
use crate::lab::steps::{self, Ctx};
use crate::lab::{StepId, Text};

/// The word that confirms a fresh simulated world.
pub const FRESH_WORD: &str = "reset";

/// A dialog in front of the screen.
#[allow(
    clippy::large_enum_variant,
    reason = "at most one dialog is open; a plan is what it mostly shows"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// The plan of an action, waiting for y/n (or a typed word).
    Confirm {
        plan: Plan,
        typed: String,
        mismatch: bool,
    },
    /// One of the step's ways, before the plan is shown (cleanup's three, the restore's
    /// adopt-or-again); `choices.chosen` is the one marked.
    Choose { step: StepId, choices: Choices },
    /// A value the step's plan needs, typed before the plan is shown (the backup window,
    /// the point-in-time restore's moment); the step checks it.
    Type {
        step: StepId,
        field: Field,
        input: String,
        error: Option<Text>,
    },
    /// A fresh simulated world: everything done so far is set aside once the word is typed.
    FreshWorld { typed: String, mismatch: bool },
    /// A message that only needs acknowledging (already done, blocked, invalid, error).
    Notice {
        title: Text,
        lines: Vec<Text>,
        is_error: bool,
    },
}

impl Dialog {
    /// A notice with one line.
    #[must_use]
    pub fn notice(title: Id, line: Text, is_error: bool) -> Self {
        Self::Notice {
            title: Text::new(title),
            lines: vec![line],
            is_error,
        }
    }

    /// Whether the dialog takes typed text (every character is typed, `L` and `q` too).
    #[must_use]
    pub fn takes_text(&self) -> bool {
        matches!(
            self,
            Dialog::Type { .. }
                | Dialog::FreshWorld { .. }
                | Dialog::Confirm {
                    plan: Plan {
                        confirm: Confirm::Typed(_),
                        ..
                    },
                    ..
                }
        )
    }

    /// A key while the dialog is open; `scroll` is how far its body is scrolled. `ctx` is
    /// what a typed value is checked against (the window against the maintenance window).
    pub fn on(
        &mut self,
        action: Action,
        scroll: &mut u16,
        extent: (u16, u16),
        ctx: &Ctx<'_>,
    ) -> Outcome {
        // Long dialogs (a restore's parameters, notes and CLI line at 80×24) scroll; the
        // question and its keys stay in view.
        // In a choice ↑↓ switch the way; PgUp/PgDn still scroll.
        let scrolls = !matches!(self, Dialog::Choose { .. })
            || matches!(
                action,
                Action::PageUp | Action::PageDown | Action::ScrollTop | Action::ScrollEnd
            );
        match action {
            Action::ScrollUp
            | Action::ScrollDown
            | Action::PageUp
            | Action::PageDown
            | Action::ScrollTop
            | Action::ScrollEnd
                if scrolls =>
            {
                *scroll = scroll_by(*scroll, action, extent);
                return Outcome::Stay;
            }
            // The dialog stays open and is read again in the other language.
            Action::ToggleLang => return Outcome::ToggleLang,
            _ => {}
        }
        match self {
            Dialog::Notice { .. } => match action {
                Action::Quit => Outcome::Quit,
                // Arrows and Tab move nothing in a notice; it stays until answered.
                Action::ToggleChoice | Action::PrevStep => Outcome::Stay,
                _ => Outcome::Close,
            },
            Dialog::FreshWorld { typed, mismatch } => match action {
                Action::Input(c) if typed.len() < 40 => {
                    typed.push(c);
                    *mismatch = false;
                    Outcome::Stay
                }
                Action::Confirm if typed.trim() == FRESH_WORD => Outcome::FreshWorld,
                Action::Confirm => {
                    *mismatch = true;
                    Outcome::Stay
                }
                Action::Cancel => Outcome::Close,
                Action::Quit => Outcome::Quit,
                Action::Backspace => {
                    typed.pop();
                    *mismatch = false;
                    Outcome::Stay
                }
                _ => {
                    *mismatch = false;
                    Outcome::Stay
                }
            },
            Dialog::Type {
                step,
                field,
                input,
                error,
            } => match action {
                Action::Input(c) if field.takes(input, c) => {
                    input.push(c);
                    *error = None;
                    Outcome::Stay
                }
                Action::Backspace => {
                    input.pop();
                    *error = None;
                    Outcome::Stay
                }
                Action::Confirm => match steps::get(*step).accept(input, field, ctx) {
                    Ok(setting) => Outcome::Choose(setting),
                    Err(refusal) => {
                        *error = Some(match refusal {
                            Refusal::Invalid(e) => crate::ui_text::invalid_text(&e),
                            Refusal::Text(text) => text,
                        });
                        Outcome::Stay
                    }
                },
                Action::Cancel | Action::Quit => Outcome::Close,
                _ => Outcome::Stay,
            },
            Dialog::Choose { choices, .. } => match action {
                Action::ToggleChoice | Action::ScrollDown | Action::NextStep => {
                    choices.chosen = choices.next(true);
                    Outcome::Stay
                }
                Action::ScrollUp | Action::PrevStep => {
                    choices.chosen = choices.next(false);
                    Outcome::Stay
                }
                Action::Pick(key) => match choices.by_key(key) {
                    Some(choice) => Outcome::Choose(choice.sets.clone()),
                    None => Outcome::Stay,
                },
                Action::Confirm => match choices.chosen.and_then(|i| choices.choices.get(i)) {
                    Some(choice) => Outcome::Choose(choice.sets.clone()),
                    // Enter without a choice chooses nothing; the dialog says how to choose.
                    None => Outcome::Stay,
                },
                Action::Cancel | Action::Quit => Outcome::Close,
                _ => Outcome::Stay,
            },
            Dialog::Confirm {
                plan,
                typed,
                mismatch,
            } => {
                let word = match &plan.confirm {
                    Confirm::YesNo | Confirm::Seen => None,
                    Confirm::Typed(w) => Some(w.clone()),
                };
                match (action, word) {
                    // Only the yes key starts it: the Enter that opened the plan, pressed
                    // twice, never runs an AWS change unread.
                    (Action::Yes, None) => Outcome::Run(Box::new(plan.clone())),
                    // "Not yet" in the browser: what to check, then the same question again.
                    (Action::No, None) if plan.confirm == Confirm::Seen => {
                        *self = Dialog::notice(
                            crate::msg::UI_NOT_SEEN_TITLE,
                            Text::new(crate::msg::UI_NOT_SEEN_YET),
                            false,
                        );
                        Outcome::Stay
                    }
                    (Action::No | Action::Cancel, None) | (Action::Cancel, Some(_)) => {
                        Outcome::Close
                    }
                    (Action::Input(c), Some(_)) => {
                        typed.push(c);
                        *mismatch = false;
                        Outcome::Stay
                    }
                    (Action::Backspace, Some(_)) => {
                        typed.pop();
                        *mismatch = false;
                        Outcome::Stay
                    }
                    // A space typed before or after the word is no mismatch.
                    (Action::Confirm, Some(w)) if typed.trim() == w => {
                        Outcome::Run(Box::new(plan.clone()))
                    }
                    (Action::Confirm, Some(_)) => {
                        *mismatch = true;
                        Outcome::Stay
                    }
                    _ => {
                        *mismatch = false;
                        Outcome::Stay
                    }
                }
            }
        }
    }
}

/// `scroll` moved by a scroll key in an overlay laid out as `(page, scroll_max)`: a row, a
/// page, the top or the end, never past the end.
#[must_use]
pub fn scroll_by(scroll: u16, action: Action, (page, max): (u16, u16)) -> u16 {
    let page = page.max(1);
    match action {
        Action::ScrollUp => scroll.saturating_sub(1),
        Action::ScrollDown => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(page),
        Action::PageDown => scroll.saturating_add(page),
        Action::ScrollTop => 0,
        Action::ScrollEnd => max,
        _ => scroll,
    }
    .min(max)
}
