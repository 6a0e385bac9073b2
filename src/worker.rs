//! The one worker that owns the cloud. It polls the parts of the account on their own
//! schedules (fast while a part is changing or right after an action, slow when all is
//! stable, backing off on throttling), feeds the journal, and sends the app whole snapshots
//! (latest wins). Actions run as separate tasks so polling goes on while they wait.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::time::Instant;

use crate::app::{Command, Msg, Snapshot};
use crate::cloud::recorder::CallLog;
use crate::cloud::{Cloud, ErrorKind};
use crate::config::Config;
use crate::lab::checks::{self, Ctx};
use crate::lab::journal::Journal;
use crate::lab::observe::{Observed, PartId, fetch};
use crate::lab::{StepId, Text, actions};

/// Between looks at a part that is changing.
pub const FAST: Duration = Duration::from_secs(3);
/// Between looks at a stable part.
pub const SLOW: Duration = Duration::from_secs(30);
/// How long everything is polled fast after an action.
pub const HOT: Duration = Duration::from_secs(60);
/// Longest pause after repeated throttling.
pub const MAX_BACKOFF: Duration = Duration::from_secs(120);
/// Calls shown in the event log.
const LOG_LINES: usize = 60;

/// The app's side of the worker.
#[derive(Clone)]
pub struct Handle {
    tx: UnboundedSender<Command>,
}

impl Handle {
    pub fn send(&self, command: Command) {
        let _ = self.tx.send(command);
    }
}

/// The poller's schedule: when each part is due and how far it has backed off.
#[derive(Debug)]
pub struct Schedule {
    due: BTreeMap<PartId, Instant>,
    backoff: BTreeMap<PartId, Duration>,
    hot_until: Instant,
    /// The learner is at a step done in the browser (create, delete, verify todos): the todo
    /// list is looked at as often as a changing part.
    pub watch_todos: bool,
}

impl Schedule {
    #[must_use]
    pub fn new(now: Instant) -> Self {
        Self {
            due: PartId::ALL.iter().map(|p| (*p, now)).collect(),
            backoff: BTreeMap::new(),
            hot_until: now + HOT,
            watch_todos: false,
        }
    }

    /// Everything is looked at now and fast for a while (after an action).
    pub fn heat(&mut self, now: Instant) {
        self.hot_until = now + HOT;
        for due in self.due.values_mut() {
            *due = now;
        }
    }

    #[must_use]
    pub fn next_due(&self) -> Instant {
        self.due
            .values()
            .min()
            .copied()
            .unwrap_or_else(Instant::now)
    }

    #[must_use]
    pub fn due_parts(&self, now: Instant) -> Vec<PartId> {
        self.due
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(p, _)| *p)
            .collect()
    }

    /// The interval until the part's next look, from what the last look showed.
    pub fn after_fetch(
        &mut self,
        part: PartId,
        now: Instant,
        error: Option<ErrorKind>,
        observed: &Observed,
    ) -> Duration {
        let interval = match error {
            Some(ErrorKind::Throttling) => {
                let next = self
                    .backoff
                    .get(&part)
                    .map_or(FAST * 2, |b| (*b * 2).min(MAX_BACKOFF));
                self.backoff.insert(part, next);
                // Jitter spreads retries so parts do not hit the limit together.
                next + Duration::from_millis(fastrand::u64(0..1000))
            }
            Some(kind) if kind.is_transient() => FAST * 2,
            Some(_) => SLOW,
            None => {
                self.backoff.remove(&part);
                let hot = now < self.hot_until;
                match part {
                    _ if hot || observed.is_changing(part) => FAST,
                    PartId::Todos if self.watch_todos => FAST,
                    _ => SLOW,
                }
            }
        };
        self.due.insert(part, now + interval);
        interval
    }
}

/// Starts the worker; its messages arrive on `to_app`.
pub fn spawn(
    cloud: Arc<dyn Cloud>,
    config: Config,
    journal: Arc<Mutex<Journal>>,
    log: Arc<CallLog>,
    to_app: UnboundedSender<Msg>,
) -> Handle {
    let (tx, rx) = unbounded_channel();
    let handle = Handle { tx: tx.clone() };
    tokio::spawn(run(cloud, config, journal, log, to_app, rx, tx));
    handle
}

fn lock(journal: &Mutex<Journal>) -> std::sync::MutexGuard<'_, Journal> {
    journal
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

async fn run(
    cloud: Arc<dyn Cloud>,
    config: Config,
    journal: Arc<Mutex<Journal>>,
    log: Arc<CallLog>,
    to_app: UnboundedSender<Msg>,
    mut rx: UnboundedReceiver<Command>,
    own: UnboundedSender<Command>,
) {
    let _ = to_app.send(Msg::Identity(cloud.identity().await));
    let mut observed = Observed::default();
    let mut schedule = Schedule::new(Instant::now());
    let mut action_running = false;
    loop {
        tokio::select! {
            command = rx.recv() => match command {
                None | Some(Command::Quit) => break,
                Some(Command::RefreshNow) => {
                    action_running = false;
                    schedule.heat(Instant::now());
                }
                Some(Command::RunAction(step, options)) => {
                    if action_running {
                        continue;
                    }
                    action_running = true;
                    schedule.heat(Instant::now());
                    let (cloud, config, journal, to_app, own) = (cloud.clone(), config.clone(), journal.clone(), to_app.clone(), own.clone());
                    tokio::spawn(async move {
                        let progress_tx = to_app.clone();
                        let progress = move |text: Text| {
                            let _ = progress_tx.send(Msg::Progress(step, text));
                        };
                        let result = actions::execute_with_retry(step, cloud.as_ref(), &config, &journal, &options, &progress).await;
                        if let Err(e) = &result {
                            tracing::info!(step = step.id(), "action failed: {e}");
                        }
                        let _ = to_app.send(Msg::ActionDone(step, result));
                        let _ = own.send(Command::RefreshNow);
                    });
                }
            },
            () = tokio::time::sleep_until(schedule.next_due()) => {
                let now = Instant::now();
                for part in schedule.due_parts(now) {
                    let fetched = fetch(cloud.as_ref(), &config, part, &observed.task_definitions).await;
                    let error = fetched.error().map(|e| e.kind);
                    observed.apply(fetched, cloud.now());
                    schedule.after_fetch(part, Instant::now(), error, &observed);
                }
                let events = {
                    let mut journal = lock(&journal);
                    journal.observe(&observed, &config, cloud.now());
                    let ctx = Ctx { observed: &observed, journal: &journal, config: &config, now: cloud.now() };
                    schedule.watch_todos = matches!(
                        checks::current_step(&ctx),
                        Some(StepId::CreateTodos | StepId::DeleteTodos | StepId::Verify)
                    );
                    journal.events().to_vec()
                };
                let snapshot = Snapshot { observed: observed.clone(), journal: events, calls: log.recent(LOG_LINES), call_count: log.count(), now: cloud.now() };
                if to_app.send(Msg::State(Box::new(snapshot))).is_err() {
                    break;
                }
            }
        }
    }
}
