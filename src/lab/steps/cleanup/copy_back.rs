//! The copy back (dump & restore): the plan's copy of the restored database into the
//! original one, and running it. One Fargate task next to the service copies the data
//! (`copy_data`); after the service is back on its original revision, `served_from_source`
//! checks through the app that the original database serves the restored todos. Any failure
//! stops there, and the error says where things stand.

use std::time::Duration;

use super::Ctx;
use crate::cloud::consistent::CONSISTENCY_WINDOW_S;
use crate::cloud::{
    self, CloudError, ErrorKind, InstanceStatus, RunTaskRequest, STARTED_BY, Task, TaskDefinition,
};
use crate::lab::Text;
use crate::lab::act::{ATTEMPTS, ActionError, Outcome, Run};
use crate::lab::dump::{DUMP_CONTAINER, DumpRequestError, DumpTaskRequest, dump_task_definition};
use crate::lab::journal::{EventKind, Kind};
use crate::lab::plan::CopyBack;
use crate::msg;

/// The latest copy back, when it failed and no copy started since: what ECS said.
pub(super) fn last_failed_copy(ctx: &Ctx<'_>) -> Option<Text> {
    if !ctx.journal.after_last(Kind::CopyFailed, Kind::CopyStarted) {
        return None;
    }
    let event = ctx.journal.last(Kind::CopyFailed)?;
    let EventKind::CopyFailed {
        reason, exit_code, ..
    } = &event.kind
    else {
        return None;
    };
    Some(
        Text::new(msg::CHECK_CLEANUP_COPY_FAILED)
            .arg("reason", reason.clone().unwrap_or_else(|| "–".to_owned()))
            .arg(
                "code",
                exit_code.map_or_else(|| "–".to_owned(), |c| c.to_string()),
            )
            .arg("restored", ctx.restored_name()),
    )
}

/// Whether a copy into the original database went through since the latest restore.
pub(super) fn copied(ctx: &Ctx<'_>) -> bool {
    ctx.journal.has(Kind::CopyDone)
        && ctx
            .journal
            .after_last(Kind::CopyDone, Kind::RestoreRequested)
}

/// The todo titles of the restored database, sorted: what the app serves while it runs on it,
/// else what it served when the recovery was verified.
pub(super) fn restored_titles(ctx: &Ctx<'_>) -> Option<Vec<String>> {
    let mut titles: Vec<String> = if ctx.backend_on_restored() {
        ctx.observed
            .todos
            .value
            .as_ref()?
            .iter()
            .map(|t| t.title.clone())
            .collect()
    } else {
        let verified = ctx.journal.last(Kind::TodosVerified)?.at;
        ctx.journal
            .todos_at(verified)?
            .iter()
            .map(|(_, title)| title.clone())
            .collect()
    };
    titles.sort();
    Some(titles)
}

/// The copy of the restored database into `target` (the original), with the credentials of
/// the service's revision `current`.
pub(super) fn copy_back(
    ctx: &Ctx<'_>,
    current: &TaskDefinition,
    target: &cloud::DbInstance,
) -> Result<CopyBack, Text> {
    let names = &ctx.config.names;
    let restored = ctx
        .restored()
        .filter(|r| r.status != InstanceStatus::Deleting)
        .ok_or_else(|| {
            Text::new(msg::BLOCKED_COPY_NO_RESTORED).arg("restored", ctx.restored_name())
        })?;
    if !restored.accepts_connections() {
        return Err(Text::new(msg::BLOCKED_COPY_NOT_READY)
            .arg("restored", &restored.id)
            .arg("status", &restored.status));
    }
    let network = ctx
        .observed
        .service
        .value
        .as_ref()
        .and_then(|s| s.network.clone())
        .ok_or_else(|| Text::new(msg::BLOCKED_COPY_NO_NETWORK).arg("service", &names.service))?;
    let dump = DumpTaskRequest::new(&current.arn, &names.container, restored, target).map_err(
        |e| match e {
            DumpRequestError::NoEndpoint(id) => Text::new(msg::BLOCKED_COPY_NOT_READY)
                .arg("restored", id)
                .arg("status", &restored.status),
            DumpRequestError::NoDatabase(id) => {
                Text::new(msg::BLOCKED_COPY_NO_DATABASE).arg("instance", id)
            }
            DumpRequestError::Engine(engine) => {
                Text::new(msg::BLOCKED_COPY_ENGINE).arg("engine", engine)
            }
        },
    )?;
    Ok(CopyBack {
        cluster: names.cluster.clone(),
        dump,
        network,
    })
}

