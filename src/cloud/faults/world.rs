//! The world faults of a [`Spec`](super::Spec): not failed calls but an account that
//! misbehaves (simulation only). The simulated account takes them when it is built.

use serde::{Deserialize, Serialize};

/// What stops the next dump task (a fault of this run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DumpFault {
    /// The image cannot be pulled: no route from the subnets to the registry.
    NoRegistry,
    /// The client cannot connect to a database (a security group in the way).
    DbUnreachable,
}

/// A restore that is to end in `status` (a world fault, simulation only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreEnding {
    /// `RestoreDBInstanceFromDBSnapshot` or `RestoreDBInstanceToPointInTime`; `None`: both.
    pub operation: Option<String>,
    /// Which calls of that operation (1-based, inclusive).
    pub calls: (u64, u64),
    pub status: String,
}
