//! One-off tasks on ECS: the service's network configuration, DeleteTaskDefinitions, RunTask
//! and DescribeTasks.

use aws_sdk_ecs::types::{AssignPublicIp, AwsVpcConfiguration, LaunchType, NetworkConfiguration};

use super::AwsCloud;
use super::convert::{short_name, timestamp};
use super::errors::error;
use super::map_sdk_error;
use crate::cloud::{
    CloudResult, ErrorKind, NetworkConfig, RunTaskRequest, Task, TaskContainer, TaskStatus,
};

fn task(t: &aws_sdk_ecs::types::Task) -> Task {
    Task {
        arn: t.task_arn().unwrap_or_default().to_owned(),
        task_definition: t.task_definition_arn().unwrap_or_default().to_owned(),
        last_status: TaskStatus::from(t.last_status().unwrap_or_default()),
        desired_status: TaskStatus::from(t.desired_status().unwrap_or_default()),
        stopped_reason: t.stopped_reason().map(str::to_owned),
        stop_code: t.stop_code().map(|c| c.as_str().to_owned()),
        containers: t
            .containers()
            .iter()
            .map(|c| TaskContainer {
                name: c.name().unwrap_or_default().to_owned(),
                exit_code: c.exit_code(),
                reason: c.reason().map(str::to_owned),
            })
            .collect(),
        started_by: t.started_by().map(str::to_owned),
        created: t.created_at().and_then(timestamp),
        started: t.started_at().and_then(timestamp),
        stopped: t.stopped_at().and_then(timestamp),
    }
}

/// A failure entry of RunTask/DescribeTasks as an error (`MISSING` is a task not found).
fn failure(
    operation: &str,
    failures: &[aws_sdk_ecs::types::Failure],
    what: &str,
) -> crate::cloud::CloudError {
    let first = failures.first();
    let reason = first.and_then(|f| f.reason()).unwrap_or("MISSING");
    let detail = first
        .and_then(|f| f.detail())
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    let kind = if reason == "MISSING" {
        ErrorKind::NotFound
    } else {
        ErrorKind::Client
    };
    error(kind, reason, format!("{what}: {reason}{detail}"), operation)
}

impl AwsCloud {
    /// DeleteTaskDefinitions; a revision ECS reports as a failure (still ACTIVE, unknown) is
    /// an error naming it and ECS's reason.
    pub(super) async fn delete_revisions(&self, arns: &[String]) -> CloudResult<()> {
        const OP: &str = "DeleteTaskDefinitions";
        let out = self
            .ecs
            .delete_task_definitions()
            .set_task_definitions(Some(arns.to_vec()))
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        if out.failures().is_empty() {
            return Ok(());
        }
        let detail: Vec<String> = out
            .failures()
            .iter()
            .map(|f| {
                format!(
                    "{}: {}",
                    f.arn().unwrap_or_default(),
                    f.reason().unwrap_or_default()
                )
            })
            .collect();
        Err(error(
            ErrorKind::Client,
            "ClientException",
            detail.join("; "),
            OP,
        ))
    }

    pub(super) async fn service_network(
        &self,
        cluster: &str,
        service_name: &str,
    ) -> CloudResult<NetworkConfig> {
        const OP: &str = "DescribeServices";
        let out = self
            .ecs
            .describe_services()
            .cluster(cluster)
            .services(service_name)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        let found = out
            .services()
            .iter()
            .find(|s| {
                s.service_name() == Some(short_name(service_name))
                    || s.service_arn() == Some(service_name)
            })
            .ok_or_else(|| {
                error(
                    ErrorKind::ServiceNotFound,
                    "ServiceNotFoundException",
                    format!("Service {service_name} not found in cluster {cluster}."),
                    OP,
                )
            })?;
        let vpc = found
            .network_configuration()
            .and_then(NetworkConfiguration::awsvpc_configuration)
            .ok_or_else(|| {
                error(
                    ErrorKind::Client,
                    "InvalidParameterException",
                    format!("Service {service_name} has no awsvpc network configuration."),
                    OP,
                )
            })?;
        Ok(NetworkConfig {
            subnets: vpc.subnets().to_vec(),
            security_groups: vpc.security_groups().to_vec(),
            assign_public_ip: vpc.assign_public_ip() == Some(&AssignPublicIp::Enabled),
        })
    }

    pub(super) async fn start_task(&self, r: &RunTaskRequest) -> CloudResult<Task> {
        const OP: &str = "RunTask";
        let vpc = AwsVpcConfiguration::builder()
            .set_subnets(Some(r.network.subnets.clone()))
            .set_security_groups(Some(r.network.security_groups.clone()))
            .assign_public_ip(if r.network.assign_public_ip {
                AssignPublicIp::Enabled
            } else {
                AssignPublicIp::Disabled
            })
            .build()
            .map_err(|e| {
                error(
                    ErrorKind::Validation,
                    "InvalidParameterException",
                    e.to_string(),
                    OP,
                )
            })?;
        let out = self
            .ecs
            .run_task()
            .cluster(&r.cluster)
            .task_definition(&r.task_definition)
            .launch_type(LaunchType::Fargate)
            .count(1)
            .network_configuration(
                NetworkConfiguration::builder()
                    .awsvpc_configuration(vpc)
                    .build(),
            )
            .started_by(&r.started_by)
            .set_client_token((!r.client_token.is_empty()).then(|| r.client_token.clone()))
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        match out.tasks().first() {
            Some(t) => Ok(task(t)),
            None => Err(failure(OP, out.failures(), "RunTask started no task")),
        }
    }

    pub(super) async fn task(&self, cluster: &str, arn: &str) -> CloudResult<Task> {
        const OP: &str = "DescribeTasks";
        let out = self
            .ecs
            .describe_tasks()
            .cluster(cluster)
            .tasks(arn)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        match out
            .tasks()
            .iter()
            .find(|t| t.task_arn() == Some(arn))
            .or(out.tasks().first())
        {
            Some(t) => Ok(task(t)),
            None => Err(failure(OP, out.failures(), &format!("Task {arn}"))),
        }
    }
}
