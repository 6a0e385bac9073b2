//! The service onto the restored database: a task definition revision with `DB_HOST` set to
//! the restored endpoint, rolled out; and what went wrong when the rollout fails.

use async_trait::async_trait;

use super::{Ctx, Step, StepTexts, wrong_request};
use crate::cloud::{self, DB_HOST, InstanceStatus, RolloutState, Service, TaskDefinition};
use crate::lab::act::{ActionError, Outcome, Run, revision_for};
use crate::lab::journal::{EventKind, Kind, Witness};
use crate::lab::observe::PartId;
use crate::lab::plan::{Confirm, Deploy, Options, Plan, Ready, Request, Switch, param};
use crate::lab::{Check, Problem, ProblemCode, StepId, StepState, Text};
use crate::msg;

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

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    now_wait: Some(msg::STEP_SWITCH_BACKEND_NOW_WAIT),
    enter: Some(msg::STEP_SWITCH_BACKEND_ENTER),
    console: Some(msg::STEP_SWITCH_BACKEND_CONSOLE),
    action: Some(msg::UI_ACTION_SWITCH_BACKEND),
    ..StepTexts::new(
        msg::STEP_SWITCH_BACKEND_TITLE,
        msg::STEP_SWITCH_BACKEND_SHORT,
        msg::STEP_SWITCH_BACKEND_BODY,
        msg::STEP_SWITCH_BACKEND_NOW,
    )
};

