//! What already protects the learner's database: text only.

use super::Illustration;
use super::Step;
use crate::lab::StepId;
use crate::lab::observe::PartId;
use crate::lab::quiz::Question;

pub struct Protection;

impl Step for Protection {
    fn id(&self) -> StepId {
        StepId::Protection
    }

    fn illustration(&self) -> Option<Illustration> {
        Some(Illustration::IncrementalSnapshots)
    }

    fn part_order(&self) -> &'static [PartId] {
        &[
            PartId::Snapshots,
            PartId::Instances,
            PartId::Service,
            PartId::Todos,
        ]
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[
                Question::new("protection-incremental", StepId::Protection, 1),
                Question::new("protection-aws-backup", StepId::Protection, 2),
            ]
        }
    }
}
