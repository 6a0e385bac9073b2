//! The welcome screen, shown instead of the lab when no AWS account can be reached: the
//! problem, and the offer to continue in the simulation. Drawn by `ui::welcome::draw` from
//! this state and the language.

use super::Outcome;
use crate::action::Action;
use crate::cloud::CloudError;

/// The welcome screen: why no AWS account could be reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Welcome {
    pub error: CloudError,
}

impl Welcome {
    /// A key on the welcome screen: continue in the simulation, or leave.
    #[must_use]
    pub fn on(&self, action: Action) -> Outcome {
        match action {
            Action::UseSimulation => Outcome::UseSimulation,
            Action::Quit => Outcome::Quit,
            _ => Outcome::Stay,
        }
    }
}
