//! The restore's diagnoses on the simulated account: each wrong state made with direct calls,
//! as the learner would make it in the console, then the code, the facts and the fix the check
//! names, and the mend backup-lab offers (and that it turns the step done).

use std::sync::Arc;

use crate::support::lab::SimLab;

use backup_lab::cloud::recorder::{CallLog, Recorded};
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::cloud::{Cloud, InstanceChange, RestoreRequest, RestoreSettings};
use backup_lab::i18n::Lang;
use backup_lab::lab::act::{self, ActionError};
use backup_lab::lab::journal::Journal;
use backup_lab::lab::plan::{Options, Plan, Ready, Request};
use backup_lab::lab::revisions::Revisions as _;
use backup_lab::lab::{Check, Problem, StepId, StepState};

use crate::support::lab::START;
const LAB_SG: &str = "sg-0a7e3c51d2b94f860";
const DEFAULT_SG: &str = "sg-05d4b1a9e6c7f0123";

type Lab = SimLab;

fn lab_on(sim: Arc<SimCloud>, journal: Journal) -> Lab {
    SimLab::on(sim, journal)
}

fn lab() -> Lab {
    SimLab::new()
}

/// What the learner sets in the console's "Restore snapshot" page when following the chapter:
/// Multi-AZ, Workshop-RDS-SG, db.t3.micro, the source's subnet group and storage type.
fn as_the_chapter_says() -> RestoreSettings {
    RestoreSettings {
        class: "db.t3.micro".into(),
        multi_az: true,
        security_groups: vec![LAB_SG.into()],
        subnet_group: Some("workshop-db-subnet-group".into()),
        storage_type: Some("gp2".into()),
        // The console's default for Public access.
        publicly_accessible: Some(false),
        ..RestoreSettings::default()
    }
}

impl Lab {
    async fn plan(&self, step: StepId) -> Plan {
        match self
            .ready_with(step, &Options::from_config(&self.rt.config))
            .await
        {
            Ready::Plan(plan) => plan,
            other => panic!("{step:?} has no plan: {other:?}"),
        }
    }

    /// Confirms `plan` and runs it, as Enter and y do.
    async fn confirm(&self, plan: &Plan) -> Result<Vec<String>, ActionError> {
        backup_lab::lab::runner::execute(
            plan,
            self.cloud.as_ref(),
            &self.rt.config,
            &self.rt.journal,
            &|_| {},
        )
        .await
        .map(|out| out.iter().map(|t| t.render(Lang::En)).collect())
    }

    async fn perform(&self, step: StepId) {
        backup_lab::lab::runner::perform(
            step,
            self.cloud.as_ref(),
            &self.rt.config,
            &self.rt.journal,
            &Options::from_config(&self.rt.config),
            &|_| {},
        )
        .await
        .expect("action");
    }

    /// The lab's snapshot, available.
    async fn snapshot_taken(&self) {
        self.perform(StepId::Snapshot).await;
        self.wait_minutes(5);
    }

    /// A restore made in the console, waited for until it is available.
    async fn console_restore(&self, id: &str, settings: RestoreSettings) {
        self.cloud
            .restore_from_snapshot(&RestoreRequest {
                instance_id: id.into(),
                snapshot_id: "ondemandbackup".into(),
                settings,
            })
            .await
            .expect("restore");
        self.wait_minutes(16);
    }

    async fn instance(&self, id: &str) -> backup_lab::cloud::DbInstance {
        self.cloud
            .describe_instances()
            .await
            .expect("describe")
            .into_iter()
            .find(|i| i.id == id)
            .expect("instance")
    }
}

/// The single diagnosis of a failed check, and its texts in both languages.
fn only_problem(check: &Check) -> (&Problem, String, String) {
    assert_eq!(check.state, StepState::Failed, "{check:?}");
    assert_eq!(check.problems.len(), 1, "{:?}", check.problems);
    let p = &check.problems[0];
    for lang in [Lang::De, Lang::En] {
        for text in [&p.detail, &p.fix] {
            let rendered = text.render(lang);
            assert_ne!(rendered, text.id, "{lang:?}: {} has a text", text.id);
            assert!(
                !rendered.contains("{ $") && !rendered.contains("{$"),
                "unfilled: {rendered}"
            );
        }
    }
    (p, p.detail.render(Lang::En), p.fix.render(Lang::En))
}

/// The single note of a done check: what the chapter's console path yields, with its
/// consequence; the step is done all the same.
fn only_note(check: &Check) -> (&Problem, String, String) {
    assert_eq!(check.state, StepState::Done, "{check:?}");
    assert_eq!(check.problems.len(), 1, "{:?}", check.problems);
    let p = &check.problems[0];
    assert_eq!(p.severity, backup_lab::lab::Severity::Note, "{p:?}");
    (p, p.detail.render(Lang::En), p.fix.render(Lang::En))
}

