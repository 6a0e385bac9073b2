//! A manual snapshot of the learner's database, taken before the disaster.

use async_trait::async_trait;

use super::{Ctx, Step, instance_busy, source_missing, wrong_request, yes_no};
use crate::cloud::{self, ErrorKind, SnapshotRequest, SnapshotStatus};
use crate::lab::act::{ActionError, Outcome, Run, untagged_if_denied};
use crate::lab::journal::{EventKind, Kind};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, param};
use crate::lab::{Check, StepId, StepState, Text};

pub struct Snapshot;

#[async_trait]
impl Step for Snapshot {
    fn id(&self) -> StepId {
        StepId::Snapshot
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Instances, PartId::Snapshots]
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        let names = &ctx.config.names;
        Some(match ctx.observed.snapshot(&names.snapshot) {
            Some(s) if s.is_available() => Check::new(
                StepState::Done,
                Text::new("check-snapshot-available")
                    .arg("snapshot", &s.id)
                    .arg("age", ctx.ago(s.created)),
            ),
            Some(s) if s.status == SnapshotStatus::Creating => Check::new(
                StepState::InProgress,
                Text::new("check-snapshot-creating")
                    .arg("percent", s.percent)
                    .arg("elapsed", ctx.running_for(&s.id, s.created)),
            ),
            Some(s) if s.status == SnapshotStatus::Deleting => Check::new(
                StepState::Done,
                Text::new("check-snapshot-deleting").arg("snapshot", &s.id),
            ),
            Some(s) => Check::new(
                StepState::Failed,
                Text::new("check-snapshot-status")
                    .arg("snapshot", &s.id)
                    .arg("status", &s.status),
            ),
            None if ctx.journal.has(Kind::Snapshot) => Check::new(
                StepState::Done,
                Text::new("check-snapshot-gone").arg("snapshot", &names.snapshot),
            ),
            None => Check::new(
                StepState::Todo,
                Text::new("check-snapshot-missing").arg("snapshot", &names.snapshot),
            ),
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let names = &ctx.config.names;
        if let Some(s) = ctx.observed.snapshot(&names.snapshot) {
            return Ready::AlreadyDone(
                Text::new("already-snapshot")
                    .arg("snapshot", &s.id)
                    .arg("status", &s.status),
            );
        }
        if ctx.is_done(self.id()) {
            return Ready::AlreadyDone(
                Text::new("check-snapshot-gone").arg("snapshot", &names.snapshot),
            );
        }
        let Some(src) = ctx.source() else {
            return source_missing(ctx);
        };
        if !src.is_available() {
            return instance_busy(src);
        }
        let request = SnapshotRequest {
            instance_id: names.instance.clone(),
            snapshot_id: names.snapshot.clone(),
            tags: cloud::tool_tags(),
        };
        yes_no(
            self.id(),
            options,
            Request::Snapshot(request.clone()),
            vec![
                param("param-instance", &src.id),
                param("param-snapshot", &names.snapshot),
            ],
            vec![cloud::cli::create_snapshot(&request)],
            vec![Text::new("note-snapshot-cost")],
        )
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::Snapshot(request) = request else {
            return Err(wrong_request());
        };
        let cloud = run.cloud;
        match untagged_if_denied(
            request.clone(),
            |r| &mut r.tags,
            |r| async move { cloud.create_snapshot(&r).await },
            run.progress,
        )
        .await
        {
            Ok(s) => {
                run.record(EventKind::SnapshotRequested { id: s.id.clone() });
                Ok(vec![Text::new("done-snapshot").arg("snapshot", s.id)])
            }
            Err(e) if e.kind == ErrorKind::AlreadyExists => Ok(vec![
                Text::new("already-snapshot")
                    .arg("snapshot", &request.snapshot_id)
                    .arg("status", "?"),
            ]),
            Err(e) => Err(e.into()),
        }
    }
}
