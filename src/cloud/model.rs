//! Domain types the rest of the program speaks. They mirror what the lab needs from RDS, ECS
//! and the todo app, never SDK types, so the simulation and the AWS adapter are interchangeable.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::status::{
    DeploymentStatus, InstanceStatus, RolloutState, ServiceStatus, SnapshotKind, SnapshotStatus,
    TaskDefinitionStatus,
};

use crate::msg;
use crate::validate::BackupWindow;

/// An RDS DB instance as DescribeDBInstances shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DbInstance {
    pub id: String,
    pub status: InstanceStatus,
    pub class: String,
    pub engine: String,
    pub multi_az: bool,
    pub retention_days: u32,
    /// Backup window in UTC (`PreferredBackupWindow`).
    #[serde(deserialize_with = "crate::validate::lenient_window")]
    pub backup_window: Option<BackupWindow>,
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
    /// Multi-AZ still being applied (PendingModifiedValues): a conversion under way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_multi_az: Option<bool>,
    pub storage_gib: u32,
    pub arn: String,
    /// `gp2`, `gp3`, `io1`, …; a restore falls back to gp3 unless it is given.
    pub storage_type: Option<String>,
    /// Provisioned IOPS (io1/io2, or gp3 above its baseline).
    pub iops: Option<u32>,
    /// DB parameter group; a restore falls back to the engine's default unless it is given.
    pub parameter_group: Option<String>,
    /// Option group; a restore falls back to the engine's default unless it is given.
    pub option_group: Option<String>,
    /// `EngineLifecycleSupport`: `open-source-rds-extended-support` or `…-disabled`.
    pub engine_lifecycle: Option<String>,
    /// The instance's tags (TagList), in order.
    pub tags: Vec<(String, String)>,
    /// The database created with the instance (`DBName`), which a restore keeps.
    pub db_name: Option<String>,
    /// `PubliclyAccessible`: whether the endpoint resolves to a public address.
    pub publicly_accessible: Option<bool>,
    /// `CopyTagsToSnapshot`: whether snapshots get the instance's tags.
    pub copy_tags_to_snapshot: Option<bool>,
    /// `StorageThroughput` in MiB/s (gp3).
    pub storage_throughput: Option<u32>,
    /// `AutoMinorVersionUpgrade`.
    pub auto_minor_version_upgrade: Option<bool>,
    /// `DeletionProtection`: DeleteDBInstance fails while it is on.
    pub deletion_protection: bool,
}

impl DbInstance {
    /// Multi-AZ or Single-AZ, as the instance runs now.
    #[must_use]
    pub const fn availability(&self) -> Availability {
        Availability::of(self.multi_az)
    }

    /// The engine's name (`mysql`), from `engine` (`mysql 8.0.39`).
    #[must_use]
    pub fn engine_name(&self) -> &str {
        self.engine
            .split_once(' ')
            .map_or(self.engine.as_str(), |(name, _)| name)
    }

    /// The engine version (`8.0.39`), if known.
    #[must_use]
    pub fn engine_version(&self) -> Option<&str> {
        self.engine.split_once(' ').map(|(_, version)| version)
    }

    /// Whether the database takes connections: `available`, or a state after creation in which
    /// the endpoint already answers (`backing-up`, `modifying`, `configuring-…`). A restored
    /// instance is `backing-up` right after `creating`, and applications can connect then.
    #[must_use]
    pub fn accepts_connections(&self) -> bool {
        self.endpoint.is_some()
            && (matches!(
                self.status,
                InstanceStatus::Available
                    | InstanceStatus::BackingUp
                    | InstanceStatus::Modifying
                    | InstanceStatus::StorageOptimization
                    | InstanceStatus::Upgrading
            ) || self.status.is_configuring())
    }

    /// Settled states in which the instance answers and accepts changes.
    #[must_use]
    pub fn is_available(&self) -> bool {
        self.status == InstanceStatus::Available
    }

    /// States that move on by themselves; a poller looks more often while one is seen.
    /// Terminal statuses ([`InstanceStatus::is_terminal`]) do not.
    #[must_use]
    pub fn is_transitional(&self) -> bool {
        !matches!(
            self.status,
            InstanceStatus::Available | InstanceStatus::Stopped
        ) && !self.status.is_terminal()
    }
}

