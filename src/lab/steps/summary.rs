//! RPO and RTO of this run: the recovery panel shows them; no check of its own.

use super::Step;
use crate::lab::StepId;

pub struct Summary;

impl Step for Summary {
    fn id(&self) -> StepId {
        StepId::Summary
    }
}
