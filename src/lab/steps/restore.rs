//! A new instance from the manual snapshot, with the lab's class and Multi-AZ and the rest as
//! the source has it. The settings a restore sends and checks are shared with `pitr`.
//!
//! The check diagnoses a restore made otherwise (typed [`Problem`]s: what differs, what it
//! means for the app, how to mend it in the console), and the step's action follows it:
//! - a restore under another name ([`restored_elsewhere`]): adopt that instance for this run
//!   (a journal event, kept across restarts; [`Ctx::restored_name`] then names it everywhere)
//!   or restore again under the lab's name ([`Options::restore_again`]);
//! - the wrong security groups or Multi-AZ setting: one ModifyDBInstance on the restored
//!   instance, applied at once ([`mend`]); never on the learner's original;
//! - class, storage, parameter or option group, engine version: the console's fix, named.

use async_trait::async_trait;
use jiff::Timestamp;

use super::{Ctx, Step, StepTexts, instance_busy, source_missing, wrong_request, yes_no};
use crate::cloud::{
    self, DbInstance, ErrorKind, InstanceChange, InstanceStatus, RestoreRequest, RestoreSettings,
};
use crate::config::Config;
use crate::format;
use crate::i18n::Id;
use crate::lab::act::{ActionError, Outcome, Run, modify_restored, untagged_if_denied};
use crate::lab::ask::{Ask, Choice, Choices};
use crate::lab::journal::{EventKind, Kind, Witness};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, Setting, param};
use crate::lab::quiz::Question;
use crate::lab::{Arg, Check, Problem, ProblemCode, StepId, StepState, Text, support};
use crate::msg;

pub struct Restore;

/// Its texts in `steps.ftl`.
const TEXTS: StepTexts = StepTexts {
    now_wait: Some(msg::STEP_RESTORE_NOW_WAIT),
    enter: Some(msg::STEP_RESTORE_ENTER),
    console: Some(msg::STEP_RESTORE_CONSOLE),
    action: Some(msg::UI_ACTION_RESTORE),
    ..StepTexts::new(
        msg::STEP_RESTORE_TITLE,
        msg::STEP_RESTORE_SHORT,
        msg::STEP_RESTORE_BODY,
        msg::STEP_RESTORE_NOW,
    )
};

