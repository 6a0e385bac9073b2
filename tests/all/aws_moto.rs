//! The AWS adapter ([`AwsCloud`]) against moto and loopback fakes.
//!
//! # Running
//! `cargo test --test all aws_moto::` needs `moto_server` (Python package `moto[server]`, version 5.2) and `boto3`:
//!
//! ```text
//! python3 -m venv .venv && .venv/bin/pip install 'moto[server]>=5.2,<5.3' boto3
//! ```
//!
//! `.ci/run` does this. The tests find moto via `$MOTO_SERVER`, `.venv/bin/moto_server` or `PATH`
//! (see `tests/support/moto.rs`); without it they fail, unless `BACKUP_LAB_SKIP_MOTO=1` is set,
//! where each one prints that it is skipped. Tests that need no moto (credentials, network
//! faults, throttling, todo client) always run.
//!
//! # How
//! Each test borrows a moto server on a loopback port from a pool shared by the test binary,
//! reset for it and used by no other test meanwhile (`tests/support/moto.rs`), and builds the
//! lab's world with `tests/harness/world.py`. The adapter reaches it through
//! [`AwsOverrides::endpoint_url`] and dummy static keys, never through process environment, so
//! tests run in parallel. Assertions read moto back with boto3
//! ([`Moto::boto`]), so they check what landed on the wire, not what the adapter believes.
//! `tests/harness/todo_app.py` stands in for the todo backend: moto has no databases, so it keeps
//! rows per DB instance and follows snapshots, restores and `DB_HOST` (see its docstring).
//!
//! moto cannot throttle, expire tokens, fail with 5xx or hang; those paths use the fakes in
//! `tests/support/fake.rs`.

use crate::support;

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::atomic::Ordering;
use std::time::Duration;

use backup_lab::cloud::aws::{AwsCloud, AwsOverrides, AwsSettings, StaticKeys};
use backup_lab::cloud::{
    BackupSettings, Cloud, CloudError, DeploymentStatus, ErrorKind, Mode, PitrRequest,
    RestoreRequest, RestoreSettings, RolloutState, SnapshotKind, SnapshotRequest, TodoId,
};
use backup_lab::lab::revisions::Revisions as _;
use serde_json::Value;
use support::fake;
use support::moto::{Moto, REGION, free_port, moto_settings, overrides_for};

const INSTANCE: &str = "workshop-db";
const CLUSTER: &str = "workshop-cluster";
const SERVICE: &str = "backend-service";
const FAMILY: &str = "workshop-backend";
const CONTAINER: &str = "container-backend";

fn expect_err<T: std::fmt::Debug>(
    result: Result<T, CloudError>,
    kind: ErrorKind,
    code: &str,
) -> CloudError {
    let err = result.expect_err("the call should fail");
    assert_eq!(
        (err.kind, err.code.as_str()),
        (kind, code),
        "unexpected error: {err:?}"
    );
    assert!(!err.operation.is_empty(), "operation is set: {err:?}");
    err
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn restore_request(world: &Value, id: &str, snapshot: &str) -> RestoreRequest {
    RestoreRequest {
        instance_id: id.into(),
        snapshot_id: snapshot.into(),
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
            storage_type: Some("gp2".into()),
            parameter_group: Some("workshop-mysql80".into()),
            engine_lifecycle: Some("open-source-rds-extended-support".into()),
            tags: backup_lab::cloud::restored_tags(
                &[("environment".into(), "workshop".into())],
                snapshot,
            ),
            ..RestoreSettings::default()
        },
    }
}

fn snap(instance: &str, id: &str) -> SnapshotRequest {
    SnapshotRequest {
        instance_id: instance.into(),
        snapshot_id: id.into(),
        tags: backup_lab::cloud::tool_tags(),
    }
}

// ---------------------------------------------------------------------------------------------
// RDS

#[tokio::test]
async fn connect_reports_account_and_region() {
    let Some(moto) = Moto::start() else { return };
    let cloud = moto.cloud().await;
    assert_eq!(
        cloud.mode(),
        Mode::Aws {
            account: "123456789012".into(),
            region: REGION.into()
        }
    );
    let me = cloud.identity().await.expect("identity");
    assert_eq!(me.account, "123456789012");
    assert!(me.arn.starts_with("arn:aws:"), "{me:?}");
}

