//! Each step's check: live state first, the journal for what live state cannot show any more.
//! A check says what is missing or wrong in words the learner can act on.

use jiff::Timestamp;

use super::journal::Journal;
use super::{Check, Observed, StepId, StepState, Text};
use crate::cloud::DbInstance;
use crate::config::Config;

/// What a check reads.
pub struct Ctx<'a> {
    pub observed: &'a Observed,
    pub journal: &'a Journal,
    pub config: &'a Config,
    pub now: Timestamp,
}

/// How long ago, as people read it (`4 min 05 s`).
fn ago(now: Timestamp, then: Option<Timestamp>) -> String {
    super::recovery::human(then.map_or(0, |t| (now.as_second() - t.as_second()).max(0)))
}

/// How long a resource has been in the making: from the request the journal knows (RDS omits
/// create times while `creating`), else from its create time.
fn running_for(ctx: &Ctx<'_>, resource: &str, created: Option<Timestamp>) -> String {
    ago(ctx.now, ctx.journal.requested_at(resource).or(created))
}

/// The endpoint an instance of the same account and region gets: RDS endpoints are
/// `<id>.<account-and-region hash>.<region>.rds.amazonaws.com`, so the new one can be told
/// from the source's before RDS shows it.
#[must_use]
pub fn expected_endpoint(id: &str, source_endpoint: &str) -> Option<String> {
    source_endpoint
        .split_once('.')
        .map(|(_, suffix)| format!("{id}.{suffix}"))
}

impl Ctx<'_> {
    fn source(&self) -> Option<&DbInstance> {
        self.observed.instance(&self.config.names.instance)
    }
    fn restored(&self) -> Option<&DbInstance> {
        self.observed.instance(&self.config.names.restored_instance)
    }

    /// Whether the instances have been read at least once (else checks say "not read yet").
    fn instances_known(&self) -> bool {
        self.observed.instances.value.is_some()
    }

    fn backend_on_restored(&self) -> bool {
        let host = self.observed.db_host(&self.config.names.container);
        self.restored()
            .and_then(|r| r.endpoint.as_deref())
            .is_some_and(|ep| host == Some(ep))
    }
}

/// The verdict of `step`'s check, or `None` for steps without one.
#[must_use]
pub fn check(step: StepId, ctx: &Ctx<'_>) -> Option<Check> {
    if !step.has_check() {
        return None;
    }
    if !ctx.instances_known() {
        let detail = match &ctx.observed.instances.error {
            Some(e) => Text::new("check-unknown-error")
                .arg("code", e.code.clone())
                .arg("message", e.message.clone()),
            None => Text::new("check-not-read-yet"),
        };
        return Some(Check::new(StepState::Todo, detail));
    }
    Some(match step {
        StepId::EnableBackups => enable_backups(ctx),
        StepId::CreateTodos => create_todos(ctx),
        StepId::Snapshot => snapshot(ctx),
        StepId::DeleteTodos => delete_todos(ctx),
        StepId::Restore => restore(ctx),
        StepId::SwitchBackend => switch_backend(ctx),
        StepId::Verify => verify(ctx),
        StepId::Pitr => pitr(ctx),
        StepId::Cleanup => cleanup(ctx),
        StepId::Concepts | StepId::Protection | StepId::Summary => return None,
    })
}

fn missing_source(ctx: &Ctx<'_>) -> Check {
    Check::new(
        StepState::Failed,
        Text::new("check-source-missing").arg("instance", &ctx.config.names.instance),
    )
}

fn enable_backups(ctx: &Ctx<'_>) -> Check {
    let Some(src) = ctx.source() else {
        return missing_source(ctx);
    };
    let wanted = ctx.config.backup.retention_days;
    if let Some(pending) = src.pending_retention.filter(|p| *p > 0) {
        return Check::new(
            StepState::InProgress,
            Text::new("check-backups-pending")
                .arg("retention", pending)
                .arg("status", &src.status),
        );
    }
    if src.retention_days == 0 {
        return Check::new(StepState::Todo, Text::new("check-backups-off"));
    }
    if !src.is_available() {
        return Check::new(
            StepState::InProgress,
            Text::new("check-backups-applying").arg("status", &src.status),
        );
    }
    let window = src.backup_window.clone().unwrap_or_default();
    let mut check = Check::new(
        StepState::Done,
        Text::new("check-backups-on")
            .arg("retention", src.retention_days)
            .arg("window", window),
    );
    if src.retention_days != wanted {
        check = check.with(
            Text::new("check-backups-retention-differs")
                .arg("retention", src.retention_days)
                .arg("wanted", wanted),
        );
    }
    check
}

