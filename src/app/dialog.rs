//! The dialog in front of the lab: a plan waiting for yes/no or a typed word, a choice or a
//! typed value the step's action needs first, a fresh simulated world, a notice. The dialog
//! owns its keys ([`Dialog::on`]); what it decides leaves as an [`Outcome`] the app carries
//! out. It is drawn by `ui::dialogs::draw` from the dialog alone.

use super::{DIALOG_PAGE, MAX_DIALOG_SCROLL, Outcome};
use crate::action::Action;
use crate::lab::Text;
use crate::lab::act;
use crate::lab::plan::{CleanupPath, Confirm, Plan, Setting};
use crate::lab::steps::{self, Ctx};

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
    /// The backup window, entered in local time, before the plan is shown.
    Window { input: String, error: Option<Text> },
    /// The point-in-time restore's moment (local `HH:MM:SS`), offered as the journal calls
    /// for it (`proposed`) and changeable, before the plan is shown.
    RestoreTime {
        input: String,
        proposed: String,
        error: Option<Text>,
    },
    /// Cleanup: which path; nothing is chosen when the dialog opens.
    CleanupChoice { choice: Option<CleanupPath> },
    /// Restore, with `other` restored under another name: use it (adopt) or restore again
    /// under the lab's name.
    RestoreChoice { adopt: bool, other: String },
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
    pub fn notice(title: &str, line: Text, is_error: bool) -> Self {
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
            Dialog::Window { .. }
                | Dialog::FreshWorld { .. }
                | Dialog::RestoreTime { .. }
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
    pub fn on(&mut self, action: Action, scroll: &mut u16, ctx: &Ctx<'_>) -> Outcome {
        // Long dialogs (a restore's parameters, notes and CLI line at 80×24) scroll; the
        // question and its keys stay in view.
        // In the cleanup and restore choices ↑↓ switch the option; PgUp/PgDn still scroll.
        let scrolls = !matches!(
            self,
            Dialog::CleanupChoice { .. } | Dialog::RestoreChoice { .. }
        ) || matches!(action, Action::PageUp | Action::PageDown);
        match action {
            Action::ScrollUp | Action::ScrollDown | Action::PageUp | Action::PageDown
                if scrolls =>
            {
                *scroll = match action {
                    Action::ScrollUp => scroll.saturating_sub(1),
                    Action::PageUp => scroll.saturating_sub(DIALOG_PAGE),
                    Action::PageDown => scroll.saturating_add(DIALOG_PAGE),
                    _ => scroll.saturating_add(1),
                }
                .min(MAX_DIALOG_SCROLL);
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
                Action::ToggleChoice => Outcome::Stay,
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
            Dialog::Window { input, error } => match action {
                Action::Input(c)
                    if (c.is_ascii_digit() || c == ':' || c == '-') && input.len() < 11 =>
                {
                    input.push(c);
                    *error = None;
                    Outcome::Stay
                }
                Action::Backspace => {
                    input.pop();
                    *error = None;
                    Outcome::Stay
                }
                Action::Confirm => {
                    let maintenance = ctx
                        .source()
                        .and_then(|i| i.maintenance_window.clone())
                        .unwrap_or_default();
                    let window = input.parse::<crate::validate::BackupWindow>();
                    match window.and_then(|local| {
                        act::window_utc(ctx.config, local, ctx.now)?.clear_of(&maintenance)?;
                        Ok(local)
                    }) {
                        Ok(local) => Outcome::Choose(Setting::Window(local)),
                        Err(e) => {
                            *error = Some(crate::ui_text::invalid_text(&e));
                            Outcome::Stay
                        }
                    }
                }
                Action::Cancel | Action::Quit => Outcome::Close,
                _ => Outcome::Stay,
            },
            Dialog::RestoreTime {
                input,
                proposed,
                error,
            } => match action {
                Action::Input(c) if (c.is_ascii_digit() || c == ':') && input.len() < 8 => {
                    input.push(c);
                    *error = None;
                    Outcome::Stay
                }
                Action::Backspace => {
                    input.pop();
                    *error = None;
                    Outcome::Stay
                }
                Action::Confirm => {
                    let tz = ctx.config.timezone();
                    if steps::parse_restore_time(input, ctx.now, &tz).is_some() {
                        // The proposed moment is the journal's own; only another one is a
                        // choice (and then kept to the second the learner typed).
                        Outcome::Choose(Setting::RestoreTime(
                            (input != proposed).then(|| input.clone()),
                        ))
                    } else {
                        *error = Some(Text::new("invalid-restore-time").arg("time", &*input));
                        Outcome::Stay
                    }
                }
                Action::Cancel | Action::Quit => Outcome::Close,
                _ => Outcome::Stay,
            },
            Dialog::CleanupChoice { choice } => match action {
                Action::ToggleChoice | Action::ScrollDown | Action::NextStep => {
                    *choice = Some(step_choice(*choice, true));
                    Outcome::Stay
                }
                Action::ScrollUp | Action::PrevStep => {
                    *choice = Some(step_choice(*choice, false));
                    Outcome::Stay
                }
                Action::KeepRestored => {
                    Outcome::Choose(Setting::Cleanup(CleanupPath::KeepRestored))
                }
                Action::GoBack => Outcome::Choose(Setting::Cleanup(CleanupPath::GoBack)),
                Action::CopyBack => Outcome::Choose(Setting::Cleanup(CleanupPath::CopyBack)),
                Action::Confirm => match choice {
                    Some(path) => Outcome::Choose(Setting::Cleanup(*path)),
                    // Enter without a choice chooses nothing; the dialog says how to choose.
                    None => Outcome::Stay,
                },
                Action::Cancel | Action::Quit => Outcome::Close,
                _ => Outcome::Stay,
            },
            Dialog::RestoreChoice { adopt, .. } => match action {
                Action::ToggleChoice
                | Action::ScrollUp
                | Action::ScrollDown
                | Action::NextStep
                | Action::PrevStep => {
                    *adopt = !*adopt;
                    Outcome::Stay
                }
                Action::Confirm => Outcome::Choose(Setting::RestoreAgain(!*adopt)),
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
                    (Action::Yes | Action::Confirm, None) => Outcome::Run(Box::new(plan.clone())),
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

/// The cleanup path after (`forward`) or before `choice` in the dialog's order, wrapping
/// around; from no choice, forward is the first path and back the last.
fn step_choice(choice: Option<CleanupPath>, forward: bool) -> CleanupPath {
    let all = CleanupPath::ALL;
    let n = all.len();
    let next = match (
        choice.and_then(|c| all.iter().position(|p| *p == c)),
        forward,
    ) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, true) => 0,
        (None, false) => n - 1,
    };
    all[next]
}
