//! The cloud layer of dump & restore: the dump task definition, RunTask and DescribeTasks in
//! the simulated account on a test clock (the todos really move), against moto (the parameters
//! on the wire) and against a loopback fake (what moto cannot answer: stopped tasks with their
//! reasons and exit codes).

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use backup_lab::cloud::aws::{AwsCloud, AwsSettings};
use backup_lab::cloud::faults::Spec;
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::cloud::{
    Cloud, DbInstance, RestoreRequest, RestoreSettings, RunTaskRequest, STARTED_BY,
    SnapshotRequest, Task, TaskStatus, cli,
};
use backup_lab::lab::dump::{DUMP_FAMILY, DUMP_SCRIPT, DumpTaskRequest};
use backup_lab::lab::journal::Journal;
use backup_lab::lab::revisions::Revisions as _;
use serde_json::Value;
use support::lab::SimLab;
use support::moto::Moto;

const CLUSTER: &str = "workshop-cluster";
const SERVICE: &str = "backend-service";
const CONTAINER: &str = "container-backend";
const INSTANCE: &str = "workshop-db";
const RESTORED: &str = "workshop-db-restore";
const PASSWORD: &str = "Workshop-Pa55word!";
const TITLES: [&str; 5] = ["eins", "zwei", "drei", "vier", "fünf"];

/// The shared lab fixture (`tests/support/lab.rs`) on a clock at wall-clock speed (×1).
struct Sim(SimLab);

impl std::ops::Deref for Sim {
    type Target = SimLab;
    fn deref(&self) -> &SimLab {
        &self.0
    }
}

fn sim() -> Sim {
    Sim(SimLab::on(support::lab::paced(1.0), Journal::in_memory()))
}

impl Sim {
    async fn instance(&self, id: &str) -> Option<DbInstance> {
        self.cloud
            .describe_instances()
            .await
            .expect("describe")
            .into_iter()
            .find(|i| i.id == id)
    }

    async fn titles(&self) -> Vec<String> {
        let mut titles: Vec<String> = self
            .cloud
            .list_todos()
            .await
            .expect("todos")
            .into_iter()
            .map(|t| t.title)
            .collect();
        titles.sort();
        titles
    }

    /// The lab up to the restore: 5 todos, a snapshot, the todos deleted, the snapshot
    /// restored with `security_groups` (the source's when `None`) until it takes connections.
    async fn restored(&self, security_groups: Option<Vec<String>>, wait: bool) -> DbInstance {
        for title in TITLES {
            self.cloud.create_todo(title).await.expect("create");
        }
        self.cloud
            .create_snapshot(&SnapshotRequest {
                instance_id: INSTANCE.into(),
                snapshot_id: "before-disaster".into(),
                tags: Vec::new(),
            })
            .await
            .expect("snapshot");
        while !self
            .cloud
            .describe_snapshots(INSTANCE)
            .await
            .expect("snapshots")
            .iter()
            .any(backup_lab::cloud::DbSnapshot::is_available)
        {
            self.cloud.pause(Duration::from_secs(10)).await;
        }
        for todo in self.cloud.list_todos().await.expect("todos") {
            self.cloud.delete_todo(&todo.id).await.expect("delete");
        }
        assert!(self.titles().await.is_empty());
        let source = self.instance(INSTANCE).await.expect("workshop-db");
        self.cloud
            .restore_from_snapshot(&RestoreRequest {
                instance_id: RESTORED.into(),
                snapshot_id: "before-disaster".into(),
                settings: RestoreSettings {
                    class: source.class.clone(),
                    security_groups: security_groups.unwrap_or(source.security_groups.clone()),
                    subnet_group: source.subnet_group.clone(),
                    ..RestoreSettings::default()
                },
            })
            .await
            .expect("restore");
        loop {
            let restored = self.instance(RESTORED).await.expect("restored");
            if !wait || restored.accepts_connections() {
                return restored;
            }
            self.cloud.pause(Duration::from_secs(30)).await;
        }
    }

    /// Registers the dump task definition and runs it as the step will; the task's statuses
    /// as seen every 5 s until STOPPED, and the stopped task.
    async fn copy_back(&self, source: &DbInstance) -> (Vec<TaskStatus>, Task) {
        let target = self.instance(INSTANCE).await.expect("workshop-db");
        let service = self
            .cloud
            .describe_service(CLUSTER, SERVICE)
            .await
            .expect("service");
        let request = DumpTaskRequest::new(&service.task_definition, CONTAINER, source, &target)
            .expect("request");
        let td = backup_lab::lab::dump::dump_task_definition(&*self.cloud, &request)
            .await
            .expect("register");
        let network = self
            .cloud
            .describe_service_network(CLUSTER, SERVICE)
            .await
            .expect("network");
        let task = self
            .cloud
            .run_task(&RunTaskRequest {
                cluster: CLUSTER.into(),
                task_definition: td.arn.clone(),
                network,
                started_by: STARTED_BY.into(),
                client_token: String::new(),
            })
            .await
            .expect("run");
        let mut seen = vec![task.last_status.clone()];
        for _ in 0..100 {
            self.cloud.pause(Duration::from_secs(5)).await;
            let now = self
                .cloud
                .describe_task(CLUSTER, &task.arn)
                .await
                .expect("describe task");
            if seen.last() != Some(&now.last_status) {
                seen.push(now.last_status.clone());
            }
            if now.is_stopped() {
                return (seen, now);
            }
        }
        panic!("the task never stopped: {seen:?}");
    }
}

