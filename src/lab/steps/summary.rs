//! RPO and RTO of this run: the recovery panel shows them; no check of its own.

use super::Illustration;
use super::Step;
use crate::lab::StepId;
use crate::lab::quiz::Question;

pub struct Summary;

impl Step for Summary {
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
                Question::new("summary-rpo-missed", StepId::Summary, 1),
                Question::new("summary-rto-missed", StepId::Summary, 2),
                Question::new("summary-practice", StepId::Summary, 0),
            ]
        }
    }
}
