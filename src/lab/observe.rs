//! What the program knows of the account: the latest result of each polled part, when it was
//! taken, and the last error. Parts are fetched independently so the poller can look at the
//! part that is changing more often than the rest.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::cloud::{Cloud, CloudError, DbInstance, DbSnapshot, Service, TaskDefinition, Todo};
use crate::config::Config;
use crate::lab::revisions::Revisions as _;

/// One polled part: its latest value, when it was read, and the last error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part<T> {
    pub value: Option<T>,
    pub updated: Option<Timestamp>,
    pub error: Option<CloudError>,
}

impl<T> Default for Part<T> {
    fn default() -> Self {
        Self {
            value: None,
            updated: None,
            error: None,
        }
    }
}

impl<T> Part<T> {
    /// Takes a fetch result: a value replaces the old one, an error keeps it (stale but shown).
    pub fn take(&mut self, result: Result<T, CloudError>, at: Timestamp) {
        match result {
            Ok(v) => {
                self.value = Some(v);
                self.updated = Some(at);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }
}

/// What a part says of itself, whatever its value: when it was read, whether that failed,
/// whether something in it is still moving. [`Observed::part`] gives it for a [`PartId`].
pub trait Reading {
    /// When it was last read successfully.
    fn updated(&self) -> Option<Timestamp>;
    /// The error of its latest read, if that failed.
    fn error(&self) -> Option<&CloudError>;
    /// Whether it has been read successfully at least once.
    fn is_read(&self) -> bool;
    /// Whether something in it is moving: an instance between statuses, a snapshot being
    /// made, a rollout.
    fn is_changing(&self) -> bool;
}

/// A part's value that can be in motion.
pub trait Settling {
    fn is_changing(&self) -> bool;
}

impl Settling for Vec<DbInstance> {
    fn is_changing(&self) -> bool {
        self.iter().any(DbInstance::is_transitional)
    }
}

impl Settling for Vec<DbSnapshot> {
    fn is_changing(&self) -> bool {
        self.iter().any(|s| !s.is_available())
    }
}

impl Settling for Service {
    fn is_changing(&self) -> bool {
        !self.is_stable()
    }
}

impl Settling for Vec<Todo> {
    fn is_changing(&self) -> bool {
        false
    }
}

impl<T: Settling> Reading for Part<T> {
    fn updated(&self) -> Option<Timestamp> {
        self.updated
    }

    fn error(&self) -> Option<&CloudError> {
        self.error.as_ref()
    }

    fn is_read(&self) -> bool {
        self.value.is_some()
    }

    fn is_changing(&self) -> bool {
        self.value.as_ref().is_some_and(Settling::is_changing)
    }
}

/// Which part a fetch refreshes. A new part adds its variant here and in [`PartId::ALL`],
/// its name in [`PartId::name`], its field in [`Observed`] (with its arm in
/// [`Observed::part`] and [`Observed::apply`]), its call in [`fetch`], and its lines in the
/// status panel (`ui::status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PartId {
    Instances,
    Snapshots,
    Service,
    Todos,
}

impl PartId {
    /// In their usual order (the status panel's, unless a step puts one first).
    pub const ALL: [PartId; 4] = [Self::Instances, Self::Snapshots, Self::Service, Self::Todos];

    /// Its name in the headless commands' output (`unknown: [{part, …}]`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Instances => "instances",
            Self::Snapshots => "snapshots",
            Self::Service => "service",
            Self::Todos => "todos",
        }
    }
}

impl crate::lab::StepId {
    /// The parts this step's action changes and its check reads: what the poller watches
    /// while the learner is at the step and looks at fast after its action, and all that
    /// headless `run` looks at while it waits for the step.
    #[must_use]
    pub fn parts(self) -> &'static [PartId] {
        self.step().parts()
    }
}

