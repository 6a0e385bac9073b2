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

/// A phase of the recovery, with its length so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: String,
    pub seconds: i64,
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rto {
    pub seconds: i64,
    pub complete: bool,
    pub phases: Vec<Phase>,
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

/// The figures at `now`.
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
            let kind = if s.kind == crate::cloud::SnapshotKind::Manual {
                PointKind::Snapshot
            } else {
                PointKind::AutomatedSnapshot
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
                EventKind::Disaster { lost } => lost.iter().collect(),
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
        let requested = first_after(journal, Kind::RestoreRequested, d.at);
        let available = first_after(journal, Kind::RestoreAvailable, d.at);
        let complete = first_after(journal, Kind::RolloutComplete, d.at);
        let served = first_after(journal, Kind::TodosVerified, d.at)
            .map(|e| e.at)
            .or(complete.map(|e| e.at));
        let mut phases = Vec::new();
        let req_at = requested.map(|e| e.at);
        phases.push(Phase {
            id: "phase-until-restore".into(),
            seconds: span(d.at, req_at.unwrap_or(now)),
            complete: req_at.is_some(),
        });
        if let Some(r) = req_at {
            let a = available.map(|e| e.at);
            phases.push(Phase {
                id: "phase-restore".into(),
                seconds: span(r, a.unwrap_or(now)),
                complete: a.is_some(),
            });
            if let Some(a) = a {
                phases.push(Phase {
                    id: "phase-switch".into(),
                    seconds: span(a, served.unwrap_or(now)),
                    complete: served.is_some(),
                });
            }
        }
        let end = served.unwrap_or(now);
        Rto {
            seconds: span(d.at, end),
            complete: served.is_some(),
            phases,
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
    let phase = |id: &str, from: Timestamp, to: Option<Timestamp>| Phase {
        id: id.into(),
        seconds: span(from, to.unwrap_or(now)),
        complete: to.is_some(),
    };
    let mut phases = vec![phase(
        "phase-until-restore",
        disaster,
        requested.or(Some(started)),
    )];
    if let Some(r) = requested {
        phases.push(phase("phase-restore", r, available.or(Some(started))));
    }
    phases.push(phase("phase-copy", started, copied));
    if let Some(c) = copied {
        phases.push(phase("phase-back", c, served));
    }
    Some(Rto {
        seconds: phases.iter().map(|p| p.seconds).sum(),
        complete: served.is_some(),
        phases,
    })
}
