//! Benchmark 2: how many requests the worker makes and how soon it notices a state change,
//! while the lab's snapshot, restore and backend switch run in the simulated account.
//!
//! `cargo bench --bench polling` runs the real [`worker::spawn`] over a [`Recorded`] simulated
//! account (`SimCloud::open` in a temporary directory, wall clock at speed 15 by default, so
//! a restore takes about a minute). The lab's actions go through the worker exactly as the
//! TUI sends them (`Command::RunAction`); every `Msg::State` the front end receives (the newest, as the TUI sees them) is kept with its
//! arrival time.
//!
//! Detection latency needs the moment the simulated world really changed. A separate observer
//! reads the raw simulation (not the recorded wrapper, so it adds nothing to the call count)
//! every `TRUTH_POLL`, and notes when each tracked value (the two instances' status, the
//! snapshot's status, the service's deployments) changed. A change's detection latency is
//! the time from that moment to the arrival of the first `Msg::State` that shows it or a later
//! value (a value that lasted shorter than a poll interval is "skipped", its successor counts).
//!
//! The simulation's state changes fall on whole wall seconds after the action, and the
//! worker's fast polls on multiples of `worker::FAST` after it, so the measured latencies
//! depend on that phase (at speed 5 every change lands on a poll). The phase-independent
//! worst case is printed beside them: the longest gap between two looks at the instances
//! while the restore ran.
//!
//! Requests per minute come from the call log (`CallLog`): every call the worker and the
//! actions made, from sending the restore action until the worker showed the restored
//! instance `available`, split into the first `worker::HOT` after the action (the parts it
//! changes are polled fast) and the rest.
//!
//! Last, unless `BENCH_EXTERNAL=0`: two changes made outside the app ("in the console", i.e.
//! straight on the simulation) once the worker has cooled down: one to a part the step in focus
//! reads (watched every `worker::WATCH`), one while the learner is at a step that reads nothing
//! (stable parts every `worker::SLOW`).
//!
//! Environment: `BENCH_SPEED` (default 15). Prints a table and `RESULT polling …` lines.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark stops at the first broken assumption"
)]
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::match_wild_err_arm,
    reason = "figures printed for people, far below 2^52; any failed wait ends the run"
)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backup_lab::cloud::Cloud;
use backup_lab::cloud::recorder::{CallLog, CallRecord, Recorded};
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::cloud::{DbInstance, DbSnapshot, DeploymentStatus, Service};
use backup_lab::config::Config;
use backup_lab::lab::StepId;
use backup_lab::lab::journal::Journal;
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::{Options, Ready};
use backup_lab::lab::steps::{self, Ctx};
use backup_lab::protocol::{Command, Msg};
use backup_lab::worker::{self, Handle};

/// How often the observer looks at the raw simulation: the resolution of "when it changed".
const TRUTH_POLL: Duration = Duration::from_millis(20);
/// The AWS CLI waiters' poll interval (RDS; `ecs wait services-stable` polls every 15 s).
const CLI_WAITER: Duration = Duration::from_secs(30);
/// Targets.
const TARGET_DETECTION_S: f64 = 5.0;
/// Windows shorter than this give no meaningful rate.
const MIN_WINDOW: Duration = Duration::from_secs(5);
const TARGET_REQUESTS_PER_S: f64 = 1.0;

/// The values whose changes are timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tracked {
    Source,
    Snapshot,
    Restored,
    Service,
}

impl Tracked {
    fn name(self, config: &Config) -> String {
        let n = &config.names;
        match self {
            Self::Source => format!("instance {}", n.instance),
            Self::Snapshot => format!("snapshot {}", n.snapshot),
            Self::Restored => format!("instance {}", n.restored_instance),
            Self::Service => format!("service {}", n.service),
        }
    }
}

type Values = BTreeMap<Tracked, Option<String>>;

fn service_key(s: &Service) -> String {
    let primary = s
        .deployments
        .iter()
        .find(|d| d.status == DeploymentStatus::Primary)
        .and_then(|d| d.task_definition.rsplit(':').next())
        .unwrap_or("?");
    format!(
        "{} deployment(s), {} running, primary rev {primary}",
        s.deployments.len(),
        s.running
    )
}

