//! What "now" is in the simulated account: a paced clock (the wall clock, sped up while AWS
//! works on something), a manual clock (tests and benchmarks), or the owner's clock as a
//! reader sees it in the world file.
//!
//! One story of time: the speed applies only while something is in flight (an instance
//! changing status, a snapshot being taken, a rollout, a task running). While nothing is,
//! simulated time runs at real time, so a learner who reads for two minutes finds two
//! minutes on the clock, the timeline and the report alike. An instructor can pause the
//! clock and change its speed ([`SimCloud::control`]).

use super::{
    Duration, Path, PathBuf, Published, SignedDuration, SimCloud, SystemTime, Timestamp, World,
    after, load_world,
};
use crate::cloud::{ClockControl, Pace};

/// How simulated time moves.
#[derive(Debug)]
pub(super) enum Clock {
    /// Simulated time follows tokio's clock at the [`Pacer`]'s pace: the wall clock, except on
    /// a paused test runtime, where it moves only while every task waits for a timer (so a
    /// test drives it by waiting, and all tasks share one time). [`SimCloud::advance`] adds to it.
    Wall,
    /// Simulated time moves only when someone pauses: tests and benchmarks.
    Manual,
    /// A reader's clock: the owner's, as published in the world file; it stands still while
    /// no owner runs the world.
    Published,
}

/// The pace of a [`Clock::Wall`]: from the last reading that fixed it (`real`, `sim`), time
/// runs `speed` times real time until `busy_until`, then at real time.
#[derive(Debug)]
pub(super) struct Pacer {
    pub(super) real: tokio::time::Instant,
    pub(super) sim: Timestamp,
    /// Until when AWS works on something, as the world said at that reading.
    pub(super) busy_until: Option<Timestamp>,
    pub(super) speed: f64,
    pub(super) paused: bool,
}

impl Pacer {
    pub(super) fn new(sim: Timestamp, speed: f64) -> Self {
        Self {
            real: tokio::time::Instant::now(),
            sim,
            busy_until: None,
            speed,
            paused: false,
        }
    }

    fn now(&self) -> Timestamp {
        paced(
            self.sim,
            self.real.elapsed().as_secs_f64(),
            self.busy_until,
            self.speed,
            self.paused,
        )
    }
}

/// Simulated time `elapsed` real seconds after simulated time `from`: `speed` times as fast
/// until `busy_until`, as fast as real time after it; `from` while paused.
pub(super) fn paced(
    from: Timestamp,
    elapsed: f64,
    busy_until: Option<Timestamp>,
    speed: f64,
    paused: bool,
) -> Timestamp {
    if paused || elapsed <= 0.0 {
        return from;
    }
    let busy = busy_until.map_or(0.0, |until| {
        if until == Timestamp::MAX {
            f64::INFINITY
        } else {
            until.duration_since(from).as_secs_f64().max(0.0)
        }
    });
    let fast = elapsed * speed;
    let simulated = if fast <= busy {
        fast
    } else {
        busy + (elapsed - busy / speed.max(f64::MIN_POSITIVE))
    };
    from.checked_add(SignedDuration::try_from_secs_f64(simulated).unwrap_or_default())
        .unwrap_or(from)
}

/// What a reader last loaded from the owner's world file.
#[derive(Debug)]
pub(super) struct Following {
    pub(super) path: PathBuf,
    /// The file as last loaded.
    pub(super) seen: Option<FileStamp>,
    /// The file's time and the owner's clock as of that load.
    pub(super) base: Timestamp,
    pub(super) published: Option<Published>,
    /// Whether the owner still runs; without it, a published clock is taken as running.
    pub(super) owner: Option<OwnerCheck>,
}

/// Tells a reader whether the process that published the clock still runs.
pub type OwnerProbe = std::sync::Arc<dyn Fn() -> bool + Send + Sync>;

/// An [`OwnerProbe`] and its last answer: asked at most every [`OWNER_RECHECK`].
pub(super) struct OwnerCheck {
    pub(super) probe: OwnerProbe,
    pub(super) last: Option<(std::time::Instant, bool)>,
}

impl std::fmt::Debug for OwnerCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnerCheck")
            .field("probe", &"<fn>")
            .field("last", &self.last)
            .finish()
    }
}

/// How long an answer of the owner probe holds.
const OWNER_RECHECK: Duration = Duration::from_millis(500);

impl OwnerCheck {
    fn running(&mut self) -> bool {
        let now = std::time::Instant::now();
        match self.last {
            Some((at, running)) if now.duration_since(at) < OWNER_RECHECK => running,
            _ => {
                let running = (self.probe)();
                self.last = Some((now, running));
                running
            }
        }
    }
}

/// Modification time, length and inode of a file.
pub(super) type FileStamp = (Option<SystemTime>, u64, u64);

/// What tells one saved world from the next: each save is a new file renamed into place, so
/// on Unix its inode changes even when time stamp and length do not.
pub(super) fn stamp(path: &Path) -> Option<FileStamp> {
    std::fs::metadata(path).ok().map(|m| {
        #[cfg(unix)]
        let id = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let id = 0;
        (m.modified().ok(), m.len(), id)
    })
}

