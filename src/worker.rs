//! The one worker that owns the cloud. It polls the parts of the account on their own
//! schedules, feeds the journal, and sends the front end whole snapshots through a channel
//! that keeps only the newest ([`Feed`]: latest wins, a slow reader never falls behind).
//! Results that must not be lost (the identity, progress, an action's outcome, a journal
//! problem) have a queue of their own. Actions run as separate tasks, one at a time, so
//! polling goes on while they wait.
//!
//! A part an action has set changing is looked at every [`QUICK`] for the first [`QUICK_FOR`]
//! after the action, so a change that is over within seconds is seen within about a second. A
//! part is looked at every [`FAST`] while it is changing or an action has just changed it,
//! every [`WATCH`] while the learner is at a step that reads it and is not done (they may be
//! doing it in the console), and every [`SLOW`] otherwise; throttling backs it off. Only the
//! parts an action touches are polled fast after it, so a restore in progress costs about 25
//! requests a minute, well under the 1 request/s the app allows itself.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::cloud::recorder::CallLog;
use crate::cloud::{Cloud, ErrorKind};
use crate::config::Config;
use crate::lab::act::ActionError;
use crate::lab::journal::Journal;
use crate::lab::observe::{Observed, PartId, observe};
use crate::lab::plan::{Options, Plan};
use crate::lab::steps::{self, Ctx};
use crate::lab::{StepId, StepState, Text};
use crate::msg;
use crate::protocol::{Command, Msg, Snapshot};

/// Between looks at a part an action has just set changing, while the change may soon be over
/// (for [`QUICK_FOR`] after the action): a short wait is noticed within about a second.
pub const QUICK: Duration = Duration::from_secs(1);
/// How long after an action its changing parts are looked at every [`QUICK`]. Changes that
/// take longer (a restore of many minutes) are followed every [`FAST`] after that, so they
/// cost no more than before.
pub const QUICK_FOR: Duration = Duration::from_secs(30);
/// Between looks at a part that is changing, or that an action just changed.
pub const FAST: Duration = Duration::from_secs(3);
/// Between looks at a part of the step the learner is at while it is not done: the learner
/// may be doing it in the console or the browser, and the app should notice within seconds.
pub const WATCH: Duration = Duration::from_secs(5);
/// Between looks at a stable part.
pub const SLOW: Duration = Duration::from_secs(30);
/// How long the parts an action changes are polled fast after it.
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

    /// A handle whose commands arrive on the returned receiver instead of a worker: a test
    /// plays the worker's part.
    #[cfg(test)]
    pub(crate) fn detached() -> (Self, UnboundedReceiver<Command>) {
        let (tx, rx) = unbounded_channel();
        (Self { tx }, rx)
    }
}

/// The poller's schedule: when each part is due, which parts are hot after an action or
/// watched for the learner, and how far each has backed off.
#[derive(Debug)]
pub struct Schedule {
    due: BTreeMap<PartId, Instant>,
    backoff: BTreeMap<PartId, Duration>,
    hot_until: BTreeMap<PartId, Instant>,
    /// Until when the parts of the last action are looked at every [`QUICK`] while changing.
    quick_until: BTreeMap<PartId, Instant>,
    /// Parts of the step in focus while it is not done (see [`WATCH`]).
    watched: BTreeSet<PartId>,
    /// Factor on every interval but throttling backoff: below 1 on a simulated clock faster
    /// than the default, so the looks stay as far apart in simulated time as at the default
    /// speed and the times the journal notes (and RPO/RTO) stay as faithful.
    scale: f64,
    /// The factor while AWS works on something; while nothing is in flight the simulated
    /// clock runs at real time and the intervals are the usual ones ([`Schedule::follow`]).
    busy_scale: f64,
}

impl Schedule {
    /// Every part is due at once; none is hot or watched yet.
    #[must_use]
    pub fn new(now: Instant) -> Self {
        Self {
            due: PartId::ALL.iter().map(|p| (*p, now)).collect(),
            backoff: BTreeMap::new(),
            hot_until: BTreeMap::new(),
            quick_until: BTreeMap::new(),
            watched: BTreeSet::new(),
            scale: 1.0,
            busy_scale: 1.0,
        }
    }

