//! Runs a confirmed [`Plan`]: a confirmed plan runs only while the account still matches it.
//! [`execute_seen`] asks the step for a plan from fresh state first and refuses with
//! [`ActionError::PlanChanged`] (and the new plan) when it differs, so what runs is what the
//! learner confirmed. [`execute_with_retry`] tries again after transient errors.

use std::sync::Mutex;
use std::time::Duration;

use super::act::{ATTEMPTS, ActionError, FIRST_RETRY, Outcome, Progress, Run, settle};
use super::journal::{EventKind, Journal};
use super::observe::{Observed, observe_all};
use super::plan::{Options, Plan};
use super::steps::{self, Ctx};
use super::{StepId, Text};
use crate::cloud::Cloud;
use crate::config::Config;
use crate::msg;

/// What to carry out.
#[derive(Debug, Clone, Copy)]
pub enum Order<'a> {
    /// The plan as the learner confirmed it; refused when the account asks for another.
    Confirmed(&'a Plan),
    /// Whatever plan the state right before the action gives: `run --yes`, which confirms
    /// every plan in advance.
    Any(StepId, &'a Options),
}

impl<'a> Order<'a> {
    fn step(&self) -> StepId {
        match self {
            Self::Confirmed(plan) => plan.step,
            Self::Any(step, _) => *step,
        }
    }

    fn options(&self) -> &'a Options {
        match self {
            Self::Confirmed(plan) => &plan.options,
            Self::Any(_, options) => options,
        }
    }
}

/// Carries out the confirmed `plan` against fresh state (see [`execute_seen`]).
pub async fn execute(
    plan: &Plan,
    cloud: &dyn Cloud,
    config: &Config,
    journal: &Mutex<Journal>,
    progress: Progress<'_>,
) -> Result<Outcome, ActionError> {
    execute_order(Order::Confirmed(plan), cloud, config, journal, progress).await
}

/// Plans `step` from fresh state and carries that plan out at once, as `run --yes` does.
pub async fn perform(
    step: StepId,
    cloud: &dyn Cloud,
    config: &Config,
    journal: &Mutex<Journal>,
    options: &Options,
    progress: Progress<'_>,
) -> Result<Outcome, ActionError> {
    execute_order(Order::Any(step, options), cloud, config, journal, progress).await
}

async fn execute_order(
    order: Order<'_>,
    cloud: &dyn Cloud,
    config: &Config,
    journal: &Mutex<Journal>,
    progress: Progress<'_>,
) -> Result<Outcome, ActionError> {
    let mut observed = Observed::default();
    observe_all(cloud, config, &mut observed).await;
    execute_seen(order, &observed, cloud, config, journal, progress).await
}

/// [`execute`] on state the caller has just observed (every part, no older than the last
/// change). The step plans again from it: work done meanwhile is found done and not repeated,
/// and a plan that differs from the confirmed one is refused with the new plan.
pub async fn execute_seen(
    order: Order<'_>,
    observed: &Observed,
    cloud: &dyn Cloud,
    config: &Config,
    journal: &Mutex<Journal>,
    progress: Progress<'_>,
) -> Result<Outcome, ActionError> {
    let step = steps::get(order.step());
    if let Some(e) = observed.instances.error.clone() {
        return Err(e.into());
    }
    // A passing failure in a part the step works on is retried with a fresh look.
    if let Some(e) = step
        .plan_parts()
        .iter()
        .filter_map(|part| observed.error(*part))
        .find(|e| e.kind.is_transient())
    {
        return Err(e.clone().into());
    }
    let ready = {
        let journal = journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let ctx = Ctx {
            observed,
            journal: &journal,
            config,
            now: cloud.now(),
        };
        step.plan(&ctx, order.options())
    };
    let fresh = match settle(ready) {
        Ok(fresh) => fresh,
        Err(result) => return result,
    };
    let request = match order {
        Order::Confirmed(plan) if !step.unchanged(&plan.request, &fresh.request) => {
            return Err(ActionError::PlanChanged(Box::new(fresh)));
        }
        Order::Confirmed(plan) => &plan.request,
        Order::Any(..) => &fresh.request,
    };
    let run = Run {
        cloud,
        config,
        journal,
        observed,
        progress,
        options: order.options(),
    };
    let out = step.execute(request, &run).await?;
    run.record(EventKind::Action {
        step: step.id(),
        ok: true,
    });
    Ok(out)
}

/// [`execute`], tried again after transient errors with exponential backoff and jitter.
/// Safe because every attempt looks at fresh state first: work that went through before the
/// error (a lost answer) is found and not repeated.
/// `seen`, when given, is fresh state for the first attempt (see [`execute_seen`]).
pub async fn execute_with_retry(
    order: Order<'_>,
    cloud: &dyn Cloud,
    config: &Config,
    journal: &Mutex<Journal>,
    progress: Progress<'_>,
    mut seen: Option<&Observed>,
) -> Result<Outcome, ActionError> {
    let mut delay = FIRST_RETRY;
    let mut attempt = 1;
    loop {
        let result = match seen.take() {
            Some(observed) => execute_seen(order, observed, cloud, config, journal, progress).await,
            None => execute_order(order, cloud, config, journal, progress).await,
        };
        match result {
            Err(ActionError::Cloud(e)) if e.kind.is_transient() && attempt < ATTEMPTS => {
                let jitter = Duration::from_millis(fastrand::u64(0..500));
                progress(
                    Text::new(msg::PROGRESS_RETRY)
                        .arg("code", e.code.clone())
                        .arg("attempt", attempt + 1)
                        .arg("attempts", ATTEMPTS)
                        .arg("seconds", i64::try_from(delay.as_secs()).unwrap_or(0)),
                );
                cloud.pause(delay + jitter).await;
                delay *= 2;
                attempt += 1;
            }
            Err(ActionError::Cloud(e)) if e.kind.is_transient() => {
                return Err(ActionError::GaveUp {
                    attempts: attempt,
                    error: e,
                });
            }
            other => return other,
        }
    }
}
