//! Bonus: what costs money goes. Three paths: keep the restored database (the service stays on
//! it); go back to the learner's original one as it is; or copy the restored data into the
//! original one first (dump & restore, the chapter's second way on from a restore) and then go
//! back. The original instance is never modified or deleted; only dump & restore writes to its
//! todo tables, as the learner confirmed.
//!
//! Dump & restore ([`copy_back`]) runs one Fargate task next to the service, puts the service back
//! on the revision it ran before the switch, checks through the app that the original database
//! serves the restored todos, and only then deletes. Any failure stops there: nothing is
//! deleted, and the error says where things stand.

use async_trait::async_trait;

use super::switch_backend::switch_to;
use super::{Ctx, Step, StepTexts, wrong_request};
use crate::cloud::{
    self, CloudError, DB_HOST, ErrorKind, InstanceStatus, SnapshotStatus, TaskDefinitionStatus,
};
use crate::config::Config;
use crate::lab::act::{
    ActionError, Outcome, Run, delete_instance, unprotect_instance, wait_for_rollout,
    wait_until_unused,
};
use crate::lab::ask::{Ask, Choice, Choices};
use crate::lab::dump::{self, DUMP_FAMILY};
use crate::lab::journal::{EventKind, Kind};
use crate::lab::observe::{Observed, PartId};
use crate::lab::plan::{
    CleanupPath, Confirm, Options, Plan, Ready, Removal, Request, Setting, Switch, param,
};
use crate::lab::revisions::Revisions as _;
use crate::lab::{Check, StepId, StepState, Text};
use crate::msg;

mod copy_back;

use copy_back::{
    copied, copies_started, copy_back, copy_data, last_failed_copy, restored_titles, run_request,
    served_from_source,
};

pub struct Cleanup;

/// Whether `step` is the cleanup and something the lab created is still there on the path
/// the learner chose: then the step is not finished, whatever its check says.
#[must_use]
pub fn cleanup_pending(step: StepId, ctx: &Ctx<'_>, path: CleanupPath) -> bool {
    step == StepId::Cleanup && !to_remove(ctx, path).is_empty()
}

/// What still exists (and costs money) that cleanup would remove, for the chosen path;
/// `restored` is this run's restored database ([`Ctx::restored_name`]).
#[must_use]
pub fn leftovers(
    observed: &Observed,
    config: &Config,
    restored: &str,
    keep_restored: bool,
) -> Vec<Text> {
    let names = &config.names;
    let mut left = Vec::new();
    if observed
        .snapshot(&names.snapshot)
        .is_some_and(|s| s.status != SnapshotStatus::Deleting)
    {
        left.push(Text::new(msg::LEFTOVER_SNAPSHOT).arg("snapshot", &names.snapshot));
    }
    if observed
        .instance(&names.pitr_instance)
        .is_some_and(|p| p.status != InstanceStatus::Deleting)
    {
        left.push(Text::new(msg::LEFTOVER_INSTANCE).arg("instance", &names.pitr_instance));
    }
    if !keep_restored {
        if observed
            .instance(restored)
            .is_some_and(|r| r.status != InstanceStatus::Deleting)
        {
            left.push(Text::new(msg::LEFTOVER_INSTANCE).arg("instance", restored));
        }
        let host = observed.db_host(&names.container);
        let source_ep = observed
            .instance(&names.instance)
            .and_then(|s| s.endpoint.as_deref());
        if host.is_some() && host != source_ep {
            left.push(
                Text::new(msg::LEFTOVER_BACKEND)
                    .arg("service", &names.service)
                    .arg("instance", &names.instance),
            );
        }
    }
    left
}

/// Instances that look like a restore of the lab's snapshot under another name: cleanup
/// never deletes them (the lab did not make them, and they may be someone's), but names each
/// as likely still costing money, with where to delete it.
#[must_use]
pub fn maybe_left(ctx: &Ctx<'_>) -> Vec<Text> {
    super::restore::restored_elsewhere(ctx)
        .into_iter()
        .map(|i| {
            Text::new(msg::LEFTOVER_MAYBE)
                .arg("instance", &i.id)
                .arg("snapshot", &ctx.config.names.snapshot)
        })
        .collect()
}