    /// The schedule for a cloud in `mode`: on a simulated clock faster than the default,
    /// every interval shrinks by the same factor.
    #[must_use]
    pub fn for_mode(now: Instant, mode: &crate::cloud::Mode) -> Self {
        let mut schedule = Self::new(now);
        if let crate::cloud::Mode::Simulation { speed } = mode
            && *speed > crate::cloud::sim::DEFAULT_SPEED
        {
            schedule.scale = crate::cloud::sim::DEFAULT_SPEED / speed;
            schedule.busy_scale = schedule.scale;
        }
        schedule
    }

    /// Follows the clock's pace: the intervals shrink on a fast clock only while it runs fast
    /// (something in flight); at real time they are the usual ones, so an idle lab at ×300
    /// does not poll twenty times as often.
    pub fn follow(&mut self, pace: &crate::cloud::Pace) {
        self.scale = match pace {
            crate::cloud::Pace::Sim { busy: false, .. }
            | crate::cloud::Pace::Sim { paused: true, .. } => 1.0,
            _ => self.busy_scale,
        };
    }

    /// `parts` are looked at fast for [`HOT`] (an action changes them), the first time within
    /// [`FAST`]: the action reads them itself first, and its end brings a look of its own. The
    /// parts of the action before cool down: the learner has moved on, and whatever of theirs
    /// is still changing stays fast because it is changing.
    pub fn heat(&mut self, now: Instant, parts: &[PartId]) {
        let hot = HOT.mul_f64(self.scale);
        self.hot_until = parts.iter().map(|part| (*part, now + hot)).collect();
        let quick = QUICK_FOR.mul_f64(self.scale);
        self.quick_until = parts.iter().map(|part| (*part, now + quick)).collect();
        let soon = now + FAST.mul_f64(self.scale);
        for part in parts {
            if let Some(due) = self.due.get_mut(part) {
                *due = (*due).min(soon);
            }
        }
    }

    /// `parts` are looked at now, on their usual schedule afterwards.
    pub fn look_now(&mut self, now: Instant, parts: &[PartId]) {
        for part in parts {
            self.due.insert(*part, now);
        }
    }

    /// The parts the learner may be changing outside the app. A part that becomes watched is
    /// looked at within [`WATCH`].
    pub fn watch(&mut self, now: Instant, parts: &[PartId]) {
        let parts: BTreeSet<PartId> = parts.iter().copied().collect();
        for part in parts.difference(&self.watched) {
            if let Some(due) = self.due.get_mut(part) {
                *due = (*due).min(now + WATCH.mul_f64(self.scale));
            }
        }
        self.watched = parts;
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
            Some(kind) if kind.is_transient() => (FAST * 2).mul_f64(self.scale),
            Some(_) => SLOW.mul_f64(self.scale),
            None => {
                self.backoff.remove(&part);
                let hot = self.hot_until.get(&part).is_some_and(|until| now < *until);
                let quick = self
                    .quick_until
                    .get(&part)
                    .is_some_and(|until| now < *until);
                let changing = observed.is_changing(part);
                let interval = if quick && changing {
                    QUICK
                } else if hot || changing {
                    FAST
                } else if self.watched.contains(&part) {
                    WATCH
                } else {
                    SLOW
                };
                interval.mul_f64(self.scale)
            }
        };
        self.due.insert(part, now + interval);
        interval
    }
}

/// The worker's side of what it tells the front end.
#[derive(Clone)]
pub struct Outlet {
    msgs: UnboundedSender<Msg>,
    state: Arc<watch::Sender<Option<Box<Snapshot>>>>,
}

impl Outlet {
    /// A message that must arrive (queued, in order).
    pub fn send(&self, msg: Msg) {
        let _ = self.msgs.send(msg);
    }

    /// The newest state; it replaces one the front end has not read yet. False once the
    /// front end is gone.
    #[must_use]
    pub fn publish(&self, snapshot: Snapshot) -> bool {
        self.state.send(Some(Box::new(snapshot))).is_ok()
    }
}

