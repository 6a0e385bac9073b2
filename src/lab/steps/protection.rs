//! What already protects the learner's database: text only.

use super::Illustration;
use super::{Step, StepTexts};
use crate::lab::StepId;
use crate::lab::observe::PartId;
use crate::lab::quiz::Question;
use crate::msg;

pub struct Protection;

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    ..StepTexts::new(
        msg::STEP_PROTECTION_TITLE,
        msg::STEP_PROTECTION_SHORT,
        msg::STEP_PROTECTION_BODY,
        msg::STEP_PROTECTION_NOW,
    )
};

impl Step for Protection {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::Protection
    }

    fn illustration(&self) -> Option<Illustration> {
        Some(Illustration::IncrementalSnapshots)
    }

    fn part_order(&self) -> &'static [PartId] {
        &[PartId::Snapshots]
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[
                Question::new(
                    "protection-incremental",
                    StepId::Protection,
                    1,
                    [
                        msg::QUIZ_PROTECTION_INCREMENTAL,
                        msg::QUIZ_PROTECTION_INCREMENTAL_A,
                        msg::QUIZ_PROTECTION_INCREMENTAL_B,
                        msg::QUIZ_PROTECTION_INCREMENTAL_C,
                        msg::QUIZ_PROTECTION_INCREMENTAL_WHY,
                    ],
                ),
                Question::new(
                    "protection-aws-backup",
                    StepId::Protection,
                    2,
                    [
                        msg::QUIZ_PROTECTION_AWS_BACKUP,
                        msg::QUIZ_PROTECTION_AWS_BACKUP_A,
                        msg::QUIZ_PROTECTION_AWS_BACKUP_B,
                        msg::QUIZ_PROTECTION_AWS_BACKUP_C,
                        msg::QUIZ_PROTECTION_AWS_BACKUP_WHY,
                    ],
                ),
            ]
        }
    }
}
