//! One-off ECS tasks in the simulated account: the dump task that copies the todos from one
//! database into another. A task moves PROVISIONING → PENDING → RUNNING → DEPROVISIONING →
//! STOPPED on the simulated clock. Whether the copy works is decided when the container has
//! run ([`World::settle_tasks`]): both databases must take connections and let the task's
//! security group in; then the target's todo table is replaced by the source's, as a dump
//! does. The image pull fails with `CannotPullContainerError` when the subnets have no route to
//! the registry (a world setting, or the `no-registry` fault).

use serde_json::Value;

use super::world::{LAB_SG, after, err};
use super::{ACCOUNT, Deserialize, REGION, Row, Serialize, SimCloud, Timestamp, World};
use crate::cloud::faults::DumpFault;
use crate::cloud::{
    CloudResult, ErrorKind, NetworkConfig, RunTaskRequest, Task, TaskContainer, TaskDefinition,
    TaskDefinitionStatus, TaskStatus,
};

/// The environment variable the MySQL clients read the password from.
const MYSQL_PWD: &str = "MYSQL_PWD";

/// What a container's command copies, as far as the simulated world can tell: a shell
/// pipeline `mysqldump … | mysql …` whose `--host` (and `--user`) options and database name
/// are the container's environment variables (`"$NAME"`) or written out. Both clients need a
/// user, a database and the password in `MYSQL_PWD` (environment or secret); else the
/// container cannot connect and exits with code 1.
struct Copy {
    source: String,
    target: String,
}

impl Copy {
    fn of(td: &TaskDefinition) -> Option<Self> {
        let def = td
            .body
            .get("containerDefinitions")?
            .as_array()?
            .iter()
            .find(|d| d.get("essential").and_then(Value::as_bool) != Some(false))?;
        let script = def.get("command")?.as_array()?.last()?.as_str()?;
        let named = |list: &str, name: &str| {
            def.get(list)?
                .as_array()?
                .iter()
                .find(|kv| kv.get("name").and_then(Value::as_str) == Some(name))
                .cloned()
        };
        let env = |name: &str| {
            named("environment", name)
                .and_then(|kv| kv.get("value").and_then(Value::as_str).map(str::to_owned))
        };
        let password = env(MYSQL_PWD).is_some() || named("secrets", MYSQL_PWD).is_some();
        // A word of the command: `"$NAME"` or `$NAME` is the variable's value.
        let word = |w: &str| -> Option<String> {
            let w = w.trim_matches('"');
            match w.strip_prefix('$') {
                Some(name) => env(name.trim_matches(|c| c == '{' || c == '}')),
                None => Some(w.to_owned()),
            }
        };
        let client = |segment: &str, program: &str| -> Option<String> {
            let mut words = segment.split_whitespace();
            if !words.any(|w| w == program) {
                return None;
            }
            let rest: Vec<&str> = words.collect();
            let option = |name: &str| {
                rest.iter()
                    .find_map(|w| w.strip_prefix(&format!("--{name}=")))
                    .and_then(&word)
            };
            let database = rest
                .iter()
                .rev()
                .find(|w| !w.starts_with("--"))
                .and_then(|w| word(w));
            (option("user").is_some() && database.is_some()).then_some(())?;
            option("host")
        };
        let segments: Vec<&str> = script.split('|').collect();
        let source = segments.iter().find_map(|s| client(s, "mysqldump"))?;
        let target = segments.iter().find_map(|s| client(s, "mysql"))?;
        password.then_some(Self { source, target })
    }
}

/// Seconds from RunTask to each status (Fargate: tens of seconds each; the pull of the
/// `mysql` image takes about half a minute).
pub(super) mod timing {
    pub const PENDING_S: i64 = 20;
    pub const RUNNING_S: i64 = 50;
    /// The copy of a small database takes a few seconds; the client exits then.
    pub const EXITED_S: i64 = 65;
    pub const STOPPED_S: i64 = 90;
    /// A pull that cannot reach the registry is retried for about a minute.
    pub const PULL_GIVES_UP_S: i64 = 80;
    pub const PULL_STOPPED_S: i64 = 100;
}

/// The security group of the backend's service; the lab's database group lets it in.
pub(super) const BACKEND_SG: &str = "sg-0c4e6a8b0d2f41357";
pub(super) const SUBNETS: [&str; 2] = ["subnet-0e1a3c5b7d9f02468", "subnet-0f2b4d6c8e0a13579"];