/// An RDS DB snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbSnapshot {
    pub id: String,
    pub instance_id: String,
    pub status: SnapshotStatus,
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
        self.status == SnapshotStatus::Available
    }
}

/// The environment variable of the app's container that names its database.
pub const DB_HOST: &str = "DB_HOST";

/// One container of a task definition, reduced to what the lab reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Container {
    pub name: String,
    pub image: String,
    /// Plain environment variables in order. Values of secret-like names are kept for
    /// comparison only; [`super::shown_value`] hides them before anything is shown.
    pub environment: Vec<(String, String)>,
    /// Where the container's output goes (`logConfiguration`), when it has one.
    #[serde(default)]
    pub logs: Option<ContainerLogs>,
}

/// A container's `logConfiguration`, reduced to what tells where its output is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ContainerLogs {
    /// `awslogs`, `awsfirelens`, …
    pub driver: String,
    /// `awslogs-group`.
    pub group: Option<String>,
    /// `awslogs-region`.
    pub region: Option<String>,
    /// `awslogs-stream-prefix`.
    pub stream_prefix: Option<String>,
}

impl ContainerLogs {
    /// The CloudWatch Logs stream of `container` in task `task_id`: `prefix/container/task`
    /// (the `awslogs` driver names streams so when a prefix is set, which Fargate requires).
    #[must_use]
    pub fn stream(&self, container: &str, task_id: &str) -> Option<String> {
        let prefix = self.stream_prefix.as_deref()?;
        (self.driver == "awslogs").then(|| format!("{prefix}/{container}/{task_id}"))
    }
}

/// A registered task definition revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDefinition {
    pub arn: String,
    pub family: String,
    pub revision: u32,
    pub status: TaskDefinitionStatus,
    pub containers: Vec<Container>,
    /// Everything else that defines the revision (roles, sizes, network mode, volumes, tags, …)
    /// folded into one fingerprint, so two revisions can be compared without DB_HOST.
    pub fingerprint: String,
    /// The revision's tags (DescribeTaskDefinition with `include=TAGS`), as ECS keeps them.
    #[serde(default)]
    pub tags: Vec<(String, String)>,
    /// The revision as RegisterTaskDefinition takes it again: the `taskDefinition` member of
    /// the DescribeTaskDefinition answer, its read-only fields left out
    /// ([`READ_ONLY_TASK_DEFINITION_FIELDS`]). Every field is kept, also those the program does
    /// not read, so a revision made from this one differs only where it is changed. Holds the
    /// environment as it is (secrets included): never shown, see [`super::is_secret_name`].
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub body: serde_json::Value,
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

/// Fields DescribeTaskDefinition returns that RegisterTaskDefinition rejects (ECS API
/// reference).
pub const READ_ONLY_TASK_DEFINITION_FIELDS: [&str; 8] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
];

impl TaskDefinition {
    /// What registers a copy of this revision: its body and its tags (AWS's own left out,
    /// which no call may set).
    #[must_use]
    pub fn registration(&self) -> TaskDefinitionRegistration {
        TaskDefinitionRegistration {
            body: self.body.clone(),
            tags: self
                .tags
                .iter()
                .filter(|(k, _)| !is_reserved_tag(k))
                .cloned()
                .collect(),
        }
    }
}

/// The input of one RegisterTaskDefinition call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDefinitionRegistration {
    /// The revision in the API's JSON (`family`, `containerDefinitions`, `cpu`, …), as
    /// [`TaskDefinition::body`] holds it; tags apart.
    pub body: serde_json::Value,
    pub tags: Vec<(String, String)>,
}

impl TaskDefinitionRegistration {
    #[must_use]
    pub fn family(&self) -> &str {
        self.body
            .get("family")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
    }

    /// The container definition named `container`, to change.
    pub fn container_mut(
        &mut self,
        container: &str,
    ) -> Option<&mut serde_json::Map<String, serde_json::Value>> {
        self.body
            .get_mut("containerDefinitions")?
            .as_array_mut()?
            .iter_mut()
            .filter_map(serde_json::Value::as_object_mut)
            .find(|c| c.get("name").and_then(serde_json::Value::as_str) == Some(container))
    }

