//! The AWS adapter: [`AwsCloud`] implements [`Cloud`] over `aws-sdk-rust` (RDS, ECS, STS, `ELBv2`);
//! the todo app's HTTP API goes through [`TodoClient`], which only learns its base URL here.
//!
//! Map of this module:
//! - this file: settings and connecting: the standard credential chain (environment, profile
//!   with SSO and `credential_process`, web identity, container, instance metadata), but with an
//!   instance-metadata client whose timeouts are short, so that "no credentials" is known in
//!   about a second instead of after half a minute of retries against 169.254.169.254; then the
//!   `Cloud` methods, one provider call each, paginated where the API pages; the todo API's base
//!   URL from the settings or from the DNS name of the load balancer;
//! - [`errors`]: one error mapping, [`map_sdk_error`], from any SDK error to [`CloudError`];
//! - [`convert`]: SDK types to domain types;
//! - [`fingerprint`]: task definitions: the raw `DescribeTaskDefinition` response is captured
//!   by an interceptor; its registrable part is the revision's body, which
//!   `RegisterTaskDefinition` sends as it is, and its canonical JSON is the fingerprint, so
//!   even fields this SDK version does not model travel and count when two revisions are
//!   compared.
//!
//! Endpoints: `AWS_ENDPOINT_URL` and the per-service `AWS_ENDPOINT_URL_<SERVICE>` variables (and
//! `endpoint_url` in the profile) are honoured by aws-config as usual; [`AwsOverrides`] can set
//! one endpoint for every service programmatically, which the moto tests use because
//! environment variables are shared by all tests of a process.

mod convert;
mod errors;
mod fingerprint;
mod tasks;

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use aws_config::BehaviorVersion;
use aws_config::default_provider::credentials::DefaultCredentialsChain;
use aws_config::environment::region::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_ecs::types::{
    SortOrder, TaskDefinitionField, TaskDefinitionStatus as SdkTaskDefinitionStatus,
};
use jiff::Timestamp;

use self::convert::{
    db_instance, db_snapshot, rds_tags, restore_storage, service, short_name, task_definition,
};
pub use self::errors::map_sdk_error;
use self::errors::{error, invalid_response, undescribed_task_definition};
use self::fingerprint::CaptureBody;
use super::credentials::{self, CredentialSource};
use super::todo_api::normalize_base_url;
use super::todo_client::TodoClient;
use super::{
    BackupSettings, Cloud, CloudError, CloudResult, DbInstance, DbSnapshot, ErrorKind, Identity,
    InstanceChange, Mode, PitrRequest, RestoreRequest, Service, SnapshotRequest, TaskDefinition,
    TaskDefinitionListing, TaskDefinitionPage, TaskDefinitionRegistration, Todo, TodoId,
};

/// Attempts per SDK call, including the first; standard mode backs off exponentially with jitter.
const MAX_ATTEMPTS: u32 = 4;
const SDK_CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const SDK_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);
const SDK_OPERATION_TIMEOUT: Duration = Duration::from_secs(45);
/// Instance metadata answers within milliseconds where it exists; elsewhere nobody answers.
const IMDS_CONNECT_TIMEOUT: Duration = Duration::from_millis(300);
const IMDS_READ_TIMEOUT: Duration = Duration::from_millis(500);
const IMDS_OPERATION_TIMEOUT: Duration = Duration::from_millis(800);
/// Last guard around connecting (credential lookup plus `GetCallerIdentity` with its retries).
const CONNECT_GUARD: Duration = Duration::from_secs(60);
const TODO_CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const TODO_TIMEOUT: Duration = Duration::from_secs(8);

/// What the user chose on the command line or in the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsSettings {
    /// Named profile (`--profile`); else `AWS_PROFILE`, else `default`.
    pub profile: Option<String>,
    /// Region; else `AWS_REGION` / `AWS_DEFAULT_REGION`, else the profile's, else instance metadata.
    pub region: Option<String>,
    /// Base URL of the todo app; else `http://<DNS name of load_balancer>`.
    pub app_url: Option<String>,
    /// Name of the application load balancer in front of the app (`todoApp`).
    pub load_balancer: String,
}

impl Default for AwsSettings {
    fn default() -> Self {
        Self {
            profile: None,
            region: None,
            app_url: None,
            load_balancer: "todoApp".into(),
        }
    }
}

