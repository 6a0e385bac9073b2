//! The simulated AWS account: the lab's world from FACTS.md, with realistic state transitions
//! on a compressed clock. Every object carries a timeline (status from a given instant on), and
//! what a describe call returns is read off those timelines at the simulated "now", so the
//! world is deterministic under the test clock and needs no background task.
//!
//! The todo data really lives in the simulated databases: rows carry their creation and
//! deletion times, a snapshot copies what was visible when it started, a restore brings that
//! copy back, and the todo API serves whatever database `DB_HOST` of the serving tasks names.
//!
//! Map of this module: [`world`] holds the lab's objects and how they read at an instant;
//! [`clock`] says what "now" is (wall, manual or the owner's published clock);
//! [`transitions`] moves the world along as simulated time passes; [`api`] is the `Cloud`
//! trait, each call checking the world the way AWS does and starting its transitions.

mod api;
mod clock;
mod session;
mod task_definitions;
mod tasks;
mod transitions;
mod world;

pub use self::clock::OwnerProbe;
use self::clock::{Clock, Following, Pacer, stamp};
pub use self::session::{CREDENTIALS_FILE, SimSession};
use self::transitions::timing;
use self::world::{
    ACCOUNT, DEFAULT_OPTION_GROUP, DEFAULT_PARAMETER_GROUP, DEFAULT_SG, DEFAULT_STORAGE_TYPE,
    Published, REGION, Row, SIM_APP_URL, SimDeployment, SimInstance, SimSnapshot, UPGRADED_ENGINE,
    World, after, endpoint_of, err, load_world, todo_json,
};
pub use self::world::{TodoShape, WorldError, WorldNames, world_path};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::{
    BackupSettings, CircuitBreaker, Cloud, CloudError, CloudResult, Container, DbInstance,
    DbSnapshot, Deployment, DeploymentStatus, EXTENDED_SUPPORT, EXTENDED_SUPPORT_DISABLED,
    ErrorKind, Identity, InstanceChange, InstanceStatus, Mode, PitrRequest, RestoreRequest,
    RestoreSettings, RolloutState, Service, ServiceEvent, SnapshotKind, SnapshotRequest,
    TOOL_TAG_KEY, TOOL_TAG_VALUE, TaskDefinition, Todo, TodoId, todo_api,
};
use crate::state::{FileProblem, read_state_file, write_atomic};
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

/// The simulated account.
#[derive(Debug)]
pub struct SimCloud {
    world: Mutex<World>,
    clock: Clock,
    /// How fast simulated time runs, and whether it is paused.
    pacer: Mutex<Pacer>,
    save_to: Option<PathBuf>,
    following: Option<Mutex<Following>>,
    rollout_faults: Mutex<RolloutFaults>,
    /// Why the world could not be saved, once it could not. From then on every call fails
    /// with it and nothing is saved any more: what the file holds is what the account is.
    unsaved: Mutex<Option<String>>,
}

/// The `unhealthy` fault: which UpdateService calls of this run start tasks that fail; and
/// the restores of this run that end in a terminal status.
#[derive(Debug, Default)]
struct RolloutFaults {
    /// Call ranges (1-based, inclusive); an empty range list means no fault.
    unhealthy: Vec<(u64, u64)>,
    updates: u64,
    restore_endings: Vec<crate::cloud::faults::RestoreEnding>,
    /// Restore calls so far, per operation.
    restores: std::collections::HashMap<&'static str, u64>,
}

impl SimCloud {
    /// A fresh world at `start` whose time moves only through [`Cloud::pause`].
    #[must_use]
    pub fn manual(start: Timestamp, speed: f64, names: WorldNames) -> Self {
        Self {
            world: Mutex::new(World::new(start, names)),
            clock: Clock::Manual,
            pacer: Mutex::new(Pacer::new(start, speed)),
            save_to: None,
            following: None,
            rollout_faults: Mutex::default(),
            unsaved: Mutex::default(),
        }
    }