fn values_of(observed: &Observed, config: &Config) -> Values {
    let n = &config.names;
    BTreeMap::from([
        (
            Tracked::Source,
            observed.instance(&n.instance).map(|i| i.status.to_string()),
        ),
        (
            Tracked::Snapshot,
            observed.snapshot(&n.snapshot).map(|s| s.status.to_string()),
        ),
        (
            Tracked::Restored,
            observed
                .instance(&n.restored_instance)
                .map(|i| i.status.to_string()),
        ),
        (
            Tracked::Service,
            observed.service.value.as_ref().map(service_key),
        ),
    ])
}

/// What the world really looks like, read straight from the simulation.
async fn truth(sim: &SimCloud, config: &Config) -> Values {
    let n = &config.names;
    let instances = sim.describe_instances().await.unwrap_or_default();
    let snapshots = sim
        .describe_snapshots(&n.instance)
        .await
        .unwrap_or_default();
    let service = sim.describe_service(&n.cluster, &n.service).await.ok();
    let status = |id: &str| {
        instances
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.status.to_string())
    };
    BTreeMap::from([
        (Tracked::Source, status(&n.instance)),
        (
            Tracked::Snapshot,
            snapshots
                .iter()
                .find(|s| s.id == n.snapshot)
                .map(|s| s.status.to_string()),
        ),
        (Tracked::Restored, status(&n.restored_instance)),
        (Tracked::Service, service.as_ref().map(service_key)),
    ])
}

/// One timed value: when it started to hold.
#[derive(Debug, Clone)]
struct Sample {
    at: Instant,
    value: Option<String>,
}

/// Records, per tracked value, every change the observer saw.
fn spawn_observer(
    sim: Arc<SimCloud>,
    config: Config,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<BTreeMap<Tracked, Vec<Sample>>> {
    tokio::spawn(async move {
        let mut changes: BTreeMap<Tracked, Vec<Sample>> = BTreeMap::new();
        let mut tick = tokio::time::interval(TRUTH_POLL);
        while !stop.load(Ordering::Relaxed) {
            tick.tick().await;
            let at = Instant::now();
            for (key, value) in truth(&sim, &config).await {
                let seen = changes.entry(key).or_default();
                if seen.last().is_none_or(|s| s.value != value) {
                    seen.push(Sample { at, value });
                }
            }
        }
        changes
    })
}

/// The bench's side of the worker: sends actions, keeps every state it receives.
struct Driver {
    handle: Handle,
    rx: worker::Feed,
    config: Config,
    cloud: Arc<dyn Cloud>,
    journal: Arc<Mutex<Journal>>,
    observed: Observed,
    states: BTreeMap<Tracked, Vec<Sample>>,
    state_count: usize,
    last_action_done: Instant,
}

impl Driver {
    fn take(&mut self, msg: Msg) -> Option<(StepId, bool)> {
        match msg {
            Msg::State(snapshot) => {
                let at = Instant::now();
                self.observed = snapshot.observed;
                self.state_count += 1;
                for (key, value) in values_of(&self.observed, &self.config) {
                    self.states
                        .entry(key)
                        .or_default()
                        .push(Sample { at, value });
                }
                None
            }
            Msg::ActionDone(step, result) => {
                if let Err(e) = &result {
                    eprintln!("action {} failed: {e}", step.id());
                }
                self.last_action_done = Instant::now();
                Some((step, result.is_ok()))
            }
            _ => None,
        }
    }

    async fn next(&mut self, deadline: Instant, what: &str) -> Msg {
        match tokio::time::timeout_at(deadline.into(), self.rx.recv()).await {
            Ok(Some(msg)) => msg,
            Ok(None) => panic!("the worker stopped while waiting for {what}"),
            Err(_) => panic!("timed out waiting for {what}"),
        }
    }

    /// Receives states until `done` holds for what the worker shows.
    async fn until(&mut self, what: &str, limit: Duration, done: impl Fn(&Observed) -> bool) {
        let deadline = Instant::now() + limit;
        while !done(&self.observed) {
            let msg = self.next(deadline, what).await;
            self.take(msg);
        }
    }

    /// Runs a step's action through the worker as the TUI does (the learner goes to the step,
    /// then presses Enter), and waits until it returns.
    async fn act(&mut self, step: StepId) {
        let options = Options::from_config(&self.config);
        self.handle.send(Command::Focus(step));
        // The plan as the learner would confirm it, from what the worker showed last.
        let ready = {
            let journal = self.journal.lock().expect("journal");
            steps::plan(
                step,
                &Ctx {
                    observed: &self.observed,
                    journal: &journal,
                    config: &self.config,
                    now: self.cloud.now(),
                },
                &options,
            )
        };
        let Ready::Plan(plan) = ready else {
            panic!("{} has no plan: {ready:?}", step.id())
        };
        self.handle.send(Command::RunAction(Box::new(plan)));
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let msg = self.next(deadline, step.id()).await;
            if let Some((done, ok)) = self.take(msg) {
                assert!(done == step && ok, "action {} failed", step.id());
                break;
            }
        }
    }

    /// Receives states until `at`.
    async fn idle_until(&mut self, at: Instant) {
        while Instant::now() < at {
            if let Ok(Some(msg)) = tokio::time::timeout_at(at.into(), self.rx.recv()).await {
                self.take(msg);
            }
        }
    }
}

