//! SDK types to domain types.

use crate::cloud::status::{SnapshotStatus, TaskDefinitionStatus};
use aws_sdk_ecs::types::ContainerDefinition;
use jiff::Timestamp;

use super::fingerprint::{fingerprint_from_raw, fingerprint_from_sdk, registrable_body};
use crate::cloud::{
    CircuitBreaker, Container, ContainerLogs, DbInstance, DbSnapshot, Deployment, DeploymentStatus,
    NetworkConfig, RestoreSettings, RolloutState, Service, ServiceEvent, SnapshotKind,
    TOOL_TAG_KEY, TOOL_TAG_VALUE, TaskDefinition,
};

/// How many service events [`Service::events`] keeps (newest first).
const KEPT_EVENTS: usize = 20;

pub(super) fn timestamp(dt: &aws_smithy_types::DateTime) -> Option<Timestamp> {
    Timestamp::new(dt.secs(), i32::try_from(dt.subsec_nanos()).ok()?).ok()
}

pub(super) fn non_negative(n: Option<i32>) -> u32 {
    n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

pub(super) fn db_instance(i: &aws_sdk_rds::types::DbInstance) -> DbInstance {
    let engine = match (i.engine(), i.engine_version()) {
        (Some(engine), Some(version)) => format!("{engine} {version}"),
        (engine, version) => engine.or(version).unwrap_or_default().to_owned(),
    };
    DbInstance {
        id: i.db_instance_identifier().unwrap_or_default().to_owned(),
        status: i.db_instance_status().unwrap_or_default().into(),
        class: i.db_instance_class().unwrap_or_default().to_owned(),
        engine,
        multi_az: i.multi_az().unwrap_or(false),
        retention_days: non_negative(i.backup_retention_period()),
        backup_window: i.preferred_backup_window().and_then(|w| {
            w.parse()
                .inspect_err(
                    |e| tracing::warn!(window = w, problem = %e, "unreadable backup window"),
                )
                .ok()
        }),
        maintenance_window: i.preferred_maintenance_window().map(str::to_owned),
        endpoint: i.endpoint().and_then(|e| e.address()).map(str::to_owned),
        port: i
            .endpoint()
            .and_then(aws_sdk_rds::types::Endpoint::port)
            .or(i.db_instance_port())
            .and_then(|p| u16::try_from(p).ok()),
        security_groups: i
            .vpc_security_groups()
            .iter()
            .filter_map(|g| g.vpc_security_group_id())
            .map(str::to_owned)
            .collect(),
        subnet_group: i
            .db_subnet_group()
            .and_then(|g| g.db_subnet_group_name())
            .map(str::to_owned),
        latest_restorable: i.latest_restorable_time().and_then(timestamp),
        created: i.instance_create_time().and_then(timestamp),
        pending_retention: i
            .pending_modified_values()
            .and_then(aws_sdk_rds::types::PendingModifiedValues::backup_retention_period)
            .and_then(|n| u32::try_from(n).ok()),
        pending_multi_az: i
            .pending_modified_values()
            .and_then(aws_sdk_rds::types::PendingModifiedValues::multi_az),
        storage_gib: non_negative(i.allocated_storage()),
        arn: i.db_instance_arn().unwrap_or_default().to_owned(),
        storage_type: i.storage_type().map(str::to_owned),
        iops: i.iops().and_then(|n| u32::try_from(n).ok()),
        parameter_group: i
            .db_parameter_groups()
            .iter()
            .find_map(aws_sdk_rds::types::DbParameterGroupStatus::db_parameter_group_name)
            .map(str::to_owned),
        option_group: i
            .option_group_memberships()
            .iter()
            .find_map(aws_sdk_rds::types::OptionGroupMembership::option_group_name)
            .map(str::to_owned),
        engine_lifecycle: i.engine_lifecycle_support().map(str::to_owned),
        tags: i
            .tag_list()
            .iter()
            .filter_map(|t| {
                Some((
                    t.key()?.to_owned(),
                    t.value().unwrap_or_default().to_owned(),
                ))
            })
            .collect(),
        db_name: i.db_name().map(str::to_owned),
        publicly_accessible: i.publicly_accessible(),
        copy_tags_to_snapshot: i.copy_tags_to_snapshot(),
        storage_throughput: i.storage_throughput().and_then(|n| u32::try_from(n).ok()),
        auto_minor_version_upgrade: i.auto_minor_version_upgrade(),
        deletion_protection: i.deletion_protection().unwrap_or(false),
    }
}

pub(super) fn db_snapshot(s: &aws_sdk_rds::types::DbSnapshot) -> DbSnapshot {
    let status = SnapshotStatus::from(s.status().unwrap_or_default());
    let percent = match s.percent_progress() {
        Some(p) => u8::try_from(p.clamp(0, 100)).unwrap_or(0),
        None if status == SnapshotStatus::Available => 100,
        None => 0,
    };
    DbSnapshot {
        id: s.db_snapshot_identifier().unwrap_or_default().to_owned(),
        instance_id: s.db_instance_identifier().unwrap_or_default().to_owned(),
        status,
        percent,
        kind: SnapshotKind::from(s.snapshot_type().unwrap_or("manual")),
        created: s.snapshot_create_time().and_then(timestamp),
        created_by_tool: s
            .tag_list()
            .iter()
            .any(|t| t.key() == Some(TOOL_TAG_KEY) && t.value() == Some(TOOL_TAG_VALUE)),
        arn: s.db_snapshot_arn().unwrap_or_default().to_owned(),
    }
}

/// Tags as RDS takes them; `None` when there are none, so the call carries no `Tags` and needs
/// no tagging permission.
pub(super) fn rds_tags(tags: &[(String, String)]) -> Option<Vec<aws_sdk_rds::types::Tag>> {
    (!tags.is_empty()).then(|| {
        tags.iter()
            .map(|(k, v)| aws_sdk_rds::types::Tag::builder().key(k).value(v).build())
            .collect()
    })
}

/// The storage parameters of a restore: the type, and provisioned IOPS only where the type
/// takes them as a setting of their own (io1/io2).
pub(super) fn restore_storage(s: &RestoreSettings) -> (Option<String>, Option<i32>) {
    let iops = s
        .iops
        .filter(|_| {
            s.storage_type
                .as_deref()
                .is_some_and(|t| t.starts_with("io"))
        })
        .and_then(|n| i32::try_from(n).ok());
    (s.storage_type.clone(), iops)
}

/// The last path segment of an ARN (`.../workshop-cluster` → `workshop-cluster`), or the input.
pub(super) fn short_name(arn_or_name: &str) -> &str {
    if arn_or_name.starts_with("arn:") {
        arn_or_name.rsplit('/').next().unwrap_or(arn_or_name)
    } else {
        arn_or_name
    }
}

pub(super) fn service(s: &aws_sdk_ecs::types::Service, cluster: &str) -> Service {
    let deployments: Vec<Deployment> = s
        .deployments()
        .iter()
        .map(|d| Deployment {
            id: d.id().unwrap_or_default().to_owned(),
            status: d.status().unwrap_or_default().into(),
            task_definition: d.task_definition().unwrap_or_default().to_owned(),
            desired: non_negative(Some(d.desired_count())),
            running: non_negative(Some(d.running_count())),
            pending: non_negative(Some(d.pending_count())),
            rollout: d.rollout_state().map(|r| RolloutState::from(r.as_str())),
            rollout_reason: d
                .rollout_state_reason()
                .filter(|r| !r.is_empty())
                .map(str::to_owned),
            failed_tasks: non_negative(Some(d.failed_tasks())),
            created: d.created_at().and_then(timestamp),
            updated: d.updated_at().and_then(timestamp),
        })
        .collect();
    let primary_td = deployments
        .iter()
        .find(|d| d.status == DeploymentStatus::Primary)
        .map(|d| d.task_definition.clone());
    Service {
        name: s.service_name().unwrap_or_default().to_owned(),
        cluster: s.cluster_arn().map_or(cluster, short_name).to_owned(),
        status: s.status().unwrap_or_default().into(),
        task_definition: s
            .task_definition()
            .map(str::to_owned)
            .or(primary_td)
            .unwrap_or_default(),
        desired: non_negative(Some(s.desired_count())),
        running: non_negative(Some(s.running_count())),
        pending: non_negative(Some(s.pending_count())),
        deployments,
        events: s
            .events()
            .iter()
            .take(KEPT_EVENTS)
            .map(|e| ServiceEvent {
                at: e.created_at().and_then(timestamp),
                message: e.message().unwrap_or_default().to_owned(),
            })
            .collect(),
        circuit_breaker: s
            .deployment_configuration()
            .and_then(|c| c.deployment_circuit_breaker())
            .map(|b| CircuitBreaker {
                enable: b.enable(),
                rollback: b.rollback(),
            }),
        network: s
            .network_configuration()
            .and_then(aws_sdk_ecs::types::NetworkConfiguration::awsvpc_configuration)
            .map(|vpc| NetworkConfig {
                subnets: vpc.subnets().to_vec(),
                security_groups: vpc.security_groups().to_vec(),
                assign_public_ip: vpc.assign_public_ip()
                    == Some(&aws_sdk_ecs::types::AssignPublicIp::Enabled),
            }),
    }
}

pub(super) fn containers(defs: &[ContainerDefinition]) -> Vec<Container> {
    defs.iter()
        .map(|c| Container {
            name: c.name().unwrap_or_default().to_owned(),
            image: c.image().unwrap_or_default().to_owned(),
            environment: c
                .environment()
                .iter()
                .map(|kv| {
                    (
                        kv.name().unwrap_or_default().to_owned(),
                        kv.value().unwrap_or_default().to_owned(),
                    )
                })
                .collect(),
            logs: c.log_configuration().map(|l| {
                let option = |key: &str| l.options().and_then(|o| o.get(key)).cloned();
                ContainerLogs {
                    driver: l.log_driver().as_str().to_owned(),
                    group: option("awslogs-group"),
                    region: option("awslogs-region"),
                    stream_prefix: option("awslogs-stream-prefix"),
                }
            }),
        })
        .collect()
}

pub(super) fn task_definition(
    td: &aws_sdk_ecs::types::TaskDefinition,
    tags: &[aws_sdk_ecs::types::Tag],
    raw: Option<&[u8]>,
) -> TaskDefinition {
    TaskDefinition {
        arn: td.task_definition_arn().unwrap_or_default().to_owned(),
        family: td.family().unwrap_or_default().to_owned(),
        revision: non_negative(Some(td.revision())),
        status: td
            .status()
            .map(|s| TaskDefinitionStatus::from(s.as_str()))
            .unwrap_or_default(),
        containers: containers(td.container_definitions()),
        fingerprint: raw
            .and_then(|raw| fingerprint_from_raw(raw, tags))
            .unwrap_or_else(|| fingerprint_from_sdk(td, tags)),
        tags: tags
            .iter()
            .filter_map(|t| {
                Some((
                    t.key()?.to_owned(),
                    t.value().unwrap_or_default().to_owned(),
                ))
            })
            .collect(),
        body: raw.and_then(registrable_body).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::{InstanceStatus, SnapshotKind};

    /// Values AWS may add later arrive as they are: shown as AWS wrote them, never read as a
    /// known value, and never as finished.
    #[test]
    fn unknown_aws_values_are_kept_as_written_and_never_judged_done() {
        let snapshot = aws_sdk_rds::types::DbSnapshot::builder()
            .db_snapshot_identifier("weekly")
            .db_instance_identifier("workshop-db")
            .snapshot_type("awsbackup")
            .status("copying-somewhere")
            .build();
        let s = db_snapshot(&snapshot);
        assert_eq!(s.kind, SnapshotKind::Other("awsbackup".into()));
        assert_eq!(s.kind.to_string(), "awsbackup");
        assert_eq!(s.status.to_string(), "copying-somewhere");
        assert!(!s.is_available());
        assert_eq!(s.percent, 0);

        let instance = aws_sdk_rds::types::DbInstance::builder()
            .db_instance_identifier("workshop-db")
            .db_instance_status("quantum-entangled")
            .preferred_backup_window("7:12-07:42")
            .build();
        let i = db_instance(&instance);
        assert_eq!(i.status, InstanceStatus::Other("quantum-entangled".into()));
        assert!(i.status.is_unknown() && !i.is_available() && !i.status.is_terminal());
        // A window RDS wrote in a form this program does not read is no window, not a wrong one.
        assert_eq!(i.backup_window, None);

        let deployment = |status: &str, rollout: &str| {
            aws_sdk_ecs::types::Deployment::builder()
                .id("ecs-svc/2")
                .status(status)
                .task_definition("arn:aws:ecs:us-east-1:1:task-definition/workshop-backend:8")
                .desired_count(2)
                .running_count(2)
                .rollout_state(aws_sdk_ecs::types::DeploymentRolloutState::from(rollout))
                .build()
        };
        let service = aws_sdk_ecs::types::Service::builder()
            .service_name("backend-service")
            .status("ACTIVE")
            .desired_count(2)
            .running_count(2)
            .deployments(deployment("PRIMARY", "PAUSED"))
            .build();
        let s = service_of(&service);
        let primary = s.primary().expect("primary");
        assert_eq!(primary.rollout, Some(RolloutState::Other("PAUSED".into())));
        assert!(!s.is_stable() && !s.rollout_done(&primary.task_definition));
        assert!(
            s.troubled().is_none(),
            "an unknown state is no failure either"
        );

        let service = aws_sdk_ecs::types::Service::builder()
            .service_name("backend-service")
            .deployments(deployment("STANDBY", "COMPLETED"))
            .build();
        let s = service_of(&service);
        assert_eq!(
            s.deployments[0].status,
            DeploymentStatus::Other("STANDBY".into())
        );
        assert!(s.primary().is_none() && !s.is_stable());
    }

    fn service_of(s: &aws_sdk_ecs::types::Service) -> Service {
        service(s, "workshop-cluster")
    }

    #[test]
    fn arns_and_names() {
        assert_eq!(
            short_name("arn:aws:ecs:us-east-1:1:cluster/workshop-cluster"),
            "workshop-cluster"
        );
    }
}
