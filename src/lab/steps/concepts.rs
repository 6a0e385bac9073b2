//! RPO, RTO and the kinds of backup: text and pictures only.

use super::Step;
use crate::lab::StepId;

pub struct Concepts;

impl Step for Concepts {
    fn id(&self) -> StepId {
        StepId::Concepts
    }
}