fn codes(check: &Check) -> Vec<&str> {
    check.problems.iter().map(|p| p.code.as_str()).collect()
}

/// A restore under another name that the learner never adopted: cleanup does not delete it
/// (the lab did not make it), but neither it nor the report calls the account clean of it.
#[tokio::test(start_paused = true)]
async fn cleanup_and_the_report_name_a_restore_under_another_name_they_leave() {
    let lab = lab();
    lab.perform(StepId::CreateTodos).await;
    lab.snapshot_taken().await;
    lab.console_restore("workshop-db-restored", as_the_chapter_says())
        .await;
    let options = Options::from_config(&lab.rt.config);
    let Ready::Plan(plan) = lab.ready_with(StepId::Cleanup, &options).await else {
        panic!("cleanup has a plan")
    };
    assert!(
        !plan
            .commands
            .iter()
            .any(|c| c.contains("workshop-db-restored")),
        "{:?}",
        plan.commands
    );
    let notes: Vec<String> = plan.notes.iter().map(|n| n.render(Lang::En)).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("workshop-db-restored still exists")),
        "{notes:?}"
    );
    backup_lab::lab::runner::execute(
        &plan,
        lab.cloud.as_ref(),
        &lab.rt.config,
        &lab.rt.journal,
        &|_| {},
    )
    .await
    .expect("cleanup");
    lab.wait_minutes(10);
    assert_eq!(
        lab.instance("workshop-db-restored").await.id,
        "workshop-db-restored"
    );
    let check = lab.check(StepId::Cleanup).await;
    let said = check.render(Lang::En);
    assert!(
        said.contains("looks like a restore of ondemandbackup"),
        "{said}"
    );
    let o = lab.observed().await;
    let report = {
        let journal = lab.rt.journal.lock().expect("journal");
        backup_lab::report::build(
            Lang::De,
            "sim".into(),
            &journal,
            &o,
            &lab.rt.config,
            lab.cloud.now(),
        )
    };
    let md = backup_lab::report::markdown(&report, Lang::De);
    assert!(md.contains("workshop-db-restored existiert noch"), "{md}");
}

/// "Public access: Yes" in the console (or no setting, in a VPC with an internet gateway):
/// the restored database open to the internet while the original is not, a warning with the
/// console path that closes it.
#[tokio::test(start_paused = true)]
async fn a_publicly_accessible_restore_is_a_warning_with_the_way_to_close_it() {
    let lab = lab();
    lab.snapshot_taken().await;
    lab.console_restore(
        "workshop-db-restore",
        RestoreSettings {
            publicly_accessible: Some(true),
            ..as_the_chapter_says()
        },
    )
    .await;
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::Done, "{check:?}");
    assert_eq!(codes(&check), ["restore-public"]);
    let p = &check.problems[0];
    assert_eq!(p.severity, backup_lab::lab::Severity::Warning);
    assert!(
        p.detail
            .render(Lang::En)
            .contains("reached from the internet")
    );
    assert!(p.fix.render(Lang::De).contains("Not publicly accessible"));
}

