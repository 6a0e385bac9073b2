//! What the steps' actions share: the [`Run`] an action works with, its [`Outcome`] and
//! [`ActionError`], and the helpers: retrying a create call without tags when tagging is
//! denied, finding a task definition revision, waiting for a rollout, deleting an instance the
//! lab made. Running a confirmed plan is [`super::runner`]'s: it asks the steps, which use this.

use std::sync::Mutex;
use std::time::Duration;

use jiff::Timestamp;

use super::Text;
use super::journal::{EventKind, Journal};
use super::observe::Observed;
use super::plan::{Options, Plan, Ready};
use super::revisions::Revisions as _;
use crate::cloud::{self, Cloud, CloudError, DB_HOST, ErrorKind, TaskDefinition};
use crate::config::Config;
use crate::msg;
use crate::validate::{self, Invalid};

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
    /// The account moved since the plan was confirmed: this is the plan it asks for now.
    #[error("the plan changed")]
    PlanChanged(Box<Plan>),
}

impl From<CloudError> for ActionError {
    fn from(e: CloudError) -> Self {
        Self::Cloud(e)
    }
}

/// What an action did, line by line.
pub type Outcome = Vec<Text>;

/// A progress report from a running action.
pub type Progress<'a> = &'a (dyn Fn(Text) + Send + Sync);

/// What a step's `execute` works with: the account, fresh state and the journal.
pub struct Run<'a> {
    pub cloud: &'a dyn Cloud,
    pub config: &'a Config,
    pub journal: &'a Mutex<Journal>,
    /// Every part, looked at right before the action.
    pub observed: &'a Observed,
    pub progress: Progress<'a>,
    /// The options the action was planned with.
    pub options: &'a Options,
}

impl Run<'_> {
    /// Notes in the journal what happened now.
    pub fn record(&self, kind: EventKind) {
        let now = self.cloud.now();
        self.record_since(now, kind);
    }

    /// This run's restored database (the lab's name, or the one the learner adopted).
    #[must_use]
    pub fn restored_name(&self) -> String {
        self.journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .restored_instance(self.config)
            .to_owned()
    }

    /// Notes in the journal what happened between `started` and now.
    pub fn record_since(&self, started: Timestamp, kind: EventKind) {
        let now = self.cloud.now();
        self.journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .record(started, now, kind);
    }
}

/// The UTC window for a local one, on the cloud's current date in the configured zone.
pub fn window_utc(
    config: &Config,
    window_local: validate::BackupWindow,
    now: Timestamp,
) -> Result<validate::BackupWindow, Invalid> {
    let tz = config.timezone();
    let date = now.to_zoned(tz.clone()).date();
    window_local.to_utc(&tz, date)
}

/// A plan to carry out, or what running the action says without one (already done,
/// blocked, invalid input).
pub fn settle(ready: Ready) -> Result<Plan, Result<Outcome, ActionError>> {
    match ready {
        Ready::Plan(plan) => Ok(plan),
        Ready::AlreadyDone(text) => Err(Ok(vec![text])),
        Ready::Blocked(text) => Err(Err(ActionError::Blocked(text))),
        Ready::Invalid(e) => Err(Err(ActionError::Invalid(e))),
    }
}

/// Attempts an action makes when a transient error (throttling, 5xx, timeout) stops it.
pub const ATTEMPTS: u32 = 5;
pub const FIRST_RETRY: Duration = Duration::from_secs(2);

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
pub async fn untagged_if_denied<R, T, F, Fut>(
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
                progress(Text::new(msg::PROGRESS_UNTAGGED).arg("action", action));
                tags(&mut request).clear();
                call(request).await
            }
            None => Err(e),
        },
        other => other,
    }
}

/// The todo list of a fresh look; its error if the todo app did not answer.
pub fn seen_todos(observed: &Observed) -> Result<Vec<crate::cloud::Todo>, ActionError> {
    match (&observed.todos.value, &observed.todos.error) {
        (_, Some(e)) => Err(e.clone().into()),
        (Some(todos), None) => Ok(todos.clone()),
        (None, None) => Ok(Vec::new()),
    }
}

/// Finds a registered revision equal to `current` except that DB_HOST is `endpoint`.
pub async fn find_revision(
    cloud: &dyn Cloud,
    current: &TaskDefinition,
    container: &str,
    endpoint: &str,
) -> Result<Option<TaskDefinition>, CloudError> {
    const LOOK_BACK: usize = 10;
    let arns = cloud.active_revisions(&current.family).await?;
    for arn in arns.iter().rev().take(LOOK_BACK) {
        let td = cloud.describe_task_definition(arn).await?;
        if td.env(container, DB_HOST) == Some(endpoint)
            && td.same_except(current, container, DB_HOST)
        {
            return Ok(Some(td));
        }
    }
    Ok(None)
}

