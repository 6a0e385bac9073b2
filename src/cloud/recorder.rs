//! Writes every cloud call to the call log: when, which operation, its AWS CLI equivalent,
//! the outcome and how long it took. The TUI's event log, the headless progress and the
//! report read from here; a sink passes writes on to the journal.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::layer::Op;
use super::{Cloud, CloudResult};

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

impl CallRecord {
    /// Whether this is a call to the todo app (over HTTP), not to AWS.
    #[must_use]
    pub fn is_app(&self) -> bool {
        super::operation::Operation::from_name(&self.operation)
            .is_some_and(|op| op.service() == super::operation::Service::TodoApp)
    }
}

/// Shared, bounded log of calls; `seq` lets readers notice what is new.
#[derive(Debug, Default)]
pub struct CallLog {
    inner: Mutex<(u64, VecDeque<CallRecord>)>,
    /// Calls to the todo app among them.
    app_calls: std::sync::atomic::AtomicU64,
}

impl CallLog {
    pub fn push(&self, mut record: CallRecord) -> CallRecord {
        let mut guard = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.0 += 1;
        record.seq = guard.0;
        if record.is_app() {
            self.app_calls
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
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

    /// Number of calls to the todo app recorded so far (part of [`Self::count`]).
    #[must_use]
    pub fn app_count(&self) -> u64 {
        self.app_calls.load(std::sync::atomic::Ordering::Relaxed)
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

    fn inner_cloud(&self) -> Arc<dyn Cloud> {
        self.inner.clone()
    }

    async fn around<T, F, Fut>(&self, op: Op<'_>, call: F) -> CloudResult<T>
    where
        F: Fn(Arc<dyn Cloud>) -> Fut + Send,
        Fut: std::future::Future<Output = CloudResult<T>> + Send,
        T: Send,
    {
        debug_assert!(
            super::operation::Operation::from_name(op.name).is_some(),
            "{} is missing from the table in cloud/operation.rs",
            op.name
        );
        let started = Instant::now();
        let at = self.inner.now();
        let result = call(self.inner.clone()).await.map_err(|e| e.in_op(op.name));
        let record = self.log.push(CallRecord {
            seq: 0,
            at,
            operation: op.name.into(),
            cli: (op.cli)(),
            error: result.as_ref().err().map(|e| e.code.clone()),
            millis: u64::try_from(started.elapsed().min(Duration::from_secs(3600)).as_millis())
                .unwrap_or(0),
            writes: op.writes,
        });
        tracing::debug!(op = op.name, error = ?record.error, ms = record.millis, "call");
        if let Some(sink) = &self.sink {
            sink(&record);
        }
        result
    }
}

super::layer::layered!(Recorded);