/// Without PubliclyAccessible, RDS makes a restore public only where its VPC has an internet
/// gateway; the simulation follows the VPC it has.
#[tokio::test(start_paused = true)]
async fn a_restore_that_does_not_say_is_public_only_behind_an_internet_gateway() {
    for (gateway, public) in [(true, true), (false, false)] {
        let lab = lab();
        lab.sim.set_internet_gateway(gateway);
        lab.snapshot_taken().await;
        lab.console_restore(
            "workshop-db-restore",
            RestoreSettings {
                publicly_accessible: None,
                ..as_the_chapter_says()
            },
        )
        .await;
        let restored = lab.instance("workshop-db-restore").await;
        assert_eq!(
            restored.publicly_accessible,
            Some(public),
            "gateway {gateway}"
        );
        let check = lab.check(StepId::Restore).await;
        assert_eq!(
            codes(&check).contains(&"restore-public"),
            public,
            "gateway {gateway}: {:?}",
            codes(&check)
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_restore_under_another_name_is_found_and_can_be_adopted() {
    let lab = lab();
    lab.snapshot_taken().await;
    // A typo in the console: one letter too many.
    lab.console_restore("workshop-db-restored", as_the_chapter_says())
        .await;
    let check = lab.check(StepId::Restore).await;
    let (p, detail, fix) = only_problem(&check);
    assert_eq!(p.code.as_str(), "restore-other-name");
    assert!(
        detail.contains("workshop-db-restored (available)"),
        "{detail}"
    );
    assert!(detail.contains("after snapshot ondemandbackup"), "{detail}");
    assert!(
        detail.contains("looks for workshop-db-restore."),
        "{detail}"
    );
    assert!(
        fix.contains("use workshop-db-restored as the restored database"),
        "{fix}"
    );
    assert!(
        fix.contains("Snapshots → ondemandbackup → Actions → Restore snapshot"),
        "{fix}"
    );
    // Enter offers to adopt it; no call is made.
    let plan = lab.plan(StepId::Restore).await;
    assert_eq!(
        plan.request,
        Request::AdoptRestored("workshop-db-restored".into())
    );
    assert!(plan.commands.is_empty());
    let out = lab.confirm(&plan).await.expect("adopt");
    assert_eq!(
        out,
        ["workshop-db-restored is now the restored database of this run"]
    );
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::Done, "{check:?}");
    assert!(
        check
            .render(Lang::En)
            .contains("workshop-db-restored is available")
    );
    // The next step switches the backend onto the adopted instance.
    let switch = lab.plan(StepId::SwitchBackend).await;
    let Request::SwitchBackend(s) = &switch.request else {
        panic!("{:?}", switch.request)
    };
    assert!(s.endpoint.starts_with("workshop-db-restored."), "{s:?}");
}

#[tokio::test(start_paused = true)]
async fn restoring_again_is_the_other_choice_and_an_old_instance_is_no_candidate() {
    let lab = lab();
    // An instance made before the snapshot is no restore of it.
    lab.perform(StepId::EnableBackups).await;
    lab.wait_minutes(10);
    lab.cloud
        .restore_to_point_in_time(&backup_lab::cloud::PitrRequest {
            source_id: "workshop-db".into(),
            target_id: "reporting-db".into(),
            restore_time: None,
            settings: as_the_chapter_says(),
        })
        .await
        .expect("point-in-time restore");
    lab.wait_minutes(20);
    lab.snapshot_taken().await;
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::Todo, "{check:?}");
    lab.console_restore("restore-test", as_the_chapter_says())
        .await;
    assert_eq!(
        codes(&lab.check(StepId::Restore).await),
        ["restore-other-name"]
    );
    let options = Options {
        restore_again: true,
        ..Options::from_config(&lab.rt.config)
    };
    let Ready::Plan(plan) = lab.ready_with(StepId::Restore, &options).await else {
        panic!("no plan")
    };
    let Request::Restore(r) = &plan.request else {
        panic!("{:?}", plan.request)
    };
    assert_eq!(r.instance_id, "workshop-db-restore");
}

#[tokio::test(start_paused = true)]
async fn an_adoption_survives_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let key = "sim-restore-diag";
    let sim = Arc::new(SimCloud::paced(
        START.parse().expect("time"),
        15.0,
        WorldNames::default(),
    ));
    {
        let lab = lab_on(
            sim.clone(),
            Journal::open(dir.path(), key).expect("journal"),
        );
        lab.perform(StepId::CreateTodos).await;
        lab.snapshot_taken().await;
        lab.perform(StepId::DeleteTodos).await;
        lab.console_restore("workshop-db-restored", as_the_chapter_says())
            .await;
        let plan = lab.plan(StepId::Restore).await;
        lab.confirm(&plan).await.expect("adopt");
    }
    // The program starts again on the same state directory.
    let lab = lab_on(sim, Journal::open(dir.path(), key).expect("journal"));
    assert_eq!(
        lab.rt
            .journal
            .lock()
            .expect("journal")
            .restored_instance(&lab.rt.config),
        "workshop-db-restored"
    );
    assert_eq!(lab.check(StepId::Restore).await.state, StepState::Done);
    // The whole lab goes on with it: the backend, the todos, the figures, the cleanup.
    let options = Options::from_config(&lab.rt.config);
    assert_eq!(
        lab.rt
            .run(&[StepId::SwitchBackend, StepId::Verify], &options, true)
            .await,
        0
    );
    assert_eq!(
        lab.check(StepId::SwitchBackend).await.state,
        StepState::Done
    );
    let Ready::Plan(cleanup) = lab.ready_with(StepId::Cleanup, &options).await else {
        panic!("no cleanup plan")
    };
    let Request::Cleanup(removal) = &cleanup.request else {
        panic!("{:?}", cleanup.request)
    };
    assert_eq!(removal.instances, ["workshop-db-restored"]);
    assert!(removal.switch_back.is_some());
    // The recovery time runs from the disaster to the todos served from the adopted copy.
    let observed = lab.observed().await;
    let recovery = backup_lab::lab::recovery::measure(
        &lab.rt.journal.lock().expect("journal"),
        &observed,
        &lab.rt.config,
        lab.cloud.now(),
    );
    let rto = recovery.rto.expect("rto");
    assert!(rto.complete, "{rto:?}");
    assert!(rto.seconds > 16 * 60, "{rto:?}");
    assert_eq!(observed.todo_count(), Some(5));
}

