//! Reads that never go back behind the program's own writes. AWS's APIs are eventually
//! consistent: right after UpdateService, RegisterTaskDefinition, RunTask, CreateDBSnapshot or
//! a restore, a describe may still show the account as it was before (ECS answers a new task
//! `MISSING`; a new revision, snapshot or instance may be missing). AWS advises to describe
//! again with backoff, for RunTask for up to about five minutes, and to take the action's own
//! answer as the first truth.
//!
//! [`Consistent`] keeps each write's answer for [`CONSISTENCY_WINDOW_S`] of the cloud's clock.
//! While a describe contradicts it (the service without the deployment the update started,
//! and an older PRIMARY one; the task, revision, snapshot or instance not there), the answer
//! stands in for the stale part, and the caller's next look (the worker's polling backs off)
//! asks again. Once a describe shows the write, or the window has passed, describes are passed
//! on as they are: a service that still shows the earlier state after five minutes is judged
//! as it shows. Every call still goes to the account and is in the call log.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;

use super::{
    BackupSettings, Cloud, CloudResult, DbInstance, DbSnapshot, ErrorKind, Identity,
    InstanceChange, Mode, NetworkConfig, PitrRequest, RestoreRequest, RunTaskRequest, Service,
    SnapshotRequest, Task, TaskDefinition, TaskDefinitionListing, TaskDefinitionPage,
    TaskDefinitionRegistration, TaskDefinitionStatus, Todo, TodoId,
};

/// How long a write's answer stands in for describes that do not show it yet: AWS's advice
/// for a task RunTask started (describe again with backoff for up to about five minutes),
/// taken for every write.
pub const CONSISTENCY_WINDOW_S: i64 = 300;

/// An UpdateService an earlier run made (from the journal's call log), whose answer this one
/// does not have: when, and the revision it deployed (an ARN or `family:revision`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierUpdate {
    pub at: Timestamp,
    pub task_definition: String,
}

impl EarlierUpdate {
    /// The last successful `update-service` among `calls` (the journal's call log), if any.
    #[must_use]
    pub fn last_in(calls: &[super::recorder::CallRecord]) -> Option<Self> {
        let call = calls
            .iter()
            .rev()
            .find(|c| c.operation == "UpdateService" && c.error.is_none())?;
        let mut words = call.cli.split_whitespace();
        words.find(|w| *w == "--task-definition")?;
        Some(Self {
            at: call.at,
            task_definition: words.next()?.to_owned(),
        })
    }

    /// Whether `seen` predates this update: another revision, and no PRIMARY deployment
    /// started since.
    fn predated_by(&self, seen: &Service) -> bool {
        let on_it = seen.task_definition == self.task_definition
            || seen
                .task_definition
                .ends_with(&format!("/{}", self.task_definition));
        let newer = seen
            .primary()
            .and_then(|p| p.created)
            .is_some_and(|created| created >= self.at);
        !on_it && !newer
    }
}

#[derive(Debug, Default)]
struct Answers {
    /// UpdateService's answer: the service with the deployment it started.
    service: Option<(Timestamp, Service)>,
    /// An update an earlier run made, while no describe has shown it yet.
    earlier_update: Option<EarlierUpdate>,
    task_definitions: Vec<(Timestamp, TaskDefinition)>,
    tasks: Vec<(Timestamp, Task)>,
    instances: Vec<(Timestamp, DbInstance)>,
    snapshots: Vec<(Timestamp, DbSnapshot)>,
}

/// A [`Cloud`] whose describes never show less than its own writes answered.
pub struct Consistent {
    inner: Arc<dyn Cloud>,
    answers: Mutex<Answers>,
}

impl Consistent {
    #[must_use]
    pub fn new(inner: Arc<dyn Cloud>) -> Self {
        Self {
            inner,
            answers: Mutex::new(Answers::default()),
        }
    }

    /// Also waits for `update`, which an earlier run made: while describes of the service
    /// predate it (within the window after it), they are asked again with backoff before an
    /// answer is given.
    #[must_use]
    pub fn after(self, update: Option<EarlierUpdate>) -> Self {
        self.answers().earlier_update = update;
        self
    }

    fn answers(&self) -> std::sync::MutexGuard<'_, Answers> {
        self.answers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether an answer given at `at` still stands in for describes that lack it.
    fn fresh(&self, at: Timestamp) -> bool {
        self.inner.now().duration_since(at) < jiff::SignedDuration::from_secs(CONSISTENCY_WINDOW_S)
    }

