//! Each cloud call as the AWS CLI command (or curl request) that does the same; shown before
//! an action runs, in the call log and in the report. Secrets never appear: task definition
//! contents are referred to by file, not inlined.

use super::{
    BackupSettings, InstanceChange, PitrRequest, RestoreRequest, RestoreSettings, SnapshotRequest,
};

fn quote(value: &str) -> String {
    if value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.:/=@,+".contains(c))
    {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

#[must_use]
pub fn describe_instances() -> String {
    "aws rds describe-db-instances".into()
}

#[must_use]
pub fn describe_snapshots(instance: &str) -> String {
    format!(
        "aws rds describe-db-snapshots --db-instance-identifier {}",
        quote(instance)
    )
}

#[must_use]
pub fn find_snapshot(snapshot: &str) -> String {
    format!(
        "aws rds describe-db-snapshots --db-snapshot-identifier {}",
        quote(snapshot)
    )
}

#[must_use]
pub fn modify_backup(s: &BackupSettings) -> String {
    format!(
        "aws rds modify-db-instance --db-instance-identifier {} --backup-retention-period {} --preferred-backup-window {} {}",
        quote(&s.instance_id),
        s.retention_days,
        quote(&s.window_utc),
        if s.apply_immediately {
            "--apply-immediately"
        } else {
            "--no-apply-immediately"
        }
    )
}

/// A mend of an instance, applied at once.
#[must_use]
pub fn modify_instance(c: &InstanceChange) -> String {
    let mut out = format!(
        "aws rds modify-db-instance --db-instance-identifier {}",
        quote(&c.instance_id)
    );
    if let Some(groups) = &c.security_groups {
        out.push_str(" --vpc-security-group-ids");
        for g in groups {
            out.push(' ');
            out.push_str(&quote(g));
        }
    }
    match c.multi_az {
        Some(true) => out.push_str(" --multi-az"),
        Some(false) => out.push_str(" --no-multi-az"),
        None => {}
    }
    out.push_str(" --apply-immediately");
    out
}

#[must_use]
pub fn create_snapshot(r: &SnapshotRequest) -> String {
    format!(
        "aws rds create-db-snapshot --db-instance-identifier {} --db-snapshot-identifier {}{}",
        quote(&r.instance_id),
        quote(&r.snapshot_id),
        tags(&r.tags)
    )
}

/// ` --tags Key=k,Value=v …`, or nothing when there are no tags.
fn tags(tags: &[(String, String)]) -> String {
    let mut out = String::new();
    if !tags.is_empty() {
        out.push_str(" --tags");
        for (k, v) in tags {
            out.push(' ');
            out.push_str(&quote(&format!("Key={k},Value={v}")));
        }
    }
    out
}

/// ` --tags key=k,value=v …` as ECS's commands take them, or nothing when there are none.
fn ecs_tags(tags: &[(String, String)]) -> String {
    let mut out = String::new();
    if !tags.is_empty() {
        out.push_str(" --tags");
        for (k, v) in tags {
            out.push(' ');
            out.push_str(&quote(&format!("key={k},value={v}")));
        }
    }
    out
}

/// Everything a restore sets on the new instance, as the CLI takes it.
fn settings(s: &RestoreSettings) -> String {
    let mut out = format!(" --db-instance-class {}", quote(&s.class));
    out.push_str(if s.multi_az {
        " --multi-az"
    } else {
        " --no-multi-az"
    });
    if !s.security_groups.is_empty() {
        out.push_str(" --vpc-security-group-ids");
        for g in &s.security_groups {
            out.push(' ');
            out.push_str(&quote(g));
        }
    }
    let options = [
        ("--db-subnet-group-name", s.subnet_group.clone()),
        ("--storage-type", s.storage_type.clone()),
        (
            "--iops",
            s.iops
                .filter(|_| {
                    s.storage_type
                        .as_deref()
                        .is_some_and(|t| t.starts_with("io"))
                })
                .map(|n| n.to_string()),
        ),
        ("--db-parameter-group-name", s.parameter_group.clone()),
        ("--option-group-name", s.option_group.clone()),
        ("--engine-lifecycle-support", s.engine_lifecycle.clone()),
    ];
    for (flag, value) in options {
        if let Some(value) = value {
            out.push(' ');
            out.push_str(flag);
            out.push(' ');
            out.push_str(&quote(&value));
        }
    }
    out.push_str(&tags(&s.tags));
    out
}

#[must_use]
pub fn restore(r: &RestoreRequest) -> String {
    format!(
        "aws rds restore-db-instance-from-db-snapshot --db-instance-identifier {} --db-snapshot-identifier {}{}",
        quote(&r.instance_id),
        quote(&r.snapshot_id),
        settings(&r.settings)
    )
}

#[must_use]
pub fn restore_pitr(r: &PitrRequest) -> String {
    let point = r.restore_time.map_or_else(
        || " --use-latest-restorable-time".to_owned(),
        |t| format!(" --restore-time {}", t.strftime("%Y-%m-%dT%H:%M:%SZ")),
    );
    format!(
        "aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier {} --target-db-instance-identifier {}{point}{}",
        quote(&r.source_id),
        quote(&r.target_id),
        settings(&r.settings)
    )
}

#[must_use]
pub fn delete_instance(instance: &str) -> String {
    format!(
        "aws rds delete-db-instance --db-instance-identifier {} --skip-final-snapshot",
        quote(instance)
    )
}

#[must_use]
pub fn delete_snapshot(snapshot: &str) -> String {
    format!(
        "aws rds delete-db-snapshot --db-snapshot-identifier {}",
        quote(snapshot)
    )
}

#[must_use]
pub fn describe_service(cluster: &str, service: &str) -> String {
    format!(
        "aws ecs describe-services --cluster {} --services {}",
        quote(cluster),
        quote(service)
    )
}

#[must_use]
pub fn describe_task_definition(reference: &str) -> String {
    format!(
        "aws ecs describe-task-definition --task-definition {} --include TAGS",
        quote(reference)
    )
}

#[must_use]
pub fn list_task_definitions(family: &str) -> String {
    format!(
        "aws ecs list-task-definitions --family-prefix {} --status ACTIVE",
        quote(family)
    )
}

#[must_use]
pub fn list_inactive_task_definitions(family: &str) -> String {
    format!(
        "aws ecs list-task-definitions --family-prefix {} --status INACTIVE",
        quote(family)
    )
}

/// `td.json` is the base revision with one environment variable changed; every other field is
/// carried over. The comment stays free of prose: the line is shown and journaled in any language.
#[must_use]
pub fn register_revision(base: &str, container: &str, name: &str, value: &str) -> String {
    format!(
        "aws ecs register-task-definition --cli-input-json file://td.json   # td.json = {} + {}.{}={}",
        quote(base),
        container,
        name,
        quote(value)
    )
}

#[must_use]
pub fn deregister_task_definition(arn: &str) -> String {
    format!(
        "aws ecs deregister-task-definition --task-definition {}",
        quote(arn)
    )
}

#[must_use]
pub fn delete_task_definitions(arns: &[String]) -> String {
    let named: Vec<String> = arns.iter().map(|a| quote(a)).collect();
    format!(
        "aws ecs delete-task-definitions --task-definitions {}",
        named.join(" ")
    )
}

#[must_use]
pub fn update_service(cluster: &str, service: &str, td: &str) -> String {
    format!(
        "aws ecs update-service --cluster {} --service {} --task-definition {}",
        quote(cluster),
        quote(service),
        quote(td)
    )
}

#[must_use]
pub fn identity() -> String {
    "aws sts get-caller-identity".into()
}

#[must_use]
pub fn list_todos() -> String {
    "curl -s $APP_URL/api/v1/todos".into()
}

#[must_use]
pub fn create_todo(title: &str) -> String {
    let body = serde_json::json!({ "title": title, "completed": false }).to_string();
    format!(
        "curl -s -X POST -H 'Content-Type: application/json' -d {} $APP_URL/api/v1/todos",
        quote(&body)
    )
}

#[must_use]
pub fn delete_todo(id: &super::TodoId) -> String {
    format!("curl -s -X DELETE $APP_URL/api/v1/todos/{}", quote(&id.0))
}

#[must_use]
pub fn describe_service_network(cluster: &str, service: &str) -> String {
    format!(
        "{} --query 'services[0].networkConfiguration'",
        describe_service(cluster, service)
    )
}

/// The dump task definition. Its container definition is written to a file; the credentials
/// are named, never shown: they are the backend's own, as environment or as its `secrets`.
/// Like [`register_revision`], the comment stays free of prose (`←` reads "taken from"): the
/// line is shown and journaled in any language.
#[must_use]
pub fn register_dump_task_definition(r: &super::DumpTaskRequest) -> String {
    let environment: Vec<String> = r
        .environment()
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!(
        "aws ecs register-task-definition --family {} --requires-compatibilities FARGATE --network-mode awsvpc --cpu {} --memory {}{} --container-definitions file://dump.json   # dump.json: image {}, command bash -c {}, environment {}, {}/{} ← {} {}.{}/{}; executionRoleArn, logConfiguration ← {}",
        quote(&r.family),
        super::DUMP_CPU,
        super::DUMP_MEMORY,
        ecs_tags(&r.tags),
        quote(&r.image),
        quote(super::DUMP_SCRIPT),
        environment.join(" "),
        super::DUMP_USER_VAR,
        super::DUMP_PASSWORD_VAR,
        quote(&r.base),
        r.base_container,
        r.user_var,
        r.password_var,
        quote(&r.base),
    )
}

#[must_use]
pub fn run_task(r: &super::RunTaskRequest) -> String {
    format!(
        "aws ecs run-task --cluster {} --task-definition {} --launch-type FARGATE --network-configuration {} --started-by {}{}",
        quote(&r.cluster),
        quote(&r.task_definition),
        quote(&format!(
            "awsvpcConfiguration={{subnets=[{}],securityGroups=[{}],assignPublicIp={}}}",
            r.network.subnets.join(","),
            r.network.security_groups.join(","),
            if r.network.assign_public_ip {
                "ENABLED"
            } else {
                "DISABLED"
            }
        )),
        quote(&r.started_by),
        if r.client_token.is_empty() {
            String::new()
        } else {
            format!(" --client-token {}", quote(&r.client_token))
        }
    )
}

#[must_use]
pub fn describe_task(cluster: &str, task: &str) -> String {
    format!(
        "aws ecs describe-tasks --cluster {} --tasks {}",
        quote(cluster),
        quote(task)
    )
}

/// The output of a task's container in CloudWatch Logs (`awslogs` driver).
#[must_use]
pub fn tail_logs(group: &str, stream: &str) -> String {
    format!(
        "aws logs tail {} --log-stream-names {}",
        quote(group),
        quote(stream)
    )
}
