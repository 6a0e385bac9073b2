//! What "now" is in the simulated account: the wall clock sped up, a manual clock (tests and
//! benchmarks), or the owner's clock as a reader sees it in the world file.

use super::{
    Duration, Path, PathBuf, Published, SignedDuration, SimCloud, SystemTime, Timestamp, World,
    after, load_world,
};

/// How simulated time moves.
#[derive(Debug)]
pub(super) enum Clock {
    /// Simulated time runs `speed` times faster than tokio's clock: the wall clock, except on
    /// a paused test runtime, where it moves only while every task waits for a timer (so a
    /// test drives it by waiting, and all tasks share one time). [`SimCloud::advance`] adds to it.
    Wall {
        origin: tokio::time::Instant,
        origin_sim: Timestamp,
    },
    /// Simulated time moves only when someone pauses: tests and benchmarks.
    Manual,
    /// A reader's clock: the owner's, as published in the world file; it stands still while
    /// no owner runs the world.
    Published,
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
            Clock::Wall { .. } => {
                self.skew
                    .fetch_add(seconds, std::sync::atomic::Ordering::Relaxed);
            }
            Clock::Published => {}
        }
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
            Clock::Wall { origin, origin_sim } => {
                let scaled = origin.elapsed().mul_f64(self.speed);
                let skew = self.skew.load(std::sync::atomic::Ordering::Relaxed);
                after(*origin_sim, skew)
                    .checked_add(SignedDuration::try_from(scaled).unwrap_or_default())
                    .unwrap_or(*origin_sim)
                    .max(world.now)
            }
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
                    let scaled = wall.as_secs_f64() * p.speed;
                    f.base
                        .checked_add(SignedDuration::try_from_secs_f64(scaled).unwrap_or_default())
                        .unwrap_or(f.base)
                });
                owner_now.max(world.now)
            }
        }
    }
}
