//! The simulated account's objects, with their timelines, and how they read at an instant.

use super::{
    BTreeMap, CircuitBreaker, CloudError, CloudResult, Container, DbInstance, DbSnapshot,
    Deployment, DeploymentStatus, Deserialize, EXTENDED_SUPPORT, ErrorKind, FileProblem, Path,
    PathBuf, RolloutState, Serialize, Service, ServiceEvent, SignedDuration, TaskDefinition,
    Timestamp, Todo, read_state_file, timing, validate,
};
use crate::cloud::status::{InstanceStatus, ServiceStatus, SnapshotStatus, TaskDefinitionStatus};
use crate::cloud::{ContainerLogs, DB_HOST};
use crate::validate::BackupWindow;

pub(super) const ACCOUNT: &str = "111122223333";
pub(super) const REGION: &str = "us-east-1";
pub(super) const ENDPOINT_SUFFIX: &str = "c9xk2mplq7ab.us-east-1.rds.amazonaws.com";
pub(super) const LAB_SG: &str = "sg-0a7e3c51d2b94f860";
pub(super) const DEFAULT_SG: &str = "sg-05d4b1a9e6c7f0123";
pub(super) const SUBNET_GROUP: &str = "workshop-db-subnet-group";
pub(super) const MAINTENANCE_WINDOW: &str = "sun:08:00-sun:08:30";
pub(super) const ENGINE: &str = "mysql 8.0.39";
/// What RDS sets on a restore when the call leaves it out (API reference,
/// RestoreDBInstanceFromDBSnapshot): gp3 storage (io1 with Iops), the engine's default
/// parameter and option groups, and Extended Support for a major version past its standard
/// support.
pub(super) const DEFAULT_STORAGE_TYPE: &str = "gp3";
pub(super) const DEFAULT_PARAMETER_GROUP: &str = "default.mysql8.0";
pub(super) const DEFAULT_OPTION_GROUP: &str = "default:mysql-8-0";
/// The version RDS upgrades a restore of 8.0 to when Extended Support is turned off.
pub(super) const UPGRADED_ENGINE: &str = "mysql 8.4.7";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Row {
    pub(super) todo: Todo,
    pub(super) created: Timestamp,
    pub(super) deleted: Option<Timestamp>,
}

impl Row {
    pub(super) fn visible_at(&self, t: Timestamp) -> bool {
        self.created <= t && self.deleted.is_none_or(|d| d > t)
    }
}

/// A status that holds from `at` on; `None` means the object is gone.
pub(super) type Phase = (Timestamp, Option<InstanceStatus>);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SimInstance {
    pub(super) base: DbInstance,
    pub(super) phases: Vec<Phase>,
    pub(super) endpoint_at: Option<Timestamp>,
    /// Retention waiting to apply, and when.
    pub(super) retention_change: Option<(Timestamp, u32)>,
    /// Multi-AZ being converted, and when the conversion is done.
    #[serde(default)]
    pub(super) multi_az_change: Option<(Timestamp, bool)>,
    pub(super) backups_since: Option<Timestamp>,
    pub(super) rows: Vec<Row>,
}

impl SimInstance {
    pub(super) fn status_at(&self, t: Timestamp) -> Option<InstanceStatus> {
        self.phases
            .iter()
            .rev()
            .find(|(at, _)| *at <= t)
            .and_then(|(_, s)| s.clone())
    }