impl SimCloud {
    /// A reader asks `probe` whether the owner still runs before it moves the owner's
    /// published clock on; an owner that is gone leaves time where it last saved it.
    pub fn set_owner_probe(&self, probe: OwnerProbe) {
        if let Some(following) = &self.following {
            following
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .owner = Some(OwnerCheck { probe, last: None });
        }
    }

    /// Moves simulated time on by `by` at once (a reader's clock, the owner's, stays as it is).
    pub fn advance(&self, by: Duration) {
        let seconds = i64::try_from(by.as_secs()).unwrap_or(0);
        match self.clock {
            Clock::Manual => {
                let mut world = self.lock();
                world.now = after(world.now, seconds);
            }
            Clock::Wall => {
                let world = self.lock();
                let now = self.sim_now_unlocked(&world);
                let mut p = self.pacer();
                p.real = tokio::time::Instant::now();
                p.sim = after(now, seconds);
            }
            Clock::Published => {}
        }
    }

    pub(super) fn pacer(&self) -> std::sync::MutexGuard<'_, Pacer> {
        self.pacer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The pace from now on, after the world changed (called with the world locked): time so
    /// far counts at the pace it had, from here on at the pace of what is in flight now.
    /// Whether the end of the work in flight moved.
    pub(super) fn repace(&self, world: &World) -> bool {
        if !matches!(self.clock, Clock::Wall) {
            return false;
        }
        let now = self.sim_now_unlocked(world);
        let busy_until = world.busy_until(now);
        let mut p = self.pacer();
        p.real = tokio::time::Instant::now();
        p.sim = now;
        let moved = p.busy_until != busy_until;
        p.busy_until = busy_until;
        moved
    }

    /// An instructor's change to the clock: pause, resume, another speed. Readers of the
    /// world follow it (the owner publishes its clock). `false` for a reader's clock, which
    /// is the owner's.
    pub fn control(&self, change: ClockControl) -> bool {
        if matches!(self.clock, Clock::Published) {
            return false;
        }
        {
            let world = self.lock();
            self.repace(&world);
            let mut p = self.pacer();
            match change {
                ClockControl::Pause => p.paused = true,
                ClockControl::Resume => p.paused = false,
                ClockControl::Speed(speed) => {
                    p.speed = speed.clamp(super::MIN_SPEED, super::MAX_SPEED);
                }
            }
        }
        self.save();
        true
    }

    /// How the clock moves now.
    pub fn current_pace(&self) -> Pace {
        match self.clock {
            Clock::Published => {
                let now = self.sim_now();
                let published = self.following.as_ref().and_then(|f| {
                    f.lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .published
                });
                match published {
                    Some(p) => Pace::Sim {
                        speed: p.speed,
                        busy: p.busy_until.is_some_and(|b| b > now),
                        paused: p.paused,
                    },
                    // No owner runs the world: its time stands still.
                    None => Pace::Sim {
                        speed: self.speed(),
                        busy: false,
                        paused: true,
                    },
                }
            }
            Clock::Manual | Clock::Wall => {
                let world = self.lock();
                let now = self.sim_now_unlocked(&world);
                // A manual clock has no pace of its own: what is in flight says it.
                let manual_busy =
                    matches!(self.clock, Clock::Manual).then(|| world.busy_until(now).is_some());
                let p = self.pacer();
                Pace::Sim {
                    speed: p.speed,
                    busy: manual_busy.unwrap_or_else(|| p.busy_until.is_some_and(|b| b > now)),
                    paused: p.paused,
                }
            }
        }
    }

    /// The speed AWS's work runs at.
    pub(super) fn speed(&self) -> f64 {
        self.pacer().speed
    }

    /// A reader loads the owner's world again when the file changed since the last look. A
    /// file that cannot be read now (it is replaced atomically, so that means damage) leaves
    /// the last good world in place.
    pub(super) fn follow(&self) {
        let Some(following) = &self.following else {
            return;
        };
        let mut f = following
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now_seen = stamp(&f.path);
        if now_seen.is_none() || now_seen == f.seen {
            return;
        }
        let names = self.lock().names.clone();
        match load_world(&f.path, &names) {
            Ok(Some(world)) => {
                f.seen = now_seen;
                f.base = world.now;
                f.published = world.published;
                *self.lock() = world;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!("world not reloaded: {e}"),
        }
    }

    pub(super) fn sim_now(&self) -> Timestamp {
        self.follow();
        let world = self.lock();
        self.sim_now_unlocked(&world)
    }

    pub(super) fn sim_now_unlocked(&self, world: &World) -> Timestamp {
        match &self.clock {
            Clock::Manual => world.now,
            Clock::Wall => self.pacer().now().max(world.now),
            Clock::Published => {
                let Some(following) = &self.following else {
                    return world.now;
                };
                let mut f = following
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                // An owner that ended without letting go (killed, crashed) left its clock
                // published: time stands where it last saved, as the next owner resumes it.
                let running = f.owner.as_mut().is_none_or(OwnerCheck::running);
                let owner_now = f.published.filter(|_| running).map_or(f.base, |p| {
                    let wall = Timestamp::now()
                        .duration_since(p.wall)
                        .max(SignedDuration::ZERO);
                    paced(f.base, wall.as_secs_f64(), p.busy_until, p.speed, p.paused)
                });
                owner_now.max(world.now)
            }
        }
    }
}