/// One detected change.
struct Detection {
    tracked: Tracked,
    from: Option<String>,
    to: Option<String>,
    at: Instant,
    latency: Option<Duration>,
    skipped: bool,
}

/// Matches the worker's states to the real changes (see the module docs).
fn detections(
    truth: &BTreeMap<Tracked, Vec<Sample>>,
    states: &BTreeMap<Tracked, Vec<Sample>>,
) -> Vec<Detection> {
    let mut out = Vec::new();
    for (tracked, changes) in truth {
        let seen = states.get(tracked).map_or(&[][..], Vec::as_slice);
        // For every state: the index of the latest real change it reflects.
        let reflected: Vec<(Instant, Option<usize>)> = seen
            .iter()
            .map(|s| {
                // The observer notes a change up to one TRUTH_POLL late.
                let index = changes
                    .iter()
                    .rposition(|c| c.at <= s.at + TRUTH_POLL && c.value == s.value);
                (s.at, index)
            })
            .collect();
        for (i, change) in changes.iter().enumerate().skip(1) {
            let first = reflected
                .iter()
                .find(|(at, index)| *at + TRUTH_POLL >= change.at && index.is_some_and(|j| j >= i));
            out.push(Detection {
                tracked: *tracked,
                from: changes[i - 1].value.clone(),
                to: change.value.clone(),
                at: change.at,
                latency: first.map(|(at, _)| at.saturating_duration_since(change.at)),
                skipped: first.is_some_and(|(_, index)| *index != Some(i)),
            });
        }
    }
    out.sort_by_key(|d| d.at);
    out
}

fn show(value: Option<&String>) -> &str {
    value.map_or("(none)", String::as_str)
}

/// Service names for the per-service request counts.
fn service_of(call: &CallRecord) -> &'static str {
    let op = call.operation.as_str();
    if op.starts_with("Todo") {
        "todo app"
    } else if op.contains("DB") {
        "rds"
    } else if op == "GetCallerIdentity" {
        "sts"
    } else {
        "ecs"
    }
}

struct Window {
    name: &'static str,
    start: Instant,
    end: Instant,
    calls: Vec<CallRecord>,
}

impl Window {
    fn minutes(&self) -> f64 {
        self.end.duration_since(self.start).as_secs_f64() / 60.0
    }

    fn per_minute(&self, filter: impl Fn(&CallRecord) -> bool) -> f64 {
        let n = self.calls.iter().filter(|c| filter(c)).count();
        n as f64 / self.minutes().max(f64::EPSILON)
    }
}