    pub(super) fn view(&self, t: Timestamp) -> Option<DbInstance> {
        let status = self.status_at(t)?;
        let mut view = self.base.clone();
        // DescribeDBInstances leaves out InstanceCreateTime and Endpoint while `creating`.
        if status == InstanceStatus::Creating {
            view.created = None;
        }
        view.status = status;
        if self.endpoint_at.is_some_and(|at| at > t) {
            view.endpoint = None;
        }
        if let Some((at, multi_az)) = self.multi_az_change {
            if at <= t {
                view.multi_az = multi_az;
            } else {
                view.pending_multi_az = Some(multi_az);
            }
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

    pub(super) fn todos_at(&self, t: Timestamp) -> Vec<Todo> {
        self.rows
            .iter()
            .filter(|r| r.visible_at(t))
            .map(|r| r.todo.clone())
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SimSnapshot {
    pub(super) base: DbSnapshot,
    pub(super) started: Timestamp,
    pub(super) done: Timestamp,
    pub(super) gone: Option<Timestamp>,
    pub(super) deleting_from: Option<Timestamp>,
    pub(super) todos: Vec<Todo>,
}

impl SimSnapshot {
    pub(super) fn view(&self, t: Timestamp) -> Option<DbSnapshot> {
        if self.started > t || self.gone.is_some_and(|g| g <= t) {
            return None;
        }
        let mut view = self.base.clone();
        if self.deleting_from.is_some_and(|d| d <= t) {
            view.status = SnapshotStatus::Deleting;
            view.percent = 100;
        } else if t < self.done {
            let total = (self.done.as_second() - self.started.as_second()).max(1);
            let elapsed = t.as_second() - self.started.as_second();
            // RDS reports a coarse estimate; round down to steps of 5 %.
            view.percent = u8::try_from(elapsed * 100 / total / 5 * 5).unwrap_or(0);
            view.status = SnapshotStatus::Creating;
            // DescribeDBSnapshots leaves out SnapshotCreateTime while `creating`.
            view.created = None;
        } else {
            view.status = SnapshotStatus::Available;
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
pub(super) struct SimDeployment {
    pub(super) id: String,
    pub(super) task_definition: String,
    pub(super) created: Timestamp,
    pub(super) desired: u32,
    /// When each task that passed its health check did so.
    pub(super) ready_at: Vec<Timestamp>,
    /// When each of those tasks stopped (or will stop, draining).
    pub(super) drain_at: Vec<Timestamp>,
    /// Tasks started whose health check is still to come, by the time of the check.
    #[serde(default)]
    pub(super) launches: Vec<Timestamp>,
    /// Tasks that failed their health checks, by the time they are stopped.
    #[serde(default)]
    pub(super) failing: Vec<Timestamp>,
    /// When each failed task was stopped.
    #[serde(default)]
    pub(super) failures: Vec<Timestamp>,
    /// When the circuit breaker declared this deployment FAILED.
    #[serde(default)]
    pub(super) failed_at: Option<Timestamp>,
    /// For a rollback: the deployment whose revision it brings back.
    #[serde(default)]
    pub(super) rollback_of: Option<String>,
    /// Its tasks fail their health checks whatever the database does (the `unhealthy` fault).
    #[serde(default)]
    pub(super) unhealthy: bool,
}

impl SimDeployment {
    pub(super) fn new(
        id: String,
        task_definition: String,
        created: Timestamp,
        desired: u32,
    ) -> Self {
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

    pub(super) fn running_at(&self, t: Timestamp) -> u32 {
        let up = self.ready_at.iter().filter(|at| **at <= t).count();
        let down = self.drain_at.iter().filter(|at| **at <= t).count();
        u32::try_from(up.saturating_sub(down)).unwrap_or(0)
    }

    /// Tasks started but not (yet) serving: waiting for their health check or failing it.
    pub(super) fn pending_at(&self, t: Timestamp) -> u32 {
        u32::try_from(self.launches.len() + self.failing.iter().filter(|f| **f > t).count())
            .unwrap_or(0)
    }

    /// Tasks that failed in a row (`failedTasks`): 0 once one task of it served.
    pub(super) fn failed_tasks_at(&self, t: Timestamp) -> u32 {
        if self.ready_at.iter().any(|at| *at <= t) {
            return 0;
        }
        u32::try_from(self.failures.iter().filter(|f| **f <= t).count()).unwrap_or(0)
    }

    pub(super) fn is_failed_at(&self, t: Timestamp) -> bool {
        self.failed_at.is_some_and(|f| f <= t)
    }

    /// Running tasks not yet told to stop.
    pub(super) fn undrained(&self) -> usize {
        self.ready_at.len().saturating_sub(self.drain_at.len())
    }

    pub(super) fn last_change(&self) -> Timestamp {
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
    pub(super) fn task_id(&self, n: usize) -> String {
        let seed = self.id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{seed:016x}{:016x}", seed.rotate_left(17) ^ n as u64)
    }
}

/// The lab's ECS service as the console creates it: with the deployment circuit breaker and
/// rollback turned on.
fn yes() -> bool {
    true
}

pub(super) fn default_circuit_breaker() -> CircuitBreaker {
    CircuitBreaker {
        enable: true,
        rollback: true,
    }
}

/// An id as a number where it is one (the plain app's ids are numbers), else as a string.
fn numeric_id(id: &str) -> serde_json::Value {
    id.parse::<u64>()
        .map_or_else(|_| id.into(), serde_json::Value::from)
}

/// A todo as the simulated app writes it in `shape`.
pub(super) fn todo_json(todo: &Todo, shape: TodoShape) -> serde_json::Value {
    match shape {
        TodoShape::Plain => serde_json::json!({
            "id": numeric_id(&todo.id.0),
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
pub(super) const KEPT_EVENTS: usize = 20;

/// Where the simulated todo app answers (the load balancer's DNS name).
pub(super) const SIM_APP_URL: &str = "http://todoApp-1234567890.us-east-1.elb.amazonaws.com";
/// The simulated backend's target group, as health check events name it.
pub(super) const TARGET_GROUP: &str = "targetgroup/todoApp-backend/5e1f0c2a9b7d3e61";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct World {
    pub(super) id: String,
    pub(super) now: Timestamp,
    pub(super) instances: BTreeMap<String, SimInstance>,
    pub(super) snapshots: BTreeMap<String, SimSnapshot>,
    pub(super) task_definitions: Vec<TaskDefinition>,
    pub(super) cluster: String,
    pub(super) service: String,
    pub(super) deployments: Vec<SimDeployment>,
    pub(super) next_deployment: u32,
    pub(super) names: WorldNames,
    #[serde(default = "default_circuit_breaker")]
    pub(super) circuit_breaker: CircuitBreaker,
    #[serde(default)]
    pub(super) todo_shape: TodoShape,
    /// Whether Workshop-VPC, where the DB subnet group lies, has an internet gateway (it has:
    /// its load balancer is internet-facing). RDS makes a restore without PubliclyAccessible
    /// public where there is one.
    #[serde(default = "yes")]
    pub(super) internet_gateway: bool,
    /// One-off tasks (the dump) and the network they run in.
    #[serde(default)]
    pub(super) tasks: super::tasks::TaskWorld,
    /// Set while an owner runs the world: readers work out the owner's "now" from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) published: Option<Published>,
}

/// The owner's clock as of its last save: at wall time `wall` the world's time was `now` of
/// the file; from there it runs `speed` times the wall clock until `busy_until`, then at the
/// wall clock's pace, and stands still while `paused` (see [`super::clock::paced`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(super) struct Published {
    pub(super) wall: Timestamp,
    pub(super) speed: f64,
    /// A file written before the clock slowed down when idle ran at `speed` throughout.
    #[serde(default = "always_busy")]
    pub(super) busy_until: Option<Timestamp>,
    #[serde(default)]
    pub(super) paused: bool,
}

#[allow(
    clippy::unnecessary_wraps,
    reason = "serde's default for an optional field"
)]
fn always_busy() -> Option<Timestamp> {
    Some(Timestamp::MAX)
}

/// Why a saved world cannot be used. The file is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorldError {
    #[error("{path}: {problem}")]
    Unreadable { path: PathBuf, problem: FileProblem },
    /// The file holds a world built for other names (another configuration).
    #[error("{path} belongs to instance {instance}")]
    OtherNames { path: PathBuf, instance: String },
    /// The world could not be saved (`reason` names the file and the system's reason).
    #[error("{path}: {reason}")]
    Unwritable { path: PathBuf, reason: String },
}

/// The largest world file read; a real one is a few kilobytes.
pub(super) const WORLD_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The world saved at `path`, `None` when there is none yet.
pub(super) fn load_world(path: &Path, names: &WorldNames) -> Result<Option<World>, WorldError> {
    let unreadable = |problem| WorldError::Unreadable {
        path: path.to_path_buf(),
        problem,
    };
    let Some(bytes) = read_state_file(path, WORLD_MAX_BYTES).map_err(unreadable)? else {
        return Ok(None);
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(unreadable(FileProblem::Empty));
    }
    let mut world: World = serde_json::from_slice(&bytes)
        .map_err(|e| unreadable(FileProblem::Damaged(e.to_string())))?;
    world.give_revisions_bodies();
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

pub(super) fn secs(n: i64) -> SignedDuration {
    SignedDuration::from_secs(n)
}

pub(super) fn after(t: Timestamp, seconds: i64) -> Timestamp {
    t.checked_add(secs(seconds)).unwrap_or(t)
}

pub(super) fn endpoint_of(id: &str) -> String {
    format!("{id}.{ENDPOINT_SUFFIX}")
}

pub(super) fn err(kind: ErrorKind, code: &str, message: impl Into<String>) -> CloudError {
    CloudError::new(kind, code, message)
}
impl World {
    pub(super) fn new(start: Timestamp, names: WorldNames) -> Self {
        let created = after(start, -86_400 * 3);
        let instance = DbInstance {
            id: names.instance.clone(),
            status: InstanceStatus::Available,
            class: "db.t3.micro".into(),
            engine: ENGINE.into(),
            multi_az: true,
            retention_days: 0,
            backup_window: Some(BackupWindow::half_hour_from(7 * 60 + 12)),
            maintenance_window: Some(MAINTENANCE_WINDOW.into()),
            endpoint: Some(endpoint_of(&names.instance)),
            port: Some(3306),
            security_groups: vec![LAB_SG.into()],
            subnet_group: Some(SUBNET_GROUP.into()),
            latest_restorable: None,
            created: Some(created),
            pending_retention: None,
            pending_multi_az: None,
            storage_gib: 100,
            arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:db:{}", names.instance),
            storage_type: Some("gp2".into()),
            iops: None,
            parameter_group: Some(DEFAULT_PARAMETER_GROUP.into()),
            option_group: Some(DEFAULT_OPTION_GROUP.into()),
            engine_lifecycle: Some(EXTENDED_SUPPORT.into()),
            tags: vec![("environment".into(), "workshop".into())],
            db_name: Some("todo".into()),
            // What the console's "Create database" sets by default.
            publicly_accessible: Some(false),
            copy_tags_to_snapshot: Some(true),
            storage_throughput: None,
            auto_minor_version_upgrade: Some(true),
            deletion_protection: false,
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
            phases: vec![(created, Some(InstanceStatus::Available))],
            endpoint_at: None,
            retention_change: None,
            multi_az_change: None,
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
            status: TaskDefinitionStatus::Active,
            containers: vec![Container {
                name: names.container.clone(),
                image: format!("{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/todo-backend:latest"),
                environment: vec![
                    ("DB_USER".into(), "clusteradmin".into()),
                    ("DB_PASSWORD".into(), "Workshop-Pa55word!".into()),
                    (DB_HOST.into(), endpoint_of(&names.instance)),
                ],
                // What the console sets up for a new task definition.
                logs: Some(ContainerLogs {
                    driver: "awslogs".into(),
                    group: Some(format!("/ecs/{}", names.task_family)),
                    region: Some(REGION.into()),
                    stream_prefix: Some("ecs".into()),
                }),
            }],
            fingerprint: String::new(),
            tags: Vec::new(),
            // What the console registers for the lab's backend; the containers' environment
            // and logs are written in from above.
            body: serde_json::json!({
                "family": names.task_family,
                "executionRoleArn": format!("arn:aws:iam::{ACCOUNT}:role/LabRole"),
                "networkMode": "awsvpc",
                "requiresCompatibilities": ["FARGATE"],
                "cpu": "256",
                "memory": "512",
                "containerDefinitions": [{
                    "name": names.container,
                    "essential": true,
                    "portMappings": [{ "containerPort": 5000, "hostPort": 5000, "protocol": "tcp" }],
                }],
            }),
        };
        let mut td = td;
        super::task_definitions::sync_body(&mut td);
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
            internet_gateway: true,
            tasks: super::tasks::TaskWorld::default(),
        }
    }

    pub(super) fn instance_view(&self, id: &str) -> Option<DbInstance> {
        self.instances.get(id).and_then(|i| i.view(self.now))
    }

    pub(super) fn require_instance(&self, id: &str) -> CloudResult<DbInstance> {
        self.instance_view(id).ok_or_else(|| {
            err(
                ErrorKind::NotFound,
                "DBInstanceNotFound",
                format!("DBInstance {id} not found."),
            )
        })
    }

    pub(super) fn check_new_instance_id(&self, id: &str) -> CloudResult<()> {
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

    /// Which database the todo app reads: DB_HOST of the tasks that serve requests.
    pub(super) fn serving_database(&self) -> CloudResult<&SimInstance> {
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
        self.reachable_from_backend(host, t).ok_or_else(|| {
            err(
                ErrorKind::Server,
                "502",
                format!("Bad Gateway: the backend cannot reach database {host}"),
            )
        })
    }

    /// DB_HOST of the backend container in the task definition `arn` ("" without one).
    pub(super) fn db_host_of(&self, arn: &str) -> &str {
        self.task_definitions
            .iter()
            .find(|td| td.arn == arn)
            .and_then(|td| td.env(&self.names.container, DB_HOST))
            .unwrap_or_default()
    }

    /// The instance that answers at `host` at `t`: it has its endpoint and takes connections.
    pub(super) fn answering(&self, host: &str, t: Timestamp) -> Option<&SimInstance> {
        self.instances.values().find(|i| {
            i.base.endpoint.as_deref() == Some(host)
                && i.view(t).is_some_and(|v| v.accepts_connections())
        })
    }

    /// The instance at `host` if the backend's tasks reach it: it answers and lets the
    /// backend in through the lab's security group (the VPC's default group does not).
    pub(super) fn reachable_from_backend(&self, host: &str, t: Timestamp) -> Option<&SimInstance> {
        self.answering(host, t)
            .filter(|i| i.base.security_groups.iter().any(|g| g == LAB_SG))
    }

    pub(super) fn serving_database_mut(&mut self) -> CloudResult<&mut SimInstance> {
        let id = self.serving_database()?.base.id.clone();
        self.instances
            .get_mut(&id)
            .ok_or_else(|| err(ErrorKind::Server, "502", "Bad Gateway"))
    }

    /// Deployments ECS still lists at `t`: the newest, and older ones while they run tasks; a
    /// FAILED one stays while the rollback it caused, still the newest, is under way.
    pub(super) fn live_at(&self, t: Timestamp) -> Vec<&SimDeployment> {
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

    /// The errors ECS gives for a cluster or service the world does not have.
    pub(super) fn require_service(&self, cluster: &str, service: &str) -> CloudResult<()> {
        if cluster != self.cluster {
            return Err(err(
                ErrorKind::Client,
                "ClusterNotFoundException",
                "Cluster not found.",
            ));
        }
        if service != self.service {
            return Err(err(
                ErrorKind::ServiceNotFound,
                "ServiceNotFoundException",
                "Service not found.",
            ));
        }
        Ok(())
    }

    pub(super) fn service_view(&self) -> Service {
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
            status: ServiceStatus::Active,
            task_definition: primary
                .map(|d| d.task_definition.clone())
                .unwrap_or_default(),
            desired: primary.map_or(0, |d| d.desired),
            running: deployments.iter().map(|d| d.running).sum(),
            pending: deployments.iter().map(|d| d.pending).sum(),
            deployments,
            events,
            circuit_breaker: Some(self.circuit_breaker),
            network: Some(self.tasks.network.clone()),
        }
    }

    pub(super) fn resolve_task_definition(&self, reference: &str) -> CloudResult<&TaskDefinition> {
        let found = if reference.starts_with("arn:") {
            self.task_definitions.iter().find(|td| td.arn == reference)
        } else if let Some((family, revision)) = reference.split_once(':') {
            self.task_definitions
                .iter()
                .find(|td| td.family == family && td.revision.to_string() == revision)
        } else {
            self.task_definitions
                .iter()
                .filter(|td| td.family == reference && td.status == TaskDefinitionStatus::Active)
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