    /// Drops answers out of their window.
    fn forget_old<T>(&self, list: &mut Vec<(Timestamp, T)>) {
        list.retain(|(at, _)| self.fresh(*at));
    }
}

/// Whether `seen` (a describe) predates `answer` (UpdateService's). It is as new when it
/// shows the deployment the update started with the service on the update's revision, or a
/// PRIMARY deployment started since (a rollback, another update); else it predates it.
#[must_use]
pub fn predates(seen: &Service, answer: &Service) -> bool {
    let Some(started) = answer.primary() else {
        return false;
    };
    let shows_update = seen.deployments.iter().any(|d| d.id == started.id)
        && seen.task_definition == answer.task_definition;
    let newer_primary = seen.primary().is_some_and(|p| {
        p.id != started.id
            && matches!((p.created, started.created), (Some(seen_at), Some(started_at)) if seen_at >= started_at)
    });
    !(shows_update || newer_primary)
}

/// Whether `reference` (an ARN, `family:revision` or a family) may name `td`.
fn may_name(reference: &str, td: &TaskDefinition) -> bool {
    reference == td.arn
        || reference == format!("{}:{}", td.family, td.revision)
        || reference == td.family
}

#[async_trait]
impl Cloud for Consistent {
    fn mode(&self) -> Mode {
        self.inner.mode()
    }
    fn now(&self) -> Timestamp {
        self.inner.now()
    }
    async fn pause(&self, wall: Duration) {
        self.inner.pause(wall).await;
    }
    fn pace(&self) -> crate::cloud::Pace {
        self.inner.pace()
    }
    fn control_clock(&self, change: crate::cloud::ClockControl) -> bool {
        self.inner.control_clock(change)
    }
    fn peek_todos(&self, instance_id: &str) -> Option<Vec<Todo>> {
        self.inner.peek_todos(instance_id)
    }
    async fn identity(&self) -> CloudResult<Identity> {
        self.inner.identity().await
    }

    async fn describe_instances(&self) -> CloudResult<Vec<DbInstance>> {
        let mut instances = self.inner.describe_instances().await?;
        let mut answers = self.answers();
        let mut kept = std::mem::take(&mut answers.instances);
        self.forget_old(&mut kept);
        // Seen once: from then on RDS's describes are the truth (also when it is gone).
        kept.retain(|(_, a)| !instances.iter().any(|i| i.id == a.id));
        instances.extend(kept.iter().map(|(_, a)| a.clone()));
        answers.instances = kept;
        Ok(instances)
    }
    async fn describe_snapshots(&self, instance_id: &str) -> CloudResult<Vec<DbSnapshot>> {
        let mut snapshots = self.inner.describe_snapshots(instance_id).await?;
        let mut answers = self.answers();
        let mut kept = std::mem::take(&mut answers.snapshots);
        self.forget_old(&mut kept);
        kept.retain(|(_, a)| !snapshots.iter().any(|s| s.id == a.id));
        snapshots.extend(
            kept.iter()
                .filter(|(_, a)| a.instance_id == instance_id)
                .map(|(_, a)| a.clone()),
        );
        answers.snapshots = kept;
        Ok(snapshots)
    }
    async fn find_snapshot(&self, snapshot_id: &str) -> CloudResult<Option<DbSnapshot>> {
        let found = self.inner.find_snapshot(snapshot_id).await?;
        let mut answers = self.answers();
        let mut kept = std::mem::take(&mut answers.snapshots);
        self.forget_old(&mut kept);
        let result = match found {
            Some(s) => {
                kept.retain(|(_, a)| a.id != s.id);
                Some(s)
            }
            None => kept
                .iter()
                .find(|(_, a)| a.id == snapshot_id)
                .map(|(_, a)| a.clone()),
        };
        answers.snapshots = kept;
        Ok(result)
    }
    async fn modify_backup(&self, settings: &BackupSettings) -> CloudResult<DbInstance> {
        self.inner.modify_backup(settings).await
    }
    async fn modify_instance(&self, change: &InstanceChange) -> CloudResult<DbInstance> {
        self.inner.modify_instance(change).await
    }
    async fn create_snapshot(&self, request: &SnapshotRequest) -> CloudResult<DbSnapshot> {
        let snapshot = self.inner.create_snapshot(request).await?;
        let now = self.inner.now();
        self.answers().snapshots.push((now, snapshot.clone()));
        Ok(snapshot)
    }
    async fn restore_from_snapshot(&self, request: &RestoreRequest) -> CloudResult<DbInstance> {
        let instance = self.inner.restore_from_snapshot(request).await?;
        let now = self.inner.now();
        self.answers().instances.push((now, instance.clone()));
        Ok(instance)
    }
    async fn restore_to_point_in_time(&self, request: &PitrRequest) -> CloudResult<DbInstance> {
        let instance = self.inner.restore_to_point_in_time(request).await?;
        let now = self.inner.now();
        self.answers().instances.push((now, instance.clone()));
        Ok(instance)
    }
    async fn delete_instance(&self, instance_id: &str) -> CloudResult<()> {
        self.answers()
            .instances
            .retain(|(_, a)| a.id != instance_id);
        self.inner.delete_instance(instance_id).await
    }
    async fn delete_snapshot(&self, snapshot_id: &str) -> CloudResult<()> {
        self.answers()
            .snapshots
            .retain(|(_, a)| a.id != snapshot_id);
        self.inner.delete_snapshot(snapshot_id).await
    }

