//! Domain types the rest of the program speaks. They mirror what the lab needs from RDS, ECS
//! and the todo app, never SDK types, so the simulation and the AWS adapter are interchangeable.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// An RDS DB instance as DescribeDBInstances shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DbInstance {
    pub id: String,
    pub status: String,
    pub class: String,
    pub engine: String,
    pub multi_az: bool,
    pub retention_days: u32,
    /// Backup window in UTC, `hh:mm-hh:mm`.
    pub backup_window: Option<String>,
    /// Weekly maintenance window in UTC, `ddd:hh:mm-ddd:hh:mm`.
    pub maintenance_window: Option<String>,
    /// Endpoint address; absent while a new instance is `creating`.
    pub endpoint: Option<String>,
    pub port: Option<u16>,
    pub security_groups: Vec<String>,
    pub subnet_group: Option<String>,
    pub latest_restorable: Option<Timestamp>,
    pub created: Option<Timestamp>,
    /// Retention still waiting to be applied (PendingModifiedValues).
    pub pending_retention: Option<u32>,
    pub storage_gib: u32,
    pub arn: String,
}

impl DbInstance {
    /// Settled states in which the instance answers and accepts changes.
    #[must_use]
    pub fn is_available(&self) -> bool {
        self.status == "available"
    }

    /// States that move on by themselves; a poller looks more often while one is seen.
    #[must_use]
    pub fn is_transitional(&self) -> bool {
        !matches!(
            self.status.as_str(),
            "available" | "stopped" | "failed" | "incompatible-restore"
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SnapshotKind {
    Manual,
    Automated,
}

/// An RDS DB snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbSnapshot {
    pub id: String,
    pub instance_id: String,
    pub status: String,
    pub percent: u8,
    pub kind: SnapshotKind,
    /// The point in time the snapshot holds (SnapshotCreateTime).
    pub created: Option<Timestamp>,
    pub created_by_tool: bool,
    pub arn: String,
}

impl DbSnapshot {
    #[must_use]
    pub fn is_available(&self) -> bool {
        self.status == "available"
    }
}

/// One container of a task definition, reduced to what the lab reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Container {
    pub name: String,
    pub image: String,
    /// Plain environment variables in order. Values of secret-like names are kept for
    /// comparison only; [`crate::redact`] hides them before anything is shown.
    pub environment: Vec<(String, String)>,
}

/// A registered task definition revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDefinition {
    pub arn: String,
    pub family: String,
    pub revision: u32,
    pub status: String,
    pub containers: Vec<Container>,
    /// Everything else that defines the revision (roles, sizes, network mode, volumes, tags, …)
    /// folded into one fingerprint, so two revisions can be compared without DB_HOST.
    pub fingerprint: String,
}

impl TaskDefinition {
    #[must_use]
    pub fn env(&self, container: &str, name: &str) -> Option<&str> {
        self.containers
            .iter()
            .find(|c| c.name == container)?
            .environment
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether `self` equals `other` in everything but the value of `except` in `container`.
    #[must_use]
    pub fn same_except(&self, other: &Self, container: &str, except: &str) -> bool {
        let strip = |td: &Self| -> Vec<Container> {
            td.containers
                .iter()
                .map(|c| Container {
                    environment: c
                        .environment
                        .iter()
                        .filter(|(k, _)| !(c.name == container && k == except))
                        .cloned()
                        .collect(),
                    ..c.clone()
                })
                .collect()
        };
        self.family == other.family
            && self.fingerprint == other.fingerprint
            && strip(self) == strip(other)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DeploymentStatus {
    Primary,
    Active,
    Inactive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RolloutState {
    InProgress,
    Completed,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deployment {
    pub id: String,
    pub status: DeploymentStatus,
    pub task_definition: String,
    pub desired: u32,
    pub running: u32,
    pub pending: u32,
    pub rollout: Option<RolloutState>,
    pub created: Option<Timestamp>,
    pub updated: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceEvent {
    pub at: Option<Timestamp>,
    pub message: String,
}

/// An ECS service with its deployments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    pub cluster: String,
    pub status: String,
    pub task_definition: String,
    pub desired: u32,
    pub running: u32,
    pub pending: u32,
    pub deployments: Vec<Deployment>,
    pub events: Vec<ServiceEvent>,
}

impl Service {
    #[must_use]
    pub fn primary(&self) -> Option<&Deployment> {
        self.deployments
            .iter()
            .find(|d| d.status == DeploymentStatus::Primary)
    }

    /// A rollout is complete when one deployment is left and it runs what it should.
    #[must_use]
    pub fn is_stable(&self) -> bool {
        match (self.deployments.as_slice(), self.primary()) {
            ([_], Some(p)) => p.running == p.desired && p.rollout != Some(RolloutState::InProgress),
            _ => false,
        }
    }
}

/// One entry of the todo app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Todo {
    pub id: u64,
    #[serde(default)]
    pub user_id: Option<serde_json::Value>,
    pub title: String,
    #[serde(default)]
    pub completed: bool,
}

/// Who the program talks to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub account: String,
    pub region: String,
    pub arn: String,
}

/// Parameters of RestoreDBInstanceFromDBSnapshot as the lab sets them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreRequest {
    pub instance_id: String,
    pub snapshot_id: String,
    pub class: String,
    pub multi_az: bool,
    pub security_groups: Vec<String>,
    pub subnet_group: Option<String>,
}

/// Parameters of RestoreDBInstanceToPointInTime (latest restorable time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PitrRequest {
    pub source_id: String,
    pub target_id: String,
    pub class: String,
    pub multi_az: bool,
    pub security_groups: Vec<String>,
    pub subnet_group: Option<String>,
}

/// Parameters of ModifyDBInstance for the backup settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSettings {
    pub instance_id: String,
    pub retention_days: u32,
    /// UTC, `hh:mm-hh:mm`.
    pub window_utc: String,
    pub apply_immediately: bool,
}

/// Tags every resource created by the program carries.
pub const TOOL_TAG_KEY: &str = "created-by";
pub const TOOL_TAG_VALUE: &str = "backup-lab";

/// An AWS value as it goes over the wire (`PRIMARY`, `IN_PROGRESS`): the serde name.
pub fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
