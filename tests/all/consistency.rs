//! Eventual consistency and rolling updates on the simulated account (paused clock): a look
//! right after an action may predate it, old tasks keep serving during a rollout, and a
//! database that tasks still use is never deleted. A todo-app user polls the app throughout
//! and must never see an error.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use backup_lab::cloud::faults::{Faulty, Spec};
use backup_lab::cloud::lag::{LAGGING_WRITES, Lag, Lagging};
use backup_lab::cloud::recorder::{CallLog, Recorded, Sink};
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::cloud::{Cloud, InstanceStatus};
use backup_lab::config::Config;
use backup_lab::headless::Runtime;
use backup_lab::i18n::Lang;
use backup_lab::lab::StepId;
use backup_lab::lab::journal::Journal;
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::{CleanupPath, Options};

const START: &str = "2026-11-25T09:00:00Z";

struct World {
    sim: Arc<SimCloud>,
    journal: Arc<Mutex<Journal>>,
    log: Arc<CallLog>,
    config: Config,
    /// Where the calls are journaled (a journal on disk), as the program does.
    sink: Option<Sink>,
}

impl World {
    fn new() -> Self {
        let mut config = Config::default();
        config.backup.timezone = Some("Europe/Zurich".into());
        Self {
            sim: Arc::new(SimCloud::paced(
                START.parse().expect("time"),
                15.0,
                WorldNames::default(),
            )),
            journal: Arc::new(Mutex::new(Journal::in_memory())),
            log: Arc::new(CallLog::default()),
            config,
            sink: None,
        }
    }

    /// A world whose journal (events and calls) is kept in `dir`, as a run's is.
    fn on_disk(dir: &std::path::Path) -> Self {
        let journal = Journal::open(dir, "sim-test").expect("journal");
        let sink = journal.call_sink();
        Self {
            journal: Arc::new(Mutex::new(journal)),
            sink,
            ..Self::new()
        }
    }

    /// A headless runtime on the world, with the faults of `spec` (if any) in front of it.
    fn runtime(&self, spec: Option<&str>) -> Runtime {
        self.runtime_on(self.sim.clone(), spec)
    }

    /// A headless runtime on the world whose describes lag `seconds` (simulated) behind the
    /// `writes`, as `--faults WRITE=stale:SECONDS` makes them.
    fn lagging(&self, seconds: f64, writes: &[&str], spec: Option<&str>) -> Runtime {
        let lag = Lag {
            delay_s: seconds,
            writes: writes.iter().map(|w| (*w).to_owned()).collect(),
        };
        self.runtime_on(Arc::new(Lagging::new(self.sim.clone(), lag)), spec)
    }

    fn runtime_on(&self, base: Arc<dyn Cloud>, spec: Option<&str>) -> Runtime {
        let base: Arc<dyn Cloud> = match spec {
            Some(spec) => Arc::new(Faulty::new(base, Spec::parse(spec).expect("spec"))),
            None => base,
        };
        Runtime {
            cloud: Arc::new(Recorded::new(base, self.log.clone(), self.sink.clone())),
            config: self.config.clone(),
            journal: self.journal.clone(),
            log: self.log.clone(),
            lang: Lang::En,
            read_only: false,
            json: true,
        }
    }

    async fn observed(&self) -> Observed {
        let mut o = Observed::default();
        self.runtime(None).observe(&mut o).await;
        o
    }
}