#[async_trait]
impl Step for Restore {
    fn texts(&self) -> &'static StepTexts {
        &TEXTS
    }

    fn id(&self) -> StepId {
        StepId::Restore
    }

    /// With an instance restored under another name: use it, or restore again under the
    /// lab's name.
    fn choices(&self) -> &'static [Choice] {
        const WAYS: &[Choice] = &[
            Choice {
                key: None,
                flag: None,
                label: msg::UI_RESTORE_ADOPT,
                detail: msg::UI_RESTORE_ADOPT_DETAIL,
                sets: Setting::RestoreAgain(false),
            },
            Choice {
                key: None,
                flag: Some("--restore-again"),
                label: msg::UI_RESTORE_AGAIN,
                detail: msg::UI_RESTORE_AGAIN_DETAIL,
                sets: Setting::RestoreAgain(true),
            },
        ];
        WAYS
    }

    /// The choice while the run has no restored database of its own and one restored under
    /// another name is there.
    fn ask(&self, ctx: &Ctx<'_>, options: &Options) -> Option<Ask> {
        if ctx.restored().is_some() {
            return None;
        }
        let other = restored_elsewhere(ctx).first()?.id.clone();
        let names = &ctx.config.names;
        Some(Ask::Choose(Choices {
            title: msg::UI_RESTORE_CHOICE_TITLE,
            intro: msg::UI_RESTORE_CHOICE_INTRO,
            args: vec![
                ("other", other.into()),
                ("restored", names.restored_instance.as_str().into()),
                ("snapshot", names.snapshot.as_str().into()),
            ],
            choices: self.choices(),
            chosen: Some(usize::from(options.restore_again)),
            none_chosen: None,
        }))
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Instances]
    }

    fn questions(&self) -> &'static [Question] {
        const {
            &[
                Question::new(
                    "restore-app-empty",
                    StepId::Restore,
                    1,
                    [
                        msg::QUIZ_RESTORE_APP_EMPTY,
                        msg::QUIZ_RESTORE_APP_EMPTY_A,
                        msg::QUIZ_RESTORE_APP_EMPTY_B,
                        msg::QUIZ_RESTORE_APP_EMPTY_C,
                        msg::QUIZ_RESTORE_APP_EMPTY_WHY,
                    ],
                ),
                Question::new(
                    "restore-new-instance",
                    StepId::Restore,
                    2,
                    [
                        msg::QUIZ_RESTORE_NEW_INSTANCE,
                        msg::QUIZ_RESTORE_NEW_INSTANCE_A,
                        msg::QUIZ_RESTORE_NEW_INSTANCE_B,
                        msg::QUIZ_RESTORE_NEW_INSTANCE_C,
                        msg::QUIZ_RESTORE_NEW_INSTANCE_WHY,
                    ],
                ),
            ]
        }
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        let Some(r) = ctx.restored() else {
            if ctx.journal.restore_seen_available(ctx.restored_name()) {
                return Some(Check::new(
                    StepState::Done,
                    Text::new(msg::CHECK_RESTORE_REMOVED).arg("restored", ctx.restored_name()),
                ));
            }
            let elsewhere: Vec<Problem> = restored_elsewhere(ctx)
                .into_iter()
                .map(|other| other_name_problem(ctx, other))
                .collect();
            if !elsewhere.is_empty() {
                return Some(diagnoses(elsewhere));
            }
            return Some(Check::new(
                StepState::Todo,
                Text::new(msg::CHECK_RESTORE_MISSING).arg("restored", ctx.restored_name()),
            ));
        };
        if r.status == InstanceStatus::Deleting {
            let state = if ctx.journal.restore_seen_available(&r.id) {
                StepState::Done
            } else {
                StepState::Failed
            };
            return Some(Check::new(
                state,
                Text::new(msg::CHECK_RESTORE_DELETING).arg("restored", &r.id),
            ));
        }
        if let Some(problem) = ended(ctx, r, &ctx.config.names.snapshot) {
            return Some(Check::diagnosis(StepState::Failed, problem));
        }
        if let Some(check) = unknown_status(ctx, r) {
            return Some(check);
        }
        if !r.is_available() {
            // A conversion to Multi-AZ keeps the instance `modifying` for a while; it serves
            // all along.
            if let Some(multi_az) = r.pending_multi_az.filter(|_| r.endpoint.is_some()) {
                return Some(Check::new(
                    StepState::InProgress,
                    Text::new(if multi_az {
                        msg::CHECK_RESTORE_CONVERTING_MULTI_AZ
                    } else {
                        msg::CHECK_RESTORE_CONVERTING_SINGLE_AZ
                    })
                    .arg("restored", &r.id)
                    .arg("status", &r.status),
                ));
            }
            let detail = if r.endpoint.is_none() {
                msg::CHECK_RESTORE_CREATING
            } else {
                msg::CHECK_RESTORE_PROGRESS
            };
            return Some(Check::new(
                StepState::InProgress,
                Text::new(detail)
                    .arg("status", &r.status)
                    .arg("elapsed", ctx.running_for(&r.id, r.created)),
            ));
        }
        let problems = placement_problems(r, ctx.source(), ctx.config);
        Some(if problems.iter().any(is_failure) {
            diagnoses(problems)
        } else {
            // Notes and warnings: the restore does what the lab needs; they say what differs.
            Check {
                state: StepState::Done,
                details: vec![Text::new(msg::CHECK_RESTORE_AVAILABLE).arg("restored", &r.id)],
                problems,
            }
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let config = ctx.config;
        let names = &config.names;
        if let Some(r) = ctx.restored() {
            let source = ctx.source();
            // A conversion under way (asked for here, or a lost answer before) is the mend
            // being done.
            if let Some(multi_az) = r.pending_multi_az {
                return Ready::AlreadyDone(
                    Text::new(if multi_az {
                        msg::CHECK_RESTORE_CONVERTING_MULTI_AZ
                    } else {
                        msg::CHECK_RESTORE_CONVERTING_SINGLE_AZ
                    })
                    .arg("restored", &r.id)
                    .arg("status", &r.status),
                );
            }
            // A restore that ended in a status of no return is deleted by the learner, then
            // made again; backup-lab never starts a second one by itself.
            if r.status.is_terminal() {
                return Ready::Blocked(
                    Text::new(msg::BLOCKED_RESTORE_ENDED)
                        .arg("restored", &r.id)
                        .arg("status", &r.status),
                );
            }
            if let Some((src, change)) = source.and_then(|s| Some((s, mend(r, s, config)?))) {
                if !r.is_available() {
                    return instance_busy(r);
                }
                return mend_plan(self.id(), options, r, src, &change);
            }
            if r.is_available() && placement_problems(r, source, config).iter().any(is_failure) {
                // What is left (class, storage, groups) is mended in the console, as each
                // diagnosis says; backup-lab does not restart or rebuild a database itself.
                return Ready::Blocked(Text::new(msg::BLOCKED_MEND_CONSOLE).arg("restored", &r.id));
            }
            return Ready::AlreadyDone(
                Text::new(msg::ALREADY_INSTANCE)
                    .arg("instance", &r.id)
                    .arg("status", &r.status),
            );
        }
        if ctx.is_done(self.id()) {
            return Ready::AlreadyDone(
                Text::new(msg::CHECK_RESTORE_REMOVED).arg("restored", ctx.restored_name()),
            );
        }
        if !options.restore_again
            && let Some(other) = restored_elsewhere(ctx).first()
        {
            return adopt_plan(self.id(), options, ctx, other);
        }
        if !ctx
            .observed
            .snapshot(&names.snapshot)
            .is_some_and(crate::cloud::DbSnapshot::is_available)
        {
            return Ready::Blocked(
                Text::new(msg::BLOCKED_SNAPSHOT_NOT_READY).arg("snapshot", &names.snapshot),
            );
        }
        let Some(src) = ctx.source() else {
            return source_missing(ctx);
        };
        let request = RestoreRequest {
            instance_id: names.restored_instance.clone(),
            snapshot_id: names.snapshot.clone(),
            settings: settings(config, src, config.restore.multi_az, &names.snapshot),
        };
        let mut params = vec![
            param(msg::PARAM_SNAPSHOT, &request.snapshot_id),
            param(msg::PARAM_NEW_INSTANCE, &request.instance_id),
        ];
        params.extend(placement_params(&request.settings, src));
        let notes = [Text::new(msg::NOTE_RESTORE_COST)]
            .into_iter()
            .chain(extended_support_note(&request.settings, src, ctx.now))
            .chain([
                Text::new(msg::NOTE_RESTORE_UNCHANGED),
                Text::new(msg::NOTE_RESTORE_NEW_INSTANCE),
            ])
            .collect();
        let command = cloud::cli::restore(&request);
        yes_no(
            self.id(),
            options,
            Request::Restore(Box::new(request)),
            params,
            vec![command],
            notes,
        )
    }

    async fn execute(&self, request: &Request, run: &Run<'_>) -> Result<Outcome, ActionError> {
        let request = match request {
            Request::Restore(request) => request,
            Request::AdoptRestored(id) => return Ok(adopt(run, id)),
            Request::MendRestored(change) => return mend_now(run, change).await,
            _ => return Err(wrong_request()),
        };
        let cloud = run.cloud;
        let requested = cloud.now();
        let result = untagged_if_denied(
            (**request).clone(),
            |r| &mut r.settings.tags,
            |r| async move { cloud.restore_from_snapshot(&r).await },
            run.progress,
        )
        .await;
        restore_outcome(result, &request.instance_id, requested, run, |instance| {
            EventKind::RestoreRequested { instance }
        })
    }

    fn witness(&self, look: &mut Witness<'_>) {
        witness(look);
    }
}