/// A fetched part, as the worker sends it back.
#[derive(Debug, Clone)]
pub enum Fetched {
    /// The instances, and what the simulation shows inside the point-in-time restore.
    Instances(Result<Vec<DbInstance>, CloudError>, Option<Vec<Todo>>),
    /// The source's snapshots, and the lab's snapshot name found on another instance.
    Snapshots(Result<Vec<DbSnapshot>, CloudError>, Option<DbSnapshot>),
    Service(Result<Service, CloudError>, Vec<TaskDefinition>),
    Todos(Result<Vec<Todo>, CloudError>),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Observed {
    pub instances: Part<Vec<DbInstance>>,
    pub snapshots: Part<Vec<DbSnapshot>>,
    /// A snapshot with the lab's snapshot name, of another instance than the source.
    #[serde(default)]
    pub lab_snapshot_elsewhere: Option<DbSnapshot>,
    pub service: Part<Service>,
    /// Task definitions by ARN; revisions never change, so they are fetched once.
    pub task_definitions: BTreeMap<String, TaskDefinition>,
    pub todos: Part<Vec<Todo>>,
    /// The todos inside the point-in-time restore, read with the instances while it is
    /// available: only the simulation can look there (`None` on AWS, where the app does not
    /// use that database and the lab has no connection of its own).
    #[serde(default)]
    pub pitr_todos: Option<Vec<Todo>>,
}

impl Observed {
    pub fn apply(&mut self, fetched: Fetched, at: Timestamp) {
        match fetched {
            Fetched::Instances(r, pitr_todos) => {
                if r.is_ok() {
                    self.pitr_todos = pitr_todos;
                }
                self.instances.take(r, at);
            }
            Fetched::Snapshots(r, elsewhere) => {
                if r.is_ok() {
                    self.lab_snapshot_elsewhere = elsewhere;
                }
                self.snapshots.take(r, at);
            }
            Fetched::Service(r, tds) => {
                for td in tds {
                    self.task_definitions.insert(td.arn.clone(), td);
                }
                self.service.take(r, at);
            }
            Fetched::Todos(r) => self.todos.take(r, at),
        }
    }

    /// What `part` says of itself: when it was read, its error, whether it is moving.
    #[must_use]
    pub fn part(&self, part: PartId) -> &dyn Reading {
        match part {
            PartId::Instances => &self.instances,
            PartId::Snapshots => &self.snapshots,
            PartId::Service => &self.service,
            PartId::Todos => &self.todos,
        }
    }

    /// The error of the part's latest fetch, if it failed.
    #[must_use]
    pub fn error(&self, part: PartId) -> Option<&CloudError> {
        self.part(part).error()
    }

    /// Why `part` cannot be judged: its latest error (with code and message), or that no
    /// answer has come yet. Never a text that reads as "empty".
    #[must_use]
    pub fn unread(&self, part: PartId) -> crate::text::Text {
        match self.error(part) {
            Some(e) => crate::text::Text::new(crate::msg::CHECK_UNKNOWN_ERROR)
                .arg("code", e.code.clone())
                .arg("message", e.message.clone()),
            None => crate::text::Text::new(crate::msg::CHECK_NOT_READ_YET),
        }
    }

    /// When the part was last read successfully.
    #[must_use]
    pub fn updated(&self, part: PartId) -> Option<Timestamp> {
        self.part(part).updated()
    }

    #[must_use]
    pub fn instance(&self, id: &str) -> Option<&DbInstance> {
        self.instances.value.as_ref()?.iter().find(|i| i.id == id)
    }

    #[must_use]
    pub fn snapshot(&self, id: &str) -> Option<&DbSnapshot> {
        self.snapshots.value.as_ref()?.iter().find(|s| s.id == id)
    }

    /// The task definition the service's PRIMARY deployment runs.
    #[must_use]
    pub fn current_task_definition(&self) -> Option<&TaskDefinition> {
        let service = self.service.value.as_ref()?;
        self.task_definitions.get(&service.task_definition)
    }

    /// DB_HOST of the service's current task definition.
    #[must_use]
    pub fn db_host(&self, container: &str) -> Option<&str> {
        self.current_task_definition()?
            .env(container, crate::cloud::DB_HOST)
    }

    /// Whether the registered revisions matter: another database than the source has its
    /// endpoint and the service does not run on it (a revision may be waiting to be deployed).
    #[must_use]
    pub fn wants_revisions(&self, config: &Config) -> bool {
        let names = &config.names;
        // Any other instance may be the restored one (it can be adopted under another name).
        let host = self.db_host(&names.container);
        let others: Vec<&str> = self
            .instances
            .value
            .iter()
            .flatten()
            .filter(|i| i.id != names.instance)
            .filter_map(|i| i.endpoint.as_deref())
            .collect();
        !others.is_empty() && !others.iter().any(|ep| host == Some(*ep))
    }

    #[must_use]
    pub fn todo_count(&self) -> Option<usize> {
        self.todos.value.as_ref().map(Vec::len)
    }

