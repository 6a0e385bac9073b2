//! Automated backups: the retention the lab asks for and a backup window the learner picks
//! in local time, sent in UTC (RDS takes windows in UTC only).

use async_trait::async_trait;

use super::{Ctx, Step, StepTexts, instance_busy, source_missing, wrong_request, yes_no};
use crate::cloud::{self, BackupSettings};
use crate::lab::act::{ActionError, Outcome, Run, window_utc};
use crate::lab::ask::{Ask, Field, Refusal};
use crate::lab::journal::{EventKind, Kind, Witness};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, Setting, param};
use crate::lab::quiz::Question;
use crate::lab::{Check, Problem, ProblemCode, StepId, StepState, Text};
use crate::msg;
use crate::validate;

pub struct EnableBackups;

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    now_wait: Some(msg::STEP_ENABLE_BACKUPS_NOW_WAIT),
    enter: Some(msg::STEP_ENABLE_BACKUPS_ENTER),
    console: Some(msg::STEP_ENABLE_BACKUPS_CONSOLE),
    action: Some(msg::UI_ACTION_ENABLE_BACKUPS),
    ..StepTexts::new(
        msg::STEP_ENABLE_BACKUPS_TITLE,
        msg::STEP_ENABLE_BACKUPS_SHORT,
        msg::STEP_ENABLE_BACKUPS_BODY,
        msg::STEP_ENABLE_BACKUPS_NOW,
    )
};

#[async_trait]
impl Step for EnableBackups {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::EnableBackups
    }

    /// The backup window in local time, typed before the plan; while RDS still applies the
    /// retention the lab sent, that instead.
    fn ask(&self, ctx: &Ctx<'_>, options: &Options) -> Option<Ask> {
        if let Some(running) = applying(ctx).or_else(|| first_backup_running(ctx)) {
            return Some(Ask::Notice {
                title: msg::DIALOG_RUNNING,
                text: running,
                is_error: false,
            });
        }
        let tz = ctx.config.timezone();
        let intro = Text::new(msg::UI_WINDOW_INTRO)
            .arg("zone", tz.iana_name().unwrap_or("local").to_owned())
            .arg("retention", ctx.config.backup.retention_days)
            .arg("dst", if has_dst(&tz, ctx.now) { "yes" } else { "no" });
        Some(Ask::Type(Field {
            title: msg::UI_WINDOW_TITLE,
            intro,
            value: options.window_local.to_string(),
            also: &[':', '-'],
            max_len: 11,
            flag: Some("--window"),
        }))
    }

    /// A window that reads as one and stays clear of the instance's maintenance window.
    fn accept(&self, input: &str, _field: &Field, ctx: &Ctx<'_>) -> Result<Setting, Refusal> {
        let maintenance = ctx
            .source()
            .and_then(|i| i.maintenance_window.clone())
            .unwrap_or_default();
        input
            .parse::<crate::validate::BackupWindow>()
            .and_then(|local| {
                window_utc(ctx.config, local, ctx.now)?.clear_of(&maintenance)?;
                Ok(Setting::Window(local))
            })
            .map_err(Refusal::Invalid)
    }

    /// The window in UTC, as RDS stores it (pure arithmetic on the zone database).
    fn preview(&self, input: &str, ctx: &Ctx<'_>) -> Option<Text> {
        let utc = window_utc(ctx.config, input.parse().ok()?, ctx.now).ok()?;
        Some(Text::new(msg::UI_WINDOW_UTC).arg("utc", utc))
    }

    /// Enabling backups from 0 takes the first automated snapshot at once.
    fn parts(&self) -> &'static [PartId] {
        &[PartId::Instances, PartId::Snapshots]
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[Question::new(
                "backups-retention-zero",
                StepId::EnableBackups,
                0,
                [
                    msg::QUIZ_BACKUPS_RETENTION_ZERO,
                    msg::QUIZ_BACKUPS_RETENTION_ZERO_A,
                    msg::QUIZ_BACKUPS_RETENTION_ZERO_B,
                    msg::QUIZ_BACKUPS_RETENTION_ZERO_C,
                    msg::QUIZ_BACKUPS_RETENTION_ZERO_WHY,
                ],
            )]
        }
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        Some(ctx.with_source_trouble(check_backups(ctx)))
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let config = ctx.config;
        let Some(src) = ctx.source() else {
            return source_missing(ctx);
        };
        // Asked again while RDS applies the change: nothing to choose, nothing to send.
        if let Some(running) = applying(ctx) {
            return Ready::AlreadyDone(running);
        }
        let utc = match window_utc(config, options.window_local, ctx.now) {
            Ok(w) => w,
            Err(e) => return Ready::Invalid(e),
        };
        if let Err(e) = utc.clear_of(src.maintenance_window.as_deref().unwrap_or_default()) {
            return Ready::Invalid(e);
        }
        let want = config.backup.retention_days;
        // A change RDS is applying counts; one waiting for the maintenance window does not:
        // the action sends it again with "Apply immediately".
        let retention_set = src.retention_days == want
            || (src.pending_retention == Some(want) && !src.is_available());
        if retention_set && src.backup_window == Some(utc) {
            return Ready::AlreadyDone(
                Text::new(msg::ALREADY_BACKUPS)
                    .arg("retention", src.retention_days)
                    .arg("window", utc),
            );
        }
        if !src.is_available() {
            return instance_busy(src);
        }
        let settings = BackupSettings {
            instance_id: src.id.clone(),
            retention_days: want,
            window_utc: utc,
            apply_immediately: true,
        };
        let mut notes = Vec::new();
        if src.retention_days == 0 && settings.retention_days > 0 {
            notes.push(Text::new(msg::NOTE_OUTAGE));
        }
        notes.push(Text::new(msg::NOTE_BACKUP_STORAGE));
        yes_no(
            self.id(),
            options,
            Request::EnableBackups(settings.clone()),
            vec![
                param(msg::PARAM_INSTANCE, &src.id),
                param(msg::PARAM_RETENTION, format!("{}", settings.retention_days)),
                match config.timezone().iana_name() {
                    Some(zone) => param(
                        msg::PARAM_WINDOW_LOCAL,
                        format!("{} ({zone})", options.window_local),
                    ),
                    None => param(
                        msg::PARAM_WINDOW_LOCAL,
                        Text::new(msg::PARAM_WINDOW_LOCAL_ZONE).arg("window", options.window_local),
                    ),
                },
                param(msg::PARAM_WINDOW_UTC, utc),
                param(
                    msg::PARAM_APPLY_IMMEDIATELY,
                    Text::new(msg::PARAM_VALUE_YES),
                ),
            ],
            vec![cloud::cli::modify_backup(&settings)],
            notes,
        )
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let Request::EnableBackups(settings) = request else {
            return Err(wrong_request());
        };
        let after = run.cloud.modify_backup(settings).await?;
        Ok(vec![
            Text::new(msg::DONE_BACKUPS)
                .arg("retention", settings.retention_days)
                .arg("window", settings.window_utc)
                .arg("status", after.status),
        ])
    }

    fn witness(&self, look: &mut Witness<'_>) {
        witness(look);
    }
}

