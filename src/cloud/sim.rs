//! The simulated AWS account: the lab's world from FACTS.md, with realistic state transitions
//! on a compressed clock. Every object carries a timeline (status from a given instant on), and
//! what a describe call returns is read off those timelines at the simulated "now", so the
//! world is deterministic under the test clock and needs no background task.
//!
//! The todo data really lives in the simulated databases: rows carry their creation and
//! deletion times, a snapshot copies what was visible when it started, a restore brings that
//! copy back, and the todo API serves whatever database `DB_HOST` of the serving tasks names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::{
    BackupSettings, CircuitBreaker, Cloud, CloudError, CloudResult, Container, DbInstance,
    DbSnapshot, Deployment, DeploymentStatus, EXTENDED_SUPPORT, EXTENDED_SUPPORT_DISABLED,
    ErrorKind, Identity, Mode, PitrRequest, RestoreRequest, RestoreSettings, RolloutState, Service,
    ServiceEvent, SnapshotKind, SnapshotRequest, TOOL_TAG_KEY, TOOL_TAG_VALUE, TaskDefinition,
    Todo, TodoId, todo_api,
};
use crate::state::{FileProblem, read_limited, write_atomic};
use crate::validate;

/// Default compression: a 15-minute restore takes one minute.
pub const DEFAULT_SPEED: f64 = 15.0;
/// Slowest clock `--speed` accepts: real time (slower would only make the lab last longer
/// than it does on AWS).
pub const MIN_SPEED: f64 = 1.0;
/// Fastest clock `--speed` accepts: a 15-minute restore in 3 s. Looks stay as far apart in
/// simulated time as at the default speed (see [`Cloud::pause`] here and the worker's
/// schedule), so on the test clock RPO and RTO match a run at the default speed exactly. What
/// remains is the program's own time between looks (saving the world, appending to the
/// journal), which counts 300 times over: measured with the real binary, RPO and RTO came out
/// 4 % above those at ×15 (at ×600 already 10 %), which leaves room for a busy machine.
pub const MAX_SPEED: f64 = 300.0;

const ACCOUNT: &str = "111122223333";
const REGION: &str = "us-east-1";
const ENDPOINT_SUFFIX: &str = "c9xk2mplq7ab.us-east-1.rds.amazonaws.com";
const LAB_SG: &str = "sg-0a7e3c51d2b94f860";
const DEFAULT_SG: &str = "sg-05d4b1a9e6c7f0123";
const SUBNET_GROUP: &str = "workshop-db-subnet-group";
const MAINTENANCE_WINDOW: &str = "sun:08:00-sun:08:30";
const ENGINE: &str = "mysql 8.0.39";
/// What RDS sets on a restore when the call leaves it out (API reference,
/// RestoreDBInstanceFromDBSnapshot): gp3 storage (io1 with Iops), the engine's default
/// parameter and option groups, and Extended Support for a major version past its standard
/// support.
const DEFAULT_STORAGE_TYPE: &str = "gp3";
const DEFAULT_PARAMETER_GROUP: &str = "default.mysql8.0";
const DEFAULT_OPTION_GROUP: &str = "default:mysql-8-0";
/// The version RDS upgrades a restore of 8.0 to when Extended Support is turned off.
const UPGRADED_ENGINE: &str = "mysql 8.4.7";

/// Simulated durations, in simulated seconds.
mod timing {
    pub const MODIFY_BEFORE_BACKUP_S: i64 = 60;
    pub const FIRST_BACKUP_S: i64 = 120;
    pub const SNAPSHOT_S: i64 = 240;
    pub const RESTORE_CREATING_S: i64 = 480;
    pub const RESTORE_BACKING_UP_S: i64 = 240;
    pub const RESTORE_MODIFYING_S: i64 = 180;
    pub const DELETE_INSTANCE_S: i64 = 180;
    pub const DELETE_SNAPSHOT_S: i64 = 20;
    /// From a new deployment to each of its tasks passing the load balancer's health check.
    pub const TASK_READY_S: [i64; 2] = [60, 90];
    /// An old task stops this long after a new one became healthy (deregistration delay).
    pub const DRAIN_AFTER_HEALTHY_S: i64 = 90;
    /// A task whose database does not answer fails the health checks (two, 30 s apart) and is
    /// stopped this long after it started running.
    pub const UNHEALTHY_S: i64 = 60;
    /// From a stopped task to its replacement starting.
    pub const RELAUNCH_S: i64 = 15;
    /// Transaction logs reach the backup every five minutes.
    pub const LOG_SHIPPING_S: i64 = 300;
}

/// One row of the `todo` table, with its history.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    todo: Todo,
    created: Timestamp,
    deleted: Option<Timestamp>,
}

impl Row {
    fn visible_at(&self, t: Timestamp) -> bool {
        self.created <= t && self.deleted.is_none_or(|d| d > t)
    }
}

/// A status that holds from `at` on; `None` means the object is gone.
type Phase = (Timestamp, Option<String>);

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SimInstance {
    base: DbInstance,
    phases: Vec<Phase>,
    endpoint_at: Option<Timestamp>,
    /// Retention waiting to apply, and when.
    retention_change: Option<(Timestamp, u32)>,
    backups_since: Option<Timestamp>,
    rows: Vec<Row>,
}

impl SimInstance {
    fn status_at(&self, t: Timestamp) -> Option<String> {
        self.phases
            .iter()
            .rev()
            .find(|(at, _)| *at <= t)
            .and_then(|(_, s)| s.clone())
    }

    fn view(&self, t: Timestamp) -> Option<DbInstance> {
        let status = self.status_at(t)?;
        let mut view = self.base.clone();
        // DescribeDBInstances leaves out InstanceCreateTime and Endpoint while `creating`.
        if status == "creating" {
            view.created = None;
        }
        view.status = status;
        if self.endpoint_at.is_some_and(|at| at > t) {
            view.endpoint = None;
        }
        if let Some((at, retention)) = self.retention_change {
            if at <= t {
                view.retention_days = retention;
            } else {
                view.pending_retention = Some(retention);
            }
        }
        view.latest_restorable = self
            .backups_since
            .filter(|since| *since <= t && view.retention_days > 0)
            .map(|since| {
                let behind = (t.as_second() - since.as_second()) % timing::LOG_SHIPPING_S;
                t.checked_sub(SignedDuration::from_secs(behind))
                    .unwrap_or(t)
            });
        Some(view)
    }

