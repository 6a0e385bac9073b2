//! The codes of the diagnoses a check makes: one variant per code, its id (kebab-case, part of
//! `check --json` and the Fluent ids `problem-<id>` and `problem-<id>-fix`) said in one place.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::Id;
use crate::msg;

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
    RestorePublic = "restore-public",
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
    SnapshotAfterDeletion = "snapshot-after-deletion",
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

impl ProblemCode {
    /// What the diagnosis found (`problem-<code>`).
    #[must_use]
    pub fn detail_id(self) -> Id {
        match self {
            Self::BackupPendingMaintenance => msg::PROBLEM_BACKUP_PENDING_MAINTENANCE,
            Self::BackupRetentionOther => msg::PROBLEM_BACKUP_RETENTION_OTHER,
            Self::BackupWindowAsLocal => msg::PROBLEM_BACKUP_WINDOW_AS_LOCAL,
            Self::DbHostArn => msg::PROBLEM_DB_HOST_ARN,
            Self::DbHostCase => msg::PROBLEM_DB_HOST_CASE,
            Self::DbHostElsewhere => msg::PROBLEM_DB_HOST_ELSEWHERE,
            Self::DbHostEmpty => msg::PROBLEM_DB_HOST_EMPTY,
            Self::DbHostIdentifier => msg::PROBLEM_DB_HOST_IDENTIFIER,
            Self::DbHostOldEndpoint => msg::PROBLEM_DB_HOST_OLD_ENDPOINT,
            Self::DbHostOtherContainer => msg::PROBLEM_DB_HOST_OTHER_CONTAINER,
            Self::DbHostOtherInstance => msg::PROBLEM_DB_HOST_OTHER_INSTANCE,
            Self::DbHostOtherVariable => msg::PROBLEM_DB_HOST_OTHER_VARIABLE,
            Self::DbHostPort => msg::PROBLEM_DB_HOST_PORT,
            Self::DbHostScheme => msg::PROBLEM_DB_HOST_SCHEME,
            Self::DbHostSnapshotName => msg::PROBLEM_DB_HOST_SNAPSHOT_NAME,
            Self::DbHostSpaces => msg::PROBLEM_DB_HOST_SPACES,
            Self::DbHostTrailingDot => msg::PROBLEM_DB_HOST_TRAILING_DOT,
            Self::RestoreClass => msg::PROBLEM_RESTORE_CLASS,
            Self::RestoreEnded => msg::PROBLEM_RESTORE_ENDED,
            Self::RestoreEngineVersion => msg::PROBLEM_RESTORE_ENGINE_VERSION,
            Self::RestoreMultiAz => msg::PROBLEM_RESTORE_MULTI_AZ,
            Self::RestoreOptionGroup => msg::PROBLEM_RESTORE_OPTION_GROUP,
            Self::RestoreOtherName => msg::PROBLEM_RESTORE_OTHER_NAME,
            Self::RestoreParameterGroup => msg::PROBLEM_RESTORE_PARAMETER_GROUP,
            Self::RestorePublic => msg::PROBLEM_RESTORE_PUBLIC,
            Self::RestoreSecurityGroups => msg::PROBLEM_RESTORE_SECURITY_GROUPS,
            Self::RestoreSingleAz => msg::PROBLEM_RESTORE_SINGLE_AZ,
            Self::RestoreStatusUnknown => msg::PROBLEM_RESTORE_STATUS_UNKNOWN,
            Self::RestoreStorageType => msg::PROBLEM_RESTORE_STORAGE_TYPE,
            Self::RestoreSubnetGroup => msg::PROBLEM_RESTORE_SUBNET_GROUP,
            Self::RestoredDeletedInUse => msg::PROBLEM_RESTORED_DELETED_IN_USE,
            Self::RestoredDeletingInUse => msg::PROBLEM_RESTORED_DELETING_IN_USE,
            Self::RolloutFailed => msg::PROBLEM_ROLLOUT_FAILED,
            Self::RolloutRolledBack => msg::PROBLEM_ROLLOUT_ROLLED_BACK,
            Self::RolloutStuck => msg::PROBLEM_ROLLOUT_STUCK,
            Self::RolloutTasksFailing => msg::PROBLEM_ROLLOUT_TASKS_FAILING,
            Self::ServiceOtherRevision => msg::PROBLEM_SERVICE_OTHER_REVISION,
            Self::ServiceRevisionNotDeployed => msg::PROBLEM_SERVICE_REVISION_NOT_DEPLOYED,
            Self::SnapshotAfterDeletion => msg::PROBLEM_SNAPSHOT_AFTER_DELETION,
            Self::SnapshotBeforeTodos => msg::PROBLEM_SNAPSHOT_BEFORE_TODOS,
            Self::SnapshotCreatingTodosDeleted => msg::PROBLEM_SNAPSHOT_CREATING_TODOS_DELETED,
            Self::SnapshotOtherInstance => msg::PROBLEM_SNAPSHOT_OTHER_INSTANCE,
            Self::SnapshotOtherName => msg::PROBLEM_SNAPSHOT_OTHER_NAME,
            Self::SnapshotTodosUntold => msg::PROBLEM_SNAPSHOT_TODOS_UNTOLD,
            Self::SourceDeleting => msg::PROBLEM_SOURCE_DELETING,
            Self::SourceMissing => msg::PROBLEM_SOURCE_MISSING,
            Self::SourceMissingSnapshotKept => msg::PROBLEM_SOURCE_MISSING_SNAPSHOT_KEPT,
            Self::SourceModified => msg::PROBLEM_SOURCE_MODIFIED,
            Self::SourceStopped => msg::PROBLEM_SOURCE_STOPPED,
            Self::SwitchTooEarly => msg::PROBLEM_SWITCH_TOO_EARLY,
        }
    }

