//! Every fault at every step, in the simulated account: the lab keeps working, retries what is
//! safe to retry, never creates a resource twice, and finishes once the fault stops.
//! `cargo test --test all faults:: -- --nocapture` prints the fault × step table of docs/FAULTS.md.

use crate::support;

use std::sync::Arc;

use backup_lab::cloud::Cloud;
use backup_lab::cloud::faults::{Faulty, Spec};
use backup_lab::config::Config;
use backup_lab::lab::StepId;
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::Options;
use support::lab::SimLab;

/// The call each step's action makes (the one a fault hits).
const STEP_CALLS: [(StepId, &str); 8] = [
    (StepId::EnableBackups, "ModifyDBInstance"),
    (StepId::CreateTodos, "TodoCreate"),
    (StepId::Snapshot, "CreateDBSnapshot"),
    (StepId::DeleteTodos, "TodoDelete"),
    (StepId::Restore, "RestoreDBInstanceFromDBSnapshot"),
    (StepId::SwitchBackend, "RegisterTaskDefinition"),
    (StepId::SwitchBackend, "UpdateService"),
    (StepId::Verify, "TodoList"),
];

const FAULTS: [&str; 5] = ["throttle", "5xx", "timeout", "denied", "expired"];

struct Outcome {
    first_run: i32,
    second_run: i32,
    reached: Vec<(String, bool)>,
    todos: Option<usize>,
}

/// Runs the lab with `fault` on the first two calls of `operation`, then again without faults.
async fn lab_with(operation: &str, fault: &str) -> Outcome {
    // Calls that reach the account are recorded (`lab.log`) below the fault layer.
    let lab = SimLab::new();
    let spec = Spec::parse(&format!("{operation}={fault}@1-2")).expect("spec");
    let faulty: Arc<dyn Cloud> = Arc::new(Faulty::new(lab.cloud.clone(), spec));
    let options = Options::from_config(&Config::default());
    let first = lab
        .runtime_through(faulty)
        .run(&StepId::CORE, &options, true)
        .await;
    let rt = &lab.rt;
    let second = rt.run(&StepId::CORE, &options, true).await;
    let mut observed = Observed::default();
    rt.observe(&mut observed).await;
    Outcome {
        first_run: first,
        second_run: second,
        reached: lab
            .log
            .recent(100_000)
            .into_iter()
            .filter(|c| c.writes)
            .map(|c| (c.operation, c.error.is_none()))
            .collect(),
        todos: observed.todo_count(),
    }
}

fn count(reached: &[(String, bool)], op: &str) -> usize {
    reached.iter().filter(|(o, ok)| o == op && *ok).count()
}

#[tokio::test(start_paused = true)]
async fn every_fault_at_every_step_ends_with_the_lab_done_and_nothing_twice() {
    let mut table = String::from("| step | call | ");
    table.push_str(&FAULTS.join(" | "));
    table.push_str(" |\n|---|---|");
    table.push_str(&"---|".repeat(FAULTS.len()));
    table.push('\n');
    for (step, operation) in STEP_CALLS {
        table.push_str(&format!("| {} | {} |", step.id(), operation));
        for fault in FAULTS {
            let o = lab_with(operation, fault).await;
            let context = format!("{fault} on {operation}");
            assert_eq!(
                o.second_run, 0,
                "{context}: the lab finishes once the fault stops"
            );
            assert_eq!(o.todos, Some(5), "{context}: the todos are back");
            for op in [
                "CreateDBSnapshot",
                "RestoreDBInstanceFromDBSnapshot",
                "RegisterTaskDefinition",
            ] {
                assert_eq!(count(&o.reached, op), 1, "{context}: {op} exactly once");
            }
            assert_eq!(
                count(&o.reached, "TodoCreate"),
                5,
                "{context}: five todos, no duplicates"
            );
            let transient = matches!(fault, "throttle" | "5xx" | "timeout");
            // A failed read is shown and simply read again at the next look.
            let read = operation == "TodoList";
            if transient || read {
                assert_eq!(
                    o.first_run, 0,
                    "{context}: retried and finished in the first run"
                );
            } else {
                assert_eq!(o.first_run, 1, "{context}: stops and says why");
            }
            table.push_str(match (transient, read) {
                (_, true) => " shown, read again, done |",
                (true, false) => " retried, done |",
                (false, false) => " stopped with advice, done on re-run |",
            });
        }
        table.push('\n');
    }
    println!("{table}");
}