    fn todos_at(&self, t: Timestamp) -> Vec<Todo> {
        self.rows
            .iter()
            .filter(|r| r.visible_at(t))
            .map(|r| r.todo.clone())
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SimSnapshot {
    base: DbSnapshot,
    started: Timestamp,
    done: Timestamp,
    gone: Option<Timestamp>,
    deleting_from: Option<Timestamp>,
    todos: Vec<Todo>,
}

impl SimSnapshot {
    fn view(&self, t: Timestamp) -> Option<DbSnapshot> {
        if self.started > t || self.gone.is_some_and(|g| g <= t) {
            return None;
        }
        let mut view = self.base.clone();
        if self.deleting_from.is_some_and(|d| d <= t) {
            view.status = "deleting".into();
            view.percent = 100;
        } else if t < self.done {
            let total = (self.done.as_second() - self.started.as_second()).max(1);
            let elapsed = t.as_second() - self.started.as_second();
            // RDS reports a coarse estimate; round down to steps of 5 %.
            view.percent = u8::try_from(elapsed * 100 / total / 5 * 5).unwrap_or(0);
            view.status = "creating".into();
            // DescribeDBSnapshots leaves out SnapshotCreateTime while `creating`.
            view.created = None;
        } else {
            view.status = "available".into();
            view.percent = 100;
        }
        Some(view)
    }
}

/// One ECS deployment. Its tasks' fates are decided as simulated time reaches them
/// ([`World::settle`]): a task started at `s` is judged at `s + TASK_READY_S`; it passes the
/// health check when its DB_HOST answers then, else it fails `UNHEALTHY_S` later and is
/// replaced, until the circuit breaker gives up.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SimDeployment {
    id: String,
    task_definition: String,
    created: Timestamp,
    desired: u32,
    /// When each task that passed its health check did so.
    ready_at: Vec<Timestamp>,
    /// When each of those tasks stopped (or will stop, draining).
    drain_at: Vec<Timestamp>,
    /// Tasks started whose health check is still to come, by the time of the check.
    #[serde(default)]
    launches: Vec<Timestamp>,
    /// Tasks that failed their health checks, by the time they are stopped.
    #[serde(default)]
    failing: Vec<Timestamp>,
    /// When each failed task was stopped.
    #[serde(default)]
    failures: Vec<Timestamp>,
    /// When the circuit breaker declared this deployment FAILED.
    #[serde(default)]
    failed_at: Option<Timestamp>,
    /// For a rollback: the deployment whose revision it brings back.
    #[serde(default)]
    rollback_of: Option<String>,
    /// Its tasks fail their health checks whatever the database does (the `unhealthy` fault).
    #[serde(default)]
    unhealthy: bool,
}

impl SimDeployment {
    fn new(id: String, task_definition: String, created: Timestamp, desired: u32) -> Self {
        Self {
            id,
            task_definition,
            created,
            desired,
            ready_at: Vec::new(),
            drain_at: Vec::new(),
            launches: (0..desired as usize)
                .map(|n| {
                    after(
                        created,
                        timing::TASK_READY_S[n % timing::TASK_READY_S.len()],
                    )
                })
                .collect(),
            failing: Vec::new(),
            failures: Vec::new(),
            failed_at: None,
            rollback_of: None,
            unhealthy: false,
        }
    }

    fn running_at(&self, t: Timestamp) -> u32 {
        let up = self.ready_at.iter().filter(|at| **at <= t).count();
        let down = self.drain_at.iter().filter(|at| **at <= t).count();
        u32::try_from(up.saturating_sub(down)).unwrap_or(0)
    }

    /// Tasks started but not (yet) serving: waiting for their health check or failing it.
    fn pending_at(&self, t: Timestamp) -> u32 {
        u32::try_from(self.launches.len() + self.failing.iter().filter(|f| **f > t).count())
            .unwrap_or(0)
    }

    /// Tasks that failed in a row (`failedTasks`): 0 once one task of it served.
    fn failed_tasks_at(&self, t: Timestamp) -> u32 {
        if self.ready_at.iter().any(|at| *at <= t) {
            return 0;
        }
        u32::try_from(self.failures.iter().filter(|f| **f <= t).count()).unwrap_or(0)
    }

    fn is_failed_at(&self, t: Timestamp) -> bool {
        self.failed_at.is_some_and(|f| f <= t)
    }

    /// Running tasks not yet told to stop.
    fn undrained(&self) -> usize {
        self.ready_at.len().saturating_sub(self.drain_at.len())
    }

    fn last_change(&self) -> Timestamp {
        self.ready_at
            .iter()
            .chain(&self.drain_at)
            .chain(&self.failures)
            .chain(&self.failed_at)
            .copied()
            .max()
            .unwrap_or(self.created)
    }

    /// A task's id for the service events, stable for the deployment and the task's number.
    fn task_id(&self, n: usize) -> String {
        let seed = self.id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{seed:016x}{:016x}", seed.rotate_left(17) ^ n as u64)
    }
}

/// The lab's ECS service as the console creates it: with the deployment circuit breaker and
/// rollback turned on.
fn default_circuit_breaker() -> CircuitBreaker {
    CircuitBreaker {
        enable: true,
        rollback: true,
    }
}

/// A todo as the simulated app writes it in `shape`.
fn todo_json(todo: &Todo, shape: TodoShape) -> serde_json::Value {
    match shape {
        TodoShape::Plain => serde_json::json!({
            "id": todo.id.0.parse::<u64>().map_or_else(|_| todo.id.0.clone().into(), serde_json::Value::from),
            "user_id": todo.user_id,
            "title": todo.title,
            "completed": todo.completed,
        }),
        TodoShape::Mysql => serde_json::json!({
            "id": todo.id.0,
            "title": todo.title,
            "completed": u8::from(todo.completed),
            "created_at": "2026-01-01 00:00:00",
        }),
    }
}

/// How the simulated todo app writes its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TodoShape {
    /// `{"id": 3, "user_id": 1, "title": "…", "completed": false}`, as FACTS.md describes it.
    #[default]
    Plain,
    /// A MySQL-backed app: `completed` as 0/1 (BOOLEAN is TINYINT(1)), ids as strings, no
    /// `user_id`, and a `created_at` the lab does not read.
    Mysql,
}

/// Service events a describe call returns (ECS keeps the newest 100).
const KEPT_EVENTS: usize = 20;

/// Where the simulated todo app answers (the load balancer's DNS name).
const SIM_APP_URL: &str = "http://todoApp-1234567890.us-east-1.elb.amazonaws.com";
/// The simulated backend's target group, as health check events name it.
const TARGET_GROUP: &str = "targetgroup/todoApp-backend/5e1f0c2a9b7d3e61";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct World {
    id: String,
    now: Timestamp,
    instances: BTreeMap<String, SimInstance>,
    snapshots: BTreeMap<String, SimSnapshot>,
    task_definitions: Vec<TaskDefinition>,
    cluster: String,
    service: String,
    deployments: Vec<SimDeployment>,
    next_deployment: u32,
    names: WorldNames,
    #[serde(default = "default_circuit_breaker")]
    circuit_breaker: CircuitBreaker,
    #[serde(default)]
    todo_shape: TodoShape,
    /// Set while an owner runs the world: readers work out the owner's "now" from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    published: Option<Published>,
}

/// The owner's clock as of its last save: at wall time `wall` the world's time was `now` of
/// the file, and it runs `speed` times the wall clock from there.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Published {
    wall: Timestamp,
    speed: f64,
}

/// Why a saved world cannot be used. The file is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorldError {
    #[error("{path}: {problem}")]
    Unreadable { path: PathBuf, problem: FileProblem },
    /// The file holds a world built for other names (another configuration).
    #[error("{path} belongs to instance {instance}")]
    OtherNames { path: PathBuf, instance: String },
}

/// The largest world file read; a real one is a few kilobytes.
const WORLD_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The world saved at `path`, `None` when there is none yet.
fn load_world(path: &Path, names: &WorldNames) -> Result<Option<World>, WorldError> {
    let unreadable = |problem| WorldError::Unreadable {
        path: path.to_path_buf(),
        problem,
    };
    let Some(bytes) = read_limited(path, WORLD_MAX_BYTES).map_err(unreadable)? else {
        return Ok(None);
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(unreadable(FileProblem::Empty));
    }
    let world: World = serde_json::from_slice(&bytes)
        .map_err(|e| unreadable(FileProblem::Damaged(e.to_string())))?;
    if world.names != *names {
        return Err(WorldError::OtherNames {
            path: path.to_path_buf(),
            instance: world.names.instance,
        });
    }
    Ok(Some(world))
}

