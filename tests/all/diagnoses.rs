//! The console learner's slips, made with direct calls as the console makes them, against the
//! simulated account: each is named by its code, says what happened (detail) and what to do
//! (fix, with the console path), in both languages; mending it turns the step done.

use std::sync::{Arc, Mutex};

use crate::support::lab::SimLab;
use backup_lab::cloud::{BackupSettings, Cloud, Container, InstanceStatus, SnapshotRequest};
use backup_lab::config::Config;
use backup_lab::headless::Runtime;
use backup_lab::i18n::Lang;
use backup_lab::lab::journal::Journal;
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::{self, Options, Request};
use backup_lab::lab::revisions::Revisions as _;
use backup_lab::lab::steps::{self, Ctx};
use backup_lab::lab::{Check, Problem, ProblemCode, StepId, StepState};

const SOURCE_EP: &str = "workshop-db.c9xk2mplq7ab.us-east-1.rds.amazonaws.com";
const RESTORED_EP: &str = "workshop-db-restore.c9xk2mplq7ab.us-east-1.rds.amazonaws.com";
const BASE: &str = "workshop-backend:1";
const CONTAINER: &str = "container-backend";

type Lab = SimLab;

fn lab() -> Lab {
    SimLab::new()
}

impl Lab {
    async fn ready(&self, step: StepId) -> plan::Ready {
        self.ready_with(step, &Options::from_config(&self.rt.config))
            .await
    }

    async fn act(&self, step: StepId) -> Vec<String> {
        backup_lab::lab::runner::perform(
            step,
            self.cloud.as_ref(),
            &self.rt.config,
            &self.rt.journal,
            &Options::from_config(&self.rt.config),
            &|_| {},
        )
        .await
        .map_or_else(
            |e| panic!("{step:?}: {e}"),
            |lines| lines.iter().map(|l| l.render(Lang::En)).collect(),
        )
    }

    /// Waits (simulated) until `step` is done, looking every minute; false after `limit`.
    async fn done_within(&self, step: StepId, limit: u64) -> bool {
        for _ in 0..limit {
            if self.check(step).await.state == StepState::Done {
                return true;
            }
            self.wait_minutes(1);
        }
        self.check(step).await.state == StepState::Done
    }

    /// `ondemandbackup` taken in the console (Take snapshot), as the learner would.
    async fn console_snapshot(&self) {
        self.cloud
            .create_snapshot(&SnapshotRequest {
                instance_id: "workshop-db".into(),
                snapshot_id: "ondemandbackup".into(),
                tags: Vec::new(),
            })
            .await
            .expect("snapshot in the console");
    }

    /// Todos, snapshot, disaster and restore done by the lab: the learner is at the switch.
    async fn at_the_switch(&self) {
        self.act(StepId::CreateTodos).await;
        self.observed().await;
        self.act(StepId::Snapshot).await;
        assert!(self.done_within(StepId::Snapshot, 30).await);
        self.act(StepId::DeleteTodos).await;
        self.act(StepId::Restore).await;
        assert!(self.done_within(StepId::Restore, 60).await);
    }

    /// Registers a revision with `name` = `value` in the backend's container and runs it.
    async fn deploy_env(&self, name: &str, value: &str) -> u32 {
        let td = self
            .cloud
            .register_revision(BASE, CONTAINER, name, value)
            .await
            .expect("register");
        self.cloud
            .update_service("workshop-cluster", "backend-service", &td.arn)
            .await
            .expect("update");
        td.revision
    }
}

/// The diagnosis `code` of `check`, rendered: (detail, fix) in English and German.
fn diagnosis(check: &Check, code: &str) -> (String, String, String, String) {
    let p: &Problem = check
        .find(code.parse().expect("a diagnosis code"))
        .unwrap_or_else(|| {
            panic!(
                "{code} expected, found {:?}: {}",
                check.problems.iter().map(|p| &p.code).collect::<Vec<_>>(),
                check.render(Lang::En)
            )
        });
    let texts = (
        p.detail.render(Lang::En),
        p.fix.render(Lang::En),
        p.detail.render(Lang::De),
        p.fix.render(Lang::De),
    );
    for text in [&texts.0, &texts.1, &texts.2, &texts.3] {
        assert!(
            !text.starts_with("problem-"),
            "{code} has its texts: {text}"
        );
        assert!(!text.contains("{$"), "{code}: a fact is missing: {text}");
    }
    assert_ne!(texts.0, texts.2, "{code} is translated");
    texts
}

#[tokio::test(start_paused = true)]
async fn a_backup_change_without_apply_immediately_names_the_maintenance_window_in_local_time() {
    let lab = lab();
    lab.cloud
        .modify_backup(&BackupSettings {
            instance_id: "workshop-db".into(),
            retention_days: 1,
            window_utc: "02:00-02:30".parse().expect("window"),
            apply_immediately: false,
        })
        .await
        .expect("modify");
    let check = lab.check(StepId::EnableBackups).await;
    assert_eq!(check.state, StepState::Failed);
    let (detail, fix, de, de_fix) = diagnosis(&check, "backup-pending-maintenance");
    // The window is sun:08:00-sun:08:30 UTC; 2026-11-25 is a Wednesday; Zurich is UTC+1.
    assert!(detail.contains("2026-11-29 09:00"), "{detail}");
    assert!(detail.contains("Apply immediately"), "{detail}");
    assert!(
        fix.contains("Modify") && fix.contains("Apply immediately"),
        "{fix}"
    );
    assert!(de.contains("Wartungsfenster"), "{de}");
    assert!(de_fix.contains("Drücke Enter"), "{de_fix}");
    // Enter applies it now.
    let plan::Ready::Plan(plan) = lab.ready(StepId::EnableBackups).await else {
        panic!("a plan that applies the change");
    };
    assert!(
        plan.commands[0].contains("--apply-immediately"),
        "{:?}",
        plan.commands
    );
    lab.act(StepId::EnableBackups).await;
    assert!(lab.done_within(StepId::EnableBackups, 30).await);
}