#[tokio::test(start_paused = true)]
async fn throttled_reads_do_not_stop_the_lab() {
    let lab = SimLab::new();
    let faulty: Arc<dyn Cloud> = Arc::new(Faulty::new(
        lab.cloud.clone(),
        Spec::parse("DescribeDBInstances=throttle:0.3,DescribeServices=5xx:0.3").expect("spec"),
    ));
    let rt = lab.runtime_through(faulty);
    let code = rt
        .run(
            &StepId::CORE,
            &Options::from_config(&Config::default()),
            true,
        )
        .await;
    assert_eq!(code, 0);
}

/// A snapshot list that timed out is no missing snapshot: the disaster is not refused with
/// "first take the snapshot" right after the snapshot was seen available; the look is retried.
#[tokio::test(start_paused = true)]
async fn snapshot_reads_that_time_out_do_not_stop_the_disaster() {
    for seed_spec in [
        "DescribeDBSnapshots=timeout:0.5",
        "DescribeDBSnapshots=timeout@3-4",
        "DescribeDBSnapshots=5xx:0.6",
    ] {
        let lab = SimLab::new();
        let faulty: Arc<dyn Cloud> = Arc::new(Faulty::new(
            lab.cloud.clone(),
            Spec::parse(seed_spec).expect("spec"),
        ));
        let rt = lab.runtime_through(faulty);
        let journal = rt.journal.clone();
        let code = rt
            .run(
                &[
                    StepId::EnableBackups,
                    StepId::CreateTodos,
                    StepId::Snapshot,
                    StepId::DeleteTodos,
                ],
                &Options::from_config(&Config::default()),
                true,
            )
            .await;
        assert_eq!(code, 0, "{seed_spec}: the disaster follows the snapshot");
        assert!(
            journal
                .lock()
                .unwrap()
                .has(backup_lab::lab::journal::Kind::Disaster),
            "{seed_spec}: the todos were deleted"
        );
    }
}

/// A deletion stopped half-way by a passing fault and finished by the retry is one disaster
/// of every todo: the journal neither forgets the todos the first attempt deleted nor claims
/// the list was whole when the retry began.
#[tokio::test(start_paused = true)]
async fn a_deletion_finished_by_a_retry_loses_every_todo_not_only_the_last() {
    let lab = SimLab::new();
    let faulty: Arc<dyn Cloud> = Arc::new(Faulty::new(
        lab.cloud.clone(),
        Spec::parse("TodoDelete=throttle@4").expect("spec"),
    ));
    let options = Options::from_config(&Config::default());
    let rt = lab.runtime_through(faulty);
    let steps = [
        StepId::EnableBackups,
        StepId::CreateTodos,
        StepId::Snapshot,
        StepId::DeleteTodos,
    ];
    assert_eq!(rt.run(&steps, &options, true).await, 0);
    let first_delete = lab
        .log
        .recent(100_000)
        .into_iter()
        .find(|c| c.operation == "TodoDelete" && c.error.is_none())
        .map(|c| c.at)
        .expect("a todo deleted");
    let journal = lab.rt.journal.lock().expect("journal");
    let disasters: Vec<_> = journal
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            backup_lab::lab::journal::EventKind::Disaster { lost, full_until } => {
                Some((lost.clone(), *full_until))
            }
            _ => None,
        })
        .collect();
    assert_eq!(disasters.len(), 1, "{disasters:?}");
    let (lost, full_until) = &disasters[0];
    assert_eq!(lost.len(), 5, "{lost:?}");
    assert!(
        full_until.is_some_and(|t| t <= first_delete),
        "the full list was last seen before the first deletion: {full_until:?} vs {first_delete}"
    );
}

/// A todo deleted before the snapshot was taken is in no snapshot and no part of the disaster
/// the deletion step then makes.
#[tokio::test(start_paused = true)]
async fn a_todo_gone_before_the_snapshot_is_not_lost_by_the_disaster() {
    let lab = SimLab::new();
    let options = Options::from_config(&Config::default());
    let rt = &lab.rt;
    assert_eq!(
        rt.run(
            &[StepId::EnableBackups, StepId::CreateTodos],
            &options,
            true
        )
        .await,
        0
    );
    let todos = lab.cloud.list_todos().await.expect("todos");
    lab.cloud.delete_todo(&todos[0].id).await.expect("deleted");
    let mut observed = Observed::default();
    rt.observe(&mut observed).await;
    assert_eq!(observed.todo_count(), Some(4));
    assert_eq!(
        rt.run(&[StepId::Snapshot, StepId::DeleteTodos], &options, true)
            .await,
        0
    );
    let journal = rt.journal.lock().expect("journal");
    let lost: Vec<Vec<String>> = journal
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            backup_lab::lab::journal::EventKind::Disaster { lost, .. } => Some(lost.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0].len(), 4, "{lost:?}");
    assert!(!lost[0].contains(&todos[0].title), "{lost:?}");
}
