//! Eventual consistency in front of any [`Cloud`]: for a while after a write, describe calls
//! still show the account as it was before it, as AWS documents for the ECS API ("follows an
//! eventual consistency model") and as can happen with RDS. The `stale` fault kind
//! (docs/FAULTS.md) puts it in front of the simulation or the AWS adapter; the simulated
//! account has it on by a small amount ([`DEFAULT_SIM_LAG_S`]) unless a spec says otherwise.
//!
//! What lags, for [`Lag::delay_s`] seconds of the cloud's clock after the write:
//! - UpdateService: DescribeServices answers the service as a describe saw it right before
//!   the update (the old PRIMARY deployment, no new one);
//! - RegisterTaskDefinition: the new revision is missing from ListTaskDefinitions, and
//!   DescribeTaskDefinition of it answers `ClientException` as for one that does not exist;
//! - RunTask: DescribeTasks answers the task under `failures` with reason `MISSING`;
//! - CreateDBSnapshot and the restores: the new snapshot or instance is missing from the
//!   describe calls.
//!
//! The program's answer to this is [`super::consistent::Consistent`].

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;

use super::{
    BackupSettings, Cloud, CloudError, CloudResult, DbInstance, DbSnapshot, ErrorKind, Identity,
    InstanceChange, Mode, NetworkConfig, PitrRequest, RestoreRequest, RunTaskRequest, Service,
    SnapshotRequest, Task, TaskDefinition, TaskDefinitionListing, TaskDefinitionPage,
    TaskDefinitionRegistration, Todo, TodoId,
};

/// The consistency delay of the simulated account when no `stale` rule sets one: a few
/// seconds of its clock for the ECS writes, as ECS's eventual consistency typically lasts.
pub const DEFAULT_SIM_LAG_S: f64 = 3.0;

/// The writes whose later describes lag (API names).
pub const LAGGING_WRITES: [&str; 6] = [
    "UpdateService",
    "RegisterTaskDefinition",
    "RunTask",
    "CreateDBSnapshot",
    "RestoreDBInstanceFromDBSnapshot",
    "RestoreDBInstanceToPointInTime",
];

/// The ECS writes: the ones the simulated account lags by default.
pub const ECS_WRITES: [&str; 3] = ["UpdateService", "RegisterTaskDefinition", "RunTask"];

/// How long describes lag, and after which writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Lag {
    pub delay_s: f64,
    /// API names from [`LAGGING_WRITES`].
    pub writes: Vec<String>,
}

impl Lag {
    /// The simulated account's default: [`DEFAULT_SIM_LAG_S`] after the ECS writes.
    #[must_use]
    pub fn sim_default() -> Self {
        Self {
            delay_s: DEFAULT_SIM_LAG_S,
            writes: ECS_WRITES.iter().map(|w| (*w).to_owned()).collect(),
        }
    }

    fn lags(&self, write: &str) -> bool {
        self.delay_s > 0.0 && self.writes.iter().any(|w| w == write)
    }
}

#[derive(Debug, Default)]
struct Writes {
    /// The service as a describe showed it right before the latest UpdateService (kept
    /// through further updates while it still lags), and when that update was made.
    service_before: Option<(Timestamp, Service)>,
    task_definitions: Vec<(Timestamp, String)>,
    tasks: Vec<(Timestamp, String)>,
    instances: Vec<(Timestamp, String)>,
    snapshots: Vec<(Timestamp, String)>,
}

/// A [`Cloud`] whose describes lag behind its writes.
pub struct Lagging {
    inner: Arc<dyn Cloud>,
    lag: Lag,
    writes: Mutex<Writes>,
}

impl Lagging {
    #[must_use]
    pub fn new(inner: Arc<dyn Cloud>, lag: Lag) -> Self {
        Self {
            inner,
            lag,
            writes: Mutex::new(Writes::default()),
        }
    }

    fn writes(&self) -> std::sync::MutexGuard<'_, Writes> {
        self.writes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether a write made at `at` is still not visible now.
    fn hidden(&self, at: Timestamp) -> bool {
        let since = self.inner.now().duration_since(at).as_secs_f64();
        since < self.lag.delay_s
    }

    fn lagging(&self, list: &[(Timestamp, String)], key: &str) -> bool {
        list.iter().any(|(at, k)| k == key && self.hidden(*at))
    }

    fn note(
        &self,
        write: &str,
        pick: impl FnOnce(&mut Writes) -> &mut Vec<(Timestamp, String)>,
        key: String,
    ) {
        if self.lag.lags(write) {
            let now = self.inner.now();
            pick(&mut self.writes()).push((now, key));
        }
    }
}

/// Whether `reference` (an ARN or `family:revision`) names the task definition `arn`.
fn names_revision(reference: &str, arn: &str) -> bool {
    reference == arn
        || arn
            .rsplit_once('/')
            .is_some_and(|(_, family_revision)| family_revision == reference)
}

