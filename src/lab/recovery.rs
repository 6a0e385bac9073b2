//! RPO and RTO from the journal and the observed state: the live RPO (time since the newest
//! recovery point), the RPO this run achieved (data lost between the recovery point used and
//! the disaster, with the lost todos named) and the RTO (disaster until the app serves the
//! todos again, in phases). All arithmetic clamps at zero.
//!
//! Dump & restore (the cleanup path that copies the restored data back) has an RTO of its
//! own: until the app serves the todos from the original database. It counts what that path
//! needs (until the restore, the restore, the copy, the way back), not the time the app ran
//! on the restored database in between.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Observed;
use super::journal::{EventKind, Journal, Kind};
use crate::config::Config;
use crate::i18n::Id;
use crate::msg;

/// Where the newest recovery point comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PointKind {
    /// The manual snapshot.
    Snapshot,
    /// Automated backups: LatestRestorableTime.
    PointInTime,
    /// An automated daily snapshot.
    AutomatedSnapshot,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveRpo {
    pub seconds: i64,
    pub point: Timestamp,
    pub kind: PointKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AchievedRpo {
    pub seconds: i64,
    pub point: Timestamp,
    pub disaster: Timestamp,
    /// Todos that existed at the disaster but not in the recovery point.
    pub lost: Vec<String>,
}

/// Who a phase of the recovery waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Actor {
    /// The learner: reading, deciding, pressing Enter.
    You,
    /// AWS: a restore or a rollout running.
    Aws,
}

/// A phase of the recovery, with its length so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: String,
    pub seconds: i64,
    pub complete: bool,
    pub actor: Actor,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rto {
    /// The sum of the phases.
    pub seconds: i64,
    pub complete: bool,
    pub phases: Vec<Phase>,
    /// When service came back (or now, while it runs), on the cloud's clock.
    pub until: Timestamp,
}

impl Rto {
    /// The part of the RTO spent waiting for `actor`.
    #[must_use]
    pub fn seconds_of(&self, actor: Actor) -> i64 {
        self.phases
            .iter()
            .filter(|p| p.actor == actor)
            .map(|p| p.seconds)
            .sum()
    }

    /// Whether a phase of `actor` is running now.
    #[must_use]
    pub fn running(&self, actor: Actor) -> bool {
        self.phases.iter().any(|p| p.actor == actor && !p.complete)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    pub live_rpo: Option<LiveRpo>,
    pub achieved_rpo: Option<AchievedRpo>,
    pub rto: Option<Rto>,
    /// The RTO of dump & restore, once a copy back has started.
    #[serde(default)]
    pub copy_back: Option<Rto>,
    pub rpo_target_seconds: i64,
    pub rto_target_seconds: i64,
    /// The RPO automated backups would give (log shipping interval).
    pub pitr_rpo_seconds: i64,
}

impl Recovery {
    #[must_use]
    pub fn rpo_met(&self) -> Option<bool> {
        self.achieved_rpo
            .as_ref()
            .map(|a| a.seconds <= self.rpo_target_seconds)
    }

    /// Whether the run met its RTO target: known once it is complete, or as soon as the
    /// time without service has passed the target.
    #[must_use]
    pub fn rto_met(&self) -> Option<bool> {
        self.met(self.rto.as_ref()?)
    }

    /// [`Recovery::rto_met`] for dump & restore's RTO.
    #[must_use]
    pub fn copy_back_met(&self) -> Option<bool> {
        self.met(self.copy_back.as_ref()?)
    }

