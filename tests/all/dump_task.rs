//! The dump task of dump & restore as AWS documents it: RunTask's client token (a retried call
//! starts no second copy), the dump revisions deregistered and deleted (they may hold the
//! backend's password), the plan's note on where the password is kept and its warning about a
//! network without a public IP, and a role that may not tag. On the simulated account (paused
//! clock) and against moto.

use crate::support;

use std::sync::{Arc, Mutex};

use backup_lab::cloud::faults::{Faulty, Spec};
use backup_lab::cloud::recorder::{CallLog, Recorded};
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::cloud::{
    Cloud, DbInstance, ErrorKind, NetworkConfig, RunTaskRequest, STARTED_BY, TaskDefinitionStatus,
};
use backup_lab::config::Config;
use backup_lab::headless::Runtime;
use backup_lab::i18n::Lang;
use backup_lab::lab::act::ActionError;
use backup_lab::lab::dump::{DUMP_FAMILY, DumpTaskRequest};
use backup_lab::lab::journal::{Journal, Kind};
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::{CleanupPath, Options, Ready};
use backup_lab::lab::revisions::Revisions as _;
use backup_lab::lab::steps::{self, Ctx};
use backup_lab::lab::{StepId, Text};
use support::moto::Moto;

const START: &str = "2026-11-25T09:00:00Z";
const PASSWORD: &str = "Workshop-Pa55word";

struct Lab {
    sim: Arc<SimCloud>,
    cloud: Arc<dyn Cloud>,
    log: Arc<CallLog>,
    rt: Runtime,
}

impl Lab {
    /// The lab through verify on a fresh simulated world; the cleanup then meets `faults`.
    async fn recovered(faults: &str) -> Self {
        let sim = Arc::new(SimCloud::paced(
            START.parse().expect("time"),
            15.0,
            WorldNames::default(),
        ));
        let log = Arc::new(CallLog::default());
        let recorded: Arc<dyn Cloud> = Arc::new(Recorded::new(sim.clone(), log.clone(), None));
        let rt = Runtime {
            cloud: recorded.clone(),
            config: Config::default(),
            journal: Arc::new(Mutex::new(Journal::in_memory())),
            log: log.clone(),
            lang: Lang::En,
            read_only: false,
            json: true,
        };
        let options = Options::from_config(&rt.config);
        assert_eq!(rt.run(&StepId::CORE, &options, true).await, 0);
        let cloud: Arc<dyn Cloud> = if faults.is_empty() {
            recorded
        } else {
            Arc::new(Faulty::new(recorded, Spec::parse(faults).expect("spec")))
        };
        let rt = Runtime {
            cloud: cloud.clone(),
            ..rt
        };
        Self {
            sim,
            cloud,
            log,
            rt,
        }
    }

    fn copy_back(&self) -> Options {
        Options {
            cleanup: CleanupPath::CopyBack,
            ..Options::from_config(&self.rt.config)
        }
    }

    /// Cleanup by dump & restore, as the worker runs it (with its retries): the outcome's
    /// lines and the progress said on the way.
    async fn cleanup(&self) -> (Result<Vec<String>, ActionError>, Vec<String>) {
        let progress = Mutex::new(Vec::new());
        let result = backup_lab::lab::runner::execute_with_retry(
            backup_lab::lab::runner::Order::Any(StepId::Cleanup, &self.copy_back()),
            self.cloud.as_ref(),
            &self.rt.config,
            &self.rt.journal,
            &|text: Text| progress.lock().unwrap().push(text.render(Lang::En)),
            None,
        )
        .await
        .map(|lines| lines.iter().map(|l| l.render(Lang::En)).collect());
        (result, progress.into_inner().unwrap())
    }

    fn calls(&self, operation: &str) -> usize {
        self.log
            .recent(10_000)
            .into_iter()
            .filter(|c| c.operation == operation)
            .count()
    }

    async fn observed(&self) -> Observed {
        let mut o = Observed::default();
        self.rt.observe(&mut o).await;
        o
    }

    /// The cleanup plan by dump & restore, its notes rendered in `lang`.
    async fn plan_notes(&self, lang: Lang) -> Vec<String> {
        let o = self.observed().await;
        let journal = self.rt.journal.lock().unwrap();
        let ctx = Ctx {
            observed: &o,
            journal: &journal,
            config: &self.rt.config,
            now: self.cloud.now(),
        };
        let Ready::Plan(plan) = steps::plan(StepId::Cleanup, &ctx, &self.copy_back()) else {
            panic!("a plan");
        };
        plan.notes.iter().map(|n| n.render(lang)).collect()
    }

    fn copies_started(&self) -> usize {
        self.rt
            .journal
            .lock()
            .unwrap()
            .events()
            .iter()
            .filter(|e| e.kind.kind() == Kind::CopyStarted)
            .count()
    }
}

