//! How restores end, on the simulated account with a paused clock: a restore that ends in a
//! status RDS does not leave, a status backup-lab does not know, the point-in-time restore's
//! point (watched and unwatched deletions, a chosen moment), the settings a restore carries
//! ("the rest unchanged", deletion protection included) and the weight of each diagnosis.

use std::path::Path;
use std::process::Command;

use crate::support::lab::SimLab;

use backup_lab::cloud::faults::RestoreEnding;
use backup_lab::cloud::{InstanceStatus, RestoreRequest, RestoreSettings};
use backup_lab::i18n::Lang;
use backup_lab::lab::journal::{EventKind, Kind};
use backup_lab::lab::plan::{CleanupPath, Options, Plan, Ready, Request};
use backup_lab::lab::steps::{self, Ctx};
use backup_lab::lab::{Check, Severity, StepId, StepState};

const RESTORED: &str = "workshop-db-restore";
const PITR: &str = "workshop-db-pitr";
const LAB_SG: &str = "sg-0a7e3c51d2b94f860";

/// The shared simulated lab, with the few moves these tests make.
struct Lab(SimLab);

impl std::ops::Deref for Lab {
    type Target = SimLab;
    fn deref(&self) -> &SimLab {
        &self.0
    }
}

impl Lab {
    fn new() -> Self {
        Self(SimLab::new())
    }

    fn options(&self) -> Options {
        Options::from_config(&self.rt.config)
    }

    async fn perform(&self, step: StepId) {
        self.perform_with(step, &self.options()).await;
    }

    async fn perform_with(&self, step: StepId, options: &Options) {
        backup_lab::lab::runner::perform(
            step,
            self.cloud.as_ref(),
            &self.rt.config,
            &self.rt.journal,
            options,
            &|_| {},
        )
        .await
        .expect("action");
    }

    /// Looks, as the worker does: the journal notes what it sees.
    async fn look(&self) {
        let o = self.observed().await;
        let now = self.cloud.now();
        let mut journal = self.rt.journal.lock().expect("journal");
        backup_lab::lab::steps::observe(&mut journal, &o, &self.rt.config, now);
    }

    async fn plan_of(&self, step: StepId, options: &Options) -> Plan {
        match self.ready_with(step, options).await {
            Ready::Plan(plan) => plan,
            other => panic!("{step:?} has no plan: {other:?}"),
        }
    }

    async fn confirm(&self, plan: &Plan) {
        backup_lab::lab::runner::execute(
            plan,
            self.cloud.as_ref(),
            &self.rt.config,
            &self.rt.journal,
            &|_| {},
        )
        .await
        .expect("action");
    }

    fn restore_calls(&self, operation: &str) -> usize {
        self.rt
            .log
            .recent(10_000)
            .iter()
            .filter(|c| c.operation == operation)
            .count()
    }

    async fn instance(&self, id: &str) -> Option<backup_lab::cloud::DbInstance> {
        self.cloud
            .describe_instances()
            .await
            .expect("describe")
            .into_iter()
            .find(|i| i.id == id)
    }
}

fn ending(operation: &str, status: &str) -> RestoreEnding {
    RestoreEnding {
        operation: Some(operation.into()),
        calls: (1, 1),
        status: status.into(),
    }
}