#[async_trait]
impl Step for SwitchBackend {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::SwitchBackend
    }

    /// The todos come back once the new tasks serve them.
    fn parts(&self) -> &'static [PartId] {
        &[PartId::Service, PartId::Todos]
    }

    /// The app's todo list fails (502) exactly while DB_HOST is wrong: that does not stop
    /// the switch that mends it.
    fn plan_parts(&self) -> &'static [PartId] {
        &[PartId::Service]
    }

    fn part_order(&self) -> &'static [PartId] {
        &[
            PartId::Service,
            PartId::Instances,
            PartId::Todos,
            PartId::Snapshots,
        ]
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        Some(check(ctx))
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let names = &ctx.config.names;
        let Some(restored) = ctx.restored() else {
            return Ready::Blocked(
                Text::new(msg::BLOCKED_NO_RESTORE).arg("restored", ctx.restored_name()),
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
                Text::new(msg::BLOCKED_NO_ENDPOINT)
                    .arg("restored", &restored.id)
                    .arg("status", &restored.status),
            );
        };
        let Some(current) = ctx.observed.current_task_definition() else {
            return Ready::Blocked(ctx.observed.unread(PartId::Service));
        };
        if current.env(&names.container, DB_HOST) == Some(endpoint.as_str()) {
            return Ready::AlreadyDone(
                Text::new(msg::ALREADY_SWITCHED).arg("revision", current.revision),
            );
        }
        // Behind other security groups than the source's (the VPC's default, say), the new
        // tasks could not reach the database: the restore step mends that first.
        if ctx.source().is_some_and(|src| {
            super::restore::mend(restored, src, ctx.config)
                .is_some_and(|m| m.security_groups.is_some())
        }) {
            return Ready::Blocked(
                Text::new(msg::BLOCKED_SWITCH_GROUPS).arg("restored", &restored.id),
            );
        }
        // A revision with the right DB_HOST is registered already: deploy exactly that one.
        if let Some(ready) = ready_revision(ctx, &endpoint) {
            let deploy = Deploy {
                cluster: names.cluster.clone(),
                service: names.service.clone(),
                task_definition: ready.arn.clone(),
                revision: ready.revision,
            };
            return Ready::Plan(Plan {
                step: self.id(),
                options: options.clone(),
                request: Request::Deploy(deploy),
                params: vec![
                    param(msg::PARAM_CLUSTER, &names.cluster),
                    param(msg::PARAM_SERVICE, &names.service),
                    param(
                        msg::PARAM_REVISION,
                        format!("{}:{}", ready.family, ready.revision),
                    ),
                    param(msg::PARAM_DB_HOST, &endpoint),
                ],
                commands: vec![cloud::cli::update_service(
                    &names.cluster,
                    &names.service,
                    &format!("{}:{}", ready.family, ready.revision),
                )],
                notes: vec![Text::new(msg::NOTE_ROLLOUT)],
                confirm: Confirm::YesNo,
            });
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
                param(msg::PARAM_FAMILY, &current.family),
                param(msg::PARAM_BASE_REVISION, current.revision.to_string()),
                param(msg::PARAM_DB_HOST, &endpoint),
                param(msg::PARAM_CLUSTER, &names.cluster),
                param(msg::PARAM_SERVICE, &names.service),
            ],
            commands: vec![
                register,
                // The family alone names its latest ACTIVE revision: the one just registered.
                cloud::cli::update_service(&names.cluster, &names.service, &current.family),
            ],
            notes: vec![Text::new(msg::NOTE_ROLLOUT)],
            confirm: Confirm::YesNo,
        })
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        if let Request::Deploy(deploy) = request {
            run.cloud
                .update_service(&deploy.cluster, &deploy.service, &deploy.task_definition)
                .await?;
            return Ok(vec![
                Text::new(msg::DONE_SERVICE_UPDATED)
                    .arg("service", &deploy.service)
                    .arg("revision", deploy.revision),
            ]);
        }
        let Request::SwitchBackend(switch) = request else {
            return Err(wrong_request());
        };
        let (target, _, mut out) = switch_to(run, switch).await?;
        out.push(
            Text::new(msg::DONE_SERVICE_UPDATED)
                .arg("service", &switch.service)
                .arg("revision", target.revision),
        );
        Ok(out)
    }

    fn witness(&self, look: &mut Witness<'_>) {
        witness(look);
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
    let (target, reused) = revision_for(
        cloud,
        &base,
        &switch.container,
        &switch.endpoint,
        run.progress,
    )
    .await?;
    let out = vec![
        Text::new(if reused {
            msg::DONE_REVISION_REUSED
        } else {
            msg::DONE_REVISION_REGISTERED
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
        return Check::new(StepState::Todo, ctx.observed.unread(PartId::Service));
    };
    // DB_HOST is judged from the revision the service runs: while that revision has not been
    // described (denied, or not yet listed by an account that lags), nothing is judged.
    if ctx.observed.current_task_definition().is_none() && !service.task_definition.is_empty() {
        return Check::new(StepState::Todo, ctx.observed.unread(PartId::Service));
    }
    let host = ctx
        .observed
        .db_host(&names.container)
        .unwrap_or_default()
        .to_owned();
    let source_ep = ctx.source().and_then(|s| s.endpoint.clone());
    if let Some(failed) = rollout_failure(ctx, service) {
        return failed;
    }
    if let Some(down) = ctx.backend_on_deleted_restore() {
        return Check::diagnosis(StepState::Failed, down);
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
        return Check::diagnosis(
            StepState::InProgress,
            Problem::new(ProblemCode::SwitchTooEarly)
                .arg("restored", &r.id)
                .arg("status", &r.status)
                .arg("instance", &names.instance)
                .arg("service", &names.service),
        );
    }
    if ctx.backend_on_restored() {
        if service.is_stable() {
            return Check::new(
                StepState::Done,
                Text::new(msg::CHECK_SWITCH_DONE).arg("restored", ctx.restored_name()),
            );
        }
        let primary = service.primary();
        let mut check = Check::new(
            StepState::InProgress,
            Text::new(msg::CHECK_SWITCH_ROLLOUT)
                .arg("running", primary.map_or(0, |d| d.running))
                .arg("desired", primary.map_or(0, |d| d.desired))
                .arg("tasks", service.running),
        );
        if let Some(stuck) = primary.and_then(|d| rollout_stuck(ctx, d)) {
            check = check.problem(stuck);
        }
        return match primary.map_or(0, |d| d.failed_tasks) {
            0 => check,
            failed => check.with(Text::new(msg::CHECK_SWITCH_FAILED_SO_FAR).arg("failed", failed)),
        };
    }
    // Switched once and back onto the original since (the way back of the cleanup): done.
    // Anything else it points at now is a slip to name, whatever happened before.
    if ctx.journal.has(Kind::BackendSwitched) && source_ep.as_deref() == Some(host.as_str()) {
        return Check::new(StepState::Done, Text::new(msg::CHECK_SWITCH_REVERTED));
    }
    let target = target_endpoint(ctx);
    let current = ctx.observed.current_task_definition();
    // The new value under another name or in another container: the backend never reads it.
    if let (Some(td), Some(target)) = (current, target.as_deref())
        && (host.is_empty() || source_ep.as_deref() == Some(host.as_str()))
        && let Some(misplaced) = misplaced_host(ctx, td, target)
    {
        return Check::diagnosis(StepState::Failed, misplaced);
    }
    // A revision with the right DB_HOST is registered, but the service runs another one.
    let ready = ctx
        .restored()
        .filter(|r| r.accepts_connections())
        .and_then(|r| r.endpoint.as_deref())
        .and_then(|ep| ready_revision(ctx, ep));
    if let (Some(ready), Some(td)) = (ready, current) {
        let code = if updated_since_restore(ctx, service) {
            ProblemCode::ServiceOtherRevision
        } else {
            ProblemCode::ServiceRevisionNotDeployed
        };
        let check = Check::diagnosis(
            StepState::Failed,
            Problem::new(code)
                .arg("revision", ready.revision)
                .arg("running", td.revision)
                .arg("family", &td.family)
                .arg("service", &names.service)
                .arg("cluster", &names.cluster)
                .arg("restored", ctx.restored_name()),
        );
        // What is wrong with the running revision's DB_HOST, as a second word.
        return match host_problem(ctx, &host, target.as_deref()) {
            Some(p) => check.problem(
                p.arg("revision", td.revision)
                    .arg("family", &td.family)
                    .arg("container", &names.container),
            ),
            None => check,
        };
    }
    if source_ep.as_deref() == Some(host.as_str()) {
        // A new revision deployed after the restore, with DB_HOST left as it was.
        if let Some(td) = current.filter(|_| updated_since_restore(ctx, service)) {
            return Check::diagnosis(
                StepState::Failed,
                Problem::new(ProblemCode::DbHostOldEndpoint)
                    .arg("service", &names.service)
                    .arg("revision", td.revision)
                    .arg("instance", &names.instance)
                    .arg("restored", ctx.restored_name())
                    .arg("family", &td.family)
                    .arg("container", &names.container),
            );
        }
        let next = if ctx.restored().is_some_and(|r| r.endpoint.is_some()) {
            msg::CHECK_SWITCH_TODO
        } else {
            msg::CHECK_SWITCH_WAIT
        };
        return Check::new(
            StepState::Todo,
            Text::new(next)
                .arg("instance", &names.instance)
                .arg("restored", ctx.restored_name()),
        );
    }
    if host.trim().is_empty() {
        return Check::diagnosis(
            StepState::Failed,
            Problem::new(ProblemCode::DbHostEmpty)
                .arg("service", &names.service)
                .arg("container", &names.container)
                .arg(
                    "family",
                    current.map_or_else(|| names.task_family.clone(), |t| t.family.clone()),
                )
                .arg("revision", current.map_or(0, |t| t.revision))
                .arg("endpoint", target.clone().unwrap_or_default()),
        );
    }
    let problem = host_problem(ctx, &host, target.as_deref()).unwrap_or_else(|| {
        Problem::new(ProblemCode::DbHostElsewhere)
            .arg("service", &names.service)
            .arg("host", quoted(&host))
            .arg("restored", ctx.restored_name())
            .arg("endpoint", target.clone().unwrap_or_default())
    });
    Check::diagnosis(
        StepState::Failed,
        problem
            .arg("revision", current.map_or(0, |t| t.revision))
            .arg(
                "family",
                current.map_or_else(|| names.task_family.clone(), |t| t.family.clone()),
            )
            .arg("container", &names.container),
    )
}

/// `value` as the learner typed it, in the language's quotation marks so spaces and dots at
/// its ends show.
fn quoted(value: &str) -> Text {
    Text::new(msg::QUOTED).arg("value", value)
}

/// The endpoint DB_HOST should name: the restored instance's, or the one it will get.
fn target_endpoint(ctx: &Ctx<'_>) -> Option<String> {
    ctx.restored().and_then(|r| r.endpoint.clone()).or_else(|| {
        ctx.source()
            .and_then(|s| s.endpoint.as_deref())
            .and_then(|ep| expected_endpoint(ctx.restored_name(), ep))
    })
}

/// A host name as DB_HOST might carry it, taken apart: the bare name (lower case, without
/// scheme, port, path, surrounding spaces or a trailing dot) and what was around it.
struct HostForm {
    bare: String,
    scheme: Option<String>,
    port: Option<String>,
    spaces: bool,
    trailing_dot: bool,
}

fn host_form(value: &str) -> HostForm {
    let trimmed = value.trim();
    let spaces = trimmed.len() != value.len() || trimmed.contains(char::is_whitespace);
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = compact.to_ascii_lowercase();
    let (scheme, rest) = match lower.split_once("://") {
        Some((scheme, rest)) => (Some(format!("{scheme}://")), rest.to_owned()),
        None => (None, lower.clone()),
    };
    let rest = rest.split('/').next().unwrap_or_default().to_owned();
    let (rest, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) => {
            (h.to_owned(), Some(p.to_owned()))
        }
        _ => (rest, None),
    };
    let trailing_dot = rest.ends_with('.');
    HostForm {
        bare: rest.trim_end_matches('.').to_owned(),
        scheme,
        port,
        spaces,
        trailing_dot,
    }
}

/// What is wrong with `host` (DB_HOST of the running revision), when it is recognisably
/// something else than the endpoint: the endpoint in the wrong form, the snapshot's name, an
/// ARN or identifier, the endpoint of another instance.
fn host_problem(ctx: &Ctx<'_>, host: &str, target: Option<&str>) -> Option<Problem> {
    let names = &ctx.config.names;
    let form = host_form(host);
    let endpoint = target.unwrap_or_default().to_ascii_lowercase();
    let with = |code: ProblemCode| {
        Problem::new(code)
            .arg("service", &names.service)
            .arg("host", quoted(host))
            .arg("endpoint", target.unwrap_or_default())
            .arg("restored", ctx.restored_name())
    };
    if target.is_some() && form.bare == endpoint {
        return Some(if let Some(scheme) = form.scheme {
            with(ProblemCode::DbHostScheme).arg("scheme", scheme)
        } else if let Some(port) = form.port {
            with(ProblemCode::DbHostPort).arg("port", port)
        } else if form.spaces {
            with(ProblemCode::DbHostSpaces)
        } else if form.trailing_dot {
            with(ProblemCode::DbHostTrailingDot)
        } else {
            with(ProblemCode::DbHostCase)
        });
    }
    let snapshot = names.snapshot.to_ascii_lowercase();
    if form.bare == snapshot || form.bare.starts_with(&format!("{snapshot}.")) {
        return Some(with(ProblemCode::DbHostSnapshotName).arg("snapshot", &names.snapshot));
    }
    if form.bare.starts_with("arn:") {
        return Some(with(ProblemCode::DbHostArn));
    }
    let instances = ctx.observed.instances.value.iter().flatten();
    for instance in instances {
        let id = instance.id.to_ascii_lowercase();
        if form.bare == id {
            return Some(with(ProblemCode::DbHostIdentifier).arg("identifier", &instance.id));
        }
        let theirs = instance.endpoint.as_deref().map(str::to_ascii_lowercase);
        if theirs.is_some_and(|ep| ep == form.bare) && instance.id != names.instance {
            return Some(with(ProblemCode::DbHostOtherInstance).arg("instance", &instance.id));
        }
    }
    None
}

/// The restored endpoint in the running revision, but not in DB_HOST of the backend's
/// container: under another variable name, or in another container.
fn misplaced_host(ctx: &Ctx<'_>, td: &TaskDefinition, target: &str) -> Option<Problem> {
    let names = &ctx.config.names;
    let names_target = |value: &str| host_form(value).bare == target.to_ascii_lowercase();
    for container in &td.containers {
        for (name, value) in &container.environment {
            if !names_target(value) {
                continue;
            }
            let problem = if container.name == names.container {
                if name == DB_HOST {
                    continue;
                }
                Problem::new(ProblemCode::DbHostOtherVariable).arg("variable", name)
            } else {
                Problem::new(ProblemCode::DbHostOtherContainer).arg("other", &container.name)
            };
            return Some(
                problem
                    .arg("service", &names.service)
                    .arg("container", &names.container)
                    .arg("endpoint", target)
                    .arg("revision", td.revision)
                    .arg("family", &td.family),
            );
        }
    }
    None
}

/// The newest registered (ACTIVE) revision of the backend's family, other than the one the
/// service runs, whose DB_HOST is `endpoint`.
fn ready_revision<'a>(ctx: &'a Ctx<'_>, endpoint: &str) -> Option<&'a TaskDefinition> {
    let names = &ctx.config.names;
    let running = ctx
        .observed
        .current_task_definition()
        .map(|t| t.arn.as_str());
    ctx.observed
        .task_definitions
        .values()
        .filter(|td| {
            td.family == names.task_family
                && td.status == cloud::TaskDefinitionStatus::Active
                && Some(td.arn.as_str()) != running
                && td.env(&names.container, DB_HOST) == Some(endpoint)
        })
        .max_by_key(|td| td.revision)
}

/// Whether the service was updated after the restore began (its PRIMARY deployment is
/// newer): the learner has been at this step already.
fn updated_since_restore(ctx: &Ctx<'_>, service: &Service) -> bool {
    let restore_began = ctx
        .journal
        .requested_at(ctx.restored_name())
        .or_else(|| ctx.restored().and_then(|r| r.created));
    let deployed = service.primary().and_then(|d| d.created);
    matches!((restore_began, deployed), (Some(r), Some(d)) if d > r)
}

/// How long a rollout may run without a new task running before it counts as stuck.
const ROLLOUT_STUCK_S: i64 = 15 * 60;

/// A rollout onto the restored database that has not moved for a long time: no task of the
/// new revision running after [`ROLLOUT_STUCK_S`].
fn rollout_stuck(ctx: &Ctx<'_>, primary: &cloud::Deployment) -> Option<Problem> {
    let names = &ctx.config.names;
    let since = primary.updated.or(primary.created)?;
    let waited = crate::format::since(ctx.now, since);
    (primary.running < primary.desired && waited > ROLLOUT_STUCK_S).then(|| {
        Problem::new(ProblemCode::RolloutStuck)
            .arg(
                "revision",
                cloud::revision_of(&primary.task_definition).unwrap_or(0),
            )
            .arg("running", primary.running)
            .arg("desired", primary.desired)
            .arg("waited", crate::lab::Duration::seconds(waited))
            .arg("service", &names.service)
            .arg("cluster", &names.cluster)
    })
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
        Some(d) if d.rollout == Some(RolloutState::Failed) => {
            Problem::new(ProblemCode::RolloutFailed)
                .arg(
                    "revision",
                    cloud::revision_of(&d.task_definition).unwrap_or(0),
                )
                .arg("failed", d.failed_tasks)
                .arg("back", back_to.unwrap_or(0))
        }
        Some(d) => Problem::new(ProblemCode::RolloutTasksFailing)
            .arg(
                "revision",
                cloud::revision_of(&d.task_definition).unwrap_or(0),
            )
            .arg("failed", d.failed_tasks),
        None if rolled_back => {
            Problem::new(ProblemCode::RolloutRolledBack).arg("back", back_to.unwrap_or(0))
        }
        None => return None,
    };
    let mut check = Check::diagnosis(
        StepState::Failed,
        headline
            .arg("restored", ctx.restored_name())
            .arg("service", &names.service)
            .arg("cluster", &names.cluster),
    );
    if let Some(reason) = troubled.and_then(|d| d.rollout_reason.as_deref()) {
        check = check.with(Text::new(msg::CHECK_SWITCH_REASON).arg("reason", reason));
    }
    // Without the circuit breaker nothing ends such a rollout but another update.
    let breaker_on = service.circuit_breaker.is_some_and(|b| b.enable);
    if troubled.is_some_and(|d| d.rollout != Some(RolloutState::Failed)) && !breaker_on {
        check = check.with(Text::new(msg::CHECK_SWITCH_NO_BREAKER).arg("service", &names.service));
    }
    let since = ctx.journal.last(Kind::BackendSwitched).map(|e| e.at);
    for event in service.telling_events(since, SHOWN_EVENTS) {
        let at = event
            .at
            .map(|at| crate::format::clock(at, &ctx.config.timezone()))
            .unwrap_or_default();
        check = check.with(
            Text::new(msg::CHECK_SWITCH_EVENT)
                .arg("at", at)
                .arg("message", event.message.clone()),
        );
    }
    Some(check)
}

