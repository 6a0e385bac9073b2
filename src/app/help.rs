//! The help overlay (`?`): how far it is scrolled, and the keys that scroll and close it.
//! Drawn by `ui::help::draw` from this state.

use super::Outcome;
use crate::action::Action;

/// The help overlay, open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Help {
    /// How far it is scrolled (rows); 0 when it opens. The view clamps to its length.
    pub scroll: u16,
}

impl Help {
    /// A key while the help is open: it scrolls on a small screen (a page of `extent.0`
    /// rows, never past `extent.1`, as the view last laid it out), and closes.
    pub fn on(&mut self, action: Action, extent: (u16, u16)) -> Outcome {
        match action {
            Action::ToggleHelp | Action::Cancel | Action::Quit | Action::Confirm => Outcome::Close,
            _ => {
                self.scroll = super::dialog::scroll_by(self.scroll, action, extent);
                Outcome::Stay
            }
        }
    }
}
