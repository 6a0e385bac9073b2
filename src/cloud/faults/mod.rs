//! The `--faults` spec and the faults it names. Call faults ([`Faulty`], `calls.rs`) fail
//! calls in front of any [`Cloud`](super::Cloud): throttling, server errors, timeouts, access
//! denied and expired tokens, at a rate or on the Nth call of an operation.
//!
//! Spec: comma-separated rules `[OPERATION=]KIND[:RATE][@N[-M]]`, e.g.
//! `throttle:0.3` (30 % of all calls), `CreateDBSnapshot=timeout@1` (the first snapshot call),
//! `DescribeDBInstances=5xx@2-4`, `denied@3`. KIND is `throttle`, `5xx`, `timeout`, `denied`
//! or `expired`. A timeout on a call that changes something happens after the change took
//! effect, as a lost response does on a real network: the caller cannot know, so it must look
//! before it retries.
//!
//! One kind is no failed call but a world that misbehaves: `unhealthy` (simulation only) makes
//! the tasks that UpdateService starts fail their load balancer health checks, so the rollout
//! fails as a backend that cannot reach its database does. `UpdateService=unhealthy@1` hits
//! the first UpdateService of the run; the simulation takes it from [`Spec::unhealthy_updates`].
//! Two more such kinds hit the dump task of the copy back (simulation only, RunTask only):
//! `no-registry` (the image cannot be pulled: `CannotPullContainerError`) and `db-unreachable`
//! (the client cannot connect to a database: exit code 1); see [`Spec::dump_faults`].
//!
//! World faults (`world.rs`) are data the simulated account takes when it is built; this
//! module knows nothing of the simulation, and the call layer nothing of the world.

use super::{CloudError, ErrorKind};
use crate::msg;

mod calls;
mod world;

pub use calls::Faulty;
pub use world::{DumpFault, RestoreEnding};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    Throttle,
    Server,
    Timeout,
    Denied,
    Expired,
    /// Tasks of new deployments fail their health checks (simulation only).
    Unhealthy,
    /// A role that may create but not tag: only calls that carry tags fail, naming the
    /// tagging action as AWS does.
    TagDenied,
    /// The dump task's image cannot be pulled (simulation only).
    NoRegistry,
    /// The dump task cannot connect to a database (simulation only).
    DbUnreachable,
    /// The restore the call starts ends in this RDS status, one that does not end by itself
    /// (simulation only; the kind is written as the status, `incompatible-parameters`).
    EndsIn(&'static str),
    /// Describes lag behind writes for a while (eventual consistency): in front of the
    /// simulation or the AWS adapter.
    Stale,
    /// The session expires at the Nth call and works again once fresh keys are pasted into
    /// the simulation's credentials file (simulation only; see `sim::SimSession`).
    Session,
}