#[tokio::test(start_paused = true)]
async fn a_backup_window_typed_in_local_time_shows_what_it_is_locally_and_what_to_enter() {
    let lab = lab();
    lab.cloud
        .modify_backup(&BackupSettings {
            instance_id: "workshop-db".into(),
            retention_days: 1,
            window_utc: "03:00-03:30".parse().expect("window"),
            apply_immediately: true,
        })
        .await
        .expect("modify");
    lab.wait_minutes(20);
    let check = lab.check(StepId::EnableBackups).await;
    assert_eq!(check.state, StepState::Failed, "{}", check.render(Lang::En));
    let (detail, fix, _, _) = diagnosis(&check, "backup-window-as-local");
    assert!(detail.contains("03:00-03:30 UTC"), "{detail}");
    assert!(detail.contains("04:00-04:30"), "{detail}");
    assert!(fix.contains("02:00-02:30"), "{fix}");
    assert!(fix.contains("Backup window"), "{fix}");
    lab.act(StepId::EnableBackups).await;
    assert!(lab.done_within(StepId::EnableBackups, 30).await);
}

#[tokio::test(start_paused = true)]
async fn another_retention_is_named_with_both_values() {
    let lab = lab();
    lab.cloud
        .modify_backup(&BackupSettings {
            instance_id: "workshop-db".into(),
            retention_days: 7,
            window_utc: "02:00-02:30".parse().expect("window"),
            apply_immediately: true,
        })
        .await
        .expect("modify");
    lab.wait_minutes(20);
    let check = lab.check(StepId::EnableBackups).await;
    let (detail, fix, de, _) = diagnosis(&check, "backup-retention-other");
    assert!(
        detail.contains("7 days") && detail.contains("1 day"),
        "{detail}"
    );
    assert!(fix.contains("Backup retention period 1"), "{fix}");
    assert!(de.contains("7 Tage"), "{de}");
    assert!(
        check.short(Lang::En).contains("Retention 7 instead of 1"),
        "{}",
        check.short(Lang::En)
    );
    lab.act(StepId::EnableBackups).await;
    assert!(lab.done_within(StepId::EnableBackups, 30).await);
}

#[tokio::test(start_paused = true)]
async fn a_snapshot_under_another_name_is_found_and_the_right_one_taken() {
    let lab = lab();
    lab.cloud
        .create_snapshot(&SnapshotRequest {
            instance_id: "workshop-db".into(),
            snapshot_id: "ondemand-backup".into(),
            tags: Vec::new(),
        })
        .await
        .expect("snapshot");
    let check = lab.check(StepId::Snapshot).await;
    assert_eq!(check.state, StepState::Failed);
    let (detail, fix, _, _) = diagnosis(&check, "snapshot-other-name");
    assert!(detail.contains("ondemand-backup"), "{detail}");
    assert!(detail.contains("none named ondemandbackup"), "{detail}");
    assert!(fix.contains("Take snapshot"), "{fix}");
    lab.act(StepId::Snapshot).await;
    assert!(lab.done_within(StepId::Snapshot, 30).await);
}