    /// Sets `name=value` in the environment of `container` (in place, or added at the end);
    /// `false` when there is no such container.
    pub fn set_env(&mut self, container: &str, name: &str, value: &str) -> bool {
        let Some(def) = self.container_mut(container) else {
            return false;
        };
        let environment = def
            .entry("environment")
            .or_insert_with(|| serde_json::Value::Array(Vec::new()));
        if !environment.is_array() {
            *environment = serde_json::Value::Array(Vec::new());
        }
        let Some(list) = environment.as_array_mut() else {
            return false;
        };
        match list
            .iter_mut()
            .find(|kv| kv.get("name").and_then(serde_json::Value::as_str) == Some(name))
        {
            Some(entry) => entry["value"] = serde_json::Value::from(value),
            None => list.push(serde_json::json!({ "name": name, "value": value })),
        }
        true
    }

    /// The containers as the lab reads them (name, image, environment, log configuration).
    #[must_use]
    pub fn containers(&self) -> Vec<Container> {
        let text = |v: &serde_json::Value, key: &str| {
            v.get(key)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        self.body
            .get("containerDefinitions")
            .and_then(serde_json::Value::as_array)
            .map(|defs| {
                defs.iter()
                    .map(|c| Container {
                        name: text(c, "name").unwrap_or_default(),
                        image: text(c, "image").unwrap_or_default(),
                        environment: c
                            .get("environment")
                            .and_then(serde_json::Value::as_array)
                            .map(|env| {
                                env.iter()
                                    .filter_map(|kv| {
                                        Some((
                                            text(kv, "name")?,
                                            text(kv, "value").unwrap_or_default(),
                                        ))
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                        logs: c.get("logConfiguration").map(|l| {
                            let option = |key: &str| l.get("options").and_then(|o| text(o, key));
                            ContainerLogs {
                                driver: text(l, "logDriver").unwrap_or_default(),
                                group: option("awslogs-group"),
                                region: option("awslogs-region"),
                                stream_prefix: option("awslogs-stream-prefix"),
                            }
                        }),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Everything but the environment, with the tags (AWS's own left out) in order: canonical
    /// JSON (`serde_json` keeps object keys sorted), so two revisions compare by it.
    #[must_use]
    pub fn fingerprint(&self) -> String {
        let mut body = self.body.clone();
        if let Some(defs) = body
            .get_mut("containerDefinitions")
            .and_then(serde_json::Value::as_array_mut)
        {
            for def in defs.iter_mut().filter_map(serde_json::Value::as_object_mut) {
                def.remove("environment");
            }
        }
        let mut tags: Vec<&(String, String)> = self
            .tags
            .iter()
            .filter(|(k, _)| !is_reserved_tag(k))
            .collect();
        tags.sort();
        serde_json::json!({ "taskDefinition": body, "tags": tags }).to_string()
    }
}

/// One ListTaskDefinitions request: the revisions whose family begins with `family_prefix`
/// (ECS matches by prefix), in `status`, oldest first, from `next_token` on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDefinitionListing {
    pub family_prefix: String,
    pub status: TaskDefinitionStatus,
    pub next_token: Option<String>,
}

/// One page of ListTaskDefinitions: at most [`LIST_TASK_DEFINITIONS_PAGE`] ARNs, and the
/// token for the next page when there are more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TaskDefinitionPage {
    pub arns: Vec<String>,
    pub next_token: Option<String>,
}

/// Most ARNs one ListTaskDefinitions answer holds (`maxResults` defaults to it and goes no
/// higher).
pub const LIST_TASK_DEFINITIONS_PAGE: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deployment {
    pub id: String,
    pub status: DeploymentStatus,
    pub task_definition: String,
    pub desired: u32,
    pub running: u32,
    pub pending: u32,
    pub rollout: Option<RolloutState>,
    /// Why the rollout is in its state (`rolloutStateReason`), e.g. "ECS deployment circuit
    /// breaker: tasks failed to start."
    #[serde(default)]
    pub rollout_reason: Option<String>,
    /// Tasks of this deployment that failed in a row (`failedTasks`); ECS sets it back to 0
    /// once one of them runs.
    #[serde(default)]
    pub failed_tasks: u32,
    pub created: Option<Timestamp>,
    pub updated: Option<Timestamp>,
}

impl Deployment {
    /// Whether this deployment's rollout went wrong: it ended `FAILED` (the circuit breaker gave
    /// up), or [`FAILING_TASKS`] of its tasks in a row failed to start while it is not
    /// `COMPLETED` (without a circuit breaker ECS retries such a rollout forever). The one
    /// definition of a failing deployment.
    #[must_use]
    pub fn is_failing(&self) -> bool {
        self.rollout == Some(RolloutState::Failed)
            || (self.failed_tasks >= FAILING_TASKS && self.rollout != Some(RolloutState::Completed))
    }

    /// Whether its rollout is through: `COMPLETED`, or not reported (without rolling-update
    /// tracking). A state this program does not know is not.
    #[must_use]
    pub fn rollout_completed(&self) -> bool {
        matches!(self.rollout, None | Some(RolloutState::Completed))
    }

    /// Its revision, read from the task definition ARN.
    #[must_use]
    pub fn revision(&self) -> Option<Revision<'_>> {
        Revision::parse(&self.task_definition)
    }
}

/// The service's deployment circuit breaker (`deploymentConfiguration.deploymentCircuitBreaker`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircuitBreaker {
    /// A rollout whose tasks keep failing ends `FAILED` instead of trying forever.
    pub enable: bool,
    /// A `FAILED` rollout goes back to the last deployment that completed.
    pub rollback: bool,
}

/// Tasks failing in a row after which a rollout counts as failing even without a circuit
/// breaker: the breaker's own smallest threshold (it uses half the desired count, at least 3).
pub const FAILING_TASKS: u32 = 3;

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
    pub status: ServiceStatus,
    pub task_definition: String,
    pub desired: u32,
    pub running: u32,
    pub pending: u32,
    pub deployments: Vec<Deployment>,
    /// Newest first.
    pub events: Vec<ServiceEvent>,
    /// `None` when the service has no deployment configuration to read.
    #[serde(default)]
    pub circuit_breaker: Option<CircuitBreaker>,
    /// Where its tasks are placed (`networkConfiguration.awsvpcConfiguration`): the way to
    /// the databases a one-off task next to it takes too.
    #[serde(default)]
    pub network: Option<NetworkConfig>,
}

impl Service {
    #[must_use]
    pub fn primary(&self) -> Option<&Deployment> {
        self.deployments
            .iter()
            .find(|d| d.status == DeploymentStatus::Primary)
    }

    /// A rollout is complete when the PRIMARY deployment runs all its tasks, its
    /// `rolloutState` is `COMPLETED` (or not reported, as without rolling-update tracking), and
    /// no other deployment has tasks left: until then old tasks still serve requests. A state
    /// this program does not know is no proof of a finished rollout.
    #[must_use]
    pub fn is_stable(&self) -> bool {
        let Some(p) = self.primary() else {
            return false;
        };
        p.running == p.desired
            && p.rollout_completed()
            && self
                .deployments
                .iter()
                .filter(|d| d.status != DeploymentStatus::Primary)
                .all(|d| d.running == 0 && d.pending == 0)
    }

    /// Whether the rollout of `task_definition` (an ARN) is complete: the PRIMARY deployment
    /// runs it and [`Self::is_stable`].
    #[must_use]
    pub fn rollout_done(&self, task_definition: &str) -> bool {
        self.primary()
            .is_some_and(|p| p.task_definition == task_definition)
            && self.is_stable()
    }

    /// Whether the rollout of `task_definition`, started at `since`, was given up: a FAILED
    /// deployment of it, or ECS rolled the service back since then and the PRIMARY deployment
    /// runs another revision.
    #[must_use]
    pub fn rollout_given_up(&self, task_definition: &str, since: Timestamp) -> bool {
        let failed = self.deployments.iter().any(|d| {
            d.task_definition == task_definition && d.rollout == Some(RolloutState::Failed)
        });
        let elsewhere = self
            .primary()
            .is_some_and(|p| p.task_definition != task_definition);
        failed || (elsewhere && self.rolled_back_since(since))
    }

    /// The deployment whose rollout went wrong, if any: one that ended `FAILED` (the circuit
    /// breaker gave up), or the PRIMARY one whose tasks keep failing to start
    /// ([`FAILING_TASKS`] in a row), which without a circuit breaker ECS retries forever.
    #[must_use]
    pub fn troubled(&self) -> Option<&Deployment> {
        self.deployments
            .iter()
            .find(|d| d.rollout == Some(RolloutState::Failed))
            .or_else(|| self.primary().filter(|p| p.is_failing()))
    }

    /// Whether ECS has said since `since` that it rolls the service back (the circuit
    /// breaker's event). Once the rollback is done the FAILED deployment is gone; the event
    /// stays.
    #[must_use]
    pub fn rolled_back_since(&self, since: Timestamp) -> bool {
        self.events
            .iter()
            .any(|e| e.at.is_some_and(|at| at >= since) && e.message.contains(ROLLBACK_EVENT))
    }

    /// The newest `n` events since `since` that tell why a rollout went wrong (failed health
    /// checks, tasks that did not start, the rollback), else the newest `n` since then.
    #[must_use]
    pub fn telling_events(&self, since: Option<Timestamp>, n: usize) -> Vec<&ServiceEvent> {
        let recent: Vec<&ServiceEvent> = self
            .events
            .iter()
            .filter(|e| since.is_none_or(|s| e.at.is_none_or(|at| at >= s)))
            .collect();
        let telling: Vec<&ServiceEvent> = recent
            .iter()
            .copied()
            .filter(|e| {
                let m = e.message.to_ascii_lowercase();
                TROUBLE_WORDS.iter().any(|w| m.contains(w))
            })
            .take(n)
            .collect();
        if telling.is_empty() {
            recent.into_iter().take(n).collect()
        } else {
            telling
        }
    }
}

/// Words of ECS's service events about trouble ("failed ELB health checks", "is unhealthy in
/// target-group", "unable to place a task", "deployment failed", "rolling back to …").
const TROUBLE_WORDS: [&str; 5] = ["fail", "unhealthy", "unable", "error", "rolling back"];

/// What ECS writes into the service events when the circuit breaker rolls back:
/// "(service backend-service) rolling back to deployment ecs-svc/…".
pub const ROLLBACK_EVENT: &str = "rolling back to deployment";

/// A task definition revision as ECS names it: `family:revision`, alone or at the end of an
/// ARN (`arn:aws:ecs:us-east-1:…:task-definition/workshop-backend:7`). The one reading of that
/// format; `Display` writes `family:revision`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision<'a> {
    pub family: &'a str,
    pub number: u32,
}

impl<'a> Revision<'a> {
    /// The family and number of an ARN or `family:revision`; `None` for a bare family or
    /// anything else.
    #[must_use]
    pub fn parse(text: &'a str) -> Option<Self> {
        let tail = text
            .rsplit_once(":task-definition/")
            .map_or(text, |(_, tail)| tail);
        let (family, number) = tail.rsplit_once(':')?;
        if family.is_empty() || family.contains([':', '/']) {
            return None;
        }
        Some(Self {
            family,
            number: number.parse().ok()?,
        })
    }
}

impl std::fmt::Display for Revision<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.family, self.number)
    }
}

/// Just the revision number of a task definition ARN (`…/workshop-backend:7` → 7).
#[must_use]
pub fn revision_of(arn: &str) -> Option<u32> {
    Revision::parse(arn).map(|r| r.number)
}

/// Whether a DB instance keeps a standby in a second Availability Zone, in the RDS console's
/// words: Multi-AZ or Single-AZ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    SingleAz,
    MultiAz,
}

impl Availability {
    /// From the API's `MultiAZ` flag.
    #[must_use]
    pub const fn of(multi_az: bool) -> Self {
        if multi_az {
            Self::MultiAz
        } else {
            Self::SingleAz
        }
    }