impl FaultKind {
    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "throttle" | "throttling" => Self::Throttle,
            "5xx" | "server" => Self::Server,
            "timeout" => Self::Timeout,
            "denied" | "access-denied" => Self::Denied,
            "expired" | "expired-token" => Self::Expired,
            "unhealthy" => Self::Unhealthy,
            "tag-denied" => Self::TagDenied,
            "no-registry" => Self::NoRegistry,
            "db-unreachable" => Self::DbUnreachable,
            "stale" => Self::Stale,
            "session" | "session-expires" => Self::Session,
            other => Self::EndsIn(
                crate::cloud::InstanceStatus::TERMINAL
                    .into_iter()
                    .find(|s| *s == other)?,
            ),
        })
    }

    /// Kinds that change how the simulated world behaves instead of failing a call.
    fn is_world(self) -> bool {
        matches!(
            self,
            Self::Unhealthy
                | Self::NoRegistry
                | Self::DbUnreachable
                | Self::EndsIn(_)
                | Self::Stale
                | Self::Session
        )
    }

    fn error(self, operation: &str) -> CloudError {
        let e = match self {
            Self::Throttle => CloudError::new(
                ErrorKind::Throttling,
                "ThrottlingException",
                "Rate exceeded",
            ),
            Self::Server => CloudError::new(
                ErrorKind::Server,
                "InternalFailure",
                "The request processing has failed because of an unknown error (injected).",
            ),
            Self::Timeout => CloudError::new(
                ErrorKind::Timeout,
                "Timeout",
                "The operation timed out (injected).",
            ),
            Self::Denied => CloudError::new(
                ErrorKind::AccessDenied,
                "AccessDenied",
                format!("User is not authorized to perform: {operation} (injected)"),
            ),
            Self::Expired => CloudError::new(
                ErrorKind::ExpiredToken,
                "ExpiredToken",
                "The security token included in the request is expired (injected).",
            ),
            // Not a failed call: the simulation's tasks fail instead (never raised here).
            Self::Unhealthy
            | Self::NoRegistry
            | Self::DbUnreachable
            | Self::EndsIn(_)
            | Self::Stale
            | Self::Session => CloudError::new(
                ErrorKind::Other,
                "Unhealthy",
                "Tasks fail their health checks (injected).",
            ),
            Self::TagDenied => {
                let service = super::operation::Operation::from_name(operation)
                    .map(super::operation::Operation::service);
                let action = if service == Some(super::operation::Service::Rds) {
                    "rds:AddTagsToResource"
                } else {
                    "ecs:TagResource"
                };
                CloudError::new(
                    ErrorKind::AccessDenied,
                    "AccessDenied",
                    format!(
                        "User: arn:aws:sts::111122223333:assumed-role/LabRole/learner is not authorized to perform: {action} because no identity-based policy allows the {action} action (injected)"
                    ),
                )
            }
        };
        e.in_op(operation)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub operation: Option<String>,
    pub kind: FaultKind,
    pub rate: f64,
    /// Fires on calls `first..=last` of the operation (1-based); `None`: any call, at `rate`.
    pub calls: Option<(u64, u64)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spec {
    pub rules: Vec<Rule>,
}

/// Every operation a rule may name: the API names of [`super::layer`] and the todo app's.
pub const OPERATIONS: [&str; 21] = [
    "GetCallerIdentity",
    "DescribeDBInstances",
    "DescribeDBSnapshots",
    "ModifyDBInstance",
    "CreateDBSnapshot",
    "RestoreDBInstanceFromDBSnapshot",
    "RestoreDBInstanceToPointInTime",
    "DeleteDBInstance",
    "DeleteDBSnapshot",
    "DescribeServices",
    "DescribeTaskDefinition",
    "ListTaskDefinitions",
    "RegisterTaskDefinition",
    "DeregisterTaskDefinition",
    "DeleteTaskDefinitions",
    "UpdateService",
    "RunTask",
    "DescribeTasks",
    "TodoList",
    "TodoCreate",
    "TodoDelete",
];

/// What is wrong with a spec; `part` is the rule as written. Each has a localized text
/// (`faults-<id>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecError {
    Empty,
    Calls {
        part: String,
    },
    Rate {
        part: String,
    },
    Kind {
        part: String,
    },
    Operation {
        part: String,
        operation: String,
    },
    /// `unhealthy` named with another operation than UpdateService.
    UnhealthyOperation {
        part: String,
    },
    /// `unhealthy` with a rate.
    UnhealthyRate {
        part: String,
    },
    /// `no-registry`/`db-unreachable` with another operation than RunTask, or with a rate.
    DumpRule {
        part: String,
    },
    /// A status a restore ends in, with another operation than the two restores, or a rate.
    RestoreRule {
        part: String,
    },
    /// `stale` with an operation that is no write it lags after, a call range, or seconds
    /// out of range.
    StaleRule {
        part: String,
    },
    /// `session` with an operation, a rate or a range of calls.
    SessionRule {
        part: String,
    },
}

impl SpecError {
    /// Stable id used in Fluent message ids (`faults-<id>`).
    #[must_use]
    pub fn id(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Calls { .. } => "calls",
            Self::Rate { .. } => "rate",
            Self::Kind { .. } => "kind",
            Self::Operation { .. } => "operation",
            Self::UnhealthyOperation { .. } => "unhealthy-operation",
            Self::UnhealthyRate { .. } => "unhealthy-rate",
            Self::DumpRule { .. } => "dump-rule",
            Self::RestoreRule { .. } => "restore-rule",
            Self::StaleRule { .. } => "stale-rule",
            Self::SessionRule { .. } => "session-rule",
        }
    }
}

