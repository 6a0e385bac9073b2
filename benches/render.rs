//! Benchmark 3a: how long one frame takes to render, from `&App` to the terminal buffer.
//!
//! `cargo bench --bench render` builds app states the way the TUI holds them (the simulated
//! account on a test clock, driven through the lab's real actions, as `tests/all/ui_snapshots.rs`
//! does), then draws each screen `FRAMES` times with `ratatui::Terminal<TestBackend>` through
//! `backup_lab::ui::draw`. Between frames the app's clock moves one second (the TUI's tick), so
//! every frame really changes ("updated N s ago", elapsed times) and the terminal's diff has
//! something to do. What is timed is `Terminal::draw`: layout, every panel, the diff against
//! the previous frame and the write to the (in-memory) backend; no terminal I/O.
//!
//! Prints p50 / p99 / max per screen and a `RESULT render …` line for the 250×70 mid-lab screen
//! (target: p99 ≤ 2 ms). `BENCH_FRAMES` overrides the frame count.

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

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backup_lab::action::Action;
use backup_lab::app::App;
use backup_lab::cloud::Cloud;
use backup_lab::cloud::recorder::{CallLog, Recorded};
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::config::Config;
use backup_lab::i18n::Lang;
use backup_lab::lab::StepId;
use backup_lab::lab::journal::Journal;
use backup_lab::lab::observe::{Observed, observe_all};
use backup_lab::lab::plan::Options;
use backup_lab::protocol::{Msg, Snapshot};
use jiff::{SignedDuration, Timestamp};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FRAMES: usize = 2000;
const WARM_UP: usize = 100;
const START: &str = "2026-11-25T09:00:00Z";
const SPEED: f64 = 15.0;
/// The target for the main screen, in milliseconds.
const TARGET_P99_MS: f64 = 2.0;

/// The simulated account with a journal, driven step by step on the manual clock.
struct Lab {
    sim: Arc<SimCloud>,
    cloud: Arc<dyn Cloud>,
    log: Arc<CallLog>,
    journal: Mutex<Journal>,
    config: Config,
    observed: Mutex<Observed>,
}

impl Lab {
    fn new() -> Self {
        let start: Timestamp = START.parse().expect("start time");
        let sim = Arc::new(SimCloud::manual(start, SPEED, WorldNames::default()));
        let log = Arc::new(CallLog::default());
        let cloud: Arc<dyn Cloud> = Arc::new(Recorded::new(sim.clone(), log.clone(), None));
        let mut config = Config::default();
        config.backup.timezone = Some("Europe/Zurich".into());
        Self {
            sim,
            cloud,
            log,
            journal: Mutex::new(Journal::in_memory()),
            config,
            observed: Mutex::new(Observed::default()),
        }
    }

    /// Lets `seconds` of simulated time pass, looking every 30 s as the worker would.
    async fn wait(&self, seconds: u64) {
        let mut left = seconds;
        while left > 0 {
            let step = left.min(30);
            self.sim.advance(Duration::from_secs(step));
            left -= step;
            self.look().await;
        }
    }

    async fn look(&self) {
        let mut observed = self.observed.lock().expect("observed").clone();
        observe_all(self.cloud.as_ref(), &self.config, &mut observed).await;
        let mut journal = self.journal.lock().expect("journal");
        backup_lab::lab::steps::observe(&mut journal, &observed, &self.config, self.cloud.now());
        drop(journal);
        *self.observed.lock().expect("observed") = observed;
    }

    async fn act(&self, step: StepId) {
        let options = Options::from_config(&self.config);
        let outcome = backup_lab::lab::runner::perform(
            step,
            self.cloud.as_ref(),
            &self.config,
            &self.journal,
            &options,
            &|_| {},
        )
        .await;
        assert!(outcome.is_ok(), "{step:?}: {outcome:?}");
        self.look().await;
    }

    /// The app as the TUI would hold it now, showing `step`.
    async fn app(&self, lang: Lang, step: StepId) -> App {
        self.look().await;
        let mut app = App::new(
            lang,
            self.config.clone(),
            self.cloud.mode(),
            self.cloud.now(),
        );
        if let Ok(identity) = self.cloud.identity().await {
            app.update(Msg::Identity(Ok(identity)));
        }
        let snapshot = Snapshot {
            observed: self.observed.lock().expect("observed").clone(),
            journal: self.journal.lock().expect("journal").events().to_vec(),
            calls: self.log.recent(60),
            call_count: self.log.count(),
            app_call_count: self.log.app_count(),
            now: self.cloud.now(),
            actions_ended: 0,
            looks_asked: 0,
        };
        app.update(Msg::State(Box::new(snapshot)));
        app.selected = step;
        app
    }
}