/// How a task ended, once decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Outcome {
    PullFailed,
    Exited { code: i32 },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SimTask {
    pub(super) arn: String,
    pub(super) task_definition: String,
    pub(super) started_by: String,
    pub(super) network: NetworkConfig,
    pub(super) created: Timestamp,
    /// Decided at RunTask: the pull fails.
    pub(super) pull_fails: bool,
    /// Decided at RunTask: a database is out of reach whatever the world says.
    #[serde(default)]
    pub(super) forced_unreachable: bool,
    pub(super) outcome: Option<Outcome>,
    /// RunTask's `clientToken` (empty: none was sent).
    #[serde(default)]
    pub(super) client_token: String,
}

/// How long ECS answers a RunTask with a known client token with the task it started.
const CLIENT_TOKEN_TTL_S: i64 = 24 * 3600;

impl SimTask {
    fn status_at(&self, t: Timestamp) -> (TaskStatus, TaskStatus) {
        let s = |n| after(self.created, n);
        if self.pull_fails {
            return match t {
                t if t >= s(timing::PULL_STOPPED_S) => (TaskStatus::Stopped, TaskStatus::Stopped),
                t if t >= s(timing::PULL_GIVES_UP_S) => {
                    (TaskStatus::Deprovisioning, TaskStatus::Stopped)
                }
                t if t >= s(timing::PENDING_S) => (TaskStatus::Pending, TaskStatus::Running),
                _ => (TaskStatus::Provisioning, TaskStatus::Running),
            };
        }
        match t {
            t if t >= s(timing::STOPPED_S) => (TaskStatus::Stopped, TaskStatus::Stopped),
            t if t >= s(timing::EXITED_S) => (TaskStatus::Deprovisioning, TaskStatus::Stopped),
            t if t >= s(timing::RUNNING_S) => (TaskStatus::Running, TaskStatus::Running),
            t if t >= s(timing::PENDING_S) => (TaskStatus::Pending, TaskStatus::Running),
            _ => (TaskStatus::Provisioning, TaskStatus::Running),
        }
    }

    pub(super) fn view(&self, t: Timestamp, (name, image): &(String, String)) -> Task {
        let (last, desired) = self.status_at(t);
        let ended = matches!(last, TaskStatus::Deprovisioning | TaskStatus::Stopped);
        let mut container = TaskContainer {
            name: name.clone(),
            exit_code: None,
            reason: None,
        };
        let (stopped_reason, stop_code) = match (&self.outcome, ended) {
            (Some(Outcome::PullFailed), true) => {
                let reason = pull_error(image);
                container.reason = Some(reason.clone());
                (Some(reason), Some("TaskFailedToStart".to_owned()))
            }
            (Some(Outcome::Exited { code }), true) => {
                container.exit_code = Some(*code);
                (
                    Some("Essential container in task exited".to_owned()),
                    Some("EssentialContainerExited".to_owned()),
                )
            }
            _ => (None, None),
        };
        Task {
            arn: self.arn.clone(),
            task_definition: self.task_definition.clone(),
            last_status: last.clone(),
            desired_status: desired,
            stopped_reason,
            stop_code,
            containers: vec![container],
            started_by: Some(self.started_by.clone()),
            created: Some(self.created),
            started: (!self.pull_fails)
                .then(|| after(self.created, timing::RUNNING_S))
                .filter(|at| *at <= t),
            stopped: (last == TaskStatus::Stopped).then(|| {
                after(
                    self.created,
                    if self.pull_fails {
                        timing::PULL_STOPPED_S
                    } else {
                        timing::STOPPED_S
                    },
                )
            }),
        }
    }

    /// When the task has stopped (or will have).
    pub(super) fn stopped_at(&self) -> Timestamp {
        after(
            self.created,
            if self.pull_fails {
                timing::PULL_STOPPED_S
            } else {
                timing::STOPPED_S
            },
        )
    }

    /// When the task's fate is decided: the pull gives up, or the client exits.
    fn decided_at(&self) -> Timestamp {
        after(
            self.created,
            if self.pull_fails {
                timing::PULL_GIVES_UP_S
            } else {
                timing::EXITED_S
            },
        )
    }
}

/// ECS's stopped reason for an image that cannot be pulled (no route to the registry).
fn pull_error(image: &str) -> String {
    let (repository, tag) = image
        .split_once("public.ecr.aws/")
        .map_or((image, "latest"), |(_, rest)| {
            rest.rsplit_once(':').unwrap_or((rest, "latest"))
        });
    format!(
        "CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref {image}: failed to do request: Head \"https://public.ecr.aws/v2/{repository}/manifests/{tag}\": dial tcp 99.83.145.10:443: i/o timeout"
    )
}

fn default_true() -> bool {
    true
}