    /// How many instances RDS runs and bills: the primary, and with Multi-AZ its standby.
    #[must_use]
    pub const fn instances(self) -> u32 {
        match self {
            Self::SingleAz => 1,
            Self::MultiAz => 2,
        }
    }

    /// Its name (`ui-multi-az`, `ui-single-az`).
    #[must_use]
    pub fn text(self) -> crate::text::Text {
        crate::text::Text::new(match self {
            Self::SingleAz => msg::UI_SINGLE_AZ,
            Self::MultiAz => msg::UI_MULTI_AZ,
        })
    }
}

impl From<Availability> for crate::text::Arg {
    fn from(availability: Availability) -> Self {
        Self::Msg(availability.text())
    }
}

/// A todo's id as the app writes it: backends send a number (`3`) or a string (`"3"`, a UUID).
/// Kept as text; numbers compare as numbers, so "the newest" is the largest id either way.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct TodoId(pub String);

impl TodoId {
    fn number(&self) -> Option<u64> {
        self.0.parse().ok()
    }
}

impl From<u64> for TodoId {
    fn from(n: u64) -> Self {
        Self(n.to_string())
    }
}

impl std::fmt::Display for TodoId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Ord for TodoId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self.number(), other.number()) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => self.0.cmp(&other.0),
        }
    }
}