    /// A fresh world at `start` whose time runs `speed` times tokio's clock and is never
    /// saved: on a paused test runtime (`#[tokio::test(start_paused = true)]`) simulated time
    /// moves only while every task, the worker's polling and the actions alike, waits for a
    /// timer, so a test that runs the whole app drives one clock by waiting.
    #[must_use]
    pub fn paced(start: Timestamp, speed: f64, names: WorldNames) -> Self {
        Self {
            world: Mutex::new(World::new(start, names)),
            clock: Clock::Wall,
            pacer: Mutex::new(Pacer::new(start, speed)),
            save_to: None,
            following: None,
            rollout_faults: Mutex::default(),
            unsaved: Mutex::default(),
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

    /// Whether the world's VPC has an internet gateway (it has unless this says otherwise):
    /// what RDS makes of a restore that does not say whether it is public.
    pub fn set_internet_gateway(&self, attached: bool) {
        self.lock().internet_gateway = attached;
    }

    /// The restores (of this run) that are to end in a terminal status instead of becoming
    /// available.
    pub fn set_restore_endings(&self, endings: Vec<crate::cloud::faults::RestoreEnding>) {
        self.rollout_faults
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .restore_endings = endings;
    }

    /// Counts a call of `operation` (one of the two restores); the status its instance is to
    /// end in, if a fault says so.
    fn next_restore_ending(&self, operation: &'static str) -> Option<InstanceStatus> {
        let mut faults = self
            .rollout_faults
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = {
            let count = faults.restores.entry(operation).or_insert(0);
            *count += 1;
            *count
        };
        faults
            .restore_endings
            .iter()
            .find(|e| {
                e.operation.as_deref().is_none_or(|op| op == operation)
                    && (e.calls.0..=e.calls.1).contains(&n)
            })
            .map(|e| InstanceStatus::from(e.status.as_str()))
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
        let pacer = Pacer::new(world.now, speed);
        let sim = Self {
            world: Mutex::new(world),
            clock: Clock::Wall,
            pacer: Mutex::new(pacer),
            save_to: Some(save_to),
            following: None,
            rollout_faults: Mutex::default(),
            unsaved: Mutex::default(),
        };
        sim.save_published(true)
            .map_err(|reason| WorldError::Unwritable {
                path: sim.save_to.clone().unwrap_or_default(),
                reason,
            })?;
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
        let base_now = world.now;
        let following = Following {
            path,
            seen,
            base: world.now,
            published: world.published,
            owner: None,
        };
        Ok(Self {
            world: Mutex::new(world),
            clock: Clock::Published,
            pacer: Mutex::new(Pacer::new(base_now, speed)),
            save_to: None,
            following: Some(Mutex::new(following)),
            rollout_faults: Mutex::default(),
            unsaved: Mutex::default(),
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

    /// Registers a new revision of `base` changed by `change`, as the console's "Create new
    /// revision" does (any field, any container), and returns it.
    pub fn console_register(
        &self,
        base: &str,
        change: impl FnOnce(&mut TaskDefinition),
    ) -> CloudResult<TaskDefinition> {
        self.with(true, |w| {
            let mut td = w.resolve_task_definition(base)?.clone();
            change(&mut td);
            task_definitions::sync_body(&mut td);
            let revision = w
                .task_definitions
                .iter()
                .filter(|t| t.family == td.family)
                .map(|t| t.revision)
                .max()
                .unwrap_or(0)
                + 1;
            td.revision = revision;
            td.status = super::TaskDefinitionStatus::Active;
            td.arn = format!(
                "arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{}:{revision}",
                td.family
            );
            w.task_definitions.push(td.clone());
            Ok(td)
        })
    }

    /// Puts an instance into `status` for `seconds` from now (then `available` again), as a
    /// change made in the console (a class change, a stop) would.
    pub fn console_status(&self, instance_id: &str, status: InstanceStatus, seconds: i64) {
        let mut world = self.lock();
        let t = world.now;
        if let Some(instance) = world.instances.get_mut(instance_id) {
            instance.phases.retain(|(at, _)| *at <= t);
            instance.phases.push((t, Some(status)));
            instance
                .phases
                .push((after(t, seconds), Some(InstanceStatus::Available)));
        }
        drop(world);
        self.save();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, World> {
        self.world
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Why the world could not be saved, if it could not: every call since has failed.
    #[must_use]
    pub fn unsaved(&self) -> Option<String> {
        self.unsaved
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn unsaved_error(reason: &str) -> CloudError {
        CloudError::new(ErrorKind::LocalState, "WorldNotSaved", reason)
    }

    /// Runs `f` on the world at the current simulated time, then saves it when `mutates`. A
    /// change that cannot be saved fails the call, and every call after it: the program must
    /// not go on from a world that the next start will not find.
    fn with<T>(
        &self,
        mutates: bool,
        f: impl FnOnce(&mut World) -> CloudResult<T>,
    ) -> CloudResult<T> {
        if let Some(reason) = self.unsaved() {
            return Err(Self::unsaved_error(&reason));
        }
        let now = self.sim_now();
        let (result, repaced) = {
            let mut world = self.lock();
            if now > world.now {
                world.now = now;
            }
            world.settle();
            let result = f(&mut world);
            // What is in flight now sets the pace from here on.
            (result, self.repace(&world))
        };
        if ((mutates && result.is_ok()) || repaced)
            && let Err(reason) = self.save_published(true)
        {
            return Err(Self::unsaved_error(&reason));
        }
        result
    }

    /// Saves a change made outside the calls (tests, demos); a failure is kept like a
    /// call's.
    fn save(&self) {
        let _ = self.save_published(true);
    }

    /// Saves the world (owners only), publishing the clock while the owner runs. A failure
    /// is remembered ([`SimCloud::unsaved`]) and returned as `path: reason`; once one has
    /// failed nothing is saved any more.
    fn save_published(&self, running: bool) -> Result<(), String> {
        let Some(path) = &self.save_to else {
            return Ok(());
        };
        if let Some(reason) = self.unsaved() {
            return Err(reason);
        }
        let text = {
            let mut world = self.lock();
            let now = self.sim_now_unlocked(&world);
            world.now = now;
            let p = self.pacer();
            world.published = running.then(|| Published {
                wall: Timestamp::now(),
                speed: p.speed,
                busy_until: p.busy_until,
                paused: p.paused,
            });
            drop(p);
            serde_json::to_string(&*world)
        };
        let saved = text
            .map_err(std::io::Error::other)
            .and_then(|text| write_atomic(path, text.as_bytes()));
        saved.map_err(|e| {
            let reason = format!("{}: {e}", path.display());
            tracing::error!("world not saved: {reason}");
            *self
                .unsaved
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(reason.clone());
            reason
        })
    }
}

impl Drop for SimCloud {
    fn drop(&mut self) {
        // The owner leaves: time stands still until the next one opens the world. A world
        // that could not be saved before stays as the file has it.
        let _ = self.save_published(false);
    }
}