/// The simulated account's one-off tasks and the network they run in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct TaskWorld {
    #[serde(default)]
    pub(super) tasks: Vec<SimTask>,
    /// Whether the service's subnets reach the public registry (a NAT gateway or a public IP).
    #[serde(default = "default_true")]
    pub(super) registry_reachable: bool,
    /// The service's network configuration.
    #[serde(default = "default_network")]
    pub(super) network: NetworkConfig,
    /// Faults of this run for RunTask calls `first..=last` (1-based); not saved.
    #[serde(skip)]
    pub(super) faults: Vec<((u64, u64), DumpFault)>,
    #[serde(skip)]
    pub(super) runs: u64,
}

fn default_network() -> NetworkConfig {
    NetworkConfig {
        subnets: SUBNETS.iter().map(|s| (*s).to_owned()).collect(),
        security_groups: vec![BACKEND_SG.to_owned()],
        assign_public_ip: true,
    }
}

impl Default for TaskWorld {
    fn default() -> Self {
        Self {
            tasks: Vec::new(),
            registry_reachable: true,
            network: default_network(),
            faults: Vec::new(),
            runs: 0,
        }
    }
}

impl World {
    /// Decides every task whose client has exited by now, copying the data where it can.
    pub(super) fn settle_tasks(&mut self) {
        let now = self.now;
        for i in 0..self.tasks.tasks.len() {
            let task = &self.tasks.tasks[i];
            if task.outcome.is_some() || task.decided_at() > now {
                continue;
            }
            let at = task.decided_at();
            let outcome = if task.pull_fails {
                Outcome::PullFailed
            } else {
                Outcome::Exited {
                    code: self.copy(i, at),
                }
            };
            self.tasks.tasks[i].outcome = Some(outcome);
        }
    }

    /// Copies the source database's todos into the target at `at`, as the dump task of task
    /// `i` does; the exit code of `mysql` (0, or 1 when a database cannot be reached).
    fn copy(&mut self, i: usize, at: Timestamp) -> i32 {
        let task = &self.tasks.tasks[i];
        if task.forced_unreachable {
            return 1;
        }
        let Some(td) = self
            .task_definitions
            .iter()
            .find(|td| td.arn == task.task_definition)
        else {
            return 1;
        };
        let Some(Copy { source, target }) = Copy::of(td) else {
            return 1;
        };
        let groups = task.network.security_groups.clone();
        let reachable = |w: &Self, host: &str| -> Option<String> {
            let instance = w.answering(host, at)?;
            let allowed = groups.iter().any(|g| g == BACKEND_SG)
                && instance.base.security_groups.iter().any(|g| g == LAB_SG);
            allowed.then(|| instance.base.id.clone())
        };
        let (Some(source_id), Some(target_id)) =
            (reachable(self, &source), reachable(self, &target))
        else {
            return 1;
        };
        let todos = self.instances[&source_id].todos_at(at);
        let Some(target) = self.instances.get_mut(&target_id) else {
            return 1;
        };
        for row in &mut target.rows {
            if row.visible_at(at) {
                row.deleted = Some(at);
            }
        }
        target.rows.extend(todos.into_iter().map(|todo| Row {
            todo,
            created: at,
            deleted: None,
        }));
        0
    }

    pub(super) fn task_view(&self, cluster: &str, arn: &str) -> CloudResult<Task> {
        let task = self
            .tasks
            .tasks
            .iter()
            .find(|t| t.arn == arn || t.arn.ends_with(&format!("/{arn}")))
            .filter(|_| cluster == self.cluster)
            .ok_or_else(|| {
                err(
                    ErrorKind::NotFound,
                    "MISSING",
                    format!("Task {arn}: MISSING"),
                )
            })?;
        let container = self.container_of(&task.task_definition);
        Ok(task.view(self.now, &container))
    }

    /// Name and image of the task definition's (first) container.
    fn container_of(&self, td: &str) -> (String, String) {
        self.task_definitions
            .iter()
            .find(|t| t.arn == td)
            .and_then(|t| t.containers.first())
            .map(|c| (c.name.clone(), c.image.clone()))
            .unwrap_or_default()
    }
}

impl SimCloud {
    /// Whether the service's subnets reach the public registry (default: yes).
    pub fn set_registry_reachable(&self, reachable: bool) {
        self.lock().tasks.registry_reachable = reachable;
    }

    /// Replaces the service's network configuration (e.g. another security group).
    pub fn set_task_network(&self, network: NetworkConfig) {
        self.lock().tasks.network = network;
    }

    /// How many one-off tasks were started in this world (a RunTask answered from its client
    /// token starts none).
    #[must_use]
    pub fn tasks_started(&self) -> usize {
        self.lock().tasks.tasks.len()
    }

