//! The AWS adapter: [`AwsCloud`] implements [`Cloud`] over `aws-sdk-rust` (RDS, ECS, STS, `ELBv2`)
//! and the todo app's HTTP API over reqwest.
//!
//! Map of this file:
//! - settings and connecting: the standard credential chain (environment, profile with SSO
//!   and `credential_process`, web identity, container, instance metadata), but with an
//!   instance-metadata client whose timeouts are short, so that "no credentials" is known in
//!   about a second instead of after half a minute of retries against 169.254.169.254;
//! - the `Cloud` methods, one provider call each, paginated where the API pages;
//! - task definitions: [`AwsCloud::register_revision`] copies every field `RegisterTaskDefinition`
//!   accepts, and the fingerprint is a canonical JSON of the raw `DescribeTaskDefinition`
//!   response (captured by an interceptor), so even fields this SDK version does not model
//!   count when two revisions are compared;
//! - the todo API: base URL from the settings or from the DNS name of the load balancer;
//! - one error mapping, [`map_sdk_error`], from any SDK error to [`CloudError`].
//!
//! Endpoints: `AWS_ENDPOINT_URL` and the per-service `AWS_ENDPOINT_URL_<SERVICE>` variables (and
//! `endpoint_url` in the profile) are honoured by aws-config as usual; [`AwsOverrides`] can set
//! one endpoint for every service programmatically, which the moto tests use because
//! environment variables are shared by all tests of a process.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
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
    ContainerDefinition, DeploymentRolloutState, KeyValuePair, SortOrder, TaskDefinitionField,
    TaskDefinitionStatus,
};
use aws_sdk_rds::error::ProvideErrorMetadata;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::AfterDeserializationInterceptorContextRef;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use jiff::Timestamp;
use serde_json::Value;

use super::credentials::{self, CredentialSource};
use super::todo_api::{self, quote_body};
use super::{
    BackupSettings, Cloud, CloudError, CloudResult, Container, DbInstance, DbSnapshot, Deployment,
    DeploymentStatus, ErrorKind, Identity, Mode, PitrRequest, RestoreRequest, RestoreSettings,
    RolloutState, Service, ServiceEvent, SnapshotKind, SnapshotRequest, TOOL_TAG_KEY,
    TOOL_TAG_VALUE, TaskDefinition, Todo, TodoId, is_reserved_tag,
};

/// Fields `DescribeTaskDefinition` returns that `RegisterTaskDefinition` rejects (FACTS.md).
const NOT_REGISTRABLE: [&str; 8] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
];

/// How many service events [`Service::events`] keeps (newest first).
const KEPT_EVENTS: usize = 20;
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
    http: reqwest::Client,
    account: String,
    region: String,
    app_url: Option<String>,
    load_balancer: String,
    /// Base URL of the todo API once found.
    todo_base: tokio::sync::OnceCell<String>,
    /// Where the credential chain finds the credentials (`None` with fixed test keys).
    credentials: Option<CredentialSource>,
}

