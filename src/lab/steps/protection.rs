//! What already protects the learner's database: text only.

use super::Step;
use crate::lab::StepId;

pub struct Protection;

impl Step for Protection {
    fn id(&self) -> StepId {
        StepId::Protection
    }
}