/// Fixed keys instead of the credential chain (tests; never logged).
#[derive(Clone, PartialEq, Eq)]
pub struct StaticKeys {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl fmt::Debug for StaticKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaticKeys")
            .field("access_key_id", &"••••••")
            .finish_non_exhaustive()
    }
}

/// Knobs the program itself leaves at their defaults; the moto tests turn them, because
/// environment variables would leak between tests that run in parallel threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsOverrides {
    /// One endpoint for every service (takes precedence over `AWS_ENDPOINT_URL`).
    pub endpoint_url: Option<String>,
    /// Use these keys instead of the credential chain.
    pub keys: Option<StaticKeys>,
    pub todo_connect_timeout: Duration,
    pub todo_timeout: Duration,
    pub max_attempts: u32,
    /// First retry delay; standard mode doubles it per attempt (with jitter).
    pub initial_backoff: Duration,
}

impl Default for AwsOverrides {
    fn default() -> Self {
        Self {
            endpoint_url: None,
            keys: None,
            todo_connect_timeout: TODO_CONNECT_TIMEOUT,
            todo_timeout: TODO_TIMEOUT,
            max_attempts: MAX_ATTEMPTS,
            initial_backoff: Duration::from_secs(1),
        }
    }
}

/// The real account.
#[derive(Debug)]
pub struct AwsCloud {
    rds: aws_sdk_rds::Client,
    ecs: aws_sdk_ecs::Client,
    sts: aws_sdk_sts::Client,
    elb: aws_sdk_elasticloadbalancingv2::Client,
    todo: TodoClient,
    account: String,
    region: String,
    app_url: Option<String>,
    load_balancer: String,
    /// Base URL of the todo API once found.
    todo_base: tokio::sync::OnceCell<String>,
    /// Where the credential chain finds the credentials (`None` with fixed test keys).
    credentials: Option<CredentialSource>,
}
impl AwsCloud {
    /// Loads the configuration the way the AWS CLI does and asks STS who we are.
    ///
    /// # Errors
    /// `NoRegion` when no region is configured anywhere; `NoCredentials`, `ExpiredToken`,
    /// `AccessDenied`, `Network`, … from the credential lookup and `GetCallerIdentity`.
    pub async fn connect(settings: &AwsSettings) -> CloudResult<Self> {
        Self::connect_with(settings, &AwsOverrides::default()).await
    }

    /// [`AwsCloud::connect`] with test knobs.
    ///
    /// # Errors
    /// As [`AwsCloud::connect`].
    pub async fn connect_with(
        settings: &AwsSettings,
        overrides: &AwsOverrides,
    ) -> CloudResult<Self> {
        match tokio::time::timeout(CONNECT_GUARD, Self::connect_inner(settings, overrides)).await {
            Ok(result) => result,
            Err(_) => Err(error(
                ErrorKind::Timeout,
                "ConnectTimeout",
                "Looking up credentials and the caller identity took too long.",
                "GetCallerIdentity",
            )),
        }
    }

