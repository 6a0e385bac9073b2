//! Self-check questions: two or three on the steps that explain (concepts, data protection)
//! and one or two where a step shows something worth checking, plus three at the summary.
//! Each has three choices, one right, and a short explanation of the right one; their texts
//! are `quiz-<id>`, `quiz-<id>-a` … `-c` and `quiz-<id>-why` in `teach.ftl`.
//!
//! Answers live in the journal ([`EventKind::SelfCheckAnswered`]), so they survive a restart and
//! reach the report. The first answer to a question counts; the questions never block a step.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;

use super::journal::{EventKind, Journal};
use super::{StepId, Text};
use crate::config::Config;

/// Choices per question, written a, b, c (or 1, 2, 3).
pub const CHOICES: usize = 3;
/// The letters of the choices.
pub const LETTERS: [char; CHOICES] = ['a', 'b', 'c'];

/// One question: its id (the text keys), the step it belongs to, the right choice (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    pub step: StepId,
    pub right: u8,
}

const fn q(id: &'static str, step: StepId, right: u8) -> Question {
    Question { id, step, right }
}

/// Every question, in lab order.
pub static QUESTIONS: [Question; 15] = [
    q("concepts-rpo", StepId::Concepts, 0),
    q("concepts-rto", StepId::Concepts, 1),
    q("concepts-interval", StepId::Concepts, 2),
    q("protection-incremental", StepId::Protection, 1),
    q("protection-aws-backup", StepId::Protection, 2),
    q("backups-retention-zero", StepId::EnableBackups, 0),
    q("snapshot-later-todos", StepId::Snapshot, 1),
    q("snapshot-kept", StepId::Snapshot, 0),
    q("delete-todos-multi-az", StepId::DeleteTodos, 1),
    q("restore-app-empty", StepId::Restore, 1),
    q("restore-new-instance", StepId::Restore, 2),
    q("pitr-smaller", StepId::Pitr, 0),
    q("summary-rpo-missed", StepId::Summary, 1),
    q("summary-rto-missed", StepId::Summary, 2),
    q("summary-practice", StepId::Summary, 0),
];

/// The questions of `step`, in order.
#[must_use]
pub fn of_step(step: StepId) -> Vec<&'static Question> {
    QUESTIONS.iter().filter(|q| q.step == step).collect()
}

/// The question with `id`.
#[must_use]
pub fn find(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

impl Question {
    /// One of its texts (`""` the question, `a` … `c` a choice, `why` the explanation), with
    /// the lab's resource names.
    #[must_use]
    pub fn text(&self, part: &str, config: &Config) -> Text {
        let id = if part.is_empty() {
            format!("quiz-{}", self.id)
        } else {
            format!("quiz-{}-{part}", self.id)
        };
        let n = &config.names;
        Text::new(&id)
            .arg("instance", &n.instance)
            .arg("snapshot", &n.snapshot)
            .arg("restored", &n.restored_instance)
    }

    /// The text of choice `choice` (0-based).
    #[must_use]
    pub fn choice(&self, choice: u8, config: &Config) -> Text {
        let letter = LETTERS.get(usize::from(choice)).copied().unwrap_or('a');
        self.text(&letter.to_string(), config)
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
        for (i, q) in QUESTIONS.iter().enumerate() {
            assert!(usize::from(q.right) < CHOICES, "{}", q.id);
            assert!(QUESTIONS[..i].iter().all(|o| o.id != q.id), "{}", q.id);
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