/// [`leftovers`] as cleanup counts them: the snapshot it keeps on purpose (it holds the
/// deleted todos, see [`holds_lost_todos`]) is not one it still has to remove.
fn to_remove(ctx: &Ctx<'_>, path: CleanupPath) -> Vec<Text> {
    let mut left = leftovers(
        ctx.observed,
        ctx.config,
        ctx.restored_name(),
        path.keeps_restored(),
    );
    if holds_lost_todos(ctx, path) {
        left.retain(|t| t.id != msg::LEFTOVER_SNAPSHOT.as_str());
    }
    left
}

/// The note that the snapshot stays on `path`, while it does.
fn kept_snapshot(ctx: &Ctx<'_>, path: CleanupPath) -> Option<Text> {
    let name = &ctx.config.names.snapshot;
    (holds_lost_todos(ctx, path) && ctx.observed.snapshot(name).is_some())
        .then(|| Text::new(msg::NOTE_SNAPSHOT_KEPT).arg("snapshot", name))
}

/// Whether, after cleanup on `path`, the lab's snapshot would be all that holds the todos:
/// they were deleted, the app has not served them again since, and no database keeps them
/// (copying back puts them into the original; keeping the restored database keeps them, if
/// it is one that works; going back deletes it).
fn holds_lost_todos(ctx: &Ctx<'_>, path: CleanupPath) -> bool {
    let not_back = ctx.journal.last(Kind::Disaster).is_some_and(|disaster| {
        ctx.journal
            .last(Kind::TodosVerified)
            .is_none_or(|back| back.at < disaster.at)
    });
    not_back
        && match path {
            CleanupPath::CopyBack => false,
            CleanupPath::KeepRestored => ctx.restored().is_none_or(|r| !r.accepts_connections()),
            CleanupPath::GoBack => true,
        }
}

/// What cleanup removes on the chosen path, from what is observed.
fn removal(ctx: &Ctx<'_>, path: CleanupPath) -> Result<Removal, Text> {
    let names = &ctx.config.names;
    let observed = ctx.observed;
    let alive = |id: &str| {
        observed
            .instance(id)
            .filter(|i| i.status != InstanceStatus::Deleting)
    };
    let mut instances = Vec::new();
    let mut switch_back = None;
    let mut copy = None;
    let mut verify = None;
    if !path.keeps_restored() {
        // The service may still use the restored database: it goes back before anything goes.
        let Some(current) = observed.current_task_definition() else {
            return Err(observed.unread(PartId::Service));
        };
        let source = ctx
            .source()
            .filter(|s| s.endpoint.is_some())
            .ok_or_else(|| Text::new(msg::CHECK_SOURCE_MISSING).arg("instance", &names.instance))?;
        let source_ep = source.endpoint.clone().unwrap_or_default();
        if path == CleanupPath::CopyBack && !copied(ctx) {
            copy = Some(copy_back(ctx, current, source)?);
        }
        if path == CleanupPath::CopyBack
            && !ctx
                .journal
                .after_last(Kind::ServedFromSource, Kind::RestoreRequested)
        {
            verify = Some(restored_titles(ctx).unwrap_or_default());
        }
        if current.env(&names.container, DB_HOST) != Some(source_ep.as_str()) {
            switch_back = Some(Switch {
                cluster: names.cluster.clone(),
                service: names.service.clone(),
                container: names.container.clone(),
                base: current.arn.clone(),
                endpoint: source_ep,
            });
        }
        if let Some(r) = alive(ctx.restored_name()) {
            instances.push(r.id.clone());
        }
    }
    if let Some(p) = alive(&names.pitr_instance) {
        instances.push(p.id.clone());
    }
    // The snapshot stays while it is all that holds the deleted todos (a restore that ended
    // in a terminal status, say, and none served them again).
    let snapshot = observed
        .snapshot(&names.snapshot)
        .filter(|s| s.status != SnapshotStatus::Deleting)
        .filter(|_| !holds_lost_todos(ctx, path))
        .map(|s| s.id.clone());
    // A restore carries the source's deletion protection: RDS refuses to delete until it is
    // off.
    let unprotect = instances
        .iter()
        .filter(|id| observed.instance(id).is_some_and(|i| i.deletion_protection))
        .cloned()
        .collect();
    Ok(Removal {
        path,
        copy,
        switch_back,
        verify,
        instances,
        unprotect,
        snapshot,
        dump_family: (path == CleanupPath::CopyBack || dumps_left(ctx))
            .then(|| DUMP_FAMILY.to_owned()),
    })
}

