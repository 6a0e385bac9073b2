//! The whole lab, headless, with the real binary against moto: `run --all`, a second `run --all`
//! that must change nothing, `report`, and the go-back cleanup. Every claim is read back from
//! moto with boto3, so the test checks what landed in the (emulated) account, not what the
//! program believes.
//!
//! # Running
//! `cargo test --test all lab_moto::` needs `moto_server` and `boto3` (see `tests/all/aws_moto.rs`); without
//! them the test fails, unless `BACKUP_LAB_SKIP_MOTO=1` skips it. It takes a few seconds.
//!
//! # How
//! A moto server from the shared pool, reset for this test (`tests/support/moto.rs`), the workshop world from
//! `tests/harness/world.py`, and `tests/harness/todo_app.py` as the todo app (moto has no
//! databases). The binary gets the endpoint and dummy keys through the environment, exactly as a
//! learner's shell would, with `HOME` and the state directory in a temporary directory so no
//! real `~/.aws` is read. The backup window is given in `Etc/GMT-1` (always UTC+1, no daylight
//! saving time), so 03:00-03:30 local is 02:00-02:30 UTC on any date.
//!
//! moto's `UpdateService` changes the service's `taskDefinition` but leaves its one deployment
//! naming the old revision; with `MOTO_ECS_SERVICE_RUNNING=2` that deployment looks complete.
//! The program (like the todo app stand-in) follows the service's `taskDefinition`, which real
//! ECS changes at once too, so no workaround is needed; rollouts in progress are the simulated
//! account's job (`tests/all/lab_sim.rs`).

use crate::support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::moto::{Moto, REGION, TodoApp};

const INSTANCE: &str = "workshop-db";
const RESTORED: &str = "workshop-db-restore";
const SNAPSHOT: &str = "ondemandbackup";
const FAMILY: &str = "workshop-backend";
const CONTAINER: &str = "container-backend";
const SUBNET_GROUP: &str = "workshop-db-subnet-group";
/// 03:00-03:30 in `Etc/GMT-1` (UTC+1 all year).
const WINDOW_UTC: &str = "02:00-02:30";
const CORE_STEPS: [&str; 7] = [
    "enable-backups",
    "create-todos",
    "snapshot",
    "delete-todos",
    "restore",
    "switch-backend",
    "verify",
];
/// Longest any one command may take before the test kills it (the lab's own waits are 2 s polls).
const COMMAND_LIMIT: Duration = Duration::from_secs(90);

