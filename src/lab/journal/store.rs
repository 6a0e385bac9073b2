//! The journal's files: where they live, opening them for the owner (who appends) or a
//! reader (who never writes), appending one line per event or call in one write, the reserve
//! that keeps a full disk from tearing a hole in the history, the calls file's compaction
//! and the run marks. A file that cannot be read at all is a [`JournalError`] and stays as
//! it is: the problem is told, the file is never replaced.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Event, EventKind, Journal};
use crate::cloud::recorder::{CallRecord, Sink};
use crate::lab::calls;
use crate::state::{FileProblem, create_private_dir, private_options, read_state_file};

/// How many calls are appended between two looks at the calls file's size.
const CALLS_PER_SIZE_CHECK: u32 = 200;

/// The largest journal file read (a long lab writes about a megabyte of calls per hour).
const JOURNAL_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// A journal file that cannot be read at all. It is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: {problem}")]
    Unreadable { path: PathBuf, problem: FileProblem },
    #[error("{path}: {reason}")]
    Unwritable { path: PathBuf, reason: String },
}

/// Where state lives: `--state-dir`, else `$BACKUP_LAB_STATE_DIR`, else the XDG state dir.
#[must_use]
pub fn state_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os("BACKUP_LAB_STATE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::state_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/state")))
        .unwrap_or_else(std::env::temp_dir)
        .join("backup-lab")
}

/// The journal key of an account: `aws-<account>-<region>` or `sim-<world>`.
#[must_use]
pub fn key_for_aws(account: &str, region: &str) -> String {
    format!("aws-{account}-{region}")
}

impl Journal {
    /// A journal kept only in memory (tests, read-only runs without a state dir).
    #[must_use]
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// A read-only copy made of events (what the TUI holds).
    #[must_use]
    pub fn from_events(events: Vec<Event>) -> Self {
        Self {
            events,
            ..Self::default()
        }
    }

    fn files(dir: &Path, key: &str) -> (PathBuf, PathBuf) {
        let journal_dir = dir.join("journal");
        (
            journal_dir.join(format!("{key}.jsonl")),
            journal_dir.join(format!("{key}.calls.jsonl")),
        )
    }

    /// Opens (or starts) the journal `key` under `dir` for its owner, who appends to it. Lines that cannot be read are skipped and counted
    /// ([`Journal::skipped`]); a file that cannot be read at all is an error and stays as it is.
    pub fn open(dir: &Path, key: &str) -> Result<Self, JournalError> {
        let mut journal = Self::read(dir, key)?;
        let unwritable = |path: &Path, e: std::io::Error| JournalError::Unwritable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let journal_dir = dir.join("journal");
        create_private_dir(&journal_dir).map_err(|e| unwritable(&journal_dir, e))?;
        // Both files are opened for appending now, so that a journal that cannot be written
        // stops the program before it does anything, not after.
        for path in [&journal.path, &journal.calls_path].into_iter().flatten() {
            private_options()
                .append(true)
                .create(true)
                .open(path)
                .map_err(|e| unwritable(path, e))?;
        }
        let reserve = journal_dir.join(RESERVE_FILE);
        keep_reserve(&reserve).map_err(|e| unwritable(&reserve, e))?;
        journal.reserve = Some(reserve);
        journal.writable = true;
        if let Some(calls) = journal.calls_path.clone() {
            // What the report does not need goes before this run adds to it.
            if let Err(problem) = calls::compact_if_large(&calls) {
                tracing::warn!("calls not compacted: {problem}");
            }
            journal.mark_calls(&calls::CallLine::Opened {
                opened: Timestamp::now(),
                pid: std::process::id(),
            });
            journal.end_mark = Some(EndMark { path: calls });
        }
        Ok(journal)
    }

