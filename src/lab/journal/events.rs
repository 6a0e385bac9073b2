//! The event schema: what one line of the journal file says. The kinds are one list
//! (`event_kinds!`): each entry gives the variant, its wire name (the `kind` of each line)
//! and its data; the data-less [`Kind`], [`EventKind::kind`], [`Kind::name`] and [`Kind::ALL`]
//! are derived from it. A wire name never changes: journals written before stay readable
//! (`before-split.jsonl` beside this file is one, and the tests read it).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::cloud::TodoId;
use crate::lab::StepId;
use crate::lab::plan::CleanupPath;

/// A todo list as the journal notes it: id and title of each todo.
pub type TodoList = Vec<(TodoId, String)>;

/// Writes [`EventKind`] (each variant with its wire name as serde's tag), [`Kind`] (the same
/// variants without data) and the functions between them from one list of
/// `Variant { fields } = "wire-name"` entries (`Variant = "wire-name"` for one without data).
macro_rules! event_kinds {
    ($(
        $(#[$meta:meta])*
        $variant:ident $({ $($fields:tt)* })? = $wire:literal
    ),* $(,)?) => {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind")]
        pub enum EventKind {
            $(
                $(#[$meta])*
                #[serde(rename = $wire)]
                $variant $({ $($fields)* })?,
            )*
        }

        /// The kinds of event, without their data: what the journal is asked about.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Kind {
            $($variant,)*
        }

        impl EventKind {
            /// Which kind of event this is, for lookups.
            #[must_use]
            pub fn kind(&self) -> Kind {
                match self {
                    $(Self::$variant { .. } => Kind::$variant,)*
                }
            }
        }

        impl Kind {
            /// Every kind, in the order of the list.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// The name the journal file writes (`kind` of each line).
            #[must_use]
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                }
            }
        }
    };
}

event_kinds! {
    /// Automated backups are on (retention > 0): a recovery point every ~5 minutes.
    BackupsEnabled {
        retention_days: u32,
    } = "backups-enabled",
    /// A manual snapshot became available; `at` is the moment it holds.
    Snapshot {
        id: String,
    } = "snapshot",
    /// The lab's snapshot was requested (by the program, at the request) or first seen
    /// `creating` (made in the console). One per snapshot, however long it takes.
    SnapshotRequested {
        id: String,
    } = "snapshot-requested",
    /// A resource the journal followed (snapshot or instance) is no longer there; a later
    /// request for the same name is a new one.
    Gone {
        resource: String,
    } = "gone",
    /// The todo list as it was seen, whenever it changed.
    Todos {
        todos: Vec<(TodoId, String)>,
    } = "todos",
    /// The todos were deleted; `at` is when the deleting began (or, for a deletion made
    /// elsewhere, when backup-lab first saw fewer todos).
    Disaster {
        lost: Vec<String>,
        /// The last moment backup-lab saw the full list: the deletion began after it. Far
        /// from `at`, the deletion happened while backup-lab was not watching.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        full_until: Option<Timestamp>,
    } = "disaster",
    RestoreRequested {
        instance: String,
    } = "restore-requested",
    RestoreAvailable {
        instance: String,
    } = "restore-available",
    /// The learner chose `instance`, restored under another name, as the restored database of
    /// this run: checks and actions use it from then on (until a restore under the lab's name
    /// is requested).
    RestoreAdopted {
        instance: String,
    } = "restore-adopted",
    BackendSwitched {
        revision: u32,
        /// The revision the service ran before the switch, when the look saw it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<u32>,
    } = "backend-switched",
    RolloutComplete {
        revision: u32,
    } = "rollout-complete",
    /// The rollout onto the restored database failed (the circuit breaker declared it FAILED,
    /// or rolled the service back); a new switch starts over.
    RolloutFailed {
        revision: u32,
        failed_tasks: u32,
    } = "rollout-failed",
    TodosVerified {
        count: usize,
    } = "todos-verified",
    /// The learner looked in the browser and confirmed the todos the app served just then.
    TodosSeen {
        count: usize,
    } = "todos-seen",
    /// `restored_to` is the moment the restore holds: the one the plan aimed at, or the
    /// source's latest restorable time when a restore made elsewhere was seen.
    PitrRequested {
        instance: String,
        restored_to: Option<Timestamp>,
        /// The learner named the moment (`--restore-time`): it is neither the latest
        /// restorable time nor the moment before the deletion the lab aims at.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        chosen: bool,
    } = "pitr-requested",
    PitrAvailable {
        instance: String,
    } = "pitr-available",
    /// The way cleanup goes, one [`CleanupPath`], written as `"path": "keep-restored"`
    /// (older journals wrote two flags, `keep_restored` and `copy_back`; they still load).
    CleanupChosen {
        #[serde(flatten, with = "cleanup_path")]
        path: CleanupPath,
    } = "cleanup-chosen",
    CleanupDone = "cleanup-done",
    /// Dump & restore: the copy task was started (RunTask); `at` is when ECS created it.
    CopyStarted {
        task: String,
        task_definition: String,
    } = "copy-started",
    /// The copy task stopped with exit code 0: the original database holds the restored data.
    CopyDone {
        task: String,
    } = "copy-done",
    /// The copy task stopped without success: ECS's reason and the exit code, if it had one.
    CopyFailed {
        task: String,
        reason: Option<String>,
        exit_code: Option<i32>,
    } = "copy-failed",
    /// Dump & restore: the app serves the todos from the original database again.
    ServedFromSource {
        count: usize,
    } = "served-from-source",
    /// An action the program performed and how it ended.
    Action {
        step: StepId,
        ok: bool,
    } = "action",
    /// The learner answered a self-check question with choice `choice` (0-based).
    SelfCheckAnswered {
        question: String,
        choice: u8,
        right: bool,
    } = "self-check-answered",
}