/// What a finished command left.
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Ran {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// moto, the world in it, the todo app, and a home for the binary.
struct Lab {
    moto: Moto,
    app: TodoApp,
    home: tempfile::TempDir,
    config: PathBuf,
    /// Everything every command printed, for the secret check.
    printed: Vec<String>,
}

impl Lab {
    fn start() -> Option<Self> {
        Self::start_with(&[])
    }

    /// [`Lab::start`] with more options for the todo app (`--ecs-lag SECONDS`).
    fn start_with(app_options: &[&str]) -> Option<Self> {
        let moto = Moto::start()?;
        moto.world();
        let app = moto.todo_app_with(app_options);
        let home = tempfile::tempdir().expect("temp dir");
        let config = home.path().join("lab.toml");
        std::fs::write(&config, "[backup]\ntimezone = \"Etc/GMT-1\"\n").expect("write config");
        Some(Self {
            moto,
            app,
            home,
            config,
            printed: Vec::new(),
        })
    }

    fn state_dir(&self) -> PathBuf {
        self.home.path().join("state")
    }

    /// Runs the binary with `args` after the global options; only the listed environment.
    fn run(&mut self, args: &[&str]) -> Ran {
        let endpoint = self.moto.endpoint.clone();
        self.run_at(&endpoint, args)
    }

    /// [`Lab::run`] with AWS at `endpoint`.
    fn run_at(&mut self, endpoint: &str, args: &[&str]) -> Ran {
        let mut command = Command::new(env!("CARGO_BIN_EXE_backup-lab"));
        command
            .env_clear()
            .env("AWS_ENDPOINT_URL", endpoint)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", REGION)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("BACKUP_LAB_STATE_DIR", self.state_dir())
            .env("HOME", self.home.path())
            .arg("--config")
            .arg(&self.config)
            .args(["--app-url", &self.app.url])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let ran = run_within(command, COMMAND_LIMIT, args);
        self.printed.push(ran.stdout.clone());
        self.printed.push(ran.stderr.clone());
        ran
    }

    /// Instances, snapshots (with tags), the service, its task definition and the family's
    /// revisions, as moto holds them now.
    fn account(&self) -> Value {
        self.moto.boto(&format!(
            "rds = c('rds'); ecs = c('ecs')\n\
             snapshots = rds.describe_db_snapshots()['DBSnapshots']\n\
             for s in snapshots:\n    s['Tags'] = rds.list_tags_for_resource(ResourceName=s['DBSnapshotArn'])['TagList']\n\
             service = ecs.describe_services(cluster='workshop-cluster', services=['backend-service'])['services'][0]\n\
             out({{\n\
               'instances': rds.describe_db_instances()['DBInstances'],\n\
               'snapshots': snapshots,\n\
               'service': service,\n\
               'task_definition': ecs.describe_task_definition(taskDefinition=service['taskDefinition'])['taskDefinition'],\n\
               'active': ecs.list_task_definitions(familyPrefix='{FAMILY}', status='ACTIVE')['taskDefinitionArns'],\n\
               'inactive': ecs.list_task_definitions(familyPrefix='{FAMILY}', status='INACTIVE')['taskDefinitionArns'],\n\
             }})"
        ))
    }
}

/// Runs `command`, killing it (by its pid) when it takes longer than `limit`.
fn run_within(mut command: Command, limit: Duration, args: &[&str]) -> Ran {
    let mut child = command.spawn().expect("start backup-lab");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for backup-lab") {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let ran = Ran {
        code: status.and_then(|s| s.code()),
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    };
    assert!(
        status.is_some(),
        "backup-lab {args:?} did not finish within {limit:?}:\n{}",
        ran.stderr
    );
    ran
}

fn instance<'a>(account: &'a Value, id: &str) -> Option<&'a Value> {
    account["instances"]
        .as_array()?
        .iter()
        .find(|i| i["DBInstanceIdentifier"] == id)
}

fn snapshot<'a>(account: &'a Value, id: &str) -> Option<&'a Value> {
    account["snapshots"]
        .as_array()?
        .iter()
        .find(|s| s["DBSnapshotIdentifier"] == id)
}

fn endpoint(account: &Value, id: &str) -> String {
    instance(account, id)
        .and_then(|i| i["Endpoint"]["Address"].as_str())
        .unwrap_or_else(|| panic!("{id} has an endpoint: {account}"))
        .to_owned()
}

fn env_value(task_definition: &Value, name: &str) -> Option<String> {
    task_definition["containerDefinitions"]
        .as_array()?
        .iter()
        .find(|c| c["name"] == CONTAINER)?["environment"]
        .as_array()?
        .iter()
        .find(|kv| kv["name"] == name)?["value"]
        .as_str()
        .map(str::to_owned)
}

fn group_ids(instance: &Value) -> Vec<String> {
    let mut ids: Vec<String> = instance["VpcSecurityGroups"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["VpcSecurityGroupId"].as_str())
        .map(str::to_owned)
        .collect();
    ids.sort();
    ids
}

fn count(account: &Value, key: &str) -> usize {
    account[key].as_array().map_or(0, Vec::len)
}

/// `record` without `fields`.
fn without(record: &Value, fields: &[&str]) -> Value {
    let mut record = record.clone();
    if let Some(map) = record.as_object_mut() {
        for field in fields {
            map.remove(*field);
        }
    }
    record
}

/// The call log the journal keeps under `state` (every call of every run, oldest first).
fn calls_logged(state: &Path) -> Vec<Value> {
    let Some(file) = files_under(state)
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with(".calls.jsonl"))
    else {
        return Vec::new();
    };
    std::fs::read_to_string(&file)
        .expect("call log")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a call as JSON"))
        .collect()
}