/// How long a restore may show a status backup-lab does not know before the check stops
/// calling it "in progress": restores take 10 to 40 minutes (RDS User Guide), so an hour
/// after the request something is wrong.
pub const UNKNOWN_STATUS_LIMIT_S: i64 = 3600;

/// The diagnosis of a restored instance (`r`, made from `from`: a snapshot, or the source of a
/// point-in-time restore) in a status that does not end by itself: what the status means,
/// whether it still costs, and what to do (in most cases: delete it and restore again, with
/// what to change).
pub(super) fn ended(ctx: &Ctx<'_>, r: &DbInstance, from: &str) -> Option<Problem> {
    if !r.status.is_terminal() {
        return None;
    }
    let names = &ctx.config.names;
    let source = ctx.source();
    let default = |s: Option<&String>| s.cloned().unwrap_or_else(|| "-".to_owned());
    Some(
        Problem::new(ProblemCode::RestoreEnded)
            .arg("restored", &r.id)
            .arg("status", &r.status)
            .arg("from", from)
            .arg(
                "pitr",
                if r.id == names.pitr_instance {
                    "yes"
                } else {
                    "no"
                },
            )
            .arg("instance", &names.instance)
            .arg("class", &r.class)
            .arg("storage", format::gib(r.storage_gib))
            .arg("parameter_group", default(r.parameter_group.as_ref()))
            .arg(
                "parameter_default",
                yes_or_no(
                    r.parameter_group
                        .as_deref()
                        .is_some_and(|g| g.starts_with("default.")),
                ),
            )
            .arg("option_group", default(r.option_group.as_ref()))
            .arg(
                "option_default",
                yes_or_no(
                    r.option_group
                        .as_deref()
                        .is_some_and(|g| g.starts_with("default:")),
                ),
            )
            .arg(
                "subnet_group",
                default(
                    r.subnet_group
                        .as_ref()
                        .or(source.and_then(|s| s.subnet_group.as_ref())),
                ),
            )
            .arg("elapsed", ctx.running_for(&r.id, r.created)),
    )
}