    async fn connect_inner(settings: &AwsSettings, overrides: &AwsOverrides) -> CloudResult<Self> {
        let imds = aws_config::imds::Client::builder()
            .max_attempts(1)
            .connect_timeout(IMDS_CONNECT_TIMEOUT)
            .read_timeout(IMDS_READ_TIMEOUT)
            .operation_attempt_timeout(IMDS_OPERATION_TIMEOUT)
            .operation_timeout(IMDS_OPERATION_TIMEOUT)
            .build();

        let mut profile_region = ProfileFileRegionProvider::builder();
        if let Some(profile) = &settings.profile {
            profile_region = profile_region.profile_name(profile);
        }
        let region_chain =
            RegionProviderChain::first_try(settings.region.clone().map(aws_config::Region::new))
                .or_else(EnvironmentVariableRegionProvider::new())
                .or_else(profile_region.build())
                .or_else(
                    aws_config::imds::region::ImdsRegionProvider::builder()
                        .imds_client(imds.clone())
                        .build(),
                );
        let Some(region) = region_chain.region().await else {
            return Err(error(
                ErrorKind::NoRegion,
                "NoRegion",
                "No AWS region is configured (--region, AWS_REGION or the profile's region).",
                "GetCallerIdentity",
            ));
        };
        tracing::debug!(region = %region, profile = ?settings.profile, "aws config");

        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(region.clone())
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(overrides.max_attempts.max(1))
                    .with_initial_backoff(overrides.initial_backoff),
            )
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(SDK_CONNECT_TIMEOUT)
                    .operation_attempt_timeout(SDK_ATTEMPT_TIMEOUT)
                    .operation_timeout(SDK_OPERATION_TIMEOUT)
                    .build(),
            );
        if let Some(profile) = &settings.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &overrides.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let credentials = match overrides.keys {
            Some(_) => None,
            None => Some(credentials::detect(settings.profile.as_deref()).await),
        };
        tracing::info!(
            source = credentials
                .as_ref()
                .map_or("fixed keys", CredentialSource::id),
            "credentials"
        );
        loader = if let Some(keys) = &overrides.keys {
            loader.credentials_provider(aws_sdk_sts::config::Credentials::new(
                keys.access_key_id.clone(),
                keys.secret_access_key.clone(),
                keys.session_token.clone(),
                None,
                "backup-lab-static",
            ))
        } else {
            let mut chain = DefaultCredentialsChain::builder()
                .region(region.clone())
                .imds_client(imds);
            if let Some(profile) = &settings.profile {
                chain = chain.profile_name(profile);
            }
            loader.credentials_provider(chain.build().await)
        };
        let config = loader.load().await;

        let sts = aws_sdk_sts::Client::new(&config);
        let me = sts.get_caller_identity().send().await.map_err(|e| {
            map_sdk_error("GetCallerIdentity", &e).with_credentials(credentials.as_ref())
        })?;
        let todo = TodoClient::new(overrides.todo_connect_timeout, overrides.todo_timeout)?;
        Ok(Self {
            rds: aws_sdk_rds::Client::new(&config),
            ecs: aws_sdk_ecs::Client::new(&config),
            elb: aws_sdk_elasticloadbalancingv2::Client::new(&config),
            sts,
            todo,
            account: me.account().unwrap_or_default().to_owned(),
            region: region.to_string(),
            app_url: settings.app_url.as_deref().map(normalize_base_url),
            load_balancer: settings.load_balancer.clone(),
            todo_base: tokio::sync::OnceCell::new(),
            credentials,
        })
    }

    /// Where the credentials come from (environment, a profile, SSO, the container endpoint…).
    #[must_use]
    pub fn credential_source(&self) -> Option<&CredentialSource> {
        self.credentials.as_ref()
    }
}

// ---------------------------------------------------------------------------------------------
// The todo app: where it is

impl AwsCloud {
    async fn todo_base(&self, operation: &str) -> CloudResult<&str> {
        self.todo_base
            .get_or_try_init(|| async {
                if let Some(url) = &self.app_url {
                    return Ok(url.clone());
                }
                let out = self
                    .elb
                    .describe_load_balancers()
                    .names(&self.load_balancer)
                    .send()
                    .await
                    .map_err(|e| map_sdk_error("DescribeLoadBalancers", &e))?;
                let dns = out
                    .load_balancers()
                    .iter()
                    .find_map(|lb| lb.dns_name())
                    .ok_or_else(|| {
                        error(
                            ErrorKind::NotFound,
                            "LoadBalancerNotFound",
                            format!("Load balancer '{}' not found.", self.load_balancer),
                            "DescribeLoadBalancers",
                        )
                    })?;
                Ok(normalize_base_url(dns))
            })
            .await
            .map(String::as_str)
            .map_err(|e: CloudError| {
                if e.operation.is_empty() {
                    e.in_op(operation)
                } else {
                    e
                }
            })
    }
}

// ---------------------------------------------------------------------------------------------
// The trait