impl Spec {
    /// Parses a spec; the error says which part is wrong.
    pub fn parse(text: &str) -> Result<Self, SpecError> {
        let mut rules = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let owned = || part.to_owned();
            let (operation, rest) = match part.split_once('=') {
                Some((op, rest)) => {
                    let op = op.trim();
                    if op != "*" && !OPERATIONS.contains(&op) {
                        return Err(SpecError::Operation {
                            part: owned(),
                            operation: op.to_owned(),
                        });
                    }
                    (Some(op.to_owned()), rest)
                }
                None => (None, part),
            };
            let (rest, calls) = match rest.split_once('@') {
                Some((r, n)) => {
                    let range = match n.split_once('-') {
                        Some((a, b)) => (a.parse::<u64>().ok(), b.parse::<u64>().ok()),
                        None => (n.parse::<u64>().ok(), n.parse::<u64>().ok()),
                    };
                    match range {
                        (Some(a), Some(b)) if a >= 1 && b >= a => (r, Some((a, b))),
                        _ => return Err(SpecError::Calls { part: owned() }),
                    }
                }
                None => (rest, None),
            };
            let (kind, value) = match rest.split_once(':') {
                Some((k, r)) => (k, Some(r)),
                None => (rest, None),
            };
            let kind =
                FaultKind::parse(kind.trim()).ok_or_else(|| SpecError::Kind { part: owned() })?;
            if kind == FaultKind::Stale {
                // `stale[:SECONDS]`: describes lag that long after the write (0: not at all).
                let seconds = match value {
                    Some(v) => v.trim().parse::<f64>().ok(),
                    None => Some(DEFAULT_STALE_S),
                };
                let fits = seconds.is_some_and(|s| (0.0..=MAX_STALE_S).contains(&s));
                let write_ok = operation
                    .as_deref()
                    .is_none_or(|op| crate::cloud::lag::LAGGING_WRITES.contains(&op));
                if !fits || !write_ok || calls.is_some() {
                    return Err(SpecError::StaleRule { part: owned() });
                }
                rules.push(Rule {
                    operation,
                    kind,
                    rate: seconds.unwrap_or(DEFAULT_STALE_S),
                    calls,
                });
                continue;
            }
            let rate = match value {
                Some(r) => r
                    .parse::<f64>()
                    .map_err(|_| SpecError::Rate { part: owned() })?,
                None => 1.0,
            };
            if !(0.0..=1.0).contains(&rate) {
                return Err(SpecError::Rate { part: owned() });
            }
            if kind == FaultKind::Unhealthy {
                if operation.as_deref().is_some_and(|op| op != UPDATE_SERVICE) {
                    return Err(SpecError::UnhealthyOperation { part: owned() });
                }
                if rate < 1.0 {
                    return Err(SpecError::UnhealthyRate { part: owned() });
                }
            }
            if matches!(kind, FaultKind::NoRegistry | FaultKind::DbUnreachable)
                && (operation.as_deref().is_some_and(|op| op != RUN_TASK) || rate < 1.0)
            {
                return Err(SpecError::DumpRule { part: owned() });
            }
            if matches!(kind, FaultKind::EndsIn(_))
                && (operation
                    .as_deref()
                    .is_some_and(|op| !RESTORES.contains(&op))
                    || rate < 1.0)
            {
                return Err(SpecError::RestoreRule { part: owned() });
            }
            if kind == FaultKind::Session
                && (operation.as_deref().is_some_and(|op| op != "*")
                    || rate < 1.0
                    || calls.is_some_and(|(a, b)| a != b))
            {
                return Err(SpecError::SessionRule { part: owned() });
            }
            rules.push(Rule {
                operation,
                kind,
                rate,
                calls,
            });
        }
        if rules.is_empty() {
            return Err(SpecError::Empty);
        }
        Ok(Self { rules })
    }

    /// How describes lag behind writes, when a `stale` rule says so (the last one per write
    /// counts; all lag by the longest delay given).
    #[must_use]
    pub fn staleness(&self) -> Option<crate::cloud::lag::Lag> {
        let rules: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| r.kind == FaultKind::Stale)
            .collect();
        if rules.is_empty() {
            return None;
        }
        let mut writes: Vec<String> = Vec::new();
        for rule in &rules {
            let named: Vec<String> = match rule.operation.as_deref() {
                Some(op) if op != "*" => vec![op.to_owned()],
                _ => crate::cloud::lag::LAGGING_WRITES
                    .iter()
                    .map(|w| (*w).to_owned())
                    .collect(),
            };
            for write in named {
                if !writes.contains(&write) {
                    writes.push(write);
                }
            }
        }
        Some(crate::cloud::lag::Lag {
            delay_s: rules.iter().map(|r| r.rate).fold(0.0, f64::max),
            writes,
        })
    }

    /// The UpdateService calls (ranges, 1-based) whose tasks are to fail their health checks.
    #[must_use]
    pub fn unhealthy_updates(&self) -> Vec<(u64, u64)> {
        self.rules
            .iter()
            .filter(|r| r.kind == FaultKind::Unhealthy)
            .map(|r| r.calls.unwrap_or((1, u64::MAX)))
            .collect()
    }

    /// The RunTask calls (ranges, 1-based) whose dump tasks are to fail, and how.
    #[must_use]
    pub fn dump_faults(&self) -> Vec<((u64, u64), DumpFault)> {
        self.rules
            .iter()
            .filter_map(|r| {
                let fault = match r.kind {
                    FaultKind::NoRegistry => DumpFault::NoRegistry,
                    FaultKind::DbUnreachable => DumpFault::DbUnreachable,
                    _ => return None,
                };
                Some((r.calls.unwrap_or((1, u64::MAX)), fault))
            })
            .collect()
    }

    /// The restores whose new instance ends in a terminal status: the operation (`None`:
    /// either restore), its calls (ranges, 1-based) and the status.
    #[must_use]
    pub fn restore_endings(&self) -> Vec<RestoreEnding> {
        self.rules
            .iter()
            .filter_map(|r| match r.kind {
                FaultKind::EndsIn(status) => Some(RestoreEnding {
                    operation: r.operation.clone().filter(|op| op != "*"),
                    calls: r.calls.unwrap_or((1, u64::MAX)),
                    status: status.to_owned(),
                }),
                _ => None,
            })
            .collect()
    }

    /// The call from which the simulated session has expired (`session@N`; `session`: the
    /// first), if the spec names one.
    #[must_use]
    pub fn session_expiry(&self) -> Option<u64> {
        self.rules
            .iter()
            .find(|r| r.kind == FaultKind::Session)
            .map(|r| r.calls.map_or(1, |(first, _)| first))
    }

    /// Whether the spec holds call faults (anything but the world kinds).
    #[must_use]
    pub fn has_call_faults(&self) -> bool {
        self.rules.iter().any(|r| !r.kind.is_world())
    }
}

