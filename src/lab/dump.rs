//! The dump task that copies the restored data back into the original database (dump &
//! restore): what it runs (the script, the image, its environment), the task definition it is
//! registered as, and the lab's rule for that: the family's newest ACTIVE revision is used
//! again when its fingerprint tag says it was registered from the same request, else a new
//! revision is registered. Each step is one call of the cloud, so the call log shows every
//! request.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::cloud::cli::quote;
use crate::cloud::{
    Cloud, CloudError, CloudResult, DbInstance, ErrorKind, TaskDefinition,
    TaskDefinitionRegistration, TaskDefinitionStatus, tool_tags,
};
use crate::lab::revisions::Revisions as _;

/// Family of the task definition that copies the data back (dump & restore).
pub const DUMP_FAMILY: &str = "backup-lab-dump";
/// Name of its one container.
pub const DUMP_CONTAINER: &str = "mysql-dump";
/// Tag on the dump task definition holding [`DumpTaskRequest::fingerprint`], by which an
/// existing revision is found again instead of registering a new one.
pub const FINGERPRINT_TAG_KEY: &str = "backup-lab-fingerprint";
/// Fargate's smallest size (0.25 vCPU, 512 MiB): enough for a client copying a small database.
pub const DUMP_CPU: &str = "256";
pub const DUMP_MEMORY: &str = "512";

/// Environment names of the dump container. The password travels as `MYSQL_PWD`, which the
/// MySQL clients read themselves, so it is never on a command line.
pub const DUMP_PASSWORD_VAR: &str = "MYSQL_PWD";
pub const DUMP_USER_VAR: &str = "DB_USER";
pub const DUMP_SOURCE_HOST_VAR: &str = "SOURCE_HOST";
pub const DUMP_SOURCE_PORT_VAR: &str = "SOURCE_PORT";
pub const DUMP_TARGET_HOST_VAR: &str = "TARGET_HOST";
pub const DUMP_TARGET_PORT_VAR: &str = "TARGET_PORT";
pub const DUMP_DATABASE_VAR: &str = "DB_NAME";

/// The shell script the dump container runs. It names only variables: hosts, user and
/// database come from the environment, the password from `MYSQL_PWD`. `--single-transaction`
/// reads a consistent state without locking; RDS needs `--set-gtid-purged=OFF` (no SUPER to set
/// GTID_PURGED) and `--no-tablespaces` (no PROCESS privilege). The dump holds `DROP TABLE IF
/// EXISTS` before each table, so the target's tables are replaced.
pub const DUMP_SCRIPT: &str = "set -eo pipefail; \
mysqldump --single-transaction --set-gtid-purged=OFF --no-tablespaces \
--host=\"$SOURCE_HOST\" --port=\"$SOURCE_PORT\" --user=\"$DB_USER\" \"$DB_NAME\" \
| mysql --host=\"$TARGET_HOST\" --port=\"$TARGET_PORT\" --user=\"$DB_USER\" \"$DB_NAME\"";

/// A database endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbEndpoint {
    pub host: String,
    pub port: u16,
}

/// What the dump task definition is registered from. The backend's task definition (`base`)
/// gives the execution role, the log configuration, and the database user and password of its
/// container `base_container` (`user_var`, `password_var`: as plain environment, or as the
/// same `secrets` reference); everything else is here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DumpTaskRequest {
    pub family: String,
    /// ARN of the backend's task definition revision.
    pub base: String,
    pub base_container: String,
    pub user_var: String,
    pub password_var: String,
    pub image: String,
    /// Where the data is read: the restored instance.
    pub source: DbEndpoint,
    /// Where the data is written: `workshop-db`.
    pub target: DbEndpoint,
    /// The database (`DBName` of the instance).
    pub database: String,
    /// Tags of the registered revision (the tool's own; empty when the role may not tag).
    /// Not part of the fingerprint: the same copy, tagged or not, is the same request.
    #[serde(default)]
    pub tags: Vec<(String, String)>,
}

/// Why a dump request cannot be made from the two instances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DumpRequestError {
    /// The instance has no endpoint yet.
    NoEndpoint(String),
    /// The instance does not name its database (`DBName`).
    NoDatabase(String),
    /// The engine is not MySQL (the dump uses the MySQL client tools).
    Engine(String),
}

impl DumpTaskRequest {
    /// The request copying `source`'s database into `target`, with the backend's credentials.
    pub fn new(
        backend_task_definition: &str,
        backend_container: &str,
        source: &DbInstance,
        target: &DbInstance,
    ) -> Result<Self, DumpRequestError> {
        let endpoint = |i: &DbInstance| -> Result<DbEndpoint, DumpRequestError> {
            Ok(DbEndpoint {
                host: i
                    .endpoint
                    .clone()
                    .ok_or_else(|| DumpRequestError::NoEndpoint(i.id.clone()))?,
                port: i.port.unwrap_or(3306),
            })
        };
        let image =
            dump_image(source).ok_or_else(|| DumpRequestError::Engine(source.engine.clone()))?;
        let database = source
            .db_name
            .clone()
            .or_else(|| target.db_name.clone())
            .ok_or_else(|| DumpRequestError::NoDatabase(source.id.clone()))?;
        Ok(Self {
            family: DUMP_FAMILY.to_owned(),
            base: backend_task_definition.to_owned(),
            base_container: backend_container.to_owned(),
            user_var: "DB_USER".to_owned(),
            password_var: "DB_PASSWORD".to_owned(),
            image,
            source: endpoint(source)?,
            target: endpoint(target)?,
            database,
            tags: tool_tags(),
        })
    }

