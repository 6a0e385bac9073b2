//! The text of a cloud error: every error keeps its code and message and gains advice on
//! what to do, for the TUI, the headless commands and the lab's own messages alike.

use crate::cloud::{CloudError, ErrorKind};
use crate::i18n::Id;
use crate::msg;
use crate::text::Text;

/// `error-<kind>` with the code, message, operation, missing permission and where the
/// credentials came from (`source`, `profile`, `file`: what to do about expired ones depends
/// on it).
#[must_use]
pub fn error_text(e: &CloudError) -> Text {
    let source = e.credentials.as_deref();
    Text::new(own_advice(e).unwrap_or(e.kind.text_id()))
        .arg("source", source.map_or("nothing", |s| s.id()))
        .arg(
            "profile",
            source
                .and_then(|s| s.profile())
                .unwrap_or("default")
                .to_owned(),
        )
        .arg(
            "file",
            source
                .and_then(|s| s.file())
                .unwrap_or("~/.aws/credentials")
                .to_owned(),
        )
        .arg("code", e.code.clone())
        .arg("message", e.message.clone())
        .arg(
            "operation",
            if e.operation.is_empty() {
                "-".to_owned()
            } else {
                e.operation.clone()
            },
        )
        .arg(
            "permission",
            e.permission().unwrap_or_else(|| "none".into()),
        )
        .arg("service", answering_service(&e.operation))
}

impl ErrorKind {
    /// The advice for an error of this kind (`error-<kind>`).
    #[must_use]
    pub fn text_id(self) -> Id {
        match self {
            Self::AccessDenied => msg::ERROR_ACCESS_DENIED,
            Self::ExpiredToken => msg::ERROR_EXPIRED_TOKEN,
            Self::NoCredentials => msg::ERROR_NO_CREDENTIALS,
            Self::NoRegion => msg::ERROR_NO_REGION,
            Self::Throttling => msg::ERROR_THROTTLING,
            Self::InvalidState => msg::ERROR_INVALID_STATE,
            Self::AlreadyExists => msg::ERROR_ALREADY_EXISTS,
            Self::NotFound => msg::ERROR_NOT_FOUND,
            Self::ServiceNotFound => msg::ERROR_SERVICE_NOT_FOUND,
            Self::Client => msg::ERROR_CLIENT,
            Self::Validation => msg::ERROR_VALIDATION,
            Self::Server => msg::ERROR_SERVER,
            Self::Network => msg::ERROR_NETWORK,
            Self::Timeout => msg::ERROR_TIMEOUT,
            Self::TodoAnswer => msg::ERROR_TODO_ANSWER,
            Self::LocalState => msg::ERROR_LOCAL_STATE,
            Self::Other => msg::ERROR_OTHER,
        }
    }
}

/// Errors whose code asks for advice of its own, beyond their kind's: refusals that waiting
/// does not cure and that say what to change.
fn own_advice(e: &CloudError) -> Option<Id> {
    // The todo app said no (HTTP 401/403): no IAM role is involved.
    if e.kind == ErrorKind::AccessDenied && answering_service(&e.operation) == "todo" {
        return Some(msg::ERROR_APP_DENIED);
    }
    let code = e.code.strip_suffix("Fault").unwrap_or(&e.code);
    Some(match code {
        "PointInTimeRestoreNotEnabled" => msg::ERROR_PITR_NOT_ENABLED,
        "InvalidRestore" => msg::ERROR_RESTORE_TIME_INVALID,
        "InvalidParameterCombination"
            if e.operation == "DeleteDBInstance"
                && e.message
                    .to_ascii_lowercase()
                    .contains("deletion protection") =>
        {
            msg::ERROR_DELETION_PROTECTED
        }
        _ => return None,
    })
}

/// Which service answered a call, from the table of operations: `rds`, `ecs`, `sts`,
/// `elasticloadbalancing` or `todo` (the todo app), for texts such as `error-client` that name
/// it; `other` for an operation the table does not have.
fn answering_service(operation: &str) -> &'static str {
    crate::cloud::operation::Operation::from_name(operation)
        .map_or("other", |op| op.service().key())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::ErrorKind;
    use crate::i18n::Lang;

    fn refused(operation: &str) -> CloudError {
        CloudError::new(ErrorKind::Client, "Refused", "no").in_op(operation)
    }

    #[test]
    fn the_todo_app_saying_no_is_not_an_iam_role_problem() {
        let e =
            CloudError::new(ErrorKind::AccessDenied, "HTTP 403", "Forbidden").in_op("TodoDelete");
        for lang in [Lang::En, Lang::De] {
            let said = error_text(&e).render(lang);
            assert!(!said.contains("LabRole"), "{said}");
            assert!(said.contains("--app-url"), "{said}");
        }
        let denied = CloudError::new(ErrorKind::AccessDenied, "AccessDenied", "no")
            .in_op("DeleteDBSnapshot");
        assert!(error_text(&denied).render(Lang::En).contains("LabRole"));
    }

    #[test]
    fn a_refused_request_names_the_service_that_answered() {
        for (operation, de, en) in [
            ("RestoreDBInstanceFromDBSnapshot", "RDS hat", "RDS refused"),
            ("UpdateService", "ECS hat", "ECS refused"),
            ("TodoCreate", "Die ToDo-App hat", "The todo app refused"),
            ("GetCallerIdentity", "AWS STS hat", "AWS STS refused"),
            (
                "DescribeLoadBalancers",
                "Elastic Load Balancing hat",
                "Elastic Load Balancing refused",
            ),
        ] {
            let text = error_text(&refused(operation));
            assert!(text.render(Lang::De).starts_with(de), "{operation}");
            assert!(text.render(Lang::En).starts_with(en), "{operation}");
        }
    }

    #[test]
    fn a_denied_call_names_the_iam_action_of_the_service_that_answers_it() {
        let denied = |operation: &str, message: &str| {
            CloudError::new(ErrorKind::AccessDenied, "AccessDenied", message).in_op(operation)
        };
        for (operation, action) in [
            (
                "DescribeLoadBalancers",
                "elasticloadbalancing:DescribeLoadBalancers",
            ),
            ("DeleteTaskDefinitions", "ecs:DeleteTaskDefinitions"),
            (
                "RestoreDBInstanceToPointInTime",
                "rds:RestoreDBInstanceToPointInTime",
            ),
            ("GetCallerIdentity", "sts:GetCallerIdentity"),
        ] {
            assert_eq!(
                denied(operation, "no").permission().as_deref(),
                Some(action)
            );
        }
        // AWS's own words win: the call may need another service's action.
        let tagged = denied(
            "CreateDBSnapshot",
            "User: x is not authorized to perform: rds:AddTagsToResource on resource: y",
        );
        assert_eq!(
            tagged.permission().as_deref(),
            Some("rds:AddTagsToResource")
        );
        // No IAM action for the todo app, and none guessed for a name the table lacks.
        assert_eq!(denied("TodoList", "no").permission(), None);
        assert_eq!(denied("DescribeSomething", "no").permission(), None);
    }
}