#[tokio::test]
async fn describe_and_modify_backup_settings() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let cloud = moto.cloud().await;

    let instances = cloud.describe_instances().await.expect("describe");
    let db = instances
        .iter()
        .find(|i| i.id == INSTANCE)
        .expect("workshop-db");
    assert_eq!(db.status.as_str(), "available");
    assert_eq!(db.class, "db.t3.micro");
    assert_eq!(db.engine, "mysql 8.0.39");
    assert!(db.multi_az);
    assert_eq!(db.retention_days, 0);
    assert_eq!(db.storage_gib, 100);
    assert_eq!(db.port, Some(3306));
    assert_eq!(db.endpoint.as_deref(), world["db_host"].as_str());
    assert_eq!(
        db.security_groups,
        vec![
            world["rds_security_group_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        ]
    );
    assert_eq!(db.subnet_group.as_deref(), Some("workshop-db-subnet-group"));
    assert_eq!(
        db.maintenance_window.as_deref(),
        Some("sun:08:00-sun:08:30")
    );
    assert_eq!(
        db.arn,
        world["db_instance_arn"].as_str().unwrap_or_default()
    );
    assert!(db.created.is_some());

    let settings = BackupSettings {
        instance_id: INSTANCE.into(),
        retention_days: 1,
        window_utc: "03:00-03:30".parse().expect("window"),
        apply_immediately: true,
    };
    let modified = cloud.modify_backup(&settings).await.expect("modify");
    assert_eq!(modified.id, INSTANCE);

    let seen = moto.boto(
        "out(c('rds').describe_db_instances(DBInstanceIdentifier='workshop-db')['DBInstances'][0])",
    );
    assert_eq!(seen["BackupRetentionPeriod"], 1);
    assert_eq!(seen["PreferredBackupWindow"], "03:00-03:30");
    let again = cloud.describe_instances().await.expect("describe");
    let db = again
        .iter()
        .find(|i| i.id == INSTANCE)
        .expect("workshop-db");
    assert_eq!(db.retention_days.max(db.pending_retention.unwrap_or(0)), 1);
    assert_eq!(
        db.backup_window.map(|w| w.to_string()).as_deref(),
        Some("03:00-03:30")
    );
}

/// "The rest unchanged": both restores send the source's PubliclyAccessible,
/// CopyTagsToSnapshot, StorageThroughput, AutoMinorVersionUpgrade and DeletionProtection, and
/// read them back; a protected instance is refused deletion until ModifyDBInstance turns the
/// protection off.
#[tokio::test]
async fn restores_carry_the_remaining_settings_and_protection_is_turned_off_before_deleting() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let cloud = moto.cloud().await;
    // moto copies the source's values where a restore leaves them out (and also where it
    // sends `false`), so the source gets the opposite of what the restore sends: only a value
    // that went over the wire can show up on the new instance.
    moto.boto(
        "out(c('rds').modify_db_instance(DBInstanceIdentifier='workshop-db', \
         PubliclyAccessible=False, CopyTagsToSnapshot=False, AutoMinorVersionUpgrade=False, \
         DeletionProtection=False, ApplyImmediately=True)['DBInstance']['DBInstanceIdentifier'])",
    );
    cloud
        .create_snapshot(&snap(INSTANCE, "ondemandbackup"))
        .await
        .expect("snapshot");
    let carried = |mut settings: RestoreSettings| {
        settings.storage_type = Some("gp3".into());
        settings.storage_throughput = Some(500);
        settings.publicly_accessible = Some(true);
        settings.copy_tags_to_snapshot = Some(true);
        settings.auto_minor_version_upgrade = Some(true);
        settings.deletion_protection = Some(true);
        settings
    };
    let mut request = restore_request(&world, "workshop-db-restore", "ondemandbackup");
    request.settings = carried(request.settings);
    cloud
        .restore_from_snapshot(&request)
        .await
        .expect("restore");
    let pitr = PitrRequest {
        source_id: INSTANCE.into(),
        target_id: "workshop-db-pitr".into(),
        restore_time: None,
        settings: carried(RestoreSettings {
            class: "db.t3.micro".into(),
            ..RestoreSettings::default()
        }),
    };
    cloud.restore_to_point_in_time(&pitr).await.expect("pitr");
    for id in ["workshop-db-restore", "workshop-db-pitr"] {
        let seen = moto.boto(&format!(
            "out(c('rds').describe_db_instances(DBInstanceIdentifier='{id}')['DBInstances'][0])"
        ));
        assert_eq!(seen["PubliclyAccessible"], true, "{id}: {seen}");
        assert_eq!(seen["CopyTagsToSnapshot"], true, "{id}");
        assert_eq!(seen["AutoMinorVersionUpgrade"], true, "{id}");
        assert_eq!(seen["DeletionProtection"], true, "{id}");
        assert_eq!(seen["StorageThroughput"], 500, "{id}");
        // The adapter reads them back as the check compares them.
        let described = cloud
            .describe_instances()
            .await
            .expect("describe")
            .into_iter()
            .find(|i| i.id == id)
            .expect("described");
        assert_eq!(described.publicly_accessible, Some(true));
        assert_eq!(described.copy_tags_to_snapshot, Some(true));
        assert_eq!(described.auto_minor_version_upgrade, Some(true));
        assert_eq!(described.storage_throughput, Some(500));
        assert!(described.deletion_protection);
    }
    // RDS refuses to delete while the protection is on, with advice of its own.
    let refused = expect_err(
        cloud.delete_instance("workshop-db-restore").await,
        ErrorKind::Validation,
        "InvalidParameterCombination",
    );
    assert_eq!(
        backup_lab::ui_text::error_text(&refused).id,
        "error-deletion-protected"
    );
    cloud
        .modify_instance(&backup_lab::cloud::InstanceChange {
            instance_id: "workshop-db-restore".into(),
            deletion_protection: Some(false),
            ..backup_lab::cloud::InstanceChange::default()
        })
        .await
        .expect("protection off");
    let seen = moto.boto(
        "out(c('rds').describe_db_instances(DBInstanceIdentifier='workshop-db-restore')['DBInstances'][0])",
    );
    assert_eq!(seen["DeletionProtection"], false);
    cloud
        .delete_instance("workshop-db-restore")
        .await
        .expect("deleted once unprotected");
}