/// Every text of the check's diagnoses, rendered in both languages, with nothing unfilled.
fn rendered(check: &Check, step: StepId) -> Vec<String> {
    let mut out = Vec::new();
    for lang in [Lang::En, Lang::De] {
        for p in &check.problems {
            for text in [&p.detail, &p.fix_on_cli(step)] {
                let shown = text.render(lang);
                assert_ne!(shown, text.id, "{lang:?}: {} has a text", text.id);
                assert!(!shown.contains("{ $"), "unfilled: {shown}");
                out.push(shown);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Terminal statuses

#[tokio::test(start_paused = true)]
async fn a_restore_that_ends_in_a_terminal_status_is_told_within_a_minute() {
    let lab = Lab::new();
    lab.sim.set_restore_endings(vec![ending(
        "RestoreDBInstanceFromDBSnapshot",
        "incompatible-parameters",
    )]);
    let options = lab.options();
    let code = lab.rt.run(&StepId::CORE, &options, true).await;
    assert_ne!(code, 0, "the run fails");
    // The simulated restore gives up 300 s after the request (docs/FAULTS.md); the run
    // stopped waiting within a minute of that.
    let requested = lab
        .rt
        .journal
        .lock()
        .expect("journal")
        .requested_at(RESTORED)
        .expect("restore requested");
    let ended = requested.as_second() + 300;
    let told = lab.cloud.now().as_second();
    assert!(told >= ended, "not before it ended");
    assert!(told - ended <= 60, "told {} s after it ended", told - ended);
    assert_eq!(
        lab.instance(RESTORED).await.expect("restored").status,
        InstanceStatus::IncompatibleParameters
    );

    // The step is failed, with the status named, what it means and what to do.
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::Failed);
    assert_eq!(check.problems.len(), 1);
    assert_eq!(check.problems[0].code.as_str(), "restore-ended");
    assert_eq!(check.problems[0].severity, Severity::Failure);
    let texts = rendered(&check, StepId::Restore);
    let (en, de) = (texts[0..2].join(" "), texts[2..4].join(" "));
    assert!(en.contains("incompatible-parameters"), "{en}");
    assert!(en.contains("waiting does not help"), "{en}");
    assert!(en.contains("parameter group default.mysql8.0"), "{en}");
    assert!(en.contains("Actions → Delete"), "{en}");
    assert!(en.contains("backup-lab run restore"), "{en}");
    assert!(de.contains("Warten hilft nicht"), "{de}");
    // check --json says the same.
    let doc = lab.rt.document(&lab.observed().await);
    let restore = doc.steps.iter().find(|s| s.id == "restore").expect("step");
    assert_eq!(restore.state, StepState::Failed);
    let json = serde_json::to_value(restore).expect("json");
    assert_eq!(json["problems"][0]["code"], "restore-ended");
    assert_eq!(json["problems"][0]["severity"], "failure");
    assert!(!doc.complete);

    // Running again starts no second restore: the broken instance has to go first.
    assert_ne!(lab.rt.run(&[StepId::Restore], &options, true).await, 0);
    let Ready::Blocked(text) = lab.ready_with(StepId::Restore, &options).await else {
        panic!("no restore while the broken one is there");
    };
    assert_eq!(text.id, "blocked-restore-ended");
    assert_eq!(lab.restore_calls("RestoreDBInstanceFromDBSnapshot"), 1);

    // Once the learner deleted it, the step restores again and the lab finishes.
    lab.cloud.delete_instance(RESTORED).await.expect("delete");
    lab.wait_minutes(5);
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    assert_eq!(lab.restore_calls("RestoreDBInstanceFromDBSnapshot"), 2);
    assert_eq!(lab.check(StepId::Restore).await.state, StepState::Done);
}

/// A restore that ended badly brought nothing back: cleanup removes the broken instance on
/// every way, but never the snapshot that still holds the deleted todos, and says so; the
/// lab can restore from it again.
#[tokio::test(start_paused = true)]
async fn cleanup_after_a_failed_restore_keeps_the_snapshot_that_holds_the_todos() {
    let lab = Lab::new();
    lab.sim.set_restore_endings(vec![ending(
        "RestoreDBInstanceFromDBSnapshot",
        "incompatible-restore",
    )]);
    let options = lab.options();
    assert_ne!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    // Keeping the broken restore as well leaves nothing to remove: only going back has a plan.
    let path = CleanupPath::GoBack;
    let plan = lab
        .plan_of(
            StepId::Cleanup,
            &Options {
                cleanup: path,
                ..lab.options()
            },
        )
        .await;
    assert!(
        !plan
            .commands
            .iter()
            .any(|c| c.contains("delete-db-snapshot")),
        "{path:?}: {:?}",
        plan.commands
    );
    let notes: Vec<String> = plan.notes.iter().map(|n| n.render(Lang::En)).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("ondemandbackup stays: it holds your todos")),
        "{path:?}: {notes:?}"
    );

    let plan = lab
        .plan_of(
            StepId::Cleanup,
            &Options {
                cleanup: CleanupPath::GoBack,
                ..lab.options()
            },
        )
        .await;
    assert!(
        plan.commands
            .iter()
            .any(|c| c.contains("delete-db-instance"))
    );
    lab.confirm(&plan).await;
    lab.wait_minutes(10);
    assert!(
        lab.instance(RESTORED).await.is_none(),
        "the broken instance is gone"
    );
    assert!(
        lab.cloud
            .describe_snapshots("workshop-db")
            .await
            .expect("snapshots")
            .iter()
            .any(|s| s.id == "ondemandbackup"),
        "the snapshot stays"
    );
    // Cleanup is over: the snapshot it keeps is not one it still waits to remove, on the
    // screen or for `run cleanup`.
    let check = lab.check(StepId::Cleanup).await;
    assert_eq!(check.state, StepState::Done, "{}", check.render(Lang::En));
    assert!(
        check.render(Lang::En).contains("ondemandbackup stays"),
        "{}",
        check.render(Lang::En)
    );
    let go_back = Options {
        cleanup: CleanupPath::GoBack,
        ..lab.options()
    };
    assert_eq!(lab.rt.run(&[StepId::Cleanup], &go_back, true).await, 0);
    // From it, the restore runs again and brings the todos back.
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
}

/// Restored but never switched to, so the todos were never served again: going back deletes
/// the restored database, so the snapshot stays; keeping it lets the snapshot go.
#[tokio::test(start_paused = true)]
async fn going_back_before_the_todos_were_served_again_keeps_the_snapshot() {
    let lab = Lab::new();
    let options = lab.options();
    assert_eq!(
        lab.rt
            .run(
                &[
                    StepId::EnableBackups,
                    StepId::CreateTodos,
                    StepId::Snapshot,
                    StepId::DeleteTodos,
                    StepId::Restore
                ],
                &options,
                true
            )
            .await,
        0
    );
    let plan_for = |path| Options {
        cleanup: path,
        ..lab.options()
    };
    let back = lab
        .plan_of(StepId::Cleanup, &plan_for(CleanupPath::GoBack))
        .await;
    assert!(
        back.commands
            .iter()
            .any(|c| c.contains("delete-db-instance"))
    );
    assert!(
        !back
            .commands
            .iter()
            .any(|c| c.contains("delete-db-snapshot")),
        "{:?}",
        back.commands
    );
    let keep = lab
        .plan_of(StepId::Cleanup, &plan_for(CleanupPath::KeepRestored))
        .await;
    assert!(
        keep.commands
            .iter()
            .any(|c| c.contains("delete-db-snapshot"))
    );
}

#[tokio::test(start_paused = true)]
async fn every_terminal_status_has_its_meaning_and_advice_in_both_languages() {
    for status in InstanceStatus::TERMINAL {
        let lab = Lab::new();
        lab.sim
            .set_restore_endings(vec![ending("RestoreDBInstanceFromDBSnapshot", status)]);
        lab.perform(StepId::Snapshot).await;
        lab.wait_minutes(5);
        lab.perform(StepId::Restore).await;
        lab.wait_minutes(6);
        let check = lab.check(StepId::Restore).await;
        assert_eq!(check.state, StepState::Failed, "{status}");
        let texts = rendered(&check, StepId::Restore);
        assert!(
            texts[0].contains(status) && texts[2].contains(status),
            "{status}: {texts:?}"
        );
        // Each status says something of its own, not only the general words.
        let en = &texts[0];
        assert!(
            !en.contains("RDS gave up on the instance"),
            "{status}: {en}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_point_in_time_restore_that_ends_badly_fails_the_bonus_step() {
    let lab = Lab::new();
    lab.sim.set_restore_endings(vec![RestoreEnding {
        operation: None,
        calls: (1, 1),
        status: "incompatible-restore".into(),
    }]);
    lab.perform(StepId::EnableBackups).await;
    lab.wait_minutes(10);
    lab.perform(StepId::Pitr).await;
    lab.wait_minutes(6);
    let check = lab.check(StepId::Pitr).await;
    assert_eq!(check.state, StepState::Failed);
    let texts = rendered(&check, StepId::Pitr);
    assert!(
        texts[0].contains("to that point in time") && texts[1].contains("another point in time"),
        "{texts:?}"
    );
    let Ready::Blocked(text) = lab.ready_with(StepId::Pitr, &lab.options()).await else {
        panic!("no second restore by itself");
    };
    assert_eq!(text.id, "blocked-restore-ended");
}

#[tokio::test(start_paused = true)]
async fn an_unknown_status_is_shown_as_it_is_and_not_called_in_progress_forever() {
    let lab = Lab::new();
    lab.perform(StepId::Snapshot).await;
    lab.wait_minutes(5);
    lab.perform(StepId::Restore).await;
    lab.wait_minutes(1);
    lab.sim.console_status(
        RESTORED,
        InstanceStatus::Other("quarantined".into()),
        6 * 3600,
    );
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::InProgress);
    let shown = check.render(Lang::En);
    assert!(shown.contains("status quarantined"), "{shown}");
    assert!(shown.contains("does not know"), "{shown}");
    assert!(shown.contains("1 h"), "the bound is said: {shown}");
    // An hour after the request it is a failure that says so.
    lab.wait_minutes(60);
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::Failed);
    assert_eq!(check.problems[0].code.as_str(), "restore-status-unknown");
    let texts = rendered(&check, StepId::Restore);
    assert!(texts[0].contains("quarantined"), "{texts:?}");
    assert!(texts[0].contains("no longer calls this"), "{texts:?}");
}

fn bin(state: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_backup-lab"));
    c.env("BACKUP_LAB_STATE_DIR", state)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
    c
}

/// The fault as a learner or instructor gives it, and what `run` and `status` then say.
#[test]
fn the_fault_makes_run_fail_and_status_name_the_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = bin(dir.path())
        .args([
            "--sim",
            "--speed",
            "300",
            "--faults",
            "RestoreDBInstanceFromDBSnapshot=storage-full@1",
            "run",
            "--all",
            "--yes",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ended in the status storage-full"), "{err}");
    assert!(
        err.contains("Allocated storage larger than 100 GiB"),
        "{err}"
    );
    let status = bin(dir.path())
        .args(["--sim", "--lang", "de", "status"])
        .output()
        .expect("status");
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(
        text.contains("✘ workshop-db-restore ist im Status storage-full"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// The point-in-time restore's point

/// Backups on and available, the five todos made and seen, the snapshot available.
async fn before_the_disaster(lab: &Lab) {
    lab.perform(StepId::EnableBackups).await;
    lab.wait_minutes(5);
    lab.perform(StepId::CreateTodos).await;
    lab.look().await;
    lab.perform(StepId::Snapshot).await;
    lab.wait_minutes(5);
    lab.look().await;
}

#[tokio::test(start_paused = true)]
async fn the_restore_point_is_a_whole_second_with_all_todos_even_right_after_they_were_made() {
    let lab = Lab::new();
    lab.perform(StepId::EnableBackups).await;
    lab.wait_minutes(5);
    lab.perform(StepId::Snapshot).await;
    lab.wait_minutes(5);
    lab.look().await;
    // The todos are made in the middle of a second, seen once, and deleted 20 s later: the
    // minute before the deletion lies partly before they existed, and the second they were
    // first seen in began before the last of them was made.
    tokio::time::sleep(std::time::Duration::from_millis(37)).await;
    lab.perform(StepId::CreateTodos).await;
    lab.look().await;
    tokio::time::sleep(std::time::Duration::from_secs(20) / 15).await;
    lab.perform(StepId::DeleteTodos).await;
    lab.look().await;
    lab.wait_minutes(6);
    let plan = lab.plan_of(StepId::Pitr, &lab.options()).await;
    let Request::Pitr(request) = &plan.request else {
        panic!("a point-in-time restore");
    };
    let point = request.restore_time.expect("a point");
    assert_eq!(point.subsec_nanosecond(), 0, "a whole second");
    lab.confirm(&plan).await;
    lab.wait_minutes(20);
    let check = lab.check(StepId::Pitr).await;
    assert_eq!(check.state, StepState::Done, "{}", check.render(Lang::En));
    assert!(
        check.render(Lang::En).contains("5 todos again"),
        "{}",
        check.render(Lang::En)
    );
}

#[tokio::test(start_paused = true)]
async fn a_deletion_nobody_watched_goes_to_the_last_moment_the_list_was_seen_and_says_so() {
    let lab = Lab::new();
    before_the_disaster(&lab).await;
    lab.wait_minutes(2);
    lab.look().await;
    let last_seen = lab.cloud.now();
    // backup-lab is not running: the todos go in the app, ten minutes later.
    lab.wait_minutes(10);
    let deleted = lab.cloud.now();
    for todo in lab.cloud.list_todos().await.expect("todos") {
        lab.cloud.delete_todo(&todo.id).await.expect("delete");
    }
    lab.wait_minutes(20);
    lab.look().await;
    let aim = steps::pitr_aim(&lab.rt.journal.lock().expect("journal"));
    let steps::PitrAim::BeforeDisaster {
        point,
        watched,
        full_until,
        ..
    } = aim
    else {
        panic!("the deletion is noted: {aim:?}");
    };
    assert!(!watched);
    assert_eq!(full_until.as_second(), last_seen.as_second());
    assert_eq!(point.as_second(), last_seen.as_second());
    assert!(point < deleted);
    let check = lab.check(StepId::Pitr).await.render(Lang::En);
    assert!(
        check.contains("while backup-lab was not watching"),
        "{check}"
    );
    let plan = lab.plan_of(StepId::Pitr, &lab.options()).await;
    let notes: Vec<String> = plan.notes.iter().map(|n| n.render(Lang::En)).collect();
    assert!(
        notes.iter().any(
            |n| n.contains("when exactly they went is unknown") && n.contains("--restore-time")
        ),
        "{notes:?}"
    );
    // The learner knows better: a moment just before the deletion.
    let tz = lab.rt.config.timezone();
    let chosen = deleted
        .checked_sub(jiff::SignedDuration::from_secs(30))
        .expect("time");
    let typed = chosen.to_zoned(tz).strftime("%H:%M:%S").to_string();
    let options = Options {
        restore_time: Some(typed),
        ..lab.options()
    };
    let plan = lab.plan_of(StepId::Pitr, &options).await;
    let Request::Pitr(request) = &plan.request else {
        panic!("a point-in-time restore");
    };
    assert_eq!(
        request.restore_time.map(jiff::Timestamp::as_second),
        Some(chosen.as_second())
    );
    lab.confirm(&plan).await;
    lab.wait_minutes(20);
    let check = lab.check(StepId::Pitr).await;
    assert_eq!(check.state, StepState::Done, "{}", check.render(Lang::En));
    let shown = check.render(Lang::En);
    assert!(shown.contains("5 todos again"), "{shown}");
    assert!(
        shown.contains("while backup-lab was not watching"),
        "{shown}"
    );
    // A moment outside the restorable window is refused before anything is sent.
    let options = Options {
        restore_time: Some("2020-01-01T00:00:00Z".into()),
        ..lab.options()
    };
    lab.cloud.delete_instance(PITR).await.expect("delete");
    lab.wait_minutes(5);
    let Ready::Blocked(text) = lab.ready_with(StepId::Pitr, &options).await else {
        panic!("refused");
    };
    assert_eq!(text.id, "blocked-pitr-chosen-outside");
}

#[tokio::test(start_paused = true)]
async fn a_chosen_moment_after_the_deletion_is_told_as_chosen_not_as_the_latest_restorable_time() {
    let lab = Lab::new();
    before_the_disaster(&lab).await;
    lab.perform(StepId::DeleteTodos).await;
    lab.look().await;
    lab.wait_minutes(10);
    let src = lab.instance("workshop-db").await.expect("source");
    let latest = src.latest_restorable.expect("restorable");
    // The learner names a moment after the deletion, well before the latest restorable time.
    let chosen = latest
        .checked_sub(jiff::SignedDuration::from_secs(120))
        .expect("time");
    let options = Options {
        restore_time: Some(chosen.to_string()),
        ..lab.options()
    };
    lab.perform_with(StepId::Pitr, &options).await;
    lab.wait_minutes(20);
    lab.look().await;
    let check = lab.check(StepId::Pitr).await;
    let shown = check.render(Lang::En);
    let point = backup_lab::format::clock(chosen, &lab.rt.config.timezone());
    assert!(
        shown.contains(&format!("holds the state of {point}, the moment you chose")),
        "{shown}"
    );
    assert!(!shown.contains("latest restorable time"), "{shown}");
    assert!(!shown.contains("how small an RPO"), "{shown}");
    let shown = check.render(Lang::De);
    assert!(shown.contains("den du gewählt hast"), "{shown}");
}

#[tokio::test(start_paused = true)]
async fn a_restore_made_before_any_todo_existed_says_there_were_none_yet_not_after_a_deletion() {
    let lab = Lab::new();
    lab.perform(StepId::EnableBackups).await;
    lab.wait_minutes(10);
    lab.look().await;
    lab.perform(StepId::Pitr).await;
    lab.wait_minutes(20);
    lab.look().await;
    let check = lab.check(StepId::Pitr).await;
    assert_eq!(check.state, StepState::Done, "{}", check.render(Lang::En));
    let shown = check.render(Lang::En);
    assert!(shown.contains("there were none yet"), "{shown}");
    assert!(!shown.contains("after the deletion"), "{shown}");
}

#[tokio::test(start_paused = true)]
async fn a_restore_point_that_misses_the_todos_fails_the_step_and_aws_says_expected() {
    let lab = Lab::new();
    before_the_disaster(&lab).await;
    lab.perform(StepId::DeleteTodos).await;
    lab.look().await;
    lab.wait_minutes(6);
    // A moment before the todos existed, chosen by mistake.
    let first = lab
        .rt
        .journal
        .lock()
        .expect("journal")
        .events()
        .iter()
        .find(|e| matches!(&e.kind, EventKind::Todos { todos } if todos.len() == 5))
        .map(|e| e.at)
        .expect("todos seen");
    let options = Options {
        restore_time: Some(
            first
                .checked_sub(jiff::SignedDuration::from_secs(90))
                .expect("time")
                .to_string(),
        ),
        ..lab.options()
    };
    let plan = lab.plan_of(StepId::Pitr, &options).await;
    lab.confirm(&plan).await;
    lab.wait_minutes(20);
    let check = lab.check(StepId::Pitr).await;
    assert_eq!(check.state, StepState::Failed, "{}", check.render(Lang::En));
    let shown = check.render(Lang::En);
    assert!(shown.contains("before the todos existed"), "{shown}");
    // On AWS the app does not read the copy: the check says what it is expected to hold.
    let mut observed = lab.observed().await;
    observed.pitr_todos = None;
    let journal = lab.rt.journal.lock().expect("journal");
    let aws = steps::check(
        StepId::Pitr,
        &Ctx {
            observed: &observed,
            journal: &journal,
            config: &lab.rt.config,
            now: lab.cloud.now(),
        },
    )
    .expect("check");
    let shown = aws.render(Lang::En);
    assert!(shown.contains("is expected to hold"), "{shown}");
    assert!(!shown.contains("holds\n"), "{shown}");
    assert!(journal.has(Kind::PitrRequested));
}

// ---------------------------------------------------------------------------------------------
// The rest unchanged, deletion protection, severity

#[tokio::test(start_paused = true)]
async fn a_restore_carries_the_remaining_settings_and_cleanup_lifts_deletion_protection() {
    let lab = Lab::new();
    lab.sim.console_modify("workshop-db", |db| {
        db.storage_type = Some("gp3".into());
        db.storage_throughput = Some(500);
        db.publicly_accessible = Some(true);
        db.copy_tags_to_snapshot = Some(false);
        db.auto_minor_version_upgrade = Some(false);
        db.deletion_protection = true;
    });
    let options = lab.options();
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    let restored = lab.instance(RESTORED).await.expect("restored");
    assert_eq!(restored.storage_throughput, Some(500));
    assert_eq!(restored.publicly_accessible, Some(true));
    assert_eq!(restored.copy_tags_to_snapshot, Some(false));
    assert_eq!(restored.auto_minor_version_upgrade, Some(false));
    assert!(restored.deletion_protection);
    // The simulation refuses to delete it, as RDS does.
    let refused = lab
        .cloud
        .delete_instance(RESTORED)
        .await
        .expect_err("protected");
    assert_eq!(refused.code.as_str(), "InvalidParameterCombination");

    // Cleanup says it turns the protection off, and does, on the lab's instance only.
    let plan = lab
        .plan_of(
            StepId::Cleanup,
            &Options {
                cleanup: CleanupPath::GoBack,
                ..lab.options()
            },
        )
        .await;
    let notes: Vec<String> = plan.notes.iter().map(|n| n.render(Lang::En)).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("Deletion protection is on for workshop-db-restore")),
        "{notes:?}"
    );
    assert!(
        plan.commands
            .iter()
            .any(|c| c.contains("workshop-db-restore --no-deletion-protection")),
        "{:?}",
        plan.commands
    );
    lab.confirm(&plan).await;
    lab.wait_minutes(5);
    assert!(lab.instance(RESTORED).await.is_none(), "deleted");
    assert!(
        lab.instance("workshop-db")
            .await
            .expect("original")
            .deletion_protection,
        "the original keeps its protection"
    );
}

#[tokio::test(start_paused = true)]
async fn what_the_chapters_console_path_yields_is_a_note_and_the_step_is_done() {
    let lab = Lab::new();
    lab.sim.console_modify("workshop-db", |db| {
        db.parameter_group = Some("workshop-mysql80".into());
    });
    lab.perform(StepId::Snapshot).await;
    lab.wait_minutes(5);
    // The console with the chapter's settings and the rest as the page offers it: gp3,
    // the engine's default parameter and option group.
    lab.cloud
        .restore_from_snapshot(&RestoreRequest {
            instance_id: RESTORED.into(),
            snapshot_id: "ondemandbackup".into(),
            settings: RestoreSettings {
                class: "db.t3.micro".into(),
                multi_az: true,
                security_groups: vec![LAB_SG.into()],
                subnet_group: Some("workshop-db-subnet-group".into()),
                // The console's default for Public access.
                publicly_accessible: Some(false),
                ..RestoreSettings::default()
            },
        })
        .await
        .expect("restore");
    lab.wait_minutes(16);
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::Done, "{}", check.render(Lang::En));
    let codes: Vec<(&str, Severity)> = check
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.severity))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("restore-storage-type", Severity::Note),
            ("restore-parameter-group", Severity::Note),
        ]
    );
    let doc = lab.rt.document(&lab.observed().await);
    let restore = serde_json::to_value(doc.steps.iter().find(|s| s.id == "restore")).expect("json");
    assert_eq!(restore["state"], "done");
    assert_eq!(restore["problems"][0]["severity"], "note");
    assert!(
        restore["problems"][0]["fix"]
            .as_str()
            .is_some_and(|f| f.starts_with("Nothing to do for the lab")),
        "{restore}"
    );
    // The step's line leads with the verdict, the notes follow.
    assert!(
        restore["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("workshop-db-restore is available")),
        "{restore}"
    );
    // Nothing to mend: Enter does nothing more on this step.
    assert!(matches!(
        lab.ready_with(StepId::Restore, &lab.options()).await,
        Ready::AlreadyDone(_)
    ));
    // What the chapter asks for stays a failure.
    lab.cloud.delete_instance(RESTORED).await.expect("delete");
    lab.wait_minutes(5);
    lab.cloud
        .restore_from_snapshot(&RestoreRequest {
            instance_id: RESTORED.into(),
            snapshot_id: "ondemandbackup".into(),
            settings: RestoreSettings {
                class: "db.t3.large".into(),
                multi_az: true,
                security_groups: vec![LAB_SG.into()],
                subnet_group: Some("workshop-db-subnet-group".into()),
                ..RestoreSettings::default()
            },
        })
        .await
        .expect("restore");
    lab.wait_minutes(16);
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::Failed);
    assert_eq!(check.problems[0].code.as_str(), "restore-class");
    assert_eq!(check.problems[0].severity, Severity::Failure);
}