/// The service onto the restored database: switched (with the revision it ran before),
/// the rollout failed or complete, and the todos it serves once it is complete.
fn witness(look: &mut Witness<'_>) {
    let (observed, now) = (look.observed, look.now);
    let container = &look.config.names.container;
    let restored = look.restored();
    let endpoint = restored.and_then(|r| r.endpoint.as_deref());
    if let (Some(service), Some(endpoint)) = (observed.service.value.as_ref(), endpoint) {
        witness_rollout_failure(look, service, endpoint);
    }
    let Some(service) = observed.service.value.as_ref().filter(|_| look.switched()) else {
        return;
    };
    let revision = observed
        .current_task_definition()
        .map_or(0, |td| td.revision);
    // A new switch after a failed one counts again, but not the failed deployment itself
    // still standing as PRIMARY (circuit breaker without rollback).
    let primary_failed = service
        .primary()
        .is_some_and(|d| d.rollout == Some(RolloutState::Failed));
    let journal = look.journal();
    if !journal.after_last(Kind::BackendSwitched, Kind::RestoreRequested)
        || (journal.after_last(Kind::RolloutFailed, Kind::BackendSwitched) && !primary_failed)
    {
        let at = service.primary().and_then(|d| d.created).unwrap_or(now);
        // The deployment still draining is the one the service ran before.
        let from = service
            .deployments
            .iter()
            .filter(|d| d.status != cloud::DeploymentStatus::Primary)
            .find(|d| {
                observed
                    .task_definitions
                    .get(&d.task_definition)
                    .and_then(|td| td.env(container, DB_HOST))
                    .is_some_and(|host| Some(host) != endpoint)
            })
            .and_then(|d| cloud::revision_of(&d.task_definition));
        look.record(at, EventKind::BackendSwitched { revision, from });
    }
    if service.is_stable()
        && !look
            .journal()
            .after_last(Kind::RolloutComplete, Kind::BackendSwitched)
    {
        let at = service
            .primary()
            .and_then(|d| d.updated)
            .unwrap_or(now)
            .min(now);
        look.record(at, EventKind::RolloutComplete { revision });
        if let Some(count) = observed.todo_count().filter(|n| *n > 0) {
            look.record(now, EventKind::TodosVerified { count });
        }
    }
}