#[tokio::test]
async fn snapshot_restore_and_cleanup_land_in_moto() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let cloud = moto.cloud().await;
    let lab_sg = world["rds_security_group_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let default_sg = world["default_security_group_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    // Snapshot, tagged as ours.
    let snap = cloud
        .create_snapshot(&snap(INSTANCE, "ondemandbackup"))
        .await
        .expect("snapshot");
    assert_eq!(
        (snap.id.as_str(), snap.instance_id.as_str()),
        ("ondemandbackup", INSTANCE)
    );
    let listed = cloud
        .describe_snapshots(INSTANCE)
        .await
        .expect("describe snapshots");
    let ours = listed
        .iter()
        .find(|s| s.id == "ondemandbackup")
        .expect("listed");
    assert_eq!(ours.kind, SnapshotKind::Manual);
    assert!(
        ours.created_by_tool,
        "created-by tag read back from TagList: {ours:?}"
    );
    assert!(ours.is_available() && ours.percent == 100, "{ours:?}");
    assert!(ours.created.is_some());
    let tags = moto.boto(
        "rds = c('rds')\n\
         arn = rds.describe_db_snapshots(DBSnapshotIdentifier='ondemandbackup')['DBSnapshots'][0]['DBSnapshotArn']\n\
         out(rds.list_tags_for_resource(ResourceName=arn)['TagList'])",
    );
    assert!(
        tags.as_array()
            .into_iter()
            .flatten()
            .any(|t| t["Key"] == "created-by" && t["Value"] == "backup-lab"),
        "{tags}"
    );

    // Restore: Multi-AZ, db.t3.micro, the source's group (not default) and subnet group.
    let restored = cloud
        .restore_from_snapshot(&restore_request(
            &world,
            "workshop-db-restore",
            "ondemandbackup",
        ))
        .await
        .expect("restore");
    assert_eq!(restored.id, "workshop-db-restore");
    let seen = moto.boto("out(c('rds').describe_db_instances(DBInstanceIdentifier='workshop-db-restore')['DBInstances'][0])");
    assert_eq!(seen["MultiAZ"], true);
    assert_eq!(seen["DBInstanceClass"], "db.t3.micro");
    let groups: Vec<&str> = seen["VpcSecurityGroups"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["VpcSecurityGroupId"].as_str())
        .collect();
    assert_eq!(groups, vec![lab_sg.as_str()]);
    assert!(!groups.contains(&default_sg.as_str()));
    assert_eq!(
        seen["DBSubnetGroup"]["DBSubnetGroupName"],
        "workshop-db-subnet-group"
    );
    let tag_pairs: BTreeSet<(String, String)> = seen["TagList"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["Key"].as_str().unwrap_or_default().to_owned(),
                t["Value"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        tag_pairs.contains(&("created-by".into(), "backup-lab".into())),
        "{tag_pairs:?}"
    );
    assert!(
        tag_pairs.contains(&("restored-from".into(), "ondemandbackup".into())),
        "{tag_pairs:?}"
    );
    assert!(
        tag_pairs.contains(&("environment".into(), "workshop".into())),
        "the source's tags travel along: {tag_pairs:?}"
    );
    assert_eq!(seen["StorageType"], "gp2");
    assert_eq!(
        seen["DBParameterGroups"][0]["DBParameterGroupName"],
        "workshop-mysql80"
    );
    // And the adapter reads all of it back.
    let described = cloud
        .describe_instances()
        .await
        .expect("describe")
        .into_iter()
        .find(|i| i.id == "workshop-db-restore")
        .expect("restored");
    assert_eq!(described.storage_type.as_deref(), Some("gp2"));
    assert_eq!(
        described.parameter_group.as_deref(),
        Some("workshop-mysql80")
    );
    assert!(described.option_group.is_some(), "{described:?}");
    assert!(
        described
            .tags
            .contains(&("environment".into(), "workshop".into())),
        "{described:?}"
    );
    assert_eq!(described.engine_version(), Some("8.0.39"));

    // Point-in-time restore with the same placement.
    let pitr = PitrRequest {
        source_id: INSTANCE.into(),
        target_id: "workshop-db-pitr".into(),
        restore_time: None,
        settings: RestoreSettings {
            class: "db.t3.micro".into(),
            multi_az: true,
            security_groups: vec![lab_sg.clone()],
            subnet_group: Some("workshop-db-subnet-group".into()),
            ..RestoreSettings::default()
        },
    };
    cloud.restore_to_point_in_time(&pitr).await.expect("pitr");
    let seen = moto.boto("out(c('rds').describe_db_instances(DBInstanceIdentifier='workshop-db-pitr')['DBInstances'][0])");
    assert_eq!(seen["MultiAZ"], true);
    assert_eq!(seen["DBInstanceClass"], "db.t3.micro");
    assert_eq!(
        seen["VpcSecurityGroups"][0]["VpcSecurityGroupId"],
        lab_sg.as_str()
    );
    assert_eq!(
        seen["DBSubnetGroup"]["DBSubnetGroupName"],
        "workshop-db-subnet-group"
    );

    // Describe shows all three, each with its own endpoint.
    let all = cloud.describe_instances().await.expect("describe");
    let ids: BTreeSet<&str> = all.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([INSTANCE, "workshop-db-pitr", "workshop-db-restore"])
    );
    let endpoints: BTreeSet<&str> = all.iter().filter_map(|i| i.endpoint.as_deref()).collect();
    assert_eq!(endpoints.len(), 3, "{all:?}");
    let restored = all
        .iter()
        .find(|i| i.id == "workshop-db-restore")
        .expect("restored");
    assert_eq!(restored.security_groups, vec![lab_sg.clone()]);
    assert!(restored.multi_az);

    // Cleanup.
    cloud
        .delete_instance("workshop-db-restore")
        .await
        .expect("delete instance");
    cloud
        .delete_snapshot("ondemandbackup")
        .await
        .expect("delete snapshot");
    let left = moto.boto(
        "rds = c('rds')\n\
         out({'instances': [i['DBInstanceIdentifier'] for i in rds.describe_db_instances()['DBInstances']],\n\
              'snapshots': [s['DBSnapshotIdentifier'] for s in rds.describe_db_snapshots()['DBSnapshots']]})",
    );
    assert!(
        !strings(&left["instances"]).contains(&"workshop-db-restore".to_owned()),
        "{left}"
    );
    assert!(
        !strings(&left["snapshots"]).contains(&"ondemandbackup".to_owned()),
        "{left}"
    );
}

#[tokio::test]
async fn rds_error_codes() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let cloud = moto.cloud().await;

    expect_err(
        cloud.create_snapshot(&snap("no-such-db", "snap-a")).await,
        ErrorKind::NotFound,
        "DBInstanceNotFound",
    );
    cloud
        .create_snapshot(&snap(INSTANCE, "snap-a"))
        .await
        .expect("snapshot");
    let err = expect_err(
        cloud.create_snapshot(&snap(INSTANCE, "snap-a")).await,
        ErrorKind::AlreadyExists,
        "DBSnapshotAlreadyExists",
    );
    assert_eq!(err.operation, "CreateDBSnapshot");
    assert!(!err.message.is_empty());

    let missing = restore_request(&world, "workshop-db-restore", "no-such-snapshot");
    let err = expect_err(
        cloud.restore_from_snapshot(&missing).await,
        ErrorKind::NotFound,
        "DBSnapshotNotFound",
    );
    assert_eq!(err.operation, "RestoreDBInstanceFromDBSnapshot");
    let clash = restore_request(&world, INSTANCE, "snap-a");
    expect_err(
        cloud.restore_from_snapshot(&clash).await,
        ErrorKind::AlreadyExists,
        "DBInstanceAlreadyExists",
    );

    expect_err(
        cloud.delete_snapshot("no-such-snapshot").await,
        ErrorKind::NotFound,
        "DBSnapshotNotFound",
    );
    expect_err(
        cloud.delete_instance("no-such-db").await,
        ErrorKind::NotFound,
        "DBInstanceNotFound",
    );
    let settings = BackupSettings {
        instance_id: "no-such-db".into(),
        retention_days: 1,
        window_utc: "03:00-03:30".parse().expect("window"),
        apply_immediately: true,
    };
    expect_err(
        cloud.modify_backup(&settings).await,
        ErrorKind::NotFound,
        "DBInstanceNotFound",
    );
}

// ---------------------------------------------------------------------------------------------
// ECS