/// A Fluent selector value.
fn yes_or_no(v: bool) -> &'static str {
    if v { "yes" } else { "no" }
}

/// A status backup-lab does not know: shown as RDS writes it, "in progress" only until
/// [`UNKNOWN_STATUS_LIMIT_S`] after the request, then a failure that says so.
pub(super) fn unknown_status(ctx: &Ctx<'_>, r: &DbInstance) -> Option<Check> {
    if !r.status.is_unknown() {
        return None;
    }
    let since = ctx.journal.requested_at(&r.id).or(r.created);
    let waited = since.map_or(0, |t| format::since(ctx.now, t));
    let limit = crate::lab::Duration::seconds(UNKNOWN_STATUS_LIMIT_S);
    Some(if waited > UNKNOWN_STATUS_LIMIT_S {
        Check::diagnosis(
            StepState::Failed,
            Problem::new(ProblemCode::RestoreStatusUnknown)
                .arg("restored", &r.id)
                .arg("status", &r.status)
                .arg("elapsed", crate::lab::Duration::seconds(waited))
                .arg("limit", limit),
        )
    } else {
        Check::new(
            StepState::InProgress,
            Text::new(msg::CHECK_RESTORE_STATUS_UNKNOWN)
                .arg("restored", &r.id)
                .arg("status", &r.status)
                .arg("elapsed", crate::lab::Duration::seconds(waited))
                .arg("limit", limit),
        )
    })
}

/// What a restore call (from a snapshot or to a point in time) ended with. A new instance is
/// journaled at the request time (RDS shows no create time while it is made) with `event`;
/// an instance already there (a lost answer before) counts as done.
pub(super) fn restore_outcome(
    result: Result<DbInstance, crate::cloud::CloudError>,
    target: &str,
    requested: jiff::Timestamp,
    run: &Run<'_>,
    event: impl FnOnce(String) -> EventKind,
) -> Result<Outcome, ActionError> {
    match result {
        Ok(i) => {
            run.record_since(requested, event(i.id.clone()));
            Ok(vec![
                Text::new(msg::DONE_RESTORE)
                    .arg("restored", i.id)
                    .arg("status", i.status),
            ])
        }
        Err(e) if e.kind == ErrorKind::AlreadyExists => Ok(vec![
            Text::new(msg::ALREADY_INSTANCE)
                .arg("instance", target)
                .arg("status", "?"),
        ]),
        Err(e) => Err(e.into()),
    }
}

/// What a restore sets on the new instance: the lab's class and Multi-AZ, everything else as
/// the source has it ("the rest unchanged"), since RDS would otherwise pick its own defaults.
pub(super) fn settings(
    config: &Config,
    source: &DbInstance,
    multi_az: bool,
    restored_from: &str,
) -> RestoreSettings {
    RestoreSettings {
        class: config.restore.class.clone(),
        multi_az,
        security_groups: source.security_groups.clone(),
        subnet_group: source.subnet_group.clone(),
        storage_type: source.storage_type.clone(),
        iops: source.iops,
        parameter_group: source.parameter_group.clone(),
        // The engine's default option group is what RDS picks anyway.
        option_group: source
            .option_group
            .clone()
            .filter(|g| !g.starts_with("default:")),
        engine_lifecycle: source.engine_lifecycle.clone(),
        tags: cloud::restored_tags(&source.tags, restored_from),
        publicly_accessible: source.publicly_accessible,
        copy_tags_to_snapshot: source.copy_tags_to_snapshot,
        // Throughput is a setting of its own only on gp3.
        storage_throughput: source
            .storage_throughput
            .filter(|_| source.storage_type.as_deref() == Some("gp3")),
        auto_minor_version_upgrade: source.auto_minor_version_upgrade,
        deletion_protection: Some(source.deletion_protection),
    }
}