/// Whether a dump & restore ran and no cleanup finished since: its task definitions may still
/// be registered (a copy that failed, then another way chosen; or a run that stopped after its
/// deletions), and every way deregisters them.
fn dumps_left(ctx: &Ctx<'_>) -> bool {
    ctx.journal.after_last(Kind::CopyStarted, Kind::CleanupDone)
}

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    now_wait: Some(msg::STEP_CLEANUP_NOW_WAIT),
    enter: Some(msg::STEP_CLEANUP_ENTER),
    console: Some(msg::STEP_CLEANUP_CONSOLE),
    action: Some(msg::UI_ACTION_CLEANUP),
    ..StepTexts::new(
        msg::STEP_CLEANUP_TITLE,
        msg::STEP_CLEANUP_SHORT,
        msg::STEP_CLEANUP_BODY,
        msg::STEP_CLEANUP_NOW,
    )
};

#[async_trait]
impl Step for Cleanup {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::Cleanup
    }

    /// The three ways, the one that loses nothing first and the one that gives up the
    /// restored data last.
    fn choices(&self) -> &'static [Choice] {
        const WAYS: &[Choice] = &[
            Choice {
                key: Some('k'),
                flag: Some("--keep-restored"),
                label: msg::UI_CLEANUP_KEEP,
                detail: msg::UI_CLEANUP_KEEP_DETAIL,
                sets: Setting::Cleanup(CleanupPath::KeepRestored),
            },
            Choice {
                key: Some('c'),
                flag: Some("--copy-back"),
                label: msg::UI_CLEANUP_COPY,
                detail: msg::UI_CLEANUP_COPY_DETAIL,
                sets: Setting::Cleanup(CleanupPath::CopyBack),
            },
            Choice {
                key: Some('b'),
                flag: None,
                label: msg::UI_CLEANUP_BACK,
                detail: msg::UI_CLEANUP_BACK_DETAIL,
                sets: Setting::Cleanup(CleanupPath::GoBack),
            },
        ];
        WAYS
    }

    /// Nothing is chosen in advance: one way gives up the restored data, one overwrites the
    /// original database's todos, one keeps paying for two instances.
    /// Which database stays, asked only while there is something to delete: with nothing
    /// left either way, the plan says so at once.
    fn ask(&self, ctx: &Ctx<'_>, _options: &Options) -> Option<Ask> {
        let nothing_left = [false, true].into_iter().all(|keep| {
            let path = if keep {
                CleanupPath::KeepRestored
            } else {
                CleanupPath::GoBack
            };
            to_remove(ctx, path).is_empty()
        }) && !dumps_left(ctx);
        if nothing_left {
            return None;
        }
        let names = &ctx.config.names;
        Some(Ask::Choose(Choices {
            title: msg::UI_CLEANUP_TITLE,
            intro: msg::UI_CLEANUP_INTRO,
            args: vec![
                ("restored", ctx.restored_name().into()),
                ("instance", names.instance.as_str().into()),
                ("snapshot", names.snapshot.as_str().into()),
                ("service", names.service.as_str().into()),
            ],
            choices: self.choices(),
            chosen: None,
            none_chosen: Some(msg::UI_CLEANUP_NONE_CHOSEN),
        }))
    }

    /// Going back to the original database changes which todos the app serves.
    fn parts(&self) -> &'static [PartId] {
        &PartId::ALL
    }

    /// With the restored database gone while the backend still uses it, the app answers
    /// 502: going back is the fix, so that failure does not stop it.
    fn plan_parts(&self) -> &'static [PartId] {
        &[PartId::Instances, PartId::Snapshots, PartId::Service]
    }

    fn needs_read(&self) -> &'static [PartId] {
        &[PartId::Snapshots, PartId::Service]
    }

    fn is_optional(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        // The restored database went (or goes) while the backend still uses it: the app is
        // down until the backend is back on the original.
        if let Some(down) = ctx.backend_on_deleted_restore() {
            return Some(Check::diagnosis(StepState::Failed, down));
        }
        let chosen = ctx.journal.cleanup_path();
        let keep = chosen.map(CleanupPath::keeps_restored);
        let keep_restored = keep.unwrap_or_else(|| ctx.backend_on_restored());
        // Before a cleanup the snapshot is one more thing left; after one that kept it on
        // purpose, it is not one to wait for.
        let left = if let Some(path) = chosen {
            to_remove(ctx, path)
        } else {
            leftovers(ctx.observed, ctx.config, ctx.restored_name(), keep_restored)
        };
        let started = ctx.journal.has(Kind::Snapshot) || ctx.journal.has(Kind::RestoreRequested);
        if left.is_empty() {
            if started {
                let mut check = Check::new(
                    StepState::Done,
                    Text::new(match chosen {
                        Some(CleanupPath::CopyBack) => msg::CHECK_CLEANUP_COPIED,
                        // Kept only what there is: without a restored database the
                        // backend never left the original.
                        _ if keep_restored && ctx.restored().is_some() => msg::CHECK_CLEANUP_KEPT,
                        _ => msg::CHECK_CLEANUP_BACK,
                    })
                    .arg("instance", &ctx.config.names.instance),
                );
                let kept = chosen.and_then(|path| kept_snapshot(ctx, path));
                for also in kept.into_iter().chain(maybe_left(ctx)) {
                    check = check.with(also);
                }
                return Some(check);
            }
            return Some(Check::new(
                StepState::Todo,
                Text::new(msg::CHECK_CLEANUP_NOTHING),
            ));
        }
        let state = if keep.is_some() {
            StepState::InProgress
        } else {
            StepState::Todo
        };
        // Dump & restore whose last copy failed needs the learner: nothing was deleted.
        if chosen == Some(CleanupPath::CopyBack)
            && let Some(failed) = last_failed_copy(ctx)
        {
            return Some(Check {
                state: StepState::Failed,
                details: std::iter::once(failed).chain(left).collect(),
                problems: Vec::new(),
            });
        }
        Some(Check {
            state,
            details: left,
            problems: Vec::new(),
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let names = &ctx.config.names;
        let observed = ctx.observed;
        let path = options.cleanup;
        let left = to_remove(ctx, path);
        if left.is_empty() && !dumps_left(ctx) {
            return Ready::AlreadyDone(Text::new(msg::ALREADY_CLEAN));
        }
        // RDS refuses to delete a snapshot while it is being made; nothing is deleted
        // before it is available.
        if let Some(s) = observed
            .snapshot(&names.snapshot)
            .filter(|s| s.status == SnapshotStatus::Creating)
        {
            return Ready::Blocked(
                Text::new(msg::BLOCKED_SNAPSHOT_CREATING)
                    .arg("snapshot", &s.id)
                    .arg("percent", s.percent),
            );
        }
        let removal = match removal(ctx, path) {
            Ok(r) => r,
            Err(text) => return Ready::Blocked(text),
        };
        let mut params = vec![param(
            msg::PARAM_CLEANUP_PATH,
            Text::new(match path {
                CleanupPath::KeepRestored => msg::PARAM_CLEANUP_KEEP,
                CleanupPath::GoBack => msg::PARAM_CLEANUP_BACK,
                CleanupPath::CopyBack => msg::PARAM_CLEANUP_COPY,
            }),
        )];
        let mut commands = Vec::new();
        if let Some(copy) = &removal.copy {
            params.push(param(
                msg::PARAM_COPY_DIRECTION,
                format!("{} → {}", ctx.restored_name(), names.instance),
            ));
            params.push(param(
                msg::PARAM_COPY_OVERWRITES,
                Text::new(msg::PARAM_COPY_OVERWRITES_VALUE).arg("instance", &names.instance),
            ));
            params.push(param(msg::PARAM_COPY_DATABASE, &copy.dump.database));
            params.push(param(
                msg::PARAM_COPY_TASK_DEFINITION,
                format!("{DUMP_FAMILY} ({})", copy.dump.image),
            ));
            commands.push(dump::register_line(&copy.dump));
            // RunTask takes the family: its newest ACTIVE revision, the one just registered.
            // Pasted in order, the lines wait for the copy to end before the switch back.
            commands.extend(cloud::cli::run_task_and_wait(
                &cloud::cli::run_task(&run_request(copy, DUMP_FAMILY, copies_started(ctx.journal))),
                &names.cluster,
            ));
        }
        if let Some(switch) = &removal.switch_back {
            let original = original_revision(ctx).map_or_else(
                || format!("{}:<original>", names.task_family),
                |n| format!("{}:{n}", names.task_family),
            );
            commands.push(cloud::cli::update_service(
                &switch.cluster,
                &switch.service,
                &original,
            ));
            // The restored database goes only once no task uses it any more.
            commands.push(cloud::cli::wait_services_stable(
                &switch.cluster,
                &switch.service,
            ));
            if let Some(current) = observed.current_task_definition() {
                commands.push(cloud::cli::deregister_task_definition(&format!(
                    "{}:{}",
                    current.family, current.revision
                )));
            }
        }
        if removal.verify.is_some() {
            commands.push(cloud::cli::app_url(ctx.config));
            commands.push(cloud::cli::list_todos());
        }
        for id in &removal.unprotect {
            commands.push(cloud::cli::modify_instance(&cloud::InstanceChange {
                instance_id: id.clone(),
                deletion_protection: Some(false),
                ..cloud::InstanceChange::default()
            }));
        }
        for id in &removal.instances {
            commands.push(cloud::cli::delete_instance(id));
        }
        if let Some(snapshot) = &removal.snapshot {
            commands.push(cloud::cli::delete_snapshot(snapshot));
        }
        if removal.dump_family.is_some() {
            commands.push(cloud::cli::deregister_family(DUMP_FAMILY));
            commands.push(cloud::cli::delete_inactive_family(DUMP_FAMILY));
        }
        let mut notes = maybe_left(ctx);
        if let Some(kept) = kept_snapshot(ctx, path) {
            params.push(param(
                msg::PARAM_SNAPSHOT,
                Text::new(msg::VALUE_SNAPSHOT_KEPT).arg("snapshot", &names.snapshot),
            ));
            notes.push(kept);
        }
        if let Some(copy) = &removal.copy {
            notes.push(
                Text::new(msg::NOTE_COPY_OVERWRITES)
                    .arg("instance", &names.instance)
                    .arg("restored", ctx.restored_name()),
            );
            notes.push(Text::new(msg::NOTE_COPY_COST));
            let in_environment = observed
                .current_task_definition()
                .is_some_and(|td| td.env(&names.container, &copy.dump.password_var).is_some());
            notes.push(
                Text::new(msg::NOTE_COPY_CREDENTIALS)
                    .arg(
                        "stored",
                        if in_environment {
                            "environment"
                        } else {
                            "secret"
                        },
                    )
                    .arg("container", &names.container)
                    .arg("backend", names.task_family.clone())
                    .arg("family", DUMP_FAMILY),
            );
            // A risk comes before everything else the plan says.
            if !copy.network.assign_public_ip {
                notes.insert(
                    0,
                    Text::new(msg::NOTE_COPY_NO_PUBLIC_IP)
                        .arg("service", &names.service)
                        .arg("image", copy.dump.image.clone())
                        .arg("restored", ctx.restored_name()),
                );
            }
        }
        if removal.verify.is_some() {
            notes.push(
                Text::new(msg::NOTE_COPY_ORDER)
                    .arg("instance", &names.instance)
                    .arg("restored", ctx.restored_name())
                    .arg("service", &names.service),
            );
        }
        notes.extend(left);
        if !removal.unprotect.is_empty() {
            notes.push(
                Text::new(msg::NOTE_CLEANUP_UNPROTECT)
                    .arg("instances", removal.unprotect.join(", "))
                    .arg("instance", &names.instance),
            );
        }
        if path.keeps_restored() {
            notes.push(
                Text::new(msg::NOTE_CLEANUP_KEEP_COST)
                    .arg("instance", &names.instance)
                    .arg("restored", ctx.restored_name()),
            );
        }
        notes.push(if removal.copy.is_some() {
            Text::new(msg::NOTE_SOURCE_DATA_ONLY).arg("instance", &names.instance)
        } else {
            Text::new(msg::NOTE_SOURCE_UNTOUCHED).arg("instance", &names.instance)
        });
        let word = if path.keeps_restored() {
            names.snapshot.clone()
        } else {
            ctx.restored_name().to_owned()
        };
        Ready::Plan(Plan {
            step: self.id(),
            options: options.clone(),
            request: Request::Cleanup(Box::new(removal)),
            params,
            commands,
            notes,
            confirm: Confirm::Typed(word),
        })
    }

    /// What was removed meanwhile is left out of the fresh plan; anything new is not.
    fn unchanged(&self, confirmed: &Request, fresh: &Request) -> bool {
        match (confirmed, fresh) {
            (Request::Cleanup(confirmed), Request::Cleanup(fresh)) => fresh.within(confirmed),
            _ => false,
        }
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::Cleanup(removal) = request else {
            return Err(wrong_request());
        };
        run.record(EventKind::CleanupChosen { path: removal.path });
        let out = remove(run, removal).await?;
        run.record(EventKind::CleanupDone);
        Ok(out)
    }
}

/// The revision the service ran before the switch onto the restored database: one seen with
/// the original `DB_HOST` and otherwise the same as the current one, else what the journal
/// noted at the switch.
fn original_revision(ctx: &Ctx<'_>) -> Option<u32> {
    let names = &ctx.config.names;
    let current = ctx.observed.current_task_definition()?;
    let source_ep = ctx.source()?.endpoint.as_deref()?;
    ctx.observed
        .task_definitions
        .values()
        .filter(|td| {
            td.status == TaskDefinitionStatus::Active
                && td.env(&names.container, DB_HOST) == Some(source_ep)
                && td.same_except(current, &names.container, DB_HOST)
        })
        .map(|td| td.revision)
        .max()
        .or_else(|| ctx.journal.revision_before_switch())
}

/// Removes what `removal` names: dump & restore's copy first; then the service back (and waits
/// for its rollout, so no task still uses the database that goes); dump & restore checks
/// through the app that the original database serves the restored todos; then the instances
/// and the snapshot, and dump & restore's task definitions.
async fn remove(run: &Run<'_>, removal: &Removal) -> Result<Outcome, ActionError> {
    let (cloud, config) = (run.cloud, run.config);
    let mut out = Vec::new();
    if let Some(copy) = &removal.copy {
        out.extend(copy_data(run, copy).await?);
    }
    if let Some(switch) = &removal.switch_back {
        let since = cloud.now();
        let (original, left, _) = switch_to(run, switch).await?;
        out.push(
            Text::new(msg::DONE_SERVICE_UPDATED)
                .arg("service", &switch.service)
                .arg("revision", original.revision),
        );
        if !wait_for_rollout(cloud, config, &original.arn, since, run.progress).await? {
            return Err(ActionError::Blocked(Text::new(msg::BLOCKED_ROLLOUT_SLOW)));
        }
        if left.status == TaskDefinitionStatus::Active {
            cloud.deregister_task_definition(&left.arn).await?;
            out.push(Text::new(msg::DONE_REVISION_DEREGISTERED).arg("revision", left.revision));
        }
    }
    let restored = run.restored_name();
    if let Some(expected) = &removal.verify {
        out.push(served_from_source(run, expected).await?);
    }
    for id in &removal.instances {
        // Tasks may still use it (old ones of a rollout back that another attempt started, or
        // a service pointed at it in the console): it goes only once none does.
        if let Some(endpoint) = endpoint_of(run, id).await? {
            wait_until_unused(cloud, config, id, &endpoint, run.progress).await?;
        }
        if removal.unprotect.contains(id) {
            unprotect_instance(cloud, config, &restored, id).await?;
            out.push(Text::new(msg::DONE_INSTANCE_UNPROTECTED).arg("instance", id.clone()));
        }
        delete_instance(cloud, config, &restored, id).await?;
        out.push(Text::new(msg::DONE_INSTANCE_DELETED).arg("instance", id.clone()));
    }
    if let Some(snapshot) = &removal.snapshot {
        match cloud.delete_snapshot(snapshot).await {
            Ok(())
            | Err(CloudError {
                kind: ErrorKind::NotFound,
                ..
            }) => {}
            Err(e) => return Err(e.into()),
        }
        out.push(Text::new(msg::DONE_SNAPSHOT_DELETED).arg("snapshot", snapshot.clone()));
    }
    if let Some(family) = &removal.dump_family {
        for arn in cloud.active_revisions(family).await? {
            match cloud.deregister_task_definition(&arn).await {
                Ok(())
                | Err(CloudError {
                    kind: ErrorKind::NotFound,
                    ..
                }) => {}
                Err(e) => return Err(e.into()),
            }
            out.push(
                Text::new(msg::DONE_DUMP_DEREGISTERED)
                    .arg("family", family.clone())
                    .arg("revision", cloud::revision_of(&arn).unwrap_or(0)),
            );
        }
        out.extend(delete_dump_revisions(cloud, family).await?);
    }
    Ok(out)
}

/// Deletes the family's deregistered revisions for good: a deregistered revision can still be
/// described, and its environment holds the backend's password when the backend keeps it
/// there. A role that may not delete them (DeleteTaskDefinitions denied) is told, with the
/// command to run where it may; the rest of the cleanup stands.
async fn delete_dump_revisions(
    cloud: &dyn cloud::Cloud,
    family: &str,
) -> Result<Outcome, ActionError> {
    let inactive = cloud.inactive_revisions(family).await?;
    let mut out = Vec::new();
    for batch in inactive.chunks(cloud::DELETE_TASK_DEFINITIONS_MAX) {
        let revisions = batch
            .iter()
            .map(|arn| cloud::revision_of(arn).unwrap_or(0).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        match cloud.delete_task_definitions(batch).await {
            Ok(()) => out.push(
                Text::new(msg::DONE_DUMP_DELETED)
                    .arg("family", family.to_owned())
                    .arg("count", batch.len())
                    .arg("revisions", revisions),
            ),
            Err(e) if e.kind == ErrorKind::AccessDenied => {
                out.push(
                    Text::new(msg::DONE_DUMP_DELETE_DENIED)
                        .arg("family", family.to_owned())
                        .arg("count", batch.len())
                        .arg("revisions", revisions)
                        .arg("cli", cloud::cli::delete_task_definitions(&inactive)),
                );
                break;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// The endpoint of instance `id`: as the look before the action saw it, else as RDS shows it
/// now (`None`: it has none, so no task reaches it).
async fn endpoint_of(run: &Run<'_>, id: &str) -> Result<Option<String>, ActionError> {
    if let Some(endpoint) = run.observed.instance(id).and_then(|i| i.endpoint.clone()) {
        return Ok(Some(endpoint));
    }
    Ok(run
        .cloud
        .describe_instances()
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .and_then(|i| i.endpoint))
}
