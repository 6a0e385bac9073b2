//! The state directory and its one owner.
//!
//! The TUI and `run` change the simulated world and append to the journal, so only one of them
//! may work on a state directory at a time: each holds an advisory lock on `<dir>/lock` for as
//! long as it runs and writes who it is into that file, so a second one can say which process
//! holds it and since when. `status`, `check`, `report` and the read-only TUI take no lock and
//! write nothing; they read what the owner published. That is safe because every file in the
//! directory is either appended to line by line (the journal) or replaced whole by an atomic
//! rename from a temporary file of its own (the world), so a reader never sees half a file.
//!
//! A file that cannot be read is never replaced behind the learner's back: it is reported, and
//! only an explicit `--reset` moves it aside (with a timestamp in its name) to start afresh.
//!
//! The directory and its files are private (`0700`/`0600`: the simulated world holds the
//! database password), and no file in it is opened through a symbolic link: a link in place
//! of the lock, the journal, the log or the world is refused with a message, never followed
//! (it could point at any file of the learner's).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::msg;

/// The lock file inside the state directory; it holds the owner's description as JSON.
pub const LOCK_FILE: &str = "lock";
/// How often a waiting `run --wait` tries the lock again.
const WAIT_POLL: Duration = Duration::from_millis(250);
/// How often, and how far apart, the lock is tried before it counts as held.
const ACQUIRE_TRIES: u32 = 5;
const ACQUIRE_RETRY: Duration = Duration::from_millis(20);
/// The most of the lock file that is read for the owner's description.
const OWNER_MAX_BYTES: u64 = 4096;

/// What holds the state directory: written into the lock file by its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub pid: u32,
    /// `run` or `tui`.
    pub command: String,
    pub since: Timestamp,
}

/// The state directory, held. Dropping it releases the lock.
#[derive(Debug)]
pub struct StateLock {
    file: File,
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it; its description, when it could be read.
    Held(Option<Owner>),
    /// The lock file could not be created or locked.
    Io(PathBuf, io::Error),
}

/// Creates `dir` and its missing parents, private to the user (`0700` on Unix).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Options for a file in the state directory: created private to the user (`0600` on Unix)
/// and never opened through a symbolic link (the open fails, see [`is_link_refused`]).
#[must_use]
pub fn private_options() -> OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut options = OpenOptions::new();
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        options
    }
    #[cfg(not(unix))]
    {
        OpenOptions::new()
    }
}

/// Whether the open failed because the path is a symbolic link ([`private_options`]).
#[must_use]
pub fn is_link_refused(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

fn open_lock_file(dir: &Path) -> Result<(File, PathBuf), LockError> {
    let path = dir.join(LOCK_FILE);
    create_private_dir(dir).map_err(|e| LockError::Io(dir.to_path_buf(), e))?;
    let file = private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| LockError::Io(path.clone(), e))?;
    Ok((file, path))
}

fn try_take(file: &File, path: &Path) -> Result<bool, LockError> {
    match fs4::FileExt::try_lock(file) {
        Ok(()) => Ok(true),
        Err(fs4::TryLockError::WouldBlock) => Ok(false),
        Err(fs4::TryLockError::Error(e)) => Err(LockError::Io(path.to_path_buf(), e)),
    }
}

impl StateLock {
    /// Takes the lock on `dir` for `command`, or says who holds it.
    pub fn acquire(dir: &Path, command: &str) -> Result<Self, LockError> {
        let (file, path) = open_lock_file(dir)?;
        // A reader asks the lock for a moment (see [`holding`]): a few quick tries tell that
        // from an owner.
        let mut tries = 0;
        while !try_take(&file, &path)? {
            tries += 1;
            if tries == ACQUIRE_TRIES {
                return Err(LockError::Held(holder(dir)));
            }
            std::thread::sleep(ACQUIRE_RETRY);
        }
        Self::publish(file, &path, command)
    }

