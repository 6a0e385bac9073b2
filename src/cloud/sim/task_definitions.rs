//! Task definitions in the simulated account, as ECS keeps them: a revision is what
//! RegisterTaskDefinition got (its body and tags); what the lab reads of it (containers,
//! fingerprint) is derived from that. ListTaskDefinitions matches families by prefix, filters
//! by status (a revision being deleted is in neither list), sorts by family and revision and
//! answers in pages of at most 100 with a `nextToken`.

use serde_json::{Value, json};

use super::world::err;
use super::{ACCOUNT, REGION, World};
use crate::cloud::status::TaskDefinitionStatus;
use crate::cloud::{
    CloudResult, ErrorKind, LIST_TASK_DEFINITIONS_PAGE, TaskDefinition, TaskDefinitionListing,
    TaskDefinitionPage, TaskDefinitionRegistration, is_reserved_tag,
};

/// The revision `revision` of the registration's family, as DescribeTaskDefinition shows it.
pub(super) fn revision_view(
    registration: &TaskDefinitionRegistration,
    revision: u32,
    status: TaskDefinitionStatus,
) -> TaskDefinition {
    let family = registration.family().to_owned();
    TaskDefinition {
        arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{family}:{revision}"),
        family,
        revision,
        status,
        containers: registration.containers(),
        fingerprint: registration.fingerprint(),
        tags: registration.tags.clone(),
        body: registration.body.clone(),
    }
}

/// Writes the containers of `td` (as a change in the console made them) into its body, and
/// derives the fingerprint again: the body stays what the revision is.
pub(super) fn sync_body(td: &mut TaskDefinition) {
    if !td.body.is_object() {
        td.body = json!({ "family": td.family });
    }
    let old: Vec<Value> = td
        .body
        .get("containerDefinitions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let defs: Vec<Value> = td
        .containers
        .iter()
        .map(|c| {
            let mut def = old
                .iter()
                .find(|d| d.get("name").and_then(Value::as_str) == Some(&c.name))
                .cloned()
                .unwrap_or_else(|| json!({ "name": c.name, "essential": false }));
            def["image"] = Value::from(c.image.as_str());
            def["environment"] = c
                .environment
                .iter()
                .map(|(name, value)| json!({ "name": name, "value": value }))
                .collect();
            if let Some(logs) = c
                .logs
                .as_ref()
                .filter(|_| def.get("logConfiguration").is_none())
            {
                let mut options = serde_json::Map::new();
                for (key, value) in [
                    ("awslogs-group", &logs.group),
                    ("awslogs-region", &logs.region),
                    ("awslogs-stream-prefix", &logs.stream_prefix),
                ] {
                    if let Some(value) = value {
                        options.insert(key.into(), Value::from(value.as_str()));
                    }
                }
                def["logConfiguration"] = json!({ "logDriver": logs.driver, "options": options });
            }
            def
        })
        .collect();
    td.body["containerDefinitions"] = Value::Array(defs);
    let registration = td.registration();
    td.fingerprint = registration.fingerprint();
}

impl World {
    /// RegisterTaskDefinition: the next revision of the family, ACTIVE. Refused as ECS
    /// refuses it: no family, no container, a container without name or image, a Fargate
    /// revision without `cpu`/`memory` or not in `awsvpc` mode, a tag AWS reserves.
    pub(super) fn register(
        &mut self,
        registration: &TaskDefinitionRegistration,
    ) -> CloudResult<TaskDefinition> {
        let invalid =
            |message: &str| err(ErrorKind::Validation, "ClientException", message.to_owned());
        let family = registration.family();
        if family.is_empty() {
            return Err(invalid("Family name is required."));
        }
        let defs = registration
            .body
            .get("containerDefinitions")
            .and_then(Value::as_array)
            .filter(|d| !d.is_empty())
            .ok_or_else(|| invalid("Container definitions are required."))?;
        let text = |v: &Value, key: &str| {
            v.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .is_empty()
        };
        if defs.iter().any(|d| text(d, "name")) {
            return Err(invalid("Container.name should not be null or empty."));
        }
        if defs.iter().any(|d| text(d, "image")) {
            return Err(invalid("Container.image should not be null or empty."));
        }
        let fargate = registration
            .body
            .get("requiresCompatibilities")
            .and_then(Value::as_array)
            .is_some_and(|c| c.iter().any(|c| c == "FARGATE"));
        if fargate {
            if text(&registration.body, "cpu") || text(&registration.body, "memory") {
                return Err(invalid(
                    "Fargate requires that 'cpu' and 'memory' be defined at the task level.",
                ));
            }
            if registration.body.get("networkMode").and_then(Value::as_str) != Some("awsvpc") {
                return Err(invalid("Fargate only supports network mode 'awsvpc'."));
            }
        }
        if registration.tags.iter().any(|(k, _)| is_reserved_tag(k)) {
            return Err(err(
                ErrorKind::Validation,
                "InvalidParameterException",
                "Tag keys starting with 'aws:' are reserved.",
            ));
        }
        let revision = self
            .task_definitions
            .iter()
            .filter(|t| t.family == family)
            .map(|t| t.revision)
            .max()
            .unwrap_or(0)
            + 1;
        let td = revision_view(registration, revision, TaskDefinitionStatus::Active);
        self.task_definitions.push(td.clone());
        Ok(td)
    }

    /// ListTaskDefinitions, one page.
    pub(super) fn list_page(
        &self,
        listing: &TaskDefinitionListing,
    ) -> CloudResult<TaskDefinitionPage> {
        let start = match &listing.next_token {
            None => 0,
            Some(token) => token
                .strip_prefix("sim-page-")
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| {
                    err(
                        ErrorKind::Validation,
                        "InvalidParameterException",
                        "Invalid nextToken.",
                    )
                })?,
        };
        let mut matching: Vec<&TaskDefinition> = self
            .task_definitions
            .iter()
            .filter(|td| {
                td.family.starts_with(&listing.family_prefix) && td.status == listing.status
            })
            .collect();
        matching.sort_by(|a, b| (&a.family, a.revision).cmp(&(&b.family, b.revision)));
        let end = (start + LIST_TASK_DEFINITIONS_PAGE).min(matching.len());
        Ok(TaskDefinitionPage {
            arns: matching
                .get(start..end)
                .unwrap_or_default()
                .iter()
                .map(|td| td.arn.clone())
                .collect(),
            next_token: (end < matching.len()).then(|| format!("sim-page-{end}")),
        })
    }

    /// Worlds saved before revisions kept their body get one made from what they show.
    pub(super) fn give_revisions_bodies(&mut self) {
        for td in self
            .task_definitions
            .iter_mut()
            .filter(|td| td.body.is_null())
        {
            sync_body(td);
        }
    }
}
