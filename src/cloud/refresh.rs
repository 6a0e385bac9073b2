//! Credentials that expire mid-lab. AWS Academy session tokens last a few hours; when a call
//! fails with `ExpiredToken` (or the credentials vanished), [`Refreshing`] connects again —
//! which reads the credential files anew — and, if the learner has pasted fresh credentials,
//! repeats the call on the new connection. Progress is never lost: it lives in the account
//! and the journal, not in the connection.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::layer::Op;
use super::{Cloud, CloudResult, ErrorKind};

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

    fn inner_cloud(&self) -> Arc<dyn Cloud> {
        self.current()
    }

    async fn around<T, F, Fut>(&self, _op: Op<'_>, call: F) -> CloudResult<T>
    where
        F: Fn(Arc<dyn Cloud>) -> Fut + Send,
        Fut: Future<Output = CloudResult<T>> + Send,
        T: Send,
    {
        match call(self.current()).await {
            Err(e) if matches!(e.kind, ErrorKind::ExpiredToken | ErrorKind::NoCredentials) => {
                match self.renew().await {
                    Some(fresh) => call(fresh).await,
                    None => Err(e),
                }
            }
            other => other,
        }
    }
}

super::layer::layered!(Refreshing);

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
            .create_snapshot(&crate::cloud::SnapshotRequest {
                instance_id: "workshop-db".into(),
                snapshot_id: "ondemandbackup".into(),
                tags: crate::cloud::tool_tags(),
            })
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
