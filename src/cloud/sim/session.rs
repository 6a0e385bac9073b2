//! The simulated account's session, as an AWS Academy learner has it (the `session` fault,
//! simulation only). From the Nth call to the account on, the session has expired: every call
//! but the todo app's fails with `ExpiredToken`, and the error names a file that stands for
//! `~/.aws/credentials` (`sim/credentials` in the state directory). Writing new content into
//! that file is pasting fresh keys: the next call finds it changed, and the session works
//! again for the rest of the run. The file is read on every call while the session is
//! expired, as the AWS credential chain reads the credentials file when it connects again.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::cloud::credentials::CredentialSource;
use crate::cloud::layer::Op;
use crate::cloud::{Cloud, CloudError, CloudResult, ErrorKind};

/// Name of the file in the simulation's directory that stands for the credentials file.
pub const CREDENTIALS_FILE: &str = "credentials";
/// The profile the simulated keys belong to.
const PROFILE: &str = "default";

/// A [`Cloud`] whose session expires at a given call and is renewed by a file.
pub struct SimSession {
    inner: Arc<dyn Cloud>,
    file: PathBuf,
    state: Mutex<State>,
}

/// The content of the credentials file when the session was found expired.
#[derive(Debug, PartialEq, Eq)]
enum Held {
    Nothing,
    Keys(Vec<u8>),
}

#[derive(Debug)]
struct State {
    /// Calls to the account so far (the todo app's not counted).
    calls: u64,
    /// The call from which the session has expired.
    expires_at: u64,
    /// What the file held when the session was found expired.
    expired_with: Option<Held>,
    /// Fresh keys were pasted: the session works again.
    renewed: bool,
}

impl SimSession {
    /// `inner` with a session that expires at call `expires_at` (1: already expired) and is
    /// renewed by new content in `file`.
    #[must_use]
    pub fn new(inner: Arc<dyn Cloud>, expires_at: u64, file: PathBuf) -> Self {
        Self {
            inner,
            file,
            state: Mutex::new(State {
                calls: 0,
                expires_at,
                expired_with: None,
                renewed: false,
            }),
        }
    }

    fn inner_cloud(&self) -> Arc<dyn Cloud> {
        self.inner.clone()
    }

    /// The error of a call made with the expired session, naming the file to paste keys into.
    fn expired(&self, operation: &str) -> CloudError {
        let source = CredentialSource::ProfileKeys {
            profile: PROFILE.to_owned(),
            file: self.file.display().to_string(),
        };
        CloudError::new(
            ErrorKind::ExpiredToken,
            "ExpiredToken",
            "The security token included in the request is expired",
        )
        .in_op(operation)
        .with_credentials(Some(&source))
    }

    /// Whether this call finds the session valid.
    fn valid(&self, operation: &str) -> bool {
        let service = crate::cloud::operation::Operation::from_name(operation)
            .map(crate::cloud::operation::Operation::service);
        if service == Some(crate::cloud::operation::Service::TodoApp) {
            return true;
        }
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.calls += 1;
        if state.renewed || state.calls < state.expires_at {
            return true;
        }
        let now = std::fs::read(&self.file).map_or(Held::Nothing, Held::Keys);
        match &state.expired_with {
            None => {
                state.expired_with = Some(now);
                false
            }
            Some(before) if now != Held::Nothing && now != *before => {
                tracing::info!("simulated session renewed from {}", self.file.display());
                state.renewed = true;
                true
            }
            Some(_) => false,
        }
    }

    async fn around<T, F, Fut>(&self, op: Op<'_>, call: F) -> CloudResult<T>
    where
        F: Fn(Arc<dyn Cloud>) -> Fut + Send,
        Fut: std::future::Future<Output = CloudResult<T>> + Send,
        T: Send,
    {
        if self.valid(op.name) {
            call(self.inner.clone()).await
        } else {
            Err(self.expired(op.name))
        }
    }
}

crate::cloud::layer::layered!(SimSession);
