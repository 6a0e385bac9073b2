//! Bonus: what costs money goes. Two paths: keep the restored database (the service stays on
//! it) or go back to the learner's original one. The original is never touched.

use async_trait::async_trait;

use super::switch_backend::switch_to;
use super::{Ctx, Step, wrong_request};
use crate::cloud::{
    self, CloudError, DB_HOST, ErrorKind, InstanceStatus, SnapshotStatus, TaskDefinitionStatus,
};
use crate::config::Config;
use crate::lab::act::{ActionError, Outcome, Run, delete_instance, wait_for_rollout};
use crate::lab::journal::{EventKind, Kind};
use crate::lab::observe::{Observed, PartId};
use crate::lab::plan::{Confirm, Options, Plan, Ready, Removal, Request, Switch};
use crate::lab::{Check, StepId, StepState, Text};

pub struct Cleanup;

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

/// What still exists (and costs money) that cleanup would remove, for the chosen path.
#[must_use]
pub fn leftovers(observed: &Observed, config: &Config, keep_restored: bool) -> Vec<Text> {
    let names = &config.names;
    let mut left = Vec::new();
    if observed
        .snapshot(&names.snapshot)
        .is_some_and(|s| s.status != SnapshotStatus::Deleting)
    {
        left.push(Text::new("leftover-snapshot").arg("snapshot", &names.snapshot));
    }
    if observed
        .instance(&names.pitr_instance)
        .is_some_and(|p| p.status != InstanceStatus::Deleting)
    {
        left.push(Text::new("leftover-instance").arg("instance", &names.pitr_instance));
    }
    if !keep_restored {
        if observed
            .instance(&names.restored_instance)
            .is_some_and(|r| r.status != InstanceStatus::Deleting)
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

/// What cleanup removes on the chosen path, from what is observed.
fn removal(ctx: &Ctx<'_>, keep_restored: bool) -> Result<Removal, Text> {
    let names = &ctx.config.names;
    let observed = ctx.observed;
    let alive = |id: &str| {
        observed
            .instance(id)
            .filter(|i| i.status != InstanceStatus::Deleting)
    };
    let mut instances = Vec::new();
    let mut switch_back = None;
    if !keep_restored {
        // The service may still use the restored database: it goes back before anything goes.
        let Some(current) = observed.current_task_definition() else {
            return Err(Text::new("check-not-read-yet"));
        };
        {
            let source_ep = ctx
                .source()
                .and_then(|s| s.endpoint.clone())
                .ok_or_else(|| {
                    Text::new("check-source-missing").arg("instance", &names.instance)
                })?;
            if current.env(&names.container, DB_HOST) != Some(source_ep.as_str()) {
                switch_back = Some(Switch {
                    cluster: names.cluster.clone(),
                    service: names.service.clone(),
                    container: names.container.clone(),
                    base: current.arn.clone(),
                    endpoint: source_ep,
                });
            }
        }
        if let Some(r) = alive(&names.restored_instance) {
            instances.push(r.id.clone());
        }
    }
    if let Some(p) = alive(&names.pitr_instance) {
        instances.push(p.id.clone());
    }
    let snapshot = observed
        .snapshot(&names.snapshot)
        .filter(|s| s.status != SnapshotStatus::Deleting)
        .map(|s| s.id.clone());
    Ok(Removal {
        keep_restored,
        switch_back,
        instances,
        snapshot,
    })
}

#[async_trait]
impl Step for Cleanup {
    fn id(&self) -> StepId {
        StepId::Cleanup
    }

    /// Going back to the original database changes which todos the app serves.
    fn parts(&self) -> &'static [PartId] {
        &PartId::ALL
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
        let keep = ctx.journal.last(Kind::CleanupChosen).map(|e| {
            matches!(
                e.kind,
                EventKind::CleanupChosen {
                    keep_restored: true
                }
            )
        });
        let keep_restored = keep.unwrap_or_else(|| ctx.backend_on_restored());
        let left = leftovers(ctx.observed, ctx.config, keep_restored);
        let started = ctx.journal.has(Kind::Snapshot) || ctx.journal.has(Kind::RestoreRequested);
        if left.is_empty() {
            if started {
                return Some(Check::new(
                    StepState::Done,
                    Text::new(if keep_restored {
                        "check-cleanup-kept"
                    } else {
                        "check-cleanup-back"
                    }),
                ));
            }
            return Some(Check::new(
                StepState::Todo,
                Text::new("check-cleanup-nothing"),
            ));
        }
        let state = if keep.is_some() {
            StepState::InProgress
        } else {
            StepState::Todo
        };
        Some(Check {
            state,
            details: left,
            problems: Vec::new(),
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let names = &ctx.config.names;
        let observed = ctx.observed;
        let left = leftovers(observed, ctx.config, options.keep_restored);
        if left.is_empty() {
            return Ready::AlreadyDone(Text::new("already-clean"));
        }
        // RDS refuses to delete a snapshot while it is being made; nothing is deleted
        // before it is available.
        if let Some(s) = observed
            .snapshot(&names.snapshot)
            .filter(|s| s.status == SnapshotStatus::Creating)
        {
            return Ready::Blocked(
                Text::new("blocked-snapshot-creating")
                    .arg("snapshot", &s.id)
                    .arg("percent", s.percent),
            );
        }
        let removal = match removal(ctx, options.keep_restored) {
            Ok(r) => r,
            Err(text) => return Ready::Blocked(text),
        };
        let mut commands = Vec::new();
        if !options.keep_restored {
            commands.push(cloud::cli::update_service(
                &names.cluster,
                &names.service,
                &format!("{}:<original>", names.task_family),
            ));
            commands.push(cloud::cli::delete_instance(&names.restored_instance));
        }
        if observed.instance(&names.pitr_instance).is_some() {
            commands.push(cloud::cli::delete_instance(&names.pitr_instance));
        }
        commands.push(cloud::cli::delete_snapshot(&names.snapshot));
        let (word, path) = if options.keep_restored {
            (names.snapshot.clone(), "param-cleanup-keep")
        } else {
            (names.restored_instance.clone(), "param-cleanup-back")
        };
        Ready::Plan(Plan {
            step: self.id(),
            options: options.clone(),
            request: Request::Cleanup(removal),
            params: vec![(Text::new("param-cleanup-path"), Text::new(path).into())],
            commands,
            notes: left
                .into_iter()
                .chain([Text::new("note-source-untouched").arg("instance", &names.instance)])
                .collect(),
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
        run.record(EventKind::CleanupChosen {
            keep_restored: removal.keep_restored,
        });
        let out = remove(run, removal).await?;
        run.record(EventKind::CleanupDone);
        Ok(out)
    }
}

/// Removes what `removal` names: the service back first (and waits for its rollout, so no
/// task still uses the database that goes), then the instances and the snapshot.
async fn remove(run: &Run<'_>, removal: &Removal) -> Result<Outcome, ActionError> {
    let (cloud, config) = (run.cloud, run.config);
    let mut out = Vec::new();
    if let Some(switch) = &removal.switch_back {
        let (original, left, _) = switch_to(run, switch).await?;
        out.push(
            Text::new("done-service-updated")
                .arg("service", &switch.service)
                .arg("revision", original.revision),
        );
        if !wait_for_rollout(cloud, config, run.progress).await? {
            return Err(ActionError::Blocked(Text::new("blocked-rollout-slow")));
        }
        if left.status == TaskDefinitionStatus::Active {
            cloud.deregister_task_definition(&left.arn).await?;
            out.push(Text::new("done-revision-deregistered").arg("revision", left.revision));
        }
    }
    for id in &removal.instances {
        delete_instance(cloud, config, id).await?;
        out.push(Text::new("done-instance-deleted").arg("instance", id.clone()));
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
        out.push(Text::new("done-snapshot-deleted").arg("snapshot", snapshot.clone()));
    }
    Ok(out)
}
