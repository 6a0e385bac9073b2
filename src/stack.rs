//! The cloud a front end works on, built in one place from the command line's settings:
//!
//! ```text
//! Recorded → Faulty → Lagging → SimSession → SimCloud          (--sim)
//! Recorded → Faulty → Lagging → Refreshing → AwsCloud          (the learner's account)
//! ```
//!
//! `SimSession` only with `--faults session`, `Faulty` only with call faults, `Lagging` when
//! describes lag (a `stale` rule, else the simulation's own small lag). The worker puts
//! `Consistent` on top. The journal that records the calls is keyed by the account, so the
//! stack is built in two steps: [`build`] opens the account, [`Stack::recorded`] adds the
//! recording once the journal is open.

use std::path::PathBuf;
use std::sync::Arc;

use crate::cloud::aws::{AwsCloud, AwsSettings};
use crate::cloud::faults::{Faulty, Spec};
use crate::cloud::lag::{Lag, Lagging};
use crate::cloud::recorder::{CallLog, Recorded, Sink};
use crate::cloud::refresh::{Detect, Reconnect, Refreshing};
use crate::cloud::sim::{self, SimCloud, WorldError, WorldNames};
use crate::cloud::{Cloud, CloudError, Mode, credentials};
use crate::config::Config;
use crate::lab::Text;
use crate::lab::journal;
use crate::msg;
use crate::state;

/// Which account the stack reaches.
#[derive(Debug, Clone, PartialEq)]
pub enum Account {
    /// The simulated account, its world kept in the state directory; AWS works `speed` times
    /// faster.
    Simulation { speed: f64 },
    /// The learner's AWS account through the standard credential chain.
    Aws {
        profile: Option<String>,
        region: Option<String>,
    },
}

/// What the stack is built from: the command line and the configuration.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    pub account: Account,
    pub config: &'a Config,
    /// The state directory; the simulated world lives in its `sim` directory.
    pub state_dir: PathBuf,
    /// Whether this program works on the account (the TUI, `run`) or only follows what the
    /// owner publishes (`status`, `check`, `report`, `--read-only`).
    pub owns: bool,
    /// `--faults`, parsed.
    pub faults: Option<Spec>,
}

/// A `--faults` rule that is a behaviour of the simulated account only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimOnlyFault {
    Unhealthy,
    Dump,
    Restore,
    Session,
}

impl SimOnlyFault {
    /// The first rule of `spec` that needs the simulation.
    #[must_use]
    pub fn of(spec: &Spec) -> Option<Self> {
        if !spec.unhealthy_updates().is_empty() {
            Some(Self::Unhealthy)
        } else if !spec.dump_faults().is_empty() {
            Some(Self::Dump)
        } else if !spec.restore_endings().is_empty() {
            Some(Self::Restore)
        } else if spec.session_expiry().is_some() {
            Some(Self::Session)
        } else {
            None
        }
    }

    fn id(self) -> crate::i18n::Id {
        match self {
            Self::Unhealthy => msg::INVALID_FAULTS_UNHEALTHY_NEEDS_SIM,
            Self::Dump => msg::INVALID_FAULTS_DUMP_NEEDS_SIM,
            Self::Restore => msg::INVALID_FAULTS_RESTORE_NEEDS_SIM,
            Self::Session => msg::INVALID_FAULTS_SESSION_NEEDS_SIM,
        }
    }
}

/// Why the stack could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum StackError {
    /// The AWS account cannot be reached (credentials, region, network).
    Aws(CloudError),
    /// The simulated world cannot be used; `expected` is the configured instance name.
    World { error: WorldError, expected: String },
    /// A `--faults` rule only the simulation has, for the AWS account.
    SimOnly(SimOnlyFault),
}

impl StackError {
    /// What went wrong and what to do, in the learner's language.
    #[must_use]
    pub fn text(&self) -> Text {
        match self {
            Self::Aws(e) => crate::ui_text::error_text(e),
            Self::World { error, expected } => match error {
                WorldError::Unreadable { path, problem } => crate::ui_text::file_problem_text(
                    msg::WORLD_UNREADABLE,
                    path.display(),
                    problem,
                ),
                WorldError::OtherNames { path, instance } => Text::new(msg::WORLD_OTHER_NAMES)
                    .arg("path", path.display().to_string())
                    .arg("instance", instance.clone())
                    .arg("expected", expected.clone()),
                WorldError::Unwritable { path, reason } => Text::new(msg::WORLD_UNWRITABLE)
                    .arg("path", path.display().to_string())
                    .arg("reason", reason.clone()),
            },
            Self::SimOnly(fault) => Text::new(fault.id()),
        }
    }

    /// Whether the command line asked for something that cannot be (exit 2), rather than
    /// an account or a file that failed (exit 1).
    #[must_use]
    pub fn is_usage(&self) -> bool {
        matches!(self, Self::SimOnly(_))
    }
}

/// The account's cloud with its layers, before the recording.
pub struct Stack {
    cloud: Arc<dyn Cloud>,
    key: String,
}

impl Stack {
    /// The journal's key of the account: `sim-<world id>`, or the AWS account and region.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    #[must_use]
    pub fn mode(&self) -> Mode {
        self.cloud.mode()
    }