    fn met(&self, rto: &Rto) -> Option<bool> {
        let met = rto.seconds <= self.rto_target_seconds;
        (rto.complete || !met).then_some(met)
    }
}

/// Transaction logs reach the backup about every five minutes.
pub const PITR_RPO_SECONDS: i64 = 300;

fn span(from: Timestamp, to: Timestamp) -> i64 {
    (to.as_second() - from.as_second()).max(0)
}

fn first_after(journal: &Journal, kind: Kind, after: Timestamp) -> Option<&super::journal::Event> {
    journal
        .events()
        .iter()
        .find(|e| e.kind.kind() == kind && e.at >= after)
}

/// The figures at `now`, every phase on the cloud's clock. In the simulation that clock tells
/// one story: sped up while AWS works, real time while the learner reads and decides (see
/// `cloud::sim`'s clock), so the learner's phases need no scaling.
#[must_use]
pub fn measure(
    journal: &Journal,
    observed: &Observed,
    config: &Config,
    now: Timestamp,
) -> Recovery {
    let names = &config.names;
    let mut points: Vec<(Timestamp, PointKind)> = Vec::new();
    for s in observed
        .snapshots
        .value
        .iter()
        .flatten()
        .filter(|s| s.is_available())
    {
        if let Some(t) = s.created {
            // Any snapshot but an automated one (manual, or one AWS Backup made) is a
            // snapshot to restore from.
            let kind = if s.kind == crate::cloud::SnapshotKind::Automated {
                PointKind::AutomatedSnapshot
            } else {
                PointKind::Snapshot
            };
            points.push((t, kind));
        }
    }
    if let Some(source) = observed.instance(&names.instance)
        && let Some(lrt) = source.latest_restorable
    {
        // The latest restorable time moves on while backups run: what the last look
        // showed, moved on by the time since that look, so a slow poll does not make the
        // RPO look larger than it is.
        let moving = source.retention_days > 0 && source.is_available();
        let since_look = observed
            .instances
            .updated
            .filter(|_| moving)
            .map_or(0, |seen| span(seen, now));
        let point = lrt
            .checked_add(jiff::SignedDuration::from_secs(since_look))
            .unwrap_or(lrt);
        points.push((point, PointKind::PointInTime));
    }
    if let Some(e) = journal.last(Kind::Snapshot) {
        points.push((e.at, PointKind::Snapshot));
    }
    let live_rpo = points
        .into_iter()
        .filter(|(t, _)| *t <= now)
        .max_by_key(|(t, _)| *t)
        .map(|(point, kind)| LiveRpo {
            seconds: span(point, now),
            point,
            kind,
        });

    let disaster = journal.last(Kind::Disaster);
    let snapshot_point = disaster.and_then(|d| {
        journal
            .events()
            .iter()
            .rev()
            .find(|e| matches!(e.kind, EventKind::Snapshot { .. }) && e.at <= d.at)
    });
    let achieved_rpo = match (disaster, snapshot_point) {
        (Some(d), Some(p)) => {
            let before: Vec<&String> = match &d.kind {
                EventKind::Disaster { lost, .. } => lost.iter().collect(),
                _ => Vec::new(),
            };
            let at_point = journal.todos_at(p.at).cloned().unwrap_or_default();
            let lost = before
                .into_iter()
                .filter(|&title| !at_point.iter().any(|(_, t)| t == title))
                .cloned()
                .collect();
            Some(AchievedRpo {
                seconds: span(p.at, d.at),
                point: p.at,
                disaster: d.at,
                lost,
            })
        }
        _ => None,
    };

    let rto = disaster.map(|d| {
        let at = |kind| first_after(journal, kind, d.at).map(|e| e.at);
        let served = at(Kind::TodosVerified).or(at(Kind::RolloutComplete));
        // The recovery as a chain of moments: each phase runs from one to the next, the
        // first missing moment is now and ends the chain.
        let chain = [
            (
                msg::PHASE_UNTIL_RESTORE,
                Actor::You,
                at(Kind::RestoreRequested),
            ),
            (msg::PHASE_RESTORE, Actor::Aws, at(Kind::RestoreAvailable)),
            (
                msg::PHASE_UNTIL_SWITCH,
                Actor::You,
                at(Kind::BackendSwitched),
            ),
            (msg::PHASE_ROLLOUT, Actor::Aws, served),
        ];
        let mut phases = Vec::new();
        let mut from = d.at;
        for (id, actor, end) in chain {
            // A moment the journal missed (a switch made in the console before the program
            // looked) merges its phase into the next one.
            let last = id == msg::PHASE_ROLLOUT;
            let missed = match (end, served) {
                (Some(e), _) if e < from => true,
                (None, Some(_)) => !last,
                (Some(e), Some(s)) => !last && e > s,
                _ => false,
            };
            if missed {
                continue;
            }
            phases.push(Phase {
                id: id.into(),
                seconds: span(from, end.unwrap_or(now)),
                complete: end.is_some(),
                actor,
            });
            match end {
                Some(e) => from = e,
                None => break,
            }
        }
        Rto {
            seconds: phases.iter().map(|p| p.seconds).sum(),
            complete: served.is_some(),
            phases,
            until: served.unwrap_or(now),
        }
    });

    let copy_back = disaster.and_then(|d| copy_back_rto(journal, d.at, now));
    Recovery {
        live_rpo,
        achieved_rpo,
        rto,
        copy_back,
        rpo_target_seconds: i64::from(config.targets.rpo_minutes) * 60,
        rto_target_seconds: i64::from(config.targets.rto_minutes) * 60,
        pitr_rpo_seconds: PITR_RPO_SECONDS,
    }
}

/// Dump & restore's RTO after the disaster at `disaster`: until the restore, the restore, the
/// copy (from the first copy task to the one that went through, failed attempts included) and
/// the way back (until the app serves the todos from the original database). `None` before a
/// copy has started.
fn copy_back_rto(journal: &Journal, disaster: Timestamp, now: Timestamp) -> Option<Rto> {
    let started = first_after(journal, Kind::CopyStarted, disaster)?.at;
    let requested = first_after(journal, Kind::RestoreRequested, disaster).map(|e| e.at);
    let available = first_after(journal, Kind::RestoreAvailable, disaster).map(|e| e.at);
    let copied = first_after(journal, Kind::CopyDone, started).map(|e| e.at);
    let served = copied
        .and_then(|c| first_after(journal, Kind::ServedFromSource, c))
        .map(|e| e.at);
    // The wait before the restore is the learner's; the restore, the copy task and the way
    // back run on AWS.
    let phase = |id: Id, from: Timestamp, to: Option<Timestamp>| {
        let actor = if id == msg::PHASE_UNTIL_RESTORE {
            Actor::You
        } else {
            Actor::Aws
        };
        Phase {
            id: id.into(),
            seconds: span(from, to.unwrap_or(now)),
            complete: to.is_some(),
            actor,
        }
    };
    let mut phases = vec![phase(
        msg::PHASE_UNTIL_RESTORE,
        disaster,
        requested.or(Some(started)),
    )];
    if let Some(r) = requested {
        phases.push(phase(msg::PHASE_RESTORE, r, available.or(Some(started))));
    }
    phases.push(phase(msg::PHASE_COPY, started, copied));
    if let Some(c) = copied {
        phases.push(phase(msg::PHASE_BACK, c, served));
    }
    Some(Rto {
        seconds: phases.iter().map(|p| p.seconds).sum(),
        complete: served.is_some(),
        phases,
        until: served.unwrap_or(now),
    })
}