/// The calls a restore-ending fault may name.
pub const RESTORES: [&str; 2] = [
    "RestoreDBInstanceFromDBSnapshot",
    "RestoreDBInstanceToPointInTime",
];

const UPDATE_SERVICE: &str = "UpdateService";
/// Seconds describes lag for a `stale` rule without a number, and the most a rule may give.
const DEFAULT_STALE_S: f64 = 2.0;
const MAX_STALE_S: f64 = 600.0;
const RUN_TASK: &str = "RunTask";

impl SpecError {
    /// Why a `--faults` spec was refused (`faults-<id>`).
    #[must_use]
    pub fn text_id(&self) -> crate::i18n::Id {
        match self {
            Self::Empty => msg::FAULTS_EMPTY,
            Self::Calls { .. } => msg::FAULTS_CALLS,
            Self::Rate { .. } => msg::FAULTS_RATE,
            Self::Kind { .. } => msg::FAULTS_KIND,
            Self::Operation { .. } => msg::FAULTS_OPERATION,
            Self::UnhealthyOperation { .. } => msg::FAULTS_UNHEALTHY_OPERATION,
            Self::UnhealthyRate { .. } => msg::FAULTS_UNHEALTHY_RATE,
            Self::DumpRule { .. } => msg::FAULTS_DUMP_RULE,
            Self::RestoreRule { .. } => msg::FAULTS_RESTORE_RULE,
            Self::StaleRule { .. } => msg::FAULTS_STALE_RULE,
            Self::SessionRule { .. } => msg::FAULTS_SESSION_RULE,
        }
    }
}

