//! The codes of the diagnoses a check makes: one variant per code, its id (kebab-case, part of
//! `check --json` and the Fluent ids `problem-<id>` and `problem-<id>-fix`) said in one place.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! problem_codes {
    ($($variant:ident = $id:literal,)*) => {
        /// What a diagnosis found; written as its id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(into = "&'static str", try_from = "String")]
        pub enum ProblemCode {
            $($variant,)*
        }

        impl ProblemCode {
            /// Every code.
            pub const ALL: &'static [ProblemCode] = &[$(Self::$variant,)*];

            /// The code's id, as `check --json`, the report and the Fluent ids write it.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)*
                }
            }
        }

        impl std::str::FromStr for ProblemCode {
            type Err = UnknownProblemCode;

            fn from_str(id: &str) -> Result<Self, Self::Err> {
                match id {
                    $($id => Ok(Self::$variant),)*
                    other => Err(UnknownProblemCode(other.to_owned())),
                }
            }
        }
    };
}

problem_codes! {
    BackupPendingMaintenance = "backup-pending-maintenance",
    BackupRetentionOther = "backup-retention-other",
    BackupWindowAsLocal = "backup-window-as-local",
    DbHostArn = "db-host-arn",
    DbHostCase = "db-host-case",
    DbHostElsewhere = "db-host-elsewhere",
    DbHostEmpty = "db-host-empty",
    DbHostIdentifier = "db-host-identifier",
    DbHostOldEndpoint = "db-host-old-endpoint",
    DbHostOtherContainer = "db-host-other-container",
    DbHostOtherInstance = "db-host-other-instance",
    DbHostOtherVariable = "db-host-other-variable",
    DbHostPort = "db-host-port",
    DbHostScheme = "db-host-scheme",
    DbHostSnapshotName = "db-host-snapshot-name",
    DbHostSpaces = "db-host-spaces",
    DbHostTrailingDot = "db-host-trailing-dot",
    RestoreClass = "restore-class",
    RestoreEnded = "restore-ended",
    RestoreEngineVersion = "restore-engine-version",
    RestoreMultiAz = "restore-multi-az",
    RestoreOptionGroup = "restore-option-group",
    RestoreOtherName = "restore-other-name",
    RestoreParameterGroup = "restore-parameter-group",
    RestoreSecurityGroups = "restore-security-groups",
    RestoreSingleAz = "restore-single-az",
    RestoreStatusUnknown = "restore-status-unknown",
    RestoreStorageType = "restore-storage-type",
    RestoreSubnetGroup = "restore-subnet-group",
    RestoredDeletedInUse = "restored-deleted-in-use",
    RestoredDeletingInUse = "restored-deleting-in-use",
    RolloutFailed = "rollout-failed",
    RolloutRolledBack = "rollout-rolled-back",
    RolloutStuck = "rollout-stuck",
    RolloutTasksFailing = "rollout-tasks-failing",
    ServiceOtherRevision = "service-other-revision",
    ServiceRevisionNotDeployed = "service-revision-not-deployed",
    SnapshotBeforeTodos = "snapshot-before-todos",
    SnapshotCreatingTodosDeleted = "snapshot-creating-todos-deleted",
    SnapshotOtherInstance = "snapshot-other-instance",
    SnapshotOtherName = "snapshot-other-name",
    SnapshotTodosUntold = "snapshot-todos-untold",
    SourceDeleting = "source-deleting",
    SourceMissing = "source-missing",
    SourceMissingSnapshotKept = "source-missing-snapshot-kept",
    SourceModified = "source-modified",
    SourceStopped = "source-stopped",
    SwitchTooEarly = "switch-too-early",
}

/// An id that names no diagnosis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownProblemCode(pub String);

impl fmt::Display for UnknownProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no diagnosis has the code {:?}", self.0)
    }
}

impl std::error::Error for UnknownProblemCode {}

impl TryFrom<String> for ProblemCode {
    type Error = UnknownProblemCode;

    fn try_from(id: String) -> Result<Self, Self::Error> {
        id.parse()
    }
}

impl From<ProblemCode> for &'static str {
    fn from(code: ProblemCode) -> Self {
        code.as_str()
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_written_and_read_as_its_id() {
        for &code in ProblemCode::ALL {
            let id = code.as_str();
            assert_eq!(id.parse::<ProblemCode>(), Ok(code));
            assert_eq!(
                serde_json::to_string(&code).expect("json"),
                format!("\"{id}\"")
            );
            let read: ProblemCode = serde_json::from_str(&format!("\"{id}\"")).expect("code");
            assert_eq!(read, code);
        }
        assert_eq!(
            ProblemCode::RestoredDeletedInUse.as_str(),
            "restored-deleted-in-use"
        );
        assert!("no-such-code".parse::<ProblemCode>().is_err());
        assert!(serde_json::from_str::<ProblemCode>("\"no-such-code\"").is_err());
    }
}
