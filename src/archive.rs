//! `--reset`: what a fresh start moves out of the way is kept in `<state>/archive/<time>/`,
//! under the same relative path it had, and the newest [`KEPT_RESETS`] resets are kept. A
//! reset first checks that it can do all of it, then moves everything or nothing: a move that
//! fails puts back what was moved before it.
//!
//! The layout check ([`layout_problem`]) finds a file where the state directory keeps a
//! directory (`sim`, `journal`, or the state directory itself), so the learner gets advice
//! that mends it: a reset moves such a file into the archive too, but a state directory that
//! is a file is the learner's own path, and only they can move it or choose another.

use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

/// The directory resets are kept in, inside the state directory.
pub const ARCHIVE_DIR: &str = "archive";
/// How many resets are kept; older ones are deleted after a reset that succeeded.
pub const KEPT_RESETS: usize = 3;
/// The directories of the state directory that hold its files.
pub const STATE_SUBDIRS: [&str; 2] = ["sim", "journal"];

/// Something in the way of the state directory's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutProblem {
    /// The state directory itself is a file (or another non-directory).
    StateDirNotDir(PathBuf),
    /// `sim` or `journal` inside it is not a directory.
    SubdirNotDir(PathBuf),
}

/// A non-directory where the state directory or one of `subdirs` (of [`STATE_SUBDIRS`])
/// belongs. Symbolic links inside are looked at, not followed, and left to the files' own
/// refusal (which names the link); the state directory itself may be a link to a directory
/// (the learner's choice).
#[must_use]
pub fn layout_problem(state_dir: &Path, subdirs: &[&str]) -> Option<LayoutProblem> {
    match std::fs::metadata(state_dir) {
        Ok(m) if !m.is_dir() => return Some(LayoutProblem::StateDirNotDir(state_dir.into())),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            return Some(LayoutProblem::StateDirNotDir(state_dir.into()));
        }
        _ => {}
    }
    subdirs
        .iter()
        .map(|d| state_dir.join(d))
        .find(|p| {
            std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir() && !m.file_type().is_symlink())
        })
        .map(LayoutProblem::SubdirNotDir)
}

/// Why a reset did not happen. Nothing was changed, except where `stranded` says: files that
/// were already moved into the archive and could not be moved back (then the archive is kept).
#[derive(Debug)]
pub struct ResetError {
    pub path: PathBuf,
    pub error: io::Error,
    /// (where the file belongs, where it is now) for each file the undo could not put back.
    pub stranded: Vec<(PathBuf, PathBuf)>,
}

/// A reset that went through: where its files are kept, and how many older resets were
/// deleted to keep [`KEPT_RESETS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archived {
    pub dir: PathBuf,
    pub moved: Vec<PathBuf>,
    pub pruned: usize,
}

/// Moves `paths` (those that exist; each inside `state_dir`) into a new archive directory,
/// all or nothing, then deletes the oldest archives beyond [`KEPT_RESETS`]. `None` when
/// there was nothing to move.
pub fn reset(state_dir: &Path, paths: &[PathBuf]) -> Result<Option<Archived>, ResetError> {
    reset_with(state_dir, paths, &|from, to| std::fs::rename(from, to))
}

/// [`reset`], moving files with `rename` (a test makes it fail where the file system rarely
/// does).
fn reset_with(
    state_dir: &Path,
    paths: &[PathBuf],
    rename: &dyn Fn(&Path, &Path) -> io::Result<()>,
) -> Result<Option<Archived>, ResetError> {
    let present: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .collect();
    if present.is_empty() {
        return Ok(None);
    }
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |error| ResetError {
            path,
            error,
            stranded: Vec::new(),
        }
    };
    // Everything is checked before the first move: the archive can be made, and each file can
    // be moved (its directory is writable; a rename within one file system).
    let root = state_dir.join(ARCHIVE_DIR);
    let stamp = Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut dir = root.join(&stamp);
    let mut n = 1;
    while std::fs::symlink_metadata(&dir).is_ok() {
        n += 1;
        dir = root.join(format!("{stamp}-{n}"));
    }
    crate::state::create_private_dir(&dir).map_err(fail(&dir))?;
    let mut plan = Vec::new();
    for path in present {
        let relative = path.strip_prefix(state_dir).unwrap_or(path.as_path());
        let target = dir.join(relative);
        let prepared = target
            .parent()
            .map_or(Ok(()), crate::state::create_private_dir)
            .and_then(|()| writable(path.parent().unwrap_or(state_dir)));
        if let Err(error) = prepared {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(ResetError {
                path: path.clone(),
                error,
                stranded: Vec::new(),
            });
        }
        plan.push((path.clone(), target));
    }
    let mut done: Vec<&(PathBuf, PathBuf)> = Vec::new();
    for step in &plan {
        if let Err(error) = rename(&step.0, &step.1) {
            // Undo what was moved. A file that cannot be put back stays in the archive, which
            // is then kept (never deleted with it), and the error says where it is.
            let stranded: Vec<(PathBuf, PathBuf)> = done
                .iter()
                .rev()
                .filter(|(from, to)| rename(to, from).is_err())
                .map(|(from, to)| (from.clone(), to.clone()))
                .collect();
            if stranded.is_empty() {
                let _ = std::fs::remove_dir_all(&dir);
            }
            return Err(ResetError {
                path: step.0.clone(),
                error,
                stranded,
            });
        }
        done.push(step);
    }
    let pruned = prune(&root, &dir);
    Ok(Some(Archived {
        dir,
        moved: plan.into_iter().map(|(from, _)| from).collect(),
        pruned,
    }))
}

