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

        impl From<&$name> for crate::lab::Arg {
            fn from(status: &$name) -> Self {
                Self::Str(status.as_str().to_owned())
            }
        }

        impl From<$name> for crate::lab::Arg {
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
        IncompatibleRestore = "incompatible-restore",
        Modifying = "modifying",
        Rebooting = "rebooting",
        Starting = "starting",
        Stopped = "stopped",
        Stopping = "stopping",
        StorageOptimization = "storage-optimization",
        Upgrading = "upgrading",
    }
}

impl InstanceStatus {
    /// `configuring-enhanced-monitoring`, `configuring-log-exports`, …
    #[must_use]
    pub fn is_configuring(&self) -> bool {
        self.as_str().starts_with("configuring-")
    }
}

status! {
    /// `Status` of a DB snapshot.
    SnapshotStatus {
        Available = "available",
        Creating = "creating",
        Deleting = "deleting",
        Failed = "failed",
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
        let new: InstanceStatus = serde_json::from_str("\"inaccessible-encryption-credentials\"")
            .expect("an unknown status loads");
        assert_eq!(
            new,
            InstanceStatus::Other("inaccessible-encryption-credentials".into())
        );
        assert_eq!(
            serde_json::to_string(&new).expect("json"),
            "\"inaccessible-encryption-credentials\""
        );
        assert!(InstanceStatus::from("configuring-log-exports").is_configuring());
        assert_eq!(
            TaskDefinitionStatus::from("ACTIVE"),
            TaskDefinitionStatus::Active
        );
        assert_eq!(ServiceStatus::Draining.to_string(), "DRAINING");
    }
}
