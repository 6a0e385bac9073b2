//! Writes every cloud call to the call log: when, which operation, its AWS CLI equivalent,
//! the outcome and how long it took. The TUI's event log, the headless progress and the
//! report read from here; a sink passes writes on to the journal.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{
    BackupSettings, Cloud, CloudResult, DbInstance, DbSnapshot, Identity, Mode, PitrRequest,
    RestoreRequest, Service, TaskDefinition, Todo, cli,
};

/// How many calls the in-memory log keeps for display.
const KEPT_CALLS: usize = 500;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    pub seq: u64,
    pub at: Timestamp,
    pub operation: String,
    pub cli: String,
    /// `None` on success, else the error code.
    pub error: Option<String>,
    pub millis: u64,
    /// Whether the call changes something (create, modify, delete, register, update).
    pub writes: bool,
}

/// Shared, bounded log of calls; `seq` lets readers notice what is new.
#[derive(Debug, Default)]
pub struct CallLog {
    inner: Mutex<(u64, VecDeque<CallRecord>)>,
}

impl CallLog {
    pub fn push(&self, mut record: CallRecord) -> CallRecord {
        let mut guard = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.0 += 1;
        record.seq = guard.0;
        if guard.1.len() == KEPT_CALLS {
            guard.1.pop_front();
        }
        guard.1.push_back(record.clone());
        record
    }

    /// Number of calls recorded so far.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .0
    }

    /// The most recent calls, oldest first.
    #[must_use]
    pub fn recent(&self, n: usize) -> Vec<CallRecord> {
        let guard = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let skip = guard.1.len().saturating_sub(n);
        guard.1.iter().skip(skip).cloned().collect()
    }
}

pub type Sink = Arc<dyn Fn(&CallRecord) + Send + Sync>;

/// A [`Cloud`] that records each call before passing the result on.
pub struct Recorded {
    inner: Arc<dyn Cloud>,
    log: Arc<CallLog>,
    sink: Option<Sink>,
}

impl Recorded {
    pub fn new(inner: Arc<dyn Cloud>, log: Arc<CallLog>, sink: Option<Sink>) -> Self {
        Self { inner, log, sink }
    }

    async fn record<T>(
        &self,
        operation: &str,
        cli: String,
        writes: bool,
        call: impl std::future::Future<Output = CloudResult<T>>,
    ) -> CloudResult<T> {
        let started = Instant::now();
        let at = self.inner.now();
        let result = call.await.map_err(|e| e.in_op(operation));
        let record = self.log.push(CallRecord {
            seq: 0,
            at,
            operation: operation.into(),
            cli,
            error: result.as_ref().err().map(|e| e.code.clone()),
            millis: u64::try_from(started.elapsed().min(Duration::from_secs(3600)).as_millis())
                .unwrap_or(0),
            writes,
        });
        tracing::debug!(op = operation, error = ?record.error, ms = record.millis, "call");
        if let Some(sink) = &self.sink {
            sink(&record);
        }
        result
    }
}

