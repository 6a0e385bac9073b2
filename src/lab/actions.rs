//! Each step's action: first a [`Plan`] (exact parameters, the AWS CLI equivalent, cost notes
//! and warnings) that the learner confirms, then [`execute`], which looks at fresh state
//! before every change, so a second run finds the work done and says so.

use std::time::Duration;

use jiff::Timestamp;

use super::checks::{self, Ctx, TODOS_WANTED};
use super::observe::{Observed, observe_all};
use super::{StepId, Text};
use crate::cloud::{
    self, BackupSettings, Cloud, CloudError, DbInstance, ErrorKind, PitrRequest, RestoreRequest,
    RestoreSettings, SnapshotRequest, TaskDefinition,
};
use crate::config::Config;
use crate::validate::{self, Invalid};

/// Choices the learner makes for an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The backup window in local time.
    pub window_local: String,
    /// Cleanup path: keep the restored database (true) or go back (false).
    pub keep_restored: bool,
    /// Language of the sample todos the lab creates.
    pub lang: crate::i18n::Lang,
}

impl Options {
    #[must_use]
    pub fn from_config(config: &Config) -> Self {
        Self {
            window_local: config.backup.window_local.clone(),
            keep_restored: false,
            lang: crate::i18n::Lang::En,
        }
    }
}

/// How the learner confirms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    YesNo,
    /// The learner must type this word.
    Typed(String),
}

/// What an action will do, shown before it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub step: StepId,
    pub params: Vec<(Text, String)>,
    pub commands: Vec<String>,
    pub notes: Vec<Text>,
    pub confirm: Confirm,
}