#[tokio::test(start_paused = true)]
async fn the_default_security_group_is_named_with_its_consequence_and_mended_at_once() {
    let lab = lab();
    lab.snapshot_taken().await;
    // The console's default: no group chosen, RDS attaches the VPC's default group.
    lab.console_restore(
        "workshop-db-restore",
        RestoreSettings {
            security_groups: Vec::new(),
            ..as_the_chapter_says()
        },
    )
    .await;
    let check = lab.check(StepId::Restore).await;
    let (p, detail, fix) = only_problem(&check);
    assert_eq!(p.code.as_str(), "restore-security-groups");
    assert!(
        detail.contains(&format!(
            "security groups {DEFAULT_SG}, workshop-db has {LAB_SG}"
        )),
        "{detail}"
    );
    assert!(detail.contains("the app answers with errors"), "{detail}");
    assert!(
        fix.contains("Modify → Connectivity → Existing VPC security groups"),
        "{fix}"
    );
    let plan = lab.plan(StepId::Restore).await;
    assert_eq!(
        plan.request,
        Request::MendRestored(InstanceChange {
            instance_id: "workshop-db-restore".into(),
            security_groups: Some(vec![LAB_SG.into()]),
            multi_az: None,
            ..InstanceChange::default()
        })
    );
    assert_eq!(
        plan.commands,
        [format!(
            "aws rds modify-db-instance --db-instance-identifier workshop-db-restore \
             --vpc-security-group-ids {LAB_SG} --apply-immediately"
        )]
    );
    lab.confirm(&plan).await.expect("mend");
    // Immediate: no waiting.
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::Done, "{check:?}");
    assert_eq!(
        lab.instance("workshop-db-restore").await.security_groups,
        [LAB_SG]
    );
}