/// Where the world for `names` lives under the `sim` directory: the lab's own names keep
/// `world.json`; other names get a file of their own, so each configuration keeps its world.
#[must_use]
pub fn world_path(sim_dir: &Path, names: &WorldNames) -> PathBuf {
    if *names == WorldNames::default() {
        sim_dir.join("world.json")
    } else {
        sim_dir.join(format!("world-{}.json", names.fingerprint()))
    }
}

/// Names of the pre-built world (from the configuration).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct WorldNames {
    pub instance: String,
    pub cluster: String,
    pub service: String,
    pub task_family: String,
    pub container: String,
}

impl WorldNames {
    /// A short, stable fingerprint of the names (FNV-1a, 64 bit, as hex).
    #[must_use]
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [
            &self.instance,
            &self.cluster,
            &self.service,
            &self.task_family,
            &self.container,
        ] {
            for byte in part.bytes().chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }
}

impl Default for WorldNames {
    fn default() -> Self {
        Self {
            instance: "workshop-db".into(),
            cluster: "workshop-cluster".into(),
            service: "backend-service".into(),
            task_family: "workshop-backend".into(),
            container: "container-backend".into(),
        }
    }
}

fn secs(n: i64) -> SignedDuration {
    SignedDuration::from_secs(n)
}

fn after(t: Timestamp, seconds: i64) -> Timestamp {
    t.checked_add(secs(seconds)).unwrap_or(t)
}

fn endpoint_of(id: &str) -> String {
    format!("{id}.{ENDPOINT_SUFFIX}")
}

fn err(kind: ErrorKind, code: &str, message: impl Into<String>) -> CloudError {
    CloudError::new(kind, code, message)
}

impl World {
    fn new(start: Timestamp, names: WorldNames) -> Self {
        let created = after(start, -86_400 * 3);
        let instance = DbInstance {
            id: names.instance.clone(),
            status: "available".into(),
            class: "db.t3.micro".into(),
            engine: ENGINE.into(),
            multi_az: true,
            retention_days: 0,
            backup_window: Some("07:12-07:42".into()),
            maintenance_window: Some(MAINTENANCE_WINDOW.into()),
            endpoint: Some(endpoint_of(&names.instance)),
            port: Some(3306),
            security_groups: vec![LAB_SG.into()],
            subnet_group: Some(SUBNET_GROUP.into()),
            latest_restorable: None,
            created: Some(created),
            pending_retention: None,
            storage_gib: 100,
            arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:db:{}", names.instance),
            storage_type: Some("gp2".into()),
            iops: None,
            parameter_group: Some(DEFAULT_PARAMETER_GROUP.into()),
            option_group: Some(DEFAULT_OPTION_GROUP.into()),
            engine_lifecycle: Some(EXTENDED_SUPPORT.into()),
            tags: vec![("environment".into(), "workshop".into())],
        };
        let rows = ["Einkaufen", "Lab vorbereiten"]
            .iter()
            .zip(1u64..)
            .map(|(title, id)| Row {
                todo: Todo {
                    id: id.into(),
                    user_id: Some(1.into()),
                    title: (*title).into(),
                    completed: id == 1,
                },
                created: after(created, 3600),
                deleted: Some(after(created, 7200)),
            })
            .collect();
        let sim_instance = SimInstance {
            base: instance,
            phases: vec![(created, Some("available".into()))],
            endpoint_at: None,
            retention_change: None,
            backups_since: None,
            rows,
        };
        let td = TaskDefinition {
            arn: format!(
                "arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{}:1",
                names.task_family
            ),
            family: names.task_family.clone(),
            revision: 1,
            status: "ACTIVE".into(),
            containers: vec![Container {
                name: names.container.clone(),
                image: format!("{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/todo-backend:latest"),
                environment: vec![
                    ("DB_USER".into(), "clusteradmin".into()),
                    ("DB_PASSWORD".into(), "Workshop-Pa55word!".into()),
                    ("DB_HOST".into(), endpoint_of(&names.instance)),
                ],
            }],
            fingerprint: "FARGATE|awsvpc|cpu=256|memory=512|executionRole=LabRole|port=5000".into(),
        };
        let deployment = SimDeployment {
            ready_at: vec![created, created],
            launches: Vec::new(),
            ..SimDeployment::new(
                "ecs-svc/0000000000000000001".into(),
                td.arn.clone(),
                created,
                2,
            )
        };
        // Worlds of other names get ids of their own even when made in the same second.
        let id = if names == WorldNames::default() {
            format!("sim-{}", start.as_second())
        } else {
            format!("sim-{}-{}", start.as_second(), &names.fingerprint()[..8])
        };
        Self {
            id,
            now: start,
            instances: BTreeMap::from([(names.instance.clone(), sim_instance)]),
            snapshots: BTreeMap::new(),
            task_definitions: vec![td],
            cluster: names.cluster.clone(),
            service: names.service.clone(),
            deployments: vec![deployment],
            next_deployment: 2,
            names,
            published: None,
            circuit_breaker: default_circuit_breaker(),
            todo_shape: TodoShape::Plain,
        }
    }

    fn instance_view(&self, id: &str) -> Option<DbInstance> {
        self.instances.get(id).and_then(|i| i.view(self.now))
    }

    fn require_instance(&self, id: &str) -> CloudResult<DbInstance> {
        self.instance_view(id).ok_or_else(|| {
            err(
                ErrorKind::NotFound,
                "DBInstanceNotFound",
                format!("DBInstance {id} not found."),
            )
        })
    }

    fn check_new_instance_id(&self, id: &str) -> CloudResult<()> {
        validate::rds_identifier(id).map_err(|_| {
            err(
                ErrorKind::Validation,
                "InvalidParameterValue",
                format!("Invalid DB instance identifier: {id}"),
            )
        })?;
        if self.instance_view(id).is_some() {
            return Err(err(
                ErrorKind::AlreadyExists,
                "DBInstanceAlreadyExists",
                "DB instance already exists",
            ));
        }
        Ok(())
    }

    /// A restored instance as RDS makes it: what the call sets, AWS's defaults for what it
    /// leaves out (never the source's values, which is why the lab sends them).
    fn new_instance(
        &mut self,
        id: &str,
        template: &DbInstance,
        settings: &RestoreSettings,
        rows: Vec<Row>,
    ) -> DbInstance {
        let t = self.now;
        let lifecycle = settings
            .engine_lifecycle
            .clone()
            .unwrap_or_else(|| EXTENDED_SUPPORT.into());
        let past_standard_support = template.engine_version().is_some_and(|v| {
            super::standard_support_end(template.engine_name(), v).is_some_and(|end| t >= end)
        });
        let engine = if lifecycle == EXTENDED_SUPPORT_DISABLED && past_standard_support {
            UPGRADED_ENGINE.into()
        } else {
            template.engine.clone()
        };
        let storage_type = settings.storage_type.clone().unwrap_or_else(|| {
            if settings.iops.is_some() {
                "io1".into()
            } else {
                DEFAULT_STORAGE_TYPE.into()
            }
        });
        let base = DbInstance {
            id: id.into(),
            status: "creating".into(),
            class: settings.class.clone(),
            engine,
            multi_az: settings.multi_az,
            retention_days: template.retention_days.max(1),
            endpoint: Some(endpoint_of(id)),
            security_groups: if settings.security_groups.is_empty() {
                vec![DEFAULT_SG.into()]
            } else {
                settings.security_groups.clone()
            },
            subnet_group: settings
                .subnet_group
                .clone()
                .or_else(|| Some("default".into())),
            latest_restorable: None,
            created: Some(t),
            pending_retention: None,
            arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:db:{id}"),
            iops: settings.iops.filter(|_| storage_type.starts_with("io")),
            storage_type: Some(storage_type),
            parameter_group: Some(
                settings
                    .parameter_group
                    .clone()
                    .unwrap_or_else(|| DEFAULT_PARAMETER_GROUP.into()),
            ),
            option_group: Some(
                settings
                    .option_group
                    .clone()
                    .unwrap_or_else(|| DEFAULT_OPTION_GROUP.into()),
            ),
            engine_lifecycle: Some(lifecycle),
            // A restore carries the call's tags; the source's are not copied (its snapshots
            // do not carry them, CopyTagsToSnapshot being off in the lab's world).
            tags: settings.tags.clone(),
            ..template.clone()
        };
        let available = after(
            t,
            timing::RESTORE_CREATING_S + timing::RESTORE_BACKING_UP_S + timing::RESTORE_MODIFYING_S,
        );
        let instance = SimInstance {
            base,
            phases: vec![
                (t, Some("creating".into())),
                (
                    after(t, timing::RESTORE_CREATING_S),
                    Some("backing-up".into()),
                ),
                (
                    after(t, timing::RESTORE_CREATING_S + timing::RESTORE_BACKING_UP_S),
                    Some("modifying".into()),
                ),
                (available, Some("available".into())),
            ],
            endpoint_at: Some(after(t, timing::RESTORE_CREATING_S)),
            retention_change: None,
            backups_since: Some(available),
            rows,
        };
        let view = instance.view(t).unwrap_or_default();
        self.instances.insert(id.into(), instance);
        view
    }