/// Whether files can be moved out of `dir`: a temporary file is made and removed there.
fn writable(dir: &Path) -> io::Result<()> {
    let probe = dir.join(format!(".reset-check.{}", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)?;
    std::fs::remove_file(&probe)
}

/// Deletes the oldest archives so that [`KEPT_RESETS`] remain (`current` among them).
fn prune(root: &Path, current: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(root) else {
        return 0;
    };
    let mut dirs: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    // Names are UTC times: their order is the order of the resets.
    dirs.sort();
    let excess = dirs.len().saturating_sub(KEPT_RESETS);
    dirs.into_iter()
        .take(excess)
        .filter(|d| d != current)
        .filter(|d| std::fs::remove_dir_all(d).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_moves_all_or_nothing_and_keeps_the_last_few() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path();
        std::fs::create_dir_all(state.join("sim")).unwrap();
        std::fs::write(state.join("sim/world.json"), "{}").unwrap();
        std::fs::write(state.join("journal"), "not a dir").unwrap();
        assert_eq!(
            layout_problem(state, &STATE_SUBDIRS),
            Some(LayoutProblem::SubdirNotDir(state.join("journal")))
        );
        assert_eq!(
            layout_problem(&state.join("journal"), &[]),
            Some(LayoutProblem::StateDirNotDir(state.join("journal")))
        );
        let paths = [state.join("sim/world.json"), state.join("journal")];
        let archived = reset(state, &paths).unwrap().unwrap();
        assert!(!state.join("journal").exists() && !state.join("sim/world.json").exists());
        assert_eq!(
            std::fs::read_to_string(archived.dir.join("journal")).unwrap(),
            "not a dir"
        );
        // Private to the user, as the state directory's own (docs/FAULTS.md).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for d in [archived.dir.clone(), archived.dir.join("sim")] {
                let mode = std::fs::metadata(&d).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o700, "{}", d.display());
            }
        }
        assert_eq!(layout_problem(state, &STATE_SUBDIRS), None);
        for _ in 0..5 {
            std::fs::write(state.join("sim/world.json"), "{}").unwrap();
            reset(state, &paths).unwrap().unwrap();
        }
        let kept = std::fs::read_dir(state.join(ARCHIVE_DIR)).unwrap().count();
        assert_eq!(kept, KEPT_RESETS);
        assert_eq!(reset(state, &paths).unwrap(), None, "nothing to move");
    }

    #[test]
    fn a_reset_that_cannot_finish_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path();
        std::fs::create_dir_all(state.join("sim")).unwrap();
        std::fs::create_dir_all(state.join("journal")).unwrap();
        std::fs::write(state.join("sim/world.json"), "{}").unwrap();
        std::fs::write(state.join("journal/k.jsonl"), "x").unwrap();
        // The third move cannot be made (a directory into itself), whoever runs the test.
        std::fs::create_dir_all(state.join(ARCHIVE_DIR)).unwrap();
        let result = reset(
            state,
            &[
                state.join("sim/world.json"),
                state.join("journal/k.jsonl"),
                state.join(ARCHIVE_DIR),
            ],
        );
        assert!(result.is_err());
        assert_eq!(
            std::fs::read_to_string(state.join("sim/world.json")).unwrap(),
            "{}",
            "the world was put back"
        );
        assert_eq!(
            std::fs::read_to_string(state.join("journal/k.jsonl")).unwrap(),
            "x"
        );
        let archives = std::fs::read_dir(state.join(ARCHIVE_DIR)).map_or(0, Iterator::count);
        assert_eq!(archives, 0, "no archive left behind");
        // The archive that cannot be made: nothing moves either.
        std::fs::remove_dir_all(state.join(ARCHIVE_DIR)).ok();
        std::fs::write(state.join(ARCHIVE_DIR), "a file").unwrap();
        assert!(reset(state, &[state.join("sim/world.json")]).is_err());
        assert!(state.join("sim/world.json").exists());
    }

    #[test]
    fn a_file_the_undo_cannot_put_back_is_kept_in_the_archive_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path();
        std::fs::create_dir_all(state.join("sim")).unwrap();
        std::fs::write(state.join("sim/world.json"), "{}").unwrap();
        std::fs::write(state.join("sim/run-speed.json"), "15").unwrap();
        // The second move fails, and so does putting the first one back.
        let calls = std::cell::Cell::new(0);
        let rename = |from: &Path, to: &Path| {
            calls.set(calls.get() + 1);
            if calls.get() == 1 {
                std::fs::rename(from, to)
            } else {
                Err(io::Error::other("refused"))
            }
        };
        let error = reset_with(
            state,
            &[
                state.join("sim/world.json"),
                state.join("sim/run-speed.json"),
            ],
            &rename,
        )
        .expect_err("the reset fails");
        assert_eq!(error.stranded.len(), 1);
        let (belongs, is_at) = &error.stranded[0];
        assert_eq!(belongs, &state.join("sim/world.json"));
        assert_eq!(
            std::fs::read_to_string(is_at).unwrap(),
            "{}",
            "the world is kept where the error says, not deleted with the archive"
        );
        assert!(state.join("sim/run-speed.json").exists());
    }
}