    async fn describe_service(&self, cluster: &str, service: &str) -> CloudResult<Service> {
        let mut seen = self.inner.describe_service(cluster, service).await?;
        // An update an earlier run made, not shown yet: ask again, with backoff.
        let mut delay = Duration::from_millis(500);
        loop {
            let earlier = self.answers().earlier_update.clone();
            let Some(update) = earlier else { break };
            if !self.fresh(update.at) || !update.predated_by(&seen) {
                self.answers().earlier_update = None;
                break;
            }
            self.inner.pause(delay).await;
            delay = (delay * 2).min(Duration::from_secs(15));
            seen = self.inner.describe_service(cluster, service).await?;
        }
        let mut answers = self.answers();
        let stands = answers.service.as_ref().is_some_and(|(at, answer)| {
            self.fresh(*at)
                && answer.cluster == seen.cluster
                && answer.name == seen.name
                && predates(&seen, answer)
        });
        if stands && let Some((_, answer)) = &answers.service {
            return Ok(answer.clone());
        }
        answers.service = None;
        Ok(seen)
    }
    async fn describe_task_definition(&self, reference: &str) -> CloudResult<TaskDefinition> {
        // A revision this program registered, named exactly, is its own answer: a revision
        // never changes, and asking an account that may still lag behind the register would
        // only fail (a `ClientException` in the call log that is no error). A family alone
        // names its newest revision, which someone else may have registered since: asked.
        let own = {
            let mut answers = self.answers();
            let mut kept = std::mem::take(&mut answers.task_definitions);
            self.forget_old(&mut kept);
            let own = kept
                .iter()
                .map(|(_, a)| a)
                .find(|a| reference != a.family && may_name(reference, a))
                .cloned();
            answers.task_definitions = kept;
            own
        };
        if let Some(own) = own {
            return Ok(own);
        }
        let result = self.inner.describe_task_definition(reference).await;
        let mut answers = self.answers();
        let mut kept = std::mem::take(&mut answers.task_definitions);
        self.forget_old(&mut kept);
        let newest = kept
            .iter()
            .filter(|(_, a)| may_name(reference, a))
            .map(|(_, a)| a)
            .max_by_key(|a| a.revision)
            .cloned();
        let result = match (result, newest) {
            (Ok(td), _) => {
                kept.retain(|(_, a)| a.arn != td.arn);
                match answers_newer(&td, reference, &kept) {
                    Some(newer) => Ok(newer),
                    None => Ok(td),
                }
            }
            (Err(_), Some(answer)) => Ok(answer),
            (Err(e), None) => Err(e),
        };
        answers.task_definitions = kept;
        result
    }
    async fn list_task_definitions(
        &self,
        listing: &TaskDefinitionListing,
    ) -> CloudResult<TaskDefinitionPage> {
        let mut page = self.inner.list_task_definitions(listing).await?;
        let mut answers = self.answers();
        let mut kept = std::mem::take(&mut answers.task_definitions);
        self.forget_old(&mut kept);
        // New revisions are ACTIVE and the newest of their family: they belong at the end of
        // the last page.
        if listing.status == TaskDefinitionStatus::Active && page.next_token.is_none() {
            kept.retain(|(_, a)| !page.arns.contains(&a.arn));
            let mut missing: Vec<&TaskDefinition> = kept
                .iter()
                .filter(|(_, a)| a.family.starts_with(&listing.family_prefix))
                .map(|(_, a)| a)
                .collect();
            missing.sort_by(|a, b| (&a.family, a.revision).cmp(&(&b.family, b.revision)));
            page.arns.extend(missing.into_iter().map(|a| a.arn.clone()));
        }
        answers.task_definitions = kept;
        Ok(page)
    }
    async fn register_task_definition(
        &self,
        registration: &TaskDefinitionRegistration,
    ) -> CloudResult<TaskDefinition> {
        let td = self.inner.register_task_definition(registration).await?;
        let now = self.inner.now();
        self.answers().task_definitions.push((now, td.clone()));
        Ok(td)
    }
    async fn deregister_task_definition(&self, arn: &str) -> CloudResult<()> {
        self.answers()
            .task_definitions
            .retain(|(_, a)| a.arn != arn);
        self.inner.deregister_task_definition(arn).await
    }
    async fn delete_task_definitions(&self, arns: &[String]) -> CloudResult<()> {
        self.inner.delete_task_definitions(arns).await
    }
    async fn update_service(
        &self,
        cluster: &str,
        service: &str,
        task_definition: &str,
    ) -> CloudResult<Service> {
        let answer = self
            .inner
            .update_service(cluster, service, task_definition)
            .await?;
        let now = self.inner.now();
        self.answers().service = Some((now, answer.clone()));
        Ok(answer)
    }
    async fn describe_service_network(
        &self,
        cluster: &str,
        service: &str,
    ) -> CloudResult<NetworkConfig> {
        self.inner.describe_service_network(cluster, service).await
    }
    async fn run_task(&self, request: &RunTaskRequest) -> CloudResult<Task> {
        let task = self.inner.run_task(request).await?;
        let now = self.inner.now();
        self.answers().tasks.push((now, task.clone()));
        Ok(task)
    }
    async fn describe_task(&self, cluster: &str, task_arn: &str) -> CloudResult<Task> {
        let result = self.inner.describe_task(cluster, task_arn).await;
        let mut answers = self.answers();
        let mut kept = std::mem::take(&mut answers.tasks);
        self.forget_old(&mut kept);
        let result = match result {
            Ok(task) => {
                kept.retain(|(_, a)| a.arn != task.arn);
                Ok(task)
            }
            // `MISSING` for a task just started: not visible yet.
            Err(e) if e.kind == ErrorKind::NotFound => kept
                .iter()
                .find(|(_, a)| a.arn == task_arn)
                .map(|(_, a)| a.clone())
                .ok_or(e),
            Err(e) => Err(e),
        };
        answers.tasks = kept;
        result
    }

