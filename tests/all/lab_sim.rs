//! The lab against the simulated account on a test clock: the simulation's state machines,
//! every step's check, the whole lab headless, idempotency and cleanup.

use crate::support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use backup_lab::cloud::InstanceStatus;
use backup_lab::cloud::sim::SimCloud;
use backup_lab::cloud::{Cloud, DeploymentStatus, RestoreRequest, RestoreSettings, RolloutState};
use backup_lab::i18n::Lang;
use backup_lab::lab::act;
use backup_lab::lab::journal::{Journal, Kind};
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::{self, Options};
use backup_lab::lab::revisions::Revisions as _;
use backup_lab::lab::steps::{self, Ctx};
use backup_lab::lab::{StepId, StepState};
use support::lab::SimLab;

/// The shared lab fixture (`tests/support/lab.rs`), with this module's own helpers.
struct Lab(SimLab);

impl std::ops::Deref for Lab {
    type Target = SimLab;
    fn deref(&self) -> &SimLab {
        &self.0
    }
}

impl std::ops::DerefMut for Lab {
    fn deref_mut(&mut self) -> &mut SimLab {
        &mut self.0
    }
}

/// A lab on the simulated account whose clock runs on tokio's (paused in these tests).
fn lab() -> Lab {
    Lab(SimLab::new())
}

fn lab_on(sim: Arc<SimCloud>) -> Lab {
    Lab(SimLab::on(sim, Journal::in_memory()))
}

impl Lab {
    async fn observed(&self) -> Observed {
        let mut o = Observed::default();
        self.rt.observe(&mut o).await;
        o
    }

    async fn state(&self, step: StepId) -> (StepState, String) {
        let o = self.observed().await;
        let journal = self.rt.journal.lock().expect("journal");
        let c = steps::check(
            step,
            &Ctx {
                observed: &o,
                journal: &journal,
                config: &self.rt.config,
                now: self.cloud.now(),
            },
        )
        .expect("check");
        // What the step panel shows: the details and each diagnosis with its fix.
        let mut text = c.render(Lang::En);
        for p in &c.problems {
            text.push_str(&format!(
                "; {}; {}",
                p.detail.render(Lang::En),
                p.fix.render(Lang::En)
            ));
        }
        (c.state, text)
    }

    /// The codes of the diagnoses `step`'s check makes now.
    async fn codes(&self, step: StepId) -> Vec<String> {
        let o = self.observed().await;
        let journal = self.rt.journal.lock().expect("journal");
        let c = steps::check(
            step,
            &Ctx {
                observed: &o,
                journal: &journal,
                config: &self.rt.config,
                now: self.cloud.now(),
            },
        )
        .expect("check");
        c.problems
            .iter()
            .map(|p| p.code.as_str().to_owned())
            .collect()
    }

    async fn act(&self, step: StepId) -> Result<Vec<String>, String> {
        let options = Options::from_config(&self.rt.config);
        backup_lab::lab::runner::perform(
            step,
            self.cloud.as_ref(),
            &self.rt.config,
            &self.rt.journal,
            &options,
            &|_| {},
        )
        .await
        .map(|lines| lines.iter().map(|l| l.render(Lang::En)).collect())
        .map_err(|e| format!("{e}"))
    }

    /// The plan of `step` as the learner would confirm it now.
    async fn plan(&self, step: StepId, options: &Options) -> Box<plan::Plan> {
        let o = self.observed().await;
        let journal = self.rt.journal.lock().expect("journal");
        let ctx = Ctx {
            observed: &o,
            journal: &journal,
            config: &self.rt.config,
            now: self.cloud.now(),
        };
        match steps::plan(step, &ctx, options) {
            plan::Ready::Plan(plan) => Box::new(plan),
            other => panic!("{step:?} has no plan: {other:?}"),
        }
    }

    /// Advances simulated time by `minutes`.
    fn wait_minutes(&self, minutes: u64) {
        self.sim.advance(Duration::from_secs(minutes * 60));
    }

    fn writes(&self) -> Vec<String> {
        self.log
            .recent(10_000)
            .into_iter()
            .filter(|c| c.writes)
            .map(|c| c.operation)
            .collect()
    }
}

#[tokio::test(start_paused = true)]
async fn restore_moves_from_creating_without_endpoint_to_available() {
    let lab = lab();
    lab.act(StepId::Snapshot).await.expect("snapshot");
    let snap = lab
        .cloud
        .describe_snapshots("workshop-db")
        .await
        .expect("snapshots");
    assert_eq!(snap[0].status.as_str(), "creating");
    let first = snap[0].percent;
    lab.wait_minutes(2);
    let snap = lab
        .cloud
        .describe_snapshots("workshop-db")
        .await
        .expect("snapshots");
    assert!(
        snap[0].percent > first && snap[0].percent < 100,
        "progress rises: {}",
        snap[0].percent
    );
    lab.wait_minutes(3);
    assert!(
        lab.cloud
            .describe_snapshots("workshop-db")
            .await
            .expect("snapshots")[0]
            .is_available()
    );

    lab.act(StepId::Restore).await.expect("restore");
    let find = |list: Vec<backup_lab::cloud::DbInstance>| {
        list.into_iter()
            .find(|i| i.id == "workshop-db-restore")
            .expect("restored")
    };
    let r = find(lab.cloud.describe_instances().await.expect("instances"));
    assert_eq!(r.status.as_str(), "creating");
    assert_eq!(r.endpoint, None, "no endpoint while creating");
    let mut seen = vec![r.status];
    for _ in 0..16 {
        lab.wait_minutes(1);
        let r = find(lab.cloud.describe_instances().await.expect("instances"));
        if seen.last() != Some(&r.status) {
            seen.push(r.status.clone());
        }
    }
    assert_eq!(
        seen,
        [
            InstanceStatus::Creating,
            InstanceStatus::BackingUp,
            InstanceStatus::Modifying,
            InstanceStatus::Available
        ]
    );
    let r = find(lab.cloud.describe_instances().await.expect("instances"));
    assert!(
        r.endpoint
            .expect("endpoint")
            .starts_with("workshop-db-restore.")
    );
    assert!(r.multi_az);
    assert_eq!(
        r.security_groups,
        lab.observed()
            .await
            .instance("workshop-db")
            .expect("source")
            .security_groups
    );
}

#[tokio::test(start_paused = true)]
async fn enabling_backups_passes_through_modifying_and_backing_up() {
    let lab = lab();
    assert_eq!(lab.state(StepId::EnableBackups).await.0, StepState::Todo);
    lab.act(StepId::EnableBackups).await.expect("modify");
    let (state, detail) = lab.state(StepId::EnableBackups).await;
    assert_eq!(state, StepState::InProgress, "{detail}");
    let src = |o: &Observed| o.instance("workshop-db").cloned().expect("source");
    assert_eq!(src(&lab.observed().await).status.as_str(), "modifying");
    lab.wait_minutes(2);
    assert_eq!(src(&lab.observed().await).status.as_str(), "backing-up");
    lab.wait_minutes(2);
    let o = lab.observed().await;
    assert_eq!(src(&o).status.as_str(), "available");
    assert_eq!(src(&o).retention_days, 1);
    // 03:00 in Zurich in November is 02:00 UTC.
    assert_eq!(
        src(&o).backup_window.map(|w| w.to_string()).as_deref(),
        Some("02:00-02:30")
    );
    assert!(
        src(&o).latest_restorable.is_some(),
        "point-in-time restore becomes possible"
    );
    assert_eq!(lab.state(StepId::EnableBackups).await.0, StepState::Done);
}

