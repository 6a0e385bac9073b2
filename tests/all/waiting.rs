//! Waiting that notices quickly: a part an action set changing is looked at every second for a
//! while, so a change that is over within seconds reaches the front end within about a second,
//! and a long change is followed on the usual schedule, at no more calls than before. On the
//! simulated account with the real worker (paused clock).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use backup_lab::cloud::recorder::{CallLog, Recorded};
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::cloud::{Cloud, InstanceStatus};
use backup_lab::config::Config;
use backup_lab::lab::StepId;
use backup_lab::lab::journal::Journal;
use backup_lab::lab::plan::Options;
use backup_lab::protocol::{Command, Msg};
use backup_lab::worker::{self, FAST, Greeting, QUICK, QUICK_FOR};
use tokio::time::Instant;

const START: &str = "2026-11-25T09:00:00Z";

/// The status of `workshop-db` as the account has it, read past the call log.
async fn source_status(sim: &SimCloud) -> InstanceStatus {
    sim.describe_instances()
        .await
        .expect("instances")
        .into_iter()
        .find(|i| i.id == "workshop-db")
        .expect("workshop-db")
        .status
}

/// Enabling backups sets `workshop-db` modifying, then backing-up, for a minute and a half of
/// simulated time (6 s at ×15). The worker shows it available again at most about a second
/// after it is, where it used to take up to its 3-second pace; and only the instances, which
/// the action set changing, are looked at so often.
#[tokio::test(start_paused = true)]
async fn a_short_change_is_seen_within_about_a_second() {
    let sim = Arc::new(SimCloud::paced(
        START.parse().expect("time"),
        15.0,
        WorldNames::default(),
    ));
    let log = Arc::new(CallLog::default());
    let cloud: Arc<dyn Cloud> = Arc::new(Recorded::new(sim.clone(), log.clone(), None));
    let config = Config::default();
    let (handle, mut feed) = worker::spawn(
        cloud,
        config.clone(),
        Arc::new(Mutex::new(Journal::in_memory())),
        log.clone(),
        Greeting::Silent,
    );
    handle.send(Command::Focus(StepId::EnableBackups));
    handle.send(Command::RunUnseen(
        StepId::EnableBackups,
        Box::new(Options::from_config(&config)),
    ));
    // What the account does, noted every 50 ms beside the worker.
    let truth = {
        let sim = sim.clone();
        tokio::spawn(async move {
            let mut changed = false;
            loop {
                let status = source_status(&sim).await;
                changed |= status != InstanceStatus::Available;
                if changed && status == InstanceStatus::Available {
                    return Instant::now();
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    };
    let mut answered = false;
    let mut changing_seen = false;
    // When each new look at the instances arrived while the change was under way.
    let mut looks: Vec<Instant> = Vec::new();
    let mut last_read = None;
    let seen = loop {
        match feed.recv().await.expect("the worker runs") {
            Msg::ActionDone(_, result) => {
                result.expect("backups enabled");
                answered = true;
            }
            Msg::State(state) if answered => {
                let status = state
                    .observed
                    .instance("workshop-db")
                    .map(|i| i.status.clone());
                let read = state
                    .observed
                    .updated(backup_lab::lab::observe::PartId::Instances);
                if status
                    .as_ref()
                    .is_some_and(|s| *s != InstanceStatus::Available)
                {
                    changing_seen = true;
                    if read != last_read {
                        looks.push(Instant::now());
                    }
                }
                last_read = read;
                if changing_seen && status == Some(InstanceStatus::Available) {
                    break Instant::now();
                }
            }
            _ => {}
        }
    };
    let truth = truth.await.expect("observer");
    let gaps: Vec<Duration> = looks.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.len() >= 3, "{gaps:?}");
    assert!(
        gaps.iter()
            .all(|g| *g <= QUICK + Duration::from_millis(100)),
        "looked at every second while it changed: {gaps:?}"
    );
    let lag = seen.saturating_duration_since(truth);
    assert!(
        lag <= QUICK + Duration::from_millis(100),
        "seen {lag:?} after it happened (pace {QUICK:?}, was {FAST:?})"
    );
    assert!(
        truth.elapsed() < QUICK_FOR,
        "the change was over while it was expected"
    );
    // Every second for the instances only: the snapshots, the service and the todos keep
    // their pace.
    let calls = log.recent(10_000);
    let instances = calls
        .iter()
        .filter(|c| c.operation == "DescribeDBInstances")
        .count();
    let others = calls
        .iter()
        .filter(|c| c.operation == "DescribeServices" || c.operation == "TodoList")
        .count();
    assert!(instances >= 5, "{instances}");
    assert!(others <= 4, "{others}: {calls:?}");
    handle.send(Command::Quit);
}