/// Sets what a restore puts on the new instance ([`RestoreSettings`]) on either restore call's
/// builder; both take the same parameters under the same names.
macro_rules! with_restore_settings {
    ($call:expr, $settings:expr) => {{
        let s: &crate::cloud::RestoreSettings = $settings;
        let (storage_type, iops) = restore_storage(s);
        $call
            .db_instance_class(&s.class)
            .multi_az(s.multi_az)
            .set_vpc_security_group_ids(
                (!s.security_groups.is_empty()).then(|| s.security_groups.clone()),
            )
            .set_db_subnet_group_name(s.subnet_group.clone())
            .set_storage_type(storage_type)
            .set_iops(iops)
            .set_db_parameter_group_name(s.parameter_group.clone())
            .set_option_group_name(s.option_group.clone())
            .set_engine_lifecycle_support(s.engine_lifecycle.clone())
            .set_publicly_accessible(s.publicly_accessible)
            .set_copy_tags_to_snapshot(s.copy_tags_to_snapshot)
            .set_storage_throughput(s.storage_throughput.and_then(|n| i32::try_from(n).ok()))
            .set_auto_minor_version_upgrade(s.auto_minor_version_upgrade)
            .set_deletion_protection(s.deletion_protection)
            .set_tags(rds_tags(&s.tags))
    }};
}

#[async_trait]
impl Cloud for AwsCloud {
    fn peek_todos(&self, _instance_id: &str) -> Option<Vec<crate::cloud::Todo>> {
        None
    }
    fn pace(&self) -> crate::cloud::Pace {
        crate::cloud::Pace::Real
    }
    fn control_clock(&self, _change: crate::cloud::ClockControl) -> bool {
        false
    }
    fn mode(&self) -> Mode {
        Mode::Aws {
            account: self.account.clone(),
            region: self.region.clone(),
        }
    }

    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    async fn pause(&self, wall: Duration) {
        tokio::time::sleep(wall).await;
    }

    async fn identity(&self) -> CloudResult<Identity> {
        const OP: &str = "GetCallerIdentity";
        let out = self
            .sts
            .get_caller_identity()
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        Ok(Identity {
            account: out.account().unwrap_or_default().to_owned(),
            region: self.region.clone(),
            arn: out.arn().unwrap_or_default().to_owned(),
        })
    }

    async fn describe_instances(&self) -> CloudResult<Vec<DbInstance>> {
        const OP: &str = "DescribeDBInstances";
        let items = self
            .rds
            .describe_db_instances()
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        Ok(items.iter().map(db_instance).collect())
    }

    async fn describe_snapshots(&self, instance_id: &str) -> CloudResult<Vec<DbSnapshot>> {
        const OP: &str = "DescribeDBSnapshots";
        let items = self
            .rds
            .describe_db_snapshots()
            .db_instance_identifier(instance_id)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        Ok(items.iter().map(db_snapshot).collect())
    }

    async fn find_snapshot(&self, snapshot_id: &str) -> CloudResult<Option<DbSnapshot>> {
        const OP: &str = "DescribeDBSnapshots";
        match self
            .rds
            .describe_db_snapshots()
            .db_snapshot_identifier(snapshot_id)
            .send()
            .await
        {
            Ok(out) => Ok(out.db_snapshots().first().map(db_snapshot)),
            Err(e) => {
                let mapped = map_sdk_error(OP, &e);
                if mapped.kind == ErrorKind::NotFound {
                    Ok(None)
                } else {
                    Err(mapped)
                }
            }
        }
    }

    async fn modify_backup(&self, settings: &BackupSettings) -> CloudResult<DbInstance> {
        const OP: &str = "ModifyDBInstance";
        let retention = i32::try_from(settings.retention_days).map_err(|_| {
            error(
                ErrorKind::Validation,
                "InvalidParameterValue",
                "Retention out of range.",
                OP,
            )
        })?;
        let out = self
            .rds
            .modify_db_instance()
            .db_instance_identifier(&settings.instance_id)
            .backup_retention_period(retention)
            .preferred_backup_window(settings.window_utc.to_string())
            .apply_immediately(settings.apply_immediately)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        out.db_instance()
            .map(db_instance)
            .ok_or_else(|| invalid_response(OP, "DB instance"))
    }

    async fn modify_instance(&self, change: &InstanceChange) -> CloudResult<DbInstance> {
        const OP: &str = "ModifyDBInstance";
        let out = self
            .rds
            .modify_db_instance()
            .db_instance_identifier(&change.instance_id)
            .set_vpc_security_group_ids(change.security_groups.clone())
            .set_multi_az(change.multi_az)
            .set_deletion_protection(change.deletion_protection)
            .apply_immediately(true)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        out.db_instance()
            .map(db_instance)
            .ok_or_else(|| invalid_response(OP, "DB instance"))
    }