#[tokio::test(start_paused = true)]
async fn rollout_runs_up_to_four_tasks_then_completes() {
    let lab = lab();
    for step in [StepId::CreateTodos, StepId::Snapshot] {
        lab.act(step).await.expect("step");
    }
    lab.wait_minutes(5);
    lab.act(StepId::DeleteTodos).await.expect("disaster");
    lab.act(StepId::Restore).await.expect("restore");
    lab.wait_minutes(16);
    lab.act(StepId::SwitchBackend).await.expect("switch");
    let mut max_running = 0;
    let mut saw_two_deployments = false;
    for _ in 0..40 {
        lab.sim.advance(Duration::from_secs(10));
        let s = lab
            .cloud
            .describe_service("workshop-cluster", "backend-service")
            .await
            .expect("service");
        max_running = max_running.max(s.running);
        if s.deployments.len() == 2 {
            saw_two_deployments = true;
            assert!(
                s.deployments
                    .iter()
                    .any(|d| d.status == DeploymentStatus::Active)
            );
            assert_eq!(
                s.primary().expect("primary").rollout,
                Some(RolloutState::InProgress)
            );
        }
    }
    assert!(saw_two_deployments);
    assert_eq!(max_running, 4, "2 old and 2 new tasks at the peak");
    let s = lab
        .cloud
        .describe_service("workshop-cluster", "backend-service")
        .await
        .expect("service");
    assert_eq!(s.deployments.len(), 1);
    assert_eq!(
        s.primary().expect("primary").rollout,
        Some(RolloutState::Completed)
    );
    assert_eq!(s.running, 2);
}

#[tokio::test(start_paused = true)]
async fn checks_report_missing_then_in_progress_then_done() {
    let lab = lab();
    let (state, detail) = lab.state(StepId::Snapshot).await;
    assert_eq!(state, StepState::Todo);
    assert!(detail.contains("no snapshot ondemandbackup"), "{detail}");
    let (state, detail) = lab.state(StepId::SwitchBackend).await;
    assert_eq!(state, StepState::Todo);
    assert!(detail.contains("still points at workshop-db"), "{detail}");
    lab.act(StepId::Snapshot).await.expect("snapshot");
    let (state, detail) = lab.state(StepId::Snapshot).await;
    assert_eq!(state, StepState::InProgress);
    assert!(detail.contains('%'), "{detail}");
    lab.wait_minutes(5);
    assert_eq!(lab.state(StepId::Snapshot).await.0, StepState::Done);
    // Deleting the todos before a snapshot exists would lose them: the action refuses.
    let fresh = self::lab();
    fresh.act(StepId::CreateTodos).await.expect("todos");
    assert!(fresh.act(StepId::DeleteTodos).await.is_err());
    assert_eq!(fresh.observed().await.todo_count(), Some(5));
}

