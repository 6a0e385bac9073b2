//! RPO and RTO of this run: the recovery panel shows them; no check of its own.

use super::Illustration;
use super::{Step, StepTexts};
use crate::lab::StepId;
use crate::lab::quiz::Question;
use crate::msg;

pub struct Summary;

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    ..StepTexts::new(
        msg::STEP_SUMMARY_TITLE,
        msg::STEP_SUMMARY_SHORT,
        msg::STEP_SUMMARY_BODY,
        msg::STEP_SUMMARY_NOW,
    )
};

impl Step for Summary {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::Summary
    }

    fn sums_up(&self) -> bool {
        true
    }

    fn illustration(&self) -> Option<Illustration> {
        Some(Illustration::RunFigures)
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[
                Question::new(
                    "summary-rpo-missed",
                    StepId::Summary,
                    1,
                    [
                        msg::QUIZ_SUMMARY_RPO_MISSED,
                        msg::QUIZ_SUMMARY_RPO_MISSED_A,
                        msg::QUIZ_SUMMARY_RPO_MISSED_B,
                        msg::QUIZ_SUMMARY_RPO_MISSED_C,
                        msg::QUIZ_SUMMARY_RPO_MISSED_WHY,
                    ],
                ),
                Question::new(
                    "summary-rto-missed",
                    StepId::Summary,
                    2,
                    [
                        msg::QUIZ_SUMMARY_RTO_MISSED,
                        msg::QUIZ_SUMMARY_RTO_MISSED_A,
                        msg::QUIZ_SUMMARY_RTO_MISSED_B,
                        msg::QUIZ_SUMMARY_RTO_MISSED_C,
                        msg::QUIZ_SUMMARY_RTO_MISSED_WHY,
                    ],
                ),
                Question::new(
                    "summary-practice",
                    StepId::Summary,
                    0,
                    [
                        msg::QUIZ_SUMMARY_PRACTICE,
                        msg::QUIZ_SUMMARY_PRACTICE_A,
                        msg::QUIZ_SUMMARY_PRACTICE_B,
                        msg::QUIZ_SUMMARY_PRACTICE_C,
                        msg::QUIZ_SUMMARY_PRACTICE_WHY,
                    ],
                ),
            ]
        }
    }
}