fn error(kind: ErrorKind, code: &str, message: impl Into<String>, operation: &str) -> CloudError {
    CloudError::new(kind, code, message).in_op(operation)
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
        let http = reqwest::Client::builder()
            .connect_timeout(overrides.todo_connect_timeout)
            .timeout(overrides.todo_timeout)
            .build()
            .map_err(|e| error(ErrorKind::Other, "HttpClient", e.to_string(), "TodoList"))?;
        Ok(Self {
            rds: aws_sdk_rds::Client::new(&config),
            ecs: aws_sdk_ecs::Client::new(&config),
            elb: aws_sdk_elasticloadbalancingv2::Client::new(&config),
            sts,
            http,
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
// Error mapping

/// The kind of an AWS error code (query protocol codes and JSON protocol exception names).
fn kind_of_code(code: &str) -> Option<ErrorKind> {
    let kind = match code {
        "AccessDenied"
        | "AccessDeniedException"
        | "UnauthorizedOperation"
        | "NotAuthorized"
        | "UnauthorizedException"
        | "OptInRequired" => ErrorKind::AccessDenied,
        "ExpiredToken" | "ExpiredTokenException" | "RequestExpired" | "TokenRefreshRequired" => {
            ErrorKind::ExpiredToken
        }
        "InvalidClientTokenId"
        | "UnrecognizedClientException"
        | "SignatureDoesNotMatch"
        | "IncompleteSignature"
        | "MissingAuthenticationToken"
        | "InvalidSignatureException"
        | "AuthFailure" => ErrorKind::NoCredentials,
        "Throttling"
        | "ThrottlingException"
        | "RequestLimitExceeded"
        | "TooManyRequestsException"
        | "RequestThrottled"
        | "RequestThrottledException"
        | "ProvisionedThroughputExceededException"
        | "SlowDown"
        | "PriorRequestNotComplete" => ErrorKind::Throttling,
        "InvalidDBInstanceState"
        | "InvalidDBInstanceStateFault"
        | "InvalidDBSnapshotState"
        | "InvalidDBSnapshotStateFault"
        | "InvalidDBSubnetGroupStateFault"
        | "PointInTimeRestoreNotEnabled"
        | "PointInTimeRestoreNotEnabledFault"
        | "InvalidRestoreFault" => ErrorKind::InvalidState,
        "DBSnapshotAlreadyExists"
        | "DBSnapshotAlreadyExistsFault"
        | "DBInstanceAlreadyExists"
        | "DBInstanceAlreadyExistsFault" => ErrorKind::AlreadyExists,
        "DBSnapshotNotFound"
        | "DBSnapshotNotFoundFault"
        | "DBInstanceNotFound"
        | "DBInstanceNotFoundFault"
        | "DBSubnetGroupNotFoundFault"
        | "DBParameterGroupNotFound"
        | "DBInstanceAutomatedBackupNotFound"
        | "DBInstanceAutomatedBackupNotFoundFault"
        | "LoadBalancerNotFound"
        | "LoadBalancerNotFoundException" => ErrorKind::NotFound,
        "ServiceNotFoundException" | "ServiceNotActiveException" => ErrorKind::ServiceNotFound,
        "ClientException"
        | "ClusterNotFoundException"
        | "PlatformUnknownException"
        | "PlatformTaskDefinitionIncompatibilityException"
        | "UnsupportedFeatureException"
        | "LimitExceededException"
        | "InstanceQuotaExceeded"
        | "SnapshotQuotaExceeded"
        | "StorageQuotaExceeded"
        | "InsufficientDBInstanceCapacity"
        | "DBSubnetGroupDoesNotCoverEnoughAZs" => ErrorKind::Client,
        "InvalidParameterValue"
        | "InvalidParameterCombination"
        | "InvalidParameterException"
        | "InvalidParameter"
        | "ValidationError"
        | "ValidationException"
        | "MissingParameter"
        | "InvalidVPCNetworkStateFault"
        | "MalformedQueryString"
        | "InvalidAction"
        | "InvalidQueryParameter" => ErrorKind::Validation,
        "ServerException"
        | "InternalFailure"
        | "InternalError"
        | "InternalServerError"
        | "ServiceUnavailable"
        | "ServiceUnavailableException"
        | "Unavailable" => ErrorKind::Server,
        _ => return None,
    };
    Some(kind)
}

/// Whether a chain of error sources tells of missing or unusable credentials.
fn credentials_problem(err: &(dyn std::error::Error + 'static)) -> Option<ErrorKind> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        let debug = format!("{e:?}");
        if debug.contains("CredentialsNotLoaded")
            || debug.contains("ProviderTimedOut")
            || debug.contains("InvalidConfiguration")
            || debug.contains("CredentialsError")
            || debug.contains("ProviderError")
            // An endpoint that cannot be reached (the container endpoint, a process that fails).
            || e.to_string().starts_with("unexpected credentials error")
        {
            let text = format!("{debug} {e}").to_ascii_lowercase();
            return Some(if text.contains("expired") {
                ErrorKind::ExpiredToken
            } else {
                ErrorKind::NoCredentials
            });
        }
        current = e.source();
    }
    None
}

/// Innermost message of an error chain, where the useful text usually is.
fn full_message(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut current = err.source();
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

fn xml_element<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let start = text.find(&format!("<{name}>"))? + name.len() + 2;
    let len = text[start..].find(&format!("</{name}>"))?;
    Some(text[start..start + len].trim())
}

/// Code and message from an error body the SDK could not parse: XML with `<Code>` somewhere
/// (moto's `<ErrorResponse><Errors><Error>`), or JSON with `__type`/`code`.
fn code_from_body(body: &[u8]) -> Option<(String, Option<String>)> {
    let text = std::str::from_utf8(body).ok()?;
    if let Some(code) = xml_element(text, "Code").filter(|c| !c.is_empty()) {
        return Some((
            code.to_owned(),
            xml_element(text, "Message").map(str::to_owned),
        ));
    }
    let json: Value = serde_json::from_str(text).ok()?;
    let code = json
        .get("__type")
        .or_else(|| json.get("code"))
        .and_then(Value::as_str)?;
    let code = code.rsplit('#').next().unwrap_or(code).to_owned();
    let message = json
        .get("message")
        .or_else(|| json.get("Message"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    Some((code, message))
}

/// Maps any SDK error to a [`CloudError`], keeping the AWS code and message.
pub fn map_sdk_error<E>(operation: &str, err: &SdkError<E, HttpResponse>) -> CloudError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let status = err.raw_response().map(|r| r.status().as_u16());
    // The header is the fallback for bodies the SDK cannot parse (moto wraps awsQuery errors
    // in an extra <Errors> element); its value may carry a `ns#` prefix or a `:url` suffix.
    let header_code = err
        .raw_response()
        .and_then(|r| r.headers().get("x-amzn-errortype"))
        .map(|v| {
            v.split(':')
                .next()
                .unwrap_or(v)
                .rsplit('#')
                .next()
                .unwrap_or(v)
                .to_owned()
        })
        .filter(|v| !v.is_empty() && v != "UnknownError");
    let from_body = err
        .raw_response()
        .and_then(|r| r.body().bytes())
        .and_then(code_from_body);
    let code = err
        .code()
        .map(str::to_owned)
        .or(header_code)
        .or_else(|| from_body.as_ref().map(|(c, _)| c.clone()));
    let message = err
        .message()
        .map(str::to_owned)
        .or_else(|| from_body.and_then(|(_, m)| m));
    let (kind, code, message) = match err {
        SdkError::ServiceError(_) => {
            let code =
                code.unwrap_or_else(|| status.map_or_else(|| "Unknown".into(), |s| s.to_string()));
            let kind = kind_of_code(&code).unwrap_or(match status {
                Some(500..=599) => ErrorKind::Server,
                Some(401 | 403) => ErrorKind::AccessDenied,
                Some(429) => ErrorKind::Throttling,
                Some(400..=499) => ErrorKind::Client,
                _ => ErrorKind::Other,
            });
            (kind, code, message.unwrap_or_else(|| full_message(err)))
        }
        SdkError::TimeoutError(_) => (ErrorKind::Timeout, "TimeoutError".into(), full_message(err)),
        SdkError::DispatchFailure(failure) => {
            let kind = if let Some(kind) = credentials_problem(err) {
                kind
            } else if failure.is_timeout() {
                ErrorKind::Timeout
            } else if failure.is_io() {
                ErrorKind::Network
            } else {
                ErrorKind::Other
            };
            let code = match kind {
                ErrorKind::NoCredentials => "NoCredentials",
                ErrorKind::ExpiredToken => "ExpiredToken",
                ErrorKind::Timeout => "TimeoutError",
                ErrorKind::Network => "NetworkError",
                _ => "DispatchFailure",
            };
            (kind, code.into(), full_message(err))
        }
        SdkError::ResponseError(_) => {
            let kind = match status {
                Some(500..=599) => ErrorKind::Server,
                Some(429) => ErrorKind::Throttling,
                _ => ErrorKind::Other,
            };
            let code = status.map_or_else(|| "ResponseError".into(), |s| s.to_string());
            (kind, code, full_message(err))
        }
        SdkError::ConstructionFailure(_) => {
            let kind = credentials_problem(err).unwrap_or(ErrorKind::Validation);
            let code = if kind == ErrorKind::Validation {
                "ConstructionFailure"
            } else {
                "NoCredentials"
            };
            (kind, code.into(), full_message(err))
        }
        _ => (
            ErrorKind::Other,
            code.unwrap_or_else(|| "Unknown".into()),
            full_message(err),
        ),
    };
    tracing::debug!(op = operation, code = %code, kind = ?kind, "aws error");
    error(kind, &code, message, operation)
}

/// Maps a todo API transport failure.
fn map_http_error(operation: &str, err: &reqwest::Error) -> CloudError {
    let (kind, code) = if err.is_timeout() {
        (ErrorKind::Timeout, "TimeoutError")
    } else if err.is_connect() || err.is_request() {
        (ErrorKind::Network, "NetworkError")
    } else if err.is_decode() || err.is_body() {
        (ErrorKind::Other, "InvalidResponse")
    } else {
        (ErrorKind::Network, "NetworkError")
    };
    error(kind, code, full_message(err), operation)
}

// ---------------------------------------------------------------------------------------------
// Conversions

fn timestamp(dt: &aws_smithy_types::DateTime) -> Option<Timestamp> {
    Timestamp::new(dt.secs(), i32::try_from(dt.subsec_nanos()).ok()?).ok()
}

fn non_negative(n: Option<i32>) -> u32 {
    n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

fn db_instance(i: &aws_sdk_rds::types::DbInstance) -> DbInstance {
    let engine = match (i.engine(), i.engine_version()) {
        (Some(engine), Some(version)) => format!("{engine} {version}"),
        (engine, version) => engine.or(version).unwrap_or_default().to_owned(),
    };
    DbInstance {
        id: i.db_instance_identifier().unwrap_or_default().to_owned(),
        status: i.db_instance_status().unwrap_or_default().to_owned(),
        class: i.db_instance_class().unwrap_or_default().to_owned(),
        engine,
        multi_az: i.multi_az().unwrap_or(false),
        retention_days: non_negative(i.backup_retention_period()),
        backup_window: i.preferred_backup_window().map(str::to_owned),
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
    }
}

fn db_snapshot(s: &aws_sdk_rds::types::DbSnapshot) -> DbSnapshot {
    let status = s.status().unwrap_or_default().to_owned();
    let percent = match s.percent_progress() {
        Some(p) => u8::try_from(p.clamp(0, 100)).unwrap_or(0),
        None if status == "available" => 100,
        None => 0,
    };
    DbSnapshot {
        id: s.db_snapshot_identifier().unwrap_or_default().to_owned(),
        instance_id: s.db_instance_identifier().unwrap_or_default().to_owned(),
        status,
        percent,
        kind: if s.snapshot_type() == Some("automated") {
            SnapshotKind::Automated
        } else {
            SnapshotKind::Manual
        },
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
fn rds_tags(tags: &[(String, String)]) -> Option<Vec<aws_sdk_rds::types::Tag>> {
    (!tags.is_empty()).then(|| {
        tags.iter()
            .map(|(k, v)| aws_sdk_rds::types::Tag::builder().key(k).value(v).build())
            .collect()
    })
}

/// The storage parameters of a restore: the type, and provisioned IOPS only where the type
/// takes them as a setting of their own (io1/io2).
fn restore_storage(s: &RestoreSettings) -> (Option<String>, Option<i32>) {
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
fn short_name(arn_or_name: &str) -> &str {
    if arn_or_name.starts_with("arn:") {
        arn_or_name.rsplit('/').next().unwrap_or(arn_or_name)
    } else {
        arn_or_name
    }
}

fn service(s: &aws_sdk_ecs::types::Service, cluster: &str) -> Service {
    let deployments: Vec<Deployment> = s
        .deployments()
        .iter()
        .map(|d| Deployment {
            id: d.id().unwrap_or_default().to_owned(),
            status: match d.status() {
                Some("PRIMARY") => DeploymentStatus::Primary,
                Some("ACTIVE") => DeploymentStatus::Active,
                _ => DeploymentStatus::Inactive,
            },
            task_definition: d.task_definition().unwrap_or_default().to_owned(),
            desired: non_negative(Some(d.desired_count())),
            running: non_negative(Some(d.running_count())),
            pending: non_negative(Some(d.pending_count())),
            rollout: d.rollout_state().and_then(|r| match r {
                DeploymentRolloutState::Completed => Some(RolloutState::Completed),
                DeploymentRolloutState::Failed => Some(RolloutState::Failed),
                DeploymentRolloutState::InProgress => Some(RolloutState::InProgress),
                _ => None,
            }),
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
        status: s.status().unwrap_or_default().to_owned(),
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
            .map(|b| super::CircuitBreaker {
                enable: b.enable(),
                rollback: b.rollback(),
            }),
    }
}

fn containers(defs: &[ContainerDefinition]) -> Vec<Container> {
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
        })
        .collect()
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
fn fingerprint_from_raw(raw: &[u8], known_tags: &[aws_sdk_ecs::types::Tag]) -> Option<String> {
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
fn fingerprint_from_sdk(
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

fn task_definition(
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
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        containers: containers(td.container_definitions()),
        fingerprint: raw
            .and_then(|raw| fingerprint_from_raw(raw, tags))
            .unwrap_or_else(|| fingerprint_from_sdk(td, tags)),
    }
}

/// Keeps the raw body of one response (for the task definition fingerprint).
#[derive(Debug, Clone, Default)]
struct CaptureBody(Arc<Mutex<Option<Vec<u8>>>>);

impl CaptureBody {
    fn take(&self) -> Option<Vec<u8>> {
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

/// `None` for an empty list: Register treats absent and empty alike, and moto stores what it gets.
fn some_if_any<T: Clone>(items: &[T]) -> Option<Vec<T>> {
    (!items.is_empty()).then(|| items.to_vec())
}

/// Revision number at the end of a task definition ARN (`...:task-definition/family:7`).
fn arn_family_revision(arn: &str) -> Option<(&str, u32)> {
    let tail = arn.rsplit_once(":task-definition/")?.1;
    let (family, revision) = tail.rsplit_once(':')?;
    Some((family, revision.parse().ok()?))
}

fn normalize_base_url(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    if url.contains("://") {
        url.to_owned()
    } else {
        format!("http://{url}")
    }
}

// ---------------------------------------------------------------------------------------------
// Todo API helpers

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

    /// Sends a todo API request and returns the body of a 2xx answer.
    async fn todo_request(
        &self,
        operation: &str,
        request: reqwest::RequestBuilder,
    ) -> CloudResult<String> {
        let response = request
            .send()
            .await
            .map_err(|e| map_http_error(operation, &e))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| map_http_error(operation, &e))?;
        if status.is_success() {
            return Ok(body);
        }
        let kind = match status.as_u16() {
            404 => ErrorKind::NotFound,
            401 | 403 => ErrorKind::AccessDenied,
            429 => ErrorKind::Throttling,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Client,
        };
        let reason = status.canonical_reason().unwrap_or("HTTP error");
        let message = if body.trim().is_empty() {
            reason.to_owned()
        } else {
            format!("{reason}: {}", quote_body(&body))
        };
        Err(error(kind, status.as_str(), message, operation))
    }
}

// ---------------------------------------------------------------------------------------------
// The trait

#[async_trait]
impl Cloud for AwsCloud {
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
            .preferred_backup_window(&settings.window_utc)
            .apply_immediately(settings.apply_immediately)
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        out.db_instance().map(db_instance).ok_or_else(|| {
            error(
                ErrorKind::Other,
                "InvalidResponse",
                "The answer names no DB instance.",
                OP,
            )
        })
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
        out.db_snapshot().map(db_snapshot).ok_or_else(|| {
            error(
                ErrorKind::Other,
                "InvalidResponse",
                "The answer names no DB snapshot.",
                OP,
            )
        })
    }

    async fn restore_from_snapshot(&self, request: &RestoreRequest) -> CloudResult<DbInstance> {
        const OP: &str = "RestoreDBInstanceFromDBSnapshot";
        let s = &request.settings;
        let groups = (!s.security_groups.is_empty()).then(|| s.security_groups.clone());
        let (storage_type, iops) = restore_storage(s);
        let out = self
            .rds
            .restore_db_instance_from_db_snapshot()
            .db_instance_identifier(&request.instance_id)
            .db_snapshot_identifier(&request.snapshot_id)
            .db_instance_class(&s.class)
            .multi_az(s.multi_az)
            .set_vpc_security_group_ids(groups)
            .set_db_subnet_group_name(s.subnet_group.clone())
            .set_storage_type(storage_type)
            .set_iops(iops)
            .set_db_parameter_group_name(s.parameter_group.clone())
            .set_option_group_name(s.option_group.clone())
            .set_engine_lifecycle_support(s.engine_lifecycle.clone())
            .set_tags(rds_tags(&s.tags))
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        out.db_instance().map(db_instance).ok_or_else(|| {
            error(
                ErrorKind::Other,
                "InvalidResponse",
                "The answer names no DB instance.",
                OP,
            )
        })
    }

    async fn restore_to_point_in_time(&self, request: &PitrRequest) -> CloudResult<DbInstance> {
        const OP: &str = "RestoreDBInstanceToPointInTime";
        let s = &request.settings;
        let groups = (!s.security_groups.is_empty()).then(|| s.security_groups.clone());
        let (storage_type, iops) = restore_storage(s);
        let restore_time = request
            .restore_time
            .map(|t| aws_smithy_types::DateTime::from_secs(t.as_second()));
        let out = self
            .rds
            .restore_db_instance_to_point_in_time()
            .source_db_instance_identifier(&request.source_id)
            .target_db_instance_identifier(&request.target_id)
            .set_restore_time(restore_time)
            .set_use_latest_restorable_time(request.restore_time.is_none().then_some(true))
            .db_instance_class(&s.class)
            .multi_az(s.multi_az)
            .set_vpc_security_group_ids(groups)
            .set_db_subnet_group_name(s.subnet_group.clone())
            .set_storage_type(storage_type)
            .set_iops(iops)
            .set_db_parameter_group_name(s.parameter_group.clone())
            .set_option_group_name(s.option_group.clone())
            .set_engine_lifecycle_support(s.engine_lifecycle.clone())
            .set_tags(rds_tags(&s.tags))
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        out.db_instance().map(db_instance).ok_or_else(|| {
            error(
                ErrorKind::Other,
                "InvalidResponse",
                "The answer names no DB instance.",
                OP,
            )
        })
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
        let td = out.task_definition().ok_or_else(|| {
            error(
                ErrorKind::Client,
                "ClientException",
                "Unable to describe task definition.",
                OP,
            )
        })?;
        Ok(task_definition(td, out.tags(), capture.take().as_deref()))
    }

    async fn list_task_definitions(&self, family: &str) -> CloudResult<Vec<String>> {
        const OP: &str = "ListTaskDefinitions";
        let arns: Vec<String> = self
            .ecs
            .list_task_definitions()
            .family_prefix(family)
            .status(TaskDefinitionStatus::Active)
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
                let (f, revision) = arn_family_revision(&arn)?;
                (f == family).then_some((revision, arn))
            })
            .collect();
        exact.sort();
        Ok(exact.into_iter().map(|(_, arn)| arn).collect())
    }

    async fn register_revision(
        &self,
        base: &str,
        container: &str,
        name: &str,
        value: &str,
    ) -> CloudResult<TaskDefinition> {
        const OP: &str = "RegisterTaskDefinition";
        let described = self
            .ecs
            .describe_task_definition()
            .task_definition(base)
            .include(TaskDefinitionField::Tags)
            .send()
            .await
            .map_err(|e| map_sdk_error("DescribeTaskDefinition", &e))?;
        let Some(td) = described.task_definition() else {
            return Err(error(
                ErrorKind::Client,
                "ClientException",
                "Unable to describe task definition.",
                OP,
            ));
        };

        let mut defs = td.container_definitions().to_vec();
        let target = defs
            .iter_mut()
            .find(|c| c.name() == Some(container))
            .ok_or_else(|| {
                error(
                    ErrorKind::Client,
                    "ClientException",
                    format!("Container {container} not found in the task definition."),
                    OP,
                )
            })?;
        let environment = target.environment.get_or_insert_with(Vec::new);
        match environment.iter_mut().find(|kv| kv.name() == Some(name)) {
            Some(entry) => entry.value = Some(value.to_owned()),
            None => environment.push(KeyValuePair::builder().name(name).value(value).build()),
        }

        let sent_tags: Vec<aws_sdk_ecs::types::Tag> = described
            .tags()
            .iter()
            .filter(|t| !t.key().is_some_and(is_reserved_tag))
            .cloned()
            .collect();
        // Every field of RegisterTaskDefinitionInput (aws-sdk-ecs 1.111), in its order.
        let capture = CaptureBody::default();
        let out = self
            .ecs
            .register_task_definition()
            .set_family(td.family().map(str::to_owned))
            .set_task_role_arn(td.task_role_arn().map(str::to_owned))
            .set_execution_role_arn(td.execution_role_arn().map(str::to_owned))
            .set_network_mode(td.network_mode().cloned())
            .set_container_definitions(Some(defs))
            .set_volumes(some_if_any(td.volumes()))
            .set_placement_constraints(some_if_any(td.placement_constraints()))
            .set_requires_compatibilities(some_if_any(td.requires_compatibilities()))
            .set_cpu(td.cpu().map(str::to_owned))
            .set_memory(td.memory().map(str::to_owned))
            .set_tags(some_if_any(&sent_tags))
            .set_pid_mode(td.pid_mode().cloned())
            .set_ipc_mode(td.ipc_mode().cloned())
            .set_proxy_configuration(td.proxy_configuration().cloned())
            .set_inference_accelerators(some_if_any(td.inference_accelerators()))
            .set_ephemeral_storage(td.ephemeral_storage().cloned())
            .set_runtime_platform(td.runtime_platform().cloned())
            .set_enable_fault_injection(td.enable_fault_injection())
            .customize()
            .interceptor(capture.clone())
            .send()
            .await
            .map_err(|e| map_sdk_error(OP, &e))?;
        let registered = out.task_definition().ok_or_else(|| {
            error(
                ErrorKind::Other,
                "InvalidResponse",
                "The answer names no task definition.",
                OP,
            )
        })?;
        let tags = if out.tags().is_empty() {
            sent_tags.as_slice()
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
            .ok_or_else(|| {
                error(
                    ErrorKind::Other,
                    "InvalidResponse",
                    "The answer names no service.",
                    OP,
                )
            })
    }

    async fn list_todos(&self) -> CloudResult<Vec<Todo>> {
        const OP: &str = "TodoList";
        let url = format!("{}/api/v1/todos", self.todo_base(OP).await?);
        let body = self.todo_request(OP, self.http.get(&url)).await?;
        todo_api::parse_list(OP, &url, &body)
    }

    async fn create_todo(&self, title: &str) -> CloudResult<Todo> {
        const OP: &str = "TodoCreate";
        let url = format!("{}/api/v1/todos", self.todo_base(OP).await?);
        let payload = serde_json::json!({ "title": title, "completed": false });
        let body = self
            .todo_request(OP, self.http.post(url).json(&payload))
            .await?;
        let value: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        if let Some(todo) = todo_api::created(&value, title) {
            return Ok(todo);
        }
        // The app said "created" without naming the todo: find the newest with this title.
        self.list_todos()
            .await
            .map_err(|e| CloudError {
                operation: OP.into(),
                ..e
            })?
            .into_iter()
            .filter(|t| t.title == title)
            .max_by_key(|t| t.id.clone())
            .ok_or_else(|| {
                error(
                    ErrorKind::Other,
                    "InvalidResponse",
                    format!("Created, but not found: {}", quote_body(&body)),
                    OP,
                )
            })
    }

    async fn delete_todo(&self, id: &TodoId) -> CloudResult<()> {
        const OP: &str = "TodoDelete";
        let base = format!("{}/api/v1/todos/", self.todo_base(OP).await?);
        let mut url = reqwest::Url::parse(&base).map_err(|e| {
            error(
                ErrorKind::Validation,
                "InvalidUrl",
                format!("{base}: {e}"),
                OP,
            )
        })?;
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().push(&id.0);
        }
        self.todo_request(OP, self.http.delete(url)).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_kinds() {
        assert_eq!(
            kind_of_code("DBSnapshotNotFound"),
            Some(ErrorKind::NotFound)
        );
        assert_eq!(
            kind_of_code("ThrottlingException"),
            Some(ErrorKind::Throttling)
        );
        assert_eq!(kind_of_code("ExpiredToken"), Some(ErrorKind::ExpiredToken));
        assert_eq!(
            kind_of_code("ServiceNotFoundException"),
            Some(ErrorKind::ServiceNotFound)
        );
        assert_eq!(
            kind_of_code("ClusterNotFoundException"),
            Some(ErrorKind::Client)
        );
        assert_eq!(kind_of_code("SomethingNew"), None);
    }

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

    #[test]
    fn codes_from_unparsed_bodies() {
        let moto = br#"<?xml version="1.0"?><ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: x is not authorized</Message><Type>Sender</Type></Error></Errors></ErrorResponse>"#;
        assert_eq!(
            code_from_body(moto),
            Some((
                "AccessDenied".into(),
                Some("User: x is not authorized".into())
            ))
        );
        let json =
            br#"{"__type": "com.amazonaws#ThrottlingException", "message": "Rate exceeded"}"#;
        assert_eq!(
            code_from_body(json),
            Some(("ThrottlingException".into(), Some("Rate exceeded".into())))
        );
        assert_eq!(code_from_body(b"<html>bad gateway</html>"), None);
    }

    #[test]
    fn arns_and_urls() {
        assert_eq!(
            arn_family_revision("arn:aws:ecs:us-east-1:1:task-definition/workshop-backend:12"),
            Some(("workshop-backend", 12))
        );
        assert_eq!(
            short_name("arn:aws:ecs:us-east-1:1:cluster/workshop-cluster"),
            "workshop-cluster"
        );
        assert_eq!(
            normalize_base_url("todoApp-1.elb.amazonaws.com/"),
            "http://todoApp-1.elb.amazonaws.com"
        );
        assert_eq!(normalize_base_url("https://x.example"), "https://x.example");
    }
}