    /// Whether something is moving: a transitional instance, a snapshot being made, a rollout.
    #[must_use]
    pub fn is_changing(&self, part: PartId) -> bool {
        self.part(part).is_changing()
    }
}

/// How many of the newest revisions of the backend's family a service fetch knows.
const NEWEST_REVISIONS: usize = 3;

/// Fetches one part. The service fetch also describes task definitions not seen before.
pub async fn fetch(
    cloud: &dyn Cloud,
    config: &Config,
    part: PartId,
    known: &BTreeMap<String, TaskDefinition>,
    revisions: bool,
) -> Fetched {
    let names = &config.names;
    match part {
        PartId::Instances => {
            let instances = cloud.describe_instances().await;
            let pitr_available = instances.as_ref().is_ok_and(|all| {
                all.iter()
                    .any(|i| i.id == names.pitr_instance && i.is_available())
            });
            let pitr_todos = pitr_available
                .then(|| cloud.peek_todos(&names.pitr_instance))
                .flatten();
            Fetched::Instances(instances, pitr_todos)
        }
        PartId::Snapshots => {
            let own = cloud.describe_snapshots(&names.instance).await;
            // Snapshot names are unique in a region: the lab's name on another instance's
            // snapshot (taken of the wrong database) is found by name.
            let elsewhere = match &own {
                Ok(list) if !list.iter().any(|s| s.id == names.snapshot) => cloud
                    .find_snapshot(&names.snapshot)
                    .await
                    .ok()
                    .flatten()
                    .filter(|s| s.instance_id != names.instance),
                _ => None,
            };
            Fetched::Snapshots(own, elsewhere)
        }
        PartId::Service => {
            let service = cloud.describe_service(&names.cluster, &names.service).await;
            let mut tds = Vec::new();
            if let Ok(s) = &service {
                let mut wanted: Vec<&String> =
                    s.deployments.iter().map(|d| &d.task_definition).collect();
                wanted.push(&s.task_definition);
                wanted.sort();
                wanted.dedup();
                for arn in wanted
                    .into_iter()
                    .filter(|a| !a.is_empty() && !known.contains_key(*a))
                {
                    match cloud.describe_task_definition(arn).await {
                        Ok(td) => tds.push(td),
                        // Without the revisions the service runs, its DB_HOST is not known:
                        // the service counts as not read, never as running without DB_HOST.
                        Err(e) => return Fetched::Service(Err(e), tds),
                    }
                }
                // The newest registered revisions (made in the console, say), deployed or not,
                // so a check can name the one to deploy. Each is described once.
                if !revisions {
                    return Fetched::Service(service, tds);
                }
                if let Ok(arns) = cloud.active_revisions(&names.task_family).await {
                    let mut newest: Vec<(u32, String)> = arns
                        .into_iter()
                        .filter_map(|a| crate::cloud::revision_of(&a).map(|r| (r, a)))
                        .collect();
                    newest.sort_by_key(|r| std::cmp::Reverse(r.0));
                    let unknown: Vec<String> = newest
                        .into_iter()
                        .take(NEWEST_REVISIONS)
                        .map(|(_, a)| a)
                        .filter(|a| !known.contains_key(a) && !tds.iter().any(|t| t.arn == *a))
                        .collect();
                    for arn in unknown {
                        if let Ok(td) = cloud.describe_task_definition(&arn).await {
                            tds.push(td);
                        }
                    }
                }
            }
            Fetched::Service(service, tds)
        }
        PartId::Todos => Fetched::Todos(cloud.list_todos().await),
    }
}

/// Fetches `parts` at the same time (one call in flight per part) and applies the answers.
pub async fn observe(
    cloud: &dyn Cloud,
    config: &Config,
    parts: &[PartId],
    observed: &mut Observed,
) {
    let known = &observed.task_definitions;
    // Not knowing the instances yet (a first look, a headless command), they may matter.
    let revisions = observed.instances.value.is_none() || observed.wants_revisions(config);
    let fetched = futures::future::join_all(
        parts
            .iter()
            .map(|part| fetch(cloud, config, *part, known, revisions)),
    )
    .await;
    for fetched in fetched {
        observed.apply(fetched, cloud.now());
    }
}

/// Fetches every part once (headless commands and actions).
pub async fn observe_all(cloud: &dyn Cloud, config: &Config, observed: &mut Observed) {
    observe(cloud, config, &PartId::ALL, observed).await;
}