    /// What to do about it (`problem-<code>-fix`).
    #[must_use]
    pub fn fix_id(self) -> Id {
        match self {
            Self::BackupPendingMaintenance => msg::PROBLEM_BACKUP_PENDING_MAINTENANCE_FIX,
            Self::BackupRetentionOther => msg::PROBLEM_BACKUP_RETENTION_OTHER_FIX,
            Self::BackupWindowAsLocal => msg::PROBLEM_BACKUP_WINDOW_AS_LOCAL_FIX,
            Self::DbHostArn => msg::PROBLEM_DB_HOST_ARN_FIX,
            Self::DbHostCase => msg::PROBLEM_DB_HOST_CASE_FIX,
            Self::DbHostElsewhere => msg::PROBLEM_DB_HOST_ELSEWHERE_FIX,
            Self::DbHostEmpty => msg::PROBLEM_DB_HOST_EMPTY_FIX,
            Self::DbHostIdentifier => msg::PROBLEM_DB_HOST_IDENTIFIER_FIX,
            Self::DbHostOldEndpoint => msg::PROBLEM_DB_HOST_OLD_ENDPOINT_FIX,
            Self::DbHostOtherContainer => msg::PROBLEM_DB_HOST_OTHER_CONTAINER_FIX,
            Self::DbHostOtherInstance => msg::PROBLEM_DB_HOST_OTHER_INSTANCE_FIX,
            Self::DbHostOtherVariable => msg::PROBLEM_DB_HOST_OTHER_VARIABLE_FIX,
            Self::DbHostPort => msg::PROBLEM_DB_HOST_PORT_FIX,
            Self::DbHostScheme => msg::PROBLEM_DB_HOST_SCHEME_FIX,
            Self::DbHostSnapshotName => msg::PROBLEM_DB_HOST_SNAPSHOT_NAME_FIX,
            Self::DbHostSpaces => msg::PROBLEM_DB_HOST_SPACES_FIX,
            Self::DbHostTrailingDot => msg::PROBLEM_DB_HOST_TRAILING_DOT_FIX,
            Self::RestoreClass => msg::PROBLEM_RESTORE_CLASS_FIX,
            Self::RestoreEnded => msg::PROBLEM_RESTORE_ENDED_FIX,
            Self::RestoreEngineVersion => msg::PROBLEM_RESTORE_ENGINE_VERSION_FIX,
            Self::RestoreMultiAz => msg::PROBLEM_RESTORE_MULTI_AZ_FIX,
            Self::RestoreOptionGroup => msg::PROBLEM_RESTORE_OPTION_GROUP_FIX,
            Self::RestoreOtherName => msg::PROBLEM_RESTORE_OTHER_NAME_FIX,
            Self::RestoreParameterGroup => msg::PROBLEM_RESTORE_PARAMETER_GROUP_FIX,
            Self::RestorePublic => msg::PROBLEM_RESTORE_PUBLIC_FIX,
            Self::RestoreSecurityGroups => msg::PROBLEM_RESTORE_SECURITY_GROUPS_FIX,
            Self::RestoreSingleAz => msg::PROBLEM_RESTORE_SINGLE_AZ_FIX,
            Self::RestoreStatusUnknown => msg::PROBLEM_RESTORE_STATUS_UNKNOWN_FIX,
            Self::RestoreStorageType => msg::PROBLEM_RESTORE_STORAGE_TYPE_FIX,
            Self::RestoreSubnetGroup => msg::PROBLEM_RESTORE_SUBNET_GROUP_FIX,
            Self::RestoredDeletedInUse => msg::PROBLEM_RESTORED_DELETED_IN_USE_FIX,
            Self::RestoredDeletingInUse => msg::PROBLEM_RESTORED_DELETING_IN_USE_FIX,
            Self::RolloutFailed => msg::PROBLEM_ROLLOUT_FAILED_FIX,
            Self::RolloutRolledBack => msg::PROBLEM_ROLLOUT_ROLLED_BACK_FIX,
            Self::RolloutStuck => msg::PROBLEM_ROLLOUT_STUCK_FIX,
            Self::RolloutTasksFailing => msg::PROBLEM_ROLLOUT_TASKS_FAILING_FIX,
            Self::ServiceOtherRevision => msg::PROBLEM_SERVICE_OTHER_REVISION_FIX,
            Self::ServiceRevisionNotDeployed => msg::PROBLEM_SERVICE_REVISION_NOT_DEPLOYED_FIX,
            Self::SnapshotAfterDeletion => msg::PROBLEM_SNAPSHOT_AFTER_DELETION_FIX,
            Self::SnapshotBeforeTodos => msg::PROBLEM_SNAPSHOT_BEFORE_TODOS_FIX,
            Self::SnapshotCreatingTodosDeleted => msg::PROBLEM_SNAPSHOT_CREATING_TODOS_DELETED_FIX,
            Self::SnapshotOtherInstance => msg::PROBLEM_SNAPSHOT_OTHER_INSTANCE_FIX,
            Self::SnapshotOtherName => msg::PROBLEM_SNAPSHOT_OTHER_NAME_FIX,
            Self::SnapshotTodosUntold => msg::PROBLEM_SNAPSHOT_TODOS_UNTOLD_FIX,
            Self::SourceDeleting => msg::PROBLEM_SOURCE_DELETING_FIX,
            Self::SourceMissing => msg::PROBLEM_SOURCE_MISSING_FIX,
            Self::SourceMissingSnapshotKept => msg::PROBLEM_SOURCE_MISSING_SNAPSHOT_KEPT_FIX,
            Self::SourceModified => msg::PROBLEM_SOURCE_MODIFIED_FIX,
            Self::SourceStopped => msg::PROBLEM_SOURCE_STOPPED_FIX,
            Self::SwitchTooEarly => msg::PROBLEM_SWITCH_TOO_EARLY_FIX,
        }
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
