//! Bonus: a point-in-time restore of the learner's database to a moment just before the
//! todos were deleted (the journal knows when), and the RPO that restore achieved beside the
//! RPO of the manual snapshot.
//!
//! The restore point is chosen, not taken from the clock: [`MARGIN_S`] before the deletion
//! began, but never before the journal saw the full list. While the latest restorable time
//! has not reached that point yet (the transaction logs reach the backup about every five
//! minutes) the plan says so and waits instead of restoring to a moment that lacks the todos,
//! and it never restores to a moment after the deletion.

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};

use super::restore::{
    ended, extended_support_note, placement_params, restore_outcome, settings, unknown_status,
};
use super::{Ctx, Step, source_missing, wrong_request, yes_no};
use crate::cloud::{self, InstanceStatus, PitrRequest, SnapshotKind};
use crate::lab::act::{ActionError, Outcome, Run, untagged_if_denied};
use crate::lab::journal::{Event, EventKind, Journal, Kind};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, param};
use crate::lab::{Check, Duration, StepId, StepState, Text};

pub struct Pitr;

/// How long before the deletion the restore point lies: enough for a local clock a little
/// off the cloud's, and for the deletion of the first todo a moment before it was noticed.
pub const MARGIN_S: i64 = 60;

/// Where the bonus restore goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aim {
    /// No deletion noted yet: the latest restorable time, the newest state there is.
    Latest,
    /// Just before the deletion, when the list still held `todos` todos.
    BeforeDisaster {
        point: Timestamp,
        disaster: Timestamp,
        todos: usize,
    },
}

/// The restore point the journal calls for.
#[must_use]
pub fn aim(journal: &Journal) -> Aim {
    let Some(disaster) = journal.last(Kind::Disaster).map(|e| e.at) else {
        return Aim::Latest;
    };
    // The list as last seen before the deletion, and since when it was that list.
    let before = journal.events().iter().rev().find_map(|e| match &e.kind {
        EventKind::Todos { todos } if e.at < disaster => Some((e.at, todos.len())),
        _ => None,
    });
    let margin = disaster
        .checked_sub(SignedDuration::from_secs(MARGIN_S))
        .unwrap_or(disaster);
    let latest_safe = disaster
        .checked_sub(SignedDuration::from_secs(1))
        .unwrap_or(disaster);
    let point = before
        .map_or(margin, |(seen, _)| margin.max(seen))
        .min(latest_safe);
    let todos = match journal.last(Kind::Disaster).map(|e| &e.kind) {
        Some(EventKind::Disaster { lost }) if !lost.is_empty() => lost.len(),
        _ => before.map_or(0, |(_, n)| n),
    };
    Aim::BeforeDisaster {
        point,
        disaster,
        todos,
    }
}

/// What the point-in-time restore achieved, from the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PitrFigures {
    /// The moment the restore holds.
    pub restored_to: Timestamp,
    /// The deletion it recovers from, if the journal noted one before the request.
    pub disaster: Option<Timestamp>,
    /// Data lost: from the restore point to the deletion (or to the request, without one).
    pub rpo_seconds: i64,
}

/// The figures of the latest point-in-time restore.
#[must_use]
pub fn pitr_figures(journal: &Journal) -> Option<PitrFigures> {
    let (requested, restored_to) = journal.events().iter().rev().find_map(|e| match &e.kind {
        EventKind::PitrRequested {
            restored_to: Some(point),
            ..
        } => Some((e, *point)),
        _ => None,
    })?;
    let disaster = disaster_covered(journal, requested, restored_to);
    let end = disaster.unwrap_or(requested.at);
    Some(PitrFigures {
        restored_to,
        disaster,
        rpo_seconds: (end.as_second() - restored_to.as_second()).max(0),
    })
}

/// The latest deletion before the request that the restore point lies before.
fn disaster_covered(journal: &Journal, requested: &Event, point: Timestamp) -> Option<Timestamp> {
    journal
        .events()
        .iter()
        .rev()
        .filter(|e| e.kind.kind() == Kind::Disaster && e.at <= requested.at && e.at > point)
        .map(|e| e.at)
        .next()
}

/// How much the point-in-time restore lost: its RPO.
#[must_use]
pub fn pitr_rpo(journal: &Journal) -> Option<i64> {
    pitr_figures(journal).map(|f| f.rpo_seconds)
}

/// The oldest moment the source can be restored to: the start of its oldest automated
/// backup (RDS's EarliestRestorableTime), when one is seen.
fn earliest_restorable(ctx: &Ctx<'_>) -> Option<Timestamp> {
    ctx.observed
        .snapshots
        .value
        .iter()
        .flatten()
        .filter(|s| {
            s.kind == SnapshotKind::Automated
                && s.instance_id == ctx.config.names.instance
                && s.is_available()
        })
        .filter_map(|s| s.created)
        .min()
}

