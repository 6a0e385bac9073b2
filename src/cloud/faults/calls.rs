//! The call faults of a [`Spec`]: a [`Cloud`] layer that fails some calls as the spec says,
//! in front of any account (the simulation, moto or AWS).

use std::collections::HashMap;
use std::sync::Mutex;

use super::{FaultKind, Spec};
use crate::cloud::layer::Op;
use crate::cloud::{Cloud, CloudResult};

/// A [`Cloud`] that fails some calls as the spec says.
pub struct Faulty {
    inner: std::sync::Arc<dyn Cloud>,
    spec: Spec,
    counters: Mutex<HashMap<String, u64>>,
    rng: Mutex<fastrand::Rng>,
}

/// Seed for rate-based faults, so a run can be repeated.
const SEED: u64 = 0x5eed_0bac_0001;

impl Faulty {
    pub fn new(inner: std::sync::Arc<dyn Cloud>, spec: Spec) -> Self {
        Self {
            inner,
            spec,
            counters: Mutex::new(HashMap::new()),
            rng: Mutex::new(fastrand::Rng::with_seed(SEED)),
        }
    }

    /// The fault to inject into this call of `operation`, if any.
    fn fault(&self, operation: &str) -> Option<FaultKind> {
        let n = {
            let mut counters = self
                .counters
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let n = counters.entry(operation.to_owned()).or_insert(0);
            *n += 1;
            *n
        };
        let mut rng = self
            .rng
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.spec
            .rules
            .iter()
            .filter(|rule| !rule.kind.is_world())
            .find_map(|rule| {
                let applies = rule
                    .operation
                    .as_deref()
                    .is_none_or(|op| op == operation || op == "*");
                let in_range = rule.calls.is_none_or(|(a, b)| (a..=b).contains(&n));
                (applies && in_range && rng.f64() < rule.rate).then_some(rule.kind)
            })
    }

    fn inner_cloud(&self) -> std::sync::Arc<dyn Cloud> {
        self.inner.clone()
    }

    async fn around<T, F, Fut>(&self, op: Op<'_>, call: F) -> CloudResult<T>
    where
        F: Fn(std::sync::Arc<dyn Cloud>) -> Fut + Send,
        Fut: std::future::Future<Output = CloudResult<T>> + Send,
        T: Send,
    {
        match self.fault(op.name) {
            None => call(self.inner.clone()).await,
            // Only a call that carries tags needs the tagging permission.
            Some(FaultKind::TagDenied)
                if !(op.writes && crate::cloud::cli::carries_tags(&(op.cli)())) =>
            {
                call(self.inner.clone()).await
            }
            Some(FaultKind::Timeout) if op.writes => {
                // The change happens; only the answer is lost.
                let _ = call(self.inner.clone()).await;
                Err(FaultKind::Timeout.error(op.name))
            }
            Some(kind) => Err(kind.error(op.name)),
        }
    }
}

crate::cloud::layer::layered!(Faulty);