impl PartialOrd for TodoId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<'de> Deserialize<'de> for TodoId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) if n.is_u64() || n.is_i64() => Ok(Self(n.to_string())),
            serde_json::Value::String(s) if !s.trim().is_empty() => Ok(Self(s.trim().to_owned())),
            other => Err(D::Error::custom(format!(
                "id must be a whole number or a non-empty string, not {other}"
            ))),
        }
    }
}

/// `completed` as backends write it: `true`/`false`, `1`/`0` (MySQL's BOOLEAN is TINYINT(1)),
/// the same as strings (also PostgreSQL's `t`/`f` and `yes`/`no`), or null.
fn flexible_bool<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    use serde::de::Error;
    let value = serde_json::Value::deserialize(d)?;
    match &value {
        serde_json::Value::Null => Ok(false),
        serde_json::Value::Bool(b) => Ok(*b),
        serde_json::Value::Number(n) if n.as_u64() == Some(0) => Ok(false),
        serde_json::Value::Number(n) if n.as_u64() == Some(1) => Ok(true),
        serde_json::Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "0" | "false" | "f" | "no" | "n" | "" => Ok(false),
            "1" | "true" | "t" | "yes" | "y" => Ok(true),
            _ => Err(D::Error::custom(format!(
                "completed must be true/false or 1/0, not {value}"
            ))),
        },
        _ => Err(D::Error::custom(format!(
            "completed must be true/false or 1/0, not {value}"
        ))),
    }
}