    /// Takes the lock on `dir`, waiting as long as another process holds it. `waiting` is
    /// called once, with the holder, when the lock is not free at first.
    pub fn wait(
        dir: &Path,
        command: &str,
        waiting: impl FnOnce(Option<Owner>),
    ) -> Result<Self, LockError> {
        let (file, path) = open_lock_file(dir)?;
        let mut waiting = Some(waiting);
        while !try_take(&file, &path)? {
            if let Some(tell) = waiting.take() {
                tell(holder(dir));
            }
            std::thread::sleep(WAIT_POLL);
        }
        Self::publish(file, &path, command)
    }

    fn publish(mut file: File, path: &Path, command: &str) -> Result<Self, LockError> {
        let owner = Owner {
            pid: std::process::id(),
            command: command.to_owned(),
            since: Timestamp::now(),
        };
        let text = serde_json::to_string(&owner).unwrap_or_default();
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(text.as_bytes()))
            .and_then(|()| file.flush())
            .map_err(|e| LockError::Io(path.to_path_buf(), e))?;
        Ok(Self { file })
    }
}

impl Drop for StateLock {
    fn drop(&mut self) {
        // The description goes first, so nobody reads a stale owner once the lock is free.
        let _ = self.file.set_len(0);
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

/// Who holds (or last held) the state directory, as written into the lock file.
#[must_use]
pub fn holder(dir: &Path) -> Option<Owner> {
    let mut text = String::new();
    private_options()
        .read(true)
        .open(dir.join(LOCK_FILE))
        .ok()?
        .take(OWNER_MAX_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    serde_json::from_str(&text).ok()
}

/// Whether the state directory's owner still runs, as far as the lock tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holding {
    /// Nobody holds it, and the last owner let it go.
    Free,
    /// `Owner` holds it now.
    Running(Owner),
    /// The lock file still names `Owner`, but nobody holds the lock: that process ended
    /// without letting go (killed, crashed, the machine went down).
    Ended(Owner),
}

/// Who holds the state directory, and whether that process still runs. Only reads: the lock
/// is tried shared and let go at once (an owner starting that very moment tries again, see
/// [`StateLock::acquire`]).
#[must_use]
pub fn holding(dir: &Path) -> Holding {
    let Some(owner) = holder(dir) else {
        return Holding::Free;
    };
    let Ok(file) = File::open(dir.join(LOCK_FILE)) else {
        return Holding::Free;
    };
    match fs4::FileExt::try_lock_shared(&file) {
        Ok(()) => {
            let _ = fs4::FileExt::unlock(&file);
            Holding::Ended(owner)
        }
        // Held, or the lock cannot be asked: taken as running, the safe side.
        Err(_) => Holding::Running(owner),
    }
}

/// Why a file of the learner's could not be used. Each has a localized text
/// (`file-problem-<id>`) for the message that names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// A directory, device, pipe or socket where a file was expected.
    NotRegular,
    /// A symbolic link where the state directory's own file was expected: not followed.
    Symlink,
    /// Larger than the limit for its kind (in bytes).
    TooLarge {
        limit: u64,
    },
    Empty,
    /// It was read, but its content is not what it should be.
    Damaged(String),
    /// The system refused to read it.
    Io(String),
}

impl FileProblem {
    /// What is wrong with the file (`file-problem-<id>`).
    #[must_use]
    pub fn text_id(&self) -> crate::i18n::Id {
        match self {
            Self::NotRegular => msg::FILE_PROBLEM_NOT_REGULAR,
            Self::Symlink => msg::FILE_PROBLEM_SYMLINK,
            Self::TooLarge { .. } => msg::FILE_PROBLEM_TOO_LARGE,
            Self::Empty => msg::FILE_PROBLEM_EMPTY,
            Self::Damaged(_) => msg::FILE_PROBLEM_DAMAGED,
            Self::Io(_) => msg::FILE_PROBLEM_IO,
        }
    }
}

impl FileProblem {
    /// Stable id used in Fluent message ids (`file-problem-<id>`).
    #[must_use]
    pub fn id(&self) -> &'static str {
        match self {
            Self::NotRegular => "not-regular",
            Self::Symlink => "symlink",
            Self::TooLarge { .. } => "too-large",
            Self::Empty => "empty",
            Self::Damaged(_) => "damaged",
            Self::Io(_) => "io",
        }
    }