/// Every setting a restore makes, one line each, as the confirmation shows them.
pub(super) fn placement_params(s: &RestoreSettings, source: &DbInstance) -> Vec<(Text, Arg)> {
    let storage = match (s.storage_type.as_deref(), s.iops) {
        (Some(t), Some(iops)) if t.starts_with("io") => {
            format!("{t}, {}, {iops} IOPS", format::gib(source.storage_gib))
        }
        (Some(t), _) => format!("{t}, {}", format::gib(source.storage_gib)),
        (None, _) => format::gib(source.storage_gib),
    };
    let yes_no = |v: bool| {
        Text::new(if v {
            msg::PARAM_VALUE_YES
        } else {
            msg::PARAM_VALUE_NO
        })
    };
    // Labelled as the console labels them.
    let switches: Vec<(Id, bool)> = [
        (msg::PARAM_PUBLIC_ACCESS, s.publicly_accessible),
        (msg::PARAM_COPY_TAGS, s.copy_tags_to_snapshot),
        (msg::PARAM_AUTO_MINOR_UPGRADE, s.auto_minor_version_upgrade),
        (msg::PARAM_DELETION_PROTECTION, s.deletion_protection),
    ]
    .into_iter()
    .filter_map(|(name, v)| v.map(|v| (name, v)))
    .collect();
    let tags = s
        .tags
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        param(msg::PARAM_CLASS, &s.class),
        param(msg::PARAM_MULTI_AZ, cloud::Availability::of(s.multi_az)),
        param(
            msg::PARAM_SECURITY_GROUPS,
            groups_related(&s.security_groups, source),
        ),
        param(
            msg::PARAM_SUBNET_GROUP,
            s.subnet_group.clone().unwrap_or_default(),
        ),
        param(msg::PARAM_STORAGE, storage),
    ]
    .into_iter()
    .chain(
        s.storage_throughput
            .map(|mibps| param(msg::PARAM_STORAGE_THROUGHPUT, format!("{mibps} MiB/s"))),
    )
    .chain([
        param(
            msg::PARAM_PARAMETER_GROUP,
            s.parameter_group.clone().unwrap_or_default(),
        ),
        param(
            msg::PARAM_OPTION_GROUP,
            source.option_group.clone().unwrap_or_default(),
        ),
        param(
            msg::PARAM_ENGINE,
            match s.engine_lifecycle.as_deref() {
                Some(lifecycle) => format!("{} ({lifecycle})", source.engine),
                None => source.engine.clone(),
            },
        ),
        param(msg::PARAM_TAGS, tags),
    ])
    .chain(
        switches
            .into_iter()
            .map(|(id, v)| (Text::new(id), yes_no(v).into())),
    )
    .collect()
}

/// The cost note on RDS Extended Support when the restore runs a major version past its
/// standard support, which the new instance is enrolled in (and billed for) by default.
pub(super) fn extended_support_note(
    s: &RestoreSettings,
    source: &DbInstance,
    now: Timestamp,
) -> Option<Text> {
    let ends =
        cloud::calendar::standard_support_end(source.engine_name(), source.engine_version()?)?;
    if now < ends || s.engine_lifecycle.as_deref() == Some(cloud::EXTENDED_SUPPORT_DISABLED) {
        return None;
    }
    let vcpus = support::vcpus(&s.class);
    let nodes = cloud::Availability::of(s.multi_az).instances();
    let cents = support::EXTENDED_SUPPORT_CENTS_PER_VCPU_HOUR * vcpus * nodes;
    Some(
        Text::new(msg::NOTE_EXTENDED_SUPPORT)
            .arg("engine", source.engine.clone())
            .arg("ended", format::day(ends))
            .arg("vcpus", vcpus)
            .arg("nodes", nodes)
            .arg(
                "usd-per-hour",
                format!("{}.{:02}", cents / 100, cents % 100),
            ),
    )
}

/// A failed check made of diagnoses, the one to mend first first.
fn diagnoses(problems: Vec<Problem>) -> Check {
    Check {
        state: StepState::Failed,
        details: Vec::new(),
        problems,
    }
}