    /// The finished stack: every call is recorded in `log` and handed to `sink` (the
    /// journal's calls file).
    #[must_use]
    pub fn recorded(self, log: Arc<CallLog>, sink: Option<Sink>) -> Arc<dyn Cloud> {
        Arc::new(Recorded::new(self.cloud, log, sink))
    }
}

/// Opens the account `settings` names and puts the layers the faults and the account's lag
/// ask for around it.
///
/// # Errors
/// The account cannot be reached or the world not used ([`StackError`]); a `--faults` rule
/// that only the simulation has is refused for AWS before anything is connected.
pub async fn build(settings: &Settings<'_>) -> Result<Stack, StackError> {
    let spec = settings.faults.as_ref();
    let (base, key) = match &settings.account {
        Account::Simulation { speed } => open_sim(settings, *speed)?,
        Account::Aws { profile, region } => {
            if let Some(fault) = spec.and_then(SimOnlyFault::of) {
                return Err(StackError::SimOnly(fault));
            }
            open_aws(profile.clone(), region.clone(), settings.config)
                .await
                .map_err(StackError::Aws)?
        }
    };
    // Eventual consistency: describes lag behind writes as a `stale` rule says; the simulated
    // account has a small lag of its own unless a rule sets one.
    let lag = match (spec.and_then(Spec::staleness), base.mode()) {
        (Some(lag), _) => Some(lag),
        (None, Mode::Simulation { .. }) => Some(Lag::sim_default()),
        (None, Mode::Aws { .. }) => None,
    };
    let cloud: Arc<dyn Cloud> = match lag {
        Some(lag) if lag.delay_s > 0.0 => Arc::new(Lagging::new(base, lag)),
        _ => base,
    };
    let cloud: Arc<dyn Cloud> = match spec {
        Some(spec) if spec.has_call_faults() => Arc::new(Faulty::new(cloud, spec.clone())),
        _ => cloud,
    };
    Ok(Stack { cloud, key })
}

/// The world's names from the configuration.
#[must_use]
pub fn world_names(config: &Config) -> WorldNames {
    WorldNames {
        instance: config.names.instance.clone(),
        cluster: config.names.cluster.clone(),
        service: config.names.service.clone(),
        task_family: config.names.task_family.clone(),
        container: config.names.container.clone(),
    }
}

/// The simulated account of this configuration: its owner opens it to work on it; everyone
/// else follows what the owner publishes.
fn open_sim(settings: &Settings<'_>, speed: f64) -> Result<(Arc<dyn Cloud>, String), StackError> {
    let names = world_names(settings.config);
    let sim_dir = settings.state_dir.join("sim");
    let world = sim::world_path(&sim_dir, &names);
    let opened = if settings.owns {
        SimCloud::open(world, speed, names)
    } else {
        SimCloud::view(world, speed, names)
    };
    let sim = opened.map_err(|error| StackError::World {
        error,
        expected: settings.config.names.instance.clone(),
    })?;
    if !settings.owns {
        let dir = settings.state_dir.clone();
        sim.set_owner_probe(Arc::new(move || {
            matches!(state::holding(&dir), state::Holding::Running(_))
        }));
    }
    if let Some(spec) = &settings.faults {
        sim.set_unhealthy_updates(spec.unhealthy_updates());
        sim.set_dump_faults(spec.dump_faults());
        sim.set_restore_endings(spec.restore_endings());
    }
    let key = format!("sim-{}", sim.world_id());
    let sim: Arc<dyn Cloud> = Arc::new(sim);
    // The `session` fault: the session expires, and fresh keys pasted into a file in the
    // simulation's directory renew it.
    let sim = match settings.faults.as_ref().and_then(Spec::session_expiry) {
        Some(at) => Arc::new(sim::SimSession::new(
            sim,
            at,
            sim_dir.join(sim::CREDENTIALS_FILE),
        )),
        None => sim,
    };
    Ok((sim, key))
}

/// The learner's AWS account through the standard credential chain, connected anew when its
/// credentials are renewed.
async fn open_aws(
    profile: Option<String>,
    region: Option<String>,
    config: &Config,
) -> Result<(Arc<dyn Cloud>, String), CloudError> {
    let settings = AwsSettings {
        profile: profile.clone(),
        region,
        app_url: config.app_url.clone(),
        load_balancer: config.names.load_balancer.clone(),
    };
    let aws = AwsCloud::connect(&settings).await?;
    let key = match aws.mode() {
        Mode::Aws { account, region } => journal::key_for_aws(&account, &region),
        Mode::Simulation { .. } => "aws".into(),
    };
    let reconnect: Reconnect = Arc::new(move || {
        let settings = settings.clone();
        Box::pin(async move {
            AwsCloud::connect(&settings)
                .await
                .map(|c| Arc::new(c) as Arc<dyn Cloud>)
        })
    });
    let detect: Detect = Arc::new(move || {
        let profile = profile.clone();
        Box::pin(async move { credentials::detect(profile.as_deref()).await })
    });
    let refreshing = Refreshing::new(Arc::new(aws), reconnect).with_detect(detect);
    Ok((Arc::new(refreshing), key))
}