/// Where things stand when dump & restore stops before deleting (nothing is deleted): the
/// service still on the restored database and the copy to start over (`Stand::Restored`),
/// the copy task still running (`Stand::Copying`), or the service already back
/// (`Stand::Switched`).
#[derive(Clone, Copy)]
enum Stand {
    Restored,
    Copying,
    Switched,
}

fn stand(run: &Run<'_>, stand: Stand) -> Text {
    let names = &run.config.names;
    Text::new(match stand {
        Stand::Restored => msg::COPYBACK_STAND_RESTORED,
        Stand::Copying => msg::COPYBACK_STAND_COPYING,
        Stand::Switched => msg::COPYBACK_STAND_SWITCHED,
    })
    .arg("restored", run.restored_name())
    .arg("snapshot", &names.snapshot)
    .arg("service", &names.service)
    .arg("instance", &names.instance)
}

/// How often the copy task is looked at (cloud time; at most every 2 s of real time), and how
/// long it may take. Its statuses last tens of seconds each.
const COPY_POLL: Duration = Duration::from_secs(2);
const COPY_POLL_CLOUD_S: f64 = 5.0;
const COPY_WAIT_LIMIT_S: i64 = 20 * 60;

/// The real time between two looks: [`COPY_POLL`], or less in a fast simulation, so each
/// status of the task is seen.
fn copy_poll(cloud: &dyn cloud::Cloud) -> Duration {
    match cloud.mode() {
        cloud::Mode::Simulation { speed } if speed > 0.0 => {
            COPY_POLL.min(Duration::from_secs_f64(COPY_POLL_CLOUD_S / speed))
        }
        _ => COPY_POLL,
    }
}