/// A title of null counts as an empty title.
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    use serde::de::Error;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(String::new()),
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        other => Err(D::Error::custom(format!("title must be text, not {other}"))),
    }
}

/// One entry of the todo app. Fields other than these four are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Todo {
    pub id: TodoId,
    #[serde(default)]
    pub user_id: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub title: String,
    #[serde(default, deserialize_with = "flexible_bool")]
    pub completed: bool,
}

/// Who the program talks to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub account: String,
    pub region: String,
    pub arn: String,
}

/// What a restore sets on the new instance. RDS copies none of it from the source by itself:
/// the storage type falls back to gp3, parameter and option group to the engine's defaults,
/// the security groups to the VPC's `default` group, and tags are not copied when the call
/// carries tags of its own. "The rest unchanged" therefore means sending the source's values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RestoreSettings {
    pub class: String,
    pub multi_az: bool,
    pub security_groups: Vec<String>,
    pub subnet_group: Option<String>,
    pub storage_type: Option<String>,
    pub iops: Option<u32>,
    pub parameter_group: Option<String>,
    /// Sent only when it is not the engine's default (`default:…`), which RDS picks anyway.
    pub option_group: Option<String>,
    pub engine_lifecycle: Option<String>,
    /// Every tag the new instance gets: the source's, then the program's own.
    pub tags: Vec<(String, String)>,
    /// The source's `PubliclyAccessible` (RDS otherwise decides by the subnet group).
    #[serde(default)]
    pub publicly_accessible: Option<bool>,
    /// The source's `CopyTagsToSnapshot` (RDS otherwise turns it off).
    #[serde(default)]
    pub copy_tags_to_snapshot: Option<bool>,
    /// The source's `StorageThroughput` on gp3 (RDS otherwise takes the baseline).
    #[serde(default)]
    pub storage_throughput: Option<u32>,
    /// The source's `AutoMinorVersionUpgrade` (RDS otherwise turns it on).
    #[serde(default)]
    pub auto_minor_version_upgrade: Option<bool>,
    /// The source's `DeletionProtection` (RDS otherwise leaves it off).
    #[serde(default)]
    pub deletion_protection: Option<bool>,
}

/// Parameters of RestoreDBInstanceFromDBSnapshot as the lab sets them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreRequest {
    pub instance_id: String,
    pub snapshot_id: String,
    pub settings: RestoreSettings,
}

/// Parameters of RestoreDBInstanceToPointInTime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PitrRequest {
    pub source_id: String,
    pub target_id: String,
    /// The moment to restore to; `None` asks for the latest restorable time.
    pub restore_time: Option<Timestamp>,
    pub settings: RestoreSettings,
}

