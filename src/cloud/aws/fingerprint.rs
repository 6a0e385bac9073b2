//! The revision fingerprint: what defines a task definition revision, comparable across
//! revisions.

use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_ecs::types::ContainerDefinition;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::AfterDeserializationInterceptorContextRef;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use serde_json::Value;

use crate::cloud::{READ_ONLY_TASK_DEFINITION_FIELDS as NOT_REGISTRABLE, is_reserved_tag};

/// The `taskDefinition` member of a raw DescribeTaskDefinition (or RegisterTaskDefinition)
/// answer without its read-only fields: what RegisterTaskDefinition takes to make it again.
pub(super) fn registrable_body(raw: &[u8]) -> Option<Value> {
    let mut parsed: Value = serde_json::from_slice(raw).ok()?;
    let mut td = parsed.get_mut("taskDefinition")?.take();
    let obj = td.as_object_mut()?;
    for field in NOT_REGISTRABLE {
        obj.remove(field);
    }
    Some(td)
}

/// Drops nulls, empty lists and empty objects, so "absent" and "empty" compare equal.
fn prune(value: Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::Array(items) => {
            let items: Vec<Value> = items.into_iter().filter_map(prune).collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        Value::Object(map) => {
            let map: serde_json::Map<String, Value> = map
                .into_iter()
                .filter_map(|(k, v)| Some((k, prune(v)?)))
                .collect();
            (!map.is_empty()).then_some(Value::Object(map))
        }
        other => Some(other),
    }
}

/// JSON with object keys sorted at every level, whatever map type `serde_json` was built with.
fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    canonical(v, out);
                }
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Everything that defines a revision except what [`TaskDefinition::containers`] already holds
/// as comparable data (environment), and except what Register rejects: canonical JSON of the
/// raw `DescribeTaskDefinition` response, tags (without reserved ones) included and sorted.
pub(super) fn fingerprint_from_raw(
    raw: &[u8],
    known_tags: &[aws_sdk_ecs::types::Tag],
) -> Option<String> {
    let parsed: Value = serde_json::from_slice(raw).ok()?;
    let mut td = parsed.get("taskDefinition")?.clone();
    let obj = td.as_object_mut()?;
    for field in NOT_REGISTRABLE {
        obj.remove(field);
    }
    if let Some(Value::Array(defs)) = obj.get_mut("containerDefinitions") {
        for def in defs.iter_mut().filter_map(Value::as_object_mut) {
            def.remove("environment");
        }
    }
    // Answers without a `tags` member (moto's RegisterTaskDefinition) use the known tags.
    let mut tags: Vec<(String, String)> = match parsed.get("tags").and_then(Value::as_array) {
        Some(raw_tags) => raw_tags
            .iter()
            .filter_map(|t| {
                Some((
                    t.get("key")?.as_str()?.to_owned(),
                    t.get("value")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                ))
            })
            .collect(),
        None => known_tags
            .iter()
            .filter_map(|t| {
                Some((
                    t.key()?.to_owned(),
                    t.value().unwrap_or_default().to_owned(),
                ))
            })
            .collect(),
    };
    tags.retain(|(k, _)| !is_reserved_tag(k));
    tags.sort();
    obj.insert(
        "tags".into(),
        Value::Array(
            tags.into_iter()
                .map(|(k, v)| serde_json::json!({ "key": k, "value": v }))
                .collect(),
        ),
    );
    let mut out = String::new();
    canonical(&prune(td).unwrap_or(Value::Null), &mut out);
    Some(out)
}

/// Fallback when the raw response was not captured: the SDK's own view, environment removed.
pub(super) fn fingerprint_from_sdk(
    td: &aws_sdk_ecs::types::TaskDefinition,
    tags: &[aws_sdk_ecs::types::Tag],
) -> String {
    let defs: Vec<ContainerDefinition> = td
        .container_definitions()
        .iter()
        .cloned()
        .map(|mut c| {
            c.environment = None;
            c
        })
        .collect();
    let mut tags: Vec<(&str, &str)> = tags
        .iter()
        .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default())))
        .filter(|(k, _)| !is_reserved_tag(k))
        .collect();
    tags.sort_unstable();
    format!(
        "{:?}|{:?}|{:?}|{:?}|{defs:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{tags:?}",
        td.family(),
        td.task_role_arn(),
        td.execution_role_arn(),
        td.network_mode(),
        td.volumes(),
        td.placement_constraints(),
        td.requires_compatibilities(),
        td.cpu(),
        td.memory(),
        td.pid_mode(),
        td.ipc_mode(),
        td.proxy_configuration(),
        td.inference_accelerators(),
        td.ephemeral_storage(),
        td.runtime_platform(),
        td.enable_fault_injection(),
    )
}

/// Keeps the raw body of one response (for the task definition fingerprint).
#[derive(Debug, Clone, Default)]
pub(super) struct CaptureBody(Arc<Mutex<Option<Vec<u8>>>>);

impl CaptureBody {
    pub(super) fn take(&self) -> Option<Vec<u8>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

impl Intercept for CaptureBody {
    fn name(&self) -> &'static str {
        "CaptureBody"
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(bytes) = context.response().body().bytes() {
            *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(bytes.to_vec());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_environment_order_of_keys_and_empty_fields() {
        let a = br#"{"taskDefinition":{"family":"f","revision":1,"cpu":"256","volumes":[],
            "containerDefinitions":[{"name":"c","environment":[{"name":"DB_HOST","value":"a"}],"x":{"b":1,"a":2}}]},
            "tags":[{"key":"b","value":"2"},{"key":"a","value":"1"},{"key":"aws:cloudformation:stack-name","value":"s"}]}"#;
        let b = br#"{"taskDefinition":{"revision":2,"family":"f","cpu":"256",
            "containerDefinitions":[{"x":{"a":2,"b":1},"name":"c","environment":[{"name":"DB_HOST","value":"b"}]}]},
            "tags":[{"key":"a","value":"1"},{"key":"b","value":"2"}]}"#;
        assert_eq!(fingerprint_from_raw(a, &[]), fingerprint_from_raw(b, &[]));
        let c = br#"{"taskDefinition":{"family":"f","cpu":"512","containerDefinitions":[{"name":"c"}]}}"#;
        assert_ne!(fingerprint_from_raw(a, &[]), fingerprint_from_raw(c, &[]));
    }
}