/// Why a `--faults` spec was refused (`faults-<id>`), with the rule as written.
#[must_use]
pub fn fault_spec_text(e: &SpecError) -> crate::text::Text {
    let text = crate::text::Text::new(e.text_id());
    match e {
        SpecError::Empty => text,
        SpecError::Calls { part }
        | SpecError::Rate { part }
        | SpecError::Kind { part }
        | SpecError::UnhealthyOperation { part }
        | SpecError::UnhealthyRate { part }
        | SpecError::DumpRule { part }
        | SpecError::RestoreRule { part }
        | SpecError::StaleRule { part }
        | SpecError::SessionRule { part } => text.arg("part", part.clone()),
        SpecError::Operation { part, operation } => text
            .arg("part", part.clone())
            .arg("operation", operation.clone())
            .arg("operations", OPERATIONS.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::float_cmp, reason = "0.25 is exact in binary")]
    fn specs_parse_rates_and_call_ranges() {
        let spec =
            Spec::parse("throttle:0.25, CreateDBSnapshot=timeout@1, DescribeDBInstances=5xx@2-4")
                .expect("valid");
        assert_eq!(spec.rules.len(), 3);
        assert_eq!(spec.rules[0].rate, 0.25);
        assert_eq!(spec.rules[1].operation.as_deref(), Some("CreateDBSnapshot"));
        assert_eq!(spec.rules[2].calls, Some((2, 4)));
        assert!(Spec::parse("explode").is_err());
        assert!(Spec::parse("throttle:2").is_err());
        assert!(Spec::parse("timeout@0").is_err());
        assert_eq!(
            Spec::parse("CreateSnapshot=timeout@1"),
            Err(SpecError::Operation {
                part: "CreateSnapshot=timeout@1".into(),
                operation: "CreateSnapshot".into()
            }),
            "a misspelt operation would never fire"
        );
        assert!(Spec::parse("*=throttle:0.1").is_ok());
        let spec = Spec::parse("UpdateService=unhealthy@1, throttle:0.1").expect("valid");
        assert_eq!(spec.unhealthy_updates(), vec![(1, 1)]);
        assert!(spec.has_call_faults());
        assert_eq!(
            Spec::parse("unhealthy").expect("valid").unhealthy_updates(),
            vec![(1, u64::MAX)]
        );
        assert!(
            !Spec::parse("unhealthy@2-3")
                .expect("valid")
                .has_call_faults()
        );
        assert!(Spec::parse("CreateDBSnapshot=unhealthy").is_err());
        let spec = Spec::parse("RestoreDBInstanceFromDBSnapshot=incompatible-parameters@1")
            .expect("valid");
        assert!(!spec.has_call_faults());
        assert_eq!(
            spec.restore_endings(),
            vec![RestoreEnding {
                operation: Some("RestoreDBInstanceFromDBSnapshot".into()),
                calls: (1, 1),
                status: "incompatible-parameters".into(),
            }]
        );
        assert_eq!(
            Spec::parse("CreateDBSnapshot=storage-full"),
            Err(SpecError::RestoreRule {
                part: "CreateDBSnapshot=storage-full".into()
            })
        );
        assert!(Spec::parse("restore-error:0.5").is_err());
        assert!(Spec::parse("exploded-in-flight").is_err());
        let lag = Spec::parse("UpdateService=stale:1.5, RunTask=stale")
            .expect("valid")
            .staleness()
            .expect("a lag");
        assert_eq!(lag.delay_s, 2.0, "the longest of 1.5 and the default 2");
        assert_eq!(lag.writes, vec!["UpdateService", "RunTask"]);
        assert_eq!(
            Spec::parse("stale:0")
                .expect("valid")
                .staleness()
                .map(|l| l.delay_s),
            Some(0.0)
        );
        assert!(!Spec::parse("stale").expect("valid").has_call_faults());
        for wrong in [
            "DescribeServices=stale",
            "stale:-1",
            "stale:601",
            "stale@1",
            "stale:x",
        ] {
            assert!(
                matches!(Spec::parse(wrong), Err(SpecError::StaleRule { .. })),
                "{wrong}"
            );
        }
        assert!(Spec::parse("unhealthy:0.5").is_err());
    }
}
