//! Each cloud call as the AWS CLI command (or curl request) that does the same; shown before
//! an action runs, in the call log and in the report. Secrets never appear: task definition
//! contents are referred to by file, not inlined.

use super::{BackupSettings, PitrRequest, RestoreRequest};

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

#[must_use]
pub fn create_snapshot(instance: &str, snapshot: &str) -> String {
    format!(
        "aws rds create-db-snapshot --db-instance-identifier {} --db-snapshot-identifier {} --tags Key=created-by,Value=backup-lab",
        quote(instance),
        quote(snapshot)
    )
}

fn placement(class: &str, multi_az: bool, groups: &[String], subnet: Option<&String>) -> String {
    let mut out = format!(" --db-instance-class {}", quote(class));
    out.push_str(if multi_az {
        " --multi-az"
    } else {
        " --no-multi-az"
    });
    if !groups.is_empty() {
        out.push_str(" --vpc-security-group-ids");
        for g in groups {
            out.push(' ');
            out.push_str(&quote(g));
        }
    }
    if let Some(subnet) = subnet {
        out.push_str(" --db-subnet-group-name ");
        out.push_str(&quote(subnet));
    }
    out
}

#[must_use]
pub fn restore(r: &RestoreRequest) -> String {
    format!(
        "aws rds restore-db-instance-from-db-snapshot --db-instance-identifier {} --db-snapshot-identifier {}{} --tags Key=created-by,Value=backup-lab",
        quote(&r.instance_id),
        quote(&r.snapshot_id),
        placement(
            &r.class,
            r.multi_az,
            &r.security_groups,
            r.subnet_group.as_ref()
        )
    )
}

#[must_use]
pub fn restore_pitr(r: &PitrRequest) -> String {
    format!(
        "aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier {} --target-db-instance-identifier {} --use-latest-restorable-time{} --tags Key=created-by,Value=backup-lab",
        quote(&r.source_id),
        quote(&r.target_id),
        placement(
            &r.class,
            r.multi_az,
            &r.security_groups,
            r.subnet_group.as_ref()
        )
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
pub fn register_revision(base: &str, container: &str, name: &str, value: &str) -> String {
    format!(
        "aws ecs register-task-definition --cli-input-json file://td.json   # td.json = {} with {}.{}={} (other fields unchanged, secrets not shown)",
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