/// A user of the todo app: reads the list every simulated 15 s and keeps every error.
struct User {
    errors: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl User {
    fn start(sim: &Arc<SimCloud>) -> Self {
        let errors = Arc::new(Mutex::new(Vec::new()));
        let (sim, seen) = (sim.clone(), errors.clone());
        let task = tokio::spawn(async move {
            loop {
                if let Err(e) = sim.list_todos().await {
                    seen.lock()
                        .expect("errors")
                        .push(format!("{} {e}", sim.now()));
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
        Self { errors, task }
    }

    /// Stops polling; the errors seen (the first three, and how many in all).
    fn stop(self) -> Vec<String> {
        self.task.abort();
        let errors = self.errors.lock().expect("errors").clone();
        let mut shown: Vec<String> = errors.iter().take(3).cloned().collect();
        if errors.len() > 3 {
            shown.push(format!("… {} in all", errors.len()));
        }
        shown
    }
}

/// The whole lab, then cleanup on `path` while the first UpdateService's answer is lost
/// (the update goes through): the restored database goes only once no task uses it, and the
/// app never answers with an error.
async fn cleanup_with_a_lost_update_answer(path: CleanupPath) {
    let world = World::new();
    let user = User::start(&world.sim);
    let mut options = Options::from_config(&world.config);
    assert_eq!(
        world.runtime(None).run(&StepId::CORE, &options, true).await,
        0
    );
    options.cleanup = path;
    let code = world
        .runtime(Some("UpdateService=timeout@1"))
        .run(&[StepId::Cleanup], &options, true)
        .await;
    assert_eq!(code, 0, "{path:?}");
    tokio::time::sleep(Duration::from_secs(60)).await;
    let errors = user.stop();
    assert!(
        errors.is_empty(),
        "{path:?}: the app answered with errors: {errors:?}"
    );
    let o = world.observed().await;
    assert!(
        o.instance("workshop-db-restore")
            .is_none_or(|r| r.status == InstanceStatus::Deleting),
        "{path:?}"
    );
    // Going back serves the original database as it is (its todos were deleted); copying back
    // brings the restored ones into it.
    let todos = if path == CleanupPath::CopyBack { 5 } else { 0 };
    assert_eq!(o.todo_count(), Some(todos), "{path:?}");
}

#[tokio::test(start_paused = true)]
async fn going_back_with_a_lost_update_answer_deletes_the_restored_database_only_when_unused() {
    cleanup_with_a_lost_update_answer(CleanupPath::GoBack).await;
}

#[tokio::test(start_paused = true)]
async fn copying_back_with_a_lost_update_answer_deletes_the_restored_database_only_when_unused() {
    cleanup_with_a_lost_update_answer(CleanupPath::CopyBack).await;
}

/// The rollout back to the original database fails and ECS rolls the service back onto the
/// restored one: cleanup says so, exits non-zero and keeps the restored database, and the app
/// keeps answering.
#[tokio::test(start_paused = true)]
async fn a_rollout_back_that_ecs_rolls_back_keeps_the_restored_database() {
    for path in [CleanupPath::GoBack, CleanupPath::CopyBack] {
        let world = World::new();
        let user = User::start(&world.sim);
        let mut options = Options::from_config(&world.config);
        assert_eq!(
            world.runtime(None).run(&StepId::CORE, &options, true).await,
            0
        );
        // The cleanup's UpdateService (the second of the run) starts tasks that fail.
        world.sim.set_unhealthy_updates(vec![(2, 2)]);
        options.cleanup = path;
        let code = world
            .runtime(None)
            .run(&[StepId::Cleanup], &options, true)
            .await;
        assert_ne!(code, 0, "{path:?}: a rolled-back rollout is a failure");
        tokio::time::sleep(Duration::from_secs(120)).await;
        let errors = user.stop();
        assert!(
            errors.is_empty(),
            "{path:?}: the app answered with errors: {errors:?}"
        );
        let o = world.observed().await;
        let restored = o.instance("workshop-db-restore").expect("kept");
        assert_eq!(restored.status, InstanceStatus::Available, "{path:?}");
        let service = o.service.value.as_ref().expect("service");
        assert!(
            service.task_definition.ends_with(":2"),
            "{path:?}: back on the restored one"
        );
        assert!(
            o.snapshot("ondemandbackup").is_some(),
            "{path:?}: nothing deleted"
        );
    }
}

/// The whole lab, the bonus and cleanup on `path` against an account whose describes lag
/// `seconds` behind the `writes` (the service after UpdateService, a new revision, a task
/// RunTask started, the snapshot, the restores): every step ends done, nothing is judged from
/// a look that predates the action, and the app's user never sees an error.
async fn the_lab_against_a_lagging_account(seconds: f64, writes: &[&str], path: CleanupPath) {
    let world = World::new();
    let user = User::start(&world.sim);
    let mut options = Options::from_config(&world.config);
    let rt = world.lagging(seconds, writes, None);
    assert_eq!(rt.run(&StepId::CORE, &options, true).await, 0, "the lab");
    assert_eq!(
        rt.run(&[StepId::Pitr], &options, true).await,
        0,
        "the bonus"
    );
    options.cleanup = path;
    assert_eq!(
        rt.run(&[StepId::Cleanup], &options, true).await,
        0,
        "{path:?}"
    );
    tokio::time::sleep(Duration::from_secs(60)).await;
    let errors = user.stop();
    assert!(
        errors.is_empty(),
        "{path:?}: the app answered with errors: {errors:?}"
    );
    let writes: Vec<String> = world
        .log
        .recent(10_000)
        .into_iter()
        .filter(|c| c.writes && !c.cli.contains("backup-lab-dump"))
        .map(|c| c.operation)
        .collect();
    for once in [
        "CreateDBSnapshot",
        "RestoreDBInstanceFromDBSnapshot",
        "RegisterTaskDefinition",
    ] {
        assert_eq!(
            writes.iter().filter(|w| *w == once).count(),
            1,
            "{path:?}: {once} once: {writes:?}"
        );
    }
    let o = world.observed().await;
    let gone: &[&str] = if path == CleanupPath::KeepRestored {
        &["workshop-db-pitr"]
    } else {
        &["workshop-db-restore", "workshop-db-pitr"]
    };
    for gone in gone {
        assert!(
            o.instance(gone)
                .is_none_or(|r| r.status == InstanceStatus::Deleting),
            "{path:?}: {gone}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn the_lab_and_going_back_hold_when_describes_lag_twenty_seconds() {
    the_lab_against_a_lagging_account(20.0, &LAGGING_WRITES, CleanupPath::GoBack).await;
}

/// The case: only DescribeServices lags, so the new revision is seen at once while
/// the service still shows the old one.
#[tokio::test(start_paused = true)]
async fn a_service_that_lags_behind_the_switch_is_not_judged_as_not_updated() {
    the_lab_against_a_lagging_account(20.0, &["UpdateService"], CleanupPath::GoBack).await;
}

#[tokio::test(start_paused = true)]
async fn the_lab_and_copying_back_hold_when_describes_lag_two_minutes() {
    // Longer than the copy task takes to start: DescribeTasks answers MISSING meanwhile.
    the_lab_against_a_lagging_account(120.0, &LAGGING_WRITES, CleanupPath::CopyBack).await;
}

#[tokio::test(start_paused = true)]
async fn the_lab_and_keeping_the_restored_database_hold_when_describes_lag() {
    the_lab_against_a_lagging_account(20.0, &LAGGING_WRITES, CleanupPath::KeepRestored).await;
}

/// A copy back interrupted right after RunTask, run again while DescribeTasks still answers
/// the task MISSING: the task is waited for and followed, never started a second time.
#[tokio::test(start_paused = true)]
async fn a_copy_task_not_visible_yet_is_followed_not_started_twice() {
    let world = World::new();
    let mut options = Options::from_config(&world.config);
    assert_eq!(
        world.runtime(None).run(&StepId::CORE, &options, true).await,
        0
    );
    options.cleanup = CleanupPath::CopyBack;
    let lag = Lag {
        delay_s: 120.0,
        writes: vec!["RunTask".to_owned()],
    };
    let lagging: Arc<dyn Cloud> = Arc::new(Lagging::new(world.sim.clone(), lag));
    let runs = |log: &CallLog| {
        log.recent(10_000)
            .iter()
            .filter(|c| c.operation == "RunTask")
            .count()
    };
    {
        let rt = world.runtime_on(lagging.clone(), None);
        let run = rt.run(&[StepId::Cleanup], &options, true);
        tokio::pin!(run);
        loop {
            tokio::select! {
                code = &mut run => panic!("the copy ended before it was interrupted: {code}"),
                () = tokio::time::sleep(Duration::from_millis(100)) => {}
            }
            if runs(&world.log) == 1 {
                break;
            }
        }
    }
    let code = world
        .runtime_on(lagging, None)
        .run(&[StepId::Cleanup], &options, true)
        .await;
    assert_eq!(code, 0);
    assert_eq!(runs(&world.log), 1, "one copy task");
    assert_eq!(world.observed().await.todo_count(), Some(5));
}

/// Cleanup started by a new run right after the switch, while DescribeServices still shows the
/// service as before it: the update the journal's call log names is waited for, the service
/// goes back first, and the restored database goes only after; the app never fails.
#[tokio::test(start_paused = true)]
async fn a_cleanup_right_after_the_switch_waits_until_the_account_shows_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let world = World::on_disk(dir.path());
    let user = User::start(&world.sim);
    // Longer than the rollout the first run waits for, shorter than the five minutes a
    // look may predate an update.
    let lag = Lag {
        delay_s: 280.0,
        writes: vec!["UpdateService".to_owned()],
    };
    let lagging: Arc<dyn Cloud> = Arc::new(Lagging::new(world.sim.clone(), lag));
    let options = Options::from_config(&world.config);
    // The lab up to the switch; the run ends (interrupted) right after UpdateService.
    {
        let rt = world.runtime_on(lagging.clone(), None);
        let run = rt.run(&StepId::CORE, &options, true);
        tokio::pin!(run);
        while !world
            .log
            .recent(10_000)
            .iter()
            .any(|c| c.operation == "UpdateService")
        {
            tokio::select! {
                code = &mut run => panic!("the lab ended before the switch: {code}"),
                () = tokio::time::sleep(Duration::from_millis(100)) => {}
            }
        }
    }
    let stale = lagging
        .describe_service("workshop-cluster", "backend-service")
        .await
        .expect("service");
    assert!(
        stale.task_definition.ends_with(":1"),
        "the account still shows the service before the switch"
    );
    // A new run (a new worker, without the update's answer), on the same lagging account.
    let code = world
        .runtime_on(lagging, None)
        .run(&[StepId::Cleanup], &options, true)
        .await;
    assert_eq!(code, 0);
    tokio::time::sleep(Duration::from_secs(60)).await;
    let errors = user.stop();
    assert!(
        errors.is_empty(),
        "the app answered with errors: {errors:?}"
    );
    let o = world.observed().await;
    let service = o.service.value.as_ref().expect("service");
    assert!(
        service.task_definition.ends_with(":1"),
        "back on the original"
    );
    assert!(
        o.instance("workshop-db-restore")
            .is_none_or(|r| r.status == InstanceStatus::Deleting)
    );
    // Switched back by cleanup, not rolled back by ECS after its database went.
    let updates = world
        .log
        .recent(10_000)
        .iter()
        .filter(|c| c.operation == "UpdateService")
        .count();
    assert_eq!(updates, 2, "the switch and the switch back");
    assert!(
        !service.rolled_back_since(START.parse().expect("time")),
        "{:?}",
        service.events
    );
}
