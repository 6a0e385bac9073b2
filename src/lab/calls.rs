//! The calls file of a journal: one JSON line per cloud call, appended by the owner. The
//! report needs every write call (when, what, how it ended) but of the reads only how many of
//! each there were, so the file is compacted whenever it grows past [`COMPACT_AT`]: the reads
//! become one tally line, the writes and the run marks stay as they are. A lab left running
//! for days keeps a file of some kilobytes to [`COMPACT_AT`], and the report counts the same.
//!
//! Each owner writes a mark when it starts and when it ends; a start without an end means
//! that run was killed or crashed, and the call it was making may be missing from the count
//! (its record is written when the answer came). The report says so.
//!
//! The file is read line by line, never whole, so a file of any size can be read and
//! compacted; a line longer than [`MAX_LINE`] is skipped like a damaged one.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::cloud::recorder::CallRecord;
use crate::state::FileProblem;

/// Above this size the calls file is compacted.
pub const COMPACT_AT: u64 = 2 * 1024 * 1024;
/// The longest line read; a real one has a few hundred bytes.
const MAX_LINE: usize = 1024 * 1024;

/// How many read calls of one kind (one CLI line) were made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadTally {
    pub operation: String,
    pub cli: String,
    pub count: u64,
}

/// One line of the calls file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CallLine {
    Call(CallRecord),
    /// Read calls of earlier lines, counted.
    Compacted {
        compacted: Vec<ReadTally>,
    },
    /// An owner started (process `pid`).
    Opened {
        opened: Timestamp,
        pid: u32,
    },
    /// That owner ended normally.
    Closed {
        closed: Timestamp,
        pid: u32,
    },
}

/// What the calls file holds, as the report uses it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallSummary {
    /// Every write call, oldest first.
    pub writes: Vec<CallRecord>,
    /// The read calls, counted per CLI line (sorted by it).
    pub reads: Vec<ReadTally>,
    /// Runs that started and never ended (killed or crashed): when each started. The run
    /// still going on (the last one, while its process holds the state) is not among them.
    pub ended_abruptly: Vec<Timestamp>,
    /// The last run's start when it has no end mark (it may still be running).
    pub open_run: Option<(Timestamp, u32)>,
    /// Lines that could not be read.
    pub skipped: usize,
    /// Every run mark, in order (kept by compaction).
    marks: Vec<CallLine>,
}

impl CallSummary {
    /// All calls counted, reads and writes.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.reads.iter().map(|r| r.count).sum::<u64>()
            + u64::try_from(self.writes.len()).unwrap_or(u64::MAX)
    }
}

/// Reads the calls file at `path` line by line (no file: nothing).
pub fn summarize(path: &Path) -> Result<CallSummary, FileProblem> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(CallSummary::default()),
        Err(e) => return Err(FileProblem::Io(e.to_string())),
    };
    let meta = file
        .metadata()
        .map_err(|e| FileProblem::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(FileProblem::NotRegular);
    }
    let mut reader = BufReader::new(file);
    let mut summary = CallSummary::default();
    let mut reads: BTreeMap<String, ReadTally> = BTreeMap::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = (&mut reader)
            .take(u64::try_from(MAX_LINE).unwrap_or(u64::MAX) + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| FileProblem::Io(e.to_string()))?;
        if read == 0 {
            break;
        }
        if line.len() > MAX_LINE {
            // The rest of an overlong line is skipped up to its end.
            summary.skipped += 1;
            skip_line(&mut reader).map_err(|e| FileProblem::Io(e.to_string()))?;
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<CallLine>(&line) {
            Ok(CallLine::Call(call)) if call.writes => summary.writes.push(call),
            Ok(CallLine::Call(call)) => add(&mut reads, call.operation, call.cli, 1),
            Ok(CallLine::Compacted { compacted }) => {
                for t in compacted {
                    add(&mut reads, t.operation, t.cli, t.count);
                }
            }
            Ok(mark @ CallLine::Opened { opened, pid }) => {
                if let Some((start, _)) = summary.open_run.replace((opened, pid)) {
                    summary.ended_abruptly.push(start);
                }
                summary.marks.push(mark);
            }
            Ok(mark @ CallLine::Closed { pid, .. }) => {
                if summary.open_run.is_some_and(|(_, p)| p == pid) {
                    summary.open_run = None;
                }
                summary.marks.push(mark);
            }
            Err(_) => summary.skipped += 1,
        }
    }
    summary.reads = reads.into_values().collect();
    Ok(summary)
}

