//! A new instance from the manual snapshot, with the lab's class and Multi-AZ and the rest as
//! the source has it. The settings a restore sends and checks are shared with `pitr`.

use async_trait::async_trait;
use jiff::Timestamp;

use super::{Ctx, Step, source_missing, wrong_request, yes_no};
use crate::cloud::{self, DbInstance, ErrorKind, InstanceStatus, RestoreRequest, RestoreSettings};
use crate::config::Config;
use crate::format;
use crate::lab::act::{ActionError, Outcome, Run, untagged_if_denied};
use crate::lab::journal::{EventKind, Kind};
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Ready, Request, param};
use crate::lab::{Arg, Check, StepId, StepState, Text};

pub struct Restore;

#[async_trait]
impl Step for Restore {
    fn id(&self) -> StepId {
        StepId::Restore
    }

    fn parts(&self) -> &'static [PartId] {
        &[PartId::Instances]
    }

    fn check(&self, ctx: &Ctx<'_>) -> Option<Check> {
        let names = &ctx.config.names;
        let Some(r) = ctx.restored() else {
            if ctx.journal.has(Kind::RestoreAvailable) {
                return Some(Check::new(
                    StepState::Done,
                    Text::new("check-restore-removed").arg("restored", &names.restored_instance),
                ));
            }
            return Some(Check::new(
                StepState::Todo,
                Text::new("check-restore-missing").arg("restored", &names.restored_instance),
            ));
        };
        if r.status == InstanceStatus::Deleting {
            let state = if ctx.journal.has(Kind::RestoreAvailable) {
                StepState::Done
            } else {
                StepState::Failed
            };
            return Some(Check::new(
                state,
                Text::new("check-restore-deleting").arg("restored", &r.id),
            ));
        }
        if !r.is_available() {
            let detail = if r.endpoint.is_none() {
                "check-restore-creating"
            } else {
                "check-restore-progress"
            };
            return Some(Check::new(
                StepState::InProgress,
                Text::new(detail)
                    .arg("status", &r.status)
                    .arg("elapsed", ctx.running_for(&r.id, r.created)),
            ));
        }
        let problems = placement_problems(r, ctx.source(), ctx.config);
        Some(if problems.is_empty() {
            Check::new(
                StepState::Done,
                Text::new("check-restore-available").arg("restored", &r.id),
            )
        } else {
            Check {
                state: StepState::Failed,
                details: problems,
                problems: Vec::new(),
            }
        })
    }

    fn plan(&self, ctx: &Ctx<'_>, options: &Options) -> Ready {
        let config = ctx.config;
        let names = &config.names;
        if let Some(r) = ctx.restored() {
            return Ready::AlreadyDone(
                Text::new("already-instance")
                    .arg("instance", &r.id)
                    .arg("status", &r.status),
            );
        }
        if ctx.is_done(self.id()) {
            return Ready::AlreadyDone(
                Text::new("check-restore-removed").arg("restored", &names.restored_instance),
            );
        }
        if !ctx
            .observed
            .snapshot(&names.snapshot)
            .is_some_and(crate::cloud::DbSnapshot::is_available)
        {
            return Ready::Blocked(
                Text::new("blocked-snapshot-not-ready").arg("snapshot", &names.snapshot),
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
            param("param-snapshot", &request.snapshot_id),
            param("param-new-instance", &request.instance_id),
        ];
        params.extend(placement_params(&request.settings, src));
        let notes = [Text::new("note-restore-cost")]
            .into_iter()
            .chain(extended_support_note(&request.settings, src, ctx.now))
            .chain([
                Text::new("note-restore-unchanged"),
                Text::new("note-restore-new-instance"),
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
        let Request::Restore(request) = request else {
            return Err(wrong_request());
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
                Text::new("done-restore")
                    .arg("restored", i.id)
                    .arg("status", i.status),
            ])
        }
        Err(e) if e.kind == ErrorKind::AlreadyExists => Ok(vec![
            Text::new("already-instance")
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
    let tags = s
        .tags
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        param("param-class", &s.class),
        param(
            "param-multi-az",
            if s.multi_az { "Multi-AZ" } else { "Single-AZ" },
        ),
        param("param-security-groups", s.security_groups.join(", ")),
        param(
            "param-subnet-group",
            s.subnet_group.clone().unwrap_or_default(),
        ),
        param("param-storage", storage),
        param(
            "param-parameter-group",
            s.parameter_group.clone().unwrap_or_default(),
        ),
        param(
            "param-option-group",
            source.option_group.clone().unwrap_or_default(),
        ),
        param(
            "param-engine",
            match s.engine_lifecycle.as_deref() {
                Some(lifecycle) => format!("{} ({lifecycle})", source.engine),
                None => source.engine.clone(),
            },
        ),
        param("param-tags", tags),
    ]
}

/// The cost note on RDS Extended Support when the restore runs a major version past its
/// standard support, which the new instance is enrolled in (and billed for) by default.
pub(super) fn extended_support_note(
    s: &RestoreSettings,
    source: &DbInstance,
    now: Timestamp,
) -> Option<Text> {
    let ends = cloud::standard_support_end(source.engine_name(), source.engine_version()?)?;
    if now < ends || s.engine_lifecycle.as_deref() == Some(cloud::EXTENDED_SUPPORT_DISABLED) {
        return None;
    }
    let vcpus = cloud::vcpus(&s.class);
    let nodes = if s.multi_az { 2 } else { 1 };
    let cents = cloud::EXTENDED_SUPPORT_CENTS_PER_VCPU_HOUR * vcpus * nodes;
    Some(
        Text::new("note-extended-support")
            .arg("engine", source.engine.clone())
            .arg("ended", format::day(ends))
            .arg("vcpus", vcpus * nodes)
            .arg(
                "usd-per-hour",
                format!("{}.{:02}", cents / 100, cents % 100),
            ),
    )
}

/// What differs between a restored instance and the lab's settings.
#[must_use]
pub fn placement_problems(
    instance: &DbInstance,
    source: Option<&DbInstance>,
    config: &Config,
) -> Vec<Text> {
    let mut problems = Vec::new();
    if instance.multi_az != config.restore.multi_az {
        problems.push(Text::new(if instance.multi_az {
            "check-restore-multi-az"
        } else {
            "check-restore-single-az"
        }));
    }
    if instance.class != config.restore.class {
        problems.push(
            Text::new("check-restore-class")
                .arg("class", &instance.class)
                .arg("wanted", &config.restore.class),
        );
    }
    if let Some(src) = source {
        let mut have = instance.security_groups.clone();
        let mut want = src.security_groups.clone();
        have.sort();
        want.sort();
        if have != want {
            problems.push(
                Text::new("check-restore-groups")
                    .arg("groups", have.join(", "))
                    .arg("wanted", want.join(", ")),
            );
        }
        if instance.subnet_group != src.subnet_group {
            problems.push(
                Text::new("check-restore-subnet")
                    .arg("subnet", instance.subnet_group.clone().unwrap_or_default())
                    .arg("wanted", src.subnet_group.clone().unwrap_or_default()),
            );
        }
        // What RDS does not copy by itself: storage type, parameter and option group, and
        // the engine version (a restore without Extended Support moves to a newer major one).
        let unchanged = [
            (
                "check-restore-storage",
                &instance.storage_type,
                &src.storage_type,
            ),
            (
                "check-restore-parameter-group",
                &instance.parameter_group,
                &src.parameter_group,
            ),
            (
                "check-restore-option-group",
                &instance.option_group,
                &src.option_group,
            ),
        ];
        for (id, have, want) in unchanged {
            if let (Some(have), Some(want)) = (have, want)
                && have != want
            {
                problems.push(Text::new(id).arg("have", have).arg("wanted", want));
            }
        }
        if instance.engine_version() != src.engine_version() && !instance.engine.is_empty() {
            problems.push(
                Text::new("check-restore-engine")
                    .arg("have", &instance.engine)
                    .arg("wanted", &src.engine),
            );
        }
    }
    problems
}