/// The front end's side: queued messages and the newest state snapshot.
pub struct Feed {
    msgs: UnboundedReceiver<Msg>,
    state: watch::Receiver<Option<Box<Snapshot>>>,
    msgs_closed: bool,
    state_closed: bool,
}

/// A connected outlet and feed (the worker uses one; tests drive a front end with one).
#[must_use]
pub fn channel() -> (Outlet, Feed) {
    let (msgs_tx, msgs) = unbounded_channel();
    let (state_tx, state) = watch::channel(None);
    (
        Outlet {
            msgs: msgs_tx,
            state: Arc::new(state_tx),
        },
        Feed {
            msgs,
            state,
            msgs_closed: false,
            state_closed: false,
        },
    )
}

impl Feed {
    /// The next message: queued ones first, then the newest state if it changed since the
    /// last one read. `None` once the worker is gone and everything was read. Cancel-safe,
    /// so it can wait in a `select!`.
    pub async fn recv(&mut self) -> Option<Msg> {
        loop {
            if self.msgs_closed && self.state_closed {
                return None;
            }
            tokio::select! {
                biased;
                msg = self.msgs.recv(), if !self.msgs_closed => match msg {
                    Some(msg) => return Some(msg),
                    None => self.msgs_closed = true,
                },
                changed = self.state.changed(), if !self.state_closed => match changed {
                    Ok(()) => {
                        if let Some(snapshot) = self.state.borrow_and_update().clone() {
                            return Some(Msg::State(snapshot));
                        }
                    }
                    Err(_) => self.state_closed = true,
                },
            }
        }
    }
}

/// Whether the worker starts by asking who the credentials belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Greeting {
    /// The TUI shows the account and the role in its header: the first message is
    /// [`Msg::Identity`].
    Identity,
    /// The headless commands show no account: no call for it.
    Silent,
}

/// Starts the worker; what it tells the front end arrives on the returned [`Feed`].
pub fn spawn(
    cloud: Arc<dyn Cloud>,
    config: Config,
    journal: Arc<Mutex<Journal>>,
    log: Arc<CallLog>,
    greeting: Greeting,
) -> (Handle, Feed) {
    // A look right after an action may predate it: the action's own answer stands in for
    // what the account does not show yet.
    // An update an earlier run made is waited for likewise (its answer is not at hand).
    let earlier = crate::cloud::consistent::EarlierUpdate::last_in(&lock(&journal).calls());
    let cloud: Arc<dyn Cloud> =
        Arc::new(crate::cloud::consistent::Consistent::new(cloud).after(earlier));
    let (tx, rx) = unbounded_channel();
    let handle = Handle { tx };
    let (to_app, feed) = channel();
    tokio::spawn(run(cloud, config, journal, log, greeting, to_app, rx));
    (handle, feed)
}

/// An action waiting for its turn.
enum Queued {
    Confirmed(Box<Plan>),
    Unseen(StepId, Box<Options>),
}