/// How many todos the lab asks for.
pub const TODOS_WANTED: usize = 5;

fn create_todos(ctx: &Ctx<'_>) -> Check {
    let seen = ctx.journal.max_todos();
    let live = ctx.observed.todo_count();
    if live.is_some_and(|n| n >= TODOS_WANTED) || seen >= TODOS_WANTED {
        return Check::new(
            StepState::Done,
            Text::new("check-todos-created").arg("count", live.unwrap_or(0).max(seen)),
        );
    }
    if ctx.observed.snapshot(&ctx.config.names.snapshot).is_some() && seen > 0 {
        return Check::new(
            StepState::Done,
            Text::new("check-todos-created").arg("count", seen),
        );
    }
    match (live, &ctx.observed.todos.error) {
        (Some(0), _) => Check::new(
            StepState::Todo,
            Text::new("check-todos-none").arg("wanted", TODOS_WANTED),
        ),
        (Some(n), _) => Check::new(
            StepState::InProgress,
            Text::new("check-todos-some")
                .arg("count", n)
                .arg("wanted", TODOS_WANTED),
        ),
        // It answers, but not in a form the lab can read: waiting does not help.
        (None, Some(e)) if e.kind == crate::cloud::ErrorKind::TodoAnswer => {
            Check::new(StepState::Failed, crate::ui_text::error_text(e))
        }
        (None, Some(e)) => Check::new(
            StepState::Todo,
            Text::new("check-todos-unreachable").arg("code", e.code.clone()),
        ),
        (None, None) => Check::new(StepState::Todo, Text::new("check-not-read-yet")),
    }
}

fn snapshot(ctx: &Ctx<'_>) -> Check {
    let names = &ctx.config.names;
    match ctx.observed.snapshot(&names.snapshot) {
        Some(s) if s.is_available() => Check::new(
            StepState::Done,
            Text::new("check-snapshot-available")
                .arg("snapshot", &s.id)
                .arg("age", ago(ctx.now, s.created)),
        ),
        Some(s) if s.status == "creating" => Check::new(
            StepState::InProgress,
            Text::new("check-snapshot-creating")
                .arg("percent", s.percent)
                .arg("elapsed", running_for(ctx, &s.id, s.created)),
        ),
        Some(s) if s.status == "deleting" => Check::new(
            StepState::Done,
            Text::new("check-snapshot-deleting").arg("snapshot", &s.id),
        ),
        Some(s) => Check::new(
            StepState::Failed,
            Text::new("check-snapshot-status")
                .arg("snapshot", &s.id)
                .arg("status", &s.status),
        ),
        None if ctx.journal.has("snapshot") => Check::new(
            StepState::Done,
            Text::new("check-snapshot-gone").arg("snapshot", &names.snapshot),
        ),
        None => Check::new(
            StepState::Todo,
            Text::new("check-snapshot-missing").arg("snapshot", &names.snapshot),
        ),
    }
}

fn delete_todos(ctx: &Ctx<'_>) -> Check {
    if ctx.journal.has("disaster")
        || ctx.restored().is_some()
        || ctx.journal.has("restore-requested")
    {
        return Check::new(StepState::Done, Text::new("check-disaster-done"));
    }
    let snapshot_ready = ctx
        .observed
        .snapshot(&ctx.config.names.snapshot)
        .is_some_and(super::super::cloud::model::DbSnapshot::is_available);
    if !snapshot_ready {
        return Check::new(
            StepState::Todo,
            Text::new("check-disaster-wait-snapshot").arg("snapshot", &ctx.config.names.snapshot),
        );
    }
    match ctx.observed.todo_count() {
        Some(0) => Check::new(StepState::Done, Text::new("check-disaster-done")),
        Some(n) => Check::new(
            StepState::Todo,
            Text::new("check-disaster-remaining").arg("count", n),
        ),
        None => Check::new(StepState::Todo, Text::new("check-not-read-yet")),
    }
}