    /// The technical detail (parser or system message), empty when there is none.
    #[must_use]
    pub fn detail(&self) -> String {
        match self {
            Self::Damaged(d) | Self::Io(d) => d.clone(),
            Self::TooLarge { limit } => limit.to_string(),
            Self::NotRegular | Self::Symlink | Self::Empty => String::new(),
        }
    }
}

impl FileProblem {
    /// What an error opening or writing a file says about it: a refused link, a directory
    /// in its place, or the system's own reason.
    #[must_use]
    pub fn from_io(e: &io::Error) -> Self {
        if is_link_refused(e) {
            Self::Symlink
        } else if e.kind() == io::ErrorKind::IsADirectory {
            Self::NotRegular
        } else {
            Self::Io(e.to_string())
        }
    }
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.id(), self.detail())
    }
}

/// Reads a regular file of at most `limit` bytes; `Ok(None)` when there is none. A pipe,
/// device or directory is refused before it is opened, so `/dev/zero` or a FIFO cannot make
/// the program read forever or hang.
pub fn read_limited(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, FileProblem> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(FileProblem::Io(e.to_string())),
    };
    if !meta.is_file() {
        return Err(FileProblem::NotRegular);
    }
    if meta.len() > limit {
        return Err(FileProblem::TooLarge { limit });
    }
    let file = File::open(path).map_err(|e| FileProblem::Io(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileProblem::Io(e.to_string()))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(FileProblem::TooLarge { limit });
    }
    Ok(Some(bytes))
}

/// [`read_limited`] for a file of the state directory: a symbolic link in its place is
/// refused, not followed.
pub fn read_state_file(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, FileProblem> {
    let is_link =
        |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|meta| meta.file_type().is_symlink());
    // The file, and the directory it is in (`sim`, `journal`), are no links.
    if is_link(path) || path.parent().is_some_and(is_link) {
        return Err(FileProblem::Symlink);
    }
    read_limited(path, limit)
}

/// Replaces `path` with `bytes` atomically: a temporary file of this process in the same
/// directory, synced, then renamed over `path`. Readers see the old file or the new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.{}.{:016x}.tmp",
        std::process::id(),
        fastrand::u64(..)
    ));
    let written = (|| {
        let mut file = private_options().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_data()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// `id` about the file `path` with `problem`: `$path`, `$problem` (localized) and `$detail`.
#[must_use]
pub fn file_problem_text(
    id: crate::i18n::Id,
    path: impl std::fmt::Display,
    problem: &FileProblem,
) -> crate::text::Text {
    crate::text::Text::new(id)
        .arg("path", path.to_string())
        .arg("problem", crate::text::Text::new(problem.text_id()))
        .arg("detail", {
            let detail = problem.detail();
            if detail.is_empty() || matches!(problem, FileProblem::TooLarge { .. }) {
                String::new()
            } else {
                format!(" ({detail})")
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_owner_is_told_who_holds_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let first = StateLock::acquire(dir.path(), "run").unwrap();
        match StateLock::acquire(dir.path(), "tui") {
            Err(LockError::Held(Some(owner))) => {
                assert_eq!(owner.pid, std::process::id());
                assert_eq!(owner.command, "run");
            }
            other => panic!("expected the lock to be held: {other:?}"),
        }
        drop(first);
        assert!(holder(dir.path()).is_none(), "a released lock names nobody");
        let second = StateLock::acquire(dir.path(), "tui").unwrap();
        assert_eq!(
            holder(dir.path()).map(|o| o.command).as_deref(),
            Some("tui")
        );
        drop(second);
    }

    #[test]
    fn atomic_writes_leave_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("world.json");
        write_atomic(&path, b"{}").unwrap();
        write_atomic(&path, b"{\"a\":1}").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"a\":1}");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["world.json"]);
    }
}