#[async_trait]
impl Cloud for Lagging {
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
        let writes = self.writes();
        instances.retain(|i| !self.lagging(&writes.instances, &i.id));
        Ok(instances)
    }
    async fn describe_snapshots(&self, instance_id: &str) -> CloudResult<Vec<DbSnapshot>> {
        let mut snapshots = self.inner.describe_snapshots(instance_id).await?;
        let writes = self.writes();
        snapshots.retain(|s| !self.lagging(&writes.snapshots, &s.id));
        Ok(snapshots)
    }
    async fn find_snapshot(&self, snapshot_id: &str) -> CloudResult<Option<DbSnapshot>> {
        let found = self.inner.find_snapshot(snapshot_id).await?;
        let writes = self.writes();
        Ok(found.filter(|s| !self.lagging(&writes.snapshots, &s.id)))
    }
    async fn modify_backup(&self, settings: &BackupSettings) -> CloudResult<DbInstance> {
        self.inner.modify_backup(settings).await
    }
    async fn modify_instance(&self, change: &InstanceChange) -> CloudResult<DbInstance> {
        self.inner.modify_instance(change).await
    }
    async fn create_snapshot(&self, request: &SnapshotRequest) -> CloudResult<DbSnapshot> {
        let snapshot = self.inner.create_snapshot(request).await?;
        self.note(
            "CreateDBSnapshot",
            |w| &mut w.snapshots,
            snapshot.id.clone(),
        );
        Ok(snapshot)
    }
    async fn restore_from_snapshot(&self, request: &RestoreRequest) -> CloudResult<DbInstance> {
        let instance = self.inner.restore_from_snapshot(request).await?;
        self.note(
            "RestoreDBInstanceFromDBSnapshot",
            |w| &mut w.instances,
            instance.id.clone(),
        );
        Ok(instance)
    }
    async fn restore_to_point_in_time(&self, request: &PitrRequest) -> CloudResult<DbInstance> {
        let instance = self.inner.restore_to_point_in_time(request).await?;
        self.note(
            "RestoreDBInstanceToPointInTime",
            |w| &mut w.instances,
            instance.id.clone(),
        );
        Ok(instance)
    }
    async fn delete_instance(&self, instance_id: &str) -> CloudResult<()> {
        self.inner.delete_instance(instance_id).await
    }
    async fn delete_snapshot(&self, snapshot_id: &str) -> CloudResult<()> {
        self.inner.delete_snapshot(snapshot_id).await
    }

    async fn describe_service(&self, cluster: &str, service: &str) -> CloudResult<Service> {
        let before = self
            .writes()
            .service_before
            .clone()
            .filter(|(at, s)| self.hidden(*at) && s.cluster == cluster && s.name == service);
        match before {
            Some((_, service)) => Ok(service),
            None => self.inner.describe_service(cluster, service).await,
        }
    }
    async fn describe_task_definition(&self, reference: &str) -> CloudResult<TaskDefinition> {
        let hidden = {
            let writes = self.writes();
            writes
                .task_definitions
                .iter()
                .any(|(at, arn)| names_revision(reference, arn) && self.hidden(*at))
        };
        if hidden {
            return Err(CloudError::new(
                ErrorKind::Client,
                "ClientException",
                "Unable to describe task definition.",
            )
            .in_op("DescribeTaskDefinition"));
        }
        self.inner.describe_task_definition(reference).await
    }
    async fn list_task_definitions(
        &self,
        listing: &TaskDefinitionListing,
    ) -> CloudResult<TaskDefinitionPage> {
        let mut page = self.inner.list_task_definitions(listing).await?;
        let writes = self.writes();
        page.arns
            .retain(|arn| !self.lagging(&writes.task_definitions, arn));
        Ok(page)
    }
    async fn register_task_definition(
        &self,
        registration: &TaskDefinitionRegistration,
    ) -> CloudResult<TaskDefinition> {
        let td = self.inner.register_task_definition(registration).await?;
        self.note(
            "RegisterTaskDefinition",
            |w| &mut w.task_definitions,
            td.arn.clone(),
        );
        Ok(td)
    }
    async fn deregister_task_definition(&self, arn: &str) -> CloudResult<()> {
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
        let lags = self.lag.lags("UpdateService");
        // What a lagging replica still answers: the service right before the update (or,
        // while an earlier update still lags, what it answers already).
        let before = if lags {
            let kept = self
                .writes()
                .service_before
                .clone()
                .filter(|(at, _)| self.hidden(*at))
                .map(|(_, s)| s);
            match kept {
                Some(s) => Some(s),
                None => self.inner.describe_service(cluster, service).await.ok(),
            }
        } else {
            None
        };
        let answer = self
            .inner
            .update_service(cluster, service, task_definition)
            .await?;
        if let Some(before) = before {
            let now = self.inner.now();
            self.writes().service_before = Some((now, before));
        }
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
        self.note("RunTask", |w| &mut w.tasks, task.arn.clone());
        Ok(task)
    }
    async fn describe_task(&self, cluster: &str, task_arn: &str) -> CloudResult<Task> {
        let hidden = self.lagging(&self.writes().tasks, task_arn);
        if hidden {
            return Err(CloudError::new(
                ErrorKind::NotFound,
                "MISSING",
                format!("Task {task_arn}: MISSING"),
            )
            .in_op("DescribeTasks"));
        }
        self.inner.describe_task(cluster, task_arn).await
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