/// Parameters of CreateDBSnapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRequest {
    pub instance_id: String,
    pub snapshot_id: String,
    pub tags: Vec<(String, String)>,
}

/// Parameters of ModifyDBInstance for the backup settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSettings {
    pub instance_id: String,
    pub retention_days: u32,
    /// In UTC, as RDS takes it.
    pub window_utc: BackupWindow,
    pub apply_immediately: bool,
}

/// Parameters of ModifyDBInstance that mend a restored instance, applied at once
/// (ApplyImmediately): its VPC security groups (the list replaces the old one; immediate) and
/// Multi-AZ (a conversion that keeps the instance `modifying` for a while).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InstanceChange {
    pub instance_id: String,
    pub security_groups: Option<Vec<String>>,
    pub multi_az: Option<bool>,
    /// `DeletionProtection`: turned off before the lab deletes an instance it made.
    #[serde(default)]
    pub deletion_protection: Option<bool>,
}

/// Tags every resource created by the program carries.
pub const TOOL_TAG_KEY: &str = "created-by";
pub const TOOL_TAG_VALUE: &str = "backup-lab";
/// Tag on restored instances naming what they came from (a snapshot id, or the source instance
/// of a point-in-time restore), so the console shows where a database came from.
pub const RESTORED_FROM_TAG_KEY: &str = "restored-from";

/// Tags AWS reserves (`aws:` prefix) cannot be set by a call; they neither travel nor count.
#[must_use]
pub fn is_reserved_tag(key: &str) -> bool {
    key.to_ascii_lowercase().starts_with("aws:")
}

/// The tags a restored instance gets: the source's own (reserved ones left out), then the
/// program's, which replace a source tag of the same key.
#[must_use]
pub fn restored_tags(source: &[(String, String)], restored_from: &str) -> Vec<(String, String)> {
    let own = [
        (TOOL_TAG_KEY.to_owned(), TOOL_TAG_VALUE.to_owned()),
        (RESTORED_FROM_TAG_KEY.to_owned(), restored_from.to_owned()),
    ];
    source
        .iter()
        .filter(|(k, _)| !is_reserved_tag(k) && own.iter().all(|(o, _)| o != k))
        .cloned()
        .chain(own.clone())
        .collect()
}

/// The program's own tag for resources it creates.
#[must_use]
pub fn tool_tags() -> Vec<(String, String)> {
    vec![(TOOL_TAG_KEY.to_owned(), TOOL_TAG_VALUE.to_owned())]
}

/// An AWS value as it goes over the wire (`PRIMARY`, `IN_PROGRESS`): the serde name.
pub fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `EngineLifecycleSupport` values (RDS API reference).
pub const EXTENDED_SUPPORT: &str = "open-source-rds-extended-support";
pub const EXTENDED_SUPPORT_DISABLED: &str = "open-source-rds-extended-support-disabled";

/// How a service's tasks are placed on the network (`networkConfiguration.awsvpcConfiguration`
/// of DescribeServices): the way to the databases that a one-off task next to it takes too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NetworkConfig {
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    /// `assignPublicIp`: `ENABLED` is `true`.
    pub assign_public_ip: bool,
}

/// `lastStatus`/`desiredStatus` of an ECS task (ECS task lifecycle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum TaskStatus {
    Provisioning,
    Pending,
    Activating,
    Running,
    Deactivating,
    Stopping,
    Deprovisioning,
    Stopped,
    /// A status this program does not know yet, as ECS wrote it.
    Other(String),
}

impl TaskStatus {
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Provisioning => "PROVISIONING",
            Self::Pending => "PENDING",
            Self::Activating => "ACTIVATING",
            Self::Running => "RUNNING",
            Self::Deactivating => "DEACTIVATING",
            Self::Stopping => "STOPPING",
            Self::Deprovisioning => "DEPROVISIONING",
            Self::Stopped => "STOPPED",
            Self::Other(s) => s,
        }
    }
}

