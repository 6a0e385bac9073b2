//! Self-check questions, the generic part: what a question is, answering, scoring. Each step
//! declares its own questions ([`super::steps::Step::questions`]): two or three on the steps
//! that explain (concepts, data protection), one or two where a step shows something worth
//! checking, three at the summary. Each has three choices, one right, and a short explanation
//! of the right one; their texts are `quiz-<id>`, `quiz-<id>-a` … `-c` and `quiz-<id>-why` in
//! `teach.ftl`. All of them together ([`QUESTIONS`]) are in the order of the steps.
//!
//! Answers live in the journal ([`EventKind::SelfCheckAnswered`]), so they survive a restart and
//! reach the report. The first answer to a question counts; the questions never block a step.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use jiff::Timestamp;
use serde::Serialize;

use super::journal::{EventKind, Journal};
use super::{StepId, Text};
use crate::config::Config;
use crate::i18n::Id;

/// Choices per question, written a, b, c (or 1, 2, 3).
pub const CHOICES: usize = 3;
/// The letters of the choices.
pub const LETTERS: [char; CHOICES] = ['a', 'b', 'c'];

/// One question: its id (the journal's name for it), the step it belongs to, the right choice
/// (0-based), and its texts: the question, the choices and the explanation of the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    pub step: StepId,
    pub right: u8,
    text: Id,
    choices: [Id; CHOICES],
    why: Id,
}

/// Every question: each step's, in the order of the steps.
pub static QUESTIONS: LazyLock<Vec<Question>> = LazyLock::new(|| {
    StepId::ALL
        .into_iter()
        .flat_map(|step| step.step().questions())
        .copied()
        .collect()
});

/// The questions of `step`, in order.
#[must_use]
pub fn of_step(step: StepId) -> Vec<&'static Question> {
    step.step().questions().iter().collect()
}

/// The question with `id`.
#[must_use]
pub fn find(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

/// Text `id` with the lab's resource names.
fn named(id: Id, config: &Config) -> Text {
    let n = &config.names;
    Text::new(id)
        .arg("instance", &n.instance)
        .arg("snapshot", &n.snapshot)
        .arg("restored", &n.restored_instance)
}

impl Question {
    /// Question `id` of `step`, whose right choice is `right` (0-based), with its texts
    /// `[question, a, b, c, why]` (`quiz-<id>`, `quiz-<id>-a` … `-c`, `quiz-<id>-why`).
    #[must_use]
    pub const fn new(
        id: &'static str,
        step: StepId,
        right: u8,
        [question, a, b, c, why]: [Id; 2 + CHOICES],
    ) -> Self {
        Self {
            id,
            step,
            right,
            text: question,
            choices: [a, b, c],
            why,
        }
    }

    /// The question, with the lab's resource names.
    #[must_use]
    pub fn question(&self, config: &Config) -> Text {
        named(self.text, config)
    }

    /// The explanation of the right choice.
    #[must_use]
    pub fn why(&self, config: &Config) -> Text {
        named(self.why, config)
    }

    /// The text of choice `choice` (0-based).
    #[must_use]
    pub fn choice(&self, choice: u8, config: &Config) -> Text {
        let id = self
            .choices
            .get(usize::from(choice))
            .copied()
            .unwrap_or(self.choices[0]);
        named(id, config)
    }

    /// The event that records `choice` as the answer.
    #[must_use]
    pub fn answer(&self, choice: u8) -> EventKind {
        EventKind::SelfCheckAnswered {
            question: self.id.to_owned(),
            choice,
            right: choice == self.right,
        }
    }
}

/// An answer as the journal keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub question: String,
    pub step: &'static str,
    pub choice: char,
    pub right: bool,
    pub at: Timestamp,
}

/// The first answer to each question, by question id.
#[must_use]
pub fn answers(journal: &Journal) -> BTreeMap<&'static str, Answer> {
    let mut out = BTreeMap::new();
    for e in journal.events() {
        if let EventKind::SelfCheckAnswered {
            question, choice, ..
        } = &e.kind
            && let Some(q) = find(question)
        {
            out.entry(q.id).or_insert_with(|| Answer {
                question: q.id.to_owned(),
                step: q.step.id(),
                choice: LETTERS.get(usize::from(*choice)).copied().unwrap_or('?'),
                right: *choice == q.right,
                at: e.at,
            });
        }
    }
    out
}

/// The first answer to `question`, if there is one.
#[must_use]
pub fn answer_of(journal: &Journal, question: &str) -> Option<u8> {
    journal.events().iter().find_map(|e| match &e.kind {
        EventKind::SelfCheckAnswered {
            question: q,
            choice,
            ..
        } if q == question => Some(*choice),
        _ => None,
    })
}

/// How the self-check went: questions answered, right, and how many there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Score {
    pub answered: usize,
    pub right: usize,
    pub total: usize,
}

/// The score over `questions` (all of them for the report, a step's on its screen).
#[must_use]
pub fn score(journal: &Journal, questions: &[&Question]) -> Score {
    let answers = answers(journal);
    let mine: Vec<&Answer> = questions.iter().filter_map(|q| answers.get(q.id)).collect();
    Score {
        answered: mine.len(),
        right: mine.iter().filter(|a| a.right).count(),
        total: questions.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_that_explains_has_two_or_three_questions_and_ids_are_unique() {
        for step in [StepId::Concepts, StepId::Protection, StepId::Summary] {
            assert!((2..=3).contains(&of_step(step).len()), "{step:?}");
        }
        for step in StepId::ALL {
            for q in of_step(step) {
                assert_eq!(q.step, step, "{} is declared by its own step", q.id);
            }
        }
        for (i, q) in QUESTIONS.iter().enumerate() {
            assert!(usize::from(q.right) < CHOICES, "{}", q.id);
            assert!(QUESTIONS[..i].iter().all(|o| o.id != q.id), "{}", q.id);
            assert_eq!(find(q.id), Some(q));
        }
        // In lab order, so a step's questions stand together.
        assert!(QUESTIONS.windows(2).all(|w| w[0].step <= w[1].step));
    }

    #[test]
    fn the_first_answer_counts() {
        let mut journal = Journal::in_memory();
        let at: Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
        let q = find("concepts-rpo").expect("question");
        journal.record(at, at, q.answer(2));
        journal.record(at, at, q.answer(0));
        assert_eq!(answer_of(&journal, "concepts-rpo"), Some(2));
        let s = score(&journal, &of_step(StepId::Concepts));
        assert_eq!((s.answered, s.right, s.total), (1, 0, 3));
    }
}
