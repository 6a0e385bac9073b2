//! RPO, RTO and the kinds of backup: text and pictures only.

use super::Illustration;
use super::Step;
use crate::lab::StepId;
use crate::lab::quiz::Question;

pub struct Concepts;

impl Step for Concepts {
    fn id(&self) -> StepId {
        StepId::Concepts
    }

    fn illustration(&self) -> Option<Illustration> {
        Some(Illustration::RpoRtoDiagram)
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[
                Question::new("concepts-rpo", StepId::Concepts, 0),
                Question::new("concepts-rto", StepId::Concepts, 1),
                Question::new("concepts-interval", StepId::Concepts, 2),
            ]
        }
    }
}