impl Queued {
    fn step(&self) -> StepId {
        match self {
            Self::Confirmed(plan) => plan.step,
            Self::Unseen(step, _) => *step,
        }
    }
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
    greeting: Greeting,
    to_app: Outlet,
    mut rx: UnboundedReceiver<Command>,
) {
    if greeting == Greeting::Identity {
        to_app.send(Msg::Identity(cloud.identity().await));
    }
    let mut observed = Observed::default();
    let mut schedule = Schedule::for_mode(Instant::now(), &cloud.mode());
    // The step the front end shows; until it says, the first step not done.
    let mut focus: Option<StepId> = None;
    let mut action: Option<(StepId, JoinHandle<()>)> = None;
    // Actions not started yet, in the order they arrived.
    let mut queued: VecDeque<Queued> = VecDeque::new();
    // Actions that have ended, and how many had when the last look began.
    let mut ended: u64 = 0;
    let mut looked_after: u64 = 0;
    // Looks asked for, and how many had been when the last look began.
    let mut asked: u64 = 0;
    let mut looked_asked: u64 = 0;
    loop {
        tokio::select! {
            command = rx.recv() => match command {
                // A fresh world: the front end ends and starts again; this worker ends with it.
                None | Some(Command::Quit | Command::FreshWorld { .. }) => break,
                Some(Command::Focus(step)) => {
                    focus = Some(step);
                    let now = Instant::now();
                    schedule.watch(now, &watched_parts(step, &observed, &journal, &config, cloud.now()));
                }
                Some(Command::RunAction(plan)) => queued.push_back(Queued::Confirmed(plan)),
                Some(Command::RunUnseen(step, options)) => queued.push_back(Queued::Unseen(step, options)),
                Some(Command::Refresh(step)) => {
                    asked += 1;
                    schedule.look_now(Instant::now(), step.parts());
                }
                Some(Command::Look(parts)) => {
                    asked += 1;
                    schedule.look_now(Instant::now(), &parts);
                }
                // Only the welcome screen's front end acts on it.
                Some(Command::UseSimulation) => {}
                Some(Command::Clock(change)) => {
                    cloud.control_clock(change);
                }
                Some(Command::RecordAnswer { question, choice }) => {
                    let Some(q) = crate::lab::quiz::find(question) else { continue };
                    let now = cloud.now();
                    let events = {
                        let mut journal = lock(&journal);
                        journal.record(now, now, q.answer(choice));
                        journal.events().to_vec()
                    };
                    let snapshot = Snapshot { observed: observed.clone(), journal: events, calls: log.recent(LOG_LINES), call_count: log.count(), app_call_count: log.app_count(), now, actions_ended: looked_after, looks_asked: looked_asked };
                    if !to_app.publish(snapshot) {
                        break;
                    }
                }
            },
            joined = async {
                match action.as_mut() {
                    Some((_, task)) => task.await,
                    None => Ok(()),
                }
            }, if action.is_some() => {
                // An action that ended without its answer (a panic) still ends: the front end
                // must not wait for it for ever.
                if let (Err(e), Some((step, _))) = (joined, action.as_ref()) {
                    tracing::error!(step = step.id(), "action ended without an answer: {e}");
                    to_app.send(Msg::ActionDone(
                        *step,
                        Err(ActionError::Blocked(Text::new(msg::ACTION_ENDED_UNEXPECTEDLY))),
                    ));
                }
                let step = action.as_ref().map(|(step, _)| *step);
                action = None;
                ended += 1;
                // What the action changed is looked at once, with the instances every check
                // starts from (a step names every part its action touches; the cleanup all).
                let mut parts = step.map_or_else(|| PartId::ALL.to_vec(), |s| s.parts().to_vec());
                if !parts.contains(&PartId::Instances) {
                    parts.push(PartId::Instances);
                }
                schedule.look_now(Instant::now(), &parts);
            }
            () = tokio::time::sleep_until(schedule.next_due()) => {
                let due = schedule.due_parts(Instant::now());
                looked_after = ended;
                looked_asked = asked;
                let unwritable = look(cloud.as_ref(), &config, &journal, &due, &mut observed).await;
                schedule.follow(&cloud.pace());
                for part in due {
                    let error = observed.error(part).map(|e| e.kind);
                    schedule.after_fetch(part, Instant::now(), error, &observed);
                }
                let events = lock(&journal).events().to_vec();
                if let Some(reason) = unwritable {
                    to_app.send(Msg::JournalUnwritable(reason));
                }
                let step = focus.or_else(|| {
                    let journal = lock(&journal);
                    steps::current_step(&Ctx { observed: &observed, journal: &journal, config: &config, now: cloud.now() })
                });
                let watched = step.map(|s| watched_parts(s, &observed, &journal, &config, cloud.now())).unwrap_or_default();
                schedule.watch(Instant::now(), &watched);
                let snapshot = Snapshot { observed: observed.clone(), journal: events, calls: log.recent(LOG_LINES), call_count: log.count(), app_call_count: log.app_count(), now: cloud.now(), actions_ended: looked_after, looks_asked: looked_asked };
                if !to_app.publish(snapshot) {
                    break;
                }
            }
        }
        // One action at a time: the next waits until the one before has finished.
        if action.is_none()
            && let Some(next) = queued.pop_front()
        {
            let step = next.step();
            schedule.heat(Instant::now(), step.parts());
            // `run --yes` plans from the worker's own look when it is whole: every part was read
            // after the last action ended (the look that follows an action, or the first).
            let seen = (matches!(next, Queued::Unseen(..))
                && looked_after == ended
                && PartId::ALL
                    .iter()
                    .all(|p| observed.error(*p).is_none() && observed.updated(*p).is_some()))
            .then(|| observed.clone());
            action = Some((
                step,
                start_action(next, seen, &cloud, &config, &journal, &to_app),
            ));
        }
    }
    if let Some((_, task)) = action {
        task.abort();
    }
}