    /// The container's command: the script run by bash (the image's entrypoint passes it on).
    #[must_use]
    pub fn command(&self) -> Vec<String> {
        vec!["bash".into(), "-c".into(), DUMP_SCRIPT.into()]
    }

    /// The container's plain environment apart from the credentials: nothing secret.
    #[must_use]
    pub fn environment(&self) -> Vec<(String, String)> {
        [
            (DUMP_SOURCE_HOST_VAR, self.source.host.clone()),
            (DUMP_SOURCE_PORT_VAR, self.source.port.to_string()),
            (DUMP_TARGET_HOST_VAR, self.target.host.clone()),
            (DUMP_TARGET_PORT_VAR, self.target.port.to_string()),
            (DUMP_DATABASE_VAR, self.database.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// A short, stable digest of the request (FNV-1a over its JSON), kept as a tag on the
    /// registered revision so that the same request finds that revision again.
    #[must_use]
    pub fn fingerprint(&self) -> String {
        let untagged = Self {
            tags: Vec::new(),
            ..self.clone()
        };
        let text = serde_json::to_string(&untagged).unwrap_or_default();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in text.bytes().chain(DUMP_SCRIPT.bytes()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{hash:016x}")
    }
}

/// The MySQL client image for `instance`'s engine: the official `mysql` image from the ECR
/// Public mirror of Docker's library, with the engine's major version (`8.0.39` → `mysql:8.0`).
#[must_use]
pub fn dump_image(instance: &DbInstance) -> Option<String> {
    if instance.engine_name() != "mysql" {
        return None;
    }
    let version = instance.engine_version()?;
    let mut parts = version.split('.');
    let major = parts.next().filter(|p| !p.is_empty())?;
    let minor = parts.next().filter(|p| !p.is_empty())?;
    Some(format!(
        "public.ecr.aws/docker/library/mysql:{major}.{minor}"
    ))
}

impl DumpTaskRequest {
    /// The dump task definition for this request, registered from the backend's revision
    /// `base` (as DescribeTaskDefinition showed it): its execution role, the log configuration
    /// and the database credentials of its container (plain environment, or the same
    /// `secrets` reference). The fingerprint rides along with the tool's tags; a request
    /// without tags (a role that may not tag) registers a revision a later run does not find.
    ///
    /// # Errors
    /// The container is not in `base`, or it has neither a variable nor a secret for the user
    /// or the password (as ECS would refuse a revision without them).
    pub fn registration(&self, base: &TaskDefinition) -> CloudResult<TaskDefinitionRegistration> {
        const OP: &str = "RegisterTaskDefinition";
        let refused = |message: String| {
            CloudError::new(ErrorKind::Client, "ClientException", message).in_op(OP)
        };
        let container = base
            .body
            .get("containerDefinitions")
            .and_then(Value::as_array)
            .and_then(|defs| {
                defs.iter()
                    .find(|c| c.get("name").and_then(Value::as_str) == Some(&self.base_container))
            })
            .ok_or_else(|| {
                refused(format!(
                    "Container {} not found in the task definition.",
                    self.base_container
                ))
            })?;
        let named = |list: &str, name: &str| -> Option<Value> {
            container
                .get(list)?
                .as_array()?
                .iter()
                .find(|kv| kv.get("name").and_then(Value::as_str) == Some(name))
                .cloned()
        };
        let mut environment: Vec<Value> = self
            .environment()
            .into_iter()
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect();
        let mut secrets: Vec<Value> = Vec::new();
        for (from, to) in [
            (&self.user_var, DUMP_USER_VAR),
            (&self.password_var, DUMP_PASSWORD_VAR),
        ] {
            if let Some(value) = named("environment", from).and_then(|kv| kv.get("value").cloned())
            {
                environment.push(json!({ "name": to, "value": value }));
            } else if let Some(value_from) =
                named("secrets", from).and_then(|s| s.get("valueFrom").cloned())
            {
                secrets.push(json!({ "name": to, "valueFrom": value_from }));
            } else {
                return Err(refused(format!(
                    "Container {} has neither an environment variable nor a secret named {from}.",
                    self.base_container
                )));
            }
        }
        let mut definition = json!({
            "name": DUMP_CONTAINER,
            "image": self.image,
            "essential": true,
            "command": self.command(),
            "environment": environment,
        });
        if !secrets.is_empty() {
            definition["secrets"] = Value::Array(secrets);
        }
        if let Some(logs) = container.get("logConfiguration") {
            definition["logConfiguration"] = logs.clone();
        }
        let mut body = json!({
            "family": self.family,
            "networkMode": "awsvpc",
            "requiresCompatibilities": ["FARGATE"],
            "cpu": DUMP_CPU,
            "memory": DUMP_MEMORY,
            "containerDefinitions": [definition],
        });
        if let Some(role) = base.body.get("executionRoleArn") {
            body["executionRoleArn"] = role.clone();
        }
        let tags = self
            .tags
            .iter()
            .cloned()
            .chain(
                (!self.tags.is_empty())
                    .then(|| (FINGERPRINT_TAG_KEY.to_owned(), self.fingerprint())),
            )
            .collect();
        Ok(TaskDefinitionRegistration { body, tags })
    }

    /// Whether `td` was registered from this request: its fingerprint tag matches.
    #[must_use]
    pub fn registered_as(&self, td: &TaskDefinition) -> bool {
        let fingerprint = self.fingerprint();
        td.tags
            .iter()
            .any(|(k, v)| k == FINGERPRINT_TAG_KEY && *v == fingerprint)
    }
}

/// The dump task definition for `request`: the family's newest ACTIVE revision when it was
/// registered from the same request (ListTaskDefinitions, then DescribeTaskDefinition of the
/// newest), else a new revision (DescribeTaskDefinition of the backend's revision, then
/// RegisterTaskDefinition).
///
/// # Errors
/// A failed call, or a backend revision the dump cannot be made from
/// ([`DumpTaskRequest::registration`]).
pub async fn dump_task_definition(
    cloud: &(impl Cloud + ?Sized),
    request: &DumpTaskRequest,
) -> CloudResult<TaskDefinition> {
    if let Some(newest) = cloud
        .revisions(&request.family, TaskDefinitionStatus::Active)
        .await?
        .pop()
    {
        let td = cloud.describe_task_definition(&newest).await?;
        if request.registered_as(&td) {
            return Ok(td);
        }
    }
    let base = cloud.describe_task_definition(&request.base).await?;
    cloud
        .register_task_definition(&request.registration(&base)?)
        .await
}

/// The dump task definition, as one line that runs as it is: the backend's revision as
/// `describe-task-definition` gives it, through `jq` into `dump.json`, then registered. `jq`
/// takes the execution role, the log configuration and the credentials (as environment or as
/// the same `secrets` reference) from the backend's container; the credentials' values go to
/// the file and never onto the screen.
#[must_use]
pub fn register_line(r: &DumpTaskRequest) -> String {
    let environment: Vec<serde_json::Value> = r
        .environment()
        .into_iter()
        .map(|(name, value)| serde_json::json!({ "name": name, "value": value }))
        .collect();
    // The request's tags and, with them, the fingerprint (none when tagging was denied).
    let fingerprint =
        (!r.tags.is_empty()).then(|| (FINGERPRINT_TAG_KEY.to_owned(), r.fingerprint()));
    let tags: Vec<serde_json::Value> = r
        .tags
        .iter()
        .cloned()
        .chain(fingerprint)
        .map(|(key, value)| serde_json::json!({ "key": key, "value": value }))
        .collect();
    let program = "(.taskDefinition) as $b | ($b.containerDefinitions[] | select(.name == $container)) as $c \
        | [$user, $password] as $from | [$user_to, $password_to] as $to \
        | {family: $family, executionRoleArn: $b.executionRoleArn, networkMode: \"awsvpc\", \
        requiresCompatibilities: [\"FARGATE\"], cpu: $cpu, memory: $memory, tags: $tags, \
        containerDefinitions: [{name: $name, image: $image, essential: true, command: [\"bash\", \"-c\", $script], \
        environment: ($environment + [range(2) as $i | ($c.environment // [])[] | select(.name == $from[$i]) | {name: $to[$i], value}]), \
        secrets: [range(2) as $i | ($c.secrets // [])[] | select(.name == $from[$i]) | {name: $to[$i], valueFrom}], \
        logConfiguration: $c.logConfiguration} | with_entries(select(.value != null and .value != []))]} \
        | with_entries(select(.value != null))";
    let args = [
        ("container", r.base_container.as_str()),
        ("user", r.user_var.as_str()),
        ("password", r.password_var.as_str()),
        ("user_to", DUMP_USER_VAR),
        ("password_to", DUMP_PASSWORD_VAR),
        ("family", r.family.as_str()),
        ("cpu", DUMP_CPU),
        ("memory", DUMP_MEMORY),
        ("name", DUMP_CONTAINER),
        ("image", r.image.as_str()),
        ("script", DUMP_SCRIPT),
    ];
    let mut jq = String::from("jq");
    for (name, value) in args {
        let _ = write!(jq, " --arg {name} {}", quote(value));
    }
    for (name, value) in [("environment", environment), ("tags", tags)] {
        let _ = write!(
            jq,
            " --argjson {name} {}",
            quote(&serde_json::Value::Array(value).to_string())
        );
    }
    format!(
        "aws ecs describe-task-definition --task-definition {} --output json | {jq} {} > dump.json && aws ecs register-task-definition --cli-input-json file://dump.json",
        quote(&r.base),
        quote(program)
    )
}
