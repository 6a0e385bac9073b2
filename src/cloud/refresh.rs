//! Credentials that expire mid-lab. AWS Academy session tokens last a few hours; when a call
//! fails with `ExpiredToken` (or the credentials vanished), [`Refreshing`] connects again —
//! which reads the credential files anew — and, if the learner has pasted fresh credentials,
//! repeats the call on the new connection. Progress is never lost: it lives in the account
//! and the journal, not in the connection.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use jiff::Timestamp;

use super::{
    BackupSettings, Cloud, CloudResult, DbInstance, DbSnapshot, ErrorKind, Identity, Mode,
    PitrRequest, RestoreRequest, Service, TaskDefinition, Todo,
};

/// Makes a new connection (the AWS adapter's `connect`).
pub type Reconnect = Arc<
    dyn Fn() -> Pin<Box<dyn Future<Output = CloudResult<Arc<dyn Cloud>>> + Send>> + Send + Sync,
>;

/// Least time between two reconnection attempts, so an unchanged credentials file is not
/// read (and STS not asked) on every poll.
pub const RECONNECT_EVERY: Duration = Duration::from_secs(10);

pub struct Refreshing {
    current: RwLock<Arc<dyn Cloud>>,
    reconnect: Reconnect,
    last_attempt: Mutex<Option<Instant>>,
}

impl Refreshing {
    pub fn new(first: Arc<dyn Cloud>, reconnect: Reconnect) -> Self {
        Self {
            current: RwLock::new(first),
            reconnect,
            last_attempt: Mutex::new(None),
        }
    }

    fn current(&self) -> Arc<dyn Cloud> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// A fresh connection, at most once per [`RECONNECT_EVERY`].
    async fn renew(&self) -> Option<Arc<dyn Cloud>> {
        {
            let mut last = self
                .last_attempt
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if last.is_some_and(|at| at.elapsed() < RECONNECT_EVERY) {
                return None;
            }
            *last = Some(Instant::now());
        }
        match (self.reconnect)().await {
            Ok(cloud) => {
                tracing::info!("credentials reloaded");
                *self
                    .current
                    .write()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = cloud.clone();
                Some(cloud)
            }
            Err(e) => {
                tracing::info!("credentials not renewed yet: {}", e.code);
                None
            }
        }
    }

    async fn call<'a, T, F, Fut>(&'a self, f: F) -> CloudResult<T>
    where
        F: Fn(Arc<dyn Cloud>) -> Fut + Send + 'a,
        Fut: Future<Output = CloudResult<T>> + Send + 'a,
        T: Send,
    {
        match f(self.current()).await {
            Err(e) if matches!(e.kind, ErrorKind::ExpiredToken | ErrorKind::NoCredentials) => {
                match self.renew().await {
                    Some(fresh) => f(fresh).await,
                    None => Err(e),
                }
            }
            other => other,
        }
    }
}