/// What differs between a restored instance and the lab's settings, each with what it means
/// for the app and how to mend it; the ones backup-lab can mend (security groups, Multi-AZ)
/// first.
#[must_use]
pub fn placement_problems(
    instance: &DbInstance,
    source: Option<&DbInstance>,
    config: &Config,
) -> Vec<Problem> {
    let restored = instance.id.as_str();
    let mut problems = Vec::new();
    if let Some(src) = source {
        if !same_groups(&instance.security_groups, &src.security_groups) {
            problems.push(
                Problem::new(ProblemCode::RestoreSecurityGroups)
                    .arg("restored", restored)
                    .arg("instance", &src.id)
                    .arg("groups", instance.security_groups.join(", "))
                    .arg("wanted", src.security_groups.join(", ")),
            );
        }
        // A restore without the setting is public where the VPC has an internet gateway
        // (RestoreDBInstanceFromDBSnapshot's default): the data open to the internet.
        if instance.publicly_accessible == Some(true) && src.publicly_accessible != Some(true) {
            problems.push(
                Problem::new(ProblemCode::RestorePublic)
                    .arg("restored", restored)
                    .arg("instance", &src.id)
                    .warning(),
            );
        }
        if instance.subnet_group != src.subnet_group {
            problems.push(
                Problem::new(ProblemCode::RestoreSubnetGroup)
                    .arg("restored", restored)
                    .arg("instance", &src.id)
                    .arg("subnet", instance.subnet_group.clone().unwrap_or_default())
                    .arg("wanted", src.subnet_group.clone().unwrap_or_default()),
            );
        }
    }
    if instance.multi_az != config.restore.multi_az {
        problems.push(
            Problem::new(if instance.multi_az {
                ProblemCode::RestoreMultiAz
            } else {
                ProblemCode::RestoreSingleAz
            })
            .arg("restored", restored)
            .arg("instance", &config.names.instance),
        );
    }
    if instance.class != config.restore.class {
        problems.push(
            Problem::new(ProblemCode::RestoreClass)
                .arg("restored", restored)
                .arg("class", &instance.class)
                .arg("wanted", &config.restore.class),
        );
    }
    if let Some(src) = source {
        // What RDS does not copy by itself: storage type, parameter and option group, and
        // the engine version (a restore without Extended Support moves to a newer major one).
        // None of them keeps the app from its data, and the chapter asks only for class,
        // Multi-AZ and security group ("the rest unchanged"): what its console path yields
        // (gp3, the engine's default groups) is a note, anything else a warning.
        let unchanged = [
            (
                ProblemCode::RestoreStorageType,
                &instance.storage_type,
                &src.storage_type,
                instance.storage_type.as_deref() == Some("gp3"),
            ),
            (
                ProblemCode::RestoreParameterGroup,
                &instance.parameter_group,
                &src.parameter_group,
                instance
                    .parameter_group
                    .as_deref()
                    .is_some_and(|g| g.starts_with("default.")),
            ),
            (
                ProblemCode::RestoreOptionGroup,
                &instance.option_group,
                &src.option_group,
                instance
                    .option_group
                    .as_deref()
                    .is_some_and(|g| g.starts_with("default:")),
            ),
        ];
        for (code, have, want, console_default) in unchanged {
            if let (Some(have), Some(want)) = (have, want)
                && have != want
            {
                let problem = Problem::new(code)
                    .arg("restored", restored)
                    .arg("instance", &src.id)
                    .arg("have", have)
                    .arg("wanted", want);
                problems.push(if console_default {
                    problem.note()
                } else {
                    problem.warning()
                });
            }
        }
        if instance.engine_version() != src.engine_version() && !instance.engine.is_empty() {
            problems.push(
                Problem::new(ProblemCode::RestoreEngineVersion)
                    .arg("restored", restored)
                    .arg("instance", &src.id)
                    .arg("have", &instance.engine)
                    .arg("wanted", &src.engine)
                    .warning(),
            );
        }
    }
    // Failures first (the step's line names the first), then warnings, then notes; each
    // kind in the order above.
    problems.sort_by_key(|p| p.severity as u8);
    problems
}

fn is_failure(p: &Problem) -> bool {
    p.severity == crate::lab::Severity::Failure
}