impl From<&str> for TaskStatus {
    fn from(s: &str) -> Self {
        match s {
            "PROVISIONING" => Self::Provisioning,
            "PENDING" => Self::Pending,
            "ACTIVATING" => Self::Activating,
            "RUNNING" => Self::Running,
            "DEACTIVATING" => Self::Deactivating,
            "STOPPING" => Self::Stopping,
            "DEPROVISIONING" => Self::Deprovisioning,
            "STOPPED" => Self::Stopped,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl From<String> for TaskStatus {
    fn from(s: String) -> Self {
        Self::from(s.as_str())
    }
}

impl From<TaskStatus> for String {
    fn from(s: TaskStatus) -> Self {
        s.as_str().to_owned()
    }
}

impl std::fmt::Display for TaskStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One container of a running or stopped task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct TaskContainer {
    pub name: String,
    /// Set once the container has exited.
    pub exit_code: Option<i32>,
    /// Why the container stopped (e.g. `CannotPullContainerError: …`), when ECS says.
    pub reason: Option<String>,
}

/// A one-off ECS task (RunTask / DescribeTasks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub arn: String,
    pub task_definition: String,
    pub last_status: TaskStatus,
    pub desired_status: TaskStatus,
    /// `stoppedReason`, e.g. "Essential container in task exited" or
    /// "CannotPullContainerError: …".
    #[serde(default)]
    pub stopped_reason: Option<String>,
    /// `stopCode`: `EssentialContainerExited`, `TaskFailedToStart`, …
    #[serde(default)]
    pub stop_code: Option<String>,
    #[serde(default)]
    pub containers: Vec<TaskContainer>,
    #[serde(default)]
    pub started_by: Option<String>,
    #[serde(default)]
    pub created: Option<Timestamp>,
    #[serde(default)]
    pub started: Option<Timestamp>,
    #[serde(default)]
    pub stopped: Option<Timestamp>,
}

impl Task {
    #[must_use]
    pub fn is_stopped(&self) -> bool {
        self.last_status == TaskStatus::Stopped
    }

    /// The exit code of the task's (first) container, once it has one.
    #[must_use]
    pub fn exit_code(&self) -> Option<i32> {
        self.containers.iter().find_map(|c| c.exit_code)
    }

    /// Stopped, and every container exited with 0: the copy is done.
    #[must_use]
    pub fn succeeded(&self) -> bool {
        self.is_stopped()
            && !self.containers.is_empty()
            && self.containers.iter().all(|c| c.exit_code == Some(0))
    }

    /// Why the task failed, in ECS's words: the stopped reason, then each container's reason.
    #[must_use]
    pub fn failure_reason(&self) -> Option<String> {
        if !self.is_stopped() || self.succeeded() {
            return None;
        }
        let parts: Vec<&str> = self
            .stopped_reason
            .iter()
            .map(String::as_str)
            .chain(
                self.containers
                    .iter()
                    .filter_map(|c| c.reason.as_deref())
                    .filter(|r| self.stopped_reason.as_deref() != Some(*r)),
            )
            .collect();
        Some(parts.join(" — "))
    }

    /// The task's id, the last part of its ARN (what the log stream is named after).
    #[must_use]
    pub fn id(&self) -> &str {
        self.arn.rsplit('/').next().unwrap_or(&self.arn)
    }
}

/// `startedBy` of the tasks the program runs.
pub const STARTED_BY: &str = "backup-lab";

/// Parameters of RunTask for a one-off task next to the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunTaskRequest {
    pub cluster: String,
    pub task_definition: String,
    pub network: NetworkConfig,
    pub started_by: String,
    /// RunTask's `clientToken` (at most [`CLIENT_TOKEN_MAX`] ASCII characters): ECS answers a
    /// repeated request with the same token and parameters with the task it started the
    /// first time (for 24 hours), so a call retried after a lost answer starts no second task.
    #[serde(default)]
    pub client_token: String,
}

/// Most revisions one DeleteTaskDefinitions call takes.
pub const DELETE_TASK_DEFINITIONS_MAX: usize = 10;

/// Longest `clientToken` RunTask takes.
pub const CLIENT_TOKEN_MAX: usize = 64;

impl RunTaskRequest {
    /// The request with a client token derived from its parameters and `attempt`: the same
    /// request with the same attempt gets the same token. `attempt` tells a deliberate new
    /// run apart from a retry (the dump task: how many copies were started before).
    #[must_use]
    pub fn with_token(mut self, attempt: u64) -> Self {
        self.client_token = String::new();
        let text = serde_json::to_string(&self).unwrap_or_default();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in text.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.client_token = format!("{TOOL_TAG_VALUE}-{hash:016x}-{attempt}");
        self
    }
}
