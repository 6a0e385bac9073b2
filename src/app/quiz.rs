//! The self-check questions of a step, in front of the lab (key `s`): which question is on
//! screen, and the keys that answer, move and close. Drawn by `ui::quiz::draw` from this
//! state, the journal (the answers given) and the configuration.

use jiff::Timestamp;

use super::Outcome;
use crate::action::Action;
use crate::lab::StepId;
use crate::lab::journal::Journal;
use crate::lab::quiz;
use crate::protocol::Command;

/// Which self-check question is on screen: the step's questions, the n-th of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizAt {
    pub step: StepId,
    pub index: usize,
}

impl QuizAt {
    /// The step's questions at the first one not answered yet (the first when all are);
    /// `None` when the step has none.
    #[must_use]
    pub fn open(step: StepId, journal: &Journal) -> Option<Self> {
        let questions = quiz::of_step(step);
        if questions.is_empty() {
            return None;
        }
        let index = questions
            .iter()
            .position(|q| quiz::answer_of(journal, q.id).is_none())
            .unwrap_or(0);
        Some(Self { step, index })
    }

    /// A key while the questions are open: an answer (the first one counts), moving between
    /// the questions, closing them. Nothing here waits for or blocks the lab.
    pub fn on(&mut self, action: Action, journal: &mut Journal, now: Timestamp) -> Outcome {
        let questions = quiz::of_step(self.step);
        let Some(question) = questions.get(self.index).copied() else {
            return Outcome::Close;
        };
        match action {
            // The first answer counts; later ones change nothing.
            Action::Answer(choice)
                if usize::from(choice) < quiz::CHOICES
                    && quiz::answer_of(journal, question.id).is_none() =>
            {
                // Shown at once; the worker's journal keeps it, and its next snapshot
                // carries it back.
                journal.record(now, now, question.answer(choice));
                Outcome::Send(vec![Command::RecordAnswer {
                    question: question.id,
                    choice,
                }])
            }
            Action::NextStep | Action::Confirm | Action::PageDown => {
                if self.index + 1 < questions.len() {
                    self.index += 1;
                    Outcome::Stay
                } else {
                    Outcome::Close
                }
            }
            Action::PrevStep | Action::PageUp => {
                self.index = self.index.saturating_sub(1);
                Outcome::Stay
            }
            Action::ToggleLang => Outcome::ToggleLang,
            Action::Quit => Outcome::Quit,
            Action::Quiz | Action::Cancel => Outcome::Close,
            _ => Outcome::Stay,
        }
    }
}