/// The operation of every AWS request the app's stand-in received as an AWS endpoint.
fn aws_requests(app_url: &str) -> Vec<String> {
    let port: u16 = app_url
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("app port");
    let (code, body) =
        support::moto::http("GET", port, "/_harness/aws-requests", "").expect("requests");
    assert_eq!(code, 200, "{body}");
    serde_json::from_str(&body).expect("JSON list")
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

fn assert_core_steps_done(doc: &Value, what: &str) {
    let states: Vec<(String, String)> = doc["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["id"].as_str().unwrap_or_default().to_owned(),
                s["state"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    for step in CORE_STEPS {
        assert!(
            states
                .iter()
                .any(|(id, state)| id == step && state == "done"),
            "{what}: step {step} is done: {doc:#}"
        );
    }
    assert_eq!(doc["complete"], true, "{what}: lab complete: {doc:#}");
}

fn write_operations(report: &Value) -> Vec<String> {
    report["calls"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["operation"].as_str())
        .map(str::to_owned)
        .collect()
}

fn cli_of<'a>(report: &'a Value, operation: &str) -> &'a str {
    report["calls"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["operation"] == operation)
        .and_then(|c| c["cli"].as_str())
        .unwrap_or_else(|| panic!("a {operation} call in the report: {report:#}"))
}

#[test]
fn whole_lab_headless_against_moto() {
    let Some(mut lab) = Lab::start() else { return };
    let before = lab.account();
    let original_td = before["service"]["taskDefinition"]
        .as_str()
        .expect("service task definition")
        .to_owned();
    let source_host = endpoint(&before, INSTANCE);
    assert_eq!(
        env_value(&before["task_definition"], "DB_HOST").as_deref(),
        Some(source_host.as_str())
    );
    let password = env_value(&before["task_definition"], "DB_PASSWORD").expect("DB_PASSWORD");
    assert!(password.len() >= 8, "a password worth looking for");
    let source_before = instance(&before, INSTANCE).expect("workshop-db").clone();

    // --- The whole lab.
    let ran = lab.run(&["run", "--all", "--yes", "--json"]);
    assert_eq!(ran.code, Some(0), "run --all:\n{}", ran.stderr);
    assert_core_steps_done(&ran.json(), "run --all");
    // The app served what the lab read as a MySQL-backed backend writes it: 0/1, string ids.
    let port: u16 = lab
        .app
        .url
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("app port");
    let (code, body) = support::moto::http("GET", port, "/api/v1/todos", "").expect("GET todos");
    let served: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(code, 200);
    let served = served.as_array().expect("a list");
    assert_eq!(served.len(), 5, "{body}");
    assert!(
        served
            .iter()
            .all(|t| t["completed"] == 0 && t["id"].is_string()),
        "{body}"
    );

    let after = lab.account();
    let source = instance(&after, INSTANCE).expect("workshop-db");
    assert_eq!(source["BackupRetentionPeriod"], 1, "{source:#}");
    assert_eq!(source["PreferredBackupWindow"], WINDOW_UTC, "{source:#}");

    let snap = snapshot(&after, SNAPSHOT).expect("snapshot ondemandbackup");
    assert_eq!(snap["DBInstanceIdentifier"], INSTANCE);
    assert_eq!(snap["SnapshotType"], "manual");
    assert!(
        snap["Tags"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|t| t["Key"] == "created-by" && t["Value"] == "backup-lab"),
        "tagged created-by=backup-lab: {snap:#}"
    );

    let restored = instance(&after, RESTORED).expect("workshop-db-restore");
    assert_eq!(restored["MultiAZ"], true, "{restored:#}");
    assert_eq!(restored["DBInstanceClass"], "db.t3.micro");
    let rds_sg = group_ids(&source_before);
    assert_eq!(
        group_ids(restored),
        rds_sg,
        "the source's groups: {restored:#}"
    );
    let default_sg = lab.moto.boto(
        "ec2 = c('ec2')\n\
         vpc = ec2.describe_vpcs(Filters=[{'Name': 'tag:Name', 'Values': ['Workshop-VPC']}])['Vpcs'][0]['VpcId']\n\
         out(ec2.describe_security_groups(Filters=[{'Name': 'vpc-id', 'Values': [vpc]}, {'Name': 'group-name', 'Values': ['default']}])['SecurityGroups'][0]['GroupId'])",
    );
    assert!(
        !group_ids(restored).iter().any(|g| *g == default_sg),
        "the VPC's default group {default_sg} is not attached: {restored:#}"
    );
    assert_eq!(
        restored["DBSubnetGroup"]["DBSubnetGroupName"], SUBNET_GROUP,
        "{restored:#}"
    );
    // "The rest unchanged": storage type, parameter group and the source's tags came along.
    assert_eq!(restored["StorageType"], "gp2", "{restored:#}");
    assert_eq!(
        restored["DBParameterGroups"][0]["DBParameterGroupName"], "workshop-mysql80",
        "{restored:#}"
    );
    for (key, value) in [
        ("environment", "workshop"),
        ("created-by", "backup-lab"),
        ("restored-from", SNAPSHOT),
    ] {
        assert!(
            restored["TagList"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|t| t["Key"] == key && t["Value"] == value),
            "tag {key}={value}: {restored:#}"
        );
    }
    let restored_host = endpoint(&after, RESTORED);

    // The service runs a new revision of the family, equal to the old one but DB_HOST.
    let new_td = after["service"]["taskDefinition"]
        .as_str()
        .expect("service task definition")
        .to_owned();
    assert_ne!(new_td, original_td, "a new revision");
    assert_eq!(after["task_definition"]["family"], FAMILY);
    assert!(
        after["task_definition"]["revision"].as_u64()
            > before["task_definition"]["revision"].as_u64()
    );
    assert_eq!(
        env_value(&after["task_definition"], "DB_HOST").as_deref(),
        Some(restored_host.as_str())
    );
    let mut expected = lab.moto.registrable_view(&original_td);
    support::moto::set_env(&mut expected, CONTAINER, "DB_HOST", &restored_host);
    assert_eq!(lab.moto.registrable_view(&new_td), expected);

    // --- Again: nothing new, no write call.
    let report_first = lab.run(&["report", "--format", "json"]);
    assert_eq!(
        report_first.code,
        Some(0),
        "report:\n{}",
        report_first.stderr
    );
    let writes_first = write_operations(&report_first.json());
    let ran = lab.run(&["run", "--all", "--yes", "--json"]);
    assert_eq!(ran.code, Some(0), "second run --all:\n{}", ran.stderr);
    assert_core_steps_done(&ran.json(), "second run --all");
    let again = lab.account();
    for key in ["instances", "snapshots", "active", "inactive"] {
        assert_eq!(
            count(&again, key),
            count(&after, key),
            "second run: {key} unchanged:\n{after:#}\n{again:#}"
        );
    }
    assert_eq!(again["service"]["taskDefinition"], new_td.as_str());

    // --- The report: every change with its CLI equivalent.
    let report = lab.run(&["report", "--format", "json"]);
    assert_eq!(report.code, Some(0), "report:\n{}", report.stderr);
    let report = report.json();
    assert_eq!(
        write_operations(&report),
        writes_first,
        "the second run wrote nothing"
    );
    for call in report["calls"].as_array().expect("calls") {
        let cli = call["cli"].as_str().unwrap_or_default();
        assert!(
            cli.starts_with("aws ") || cli.starts_with("curl "),
            "a CLI equivalent: {call}"
        );
        assert!(call["error"].is_null(), "no failed write: {call}");
    }
    let modify = cli_of(&report, "ModifyDBInstance");
    assert!(
        modify.contains("--backup-retention-period 1")
            && modify.contains(&format!("--preferred-backup-window {WINDOW_UTC}"))
            && modify.contains("--apply-immediately"),
        "{modify}"
    );
    assert!(cli_of(&report, "CreateDBSnapshot").contains(SNAPSHOT));
    let restore = cli_of(&report, "RestoreDBInstanceFromDBSnapshot");
    for part in [
        RESTORED,
        SNAPSHOT,
        "--multi-az",
        SUBNET_GROUP,
        rds_sg[0].as_str(),
        "--storage-type gp2",
        "--db-parameter-group-name workshop-mysql80",
        "Key=environment,Value=workshop",
    ] {
        assert!(restore.contains(part), "{part} in {restore}");
    }
    assert!(cli_of(&report, "RegisterTaskDefinition").contains(&restored_host));
    assert!(cli_of(&report, "UpdateService").contains(&new_td));
    assert_eq!(
        write_operations(&report)
            .iter()
            .filter(|op| op.as_str() == "TodoCreate")
            .count(),
        5
    );
    // `status` shows the environment, secrets hidden.
    let status = lab.run(&["status", "--json"]);
    assert_eq!(status.code, Some(0), "status:\n{}", status.stderr);
    assert!(status.stdout.contains("DB_PASSWORD"), "{}", status.stdout);

    // --- Go back: original backend, restored instance and snapshot deleted, source untouched.
    let source_before_cleanup = instance(&again, INSTANCE).expect("workshop-db").clone();
    let ran = lab.run(&["run", "cleanup", "--yes", "--json"]);
    assert_eq!(ran.code, Some(0), "run cleanup:\n{}", ran.stderr);
    let doc = ran.json();
    assert!(
        doc["steps"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|s| s["id"] == "cleanup" && s["state"] == "done"),
        "cleanup done: {doc:#}"
    );
    let cleaned = lab.account();
    assert_eq!(
        cleaned["service"]["taskDefinition"],
        original_td.as_str(),
        "back on the original revision"
    );
    assert_eq!(
        env_value(&cleaned["task_definition"], "DB_HOST").as_deref(),
        Some(source_host.as_str())
    );
    assert!(
        instance(&cleaned, RESTORED).is_none_or(|r| r["DBInstanceStatus"] == "deleting"),
        "workshop-db-restore deleted: {cleaned:#}"
    );
    assert!(
        snapshot(&cleaned, SNAPSHOT).is_none_or(|s| s["Status"] == "deleting"),
        "ondemandbackup deleted: {cleaned:#}"
    );
    assert!(
        cleaned["inactive"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|arn| *arn == new_td.as_str()),
        "the lab's revision is deregistered: {cleaned:#}"
    );
    let source_after = instance(&cleaned, INSTANCE).expect("workshop-db is still there");
    let moving = ["LatestRestorableTime"];
    assert_eq!(
        without(source_after, &moving),
        without(&source_before_cleanup, &moving),
        "cleanup leaves workshop-db alone"
    );
    let changed_by_lab = [
        "LatestRestorableTime",
        "BackupRetentionPeriod",
        "PreferredBackupWindow",
    ];
    assert_eq!(
        without(source_after, &changed_by_lab),
        without(&source_before, &changed_by_lab),
        "the lab changed nothing on workshop-db but its backup settings"
    );
    let report = lab.run(&["report", "--format", "json"]).json();
    let writes = write_operations(&report);
    for op in [
        "UpdateService",
        "DeregisterTaskDefinition",
        "DeleteDBInstance",
        "DeleteDBSnapshot",
    ] {
        assert!(writes.iter().any(|w| w == op), "{op} in {writes:?}");
    }
    assert!(cli_of(&report, "DeleteDBInstance").contains(RESTORED));

    // --- DB_PASSWORD's value never appears: not printed, not in any file of the state dir.
    for (i, text) in lab.printed.iter().enumerate() {
        assert!(
            !text.contains(&password),
            "output #{i} shows DB_PASSWORD's value:\n{text}"
        );
    }
    let files = files_under(lab.home.path());
    assert!(
        files
            .iter()
            .any(|f| f.starts_with(lab.state_dir().join("journal"))),
        "the journal is in the state dir: {files:?}"
    );
    for file in files {
        let bytes = std::fs::read(&file).expect("read state file");
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&password),
            "{} contains DB_PASSWORD's value",
            file.display()
        );
    }
}

