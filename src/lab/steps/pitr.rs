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
use super::{Ctx, Step, StepTexts, source_missing, wrong_request, yes_no};
use crate::cloud::{self, InstanceStatus, PitrRequest, SnapshotKind};
use crate::lab::act::{ActionError, Outcome, Run, untagged_if_denied};
use crate::lab::ask::{Ask, Field, Refusal};
use crate::lab::journal::{Event, EventKind, Journal, Kind, Witness};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, Setting, param};
use crate::lab::quiz::Question;
use crate::lab::{Check, Duration, StepId, StepState, Text};
use crate::msg;

pub struct Pitr;

/// How long before the deletion the restore point lies: enough for a local clock a little
/// off the cloud's, and for the deletion of the first todo a moment before it was noticed.
pub const MARGIN_S: i64 = 60;

/// The longest gap between the last look at the full list and the first look without it for
/// which the deletion counts as watched: a poll or two. Longer, and backup-lab cannot say
/// when the todos went.
pub const WATCHED_GAP_S: i64 = 60;

/// Where the bonus restore goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aim {
    /// No deletion noted yet: the latest restorable time, the newest state there is.
    Latest,
    /// Before the deletion, when the list still held `todos` todos: a whole second at which
    /// the journal knows they existed.
    BeforeDisaster {
        point: Timestamp,
        /// When the deletion began, or (not `watched`) when backup-lab noticed it.
        disaster: Timestamp,
        todos: usize,
        /// The last moment backup-lab saw the full list.
        full_until: Timestamp,
        /// Whether backup-lab watched the deletion (its time is known); if not, it happened
        /// somewhen between `full_until` and `disaster`.
        watched: bool,
    },
}

/// The moment `text` names: `HH:MM[:SS]` in `tz` on the day of `now` (the day before when
/// that is still to come), or an RFC 3339 time (`2026-11-25T09:12:00Z`).
#[must_use]
pub fn parse_restore_time(
    text: &str,
    now: Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(t) = text.parse::<Timestamp>() {
        return Some(t);
    }
    let time: jiff::civil::Time = text.parse().ok()?;
    let today = now.to_zoned(tz.clone()).date();
    let at = today
        .to_datetime(time)
        .to_zoned(tz.clone())
        .ok()?
        .timestamp();
    if at > now {
        let yesterday = today.yesterday().ok()?;
        return Some(
            yesterday
                .to_datetime(time)
                .to_zoned(tz.clone())
                .ok()?
                .timestamp(),
        );
    }
    Some(at)
}

/// `t` cut to its second.
fn floor_second(t: Timestamp) -> Timestamp {
    Timestamp::from_second(t.as_second()).unwrap_or(t)
}

/// `t` raised to the next whole second (itself when it is one).
fn ceil_second(t: Timestamp) -> Timestamp {
    if t.subsec_nanosecond() > 0 {
        Timestamp::from_second(t.as_second() + 1).unwrap_or(t)
    } else {
        t
    }
}

