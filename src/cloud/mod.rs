//! The one door to the cloud. [`Cloud`] speaks domain types; two implementations are chosen at
//! run time: [`sim::SimCloud`] (the simulated account, also the demo mode) and [`aws::AwsCloud`].
//! [`recorder::Recorded`] wraps either and writes every call, as its AWS CLI equivalent, to the
//! call log; [`faults::Faulty`] wraps either and injects failures.

pub mod aws;
pub mod calendar;
pub mod cli;
pub mod consistent;
pub mod credentials;
pub mod error_text;
pub mod faults;
pub mod lag;
pub mod layer;
pub mod model;
pub mod operation;
pub mod recorder;
pub mod refresh;
pub mod sim;
pub mod status;
pub mod todo_api;
pub mod todo_client;

use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use model::*;
pub use status::{
    DeploymentStatus, InstanceStatus, RolloutState, ServiceStatus, SnapshotKind, SnapshotStatus,
    TaskDefinitionStatus,
};

/// What kind of failure a call met; decides the localized advice and whether to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    AccessDenied,
    ExpiredToken,
    NoCredentials,
    NoRegion,
    Throttling,
    InvalidState,
    AlreadyExists,
    NotFound,
    ServiceNotFound,
    Client,
    Validation,
    Server,
    Network,
    Timeout,
    /// The todo app answered, but not in a form the lab can use.
    TodoAnswer,
    /// The simulated account's world could not be saved on this computer.
    LocalState,
    Other,
}

impl ErrorKind {
    /// Failures that go away by themselves; reads are retried after a pause.
    #[must_use]
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            Self::Throttling | Self::Server | Self::Network | Self::Timeout
        )
    }

    /// Stable id used in Fluent message ids (`error-<id>`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::AccessDenied => "access-denied",
            Self::ExpiredToken => "expired-token",
            Self::NoCredentials => "no-credentials",
            Self::NoRegion => "no-region",
            Self::Throttling => "throttling",
            Self::InvalidState => "invalid-state",
            Self::AlreadyExists => "already-exists",
            Self::NotFound => "not-found",
            Self::ServiceNotFound => "service-not-found",
            Self::Client => "client",
            Self::Validation => "validation",
            Self::Server => "server",
            Self::Network => "network",
            Self::Timeout => "timeout",
            Self::TodoAnswer => "todo-answer",
            Self::LocalState => "local-state",
            Self::Other => "other",
        }
    }
}

/// An error from the cloud, keeping the provider's code and message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct CloudError {
    pub kind: ErrorKind,
    pub code: String,
    pub message: String,
    /// The operation that failed (e.g. `CreateDBSnapshot`), for advice such as the missing
    /// permission.
    pub operation: String,
    /// Where the credentials came from, for advice on expired or refused credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// (Boxed: errors travel in every `Result` and should stay small.)
    pub credentials: Option<Box<credentials::CredentialSource>>,
}

impl CloudError {
    #[must_use]
    pub fn new(kind: ErrorKind, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind,
            code: code.into(),
            message: message.into(),
            operation: String::new(),
            credentials: None,
        }
    }

    /// Names where the credentials came from (kept if the error already names a source).
    #[must_use]
    pub fn with_credentials(mut self, source: Option<&credentials::CredentialSource>) -> Self {
        if self.credentials.is_none() {
            self.credentials = source.cloned().map(Box::new);
        }
        self
    }

    /// Whether the error is about the credentials themselves (expired, missing, refused).
    #[must_use]
    pub fn is_credentials_problem(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::ExpiredToken | ErrorKind::NoCredentials
        )
    }

    #[must_use]
    pub fn in_op(mut self, operation: &str) -> Self {
        if self.operation.is_empty() {
            operation.clone_into(&mut self.operation);
        }
        self
    }

    /// The IAM action a denied call needs, e.g. `rds:CreateDBSnapshot`: the one AWS's message
    /// names ("is not authorized to perform: rds:AddTagsToResource on resource …"), else the
    /// operation's own with the service that answers it ([`operation::Operation`]).
    #[must_use]
    pub fn permission(&self) -> Option<String> {
        const NAMED: &str = "to perform: ";
        if let Some(at) = self.message.find(NAMED) {
            let action: String = self.message[at + NAMED.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
                .collect();
            if action.contains(':') {
                return Some(action);
            }
        }
        let operation = operation::Operation::from_name(&self.operation)?;
        Some(format!(
            "{}:{}",
            operation.service().iam_prefix()?,
            operation.name()
        ))
    }
}

pub type CloudResult<T> = Result<T, CloudError>;

/// Which account the program works on, for the header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Mode {
    Simulation { speed: f64 },
    Aws { account: String, region: String },
}

/// How the cloud's clock moves right now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pace {
    /// As real time passes: AWS.
    Real,
    /// The simulated account: `speed` times real time while AWS works on something (`busy`),
    /// real time while nothing is in flight; standing still while `paused`.
    Sim {
        speed: f64,
        busy: bool,
        paused: bool,
    },
}

/// A change an instructor makes to the simulated clock while it runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClockControl {
    Pause,
    Resume,
    /// AWS's work runs this many times faster than real time from now on.
    Speed(f64),
}