/// The revision of `current` with DB_HOST set to `endpoint`: one registered already, else a
/// new one, with `current`'s tags (without them, said through `progress`, when the role may
/// not tag). The flag says whether it was reused.
pub async fn revision_for(
    cloud: &dyn Cloud,
    current: &TaskDefinition,
    container: &str,
    endpoint: &str,
    progress: Progress<'_>,
) -> Result<(TaskDefinition, bool), CloudError> {
    if let Some(td) = find_revision(cloud, current, container, endpoint).await? {
        return Ok((td, true));
    }
    // A revision described before carries its body: one RegisterTaskDefinition.
    let described;
    let base = if current.body.is_null() {
        described = cloud.describe_task_definition(&current.arn).await?;
        &described
    } else {
        current
    };
    let registration = crate::lab::revisions::copy_of(base, container, DB_HOST, endpoint)?;
    untagged_if_denied(
        registration,
        |r| &mut r.tags,
        |r| async move { cloud.register_task_definition(&r).await },
        progress,
    )
    .await
    .map(|td| (td, false))
}

/// Whether `id` is an instance of the lab's own (restored under the lab's names, or the
/// restored database `restored` the learner adopted), which its actions may change or delete;
/// never the learner's original.
#[must_use]
pub fn is_lab_instance(config: &Config, restored: &str, id: &str) -> bool {
    let names = &config.names;
    let lab_made = id == names.restored_instance || id == names.pitr_instance || id == restored;
    id != names.instance && lab_made
}