/// What differs between a restored instance and the lab's settings.
#[must_use]
pub fn placement_problems(
    instance: &DbInstance,
    source: Option<&DbInstance>,
    config: &Config,
) -> Vec<Text> {
    let mut problems = Vec::new();
    if instance.multi_az != config.restore.multi_az {
        problems.push(Text::new(if instance.multi_az {
            "check-restore-multi-az"
        } else {
            "check-restore-single-az"
        }));
    }
    if instance.class != config.restore.class {
        problems.push(
            Text::new("check-restore-class")
                .arg("class", &instance.class)
                .arg("wanted", &config.restore.class),
        );
    }
    if let Some(src) = source {
        let mut have = instance.security_groups.clone();
        let mut want = src.security_groups.clone();
        have.sort();
        want.sort();
        if have != want {
            problems.push(
                Text::new("check-restore-groups")
                    .arg("groups", have.join(", "))
                    .arg("wanted", want.join(", ")),
            );
        }
        if instance.subnet_group != src.subnet_group {
            problems.push(
                Text::new("check-restore-subnet")
                    .arg("subnet", instance.subnet_group.clone().unwrap_or_default())
                    .arg("wanted", src.subnet_group.clone().unwrap_or_default()),
            );
        }
        // What RDS does not copy by itself: storage type, parameter and option group, and
        // the engine version (a restore without Extended Support moves to a newer major one).
        let unchanged = [
            (
                "check-restore-storage",
                &instance.storage_type,
                &src.storage_type,
            ),
            (
                "check-restore-parameter-group",
                &instance.parameter_group,
                &src.parameter_group,
            ),
            (
                "check-restore-option-group",
                &instance.option_group,
                &src.option_group,
            ),
        ];
        for (id, have, want) in unchanged {
            if let (Some(have), Some(want)) = (have, want)
                && have != want
            {
                problems.push(Text::new(id).arg("have", have).arg("wanted", want));
            }
        }
        if instance.engine_version() != src.engine_version() && !instance.engine.is_empty() {
            problems.push(
                Text::new("check-restore-engine")
                    .arg("have", &instance.engine)
                    .arg("wanted", &src.engine),
            );
        }
    }
    problems
}

fn restore(ctx: &Ctx<'_>) -> Check {
    let names = &ctx.config.names;
    let Some(r) = ctx.restored() else {
        if ctx.journal.has("restore-available") {
            return Check::new(
                StepState::Done,
                Text::new("check-restore-removed").arg("restored", &names.restored_instance),
            );
        }
        return Check::new(
            StepState::Todo,
            Text::new("check-restore-missing").arg("restored", &names.restored_instance),
        );
    };
    if r.status == "deleting" {
        let state = if ctx.journal.has("restore-available") {
            StepState::Done
        } else {
            StepState::Failed
        };
        return Check::new(
            state,
            Text::new("check-restore-deleting").arg("restored", &r.id),
        );
    }
    if !r.is_available() {
        let detail = if r.endpoint.is_none() {
            "check-restore-creating"
        } else {
            "check-restore-progress"
        };
        return Check::new(
            StepState::InProgress,
            Text::new(detail)
                .arg("status", &r.status)
                .arg("elapsed", running_for(ctx, &r.id, r.created)),
        );
    }
    let problems = placement_problems(r, ctx.source(), ctx.config);
    if problems.is_empty() {
        Check::new(
            StepState::Done,
            Text::new("check-restore-available").arg("restored", &r.id),
        )
    } else {
        Check {
            state: StepState::Failed,
            details: problems,
        }
    }
}

fn switch_backend(ctx: &Ctx<'_>) -> Check {
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
            && r.status != "deleting"
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
                Text::new("check-switch-done").arg("restored", &names.restored_instance),
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
    if ctx.journal.has("backend-switched") {
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
                .arg("restored", &names.restored_instance),
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
            .arg("restored", &names.restored_instance),
    )
}

/// Service events a failed rollout shows, newest first.
pub const SHOWN_EVENTS: usize = 3;