/// The real adapter behind injected faults: every write's answer is lost once (the change is
/// made, the program hears a timeout) and reads are throttled for a while. The lab still ends
/// complete, and moto holds each thing once: one snapshot, one restored instance, one new
/// revision, five todos.
#[test]
fn lost_answers_and_throttling_against_moto_create_nothing_twice() {
    let Some(mut lab) = Lab::start() else { return };
    let before = lab.account();
    let revisions_before = count(&before, "active");
    let faults = [
        "ModifyDBInstance=timeout@1",
        "TodoCreate=timeout@2",
        "CreateDBSnapshot=timeout@1",
        "RestoreDBInstanceFromDBSnapshot=timeout@1",
        "RegisterTaskDefinition=timeout@1",
        "UpdateService=timeout@1",
        "DescribeDBInstances=throttle@3-4",
    ]
    .join(",");
    let ran = lab.run(&["--faults", &faults, "run", "--all", "--yes", "--json"]);
    assert_eq!(ran.code, Some(0), "run --all with faults:\n{}", ran.stderr);
    assert_core_steps_done(&ran.json(), "run --all with faults");
    assert!(
        ran.stderr.contains("Timeout"),
        "the lost answers were retried and said so:\n{}",
        ran.stderr
    );

    let after = lab.account();
    let manual: Vec<&Value> = after["snapshots"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["SnapshotType"] == "manual")
        .collect();
    assert_eq!(manual.len(), 1, "one manual snapshot: {manual:#?}");
    assert_eq!(
        count(&after, "instances"),
        count(&before, "instances") + 1,
        "one restored instance"
    );
    assert_eq!(
        count(&after, "active"),
        revisions_before + 1,
        "one new revision: {:#}",
        after["active"]
    );
    let status = lab.run(&["status", "--json"]).json();
    assert_eq!(status["todos"], 5, "five todos, not six: {status:#}");
}