    /// Which database the todo app reads: DB_HOST of the tasks that serve requests.
    fn serving_database(&self) -> CloudResult<&SimInstance> {
        let t = self.now;
        let serving = self
            .deployments
            .iter()
            .rev()
            .find(|d| d.running_at(t) > 0)
            .ok_or_else(|| {
                err(
                    ErrorKind::Server,
                    "503",
                    "Service Unavailable: no backend task is running",
                )
            })?;
        let host = self.db_host_of(&serving.task_definition);
        self.answering(host, t).ok_or_else(|| {
            err(
                ErrorKind::Server,
                "502",
                format!("Bad Gateway: the backend cannot reach database {host}"),
            )
        })
    }

    /// DB_HOST of the backend container in the task definition `arn` ("" without one).
    fn db_host_of(&self, arn: &str) -> &str {
        self.task_definitions
            .iter()
            .find(|td| td.arn == arn)
            .and_then(|td| td.env(&self.names.container, "DB_HOST"))
            .unwrap_or_default()
    }

    /// The instance that answers at `host` at `t`: it has its endpoint and takes connections.
    fn answering(&self, host: &str, t: Timestamp) -> Option<&SimInstance> {
        self.instances.values().find(|i| {
            i.base.endpoint.as_deref() == Some(host)
                && i.view(t).is_some_and(|v| v.accepts_connections())
        })
    }

    /// Decides, in time order, the fate of every task whose health check or failure has come
    /// by `self.now`: a healthy task serves and lets one old task drain; a failed one is
    /// replaced, until the circuit breaker declares the deployment FAILED and, with rollback,
    /// starts a deployment of the last revision that completed.
    fn settle(&mut self) {
        let now = self.now;
        loop {
            // The earliest undecided moment: a health check (launch) or a failure.
            let next = self
                .deployments
                .iter()
                .enumerate()
                .flat_map(|(i, d)| {
                    let checks = d.launches.iter().map(move |at| (*at, i, true));
                    let fails = d.failing.iter().map(move |at| (*at, i, false));
                    checks.chain(fails)
                })
                .filter(|(at, _, _)| *at <= now)
                .min_by_key(|(at, _, _)| *at);
            let Some((at, i, is_check)) = next else { break };
            if is_check {
                self.health_check(i, at);
            } else {
                self.task_failed(i, at);
            }
        }
    }

    fn health_check(&mut self, i: usize, at: Timestamp) {
        let host = self
            .db_host_of(&self.deployments[i].task_definition)
            .to_owned();
        let healthy = !self.deployments[i].unhealthy && self.answering(&host, at).is_some();
        let d = &mut self.deployments[i];
        if let Some(pos) = d.launches.iter().position(|l| *l == at) {
            d.launches.remove(pos);
        }
        if !healthy {
            d.failing.push(after(at, timing::UNHEALTHY_S));
            return;
        }
        d.ready_at.push(at);
        // One task of an older deployment makes room for it.
        let drain = after(at, timing::DRAIN_AFTER_HEALTHY_S);
        if let Some(old) = self.deployments[..i]
            .iter_mut()
            .find(|old| old.undrained() > 0)
        {
            old.drain_at.push(drain);
        }
    }

    fn task_failed(&mut self, i: usize, at: Timestamp) {
        let breaker = self.circuit_breaker;
        let d = &mut self.deployments[i];
        if let Some(pos) = d.failing.iter().position(|f| *f == at) {
            d.failing.remove(pos);
        }
        d.failures.push(at);
        let threshold = (d.desired.div_ceil(2)).clamp(3, 200) as usize;
        let trips = breaker.enable && d.ready_at.is_empty() && d.failures.len() >= threshold;
        if !trips {
            d.launches
                .push(after(at, timing::RELAUNCH_S + timing::TASK_READY_S[0]));
            return;
        }
        d.failed_at = Some(at);
        d.launches.clear();
        d.failing.clear();
        let desired = d.desired;
        if !breaker.rollback {
            return;
        }
        // Back to the last deployment that completed: the newest earlier one that had all its
        // tasks serving.
        let Some(back) = self.deployments[..i]
            .iter()
            .rev()
            .find(|d| d.failed_at.is_none() && d.ready_at.len() >= d.desired as usize)
        else {
            return;
        };
        let (task_definition, back_id) = (back.task_definition.clone(), back.id.clone());
        let id = format!("ecs-svc/{:019}", self.next_deployment);
        self.next_deployment += 1;
        self.deployments.push(SimDeployment {
            rollback_of: Some(back_id),
            ..SimDeployment::new(id, task_definition, at, desired)
        });
    }

    fn serving_database_mut(&mut self) -> CloudResult<&mut SimInstance> {
        let id = self.serving_database()?.base.id.clone();
        self.instances
            .get_mut(&id)
            .ok_or_else(|| err(ErrorKind::Server, "502", "Bad Gateway"))
    }

    /// Deployments ECS still lists at `t`: the newest, and older ones while they run tasks; a
    /// FAILED one stays while the rollback it caused, still the newest, is under way.
    fn live_at(&self, t: Timestamp) -> Vec<&SimDeployment> {
        let started: Vec<&SimDeployment> =
            self.deployments.iter().filter(|d| d.created <= t).collect();
        let Some((newest, older)) = started.split_last() else {
            return Vec::new();
        };
        let mut live: Vec<&SimDeployment> = older
            .iter()
            .enumerate()
            .filter(|(n, d)| {
                let rolling_back = n + 2 == started.len()
                    && newest.rollback_of.is_some()
                    && newest.running_at(t) < newest.desired;
                d.running_at(t) > 0 || (d.is_failed_at(t) && rolling_back)
            })
            .map(|(_, d)| *d)
            .collect();
        live.push(newest);
        live
    }