#[tokio::test]
async fn register_revision_copies_everything_but_db_host() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let cloud = moto.cloud().await;

    let old = cloud
        .describe_task_definition(FAMILY)
        .await
        .expect("describe");
    assert_eq!(
        (old.family.as_str(), old.revision, old.status.as_str()),
        (FAMILY, 1, "ACTIVE")
    );
    assert_eq!(old.env(CONTAINER, "DB_HOST"), world["db_host"].as_str());

    let new_host = "workshop-db-restore.aaaaaaaaaa.us-east-1.rds.amazonaws.com";
    let new = cloud
        .register_revision(&old.arn, CONTAINER, "DB_HOST", new_host)
        .await
        .expect("register");
    assert_eq!(new.revision, 2);
    assert_eq!(new.env(CONTAINER, "DB_HOST"), Some(new_host));
    assert!(
        new.same_except(&old, CONTAINER, "DB_HOST"),
        "fingerprints:\n{}\n{}",
        old.fingerprint,
        new.fingerprint
    );
    assert!(!new.same_except(&old, CONTAINER, "DB_USER"));
    assert_eq!(
        cloud
            .describe_task_definition(&new.arn)
            .await
            .expect("describe new"),
        new
    );

    // The whole DescribeTaskDefinition answer, tags included, equals the old one but DB_HOST.
    let mut expected = moto.registrable_view(&old.arn);
    support::moto::set_env(&mut expected, CONTAINER, "DB_HOST", new_host);
    let actual = moto.registrable_view(&new.arn);
    assert_eq!(actual, expected);
    assert_eq!(
        actual["tags"].as_array().map(Vec::len),
        Some(2),
        "tags carried over: {actual}"
    );
    assert!(
        actual["taskDefinition"]["containerDefinitions"][0]["secrets"].is_array(),
        "{actual}"
    );

    // A new variable is appended; an unknown container is refused.
    let appended = cloud
        .register_revision(&new.arn, CONTAINER, "FEATURE", "on")
        .await
        .expect("append");
    let env = &appended.containers[0].environment;
    assert_eq!(env.last(), Some(&("FEATURE".to_owned(), "on".to_owned())));
    assert_eq!(env.len(), 4);
    expect_err(
        cloud
            .register_revision(&new.arn, "nope", "DB_HOST", "x")
            .await,
        ErrorKind::Client,
        "ClientException",
    );

    // The service switches to the new revision.
    let updated = cloud
        .update_service(CLUSTER, SERVICE, &new.arn)
        .await
        .expect("update");
    assert_eq!(updated.task_definition, new.arn);
    let service = cloud
        .describe_service(CLUSTER, SERVICE)
        .await
        .expect("describe service");
    assert_eq!(
        (service.name.as_str(), service.cluster.as_str()),
        (SERVICE, CLUSTER)
    );
    assert_eq!(service.task_definition, new.arn);
    // moto's UpdateService changes the service's task definition but starts no deployment,
    // so the deployments still name revision 1 there; the simulation covers rollouts.
    assert_eq!(service.desired, 2);
    let seen = moto.boto("out(c('ecs').describe_services(cluster='workshop-cluster', services=['backend-service'])['services'][0])");
    assert_eq!(seen["taskDefinition"], new.arn.as_str());
}

#[tokio::test]
async fn list_and_deregister_task_definitions() {
    let Some(moto) = Moto::start() else { return };
    moto.world();
    // A family sharing the prefix must not be listed.
    moto.boto(
        "ecs = c('ecs')\n\
         ecs.register_task_definition(family='workshop-backend-v2', containerDefinitions=[{'name': 'x', 'image': 'x', 'memory': 128}])\n\
         out(None)",
    );
    let cloud = moto.cloud().await;
    let base = cloud
        .describe_task_definition(FAMILY)
        .await
        .expect("describe");
    let second = cloud
        .register_revision(&base.arn, CONTAINER, "DB_HOST", "b")
        .await
        .expect("register");
    let third = cloud
        .register_revision(&second.arn, CONTAINER, "DB_HOST", "c")
        .await
        .expect("register");
    assert_eq!(
        cloud.active_revisions(FAMILY).await.expect("list"),
        vec![base.arn.clone(), second.arn.clone(), third.arn.clone()]
    );

    cloud
        .deregister_task_definition(&second.arn)
        .await
        .expect("deregister");
    assert_eq!(
        cloud.active_revisions(FAMILY).await.expect("list"),
        vec![base.arn.clone(), third.arn.clone()]
    );
    let gone = cloud
        .describe_task_definition(&second.arn)
        .await
        .expect("still describable");
    assert_eq!(gone.status.as_str(), "INACTIVE");
    // The latest ACTIVE revision is what the bare family names.
    assert_eq!(
        cloud
            .describe_task_definition(FAMILY)
            .await
            .expect("describe")
            .arn,
        third.arn
    );
}

