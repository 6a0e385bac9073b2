//! Bonus: a point-in-time restore of the learner's database to its latest restorable time,
//! and the RPO that restore achieved.

use async_trait::async_trait;

use super::restore::{extended_support_note, placement_params, restore_outcome, settings};
use super::{Ctx, Step, source_missing, wrong_request, yes_no};
use crate::cloud::{self, InstanceStatus, PitrRequest};
use crate::lab::act::{ActionError, Outcome, Run, untagged_if_denied};
use crate::lab::journal::{EventKind, Journal, Kind};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, param};
use crate::lab::{Check, Duration, StepId, StepState, Text};

pub struct Pitr;

/// How far behind the request the point-in-time restore went: its RPO.
#[must_use]
pub fn pitr_rpo(journal: &Journal) -> Option<i64> {
    journal.events().iter().rev().find_map(|e| match &e.kind {
        EventKind::PitrRequested {
            restored_to: Some(point),
            ..
        } => Some((e.at.as_second() - point.as_second()).max(0)),
        _ => None,
    })
}

#[async_trait]
impl Step for Pitr {
    fn id(&self) -> StepId {
        StepId::Pitr
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Instances]
    }

    fn is_optional(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        let names = &ctx.config.names;
        Some(match ctx.observed.instance(&names.pitr_instance) {
            Some(p) if p.is_available() => {
                let check = Check::new(
                    StepState::Done,
                    Text::new("check-pitr-available").arg("pitr", &p.id),
                );
                match pitr_rpo(ctx.journal) {
                    Some(seconds) => check
                        .with(Text::new("check-pitr-rpo").arg("rpo", Duration::seconds(seconds))),
                    None => check,
                }
            }
            Some(p) if p.status == InstanceStatus::Deleting => Check::new(
                StepState::Done,
                Text::new("check-restore-deleting").arg("restored", &p.id),
            ),
            Some(p) => Check::new(
                StepState::InProgress,
                Text::new("check-restore-progress")
                    .arg("status", &p.status)
                    .arg("elapsed", ctx.running_for(&p.id, p.created)),
            ),
            None if ctx.journal.has(Kind::PitrAvailable) => Check::new(
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
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let config = ctx.config;
        let names = &config.names;
        if let Some(p) = ctx.observed.instance(&names.pitr_instance) {
            return Ready::AlreadyDone(
                Text::new("already-instance")
                    .arg("instance", &p.id)
                    .arg("status", &p.status),
            );
        }
        let Some(src) = ctx.source() else {
            return source_missing(ctx);
        };
        let Some(point) = src.latest_restorable else {
            return Ready::Blocked(Text::new("check-pitr-needs-backups"));
        };
        let request = PitrRequest {
            source_id: src.id.clone(),
            target_id: names.pitr_instance.clone(),
            restore_time: Some(point),
            settings: settings(config, src, false, &src.id),
        };
        let mut params = vec![
            param("param-source", &request.source_id),
            param("param-new-instance", &request.target_id),
            param(
                "param-restore-time",
                crate::format::moment(point, &config.timezone()),
            ),
        ];
        params.extend(placement_params(&request.settings, src));
        let notes = [Text::new("note-pitr-cost")]
            .into_iter()
            .chain(extended_support_note(&request.settings, src, ctx.now))
            .chain([Text::new("note-pitr-point")])
            .collect();
        let command = cloud::cli::restore_pitr(&request);
        yes_no(
            self.id(),
            options,
            Request::Pitr(Box::new(request)),
            params,
            vec![command],
            notes,
        )
    }

    /// The latest restorable time moves on every few minutes: the confirmed point is still
    /// the plan while it is restorable (not after the latest restorable time).
    fn unchanged(&self, confirmed: &Request, fresh: &Request) -> bool {
        let (Request::Pitr(confirmed), Request::Pitr(fresh)) = (confirmed, fresh) else {
            return false;
        };
        let restorable = match (confirmed.restore_time, fresh.restore_time) {
            (Some(point), Some(latest)) => point <= latest,
            _ => false,
        };
        restorable
            && PitrRequest {
                restore_time: fresh.restore_time,
                ..(**confirmed).clone()
            } == **fresh
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::Pitr(request) = request else {
            return Err(wrong_request());
        };
        let cloud = run.cloud;
        let requested = cloud.now();
        let result = untagged_if_denied(
            (**request).clone(),
            |r| &mut r.settings.tags,
            |r| async move { cloud.restore_to_point_in_time(&r).await },
            run.progress,
        )
        .await;
        restore_outcome(result, &request.target_id, requested, run, |instance| {
            EventKind::PitrRequested {
                instance,
                restored_to: request.restore_time,
            }
        })
    }
}