    fn service_view(&self) -> Service {
        let t = self.now;
        let service = &self.service;
        let mut deployments = Vec::new();
        let mut events = Vec::new();
        let live = self.live_at(t);
        let newest = live.last().map(|d| d.id.clone());
        let others_left = live.len() > 1;
        for d in &live {
            let primary = Some(&d.id) == newest.as_ref();
            let running = d.running_at(t);
            let pending = if primary { d.pending_at(t) } else { 0 };
            let failed = d.is_failed_at(t);
            let completed = !primary || (running == d.desired && !others_left);
            let (rollout, reason) = if failed {
                (
                    RolloutState::Failed,
                    "ECS deployment circuit breaker: tasks failed to start.".to_owned(),
                )
            } else if let (Some(back), false) = (&d.rollback_of, completed) {
                (
                    RolloutState::InProgress,
                    format!("ECS deployment circuit breaker: rolling back to deploymentId {back}."),
                )
            } else if completed {
                (
                    RolloutState::Completed,
                    format!("ECS deployment {} completed.", d.id),
                )
            } else {
                (
                    RolloutState::InProgress,
                    format!("ECS deployment {} in progress.", d.id),
                )
            };
            deployments.push(Deployment {
                id: d.id.clone(),
                status: if primary {
                    DeploymentStatus::Primary
                } else {
                    DeploymentStatus::Active
                },
                task_definition: d.task_definition.clone(),
                desired: if primary { d.desired } else { 0 },
                running,
                pending,
                rollout: Some(rollout),
                rollout_reason: Some(reason),
                failed_tasks: d.failed_tasks_at(t),
                created: Some(d.created),
                updated: Some(d.last_change().min(t)),
            });
        }
        for d in self.deployments.iter().filter(|d| d.created <= t) {
            for at in d.ready_at.iter().filter(|at| **at <= t && **at > d.created) {
                events.push((*at, format!("(service {service}) has started 1 tasks.")));
            }
            for at in d.drain_at.iter().filter(|at| **at <= t) {
                events.push((
                    *at,
                    format!("(service {service}) has stopped 1 running tasks."),
                ));
            }
            for (n, at) in d.failures.iter().enumerate().filter(|(_, at)| **at <= t) {
                let task = d.task_id(n);
                events.push((
                    after(*at, -1),
                    format!(
                        "(service {service}) (task {task}) failed ELB health checks in \
                         (target-group arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:{TARGET_GROUP})."
                    ),
                ));
                events.push((
                    *at,
                    format!("(service {service}) has stopped 1 running tasks: (task {task})."),
                ));
            }
            if let Some(at) = d.failed_at.filter(|at| *at <= t) {
                events.push((
                    at,
                    format!(
                        "(service {service}) (deployment {}) deployment failed: tasks failed to start.",
                        d.id
                    ),
                ));
            }
            if let Some(back) = &d.rollback_of {
                events.push((
                    d.created,
                    format!("(service {service}) rolling back to deployment {back}."),
                ));
            }
        }
        if let [only] = live.as_slice()
            && only.running_at(t) == only.desired
            && !only.is_failed_at(t)
        {
            let at = self
                .deployments
                .iter()
                .filter(|d| d.created <= t)
                .map(SimDeployment::last_change)
                .max()
                .unwrap_or(only.created)
                .min(t);
            events.push((
                at,
                format!("(service {service}) has reached a steady state."),
            ));
        }
        // Newest first; of two at the same moment, the later-written one first.
        let mut events: Vec<(usize, (Timestamp, String))> =
            events.into_iter().enumerate().collect();
        events.sort_by_key(|(n, (at, _))| std::cmp::Reverse((*at, *n)));
        let events: Vec<ServiceEvent> = events
            .into_iter()
            .take(KEPT_EVENTS)
            .map(|(_, (at, message))| ServiceEvent {
                at: Some(at),
                message,
            })
            .collect();
        let primary = deployments
            .iter()
            .find(|d| d.status == DeploymentStatus::Primary);
        Service {
            name: self.service.clone(),
            cluster: self.cluster.clone(),
            status: "ACTIVE".into(),
            task_definition: primary
                .map(|d| d.task_definition.clone())
                .unwrap_or_default(),
            desired: primary.map_or(0, |d| d.desired),
            running: deployments.iter().map(|d| d.running).sum(),
            pending: deployments.iter().map(|d| d.pending).sum(),
            deployments,
            events,
            circuit_breaker: Some(self.circuit_breaker),
        }
    }

    fn resolve_task_definition(&self, reference: &str) -> CloudResult<&TaskDefinition> {
        let found = if reference.starts_with("arn:") {
            self.task_definitions.iter().find(|td| td.arn == reference)
        } else if let Some((family, revision)) = reference.split_once(':') {
            self.task_definitions
                .iter()
                .find(|td| td.family == family && td.revision.to_string() == revision)
        } else {
            self.task_definitions
                .iter()
                .filter(|td| td.family == reference && td.status == "ACTIVE")
                .max_by_key(|td| td.revision)
        };
        found.ok_or_else(|| {
            err(
                ErrorKind::Client,
                "ClientException",
                "Unable to describe task definition.",
            )
        })
    }
}

/// How simulated time moves.
#[derive(Debug)]
enum Clock {
    /// Simulated time runs `speed` times faster than the wall clock.
    Wall {
        origin: Instant,
        origin_sim: Timestamp,
    },
    /// Simulated time moves only when someone pauses: tests and benchmarks.
    Manual,
    /// A reader's clock: the owner's, as published in the world file; it stands still while
    /// no owner runs the world.
    Published,
}

/// What a reader last loaded from the owner's world file.
#[derive(Debug)]
struct Following {
    path: PathBuf,
    /// The file as last loaded.
    seen: Option<FileStamp>,
    /// The file's time and the owner's clock as of that load.
    base: Timestamp,
    published: Option<Published>,
}

/// The simulated account.
#[derive(Debug)]
pub struct SimCloud {
    world: Mutex<World>,
    clock: Clock,
    speed: f64,
    save_to: Option<PathBuf>,
    following: Option<Mutex<Following>>,
    rollout_faults: Mutex<RolloutFaults>,
}

/// The `unhealthy` fault: which UpdateService calls of this run start tasks that fail.
#[derive(Debug, Default)]
struct RolloutFaults {
    /// Call ranges (1-based, inclusive); an empty range list means no fault.
    unhealthy: Vec<(u64, u64)>,
    updates: u64,
}

/// Modification time, length and inode of a file.
type FileStamp = (Option<SystemTime>, u64, u64);

/// What tells one saved world from the next: each save is a new file renamed into place, so
/// on Unix its inode changes even when time stamp and length do not.
fn stamp(path: &Path) -> Option<FileStamp> {
    std::fs::metadata(path).ok().map(|m| {
        #[cfg(unix)]
        let id = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let id = 0;
        (m.modified().ok(), m.len(), id)
    })
}

impl SimCloud {
    /// A fresh world at `start` whose time moves only through [`Cloud::pause`].
    #[must_use]
    pub fn manual(start: Timestamp, speed: f64, names: WorldNames) -> Self {
        Self {
            world: Mutex::new(World::new(start, names)),
            clock: Clock::Manual,
            speed,
            save_to: None,
            following: None,
            rollout_faults: Mutex::default(),
        }
    }

    /// The tasks that UpdateService calls number `first..=last` (of this run) start fail
    /// their health checks, whatever their database does.
    pub fn set_unhealthy_updates(&self, calls: Vec<(u64, u64)>) {
        self.rollout_faults
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .unhealthy = calls;
    }

    /// The service's deployment circuit breaker (on, with rollback, unless changed here).
    pub fn set_circuit_breaker(&self, breaker: CircuitBreaker) {
        self.lock().circuit_breaker = breaker;
        self.save();
    }

    /// How the simulated todo app writes its answers.
    pub fn set_todo_shape(&self, shape: TodoShape) {
        self.lock().todo_shape = shape;
        self.save();
    }