#[tokio::test(start_paused = true)]
async fn the_dump_task_copies_the_restored_todos_into_workshop_db() {
    let lab = sim();
    let restored = lab.restored(None, true).await;
    assert_eq!(restored.db_name.as_deref(), Some("todo"));
    let started = lab.cloud.now();
    let (seen, task) = lab.copy_back(&restored).await;
    assert_eq!(
        seen,
        [
            TaskStatus::Provisioning,
            TaskStatus::Pending,
            TaskStatus::Running,
            TaskStatus::Deprovisioning,
            TaskStatus::Stopped
        ]
    );
    assert!(task.succeeded(), "{task:?}");
    assert_eq!(task.exit_code(), Some(0));
    assert_eq!(task.started_by.as_deref(), Some(STARTED_BY));
    assert_eq!(task.failure_reason(), None);
    let took = task.stopped.expect("stopped at").as_second() - started.as_second();
    assert!(
        (60..=180).contains(&took),
        "a Fargate task takes about a minute or two: {took} s"
    );
    // The backend still reads workshop-db: the todos are back there.
    let mut expected: Vec<String> = TITLES.iter().map(|t| (*t).to_owned()).collect();
    expected.sort();
    assert_eq!(lab.titles().await, expected);

    // The same request finds its task definition again; the call log shows no secret.
    let target = lab.instance(INSTANCE).await.expect("workshop-db");
    let service = lab
        .cloud
        .describe_service(CLUSTER, SERVICE)
        .await
        .expect("service");
    let request = DumpTaskRequest::new(&service.task_definition, CONTAINER, &restored, &target)
        .expect("request");
    let again = backup_lab::lab::dump::dump_task_definition(&*lab.cloud, &request)
        .await
        .expect("again");
    assert_eq!(again.arn, task.task_definition);
    assert_eq!(again.family, DUMP_FAMILY);
    assert_eq!(
        lab.cloud
            .active_revisions(DUMP_FAMILY)
            .await
            .expect("list")
            .len(),
        1
    );
    let calls = format!("{:?}", lab.log.recent(1000));
    assert!(calls.contains("aws ecs run-task"), "{calls}");
    assert!(!calls.contains(PASSWORD), "the call log shows no password");
}

#[tokio::test(start_paused = true)]
async fn a_copy_a_security_group_blocks_exits_1_and_leaves_workshop_db_alone() {
    let lab = sim();
    // Restored without security groups: RDS gives it the VPC's default group, which does not
    // let the backend's group in.
    let restored = lab.restored(Some(Vec::new()), true).await;
    let (_, task) = lab.copy_back(&restored).await;
    assert!(!task.succeeded());
    assert_eq!(task.exit_code(), Some(1));
    assert_eq!(task.stop_code.as_deref(), Some("EssentialContainerExited"));
    assert_eq!(
        task.failure_reason().as_deref(),
        Some("Essential container in task exited")
    );
    assert!(lab.titles().await.is_empty(), "nothing was written");
}

#[tokio::test(start_paused = true)]
async fn a_copy_from_a_database_still_being_created_fails() {
    let lab = sim();
    let restored = lab.restored(None, false).await;
    assert!(!restored.accepts_connections());
    // The endpoint is known before the instance takes connections (RDS names it at once).
    let restored = DbInstance {
        endpoint: Some(format!(
            "{RESTORED}.c9xk2mplq7ab.us-east-1.rds.amazonaws.com"
        )),
        ..restored
    };
    let (_, task) = lab.copy_back(&restored).await;
    assert_eq!(task.exit_code(), Some(1));
    assert!(lab.titles().await.is_empty());
}

#[tokio::test(start_paused = true)]
async fn an_image_that_cannot_be_pulled_stops_the_task_with_cannot_pull_container_error() {
    let lab = sim();
    let restored = lab.restored(None, true).await;
    lab.sim.set_registry_reachable(false);
    let (seen, task) = lab.copy_back(&restored).await;
    assert!(
        !seen.contains(&TaskStatus::Running),
        "it never runs: {seen:?}"
    );
    assert_eq!(task.exit_code(), None);
    assert_eq!(task.stop_code.as_deref(), Some("TaskFailedToStart"));
    let reason = task.failure_reason().expect("reason");
    assert!(reason.starts_with("CannotPullContainerError"), "{reason}");
    assert!(
        reason.contains("public.ecr.aws/docker/library/mysql:8.0"),
        "{reason}"
    );
    assert!(lab.titles().await.is_empty());
}