/// The lab run up to the middle of the restore (snapshot taken, todos deleted, restore
/// creating) and, when `rollout`, on to the backend switch with the rollout under way.
async fn mid_lab(rollout: bool) -> Lab {
    let lab = Lab::new();
    lab.look().await;
    lab.wait(60).await;
    lab.act(StepId::EnableBackups).await;
    lab.wait(240).await;
    lab.act(StepId::CreateTodos).await;
    lab.wait(60).await;
    lab.act(StepId::Snapshot).await;
    lab.wait(420).await;
    lab.act(StepId::DeleteTodos).await;
    lab.wait(120).await;
    lab.act(StepId::Restore).await;
    lab.wait(150).await;
    if rollout {
        lab.wait(780).await;
        lab.act(StepId::SwitchBackend).await;
        lab.wait(60).await;
    }
    lab
}

struct Stats {
    p50: Duration,
    p99: Duration,
    max: Duration,
    mean: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let at = |q: f64| {
        // Nearest rank.
        let rank = (q * samples.len() as f64).ceil() as usize;
        samples[rank.clamp(1, samples.len()) - 1]
    };
    let total: Duration = samples.iter().sum();
    Stats {
        p50: at(0.50),
        p99: at(0.99),
        max: samples[samples.len() - 1],
        mean: total / u32::try_from(samples.len()).expect("frame count"),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Draws `frames` frames of `app` at `width`×`height`, the clock moving one second each.
fn measure(app: &mut App, width: u16, height: u16, frames: usize) -> (Duration, Stats) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let first = Instant::now();
    terminal
        .draw(|frame| backup_lab::ui::draw(frame, app))
        .expect("draw");
    let first = first.elapsed();
    let mut samples = Vec::with_capacity(frames);
    for n in 0..WARM_UP + frames {
        let now = app.now + SignedDuration::from_secs(1);
        app.update(Msg::Tick(now));
        let started = Instant::now();
        terminal
            .draw(|frame| backup_lab::ui::draw(frame, app))
            .expect("draw");
        let took = started.elapsed();
        if n >= WARM_UP {
            samples.push(took);
        }
    }
    (first, stats(samples))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let frames = std::env::var("BENCH_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(FRAMES);
    let restoring = mid_lab(false).await;
    let rolling = mid_lab(true).await;

    let mut cases: Vec<(&str, App, u16, u16)> = Vec::new();
    cases.push((
        "mid-restore, restore step, en",
        restoring.app(Lang::En, StepId::Restore).await,
        250,
        70,
    ));
    cases.push((
        "mid-restore, restore step, de",
        restoring.app(Lang::De, StepId::Restore).await,
        250,
        70,
    ));
    cases.push((
        "rollout, switch-backend step, en",
        rolling.app(Lang::En, StepId::SwitchBackend).await,
        250,
        70,
    ));
    let mut confirm = rolling.app(Lang::En, StepId::Cleanup).await;
    confirm.update(Msg::Action(Action::Perform));
    cases.push(("cleanup dialog over rollout, en", confirm, 250, 70));
    let mut help = restoring.app(Lang::En, StepId::Restore).await;
    help.update(Msg::Action(Action::ToggleHelp));
    cases.push(("help overlay, en", help, 250, 70));
    let mut present = restoring.app(Lang::En, StepId::Restore).await;
    present.update(Msg::Action(Action::TogglePresent));
    cases.push(("projector mode, restore step, en", present, 250, 70));
    cases.push((
        "mid-restore, restore step, en",
        restoring.app(Lang::En, StepId::Restore).await,
        100,
        30,
    ));

    println!("frame render time, {frames} frames per screen after {WARM_UP} warm-up frames");
    println!(
        "{:<36} {:>8} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "screen", "size", "first ms", "p50 ms", "p99 ms", "max ms", "mean ms"
    );
    let mut main_p99 = None;
    for (name, mut app, width, height) in cases {
        let (first, s) = measure(&mut app, width, height, frames);
        println!(
            "{:<36} {:>8} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            name,
            format!("{width}x{height}"),
            ms(first),
            ms(s.p50),
            ms(s.p99),
            ms(s.max),
            ms(s.mean)
        );
        if main_p99.is_none() {
            main_p99 = Some(s);
        }
    }
    if let Some(s) = main_p99 {
        let verdict = if ms(s.p99) <= TARGET_P99_MS {
            "met"
        } else {
            "MISSED"
        };
        println!(
            "RESULT render size=250x70 p50_ms={:.3} p99_ms={:.3} max_ms={:.3} target_p99_ms={TARGET_P99_MS} {verdict}",
            ms(s.p50),
            ms(s.p99),
            ms(s.max)
        );
    }
}
