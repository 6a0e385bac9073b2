//! RPO, RTO and the kinds of backup: text and pictures only.

use super::Illustration;
use super::{Step, StepTexts};
use crate::lab::StepId;
use crate::lab::quiz::Question;
use crate::msg;

pub struct Concepts;

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    ..StepTexts::new(
        msg::STEP_CONCEPTS_TITLE,
        msg::STEP_CONCEPTS_SHORT,
        msg::STEP_CONCEPTS_BODY,
        msg::STEP_CONCEPTS_NOW,
    )
};

impl Step for Concepts {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::Concepts
    }

    fn illustration(&self) -> Option<Illustration> {
        Some(Illustration::RpoRtoDiagram)
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[
                Question::new(
                    "concepts-rpo",
                    StepId::Concepts,
                    0,
                    [
                        msg::QUIZ_CONCEPTS_RPO,
                        msg::QUIZ_CONCEPTS_RPO_A,
                        msg::QUIZ_CONCEPTS_RPO_B,
                        msg::QUIZ_CONCEPTS_RPO_C,
                        msg::QUIZ_CONCEPTS_RPO_WHY,
                    ],
                ),
                Question::new(
                    "concepts-rto",
                    StepId::Concepts,
                    1,
                    [
                        msg::QUIZ_CONCEPTS_RTO,
                        msg::QUIZ_CONCEPTS_RTO_A,
                        msg::QUIZ_CONCEPTS_RTO_B,
                        msg::QUIZ_CONCEPTS_RTO_C,
                        msg::QUIZ_CONCEPTS_RTO_WHY,
                    ],
                ),
                Question::new(
                    "concepts-interval",
                    StepId::Concepts,
                    2,
                    [
                        msg::QUIZ_CONCEPTS_INTERVAL,
                        msg::QUIZ_CONCEPTS_INTERVAL_A,
                        msg::QUIZ_CONCEPTS_INTERVAL_B,
                        msg::QUIZ_CONCEPTS_INTERVAL_C,
                        msg::QUIZ_CONCEPTS_INTERVAL_WHY,
                    ],
                ),
            ]
        }
    }
}
