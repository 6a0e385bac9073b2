//! The service onto the restored database: a task definition revision with `DB_HOST` set to
//! the restored endpoint, rolled out; and what went wrong when the rollout fails.

use async_trait::async_trait;

use super::{Ctx, Step, wrong_request};
use crate::cloud::{self, DB_HOST, InstanceStatus, RolloutState, Service};
use crate::lab::act::{ActionError, Outcome, Run, revision_for};
use crate::lab::journal::Kind;
use crate::lab::observe::PartId;
use crate::lab::plan::{Confirm, Options, Plan, Ready, Request, Switch, param};
use crate::lab::{Check, StepId, StepState, Text};

/// Service events a failed rollout shows, newest first.
pub const SHOWN_EVENTS: usize = 3;

/// The endpoint an instance of the same account and region gets: RDS endpoints are
/// `<id>.<account-and-region hash>.<region>.rds.amazonaws.com`, so the new one can be told
/// from the source's before RDS shows it.
#[must_use]
pub fn expected_endpoint(id: &str, source_endpoint: &str) -> Option<String> {
    source_endpoint
        .split_once('.')
        .map(|(_, suffix)| format!("{id}.{suffix}"))
}

pub struct SwitchBackend;

#[async_trait]
impl Step for SwitchBackend {
    fn id(&self) -> StepId {
        StepId::SwitchBackend
    }

    /// The todos come back once the new tasks serve them.
    fn parts(&self) -> &'static [PartId] {
        &[PartId::Service, PartId::Todos]
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        Some(check(ctx))
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let names = &ctx.config.names;
        let Some(restored) = ctx.restored() else {
            return Ready::Blocked(
                Text::new("blocked-no-restore").arg("restored", ctx.restored_name()),
            );
        };
        // The switch waits until the database takes connections (available, or backing-up
        // right after creating); earlier, the new tasks would fail their health checks.
        let Some(endpoint) = restored
            .endpoint
            .clone()
            .filter(|_| restored.accepts_connections())
        else {
            return Ready::Blocked(
                Text::new("blocked-no-endpoint")
                    .arg("restored", &restored.id)
                    .arg("status", &restored.status),
            );
        };
        let Some(current) = ctx.observed.current_task_definition() else {
            return Ready::Blocked(Text::new("check-not-read-yet"));
        };
        if current.env(&names.container, DB_HOST) == Some(endpoint.as_str()) {
            return Ready::AlreadyDone(
                Text::new("already-switched").arg("revision", current.revision),
            );
        }
        // Behind other security groups than the source's (the VPC's default, say), the new
        // tasks could not reach the database: the restore step mends that first.
        if ctx.source().is_some_and(|src| {
            super::restore::mend(restored, src, ctx.config)
                .is_some_and(|m| m.security_groups.is_some())
        }) {
            return Ready::Blocked(
                Text::new("blocked-switch-groups").arg("restored", &restored.id),
            );
        }
        let register =
            cloud::cli::register_revision(&current.arn, &names.container, DB_HOST, &endpoint);
        Ready::Plan(Plan {
            step: self.id(),
            options: options.clone(),
            request: Request::SwitchBackend(Switch {
                cluster: names.cluster.clone(),
                service: names.service.clone(),
                container: names.container.clone(),
                base: current.arn.clone(),
                endpoint: endpoint.clone(),
            }),
            params: vec![
                param("param-family", &current.family),
                param("param-base-revision", current.revision.to_string()),
                param("param-db-host", &endpoint),
                param("param-cluster", &names.cluster),
                param("param-service", &names.service),
            ],
            commands: vec![
                register,
                cloud::cli::update_service(
                    &names.cluster,
                    &names.service,
                    &format!("{}:<new>", current.family),
                ),
            ],
            notes: vec![Text::new("note-rollout")],
            confirm: Confirm::YesNo,
        })
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::SwitchBackend(switch) = request else {
            return Err(wrong_request());
        };
        let (target, _, mut out) = switch_to(run, switch).await?;
        out.push(
            Text::new("done-service-updated")
                .arg("service", &switch.service)
                .arg("revision", target.revision),
        );
        Ok(out)
    }
}

/// Points the service at a revision of `switch.base` with `DB_HOST` = `switch.endpoint`
/// (reused or registered) and says which. Returns the revision switched to and the base.
pub(super) async fn switch_to(
    run: &Run<'_>,
    switch: &Switch,
) -> Result<(cloud::TaskDefinition, cloud::TaskDefinition, Vec<Text>), ActionError> {
    let cloud = run.cloud;
    let base = cloud.describe_task_definition(&switch.base).await?;
    let (target, reused) = revision_for(cloud, &base, &switch.container, &switch.endpoint).await?;
    let out = vec![
        Text::new(if reused {
            "done-revision-reused"
        } else {
            "done-revision-registered"
        })
        .arg("revision", target.revision),
    ];
    cloud
        .update_service(&switch.cluster, &switch.service, &target.arn)
        .await?;
    Ok((target, base, out))
}