/// One look at `parts`: reads them into `observed` and lets the journal take note (a reader
/// first takes in what the owner recorded since its last look). The worker looks this way on
/// its schedule, and so does an action's fresh look. Returns why the journal cannot be
/// written, if it cannot.
pub async fn look(
    cloud: &dyn Cloud,
    config: &Config,
    journal: &Mutex<Journal>,
    parts: &[PartId],
    observed: &mut Observed,
) -> Option<String> {
    observe(cloud, config, parts, observed).await;
    let mut journal = lock(journal);
    journal.refresh();
    crate::lab::steps::observe(&mut journal, observed, config, cloud.now());
    journal.write_error()
}

/// The parts of `step` worth watching: all of them while the step is not done.
fn watched_parts(
    step: StepId,
    observed: &Observed,
    journal: &Mutex<Journal>,
    config: &Config,
    now: jiff::Timestamp,
) -> Vec<PartId> {
    let journal = lock(journal);
    let ctx = Ctx {
        observed,
        journal: &journal,
        config,
        now,
    };
    let done = steps::check(step, &ctx).is_none_or(|c| c.state == StepState::Done);
    if done {
        Vec::new()
    } else {
        step.parts().to_vec()
    }
}

/// Runs one action as its own task, so polling goes on while it waits.
fn start_action(
    queued: Queued,
    seen: Option<Observed>,
    cloud: &Arc<dyn Cloud>,
    config: &Config,
    journal: &Arc<Mutex<Journal>>,
    to_app: &Outlet,
) -> JoinHandle<()> {
    let (cloud, config, journal, to_app) = (
        cloud.clone(),
        config.clone(),
        journal.clone(),
        to_app.clone(),
    );
    let step = queued.step();
    tokio::spawn(async move {
        let progress_tx = to_app.clone();
        let progress = move |text: Text| {
            progress_tx.send(Msg::Progress(step, text));
        };
        let order = match &queued {
            Queued::Confirmed(plan) => crate::lab::runner::Order::Confirmed(plan),
            Queued::Unseen(step, options) => crate::lab::runner::Order::Any(*step, options),
        };
        // Nothing is done that the journal could not remember: a later start would misjudge
        // the lab from a history with a hole in it.
        let unwritable = lock(&journal).write_error();
        if let Some(reason) = unwritable {
            let text = Text::new(msg::JOURNAL_UNWRITABLE).arg("reason", reason);
            to_app.send(Msg::ActionDone(step, Err(ActionError::Blocked(text))));
            return;
        }
        let result = crate::lab::runner::execute_with_retry(
            order,
            cloud.as_ref(),
            &config,
            &journal,
            &progress,
            seen.as_ref(),
        )
        .await;
        if let Err(e) = &result {
            tracing::info!(step = step.id(), "action failed: {e}");
        }
        to_app.send(Msg::ActionDone(step, result));
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::DbInstance;

    /// How often each part is looked at over `span`, with `observed` unchanged throughout.
    fn looks(
        schedule: &mut Schedule,
        start: Instant,
        span: Duration,
        observed: &Observed,
    ) -> BTreeMap<PartId, u32> {
        let mut counts = BTreeMap::new();
        loop {
            let now = schedule.next_due();
            if now >= start + span {
                return counts;
            }
            for part in schedule.due_parts(now) {
                *counts.entry(part).or_insert(0) += 1;
                schedule.after_fetch(part, now, None, observed);
            }
        }
    }

    fn restoring() -> Observed {
        let mut observed = Observed::default();
        observed.instances.value = Some(vec![DbInstance {
            id: "workshop-db-restore".into(),
            status: "creating".into(),
            ..DbInstance::default()
        }]);
        observed
    }

    #[test]
    fn after_an_action_only_its_parts_are_polled_fast() {
        let start = Instant::now();
        let mut schedule = Schedule::new(start);
        schedule.heat(start, StepId::Restore.parts());
        let counts = looks(&mut schedule, start, HOT, &Observed::default());
        assert_eq!(counts[&PartId::Instances], 20, "every 3 s for a minute");
        for part in [PartId::Snapshots, PartId::Service, PartId::Todos] {
            assert_eq!(counts[&part], 2, "{part:?}: at once and after 30 s");
        }
    }

    #[test]
    fn a_faster_simulated_clock_looks_as_often_per_simulated_minute() {
        let start = Instant::now();
        let fast = crate::cloud::Mode::Simulation { speed: 600.0 };
        let mut schedule = Schedule::for_mode(start, &fast);
        schedule.heat(start, StepId::Restore.parts());
        // 1.5 s of wall time at ×600 is a simulated minute at ×15.
        let counts = looks(
            &mut schedule,
            start,
            HOT.mul_f64(15.0 / 600.0),
            &Observed::default(),
        );
        assert_eq!(counts[&PartId::Instances], 20, "as at the default speed");
        let default = crate::cloud::Mode::Simulation { speed: 15.0 };
        let mut schedule = Schedule::for_mode(start, &default);
        assert_eq!(
            schedule.after_fetch(PartId::Todos, start, None, &Observed::default()),
            SLOW,
            "the default speed keeps the intervals"
        );
    }

    #[test]
    fn a_new_action_cools_the_parts_of_the_one_before() {
        let start = Instant::now();
        let mut schedule = Schedule::new(start);
        schedule.heat(start, StepId::DeleteTodos.parts());
        let later = start + Duration::from_secs(5);
        schedule.heat(later, StepId::Restore.parts());
        let observed = Observed::default();
        assert_eq!(
            schedule.after_fetch(PartId::Todos, later, None, &observed),
            SLOW
        );
        assert_eq!(
            schedule.after_fetch(PartId::Instances, later, None, &observed),
            FAST
        );
    }

    #[test]
    fn a_restore_in_progress_stays_under_one_request_per_second() {
        let start = Instant::now();
        let mut schedule = Schedule::new(start);
        schedule.heat(start, StepId::Restore.parts());
        schedule.watch(start, StepId::Restore.parts());
        let span = Duration::from_secs(15 * 60);
        let counts = looks(&mut schedule, start, span, &restoring());
        let total: u32 = counts.values().sum();
        let per_second = f64::from(total) / span.as_secs_f64();
        assert!(per_second <= 0.5, "{total} looks in 15 min: {counts:?}");
        assert_eq!(
            counts[&PartId::Instances],
            30 + 290,
            "the changing part every second for 30 s, then every 3 s"
        );
    }

    #[test]
    fn a_part_an_action_set_changing_is_looked_at_every_second_at_first() {
        let start = Instant::now();
        let mut schedule = Schedule::new(start);
        schedule.heat(start, StepId::Restore.parts());
        let changing = restoring();
        let counts = looks(&mut schedule, start, QUICK_FOR, &changing);
        assert_eq!(counts[&PartId::Instances], 30, "{counts:?}");
        assert_eq!(
            counts[&PartId::Snapshots],
            1,
            "an unchanged part keeps its schedule: {counts:?}"
        );
        let later = start + QUICK_FOR + Duration::from_secs(1);
        assert_eq!(
            schedule.after_fetch(PartId::Instances, later, None, &changing),
            FAST,
            "then on the usual schedule"
        );
        // A change that is over is not looked for every second.
        let mut schedule = Schedule::new(start);
        schedule.heat(start, StepId::Restore.parts());
        assert_eq!(
            schedule.after_fetch(PartId::Instances, start, None, &Observed::default()),
            FAST
        );
        // On a faster simulated clock the second shrinks with the rest.
        let mut fast = Schedule::for_mode(start, &crate::cloud::Mode::Simulation { speed: 150.0 });
        fast.heat(start, StepId::Restore.parts());
        assert_eq!(
            fast.after_fetch(PartId::Instances, start, None, &changing),
            QUICK.mul_f64(0.1)
        );
    }

    #[test]
    fn the_step_in_focus_is_watched_until_it_changes() {
        let start = Instant::now();
        let mut schedule = Schedule::new(start);
        let observed = Observed::default();
        // The first look at everything, then the learner goes to the snapshot step.
        looks(&mut schedule, start, Duration::from_secs(1), &observed);
        let at = start + Duration::from_secs(10);
        schedule.watch(at, StepId::Snapshot.parts());
        assert!(
            schedule.due[&PartId::Snapshots] <= at + WATCH,
            "a newly watched part is looked at within WATCH"
        );
        let counts = looks(&mut schedule, start, Duration::from_secs(70), &observed);
        // From 15 s to 65 s every 5 s, where it would have been at 30 s and 60 s only.
        assert_eq!(counts[&PartId::Snapshots], 11, "{counts:?}");
        assert_eq!(counts[&PartId::Todos], 2, "not watched: {counts:?}");
        // Away from the step: back to the slow schedule.
        schedule.watch(start + Duration::from_secs(70), &[]);
        let next = schedule.after_fetch(
            PartId::Snapshots,
            start + Duration::from_secs(71),
            None,
            &observed,
        );
        assert_eq!(next, SLOW);
    }

    #[tokio::test]
    async fn a_slow_front_end_gets_the_newest_state_and_every_result() {
        let (outlet, mut feed) = channel();
        let snapshot = |second: i64| Snapshot {
            observed: Observed::default(),
            journal: Vec::new(),
            calls: Vec::new(),
            call_count: 0,
            app_call_count: 0,
            now: jiff::Timestamp::from_second(second).expect("time"),
            actions_ended: 0,
            looks_asked: 0,
        };
        assert!(outlet.publish(snapshot(1)));
        outlet.send(Msg::Progress(
            StepId::Restore,
            Text {
                id: "a".into(),
                args: Vec::new(),
            },
        ));
        assert!(outlet.publish(snapshot(2)));
        outlet.send(Msg::Progress(
            StepId::Restore,
            Text {
                id: "b".into(),
                args: Vec::new(),
            },
        ));
        assert!(outlet.publish(snapshot(3)));
        let mut got = Vec::new();
        for _ in 0..3 {
            got.push(feed.recv().await.expect("a message"));
        }
        assert!(
            matches!(&got[0], Msg::Progress(_, t) if *t == Text { id: "a".into(), args: Vec::new() })
        );
        assert!(
            matches!(&got[1], Msg::Progress(_, t) if *t == Text { id: "b".into(), args: Vec::new() })
        );
        match &got[2] {
            Msg::State(s) => assert_eq!(s.now.as_second(), 3, "only the newest state"),
            other => panic!("{other:?}"),
        }
        drop(outlet);
        assert!(
            feed.recv().await.is_none(),
            "nothing more once the worker is gone"
        );
    }

    #[test]
    fn throttling_backs_off_with_a_cap() {
        let start = Instant::now();
        let mut schedule = Schedule::new(start);
        let observed = Observed::default();
        let mut previous = Duration::ZERO;
        for _ in 0..10 {
            let next = schedule.after_fetch(
                PartId::Instances,
                start,
                Some(ErrorKind::Throttling),
                &observed,
            );
            assert!(
                next >= previous.min(MAX_BACKOFF),
                "never shorter than before"
            );
            assert!(
                next <= MAX_BACKOFF + Duration::from_secs(1),
                "capped: {next:?}"
            );
            previous = next
                .checked_sub(Duration::from_millis(999).min(next))
                .unwrap();
        }
        assert_eq!(
            schedule.after_fetch(PartId::Instances, start, None, &observed),
            SLOW,
            "a good answer ends the backoff"
        );
    }
}