#[async_trait]
impl Step for Pitr {
    fn id(&self) -> StepId {
        StepId::Pitr
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Instances, PartId::Snapshots]
    }

    fn is_optional(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        let names = &ctx.config.names;
        Some(match ctx.observed.instance(&names.pitr_instance) {
            Some(p) if p.is_available() => available_check(ctx, &p.id),
            Some(p) if p.status == InstanceStatus::Deleting => Check::new(
                StepState::Done,
                Text::new("check-restore-deleting").arg("restored", &p.id),
            ),
            Some(p) => {
                if let Some(problem) = ended(ctx, p, &names.instance) {
                    Check::diagnosis(StepState::Failed, problem)
                } else if let Some(check) = unknown_status(ctx, p) {
                    check
                } else {
                    Check::new(
                        StepState::InProgress,
                        Text::new("check-restore-progress")
                            .arg("status", &p.status)
                            .arg("elapsed", ctx.running_for(&p.id, p.created)),
                    )
                }
            }
            None if ctx.journal.has(Kind::PitrAvailable) => Check::new(
                StepState::Done,
                Text::new("check-restore-removed").arg("restored", &names.pitr_instance),
            ),
            None if ctx.source().is_some_and(|s| s.retention_days == 0) => {
                Check::new(StepState::Todo, Text::new("check-pitr-needs-backups"))
            }
            None => {
                let check = Check::new(
                    StepState::Todo,
                    Text::new("check-pitr-missing").arg("pitr", &names.pitr_instance),
                );
                match aim(ctx.journal) {
                    Aim::BeforeDisaster {
                        point, disaster, ..
                    } => check.with(
                        Text::new("check-pitr-aim")
                            .arg("point", clock(ctx, point))
                            .arg("disaster", clock(ctx, disaster)),
                    ),
                    Aim::Latest => check,
                }
            }
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let config = ctx.config;
        let names = &config.names;
        if let Some(p) = ctx.observed.instance(&names.pitr_instance) {
            if p.status.is_terminal() {
                return Ready::Blocked(
                    Text::new("blocked-restore-ended")
                        .arg("restored", &p.id)
                        .arg("status", &p.status),
                );
            }
            return Ready::AlreadyDone(
                Text::new("already-instance")
                    .arg("instance", &p.id)
                    .arg("status", &p.status),
            );
        }
        let Some(src) = ctx.source() else {
            return source_missing(ctx);
        };
        let Some(latest) = src.latest_restorable else {
            return Ready::Blocked(Text::new("check-pitr-needs-backups"));
        };
        let tz = config.timezone();
        let moment = |t: Timestamp| crate::format::moment(t, &tz);
        let aim = aim(ctx.journal);
        let (point, point_value, point_note) = match aim {
            Aim::Latest => (
                latest,
                Text::new("value-restore-latest").arg("time", moment(latest)),
                Text::new("note-pitr-point"),
            ),
            Aim::BeforeDisaster {
                point,
                disaster,
                todos,
            } => {
                if let Some(earliest) = earliest_restorable(ctx).filter(|e| point < *e) {
                    return Ready::Blocked(
                        Text::new("blocked-pitr-before-backups")
                            .arg("instance", &src.id)
                            .arg("disaster", clock(ctx, disaster))
                            .arg("earliest", clock(ctx, earliest)),
                    );
                }
                if point > latest {
                    return Ready::Blocked(
                        Text::new("blocked-pitr-logs-behind")
                            .arg("instance", &src.id)
                            .arg("disaster", clock(ctx, disaster))
                            .arg("point", clock(ctx, point))
                            .arg("latest", clock(ctx, latest))
                            .arg(
                                "behind",
                                Duration::seconds(point.as_second() - latest.as_second()),
                            ),
                    );
                }
                (
                    point,
                    Text::new("value-restore-before")
                        .arg("time", moment(point))
                        .arg(
                            "before",
                            Duration::seconds(disaster.as_second() - point.as_second()),
                        ),
                    Text::new("note-pitr-point-before")
                        .arg("disaster", clock(ctx, disaster))
                        .arg("count", todos),
                )
            }
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
            param("param-restore-time", point_value),
        ];
        if let Aim::BeforeDisaster { disaster, .. } = aim {
            params.push(param("param-todos-deleted-at", moment(disaster)));
        }
        let read = ctx.observed.instances.updated.unwrap_or(ctx.now);
        params.push(param(
            "param-latest-restorable",
            Text::new("value-latest-restorable")
                .arg("time", clock(ctx, latest))
                .arg("read", clock(ctx, read)),
        ));
        params.extend(placement_params(&request.settings, src));
        let notes = [point_note, Text::new("note-pitr-cost")]
            .into_iter()
            .chain(extended_support_note(&request.settings, src, ctx.now))
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

/// `14:03:05` in the learner's zone.
fn clock(ctx: &Ctx<'_>, at: Timestamp) -> String {
    crate::format::clock(at, &ctx.config.timezone())
}

/// The check once the point-in-time restore is available: which moment it holds, what is
/// inside (the simulation looks; on AWS the journal tells what the app showed then) and its
/// RPO beside the snapshot's.
fn available_check(ctx: &Ctx<'_>, pitr: &str) -> Check {
    let figures = pitr_figures(ctx.journal);
    let head = match figures {
        Some(PitrFigures {
            restored_to,
            disaster: Some(disaster),
            ..
        }) => Text::new("check-pitr-restored-before")
            .arg("pitr", pitr)
            .arg("point", clock(ctx, restored_to))
            .arg(
                "before",
                Duration::seconds(disaster.as_second() - restored_to.as_second()),
            ),
        Some(f) => Text::new("check-pitr-restored-latest")
            .arg("pitr", pitr)
            .arg("point", clock(ctx, f.restored_to)),
        None => Text::new("check-pitr-available").arg("pitr", pitr),
    };
    let mut check = Check::new(StepState::Done, head);
    let expected = figures
        .and_then(|f| ctx.journal.todos_at(f.restored_to))
        .map_or(0, Vec::len);
    match &ctx.observed.pitr_todos {
        Some(todos) if !todos.is_empty() => {
            let titles: Vec<&str> = todos.iter().map(|t| t.title.as_str()).collect();
            check = check.with(
                Text::new("check-pitr-holds")
                    .arg("pitr", pitr)
                    .arg("count", todos.len())
                    .arg("titles", titles.join(", ")),
            );
        }
        Some(_) if figures.is_some_and(|f| f.disaster.is_some()) => {
            check.state = StepState::Failed;
            check = check.with(Text::new("check-pitr-holds-none").arg("pitr", pitr));
        }
        Some(_) => {
            check = check.with(Text::new("check-pitr-holds-none").arg("pitr", pitr));
        }
        None => {
            if let Some(f) = figures {
                check = check.with(
                    Text::new("check-pitr-not-looked")
                        .arg("pitr", pitr)
                        .arg("restored", &ctx.config.names.restored_instance)
                        .arg("count", expected)
                        .arg("point", clock(ctx, f.restored_to)),
                );
            }
        }
    }
    match figures {
        Some(f) if f.disaster.is_some() => {
            let snapshot =
                crate::lab::recovery::measure(ctx.journal, ctx.observed, ctx.config, ctx.now)
                    .achieved_rpo
                    .map(|a| a.seconds);
            if let Some(snapshot_rpo) = snapshot {
                check = check.with(
                    Text::new("check-pitr-compare")
                        .arg("snapshot", &ctx.config.names.snapshot)
                        .arg("snapshot_rpo", Duration::seconds(snapshot_rpo))
                        .arg("pitr_rpo", Duration::seconds(f.rpo_seconds)),
                );
            }
        }
        Some(f) => {
            check = check
                .with(Text::new("check-pitr-rpo").arg("rpo", Duration::seconds(f.rpo_seconds)));
        }
        None => {}
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).expect("time")
    }

    fn journal(list_seen: i64, deleted: i64) -> Journal {
        let mut j = Journal::in_memory();
        let todos = (1..=5)
            .map(|n| (crate::cloud::TodoId::from(n), format!("todo {n}")))
            .collect();
        j.record(at(list_seen), at(list_seen), EventKind::Todos { todos });
        let lost = (1..=5).map(|n| format!("todo {n}")).collect();
        j.record(at(deleted), at(deleted), EventKind::Disaster { lost });
        j
    }

    #[test]
    fn the_restore_point_lies_a_minute_before_the_deletion() {
        assert_eq!(
            aim(&journal(0, 600)),
            Aim::BeforeDisaster {
                point: at(600 - MARGIN_S),
                disaster: at(600),
                todos: 5
            }
        );
    }

    #[test]
    fn the_restore_point_is_never_before_the_full_list_nor_at_the_deletion() {
        // The list was complete only 20 s before it was deleted.
        let Aim::BeforeDisaster { point, .. } = aim(&journal(580, 600)) else {
            panic!("a deletion is noted");
        };
        assert_eq!(point, at(580));
        let Aim::BeforeDisaster { point, .. } = aim(&journal(600, 600)) else {
            panic!("a deletion is noted");
        };
        assert!(point < at(600), "never the second of the deletion");
        assert_eq!(aim(&Journal::in_memory()), Aim::Latest);
    }
}