fn add(reads: &mut BTreeMap<String, ReadTally>, operation: String, cli: String, count: u64) {
    reads
        .entry(cli.clone())
        .or_insert(ReadTally {
            operation,
            cli,
            count: 0,
        })
        .count += count;
}

fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|b| *b == b'\n') {
            reader.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        reader.consume(n);
    }
}

/// Rewrites the calls file at `path` compacted: one tally of the reads, then the writes and
/// the run marks. Replaced atomically; lines that could not be read are dropped (they were
/// counted as skipped before). The owner calls it, never a reader.
pub fn compact(path: &Path) -> Result<(), FileProblem> {
    let summary = summarize(path)?;
    let mut out = Vec::new();
    let mut push = |line: &CallLine| -> Result<(), FileProblem> {
        serde_json::to_writer(&mut out, line).map_err(|e| FileProblem::Io(e.to_string()))?;
        out.push(b'\n');
        Ok(())
    };
    if !summary.reads.is_empty() {
        push(&CallLine::Compacted {
            compacted: summary.reads.clone(),
        })?;
    }
    for mark in &summary.marks {
        push(mark)?;
    }
    for call in &summary.writes {
        push(&CallLine::Call(call.clone()))?;
    }
    crate::state::write_atomic(path, &out).map_err(|e| FileProblem::Io(e.to_string()))
}

/// Compacts the file at `path` when it is larger than [`COMPACT_AT`].
pub fn compact_if_large(path: &Path) -> Result<bool, FileProblem> {
    let large = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > COMPACT_AT);
    if large {
        compact(path)?;
    }
    Ok(large)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(seq: u64, op: &str, writes: bool) -> CallRecord {
        CallRecord {
            seq,
            at: "2026-11-25T09:00:00Z".parse().unwrap(),
            operation: op.into(),
            cli: format!("aws {op}"),
            error: None,
            millis: 3,
            writes,
        }
    }

    #[test]
    fn compaction_keeps_every_write_and_the_count_of_every_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.calls.jsonl");
        let mut text = String::new();
        let at: Timestamp = "2026-11-25T09:00:00Z".parse().unwrap();
        text.push_str(&serde_json::to_string(&CallLine::Opened { opened: at, pid: 7 }).unwrap());
        text.push('\n');
        for i in 0..30_000 {
            let writes = i % 1000 == 0;
            let op = if writes {
                "CreateDBSnapshot"
            } else {
                "DescribeDBInstances"
            };
            text.push_str(&serde_json::to_string(&call(i, op, writes)).unwrap());
            text.push('\n');
        }
        text.push_str("{torn\n");
        text.push_str(&serde_json::to_string(&CallLine::Opened { opened: at, pid: 8 }).unwrap());
        text.push('\n');
        std::fs::write(&path, &text).unwrap();
        let before = summarize(&path).unwrap();
        assert_eq!(before.total(), 30_000);
        assert_eq!(before.writes.len(), 30);
        assert_eq!(before.skipped, 1);
        assert_eq!(before.ended_abruptly, vec![at], "pid 7 never ended");
        assert!(compact_if_large(&path).unwrap());
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(size < 64 * 1024, "compacted to {size} bytes");
        let after = summarize(&path).unwrap();
        assert_eq!(after.total(), before.total());
        assert_eq!(after.writes, before.writes);
        assert_eq!(after.reads, before.reads);
        assert_eq!(after.ended_abruptly, before.ended_abruptly);
        assert_eq!(after.open_run, Some((at, 8)));
        assert!(!compact_if_large(&path).unwrap(), "small now");
    }
}