/// Dump & restore against moto, headless, with the real binary. moto 5.2 cannot run awsvpc
/// tasks (its RunTask fails building the network interface), so the todo app stand-in is the
/// AWS endpoint here: it answers RunTask and DescribeTasks itself (and copies its rows as the
/// dump would), and passes every other call on to moto. Registering the dump task definition,
/// the switch back, the deletions and the deregistrations land in moto.
#[test]
fn copy_back_against_moto_ends_on_workshop_db_with_the_todos() {
    let Some(mut lab) = Lab::start() else { return };
    let before = lab.account();
    let original_td = before["service"]["taskDefinition"]
        .as_str()
        .expect("service task definition")
        .to_owned();
    let source_host = endpoint(&before, INSTANCE);
    let password = env_value(&before["task_definition"], "DB_PASSWORD").expect("DB_PASSWORD");
    let ran = lab.run(&["run", "--all", "--yes", "--json"]);
    assert_eq!(ran.code, Some(0), "run --all:\n{}", ran.stderr);
    let new_td = lab.account()["service"]["taskDefinition"]
        .as_str()
        .expect("service task definition")
        .to_owned();

    let through_app = lab.app.url.clone();
    let logged_before = calls_logged(&lab.state_dir()).len();
    let ran = lab.run_at(
        &through_app,
        &["run", "cleanup", "--yes", "--copy-back", "--json"],
    );
    assert_eq!(
        ran.code,
        Some(0),
        "run cleanup --copy-back:\n{}",
        ran.stderr
    );
    // The call log of the copy-back lists exactly the requests AWS received (here the app's
    // stand-in, which is the AWS endpoint of this run): one line per request, the dump task
    // definition's ListTaskDefinitions, DescribeTaskDefinition and RegisterTaskDefinition
    // included. Only the connection's own GetCallerIdentity comes before the log.
    let mut logged: Vec<String> = calls_logged(&lab.state_dir())
        .split_off(logged_before)
        .into_iter()
        // Run marks have no operation; the todo app's requests are not AWS's.
        .filter_map(|c| c["operation"].as_str().map(str::to_owned))
        .filter(|op| !op.starts_with("Todo"))
        .collect();
    logged.insert(0, "GetCallerIdentity".to_owned());
    let mut received = aws_requests(&lab.app.url);
    logged.sort();
    received.sort();
    assert_eq!(logged, received, "call log against the requests received");
    eprintln!(
        "copy-back: {} AWS requests received, {} in the call log (with the connection's GetCallerIdentity)",
        received.len(),
        logged.len()
    );
    for op in [
        "ListTaskDefinitions",
        "DescribeTaskDefinition",
        "RegisterTaskDefinition",
        "RunTask",
        "DescribeTasks",
    ] {
        assert!(logged.iter().any(|l| l == op), "{op} in {logged:?}");
    }
    for seen in [
        "PROVISIONING",
        "RUNNING",
        "STOPPED",
        "exit code 0",
        "the app serves 5 todos from workshop-db",
    ] {
        assert!(ran.stderr.contains(seen), "{seen}: {}", ran.stderr);
    }
    let doc = ran.json();
    assert!(
        doc["steps"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|s| s["id"] == "cleanup" && s["state"] == "done"),
        "cleanup done: {doc:#}"
    );

    let cleaned = lab.account();
    assert_eq!(cleaned["service"]["taskDefinition"], original_td.as_str());
    assert_eq!(
        env_value(&cleaned["task_definition"], "DB_HOST").as_deref(),
        Some(source_host.as_str())
    );
    assert!(
        instance(&cleaned, RESTORED).is_none_or(|r| r["DBInstanceStatus"] == "deleting"),
        "workshop-db-restore deleted: {cleaned:#}"
    );
    assert!(
        snapshot(&cleaned, SNAPSHOT).is_none_or(|s| s["Status"] == "deleting"),
        "ondemandbackup deleted: {cleaned:#}"
    );
    assert!(
        cleaned["inactive"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|arn| *arn == new_td.as_str()),
        "the lab's backend revision is deregistered: {cleaned:#}"
    );
    let dumps = lab.moto.boto(
        "ecs = c('ecs')\n\
         out({'active': ecs.list_task_definitions(familyPrefix='backup-lab-dump', status='ACTIVE')['taskDefinitionArns'],\n\
              'inactive': ecs.list_task_definitions(familyPrefix='backup-lab-dump', status='INACTIVE')['taskDefinitionArns']})",
    );
    assert_eq!(dumps["active"].as_array().map(Vec::len), Some(0), "{dumps}");
    assert_eq!(
        dumps["inactive"].as_array().map(Vec::len),
        Some(0),
        "deregistered and deleted, with the password in them: {dumps}"
    );

    // The app, back on workshop-db, serves the five todos the restore brought back.
    let port: u16 = lab
        .app
        .url
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("app port");
    let (code, body) = support::moto::http("GET", port, "/api/v1/todos", "").expect("GET todos");
    assert_eq!(code, 200, "{body}");
    let served: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(served.as_array().map(Vec::len), Some(5), "{body}");

    let report = lab.run(&["report", "--format", "json"]).json();
    let writes = write_operations(&report);
    for op in [
        "RegisterTaskDefinition",
        "RunTask",
        "UpdateService",
        "DeleteDBInstance",
        "DeleteTaskDefinitions",
    ] {
        assert!(writes.iter().any(|w| w == op), "{op} in {writes:?}");
    }
    assert!(
        report["copy_back_rto_seconds"].as_i64().is_some(),
        "{report:#}"
    );
    for (i, text) in lab.printed.iter().enumerate() {
        assert!(
            !text.contains(&password),
            "output #{i} shows DB_PASSWORD's value:\n{text}"
        );
    }
}