    /// Counts an UpdateService call; whether its tasks are to fail.
    fn next_update_unhealthy(&self) -> bool {
        let mut faults = self
            .rollout_faults
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        faults.updates += 1;
        let n = faults.updates;
        faults.unhealthy.iter().any(|(a, b)| (*a..=*b).contains(&n))
    }

    /// The demo world, for its owner (the TUI or `run`, holding the state directory's lock):
    /// loaded from `save_to` if a previous run left one, else built anew. Simulated time
    /// resumes where it stopped and then runs `speed` times the wall clock; every change is
    /// saved at once. A file that cannot be used is an error and stays as it is.
    pub fn open(save_to: PathBuf, speed: f64, names: WorldNames) -> Result<Self, WorldError> {
        let world =
            load_world(&save_to, &names)?.unwrap_or_else(|| World::new(Timestamp::now(), names));
        let origin_sim = world.now;
        let sim = Self {
            world: Mutex::new(world),
            clock: Clock::Wall {
                origin: Instant::now(),
                origin_sim,
            },
            speed,
            save_to: Some(save_to),
            following: None,
            rollout_faults: Mutex::default(),
        };
        sim.save();
        Ok(sim)
    }

    /// The demo world as its owner last saved it, for `status`, `check`, `report` and the
    /// read-only TUI: never written, and loaded again whenever the owner saves a change, so
    /// a reader sees what a `run` beside it does. Its time is the owner's; without an owner it
    /// stands still. A world that does not exist yet is shown as it would start.
    pub fn view(path: PathBuf, speed: f64, names: WorldNames) -> Result<Self, WorldError> {
        let seen = stamp(&path);
        let world =
            load_world(&path, &names)?.unwrap_or_else(|| World::new(Timestamp::now(), names));
        let following = Following {
            path,
            seen,
            base: world.now,
            published: world.published,
        };
        Ok(Self {
            world: Mutex::new(world),
            clock: Clock::Published,
            speed,
            save_to: None,
            following: Some(Mutex::new(following)),
            rollout_faults: Mutex::default(),
        })
    }

    /// Identifier of this simulated world; the journal is kept per world.
    #[must_use]
    pub fn world_id(&self) -> String {
        self.lock().id.clone()
    }

    /// Changes an instance the way the console (or another tool) would, outside the lab's
    /// calls: for tests and demos of what the learner may do by hand.
    pub fn console_modify(&self, instance_id: &str, change: impl FnOnce(&mut DbInstance)) {
        let mut world = self.lock();
        if let Some(instance) = world.instances.get_mut(instance_id) {
            change(&mut instance.base);
        }
    }