#[tokio::test(start_paused = true)]
async fn a_backend_on_a_database_with_the_default_group_gets_errors() {
    let lab = lab();
    lab.snapshot_taken().await;
    lab.perform(StepId::DeleteTodos).await;
    lab.console_restore(
        "workshop-db-restore",
        RestoreSettings {
            security_groups: Vec::new(),
            ..as_the_chapter_says()
        },
    )
    .await;
    // backup-lab does not switch onto it: the groups come first.
    let Ready::Blocked(text) = lab
        .ready_with(StepId::SwitchBackend, &Options::from_config(&lab.rt.config))
        .await
    else {
        panic!("a switch onto a database the backend cannot reach")
    };
    assert_eq!(text.id, "blocked-switch-groups");
    // Switched anyway in the console: a new revision with the new DB_HOST, the service
    // updated. The new tasks cannot reach the database and fail their health checks.
    let service = lab
        .cloud
        .describe_service("workshop-cluster", "backend-service")
        .await
        .expect("service");
    let endpoint = lab
        .instance("workshop-db-restore")
        .await
        .endpoint
        .expect("endpoint");
    let revision = lab
        .cloud
        .register_revision(
            &service.task_definition,
            "container-backend",
            "DB_HOST",
            &endpoint,
        )
        .await
        .expect("revision");
    lab.cloud
        .update_service("workshop-cluster", "backend-service", &revision.arn)
        .await
        .expect("update");
    lab.wait_minutes(3);
    let service = lab
        .cloud
        .describe_service("workshop-cluster", "backend-service")
        .await
        .expect("service");
    let primary = service.primary().expect("primary");
    assert!(primary.failed_tasks > 0, "{service:?}");
    assert_eq!(primary.running, 0, "{service:?}");
    // Mended, the tasks ECS starts next reach it.
    let plan = lab.plan(StepId::Restore).await;
    lab.confirm(&plan).await.expect("mend");
    lab.wait_minutes(5);
    let service = lab
        .cloud
        .describe_service("workshop-cluster", "backend-service")
        .await
        .expect("service");
    assert!(
        service.primary().is_some_and(|p| p.running > 0),
        "{service:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn single_az_is_converted_to_multi_az_which_takes_a_while() {
    let lab = lab();
    lab.snapshot_taken().await;
    lab.console_restore(
        "workshop-db-restore",
        RestoreSettings {
            multi_az: false,
            ..as_the_chapter_says()
        },
    )
    .await;
    let check = lab.check(StepId::Restore).await;
    let (p, detail, fix) = only_problem(&check);
    assert_eq!(p.code.as_str(), "restore-single-az");
    assert!(detail.contains("the todo app is down"), "{detail}");
    assert!(
        fix.contains("Availability and durability → Create a standby instance"),
        "{fix}"
    );
    let plan = lab.plan(StepId::Restore).await;
    assert_eq!(
        plan.request,
        Request::MendRestored(InstanceChange {
            instance_id: "workshop-db-restore".into(),
            security_groups: None,
            multi_az: Some(true),
            ..InstanceChange::default()
        })
    );
    assert!(plan.commands[0].ends_with("--multi-az --apply-immediately"));
    let out = lab.confirm(&plan).await.expect("mend");
    assert!(out[0].contains("takes a while"), "{out:?}");
    // RDS builds the standby: modifying, MultiAZ pending, the database serving meanwhile.
    let check = lab.check(StepId::Restore).await;
    assert_eq!(check.state, StepState::InProgress, "{check:?}");
    let line = check.render(Lang::En);
    assert!(line.contains("being converted to Multi-AZ"), "{line}");
    assert!(line.contains("modifying"), "{line}");
    let during = lab.instance("workshop-db-restore").await;
    assert!(!during.multi_az);
    assert_eq!(during.pending_multi_az, Some(true));
    assert!(during.accepts_connections());
    // Asked again meanwhile, Enter has nothing to send: the conversion is under way.
    assert!(matches!(
        lab.ready_with(StepId::Restore, &Options::from_config(&lab.rt.config))
            .await,
        Ready::AlreadyDone(t) if t.id == "check-restore-converting-multi-az"
    ));
    lab.wait_minutes(10);
    assert_eq!(
        lab.check(StepId::Restore).await.state,
        StepState::InProgress
    );
    lab.wait_minutes(6);
    assert_eq!(lab.check(StepId::Restore).await.state, StepState::Done);
    assert!(lab.instance("workshop-db-restore").await.multi_az);
}

#[tokio::test(start_paused = true)]
async fn both_mends_go_in_one_call() {
    let lab = lab();
    lab.snapshot_taken().await;
    lab.console_restore(
        "workshop-db-restore",
        RestoreSettings {
            multi_az: false,
            security_groups: Vec::new(),
            ..as_the_chapter_says()
        },
    )
    .await;
    assert_eq!(
        codes(&lab.check(StepId::Restore).await),
        ["restore-security-groups", "restore-single-az"]
    );
    let plan = lab.plan(StepId::Restore).await;
    lab.confirm(&plan).await.expect("mend");
    lab.wait_minutes(16);
    assert_eq!(lab.check(StepId::Restore).await.state, StepState::Done);
}

#[tokio::test(start_paused = true)]
async fn another_class_is_named_with_its_console_fix() {
    let lab = lab();
    lab.snapshot_taken().await;
    lab.console_restore(
        "workshop-db-restore",
        RestoreSettings {
            class: "db.t3.large".into(),
            ..as_the_chapter_says()
        },
    )
    .await;
    let check = lab.check(StepId::Restore).await;
    let (p, detail, fix) = only_problem(&check);
    assert_eq!(p.code.as_str(), "restore-class");
    assert!(
        detail.contains("runs as db.t3.large instead of db.t3.micro"),
        "{detail}"
    );
    assert!(detail.contains("costs more every hour"), "{detail}");
    assert!(
        fix.contains("Modify → Instance configuration → DB instance class db.t3.micro"),
        "{fix}"
    );
    // backup-lab does not restart a database for this: the fix is the console's.
    let Ready::Blocked(text) = lab
        .ready_with(StepId::Restore, &Options::from_config(&lab.rt.config))
        .await
    else {
        panic!("a plan for a class change")
    };
    assert_eq!(text.id, "blocked-mend-console");
}

#[tokio::test(start_paused = true)]
async fn another_storage_type_is_named() {
    let lab = lab();
    lab.snapshot_taken().await;
    lab.console_restore(
        "workshop-db-restore",
        RestoreSettings {
            storage_type: None,
            ..as_the_chapter_says()
        },
    )
    .await;
    let check = lab.check(StepId::Restore).await;
    let (p, detail, fix) = only_note(&check);
    assert_eq!(p.code.as_str(), "restore-storage-type");
    assert!(detail.contains("on gp3, workshop-db on gp2"), "{detail}");
    assert!(fix.contains("Modify → Storage → Storage type gp2"), "{fix}");
}

#[tokio::test(start_paused = true)]
async fn another_parameter_group_needs_a_reboot_after_the_change() {
    let lab = lab();
    lab.sim.console_modify("workshop-db", |db| {
        db.parameter_group = Some("workshop-mysql80".into());
    });
    lab.snapshot_taken().await;
    lab.console_restore("workshop-db-restore", as_the_chapter_says())
        .await;
    let check = lab.check(StepId::Restore).await;
    let (p, detail, fix) = only_note(&check);
    assert_eq!(p.code.as_str(), "restore-parameter-group");
    assert!(
        detail.contains("parameter group default.mysql8.0, workshop-db uses workshop-mysql80"),
        "{detail}"
    );
    assert!(fix.contains("DB parameter group workshop-mysql80"), "{fix}");
    assert!(fix.contains("Actions → Reboot"), "{fix}");
}

#[tokio::test(start_paused = true)]
async fn another_option_group_is_named() {
    let lab = lab();
    lab.sim.console_modify("workshop-db", |db| {
        db.option_group = Some("workshop-audit".into());
    });
    lab.snapshot_taken().await;
    lab.console_restore("workshop-db-restore", as_the_chapter_says())
        .await;
    let check = lab.check(StepId::Restore).await;
    let (p, detail, fix) = only_note(&check);
    assert_eq!(p.code.as_str(), "restore-option-group");
    assert!(
        detail.contains("option group default:mysql-8-0"),
        "{detail}"
    );
    assert!(fix.contains("Option group workshop-audit"), "{fix}");
}

#[tokio::test(start_paused = true)]
async fn workshop_db_is_never_mended() {
    let lab = lab();
    let change = InstanceChange {
        instance_id: "workshop-db".into(),
        security_groups: Some(vec![DEFAULT_SG.into()]),
        multi_az: Some(false),
        ..InstanceChange::default()
    };
    let refused =
        act::modify_restored(lab.cloud.as_ref(), &lab.rt.config, "workshop-db", &change).await;
    assert!(
        matches!(&refused, Err(ActionError::Blocked(t)) if t.id == "blocked-protected-modify"),
        "{refused:?}"
    );
    // Nor any instance that is not the run's restored database.
    let other = InstanceChange {
        instance_id: "reporting-db".into(),
        ..change
    };
    assert!(
        act::modify_restored(
            lab.cloud.as_ref(),
            &lab.rt.config,
            "workshop-db-restore",
            &other
        )
        .await
        .is_err()
    );
    let source = lab.instance("workshop-db").await;
    assert_eq!(source.security_groups, [LAB_SG]);
    assert!(source.multi_az);
}

// ---------------------------------------------------------------------------------------------
// The same slips through the real adapter, against moto (see `aws_moto` for how it runs).

mod moto {
    use std::sync::Mutex;

    use backup_lab::cloud::aws::AwsCloud;
    use backup_lab::cloud::{Cloud, InstanceChange};
    use backup_lab::config::Config;

    use backup_lab::lab::journal::Journal;
    use backup_lab::lab::observe::{Observed, observe_all};
    use backup_lab::lab::plan::{Options, Ready, Request};
    use backup_lab::lab::steps::{self, Ctx};
    use backup_lab::lab::{Check, StepId};
    use serde_json::Value;

    use crate::support::moto::Moto;

    struct Account {
        moto: Moto,
        cloud: AwsCloud,
        lab_sg: String,
        default_sg: String,
        config: Config,
        journal: Mutex<Journal>,
    }

    /// moto with the lab's world and the snapshot, taken in the console.
    async fn account() -> Option<Account> {
        let moto = Moto::start()?;
        let world = moto.world();
        let id = |key: &str| world[key].as_str().unwrap_or_default().to_owned();
        let cloud = moto.cloud().await;
        moto.boto(
            "out(c('rds').create_db_snapshot(DBInstanceIdentifier='workshop-db', \
             DBSnapshotIdentifier='ondemandbackup')['DBSnapshot']['Status'])",
        );
        Some(Account {
            lab_sg: id("rds_security_group_id"),
            default_sg: id("default_security_group_id"),
            moto,
            cloud,
            config: Config::default(),
            journal: Mutex::new(Journal::in_memory()),
        })
    }

    impl Account {
        /// "Restore snapshot" in the console with the chapter's settings, `changes` (Python
        /// keyword arguments) replacing some.
        fn console_restore(&self, changes: &str) {
            self.moto.boto(&format!(
                "args = dict(DBInstanceIdentifier='workshop-db-restore', \
                 DBSnapshotIdentifier='ondemandbackup', DBInstanceClass='db.t3.micro', \
                 MultiAZ=True, DBSubnetGroupName='workshop-db-subnet-group', \
                 VpcSecurityGroupIds=['{}'], StorageType='gp2', \
                 DBParameterGroupName='workshop-mysql80')\n\
                 args.update(dict({changes}))\n\
                 out(c('rds').restore_db_instance_from_db_snapshot(**args)['DBInstance']['DBInstanceIdentifier'])",
                self.lab_sg
            ));
        }

        fn restored(&self) -> Value {
            self.moto.boto(
                "out(c('rds').describe_db_instances(\
                 DBInstanceIdentifier='workshop-db-restore')['DBInstances'][0])",
            )
        }

        async fn observed(&self) -> Observed {
            let mut o = Observed::default();
            observe_all(&self.cloud, &self.config, &mut o).await;
            o
        }

        async fn check(&self) -> Check {
            let o = self.observed().await;
            let journal = self.journal.lock().expect("journal");
            let ctx = Ctx {
                observed: &o,
                journal: &journal,
                config: &self.config,
                now: self.cloud.now(),
            };
            steps::check(StepId::Restore, &ctx).expect("check")
        }

        async fn ready(&self) -> Ready {
            let o = self.observed().await;
            let journal = self.journal.lock().expect("journal");
            let ctx = Ctx {
                observed: &o,
                journal: &journal,
                config: &self.config,
                now: self.cloud.now(),
            };
            steps::plan(StepId::Restore, &ctx, &Options::from_config(&self.config))
        }

        /// Confirms the restore step's plan (the mend) and runs it through the adapter.
        async fn mend(&self) -> Request {
            let Ready::Plan(plan) = self.ready().await else {
                panic!("no plan")
            };
            backup_lab::lab::runner::execute(
                &plan,
                &self.cloud,
                &self.config,
                &self.journal,
                &|_| {},
            )
            .await
            .expect("mend");
            plan.request
        }
    }

    fn codes(check: &Check) -> Vec<&str> {
        check.problems.iter().map(|p| p.code.as_str()).collect()
    }

    fn groups(instance: &Value) -> Vec<String> {
        instance["VpcSecurityGroups"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|g| g["VpcSecurityGroupId"].as_str())
            .map(str::to_owned)
            .collect()
    }

    #[tokio::test]
    async fn the_default_security_group_is_found_and_replaced() {
        let Some(account) = account().await else {
            return;
        };
        account.console_restore(&format!("VpcSecurityGroupIds=['{}']", account.default_sg));
        assert_eq!(groups(&account.restored()), [account.default_sg.as_str()]);
        let check = account.check().await;
        assert_eq!(codes(&check), ["restore-security-groups"], "{check:?}");
        let request = account.mend().await;
        assert_eq!(
            request,
            Request::MendRestored(InstanceChange {
                instance_id: "workshop-db-restore".into(),
                security_groups: Some(vec![account.lab_sg.clone()]),
                multi_az: None,
                ..InstanceChange::default()
            })
        );
        assert_eq!(groups(&account.restored()), [account.lab_sg.as_str()]);
        assert!(account.check().await.problems.is_empty());
        // The source stays as it was.
        let source = account.moto.boto(
            "out(c('rds').describe_db_instances(DBInstanceIdentifier='workshop-db')['DBInstances'][0])",
        );
        assert_eq!(groups(&source), [account.lab_sg.as_str()]);
    }

    #[tokio::test]
    async fn single_az_is_found_and_converted() {
        let Some(account) = account().await else {
            return;
        };
        account.console_restore("");
        // moto ignores MultiAZ=False on a restore; the learner's Single-AZ instance is made
        // with a modify, as the console's "Do not create a standby" would leave it.
        account.moto.boto(
            "out(c('rds').modify_db_instance(DBInstanceIdentifier='workshop-db-restore', \
             MultiAZ=False, ApplyImmediately=True)['DBInstance']['MultiAZ'])",
        );
        assert_eq!(account.restored()["MultiAZ"], false);
        let check = account.check().await;
        assert_eq!(codes(&check), ["restore-single-az"], "{check:?}");
        let request = account.mend().await;
        assert_eq!(
            request,
            Request::MendRestored(InstanceChange {
                instance_id: "workshop-db-restore".into(),
                security_groups: None,
                multi_az: Some(true),
                ..InstanceChange::default()
            })
        );
        assert_eq!(account.restored()["MultiAZ"], true);
        assert!(account.check().await.problems.is_empty());
    }

    #[tokio::test]
    async fn another_class_is_found() {
        let Some(account) = account().await else {
            return;
        };
        account.console_restore("DBInstanceClass='db.t3.small'");
        let check = account.check().await;
        assert_eq!(codes(&check), ["restore-class"], "{check:?}");
        let p = &check.problems[0];
        let detail = p.detail.render(backup_lab::i18n::Lang::En);
        assert!(
            detail.contains("runs as db.t3.small instead of db.t3.micro"),
            "{detail}"
        );
        // Mended in the console (backup-lab does not restart a database for it).
        assert!(matches!(account.ready().await, Ready::Blocked(_)));
    }
}

/// In the TUI, Enter on the restore step with an instance restored under another name asks
/// first: use it, or restore again. Each choice leads to its own plan.
#[tokio::test(start_paused = true)]
async fn enter_asks_whether_to_adopt_or_to_restore_again() {
    use backup_lab::action::Action;
    use backup_lab::app::{App, Dialog};
    use backup_lab::protocol::{Command, Msg, Snapshot};

    let lab = lab();
    lab.snapshot_taken().await;
    lab.console_restore("workshop-db-restored", as_the_chapter_says())
        .await;
    let observed = lab.observed().await;
    let mut app = App::new(
        Lang::De,
        lab.rt.config.clone(),
        lab.cloud.mode(),
        lab.cloud.now(),
    );
    app.update(Msg::State(Box::new(Snapshot {
        observed,
        journal: lab.rt.journal.lock().expect("journal").events().to_vec(),
        calls: Vec::new(),
        call_count: 0,
        app_call_count: 0,
        now: lab.cloud.now(),
        actions_ended: 0,
        looks_asked: 0,
    })));
    app.selected = StepId::Restore;
    app.update(Msg::Action(Action::Perform));
    let Some(Dialog::Choose { step, choices }) = app.dialog.clone() else {
        panic!("the restore asks first: {:?}", app.dialog)
    };
    assert_eq!(step, StepId::Restore);
    assert_eq!(
        choices.choices[choices.chosen.expect("a way is marked")].sets,
        backup_lab::lab::plan::Setting::RestoreAgain(false),
        "using the instance restored elsewhere is marked"
    );
    assert!(
        choices
            .args
            .iter()
            .any(|(name, value)| *name == "other"
                && value.render(Lang::En) == "workshop-db-restored"),
        "{:?}",
        choices.args
    );
    app.update(Msg::Action(Action::Confirm));
    let Some(Dialog::Confirm { plan, .. }) = app.dialog.clone() else {
        panic!("{:?}", app.dialog)
    };
    assert_eq!(
        plan.request,
        Request::AdoptRestored("workshop-db-restored".into())
    );
    // No: nothing happens. Enter again, the other choice: a restore under the lab's name.
    assert!(app.update(Msg::Action(Action::No)).is_empty());
    app.update(Msg::Action(Action::Perform));
    app.update(Msg::Action(Action::ToggleChoice));
    app.update(Msg::Action(Action::Confirm));
    let Some(Dialog::Confirm { plan, .. }) = app.dialog.clone() else {
        panic!("{:?}", app.dialog)
    };
    let Request::Restore(r) = &plan.request else {
        panic!("{:?}", plan.request)
    };
    assert_eq!(r.instance_id, "workshop-db-restore");
    let commands = app.update(Msg::Action(Action::Yes));
    assert!(matches!(commands.as_slice(), [Command::RunAction(_)]));
}

/// The mend's answer is lost (a timeout after RDS took the call): the retry looks again, finds
/// the conversion under way and counts it as done instead of sending it twice.
#[tokio::test(start_paused = true)]
async fn a_lost_answer_to_the_mend_is_not_sent_twice() {
    use backup_lab::cloud::faults::{Faulty, Spec};

    let lab = lab();
    lab.snapshot_taken().await;
    lab.console_restore(
        "workshop-db-restore",
        RestoreSettings {
            multi_az: false,
            ..as_the_chapter_says()
        },
    )
    .await;
    let plan = lab.plan(StepId::Restore).await;
    let log = Arc::new(CallLog::default());
    let recorded: Arc<dyn Cloud> = Arc::new(Recorded::new(lab.sim.clone(), log.clone(), None));
    let faulty = Faulty::new(
        recorded,
        Spec::parse("ModifyDBInstance=timeout@1").expect("spec"),
    );
    let out = backup_lab::lab::runner::execute_with_retry(
        backup_lab::lab::runner::Order::Confirmed(&plan),
        &faulty,
        &lab.rt.config,
        &lab.rt.journal,
        &|_| {},
        None,
    )
    .await
    .expect("done after the retry");
    assert!(
        out[0]
            .render(Lang::En)
            .contains("being converted to Multi-AZ")
    );
    let modifies = log
        .recent(100)
        .iter()
        .filter(|c| c.operation == "ModifyDBInstance")
        .count();
    assert_eq!(modifies, 1);
    lab.wait_minutes(16);
    assert_eq!(lab.check(StepId::Restore).await.state, StepState::Done);
}

/// After an adoption, a restore under the lab's own name (made in the console) takes its place.
#[tokio::test(start_paused = true)]
async fn a_restore_under_the_lab_name_after_an_adoption_takes_its_place() {
    let lab = lab();
    lab.snapshot_taken().await;
    lab.console_restore("workshop-db-restored", as_the_chapter_says())
        .await;
    let plan = lab.plan(StepId::Restore).await;
    lab.confirm(&plan).await.expect("adopt");
    lab.console_restore("workshop-db-restore", as_the_chapter_says())
        .await;
    assert_eq!(lab.check(StepId::Restore).await.state, StepState::Done);
    assert_eq!(
        lab.rt
            .journal
            .lock()
            .expect("journal")
            .restored_instance(&lab.rt.config),
        "workshop-db-restore"
    );
}

/// A restore the journal saw become available under another name (the configuration named
/// the restored database differently then) is no restore of the name asked for now: the step
/// does not claim it was made and since deleted.
#[tokio::test(start_paused = true)]
async fn a_restore_seen_under_another_name_is_not_taken_for_this_one() {
    let lab = lab();
    lab.snapshot_taken().await;
    {
        let mut journal = lab.rt.journal.lock().unwrap();
        let now = lab.sim.now();
        journal.record(
            now,
            now,
            backup_lab::lab::journal::EventKind::RestoreAvailable {
                instance: "workshop-db-copy".into(),
            },
        );
    }
    let check = lab.check(StepId::Restore).await;
    assert_ne!(check.state, StepState::Done, "{check:?}");
    assert!(
        !check.render(Lang::En).contains("deleted"),
        "{}",
        check.render(Lang::En)
    );
}