#[tokio::test]
async fn ecs_error_codes() {
    let Some(moto) = Moto::start() else { return };
    moto.world();
    let cloud = moto.cloud().await;

    let err = expect_err(
        cloud.describe_service(CLUSTER, "no-such-service").await,
        ErrorKind::ServiceNotFound,
        "ServiceNotFoundException",
    );
    assert_eq!(err.operation, "DescribeServices");
    expect_err(
        cloud.describe_service("no-such-cluster", SERVICE).await,
        ErrorKind::Client,
        "ClusterNotFoundException",
    );
    expect_err(
        cloud.describe_task_definition("no-such-family:1").await,
        ErrorKind::Client,
        "ClientException",
    );
    expect_err(
        cloud
            .register_revision("no-such-family:1", CONTAINER, "DB_HOST", "x")
            .await,
        ErrorKind::Client,
        "ClientException",
    );
    expect_err(
        cloud
            .deregister_task_definition(
                "arn:aws:ecs:us-east-1:123456789012:task-definition/no-such-family:1",
            )
            .await,
        ErrorKind::Client,
        "ClientException",
    );
    let err = cloud
        .update_service(CLUSTER, "no-such-service", &format!("{FAMILY}:1"))
        .await
        .expect_err("unknown service");
    assert_eq!(err.kind, ErrorKind::ServiceNotFound, "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// The lab's recovery, end to end through the todo app stand-in

#[tokio::test]
async fn todos_come_back_after_restore_and_switch() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let app = moto.todo_app();
    let cloud = moto.cloud_with(Some(app.url.clone())).await;

    let titles = ["Einkaufen", "Lab lesen", "Snapshot", "Restore", "Feiern"];
    for title in titles {
        cloud.create_todo(title).await.expect("create");
    }
    assert_eq!(cloud.list_todos().await.expect("list").len(), 5);

    cloud
        .create_snapshot(&snap(INSTANCE, "ondemandbackup"))
        .await
        .expect("snapshot");
    for todo in cloud.list_todos().await.expect("list") {
        cloud.delete_todo(&todo.id).await.expect("delete");
    }
    assert!(cloud.list_todos().await.expect("list").is_empty());
    expect_err(
        cloud.delete_todo(&TodoId::from(1)).await,
        ErrorKind::NotFound,
        "404",
    );

    let restored = cloud
        .restore_from_snapshot(&restore_request(
            &world,
            "workshop-db-restore",
            "ondemandbackup",
        ))
        .await
        .expect("restore");
    let endpoint = match restored.endpoint {
        Some(endpoint) => endpoint,
        None => cloud
            .describe_instances()
            .await
            .expect("describe")
            .into_iter()
            .find(|i| i.id == "workshop-db-restore")
            .and_then(|i| i.endpoint)
            .expect("endpoint of the restored instance"),
    };
    let current = cloud
        .describe_service(CLUSTER, SERVICE)
        .await
        .expect("service")
        .task_definition;
    let revision = cloud
        .register_revision(&current, CONTAINER, "DB_HOST", &endpoint)
        .await
        .expect("register");
    cloud
        .update_service(CLUSTER, SERVICE, &revision.arn)
        .await
        .expect("update");

    let back: Vec<String> = cloud
        .list_todos()
        .await
        .expect("list")
        .into_iter()
        .map(|t| t.title)
        .collect();
    assert_eq!(back, titles.map(str::to_owned).to_vec());

    // Pointing at a database that is gone breaks the app (502 from the stand-in, like the ALB).
    cloud
        .delete_instance("workshop-db-restore")
        .await
        .expect("delete");
    let err = expect_err(cloud.list_todos().await, ErrorKind::Server, "502");
    assert_eq!(err.operation, "TodoList");
}

#[tokio::test]
async fn todo_base_url_comes_from_the_load_balancer() {
    let Some(moto) = Moto::start() else { return };
    let world = moto.world();
    let dns = world["load_balancer_dns"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut overrides = moto.overrides();
    overrides.todo_connect_timeout = Duration::from_millis(500);
    overrides.todo_timeout = Duration::from_secs(1);
    let cloud = AwsCloud::connect_with(&moto_settings(None), &overrides)
        .await
        .expect("connect");
    // moto's DNS names do not resolve: the request fails, but it went to the ALB's name.
    let err = cloud.list_todos().await.expect_err("unresolvable");
    assert!(
        matches!(err.kind, ErrorKind::Network | ErrorKind::Timeout),
        "{err:?}"
    );
    assert!(
        err.message.to_lowercase().contains(&dns.to_lowercase()),
        "{dns} in {err:?}"
    );

    let settings = AwsSettings {
        load_balancer: "no-such-alb".into(),
        ..moto_settings(None)
    };
    let cloud = AwsCloud::connect_with(&settings, &overrides)
        .await
        .expect("connect");
    let err = cloud.list_todos().await.expect_err("no ALB");
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
    assert_eq!(err.operation, "DescribeLoadBalancers");
}

// ---------------------------------------------------------------------------------------------
// Credentials and permissions

#[tokio::test]
async fn access_denied_with_iam_auth() {
    let Some(moto) = Moto::start() else { return };
    moto.world();
    let keys = moto.boto(
        "iam = c('iam', aws_access_key_id='testing', aws_secret_access_key='testing')\n\
         iam.create_user(UserName='learner')\n\
         policy = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': ['sts:GetCallerIdentity', 'ecs:*'], 'Resource': '*'}]}\n\
         iam.put_user_policy(UserName='learner', PolicyName='no-rds', PolicyDocument=json.dumps(policy))\n\
         key = iam.create_access_key(UserName='learner')['AccessKey']\n\
         out({'id': key['AccessKeyId'], 'secret': key['SecretAccessKey']})",
    );
    // From now on moto checks every request against IAM.
    assert_eq!(moto.post("/moto-api/reset-auth", "0").0, 200);

    let overrides = AwsOverrides {
        keys: Some(StaticKeys {
            access_key_id: keys["id"].as_str().unwrap_or_default().into(),
            secret_access_key: keys["secret"].as_str().unwrap_or_default().into(),
            session_token: None,
        }),
        ..moto.overrides()
    };
    let cloud = AwsCloud::connect_with(&moto_settings(None), &overrides)
        .await
        .expect("sts is allowed");
    let err = expect_err(
        cloud.describe_instances().await,
        ErrorKind::AccessDenied,
        "AccessDenied",
    );
    assert_eq!(err.operation, "DescribeDBInstances");
    assert!(err.message.contains("rds:DescribeDBInstances"), "{err:?}");
    assert_eq!(err.permission().as_deref(), Some("rds:DescribeDBInstances"));
    cloud
        .describe_service(CLUSTER, SERVICE)
        .await
        .expect("ecs is allowed");

    // Keys moto has never issued.
    let unknown = AwsOverrides {
        keys: Some(StaticKeys {
            access_key_id: "AKIAUNKNOWN".into(),
            secret_access_key: "x".into(),
            session_token: None,
        }),
        ..moto.overrides()
    };
    let err = expect_err(
        AwsCloud::connect_with(&moto_settings(None), &unknown).await,
        ErrorKind::NoCredentials,
        "InvalidClientTokenId",
    );
    assert_eq!(err.operation, "GetCallerIdentity");
}

// Credential chain, region and endpoint discovery read process environment and files, which
// tests running in parallel threads share; these run in child processes of this test binary
// with a clean environment instead.

/// Marks a clean-environment child; children return at once without it.
const CLEAN_ENV_CHILD: &str = "BACKUP_LAB_CLEAN_ENV_CHILD";

/// Runs the ignored test `child` of this module in a child process whose environment holds
/// only `PATH`, `HOME` (an empty temp dir), `AWS_CONFIG_FILE` (containing `config`),
/// an empty `AWS_SHARED_CREDENTIALS_FILE` and `env`. Returns the child's output.
fn run_clean_child(child: &str, config: &str, env: &[(&str, String)]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let config_file = dir.path().join("config");
    let credentials_file = dir.path().join("credentials");
    std::fs::write(&config_file, config).expect("config");
    std::fs::write(&credentials_file, "").expect("credentials");
    let exe = std::env::current_exe().expect("test binary");
    // Test names are module paths without the crate: `aws_moto::no_credentials_child`.
    let exact = match module_path!().split_once("::") {
        Some((_, module)) => format!("{module}::{child}"),
        None => child.to_owned(),
    };
    let mut command = Command::new(exe);
    command
        .args([
            "--exact",
            &exact,
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .env("AWS_CONFIG_FILE", &config_file)
        .env("AWS_SHARED_CREDENTIALS_FILE", &credentials_file)
        .env(CLEAN_ENV_CHILD, "1");
    for (name, value) in env {
        command.env(name, value);
    }
    let out = command.output().expect("run the child test");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "child {child} ({env:?}) failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn is_child() -> bool {
    std::env::var_os(CLEAN_ENV_CHILD).is_some()
}

/// No credentials anywhere, twice: with whatever instance metadata service this machine has
/// (usually none), and with one that accepts connections and never answers, so the short
/// IMDS timeouts are exercised wherever the tests run.
#[test]
fn no_credentials_are_reported() {
    let silent_imds = format!("http://127.0.0.1:{}", fake::silent_port());
    for env in [
        vec![],
        vec![("AWS_EC2_METADATA_SERVICE_ENDPOINT", silent_imds)],
    ] {
        let stdout = run_clean_child("no_credentials_child", "", &env);
        for line in stdout
            .lines()
            .filter(|l| l.contains("no credentials reported"))
        {
            eprintln!("{env:?}: {line}");
        }
    }
}

#[tokio::test]
#[ignore = "run by no_credentials_are_reported in a clean environment"]
async fn no_credentials_child() {
    if !is_child() {
        return;
    }
    let settings = AwsSettings {
        region: Some(REGION.into()),
        ..AwsSettings::default()
    };
    // If credentials were found anyway, the call would go here and fail differently.
    let overrides = AwsOverrides {
        endpoint_url: Some(format!("http://127.0.0.1:{}", free_port())),
        ..AwsOverrides::default()
    };
    let started = std::time::Instant::now();
    let result = tokio::time::timeout(
        Duration::from_secs(10),
        AwsCloud::connect_with(&settings, &overrides),
    )
    .await
    .expect("connect returns instead of hanging");
    let err = result.expect_err("no credentials anywhere");
    println!(
        "no credentials reported after {:?}: {err:?}",
        started.elapsed()
    );
    assert_eq!(err.kind, ErrorKind::NoCredentials, "{err:?}");
    assert_eq!(err.operation, "GetCallerIdentity");

    let no_region = AwsCloud::connect_with(&AwsSettings::default(), &overrides)
        .await
        .expect_err("no region anywhere");
    assert_eq!(no_region.kind, ErrorKind::NoRegion, "{no_region:?}");
}

/// Keys and region from environment variables; `AWS_ENDPOINT_URL` for every service and
/// `AWS_ENDPOINT_URL_RDS` for RDS alone, all without overrides.
#[test]
fn endpoints_and_keys_from_the_environment() {
    let (general, _) = fake::failing_aws(400, "ValidationError", "the general endpoint");
    let (rds, rds_calls) = fake::failing_aws(404, "DBInstanceNotFound", "the RDS endpoint");
    run_clean_child(
        "environment_child",
        "",
        &[
            ("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT".into()),
            ("AWS_SECRET_ACCESS_KEY", "secret".into()),
            ("AWS_REGION", "eu-central-1".into()),
            ("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{general}")),
            ("AWS_ENDPOINT_URL_RDS", format!("http://127.0.0.1:{rds}")),
        ],
    );
    assert_eq!(
        rds_calls.load(Ordering::SeqCst),
        1,
        "the RDS call went to AWS_ENDPOINT_URL_RDS"
    );
}

#[tokio::test]
#[ignore = "run by endpoints_and_keys_from_the_environment in a clean environment"]
async fn environment_child() {
    if !is_child() {
        return;
    }
    let cloud = AwsCloud::connect(&AwsSettings::default())
        .await
        .expect("connect");
    assert_eq!(
        cloud.mode(),
        Mode::Aws {
            account: "111122223333".into(),
            region: "eu-central-1".into()
        }
    );
    expect_err(
        cloud.describe_instances().await,
        ErrorKind::NotFound,
        "DBInstanceNotFound",
    );
}

/// A named profile with `credential_process`, its own region and `endpoint_url`.
#[test]
fn profile_with_credential_process() {
    let sts = fake::sts_for_key("AKIDPROCESS");
    let config = format!(
        "[default]\nregion = us-west-2\n\n\
         [profile lab]\n\
         region = eu-west-1\n\
         endpoint_url = http://127.0.0.1:{sts}\n\
         credential_process = echo '{{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"s\"}}'\n"
    );
    run_clean_child("profile_child", &config, &[]);
}

#[tokio::test]
#[ignore = "run by profile_with_credential_process in a clean environment"]
async fn profile_child() {
    if !is_child() {
        return;
    }
    let settings = AwsSettings {
        profile: Some("lab".into()),
        ..AwsSettings::default()
    };
    let cloud = AwsCloud::connect(&settings)
        .await
        .expect("connect with the lab profile");
    assert_eq!(
        cloud.mode(),
        Mode::Aws {
            account: "111122223333".into(),
            region: "eu-west-1".into()
        }
    );
    // An explicit region wins over the profile's.
    let settings = AwsSettings {
        region: Some("ap-south-1".into()),
        ..settings
    };
    let cloud = AwsCloud::connect(&settings).await.expect("connect");
    assert_eq!(
        cloud.mode(),
        Mode::Aws {
            account: "111122223333".into(),
            region: "ap-south-1".into()
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Faults moto cannot make

async fn cloud_at(port: u16, app_url: Option<String>) -> AwsCloud {
    let settings = AwsSettings {
        region: Some(REGION.into()),
        app_url,
        ..AwsSettings::default()
    };
    let mut overrides = overrides_for(&format!("http://127.0.0.1:{port}"));
    overrides.todo_connect_timeout = Duration::from_millis(500);
    overrides.todo_timeout = Duration::from_secs(1);
    AwsCloud::connect_with(&settings, &overrides)
        .await
        .expect("connect to the fake")
}

#[tokio::test]
async fn throttling_survives_retries_as_throttling() {
    let (port, failures) = fake::failing_aws(400, "Throttling", "Rate exceeded");
    let cloud = cloud_at(port, None).await;
    assert_eq!(
        cloud.mode(),
        Mode::Aws {
            account: "111122223333".into(),
            region: REGION.into()
        }
    );
    let err = expect_err(
        cloud.describe_instances().await,
        ErrorKind::Throttling,
        "Throttling",
    );
    assert_eq!(err.message, "Rate exceeded");
    assert_eq!(
        failures.load(Ordering::SeqCst),
        4,
        "standard retry mode, four attempts"
    );
}

#[tokio::test]
async fn expired_token_and_server_errors() {
    let (port, _) = fake::failing_aws(
        403,
        "ExpiredToken",
        "The security token included in the request is expired",
    );
    let cloud = cloud_at(port, None).await;
    expect_err(
        cloud.create_snapshot(&snap(INSTANCE, "s")).await,
        ErrorKind::ExpiredToken,
        "ExpiredToken",
    );

    let (port, failures) =
        fake::failing_aws(500, "InternalFailure", "We encountered an internal error.");
    let cloud = cloud_at(port, None).await;
    expect_err(
        cloud.describe_snapshots(INSTANCE).await,
        ErrorKind::Server,
        "InternalFailure",
    );
    assert_eq!(failures.load(Ordering::SeqCst), 4);

    let (port, _) = fake::failing_aws(400, "InvalidParameterCombination", "No.");
    let cloud = cloud_at(port, None).await;
    let settings = BackupSettings {
        instance_id: INSTANCE.into(),
        retention_days: 1,
        window_utc: "03:00-03:30".parse().expect("window"),
        apply_immediately: true,
    };
    expect_err(
        cloud.modify_backup(&settings).await,
        ErrorKind::Validation,
        "InvalidParameterCombination",
    );
}

#[tokio::test]
async fn unreachable_endpoint_is_a_network_error() {
    let settings = AwsSettings {
        region: Some(REGION.into()),
        ..AwsSettings::default()
    };
    let overrides = overrides_for(&format!("http://127.0.0.1:{}", free_port()));
    let err = AwsCloud::connect_with(&settings, &overrides)
        .await
        .expect_err("nobody listens");
    assert_eq!(err.kind, ErrorKind::Network, "{err:?}");
    assert_eq!(err.operation, "GetCallerIdentity");
}

#[tokio::test]
async fn todo_client_lists_creates_and_deletes() {
    let (port, _) = fake::failing_aws(400, "Throttling", "unused");
    let cloud = cloud_at(port, Some(format!("{}/", fake::todo_api()))).await;
    assert!(cloud.list_todos().await.expect("list").is_empty());
    let a = cloud.create_todo("Einkaufen").await.expect("create");
    let b = cloud.create_todo("Lab").await.expect("create");
    assert_eq!((a.title.as_str(), a.completed), ("Einkaufen", false));
    assert_ne!(a.id, b.id);
    cloud.delete_todo(&a.id).await.expect("delete");
    let left = cloud.list_todos().await.expect("list");
    assert_eq!(
        left.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(),
        vec!["Lab"]
    );
    let err = expect_err(cloud.delete_todo(&a.id).await, ErrorKind::NotFound, "404");
    assert_eq!(err.operation, "TodoDelete");
}

#[tokio::test]
async fn todo_transport_failures() {
    let (port, _) = fake::failing_aws(400, "Throttling", "unused");

    let closed = cloud_at(port, Some(format!("http://127.0.0.1:{}", free_port()))).await;
    let err = expect_err(
        closed.list_todos().await,
        ErrorKind::Network,
        "NetworkError",
    );
    assert_eq!(err.operation, "TodoList");

    let silent = cloud_at(
        port,
        Some(format!("http://127.0.0.1:{}", fake::silent_port())),
    )
    .await;
    let err = expect_err(
        silent.create_todo("x").await,
        ErrorKind::Timeout,
        "TimeoutError",
    );
    assert_eq!(err.operation, "TodoCreate");

    let broken = fake::serve(|_| (503, "text/plain".into(), "Service Unavailable".into()));
    let broken = cloud_at(port, Some(format!("http://127.0.0.1:{broken}"))).await;
    let err = expect_err(broken.list_todos().await, ErrorKind::Server, "503");
    assert!(err.message.contains("Service Unavailable"), "{err:?}");

    let garbage = fake::serve(|_| (200, "text/html".into(), "<html>frontend</html>".into()));
    let garbage = format!("http://127.0.0.1:{garbage}");
    let err = expect_err(
        cloud_at(port, Some(garbage.clone()))
            .await
            .list_todos()
            .await,
        ErrorKind::TodoAnswer,
        "NotJson",
    );
    assert!(
        err.message.starts_with(&format!("{garbage}/api/v1/todos")),
        "{err:?}"
    );

    // A list with a todo that has no id cannot be used: said once, with the URL and the entry.
    let no_id = fake::serve(|_| {
        let body = r#"[{"id": 1, "title": "a", "completed": 0}, {"title": "b"}]"#;
        (200, "application/json".into(), body.into())
    });
    let no_id = format!("http://127.0.0.1:{no_id}");
    let err = expect_err(
        cloud_at(port, Some(no_id.clone())).await.list_todos().await,
        ErrorKind::TodoAnswer,
        "BadEntry",
    );
    assert!(err.message.starts_with(&no_id), "{err:?}");
    assert!(
        err.message.contains("todo 2 of 2: missing field `id`"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_mysql_backed_todo_app_is_read_as_well() {
    let (port, _) = fake::failing_aws(400, "Throttling", "unused");
    let cloud = cloud_at(port, Some(fake::todo_api_mysql())).await;
    let a = cloud.create_todo("Einkaufen").await.expect("create");
    cloud.create_todo("Lab").await.expect("create");
    assert_eq!((a.id.0.as_str(), a.completed), ("1", false));
    let listed = cloud.list_todos().await.expect("list");
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|t| t.user_id.is_none()));
    // Deleting goes to /api/v1/todos/<the id as the app wrote it>.
    cloud.delete_todo(&a.id).await.expect("delete by string id");
    let left: Vec<String> = cloud
        .list_todos()
        .await
        .expect("list")
        .into_iter()
        .map(|t| t.title)
        .collect();
    assert_eq!(left, vec!["Lab"]);
}

// ---------------------------------------------------------------------------------------------
// Rollouts that fail

#[tokio::test]
async fn failing_tasks_as_moto_reports_them() {
    let Some(moto) = Moto::start_with(&[
        ("MOTO_ECS_SERVICE_RUNNING", "0"),
        ("MOTO_ECS_SERVICE_FAILED_TASKS", "4"),
    ]) else {
        return;
    };
    moto.world();
    let cloud = moto.cloud().await;
    let service = cloud
        .describe_service(CLUSTER, SERVICE)
        .await
        .expect("service");
    let primary = service.primary().expect("primary");
    assert_eq!(primary.failed_tasks, 4);
    assert_eq!(primary.rollout, Some(RolloutState::InProgress));
    assert!(
        primary
            .rollout_reason
            .as_deref()
            .is_some_and(|r| r.ends_with("in progress.")),
        "{primary:?}"
    );
    assert_eq!(
        service.troubled().map(|d| d.id.as_str()),
        Some(primary.id.as_str())
    );
    assert!(!service.is_stable());
}

/// DescribeServices after the circuit breaker gave up, as ECS writes it while rolling back.
fn rolled_back_answer() -> String {
    let td =
        |n: u32| format!("arn:aws:ecs:us-east-1:111122223333:task-definition/workshop-backend:{n}");
    serde_json::json!({
        "services": [{
            "serviceName": SERVICE,
            "serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/workshop-cluster/backend-service",
            "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/workshop-cluster",
            "status": "ACTIVE",
            "taskDefinition": td(1),
            "desiredCount": 2,
            "runningCount": 2,
            "pendingCount": 1,
            "deploymentConfiguration": {
                "deploymentCircuitBreaker": {"enable": true, "rollback": true},
                "maximumPercent": 200,
                "minimumHealthyPercent": 100
            },
            "deployments": [
                {
                    "id": "ecs-svc/3", "status": "PRIMARY", "taskDefinition": td(1),
                    "desiredCount": 2, "runningCount": 0, "pendingCount": 1, "failedTasks": 0,
                    "rolloutState": "IN_PROGRESS",
                    "rolloutStateReason": "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.",
                    "createdAt": 1_764_670_000.0, "updatedAt": 1_764_670_000.0
                },
                {
                    "id": "ecs-svc/2", "status": "ACTIVE", "taskDefinition": td(2),
                    "desiredCount": 0, "runningCount": 0, "pendingCount": 0, "failedTasks": 3,
                    "rolloutState": "FAILED",
                    "rolloutStateReason": "ECS deployment circuit breaker: tasks failed to start.",
                    "createdAt": 1_764_669_600.0, "updatedAt": 1_764_670_000.0
                },
                {
                    "id": "ecs-svc/1", "status": "ACTIVE", "taskDefinition": td(1),
                    "desiredCount": 0, "runningCount": 2, "pendingCount": 0, "failedTasks": 0,
                    "rolloutState": "COMPLETED",
                    "rolloutStateReason": "ECS deployment ecs-svc/1 completed.",
                    "createdAt": 1_764_600_000.0, "updatedAt": 1_764_600_000.0
                }
            ],
            "events": [
                {"id": "e3", "createdAt": 1_764_670_000.0,
                 "message": "(service backend-service) rolling back to deployment ecs-svc/1."},
                {"id": "e2", "createdAt": 1_764_670_000.0,
                 "message": "(service backend-service) (deployment ecs-svc/2) deployment failed: tasks failed to start."},
                {"id": "e1", "createdAt": 1_764_669_990.0,
                 "message": "(service backend-service) (task 0a1b) failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/todo/1)."}
            ]
        }],
        "failures": []
    })
    .to_string()
}

#[tokio::test]
async fn a_failed_rollout_and_its_rollback_are_read_from_describe_services() {
    let port = fake::ecs_answering(rolled_back_answer());
    let cloud = cloud_at(port, None).await;
    let service = cloud
        .describe_service(CLUSTER, SERVICE)
        .await
        .expect("service");
    let breaker = service
        .circuit_breaker
        .expect("deploymentConfiguration read");
    assert!(breaker.enable && breaker.rollback);
    let failed = service.troubled().expect("the FAILED deployment");
    assert_eq!(failed.id, "ecs-svc/2");
    assert_eq!(failed.status, DeploymentStatus::Active);
    assert_eq!(failed.failed_tasks, 3);
    assert_eq!(
        failed.rollout_reason.as_deref(),
        Some("ECS deployment circuit breaker: tasks failed to start.")
    );
    let primary = service.primary().expect("the rollback");
    assert!(primary.task_definition.ends_with(":1"));
    assert!(service.task_definition.ends_with(":1"));
    assert!(!service.is_stable());
    assert!(service.rolled_back_since(jiff::Timestamp::from_second(1_764_669_600).expect("t")));
    assert!(!service.rolled_back_since(jiff::Timestamp::from_second(1_764_670_001).expect("t")));
    let telling: Vec<&str> = service
        .telling_events(None, 3)
        .into_iter()
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(telling.len(), 3);
    assert!(
        telling[2].contains("failed ELB health checks"),
        "{telling:?}"
    );
}

#[tokio::test]
async fn a_role_that_may_not_tag_is_told_which_action_aws_names() {
    use backup_lab::cloud::faults::{Faulty, Spec};
    let Some(moto) = Moto::start() else { return };
    moto.world();
    let cloud: std::sync::Arc<dyn Cloud> = std::sync::Arc::new(moto.cloud().await);
    let faulty = Faulty::new(cloud, Spec::parse("tag-denied").expect("spec"));
    let err = expect_err(
        faulty.create_snapshot(&snap(INSTANCE, "tagged")).await,
        ErrorKind::AccessDenied,
        "AccessDenied",
    );
    assert_eq!(err.permission().as_deref(), Some("rds:AddTagsToResource"));
    let untagged = SnapshotRequest {
        tags: vec![],
        ..snap(INSTANCE, "untagged")
    };
    let made = faulty
        .create_snapshot(&untagged)
        .await
        .expect("a call without tags needs no tagging permission");
    assert!(!made.created_by_tool);
    let tags = moto.boto(
        "rds = c('rds')\n\
         arn = rds.describe_db_snapshots(DBSnapshotIdentifier='untagged')['DBSnapshots'][0]['DBSnapshotArn']\n\
         out(rds.list_tags_for_resource(ResourceName=arn)['TagList'])",
    );
    assert_eq!(tags, serde_json::json!([]), "sent without Tags");
}