fn mean_max(latencies: &[Duration]) -> (f64, f64) {
    if latencies.is_empty() {
        return (0.0, 0.0);
    }
    let total: f64 = latencies.iter().map(Duration::as_secs_f64).sum();
    let max = latencies
        .iter()
        .map(Duration::as_secs_f64)
        .fold(0.0, f64::max);
    (total / latencies.len() as f64, max)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let speed: f64 = std::env::var("BENCH_SPEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15.0);
    let external = std::env::var("BENCH_EXTERNAL").map_or(true, |v| v != "0");
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut config = Config::default();
    config.backup.timezone = Some("UTC".into());
    let names = WorldNames::default();
    let sim = Arc::new(
        SimCloud::open(dir.path().join("sim/world.json"), speed, names).expect("simulation"),
    );
    let log = Arc::new(CallLog::default());
    let cloud: Arc<dyn Cloud> = Arc::new(Recorded::new(sim.clone(), log.clone(), None));
    let journal = Arc::new(Mutex::new(Journal::in_memory()));

    let stop = Arc::new(AtomicBool::new(false));
    let observer = spawn_observer(sim.clone(), config.clone(), stop.clone());
    tokio::time::sleep(TRUTH_POLL * 3).await;

    let began = Instant::now();
    let (handle, rx) = worker::spawn(
        cloud.clone(),
        config.clone(),
        journal.clone(),
        log.clone(),
        worker::Greeting::Identity,
    );
    let mut d = Driver {
        handle,
        rx,
        config: config.clone(),
        cloud: cloud.clone(),
        journal,
        observed: Observed::default(),
        states: BTreeMap::new(),
        state_count: 0,
        last_action_done: began,
    };
    let n = config.names.clone();
    let long = Duration::from_secs_f64((3600.0 / speed).max(120.0));
    eprintln!(
        "speed ×{speed}: enable backups, 5 todos, snapshot, disaster, restore, switch backend …"
    );

    d.until("the first look", long, |o| o.instances.value.is_some())
        .await;
    d.act(StepId::EnableBackups).await;
    d.until("backups on", long, |o| {
        o.instance(&n.instance)
            .is_some_and(|i| i.retention_days > 0 && i.is_available())
    })
    .await;
    d.act(StepId::CreateTodos).await;
    d.act(StepId::Snapshot).await;
    d.until("the snapshot", long, |o| {
        o.snapshot(&n.snapshot)
            .is_some_and(DbSnapshot::is_available)
    })
    .await;
    d.act(StepId::DeleteTodos).await;

    let restore_start = Instant::now();
    let restore_seq = log.count();
    let restore_sim = cloud.now();
    d.act(StepId::Restore).await;
    d.until("the restored instance", long, |o| {
        o.instance(&n.restored_instance)
            .is_some_and(DbInstance::is_available)
    })
    .await;
    let restore_end = Instant::now();
    let restore_end_seq = log.count();
    eprintln!(
        "restore seen available after {:.1} s wall",
        restore_end.duration_since(restore_start).as_secs_f64()
    );

    d.act(StepId::SwitchBackend).await;
    d.until("the rollout", long, |o| {
        o.service.value.as_ref().is_some_and(Service::is_stable)
            && o.db_host(&n.container)
                .is_some_and(|h| h.starts_with(&n.restored_instance))
    })
    .await;
    let lab_end = Instant::now();

    // Two changes made outside the app ("in the console", straight on the simulation), each
    // once the worker has cooled down: first while the learner is at the step that reads the
    // changed part (the cleanup step, the snapshot deleted), then while the learner is at a
    // step that reads nothing (the concepts, the restored instance deleted).
    let mut watched_change: Option<Instant> = None;
    let mut idle_change: Option<Instant> = None;
    if external {
        d.handle.send(Command::Focus(StepId::Cleanup));
        let cool = d.last_action_done + worker::HOT + worker::FAST * 2;
        eprintln!(
            "idle {:.0} s until the worker polls slowly, then the snapshot is deleted outside the app, the learner at the cleanup step …",
            cool.saturating_duration_since(Instant::now()).as_secs_f64()
        );
        d.idle_until(cool).await;
        watched_change = Some(Instant::now());
        sim.delete_snapshot(&n.snapshot)
            .await
            .expect("delete the snapshot outside the app");
        d.until("the deleted snapshot", worker::SLOW * 3, |o| {
            o.snapshot(&n.snapshot).is_none()
        })
        .await;

        d.handle.send(Command::Focus(StepId::Concepts));
        let cool = Instant::now() + worker::SLOW + worker::FAST;
        eprintln!(
            "the learner goes to the concepts; in {:.0} s workshop-db-restore is deleted outside the app …",
            worker::SLOW.as_secs_f64() + worker::FAST.as_secs_f64()
        );
        d.idle_until(cool).await;
        idle_change = Some(Instant::now());
        sim.delete_instance(&n.restored_instance)
            .await
            .expect("delete the restored instance outside the app");
        d.until("the deleted instance", worker::SLOW * 3, |o| {
            o.instance(&n.restored_instance)
                .is_none_or(|i| !i.is_available())
        })
        .await;
    }

    stop.store(true, Ordering::Relaxed);
    let truth = observer.await.expect("observer");
    d.handle.send(Command::Quit);

    // Requests.
    let calls = log.recent(usize::MAX);
    let window_calls: Vec<CallRecord> = calls
        .iter()
        .filter(|c| c.seq > restore_seq && c.seq <= restore_end_seq)
        .cloned()
        .collect();
    let hot_end = (restore_start + worker::HOT).min(restore_end);
    // Simulated call times back to wall time, from the restore's start.
    let wall_of = |c: &CallRecord| {
        let sim_s = (c.at.as_millisecond() - restore_sim.as_millisecond()) as f64 / 1000.0;
        restore_start + Duration::from_secs_f64((sim_s / speed).max(0.0))
    };
    let windows = [
        Window {
            name: "whole restore",
            start: restore_start,
            end: restore_end,
            calls: window_calls.clone(),
        },
        Window {
            name: "first HOT (60 s) after the action",
            start: restore_start,
            end: hot_end,
            calls: window_calls
                .iter()
                .filter(|c| wall_of(c) < hot_end)
                .cloned()
                .collect(),
        },
        Window {
            name: "rest of the restore",
            start: hot_end,
            end: restore_end,
            calls: window_calls
                .iter()
                .filter(|c| wall_of(c) >= hot_end)
                .cloned()
                .collect(),
        },
    ];

    println!(
        "worker polling in the simulation at speed ×{speed} ({} states received, {} calls in all)",
        d.state_count,
        log.count()
    );
    println!();
    println!(
        "requests per minute while the restore runs (restore action → restored instance shown available)"
    );
    println!(
        "{:<36} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "window", "wall s", "all/min", "aws/min", "rds/min", "ecs/min", "todo/min"
    );
    for w in &windows {
        if w.end.duration_since(w.start) < MIN_WINDOW {
            println!(
                "{:<36} {:>8.1} (too short to give a rate; {} calls)",
                w.name,
                w.minutes() * 60.0,
                w.calls.len()
            );
            continue;
        }
        println!(
            "{:<36} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>9.1}",
            w.name,
            w.minutes() * 60.0,
            w.per_minute(|_| true),
            w.per_minute(|c| service_of(c) != "todo app"),
            w.per_minute(|c| service_of(c) == "rds"),
            w.per_minute(|c| service_of(c) == "ecs"),
            w.per_minute(|c| service_of(c) == "todo app"),
        );
    }
    // Phase-independent bound: a change is shown at the latest by the next look at its part.
    let mut looks: Vec<Instant> = window_calls
        .iter()
        .filter(|c| c.operation == "DescribeDBInstances")
        .map(wall_of)
        .collect();
    looks.sort();
    let longest_gap = looks
        .windows(2)
        .map(|w| w[1].duration_since(w[0]))
        .max()
        .unwrap_or_default();
    let mut by_op: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &window_calls {
        *by_op.entry(c.operation.as_str()).or_default() += 1;
    }
    let ops: Vec<String> = by_op.iter().map(|(op, n)| format!("{op} {n}")).collect();
    println!("calls during the restore: {}", ops.join(", "));

    println!();
    println!(
        "state changes and when the worker's Msg::State first showed them (wall seconds; truth resolution {} ms)",
        TRUTH_POLL.as_millis()
    );
    println!(
        "{:>7}  {:<28} {:<44} {:>9}",
        "at s", "what", "change", "latency s"
    );
    let all = detections(&truth, &d.states);
    let mut lab_latencies = Vec::new();
    let mut restore_latencies = Vec::new();
    let mut watched_latencies = Vec::new();
    let mut idle_latencies = Vec::new();
    let mut missed = 0;
    for det in &all {
        let change = format!("{} → {}", show(det.from.as_ref()), show(det.to.as_ref()));
        let latency = if let Some(l) = det.latency {
            format!(
                "{:.2}{}",
                l.as_secs_f64(),
                if det.skipped { " (skipped)" } else { "" }
            )
        } else {
            missed += 1;
            "never".into()
        };
        println!(
            "{:>7.1}  {:<28} {:<44} {:>9}",
            det.at.duration_since(began).as_secs_f64(),
            det.tracked.name(&config),
            change,
            latency
        );
        let Some(l) = det.latency else { continue };
        if idle_change.is_some_and(|t| det.at >= t) {
            idle_latencies.push(l);
        } else if watched_change.is_some_and(|t| det.at >= t) {
            watched_latencies.push(l);
        } else if det.at <= lab_end {
            lab_latencies.push(l);
            if det.at >= restore_start && det.at <= restore_end {
                restore_latencies.push(l);
            }
        }
    }
    let (lab_mean, lab_max) = mean_max(&lab_latencies);
    let (restore_mean, restore_max) = mean_max(&restore_latencies);
    let whole = &windows[0];
    let hot = &windows[1];
    let aws_per_min = whole.per_minute(|c| service_of(c) != "todo app");
    let all_per_min = whole.per_minute(|_| true);
    println!();
    println!(
        "AWS CLI waiter for comparison: polls every {} s, so a change is seen after 0–{} s (mean {} s), plus ≈1 s CLI start-up per poll",
        CLI_WAITER.as_secs(),
        CLI_WAITER.as_secs(),
        CLI_WAITER.as_secs() / 2
    );
    println!(
        "detection during the lab ({} changes): mean {lab_mean:.2} s, max {lab_max:.2} s; during the restore ({}): mean {restore_mean:.2} s, max {restore_max:.2} s; never seen: {missed}",
        lab_latencies.len(),
        restore_latencies.len()
    );
    println!(
        "worst case whatever the phase: the longest gap between two DescribeDBInstances while the restore ran was {:.2} s",
        longest_gap.as_secs_f64()
    );
    let verdict = |met: bool| if met { "met" } else { "MISSED" };
    println!(
        "RESULT polling speed={speed} restore_wall_s={:.1} requests_per_min={all_per_min:.1} aws_requests_per_min={aws_per_min:.1} hot_requests_per_min={:.1} detection_mean_s={lab_mean:.2} detection_max_s={lab_max:.2} worst_case_gap_s={:.2} detection<={TARGET_DETECTION_S}s:{} requests<={TARGET_REQUESTS_PER_S}/s:{}",
        whole.minutes() * 60.0,
        hot.per_minute(|_| true),
        longest_gap.as_secs_f64(),
        verdict(lab_max.max(longest_gap.as_secs_f64()) <= TARGET_DETECTION_S),
        verdict(all_per_min / 60.0 <= TARGET_REQUESTS_PER_S),
    );
    if external {
        let (_, watched_max) = mean_max(&watched_latencies);
        let (_, idle_max) = mean_max(&idle_latencies);
        println!(
            "RESULT polling-external at_the_step_s={watched_max:.2} (watched every {} s) elsewhere_s={idle_max:.2} (stable parts every {} s)",
            worker::WATCH.as_secs(),
            worker::SLOW.as_secs()
        );
    }
}
