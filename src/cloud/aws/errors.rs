//! From SDK errors to [`CloudError`]: the AWS code and message are kept, the kind decides the
//! advice.

use aws_sdk_rds::error::ProvideErrorMetadata;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use serde_json::Value;

use crate::cloud::{CloudError, ErrorKind, full_message};

pub(super) fn error(
    kind: ErrorKind,
    code: &str,
    message: impl Into<String>,
    operation: &str,
) -> CloudError {
    CloudError::new(kind, code, message).in_op(operation)
}

/// An answer without the resource the call is about ("The answer names no DB instance.").
pub(super) fn invalid_response(operation: &str, what: &str) -> CloudError {
    error(
        ErrorKind::Other,
        "InvalidResponse",
        format!("The answer names no {what}."),
        operation,
    )
}

/// `DescribeTaskDefinition` answered without a task definition (ECS's own wording).
pub(super) fn undescribed_task_definition(operation: &str) -> CloudError {
    error(
        ErrorKind::Client,
        "ClientException",
        "Unable to describe task definition.",
        operation,
    )
}

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
        | "InvalidDBSubnetGroupStateFault" => ErrorKind::InvalidState,
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
        // Refusals that waiting does not cure (the point-in-time ones among them): the
        // request has to change.
        "ClientException"
        | "PointInTimeRestoreNotEnabled"
        | "PointInTimeRestoreNotEnabledFault"
        | "InvalidRestoreFault"
        | "InvalidRestore"
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
        // Point-in-time refusals are no busy resource: waiting does not cure them.
        for code in ["InvalidRestoreFault", "PointInTimeRestoreNotEnabledFault"] {
            assert_eq!(kind_of_code(code), Some(ErrorKind::Client), "{code}");
        }
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
}