/// Runs the dump task (or follows the one a run before started) until it stops: the lines
/// it adds to the outcome, or why the copy failed and where things stand.
pub(super) async fn copy_data(run: &Run<'_>, copy: &CopyBack) -> Result<Outcome, ActionError> {
    let cloud = run.cloud;
    let td = crate::lab::act::untagged_if_denied(
        copy.dump.clone(),
        |r| &mut r.tags,
        |r| async move { dump_task_definition(cloud, &r).await },
        run.progress,
    )
    .await?;
    let mut out = vec![
        Text::new(msg::DONE_DUMP_READY)
            .arg("family", td.family.clone())
            .arg("revision", td.revision),
    ];
    let open = {
        let journal = run
            .journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        journal.open_copy().map(str::to_owned).zip(
            journal
                .last(Kind::CopyStarted)
                .map(|e| e.at)
                .or_else(|| Some(cloud.now())),
        )
    };
    // A copy a run before started (and did not see end) is followed, not started again.
    let resumed = match open {
        Some((arn, started)) => find_started_task(cloud, &copy.cluster, &arn, started).await?,
        None => None,
    };
    let task = if let Some(task) = resumed {
        task
    } else {
        // The token makes a RunTask retried after a lost answer return the task the first
        // call started; a copy started deliberately after the last one gets a new token.
        let attempt = copies_started(
            &run.journal
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        let task = cloud.run_task(&run_request(copy, &td.arn, attempt)).await?;
        run.record_since(
            task.created.unwrap_or_else(|| cloud.now()),
            EventKind::CopyStarted {
                task: task.arn.clone(),
                task_definition: td.arn.clone(),
            },
        );
        task
    };
    out.push(Text::new(msg::DONE_COPY_STARTED).arg("task", task.id().to_owned()));
    let task = follow(run, &copy.cluster, task).await?;
    let logs = logs_text(&td, &task, &copy.cluster);
    if task.succeeded() {
        run.record_since(
            task.stopped.unwrap_or_else(|| cloud.now()),
            EventKind::CopyDone {
                task: task.arn.clone(),
            },
        );
        out.push(
            Text::new(msg::DONE_COPIED)
                .arg("restored", run.restored_name())
                .arg("instance", &run.config.names.instance),
        );
        out.push(logs);
        return Ok(out);
    }
    run.record_since(
        task.stopped.unwrap_or_else(|| cloud.now()),
        EventKind::CopyFailed {
            task: task.arn.clone(),
            reason: task.failure_reason(),
            exit_code: task.exit_code(),
        },
    );
    Err(ActionError::Blocked(failure_text(run, copy, &task, logs)))
}

/// The task `arn` that RunTask started at `started`, as DescribeTasks shows it; `None` when
/// ECS does not know it. Right after RunTask, ECS may answer `MISSING` for a task it started
/// (eventual consistency): within [`CONSISTENCY_WINDOW_S`] of the start it is asked again,
/// with backoff, before the copy counts as gone and may be started anew.
async fn find_started_task(
    cloud: &dyn cloud::Cloud,
    cluster: &str,
    arn: &str,
    started: jiff::Timestamp,
) -> Result<Option<Task>, ActionError> {
    let mut delay = Duration::from_secs(1);
    loop {
        match cloud.describe_task(cluster, arn).await {
            Ok(task) => return Ok(Some(task)),
            Err(CloudError {
                kind: ErrorKind::NotFound,
                ..
            }) if crate::format::since(cloud.now(), started) >= CONSISTENCY_WINDOW_S => {
                return Ok(None);
            }
            Err(CloudError {
                kind: ErrorKind::NotFound,
                ..
            }) => {}
            Err(e) => return Err(e.into()),
        }
        cloud.pause(delay).await;
        delay = (delay * 2).min(Duration::from_secs(30));
    }
}

/// RunTask for the dump task of `copy`, with a client token for the `attempt`-th copy.
pub(super) fn run_request(copy: &CopyBack, task_definition: &str, attempt: u64) -> RunTaskRequest {
    RunTaskRequest {
        cluster: copy.cluster.clone(),
        task_definition: task_definition.to_owned(),
        network: copy.network.clone(),
        started_by: STARTED_BY.to_owned(),
        client_token: String::new(),
    }
    .with_token(attempt)
}

/// How many copies the journal saw start: a new copy is told apart from a retried call.
pub(super) fn copies_started(journal: &crate::lab::journal::Journal) -> u64 {
    journal
        .events()
        .iter()
        .filter(|e| e.kind.kind() == Kind::CopyStarted)
        .count() as u64
}

/// Follows `task` until it stops, saying each new status. Passing errors are looked past.
async fn follow(run: &Run<'_>, cluster: &str, mut task: Task) -> Result<Task, ActionError> {
    let cloud = run.cloud;
    let started = task.created.unwrap_or_else(|| cloud.now());
    let mut said = None;
    let mut failures = 0;
    loop {
        if said.as_ref() != Some(&task.last_status) {
            (run.progress)(
                Text::new(msg::PROGRESS_COPY_STATUS)
                    .arg("task", task.id().to_owned())
                    .arg("status", task.last_status.as_str())
                    .arg(
                        "elapsed",
                        crate::lab::Duration::seconds(crate::format::since(cloud.now(), started)),
                    ),
            );
            said = Some(task.last_status.clone());
        }
        if task.is_stopped() {
            return Ok(task);
        }
        if crate::format::since(cloud.now(), started) > COPY_WAIT_LIMIT_S {
            return Err(ActionError::Blocked(
                Text::new(msg::BLOCKED_COPY_SLOW)
                    .arg("task", task.id().to_owned())
                    .arg("status", task.last_status.as_str())
                    .arg("cli", cloud::cli::describe_task(cluster, &task.arn))
                    .arg("stand", stand(run, Stand::Copying)),
            ));
        }
        cloud.pause(copy_poll(cloud)).await;
        match cloud.describe_task(cluster, &task.arn).await {
            Ok(now) => {
                task = now;
                failures = 0;
            }
            Err(e) if e.kind.is_transient() && failures + 1 < ATTEMPTS => failures += 1,
            Err(e) => return Err(e.into()),
        }
    }
}

/// Where the copy task's output is, and the line that reads it.
fn logs_text(td: &TaskDefinition, task: &Task, cluster: &str) -> Text {
    let logs = td
        .containers
        .iter()
        .find(|c| c.name == DUMP_CONTAINER)
        .and_then(|c| c.logs.as_ref());
    // A container that never started (its image could not be pulled) wrote no log stream.
    if never_started(task) {
        return Text::new(msg::COPYBACK_LOGS_NEVER_STARTED)
            .arg("cli", cloud::cli::describe_task(cluster, &task.arn));
    }
    match logs.and_then(|l| Some((l.group.clone()?, l.stream(DUMP_CONTAINER, task.id())?))) {
        Some((group, stream)) => Text::new(msg::COPYBACK_LOGS)
            .arg("group", group.clone())
            .arg("stream", stream.clone())
            .arg("cli", cloud::cli::tail_logs(&group, &stream)),
        None => Text::new(msg::COPYBACK_LOGS_NONE)
            .arg("cli", cloud::cli::describe_task(cluster, &task.arn)),
    }
}

/// Whether the task's container never started because its image could not be pulled
/// (`CannotPullContainerError`, or ECS's `TaskFailedToStart` naming it).
fn never_started(task: &Task) -> bool {
    let reason = task.failure_reason().unwrap_or_default();
    reason.starts_with("CannotPullContainerError")
        || task.stop_code.as_deref() == Some("TaskFailedToStart") && reason.contains("CannotPull")
}

/// Why the copy failed, in the learner's terms, with ECS's own words, the logs and where
/// things stand.
fn failure_text(run: &Run<'_>, copy: &CopyBack, task: &Task, logs: Text) -> Text {
    let reason = task.failure_reason().unwrap_or_default();
    let why = if never_started(task) {
        Text::new(msg::COPYBACK_WHY_NO_REGISTRY)
            .arg("image", copy.dump.image.clone())
            .arg(
                "public_ip",
                if copy.network.assign_public_ip {
                    "ENABLED"
                } else {
                    "DISABLED"
                },
            )
    } else if let Some(code) = task.exit_code().filter(|c| *c != 0) {
        Text::new(msg::COPYBACK_WHY_CONNECT)
            .arg("code", i64::from(code))
            .arg("groups", copy.network.security_groups.join(", "))
            .arg("restored", run.restored_name())
            .arg("instance", &run.config.names.instance)
    } else {
        Text::new(msg::COPYBACK_WHY_OTHER)
    };
    Text::new(msg::BLOCKED_COPY_FAILED)
        .arg("why", why)
        .arg(
            "reason",
            if reason.is_empty() {
                "–".to_owned()
            } else {
                reason
            },
        )
        .arg(
            "code",
            task.exit_code()
                .map_or_else(|| "–".to_owned(), |c| c.to_string()),
        )
        .arg("logs", logs)
        .arg("stand", stand(run, Stand::Restored))
}

/// Dump & restore's check through the app: the service, back on the original database,
/// serves the restored todos. A passing error or a list not there yet is looked at again.
pub(super) async fn served_from_source(
    run: &Run<'_>,
    expected: &[String],
) -> Result<Text, ActionError> {
    let cloud = run.cloud;
    let names = &run.config.names;
    let mut attempt = 1;
    loop {
        let result = cloud.list_todos().await;
        let titles = match &result {
            Ok(todos) => {
                let mut titles: Vec<String> = todos.iter().map(|t| t.title.clone()).collect();
                titles.sort();
                Some(titles)
            }
            Err(_) => None,
        };
        if let Some(titles) = &titles
            && (titles.as_slice() == expected || (expected.is_empty() && !titles.is_empty()))
        {
            run.record(EventKind::ServedFromSource {
                count: titles.len(),
            });
            return Ok(Text::new(msg::DONE_SERVED_FROM_SOURCE)
                .arg("count", titles.len())
                .arg("instance", &names.instance));
        }
        if attempt >= ATTEMPTS {
            return Err(ActionError::Blocked(match (result, titles) {
                (Err(e), _) => Text::new(msg::BLOCKED_COPY_UNVERIFIED)
                    .arg("error", crate::cloud::error_text::error_text(&e))
                    .arg("stand", stand(run, Stand::Switched)),
                (Ok(_), titles) => Text::new(msg::BLOCKED_COPY_MISMATCH)
                    .arg("served", titles.map_or(0, |t| t.len()))
                    .arg("expected", expected.len())
                    .arg("instance", &names.instance)
                    .arg("restored", run.restored_name())
                    .arg("stand", stand(run, Stand::Switched)),
            }));
        }
        attempt += 1;
        cloud.pause(copy_poll(cloud)).await;
    }
}