    async fn create_snapshot(&self, request: &SnapshotRequest) -> CloudResult<DbSnapshot> {
        const OP: &str = "CreateDBSnapshot";
        let out = self
            .rds
            .create_db_snapshot()
            .db_instance_identifier(&request.instance_id)
            .db_snapshot_identifier(&request.snapshot_id)
            .set_tags(rds_tags(&request.tags))
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        out.db_snapshot()
            .map(db_snapshot)
            .ok_or_else(|| invalid_response(OP, "DB snapshot"))
    }

    async fn restore_from_snapshot(&self, request: &RestoreRequest) -> CloudResult<DbInstance> {
        const OP: &str = "RestoreDBInstanceFromDBSnapshot";
        let call = self
            .rds
            .restore_db_instance_from_db_snapshot()
            .db_instance_identifier(&request.instance_id)
            .db_snapshot_identifier(&request.snapshot_id);
        let out = with_restore_settings!(call, &request.settings)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        out.db_instance()
            .map(db_instance)
            .ok_or_else(|| invalid_response(OP, "DB instance"))
    }

    async fn restore_to_point_in_time(&self, request: &PitrRequest) -> CloudResult<DbInstance> {
        const OP: &str = "RestoreDBInstanceToPointInTime";
        let restore_time = request
            .restore_time
            .map(|t| aws_smithy_types::DateTime::from_secs(t.as_second()));
        let call = self
            .rds
            .restore_db_instance_to_point_in_time()
            .source_db_instance_identifier(&request.source_id)
            .target_db_instance_identifier(&request.target_id)
            .set_restore_time(restore_time)
            .set_use_latest_restorable_time(request.restore_time.is_none().then_some(true));
        let out = with_restore_settings!(call, &request.settings)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        out.db_instance()
            .map(db_instance)
            .ok_or_else(|| invalid_response(OP, "DB instance"))
    }

    async fn delete_instance(&self, instance_id: &str) -> CloudResult<()> {
        const OP: &str = "DeleteDBInstance";
        self.rds
            .delete_db_instance()
            .db_instance_identifier(instance_id)
            .skip_final_snapshot(true)
            .delete_automated_backups(true)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        Ok(())
    }

    async fn delete_snapshot(&self, snapshot_id: &str) -> CloudResult<()> {
        const OP: &str = "DeleteDBSnapshot";
        self.rds
            .delete_db_snapshot()
            .db_snapshot_identifier(snapshot_id)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        Ok(())
    }

    async fn describe_service(&self, cluster: &str, service_name: &str) -> CloudResult<Service> {
        const OP: &str = "DescribeServices";
        let out = self
            .ecs
            .describe_services()
            .cluster(cluster)
            .services(service_name)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        if let Some(found) = out.services().iter().find(|s| {
            s.service_name() == Some(short_name(service_name))
                || s.service_arn() == Some(service_name)
        }) {
            return Ok(service(found, short_name(cluster)));
        }
        let failure = out.failures().first();
        let reason = failure.and_then(|f| f.reason()).unwrap_or("MISSING");
        let detail = failure
            .and_then(|f| f.detail())
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        if reason == "MISSING" {
            Err(error(
                ErrorKind::ServiceNotFound,
                "ServiceNotFoundException",
                format!("Service {service_name} not found in cluster {cluster}{detail}."),
                OP,
            ))
        } else {
            Err(error(
                ErrorKind::Client,
                reason,
                format!("DescribeServices failed for {service_name}: {reason}{detail}"),
                OP,
            ))
        }
    }

    async fn describe_task_definition(&self, reference: &str) -> CloudResult<TaskDefinition> {
        const OP: &str = "DescribeTaskDefinition";
        let capture = CaptureBody::default();
        let out = self
            .ecs
            .describe_task_definition()
            .task_definition(reference)
            .include(TaskDefinitionField::Tags)
            .customize()
            .interceptor(capture.clone())
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        let td = out
            .task_definition()
            .ok_or_else(|| undescribed_task_definition(OP))?;
        Ok(task_definition(td, out.tags(), capture.take().as_deref()))
    }