/// The restore point the journal calls for. RDS restores to whole seconds, so the point is
/// one: at or after the moment the journal first saw the full list (rounded up, toward the
/// data), at or before the last moment it saw it (rounded down), and before the deletion.
/// Within that, [`MARGIN_S`] before a watched deletion; for a deletion backup-lab did not
/// watch, the last moment it saw the full list.
#[must_use]
pub fn aim(journal: &Journal) -> Aim {
    let Some(event) = journal.last(Kind::Disaster) else {
        return Aim::Latest;
    };
    let disaster = event.at;
    let recorded_until = match &event.kind {
        EventKind::Disaster { full_until, .. } => *full_until,
        _ => None,
    };
    // The list as last seen before the deletion, and since when it was that list.
    let before = journal.events().iter().rev().find_map(|e| match &e.kind {
        EventKind::Todos { todos } if e.at < disaster => Some((e.at, todos.len())),
        _ => None,
    });
    // A journal from before `full_until` was kept knows only the deletion's start.
    let full_until = recorded_until.unwrap_or(disaster).min(disaster);
    let watched = disaster.as_second() - full_until.as_second() <= WATCHED_GAP_S;
    let before_deletion = ceil_second(disaster)
        .checked_sub(SignedDuration::from_secs(1))
        .unwrap_or(disaster);
    let upper = floor_second(full_until).min(before_deletion);
    let lower = before.map(|(seen, _)| ceil_second(seen));
    let target = if watched {
        floor_second(
            disaster
                .checked_sub(SignedDuration::from_secs(MARGIN_S))
                .unwrap_or(disaster),
        )
    } else {
        upper
    };
    let point = match lower {
        Some(lower) if lower <= upper => target.clamp(lower, upper),
        // Looks less than a second apart saw the whole list (a fast world, a scripted run): no
        // whole second lies between them. A watched deletion came after the first whole second
        // after the list was seen: the rows were there then, so that second holds them.
        Some(lower) if watched && lower < disaster => lower,
        _ => target.min(upper),
    };
    let todos = match &event.kind {
        EventKind::Disaster { lost, .. } if !lost.is_empty() => lost.len(),
        _ => before.map_or(0, |(_, n)| n),
    };
    Aim::BeforeDisaster {
        point,
        disaster,
        todos,
        full_until,
        watched,
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
    /// The learner named the moment (`--restore-time`).
    pub chosen: bool,
}

/// The figures of the latest point-in-time restore.
#[must_use]
pub fn pitr_figures(journal: &Journal) -> Option<PitrFigures> {
    let (requested, restored_to, chosen) =
        journal.events().iter().rev().find_map(|e| match &e.kind {
            EventKind::PitrRequested {
                restored_to: Some(point),
                chosen,
                ..
            } => Some((e, *point, *chosen)),
            _ => None,
        })?;
    let disaster = disaster_covered(journal, requested, restored_to);
    let end = disaster.unwrap_or(requested.at);
    Some(PitrFigures {
        restored_to,
        disaster,
        rpo_seconds: (end.as_second() - restored_to.as_second()).max(0),
        chosen,
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

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    now_wait: Some(msg::STEP_PITR_NOW_WAIT),
    enter: Some(msg::STEP_PITR_ENTER),
    console: Some(msg::STEP_PITR_CONSOLE),
    action: Some(msg::UI_ACTION_PITR),
    ..StepTexts::new(
        msg::STEP_PITR_TITLE,
        msg::STEP_PITR_SHORT,
        msg::STEP_PITR_BODY,
        msg::STEP_PITR_NOW,
    )
};

#[async_trait]
impl Step for Pitr {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::Pitr
    }

    /// The moment to restore to, offered as the journal calls for it and changeable, while
    /// there is a deletion to restore from and no point-in-time copy yet.
    fn ask(&self, ctx: &Ctx<'_>, _options: &Options) -> Option<Ask> {
        if ctx
            .observed
            .instance(&ctx.config.names.pitr_instance)
            .is_some()
        {
            return None;
        }
        let Aim::BeforeDisaster { point, watched, .. } = aim(ctx.journal) else {
            return None;
        };
        let tz = ctx.config.timezone();
        let proposed = point.to_zoned(tz.clone()).strftime("%H:%M:%S").to_string();
        let intro = Text::new(msg::UI_RESTORE_TIME_INTRO)
            .arg("zone", tz.iana_name().unwrap_or("local").to_owned())
            .arg("proposed", &proposed)
            .arg("watched", if watched { "yes" } else { "no" });
        Some(Ask::Type(Field {
            title: msg::UI_RESTORE_TIME_TITLE,
            intro,
            value: proposed,
            also: &[':'],
            max_len: 8,
            flag: Some("--restore-time"),
        }))
    }

    /// A moment that reads as one. The proposed moment is the journal's own; only another
    /// one is a choice (and then kept to the second the learner typed).
    fn accept(&self, input: &str, field: &Field, ctx: &Ctx<'_>) -> Result<Setting, Refusal> {
        let tz = ctx.config.timezone();
        let Some(chosen) = parse_restore_time(input, ctx.now, &tz) else {
            return Err(Refusal::Text(
                Text::new(msg::INVALID_RESTORE_TIME).arg("time", input),
            ));
        };
        // Before the restorable window it is refused here, in the dialog, where the learner
        // can type another moment (the plan refuses it as well, for `run --restore-time`).
        // A moment after the latest restorable time is one the logs have not reached yet:
        // the plan says to wait, and the proposed moment is always taken.
        if input != field.value
            && let Some(src) = ctx.source()
            && let Some(latest) = src.latest_restorable
        {
            let chosen = floor_second(chosen);
            let earliest = earliest_restorable(ctx);
            if earliest.is_some_and(|e| chosen < e) {
                let moment = |t: Timestamp| crate::format::moment(t, &tz);
                return Err(Refusal::Text(
                    Text::new(msg::BLOCKED_PITR_CHOSEN_OUTSIDE)
                        .arg("instance", &src.id)
                        .arg("point", moment(chosen))
                        .arg("earliest", earliest.map_or_else(|| "–".to_owned(), moment))
                        .arg("latest", moment(latest)),
                ));
            }
        }
        Ok(Setting::RestoreTime(
            (input != field.value).then(|| input.to_owned()),
        ))
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Instances, PartId::Snapshots]
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[Question::new(
                "pitr-smaller",
                StepId::Pitr,
                0,
                [
                    msg::QUIZ_PITR_SMALLER,
                    msg::QUIZ_PITR_SMALLER_A,
                    msg::QUIZ_PITR_SMALLER_B,
                    msg::QUIZ_PITR_SMALLER_C,
                    msg::QUIZ_PITR_SMALLER_WHY,
                ],
            )]
        }
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
                Text::new(msg::CHECK_RESTORE_DELETING).arg("restored", &p.id),
            ),
            Some(p) => {
                if let Some(problem) = ended(ctx, p, &names.instance) {
                    Check::diagnosis(StepState::Failed, problem)
                } else if let Some(check) = unknown_status(ctx, p) {
                    check
                } else {
                    Check::new(
                        StepState::InProgress,
                        Text::new(msg::CHECK_RESTORE_PROGRESS)
                            .arg("status", &p.status)
                            .arg("elapsed", ctx.running_for(&p.id, p.created)),
                    )
                }
            }
            None if ctx.journal.has(Kind::PitrAvailable) => Check::new(
                StepState::Done,
                Text::new(msg::CHECK_RESTORE_REMOVED).arg("restored", &names.pitr_instance),
            ),
            None if ctx.source().is_some_and(|s| s.retention_days == 0) => {
                Check::new(StepState::Todo, Text::new(msg::CHECK_PITR_NEEDS_BACKUPS))
            }
            None => {
                let check = Check::new(
                    StepState::Todo,
                    Text::new(msg::CHECK_PITR_MISSING).arg("pitr", &names.pitr_instance),
                );
                match aim(ctx.journal) {
                    Aim::BeforeDisaster {
                        point,
                        disaster,
                        watched: true,
                        ..
                    } => check.with(
                        Text::new(msg::CHECK_PITR_AIM)
                            .arg("point", clock(ctx, point))
                            .arg("disaster", clock(ctx, disaster)),
                    ),
                    Aim::BeforeDisaster {
                        point,
                        disaster,
                        full_until,
                        watched: false,
                        ..
                    } => check.with(
                        Text::new(msg::CHECK_PITR_AIM_UNSEEN)
                            .arg("point", clock(ctx, point))
                            .arg("seen", clock(ctx, full_until))
                            .arg("noticed", clock(ctx, disaster)),
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
                    Text::new(msg::BLOCKED_RESTORE_ENDED)
                        .arg("restored", &p.id)
                        .arg("status", &p.status),
                );
            }
            return Ready::AlreadyDone(
                Text::new(msg::ALREADY_INSTANCE)
                    .arg("instance", &p.id)
                    .arg("status", &p.status),
            );
        }
        let Some(src) = ctx.source() else {
            return source_missing(ctx);
        };
        let Some(latest) = src.latest_restorable else {
            return Ready::Blocked(Text::new(msg::CHECK_PITR_NEEDS_BACKUPS));
        };
        let tz = config.timezone();
        let moment = |t: Timestamp| crate::format::moment(t, &tz);
        let aim = aim(ctx.journal);
        let earliest = earliest_restorable(ctx);
        let (point, point_value, point_note) = if let Some(typed) = &options.restore_time {
            // The learner's own moment, to the second, inside the restorable window.
            let Some(chosen) = parse_restore_time(typed, ctx.now, &tz) else {
                return Ready::Blocked(Text::new(msg::INVALID_RESTORE_TIME).arg("time", typed));
            };
            let chosen = floor_second(chosen);
            if chosen > latest || earliest.is_some_and(|e| chosen < e) {
                return Ready::Blocked(
                    Text::new(msg::BLOCKED_PITR_CHOSEN_OUTSIDE)
                        .arg("instance", &src.id)
                        .arg("point", moment(chosen))
                        .arg("earliest", earliest.map_or_else(|| "–".to_owned(), moment))
                        .arg("latest", moment(latest)),
                );
            }
            let held = ctx.journal.todos_at(chosen).map_or(0, Vec::len);
            (
                chosen,
                Text::new(msg::VALUE_RESTORE_CHOSEN).arg("time", moment(chosen)),
                Text::new(msg::NOTE_PITR_POINT_CHOSEN)
                    .arg("point", clock(ctx, chosen))
                    .arg("count", held),
            )
        } else {
            match aim {
                Aim::Latest => (
                    latest,
                    Text::new(msg::VALUE_RESTORE_LATEST).arg("time", moment(latest)),
                    Text::new(msg::NOTE_PITR_POINT),
                ),
                Aim::BeforeDisaster {
                    point,
                    disaster,
                    todos,
                    full_until,
                    watched,
                } => {
                    if let Some(earliest) = earliest.filter(|e| point < *e) {
                        return Ready::Blocked(
                            Text::new(msg::BLOCKED_PITR_BEFORE_BACKUPS)
                                .arg("instance", &src.id)
                                .arg("disaster", clock(ctx, disaster))
                                .arg("earliest", clock(ctx, earliest)),
                        );
                    }
                    if point > latest {
                        return Ready::Blocked(
                            Text::new(msg::BLOCKED_PITR_LOGS_BEHIND)
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
                    let note = if watched {
                        Text::new(msg::NOTE_PITR_POINT_BEFORE)
                            .arg("disaster", clock(ctx, disaster))
                            .arg("count", todos)
                    } else {
                        Text::new(msg::NOTE_PITR_DELETION_UNSEEN)
                            .arg("seen", clock(ctx, full_until))
                            .arg("noticed", clock(ctx, disaster))
                            .arg("count", todos)
                            .arg("point", clock(ctx, point))
                    };
                    (
                        point,
                        Text::new(msg::VALUE_RESTORE_BEFORE)
                            .arg("time", moment(point))
                            .arg(
                                "before",
                                Duration::seconds(disaster.as_second() - point.as_second()),
                            ),
                        note,
                    )
                }
            }
        };
        let request = PitrRequest {
            source_id: src.id.clone(),
            target_id: names.pitr_instance.clone(),
            restore_time: Some(point),
            settings: settings(config, src, false, &src.id),
        };
        let mut params = vec![
            param(msg::PARAM_SOURCE, &request.source_id),
            param(msg::PARAM_NEW_INSTANCE, &request.target_id),
            param(msg::PARAM_RESTORE_TIME, point_value),
        ];
        match aim {
            Aim::BeforeDisaster {
                disaster,
                watched: true,
                ..
            } => params.push(param(msg::PARAM_TODOS_DELETED_AT, moment(disaster))),
            Aim::BeforeDisaster {
                disaster,
                full_until,
                watched: false,
                ..
            } => params.push(param(
                msg::PARAM_TODOS_DELETED_AT,
                Text::new(msg::VALUE_DELETED_BETWEEN)
                    .arg("seen", moment(full_until))
                    .arg("noticed", moment(disaster)),
            )),
            Aim::Latest => {}
        }
        let read = ctx.observed.instances.updated.unwrap_or(ctx.now);
        params.push(param(
            msg::PARAM_LATEST_RESTORABLE,
            Text::new(msg::VALUE_LATEST_RESTORABLE)
                .arg("time", clock(ctx, latest))
                .arg("read", clock(ctx, read)),
        ));
        params.extend(placement_params(&request.settings, src));
        let notes = [point_note, Text::new(msg::NOTE_PITR_COST)]
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
                chosen: run.options.restore_time.is_some(),
            }
        })
    }

    fn witness(&self, look: &mut Witness<'_>) {
        witness(look);
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
    let unwatched = matches!(aim(ctx.journal), Aim::BeforeDisaster { watched: false, .. });
    let head = match figures {
        // Nobody knows when the todos went: the restore holds the last moment they were seen.
        Some(PitrFigures {
            restored_to,
            disaster: Some(disaster),
            ..
        }) if unwatched => Text::new(msg::CHECK_PITR_RESTORED_UNSEEN)
            .arg("pitr", pitr)
            .arg("point", clock(ctx, restored_to))
            .arg("noticed", clock(ctx, disaster)),
        Some(PitrFigures {
            restored_to,
            disaster: Some(disaster),
            ..
        }) => Text::new(msg::CHECK_PITR_RESTORED_BEFORE)
            .arg("pitr", pitr)
            .arg("point", clock(ctx, restored_to))
            .arg(
                "before",
                Duration::seconds(disaster.as_second() - restored_to.as_second()),
            ),
        // A moment the learner named after the deletion (or with none noted) is not the
        // latest restorable time.
        Some(f) if f.chosen => Text::new(msg::CHECK_PITR_RESTORED_CHOSEN)
            .arg("pitr", pitr)
            .arg("point", clock(ctx, f.restored_to)),
        Some(f) => Text::new(msg::CHECK_PITR_RESTORED_LATEST)
            .arg("pitr", pitr)
            .arg("point", clock(ctx, f.restored_to)),
        None => Text::new(msg::CHECK_PITR_AVAILABLE).arg("pitr", pitr),
    };
    let mut check = Check::new(StepState::Done, head);
    let expected = figures
        .and_then(|f| ctx.journal.todos_at(f.restored_to))
        .map_or(0, Vec::len);
    match &ctx.observed.pitr_todos {
        // The simulation lets backup-lab look inside: fewer todos than the journal saw at the
        // restore point means the restore missed the data.
        Some(todos) if todos.len() < expected => {
            check.state = StepState::Failed;
            check = check.with(
                Text::new(msg::CHECK_PITR_HOLDS_FEWER)
                    .arg("pitr", pitr)
                    .arg("count", todos.len())
                    .arg("expected", expected)
                    .arg(
                        "point",
                        figures.map_or_else(String::new, |f| clock(ctx, f.restored_to)),
                    ),
            );
        }
        Some(todos) if !todos.is_empty() => {
            let titles: Vec<&str> = todos.iter().map(|t| t.title.as_str()).collect();
            check = check.with(
                Text::new(msg::CHECK_PITR_HOLDS)
                    .arg("pitr", pitr)
                    .arg("count", todos.len())
                    .arg("titles", titles.join(", ")),
            );
        }
        Some(_) if figures.is_some_and(|f| f.disaster.is_some()) => {
            check.state = StepState::Failed;
            // Before the todos the deletion took were first seen, or after the deletion.
            let early = figures.is_some_and(|f| {
                ctx.journal.events().iter().any(|e| {
                    matches!(&e.kind, EventKind::Todos { todos } if !todos.is_empty())
                        && e.at > f.restored_to
                        && f.disaster.is_some_and(|d| e.at < d)
                })
            });
            check = check.with(
                Text::new(if early {
                    msg::CHECK_PITR_HOLDS_NONE_EARLY
                } else {
                    msg::CHECK_PITR_HOLDS_NONE
                })
                .arg("pitr", pitr),
            );
        }
        Some(_) => {
            // No todos after a deletion, or none yet: the journal tells which.
            let after_deletion = figures.is_some_and(|f| {
                ctx.journal
                    .events()
                    .iter()
                    .any(|e| e.kind.kind() == Kind::Disaster && e.at <= f.restored_to)
            });
            check = check.with(if after_deletion {
                Text::new(msg::CHECK_PITR_HOLDS_NONE).arg("pitr", pitr)
            } else {
                Text::new(msg::CHECK_PITR_HOLDS_EMPTY)
                    .arg("pitr", pitr)
                    .arg(
                        "point",
                        figures.map_or_else(String::new, |f| clock(ctx, f.restored_to)),
                    )
            });
        }
        None => {
            // On AWS the app reads only its own database: what the journal saw at the
            // restore point is what the instance is expected to hold, not what it holds.
            if let Some(f) = figures {
                check = check.with(
                    Text::new(msg::CHECK_PITR_EXPECTED)
                        .arg("pitr", pitr)
                        .arg("restored", ctx.restored_name())
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
                    Text::new(msg::CHECK_PITR_COMPARE)
                        .arg("snapshot", &ctx.config.names.snapshot)
                        .arg("snapshot_rpo", Duration::seconds(snapshot_rpo))
                        .arg("pitr_rpo", Duration::seconds(f.rpo_seconds)),
                );
            }
        }
        // How small an RPO automated backups achieve: told of the latest restorable time only.
        Some(f) if !f.chosen => {
            check = check
                .with(Text::new(msg::CHECK_PITR_RPO).arg("rpo", Duration::seconds(f.rpo_seconds)));
        }
        Some(_) | None => {}
    }
    check
}