/// RunTask's answer is lost (the task starts): the retried call carries the same client token,
/// so the simulated ECS answers with the task already running, and one copy runs.
#[tokio::test(start_paused = true)]
async fn a_run_task_whose_answer_was_lost_starts_no_second_copy() {
    let lab = Lab::recovered("RunTask=timeout@1").await;
    let (result, _) = lab.cleanup().await;
    let out = result.expect("the copy back ends").join("\n");
    assert!(out.contains("exit code 0"), "{out}");
    assert_eq!(lab.calls("RunTask"), 2, "the call was sent again");
    assert_eq!(lab.sim.tasks_started(), 1, "one dump task ran, not two");
    assert_eq!(lab.copies_started(), 1);
    assert_eq!(lab.cloud.list_todos().await.expect("todos").len(), 5);
}

/// A copy that failed is started over deliberately: that one is a new task (a new token),
/// not the failed one answered again.
#[tokio::test(start_paused = true)]
async fn a_copy_started_again_after_a_failure_is_a_new_task() {
    let lab = Lab::recovered("").await;
    lab.sim.set_registry_reachable(false);
    let (result, _) = lab.cleanup().await;
    assert!(result.is_err(), "the pull fails");
    lab.sim.set_registry_reachable(true);
    let (result, _) = lab.cleanup().await;
    let out = result.expect("the second copy works").join("\n");
    assert!(out.contains("exit code 0"), "{out}");
    assert_eq!(lab.sim.tasks_started(), 2);
}

/// The simulated ECS keeps a token for 24 hours; the same token with other parameters is
/// refused as ECS refuses it.
#[tokio::test(start_paused = true)]
async fn the_same_token_gets_the_same_task_and_other_parameters_are_refused() {
    let lab = Lab::recovered("").await;
    let o = lab.observed().await;
    let restored = o.instance("workshop-db-restore").expect("restored").clone();
    let target = o.instance("workshop-db").expect("db").clone();
    let backend = o.current_task_definition().expect("td").arn.clone();
    let dump =
        DumpTaskRequest::new(&backend, "container-backend", &restored, &target).expect("request");
    let td = backup_lab::lab::dump::dump_task_definition(&*lab.cloud, &dump)
        .await
        .expect("register");
    let network = lab
        .cloud
        .describe_service_network("workshop-cluster", "backend-service")
        .await
        .expect("network");
    let request = RunTaskRequest {
        cluster: "workshop-cluster".into(),
        task_definition: td.arn.clone(),
        network,
        started_by: STARTED_BY.into(),
        client_token: String::new(),
    }
    .with_token(7);
    let first = lab.cloud.run_task(&request).await.expect("run");
    lab.sim.advance(std::time::Duration::from_secs(30));
    let again = lab.cloud.run_task(&request).await.expect("run again");
    assert_eq!(again.arn, first.arn);
    assert_ne!(
        again.last_status, first.last_status,
        "the task as it is now"
    );
    assert_eq!(lab.sim.tasks_started(), 1);
    let other = RunTaskRequest {
        started_by: "someone-else".into(),
        ..request.clone()
    };
    let refused = lab.cloud.run_task(&other).await.expect_err("a conflict");
    assert_eq!(refused.code, "ConflictException");
    lab.sim.advance(std::time::Duration::from_secs(25 * 3600));
    let later = lab.cloud.run_task(&request).await.expect("a day later");
    assert_ne!(later.arn, first.arn, "the token has expired");
}

/// Every dump revision is deregistered and then deleted: a deregistered revision can still be
/// described, with the password in its environment.
#[tokio::test(start_paused = true)]
async fn the_dump_revisions_are_deregistered_and_deleted() {
    let lab = Lab::recovered("").await;
    let (result, _) = lab.cleanup().await;
    let out = result.expect("copy back").join("\n");
    assert!(out.contains("backup-lab-dump:1 deregistered"), "{out}");
    assert!(
        out.contains("backup-lab-dump (revision 1) deleted"),
        "{out}"
    );
    assert!(
        lab.cloud
            .active_revisions(DUMP_FAMILY)
            .await
            .expect("active")
            .is_empty()
    );
    assert!(
        lab.cloud
            .inactive_revisions(DUMP_FAMILY)
            .await
            .expect("inactive")
            .is_empty(),
        "nothing of the dump is left to describe"
    );
    let gone = lab
        .cloud
        .describe_task_definition(&format!("{DUMP_FAMILY}:1"))
        .await;
    assert!(
        gone.as_ref()
            .is_ok_and(|td| td.status == TaskDefinitionStatus::DeleteInProgress)
            || gone.is_err(),
        "{gone:?}"
    );
    assert_eq!(lab.calls("DeleteTaskDefinitions"), 1);
}