    /// Advances a manual clock; a no-op on the wall clock.
    pub fn advance(&self, by: Duration) {
        if matches!(self.clock, Clock::Manual) {
            let mut world = self.lock();
            world.now = after(world.now, i64::try_from(by.as_secs()).unwrap_or(0));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, World> {
        self.world
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A reader loads the owner's world again when the file changed since the last look. A
    /// file that cannot be read now (it is replaced atomically, so that means damage) leaves
    /// the last good world in place.
    fn follow(&self) {
        let Some(following) = &self.following else {
            return;
        };
        let mut f = following
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now_seen = stamp(&f.path);
        if now_seen.is_none() || now_seen == f.seen {
            return;
        }
        let names = self.lock().names.clone();
        match load_world(&f.path, &names) {
            Ok(Some(world)) => {
                f.seen = now_seen;
                f.base = world.now;
                f.published = world.published;
                *self.lock() = world;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!("world not reloaded: {e}"),
        }
    }

    fn sim_now(&self) -> Timestamp {
        self.follow();
        let world = self.lock();
        self.sim_now_unlocked(&world)
    }

    /// Runs `f` on the world at the current simulated time, then saves it when `mutates`.
    fn with<T>(
        &self,
        mutates: bool,
        f: impl FnOnce(&mut World) -> CloudResult<T>,
    ) -> CloudResult<T> {
        let now = self.sim_now();
        let result = {
            let mut world = self.lock();
            if now > world.now {
                world.now = now;
            }
            world.settle();
            f(&mut world)
        };
        if mutates && result.is_ok() {
            self.save();
        }
        result
    }

    fn save(&self) {
        self.save_published(true);
    }

    /// Saves the world (owners only), publishing the clock while the owner runs.
    fn save_published(&self, running: bool) {
        let Some(path) = &self.save_to else { return };
        let text = {
            let mut world = self.lock();
            let now = self.sim_now_unlocked(&world);
            world.now = now;
            world.published = running.then(|| Published {
                wall: Timestamp::now(),
                speed: self.speed,
            });
            serde_json::to_string(&*world)
        };
        match text {
            Ok(text) => {
                if let Err(e) = write_atomic(path, text.as_bytes()) {
                    tracing::warn!("world not saved to {}: {e}", path.display());
                }
            }
            Err(e) => tracing::warn!("world not serialized: {e}"),
        }
    }

    fn sim_now_unlocked(&self, world: &World) -> Timestamp {
        match &self.clock {
            Clock::Manual => world.now,
            Clock::Wall { origin, origin_sim } => {
                let scaled = origin.elapsed().mul_f64(self.speed);
                origin_sim
                    .checked_add(SignedDuration::try_from(scaled).unwrap_or_default())
                    .unwrap_or(*origin_sim)
                    .max(world.now)
            }
            Clock::Published => {
                let Some(following) = &self.following else {
                    return world.now;
                };
                let f = following
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let owner_now = f.published.map_or(f.base, |p| {
                    let wall = Timestamp::now()
                        .duration_since(p.wall)
                        .max(SignedDuration::ZERO);
                    let scaled = wall.as_secs_f64() * p.speed;
                    f.base
                        .checked_add(SignedDuration::try_from_secs_f64(scaled).unwrap_or_default())
                        .unwrap_or(f.base)
                });
                owner_now.max(world.now)
            }
        }
    }
}

impl Drop for SimCloud {
    fn drop(&mut self) {
        // The owner leaves: time stands still until the next one opens the world.
        self.save_published(false);
    }
}

#[async_trait]
impl Cloud for SimCloud {
    fn mode(&self) -> Mode {
        // A reader shows the speed of the owner it follows, while there is one.
        let published = self.following.as_ref().and_then(|f| {
            f.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .published
        });
        Mode::Simulation {
            speed: published.map_or(self.speed, |p| p.speed),
        }
    }

    fn now(&self) -> Timestamp {
        self.sim_now()
    }

    /// A pause lets at most as much simulated time pass as it would at the default speed:
    /// a faster clock shortens the waiting, not the spacing of the looks in between, so the
    /// moments a waiting `run` notices something (and the RPO and RTO made of them) stay
    /// those of a run at the default speed.
    async fn pause(&self, wall: Duration) {
        let simulated = wall.mul_f64(self.speed.min(DEFAULT_SPEED));
        match self.clock {
            Clock::Manual => {
                {
                    let mut world = self.lock();
                    let step = simulated;
                    world.now = world
                        .now
                        .checked_add(SignedDuration::try_from(step).unwrap_or_default())
                        .unwrap_or(world.now);
                }
                tokio::task::yield_now().await;
            }
            Clock::Wall { .. } | Clock::Published => {
                tokio::time::sleep(simulated.div_f64(self.speed.max(f64::MIN_POSITIVE))).await;
            }
        }
    }

    async fn identity(&self) -> CloudResult<Identity> {
        Ok(Identity {
            account: ACCOUNT.into(),
            region: REGION.into(),
            arn: format!("arn:aws:sts::{ACCOUNT}:assumed-role/LabRole/learner"),
        })
    }

    async fn describe_instances(&self) -> CloudResult<Vec<DbInstance>> {
        self.with(false, |w| {
            Ok(w.instances.values().filter_map(|i| i.view(w.now)).collect())
        })
    }

    async fn describe_snapshots(&self, instance_id: &str) -> CloudResult<Vec<DbSnapshot>> {
        self.with(false, |w| {
            Ok(w.snapshots
                .values()
                .filter(|s| s.base.instance_id == instance_id)
                .filter_map(|s| s.view(w.now))
                .collect())
        })
    }

    async fn modify_backup(&self, settings: &BackupSettings) -> CloudResult<DbInstance> {
        self.with(true, |w| {
            let current = w.require_instance(&settings.instance_id)?;
            if !current.is_available() {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBInstanceState",
                    format!(
                        "Database instance is not in available state (it is {}).",
                        current.status
                    ),
                ));
            }
            if settings.retention_days > validate::MAX_RETENTION_DAYS {
                return Err(err(
                    ErrorKind::Validation,
                    "InvalidParameterValue",
                    "Invalid backup retention period: must be 0 to 35 days.",
                ));
            }
            let maintenance = current.maintenance_window.clone().unwrap_or_default();
            validate::backup_window_utc(&settings.window_utc, &maintenance).map_err(|e| {
                err(
                    ErrorKind::Validation,
                    "InvalidParameterValue",
                    format!("Invalid backup window: {e:?}"),
                )
            })?;
            let t = w.now;
            let names_instance = settings.instance_id.clone();
            let Some(instance) = w.instances.get_mut(&names_instance) else {
                return Err(err(ErrorKind::NotFound, "DBInstanceNotFound", "not found"));
            };
            instance.base.backup_window = Some(settings.window_utc.clone());
            let from = current.retention_days;
            let to = settings.retention_days;
            if from == 0 && to > 0 {
                let backup_start = after(t, timing::MODIFY_BEFORE_BACKUP_S);
                let backup_end = after(backup_start, timing::FIRST_BACKUP_S);
                let applies = if settings.apply_immediately {
                    backup_start
                } else {
                    after(t, 86_400 * 7)
                };
                instance.retention_change = Some((applies, to));
                if settings.apply_immediately {
                    instance.phases.push((t, Some("modifying".into())));
                    instance
                        .phases
                        .push((backup_start, Some("backing-up".into())));
                    instance.phases.push((backup_end, Some("available".into())));
                    instance.backups_since = Some(backup_end);
                    let id = format!(
                        "rds:{}-{}",
                        names_instance,
                        backup_start.strftime("%Y-%m-%d-%H-%M")
                    );
                    let todos = instance.todos_at(backup_start);
                    w.snapshots.insert(
                        id.clone(),
                        SimSnapshot {
                            base: DbSnapshot {
                                id: id.clone(),
                                instance_id: names_instance.clone(),
                                status: "creating".into(),
                                percent: 0,
                                kind: SnapshotKind::Automated,
                                created: Some(backup_start),
                                created_by_tool: false,
                                arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:snapshot:{id}"),
                            },
                            started: backup_start,
                            done: backup_end,
                            gone: None,
                            deleting_from: None,
                            todos,
                        },
                    );
                }
            } else if from != to {
                instance.retention_change = Some((t, to));
                if to == 0 {
                    instance.backups_since = None;
                    instance.phases.push((t, Some("modifying".into())));
                    instance.phases.push((
                        after(t, timing::MODIFY_BEFORE_BACKUP_S),
                        Some("available".into()),
                    ));
                }
            }
            Ok(w.instance_view(&names_instance).unwrap_or(current))
        })
    }

    async fn create_snapshot(&self, request: &SnapshotRequest) -> CloudResult<DbSnapshot> {
        let instance_id = request.instance_id.as_str();
        let snapshot_id = request.snapshot_id.as_str();
        self.with(true, |w| {
            validate::rds_identifier(snapshot_id)
                .map_err(|_| err(ErrorKind::Validation, "InvalidParameterValue", format!("Invalid snapshot identifier: {snapshot_id}")))?;
            let instance = w.require_instance(instance_id)?;
            if w.snapshots.get(snapshot_id).is_some_and(|s| s.view(w.now).is_some()) {
                return Err(err(ErrorKind::AlreadyExists, "DBSnapshotAlreadyExists", format!("Cannot create the snapshot because a snapshot with the identifier {snapshot_id} already exists.")));
            }
            if !instance.is_available() {
                return Err(err(ErrorKind::InvalidState, "InvalidDBInstanceState", format!("Cannot create a snapshot because the database instance {instance_id} is not currently in the available state.")));
            }
            let t = w.now;
            let todos = w.instances.get(instance_id).map(|i| i.todos_at(t)).unwrap_or_default();
            let snap = SimSnapshot {
                base: DbSnapshot {
                    id: snapshot_id.into(),
                    instance_id: instance_id.into(),
                    status: "creating".into(),
                    percent: 0,
                    kind: SnapshotKind::Manual,
                    created: Some(t),
                    created_by_tool: request
                        .tags
                        .iter()
                        .any(|(k, v)| k == TOOL_TAG_KEY && v == TOOL_TAG_VALUE),
                    arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:snapshot:{snapshot_id}"),
                },
                started: t,
                done: after(t, timing::SNAPSHOT_S),
                gone: None,
                deleting_from: None,
                todos,
            };
            let view = snap.view(t).unwrap_or_else(|| snap.base.clone());
            w.snapshots.insert(snapshot_id.into(), snap);
            Ok(view)
        })
    }

    async fn restore_from_snapshot(&self, request: &RestoreRequest) -> CloudResult<DbInstance> {
        self.with(true, |w| {
            w.check_new_instance_id(&request.instance_id)?;
            let t = w.now;
            let snap = w
                .snapshots
                .get(&request.snapshot_id)
                .filter(|s| s.view(t).is_some())
                .ok_or_else(|| {
                    err(
                        ErrorKind::NotFound,
                        "DBSnapshotNotFound",
                        format!("DBSnapshot {} not found.", request.snapshot_id),
                    )
                })?;
            if snap.view(t).is_some_and(|s| !s.is_available()) {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBSnapshotState",
                    "Snapshot is not available.",
                ));
            }
            let source = w.require_instance(&snap.base.instance_id.clone())?;
            let rows = snap
                .todos
                .iter()
                .map(|todo| Row {
                    todo: todo.clone(),
                    created: t,
                    deleted: None,
                })
                .collect();
            Ok(w.new_instance(&request.instance_id, &source, &request.settings, rows))
        })
    }

    async fn restore_to_point_in_time(&self, request: &PitrRequest) -> CloudResult<DbInstance> {
        self.with(true, |w| {
            w.check_new_instance_id(&request.target_id)?;
            let source = w.require_instance(&request.source_id)?;
            let Some(latest) = source.latest_restorable else {
                return Err(err(ErrorKind::InvalidState, "InvalidDBInstanceState", "Automated backups are not enabled for this instance; point-in-time restore needs them."));
            };
            let earliest = w.instances.get(&request.source_id).and_then(|i| i.backups_since);
            let point = request.restore_time.unwrap_or(latest);
            if point > latest || earliest.is_some_and(|e| point < e) {
                return Err(err(ErrorKind::Validation, "InvalidRestoreFault", "The restore time is outside the restorable window of the source instance."));
            }
            let t = w.now;
            let rows = w.instances.get(&request.source_id).map(|i| i.todos_at(point)).unwrap_or_default();
            let rows = rows.into_iter().map(|todo| Row { todo, created: t, deleted: None }).collect();
            Ok(w.new_instance(&request.target_id, &source, &request.settings, rows))
        })
    }