    async fn list_task_definitions(
        &self,
        listing: &TaskDefinitionListing,
    ) -> CloudResult<TaskDefinitionPage> {
        const OP: &str = "ListTaskDefinitions";
        let out = self
            .ecs
            .list_task_definitions()
            .family_prefix(&listing.family_prefix)
            .status(SdkTaskDefinitionStatus::from(listing.status.as_str()))
            .sort(SortOrder::Asc)
            .set_next_token(listing.next_token.clone())
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        Ok(TaskDefinitionPage {
            arns: out.task_definition_arns().to_vec(),
            next_token: out
                .next_token()
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
        })
    }

    async fn register_task_definition(
        &self,
        registration: &TaskDefinitionRegistration,
    ) -> CloudResult<TaskDefinition> {
        const OP: &str = "RegisterTaskDefinition";
        // The body goes as it is, in the API's JSON: every field of the revision it was
        // described from travels, also those this SDK version does not model.
        let mut input = registration.body.clone();
        let Some(fields) = input.as_object_mut() else {
            return Err(error(
                ErrorKind::Validation,
                "ClientException",
                "The task definition to register has no content.",
                OP,
            ));
        };
        fields.remove("tags");
        if !registration.tags.is_empty() {
            let tags: Vec<serde_json::Value> = registration
                .tags
                .iter()
                .map(|(key, value)| serde_json::json!({ "key": key, "value": value }))
                .collect();
            fields.insert("tags".into(), serde_json::Value::Array(tags));
        }
        let bytes = input.to_string().into_bytes();
        let capture = CaptureBody::default();
        let out = self
            .ecs
            .register_task_definition()
            .family(registration.family())
            .customize()
            .mutate_request(move |request| {
                *request.body_mut() = aws_smithy_types::body::SdkBody::from(bytes.clone());
                request
                    .headers_mut()
                    .insert("content-length", bytes.len().to_string());
            })
            .interceptor(capture.clone())
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        let registered = out
            .task_definition()
            .ok_or_else(|| invalid_response(OP, "task definition"))?;
        let sent: Vec<aws_sdk_ecs::types::Tag> = registration
            .tags
            .iter()
            .map(|(k, v)| aws_sdk_ecs::types::Tag::builder().key(k).value(v).build())
            .collect();
        // moto's answer leaves the tags out; they are the ones sent.
        let tags = if out.tags().is_empty() {
            sent.as_slice()
        } else {
            out.tags()
        };
        Ok(task_definition(registered, tags, capture.take().as_deref()))
    }

    async fn deregister_task_definition(&self, arn: &str) -> CloudResult<()> {
        const OP: &str = "DeregisterTaskDefinition";
        self.ecs
            .deregister_task_definition()
            .task_definition(arn)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        Ok(())
    }

    async fn delete_task_definitions(&self, arns: &[String]) -> CloudResult<()> {
        self.delete_revisions(arns).await
    }

    async fn update_service(
        &self,
        cluster: &str,
        service_name: &str,
        task_definition: &str,
    ) -> CloudResult<Service> {
        const OP: &str = "UpdateService";
        let out = self
            .ecs
            .update_service()
            .cluster(cluster)
            .service(service_name)
            .task_definition(task_definition)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        out.service()
            .map(|s| service(s, short_name(cluster)))
            .ok_or_else(|| invalid_response(OP, "service"))
    }

    async fn describe_service_network(
        &self,
        cluster: &str,
        service_name: &str,
    ) -> CloudResult<super::NetworkConfig> {
        self.service_network(cluster, service_name).await
    }

    async fn run_task(&self, request: &super::RunTaskRequest) -> CloudResult<super::Task> {
        self.start_task(request).await
    }

    async fn describe_task(&self, cluster: &str, task_arn: &str) -> CloudResult<super::Task> {
        self.task(cluster, task_arn).await
    }

    async fn list_todos(&self) -> CloudResult<Vec<Todo>> {
        let base = self.todo_base("TodoList").await?;
        self.todo.list(base).await
    }

    async fn create_todo(&self, title: &str) -> CloudResult<Todo> {
        let base = self.todo_base("TodoCreate").await?;
        self.todo.create(base, title).await
    }

    async fn delete_todo(&self, id: &TodoId) -> CloudResult<()> {
        let base = self.todo_base("TodoDelete").await?;
        self.todo.delete(base, id).await
    }
}