#[async_trait]
impl Cloud for Refreshing {
    fn mode(&self) -> Mode {
        self.current().mode()
    }
    fn now(&self) -> Timestamp {
        self.current().now()
    }
    async fn pause(&self, wall: Duration) {
        self.current().pause(wall).await;
    }
    async fn identity(&self) -> CloudResult<Identity> {
        self.call(|c| async move { c.identity().await }).await
    }
    async fn describe_instances(&self) -> CloudResult<Vec<DbInstance>> {
        self.call(|c| async move { c.describe_instances().await })
            .await
    }
    async fn describe_snapshots(&self, instance_id: &str) -> CloudResult<Vec<DbSnapshot>> {
        self.call(|c| async move { c.describe_snapshots(instance_id).await })
            .await
    }
    async fn modify_backup(&self, s: &BackupSettings) -> CloudResult<DbInstance> {
        self.call(|c| async move { c.modify_backup(s).await }).await
    }
    async fn create_snapshot(
        &self,
        instance_id: &str,
        snapshot_id: &str,
    ) -> CloudResult<DbSnapshot> {
        self.call(|c| async move { c.create_snapshot(instance_id, snapshot_id).await })
            .await
    }
    async fn restore_from_snapshot(&self, r: &RestoreRequest) -> CloudResult<DbInstance> {
        self.call(|c| async move { c.restore_from_snapshot(r).await })
            .await
    }
    async fn restore_to_point_in_time(&self, r: &PitrRequest) -> CloudResult<DbInstance> {
        self.call(|c| async move { c.restore_to_point_in_time(r).await })
            .await
    }
    async fn delete_instance(&self, id: &str) -> CloudResult<()> {
        self.call(|c| async move { c.delete_instance(id).await })
            .await
    }
    async fn delete_snapshot(&self, id: &str) -> CloudResult<()> {
        self.call(|c| async move { c.delete_snapshot(id).await })
            .await
    }
    async fn describe_service(&self, cluster: &str, service: &str) -> CloudResult<Service> {
        self.call(|c| async move { c.describe_service(cluster, service).await })
            .await
    }
    async fn describe_task_definition(&self, reference: &str) -> CloudResult<TaskDefinition> {
        self.call(|c| async move { c.describe_task_definition(reference).await })
            .await
    }
    async fn list_task_definitions(&self, family: &str) -> CloudResult<Vec<String>> {
        self.call(|c| async move { c.list_task_definitions(family).await })
            .await
    }
    async fn register_revision(
        &self,
        base: &str,
        container: &str,
        name: &str,
        value: &str,
    ) -> CloudResult<TaskDefinition> {
        self.call(|c| async move { c.register_revision(base, container, name, value).await })
            .await
    }
    async fn deregister_task_definition(&self, arn: &str) -> CloudResult<()> {
        self.call(|c| async move { c.deregister_task_definition(arn).await })
            .await
    }
    async fn update_service(&self, cluster: &str, service: &str, td: &str) -> CloudResult<Service> {
        self.call(|c| async move { c.update_service(cluster, service, td).await })
            .await
    }
    async fn list_todos(&self) -> CloudResult<Vec<Todo>> {
        self.call(|c| async move { c.list_todos().await }).await
    }
    async fn create_todo(&self, title: &str) -> CloudResult<Todo> {
        self.call(|c| async move { c.create_todo(title).await })
            .await
    }
    async fn delete_todo(&self, id: u64) -> CloudResult<()> {
        self.call(|c| async move { c.delete_todo(id).await }).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::faults::{Faulty, Spec};
    use crate::cloud::sim::{SimCloud, WorldNames};

    #[tokio::test]
    async fn an_expired_session_is_renewed_and_the_call_repeated() {
        let sim: Arc<dyn Cloud> = Arc::new(SimCloud::manual(
            "2026-11-25T09:00:00Z".parse().expect("time"),
            15.0,
            WorldNames::default(),
        ));
        let expired: Arc<dyn Cloud> = Arc::new(Faulty::new(
            sim.clone(),
            Spec::parse("expired").expect("spec"),
        ));
        let fresh = sim.clone();
        let reconnect: Reconnect = Arc::new(move || {
            let fresh = fresh.clone();
            Box::pin(async move { Ok(fresh) })
        });
        let cloud = Refreshing::new(expired, reconnect);
        let snapshot = cloud
            .create_snapshot("workshop-db", "ondemandbackup")
            .await
            .expect("renewed and repeated");
        assert_eq!(snapshot.id, "ondemandbackup");
        assert_eq!(
            sim.describe_snapshots("workshop-db")
                .await
                .expect("read")
                .len(),
            1,
            "made once"
        );
    }

    #[tokio::test]
    async fn without_fresh_credentials_the_error_is_reported() {
        let sim: Arc<dyn Cloud> = Arc::new(SimCloud::manual(
            "2026-11-25T09:00:00Z".parse().expect("time"),
            15.0,
            WorldNames::default(),
        ));
        let expired: Arc<dyn Cloud> =
            Arc::new(Faulty::new(sim, Spec::parse("expired").expect("spec")));
        let still = expired.clone();
        let reconnect: Reconnect = Arc::new(move || {
            let still = still.clone();
            Box::pin(async move { still.identity().await.map(|_| still) })
        });
        let cloud = Refreshing::new(expired, reconnect);
        let err = cloud.describe_instances().await.expect_err("still expired");
        assert_eq!(err.kind, ErrorKind::ExpiredToken);
    }
}
