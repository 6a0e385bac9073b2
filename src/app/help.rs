//! The help overlay (`?`): how far it is scrolled, and the keys that scroll and close it.
//! Drawn by `ui::help::draw` from this state.

use super::{DIALOG_PAGE, MAX_DIALOG_SCROLL, Outcome};
use crate::action::Action;

/// The help overlay, open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Help {
    /// How far it is scrolled (rows); 0 when it opens. The view clamps to its length.
    pub scroll: u16,
}

impl Help {
    /// A key while the help is open: it scrolls on a small screen, and closes.
    pub fn on(&mut self, action: Action) -> Outcome {
        match action {
            Action::ToggleHelp | Action::Cancel | Action::Quit | Action::Confirm => {
                return Outcome::Close;
            }
            Action::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Action::ScrollDown => {
                self.scroll = self.scroll.saturating_add(1).min(MAX_DIALOG_SCROLL);
            }
            Action::PageUp => self.scroll = self.scroll.saturating_sub(DIALOG_PAGE),
            Action::PageDown => {
                self.scroll = self
                    .scroll
                    .saturating_add(DIALOG_PAGE)
                    .min(MAX_DIALOG_SCROLL);
            }
            _ => {}
        }
        Outcome::Stay
    }
}