/// A snapshot status this program does not know (or `copying`) is shown as RDS wrote it and
/// judged as work under way: never done, and not failed either; `failed` is.
#[tokio::test(start_paused = true)]
async fn a_snapshot_in_a_status_rds_may_add_is_shown_as_it_is_and_not_done() {
    use backup_lab::cloud::SnapshotStatus;
    let lab = lab();
    lab.act(StepId::Snapshot).await;
    assert!(lab.done_within(StepId::Snapshot, 30).await);
    let observed = lab.observed().await;
    for (status, state) in [
        ("being-teleported", StepState::InProgress),
        ("copying", StepState::InProgress),
        ("failed", StepState::Failed),
    ] {
        let mut o = observed.clone();
        for s in o.snapshots.value.iter_mut().flatten() {
            s.status = SnapshotStatus::from(status);
        }
        let journal = lab.rt.journal.lock().expect("journal");
        let check = steps::check(
            StepId::Snapshot,
            &Ctx {
                observed: &o,
                journal: &journal,
                config: &lab.rt.config,
                now: lab.cloud.now(),
            },
        )
        .expect("check");
        assert_eq!(check.state, state, "{status}");
        let detail = check.details[0].render(Lang::En);
        assert!(detail.contains(status), "{status}: {detail}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_snapshot_of_another_instance_under_the_lab_name_is_found() {
    let lab = lab();
    // Another database in the account (an earlier course's copy), restored from a snapshot.
    lab.cloud
        .create_snapshot(&SnapshotRequest {
            instance_id: "workshop-db".into(),
            snapshot_id: "course-copy".into(),
            tags: Vec::new(),
        })
        .await
        .expect("snapshot");
    lab.wait_minutes(10);
    lab.cloud
        .restore_from_snapshot(&backup_lab::cloud::RestoreRequest {
            instance_id: "reporting-db".into(),
            snapshot_id: "course-copy".into(),
            settings: backup_lab::cloud::RestoreSettings {
                class: "db.t3.micro".into(),
                ..backup_lab::cloud::RestoreSettings::default()
            },
        })
        .await
        .expect("restore");
    lab.wait_minutes(40);
    lab.cloud
        .delete_snapshot("course-copy")
        .await
        .expect("delete");
    lab.wait_minutes(5);
    // The learner picks the wrong database before "Take snapshot".
    lab.cloud
        .create_snapshot(&SnapshotRequest {
            instance_id: "reporting-db".into(),
            snapshot_id: "ondemandbackup".into(),
            tags: Vec::new(),
        })
        .await
        .expect("snapshot of the wrong instance");
    lab.wait_minutes(10);
    let check = lab.check(StepId::Snapshot).await;
    assert_eq!(check.state, StepState::Failed);
    let (detail, fix, de, _) = diagnosis(&check, "snapshot-other-instance");
    assert!(
        detail.contains("a snapshot of reporting-db, not of workshop-db"),
        "{detail}"
    );
    assert!(
        fix.contains("Delete snapshot") && fix.contains("Take snapshot"),
        "{fix}"
    );
    assert!(de.contains("falsche Datenbank"), "{de}");
    // Enter does not try to take a snapshot under a taken name.
    assert!(matches!(
        lab.ready(StepId::Snapshot).await,
        plan::Ready::Blocked(_)
    ));
    lab.cloud
        .delete_snapshot("ondemandbackup")
        .await
        .expect("delete");
    lab.wait_minutes(5);
    lab.act(StepId::Snapshot).await;
    assert!(lab.done_within(StepId::Snapshot, 30).await);
}

#[tokio::test(start_paused = true)]
async fn todos_deleted_while_the_snapshot_is_made_are_said_to_be_fine() {
    let lab = lab();
    lab.act(StepId::CreateTodos).await;
    lab.observed().await;
    lab.act(StepId::Snapshot).await;
    for todo in lab.cloud.list_todos().await.expect("todos") {
        lab.cloud.delete_todo(&todo.id).await.expect("delete");
    }
    let check = lab.check(StepId::DeleteTodos).await;
    assert_eq!(check.state, StepState::InProgress);
    let (detail, fix, de, _) = diagnosis(&check, "snapshot-creating-todos-deleted");
    assert!(detail.contains("That is fine"), "{detail}");
    assert!(detail.contains("the 5 todos are in it"), "{detail}");
    assert!(fix.contains("Nothing to do"), "{fix}");
    assert!(de.contains("in Ordnung"), "{de}");
    let snapshot = lab.check(StepId::Snapshot).await;
    // A reassurance: a note, never a failure.
    assert_eq!(
        snapshot
            .find(ProblemCode::SnapshotCreatingTodosDeleted)
            .map(|p| p.severity),
        Some(backup_lab::lab::Severity::Note)
    );
    assert!(lab.done_within(StepId::DeleteTodos, 30).await);
    // The snapshot holds the todos: the restore brings them back.
    assert!(lab.done_within(StepId::Snapshot, 1).await);
}

/// The chapter's slip of taking the snapshot after the todos are gone: backup-lab refuses to
/// take it (the app shows none), and one taken in the console is named as holding none, at the
/// snapshot and again when the restored app shows no todos, never called fine.
#[tokio::test(start_paused = true)]
async fn a_snapshot_after_the_deletion_is_refused_and_one_taken_in_the_console_is_named() {
    let lab = lab();
    lab.act(StepId::CreateTodos).await;
    lab.observed().await;
    for todo in lab.cloud.list_todos().await.expect("todos") {
        lab.cloud.delete_todo(&todo.id).await.expect("delete");
    }
    lab.observed().await;
    lab.wait_minutes(1);
    match lab.ready(StepId::Snapshot).await {
        plan::Ready::Blocked(why) => {
            let why = why.render(Lang::En);
            assert!(
                why.contains("the todos are deleted and the app shows none"),
                "{why}"
            );
            assert!(why.contains("“Add 5 todos”"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    lab.console_snapshot().await;
    for step in [StepId::Snapshot, StepId::DeleteTodos] {
        let check = lab.check(step).await;
        assert!(
            check
                .find(ProblemCode::SnapshotCreatingTodosDeleted)
                .is_none(),
            "{step:?}: {}",
            check.render(Lang::En)
        );
    }
    lab.wait_minutes(10);
    let check = lab.check(StepId::Snapshot).await;
    assert_eq!(check.state, StepState::Failed);
    let (detail, fix, de, _) = diagnosis(&check, "snapshot-after-deletion");
    assert!(
        detail.contains("showed 5 todos before and none"),
        "{detail}"
    );
    assert!(detail.contains("brings none back"), "{detail}");
    assert!(
        fix.contains("Add 5 todos") && fix.contains("Delete snapshot"),
        "{fix}"
    );
    assert!(de.contains("nachdem die ToDos gelöscht waren"), "{de}");
    // Restored and switched anyway: the empty app is put down to the snapshot.
    lab.act(StepId::Restore).await;
    assert!(lab.done_within(StepId::Restore, 60).await);
    lab.act(StepId::SwitchBackend).await;
    assert!(lab.done_within(StepId::SwitchBackend, 30).await);
    let verify = lab.check(StepId::Verify).await;
    assert_eq!(verify.state, StepState::Failed);
    diagnosis(&verify, "snapshot-after-deletion");
}

#[tokio::test(start_paused = true)]
async fn a_snapshot_taken_before_the_todos_is_to_be_taken_again() {
    let lab = lab();
    lab.observed().await;
    lab.console_snapshot().await;
    assert!(lab.done_within(StepId::Snapshot, 30).await);
    lab.wait_minutes(5);
    lab.act(StepId::CreateTodos).await;
    lab.observed().await;
    let check = lab.check(StepId::Snapshot).await;
    assert_eq!(check.state, StepState::Failed);
    let (detail, fix, _, _) = diagnosis(&check, "snapshot-before-todos");
    assert!(detail.contains("had 0 todos; 5 came later"), "{detail}");
    assert!(
        fix.contains("Delete snapshot") && fix.contains("Take snapshot"),
        "{fix}"
    );
    // Mended in the console: deleted and taken again.
    lab.cloud
        .delete_snapshot("ondemandbackup")
        .await
        .expect("delete");
    lab.wait_minutes(5);
    lab.observed().await;
    lab.act(StepId::Snapshot).await;
    assert!(lab.done_within(StepId::Snapshot, 30).await);
}

/// A crash tore the journal's line from the time the todos came: whether the snapshot was
/// taken before them cannot be told, and the check says so instead of calling it too early.
#[tokio::test(start_paused = true)]
async fn a_gap_in_the_journal_makes_the_snapshot_diagnosis_say_it_cannot_tell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = Arc::new(backup_lab::cloud::sim::SimCloud::paced(
        crate::support::lab::START.parse().expect("time"),
        15.0,
        backup_lab::cloud::sim::WorldNames::default(),
    ));
    let lab = SimLab::on(
        sim.clone(),
        Journal::open(dir.path(), "sim-gap").expect("journal"),
    );
    lab.observed().await;
    lab.console_snapshot().await;
    assert!(lab.done_within(StepId::Snapshot, 30).await);
    lab.wait_minutes(5);
    lab.act(StepId::CreateTodos).await;
    lab.observed().await;
    let whole = lab.check(StepId::Snapshot).await;
    assert_eq!(whole.state, StepState::Failed, "{}", whole.render(Lang::En));
    drop(lab);
    // The line before the first look that saw the todos was torn by a crash.
    let path = dir.path().join("journal").join("sim-gap.jsonl");
    let text = std::fs::read_to_string(&path).expect("journal");
    let mut lines: Vec<&str> = text.lines().collect();
    let seen = lines
        .iter()
        .position(|l| l.contains("\"kind\":\"todos\"") && !l.contains("\"todos\":[]"))
        .expect("the todos were seen");
    lines.insert(seen, "{\"at\":\"2026-11-25T09:1");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write");
    let lab = SimLab::on(sim, Journal::read(dir.path(), "sim-gap").expect("journal"));
    let check = lab.check(StepId::Snapshot).await;
    assert_eq!(check.state, StepState::Done, "{}", check.render(Lang::En));
    assert!(check.find(ProblemCode::SnapshotBeforeTodos).is_none());
    let (detail, fix, de, _) = diagnosis(&check, "snapshot-todos-untold");
    assert!(detail.contains("is unknown"), "{detail}");
    assert!(fix.contains("after the restore"), "{fix}");
    assert!(de.contains("lässt sich nicht sagen"), "{de}");
}

/// Each wrong form of DB_HOST, deployed as the console does, and its diagnosis.
#[tokio::test(start_paused = true)]
async fn every_wrong_db_host_is_named_with_the_exact_value_to_enter() {
    let lab = lab();
    lab.at_the_switch().await;
    let cases: [(String, &str, &str); 10] = [
        (
            "ondemandbackup".into(),
            "db-host-snapshot-name",
            "snapshot's name",
        ),
        (format!("{RESTORED_EP}:3306"), "db-host-port", ":3306"),
        (
            format!("mysql://{RESTORED_EP}"),
            "db-host-scheme",
            "mysql://",
        ),
        (
            format!("http://{RESTORED_EP}/"),
            "db-host-scheme",
            "http://",
        ),
        (format!(" {RESTORED_EP} "), "db-host-spaces", "spaces"),
        (
            format!("{RESTORED_EP}."),
            "db-host-trailing-dot",
            "dot at the end",
        ),
        (
            "arn:aws:rds:us-east-1:123456789012:db:workshop-db-restore".into(),
            "db-host-arn",
            "ARN",
        ),
        (
            "workshop-db-restore".into(),
            "db-host-identifier",
            "identifier",
        ),
        (String::new(), "db-host-empty", "empty"),
        (
            "db.example.org".into(),
            "db-host-elsewhere",
            "not an endpoint",
        ),
    ];
    for (value, code, said) in cases {
        let revision = lab.deploy_env("DB_HOST", &value).await;
        let check = lab.check(StepId::SwitchBackend).await;
        assert_eq!(check.state, StepState::Failed, "{value:?}");
        let (detail, fix, _, de_fix) = diagnosis(&check, code);
        assert!(detail.contains(said), "{value:?}: {detail}");
        assert!(fix.contains(RESTORED_EP), "{value:?}: {fix}");
        assert!(fix.contains("Enter"), "{value:?}: {fix}");
        assert!(de_fix.contains("Enter"), "{value:?}: {de_fix}");
        if code == "db-host-empty" {
            assert!(detail.contains(&format!("revision {revision}")), "{detail}");
        } else {
            assert!(detail.contains(&format!("“{value}”")), "{detail}");
        }
    }
    // Enter mends it: a revision with the endpoint, rolled out.
    let plan::Ready::Plan(plan) = lab.ready(StepId::SwitchBackend).await else {
        panic!("a plan");
    };
    assert!(matches!(plan.request, Request::SwitchBackend(_)));
    lab.act(StepId::SwitchBackend).await;
    assert!(lab.done_within(StepId::SwitchBackend, 30).await);
}

#[tokio::test(start_paused = true)]
async fn a_slip_after_the_switch_was_done_is_named_not_taken_for_going_back() {
    let lab = lab();
    lab.at_the_switch().await;
    lab.act(StepId::SwitchBackend).await;
    assert!(lab.done_within(StepId::SwitchBackend, 30).await);
    lab.deploy_env("DB_HOST", &format!("{RESTORED_EP}:3306"))
        .await;
    let check = lab.check(StepId::SwitchBackend).await;
    assert_eq!(check.state, StepState::Failed);
    // The revision that was right is still there: run it again; and why the new one is not.
    let (_, fix, _, _) = diagnosis(&check, "service-other-revision");
    assert!(
        fix.contains("Update backend-service to revision 2"),
        "{fix}"
    );
    let (detail, _, _, _) = diagnosis(&check, "db-host-port");
    assert!(detail.contains(":3306"), "{detail}");
    // Going back onto the original database is no slip.
    lab.deploy_env("DB_HOST", SOURCE_EP).await;
    assert_eq!(
        lab.check(StepId::SwitchBackend).await.state,
        StepState::Done
    );
}

#[tokio::test(start_paused = true)]
async fn the_endpoint_under_another_variable_or_in_another_container_is_found() {
    let lab = lab();
    lab.at_the_switch().await;
    lab.deploy_env("DB_HOSTNAME", RESTORED_EP).await;
    let check = lab.check(StepId::SwitchBackend).await;
    let (detail, fix, _, _) = diagnosis(&check, "db-host-other-variable");
    assert!(
        detail.contains("in DB_HOSTNAME, not in DB_HOST"),
        "{detail}"
    );
    assert!(fix.contains(RESTORED_EP), "{fix}");

    let td = lab
        .sim
        .console_register(BASE, |td| {
            td.containers.push(Container {
                name: "log-router".into(),
                image: "fluent-bit".into(),
                environment: vec![("DB_HOST".into(), RESTORED_EP.into())],
                logs: None,
            });
        })
        .expect("register");
    lab.cloud
        .update_service("workshop-cluster", "backend-service", &td.arn)
        .await
        .expect("update");
    let check = lab.check(StepId::SwitchBackend).await;
    let (detail, fix, _, _) = diagnosis(&check, "db-host-other-container");
    assert!(detail.contains("container log-router"), "{detail}");
    assert!(fix.contains("container container-backend"), "{fix}");
    lab.act(StepId::SwitchBackend).await;
    assert!(lab.done_within(StepId::SwitchBackend, 30).await);
}

#[tokio::test(start_paused = true)]
async fn a_revision_registered_but_not_deployed_is_deployed_by_enter() {
    let lab = lab();
    lab.at_the_switch().await;
    let td = lab
        .cloud
        .register_revision(BASE, CONTAINER, "DB_HOST", RESTORED_EP)
        .await
        .expect("register");
    let check = lab.check(StepId::SwitchBackend).await;
    assert_eq!(check.state, StepState::Failed);
    let (detail, fix, _, de_fix) = diagnosis(&check, "service-revision-not-deployed");
    assert!(
        detail.contains(&format!("Revision {}", td.revision)),
        "{detail}"
    );
    assert!(detail.contains("still runs revision 1"), "{detail}");
    assert!(
        fix.contains(&format!(
            "Update backend-service to revision {}",
            td.revision
        )),
        "{fix}"
    );
    assert!(
        fix.contains("ECS → Clusters → workshop-cluster → backend-service → Update"),
        "{fix}"
    );
    assert!(
        de_fix.contains(&format!("Revision {}", td.revision)),
        "{de_fix}"
    );
    assert_eq!(
        check.short(Lang::En),
        format!("Update to revision {}", td.revision)
    );
    // Enter offers exactly that: one update-service call to that revision, nothing registered.
    let plan::Ready::Plan(plan) = lab.ready(StepId::SwitchBackend).await else {
        panic!("a plan");
    };
    let Request::Deploy(deploy) = &plan.request else {
        panic!("a deploy, not {:?}", plan.request);
    };
    assert_eq!(deploy.task_definition, td.arn);
    assert_eq!(
        plan.commands,
        vec![format!(
            "aws ecs update-service --cluster workshop-cluster --service backend-service --task-definition workshop-backend:{}",
            td.revision
        )]
    );
    let said = lab.act(StepId::SwitchBackend).await;
    assert!(
        said[0].contains(&format!("revision {}", td.revision)),
        "{said:?}"
    );
    assert!(lab.done_within(StepId::SwitchBackend, 30).await);
    let revisions = lab
        .cloud
        .active_revisions("workshop-backend")
        .await
        .expect("list");
    assert_eq!(revisions.len(), 2, "nothing new registered: {revisions:?}");
}

#[tokio::test(start_paused = true)]
async fn a_service_updated_to_another_revision_is_told_which_one_to_run() {
    let lab = lab();
    lab.at_the_switch().await;
    let right = lab
        .cloud
        .register_revision(BASE, CONTAINER, "DB_HOST", RESTORED_EP)
        .await
        .expect("register");
    lab.wait_minutes(1);
    let wrong = lab.deploy_env("LOG_LEVEL", "debug").await;
    let check = lab.check(StepId::SwitchBackend).await;
    let (detail, fix, _, _) = diagnosis(&check, "service-other-revision");
    assert!(
        detail.contains(&format!("updated to revision {wrong}")),
        "{detail}"
    );
    assert!(
        detail.contains(&format!("new DB_HOST is {}", right.revision)),
        "{detail}"
    );
    assert!(
        fix.contains(&format!("Revision {}", right.revision)),
        "{fix}"
    );
    lab.act(StepId::SwitchBackend).await;
    assert!(lab.done_within(StepId::SwitchBackend, 30).await);
}

#[tokio::test(start_paused = true)]
async fn a_new_revision_with_the_old_endpoint_is_named() {
    let lab = lab();
    lab.at_the_switch().await;
    lab.wait_minutes(1);
    let revision = lab.deploy_env("DB_HOST", SOURCE_EP).await;
    let check = lab.check(StepId::SwitchBackend).await;
    let (detail, fix, _, _) = diagnosis(&check, "db-host-old-endpoint");
    assert!(
        detail.contains(&format!("Revision {revision} runs")),
        "{detail}"
    );
    assert!(
        detail.contains("still the endpoint of workshop-db"),
        "{detail}"
    );
    assert!(fix.contains("Connectivity & security"), "{fix}");
}

#[tokio::test(start_paused = true)]
async fn a_switch_before_the_database_takes_connections_is_a_diagnosis_in_progress() {
    let lab = lab();
    lab.act(StepId::Snapshot).await;
    assert!(lab.done_within(StepId::Snapshot, 30).await);
    lab.act(StepId::Restore).await;
    lab.wait_minutes(1);
    lab.deploy_env("DB_HOST", RESTORED_EP).await;
    let check = lab.check(StepId::SwitchBackend).await;
    assert_eq!(check.state, StepState::InProgress);
    let (detail, fix, _, _) = diagnosis(&check, "switch-too-early");
    assert!(detail.contains("takes no connections yet"), "{detail}");
    assert!(fix.contains("Nothing to undo"), "{fix}");
}

#[tokio::test(start_paused = true)]
async fn a_failing_rollout_is_named_with_where_to_look() {
    let lab = lab();
    lab.at_the_switch().await;
    lab.sim.set_unhealthy_updates(vec![(1, 1)]);
    lab.act(StepId::SwitchBackend).await;
    let mut found = None;
    for _ in 0..40 {
        let check = lab.check(StepId::SwitchBackend).await;
        if check.state == StepState::Failed {
            found = Some(check);
            break;
        }
        lab.wait_minutes(1);
    }
    let check = found.expect("the rollout fails");
    let code = &check.problems[0].code;
    assert!(
        [
            "rollout-failed",
            "rollout-tasks-failing",
            "rollout-rolled-back"
        ]
        .contains(&code.as_str()),
        "{code}"
    );
    let (_, fix, _, _) = diagnosis(&check, code.as_str());
    assert!(
        fix.contains("ECS → Clusters → workshop-cluster → backend-service → Events"),
        "{fix}"
    );
    // Mending: the next update's tasks are healthy.
    lab.act(StepId::SwitchBackend).await;
    assert!(lab.done_within(StepId::SwitchBackend, 40).await);
}

#[tokio::test(start_paused = true)]
async fn the_restored_database_deleted_under_the_backend_says_the_app_is_down() {
    let lab = lab();
    lab.at_the_switch().await;
    lab.act(StepId::SwitchBackend).await;
    assert!(lab.done_within(StepId::SwitchBackend, 30).await);
    lab.cloud
        .delete_instance("workshop-db-restore")
        .await
        .expect("delete");
    let check = lab.check(StepId::Cleanup).await;
    assert_eq!(check.state, StepState::Failed);
    let (detail, fix, _, _) = diagnosis(&check, "restored-deleting-in-use");
    assert!(detail.contains("The app goes down"), "{detail}");
    assert!(fix.contains("Put the backend back on workshop-db"), "{fix}");
    lab.wait_minutes(30);
    for step in [StepId::Cleanup, StepId::SwitchBackend] {
        let check = lab.check(step).await;
        assert_eq!(check.state, StepState::Failed, "{step:?}");
        let (detail, fix, de, _) = diagnosis(&check, "restored-deleted-in-use");
        assert!(detail.contains("The app is down"), "{detail}");
        assert!(fix.contains("Put the backend back first"), "{fix}");
        assert!(de.contains("Die App ist ausgefallen"), "{de}");
    }
}

/// Credentials that expire while the app only watches: every step that cannot tell says so
/// with what to do about the credentials, not only the error code.
#[tokio::test(start_paused = true)]
async fn a_session_that_expires_while_watching_says_what_to_do() {
    use backup_lab::cloud::faults::{Faulty, Spec};
    let lab = lab();
    let expired: Arc<dyn Cloud> = Arc::new(Faulty::new(
        lab.cloud.clone(),
        Spec::parse("expired").expect("spec"),
    ));
    let rt = lab.runtime_through(expired);
    let mut observed = Observed::default();
    rt.observe(&mut observed).await;
    let journal = rt.journal.lock().expect("journal");
    let ctx = Ctx {
        observed: &observed,
        journal: &journal,
        config: &rt.config,
        now: rt.cloud.now(),
    };
    for step in [
        StepId::EnableBackups,
        StepId::Snapshot,
        StepId::SwitchBackend,
    ] {
        let check = steps::check(step, &ctx).expect("check");
        assert!(check.cannot_tell(), "{step:?}: {check:?}");
        let en = check.render(Lang::En);
        assert!(
            en.contains("The credentials have expired"),
            "{step:?}: {en}"
        );
        let de = check.render(Lang::De);
        assert!(de.contains("abgelaufen"), "{step:?}: {de}");
    }
}

/// A revision the role may not describe is not a revision without DB_HOST: the switch and the
/// cleanup say the account could not be read (with AWS's code), never "DB_HOST empty", and
/// neither acts on it.
#[tokio::test(start_paused = true)]
async fn a_revision_that_cannot_be_described_is_not_read_as_one_without_db_host() {
    use backup_lab::cloud::faults::{Faulty, Spec};
    let lab = lab();
    lab.at_the_switch().await;
    lab.act(StepId::SwitchBackend).await;
    assert!(lab.done_within(StepId::SwitchBackend, 30).await);
    let denied: Arc<dyn Cloud> = Arc::new(Faulty::new(
        lab.cloud.clone(),
        Spec::parse("DescribeTaskDefinition=denied").expect("spec"),
    ));
    let rt = lab.runtime_through(denied);
    let mut observed = Observed::default();
    rt.observe(&mut observed).await;
    assert!(
        observed.service.error.is_some(),
        "the service part is not read"
    );
    let journal = rt.journal.lock().expect("journal");
    let ctx = Ctx {
        observed: &observed,
        journal: &journal,
        config: &rt.config,
        now: rt.cloud.now(),
    };
    for step in [StepId::SwitchBackend, StepId::Cleanup] {
        let check = steps::check(step, &ctx).expect("check");
        let said: Vec<String> = check.details.iter().map(|d| d.render(Lang::En)).collect();
        assert!(check.problems.is_empty(), "{step:?}: {:?}", check.problems);
        assert!(check.cannot_tell(), "{step:?}: {check:?}");
        assert!(
            said.iter()
                .any(|d| d.contains("could not read the account (AccessDenied")),
            "{step:?}: {said:?}"
        );
    }
    let options = Options::from_config(&rt.config);
    for step in [StepId::SwitchBackend, StepId::Cleanup] {
        match steps::plan(step, &ctx, &options) {
            plan::Ready::Blocked(why) => {
                assert!(
                    why.render(Lang::En).contains("AccessDenied"),
                    "{step:?}: {why:?}"
                );
            }
            other => panic!("{step:?}: {other:?}"),
        }
    }
}

#[tokio::test(start_paused = true)]
async fn the_original_database_deleted_by_mistake_is_a_warning_never_a_done() {
    let lab = lab();
    lab.act(StepId::Snapshot).await;
    assert!(lab.done_within(StepId::Snapshot, 30).await);
    lab.cloud
        .delete_instance("workshop-db")
        .await
        .expect("delete");
    let check = lab.check(StepId::EnableBackups).await;
    assert_eq!(check.state, StepState::Failed);
    let (detail, fix, _, _) = diagnosis(&check, "source-deleting");
    assert!(detail.contains("workshop-db is being deleted"), "{detail}");
    assert!(fix.contains("Restore snapshot"), "{fix}");
    lab.wait_minutes(30);
    let check = lab.check(StepId::EnableBackups).await;
    let (detail, fix, _, _) = diagnosis(&check, "source-missing-snapshot-kept");
    assert!(detail.contains("your data is safe"), "{detail}");
    assert!(fix.contains("DB instance identifier workshop-db"), "{fix}");
    // No step claims done what it cannot know, and none fails to answer.
    for step in StepId::ALL {
        let o = lab.observed().await;
        let journal = lab.rt.journal.lock().expect("journal");
        let _ = steps::check(
            step,
            &Ctx {
                observed: &o,
                journal: &journal,
                config: &lab.rt.config,
                now: lab.cloud.now(),
            },
        );
    }
    assert!(!lab.done_within(StepId::EnableBackups, 1).await);
}

#[tokio::test(start_paused = true)]
async fn the_original_database_changed_in_the_console_is_named() {
    let lab = lab();
    lab.act(StepId::EnableBackups).await;
    assert!(lab.done_within(StepId::EnableBackups, 30).await);
    lab.sim
        .console_status("workshop-db", InstanceStatus::Modifying, 600);
    let check = lab.check(StepId::EnableBackups).await;
    let (detail, fix, _, _) = diagnosis(&check, "source-modified");
    assert!(detail.contains("not its backup settings"), "{detail}");
    assert!(fix.contains("Recent events"), "{fix}");
    assert_ne!(check.state, StepState::Done);
    lab.sim
        .console_status("workshop-db", InstanceStatus::Stopped, 3600);
    let check = lab.check(StepId::Snapshot).await;
    assert_eq!(check.state, StepState::Failed);
    let (_, fix, _, _) = diagnosis(&check, "source-stopped");
    assert!(fix.contains("Actions → Start"), "{fix}");
}

/// Every diagnosis has its three texts in both languages.
#[test]
fn every_diagnosis_has_detail_short_text_and_fix_in_both_languages() {
    let codes = [
        "backup-pending-maintenance",
        "backup-retention-other",
        "backup-window-as-local",
        "snapshot-other-name",
        "snapshot-other-instance",
        "snapshot-creating-todos-deleted",
        "snapshot-before-todos",
        "snapshot-todos-untold",
        "source-missing",
        "source-missing-snapshot-kept",
        "source-deleting",
        "source-modified",
        "source-stopped",
        "restored-deleted-in-use",
        "restored-deleting-in-use",
        "switch-too-early",
        "rollout-failed",
        "rollout-tasks-failing",
        "rollout-rolled-back",
        "rollout-stuck",
        "service-revision-not-deployed",
        "service-other-revision",
        "db-host-old-endpoint",
        "db-host-empty",
        "db-host-elsewhere",
        "db-host-scheme",
        "db-host-port",
        "db-host-spaces",
        "db-host-trailing-dot",
        "db-host-case",
        "db-host-snapshot-name",
        "db-host-arn",
        "db-host-identifier",
        "db-host-other-instance",
        "db-host-other-variable",
        "db-host-other-container",
    ];
    for code in codes {
        for lang in [Lang::En, Lang::De] {
            let p = Problem::new(code.parse().expect("a diagnosis code"));
            for (what, text) in [
                ("detail", p.detail.clone()),
                ("fix", p.fix.clone()),
                ("short", p.short()),
            ] {
                assert!(
                    backup_lab::i18n::has(lang, &p.detail.id)
                        && backup_lab::i18n::has(lang, &p.fix.id),
                    "{code} in {lang:?}"
                );
                let shown = text.render(lang);
                assert!(!shown.starts_with("problem-"), "{code} {what} in {lang:?}");
                if what == "short" {
                    assert!(shown.chars().count() <= 50, "{code}: short text {shown:?}");
                }
            }
        }
    }
}

/// `check --json`: every step carries its `problems`, `{code, detail, fix}` in the chosen
/// language; the report lists them with their fix.
#[tokio::test(start_paused = true)]
async fn check_json_and_the_report_carry_the_problems() {
    let mut lab = lab();
    lab.at_the_switch().await;
    lab.deploy_env("DB_HOST", &format!("{RESTORED_EP}:3306"))
        .await;
    for lang in [Lang::En, Lang::De] {
        lab.rt.lang = lang;
        let observed = lab.observed().await;
        let doc = serde_json::to_value(lab.rt.document(&observed)).expect("json");
        let steps = doc["steps"].as_array().expect("steps");
        for step in steps {
            let problems = step["problems"]
                .as_array()
                .expect("every step has problems");
            if step["id"] == "switch-backend" {
                assert_eq!(step["state"], "failed");
                assert_eq!(problems.len(), 1, "{problems:?}");
                let p = &problems[0];
                assert_eq!(p["code"], "db-host-port");
                let detail = p["detail"].as_str().expect("detail");
                let fix = p["fix"].as_str().expect("fix");
                assert!(detail.contains(":3306"), "{detail}");
                assert!(fix.contains(RESTORED_EP), "{fix}");
                let (want_detail, want_fix) = if lang == Lang::De {
                    (
                        "gehört nicht in DB_HOST",
                        "Führe «backup-lab run switch-backend» aus",
                    )
                } else {
                    (
                        "does not belong in DB_HOST",
                        "Run “backup-lab run switch-backend”",
                    )
                };
                assert!(
                    !fix.contains("Enter"),
                    "the command line has no Enter: {fix}"
                );
                assert!(detail.contains(want_detail), "{detail}");
                assert!(fix.contains(want_fix), "{fix}");
                let keys: Vec<&String> = p.as_object().expect("object").keys().collect();
                assert_eq!(keys, ["code", "detail", "fix", "severity"]);
            } else {
                assert!(problems.is_empty(), "{step}");
            }
        }
        let journal = lab.rt.journal.lock().expect("journal");
        let report = backup_lab::report::build(
            lang,
            "sim".into(),
            &journal,
            &observed,
            &lab.rt.config,
            lab.cloud.now(),
        );
        let markdown = backup_lab::report::markdown(&report, lang);
        assert!(markdown.contains("`db-host-port`"), "{markdown}");
        assert!(markdown.contains(RESTORED_EP), "{markdown}");
    }
}

// ---------------------------------------------------------------------------------------------
// Through the real adapter, against moto: the revision forms the console produces, read back
// from ECS's own answers (needs `moto_server`, see `aws_moto.rs`).

mod moto {
    use super::*;
    use crate::support::moto::{Moto, TodoApp};
    use backup_lab::cloud::{RestoreRequest, RestoreSettings};

    /// moto with the workshop world, the snapshot restored (moto makes it available at once):
    /// the adapter, and the restored endpoint.
    async fn restored(
        moto: &Moto,
        world: &serde_json::Value,
        app: &TodoApp,
    ) -> (Arc<dyn Cloud>, String) {
        // The todo app stand-in on loopback: nothing reaches for the load balancer's name.
        let cloud: Arc<dyn Cloud> = Arc::new(moto.cloud_with(Some(app.url.clone())).await);
        cloud
            .create_snapshot(&SnapshotRequest {
                instance_id: "workshop-db".into(),
                snapshot_id: "ondemandbackup".into(),
                tags: Vec::new(),
            })
            .await
            .expect("snapshot");
        let restored = cloud
            .restore_from_snapshot(&RestoreRequest {
                instance_id: "workshop-db-restore".into(),
                snapshot_id: "ondemandbackup".into(),
                settings: RestoreSettings {
                    class: "db.t3.micro".into(),
                    multi_az: true,
                    security_groups: vec![
                        world["rds_security_group_id"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned(),
                    ],
                    subnet_group: Some("workshop-db-subnet-group".into()),
                    ..RestoreSettings::default()
                },
            })
            .await
            .expect("restore");
        let endpoint = match restored.endpoint {
            Some(ep) => ep,
            None => cloud
                .describe_instances()
                .await
                .expect("describe")
                .into_iter()
                .find(|i| i.id == "workshop-db-restore")
                .and_then(|i| i.endpoint)
                .expect("endpoint"),
        };
        (cloud, endpoint)
    }

    fn runtime(cloud: &Arc<dyn Cloud>) -> Runtime {
        Runtime {
            cloud: cloud.clone(),
            config: Config::default(),
            journal: Arc::new(Mutex::new(Journal::in_memory())),
            log: Arc::new(backup_lab::cloud::recorder::CallLog::default()),
            lang: Lang::En,
            read_only: false,
            json: true,
        }
    }

    async fn switch_check(rt: &Runtime) -> Check {
        let mut observed = Observed::default();
        rt.observe(&mut observed).await;
        let journal = rt.journal.lock().expect("journal");
        steps::check(
            StepId::SwitchBackend,
            &Ctx {
                observed: &observed,
                journal: &journal,
                config: &rt.config,
                now: rt.cloud.now(),
            },
        )
        .expect("check")
    }

    #[tokio::test]
    async fn db_host_forms_in_real_revisions_are_named() {
        let Some(moto) = Moto::start() else { return };
        let world = moto.world();
        let app = moto.todo_app();
        let (cloud, endpoint) = restored(&moto, &world, &app).await;
        let rt = runtime(&cloud);
        let cases = [
            (format!("{endpoint}:3306"), "db-host-port"),
            (format!("mysql://{endpoint}"), "db-host-scheme"),
            (format!("{endpoint} "), "db-host-spaces"),
            ("ondemandbackup".to_owned(), "db-host-snapshot-name"),
            ("workshop-db-restore".to_owned(), "db-host-identifier"),
            (String::new(), "db-host-empty"),
        ];
        for (value, code) in cases {
            let td = cloud
                .register_revision(BASE, CONTAINER, "DB_HOST", &value)
                .await
                .expect("register");
            cloud
                .update_service("workshop-cluster", "backend-service", &td.arn)
                .await
                .expect("update");
            let check = switch_check(&rt).await;
            let (detail, fix, _, _) = diagnosis(&check, code);
            assert!(fix.contains(&endpoint), "{value:?}: {fix}");
            if !value.is_empty() {
                assert!(detail.contains(&format!("“{value}”")), "{detail}");
            }
        }
    }

    #[tokio::test]
    async fn a_registered_revision_is_named_and_deployed_by_the_mend() {
        let Some(moto) = Moto::start() else { return };
        let world = moto.world();
        let app = moto.todo_app();
        let (cloud, endpoint) = restored(&moto, &world, &app).await;
        let rt = runtime(&cloud);
        // A snapshot is found by its name, whatever instance it is of; none is no error.
        let found = cloud.find_snapshot("ondemandbackup").await.expect("find");
        assert_eq!(found.map(|s| s.instance_id), Some("workshop-db".to_owned()));
        assert_eq!(cloud.find_snapshot("nope").await.expect("find none"), None);
        let td = cloud
            .register_revision(BASE, CONTAINER, "DB_HOST", &endpoint)
            .await
            .expect("register");
        let check = switch_check(&rt).await;
        let (detail, fix, _, _) = diagnosis(&check, "service-revision-not-deployed");
        assert!(
            detail.contains(&format!("Revision {}", td.revision)),
            "{detail}"
        );
        assert!(fix.contains(&format!("Revision {}", td.revision)), "{fix}");
        backup_lab::lab::runner::perform(
            StepId::SwitchBackend,
            cloud.as_ref(),
            &rt.config,
            &rt.journal,
            &Options::from_config(&rt.config),
            &|_| {},
        )
        .await
        .expect("the mend runs");
        let seen = moto.boto("out(c('ecs').describe_services(cluster='workshop-cluster', services=['backend-service'])['services'][0])");
        assert_eq!(seen["taskDefinition"], td.arn.as_str());
        let arns = moto.boto("out(c('ecs').list_task_definitions(familyPrefix='workshop-backend')['taskDefinitionArns'])");
        assert_eq!(
            arns.as_array().map(Vec::len),
            Some(2),
            "nothing registered: {arns}"
        );
        let check = switch_check(&rt).await;
        assert!(check.problems.is_empty(), "{}", check.render(Lang::En));
    }
}

/// With the restored database deleted under the backend the app answers 502: that failure
/// is what going back mends, so it does not stop the cleanup (no retries of the todo list,
/// no "AWS refused").
#[tokio::test(start_paused = true)]
async fn going_back_mends_an_app_that_is_down_although_it_answers_502() {
    let lab = lab();
    lab.at_the_switch().await;
    lab.act(StepId::SwitchBackend).await;
    assert!(lab.done_within(StepId::SwitchBackend, 30).await);
    lab.cloud
        .delete_instance("workshop-db-restore")
        .await
        .expect("delete");
    lab.wait_minutes(30);
    let observed = lab.observed().await;
    assert!(
        observed.todos.error.is_some(),
        "the app cannot reach its database: {:?}",
        observed.todos
    );
    let lines = lab.act(StepId::Cleanup).await;
    assert!(
        lines.iter().any(|l| l.contains("updated to revision 1")),
        "{lines:?}"
    );
    lab.wait_minutes(5);
    let observed = lab.observed().await;
    assert!(observed.todos.error.is_none(), "{:?}", observed.todos);
}