/// Whether an action can run now.
#[derive(Debug, Clone, PartialEq)]
pub enum Ready {
    Plan(Plan),
    AlreadyDone(Text),
    Blocked(Text),
    Invalid(Invalid),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ActionError {
    #[error("{0}")]
    Cloud(CloudError),
    #[error("blocked: {0:?}")]
    Blocked(Text),
    #[error("invalid input: {0:?}")]
    Invalid(Invalid),
    /// A transient error that lasted through every attempt: backup-lab stopped trying.
    #[error("gave up after {attempts} attempts: {error}")]
    GaveUp { attempts: u32, error: CloudError },
}

impl From<CloudError> for ActionError {
    fn from(e: CloudError) -> Self {
        Self::Cloud(e)
    }
}

/// What an action did, line by line.
pub type Outcome = Vec<Text>;

fn param(id: &str, value: impl Into<String>) -> (Text, String) {
    (Text::new(id), value.into())
}

/// The UTC window for a local one, on the cloud's current date in the configured zone.
pub fn window_utc(config: &Config, window_local: &str, now: Timestamp) -> Result<String, Invalid> {
    let tz = config.timezone();
    let date = now.to_zoned(tz.clone()).date();
    validate::window_to_utc(window_local, &tz, date)
}

/// What a restore sets on the new instance: the lab's class and Multi-AZ, everything else as
/// the source has it ("the rest unchanged"), since RDS would otherwise pick its own defaults.
fn restore_settings(
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

/// The restore parameters.
fn restore_request(config: &Config, observed: &Observed) -> Option<RestoreRequest> {
    let source = observed.instance(&config.names.instance)?;
    Some(RestoreRequest {
        instance_id: config.names.restored_instance.clone(),
        snapshot_id: config.names.snapshot.clone(),
        settings: restore_settings(
            config,
            source,
            config.restore.multi_az,
            &config.names.snapshot,
        ),
    })
}

/// The point-in-time restore parameters, to the source's latest restorable time as observed.
fn pitr_request(config: &Config, observed: &Observed) -> Option<PitrRequest> {
    let source = observed.instance(&config.names.instance)?;
    Some(PitrRequest {
        source_id: source.id.clone(),
        target_id: config.names.pitr_instance.clone(),
        restore_time: source.latest_restorable,
        settings: restore_settings(config, source, false, &source.id),
    })
}

fn snapshot_request(config: &Config) -> SnapshotRequest {
    SnapshotRequest {
        instance_id: config.names.instance.clone(),
        snapshot_id: config.names.snapshot.clone(),
        tags: cloud::tool_tags(),
    }
}

/// Every setting a restore makes, one line each, as the confirmation shows them.
fn placement_params(s: &RestoreSettings, source: &DbInstance) -> Vec<(Text, String)> {
    let storage = match (s.storage_type.as_deref(), s.iops) {
        (Some(t), Some(iops)) if t.starts_with("io") => {
            format!("{t}, {} GiB, {iops} IOPS", source.storage_gib)
        }
        (Some(t), _) => format!("{t}, {} GiB", source.storage_gib),
        (None, _) => format!("{} GiB", source.storage_gib),
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
fn extended_support_note(s: &RestoreSettings, source: &DbInstance, now: Timestamp) -> Option<Text> {
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
            .arg("ended", ends.strftime("%Y-%m-%d").to_string())
            .arg("vcpus", vcpus * nodes)
            .arg(
                "usd-per-hour",
                format!("{}.{:02}", cents / 100, cents % 100),
            ),
    )
}

/// The plan for `step`, from what is observed now.
#[must_use]
pub fn plan(step: StepId, ctx: &Ctx<'_>, options: &Options) -> Ready {
    let config = ctx.config;
    let names = &config.names;
    let observed = ctx.observed;
    let source = observed.instance(&names.instance);
    let done = checks::check(step, ctx).is_some_and(|c| c.state == super::StepState::Done);
    let yes_no = |params, commands, notes| {
        Ready::Plan(Plan {
            step,
            params,
            commands,
            notes,
            confirm: Confirm::YesNo,
        })
    };
    match step {
        StepId::Concepts | StepId::Protection | StepId::Summary => {
            Ready::Blocked(Text::new("action-none"))
        }
        StepId::EnableBackups => {
            let Some(src) = source else {
                return Ready::Blocked(
                    Text::new("check-source-missing").arg("instance", &names.instance),
                );
            };
            let utc = match window_utc(config, &options.window_local, ctx.now) {
                Ok(w) => w,
                Err(e) => return Ready::Invalid(e),
            };
            if let Err(e) = validate::backup_window_utc(
                &utc,
                src.maintenance_window.as_deref().unwrap_or_default(),
            ) {
                return Ready::Invalid(e);
            }
            let want = config.backup.retention_days;
            let retention_set = src.retention_days == want || src.pending_retention == Some(want);
            if retention_set && src.backup_window.as_deref() == Some(utc.as_str()) {
                return Ready::AlreadyDone(
                    Text::new("already-backups")
                        .arg("retention", src.retention_days)
                        .arg("window", utc),
                );
            }
            if !src.is_available() {
                return Ready::Blocked(
                    Text::new("blocked-instance-busy")
                        .arg("instance", &src.id)
                        .arg("status", &src.status),
                );
            }
            let settings = BackupSettings {
                instance_id: src.id.clone(),
                retention_days: config.backup.retention_days,
                window_utc: utc.clone(),
                apply_immediately: true,
            };
            let mut notes = Vec::new();
            if src.retention_days == 0 && settings.retention_days > 0 {
                notes.push(Text::new("note-outage"));
            }
            notes.push(Text::new("note-backup-storage"));
            yes_no(
                vec![
                    param("param-instance", &src.id),
                    param("param-retention", format!("{}", settings.retention_days)),
                    param(
                        "param-window-local",
                        format!(
                            "{} ({})",
                            options.window_local,
                            config.timezone().iana_name().unwrap_or("local")
                        ),
                    ),
                    param("param-window-utc", utc),
                    param("param-apply-immediately", "@param-value-yes"),
                ],
                vec![cloud::cli::modify_backup(&settings)],
                notes,
            )
        }
        StepId::CreateTodos => {
            let count = observed.todo_count().unwrap_or(0);
            if done || count >= TODOS_WANTED {
                return Ready::AlreadyDone(
                    Text::new("already-todos").arg("count", count.max(ctx.journal.max_todos())),
                );
            }
            if let Some(e) = observed
                .todos
                .error
                .as_ref()
                .filter(|e| e.kind == ErrorKind::TodoAnswer)
            {
                return Ready::Blocked(crate::ui_text::error_text(e));
            }
            if let Some(e) = &observed.todos.error {
                return Ready::Blocked(
                    Text::new("blocked-app-unreachable").arg("code", e.code.clone()),
                );
            }
            let missing = TODOS_WANTED - count;
            yes_no(
                vec![param("param-todos-to-create", missing.to_string())],
                vec![cloud::cli::create_todo("…")],
                vec![Text::new("note-browser-alternative")],
            )
        }
        StepId::Snapshot => {
            if let Some(s) = observed.snapshot(&names.snapshot) {
                return Ready::AlreadyDone(
                    Text::new("already-snapshot")
                        .arg("snapshot", &s.id)
                        .arg("status", &s.status),
                );
            }
            if done {
                return Ready::AlreadyDone(
                    Text::new("check-snapshot-gone").arg("snapshot", &names.snapshot),
                );
            }
            let Some(src) = source else {
                return Ready::Blocked(
                    Text::new("check-source-missing").arg("instance", &names.instance),
                );
            };
            if !src.is_available() {
                return Ready::Blocked(
                    Text::new("blocked-instance-busy")
                        .arg("instance", &src.id)
                        .arg("status", &src.status),
                );
            }
            yes_no(
                vec![
                    param("param-instance", &src.id),
                    param("param-snapshot", &names.snapshot),
                ],
                vec![cloud::cli::create_snapshot(&snapshot_request(config))],
                vec![Text::new("note-snapshot-cost")],
            )
        }
        StepId::DeleteTodos => {
            if done {
                return Ready::AlreadyDone(Text::new("check-disaster-done"));
            }
            if !observed
                .snapshot(&names.snapshot)
                .is_some_and(crate::cloud::DbSnapshot::is_available)
            {
                return Ready::Blocked(
                    Text::new("check-disaster-wait-snapshot").arg("snapshot", &names.snapshot),
                );
            }
            let count = observed.todo_count().unwrap_or(0);
            yes_no(
                vec![param("param-todos-to-delete", count.to_string())],
                vec![cloud::cli::delete_todo(&cloud::TodoId::from(1)).replace("/1", "/<id>")],
                vec![Text::new("note-disaster")],
            )
        }
        StepId::Restore => {
            if let Some(r) = observed.instance(&names.restored_instance) {
                return Ready::AlreadyDone(
                    Text::new("already-instance")
                        .arg("instance", &r.id)
                        .arg("status", &r.status),
                );
            }
            if done {
                return Ready::AlreadyDone(
                    Text::new("check-restore-removed").arg("restored", &names.restored_instance),
                );
            }
            if !observed
                .snapshot(&names.snapshot)
                .is_some_and(crate::cloud::DbSnapshot::is_available)
            {
                return Ready::Blocked(
                    Text::new("blocked-snapshot-not-ready").arg("snapshot", &names.snapshot),
                );
            }
            let Some(request) = restore_request(config, observed) else {
                return Ready::Blocked(
                    Text::new("check-source-missing").arg("instance", &names.instance),
                );
            };
            let Some(src) = source else {
                return Ready::Blocked(
                    Text::new("check-source-missing").arg("instance", &names.instance),
                );
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
            yes_no(params, vec![cloud::cli::restore(&request)], notes)
        }
        StepId::SwitchBackend => plan_switch(step, ctx),
        StepId::Verify => {
            if done {
                return Ready::AlreadyDone(
                    Text::new("check-verify-done").arg("count", observed.todo_count().unwrap_or(0)),
                );
            }
            yes_no(vec![], vec![cloud::cli::list_todos()], vec![])
        }
        StepId::Pitr => {
            if let Some(p) = observed.instance(&names.pitr_instance) {
                return Ready::AlreadyDone(
                    Text::new("already-instance")
                        .arg("instance", &p.id)
                        .arg("status", &p.status),
                );
            }
            let Some(src) = source else {
                return Ready::Blocked(
                    Text::new("check-source-missing").arg("instance", &names.instance),
                );
            };
            if src.latest_restorable.is_none() {
                return Ready::Blocked(Text::new("check-pitr-needs-backups"));
            }
            let Some(request) = pitr_request(config, observed) else {
                return Ready::Blocked(Text::new("action-none"));
            };
            let mut params = vec![
                param("param-source", &request.source_id),
                param("param-new-instance", &request.target_id),
                param(
                    "param-restore-time",
                    src.latest_restorable
                        .map(|t| {
                            t.to_zoned(config.timezone())
                                .strftime("%Y-%m-%d %H:%M:%S %Z")
                                .to_string()
                        })
                        .unwrap_or_default(),
                ),
            ];
            params.extend(placement_params(&request.settings, src));
            let notes = [Text::new("note-pitr-cost")]
                .into_iter()
                .chain(extended_support_note(&request.settings, src, ctx.now))
                .chain([Text::new("note-pitr-point")])
                .collect();
            yes_no(params, vec![cloud::cli::restore_pitr(&request)], notes)
        }
        StepId::Cleanup => {
            let left = checks::leftovers(observed, config, options.keep_restored);
            if left.is_empty() {
                return Ready::AlreadyDone(Text::new("already-clean"));
            }
            // RDS refuses to delete a snapshot while it is being made; nothing is deleted
            // before it is available.
            if let Some(s) = observed
                .snapshot(&names.snapshot)
                .filter(|s| s.status == "creating")
            {
                return Ready::Blocked(
                    Text::new("blocked-snapshot-creating")
                        .arg("snapshot", &s.id)
                        .arg("percent", s.percent),
                );
            }
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
            let word = if options.keep_restored {
                names.snapshot.clone()
            } else {
                names.restored_instance.clone()
            };
            let path = if options.keep_restored {
                "param-cleanup-keep"
            } else {
                "param-cleanup-back"
            };
            let mut params = vec![(Text::new("param-cleanup-path"), String::new())];
            params[0].1 = format!("@{path}");
            Ready::Plan(Plan {
                step,
                params,
                commands,
                notes: left
                    .into_iter()
                    .chain([Text::new("note-source-untouched").arg("instance", &names.instance)])
                    .collect(),
                confirm: Confirm::Typed(word),
            })
        }
    }
}

fn plan_switch(step: StepId, ctx: &Ctx<'_>) -> Ready {
    let names = &ctx.config.names;
    let observed = ctx.observed;
    let Some(restored) = observed.instance(&names.restored_instance) else {
        return Ready::Blocked(
            Text::new("blocked-no-restore").arg("restored", &names.restored_instance),
        );
    };
    // The switch waits until the database takes connections (available, or backing-up right
    // after creating); earlier, the new tasks would fail their health checks.
    let Some(endpoint) = restored
        .endpoint
        .clone()
        .filter(|_| restored.accepts_connections())
    else {
        return Ready::Blocked(
            Text::new("blocked-no-endpoint")
                .arg("restored", &restored.id)
                .arg("status", &restored.status),
        );
    };
    let Some(current) = observed.current_task_definition() else {
        return Ready::Blocked(Text::new("check-not-read-yet"));
    };
    if current.env(&names.container, "DB_HOST") == Some(endpoint.as_str()) {
        return Ready::AlreadyDone(Text::new("already-switched").arg("revision", current.revision));
    }
    let register =
        cloud::cli::register_revision(&current.arn, &names.container, "DB_HOST", &endpoint);
    Ready::Plan(Plan {
        step,
        params: vec![
            param("param-family", &current.family),
            param("param-base-revision", current.revision.to_string()),
            param("param-db-host", &endpoint),
            param("param-cluster", &names.cluster),
            param("param-service", &names.service),
        ],
        commands: vec![
            register,
            cloud::cli::update_service(
                &names.cluster,
                &names.service,
                &format!("{}:<new>", current.family),
            ),
        ],
        notes: vec![Text::new("note-rollout")],
        confirm: Confirm::YesNo,
    })
}

/// A progress report from a running action.
pub type Progress<'a> = &'a (dyn Fn(Text) + Send + Sync);

/// How long an action waits for a rollout before deleting what the old tasks used.
const ROLLOUT_WAIT_LIMIT: Duration = Duration::from_secs(30 * 60);
const ACTION_POLL: Duration = Duration::from_secs(2);

/// Performs `step`'s action against fresh state. Each change is made only when it is still
/// missing, so running an action twice finds the work done.
pub async fn execute(
    step: StepId,
    cloud: &dyn Cloud,
    config: &Config,
    journal: &std::sync::Mutex<super::journal::Journal>,
    options: &Options,
    progress: Progress<'_>,
) -> Result<Outcome, ActionError> {
    let mut observed = Observed::default();
    observe_all(cloud, config, &mut observed).await;
    execute_seen(step, &observed, cloud, config, journal, options, progress).await
}

/// [`execute`] on state the caller has just observed (every part, no older than the last
/// change), which saves a round of looks when the caller has one at hand.
pub async fn execute_seen(
    step: StepId,
    observed: &Observed,
    cloud: &dyn Cloud,
    config: &Config,
    journal: &std::sync::Mutex<super::journal::Journal>,
    options: &Options,
    progress: Progress<'_>,
) -> Result<Outcome, ActionError> {
    let names = &config.names;
    if let Some(e) = observed.instances.error.clone() {
        return Err(e.into());
    }
    // A passing failure in a part the step works on is retried with a fresh look.
    if let Some(e) = step
        .parts()
        .iter()
        .filter_map(|part| observed.error(*part))
        .find(|e| e.kind.is_transient())
    {
        return Err(e.clone().into());
    }
    let ready = {
        let journal = journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let ctx = Ctx {
            observed,
            journal: &journal,
            config,
            now: cloud.now(),
        };
        plan(step, &ctx, options)
    };
    match ready {
        Ready::AlreadyDone(text) => return Ok(vec![text]),
        Ready::Blocked(text) => return Err(ActionError::Blocked(text)),
        Ready::Invalid(e) => return Err(ActionError::Invalid(e)),
        Ready::Plan(_) => {}
    }
    let record = |kind| {
        let now = cloud.now();
        journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .record(now, now, kind);
    };
    let mut out = Vec::new();
    match step {
        StepId::Concepts | StepId::Protection | StepId::Summary => {}
        StepId::EnableBackups => {
            let utc = window_utc(config, &options.window_local, cloud.now())
                .map_err(ActionError::Invalid)?;
            let settings = BackupSettings {
                instance_id: names.instance.clone(),
                retention_days: config.backup.retention_days,
                window_utc: utc.clone(),
                apply_immediately: true,
            };
            let after = cloud.modify_backup(&settings).await?;
            out.push(
                Text::new("done-backups")
                    .arg("retention", settings.retention_days)
                    .arg("window", utc)
                    .arg("status", after.status),
            );
        }
        StepId::CreateTodos => {
            let existing = seen_todos(observed)?.len();
            let titles = crate::i18n::t(options.lang, "todo-sample-titles");
            let titles: Vec<&str> = titles.split('|').collect();
            for n in existing..TODOS_WANTED {
                let title = titles.get(n).copied().unwrap_or("Todo");
                let todo = cloud.create_todo(title).await?;
                progress(Text::new("progress-todo-created").arg("title", todo.title));
            }
            out.push(Text::new("done-todos").arg("count", TODOS_WANTED));
        }
        StepId::Snapshot => match untagged_if_denied(
            snapshot_request(config),
            |r| &mut r.tags,
            |r| async move { cloud.create_snapshot(&r).await },
            progress,
        )
        .await
        {
            Ok(s) => {
                record(super::journal::EventKind::SnapshotRequested { id: s.id.clone() });
                out.push(Text::new("done-snapshot").arg("snapshot", s.id));
            }
            Err(e) if e.kind == ErrorKind::AlreadyExists => out.push(
                Text::new("already-snapshot")
                    .arg("snapshot", &names.snapshot)
                    .arg("status", "?"),
            ),
            Err(e) => return Err(e.into()),
        },
        StepId::DeleteTodos => {
            let todos = seen_todos(observed)?;
            let started = cloud.now();
            let lost: Vec<String> = todos.iter().map(|t| t.title.clone()).collect();
            for todo in &todos {
                match cloud.delete_todo(&todo.id).await {
                    Ok(()) => progress(
                        Text::new("progress-todo-deleted").arg("title", todo.title.clone()),
                    ),
                    Err(e) if e.kind == ErrorKind::NotFound => {}
                    Err(e) => return Err(e.into()),
                }
            }
            journal
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .record(
                    started,
                    cloud.now(),
                    super::journal::EventKind::Disaster { lost },
                );
            out.push(Text::new("done-disaster").arg("count", todos.len()));
        }
        StepId::Restore => {
            let request = restore_request(config, observed).ok_or_else(|| {
                ActionError::Blocked(
                    Text::new("check-source-missing").arg("instance", &names.instance),
                )
            })?;
            let requested = cloud.now();
            match untagged_if_denied(
                request.clone(),
                |r| &mut r.settings.tags,
                |r| async move { cloud.restore_from_snapshot(&r).await },
                progress,
            )
            .await
            {
                Ok(i) => {
                    // The request time: RDS shows no create time while the instance is made.
                    journal
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .record(
                            requested,
                            cloud.now(),
                            super::journal::EventKind::RestoreRequested {
                                instance: i.id.clone(),
                            },
                        );
                    out.push(
                        Text::new("done-restore")
                            .arg("restored", i.id)
                            .arg("status", i.status),
                    );
                }
                Err(e) if e.kind == ErrorKind::AlreadyExists => out.push(
                    Text::new("already-instance")
                        .arg("instance", &request.instance_id)
                        .arg("status", "?"),
                ),
                Err(e) => return Err(e.into()),
            }
        }
        StepId::SwitchBackend => out.extend(switch_backend(cloud, config, observed).await?),
        StepId::Verify => {
            let todos = seen_todos(observed)?;
            if todos.is_empty() {
                return Err(ActionError::Blocked(Text::new("check-verify-empty")));
            }
            record(super::journal::EventKind::TodosVerified { count: todos.len() });
            out.push(Text::new("check-verify-done").arg("count", todos.len()));
        }
        StepId::Pitr => {
            // The restore point is read right before the request, not from an older look:
            // the latest restorable time moves on every few minutes.
            let fresh = cloud.describe_instances().await?;
            let mut request = pitr_request(config, observed)
                .ok_or_else(|| ActionError::Blocked(Text::new("action-none")))?;
            request.restore_time = fresh
                .iter()
                .find(|i| i.id == request.source_id)
                .and_then(|i| i.latest_restorable)
                .ok_or_else(|| ActionError::Blocked(Text::new("check-pitr-needs-backups")))?
                .into();
            let requested = cloud.now();
            match untagged_if_denied(
                request.clone(),
                |r| &mut r.settings.tags,
                |r| async move { cloud.restore_to_point_in_time(&r).await },
                progress,
            )
            .await
            {
                Ok(i) => {
                    journal
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .record(
                            requested,
                            cloud.now(),
                            super::journal::EventKind::PitrRequested {
                                instance: i.id.clone(),
                                restored_to: request.restore_time,
                            },
                        );
                    out.push(
                        Text::new("done-restore")
                            .arg("restored", i.id)
                            .arg("status", i.status),
                    );
                }
                Err(e) if e.kind == ErrorKind::AlreadyExists => out.push(
                    Text::new("already-instance")
                        .arg("instance", &request.target_id)
                        .arg("status", "?"),
                ),
                Err(e) => return Err(e.into()),
            }
        }
        StepId::Cleanup => {
            record(super::journal::EventKind::CleanupChosen {
                keep_restored: options.keep_restored,
            });
            out.extend(cleanup(cloud, config, observed, options.keep_restored, progress).await?);
            record(super::journal::EventKind::CleanupDone);
        }
    }
    record(super::journal::EventKind::Action { step, ok: true });
    Ok(out)
}

/// Attempts an action makes when a transient error (throttling, 5xx, timeout) stops it.
pub const ATTEMPTS: u32 = 5;
const FIRST_RETRY: Duration = Duration::from_secs(2);

/// [`execute`], tried again after transient errors with exponential backoff and jitter.
/// Safe because every attempt looks at fresh state first: work that went through before the
/// error (a lost answer) is found and not repeated.
/// `seen`, when given, is fresh state for the first attempt (see [`execute_seen`]).
pub async fn execute_with_retry(
    step: StepId,
    cloud: &dyn Cloud,
    config: &Config,
    journal: &std::sync::Mutex<super::journal::Journal>,
    options: &Options,
    progress: Progress<'_>,
    mut seen: Option<&Observed>,
) -> Result<Outcome, ActionError> {
    let mut delay = FIRST_RETRY;
    let mut attempt = 1;
    loop {
        let result = match seen.take() {
            Some(observed) => {
                execute_seen(step, observed, cloud, config, journal, options, progress).await
            }
            None => execute(step, cloud, config, journal, options, progress).await,
        };
        match result {
            Err(ActionError::Cloud(e)) if e.kind.is_transient() && attempt < ATTEMPTS => {
                let jitter = Duration::from_millis(fastrand::u64(0..500));
                progress(
                    Text::new("progress-retry")
                        .arg("code", e.code.clone())
                        .arg("attempt", attempt + 1)
                        .arg("attempts", ATTEMPTS)
                        .arg("seconds", i64::try_from(delay.as_secs()).unwrap_or(0)),
                );
                cloud.pause(delay + jitter).await;
                delay *= 2;
                attempt += 1;
            }
            Err(ActionError::Cloud(e)) if e.kind.is_transient() => {
                return Err(ActionError::GaveUp {
                    attempts: attempt,
                    error: e,
                });
            }
            other => return other,
        }
    }
}

/// The tagging permission AWS names when it refuses a create call because of its tags
/// (`rds:AddTagsToResource`, `ecs:TagResource`): a role may allow the create and deny the tagging.
fn denied_tagging(e: &CloudError) -> Option<&'static str> {
    if e.kind != ErrorKind::AccessDenied {
        return None;
    }
    ["rds:AddTagsToResource", "ecs:TagResource"]
        .into_iter()
        .find(|action| e.message.contains(action))
}

/// Makes a create call; when AWS refuses it because of its tags, says so and tries once more
/// without them.
async fn untagged_if_denied<R, T, F, Fut>(
    mut request: R,
    tags: impl Fn(&mut R) -> &mut Vec<(String, String)>,
    call: F,
    progress: Progress<'_>,
) -> Result<T, CloudError>
where
    R: Clone,
    F: Fn(R) -> Fut,
    Fut: std::future::Future<Output = Result<T, CloudError>>,
{
    match call(request.clone()).await {
        Err(e) if !tags(&mut request).is_empty() => match denied_tagging(&e) {
            Some(action) => {
                progress(Text::new("progress-untagged").arg("action", action));
                tags(&mut request).clear();
                call(request).await
            }
            None => Err(e),
        },
        other => other,
    }
}

/// The todo list of a fresh look; its error if the todo app did not answer.
fn seen_todos(observed: &Observed) -> Result<Vec<crate::cloud::Todo>, ActionError> {
    match (&observed.todos.value, &observed.todos.error) {
        (_, Some(e)) => Err(e.clone().into()),
        (Some(todos), None) => Ok(todos.clone()),
        (None, None) => Ok(Vec::new()),
    }
}

/// Finds a registered revision equal to `current` except that DB_HOST is `endpoint`.
async fn find_revision(
    cloud: &dyn Cloud,
    current: &TaskDefinition,
    container: &str,
    endpoint: &str,
) -> Result<Option<TaskDefinition>, CloudError> {
    const LOOK_BACK: usize = 10;
    let arns = cloud.list_task_definitions(&current.family).await?;
    for arn in arns.iter().rev().take(LOOK_BACK) {
        let td = cloud.describe_task_definition(arn).await?;
        if td.env(container, "DB_HOST") == Some(endpoint)
            && td.same_except(current, container, "DB_HOST")
        {
            return Ok(Some(td));
        }
    }
    Ok(None)
}

async fn switch_backend(
    cloud: &dyn Cloud,
    config: &Config,
    observed: &Observed,
) -> Result<Outcome, ActionError> {
    let names = &config.names;
    let endpoint = observed
        .instance(&names.restored_instance)
        .and_then(|r| r.endpoint.clone())
        .ok_or_else(|| {
            ActionError::Blocked(
                Text::new("blocked-no-restore").arg("restored", &names.restored_instance),
            )
        })?;
    let service = cloud
        .describe_service(&names.cluster, &names.service)
        .await?;
    let current = cloud
        .describe_task_definition(&service.task_definition)
        .await?;
    let mut out = Vec::new();
    let target =
        if let Some(td) = find_revision(cloud, &current, &names.container, &endpoint).await? {
            out.push(Text::new("done-revision-reused").arg("revision", td.revision));
            td
        } else {
            let td = cloud
                .register_revision(&current.arn, &names.container, "DB_HOST", &endpoint)
                .await?;
            out.push(Text::new("done-revision-registered").arg("revision", td.revision));
            td
        };
    cloud
        .update_service(&names.cluster, &names.service, &target.arn)
        .await?;
    out.push(
        Text::new("done-service-updated")
            .arg("service", &names.service)
            .arg("revision", target.revision),
    );
    Ok(out)
}

async fn cleanup(
    cloud: &dyn Cloud,
    config: &Config,
    observed: &Observed,
    keep_restored: bool,
    progress: Progress<'_>,
) -> Result<Outcome, ActionError> {
    let names = &config.names;
    let mut out = Vec::new();
    if !keep_restored {
        let service = cloud
            .describe_service(&names.cluster, &names.service)
            .await?;
        let current = cloud
            .describe_task_definition(&service.task_definition)
            .await?;
        let source_ep = observed
            .instance(&names.instance)
            .and_then(|s| s.endpoint.clone())
            .ok_or_else(|| {
                ActionError::Blocked(
                    Text::new("check-source-missing").arg("instance", &names.instance),
                )
            })?;
        if current.env(&names.container, "DB_HOST") != Some(source_ep.as_str()) {
            let original = match find_revision(cloud, &current, &names.container, &source_ep)
                .await?
            {
                Some(td) => td,
                None => {
                    cloud
                        .register_revision(&current.arn, &names.container, "DB_HOST", &source_ep)
                        .await?
                }
            };
            cloud
                .update_service(&names.cluster, &names.service, &original.arn)
                .await?;
            out.push(
                Text::new("done-service-updated")
                    .arg("service", &names.service)
                    .arg("revision", original.revision),
            );
            let waited = wait_for_rollout(cloud, config, progress).await?;
            if !waited {
                return Err(ActionError::Blocked(Text::new("blocked-rollout-slow")));
            }
            if current.status == "ACTIVE" {
                cloud.deregister_task_definition(&current.arn).await?;
                out.push(Text::new("done-revision-deregistered").arg("revision", current.revision));
            }
        }
        if let Some(r) = observed
            .instance(&names.restored_instance)
            .filter(|r| r.status != "deleting")
        {
            delete_instance(cloud, config, &r.id).await?;
            out.push(Text::new("done-instance-deleted").arg("instance", r.id.clone()));
        }
    }
    if let Some(p) = observed
        .instance(&names.pitr_instance)
        .filter(|p| p.status != "deleting")
    {
        delete_instance(cloud, config, &p.id).await?;
        out.push(Text::new("done-instance-deleted").arg("instance", p.id.clone()));
    }
    if observed
        .snapshot(&names.snapshot)
        .is_some_and(|s| s.status != "deleting")
    {
        match cloud.delete_snapshot(&names.snapshot).await {
            Ok(())
            | Err(CloudError {
                kind: ErrorKind::NotFound,
                ..
            }) => {}
            Err(e) => return Err(e.into()),
        }
        out.push(Text::new("done-snapshot-deleted").arg("snapshot", &names.snapshot));
    }
    Ok(out)
}

/// Deletes an instance the lab created; never the learner's original.
async fn delete_instance(cloud: &dyn Cloud, config: &Config, id: &str) -> Result<(), ActionError> {
    let names = &config.names;
    let lab_made = id == names.restored_instance || id == names.pitr_instance;
    if id == names.instance || !lab_made {
        return Err(ActionError::Blocked(
            Text::new("blocked-protected").arg("instance", id),
        ));
    }
    match cloud.delete_instance(id).await {
        Ok(())
        | Err(CloudError {
            kind: ErrorKind::NotFound,
            ..
        }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

async fn wait_for_rollout(
    cloud: &dyn Cloud,
    config: &Config,
    progress: Progress<'_>,
) -> Result<bool, ActionError> {
    let names = &config.names;
    let mut waited = Duration::ZERO;
    while waited < ROLLOUT_WAIT_LIMIT {
        let service = cloud
            .describe_service(&names.cluster, &names.service)
            .await?;
        if service.is_stable() {
            return Ok(true);
        }
        // A rollout that failed or whose tasks keep failing will not get stable by waiting.
        if let Some(d) = service.troubled() {
            return Err(ActionError::Blocked(
                Text::new("blocked-rollout-failed")
                    .arg(
                        "revision",
                        cloud::revision_of(&d.task_definition).unwrap_or(0),
                    )
                    .arg("failed", d.failed_tasks)
                    .arg("service", &names.service),
            ));
        }
        if let Some(p) = service.primary() {
            progress(
                Text::new("check-switch-rollout")
                    .arg("running", p.running)
                    .arg("desired", p.desired)
                    .arg("tasks", service.running),
            );
        }
        cloud.pause(ACTION_POLL).await;
        waited += ACTION_POLL;
    }
    Ok(false)
}
