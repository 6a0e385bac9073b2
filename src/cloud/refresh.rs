//! Credentials that expire mid-lab. AWS Academy session tokens last a few hours; when a call
//! fails with `ExpiredToken` (or the credentials vanished), [`Refreshing`] connects again —
//! which reads the credential files anew — and, if the learner has pasted fresh credentials,
//! repeats the call on the new connection. Progress is never lost: it lives in the account
//! and the journal, not in the connection.
//!
//! Reconnecting helps where the credentials are read anew: the credentials file, an SSO
//! login, a credential process, the container endpoint. Environment variables are not: a
//! running program keeps the values it was started with. An error that reaches the learner
//! therefore names where the credentials came from ([`Detect`]), and the text says what to do.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::credentials::CredentialSource;
use super::layer::Op;
use super::{Cloud, CloudResult};

/// Makes a new connection (the AWS adapter's `connect`).
pub type Reconnect = Arc<
    dyn Fn() -> Pin<Box<dyn Future<Output = CloudResult<Arc<dyn Cloud>>> + Send>> + Send + Sync,
>;

/// Finds out where the credentials come from now (the files may have changed since the start).
pub type Detect =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = CredentialSource> + Send>> + Send + Sync>;

/// Least time between two reconnection attempts, so an unchanged credentials file is not
/// read (and STS not asked) on every poll.
pub const RECONNECT_EVERY: Duration = Duration::from_secs(10);

pub struct Refreshing {
    current: RwLock<Arc<dyn Cloud>>,
    reconnect: Reconnect,
    last_attempt: Mutex<Option<Instant>>,
    detect: Option<Detect>,
}

impl Refreshing {
    pub fn new(first: Arc<dyn Cloud>, reconnect: Reconnect) -> Self {
        Self {
            current: RwLock::new(first),
            reconnect,
            last_attempt: Mutex::new(None),
            detect: None,
        }
    }

    /// Credential errors that are not cured by reconnecting name the source `detect` finds.
    #[must_use]
    pub fn with_detect(mut self, detect: Detect) -> Self {
        self.detect = Some(detect);
        self
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
            Err(e) if e.is_credentials_problem() => {
                let source = match &self.detect {
                    Some(detect) => Some(detect().await),
                    None => None,
                };
                // Environment variables cannot change under a running program: connecting
                // again would only ask STS with the same keys.
                let renewable = source
                    .as_ref()
                    .is_none_or(CredentialSource::renews_on_reconnect);
                let fresh = if renewable { self.renew().await } else { None };
                let result = match fresh {
                    Some(fresh) => call(fresh).await,
                    None => Err(e),
                };
                result.map_err(|e| {
                    if e.is_credentials_problem() {
                        e.with_credentials(source.as_ref())
                    } else {
                        e
                    }
                })
            }
            other => other,
        }
    }
}

super::layer::layered!(Refreshing);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::ErrorKind;
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
    async fn credentials_from_environment_variables_are_not_reconnected_for() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let sim: Arc<dyn Cloud> = Arc::new(SimCloud::manual(
            "2026-11-25T09:00:00Z".parse().expect("time"),
            15.0,
            WorldNames::default(),
        ));
        let expired: Arc<dyn Cloud> = Arc::new(Faulty::new(
            sim.clone(),
            Spec::parse("expired").expect("spec"),
        ));
        let attempts = Arc::new(AtomicUsize::new(0));
        let counted = attempts.clone();
        let reconnect: Reconnect = Arc::new(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            let fresh = sim.clone();
            Box::pin(async move { Ok(fresh) })
        });
        let from = |source: CredentialSource| -> Detect {
            Arc::new(move || {
                let source = source.clone();
                Box::pin(async move { source })
            })
        };
        let env = Refreshing::new(expired.clone(), reconnect.clone())
            .with_detect(from(CredentialSource::Environment));
        let err = env.describe_instances().await.expect_err("restart needed");
        assert_eq!(err.kind, ErrorKind::ExpiredToken);
        assert_eq!(attempts.load(Ordering::SeqCst), 0, "no pointless reconnect");

        let file =
            Refreshing::new(expired, reconnect).with_detect(from(CredentialSource::ProfileKeys {
                profile: "default".into(),
                file: "~/.aws/credentials".into(),
            }));
        file.describe_instances()
            .await
            .expect("fresh keys in the file are picked up");
        assert_eq!(attempts.load(Ordering::SeqCst), 1);
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
        let cloud = Refreshing::new(expired, reconnect).with_detect(Arc::new(|| {
            Box::pin(async { CredentialSource::Environment })
        }));
        let err = cloud.describe_instances().await.expect_err("still expired");
        assert_eq!(err.kind, ErrorKind::ExpiredToken);
        assert_eq!(
            err.credentials.as_deref(),
            Some(&CredentialSource::Environment),
            "the error names the source, so the advice can be to restart"
        );
        let en = crate::cloud::error_text::error_text(&err).render(crate::i18n::Lang::En);
        assert!(en.contains("start it again"), "{en}");
        let de = crate::cloud::error_text::error_text(&err).render(crate::i18n::Lang::De);
        assert!(de.contains("starte es neu"), "{de}");
    }
}
