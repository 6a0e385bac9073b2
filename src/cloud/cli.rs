//! Each cloud call as the AWS CLI command (or curl request) that does the same; shown before
//! an action runs, in the call log and in the report. Each line runs as it is when pasted into
//! a shell (CloudShell has the AWS CLI and `jq`). Secrets never appear: a task definition's
//! contents go from `describe-task-definition` through `jq` into a file, never onto the screen.

use super::{
    BackupSettings, InstanceChange, PitrRequest, RestoreRequest, RestoreSettings, SnapshotRequest,
};

/// `value` as one shell word (quoted when it needs to be).
#[must_use]
pub fn quote(value: &str) -> String {
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
        quote(&s.window_utc.to_string()),
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
    match c.deletion_protection {
        Some(true) => out.push_str(" --deletion-protection"),
        Some(false) => out.push_str(" --no-deletion-protection"),
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

/// Whether a command line carries tags: ` --tags …` on the command, or a non-empty tag list
/// handed to `jq` for a task definition written to a file (the dump task definition).
#[must_use]
pub fn carries_tags(line: &str) -> bool {
    line.contains(" --tags ") || line.contains(" --argjson tags '[{")
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
        (
            "--storage-throughput",
            s.storage_throughput.map(|n| n.to_string()),
        ),
    ];
    for (flag, value) in options {
        if let Some(value) = value {
            out.push(' ');
            out.push_str(flag);
            out.push(' ');
            out.push_str(&quote(&value));
        }
    }
    let switches = [
        (
            s.publicly_accessible,
            "--publicly-accessible",
            "--no-publicly-accessible",
        ),
        (
            s.copy_tags_to_snapshot,
            "--copy-tags-to-snapshot",
            "--no-copy-tags-to-snapshot",
        ),
        (
            s.auto_minor_version_upgrade,
            "--auto-minor-version-upgrade",
            "--no-auto-minor-version-upgrade",
        ),
        (
            s.deletion_protection,
            "--deletion-protection",
            "--no-deletion-protection",
        ),
    ];
    for (value, on, off) in switches {
        if let Some(value) = value {
            out.push(' ');
            out.push_str(if value { on } else { off });
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

/// All revisions of `family` in `status`, as one line (the CLI follows the pages itself).
fn list_family(family: &str, status: &str) -> String {
    format!(
        "aws ecs list-task-definitions --family-prefix {} --status {status} --sort ASC",
        quote(family)
    )
}

/// One ListTaskDefinitions request: the page from `next_token` on (`--no-paginate`: the CLI
/// sends one request, as the program does).
#[must_use]
pub fn list_task_definitions(l: &super::TaskDefinitionListing) -> String {
    let mut out = format!(
        "aws ecs list-task-definitions --family-prefix {} --status {} --sort ASC",
        quote(&l.family_prefix),
        l.status.as_str()
    );
    if let Some(token) = &l.next_token {
        out.push_str(" --next-token ");
        out.push_str(&quote(token));
    }
    out.push_str(" --no-paginate");
    out
}

/// One RegisterTaskDefinition request: the family as `--family`, the rest of the body as
/// `--cli-input-json` and the tags as `--tags`. Values of secret-like environment names are
/// masked (see [`super::shown_value`]): the line shows what was sent, never a password.
#[must_use]
pub fn register_task_definition(r: &super::TaskDefinitionRegistration) -> String {
    let mut body = r.body.clone();
    let mut secrets = Vec::new();
    if let Some(defs) = body
        .get_mut("containerDefinitions")
        .and_then(serde_json::Value::as_array_mut)
    {
        for env in defs
            .iter_mut()
            .filter_map(|d| d.get_mut("environment"))
            .filter_map(serde_json::Value::as_array_mut)
        {
            for kv in env.iter_mut() {
                let name = kv
                    .get("name")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                if let Some(value) = kv.get_mut("value")
                    && super::is_secret_name(&name)
                {
                    *value = serde_json::Value::from(if is_shell_name(&name) {
                        secret_placeholder(&name)
                    } else {
                        super::shown_value(&name, "").to_owned()
                    });
                    secrets.push(name);
                }
            }
        }
    }
    // The family first, where a reader looks; the rest as the API's JSON.
    if let Some(fields) = body.as_object_mut() {
        fields.remove("family");
    }
    let mut json = quote(&body.to_string());
    // A secret is never shown: the line reads it from the shell's environment, and the shell
    // refuses to run the command while it is not set (`${NAME:?}`), so a pasted line never
    // registers a revision with a placeholder for a password.
    for name in &secrets {
        json = json.replace(&secret_placeholder(name), &format!("'\"${{{name}:?}}\"'"));
    }
    let mut out = format!(
        "aws ecs register-task-definition --family {} --cli-input-json {json}",
        quote(r.family()),
    );
    if !r.tags.is_empty() {
        out.push_str(" --tags");
        for (k, v) in &r.tags {
            out.push(' ');
            out.push_str(&quote(&format!("key={k},value={v}")));
        }
    }
    out
}

/// Whether `name` can be a shell variable (letters, digits and `_`, not starting with a digit).
fn is_shell_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What stands for the secret `name` in a register line's JSON until the quoted line reads it
/// from the environment instead.
fn secret_placeholder(name: &str) -> String {
    format!("@@secret:{name}@@")
}

/// The `jq` program that turns `describe-task-definition --include TAGS` output into input for
/// `register-task-definition`: the read-only fields dropped, `$name` set to `$value` in the
/// container `$container` (in place, or added), the tags carried over except AWS's own.
fn revision_jq() -> String {
    format!(
        "(.tags // [] | map(select(.key | startswith(\"aws:\") | not))) as $tags \
         | .taskDefinition | del({}) \
         | .containerDefinitions |= map(if .name == $container then .environment = ((.environment // []) \
         | if any(.name == $name) then map(if .name == $name then .value = $value else . end) \
         else . + [{{name: $name, value: $value}}] end) else . end) \
         | if ($tags | length) > 0 then .tags = $tags else . end",
        super::READ_ONLY_TASK_DEFINITION_FIELDS
            .iter()
            .map(|f| format!(".{f}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// A new revision of `base` with one environment variable changed and every other field
/// carried over: the base as `describe-task-definition` gives it, through `jq` into `td.json`,
/// then registered. One line that runs as it is (`jq` is part of CloudShell); the task
/// definition's contents, secrets included, go to the file and never onto the screen.
#[must_use]
pub fn register_revision(base: &str, container: &str, name: &str, value: &str) -> String {
    format!(
        "{} --output json | jq --arg container {} --arg name {} --arg value {} {} > td.json && aws ecs register-task-definition --cli-input-json file://td.json",
        describe_task_definition(base),
        quote(container),
        quote(name),
        quote(value),
        quote(&revision_jq())
    )
}

#[must_use]
pub fn deregister_task_definition(arn: &str) -> String {
    format!(
        "aws ecs deregister-task-definition --task-definition {}",
        quote(arn)
    )
}

/// Every INACTIVE (deregistered) revision of `family` deleted, as one line; ECS takes at most
/// ten per call.
#[must_use]
pub fn delete_inactive_family(family: &str) -> String {
    format!(
        "{} --query 'taskDefinitionArns[]' --output text | xargs -r -n 10 aws ecs delete-task-definitions --task-definitions",
        list_family(family, "INACTIVE")
    )
}

/// Every ACTIVE revision of `family` deregistered, as one line.
#[must_use]
pub fn deregister_family(family: &str) -> String {
    format!(
        "{} --query 'taskDefinitionArns[]' --output text | xargs -r -n 1 aws ecs deregister-task-definition --task-definition",
        list_family(family, "ACTIVE")
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

/// Waits until the service's deployments have settled (one deployment, all tasks running):
/// what a pasted sequence needs after `update-service` before it deletes the old database.
#[must_use]
pub fn wait_services_stable(cluster: &str, service: &str) -> String {
    format!(
        "aws ecs wait services-stable --cluster {} --services {}",
        quote(cluster),
        quote(service)
    )
}

/// `run_task_line` with the started task's ARN kept in the shell variable `TASK`, then a wait
/// until that task has stopped: a pasted sequence goes on only when the copy is over.
#[must_use]
pub fn run_task_and_wait(run_task_line: &str, cluster: &str) -> [String; 2] {
    [
        format!("TASK=$({run_task_line} --query 'tasks[0].taskArn' --output text)"),
        format!(
            "aws ecs wait tasks-stopped --cluster {} --tasks \"$TASK\"",
            quote(cluster)
        ),
    ]
}

#[must_use]
pub fn identity() -> String {
    "aws sts get-caller-identity".into()
}

/// The line that sets `APP_URL`, which the todo app's curl lines use: the configured URL, or
/// the DNS name of the load balancer `load_balancer`, as backup-lab finds the app.
#[must_use]
pub fn app_url(config: &crate::config::Config) -> String {
    match &config.app_url {
        Some(url) => format!(
            "export APP_URL={}",
            quote(&super::todo_api::normalize_base_url(url))
        ),
        None => format!(
            "export APP_URL=http://$(aws elbv2 describe-load-balancers --names {} --query 'LoadBalancers[0].DNSName' --output text)",
            quote(&config.names.load_balancer)
        ),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON argument of a register line as a POSIX shell expands it with `env`, or `None`
    /// when the shell refuses to run it.
    fn expanded(line: &str, env: &[(&str, &str)]) -> Option<serde_json::Value> {
        let arg = line.split_once(" --cli-input-json ")?.1;
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("printf '%s' {arg}"))
            .env_clear()
            .envs(env.iter().copied())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| serde_json::from_slice(&out.stdout).expect("JSON"))
    }

    #[test]
    fn a_register_line_reads_the_password_from_the_shell_and_never_shows_it() {
        let registration = crate::cloud::TaskDefinitionRegistration {
            body: serde_json::json!({
                "family": "workshop-backend",
                "containerDefinitions": [{
                    "name": "container-backend",
                    "environment": [
                        {"name": "DB_HOST", "value": "workshop-db-restore.example"},
                        {"name": "DB_PASSWORD", "value": "Workshop-Pa55word!"},
                    ],
                }],
            }),
            tags: Vec::new(),
        };
        let line = register_task_definition(&registration);
        assert!(!line.contains("Pa55word"), "{line}");
        assert!(line.contains("${DB_PASSWORD:?}"), "{line}");
        let body = expanded(&line, &[("DB_PASSWORD", "Workshop-Pa55word!")]).expect("runs");
        let env = &body["containerDefinitions"][0]["environment"];
        assert_eq!(env[1]["value"], "Workshop-Pa55word!", "{body}");
        assert_eq!(env[0]["value"], "workshop-db-restore.example");
        // Pasted without the password set, the shell refuses instead of registering a
        // revision with a wrong one.
        assert_eq!(expanded(&line, &[]), None);
    }
}