#[async_trait]
impl Cloud for Recorded {
    fn mode(&self) -> Mode {
        self.inner.mode()
    }
    fn now(&self) -> Timestamp {
        self.inner.now()
    }
    async fn pause(&self, wall: Duration) {
        self.inner.pause(wall).await;
    }
    async fn identity(&self) -> CloudResult<Identity> {
        self.record(
            "GetCallerIdentity",
            cli::identity(),
            false,
            self.inner.identity(),
        )
        .await
    }
    async fn describe_instances(&self) -> CloudResult<Vec<DbInstance>> {
        self.record(
            "DescribeDBInstances",
            cli::describe_instances(),
            false,
            self.inner.describe_instances(),
        )
        .await
    }
    async fn describe_snapshots(&self, instance_id: &str) -> CloudResult<Vec<DbSnapshot>> {
        self.record(
            "DescribeDBSnapshots",
            cli::describe_snapshots(instance_id),
            false,
            self.inner.describe_snapshots(instance_id),
        )
        .await
    }
    async fn modify_backup(&self, s: &BackupSettings) -> CloudResult<DbInstance> {
        self.record(
            "ModifyDBInstance",
            cli::modify_backup(s),
            true,
            self.inner.modify_backup(s),
        )
        .await
    }
    async fn create_snapshot(
        &self,
        instance_id: &str,
        snapshot_id: &str,
    ) -> CloudResult<DbSnapshot> {
        self.record(
            "CreateDBSnapshot",
            cli::create_snapshot(instance_id, snapshot_id),
            true,
            self.inner.create_snapshot(instance_id, snapshot_id),
        )
        .await
    }
    async fn restore_from_snapshot(&self, r: &RestoreRequest) -> CloudResult<DbInstance> {
        self.record(
            "RestoreDBInstanceFromDBSnapshot",
            cli::restore(r),
            true,
            self.inner.restore_from_snapshot(r),
        )
        .await
    }
    async fn restore_to_point_in_time(&self, r: &PitrRequest) -> CloudResult<DbInstance> {
        self.record(
            "RestoreDBInstanceToPointInTime",
            cli::restore_pitr(r),
            true,
            self.inner.restore_to_point_in_time(r),
        )
        .await
    }
    async fn delete_instance(&self, id: &str) -> CloudResult<()> {
        self.record(
            "DeleteDBInstance",
            cli::delete_instance(id),
            true,
            self.inner.delete_instance(id),
        )
        .await
    }
    async fn delete_snapshot(&self, id: &str) -> CloudResult<()> {
        self.record(
            "DeleteDBSnapshot",
            cli::delete_snapshot(id),
            true,
            self.inner.delete_snapshot(id),
        )
        .await
    }
    async fn describe_service(&self, cluster: &str, service: &str) -> CloudResult<Service> {
        self.record(
            "DescribeServices",
            cli::describe_service(cluster, service),
            false,
            self.inner.describe_service(cluster, service),
        )
        .await
    }
    async fn describe_task_definition(&self, reference: &str) -> CloudResult<TaskDefinition> {
        self.record(
            "DescribeTaskDefinition",
            cli::describe_task_definition(reference),
            false,
            self.inner.describe_task_definition(reference),
        )
        .await
    }
    async fn list_task_definitions(&self, family: &str) -> CloudResult<Vec<String>> {
        self.record(
            "ListTaskDefinitions",
            cli::list_task_definitions(family),
            false,
            self.inner.list_task_definitions(family),
        )
        .await
    }
    async fn register_revision(
        &self,
        base: &str,
        container: &str,
        name: &str,
        value: &str,
    ) -> CloudResult<TaskDefinition> {
        self.record(
            "RegisterTaskDefinition",
            cli::register_revision(base, container, name, value),
            true,
            self.inner.register_revision(base, container, name, value),
        )
        .await
    }
    async fn deregister_task_definition(&self, arn: &str) -> CloudResult<()> {
        self.record(
            "DeregisterTaskDefinition",
            cli::deregister_task_definition(arn),
            true,
            self.inner.deregister_task_definition(arn),
        )
        .await
    }
    async fn update_service(&self, cluster: &str, service: &str, td: &str) -> CloudResult<Service> {
        self.record(
            "UpdateService",
            cli::update_service(cluster, service, td),
            true,
            self.inner.update_service(cluster, service, td),
        )
        .await
    }
    async fn list_todos(&self) -> CloudResult<Vec<Todo>> {
        self.record(
            "TodoList",
            cli::list_todos(),
            false,
            self.inner.list_todos(),
        )
        .await
    }
    async fn create_todo(&self, title: &str) -> CloudResult<Todo> {
        self.record(
            "TodoCreate",
            cli::create_todo(title),
            true,
            self.inner.create_todo(title),
        )
        .await
    }
    async fn delete_todo(&self, id: u64) -> CloudResult<()> {
        self.record(
            "TodoDelete",
            cli::delete_todo(id),
            true,
            self.inner.delete_todo(id),
        )
        .await
    }
}
