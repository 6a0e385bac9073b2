//! The cloud stack as the program builds it from its settings (`backup_lab::stack::build`):
//! the simulated account in a state directory with the faults, the lag and the recording the
//! command line asks for, and the refusals it gives before anything is connected.

use backup_lab::lab::revisions::Revisions as _;
use std::sync::Arc;
use std::time::Duration;

use backup_lab::cloud::Mode;
use backup_lab::cloud::faults::Spec;
use backup_lab::cloud::recorder::CallLog;
use backup_lab::config::Config;
use backup_lab::i18n::Lang;
use backup_lab::stack::{self, Account, Settings, SimOnlyFault, StackError};

fn settings<'a>(
    config: &'a Config,
    dir: &std::path::Path,
    account: Account,
    faults: Option<&str>,
) -> Settings<'a> {
    Settings {
        account,
        config,
        state_dir: dir.to_path_buf(),
        owns: true,
        faults: faults.map(|f| Spec::parse(f).expect("spec")),
    }
}

const SIM: Account = Account::Simulation { speed: 15.0 };

/// `--faults DescribeDBInstances=denied@1` on the simulation: the first call of that
/// operation is refused with the injected error, the second goes through, and both are in
/// the call log with their outcome.
#[tokio::test(start_paused = true)]
async fn the_simulated_stack_injects_the_named_fault_and_records_each_call() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::default();
    let built = stack::build(&settings(
        &config,
        dir.path(),
        SIM,
        Some("DescribeDBInstances=denied@1"),
    ))
    .await
    .expect("stack");
    assert!(built.key().starts_with("sim-"), "{}", built.key());
    assert!(
        matches!(built.mode(), Mode::Simulation { speed } if (speed - 15.0).abs() < f64::EPSILON)
    );
    assert!(
        dir.path().join("sim/world.json").is_file(),
        "the owner keeps the world in the state directory"
    );
    let log = Arc::new(CallLog::default());
    let cloud = built.recorded(log.clone(), None);

    let refused = cloud.describe_instances().await.expect_err("injected");
    assert_eq!(refused.code, "AccessDenied", "{refused:?}");
    let instances = cloud.describe_instances().await.expect("second call");
    assert!(instances.iter().any(|i| i.id == config.names.instance));
    // The other operations are left alone.
    assert!(
        cloud
            .describe_snapshots(&config.names.instance)
            .await
            .is_ok()
    );

    let calls = log.recent(10);
    let described: Vec<_> = calls
        .iter()
        .filter(|c| c.operation == "DescribeDBInstances")
        .collect();
    assert_eq!(described.len(), 2, "{calls:?}");
    assert_eq!(described[0].error.as_deref(), Some(refused.code.as_str()));
    assert_eq!(described[1].error, None);
    assert!(
        described[0]
            .cli
            .starts_with("aws rds describe-db-instances")
    );
}

/// A task definition registered in the simulation cannot be described for the account's
/// own lag (3 s after the ECS writes, as AWS's eventual consistency does); `stale:0` turns
/// that off, and `stale:20` makes it longer.
#[tokio::test(start_paused = true)]
async fn the_simulation_lags_behind_ecs_writes_unless_a_stale_rule_says_otherwise() {
    let config = Config::default();
    for (faults, lag_s) in [(None, 3), (Some("stale:0"), 0), (Some("stale:20"), 20)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let cloud = stack::build(&settings(&config, dir.path(), SIM, faults))
            .await
            .expect("stack")
            .recorded(Arc::new(CallLog::default()), None);
        let n = &config.names;
        let service = cloud
            .describe_service(&n.cluster, &n.service)
            .await
            .expect("service");
        let base = service
            .primary()
            .expect("deployment")
            .task_definition
            .clone();
        let registered = cloud
            .register_revision(&base, &n.container, "DB_HOST", "elsewhere.example")
            .await
            .expect("registered");
        let described = cloud.describe_task_definition(&registered.arn).await;
        if lag_s == 0 {
            assert!(described.is_ok(), "{faults:?}: {described:?}");
            continue;
        }
        assert!(described.is_err(), "{faults:?}: not visible yet");
        tokio::time::sleep(Duration::from_secs(lag_s - 1)).await;
        assert!(
            cloud
                .describe_task_definition(&registered.arn)
                .await
                .is_err(),
            "{faults:?}: still lagging a second before the end"
        );
        tokio::time::sleep(Duration::from_secs(2)).await;
        let described = cloud
            .describe_task_definition(&registered.arn)
            .await
            .expect("visible after the lag");
        assert_eq!(described.revision, registered.revision, "{faults:?}");
    }
}

/// A fault only the simulated account has (`unhealthy`, `no-registry`, a restore's ending,
/// `session`) is refused for the AWS account before anything is connected, as a mistake on
/// the command line, in both languages.
#[tokio::test]
async fn faults_only_the_simulation_has_are_refused_for_aws_in_both_languages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::default();
    let aws = || Account::Aws {
        profile: Some("no-such-profile-backup-lab".into()),
        region: Some("us-east-1".into()),
    };
    for (spec, fault) in [
        ("UpdateService=unhealthy@1", SimOnlyFault::Unhealthy),
        ("RunTask=no-registry@1", SimOnlyFault::Dump),
        ("session@3", SimOnlyFault::Session),
    ] {
        let error = stack::build(&settings(&config, dir.path(), aws(), Some(spec)))
            .await
            .err()
            .expect("refused");
        assert_eq!(error, StackError::SimOnly(fault), "{spec}");
        assert!(error.is_usage());
        let text = error.text();
        assert!(text.render(Lang::En).contains("only with --sim"), "{spec}");
        assert!(text.render(Lang::De).contains("--sim"), "{spec}");
        assert_ne!(text.render(Lang::De), text.render(Lang::En));
    }
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
        "nothing was written"
    );
}

/// A world file of another configuration is not taken over: the stack says whose it is and
/// leaves it as it is.
#[tokio::test(start_paused = true)]
async fn a_world_of_other_names_is_refused_and_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::default();
    drop(
        stack::build(&settings(&config, dir.path(), SIM, None))
            .await
            .expect("first stack"),
    );
    let world = dir.path().join("sim/world.json");
    let mut other = Config::default();
    other.names.cluster = "other-cluster".into();
    // Same instance name, other cluster: the lab's world file is not theirs.
    let path =
        backup_lab::cloud::sim::world_path(&dir.path().join("sim"), &stack::world_names(&other));
    std::fs::copy(&world, &path).expect("copied");
    let before = std::fs::read(&path).expect("world");
    let error = stack::build(&settings(&other, dir.path(), SIM, None))
        .await
        .err()
        .expect("refused");
    assert!(matches!(error, StackError::World { .. }), "{error:?}");
    assert!(!error.is_usage());
    assert!(
        error
            .text()
            .render(Lang::En)
            .contains(&path.display().to_string())
    );
    assert_eq!(
        std::fs::read(&path).expect("world"),
        before,
        "left as it was"
    );
}