/// `groups` as the learner can check them: the ones `source` has too, and the others (after a
/// restore without groups given, the VPC's `default`). DescribeDBInstances names groups by id
/// only; their names are in the console under EC2 → Security Groups.
fn groups_related(groups: &[String], source: &DbInstance) -> Text {
    let (same, other): (Vec<&String>, Vec<&String>) = groups
        .iter()
        .partition(|g| source.security_groups.contains(g));
    let join = |list: &[&String]| {
        list.iter()
            .map(|g| g.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kind = match (same.is_empty(), other.is_empty()) {
        (true, true) => "none",
        (false, true) => "same",
        (true, false) => "other",
        (false, false) => "both",
    };
    Text::new(msg::GROUPS_RELATED)
        .arg("kind", kind)
        .arg("same", join(&same))
        .arg("other", join(&other))
        .arg("instance", &source.id)
}

fn same_groups(have: &[String], want: &[String]) -> bool {
    let mut have = have.to_vec();
    let mut want = want.to_vec();
    have.sort();
    want.sort();
    have == want
}

/// The mend backup-lab can make on the restored instance: the source's security groups and
/// the lab's Multi-AZ setting, in one ModifyDBInstance applied at once. `None` when both are
/// right (or the instance is the learner's original, which is never touched).
#[must_use]
pub fn mend(restored: &DbInstance, source: &DbInstance, config: &Config) -> Option<InstanceChange> {
    if restored.id == config.names.instance || source.security_groups.is_empty() {
        return None;
    }
    let security_groups = (!same_groups(&restored.security_groups, &source.security_groups))
        .then(|| source.security_groups.clone());
    let multi_az = (restored.multi_az != config.restore.multi_az
        && restored.pending_multi_az.is_none())
    .then_some(config.restore.multi_az);
    (security_groups.is_some() || multi_az.is_some()).then(|| InstanceChange {
        instance_id: restored.id.clone(),
        security_groups,
        multi_az,
        deletion_protection: None,
    })
}

fn mend_plan(
    step: StepId,
    options: &Options,
    r: &DbInstance,
    source: &DbInstance,
    change: &InstanceChange,
) -> Ready {
    let mut params = vec![param(msg::PARAM_INSTANCE, &r.id)];
    let mut notes = Vec::new();
    if let Some(groups) = &change.security_groups {
        params.push(param(
            msg::PARAM_SECURITY_GROUPS,
            Text::new(msg::GROUPS_CHANGE)
                .arg("have", groups_related(&r.security_groups, source))
                .arg("want", groups_related(groups, source)),
        ));
        notes.push(Text::new(msg::NOTE_MEND_GROUPS).arg("restored", &r.id));
    }
    if let Some(multi_az) = change.multi_az {
        params.push(param(
            msg::PARAM_MULTI_AZ,
            Text::new(msg::AVAILABILITY_CHANGE)
                .arg("have", r.availability())
                .arg("want", cloud::Availability::of(multi_az)),
        ));
        notes.push(
            Text::new(if multi_az {
                msg::NOTE_MEND_MULTI_AZ
            } else {
                msg::NOTE_MEND_SINGLE_AZ
            })
            .arg("restored", &r.id),
        );
    }
    params.push(param(
        msg::PARAM_APPLY_IMMEDIATELY,
        Text::new(msg::PARAM_VALUE_YES),
    ));
    notes.push(Text::new(msg::NOTE_MEND_ONLY_RESTORED).arg("restored", &r.id));
    yes_no(
        step,
        options,
        Request::MendRestored(change.clone()),
        params,
        vec![cloud::cli::modify_instance(change)],
        notes,
    )
}

async fn mend_now(run: &Run<'_>, change: &InstanceChange) -> Result<Outcome, ActionError> {
    let restored = run.restored_name();
    let after = modify_restored(run.cloud, run.config, &restored, change).await?;
    let mut out = Vec::new();
    if let Some(groups) = &change.security_groups {
        out.push(
            Text::new(msg::DONE_MEND_GROUPS)
                .arg("restored", &after.id)
                .arg("groups", groups.join(", ")),
        );
    }
    if let Some(multi_az) = change.multi_az {
        out.push(
            Text::new(if multi_az {
                msg::DONE_MEND_MULTI_AZ
            } else {
                msg::DONE_MEND_SINGLE_AZ
            })
            .arg("restored", &after.id)
            .arg("status", &after.status),
        );
    }
    Ok(out)
}

/// When the lab's snapshot was taken: its create time, else what the journal remembers (the
/// snapshot may be gone since).
fn snapshot_time(ctx: &Ctx<'_>) -> Option<Timestamp> {
    let names = &ctx.config.names;
    ctx.observed
        .snapshot(&names.snapshot)
        .and_then(|s| s.created)
        .or_else(|| {
            ctx.journal
                .events()
                .iter()
                .rev()
                .find_map(|e| match &e.kind {
                    EventKind::Snapshot { id } if *id == names.snapshot => Some(e.at),
                    _ => None,
                })
        })
        .or_else(|| ctx.journal.requested_at(&names.snapshot))
}

/// Instances that look like the lab's restore made under another name, newest first: they
/// appeared after the lab's snapshot was taken (RDS keeps no "restored from" for a manual
/// snapshot, but a restore is always made after its snapshot; one still `creating` shows no
/// create time yet), run the source's engine and database, are not being deleted, and are
/// none of the lab's own. A `restored-from` tag, when there is one, must name the snapshot.
#[must_use]
pub fn restored_elsewhere<'a>(ctx: &Ctx<'a>) -> Vec<&'a DbInstance> {
    let names = &ctx.config.names;
    let Some(taken) = snapshot_time(ctx) else {
        return Vec::new();
    };
    let source = ctx.source();
    let own = [
        names.instance.as_str(),
        names.restored_instance.as_str(),
        names.pitr_instance.as_str(),
        ctx.restored_name(),
    ];
    let mut found: Vec<&DbInstance> = ctx
        .observed
        .instances
        .value
        .iter()
        .flatten()
        .filter(|i| !own.contains(&i.id.as_str()))
        .filter(|i| i.status != InstanceStatus::Deleting)
        .filter(|i| i.created.is_none_or(|c| c > taken))
        .filter(|i| {
            source.is_none_or(|s| {
                i.engine_name() == s.engine_name()
                    && (i.db_name.is_none() || s.db_name.is_none() || i.db_name == s.db_name)
            })
        })
        .filter(|i| {
            i.tags
                .iter()
                .find(|(k, _)| k == cloud::RESTORED_FROM_TAG_KEY)
                .is_none_or(|(_, v)| *v == names.snapshot)
        })
        .collect();
    // Newest first; one still being made (no create time) is the newest.
    found.sort_by_key(|i| std::cmp::Reverse(i.created.unwrap_or(Timestamp::MAX)));
    found
}