/// The cloud as the lab sees it. Every method is one provider call (or one todo API request),
/// so the call log shows exactly what went over the wire.
#[async_trait]
pub trait Cloud: Send + Sync {
    fn mode(&self) -> Mode;
    /// The cloud's clock: simulated time in the simulation, the system clock on AWS.
    fn now(&self) -> Timestamp;
    /// Waits `wall` of real time; under a test clock it advances simulated time instead.
    async fn pause(&self, wall: Duration);

    async fn identity(&self) -> CloudResult<Identity>;

    async fn describe_instances(&self) -> CloudResult<Vec<DbInstance>>;
    async fn describe_snapshots(&self, instance_id: &str) -> CloudResult<Vec<DbSnapshot>>;
    /// The snapshot named `snapshot_id`, of whichever instance (`None`: there is none).
    async fn find_snapshot(&self, snapshot_id: &str) -> CloudResult<Option<DbSnapshot>>;
    async fn modify_backup(&self, settings: &BackupSettings) -> CloudResult<DbInstance>;
    /// Mends an instance at once (ModifyDBInstance with ApplyImmediately): its security groups
    /// and Multi-AZ.
    async fn modify_instance(&self, change: &InstanceChange) -> CloudResult<DbInstance>;
    async fn create_snapshot(&self, request: &SnapshotRequest) -> CloudResult<DbSnapshot>;
    async fn restore_from_snapshot(&self, request: &RestoreRequest) -> CloudResult<DbInstance>;
    async fn restore_to_point_in_time(&self, request: &PitrRequest) -> CloudResult<DbInstance>;
    async fn delete_instance(&self, instance_id: &str) -> CloudResult<()>;
    async fn delete_snapshot(&self, snapshot_id: &str) -> CloudResult<()>;

    async fn describe_service(&self, cluster: &str, service: &str) -> CloudResult<Service>;
    /// `reference` is an ARN or `family[:revision]`; the answer holds the revision's tags
    /// (`include=TAGS`) and its body, from which a copy is registered.
    async fn describe_task_definition(&self, reference: &str) -> CloudResult<TaskDefinition>;
    /// One page of ListTaskDefinitions (family prefix, status, oldest first).
    async fn list_task_definitions(
        &self,
        listing: &TaskDefinitionListing,
    ) -> CloudResult<TaskDefinitionPage>;
    /// Registers a new revision of the registration's family (RegisterTaskDefinition).
    async fn register_task_definition(
        &self,
        registration: &TaskDefinitionRegistration,
    ) -> CloudResult<TaskDefinition>;
    async fn deregister_task_definition(&self, arn: &str) -> CloudResult<()>;
    /// Deletes deregistered revisions for good (DeleteTaskDefinitions, at most
    /// [`DELETE_TASK_DEFINITIONS_MAX`] at once); a revision ECS would not delete is an error.
    async fn delete_task_definitions(&self, arns: &[String]) -> CloudResult<()>;
    async fn update_service(
        &self,
        cluster: &str,
        service: &str,
        task_definition: &str,
    ) -> CloudResult<Service>;

    /// The service's network configuration (DescribeServices), where one-off tasks run too.
    async fn describe_service_network(
        &self,
        cluster: &str,
        service: &str,
    ) -> CloudResult<NetworkConfig>;
    /// Starts one task on Fargate (RunTask); a task ECS could not place is an error.
    async fn run_task(&self, request: &RunTaskRequest) -> CloudResult<Task>;
    /// One task as DescribeTasks shows it (stopped tasks stay visible for about an hour).
    async fn describe_task(&self, cluster: &str, task_arn: &str) -> CloudResult<Task>;

    async fn list_todos(&self) -> CloudResult<Vec<Todo>>;
    async fn create_todo(&self, title: &str) -> CloudResult<Todo>;
    async fn delete_todo(&self, id: &TodoId) -> CloudResult<()>;

    // The three below have no default body on purpose: a layer that wraps another cloud must
    // pass them on, and the compiler says so when one does not (a layer that answered for
    // itself would hide the simulation's clock and data from everything above it).

    /// The todos inside `instance_id` when it is available, read without the app. Only the
    /// simulation can look into a database the app does not use; on AWS the answer is `None`
    /// (the lab has no connection to the database itself), and no call is made.
    fn peek_todos(&self, instance_id: &str) -> Option<Vec<Todo>>;

    /// How the clock moves now.
    fn pace(&self) -> Pace;

    /// Pauses, resumes or speeds up the simulated clock; AWS's clock cannot be changed
    /// (`false`).
    fn control_clock(&self, change: ClockControl) -> bool;
}

/// Environment names whose values are never shown or logged.
#[must_use]
pub fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    [
        "PASSWORD",
        "SECRET",
        "TOKEN",
        "KEY",
        "CREDENTIAL",
        "PASSWD",
        "PWD",
    ]
    .iter()
    .any(|needle| upper.contains(needle))
}

/// The value to show for an environment variable.
#[must_use]
pub fn shown_value<'a>(name: &str, value: &'a str) -> &'a str {
    if is_secret_name(name) {
        "••••••"
    } else {
        value
    }
}

/// Innermost message of an error chain, where the useful text usually is.
pub(crate) fn full_message(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut current = err.source();
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}
