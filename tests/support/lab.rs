//! The lab on the simulated account, for tests that drive it with direct calls: the simulation
//! (its clock driven by the test), the recorded cloud the lab uses, its call log, and a headless
//! runtime with the learner's zone set to Europe/Zurich. The checks and plans are read from a
//! fresh look, as the app reads them. Every test module that needs a simulated lab builds it
//! here; a module changes what it needs through the public fields (`lab.rt.read_only = true`).

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backup_lab::cloud::Cloud;
use backup_lab::cloud::recorder::{CallLog, Recorded, Sink};
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::config::Config;
use backup_lab::headless::Runtime;
use backup_lab::i18n::Lang;
use backup_lab::lab::journal::{self, Journal};
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::{Options, Ready};
use backup_lab::lab::steps::{self, Ctx};
use backup_lab::lab::{Check, StepId};

/// The simulated world's start.
pub const START: &str = "2026-11-25T09:00:00Z";
/// The simulation's default speed (as `--sim` runs).
pub const SPEED: f64 = 15.0;

/// The configuration the lab's tests use: the default, in the learner's zone Europe/Zurich.
pub fn config() -> Config {
    let mut config = Config::default();
    config.backup.timezone = Some("Europe/Zurich".into());
    config
}

/// A fresh world at [`START`] whose clock runs `speed` times tokio's (paused in the tests).
pub fn paced(speed: f64) -> Arc<SimCloud> {
    Arc::new(SimCloud::paced(
        START.parse().expect("time"),
        speed,
        WorldNames::default(),
    ))
}

/// A fresh world at [`START`] (×[`SPEED`]) whose clock moves only when the test or an action
/// advances it.
pub fn manual() -> Arc<SimCloud> {
    Arc::new(SimCloud::manual(
        START.parse().expect("time"),
        SPEED,
        WorldNames::default(),
    ))
}

pub struct SimLab {
    pub sim: Arc<SimCloud>,
    pub cloud: Arc<dyn Cloud>,
    /// Every call that reached the simulated account.
    pub log: Arc<CallLog>,
    pub rt: Runtime,
}

impl SimLab {
    /// A fresh world at [`START`] (×[`SPEED`], on tokio's clock) with an empty journal.
    pub fn new() -> Self {
        Self::on(paced(SPEED), Journal::in_memory())
    }

    /// A lab on `sim` with `journal` (a reopened one, to test a restart).
    pub fn on(sim: Arc<SimCloud>, journal: Journal) -> Self {
        Self::recording(sim, journal, None)
    }

    /// A lab on `sim` whose journal lives in `dir`, its calls appended to the journal's call
    /// file as the app does (open it again on the same `dir` to test a restart).
    pub fn on_disk(sim: Arc<SimCloud>, dir: &Path) -> Self {
        let journal = Journal::open(dir, "sim-test").expect("journal");
        let path = journal.calls_path().expect("calls path");
        let sink: Sink = Arc::new(move |call| journal::append_call(&path, call));
        Self::recording(sim, journal, Some(sink))
    }

    fn recording(sim: Arc<SimCloud>, journal: Journal, sink: Option<Sink>) -> Self {
        let log = Arc::new(CallLog::default());
        let cloud: Arc<dyn Cloud> = Arc::new(Recorded::new(sim.clone(), log.clone(), sink));
        let rt = Runtime {
            cloud: cloud.clone(),
            config: config(),
            journal: Arc::new(Mutex::new(journal)),
            log: log.clone(),
            lang: Lang::En,
            read_only: false,
            json: true,
        };
        Self {
            sim,
            cloud,
            log,
            rt,
        }
    }

    /// A runtime like [`SimLab::rt`] (same journal, configuration and log) that reaches the
    /// account through `cloud`, e.g. a fault layer around [`SimLab::cloud`].
    pub fn runtime_through(&self, cloud: Arc<dyn Cloud>) -> Runtime {
        Runtime {
            cloud,
            config: self.rt.config.clone(),
            journal: self.rt.journal.clone(),
            log: self.rt.log.clone(),
            lang: self.rt.lang,
            read_only: self.rt.read_only,
            json: self.rt.json,
        }
    }

    pub async fn observed(&self) -> Observed {
        let mut o = Observed::default();
        self.rt.observe(&mut o).await;
        o
    }

    /// The check of `step` from a fresh look.
    pub async fn check(&self, step: StepId) -> Check {
        let o = self.observed().await;
        let journal = self.rt.journal.lock().expect("journal");
        steps::check(
            step,
            &Ctx {
                observed: &o,
                journal: &journal,
                config: &self.rt.config,
                now: self.cloud.now(),
            },
        )
        .expect("check")
    }

    /// The plan of `step` with `options`, from a fresh look.
    pub async fn ready_with(&self, step: StepId, options: &Options) -> Ready {
        let o = self.observed().await;
        let journal = self.rt.journal.lock().expect("journal");
        steps::plan(
            step,
            &Ctx {
                observed: &o,
                journal: &journal,
                config: &self.rt.config,
                now: self.cloud.now(),
            },
            options,
        )
    }

    /// `minutes` pass on the simulated clock.
    pub fn wait_minutes(&self, minutes: u64) {
        self.sim.advance(Duration::from_secs(minutes * 60));
    }
}