#[tokio::test(start_paused = true)]
async fn the_dump_faults_hit_the_runs_they_name() {
    let lab = sim();
    let restored = lab.restored(None, true).await;
    let spec = Spec::parse("RunTask=db-unreachable@1").expect("spec");
    assert!(!spec.has_call_faults());
    lab.sim.set_dump_faults(spec.dump_faults());
    let (_, first) = lab.copy_back(&restored).await;
    assert_eq!(first.exit_code(), Some(1));
    assert!(lab.titles().await.is_empty());
    let (_, second) = lab.copy_back(&restored).await;
    assert!(second.succeeded());
    assert_eq!(lab.titles().await.len(), 5);

    lab.sim.set_dump_faults(
        Spec::parse("RunTask=no-registry")
            .expect("spec")
            .dump_faults(),
    );
    let (_, third) = lab.copy_back(&restored).await;
    assert_eq!(third.stop_code.as_deref(), Some("TaskFailedToStart"));

    for wrong in ["UpdateService=no-registry", "RunTask=db-unreachable:0.5"] {
        assert!(Spec::parse(wrong).is_err(), "{wrong}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_world_saved_before_the_dump_loads() {
    // A world file written before tasks existed has no `tasks`; serde defaults fill it in.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("world.json");
    {
        let sim = SimCloud::open(path.clone(), 15.0, WorldNames::default()).expect("new world");
        sim.create_todo("x").await.expect("create");
    }
    let mut saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    let object = saved.as_object_mut().expect("object");
    assert!(object.remove("tasks").is_some(), "tasks are saved");
    for instance in object["instances"]
        .as_object_mut()
        .expect("instances")
        .values_mut()
    {
        instance["base"]
            .as_object_mut()
            .expect("base")
            .remove("db_name");
    }
    std::fs::write(&path, saved.to_string()).expect("write");
    let sim = SimCloud::open(path, 15.0, WorldNames::default()).expect("old world loads");
    let network = sim
        .describe_service_network(CLUSTER, SERVICE)
        .await
        .expect("network");
    assert!(!network.subnets.is_empty());
}

#[test]
fn the_request_names_no_secret_and_picks_the_engine_s_client() {
    let instance = |id: &str, engine: &str| DbInstance {
        id: id.into(),
        engine: engine.into(),
        endpoint: Some(format!("{id}.example")),
        port: Some(3306),
        db_name: Some("todo".into()),
        ..DbInstance::default()
    };
    let request = DumpTaskRequest::new(
        "arn:aws:ecs:us-east-1:1:task-definition/workshop-backend:3",
        CONTAINER,
        &instance(RESTORED, "mysql 8.4.7"),
        &instance(INSTANCE, "mysql 8.4.7"),
    )
    .expect("request");
    assert_eq!(request.image, "public.ecr.aws/docker/library/mysql:8.4");
    assert!(DUMP_SCRIPT.contains("--single-transaction --set-gtid-purged=OFF --no-tablespaces"));
    let line = backup_lab::lab::dump::register_line(&request);
    assert!(
        line.contains("MYSQL_PWD") && !line.contains(PASSWORD),
        "{line}"
    );
    assert!(
        DumpTaskRequest::new(
            "td",
            CONTAINER,
            &instance(RESTORED, "postgres 16.3"),
            &instance(INSTANCE, "postgres 16.3")
        )
        .is_err()
    );
    let no_name = DbInstance {
        db_name: None,
        ..instance(RESTORED, "mysql 8.0.39")
    };
    assert!(DumpTaskRequest::new("td", CONTAINER, &no_name, &no_name).is_err());
}

// ---------------------------------------------------------------------------------------------
// Against moto

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn register_and_run_put_the_right_parameters_on_the_wire() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let cloud = moto.cloud().await;

    let target = cloud
        .describe_instances()
        .await
        .expect("describe")
        .into_iter()
        .find(|i| i.id == INSTANCE)
        .expect("workshop-db");
    assert_eq!(target.db_name.as_deref(), Some("todo"));
    let source = DbInstance {
        id: RESTORED.into(),
        endpoint: Some(format!(
            "{RESTORED}.cabcdefghijk.us-east-1.rds.amazonaws.com"
        )),
        ..target.clone()
    };
    let backend = world["task_definition_arn"]
        .as_str()
        .expect("td")
        .to_owned();
    let request = DumpTaskRequest::new(&backend, CONTAINER, &source, &target).expect("request");
    let td = backup_lab::lab::dump::dump_task_definition(&cloud, &request)
        .await
        .expect("register");
    assert_eq!((td.family.as_str(), td.revision), (DUMP_FAMILY, 1));
    let again = backup_lab::lab::dump::dump_task_definition(&cloud, &request)
        .await
        .expect("found again");
    assert_eq!(
        again.arn, td.arn,
        "the same request registers no second revision"
    );

    let seen = moto.boto(&format!(
        "r = c('ecs').describe_task_definition(taskDefinition='{}', include=['TAGS'])\nr.pop('ResponseMetadata', None)\nout(r)",
        td.arn
    ));
    let backend_seen = moto.boto(&format!(
        "out(c('ecs').describe_task_definition(taskDefinition='{backend}')['taskDefinition'])"
    ));
    let def = &seen["taskDefinition"];
    let container = &def["containerDefinitions"][0];
    assert_eq!(
        container["image"],
        "public.ecr.aws/docker/library/mysql:8.0"
    );
    assert_eq!(strings(&container["command"]), ["bash", "-c", DUMP_SCRIPT]);
    assert!(!container["command"].to_string().contains(PASSWORD));
    let env: Vec<(String, String)> = container["environment"]
        .as_array()
        .expect("environment")
        .iter()
        .map(|kv| {
            (
                kv["name"].as_str().unwrap_or_default().to_owned(),
                kv["value"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let value = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    assert_eq!(value("SOURCE_HOST"), source.endpoint.as_deref());
    assert_eq!(value("TARGET_HOST"), target.endpoint.as_deref());
    assert_eq!(value("DB_NAME"), Some("todo"));
    assert_eq!(value("DB_USER"), Some("clusteradmin"));
    // The backend keeps its password as plain environment; the dump takes it the same way,
    // under the name the MySQL clients read, and nowhere else.
    assert_eq!(value("MYSQL_PWD"), Some(PASSWORD));
    assert_eq!(
        env.iter().filter(|(_, v)| v.contains(PASSWORD)).count(),
        1,
        "{env:?}"
    );
    assert_eq!(def["executionRoleArn"], backend_seen["executionRoleArn"]);
    assert_eq!(
        container["logConfiguration"],
        backend_seen["containerDefinitions"][0]["logConfiguration"]
    );
    assert_eq!(
        (def["cpu"].as_str(), def["memory"].as_str()),
        (Some("256"), Some("512"))
    );
    assert_eq!(def["networkMode"], "awsvpc");
    assert_eq!(strings(&def["requiresCompatibilities"]), ["FARGATE"]);
    assert!(
        seen["tags"].to_string().contains("backup-lab-fingerprint"),
        "{seen}"
    );

    let network = cloud
        .describe_service_network(CLUSTER, SERVICE)
        .await
        .expect("network");
    assert_eq!(network.subnets, strings(&world["subnet_ids"]));
    assert_eq!(network.security_groups.len(), 1);
    assert!(network.assign_public_ip);
    let run = RunTaskRequest {
        cluster: CLUSTER.into(),
        task_definition: td.arn.clone(),
        network: network.clone(),
        started_by: STARTED_BY.into(),
        client_token: String::new(),
    }
    .with_token(0);
    let line = cli::run_task(&run);
    assert!(
        line.contains("--started-by backup-lab") && line.contains("assignPublicIp=ENABLED"),
        "{line}"
    );
    // moto 5.2 cannot run awsvpc tasks (its RunTask fails building the network interface);
    // what RunTask sends is checked against a recording fake below.
    assert_eq!(run.network, network);
}

#[tokio::test]
async fn a_backend_with_a_secret_password_gives_the_dump_the_same_reference() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let cloud = moto.cloud().await;
    let reference =
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:workshop-db-AbCdEf:password::";
    let backend = moto.boto(&format!(
        "e = c('ecs')\n\
         td = e.describe_task_definition(taskDefinition='{}')['taskDefinition']\n\
         cd = td['containerDefinitions'][0]\n\
         cd['environment'] = [kv for kv in cd['environment'] if kv['name'] != 'DB_PASSWORD']\n\
         cd['secrets'] = cd.get('secrets', []) + [{{'name': 'DB_PASSWORD', 'valueFrom': '{reference}'}}]\n\
         r = e.register_task_definition(family=td['family'], executionRoleArn=td['executionRoleArn'], networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256', memory='512', containerDefinitions=[cd])\n\
         out(r['taskDefinition']['taskDefinitionArn'])",
        world["task_definition_arn"].as_str().expect("td")
    ));
    let target = cloud
        .describe_instances()
        .await
        .expect("describe")
        .into_iter()
        .find(|i| i.id == INSTANCE)
        .expect("workshop-db");
    let request = DumpTaskRequest::new(backend.as_str().expect("arn"), CONTAINER, &target, &target)
        .expect("request");
    let td = backup_lab::lab::dump::dump_task_definition(&cloud, &request)
        .await
        .expect("register");
    let container = moto.boto(&format!(
        "out(c('ecs').describe_task_definition(taskDefinition='{}')['taskDefinition']['containerDefinitions'][0])",
        td.arn
    ));
    assert!(!container.to_string().contains(PASSWORD), "{container}");
    assert_eq!(
        container["secrets"],
        serde_json::json!([{"name": "MYSQL_PWD", "valueFrom": reference}])
    );
}

// ---------------------------------------------------------------------------------------------
// What moto cannot answer: stopped tasks with their reasons

async fn cloud_on(port: u16) -> AwsCloud {
    let settings = AwsSettings {
        region: Some(support::moto::REGION.into()),
        ..AwsSettings::default()
    };
    AwsCloud::connect_with(
        &settings,
        &support::moto::overrides_for(&format!("http://127.0.0.1:{port}")),
    )
    .await
    .expect("connect to the fake")
}

fn stopped_task(reason: &str, exit_code: Option<i32>, stop_code: &str) -> String {
    let mut container = serde_json::json!({"name": "mysql-dump", "lastStatus": "STOPPED"});
    if let Some(code) = exit_code {
        container["exitCode"] = code.into();
    } else {
        container["reason"] = reason.into();
    }
    serde_json::json!({
        "tasks": [{
            "taskArn": "arn:aws:ecs:us-east-1:111122223333:task/workshop-cluster/4f0c",
            "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/backup-lab-dump:1",
            "lastStatus": "STOPPED",
            "desiredStatus": "STOPPED",
            "stoppedReason": reason,
            "stopCode": stop_code,
            "startedBy": "backup-lab",
            "createdAt": 1_764_000_000.0,
            "stoppedAt": 1_764_000_090.0,
            "containers": [container]
        }],
        "failures": []
    })
    .to_string()
}

#[tokio::test]
async fn stopped_tasks_are_read_with_their_reasons_and_exit_codes() {
    let pull = "CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref public.ecr.aws/docker/library/mysql:8.0";
    for (answer, exit_code, stop_code, reason) in [
        (
            stopped_task(pull, None, "TaskFailedToStart"),
            None,
            "TaskFailedToStart",
            pull,
        ),
        (
            stopped_task(
                "Essential container in task exited",
                Some(1),
                "EssentialContainerExited",
            ),
            Some(1),
            "EssentialContainerExited",
            "Essential container in task exited",
        ),
    ] {
        let port = support::fake::serve(move |request| {
            if request.body.contains("Action=GetCallerIdentity") {
                return (
                    200,
                    "text/xml".into(),
                    support::fake::CALLER_IDENTITY.into(),
                );
            }
            if request
                .header("x-amz-target")
                .is_some_and(|t| t.ends_with(".DescribeTasks"))
            {
                return (200, "application/x-amz-json-1.1".into(), answer.clone());
            }
            (
                400,
                "application/x-amz-json-1.1".into(),
                r#"{"__type": "ClientException", "message": "not in this fake"}"#.into(),
            )
        });
        let cloud = cloud_on(port).await;
        let task = cloud
            .describe_task(
                CLUSTER,
                "arn:aws:ecs:us-east-1:111122223333:task/workshop-cluster/4f0c",
            )
            .await
            .expect("describe");
        assert!(task.is_stopped());
        assert_eq!(task.exit_code(), exit_code);
        assert_eq!(task.stop_code.as_deref(), Some(stop_code));
        assert!(!task.succeeded());
        assert!(
            task.failure_reason().is_some_and(|r| r.starts_with(reason)),
            "{task:?}"
        );
        assert!(task.stopped.is_some());
    }
}

#[tokio::test]
async fn run_task_sends_fargate_the_service_network_and_started_by() {
    let bodies = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let seen = bodies.clone();
    let answer = stopped_task("", None, "").replace("\"STOPPED\"", "\"PROVISIONING\"");
    let port = support::fake::serve(move |request| {
        if request.body.contains("Action=GetCallerIdentity") {
            return (
                200,
                "text/xml".into(),
                support::fake::CALLER_IDENTITY.into(),
            );
        }
        if request
            .header("x-amz-target")
            .is_some_and(|t| t.ends_with(".RunTask"))
        {
            seen.lock().unwrap().push(request.body.clone());
            return (200, "application/x-amz-json-1.1".into(), answer.clone());
        }
        (
            400,
            "application/x-amz-json-1.1".into(),
            r#"{"__type": "ClientException", "message": "not in this fake"}"#.into(),
        )
    });
    let cloud = cloud_on(port).await;
    let run = RunTaskRequest {
        cluster: CLUSTER.into(),
        task_definition: "arn:aws:ecs:us-east-1:111122223333:task-definition/backup-lab-dump:1"
            .into(),
        network: backup_lab::cloud::NetworkConfig {
            subnets: vec!["subnet-a".into(), "subnet-b".into()],
            security_groups: vec!["sg-backend".into()],
            assign_public_ip: false,
        },
        started_by: STARTED_BY.into(),
        client_token: String::new(),
    }
    .with_token(3);
    let task = cloud.run_task(&run).await.expect("run");
    assert_eq!(task.last_status, TaskStatus::Provisioning);
    let mut body: Value =
        serde_json::from_str(&bodies.lock().unwrap()[0]).expect("RunTask sends JSON");
    // The token is the request's own, so a RunTask retried after a lost answer (a new
    // call, not the SDK's retry) gets the task the first call started.
    let token = body.as_object_mut().and_then(|b| b.remove("clientToken"));
    assert_eq!(
        token.as_ref().and_then(Value::as_str),
        Some(run.client_token.as_str())
    );
    assert!(run.client_token.len() <= backup_lab::cloud::CLIENT_TOKEN_MAX);
    assert!(run.client_token.bytes().all(|b| (33..=126).contains(&b)));
    let again = run.clone().with_token(3);
    assert_eq!(
        again.client_token, run.client_token,
        "the same request, the same token"
    );
    assert_ne!(
        run.clone().with_token(4).client_token,
        run.client_token,
        "the next copy gets a new token"
    );
    assert_eq!(
        body,
        serde_json::json!({
            "cluster": CLUSTER,
            "taskDefinition": run.task_definition,
            "launchType": "FARGATE",
            "count": 1,
            "startedBy": "backup-lab",
            "networkConfiguration": {"awsvpcConfiguration": {
                "subnets": ["subnet-a", "subnet-b"],
                "securityGroups": ["sg-backend"],
                "assignPublicIp": "DISABLED"
            }}
        })
    );
    let line = cli::run_task(&run);
    assert!(line.contains("assignPublicIp=DISABLED"), "{line}");
    assert!(
        line.contains(&format!("--client-token {}", run.client_token)),
        "{line}"
    );
}

// ---------------------------------------------------------------------------------------------
// The cleanup path on top of it: "go back to workshop-db and keep the restored data"

mod path {
    use std::sync::Mutex;

    use crate::support::lab::SimLab;
    use backup_lab::cloud::faults::Spec;
    use backup_lab::headless::Runtime;
    use backup_lab::i18n::Lang;
    use backup_lab::lab::act::ActionError;
    use backup_lab::lab::dump::DUMP_FAMILY;
    use backup_lab::lab::journal::Kind;
    use backup_lab::lab::observe::Observed;
    use backup_lab::lab::plan::{CleanupPath, Options, Ready, Request};
    use backup_lab::lab::recovery;
    use backup_lab::lab::revisions::Revisions as _;
    use backup_lab::lab::steps::{self, Ctx};
    use backup_lab::lab::{StepId, StepState};
    use backup_lab::ui_text;

    const ORIGINAL: &str = "arn:aws:ecs:us-east-1:111122223333:task-definition/workshop-backend:1";

    /// The shared lab fixture (`tests/support/lab.rs`), with this module's own helpers.
    struct Lab(SimLab);

    impl std::ops::Deref for Lab {
        type Target = SimLab;
        fn deref(&self) -> &SimLab {
            &self.0
        }
    }

    fn lab(read_only: bool) -> Lab {
        let mut lab = SimLab::new();
        lab.rt.read_only = read_only;
        Lab(lab)
    }

    fn copy_back(rt: &Runtime) -> Options {
        Options {
            cleanup: CleanupPath::CopyBack,
            ..Options::from_config(&rt.config)
        }
    }

    impl Lab {
        /// The lab through verify: the backend serves the 5 todos from workshop-db-restore.
        async fn recovered() -> Self {
            let lab = lab(false);
            let options = Options::from_config(&lab.rt.config);
            assert_eq!(lab.rt.run(&StepId::CORE, &options, true).await, 0);
            lab
        }

        async fn observed(&self) -> Observed {
            let mut o = Observed::default();
            self.rt.observe(&mut o).await;
            o
        }

        fn writes(&self, operation: &str) -> usize {
            self.log
                .recent(10_000)
                .into_iter()
                .filter(|c| c.writes && c.operation == operation)
                .count()
        }

        async fn cleanup(&self) -> Result<Vec<String>, ActionError> {
            backup_lab::lab::runner::perform(
                StepId::Cleanup,
                self.cloud.as_ref(),
                &self.rt.config,
                &self.rt.journal,
                &copy_back(&self.rt),
                &|_| {},
            )
            .await
            .map(|lines| lines.iter().map(|l| l.render(Lang::En)).collect())
        }

        async fn titles(&self) -> Vec<String> {
            let mut titles: Vec<String> = self
                .cloud
                .list_todos()
                .await
                .expect("todos")
                .into_iter()
                .map(|t| t.title)
                .collect();
            titles.sort();
            titles
        }

        /// Nothing was deleted and the backend still serves the restored todos.
        async fn nothing_deleted(&self) {
            let o = self.observed().await;
            assert!(
                o.instance("workshop-db-restore")
                    .is_some_and(backup_lab::cloud::DbInstance::is_available)
            );
            assert!(o.snapshot("ondemandbackup").is_some());
            assert_ne!(
                o.service.value.as_ref().expect("service").task_definition,
                ORIGINAL,
                "the backend still runs on the restored database"
            );
            assert_eq!(self.titles().await.len(), 5);
            assert_eq!(self.writes("DeleteDBInstance"), 0);
            assert_eq!(self.writes("DeleteDBSnapshot"), 0);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_copy_back_ends_on_workshop_db_with_the_five_todos_and_nothing_left() {
        let lab = Lab::recovered().await;
        let restored_titles = lab.titles().await;
        assert_eq!(restored_titles.len(), 5);

        let mut progress = Vec::new();
        let seen = Mutex::new(&mut progress);
        let out = backup_lab::lab::runner::perform(
            StepId::Cleanup,
            lab.cloud.as_ref(),
            &lab.rt.config,
            &lab.rt.journal,
            &copy_back(&lab.rt),
            &|text| seen.lock().unwrap().push(text.render(Lang::En)),
        )
        .await
        .expect("copy back")
        .iter()
        .map(|l| l.render(Lang::En))
        .collect::<Vec<_>>()
        .join("\n");
        let progress = progress.join("\n");
        for status in ["PROVISIONING", "PENDING", "RUNNING", "STOPPED"] {
            assert!(progress.contains(status), "{status} in {progress}");
        }
        assert!(out.contains("exit code 0"), "{out}");
        assert!(out.contains("aws logs tail /ecs/workshop-backend"), "{out}");
        assert!(
            out.contains("the app serves 5 todos from workshop-db"),
            "{out}"
        );

        lab.sim.advance(std::time::Duration::from_secs(600));
        let o = lab.observed().await;
        let service = o.service.value.as_ref().expect("service");
        assert_eq!(
            service.task_definition, ORIGINAL,
            "back on the original revision"
        );
        assert!(service.is_stable());
        assert_eq!(
            o.instance("workshop-db").and_then(|i| i.endpoint.clone()),
            o.db_host("container-backend").map(str::to_owned),
            "the backend reads workshop-db"
        );
        assert_eq!(
            lab.titles().await,
            restored_titles,
            "workshop-db holds the 5 todos"
        );
        assert!(o.instance("workshop-db-restore").is_none());
        assert!(o.snapshot("ondemandbackup").is_none());
        assert!(
            lab.cloud
                .active_revisions(DUMP_FAMILY)
                .await
                .expect("list")
                .is_empty(),
            "the dump revisions are deregistered"
        );
        assert!(
            lab.cloud
                .active_revisions("workshop-backend")
                .await
                .expect("list")
                .iter()
                .all(|arn| arn == ORIGINAL),
            "the revision onto the restored database is deregistered"
        );
        assert_eq!(lab.writes("RunTask"), 1);
        lab.look_back(&o);

        // Once done, done: a second run changes nothing.
        let writes = lab.log.recent(10_000).iter().filter(|c| c.writes).count();
        assert_eq!(
            lab.cleanup().await.expect("again"),
            ["already done: nothing left to delete"]
        );
        assert_eq!(
            lab.log.recent(10_000).iter().filter(|c| c.writes).count(),
            writes
        );
    }

    impl Lab {
        /// What the checks, the journal and the figures say after the whole way.
        fn look_back(&self, o: &Observed) {
            let lab = self;
            for step in StepId::CORE {
                let journal = lab.rt.journal.lock().unwrap();
                let c = steps::check(
                    step,
                    &Ctx {
                        observed: o,
                        journal: &journal,
                        config: &lab.rt.config,
                        now: lab.cloud.now(),
                    },
                )
                .expect("check");
                assert_eq!(c.state, StepState::Done, "{step:?} stays done");
            }
            let journal = lab.rt.journal.lock().unwrap();
            let ctx = Ctx {
                observed: o,
                journal: &journal,
                config: &lab.rt.config,
                now: lab.cloud.now(),
            };
            let cleanup = steps::check(StepId::Cleanup, &ctx).expect("check");
            assert_eq!(cleanup.state, StepState::Done);
            assert!(
                cleanup
                    .render(Lang::En)
                    .contains("workshop-db holds the restored todos")
            );
            assert!(journal.has(Kind::ServedFromSource));

            // This way's RTO runs until the app serves the todos from workshop-db, in phases
            // that add up.
            let r = recovery::measure(&journal, o, &lab.rt.config, lab.cloud.now());
            assert!(r.copy_back_met().is_some());
            let copy = r.copy_back.expect("dump & restore RTO");
            assert!(copy.complete);
            let ids: Vec<&str> = copy.phases.iter().map(|p| p.id.as_str()).collect();
            assert_eq!(
                ids,
                [
                    "phase-until-restore",
                    "phase-restore",
                    "phase-copy",
                    "phase-back"
                ]
            );
            assert_eq!(
                copy.seconds,
                copy.phases.iter().map(|p| p.seconds).sum::<i64>()
            );
            let copying = copy.phases[2].seconds;
            assert!(
                (60..=300).contains(&copying),
                "the copy takes a minute or two: {copying}"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_plan_shows_the_dump_the_run_task_line_the_original_revision_and_what_it_overwrites()
     {
        let lab = Lab::recovered().await;
        let o = lab.observed().await;
        let journal = lab.rt.journal.lock().unwrap();
        let ctx = Ctx {
            observed: &o,
            journal: &journal,
            config: &lab.rt.config,
            now: lab.cloud.now(),
        };
        let Ready::Plan(plan) = steps::plan(StepId::Cleanup, &ctx, &copy_back(&lab.rt)) else {
            panic!("a plan");
        };
        let Request::Cleanup(removal) = &plan.request else {
            panic!("a cleanup");
        };
        assert!(removal.copy.is_some() && removal.switch_back.is_some());
        assert_eq!(removal.instances, ["workshop-db-restore"]);
        let commands = plan.commands.join("\n");
        assert!(
            commands.contains("--arg family backup-lab-dump")
                && commands.contains("register-task-definition --cli-input-json file://dump.json"),
            "{commands}"
        );
        assert!(
            commands.contains("aws ecs run-task --cluster workshop-cluster --task-definition backup-lab-dump --launch-type FARGATE")
                && commands.contains("subnets=[subnet-")
                && commands.contains("--started-by backup-lab"),
            "{commands}"
        );
        assert!(
            commands.contains("--task-definition workshop-backend:1"),
            "{commands}"
        );
        assert!(
            commands.contains("deregister-task-definition --task-definition workshop-backend:2"),
            "{commands}"
        );
        assert!(!commands.contains("Workshop-Pa55word"), "no password");
        for lang in [Lang::En, Lang::De] {
            let shown: String = plan
                .params
                .iter()
                .map(|(label, value)| format!("{}: {}\n", label.render(lang), value.render(lang)))
                .chain(plan.notes.iter().map(|n| n.render(lang) + "\n"))
                .collect();
            assert!(
                shown.contains("workshop-db-restore → workshop-db"),
                "{shown}"
            );
            assert!(shown.contains("Fargate"), "{shown}");
            let overwrites = if lang == Lang::En {
                "the todo tables in workshop-db"
            } else {
                "die ToDo-Tabellen in workshop-db"
            };
            assert!(shown.contains(overwrites), "{shown}");
        }
        assert_eq!(
            plan.confirm,
            backup_lab::lab::plan::Confirm::Typed("workshop-db-restore".into())
        );

        // Going back as it is shows the original revision and the deregistration too.
        let back = Options::from_config(&lab.rt.config);
        let Ready::Plan(plan) = steps::plan(StepId::Cleanup, &ctx, &back) else {
            panic!("a plan");
        };
        let commands = plan.commands.join("\n");
        assert!(commands.contains("workshop-backend:1") && commands.contains("deregister"));
        assert!(!commands.contains("run-task"));
    }

    #[tokio::test(start_paused = true)]
    async fn an_image_that_cannot_be_pulled_stops_the_copy_and_deletes_nothing() {
        let lab = Lab::recovered().await;
        lab.sim.set_dump_faults(
            Spec::parse("RunTask=no-registry@1")
                .expect("spec")
                .dump_faults(),
        );
        let error = lab.cleanup().await.expect_err("the copy fails");
        for lang in [Lang::En, Lang::De] {
            let text = ui_text::action_error_text(&error).render(lang);
            assert!(text.contains("CannotPullContainerError"), "{text}");
            assert!(text.contains("public.ecr.aws"), "{text}");
            assert!(text.contains("NAT"), "{text}");
            // The container never ran: no log stream to read, ECS's own account of the task.
            assert!(!text.contains("aws logs tail"), "{text}");
            assert!(text.contains("aws ecs describe-tasks"), "{text}");
        }
        let text = ui_text::action_error_text(&error).render(Lang::En);
        assert!(text.contains("never started"), "{text}");
        assert!(text.contains("Nothing was deleted"), "{text}");
        lab.nothing_deleted().await;
        {
            let journal = lab.rt.journal.lock().unwrap();
            assert!(journal.has(Kind::CopyFailed) && !journal.has(Kind::CopyDone));
        }
        let o = lab.observed().await;
        let check = {
            let journal = lab.rt.journal.lock().unwrap();
            steps::check(
                StepId::Cleanup,
                &Ctx {
                    observed: &o,
                    journal: &journal,
                    config: &lab.rt.config,
                    now: lab.cloud.now(),
                },
            )
            .expect("check")
        };
        assert_eq!(check.state, StepState::Failed, "the step needs attention");
        let detail = check.render(Lang::En);
        assert!(
            detail.contains("the last copy back failed") && detail.contains("CannotPull"),
            "{detail}"
        );

        // The cause gone, cleanup again copies, goes back and deletes.
        lab.cleanup().await.expect("second run");
        assert_eq!(lab.writes("RunTask"), 2);
        assert_eq!(lab.writes("DeleteDBInstance"), 1);
        lab.sim.advance(std::time::Duration::from_secs(600));
        assert_eq!(lab.titles().await.len(), 5);
    }

    #[tokio::test(start_paused = true)]
    async fn a_copy_that_cannot_connect_exits_1_and_deletes_nothing() {
        let lab = Lab::recovered().await;
        lab.sim.set_dump_faults(
            Spec::parse("RunTask=db-unreachable")
                .expect("spec")
                .dump_faults(),
        );
        let error = lab.cleanup().await.expect_err("the copy fails");
        let en = ui_text::action_error_text(&error).render(Lang::En);
        assert!(en.contains("exit code 1"), "{en}");
        assert!(en.contains("security group"), "{en}");
        assert!(en.contains("Essential container in task exited"), "{en}");
        let de = ui_text::action_error_text(&error).render(Lang::De);
        assert!(
            de.contains("Sicherheitsgruppe") && de.contains("Exit-Code 1"),
            "{de}"
        );
        lab.nothing_deleted().await;
        // workshop-db was not written: going there now would still show no todos.
        let o = lab.observed().await;
        assert!(o.instance("workshop-db").is_some());
        assert_eq!(lab.writes("UpdateService"), 1, "only the lab's own switch");

        // Going back as it is instead still takes the dump's task definition along.
        backup_lab::lab::runner::perform(
            StepId::Cleanup,
            lab.cloud.as_ref(),
            &lab.rt.config,
            &lab.rt.journal,
            &Options::from_config(&lab.rt.config),
            &|_| {},
        )
        .await
        .expect("go back");
        assert!(
            lab.cloud
                .active_revisions(DUMP_FAMILY)
                .await
                .expect("list")
                .is_empty()
        );
        assert_eq!(lab.writes("DeleteDBInstance"), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn read_only_refuses_the_copy_back() {
        let lab = Lab::recovered().await;
        let read_only = Runtime {
            read_only: true,
            ..lab.runtime_through(lab.cloud.clone())
        };
        let before = lab.log.recent(10_000).iter().filter(|c| c.writes).count();
        assert_eq!(
            read_only
                .run(&[StepId::Cleanup], &copy_back(&read_only), true)
                .await,
            backup_lab::headless::EXIT_USAGE
        );
        assert_eq!(
            lab.log.recent(10_000).iter().filter(|c| c.writes).count(),
            before,
            "nothing was sent"
        );
        lab.nothing_deleted().await;
    }
}
