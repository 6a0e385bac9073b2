//! Statuses AWS reports, as enums. Each keeps AWS's wire name (in JSON, the journal and the
//! simulated world) and a status AWS may add later survives as `Other` with its name, so old
//! files load and nothing is lost.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An enum of known wire names plus `Other(String)`, serialized as the name.
macro_rules! status {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A status this program does not know by name.
            Other(String),
        }

        impl $name {
            /// AWS's name of the status.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(name) => name,
                }
            }
        }

        /// No status read (yet): as an empty name did before there were enums.
        impl Default for $name {
            fn default() -> Self {
                Self::Other(String::new())
            }
        }

        impl From<&str> for $name {
            fn from(name: &str) -> Self {
                match name {
                    $($wire => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(name: String) -> Self {
                match Self::from(name.as_str()) {
                    Self::Other(_) => Self::Other(name),
                    known => known,
                }
            }
        }

        impl From<$name> for String {
            fn from(status: $name) -> Self {
                status.as_str().to_owned()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&$name> for crate::text::Arg {
            fn from(status: &$name) -> Self {
                Self::Str(status.as_str().to_owned())
            }
        }

        impl From<$name> for crate::text::Arg {
            fn from(status: $name) -> Self {
                Self::Str(status.as_str().to_owned())
            }
        }
    };
}

status! {
    /// `DBInstanceStatus` (RDS User Guide, "Viewing Amazon RDS DB instance status").
    InstanceStatus {
        Available = "available",
        BackingUp = "backing-up",
        Creating = "creating",
        Deleting = "deleting",
        Failed = "failed",
        InaccessibleEncryptionCredentials = "inaccessible-encryption-credentials",
        InaccessibleEncryptionCredentialsRecoverable =
            "inaccessible-encryption-credentials-recoverable",
        IncompatibleNetwork = "incompatible-network",
        IncompatibleOptionGroup = "incompatible-option-group",
        IncompatibleParameters = "incompatible-parameters",
        IncompatibleRestore = "incompatible-restore",
        InsufficientCapacity = "insufficient-capacity",
        Modifying = "modifying",
        Rebooting = "rebooting",
        RestoreError = "restore-error",
        Starting = "starting",
        Stopped = "stopped",
        Stopping = "stopping",
        StorageFull = "storage-full",
        StorageOptimization = "storage-optimization",
        Upgrading = "upgrading",
    }
}

/// Statuses of the RDS User Guide's table that pass by themselves (maintenance, renames,
/// storage work, …), beyond the ones named above.
const PASSING: [&str; 8] = [
    "converting-to-vpc",
    "delete-precheck",
    "maintenance",
    "moving-to-vpc",
    "renaming",
    "resetting-master-credentials",
    "storage-config-upgrade",
    "storage-initialization",
];

impl InstanceStatus {
    /// `configuring-enhanced-monitoring`, `configuring-log-exports`, …
    #[must_use]
    pub fn is_configuring(&self) -> bool {
        self.as_str().starts_with("configuring-")
    }

    /// Statuses that do not end by themselves (RDS User Guide, "Viewing Amazon RDS DB
    /// instance status"): the instance stays so until someone acts (deletes it, changes a
    /// setting, restores again). Waiting for them is waiting forever.
    #[must_use]
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Failed
                | Self::InaccessibleEncryptionCredentials
                | Self::InaccessibleEncryptionCredentialsRecoverable
                | Self::IncompatibleNetwork
                | Self::IncompatibleOptionGroup
                | Self::IncompatibleParameters
                | Self::IncompatibleRestore
                | Self::InsufficientCapacity
                | Self::RestoreError
                | Self::StorageFull
        )
    }

    /// A status this program does not know: not in the User Guide's table as the program
    /// read it, so whether it passes by itself is unknown (it is shown as RDS wrote it).
    #[must_use]
    pub fn is_unknown(&self) -> bool {
        match self {
            Self::Other(name) => {
                !name.is_empty() && !self.is_configuring() && !PASSING.contains(&name.as_str())
            }
            _ => false,
        }
    }

    /// Every status [`Self::is_terminal`] holds, by name (the simulation's faults take them).
    pub const TERMINAL: [&'static str; 10] = [
        "failed",
        "inaccessible-encryption-credentials",
        "inaccessible-encryption-credentials-recoverable",
        "incompatible-network",
        "incompatible-option-group",
        "incompatible-parameters",
        "incompatible-restore",
        "insufficient-capacity",
        "restore-error",
        "storage-full",
    ];
}

status! {
    /// `Status` of a DB snapshot.
    SnapshotStatus {
        Available = "available",
        Copying = "copying",
        Creating = "creating",
        Deleting = "deleting",
        Failed = "failed",
    }
}

status! {
    /// `SnapshotType` of a DB snapshot. DescribeDBSnapshots also lists the ones AWS Backup
    /// made (`awsbackup`); a type this program does not know stays as RDS wrote it and counts
    /// as neither the learner's manual snapshot nor an automated backup.
    SnapshotKind {
        Manual = "manual",
        Automated = "automated",
    }
}

status! {
    /// `status` of a task definition revision.
    TaskDefinitionStatus {
        Active = "ACTIVE",
        Inactive = "INACTIVE",
        DeleteInProgress = "DELETE_IN_PROGRESS",
    }
}

status! {
    /// `status` of an ECS service.
    ServiceStatus {
        Active = "ACTIVE",
        Draining = "DRAINING",
        Inactive = "INACTIVE",
    }
}

status! {
    /// `status` of an ECS deployment.
    DeploymentStatus {
        Primary = "PRIMARY",
        Active = "ACTIVE",
        Inactive = "INACTIVE",
    }
}

status! {
    /// `rolloutState` of an ECS deployment.
    RolloutState {
        InProgress = "IN_PROGRESS",
        Completed = "COMPLETED",
        Failed = "FAILED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_keep_their_wire_names_and_unknown_ones_survive() {
        let known: InstanceStatus = serde_json::from_str("\"backing-up\"").expect("status");
        assert_eq!(known, InstanceStatus::BackingUp);
        assert_eq!(
            serde_json::to_string(&known).expect("json"),
            "\"backing-up\""
        );
        let new: InstanceStatus =
            serde_json::from_str("\"quantum-entangled\"").expect("an unknown status loads");
        assert_eq!(new, InstanceStatus::Other("quantum-entangled".into()));
        assert_eq!(
            serde_json::to_string(&new).expect("json"),
            "\"quantum-entangled\""
        );
        assert!(new.is_unknown() && !new.is_terminal());
        for name in InstanceStatus::TERMINAL {
            let status = InstanceStatus::from(name);
            assert!(status.is_terminal() && !status.is_unknown(), "{name}");
            assert_eq!(status.as_str(), name);
        }
        assert!(!InstanceStatus::from("renaming").is_unknown());
        assert!(!InstanceStatus::from("configuring-log-exports").is_unknown());
        assert!(InstanceStatus::from("configuring-log-exports").is_configuring());
        assert_eq!(
            TaskDefinitionStatus::from("ACTIVE"),
            TaskDefinitionStatus::Active
        );
        assert_eq!(ServiceStatus::Draining.to_string(), "DRAINING");
    }

    #[test]
    fn deployment_statuses_keep_their_wire_names_and_unknown_ones_survive() {
        let primary: DeploymentStatus = serde_json::from_str("\"PRIMARY\"").expect("status");
        assert_eq!(primary, DeploymentStatus::Primary);
        let rollout: Option<RolloutState> =
            serde_json::from_str("\"IN_PROGRESS\"").expect("rollout state");
        assert_eq!(rollout, Some(RolloutState::InProgress));
        assert_eq!(
            serde_json::to_string(&RolloutState::Completed).expect("json"),
            "\"COMPLETED\""
        );
        let new: DeploymentStatus =
            serde_json::from_str("\"DRAINING_SOON\"").expect("an unknown status loads");
        assert_eq!(new, DeploymentStatus::Other("DRAINING_SOON".into()));
        assert_eq!(
            serde_json::to_string(&new).expect("json"),
            "\"DRAINING_SOON\""
        );
        let paused: RolloutState =
            serde_json::from_str("\"PAUSED\"").expect("an unknown rollout state loads");
        assert_eq!(paused, RolloutState::Other("PAUSED".into()));
        assert_eq!(serde_json::to_string(&paused).expect("json"), "\"PAUSED\"");
    }

    fn deployment(rollout: Option<&str>, failed_tasks: u32) -> crate::cloud::Deployment {
        crate::cloud::Deployment {
            id: "ecs-svc/1".into(),
            status: DeploymentStatus::Primary,
            task_definition: "arn:aws:ecs:us-east-1:1:task-definition/workshop-backend:12".into(),
            desired: 2,
            running: 2,
            pending: 0,
            rollout: rollout.map(RolloutState::from),
            rollout_reason: None,
            failed_tasks,
            created: None,
            updated: None,
        }
    }

    #[test]
    fn a_failing_deployment_and_a_finished_rollout_have_one_meaning() {
        assert!(deployment(Some("FAILED"), 0).is_failing());
        assert!(deployment(Some("IN_PROGRESS"), 3).is_failing());
        assert!(deployment(None, 3).is_failing());
        assert!(!deployment(Some("IN_PROGRESS"), 2).is_failing());
        assert!(!deployment(Some("COMPLETED"), 3).is_failing());
        // A rollout state ECS may add later is shown as ECS wrote it and is neither done
        // nor failed: the rollout is still under way as far as this program can tell.
        let paused = deployment(Some("PAUSED"), 0);
        assert_eq!(
            paused.rollout.as_ref().map(ToString::to_string).as_deref(),
            Some("PAUSED")
        );
        assert!(!paused.rollout_completed() && !paused.is_failing());
        assert!(deployment(None, 0).rollout_completed());
        assert!(deployment(Some("COMPLETED"), 0).rollout_completed());
    }

    #[test]
    fn revisions_are_read_from_arns_and_family_revision_alike() {
        use crate::cloud::Revision;
        let arn = "arn:aws:ecs:us-east-1:1:task-definition/workshop-backend:12";
        let r = Revision::parse(arn).expect("revision");
        assert_eq!((r.family, r.number), ("workshop-backend", 12));
        assert_eq!(r.to_string(), "workshop-backend:12");
        assert_eq!(deployment(None, 0).revision(), Some(r));
        assert_eq!(
            Revision::parse("backup-lab-dump:3").map(|r| (r.family, r.number)),
            Some(("backup-lab-dump", 3))
        );
        assert_eq!(crate::cloud::revision_of(arn), Some(12));
        for no in [
            "workshop-backend",
            "arn:aws:ecs:us-east-1:1:task-definition/workshop-backend",
            "workshop-backend:latest",
            ":7",
        ] {
            assert_eq!(Revision::parse(no), None, "{no}");
        }
    }

    #[test]
    fn multi_az_is_named_and_counted_in_one_place() {
        use crate::cloud::Availability;
        use crate::i18n::Lang;
        assert_eq!(Availability::of(true).text().render(Lang::De), "Multi-AZ");
        assert_eq!(Availability::of(false).text().render(Lang::En), "Single-AZ");
        assert_eq!(Availability::of(true).instances(), 2);
        assert_eq!(Availability::of(false).instances(), 1);
    }
}