/// The backup change RDS is applying right now (retention from → to, the instance's status),
/// when the lab's retention was sent with "Apply immediately" and is not through yet.
#[must_use]
pub fn applying(ctx: &Ctx<'_>) -> Option<Text> {
    let src = ctx.source()?;
    let want = ctx.config.backup.retention_days;
    (src.pending_retention == Some(want) && src.retention_days != want && !src.is_available()).then(
        || {
            Text::new(msg::CHECK_BACKUPS_CHANGE_RUNNING)
                .arg("instance", &src.id)
                .arg("from", src.retention_days)
                .arg("to", want)
                .arg("status", &src.status)
        },
    )
}

/// The retention is set and RDS takes the first backup (`backing-up`, then `modifying`):
/// there is nothing to choose until the instance is available again.
fn first_backup_running(ctx: &Ctx<'_>) -> Option<Text> {
    let src = ctx.source()?;
    let want = ctx.config.backup.retention_days;
    (want > 0
        && src.retention_days == want
        && src.pending_retention.is_none()
        && !src.is_available())
    .then(|| {
        Text::new(msg::CHECK_BACKUPS_FIRST_BACKUP_RUNNING)
            .arg("instance", &src.id)
            .arg("status", &src.status)
    })
}

/// Whether `tz` changes its offset in the year around `now` (daylight saving time): only
/// then does a window stored in UTC move in local time.
fn has_dst(tz: &jiff::tz::TimeZone, now: jiff::Timestamp) -> bool {
    let offset = |days: i64| {
        now.checked_add(jiff::SignedDuration::from_hours(24 * days))
            .ok()
            .map(|t| tz.to_offset(t))
    };
    let first = offset(0);
    (1..12).any(|month| offset(month * 30) != first)
}