    /// Reads the journal `key` under `dir` without ever writing to it (`status`, `check`,
    /// `report`, the read-only TUI): what they notice is kept in memory only.
    pub fn read(dir: &Path, key: &str) -> Result<Self, JournalError> {
        let (path, calls_path) = Self::files(dir, key);
        let (events, gaps) = read_lines_with_gaps::<Event>(&path)?;
        let skipped_events = gaps.len();
        // Read line by line: the calls file may be large until its owner compacts it.
        let skipped_calls = calls::summarize(&calls_path)
            .map_err(|problem| JournalError::Unreadable {
                path: calls_path.clone(),
                problem,
            })?
            .skipped;
        let skipped = [(&path, skipped_events), (&calls_path, skipped_calls)]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(p, n)| (p.clone(), n))
            .collect();
        Ok(Self {
            loaded_len: std::fs::metadata(&path).map_or(0, |m| m.len()),
            path: Some(path),
            calls_path: Some(calls_path),
            events,
            writable: false,
            skipped,
            gaps,
            write_error: Arc::default(),
            reserve: None,
            present: std::collections::BTreeSet::new(),
            end_mark: None,
            seen_until: std::collections::BTreeMap::new(),
        })
    }

    /// The journal's files, events first.
    #[must_use]
    pub fn paths(dir: &Path, key: &str) -> [PathBuf; 2] {
        let (events, calls) = Self::files(dir, key);
        [events, calls]
    }

    /// How many lines could not be read when the journal was opened.
    #[must_use]
    pub fn skipped(&self) -> usize {
        self.skipped.iter().map(|(_, n)| n).sum()
    }

    /// Each file with lines that could not be read, and how many.
    #[must_use]
    pub fn skipped_files(&self) -> &[(PathBuf, usize)] {
        &self.skipped
    }

    /// The events file, when there is one.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The latest write that failed, if any: shown to the learner, not only logged.
    #[must_use]
    pub fn write_error(&self) -> Option<String> {
        self.write_error
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// A reader loads the events again when the owner appended to the file since the last
    /// look; what the reader noticed on its own is dropped and noticed again. True when the
    /// events changed.
    pub fn refresh(&mut self) -> bool {
        if self.writable {
            return false;
        }
        let Some(path) = &self.path else { return false };
        let len = std::fs::metadata(path).map_or(0, |m| m.len());
        if len == self.loaded_len {
            return false;
        }
        match read_lines_with_gaps::<Event>(path) {
            Ok((events, gaps)) => {
                self.events = events;
                self.gaps = gaps;
                self.loaded_len = len;
                true
            }
            Err(e) => {
                tracing::warn!("journal not reloaded: {e}");
                false
            }
        }
    }

    /// Appends a run mark to the calls file (owners only).
    fn mark_calls(&self, mark: &calls::CallLine) {
        if let Some(path) = self.calls_path.as_ref().filter(|_| self.writable)
            && let Err(e) = append_line(path, mark, false)
        {
            tracing::warn!("run mark not written: {e}");
            *self
                .write_error
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) =
                Some(format!("{}: {e}", path.display()));
        }
    }

    /// The calls as the report counts them. A run without an end mark that no longer holds
    /// the state directory ended abruptly (killed or crashed), like the earlier ones.
    #[must_use]
    pub fn call_summary(&self) -> calls::CallSummary {
        let Some(path) = self.calls_path.as_deref() else {
            return calls::CallSummary::default();
        };
        let mut summary = calls::summarize(path).unwrap_or_default();
        if let Some((start, pid)) = summary.open_run {
            let running = pid == std::process::id()
                || path.parent().and_then(Path::parent).is_some_and(|dir| {
                    matches!(crate::state::holding(dir), crate::state::Holding::Running(o) if o.pid == pid)
                });
            if !running {
                summary.ended_abruptly.push(start);
                summary.open_run = None;
            }
        }
        summary
    }

    /// The sink that appends each call to the calls file (owners only). The file is
    /// compacted whenever it has grown past [`calls::COMPACT_AT`].
    #[must_use]
    pub fn call_sink(&self) -> Option<Sink> {
        let path = self.calls_path.clone().filter(|_| self.writable)?;
        let problem = self.write_error.clone();
        // One append or compaction at a time; how many appends since the size was looked at.
        let appends = Arc::new(Mutex::new(0u32));
        let reserve = self.reserve.clone();
        Some(Arc::new(move |call| {
            let mut appended = appends
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *appended += 1;
            if *appended >= CALLS_PER_SIZE_CHECK {
                *appended = 0;
                if let Err(e) = calls::compact_if_large(&path) {
                    tracing::warn!("calls not compacted: {e}");
                }
            }
            if let Err(e) = append_reserved(&path, reserve.as_deref(), call, false) {
                tracing::warn!("call not journaled: {e}");
                *problem
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) =
                    Some(format!("{}: {e}", path.display()));
            }
        }))
    }

    #[must_use]
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The calls recorded for this journal.
    #[must_use]
    pub fn calls(&self) -> Vec<CallRecord> {
        self.calls_path
            .as_deref()
            .and_then(|path| read_lines(path).ok())
            .map(|(calls, _)| calls)
            .unwrap_or_default()
    }

    #[must_use]
    pub fn calls_path(&self) -> Option<PathBuf> {
        self.calls_path.clone()
    }

    pub fn record(&mut self, at: Timestamp, seen: Timestamp, kind: EventKind) {
        let event = Event { at, seen, kind };
        if let Some(path) = self.path.as_ref().filter(|_| self.writable)
            && let Err(e) = append_reserved(path, self.reserve.as_deref(), &event, true)
        {
            tracing::warn!("journal not written: {e}");
            *self
                .write_error
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) =
                Some(format!("{}: {e}", path.display()));
        }
        self.events.push(event);
    }
}