#[tokio::test(start_paused = true)]
async fn a_restore_with_default_settings_is_flagged() {
    let lab = lab();
    lab.act(StepId::Snapshot).await.expect("snapshot");
    lab.wait_minutes(5);
    // What the console does when the learner leaves the defaults: Single-AZ, default group.
    lab.cloud
        .restore_from_snapshot(&RestoreRequest {
            instance_id: "workshop-db-restore".into(),
            snapshot_id: "ondemandbackup".into(),
            settings: RestoreSettings {
                class: "db.t3.micro".into(),
                ..RestoreSettings::default()
            },
        })
        .await
        .expect("restore");
    assert_eq!(lab.state(StepId::Restore).await.0, StepState::InProgress);
    lab.wait_minutes(16);
    assert_eq!(lab.state(StepId::Restore).await.0, StepState::Failed);
    assert_eq!(
        lab.codes(StepId::Restore).await,
        [
            "restore-security-groups",
            "restore-subnet-group",
            "restore-single-az",
            "restore-public",
            "restore-storage-type"
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn the_whole_lab_runs_headless_and_a_second_run_creates_nothing() {
    let lab = lab();
    let options = Options::from_config(&lab.rt.config);
    let code = lab.rt.run(&StepId::CORE, &options, true).await;
    assert_eq!(code, 0);
    let o = lab.observed().await;
    assert_eq!(o.todo_count(), Some(5), "the todos are back");
    for step in StepId::CORE {
        assert_eq!(lab.state(step).await.0, StepState::Done, "{step:?}");
    }
    let writes = lab.writes();
    assert_eq!(
        writes.iter().filter(|w| *w == "CreateDBSnapshot").count(),
        1
    );
    assert_eq!(
        writes
            .iter()
            .filter(|w| *w == "RestoreDBInstanceFromDBSnapshot")
            .count(),
        1
    );
    assert_eq!(
        writes
            .iter()
            .filter(|w| *w == "RegisterTaskDefinition")
            .count(),
        1
    );

    let before = writes.len();
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    assert_eq!(
        lab.writes().len(),
        before,
        "second run: {:?}",
        &lab.writes()[before..]
    );
    // Even forcing the switch again does not register another identical revision.
    lab.act(StepId::SwitchBackend).await.expect("again");
    assert!(
        !lab.writes()[before..]
            .iter()
            .any(|w| w == "RegisterTaskDefinition")
    );
}

#[tokio::test(start_paused = true)]
async fn going_back_restores_the_original_backend_and_keeps_history() {
    let lab = lab();
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    let source_before = lab
        .observed()
        .await
        .instance("workshop-db")
        .cloned()
        .expect("source");
    let original = "arn:aws:ecs:us-east-1:111122223333:task-definition/workshop-backend:1";

    assert_eq!(lab.rt.run(&[StepId::Cleanup], &options, true).await, 0);
    lab.wait_minutes(5);
    let o = lab.observed().await;
    assert_eq!(
        o.service.value.as_ref().expect("service").task_definition,
        original
    );
    assert!(o.instance("workshop-db-restore").is_none());
    assert!(o.snapshot("ondemandbackup").is_none());
    let source_after = o
        .instance("workshop-db")
        .cloned()
        .expect("source untouched");
    assert_eq!(source_after.endpoint, source_before.endpoint);
    assert_eq!(source_after.status.as_str(), "available");
    for step in StepId::CORE {
        assert_eq!(
            lab.state(step).await.0,
            StepState::Done,
            "cleanup must not un-complete {step:?}"
        );
    }
    assert_eq!(lab.state(StepId::Cleanup).await.0, StepState::Done);
    let deleted: Vec<String> = lab
        .log
        .recent(10_000)
        .into_iter()
        .filter(|c| c.operation == "DeleteDBInstance")
        .map(|c| c.cli)
        .collect();
    assert_eq!(deleted.len(), 1, "only the restored instance: {deleted:?}");
    assert!(deleted[0].contains("workshop-db-restore"));
}

#[tokio::test(start_paused = true)]
async fn keeping_the_restored_database_deletes_only_the_snapshot() {
    let lab = lab();
    let mut options = Options::from_config(&lab.rt.config);
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    options.cleanup = plan::CleanupPath::KeepRestored;
    assert_eq!(lab.rt.run(&[StepId::Cleanup], &options, true).await, 0);
    lab.wait_minutes(2);
    let o = lab.observed().await;
    assert!(o.snapshot("ondemandbackup").is_none());
    assert!(
        o.instance("workshop-db-restore")
            .is_some_and(backup_lab::cloud::DbInstance::is_available)
    );
    assert_eq!(o.todo_count(), Some(5));
    assert!(!lab.writes().iter().any(|w| w == "DeleteDBInstance"));
}

#[tokio::test(start_paused = true)]
async fn keeping_a_restored_database_that_was_never_made_does_not_claim_it_stays_in_use() {
    let lab = lab();
    let mut options = Options::from_config(&lab.rt.config);
    let before = [StepId::EnableBackups, StepId::CreateTodos, StepId::Snapshot];
    assert_eq!(lab.rt.run(&before, &options, true).await, 0);
    options.cleanup = plan::CleanupPath::KeepRestored;
    assert_eq!(lab.rt.run(&[StepId::Cleanup], &options, true).await, 0);
    lab.wait_minutes(2);
    let check = lab.check(StepId::Cleanup).await;
    assert_eq!(check.state, backup_lab::lab::StepState::Done);
    let shown = check.render(backup_lab::i18n::Lang::En);
    assert!(!shown.contains("restored database stays in use"), "{shown}");
    assert!(shown.contains("cleaned up"), "{shown}");
}

#[tokio::test(start_paused = true)]
async fn cleanup_never_touches_the_original_instance() {
    let lab = lab();
    let options = Options::from_config(&lab.rt.config);
    lab.rt.run(&StepId::CORE, &options, true).await;
    lab.rt.run(&[StepId::Pitr], &options, true).await;
    lab.rt.run(&[StepId::Cleanup], &options, true).await;
    let deleted: Vec<String> = lab
        .log
        .recent(10_000)
        .into_iter()
        .filter(|c| c.operation == "DeleteDBInstance")
        .map(|c| c.cli)
        .collect();
    assert!(!deleted.is_empty());
    assert!(
        deleted
            .iter()
            .all(|cli| !cli.contains("--db-instance-identifier workshop-db ")),
        "{deleted:?}"
    );
    assert!(lab.observed().await.instance("workshop-db").is_some());
}

/// Two actions sent back to back (as a script or a fast learner might) both run, one after the
/// other: the second waits for the first instead of being lost.
/// Two threads, so the worker's looks and the actions really interleave; the clock moves only
/// when an action pauses.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_runs_an_action_that_arrives_while_another_runs() {
    use backup_lab::protocol::{Command, Msg};
    let lab = lab_on(support::lab::manual());
    let (handle, mut rx) = backup_lab::worker::spawn(
        lab.cloud.clone(),
        lab.rt.config.clone(),
        lab.rt.journal.clone(),
        lab.log.clone(),
        backup_lab::worker::Greeting::Identity,
    );
    let options = Options {
        lang: Lang::En,
        ..Options::from_config(&lab.rt.config)
    };
    handle.send(Command::RunAction(
        lab.plan(StepId::EnableBackups, &options).await,
    ));
    handle.send(Command::RunAction(
        lab.plan(StepId::CreateTodos, &options).await,
    ));
    let mut done = Vec::new();
    // A guard against a hang, not a timing: both actions finish in milliseconds.
    let guard = Duration::from_secs(20);
    while done.len() < 2 {
        match tokio::time::timeout(guard, rx.recv()).await {
            Ok(Some(Msg::ActionDone(step, result))) => {
                assert!(result.is_ok(), "{step:?}: {result:?}");
                done.push(step);
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => panic!("only {done:?} finished"),
        }
    }
    handle.send(Command::Quit);
    assert_eq!(
        done,
        [StepId::EnableBackups, StepId::CreateTodos],
        "in order"
    );
    assert_eq!(lab.cloud.list_todos().await.expect("todos").len(), 5);
    let source = lab.cloud.describe_instances().await.expect("instances");
    assert!(source.iter().any(
        |i| i.id == "workshop-db" && (i.retention_days == 1 || i.pending_retention == Some(1))
    ));
}

// ---------------------------------------------------------------------------------------------
// What a real account does (AWS documentation), met by the simulation

impl Lab {
    /// The plan of `step` as the confirmation shows it: parameters, CLI lines and notes.
    async fn plan_text(&self, step: StepId) -> String {
        let o = self.observed().await;
        let journal = self.rt.journal.lock().expect("journal");
        let ctx = Ctx {
            observed: &o,
            journal: &journal,
            config: &self.rt.config,
            now: self.cloud.now(),
        };
        match steps::plan(step, &ctx, &Options::from_config(&self.rt.config)) {
            plan::Ready::Plan(plan) => {
                let mut out: Vec<String> = plan
                    .params
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.render(Lang::En), v.render(Lang::En)))
                    .collect();
                out.extend(plan.commands.iter().cloned());
                out.extend(plan.notes.iter().map(|n| n.render(Lang::En)));
                out.join("\n")
            }
            plan::Ready::Blocked(t) => format!("BLOCKED {}", t.render(Lang::En)),
            plan::Ready::AlreadyDone(t) => format!("DONE {}", t.render(Lang::En)),
            plan::Ready::Invalid(e) => format!("INVALID {e:?}"),
        }
    }

    fn events(&self, kind: Kind) -> usize {
        let journal = self.rt.journal.lock().expect("journal");
        journal
            .events()
            .iter()
            .filter(|e| e.kind.kind() == kind)
            .count()
    }

    async fn instance_opt(&self, id: &str) -> Option<backup_lab::cloud::DbInstance> {
        self.cloud
            .describe_instances()
            .await
            .expect("instances")
            .into_iter()
            .find(|i| i.id == id)
    }

    async fn instance(&self, id: &str) -> backup_lab::cloud::DbInstance {
        self.cloud
            .describe_instances()
            .await
            .expect("instances")
            .into_iter()
            .find(|i| i.id == id)
            .expect("instance")
    }

    async fn snapshot_taken(&self) {
        self.act(StepId::Snapshot).await.expect("snapshot");
        self.wait_minutes(5);
    }
}

/// Seconds in a rendered duration such as `4 min 05 s` or `30 s`.
fn seconds_in(text: &str) -> i64 {
    let words: Vec<&str> = text.split([' ', '(', ')']).collect();
    let mut total = 0;
    for pair in words.windows(2) {
        if let Ok(n) = pair[0].parse::<i64>() {
            total += match pair[1] {
                "h" => n * 3600,
                "min" => n * 60,
                "s" => n,
                _ => 0,
            };
        }
    }
    total
}

#[tokio::test(start_paused = true)]
async fn create_times_are_absent_while_creating_as_rds_documents() {
    let lab = lab();
    lab.act(StepId::Snapshot).await.expect("snapshot");
    let snap = &lab
        .cloud
        .describe_snapshots("workshop-db")
        .await
        .expect("snaps")[0];
    assert_eq!(snap.status.as_str(), "creating");
    assert_eq!(
        snap.created, None,
        "SnapshotCreateTime is absent while creating"
    );
    lab.wait_minutes(5);
    lab.act(StepId::Restore).await.expect("restore");
    let restored = lab.instance("workshop-db-restore").await;
    assert_eq!(restored.status.as_str(), "creating");
    assert_eq!(
        restored.created, None,
        "InstanceCreateTime is absent while creating"
    );
    assert_eq!(restored.endpoint, None, "Endpoint is absent while creating");
}

#[tokio::test(start_paused = true)]
async fn a_twenty_minute_console_restore_is_one_event_with_a_growing_elapsed_time() {
    let lab = lab();
    lab.snapshot_taken().await;
    let settings = RestoreSettings {
        class: "db.t3.micro".into(),
        multi_az: true,
        ..RestoreSettings::default()
    };
    // Made in the console, so the journal learns of it only by looking.
    lab.cloud
        .restore_from_snapshot(&RestoreRequest {
            instance_id: "workshop-db-restore".into(),
            snapshot_id: "ondemandbackup".into(),
            settings,
        })
        .await
        .expect("restore");
    let mut last = -1;
    for minute in 1..=20 {
        lab.wait_minutes(1);
        let (state, detail) = lab.state(StepId::Restore).await;
        if state == StepState::InProgress {
            let elapsed = seconds_in(&detail);
            assert!(elapsed > last, "minute {minute}: {detail}");
            assert!(
                elapsed >= 60 * i64::from(minute) - 60,
                "minute {minute}: {detail}"
            );
            last = elapsed;
        }
    }
    assert!(
        last >= 10 * 60,
        "the restore was followed for ten minutes or more"
    );
    assert_eq!(
        lab.events(Kind::RestoreRequested),
        1,
        "one restore is one event"
    );
    assert_eq!(lab.events(Kind::RestoreAvailable), 1);
}

#[tokio::test(start_paused = true)]
async fn a_restore_by_the_lab_is_dated_by_its_request_and_recorded_once() {
    let lab = lab();
    lab.snapshot_taken().await;
    let requested = lab.cloud.now();
    lab.act(StepId::Restore).await.expect("restore");
    for _ in 0..16 {
        lab.wait_minutes(1);
        lab.observed().await;
    }
    assert_eq!(lab.events(Kind::RestoreRequested), 1);
    let journal = lab.rt.journal.lock().expect("journal");
    assert_eq!(
        journal.last(Kind::RestoreRequested).map(|e| e.at),
        Some(requested)
    );
}

#[tokio::test(start_paused = true)]
async fn a_snapshot_still_creating_shows_how_long_it_has_run() {
    let lab = lab();
    lab.act(StepId::Snapshot).await.expect("snapshot");
    lab.wait_minutes(2);
    let (state, detail) = lab.state(StepId::Snapshot).await;
    assert_eq!(state, StepState::InProgress);
    assert_eq!(seconds_in(&detail), 120, "{detail}");
}

#[tokio::test(start_paused = true)]
async fn the_restore_keeps_the_rest_unchanged_and_names_it_in_the_plan() {
    let lab = lab();
    lab.sim.console_modify("workshop-db", |db| {
        db.parameter_group = Some("workshop-mysql80".into());
        db.option_group = Some("workshop-options".into());
    });
    lab.snapshot_taken().await;
    let plan = lab.plan_text(StepId::Restore).await;
    for expected in [
        "Storage: gp2, 100 GiB",
        "DB parameter group: workshop-mysql80",
        "Option group: workshop-options",
        "--storage-type gp2",
        "--db-parameter-group-name workshop-mysql80",
        "--option-group-name workshop-options",
        "--engine-lifecycle-support open-source-rds-extended-support",
        "Key=environment,Value=workshop",
        "Key=created-by,Value=backup-lab",
        "mysql 8.0.39",
    ] {
        assert!(plan.contains(expected), "{expected} missing in\n{plan}");
    }
    lab.act(StepId::Restore).await.expect("restore");
    lab.wait_minutes(16);
    let restored = lab.instance("workshop-db-restore").await;
    assert_eq!(restored.storage_type.as_deref(), Some("gp2"));
    assert_eq!(
        restored.parameter_group.as_deref(),
        Some("workshop-mysql80")
    );
    assert_eq!(restored.option_group.as_deref(), Some("workshop-options"));
    assert_eq!(restored.engine, "mysql 8.0.39");
    assert!(
        restored
            .tags
            .contains(&("environment".into(), "workshop".into())),
        "the source's tags travel along: {:?}",
        restored.tags
    );
    assert!(
        restored
            .tags
            .contains(&("created-by".into(), "backup-lab".into()))
    );
    assert_eq!(lab.state(StepId::Restore).await.0, StepState::Done);
}

#[tokio::test(start_paused = true)]
async fn a_restore_with_the_api_defaults_is_flagged_for_storage_and_groups() {
    let lab = lab();
    lab.sim.console_modify("workshop-db", |db| {
        db.parameter_group = Some("workshop-mysql80".into());
    });
    lab.snapshot_taken().await;
    lab.cloud
        .restore_from_snapshot(&RestoreRequest {
            instance_id: "workshop-db-restore".into(),
            snapshot_id: "ondemandbackup".into(),
            settings: RestoreSettings {
                class: "db.t3.micro".into(),
                multi_az: true,
                security_groups: vec!["sg-0a7e3c51d2b94f860".into()],
                subnet_group: Some("workshop-db-subnet-group".into()),
                ..RestoreSettings::default()
            },
        })
        .await
        .expect("restore");
    lab.wait_minutes(16);
    let restored = lab.instance("workshop-db-restore").await;
    assert_eq!(
        restored.storage_type.as_deref(),
        Some("gp3"),
        "the API's default"
    );
    // What the console path yields is said as notes; the restore does what the lab needs.
    assert_eq!(lab.state(StepId::Restore).await.0, StepState::Done);
    // The API's public access where the VPC has an internet gateway, a warning.
    assert_eq!(
        lab.codes(StepId::Restore).await,
        [
            "restore-public",
            "restore-storage-type",
            "restore-parameter-group"
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn extended_support_is_kept_and_its_cost_is_named_before_the_restore() {
    let lab = lab();
    lab.snapshot_taken().await;
    let plan = lab.plan_text(StepId::Restore).await;
    assert!(plan.contains("Extended Support"), "{plan}");
    assert!(
        plan.contains("0.40 USD per hour"),
        "Multi-AZ db.t3.micro: 4 vCPUs\n{plan}"
    );
    // Turned off, RDS moves the restore to a newer major version: flagged.
    lab.cloud
        .restore_from_snapshot(&RestoreRequest {
            instance_id: "workshop-db-restore".into(),
            snapshot_id: "ondemandbackup".into(),
            settings: RestoreSettings {
                class: "db.t3.micro".into(),
                multi_az: true,
                security_groups: vec!["sg-0a7e3c51d2b94f860".into()],
                subnet_group: Some("workshop-db-subnet-group".into()),
                storage_type: Some("gp2".into()),
                engine_lifecycle: Some(backup_lab::cloud::EXTENDED_SUPPORT_DISABLED.into()),
                publicly_accessible: Some(false),
                ..RestoreSettings::default()
            },
        })
        .await
        .expect("restore");
    lab.wait_minutes(16);
    // A warning: the app reaches its data, on a newer version than the original's.
    assert_eq!(lab.state(StepId::Restore).await.0, StepState::Done);
    assert_eq!(lab.codes(StepId::Restore).await, ["restore-engine-version"]);
}

#[tokio::test(start_paused = true)]
async fn the_switch_waits_until_the_restored_database_takes_connections() {
    let lab = lab();
    lab.snapshot_taken().await;
    lab.act(StepId::Restore).await.expect("restore");
    lab.wait_minutes(1);
    let plan = lab.plan_text(StepId::SwitchBackend).await;
    assert!(plan.starts_with("BLOCKED"), "{plan}");
    assert!(plan.contains("creating"), "{plan}");
    // After creating comes backing-up, in which applications can connect.
    lab.wait_minutes(8);
    assert_eq!(
        lab.instance("workshop-db-restore").await.status,
        InstanceStatus::BackingUp
    );
    let plan = lab.plan_text(StepId::SwitchBackend).await;
    assert!(!plan.starts_with("BLOCKED"), "{plan}");
    assert!(plan.contains("workshop-db-restore.c9xk2mplq7ab"), "{plan}");
}

#[tokio::test(start_paused = true)]
async fn a_switch_in_the_console_before_the_database_is_ready_is_explained() {
    let lab = lab();
    lab.snapshot_taken().await;
    lab.act(StepId::Restore).await.expect("restore");
    lab.wait_minutes(1);
    // The learner types the endpoint (it follows the source's pattern) and updates the service.
    let endpoint = "workshop-db-restore.c9xk2mplq7ab.us-east-1.rds.amazonaws.com";
    let td = lab
        .cloud
        .register_revision(
            "workshop-backend:1",
            "container-backend",
            "DB_HOST",
            endpoint,
        )
        .await
        .expect("register");
    lab.cloud
        .update_service("workshop-cluster", "backend-service", &td.arn)
        .await
        .expect("update");
    let (state, detail) = lab.state(StepId::SwitchBackend).await;
    assert_eq!(state, StepState::InProgress, "{detail}");
    assert!(detail.contains("takes no connections yet"), "{detail}");
    assert!(detail.contains("old tasks serve the app"), "{detail}");
}

#[tokio::test(start_paused = true)]
async fn a_role_that_may_not_tag_gets_its_snapshot_restore_and_revision_without_tags() {
    use backup_lab::cloud::faults::{Faulty, Spec};
    let lab = lab();
    // The backend runs a tagged revision, as a team that tags its resources has it.
    let base = lab
        .cloud
        .describe_task_definition("workshop-backend:1")
        .await
        .expect("describe");
    let mut tagged = base.registration();
    tagged.tags.push(("team".into(), "backend".into()));
    let tagged = lab
        .cloud
        .register_task_definition(&tagged)
        .await
        .expect("register");
    lab.cloud
        .update_service("workshop-cluster", "backend-service", &tagged.arn)
        .await
        .expect("update");
    lab.wait_minutes(5);
    let faulty: Arc<dyn Cloud> = Arc::new(Faulty::new(
        lab.cloud.clone(),
        Spec::parse("tag-denied").expect("spec"),
    ));
    let said = Mutex::new(Vec::new());
    let progress = |t: backup_lab::lab::Text| said.lock().expect("said").push(t.render(Lang::En));
    let options = Options::from_config(&lab.rt.config);
    backup_lab::lab::runner::perform(
        StepId::Snapshot,
        faulty.as_ref(),
        &lab.rt.config,
        &lab.rt.journal,
        &options,
        &progress,
    )
    .await
    .expect("snapshot without tags");
    lab.wait_minutes(5);
    backup_lab::lab::runner::perform(
        StepId::Restore,
        faulty.as_ref(),
        &lab.rt.config,
        &lab.rt.journal,
        &options,
        &progress,
    )
    .await
    .expect("restore without tags");
    lab.wait_minutes(30);
    // The new revision carries the tags of the one it is made from: without them too.
    backup_lab::lab::runner::perform(
        StepId::SwitchBackend,
        faulty.as_ref(),
        &lab.rt.config,
        &lab.rt.journal,
        &options,
        &progress,
    )
    .await
    .expect("switch with an untagged revision");
    let said = said.lock().expect("said").clone();
    assert_eq!(said.len(), 3, "{said:?}");
    assert!(said[0].contains("rds:AddTagsToResource"), "{said:?}");
    assert!(said[2].contains("ecs:TagResource"), "{said:?}");
    let calls: Vec<_> = lab
        .log
        .recent(100)
        .into_iter()
        .filter(|c| c.writes)
        .map(|c| c.operation)
        .collect();
    // After the two calls that set the tagged revision up.
    assert_eq!(
        calls[2..],
        [
            "CreateDBSnapshot",
            "RestoreDBInstanceFromDBSnapshot",
            "RegisterTaskDefinition",
            "UpdateService"
        ],
        "the refused calls never reached the account; one untagged call each did"
    );
    assert!(lab.instance("workshop-db-restore").await.tags.is_empty());
}

#[tokio::test(start_paused = true)]
async fn permission_advice_names_the_action_aws_names() {
    let e = backup_lab::cloud::CloudError::new(
        backup_lab::cloud::ErrorKind::AccessDenied,
        "AccessDenied",
        "User: arn:aws:sts::1:assumed-role/LabRole/x is not authorized to perform: rds:AddTagsToResource on resource: arn:aws:rds:us-east-1:1:snapshot:ondemandbackup",
    )
    .in_op("CreateDBSnapshot");
    assert_eq!(e.permission().as_deref(), Some("rds:AddTagsToResource"));
    let plain = backup_lab::cloud::CloudError::new(
        backup_lab::cloud::ErrorKind::AccessDenied,
        "AccessDenied",
        "Access denied",
    )
    .in_op("CreateDBSnapshot");
    assert_eq!(plain.permission().as_deref(), Some("rds:CreateDBSnapshot"));
}

#[tokio::test(start_paused = true)]
async fn the_point_in_time_restore_goes_to_the_restorable_time_read_right_before_it() {
    let lab = lab();
    lab.act(StepId::EnableBackups).await.expect("backups");
    lab.wait_minutes(30);
    // An old look: the latest restorable time moves on while the learner reads the dialog.
    let stale = lab.observed().await;
    let stale_lrt = stale
        .instance("workshop-db")
        .and_then(|i| i.latest_restorable)
        .expect("restorable");
    lab.wait_minutes(7);
    let fresh_lrt = lab
        .instance("workshop-db")
        .await
        .latest_restorable
        .expect("restorable");
    assert!(fresh_lrt > stale_lrt);
    let requested = lab.cloud.now();
    lab.act(StepId::Pitr).await.expect("pitr");
    let journal = lab.rt.journal.lock().expect("journal");
    let event = journal.last(Kind::PitrRequested).expect("recorded");
    assert_eq!(event.at, requested);
    match &event.kind {
        backup_lab::lab::journal::EventKind::PitrRequested { restored_to, .. } => {
            assert_eq!(*restored_to, Some(fresh_lrt));
        }
        other => panic!("{other:?}"),
    }
    let rpo = steps::pitr_rpo(&journal).expect("rpo");
    assert!(
        (0..=300).contains(&rpo),
        "at most 5 minutes of log shipping: {rpo}"
    );
}

#[tokio::test(start_paused = true)]
async fn cleanup_deletes_nothing_while_the_snapshot_is_still_being_created() {
    let lab = lab();
    lab.act(StepId::Snapshot).await.expect("snapshot");
    let before = lab.writes().len();
    let err = lab.act(StepId::Cleanup).await.expect_err("refused");
    assert!(err.contains("blocked"), "{err}");
    assert_eq!(lab.writes().len(), before, "no call was sent");
    lab.wait_minutes(5);
    lab.act(StepId::Cleanup)
        .await
        .expect("cleanup once available");
}

/// The service as ECS describes it now.
async fn service(lab: &Lab) -> backup_lab::cloud::Service {
    lab.cloud
        .describe_service("workshop-cluster", "backend-service")
        .await
        .expect("service")
}

#[tokio::test(start_paused = true)]
async fn a_db_host_no_instance_answers_fails_the_rollout_and_ecs_rolls_back() {
    let lab = lab();
    lab.act(StepId::CreateTodos).await.expect("todos");
    // In the console: a new revision whose DB_HOST has a typo, and the service updated to it.
    let td = lab
        .cloud
        .register_revision(
            "workshop-backend",
            "container-backend",
            "DB_HOST",
            "workshop-db-restor.c9xk2mplq7ab.us-east-1.rds.amazonaws.com",
        )
        .await
        .expect("register");
    lab.cloud
        .update_service("workshop-cluster", "backend-service", &td.arn)
        .await
        .expect("update");
    let mut failed = None;
    for _ in 0..120 {
        lab.sim.advance(Duration::from_secs(10));
        let s = service(&lab).await;
        // The old tasks keep serving while the new ones fail: the app never goes down.
        assert_eq!(lab.observed().await.todo_count(), Some(5));
        if let Some(d) = s
            .deployments
            .iter()
            .find(|d| d.rollout == Some(RolloutState::Failed))
        {
            failed = Some((s.clone(), d.clone()));
            break;
        }
        let p = s.primary().expect("primary");
        assert_eq!(p.task_definition, td.arn);
        assert_eq!(p.running, 0, "no new task passes its health check");
    }
    let (s, d) = failed.expect("the circuit breaker gives up");
    assert_eq!(d.task_definition, td.arn);
    assert_eq!(d.failed_tasks, 3, "half the desired count, at least 3");
    assert_eq!(
        d.rollout_reason.as_deref(),
        Some("ECS deployment circuit breaker: tasks failed to start.")
    );
    let primary = s.primary().expect("the rollback");
    assert!(primary.task_definition.ends_with(":1"), "{primary:?}");
    assert!(s.task_definition.ends_with(":1"));
    assert!(s.rolled_back_since("2026-11-25T09:00:00Z".parse().expect("time")));
    let messages: Vec<&str> = s.events.iter().map(|e| e.message.as_str()).collect();
    assert!(
        messages[0].contains("rolling back to deployment ecs-svc/"),
        "{messages:?}"
    );
    assert!(messages[1].contains("deployment failed: tasks failed to start"));
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.contains("failed ELB health checks"))
            .count(),
        3
    );
    assert_eq!(
        s.circuit_breaker.map(|b| (b.enable, b.rollback)),
        Some((true, true))
    );
    // The rollback completes: one deployment, the old revision, steady.
    lab.wait_minutes(5);
    let s = service(&lab).await;
    assert_eq!(s.deployments.len(), 1);
    assert!(s.is_stable());
    assert!(s.task_definition.ends_with(":1"));
}

#[tokio::test(start_paused = true)]
async fn a_failed_rollout_is_a_failed_step_and_a_second_run_finishes() {
    let lab = lab();
    lab.sim.set_unhealthy_updates(vec![(1, 1)]);
    let options = Options::from_config(&lab.rt.config);
    let started = lab.cloud.now();
    assert_ne!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    let waited = lab.cloud.now().as_second() - started.as_second();
    assert!(waited < 3600, "stopped waiting after {waited} s");
    let (state, detail) = lab.state(StepId::SwitchBackend).await;
    assert_eq!(state, StepState::Failed, "{detail}");
    assert!(
        detail.contains("rolled the service back to revision 1"),
        "{detail}"
    );
    assert!(detail.contains("failed ELB health checks"), "{detail}");
    assert!(detail.contains("update the service again"), "{detail}");
    assert_eq!(lab.state(StepId::Verify).await.0, StepState::Todo);
    assert!(!steps::lab_complete(&Ctx {
        observed: &lab.observed().await,
        journal: &lab.rt.journal.lock().expect("journal"),
        config: &lab.rt.config,
        now: lab.cloud.now(),
    }));
    // The fault is gone (only the first UpdateService): running again finishes the lab,
    // reusing the revision.
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    assert_eq!(lab.observed().await.todo_count(), Some(5));
    let writes = lab.writes();
    assert_eq!(
        writes
            .iter()
            .filter(|w| *w == "RegisterTaskDefinition")
            .count(),
        1
    );
    assert_eq!(writes.iter().filter(|w| *w == "UpdateService").count(), 2);
    assert_eq!(lab.state(StepId::SwitchBackend).await.0, StepState::Done);
}

#[tokio::test(start_paused = true)]
async fn without_a_circuit_breaker_tasks_that_keep_failing_end_the_wait() {
    let lab = lab();
    lab.sim
        .set_circuit_breaker(backup_lab::cloud::CircuitBreaker {
            enable: false,
            rollback: false,
        });
    lab.sim.set_unhealthy_updates(vec![(1, 1)]);
    let options = Options::from_config(&lab.rt.config);
    let started = lab.cloud.now();
    assert_ne!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    let waited = lab.cloud.now().as_second() - started.as_second();
    assert!(waited < 3600, "stopped waiting after {waited} s");
    let s = service(&lab).await;
    let p = s.primary().expect("primary");
    assert_eq!(
        p.rollout,
        Some(RolloutState::InProgress),
        "ECS keeps trying"
    );
    assert!(p.failed_tasks >= 3);
    let (state, detail) = lab.state(StepId::SwitchBackend).await;
    assert_eq!(state, StepState::Failed, "{detail}");
    assert!(detail.contains("keep failing to start"), "{detail}");
    assert!(detail.contains("no deployment circuit breaker"), "{detail}");
    // Later still failing, still counted.
    lab.wait_minutes(30);
    let again = service(&lab).await;
    assert!(again.primary().expect("primary").failed_tasks > p.failed_tasks);
}

#[tokio::test(start_paused = true)]
async fn a_mysql_style_todo_app_does_not_stop_the_lab() {
    let lab = lab();
    lab.sim
        .set_todo_shape(backup_lab::cloud::sim::TodoShape::Mysql);
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    let todos = lab.cloud.list_todos().await.expect("todos");
    assert_eq!(todos.len(), 5);
    assert!(todos.iter().all(|t| t.user_id.is_none() && !t.completed));
    for step in StepId::CORE {
        assert_eq!(lab.state(step).await.0, StepState::Done, "{step:?}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_todo_list_that_cannot_be_read_any_more_ends_the_wait_with_advice() {
    let mut lab = lab();
    // The action's own look works; every later read of the todo list is refused.
    let spec = backup_lab::cloud::faults::Spec::parse("TodoList=denied@2-100000").expect("spec");
    lab.rt.cloud = Arc::new(backup_lab::cloud::faults::Faulty::new(
        lab.sim.clone(),
        spec,
    ));
    let options = Options::from_config(&lab.rt.config);
    let started = lab.sim.now();
    assert_ne!(lab.rt.run(&[StepId::CreateTodos], &options, true).await, 0);
    let waited = lab.sim.now().as_second() - started.as_second();
    assert!(waited < 60, "stopped at once, not after {waited} s");
}

// ---------------------------------------------------------------------------------------------
// The plan the learner confirms is the plan that runs

impl Lab {
    /// Carries out `plan` as the learner confirmed it.
    async fn run_confirmed(&self, plan: &plan::Plan) -> Result<Vec<String>, act::ActionError> {
        backup_lab::lab::runner::execute(
            plan,
            self.cloud.as_ref(),
            &self.rt.config,
            &self.rt.journal,
            &|_| {},
        )
        .await
        .map(|lines| lines.iter().map(|l| l.render(Lang::En)).collect())
    }

    /// The CLI lines of the calls that changed something, oldest first.
    fn written(&self) -> Vec<String> {
        self.log
            .recent(10_000)
            .into_iter()
            .filter(|c| c.writes)
            .map(|c| c.cli)
            .collect()
    }
}

#[tokio::test(start_paused = true)]
async fn a_confirmed_restore_runs_exactly_as_planned() {
    let lab = lab();
    lab.snapshot_taken().await;
    let options = Options::from_config(&lab.rt.config);
    let plan = lab.plan(StepId::Restore, &options).await;
    let before = lab.written().len();
    lab.run_confirmed(&plan).await.expect("restore");
    let writes = lab.written();
    assert_eq!(
        writes[before..],
        plan.commands[..],
        "the one call made is the one the plan showed"
    );
}

#[tokio::test(start_paused = true)]
async fn a_plan_the_account_no_longer_matches_is_refused_with_the_new_plan() {
    let lab = lab();
    lab.snapshot_taken().await;
    let options = Options::from_config(&lab.rt.config);
    let plan = lab.plan(StepId::Restore, &options).await;
    // Between the confirmation and the run, someone changes the source's security group in
    // the console: the restore would now get another group than the one confirmed.
    lab.sim.console_modify("workshop-db", |db| {
        db.security_groups = vec!["sg-0new0console0".into()];
    });
    let before = lab.written().len();
    let Err(act::ActionError::PlanChanged(new)) = lab.run_confirmed(&plan).await else {
        panic!("the changed plan is refused")
    };
    assert_eq!(lab.written().len(), before, "nothing was changed");
    assert!(lab.instance_opt("workshop-db-restore").await.is_none());
    let plan::Request::Restore(request) = &new.request else {
        panic!("a restore plan: {new:?}")
    };
    assert_eq!(request.settings.security_groups, ["sg-0new0console0"]);
    assert!(
        new.commands[0].contains("sg-0new0console0"),
        "{}",
        new.commands[0]
    );
    let said = backup_lab::ui_text::action_error_text(&act::ActionError::PlanChanged(new.clone()));
    assert!(said.render(Lang::En).contains("confirm it again"));
    assert!(said.render(Lang::De).contains("nochmals"));
    // Confirmed again, the new plan runs as shown.
    lab.run_confirmed(&new).await.expect("restore");
    assert_eq!(lab.written()[before..], new.commands[..]);
}

#[tokio::test(start_paused = true)]
async fn a_backup_window_confirmed_runs_in_the_utc_shown() {
    let lab = lab();
    let options = Options {
        window_local: "03:00-03:30".parse().expect("window"),
        ..Options::from_config(&lab.rt.config)
    };
    let plan = lab.plan(StepId::EnableBackups, &options).await;
    let before = lab.written().len();
    lab.run_confirmed(&plan).await.expect("backups");
    assert_eq!(lab.written()[before..], plan.commands[..]);
    // The same plan once more finds the work done and sends nothing.
    let again = lab.run_confirmed(&plan).await.expect("again");
    assert_eq!(lab.written().len(), before + 1, "{again:?}");
}

#[tokio::test(start_paused = true)]
async fn the_tui_shows_a_changed_plan_to_confirm_again() {
    use backup_lab::app::{App, Dialog};
    use backup_lab::protocol::Msg;
    let lab = lab();
    lab.snapshot_taken().await;
    let options = Options::from_config(&lab.rt.config);
    let plan = lab.plan(StepId::Restore, &options).await;
    lab.sim.console_modify("workshop-db", |db| {
        db.security_groups = vec!["sg-0new0console0".into()];
    });
    let Err(act::ActionError::PlanChanged(new)) = lab.run_confirmed(&plan).await else {
        panic!("refused")
    };
    let mut app = App::new(
        Lang::De,
        lab.rt.config.clone(),
        backup_lab::cloud::Mode::Simulation { speed: 15.0 },
        lab.cloud.now(),
    );
    app.update(Msg::ActionDone(
        StepId::Restore,
        Err(act::ActionError::PlanChanged(new.clone())),
    ));
    let Some(Dialog::Confirm { plan: shown, .. }) = &app.dialog else {
        panic!("the confirmation opens again: {:?}", app.dialog)
    };
    assert_eq!(shown.request, new.request, "with the new plan");
    assert_eq!(shown.notes[0].id, "plan-changed", "saying why");
    assert!(
        shown.notes[0].render(Lang::De).contains("nochmals"),
        "{}",
        shown.notes[0].render(Lang::De)
    );
}

#[tokio::test(start_paused = true)]
async fn the_disaster_deletes_the_todos_it_showed_and_refuses_when_one_was_added() {
    let lab = lab();
    lab.act(StepId::CreateTodos).await.expect("todos");
    lab.snapshot_taken().await;
    let options = Options::from_config(&lab.rt.config);
    let plan = lab.plan(StepId::DeleteTodos, &options).await;
    // A todo added in the browser after the confirmation would be lost unannounced.
    let added = lab
        .cloud
        .create_todo("added meanwhile")
        .await
        .expect("todo");
    let Err(act::ActionError::PlanChanged(new)) = lab.run_confirmed(&plan).await else {
        panic!("refused")
    };
    assert_eq!(lab.cloud.list_todos().await.expect("todos").len(), 6);
    assert_eq!(
        new.params[0].1.render(Lang::En),
        "6",
        "the new plan deletes 6"
    );
    // One of the confirmed ones deleted in the browser instead: the rest of the plan runs.
    lab.cloud.delete_todo(&added.id).await.expect("delete");
    let first = lab.cloud.list_todos().await.expect("todos")[0].id.clone();
    lab.cloud.delete_todo(&first).await.expect("delete");
    lab.run_confirmed(&plan)
        .await
        .expect("the rest of the plan");
    assert!(lab.cloud.list_todos().await.expect("todos").is_empty());
}

#[tokio::test(start_paused = true)]
async fn verify_waits_until_the_backend_serves_the_restored_database() {
    let lab = lab();
    lab.act(StepId::CreateTodos).await.expect("todos");
    // The original still serves its todos: that proves no recovery.
    let plan = lab.plan_text(StepId::Verify).await;
    assert!(plan.starts_with("BLOCKED"), "{plan}");
    assert!(lab.act(StepId::Verify).await.is_err());
    assert_ne!(lab.state(StepId::Verify).await.0, StepState::Done);
}

#[tokio::test(start_paused = true)]
async fn the_disaster_needs_a_todo_list_read_just_now() {
    use backup_lab::cloud::faults::{Faulty, Spec};
    let lab = lab();
    lab.act(StepId::CreateTodos).await.expect("todos");
    lab.snapshot_taken().await;
    // The app answers with errors: the plan is not "delete 0 todos", and nothing is recorded.
    let faulty: Arc<dyn Cloud> = Arc::new(Faulty::new(
        lab.cloud.clone(),
        Spec::parse("TodoList=denied").expect("spec"),
    ));
    let options = Options::from_config(&lab.rt.config);
    let result = backup_lab::lab::runner::perform(
        StepId::DeleteTodos,
        faulty.as_ref(),
        &lab.rt.config,
        &lab.rt.journal,
        &options,
        &|_| {},
    )
    .await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(lab.events(Kind::Disaster), 0);
    assert_eq!(lab.observed().await.todo_count(), Some(5));
}

#[tokio::test(start_paused = true)]
async fn the_point_in_time_bonus_brings_the_deleted_todos_back_and_compares_both_rpos() {
    let lab = lab();
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    assert_eq!(lab.rt.run(&[StepId::Pitr], &options, true).await, 0);
    let o = lab.observed().await;
    let inside = o.pitr_todos.clone().expect("the simulation looks inside");
    assert_eq!(inside.len(), 5, "{inside:?}");
    let (disaster, snapshot, figures) = {
        let journal = lab.rt.journal.lock().expect("journal");
        (
            journal.last(Kind::Disaster).expect("disaster").at,
            journal.last(Kind::Snapshot).expect("snapshot").at,
            steps::pitr_figures(&journal).expect("figures"),
        )
    };
    // A minute before the deletion, never after it.
    assert_eq!(figures.disaster, Some(disaster));
    assert_eq!(
        disaster.as_second() - figures.restored_to.as_second(),
        steps::PITR_MARGIN_S
    );
    assert_eq!(figures.rpo_seconds, steps::PITR_MARGIN_S);
    let snapshot_rpo = disaster.as_second() - snapshot.as_second();
    assert!(snapshot_rpo > figures.rpo_seconds, "{snapshot_rpo}");
    let (state, text) = lab.state(StepId::Pitr).await;
    assert_eq!(state, StepState::Done, "{text}");
    assert!(text.contains("5 todos again"), "{text}");
    assert!(
        text.contains(&format!(
            "achieved RPO with the snapshot ondemandbackup: {} · with point-in-time restore: 1 min 00 s",
            backup_lab::format::duration(snapshot_rpo)
        )),
        "{text}"
    );
}

#[tokio::test(start_paused = true)]
async fn the_point_in_time_bonus_waits_while_the_deletion_is_newer_than_the_restorable_time() {
    let lab = lab();
    lab.act(StepId::EnableBackups).await.expect("backups");
    lab.wait_minutes(4);
    lab.act(StepId::CreateTodos).await.expect("todos");
    lab.act(StepId::Snapshot).await.expect("snapshot");
    lab.wait_minutes(5);
    // Right after the logs were shipped, then two minutes on: the deletion comes after the
    // latest restorable time.
    let lrt = || async {
        lab.instance("workshop-db")
            .await
            .latest_restorable
            .expect("restorable")
    };
    while lrt().await != lab.cloud.now() {
        lab.sim.advance(Duration::from_secs(10));
    }
    lab.wait_minutes(2);
    lab.act(StepId::DeleteTodos).await.expect("disaster");
    let options = Options::from_config(&lab.rt.config);
    let blocked = {
        let o = lab.observed().await;
        let journal = lab.rt.journal.lock().expect("journal");
        let ctx = Ctx {
            observed: &o,
            journal: &journal,
            config: &lab.rt.config,
            now: lab.cloud.now(),
        };
        steps::plan(StepId::Pitr, &ctx, &options)
    };
    match blocked {
        plan::Ready::Blocked(text) => {
            assert_eq!(text.id, "blocked-pitr-logs-behind", "{text:?}");
        }
        other => panic!("no restore after or far before the deletion: {other:?}"),
    }
    let before = lab.writes().len();
    assert!(lab.act(StepId::Pitr).await.is_err());
    assert_eq!(lab.writes().len(), before, "nothing was sent");
    // Once the logs have arrived, the plan restores to a minute before the deletion.
    lab.wait_minutes(5);
    let disaster = lab
        .rt
        .journal
        .lock()
        .expect("journal")
        .last(Kind::Disaster)
        .expect("disaster")
        .at;
    let plan = lab.plan(StepId::Pitr, &options).await;
    match &plan.request {
        plan::Request::Pitr(r) => assert_eq!(
            r.restore_time.map(|t| disaster.as_second() - t.as_second()),
            Some(steps::PITR_MARGIN_S)
        ),
        other => panic!("{other:?}"),
    }
    lab.act(StepId::Pitr).await.expect("pitr");
    lab.wait_minutes(20);
    let o = lab.observed().await;
    assert_eq!(o.pitr_todos.map(|t| t.len()), Some(5));
}

/// A self-check answer goes from the key through the worker into the journal, survives as a
/// journal event and reaches the report's JSON; the first answer counts.
#[tokio::test(start_paused = true)]
async fn a_self_check_answer_is_kept_in_the_journal_and_reaches_the_report() {
    use backup_lab::action::Action;
    use backup_lab::app::{App, QuizAt};
    use backup_lab::protocol::{Command, Msg};
    let lab = lab();
    let (handle, mut rx) = backup_lab::worker::spawn(
        lab.cloud.clone(),
        lab.rt.config.clone(),
        lab.rt.journal.clone(),
        lab.log.clone(),
        backup_lab::worker::Greeting::Identity,
    );
    let mut app = App::new(
        Lang::En,
        lab.rt.config.clone(),
        lab.cloud.mode(),
        lab.cloud.now(),
    );
    app.update(Msg::Action(Action::Quiz));
    assert_eq!(
        app.quiz,
        Some(QuizAt {
            step: StepId::Concepts,
            index: 0
        })
    );
    let commands = app.update(Msg::Action(Action::Answer(1)));
    assert!(
        app.update(Msg::Action(Action::Answer(0))).is_empty(),
        "the first answer counts"
    );
    for command in commands {
        handle.send(command);
    }
    let guard = Duration::from_secs(20);
    loop {
        match tokio::time::timeout(guard, rx.recv()).await {
            Ok(Some(Msg::State(s)))
                if s.journal
                    .iter()
                    .any(|e| e.kind.kind() == Kind::SelfCheckAnswered) =>
            {
                break;
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => panic!("the answer never reached the journal"),
        }
    }
    handle.send(Command::Quit);
    let o = lab.observed().await;
    let journal = lab.rt.journal.lock().expect("journal");
    let report = backup_lab::report::build(
        Lang::En,
        String::new(),
        &journal,
        &o,
        &lab.rt.config,
        lab.cloud.now(),
    );
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["quiz"]["answered"], 1, "{}", json["quiz"]);
    assert_eq!(json["quiz"]["right"], 0);
    assert_eq!(json["quiz"]["answers"][0]["question"], "concepts-rpo");
    assert_eq!(json["quiz"]["answers"][0]["choice"], "b");
    assert_eq!(json["quiz"]["answers"][0]["right"], false);
    let md = backup_lab::report::markdown(&report, Lang::En);
    assert!(md.contains("0 of 1 answered questions right"), "{md}");
    // The choice with its text, the verdict and the time it was given.
    assert!(
        md.contains("b) The shop is back online within one hour. · wrong (right: a) · "),
        "{md}"
    );
    assert_eq!(json["quiz"]["answers"][0]["right_choice"], "a");
}

/// The questions never hold the lab up: `run --all` completes with none answered.
#[tokio::test(start_paused = true)]
async fn unanswered_self_check_questions_never_block_run_all() {
    let lab = lab();
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    let journal = lab.rt.journal.lock().expect("journal");
    let all: Vec<_> = backup_lab::lab::quiz::QUESTIONS.iter().collect();
    assert_eq!(backup_lab::lab::quiz::score(&journal, &all).answered, 0);
}

/// The summary's business figures are the learner's own RPO and RTO at the example rate.
#[tokio::test(start_paused = true)]
async fn business_figures_come_from_the_measured_rpo_and_rto() {
    let mut lab = lab();
    lab.rt.config.business.orders_per_hour = 60;
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    assert_eq!(lab.rt.run(&[StepId::Pitr], &options, true).await, 0);
    let o = lab.observed().await;
    let journal = lab.rt.journal.lock().expect("journal");
    let now = lab.cloud.now();
    let recovery = backup_lab::lab::recovery::measure(&journal, &o, &lab.rt.config, now);
    let rpo = recovery.achieved_rpo.as_ref().expect("rpo").seconds;
    let rto = recovery.rto.as_ref().expect("rto").seconds;
    let impact =
        backup_lab::lab::business::impact(&recovery, steps::pitr_figures(&journal), &lab.rt.config);
    // 60 orders an hour: one a minute, rounded to the nearest.
    let per_minute = |s: i64| u64::try_from((s + 30) / 60).expect("positive");
    assert_eq!(
        impact.rpo.map(|s| (s.seconds, s.orders)),
        Some((rpo, per_minute(rpo)))
    );
    assert_eq!(
        impact.rto.map(|s| (s.seconds, s.orders)),
        Some((rto, per_minute(rto)))
    );
    assert_eq!(
        impact.pitr_rpo.map(|s| (s.seconds, s.orders)),
        Some((60, 1))
    );
    let report =
        backup_lab::report::build(Lang::En, String::new(), &journal, &o, &lab.rt.config, now);
    let md = backup_lab::report::markdown(&report, Lang::En);
    assert!(md.contains("takes 60 orders per hour"), "{md}");
    assert!(
        md.contains(&format!(
            "Achieved RTO {}: that long without sales, about {} orders not taken",
            backup_lab::format::duration(rto),
            per_minute(rto)
        )),
        "{md}"
    );
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["pitr_achieved_rpo_seconds"], 60);
    assert_eq!(json["business"]["orders_per_hour"], 60);
}