/// The verdict on a rollout onto the restored database that went wrong, if it did: FAILED
/// (perhaps rolled back), rolled back already, or tasks that keep failing to start. It names
/// the failed task count, ECS's reason and the newest service events, and what to try.
fn rollout_failure(ctx: &Ctx<'_>, service: &crate::cloud::Service) -> Option<Check> {
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
            .and_then(|td| td.env(&names.container, "DB_HOST"))
    };
    let on_restored = |arn: &str| endpoint.is_some() && host_of(arn) == endpoint.as_deref();
    let troubled = service
        .troubled()
        .filter(|d| on_restored(&d.task_definition));
    let rolled_back = !ctx.backend_on_restored()
        && ctx.journal.has("backend-switched")
        && (ctx.journal.after_last("rollout-failed", "backend-switched")
            || ctx
                .journal
                .last("backend-switched")
                .is_some_and(|e| service.rolled_back_since(e.at)));
    let back_to = service
        .primary()
        .filter(|p| !on_restored(&p.task_definition))
        .and_then(|p| crate::cloud::revision_of(&p.task_definition));
    let headline = match troubled {
        Some(d) if d.rollout == Some(crate::cloud::RolloutState::Failed) => {
            Text::new("check-switch-failed")
                .arg(
                    "revision",
                    crate::cloud::revision_of(&d.task_definition).unwrap_or(0),
                )
                .arg("failed", d.failed_tasks)
                .arg("back", back_to.unwrap_or(0))
        }
        Some(d) => Text::new("check-switch-tasks-failing")
            .arg(
                "revision",
                crate::cloud::revision_of(&d.task_definition).unwrap_or(0),
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
    if troubled.is_some_and(|d| d.rollout != Some(crate::cloud::RolloutState::Failed))
        && !breaker_on
    {
        check = check.with(Text::new("check-switch-no-breaker").arg("service", &names.service));
    }
    let since = ctx.journal.last("backend-switched").map(|e| e.at);
    for event in service.telling_events(since, SHOWN_EVENTS) {
        let at = event
            .at
            .map(|at| {
                at.to_zoned(ctx.config.timezone())
                    .strftime("%H:%M:%S")
                    .to_string()
            })
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
                .arg("restored", &names.restored_instance)
                .arg("service", &names.service),
        ),
    )
}

fn verify(ctx: &Ctx<'_>) -> Check {
    if ctx.journal.has("todos-verified") {
        let count = ctx
            .journal
            .last("todos-verified")
            .map_or(0, |e| match e.kind {
                super::journal::EventKind::TodosVerified { count } => count,
                _ => 0,
            });
        let mut check = Check::new(
            StepState::Done,
            Text::new("check-verify-verified").arg("count", count),
        );
        if let Some(titles) = served_titles(ctx) {
            check = check.with(titles);
        }
        return check;
    }
    let switched = ctx.backend_on_restored()
        && ctx
            .observed
            .service
            .value
            .as_ref()
            .is_some_and(crate::cloud::Service::is_stable);
    if !switched {
        return Check::new(StepState::Todo, Text::new("check-verify-wait"));
    }
    match ctx.observed.todo_count() {
        Some(0) => Check::new(StepState::Failed, Text::new("check-verify-empty")),
        Some(n) => {
            let check = Check::new(
                StepState::Done,
                Text::new("check-verify-done").arg("count", n),
            );
            match served_titles(ctx) {
                Some(titles) => check.with(titles),
                None => check,
            }
        }
        None => Check::new(StepState::Todo, Text::new("check-not-read-yet")),
    }
}

/// The titles the app serves from the restored database, as the learner sees them in the
/// browser.
fn served_titles(ctx: &Ctx<'_>) -> Option<Text> {
    let todos = ctx.observed.todos.value.as_ref()?;
    if todos.is_empty() || !ctx.backend_on_restored() {
        return None;
    }
    let titles: Vec<&str> = todos.iter().map(|t| t.title.as_str()).collect();
    Some(Text::new("check-verify-titles").arg("titles", titles.join(", ")))
}

/// How far behind the request the point-in-time restore went: its RPO.
#[must_use]
pub fn pitr_rpo(journal: &Journal) -> Option<i64> {
    journal.events().iter().rev().find_map(|e| match &e.kind {
        super::journal::EventKind::PitrRequested {
            restored_to: Some(point),
            ..
        } => Some((e.at.as_second() - point.as_second()).max(0)),
        _ => None,
    })
}