/// Deletes an instance the lab created (or the restored one the learner adopted, named by
/// `restored`); never the learner's original.
pub async fn delete_instance(
    cloud: &dyn Cloud,
    config: &Config,
    restored: &str,
    id: &str,
) -> Result<(), ActionError> {
    if !is_lab_instance(config, restored, id) {
        return Err(ActionError::Blocked(
            Text::new(msg::BLOCKED_PROTECTED).arg("instance", id),
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

/// Turns deletion protection off on an instance the lab made (or the adopted restore), so
/// that it can be deleted; never on the learner's original.
pub async fn unprotect_instance(
    cloud: &dyn Cloud,
    config: &Config,
    restored: &str,
    id: &str,
) -> Result<(), ActionError> {
    if !is_lab_instance(config, restored, id) {
        return Err(ActionError::Blocked(
            Text::new(msg::BLOCKED_PROTECTED_MODIFY).arg("instance", id),
        ));
    }
    cloud
        .modify_instance(&cloud::InstanceChange {
            instance_id: id.to_owned(),
            deletion_protection: Some(false),
            ..cloud::InstanceChange::default()
        })
        .await?;
    Ok(())
}

/// Mends the restored database (`restored`: the lab's or the adopted one) at once; refuses
/// any other instance, the learner's original above all.
pub async fn modify_restored(
    cloud: &dyn Cloud,
    config: &Config,
    restored: &str,
    change: &cloud::InstanceChange,
) -> Result<cloud::DbInstance, ActionError> {
    let id = change.instance_id.as_str();
    if id != restored || !is_lab_instance(config, restored, id) {
        return Err(ActionError::Blocked(
            Text::new(msg::BLOCKED_PROTECTED_MODIFY).arg("instance", id),
        ));
    }
    Ok(cloud.modify_instance(change).await?)
}

/// How long an action waits for a rollout before deleting what the old tasks used.
const ROLLOUT_WAIT_LIMIT: Duration = Duration::from_secs(30 * 60);
const ACTION_POLL: Duration = Duration::from_secs(2);

/// Waits until the rollout of `task_definition` (an ARN), which an update at `since` started,
/// is done (see [`cloud::Service::rollout_done`]): false when it took too long, an error when
/// it failed or ECS rolled it back (waiting does not help then).
pub async fn wait_for_rollout(
    cloud: &dyn Cloud,
    config: &Config,
    task_definition: &str,
    since: Timestamp,
    progress: Progress<'_>,
) -> Result<bool, ActionError> {
    let names = &config.names;
    let mut waited = Duration::ZERO;
    while waited < ROLLOUT_WAIT_LIMIT {
        let service = cloud
            .describe_service(&names.cluster, &names.service)
            .await?;
        if service.rollout_done(task_definition) {
            return Ok(true);
        }
        // A rollout that failed, was rolled back or whose tasks keep failing will not finish by
        // waiting. Only the deployment this wait is for counts: an older FAILED one still
        // draining does not stop a rollout back that goes well.
        let mine = service
            .deployments
            .iter()
            .find(|d| d.task_definition == task_definition);
        let troubled = service.rollout_given_up(task_definition, since)
            || mine.is_some_and(cloud::Deployment::is_failing);
        if troubled && mine.is_none_or(|d| d.failed_tasks == 0) {
            return Err(ActionError::Blocked(
                Text::new(msg::BLOCKED_ROLLOUT_ROLLED_BACK)
                    .arg("revision", cloud::revision_of(task_definition).unwrap_or(0))
                    .arg("service", &names.service),
            ));
        }
        if troubled {
            return Err(ActionError::Blocked(
                Text::new(msg::BLOCKED_ROLLOUT_FAILED)
                    .arg("revision", cloud::revision_of(task_definition).unwrap_or(0))
                    .arg("failed", mine.map_or(0, |d| d.failed_tasks))
                    .arg("service", &names.service),
            ));
        }
        if let Some(p) = service.primary() {
            progress(
                Text::new(msg::CHECK_SWITCH_ROLLOUT)
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

/// Waits until no task of the lab's service uses the database at `endpoint` (instance `id`):
/// no deployment with tasks, and not the PRIMARY one, runs a revision whose `DB_HOST` names
/// it. Old tasks keep serving during a rolling update, so a database goes only after theirs
/// stopped. An error when the service itself (its PRIMARY deployment) still uses it, or when
/// its old tasks do not stop in time: the database is kept.
pub async fn wait_until_unused(
    cloud: &dyn Cloud,
    config: &Config,
    id: &str,
    endpoint: &str,
    progress: Progress<'_>,
) -> Result<(), ActionError> {
    let names = &config.names;
    let mut hosts: std::collections::HashMap<String, Option<String>> =
        std::collections::HashMap::new();
    let mut waited = Duration::ZERO;
    let mut said = None;
    loop {
        let service = match cloud.describe_service(&names.cluster, &names.service).await {
            Ok(service) => service,
            // No service, no tasks that could use the database.
            Err(CloudError {
                kind: ErrorKind::ServiceNotFound,
                ..
            }) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        let mut users = Vec::new();
        for d in &service.deployments {
            let primary = d.status == cloud::DeploymentStatus::Primary;
            if !primary && d.running == 0 && d.pending == 0 {
                continue;
            }
            if !hosts.contains_key(&d.task_definition) {
                let td = cloud.describe_task_definition(&d.task_definition).await?;
                hosts.insert(
                    d.task_definition.clone(),
                    td.env(&names.container, DB_HOST).map(str::to_owned),
                );
            }
            if hosts
                .get(&d.task_definition)
                .and_then(Option::as_deref)
                .is_some_and(|host| host.trim().eq_ignore_ascii_case(endpoint))
            {
                users.push(d);
            }
        }
        let Some(user) = users.first() else {
            return Ok(());
        };
        let revision = cloud::revision_of(&user.task_definition).unwrap_or(0);
        if let Some(p) = users
            .iter()
            .find(|d| d.status == cloud::DeploymentStatus::Primary)
        {
            return Err(ActionError::Blocked(
                Text::new(msg::BLOCKED_INSTANCE_IN_USE)
                    .arg("instance", id)
                    .arg("service", &names.service)
                    .arg(
                        "revision",
                        cloud::revision_of(&p.task_definition).unwrap_or(0),
                    ),
            ));
        }
        if waited >= ROLLOUT_WAIT_LIMIT {
            return Err(ActionError::Blocked(
                Text::new(msg::BLOCKED_INSTANCE_STILL_USED)
                    .arg("instance", id)
                    .arg("service", &names.service)
                    .arg("revision", revision)
                    .arg("tasks", user.running + user.pending),
            ));
        }
        // Said when the count changes, not at every look.
        let tasks: u32 = users.iter().map(|d| d.running + d.pending).sum();
        if said != Some(tasks) {
            progress(
                Text::new(msg::PROGRESS_OLD_TASKS)
                    .arg("instance", id)
                    .arg("revision", revision)
                    .arg("tasks", tasks),
            );
            said = Some(tasks);
        }
        cloud.pause(ACTION_POLL).await;
        waited += ACTION_POLL;
    }
}

/// The text of an action's error, as every front end shows it.
#[must_use]
pub fn action_error_text(e: &ActionError) -> Text {
    match e {
        ActionError::Cloud(c) => crate::cloud::error_text::error_text(c),
        ActionError::Blocked(t) => t.clone(),
        ActionError::Invalid(i) => validate::invalid_text(i),
        ActionError::GaveUp { attempts, error } => Text::new(msg::ERROR_GAVE_UP)
            .arg("attempts", *attempts)
            .arg("code", error.code.clone())
            .arg("message", error.message.clone()),
        ActionError::PlanChanged(_) => Text::new(msg::PLAN_CHANGED),
    }
}