fn check(ctx: &Ctx<'_>) -> Check {
    let names = &ctx.config.names;
    let Some(service) = &ctx.observed.service.value else {
        return match &ctx.observed.service.error {
            Some(e) => Check::new(
                StepState::Failed,
                Text::new("check-unknown-error")
                    .arg("code", e.code.clone())
                    .arg("message", e.message.clone()),
            ),
            None => Check::new(StepState::Todo, Text::new("check-not-read-yet")),
        };
    };
    let host = ctx
        .observed
        .db_host(&names.container)
        .unwrap_or_default()
        .to_owned();
    let source_ep = ctx.source().and_then(|s| s.endpoint.clone());
    if let Some(failed) = rollout_failure(ctx, service) {
        return failed;
    }
    // Switched (in the console) before the restored database takes connections: the new
    // tasks cannot reach it yet.
    let early = ctx.restored().filter(|r| {
        !r.accepts_connections()
            && r.status != InstanceStatus::Deleting
            && source_ep
                .as_deref()
                .and_then(|ep| expected_endpoint(&r.id, ep))
                .is_some_and(|ep| ep == host)
    });
    if let Some(r) = early {
        return Check::new(
            StepState::InProgress,
            Text::new("check-switch-too-early")
                .arg("restored", &r.id)
                .arg("status", &r.status)
                .arg("instance", &names.instance),
        );
    }
    if ctx.backend_on_restored() {
        if service.is_stable() {
            return Check::new(
                StepState::Done,
                Text::new("check-switch-done").arg("restored", ctx.restored_name()),
            );
        }
        let primary = service.primary();
        let check = Check::new(
            StepState::InProgress,
            Text::new("check-switch-rollout")
                .arg("running", primary.map_or(0, |d| d.running))
                .arg("desired", primary.map_or(0, |d| d.desired))
                .arg("tasks", service.running),
        );
        return match primary.map_or(0, |d| d.failed_tasks) {
            0 => check,
            failed => check.with(Text::new("check-switch-failed-so-far").arg("failed", failed)),
        };
    }
    if ctx.journal.has(Kind::BackendSwitched) {
        return Check::new(StepState::Done, Text::new("check-switch-reverted"));
    }
    if source_ep.as_deref() == Some(host.as_str()) {
        let next = if ctx.restored().is_some_and(|r| r.endpoint.is_some()) {
            "check-switch-todo"
        } else {
            "check-switch-wait"
        };
        return Check::new(
            StepState::Todo,
            Text::new(next)
                .arg("instance", &names.instance)
                .arg("restored", ctx.restored_name()),
        );
    }
    if host.is_empty() {
        return Check::new(
            StepState::Failed,
            Text::new("check-switch-no-host").arg("container", &names.container),
        );
    }
    Check::new(
        StepState::Failed,
        Text::new("check-switch-elsewhere")
            .arg("host", host)
            .arg("restored", ctx.restored_name()),
    )
}

/// The verdict on a rollout onto the restored database that went wrong, if it did: FAILED
/// (perhaps rolled back), rolled back already, or tasks that keep failing to start. It names
/// the failed task count, ECS's reason and the newest service events, and what to try.
fn rollout_failure(ctx: &Ctx<'_>, service: &Service) -> Option<Check> {
    let names = &ctx.config.names;
    // The restored database's endpoint, or the one it will have while it has none yet (a
    // switch made in the console before it takes connections).
    let endpoint = ctx.restored().and_then(|r| {
        r.endpoint.clone().or_else(|| {
            ctx.source()
                .and_then(|s| s.endpoint.as_deref())
                .and_then(|ep| expected_endpoint(&r.id, ep))
        })
    });
    let host_of = |arn: &str| {
        ctx.observed
            .task_definitions
            .get(arn)
            .and_then(|td| td.env(&names.container, DB_HOST))
    };
    let on_restored = |arn: &str| endpoint.is_some() && host_of(arn) == endpoint.as_deref();
    let troubled = service
        .troubled()
        .filter(|d| on_restored(&d.task_definition));
    let rolled_back = !ctx.backend_on_restored()
        && ctx.journal.has(Kind::BackendSwitched)
        && (ctx
            .journal
            .after_last(Kind::RolloutFailed, Kind::BackendSwitched)
            || ctx
                .journal
                .last(Kind::BackendSwitched)
                .is_some_and(|e| service.rolled_back_since(e.at)));
    let back_to = service
        .primary()
        .filter(|p| !on_restored(&p.task_definition))
        .and_then(|p| cloud::revision_of(&p.task_definition));
    let headline = match troubled {
        Some(d) if d.rollout == Some(RolloutState::Failed) => Text::new("check-switch-failed")
            .arg(
                "revision",
                cloud::revision_of(&d.task_definition).unwrap_or(0),
            )
            .arg("failed", d.failed_tasks)
            .arg("back", back_to.unwrap_or(0)),
        Some(d) => Text::new("check-switch-tasks-failing")
            .arg(
                "revision",
                cloud::revision_of(&d.task_definition).unwrap_or(0),
            )
            .arg("failed", d.failed_tasks),
        None if rolled_back => {
            Text::new("check-switch-rolled-back").arg("back", back_to.unwrap_or(0))
        }
        None => return None,
    };
    let mut check = Check::new(StepState::Failed, headline);
    if let Some(reason) = troubled.and_then(|d| d.rollout_reason.as_deref()) {
        check = check.with(Text::new("check-switch-reason").arg("reason", reason));
    }
    // Without the circuit breaker nothing ends such a rollout but another update.
    let breaker_on = service.circuit_breaker.is_some_and(|b| b.enable);
    if troubled.is_some_and(|d| d.rollout != Some(RolloutState::Failed)) && !breaker_on {
        check = check.with(Text::new("check-switch-no-breaker").arg("service", &names.service));
    }
    let since = ctx.journal.last(Kind::BackendSwitched).map(|e| e.at);
    for event in service.telling_events(since, SHOWN_EVENTS) {
        let at = event
            .at
            .map(|at| crate::format::clock(at, &ctx.config.timezone()))
            .unwrap_or_default();
        check = check.with(
            Text::new("check-switch-event")
                .arg("at", at)
                .arg("message", event.message.clone()),
        );
    }
    Some(
        check.with(
            Text::new("check-switch-failed-advice")
                .arg("restored", ctx.restored_name())
                .arg("service", &names.service),
        ),
    )
}