/// Records a failed rollout onto the restored database once per switch: a FAILED deployment
/// whose DB_HOST is `endpoint`, or the circuit breaker's rollback event since the switch.
fn witness_rollout_failure(look: &mut Witness<'_>, service: &Service, endpoint: &str) {
    let (observed, now) = (look.observed, look.now);
    let container = &look.config.names.container;
    let journal = look.journal();
    let Some(switched) = journal.last(Kind::BackendSwitched).map(|e| e.at) else {
        return;
    };
    if journal.after_last(Kind::RolloutFailed, Kind::BackendSwitched) {
        return;
    }
    let failed = service.deployments.iter().find(|d| {
        d.rollout == Some(RolloutState::Failed)
            && observed
                .task_definitions
                .get(&d.task_definition)
                .and_then(|td| td.env(container, DB_HOST))
                == Some(endpoint)
    });
    let rolled_back =
        observed.db_host(container) != Some(endpoint) && service.rolled_back_since(switched);
    if failed.is_none() && !rolled_back {
        return;
    }
    let revision = failed
        .and_then(|d| cloud::revision_of(&d.task_definition))
        .or_else(
            || match journal.last(Kind::BackendSwitched).map(|e| &e.kind) {
                Some(EventKind::BackendSwitched { revision, .. }) => Some(*revision),
                _ => None,
            },
        )
        .unwrap_or(0);
    let at = failed.and_then(|d| d.updated).unwrap_or(now).min(now);
    look.record(
        at,
        EventKind::RolloutFailed {
            revision,
            failed_tasks: failed.map_or(0, |d| d.failed_tasks),
        },
    );
}