fn other_name_problem(ctx: &Ctx<'_>, other: &DbInstance) -> Problem {
    Problem::new(ProblemCode::RestoreOtherName)
        .arg("restored", &ctx.config.names.restored_instance)
        .arg("other", &other.id)
        .arg("snapshot", &ctx.config.names.snapshot)
        .arg("status", &other.status)
}

fn adopt_plan(step: StepId, options: &Options, ctx: &Ctx<'_>, other: &DbInstance) -> Ready {
    let names = &ctx.config.names;
    let created = other
        .created
        .map(|c| crate::format::clock(c, &ctx.config.timezone()))
        .unwrap_or_default();
    let params = vec![
        param(msg::PARAM_ADOPT, &other.id),
        param(msg::PARAM_STATUS, &other.status),
        param(msg::PARAM_CREATED, created),
    ];
    let notes = vec![
        Text::new(msg::NOTE_ADOPT)
            .arg("other", &other.id)
            .arg("restored", &names.restored_instance),
        Text::new(msg::NOTE_ADOPT_CHECKED).arg("other", &other.id),
        Text::new(msg::NOTE_ADOPT_INSTEAD)
            .arg("restored", &names.restored_instance)
            .arg("snapshot", &names.snapshot),
    ];
    yes_no(
        step,
        options,
        Request::AdoptRestored(other.id.clone()),
        params,
        Vec::new(),
        notes,
    )
}

/// Takes `id` as this run's restored database: no call, the journal remembers the choice
/// (and, when it did not follow the instance yet, when it was made).
fn adopt(run: &Run<'_>, id: &str) -> Outcome {
    let created = run
        .observed
        .instance(id)
        .and_then(|i| i.created)
        .unwrap_or_else(|| run.cloud.now());
    run.record(EventKind::RestoreAdopted {
        instance: id.to_owned(),
    });
    let followed = run
        .journal
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .open_request(id)
        .is_some();
    if !followed {
        run.record_since(
            created.min(run.cloud.now()),
            EventKind::RestoreRequested {
                instance: id.to_owned(),
            },
        );
    }
    vec![Text::new(msg::DONE_ADOPT).arg("restored", id)]
}

/// The restored database: requested (one restore is one event, however long it takes; a
/// restore made in the console is dated by its create time, or by first sight while RDS
/// still omits it), available, and gone.
fn witness(look: &mut Witness<'_>) {
    let now = look.now;
    let lab_name = &look.config.names.restored_instance;
    // A restore under the lab's own name made after an adoption (again, in the console)
    // takes the adopted one's place.
    if let Some(own) = look.observed.instance(lab_name)
        && look.journal().restored_instance(look.config) != lab_name
        && look.journal().open_request(&own.id).is_none()
    {
        look.record(
            own.created.unwrap_or(now).min(now),
            EventKind::RestoreRequested {
                instance: own.id.clone(),
            },
        );
    }
    if let Some(r) = look.restored() {
        if look.journal().open_request(&r.id).is_none() {
            look.record(
                r.created.unwrap_or(now).min(now),
                EventKind::RestoreRequested {
                    instance: r.id.clone(),
                },
            );
        }
        if r.is_available()
            && !look
                .journal()
                .after_last(Kind::RestoreAvailable, Kind::RestoreRequested)
        {
            look.record(
                now,
                EventKind::RestoreAvailable {
                    instance: r.id.clone(),
                },
            );
        }
    }
    look.follow_instance(&look.restored_name());
}