#[tokio::test(start_paused = true)]
async fn cleanup_names_the_adopted_restore_where_the_copy_back_stops() {
    let lab = Lab::new();
    // Restored in the console under another name, then adopted by the run (Enter, y).
    lab.perform(StepId::EnableBackups).await;
    lab.wait_minutes(5);
    lab.perform(StepId::CreateTodos).await;
    lab.look().await;
    lab.perform(StepId::Snapshot).await;
    lab.wait_minutes(5);
    lab.look().await;
    lab.perform(StepId::DeleteTodos).await;
    lab.look().await;
    lab.cloud
        .restore_from_snapshot(&RestoreRequest {
            instance_id: "my-restore".into(),
            snapshot_id: "ondemandbackup".into(),
            settings: RestoreSettings {
                class: "db.t3.micro".into(),
                multi_az: true,
                security_groups: vec![LAB_SG.into()],
                subnet_group: Some("workshop-db-subnet-group".into()),
                storage_type: Some("gp2".into()),
                ..RestoreSettings::default()
            },
        })
        .await
        .expect("restore");
    lab.wait_minutes(16);
    let options = lab.options();
    assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
    assert!(
        lab.instance(RESTORED).await.is_none(),
        "adopted, not restored again"
    );
    lab.sim.set_dump_faults(
        backup_lab::cloud::faults::Spec::parse("RunTask=db-unreachable@1")
            .expect("spec")
            .dump_faults(),
    );
    let error = backup_lab::lab::runner::perform(
        StepId::Cleanup,
        lab.cloud.as_ref(),
        &lab.rt.config,
        &lab.rt.journal,
        &Options {
            cleanup: CleanupPath::CopyBack,
            ..options
        },
        &|_| {},
    )
    .await
    .expect_err("the copy fails");
    for lang in [Lang::En, Lang::De] {
        let text = backup_lab::ui_text::action_error_text(&error).render(lang);
        assert!(text.contains("my-restore"), "{text}");
        assert!(!text.contains(RESTORED), "{text}");
    }
}