/// The lines of a JSON-lines file that can be read, and how many could not (a line torn by
/// a crash, garbage, another program's text). No file is no lines.
fn read_lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<(Vec<T>, usize), JournalError> {
    read_lines_with_gaps(path).map(|(values, gaps)| (values, gaps.len()))
}

/// [`read_lines`], with where each unreadable line was: how many values came before it.
fn read_lines_with_gaps<T: for<'de> Deserialize<'de>>(
    path: &Path,
) -> Result<(Vec<T>, Vec<usize>), JournalError> {
    let bytes = read_state_file(path, JOURNAL_MAX_BYTES)
        .map_err(|problem| JournalError::Unreadable {
            path: path.to_path_buf(),
            problem,
        })?
        .unwrap_or_default();
    let mut values = Vec::new();
    let mut gaps = Vec::new();
    for line in bytes.split(|b| *b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice(line) {
            Ok(value) => values.push(value),
            Err(_) => gaps.push(values.len()),
        }
    }
    if !gaps.is_empty() {
        let skipped = gaps.len();
        tracing::warn!("{}: {skipped} line(s) could not be read", path.display());
    }
    Ok((values, gaps))
}

/// Appends `value` as one line, in one write. A file whose last line was torn (a crash mid
/// write) gets a line break first, so the new line stands on its own. `durable` also waits
/// until the line is on disk.
fn append_line<T: Serialize>(path: &Path, value: &T, durable: bool) -> std::io::Result<()> {
    let mut file = private_options()
        .read(true)
        .append(true)
        .create(true)
        .open(path)?;
    let mut line = Vec::new();
    if file.metadata()?.len() > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::End(-1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            line.push(b'\n');
        }
    }
    serde_json::to_writer(&mut line, value).map_err(std::io::Error::other)?;
    line.push(b'\n');
    file.write_all(&line)?;
    file.flush()?;
    if durable {
        file.sync_data()?;
    }
    Ok(())
}

/// The file beside the journal that keeps space free for it, and its size: enough for a few
/// lines (a line is well under a kilobyte).
const RESERVE_FILE: &str = ".reserve";
const RESERVE_BYTES: usize = 8 * 1024;