/// A role that may not delete task definitions: the cleanup stands, and the learner is told
/// which revisions still hold the password and the command that deletes them.
#[tokio::test(start_paused = true)]
async fn a_role_that_may_not_delete_them_is_told_what_is_left() {
    let lab = Lab::recovered("DeleteTaskDefinitions=denied").await;
    let (result, _) = lab.cleanup().await;
    let out = result.expect("the cleanup stands").join("\n");
    assert!(
        out.contains("could not be deleted")
            && out.contains("aws ecs delete-task-definitions --task-definitions"),
        "{out}"
    );
    assert!(!out.contains(PASSWORD));
    assert_eq!(
        lab.cloud
            .inactive_revisions(DUMP_FAMILY)
            .await
            .expect("inactive")
            .len(),
        1
    );
    let o = lab.observed().await;
    assert!(
        o.instance("workshop-db-restore")
            .is_none_or(|i| i.status == backup_lab::cloud::InstanceStatus::Deleting),
        "the rest is done"
    );
}

/// The plan says where the password goes: the backend keeps it in plain environment, so the
/// dump revision does too, until the cleanup deletes it.
#[tokio::test(start_paused = true)]
async fn the_plan_says_where_the_password_is_stored() {
    let lab = Lab::recovered("").await;
    for lang in [Lang::En, Lang::De] {
        let notes = lab.plan_notes(lang).await.join("\n");
        assert!(
            notes.contains("MYSQL_PWD") && notes.contains("DeleteTaskDefinitions"),
            "{notes}"
        );
        assert!(!notes.contains(PASSWORD), "{notes}");
        assert!(!notes.contains("assignPublicIp"), "{notes}");
    }
    let en = lab.plan_notes(Lang::En).await.join("\n");
    assert!(
        en.contains("in plain text") && en.contains("backup-lab-dump stores them the same way"),
        "{en}"
    );
}

/// Tasks without a public IP reach public.ecr.aws only through a NAT gateway: the plan warns
/// before anything runs, first of its notes.
#[tokio::test(start_paused = true)]
async fn a_network_without_public_ip_is_named_as_a_risk_in_the_plan() {
    let lab = Lab::recovered("").await;
    let network = lab
        .cloud
        .describe_service_network("workshop-cluster", "backend-service")
        .await
        .expect("network");
    lab.sim.set_task_network(NetworkConfig {
        assign_public_ip: false,
        ..network
    });
    lab.sim.advance(std::time::Duration::from_secs(60));
    for (lang, risk) in [(Lang::En, "Risk:"), (Lang::De, "Risiko:")] {
        let notes = lab.plan_notes(lang).await;
        assert!(
            notes[0].starts_with(risk)
                && notes[0].contains("assignPublicIp DISABLED")
                && notes[0].contains("NAT")
                && notes[0].contains("public.ecr.aws/docker/library/mysql:8.0"),
            "{notes:?}"
        );
    }
}

/// A role that may create task definitions but not tag them: the dump revision is registered
/// again without tags, as the snapshot and the restores are, and the copy goes on.
#[tokio::test(start_paused = true)]
async fn a_role_that_may_not_tag_registers_the_dump_untagged() {
    let lab = Lab::recovered("tag-denied").await;
    let (result, progress) = lab.cleanup().await;
    let out = result.expect("copy back").join("\n");
    assert!(out.contains("exit code 0"), "{out}");
    assert!(
        progress
            .iter()
            .any(|p| p.contains("refused the tags") && p.contains("ecs:TagResource")),
        "{progress:?}"
    );
    assert_eq!(lab.sim.tasks_started(), 1);
}

/// The adapter against moto: DeleteTaskDefinitions takes only deregistered revisions, and a
/// deleted one is gone from the INACTIVE list.
#[tokio::test]
async fn delete_task_definitions_against_moto() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let cloud = moto.cloud().await;
    let target = cloud
        .describe_instances()
        .await
        .expect("describe")
        .into_iter()
        .find(|i| i.id == "workshop-db")
        .expect("workshop-db");
    let source = DbInstance {
        id: "workshop-db-restore".into(),
        endpoint: Some("workshop-db-restore.cabcdefghijk.us-east-1.rds.amazonaws.com".into()),
        ..target.clone()
    };
    let backend = world["task_definition_arn"].as_str().expect("td");
    let request =
        DumpTaskRequest::new(backend, "container-backend", &source, &target).expect("request");
    let td = backup_lab::lab::dump::dump_task_definition(&cloud, &request)
        .await
        .expect("register");
    let active = cloud
        .delete_task_definitions(std::slice::from_ref(&td.arn))
        .await
        .expect_err("an ACTIVE revision is not deleted");
    assert_eq!(active.kind, ErrorKind::Client);
    assert!(active.message.contains("ACTIVE"), "{active:?}");
    cloud
        .deregister_task_definition(&td.arn)
        .await
        .expect("deregister");
    assert_eq!(
        cloud
            .inactive_revisions(DUMP_FAMILY)
            .await
            .expect("inactive"),
        std::slice::from_ref(&td.arn)
    );
    cloud
        .delete_task_definitions(std::slice::from_ref(&td.arn))
        .await
        .expect("delete");
    assert!(
        cloud
            .inactive_revisions(DUMP_FAMILY)
            .await
            .expect("inactive")
            .is_empty()
    );
    assert!(
        cloud.describe_task_definition(&td.arn).await.is_err(),
        "the revision is gone with its environment"
    );
}
