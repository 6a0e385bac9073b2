//! One-off tasks on ECS: the service's network configuration, the dump task definition
//! (registered once, found again by its fingerprint tag), RunTask and DescribeTasks.

use aws_sdk_ecs::types::{
    AssignPublicIp, AwsVpcConfiguration, Compatibility, ContainerDefinition, KeyValuePair,
    LaunchType, NetworkConfiguration, NetworkMode, Secret, SortOrder, Tag, TaskDefinitionField,
    TaskDefinitionStatus,
};

use super::AwsCloud;
use super::convert::{short_name, task_definition, timestamp};
use super::errors::{error, invalid_response, undescribed_task_definition};
use super::map_sdk_error;
use crate::cloud::{
    CloudResult, DUMP_CONTAINER, DUMP_CPU, DUMP_MEMORY, DUMP_PASSWORD_VAR, DUMP_USER_VAR,
    DumpTaskRequest, ErrorKind, FINGERPRINT_TAG_KEY, NetworkConfig, RunTaskRequest, Task,
    TaskContainer, TaskDefinition, TaskStatus,
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
    /// ARNs of the family's revisions in `status`, oldest first (ListTaskDefinitions matches
    /// by prefix: other families that begin alike are left out).
    pub(super) async fn task_definitions_in(
        &self,
        family: &str,
        status: TaskDefinitionStatus,
    ) -> CloudResult<Vec<String>> {
        const OP: &str = "ListTaskDefinitions";
        let arns: Vec<String> = self
            .ecs
            .list_task_definitions()
            .family_prefix(family)
            .status(status)
            .sort(SortOrder::Asc)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        let mut exact: Vec<(u32, String)> = arns
            .into_iter()
            .filter_map(|arn| {
                let revision = crate::cloud::Revision::parse(&arn)?;
                (revision.family == family).then_some((revision.number, arn))
            })
            .collect();
        exact.sort();
        Ok(exact.into_iter().map(|(_, arn)| arn).collect())
    }

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

    /// The family's newest ACTIVE revision when its fingerprint tag matches.
    async fn matching_dump_revision(
        &self,
        family: &str,
        fingerprint: &str,
    ) -> CloudResult<Option<TaskDefinition>> {
        use crate::cloud::Cloud;
        const OP: &str = "DescribeTaskDefinition";
        let Some(newest) = self.list_task_definitions(family).await?.pop() else {
            return Ok(None);
        };
        let out = self
            .ecs
            .describe_task_definition()
            .task_definition(&newest)
            .include(TaskDefinitionField::Tags)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        let matches = out
            .tags()
            .iter()
            .any(|t| t.key() == Some(FINGERPRINT_TAG_KEY) && t.value() == Some(fingerprint));
        if !matches {
            return Ok(None);
        }
        let td = out
            .task_definition()
            .ok_or_else(|| undescribed_task_definition(OP))?;
        Ok(Some(task_definition(td, out.tags(), None)))
    }

    pub(super) async fn dump_task_definition(
        &self,
        r: &DumpTaskRequest,
    ) -> CloudResult<TaskDefinition> {
        const OP: &str = "RegisterTaskDefinition";
        let fingerprint = r.fingerprint();
        if let Some(found) = self.matching_dump_revision(&r.family, &fingerprint).await? {
            return Ok(found);
        }
        let described = self
            .ecs
            .describe_task_definition()
            .task_definition(&r.base)
            .send()
            .await
            .map_err(|e| map_sdk_error("DescribeTaskDefinition", &e))?;
        let base = described
            .task_definition()
            .ok_or_else(|| undescribed_task_definition(OP))?;
        let container = base
            .container_definitions()
            .iter()
            .find(|c| c.name() == Some(r.base_container.as_str()))
            .ok_or_else(|| {
                error(
                    ErrorKind::Client,
                    "ClientException",
                    format!(
                        "Container {} not found in the task definition.",
                        r.base_container
                    ),
                    OP,
                )
            })?;

        let mut environment: Vec<KeyValuePair> = r
            .environment()
            .into_iter()
            .map(|(k, v)| KeyValuePair::builder().name(k).value(v).build())
            .collect();
        let mut secrets: Vec<Secret> = Vec::new();
        for (from, to) in [
            (&r.user_var, DUMP_USER_VAR),
            (&r.password_var, DUMP_PASSWORD_VAR),
        ] {
            if let Some(value) = container
                .environment()
                .iter()
                .find(|kv| kv.name() == Some(from.as_str()))
                .and_then(KeyValuePair::value)
            {
                environment.push(KeyValuePair::builder().name(to).value(value).build());
            } else if let Some(value_from) = container
                .secrets()
                .iter()
                .find(|s| s.name() == from.as_str())
                .map(Secret::value_from)
            {
                secrets.push(
                    Secret::builder()
                        .name(to)
                        .value_from(value_from)
                        .build()
                        .map_err(|e| {
                            error(ErrorKind::Client, "ClientException", e.to_string(), OP)
                        })?,
                );
            } else {
                return Err(error(
                    ErrorKind::Client,
                    "ClientException",
                    format!(
                        "Container {} has neither an environment variable nor a secret named {from}.",
                        r.base_container
                    ),
                    OP,
                ));
            }
        }

        let definition = ContainerDefinition::builder()
            .name(DUMP_CONTAINER)
            .image(&r.image)
            .essential(true)
            .set_command(Some(r.command()))
            .set_environment(Some(environment))
            .set_secrets((!secrets.is_empty()).then_some(secrets))
            .set_log_configuration(container.log_configuration().cloned())
            .build();
        // The fingerprint rides along with the tool's tags; a role that may not tag registers a
        // revision without either, which a later run then does not find again.
        let tags: Vec<Tag> = r
            .tags
            .iter()
            .cloned()
            .chain(
                (!r.tags.is_empty()).then(|| (FINGERPRINT_TAG_KEY.to_owned(), fingerprint.clone())),
            )
            .map(|(k, v)| Tag::builder().key(k).value(v).build())
            .collect();
        let out = self
            .ecs
            .register_task_definition()
            .family(&r.family)
            .set_execution_role_arn(base.execution_role_arn().map(str::to_owned))
            .network_mode(NetworkMode::Awsvpc)
            .requires_compatibilities(Compatibility::Fargate)
            .cpu(DUMP_CPU)
            .memory(DUMP_MEMORY)
            .container_definitions(definition)
            .set_tags((!tags.is_empty()).then(|| tags.clone()))
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        let registered = out
            .task_definition()
            .ok_or_else(|| invalid_response(OP, "task definition"))?;
        let tags = if out.tags().is_empty() {
            tags.as_slice()
        } else {
            out.tags()
        };
        Ok(task_definition(registered, tags, None))
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