fn pitr(ctx: &Ctx<'_>) -> Check {
    let names = &ctx.config.names;
    match ctx.observed.instance(&names.pitr_instance) {
        Some(p) if p.is_available() => {
            let check = Check::new(
                StepState::Done,
                Text::new("check-pitr-available").arg("pitr", &p.id),
            );
            match pitr_rpo(ctx.journal) {
                Some(seconds) => check
                    .with(Text::new("check-pitr-rpo").arg("rpo", super::recovery::human(seconds))),
                None => check,
            }
        }
        Some(p) if p.status == "deleting" => Check::new(
            StepState::Done,
            Text::new("check-restore-deleting").arg("restored", &p.id),
        ),
        Some(p) => Check::new(
            StepState::InProgress,
            Text::new("check-restore-progress")
                .arg("status", &p.status)
                .arg("elapsed", running_for(ctx, &p.id, p.created)),
        ),
        None if ctx.journal.has("pitr-available") => Check::new(
            StepState::Done,
            Text::new("check-restore-removed").arg("restored", &names.pitr_instance),
        ),
        None if ctx.source().is_some_and(|s| s.retention_days == 0) => {
            Check::new(StepState::Todo, Text::new("check-pitr-needs-backups"))
        }
        None => Check::new(
            StepState::Todo,
            Text::new("check-pitr-missing").arg("pitr", &names.pitr_instance),
        ),
    }
}

/// What still exists (and costs money) that cleanup would remove, for the chosen path.
#[must_use]
pub fn leftovers(observed: &Observed, config: &Config, keep_restored: bool) -> Vec<Text> {
    let names = &config.names;
    let mut left = Vec::new();
    if observed
        .snapshot(&names.snapshot)
        .is_some_and(|s| s.status != "deleting")
    {
        left.push(Text::new("leftover-snapshot").arg("snapshot", &names.snapshot));
    }
    if observed
        .instance(&names.pitr_instance)
        .is_some_and(|p| p.status != "deleting")
    {
        left.push(Text::new("leftover-instance").arg("instance", &names.pitr_instance));
    }
    if !keep_restored {
        if observed
            .instance(&names.restored_instance)
            .is_some_and(|r| r.status != "deleting")
        {
            left.push(Text::new("leftover-instance").arg("instance", &names.restored_instance));
        }
        let host = observed.db_host(&names.container);
        let source_ep = observed
            .instance(&names.instance)
            .and_then(|s| s.endpoint.as_deref());
        if host.is_some() && host != source_ep {
            left.push(
                Text::new("leftover-backend")
                    .arg("service", &names.service)
                    .arg("instance", &names.instance),
            );
        }
    }
    left
}

/// Whether `step` is the cleanup and something the lab created is still there on the path
/// the learner chose: then the step is not finished, whatever its check says.
#[must_use]
pub fn cleanup_pending(
    step: StepId,
    observed: &Observed,
    config: &Config,
    keep_restored: bool,
) -> bool {
    step == StepId::Cleanup && !leftovers(observed, config, keep_restored).is_empty()
}

fn cleanup(ctx: &Ctx<'_>) -> Check {
    let keep = ctx.journal.last("cleanup-chosen").map(|e| {
        matches!(
            e.kind,
            super::journal::EventKind::CleanupChosen {
                keep_restored: true
            }
        )
    });
    let keep_restored = keep.unwrap_or_else(|| ctx.backend_on_restored());
    let left = leftovers(ctx.observed, ctx.config, keep_restored);
    let started = ctx.journal.has("snapshot") || ctx.journal.has("restore-requested");
    if left.is_empty() {
        if started {
            return Check::new(
                StepState::Done,
                Text::new(if keep_restored {
                    "check-cleanup-kept"
                } else {
                    "check-cleanup-back"
                }),
            );
        }
        return Check::new(StepState::Todo, Text::new("check-cleanup-nothing"));
    }
    let state = if keep.is_some() {
        StepState::InProgress
    } else {
        StepState::Todo
    };
    Check {
        state,
        details: left,
    }
}

/// The first core step that is not done: where the learner stands (`None`: lab complete).
#[must_use]
pub fn current_step(ctx: &Ctx<'_>) -> Option<StepId> {
    StepId::CORE
        .into_iter()
        .find(|s| check(*s, ctx).is_none_or(|c| c.state != StepState::Done))
}

/// Whether every core step is done: the lab is complete.
#[must_use]
pub fn lab_complete(ctx: &Ctx<'_>) -> bool {
    StepId::CORE
        .iter()
        .all(|s| check(*s, ctx).is_some_and(|c| c.state == StepState::Done))
}