/// The verdict on the backup settings alone.
fn check_backups(ctx: &Ctx<'_>) -> Check {
    let Some(src) = ctx.source() else {
        return ctx.missing_source();
    };
    let wanted = ctx.config.backup.retention_days;
    if let Some(pending) = src.pending_retention {
        // Sent without "Apply immediately": RDS keeps the change for the maintenance
        // window, and the instance stays available meanwhile.
        if src.is_available() {
            return Check::diagnosis(StepState::Failed, waits_for_maintenance(ctx, src, pending));
        }
        if pending > 0 {
            return Check::new(
                StepState::InProgress,
                Text::new(msg::CHECK_BACKUPS_PENDING)
                    .arg("retention", pending)
                    .arg("status", &src.status),
            );
        }
    }
    if src.retention_days == 0 {
        return Check::new(StepState::Todo, Text::new(msg::CHECK_BACKUPS_OFF));
    }
    if !src.is_available() {
        return Check::new(
            StepState::InProgress,
            Text::new(msg::CHECK_BACKUPS_APPLYING).arg("status", &src.status),
        );
    }
    let window = src.backup_window;
    let mut problems = Vec::new();
    if src.retention_days != wanted {
        problems.push(
            Problem::new(ProblemCode::BackupRetentionOther)
                .arg("retention", src.retention_days)
                .arg("wanted", wanted)
                .arg("instance", &src.id),
        );
    }
    if let Some(p) = window.and_then(|w| window_as_local(ctx, w)) {
        problems.push(p.arg("instance", &src.id));
    }
    if !problems.is_empty() {
        return Check {
            state: StepState::Failed,
            details: Vec::new(),
            problems,
        };
    }
    Check::new(
        StepState::Done,
        Text::new(msg::CHECK_BACKUPS_ON)
            .arg("retention", src.retention_days)
            .arg("window", window.map(|w| w.to_string()).unwrap_or_default()),
    )
}

/// The diagnosis of a change sent without "Apply immediately": it waits for the instance's
/// maintenance window, which begins at the time shown (in the learner's zone).
fn waits_for_maintenance(ctx: &Ctx<'_>, src: &crate::cloud::DbInstance, pending: u32) -> Problem {
    let tz = ctx.config.timezone();
    let maintenance = src.maintenance_window.clone().unwrap_or_default();
    let next = validate::next_weekly_start(&maintenance, ctx.now);
    let when = next.map_or_else(
        || maintenance.clone(),
        |at| {
            at.to_zoned(tz.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        },
    );
    let until = next.map_or(0, |at| crate::format::since(at, ctx.now));
    Problem::new(ProblemCode::BackupPendingMaintenance)
        .arg("retention", pending)
        .arg("instance", &src.id)
        .arg("when", when)
        .arg("in", crate::lab::Duration::seconds(until))
        .arg("maintenance", maintenance)
}

/// The backup window typed as if RDS took local time: the UTC window RDS holds is, digit for
/// digit, the local window the lab suggests, which in the learner's zone is another time.
fn window_as_local(ctx: &Ctx<'_>, set: validate::BackupWindow) -> Option<Problem> {
    let config = ctx.config;
    let local = config.backup.window_local;
    if set != local {
        return None;
    }
    let tz = config.timezone();
    let date = ctx.now.to_zoned(tz.clone()).date();
    let meant = set.to_utc(&tz, date).ok()?;
    if meant == set {
        return None;
    }
    let zone = tz.iana_name().unwrap_or("UTC").to_owned();
    // What the window RDS holds is in local time.
    let shown = set.to_local(&tz, date).unwrap_or(set);
    Some(
        Problem::new(ProblemCode::BackupWindowAsLocal)
            .arg("window", set)
            .arg("local", shown)
            .arg("meant", local)
            .arg("utc", meant)
            .arg("zone", zone),
    )
}

/// Automated backups are on (a retention period above zero) since this look, the first time.
fn witness(look: &mut Witness<'_>) {
    if let Some(src) = look
        .source()
        .filter(|s| s.retention_days > 0 && !look.journal().has(Kind::BackupsEnabled))
    {
        look.record(
            look.now,
            EventKind::BackupsEnabled {
                retention_days: src.retention_days,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_moves_with_daylight_saving_time_only_where_there_is_one() {
        let now: jiff::Timestamp = "2026-12-02T06:00:00Z".parse().unwrap();
        let zurich = jiff::tz::TimeZone::get("Europe/Zurich").unwrap();
        assert!(has_dst(&zurich, now));
        assert!(!has_dst(&jiff::tz::TimeZone::UTC, now));
        let tokyo = jiff::tz::TimeZone::get("Asia/Tokyo").unwrap();
        assert!(!has_dst(&tokyo, now));
    }
}