/// Makes sure the reserve is there, full size. Its bytes are random, so that a file system
/// that compresses cannot keep it smaller than it looks.
fn keep_reserve(path: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path)
        .is_ok_and(|m| m.is_file() && m.len() >= u64::try_from(RESERVE_BYTES).unwrap_or(u64::MAX))
    {
        return Ok(());
    }
    let bytes: Vec<u8> = std::iter::repeat_with(|| fastrand::u8(..))
        .take(RESERVE_BYTES)
        .collect();
    crate::state::write_atomic(path, &bytes)
}

/// Appends `value`; when that fails (a full disk), the reserve is given up and the append
/// tried once more, so the line that could not be written still is. The failure is returned
/// either way: the command stops, and nothing it did afterwards is missing from the journal.
fn append_reserved<T: Serialize>(
    path: &Path,
    reserve: Option<&Path>,
    value: &T,
    durable: bool,
) -> std::io::Result<()> {
    let Err(e) = append_line(path, value, durable) else {
        return Ok(());
    };
    if let Some(reserve) = reserve
        && std::fs::remove_file(reserve).is_ok()
        && append_line(path, value, durable).is_ok()
    {
        tracing::warn!("{}: written from the reserve after: {e}", path.display());
    }
    Err(e)
}

/// Appends a call to the calls file.
pub fn append_call(path: &Path, call: &CallRecord) {
    if let Err(e) = append_line(path, call, false) {
        tracing::warn!("call not journaled: {e}");
    }
}

/// Written when the owner's journal is dropped, that is when its run ends normally: the end
/// mark says that no call record of the run is missing.
#[derive(Debug)]
pub(super) struct EndMark {
    pub(super) path: PathBuf,
}

impl Drop for EndMark {
    fn drop(&mut self) {
        let mark = calls::CallLine::Closed {
            closed: Timestamp::now(),
            pid: std::process::id(),
        };
        if let Err(e) = append_line(&self.path, &mark, false) {
            tracing::warn!("run end not marked: {e}");
        }
    }
}
#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::lab::plan::CleanupPath;

    fn at() -> Timestamp {
        "2026-11-25T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_torn_line_is_skipped_and_the_next_append_starts_a_line_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(dir.path(), "sim-x").unwrap();
        journal.record(at(), at(), EventKind::CleanupDone);
        let path = journal.path().unwrap().to_path_buf();
        drop(journal);
        // A crash in the middle of the second line.
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        file.write_all(b"{\"at\":\"2026-11-25T09:01:00Z\",\"se")
            .unwrap();
        drop(file);

        let mut journal = Journal::open(dir.path(), "sim-x").unwrap();
        assert_eq!(journal.events().len(), 1);
        assert_eq!(journal.skipped(), 1);
        journal.record(
            at(),
            at(),
            EventKind::CleanupChosen {
                path: CleanupPath::KeepRestored,
            },
        );

        let reader = Journal::read(dir.path(), "sim-x").unwrap();
        assert_eq!(reader.skipped(), 1, "only the torn line is lost");
        assert_eq!(
            reader
                .events()
                .iter()
                .map(|e| e.kind.name())
                .collect::<Vec<_>>(),
            ["cleanup-done", "cleanup-chosen"]
        );
    }

    #[test]
    fn a_reader_never_writes_and_takes_in_what_the_owner_appends() {
        let dir = tempfile::tempdir().unwrap();
        let mut owner = Journal::open(dir.path(), "sim-y").unwrap();
        let mut reader = Journal::read(dir.path(), "sim-y").unwrap();
        assert!(reader.call_sink().is_none(), "a reader records no calls");
        reader.record(at(), at(), EventKind::CleanupDone);
        assert!(
            std::fs::read_to_string(owner.path().unwrap())
                .unwrap_or_default()
                .is_empty(),
            "what a reader notices stays in memory"
        );
        owner.record(at(), at(), EventKind::TodosVerified { count: 5 });
        assert!(reader.refresh());
        assert_eq!(
            reader
                .events()
                .iter()
                .map(|e| e.kind.name())
                .collect::<Vec<_>>(),
            ["todos-verified"]
        );
        assert!(!reader.refresh(), "nothing new");
    }
}