    /// Dump tasks started by RunTask calls `first..=last` (of this run) fail with `fault`.
    pub fn set_dump_faults(&self, faults: Vec<((u64, u64), DumpFault)>) {
        self.lock().tasks.faults = faults;
    }

    pub(super) fn sim_service_network(
        &self,
        cluster: &str,
        service: &str,
    ) -> CloudResult<NetworkConfig> {
        self.with(false, |w| {
            w.require_service(cluster, service)?;
            Ok(w.tasks.network.clone())
        })
    }

    pub(super) fn sim_run_task(&self, r: &RunTaskRequest) -> CloudResult<Task> {
        self.with(true, |w| {
            if r.cluster != w.cluster {
                return Err(err(
                    ErrorKind::Client,
                    "ClusterNotFoundException",
                    "Cluster not found.",
                ));
            }
            let td = w.resolve_task_definition(&r.task_definition)?.clone();
            // A token ECS still knows: the same request gets the task it started, another
            // request with that token is refused.
            if let Some(known) = w.tasks.tasks.iter().find(|t| {
                !r.client_token.is_empty()
                    && t.client_token == r.client_token
                    && w.now.as_second() - t.created.as_second() < CLIENT_TOKEN_TTL_S
            }) {
                if known.task_definition != td.arn
                    || known.network != r.network
                    || known.started_by != r.started_by
                {
                    return Err(err(
                        ErrorKind::Client,
                        "ConflictException",
                        "The client token was already used with other parameters.",
                    ));
                }
                return Ok(known.view(w.now, &w.container_of(&known.task_definition)));
            }
            if td.status != TaskDefinitionStatus::Active {
                return Err(err(
                    ErrorKind::Client,
                    "ClientException",
                    "TaskDefinition is inactive",
                ));
            }
            if r.network.subnets.is_empty() {
                return Err(err(
                    ErrorKind::Validation,
                    "InvalidParameterException",
                    "subnets can not be empty.",
                ));
            }
            w.tasks.runs += 1;
            let n = w.tasks.runs;
            let fault = w
                .tasks
                .faults
                .iter()
                .find(|((a, b), _)| (*a..=*b).contains(&n))
                .map(|(_, f)| *f);
            let created = w.now;
            let id = format!(
                "{:016x}{:016x}",
                created
                    .as_second()
                    .unsigned_abs()
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15),
                (w.tasks.tasks.len() as u64 + 1).wrapping_mul(0xbf58_476d_1ce4_e5b9)
            );
            let task = SimTask {
                arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task/{}/{id}", w.cluster),
                task_definition: td.arn.clone(),
                started_by: r.started_by.clone(),
                network: r.network.clone(),
                created,
                pull_fails: fault == Some(DumpFault::NoRegistry) || !w.tasks.registry_reachable,
                forced_unreachable: fault == Some(DumpFault::DbUnreachable),
                outcome: None,
                client_token: r.client_token.clone(),
            };
            let view = task.view(
                created,
                &td.containers
                    .first()
                    .map(|c| (c.name.clone(), c.image.clone()))
                    .unwrap_or_default(),
            );
            w.tasks.tasks.push(task);
            Ok(view)
        })
    }

    /// DeleteTaskDefinitions: each revision must be INACTIVE; it is then DELETE_IN_PROGRESS
    /// (and gone from every list), as ECS shows it until the deletion is through.
    pub(super) fn sim_delete_task_definitions(&self, arns: &[String]) -> CloudResult<()> {
        self.with(true, |w| {
            if arns.is_empty() || arns.len() > crate::cloud::DELETE_TASK_DEFINITIONS_MAX {
                return Err(err(
                    ErrorKind::Validation,
                    "InvalidParameterException",
                    "Size of TaskDefinition references list must be between 1 and 10.",
                ));
            }
            let mut failures = Vec::new();
            for arn in arns {
                match w.task_definitions.iter_mut().find(|td| td.arn == *arn) {
                    Some(td) if td.status == TaskDefinitionStatus::Active => failures.push(format!(
                        "{arn}: The specified task definition is still in ACTIVE status. Please deregister the target and try again."
                    )),
                    Some(td) => td.status = TaskDefinitionStatus::DeleteInProgress,
                    None => failures.push(format!(
                        "{arn}: The specified task definition does not exist."
                    )),
                }
            }
            if failures.is_empty() {
                Ok(())
            } else {
                Err(err(ErrorKind::Client, "ClientException", failures.join("; ")))
            }
        })
    }

    pub(super) fn sim_describe_task(&self, cluster: &str, arn: &str) -> CloudResult<Task> {
        self.with(false, |w| w.task_view(cluster, arn))
    }
}