/// A user of the todo app: `GET /api/v1/todos` every 50 ms on a thread of its own; every answer
/// that is not 200 is kept.
struct User {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<(usize, Vec<String>)>,
}

impl User {
    fn start(app_url: &str) -> Self {
        let port: u16 = app_url
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("app port");
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::spawn(move || {
            let (mut looks, mut errors) = (0, Vec::new());
            while !stopped.load(std::sync::atomic::Ordering::Relaxed) {
                looks += 1;
                match support::moto::http("GET", port, "/api/v1/todos", "") {
                    Ok((200, _)) => {}
                    Ok((code, body)) => errors.push(format!("{code} {body}")),
                    Err(e) => errors.push(e.to_string()),
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            (looks, errors)
        });
        Self { stop, thread }
    }

    /// Stops polling: how many looks, and the errors seen.
    fn stop(self) -> (usize, Vec<String>) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread.join().expect("user thread")
    }
}

/// The lab, the point-in-time bonus and one cleanup way (`cleanup` are its extra flags)
/// against moto behind an ECS API that lags 1.5 s behind its writes (the todo app stand-in
/// answers DescribeServices as before an UpdateService, hides a new revision, and answers a new
/// task MISSING): every command finishes with exit code 0, and a user of the app polling all
/// along never sees an error.
fn lab_with_a_lagging_ecs_api(cleanup: &[&str]) {
    let Some(mut lab) = Lab::start_with(&["--ecs-lag", "1.5"]) else {
        return;
    };
    let user = User::start(&lab.app.url);
    let through_app = lab.app.url.clone();
    // moto makes every resource at once, so the whole lab takes well under a second; RDS
    // restores to whole seconds, and the bonus needs one at which the todos existed after
    // backups were turned on. A learner takes longer between adding the todos and deleting
    // them; here the run pauses two seconds of moto's real clock there.
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["run", "enable-backups", "create-todos", "--yes", "--json"],
        vec!["run", "--all", "--yes", "--json"],
        vec!["run", "pitr", "--yes", "--json"],
    ];
    let mut last = vec!["run", "cleanup", "--yes", "--json"];
    last.extend_from_slice(cleanup);
    commands.push(last);
    for (n, args) in commands.iter().enumerate() {
        if n == 1 {
            std::thread::sleep(Duration::from_secs(2));
        }
        let ran = lab.run_at(&through_app, args);
        assert_eq!(ran.code, Some(0), "{args:?}:\n{}", ran.stderr);
    }
    let (looks, errors) = user.stop();
    assert!(looks > 10, "the user looked {looks} times");
    assert!(
        errors.is_empty(),
        "{cleanup:?}: the app answered with errors: {errors:?}"
    );
    let account = lab.account();
    let keep = cleanup.contains(&"--keep-restored");
    assert_eq!(
        instance(&account, RESTORED).is_some_and(|r| r["DBInstanceStatus"] != "deleting"),
        keep,
        "{cleanup:?}: {account:#}"
    );
    assert!(
        instance(&account, "workshop-db-pitr").is_none_or(|r| r["DBInstanceStatus"] == "deleting"),
        "{cleanup:?}: the bonus instance goes: {account:#}"
    );
    let report = lab.run(&["report", "--format", "json"]).json();
    let writes = write_operations(&report);
    assert_eq!(
        writes.iter().filter(|w| *w == "CreateDBSnapshot").count(),
        1,
        "{writes:?}"
    );
    assert_eq!(
        writes
            .iter()
            .filter(|w| *w == "RestoreDBInstanceFromDBSnapshot")
            .count(),
        1,
        "{writes:?}"
    );
}

#[test]
fn a_lagging_ecs_api_against_moto_lab_bonus_and_going_back() {
    lab_with_a_lagging_ecs_api(&[]);
}

#[test]
fn a_lagging_ecs_api_against_moto_lab_bonus_and_copying_back() {
    lab_with_a_lagging_ecs_api(&["--copy-back"]);
}

#[test]
fn a_lagging_ecs_api_against_moto_lab_bonus_and_keeping_the_restored_database() {
    lab_with_a_lagging_ecs_api(&["--keep-restored"]);
}
