//! A lab on the simulated account for tests that make the learner's slips with direct calls:
//! the simulation (its clock driven by the test), the recorded cloud the lab uses, and a
//! headless runtime with the learner's zone set to Europe/Zurich. The checks and plans are
//! read from a fresh look, as the app reads them.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use backup_lab::cloud::Cloud;
use backup_lab::cloud::recorder::{CallLog, Recorded};
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::config::Config;
use backup_lab::headless::Runtime;
use backup_lab::i18n::Lang;
use backup_lab::lab::journal::Journal;
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::{Options, Ready};
use backup_lab::lab::steps::{self, Ctx};
use backup_lab::lab::{Check, StepId};

/// The simulated world's start.
pub const START: &str = "2026-11-25T09:00:00Z";

pub struct SimLab {
    pub sim: Arc<SimCloud>,
    pub cloud: Arc<dyn Cloud>,
    pub rt: Runtime,
}

impl SimLab {
    /// A fresh world at [`START`] (×15) with an empty journal.
    pub fn new() -> Self {
        let sim = Arc::new(SimCloud::paced(
            START.parse().expect("time"),
            15.0,
            WorldNames::default(),
        ));
        Self::on(sim, Journal::in_memory())
    }

    /// A lab on `sim` with `journal` (a reopened one, to test a restart).
    pub fn on(sim: Arc<SimCloud>, journal: Journal) -> Self {
        let log = Arc::new(CallLog::default());
        let cloud: Arc<dyn Cloud> = Arc::new(Recorded::new(sim.clone(), log.clone(), None));
        let mut config = Config::default();
        config.backup.timezone = Some("Europe/Zurich".into());
        let rt = Runtime {
            cloud: cloud.clone(),
            config,
            journal: Arc::new(Mutex::new(journal)),
            log,
            lang: Lang::En,
            read_only: false,
            json: true,
        };
        Self { sim, cloud, rt }
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