/// The point-in-time restore: requested (one made in the console is first seen here),
/// available, and gone.
fn witness(look: &mut Witness<'_>) {
    let now = look.now;
    let name = &look.config.names.pitr_instance;
    if let Some(p) = look.observed.instance(name) {
        if look.journal().open_request(&p.id).is_none() {
            // Made in the console: the restore point is unknown; the source's latest
            // restorable time at its creation is the closest the journal can tell.
            let at = p.created.unwrap_or(now).min(now);
            let restored_to = look
                .source()
                .and_then(|s| s.latest_restorable)
                .map(|lrt| lrt.min(at));
            look.record(
                at,
                EventKind::PitrRequested {
                    instance: p.id.clone(),
                    restored_to,
                    chosen: false,
                },
            );
        }
        if p.is_available()
            && !look
                .journal()
                .after_last(Kind::PitrAvailable, Kind::PitrRequested)
        {
            look.record(
                now,
                EventKind::PitrAvailable {
                    instance: p.id.clone(),
                },
            );
        }
    }
    look.follow_instance(name);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).expect("time")
    }

    fn at_ms(millis: i64) -> Timestamp {
        Timestamp::from_millisecond(1_800_000_000_000 + millis).expect("time")
    }

    /// The full list first seen at `list_seen`, the deletion at `deleted`, the full list last
    /// seen at `full_until`.
    fn journal_at(list_seen: Timestamp, deleted: Timestamp, full_until: Timestamp) -> Journal {
        let mut j = Journal::in_memory();
        let todos = (1..=5)
            .map(|n| (crate::cloud::TodoId::from(n), format!("todo {n}")))
            .collect();
        j.record(list_seen, list_seen, EventKind::Todos { todos });
        let lost = (1..=5).map(|n| format!("todo {n}")).collect();
        j.record(
            deleted,
            deleted,
            EventKind::Disaster {
                lost,
                full_until: Some(full_until),
            },
        );
        j
    }

    fn journal(list_seen: i64, deleted: i64) -> Journal {
        journal_at(at(list_seen), at(deleted), at(deleted))
    }

    fn point(aim: Aim) -> Timestamp {
        match aim {
            Aim::BeforeDisaster { point, .. } => point,
            Aim::Latest => panic!("a deletion is noted"),
        }
    }

    #[test]
    fn the_restore_point_lies_a_minute_before_the_deletion() {
        assert_eq!(
            aim(&journal(0, 600)),
            Aim::BeforeDisaster {
                point: at(600 - MARGIN_S),
                disaster: at(600),
                todos: 5,
                full_until: at(600),
                watched: true,
            }
        );
    }

    #[test]
    fn the_restore_point_is_never_before_the_full_list_nor_at_the_deletion() {
        // The list was complete only 20 s before it was deleted.
        assert_eq!(point(aim(&journal(580, 600))), at(580));
        assert!(
            point(aim(&journal(600, 600))) < at(600),
            "never the second of the deletion"
        );
        assert_eq!(aim(&Journal::in_memory()), Aim::Latest);
    }

    #[test]
    fn the_restore_point_is_a_whole_second_rounded_toward_the_data() {
        // The full list was first seen at …:40.300 and deleted at …:59.700: the point may not
        // be …:40 (the fifth todo may not exist yet), so it is …:41, the first whole second
        // the journal knows the list.
        let p = point(aim(&journal_at(
            at_ms(40_300),
            at_ms(59_700),
            at_ms(59_700),
        )));
        assert_eq!(p, at(41));
        assert_eq!(p.subsec_nanosecond(), 0);
        // A deletion at …:59.700 allows …:59 at the latest, never …:60.
        let p = point(aim(&journal_at(
            at_ms(58_100),
            at_ms(59_700),
            at_ms(59_700),
        )));
        assert_eq!(p, at(59));
        // Seen whole only from …:33.500 to …:33.800 and deleted at …:34.200: no whole second
        // lies in what was seen, and …:34 is the first one with the rows, before the deletion.
        let p = point(aim(&journal_at(
            at_ms(33_500),
            at_ms(34_200),
            at_ms(33_800),
        )));
        assert_eq!(p, at(34));
    }

    #[test]
    fn a_deletion_nobody_watched_goes_to_the_last_moment_the_full_list_was_seen() {
        // Seen whole at 100 s and last at 400.9 s; the empty list noticed at 3000 s.
        let j = journal_at(at(100), at(3000), at_ms(400_900));
        let Aim::BeforeDisaster {
            point,
            watched,
            full_until,
            ..
        } = aim(&j)
        else {
            panic!("a deletion is noted");
        };
        assert!(!watched);
        assert_eq!(full_until, at_ms(400_900));
        assert_eq!(
            point,
            at(400),
            "rounded down, into the time the list was seen"
        );
    }

    #[test]
    fn a_chosen_time_is_read_in_the_learners_zone() {
        let tz = jiff::tz::TimeZone::get("Europe/Zurich").expect("zone");
        let now: Timestamp = "2026-11-25T13:00:00Z".parse().expect("time");
        assert_eq!(
            parse_restore_time("13:59:30", now, &tz),
            Some("2026-11-25T12:59:30Z".parse().expect("time"))
        );
        // Still to come today: yesterday's.
        assert_eq!(
            parse_restore_time("15:00", now, &tz),
            Some("2026-11-24T14:00:00Z".parse().expect("time"))
        );
        assert_eq!(
            parse_restore_time("2026-11-25T09:12:00Z", now, &tz),
            Some("2026-11-25T09:12:00Z".parse().expect("time"))
        );
        assert_eq!(parse_restore_time("soon", now, &tz), None);
    }
}