    async fn list_todos(&self) -> CloudResult<Vec<Todo>> {
        self.inner.list_todos().await
    }
    async fn create_todo(&self, title: &str) -> CloudResult<Todo> {
        self.inner.create_todo(title).await
    }
    async fn delete_todo(&self, id: &TodoId) -> CloudResult<()> {
        self.inner.delete_todo(id).await
    }
}

/// For a describe by family (its newest ACTIVE revision): a revision registered since that
/// the describe does not show yet.
fn answers_newer(
    seen: &TaskDefinition,
    reference: &str,
    kept: &[(Timestamp, TaskDefinition)],
) -> Option<TaskDefinition> {
    if reference != seen.family {
        return None;
    }
    kept.iter()
        .map(|(_, a)| a)
        .filter(|a| a.family == seen.family && a.revision > seen.revision)
        .max_by_key(|a| a.revision)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::lag::{LAGGING_WRITES, Lag, Lagging};
    use crate::cloud::sim::{SimCloud, WorldNames};

    const CLUSTER: &str = "workshop-cluster";
    const SERVICE: &str = "backend-service";

    /// The simulated account (manual clock) behind describes that lag `seconds` behind every
    /// write, and [`Consistent`] in front.
    fn lagging(seconds: f64) -> (Arc<SimCloud>, Arc<dyn Cloud>, Consistent) {
        let sim = Arc::new(SimCloud::manual(
            "2026-11-25T09:00:00Z".parse().expect("time"),
            15.0,
            WorldNames::default(),
        ));
        let lag = Lag {
            delay_s: seconds,
            writes: LAGGING_WRITES.iter().map(|w| (*w).to_owned()).collect(),
        };
        let stale: Arc<dyn Cloud> = Arc::new(Lagging::new(sim.clone(), lag));
        let consistent = Consistent::new(stale.clone());
        (sim, stale, consistent)
    }

    /// The instructor's clock keys and the header reach the simulation through both layers:
    /// pausing through them pauses it, and the pace they report is the simulation's.
    #[tokio::test]
    async fn the_simulated_clock_is_controlled_and_read_through_both_layers() {
        let sim = Arc::new(SimCloud::paced(
            "2026-11-25T09:00:00Z".parse().expect("time"),
            15.0,
            WorldNames::default(),
        ));
        let stale: Arc<dyn Cloud> = Arc::new(Lagging::new(sim.clone(), Lag::sim_default()));
        let cloud = Consistent::new(stale);
        assert!(cloud.control_clock(crate::cloud::ClockControl::Pause));
        assert_eq!(cloud.pace(), sim.pace());
        assert!(
            matches!(cloud.pace(), crate::cloud::Pace::Sim { paused: true, .. }),
            "{:?}",
            cloud.pace()
        );
        assert!(cloud.control_clock(crate::cloud::ClockControl::Resume));
        assert!(matches!(
            cloud.pace(),
            crate::cloud::Pace::Sim { paused: false, .. }
        ));
    }

    /// A new revision of the backend with `DB_HOST=x`, made as the lab makes one.
    async fn register_host(cloud: &dyn Cloud) -> TaskDefinition {
        let base = cloud
            .describe_task_definition("workshop-backend")
            .await
            .expect("describe");
        let mut registration = base.registration();
        assert!(registration.set_env("container-backend", "DB_HOST", "x"));
        cloud
            .register_task_definition(&registration)
            .await
            .expect("register")
    }

    /// Describing a revision the program registered asks nothing of the account, so a lagging
    /// account leaves no failed call in the log (the scene start left one behind).
    #[tokio::test]
    async fn an_own_revision_is_described_without_a_failed_call() {
        let (_sim, stale, _) = lagging(30.0);
        let log = Arc::new(crate::cloud::recorder::CallLog::default());
        let recorded: Arc<dyn Cloud> = Arc::new(crate::cloud::recorder::Recorded::new(
            stale,
            log.clone(),
            None,
        ));
        let cloud = Consistent::new(recorded);
        let td = register_host(&cloud).await;
        let calls = log.count();
        assert_eq!(
            cloud.describe_task_definition(&td.arn).await,
            Ok(td.clone())
        );
        assert_eq!(
            cloud
                .describe_task_definition(&format!("{}:{}", td.family, td.revision))
                .await,
            Ok(td.clone())
        );
        assert_eq!(log.count(), calls, "{:?}", log.recent(3));
        // The family alone is asked: someone may have registered a newer revision since.
        let _ = cloud.describe_task_definition("workshop-backend").await;
        assert_eq!(log.count(), calls + 1);
    }

    /// The backend's ACTIVE revisions (one page is all of them here).
    async fn active(cloud: &dyn Cloud) -> Vec<String> {
        cloud
            .list_task_definitions(&TaskDefinitionListing {
                family_prefix: "workshop-backend".into(),
                status: TaskDefinitionStatus::Active,
                next_token: None,
            })
            .await
            .expect("list")
            .arns
    }

    #[tokio::test]
    async fn an_update_and_a_new_revision_are_seen_at_once_though_the_account_lags() {
        let (sim, stale, cloud) = lagging(30.0);
        let td = register_host(&cloud).await;
        // The account itself does not show the revision yet …
        assert!(stale.describe_task_definition(&td.arn).await.is_err());
        assert!(!active(&*stale).await.contains(&td.arn));
        // … the program does.
        assert_eq!(
            cloud.describe_task_definition("workshop-backend:2").await,
            Ok(td.clone())
        );
        assert_eq!(active(&cloud).await.last(), Some(&td.arn));
        let answer = cloud
            .update_service(CLUSTER, SERVICE, &td.arn)
            .await
            .expect("update");
        let before = stale
            .describe_service(CLUSTER, SERVICE)
            .await
            .expect("stale");
        assert_ne!(before.task_definition, td.arn, "the account lags");
        assert!(predates(&before, &answer));
        let seen = cloud
            .describe_service(CLUSTER, SERVICE)
            .await
            .expect("seen");
        assert_eq!(seen.task_definition, td.arn);
        assert_eq!(seen, answer, "the update's answer stands in");
        // Once the account shows the update, its describes are the truth again.
        sim.advance(Duration::from_secs(40));
        let later = cloud
            .describe_service(CLUSTER, SERVICE)
            .await
            .expect("later");
        assert_eq!(
            later,
            stale.describe_service(CLUSTER, SERVICE).await.expect("now")
        );
        assert_eq!(later.task_definition, td.arn);
    }

    #[tokio::test]
    async fn a_newer_deployment_than_the_update_s_is_never_hidden() {
        let (_, stale, _) = lagging(0.0);
        let answer = stale
            .update_service(CLUSTER, SERVICE, "workshop-backend:1")
            .await
            .expect("same revision");
        let mut rollback = answer.clone();
        for d in &mut rollback.deployments {
            d.status = crate::cloud::DeploymentStatus::Active;
        }
        let mut newer = answer.primary().expect("primary").clone();
        newer.id = "ecs-svc/rollback".into();
        newer.status = crate::cloud::DeploymentStatus::Primary;
        newer.created = newer
            .created
            .map(|c| c + jiff::SignedDuration::from_secs(60));
        rollback.deployments.insert(0, newer);
        assert!(!predates(&rollback, &answer), "a rollback is newer");
        assert!(!predates(&answer, &answer));
    }

    #[tokio::test]
    async fn a_service_still_stale_after_five_minutes_is_shown_as_it_is() {
        let (sim, stale, cloud) = lagging(600.0);
        let td = register_host(&cloud).await;
        cloud
            .update_service(CLUSTER, SERVICE, &td.arn)
            .await
            .expect("update");
        sim.advance(Duration::from_secs(301));
        let seen = cloud
            .describe_service(CLUSTER, SERVICE)
            .await
            .expect("seen");
        assert_eq!(
            seen,
            stale
                .describe_service(CLUSTER, SERVICE)
                .await
                .expect("stale")
        );
        assert_ne!(seen.task_definition, td.arn);
    }

    #[tokio::test]
    async fn a_new_snapshot_is_listed_though_the_account_does_not_show_it_yet() {
        let (sim, stale, cloud) = lagging(30.0);
        let request = crate::cloud::SnapshotRequest {
            instance_id: "workshop-db".into(),
            snapshot_id: "ondemandbackup".into(),
            tags: Vec::new(),
        };
        let answer = cloud.create_snapshot(&request).await.expect("snapshot");
        assert_eq!(stale.find_snapshot("ondemandbackup").await, Ok(None));
        assert_eq!(
            cloud.find_snapshot("ondemandbackup").await,
            Ok(Some(answer.clone()))
        );
        assert!(
            cloud
                .describe_snapshots("workshop-db")
                .await
                .expect("snapshots")
                .contains(&answer)
        );
        // Shown by the account: from then on its own answer counts.
        sim.advance(Duration::from_secs(40));
        let shown = cloud
            .find_snapshot("ondemandbackup")
            .await
            .expect("snapshot")
            .expect("there");
        assert_eq!(
            Some(shown),
            stale.find_snapshot("ondemandbackup").await.expect("there")
        );
    }

    #[tokio::test]
    async fn an_earlier_run_s_update_is_waited_for() {
        let (sim, stale, _) = lagging(20.0);
        let td = register_host(&*stale).await;
        sim.advance(Duration::from_secs(25));
        let at = stale.now();
        stale
            .update_service(CLUSTER, SERVICE, &td.arn)
            .await
            .expect("update");
        // A new run: no answer at hand, only the journal's call.
        let cloud = Consistent::new(stale.clone()).after(Some(EarlierUpdate {
            at,
            task_definition: "workshop-backend:2".into(),
        }));
        let seen = cloud
            .describe_service(CLUSTER, SERVICE)
            .await
            .expect("seen");
        assert_eq!(seen.task_definition, td.arn, "asked again until it shows");
        assert!(stale.now().duration_since(at).as_secs() >= 20);
    }
}