    async fn delete_instance(&self, instance_id: &str) -> CloudResult<()> {
        self.with(true, |w| {
            let view = w.require_instance(instance_id)?;
            if view.status == "deleting" {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBInstanceState",
                    "Instance is already being deleted.",
                ));
            }
            let t = w.now;
            if let Some(instance) = w.instances.get_mut(instance_id) {
                instance.phases.retain(|(at, _)| *at <= t);
                instance.phases.push((t, Some("deleting".into())));
                instance
                    .phases
                    .push((after(t, timing::DELETE_INSTANCE_S), None));
            }
            Ok(())
        })
    }

    async fn delete_snapshot(&self, snapshot_id: &str) -> CloudResult<()> {
        self.with(true, |w| {
            let t = w.now;
            let snap = w
                .snapshots
                .get_mut(snapshot_id)
                .filter(|s| s.view(t).is_some())
                .ok_or_else(|| {
                    err(
                        ErrorKind::NotFound,
                        "DBSnapshotNotFound",
                        format!("DBSnapshot {snapshot_id} not found."),
                    )
                })?;
            if snap.view(t).is_some_and(|s| s.status == "creating") {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBSnapshotState",
                    "Cannot delete a snapshot while it is being created.",
                ));
            }
            if snap.deleting_from.is_none() {
                snap.deleting_from = Some(t);
                snap.gone = Some(after(t, timing::DELETE_SNAPSHOT_S));
            }
            Ok(())
        })
    }

    async fn describe_service(&self, cluster: &str, service: &str) -> CloudResult<Service> {
        self.with(false, |w| {
            if cluster != w.cluster {
                return Err(err(
                    ErrorKind::Client,
                    "ClusterNotFoundException",
                    "Cluster not found.",
                ));
            }
            if service != w.service {
                return Err(err(
                    ErrorKind::ServiceNotFound,
                    "ServiceNotFoundException",
                    "Service not found.",
                ));
            }
            Ok(w.service_view())
        })
    }

    async fn describe_task_definition(&self, reference: &str) -> CloudResult<TaskDefinition> {
        self.with(false, |w| w.resolve_task_definition(reference).cloned())
    }

    async fn list_task_definitions(&self, family: &str) -> CloudResult<Vec<String>> {
        self.with(false, |w| {
            Ok(w.task_definitions
                .iter()
                .filter(|td| td.family == family && td.status == "ACTIVE")
                .map(|td| td.arn.clone())
                .collect())
        })
    }

    async fn register_revision(
        &self,
        base: &str,
        container: &str,
        name: &str,
        value: &str,
    ) -> CloudResult<TaskDefinition> {
        self.with(true, |w| {
            let mut td = w.resolve_task_definition(base)?.clone();
            let target = td
                .containers
                .iter_mut()
                .find(|c| c.name == container)
                .ok_or_else(|| {
                    err(
                        ErrorKind::Client,
                        "ClientException",
                        format!("Container {container} not found in the task definition."),
                    )
                })?;
            match target.environment.iter_mut().find(|(k, _)| k == name) {
                Some(entry) => entry.1 = value.into(),
                None => target.environment.push((name.into(), value.into())),
            }
            let revision = w
                .task_definitions
                .iter()
                .filter(|t| t.family == td.family)
                .map(|t| t.revision)
                .max()
                .unwrap_or(0)
                + 1;
            td.revision = revision;
            td.status = "ACTIVE".into();
            td.arn = format!(
                "arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{}:{revision}",
                td.family
            );
            w.task_definitions.push(td.clone());
            Ok(td)
        })
    }

    async fn deregister_task_definition(&self, arn: &str) -> CloudResult<()> {
        self.with(true, |w| {
            let td = w
                .task_definitions
                .iter_mut()
                .find(|td| td.arn == arn)
                .ok_or_else(|| {
                    err(
                        ErrorKind::Client,
                        "ClientException",
                        "The specified task definition does not exist.",
                    )
                })?;
            td.status = "INACTIVE".into();
            Ok(())
        })
    }

    async fn update_service(
        &self,
        cluster: &str,
        service: &str,
        task_definition: &str,
    ) -> CloudResult<Service> {
        let unhealthy = self.next_update_unhealthy();
        self.with(true, |w| {
            if cluster != w.cluster {
                return Err(err(
                    ErrorKind::Client,
                    "ClusterNotFoundException",
                    "Cluster not found.",
                ));
            }
            if service != w.service {
                return Err(err(
                    ErrorKind::ServiceNotFound,
                    "ServiceNotFoundException",
                    "Service not found.",
                ));
            }
            let td = w.resolve_task_definition(task_definition)?;
            if td.status != "ACTIVE" {
                return Err(err(
                    ErrorKind::Client,
                    "ClientException",
                    "TaskDefinition is inactive",
                ));
            }
            let arn = td.arn.clone();
            let t = w.now;
            let current = w.service_view();
            if current.task_definition == arn {
                return Ok(current);
            }
            // The replaced deployments start no more tasks; theirs keep serving until the new
            // ones pass their health checks.
            for d in w.deployments.iter_mut().filter(|d| d.created <= t) {
                d.launches.clear();
                d.failing.clear();
            }
            let id = format!("ecs-svc/{:019}", w.next_deployment);
            w.next_deployment += 1;
            w.deployments.push(SimDeployment {
                unhealthy,
                ..SimDeployment::new(id, arn, t, current.desired.max(2))
            });
            Ok(w.service_view())
        })
    }

    async fn list_todos(&self) -> CloudResult<Vec<Todo>> {
        // The answer goes over the "wire" in the world's shape and is read back as the real
        // client reads it.
        self.with(false, |w| {
            let shape = w.todo_shape;
            let rows: Vec<serde_json::Value> = w
                .serving_database()?
                .todos_at(w.now)
                .iter()
                .map(|todo| todo_json(todo, shape))
                .collect();
            let body = serde_json::Value::Array(rows).to_string();
            todo_api::parse_list("TodoList", &format!("{SIM_APP_URL}/api/v1/todos"), &body)
        })
    }

    async fn create_todo(&self, title: &str) -> CloudResult<Todo> {
        self.with(true, |w| {
            let t = w.now;
            let shape = w.todo_shape;
            let db = w.serving_database_mut()?;
            let id = db
                .rows
                .iter()
                .filter_map(|r| r.todo.id.0.parse::<u64>().ok())
                .max()
                .unwrap_or(0)
                + 1;
            let todo = Todo {
                id: id.into(),
                user_id: Some(1.into()),
                title: title.into(),
                completed: false,
            };
            db.rows.push(Row {
                todo: todo.clone(),
                created: t,
                deleted: None,
            });
            todo_api::created(&todo_json(&todo, shape), title).ok_or_else(|| {
                err(
                    ErrorKind::TodoAnswer,
                    "BadEntry",
                    "the created todo has no id",
                )
            })
        })
    }

    async fn delete_todo(&self, id: &TodoId) -> CloudResult<()> {
        self.with(true, |w| {
            let t = w.now;
            let db = w.serving_database_mut()?;
            let row = db
                .rows
                .iter_mut()
                .find(|r| r.todo.id == *id && r.visible_at(t))
                .ok_or_else(|| err(ErrorKind::NotFound, "404", format!("Todo {id} not found")))?;
            row.deleted = Some(t);
            Ok(())
        })
    }
}