impl EventKind {
    /// The kind's name as the journal file writes it.
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When it happened, by the cloud's clock.
    pub at: Timestamp,
    /// When the program noticed it.
    pub seen: Timestamp,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// The cleanup path of a `cleanup-chosen` line: written as `path`, read from `path` or from the
/// two flags older journals wrote (`keep_restored`, and `copy_back` only when set).
mod cleanup_path {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::lab::plan::CleanupPath;

    #[derive(Serialize)]
    struct Written {
        path: CleanupPath,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Read {
        Path {
            path: CleanupPath,
        },
        Flags {
            keep_restored: bool,
            #[serde(default)]
            copy_back: bool,
        },
    }

    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` hands over a reference
    pub(super) fn serialize<S: Serializer>(path: &CleanupPath, s: S) -> Result<S::Ok, S::Error> {
        Written { path: *path }.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<CleanupPath, D::Error> {
        Ok(match Read::deserialize(d)? {
            Read::Path { path } => path,
            Read::Flags {
                keep_restored: true,
                ..
            } => CleanupPath::KeepRestored,
            Read::Flags {
                copy_back: true, ..
            } => CleanupPath::CopyBack,
            Read::Flags { .. } => CleanupPath::GoBack,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::journal::Journal;

    /// A journal as the version before the one list of kinds wrote it: every kind once or
    /// more, then three `cleanup-chosen` lines in the older two-flag form.
    const BEFORE_SPLIT: &str = include_str!("before-split.jsonl");

    fn at() -> Timestamp {
        "2026-11-25T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn the_cleanup_path_is_written_as_one_name_and_old_journals_with_two_flags_still_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(dir.path(), "sim-new").unwrap();
        journal.record(
            at(),
            at(),
            EventKind::CleanupChosen {
                path: CleanupPath::CopyBack,
            },
        );
        let written = std::fs::read_to_string(journal.path().unwrap()).unwrap();
        assert!(
            written.contains(r#""kind":"cleanup-chosen","path":"copy-back""#),
            "{written}"
        );
        assert!(!written.contains("keep_restored"), "{written}");
        drop(journal);
        let reader = Journal::read(dir.path(), "sim-new").unwrap();
        assert_eq!(reader.cleanup_path(), Some(CleanupPath::CopyBack));

        let old = [
            (
                r#""kind":"cleanup-chosen","keep_restored":true"#,
                CleanupPath::KeepRestored,
            ),
            (
                r#""kind":"cleanup-chosen","keep_restored":false,"copy_back":true"#,
                CleanupPath::CopyBack,
            ),
            (
                r#""kind":"cleanup-chosen","keep_restored":false"#,
                CleanupPath::GoBack,
            ),
        ];
        for (i, (line, path)) in old.into_iter().enumerate() {
            let key = format!("sim-old-{i}");
            let file = &Journal::paths(dir.path(), &key)[0];
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(
                file,
                format!(
                    "{{\"at\":\"2026-11-25T09:00:00Z\",\"seen\":\"2026-11-25T09:00:00Z\",{line}}}\n"
                ),
            )
            .unwrap();
            let reader = Journal::read(dir.path(), &key).unwrap();
            assert_eq!(reader.skipped(), 0, "{line}");
            assert_eq!(reader.cleanup_path(), Some(path), "{line}");
        }
    }

    #[test]
    fn a_journal_written_before_the_one_list_of_kinds_loads_and_is_written_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let file = &Journal::paths(dir.path(), "sim-before")[0];
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, BEFORE_SPLIT).unwrap();
        let journal = Journal::read(dir.path(), "sim-before").unwrap();
        assert_eq!(journal.skipped(), 0, "every line of the old file is read");
        let lines: Vec<&str> = BEFORE_SPLIT.lines().collect();
        assert_eq!(journal.events().len(), lines.len());

        // Every kind the old file has is still one of the list, under the same name.
        let names: std::collections::BTreeSet<&str> =
            journal.events().iter().map(|e| e.kind.name()).collect();
        assert_eq!(names.len(), Kind::ALL.len(), "the file has every kind");
        for (event, line) in journal.events().iter().zip(&lines) {
            let wire: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(wire["kind"], event.kind.name(), "{line}");
            assert!(Kind::ALL.contains(&event.kind.kind()));
        }
        // Written again, a line is what the old version wrote (but the two-flag form, which
        // is written as one path since).
        let (current, two_flags) = lines.split_at(lines.len() - 3);
        for (event, line) in journal.events().iter().zip(current) {
            assert_eq!(serde_json::to_string(event).unwrap(), *line);
        }
        let paths: Vec<_> = journal.events()[current.len()..]
            .iter()
            .map(|e| match e.kind {
                EventKind::CleanupChosen { path } => path,
                _ => panic!("{e:?}"),
            })
            .collect();
        assert_eq!(
            paths,
            [
                CleanupPath::KeepRestored,
                CleanupPath::CopyBack,
                CleanupPath::GoBack
            ],
            "{two_flags:?}"
        );
        assert_eq!(journal.cleanup_path(), Some(CleanupPath::GoBack));
    }

    #[test]
    fn the_kinds_have_distinct_wire_names_in_kebab_case() {
        let names: std::collections::BTreeSet<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), Kind::ALL.len());
        for name in names {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
        }
    }
}
